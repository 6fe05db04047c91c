"""Run slow service calls (deduce, exports) off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal


class Job(QThread):
    """Runs ``work()`` in a thread; the GUI thread reads ``result`` or ``error`` after.

    Python objects are not sent through cross-thread signals (PySide6 has crashed on
    that here); the thread keeps them and ``QThread.finished`` tells the GUI thread.

    Signals:
        progress(str): a status line, emitted by ``report`` from the worker thread.
    """

    progress = Signal(str)

    def __init__(self, work: Callable[[Job], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self.result: Any = None
        self.error: BaseException | None = None

    def report(self, text: str) -> None:
        self.progress.emit(text)

    def run(self) -> None:
        try:
            self.result = self._work(self)
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread to show
            self.error = exc
