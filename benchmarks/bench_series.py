"""Benchmark: what a meeting of a long-running group has to review.

A group of 8 that met monthly for four years (48 sessions), each session with 6
agreements (half done) and 4 issue moments (one parked), every later session carrying
some over. Prints the time of :func:`casusdesk.services.series.open_items` for the last
session, beside an anchor measured in the same run: reading the captures of one session
(``Store.list_captures``), what the console already does when it opens.

Run from the repository: ``python benchmarks/bench_series.py``.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from casusdesk.domain.model import Capture, Group, Session  # noqa: E402
from casusdesk.services import series  # noqa: E402
from casusdesk.services.catalog import functions  # noqa: E402
from casusdesk.services.roster import Roster  # noqa: E402
from casusdesk.storage.db import open_engine  # noqa: E402
from casusdesk.storage.repositories import Store  # noqa: E402

SESSIONS = 48


def build(folder: Path) -> tuple[Store, list[Session]]:
    store = Store(open_engine(folder))
    roster = Roster(store, functions())
    group = store.save_group(Group(name="Werkplaats"))
    for function in ("Klantmanager Werk", "Sociaal werker", "Wmo-consulent",
                     "Klantmanager Inkomen", "Wijkcoach GGZ", "Schuldhulpverlener",
                     "Participatiecoach", "Cliëntondersteuner MEE"):
        roster.add(group.id, function=function)
    people = [p.id for p in store.list_participants(group.id)]
    sessions = []
    for i in range(SESSIONS):
        s = store.save_session(Session(group_id=group.id, attendance=people,
                                       date=dt.date(2022, 1, 10) + dt.timedelta(days=28 * i)))
        for k in range(6):
            store.add_capture(Capture(s.id, "agreement", data={
                "action": f"Afspraak {i}-{k}", "owner": "KM_1", "done": k % 2 == 0}))
        for k in range(4):
            store.add_capture(Capture(s.id, "issue_moment", data={
                "description": f"Issue {i}-{k}", "outcome": "geparkeerd" if k == 0 else ""}))
        if i:
            for n, item in enumerate(series.open_items(store, s.id)):
                series.review(store, s.id, item.capture.id, series.CARRIED if n % 3 else series.DONE,
                              "Nog niet gelukt")
        sessions.append(s)
    return store, sessions


def best(fn, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store, sessions = build(Path(tmp))
        last = sessions[-1]
        count = len(series.open_items(store, last.id))
        anchor = best(lambda: store.list_captures(last.id))
        measured = best(lambda: series.open_items(store, last.id))
        print(f"open_items over {SESSIONS - 1} earlier sessions ({count} open): "
              f"{measured * 1000:.1f} ms")
        print(f"anchor: list_captures of one session: {anchor * 1000:.2f} ms "
              f"(ratio {measured / anchor:.0f}x)")


if __name__ == "__main__":
    main()
