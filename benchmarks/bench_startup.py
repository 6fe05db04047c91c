"""Cold start: from a new Python process to a usable main window (offscreen).

Prints the median of several runs, split into imports, opening the data folder and
building the window. Run: python benchmarks/bench_startup.py
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile

CHILD = r"""
import json, os, sys, time
t0 = time.perf_counter()
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from casusdesk.app import open_context
from casusdesk.ui.main_window import MainWindow
t1 = time.perf_counter()
app = QApplication([])
ctx = open_context(sys.argv[1])
t2 = time.perf_counter()
w = MainWindow(ctx)
w.show()
app.processEvents()
t3 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "open": t2 - t1, "window": t3 - t2, "total": t3 - t0}))
"""


def main(runs: int = 5) -> None:
    data = tempfile.mkdtemp(prefix="casusdesk-bench-")
    subprocess.run([sys.executable, "-m", "casusdesk", "demo", "--data-dir", data],
                   check=True, capture_output=True)
    results = []
    for _ in range(runs):
        started = __import__("time").perf_counter()
        out = subprocess.run([sys.executable, "-c", CHILD, data], check=True,
                             capture_output=True, text=True,
                             env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        figures["process"] = __import__("time").perf_counter() - started
        results.append(figures)
    print(f"cold start over {runs} runs (median, seconds):")
    for key in ("imports", "open", "window", "total", "process"):
        print(f"  {key:<8} {statistics.median(r[key] for r in results):.3f}")


if __name__ == "__main__":
    main()
