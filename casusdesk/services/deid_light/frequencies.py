"""Dutch word frequencies without loading wordfreq: its Dutch list in a marisa trie.

``wordfreq.zipf_frequency(word, "nl")`` costs a process about half a second the first
time (importing wordfreq, langcodes, ftfy and regex, and unpacking the Dutch list into
a dict of 400,000 words). :func:`zipf` gives the same number from a compact trie of
that list (word -> centibel band, a few MB, loaded in milliseconds), prepared once per
version of wordfreq beside deid_light's file (:func:`prepare`; the bundle ships it).

Only words whose wordfreq tokens are plain to see are answered here: lowercase Latin
letters, optionally joined by hyphens ("re-integratietraject": two tokens, combined as
wordfreq does), with an apostrophe inside after at least three letters
("collega's": one token) or at the end ("slaapt'"), and hyphenated words with parts of
digits ("mbo-2", "covid-19": wordfreq's estimate of a number, computed here as it does).
Anything else (digits inside a word, capitals, other scripts, curly quotes) goes to
wordfreq itself, as does every word when the
prepared file is missing and cannot be written. The tests
(tests/services/test_deid_light_frequencies.py) hold the tokens and the numbers to
wordfreq's for a tenth of its Dutch list, forms made from it, and every word of the
evaluation notes (all 423,000 such words were checked once: no difference).
"""

from __future__ import annotations

import functools
import json
import logging
import math
import re
import threading
import unicodedata
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

#: The prepared files, beside deid-light.bin.
FILE_NAME = "nl-frequencies.bin"
EN_FILE_NAME = "en-frequencies.bin"
FORMAT = 2  # 2: the frequent words in a second, small trie after the whole list
#: the frequent words (zipf at least this) are kept in a small trie of their own too:
#: the ordinary words typos are measured against are read from it in milliseconds
FREQUENT_MIN_ZIPF = 3.0
LANG = "nl"

_wordfreq_lock = threading.Lock()


# --------------------------------------------------------------------------------------
# Which words are answered here, and their tokens
# --------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _plain_letter(ch: str) -> bool:
    """A lowercase Latin letter that wordfreq's preprocessing (NFC, casefold) keeps."""
    return (unicodedata.name(ch, "").startswith("LATIN SMALL LETTER ")
            and ch.casefold() == ch and unicodedata.normalize("NFC", ch) == ch)


_SHAPE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|[^\W\d_]{3,}'[^\W\d_]+|[^\W\d_]+'")
#: words of letters and numbers joined by hyphens: "mbo-2", "3-jarig", "2019"
_WITH_NUMBERS = re.compile(r"(?:[^\W\d_]+|[0-9]+)(?:-(?:[^\W\d_]+|[0-9]+))*")


def tokens(word: str) -> list[str] | None:
    """wordfreq's tokens of ``word`` (its ``lossy_tokenize(word, "nl")``) for the shapes
    described above; None for any other word."""
    if not all(_plain_letter(ch) for ch in word if ch not in "-'0123456789"):
        return None
    if not _SHAPE.fullmatch(word):
        return word.split("-") if _WITH_NUMBERS.fullmatch(word) else None
    if "-" in word:
        return word.split("-")
    if word.endswith("'"):
        return [word[:-1]]
    return [word]


def english_tokens(word: str) -> list[str] | None:
    """wordfreq's tokens of ``word`` in English for a word of plain lowercase letters
    (one token, itself); None for any other word (wordfreq answers those)."""
    if word and word.isalpha() and all(_plain_letter(ch) for ch in word):
        return [word]
    return None


# --------------------------------------------------------------------------------------
# wordfreq's arithmetic, on the bands of the trie
# --------------------------------------------------------------------------------------

#: ``zipf_to_freq(0.0)``: the least frequency wordfreq returns (``minimum``)
_MINIMUM = 10**0.0 / 1e9


# wordfreq.numbers: a number of two or more digits is looked up as that many zeroes,
# its share of those estimated from its first digit (Benford) or, with four, as a year
_DIGIT_FREQS = (0.009, 0.300, 0.175, 0.124, 0.096, 0.078, 0.066, 0.057, 0.050, 0.045)
_YEAR_LOG_PEAK, _NOT_YEAR_PROB, _REFERENCE_YEAR, _PLATEAU_WIDTH = -1.9185, 0.1, 2019, 20


def _benford_freq(digits: str) -> float:
    return _DIGIT_FREQS[int(digits[0])] / 10 ** (len(digits) - 1)


def _year_freq(digits: str) -> float:
    year = int(digits)
    if year <= _REFERENCE_YEAR:
        log_freq = _YEAR_LOG_PEAK - 0.0083 * (_REFERENCE_YEAR - year)
    elif year <= _REFERENCE_YEAR + _PLATEAU_WIDTH:
        log_freq = _YEAR_LOG_PEAK
    else:
        log_freq = _YEAR_LOG_PEAK - 0.2 * (year - (_REFERENCE_YEAR + _PLATEAU_WIDTH))
    return 10.0 ** log_freq + _NOT_YEAR_PROB * _benford_freq(digits)


def _lookup(token: str) -> tuple[str, float]:
    """The key wordfreq looks ``token`` up by, and the factor its frequency gets."""
    if token.isdigit() and len(token) > 1 and token.strip("0"):  # "00" is itself
        return "0" * len(token), _year_freq(token) if len(token) == 4 else _benford_freq(token)
    return token, 1.0


def _zipf_of_bands(bands: list[int | None], factors: list[float] | None = None) -> float:
    """``zipf_frequency`` of a word with these tokens' bands (None: not in the list)
    and factors (of a number, see :func:`_lookup`), computed as wordfreq's
    ``_word_frequency`` and ``zipf_frequency`` do."""
    one_over_result = 0.0
    for i, band in enumerate(bands):
        if band is None:
            freq = _MINIMUM
            break
        token_freq = 10 ** (-band / 100)  # cB_to_freq(-band)
        if factors is not None:
            token_freq *= factors[i]
        one_over_result += 1.0 / token_freq
    else:
        freq = 1.0 / one_over_result
        unrounded = max(freq, _MINIMUM)
        leading_zeroes = math.floor(-math.log(unrounded, 10))
        freq = round(unrounded, leading_zeroes + 3)
    return round(math.log(freq, 10) + 9, 2)


def _wordfreq_zipf(word: str, lang: str = LANG) -> float:
    try:
        from wordfreq import zipf_frequency  # noqa: PLC0415
    except ImportError:  # pragma: no cover - a dependency; the rules then lean on lists
        return 0.0
    with _wordfreq_lock:
        try:
            return zipf_frequency(word, lang)
        except LookupError:  # a bundle without this language's list: unknown word
            log.info("wordfreq heeft geen lijst voor %r", lang)
            return 0.0


def _zipf_in(prepared: _Prepared, parts: list[str] | None, word: str) -> float:
    trie = prepared.load() if parts is not None else None
    if trie is None:
        return _wordfreq_zipf(word, prepared.lang)
    bands, factors = [], []
    for part in parts:
        key, factor = _lookup(part)
        found = trie.get(key)
        bands.append(found[0][0] if found else None)
        factors.append(factor)
    return _zipf_of_bands(bands, factors)


@functools.lru_cache(maxsize=300_000)
def zipf(word: str) -> float:
    """``wordfreq.zipf_frequency(word, "nl")``, from the prepared trie when it can be."""
    return _zipf_in(_DUTCH, tokens(word), word)


@functools.lru_cache(maxsize=20_000)
def english_zipf(word: str) -> float:
    """``wordfreq.zipf_frequency(word, "en")``, from the prepared trie when it can be."""
    return _zipf_in(_ENGLISH, english_tokens(word), word)


def words_from(min_zipf: float) -> list[str] | None:
    """The words of wordfreq's Dutch list with ``zipf >= min_zipf``, most frequent first
    (the words ``top_n_list("nl", ...)`` gives before its first less frequent one);
    None when only wordfreq can answer."""
    found = words_with_zipf(min_zipf)
    return None if found is None else [word for word, _zipf in found]


def words_with_zipf(min_zipf: float) -> list[tuple[str, float]] | None:
    """:func:`words_from` with each word's zipf as its band in the list gives it."""
    trie = _DUTCH.load()
    if trie is None:
        return None
    if min_zipf >= FREQUENT_MIN_ZIPF and _DUTCH.frequent() is not None:
        trie = _DUTCH.frequent()  # 30,000 words instead of 300,000
    # a band's zipf falls as the band grows: compute it once per band, not per word
    zipf_of_band: dict[int, float] = {}
    found = []
    for word, (band,) in trie.items():
        value = zipf_of_band.get(band)
        if value is None:
            value = zipf_of_band[band] = _zipf_of_bands([band])
        if value >= min_zipf:
            found.append((band, word, value))
    found.sort()
    return [(word, value) for _band, word, value in found]


# --------------------------------------------------------------------------------------
# The prepared file
# --------------------------------------------------------------------------------------


class _Prepared:
    """One language's wordfreq list as a trie in a prepared file (word -> band), made
    once per version of wordfreq and read in milliseconds."""

    def __init__(self, lang: str, file_name: str, keep: Any = None) -> None:
        self.lang = lang
        self.file_name = file_name
        self.magic = f"casusdesk-{lang}-frequencies\n".encode()
        self.keep = keep  # which words of the list the trie holds (None: all)
        self.lock = threading.Lock()
        self.trie: Any = None  # (whole, frequent) marisa RecordTries, or False: wordfreq

    def source(self) -> dict[str, Any] | None:
        """wordfreq's version and the size of its list: a new one means: prepare again."""
        import importlib.metadata  # noqa: PLC0415
        import importlib.util  # noqa: PLC0415

        spec = importlib.util.find_spec("wordfreq")
        if spec is None or not spec.submodule_search_locations:
            return None
        data = Path(next(iter(spec.submodule_search_locations))) / "data"
        try:
            version = importlib.metadata.version("wordfreq")
            lists = sorted([p.name, p.stat().st_size]
                           for p in data.glob(f"*_{self.lang}.msgpack.gz"))
        except (OSError, importlib.metadata.PackageNotFoundError):
            return None
        if not lists:
            return None  # a bundle holds the prepared file, not the list
        return {"format": FORMAT, "wordfreq": version, "lists": lists}

    def build(self) -> bytes:
        import marisa_trie  # noqa: PLC0415
        from wordfreq import get_frequency_list  # noqa: PLC0415

        items = [(word, (band,))
                 for band, bucket in enumerate(get_frequency_list(self.lang, "best"))
                 for word in bucket if self.keep is None or self.keep(word)]
        whole = marisa_trie.RecordTrie("<H", items).tobytes()
        frequent = marisa_trie.RecordTrie(
            "<H", [(word, (band,)) for word, (band,) in items
                   if _zipf_of_bands([band]) >= FREQUENT_MIN_ZIPF]).tobytes()
        return len(whole).to_bytes(8, "little") + whole + frequent

    def prepare(self, folder: Path) -> bool:
        """Make the prepared file in ``folder`` unless it is there for this wordfreq;
        True when it is there afterwards."""
        source = self.source()
        if source is None:
            return False
        path = Path(folder) / self.file_name
        if self.read(path, source) is not None:
            return True
        data = self.build()
        try:
            from casusdesk.services.files import write_atomic  # noqa: PLC0415

            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, self.magic + json.dumps(source).encode("utf-8") + b"\n" + data,
                         what="de woordfrequenties")
        except Exception as exc:  # noqa: BLE001 - read-only cache (bundle): wordfreq itself
            log.info("Woordfrequenties niet bewaard in %s: %s", folder, exc)
            return False
        return True

    def read(self, path: Path, source: dict[str, Any] | None) -> Any:
        """The tries (whole list, frequent words) in ``path`` when they were made from
        ``source`` (any source of this format: None)."""
        import marisa_trie  # noqa: PLC0415

        try:
            raw = path.read_bytes()
        except OSError:
            return None
        if not raw.startswith(self.magic):
            return None
        head, sep, body = raw[len(self.magic):].partition(b"\n")
        try:
            if not sep or json.loads(head.decode("utf-8")).get("format") != FORMAT \
                    or source is not None and json.loads(head.decode("utf-8")) != source:
                return None
            size = int.from_bytes(body[:8], "little")
            if len(body) <= 8 + size:
                return None  # cut short
            whole = marisa_trie.RecordTrie("<H").frombytes(body[8:8 + size])
            return whole, marisa_trie.RecordTrie("<H").frombytes(body[8 + size:])
        except Exception:  # noqa: BLE001 - damaged: prepare again
            return None

    def load(self) -> Any:
        """The trie, prepared first when needed; None when only wordfreq can answer."""
        if self.trie is None:
            with self.lock:
                if self.trie is None:
                    self.trie = self.open() or False
        return self.trie[0] if self.trie else None

    def frequent(self) -> Any:
        """The trie of the frequent words alone (loaded with :meth:`load`)."""
        return self.trie[1] if self.load() is not None else None

    def open(self) -> Any:
        from casusdesk.services import deid_light  # noqa: PLC0415

        folder = deid_light.default_cache_dir()
        source = self.source()
        if source is None:
            # no wordfreq list here (the bundle ships only the prepared files): the
            # prepared file is the only list there is
            return self.read(folder / self.file_name, None)
        trie = self.read(folder / self.file_name, source)
        if trie is not None:
            return trie
        if self.prepare(folder):
            return self.read(folder / self.file_name, source)
        return None


_DUTCH = _Prepared(LANG, FILE_NAME)
#: English: only words of plain letters are looked up in it (:func:`english_tokens`)
_ENGLISH = _Prepared("en", EN_FILE_NAME, keep=lambda word: english_tokens(word) is not None)


def prepare(folder: Path) -> bool:
    """Make the prepared Dutch and English files in ``folder`` unless they are there for
    this wordfreq; True when both are there afterwards."""
    dutch = _DUTCH.prepare(folder)
    english = _ENGLISH.prepare(folder)
    return dutch and english


def _load() -> Any:
    """The Dutch trie, prepared first when needed; None when only wordfreq can answer."""
    return _DUTCH.load()


def _reset() -> None:
    """Forget the loaded tries (tests)."""
    _DUTCH.trie = None
    _ENGLISH.trie = None
    zipf.cache_clear()
    english_zipf.cache_clear()
