"""Every released schema upgrades to the current one without losing data."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from casusdesk.storage import migrations
from casusdesk.storage.db import DB_FILENAME, StorageError, open_engine
from casusdesk.storage.repositories import Store

def same_database(a: Path, b: Path) -> bool:
    """Same schema version, pages and content (every row), whatever the header says."""
    def describe(path: Path):
        con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
        try:
            return (con.execute("PRAGMA user_version").fetchone(),
                    con.execute("PRAGMA page_count").fetchone(), list(con.iterdump()))
        finally:
            con.close()
    return describe(a) == describe(b)


FIXTURES = sorted((Path(__file__).parents[1] / "fixtures" / "db").glob("v*.sqlite"))


def test_there_is_a_fixture_for_every_released_schema_but_the_current():
    versions = {int(p.stem[1:]) for p in FIXTURES}
    assert versions == set(range(1, migrations.SCHEMA_VERSION))


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_old_database_is_upgraded_with_its_data_and_a_backup(tmp_path, fixture):
    shutil.copy(fixture, tmp_path / DB_FILENAME)
    old_version = int(fixture.stem[1:])
    store = Store(open_engine(tmp_path))
    con = sqlite3.connect(tmp_path / DB_FILENAME)
    assert con.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
    con.close()
    [group] = store.list_groups()
    assert group.name == "Werkplaats Heerenveen-Zuid"
    assert len(store.list_participants(group.id)) == 8
    [session] = store.list_sessions(group.id)
    assert session.case.client_pseudonym == "Sjoerd"
    assert len(store.list_captures(session.id)) > 10
    store.set_document(session.id, "interview", {"persona": "jongeren"})
    assert store.get_document(session.id, "interview") == {"persona": "jongeren"}
    # the backup made before the upgrade held everything; the upgraded file is sound,
    # so it is gone (issue 12: no copy of deleted data stays behind)
    assert [p.name for p in tmp_path.iterdir() if "bak" in p.name] == []


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_a_failed_upgrade_keeps_the_backup_of_the_old_file(tmp_path, fixture, monkeypatch):
    shutil.copy(fixture, tmp_path / DB_FILENAME)
    old_version = int(fixture.stem[1:])

    def broken(conn):
        raise sqlite3.OperationalError("stap mislukt")

    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS[:-1], broken])
    with pytest.raises(StorageError):
        open_engine(tmp_path)
    assert same_database(tmp_path / f"casusdesk.v{old_version}.bak", fixture)


def test_a_version_2_database_gets_participant_aliases_and_keeps_its_interview(tmp_path):
    shutil.copy(Path(__file__).parents[1] / "fixtures" / "db" / "v2.sqlite", tmp_path / DB_FILENAME)
    store = Store(open_engine(tmp_path))
    [group] = store.list_groups()
    participants = store.list_participants(group.id)
    assert [p.aliases for p in participants] == [[]] * 8
    [session] = store.list_sessions(group.id)
    assert store.get_document(session.id, "interview") == {"persona": "ouders"}
    first = participants[0]
    first.aliases = ["Jan", " Johnny ", "", "Jan"]
    store.update_participant(first)
    reopened = Store(open_engine(tmp_path))
    assert reopened.get_participant(first.id).aliases == ["Jan", "Johnny"]
    assert not (tmp_path / "casusdesk.v2.bak").exists()


def test_a_version_4_database_keeps_session_setup_and_series_after_upgrade(tmp_path):
    shutil.copy(Path(__file__).parents[1] / "fixtures" / "db" / "v4.sqlite", tmp_path / DB_FILENAME)
    store = Store(open_engine(tmp_path))
    [group] = store.list_groups()
    [session] = store.list_sessions(group.id)
    assert store.get_document(session.id, "setup") is None
    store.set_document(session.id, "setup", {"mode": "online"})
    store.set_document(session.id, "series", {"items": {"3": {"status": "done"}}})
    again = Store(open_engine(tmp_path))
    assert again.get_document(session.id, "setup") == {"mode": "online"}
    assert again.get_document(session.id, "series")["items"]["3"]["status"] == "done"
    assert len(again.list_captures(session.id)) > 10
