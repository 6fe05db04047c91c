"""The repaint tick. It only says "look at the clock again"; it never keeps time."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal


class Ticker(QObject):
    """Emits ``ticked`` about four times a second while started.

    Signals:
        ticked: time to re-read the timer and repaint.
    """

    ticked = Signal()

    def __init__(self, interval_ms: int = 250, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.ticked)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()
