"""Run slow service calls (deduce, exports) off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal


class Job(QThread):
    """Runs ``work()`` in a thread and reports its result or its error.

    Signals:
        succeeded(object): the return value of ``work``.
        failed(object): the exception ``work`` raised.
        progress(str): a status line, emitted by ``report`` from the worker thread.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    progress = Signal(str)

    def __init__(self, work: Callable[[Job], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work

    def report(self, text: str) -> None:
        self.progress.emit(text)

    def run(self) -> None:
        try:
            result = self._work(self)
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread to show
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)
