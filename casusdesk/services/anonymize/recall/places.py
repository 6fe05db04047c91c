"""Places, institutions and other proper nouns that deduce misses."""

from __future__ import annotations

from casusdesk.services.anonymize import regex as re
from collections.abc import Callable
from typing import Any

from casusdesk.services.anonymize import lexicon
from casusdesk.services.anonymize.recall.base import (
    _ARTICLE_NAME,
    _CAP,
    _CAPWORD,
    _DETERMINERS,
    _DIRECTION_PLACE,
    _INSTITUTION_TAIL,
    _LOW,
    _PREPOSITION_LOWER,
    _PREPOSITION_PLACE,
    _SCHOOL_COMPOUND,
    _inside,
    _compound_of_words,
    _plain,
    _plural_of_word,
)


# -- places -------------------------------------------------------------------------------


def _place_label(words: str) -> str:
    return "PLAATS" if lexicon.is_place(words) else "WIJK"


def _places(anonymizer: Any, text: str, add: Callable[..., None],
            sentence_start: Callable[[str, int], bool],
            protected: list[tuple[int, int]]) -> None:
    for m in _PREPOSITION_PLACE.finditer(text):
        words = m.group("n").split()
        # "naar Jan toe" is a person, "in Suite" a system: a place is rare in Dutch
        while words and not (_plain(anonymizer, words[-1]) and (
                lexicon.is_place(words[-1]) or lexicon.frequency(words[-1].casefold()) < 3.5)):
            words = words[:-1]
        if not words or words[0].isupper() and not lexicon.is_place(words[0]):
            continue
        if not all(_plain(anonymizer, w) for w in words):
            continue
        name = " ".join(words)
        tokens = list(re.finditer(r"\S+", m.group("n")))[:len(words)]
        start, end = m.start("n"), m.start("n") + tokens[-1].end()
        if _inside(protected, start, end):
            continue
        first_names = lexicon.names()[0]
        if name.casefold() in first_names and not lexicon.is_place(name):
            add(start, end, "persoon", 2, label="PERSOON", trimmable=True)
            continue
        add(start, end, "plaats", 2, label=_place_label(name), trimmable=True)
    for m in _DIRECTION_PLACE.finditer(text):
        add(m.start("n"), m.end("n"), "plaats", 2, label="WIJK")
    for m in _PREPOSITION_LOWER.finditer(text):
        word = m.group("n")
        key = word.casefold()
        if not _plain(anonymizer, word) or key in _DETERMINERS or _common(key):
            continue
        if key in lexicon.dutch_places() or (
                len(key) >= 5 and key in lexicon.world_places()
                and lexicon.frequency(key) < WORLD_LOWER_ZIPF):  # "vanuit brussel"
            add(m.start("n"), m.end("n"), "plaats", 2, label="PLAATS")
    for m in _VAN_LOWER.finditer(text):  # "de haven van antwerpen"
        key = m.group("n").casefold()
        if len(key) >= 5 and key in lexicon.world_places() and not _common(key) \
                and lexicon.frequency(key) < WORLD_LOWER_VAN_ZIPF and _plain(anonymizer, key):
            add(m.start("n"), m.end("n"), "plaats", 2, label="PLAATS")
    for m in _CAPWORD.finditer(text):
        word = m.group()
        if len(word) < 4 or word.isupper() or not _plain(anonymizer, word):
            continue
        if not lexicon.is_place(word) or _inside(protected, m.start(), m.end()):
            continue
        key = word.casefold()
        if sentence_start(text, m.start()) and (lexicon.frequency(key) >= 3.2 or _common(key)):
            continue
        if key in lexicon.names()[0] or key in lexicon.names()[1]:
            continue  # deduce and the name rules decide about "Bel", "Mag", "Roos"
        if 4.3 <= lexicon.frequency(key) < 5.0 and _ordinary_word_before(text, m.start()):
            continue  # "Sociaal Plein", "Regionaal Loket": a service's name of two words
        add(m.start(), m.end(), "plaats", 2, label="PLAATS", trimmable=True)


_LOWER_WORD = re.compile(r"(?<![\w@'’./-])(?P<n>[a-zß-öø-ÿ][\w'’]{3,}(?:-[\w'’]+)*)(?![\w@/-])")


def _lower_proper_places(anonymizer: Any, text: str, add: Callable[..., None],
                         protected: list[tuple[int, int]]) -> None:
    """"woont oldegalileen 87 leeuwarden", "[WIJK-1] amersfoort": a place typed in lower
    case that Dutch spelling writes only with a capital (OpenTaal) is that place
    wherever it stands; not a country, which the minutes keep ("marokko")."""
    for m in _LOWER_WORD.finditer(text):
        key = m.group("n").casefold()
        small = key in lexicon.small_territories()  # "op curaçao" (the liqueur is lowercase)
        if not (lexicon.proper_noun(key) or small) or not lexicon.is_place(key) \
                or lexicon.is_country(key) \
                or key in anonymizer._keep or _common(key) or _inside(protected, *m.span("n")):
            continue
        add(m.start("n"), m.end("n"), "plaats", 2, label="PLAATS")


#: "Oost-Groningen", "west-brabant", "Midden-Drenthe": a part of a Dutch place or region
_DIRECTION_COMPOUND = re.compile(
    r"(?<![\w-])(?P<n>(?i:noord|oost|zuid|west|midden|noordoost|noordwest|zuidoost|zuidwest)"
    r"-(?P<p>[^\W\d_][\w'’]{2,}(?:-[^\W\d_][\w'’]+)*))(?![\w-])"
)


def _direction_places(anonymizer: Any, text: str, add: Callable[..., None],
                      protected: list[tuple[int, int]]) -> None:
    for m in _DIRECTION_COMPOUND.finditer(text):
        if _inside(protected, *m.span("n")) or m.group("n").casefold() in anonymizer._keep:
            continue
        if m.group("p").casefold() in lexicon.dutch_places():
            add(m.start("n"), m.end("n"), "plaats", 2, label="PLAATS")


#: a lowercase city of the world after a preposition is that city unless Dutch uses the
#: word this often (zipf): "kabul" 3.2, "aleppo" 3.8, "sint-niklaas" 3.5 lie under it;
#: "voren" 4.5 ("naar voren") over it, and so, alas, "brussel" 4.8
WORLD_LOWER_ZIPF = 4.0
#: after "de haven van", "de stad van": the context says place, up to this frequency
WORLD_LOWER_VAN_ZIPF = 5.0
_VAN_LOWER = re.compile(r"(?<![\w])(?:haven|stad|gemeente|regio|omgeving|buurt)\s+van\s+"
                        r"(?P<n>[a-zß-öø-ÿ][\w'’-]{3,})(?![\w])")


def _ordinary_word_before(text: str, start: int) -> bool:
    """A capitalised ordinary Dutch adjective (no place or name) right before ``start``:
    the place-named word after it is the second word of a name ("Sociaal Plein")."""
    before = re.search(rf"(?<![\w'’-])({_CAP}{_LOW}+(?:aal|eel|isch|ief|lijk|ig))[ \t]+$",
                       text[max(0, start - 30):start])
    from casusdesk.services.anonymize import _sentence_start

    if before is None or _sentence_start(text, start - len(before.group())):
        return False  # an adjective ("Sociaal", "Juridisch") inside a sentence
    key = before.group(1).casefold()
    first_names, surnames = lexicon.names()
    return lexicon.frequency(key) >= 4.0 and not lexicon.is_place(before.group(1)) \
        and key not in first_names and key not in surnames


#: what may stand before the first word of a heading or a line: marks, a number, a
#: phase ("Fase 5 – "), a speaker code ("SW_1: ")
_HEADING_PREFIX = re.compile(
    r"(?i)(?:[^\w|]*|[^\w|]*(?:fase|stap|deel|ronde|punt)[ \t]*\d+[ \t]*[–—:.-][ \t]*"
    r"|[ \t]*[A-Z]{1,3}_\d+[ \t]*:[ \t]*)")


def _heading_word(text: str, start: int) -> bool:
    """The first word of a line, a heading or a speaker's turn."""
    line_start = text.rfind("\n", 0, start) + 1
    return _HEADING_PREFIX.fullmatch(text, line_start, start) is not None


def _caps_line(text: str, start: int) -> bool:
    """A line typed in capitals ("=== EXPORT CASUSREGISTRATIE – SOCIAAL DOMEIN ===")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start:line_end if line_end != -1 else len(text)]
    return not any(ch.islower() for ch in line)


def _common(key: str) -> bool:
    from casusdesk.services.anonymize import _is_common_word

    return _is_common_word(key)


# -- institutions ---------------------------------------------------------------------


def _institutions(anonymizer: Any, text: str, add: Callable[..., None],
                  sentence_start: Callable[[str, int], bool],
                  protected: list[tuple[int, int]]) -> None:
    surnames = lexicon.names()[1]
    for m in _ARTICLE_NAME.finditer(text):
        article = m.group("n").split()[0]
        if article in {"De", "Het"} and sentence_start(text, m.start()):
            continue
        words = m.group("n").split()[1:]
        kept: list[str] = []
        for w in words:
            if not _plain(anonymizer, w.strip(".,;:!?")):
                break
            kept.append(w)
        if not kept or _inside(protected, m.start(), m.end()):
            continue
        end = m.start() + m.group("n").index(kept[-1], len(article)) + len(kept[-1])
        while end > m.start() and text[end - 1] in ".,;:!?":
            end -= 1
        if len(kept) == 1 and kept[0].casefold() in surnames and article in {"De", "de"}:
            add(m.start(), end, "persoon", 2, label="PERSOON")  # "De Vries"
        else:
            add(m.start(), end, "instelling", 3, label="INSTELLING")
    for m in _SCHOOL_COMPOUND.finditer(text):
        key = m.group("n").casefold()
        if lexicon.frequency(key) >= 3.0 or not _plain(anonymizer, m.group("n")):
            continue
        add(m.start("n"), m.end("n"), "instelling", 3, label="SCHOOL")
    for m in _INSTITUTION_TAIL.finditer(text):
        words = m.group("n").split()
        while len(words) > 1 and (words[0].casefold() in anonymizer._keep or (
                sentence_start(text, m.start()) and words[0] in {"De", "Het"})):
            words = words[1:]
        if len(words) < 2 or _inside(protected, m.start(), m.end()):
            continue
        start = m.end("n") - len(" ".join(words))
        label = "SCHOOL" if words[-1] in {"College", "Lyceum", "Gymnasium", "Hogeschool",
                                          "Scholengemeenschap", "Academie", "Campus",
                                          "Universiteit"} \
            else "INSTELLING"
        add(start, m.end("n"), "instelling", 3, label=label)


# -- other proper nouns ------------------------------------------------------------------


def _proper_nouns(anonymizer: Any, text: str, add: Callable[..., None],
                  sentence_start: Callable[[str, int], bool],
                  protected: list[tuple[int, int]]) -> None:
    first_names, surnames = lexicon.names()
    for m in _CAPWORD.finditer(text):
        word = m.group()
        key = word.casefold()
        if len(word) < 3 or (word.isupper() and len(word) <= 6) or not _plain(anonymizer, word):
            continue
        if key in anonymizer._keep or _inside(protected, m.start(), m.end()):
            continue
        at_start = sentence_start(text, m.start())
        rare = lexicon.frequency(key) < 3.0
        named = key in first_names or key in surnames
        if at_start:
            continue  # a line or sentence may start with any word: deduce decides
        if not named and lexicon.frequency(key) >= 1.5 and _after_function(anonymizer, text, m.start()):
            continue  # "Coördinator Casuïstiek", "Consulent Armoede": the function's field
        if not rare and not (named and lexicon.frequency(key) < 4.0):
            continue
        if _common(key):
            continue
        if not named and rare and len(key) >= 8 and (
                _heading_word(text, m.start()) or word.isupper() and _caps_line(text, m.start())
        ) and (_compound_of_words(key.replace("-", "")) or _plural_of_word(key)
               or lexicon.derived_word(key)):
            continue  # "## Casusbespreking", "Fase 5 – Leerpunten": words put together
        if named:
            end = m.end()
            follow = re.match(rf"[ \t]+({_CAP}[\w'’-]+)", text[end:end + 40])
            if follow is not None and _plain(anonymizer, follow.group(1)) \
                    and key in first_names and follow.group(1).casefold() not in anonymizer._keep:
                end += follow.end()  # "Karin Bakker": first name and surname together
            add(m.start(), end, "persoon", 1, label="PERSOON", trimmable=True)
        else:
            add(m.start(), m.end(), "naam", 1, label="NAAM")


def _after_function(anonymizer: Any, text: str, start: int) -> bool:
    """The word before ``start`` (on the same line) is a function ("Coördinator")."""
    before = re.search(r"([^\W\d_][\w'’-]*)[ \t]+$", text[max(0, start - 40):start])
    if before is None:
        return False
    key = before.group(1).casefold()
    return lexicon.is_function_word(key) or key in anonymizer._keep and key.isalpha() \
        and lexicon.frequency(key) < 5.0 or key in {"coördinator", "coordinator", "hoofd",
                                                    "senior", "medewerker", "adviseur",
                                                    # "Team Geldzaken", "Afdeling Schuldhulp"
                                                    "team", "unit",
                                                    "werkgroep"}
