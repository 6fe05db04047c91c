"""Time of the schema upgrade from 3 to the current one (table rebuild for AUTOINCREMENT,
checked backup) on a store with many captures, beside a plain file copy of the same
store measured in the same run (the anchor).

    python benchmarks/bench_upgrade.py [captures]
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from casusdesk.storage.db import DB_FILENAME, open_engine

FIXTURE = Path(__file__).parents[1] / "tests" / "fixtures" / "db" / "v3.sqlite"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        folder.mkdir()
        path = folder / DB_FILENAME
        shutil.copy(FIXTURE, path)
        con = sqlite3.connect(path)
        [(session_id,)] = con.execute("SELECT id FROM sessions").fetchall()
        text = '{"text": "' + "notitie " * 120 + '"}'
        con.executemany(
            "INSERT INTO captures (session_id, kind, phase_index, session_seconds, "
            "created_at, data) VALUES (?, 'note', 1, ?, '2026-01-01 10:00:00', ?)",
            ((session_id, float(i), text) for i in range(n)))
        con.commit()
        con.close()
        size = path.stat().st_size

        start = time.perf_counter()
        shutil.copy(path, Path(tmp) / "anchor.sqlite")
        anchor = time.perf_counter() - start

        start = time.perf_counter()
        engine = open_engine(folder)
        upgrade = time.perf_counter() - start
        engine.dispose()
    print(f"store: {n} captures, {size / 1e6:.1f} MB")
    print(f"anchor, plain file copy:        {anchor:8.3f} s")
    print(f"upgrade 3 -> current (+backup): {upgrade:8.3f} s  ({upgrade / anchor:.1f}x the copy)")


if __name__ == "__main__":
    main()
