"""Open the data folder's database safely.

Before SQLAlchemy touches the file, it is checked with a read-only connection:
a file that is not SQLite, is damaged, or comes from a newer casusdesk is refused
with a Dutch message and left exactly as it was.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import StaticPool
from sqlmodel import create_engine

from casusdesk.domain.errors import CasusdeskError, os_reason
from casusdesk.storage import migrations
from casusdesk.storage.migrations import MigrationError

DB_FILENAME = "casusdesk.sqlite"
SQLITE_HEADER = b"SQLite format 3\x00"


class StorageError(CasusdeskError):
    """The database cannot be opened or written; the message says why, in Dutch."""


#: how long a write waits for a lock another program holds, in ms
BUSY_TIMEOUT_MS = 5000


class StoreBusyError(StorageError):
    """Another program holds the database (a lock SQLite could not get in time)."""


class DiskFullError(StorageError):
    """The disk of the data folder is full."""


#: below this much free space an I/O error of SQLite is taken to be a full disk (SQLite
#: reports a -shm file it cannot grow as an I/O error, not as SQLITE_FULL)
_NEARLY_FULL = 1 << 20


def _disk_is_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < _NEARLY_FULL
    except OSError:
        return False


def sqlite_problem(exc: BaseException, path: Path) -> StorageError | None:
    """A Dutch StorageError for an SQLite error that is not damage to the file
    (locked, disk full, cannot open or read), or None when the file itself is bad."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return StoreBusyError(
            f"Het gegevensbestand {path} is in gebruik door een ander programma (een tweede "
            "casusdesk, of een back-up- of synchronisatieprogramma). Sluit dat programma en "
            "probeer het opnieuw. Er is niets aangepast.")
    io_error = name.startswith(("SQLITE_IOERR", "SQLITE_FULL", "SQLITE_CANTOPEN")) or any(
        word in text for word in ("disk i/o", "disk is full", "unable to open"))
    if name.startswith("SQLITE_FULL") or "disk is full" in text or (
            io_error and _disk_is_full(path.parent)):
        return DiskFullError(
            f"De schijf met de gegevensmap {path.parent} is vol. Maak ruimte vrij en probeer "
            "het opnieuw. Er is niets aangepast.")
    if io_error:
        return StorageError(
            f"Het gegevensbestand {path} kan niet worden geopend of gelezen ({exc}). "
            "Het is niet aangepast.")
    return None


class DamagedText(str):
    """A stored text whose bytes are not UTF-8 (another program or a disk fault wrote
    them): it reads as "" so one damaged cell never stops a whole list from being read;
    the store marks the field as damaged and never writes it back unchanged."""

    __slots__ = ()


def _read_text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return DamagedText()


def is_damaged(value: object) -> bool:
    """Whether a value read from the database was text that is not UTF-8."""
    return isinstance(value, DamagedText)


def _on_connect(dbapi_conn, _record) -> None:  # noqa: ANN001 (DBAPI connection)
    dbapi_conn.text_factory = _read_text
    # the sqlite3 module would only start a transaction at the first INSERT/UPDATE, so a
    # read-then-write (a code counter, a version check) could interleave with another
    # window or process; transactions are begun explicitly in _on_begin instead
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous=FULL")  # per connection: every commit is on disk
    # deleted text is overwritten at once, also when the VACUUM after a deletion cannot run
    cur.execute("PRAGMA secure_delete=ON")
    cur.close()


#: execution option that makes a transaction take the write lock at its start
WRITE = "casusdesk_write"


def _on_begin(conn) -> None:  # noqa: ANN001 (SQLAlchemy connection)
    options = conn.get_execution_options()
    if options.get("isolation_level") == "AUTOCOMMIT":
        return
    conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get(WRITE) else "BEGIN")


def _listen(engine: Engine) -> Engine:
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


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
        # when a -wal has content must SQLite read it, to see the latest schema version
        con = sqlite3.connect(f"file:{path}?{_read_flags(path)}", uri=True)
        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            check = con.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        problem = sqlite_problem(exc, path)
        if problem is not None:  # locked or a full disk: the file itself is fine
            raise problem from exc
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


def open_read_only(data_dir: Path, *, live: bool = False) -> Engine:
    """An engine that only reads, for a folder casusdesk may not write in (an archived
    copy, a backup on a read-only share). Writing through it fails with a message.

    Args:
        live: another casusdesk writes in the folder meanwhile: read its changes as
            they come (never as an unchanging file, which would read torn pages)."""
    path = Path(data_dir) / DB_FILENAME
    version = _check_existing(path)
    if version != migrations.SCHEMA_VERSION:
        raise StorageError(
            f"De gegevens in {path} zijn van een oudere versie van casusdesk en moeten eerst "
            "worden bijgewerkt; daarvoor moet casusdesk in de map kunnen schrijven.")
    flags = "mode=ro" if live else _read_flags(path)
    return _listen(create_engine(f"sqlite:///file:{path}?{flags}&uri=true"))


def _read_flags(path: Path) -> str:
    """URI flags to read ``path`` without writing next to it. An empty -wal (left by a
    program that could not finish opening) holds nothing, so the file alone is read."""
    wal = path.with_name(path.name + "-wal")
    try:
        has_wal = wal.stat().st_size > 0
    except OSError:
        has_wal = False
    return "mode=ro" if has_wal else "mode=ro&immutable=1"


def _sidecars(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def _remove_new_empty_sidecars(path: Path, existed: dict[Path, bool]) -> None:
    """After a failed open: remove the -wal/-shm this open made, when the -wal is empty
    (an empty -wal holds nothing; a -shm is only an index of the -wal)."""
    wal, shm = _sidecars(path)
    try:
        if wal.exists() and (existed[wal] or wal.stat().st_size > 0):
            return
        for sidecar in (wal, shm):
            if not existed[sidecar] and sidecar.exists():
                sidecar.unlink()
    except OSError:
        pass


def _verified_copy(source: Path, copy: Path) -> bool:
    """Whether ``copy`` is a sound SQLite copy of ``source``: quick_check passes and it
    has as many pages as the source (a copy cut short by a kill has fewer)."""
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            pages = src.execute("PRAGMA page_count").fetchone()[0]
        finally:
            src.close()
        con = sqlite3.connect(f"file:{copy}?mode=ro&immutable=1", uri=True)
        try:
            check = con.execute("PRAGMA quick_check").fetchone()[0]
            copy_pages = con.execute("PRAGMA page_count").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False
    return check == "ok" and copy_pages == pages


def make_backup(path: Path, version: int) -> Path:
    """Keep ``casusdesk.v<version>.bak`` beside ``path`` before a schema upgrade.

    The copy is made with SQLite's backup API (complete, also with changes still in
    the -wal) into a temporary name, flushed to disk, checked, and only then renamed:
    a kill during the copy leaves at most the temporary file, which the next start
    replaces. An existing .bak is kept only when it passes the same check.
    """
    backup = path.with_name(f"{path.stem}.v{version}.bak")
    if backup.exists() and _verified_copy(path, backup):
        return backup
    temp = path.with_name(f".{backup.name}.tmp")
    try:
        temp.unlink(missing_ok=True)
        if _POSIX:  # the copy holds everything: for the user alone, like the file
            os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
        src = sqlite3.connect(path, timeout=5, isolation_level=None)
        try:
            # a read transaction first: it waits at most 5 s for another program's lock
            # (backup() itself would retry for ever) and keeps the copy consistent
            src.execute("BEGIN")
            src.execute("SELECT count(*) FROM sqlite_master").fetchone()
            dst = sqlite3.connect(temp)
            try:
                src.backup(dst)
            finally:
                dst.close()
            src.execute("COMMIT")
        finally:
            src.close()
        fd = os.open(temp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        if not _verified_copy(path, temp):
            raise StorageError(
                f"De reservekopie van {path} vóór het bijwerken klopt niet; casusdesk werkt "
                "de gegevens daarom niet bij. Er is niets aangepast.")
        os.replace(temp, backup)
        _fsync_dir(backup.parent)
    except (sqlite3.DatabaseError, OSError) as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            if exc.errno == errno.ENOSPC:
                raise DiskFullError(
                    f"Voor de reservekopie vóór het bijwerken is geen ruimte op de schijf van "
                    f"{path.parent}. Maak ruimte vrij en probeer het opnieuw. Er is niets "
                    "aangepast.") from exc
            raise StorageError(f"De reservekopie {backup} kan niet worden gemaakt: "
                               f"{os_reason(exc)}. Er is niets aangepast.") from exc
        raise (sqlite_problem(exc, path) or StorageError(
            f"De reservekopie {backup} kan niet worden gemaakt ({exc}). "
            "Er is niets aangepast.")) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return backup


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open a folder; its rename is durable enough
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


#: on Linux and macOS: the data folder casusdesk makes, and the files it keeps there,
#: are for the user alone (the folders above it keep the usual permissions)
FOLDER_MODE, FILE_MODE = 0o700, 0o600
_POSIX = os.name == "posix"


def private_file(path: Path) -> None:
    """Make an existing file of the data folder readable for the user alone."""
    if not _POSIX:
        return
    try:
        if path.exists() and (path.stat().st_mode & 0o777) != FILE_MODE:
            os.chmod(path, FILE_MODE)
    except OSError:
        pass  # not ours to change (a copy on a share): it opens as it is


def ensure_folder(data_dir: Path) -> Path:
    """Make the data folder when it is missing (0700 on Linux and macOS); refuse one
    casusdesk cannot write in."""
    data_dir = Path(data_dir)
    try:
        if not data_dir.is_dir():
            data_dir.parent.mkdir(parents=True, exist_ok=True)
            data_dir.mkdir(mode=FOLDER_MODE, exist_ok=True)
            if _POSIX:
                os.chmod(data_dir, FOLDER_MODE)  # mkdir's mode passes through the umask
    except OSError as exc:
        raise StorageError(
            f"De gegevensmap {data_dir} kan niet worden aangemaakt: {os_reason(exc)}."
        ) from exc
    if not os.access(data_dir, os.W_OK | os.X_OK):
        raise StorageError(
            f"In de gegevensmap {data_dir} mag casusdesk niet schrijven. "
            "Kies een andere map met --data-dir of CASUSDESK_DATA_DIR."
        )
    return data_dir


def _private_database(path: Path) -> None:
    """The database file, made before SQLite makes it, and its -wal and -shm are 0600:
    SQLite gives a new -wal and -shm the permissions of the database file."""
    if not _POSIX:
        return
    if not path.exists():
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
        except FileExistsError:
            pass  # another casusdesk made it just now
        except OSError as exc:
            raise StorageError(f"Het gegevensbestand {path} kan niet worden aangemaakt: "
                               f"{os_reason(exc)}.") from exc
    for file in (path, *_sidecars(path)):
        private_file(file)


def open_engine(data_dir: Path) -> Engine:
    """Create the engine for ``data_dir``, creating or upgrading the database."""
    data_dir = ensure_folder(data_dir)
    path = data_dir / DB_FILENAME
    version = _check_existing(path) if path.exists() else 0
    if path.exists() and not os.access(path, os.W_OK):
        raise StorageError(f"Het gegevensbestand {path} is alleen-lezen.")
    existed = {p: p.exists() for p in _sidecars(path)}
    created = not path.exists()
    engine = None
    try:
        _private_database(path)
        if 0 < version < migrations.SCHEMA_VERSION:
            make_backup(path, version)
        engine = _listen(create_engine(f"sqlite:///{path}"))
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        migrations.upgrade(engine)
        _confirm_sound(engine, path)
        _clear_wal(engine)
    except (OperationalError, sqlite3.OperationalError, MigrationError) as exc:
        if engine is not None:
            engine.dispose()
        _remove_new_empty_sidecars(path, existed)
        if created and path.exists() and path.stat().st_size == 0:
            path.unlink()
        cause = getattr(exc, "orig", None) or exc
        raise (sqlite_problem(cause, path) or StorageError(
            f"De gegevens in {path} kunnen niet worden geopend ({cause}). "
            "Er is niets aangepast.")) from exc
    return engine


def _clear_wal(engine: Engine) -> None:
    """Copy a -wal left by an unclean end into the file and empty it: it may hold text
    deleted before (whose clearing a reader elsewhere postponed). Another casusdesk
    reading now only postpones it again."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("PRAGMA busy_timeout=200")
        try:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        except OperationalError:
            pass
        finally:
            conn.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


class _Unsound(sqlite3.OperationalError):
    """The upgraded file does not pass quick_check: its backups are kept."""


def _confirm_sound(engine: Engine, path: Path) -> None:
    """After opening (and any upgrade): the file passes quick_check; only then the
    backups made before an upgrade go, as they hold everything ever deleted since.
    Without backups there is nothing to confirm (the file was checked before opening)."""
    if not backup_files(path):
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        check = conn.exec_driver_sql("PRAGMA quick_check").scalar()
    if check != "ok":
        raise _Unsound(f"na het bijwerken: {check}")
    discard_backups(path)


def backup_files(path: Path) -> list[Path]:
    """The copies of ``path`` that a schema upgrade made (``casusdesk.v<N>.bak``), and
    the temporary names of copies a kill cut short."""
    folder, stem = path.parent, path.stem
    found = [*folder.glob(f"{stem}.v*.bak"), *folder.glob(f".{stem}.v*.bak.tmp")]
    return sorted(p for p in found if p.is_file())


def discard_backups(path: Path) -> list[Path]:
    """Remove the upgrade backups of ``path`` (overwritten with zeros first, so the file
    system does not keep their pages readable for the next file). A file that cannot be
    removed is left; the next start tries again."""
    removed = []
    for backup in backup_files(path):
        try:
            size = backup.stat().st_size
            with backup.open("r+b") as fh:
                chunk = b"\0" * (1 << 20)
                for _ in range(0, size, len(chunk)):
                    fh.write(chunk)
                fh.truncate(size)
                fh.flush()
                os.fsync(fh.fileno())
            backup.unlink()
        except OSError:
            continue
        removed.append(backup)
    if removed:
        _fsync_dir(path.parent)
    return removed


def memory_engine() -> Engine:
    """An in-memory database for tests: one shared connection."""
    engine = create_engine(
        "sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
    )
    _listen(engine)
    migrations.upgrade(engine)
    return engine
