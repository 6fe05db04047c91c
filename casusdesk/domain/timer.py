"""The phase timer and session clock of a live session.

Every value is computed from the injected ``Clock`` at the moment it is asked
for; nothing counts ticks. The UI may repaint every 250 ms or every 5 s, or the
laptop may sleep in between: ``remaining()`` is still exact.

Bookkeeping, all in seconds:
- per phase the running time already closed (``spent``) and the extra time the
  facilitator granted with +1/+5/-1 minute (``extra``);
- the monotonic instant at which the current running stretch began;
- the session clock: real time since ``start()``, pauses included, until ``finish()``.

``snapshot()`` turns this into JSON-friendly data with the wall time of the
moment; ``SessionTimer.restore(snapshot, clock)`` rebuilds the timer in a new
process (whose monotonic clock has an unrelated origin) and counts the wall time
that passed while the program was closed, or nothing if the wall clock went back.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from casusdesk.domain.clock import Clock
from casusdesk.domain.errors import ValidationError

if TYPE_CHECKING:
    from casusdesk.domain.method import Method, Phase

SNAPSHOT_FORMAT = 1


class TimerState(StrEnum):
    """What the console and projector show: colour, or why the timer stands still."""

    NOT_STARTED = "not_started"
    NORMAL = "normal"
    WRAPUP = "wrapup"
    DANGER = "danger"
    OVERTIME = "overtime"
    PAUSED = "paused"
    FINISHED = "finished"


STATE_LABELS: dict[TimerState, str] = {
    TimerState.NOT_STARTED: "Nog niet gestart",
    TimerState.NORMAL: "Loopt",
    TimerState.WRAPUP: "Afronden",
    TimerState.DANGER: "Bijna klaar",
    TimerState.OVERTIME: "Uitloop",
    TimerState.PAUSED: "Gepauzeerd",
    TimerState.FINISHED: "Afgelopen",
}


class _Status(StrEnum):
    NOT_STARTED = "not_started"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


@dataclass(frozen=True)
class TimedPhase:
    """What the timer needs of a phase. Times in seconds."""

    id: str
    title: str
    planned: float
    wrapup: float = 120.0
    danger: float = 30.0

    @classmethod
    def from_phase(cls, phase: Phase) -> TimedPhase:
        return cls(phase.id, phase.title, float(phase.seconds), float(phase.wrapup_seconds),
                   float(phase.danger_seconds))


@dataclass(frozen=True)
class PhaseTiming:
    """Planned against actual time of one phase, for the minutes. Seconds."""

    id: str
    title: str
    planned: float
    allowed: float
    actual: float

    @property
    def difference(self) -> float:
        """Actual minus planned: positive means the phase ran longer than planned."""
        return self.actual - self.planned


class SessionTimer:
    """Phase timer plus session clock over the phases of one method.

    Navigation (next, previous, goto) keeps the timer running or paused as it
    was. Time spent in a phase accumulates when the facilitator returns to it.
    """

    def __init__(self, clock: Clock, phases: Sequence[TimedPhase]) -> None:
        if not phases:
            raise ValidationError("De timer heeft minstens één fase nodig.")
        self._clock = clock
        self._phases = tuple(phases)
        self._index = 0
        self._status = _Status.NOT_STARTED
        self._spent = [0.0] * len(self._phases)
        self._extra = [0.0] * len(self._phases)
        self._run_start: float | None = None  # monotonic start of the running stretch
        self._session_base = 0.0  # session seconds counted before _session_mark
        self._session_mark: float | None = None  # monotonic, while the session clock runs
        #: wall seconds counted on restore for the time the program was closed
        self.gap_on_restore = 0.0
        #: the wall time the session was ended (``finish``), None while it is not
        self.ended_at: dt.datetime | None = None
        #: the wall time the session was started (``start``), None before it
        self.started_at: dt.datetime | None = None

    @classmethod
    def for_method(cls, method: Method, clock: Clock) -> SessionTimer:
        return cls(clock, [TimedPhase.from_phase(p) for p in method.phases])

    # ------------------------------------------------------------ properties

    @property
    def phases(self) -> tuple[TimedPhase, ...]:
        return self._phases

    @property
    def index(self) -> int:
        """The current phase, 0-based."""
        return self._index

    @property
    def phase(self) -> TimedPhase:
        return self._phases[self._index]

    @property
    def started(self) -> bool:
        return self._status is not _Status.NOT_STARTED

    @property
    def running(self) -> bool:
        return self._status is _Status.RUNNING

    @property
    def paused(self) -> bool:
        return self._status is _Status.PAUSED

    @property
    def finished(self) -> bool:
        return self._status is _Status.FINISHED

    @property
    def is_first(self) -> bool:
        return self._index == 0

    @property
    def is_last(self) -> bool:
        return self._index == len(self._phases) - 1

    # ---------------------------------------------------------------- control

    def _close_stretch(self, now: float) -> None:
        if self._run_start is not None:
            self._spent[self._index] += now - self._run_start
            self._run_start = now

    def start(self) -> None:
        """Start the session (or resume when paused)."""
        if self._status is _Status.NOT_STARTED:
            now = self._clock.monotonic()
            self._status = _Status.RUNNING
            self._run_start = now
            self._session_mark = now
            self.started_at = self._clock.now()
        elif self._status is _Status.PAUSED:
            self.resume()

    def pause(self) -> None:
        if self._status is _Status.RUNNING:
            self._close_stretch(self._clock.monotonic())
            self._run_start = None
            self._status = _Status.PAUSED

    def resume(self) -> None:
        if self._status is _Status.PAUSED:
            self._run_start = self._clock.monotonic()
            self._status = _Status.RUNNING

    def toggle(self) -> None:
        """Start, pause or resume: the one key the facilitator presses."""
        if self._status is _Status.RUNNING:
            self.pause()
        else:
            self.start()

    def goto(self, index: int) -> None:
        """Make phase ``index`` (0-based) the current one."""
        if not 0 <= index < len(self._phases):
            raise ValidationError(f"Fase {index + 1} bestaat niet.")
        if self._status is _Status.FINISHED or index == self._index:
            return
        self._close_stretch(self._clock.monotonic())
        self._index = index

    def next(self) -> bool:
        """Go to the next phase; False when this is the last one (or finished)."""
        if self.is_last or self.finished:
            return False
        self.goto(self._index + 1)
        return True

    def previous(self) -> bool:
        """Go back one phase; False when this is the first one (or finished)."""
        if self.is_first or self.finished:
            return False
        self.goto(self._index - 1)
        return True

    def adjust(self, seconds: float) -> None:
        """Give the current phase more (+60, +300) or less (-60) time.

        The time allowed never drops below zero.
        """
        if self._status is _Status.FINISHED:
            return  # an ended meeting keeps its times
        i = self._index
        planned = self._phases[i].planned
        self._extra[i] = max(self._extra[i] + seconds, -planned)

    def finish(self, ended_at: dt.datetime | None = None) -> None:
        """End the session: phase times and session clock stop for good.

        ``ended_at`` is the wall time recorded as the end (now by default).
        """
        if self._status is _Status.FINISHED:
            return
        self.ended_at = ended_at or self._clock.now()
        now = self._clock.monotonic()
        self._close_stretch(now)
        self._run_start = None
        if self._session_mark is not None:
            self._session_base += now - self._session_mark
            self._session_mark = None
        self._status = _Status.FINISHED

    # ---------------------------------------------------------------- reading

    def _i(self, index: int | None) -> int:
        if index is None:
            return self._index
        if not 0 <= index < len(self._phases):
            raise ValidationError(f"Fase {index + 1} bestaat niet.")
        return index

    def elapsed(self, index: int | None = None) -> float:
        """Seconds the timer ran in a phase (the current one by default)."""
        i = self._i(index)
        spent = self._spent[i]
        if i == self._index and self._run_start is not None:
            spent += self._clock.monotonic() - self._run_start
        return spent

    def allowed(self, index: int | None = None) -> float:
        """Planned seconds plus the extra time granted."""
        i = self._i(index)
        return max(0.0, self._phases[i].planned + self._extra[i])

    def remaining(self, index: int | None = None) -> float:
        """Seconds left in a phase; negative in overtime."""
        return self.allowed(index) - self.elapsed(index)

    def is_expired(self) -> bool:
        return self.remaining() <= 0

    def session_elapsed(self) -> float:
        """Real seconds since the session started, pauses included."""
        if self._session_mark is None:
            return self._session_base
        return self._session_base + self._clock.monotonic() - self._session_mark

    def planned_total(self) -> float:
        return sum(p.planned for p in self._phases)

    def projected_left(self) -> float:
        """Seconds until the meeting ends if the rest goes as allowed now.

        What is left of the current phase (nothing in overtime) plus the time allowed
        for every later phase; 0 once finished.
        """
        if self._status is _Status.FINISHED:
            return 0.0
        later = sum(self.allowed(i) for i in range(self._index + 1, len(self._phases)))
        return max(0.0, self.remaining()) + later

    def behind_plan(self) -> float:
        """Seconds the meeting will end after its plan (negative: before).

        The session clock so far plus :meth:`projected_left`, against the planned total:
        extra minutes granted, overtime and pauses all count.
        """
        return self.session_elapsed() + self.projected_left() - self.planned_total()

    def allowed_total(self) -> float:
        return sum(self.allowed(i) for i in range(len(self._phases)))

    def zone(self, index: int | None = None) -> TimerState:
        """The colour by time left alone: NORMAL, WRAPUP, DANGER or OVERTIME."""
        i = self._i(index)
        left = self.remaining(i)
        phase = self._phases[i]
        if left <= 0:
            return TimerState.OVERTIME
        if left <= phase.danger:
            return TimerState.DANGER
        if left <= phase.wrapup:
            return TimerState.WRAPUP
        return TimerState.NORMAL

    def state(self) -> TimerState:
        """NOT_STARTED, PAUSED or FINISHED when standing still, else the colour."""
        if self._status is _Status.NOT_STARTED:
            return TimerState.NOT_STARTED
        if self._status is _Status.FINISHED:
            return TimerState.FINISHED
        if self._status is _Status.PAUSED:
            return TimerState.PAUSED
        return self.zone()

    def timings(self) -> list[PhaseTiming]:
        """Planned, allowed and actual seconds per phase, for "planned vs actual"."""
        return [PhaseTiming(p.id, p.title, p.planned, self.allowed(i), self.elapsed(i))
                for i, p in enumerate(self._phases)]

    # ------------------------------------------------------------ persistence

    def snapshot(self) -> dict[str, Any]:
        """JSON-friendly state; store it after every action and now and then while running."""
        return {
            "format": SNAPSHOT_FORMAT,
            "saved_at": self._clock.now().isoformat(),
            "status": self._status.value,
            "index": self._index,
            "session_elapsed": self.session_elapsed(),
            "ended_at": self.ended_at.isoformat() if self.ended_at else None,
            "started_at": self.started_at.isoformat() if self.started_at else None,
            "phases": [
                {"id": p.id, "title": p.title, "planned": p.planned, "wrapup": p.wrapup,
                 "danger": p.danger, "extra": self._extra[i], "spent": self.elapsed(i)}
                for i, p in enumerate(self._phases)
            ],
        }

    @classmethod
    def restore(cls, snapshot: Mapping[str, Any], clock: Clock, *,
                gap: float | None = None) -> SessionTimer:
        """Rebuild a timer from ``snapshot()`` in this (possibly new) process.

        If it was running, the wall time since the snapshot counts as time spent
        in the current phase; if it was running or paused, the session clock
        counts it too. A wall clock that went back counts as no time at all.
        ``gap`` counts that many seconds instead (never more than passed): 0 when
        the facilitator says the meeting did not go on while the console was closed.

        Raises:
            ValidationError: the snapshot is not one this version can read.
        """
        try:
            fmt = snapshot["format"]
            if not isinstance(fmt, int) or fmt > SNAPSHOT_FORMAT:
                raise ValidationError(
                    "De opgeslagen timer komt uit een nieuwere versie van casusdesk.")
            status = _Status(snapshot["status"])
            dt.datetime.fromisoformat(snapshot["saved_at"])  # readable, or refused
            phases = [TimedPhase(str(p["id"]), str(p["title"]), _num(p["planned"]),
                                 _num(p["wrapup"]), _num(p["danger"]))
                      for p in snapshot["phases"]]
            timer = cls(clock, phases)
            timer._spent = [max(0.0, _num(p["spent"])) for p in snapshot["phases"]]
            timer._extra = [_num(p["extra"]) for p in snapshot["phases"]]
            index = snapshot["index"]
            if not isinstance(index, int) or not 0 <= index < len(phases):
                raise ValueError("index")
            session_elapsed = max(0.0, _num(snapshot["session_elapsed"]))
            ended = snapshot.get("ended_at")
            ended_at = dt.datetime.fromisoformat(ended) if isinstance(ended, str) else None
            begun = snapshot.get("started_at")
            started_at = dt.datetime.fromisoformat(begun) if isinstance(begun, str) else None
        except ValidationError:
            raise
        except (KeyError, TypeError, ValueError) as exc:
            raise ValidationError(f"De opgeslagen timer is onleesbaar ({exc}).") from None

        passed = wall_gap(snapshot, clock)
        gap = passed if gap is None else min(max(0.0, gap), passed)
        now = clock.monotonic()
        timer.ended_at = ended_at if status is _Status.FINISHED else None
        timer.started_at = started_at if status is not _Status.NOT_STARTED else None
        timer._index = index
        timer._status = status
        timer._session_base = session_elapsed
        if status in (_Status.RUNNING, _Status.PAUSED):
            timer._session_base += gap
            timer._session_mark = now
            timer.gap_on_restore = gap
        if status is _Status.RUNNING:
            timer._spent[index] += gap
            timer._run_start = now
        return timer


def wall_gap(snapshot: Mapping[str, Any], clock: Clock) -> float:
    """Wall seconds since ``snapshot`` was saved; 0 when unreadable or the clock went back."""
    try:
        saved_at = dt.datetime.fromisoformat(snapshot["saved_at"])
        gap = clock.now().timestamp() - saved_at.timestamp()
    except (KeyError, TypeError, ValueError):
        return 0.0
    return gap if math.isfinite(gap) and gap > 0 else 0.0


def _num(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"geen getal: {value!r}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"geen eindig getal: {value!r}")
    return value


def format_mmss(seconds: float) -> str:
    """Show a countdown value as ``mm:ss``; overtime as ``-mm:ss``.

    Rounds up to the whole second, as a countdown does: 599.2 s left shows
    ``10:00``, zero shows ``00:00`` and 65 s over time shows ``-01:05``.
    Minutes are not wrapped into hours (``125:00``).
    """
    whole = math.ceil(round(seconds, 3))
    sign = "-" if whole < 0 else ""
    minutes, secs = divmod(abs(whole), 60)
    return f"{sign}{minutes:02d}:{secs:02d}"


def format_hms(seconds: float) -> str:
    """Show the session clock (counting up) as ``h:mm:ss``, rounded down."""
    whole = max(0, math.floor(round(seconds, 3)))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"
