"""Deleting a group, participant, session or capture leaves no copy of its text in any
file of the data folder: the database, its -wal and -shm, and the backups an upgrade
made (issue 12, real deletion). Searched while the store is still open, as it is
while casusdesk runs."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from casusdesk.domain.model import Capture, Case, Group, Session
from casusdesk.services.catalog import functions
from casusdesk.services.roster import Roster
from casusdesk.storage.db import DB_FILENAME, open_engine
from casusdesk.storage.repositories import Store
from tests.helpers.raw import found_in_folder

FIXTURES = Path(__file__).parents[1] / "fixtures" / "db"


@pytest.fixture
def store(tmp_path):
    return Store(open_engine(tmp_path))


@pytest.fixture
def roster(store):
    return Roster(store, functions())


def _session(store, group_id, *, real_name, note, event, bringer=None):
    case = Case(title="Casus", client_real_name=real_name, client_aliases=[real_name + "tje"],
                description=f"Over {real_name}", case_bringer_id=bringer)
    session = store.save_session(Session(group_id=group_id, date=dt.date(2026, 1, 5),
                                         case=case, place="Zaal Noord"))
    store.add_capture(Capture(session_id=session.id, kind="note", data={"text": note}))
    store.set_document(session.id, "timeline", {"events": [{"text": event}]})
    store.set_document(session.id, "review", {"marked": [real_name]})
    return session


def test_deleting_a_capture_leaves_no_copy_of_its_text(tmp_path, store):
    group = store.save_group(Group(name="Noord"))
    session = _session(store, group.id, real_name="Blijft Bewaard", note="blijft staan",
                       event="verhuisd")
    gone = store.add_capture(Capture(session_id=session.id, kind="tip",
                                     data={"text": "Schuldhulp via Zwaantje Verwijder"}))
    gone.data["text"] = "Schuldhulp via Zwaantje Verwijder, bewerkt"
    store.update_capture(gone)
    assert found_in_folder(tmp_path, "Zwaantje Verwijder")  # the test can see it
    store.delete_capture(gone.id)
    assert found_in_folder(tmp_path, "Zwaantje Verwijder") == []
    assert [c.data["text"] for c in store.list_captures(session.id)] == ["blijft staan"]


def test_deleting_a_participant_leaves_no_copy_of_their_name(tmp_path, store, roster):
    group = store.save_group(Group(name="Noord"))
    stays = roster.add(group.id, function="Sociaal werker", name="Anna Blijft")
    p = roster.add(group.id, function="Wmo-consulent", name="Gerrit Wegwezen",
                   organisation="Stichting Verdwijnpunt")
    roster.edit(p.id, {"aliases": ["Gerritje Weg"]})
    roster.edit(p.id, {"name": "Gerrit Wegwezen-Vroeger"})
    _session(store, group.id, real_name="Cliënt Blijft", note="n", event="e", bringer=p.id)
    texts = ("Gerrit Wegwezen", "Stichting Verdwijnpunt", "Gerritje Weg")
    assert found_in_folder(tmp_path, *texts)
    roster.remove(p.id)
    assert found_in_folder(tmp_path, *texts) == []
    assert [q.name for q in store.list_participants(group.id)] == [stays.name]


def test_deleting_a_session_leaves_no_copy_of_its_case_captures_or_timeline(tmp_path, store):
    group = store.save_group(Group(name="Noord"))
    other = _session(store, group.id, real_name="Bert Blijft", note="andere notitie",
                     event="andere gebeurtenis")
    gone = _session(store, group.id, real_name="Hendrika Geheim", note="schulden bij Kredietbank Xyz",
                    event="scheiding in Heerenveen-Oost")
    store.set_document(gone.id, "interview", {"persona": "Persona Weg"})
    texts = ("Hendrika Geheim", "Kredietbank Xyz", "Heerenveen-Oost", "Persona Weg")
    assert len({t for _, t in found_in_folder(tmp_path, *texts)}) == len(texts)
    store.delete_session(gone.id)
    assert found_in_folder(tmp_path, *texts) == []
    assert store.get_session(other.id).case.client_real_name == "Bert Blijft"


def test_deleting_a_group_leaves_no_copy_of_anything_in_it(tmp_path, store, roster):
    stays = store.save_group(Group(name="Zuid"))
    roster.add(stays.id, function="Sociaal werker", name="Zuid Persoon")
    group = store.save_group(Group(name="Groep Vertrekpunt", description="Over Wijk Weghoek"))
    roster.add(group.id, function="Wmo-consulent", name="Trijntje Weg")
    _session(store, group.id, real_name="Klaas Geheim", note="notitie Geheimpad", event="Gebeurd")
    texts = ("Groep Vertrekpunt", "Wijk Weghoek", "Trijntje Weg", "Klaas Geheim", "Geheimpad")
    assert len({t for _, t in found_in_folder(tmp_path, *texts)}) == len(texts)
    store.delete_group(group.id)
    assert found_in_folder(tmp_path, *texts) == []
    assert [g.name for g in store.list_groups()] == ["Zuid"]


def test_an_upgrade_backup_is_removed_once_the_upgraded_file_is_sound(tmp_path):
    """The .bak of an upgrade holds everything as it was: after the upgrade it goes,
    so deleting the group later leaves no copy there either."""
    shutil.copy(FIXTURES / "v1.sqlite", tmp_path / DB_FILENAME)
    store = Store(open_engine(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir() if ".bak" in p.name) == []
    [group] = store.list_groups()
    names = [p.name for p in store.list_participants(group.id) if p.name]
    assert names and found_in_folder(tmp_path, *names)
    store.delete_group(group.id)
    assert found_in_folder(tmp_path, *names, group.name) == []


def test_backups_an_earlier_casusdesk_left_are_removed_at_the_next_start(tmp_path, store):
    store.save_group(Group(name="Noord"))
    store.engine.dispose()
    left = tmp_path / "casusdesk.v1.bak"
    shutil.copy(FIXTURES / "v1.sqlite", left)
    cut = tmp_path / ".casusdesk.v2.bak.tmp"
    cut.write_bytes((FIXTURES / "v2.sqlite").read_bytes()[:8192])
    reopened = Store(open_engine(tmp_path))
    assert not left.exists() and not cut.exists()
    assert [g.name for g in reopened.list_groups()] == ["Noord"]
    assert found_in_folder(tmp_path, "Werkplaats Heerenveen-Zuid") == []
