"""Organisations named after the word for their kind, and hurried forms of an address.

- **Sports clubs**: "vv IJVC", "sv Heerenveen", "voetbal bij LFC", "vv ten boer".
- **Care and work**: "GGZ Breburg", "uitzendbureau Flexwerk Noord", "Alfa-college".
- **Housing**: "flat van Eigen Haard", "portiekflat van Portaal".
- **Names that are ordinary words after their kind**: "ROC Midden Nederland",
  "Pinkstergemeente Levend Water", "moskee Al Fath".
- **Where someone lives, said by a place's adjective**: "het Amersfoortse ROC", "Haagse".
- **A neighbour's house number**: "buurvrouw (nr 210)", "de man van nummer 46".
- **Numbers**: a reference in groups of four digits ("6019 2837 4455 1200"), a code with
  slashes ("INC/2024/33019"), "de 11e:" at the start of a line of a timeline.
- **A lowercase postcode** beside a house number or a place ("kerkstraat 3b 9791 ce").
- **A lowercase surname after a title**: "dr van dyk", "juf anja".
- **A place in a heading in capitals**: "VERSLAG OVERLEG SOCIAAL DOMEIN ALMELO".
- **A short lowercase place after a preposition** ("naar haar zus in epe") and a
  lowercase place with an article in its name after "woont" ("woont ten boer").
"""

from __future__ import annotations

from casusdesk.services.anonymize import regex as re
from collections.abc import Callable
from typing import Any

from casusdesk.services.anonymize import lexicon
from casusdesk.services.anonymize.words import brands
from casusdesk.services.anonymize.recall.base import (
    _DETERMINERS,
    _compound_of_words,
    _inside,
    _plain,
)
from casusdesk.services.anonymize.recall.places import _common
from casusdesk.services.anonymize.rules import _STREET_SUFFIX
from casusdesk.services.anonymize.rules import _UNITS as _UNIT_LETTERS

_TOKEN = r"[\w'’&-]+"
#: the abbreviation of a sports club before its name
_CLUB = re.compile(
    r"(?<![\w.])(?:vv|v\.v\.|sv|s\.v\.|fc|f\.c\.|rkvv|rksv|hc|h\.c\.|hv|zv|vv\.|sc|s\.c\.)"
    rf"[ \t]+(?P<n>{_TOKEN}(?:[ \t]+{_TOKEN}){{0,2}})", re.I)
#: a sport done at a club: "voetbalt bij LFC", "zit op hockey bij Hurley"
_SPORT_AT = re.compile(
    r"(?i:(?<![\w])(?:voetbal|voetbalt|voetballen|hockey|hockeyt|hockeyen|turnt|turnen|"
    r"zwemt|zwemmen|traint|trainen|korfbal|korfbalt|handbal|handbalt|judo|judoot|"
    r"basketbal|basketbalt|sport)[ \t]+(?:bij|op|in)[ \t]+)"
    rf"(?P<n>[A-ZÀ-Þ]{_TOKEN}(?:[ \t]+[A-ZÀ-Þ]{_TOKEN})?)")
#: the word for a kind of organisation and its proper name: "GGZ Breburg",
#: "uitzendbureau Flexwerk Noord"
_KIND_NAME = re.compile(
    r"(?<![\w])(?:GGZ|ggz|Ggz|zorggroep|Zorggroep|uitzendbureau|Uitzendbureau|"
    r"detacheerder|detacheringsbureau|thuiszorgorganisatie|zorgaanbieder|woonzorgcentrum|"
    r"verpleeghuis|zorginstelling|dagbesteding)"
    rf"[ \t]+(?P<n>[A-ZÀ-Þ]{_TOKEN}(?:[ \t]+[A-ZÀ-Þ]{_TOKEN})?)")
#: "Alfa-college", "Noorderpoort-lyceum": a school's name joined to its kind
_HYPHEN_SCHOOL = re.compile(
    r"(?<![\w-])(?P<n>(?P<name>[A-ZÀ-Þ][\w'’]+)-(?:college|lyceum|school|scholengemeenschap|"
    r"gymnasium|academie))(?![\w-])")
#: a dwelling rented from a landlord with a name of one or two capitalised words
_DWELLING_OF = re.compile(
    r"(?i:(?<![\w])(?:flat|flatje|portiekflat|galerijflat|huurflat|huurhuis|appartement|"
    r"eengezinswoning|benedenwoning|bovenwoning|seniorenwoning)[ \t]+(?:van|bij|via)[ \t]+)"
    r"(?P<n>[A-ZÀ-Þ][\w'’-]{2,}(?:[ \t]+[A-ZÀ-Þ][\w'’-]{2,})?)(?![\w])")
#: kinds whose own name is often made of ordinary words: take the capitalised words
_KIND_ORDINARY_NAME = re.compile(
    r"(?<![\w])(?:ROC|Roc|roc|[Pp]inkstergemeente|[Bb]aptistengemeente|[Ee]vangeliegemeente|"
    r"[Gg]emeente[ \t]+van[ \t]+Christus|kerk|moskee|parochie|synagoge|gebedshuis)"
    rf"[ \t]+(?P<n>[A-ZÀ-Þ]{_TOKEN}(?:[ \t]+(?:[A-ZÀ-Þ]{_TOKEN}|van|de|der)){{0,3}})")
#: "het Amersfoortse ROC", "de Haagse school": the adjective of a place
_PLACE_ADJECTIVE = re.compile(r"(?<![\w'’-])(?P<n>[A-ZÀ-Þ][a-zß-ÿ'’-]{2,}se)(?![\w'’-])")
_NEIGHBOUR_NUMBER = re.compile(
    r"(?i:(?<![\w])(?:van|naast|tegenover|schuin[ \t]+tegenover)[ \t]+"
    r"(?:nr|nummer|huisnummer)\.?[ \t]*)(?P<n>\d{1,4}[a-z]?)(?![\w])"
    r"|\((?i:nr|nummer)\.?[ \t]*(?P<p>\d{1,4}[a-z]?)\)")
_DIGIT_GROUPS = re.compile(r"(?<![\w€.,])(?P<n>\d{4}(?:[ \t]\d{4}){2,4})(?![\w,.]?\d)")
_SLASH_CODE = re.compile(r"(?<![\w/])(?P<n>[A-Z]{2,5}/\d{2,4}/\d{3,})(?![\w/])")
_LINE_DAY = re.compile(
    r"(?m)^[ \t]*(?:[-*•][ \t]*)?(?i:de)[ \t]+(?P<n>\d{1,2}(?:e|de|ste))(?=[ \t]*[:–-])")
#: "werkt bij Drechtwerk", "in dienst bij Van Dijk Bouw", "werkte 20 jaar bij heineken",
#: "werkt 12 uur per week in de schoonmaak bij het LUMC": an employer
_WORKS_AT = re.compile(
    r"(?i:(?<![\w])(?:werkt|werkte|werkten|werken|werk|werkzaam|gewerkt|in[ \t]+dienst|stage|dienst|"
    r"loopt[ \t]+stage|stageplek|bijbaan|baan|baantje|contract|ontslagen|gestopt|loon|"
    # "taxichauffeur bij", "schoonmaakwerk bij", "orderpicker bij": a trade or a job
    r"[\w-]{3,}(?:chauffeur|conducteur|picker|medewerker|schoonmaker|monteur|verkoper|"
    r"vakkenvuller|magazijnier|kok|lasser|timmerman|werk|werker|werkster))"
    r"(?:[ \t]+(?!bij\b|voor\b)[\w€'’-]+){0,6}?"
    r"[ \t]+(?:bij|voor)[ \t]+(?P<det>(?:de|het|'t)[ \t]+)?)"
    rf"(?P<n>(?:[Vv]an[ \t]+(?:(?:der|den|de)[ \t]+)?)?[A-ZÀ-Þ]{_TOKEN}(?:[ \t]+[A-ZÀ-Þ]{_TOKEN}){{0,2}}"
    rf"|(?P<low>[a-zß-ÿ]{_TOKEN}))(?![\w'’&-])")
#: "schuld bij Beter Wonen", "incasso van Vesting Finance", "beslag door GGN": a creditor
_CREDITOR = re.compile(
    r"(?i:(?<![\w])(?:schuld|schulden|(?:huur)?achterstand|incasso|incassobureau|beslag|"
    r"deurwaarder|vordering|betalingsregeling|regeling)(?:[ \t]+\(?|[ \t]*\()[ \t]*"
    r"(?:(?:bij|van|door|via|met)[ \t]+)?"
    r"(?:(?:de|het)[ \t]+)?)"
    rf"(?P<n>[A-ZÀ-Þ]{_TOKEN}(?:[ \t]+[A-ZÀ-Þ]{_TOKEN}){{0,2}})(?![\w'’&-])")
#: "ik spel het even, S E N A I T": a name spelled letter by letter
_SPELLED = re.compile(
    r"(?i:(?<![\w])(?:spel|spelt|gespeld|spelling)\b[^\n]{0,60}?)"
    r"(?P<n>(?-i:[A-Z])(?:[ .-]+(?-i:[A-Z])){3,})(?![\w])")
#: "orderpicker in het distributiecentrum van Jumbo", "PostNL sorteercentrum", "de
#: Sphinx-fabriek": a company named by its workplace
_WORKPLACE = re.compile(
    r"(?i:(?<![\w])(?:distributiecentrum|sorteercentrum|magazijn|fabriek|filiaal|vestiging|"
    r"hoofdkantoor|depot)[ \t]+(?:van|bij)[ \t]+(?:(?:de|het)[ \t]+)?)"
    rf"(?P<n>[A-ZÀ-Þ]{_TOKEN}(?:[ \t]+[A-ZÀ-Þ]{_TOKEN})?)(?![\w'’&-])"
    rf"|(?<![\w'’&-])(?P<b>[A-ZÀ-Þ][\w'’&]+)(?:[ \t]+|-)"
    r"(?=(?i:distributiecentrum|sorteercentrum|fabriek|magazijn|depot)(?![\w]))")
#: "bij Vion gewerkt", "3 jaar bij de RET in dienst": an employer before the verb
_WORKED_AT = re.compile(
    r"(?i:(?<![\w])bij[ \t]+(?:(?:de|het|'t)[ \t]+)?)"
    rf"(?P<n>[A-ZÀ-Þ]{_TOKEN}(?:[ \t]+[A-ZÀ-Þ]{_TOKEN})?|(?P<low>[a-zß-ÿ]{_TOKEN}))"
    r"(?=(?:[ \t]+(?:als|in|op|de|het|een|[\w-]+er|[\w-]+ster|[\w-]+ker|\d+|jaar|jr|maanden)){0,3}"
    r"[ \t]+(?i:gewerkt|werkzaam|in[ \t]+dienst|ontslagen|aan[ \t]+het[ \t]+werk)(?![\w]))")
#: "op het wessel college", "zit op het mgr. frencken college": a school typed in lower case
_LOWER_COLLEGE = re.compile(
    r"(?i:(?<![\w])(?:op|naar|van|bij|aan|via)[ \t]+(?:het|'t)[ \t]+)"
    r"(?P<n>(?P<words>(?:[a-zß-ÿ][\w.'’-]*[ \t]+){1,3})"
    r"(?:college|lyceum|gymnasium|scholengemeenschap|mavo|havo|vmbo))(?![\w])")
_TITLE_WORD = re.compile(r"(?:mgr|st|sint|dr|pater|prof|koning|koningin|prins|prinses)\.?$")
#: "huisarts dr. Taal", "ds. Visser": after a doctor's or minister's title a capitalised
#: word is a surname, however ordinary the word
_DOCTOR = re.compile(
    r"(?<![\w])(?:[Dd]r|[Dd]rs|[Dd]s|[Dd]okter|[Dd]hr|[Mm]evr|[Mm]w|[Mm]eneer|[Mm]evrouw|"
    r"[Oo]uderling|[Ww]ijkagent)\.?[ \t]+"
    rf"(?P<n>(?:(?:van|de|der|den|ten|ter)[ \t]+)*[A-ZÀ-Þ][\w'’-]{{2,}})(?![\w'’.-])"
    r"|(?<![\w])(?:[Dd]r|[Dd]rs)\.[ \t]+(?P<low>[a-zß-ÿ][\w'’-]{2,})(?![\w'’-])")
#: "geb. Nickerie", "geboren Paramaribo": a place of birth
_BORN_PLACE = re.compile(
    r"(?<![\w])(?:geb\.|geboren)[ \t]+(?:in[ \t]+|te[ \t]+)?"
    rf"(?P<n>[A-ZÀ-Þ][\w'’-]+(?:[ \t]+[A-ZÀ-Þ][\w'’-]+)?)(?![\w'’-])")
#: "woont oldegalileen 87", "woont op kerkstraat 4": a street and number after "woont"
_LIVES_AT_NUMBER = re.compile(
    r"(?i:(?<![\w])woont[ \t]+(?:nu[ \t]+|sinds[ \t]+kort[ \t]+)?(?:(?:op|aan)[ \t]+(?:de[ \t]+)?)?)"
    r"(?P<n>(?P<s>[a-zß-ÿ][\w'’-]{3,})[ \t]+\d{1,4}[ \t]?[a-z]?)(?![\w])")
#: "studeert aan de Fontys", "opleiding bij Landstede": a school
_STUDIES_AT = re.compile(
    r"(?i:(?<![\w])(?:studeert|studeerde|studeren|student|studie|opleiding|ingeschreven|stage)"
    r"(?:[ \t]+(?!aan\b|bij\b|op\b)[\w'’-]+){0,2}?"
    r"[ \t]+(?:aan|bij|op)[ \t]+(?:(?:de|het|'t)[ \t]+)?)"
    rf"(?P<n>[A-ZÀ-Þ][\w'’/-]+|[a-zß-ÿ][\w'’-]+)(?![\w'’/-])")
#: a lowercase town after a street and number: "Kerkstraat 4 enschede"
_TOWN_AFTER_ADDRESS = re.compile(
    rf"(?i:(?:{_STREET_SUFFIX})"
    r"[ \t]+\d{1,4}[ \t]?[a-z]?(?:[ \t]*[-/][ \t]*\w{1,4})?[ \t]*,?[ \t]+)"
    r"(?P<n>[a-zß-ÿ][\w'’-]{2,})(?![\w])")
#: "Tigris-buurt", "Vogeldorp-kant": a neighbourhood joined to the word for one
_HYPHEN_QUARTER = re.compile(
    r"(?<![\w-])(?P<n>(?P<name>[A-ZÀ-Þ][\w'’]+)-(?:buurt|kant|wijk|kwartier|dorp|zijde|eiland))"
    r"(?![\w-])")
#: "de Kameleon basisschool": a school's name before its kind
_NAME_BEFORE_SCHOOL = re.compile(
    r"(?i:(?<![\w])(?:de|het|'t)[ \t]+)(?P<n>[A-ZÀ-Þ][\w'’-]+)[ \t]+"
    r"(?=(?:basisschool|school|kinderopvang|peuterspeelzaal|bso|kdv|opvang)\b)")
#: a lowercase postcode: four digits, a space, two letters
_LOWER_POSTCODE = re.compile(r"(?<![\w.,/-])(?P<n>[1-9]\d{3}[ \t][a-z]{2})(?![\w])")
#: a house number just before it ("3b", "12,") or a place after it
_HOUSE_NUMBER_BEFORE = re.compile(r"\d{1,4}[ \t]?[a-z]?[ \t]*,?[ \t]*$")
#: a title and a lowercase name: "dr van dyk", "juf anja", "dhr sultani"
_TITLE_LOWER = re.compile(
    r"(?i:(?<![\w])(?:dr|dokter|drs|mr|ds|juf|meester|mw|mevr|dhr|meneer|mevrouw|mijnheer)"
    r"\.?[ \t]+)(?P<n>(?:(?:van|de|der|den|ten|ter|el|al|ben|van't)[ \t]+){0,2}"
    r"[a-zß-öø-ÿ][\w'’-]{2,})(?![\w])")
#: a file code after "nr." or a file word, letters and digits in parts: "onder nr.
#: SHV-AMS-771204", "dossiernr gemeente 2023/WI/88213"
_NR_CODE = re.compile(
    r"(?i:(?<![\w])(?:nr|no|nummer|dossiernr|dossiernummer|zaaknr|zaaknummer|kenmerk)\.?"
    r"(?:[ \t]+gemeente)?[ \t]*:?[ \t]*)"
    r"(?P<n>(?=[A-Za-z0-9/.-]*\d)(?=[A-Za-z0-9/.-]*[A-Za-z])[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)+)(?![\w-])")
#: a quarter after a local team or facility: "buurtteam Zuilen/Ondiep", "Vrouwencentrum
#: Zuilen", "Werkplein Zuidoost"
_LOCAL_TEAM = re.compile(
    r"(?i:(?<![\w])(?:[a-zß-ÿ]+team|[a-zß-ÿ]+centrum|werkplein|stadsdeel|stadsdeelkantoor|"
    r"buurthuis|wijkpost|servicepunt|gebiedsteam)[ \t]+)"
    r"(?P<n>[A-ZÀ-Þ][\w'’-]+(?:/[A-ZÀ-Þ][\w'’-]+)?)(?![\w/])")
_COMPASS = frozenset("noord oost zuid west noordoost noordwest zuidoost zuidwest centrum".split())
#: a lowercase place of more than one part after a preposition: "in etten-leur",
#: "naar bergen op zoom"
_LOWER_MULTI_PLACE = re.compile(
    r"(?i:(?<![\w])(?:in|naar|uit|vanuit|te|richting|rond)[ \t]+)"
    r"(?P<n>[a-zß-öø-ÿ][\w'’]*(?:-[a-zß-öø-ÿ][\w'’]*)*(?:[ \t][a-zß-öø-ÿ][\w'’-]*){0,3})")
_CAPS_LINE = re.compile(r"(?m)^[^\na-zß-ÿ]*[A-ZÀ-Þ]{3}[^\na-zß-ÿ]*$")
_CAPS_WORD = re.compile(r"(?<![\w'’-])(?P<n>(?:'S-)?[A-ZÀ-Þ][A-ZÀ-Þ'’-]{2,}(?:[ -][A-ZÀ-Þ]{2,})?)(?![\w'’-])")
_SHORT_PLACE = re.compile(
    r"(?i:(?<![\w])(?:in|naar|uit|vanuit|te)[ \t]+)(?P<n>[a-zß-öø-ÿ]{3})(?=[ \t]*[,.;:)\n]|$)")
_ARTICLE_PLACE = re.compile(
    r"(?i:(?<![\w])(?:woont|wonen|woonde|verhuisd|verhuist|verhuizen)[ \t]+"
    r"(?:(?:in|naar)[ \t]+)?)(?P<n>(?:ten|ter|den|de|het|'t)[ \t]+[a-zß-öø-ÿ][\w'’-]+)(?![\w])")


def _name_words(anonymizer: Any, name: str, *, plain: bool = True) -> bool:
    """A proper name: no keep word, no function or law, and not only ordinary words
    ("GGZ Centraal", "flat van Woning Nood") unless one of them is an acronym."""
    words = name.split()
    if any(w.casefold() in anonymizer._keep for w in words):
        return False
    acronym = any(w.isupper() and len(w) > 1 for w in words)
    # after the word for its kind a compound is a name too ("uitzendbureau Flexwerk")
    ordinary = all(_common(w.casefold()) or lexicon.frequency(w.casefold()) >= 4.5
                   for w in words)
    return (acronym or not ordinary) and (not plain or all(_plain(anonymizer, w) or w.isupper()
                                                           for w in words))


def _employer(anonymizer: Any, name: str, *, lower: bool) -> bool:
    """The name after "werkt bij" or "studeert aan" of a company or school: no keep word,
    function or ordinary word ("bij Defensie", "bij de gemeente", "aan de universiteit");
    typed in lower case only a word Dutch spelling writes with a capital ("verkade") or
    hardly knows ("bonduelle")."""
    words = name.split()
    while len(words) > 1 and words[0].casefold() in {"van", "der", "den", "de"} \
            and words[0][:1].isupper() or len(words) > 2 and words[0] == "van":
        words = words[1:]  # "Van der Wiel Infra", "van der Wiel Transport": the name's particles
        while len(words) > 1 and words[0] in {"der", "den", "de"}:
            words = words[1:]
        name = " ".join(words)
    key = name.casefold()
    first = words[0].casefold()
    if key in brands():
        return True  # "dienst bij de Lidl": a chain is kept, except as an employer
    if first in _DETERMINERS or key in anonymizer._keep or first in anonymizer._keep \
            or lexicon.is_function_word(first) or lexicon.is_country(key):
        return False
    if "-" in key and all(lexicon.frequency(p) >= 3.0 for p in key.split("-")):
        return False  # "op het Mbo-college", "bij de Sociale-dienst": ordinary words
    if lower:
        return not _common(key) and (lexicon.proper_noun(key) or lexicon.unknown_word(key, 3.0)
                                     and not _compound_of_words(key.replace("-", "")))
    if len(words) == 1 and lexicon.frequency(key) >= 4.0 and not lexicon.proper_noun(key) \
            and not (name.isupper() and len(name) >= 3):
        return False  # "werkt bij Defensie"; not "bij Heineken", "bij RET"
    return _name_words(anonymizer, name, plain=False)


def _lower_club_word(word: str) -> bool:
    """A lowercase word of a club's name: a place, a word no dictionary knows
    ("sallandia"), or letters without a vowel ("wsv")."""
    key = word.casefold()
    if _common(key) or key in _DETERMINERS:
        return False
    return (lexicon.is_place(key) or lexicon.unknown_word(key, 3.0)
            or 2 <= len(key) <= 4 and key.isalpha() and not set(key) & set("aeiouy"))


def _club_name(anonymizer: Any, m: re.Match[str]) -> tuple[int, int] | None:
    """The longest run of the words after "vv" that is a name: capitalised words or an
    acronym, or a lowercase place ("vv ten boer")."""
    tokens = list(re.finditer(_TOKEN, m.group("n")))
    for k in range(len(tokens), 0, -1):
        words = [t.group() for t in tokens[:k]]
        joined = " ".join(words)
        if words[-1].casefold() in _DETERMINERS or _common(words[-1].casefold()) \
                and not lexicon.is_place(joined.casefold()):
            continue
        if all(w[:1].isupper() or any(ch.isdigit() for ch in w) or _lower_club_word(w)
               for w in words) or lexicon.is_place(joined.casefold()):
            if any(w.casefold() in anonymizer._keep for w in words):
                return None
            return m.start("n") + tokens[0].start(), m.start("n") + tokens[k - 1].end()
    return None


def _clubs_and_kinds(anonymizer: Any, text: str, add: Callable[..., None],
                     protected: list[tuple[int, int]]) -> None:
    for m in _CLUB.finditer(text):
        span = _club_name(anonymizer, m)
        if span is not None and not _inside(protected, *span):
            add(span[0], span[1], "instelling", 3, label="INSTELLING")
    for m in _SPORT_AT.finditer(text):
        if _name_words(anonymizer, m.group("n")) and not _inside(protected, *m.span("n")):
            add(m.start("n"), m.end("n"), "instelling", 3, label="INSTELLING")
    for pattern in (_KIND_NAME, _DWELLING_OF):
        for m in pattern.finditer(text):
            name = m.group("n")
            if name.split()[0].casefold() in _DETERMINERS or _inside(protected, *m.span("n")):
                continue  # "flat van De Vries" is for the name rules
            if _name_words(anonymizer, name, plain=pattern is _DWELLING_OF):
                add(m.start("n"), m.end("n"), "instelling", 3, label="INSTELLING")
    for m in _KIND_ORDINARY_NAME.finditer(text):
        name = re.sub(r"(?:[ \t]+(?:van|de|der))+$", "", m.group("n"))
        end = m.start("n") + len(name)
        if name.casefold() in anonymizer._keep or name.split()[0].casefold() in _DETERMINERS \
                or _inside(protected, m.start("n"), end):
            continue
        kind = "school" if m.group().lower().startswith("roc") else "instelling"
        add(m.start("n"), end, kind, 3, label=kind.upper())
    for m in _PLACE_ADJECTIVE.finditer(text):
        stem = m.group("n")[:-2].casefold()
        if stem in anonymizer._keep or _common(m.group("n").casefold()) \
                or _inside(protected, *m.span("n")):
            continue  # "Nederlandse", "Marokkaanse": a country says nothing
        if any(lexicon.is_place(s) and s not in anonymizer._keep and not _common(s)
               for s in (stem, stem + "en", "den " + stem)):
            add(m.start("n"), m.end("n"), "plaats", 2, label="PLAATS")
    for m in _WORKS_AT.finditer(text):
        name = m.group("n")
        if _employer(anonymizer, name, lower=m.group("low") is not None) \
                and not _inside(protected, *m.span("n")):
            add(m.start("n"), m.end("n"), "instelling", 2, label="INSTELLING", employer=True)
    for m in _WORKED_AT.finditer(text):
        name = m.group("n")
        if _employer(anonymizer, name, lower=m.group("low") is not None) \
                and not _inside(protected, *m.span("n")):
            add(m.start("n"), m.end("n"), "instelling", 2, label="INSTELLING", employer=True)
    for m in _WORKPLACE.finditer(text):
        group = "n" if m.group("n") is not None else "b"
        name = m.group(group)
        if _employer(anonymizer, name, lower=False) and not _inside(protected, *m.span(group)) \
                and not lexicon.is_place(name):
            add(m.start(group), m.end(group), "instelling", 2, label="INSTELLING", employer=True)
    for m in _DOCTOR.finditer(text):
        if m.group("low") is not None:  # "huisarts dr. sterk": a doctor's name in lower case
            key = m.group("low").casefold()
            if not (key in _DETERMINERS or key in anonymizer._keep
                    or lexicon.is_function_word(key) or _inside(protected, *m.span("low"))):
                add(m.start("low"), m.end("low"), "persoon", 2, label="PERSOON")
            continue
        name = m.group("n")
        key = name.split()[-1].casefold()
        if key in anonymizer._keep or lexicon.is_function_word(key) \
                or _inside(protected, *m.span("n")):
            continue
        add(m.start("n"), m.end("n"), "persoon", 2, label="PERSOON")
    for m in _BORN_PLACE.finditer(text):
        name = m.group("n")
        words = name.split()
        if len(words) == 2 and not lexicon.is_place(name):
            words = words[:1]
        key = " ".join(words).casefold()
        if key in anonymizer._keep or lexicon.is_country(key) or _common(key) \
                or not (lexicon.is_place(key) or lexicon.proper_noun(key)
                        or lexicon.unknown_word(key, 3.0)) \
                or _inside(protected, *m.span("n")):
            continue  # "geboren Nederlander", "geb. Marokko": no town
        add(m.start("n"), m.start("n") + len(" ".join(words)), "plaats", 2, label="PLAATS")
    for m in _LIVES_AT_NUMBER.finditer(text):
        key = m.group("s").casefold()
        if _common(key) or key in _DETERMINERS or key in anonymizer._keep \
                or lexicon.frequency(key) >= 3.0 or _inside(protected, *m.span("n")):
            continue  # "woont alleen 3 dagen", "woont samen 2 jaar"
        add(m.start("n"), m.end("n"), "adres", 3, label="ADRES")
    for m in _LOWER_COLLEGE.finditer(text):
        words = m.group("words").split()
        keys = [w.casefold().strip(".") for w in words]
        if any(k in anonymizer._keep or lexicon.is_function_word(k) for k in keys) \
                or _inside(protected, *m.span("n")):
            continue
        named = [k for k in keys if _TITLE_WORD.match(k) or lexicon.proper_noun(k)
                 or k in lexicon.names()[0] or k in lexicon.names()[1]
                 or not _common(k) and lexicon.unknown_word(k, 3.0)]
        if named:
            add(m.start("n"), m.end("n"), "school", 3, label="SCHOOL")
    for m in _CREDITOR.finditer(text):
        name = m.group("n")
        words = name.split()
        if len(words) > 1 and all(w[:1].isupper() for w in words) \
                and not any(w.casefold() in anonymizer._keep for w in words) \
                and not any(lexicon.is_function_word(w.casefold()) for w in words):
            ordinary_name = True  # "Beter Wonen", "Openbaar Belang": capitals make a name
        else:
            ordinary_name = False
        if (ordinary_name or _employer(anonymizer, name, lower=False)) \
                and not _inside(protected, *m.span("n")):
            add(m.start("n"), m.end("n"), "instelling", 2, label="INSTELLING")
    for m in _SPELLED.finditer(text):
        add(m.start("n"), m.end("n"), "naam", 3, label="NAAM")
    for m in _STUDIES_AT.finditer(text):
        name = m.group("n")
        if _employer(anonymizer, name, lower=name[:1].islower()) \
                and not _inside(protected, *m.span("n")):
            add(m.start("n"), m.end("n"), "school", 2, label="SCHOOL")
    for m in _HYPHEN_QUARTER.finditer(text):
        key = m.group("name").casefold()
        if key in anonymizer._keep or _common(key) or lexicon.frequency(key) >= 4.0 \
                or _inside(protected, *m.span("n")):
            continue  # "Noord-kant", "Binnen-dorp"
        add(m.start("n"), m.end("n"), "plaats", 2, label="WIJK")
    for m in _NAME_BEFORE_SCHOOL.finditer(text):
        key = m.group("n").casefold()
        if key in anonymizer._keep or _common(key) or lexicon.frequency(key) >= 4.0 \
                or not _plain(anonymizer, m.group("n")) or _inside(protected, *m.span("n")):
            continue  # "de Openbare school", "het Speciaal onderwijs"
        add(m.start("n"), m.end("n"), "school", 3, label="SCHOOL")
    for m in _HYPHEN_SCHOOL.finditer(text):
        key = m.group("name").casefold()
        if key in anonymizer._keep or _common(key) or not _plain(anonymizer, m.group("name")) \
                or _inside(protected, *m.span("n")):
            continue  # "Mbo-college", "Vak-school"
        add(m.start("n"), m.end("n"), "school", 3, label="SCHOOL")


def _hurried_address_and_names(anonymizer: Any, text: str, add: Callable[..., None],
                               protected: list[tuple[int, int]]) -> None:
    for m in _NR_CODE.finditer(text):
        add(m.start("n"), m.end("n"), "nummer", 3)
    for m in _LOWER_MULTI_PLACE.finditer(text):
        words = m.group("n").split()
        for k in range(len(words), 0, -1):
            name = " ".join(words[:k])
            rest = words[1:k] if words[0].casefold() in {"de", "het", "'t"} else ()
            if rest and all(_common(w.casefold()) or lexicon.frequency(w.casefold()) >= 3.5
                            for w in rest):
                continue  # "in de buurt", "uit het dorp": words, not "de bilt"
            if (k > 1 or "-" in name) and lexicon.is_place(name) \
                    and name.casefold() not in anonymizer._keep:
                start = m.start("n")
                end = start + len(re.match(r"\S+(?:[ \t]+\S+){%d}" % (k - 1),
                                           m.group("n")).group())
                if not _inside(protected, start, end):
                    add(start, end, "plaats", 3, label="PLAATS")
                break
    for m in _LOCAL_TEAM.finditer(text):
        start = m.start("n")
        for part in m.group("n").split("/"):
            key = part.casefold()
            if not (key in anonymizer._keep or lexicon.is_function_word(key)
                    or key in _DETERMINERS or part.isupper()
                    or lexicon.frequency(key) >= 4.5 and key not in _COMPASS
                    or _compound_of_words(key) and key not in _COMPASS
                    and key not in lexicon.neighbourhoods()
                    or _inside(protected, start, start + len(part))):
                add(start, start + len(part), "wijk", 3, label="WIJK")
            start += len(part) + 1
    for m in _LOWER_POSTCODE.finditer(text):
        letters = m.group("n")[-2:]
        if letters.upper() in _UNIT_LETTERS or letters in {"sa", "sd", "ss"} or _common(letters) \
                or letters in anonymizer._keep:
            continue  # "2019 en", "1200 km"
        before = text[max(0, m.start() - 12):m.start()]
        after = re.match(r"[ \t]*,?[ \t]*([\w'’-]+)", text[m.end():m.end() + 40])
        place = after.group(1).casefold() if after else ""
        beside_place = lexicon.is_place(place) and not _common(place) \
            and lexicon.frequency(place) < 4.5  # "1200 km lang": "lang" is a word
        if _HOUSE_NUMBER_BEFORE.search(before) or beside_place \
                or re.search(r"(?i)postcode\W*$", before):
            add(m.start("n"), m.end("n"), "postcode")
    for m in _NEIGHBOUR_NUMBER.finditer(text):
        group = "n" if m.group("n") else "p"
        line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        if group == "p" and not re.search(r"(?i)buur|buren|\bfam\b|familie|woont|wonen", line):
            continue  # "Agendapunt (nr 3)"; "buurvrouw Jansen (nr 210)" is a house
        add(m.start(group), m.end(group), "adres", 3, label="ADRES")
    for pattern in (_DIGIT_GROUPS, _SLASH_CODE):
        for m in pattern.finditer(text):
            add(m.start("n"), m.end("n"), "nummer", 3)
    for m in _LINE_DAY.finditer(text):
        add(m.start("n"), m.end("n"), "datum", replacement="[DATUM]")
    for m in _TITLE_LOWER.finditer(text):
        words = m.group("n").split()
        key = words[-1].casefold()
        # after one particle the word is a surname even when it is a word or a verb that
        # deduce glues to names ("dr de wilde"); after "van de" it may be a place
        # ("meneer van de overkant"), so there it must be rare
        if len(words) == 2:
            ok = lexicon.frequency(key) < 5.5 and not _common(key)
        else:
            ok = lexicon.frequency(key) < 4.5 and not _common(key) \
                and key not in anonymizer._keep and _plain(anonymizer, words[-1])
        if not ok or key in _DETERMINERS or lexicon.is_function_word(key) \
                or _inside(protected, *m.span("n")):
            continue  # "meneer zegt", "dr. heeft", "mevrouw de klantmanager"
        if len(key) >= 10 and (_compound_of_words(key) or lexicon.derived_word(key)):
            continue  # "of mw. mantelzorgwaardering krijgt": words put together
        add(m.start("n"), m.end("n"), "persoon", 2, label="PERSOON")
    for line in _CAPS_LINE.finditer(text):  # a heading typed in capitals
        for m in _CAPS_WORD.finditer(line.group()):
            key = m.group("n").casefold()
            if key in anonymizer._keep or _common(key) or lexicon.frequency(key) >= 5.5 \
                    or not lexicon.is_place(key):
                continue
            start, end = line.start() + m.start("n"), line.start() + m.end("n")
            if not _inside(protected, start, end):
                add(start, end, "plaats", 2, label="PLAATS")
    for m in _TOWN_AFTER_ADDRESS.finditer(text):
        key = m.group("n").casefold()
        if lexicon.is_place(key) and not _common(key) and key not in anonymizer._keep \
                and key not in _DETERMINERS and not _inside(protected, *m.span("n")):
            add(m.start("n"), m.end("n"), "plaats", 2, label="PLAATS")
    for m in _SHORT_PLACE.finditer(text):
        key = m.group("n").casefold()
        if lexicon.is_place(key) and not _common(key) and key not in anonymizer._keep \
                and key not in _DETERMINERS and lexicon.frequency(key) < 4.0 \
                and not _inside(protected, *m.span("n")):
            add(m.start("n"), m.end("n"), "plaats", 2, label="PLAATS")
    for m in _ARTICLE_PLACE.finditer(text):
        key = " ".join(m.group("n").split()).casefold()
        article, word = key.split(" ", 1)
        if article in {"de", "het", "'t"} and (_common(word) or lexicon.frequency(word) >= 4.0):
            continue  # "woont in de buurt"; "ten", "ter" and "den" are only in names
        if lexicon.is_place(key) and not _inside(protected, *m.span("n")):
            add(m.start("n"), m.end("n"), "plaats", 2, label="PLAATS")
