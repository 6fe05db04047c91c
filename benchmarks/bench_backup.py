"""Time of the encrypted backup of a group with 24 sessions (export, read, import),
beside a plain sqlite3 backup of the same data folder's database in the same run (the
anchor: copying every page of the file, no JSON, no compression, no encryption).

    python benchmarks/bench_backup.py [--sessions 24] [--captures 80] [--repeat 5]

The group is the demo group: its first session is the demo's full Rolwisseling (a
timeline, a role assignment, captures of every kind); the others get --captures tips,
notes and issue moments each, and the demo's timeline.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from casusdesk.domain.model import Capture  # noqa: E402
from casusdesk.services import backup  # noqa: E402
from casusdesk.services.catalog import functions  # noqa: E402
from casusdesk.services.demo import create_demo  # noqa: E402
from casusdesk.services.roster import Roster  # noqa: E402
from casusdesk.storage.db import DB_FILENAME, open_engine  # noqa: E402
from casusdesk.storage.repositories import Store  # noqa: E402
from casusdesk.storage.tables import CaptureRow  # noqa: E402

PASS = "een wachtwoord voor de meting"
KINDS = ("tip", "note", "question", "issue_moment")


def fill(store: Store, sessions: int, captures: int) -> int:
    roster = Roster(store, functions())
    first = create_demo(store, roster)
    timeline = store.get_document(first.id, "timeline")
    for _ in range(sessions - 1):
        s = create_demo(store, roster)
        store.set_document(s.id, "timeline", timeline)

        def work(db, sid=s.id) -> None:  # noqa: ANN001
            import json

            for n in range(captures):
                kind = KINDS[n % len(KINDS)]
                data = ({"codes": ["KM_1", "SW_1"], "description": f"Moment {n}: handhaving "
                         "tegenover vertrouwen, de klantmanager en de sociaal werker"}
                        if kind == "issue_moment" else
                        {"text": f"Vastlegging {n}: samen met de cliënt een weekplanning "
                                 "maken, de huisarts bellen en de schuldhulp erbij halen"})
                db.add(CaptureRow(session_id=sid, kind=kind, phase_index=n % 5,
                                  session_seconds=float(n * 30),
                                  data=json.dumps(data, ensure_ascii=False)))
        store.transaction(work)
    return first.group_id


def ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples) * 1000:7.1f} ms  (min {min(samples) * 1000:.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=24)
    parser.add_argument("--captures", type=int, default=80, help="captures per extra session")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store = Store(open_engine(root / "bron"))
        group_id = fill(store, args.sessions, args.captures)
        counts = {k: len(v["rows"]) for k, v in store.export_group(group_id).items()}
        with closing(sqlite3.connect(root / "bron" / DB_FILENAME)) as con:  # with the -wal
            db_size = (con.execute("PRAGMA page_count").fetchone()[0]
                       * con.execute("PRAGMA page_size").fetchone()[0])
        anchor, export, read, load, kdf = [], [], [], [], []
        size = 0
        for n in range(args.repeat):
            copy = root / f"kopie{n}.sqlite"
            t0 = time.perf_counter()
            src = sqlite3.connect(root / "bron" / DB_FILENAME)
            dst = sqlite3.connect(copy)
            src.backup(dst)
            dst.close()
            src.close()
            anchor.append(time.perf_counter() - t0)

            out = root / f"groep{n}.casusdesk"
            t0 = time.perf_counter()
            backup.export_backup(store, group_id, out, PASS)
            export.append(time.perf_counter() - t0)
            size = out.stat().st_size

            t0 = time.perf_counter()
            payload = backup.read_backup(out, PASS)
            read.append(time.perf_counter() - t0)

            target = Store(open_engine(root / f"doel{n}"))
            t0 = time.perf_counter()
            backup.import_backup(target, payload)
            load.append(time.perf_counter() - t0)
            target.engine.dispose()

            t0 = time.perf_counter()
            backup._key(PASS, b"\0" * 16, backup.SCRYPT_LOG2_N, backup.SCRYPT_R, backup.SCRYPT_P)
            kdf.append(time.perf_counter() - t0)
        store.engine.dispose()
    print(f"group: {counts.get('sessions')} sessions, {counts.get('participants')} "
          f"participants, {counts.get('captures')} captures; database {db_size / 1024:.0f} KiB, "
          f"backup file {size / 1024:.0f} KiB; {args.repeat} runs")
    print(f"  anchor: sqlite3 backup of the database   {ms(anchor)}")
    print(f"  export backup (read, JSON, zlib, AES)    {ms(export)}")
    print(f"  read backup (scrypt, decrypt, parse)     {ms(read)}")
    print(f"  import into a new folder (one tx)        {ms(load)}")
    print(f"  of which scrypt key (n=2^{backup.SCRYPT_LOG2_N}, r={backup.SCRYPT_R}) once      "
          f"{ms(kdf)}")


if __name__ == "__main__":
    main()
