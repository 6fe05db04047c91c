"""The backup and retention are written over all tables (issue 12): a table another
change adds comes along in a backup, and its rows of a session go with the session's
personal data, without a change to either. Guards that fail when a new table or
reference is not reachable."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Column, ForeignKey, Integer, String, Table
from sqlmodel import SQLModel

from casusdesk.domain.model import Group, Session
from casusdesk.services import backup, retention
from casusdesk.storage import transfer
from casusdesk.storage.db import open_engine
from casusdesk.storage.repositories import Store

PASS = "wachtwoord voor de test"


def test_every_table_is_in_a_backup_or_named_as_no_group_data():
    in_backup = {t.name for t in transfer.group_tables()}
    every = {t.name for t in SQLModel.metadata.sorted_tables}
    assert every - in_backup == set(transfer.NOT_GROUP_DATA)
    assert {"groups", "participants", "sessions", "captures"} <= in_backup


def test_every_id_column_is_a_foreign_key_or_a_listed_reference():
    for table in transfer.group_tables():
        keys = transfer._foreign_keys(table)
        for column in table.columns:
            # an integer *_id refers to a row (method_id is the name of a method)
            if (column.name.endswith("_id") and not column.primary_key
                    and column.type.python_type is int):
                assert column.name in keys or (table.name, column.name) in \
                    transfer.SOFT_REFERENCES, f"{table.name}.{column.name}"


@pytest.fixture
def added_table():
    """What another helper's schema step adds: a table of rows per session."""
    table = Table("notes_per_session", SQLModel.metadata,
                  Column("id", Integer, primary_key=True),
                  Column("session_id", Integer, ForeignKey("sessions.id", ondelete="CASCADE")),
                  Column("text", String, nullable=False, server_default=""))
    yield table
    SQLModel.metadata.remove(table)


def test_a_table_added_later_comes_along_and_goes_with_the_session_data(tmp_path, added_table):
    store = Store(open_engine(tmp_path / "bron"))
    added_table.create(store.engine, checkfirst=True)
    group = store.save_group(Group(name="Noord"))
    old = store.save_session(Session(group_id=group.id, date=dt.date(2024, 1, 5)))
    new = store.save_session(Session(group_id=group.id, date=dt.date(2026, 1, 5)))
    with store.engine.begin() as conn:
        for sid, text in ((old.id, "oude tekst Zwaantje"), (new.id, "nieuwe tekst")):
            conn.exec_driver_sql("INSERT INTO notes_per_session (session_id, text) VALUES (?, ?)",
                                 (sid, text))
    out = tmp_path / "g.casusdesk"
    backup.export_backup(store, group.id, out, PASS)
    target = Store(open_engine(tmp_path / "doel"))
    added_table.create(target.engine, checkfirst=True)
    target.save_group(Group(name="Al hier"))
    target.save_session(Session(group_id=1, date=dt.date(2026, 2, 1)))
    imported = backup.import_backup(target, backup.read_backup(out, PASS))
    with target.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT n.text, s.date FROM notes_per_session n JOIN sessions s "
            "ON s.id = n.session_id WHERE s.group_id = ? ORDER BY s.date",
            (imported.id,)).all()
    assert rows == [("oude tekst Zwaantje", "2024-01-05"), ("nieuwe tekst", "2026-01-05")]

    retention.purge(store, [old.id], dt.date(2026, 3, 1))
    with store.engine.connect() as conn:
        left = conn.exec_driver_sql("SELECT session_id, text FROM notes_per_session").all()
    assert left == [(new.id, "nieuwe tekst")]
