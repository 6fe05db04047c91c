"""On Linux and macOS the data folder casusdesk makes is 0700 and the files it keeps
there are 0600: another user of the laptop reads nothing (issue 12)."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from casusdesk.app import open_context
from casusdesk.domain.model import Capture, Group, Session
from casusdesk.storage.db import DB_FILENAME, make_backup, open_engine
from casusdesk.storage.repositories import Store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")

FIXTURES = Path(__file__).parents[1] / "fixtures" / "db"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask():
    old = os.umask(0o022)  # the usual desktop umask: new files 0644, folders 0755
    yield
    os.umask(old)


def test_a_new_data_folder_and_its_files_are_for_the_user_alone(tmp_path, loose_umask):
    import datetime as dt

    folder = tmp_path / "nieuw" / "casusdesk"
    ctx = open_context(folder)
    group = ctx.store.save_group(Group(name="Noord"))
    session = ctx.store.save_session(Session(group_id=group.id, date=dt.date(2026, 1, 5)))
    ctx.store.add_capture(Capture(session_id=session.id, kind="note", data={"text": "x"}))
    assert mode(folder) == 0o700
    assert mode(folder.parent) == 0o755  # the folders above keep the usual permissions
    names = {p.name for p in folder.iterdir() if p.is_file()}
    assert {DB_FILENAME, f"{DB_FILENAME}-wal", f"{DB_FILENAME}-shm", "casusdesk.lock",
            "casusdesk.lock.info"} <= names
    assert {p.name: mode(p) for p in folder.iterdir() if p.is_file()} == dict.fromkeys(
        names, 0o600)
    ctx.close()


def test_an_existing_database_and_its_sidecars_are_made_private(tmp_path, loose_umask):
    Store(open_engine(tmp_path)).engine.dispose()
    db = tmp_path / DB_FILENAME
    os.chmod(db, 0o644)
    store = Store(open_engine(tmp_path))
    store.save_group(Group(name="Noord"))
    assert mode(db) == 0o600
    assert mode(tmp_path / f"{DB_FILENAME}-wal") == 0o600
    assert mode(tmp_path / f"{DB_FILENAME}-shm") == 0o600


def test_the_copy_before_an_upgrade_is_private_too(tmp_path, loose_umask):
    shutil.copy(FIXTURES / "v3.sqlite", tmp_path / DB_FILENAME)
    backup = make_backup(tmp_path / DB_FILENAME, 3)
    assert mode(backup) == 0o600
