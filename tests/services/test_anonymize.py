"""Anonymization: known names, deduce, own rules, placeholders, review decisions, leak check.

Tests that need deduce share one session fixture: the first run on a machine builds
deduce's lookup structures (1-2 minutes), later runs load them from the cache (~2 s).
Those tests carry the ``slow`` marker; everything else runs without deduce.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from casusdesk.domain.errors import CasusdeskError, ValidationError
from casusdesk.services import anonymize as anon
from casusdesk.services.anonymize import (
    Anonymizer,
    Detection,
    KnownPerson,
    ReviewDecisions,
    age_band,
    leak_check,
)
from casusdesk.services.anonymize_cli import read_names_file, run_anonymize

KNOWN = [
    ("Jan de Vries", "KM_1"),
    ("Femke van der Berg", "SW_2"),
    ("Pieter Bakker", "KM_2"),
    ("Roos Visser", "SW_1"),
    ("Mieke Smit-de Jong", "WC_1"),
]


@pytest.fixture(scope="session")
def deduce_ready() -> None:
    """Load deduce once per test run (building its cache the first time)."""
    anon.warm_up()


def names_only(**kwargs: object) -> Anonymizer:
    """An Anonymizer without deduce: known names and own rules only."""
    return Anonymizer(KNOWN, client_names=["Anouk Jansen", "Nouk"], use_deduce=False, **kwargs)


@pytest.fixture
def full(deduce_ready: None) -> Anonymizer:
    return Anonymizer(KNOWN, client_names=["Anouk Jansen", "Nouk"])


# --------------------------------------------------------------------------------------
# Known names
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jan de Vries belt de cliënt.", "KM_1 belt de cliënt."),
        ("Vandaag sprak Jan met de werkgever.", "Vandaag sprak KM_1 met de werkgever."),
        ("Volgens De Vries is dat niet nodig.", "Volgens KM_1 is dat niet nodig."),
        ("Mevrouw Van der Berg neemt contact op.", "Mevrouw SW_2 neemt contact op."),
        ("Het verslag van J. de Vries volgt.", "Het verslag van KM_1 volgt."),
        ("Het verslag van J.de Vries volgt.", "Het verslag van KM_1 volgt."),
        ("Het verslag van J.W. de Vries volgt.", "Het verslag van KM_1 volgt."),
        ("Afspraak met Jan de V. gemaakt.", "Afspraak met KM_1 gemaakt."),
        ("Jans collega belt terug.", "KM_1's collega belt terug."),
        ("Femke's voorstel werd overgenomen.", "SW_2's voorstel werd overgenomen."),
        ("De Vries' voorstel werd overgenomen.", "KM_1's voorstel werd overgenomen."),
        ("JAN DE VRIES schreef het plan.", "KM_1 schreef het plan."),
        ("jan en femke overleggen.", "KM_1 en SW_2 overleggen."),
        ("Gesprek met Femke van der\nBerg gepland.", "Gesprek met SW_2 gepland."),
        ("Mw. Smit-de Jong en Pieter Bakker.", "Mw. WC_1 en KM_2."),
        ("Pieter belde met Smit en met De Jong.", "KM_2 belde met WC_1 en met WC_1."),
    ],
)
def test_known_names_in_all_their_forms(text: str, expected: str) -> None:
    assert names_only().anonymize(text) == expected


def test_known_names_only_on_word_boundaries() -> None:
    text = "In januari woonde Janssen in Roosendaal; Jan-Willem en Femkesteijn niet."
    out = names_only().anonymize(text)
    # no known name inside another word: "Janssen" stays; Roosendaal and Femkesteijn
    # are taken by the place and proper-noun rules, never by a participant's code
    assert "januari" in out and "Janssen" in out and "KM_" not in out.replace("Jan-Willem", "")
    assert "Jan-Willem" in out


def test_names_that_are_ordinary_words_need_a_capital() -> None:
    an = names_only()
    assert an.anonymize("Roos belt morgen.") == "SW_1 belt morgen."
    assert an.anonymize("Ze kreeg een rode roos.") == "Ze kreeg een rode roos."
    assert an.anonymize("Hij werkt bij de bakker op de hoek.") == (
        "Hij werkt bij de bakker op de hoek."
    )
    assert an.anonymize("Volgens Bakker klopt het.") == "Volgens KM_2 klopt het."
    # the full name counts in every spelling
    assert an.anonymize("roos visser was er ook") == "SW_1 was er ook"


def test_client_becomes_de_client_with_capital_at_sentence_start() -> None:
    an = names_only()
    assert an.anonymize("Anouk woont alleen. Met Anouk is afgesproken dat ze belt.") == (
        "De cliënt woont alleen. Met de cliënt is afgesproken dat ze belt."
    )
    assert an.anonymize("Gesprek met mevrouw Jansen en Nouk.") == (
        "Gesprek met de cliënt en de cliënt."
    )
    assert an.anonymize("Anouks moeder belt.") == "De cliënts moeder belt."


def test_client_pseudonym() -> None:
    an = Anonymizer([], client_names=["Anouk Jansen"], client_replacement="Sanne",
                    use_deduce=False)
    assert an.anonymize("Anouk Jansen heeft schulden; Anouk wil hulp.") == (
        "Sanne heeft schulden; Sanne wil hulp."
    )


def test_shared_first_name_gets_both_codes() -> None:
    an = Anonymizer([("Jan de Vries", "KM_1"), ("Jan Smit", "SW_3")], use_deduce=False)
    assert an.anonymize("Jan de Vries en Jan Smit; Jan belt.") == "KM_1 en SW_3; KM_1/SW_3 belt."


def test_same_first_name_or_surname_of_someone_else_is_left_to_the_final_check() -> None:
    an = names_only()
    out = an.anonymize("Pieter Dijkstra en Karin Bakker zijn niet Pieter of Bakker.")
    # not "KM_2 Dijkstra" or "Karin KM_2": the fallback rule (or deduce) takes the name
    assert out == "[PERSOON-1] en [PERSOON-2] zijn niet KM_2 of KM_2."
    assert leak_check([out], an.forbidden_terms()) == []
    # what nobody caught, the exporter's final check refuses
    assert leak_check(["Karin Bakker belde"], an.forbidden_terms()) == ["Bakker"]


def test_known_person_objects_and_month_abbreviation() -> None:
    an = Anonymizer([KnownPerson("Jan de Vries", "KM_1")], use_deduce=False)
    out = an.anonymize("Jan belt op 3 jan terug.")
    assert out.startswith("KM_1 belt")
    assert "KM_1 terug" not in out


# --------------------------------------------------------------------------------------
# Own rules (no deduce needed)
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("Bel +31 6 12345678 of 0031 6 1234 5678.", ["12345678", "1234 5678"], ["Bel"]),
        ("Bel 06-12345678, 058-2334455 of (058) 233 44 55.", ["12345678", "2334455", "233 44"], []),
        ("Kenteken 12-ABC-3, eerder AB-123-C en 1-ABC-23.", ["12-ABC-3", "AB-123-C", "1-ABC-23"],
         ["[KENTEKEN]"]),
        ("Leefgeld naar NL91 ABNA 0417 1643 00 of NL02RABO0123456789.",
         ["ABNA", "0417", "RABO"], ["[IBAN]"]),
        ("Postcode 8441 AB, eerder 9001xy.", ["8441", "9001"], ["[POSTCODE]"]),
        ("BSN: 1234.56.782 en klantnummer 2024-00123.", ["1234.56.782", "00123"],
         ["[BSN]", "[NUMMER]"]),
        ("Mail s.jansen@hotmail.com of info@stichting-hulp.eu.", ["jansen", "stichting-hulp"],
         ["[E-MAIL]"]),
        ("Zie https://www.facebook.com/anouk.j.123 voor foto's.", ["facebook", "anouk"], ["[URL]"]),
        ("Ze woont aan de Molenweg, vroeger op de Burgemeester Falkenaweg 3a.",
         ["Molenweg", "Falkenaweg", "3a"], ["[ADRES-1]", "[ADRES-2]"]),
        ("Ze woont in de Schilderswijk, daarvoor in de wijk Feijenoord en in Amsterdam-Noord.",
         ["Schilderswijk", "Feijenoord", "Amsterdam-Noord"], ["[WIJK-1]", "[WIJK-2]", "[WIJK-3]"]),
        ("De kinderen zitten op basisschool De Regenboog en het Dockinga College.",
         ["Regenboog", "Dockinga"], ["basisschool [SCHOOL-1]", "het [SCHOOL-2]"]),
        ("Haar zoon Taras is 8 en haar dochter van 15 wil werken.", ["Taras", "15"],
         ["zoon [PERSOON-1]", "dochter van 12-17"]),
    ],
)
def test_own_rules(text: str, gone: list[str], kept: list[str]) -> None:
    out = names_only().anonymize(text)
    for piece in gone:
        assert piece not in out, out
    for piece in kept:
        assert piece in out, out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Op 12 maart belde ze.", "In maart belde ze."),
        ("Het gesprek was op 3 juni 2021.", "Het gesprek was in juni 2021."),
        ("Aanvraag ingediend 12-03-2024, besluit 2024-04-02.",
         "Aanvraag ingediend maart 2024, besluit april 2024."),
        # the weekday identifies nobody and stays (the notes say "vrijdag" as a day)
        ("Uiterlijk vrijdag 15 april reageren.", "Uiterlijk vrijdag in april reageren."),
        ("Zij is geboren op 3-6-1985.", "Zij is geboren in de jaren 80."),
        ("Afspraak op 12/3 om 10.00 uur.", "Afspraak in maart om 10.00 uur."),
        ("Sinds januari 2024 en in 2019 niet.", "Sinds januari 2024 en in 2019 niet."),
        ("Brief van 3 jun. '21 kwijt.", "Brief van juni '21 kwijt."),
    ],
)
def test_dates_are_generalised_to_month_and_year(text: str, expected: str) -> None:
    assert names_only().anonymize(text) == expected


def test_age_in_parentheses_becomes_a_band() -> None:
    an = names_only()
    assert an.anonymize("Anouk (34) en Roos Visser (42).") == "De cliënt (27-39) en SW_1 (40-49)."
    assert an.anonymize("Zie bijlage (3) en artikel 2 (1).") == "Zie bijlage (3) en artikel 2 (1)."


@pytest.mark.parametrize(
    ("age", "band"),
    [(0, "0-3"), (3, "0-3"), (11, "4-11"), (17, "12-17"), (18, "18-20"), (26, "21-26"),
     (27, "27-39"), (45, "40-49"), (66, "60-66"), (67, "67+"), (94, "67+"), (130, None)],
)
def test_age_bands(age: int, band: str | None) -> None:
    assert age_band(age) == band


# --------------------------------------------------------------------------------------
# deduce plus everything: realistic sentences from the social domain
# --------------------------------------------------------------------------------------

SENTENCES = [
    ("Mevrouw Jansma (42) woont sinds 3 juni 2021 aan de Kerkstraat 12 in Heerenveen; "
     "bel haar op 06-12345678.",
     ["Jansma", "42", "3 juni", "Kerkstraat", "Heerenveen", "12345678"],
     ["juni 2021", "(40-49)", "Mevrouw [PERSOON-1]"]),
    ("Meneer Yilmaz woont sinds 2019 in Amsterdam-Noord en is bekend bij Veilig Thuis.",
     ["Yilmaz", "Amsterdam"], ["Veilig Thuis", "2019"]),
    ("Sanne (34) heeft twee kinderen op basisschool De Regenboog in de wijk Vogelwijk.",
     ["Sanne", "34", "Regenboog", "Vogelwijk"], ["basisschool", "(27-39)"]),
    ("Haar zoon Taras zit op het Dockinga College in Dokkum.",
     ["Taras", "Dockinga", "Dokkum"], ["zoon"]),
    ("Hij is bereikbaar via +31 6 12345678 of 0031 6 1234 5678, ook op (058) 233 44 55.",
     ["12345678", "1234 5678", "233 44 55"], ["[TELEFOON]"]),
    ("De bewindvoerder maakt het leefgeld over naar NL91 ABNA 0417 1643 00.",
     ["NL91", "ABNA", "0417"], ["bewindvoerder", "[IBAN]"]),
    ("BSN 123456782 staat in het dossier, klantnummer 2024-00123.",
     ["123456782", "00123"], ["[BSN]", "[NUMMER]"]),
    ("Zij woont op postcode 8441 AB in Heerenveen, vlakbij de Molenweg.",
     ["8441", "Heerenveen", "Molenweg"], ["[POSTCODE]"]),
    ("De auto met kenteken 12-ABC-3 is door de deurwaarder opgehaald.",
     ["12-ABC-3"], ["deurwaarder", "[KENTEKEN]"]),
    ("Mail het plan naar j.devries@gemeente-utrecht.nl en zie https://www.facebook.com/jd.123.",
     ["devries", "facebook"], ["[E-MAIL]", "[URL]"]),
    ("Op 12 maart had de cliënte een gesprek met Veilig Thuis.",
     ["12 maart"], ["In maart", "Veilig Thuis"]),
    ("Geboren op 3-6-1985 in Leeuwarden, sinds 2015 woonachtig in Sneek.",
     ["3-6", "Leeuwarden", "Sneek"], ["Geboren in de jaren 80"]),
    ("Ahmed en Fatima El Amrani wonen met hun dochter van 8 in de Schilderswijk.",
     ["Ahmed", "Fatima", "Amrani", "van 8 ", "Schilderswijk"], ["dochter van 4-11"]),
    ("De jongen van 16 jaar is via het CJG bij de jeugdconsulent terechtgekomen.",
     ["16"], ["CJG", "jeugdconsulent", "12-17 jaar"]),
    ("Zij wordt begeleid door Lentis en zat eerder bij Accare.",
     ["Lentis", "Accare"], ["[INSTELLING-1]", "[INSTELLING-2]"]),
    ("Mw. Dijkstra-de Haan (81) woont in verzorgingshuis De Hoeve in Drachten.",
     ["Dijkstra", "Haan", "81", "Hoeve", "Drachten"], ["verzorgingshuis", "67+"]),
    ("Oksana Kovalenko kwam in 2022 naar Nederland; Oksana volgt nu een taalcursus.",
     ["Oksana", "Kovalenko"], ["in 2022"]),
    ("Hij heeft schulden bij de Belastingdienst en het CAK; de bewindvoerder, mr. K. Hoekstra, "
     "belt 058-2334455.",
     ["Hoekstra", "2334455"], ["Belastingdienst", "CAK", "bewindvoerder"]),
    ("Afspraak: Klantmanager Pieter Dijkstra neemt vóór 15 april contact op met het UWV.",
     ["Pieter", "Dijkstra", "15 april"], ["Klantmanager [PERSOON-1]", "april", "UWV"]),
    ("In de Indische Buurt in Amsterdam wonen veel gezinnen met een bijstandsuitkering.",
     ["Indische", "Amsterdam"], ["bijstandsuitkering"]),
    ("Zijn ex, Marieke Schaap, woont met de kinderen in Groningen-Zuid.",
     ["Marieke", "Schaap", "Groningen"], ["Zijn ex"]),
    ("Sinds 1 januari 2023 krijgt de heer Visscher bijzondere bijstand; hij is 55 jaar.",
     ["Visscher", "1 januari", "55"],
     ["januari 2023", "de heer [PERSOON-1]", "50-59 jaar", "bijzondere bijstand"]),
    ("Karin en Mark van de Wmo-consulent hebben overleg met Lisa van het jongerenwerk.",
     ["Karin", "Mark", "Lisa"], ["van de Wmo-consulent", "jongerenwerk"]),
    ("Hij is al 3 jaar werkloos en zit 2 jaar in de schuldhulpverlening.",
     [], ["al 3 jaar werkloos", "zit 2 jaar in de schuldhulpverlening"]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "gone", "kept"), SENTENCES)
def test_personal_data_in_realistic_sentences(
    full: Anonymizer, text: str, gone: list[str], kept: list[str]
) -> None:
    out = full.anonymize(text)
    for piece in gone:
        assert piece not in out, f"{piece!r} bleef staan in: {out}"
    for piece in kept:
        assert piece in out, f"{piece!r} ontbreekt in: {out}"


ROLE_SENTENCES = [
    "De klantmanager Werk & Inkomen en de sociaal werker bespreken de Participatiewet en de Wmo.",
    "MEE, het UWV, de GGZ, het CJG en Veilig Thuis zijn betrokken bij dit gezin.",
    "De schuldhulpverlening valt onder de Wet gemeentelijke schuldhulpverlening; de Jeugdwet "
    "geldt voor de kinderen.",
    "De Wmo-consulent vraagt de jeugdconsulent om een keukentafelgesprek.",
    "Gespreksleider: wat heeft de casusinbrenger nodig van de klantmanager?",
    "Het Werkplein en de Sociale Dienst werken samen met de Voedselbank.",
    "De Raad voor de Kinderbescherming en de gezinsvoogd van de Jeugdbescherming overleggen.",
    "KM_1 en SW_2 spreken af dat de bewindvoerder de Belastingdienst belt over de toeslagen.",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", ROLE_SENTENCES)
def test_roles_laws_and_organisations_are_kept(full: Anonymizer, text: str) -> None:
    assert full.detect(text) == []


@pytest.mark.slow
def test_known_names_win_over_deduce_and_keep_the_role(full: Anonymizer) -> None:
    out = full.anonymize("Klantmanager Pieter Bakker sprak met Anouk en haar buurman Kees Kramer.")
    assert out == "Klantmanager KM_2 sprak met de cliënt en haar buurman [PERSOON-1]."


@pytest.mark.slow
def test_pseudonym_and_codes_are_not_detected_again(deduce_ready: None) -> None:
    an = Anonymizer([("Jan de Vries", "KM_1")], client_names=["Anouk Jansen"],
                    client_replacement="Sanne")
    assert an.anonymize("Sanne en KM_1 spreken Anouk Jansen.") == "Sanne en KM_1 spreken Sanne."


# --------------------------------------------------------------------------------------
# Placeholders
# --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_placeholders_are_consistent_across_the_document(full: Anonymizer) -> None:
    parts = [
        "Mevrouw Jansma woont in Heerenveen.",
        "Anna Jansma belt haar broer Kees Kramer; Jansma wil verhuizen naar Sneek.",
        "Later zei Kramer dat Heerenveen te duur is.",
    ]
    found = full.detect_document(parts)
    out = [Anonymizer.apply(t, d) for t, d in zip(parts, found)]
    assert out == [
        "Mevrouw [PERSOON-1] woont in [PLAATS-1].",
        "[PERSOON-1] belt haar broer [PERSOON-2]; [PERSOON-1] wil verhuizen naar [PLAATS-2].",
        "Later zei [PERSOON-2] dat [PLAATS-1] te duur is.",
    ]
    # running the same document again gives the same numbers (review screen == export)
    assert full.detect_document(parts) == found


def test_numbering_continues_between_calls_and_can_restart() -> None:
    an = names_only()
    assert an.anonymize("Ze woont aan de Molenweg.") == "Ze woont aan de [ADRES-1]."
    assert an.anonymize("Niet meer aan de Dorpsstraat.") == "Niet meer aan de [ADRES-2]."
    assert an.anonymize("Toch weer de Molenweg.") == "Toch weer de [ADRES-1]."
    an.reset_placeholders()
    assert an.anonymize("Niet meer aan de Dorpsstraat.") == "Niet meer aan de [ADRES-1]."


# --------------------------------------------------------------------------------------
# Review decisions
# --------------------------------------------------------------------------------------


def test_unmark_applies_to_every_occurrence() -> None:
    an = names_only()
    text = "Ze woont aan de Molenweg. Het Kerkplein is dichtbij; op de Molenweg is het druk."
    first = an.detect(text)
    molenweg = next(d for d in first if d.text == "Molenweg")
    decisions = ReviewDecisions()
    decisions.unmark_detection(molenweg)
    again = an.detect(text, decisions)
    assert [d.text for d in again] == ["Kerkplein"]


def test_marked_text_is_replaced_everywhere_in_any_case() -> None:
    an = names_only()
    decisions = ReviewDecisions()
    decisions.mark("Huize Zonnestraal")
    decisions.mark("de Blauwe Kamer", kind="instelling")
    parts = ["Ze woont in Huize Zonnestraal.", "huize zonnestraal belt; ook de Blauwe Kamer."]
    found = an.detect_document(parts, decisions)
    out = [Anonymizer.apply(t, d) for t, d in zip(parts, found)]
    assert out == ["Ze woont in [ANONIEM-1].", "[ANONIEM-1] belt; ook [INSTELLING-1]."]
    assert {d.source for d in found[1]} == {"handmatig"}


def test_decisions_round_trip_through_json_and_undo() -> None:
    decisions = ReviewDecisions()
    decisions.unmark("Albert Heijn", "persoon")
    decisions.mark("De Regenboog", kind="instelling", replacement="[SCHOOL]")
    decisions.mark("Huize Zonnestraal")
    restored = ReviewDecisions.from_json(decisions.to_json())
    assert restored == decisions
    assert restored.is_unmarked("albert  heijn", "persoon")
    # marking undoes an un-mark, un-marking a manual mark removes it
    restored.mark("Albert Heijn", kind="persoon")
    assert not restored.is_unmarked("Albert Heijn", "persoon")
    restored.unmark("Huize Zonnestraal", "handmatig")
    assert [m.text for m in restored.marked] == ["De Regenboog", "Albert Heijn"]
    assert json.loads(restored.to_json())["marked"][0]["replacement"] == "[SCHOOL]"


def test_bad_decisions_are_refused_in_dutch() -> None:
    with pytest.raises(ValidationError, match="onleesbaar"):
        ReviewDecisions.from_json("{niet json")
    with pytest.raises(ValidationError, match="Onbekende soort"):
        ReviewDecisions.from_dict({"unmarked": [{"text": "x", "kind": "geheim"}]})
    with pytest.raises(ValidationError):
        ReviewDecisions().mark("   ")


@pytest.mark.slow
def test_unmark_a_deduce_detection(full: Anonymizer) -> None:
    text = "Ze werkt bij Albert Heijn in Sneek; Albert Heijn betaalt slecht."
    decisions = ReviewDecisions()
    for det in full.detect(text):
        if det.text == "Albert Heijn":
            decisions.unmark_detection(det)
    assert full.anonymize(text, decisions) == (
        "Ze werkt bij Albert Heijn in [PLAATS-1]; Albert Heijn betaalt slecht."
    )


# --------------------------------------------------------------------------------------
# apply and the final leak check
# --------------------------------------------------------------------------------------


def test_apply_refuses_stale_or_overlapping_detections() -> None:
    text = "Jan de Vries belt."
    stale = Detection(0, 3, "Piet", "persoon", "[PERSOON-1]", "deduce")
    with pytest.raises(ValueError):
        Anonymizer.apply(text, [stale])
    a = Detection(0, 12, "Jan de Vries", "eigen", "KM_1", "bekend")
    b = Detection(4, 12, "de Vries", "eigen", "KM_1", "bekend")
    with pytest.raises(ValueError):
        Anonymizer.apply(text, [a, b])


def test_leak_check_finds_a_name_put_back() -> None:
    an = names_only()
    clean = an.anonymize("Jan de Vries en Anouk bespreken het plan met Femke.")
    assert leak_check([clean], an.forbidden_terms()) == []
    leaked = clean + "\nNagekomen: femke VAN DER BERG belt nog."
    found = leak_check([clean, leaked], an.forbidden_terms())
    assert "Femke van der Berg" in found and "Femke" in found
    assert leak_check(["Dat was Jans idee."], an.forbidden_terms()) == ["Jan"]


def test_leak_check_follows_the_capital_rule_for_ordinary_words() -> None:
    an = names_only()
    terms = an.forbidden_terms()
    assert leak_check(["Hij werkt bij de bakker; een rode roos."], terms) == []
    assert leak_check(["Gesprek met Bakker."], terms) == ["Bakker"]
    assert leak_check(["roos visser"], terms) == ["Roos Visser"]


def test_forbidden_terms_include_flagged_spans_but_not_dates() -> None:
    an = names_only()
    text = "Ze woont aan de Molenweg sinds 12 maart 2020 en is 45 jaar."
    detections = an.detect(text)
    terms = an.forbidden_terms(detections)
    assert "Molenweg" in terms and "Jan de Vries" in terms and "de Vries" in terms
    assert not any("maart" in t for t in terms)
    assert leak_check(["Nu woont ze aan de Molenweg."], terms) == ["Molenweg"]


# --------------------------------------------------------------------------------------
# deduce loading
# --------------------------------------------------------------------------------------


def test_importing_the_module_does_not_load_deduce() -> None:
    code = (
        "import sys, casusdesk.services.anonymize as a, casusdesk.services.anonymize_cli;"
        "print('deduce' in sys.modules, a.is_ready())"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False False"


@pytest.mark.slow
def test_warm_up_is_idempotent_and_leaves_logging_alone(deduce_ready: None) -> None:
    assert anon.is_ready()
    assert anon.warm_up() == 0.0
    root = logging.getLogger()
    assert not any(
        getattr(h, "stream", None) is sys.stdout for h in root.handlers
    ), "deduce's logging.basicConfig(stream=sys.stdout) leaked into the program"


@pytest.mark.slow
def test_needs_build_reads_the_prepared_file(tmp_path: Path, deduce_ready: None) -> None:
    assert anon.needs_build(tmp_path)
    (tmp_path / "deid-light.bin").write_bytes(b"x")
    assert anon.needs_build(tmp_path)
    assert not anon.needs_build()  # the user's cache, prepared by deduce_ready


def test_cache_dir_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(anon.DEDUCE_CACHE_ENV, str(tmp_path))
    assert anon.default_cache_dir() == tmp_path


# --------------------------------------------------------------------------------------
# CLI service
# --------------------------------------------------------------------------------------


def write_names(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "namen.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_names_file_skips_comments_and_blank_lines(tmp_path: Path) -> None:
    path = write_names(tmp_path, "# deelnemers\n\nJan de Vries\n  Femke van der Berg = SW_2 \n")
    assert read_names_file(path) == [
        KnownPerson("Jan de Vries", "[NAAM-1]"), KnownPerson("Femke van der Berg", "SW_2"),
    ]


@pytest.mark.parametrize("content", [None, b"Jos\xe9 Mart\xednez\n"])
def test_missing_or_unreadable_names_file(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "namen.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CasusdeskError, match="namenbestand"):
        run_anonymize("tekst", path, as_json=False)
    with pytest.raises(CasusdeskError, match="map"):
        run_anonymize("tekst", tmp_path, as_json=False)


@pytest.mark.slow
def test_run_anonymize_text_and_json(tmp_path: Path, deduce_ready: None) -> None:
    path = write_names(tmp_path, "Jan de Vries\nFemke van der Berg = SW_2\n")
    text = "Jan belt Femke's cliënt in Heerenveen op 06-12345678.\n"
    assert run_anonymize(text, path, as_json=False) == (
        "[NAAM-1] belt SW_2's cliënt in [PLAATS-1] op [TELEFOON].\n"
    )
    detections = json.loads(run_anonymize(text, path, as_json=True))
    assert [d["kind"] for d in detections] == ["eigen", "eigen", "plaats", "telefoon"]
    assert set(detections[0]) == {"start", "end", "text", "kind", "replacement"}
    for d in detections:
        assert text[d["start"]:d["end"]] == d["text"]


def test_surname_core_that_is_an_ordinary_word_needs_its_particles():
    """'Meer tijd' at the start of a sentence is not about Anouk van der Meer."""
    anonymizer = Anonymizer([("Anouk van der Meer", "SHV_1")], use_deduce=False)
    text = "Meer tijd voor de casus. Anouk van der Meer en mevrouw Van der Meer kwamen."
    out = anonymizer.anonymize(text)
    assert out.startswith("Meer tijd voor de casus.")
    assert "Anouk" not in out and "van der Meer" not in out and "Van der Meer" not in out
    assert out.count("SHV_1") == 2


@pytest.mark.slow
def test_a_trade_after_a_school_level_is_not_a_person():
    anonymizer = Anonymizer([], use_deduce=True)
    out = anonymizer.anonymize("Hij begint aan mbo-2 Bouw en later aan mbo-3 Techniek.")
    assert "mbo-2 Bouw" in out and "mbo-3 Techniek" in out
