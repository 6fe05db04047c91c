"""Known people in other forms: typos, diminutives, initials, lowercase."""

from __future__ import annotations

import functools
from casusdesk.services.anonymize import regex as re
from collections.abc import Callable, Iterator
from typing import Any

from casusdesk.services.anonymize import lexicon
from casusdesk.services.anonymize.recall.base import (
    _CALLED,
    _compound_of_words,
    _LOWER_POSSESSIVE,
    _QUOTED_NAME,
    _DETERMINERS,
    _DIMINUTIVE,
    _LOWER_BEFORE_AGE,
    _LOWER_NAME_CONTEXT,
    _WORD,
    _plain,
)
from casusdesk.services.anonymize.recall.places import (
    _common,
)


# -- known people in other forms ----------------------------------------------------------


def _known_tokens(anonymizer: Any) -> dict[str, str]:
    cached = getattr(anonymizer, "_known_token_index", None)
    if cached is not None:
        return cached
    from casusdesk.services.anonymize import _PARTICLES, _parse_name

    index: dict[str, set[str]] = {}
    for name, replacement, _client in anonymizer._known.people:
        parsed = _parse_name(name)
        if parsed is None:
            continue
        for token in [*parsed.given, *parsed.surname]:
            for part in token.split("-"):
                if part.casefold() not in _PARTICLES and len(part) >= 2:
                    index.setdefault(part.casefold(), set()).add(replacement)
        cores = [t for t in parsed.surname if t.casefold() not in _PARTICLES]
        if len(cores) == 1 and len(parsed.surname) > 1:  # "de Wit" -> "Wit" alone
            index.setdefault("@" + cores[0].casefold(), set()).add(replacement)
        for given in parsed.given:
            index.setdefault("$" + given.casefold(), set()).add(replacement)
            if "-" in given:  # "Jan-Willem" -> "JW"
                initials = "".join(p[:1].upper() for p in given.split("-") if p)
                index.setdefault("#" + initials, set()).add(replacement)
        if len(parsed.given) > 1:
            index.setdefault("#" + "".join(g[:1].upper() for g in parsed.given), set()).add(
                replacement)
        if parsed.given and parsed.surname:
            # "Teun Mertens" -> "TM", "Rachida El Ouardi" -> "RE" and "RO": as a speaker
            first = parsed.given[0][:1].upper()
            for token in {parsed.surname[0], *cores[:1]}:
                index.setdefault("%" + first + token[:1].upper(), set()).add(replacement)
            if len(parsed.surname) > 1:  # "Ilona van Gorp" -> "IvG"
                index.setdefault("%" + first + "".join(t[:1] for t in parsed.surname[:-1])
                                 + parsed.surname[-1][:1].upper(), set()).add(replacement)
    result = {k: "/".join(sorted(v)) for k, v in index.items()}
    anonymizer._known_token_index = result
    return result


#: after a family or function word, a lowercase word rarer than this in Dutch (zipf)
#: that English hardly writes either is a name: "kuba" 2.2, "pawel" 2.1
RARE_NAME_ZIPF = 2.5


def _rare_word(key: str) -> bool:
    """Rare in Dutch and English, and no derived word or compound of ordinary words
    ("onderzoeksvraag")."""
    return len(key) >= 3 and lexicon.frequency(key) < RARE_NAME_ZIPF \
        and lexicon._english_frequency(key) < lexicon.ENGLISH_WORD_ZIPF \
        and not lexicon._DUTCH_DERIVED.search(key) \
        and not ("-" not in key and len(key) >= 8 and _compound_of_words(key))


_BEFORE_PERSON = re.compile(r"(?<![\w'’-])(?P<n>[a-zß-öø-ÿ][\w'’-]+)[ \t]+(?:en|&)[ \t]+$")
_AFTER_PERSON = re.compile(r"^[ \t]+(?:en|&)[ \t]+(?P<n>[a-zß-öø-ÿ][\w'’-]+)(?![\w'’-])")


def names_beside_people(anonymizer: Any, text: str,
                        people: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of lowercase first names joined by "en" or "&" to a person span: "van jelle
    en Sietske", "Truus & geert"."""
    first_names = lexicon.names()[0]
    found = []
    for start, end in people:
        before = _BEFORE_PERSON.search(text, max(0, start - 40), start)
        after = _AFTER_PERSON.match(text[end:end + 40])
        spans = []
        if before is not None:
            spans.append(before.span("n"))
        if after is not None:
            spans.append((end + after.start("n"), end + after.end("n")))
        for s, e in spans:
            word = text[s:e]
            key = word.casefold()
            if key in first_names and not _common(key) and key not in _DETERMINERS \
                    and _plain(anonymizer, word) and lexicon.frequency(key) < 5.0 \
                    and not any(ps <= s < pe for ps, pe in people):
                found.append((s, e))
    return found


_LOWER_SURNAME = re.compile(
    r"(?P<s>(?:[ \t]+(?:van|de|der|den|ter|ten|el|al|in[ \t]+'t))*[ \t]+[a-zß-ÿ][\w'’-]+)(?![\w'’-])")


def _lower_surname_end(text: str, end: int) -> int:
    """The end of a lowercase first name with the surname after it ("boer arie van den
    heuvel", "werkgever (stefan kusters)") when deduce knows that surname."""
    m = _LOWER_SURNAME.match(text, end)
    if m is None:
        return end
    words = m.group("s").split()
    last = words[-1].casefold()
    particles = len(words) > 1
    surnames = lexicon.names()[1]
    phrase = " ".join(words).casefold()
    if (phrase in surnames or last in surnames) and (particles or not _common(last)) \
            and last not in _DETERMINERS and lexicon.frequency(last) < (5.0 if particles else 4.0):
        return m.end("s")
    return end


def _overlapping(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of ``pattern``, each next one searched from the name of the one
    before: in "voorman (ene ruud)" the word after "voorman" is "ene", itself a context."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        yield m
        pos = max(m.start("n"), m.start() + 1)


def _lowercase_names(anonymizer: Any, text: str, add: Callable[..., None]) -> None:
    """"man (driss)", "dochter sophie (8)", "vriend kenny": a lowercase first name after
    a family word or before an age."""
    first_names = lexicon.names()[0]
    for pattern in (_LOWER_NAME_CONTEXT, _LOWER_BEFORE_AGE):
        for m in _overlapping(pattern, text):
            word = m.group("n")
            key = word.casefold()
            plain = _plain(anonymizer, word) or "-" in key and key in first_names \
                and not lexicon.is_function_word(key)  # "klaas-jan"
            if not plain or _common(key) or key in _DETERMINERS:
                continue
            # a name deduce's lists do not have ("zoontje kuba", "broer pawel"): a word
            # Dutch and English hardly write, however close to a word it looks
            ordinal = m.group().casefold().startswith(("tweede", "derde"))  # "de tweede vraag"
            if key in first_names and lexicon.frequency(key) < 5.0 \
                    or not ordinal and (_rare_word(key) or lexicon.proper_noun(key)):
                add(m.start("n"), _lower_surname_end(text, m.end("n")), "persoon", 2,
                    label="PERSOON")
    pseudonym = str(getattr(anonymizer, "_client_replacement", "") or "").casefold()
    for m in _CALLED.finditer(text):  # 'noemt zichzelf "de lange"'
        name = m.group("n").strip()
        key = name.casefold()
        if not name or len(name.split()) > 3 or pseudonym and pseudonym in key \
                or key in anonymizer._keep:
            continue
        start = m.start("n") + m.group("n").index(name)
        add(start, start + len(name), "persoon", 2, label="PERSOON")
    for m in _LOWER_POSSESSIVE.finditer(text):
        word = m.group("n")
        key = word.casefold()
        if word[:1].islower() and key in first_names and _plain(anonymizer, word) \
                and not _common(key) and key not in _DETERMINERS \
                and lexicon.frequency(key) < LOWER_POSSESSIVE_ZIPF:
            end = m.start("n") + len(word)
            add(m.start("n"), end, "persoon", 2, label="PERSOON")
    for m in _LOWER_SUBJECT.finditer(text):  # "bas regelt afspraak", "kim belt zus"
        word, verb = m.group("n"), m.group("v").casefold()
        key = word.casefold()
        if key not in first_names or _common(key) or key in _DETERMINERS \
                or not _plain(anonymizer, word) or lexicon.frequency(key) >= 5.0:
            continue
        if verb in _SUBJECT_VERBS or (verb.endswith("t") and len(verb) >= 4
                                      and lexicon.frequency(verb) >= 3.0
                                      and verb not in first_names):
            add(m.start("n"), m.end("n"), "persoon", 2, label="PERSOON")
    for m in _QUOTED_NAME.finditer(text):
        word = m.group("n")
        key = word.casefold()
        if (key in first_names or lexicon.frequency(key) < 2.0) and _plain(anonymizer, word) \
                and not _common(key) and lexicon.frequency(key) < 3.5:
            add(m.start("n"), m.end("n"), "persoon", 2, label="PERSOON")


#: a lowercase first name as the subject of a line: "bas regelt afspraak"
_LOWER_SUBJECT = re.compile(
    r"(?m)(?:^[ \t]*(?:[-*•>][ \t]*)?|[:;.!?][ \t]+|\+[ \t]*)(?P<n>[a-zß-öø-ÿ][a-zß-öø-ÿ'’-]{1,})"
    r"[ \t]+(?P<v>[a-zß-öø-ÿ]+)(?![\w'’-])"
)
_SUBJECT_VERBS = frozenset("is heeft gaat wil kan zal moet doet zegt belt mailt appt neemt".split())
#: a lowercase possessive is a first name only when Dutch hardly uses it as a word
#: (zipf): "jonas" 3.8, "anouk" lie under it; "mijn", "ons" are determiners anyway
LOWER_POSSESSIVE_ZIPF = 4.0


#: "Lot" for Lotte, "Jas" for Jasper, "Meh" for Mehmet: a short form of a known first name
#: of five letters or more, at least this share of it
NICKNAME_SHARE = 0.4


def _nicknames(anonymizer: Any, text: str, add: Callable[..., None],
               sentence_start: Callable[[str, int], bool]) -> None:
    """A capitalised first part of a known person's first name ("Lot vond het lastig"),
    not before a capitalised word ("Den Haag") or a pronoun ("Wil je")."""
    from casusdesk.services.anonymize import _PRONOUN_AFTER, _parse_name

    prefixes: dict[str, set[str]] = {}
    for name, replacement, _client in anonymizer._known.people:
        parsed = _parse_name(name)
        if parsed is None or not parsed.given:
            continue
        given = parsed.given[0].split("-")[0]
        for n in range(3, len(given)):
            if len(given) >= 5 and n / len(given) >= NICKNAME_SHARE:
                prefixes.setdefault(given[:n].casefold(), set()).add(replacement)
    if not prefixes:
        return
    for m in re.finditer(r"(?<![\w@'’-])[A-ZÀ-Þ][a-zß-ÿ]{2,}(?![\w'’-])", text):
        key = m.group().casefold()
        if key not in prefixes or key in anonymizer._not_name \
                or key in _known_tokens(anonymizer) or lexicon.frequency(key) >= 5.0:
            continue  # "Den", "Wil": words Dutch uses far more often
        after = re.match(r"[ \t]+([\w'’]+)", text[m.end():m.end() + 30])
        if after is not None and (after.group(1)[:1].isupper()
                                  or after.group(1).casefold() in _PRONOUN_AFTER):
            continue
        add(m.start(), m.end(), "eigen", 4, replacement="/".join(sorted(prefixes[key])))


#: "[TM] Oké." or "RE: dat kan": a participant's initials as the speaker of a line
_SPEAKER_INITIALS = re.compile(
    r"(?m)^[ \t]*(?:[-*•][ \t]*)?(?:\[(?P<a>[A-Z][a-z]{0,3}[A-Z])\]|"
    r"(?P<b>[A-Z][a-z]{0,3}[A-Z])[ \t]*:(?!\d))"
)


def _known_forms(anonymizer: Any, text: str, add: Callable[..., None],
                 sentence_start: Callable[[str, int], bool]) -> None:
    _lowercase_names(anonymizer, text, add)
    _nicknames(anonymizer, text, add, sentence_start)
    index = _known_tokens(anonymizer)
    if not index:
        return
    from rapidfuzz.distance import OSA  # a swap of two neighbours is one typo

    names = [k for k in index if k[:1] not in "#@%$"]
    for m in _SPEAKER_INITIALS.finditer(text):
        code = m.group("a") or m.group("b")
        if ("%" + code) in index and code.casefold() not in anonymizer._keep:
            start = m.start("a") if m.group("a") else m.start("b")
            add(start, start + len(code), "eigen", 4, replacement=index["%" + code])
    for m in _WORD.finditer(text):
        word = m.group()
        key = word.casefold()
        if key in index:
            if not _common(key):
                continue  # the known-name pass has it
            # a known name that is also a word ("Roos", "Wit", "de Wit")
            before = re.findall(r"[\w'’]+", text[max(0, m.start() - 30):m.start()])
            prev = before[-1].casefold() if before else ""
            if word[:1].isupper():
                if ("@" + key) not in index:
                    continue  # the known-name pass decides ("Karin Bakker" is someone else)
                if sentence_start(text, m.start()) and lexicon.frequency(key) >= 5.5:
                    continue  # "Meer tijd": the word
                before_cap = re.search(r"[A-ZÀ-Þ][\w'’-]+[ \t]+$", text[max(0, m.start() - 30):m.start()])
                if before_cap is not None and not sentence_start(text, m.start() - len(before_cap.group())):
                    continue  # "Karin Wit": someone else
            elif prev in _DETERMINERS or (prev.endswith("e") and lexicon.frequency(prev) >= 3.5):
                continue  # "een rode roos", "de bakker"
            add(m.start(), m.end(), "eigen", 4, replacement=index[key])
            continue
        if word.isupper() and ("#" + word) in index:
            add(m.start(), m.end(), "eigen", 4, replacement=index["#" + word])
            continue
        if len(key) < 4 or _common(key) or not word[:1].isalpha():
            continue
        for name in names:
            if key.startswith(name) and len(name) >= 2 \
                    and _DIMINUTIVE.fullmatch(key[len(name):]):
                add(m.start(), m.end(), "eigen", 4, replacement=index[name])
                break
            typo = key[:1] == name[:1] and abs(len(key) - len(name)) <= 1 \
                and OSA.distance(key, name, score_cutoff=1) <= 1
            # a spelling of the same sound may itself be a frequent name ("Jennifer")
            # the sound only of a first name: "Visscher" is someone else than "Visser"
            sounds = ("$" + name) in index and _sound(key) == _sound(name)
            if len(name) >= 5 and (typo or sounds) \
                    and lexicon.frequency(key) < (3.0 if typo else SOUND_ALIKE_ZIPF):
                add(m.start(), m.end(), "eigen", 4, replacement=index[name])
                break


#: a word that sounds as a known name is that name unless Dutch uses it this often
SOUND_ALIKE_ZIPF = 4.5
#: spellings of one sound in Dutch names: "Shurandie" is "Shurandy", "Carin" "Karin"
_SOUNDS = (("sch", "s"), ("dj", "j"), ("sj", "s"), ("sh", "s"), ("ch", "s"), ("ph", "f"), ("th", "t"), ("dt", "t"), ("ck", "k"), ("ie", "i"),
           ("ij", "i"), ("ey", "i"), ("ei", "i"), ("y", "i"), ("c", "k"), ("z", "s"), ("ou", "au"),
           ("oe", "u"), ("ee", "e"), ("aa", "a"), ("oo", "o"), ("uu", "u"))


@functools.lru_cache(maxsize=50_000)
def _sound(key: str) -> str:
    """A name as it sounds, roughly: spelling variants of one sound made one, double
    letters single ("Mohammed", "Mohamed"; "Shurandy", "Shurandie")."""
    for written, said in _SOUNDS:
        key = key.replace(written, said)
    return re.sub(r"(.)\1+", r"\1", key)
