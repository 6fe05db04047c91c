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
    """What another helper's schema step adds: a table of rows per session, and one row
    per session keyed by the session itself."""
    table = Table("notes_per_session", SQLModel.metadata,
                  Column("id", Integer, primary_key=True),
                  Column("session_id", Integer, ForeignKey("sessions.id", ondelete="CASCADE")),
                  Column("text", String, nullable=False, server_default=""))
    keyed = Table("one_per_session", SQLModel.metadata,
                  Column("session_id", Integer, ForeignKey("sessions.id", ondelete="CASCADE"),
                         primary_key=True),
                  Column("data", String, nullable=False, server_default="{}"))
    yield table
    SQLModel.metadata.remove(table)
    SQLModel.metadata.remove(keyed)


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
            conn.exec_driver_sql("INSERT INTO one_per_session (session_id, data) VALUES (?, ?)",
                                 (sid, f'{{"van": "{text}"}}'))
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
    with target.engine.connect() as conn:
        keyed = conn.exec_driver_sql(
            "SELECT o.data, s.date FROM one_per_session o JOIN sessions s "
            "ON s.id = o.session_id WHERE s.group_id = ? ORDER BY s.date",
            (imported.id,)).all()
    assert keyed == [('{"van": "oude tekst Zwaantje"}', "2024-01-05"),
                     ('{"van": "nieuwe tekst"}', "2026-01-05")]

    retention.purge(store, [old.id], dt.date(2026, 3, 1))
    with store.engine.connect() as conn:
        left = conn.exec_driver_sql("SELECT session_id, text FROM notes_per_session").all()
    assert left == [(new.id, "nieuwe tekst")]
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT session_id FROM one_per_session").all() == [
            (new.id,)]


def test_a_reference_by_id_in_a_json_document_follows_the_new_ids(tmp_path, monkeypatch):
    """Like the review of earlier sessions' open items: {"items": {"<capture id>": ...}}
    in a session document, pointing at captures, which are read in after the sessions."""
    from casusdesk.domain.model import Capture

    monkeypatch.setitem(transfer.SOFT_REFERENCES, ("sessions", "review_json"),
                        ("captures", "json-keys:items"))
    store = Store(open_engine(tmp_path / "bron"))
    group = store.save_group(Group(name="Noord"))
    first = store.save_session(Session(group_id=group.id, date=dt.date(2026, 1, 5)))
    second = store.save_session(Session(group_id=group.id, date=dt.date(2026, 2, 5)))
    agreement = store.add_capture(Capture(session_id=first.id, kind="agreement",
                                          data={"action": "Bellen"}))
    store.set_document(second.id, "review", {"items": {
        str(agreement.id): {"status": "done", "note": "gebeld"}, "999": {"status": "x"}}})
    out = tmp_path / "g.casusdesk"
    backup.export_backup(store, group.id, out, PASS)
    target = Store(open_engine(tmp_path / "doel"))
    other = target.save_group(Group(name="Al hier"))
    s = target.save_session(Session(group_id=other.id, date=dt.date(2026, 1, 1)))
    for _ in range(3):  # capture ids in the target are taken already
        target.add_capture(Capture(session_id=s.id, kind="note", data={"text": "x"}))
    imported = backup.import_backup(target, backup.read_backup(out, PASS))
    new_first, new_second = sorted(target.list_sessions(imported.id), key=lambda x: x.date)
    [new_agreement] = target.list_captures(new_first.id)
    assert new_agreement.id != agreement.id
    assert target.get_document(new_second.id, "review") == {
        "items": {str(new_agreement.id): {"status": "done", "note": "gebeld"}}}
