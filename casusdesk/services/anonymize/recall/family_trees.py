"""Ages in a genogram typed as text (issue 9).

    [] = man, () = vrouw, X = overleden
       +-- Ronald [] 63 -/- Anja de Wit () 60 (woont Beverwijk)
       |      +-- [] Jawad 29 <== cliënt
       |  x  Kevin Hamers (36, ex, detentie tot zomer)

On a line of a family tree (one with the signs of man and woman, "[]" and "()", or one
that starts with the tree's lines "|" or "+--"), a bare number up to 110 after a name is
an age. A year ("+ 2019"), a range ("4-11"), a time, an amount or a house number
("Zeestraat 12", "nr 4") is none.
"""

from __future__ import annotations

from casusdesk.services.anonymize import regex as re
from collections.abc import Callable

#: the signs of a genogram: "[]" a man, "()" a woman
_SEX_SIGN = re.compile(r"\[ ?\]|\( ?\)")
#: a line drawn as part of a tree: "   |      +-- Dewi", "|  x  Kevin"
_TREE_LINE = re.compile(r"^[ \t]*(?:[|+`\\][ \t-]*)+")
#: a bare number: not part of a range, date, time, amount, phone or code
_NUMBER = re.compile(r"(?<![\w.,:/+€-])(?<!\+ )(?P<n>\d{1,3})(?![\w.:/-]|,\d|[ \t]*-[ \t]*\d)")
#: what before a number makes it no age: a house number, a number of things
_NOT_AGE_BEFORE = re.compile(
    r"(?i)(?:[a-zß-ÿ](?:straat|weg|laan|plein|singel|gracht|kade|dijk|hof|pad)|nr\.?|nummer|"
    r"huisnummer|tel\.?|€|wk|week|groep|klas|ca\.?)[ \t]*$")
_NOT_AGE_AFTER = re.compile(r"(?i)^[ \t]*(?:uur|u\b|euro|%|keer|x\b|kinderen|km|m\b|maanden|"
                            r"weken|dagen|kg|stiefkinderen|kleinkinderen|jaar[ \t]+(?:getrouwd|"
                            r"samen|bij|gewerkt|lid))")


def _genogram_ages(text: str, add: Callable[..., None],
                   band: Callable[[int], str | None]) -> None:
    pos = 0
    for line in text.splitlines(keepends=True):
        start = pos
        pos += len(line)
        sign = _SEX_SIGN.search(line)
        tree = _TREE_LINE.match(line)
        if sign is None and (tree is None or not re.search(r"[^\W\d_]", line)):
            continue
        for m in _NUMBER.finditer(line):
            value = int(m.group("n"))
            if value > 110 or not re.search(r"[^\W\d_]", line[:m.start()]):
                continue  # an age follows a name or a sign
            if sign is None and line[max(0, m.start() - 1):m.start()] != "(":
                continue  # on a tree line without signs only "(36, ex)"
            if _NOT_AGE_BEFORE.search(line, 0, m.start()) or _NOT_AGE_AFTER.match(line[m.end():]):
                continue
            replacement = band(value)
            if replacement is not None:
                add(start + m.start("n"), start + m.end("n"), "leeftijd", replacement=replacement)
