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


STEPS: list[Callable[[Connection], None]] = [_to_1, _to_2, _to_3]
SCHEMA_VERSION = len(STEPS)


def current_version(conn: Connection) -> int:
    return int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)


def upgrade(engine: Engine) -> int:
    """Apply the missing steps, each in its own transaction. Returns the new version."""
    with engine.connect() as conn:
        version = current_version(conn)
    for number, step in enumerate(STEPS, start=1):
        if number <= version:
            continue
        with engine.begin() as conn:
            step(conn)
            conn.exec_driver_sql(f"PRAGMA user_version={number}")
    return max(version, SCHEMA_VERSION)
