"""SQLModel tables. Rows never leave the storage layer: repositories map them to
domain objects. JSON-valued columns hold small structures (attendance, code
counters, a customised method, the running timer) as text."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field, SQLModel


class GroupRow(SQLModel, table=True):
    __tablename__ = "groups"
    __table_args__ = {"sqlite_autoincrement": True}  # ids are never reused (schema 4)

    id: int | None = Field(default=None, primary_key=True)
    name: str
    description: str = ""
    code_counters: str = "{}"
    created_at: dt.datetime = Field(default_factory=lambda: dt.datetime.now().astimezone())
    #: counted up on every write, to refuse a write from a stale copy (schema 4)
    version: int = 0
    #: months after a session that its personal data is kept (retention, issue 12)
    retention_months: int = 12


class ParticipantRow(SQLModel, table=True):
    __tablename__ = "participants"
    __table_args__ = {"sqlite_autoincrement": True}  # ids are never reused (schema 4)

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(foreign_key="groups.id", index=True, ondelete="CASCADE")
    code: str
    name: str = ""
    function: str = ""
    organisation: str = ""
    domain: str = "Overig"
    guest: bool = False
    position: int = 0
    #: nicknames as a JSON list (schema 3)
    aliases: str = "[]"
    version: int = 0


class SessionRow(SQLModel, table=True):
    __tablename__ = "sessions"
    __table_args__ = {"sqlite_autoincrement": True}  # ids are never reused (schema 4)

    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(foreign_key="groups.id", index=True, ondelete="CASCADE")
    date: dt.date
    place: str = ""
    method_id: str = ""
    attendance: str = "[]"
    case_title: str = ""
    case_coaching_question: str = ""
    case_bringer_id: int | None = None
    case_problem_level: str = "aanmeldklacht"
    case_whose_problem: str = ""
    case_target_group: str = ""
    case_client_pseudonym: str = ""
    case_client_real_name: str = ""
    case_client_aliases: str = "[]"
    case_missing_facts: str = ""
    case_description: str = ""
    #: the session's own copy of its method (durations, order) as JSON, or ""
    method_json: str = ""
    #: the running timer's snapshot as JSON, or ""
    timer_json: str = ""
    #: role assignment, timeline and review decisions, as JSON, or ""
    roles_json: str = ""
    timeline_json: str = ""
    review_json: str = ""
    #: preparation of a joint client interview (schema 2), as JSON, or ""
    interview_json: str = ""
    #: session roles and physical/online, as JSON, or ""
    setup_json: str = ""
    #: review of earlier sessions' open agreements and parked issues, as JSON, or ""
    series_json: str = ""
    created_at: dt.datetime = Field(default_factory=lambda: dt.datetime.now().astimezone())
    version: int = 0
    #: kept longer than the group's retention period: until, why, and when that was said
    keep_until: dt.date | None = None
    keep_reason: str = ""
    keep_recorded_on: dt.date | None = None
    #: the day the personal data was removed (retention), or None
    purged_on: dt.date | None = None


class CaptureRow(SQLModel, table=True):
    """One thing recorded during a session: a note, tip, question, issue moment ..."""

    __tablename__ = "captures"
    __table_args__ = {"sqlite_autoincrement": True}  # ids are never reused (schema 4)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="sessions.id", index=True, ondelete="CASCADE")
    kind: str
    phase_index: int = 0
    session_seconds: float = 0.0
    created_at: dt.datetime = Field(default_factory=lambda: dt.datetime.now().astimezone())
    data: str = "{}"


class SessionAnalysisRow(SQLModel, table=True):
    """What the analysis of a session adds beside its issue moments (issue 10): the
    topics that were not contested, as JSON. The analysis of each issue moment lives in
    the moment's own capture data (key "analysis")."""

    __tablename__ = "session_analyses"

    session_id: int = Field(foreign_key="sessions.id", primary_key=True, ondelete="CASCADE")
    data: str = "{}"
