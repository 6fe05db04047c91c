"""Opening a store that is locked by another program, on a full disk, or after a kill
during the upgrade backup (issue 15, store items 4 and 5)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from casusdesk.storage import db as db_mod
from casusdesk.storage.db import (
    DB_FILENAME, DiskFullError, StoreBusyError, make_backup, open_engine,
)
from casusdesk.storage.repositories import Store

FIXTURES = Path(__file__).parents[1] / "fixtures" / "db"


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "casusdesk", *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=120)


class ExclusiveLock:
    """A second process holding ``BEGIN EXCLUSIVE`` on a database not in WAL mode."""

    def __init__(self, path: Path) -> None:
        code = ("import sqlite3, sys\n"
                f"con = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
                "con.execute('BEGIN EXCLUSIVE')\n"
                "print('vast', flush=True)\n"
                "sys.stdin.read()\n")
        self.proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline().strip() == "vast"

    def release(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def _current_store_not_in_wal(folder: Path) -> None:
    from casusdesk.domain.model import Group

    store = Store(open_engine(folder))
    store.save_group(Group(name="Noord"))
    store.engine.dispose()
    con = sqlite3.connect(folder / DB_FILENAME)
    assert con.execute("PRAGMA journal_mode=DELETE").fetchone()[0] == "delete"
    con.close()


@pytest.mark.parametrize("upgrade", [False, True], ids=["current", "needs-upgrade"])
def test_a_store_locked_by_another_program_gives_a_message_and_leaves_nothing(tmp_path,
                                                                               upgrade):
    if upgrade:
        shutil.copy(FIXTURES / "v3.sqlite", tmp_path / DB_FILENAME)
    else:
        _current_store_not_in_wal(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    original = (tmp_path / DB_FILENAME).read_bytes()
    lock = ExclusiveLock(tmp_path / DB_FILENAME)
    try:
        with pytest.raises(StoreBusyError, match="in gebruik door een ander programma"):
            open_engine(tmp_path)
        result = run_cli("sessions", "--data-dir", str(tmp_path))
    finally:
        lock.release()
    assert result.returncode == 1
    assert "in gebruik door een ander programma" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no -wal, -shm, .bak
    assert (tmp_path / DB_FILENAME).read_bytes() == original
    # once the other program is gone, the store opens as usual
    store = Store(open_engine(tmp_path))
    assert store.list_groups()


def test_the_gui_start_on_a_locked_store_shows_a_message_window(tmp_path, monkeypatch, qapp):
    from PySide6.QtWidgets import QMessageBox

    from casusdesk import cli

    _current_store_not_in_wal(tmp_path)
    shown: list[str] = []
    monkeypatch.delenv("CASUSDESK_NO_DIALOGS", raising=False)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    lock = ExclusiveLock(tmp_path / DB_FILENAME)
    try:
        code = cli.main(["--data-dir", str(tmp_path)])
    finally:
        lock.release()
    assert code == 1
    [message] = shown
    assert "in gebruik door een ander programma" in message


@pytest.fixture(params=["tmpfs", "simulated"])
def full_folder(request, tmp_path, monkeypatch):
    """A data folder with a healthy store on a disk with no room left: a tiny tmpfs
    (when this machine lets us mount one; else simulated too), and SQLite's own
    "database or disk is full" error for every connection that may write."""
    source = tmp_path / "bron"
    store = Store(open_engine(source))
    from casusdesk.services.catalog import functions
    from casusdesk.services.demo import create_demo
    from casusdesk.services.roster import Roster
    create_demo(store, Roster(store, functions()))
    store.engine.dispose()  # a clean close: no -wal, no -shm
    mount = tmp_path / "klein"
    mount.mkdir()
    size = (source / DB_FILENAME).stat().st_size + 64 * 1024
    mounted = request.param == "tmpfs" and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)],
        capture_output=True).returncode == 0
    if mounted:
        folder = mount / "data"
        folder.mkdir()
        shutil.copy(source / DB_FILENAME, folder / DB_FILENAME)
        fd = os.open(mount / "vulling", os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(fd, b"\0" * 4096):
                pass
        except OSError:
            pass  # the disk is full now
        finally:
            os.close(fd)
    else:
        folder = source
        from sqlalchemy import event

        real_create = db_mod.create_engine

        def disk_full(_dbapi_conn, _record):  # noqa: ANN001
            raise sqlite3.OperationalError("database or disk is full")

        def create(url, **kwargs):  # noqa: ANN001, ANN003
            engine = real_create(url, **kwargs)
            if "mode=ro" not in str(url):
                event.listen(engine, "connect", disk_full)
            return engine
        monkeypatch.setattr(db_mod, "create_engine", create)
    yield folder
    if mounted:
        subprocess.run(["umount", "-l", str(mount)], check=True)  # -l: an engine may still be open


def test_a_full_disk_gives_a_message_not_a_false_damaged(full_folder, monkeypatch):
    from casusdesk import app

    before = sorted(p.name for p in full_folder.iterdir())
    with pytest.raises(DiskFullError, match="is vol"):
        open_engine(full_folder)
    assert sorted(p.name for p in full_folder.iterdir()) == before
    for _ in range(2):  # the second time used to say "beschadigd"
        with pytest.raises(DiskFullError, match="is vol") as refused:
            app.open_context(full_folder)
        assert "beschadigd" not in str(refused.value)
        # reading needs no room: `sessions` and exports read the file as it is
        reader = app.open_context(full_folder, create=False)
        [group] = reader.store.list_groups()
        assert reader.store.list_sessions(group.id)
        reader.store.engine.dispose()
        assert sorted(p.name for p in full_folder.iterdir()) == before


def test_sessions_on_a_full_disk_lists_them_without_a_traceback(full_folder, capsys):
    from casusdesk import cli

    for _ in range(2):  # the second time used to say "beschadigd"
        assert cli.main(["sessions", "--data-dir", str(full_folder)]) == 0
        out, err = capsys.readouterr()
        assert "Intervisiegroep" in out and "beschadigd" not in err
    if "klein" in str(full_folder):  # the real full disk: also as a user runs it
        result = run_cli("sessions", "--data-dir", str(full_folder))
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr and "Intervisiegroep" in result.stdout
        gui = run_cli("--data-dir", str(full_folder),
                      env={"QT_QPA_PLATFORM": "offscreen", "CASUSDESK_NO_DIALOGS": "1"})
        assert gui.returncode == 1
        assert "is vol" in gui.stderr and "Traceback" not in gui.stderr


# -- the upgrade backup (item 5) ---------------------------------------------------------

def _old_store(tmp_path: Path) -> Path:
    shutil.copy(FIXTURES / "v3.sqlite", tmp_path / DB_FILENAME)
    return tmp_path / DB_FILENAME


def _sound(path: Path) -> bool:
    con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        return (con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
                and con.execute("SELECT count(*) FROM captures").fetchone()[0] == 22
                and con.execute("PRAGMA user_version").fetchone()[0] == 3)
    finally:
        con.close()


def test_a_kill_during_the_backup_copy_leaves_a_temp_file_that_the_next_start_replaces(
        tmp_path):
    path = _old_store(tmp_path)
    temp = tmp_path / ".casusdesk.v3.bak.tmp"
    temp.write_bytes(path.read_bytes()[:8192])  # the copy was cut short by a kill
    backup = make_backup(path, 3)
    assert not temp.exists()
    assert _sound(backup)
    # the next start upgrades; once the upgraded file is sound no copy stays behind
    Store(open_engine(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir() if "bak" in p.name) == []


@pytest.mark.parametrize("damage", ["truncated", "empty", "other-database"])
def test_a_backup_that_fails_the_check_is_replaced(tmp_path, damage):
    path = _old_store(tmp_path)
    backup = tmp_path / "casusdesk.v3.bak"
    if damage == "truncated":  # what an old casusdesk left after a kill (2-376 MB of 412)
        backup.write_bytes(path.read_bytes()[:3 * 4096])
    elif damage == "empty":
        backup.write_bytes(b"")
    else:
        sqlite3.connect(backup).execute("CREATE TABLE x (y)").connection.commit()
    assert make_backup(path, 3) == backup
    assert _sound(backup)


def test_a_sound_backup_is_kept_as_it_is(tmp_path):
    path = _old_store(tmp_path)
    backup = make_backup(path, 3)
    stamp = backup.stat().st_mtime_ns, backup.stat().st_ino
    assert make_backup(path, 3) == backup
    assert (backup.stat().st_mtime_ns, backup.stat().st_ino) == stamp


def test_a_backup_that_cannot_be_checked_stops_the_upgrade(tmp_path, monkeypatch):
    path = _old_store(tmp_path)
    monkeypatch.setattr(db_mod, "_verified_copy", lambda source, copy: False)
    from casusdesk.storage.db import StorageError
    with pytest.raises(StorageError, match="reservekopie"):
        open_engine(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [DB_FILENAME]
    con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 3
    con.close()
