"""First run without a freeze: the one-time preparation of the word lists is shown.

CLI: a line on stderr before the long step (building, or loading). GUI: the status bar
shows the preparation while it runs in the background, then that it is ready.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from casusdesk.app import open_context
from casusdesk.services import anonymize
from casusdesk.ui import main_window
from casusdesk.ui.main_window import MainWindow

TEXT = "Jan de Vries belde met Piet Jansen uit Utrecht.\n"


def _cli(*args: str, cache: Path | None = None) -> subprocess.Popen:
    env = {**os.environ, "CASUSDESK_NO_DIALOGS": "1"}
    if cache is not None:
        env[anonymize.DEDUCE_CACHE_ENV] = str(cache)
    return subprocess.Popen([sys.executable, "-m", "casusdesk", *args], env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")


@pytest.mark.slow
def test_cli_says_it_prepares_the_word_lists_before_building_them(tmp_path):
    """With an empty cache the build takes minutes: the line comes first, at once."""
    names = tmp_path / "namen.txt"
    names.write_text("Jan de Vries = KM_1\n", encoding="utf-8")
    proc = _cli("anonymize", "--names", str(names), cache=tmp_path / "leeg")
    proc.stdin.write(TEXT)
    proc.stdin.close()
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: lines.put(proc.stderr.readline()), daemon=True).start()
    try:
        first = lines.get(timeout=120)
        building = proc.poll() is None  # the long step is still going on
    finally:
        proc.kill()
        proc.wait()
    assert first.strip() == "casusdesk: Woordenlijsten voorbereiden (eenmalig, 1 à 2 minuten)..."
    assert building
    assert proc.stdout.read() == ""  # nothing of the output yet


@pytest.mark.slow
def test_cli_says_it_loads_the_word_lists_before_the_output(tmp_path):
    names = tmp_path / "namen.txt"
    names.write_text("Jan de Vries = KM_1\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "casusdesk", "anonymize", "--names", str(names)],
        input=TEXT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        encoding="utf-8", env={**os.environ}, timeout=600, check=True)
    lines = result.stdout.splitlines()
    assert lines[0] == "casusdesk: Woordenlijsten laden..."
    assert lines[1].startswith("KM_1 belde met [PERSOON-1]")


@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow(open_context(tmp_path / "data"), confirm=lambda *_: True)
    qtbot.addWidget(w)
    w.show()
    return w


def test_status_bar_shows_the_preparation_then_that_it_is_ready(qtbot, window, monkeypatch):
    built = threading.Event()
    seen: list[str] = []

    def slow_build(progress=None, cache_dir=None):  # noqa: ANN001, ANN202 - fake 1-2 minutes
        time.sleep(0.8)
        built.set()
        return 0.8

    monkeypatch.setattr(anonymize, "is_ready", lambda: False)
    monkeypatch.setattr(anonymize, "needs_build", lambda cache_dir=None: True)
    monkeypatch.setattr(anonymize, "warm_up", slow_build)
    window.statusBar().messageChanged.connect(seen.append)

    job = window.prepare_word_lists()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == main_window.PREPARING_TEXT,
                    timeout=5000)
    assert window.prepare_bar.isVisible()  # a busy indicator beside the text
    assert not built.is_set()  # shown while the build is still going on
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == main_window.PREPARED_TEXT,
                    timeout=10000)
    assert built.is_set()
    assert not window.prepare_bar.isVisible()
    assert seen.index(main_window.PREPARING_TEXT) < seen.index(main_window.PREPARED_TEXT)
    assert window.prepare_word_lists() is job  # once per window


def test_nothing_is_loaded_at_start_when_the_word_lists_are_prepared(qtbot, window, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(anonymize, "is_ready", lambda: False)
    monkeypatch.setattr(anonymize, "needs_build", lambda cache_dir=None: False)
    monkeypatch.setattr(anonymize, "warm_up", lambda *a, **k: calls.append("warm_up"))
    before = window.statusBar().currentMessage()

    job = window.prepare_word_lists()
    qtbot.waitUntil(job.isFinished, timeout=5000)
    qtbot.wait(50)
    assert calls == []
    assert window.statusBar().currentMessage() == before
    assert not window.prepare_bar.isVisible()


def test_a_failed_preparation_is_shown_and_retried_later(qtbot, window, monkeypatch):
    def broken(progress=None, cache_dir=None):  # noqa: ANN001, ANN202
        raise OSError("schijf vol")

    monkeypatch.setattr(anonymize, "is_ready", lambda: False)
    monkeypatch.setattr(anonymize, "needs_build", lambda cache_dir=None: True)
    monkeypatch.setattr(anonymize, "warm_up", broken)
    window.prepare_word_lists()
    qtbot.waitUntil(lambda: "schijf vol" in window.statusBar().currentMessage(), timeout=5000)
    assert "opnieuw geprobeerd" in window.statusBar().currentMessage()
