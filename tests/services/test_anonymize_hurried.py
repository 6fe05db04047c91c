"""Hurried lowercase notes, housing corporations, bare ages and speech-to-text numbers:
the rules of recall.extra_candidates, checked on what ends up in the output."""

from __future__ import annotations

import pytest

from casusdesk.services.anonymize import Anonymizer


@pytest.fixture(scope="module")
def rules() -> Anonymizer:
    return Anonymizer([("Lotte Hendriks", "KM_1")], client_names=["Gerrit Mol"],
                      use_deduce=False)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("verhuisd van amersfoort naar een flat", "amersfoort"),
        ("familie woont nog in krakau, hij niet", "krakau"),
        ("daarna tijdje bij vriend in groningen gezeten", "groningen"),
        ("vriendin yasmina komt vaak langs", "yasmina"),
        ("opgehaald door kimberley, zijn tante", "kimberley"),
    ],
)
def test_lowercase_place_or_first_name_is_caught(rules: Anonymizer, text: str, gone: str) -> None:
    out = rules.anonymize(text)
    assert gone not in out.casefold(), out


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("nieuw adres: biltstraat 117 bis", "biltstraat 117"),
        ("woont op prinses irenelaan 3", "irenelaan 3"),
        ("oud adres burg. reigerstraat 55a", "reigerstraat 55"),
        ("brief naar oosterkade 9", "oosterkade 9"),
    ],
)
def test_lowercase_street_with_house_number_is_an_address(rules: Anonymizer, text: str,
                                                          street: str) -> None:
    out = rules.anonymize(text)
    assert street.split()[0] not in out and "ADRES" in out, out


@pytest.mark.parametrize(
    "text",
    [
        "een steile helling naar de deur",
        "de balk in het plafond is rot",
        "afspraak om 10 uur in kamer 12",
        "zit al 4 jaar in de schuldsanering, over 1 jaar evalueren",
        "woont hier 3 jaar en werkt er 2 jaar",
        "Bel morgen de wijkagent.",
        "wil beschermd wonen of Begeleid Wonen",
        "punten: (1) huur, (2) energie",
        "eHealth op de iPad",
    ],
)
def test_ordinary_words_numbers_and_durations_stay(rules: Anonymizer, text: str) -> None:
    assert rules.anonymize(text) == text


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("verhuurder is Eigen Haard Wonen sinds mei", "Eigen Haard"),
        ("contact met Zuidwestwonen over de reparatie", "Zuidwestwonen"),
        ("klacht ingediend bij woonstichting Centrada", "Centrada"),
        ("aanvraag loopt via het portaal mijnKlantdossier", "mijnKlantdossier"),
    ],
)
def test_housing_corporations_and_brand_names_are_caught(rules: Anonymizer, text: str,
                                                         gone: str) -> None:
    out = rules.anonymize(text)
    assert gone not in out, out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("de oudste is nu 15, gaat naar het mbo", "15"),
        ("dochter bijna 9, zoon 4", "9"),
        ("baby 5 mnd oud, slaapt slecht", "5 mnd"),
        ("neef Tarik (31) helpt met de verhuizing", "31"),
        ("zus wordt 13 in juni", "13"),
        ("buurvrouw Anneke, 71, kijkt mee", "71"),
        ("moeder °1962 woont in het verpleeghuis", "1962"),
        ("vader geb. 1958, overleden", "1958"),
    ],
)
def test_bare_ages_and_birth_years_are_caught(rules: Anonymizer, text: str, gone: str) -> None:
    out = rules.anonymize(text)
    assert gone not in out, out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("ze is eenenveertig jaar en heeft drie kinderen", "eenenveertig"),
        ("hij woont op huisnummer zevenentwintig", "zevenentwintig"),
        ("bereikbaar op nul zes vier vier drie twee een nul negen acht", "vier vier drie"),
        ("ze is geboren in negentienzesentachtig", "negentienzesentachtig"),
    ],
)
def test_numbers_written_out_by_speech_to_text(rules: Anonymizer, text: str, gone: str) -> None:
    out = rules.anonymize(text)
    assert gone not in out, out


def test_a_duration_written_out_stays(rules: Anonymizer) -> None:
    text = "hij werkt al drie jaar niet en heeft twee kinderen"
    assert rules.anonymize(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "Ze heeft 7 jaar gewerkt. Na 1 jaar stopte ze.",
        "contract voor 2 jaar, daarna 1 jaar verlenging",
        "woont hier 3 jaar en werkt er 2 jaar",
        "Bel morgen de wijkagent.",
    ],
)
def test_durations_and_bel_stay_with_deduce(text: str) -> None:
    from casusdesk.services import anonymize as anon

    anon.warm_up()
    full = Anonymizer([("Lotte Hendriks", "KM_1")], client_names=["Gerrit Mol"])
    assert full.anonymize(text) == text


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("verhuisd naar burg. van den boschlaan 7", "boschlaan"),
        ("nu op korte nieuwstraat 14", "korte nieuwstraat"),
    ],
)
def test_titled_and_multiword_lowercase_streets(rules: Anonymizer, text: str, gone: str) -> None:
    out = rules.anonymize(text)
    assert gone not in out and "van den" not in out, out


def test_unknown_word_at_sentence_start_is_a_name_but_compounds_stay(rules: Anonymizer) -> None:
    out = rules.anonymize("Domijn stuurt een brief. Schuldhulp gestart. Huisbezoek gepland.")
    assert "Domijn" not in out
    assert "Schuldhulp gestart. Huisbezoek gepland." in out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("buurman, achtenzeventig jaar, doet de boodschappen", "achtenzeventig"),
        ("zoon (dertien jaar) zit thuis", "dertien"),
        ("woont nu op dorpsstraat vijftien", "dorpsstraat"),
        ("het jongste kind, bijna 5, gaat naar de opvang", "5"),
    ],
)
def test_more_written_out_ages_streets_and_almost_ages(rules: Anonymizer, text: str,
                                                       gone: str) -> None:
    out = rules.anonymize(text)
    assert gone not in out, out


@pytest.mark.parametrize(
    "text",
    [
        "Twintig jaar werkzaam bij de gemeente.",
        "al vijfentwintig jaar getrouwd, zeventien jaar geleden verhuisd",
        "ze werkt er bijna 6 jaar",
    ],
)
def test_written_out_durations_stay(rules: Anonymizer, text: str) -> None:
    assert rules.anonymize(text) == text
