"""Suite-wide guards: headless Qt, a private data folder, and no network at all."""

from __future__ import annotations

import os
import socket

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class NetworkAttempt(AssertionError):
    """Raised when code under test tries to open a network connection."""


def _guard_connect(original):  # noqa: ANN001, ANN202
    def connect(self, address, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise NetworkAttempt(f"network connection attempted to {address!r}")
        return original(self, address, *args, **kwargs)
    return connect


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """casusdesk must never open a network connection: any attempt fails the test."""
    monkeypatch.setattr(socket.socket, "connect", _guard_connect(socket.socket.connect))
    monkeypatch.setattr(socket.socket, "connect_ex", _guard_connect(socket.socket.connect_ex))


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory: pytest.TempPathFactory,
                     monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """Never touch the real user data folder."""
    path = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("CASUSDESK_DATA_DIR", str(path))
    return path


def pytest_report_header(config: pytest.Config) -> list[str]:
    """Show the Qt binding in the log: a leaking PySide6 must be visible in CI (issue 15)."""
    import sys
    from importlib.metadata import PackageNotFoundError, version

    try:
        pyside = version("PySide6-Essentials")
    except PackageNotFoundError:
        pyside = "niet geïnstalleerd"
    try:
        shiboken = version("shiboken6")
    except PackageNotFoundError:
        shiboken = "niet geïnstalleerd"
    return [f"PySide6-Essentials {pyside}, shiboken6 {shiboken}, "
            f"Python {sys.version.split()[0]}"]
