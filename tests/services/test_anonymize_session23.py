"""Rules of the twenty-third stop, from what the unseen sets M and N showed: ages
right after a person, ages written out, a life line ordered by age, a genogram,
lowercase neighbourhoods, abbreviations of notes. Written anew, with other names."""

from __future__ import annotations

import re

import pytest

from casusdesk.services.anonymize import Anonymizer
from tests.helpers.terms import gone as _gone


@pytest.fixture(scope="module")
def rules() -> Anonymizer:
    return Anonymizer([("Ilse Brouwer", "KM_1"), ("Joost Verhagen", "KM_2")],
                      client_names=["Rianne de Groot", "Rianne"],
                      client_replacement="mevrouw G.")


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Kinderen: Sem (12-17) en Lotte 10, op de basisschool.", "10"),
        ("Kinderen: Sem elf, Lotte negen jaar.", "elf"),
        ("Kinderen: Sem elf, Lotte negen jaar.", "negen jaar"),
        ("Haar zoon Bram zestien, zit op het vmbo.", "zestien"),
        ("mevrouw G., 47 jaar, woont alleen.", "47 jaar"),
        ("het gaat over mevrouw G., achtenvijftig, weduwe.", "achtenvijftig"),
        ("Hij is bang dat zijn zoon moet dienen zodra hij 18 wordt.", "18"),
        ("mevrouw G., begin 50, uit het noorden.", "50"),
        ("Huishouden: Karim (partner, 36) en twee kinderen.", "36"),
        ("nu tolkt Samira meestal (is 19, zus).", "19"),
        ("de oudste Yara is 6 komma daarna Noor punt", "6"),
        ("Genogram: mevrouw G. ♀ 41 ─ x ─ Karim ♂ 44", "41"),
        ("Genogram: mevrouw G. ♀ 41 ─ x ─ Karim ♂ 44", "44"),
    ],
)
def test_an_age_after_a_person_goes(rules: Anonymizer, text: str, age: str) -> None:
    out = rules.anonymize(text)
    assert _gone(out, age), out


def test_a_life_line_ordered_by_age_loses_every_age(rules: Anonymizer) -> None:
    text = ("Levenslijn (van de flap)\n"
            "6 jr     verhuist met moeder naar Nederland\n"
            "17       stopt met school\n"
            "21       trouwt\n"
            "25       eerste kind geboren\n")
    out = rules.anonymize(text)
    for age in ("6 jr", "17", "21", "25"):
        assert _gone(out, age), out
    assert "trouwt" in out and "stopt met school" in out


def test_a_numbered_list_and_a_schedule_keep_their_numbers(rules: Anonymizer) -> None:
    numbered = "1   bellen met het UWV\n2   brief sturen\n3   afspraak plannen\n"
    assert rules.anonymize(numbered) == numbered
    schedule = "9       inloop\n10      casus\n12      lunch\n"
    assert rules.anonymize(schedule) == schedule


@pytest.mark.parametrize(
    "text",
    [
        "Rianne 3 keer gebeld, geen gehoor.",
        "Joost 10:30 afspraak bij de balie.",
        "Lotte 2 x per week naar de opvang.",
    ],
)
def test_a_count_or_time_after_a_name_stays(rules: Anonymizer, text: str) -> None:
    number = re.search(r"\d+(?::\d+)?", text).group()
    assert number in rules.anonymize(text)


def test_a_lowercase_neighbourhood_without_a_preposition_goes(rules: Anonymizer) -> None:
    out = rules.anonymize("intervisie presikhaaf, maart. aanwezig KM_1 en KM_2")
    assert _gone(out, "presikhaaf"), out
    assert "intervisie" in out and "aanwezig" in out


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Vlgs Joost is het dossier compleet.", "Vlgs"),
        ("Afspr.: Joost belt de verhuurder.", "Afspr"),
        ("[12-03 09:10] +31 6 12345678: Hallo dit is de buurvrouw", "Hallo"),
    ],
)
def test_abbreviations_and_greetings_stay(rules: Anonymizer, text: str, word: str) -> None:
    assert word in rules.anonymize(text)


@pytest.mark.parametrize(
    ("text", "gone", "stays"),
    [
        ("uitkering stopgezet opde 3e ivm niet verschenen", "3e", "stopgezet"),
        ("zaterdagochtend de 12de is er biljart", "12de", "biljart"),
        ("zaaknr. 2024/WI/01234 in de brief", "2024/WI/01234", "brief"),
        ("overleg oost-drenthe, november", "oost-drenthe", "overleg"),
        ("Ze woont sinds kort in Zuid-Limburg.", "Zuid-Limburg", "woont"),
    ],
)
def test_dates_numbers_and_regions_in_other_forms(rules: Anonymizer, text: str, gone: str,
                                                  stays: str) -> None:
    out = rules.anonymize(text)
    assert _gone(out, gone), out
    assert stays in out


def test_a_day_ordinal_before_a_floor_or_a_class_stays(rules: Anonymizer) -> None:
    assert "3e verdieping" in rules.anonymize("Het kantoor is op de 3e verdieping.")


@pytest.mark.parametrize(
    ("text", "landlord"),
    [
        ("huurachterstand bij Portaal, ook energie", "Portaal"),
        ("woont in een studentenhuis van DUWO, moet eruit", "DUWO"),
    ],
)
def test_a_landlord_after_rent_goes(rules: Anonymizer, text: str, landlord: str) -> None:
    assert _gone(rules.anonymize(text), landlord)


def test_the_chamber_of_commerce_and_a_month_stay(rules: Anonymizer) -> None:
    assert "Kamer van Koophandel" in rules.anonymize("Inschrijving bij de Kamer van Koophandel.")
    assert "Juli" in rules.anonymize("De huur van Juli is betaald.")
