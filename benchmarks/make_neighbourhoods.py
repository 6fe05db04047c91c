"""Make resources/anonymize/neighbourhoods.txt from CBS's neighbourhood names.

    python benchmarks/make_neighbourhoods.py Buurt_2014_labels.json Wijk_2014_labels.json

Input: the "statnaam" of every buurt and wijk in CBS's Wijk- en Buurtkaart 2014
(CC BY 4.0, Centraal Bureau voor de Statistiek / Kadaster), e.g. the label files of
github.com/ties/cbs_gebiedsindelingen_topojson. Output: the names that are no ordinary
Dutch word, casefolded, one a line: generic parts ("Verspreide huizen", "landelijk
gebied", "Wijk 04", "-Noord", "II") are cut off, words Dutch text knows well (wordfreq
zipf 3.5 and over), the keep and common-word lists and the places deduce already knows
are left out. The anonymizer decides per mention how sure it must be (see
anonymize/recall/hurried.py, _neighbourhoods).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from casusdesk.services import anonymize as anon  # noqa: E402
from casusdesk.services.anonymize import lexicon  # noqa: E402

#: words Dutch text knows this well are no name by themselves
MAX_ZIPF = 3.5
_PREFIX = re.compile(
    r"^(?:wijk\s*\d*|buurt\s*\d*|verspreide huizen|verspr\.? ?h\.?|buitengebied|"
    r"landelijk gebied|bedrijventerreinen|bedrijventerrein|industrieterrein|"
    r"recreatieterrein|recreatiegebied|kern|dorp|centrum|woonwijk|woongebied|omgeving|"
    r"gebied|rest van|overig|overige|bebouwde kom|buurtschap|agrarisch gebied|"
    r"poldergebied|polder|plan|de|het|'t|’t|in de|in het)\b[ -]*"
)
_SUFFIX = re.compile(
    r"[ -]*\b(?:noord|oost|zuid|west|noordoost|noordwest|zuidoost|zuidwest|midden|"
    r"centrum|kern|dorp|landelijk gebied|buitengebied|verspreide huizen|[ivx]+|\d+|[a-z]|"
    r"e\.o\.?|eo|en omgeving|omgeving|gedeeltelijk|bedrijventerrein|industrieterrein|"
    r"woonkern|kom|landelijk|buiten|binnen)$"
)
_SPLIT = re.compile(r"\s*(?:/|,|;|&|\+|\sen\s|\s-\s|\.\s)\s*")


def names_in(label: str) -> list[str]:
    out = []
    for part in _SPLIT.split(re.sub(r"\(.*?\)|\"", " ", label)):
        name = " ".join(part.split()).strip(" .-'").casefold()
        previous = None
        while previous != name:
            previous = name
            name = _PREFIX.sub("", name).strip(" .-")
            name = _SUFFIX.sub("", name).strip(" .-")
        if len(name) >= 4 and not re.search(r"\d", name) and len(name.split()) <= 3:
            out.append(name)
    return out


def wanted(name: str, keep: frozenset[str], common: frozenset[str]) -> bool:
    if name in keep or name in common or name in lexicon.dutch_places():
        return False
    words = name.split()
    if len(words) == 1:
        if any(part in keep or part in common for part in name.split("-")):
            return False
        return lexicon.frequency(name) < MAX_ZIPF and not lexicon.is_function_word(name)
    # "Oude Molen", "Groote Vliet": a phrase Dutch text does not know as a whole
    return lexicon.frequency(name) < 2.0 and not all(w in keep for w in words)


def main(paths: list[str]) -> int:
    keep, common = anon._load_word_lists()
    found: set[str] = set()
    for path in paths:
        data = json.loads(Path(path).read_text("utf-8"))
        for geometry in data["objects"]["labels"]["geometries"]:
            found.update(names_in(geometry["properties"]["statnaam"]))
    names = sorted(n for n in found if wanted(n, keep, common))
    target = ROOT / "resources" / "anonymize" / "neighbourhoods.txt"
    header = ("# Namen van buurten en wijken (CBS Wijk- en Buurtkaart 2014, CC BY 4.0), zonder\n"
              "# gewone Nederlandse woorden; gemaakt met benchmarks/make_neighbourhoods.py.\n")
    target.write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
