"""The one resolver for bundled resources and the user's data folder.

Resources are found, in this order:
1. inside a frozen PyInstaller bundle (``sys._MEIPASS/resources``);
2. inside the installed package (``casusdesk/resources``, see pyproject.toml);
3. next to the package in a source checkout (``<repo>/resources``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "casusdesk"
DATA_DIR_ENV = "CASUSDESK_DATA_DIR"


def resources_dir() -> Path:
    """Return the folder that holds methods, roles, fonts and other data files."""
    candidates: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "resources")
    package_dir = Path(__file__).resolve().parent
    candidates.append(package_dir / "resources")
    candidates.append(package_dir.parent / "resources")
    for candidate in candidates:
        if (candidate / "functions.toml").is_file():
            return candidate
    raise FileNotFoundError(
        "De map 'resources' van casusdesk is niet gevonden; de installatie is onvolledig."
    )


def resource(*parts: str) -> Path:
    """Return the path of one file or folder inside the resources folder."""
    return resources_dir().joinpath(*parts)


def default_data_dir() -> Path:
    """The user's data folder: $CASUSDESK_DATA_DIR or the platform's user data dir."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)
