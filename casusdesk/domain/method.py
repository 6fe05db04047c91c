"""Methods (werkvormen) and their phases, and the per-session edits on them.

A method is plain data: an ordered list of phases, each with a default duration,
two colour thresholds for the timer, prompts for the room, hints for the
facilitator, the captures the phase uses and reflection questions.

Units: inside the domain every duration is a whole number of **seconds**
(``Phase.seconds``, ``Phase.wrapup_seconds``, ``Phase.danger_seconds``). In files
and in ``to_dict``/``from_dict`` they are **minutes** (``minutes``, ``wrapup``,
``danger``), because that is what a trainer writes and reads.

Methods and phases are frozen: every edit returns a new ``Method``, so the
catalogue is never changed by a session and an edit is easy to undo.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from casusdesk.domain.errors import ValidationError

#: The captures a phase may use, with the label the facilitator sees.
CAPTURE_KINDS: dict[str, str] = {
    "notes": "Aantekeningen",
    "questions": "Vragen",
    "tips": "Tips en adviezen",
    "facts": "Feiten",
    "criteria": "Weegcriteria",
    "golden_circle": "Golden Circle (waarom, hoe, wat)",
    "agreements": "Afspraken",
    "reflections": "Reflecties",
    "issue_moments": "Issue-momenten",
    "timeline": "Levenslijn",
    "role_cards": "Rolkaarten",
}

DEFAULT_WRAPUP_MINUTES = 2.0
DEFAULT_DANGER_MINUTES = 0.5
MAX_PHASE_MINUTES = 480
MAX_TEXT = 2000
MAX_ITEMS = 50
FORMAT_VERSION = 1

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_]{0,63}$")

_METHOD_KEYS = {"id", "name", "description", "source", "timings", "based_on", "format", "phase"}
_PHASE_KEYS = {"id", "title", "purpose", "minutes", "wrapup", "danger", "prompts", "hints",
               "captures", "reflection", "reflection_sets"}


@dataclass(frozen=True)
class Phase:
    """One phase of a method.

    Attributes:
        id: key of the phase, unique within its method (lower case, digits, ``_``).
        title: short Dutch title, shown on the projector.
        seconds: default duration.
        purpose: one or two sentences on what the phase is for.
        wrapup_seconds: time left at which the timer turns to the wrap-up colour.
        danger_seconds: time left at which the timer turns to the danger colour.
        prompts: questions or instructions for the room (projector).
        hints: notes for the facilitator only (never projected).
        captures: capture kinds used in this phase, keys of ``CAPTURE_KINDS``.
        reflection: reflection questions asked in this phase.
    """

    id: str
    title: str
    seconds: int
    purpose: str = ""
    wrapup_seconds: int = int(DEFAULT_WRAPUP_MINUTES * 60)
    danger_seconds: int = int(DEFAULT_DANGER_MINUTES * 60)
    prompts: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    captures: tuple[str, ...] = ()
    reflection: tuple[str, ...] = ()

    @property
    def minutes(self) -> float:
        return self.seconds / 60


@dataclass(frozen=True)
class Method:
    """A method (werkvorm): its description and its ordered phases.

    Attributes:
        id: key of the method; for a shipped method also the file name.
        name: Dutch name as the facilitator knows it.
        description: one short paragraph.
        source: which report or author the method comes from.
        timings: who set the minutes per phase (for the shipped methods: casusdesk's own
            suggestion, the report gives none).
        phases: the phases in order.
        based_on: for a customised method, the id of the method it was made from.
    """

    id: str
    name: str
    description: str = ""
    source: str = ""
    phases: tuple[Phase, ...] = field(default_factory=tuple)
    timings: str = ""
    based_on: str = ""

    @property
    def total_seconds(self) -> int:
        return sum(p.seconds for p in self.phases)

    @property
    def total_minutes(self) -> float:
        return self.total_seconds / 60

    @property
    def reflection_questions(self) -> list[str]:
        """All reflection questions of all phases, in order, without repeats."""
        seen: dict[str, None] = {}
        for phase in self.phases:
            for question in phase.reflection:
                seen.setdefault(question, None)
        return list(seen)

    def phase_index(self, phase_id: str) -> int:
        for i, phase in enumerate(self.phases):
            if phase.id == phase_id:
                return i
        raise ValidationError(f"De werkvorm '{self.name}' heeft geen fase '{phase_id}'.")


# --------------------------------------------------------------------------- ids


def slugify(text: str, fallback: str = "fase") -> str:
    """Turn a name into an id: lower case, no accents, words joined by ``_``."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    slug = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return slug[:64].rstrip("_") or fallback


def unique_id(base: str, taken: Sequence[str] | set[str]) -> str:
    """``base``, or ``base_2``, ``base_3`` ... whichever is not yet taken."""
    if base not in taken:
        return base
    n = 2
    while f"{base}_{n}" in taken:
        n += 1
    return f"{base}_{n}"


# ------------------------------------------------------------------ validation


def _minutes_to_seconds(value: Any, key: str, *, allow_zero: bool) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValidationError(f"'{key}' moet een getal zijn (minuten)")
    if value < 0 or (value == 0 and not allow_zero):
        kind = "een positief getal" if not allow_zero else "nul of een positief getal"
        raise ValidationError(f"'{key}' moet {kind} zijn")
    if value > MAX_PHASE_MINUTES:
        raise ValidationError(f"'{key}' is te groot (hoogstens {MAX_PHASE_MINUTES} minuten)")
    seconds = round(value * 60)
    if seconds == 0 and not allow_zero:
        raise ValidationError(f"'{key}' moet een positief getal zijn")
    return seconds


def _text(value: Any, key: str, *, required: bool, limit: int = MAX_TEXT) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(f"'{key}' moet tekst zijn")
    value = value.strip()
    if required and not value:
        raise ValidationError(f"'{key}' ontbreekt of is leeg")
    if len(value) > limit:
        raise ValidationError(f"'{key}' is te lang (hoogstens {limit} tekens)")
    return value


def _text_list(value: Any, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise ValidationError(f"'{key}' moet een lijst met teksten zijn")
    if len(value) > MAX_ITEMS:
        raise ValidationError(f"'{key}' heeft te veel regels (hoogstens {MAX_ITEMS})")
    items = []
    for n, item in enumerate(value, start=1):
        if not isinstance(item, str) or not item.strip():
            raise ValidationError(f"'{key}' regel {n} moet een niet-lege tekst zijn")
        if len(item) > MAX_TEXT:
            raise ValidationError(f"'{key}' regel {n} is te lang (hoogstens {MAX_TEXT} tekens)")
        items.append(item.strip())
    return tuple(items)


def _check_id(value: Any, key: str = "id") -> str:
    if not isinstance(value, str) or not _ID_RE.match(value):
        raise ValidationError(
            f"'{key}' moet bestaan uit kleine letters, cijfers en '_' (gevonden: {value!r})")
    return value


def validate_phase(phase: Phase) -> Phase:
    """Check a phase built in code (e.g. by the editor); return it or raise ValidationError."""
    _check_id(phase.id)
    _text(phase.title, "title", required=True, limit=200)
    if phase.seconds <= 0:
        raise ValidationError("'minutes' moet een positief getal zijn")
    if phase.seconds > MAX_PHASE_MINUTES * 60:
        raise ValidationError(f"'minutes' is te groot (hoogstens {MAX_PHASE_MINUTES} minuten)")
    if phase.wrapup_seconds < 0 or phase.danger_seconds < 0:
        raise ValidationError("'wrapup' en 'danger' mogen niet negatief zijn")
    if phase.danger_seconds > phase.wrapup_seconds:
        raise ValidationError("'danger' mag niet groter zijn dan 'wrapup'")
    unknown = [c for c in phase.captures if c not in CAPTURE_KINDS]
    if unknown:
        raise ValidationError(
            f"'captures' kent '{unknown[0]}' niet (kies uit: {', '.join(CAPTURE_KINDS)})")
    return phase


def _phase_label(number: int, phase: Phase | Mapping[str, Any]) -> str:
    title = phase.title if isinstance(phase, Phase) else phase.get("title")
    if isinstance(title, str) and title.strip():
        return f"fase {number} '{title.strip()}'"
    return f"fase {number}"


def validate_method(method: Method) -> Method:
    """Check a whole method; messages name the phase, e.g. "fase 3 'Vragen': ..."."""
    _check_id(method.id)
    _text(method.name, "name", required=True, limit=200)
    if not method.phases:
        raise ValidationError("een werkvorm heeft minstens één fase nodig")
    seen: set[str] = set()
    for number, phase in enumerate(method.phases, start=1):
        try:
            validate_phase(phase)
        except ValidationError as exc:
            raise ValidationError(f"{_phase_label(number, phase)}: {exc}") from None
        if phase.id in seen:
            raise ValidationError(
                f"{_phase_label(number, phase)}: 'id' '{phase.id}' komt al eerder voor")
        seen.add(phase.id)
    return method


# -------------------------------------------------------------- dict <-> object


def _minutes(seconds: int) -> int | float:
    """Seconds as minutes for a file: 600 -> 10, 30 -> 0.5, 20 -> 0.333..."""
    return seconds // 60 if seconds % 60 == 0 else seconds / 60


def phase_to_dict(phase: Phase) -> dict[str, Any]:
    return {
        "id": phase.id,
        "title": phase.title,
        "purpose": phase.purpose,
        "minutes": _minutes(phase.seconds),
        "wrapup": _minutes(phase.wrapup_seconds),
        "danger": _minutes(phase.danger_seconds),
        "prompts": list(phase.prompts),
        "hints": list(phase.hints),
        "captures": list(phase.captures),
        "reflection": list(phase.reflection),
    }


def to_dict(method: Method) -> dict[str, Any]:
    """The method as JSON-friendly data, in the same shape as a method file."""
    data: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "id": method.id,
        "name": method.name,
        "description": method.description,
        "source": method.source,
        "timings": method.timings,
        "phase": [phase_to_dict(p) for p in method.phases],
    }
    if method.based_on:
        data["based_on"] = method.based_on
    return data


def phase_from_dict(data: Any,
                    reflection_sets: Mapping[str, Sequence[str]] | None = None) -> Phase:
    """Build one phase from file data; raise ValidationError naming the field."""
    if not isinstance(data, Mapping):
        raise ValidationError("moet een tabel zijn ([[phase]])")
    unknown = sorted(set(data) - _PHASE_KEYS)
    if unknown:
        raise ValidationError(f"onbekend veld '{unknown[0]}'")
    if "minutes" not in data:
        raise ValidationError("'minutes' ontbreekt")
    seconds = _minutes_to_seconds(data["minutes"], "minutes", allow_zero=False)
    wrapup = _minutes_to_seconds(data.get("wrapup", DEFAULT_WRAPUP_MINUTES), "wrapup",
                                 allow_zero=True)
    danger = _minutes_to_seconds(data.get("danger", DEFAULT_DANGER_MINUTES), "danger",
                                 allow_zero=True)
    reflection = list(_text_list(data.get("reflection"), "reflection"))
    for set_id in _text_list(data.get("reflection_sets"), "reflection_sets"):
        if reflection_sets is None or set_id not in reflection_sets:
            raise ValidationError(f"'reflection_sets' noemt een onbekende set '{set_id}'")
        reflection.extend(q for q in reflection_sets[set_id] if q not in reflection)
    captures = _text_list(data.get("captures"), "captures")
    phase = Phase(
        id=_check_id(data.get("id")),
        title=_text(data.get("title"), "title", required=True, limit=200),
        seconds=seconds,
        purpose=_text(data.get("purpose"), "purpose", required=False),
        wrapup_seconds=wrapup,
        danger_seconds=danger,
        prompts=_text_list(data.get("prompts"), "prompts"),
        hints=_text_list(data.get("hints"), "hints"),
        captures=captures,
        reflection=tuple(reflection),
    )
    return validate_phase(phase)


def from_dict(data: Any, reflection_sets: Mapping[str, Sequence[str]] | None = None) -> Method:
    """Build a method from file or JSON data (the shape of ``to_dict``).

    Args:
        data: the parsed TOML or JSON.
        reflection_sets: named reflection question sets that a phase may refer to
            with ``reflection_sets = ["algemeen"]``; they are copied into the phase.

    Raises:
        ValidationError: with a Dutch message naming the field, and the phase
            ("fase 3 'Vragen': 'minutes' moet een positief getal zijn").
    """
    if not isinstance(data, Mapping):
        raise ValidationError("de werkvorm moet een tabel met velden zijn")
    unknown = sorted(set(data) - _METHOD_KEYS)
    if unknown:
        raise ValidationError(f"onbekend veld '{unknown[0]}'")
    fmt = data.get("format", FORMAT_VERSION)
    if isinstance(fmt, bool) or not isinstance(fmt, int) or fmt > FORMAT_VERSION:
        raise ValidationError(
            f"'format' {fmt!r} is van een nieuwere versie van casusdesk; werk het programma bij")
    method_id = _check_id(data.get("id"))
    name = _text(data.get("name"), "name", required=True, limit=200)
    raw_phases = data.get("phase")
    if not isinstance(raw_phases, list) or not raw_phases:
        raise ValidationError("'phase' ontbreekt: een werkvorm heeft minstens één [[phase]]")
    phases = []
    for number, raw in enumerate(raw_phases, start=1):
        try:
            phases.append(phase_from_dict(raw, reflection_sets))
        except ValidationError as exc:
            label = _phase_label(number, raw) if isinstance(raw, Mapping) else f"fase {number}"
            raise ValidationError(f"{label}: {exc}") from None
    method = Method(
        id=method_id,
        name=name,
        description=_text(data.get("description"), "description", required=False),
        source=_text(data.get("source"), "source", required=False),
        timings=_text(data.get("timings"), "timings", required=False),
        phases=tuple(phases),
        based_on=_text(data.get("based_on"), "based_on", required=False, limit=64),
    )
    return validate_method(method)


# ------------------------------------------------------- edits for one session


def _check_index(method: Method, index: int) -> None:
    if not 0 <= index < len(method.phases):
        raise ValidationError(f"Fase {index + 1} bestaat niet in '{method.name}'.")


def _with_phases(method: Method, phases: Sequence[Phase]) -> Method:
    return replace(method, phases=tuple(phases))


def set_duration(method: Method, index: int, minutes: float) -> Method:
    """A copy of ``method`` with phase ``index`` (0-based) lasting ``minutes``."""
    _check_index(method, index)
    try:
        seconds = _minutes_to_seconds(minutes, "minutes", allow_zero=False)
    except ValidationError as exc:
        raise ValidationError(f"{_phase_label(index + 1, method.phases[index])}: {exc}") from None
    phases = list(method.phases)
    phases[index] = replace(phases[index], seconds=seconds)
    return _with_phases(method, phases)


def update_phase(method: Method, index: int, **changes: Any) -> Method:
    """A copy with fields of phase ``index`` changed, e.g. ``title=`` or ``prompts=``.

    Durations are given in minutes (``minutes=``, ``wrapup=``, ``danger=``) as in files.
    """
    _check_index(method, index)
    data = phase_to_dict(method.phases[index])
    data.update({k: list(v) if isinstance(v, tuple) else v for k, v in changes.items()})
    try:
        phase = phase_from_dict(data)
    except ValidationError as exc:
        raise ValidationError(f"{_phase_label(index + 1, method.phases[index])}: {exc}") from None
    phases = list(method.phases)
    phases[index] = phase
    return _with_phases(method, phases)


def move_phase(method: Method, index: int, delta: int) -> Method:
    """A copy with phase ``index`` moved ``delta`` places (-1 is up, +1 is down)."""
    _check_index(method, index)
    target = index + delta
    if not 0 <= target < len(method.phases):
        where = "bovenaan" if target < 0 else "onderaan"
        raise ValidationError(f"De fase staat al {where}.")
    phases = list(method.phases)
    phases.insert(target, phases.pop(index))
    return _with_phases(method, phases)


def new_phase(title: str, minutes: float = 10, **fields: Any) -> Phase:
    """A phase made in the editor; its id follows from the title."""
    data = {"id": slugify(title), "title": title, "minutes": minutes, **fields}
    return phase_from_dict(data)


def add_phase(method: Method, phase: Phase, index: int | None = None) -> Method:
    """A copy with ``phase`` inserted before ``index`` (at the end when None).

    An id that is already used in the method gets a suffix (``_2``).
    """
    validate_phase(phase)
    taken = {p.id for p in method.phases}
    if phase.id in taken:
        phase = replace(phase, id=unique_id(phase.id, taken))
    phases = list(method.phases)
    if index is None:
        index = len(phases)
    if not 0 <= index <= len(phases):
        raise ValidationError(f"Kan geen fase invoegen op plaats {index + 1}.")
    phases.insert(index, phase)
    return _with_phases(method, phases)


def remove_phase(method: Method, index: int) -> Method:
    """A copy without phase ``index``; the last phase cannot be removed."""
    _check_index(method, index)
    if len(method.phases) == 1:
        raise ValidationError("Een werkvorm heeft minstens één fase; deze kan niet weg.")
    phases = list(method.phases)
    del phases[index]
    return _with_phases(method, phases)


#: what ``timings`` says of a method the facilitator saved as their own
CUSTOM_TIMINGS = "eigen keuze van de gespreksleider."


def total_minutes(method: Method) -> float:
    return method.total_minutes


def as_custom(method: Method, name: str, taken_ids: Sequence[str] | set[str] = ()) -> Method:
    """A copy to save as the user's own method: new name, new id, ``based_on`` set; the
    minutes per phase are the user's now (``timings`` says so)."""
    name = _text(name, "name", required=True, limit=200)
    return replace(method, id=unique_id(slugify(name, "eigen_werkvorm"), set(taken_ids)), name=name,
                   based_on=method.based_on or method.id, timings=CUSTOM_TIMINGS)
