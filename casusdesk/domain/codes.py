"""Pseudonym codes per group (KM_1, SW_2 ...), derived from the function.

The mapping from function to prefix lives in ``resources/functions.toml``; this
module only holds the rules, so it can be tested without files.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from casusdesk.domain.model import Domain

FALLBACK_PREFIX = "OV"


@dataclass(frozen=True)
class FunctionDef:
    """A known function: its id, label, code prefix, usual domain and synonyms."""

    id: str
    label: str
    prefix: str
    domain: Domain
    synonyms: tuple[str, ...] = field(default_factory=tuple)


def _normal(text: str) -> str:
    """Lower case, accents removed, punctuation as spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^a-z0-9]+", " ", text.lower())
    return text.strip()


def match_function(text: str, functions: Iterable[FunctionDef]) -> FunctionDef | None:
    """Find the function that a free-text job title names, or None.

    An exact label, id or synonym wins; otherwise the longest synonym or label that
    occurs as whole words inside the text ("Klantmanager Werk bij WPI").
    """
    wanted = _normal(text)
    if not wanted:
        return None
    best: tuple[int, FunctionDef] | None = None
    for fn in functions:
        names = {_normal(fn.label), _normal(fn.id.replace("_", " ")),
                 *(_normal(s) for s in fn.synonyms)}
        for name in names:
            if not name:
                continue
            if name == wanted:
                return fn
            if re.search(rf"\b{re.escape(name)}\b", wanted):
                if best is None or len(name) > best[0]:
                    best = (len(name), fn)
    return best[1] if best else None


def prefix_for(function_text: str, functions: Iterable[FunctionDef]) -> str:
    """The code prefix for a free-text function, ``OV`` when unknown."""
    fn = match_function(function_text, functions)
    return fn.prefix if fn else FALLBACK_PREFIX


def next_code(prefix: str, counters: Mapping[str, int],
              codes_in_use: Iterable[str] = ()) -> tuple[str, dict[str, int]]:
    """Hand out the next code for ``prefix``.

    Numbers are never reused, also not after a participant is deleted: ``counters``
    keeps the highest number given out per prefix. ``codes_in_use`` guards against
    counters that are behind (e.g. data imported by hand).

    Returns:
        the new code and the updated counters (the input is not changed).
    """
    used = set(codes_in_use)
    number = counters.get(prefix, 0) + 1
    while f"{prefix}_{number}" in used:
        number += 1
    updated = dict(counters)
    updated[prefix] = number
    return f"{prefix}_{number}", updated


def code_prefix(code: str) -> str:
    """``KM_3`` → ``KM``."""
    return code.rsplit("_", 1)[0] if "_" in code else code
