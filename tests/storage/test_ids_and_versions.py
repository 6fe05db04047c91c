"""Ids are never handed out twice, and a stale copy never overwrites a newer write
(issue 15, store items 1 and 2): two windows are two Stores on one file, two
programs are two processes."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap

import pytest

from casusdesk.domain.model import Capture, Group, Session
from casusdesk.services.catalog import functions
from casusdesk.services.roster import Roster
from casusdesk.storage.db import StorageError, open_engine
from casusdesk.storage.repositories import ConflictError, Store, session_fields


@pytest.fixture
def store(tmp_path):
    return Store(open_engine(tmp_path))


@pytest.fixture
def roster(store):
    return Roster(store, functions())


def _other_process(tmp_path, code: str) -> str:
    """Run ``code`` with ``store`` and ``roster`` on the same data folder in a new process."""
    script = textwrap.dedent(f"""
        from pathlib import Path
        import datetime as dt
        from casusdesk.domain.model import Capture, Group, Session
        from casusdesk.services.catalog import functions
        from casusdesk.services.roster import Roster
        from casusdesk.storage.db import open_engine
        from casusdesk.storage.repositories import Store
        store = Store(open_engine(Path({str(tmp_path)!r})))
        roster = Roster(store, functions())
    """) + textwrap.dedent(code)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_deleting_the_newest_record_never_gives_its_id_to_the_next(tmp_path, store, roster):
    group = store.save_group(Group(name="Noord"))
    km = roster.add(group.id, function="Klantmanager Werk")
    session = store.save_session(Session(group_id=group.id, date=dt.date(2026, 3, 1)))
    capture = store.add_capture(Capture(session_id=session.id, kind="tip", data={"text": "a"}))

    store.delete_capture(capture.id)
    new_capture = store.add_capture(Capture(session_id=session.id, kind="tip"))
    roster.remove(km.id)
    new_participant = roster.add(group.id, function="Klantmanager Werk")
    store.delete_session(session.id)
    reopened = Store(open_engine(tmp_path))  # also after a restart
    new_session = reopened.save_session(Session(group_id=group.id, date=dt.date(2026, 3, 1)))
    reopened.delete_group(group.id)
    new_group = reopened.save_group(Group(name="Zuid"))

    assert new_capture.id != capture.id
    assert new_participant.id != km.id
    assert new_session.id != session.id
    assert new_group.id != group.id


def test_a_window_holding_a_deleted_session_cannot_write_into_a_new_one(tmp_path, store):
    """The tester's case: a session deleted in one window, a new one created in another
    program; the tip typed into the old window must not land in the new client's session."""
    group = store.save_group(Group(name="Noord"))
    old = store.save_session(Session(group_id=group.id, date=dt.date(2026, 3, 1)))
    old_window = store.get_session(old.id)
    _other_process(tmp_path, f"""
        store.delete_session({old.id})
        new = store.save_session(Session(group_id={group.id}, date=dt.date(2026, 4, 1)))
        print(new.id)
    """)
    [new] = store.list_sessions(group.id)
    assert new.id != old.id

    with pytest.raises(StorageError, match="bestaat niet meer"):
        store.add_capture(Capture(session_id=old_window.id, kind="tip", data={"text": "x"}))
    with pytest.raises(StorageError, match="bestaat niet meer"):
        store.set_document(old_window.id, "review", {"decisions": []})
    old_window.case.title = "Oude titel"
    with pytest.raises(StorageError, match="bestaat niet meer"):
        store.save_session(old_window)
    assert store.list_captures(new.id) == []
    assert store.get_session(new.id).case.title == ""


def test_ids_are_not_reused_after_an_upgrade_of_an_old_database(tmp_path):
    import shutil
    from pathlib import Path

    fixture = Path(__file__).parents[1] / "fixtures" / "db" / "v3.sqlite"
    shutil.copy(fixture, tmp_path / "casusdesk.sqlite")
    store = Store(open_engine(tmp_path))
    [group] = store.list_groups()
    [session] = store.list_sessions(group.id)
    newest = max(c.id for c in store.list_captures(session.id))
    store.delete_capture(newest)
    store.delete_session(session.id)
    again = store.save_session(Session(group_id=group.id, date=dt.date(2026, 5, 1)))
    capture = store.add_capture(Capture(session_id=again.id, kind="note"))
    assert again.id != session.id
    assert capture.id > newest


def test_a_stale_group_copy_never_writes_back_code_counters(store, roster):
    """Reported: an edit of the group description wrote back stale counters, and a
    newcomer got SW_4 again after SW_4 had left."""
    group = store.save_group(Group(name="Werkplaats"))
    for _ in range(3):
        roster.add(group.id, function="Sociaal werker")
    page_copy = store.get_group(group.id)  # the group page, opened now
    sw4 = roster.add(group.id, function="Sociaal werker")
    assert sw4.code == "SW_4"
    roster.remove(sw4.id)

    store.update_group(group.id, expected_version=page_copy.version,
                       base={"description": page_copy.description}, description="Maandelijks")
    page_copy.description = "Maandelijks, twee uur"
    with pytest.raises(ConflictError, match="intussen"):
        store.save_group(page_copy)  # a whole stale copy is refused ...
    newcomer = roster.add(group.id, function="Sociaal werker")
    assert newcomer.code == "SW_5"
    assert store.get_group(group.id).description == "Maandelijks"


def test_code_counters_cannot_be_set_through_a_group_update(store):
    group = store.save_group(Group(name="Werkplaats"))
    with pytest.raises(KeyError):
        store.update_group(group.id, code_counters={"SW": 0})


def test_two_windows_editing_other_fields_both_keep_their_edit(tmp_path, store):
    group = store.save_group(Group(name="Noord"))
    session = store.save_session(Session(group_id=group.id, date=dt.date(2026, 3, 1)))
    window_a = Store(open_engine(tmp_path))
    window_b = Store(open_engine(tmp_path))
    seen_a = window_a.get_session(session.id)
    seen_b = window_b.get_session(session.id)

    edited_a = window_a.get_session(session.id)
    edited_a.case.title = "Schulden bij de woningcorporatie"
    window_a.update_session(seen_a, edited_a)
    edited_b = window_b.get_session(session.id)
    edited_b.case.title = ""  # b's stale copy still has the old, empty title
    edited_b.place = "Zaal 2"
    window_b.update_session(seen_b, edited_b)  # b changed only the place: merged

    stored = store.get_session(session.id)
    assert (stored.case.title, stored.place) == ("Schulden bij de woningcorporatie", "Zaal 2")
    assert stored.version == 2


def test_a_second_window_cannot_revert_a_case_title(tmp_path, store):
    group = store.save_group(Group(name="Noord"))
    session = store.save_session(Session(group_id=group.id, date=dt.date(2026, 3, 1)))
    seen = store.get_session(session.id)
    _other_process(tmp_path, f"""
        s = store.get_session({session.id})
        s.case.title = "Titel uit het andere programma"
        store.save_session(s)
    """)
    mine = store.get_session(session.id)
    mine.__dict__.update(seen.__dict__)
    mine.case = type(seen.case)(**{**seen.case.__dict__, "title": "Mijn titel"})
    with pytest.raises(ConflictError, match="titel van de casus"):
        store.update_session(seen, mine)
    assert store.get_session(session.id).case.title == "Titel uit het andere programma"
    with pytest.raises(ConflictError):
        store.update_session_fields(session.id, {"case_title": "Mijn titel"},
                                    expected_version=seen.version,
                                    base=session_fields(seen))


def test_participants_added_by_two_programs_at_once_get_different_codes(tmp_path, store):
    group = store.save_group(Group(name="Noord"))
    code = f"""
        for _ in range(15):
            roster.add({group.id}, function="Sociaal werker")
    """
    script_procs = [subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            from pathlib import Path
            from casusdesk.services.catalog import functions
            from casusdesk.services.roster import Roster
            from casusdesk.storage.db import open_engine
            from casusdesk.storage.repositories import Store
            store = Store(open_engine(Path({str(tmp_path)!r})))
            roster = Roster(store, functions())
        """) + textwrap.dedent(code)], stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for proc in script_procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    codes = [p.code for p in store.list_participants(group.id)]
    assert len(codes) == 30
    assert sorted(codes, key=lambda c: int(c.split("_")[1])) == [f"SW_{n}" for n in range(1, 31)]
    assert store.get_group(group.id).code_counters == {"SW": 30}


def test_a_participant_edit_from_a_stale_table_keeps_the_other_windows_edit(tmp_path, store,
                                                                             roster):
    group = store.save_group(Group(name="Noord"))
    jan = roster.add(group.id, function="Klantmanager Werk", name="Jan")
    table_a = store.get_participant(jan.id)
    other = Roster(Store(open_engine(tmp_path)), functions())
    other.edit(jan.id, {"organisation": "Gemeente"}, expected_version=jan.version,
               base={"organisation": ""})
    base = {k: getattr(table_a, k) for k in ("name", "organisation")}
    saved = roster.edit(jan.id, {"name": "Jan de Vries"}, expected_version=table_a.version,
                        base=base)
    assert (saved.name, saved.organisation, saved.code) == ("Jan de Vries", "Gemeente", "KM_1")
    with pytest.raises(ConflictError, match="organisatie"):
        roster.edit(jan.id, {"organisation": "Sociaal team"}, expected_version=table_a.version,
                    base=base)
