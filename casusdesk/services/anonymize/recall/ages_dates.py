"""Ages without a trigger word, dates without a year, handles and identifying numbers."""

from __future__ import annotations

from casusdesk.services.anonymize import regex as re
from collections.abc import Callable
from typing import Any

from casusdesk.services.anonymize import lexicon
from casusdesk.services.anonymize.dates import _PERSON_NOUNS
from casusdesk.services.anonymize.recall.base import (
    _AFTER_YEARS,
    _AGE_COMMAS,
    _AGE_IS,
    _AGE_LIST,
    _AGE_ORDINAL,
    _AGE_RELATIVE_NAME,
    _AGE_STATUS,
    _AGE_TITLE,
    _AGE_TOEN,
    _AGE_UNIT,
    _AGE_WORDT,
    _AMOUNT_AFTER,
    _DATE_DM,
    _DETERMINERS,
    _DAY_ORDINAL,
    _HANDLE,
    _NUMBER,
    _PAGE_BEFORE,
    _PERSON,
    _PRON,
    _compound_of_words,
    _plain,
)
from casusdesk.services.anonymize.recall.hurried import _NUMWORD
from casusdesk.services.anonymize.recall.places import _common
from casusdesk.services.anonymize.recall.people import (
    _known_tokens,
)


# -- ages ---------------------------------------------------------------------------------

#: an age written out: "zestien", "achtenvijftig", "elf" (spoken ages say [LEEFTIJD])
_AGE_NUMBER = rf"(?:\d{{1,3}}|(?i:{_NUMWORD}))"
#: right after a person (a name found, a known name, the pseudonym): "Ayaan 10.",
#: "Bram elf,", "Noor negen jaar", "Fenna 12 op de OBS", "mevrouw K., 31 jaar,",
#: "(negen)", "kleine adam van 4"
_AGE_AFTER_PERSON = re.compile(
    rf"(?:[ \t]*,[ \t]*|[ \t]+(?:van[ \t]+)?|[ \t]*\([ \t]*"
    r"|[ \t]+(?:is|was|werd|wordt)[ \t]+(?:dan|toen|nu|pas|net|al|bijna)[ \t]+"
    r"|[ \t]+(?:zijn|waren)[ \t]+)"  # "Sem en Lot zijn 2 en gaan naar de opvang"
    rf"(?P<n>{_AGE_NUMBER})"
    r"(?P<u>[ \t]*(?:jaar|jr\.?|(?P<months>maanden|maand|mnd\.?|weken|wk\.?))"
    r"(?:[ \t]+oud)?)?(?P<close>[ \t]*\))?"
    r"(?=[ \t]*(?:[,;!?\]|]|\.(?!\d)|:(?!\d)|/(?!\d)|->|→|\n|$)"
    r"|[ \t]+(?:op|en|zit|gaat|woont|is|was|heeft|had|thuis|bij|met|naar|in|die|dat)\b"
    r"|(?P<next>[ \t]+)(?=\S))"
)
#: "net 18 geworden", "is 40 jaar geworden"
_AGE_BECAME = re.compile(r"(?<![\w.,/€-])(?P<n>\d{1,3})(?P<u>[ \t]*(?:jaar|jr\.?))?[ \t]+geworden(?![\w])")
#: a table typed with pipes, tabs or semicolons
_TABLE_ROW = re.compile(r"(?m)^[^\n]*(?:\|[^\n]*\||\t[^\n]*|;[^\n]*;)[^\n]*$")
_AGE_HEADER = re.compile(r"(?i)^\s*(?:leeftijd|lft\.?|leeft\.?|age|jr|jaar|ouderdom)\s*$")


def _table_ages(text: str, age: Callable[[int, int, str], None]) -> None:
    """The numbers in a column headed "leeftijd" of a table typed with | ; or tabs."""
    rows = list(_TABLE_ROW.finditer(text))
    column: int | None = None
    separator = ""
    previous_end = -2
    for row in rows:
        line = row.group()
        if row.start() != previous_end + 1:
            column = None  # a new table
        previous_end = row.end()
        for sep in ("|", "\t", ";"):
            if line.count(sep) >= (2 if sep == "|" else 1):
                break
        cells = line.split(sep)
        headers = sorted((i for i, cell in enumerate(cells) if _AGE_HEADER.match(cell)),
                         key=lambda i: cells[i].strip().casefold() in {"jaar", "jr"})
        if headers and headers[0] + 1 < len(cells):  # "| leeftijd | 44 |": a row of its own
            offset = row.start() + sum(len(c) + 1 for c in cells[:headers[0] + 1])
            m = re.fullmatch(r"\s*(\d{1,3})(?:\s*(?:jaar|jr\.?))?\s*", cells[headers[0] + 1])
            if m is not None:
                age(offset + m.start(1), offset + m.end(1), m.group(1))
                continue
        if headers:
            column, separator = headers[0], sep
            continue
        if column is None or sep != separator or column >= len(cells):
            continue
        offset = row.start() + sum(len(c) + 1 for c in cells[:column])
        cell = cells[column]
        m = re.fullmatch(r"\s*(?:(?:ca\.?|circa|ong\.?|±|~)\s*)?(\d{1,3})(?:\s*(?:jaar|jr\.?))?\s*",
                         cell)
        if m is not None:
            age(offset + m.start(1), offset + m.end(1), m.group(1))


#: "vader Kees (toen 24)", ", toen 16,": an age at the time of a life event
_AGE_TOEN_BRACKET = re.compile(
    r"(?:\([ \t]*|(?<=,)[ \t]*)(?i:toen|destijds|nu|inmiddels|intussen)[ \t]+(?P<n>\d{1,2})"
    r"(?:[ \t]*(?:jaar|jr\.?))?(?=[ \t]*[),])")
#: "kinderen ali 17 sara 14 en baby": a first name typed in lower case and an age
_LOWER_NAME_AGE = re.compile(
    r"(?<![\w'’-])(?P<who>[^\W\d_][\w'’-]+)[ \t]+(?P<n>\d{1,2})"
    r"(?=[ \t]*[,;)/|]|[ \t]*$|[ \t]+(?:en|&)[ \t]|[ \t]+[a-zß-ÿ][\w'’-]+[ \t]+\d{1,2}(?![\w.,:])"
    r"|[ \t]*\((?![ \t]*\d)|[ \t]+(?:groep|jr|jaar|j)\b(?![ \t]+(?:geleden|lang|terug)\b))",
    re.M)
#: "hoe oud is meneer T.? 27, kwam ...": the answer to the question of someone's age
_AGE_ANSWER = re.compile(
    r"(?i:(?<![\w])hoe[ \t]+oud[ \t]+(?:is|was|zijn|waren|wordt)[^?\n]{0,40}\?[ \t]*"
    r"(?:->|→|=|:)?[ \t]*)(?P<n>\d{1,3})(?![\w.,:]?\d)(?![ \t]*(?:%|euro|€|uur|keer)\b)")
#: "vanaf 18 jaar bij de gemeente op de vuilniswagen": from that age on
_AGE_FROM = re.compile(
    r"(?i:(?<![\w])vanaf[ \t]+)(?P<n>\d{1,2})[ \t]+(?:jaar|jr)\b"
    r"(?![ \t]+(?:geleden|terug|lang|oud\w*|ouder|en[ \t]+ouder)\b)")
#: "2003 (16 jaar): getrouwd": the age at an event of a life line
_AGE_AT_YEAR = re.compile(
    r"(?<![\w])(?:19|20)\d{2}[ \t]*\([ \t]*(?P<n>\d{1,2})(?:[ \t]*(?:jaar|jr\.?|j))?[ \t]*\)")
#: "(Noor, 4 mnd)": a baby's age in months or weeks after the baby's name
_NAME_MONTHS = re.compile(
    r"\((?P<who>[A-ZÀ-Þ][\w'’-]+)[ \t]*,[ \t]*"
    r"(?P<n>\d{1,2}[ \t]*(?:mnd|maanden|maand|weken|wk)\.?)[ \t]*\)")
#: "2 mnd oud", "baby van 5 weken": a baby's age in months or weeks, whoever it is
#: a relation and an age in a cell of a table: "| zoon, 14 |", "echtgenote, 38 |"
_NOUN_COMMA_AGE = re.compile(
    rf"(?i:(?<![\w])(?:{_PERSON_NOUNS}|echtgenote|echtgenoot|stiefzoon|stiefdochter|"
    r"pleegzoon|pleegdochter|kleinzoon|kleindochter)[ \t]*,[ \t]*)"
    r"(?P<n>\d{1,2})(?=[ \t]*(?:\||;|\t|$))", re.M)
_AGE_MONTHS_OLD = re.compile(
    r"(?i:(?<![\w.,/-])(?P<n>\d{1,2})[ \t]*(?:maanden|maand|mnd\.?|weken|wk\.?)[ \t]+oud"
    r"|(?<=baby)[ \t]+van[ \t]+(?P<m>\d{1,2})[ \t]*(?:maanden|maand|mnd\.?|weken|wk\.?))"
    r"(?![\w])"
)
#: "zodra hij 18 wordt", "als ze 12 is": a pronoun, a number and a verb of being
_AGE_PRONOUN_VERB = re.compile(
    rf"(?i:(?<![\w]){_PRON}\s+)(?P<n>\d{{1,3}})(?=\s+(?:wordt|werd|is|was|ben|bent)\b)"
)
#: "mevrouw F., begin 40,": a decade of life
_AGE_DECADE = re.compile(
    r"(?i:(?<![\w])(?:begin|eind|midden|half|ergens\s+in\s+de|achter\s+in\s+de|"
    r"voor\s+in\s+de)\s+(?:de\s+)?)(?P<n>[1-9]0)(?:er|['’]?s)?(?=\s*[,;)]|\.(?!\d)|\s*\n)"
)
#: "(partner, 33)", "(oma, 71)": a person word and a number in brackets
_AGE_ROLE_BRACKET = re.compile(
    rf"\((?i:{_PERSON}|partner|echtgenoot|echtgenote|stiefvader|stiefmoeder|kleinzoon|"
    r"kleindochter|schoonmoeder|schoonvader)\s*,\s*(?P<n>\d{1,3})\s*\)"
)
#: a life line ordered by age: lines that start with the age ("22       trouwt met")
_LIFE_LINE = re.compile(
    r"^[ \t]*(?P<n>\d{1,2})(?P<u>[ \t]*(?:jr\.?|jaar))?(?:[ \t]{2,}|\t|[ \t]*[-–:][ \t]+)(?=\S)",
    re.M,
)


def ages_after_people(text: str, people: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Ages right after a person's span: (start, end, number text) for each."""
    out = []
    starts = {start for start, _end in people}
    for _start, end in people:
        m = _AGE_AFTER_PERSON.match(text, end)
        if m is None:
            continue
        if m.group("next") is not None and m.end("next") not in starts:
            continue  # "Fenna 10 Noor 8": only when another person follows at once
        if m.group("months"):  # "Liam van 8 maanden": a baby
            if m.group("n").isdigit() and int(m.group("n")) <= 36:
                out.append((m.start("n"), m.end("u"), "0"))
            continue
        opened = "(" in text[end:m.start("n")]
        if opened and not m.group("close"):
            continue  # "Bram (12 jaar in NL": an open bracket needs its close
        if m.group("n").isdigit() and int(m.group("n")) > 110:
            continue
        if not m.group("n").isdigit() and not (m.group("u") or opened or "," in text[end:m.start("n")]
                                               or re.match(r"[ \t]*[,.;\n]|$", text[m.end():])):
            continue  # "Bram twee keer": a written number needs an age's place
        out.append((m.start("n"), m.end("u") if m.group("u") else m.end("n"), m.group("n")))
    return out


def _life_line_ages(text: str, age: Callable[[int, int, str], None]) -> None:
    """Three or more lines in a row that start with a rising age, one of them with "jr"
    or "jaar", or below a heading that names a life line."""
    lines = list(_LIFE_LINE.finditer(text))
    run: list[re.Match[str]] = []

    def flush() -> None:
        if len(run) >= 3:
            values = [int(m.group("n")) for m in run]
            rising = all(b > a for a, b in zip(values, values[1:]))
            numbered = values == list(range(values[0], values[0] + len(values)))
            marked = any(m.group("u") for m in run) or re.search(
                r"(?i)levenslijn|tijdlijn|levensloop|leeftijd",
                text[max(0, run[0].start() - 300):run[0].start()])
            if rising and not numbered and marked:
                for m in run:
                    age(m.start("n"), m.end("u") if m.group("u") else m.end("n"), m.group("n"))
        run.clear()

    for m in lines:
        if run and text.count("\n", run[-1].start(), m.start()) != 1:
            flush()
        run.append(m)
    flush()


#: a genogram typed from a flip chart: "mevrouw ♀ 38", "♂45", "38 ♀"
_AGE_GENDER_SIGN = (
    re.compile(r"[♀♂]\ufe0f?[ \t]*(?P<n>\d{1,3})(?![\d.,:/-]?\d)(?![ \t]*(?:%|€|uur|x\b))"),
    re.compile(r"(?<![\w.,:/-])(?P<n>\d{1,3})[ \t]*(?=[♀♂])"),
)


def _ages(anonymizer: Any, text: str, add: Callable[..., None],
          band: Callable[[int], str | None]) -> None:
    def age(start: int, end: int, value: str) -> None:
        b = band(int(value))
        if b is not None:
            add(start, end, "leeftijd", replacement=b)

    for pattern in (_AGE_PRONOUN_VERB, _AGE_DECADE, _AGE_ROLE_BRACKET):
        for m in pattern.finditer(text):
            age(m.start("n"), m.end("n"), m.group("n"))
    _life_line_ages(text, age)

    for m in _AGE_IS.finditer(text):
        subject = m.group("s") or ""
        person = re.fullmatch(_PERSON, subject.rstrip("."), re.I) is not None \
            or subject.rstrip(".").casefold() in {"dhr", "mw", "mevr", "mijnheer"}
        if subject[:1].isupper() and subject.casefold() in anonymizer._not_name and not person:
            continue
        if subject[:1].isupper() and not person and not re.fullmatch(_PRON, subject, re.I) \
                and lexicon.frequency(subject.casefold()) >= 4.5 \
                and subject.casefold() not in lexicon.names()[0]:
            continue  # "Dat is 5", "Het is 3": no person
        age(m.start("n"), m.end("n"), m.group("n"))
        other = re.match(r",?\s+(?:niet|of|en\s+niet)\s+(\d{1,3})(?![\d.,]\d|\s*(?:%|€|euro|uur|keer|x\b))",
                         text[m.end("n"):m.end("n") + 20])
        if other is not None:  # "hij is 33, niet 23"
            age(m.end("n") + other.start(1), m.end("n") + other.end(1), other.group(1))
    for m in _AGE_BECAME.finditer(text):
        age(m.start("n"), m.end("u") if m.group("u") else m.end("n"), m.group("n"))
    _table_ages(text, age)
    for m in _NOUN_COMMA_AGE.finditer(text):  # "| zoon, 14 |"
        age(m.start("n"), m.end("n"), m.group("n"))
    for m in _AGE_MONTHS_OLD.finditer(text):  # "dus 2 mnd oud", "baby van 5 weken"
        add(m.start(), m.end(), "leeftijd", replacement="0-3")
    for pattern in (_AGE_WORDT, _AGE_TOEN, *_AGE_GENDER_SIGN):
        for m in pattern.finditer(text):
            age(m.start("n"), m.end("n"), m.group("n"))
    for m in _AGE_ORDINAL.finditer(text):
        age(m.start("n"), m.end(), m.group("n"))
    first_names = lexicon.names()[0]
    for m in _AGE_COMMAS.finditer(text):
        who = m.group("who")
        before = re.findall(r"[\w'’]+", text[max(0, m.start() - 20):m.start()])
        if who[:1].isupper() or re.fullmatch(_PERSON, who, re.I) or who.endswith(")") \
                or who.casefold() in _known_tokens(anonymizer) \
                or who.casefold() in first_names \
                or (before and re.fullmatch(_PERSON, before[-1], re.I)):  # "dochter jaylinn, 11,"
            age(m.start("n"), m.end("u") if m.group("u") else m.end("n"), m.group("n"))
    for pattern in (_AGE_STATUS, _AGE_TITLE, _AGE_RELATIVE_NAME, _AGE_TOEN_BRACKET):
        for m in pattern.finditer(text):
            age(m.start("n"), m.end("n"), m.group("n"))
    for pattern in (_AGE_ANSWER, _AGE_AT_YEAR, _AGE_FROM):
        for m in pattern.finditer(text):
            age(m.start("n"), m.end("n"), m.group("n"))
    for m in _NAME_MONTHS.finditer(text):
        key = m.group("who").casefold()
        if key in first_names or lexicon.unknown_word(key, 3.0) and not _compound_of_words(key):
            add(m.start("n"), m.end("n"), "leeftijd", replacement="0-3")
    for m in _LOWER_NAME_AGE.finditer(text):
        word = m.group("who")
        key = word.casefold()
        if key in first_names and not _common(key) and key not in _DETERMINERS \
                and lexicon.frequency(key) < 5.0 and _plain(anonymizer, word):
            age(m.start("n"), m.end("n"), m.group("n"))
            if word[:1].islower():  # "sara 14": the name, typed in lower case, too
                add(m.start("who"), m.end("who"), "persoon", 2, label="PERSOON")
    for m in _AGE_UNIT.finditer(text):
        if m.group("u").strip().casefold().startswith("jr") and re.match(
                rf"\s+(?:{_AFTER_YEARS})\b", text[m.end():], re.I):
            continue  # "30 jr gewerkt", "2 jr in NL": a duration
        age(m.start("n"), m.end("u") if not m.group("u").startswith("-") else m.end("n"),
            m.group("n"))
    for m in _AGE_LIST.finditer(text):
        for n in re.finditer(r"\d{1,2}", m.group("list")):
            age(m.start("list") + n.start(), m.start("list") + n.end(), n.group())


# -- dates --------------------------------------------------------------------------------


def _dates(text: str, add: Callable[..., None], months: tuple[str, ...]) -> None:
    for m in _DATE_DM.finditer(text):
        if m.group("d") == "24" and m.group("m") == "7":
            continue  # "24/7"
        if _PAGE_BEFORE.search(text[max(0, m.start() - 14):m.start()]):
            continue  # "blz. 3-5", "art. 2-4": pages and articles, no date
        if m.group("sep") == "-" and not m.group("wd") and len(m.group("d")) == 1 \
                and len(m.group("m")) == 1 and re.search(r"\d\s*$", text[:m.start()]):
            continue
        start = m.start()
        replacement = months[int(m.group("m"))]
        op = re.search(r"(?<![\w])([Oo]p)\s+$", text[max(0, start - 6):start])
        if op is not None:
            start -= len(op.group())
            replacement = ("In " if op.group(1) == "Op" else "in ") + replacement
        add(start, m.end(), "datum", replacement=replacement)
    for m in _DAY_ORDINAL.finditer(text):
        add(m.start("n"), m.end("n"), "datum", replacement="[DATUM]")


# -- handles and numbers -------------------------------------------------------------


def _identifiers(text: str, add: Callable[..., None]) -> None:
    for m in _HANDLE.finditer(text):
        add(m.start(), m.end(), "account", 7)
    for m in _NUMBER.finditer(text):
        token = m.group("n")
        digits = sum(ch.isdigit() for ch in token)
        letters = re.match(r"[A-Z]+", token)
        if letters is not None and digits >= 3:
            pass  # a code such as ZK-4471-23
        elif digits < 5:
            continue
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", token):
            continue  # 12.500: an amount
        if re.search(r"(?:€|eur|euro)\s*$", text[max(0, m.start() - 6):m.start()], re.I):
            continue
        if _AMOUNT_AFTER.match(text, m.end()):
            continue
        if re.fullmatch(r"(?:19|20)\d{2}(?:-(?:19|20)\d{2})?", token):
            continue  # years, "2019-2021"
        if re.fullmatch(r"\d{1,2}([-/.])\d{1,2}\1\d{2,4}|\d{4}([-/.])\d{1,2}\2\d{1,2}", token):
            continue  # a date: the date rules generalise it
        add(m.start(), m.end(), "nummer", 2)  # phone numbers, IBAN, BSN rules win


#: agent nouns: "vrachtwagenchauffeur", "schoonmaker", "verpleegkundige" (not -ist: "verhuist")
_AGENT = re.compile(r"(?:[^\W\d_]{3,}(?:er|ster|eur|kundige|werker|man|vrouw|kok))$")


def years_as_work(text: str, start: int, end: int) -> bool:
    """"30 jaar vrachtwagenchauffeur", "25 jaar lid van", "3 jaar ouder": the number at
    text[start:end] (with or without "jaar") tells how long, not how old."""
    span = text[start:end]
    unit = "" if re.search(r"(?:jaar|jr)\.?$", span) else r"[ \t]+(?:jaar|jr)\.?"
    m = re.match(unit + r"[ \t]+([^\W\d_][\w'’-]*)", text[end:end + 60])  # same line
    if m is None:
        return False
    word = m.group(1).casefold()
    if word in {"lid", "vrijwilliger", "actief", "mantelzorger", "getrouwd", "als", "ouder",
                "jonger"}:
        return True
    if re.fullmatch(rf"(?:{_PERSON_NOUNS}|moeder|vader|oma|opa)", word):
        return False  # "ze is 25 jaar moeder van drie"? an age, to be safe
    return lexicon.is_function_word(word) or (
        _AGENT.search(word) is not None and word not in lexicon.names()[0]
        and lexicon.frequency(word) < 5.0)
