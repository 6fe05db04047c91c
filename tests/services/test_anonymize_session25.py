"""Rules of the twenty-fifth stop, from what the unseen sets W, X and Y showed: lowercase
names after a family or function word that deduce's lists lack, what someone is called
in quotes, clubs typed in lowercase, a landlord right after "huurder", a quarter after a
local team, file codes after "nr.", and durations that are no ages. Written anew, with
other names than the notes had."""

from __future__ import annotations

import re

import pytest

from casusdesk.services.anonymize import Anonymizer
from tests.helpers.terms import gone as _gone


@pytest.fixture(scope="module")
def rules() -> Anonymizer:
    return Anonymizer([("Ilse Dekker", "SW_1"), ("Murat Demir", "KM_1")],
                      client_names=["Tamara Smit", "Tamara"],
                      client_replacement="mevrouw S.")


def _out(rules: Anonymizer, text: str) -> str:
    return rules.apply(text, rules.detect(text))


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # lowercase names deduce's lists do not have, after a family or function word
        ("ze woont met dochtertje zofia (3) bij haar moeder", "zofia"),
        ("broer tadeusz slaapt sinds de zomer op de bank", "tadeusz"),
        ("trainer bogdan zegt dat hij er elke week is", "bogdan"),
        ("begeleider jan-kees heeft het rooster gestuurd", "jan-kees"),
        ("de kleinste noor zit nog op de opvang", "noor"),
        ("zijn vriend heet eigenlijk anders (echte naam dennis?)", "dennis"),
        # what someone is called, in quotes
        ('in de straat noemen ze hem "de smid", dat vindt hij prima', "de smid"),
        ("op zijn werk heet hij 'Bolle' en dat blijft zo", "Bolle"),
        # clubs typed in lowercase
        ("hij keept nog bij vv rkzvc lichtenvoorde, zondag 3", "rkzvc lichtenvoorde"),
        ("vroeger speelde ze bij v.v. grolloa, nu niet meer", "grolloa"),
        # a landlord right after the word for it
        ("Adres bekend bij ons, huurder Woonzorg Twente, achterstand 2 maanden", "Woonzorg Twente"),
        ("woont op een kamer, huurder mitros, geen contract gezien", "mitros"),
        ("housing corp De Sleutelhof belde over de geluidsoverlast", "De Sleutelhof"),
        # a quarter after a local team or facility
        ("KM_1 en het buurtteam Overvecht/Tuinwijk zagen haar vorige week", "Overvecht"),
        ("KM_1 en het buurtteam Overvecht/Tuinwijk zagen haar vorige week", "Tuinwijk"),
        ("ze komt elke dinsdag in het Vrouwencentrum Hengelo-Noord", "Hengelo-Noord"),
        ("trajectafspraak bij het Werkplein Zuidwest, daarna niets", "Zuidwest"),
        # file codes after "nr." or a file word
        ("aangemeld onder nr. KB-UTR-20931 bij de kredietbank", "KB-UTR-20931"),
        ("dossiernr gemeente 2022/SD/40117 staat op de brief", "2022/SD/40117"),
        # an age before a dash
        ("ze woont bij haar oom en ze is 20 — dus kostendeler", "20"),
    ],
)
def test_personal_data_found_in_stop_25_forms(rules: Anonymizer, text: str, gone: str) -> None:
    out = _out(rules, text)
    assert _gone(out, gone), out
    # nothing outside the replaced spans changed
    assert re.sub(r"\[[A-Z-]+\d*\]|\bde cliënt\b", "", out).strip()


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # durations, not ages
        ("via Libië, ruim 1 jaar onderweg geweest", "ruim 1 jaar onderweg"),
        ("bij de huisarts niet geweest in 2 jaar, zegt ze", "in 2 jaar"),
        ("it is the first real offer in 3 yrs, take it", "in 3 yrs"),
        # a lowercase ordinary word after a family word stays
        ("broer werkt bij de bakker en zoon zit op school", "broer werkt bij de bakker"),
        ("coach zegt dat het beter gaat", "coach zegt dat"),
        # teams named after a task, not a quarter
        ("het Team Geldzaken en het Jeugdteam Gezin schuiven aan", "Team Geldzaken"),
        ("het Team Geldzaken en het Jeugdteam Gezin schuiven aan", "Jeugdteam Gezin"),
        ("buurtteam Schuldhulp belt terug", "buurtteam Schuldhulp"),
        # national organisations the writers listed
        ("contact met Barka voor de terugkeer, en met Stichting Zorg om Boer en Tuinder",
         "Barka"),
        ("contact met Barka voor de terugkeer, en met Stichting Zorg om Boer en Tuinder",
         "Stichting Zorg om Boer en Tuinder"),
        # a number after "nr." without letters is no file code
        ("zie punt nr. 4 van de agenda", "nr. 4"),
        ("hij is 3 – 4 keer langs geweest", "3 – 4 keer"),
        # the case's pseudonym in quotes stays itself
        ('in de buurt noemen ze haar gewoon "mevrouw S."', '"mevrouw S."'),
    ],
)
def test_what_identifies_nobody_stays(rules: Anonymizer, text: str, kept: str) -> None:
    out = _out(rules, text)
    assert kept in out, out


def test_an_age_in_brackets_after_a_new_lowercase_name_goes_too(rules: Anonymizer) -> None:
    out = _out(rules, "woont met zoontje mikołaj (4) op de bovenverdieping")
    assert "mikołaj" not in out and "(4)" not in out, out
    assert out.startswith("woont met zoontje [PERSOON-") and out.endswith("op de bovenverdieping")


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("ze helpt in de winkel van joost en Marleen Huisman", "joost", "ze helpt in de winkel van"),
        ("Gerrit Bosma & hennie komen zondag langs", "hennie", "komen zondag langs"),
        ("Tamara en femke waren er allebei", "femke", "waren er allebei"),
    ],
)
def test_a_lowercase_first_name_beside_a_person_goes(rules: Anonymizer, text: str, gone: str,
                                                     kept: str) -> None:
    out = _out(rules, text)
    assert _gone(out, gone) and kept in out, out


def test_an_ordinary_word_beside_a_person_stays(rules: Anonymizer) -> None:
    out = _out(rules, "Marleen Huisman en ik gaan, Joost Kramer en dan de rest")
    assert "en ik gaan" in out and "en dan de rest" in out, out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # from sets Z and AA
        ("| Naam | Relatie |\n| Ruud | zoon, 16 | woont thuis |", "16"),
        ("Yara | echtgenote, 41 | - | werkt in de thuiszorg", "41"),
        ("probleem: huur achterstand bij vivare 3 mnd, deurwaarder belt", "vivare"),
        ("hij is 52 zij is 49, samen twee kinderen", "52"),
        ("eerst opvang in den helder, nu een kamer", "den helder"),
        ("haar broer woont in etten-leur, ziet hem weinig", "etten-leur"),
        ("daarna naar bergen op zoom verhuisd", "bergen op zoom"),
        ("de kinderen milan 11 en sara 8 zitten op dezelfde school", "milan"),
    ],
)
def test_personal_data_found_in_sets_z_and_aa_forms(rules: Anonymizer, text: str,
                                                    gone: str) -> None:
    out = _out(rules, text)
    assert _gone(out, gone), out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Ze is moe.\n\nVerhelderingsvragen\nIlse vroeg of er een tolk was.", "Verhelderingsvragen"),
        ("Schulden: boetes, achterstand kinderalimentatie via LBIO.", "kinderalimentatie"),
        ("Hij was 30 jaar vrachtwagenchauffeur bij een transportbedrijf.", "30 jaar"),
        ("zij is 3 jaar ouder dan hij", "3 jaar ouder"),
        ("ze wonen in de buurt van de markt", "in de buurt"),
        ("hij woont weer in het dorp, dat gaat goed", "in het dorp"),
        ("schuld bij Intrum, en een claim bij het Veteraneninstituut", "Intrum"),
        ("schuld bij Intrum, en een claim bij het Veteraneninstituut", "Veteraneninstituut"),
    ],
)
def test_what_identifies_nobody_stays_in_sets_z_and_aa_forms(rules: Anonymizer, text: str,
                                                             kept: str) -> None:
    out = _out(rules, text)
    assert kept in out, out


def test_an_age_on_the_line_before_a_function_stays_an_age(rules: Anonymizer) -> None:
    out = _out(rules, "dochter Sanne 9 jaar\nHuisarts: dr. Bos")
    assert "9 jaar" not in out, out
