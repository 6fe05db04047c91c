"""Writing export files safely: a failure never leaves half a file behind."""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

from casusdesk.domain.errors import CasusdeskError, os_reason


def check_target(path: Path) -> None:
    """Refuse a missing, non-folder or read-only target before any work is done."""
    try:
        _check_target(path)
    except OSError as exc:  # e.g. a name that is too long for the file system
        raise CasusdeskError(f"Kan niet opslaan als {path}: {os_reason(exc)}.") from None


def _check_target(path: Path) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        raise CasusdeskError(f"De map {folder} bestaat niet. Kies een bestaande map.")
    if not folder.is_dir():
        raise CasusdeskError(f"{folder} is geen map. Kies een map om in op te slaan.")
    if path.is_dir():
        raise CasusdeskError(f"{path} is een map. Geef een bestandsnaam op.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise CasusdeskError(f"In de map {folder} mag niet worden opgeslagen (alleen lezen). "
                             "Kies een andere map.")


#: the temporary names write_atomic makes (tempfile's 8 random characters)
TEMP_PREFIX, TEMP_SUFFIX = ".casusdesk-", ".tmp"
_TEMP_NAME = re.compile(r"\.casusdesk-[a-z0-9_]{8}\.tmp")
#: a temporary file this old is left over from a write that was killed: a write in
#: progress takes well under a second, its data being complete before it starts
STALE_AFTER_SECONDS = 60.0


def clean_stale_temporaries(folder: Path, *, now: float | None = None) -> list[Path]:
    """Remove the temporary files that killed writes left in ``folder``.

    Only files with write_atomic's own hidden names (``.casusdesk-XXXXXXXX.tmp``) that
    are regular files and were last written more than a minute ago go; every other
    file stays, and a file that cannot be removed is left alone.

    Returns:
        the files removed.
    """
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _TEMP_NAME.fullmatch(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not entry.is_file(follow_symlinks=False) or now - info.st_mtime < STALE_AFTER_SECONDS:
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def _normal_permissions(name: str) -> None:
    """A temporary file is private (0600); the result gets the usual permissions."""
    if os.name != "posix":
        return
    mask = os.umask(0o022)
    os.umask(mask)
    try:
        os.chmod(name, 0o666 & ~mask)
    except OSError:
        pass


def write_atomic(path: str | os.PathLike[str], data: bytes, *, what: str) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    Args:
        what: what is being saved, for the message ("de rolkaarten", "het verslag").

    Temporary files that an earlier, killed write left in the same folder are
    removed first (:func:`clean_stale_temporaries`).

    Raises:
        CasusdeskError: in Dutch, naming the file and the reason (missing or read-only
            folder, file open in Word, disk full); nothing is left behind.
    """
    path = Path(path)
    check_target(path)
    clean_stale_temporaries(path.parent if str(path.parent) else Path("."))
    tmp_name = None
    try:
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=TEMP_PREFIX,
                                         suffix=TEMP_SUFFIX, delete=False) as handle:
            tmp_name = handle.name
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _normal_permissions(tmp_name)
        os.replace(tmp_name, path)
        tmp_name = None
    except PermissionError:
        raise CasusdeskError(
            f"Kan {what} niet opslaan als {path}: geen toestemming. Is het bestand nog "
            "geopend in Word, of is de map alleen-lezen?") from None
    except OSError as exc:
        raise CasusdeskError(f"Kan {what} niet opslaan als {path}: {os_reason(exc)}.") from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
    return path
