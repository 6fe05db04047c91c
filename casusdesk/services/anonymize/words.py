"""Placeholder labels and word lists: particles, titles, months, and which words are ordinary Dutch."""

from __future__ import annotations

import functools
import importlib.util
import logging
import threading
from pathlib import Path

from casusdesk.paths import resource
from casusdesk.services.anonymize.decisions import (
    KINDS,
    _norm,
)

log = logging.getLogger("casusdesk.services.anonymize")

#: What the client's names become when the case has no pseudonym.
CLIENT_REPLACEMENT = "de cliënt"


# Placeholder labels: numbered ones keep a number per document, fixed ones do not.
_NUMBERED_LABEL = {
    "persoon": "PERSOON", "plaats": "PLAATS", "instelling": "INSTELLING",
    "adres": "ADRES", "handmatig": "ANONIEM", "naam": "NAAM",
    "herkomst": "HERKOMST",
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
            _keep_words = frozenset(_read_word_file(resource("anonymize", "keep.txt"))
                                    | brands())
            common = _read_word_file(resource("anonymize", "common_words.txt"))
            src = _deduce_src_dir()
            if src is not None:
                for sub in ("lst_common_word", "lst_stop_word"):
                    common |= _read_word_file(src / "whitelist" / sub / "items.txt")
            _common_words = frozenset(common)
        return _keep_words, _common_words


@functools.lru_cache(maxsize=1)
def brands() -> frozenset[str]:
    """Shop chains, carriers and makes that cover the whole country (brands.txt): kept
    like keep.txt, except as someone's employer."""
    return frozenset(_read_word_file(resource("anonymize", "brands.txt")))


@functools.lru_cache(maxsize=1)
def car_makes() -> frozenset[str]:
    """The makes of cars in brands.txt (the lines after "# automerken")."""
    lines = resource("anonymize", "brands.txt").read_text("utf-8").splitlines()
    marker = lines.index("# automerken") if "# automerken" in lines else len(lines)
    return frozenset(line.strip().casefold() for line in lines[marker + 1:]
                     if line.strip() and not line.startswith("#"))


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
