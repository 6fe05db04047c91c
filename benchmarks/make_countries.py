"""Make resources/anonymize/countries.txt from the Unicode CLDR's Dutch names of countries.

    pip install babel
    python benchmarks/make_countries.py

Input: the Dutch display names of every territory (countries, dependencies, continents
and world regions) in the Unicode Common Locale Data Repository, as shipped with Babel.
Output: those names, casefolded, one a line, with the ASCII spellings of names that
carry a diaeresis or accent ("ethiopie" beside "ethiopië"). The anonymizer keeps a
country (it says nothing about who someone is, like a year), in lower case as with a
capital; a territory this small that it identifies someone's origin nearly as a town
does ("curaçao") is left to lexicon.small_territories, which wins.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "anonymize" / "countries.txt"


def _ascii(name: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", name)
                   if not unicodedata.combining(ch))


def main() -> int:
    import babel
    from babel import Locale

    names = {" ".join(name.replace("’", "'").split()).casefold()
             for name in Locale("nl").territories.values()}
    names |= {_ascii(name) for name in names}
    header = (f"# Landen, gebieden en werelddelen in het Nederlands, uit de Unicode CLDR\n"
              f"# (Babel {babel.__version__}, licentie Unicode-3.0). Gemaakt met\n"
              f"# benchmarks/make_countries.py; niet met de hand aanpassen.\n")
    OUT.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} namen in {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
