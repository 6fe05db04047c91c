"""Schema version in ``PRAGMA user_version`` and the ordered steps to reach it.

To change the schema: add a function ``_to_N(conn)`` and append it to STEPS; the
version is the length of STEPS. Never edit a step that has been released.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

from casusdesk.storage import tables  # noqa: F401  (registers the tables)


def _to_1(conn: Connection) -> None:
    """The first schema: groups, participants, sessions, captures."""
    SQLModel.metadata.create_all(conn)


def _to_2(conn: Connection) -> None:
    """Sessions keep the preparation of a joint client interview."""
    columns = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(sessions)")}
    if "interview_json" not in columns:
        conn.exec_driver_sql(
            "ALTER TABLE sessions ADD COLUMN interview_json VARCHAR NOT NULL DEFAULT ''")


def _to_3(conn: Connection) -> None:
    """Participants keep their nicknames (aliases), removed from exports like the name."""
    columns = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(participants)")}
    if "aliases" not in columns:
        conn.exec_driver_sql(
            "ALTER TABLE participants ADD COLUMN aliases VARCHAR NOT NULL DEFAULT '[]'")


#: the tables whose ids must never be handed out twice, parents before children
_AUTOINCREMENT_TABLES = ("groups", "participants", "sessions", "captures")
#: the tables a page edits, with a version counted up on every write
_VERSIONED_TABLES = ("groups", "participants", "sessions")


def _to_4(conn: Connection) -> None:
    """Ids are never reused (AUTOINCREMENT) and edited rows carry a version.

    Without AUTOINCREMENT SQLite hands the id of a deleted newest row to the next one,
    so a window still showing the deleted session would write into the new one. SQLite
    cannot add AUTOINCREMENT to a table: each table is rebuilt (new table, copy, drop,
    rename) in the step's transaction, with foreign keys switched off by :func:`upgrade`.
    The new table is made from the old one's own columns, so the step does not depend on
    what tables.py says later.
    """
    for table in _AUTOINCREMENT_TABLES:
        sql = conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type='table' AND name=?", (table,)).scalar()
        columns = list(conn.exec_driver_sql(f"PRAGMA table_info({table})"))
        names = [c[1] for c in columns]
        wants_version = table in _VERSIONED_TABLES and "version" not in names
        if "AUTOINCREMENT" in (sql or "").upper() and not wants_version:
            continue
        parts = []
        for _cid, name, type_, notnull, default, pk in columns:
            part = f'"{name}" {type_}'
            if pk:
                part += " NOT NULL PRIMARY KEY AUTOINCREMENT"
            elif notnull:
                part += " NOT NULL"
            if default is not None:
                part += f" DEFAULT {default}"
            parts.append(part)
        if wants_version:
            parts.append('"version" INTEGER NOT NULL DEFAULT 0')
        for fk in conn.exec_driver_sql(f"PRAGMA foreign_key_list({table})"):
            # (id, seq, table, from, to, on_update, on_delete, match)
            parts.append(f'FOREIGN KEY("{fk[3]}") REFERENCES "{fk[2]}" ("{fk[4]}") '
                         f"ON DELETE {fk[6]}")
        indexes = [r[0] for r in conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type='index' AND tbl_name=? "
            "AND sql IS NOT NULL", (table,))]
        quoted = ", ".join(f'"{n}"' for n in names)
        conn.exec_driver_sql(f'CREATE TABLE "_new_{table}" ({", ".join(parts)})')
        conn.exec_driver_sql(
            f'INSERT INTO "_new_{table}" ({quoted}) SELECT {quoted} FROM "{table}"')
        conn.exec_driver_sql(f'DROP TABLE "{table}"')
        conn.exec_driver_sql(f'ALTER TABLE "_new_{table}" RENAME TO "{table}"')
        for index in indexes:
            conn.exec_driver_sql(index)


def _add_retention(conn: Connection) -> None:
    """Groups get a retention period; sessions a kept-longer date and reason, and the
    day their personal data was removed (issue 12)."""
    wanted = {
        "groups": [("retention_months", "INTEGER NOT NULL DEFAULT 12")],
        "sessions": [("keep_until", "DATE"), ("keep_reason", "VARCHAR NOT NULL DEFAULT ''"),
                     ("keep_recorded_on", "DATE"), ("purged_on", "DATE")],
    }
    for table, columns in wanted.items():
        have = {row[1] for row in conn.exec_driver_sql(f"PRAGMA table_info({table})")}
        for name, decl in columns:
            if name not in have:
                conn.exec_driver_sql(f'ALTER TABLE {table} ADD COLUMN "{name}" {decl}')


def _add_session_setup_and_series(conn: Connection) -> None:
    """Sessions keep their session roles and mode (setup) and the review of earlier
    sessions' open agreements and parked issues (series)."""
    columns = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(sessions)")}
    for column in ("setup_json", "series_json"):
        if column not in columns:
            conn.exec_driver_sql(
                f"ALTER TABLE sessions ADD COLUMN {column} VARCHAR NOT NULL DEFAULT ''")


def _add_session_analyses(conn: Connection) -> None:
    """Sessions keep the topics that were not contested (analysis of issue moments)."""
    conn.exec_driver_sql(
        "CREATE TABLE IF NOT EXISTS session_analyses ("
        "session_id INTEGER NOT NULL PRIMARY KEY, "
        "data VARCHAR NOT NULL DEFAULT '{}', "
        "FOREIGN KEY(session_id) REFERENCES sessions (id) ON DELETE CASCADE)")


#: the parts of schema 5, one release: written in parallel, applied in this order
_PARTS_OF_5: list[Callable[[Connection], None]] = [
    _add_retention, _add_session_setup_and_series, _add_session_analyses]


def _to_5(conn: Connection) -> None:
    """Retention (issue 12), session roles and the series of meetings (issue 11), the
    analysis of issue moments (issue 10)."""
    for part in _PARTS_OF_5:
        part(conn)


STEPS: list[Callable[[Connection], None]] = [_to_1, _to_2, _to_3, _to_4, _to_5]
SCHEMA_VERSION = len(STEPS)


def current_version(conn: Connection) -> int:
    return int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)


class MigrationError(Exception):
    """A step left rows that point nowhere; the step was rolled back."""


def upgrade(engine: Engine) -> int:
    """Apply the missing steps, each in its own transaction. Returns the new version.

    Each step runs in an explicit ``BEGIN IMMEDIATE`` transaction, together with the
    new ``user_version``, so a kill leaves the file at the old or the new version, and a
    second process starting at the same time waits and then sees the new version.
    Foreign keys are off during the steps (a table rebuild drops a parent table) and
    checked before each commit.
    """
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if current_version(conn) >= SCHEMA_VERSION:
            return current_version(conn)
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        try:
            while True:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                try:
                    version = current_version(conn)
                    if version >= SCHEMA_VERSION:
                        conn.exec_driver_sql("COMMIT")
                        return version
                    STEPS[version](conn)
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise MigrationError(f"schema {version + 1}: {broken[:3]}")
                    conn.exec_driver_sql(f"PRAGMA user_version={version + 1}")
                    conn.exec_driver_sql("COMMIT")
                except BaseException:
                    conn.exec_driver_sql("ROLLBACK")
                    raise
        finally:
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
