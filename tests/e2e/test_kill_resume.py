"""Kill the running application with SIGKILL and find everything back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from casusdesk.app import open_context
from casusdesk.services.live import LiveSession

DRIVER = Path(__file__).with_name("kill_driver.py")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")
def test_sigkill_loses_no_capture_and_the_timer_resumes(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    child = subprocess.Popen([sys.executable, str(DRIVER), str(tmp_path)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline()
        assert line.startswith("READY"), child.stderr.read()
        session_id = int(line.split()[1])
        killed_at = time.monotonic()
        time.sleep(1.5)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    time.sleep(0.5)
    closed_for = time.monotonic() - killed_at

    ctx = open_context(tmp_path)
    live = LiveSession(ctx.store, session_id, ctx.methods, ctx.clock)
    tips = [c.data["text"] for c in live.captures("tip")]
    assert tips == ["Samen met de client een weekplanning maken"]
    [moment] = live.captures("issue_moment")
    assert moment.data["codes"] == ["KM_1", "SW_1"]
    assert moment.data["description"] == "Handhaving tegenover vertrouwen"
    assert live.note_for_phase(1).data["text"] == "Notitie die een kill moet overleven"
    # the timer is still running in phase 2 and counted the time it was dead
    assert live.timer.running and live.timer.index == 1
    assert live.timer.elapsed(1) >= closed_for - 0.2
    assert live.timer.elapsed(1) < closed_for + 30
