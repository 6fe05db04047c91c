"""Every text written through the store is cleaned: the form fields of groups,
participants and sessions pass strip_invisible; in captures and documents a NUL or a
lone surrogate (UTF-8 cannot hold it) is dropped, and other hidden characters are left
for the export boundary to clean and report. Never a traceback."""

from __future__ import annotations

import datetime as dt

import pytest

from casusdesk.domain.model import Capture, Case, Group, Session
from casusdesk.services.catalog import functions
from casusdesk.services.roster import Roster
from casusdesk.storage.db import open_engine
from casusdesk.storage.repositories import Store

BAD = "a\x00b\ud800c\u200bd\x0be"
CLEAN = "abcd\ne"


@pytest.fixture
def store(tmp_path):
    return Store(open_engine(tmp_path))


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _texts(k)
            yield from _texts(v)
    elif isinstance(value, list):
        for v in value:
            yield from _texts(v)


def test_every_field_is_cleaned_on_the_way_in(tmp_path, store):
    group = store.save_group(Group(name="Groep " + BAD, description=BAD))
    roster = Roster(store, functions())
    p = roster.add(group.id, function="Klantmanager " + BAD, name=BAD, organisation=BAD)
    roster.edit(p.id, {"aliases": [BAD, "Jan"]})
    case = Case(title=BAD, coaching_question=BAD, whose_problem=BAD, target_group=BAD,
                client_pseudonym=BAD, client_real_name=BAD, client_aliases=[BAD],
                missing_facts=BAD, description=BAD)
    session = store.save_session(Session(group_id=group.id, date=dt.date(2026, 1, 5),
                                         place=BAD, method_id="rolwisseling", case=case))
    store.update_session_fields(session.id, {"case_title": "Titel " + BAD})
    store.update_group(group.id, description="Nieuw " + BAD)
    capture = store.add_capture(Capture(session_id=session.id, kind="note",
                                        data={"text": BAD, BAD: [BAD, {"x": BAD}]}))
    capture.data["text"] = "bewerkt " + BAD
    store.update_capture(capture)
    store.set_document(session.id, "review", {"decisions": [{"term": BAD}]})

    reopened = Store(open_engine(tmp_path))
    g = reopened.get_group(group.id)
    q = reopened.get_participant(p.id)
    s = reopened.get_session(session.id)
    [c] = reopened.list_captures(session.id)
    fields = [g.name, g.description, q.name, q.function, q.organisation, *q.aliases, s.place,
              *[v for v in vars(s.case).values() if isinstance(v, str)], *s.case.client_aliases]
    recorded = [*_texts(c.data), *_texts(reopened.get_document(session.id, "review"))]
    for text in fields + recorded:
        assert "\x00" not in text and not any("\ud800" <= ch <= "\udfff" for ch in text)
    for text in fields:
        assert "\u200b" not in text and "\x0b" not in text
    assert g.description == "Nieuw " + CLEAN
    assert q.aliases == [CLEAN, "Jan"]
    assert s.case.title == "Titel " + CLEAN and s.case.client_aliases == [CLEAN]
    kept = "abc\u200bd\x0be"  # for the export boundary, which reports what it removes
    assert c.data == {"text": "bewerkt " + kept, kept: [kept, {"x": kept}]}
    assert c.damaged == ""


def test_a_nul_and_a_lone_surrogate_in_every_document_and_capture_kind(tmp_path, store):
    from casusdesk.domain.model import CAPTURE_KINDS
    from casusdesk.storage.repositories import SESSION_DOCUMENTS

    group = store.save_group(Group(name="G"))
    session = store.save_session(Session(group_id=group.id, date=dt.date(2026, 1, 5)))
    for kind in CAPTURE_KINDS:
        store.add_capture(Capture(session_id=session.id, kind=kind + BAD,
                                  data={"text": BAD, "codes": [BAD]}))
    for name in SESSION_DOCUMENTS:
        store.set_document(session.id, name, {"x": BAD, BAD: [BAD]})
    reopened = Store(open_engine(tmp_path))
    captures = reopened.list_captures(session.id)
    assert len(captures) == len(CAPTURE_KINDS) and not any(c.damaged for c in captures)
    kept = "abc\u200bd\x0be"
    assert sorted(c.kind for c in captures) == sorted(k + kept for k in CAPTURE_KINDS)
    for name in SESSION_DOCUMENTS:
        assert reopened.get_document(session.id, name) == {"x": kept, kept: [kept]}


def test_a_text_over_100000_characters_is_refused_with_a_message_and_nothing_stored(store):
    from casusdesk.domain.errors import ValidationError

    group = store.save_group(Group(name="G"))
    session = store.save_session(Session(group_id=group.id, date=dt.date(2026, 1, 5)))
    fits = store.add_capture(Capture(session_id=session.id, kind="note",
                                     data={"text": "a" * 100_000}))
    with pytest.raises(ValidationError, match="hoogstens 100.000 tekens, dit zijn er 100.001"):
        store.add_capture(Capture(session_id=session.id, kind="note",
                                  data={"text": "b" * 100_001}))
    fits.data["text"] = "c" * 100_001
    with pytest.raises(ValidationError, match="te lang"):
        store.update_capture(fits)
    store.set_document(session.id, "timeline", {"events": [{"description": "kort"}]})
    with pytest.raises(ValidationError, match="te lang"):
        store.set_document(session.id, "timeline", {"events": [{"description": "d" * 200_000}]})
    with pytest.raises(ValidationError, match="te lang"):
        store.update_group(group.id, description="e" * 100_001)
    [stored] = store.list_captures(session.id)
    assert stored.data["text"] == "a" * 100_000
    assert store.get_document(session.id, "timeline") == {"events": [{"description": "kort"}]}
    assert store.get_group(group.id).description == ""


def test_a_full_disk_while_capturing_gives_a_message_and_keeps_what_was_stored(tmp_path):
    """SQLite's own limit on the pages of the file (max_page_count) fails a write exactly
    as a full disk does (SQLITE_FULL)."""
    import sqlite3

    from sqlalchemy import event

    from casusdesk.storage.db import DB_FILENAME, StorageError

    engine = open_engine(tmp_path)
    store = Store(engine)
    group = store.save_group(Group(name="G"))
    session = store.save_session(Session(group_id=group.id, date=dt.date(2026, 1, 5)))
    engine.dispose()
    limit = {"pages": 0}

    def cap(dbapi_conn, _record):
        if limit["pages"]:
            dbapi_conn.execute(f"PRAGMA max_page_count={limit['pages']}")

    event.listen(engine, "connect", cap)
    with engine.connect() as conn:
        limit["pages"] = conn.exec_driver_sql("PRAGMA page_count").scalar() + 8
    engine.dispose()
    stored, message = [], ""
    for n in range(200):
        try:
            stored.append(store.add_capture(Capture(
                session_id=session.id, kind="tip", data={"text": f"tip {n} " + "x" * 3000})).id)
        except StorageError as exc:
            message = str(exc)
            break
    assert stored and "De schijf is vol" in message and "Traceback" not in message
    assert [c.id for c in store.list_captures(session.id)] == stored
    limit["pages"] = 0  # room again
    engine.dispose()
    store.add_capture(Capture(session_id=session.id, kind="tip", data={"text": "weer ruimte"}))
    engine.dispose()
    con = sqlite3.connect(tmp_path / DB_FILENAME)
    assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM captures").fetchone()[0] == len(stored) + 1
    con.close()
