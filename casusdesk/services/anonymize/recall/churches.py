"""A church named by its denomination (issue 9).

"lid van de Hersteld Hervormde Gemeente", "naar de evangelische broedergemeente",
"Protestantse Gemeente Oudorp": religious belief is special-category personal data (AVG
article 9), and a small denomination in a village narrows someone down as a club does.
The word "kerk" alone, and a Catholic parish (most of the south), stay.
"""

from __future__ import annotations

from casusdesk.services.anonymize import regex as re
from collections.abc import Callable
from typing import Any

from casusdesk.services.anonymize.recall.base import _inside

_DENOMINATION = re.compile(
    r"(?i:(?<![\w-])(?P<n>(?:(?:hersteld|oud|christelijke?|vrije?|nederlands|evangelische|"
    r"hervormde|gereformeerde|baptisten|pinkster|lutherse|evangelisch-lutherse|remonstrantse|"
    r"doopsgezinde|protestantse|koptische|orthodoxe|apostolische|volle[ \t]+evangelie)[ \t]+)+"
    r"(?:broeder)?(?:gemeente|kerk|gemeenschap|kerkgenootschap|broedergemeente)"
    r"(?:[ \t]+kerk)?)(?![\w-]))")


def _churches(anonymizer: Any, text: str, add: Callable[..., None],
              protected: list[tuple[int, int]]) -> None:
    for m in _DENOMINATION.finditer(text):
        if _inside(protected, *m.span("n")) or m.group("n").casefold() in anonymizer._keep:
            continue
        add(m.start("n"), m.end("n"), "instelling", 2, label="INSTELLING")
