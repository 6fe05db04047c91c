"""Dates and ages: how they are read, generalised and told from durations."""

from __future__ import annotations

from casusdesk.services.anonymize import regex as re

from casusdesk.services.anonymize.words import (
    _FIXED_REPLACEMENT,
    _MONTH_NAMES,
    _MONTHS,
    _WEEKDAYS,
)

# --------------------------------------------------------------------------------------
# Dates and ages
# --------------------------------------------------------------------------------------

_MONTH_ALT = "|".join(
    [m for m in sorted(_MONTHS, key=len, reverse=True) if m == _MONTH_NAMES[_MONTHS[m]]]
    + [m + r"\.?" for m in sorted(_MONTHS, key=len, reverse=True)
       if m != _MONTH_NAMES[_MONTHS[m]]]
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_DATE_TEXT = re.compile(
    rf"(?<![\w])(?:(?:{'|'.join(_WEEKDAYS)})\s+)?(?P<d>{_DAY})(?:e|ste|de)?\s*"
    rf"(?P<m>{_MONTH_ALT})(?![\w])(?:\s*(?P<y>(?:19|20)\d{{2}}|['’`]\d{{2}})(?!\d))?",
    re.IGNORECASE,
)
_DATE_DMY = re.compile(
    rf"(?<![\w.,/-])(?P<d>{_DAY})(?P<sep>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=sep)"
    r"(?P<y>(?:19|20)\d{2}|['’`]?\d{2})(?![\w]|[-/.,]\d)"
)
_DATE_YMD = re.compile(
    rf"(?<![\w.,/-])(?P<y>(?:19|20)\d{{2}})(?P<sep>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=sep)"
    rf"(?P<d>{_DAY})(?![\w]|[-/.,]\d)"
)
_DATE_DM = re.compile(
    rf"(?i:(?<![\w])(?:op|vóór|tot|per|sinds|vanaf|uiterlijk|t/m)\s+)"
    rf"(?P<date>(?P<d>{_DAY})[-/](?P<m>0?[1-9]|1[0-2]))(?![\w]|[-/.,]\d)"
)
_DATE_LOOSE = re.compile(r"(?P<d>\d{1,2})[-/. ]+(?P<m>\d{1,2})[-/. ]+(?P<y>\d{2}|\d{4})")
_WEEKDAY_LEAD = re.compile(rf"(?i)(?:{'|'.join(_WEEKDAYS)})\s+")
_BIRTH_CONTEXT = re.compile(r"(?i)(?:geboren|geb\.|geboortedatum|geb\s|jarig)[^.\n]{0,20}$")
_OP_BEFORE = re.compile(r"(?<![\w])([Oo]p)\s+$")


def _parse_date(text: str) -> tuple[int | None, int | None, str | None]:
    """(day, month, year as written) of a date text, or Nones when unreadable."""
    for pattern in (_DATE_TEXT, _DATE_DMY, _DATE_YMD, _DATE_LOOSE):
        match = pattern.fullmatch(text.strip())
        if match is None:
            continue
        raw_month = match.group("m")
        month = _MONTHS.get(raw_month.casefold().rstrip(".")) if not raw_month.isdigit() \
            else int(raw_month)
        year = match.groupdict().get("y")
        if year and year[0] in "'’`":
            year = "'" + year[1:]
        if month is None or not 1 <= month <= 12:
            continue
        return int(match.group("d")), month, year
    return None, None, None


def _decade(year: str) -> str:
    """A birth year as its decade ("1983" -> "de jaren 80", "2011" -> "de jaren 2010"):
    the same precision as the age bands, never the exact age (the timeline leaves the
    birth year out for the same reason)."""
    digits = year.lstrip("'’`")
    if len(digits) == 2:
        return f"de jaren {digits[0]}0"
    value = int(digits)
    return f"de jaren {value % 100 // 10 * 10}" if value < 2000 else f"de jaren {value // 10 * 10}"


_BIRTH_YEAR = re.compile(
    r"(?i:(?<![\w])(?:geboren|geb\.?|geboortejaar|geboortejaar\s*:|bouwjaar|geb\.jaar)"
    r"(?:\s+(?:in|rond|omstreeks))?\s*:?\s+)(?P<y>(?:19|20)\d{2})(?![\w])"
)


def _generalise_date(text: str, birth: bool) -> tuple[str, bool]:
    """(replacement, whether it names a month) for a date text."""
    _day, month, year = _parse_date(text)
    if month is None:
        return _FIXED_REPLACEMENT["datum"], False
    if birth:
        return (_decade(year), False) if year else (_FIXED_REPLACEMENT["datum"], False)
    if year and year.startswith("'"):
        return f"{_MONTH_NAMES[month]} {year}", True
    return (f"{_MONTH_NAMES[month]} {year}" if year else _MONTH_NAMES[month]), True


_AGE_BANDS = ((0, 3), (4, 11), (12, 17), (18, 20), (21, 26), (27, 39), (40, 49),
              (50, 59), (60, 66))


def age_band(age: float) -> str | None:
    """The band an age falls in ("27-39", "67+"), or None for an impossible age."""
    if age < 0 or age > 120:
        return None
    for low, high in _AGE_BANDS:
        if age < high + 1:
            return f"{low}-{high}"
    return "67+"


def _age_replacement(text: str) -> str:
    """The band for an age text ("45", "45-50", "2,5"), or [LEEFTIJD]."""
    numbers = [float(n.replace(",", ".")) for n in re.findall(r"\d+(?:[.,]\d+)?", text)]
    if not numbers:
        return _FIXED_REPLACEMENT["leeftijd"]
    low_band, high_band = age_band(min(numbers)), age_band(max(numbers))
    if low_band is None or high_band is None:
        return _FIXED_REPLACEMENT["leeftijd"]
    if low_band == high_band:
        return low_band
    low = low_band.split("-")[0].rstrip("+")
    return f"{low}+" if high_band == "67+" else f"{low}-{high_band.split('-')[1]}"


_DURATION_BEFORE = frozenset(
    "al sinds na ruim bijna circa ca ca. ongeveer zo'n maximaal minimaal binnen over "
    "gedurende afgelopen laatste komende eerste zit zat woont woonde werkt werkte heeft "
    "had hebben duurt duurde nog elke iedere per voor tot pas slechts even minstens "
    "hooguit langer korter dan jaren kreeg krijgt kregen loopt liep wacht wachtte wonen "
    "zitten werken werkten zaten woonden daarna eerst weer extra telkens steeds in".split()
)
#: adverbs between a duration verb and its number: "woont hier 2 jaar", "zit er al 3 jaar"
_DURATION_FILLER = frozenset("hier daar er nu toen ook nog dan al pas inmiddels intussen".split())
_DURATION_NOUNS = frozenset(
    "traject periode termijn contract straf looptijd duur uitkering schuld schulden "
    "wachttijd tijd gevangenisstraf proeftijd huurcontract relatie huwelijk".split()
)
_DURATION_AFTER = frozenset(
    "gewerkt gewoond getrouwd samen samenwonend werkloos geleden lang gescheiden "
    "gedetineerd schuldenvrij bekend ingeschreven actief gestopt verslaafd dakloos "
    "thuis ziek arbeidsongeschikt in bij uit zonder onder later eerder daarna "
    "cel celstraf verlenging voorwaardelijk onvoorwaardelijk werkzaam".split()
)
_PERSON_NOUNS = (
    "cliënte|cliënt|client|zoon|dochter|zoontje|dochtertje|kind|man|vrouw|jongen|meisje|"
    "moeder|vader|partner|echtgenoot|echtgenote|broer|zus|zusje|broertje|oma|opa|"
    "buurman|buurvrouw|vriend|vriendin|ex|baby|tiener|jongere|puber|neef|nicht|oom|tante|"
    "iemand|jongeman|jongvolwassene|meid"
)


def _is_duration(text: str, start: int, end: int) -> bool:
    """Whether deduce's age at text[start:end] is a duration ("zit 2 jaar in ...")."""
    before = re.findall(r"[\w'’.]+", text[max(0, start - 40):start])
    after = re.findall(r"[\w'’]+", text[end:end + 30])
    prev = before[-1].casefold() if before else ""
    if prev in _DURATION_BEFORE:
        return True
    back = [w.casefold() for w in before[-4:]]
    while back and back[-1] in _DURATION_FILLER:
        back.pop()
    if back and len(back) < len(before[-4:]) and back[-1] in _DURATION_BEFORE:
        return True
    if prev == "van" and len(before) >= 2 and before[-2].casefold() in _DURATION_NOUNS:
        return True
    if after and after[0].casefold() in {"jaar", "jr"} and len(after) > 1:
        return after[1].casefold() in _DURATION_AFTER
    return False
