"""Test doubles shared by the suite."""

from __future__ import annotations

import datetime as dt


class FakeClock:
    """A Clock whose time only moves when a test says so."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self._mono = 1000.0
        self._now = start or dt.datetime(2026, 3, 12, 9, 30, tzinfo=dt.timezone.utc)

    def monotonic(self) -> float:
        return self._mono

    def now(self) -> dt.datetime:
        return self._now

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` pass on both the monotonic and the wall clock."""
        self._mono += seconds
        self._now += dt.timedelta(seconds=seconds)

    def restart(self) -> None:
        """Simulate a new process: the monotonic clock has a new, unrelated origin."""
        self._mono = 5.0
