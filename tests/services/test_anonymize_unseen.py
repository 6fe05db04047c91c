"""Rules for notes nobody tuned to: neighbourhood names from CBS's list (capitalised
and lower case), group and meeting names that are compounds of ordinary words. Each
checked on the output, with hurried typing, and with what must stay."""

from __future__ import annotations

import re

import pytest

from casusdesk.services.anonymize import Anonymizer, lexicon


@pytest.fixture(scope="module")
def rules() -> Anonymizer:
    return Anonymizer([("Lotte Hendriks", "KM_1")], client_names=["Gerrit Mol"],
                      use_deduce=False)


def _unchanged_outside(anonymizer: Anonymizer, text: str) -> str:
    """The output; every piece of ``text`` outside a detection is in it, in order."""
    dets = sorted(anonymizer.detect(text), key=lambda d: d.start)
    out = anonymizer.apply(text, dets)
    pos, at = 0, 0
    for det in dets:
        piece = text[pos:det.start]
        found = out.find(piece, at)
        assert found >= 0, (piece, out)
        at, pos = found + len(piece), max(pos, det.end)
    assert out.endswith(text[pos:]), out
    return out


def test_the_cbs_list_is_shipped_and_holds_no_ordinary_words() -> None:
    listed = lexicon.neighbourhoods()
    assert len(listed) > 3000
    assert {"kanaleneiland", "presikhaaf", "lewenborg", "pittelo"} <= listed
    for word in ("centrum", "noord", "dorp", "haven", "binnenstad", "wijk", "school"):
        assert word not in listed


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("ze woont sinds kort in kanaleneiland, daarvoor bij haar moeder", "kanaleneiland"),
        ("verhuisd uit de bijlmer naar zijn oom", "bijlmer"),
        ("broer zit in de wijk klarendal", "klarendal"),
        ("Hij gaat vaak naar Lombok voor de moskee.", "lombok"),
        ("contact met het wijkteam Presikhaaf", "presikhaaf"),
        ("presikhaaf is waar ze opgroeide", "presikhaaf"),
        ("moeder woont in lewenborg en is ziek", "lewenborg"),
        ("mw woont in noord, zoon in de wijk centrum", "noord"),
    ],
)
def test_a_neighbourhood_from_the_cbs_list_is_caught(rules: Anonymizer, text: str,
                                                     gone: str) -> None:
    out = _unchanged_outside(rules, text)
    assert gone not in out.casefold(), out
    assert "WIJK" in out or "PLAATS" in out or "NAAM" in out, out


@pytest.mark.parametrize(
    "text",
    [
        "Ze woont in het centrum van de stad.",
        "Nijverheid en handel in de regio trekken aan.",
        "Het wijkteam zit in het buurthuis, in de buurt van de school.",
        "Boodschappen doet ze in het dorp, werk zoekt ze in de binnenstad.",
        "Oost of west, thuis best: ze wil naar het noorden van het land.",
        "Verhuizen naar een andere wijk is geen oplossing.",
    ],
)
def test_ordinary_place_words_and_sentence_starts_stay(rules: Anonymizer, text: str) -> None:
    assert rules.anonymize(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "Intervisiegroep Werk en Zorg, bijeenkomst 4",
        "Verslag van de Intervisiegroep Werk en Zorg.",
        "intervisiegroep werk en zorg: casusoverleg over mw",
        "Het Casusoverleg en de Moreel beraadsessie vielen samen.",
        "Zorgnetwerk en Buurtplatform kwamen samen.",
    ],
)
def test_a_group_or_meeting_compound_of_ordinary_words_stays(rules: Anonymizer,
                                                             text: str) -> None:
    assert rules.anonymize(text) == text


def test_a_place_in_a_group_name_still_goes(rules: Anonymizer) -> None:
    out = _unchanged_outside(rules, "Intervisiegroep Kanaleneiland kwam bijeen.")
    assert out.startswith("Intervisiegroep ") and "Kanaleneiland" not in out, out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("zijn dochter heet marieke, woont in de buurt", "marieke"),
        ("een vriend genaamd dave regelt het", "dave"),
        ("hij noemt zich Lucky op straat", "lucky"),
        ("de huisarts is dokter van der zee sinds kort", "van der zee"),
        ("ze werkt nu bij kapsalon lotus, 3 ochtenden", "lotus"),
        ("werkt in het weekend bij snackbar de smulhoek", "smulhoek"),
        ("Schoonmaakbedrijf Glansrijk heeft hem ontslagen.", "glansrijk"),
        ("scooterzaakje aan de hommelseweg, loopt goed", "hommelseweg"),
        ("de hospita mevrouw bakker zou zeggen dat", "bakker"),
        ("check met huisarts dokter maduro van de praktijk", "maduro"),
    ],
)
def test_names_announced_by_a_word_and_small_businesses_are_caught(
        rules: Anonymizer, text: str, gone: str) -> None:
    out = _unchanged_outside(rules, text)
    assert gone not in out.casefold(), out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("hij is tweeënzestig en woont alleen", "tweeënzestig"),
        ("haar zoon Ilias is elf en zit op judo", "elf"),
        ("zijn kleinzoon is vijftien en helpt soms", "vijftien"),
        ("afspraak is op de achtentwintigste om tien uur", "achtentwintigste"),
        ("ze belde op dinsdag de twaalfde. daarna niet", "twaalfde"),
        ("van school gegaan, nu 19", "19"),
        ("vmbo afgebroken (was toen 12)", "12"),
        ("mw. zelf geb. '76, kwam later", "'76"),
        ("2009 geboren in emmen", "2009"),
        ("jongen van 14, meisje van 11", "14"),
    ],
)
def test_more_forms_of_ages_and_spoken_dates_are_caught(rules: Anonymizer, text: str,
                                                        gone: str) -> None:
    out = _unchanged_outside(rules, text)
    # an age band ("12-17") tells no exact age
    assert re.search(rf"(?<![\w-]){re.escape(gone)}(?![\w-])", out) is None, out


@pytest.mark.parametrize(
    "text",
    [
        "Punt één. Punt twee is de huur.",
        "Ze heet niet zo, ze heet eigenlijk anders.",
        "dat heet schuldsanering, zo heet dat: beschermingsbewind",
        "op de eerste plaats, op de derde verdieping, op de tweede dag",
        "Het is een en al ellende. Dat is twee en een half.",
        "ze wacht op de gang bij de achterdeur, op de parkeerplaats, over de dijk",
        "werkt bij een bakkerij in de buurt en via een uitzendbureau",
        "de kapsalon gesloten, snackbar open tot tien",
        "Meneer van de gemeente en mevrouw van het UWV kwamen langs.",
        "mevrouw kan niet, meneer heeft geen tijd, mevrouw zegt dat meneer boos is",
        "mw wil graag, meneer werkt, meneer woont alleen, mevrouw vindt het lastig",
        "Zoek werk via het Werkgeversservicepunt, nu 3 keer per week.",
        "2019 was een zwaar jaar, 2020 ook.",
    ],
)
def test_ordinary_text_around_these_rules_stays(rules: Anonymizer, text: str) -> None:
    assert rules.anonymize(text) == text


def test_a_verb_after_a_kind_of_business_stays(rules: Anonymizer) -> None:
    text = "Bijstandsuitkering sinds het contract bij het dakdekkersbedrijf afliep."
    assert rules.anonymize(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "Evaluatie: dinsdag 27 augustus, zelfde groep.",
        "MDO wijkteam, vrijdag 22 november",
    ],
)
def test_a_weekday_before_a_date_stays(rules: Anonymizer, text: str) -> None:
    out = _unchanged_outside(rules, text)
    assert re.search(r"\b(dinsdag|vrijdag) in (augustus|november)\b", out), out
    assert "27" not in out and "22" not in out


@pytest.mark.parametrize(
    "text",
    [
        "Stap 1 incident, stap 2 vragen.",
        "Punt van zorg: de huur.",
        "Grond is getaxeerd op ongeveer € 40.000.",
        "inkomen: AIO-aanvulling van de SVB, daarna LVB-screening",
        "Groet,\nThijs\nCoördinator Casuïstiek, Gemeente",
        "Huisverbod Werkplein 2 weken blijft staan.",
        "de vrijwilliger van de Zonnebloem komt langs",
    ],
)
def test_ordinary_words_that_are_also_names_stay(rules: Anonymizer, text: str) -> None:
    out = _unchanged_outside(rules, text)
    assert out == text.replace("Thijs", out.split("\n")[1] if "\n" in out else "Thijs"), out


@pytest.mark.slow
def test_a_person_after_a_function_still_goes() -> None:
    out = _unchanged_outside(Anonymizer([]), "Klantmanager Pieter Bakker belt morgen.")
    assert "Pieter" not in out and "Bakker" not in out and out.startswith("Klantmanager ")


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("venlo - casus nowak, chat uit teams", "venlo"),
        ("intervisie almelo 12/02 - casus van gert", "almelo"),
        ("GOUDA - casus mw. de Wit", "gouda"),
        ("Heerlen, casusoverleg schuldhulp x W&I", "heerlen"),
        ("dochter woont in zwolle stadshagen met kleinkind", "stadshagen"),
        ("ex partner rignald heeft contactverbod", "rignald"),
        ("moeder woont nog daar in otrobanda", "otrobanda"),
        ("twee kids jaylen 9 en shaniqua 5 op school", "shaniqua"),
        ("op obs de singel, groep 5", "singel"),
        ("op Discord als emre_tlb, de hele dag", "emre_tlb"),
        ("huur bij deltaWonen, achterstand", "deltawonen"),
        ("inschrijving Woonkracht10 gedaan", "woonkracht10"),
        ("ouders in Stokhasselt, Ringbaan-Noord 174. Ouders", "ringbaan"),
    ],
)
def test_headings_unknown_words_and_brand_forms_are_caught(rules: Anonymizer, text: str,
                                                           gone: str) -> None:
    out = _unchanged_outside(rules, text)
    assert gone not in out.casefold(), out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("twee kids jaylen 9 en shaniqua 5 op school", "9"),
        ("(Milan 15, Jesse 13)", "13"),
        ("Filmon (8, uit eerdere relatie)", "8"),
        ("de jongste, Noa, van 6.", "6"),
        ("dochter oksana 30 woont in de stad", "30"),
        ("Emre, 23y, woont thuis", "23"),
        ("Nee, toen al 21. Woont nu alleen", "21"),
        ("Woont in de flat, huisnr 9, derde etage", "9"),
        ("baby Rahel (7 mnd).", "7"),
        ("overleg van dinsdag dertien februari", "dertien"),
        ("dochter zuzanna van acht woont bij oma", "acht"),
        ("2006  zoon Ahmad geboren, daarna verhuisd", "2006"),
    ],
)
def test_ages_dates_and_numbers_near_a_name_are_caught(rules: Anonymizer, text: str,
                                                       gone: str) -> None:
    out = _unchanged_outside(rules, text)
    assert re.search(rf"(?<![\w-]){re.escape(gone)}(?![\w-])", out) is None, out


@pytest.mark.parametrize(
    "text",
    [
        "Groet,\nhet wijkteam",
        "ze zit in overelg met de gezamelijke huishouding, in gesprek",
        "Stap 1 incident, week 49, fase 2, groep 5, klas 3 en bus 12.",
        "zoon gaat naar school, dochter heeft 2 banen, partner werkt 3 dagen",
        "Vergadering van acht uur, sessie van twee uur.",
        "Zij wil een Sociale woning. Nieuwe woning gezocht.",
        "Het gezin woont 6 jaar in deze woning; werkt 2 jaar; stage 3 maanden",
        "Beste collega, zie bijlage 2, punt 3.",
        "2015 ouders gescheiden, vader verhuisd",
    ],
)
def test_ordinary_text_near_the_new_rules_stays(rules: Anonymizer, text: str) -> None:
    assert rules.anonymize(text) == text


def test_a_closing_that_is_also_a_village_stays(rules: Anonymizer) -> None:
    out = _unchanged_outside(rules, "Groet, Kerem\nWijkteam Oss-Noord")
    assert out.startswith("Groet, ") and "Kerem" not in out, out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("mevrouw demir is negenentwintig ze woont bij haar moeder", "negenentwintig"),
        ("haar moeder die is vierenzestig en haar broer", "vierenzestig"),
        ("broer mert die is twintig\nde huisarts", "twintig"),
        ("ilse: hij is 51 toch? en zijn vriendin", "51"),
    ],
)
def test_ages_in_run_on_speech_are_caught(rules: Anonymizer, text: str, gone: str) -> None:
    out = _unchanged_outside(rules, text)
    assert re.search(rf"(?<![\w-]){gone}(?![\w-])", out) is None, out


def test_spoken_numbers_that_are_no_age_stay(rules: Anonymizer) -> None:
    text = "het is twintig over vier, dat is dertig euro, het is een en al ellende"
    assert rules.anonymize(text) == text


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("baby noah 4 mnd, slaapt slecht", "noah"),
        ("vader van de baby = dennis, woont in emmen", "dennis"),
        ("femke heeft contact met juf petra over tim", "petra"),
        ("de buurvrouw mevrouw el khatib houdt een oogje in het zeil", "khatib"),
        ("afspraak op woensdag de negende met de ouderenadviseur", "negende"),
    ],
)
def test_lowercase_names_after_a_title_or_sign_are_caught(rules: Anonymizer, text: str,
                                                         gone: str) -> None:
    out = _unchanged_outside(rules, text)
    assert gone not in out, out


def test_an_age_after_a_known_lowercase_name_and_months_after_a_baby() -> None:
    a = Anonymizer([], client_names=["Wendy van Dam"], use_deduce=False)
    out = _unchanged_outside(a, "mw van dam, 34, nu op adres in de stad; baby noah 4 mnd")
    assert "34" not in out and "4 mnd" not in out, out


def test_months_after_an_organisation_are_a_duration(rules: Anonymizer) -> None:
    out = rules.anonymize("huur bij Ymere 2 mnd achter, x = 3")
    assert "2 mnd achter" in out and "x = 3" in out, out


def test_an_unregistered_short_form_of_a_participant_is_that_participant() -> None:
    a = Anonymizer([("Lotte Jansen", "SW_1"), ("Mehmet Öztürk", "KM_1"),
                    ("Wilma Oude Luttikhuis", "WMO_1"), ("Dennis Roos", "KM_2")],
                   use_deduce=False)
    out = _unchanged_outside(a, "Reflectie: Lot vond het lastig. Meh had een tip.")
    assert "Lot " not in out and "Meh " not in out and "SW_1" in out and "KM_1" in out, out
    kept = "Wil je bellen? Wil graag een afspraak. Den Haag, zie punt 3."
    assert a.anonymize(kept) == kept


@pytest.mark.parametrize(
    "text",
    [
        "Meneer is een vader van drie, moeder van twee.",
        "ze is nu 3 mnd achter met de huur, 2 maanden geleden gebeld",
        "ze gaat naar het taalcafe in de bibliotheek",
    ],
)
def test_counts_arrears_and_compounds_stay(rules: Anonymizer, text: str) -> None:
    assert rules.anonymize(text) == text


def test_a_neighbourhood_compound_after_in_de_goes(rules: Anonymizer) -> None:
    out = rules.anonymize("zus woont in de kersenbuurt, vlakbij")
    assert "kersenbuurt" not in out, out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("geboren op drie mei negentien zeventig", "zeventig"),
        ("op twaalf maart tweeduizend vierentwintig belde ze", "vierentwintig"),
        ("ze is negenendertig komma woont in de stad", "negenendertig"),
    ],
)
def test_spoken_years_and_ages_before_spoken_punctuation_are_caught(
        rules: Anonymizer, text: str, gone: str) -> None:
    out = _unchanged_outside(rules, text)
    assert gone not in out, out


def test_spoken_amounts_and_counts_stay(rules: Anonymizer) -> None:
    text = "kost tweeduizend euro, negentien mensen op de derde verdieping"
    assert rules.anonymize(text) == text


def test_ages_in_abbreviated_notes_are_caught(rules: Anonymizer) -> None:
    out = _unchanged_outside(rules, "dhr M. (41), gesch., 2 kn (8, 11) ma/di bij hem")
    for age in ("41", "8", "11"):
        assert re.search(rf"(?<![\w-]){age}(?![\w-])", out) is None, out
    assert rules.anonymize("zie art. (3) en bijlage B. (2)") == "zie art. (3) en bijlage B. (2)"


def test_a_buurt_compound_without_preposition_goes_a_kind_of_wijk_stays(
        rules: Anonymizer) -> None:
    out = rules.anonymize("statushouder, woont kruidenbuurt. ze wil in een villawijk wonen")
    assert "kruidenbuurt" not in out and "een villawijk wonen" in out, out


def test_names_in_capitals_go_shouted_words_stay(rules: Anonymizer) -> None:
    out = _unchanged_outside(rules, "Cliënt: dhr. JANSEN, zoon KEVIN (12).")
    assert "JANSEN" not in out and "KEVIN" not in out, out
    shouted = "LET OP: BELANGRIJK en DRINGEND, ACTIE bij UWV, CJIB en de KLANTMANAGER."
    assert rules.anonymize(shouted) == shouted


def test_an_unknown_lowercase_name_after_bij_or_met_goes_jargon_stays(
        rules: Anonymizer) -> None:
    out = _unchanged_outside(rules, "werkt bij pixelforge, gesprek met rignald morgen")
    assert "pixelforge" not in out and "rignald" not in out, out
    kept = ("via wsnp en bij de tozo, met spoed, bij elkaar, van harte, via digid, "
            "met een werkervaringsplaats, bij ioaw, met re-integratie")
    assert rules.anonymize(kept) == kept


def test_an_age_as_the_value_of_a_family_field_goes(rules: Anonymizer) -> None:
    out = _unchanged_outside(rules, "Zoon: 12 jaar\nMoeder: overleden\nDochter: 9")
    assert "12" not in out.replace("12-17", "") and "Dochter: 9" not in out, out
    assert "Moeder: overleden" in out, out


def test_the_values_of_labelled_fields_go_ordinary_values_stay(rules: Anonymizer) -> None:
    text = ("Woonplaats: Helmond\nSchool: De Rakt (groep 7)\nLeeftijd: 52\n"
            "Huisarts: dr. Verhoeven\nNetwerk: broer, buurman\nLocatie: gemeentehuis, kamer 3")
    out = _unchanged_outside(rules, text)
    for gone in ("Helmond", "Rakt", "52", "Verhoeven"):
        assert gone not in out, out
    for kept in ("Woonplaats: ", "(groep 7)", "dr. ", "Netwerk: broer, buurman",
                 "Locatie: gemeentehuis, kamer 3"):
        assert kept in out, out


def test_labels_and_numbered_terms_stay(rules: Anonymizer) -> None:
    text = "Wensen: meer rust\nVerder: niets\nWW 3, BBL 2 en niveau 2, Bijlage 3, Tram 4."
    assert rules.anonymize(text) == text


def test_an_age_after_fillers_and_its_correction_are_caught(rules: Anonymizer) -> None:
    out = _unchanged_outside(rules, "Hij is trouwens 33, niet 23 zoals in het dossier staat.")
    assert "33" not in out and "23" not in out, out
    kept = "Het is nu eenmaal 5 voor 12, ze is ook 3 keer gebeld."
    assert rules.anonymize(kept) == kept


def test_a_small_territory_and_a_large_country_go(rules: Anonymizer) -> None:
    out = _unchanged_outside(rules, "komt uit willemstad curacao, familie op Aruba en in Suriname")
    assert "curacao" not in out and "Aruba" not in out and "Suriname" not in out, out


@pytest.mark.parametrize(
    "text",
    [
        "in een werk-\nbedrijf de intentie hebben om samen te werken",
        "De mate waarin professionals in praktijk hiertoe in staat zijn.",
        "de tweede onderzoeksvraag, zie deelvraag 1 en (nr. 3)",
        "in casuistiekbesprekingen met intersubjectiviteit en reframing via expliciteren",
        "met intercollegiale toetsing van de hulpvrager, in addition",
    ],
)
def test_jargon_of_a_report_stays(rules: Anonymizer, text: str) -> None:
    assert rules.anonymize(text) == text


def test_words_joined_by_underscores_are_no_handle(rules: Anonymizer) -> None:
    text = "velden klantmanager_werk, kop1_grootte, basismodel_intervisie en wijkcoach_ggz"
    assert rules.anonymize(text) == text
    out = rules.anonymize("insta dima_bond96, snap: jay_rdam")
    assert "dima_bond96" not in out and "jay_rdam" not in out, out


def test_a_lowercase_landlord_goes_ordinary_housing_words_stay(rules: Anonymizer) -> None:
    out = _unchanged_outside(rules, "ze is 3 mnd achter bij woonstad, huurt bij woonbron")
    assert "woonstad" not in out and "woonbron" not in out and "3 mnd achter" in out, out
    kept = "achter elkaar, huur bij de verhuurder, woning gezocht, huurachterstand opgelopen"
    assert rules.anonymize(kept) == kept


def test_a_spoken_house_number_of_hundreds_goes_with_its_street(rules: Anonymizer) -> None:
    out = _unchanged_outside(
        rules, "hij woont aan de kerkweg nummer driehonderdvijftig komma een oud huis")
    assert "kerkweg" not in out and "driehonderdvijftig" not in out, out
    assert "komma een oud huis" in out, out
    kept = "hij heeft honderd euro over en de weg naar het werk is lang"
    assert rules.anonymize(kept) == kept


def test_an_abbreviated_house_number_and_its_correction_go(rules: Anonymizer) -> None:
    out = _unchanged_outside(rules, "woont achter de kerk, nr 27 nee 29, bovenwoning")
    assert not re.search(r"\b2[79]\b", out) and "bovenwoning" in out, out
    kept = "zie agendapunt nr 4 en (nr. 2), bus nr 8 rijdt er langs"
    assert rules.anonymize(kept) == kept


def test_a_year_in_brackets_after_a_name_is_a_birth_year(rules: Anonymizer) -> None:
    out = _unchanged_outside(rules, "twee dochters: Noor (2009) en Sara (2012), zoon later")
    assert "2009" not in out and "2012" not in out and "zoon later" in out, out
    kept = "de Participatiewet (2015) geldt sinds de Wmo (2015)"
    assert rules.anonymize(kept) == kept


def test_a_scheme_with_an_ordinary_word_stays_a_name_with_it_goes(rules: Anonymizer) -> None:
    kept = "er loopt een Bbz-lening en een Tonk-aanvraag, inkomen: WW-uitk. + toeslagen"
    assert rules.anonymize(kept) == kept
    out = _unchanged_outside(rules, "vriend woont in Presikhaaf-oost, Tozo-lening loopt")
    assert "Presikhaaf" not in out and "Tozo-lening loopt" in out, out


def test_a_service_desk_stays_by_its_ending(rules: Anonymizer) -> None:
    kept = "via het Zorginfopunt of de Klussencentrale, daarna naar de Schuldhulpbalie"
    assert rules.anonymize(kept) == kept
    out = _unchanged_outside(rules, "maatje via Vrijwilligerscentrale Wijnhoven")
    assert "Wijnhoven" not in out, out


def test_an_ordinary_place_word_after_an_ordinary_word_is_a_name(rules: Anonymizer) -> None:
    kept = "voorzitter (namens Sociaal Plein), samen met Juridisch Loket"
    assert rules.anonymize(kept) == kept
    out = _unchanged_outside(rules, "ze woont in Plein, bij haar zus. Ergens Utrecht misschien")
    assert "Plein" not in out and "Utrecht" not in out, out


def test_a_name_after_childcare_a_club_or_a_factory_goes(rules: Anonymizer) -> None:
    out = _unchanged_outside(
        rules, "dochter gaat naar kinderopvang ’t kikkertje, hij zit bij schaakclub De Loper "
               "en werkte bij vleesverwerker brabantvlees")
    for name in ("kikkertje", "Loper", "brabantvlees"):
        assert name not in out, out
    kept = "de kinderopvang is dicht, de voetbalclub heeft een wachtlijst, bij de fabriek gewerkt"
    assert rules.anonymize(kept) == kept


def test_a_named_university_goes(rules: Anonymizer) -> None:
    out = _unchanged_outside(rules, "studeert aan de Rotterdamse Hogeschool, 2e jaar")
    assert "Rotterdamse" not in out and "2e jaar" in out, out
    kept = "ze wil naar de hogeschool of de universiteit, studiefinanciering via DUO"
    assert rules.anonymize(kept) == kept


def test_a_participants_initials_as_speaker_go() -> None:
    anonymizer = Anonymizer([("Teun Mertens", "KM_1"), ("Rachida El Ouardi", "KM_2")],
                            client_names=["Gerrit Mol"], use_deduce=False)
    out = _unchanged_outside(anonymizer, "[TM] Oké, wat is je vraag?\nRE: WW loopt af, TM en "
                                         "RE weten het\n[UW] belt")
    # "TM" (Teun Mertens) goes in mid-sentence too: a registered person's initials
    # (tests/services/test_anonymize_initials.py); "RE" is no form of Rachida El Ouardi's
    assert out.startswith("[KM_1] Oké") and "\nKM_2: WW loopt af, KM_1 en RE weten" in out, out
    assert "[UW] belt" in out, out


def test_a_transposed_typo_of_a_known_name_goes() -> None:
    anonymizer = Anonymizer([("Yassine Bakkour", "KM_1")], client_names=["Gerrit Mol"],
                            use_deduce=False)
    out = _unchanged_outside(anonymizer, "aanw: yassien en Yasisne, km")
    assert "yassien" not in out and "Yasisne" not in out and out.endswith(", km"), out
    kept = "aanw: iedereen, ook de assistent"
    assert anonymizer.anonymize(kept) == kept


def test_an_age_after_a_corrected_name_or_before_a_dash_goes(rules: Anonymizer) -> None:
    out = _unchanged_outside(rules, "mw gerit mol (Mol!) 52, kinderen: Noor 7 - Noor heeft astma")
    assert "52" not in out and " 7 " not in out and "heeft astma" in out, out
    kept = "punt 3 - dat is klaar, stap 2 - bellen, (zie bijlage!) 3, 4"
    assert rules.anonymize(kept) == kept


def test_an_unsure_age_of_two_years_goes(rules: Anonymizer) -> None:
    out = _unchanged_outside(rules, "zoon (nu 14/15?) doet het goed, dochter, inmiddels 8-9, ook")
    assert "14/15" not in out and "8-9" not in out and "doet het goed" in out, out
    kept = "vergadering (nu 14/16 uur), zie blz. 3-5, nu 2 of 3 keer"
    assert rules.anonymize(kept) == kept


def test_a_street_with_a_compass_part_and_a_number_goes(rules: Anonymizer) -> None:
    out = _unchanged_outside(rules, "staat ingeschreven op Provincialeweg Noord 45b, kamer 3")
    assert "Provincialeweg" not in out and "45b" not in out and "kamer 3" in out, out
    kept = "ze woont in Noord, de weg naar het zuiden 12 km"
    assert "de weg naar het zuiden 12 km" in rules.anonymize(kept)


def test_initials_with_a_particle_as_speaker_go() -> None:
    anonymizer = Anonymizer([("Ilona van Gorp", "KM_1")], client_names=["Gerrit Mol"],
                            use_deduce=False)
    out = _unchanged_outside(anonymizer, "[IvG] kan dat?\nIG: ja\nPvA: nee, de WW loopt")
    assert out.startswith("[KM_1] kan dat?\nKM_1: ja\nPvA: nee"), out


def test_a_name_after_day_care_or_a_playground_goes(rules: Anonymizer) -> None:
    out = _unchanged_outside(rules, "hij slaapt in nachtopvang De Vuurtoren, kids naar speeltuin "
                                    "Kikkerland")
    assert "Vuurtoren" not in out and "Kikkerland" not in out, out
    kept = "de nachtopvang was vol, in het zwembad zwemmen, dagbesteding 3 dagen per week"
    assert rules.anonymize(kept) == kept


def test_a_business_name_after_a_comma_goes(rules: Anonymizer) -> None:
    out = _unchanged_outside(rules, "zijn schoonmaakbedrijf, Glimmerik BV, is failliet")
    assert "Glimmerik" not in out and out.endswith(", is failliet"), out
    kept = "werkt bij een schoonmaakbedrijf, UWV betaalt. Het bedrijf, de gemeente zegt nee"
    assert rules.anonymize(kept) == kept


def test_a_capitalised_house_number_word_is_no_name_with_an_age(rules: Anonymizer) -> None:
    out = _unchanged_outside(rules, "Huisnr 12, dochter sophie (2012) op school")
    assert out.startswith("Huisnr ") and "12" not in out and "2012" not in out, out
    assert "op school" in out, out
