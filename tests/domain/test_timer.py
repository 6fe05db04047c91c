"""The phase timer and session clock, driven by a FakeClock (no Qt, no sleeping)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from casusdesk.domain.errors import ValidationError
from casusdesk.domain.method import Method, Phase
from casusdesk.domain.timer import (
    STATE_LABELS,
    SessionTimer,
    TimedPhase,
    TimerState,
    format_hms,
    format_mmss,
)
from tests.helpers.fakes import FakeClock

MIN = 60


def make_timer(clock: FakeClock) -> SessionTimer:
    """Three phases: 10, 5 and 20 minutes; wrap-up at 2 min, danger at 30 s."""
    return SessionTimer(clock, [
        TimedPhase("intro", "Opening", 10 * MIN, wrapup=2 * MIN, danger=30),
        TimedPhase("vragen", "Vragen", 5 * MIN, wrapup=1 * MIN, danger=30),
        TimedPhase("advies", "Advies", 20 * MIN, wrapup=3 * MIN, danger=1 * MIN),
    ])


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def timer(clock: FakeClock) -> SessionTimer:
    return make_timer(clock)


# ---------------------------------------------------------------- countdown


def test_not_started_timer_stands_still(clock, timer):
    clock.advance(300)
    assert timer.state() is TimerState.NOT_STARTED
    assert timer.remaining() == 10 * MIN
    assert timer.session_elapsed() == 0
    assert format_mmss(timer.remaining()) == "10:00"


def test_countdown_follows_the_clock(clock, timer):
    timer.start()
    clock.advance(61.5)
    assert timer.remaining() == pytest.approx(538.5)
    assert timer.elapsed() == pytest.approx(61.5)
    assert format_mmss(timer.remaining()) == "08:59"
    assert timer.state() is TimerState.NORMAL


def test_no_ticks_needed_a_long_gap_is_exact(clock, timer):
    timer.start()
    clock.advance(9 * MIN + 59.75)  # e.g. the laptop slept, no repaint happened
    assert timer.remaining() == pytest.approx(0.25)
    assert format_mmss(timer.remaining()) == "00:01"


def test_pause_and_resume(clock, timer):
    timer.start()
    clock.advance(100)
    timer.pause()
    assert timer.state() is TimerState.PAUSED
    clock.advance(500)
    assert timer.remaining() == pytest.approx(500)
    timer.resume()
    clock.advance(50)
    assert timer.remaining() == pytest.approx(450)
    # the session clock is real meeting time: pauses count
    assert timer.session_elapsed() == pytest.approx(650)


def test_toggle_starts_pauses_and_resumes(clock, timer):
    timer.toggle()
    assert timer.running
    clock.advance(10)
    timer.toggle()
    assert timer.paused
    clock.advance(10)
    timer.toggle()
    assert timer.running
    clock.advance(10)
    assert timer.elapsed() == pytest.approx(20)


def test_pause_when_not_running_and_resume_when_running_do_nothing(clock, timer):
    timer.pause()
    assert timer.state() is TimerState.NOT_STARTED
    timer.start()
    timer.resume()
    timer.start()
    clock.advance(5)
    assert timer.elapsed() == pytest.approx(5)


# ------------------------------------------------------------ extend / trim


@pytest.mark.parametrize("delta, expected", [(60, 660), (300, 900), (-60, 540)])
def test_adjust_current_phase(clock, timer, delta, expected):
    timer.start()
    timer.adjust(delta)
    assert timer.remaining() == pytest.approx(expected)
    assert timer.allowed() == pytest.approx(expected)
    assert timer.timings()[0].planned == 600


def test_adjust_adds_up_and_never_below_zero(clock, timer):
    timer.adjust(60)
    timer.adjust(300)
    assert timer.allowed() == 960
    for _ in range(30):
        timer.adjust(-60)
    assert timer.allowed() == 0
    timer.adjust(60)
    assert timer.allowed() == 60


def test_adjust_only_touches_current_phase(clock, timer):
    timer.next()
    timer.adjust(300)
    assert timer.allowed(0) == 600
    assert timer.allowed(1) == 600
    assert timer.allowed_total() == timer.planned_total() + 300


# ----------------------------------------------------------------- overtime


def test_overtime_is_negative(clock, timer):
    timer.start()
    clock.advance(10 * MIN + 65)
    assert timer.remaining() == pytest.approx(-65)
    assert timer.is_expired()
    assert timer.state() is TimerState.OVERTIME
    assert format_mmss(timer.remaining()) == "-01:05"


def test_extending_in_overtime_gives_time_back(clock, timer):
    timer.start()
    clock.advance(10 * MIN + 30)
    timer.adjust(60)
    assert timer.remaining() == pytest.approx(30)
    assert timer.state() is TimerState.DANGER


# ------------------------------------------------------------- colour zones


def test_state_changes_at_the_thresholds(clock, timer):
    timer.start()
    clock.advance(8 * MIN - 0.1)  # 2:00.1 left
    assert timer.state() is TimerState.NORMAL
    clock.advance(0.1)  # exactly 2:00 left
    assert timer.state() is TimerState.WRAPUP
    clock.advance(89.9)  # 30.1 s left
    assert timer.state() is TimerState.WRAPUP
    clock.advance(0.1)  # exactly 30 s left
    assert timer.state() is TimerState.DANGER
    clock.advance(29.9)
    assert timer.state() is TimerState.DANGER
    clock.advance(0.1)  # 0 left
    assert timer.state() is TimerState.OVERTIME


def test_thresholds_are_per_phase(clock, timer):
    timer.start()
    timer.next()  # 5 min, wrap-up at 1 min
    clock.advance(3 * MIN + 30)  # 1:30 left
    assert timer.state() is TimerState.NORMAL
    clock.advance(30)
    assert timer.state() is TimerState.WRAPUP


def test_paused_state_wins_but_zone_keeps_the_colour(clock, timer):
    timer.start()
    clock.advance(9 * MIN)
    timer.pause()
    assert timer.state() is TimerState.PAUSED
    assert timer.zone() is TimerState.WRAPUP


def test_every_state_has_a_dutch_label():
    assert set(STATE_LABELS) == set(TimerState)


# ------------------------------------------------ navigation and actual times


def test_next_previous_and_actual_times(clock, timer):
    timer.start()
    clock.advance(7 * MIN)
    assert timer.next() is True
    assert timer.index == 1
    assert timer.remaining() == pytest.approx(5 * MIN)
    clock.advance(6 * MIN)  # one minute over
    assert timer.previous() is True
    assert timer.index == 0
    clock.advance(2 * MIN)  # back in the opening: accumulates
    assert timer.remaining() == pytest.approx(1 * MIN)
    timer.goto(2)
    clock.advance(20 * MIN)
    timer.finish()
    actual = [t.actual for t in timer.timings()]
    assert actual == pytest.approx([9 * MIN, 6 * MIN, 20 * MIN])
    assert [t.difference for t in timer.timings()] == pytest.approx([-60, 60, 0])
    assert timer.session_elapsed() == pytest.approx(35 * MIN)


def test_navigation_while_paused_stays_paused(clock, timer):
    timer.start()
    clock.advance(60)
    timer.pause()
    timer.next()
    clock.advance(60)
    assert timer.paused
    assert timer.elapsed() == 0
    assert timer.elapsed(0) == pytest.approx(60)


def test_navigation_before_start_records_nothing(clock, timer):
    timer.next()
    clock.advance(60)
    assert timer.index == 1
    assert timer.elapsed() == 0
    assert not timer.started


def test_next_on_last_and_previous_on_first_do_nothing(clock, timer):
    assert timer.previous() is False
    timer.goto(2)
    assert timer.next() is False
    assert timer.index == 2
    assert timer.is_last


def test_goto_out_of_range(timer):
    with pytest.raises(ValidationError, match="Fase 4 bestaat niet"):
        timer.goto(3)
    with pytest.raises(ValidationError):
        timer.remaining(-1)


def test_finish_stops_everything(clock, timer):
    timer.start()
    clock.advance(100)
    timer.finish()
    clock.advance(1000)
    assert timer.state() is TimerState.FINISHED
    assert timer.elapsed() == pytest.approx(100)
    assert timer.session_elapsed() == pytest.approx(100)
    assert timer.next() is False
    timer.toggle()
    assert timer.finished


def test_for_method_takes_durations_and_thresholds():
    method = Method("m", "M", phases=(
        Phase("a", "A", seconds=900, wrapup_seconds=180, danger_seconds=60),
        Phase("b", "B", seconds=300),
    ))
    timer = SessionTimer.for_method(method, FakeClock())
    assert timer.phases[0] == TimedPhase("a", "A", 900.0, 180.0, 60.0)
    assert timer.planned_total() == 1200
    assert timer.phase.title == "A"


def test_a_timer_needs_phases(clock):
    with pytest.raises(ValidationError):
        SessionTimer(clock, [])


# -------------------------------------------------------------- persistence


def reopen(snapshot: dict, clock: FakeClock) -> SessionTimer:
    """Store as JSON, as the storage layer will, and restore in a 'new process'."""
    return SessionTimer.restore(json.loads(json.dumps(snapshot)), clock)


def test_restore_while_running_counts_the_time_closed(clock, timer):
    timer.start()
    clock.advance(3 * MIN)
    timer.next()
    clock.advance(1 * MIN)
    snap = timer.snapshot()
    clock.restart()  # new process: monotonic clock starts elsewhere
    clock.advance(2 * MIN)  # closed for two minutes
    restored = reopen(snap, clock)
    assert restored.index == 1
    assert restored.running
    assert restored.gap_on_restore == pytest.approx(120)
    assert restored.remaining() == pytest.approx(2 * MIN)
    assert restored.elapsed(0) == pytest.approx(3 * MIN)
    assert restored.session_elapsed() == pytest.approx(6 * MIN)
    clock.advance(60)
    assert restored.remaining() == pytest.approx(60)
    assert restored.state() is TimerState.WRAPUP  # this phase's own threshold survived


def test_restore_while_paused_keeps_the_phase_still(clock, timer):
    timer.start()
    clock.advance(4 * MIN)
    timer.pause()
    clock.advance(1 * MIN)
    snap = timer.snapshot()
    clock.restart()
    clock.advance(10 * MIN)
    restored = reopen(snap, clock)
    assert restored.paused
    assert restored.remaining() == pytest.approx(6 * MIN)
    # the meeting itself went on while the program was closed
    assert restored.session_elapsed() == pytest.approx(15 * MIN)
    restored.resume()
    clock.advance(60)
    assert restored.remaining() == pytest.approx(5 * MIN)


def test_restore_keeps_adjustments_and_actuals(clock, timer):
    timer.start()
    timer.adjust(300)
    clock.advance(12 * MIN)
    timer.next()
    timer.adjust(-60)
    clock.advance(1 * MIN)
    timer.finish()
    snap = timer.snapshot()
    clock.restart()
    clock.advance(3600)
    restored = reopen(snap, clock)
    assert restored.finished
    assert restored.gap_on_restore == 0
    assert [t.allowed for t in restored.timings()] == [900, 240, 1200]
    assert [t.actual for t in restored.timings()] == pytest.approx([720, 60, 0])
    assert restored.session_elapsed() == pytest.approx(13 * MIN)


def test_restore_not_started(clock, timer):
    timer.goto(1)
    snap = timer.snapshot()
    clock.restart()
    clock.advance(500)
    restored = reopen(snap, clock)
    assert restored.state() is TimerState.NOT_STARTED
    assert restored.index == 1
    assert restored.session_elapsed() == 0
    restored.start()
    clock.advance(10)
    assert restored.remaining() == pytest.approx(290)


def test_wall_clock_backwards_counts_nothing(clock, timer):
    timer.start()
    clock.advance(2 * MIN)
    snap = timer.snapshot()
    clock.restart()
    clock._now -= dt.timedelta(hours=1)  # e.g. the clock was corrected, or DST went wrong
    restored = reopen(snap, clock)
    assert restored.gap_on_restore == 0
    assert restored.remaining() == pytest.approx(8 * MIN)
    assert restored.session_elapsed() == pytest.approx(2 * MIN)
    clock.advance(60)
    assert restored.remaining() == pytest.approx(7 * MIN)


def test_restore_twice_does_not_double_count(clock, timer):
    timer.start()
    clock.advance(60)
    snap = timer.snapshot()
    clock.restart()
    clock.advance(60)
    first = reopen(snap, clock)
    clock.advance(60)
    snap2 = first.snapshot()
    clock.restart()
    clock.advance(60)
    second = reopen(snap2, clock)
    assert second.elapsed() == pytest.approx(240)


def test_snapshot_is_json_friendly(timer):
    text = json.dumps(timer.snapshot())
    assert "saved_at" in text


@pytest.mark.parametrize("damage", [
    lambda s: s.pop("phases"),
    lambda s: s.update(status="rennen"),
    lambda s: s.update(index=7),
    lambda s: s.update(saved_at="gisteren"),
    lambda s: s["phases"][0].update(spent="veel"),
    lambda s: s.update(phases=[]),
])
def test_broken_snapshot_gives_a_dutch_error(clock, timer, damage):
    snap = timer.snapshot()
    damage(snap)
    with pytest.raises(ValidationError):
        SessionTimer.restore(snap, clock)


def test_snapshot_from_a_newer_version_is_refused(clock, timer):
    snap = timer.snapshot()
    snap["format"] = 99
    with pytest.raises(ValidationError, match="nieuwere versie"):
        SessionTimer.restore(snap, clock)


# --------------------------------------------------------------- formatting


@pytest.mark.parametrize("seconds, text", [
    (600, "10:00"),
    (599.2, "10:00"),
    (599.0, "09:59"),
    (61, "01:01"),
    (0.4, "00:01"),
    (0, "00:00"),
    (-0.4, "00:00"),
    (-1, "-00:01"),
    (-65, "-01:05"),
    (-65.5, "-01:05"),
    (7500, "125:00"),
])
def test_format_mmss(seconds, text):
    assert format_mmss(seconds) == text


@pytest.mark.parametrize("seconds, text", [
    (0, "0:00:00"), (59.9, "0:00:59"), (3725, "1:02:05"), (-3, "0:00:00"),
])
def test_format_hms(seconds, text):
    assert format_hms(seconds) == text


# ------------------------------------------------------- the end and the plan

def test_finish_records_the_end_and_survives_a_snapshot(clock, timer):
    timer.start()
    clock.advance(7 * MIN)
    timer.finish()
    assert timer.ended_at == clock.now()
    snap = timer.snapshot()
    clock.restart()
    clock.advance(24 * 3600)
    again = reopen(snap, clock)
    assert again.finished and again.ended_at == timer.ended_at
    assert again.elapsed(0) == 7 * MIN and again.session_elapsed() == 7 * MIN


def test_restore_counts_only_the_gap_it_is_given(clock, timer):
    timer.start()
    clock.advance(4 * MIN)
    snap = timer.snapshot()
    clock.restart()
    clock.advance(3 * 3600)
    assert SessionTimer.restore(snap, clock, gap=0).elapsed(0) == 4 * MIN
    assert SessionTimer.restore(snap, clock, gap=6 * MIN).elapsed(0) == 10 * MIN
    # never more than really passed, never less than nothing
    assert SessionTimer.restore(snap, clock, gap=10 * 3600).elapsed(0) == 4 * MIN + 3 * 3600
    assert SessionTimer.restore(snap, clock, gap=-60).elapsed(0) == 4 * MIN


def test_projected_end_and_behind_plan(clock, timer):
    assert timer.behind_plan() == 0
    timer.start()
    clock.advance(12 * MIN)  # the opening (10 min) ran 2 minutes over
    assert timer.projected_left() == 25 * MIN
    assert timer.behind_plan() == 2 * MIN
    timer.next()
    timer.adjust(5 * MIN)  # five minutes granted: behind by seven
    assert timer.behind_plan() == 7 * MIN
    clock.advance(1 * MIN)
    assert timer.behind_plan() == 7 * MIN  # going as allowed changes nothing
    timer.next()
    timer.adjust(-10 * MIN)  # the advice made ten minutes shorter: now ahead
    assert timer.behind_plan() == -12 * MIN  # 13 min so far + 10 left, of 35 planned


def test_an_ended_meeting_keeps_its_times_whatever_is_pressed(clock, timer):
    timer.start()
    clock.advance(5 * MIN)
    timer.finish()
    before = timer.timings()
    timer.adjust(5 * MIN)
    timer.toggle()
    timer.goto(2)
    clock.advance(30 * MIN)
    assert timer.timings() == before and timer.finished
