"""One writer per data folder (issue 12): a second casusdesk that would write is refused
with who holds the folder; reading goes on; a lock of a killed program is free again."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from casusdesk import cli
from casusdesk.app import open_context
from casusdesk.domain.model import Group
from casusdesk.storage import lock
from casusdesk.storage.db import DB_FILENAME, StorageError

NO_DIALOGS = {"QT_QPA_PLATFORM": "offscreen", "CASUSDESK_NO_DIALOGS": "1"}


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "casusdesk", *args], capture_output=True,
                          text=True, env={**os.environ, **NO_DIALOGS}, timeout=120)


class Holder:
    """Another casusdesk process that opened the folder to write and keeps it open."""

    def __init__(self, folder: Path) -> None:
        code = textwrap.dedent(f"""
            import sys
            from pathlib import Path
            from casusdesk.app import open_context
            from casusdesk.domain.model import Group
            ctx = open_context(Path({str(folder)!r}))
            ctx.store.save_group(Group(name="Van de houder"))
            print("vast", flush=True)
            sys.stdin.read()
        """)
        self.proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline().strip()
        assert line == "vast", self.proc.stderr.read()

    def kill(self) -> None:
        self.proc.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no clean-up
        self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)


@pytest.fixture
def holder(tmp_path):
    h = Holder(tmp_path)
    yield h
    h.stop()


def test_a_second_program_that_writes_is_refused_and_says_who_holds_the_folder(tmp_path,
                                                                               holder):
    before = (tmp_path / DB_FILENAME).stat().st_size
    demo = run_cli("demo", "--data-dir", str(tmp_path))
    assert demo.returncode == 1
    assert "casusdesk is al geopend op deze map" in demo.stderr
    assert f"proces {holder.proc.pid}" in demo.stderr and "sinds " in demo.stderr
    assert "Traceback" not in demo.stderr
    gui = run_cli("--data-dir", str(tmp_path))
    assert gui.returncode == 1 and "casusdesk is al geopend op deze map" in gui.stderr
    # reading beside the writer goes on, and sees what it wrote
    sessions = run_cli("sessions", "--data-dir", str(tmp_path))
    assert sessions.returncode == 0 and "Van de houder" in sessions.stdout
    assert (tmp_path / DB_FILENAME).stat().st_size == before


def test_the_lock_of_a_killed_program_is_free_again(tmp_path, holder):
    assert run_cli("demo", "--data-dir", str(tmp_path)).returncode == 1
    holder.kill()
    assert holder.proc.returncode != 0
    assert (tmp_path / lock.INFO_FILENAME).exists()  # what the killed one left behind
    demo = run_cli("demo", "--data-dir", str(tmp_path))
    assert demo.returncode == 0, demo.stderr
    ctx = open_context(tmp_path)
    try:
        names = [g.name for g in ctx.store.list_groups()]
        assert "Van de houder" in names and len(names) == 2
        assert lock.read_holder(tmp_path)["pid"] == os.getpid()
    finally:
        ctx.close()
    assert not (tmp_path / lock.INFO_FILENAME).exists()


def test_in_this_process_a_held_folder_refuses_a_second_program_until_closed(tmp_path):
    ctx = open_context(tmp_path)
    again = open_context(tmp_path)  # a second window of the same program: one writer
    assert lock.held_here(tmp_path)
    assert run_cli("demo", "--data-dir", str(tmp_path)).returncode == 1
    again.close()
    assert run_cli("demo", "--data-dir", str(tmp_path)).returncode == 1
    ctx.close()
    assert not lock.held_here(tmp_path)
    assert run_cli("demo", "--data-dir", str(tmp_path)).returncode == 0


def test_the_gui_offers_to_open_read_only_beside_a_running_casusdesk(tmp_path, holder,
                                                                     monkeypatch):
    asked, opened = [], []
    monkeypatch.setattr(cli, "offer_read_only", lambda message: asked.append(message) or True)
    import casusdesk.ui.main_window as main_window

    monkeypatch.setattr(main_window, "run", lambda ctx: opened.append(ctx) or 0)
    assert cli.main(["--data-dir", str(tmp_path)]) == 0
    [message] = asked
    assert message.startswith("casusdesk is al geopend op deze map")
    [ctx] = opened
    assert ctx.read_only and not lock.held_here(tmp_path)
    assert [g.name for g in ctx.store.list_groups()] == ["Van de houder"]
    with pytest.raises(StorageError):
        ctx.store.save_group(Group(name="Niet opgeslagen"))
    ctx.close()


def test_declining_read_only_stops_with_the_message(tmp_path, holder, monkeypatch, capsys):
    monkeypatch.setattr(cli, "offer_read_only", lambda message: False)
    assert cli.main(["--data-dir", str(tmp_path)]) == 1
    assert "casusdesk is al geopend op deze map" in capsys.readouterr().err


def test_the_read_only_window_shows_it_in_its_title(tmp_path, holder, qtbot):
    from casusdesk.ui.main_window import MainWindow

    ctx = open_context(tmp_path, read_only=True)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert "alleen lezen" in window.windowTitle()
    assert "wijzigingen worden niet opgeslagen" in window.read_only_label.text()
    ctx.close()
