"""Landlords and welfare organisations by their context (issue 9).

- "huurwoning van Woonbedrijf", "achterstand huur bij Woonbedrijf", "(woning Portaal)",
  "Woningcorporatie : Pre Wonen", "huurhuis van pré wonen nee van ymere", "een
  Maasvallei-huurwoning": after a word for renting, a name is the landlord, however
  ordinary its words ("Ons Huis", "Woonbedrijf"); in lower case only a word that Dutch
  hardly knows.
- "Versa Welzijn", "SW Ons Welzijn", "sociaal werker bij Partners in Welzijn", "Mozaïek
  Wonen": capitalised words before "Welzijn" or "Wonen" name a local organisation.

A regional housing corporation or welfare foundation narrows down where someone lives.
"""

from __future__ import annotations

from casusdesk.services.anonymize import regex as re
from collections.abc import Callable
from typing import Any

from casusdesk.services.anonymize import lexicon
from casusdesk.services.anonymize.recall.base import _inside
from casusdesk.services.anonymize.recall.places import _common

_WORD = r"[A-ZÀ-Þ][\w'’&-]*"
_LOWER = r"[a-zß-ÿ][\w'’-]{3,}"
#: a word for renting, then the landlord
_RENTED_FROM = re.compile(
    r"(?i:(?<![\w-])(?:huurwoning|huurhuis|huur|huurachterstand|huurschuld|woning|"
    r"woningcorporatie|corporatie|verhuurder|woningbouwvereniging|huurcontract)"
    r"\??(?:[ \t]*(?:\(|:)|[ \t]+(?:bij|van|via|is|nee[ \t]*->|->)))[ \t]*(?:(?i:de|het)[ \t]+)?"
    rf"(?P<n>{_WORD}(?:[ \t]+{_WORD}){{0,2}}|(?P<low>{_LOWER}(?:[ \t]+wonen)?))"
    r"(?![\w'’&-])")
#: "(woning Portaal)", "(verhuurder: Vesteda)": the landlord in brackets
_IN_BRACKETS = re.compile(
    r"\((?i:woning|huurwoning|huurhuis|verhuurder|corporatie|woningcorporatie)[ \t:]+"
    rf"(?:(?i:van)[ \t]+)?(?P<n>{_WORD}(?:[ \t]+{_WORD}){{0,2}})\)")
#: "Maasvallei-huurwoning": the landlord before a hyphen
_LANDLORD_COMPOUND = re.compile(rf"(?<![\w'’-])(?P<n>{_WORD})-(?i:huurwoning|huurhuis)(?![\w])")
#: "Versa Welzijn", "Partners in Welzijn", "Mozaïek Wonen"
_NAMED_SECTOR = re.compile(
    rf"(?<![\w'’&-])(?P<n>{_WORD}(?:[ \t]+(?:in|&|en)[ \t]+|[ \t]+)(?:{_WORD}[ \t]+)?"
    r"(?:Welzijn|Wonen|Woondiensten|Thuiszorg))(?![\w'’&-])")
#: first words that make "X Welzijn" a sector or a kind, no name
_SECTOR_WORDS = frozenset({
    "stichting", "sociaal", "maatschappelijk", "beschermd", "begeleid", "zelfstandig",
    "zorg", "werk", "wonen", "welzijn", "en", "jeugd", "thuis", "opleiding", "mbo",
    "afdeling", "team", "sector", "domein", "beleid", "wmo", "gemeente", "de", "het",
})
_DO_NOT_TAKE = frozenset({"gemeente", "particulier", "particuliere", "eigenaar", "ouders",
                          "moeder", "vader", "zus", "broer", "familie", "hospita"})


def _landlord(anonymizer: Any, name: str, lower: bool) -> bool:
    words = name.split()
    first = words[0].casefold()
    if first in _DO_NOT_TAKE or any(w.casefold() in anonymizer._keep for w in words) \
            or lexicon.is_function_word(first) or first in lexicon.names()[0]:
        return False
    if lower:
        key = words[0].casefold()
        return not _common(key) and lexicon.frequency(key) < 2.5 and not lexicon.is_place(key)
    if lexicon.is_place(name) or lexicon.is_country(name):
        return False  # "huur in Assen" is a place, found by the place rules
    return not (len(words) == 1 and lexicon.frequency(first) >= 4.5)


def _without_place(text: str, start: int, end: int) -> int:
    """The end of a name without the place after it ("Woonstad Rotterdam": the
    landlord is "Woonstad", found as such elsewhere too; the place rules take the rest)."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while len(words) > 1 and lexicon.is_place(words[-1].group()):
        words.pop()
    return start + words[-1].end()


def _landlords(anonymizer: Any, text: str, add: Callable[..., None],
               protected: list[tuple[int, int]]) -> None:
    for pattern in (_RENTED_FROM, _IN_BRACKETS):
        for m in pattern.finditer(text):
            low = "low" in pattern.groupindex and m.group("low") is not None
            if _inside(protected, *m.span("n")) or not _landlord(anonymizer, m.group("n"), low):
                continue
            add(m.start("n"), _without_place(text, *m.span("n")), "instelling", 2,
                label="INSTELLING")
    for m in _LANDLORD_COMPOUND.finditer(text):
        if _landlord(anonymizer, m.group("n"), False) and not _inside(protected, *m.span("n")):
            add(m.start("n"), m.end("n"), "instelling", 2, label="INSTELLING")
    for m in _NAMED_SECTOR.finditer(text):
        start = m.start("n")
        lead = re.match(r"(\S+)[ \t]+", m.group("n"))
        if lead and (lead.group(1).casefold() in anonymizer._keep
                     or lexicon.is_function_word(lead.group(1))):
            start += lead.end()  # "SW Ons Welzijn": the function stays
        words = text[start:m.end("n")].split()
        if words[0].casefold() in _SECTOR_WORDS or words[0].casefold() in anonymizer._keep \
                or lexicon.is_function_word(words[0]) or _inside(protected, *m.span("n")):
            continue
        if " ".join(words).casefold() in anonymizer._keep:
            continue
        add(start, m.end("n"), "instelling", 2, label="INSTELLING")
