"""Qt test doubles."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ManualTicker(QObject):
    """A Ticker that only ticks when a test calls ``fire()``."""

    ticked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.active = False

    def start(self) -> None:
        self.active = True

    def stop(self) -> None:
        self.active = False

    def fire(self) -> None:
        self.ticked.emit()
