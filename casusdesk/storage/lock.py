"""One writer per data folder: a lock the GUI and every command that writes take.

The lock is the operating system's own (``flock`` on Linux and macOS, ``msvcrt.locking``
on Windows): it is released when the process ends, also when it is killed or crashes, so
a lock is never stale. (These two calls are all the ``filelock`` package would do here;
importing that package cost 25-30 ms of every cold start, issue 13.) Who holds it and since when is
written beside it (``casusdesk.lock.info``), for the message a second program shows.

Within one process the lock is shared: two windows of the same casusdesk are one writer.
"""

from __future__ import annotations

import datetime as dt
import errno
import getpass
import json
import os
import platform
import threading
from dataclasses import dataclass
from pathlib import Path

from casusdesk.domain.errors import CasusdeskError, os_reason

LOCK_FILENAME = "casusdesk.lock"
INFO_FILENAME = "casusdesk.lock.info"


class FolderLockedError(CasusdeskError):
    """Another casusdesk holds the data folder; ``holder`` says who, when known."""

    def __init__(self, message: str, holder: dict | None) -> None:
        super().__init__(message)
        self.holder = holder


class _Busy(Exception):
    """Another process holds the lock."""


class _OsLock:
    """An exclusive, non-blocking lock on one file, held as long as its handle is open."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if os.name == "nt":
                import msvcrt

                try:
                    msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                except OSError as exc:  # EACCES (or EDEADLOCK): another process has it
                    if exc.errno in (errno.EACCES, errno.EDEADLK):
                        raise _Busy from None
                    raise
            else:
                import fcntl

                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    raise _Busy from None
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if os.name == "nt":
                import msvcrt

                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass  # closing the handle frees it all the same
        finally:
            os.close(fd)  # on Linux and macOS closing frees the flock


@dataclass
class _Held:
    lock: _OsLock
    count: int


_HELD: dict[str, _Held] = {}
_GUARD = threading.Lock()


def _key(data_dir: Path) -> str:
    return os.path.normcase(str(Path(data_dir).resolve()))


def _holder_text(holder: dict | None) -> str:
    if not holder:
        return ""
    parts = []
    who = holder.get("user")
    if who:
        parts.append(f"door {who}" + (f" op {holder['host']}" if holder.get("host") else ""))
    since = holder.get("since")
    if since:
        try:
            moment = dt.datetime.fromisoformat(since).astimezone()
            parts.append(f"sinds {moment:%d-%m-%Y %H:%M}")
        except ValueError:
            pass
    if holder.get("pid"):
        parts.append(f"proces {holder['pid']}")
    return f" ({', '.join(parts)})" if parts else ""


def read_holder(data_dir: Path) -> dict | None:
    """What the holder of the lock wrote about itself, or None."""
    try:
        value = json.loads((Path(data_dir) / INFO_FILENAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def locked_message(data_dir: Path, holder: dict | None) -> str:
    return (f"casusdesk is al geopend op deze map: {data_dir}{_holder_text(holder)}. "
            "Sluit dat programma eerst, of open de gegevens alleen om te lezen.")


def _write_info(data_dir: Path) -> None:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name known (a service account)
        user = ""
    info = {"user": user, "host": platform.node(), "pid": os.getpid(),
            "since": dt.datetime.now().astimezone().isoformat(timespec="seconds")}
    path = Path(data_dir) / INFO_FILENAME
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(info, fh)
    except OSError:
        pass  # the lock holds without it; the message then names no one


def acquire(data_dir: Path) -> None:
    """Take the data folder's lock for this process (again, when it holds it already).

    Raises:
        FolderLockedError: another process holds it.
        CasusdeskError: the lock file cannot be made (the message says why).
    """
    data_dir = Path(data_dir)
    key = _key(data_dir)
    with _GUARD:
        held = _HELD.get(key)
        if held is not None:
            held.count += 1
            return
        lock = _OsLock(data_dir / LOCK_FILENAME)
        try:
            lock.acquire()
        except _Busy:
            holder = read_holder(data_dir)
            raise FolderLockedError(locked_message(data_dir, holder), holder) from None
        except OSError as exc:
            raise CasusdeskError(f"De gegevensmap {data_dir} kan niet worden vergrendeld: "
                                 f"{os_reason(exc)}.") from exc
        _HELD[key] = _Held(lock, 1)
        _write_info(data_dir)


def release(data_dir: Path, *, remove_file: bool = False) -> None:
    """Give up one hold of the lock; the last one of this process frees it.

    Args:
        remove_file: also remove the lock file (after an open that failed and made it,
            so that a refused start leaves nothing behind)."""
    key = _key(data_dir)
    with _GUARD:
        held = _HELD.get(key)
        if held is None:
            return
        held.count -= 1
        if held.count > 0:
            return
        del _HELD[key]
        try:
            (Path(data_dir) / INFO_FILENAME).unlink(missing_ok=True)
        except OSError:
            pass
        held.lock.release()
        if remove_file:
            try:
                (Path(data_dir) / LOCK_FILENAME).unlink(missing_ok=True)
            except OSError:
                pass


def held_here(data_dir: Path) -> bool:
    """Whether this process holds the lock of ``data_dir``."""
    with _GUARD:
        return _key(data_dir) in _HELD
