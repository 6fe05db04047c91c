"""What the anonymizer finds and what the facilitator decided: plain data types.

:class:`Detection` (a span and its replacement), :class:`KnownPerson`, and the review
decisions (:class:`ReviewDecisions`: texts un-marked or marked, by text, not position),
kept with the session as JSON.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from casusdesk.domain.errors import ValidationError

#: Kinds of detections. "eigen": a known name of this session; "handmatig": a span the
#: user marked; "nummer": another identifying number (klantnummer, dossiernummer).
KINDS: tuple[str, ...] = (
    "persoon", "plaats", "instelling", "datum", "leeftijd", "telefoon", "email", "bsn",
    "iban", "postcode", "adres", "kenteken", "url", "nummer", "eigen", "handmatig",
    "account", "naam", "herkomst",
)
SOURCES: tuple[str, ...] = ("bekend", "deduce", "regel", "handmatig")

@dataclass(frozen=True)
class Detection:
    """One span of personal data found in a text, and what replaces it."""

    start: int
    end: int
    text: str
    kind: str
    replacement: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly dict (start, end, text, kind, replacement, source)."""
        return {
            "start": self.start, "end": self.end, "text": self.text, "kind": self.kind,
            "replacement": self.replacement, "source": self.source,
        }


@dataclass(frozen=True)
class KnownPerson:
    """A name that is known to belong to someone in this session, with its code."""

    name: str
    replacement: str


@dataclass(frozen=True)
class SpanRef:
    """A text and kind the user un-marked: every occurrence stays in the text."""

    text: str
    kind: str


@dataclass(frozen=True)
class MarkedText:
    """A text the user marked as personal data: every occurrence is replaced.

    ``replacement`` None gives a numbered placeholder of the kind ([ANONIEM-1] for
    "handmatig", [PERSOON-3] for "persoon", ...).
    """

    text: str
    kind: str = "handmatig"
    replacement: str | None = None


def _norm(text: str) -> str:
    """Casefolded text with runs of whitespace made one space."""
    return " ".join(text.split()).casefold()


@dataclass
class ReviewDecisions:
    """What the user decided on the review screen; stored with the session as JSON.

    Decisions are by text, not by position: un-marking "Roos" as persoon leaves every
    "Roos" (any case) of that kind in the text, and marking "De Regenboog" replaces
    every occurrence, in every part of the minutes.
    """

    unmarked: list[SpanRef] = field(default_factory=list)
    marked: list[MarkedText] = field(default_factory=list)

    def unmark(self, text: str, kind: str) -> None:
        """Keep every occurrence of ``text`` detected as ``kind``."""
        _check_kind(kind)
        if kind == "handmatig" or any(
            _norm(m.text) == _norm(text) for m in self.marked
        ):
            self.marked = [m for m in self.marked if _norm(m.text) != _norm(text)]
            if kind == "handmatig":
                return
        if not self.is_unmarked(text, kind):
            self.unmarked.append(SpanRef(" ".join(text.split()), kind))

    def unmark_detection(self, detection: Detection) -> None:
        """Shorthand for ``unmark(detection.text, detection.kind)``."""
        self.unmark(detection.text, detection.kind)

    def mark(self, text: str, kind: str = "handmatig", replacement: str | None = None) -> None:
        """Replace every occurrence of ``text``; undoes an earlier un-mark of it."""
        _check_kind(kind)
        text = " ".join(text.split())
        if not text:
            raise ValidationError("Een lege tekst kan niet gemarkeerd worden.")
        self.unmarked = [u for u in self.unmarked if _norm(u.text) != _norm(text)]
        self.marked = [m for m in self.marked if _norm(m.text) != _norm(text)]
        self.marked.append(MarkedText(text, kind, replacement))

    def is_unmarked(self, text: str, kind: str) -> bool:
        key = _norm(text)
        return any(u.kind == kind and _norm(u.text) == key for u in self.unmarked)

    def to_dict(self) -> dict[str, Any]:
        return {
            "unmarked": [{"text": u.text, "kind": u.kind} for u in self.unmarked],
            "marked": [
                {"text": m.text, "kind": m.kind, "replacement": m.replacement}
                for m in self.marked
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReviewDecisions:
        try:
            unmarked = [SpanRef(str(u["text"]), str(u["kind"])) for u in data.get("unmarked", [])]
            marked = [
                MarkedText(
                    str(m["text"]), str(m.get("kind", "handmatig")),
                    None if m.get("replacement") is None else str(m["replacement"]),
                )
                for m in data.get("marked", [])
            ]
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValidationError(
                "De opgeslagen keuzes van het controlescherm zijn onleesbaar."
            ) from exc
        for item in [*unmarked, *marked]:
            _check_kind(item.kind)
        return cls(unmarked=unmarked, marked=marked)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ReviewDecisions:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValidationError(
                "De opgeslagen keuzes van het controlescherm zijn onleesbaar."
            ) from exc
        if not isinstance(data, dict):
            raise ValidationError("De opgeslagen keuzes van het controlescherm zijn onleesbaar.")
        return cls.from_dict(data)


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValidationError(f"Onbekende soort gegeven: {kind!r}.")
