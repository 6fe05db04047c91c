"""Cold start: casusdesk to a usable main window, beside the floor of the toolkit.

The floor is a bare PySide6 window plus ``import sqlmodel``: what any program on this
stack pays. Both run as new Python processes (offscreen), alternately, in the same
run, so the ratio does not depend on how fast or how busy the machine is. casusdesk
starts through its real start path (``casusdesk.cli.main`` on a data folder with the
demo group); "usable" is the moment the event loop would start with the window shown
and its first events processed. Prints the medians, the ratio, and which heavy
libraries were already imported at that moment (there should be none).

Both run with a bytecode cache of their own (``PYTHONPYCACHEPREFIX`` in a temporary
folder, filled by a first run of each that is not counted), as an installed program or
the bundle has its ``.pyc`` files: with ``PYTHONDONTWRITEBYTECODE`` set (as in some
shells) an editable install would compile casusdesk's sources at every start, which
the floor (only installed libraries) never does. ``--no-pyc`` measures that case.

Run: python benchmarks/bench_startup.py [runs] [--no-pyc]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

try:
    import resource
except ImportError:  # Windows: no CPU time of the child process
    resource = None  # type: ignore[assignment]

HEAVY = ("deduce", "docdeid", "docx", "reportlab", "PIL", "lxml", "numpy")

FLOOR = r"""
import json, sys, time
t0 = time.perf_counter()
import sqlmodel
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1366, 768)
window.show()
app.processEvents()
print(json.dumps({"ready": time.perf_counter() - t0, "cpu": time.process_time(),
                  "heavy": []}), flush=True)
"""

APP = r"""
import json, sys, time
t0 = time.perf_counter()
# the real start path (casusdesk.cli -> _run_gui) imports the store (sqlmodel) before any
# Qt module; so does this harness before it patches QApplication.exec. (Qt's import hook
# reads the source of every module imported after PySide6, ~0.2 s for sqlalchemy's.)
import casusdesk.cli, casusdesk.app
from PySide6.QtWidgets import QApplication

def exec_(*_args):  # the moment casusdesk would enter its event loop
    QApplication.processEvents()
    heavy = [m for m in %(heavy)r if m in sys.modules]
    print(json.dumps({"ready": time.perf_counter() - t0, "cpu": time.process_time(),
                      "heavy": heavy}), flush=True)
    return 0

QApplication.exec = exec_
from casusdesk.cli import main
main(["--data-dir", sys.argv[1]])
""" % {"heavy": HEAVY}


_PYC: str | None = None  # the bytecode cache folder of this run (None: as the shell says)


def _run(code: str, *args: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CASUSDESK_NO_DIALOGS": "1"}
    if _PYC is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = _PYC
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN) if resource else None
    out = subprocess.run([sys.executable, "-c", code, *args], check=True,
                         capture_output=True, text=True, env=env)
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    figures["process"] = time.perf_counter() - started  # interpreter start to exit
    if resource and before is not None:
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        figures["process_cpu"] = (after.ru_utime - before.ru_utime
                                  + after.ru_stime - before.ru_stime)
    return figures


def main(runs: int = 7, pyc: bool = True) -> None:
    global _PYC
    data = tempfile.mkdtemp(prefix="casusdesk-bench-")
    if pyc:
        _PYC = tempfile.mkdtemp(prefix="casusdesk-bench-pyc-")
    subprocess.run([sys.executable, "-m", "casusdesk", "demo", "--data-dir", data],
                   check=True, capture_output=True)
    _run(FLOOR), _run(APP, data)  # warm the file cache for both
    floor, app = [], []
    for _ in range(runs):
        floor.append(_run(FLOOR))
        app.append(_run(APP, data))
    print(f"cold start to a usable window, median of {runs} runs each, alternated (seconds):")
    print(f"  {'':<28} {'floor':>7} {'casusdesk':>10} {'ratio':>6}")
    rows = (("ready", "in process, to window"), ("process", "whole process"),
            ("cpu", "CPU time, to window"), ("process_cpu", "CPU time, whole process"))
    for key, label in rows:
        if key not in floor[0] or key not in app[0]:
            continue
        f = statistics.median(r[key] for r in floor)
        a = statistics.median(r[key] for r in app)
        print(f"  {label:<28} {f:7.3f} {a:10.3f} {a / f:6.2f}x")
    print("  (CPU time counts this process's work alone: steadier on a busy machine)")
    heavy = sorted({m for r in app for m in r["heavy"]})
    print("  floor: bare PySide6 QMainWindow + import sqlmodel; goal: ratio at most 1.20x")
    print(f"  bytecode: {'cached for both (as installed)' if pyc else 'as the shell says'}")
    print(f"  heavy libraries imported before the window: {', '.join(heavy) or 'none'}")


if __name__ == "__main__":
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    main(int(numbers[0]) if numbers else 7, pyc="--no-pyc" not in sys.argv[1:])
