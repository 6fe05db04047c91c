"""The start path: the first window shows without the heavy libraries, and a SIGTERM
closes it like the user would."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

HEAVY = ("deduce", "docdeid", "docx", "reportlab", "PIL", "lxml")

# The real start path (casusdesk.cli.main); at the moment it would enter the event
# loop, report what the user sees and what is imported.
CHILD = r"""
import json, sys
from PySide6.QtWidgets import QApplication

def exec_(*_args):
    QApplication.processEvents()
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    print(json.dumps({
        "windows": [w.windowTitle() for w in shown],
        "groups": [w.group_list.item(i).text() for w in shown if hasattr(w, "group_list")
                   for i in range(w.group_list.count())],
        "modules": sorted(sys.modules),
    }))
    return 0

QApplication.exec = exec_
from casusdesk.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _env(tmp_path):
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CASUSDESK_NO_DIALOGS": "1",
            "CASUSDESK_DEDUCE_CACHE": str(tmp_path / "geen-cache")}


@pytest.mark.slow
def test_first_window_shows_without_heavy_libraries(tmp_path):
    result = subprocess.run([sys.executable, "-c", CHILD, "--data-dir", str(tmp_path / "d")],
                            capture_output=True, text=True, env=_env(tmp_path), timeout=120)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["windows"] == ["casusdesk"]
    assert seen["groups"], "the first start shows the demo group"
    loaded = {m.split(".")[0] for m in seen["modules"]}
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))
    # the screens for leading a session come when they are opened, not at start
    assert "casusdesk.ui.console" not in seen["modules"]
    assert not (tmp_path / "geen-cache").exists()  # nothing built before the window


READY = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

enter = QApplication.exec

def exec_(*_args):  # say so once the event loop runs, then run it for real
    QTimer.singleShot(0, lambda: print("ready", flush=True))
    return enter()

QApplication.exec = exec_
from casusdesk.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.slow
def test_sigterm_closes_the_window_and_exits_cleanly(tmp_path):
    proc = subprocess.Popen([sys.executable, "-c", READY, "--data-dir", str(tmp_path / "d")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=_env(tmp_path))
    try:
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(0.5)  # idle in the event loop: only the wake-up pipe gets Python going
        assert proc.poll() is None
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
