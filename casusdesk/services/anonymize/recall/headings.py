"""Headings, unknown words in a place or person context, labelled fields, house numbers."""

from __future__ import annotations

from casusdesk.services.anonymize import regex as re
from collections.abc import Callable
from typing import Any

from casusdesk.services.anonymize import lexicon
from casusdesk.services.anonymize.recall.base import (
    _CAP,
    _DETERMINERS,
    _PERSON,
    _WORD,
    _compound_of_words,
    _inside,
    _plain,
)
from casusdesk.services.anonymize.recall.places import (
    _common,
)
from casusdesk.services.anonymize.recall.people import (
    _known_tokens,
)
from casusdesk.services.anonymize.recall.hurried import (
    _NUMWORD,
    _STREET_SUFFIX,
    _STREET_SUFFIX_EARLY,
    _TEN_WORDS,
    _UNIT_RE,
)
from casusdesk.services.anonymize.recall.announced import (
    _ORDINAL_WORDS,
)


# -- headings, unknown words in a place or person context, a name and a number -------------

#: words of a meeting in a heading: "intervisie almelo 12/02", "CB arnhem", "Tilburg case"
_MEETING_WORDS = frozenset(
    "intervisie casus casusoverleg casusoverlg casusbespreking casusbespr cb mdo overleg "
    "bijeenkomst verslag notulen case meeting sessie team wijkteam".split())
_HEADING_AFTER = re.compile(r"[ \t]*(?:[-–—:|/(]|\d{1,2}[-/.]\d{1,2}\b|$)", re.M)
_LINE_WORD = re.compile(r"(?m)^[ \t]*(?:[-*•][ \t]*)?(?P<n>[^\W\d_][\w'’]*(?:[ \t-][^\W\d_][\w'’]*)?)")


def _place_word(word: str) -> bool:
    key = " ".join(word.split()).casefold()
    return key in lexicon.dutch_places() or (len(key) >= 5 and key in lexicon.world_places())


#: a heading of a meeting word, a date and a place: "intervisie 28/1 den helder"
_HEADING_PLACE = re.compile(
    rf"(?im)^[ \t]*(?:[-*•][ \t]*)?(?:{'|'.join(sorted(_MEETING_WORDS))})[ \t]+"
    r"(?:\d{1,2}[-/.]\d{1,2}(?:[-/.]\d{2,4})?[ \t,]*)?(?:[-–:|][ \t]*)?"
    r"(?P<n>[^\W\d_][\w'’]*(?:[ \t][^\W\d_][\w'’]*){0,2})[ \t]*$"
)
#: "aan de Boulevard Zuid", "Laan van Meerdervoort": a street that starts with its kind
_STREET_FIRST = re.compile(
    r"(?<![\w-])(?P<n>(?:Boulevard|Laan|Plein|Kade|Dreef|Singel|Weg|Straatweg|Markt|Dijk)"
    r"(?:[ \t]+(?:van|de|der|den|het|'t|ter|ten|te|op|aan))*[ \t]+[A-ZÀ-Þ][\w'’-]+"
    r"(?:[ \t]+[A-ZÀ-Þ][\w'’-]+)?)(?P<num>[ \t]+\d{1,4}[a-zA-Z]?)?(?![\w])"
)


def _streets_first(anonymizer: Any, text: str, add: Callable[..., None],
                   protected: list[tuple[int, int]]) -> None:
    streets = lexicon.streets()
    for m in _STREET_FIRST.finditer(text):
        name = m.group("n")
        words = name.split()
        while len(words) > 2 and " ".join(words).casefold() not in streets:
            words = words[:-1]
        core = " ".join(words)
        placed = re.search(r"(?i:(?<![\w])(?:aan|op|via|langs|woont)\s+(?:de|het)?\s*)$",
                           text[max(0, m.start() - 20):m.start()]) is not None
        if not (core.casefold() in streets or placed) or _inside(protected, m.start(), m.end()):
            continue
        end = m.end() if m.group("num") and core == " ".join(name.split()) \
            else m.start("n") + len(core)
        add(m.start("n"), end, "adres", 3, label="ADRES")


def _headings(anonymizer: Any, text: str, add: Callable[..., None],
              protected: list[tuple[int, int]]) -> None:
    """A place in the heading of a note, in any case: "venlo - casus ...", "GOUDA -",
    "Heerlen, casusoverleg", "intervisie almelo 12/02", "CB arnhem 21/11"; and a
    neighbourhood of the list right after a place ("zwolle stadshagen")."""
    spans: list[tuple[int, int]] = []
    for m in _LINE_WORD.finditer(text):
        for n in (2, 1):
            words = m.group("n").split()[:n] if " " in m.group("n") else [m.group("n")]
            if len(words) < n:
                continue
            name = " ".join(words)
            start = m.start("n")
            end = start + len(name)
            if text[start:end] != name:
                continue
            after = text[end:end + 40]
            # "Heerlen, casusoverleg": a comma only before a meeting word ("Groet, Kerem")
            next_word = re.match(r",?[ \t]+([\w'’]+)", after)
            heading = _HEADING_AFTER.match(after) is not None or (
                next_word is not None and next_word.group(1).casefold() in _MEETING_WORDS)
            if heading and after.lstrip(" \t").startswith(":") \
                    and lexicon.frequency(name.casefold()) >= 3.5:
                heading = False  # "Wensen: ...", "Putten: ...": a label, no place
            if heading and _place_word(name) and _plain(anonymizer, words[-1]) \
                    and not _common(name.casefold()):
                spans.append((start, end))
                break
    for m in _WORD.finditer(text):
        word = m.group()
        before = re.search(r"([\w'’]+)[ \t]+$", text[max(0, m.start() - 30):m.start()])
        if before is None or before.group(1).casefold() not in _MEETING_WORDS:
            continue
        if _place_word(word) and _plain(anonymizer, word) and not _common(word.casefold()) \
                and (word[:1].isupper() or lexicon.frequency(word.casefold()) < 5.0):
            spans.append(m.span())
    for m in _HEADING_PLACE.finditer(text):  # "intervisie 28/1 den helder"
        words = m.group("n").split()
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            if _place_word(name) and _plain(anonymizer, words[n - 1]) \
                    and not _common(name.casefold()) and (n > 1 or not _common(words[0])):
                spans.append((m.start("n"), m.start("n") + len(name)))
                break
    listed = lexicon.neighbourhoods()
    for start, end in list(spans):
        nxt = re.match(r"[ \t,]+([^\W\d_][\w'’-]*)", text[end:end + 40])
        if nxt is not None and nxt.group(1).casefold() in listed \
                and not _common(nxt.group(1).casefold()):
            spans.append((end + nxt.start(1), end + nxt.end(1)))
    for m in _WORD.finditer(text):  # "zwolle stadshagen", "schiedam groenoord"
        if not _place_word(m.group()) or _common(m.group().casefold()):
            continue
        nxt = re.match(r"[ \t]+([^\W\d_][\w'’-]*)", text[m.end():m.end() + 40])
        if nxt is not None and nxt.group(1).casefold() in listed \
                and _plain(anonymizer, nxt.group(1)) and not _common(nxt.group(1).casefold()):
            spans.append((m.end() + nxt.start(1), m.end() + nxt.end(1)))
    for start, end in spans:
        if not _inside(protected, start, end):
            add(start, end, "plaats", 2, label="PLAATS")


_PERSON_CONTEXT_LOWER = re.compile(
    rf"(?i:(?<![\w]){_PERSON}|vriendje|vriendinnetje|ex-partner|ex\s+partner|stiefvader|"
    r"stiefmoeder|kleinzoon|kleindochter|schoonzoon|schoondochter|collega|huisgenoot|"
    r"dokter|huisarts)(?![\w])(?:\s+|\s*\(\s*)(?P<n>[a-zß-öø-ÿ][\w'’-]+)(?![\w])"
)
_PLACE_CONTEXT_LOWER = re.compile(
    r"(?i:(?<![\w])(?:in|uit|naar|vanuit|nabij|wijk|buurt)\s+(?:(?:de|het|'t)\s+)?)"
    r"(?P<n>[a-zß-öø-ÿ][\w'’-]{4,})(?![\w])"
)
#: "werkt bij pixelforge", "via flexpower", "gesprek met rignald": someone or something
_OTHER_CONTEXT_LOWER = re.compile(
    r"(?i:(?<![\w])(?:bij|via|met|van)\s+(?:(?:de|het|'t)\s+)?)"
    r"(?P<n>[a-zß-öø-ÿ][\w'’]*(?:-[\w'’]+)*)(?![\w-])"
)
#: a lowercase word after a person word is a name when Dutch hardly knows it
UNKNOWN_NAME_ZIPF = 2.5
UNKNOWN_PLACE_ZIPF = 2.0


def _unknown_after_context(anonymizer: Any, text: str, add: Callable[..., None],
                           protected: list[tuple[int, int]]) -> None:
    """"ex partner rignald", "dochter oksana", "moeder woont in otrobanda": a word Dutch
    hardly knows, and no typo of a word it knows, after a person or place word."""
    for pattern, label, kind, limit in (
            (_PERSON_CONTEXT_LOWER, "PERSOON", "persoon", UNKNOWN_NAME_ZIPF),
            (_PLACE_CONTEXT_LOWER, "WIJK", "plaats", UNKNOWN_PLACE_ZIPF),
            (_OTHER_CONTEXT_LOWER, "NAAM", "naam", UNKNOWN_PLACE_ZIPF)):
        pos = 0
        while (m := pattern.search(text, pos)) is not None:
            pos = m.start("n")  # "ex partner rignald": the name may follow the next word
            word = m.group("n")
            key = word.casefold()
            if key in _DETERMINERS or _common(key) or not _plain(anonymizer, word) \
                    or key in anonymizer._keep or _inside(protected, *m.span("n")):
                continue
            if not lexicon.unknown_word(key, limit) and (
                    not lexicon.proper_noun(key) or lexicon.is_country(key)):
                continue  # a proper noun typed in lower case: "vriend youssef", "in woensel"
            if kind == "persoon" and len(key) >= 10 and _compound_of_words(key.replace("-", "")):
                continue  # "de tweede onderzoeksvraag"
            if kind == "naam" and (not re.search(r"[aeiouy]", key) or _compound_of_words(
                    key.replace("-", ""))):
                continue  # "via wsnp", "bij schuldhulpmaatjes": an abbreviation, a compound
            if kind == "plaats" and _compound_of_words(key.replace("-", "")) \
                    and not re.search(r"(?:buurt|wijk|kwartier|dorp|polder)$", key):
                continue  # "naar het taalcafe": a compound of words, no place
            add(m.start("n"), m.end("n"), kind, 2, label=label)


_NAME_NUMBER = re.compile(
    r"(?<![\w@'’-])(?P<who>[^\W\d_][\w'’-]+)[ \t]+(?P<n>\d{1,2})"
    r"(?=\s*[,;)]|\s+(?:en|uit|woont|is|heeft|jr|jaar|zit|werkt|gaat|op|in|bij|naar|mnd|"
    r"maanden|weken|wk)\b|"
    r"[ \t]+[-–—][ \t]|[ \t]*\n|\s*$)"
)
#: "mw sharon versteg (Versteeg!) 41, ...": the age after a name's correction in brackets
_NAME_BRACKET_AGE = re.compile(
    r"(?<![\w@'’-])(?P<who>[^\W\d_][\w'’-]+)[ \t]*[!?]*[ \t]*\)[ \t]*,?[ \t]*(?P<n>\d{1,2})"
    r"(?=[ \t]*[,;]|[ \t]+(?:jr|jaar)\b)"
)
_KIDS_PAREN = re.compile(
    r"(?i:(?<![\w])(?:kinderen|kids|kn|kind\.?|kinderen:|zoons|dochters|jongens|meisjes|"
    r"kleinkinderen)\s*)\((?P<list>\s*\d{1,2}(?:\s*(?:,|en|&|\+)\s*\d{1,2})+\s*)\)"
)
_AGE_AFTER_INITIAL = re.compile(r"(?<=[A-Z]\.)\s*\(\s*(?P<n>\d{1,3})\s*(?:jr\.?|jaar)?\s*\)")
_NAME_PAREN_COMMA = re.compile(r"(?<=[^\W\d_])\s*\(\s*(?P<n>\d{1,2})\s*,")
_NAME_VAN_AGE = re.compile(
    r"(?P<who>[A-ZÀ-Þ][\w'’-]+),?\s+van\s+(?P<n>\d{1,2})(?=\s*[,.;)]|\s*$|[ \t]*\n)"
)


def _is_name_token(anonymizer: Any, word: str) -> bool:
    key = word.casefold()
    if key in _DETERMINERS or _common(key) or not _plain(anonymizer, word) \
            or (word.isupper() and len(word) > 1):
        return False  # "WW 3", "BBL 2": an abbreviation and a number
    if key in _known_tokens(anonymizer):
        return True
    first_names = lexicon.names()[0]
    if key in first_names and lexicon.frequency(key) < (5.0 if word[:1].isupper() else 4.0):
        return True  # "Jesse 13" (4.2), "jaylen 9"
    if word[:1].isupper():
        return lexicon.frequency(key) < 3.0
    return lexicon.unknown_word(key, UNKNOWN_NAME_ZIPF) and not (
        len(key) >= 9 and _compound_of_words(key))  # "deelvraag 1"


def _name_and_number(anonymizer: Any, text: str, add: Callable[..., None],
                     band: Callable[[int], str | None]) -> None:
    """"twee kids jaylen 9 en shaniqua 5", "(Milan 15, Jesse 13)", "melnyk 57 uit",
    "Filmon (8, uit eerdere relatie)", "de jongste, Noa, van 6"."""
    def age(start: int, end: int, value: str) -> None:
        b = band(int(value))
        if b is not None:
            add(start, end, "leeftijd", replacement=b)

    for m in _NAME_NUMBER.finditer(text):
        who = m.group("who")
        if who.casefold() in _DURATION_WORDS or not _is_name_token(anonymizer, who):
            continue
        months = re.match(r"\s*(?:mnd\.?|maanden|mndn|weken|wk)(?![\w])", text[m.end("n"):])
        if months is not None:  # "baby noah 4 mnd", not "Ymere 2 mnd achter"
            if who.casefold() not in lexicon.names()[0] \
                    and who.casefold() not in _known_tokens(anonymizer):
                continue
            add(m.start("n"), m.end("n") + months.end(), "leeftijd", replacement="0-3")
            continue
        age(m.start("n"), m.end("n"), m.group("n"))
    for m in _NAME_PAREN_COMMA.finditer(text):
        before = re.findall(r"[\w'’-]+", text[max(0, m.start() - 30):m.start()])
        if before and (_is_name_token(anonymizer, before[-1])
                       or re.fullmatch(_PERSON, before[-1], re.I)):
            age(m.start("n"), m.end("n"), m.group("n"))
    for m in _KIDS_PAREN.finditer(text):  # "2 kn (8, 11)"
        for n in re.finditer(r"\d{1,2}", m.group("list")):
            age(m.start("list") + n.start(), m.start("list") + n.end(), n.group())
    for m in _AGE_AFTER_INITIAL.finditer(text):  # "dhr M. (41)", not "bijlage B. (2)"
        if re.search(r"(?i:dhr|mw|mevr|meneer|mevrouw|heer|fam|familie)\.?\s+(?:[A-Z]\.\s?)+\s*$",
                     text[max(0, m.start() - 20):m.start()]):
            age(m.start("n"), m.end("n"), m.group("n"))
    for m in _NAME_VAN_AGE.finditer(text):
        if _is_name_token(anonymizer, m.group("who")):
            age(m.start("n"), m.end("n"), m.group("n"))
    for m in _NAME_BRACKET_AGE.finditer(text):
        if _is_name_token(anonymizer, m.group("who")):
            age(m.start("n"), m.end("n"), m.group("n"))


_PARENT_WORDS = frozenset("vader moeder ouder ouders gezin oma opa moedertje pleegmoeder "
                          "pleegvader alleenstaande".split())
_DURATION_WORDS = frozenset(
    "week weken dag dagen maand maanden jaar jaren uur uren keer stap fase punt nummer nr "
    "groep klas bus lijn kamer pagina blz hoofdstuk artikel versie".split())
_MONTH_WORDS = (r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
                r"november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec")
_SPOKEN_DATE = re.compile(
    rf"(?i:(?<![\w])(?P<n>{_NUMWORD}|{_ORDINAL_WORDS})\s+(?P<m>{_MONTH_WORDS})(?![\w]))"
)
#: "negentien zeventig", "tweeduizend vierentwintig": a year spoken in two words
_SPOKEN_YEAR_SPLIT = re.compile(
    rf"(?i:(?<![\w])(?:negentien\s+(?:(?:{_UNIT_RE})(?:en|ën))?(?:{'|'.join(_TEN_WORDS)})|"
    rf"tweeduizend(?:\s+en)?\s+(?:{_NUMWORD}))(?![\w]))"
)
_SPOKEN_VAN_AGE = re.compile(
    rf"(?i:(?<![\w])(?:{_PERSON}|kids|kinderen|jongens|meisjes)\s+)?"
    rf"(?P<who>[\w'’-]+)\s+(?P<van>van\s+(?i:{_NUMWORD}))(?![\w])"
    r"(?!\s+(?:uur|euro|procent|jaar\s+geleden|weken|maanden|dagen|kilo|tot)\b)"
)
_AGE_Y = re.compile(r"(?<![\w.,])(?P<n>\d{1,2})(?P<u>\s?(?:y|yr|yrs|yo|j)\.?)(?![\w])")
_TOEN_AL = re.compile(
    r"(?i:(?<![\w])toen\s+(?:al|pas|nog\s+maar|net)\s+)(?P<n>\d{1,2})"
    r"(?=\s*[,;)]|\s*\.(?!\d)|\s*$|\s+(?:jaar|jr)\b|[ \t]*\n)"
)
_HOUSE_NUMBER = re.compile(
    r"(?i:(?<![\w])(?:huisnr|huisnummer)\.?\s*:?\s*)(?P<n>\d{1,4}(?:\s?[a-z](?![\w]))?)"
)
_PAREN_MONTHS = re.compile(
    r"(?<=[^\W\d_])\s*\(\s*(?P<n>\d{1,2}\s*(?:mnd\.?|maanden|mndn|weken|wk))\s*\)"
)
_UNDERSCORE_HANDLE = re.compile(r"(?<![\w@.])(?P<n>[a-z][a-z0-9]*(?:[._][a-z0-9]+)*_[a-z0-9_]+)(?![\w])")
_CAMEL_WONEN = re.compile(r"(?<![\w@'’./-])(?P<n>[a-z]{3,}(?:Wonen|Woningen|Wonen\w*))(?![\w])")
_WORD_DIGITS = re.compile(r"(?<![\w@'’./-])(?P<n>[A-Z][a-z]{3,}\d{1,3})(?![\w])")
_CAP_WONING = re.compile(r"(?<![\w@'’./-])(?P<n>[A-Z][\w'’-]{3,})[ \t]+(?=(?:huur)?woning(?:en)?\b)")
#: words of renting after which a landlord is named ("huur bij ...", "verhuurder van ...")
_RENT_WORDS = ("huur|huurt|huren|huurde|huurachterstand|huurschuld|huurwoning|verhuurder|"
               "corporatie|woningcorporatie|huurder|huurster")
#: "huur bij woonstad", "achterstand bij woonbron": a landlord typed in lower case
_LANDLORD = re.compile(
    rf"(?i:(?<![\w])(?:{_RENT_WORDS}|woning|huisbaas)\s+(?:(?:bij|van|via)\s+)?"
    r"(?:de\s+|het\s+)?)(?P<n>[a-zß-öø-ÿ][\w'’-]{3,})(?![\w])"
)
#: after "achterstand" alone a word is what is owed ("achterstand kinderalimentatie"):
#: the landlord comes after a preposition there ("huur achterstand bij intermaris")
_LANDLORD_AFTER_DEBT = re.compile(
    r"(?i:(?<![\w])(?:achterstand\s+(?:bij|van|via)|achter\s+bij)\s+(?:de\s+|het\s+)?)"
    r"(?P<n>[a-zß-öø-ÿ][\w'’-]{3,})(?![\w])"
)
#: "huurachterstand bij Portaal", "studentenhuis van DUWO": a landlord with its capital.
#: Not after "woning" or "kamer" ("Kamer van Koophandel", "woning van De Vries").
_LANDLORD_CAP = re.compile(
    rf"(?i:(?<![\w])(?:{_RENT_WORDS}|studentenhuis|studentenkamer)\s+"
    r"(?:bij|van|via)\s+)(?P<n>[A-ZÀ-Þ][\w'’-]{2,})(?![\w])"
)
#: "huurder Portaal", "housing corp Eigen Haard": a landlord's name right after the word
#: for what it is, capitalised (its words may be ordinary ones)
_LANDLORD_KIND = re.compile(
    r"(?i:(?<![\w])(?:huurder|huurster|verhuurder|corporatie|woningcorporatie|"
    r"wooncorporatie|housing\s+corp(?:oration)?|landlord)[ \t]+)"
    r"(?P<n>[A-ZÀ-Þ][\w'’-]+(?:[ \t]+[A-ZÀ-Þ][\w'’-]+){0,2})(?![\w])"
)
_STREET_DIRECTION = re.compile(
    rf"(?<![\w-])(?P<n>{_CAP}[\w'’]*(?:{_STREET_SUFFIX})-(?:Noord|Oost|Zuid|West)"
    r"\s+\d{1,4}(?:\s?[a-zA-Z](?![\w]))?)(?![\w])"
)
_LINE_YEAR_BORN = re.compile(r"(?m)^[ \t]*(?:[-*•][ \t]*)?(?P<n>(?:19|20)\d{2})\b(?=[^\n]{0,40}\bgeboren\b)")


def _other_forms(anonymizer: Any, text: str, add: Callable[..., None],
                 band: Callable[[int], str | None], protected: list[tuple[int, int]]) -> None:
    """Spoken dates ("dertien februari"), "dochter zuzanna van acht", "23y", "toen al 21",
    "huisnr 9", "(7 mnd)", handles with an underscore, "deltaWonen", "Woonkracht10",
    "Portaal woning", "Ringbaan-Noord 174", "2006  zoon ... geboren"."""
    def age(start: int, end: int, value: str) -> None:
        b = band(int(value))
        if b is not None:
            add(start, end, "leeftijd", replacement=b)

    for m in _SPOKEN_DATE.finditer(text):
        if m.group("n").casefold() in {"een", "één"}:
            continue
        add(m.start(), m.end(), "datum", replacement="[DATUM]")
    for m in _SPOKEN_YEAR_SPLIT.finditer(text):
        add(m.start(), m.end(), "datum", replacement="[DATUM]")
    for m in _SPOKEN_VAN_AGE.finditer(text):
        who = m.group("who")
        if who.casefold() in _PARENT_WORDS:
            continue  # "vader van drie": three children
        if re.fullmatch(_PERSON, who, re.I) or _is_name_token(anonymizer, who) \
                or lexicon.unknown_word(who, UNKNOWN_NAME_ZIPF):
            if m.group("van").split()[-1].casefold() not in {"een", "één"}:
                add(m.start("van"), m.end("van"), "leeftijd", replacement="[LEEFTIJD]")
    for m in _AGE_Y.finditer(text):
        unit = m.group("u").strip(" .")
        if unit == "j" and not re.search(r"[,(]\s*$", text[max(0, m.start() - 3):m.start()]):
            continue
        if re.search(r"(?i:(?<![\w])(?:in|for|since|after|within|over|al|sinds|na|ruim))\s+$",
                     text[max(0, m.start() - 8):m.start()]):
            continue  # "the first job offer in 3 yrs", "al 2 jr": a duration
        age(m.start("n"), m.end("u"), m.group("n"))
    for m in _TOEN_AL.finditer(text):
        age(m.start("n"), m.end("n"), m.group("n"))
    for m in _HOUSE_NUMBER.finditer(text):
        add(m.start("n"), m.end("n"), "nummer", 2)
    for m in _PAREN_MONTHS.finditer(text):
        # "Noah (4 mnd)", "baby (6 weken)"; not "tijdelijk (6 maanden)", a duration
        before = re.findall(r"[\w'’-]+", text[max(0, m.start() - 30):m.start()])
        word = before[-1] if before else ""
        if word[:1].isupper() or word.casefold() in lexicon.names()[0] \
                or re.fullmatch(_PERSON, word, re.I):
            add(m.start("n"), m.end("n"), "leeftijd", replacement="0-3")
    for m in _UNDERSCORE_HANDLE.finditer(text):
        parts = [re.sub(r"\d+", "", p) for p in re.split(r"[._]", m.group("n"))]
        if all(not p or p in anonymizer._keep or lexicon.frequency(p) >= 3.0
               or lexicon.is_function_word(p) or _compound_of_words(p)
               or not lexicon.unknown_word(p, 3.0) and len(p) > 4 for p in parts):
            continue  # "klantmanager_werk", "kop1_grootte": words joined, no handle
        add(m.start("n"), m.end("n"), "account", 7)
    for pattern in (_CAMEL_WONEN, _WORD_DIGITS, _CAP_WONING):
        for m in pattern.finditer(text):
            word = m.group("n")
            key = re.sub(r"\d+$", "", word).casefold()
            if key in anonymizer._keep or not _plain(anonymizer, key) or _common(key) \
                    or _inside(protected, *m.span("n")):
                continue
            if pattern is _WORD_DIGITS and lexicon.frequency(key) >= 3.0:
                continue  # "Covid19"
            if pattern is _CAP_WONING and (lexicon.frequency(key) >= 4.0
                                           or _after_sentence_start(text, m.start("n"))):
                continue  # "Sociale woning", "Nieuwe woning"
            add(m.start("n"), m.end("n"), "instelling", 3, label="INSTELLING")
    for m in [*_LANDLORD.finditer(text), *_LANDLORD_AFTER_DEBT.finditer(text)]:
        word = m.group("n")
        key = word.casefold()
        if key in anonymizer._keep or _common(key) or key in _DETERMINERS \
                or not _plain(anonymizer, word) or lexicon.frequency(key) >= 2.5 \
                or _inside(protected, *m.span("n")):
            continue
        add(m.start("n"), m.end("n"), "instelling", 3, label="INSTELLING")
    for m in _LANDLORD_CAP.finditer(text):
        word = m.group("n")
        key = word.casefold()
        if key in anonymizer._keep or key in _DETERMINERS or _inside(protected, *m.span("n")) \
                or (not word.isupper() and (_common(key) or lexicon.frequency(key) >= 4.0)):
            continue  # "huur van Mei" is a month, "woning van De Vries" the name rules'
        add(m.start("n"), m.end("n"), "instelling", 3, label="INSTELLING")
    for m in _LANDLORD_KIND.finditer(text):
        words = m.group("n").split()
        if any(w.casefold() in anonymizer._keep or w.casefold() in _DETERMINERS
               or lexicon.is_function_word(w.casefold()) for w in words) \
                or _inside(protected, *m.span("n")):
            continue
        add(m.start("n"), m.end("n"), "instelling", 3, label="INSTELLING")
    for m in _STREET_DIRECTION.finditer(text):
        add(m.start("n"), m.end("n"), "adres", 3, label="ADRES")
    for m in _LINE_YEAR_BORN.finditer(text):
        add(m.start("n"), m.end("n"), "datum", replacement="[DATUM]")


def _after_sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 80):pos].rstrip(" \t-*•–")
    return not before or before.endswith("\n") or re.search(r"[.!?:]['\"”’)]*$", before) is not None



# -- "Woonplaats: Gouda": the value of a labelled field ------------------------------------

_FIELD = re.compile(
    # a field starts a line or follows a separator ("Adres: ..., Woonplaats: Gouda"), not
    # a sentence ("kinderen naar school: arbeidsverplichting geldt")
    r"(?im:(?:^|(?<=[,;|\t(/]))[ \t*•>#-]*(?:(?:twee|drie|vier|vijf|zes|\d)[ \t]+)?"
    r"(?P<label>naam|cliënt|client|woonplaats|plaats|locatie|adres|woonadres|"
    r"wijk|buurt|school|werkgever|huisarts|contactpersoon|moeder|vader|partner|zoon|dochter|"
    r"kinderen|broer|zus|netwerk|bewindvoerder|mentor|geboren|geboortedatum|geb\.?\s*datum|"
    r"leeftijd)[ \t]*:[ \t]*)(?P<v>[^\n,;()]{2,60})"
)
_FIELD_ROLE = {"woonplaats": "PLAATS", "plaats": "PLAATS", "locatie": "INSTELLING",
               "wijk": "WIJK", "buurt": "WIJK", "school": "SCHOOL", "werkgever": "INSTELLING"}


def _field_values(anonymizer: Any, text: str, add: Callable[..., None],
                  band: Callable[[int], str | None],
                  protected: list[tuple[int, int]]) -> None:
    """"Woonplaats: Gouda", "School: De Springplank", "Leeftijd: 43", "huisarts: dr.
    Peeters": the words of a labelled field that are no keep or ordinary word."""
    first_names, surnames = lexicon.names()
    for m in _FIELD.finditer(text):
        label = " ".join(m.group("label").casefold().split())
        value = m.group("v")
        if label in {"leeftijd", "moeder", "vader", "partner", "zoon", "dochter", "broer",
                     "zus", "cliënt", "client"}:
            n = re.match(r"\s*(\d{1,3})(?![\d.,])(?=\s*(?:jaar|jr\.?)?\s*(?:[,;)]|$))",
                         value)
            if n is not None:
                b = band(int(n.group(1)))
                if b is not None:
                    add(m.start("v") + n.start(1), m.start("v") + n.end(1), "leeftijd",
                        replacement=b)
            if label == "leeftijd" or n is not None:
                continue
        words = list(re.finditer(r"[^\W\d_][\w'’.-]*", value))
        kept: list[re.Match[str]] = []
        for w in words:
            token = w.group().rstrip(".")
            key = token.casefold()
            if key in {"de", "het", "'t", "van", "der", "den", "ter", "el", "al"} and kept:
                kept.append(w)
                continue
            if key in {"de", "het", "'t"} and not kept:
                kept.append(w)
                continue
            if not kept and key in {"dr", "dhr", "mw", "mevr", "meneer", "mevrouw", "mr",
                                    "juf", "meester", "dokter", "fam", "familie"}:
                continue  # "Huisarts: dr. Peeters": the title stays
            if not _plain(anonymizer, token) or _common(key) or key in _DETERMINERS \
                    or key in anonymizer._keep:
                break
            z = lexicon.frequency(key)
            if not (token[:1].isupper() or key in first_names or key in surnames
                    or lexicon.is_place(key) or z < 3.0) or z >= 5.0:
                break
            kept.append(w)
        while kept and kept[-1].group().casefold() in {"de", "het", "'t", "van", "der",
                                                       "den", "ter", "el", "al"}:
            kept.pop()
        if not kept:
            continue
        start = m.start("v") + kept[0].start()
        end = m.start("v") + kept[-1].end()
        while end > start and text[end - 1] in ".":
            end -= 1
        if _inside(protected, start, end):
            continue
        role = _FIELD_ROLE.get(label, "PERSOON")
        kind = {"PLAATS": "plaats", "WIJK": "plaats", "PERSOON": "persoon"}.get(role, "instelling")
        add(start, end, kind, 2, label=role)


# -- house numbers, birth years in brackets -----------------------------------------------

#: "nr 61", "huisnr. 12a", "nr 5 nee 15": an abbreviated house number, with its correction
_HOUSE_NR = re.compile(
    r"(?<![\w])(?i:nr|huisnr|huisnummer)\.?[ \t]*(?P<n>\d{1,4}(?:[ \t]?[a-zA-Z](?![\w]))?)"
    r"(?![\w]|[/.,-]\d)"
    r"(?:[ \t]*,?[ \t]+(?i:nee|of|eh|uh|sorry)[ \t]+(?P<m>\d{1,4}[a-zA-Z]?)(?![\w]|[/.,-]\d))?"
)
_NOT_HOUSE_BEFORE = re.compile(
    r"(?:\(|(?i:vraag|punt|artikel|stap|bijlage|item|versie|week|ronde|pagina|blz|"
    r"hoofdstuk|sessie|lijn|factuur|dossier|klant|zaak|regel|casus|kenmerk|bus|tram|"
    r"thema|fase|niveau|categorie|optie|nummer|prioriteit|plaats)\.?)[ \t]*$"
)
#: "Amira (1991) en Sami (1994)": a year in brackets right after a name is a birth year
_YEAR_AFTER_NAME = re.compile(
    r"(?<![\w])(?P<who>[^\W\d_][\w'’-]+|\[PERSOON-\d+\])[ \t]*\([ \t]*"
    r"(?:(?i:geb\.?|geboren|\*)[ \t]*)?(?P<n>(?:19|20)\d{2})[ \t]*\)"
)

#: "Rijksweg Zuid 112", "Kanaalstraat-West 3": a street with a compass part and a number
_STREET_DIRECTION_NUMBER = re.compile(
    rf"(?<![\w'’-])(?P<s>{_CAP}[\w'’-]*(?:{_STREET_SUFFIX_EARLY})[ \t-]"
    r"(?:Noord|Zuid|Oost|West|N|Z|O|W)\.?[ \t]+\d{1,4}(?:[ \t]?[a-zA-Z](?![\w]))?)(?![\w])"
)


def _house_numbers_and_years(text: str, add: Callable[..., None]) -> None:
    for m in _STREET_DIRECTION_NUMBER.finditer(text):
        add(m.start("s"), m.end("s"), "adres", 3, label="ADRES")
    for m in _HOUSE_NR.finditer(text):
        if _NOT_HOUSE_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
            continue  # "(nr. 3)", "deelvraag nr 2", "lijn nr 5": a reference, no house
        add(m.start("n"), m.end("n"), "nummer", 2)
        if m.group("m"):
            add(m.start("m"), m.end("m"), "nummer", 2)
    first_names, surnames = lexicon.names()
    for m in _YEAR_AFTER_NAME.finditer(text):
        who = m.group("who")
        if who.startswith("[") or who.casefold() in first_names or (
                who[:1].isupper() and who.casefold() in surnames):
            add(m.start("n"), m.end("n"), "datum", replacement="[DATUM]")
