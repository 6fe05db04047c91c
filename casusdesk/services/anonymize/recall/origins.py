"""Where someone comes from: a country and the words of origin (issue 9).

"geboren in Aleppo, Syrië", "een Eritrese gemeenschap", "Koerdisch uit Qamishli",
"Pools pensioen", "de Antilliaanse vrouwenvereniging": ethnic origin is special-category
personal data (AVG article 9), and in a village "the Eritrean family" identifies as well
as a street does. Every writer of the evaluation notes marked these as data that must go
(140 of the 147 countries in the notes; the other seven were "Nederland").

What stays: the Netherlands and continents ("uit Afrika"), which narrow nobody down, and
a language ("tolk Tigrinya", "spreekt Pools en wat Engels", "in het Arabisch"): the
adjectives that are also the name of a language count only where they say where someone
is from. The words come from resources/anonymize/origins.txt (benchmarks/make_origins.py).
"""

from __future__ import annotations

import functools
from casusdesk.services.anonymize import regex as re
from collections.abc import Callable
from typing import Any

from casusdesk.services.anonymize import lexicon
from casusdesk.services.anonymize.recall.base import _inside

#: a word, with its hyphenated parts ("Eritrees-orthodoxe", "Saoedi-Arabië")
_WORD = re.compile(r"(?<![\w@'’-])[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*(?![\w@'’])")
#: the word before, on the same line
_BEFORE = re.compile(r"([^\W\d_][\w'’]*)[ \t]*[:,]?[ \t]*$")
_AFTER = re.compile(r"^[ \t]+([^\W\d_][\w'’]*)")

#: a preposition before a country typed in lower case ("komt uit oekraïne")
_PLACE_PREPOSITIONS = frozenset({"uit", "naar", "in", "via", "van", "vanuit"})
#: before a language's name: it is the language ("tolk Turks", "in het Pools")
_LANGUAGE_BEFORE = frozenset({
    "tolk", "tolken", "spreekt", "spreken", "sprak", "spraken", "praat", "praten", "het",
    "taal", "talen", "en", "of", "vertaald", "vertaling", "vertalen", "cursus", "les",
    "lessen", "leest", "schrijft", "verstaat", "beetje", "wat", "alleen", "goed",
    "vloeiend", "slecht", "vooral", "moedertaal", "via", "ook", "nt2", "brief", "brieven",
})
#: after a language's name: still the language ("Turks nodig", "Pools sprekend")
_LANGUAGE_AFTER = frozenset({
    "en", "of", "is", "was", "nodig", "sprekend", "sprekende", "sprekenden", "talig",
    "talige", "tolk", "met", "bij", "via", "maar", "want", "dus", "wel", "niet", "ook",
    "aanwezig", "vertaald", "spreekt", "praat", "als", "dan", "in", "op", "te", "voor",
    "naar", "de", "het", "een", "om", "geregeld", "regelen", "gesproken", "uitleggen",
    "uitgelegd", "vertalen", "ondertiteld", "mee", "tegen", "door", "heeft", "hebben",
})
#: after an adjective of origin: it says where someone is from ("Koerdisch uit ...")
_ORIGIN_AFTER = frozenset({"uit", "afkomst", "achtergrond", "origine", "roots"})
#: the other part of a compound with a language's name: the language is meant
_LANGUAGE_USE = frozenset({"tolk", "tolken", "sprekend", "sprekende", "sprekenden", "talig",
                           "talige", "les", "lessen", "cursus", "vertaling"})
#: a church named by a rite, not by where its members are from
_DENOMINATIONS = frozenset({"katholiek", "katholieke"})
#: after someone's age in a description: "meneer P., 55, Afghaans,", "(27-39, Roemeens, uit"
_AFTER_AGE = re.compile(r"\d(?:[ \t]*(?:jaar|jr\.?))?\)?[ \t]*,[ \t]*$")
#: a field whose value is someone's origin ("Nationaliteit: Iraaks")
_ORIGIN_FIELD = re.compile(r"(?im)^[ \t*-]*(?:nationaliteit|herkomst|afkomst|achtergrond|"
                           r"land van herkomst|geboorteland)[ \t]*[:.|\t]+[ \t.]*$")


@functools.lru_cache(maxsize=1)
def _multiword_lands() -> re.Pattern[str] | None:
    """The countries of more words ("Verenigde Staten", "Bosnië en Herzegovina")."""
    names = sorted((n for n in lexicon.origins()["land"] if " " in n), key=len, reverse=True)
    if not names:
        return None
    body = "|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in names)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def _lower_land(anonymizer: Any, text: str, start: int, key: str) -> bool:
    """A country typed in lower case: Dutch spelling writes it only with a capital
    ("oekraïne"), or it follows "uit", "naar" ... and is no ordinary word ("chili")."""
    from casusdesk.services.anonymize.recall.places import _common

    if lexicon.proper_noun(key):
        return True
    before = _BEFORE.search(text, 0, start)
    if before is not None and before.group(1).casefold() in {"de", "het"}:
        before = _BEFORE.search(text, 0, before.start())  # "uit de filippijnen"
    return before is not None and before.group(1).casefold() in _PLACE_PREPOSITIONS \
        and not _common(key) and key not in anonymizer._keep


def _says_origin(text: str, start: int, end: int) -> bool:
    """An adjective that is also a language's name ("Pools", "Moluks") says where
    someone is from: before "uit" or "achtergrond", in a field "Nationaliteit:", or
    before a noun ("Pools pensioen", "Moluks netwerk"); not after "tolk", "spreekt",
    "in het", nor in a list of languages ("Dari/Pashto", "Russisch en Oekraïens")."""
    if text[end:end + 1] == "/" or text[start - 1:start] == "/":
        return False
    line_start = text.rfind("\n", 0, start) + 1
    if _ORIGIN_FIELD.match(text[line_start:start]) or _AFTER_AGE.search(text, line_start, start):
        return True
    before = _BEFORE.search(text, line_start, start)
    if before is not None and before.group(1).casefold() in _LANGUAGE_BEFORE:
        return False
    after = _AFTER.match(text[end:end + 40])
    if after is None:
        return False
    word = after.group(1)
    key = word.casefold()
    if key in _ORIGIN_AFTER:
        return True
    return word[:1].islower() and word.isalpha() and key not in _LANGUAGE_AFTER and len(key) >= 4


def _origins(anonymizer: Any, text: str, add: Callable[..., None],
             sentence_start: Callable[[str, int], bool],
             protected: list[tuple[int, int]]) -> None:
    """Add a country as [LAND-n] and a word of origin as [HERKOMST-n] (kind
    "herkomst"); in a compound only the parts of origin ("[HERKOMST-1]-orthodoxe")."""
    words = lexicon.origins()
    lands, origin_words, languages = words["land"], words["herkomst"], words["taal"]
    if not lands:
        return
    pattern = _multiword_lands()
    taken: list[tuple[int, int]] = []
    if pattern is not None:
        for m in pattern.finditer(text):
            if not m.group()[:1].isupper() or _inside(protected, *m.span()):
                continue
            add(m.start(), m.end(), "herkomst", 3, label="LAND")
            taken.append(m.span())
    for m in _WORD.finditer(text):
        if _inside(protected, *m.span()) or any(s <= m.start() < e for s, e in taken):
            continue
        whole = m.group().casefold().replace("’", "'")
        if whole in lands:
            if m.group()[:1].isupper() and sentence_start(text, m.start()) \
                    and not lexicon.proper_noun(whole):
                continue  # "Chili con carne": a word that Dutch also writes in lower case
            if m.group()[:1].isupper() or _lower_land(anonymizer, text, m.start(), whole):
                add(m.start(), m.end(), "herkomst", 3, label="LAND")
            continue
        if whole in origin_words or (whole in languages and _says_origin(text, *m.span())):
            add(m.start(), m.end(), "herkomst", 3, label="HERKOMST")
            continue
        parts = list(re.finditer(r"[^-]+", m.group()))
        if any(p.group().casefold() in _LANGUAGE_USE for p in parts):
            continue  # "Dari-tolk", "Pools-sprekende": the language
        if parts[-1].group().casefold() in _DENOMINATIONS:
            continue  # "Grieks-katholieke parochie", "rooms-katholiek": a church, no origin
        run: tuple[int, int] | None = None
        for part in parts:
            key = part.group().casefold()
            start, end = m.start() + part.start(), m.start() + part.end()
            origin = key in origin_words or (
                key in languages and (len(parts) > 1 or _says_origin(text, start, end)))
            if origin:
                run = (run[0], end) if run else (start, end)
                continue
            if run:
                add(*run, "herkomst", 3, label="HERKOMST")
                run = None
        if run:
            add(*run, "herkomst", 3, label="HERKOMST")
