"""Time of a real deletion (issue 12): deleting a capture now also empties the -wal
(checkpoint TRUNCATE), deleting a session rebuilds the file (VACUUM). Beside each, in
the same run and on the same store: adding a capture (one transaction with fsync).

    python benchmarks/bench_delete.py [--captures 2000] [--repeat 30]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from casusdesk.domain.model import Capture, Group, Session  # noqa: E402
from casusdesk.storage.db import open_engine  # noqa: E402
from casusdesk.storage.repositories import Store  # noqa: E402
from casusdesk.storage.tables import CaptureRow  # noqa: E402


def ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples) * 1000:6.1f} ms  (max {max(samples) * 1000:.1f})"


def fill(store: Store, session_id: int, n: int) -> None:
    def work(db) -> None:  # noqa: ANN001
        for i in range(n):
            db.add(CaptureRow(session_id=session_id, kind="tip", data=json.dumps(
                {"text": f"Tip {i}: samen met de cliënt een weekplanning maken"})))
    store.transaction(work)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--captures", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=Path.home()) as tmp:  # a real disk, not tmpfs
        store = Store(open_engine(Path(tmp)))
        group = store.save_group(Group(name="G"))
        session = store.save_session(Session(group_id=group.id, date=dt.date(2026, 1, 5)))
        fill(store, session.id, args.captures)
        adds, deletes = [], []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            capture = store.add_capture(Capture(session_id=session.id, kind="tip",
                                                data={"text": "wordt verwijderd"}))
            adds.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            store.delete_capture(capture.id)
            deletes.append(time.perf_counter() - t0)
        sessions, session_adds = [], []
        for _ in range(max(3, args.repeat // 10)):
            other = store.save_session(Session(group_id=group.id, date=dt.date(2026, 2, 5)))
            fill(store, other.id, 200)
            t0 = time.perf_counter()
            store.add_capture(Capture(session_id=other.id, kind="tip", data={"text": "x"}))
            session_adds.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            store.delete_session(other.id)
            sessions.append(time.perf_counter() - t0)
        store.engine.dispose()
    print(f"store with {args.captures} captures, {args.repeat} runs, in {Path.home()}")
    print(f"  anchor: add a capture                     {ms(adds)}")
    print(f"  delete a capture (+ checkpoint TRUNCATE)  {ms(deletes)}")
    print(f"  anchor: add a capture                     {ms(session_adds)}")
    print(f"  delete a session of 200 (+ VACUUM)        {ms(sessions)}")


if __name__ == "__main__":
    main()
