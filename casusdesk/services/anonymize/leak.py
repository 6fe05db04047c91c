"""Final check: no flagged or known term left in what is exported."""

from __future__ import annotations

import functools
import re
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
