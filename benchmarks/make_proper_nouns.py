"""Make resources/anonymize/proper_nouns.txt from OpenTaal's Dutch word list.

    apt-get install wdutch
    python benchmarks/make_proper_nouns.py /usr/share/dict/dutch

Input: the word list of the OpenTaal project (BSD or CC BY 3.0; Debian package
``wdutch``, one word a line, every inflected form). OpenTaal writes ordinary words in
lower case and proper nouns (first names, surnames, places, brands, companies) with a
capital. Output: the proper nouns that have no ordinary-word form ("Verkade", "Hema",
"Woensel"; not "Roos", "Bas" or "Defensie", which are also ordinary words), casefolded,
one a line. Left out: all-capital abbreviations, words of fewer than three letters, and
adjectives of places and peoples ("Turks" beside "Turkse", "Haags" beside "Haagse"),
which say nothing of a person (languages, origins by design). The anonymizer uses the
list only where the context already says "a name may follow" (see
anonymize/recall/headings.py and people.py): on its own, "hema" or "tiktok" is no datum.
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "anonymize" / "proper_nouns.txt"
HEADER = """\
# Eigennamen uit de woordenlijst van OpenTaal (https://opentaal.org), versie 2.20.19
# (Debian-pakket wdutch), licentie BSD of CC BY 3.0: woorden die OpenTaal alleen met
# een hoofdletter schrijft. Gemaakt met benchmarks/make_proper_nouns.py; niet met de
# hand aanpassen. Zie proper_nouns.SOURCE.md.
"""


def proper_nouns(words: list[str]) -> list[str]:
    ordinary = {w.casefold() for w in words if not w[:1].isupper()}
    proper = {w.casefold() for w in words
              if w[:1].isupper() and not w.isupper() and len(w) >= 3
              and w.casefold() not in ordinary}
    adjectives = {w for w in proper if w.endswith("s") and w + "e" in proper}
    adjectives |= {w + "e" for w in adjectives}
    return sorted(proper - adjectives)


def main(argv: list[str]) -> int:
    source = Path(argv[0] if argv else "/usr/share/dict/dutch")
    words = [w.strip() for w in source.read_text(encoding="utf-8").splitlines() if w.strip()]
    out = proper_nouns(words)
    OUT.write_text(HEADER + "\n".join(out) + "\n", encoding="utf-8")
    print(f"{len(out)} eigennamen in {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
