"""Open the data folder's database safely.

Before SQLAlchemy touches the file, it is checked with a read-only connection:
a file that is not SQLite, is damaged, or comes from a newer casusdesk is refused
with a Dutch message and left exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool
from sqlmodel import create_engine

from casusdesk.domain.errors import CasusdeskError, os_reason
from casusdesk.storage import migrations

DB_FILENAME = "casusdesk.sqlite"
SQLITE_HEADER = b"SQLite format 3\x00"


class StorageError(CasusdeskError):
    """The database cannot be opened or written; the message says why, in Dutch."""


#: how long a write waits for a lock another program holds, in ms
BUSY_TIMEOUT_MS = 5000


def _on_connect(dbapi_conn, _record) -> None:  # noqa: ANN001 (DBAPI connection)
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.close()


def _check_existing(path: Path) -> int:
    """Return the schema version of an existing file, or raise StorageError."""
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise StorageError(f"Het gegevensbestand {path} kan niet worden gelezen: {os_reason(exc)}.") from exc
    if header and header != SQLITE_HEADER:
        raise StorageError(
            f"Het bestand {path} is geen casusdesk-database of is beschadigd. "
            "Het is niet aangepast. Kies een andere gegevensmap of zet een reservekopie terug."
        )
    if not header:
        return 0
    try:
        # immutable: reading creates no -wal/-shm next to a file we may refuse; only
        # when a -wal exists must SQLite read it, to see the latest schema version
        wal = path.with_name(path.name + "-wal")
        flags = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
        con = sqlite3.connect(f"file:{path}?{flags}", uri=True)
        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            check = con.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise StorageError(
            f"Het bestand {path} is beschadigd en kan niet worden geopend ({exc}). "
            "Het is niet aangepast. Zet een reservekopie terug of kies een andere gegevensmap."
        ) from exc
    if check != "ok":
        raise StorageError(
            f"Het bestand {path} is beschadigd ({check}). Het is niet aangepast."
        )
    if version > migrations.SCHEMA_VERSION:
        raise StorageError(
            f"De gegevens in {path} zijn gemaakt met een nieuwere versie van casusdesk "
            f"(schema {version}; deze versie kent schema {migrations.SCHEMA_VERSION}). "
            "Werk casusdesk bij om ze te openen. Het bestand is niet aangepast."
        )
    return version


def open_read_only(data_dir: Path) -> Engine:
    """An engine that only reads, for a folder casusdesk may not write in (an archived
    copy, a backup on a read-only share). Writing through it fails with a message."""
    path = Path(data_dir) / DB_FILENAME
    version = _check_existing(path)
    if version != migrations.SCHEMA_VERSION:
        raise StorageError(
            f"De gegevens in {path} zijn van een oudere versie van casusdesk en moeten eerst "
            "worden bijgewerkt; daarvoor moet casusdesk in de map kunnen schrijven.")
    wal = path.with_name(path.name + "-wal")
    flags = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    engine = create_engine(f"sqlite:///file:{path}?{flags}&uri=true")
    event.listen(engine, "connect", _on_connect)
    return engine


def open_engine(data_dir: Path) -> Engine:
    """Create the engine for ``data_dir``, creating or upgrading the database."""
    data_dir = Path(data_dir)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(
            f"De gegevensmap {data_dir} kan niet worden aangemaakt: {os_reason(exc)}."
        ) from exc
    if not os.access(data_dir, os.W_OK | os.X_OK):
        raise StorageError(
            f"In de gegevensmap {data_dir} mag casusdesk niet schrijven. "
            "Kies een andere map met --data-dir of CASUSDESK_DATA_DIR."
        )
    path = data_dir / DB_FILENAME
    version = _check_existing(path) if path.exists() else 0
    if path.exists() and not os.access(path, os.W_OK):
        raise StorageError(f"Het gegevensbestand {path} is alleen-lezen.")
    if 0 < version < migrations.SCHEMA_VERSION:
        backup = path.with_name(f"{path.stem}.v{version}.bak")
        if not backup.exists():
            shutil.copy2(path, backup)
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        conn.exec_driver_sql("PRAGMA synchronous=FULL")
    migrations.upgrade(engine)
    return engine


def memory_engine() -> Engine:
    """An in-memory database for tests: one shared connection."""
    engine = create_engine(
        "sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
    )
    event.listen(engine, "connect", _on_connect)
    migrations.upgrade(engine)
    return engine
