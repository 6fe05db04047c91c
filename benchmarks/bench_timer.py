"""Benchmark: the timer engine stays exact over a long run and a tick does no I/O.

Run from the repository root:  python benchmarks/bench_timer.py [--real-seconds 20]

1. Real clock: a 2-hour method, ticked every 250 ms with time.sleep for about 20 s of
   real time (phases shortened so that several phase changes happen). Each tick compares
   ``remaining()`` with the value computed directly from the monotonic reading the engine
   used, and a naive "count the ticks" timer is run alongside to show the drift that the
   engine avoids.
2. Fake clock: a full 2-hour session (28,800 ticks of 250 ms with jitter, a pause and
   several +1/-1 minute adjustments) against an independent reference computation.
3. I/O check: the tick loop runs under a patched ``open``, ``os.open``, ``io.open`` and
   ``sqlite3.connect`` that count calls.
"""

from __future__ import annotations

import argparse
import builtins
import datetime as dt
import io
import os
import random
import sqlite3
import sys
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from casusdesk.domain.timer import (  # noqa: E402
    SessionTimer,
    TimedPhase,
    format_hms,
    format_mmss,
)

TICK = 0.25


class RecordingClock:
    """The real clock, remembering the last monotonic value it handed out."""

    def __init__(self) -> None:
        self.last = time.monotonic()

    def monotonic(self) -> float:
        self.last = time.monotonic()
        return self.last

    def now(self) -> dt.datetime:
        return dt.datetime.now().astimezone()


class SimClock:
    """A simulated clock for the 2-hour run."""

    def __init__(self) -> None:
        self.t = 12_345.678  # an arbitrary origin, as after a restart
        self.wall = dt.datetime(2026, 3, 12, 9, 30, tzinfo=dt.timezone.utc)

    def monotonic(self) -> float:
        return self.t

    def now(self) -> dt.datetime:
        return self.wall

    def advance(self, seconds: float) -> None:
        self.t += seconds
        self.wall += dt.timedelta(seconds=seconds)


def tick(timer: SessionTimer) -> tuple[str, str, str]:
    """What the console does every 250 ms: read and format, nothing else."""
    return (format_mmss(timer.remaining()), timer.state().value,
            format_hms(timer.session_elapsed()))


@contextmanager
def count_io():
    """Patch the usual doors to disk and database; count how often they are used."""
    calls = {"open": 0, "os.open": 0, "sqlite3.connect": 0}
    real_open, real_os_open, real_connect = builtins.open, os.open, sqlite3.connect

    def fake_open(*args, **kwargs):
        calls["open"] += 1
        return real_open(*args, **kwargs)

    def fake_os_open(*args, **kwargs):
        calls["os.open"] += 1
        return real_os_open(*args, **kwargs)

    def fake_connect(*args, **kwargs):
        calls["sqlite3.connect"] += 1
        return real_connect(*args, **kwargs)

    builtins.open = io.open = fake_open
    os.open = fake_os_open
    sqlite3.connect = fake_connect
    try:
        yield calls
    finally:
        builtins.open = io.open = real_open
        os.open = real_os_open
        sqlite3.connect = real_connect


def real_clock_run(seconds: float) -> int:
    # a 2-hour plan, but the first phases are short so that we pass phase changes
    phases = [TimedPhase("a", "A", seconds * 0.3, 2, 1), TimedPhase("b", "B", seconds * 0.3, 2, 1),
              TimedPhase("c", "C", 7200 - seconds * 0.6, 120, 30)]
    clock = RecordingClock()
    timer = SessionTimer(clock, phases)
    timer.start()
    t0 = clock.last
    index, phase_start = 0, t0
    max_dev = naive_drift = 0.0
    ticks = 0
    while clock.monotonic() - t0 < seconds:
        time.sleep(TICK)  # like a repaint timer: fires a little late, every time
        remaining = timer.remaining()
        now = clock.last  # the monotonic reading the engine just used
        expected = phases[index].planned - (now - phase_start)
        max_dev = max(max_dev, abs(remaining - expected))
        tick(timer)
        ticks += 1
        naive_drift = max(naive_drift, abs(ticks * TICK - (now - t0)))  # a tick counter
        if remaining <= 0 and index < len(phases) - 1:
            timer.next()
            index, phase_start = index + 1, clock.last
    print(f"real clock   : {ticks} ticks over {clock.last - t0:.1f} s real time,"
          f" {timer.index} phase changes")
    print(f"               max |remaining() - direct monotonic value| = {max_dev:.3g} s")
    print(f"               (a timer that counted ticks would be {naive_drift * 1e3:.1f} ms off"
          " by the end of this run)")
    return ticks


def fake_clock_run() -> int:
    rng = random.Random(2026)
    phases = [TimedPhase(f"p{i}", f"Fase {i}", m * 60.0, 120, 30)
              for i, m in enumerate([10, 15, 10, 10, 35, 10, 20])]
    clock = SimClock()
    timer = SessionTimer(clock, phases)
    timer.start()
    # reference bookkeeping, written independently of the engine
    spent = [0.0] * len(phases)
    extra = [0.0] * len(phases)
    index, running = 0, True
    session = 0.0
    max_dev = max_session_dev = 0.0
    ticks = 0
    steps = int(7200 / TICK)
    for step in range(steps):
        dt_ = TICK + rng.uniform(-0.05, 0.05)  # late and early ticks
        clock.advance(dt_)
        session += dt_
        if running:
            spent[index] += dt_
        if step == 4000:
            timer.pause()
            running = False
        elif step == 4800:
            timer.resume()
            running = True
        if step % 3000 == 1500:
            delta = rng.choice([60, 300, -60])
            timer.adjust(delta)
            extra[index] = max(extra[index] + delta, -phases[index].planned)
        remaining = timer.remaining()
        expected = phases[index].planned + extra[index] - spent[index]
        max_dev = max(max_dev, abs(remaining - expected))
        max_session_dev = max(max_session_dev, abs(timer.session_elapsed() - session))
        tick(timer)
        ticks += 1
        if expected < -45 and index < len(phases) - 1:
            timer.next()
            index += 1
    timer.finish()
    actual_dev = max(abs(t.actual - s) for t, s in zip(timer.timings(), spent, strict=True))
    print(f"fake clock   : {ticks} ticks = {format_hms(session)} simulated, "
          f"{index} phase changes, 1 pause, {steps // 3000} adjustments")
    print(f"               max |remaining() - reference| = {max_dev:.3g} s,"
          f" session clock {max_session_dev:.3g} s, actual per phase {actual_dev:.3g} s")
    return ticks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real-seconds", type=float, default=20.0)
    args = parser.parse_args()
    with count_io() as calls:  # both tick loops run with open/sqlite3.connect counted
        ticks = real_clock_run(args.real_seconds)
        ticks += fake_clock_run()
    total = sum(calls.values())
    print(f"I/O in ticks : {total} calls in {ticks} ticks ({calls})")
    start = time.perf_counter()
    clock = SimClock()
    timer = SessionTimer(clock, [TimedPhase("a", "A", 7200.0)])
    timer.start()
    n = 100_000
    for _ in range(n):
        clock.advance(TICK)
        tick(timer)
    per_tick = (time.perf_counter() - start) / n
    print(f"cost per tick: {per_tick * 1e6:.2f} µs (read + format, {n} ticks)")
    return 0 if total == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
