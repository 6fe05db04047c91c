"""Benchmark: reading a session's captures row by row, damaged rows included.

Run from the repository: ``python benchmarks/bench_capture_read.py``. Prints, for a
session with many captures (a long meeting has a few hundred), the time of
``Store.list_captures`` (raw rows, text as bytes, each row decoded and checked on its
own so one damaged row cannot stop the rest) beside the anchor measured in the same
run: the plain SQLModel select of the same rows with ``json.loads`` per row (the
reading before damaged rows were handled, which fails on the first damaged one).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlmodel import Session as DbSession  # noqa: E402
from sqlmodel import select  # noqa: E402

from casusdesk.app import open_context  # noqa: E402
from casusdesk.domain.model import Capture  # noqa: E402
from casusdesk.services.demo import create_demo  # noqa: E402
from casusdesk.storage.tables import CaptureRow  # noqa: E402

ROUNDS = 30


def best(work, rounds: int = ROUNDS) -> tuple[float, float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        ctx = open_context(Path(folder))
        session = create_demo(ctx.store, ctx.roster)
        for count in (100, 1000, 5000):
            have = len(ctx.store.list_captures(session.id))
            for i in range(have, count):
                ctx.store.add_capture(Capture(
                    session_id=session.id, kind="question", session_seconds=float(i),
                    data={"text": f"Vraag {i}: wat wil de cliënt zelf, en wie vraagt dat?",
                          "starred": i % 7 == 0}))

            def anchor() -> list:
                with DbSession(ctx.store.engine) as db:
                    rows = db.exec(select(CaptureRow).where(CaptureRow.session_id == session.id)
                                   .order_by(CaptureRow.session_seconds, CaptureRow.id)).all()
                    return [(r.id, r.kind, json.loads(r.data)) for r in rows]

            def ours() -> list:
                return ctx.store.list_captures(session.id)

            assert len(ours()) == len(anchor()) == count
            a_min, a_med = best(anchor)
            o_min, o_med = best(ours)
            print(f"{count:>5} captures: list_captures {o_min * 1000:7.2f} ms (median "
                  f"{o_med * 1000:7.2f})   anchor ORM select + json.loads {a_min * 1000:7.2f} ms "
                  f"(median {a_med * 1000:7.2f})   ratio {o_min / a_min:4.2f}")
        ctx.store.engine.dispose()


if __name__ == "__main__":
    main()
