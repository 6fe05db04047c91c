"""Writing export files safely: a failure never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
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

    Raises:
        CasusdeskError: in Dutch, naming the file and the reason (missing or read-only
            folder, file open in Word, disk full); nothing is left behind.
    """
    path = Path(path)
    check_target(path)
    tmp_name = None
    try:
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".casusdesk-",
                                         suffix=".tmp", delete=False) as handle:
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
