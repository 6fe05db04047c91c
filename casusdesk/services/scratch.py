"""Temporary folders that live until the program ends.

The mail draft of the minutes, role cards opened for printing and the data of
``--demo`` must outlive the action that made them (the mail program reads the
attachment after casusdesk handed it over), but not the program: they are removed
when it ends, by :func:`remove_all` (the window calls it after its event loop) or, if
that never runs, at interpreter exit.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

_FOLDERS: list[Path] = []


def folder(prefix: str) -> Path:
    """A new, empty temporary folder, removed when the program ends."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    _FOLDERS.append(path)
    return path


def remove_all() -> None:
    """Remove every folder made by :func:`folder` (what cannot be removed is left)."""
    while _FOLDERS:
        shutil.rmtree(_FOLDERS.pop(), ignore_errors=True)


atexit.register(remove_all)
