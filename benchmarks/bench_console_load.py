"""Benchmark: adding a capture in the real console stays fast as the session grows.

Run from the repository root:  python benchmarks/bench_console_load.py [--adds 30]

For a session that already holds 100, 1,000 and 2,000 tips, the real console (main
window, console, projector shown; offscreen) is opened and ``--adds`` tips are added
the way the facilitator does it: text in the field, Enter, and the window repainted.
Printed beside it, measured in the same run at the same size:

- the raw store insert (``LiveSession.capture``: one SQLite transaction, fsync), the
  floor no console can go below;
- a bare QListView over the same list model, one row inserted and repainted;
- for comparison, what every add cost before (issue 12): a QListWidget cleared and
  refilled with all rows (only run when the installed PySide6 does not leak, as that
  is exactly the call that drops references to None on 6.12.0).

Goal (issue 12): under 50 ms per add, flat from 100 to 2,000 captures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6 import __version__ as PYSIDE_VERSION  # noqa: E402
from PySide6.QtWidgets import QApplication, QListView, QListWidget, QListWidgetItem  # noqa: E402

from casusdesk.app import open_context  # noqa: E402
from casusdesk.services.demo import create_demo  # noqa: E402
from casusdesk.services.live import LiveSession  # noqa: E402
from casusdesk.storage.tables import CaptureRow  # noqa: E402
from casusdesk.ui.capture_panes import CaptureListModel  # noqa: E402
from casusdesk.ui.main_window import MainWindow  # noqa: E402

SIZES = (100, 1_000, 2_000)
TIP = "Samen met de cliënt en de huisarts een weekplanning maken, stap {n}"


def prefill(ctx, session_id: int, count: int) -> None:  # noqa: ANN001
    """Put ``count`` tips into the session in one transaction (setup, not measured)."""
    def work(db) -> None:  # noqa: ANN001
        for n in range(count):
            db.add(CaptureRow(session_id=session_id, kind="tip", phase_index=0,
                              session_seconds=float(n),
                              data=json.dumps({"text": TIP.format(n=n)}, ensure_ascii=False)))
    ctx.store.transaction(work)


def ms(samples: list[float]) -> str:
    values = sorted(s * 1000 for s in samples)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return f"median {statistics.median(values):6.1f} ms   p95 {p95:6.1f} ms"


def console_adds(app: QApplication, size: int, adds: int, root: Path) -> dict[str, list[float]]:
    ctx = open_context(root / f"data{size}")
    create_demo(ctx.store, ctx.roster)
    session = create_demo(ctx.store, ctx.roster)
    prefill(ctx, session.id, size)
    window = MainWindow(ctx, confirm=lambda *a: True)
    window.resize(1366, 768)
    window.show()
    started = time.perf_counter()
    console = window.start_console(session.id)
    assert console is not None
    pane = console.panes["tip"]
    console.tabs.setCurrentWidget(pane)
    console.toggle_projector()
    app.processEvents()
    opened = time.perf_counter() - started
    assert pane.model.rowCount() == size

    results: dict[str, list[float]] = {"open": [opened], "console": [], "store": [],
                                       "view": [], "rebuild": []}
    field = pane.inputs["text"]
    for n in range(adds):
        field.setText(TIP.format(n=size + n))
        t0 = time.perf_counter()
        pane.add()            # what Enter does
        app.processEvents()   # and the window repainted
        results["console"].append(time.perf_counter() - t0)
    assert pane.model.rowCount() == size + adds

    # anchor 1: the raw store insert, same session, same size
    live = LiveSession(ctx.store, session.id, ctx.methods, ctx.clock)
    for n in range(adds):
        t0 = time.perf_counter()
        live.capture("tip", text=TIP.format(n=n))
        results["store"].append(time.perf_counter() - t0)

    # anchor 2: a bare QListView over the same model, one row in, repainted
    model = CaptureListModel()
    model.reset([(float(n), n + 1, TIP.format(n=n)) for n in range(size)])
    view = QListView()
    view.setUniformItemSizes(True)
    view.setModel(model)
    view.resize(560, 400)
    view.show()
    app.processEvents()
    for n in range(adds):
        t0 = time.perf_counter()
        row = model.insert(float(size + n), size + n + 1, TIP.format(n=size + n))
        view.scrollTo(model.index(row))
        app.processEvents()
        results["view"].append(time.perf_counter() - t0)
    view.close()

    # for comparison: the old way (clear and refill a QListWidget on every add)
    if not PYSIDE_VERSION.startswith("6.12.0"):
        widget = QListWidget()
        widget.setWordWrap(True)
        widget.resize(560, 400)
        widget.show()
        texts = [TIP.format(n=n) for n in range(size)]
        for n in range(min(adds, 5)):
            texts.append(TIP.format(n=size + n))
            t0 = time.perf_counter()
            widget.clear()
            for text in texts:
                widget.addItem(QListWidgetItem(text))
            widget.scrollToBottom()
            app.processEvents()
            results["rebuild"].append(time.perf_counter() - t0)
        widget.close()

    window.close_console()
    window.close()
    app.processEvents()
    ctx.store.engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--adds", type=int, default=30, help="adds measured per size")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    print(f"PySide6 {PYSIDE_VERSION}, Python {sys.version.split()[0]}, "
          f"{args.adds} adds per size, offscreen, 1366x768")
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            r = console_adds(app, size, args.adds, Path(tmp))
            print(f"\n{size:>5} captures in the session (console opened in "
                  f"{r['open'][0] * 1000:.0f} ms)")
            print(f"  add in the console (Enter + repaint) {ms(r['console'])}")
            print(f"  anchor: raw store insert             {ms(r['store'])}")
            print(f"  anchor: bare QListView row insert    {ms(r['view'])}")
            if r["rebuild"]:
                print(f"  before: QListWidget rebuilt per add  {ms(r['rebuild'])}")
    print("\nGoal: console add under 50 ms, flat from 100 to 2,000 captures.")


if __name__ == "__main__":
    main()
