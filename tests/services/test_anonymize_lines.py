"""A detected name never runs on into the next line: the line break and the next line's
first word stay as typed (found by a review: "zaal De Tjonger\\nUitzendwerk" lost both)."""

from casusdesk.services.anonymize import Anonymizer


def _anonymize(text: str) -> str:
    anonymizer = Anonymizer([("Jan de Vries", "KM_1")], [], "de cliënt")
    [detections] = anonymizer.detect_document([text])
    return anonymizer.apply(text, detections)


def test_an_institution_at_the_end_of_a_line_keeps_the_line_break():
    out = _anonymize("Gemeentehuis, zaal De Tjonger\nUitzendwerk als orderpicker\n")
    assert out.startswith("Gemeentehuis, zaal [")
    assert "De Tjonger" not in out
    assert "]\n" in out and out.endswith(" als orderpicker\n")
    assert out.count("\n") == 2


def test_every_line_break_of_a_pasted_signature_survives():
    text = ("Met vriendelijke groet,\nPetra Hoekstra\nWijkteam De Vaart\n"
            "Stationsweg 12\n8401 DK Gorredijk\n")
    out = _anonymize(text)
    assert out.count("\n") == text.count("\n")
    for name in ("Hoekstra", "Stationsweg", "8401", "Gorredijk"):
        assert name not in out
    assert out.startswith("Met vriendelijke groet,\n")


def test_a_street_and_a_number_on_the_next_line_stay_two_lines():
    out = _anonymize("Adres: Kerkstraat\n12 jaar in de schuldhulp geweest\n")
    assert "Kerkstraat" not in out
    assert out.endswith("\n12 jaar in de schuldhulp geweest\n")


def test_the_digits_of_a_postcode_go_with_its_letters():
    out = _anonymize("Nieuw adres: 8401 DK Gorredijk.")
    assert "8401" not in out and "Gorredijk" not in out
    assert "[POSTCODE]" in out
