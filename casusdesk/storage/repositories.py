"""The store: domain objects in, domain objects out, one short transaction each.

Every change is committed when it is made, so a crash or a kill loses nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any, Iterator

from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session as DbSession
from sqlmodel import col, delete, func, select

from casusdesk.domain.model import (
    Capture, Case, Domain, Group, Participant, ProblemLevel, Session,
)
from casusdesk.storage.db import BUSY_TIMEOUT_MS, StorageError
from casusdesk.storage.tables import CaptureRow, GroupRow, ParticipantRow, SessionRow


def _group(row: GroupRow) -> Group:
    return Group(name=row.name, description=row.description, id=row.id,
                 code_counters=json.loads(row.code_counters or "{}"))


def _participant(row: ParticipantRow) -> Participant:
    try:
        domain = Domain(row.domain)
    except ValueError:
        domain = Domain.OVERIG
    return Participant(group_id=row.group_id, function=row.function, domain=domain,
                       name=row.name, organisation=row.organisation, code=row.code,
                       guest=row.guest, id=row.id, aliases=_json_list(row.aliases))


def _json_list(text: str | None) -> list[str]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


def _session(row: SessionRow) -> Session:
    case = Case(
        title=row.case_title, coaching_question=row.case_coaching_question,
        case_bringer_id=row.case_bringer_id,
        problem_level=ProblemLevel(row.case_problem_level or "aanmeldklacht"),
        whose_problem=row.case_whose_problem, target_group=row.case_target_group,
        client_pseudonym=row.case_client_pseudonym,
        client_real_name=row.case_client_real_name,
        client_aliases=json.loads(row.case_client_aliases or "[]"),
        missing_facts=row.case_missing_facts, description=row.case_description,
    )
    return Session(group_id=row.group_id, date=row.date, place=row.place,
                   method_id=row.method_id, attendance=json.loads(row.attendance or "[]"),
                   case=case, id=row.id)


def _fill_session_row(row: SessionRow, s: Session) -> None:
    row.group_id = s.group_id
    row.date = s.date
    row.place = s.place
    row.method_id = s.method_id
    row.attendance = json.dumps(sorted(s.attendance))
    c = s.case
    row.case_title = c.title
    row.case_coaching_question = c.coaching_question
    row.case_bringer_id = c.case_bringer_id
    row.case_problem_level = str(c.problem_level)
    row.case_whose_problem = c.whose_problem
    row.case_target_group = c.target_group
    row.case_client_pseudonym = c.client_pseudonym
    row.case_client_real_name = c.client_real_name
    row.case_client_aliases = json.dumps(c.client_aliases, ensure_ascii=False)
    row.case_missing_facts = c.missing_facts
    row.case_description = c.description


#: the capture columns as read by :func:`_capture`: text comes back as bytes, so one
#: row with bytes that are not UTF-8 cannot stop the others from being read
_CAPTURE_COLUMNS = ("id", "session_id", "kind", "phase_index", "session_seconds",
                    "created_at", "data")
_CAPTURE_SELECT = "SELECT " + ", ".join(
    f"CASE WHEN typeof({c}) = 'text' THEN CAST({c} AS BLOB) ELSE {c} END"
    for c in _CAPTURE_COLUMNS) + " FROM captures"


def _capture(row: Any, read_time: Callable[[str], Any]) -> Capture:
    """A stored capture, or a damaged one (``damaged`` says why, never the content):
    a row that another program wrote or a disk fault broke still passes SQLite's
    checks, and must not stop a meeting or an export."""
    values = dict(zip(_CAPTURE_COLUMNS, row))
    problems: list[str] = []

    def text(name: str) -> str:
        value = values[name]
        if value is None:
            return ""
        if isinstance(value, bytes):
            try:
                return value.decode("utf-8")
            except UnicodeDecodeError:
                problems.append(f"ongeldige tekens (geen UTF-8) in '{name}'")
                return ""
        return str(value)

    kind = text("kind")
    raw = text("data")
    data: Any = {}
    if raw and not problems:
        try:
            data = json.loads(raw)
        except ValueError:
            problems.append("de inhoud is geen geldige JSON")
            data = {}
    if not isinstance(data, dict):
        problems.append("de inhoud is geen JSON-object")
        data = {}
    phase_index, seconds = values["phase_index"], values["session_seconds"]
    if not isinstance(phase_index, int):
        problems.append("het fasenummer is geen getal")
        phase_index = 0
    if not isinstance(seconds, int | float):
        problems.append("de tijd is geen getal")
        seconds = 0.0
    moment = values["created_at"]
    try:  # read as the column's own type reads it (e.g. as UTC, with the time zone)
        created_at = read_time(moment.decode("utf-8") if isinstance(moment, bytes)
                               else str(moment)) if moment else None
    except (ValueError, TypeError):  # only when it was made is lost; the rest is whole
        created_at = None
    return Capture(session_id=values["session_id"], kind=kind, data={} if problems else data,
                   phase_index=phase_index, session_seconds=float(seconds),
                   created_at=created_at, id=values["id"], damaged="; ".join(problems))


_WHAT = {GroupRow: "Groep", ParticipantRow: "Deelnemer", SessionRow: "Bijeenkomst",
         CaptureRow: "Vastlegging"}


def _require(db: DbSession, row_type: type, row_id: int | None) -> Any:
    """The row with ``row_id``, or a Dutch StorageError saying it is gone."""
    row = db.get(row_type, row_id) if row_id is not None else None
    if row is None:
        raise StorageError(f"{_WHAT[row_type]} {row_id} bestaat niet (meer).")
    return row


#: session columns that hold a JSON document, by the name the store uses for them
SESSION_DOCUMENTS = ("method", "timer", "roles", "timeline", "review", "interview")


class Store:
    """Facade over the database of one data folder."""

    def __init__(self, engine: Engine, *, busy_timeout_ms: int | None = None) -> None:
        self.engine = engine
        self.busy_timeout_ms = busy_timeout_ms

    def with_busy_timeout(self, ms: int) -> Store:
        """The same store, but a write waits at most ``ms`` for a lock another program holds
        (the console: a locked store must not freeze the window; it retries instead)."""
        return Store(self.engine, busy_timeout_ms=ms)

    @contextmanager
    def _tx(self) -> Iterator[DbSession]:
        try:
            if self.busy_timeout_ms is None:
                with DbSession(self.engine) as db:
                    yield db
                    db.commit()
                return
            with self.engine.connect() as conn:
                conn.exec_driver_sql(f"PRAGMA busy_timeout={int(self.busy_timeout_ms)}")
                conn.commit()
                try:
                    with DbSession(bind=conn) as db:
                        yield db
                        db.commit()
                finally:
                    conn.rollback()
                    conn.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
                    conn.commit()
        except OperationalError as exc:
            raise StorageError(
                f"De gegevens konden niet worden opgeslagen ({exc.orig}). "
                "Controleer of er schijfruimte is en of de map schrijfbaar is."
            ) from exc

    # -- groups ---------------------------------------------------------------
    def list_groups(self) -> list[Group]:
        with self._tx() as db:
            rows = db.exec(select(GroupRow).order_by(func.lower(GroupRow.name))).all()
            return [_group(r) for r in rows]

    def get_group(self, group_id: int) -> Group:
        with self._tx() as db:
            row = _require(db, GroupRow, group_id)
            return _group(row)

    def save_group(self, group: Group) -> Group:
        group.validate()
        with self._tx() as db:
            row = db.get(GroupRow, group.id) if group.id else None
            if row is None:
                row = GroupRow(name=group.name)
            row.name = group.name
            row.description = group.description
            row.code_counters = json.dumps(group.code_counters)
            db.add(row)
            db.flush()
            group.id = row.id
        return group

    def group_contents(self, group_id: int) -> tuple[int, int]:
        """(participants, sessions) that go with the group when it is deleted."""
        with self._tx() as db:
            n_p = db.exec(select(func.count()).select_from(ParticipantRow)
                          .where(ParticipantRow.group_id == group_id)).one()
            n_s = db.exec(select(func.count()).select_from(SessionRow)
                          .where(SessionRow.group_id == group_id)).one()
            return int(n_p), int(n_s)

    def delete_group(self, group_id: int) -> None:
        """Remove the group with its participants, sessions and captures."""
        with self._tx() as db:
            session_ids = db.exec(select(SessionRow.id).where(SessionRow.group_id == group_id)).all()
            if session_ids:
                db.exec(delete(CaptureRow).where(col(CaptureRow.session_id).in_(session_ids)))
            db.exec(delete(SessionRow).where(SessionRow.group_id == group_id))
            db.exec(delete(ParticipantRow).where(ParticipantRow.group_id == group_id))
            db.exec(delete(GroupRow).where(GroupRow.id == group_id))
        self.vacuum()

    # -- participants ---------------------------------------------------------
    def list_participants(self, group_id: int) -> list[Participant]:
        with self._tx() as db:
            rows = db.exec(select(ParticipantRow).where(ParticipantRow.group_id == group_id)
                           .order_by(ParticipantRow.position, ParticipantRow.id)).all()
            return [_participant(r) for r in rows]

    def get_participant(self, participant_id: int) -> Participant:
        with self._tx() as db:
            row = _require(db, ParticipantRow, participant_id)
            return _participant(row)

    def add_participant(self, participant: Participant, *, code: str,
                        counters: dict[str, int], position: int | None = None) -> Participant:
        """Insert a participant with a code and store the group's new code counters,
        in one transaction."""
        participant.validate()
        participant.code = code
        with self._tx() as db:
            group = db.get(GroupRow, participant.group_id)
            if group is None:
                raise StorageError("De groep bestaat niet (meer).")
            group.code_counters = json.dumps(counters)
            if position is None:
                position = int(db.exec(select(func.coalesce(func.max(ParticipantRow.position), 0))
                                       .where(ParticipantRow.group_id == group.id)).one()) + 1
            row = ParticipantRow(group_id=participant.group_id, code=code, name=participant.name,
                                 function=participant.function,
                                 organisation=participant.organisation,
                                 domain=str(participant.domain), guest=participant.guest,
                                 position=position,
                                 aliases=json.dumps(participant.aliases, ensure_ascii=False))
            if participant.id is not None:
                row.id = participant.id
            db.add(group)
            db.add(row)
            db.flush()
            participant.id = row.id
        return participant

    def update_participant(self, participant: Participant) -> Participant:
        participant.validate()
        with self._tx() as db:
            row = _require(db, ParticipantRow, participant.id)
            row.name = participant.name
            row.function = participant.function
            row.organisation = participant.organisation
            row.domain = str(participant.domain)
            row.guest = participant.guest
            row.code = participant.code
            row.aliases = json.dumps(participant.aliases, ensure_ascii=False)
            db.add(row)
        return participant

    def set_code_counters(self, group_id: int, counters: dict[str, int]) -> None:
        with self._tx() as db:
            row = db.get(GroupRow, group_id)
            if row is not None:
                row.code_counters = json.dumps(counters)
                db.add(row)

    def participant_position(self, participant_id: int) -> int:
        with self._tx() as db:
            row = db.get(ParticipantRow, participant_id)
            return row.position if row else 0

    def participant_in_sessions(self, participant_id: int) -> bool:
        """Whether any session lists the participant as present or as case-bringer."""
        with self._tx() as db:
            row = db.get(ParticipantRow, participant_id)
            if row is None:
                return False
            for s in db.exec(select(SessionRow).where(SessionRow.group_id == row.group_id)):
                if participant_id in json.loads(s.attendance or "[]") or \
                        s.case_bringer_id == participant_id:
                    return True
            return False

    def delete_participant(self, participant_id: int) -> None:
        """Remove the participant; sessions forget their attendance and case-bringer."""
        with self._tx() as db:
            row = db.get(ParticipantRow, participant_id)
            if row is None:
                return
            sessions = db.exec(select(SessionRow).where(SessionRow.group_id == row.group_id)).all()
            for s in sessions:
                att = [a for a in json.loads(s.attendance or "[]") if a != participant_id]
                s.attendance = json.dumps(att)
                if s.case_bringer_id == participant_id:
                    s.case_bringer_id = None
                db.add(s)
            db.delete(row)

    # -- sessions -------------------------------------------------------------
    def list_sessions(self, group_id: int) -> list[Session]:
        with self._tx() as db:
            rows = db.exec(select(SessionRow).where(SessionRow.group_id == group_id)
                           .order_by(col(SessionRow.date).desc(), col(SessionRow.id).desc())).all()
            return [_session(r) for r in rows]

    def get_session(self, session_id: int) -> Session:
        with self._tx() as db:
            row = _require(db, SessionRow, session_id)
            return _session(row)

    def save_session(self, session: Session) -> Session:
        session.validate()
        with self._tx() as db:
            row = db.get(SessionRow, session.id) if session.id else None
            if row is None:
                row = SessionRow(group_id=session.group_id, date=session.date)
            _fill_session_row(row, session)
            db.add(row)
            db.flush()
            session.id = row.id
        return session

    def session_capture_count(self, session_id: int) -> int:
        with self._tx() as db:
            return int(db.exec(select(func.count()).select_from(CaptureRow)
                               .where(CaptureRow.session_id == session_id)).one())

    def delete_session(self, session_id: int) -> None:
        """Remove the session and everything recorded in it."""
        with self._tx() as db:
            db.exec(delete(CaptureRow).where(CaptureRow.session_id == session_id))
            db.exec(delete(SessionRow).where(SessionRow.id == session_id))
        self.vacuum()

    def get_document(self, session_id: int, name: str) -> Any | None:
        """A JSON document kept with the session (method, timer, roles, timeline, review)."""
        if name not in SESSION_DOCUMENTS:
            raise KeyError(name)
        with self._tx() as db:
            row = _require(db, SessionRow, session_id)
            text = getattr(row, f"{name}_json")
            return json.loads(text) if text else None

    def set_document(self, session_id: int, name: str, value: Any | None) -> None:
        if name not in SESSION_DOCUMENTS:
            raise KeyError(name)
        with self._tx() as db:
            row = _require(db, SessionRow, session_id)
            setattr(row, f"{name}_json",
                    "" if value is None else json.dumps(value, ensure_ascii=False))
            db.add(row)

    # -- captures -------------------------------------------------------------
    def add_capture(self, capture: Capture) -> Capture:
        with self._tx() as db:
            row = CaptureRow(session_id=capture.session_id, kind=capture.kind,
                             phase_index=capture.phase_index,
                             session_seconds=capture.session_seconds,
                             data=json.dumps(capture.data, ensure_ascii=False))
            if capture.created_at is not None:
                row.created_at = capture.created_at
            db.add(row)
            db.flush()
            capture.id = row.id
            capture.created_at = row.created_at
        return capture

    def update_capture(self, capture: Capture) -> Capture:
        with self._tx() as db:
            row = _require(db, CaptureRow, capture.id)
            row.data = json.dumps(capture.data, ensure_ascii=False)
            row.kind = capture.kind
            db.add(row)
        return capture

    def delete_capture(self, capture_id: int) -> None:
        with self._tx() as db:
            db.exec(delete(CaptureRow).where(CaptureRow.id == capture_id))

    def list_captures(self, session_id: int, kind: str | None = None) -> list[Capture]:
        """The session's captures in time order, damaged ones included (``damaged`` set)."""
        sql = _CAPTURE_SELECT + " WHERE session_id = ?"
        params: tuple[Any, ...] = (session_id,)
        if kind is not None:
            sql += " AND kind = ?"
            params += (kind,)
        sql += " ORDER BY session_seconds, id"
        with self._tx() as db:
            rows = db.connection().exec_driver_sql(sql, params).all()
            dialect = self.engine.dialect
            column = CaptureRow.__table__.c.created_at.type  # type: ignore[attr-defined]
            read_time = column.dialect_impl(dialect).result_processor(dialect, None) or str
            return [_capture(r, read_time) for r in rows]

    # -- housekeeping ---------------------------------------------------------
    def vacuum(self) -> None:
        """Make deleted data really go away from the file (and its WAL)."""
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM")

    def transaction(self, work: Callable[[DbSession], None]) -> None:
        with self._tx() as db:
            work(db)
