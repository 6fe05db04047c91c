"""Ages said in passing, in chats and hurried notes (issue 9).

"Amira nu 16 en ...", "mevrouw Yildiz zelf 36, werkt ...", "29 is jong", "zoon Rami is
dan 3", "Daan (zn, 19)", "februari 2024 — wordt 18.", "Sinds 18e kamer in Utrecht", "een dochtertje, Lina, van drie,", "de kleine adam
van vijf komma": a number after a name or a word for a child that no unit follows.
"""

from __future__ import annotations

from casusdesk.services.anonymize import regex as re
from collections.abc import Callable

from casusdesk.services.anonymize.recall.base import _PERSON, _UNITS
from casusdesk.services.anonymize.recall.hurried import _NUMWORD

#: what after the number makes it no age
_NO_AGE_AFTER = rf"(?![\w.,:/-]|[ \t]*(?:{_UNITS}|duizend|mille|jaar[ \t]+(?:bij|gewerkt|getrouwd)))"
#: "Amira nu 16", "Rami (nu 16)": after a name or a word for a person
_NAME_NOW = re.compile(
    rf"(?:(?<![\w'’-])[A-ZÀ-Þ][\w'’-]+|(?i:{_PERSON}))[ \t]+nu[ \t]+(?P<n>\d{{1,3}})"
    + _NO_AGE_AFTER)
#: "mevrouw Y. zelf 36, werkt": someone's own age beside the others'
_SELF = re.compile(
    rf"(?i:(?:mevrouw|meneer|mw\.?|dhr\.?|mevr\.?|{_PERSON})(?:[ \t]+[A-ZÀ-Þ][\w'’.-]*)?"
    r"[ \t]+zelf[ \t]+)(?P<n>\d{1,3})(?=[ \t]*(?:[,.;)]|en\b|\n|$))")
#: "29 is jong", "52 is te oud voor de bouw"
_IS_YOUNG = re.compile(
    r"(?<![\w.,€-])(?P<n>\d{1,3})[ \t]+(?:is|ben|was)[ \t]+(?:(?:te|nog|erg|best|al|toch|"
    r"wel|heel)[ \t]+)?(?:jong|oud)(?![\w])")
#: "zoon Rami jr. is dan 3": the age at a moment of a timeline
_IS_THEN = re.compile(
    rf"(?i:(?:{_PERSON})\b[^\n;]{{0,30}}?\b(?:is|was|wordt)[ \t]+dan[ \t]+)"
    rf"(?P<n>\d{{1,2}}|{_NUMWORD})(?![\w])" + _NO_AGE_AFTER)
#: "Sinds 18e kamer in Utrecht", "vanaf 16e": the birthday someone turned
_SINCE_BIRTHDAY = re.compile(
    r"(?i:(?<![\w])(?:sinds|vanaf|na|tot|voor|vóór)[ \t]+)(?P<w>(?P<n>\d{1,2})(?:e|ste|de))(?![\w])"
    r"(?![ \t]+(?:week|dag|keer|maand|plaats|jaar|eeuw|klas|groep))")
#: "een dochtertje, Lina, van drie,", "de kleine adam van vijf komma"
_CHILD_OF = re.compile(
    r"(?i:(?<![\w])(?:dochter|dochtertje|zoon|zoontje|kind|kindje|meisje|meid|jongen|"
    r"jongetje|kleine|broertje|zusje|kleinkind|kleinzoon|kleindochter|baby|tweeling|"
    r"oudste|jongste|middelste)\b[^\n.;]{0,25}?[ \t]van[ \t]+)"
    rf"(?P<n>\d{{1,2}}|{_NUMWORD})"
    r"(?=[ \t]*(?:[,.;)]|(?i:komma|punt|en|die|jaar|jr)\b|\n|$))")


#: "Zoon Daan (zn, 19)", "(dr, 12)": a relation in short and an age
_SHORT_RELATION = re.compile(
    r"(?i:\((?:zn|zoon|dr|dochter|doch|vr|vrouw|man|ptr|partner|ex|br|broer|zus|zs|kl|"
    r"kleinzoon|kleindochter|neef|nicht|oom|tante|mdr|moeder|vdr|vader)\.?[ \t]*[,:][ \t]*)"
    r"(?P<n>\d{1,3})(?:[ \t]*(?:jaar|jr\.?))?[ \t]*\)")
#: "februari 2024 — wordt 18. Kinderbijslag stopt": the birthday in a timeline
_TURNS = re.compile(r"(?i:(?<![\w])wordt[ \t]+)(?P<n>\d{1,3})(?=[ \t]*(?:[.;!]|,[ \t]|\n|$))")


def _ages_in_passing(text: str, add: Callable[..., None],
                     band: Callable[[int], str | None]) -> None:
    for pattern in (_NAME_NOW, _SELF, _IS_YOUNG, _SINCE_BIRTHDAY, _SHORT_RELATION, _TURNS,
                    _IS_THEN, _CHILD_OF):
        group = "w" if "w" in pattern.groupindex else "n"  # "18e": the whole ordinal goes
        for m in pattern.finditer(text):
            number = m.group("n")
            if not number.isdigit():  # "van drie": a spelled number, no band
                if number.casefold() not in {"een", "één"}:
                    add(m.start("n"), m.end("n"), "leeftijd", replacement="[LEEFTIJD]")
            elif int(number) <= 110 and (b := band(int(number))) is not None:
                add(m.start(group), m.end(group), "leeftijd", replacement=b)
