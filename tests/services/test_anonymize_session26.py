"""Rules of the twenty-sixth stop, from what the unseen sets AB, AC and AD showed:
proper nouns typed in lower case (OpenTaal's word list), employers and schools after
the words for work and study, lowercase colleges, numbers dictated with "eh" between
them, and ages in forms the rules did not know. Written anew, with other names than the
notes had."""

from __future__ import annotations

import re

import pytest

from casusdesk.services.anonymize import Anonymizer, lexicon
from tests.helpers.terms import gone as _gone


@pytest.fixture(scope="module")
def rules() -> Anonymizer:
    return Anonymizer([("Ilse Dekker", "SW_1"), ("Murat Demir", "KM_1")],
                      client_names=["Tamara Smit", "Tamara"],
                      client_replacement="mevrouw S.")


def _out(rules: Anonymizer, text: str) -> str:
    return rules.apply(text, rules.detect(text))


def test_opentaal_knows_which_words_are_only_names() -> None:
    # written only with a capital: a name, a place, a brand
    assert all(lexicon.proper_noun(w) for w in ("verkade", "Woensel", "jansen", "youssef"))
    # also an ordinary word, or no word at all
    assert not any(lexicon.proper_noun(w) for w in ("roos", "bakker", "defensie", "xqzv"))
    # adjectives of places and peoples are left out of the list
    assert not lexicon.proper_noun("turks") and not lexicon.proper_noun("haagse")


def test_countries_by_their_dutch_name_in_any_case() -> None:
    assert all(lexicon.is_country(w) for w in ("Marokko", "syrië", "syrie", "Europa"))
    assert not lexicon.is_country("curaçao")  # so small it tells someone's origin
    assert not lexicon.is_country("Leeuwarden")


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # a proper noun typed in lower case, where the context says a name may follow
        ("wijkagent de boer en buurman kowalczyk zijn op de hoogte", "kowalczyk"),
        ("ze woonde eerst in osdorp, nu bij haar zus", "osdorp"),
        ("hij komt uit zevenbergen en werkt sinds kort", "zevenbergen"),
        # a lowercase Dutch place anywhere, also after a house number
        ("woont kerklaan 12 hoogeveen met haar twee kinderen", "hoogeveen"),
        # employers after the words for work, also with words between
        ("werkte 15 jaar bij heineken als heftruckchauffeur", "heineken"),
        ("ze werkt 24 uur per week in de keuken bij het Maasstad", "Maasstad"),
        ("heeft 2 jaar bij Bavaria gewerkt, toen ontslagen", "Bavaria"),
        ("hij werkt nu bij verkade in de nachtploeg", "verkade"),
        ("vader werkt bij de GVB als buschauffeur", "GVB"),
        # schools after the words for study, and colleges typed in lower case
        ("zus studeert aan Windesheim, wil stoppen", "Windesheim"),
        ("zoon zit op het pieter nieuwland college in de tweede", "pieter nieuwland college"),
        ("oudste op het mgr. zwijsen college, jongste thuis", "mgr. zwijsen college"),
        # ages in forms the rules did not know
        ("2016 dochter geboren, vader Rachid (toen 22), geen contact meer", "22"),
        ('KM_1: "ze kan gewoon werken, ze is 41". SW_1 twijfelt', "41"),
        ("mevrouw S. 52 gescheiden, woont alleen", "52"),
        ("| naam | mevrouw S. |\n| leeftijd | 47 |\n| wijk | [WIJK] |", "47"),
        ("drie kinderen noah 12 lina 9 en een baby", "12"),
        ("drie kinderen noah 12 lina 9 en een baby", "9"),
    ],
)
def test_personal_data_found_in_stop_26_forms(rules: Anonymizer, text: str, gone: str) -> None:
    out = _out(rules, text)
    assert _gone(out, gone), out


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("haar nummer is eh nul zes eh vier twee drie eh vijf vijf acht negen een, klopt",
         "vijf vijf acht negen", "haar nummer is eh"),
        ("en ze is eh achtendertig en woont alleen", "achtendertig", "en woont alleen"),
        ("kwam in twee duizend negentien naar Nederland", "twee duizend negentien",
         "naar Nederland"),
    ],
)
def test_dictated_numbers_with_hesitations(rules: Anonymizer, text: str, gone: str,
                                           kept: str) -> None:
    out = _out(rules, text)
    assert _gone(out, gone) and kept in out, out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a country goes (test_anonymize_origins), the rest of the sentence stays
        ("haar moeder woont nog in marokko, ze belt elke week", "ze belt elke week"),
        ("hij kwam in 2015 uit eritrea via libië", "hij kwam in 2015 uit"),
        # ordinary employers and places of study stay
        ("ze werkt bij de gemeente en hij werkt bij Defensie", "werkt bij Defensie"),
        ("ze werkt bij de gemeente en hij werkt bij Defensie", "bij de gemeente"),
        ("hij werkt 20 uur bij een zorgboerderij in de buurt", "zorgboerderij"),
        ("zoon studeert aan de universiteit en woont op kamers", "aan de universiteit"),
        ("ze zit op het grafisch college, gaat goed", "grafisch college"),
        ("werkt voor zichzelf, heeft geen KvK", "werkt voor zichzelf"),
        # a number after a first name that is no age
        ("afspraak met sanne 14 uur op het wijkbureau", "14 uur"),
        # durations
        ("ze was 25 jaar getrouwd en nu alleen", "25 jaar getrouwd"),
    ],
)
def test_what_identifies_nobody_stays(rules: Anonymizer, text: str, kept: str) -> None:
    out = _out(rules, text)
    assert kept in out, out


def test_a_hesitation_inside_a_number_is_replaced_with_it(rules: Anonymizer) -> None:
    text = "telefoon nul zes eh vier twee drie vijf vijf acht negen een. Dank"
    out = _out(rules, text)
    assert out == "telefoon [TELEFOON]. Dank", out


def test_nothing_else_changes() -> None:
    text = "Ze werkte 15 jaar bij heineken, woont nu kerklaan 12 hoogeveen (toen 22)."
    out = _out(Anonymizer(), text)
    assert re.fullmatch(r"Ze werkte 15 jaar bij \[[A-Z]+-1\], woont nu \[ADRES-1\] "
                        r"\[PLAATS-1\] \(toen 21-26\)\.", out), out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # from the second look at sets AB, AC and AD
        ("ruzie met de voorman (ene henk), daarna ontslag", "henk"),
        ("SW_1: huisarts dr. Koning in het dorp ziet haar elke week", "Koning"),
        ("bewind gaat via kantoor geldwijzer, nog geen contact", "geldwijzer"),
        ("- geb. Paramaribo, sinds 1998 in Nederland", "Paramaribo"),
        ("ze woont haverkampstraat 31 met haar moeder", "haverkampstraat 31"),
        ("- hoe oud is mevrouw S.? 34, en ze heeft twee kinderen", "34"),
        ("2009 (19 jaar): naar Nederland voor werk", "19"),
        ("de baby (Ilyas, 5 mnd) slaapt slecht", "5 mnd"),
        ("kinderen youssef 15 en amira 11 zitten thuis", "amira"),
        ("| Fenna 10 | groep 7 |", "10"),
    ],
)
def test_personal_data_found_in_the_second_look(rules: Anonymizer, text: str, gone: str) -> None:
    out = _out(rules, text)
    assert _gone(out, gone), out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("hij woont alleen 3 dagen per week bij zijn vader", "alleen 3 dagen"),
        ("zij is geboren in Marokko en kwam als kind", "en kwam als kind"),
        ("huurachterstand (Woonzorg, 3 mnd) is geregeld", "3 mnd"),
        ("hoe oud is de schuld? 3 jaar, zegt ze", "3 jaar"),
        ("werkt op kantoor twee dagen per week", "op kantoor twee dagen"),
    ],
)
def test_what_stays_in_the_second_look(rules: Anonymizer, text: str, kept: str) -> None:
    out = _out(rules, text)
    assert kept in out, out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # from sets AE, AF and AG (then AH and AI below)
        ("jaar | leeftijd | plaats\n2011 | 31 | Lviv\n2015 | 35 | Tilburg", "31"),
        ("naam | relatie | leeftijd\nBram | buurman | ca. 70 |", "70"),
        ("hij is 52 btw, niet 50 zoals in de brief staat", "52"),
        ("wie neemt nou een man van bijna zestig aan", "zestig"),
        ("was 12 jaar buschauffeur bij het GVB tot zijn ongeluk", "GVB"),
        ("laatste baan: orderpicker bij Bol in Waalwijk", "Bol"),
        ("werkte 20 jaar bij Van den Heuvel Bouw in Oss", "Van den Heuvel Bouw"),
        ("er ligt een schuld bij Woonstede en bij de zorgverzekeraar", "Woonstede"),
        ("achterstand bij Mooi Wonen van 3 maanden", "Mooi Wonen"),
        ("de deurwaarder (Hoist Finance) belt elke week", "Hoist Finance"),
        ("dochter wil studeren aan de HAN na de zomer", "HAN"),
        ("ze is geboren op aruba en kwam op haar tiende", "aruba"),
        ("de moeder heet, ik spel het, M E R O N. Ze is 40", "M E R O N"),
        ("ik spel even de naam van mevrouw S., dus: H A L I M A. Klopt", "H A L I M A"),
        ("woont sinds zn 14e bij een oom in de stad", "14e"),
        ("Zit nu in de WW. Nu 61, wil nog wel werken", "61"),
        ("Vanaf 16 jaar in de bediening gewerkt bij een hotel", "16"),
        # from sets AH and AI
        ("kdn: Yusuf 19 (studeert), Noor 12 (brugklas)", "19"),
        ("jongste joep 8 groep 5, gaat goed", "joep"),
        ("werkt zwart voor boer gerrit van der veen, melken", "gerrit van der veen"),
        ("de werkgever (henk brouwer) belt steeds", "henk brouwer"),
        ("KM_1 vraagt huisarts dr. sterk naar de medicatie", "sterk"),
        ("zoon Daan (16, bijna 17 in mei) wil stoppen met school", "17"),
    ],
)
def test_personal_data_found_in_sets_ae_to_ai_forms(rules: Anonymizer, text: str,
                                                    gone: str) -> None:
    out = _out(rules, text)
    assert _gone(out, gone), out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("ze is begin veertig en woont alleen", "begin veertig"),
        ("de regeling is voor kinderen vanaf 12 jaar en ouder", "vanaf 12 jaar"),
        ("Nu 3 keer gebeld, geen antwoord", "Nu 3 keer"),
        ("Mevrouw Moeder zegt niks, dat is haar bijnaam op het werk", "Mevrouw Moeder zegt"),
        ("zoon werkt 3 jaar bij de bakker, ex werkt bij de boer", "bij de boer"),
        ("het kost bijna vijftig euro per maand", "bijna vijftig euro"),
        ("een schuldhulpmaatje van SchuldHulpMaatje inschakelen", "SchuldHulpMaatje"),
        ("er is een schuld bij de Belastingdienst en het CAK", "Belastingdienst"),
        ("hij heeft ook een schuld bij DUO van 3000 euro", "DUO"),
        ("ze werkt eerder bij de klantmanager dan bij ons", "bij de klantmanager"),
    ],
)
def test_what_stays_in_sets_ae_af_ag(rules: Anonymizer, text: str, kept: str) -> None:
    out = _out(rules, text)
    assert kept in out, out
