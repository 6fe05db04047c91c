"""The store: domain objects in, domain objects out, one short transaction each.

Every change is committed when it is made, so a crash or a kill loses nothing.
"""

from __future__ import annotations

import datetime as dt
import copy
import json
import re
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any, Iterator

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session as DbSession
from sqlmodel import col, delete, func, select

from casusdesk.domain.codes import code_prefix, next_code
from casusdesk.domain.errors import CasusdeskError, ValidationError
from casusdesk.domain.model import (
    MAX_LONG_TEXT, Capture, Case, Domain, Group, Participant, ProblemLevel, Session,
)
from casusdesk.domain.retention import DEFAULT_MONTHS, SessionRetention, check_months
from casusdesk.storage.db import BUSY_TIMEOUT_MS, WRITE, StorageError, is_damaged
from casusdesk.storage.tables import (
    CaptureRow, GroupRow, ParticipantRow, SessionAnalysisRow, SessionRow,
)


class GroupExistsError(StorageError):
    """The group of a backup is in this store already; nothing was read in."""


class ConflictError(StorageError):
    """A write from a copy that is no longer what the store holds (another window or
    program changed the same fields in between); nothing was written."""


def _group(row: GroupRow) -> Group:
    return Group(name=row.name, description=row.description, id=row.id,
                 code_counters=json.loads(row.code_counters or "{}"), version=row.version)


#: why a stored field reads as empty (Dutch, never the content)
NOT_UTF8 = "ongeldige tekens (geen UTF-8)"
NOT_JSON = "geen geldige JSON"
NOT_TEXT = "binaire gegevens in plaats van tekst"


def _damage(row: Any, names: tuple[str, ...], json_lists: tuple[str, ...] = ()) -> dict[str, str]:
    """The columns of ``row`` that cannot be read, each with why."""
    damaged = {n: NOT_UTF8 for n in names if is_damaged(getattr(row, n))}
    damaged |= {n: NOT_TEXT for n in names if isinstance(getattr(row, n), bytes)}
    for name in json_lists:
        if name not in damaged and _json_ids(getattr(row, name), list) is None:
            damaged[name] = NOT_JSON
    return damaged


def _json_ids(text: str | None, kind: type = list) -> Any | None:
    """The JSON value of a column when it is of ``kind``; None when it cannot be read."""
    if is_damaged(text) or not isinstance(text, str | None):
        return None
    try:
        value = json.loads(text or ("[]" if kind is list else "{}"))
    except ValueError:
        return None
    return value if isinstance(value, kind) else None


_PARTICIPANT_TEXT = ("code", "name", "function", "organisation", "domain")


def _participant(row: ParticipantRow) -> Participant:
    try:
        domain = Domain(row.domain)
    except (ValueError, TypeError):
        domain = Domain.OVERIG
    damaged = _damage(row, _PARTICIPANT_TEXT, ("aliases",))
    t = {n: "" if n in damaged else getattr(row, n) for n in _PARTICIPANT_TEXT}
    return Participant(group_id=row.group_id, function=t["function"], domain=domain,
                       name=t["name"], organisation=t["organisation"], code=t["code"],
                       guest=row.guest, id=row.id, aliases=_json_list(row.aliases),
                       version=row.version, damaged=damaged)


def _json_list(text: str | None) -> list[str]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


_SESSION_TEXT = (
    "place", "method_id", "case_title", "case_coaching_question", "case_problem_level",
    "case_whose_problem", "case_target_group", "case_client_pseudonym",
    "case_client_real_name", "case_missing_facts", "case_description",
)


def _session(row: SessionRow) -> Session:
    """A stored session; a field that cannot be read (bytes that are not UTF-8, broken
    JSON) reads as empty and is named in ``damaged``, so the rest still opens."""
    damaged = _damage(row, _SESSION_TEXT, ("attendance", "case_client_aliases"))
    try:
        level = ProblemLevel(row.case_problem_level or "aanmeldklacht")
    except (ValueError, TypeError):
        level = ProblemLevel("aanmeldklacht")
        damaged.setdefault("case_problem_level", "onbekende waarde")
    attendance = _json_ids(row.attendance) or []
    t = {n: "" if n in damaged else getattr(row, n) for n in _SESSION_TEXT}
    case = Case(
        title=t["case_title"], coaching_question=t["case_coaching_question"],
        case_bringer_id=row.case_bringer_id,
        problem_level=level,
        whose_problem=t["case_whose_problem"], target_group=t["case_target_group"],
        client_pseudonym=t["case_client_pseudonym"],
        client_real_name=t["case_client_real_name"],
        client_aliases=[str(a) for a in _json_ids(row.case_client_aliases) or []],
        missing_facts=t["case_missing_facts"], description=t["case_description"],
    )
    return Session(group_id=row.group_id, date=row.date, place=t["place"],
                   method_id=t["method_id"],
                   attendance=[a for a in attendance if isinstance(a, int)],
                   case=case, id=row.id, version=row.version, damaged=damaged)


#: the fields of a session a page edits, by column name (the case's fields with "case_")
SESSION_FIELDS = (
    "date", "place", "method_id", "attendance", "case_title", "case_coaching_question",
    "case_bringer_id", "case_problem_level", "case_whose_problem", "case_target_group",
    "case_client_pseudonym", "case_client_real_name", "case_client_aliases",
    "case_missing_facts", "case_description",
)
#: the fields of a group and of a participant a page edits (code counters and codes
#: are changed only where codes are handed out: add_participant, update_participant_fields)
GROUP_FIELDS = ("name", "description")
PARTICIPANT_FIELDS = ("name", "function", "organisation", "domain", "guest", "aliases")

#: Dutch names of the fields, for a message about a conflict
_FIELD_LABELS = {
    "name": "naam", "description": "beschrijving", "function": "functie",
    "organisation": "organisatie", "domain": "domein", "guest": "gast", "aliases": "bijnamen",
    "date": "datum", "place": "plaats", "method_id": "werkvorm", "attendance": "aanwezigheid",
    "case_title": "titel van de casus", "case_coaching_question": "coachvraag",
    "case_bringer_id": "casusinbrenger", "case_problem_level": "probleemniveau",
    "case_whose_problem": "wiens probleem", "case_target_group": "doelgroep",
    "case_client_pseudonym": "pseudoniem van de cliënt",
    "case_client_real_name": "echte naam van de cliënt",
    "case_client_aliases": "aliassen van de cliënt", "case_missing_facts": "ontbrekende feiten",
    "case_description": "beschrijving van de casus",
}


def field_label(name: str) -> str:
    """The Dutch name of a session, group or participant field (its column name)."""
    return _FIELD_LABELS.get(name, name)


def session_fields(s: Session) -> dict[str, Any]:
    """The editable fields of ``s`` by column name, as domain values."""
    c = s.case
    return {
        "date": s.date, "place": s.place, "method_id": s.method_id,
        "attendance": sorted(s.attendance), "case_title": c.title,
        "case_coaching_question": c.coaching_question, "case_bringer_id": c.case_bringer_id,
        "case_problem_level": ProblemLevel(c.problem_level),
        "case_whose_problem": c.whose_problem, "case_target_group": c.target_group,
        "case_client_pseudonym": c.client_pseudonym,
        "case_client_real_name": c.client_real_name,
        "case_client_aliases": list(c.client_aliases), "case_missing_facts": c.missing_facts,
        "case_description": c.description,
    }


def _set_session_field(s: Session, name: str, value: Any) -> None:
    if name.startswith("case_"):
        attr = name.removeprefix("case_")
        setattr(s.case, "case_bringer_id" if attr == "bringer_id" else attr, value)
    else:
        setattr(s, name, value)


def invalid_session_fields(session: Session, changes: dict[str, Any]) -> dict[str, str]:
    """Which of ``changes`` (session field -> value) cannot be saved, each with why.

    Each field is checked on its own against ``session``, so one field that is not
    valid never stops the others.
    """
    invalid: dict[str, str] = {}
    for name, value in changes.items():
        probe = copy.deepcopy(session)
        try:
            _set_session_field(probe, name, value)
            probe.validate()
        except CasusdeskError as exc:
            invalid[name] = str(exc)
    return invalid


def _session_column(name: str, value: Any) -> Any:
    """A domain value of a session field as the column stores it."""
    if name == "attendance":
        return json.dumps(sorted(value))
    if name == "case_client_aliases":
        return json.dumps(value, ensure_ascii=False)
    if name == "case_problem_level":
        return str(value)
    return value


def _fill_session_row(row: SessionRow, s: Session) -> None:
    row.group_id = s.group_id
    for name, value in session_fields(s).items():
        setattr(row, name, _session_column(name, value))


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The entries of ``after`` that differ from ``before``."""
    return {k: v for k, v in after.items() if before.get(k) != v}


def merged_elsewhere(base: dict[str, Any], mine: dict[str, Any],
                     stored: dict[str, Any]) -> bool:
    """After a merged write: whether someone else changed a field this copy did not
    change (then the page shows stale text there and should reload)."""
    return any(stored.get(k) != v for k, v in base.items() if mine.get(k) == v)


def _check_version(what: str, row: Any, current: dict[str, Any], changes: dict[str, Any],
                   expected_version: int | None, base: dict[str, Any] | None) -> None:
    """Refuse a write made from a stale copy, unless it touches only fields that
    nobody changed in between (then it is merged: the other change stays)."""
    if expected_version is None or row.version == expected_version:
        return
    if base is not None:
        clashes = [k for k in changes if k not in base or current.get(k) != base[k]]
    else:
        clashes = list(changes)
    if clashes:
        labels = ", ".join(_FIELD_LABELS.get(k, k) for k in clashes)
        raise ConflictError(
            f"{what} is intussen in een ander venster of programma gewijzigd ({labels}). "
            "Je wijziging is niet opgeslagen; de nieuwste gegevens worden getoond.")


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


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str) -> str:
    """``text`` without what the file cannot hold or C code cuts strings at: NUL and lone
    surrogates (UTF-8 cannot encode them). Other invisible and control characters in
    captures and documents stay, so the export boundary can still clean them and tell
    the facilitator (the review's notice); the form fields pass strip_invisible in
    their validate()."""
    if text.isascii() and "\x00" not in text:
        return text
    return _UNSTORABLE.sub("", text)


#: the longest text one field of a capture or document may hold (the forms and the
#: console have their own, often shorter, limits and messages; this is the last guard)
MAX_FIELD_TEXT = MAX_LONG_TEXT


def clean_json(value: Any) -> Any:
    """``value`` with every text in it (keys too) made :func:`storable`: a pasted NUL or
    a lone surrogate in a note never gives a traceback or reaches the file. A text over
    MAX_FIELD_TEXT characters is refused with a message (ValidationError)."""
    if isinstance(value, str):
        if len(value) > MAX_FIELD_TEXT:
            limit, size = f"{MAX_FIELD_TEXT:,}".replace(",", "."), f"{len(value):,}".replace(",", ".")
            raise ValidationError(f"Een tekst is te lang om op te slaan: hoogstens {limit} "
                                  f"tekens, dit zijn er {size}. Er is niets opgeslagen.")
        return storable(value)
    if isinstance(value, dict):
        return {clean_json(k) if isinstance(k, str) else k: clean_json(v)
                for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_json(v) for v in value]
    return value


def _json_text(value: Any) -> str:
    return json.dumps(clean_json(value), ensure_ascii=False)


_WHAT = {GroupRow: "Groep", ParticipantRow: "Deelnemer", SessionRow: "Bijeenkomst",
         CaptureRow: "Vastlegging"}


def _require(db: DbSession, row_type: type, row_id: int | None) -> Any:
    """The row with ``row_id``, or a Dutch StorageError saying it is gone.

    Ids are never handed out twice (schema 4), so an id held by an open window or an
    undo step of a deleted record finds nothing here, never another record."""
    row = db.get(row_type, row_id) if row_id is not None else None
    if row is None:
        raise StorageError(f"{_WHAT[row_type]} {row_id} bestaat niet meer "
                           "(verwijderd, mogelijk in een ander venster).")
    return row


def _lock_message(exc: OperationalError) -> str | None:
    text = str(exc.orig).lower()
    if "locked" in text or "busy" in text:
        return ("De gegevens zijn bezet: een ander casusdesk-venster of programma houdt ze "
                "vast. Probeer het zo nog eens.")
    if "full" in text:
        return "De schijf is vol: maak ruimte vrij en probeer het opnieuw."
    return None


def _document(text: str) -> tuple[Any | None, str]:
    """A stored JSON document (always an object) and "", or None and why it cannot be
    read (Dutch, never its content)."""
    if is_damaged(text):
        return None, NOT_UTF8
    if not isinstance(text, str):
        return None, NOT_TEXT
    try:
        value = json.loads(text)
    except ValueError:
        return None, NOT_JSON
    if not isinstance(value, dict):
        return None, "geen JSON-object"
    return value, ""


#: session columns that hold a JSON document, by the name the store uses for them
SESSION_DOCUMENTS = ("method", "timer", "roles", "timeline", "review", "interview", "setup",
                     "series")


#: how long clearing the -wal after a deletion waits for another program's read, in ms
#: (what it could not clear is cleared at the next deletion, close or start)
PURGE_WAIT_MS = 1000

#: tables with rows per session that retention keeps (an anonymized analysis); the rows
#: of every other table that refers to a session, besides captures, go with its data
KEPT_ON_PURGE: frozenset[str] = frozenset()


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
    def _tx(self, *, write: bool = False) -> Iterator[DbSession]:
        """One transaction. ``write`` takes the write lock at the start (BEGIN
        IMMEDIATE), so what is read in it cannot change before it is written."""
        bind = self.engine.execution_options(**{WRITE: True}) if write else self.engine
        try:
            if self.busy_timeout_ms is None:
                with DbSession(bind, expire_on_commit=False) as db:
                    yield db
                    db.commit()
                return
            with bind.connect() as conn:
                conn.exec_driver_sql(f"PRAGMA busy_timeout={int(self.busy_timeout_ms)}")
                conn.commit()
                try:
                    with DbSession(bind=conn, expire_on_commit=False) as db:
                        yield db
                        db.commit()
                finally:
                    conn.rollback()
                    conn.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
                    conn.commit()
        except OperationalError as exc:
            if "decode" in str(exc.orig).lower():
                # sqlite3's message quotes the unreadable text: never pass it on
                raise StorageError(
                    "Een deel van de opgeslagen gegevens is beschadigd (ongeldige tekens, geen "
                    "UTF-8) en kan niet worden gelezen. Er is niets aangepast.") from None
            reason = _lock_message(exc)
            raise StorageError(
                f"De gegevens konden niet worden opgeslagen ({exc.orig}). {reason}" if reason else
                f"De gegevens konden niet worden opgeslagen ({exc.orig}). "
                "Controleer of er schijfruimte is en of de map schrijfbaar is."
            ) from exc
        except IntegrityError as exc:
            raise StorageError(
                "De wijziging past niet bij de opgeslagen gegevens (verwijst naar iets dat "
                f"niet meer bestaat) en is niet opgeslagen ({exc.orig}).") from exc

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
        """Add a new group, or write the name and description of an existing one.

        Code counters are never written from here: a page's copy of them may be stale."""
        if group.id is not None:
            saved = self.update_group(group.id, expected_version=group.version,
                                      name=group.name, description=group.description)
            group.name, group.description = saved.name, saved.description
            group.version = saved.version
            return group
        group.validate()
        with self._tx(write=True) as db:
            row = GroupRow(name=group.name, description=group.description,
                           code_counters=json.dumps(group.code_counters))
            db.add(row)
            db.flush()
            group.id, group.version = row.id, row.version
        return group

    def update_group(self, group_id: int, *, expected_version: int | None = None,
                     base: dict[str, Any] | None = None, **changes: Any) -> Group:
        """Write only the given fields (name, description) of the group.

        ``expected_version`` is the version of the caller's copy; when the group was
        written since, the write goes ahead only if the changed fields still hold the
        caller's ``base`` values (someone else changed other fields: both changes stay),
        otherwise ConflictError. Returns the group as stored now."""
        unknown = set(changes) - set(GROUP_FIELDS)
        if unknown:
            raise KeyError(", ".join(sorted(unknown)))
        with self._tx(write=True) as db:
            row = _require(db, GroupRow, group_id)
            group = _group(row)
            current = {k: getattr(group, k) for k in GROUP_FIELDS}
            _check_version(f"Groep '{row.name}'", row, current, changes, expected_version, base)
            for name, value in changes.items():
                setattr(group, name, value)
            group.validate()
            changed = changed_fields(current, {k: getattr(group, k) for k in GROUP_FIELDS})
            if changed:
                for name, value in changed.items():
                    setattr(row, name, value)
                row.version += 1
                db.add(row)
            group.version = row.version
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
        with self._tx(write=True) as db:
            session_ids = db.exec(select(SessionRow.id).where(SessionRow.group_id == group_id)).all()
            if session_ids:
                db.exec(delete(CaptureRow).where(col(CaptureRow.session_id).in_(session_ids)))
                db.exec(delete(SessionAnalysisRow)
                        .where(col(SessionAnalysisRow.session_id).in_(session_ids)))
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

    def add_participant(self, participant: Participant, *, prefix: str | None = None,
                        position: int | None = None) -> Participant:
        """Insert a participant. With ``prefix`` it gets the next free code of that kind
        (KM_3 ...); without, it keeps ``participant.code`` (the undo of a removal). The
        group's code counters are read and written in the same transaction, with the
        write lock held: two windows or programs adding at once get different codes,
        and a number once handed out is never handed out again."""
        participant.validate()
        with self._tx(write=True) as db:
            group = db.get(GroupRow, participant.group_id)
            if group is None:
                raise StorageError(f"Groep {participant.group_id} bestaat niet meer.")
            counters = json.loads(group.code_counters or "{}")
            in_use = set(db.exec(select(ParticipantRow.code)
                                 .where(ParticipantRow.group_id == group.id)).all())
            if prefix is not None:
                participant.code, counters = next_code(prefix, counters, in_use)
            else:
                if participant.id is not None and db.get(ParticipantRow, participant.id):
                    raise StorageError(f"Deelnemer {participant.code} bestaat al.")
                if participant.code in in_use:
                    participant.code, counters = next_code(
                        code_prefix(participant.code), counters, in_use)
                number = _number(participant.code)
                old = code_prefix(participant.code)
                counters[old] = max(counters.get(old, 0), number)
            group.code_counters = json.dumps(counters)
            group.version += 1
            if position is None:
                position = int(db.exec(select(func.coalesce(func.max(ParticipantRow.position), 0))
                                       .where(ParticipantRow.group_id == group.id)).one()) + 1
            row = ParticipantRow(group_id=participant.group_id, code=participant.code,
                                 name=participant.name, function=participant.function,
                                 organisation=participant.organisation,
                                 domain=str(participant.domain), guest=participant.guest,
                                 position=position,
                                 aliases=json.dumps(participant.aliases, ensure_ascii=False))
            if participant.id is not None:
                row.id = participant.id  # the same record back: its id was never reused
            db.add(group)
            db.add(row)
            db.flush()
            participant.id, participant.version = row.id, row.version
        return participant

    def update_participant(self, participant: Participant) -> Participant:
        """Write the editable fields of ``participant`` (not its code); refused with
        ConflictError when the participant was written since this copy was read."""
        saved = self.update_participant_fields(
            participant.id, {k: getattr(participant, k) for k in PARTICIPANT_FIELDS},
            expected_version=participant.version)
        participant.__dict__.update(saved.__dict__)
        return participant

    def update_participant_fields(self, participant_id: int, changes: dict[str, Any], *,
                                  expected_version: int | None = None,
                                  base: dict[str, Any] | None = None,
                                  prefix: str | None = None,
                                  release_number: bool = False) -> Participant:
        """Write only the given fields (see PARTICIPANT_FIELDS), merged or refused like
        :meth:`update_group`. ``prefix``: the code prefix the (new) function calls for;
        when it differs from the current code's, the participant gets the next code of
        that kind in the same transaction. ``release_number``: the old number may be
        handed out again when it was the latest of its kind and the participant never
        took part in a session (a freshly added row whose function is being typed)."""
        unknown = set(changes) - set(PARTICIPANT_FIELDS)
        if unknown:
            raise KeyError(", ".join(sorted(unknown)))
        with self._tx(write=True) as db:
            row = _require(db, ParticipantRow, participant_id)
            participant = _participant(row)
            current = {k: getattr(participant, k) for k in PARTICIPANT_FIELDS}
            _check_version(f"Deelnemer {row.code}", row, current, changes, expected_version,
                           base)
            for name, value in changes.items():
                setattr(participant, name, value)
            participant.validate()
            changed = changed_fields(current,
                                     {k: getattr(participant, k) for k in PARTICIPANT_FIELDS})
            old_prefix = code_prefix(row.code)
            if prefix is not None and prefix != old_prefix:
                group = _require(db, GroupRow, row.group_id)
                counters = json.loads(group.code_counters or "{}")
                if (release_number and counters.get(old_prefix) == _number(row.code)
                        and not _in_sessions(db, row)):
                    counters[old_prefix] -= 1
                in_use = set(db.exec(select(ParticipantRow.code).where(
                    ParticipantRow.group_id == row.group_id, ParticipantRow.id != row.id)).all())
                row.code, counters = next_code(prefix, counters, in_use)
                group.code_counters = json.dumps(counters)
                group.version += 1
                db.add(group)
                changed["code"] = row.code
            if changed:
                for name, value in changed.items():
                    if name == "domain":
                        value = str(value)
                    elif name == "aliases":
                        value = json.dumps(value, ensure_ascii=False)
                    setattr(row, name, value)
                row.version += 1
                db.add(row)
            participant.code, participant.version = row.code, row.version
            return participant

    def participant_position(self, participant_id: int) -> int:
        with self._tx() as db:
            row = db.get(ParticipantRow, participant_id)
            return row.position if row else 0

    def participant_in_sessions(self, participant_id: int) -> bool:
        """Whether any session lists the participant as present or as case-bringer."""
        with self._tx() as db:
            row = db.get(ParticipantRow, participant_id)
            return _in_sessions(db, row) if row is not None else False

    def delete_participant(self, participant_id: int) -> None:
        """Remove the participant; sessions forget their attendance and case-bringer."""
        with self._tx(write=True) as db:
            row = db.get(ParticipantRow, participant_id)
            if row is None:
                return
            sessions = db.exec(select(SessionRow).where(SessionRow.group_id == row.group_id)).all()
            for s in sessions:
                before, bringer = s.attendance, s.case_bringer_id
                readable = _json_ids(s.attendance)
                att = [a for a in readable or [] if a != participant_id]
                if readable is not None:  # an unreadable attendance is kept as it is
                    s.attendance = json.dumps(att)
                if s.case_bringer_id == participant_id:
                    s.case_bringer_id = None
                if s.attendance != before or s.case_bringer_id != bringer:
                    s.version += 1
                    db.add(s)
            db.delete(row)
        self.purge_deleted()

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
        """Add a new session, or write the fields of an existing one (refused with
        ConflictError when it was written since this copy was read)."""
        if session.id is not None:
            saved = self.update_session_fields(session.id, session_fields(session),
                                               expected_version=session.version)
            session.version = saved.version
            return session
        session.validate()
        with self._tx(write=True) as db:
            _require(db, GroupRow, session.group_id)
            row = SessionRow(group_id=session.group_id, date=session.date)
            _fill_session_row(row, session)
            db.add(row)
            db.flush()
            session.id, session.version = row.id, row.version
        return session

    def update_session_fields(self, session_id: int, changes: dict[str, Any], *,
                              expected_version: int | None = None,
                              base: dict[str, Any] | None = None) -> Session:
        """Write only the given fields (names in SESSION_FIELDS, domain values), merged
        or refused like :meth:`update_group`. Returns the session as stored now."""
        unknown = set(changes) - set(SESSION_FIELDS)
        if unknown:
            raise KeyError(", ".join(sorted(unknown)))
        with self._tx(write=True) as db:
            row = _require(db, SessionRow, session_id)
            session = _session(row)
            current = session_fields(session)
            _check_version(f"Bijeenkomst {session.title}", row, current, changes,
                           expected_version, base)
            for name, value in changes.items():
                _set_session_field(session, name, value)
            session.validate()
            changed = changed_fields(current, session_fields(session))
            if changed:
                for name, value in changed.items():
                    setattr(row, name, _session_column(name, value))
                row.version += 1
                db.add(row)
            session.version = row.version
            return session

    def update_session(self, before: Session, after: Session) -> Session:
        """Write what differs between the page's ``before`` copy and its ``after``."""
        base = session_fields(before)
        return self.update_session_fields(after.id, changed_fields(base, session_fields(after)),
                                          expected_version=before.version, base=base)

    def session_capture_count(self, session_id: int) -> int:
        with self._tx() as db:
            return int(db.exec(select(func.count()).select_from(CaptureRow)
                               .where(CaptureRow.session_id == session_id)).one())

    def delete_session(self, session_id: int) -> None:
        """Remove the session and everything recorded in it."""
        with self._tx(write=True) as db:
            db.exec(delete(CaptureRow).where(CaptureRow.session_id == session_id))
            db.exec(delete(SessionAnalysisRow).where(SessionAnalysisRow.session_id == session_id))
            db.exec(delete(SessionRow).where(SessionRow.id == session_id))
        self.vacuum()

    def get_document(self, session_id: int, name: str) -> Any | None:
        """A JSON document kept with the session (method, timer, roles, timeline, review)."""
        if name not in SESSION_DOCUMENTS:
            raise KeyError(name)
        with self._tx() as db:
            row = _require(db, SessionRow, session_id)
            text = getattr(row, f"{name}_json")
            return _document(text)[0] if text else None

    def damaged_documents(self, session_id: int) -> dict[str, str]:
        """The session's JSON documents that cannot be read (name -> why, in Dutch).

        :meth:`get_document` reads them as None (empty); the stored text stays as it
        is until something new is stored in that part with :meth:`set_document`."""
        with self._tx() as db:
            row = _require(db, SessionRow, session_id)
            found = {}
            for name in SESSION_DOCUMENTS:
                text = getattr(row, f"{name}_json")
                why = _document(text)[1] if text or is_damaged(text) else ""
                if why:
                    found[name] = why
            return found

    def set_document(self, session_id: int, name: str, value: Any | None) -> None:
        if name not in SESSION_DOCUMENTS:
            raise KeyError(name)
        with self._tx(write=True) as db:
            row = _require(db, SessionRow, session_id)
            setattr(row, f"{name}_json", "" if value is None else _json_text(value))
            db.add(row)

    # -- captures -------------------------------------------------------------
    def add_capture(self, capture: Capture) -> Capture:
        capture.kind = storable(capture.kind)
        capture.data = clean_json(capture.data)
        with self._tx(write=True) as db:
            _require(db, SessionRow, capture.session_id)
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
        """Write a capture's kind and data. Data without an ``"analysis"`` key keeps the
        stored analysis of an issue moment (it is written with :meth:`merge_capture_data`
        by the analysis screen; the console never sends it)."""
        capture.kind = storable(capture.kind)
        capture.data = clean_json(capture.data)
        with self._tx(write=True) as db:
            row = _require(db, CaptureRow, capture.id)
            data = capture.data
            if "analysis" not in data:
                try:
                    stored = json.loads(row.data or "{}")
                except ValueError:
                    stored = {}
                if isinstance(stored, dict) and "analysis" in stored:
                    data = {**data, "analysis": stored["analysis"]}
            row.data = json.dumps(data, ensure_ascii=False)
            row.kind = capture.kind
            db.add(row)
        return capture

    def merge_capture_data(self, capture_id: int, changes: dict[str, Any], *,
                           replace: bool = False) -> dict[str, Any]:
        """Change some keys of a stored capture's data and return the data as stored.

        Read and written in one transaction, so a window changing other keys of the
        same capture (the console its fields, the analysis screen ``"analysis"``) never
        writes back an old copy of the rest. ``replace``: ``changes`` is the whole data.
        """
        changes = clean_json(changes)
        with self._tx(write=True) as db:
            row = _require(db, CaptureRow, capture_id)
            try:
                current = json.loads(row.data or "{}")
            except ValueError:
                raise StorageError(f"Vastlegging {capture_id} is beschadigd en wordt niet "
                                   "gewijzigd.") from None
            if not isinstance(current, dict):
                raise StorageError(f"Vastlegging {capture_id} is beschadigd en wordt niet "
                                   "gewijzigd.")
            data = dict(changes) if replace else {**current, **changes}
            row.data = json.dumps(data, ensure_ascii=False)
            db.add(row)
        return data

    def delete_capture(self, capture_id: int) -> None:
        with self._tx(write=True) as db:
            db.exec(delete(CaptureRow).where(CaptureRow.id == capture_id))
        self.purge_deleted()

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

    # -- retention ------------------------------------------------------------
    def retention_months(self, group_id: int) -> int:
        with self._tx() as db:
            return int(_require(db, GroupRow, group_id).retention_months or DEFAULT_MONTHS)

    def set_retention_months(self, group_id: int, months: int) -> None:
        check_months(months)
        with self._tx(write=True) as db:
            row = _require(db, GroupRow, group_id)
            if row.retention_months != months:
                row.retention_months = months
                row.version += 1
                db.add(row)

    def retention_overview(self) -> list[SessionRetention]:
        """Every session with what retention needs (no personal data), oldest first."""
        with self._tx() as db:
            rows = db.exec(select(SessionRow, GroupRow).join(
                GroupRow, col(GroupRow.id) == col(SessionRow.group_id))
                .order_by(col(SessionRow.date), col(SessionRow.id))).all()
            return [SessionRetention(
                session_id=s.id, group_id=g.id, group_name=g.name, date=s.date,
                title=_session(s).title, months=int(g.retention_months or DEFAULT_MONTHS),
                keep_until=s.keep_until, keep_reason=s.keep_reason or "",
                keep_recorded_on=s.keep_recorded_on, purged_on=s.purged_on)
                for s, g in rows]

    def keep_session_longer(self, session_id: int, until: dt.date | None, reason: str,
                            recorded_on: dt.date) -> None:
        """Keep the session's personal data until ``until`` (None: back to the group's
        period), for ``reason``, said on ``recorded_on``."""
        with self._tx(write=True) as db:
            row = _require(db, SessionRow, session_id)
            row.keep_until, row.keep_reason = until, reason if until else ""
            row.keep_recorded_on = recorded_on if until else None
            row.version += 1
            db.add(row)

    def purge_personal_data(self, session_ids: list[int], *, purged_on: dt.date,
                            keep_capture: Callable[[Capture], dict | None]) -> None:
        """Remove the personal data of the sessions, in one transaction: the case's
        real name, aliases and free texts, the captures, the timeline, the role texts,
        the review decisions and the interview go; the date, group, method, problem
        level and attendance (ids) stay. ``keep_capture`` gives, per capture, the data
        to keep instead (the anonymized fields of an issue moment) or None to delete
        it. Guests who took part in no session that still holds its data go too.
        Afterwards the file and its -wal are rebuilt without the removed text."""
        with self._tx(write=True) as db:
            conn = db.connection()
            dialect = self.engine.dialect
            column = CaptureRow.__table__.c.created_at.type  # type: ignore[attr-defined]
            read_time = column.dialect_impl(dialect).result_processor(dialect, None) or str
            for session_id in session_ids:
                row = _require(db, SessionRow, session_id)
                for name in ("case_title", "case_coaching_question", "case_whose_problem",
                             "case_target_group", "case_client_pseudonym",
                             "case_client_real_name", "case_missing_facts",
                             "case_description"):
                    setattr(row, name, "")
                row.case_client_aliases = "[]"
                for name in _purged_documents():
                    setattr(row, name, "")
                row.purged_on = purged_on
                row.version += 1
                db.add(row)
                captures = [_capture(r, read_time) for r in conn.exec_driver_sql(
                    _CAPTURE_SELECT + " WHERE session_id = ?", (session_id,)).all()]
                for capture in captures:
                    kept = None if capture.damaged else keep_capture(capture)
                    if kept is None:
                        db.exec(delete(CaptureRow).where(CaptureRow.id == capture.id))
                    else:
                        conn.exec_driver_sql("UPDATE captures SET data = ? WHERE id = ?",
                                             (_json_text(kept), capture.id))
                for table, column in _session_children():
                    conn.exec_driver_sql(f'DELETE FROM "{table}" WHERE "{column}" = ?',
                                         (session_id,))
            db.flush()
            groups = {r.group_id for r in db.exec(select(SessionRow).where(
                col(SessionRow.id).in_(session_ids))).all()}
            for group_id in groups:
                live = db.exec(select(SessionRow).where(SessionRow.group_id == group_id,
                                                        col(SessionRow.purged_on).is_(None))).all()
                needed = {pid for s in live for pid in json.loads(s.attendance or "[]")}
                needed |= {s.case_bringer_id for s in live if s.case_bringer_id}
                for guest in db.exec(select(ParticipantRow).where(
                        ParticipantRow.group_id == group_id, ParticipantRow.guest)).all():
                    if guest.id not in needed:
                        for s in db.exec(select(SessionRow).where(
                                SessionRow.group_id == group_id)).all():
                            att = [a for a in json.loads(s.attendance or "[]") if a != guest.id]
                            if json.dumps(att) != s.attendance or s.case_bringer_id == guest.id:
                                s.attendance = json.dumps(att)
                                if s.case_bringer_id == guest.id:
                                    s.case_bringer_id = None
                                s.version += 1
                                db.add(s)
                        db.delete(guest)
        self.vacuum()

    # -- backup and handover ----------------------------------------------------
    def export_group(self, group_id: int) -> dict[str, Any]:
        """Every row of the group's data (see storage.transfer), read in one transaction."""
        from casusdesk.storage import transfer

        with self._tx() as db:
            _require(db, GroupRow, group_id)
            return transfer.dump_group(db.connection(), group_id)

    def group_already_here(self, data: dict[str, Any]) -> str | None:
        """The name of the group in this store that ``data`` (an exported group) is
        already, or None."""
        from casusdesk.storage import transfer

        with self._tx() as db:
            ids = transfer.existing_copies(db.connection(), transfer.root_row(data))
            return _require(db, GroupRow, ids[0]).name if ids else None

    def import_group(self, data: dict[str, Any], *, copy: bool = False) -> Group:
        """Read an exported group in, all of it or nothing, with new ids. When the group is
        here already it is refused (GroupExistsError), or with ``copy`` read in as a copy
        ("Naam (kopie)"); it is never merged into the one that is here."""
        from casusdesk.storage import transfer

        with self._tx(write=True) as db:
            conn = db.connection()
            root = transfer.root_row(data)
            existing = transfer.existing_copies(conn, root)
            name = str(root.get("name") or "Groep")
            if existing:
                if not copy:
                    raise GroupExistsError(
                        f"De groep '{name}' staat al in deze gegevens. Er is niets ingelezen. "
                        "Lees hem in als kopie om beide te houden.")
                taken = set(db.exec(select(GroupRow.name)).all())
                name, n = f"{name} (kopie)", 2
                while name in taken:
                    name, n = f"{str(root.get('name'))} (kopie {n})", n + 1
            try:
                group_id = transfer.load_group(conn, data, name=name)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise transfer.TransferError(
                    f"De back-up is beschadigd ({type(exc).__name__}). Er is niets "
                    "ingelezen.") from exc
            return _group(_require(db, GroupRow, group_id))

    # -- analysis of a session (issue 10) -------------------------------------
    def get_session_analysis(self, session_id: int) -> dict[str, Any]:
        """The session's own analysis data (the uncontested topics); {} when none."""
        with self._tx() as db:
            row = db.get(SessionAnalysisRow, session_id)
            if row is None:
                return {}
            try:
                data = json.loads(row.data or "{}")
            except ValueError:
                return {}
            return data if isinstance(data, dict) else {}

    def set_session_analysis(self, session_id: int, data: dict[str, Any]) -> None:
        with self._tx(write=True) as db:
            _require(db, SessionRow, session_id)
            row = db.get(SessionAnalysisRow, session_id) or SessionAnalysisRow(
                session_id=session_id)
            row.data = _json_text(data)
            db.add(row)

    # -- housekeeping ---------------------------------------------------------
    def purge_deleted(self) -> bool:
        """Make deleted text go from the -wal too: with ``secure_delete`` the file's own
        pages are overwritten at the commit, but the -wal still holds the earlier
        versions of those pages until a checkpoint copies them over and truncates it.
        Returns False when another program's read kept the -wal (the next deletion, or
        closing casusdesk, finishes it)."""
        wait = min(self.busy_timeout_ms or PURGE_WAIT_MS, PURGE_WAIT_MS)
        try:
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                # a reader elsewhere (an export) must not freeze a deletion in the console
                conn.exec_driver_sql(f"PRAGMA busy_timeout={int(wait)}")
                try:
                    busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
                finally:
                    conn.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        except OperationalError:
            return False
        return busy is None or busy[0] == 0

    def vacuum(self) -> None:
        """Make deleted data really go away from the file (and its WAL): the -wal is
        copied in and truncated, the file rebuilt without free pages, and the -wal that
        the rebuild wrote truncated again."""
        try:
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                conn.exec_driver_sql("VACUUM")
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        except OperationalError:
            # the deletion itself is committed (and overwritten: secure_delete); another
            # window holding the file only postpones the clean-up to the next deletion
            pass

    def transaction(self, work: Callable[[DbSession], None]) -> None:
        with self._tx(write=True) as db:
            work(db)


#: session documents that hold no personal data and stay after retention: the method as
#: adapted, the timer, the session roles and mode (participant codes)
KEPT_DOCUMENTS = ("method_json", "timer_json", "setup_json")


def _purged_documents() -> list[str]:
    """Every JSON document column of a session but KEPT_DOCUMENTS (a document added later
    goes with the personal data unless it is listed there)."""
    return [c.name for c in SessionRow.__table__.columns  # type: ignore[attr-defined]
            if c.name.endswith("_json") and c.name not in KEPT_DOCUMENTS]


def _session_children() -> list[tuple[str, str]]:
    """(table, column) of the tables besides captures whose rows belong to a session
    (a foreign key to sessions.id) and that retention does not keep, children first."""
    from sqlmodel import SQLModel

    found = []
    for table in reversed(SQLModel.metadata.sorted_tables):
        if table.name in ("captures", "sessions") or table.name in KEPT_ON_PURGE:
            continue
        for fk in table.foreign_keys:
            if fk.column.table.name == "sessions":
                found.append((table.name, fk.parent.name))
    return found


def _number(code: str) -> int:
    tail = code.rsplit("_", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _in_sessions(db: DbSession, row: ParticipantRow) -> bool:
    for s in db.exec(select(SessionRow).where(SessionRow.group_id == row.group_id)):
        attendance = _json_ids(s.attendance)
        if attendance is None or row.id in attendance or s.case_bringer_id == row.id:
            return True  # an unreadable attendance may hold them
    return False
