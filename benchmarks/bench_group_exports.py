"""Benchmark: the group exports of issue 10 beside the minutes of one session.

Run from the repository root:  python benchmarks/bench_group_exports.py [--repeat 3]

The demo group with its past series (five sessions, ten analysed issue moments). Printed,
in seconds (median of --repeat runs, after one warm-up that loads the word lists):
* anchor: ``export_minutes`` of the held demo session (one session, every section);
* ``export_issues``: the coding grid (.xlsx) of the whole group;
* ``export_overview``: the group report (.docx with two charts);
* ``overview_charts``: the two PNG charts the overview screen shows.
Every export anonymizes the texts of all five sessions and checks the file it writes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from casusdesk.services import issue_export, minutes  # noqa: E402
from casusdesk.services.catalog import functions  # noqa: E402
from casusdesk.services.demo import create_demo  # noqa: E402
from casusdesk.services.demo_series import extend_new_demo  # noqa: E402
from casusdesk.services.method_catalog import load_methods  # noqa: E402
from casusdesk.services.roster import Roster  # noqa: E402
from casusdesk.storage.db import open_engine  # noqa: E402
from casusdesk.storage.repositories import Store  # noqa: E402


def timed(work, repeat: int) -> float:  # noqa: ANN001
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        store = Store(open_engine(out / "data"))
        methods = load_methods()
        held = create_demo(store, Roster(store, functions()), methods=methods)
        extend_new_demo(store, held)
        group = held.group_id
        minutes.export_minutes(store, held.id, methods, out / "warm.docx")  # loads word lists
        figures = {
            "anchor: export_minutes (1 session)": lambda: minutes.export_minutes(
                store, held.id, methods, out / "v.docx"),
            "export_issues (5 sessions, .xlsx)": lambda: issue_export.export_issues(
                store, group, methods, out / "i.xlsx"),
            "export_overview (5 sessions, .docx)": lambda: issue_export.export_overview(
                store, group, methods, out / "o.docx"),
            "overview_charts (screen)": lambda: issue_export.overview_charts(
                store, group, methods),
        }
        for name, work in figures.items():
            print(f"{name:40s} {timed(work, args.repeat):6.2f} s")


if __name__ == "__main__":
    main()
