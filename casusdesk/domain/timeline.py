"""The life-event timeline (levenslijn) of the joint client interview.

A :class:`Timeline` holds :class:`LifeEvent` items: what happened, when (a :class:`When`
of some precision), in which life domain, how the client experienced it (−3 dieptepunt …
+3 hoogtepunt), whose account it is, and which other events it "hangt samen met".
Future items (a dream, a next step) live on the same timeline and are drawn after the
last event.

Ordering of mixed precision
---------------------------
Every dated item gets a position on a year axis (:meth:`When.position`):

* an exact date: its place within its year (12-03-2015 → 2015.19);
* a month: the middle of that month (maart 2015 → 2015.21);
* a year, also "rond 2015": the middle of that year (2015.5);
* an age, when the client's birth year is known: the middle of the calendar year in which
  the client turned that age (born 1999, "18 jaar" → 2017.5).

Without a birth year an age cannot be put on the year axis. The rule is then: **events
given as an age come first, ordered by age, followed by all dated events in time order**.
Life stories usually start with childhood told in ages ("toen ik 9 was") and continue in
years; the layout draws an age section and a year section with a visible break between
them, so nobody reads a false distance. Items at the same position keep the order in
which they are in the list (the order the facilitator entered or moved them).

Future items come after all events: first the next steps, then the dreams, each group by
its (optional) time and then by list order.

Privacy
-------
The minutes and the exported image show time only at year or age granularity
(:meth:`When.coarse_label`, :meth:`Timeline.coarsen_for_minutes`); exact dates and
months are reduced to the year. :func:`coarsen_dates_in_text` does the same for dates
typed into free text.
"""

from __future__ import annotations

import calendar
import copy
import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from casusdesk.domain.errors import DataFileError, ValidationError
from casusdesk.domain.model import MAX_LONG_TEXT, clean_text

FORMAT_VERSION = 1

MIN_YEAR = 1900
MAX_YEAR = 2100
MAX_AGE = 120
MIN_EXPERIENCE = -3
MAX_EXPERIENCE = 3
MAX_DESCRIPTION = 300

EXPERIENCE_LABELS = {
    -3: "dieptepunt",
    0: "neutraal",
    3: "hoogtepunt",
}

# ---------------------------------------------------------------------------
# Life domains
# ---------------------------------------------------------------------------

MARKERS = ("circle", "square", "diamond", "triangle_up", "triangle_down", "pentagon",
           "hexagon", "star", "plus", "cross")

FALLBACK_COLOUR = "#7F7F7F"
_HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_DOMAIN_ID = re.compile(r"^[a-z0-9_]+$")


@dataclass(frozen=True)
class LifeDomain:
    """A life domain (werk, wonen …) with the colour and marker shape it is drawn in."""

    id: str
    label: str
    colour: str = FALLBACK_COLOUR
    marker: str = "circle"


def parse_life_domains(data: Mapping[str, Any]) -> tuple[LifeDomain, ...]:
    """Turn the parsed contents of ``life_domains.toml`` into LifeDomain objects.

    Raises:
        DataFileError: with a Dutch message naming the faulty entry.
    """
    entries = data.get("domain")
    if not isinstance(entries, list) or not entries:
        raise DataFileError("life_domains.toml bevat geen [[domain]]-blokken.")
    domains: list[LifeDomain] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        where = f"life_domains.toml, domein {number}"
        if not isinstance(entry, Mapping):
            raise DataFileError(f"{where}: dit is geen [[domain]]-blok.")
        domain_id = str(entry.get("id", "")).strip()
        label = str(entry.get("label", "")).strip()
        colour = str(entry.get("colour", FALLBACK_COLOUR)).strip()
        marker = str(entry.get("marker", "circle")).strip()
        if not _DOMAIN_ID.match(domain_id):
            raise DataFileError(f"{where}: id '{domain_id}' moet uit kleine letters, cijfers "
                                "of _ bestaan.")
        if domain_id in seen:
            raise DataFileError(f"{where}: id '{domain_id}' komt twee keer voor.")
        if not label:
            raise DataFileError(f"{where}: het label ontbreekt.")
        if not _HEX_COLOUR.match(colour):
            raise DataFileError(f"{where}: kleur '{colour}' is geen hexcode zoals #0072B2.")
        if marker not in MARKERS:
            raise DataFileError(f"{where}: vorm '{marker}' is onbekend; kies uit "
                                f"{', '.join(MARKERS)}.")
        seen.add(domain_id)
        domains.append(LifeDomain(domain_id, label, colour.upper(), marker))
    return tuple(domains)


def domain_for(domain_id: str, domains: Iterable[LifeDomain]) -> LifeDomain:
    """The LifeDomain with this id, or a grey round stand-in for an unknown id."""
    for domain in domains:
        if domain.id == domain_id:
            return domain
    return LifeDomain(domain_id, domain_id or "geen domein", FALLBACK_COLOUR, "circle")


# ---------------------------------------------------------------------------
# When: a moment with a precision
# ---------------------------------------------------------------------------


class Precision(StrEnum):
    """How precisely the time of an event is known."""

    DATE = "date"
    MONTH = "month"
    YEAR = "year"
    AGE = "age"


MONTH_NAMES = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
               "september", "oktober", "november", "december")
_MONTH_ALIASES: dict[str, int] = {name: i for i, name in enumerate(MONTH_NAMES, start=1)}
_MONTH_ALIASES.update({"jan": 1, "feb": 2, "febr": 2, "mrt": 3, "mar": 3,
                       "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
                       "okt": 10, "oct": 10, "nov": 11, "dec": 12})
_MONTH_RE = "|".join(sorted(_MONTH_ALIASES, key=len, reverse=True))

_APPROX_PREFIX = re.compile(
    r"^(?:rond(?:om)?|omstreeks|ongeveer|ong\.?|circa|ca\.?|c\.|±|\+/-|\+-|~)\s*")
_DATE_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2,4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATE_NAMED = re.compile(rf"^(\d{{1,2}})\s+({_MONTH_RE})\.?\s+(\d{{2,4}})$")
_MONTH_MY = re.compile(r"^(\d{1,2})[-/.](\d{4})$")
_MONTH_ISO = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTH_NAMED = re.compile(rf"^({_MONTH_RE})\.?\s+(\d{{2,4}})$")
_YEAR = re.compile(r"^(?:in\s+)?(\d{4})$")
_AGE_PATTERNS = (
    re.compile(r"^(?:op|als|met|bij)?\s*(\d{1,3})\s*(?:jaar|jr\.?|j\.?)(?:\s+oud)?$"),
    re.compile(r"^(?:op|als|met|bij)?\s*(\d{1,3})\s*-?\s*jarige?(?:\s+leeftijd)?$"),
    re.compile(r"^(?:op\s+)?(?:de\s+)?leeftijd(?:\s+van)?\s*:?\s*(\d{1,3})(?:\s*(?:jaar|jr\.?))?$"),
    re.compile(r"^toen\s+(?:hij|zij|ze|ik|die)\s+(\d{1,3})\s*(?:jaar\s+)?(?:oud\s+)?was$"),
)
_BARE_NUMBER = re.compile(r"^\d{1,3}$")

EXAMPLES = "'12-03-2015', 'maart 2015', '2015', 'rond 2015' of '18 jaar'"


def _normalise(text: str) -> str:
    text = (text or "").strip().lower()
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2212", "-")
    text = text.replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text)


def _check_year(year: int, original: str) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(f"Het jaar {year} in '{original}' ligt niet tussen "
                              f"{MIN_YEAR} en {MAX_YEAR}.")
    return year


def _four_digit_year(digits: str, original: str) -> int:
    if len(digits) != 4:
        raise ValidationError(f"Schrijf het jaar in '{original}' met vier cijfers, "
                              "bijvoorbeeld 12-03-2015.")
    return _check_year(int(digits), original)


@dataclass(frozen=True)
class When:
    """The time of an event: an exact date, a month, a year or an age of the client.

    ``approximate`` marks "rond 2015" / "ca. 18 jaar". Build one with :meth:`parse` or the
    class methods :meth:`on`, :meth:`in_month`, :meth:`in_year`, :meth:`at_age`.
    """

    precision: Precision
    year: int | None = None
    month: int | None = None
    day: int | None = None
    age: int | None = None
    approximate: bool = False

    def __post_init__(self) -> None:
        precision = Precision(self.precision)
        object.__setattr__(self, "precision", precision)
        object.__setattr__(self, "approximate", bool(self.approximate))
        if precision is Precision.AGE:
            if self.age is None or self.year is not None or self.month is not None \
                    or self.day is not None:
                raise ValidationError("Een leeftijd heeft alleen een aantal jaren.")
            if not isinstance(self.age, int) or not 0 <= self.age <= MAX_AGE:
                raise ValidationError(f"Een leeftijd van {self.age} jaar is niet mogelijk "
                                      f"(0 tot en met {MAX_AGE}).")
            return
        if self.age is not None:
            raise ValidationError("Een datum of jaartal heeft geen leeftijd.")
        if not isinstance(self.year, int) or not MIN_YEAR <= self.year <= MAX_YEAR:
            raise ValidationError(f"Het jaar {self.year} ligt niet tussen {MIN_YEAR} en "
                                  f"{MAX_YEAR}.")
        needs_month = precision in (Precision.MONTH, Precision.DATE)
        if needs_month != (self.month is not None):
            raise ValidationError("De maand ontbreekt of hoort er niet bij.")
        if needs_month and not (isinstance(self.month, int) and 1 <= self.month <= 12):
            raise ValidationError(f"Maand {self.month} bestaat niet (1 tot en met 12).")
        if (precision is Precision.DATE) != (self.day is not None):
            raise ValidationError("De dag ontbreekt of hoort er niet bij.")
        if precision is Precision.DATE:
            assert self.month is not None and self.day is not None
            try:
                dt.date(self.year, self.month, self.day)
            except (TypeError, ValueError):
                raise ValidationError(f"{self.day:02d}-{self.month:02d}-{self.year} bestaat "
                                      "niet als datum.") from None

    # -- construction -----------------------------------------------------------------

    @classmethod
    def on(cls, date: dt.date, approximate: bool = False) -> When:
        """An exact date."""
        return cls(Precision.DATE, year=date.year, month=date.month, day=date.day,
                   approximate=approximate)

    @classmethod
    def in_month(cls, year: int, month: int, approximate: bool = False) -> When:
        """A month of a year."""
        return cls(Precision.MONTH, year=year, month=month, approximate=approximate)

    @classmethod
    def in_year(cls, year: int, approximate: bool = False) -> When:
        """A year; ``approximate`` for "rond 2015"."""
        return cls(Precision.YEAR, year=year, approximate=approximate)

    @classmethod
    def at_age(cls, age: int, approximate: bool = False) -> When:
        """An age of the client in whole years; ``approximate`` for "ca. 18 jaar"."""
        return cls(Precision.AGE, age=age, approximate=approximate)

    @classmethod
    def parse(cls, text: str) -> When:
        """Read a Dutch time expression.

        Accepted: ``12-03-2015`` (also with / or .), ``2015-03-12``, ``12 maart 2015``,
        ``3-2015``, ``maart 2015``, ``mrt 2015``, ``2015``, ``rond 2015``, ``ca. 2015``,
        ``±2015``, ``18 jaar``, ``op 18-jarige leeftijd``, ``leeftijd 18``,
        ``toen hij 18 was``; "rond", "ca.", "circa", "omstreeks", "ongeveer" and "±"
        make any of these approximate.

        Raises:
            ValidationError: with a Dutch message that says what is wrong.
        """
        original = (text or "").strip()
        norm = _normalise(text)
        if not norm:
            raise ValidationError(f"Vul een datum, maand, jaar of leeftijd in, bijvoorbeeld "
                                  f"{EXAMPLES}.")
        approximate = False
        stripped = _APPROX_PREFIX.sub("", norm, count=1)
        if stripped != norm:
            approximate = True
            norm = stripped.strip()
            if not norm:
                raise ValidationError(f"Na '{original}' ontbreekt het jaar of de leeftijd, "
                                      "bijvoorbeeld 'rond 2015'.")
        match = _DATE_DMY.match(norm) or _DATE_NAMED.match(norm)
        if match:
            day_text, month_text, year_text = match.groups()
            month = _MONTH_ALIASES.get(month_text) or int(month_text)
            return cls._date(int(day_text), month, _four_digit_year(year_text, original),
                             approximate, original)
        match = _DATE_ISO.match(norm)
        if match:
            year_text, month_text, day_text = match.groups()
            return cls._date(int(day_text), int(month_text),
                             _check_year(int(year_text), original), approximate, original)
        match = _MONTH_MY.match(norm) or _MONTH_NAMED.match(norm)
        if match:
            month_text, year_text = match.groups()
            month = _MONTH_ALIASES.get(month_text) or int(month_text)
            return cls._month(month, _four_digit_year(year_text, original), approximate,
                              original)
        match = _MONTH_ISO.match(norm)
        if match:
            year_text, month_text = match.groups()
            return cls._month(int(month_text), _check_year(int(year_text), original),
                              approximate, original)
        match = _YEAR.match(norm)
        if match:
            return cls.in_year(_check_year(int(match.group(1)), original), approximate)
        for pattern in _AGE_PATTERNS:
            match = pattern.match(norm)
            if match:
                age = int(match.group(1))
                if age > MAX_AGE:
                    raise ValidationError(f"Een leeftijd van {age} jaar is niet mogelijk "
                                          f"(0 tot en met {MAX_AGE}).")
                return cls.at_age(age, approximate)
        if _BARE_NUMBER.match(norm):
            raise ValidationError(f"Bedoel je met '{original}' een leeftijd? Schrijf dan "
                                  f"'{int(norm)} jaar'. Een jaartal heeft vier cijfers.")
        raise ValidationError(f"'{original}' is geen datum, maand, jaar of leeftijd die "
                              f"casusdesk herkent. Schrijf bijvoorbeeld {EXAMPLES}.")

    @classmethod
    def _date(cls, day: int, month: int, year: int, approximate: bool,
              original: str) -> When:
        if not 1 <= month <= 12:
            raise ValidationError(f"In '{original}' staat maand {month}; die bestaat niet.")
        try:
            date = dt.date(year, month, day)
        except ValueError:
            raise ValidationError(f"'{original}' bestaat niet als datum.") from None
        return cls.on(date, approximate)

    @classmethod
    def _month(cls, month: int, year: int, approximate: bool, original: str) -> When:
        if not 1 <= month <= 12:
            raise ValidationError(f"In '{original}' staat maand {month}; die bestaat niet.")
        return cls.in_month(year, month, approximate)

    # -- display ----------------------------------------------------------------------

    def label(self) -> str:
        """The Dutch display text; :meth:`parse` reads it back to an equal When."""
        if self.precision is Precision.DATE:
            text = f"{self.day:02d}-{self.month:02d}-{self.year}"
        elif self.precision is Precision.MONTH:
            assert self.month is not None
            text = f"{MONTH_NAMES[self.month - 1]} {self.year}"
        elif self.precision is Precision.YEAR:
            text = str(self.year)
        else:
            text = f"{self.age} jaar"
        if not self.approximate:
            return text
        return f"ca. {text}" if self.precision is Precision.AGE else f"rond {text}"

    def coarse_label(self) -> str:
        """Year or age only, as the minutes and the exported image show it.

        ``12-03-2015`` and ``maart 2015`` become ``2015``; ``rond maart 2015`` becomes
        ``rond 2015``; ages stay ages (``18 jaar``, ``ca. 18 jaar``).
        """
        if self.precision is Precision.AGE:
            return f"ca. {self.age} jaar" if self.approximate else f"{self.age} jaar"
        return f"rond {self.year}" if self.approximate else str(self.year)

    def __str__(self) -> str:
        return self.label()

    # -- ordering ---------------------------------------------------------------------

    def position(self, birth_year: int | None = None) -> float | None:
        """The place on a year axis (fractional year), or None for an age without birth year.

        See the module docstring for the rule.
        """
        if self.precision is Precision.DATE:
            assert self.year is not None and self.month is not None and self.day is not None
            days = 366 if calendar.isleap(self.year) else 365
            day_of_year = dt.date(self.year, self.month, self.day).timetuple().tm_yday
            return self.year + (day_of_year - 0.5) / days
        if self.precision is Precision.MONTH:
            assert self.year is not None and self.month is not None
            return self.year + (self.month - 0.5) / 12
        if self.precision is Precision.YEAR:
            assert self.year is not None
            return self.year + 0.5
        assert self.age is not None
        if birth_year is None:
            return None
        return birth_year + self.age + 0.5

    def sort_key(self, birth_year: int | None = None) -> tuple[int, float]:
        """``(0, age)`` for an age without birth year, else ``(1, position)``.

        Ages without a birth year therefore come before every dated event.
        """
        position = self.position(birth_year)
        if position is None:
            assert self.age is not None
            return (0, self.age + 0.5)
        return (1, position)

    # -- storage ----------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly dict with only the fields this precision uses."""
        data: dict[str, Any] = {"precision": self.precision.value}
        for name in ("year", "month", "day", "age"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        if self.approximate:
            data["approximate"] = True
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> When:
        """The inverse of :meth:`to_dict`. Raises ValidationError on bad data."""
        if not isinstance(data, Mapping):
            raise ValidationError("Een tijdstip in de levenslijn is onleesbaar.")
        try:
            precision = Precision(data.get("precision"))
        except ValueError:
            raise ValidationError(f"Onbekende precisie '{data.get('precision')}' in de "
                                  "levenslijn.") from None
        values: dict[str, int | None] = {}
        for name in ("year", "month", "day", "age"):
            value = data.get(name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise ValidationError(f"'{name}' van een tijdstip moet een geheel getal zijn.")
            values[name] = value
        return cls(precision, approximate=bool(data.get("approximate", False)), **values)


def coarsen_dates_in_text(text: str) -> str:
    """Reduce exact dates and months written in free text to their year.

    "ontslagen op 12-03-2015" → "ontslagen op 2015", "sinds maart 2019" → "sinds 2019";
    a day without a year ("op 12 maart") becomes "[datum]". The sentence may read a little
    odd, but no exact date leaks. Used for the exported image; the minutes can use it too.
    """
    def year_of(match: re.Match[str]) -> str:
        return match.group("year")

    patterns = (
        rf"\b\d{{1,2}}\s+(?:{_MONTH_RE})\.?\s+(?P<year>\d{{4}})\b",
        r"\b\d{1,2}[-/.]\d{1,2}[-/.](?P<year>\d{4})\b",
        r"\b(?P<year>\d{4})-\d{1,2}-\d{1,2}\b",
        rf"\b(?:{_MONTH_RE})\.?\s+(?P<year>\d{{4}})\b",
        r"\b\d{1,2}[-/](?P<year>(?:19|20)\d{2})\b",
    )
    for pattern in patterns:
        text = re.sub(pattern, year_of, text, flags=re.IGNORECASE)
    # a date without a year ("12-03", "12 maart") still points at one day
    text = re.sub(rf"\b\d{{1,2}}\s+(?:{_MONTH_RE})\b\.?", "[datum]", text, flags=re.IGNORECASE)
    return text


# ---------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------


class EventKind(StrEnum):
    """A past event, or a future item: a dream or a next step."""

    EVENT = "event"
    NEXT_STEP = "next_step"
    DREAM = "dream"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @classmethod
    def _missing_(cls, value: object) -> EventKind | None:
        """Also accept the Dutch label ("droom", "volgende stap")."""
        for kind, label in _KIND_LABELS.items():
            if isinstance(value, str) and value.strip().lower() == label:
                return cls(kind)
        return None

    @property
    def is_future(self) -> bool:
        return self is not EventKind.EVENT


class Source(StrEnum):
    """Whose account an event is."""

    CLIENT = "client"
    PROFESSIONAL = "professional"

    @property
    def label(self) -> str:
        return _SOURCE_LABELS[self]

    @classmethod
    def _missing_(cls, value: object) -> Source | None:
        """Also accept the Dutch label ("verhaal van de cliënt")."""
        for source, label in _SOURCE_LABELS.items():
            if isinstance(value, str) and value.strip().lower() == label:
                return cls(source)
        return None


_KIND_LABELS = {"event": "gebeurtenis", "next_step": "volgende stap", "dream": "droom"}
_SOURCE_LABELS = {"client": "verhaal van de cliënt",
                  "professional": "bevinding van een professional"}


def _check_experience(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError("De beleving is een geheel getal van -3 (dieptepunt) tot en "
                              "met +3 (hoogtepunt).")
    if not MIN_EXPERIENCE <= value <= MAX_EXPERIENCE:
        raise ValidationError(f"De beleving {value:+d} ligt buiten de schaal van -3 "
                              "(dieptepunt) tot en met +3 (hoogtepunt).")
    return value


@dataclass
class LifeEvent:
    """One item on the timeline.

    Attributes:
        id: unique within the timeline; handed out by :meth:`Timeline.add` when empty.
        description: short text shown at the dot (keep it to one line or two).
        when: the time; required for a past event, optional for a dream or next step.
        domain: a life domain id from ``resources/life_domains.toml`` ("" for none).
        experience: how the client experienced it, −3 (dieptepunt) … +3 (hoogtepunt).
        source: the client's story or a professional's finding.
        kind: a past event, a next step or a dream.
        links: ids of the events this one "hangt samen met"; kept symmetric by Timeline.
        note: a longer explanation for the facilitator and the minutes, not drawn.
    """

    description: str
    when: When | None = None
    domain: str = ""
    experience: int = 0
    source: Source = Source.CLIENT
    kind: EventKind = EventKind.EVENT
    id: str = ""
    links: set[str] = field(default_factory=set)
    note: str = ""

    def validate(self) -> None:
        """Clean the fields; raise ValidationError with a Dutch message on bad input."""
        self.description = clean_text(self.description, field_name="De beschrijving",
                                      required=True, limit=MAX_DESCRIPTION)
        self.note = clean_text(self.note, field_name="De toelichting", limit=MAX_LONG_TEXT)
        self.domain = clean_text(self.domain, field_name="Het levensdomein", limit=60)
        self.experience = _check_experience(self.experience)
        try:
            self.source = Source(self.source)
        except ValueError:
            raise ValidationError(f"Onbekende bron '{self.source}'.") from None
        try:
            self.kind = EventKind(self.kind)
        except ValueError:
            raise ValidationError(f"Onbekende soort '{self.kind}'.") from None
        if isinstance(self.when, str):
            self.when = When.parse(self.when) if self.when.strip() else None
        if self.when is not None and not isinstance(self.when, When):
            raise ValidationError("Het tijdstip is onleesbaar.")
        if self.kind is EventKind.EVENT and self.when is None:
            raise ValidationError("Een gebeurtenis heeft een datum, jaar of leeftijd nodig, "
                                  f"bijvoorbeeld {EXAMPLES}.")
        self.links = {str(link) for link in self.links}

    @property
    def is_future(self) -> bool:
        return self.kind.is_future

    def time_label(self) -> str:
        """Full time text for the facilitator's own screen ("12-03-2015", "droom")."""
        if self.when is None:
            return self.kind.label
        if self.is_future:
            return f"{self.kind.label} · {self.when.label()}"
        return self.when.label()

    def coarse_time_label(self) -> str:
        """Time text at year/age granularity, for the minutes and the image."""
        if self.when is None:
            return self.kind.label
        if self.is_future:
            return f"{self.kind.label} · {self.when.coarse_label()}"
        return self.when.coarse_label()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind.value,
            "when": self.when.to_dict() if self.when is not None else None,
            "description": self.description,
            "domain": self.domain,
            "experience": self.experience,
            "source": self.source.value,
            "links": sorted(self.links),
        }
        if self.note:
            data["note"] = self.note
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LifeEvent:
        if not isinstance(data, Mapping):
            raise ValidationError("Een gebeurtenis in de levenslijn is onleesbaar.")
        when_data = data.get("when")
        links = data.get("links") or []
        if not isinstance(links, list):
            raise ValidationError("De samenhang van een gebeurtenis is onleesbaar.")
        event = cls(
            id=str(data.get("id", "")),
            kind=data.get("kind", EventKind.EVENT.value),
            when=When.from_dict(when_data) if when_data is not None else None,
            description=str(data.get("description", "")),
            domain=str(data.get("domain", "")),
            experience=data.get("experience", 0),
            source=data.get("source", Source.CLIENT.value),
            links={str(link) for link in links},
            note=str(data.get("note", "")),
        )
        event.validate()
        return event


_EDITABLE = ("description", "when", "domain", "experience", "source", "kind", "note")
_FUTURE_RANK = {EventKind.NEXT_STEP: 0, EventKind.DREAM: 1}


@dataclass
class Timeline:
    """The events of one client's life-event timeline, with their links.

    Attributes:
        events: in the order the facilitator entered (or moved) them; use
            :meth:`ordered` for time order.
        birth_year: the client's birth year if known; puts ages on the year axis.
        next_number: the next id number; ids are never reused.
    """

    events: list[LifeEvent] = field(default_factory=list)
    birth_year: int | None = None
    next_number: int = 1

    # -- lookup -----------------------------------------------------------------------

    def get(self, event_id: str) -> LifeEvent:
        for event in self.events:
            if event.id == event_id:
                return event
        raise ValidationError(f"De gebeurtenis '{event_id}' staat niet (meer) op de "
                              "levenslijn.")

    def __contains__(self, event_id: object) -> bool:
        return any(event.id == event_id for event in self.events)

    def __len__(self) -> int:
        return len(self.events)

    def index_of(self, event_id: str) -> int:
        for index, event in enumerate(self.events):
            if event.id == event_id:
                return index
        raise ValidationError(f"De gebeurtenis '{event_id}' staat niet (meer) op de "
                              "levenslijn.")

    def _birth_year(self, birth_year: int | None) -> int | None:
        return birth_year if birth_year is not None else self.birth_year

    # -- changes ----------------------------------------------------------------------

    def set_birth_year(self, birth_year: int | None) -> None:
        if birth_year is not None:
            if isinstance(birth_year, bool) or not isinstance(birth_year, int) \
                    or not MIN_YEAR <= birth_year <= MAX_YEAR:
                raise ValidationError(f"Het geboortejaar moet tussen {MIN_YEAR} en {MAX_YEAR} "
                                      "liggen.")
        self.birth_year = birth_year

    def add(self, event: LifeEvent, index: int | None = None) -> LifeEvent:
        """Validate and add an event (at ``index``, default at the end); return it.

        An empty id gets the next free one ("g1", "g2" …). Links to ids that are on the
        timeline are made symmetric; links to unknown ids are dropped.
        """
        event.validate()
        if not event.id:
            event.id = self._new_id()
        elif event.id in self:
            raise ValidationError(f"Er staat al een gebeurtenis met id '{event.id}' op de "
                                  "levenslijn.")
        self._bump_counter(event.id)
        event.links = {link for link in event.links if link in self and link != event.id}
        position = len(self.events) if index is None else max(0, min(index, len(self.events)))
        self.events.insert(position, event)
        for link in event.links:
            self.get(link).links.add(event.id)
        return event

    def update(self, event_id: str, **changes: Any) -> dict[str, Any]:
        """Change fields of an event; return the old values of the changed fields.

        ``when`` may be a When, a Dutch text (parsed) or None. Links are changed with
        :meth:`link` and :meth:`unlink`, not here. Nothing changes when the new values
        are invalid.
        """
        unknown = set(changes) - set(_EDITABLE)
        if unknown:
            raise ValidationError(f"Dit veld kan niet worden aangepast: "
                                  f"{', '.join(sorted(unknown))}.")
        event = self.get(event_id)
        trial = copy.copy(event)
        for name, value in changes.items():
            setattr(trial, name, value)
        trial.links = set(event.links)
        trial.validate()
        old = {name: getattr(event, name) for name in changes}
        for name in changes:
            setattr(event, name, getattr(trial, name))
        return old

    def remove(self, event_id: str) -> tuple[LifeEvent, int]:
        """Remove an event and every link to it; return the event and its old index.

        The returned event keeps its ``links``, so it can be put back with :meth:`add`.
        """
        index = self.index_of(event_id)
        event = self.events.pop(index)
        for other in self.events:
            other.links.discard(event_id)
        return event, index

    def move(self, event_id: str, index: int) -> int:
        """Move an event to another place in the list; return its old index.

        The list order decides between events at the same time and among future items.
        """
        old = self.index_of(event_id)
        event = self.events.pop(old)
        self.events.insert(max(0, min(index, len(self.events))), event)
        return old

    def link(self, first_id: str, second_id: str) -> bool:
        """Record that two events "hangen samen"; return False if they already did."""
        if first_id == second_id:
            raise ValidationError("Een gebeurtenis kan niet met zichzelf samenhangen.")
        first, second = self.get(first_id), self.get(second_id)
        if second_id in first.links:
            return False
        first.links.add(second_id)
        second.links.add(first_id)
        return True

    def unlink(self, first_id: str, second_id: str) -> bool:
        """Remove the link between two events; return False if there was none."""
        first, second = self.get(first_id), self.get(second_id)
        if second_id not in first.links:
            return False
        first.links.discard(second_id)
        second.links.discard(first_id)
        return True

    # -- views ------------------------------------------------------------------------

    def ordered(self, birth_year: int | None = None) -> list[LifeEvent]:
        """Past events in time order, then next steps, then dreams (module docstring)."""
        year = self._birth_year(birth_year)
        indexed = list(enumerate(self.events))

        def key(item: tuple[int, LifeEvent]) -> tuple[int, int, float, int]:
            index, event = item
            if event.is_future:
                when_key = event.when.sort_key(year) if event.when else (2, float("inf"))
                return (2 + _FUTURE_RANK[event.kind], when_key[0], when_key[1], index)
            assert event.when is not None
            group, position = event.when.sort_key(year)
            return (group, 0, position, index)

        return [event for _, event in sorted(indexed, key=key)]

    def past(self, birth_year: int | None = None) -> list[LifeEvent]:
        return [e for e in self.ordered(birth_year) if not e.is_future]

    def future(self, birth_year: int | None = None) -> list[LifeEvent]:
        return [e for e in self.ordered(birth_year) if e.is_future]

    def link_pairs(self) -> list[tuple[str, str]]:
        """Every link once, as (id, id) in list order of the first event."""
        order = {event.id: index for index, event in enumerate(self.events)}
        pairs: set[tuple[str, str]] = set()
        for event in self.events:
            for other in event.links:
                if other in order:
                    a, b = sorted((event.id, other), key=order.__getitem__)
                    pairs.add((a, b))
        return sorted(pairs, key=lambda p: (order[p[0]], order[p[1]]))

    def domain_ids(self) -> list[str]:
        """The domain ids in use, in order of first appearance."""
        seen: dict[str, None] = {}
        for event in self.events:
            seen.setdefault(event.domain, None)
        return list(seen)

    def coarsen_for_minutes(self, event: LifeEvent | str,
                            birth_year: int | None = None) -> str:
        """The time of an event as the minutes may show it: year or age only.

        "12-03-2015" and "maart 2015" → "2015"; "rond 2015"; "18 jaar"; "ca. 18 jaar";
        a future item without time → "droom" / "volgende stap".

        ``birth_year`` is accepted for symmetry with the layout, but deliberately not used
        to turn an age into a year or back: printing both would disclose the client's birth
        year, which the minutes must not.
        """
        del birth_year
        if isinstance(event, str):
            event = self.get(event)
        return event.coarse_time_label()

    def validate(self) -> None:
        """Check every event, unique ids and symmetric links (repairing one-sided ones)."""
        seen: set[str] = set()
        for event in self.events:
            event.validate()
            if not event.id:
                raise ValidationError("Een gebeurtenis in de levenslijn heeft geen id.")
            if event.id in seen:
                raise ValidationError(f"Het id '{event.id}' komt twee keer voor in de "
                                      "levenslijn.")
            seen.add(event.id)
        for event in self.events:
            event.links = {link for link in event.links if link in seen and link != event.id}
        for event in self.events:
            for link in event.links:
                self.get(link).links.add(event.id)
        if self.birth_year is not None:
            self.set_birth_year(self.birth_year)
        for event in self.events:
            self._bump_counter(event.id)

    # -- storage ----------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly dict (only str, int, bool, None, lists and dicts)."""
        return {
            "version": FORMAT_VERSION,
            "birth_year": self.birth_year,
            "next_number": self.next_number,
            "events": [event.to_dict() for event in self.events],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Timeline:
        """Rebuild a timeline from :meth:`to_dict` output; ValidationError on bad data."""
        if not isinstance(data, Mapping):
            raise ValidationError("De levenslijn is onleesbaar.")
        version = data.get("version", FORMAT_VERSION)
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise ValidationError("Deze levenslijn is gemaakt met een nieuwere versie van "
                                  "casusdesk en kan hier niet worden geopend.")
        events_data = data.get("events") or []
        if not isinstance(events_data, list):
            raise ValidationError("De gebeurtenissen van de levenslijn zijn onleesbaar.")
        next_number = data.get("next_number", 1)
        timeline = cls(
            events=[LifeEvent.from_dict(item) for item in events_data],
            birth_year=data.get("birth_year"),
            next_number=next_number if isinstance(next_number, int) and next_number > 0 else 1,
        )
        timeline.validate()
        return timeline

    # -- ids --------------------------------------------------------------------------

    def _new_id(self) -> str:
        while f"g{self.next_number}" in self:
            self.next_number += 1
        event_id = f"g{self.next_number}"
        self.next_number += 1
        return event_id

    def _bump_counter(self, event_id: str) -> None:
        match = re.fullmatch(r"g(\d+)", event_id)
        if match:
            self.next_number = max(self.next_number, int(match.group(1)) + 1)


# ---------------------------------------------------------------------------
# Undoable commands (the UI wraps them in QUndoCommand)
# ---------------------------------------------------------------------------


class TimelineCommand(Protocol):
    """A change to a timeline that can be applied and reverted.

    ``apply`` may be called again after ``revert`` (redo). ``text`` is the Dutch name for
    the undo menu.
    """

    text: str

    def apply(self, timeline: Timeline) -> None: ...

    def revert(self, timeline: Timeline) -> None: ...


class AddEvent:
    """Add an event; reverting removes it again (with its links)."""

    def __init__(self, event: LifeEvent, index: int | None = None) -> None:
        self.event = event
        self.index = index
        self.text = "Gebeurtenis toevoegen" if not event.is_future else \
            f"{event.kind.label.capitalize()} toevoegen"

    @property
    def event_id(self) -> str:
        return self.event.id

    def apply(self, timeline: Timeline) -> None:
        timeline.add(self.event, self.index)

    def revert(self, timeline: Timeline) -> None:
        removed, _ = timeline.remove(self.event.id)
        removed.links = {link for link in removed.links if link in timeline}
        self.event = removed


class RemoveEvent:
    """Remove an event and its links; reverting puts it back at its place with its links."""

    def __init__(self, event_id: str) -> None:
        self.event_id = event_id
        self.text = "Gebeurtenis verwijderen"
        self._removed: LifeEvent | None = None
        self._index = 0

    def apply(self, timeline: Timeline) -> None:
        self._removed, self._index = timeline.remove(self.event_id)

    def revert(self, timeline: Timeline) -> None:
        assert self._removed is not None, "revert() before apply()"
        timeline.add(self._removed, self._index)


class EditEvent:
    """Change fields of an event (see :meth:`Timeline.update`)."""

    def __init__(self, event_id: str, text: str = "Gebeurtenis wijzigen",
                 **changes: Any) -> None:
        self.event_id = event_id
        self.changes = changes
        self.text = text
        self._old: dict[str, Any] = {}

    def apply(self, timeline: Timeline) -> None:
        self._old = timeline.update(self.event_id, **self.changes)

    def revert(self, timeline: Timeline) -> None:
        timeline.update(self.event_id, **self._old)


class MoveEvent:
    """Drag an event: a new experience (up/down) and/or a new place in the list."""

    def __init__(self, event_id: str, experience: int | None = None,
                 index: int | None = None) -> None:
        self.event_id = event_id
        self.experience = experience
        self.index = index
        self.text = "Gebeurtenis verplaatsen"
        self._old_experience: int | None = None
        self._old_index: int | None = None

    def apply(self, timeline: Timeline) -> None:
        if self.experience is not None:
            old = timeline.update(self.event_id, experience=self.experience)
            self._old_experience = old["experience"]
        if self.index is not None:
            self._old_index = timeline.move(self.event_id, self.index)

    def revert(self, timeline: Timeline) -> None:
        if self._old_index is not None:
            timeline.move(self.event_id, self._old_index)
        if self._old_experience is not None:
            timeline.update(self.event_id, experience=self._old_experience)


class LinkEvents:
    """Record that two events hang together; reverting removes the link it made."""

    def __init__(self, first_id: str, second_id: str) -> None:
        self.first_id, self.second_id = first_id, second_id
        self.text = "Samenhang toevoegen"
        self._made = False

    def apply(self, timeline: Timeline) -> None:
        self._made = timeline.link(self.first_id, self.second_id)

    def revert(self, timeline: Timeline) -> None:
        if self._made:
            timeline.unlink(self.first_id, self.second_id)


class UnlinkEvents:
    """Remove the link between two events; reverting restores it."""

    def __init__(self, first_id: str, second_id: str) -> None:
        self.first_id, self.second_id = first_id, second_id
        self.text = "Samenhang verwijderen"
        self._removed = False

    def apply(self, timeline: Timeline) -> None:
        self._removed = timeline.unlink(self.first_id, self.second_id)

    def revert(self, timeline: Timeline) -> None:
        if self._removed:
            timeline.link(self.first_id, self.second_id)


def ordered_ids(events: Sequence[LifeEvent]) -> list[str]:
    """The ids of a list of events (handy in tests and for the UI)."""
    return [event.id for event in events]


# ---------------------------------------------------------------------------
# The timeline as a table for the minutes
# ---------------------------------------------------------------------------


def experience_label(value: int) -> str:
    """"+3 (hoogtepunt)", "+1", "0", "−2", "−3 (dieptepunt)" (with a real minus sign)."""
    text = "0" if value == 0 else f"{value:+d}".replace("-", "\u2212")
    word = EXPERIENCE_LABELS.get(value) if value else None
    return f"{text} ({word})" if word else text


@dataclass(frozen=True)
class MinutesRow:
    """One line of the timeline table in the minutes; time at year/age granularity only."""

    number: int
    when: str
    kind: str
    domain: str
    description: str
    experience: str
    source: str
    links: tuple[int, ...]
    note: str = ""


def minutes_rows(timeline: Timeline, domains: Iterable[LifeDomain] = (),
                 birth_year: int | None = None) -> list[MinutesRow]:
    """The timeline in time order as rows for the minutes.

    Times are coarsened (:meth:`When.coarse_label`) and exact dates typed in a
    description or note are reduced to their year (:func:`coarsen_dates_in_text`).
    Links refer to row numbers. Names are not touched: the minutes exporter anonymizes
    the text as it does everything else.
    """
    domain_list = tuple(domains)
    ordered = timeline.ordered(birth_year)
    numbers = {event.id: number for number, event in enumerate(ordered, start=1)}
    rows = []
    for event in ordered:
        rows.append(MinutesRow(
            number=numbers[event.id],
            when=event.when.coarse_label() if event.when is not None else event.kind.label,
            kind=event.kind.label,
            domain=domain_for(event.domain, domain_list).label,
            description=coarsen_dates_in_text(event.description),
            experience=experience_label(event.experience),
            source=event.source.label,
            links=tuple(sorted(numbers[link] for link in event.links if link in numbers)),
            note=coarsen_dates_in_text(event.note),
        ))
    return rows
