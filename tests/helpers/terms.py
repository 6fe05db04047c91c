"""Whether a term is still in an anonymizer's output, as the anonymize tests check it."""

from __future__ import annotations

import re


def gone(out: str, term: str) -> bool:
    """``term`` no longer occurs in ``out`` as a whole word (any case; a hyphen joins)."""
    return re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", out, re.I) is None
