"""Final check: no flagged or known term left in what is exported."""

from __future__ import annotations

import functools
from casusdesk.services.anonymize import regex as re
from collections.abc import Iterable

from casusdesk.services.anonymize.known import (
    _token_pattern,
)
from casusdesk.services.anonymize.words import (
    _needs_capital,
)

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


def _fold_table() -> dict[int, int | None]:
    """Characters that ``re`` with IGNORECASE holds equal beyond their lower case
    ("ı" and "i", "ſ" and "s", "ς" and "σ" ...), mapped to one of them; and the
    combining dot that ``str.lower`` adds to "İ" (``re`` lowers it to a plain "i")."""
    from re import _casefix  # noqa: PLC0415

    table: dict[int, int | None] = {0x0307: None}
    for code, others in _casefix._EXTRA_CASES.items():
        table[code] = min((code, *others))
    return table


_FOLD = _fold_table()


def _fold(text: str) -> str:
    """``text`` such that whatever an IGNORECASE pattern of plain letters matches in a
    text is, folded, a substring of the folded text (characters folded one by one)."""
    return text.lower().translate(_FOLD)


@functools.lru_cache(maxsize=4096)
def _leak_prefilter(term: str) -> str:
    """One piece of :func:`_leak_pattern`, folded: its longest name part. Every match
    of the pattern holds this part, so a folded text without it holds no match; the
    substring test is far quicker than the pattern, which starts with a lookbehind and
    is tried at every position (0.3 s for the 400 KB styles part of the minutes)."""
    parts = [part for token in term.split() for part in token.split("-")]
    return _fold(max(parts, key=len))


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
    folded = _fold(corpus)
    found: list[str] = []
    for term in forbidden:
        term = " ".join(term.split())
        if len(term) < 2 or term in found:
            continue
        if _leak_prefilter(term) in folded and _leak_pattern(term).search(corpus):
            found.append(term)
    return found
