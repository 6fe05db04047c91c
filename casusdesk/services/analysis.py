"""The analysis of issue moments after a session, and the overview across a group.

Reads and writes through the store: a moment's analysis is the ``"analysis"`` key of
its capture data (written with :meth:`Store.merge_capture_data`, so an edit of the
moment's own fields elsewhere never undoes it); the uncontested topics of a session are
the store's session analysis. The glossary comes from ``resources/issue_analysis.toml``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from casusdesk.domain import analysis as model
from casusdesk.domain.analysis import IssueAnalysis, Overview, SessionAnalysis
from casusdesk.domain.errors import DataFileError
from casusdesk.domain.method import Method
from casusdesk.domain.model import Capture, Domain, Participant, Session
from casusdesk.paths import resource
from casusdesk.storage.repositories import Store

GLOSSARY_FILE = "issue_analysis.toml"


@dataclass(frozen=True)
class Entry:
    """One glossary entry: a frame, reframing type, way of handling a controversy ..."""

    key: str
    label: str
    explanation: str
    lines: str
    group: str = ""


@dataclass(frozen=True)
class Glossary:
    frames: dict[str, Entry]
    controversy: dict[str, Entry]
    reframing: dict[str, Entry]
    tags: dict[str, Entry]
    sections: dict[str, Entry]

    def explain(self, label: str) -> str:
        """Tooltip text for a frame (by its name): its group and explanation, in Dutch for
        the facilitator (the report's lines stay in the data); "" for an own frame."""
        entry = self.frames.get(label)
        return f"{entry.group}: {entry.explanation}" if entry else ""


def _entries(items: Any, labels: Mapping[str, str], key: str, path: str) -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for item in items or ():
        if not isinstance(item, dict) or not isinstance(item.get(key), str):
            raise DataFileError(f"{path}: een item zonder '{key}'.")
        name = item[key]
        label = labels.get(name, name)
        out[name] = Entry(name, label, " ".join(str(item.get("uitleg", "")).split()),
                          str(item.get("regels", "")), str(item.get("soort", "")))
    return out


@lru_cache(maxsize=1)
def glossary() -> Glossary:
    """The glossary of the analysis (read once per process)."""
    path = resource(GLOSSARY_FILE)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"{path.name}: kan niet worden gelezen ({exc}).") from exc
    tags = {**model.RELATIONAL_TAGS, "uit_rol": model.MOMENT_KINDS["uit_rol"]}
    sections = {k: Entry(k, k, " ".join(str(v.get("uitleg", "")).split()),
                         str(v.get("regels", "")))
                for k, v in data.items() if isinstance(v, dict)}
    return Glossary(
        frames=_entries(data.get("frames"), {}, "naam", path.name),
        controversy=_entries(data.get("controverse"), model.CONTROVERSY, "id", path.name),
        reframing=_entries(data.get("reframing"), model.REFRAMING, "id", path.name),
        tags=_entries(data.get("omgang"), tags, "id", path.name),
        sections=sections,
    )


# -- one session ------------------------------------------------------------------------


def issue_moments(store: Store, session_id: int) -> list[Capture]:
    """The session's readable issue moments in time order (damaged ones left out)."""
    return [c for c in store.list_captures(session_id, "issue_moment") if not c.damaged]


def save_analysis(store: Store, capture: Capture, analysis: IssueAnalysis) -> Capture:
    """Validate and store the analysis of one issue moment; ``capture`` gets the
    stored data."""
    assert capture.id is not None
    analysis.validate()
    capture.data = store.merge_capture_data(capture.id, {"analysis": analysis.to_dict()})
    return capture


def save_moment(store: Store, capture: Capture, **fields: Any) -> Capture:
    """Change the moment's own fields after the session (codes, theme, quote ...);
    its analysis stays as stored."""
    from casusdesk.services.live import MAX_CAPTURE_TEXT
    from casusdesk.domain.errors import ValidationError

    assert capture.id is not None
    for key, value in fields.items():
        if isinstance(value, str) and len(value) > MAX_CAPTURE_TEXT:
            raise ValidationError(f"Deze tekst is te lang: hoogstens {MAX_CAPTURE_TEXT} tekens.")
    capture.data = store.merge_capture_data(capture.id, fields)
    return capture


def session_analysis(store: Store, session_id: int) -> SessionAnalysis:
    return SessionAnalysis.from_dict(store.get_session_analysis(session_id))


def save_session_analysis(store: Store, session_id: int, value: SessionAnalysis) -> None:
    store.set_session_analysis(session_id, value.validate().to_dict())


# -- a group ----------------------------------------------------------------------------


@dataclass
class SessionMoments:
    """A session of the group with its issue moments and own analysis."""

    session: Session
    key: str  # the session's label on a chart: its date (with a number when doubled)
    method: str
    moments: list[Capture]
    analysis: SessionAnalysis = field(default_factory=SessionAnalysis)


@dataclass
class GroupAnalysis:
    group_name: str
    participants: list[Participant]
    sessions: list[SessionMoments]

    def service_of(self) -> dict[str, str]:
        """Participant code -> the service it works in (for clashes between services)."""
        return {p.code: _service(p.domain) for p in self.participants if p.code}

    def overview(self, kinds: Sequence[str] = ("botsing",)) -> Overview:
        services = self.service_of()
        rows = [model.moment_row(s.key, m.id or 0, m.data, services)
                for s in self.sessions for m in s.moments]
        return model.overview([s.key for s in self.sessions], rows,
                              {s.key: s.analysis.uncontested for s in self.sessions},
                              kinds=kinds)


def _service(domain: Domain | str) -> str:
    return str(domain)


def group_analysis(store: Store, group_id: int,
                   methods: Mapping[str, Method] | None = None) -> GroupAnalysis:
    """Every session of the group (oldest first) with its issue moments."""
    group = store.get_group(group_id)
    sessions = sorted(store.list_sessions(group_id), key=lambda s: (s.date, s.id or 0))
    out: list[SessionMoments] = []
    seen: dict[str, int] = {}
    for s in sessions:
        assert s.id is not None
        key = f"{s.date:%d-%m-%Y}"
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key} ({seen[key]})"
        method = methods.get(s.method_id) if methods else None
        out.append(SessionMoments(s, key, method.name if method else s.method_id,
                                  issue_moments(store, s.id), session_analysis(store, s.id)))
    return GroupAnalysis(group.name, store.list_participants(group_id), out)


def percent(rate: float | None) -> str:
    """"62 %" or "–" (nothing judged)."""
    return "–" if rate is None else f"{round(rate * 100)} %"


def restore_moment(store: Store, capture: Capture, data: Mapping[str, Any]) -> Capture:
    """Put a moment's whole data (fields and analysis) back as it was (undo)."""
    assert capture.id is not None
    capture.data = store.merge_capture_data(capture.id, dict(data), replace=True)
    return capture


def group_codes(store: Store, group_id: int) -> list[str]:
    """The codes of every participant of the group, in roster order."""
    return [p.code for p in store.list_participants(group_id) if p.code]
