"""The own rules' patterns (source "regel") and the word tests they share."""

from __future__ import annotations

import bisect
from casusdesk.services.anonymize import regex as re
from collections.abc import Iterable
from dataclasses import dataclass

from casusdesk.services.anonymize.dates import (
    _DATE_DMY,
    _DATE_YMD,
    _PERSON_NOUNS,
)
from casusdesk.services.anonymize.words import (
    _MONTHS,
    _is_common_word,
    word_frequency,
)

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
    r"\s*[:.]?\s*)(?P<n>\d{4}[ .]\d{2}[ .]\d{3}|\d{3}[ .]?\d{3}[ .]?\d{3}|\d{8,9})(?![\w])"
)
_PHONE_INTL = re.compile(
    r"(?<![\w+])(?:\+|00)\d{2,3}(?:[ .-]|\s-\s)?(?:\(0\)[ .-]?)?"
    r"\d(?:(?:[ .-]|\s-\s)?\d){6,11}(?![\w])"
)
_PHONE_NL = re.compile(
    r"(?<![\w+])(?:\(0\d{1,3}\)|0\d{1,3})(?:[ .-]|\s[-–]\s)?\d(?:(?:[ .-]|\s[-–]\s)?\d){5,8}(?![\w])"
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
    r"dossiernr|dossier-nr|zaaknummer|zaaknr|zaak-nr|klant-nr|registratienummer|relatienummer|polisnummer|kenmerk|"
    r"referentienummer|referentie|v-nummer|vreemdelingennummer|documentnummer|"
    r"paspoortnummer|rijbewijsnummer|huurdernummer|contractnummer|rekeningnummer|"
    r"rekeningnr|bankrekening|bankrekeningnummer|dossier|zaak|casusnummer|casusnr)\.?"
    r"(?:[ \t]*(?:nr|nummer|no)\.?)?\s*:?\s*)"  # "dossier nr. DH-OEK-0421"
    r"(?P<n>(?i:(?=[A-Z0-9./-]*\d)(?=[A-Z0-9./-]{4})[A-Z0-9][A-Z0-9./-]*\d[A-Z0-9/-]*))"
)
#: "kenteken PO 4KR21", "kenteken: 12 ABC 3": a plate of any country after the word
_PLATE_KEYWORD = re.compile(
    r"(?i:(?<![\w])(?:kenteken|kentekenplaat|nummerbord)\s*:?\s*)"
    r"(?P<n>(?i:(?=[A-Z0-9 -]*\d)(?=[A-Z0-9 -]*[A-Z])[A-Z0-9]{1,4}(?:[ -]?[A-Z0-9]{1,5}){1,2}))"
    r"(?![\w-])"
)
_STREET_SUFFIX = (
    "straat|laan|weg|plein|gracht|kade|dijk|singel|dreef|hof|pad|steeg|markt|park|"
    "plantsoen|baan|boulevard|allee|wal|erf|vaart|haven|strjitte|leane|paad|dyk"
)
_STREET = re.compile(  # on one line: a street's words and number never cross a line break
    rf"(?<![\w-])(?P<name>(?:(?:{_CAP}[\w'’]*|{_CAP}[a-z]{{0,4}}\.)[ \t]+"
    rf"(?:(?:van|de|der|den|het|'t|ter|ten|te)[ \t]+)*){{0,3}}"
    rf"{_CAP}[\w'’-]*?(?:{_STREET_SUFFIX}))(?![\w])"
    r"(?P<num>[ \t]+\d{1,4}(?:[ \t]?[a-zA-Z](?![\w])|-?(?:bis|hs|huis|bg|rood|zw)(?![\w]))?"
    r"(?:[ \t]?-[ \t]?\d{1,3}|[ \t](?:hs|bis))?"
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
    r"(?![\w]|[.,]\d|\s*(?:euro|€|%|procent|uur|minuten|kilo|kg|km|meter|dagen|weken|maanden|"
    r"kinderen|kids|jongens|meisjes|zonen|zoons|dochters|keer|personen)\b)"
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
def _names() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, surnames) of deduce's lookup lists, casefolded; read once (lexicon)."""
    from casusdesk.services.anonymize import lexicon

    return lexicon.names()


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
#: a name found elsewhere in the document is a word at a sentence start only when Dutch
#: uses it this often (zipf; "wil", "mag" lie far above, "sterre" 3.2, "storm" 3.9 under)
NAMED_WORD_ZIPF = 4.2


def _sentence_word(text: str, start: int, end: int, *, named_elsewhere: bool = False) -> bool:
    """An ordinary word (a verb, a noun) that is capitalised only because it starts the
    sentence: "Weet", "Mag", "Bel", "Ex". A first name that is also a word ("Roos",
    "Wil") counts as a word only before a pronoun or article ("Wil je ...").

    ``named_elsewhere``: the document has the word as a name elsewhere ("Sterre (3)"),
    so at a sentence start it is that name unless Dutch uses it often as a word."""
    word = text[start:end]
    if not re.fullmatch(r"[^\W\d_][\w'’]*", word) or not _sentence_start(text, start):
        return False
    key = word.casefold()
    if key in _MONTHS or not (_is_common_word(key) or word_frequency(key) >= 3.2):
        return False
    if named_elsewhere and not _is_common_word(key) and word_frequency(key) < NAMED_WORD_ZIPF:
        return False  # "Sterre nog thuis" after "Sterre (3)": the child
    first, last = _names()
    if key in last and key not in first and word_frequency(key) >= SURNAME_WORD_ZIPF:
        return True  # "Stap 1", "Punt van zorg", "Grond is getaxeerd": the word
    if key in first or key in last:
        after = re.match(r"\s+([\w'’]+)", text[end:end + 30])
        if after is None:
            return False
        if after.group(1).casefold() in _PRONOUN_AFTER or _NUMERAL.fullmatch(after.group(1)):
            return True  # "Wil je", "Punt één", "Punt 2"
        nxt = after.group(1).casefold()
        if re.fullmatch(_PERSON_NOUNS, key) and nxt in first and nxt not in last:
            return True  # "Broer Khaled": a relative before a first name, not two names
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
    propagated: bool = False  # found elsewhere in the document (see Anonymizer._propagation)
    employer: bool = False  # someone's employer: a chain in brands.txt goes all the same


# Who wins when spans overlap: higher first, then the longer span.
_P_WEB, _P_KNOWN, _P_MANUAL, _P_KEYWORD, _P_RULE, _P_DEDUCE, _P_FALLBACK = 7, 6, 5, 4, 3, 2, 1
_P_PROPAGATED = _P_RULE  # a term detected elsewhere in the document



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
