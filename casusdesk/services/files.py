"""Writing export files safely: a failure never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from casusdesk.domain.errors import CasusdeskError


def write_atomic(path: str | os.PathLike[str], data: bytes, *, what: str) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    Args:
        what: what is being saved, for the message ("De rolkaarten", "De levenslijn").

    Raises:
        CasusdeskError: in Dutch, naming the file and the reason (missing or read-only
            folder, disk full); nothing is left at ``path``.
    """
    path = Path(path)
    tmp_name = ""
    try:
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.",
                                         suffix=".tmp", delete=False) as tmp:
            tmp_name = tmp.name
            tmp.write(data)
        os.replace(tmp_name, path)
    except OSError as exc:
        if tmp_name:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
        reason = exc.strerror or str(exc)
        raise CasusdeskError(f"{what} kon niet worden opgeslagen in {path} ({reason}). "
                             "Kies een andere map.") from None
    return path
