"""Registered people written by their initials, as hurried notes do ("MK:", "IvG vindt",
"JW belt"), go like their names; a code prefix or a law written the same way stays."""

from casusdesk.services.anonymize import Anonymizer


def _anonymize(text: str) -> str:
    anonymizer = Anonymizer(
        [("Marieke Kok", "KM_1"), ("Ingrid van Gelder", "SW_1"), ("Jan-Willem Bos", "GGZ_1"),
         ("Wim Wouters", "KM_2")], ["Kees Mulder"], "meneer M.")
    [detections] = anonymizer.detect_document([text])
    return anonymizer.apply(text, detections)


def test_initials_of_participants_are_replaced_by_their_codes():
    out = _anonymize("MK: ik zie dat anders.\nIvG vindt het te snel, IVG belt. JW en JWB ook.")
    assert out == "KM_1: ik zie dat anders.\nSW_1 vindt het te snel, SW_1 belt. GGZ_1 en GGZ_1 ook."


def test_code_prefixes_laws_and_lowercase_letters_stay():
    text = "KM heeft gebeld over de WW-uitkering; mk is geen afkorting. De KM en de SW overleggen."
    assert _anonymize(text) == text
