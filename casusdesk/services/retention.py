"""Retention (issue 12): which sessions are past their date, and removing their
personal data once the facilitator agrees.

What goes: the case's real name, aliases and free texts, every capture, the timeline,
the role texts, the review decisions and the interview preparation; guests who took
part in no session that still holds its data. What stays: the session's date, group,
method and attendance (ids of participants; their names stay only while they are in the
group), and what the facilitator chose to keep: the anonymized analysis of the issue
moments (phase, time, participant codes and the choices from casusdesk's lists, never the
description, a quote or the narratives). Every other table with rows per session loses
the session's rows (storage: KEPT_ON_PURGE lists what stays); every session document but
the method, timer and session roles goes (KEPT_DOCUMENTS).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from casusdesk.domain.clock import Clock
from casusdesk.domain.model import Capture
from casusdesk.domain.retention import SessionRetention, check_keep_longer, check_months
from casusdesk.storage.repositories import Store

#: the fields of an issue moment kept by the anonymized analysis: participant codes and
#: choices from casusdesk's own lists (kind of moment, theme, frames, relational tags,
#: outcome), never free text (the description, a quote)
KEPT_ISSUE_FIELDS = ("codes", "moment", "theme", "frames", "tags", "outcome")
#: of the analysis of a moment (issue 10, under "analysis"): the choices; not the issue
#: question, the narratives per party, how it was bridged or the notes on influences
KEPT_ANALYSIS_FIELDS = ("frames", "bridged", "reframing", "controversy")


def _today(clock: Clock | dt.date) -> dt.date:
    if isinstance(clock, dt.date):
        return clock
    return clock.now().date()


def due(store: Store, today: Clock | dt.date) -> list[SessionRetention]:
    """The sessions past their retention date whose personal data is still there."""
    day = _today(today)
    return [r for r in store.retention_overview() if r.is_due(day)]


def overview(store: Store) -> list[SessionRetention]:
    return store.retention_overview()


def anonymized_issue_moment(capture: Capture) -> dict | None:
    """What the analysis keeps of an issue moment, or None for any other capture."""
    if capture.kind != "issue_moment":
        return None
    kept = {k: capture.data[k] for k in KEPT_ISSUE_FIELDS if k in capture.data}
    analysis = capture.data.get("analysis")
    if isinstance(analysis, dict):
        part = {k: analysis[k] for k in KEPT_ANALYSIS_FIELDS if k in analysis}
        influences = analysis.get("influences")
        if isinstance(influences, dict) and influences:
            part["influences"] = {str(k): "" for k in influences}  # which, not the notes
        kept["analysis"] = part
    return kept


@dataclass(frozen=True)
class PurgeResult:
    sessions: int
    kept_issue_moments: bool


def purge(store: Store, session_ids: Iterable[int], today: Clock | dt.date, *,
          keep_issue_analysis: bool = True) -> PurgeResult:
    """Remove the personal data of the sessions (all in one transaction)."""
    ids = sorted(set(session_ids))
    keep = anonymized_issue_moment if keep_issue_analysis else (lambda _c: None)
    if ids:
        store.purge_personal_data(ids, purged_on=_today(today), keep_capture=keep)
    return PurgeResult(len(ids), keep_issue_analysis)


def keep_longer(store: Store, session_id: int, until: dt.date, reason: str,
                today: Clock | dt.date) -> None:
    """Keep a session's personal data until ``until``, with the reason and today's date."""
    day = _today(today)
    store.keep_session_longer(session_id, until, check_keep_longer(until, reason, day), day)


def set_months(store: Store, group_id: int, months: int) -> None:
    store.set_retention_months(group_id, check_months(months))


def describe(r: SessionRetention) -> str:
    """'12-03-2025 · Schulden (Groep Noord), bewaard tot 12-03-2026'."""
    kept = f"bewaard tot {r.keep_through:%d-%m-%Y}"
    if r.keep_until:
        kept += f" (langer: {r.keep_reason}, vastgelegd {r.keep_recorded_on:%d-%m-%Y})" \
            if r.keep_recorded_on else f" (langer: {r.keep_reason})"
    return f"{r.title} ({r.group_name}), {kept}"
