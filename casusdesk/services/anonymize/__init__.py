"""Anonymization of minutes text: known names, then deduce, then our own rules.

The pipeline for one text (a note, a quote, a summary):

1. **Known names** (source ``"bekend"``, kind ``"eigen"``): the participants of the
   session and the client (real name and aliases). Full names, first names alone,
   surnames alone with or without tussenvoegsel, initials ("J. de Vries", "J.de
   Vries"), "Jan de V.", possessives ("Jans", "Femke's", "De Vries'"), any letter
   case, across line breaks. These are replaced by the person's code ("KM_1") or,
   for the client, by "de cliënt" or the case's pseudonym. A name part that is also
   an ordinary Dutch word ("Roos", "Bakker", "de Boer", see
   ``resources/anonymize/common_words.txt``) is replaced on its own only when it is
   written with a capital, so "een rode roos" and "de bakker op de hoek" survive;
   the full name is always replaced. The final check (:func:`leak_check`) follows
   the same rule.
2. **Own rules** (source ``"regel"``) for what deduce misses in this kind of text:
   e-mail addresses and URLs of any domain, international and Dutch phone numbers
   (+31 6 .., 0031 .., (058) ..), IBAN, BSN after the word BSN, postcodes, Dutch
   license plates (sidecodes 1-14), dates with and without a year, ages in
   parentheses ("Sanne (34)"), street names without a number, neighbourhoods
   ("wijk Feijenoord", "Schilderswijk", "Amsterdam-Noord"), named schools and care
   homes ("basisschool De Regenboog", "Dockinga College"), numbers after
   "klantnummer", "dossiernummer" etc., names after a family word ("zoon Taras") and,
   as a fallback, two or three capitalised words in a row that are no known word
   ("Oksana Kovalenko").
3. **deduce** (source ``"deduce"``) for other persons, places, institutions,
   dates, ages, phone numbers, BSN, e-mail and URLs. Its person spans are trimmed:
   role names, titles and laws at their edges stay in the text ("Klantmanager
   [PERSOON-1]", "Mark van de Wmo-consulent" keeps "van de Wmo-consulent").

Words in ``resources/anonymize/keep.txt`` (functions, laws, organisations that
identify nobody: klantmanager, Wmo, Participatiewet, UWV, MEE, GGZ, ...) are never
marked by deduce or the rules; the participant codes and the client's pseudonym are
kept too.

**What the reader of the e-mailed minutes gets instead of the data.** The minutes
must still tell the story of a case: who said what, what happened in which order
and at which stage of life. Hence:

* Persons, places, neighbourhoods, addresses, institutions and schools get a
  numbered placeholder that stays the same within one document ([PERSOON-1],
  [PLAATS-2], [WIJK-1], [ADRES-1], [INSTELLING-1], [SCHOOL-1]), so a reader can
  follow "[PERSOON-1] belt [PERSOON-2]" and "verhuisd van [ADRES-1] naar [ADRES-2]".
  "Jansen", "mevrouw Jansen" and "Anna Jansen" get the same number.
* Dates are generalised instead of wiped: the day goes, the month and year stay
  ("op 3 juni 2021" -> "in juni 2021", "12-03-2024" -> "maart 2024", "op 12 maart"
  -> "in maart"), because the order of events (job lost, debts, eviction) is what
  the case discussion is about, while the exact day is what makes a date
  identifying (a birth date, a court date). A birth date keeps only its year
  ("geboren op 3-6-1985" -> "geboren in 1985"). A date that cannot be read becomes
  [DATUM].
* Ages become a band that keeps the thresholds that matter in this domain: 0-3,
  4-11 (primary school), 12-17 (minor, Jeugdwet), 18-20 (youth norm), 21-26 (under
  27, Participatiewet), 27-39, 40-49, 50-59, 60-66 and 67+ (AOW age). "Sanne (34)"
  -> "[PERSOON-1] (27-39)", "een 45-jarige" -> "een 40-49-jarige". An age that
  cannot be read becomes [LEEFTIJD].
* Identifiers carry no story and are wiped: [TELEFOON], [E-MAIL], [BSN], [IBAN],
  [POSTCODE], [KENTEKEN], [URL], [NUMMER].

deduce needs lookup structures that take 1-2 minutes to build once and about 2
seconds to load from its cache after that. This module never builds or loads them on
import: call :func:`warm_up` (the UI does so in a background thread) or let the first
:meth:`Anonymizer.detect` do it. The built object is cached per process. See
:func:`warm_up` for where the cache lives.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import importlib.metadata
import importlib.util
import logging
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casusdesk.paths import resource
from casusdesk.services.anonymize import deduce_backend, lexicon
from casusdesk.services.anonymize.deduce_backend import (
    DEDUCE_CACHE_ENV,
    build_cache,
    default_cache_dir,
    is_ready,
    needs_build,
    on_long_step,
    warm_up,
)
from casusdesk.services.anonymize.decisions import (
    KINDS,
    SOURCES,
    Detection,
    KnownPerson,
    MarkedText,
    ReviewDecisions,
    SpanRef,
    _norm,
)

__all__ = [
    "CLIENT_REPLACEMENT",
    "DEDUCE_CACHE_ENV",
    "KINDS",
    "SOURCES",
    "Anonymizer",
    "Detection",
    "KnownPerson",
    "MarkedText",
    "ReviewDecisions",
    "SpanRef",
    "age_band",
    "build_cache",
    "default_cache_dir",
    "is_ready",
    "leak_check",
    "needs_build",
    "on_long_step",
    "warm_up",
]

log = logging.getLogger(__name__)


#: What the client's names become when the case has no pseudonym.
CLIENT_REPLACEMENT = "de cliënt"


# Placeholder labels: numbered ones keep a number per document, fixed ones do not.
_NUMBERED_LABEL = {
    "persoon": "PERSOON", "plaats": "PLAATS", "instelling": "INSTELLING",
    "adres": "ADRES", "handmatig": "ANONIEM", "naam": "NAAM",
}
_FIXED_REPLACEMENT = {
    "telefoon": "[TELEFOON]", "email": "[E-MAIL]", "bsn": "[BSN]", "iban": "[IBAN]",
    "postcode": "[POSTCODE]", "kenteken": "[KENTEKEN]", "url": "[URL]",
    "nummer": "[NUMMER]", "datum": "[DATUM]", "leeftijd": "[LEEFTIJD]",
    "account": "[ACCOUNT]",
}
_NAME_KINDS = frozenset({"persoon", "plaats", "instelling", "naam"})
# Kinds whose flagged text must not appear anywhere in the exported document.
_LEAK_KINDS = frozenset(KINDS) - {"datum", "leeftijd"}




# --------------------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------------------

_PARTICLES = frozenset(
    "van de der den het 't te ten ter in op aan uit bij d' da di du del la le lo "
    "dos von zu zur vd v.d. el al ben bin ibn abu".split()
)
_TITLES = frozenset(
    "mevrouw meneer mijnheer mevr mevr. mw mw. dhr dhr. heer mr mr. dr dr. drs drs. "
    "ing ing. ir ir. prof prof. juf juffrouw meester dokter ds ds. zuster broeder "
    "mej mej. fam fam. familie".split()
)
_TITLE_PHRASES = frozenset({"de heer", "de familie", "de weledelgeleerde heer"})
_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10,
    "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MONTH_NAMES = (
    "", "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
    "september", "oktober", "november", "december",
)
_WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_DIRECTIONS = frozenset(
    "noord oost zuid west centrum midden noordoost noordwest zuidoost zuidwest".split()
)
_NOT_NAME_WORDS = (
    frozenset(_MONTHS) | frozenset(_WEEKDAYS) | _DIRECTIONS | _TITLES | _PARTICLES
)


def _read_word_file(path: Path) -> set[str]:
    words: set[str] = set()
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError:
        log.warning("Woordenlijst %s is niet leesbaar", path)
        return words
    for line in lines:
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(_norm(line))
    return words


_word_lists_lock = threading.Lock()
_keep_words: frozenset[str] | None = None
_common_words: frozenset[str] | None = None


def _deduce_src_dir() -> Path | None:
    """deduce's folder of raw word lists, found without importing deduce."""
    spec = importlib.util.find_spec("deduce")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "lookup" / "src"


def _load_word_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(keep words, ordinary words that can be names); read once per process."""
    global _keep_words, _common_words
    if _keep_words is not None and _common_words is not None:
        return _keep_words, _common_words
    with _word_lists_lock:
        if _keep_words is None or _common_words is None:
            _keep_words = frozenset(_read_word_file(resource("anonymize", "keep.txt")))
            common = _read_word_file(resource("anonymize", "common_words.txt"))
            src = _deduce_src_dir()
            if src is not None:
                for sub in ("lst_common_word", "lst_stop_word"):
                    common |= _read_word_file(src / "whitelist" / sub / "items.txt")
            _common_words = frozenset(common)
        return _keep_words, _common_words


def _is_common_word(word: str) -> bool:
    return _norm(word) in _load_word_lists()[1]


@functools.lru_cache(maxsize=200_000)
def word_frequency(word: str) -> float:
    """Zipf frequency of a word in Dutch (0 for a word no corpus knows, 7 for "de"),
    from ``wordfreq``'s list (prepared as a trie, see deid_light.frequencies); 0 when
    wordfreq is not installed."""
    from casusdesk.services.deid_light.frequencies import zipf

    return zipf(word)


def is_ordinary_word(word: str) -> bool:
    """An ordinary Dutch word (lists of deduce and casusdesk, or frequent in Dutch)."""
    key = word.casefold().strip("'’.-")
    return bool(key) and (_is_common_word(key) or key in _load_word_lists()[0]
                          or word_frequency(key) >= 3.0)


def _needs_capital(term: str) -> bool:
    """A name made of one ordinary word (plus particles) counts only with a capital."""
    cores = [t for t in term.split() if t.casefold() not in _PARTICLES]
    return len(cores) == 1 and _is_common_word(cores[0])


# --------------------------------------------------------------------------------------
# deduce: lazy, cached per process (see deduce_backend)
# --------------------------------------------------------------------------------------


def _deduce_annotations(text: str) -> list[tuple[int, int, str]]:
    """deduce's (start, end, tag) for ``text``; loads deduce if needed.

    The one function through which every deduce call of the anonymizer goes (tests
    replace it to prove an export does not need deduce)."""
    return deduce_backend.deduce_annotations(text)


# --------------------------------------------------------------------------------------
# Dates and ages
# --------------------------------------------------------------------------------------

_MONTH_ALT = "|".join(
    [m for m in sorted(_MONTHS, key=len, reverse=True) if m == _MONTH_NAMES[_MONTHS[m]]]
    + [m + r"\.?" for m in sorted(_MONTHS, key=len, reverse=True)
       if m != _MONTH_NAMES[_MONTHS[m]]]
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_DATE_TEXT = re.compile(
    rf"(?<![\w])(?:(?:{'|'.join(_WEEKDAYS)})\s+)?(?P<d>{_DAY})(?:e|ste|de)?\s*"
    rf"(?P<m>{_MONTH_ALT})(?![\w])(?:\s*(?P<y>(?:19|20)\d{{2}}|['’`]\d{{2}})(?!\d))?",
    re.IGNORECASE,
)
_DATE_DMY = re.compile(
    rf"(?<![\w.,/-])(?P<d>{_DAY})(?P<sep>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=sep)"
    r"(?P<y>(?:19|20)\d{2}|\d{2})(?![\w]|[-/.,]\d)"
)
_DATE_YMD = re.compile(
    rf"(?<![\w.,/-])(?P<y>(?:19|20)\d{{2}})(?P<sep>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=sep)"
    rf"(?P<d>{_DAY})(?![\w]|[-/.,]\d)"
)
_DATE_DM = re.compile(
    rf"(?i:(?<![\w])(?:op|vóór|tot|per|sinds|vanaf|uiterlijk|t/m)\s+)"
    rf"(?P<date>(?P<d>{_DAY})[-/](?P<m>0?[1-9]|1[0-2]))(?![\w]|[-/.,]\d)"
)
_DATE_LOOSE = re.compile(r"(?P<d>\d{1,2})[-/. ]+(?P<m>\d{1,2})[-/. ]+(?P<y>\d{2}|\d{4})")
_WEEKDAY_LEAD = re.compile(rf"(?i)(?:{'|'.join(_WEEKDAYS)})\s+")
_BIRTH_CONTEXT = re.compile(r"(?i)(?:geboren|geb\.|geboortedatum|geb\s|jarig)[^.\n]{0,20}$")
_OP_BEFORE = re.compile(r"(?<![\w])([Oo]p)\s+$")


def _parse_date(text: str) -> tuple[int | None, int | None, str | None]:
    """(day, month, year as written) of a date text, or Nones when unreadable."""
    for pattern in (_DATE_TEXT, _DATE_DMY, _DATE_YMD, _DATE_LOOSE):
        match = pattern.fullmatch(text.strip())
        if match is None:
            continue
        raw_month = match.group("m")
        month = _MONTHS.get(raw_month.casefold().rstrip(".")) if not raw_month.isdigit() \
            else int(raw_month)
        year = match.groupdict().get("y")
        if year and year[0] in "'’`":
            year = "'" + year[1:]
        if month is None or not 1 <= month <= 12:
            continue
        return int(match.group("d")), month, year
    return None, None, None


def _decade(year: str) -> str:
    """A birth year as its decade ("1983" -> "de jaren 80", "2011" -> "de jaren 2010"):
    the same precision as the age bands, never the exact age (the timeline leaves the
    birth year out for the same reason)."""
    digits = year.lstrip("'’`")
    if len(digits) == 2:
        return f"de jaren {digits[0]}0"
    value = int(digits)
    return f"de jaren {value % 100 // 10 * 10}" if value < 2000 else f"de jaren {value // 10 * 10}"


_BIRTH_YEAR = re.compile(
    r"(?i:(?<![\w])(?:geboren|geb\.?|geboortejaar|geboortejaar\s*:|bouwjaar|geb\.jaar)"
    r"(?:\s+(?:in|rond|omstreeks))?\s*:?\s+)(?P<y>(?:19|20)\d{2})(?![\w])"
)


def _generalise_date(text: str, birth: bool) -> tuple[str, bool]:
    """(replacement, whether it names a month) for a date text."""
    _day, month, year = _parse_date(text)
    if month is None:
        return _FIXED_REPLACEMENT["datum"], False
    if birth:
        return (_decade(year), False) if year else (_FIXED_REPLACEMENT["datum"], False)
    if year and year.startswith("'"):
        return f"{_MONTH_NAMES[month]} {year}", True
    return (f"{_MONTH_NAMES[month]} {year}" if year else _MONTH_NAMES[month]), True


_AGE_BANDS = ((0, 3), (4, 11), (12, 17), (18, 20), (21, 26), (27, 39), (40, 49),
              (50, 59), (60, 66))


def age_band(age: float) -> str | None:
    """The band an age falls in ("27-39", "67+"), or None for an impossible age."""
    if age < 0 or age > 120:
        return None
    for low, high in _AGE_BANDS:
        if age < high + 1:
            return f"{low}-{high}"
    return "67+"


def _age_replacement(text: str) -> str:
    """The band for an age text ("45", "45-50", "2,5"), or [LEEFTIJD]."""
    numbers = [float(n.replace(",", ".")) for n in re.findall(r"\d+(?:[.,]\d+)?", text)]
    if not numbers:
        return _FIXED_REPLACEMENT["leeftijd"]
    low_band, high_band = age_band(min(numbers)), age_band(max(numbers))
    if low_band is None or high_band is None:
        return _FIXED_REPLACEMENT["leeftijd"]
    if low_band == high_band:
        return low_band
    low = low_band.split("-")[0].rstrip("+")
    return f"{low}+" if high_band == "67+" else f"{low}-{high_band.split('-')[1]}"


_DURATION_BEFORE = frozenset(
    "al sinds na ruim bijna circa ca ca. ongeveer zo'n maximaal minimaal binnen over "
    "gedurende afgelopen laatste komende eerste zit zat woont woonde werkt werkte heeft "
    "had hebben duurt duurde nog elke iedere per voor tot pas slechts even minstens "
    "hooguit langer korter dan jaren kreeg krijgt kregen loopt liep wacht wachtte wonen "
    "zitten werken werkten zaten woonden daarna eerst weer extra telkens steeds".split()
)
#: adverbs between a duration verb and its number: "woont hier 2 jaar", "zit er al 3 jaar"
_DURATION_FILLER = frozenset("hier daar er nu toen ook nog dan al pas inmiddels intussen".split())
_DURATION_NOUNS = frozenset(
    "traject periode termijn contract straf looptijd duur uitkering schuld schulden "
    "wachttijd tijd gevangenisstraf proeftijd huurcontract relatie huwelijk".split()
)
_DURATION_AFTER = frozenset(
    "gewerkt gewoond getrouwd samen samenwonend werkloos geleden lang gescheiden "
    "gedetineerd schuldenvrij bekend ingeschreven actief gestopt verslaafd dakloos "
    "thuis ziek arbeidsongeschikt in bij uit zonder onder later eerder daarna "
    "cel celstraf verlenging voorwaardelijk onvoorwaardelijk werkzaam".split()
)
_PERSON_NOUNS = (
    "cliënte|cliënt|client|zoon|dochter|zoontje|dochtertje|kind|man|vrouw|jongen|meisje|"
    "moeder|vader|partner|echtgenoot|echtgenote|broer|zus|zusje|broertje|oma|opa|"
    "buurman|buurvrouw|vriend|vriendin|ex|baby|tiener|jongere|puber|neef|nicht|oom|tante"
)


def _is_duration(text: str, start: int, end: int) -> bool:
    """Whether deduce's age at text[start:end] is a duration ("zit 2 jaar in ...")."""
    before = re.findall(r"[\w'’.]+", text[max(0, start - 40):start])
    after = re.findall(r"[\w'’]+", text[end:end + 30])
    prev = before[-1].casefold() if before else ""
    if prev in _DURATION_BEFORE:
        return True
    back = [w.casefold() for w in before[-4:]]
    while back and back[-1] in _DURATION_FILLER:
        back.pop()
    if back and len(back) < len(before[-4:]) and back[-1] in _DURATION_BEFORE:
        return True
    if prev == "van" and len(before) >= 2 and before[-2].casefold() in _DURATION_NOUNS:
        return True
    if after and after[0].casefold() in {"jaar", "jr"} and len(after) > 1:
        return after[1].casefold() in _DURATION_AFTER
    return False


# --------------------------------------------------------------------------------------
# Own rules (source "regel")
# --------------------------------------------------------------------------------------

_CAP = r"[A-ZÀ-ÖØ-Þ]"
_WORDCH = r"[\w'’]"
_CAPWORD = rf"{_CAP}{_WORDCH}*(?:-{_CAP}?{_WORDCH}+)*"

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?i)(?<![\w@/])(?:https?://|www\.)[^\s<>\"']+")
_IBAN = re.compile(
    r"(?<![\w])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?(?![\w])",
    re.IGNORECASE,
)
_BSN = re.compile(
    r"(?i:(?<![\w])(?:bsn|burgerservicenummer|sofinummer|sofi-nummer)(?:-?nummer|\s*nr\.?)?"
    r"\s*[:.]?\s*)(?P<n>\d{4}\.\d{2}\.\d{3}|\d{3}[ .]?\d{3}[ .]?\d{3}|\d{8,9})(?![\w])"
)
_PHONE_INTL = re.compile(
    r"(?<![\w+])(?:\+|00)\d{2,3}(?:[ .-]|\s-\s)?(?:\(0\)[ .-]?)?"
    r"\d(?:(?:[ .-]|\s-\s)?\d){6,11}(?![\w])"
)
_PHONE_NL = re.compile(
    r"(?<![\w+])(?:\(0\d{1,3}\)|0\d{1,3})(?:[ .-]|\s-\s)?\d(?:(?:[ .-]|\s-\s)?\d){5,8}(?![\w])"
)
_UNITS = {"MG", "GR", "KG", "KM", "CM", "MM", "ML", "CC", "PK"}
_POSTCODE = re.compile(
    rf"(?<![\w])(?P<pc>[1-9]\d{{3}}(?:\s?[A-Z]{{2}}|[a-z]{{2}}))(?![\w])"
    rf"(?:[ \t]+(?P<place>{_CAPWORD}(?:[ -]{_CAPWORD})?))?"
)
_PLATE = re.compile(
    r"(?<![\w-])([A-Z]{1,3}|\d{1,3})-([A-Z]{1,3}|\d{1,3})-([A-Z]{1,3}|\d{1,3})(?![\w-])"
)
_NUMBER_KEYWORD = re.compile(
    r"(?i:(?<![\w])(?:klantnummer|klantnr|cliëntnummer|clientnummer|dossiernummer|"
    r"dossiernr|zaaknummer|registratienummer|relatienummer|polisnummer|kenmerk|"
    r"referentienummer|referentie|v-nummer|vreemdelingennummer|documentnummer|"
    r"paspoortnummer|rijbewijsnummer|huurdernummer|contractnummer|rekeningnummer|"
    r"rekeningnr|bankrekening|bankrekeningnummer)\.?\s*:?\s*)"
    r"(?P<n>[A-Z0-9][A-Z0-9./-]*\d[A-Z0-9/-]*)"
)
_STREET_SUFFIX = (
    "straat|laan|weg|plein|gracht|kade|dijk|singel|dreef|hof|pad|steeg|markt|park|"
    "plantsoen|baan|boulevard|allee|wal|erf|vaart|haven|strjitte|leane|paad|dyk"
)
_STREET = re.compile(  # on one line: a street's words and number never cross a line break
    rf"(?<![\w-])(?P<name>(?:(?:{_CAP}[\w'’]*|{_CAP}[a-z]{{0,4}}\.)[ \t]+"
    rf"(?:(?:van|de|der|den|het|'t|ter|ten|te)[ \t]+)*){{0,3}}"
    rf"{_CAP}[\w'’-]*?(?:{_STREET_SUFFIX}))(?![\w])"
    r"(?P<num>[ \t]+\d{1,4}(?:[ \t]?[a-zA-Z](?![\w]))?(?:[ \t]?-[ \t]?\d{1,3}|[ \t](?:hs|bis))?"
    r"(?![\w]))?"
)
_WIJK_CONTEXT = re.compile(
    r"(?i:(?<![\w])(?:wijk|buurt|stadsdeel|woonwijk|stadswijk|buurtschap|dorpskern)\s+)"
    rf"(?P<n>(?:(?:[Dd]e|[Hh]et|'[tT])\s+)?{_CAPWORD}(?:\s+{_CAPWORD}){{0,2}})"
)
_WIJK_COMPOUND = re.compile(
    rf"(?<![\w-])(?P<n>{_CAP}[\w'’-]*(?:wijk|buurt|kwartier)|{_CAPWORD}\s+Buurt)(?![\w])"
)
_DISTRICT = re.compile(
    rf"(?<![\w-])(?P<n>{_CAPWORD}(?:\s{_CAPWORD})?-(?:Noord|Oost|Zuid|West|Centrum|"
    r"Noordoost|Noordwest|Zuidoost|Zuidwest|Midden))(?![\w])"
)
_SCHOOL_TYPES = (
    "basisschool|daltonschool|montessorischool|jenaplanschool|vrije school|school|"
    "kindcentrum|kinderdagverblijf|peuterspeelzaal|peuterschool|buitenschoolse opvang|"
    "praktijkschool|speciaal onderwijs|scholengemeenschap|obs|cbs|pcbs|rkbs|kbs|ibs|sbo|"
    "ikc|kdv|bso|vso|roc|mavo|havo|vmbo|mbo"
)
_CARE_TYPES = (
    "verzorgingshuis|verpleeghuis|zorgcentrum|woonzorgcentrum|zorgboerderij|gezinshuis|"
    "woongroep|woonvoorziening|opvanghuis|nachtopvang|inloophuis|buurthuis|wijkcentrum|"
    "huisartsenpraktijk|gezondheidscentrum|kliniek|stichting|vereniging|"
    "sportvereniging|voetbalclub|kerk|moskee|werkplaats|bedrijf"
)
_FACILITY_NAME = (
    rf"(?P<n>(?:(?:[Dd]e|[Hh]et|'[tT])\s+)?{_CAPWORD}"
    rf"(?:\s+(?:(?:van|de|der|den|het|aan|op)\s+)?{_CAPWORD}){{0,2}})"
)
_FACILITY = re.compile(
    rf"(?i:(?<![\w])(?P<type>{_SCHOOL_TYPES}|{_CARE_TYPES}))\s+{_FACILITY_NAME}"
)
_SCHOOL_NAME = re.compile(
    rf"(?<![\w-])(?P<n>{_CAPWORD}(?:\s+{_CAPWORD}){{0,2}}\s+(?:College|Lyceum|Gymnasium|"
    r"Scholengemeenschap|Academie|Campus))(?![\w])"
)
_AGE_PARENS = re.compile(
    rf"(?P<who>{_CAPWORD}|(?i:{_PERSON_NOUNS})|[A-Z]{{1,3}}_\d+|[a-zß-ÿ][\w'’-]+)\s*\(\s*"
    r"(?P<n>\d{1,3})(?P<u>\s*(?:jaar|jr\.?))?\s*\)"
)
_AGE_WORDS = re.compile(
    rf"(?i:(?<![\w])(?:leeftijd\s*:?|(?:{_PERSON_NOUNS})\s+van))\s+(?P<n>\d{{1,3}})"
    r"(?![\w]|[.,]\d|\s*(?:euro|€|%|procent|uur|minuten|kilo|kg|km|meter|dagen|weken|maanden))"
)
_RELATION_NAME = re.compile(
    r"(?i:(?<![\w])(?:zoon|dochter|zoontje|dochtertje|kind|man|vrouw|echtgenoot|echtgenote|"
    r"partner|vriend|vriendin|ex|ex-partner|moeder|vader|broer|zus|zusje|broertje|oma|opa|"
    r"neef|nicht|oom|tante|buurman|buurvrouw|schoonmoeder|schoonvader|stiefvader|"
    r"stiefmoeder|pleegmoeder|pleegvader|pleegkind|baby))\s+"
    rf"(?P<n>{_CAPWORD}(?:\s+(?:(?:van|de|der|den|el|al|ten|ter)\s+)?{_CAPWORD})?)"
)
_CAP_RUN = re.compile(rf"{_CAPWORD}(?:[ \t]+{_CAPWORD})+")
_SENTENCE_END = re.compile(r"[.!?]['\"”’)]*$")
_TITLE_BEFORE = re.compile(
    r"(?i)(?<![\w])(?:mevrouw|meneer|mijnheer|mevr\.?|mw\.?|dhr\.?|de heer|mr\.?|juffrouw|juf)\s+$"
)


_TITLE_ABBREVIATION = re.compile(
    r"(?i)(?<![\w.])(?:dr|drs|dhr|mw|mevr|mr|ir|ing|prof|fam|st|weth|burg|ds)\.$")


def _sentence_start(text: str, pos: int) -> bool:
    """Whether ``pos`` starts a sentence (or a line, or a bullet)."""
    before = text[max(0, pos - 80):pos].rstrip(" \t-*•–")
    if not before:
        return pos <= 80 or not text[:pos].strip(" \t-*•–")
    if _TITLE_ABBREVIATION.search(before) is not None:
        return False  # "dr. Peeters", "mw. Jansen": the full stop ends a title
    return before.endswith("\n") or _SENTENCE_END.search(before) is not None


_PRONOUN_AFTER = frozenset(
    "je jij u ze zij hij we wij jullie het de een dat dit die er eens even maar dan nou "
    "toch niet nog ook al wel zo naar met".split()
)
#: a number written out after a sentence-initial word makes that word a noun ("Punt één")
_NUMERAL = re.compile(r"(?i:één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf)")
_name_lists: tuple[frozenset[str], frozenset[str]] | None = None


def _names() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, surnames) of deduce's lookup lists, casefolded; read once."""
    global _name_lists
    if _name_lists is None:
        src = _deduce_src_dir()
        first: set[str] = set()
        last: set[str] = set()
        if src is not None:
            first = _read_word_file(src / "names" / "lst_first_name" / "items.txt")
            last = _read_word_file(src / "names" / "lst_surname" / "items.txt")
        _name_lists = (frozenset(first), frozenset(last))
    return _name_lists


def _plain_word(key: str) -> bool:
    """A frequent Dutch word that is no first name or surname ("armoede", "werkplaats")."""
    if word_frequency(key) < 3.2:
        return False
    first, last = _names()
    return key not in first and key not in last


def _ordinary_compound(text: str, start: int, end: int) -> bool:
    """One capitalised word at the start of a sentence that is a compound of ordinary
    words and no name ("Huurachterstand", "Schuldeiser")."""
    from casusdesk.services.anonymize import recall

    word = text[start:end]
    if not re.fullmatch(r"[^\W\d_]{6,}", word) or not _sentence_start(text, start):
        return False
    key = word.casefold()
    first, last = _names()
    return key not in first and key not in last and recall._compound_of_words(key)


def _only_words(span: str) -> bool:
    """Every word of a span is a frequent Dutch word and no name ("Werkplaats Armoede")."""
    words = re.findall(r"[^\W\d_]+", span)
    return bool(words) and all(_plain_word(w.casefold()) for w in words)


#: a surname (no first name) that Dutch text uses this often as a word ("stap", "punt",
#: "grond", "koning", "wit" 4.5-5.2; "bakker", "visser", "boer" lie under it) is that
#: word at the start of a sentence
SURNAME_WORD_ZIPF = 4.5


def _sentence_word(text: str, start: int, end: int) -> bool:
    """An ordinary word (a verb, a noun) that is capitalised only because it starts the
    sentence: "Weet", "Mag", "Bel", "Ex". A first name that is also a word ("Roos",
    "Wil") counts as a word only before a pronoun or article ("Wil je ...")."""
    word = text[start:end]
    if not re.fullmatch(r"[^\W\d_][\w'’]*", word) or not _sentence_start(text, start):
        return False
    key = word.casefold()
    if key in _MONTHS or not (_is_common_word(key) or word_frequency(key) >= 3.2):
        return False
    first, last = _names()
    if key in last and key not in first and word_frequency(key) >= SURNAME_WORD_ZIPF:
        return True  # "Stap 1", "Punt van zorg", "Grond is getaxeerd": the word
    if key in first or key in last:
        after = re.match(r"\s+([\w'’]+)", text[end:end + 30])
        if after is None:
            return False
        if after.group(1).casefold() in _PRONOUN_AFTER or _NUMERAL.fullmatch(after.group(1)):
            return True  # "Wil je", "Punt één", "Punt 2"
        # a surname comes after a first name, so "Bel Sanne", "Vraag Jan" start with a verb
        return key not in first and after.group(1)[:1].isupper()
    return True


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


@dataclass
class _Candidate:
    start: int
    end: int
    kind: str
    source: str
    priority: int
    label: str | None = None  # numbered placeholder label, e.g. "WIJK"
    replacement: str | None = None  # fixed replacement (known names, dates, ages)
    trimmable: bool = False  # may be cut back to its parts outside other detections
    key: str | None = None  # identity for numbering (defaults to the text)


# Who wins when spans overlap: higher first, then the longer span.
_P_WEB, _P_KNOWN, _P_MANUAL, _P_KEYWORD, _P_RULE, _P_DEDUCE, _P_FALLBACK = 7, 6, 5, 4, 3, 2, 1
_P_PROPAGATED = _P_RULE  # a term detected elsewhere in the document


# --------------------------------------------------------------------------------------
# Known names
# --------------------------------------------------------------------------------------


@dataclass
class _ParsedName:
    full: list[str]
    given: list[str]
    initials: str  # first letters, upper case
    surname: list[str]  # with leading particles


def _parse_name(name: str) -> _ParsedName | None:
    tokens = name.replace(",", " ").split()
    while tokens and tokens[0].casefold() in _TITLES and len(tokens) > 1:
        tokens = tokens[1:]
    if not tokens:
        return None
    split = None
    for i in range(1, len(tokens)):
        particle = tokens[i].casefold() in _PARTICLES and i < len(tokens) - 1
        double = "-" in tokens[i] and i < len(tokens) - 1  # "Bakker-de Jong"
        if particle or double:
            split = i
            break
    if tokens[0].casefold() in _PARTICLES and len(tokens) > 1:
        split = 0
    if split is None:
        split = len(tokens) - 1 if len(tokens) > 1 else len(tokens)
    front, surname = tokens[:split], tokens[split:]
    given = [t for t in front if not _is_initials(t)]
    initials = "".join(
        ch for t in front for ch in (t if _is_initials(t) else t[:1]) if ch.isalpha()
    ).upper()
    return _ParsedName(full=tokens, given=given, initials=initials, surname=surname)


def _is_initials(token: str) -> bool:
    return re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?\.?|[A-Z]", token) is not None


def _token_pattern(token: str, capital: bool) -> str:
    """Regex for one name token; parts split by hyphens keep the hyphen."""
    parts = token.split("-")
    out = []
    for part in parts:
        if capital and part[:1].isalpha() and part.casefold() not in _PARTICLES:
            out.append(re.escape(part[:1].upper()) + "(?i:" + re.escape(part[1:]) + ")")
        else:
            out.append("(?i:" + re.escape(part) + ")")
    return r"\s*-\s*".join(out)


def _possessive(last_token: str) -> str:
    if last_token[-1:].casefold() in {"s", "x", "z"}:
        return r"(?P<pos>['’]s?|s)?"  # "De Vries'", and the common slip "Thijss"
    return r"(?P<pos>['’]s|s)?"


_START = r"(?<![\w@])(?<!\w-)"
_END = r"(?![\w@])(?!-\w)"


def _name_regex(tokens: list[str], capital: bool, initials: str | None = None) -> str:
    body = r"\s+".join(_token_pattern(t, capital) for t in tokens)
    prefix = ""
    if initials is not None:
        first = f"[{re.escape(initials)}]" if initials else "[A-Z]"
        prefix = rf"(?-i:{first}\.\s?(?:[A-Z]\.\s?)*)\s*"
    return _START + prefix + body + _possessive(tokens[-1]) + _END


@functools.lru_cache(maxsize=1)
def _code_prefixes() -> frozenset[str]:
    """The prefixes of the participants' codes (KM, SW, GGZ ...) and the fallback OV."""
    from casusdesk.services.catalog import functions

    return frozenset({f.prefix for f in functions()} | {"OV"})


def _initials(p: _ParsedName) -> set[str]:
    """How a hurried note writes a registered person by initials, in capitals as typed:
    "MK" for Marieke Kok, "IvG" and "IVG" for Ingrid van Gelder, "JW" and "JWB" for
    Jan-Willem Bos. Matched in exactly this case, as a whole word."""
    cores = [t for t in p.surname if t.casefold() not in _PARTICLES]
    if not p.given or not cores or not p.given[0][:1].isalpha():
        return set()
    given = "".join(part[:1].upper() for part in p.given[0].split("-") if part)
    particles = [t for t in p.surname if t.casefold() in _PARTICLES]
    core = cores[0][:1].upper()
    forms = {given + core, given + "".join(t[:1].lower() for t in particles) + core,
             given + "".join(t[:1].upper() for t in particles) + core}
    if len(given) > 1:
        forms.add(given)  # "JW" for Jan-Willem
    return {f for f in forms if 2 <= len(f) <= 4 and f.isalpha()}


class _KnownNames:
    """Regexes for every written form of the known names, each with its replacement."""

    def __init__(self, people: list[tuple[str, str, bool]], keep: frozenset[str]) -> None:
        self._keep = keep
        self.people = list(people)
        # pattern -> {level: [replacement, ...]}; level 0 = full name, 1 = a part
        table: dict[str, dict[int, list[str]]] = {}
        part_of: dict[str, str] = {}  # pattern -> "voornaam" / "achternaam" for parts
        self._terms: list[str] = []
        for name, replacement, _is_client in people:
            parsed = _parse_name(name)
            if parsed is None:
                continue
            for level, pattern, term in self._variants(parsed):
                if level == 1 and term is not None:
                    part_of[pattern] = "voornaam" if term in parsed.given else "achternaam"
                bucket = table.setdefault(pattern, {}).setdefault(level, [])
                if replacement not in bucket:
                    bucket.append(replacement)
                if term and term not in self._terms:
                    self._terms.append(term)
            for form in _initials(parsed):
                if form.casefold() in keep or form in _code_prefixes():
                    continue  # "WW" is a law and "KM" a klantmanager before anyone's initials
                bucket = table.setdefault(rf"(?<![\w]){re.escape(form)}(?![\w])", {}) \
                    .setdefault(2, [])
                if replacement not in bucket:
                    bucket.append(replacement)
        self._patterns: list[tuple[re.Pattern[str], int, str, str | None]] = []
        for pattern, levels in table.items():
            level = min(levels)
            replacement = "/".join(levels[level])
            part = part_of.get(pattern) if level == 1 else None
            self._patterns.append((re.compile(pattern), level, replacement, part))

    @staticmethod
    def _variants(p: _ParsedName) -> Iterable[tuple[int, str, str | None]]:
        full = p.full
        yield 0, _name_regex(full, _needs_capital(" ".join(full))), " ".join(full)
        sur = p.surname
        cores = [t for t in sur if t.casefold() not in _PARTICLES]
        if p.given and sur and p.given + sur != full:
            yield 0, _name_regex(p.given + sur, False), " ".join(p.given + sur)
        if len(p.given) > 1 and sur:
            yield 0, _name_regex([p.given[0], *sur], False), " ".join([p.given[0], *sur])
        if sur and (p.given or p.initials) and cores:
            yield 0, _name_regex(sur, False, initials=p.initials[:1]), None
            if p.given:
                particles = [t for t in sur if t.casefold() in _PARTICLES]
                abbreviated = [p.given[0], *particles, cores[0][0] + "."]
                yield 0, (
                    _START + r"\s+".join(_token_pattern(t, False) for t in abbreviated[:-1])
                    + r"\s+" + re.escape(cores[0][0].upper()) + r"\." + r"(?![\w])"
                ), None
        if len(full) == 1 and not sur:
            return
        for given in p.given:
            if len(given) >= 2:
                yield 1, _name_regex([given], _needs_capital(given)), given
        if sur and cores:
            joined = " ".join(sur)
            if joined != " ".join(full):
                yield 1, _name_regex(sur, _needs_capital(joined)), joined
            # "van der Meer" -> "Meer" alone only when that is no ordinary word: a
            # sentence starting with "Meer tijd ..." is not about Anouk van der Meer
            if len(sur) > 1 and len(cores) == 1 and not _needs_capital(cores[0]):
                yield 1, _name_regex(cores, False), cores[0]
            # the parts of a double surname: "Bakker-de Jong" -> "Bakker", "de Jong"
            if len(sur) >= 1 and "-" in joined:
                for part in re.split(r"\s*-\s*", joined):
                    part_tokens = part.split()
                    part_cores = [t for t in part_tokens if t.casefold() not in _PARTICLES]
                    if part_cores and len(part) >= 2:
                        yield 1, _name_regex(part_tokens, _needs_capital(part)), part
                        if len(part_tokens) > len(part_cores) == 1:
                            core = part_cores[0]
                            yield 1, _name_regex(part_cores, _needs_capital(core)), core

    def _other_person(self, text: str, match: re.Match[str], part: str) -> bool:
        """A first name followed by an unknown surname ("Pieter Dijkstra" when Pieter
        Bakker is known), or a surname after an unknown first name ("Karin Bakker"), is
        someone else; deduce and the final check take it from there."""
        if part == "voornaam":
            after = re.match(rf"[ \t]+({_CAP}[\w'’-]+)", text[match.end():match.end() + 40])
            return after is not None and self._looks_like_name(after.group(1))
        before = re.search(
            rf"(?<![\w.])({_CAP}[\w'’-]+)[ \t]+$", text[max(0, match.start() - 40):match.start()]
        )
        return before is not None and self._looks_like_name(before.group(1))

    def _looks_like_name(self, word: str) -> bool:
        key = word.casefold()
        return not (
            self._is_known_word(key) or key in self._keep or key in _NOT_NAME_WORDS
            or key.rstrip(".") in _TITLES or _is_common_word(key)
        )

    def _is_known_word(self, key: str) -> bool:
        return any(key in _norm(term).split() for term in self._terms)

    @property
    def terms(self) -> list[str]:
        return list(self._terms)

    def find(self, text: str) -> list[tuple[int, int, str, bool]]:
        """Non-overlapping (start, end, replacement, possessive), longest first."""
        found: list[tuple[int, int, int, str, bool]] = []
        for pattern, level, replacement, part in self._patterns:
            for match in pattern.finditer(text):
                if match.end() > match.start():
                    if match.group().casefold() in _MONTHS and re.search(
                        r"\d\s*$", text[max(0, match.start() - 4):match.start()]
                    ):
                        continue  # "3 jan": a date, not Jan
                    if part is not None and self._other_person(text, match, part):
                        continue
                    possessive = bool(match.groupdict().get("pos"))
                    found.append((match.start(), match.end(), level, replacement, possessive))
        found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
        taken: list[tuple[int, int, str, bool]] = []
        occupied = _Spans()
        for start, end, _level, replacement, possessive in found:
            if not occupied.overlapping(start, end):
                taken.append((start, end, replacement, possessive))
                occupied.add(start, end)
        return sorted(taken)


# --------------------------------------------------------------------------------------
# The Anonymizer
# --------------------------------------------------------------------------------------


class Anonymizer:
    """Detects and replaces personal data; built once per session (one document).

    Args:
        known_people: (name, code) pairs or :class:`KnownPerson`, e.g.
            ``("Jan de Vries", "KM_1")``; their names are replaced by their code.
        client_names: the client's real name and aliases.
        client_replacement: what the client's names become: "de cliënt" or the
            case's pseudonym.
        use_deduce: False skips deduce (known names and own rules only); for tests
            and for a preview while deduce is still loading.
        keep: extra words that must never be marked (besides ``keep.txt``).

    Numbered placeholders ([PERSOON-1] ...) are kept per Anonymizer, so all parts of
    one document share them. Use :meth:`detect_document` for a whole document: it
    starts the numbering afresh, so the review screen and the exporter number alike.
    """

    def __init__(
        self,
        known_people: Iterable[KnownPerson | tuple[str, str]] = (),
        client_names: Iterable[str] = (),
        client_replacement: str = CLIENT_REPLACEMENT,
        *,
        use_deduce: bool = True,
        keep: Iterable[str] = (),
    ) -> None:
        people: list[tuple[str, str, bool]] = []
        for person in known_people:
            name, code = (person.name, person.replacement) if isinstance(person, KnownPerson) \
                else person
            if name.strip() and code.strip():
                people.append((" ".join(name.split()), code.strip(), False))
        client_replacement = " ".join(client_replacement.split()) or CLIENT_REPLACEMENT
        for name in client_names:
            if name.strip():
                people.append((" ".join(name.split()), client_replacement, True))
        self._use_deduce = use_deduce
        keep_words, _common = _load_word_lists()
        extra = {_norm(k) for k in keep if k.strip()}
        # codes and the pseudonym stay as they are
        for _name, code, is_client in people:
            if not (is_client and code == CLIENT_REPLACEMENT):
                extra.add(_norm(code))
                extra.update(_norm(t) for t in code.split() if t.casefold() not in _PARTICLES)
        self._keep = keep_words | frozenset(extra)
        self._not_name = self._keep | _NOT_NAME_WORDS
        self._known = _KnownNames(people, self._keep)
        self._registry: dict[str, dict[str, int]] = {}
        self._person_tokens: dict[int, set[str]] = {}
        self._learned: dict[str, re.Pattern[str]] = {}  # name words seen in this document
        self._deduce_memo: dict[str, list[tuple[int, int, str]]] | None = None
        #: the own rules' candidates per (text, person ends) within one detect_document:
        #: its passes ask again for the same text (see _rule_candidates)
        self._rule_memo: dict[tuple[str, frozenset[int] | None], list[_Candidate]] | None = None
        self._propagated: list[tuple[re.Pattern[str], str, str, str]] = []

    # -- public API -------------------------------------------------------------------

    def known_terms(self) -> list[str]:
        """The known names with their first names and surnames, for :func:`leak_check`."""
        return self._known.terms

    def forbidden_terms(self, detections: Iterable[Detection] = ()) -> list[str]:
        """What may not survive in the exported document: known names and their parts,
        plus the texts of the given detections (except dates and ages)."""
        terms = self.known_terms()
        for det in detections:
            text = " ".join(det.text.split())
            if det.kind in _LEAK_KINDS and text not in terms and re.search(r"\w", text):
                if not (text.isdigit() and len(text) < 5):
                    terms.append(text)
        return terms

    def reset_placeholders(self) -> None:
        """Forget the numbering: the next detection starts again at [PERSOON-1]."""
        self._registry.clear()
        self._person_tokens.clear()
        self._learned.clear()

    def detect(self, text: str, decisions: ReviewDecisions | None = None) -> list[Detection]:
        """All detections in ``text``, sorted and not overlapping.

        Honours ``decisions``: un-marked texts (by text and kind, any case) are left
        out, marked texts are detected everywhere. Placeholder numbers continue from
        earlier calls on this Anonymizer.
        """
        decisions = decisions or ReviewDecisions()
        base = self._candidates(text, decisions)
        accepted = self._resolve(text, [dataclasses.replace(c) for c in base])
        self._learn(text, accepted, decisions)
        extra = self._learned_candidates(text)
        if extra:
            accepted = self._resolve(text, [dataclasses.replace(c) for c in base] + extra)
        result: list[Detection] = []
        for cand in accepted:
            span = text[cand.start:cand.end]
            kind = cand.kind
            if decisions.is_unmarked(span, kind):
                continue
            replacement = cand.replacement
            if replacement is None:
                if cand.label is not None:
                    replacement = self._numbered(cand.label, cand.key or span, kind)
                else:
                    replacement = _FIXED_REPLACEMENT.get(kind, "[ANONIEM]")
            result.append(Detection(cand.start, cand.end, span, kind, replacement, cand.source))
        return result

    def detect_document(
        self, texts: Sequence[str], decisions: ReviewDecisions | None = None, *,
        propagate: bool = True,
    ) -> list[list[Detection]]:
        """Detections for each part of one document, numbered afresh from 1.

        Two passes: the first learns the names found anywhere in the document (a
        surname deduce found once in "Oksana Kovalenko" is then also caught alone
        in an earlier part), the second detects and numbers. With ``propagate`` a
        third pass replaces every other occurrence of a detected name, place,
        institution, address or number ("wijk Pittelo" ... "in Pittelo") with the
        same placeholder.
        """
        self.reset_placeholders()
        self._deduce_memo = {}
        self._rule_memo = {}
        self._propagated = []
        try:
            for text in texts:
                self.detect(text, decisions)
            learned = dict(self._learned)
            self.reset_placeholders()
            self._learned.update(learned)
            results = [self.detect(text, decisions) for text in texts]
            if propagate:
                self._propagated = self._propagation(results, decisions)
                if self._propagated:
                    # the registry keeps its numbers: a term gets the same placeholder
                    results = [self.detect(text, decisions) for text in texts]
            return results
        finally:
            self._deduce_memo = None
            self._rule_memo = None
            self._propagated = []

    def _propagation(
        self, results: Sequence[Sequence[Detection]], decisions: ReviewDecisions | None
    ) -> list[tuple[re.Pattern[str], str, str, str]]:
        """(pattern, kind, replacement, source) for every term detected somewhere in the
        document, so that every other occurrence gets the same placeholder.

        Only names, places, institutions, addresses and identifying numbers travel;
        dates and ages depend on their context. A term that is also an ordinary word
        travels only with its capital ("Bel" found as a name does not take "bel").
        """
        seen: dict[str, tuple[re.Pattern[str], str, str, str]] = {}
        for detections in results:
            for det in detections:
                if det.kind not in _LEAK_KINDS or det.source in {"bekend", "handmatig"}:
                    continue
                text = " ".join(det.text.split())
                key = text.casefold()
                if key in seen and not (seen[key][1] == "naam" and det.kind != "naam"):
                    continue  # the first kind found wins, a specific one over "naam"
                if len(text) < 3 or not re.search(r"\w", text):
                    continue
                if text.isdigit() and len(text) < 5:
                    continue
                if decisions is not None and decisions.is_unmarked(text, det.kind):
                    continue
                seen[key] = (_term_pattern(text), det.kind, det.replacement, det.source)
        return list(seen.values())

    def _propagated_candidates(self, text: str) -> list[_Candidate]:
        out = []
        for pattern, kind, replacement, source in self._propagated:
            for m in pattern.finditer(text):
                end = m.start("pos") if m.group("pos") else m.end()
                out.append(_Candidate(m.start(), end, kind, source, _P_PROPAGATED,
                                      replacement=replacement))
        return out

    @staticmethod
    def apply(text: str, detections: Iterable[Detection]) -> str:
        """``text`` with every detection replaced by its replacement.

        Raises ValueError when a detection does not fit the text (stale or
        overlapping detections), so nothing is exported half-anonymized.
        """
        ordered = sorted(detections, key=lambda d: d.start)
        pieces: list[str] = []
        pos = 0
        for det in ordered:
            if det.start < pos or text[det.start:det.end] != det.text:
                raise ValueError(
                    f"Detectie {det.text!r} op {det.start}-{det.end} past niet bij de tekst."
                )
            pieces.append(text[pos:det.start])
            pieces.append(det.replacement)
            pos = det.end
        pieces.append(text[pos:])
        return "".join(pieces)

    def anonymize(self, text: str, decisions: ReviewDecisions | None = None) -> str:
        """``apply(text, detect(text, decisions))``."""
        return self.apply(text, self.detect(text, decisions))

    # -- learned names ------------------------------------------------------------------

    def _learn(self, text: str, accepted: list[_Candidate], decisions: ReviewDecisions) -> None:
        """Remember the words of person names that deduce or the rules found."""
        for cand in accepted:
            if cand.kind != "persoon" or cand.source == "bekend":
                continue
            span = text[cand.start:cand.end]
            if decisions.is_unmarked(span, cand.kind):
                continue
            for word in re.findall(r"[\w'’]+", span):
                word = re.sub(r"['’]s?$", "", word)
                key = word.casefold()
                if (len(word) >= 3 and word[:1].isupper() and not word.isupper()
                        and key not in self._learned and key not in self._not_name
                        and not _is_common_word(key)):
                    self._learned[key] = re.compile(
                        _START + _token_pattern(word, True) + _possessive(word) + _END
                    )

    def _learned_candidates(self, text: str) -> list[_Candidate]:
        out = []
        for pattern in self._learned.values():
            for m in pattern.finditer(text):
                end = m.start("pos") if m.group("pos") else m.end()
                out.append(_Candidate(m.start(), end, "persoon", "regel", _P_FALLBACK,
                                      label="PERSOON"))
        return out

    # -- candidates ---------------------------------------------------------------------

    def _candidates(self, text: str, decisions: ReviewDecisions) -> list[_Candidate]:
        cands: list[_Candidate] = []
        cands += self._known_candidates(text)
        cands += self._marked_candidates(text, decisions)
        cands += self._propagated_candidates(text)
        if self._use_deduce and text.strip():
            cands += self._deduce_candidates(text)
        person_ends = {c.end for c in cands if c.kind in {"persoon", "eigen"}}
        cands += self._rule_candidates(text, person_ends)
        return cands

    def _known_candidates(self, text: str) -> list[_Candidate]:
        """The known names in ``text`` (depends on the text and the known names only:
        made once per text within one detect_document, as the own rules are)."""
        memo = self._rule_memo
        if memo is None:
            return self._make_known_candidates(text)
        key = (text, None)
        if key not in memo:
            memo[key] = self._make_known_candidates(text)
        return list(memo[key])

    def _make_known_candidates(self, text: str) -> list[_Candidate]:
        out = []
        for start, end, replacement, possessive in self._known.find(text):
            if replacement.split(" ", 1)[0] in {"de", "het", "een"}:
                # "mevrouw Visser" -> "de cliënt", not "mevrouw de cliënt"
                title = _TITLE_BEFORE.search(text[max(0, start - 12):start])
                if title is not None:
                    start -= len(title.group())
                if _sentence_start(text, start):
                    replacement = _capitalise(replacement)
            if possessive:
                replacement = _genitive(replacement)
            out.append(_Candidate(start, end, "eigen", "bekend", _P_KNOWN, replacement=replacement))
        return out

    def _marked_candidates(self, text: str, decisions: ReviewDecisions) -> list[_Candidate]:
        out = []
        for mark in decisions.marked:
            words = mark.text.split()
            if not words:
                continue
            body = r"\s+".join(re.escape(w) for w in words)
            start_b = r"(?<![\w])" if words[0][:1].isalnum() or words[0][:1] == "_" else ""
            end_b = r"(?![\w])" if words[-1][-1:].isalnum() or words[-1][-1:] == "_" else ""
            for match in re.finditer(start_b + body + end_b, text, re.IGNORECASE):
                label = _NUMBERED_LABEL.get(mark.kind)
                out.append(_Candidate(
                    match.start(), match.end(), mark.kind, "handmatig", _P_MANUAL,
                    label=label if mark.replacement is None else None,
                    replacement=mark.replacement, key=_norm(mark.text),
                ))
        return out

    def _rule_candidates(self, text: str, person_ends: set[int]) -> list[_Candidate]:
        """The own rules' candidates. They depend only on the text, ``person_ends`` and
        what the Anonymizer was made with (known names, keep words), not on what a
        document taught it (learned names, numbering, propagation): within one
        :meth:`detect_document` they are made once per text and person ends. A rule
        that reads learned state must not go here."""
        memo = self._rule_memo
        if memo is None:
            return self._make_rule_candidates(text, person_ends)
        key = (text, frozenset(person_ends))
        if key not in memo:
            memo[key] = self._make_rule_candidates(text, person_ends)
        return list(memo[key])  # detect copies each candidate before it changes one

    def _make_rule_candidates(self, text: str, person_ends: set[int]) -> list[_Candidate]:
        out: list[_Candidate] = []

        def add(start: int, end: int, kind: str, priority: int = _P_RULE, **kw: Any) -> None:
            if end > start:
                out.append(_Candidate(start, end, kind, "regel", priority, **kw))

        for m in _EMAIL.finditer(text):
            add(m.start(), m.end(), "email", _P_WEB)
        for m in _URL.finditer(text):
            end = m.end()
            while end > m.start() and text[end - 1] in ".,;:!?)]'\"":
                end -= 1
            add(m.start(), end, "url", _P_WEB)
        for m in _IBAN.finditer(text):
            compact = re.sub(r"\s", "", m.group())
            if 15 <= len(compact) <= 34 and re.search(r"\d{6}", compact[4:].replace(" ", "")):
                add(m.start(), m.end(), "iban")
        for m in _BSN.finditer(text):
            add(m.start("n"), m.end("n"), "bsn", _P_KEYWORD)
        for m in _PHONE_INTL.finditer(text):
            digits = re.sub(r"\D", "", m.group())
            if 9 <= len(digits) <= 15:
                add(m.start(), m.end(), "telefoon")
        for m in _PHONE_NL.finditer(text):
            if _looks_like_phone(m.group()):
                add(m.start(), m.end(), "telefoon")
        for m in _POSTCODE.finditer(text):
            letters = m.group("pc")[-2:]
            if letters.upper() in _UNITS or letters.upper() in {"SA", "SD", "SS"}:
                continue
            add(m.start("pc"), m.end("pc"), "postcode")
            if m.group("place") and self._plain_name(m.group("place")):
                add(m.start("place"), m.end("place"), "plaats", label="PLAATS")
        for m in _PLATE.finditer(text):
            if _is_plate(m.groups()):
                add(m.start(), m.end(), "kenteken")
        for m in _NUMBER_KEYWORD.finditer(text):
            end = m.end("n")
            while end > m.start("n") and text[end - 1] in ".,/-":
                end -= 1
            add(m.start("n"), end, "nummer", _P_KEYWORD)
        self._date_candidates(text, add)
        for m in _BIRTH_YEAR.finditer(text):
            add(m.start("y"), m.end("y"), "datum", _P_KEYWORD, replacement=_decade(m.group("y")))
        self._age_candidates(text, add, person_ends)
        self._street_candidates(text, add)
        for m in _WIJK_CONTEXT.finditer(text):
            span = self._name_span(text, m.start("n"), m.end("n"))
            if span:
                add(*span, "plaats", label="WIJK")
        for m in _WIJK_COMPOUND.finditer(text):
            name = m.group("n")
            capital_buurt = name.split()[-1] == "Buurt"  # "Indische Buurt": a name
            first = name.split()[0] if capital_buurt else name
            plain = (first.casefold() not in self._not_name) if capital_buurt \
                else self._plain_name(first)
            if plain and not _is_common_word(name):
                add(m.start("n"), m.end("n"), "plaats", _P_FALLBACK, label="WIJK")
        for m in _DISTRICT.finditer(text):
            start = m.start("n")
            first = re.match(r"(\S+)\s+(?=\S)", m.group("n"))
            if first and is_ordinary_word(first.group(1)):
                start += first.end()  # "Werkplaats Armoede Assen-Oost": only the district
            add(start, m.end("n"), "plaats", label="WIJK")
        for m in _FACILITY.finditer(text):
            kind_type = " ".join(m.group("type").casefold().split())
            span = self._name_span(text, m.start("n"), m.end("n"), keep_article=True,
                                   article_names=True)
            if span:
                label = "SCHOOL" if re.fullmatch(_SCHOOL_TYPES, kind_type) else "INSTELLING"
                add(*span, "instelling", label=label)
        for m in _SCHOOL_NAME.finditer(text):
            words = list(re.finditer(r"\S+", m.group("n")))
            while len(words) > 1 and words[0].group().casefold() in {"de", "het", "'t"}:
                words = words[1:]
            if len(words) >= 2 and all(self._plain_name(w.group()) for w in words[:-1]):
                add(m.start("n") + words[0].start(), m.end("n"), "instelling", label="SCHOOL")
        for m in _RELATION_NAME.finditer(text):
            span = self._name_span(text, m.start("n"), m.end("n"), surname_ok=True)
            if span:
                add(*span, "persoon", _P_DEDUCE, label="PERSOON", trimmable=True)
        for m in _CAP_RUN.finditer(text):
            self._cap_run_candidates(text, m, add)
        from casusdesk.services.anonymize import recall

        recall.candidates(self, text, add, _sentence_start, lambda n: age_band(n), _MONTH_NAMES)
        return out

    def _date_candidates(self, text: str, add: Callable[..., None]) -> None:
        spans: list[tuple[int, int]] = []
        for pattern in (_DATE_TEXT, _DATE_DMY, _DATE_YMD):
            for m in pattern.finditer(text):
                if pattern is _DATE_DMY and m.group("sep") == "." and len(m.group("y")) == 2:
                    continue
                spans.append((m.start(), m.end()))
        for m in _DATE_DM.finditer(text):
            spans.append((m.start("date"), m.end("date")))
        for start, end in spans:
            self._add_date(text, start, end, add, "regel")

    def _add_date(
        self, text: str, start: int, end: int, add: Callable[..., None], source: str
    ) -> None:
        """A date candidate, generalised; "op 12 maart" becomes "in maart"."""
        birth = _BIRTH_CONTEXT.search(text[max(0, start - 30):start]) is not None
        raw = text[start:end]
        weekday = _WEEKDAY_LEAD.match(raw)
        if weekday is not None and weekday.end() < len(raw):
            start += weekday.end()  # "vrijdag 22 november": the weekday tells nothing
            raw = raw[weekday.end():]
        if source == "regel" and _DATE_DM.fullmatch("op " + raw):
            month = int(re.split(r"[-/]", raw)[1])
            replacement, month_first = (
                (_FIXED_REPLACEMENT["datum"], False) if birth else (_MONTH_NAMES[month], True)
            )
        else:
            replacement, month_first = _generalise_date(raw, birth)
        if month_first or (birth and replacement != _FIXED_REPLACEMENT["datum"]):
            op = _OP_BEFORE.search(text[max(0, start - 6):start])
            if op is not None:
                start -= len(op.group())
                replacement = ("In " if op.group(1) == "Op" else "in ") + replacement
        if weekday is not None and replacement[:1].islower() and not replacement.startswith("in "):
            replacement = "in " + replacement  # "vrijdag in november"
        add(start, end, "datum", replacement=replacement)

    def _age_candidates(
        self, text: str, add: Callable[..., None], person_ends: set[int]
    ) -> None:
        for pattern in (_AGE_PARENS, _AGE_WORDS):
            for m in pattern.finditer(text):
                band = age_band(int(m.group("n")))
                if band is None:
                    continue
                if pattern is _AGE_PARENS:
                    who = m.group("who")
                    after_name = m.end("who") in person_ends
                    is_noun = re.fullmatch(_PERSON_NOUNS, who.casefold()) is not None
                    is_code = re.fullmatch(r"[A-Z]{1,3}_\d+", who) is not None
                    if not (after_name or is_noun or is_code) and (
                        who.casefold() in self._not_name or _is_common_word(who)
                    ):
                        continue
                    if who[:1].islower() and not (is_noun or after_name
                                                  or who.casefold() in lexicon.names()[0]):
                        continue  # "pagina (3)"; "sophie (8)" is a name
                    if m.group("u"):
                        add(m.start("n"), m.end("u"), "leeftijd", replacement=band)
                        continue
                add(m.start("n"), m.end("n"), "leeftijd", replacement=band)

    def _street_candidates(self, text: str, add: Callable[..., None]) -> None:
        postcodes = [(p.start("pc"), p.end("pc")) for p in _POSTCODE.finditer(text)]
        for m in _STREET.finditer(text):
            start, end = m.start("name"), m.end("name")
            words = list(re.finditer(r"\S+", m.group("name")))
            # "8401 DK Gorredijk": the letters of a postcode start no street name; a
            # street name starts on the line of its number ("De Vaart\nStationsweg 12")
            last_break = text.rfind("\n", start, end)
            words = [w for w in words if m.start("name") + w.start() > last_break and not any(
                a <= m.start("name") + w.start() < b for a, b in postcodes)]
            if not words:
                continue
            # drop leading words that are articles, prepositions or ordinary words
            while len(words) > 1 and (
                words[0].group().casefold() in self._not_name
                or _is_common_word(words[0].group())
            ):
                words = words[1:]
            start = m.start("name") + words[0].start()
            name = text[start:end]
            if _norm(name) in self._keep or (len(words) == 1 and _is_common_word(name)):
                continue
            if _norm(words[-1].group()) in self._keep:
                continue  # "Huisverbod Werkplein 2 weken": a keep word, no street
            has_number = m.group("num") is not None
            if len(words) == 1 and not has_number and _sentence_start(text, start):
                continue
            add(start, m.end() if has_number else end, "adres", label="ADRES",
                key=_norm(name) + ("" if not has_number else " " + _norm(m.group("num"))))

    def _cap_run_candidates(self, text: str, m: re.Match[str], add: Callable[..., None]) -> None:
        """Two or three capitalised unknown words in a row: probably a name."""
        tokens = list(re.finditer(r"\S+", m.group()))
        run: list[re.Match[str]] = []

        def flush() -> None:
            if len(run) >= 2:
                add(m.start() + run[0].start(), m.start() + run[-1].end(), "persoon",
                    _P_FALLBACK, label="PERSOON", trimmable=True)
            run.clear()

        for tok in tokens:
            word = tok.group()
            if self._plain_name(word) and not word.isupper() and len(word) > 1:
                run.append(tok)
                if len(run) == 3:
                    flush()
            else:
                flush()
        flush()

    def _plain_name(self, words: str) -> bool:
        """True when no word is a keep word, an ordinary word, a month or a title."""
        for word in re.split(r"[\s-]+", words):
            key = word.casefold().strip("'’.")
            if not key or key in self._not_name or _is_common_word(key) or _plain_word(key):
                return False
        return _norm(words) not in self._keep

    def _name_span(
        self, text: str, start: int, end: int, keep_article: bool = False,
        surname_ok: bool = False, article_names: bool = False,
    ) -> tuple[int, int] | None:
        """The span of a name after a context word, without keep/ordinary words.

        With ``article_names`` a capitalised ordinary word after a capitalised article is
        a name too: "De Regenboog", "'t Kabouterhuis", "De Sleutel"."""
        words = list(re.finditer(r"\S+", text[start:end]))
        article = None
        if words and words[0].group().casefold() in {"de", "het", "'t"}:
            article = words[0]
            words = words[1:]
        capital_article = article is not None and article.group()[:1] in "DH'"
        kept: list[re.Match[str]] = []
        for w in words:
            token = w.group().strip(".,;:!?)")
            if token.casefold() in _PARTICLES and (kept or token[:1].isupper()):
                kept.append(w)  # "moskee Al Baraka", "stichting De Kern"
                continue
            named = (article_names and capital_article and token[:1].isupper()
                     and token.casefold() not in self._keep
                     and token.casefold() not in _NOT_NAME_WORDS)
            if not named and not self._plain_name(token) and not (
                surname_ok and kept and token[:1].isupper()
                and token.casefold() not in self._not_name
            ):
                break
            kept.append(w)
        while kept and kept[-1].group().casefold() in _PARTICLES:
            kept.pop()
        if kept and all(k.group().casefold() in _PARTICLES for k in kept):
            return None
        if not kept:
            return None
        first = article if keep_article and article is not None else kept[0]
        return start + first.start(), start + kept[-1].end()

    def _deduce_candidates(self, text: str) -> list[_Candidate]:
        out: list[_Candidate] = []
        memo = self._deduce_memo
        annotations = memo.get(text) if memo is not None else None
        if annotations is None:
            annotations = _deduce_annotations(text)
            if memo is not None:
                memo[text] = annotations
        for start, end, tag in annotations:
            span = text[start:end]
            if tag in {"persoon", "patient"}:
                kind, label = "persoon", "PERSOON"
                trimmed = self._trim(text, start, end)
                if trimmed is not None and trimmed != (start, end):
                    # "in Den Haag. De Wmo-consulent": deduce glued a place to a role
                    inner = text[trimmed[0]:trimmed[1]]
                    if _deduce_annotations(inner) == [(0, len(inner), "locatie")]:
                        kind, label = "plaats", "PLAATS"
                out.append(_Candidate(start, end, kind, "deduce", _P_DEDUCE,
                                      label=label, trimmable=True))
            elif tag == "locatie" and (pc := re.match(r"[1-9]\d{3}\s?[A-Za-z]{2}(?![\w])", span)):
                out.append(_Candidate(start, start + pc.end(), "postcode", "deduce", _P_DEDUCE))
                rest = self._trim(text, start + pc.end(), end)
                if rest is not None:
                    out.append(_Candidate(rest[0], rest[1], "plaats", "deduce", _P_DEDUCE,
                                          label="PLAATS", trimmable=True))
            elif tag == "locatie":
                if _POSTCODE.fullmatch(span.strip()):
                    kind, label = "postcode", None
                elif re.search(r"\d", span) and re.search(r"[^\W\d]{3}", span):
                    kind, label = "adres", "ADRES"
                elif re.search(r"\d", span):
                    kind, label = "postcode", None
                else:
                    kind, label = "plaats", "PLAATS"
                out.append(_Candidate(start, end, kind, "deduce", _P_DEDUCE, label=label,
                                      trimmable=label is not None))
            elif tag in {"ziekenhuis", "zorginstelling"}:
                out.append(_Candidate(start, end, "instelling", "deduce", _P_DEDUCE,
                                      label="INSTELLING", trimmable=True))
            elif tag == "datum":
                collected: list[_Candidate] = []

                def add(s: int, e: int, kind: str, priority: int = _P_DEDUCE, **kw: Any) -> None:
                    collected.append(_Candidate(s, e, kind, "deduce", _P_DEDUCE, **kw))

                self._add_date(text, start, end, add, "deduce")
                out += collected
            elif tag == "leeftijd":
                if not _is_duration(text, start, end):
                    out.append(_Candidate(start, end, "leeftijd", "deduce", _P_DEDUCE,
                                          replacement=_age_replacement(span)))
            elif tag == "telefoonnummer":
                out.append(_Candidate(start, end, "telefoon", "deduce", _P_DEDUCE))
            elif tag == "emailadres":
                out.append(_Candidate(start, end, "email", "deduce", _P_DEDUCE))
            elif tag == "url":
                out.append(_Candidate(start, end, "url", "deduce", _P_DEDUCE))
            elif tag == "bsn":
                out.append(_Candidate(start, end, "bsn", "deduce", _P_DEDUCE))
            else:  # "id" and anything newer: an identifying number or code
                kind = "telefoon" if re.fullmatch(r"0\d{9}", span) else "nummer"
                out.append(_Candidate(start, end, kind, "deduce", _P_DEDUCE))
        return out

    # -- overlap resolution and trimming ---------------------------------------------

    def _resolve(self, text: str, candidates: list[_Candidate]) -> list[_Candidate]:
        """Highest priority first, then longest; lower ones are cut back or dropped."""
        from casusdesk.services.anonymize import recall

        ordered = sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start))
        protected = _Spans(recall.protected_spans(self, text) if ordered else [])
        taken: list[_Candidate] = []
        occupied = _Spans()
        for cand in ordered:
            if cand.source in {"deduce", "regel"} and cand.kind in _NAME_KINDS:
                # a name never runs on into the next line ("zaal De Tjonger\nUitzendwerk"):
                # replacing across the line break would take the break and the next
                # line's first word with it
                newline = text.find("\n", cand.start, cand.end)
                if newline != -1:
                    end = newline
                    while end > cand.start and text[end - 1].isspace():
                        end -= 1
                    if end == cand.start:
                        continue
                    cand.end = end
                span = text[cand.start:cand.end]
                if protected.covers(cand.start, cand.end):
                    continue  # "Leger des Heils", "Housing First"
                if re.fullmatch(r"[A-Z]{2,6}", span) and cand.source == "deduce":
                    continue  # an acronym: UWV, HEMA, CJIB
                if " " not in span.strip() and lexicon.is_function_word(span):
                    continue  # "Casusregisseur", "Ouderenadviseur"
                if cand.source == "deduce" and _ordinary_compound(text, cand.start, cand.end):
                    continue  # "Schuldeiser | bedrag": a word at the start of a line
            if cand.source in {"deduce", "regel"} and cand.kind not in {"datum", "leeftijd"}:
                if cand.trimmable:
                    trimmed = self._trim(text, cand.start, cand.end)
                    if trimmed is None:
                        continue
                    cand.start, cand.end = trimmed
                elif _norm(text[cand.start:cand.end]) in self._keep:
                    continue
            if cand.kind == "persoon" and cand.source in {"deduce", "regel"}:
                while True:  # "Bel Sanne", "Ex Ricardo": the verb or noun stays
                    first = re.match(r"\S+", text[cand.start:cand.end])
                    if first is None or first.end() == cand.end - cand.start or \
                            not _sentence_word(text, cand.start, cand.start + first.end()):
                        break
                    rest = re.match(r"\S+\s+", text[cand.start:cand.end])
                    cand.start += rest.end() if rest else first.end()
                if _sentence_word(text, cand.start, cand.end) or _only_words(text[cand.start:cand.end]):
                    continue
            pieces = _subtract(cand.start, cand.end, occupied.overlapping(cand.start, cand.end))
            if pieces == [(cand.start, cand.end)]:
                taken.append(cand)
                occupied.add(cand.start, cand.end)
            elif cand.trimmable:
                for start, end in pieces:
                    trimmed = self._trim(text, start, end)
                    if trimmed is not None and self._acceptable_piece(text, *trimmed):
                        taken.append(_Candidate(trimmed[0], trimmed[1], cand.kind, cand.source,
                                                cand.priority, label=cand.label, trimmable=True))
                        occupied.add(*trimmed)
        return sorted(taken, key=lambda c: c.start)

    def _acceptable_piece(self, text: str, start: int, end: int) -> bool:
        piece = text[start:end]
        if _sentence_word(text, start, end) or _only_words(piece):
            return False
        return any(ch.isupper() for ch in piece) and len(piece.strip(".'’-")) >= 2

    def _trim(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """Cut titles, roles, laws and particles from the edges of a name span."""
        words = list(re.finditer(r"[^\s]+", text[start:end]))
        i, j = 0, len(words)

        def word(k: int) -> str:
            return words[k].group().strip(",;:!?()[]\"“”").casefold()

        def strip_word(w: str) -> bool:
            if w in self._keep or w in _TITLES or w.rstrip(".") in _TITLES:
                return True
            if lexicon.is_function_word(w):
                return True  # "Casusregisseur [PERSOON-1]"
            if "-" in w and w.rsplit("-", 1)[-1] in self._keep:
                return True
            return False

        while i < j and not re.search(r"\w", words[i].group()):
            i += 1  # ". Mag": a full stop left over from a cut never joins a name
        while j > i and not re.search(r"\w", words[j - 1].group()):
            j -= 1
        while i < j:
            for size in (4, 3, 2):
                phrase = " ".join(word(k) for k in range(i, i + size)) if i + size <= j else ""
                if phrase in self._keep or phrase in _TITLE_PHRASES:
                    i += size
                    break
            else:
                if strip_word(word(i)):
                    i += 1
                    continue
                break
        while j > i:
            w = word(j - 1)
            # "Mark van de Wmo-consulent": a keep word glued on with a hyphen ends the name
            if strip_word(w) or w in _PARTICLES or w.split("-", 1)[0] in self._keep:
                j -= 1
                continue
            break
        if i >= j:
            return None
        if all(word(k) in _PARTICLES for k in range(i, j)):
            return None
        if i > 0 and all(re.fullmatch(r"\d{1,4}[a-z]?", word(k)) for k in range(i, j)):
            return None  # "Werkplein 2": a number left over from a keep word is no address
        new_start = start + words[i].start()
        new_end = start + words[j - 1].end()
        while new_end > new_start and text[new_end - 1] in ",;:!?)]\"”":
            new_end -= 1
        while new_start < new_end and text[new_start] in "([\"“":
            new_start += 1
        if text[new_end - 1:new_end] == "." and not re.search(
            r"(?<![\w])\w\.$", text[new_start:new_end]
        ):
            new_end -= 1  # sentence full stop, not an initial
        if new_end <= new_start or not re.search(r"\w", text[new_start:new_end]):
            return None
        return new_start, new_end

    # -- numbering -------------------------------------------------------------------

    def _numbered(self, label: str, text: str, kind: str) -> str:
        table = self._registry.setdefault(label, {})
        key = self._person_key(text) if label == "PERSOON" else _norm(text)
        if key in table:
            return f"[{label}-{table[key]}]"
        number = None
        if label == "PERSOON":
            number = self._link_person(key)
        if number is None:
            number = max(table.values(), default=0) + 1
        table[key] = number
        if label == "PERSOON":
            self._person_tokens.setdefault(number, set()).update(self._core_tokens(key))
        return f"[{label}-{number}]"

    @staticmethod
    def _person_key(text: str) -> str:
        words = [w for w in _norm(text).split() if w.strip(".") not in _TITLES]
        key = " ".join(words) or _norm(text)
        return re.sub(r"(['’]s?|['’])$", "", key)

    @staticmethod
    def _core_tokens(key: str) -> set[str]:
        return {w for w in key.split() if w not in _PARTICLES and len(w.strip(".")) > 1}

    def _link_person(self, key: str) -> int | None:
        """The number of an earlier person this name is a part or extension of."""
        tokens = self._core_tokens(key)
        if not tokens:
            return None
        matches = [
            number for number, known in self._person_tokens.items()
            if tokens <= known or known <= tokens
        ]
        return matches[0] if len(matches) == 1 else None


class _Spans:
    """Non-overlapping spans, sorted: which of them overlap a range, in O(log n + k)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._all = sorted(spans)  # covers() for possibly overlapping spans
        self._max_end: list[int] = []
        best = -1
        for _s, e in self._all:
            best = max(best, e)
            self._max_end.append(best)

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        i = bisect.bisect_right(self._starts, start) - 1
        i = max(i, 0)
        out = []
        while i < len(self._starts) and self._starts[i] < end:
            if self._ends[i] > start:
                out.append((self._starts[i], self._ends[i]))
            i += 1
        return out

    def covers(self, start: int, end: int) -> bool:
        """Whether one of the initial spans holds [start, end) entirely."""
        i = bisect.bisect_right(self._all, (start, float("inf"))) - 1
        while i >= 0 and self._max_end[i] >= end:
            s, e = self._all[i]
            if s <= start and end <= e:
                return True
            i -= 1
        return False


def _subtract(start: int, end: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    pieces = [(start, end)]
    for t_start, t_end in taken:
        next_pieces = []
        for p_start, p_end in pieces:
            if t_end <= p_start or t_start >= p_end:
                next_pieces.append((p_start, p_end))
                continue
            if p_start < t_start:
                next_pieces.append((p_start, t_start))
            if t_end < p_end:
                next_pieces.append((t_end, p_end))
        pieces = next_pieces
    return pieces


def _looks_like_phone(number: str) -> bool:
    """A Dutch number: 10 digits (or an 0800/0900 number), no date inside."""
    digits = re.sub(r"\D", "", number)
    if not (len(digits) == 10 or (digits[:4] in {"0800", "0900", "0906", "0909"}
                                  and 8 <= len(digits) <= 11)):
        return False
    if _DATE_DMY.match(number) or _DATE_YMD.match(number):
        return False
    first_group = re.match(r"\(?(\d+)", number)
    return not (first_group and len(first_group.group(1)) == 2 and first_group.group(1) != "06")


def _is_plate(groups: tuple[str, ...]) -> bool:
    """Dutch license plate sidecodes: 2-2-2 with letters and digits, or 1-2-3 mixes."""
    sizes = tuple(len(g) for g in groups)
    kinds = tuple(g.isdigit() for g in groups)
    if sizes == (2, 2, 2):
        return any(kinds) and not all(kinds)
    if sorted(sizes) == [1, 2, 3]:
        return kinds[0] != kinds[1] and kinds[1] != kinds[2]
    return False


def _genitive(replacement: str) -> str:
    """Dutch possessive of a replacement: KM_1's, Sannes, de cliënts, Kees'."""
    last = replacement[-1:]
    if last.casefold() in {"s", "x", "z"}:
        return replacement + "'"
    if last.isdigit() or last.isupper() or last in "]_" or last.casefold() in set("aiouy"):
        return replacement + "'s"
    return replacement + "s"


# --------------------------------------------------------------------------------------
# Final check
# --------------------------------------------------------------------------------------


def _term_pattern(term: str) -> re.Pattern[str]:
    """A detected term anywhere: whole words, any case (an ordinary word only with its
    capital), with an optional possessive in group ``pos``."""
    tokens = term.split()
    capital = _needs_capital(term)
    body = r"\s+".join(_token_pattern(t, capital) for t in tokens)
    start = r"(?<![\w@])" if term[:1].isalnum() else ""
    end = r"(?![\w@])" if term[-1:].isalnum() else ""
    return re.compile(start + body + r"(?P<pos>['’]s|['’])?" + end)


@functools.lru_cache(maxsize=4096)
def _leak_pattern(term: str) -> re.Pattern[str]:
    tokens = term.split()
    capital = _needs_capital(term)
    body = r"\s+".join(_token_pattern(t, capital) for t in tokens)
    return re.compile(r"(?<![\w])" + body + r"(?:['’]s|s|['’])?(?![\w])")


@functools.lru_cache(maxsize=4096)
def _leak_prefilter(term: str) -> re.Pattern[str]:
    """One piece of :func:`_leak_pattern`: its longest name part, as it matches there
    (``_token_pattern`` of that part alone), without the lookbehind. Every match of
    the pattern holds a match of this piece, and ``re`` scans for a plain piece
    quickly, while a pattern that starts with a lookbehind is tried at every position
    (0.3 s for the 400 KB styles part of the minutes)."""
    parts = [part for token in term.split() for part in token.split("-")]
    longest = max(parts, key=len)
    return re.compile(_token_pattern(longest, _needs_capital(term)))


def leak_check(texts: Iterable[str], forbidden: Iterable[str]) -> list[str]:
    """The forbidden names that still occur in ``texts`` (whole words, any case).

    For the exporter's final check over every part of the produced file. Pass
    :meth:`Anonymizer.forbidden_terms` (known names, their first and last names, the
    flagged span texts). A term that is one ordinary Dutch word ("Bakker", "de Boer",
    "Roos"; see ``common_words.txt``) counts only when written with a capital, the
    same rule the known-name pass follows. Possessive forms ("Jans") count too.
    Returns the terms in the order given, each once.
    """
    corpus = "\n".join(texts)
    found: list[str] = []
    for term in forbidden:
        term = " ".join(term.split())
        if len(term) < 2 or term in found:
            continue
        if _leak_prefilter(term).search(corpus) and _leak_pattern(term).search(corpus):
            found.append(term)
    return found
