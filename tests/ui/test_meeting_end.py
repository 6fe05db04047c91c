"""Ending a meeting, and reopening a console long after it was closed (issue 14, item 1)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from casusdesk.app import open_context
from casusdesk.services.demo import create_demo
from casusdesk.services.live import LiveSession
from casusdesk.services.minutes import _timings
from casusdesk.ui.console import ResumeDialog
from casusdesk.ui.main_window import MainWindow
from tests.helpers.fakes import FakeClock
from tests.helpers.qt import ManualTicker

MIN = 60.0


@pytest.fixture
def meeting(qtbot, tmp_path):
    clock = FakeClock()
    ctx = open_context(tmp_path / "data", clock=clock)
    create_demo(ctx.store, ctx.roster)
    session = create_demo(ctx.store, ctx.roster)
    # a fresh session: the demo's own timer is replaced by one that was never started
    ctx.store.set_document(session.id, "timer", None)
    questions: list[tuple[str, str]] = []
    answers = {"yes": True}

    def confirm(parent, title, text):
        questions.append((title, text))
        return answers["yes"]

    window = MainWindow(ctx, confirm=confirm, ticker_factory=ManualTicker)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    def never_asked(parent, live):
        raise AssertionError("asked what happened while the console was closed")

    window.ask_resume = never_asked
    return window, session.id, clock, questions, answers


def stored_spent(window, session_id):
    return [p["spent"] for p in window.ctx.store.get_document(session_id, "timer")["phases"]]


def minutes_actual(window, session_id, method):
    timings, ran = _timings(window.ctx.store.get_document(session_id, "timer"), method, None)
    assert ran
    return [round(t.actual) for t in timings]


def test_ended_session_reopened_a_day_later_keeps_its_timings(qtbot, meeting):
    window, sid, clock, questions, answers = meeting
    console = window.start_console(sid)
    console.setFocus()
    qtbot.keyClick(console, Qt.Key.Key_Space)
    clock.advance(10 * MIN)
    last = len(console.live.method.phases) - 1
    console.goto(last)
    clock.advance(4 * MIN)
    qtbot.keyClick(console, Qt.Key.Key_N)  # N on the last phase: end the meeting (asked)
    assert questions[-1][0] == "Bijeenkomst afronden"
    live = console.live
    assert live.timer.finished
    assert live.ended_at == clock.now()
    assert "Afgerond om 09:44" in console.clock_label.text()
    assert not console.start_button.isEnabled() and not console.next_button.isEnabled()
    method = live.method
    spent = stored_spent(window, sid)
    assert spent[0] == 10 * MIN and spent[last] == 4 * MIN
    minutes = minutes_actual(window, sid, method)
    shown = console.timer_label.text()
    asked = len(questions)
    assert console.leave()
    assert len(questions) == asked  # an ended meeting is not offered to be ended again

    clock.advance(24 * 3600)  # the next day, a new process
    clock.restart()
    console = window.start_console(sid)  # for corrections: no question about the gap
    assert console.live.timer.finished and console.timer_label.text() == shown
    tips = console.panes["tip"]
    tips.inputs["text"].setText("Achteraf: huisbezoek samen plannen")
    tips.add()
    assert [c.data["text"] for c in console.live.captures("tip")][-1].startswith("Achteraf")
    clock.advance(30 * MIN)
    console.refresh_timer()
    assert console.timer_label.text() == shown
    assert console.leave()
    assert stored_spent(window, sid) == spent
    assert minutes_actual(window, sid, method) == minutes
    assert window.ctx.store.get_document(sid, "timer")["ended_at"] == \
        (dt.datetime(2026, 3, 12, 9, 44, tzinfo=dt.timezone.utc)).isoformat()


def test_console_closed_for_hours_counts_only_until_the_given_end(qtbot, meeting):
    window, sid, clock, questions, answers = meeting
    console = window.start_console(sid)
    console.setFocus()
    qtbot.keyClick(console, Qt.Key.Key_Space)
    clock.advance(10 * MIN)
    assert console.leave()  # phase 1, before the planned end: just leaves, not asked
    assert questions == []
    closed = clock.now()

    clock.advance(5 * 3600)
    clock.restart()
    seen = {}

    def ended_at_20_past(parent, live):
        seen["closed_at"] = live.closed_at
        return "ended", closed + dt.timedelta(minutes=20)

    window.ask_resume = ended_at_20_past
    console = window.start_console(sid)
    assert seen["closed_at"] == closed
    timer = console.live.timer
    assert timer.finished and timer.elapsed(0) == 30 * MIN
    assert timer.session_elapsed() == 30 * MIN
    assert console.live.ended_at == closed + dt.timedelta(minutes=20)
    assert stored_spent(window, sid)[0] == 30 * MIN
    assert "UITLOOP" not in console.state_label.text().upper()


def test_console_closed_for_hours_can_go_on_with_or_without_the_gap(qtbot, meeting):
    window, sid, clock, questions, answers = meeting
    console = window.start_console(sid)
    console.setFocus()
    qtbot.keyClick(console, Qt.Key.Key_Space)
    clock.advance(10 * MIN)
    console.leave()
    clock.advance(2 * 3600)
    window.ask_resume = lambda parent, live: ("paused", None)
    console = window.start_console(sid)
    timer = console.live.timer
    assert timer.paused and timer.elapsed(0) == 10 * MIN
    clock.advance(60)
    assert timer.elapsed(0) == 10 * MIN  # waits on pause until Space
    console.leave()

    clock.advance(3 * 3600)
    window.ask_resume = lambda parent, live: ("continued", None)
    console = window.start_console(sid)
    # paused: the three hours count for the session clock only, not for the phase
    assert console.live.timer.elapsed(0) == 10 * MIN
    assert console.live.timer.paused


def test_a_short_gap_counts_without_asking(qtbot, meeting):
    window, sid, clock, questions, answers = meeting
    console = window.start_console(sid)
    console.setFocus()
    qtbot.keyClick(console, Qt.Key.Key_Space)
    clock.advance(10 * MIN)
    console.leave()
    clock.advance(5 * MIN)  # a restart of the laptop: the meeting went on
    clock.restart()
    console = window.start_console(sid)
    assert console.live.timer.running and console.live.timer.elapsed(0) == 15 * MIN


def test_cancelling_the_question_opens_no_console_and_changes_nothing(qtbot, meeting):
    window, sid, clock, questions, answers = meeting
    console = window.start_console(sid)
    console.setFocus()
    qtbot.keyClick(console, Qt.Key.Key_Space)
    clock.advance(10 * MIN)
    console.leave()
    before = window.ctx.store.get_document(sid, "timer")
    clock.advance(3 * 3600)
    window.ask_resume = lambda parent, live: None
    assert window.start_console(sid) is None
    assert window.ctx.store.get_document(sid, "timer") == before


def test_the_question_proposes_the_last_activity_as_the_end(qtbot, meeting):
    window, sid, clock, questions, answers = meeting
    store = window.ctx.store
    live = LiveSession(store, sid, window.ctx.methods, clock)
    live.toggle()  # started at 09:30; the timer is stored now
    clock.advance(12 * MIN)
    live.capture("tip", text="Samen op huisbezoek")  # 09:42, then the laptop died
    clock.advance(6 * 3600)
    clock.restart()
    again = LiveSession(store, sid, window.ctx.methods, clock)
    assert again.asks_about_gap
    dialog = ResumeDialog(again)
    qtbot.addWidget(dialog)
    assert dialog.ended.isChecked()  # the safe answer is the default
    assert dialog.end_edit.dateTime().toString("HH:mm") == "09:42"
    assert "om 09:42 (6 uur geleden)" in dialog.text.text()
    answer, at = dialog.answer()
    assert answer == "ended" and at == dt.datetime(2026, 3, 12, 9, 42, tzinfo=dt.timezone.utc)
    again.resolve_gap(answer, at)
    assert again.timer.finished and again.timer.elapsed(0) == 12 * MIN


def test_leaving_on_the_last_phase_offers_to_end(qtbot, meeting):
    window, sid, clock, questions, answers = meeting
    console = window.start_console(sid)
    console.setFocus()
    qtbot.keyClick(console, Qt.Key.Key_Space)
    last = len(console.live.method.phases) - 1
    console.goto(last)
    clock.advance(3 * MIN)
    answers["yes"] = False
    qtbot.keyClick(console, Qt.Key.Key_N)  # asked; "no" keeps it running
    assert console.live.timer.running and questions[-1][0] == "Bijeenkomst afronden"
    answers["yes"] = True
    live = console.live
    assert console.leave()
    assert "laatste fase" in questions[-1][1]
    assert live.timer.finished and live.timer.elapsed(last) == 3 * MIN


def test_leaving_after_the_planned_end_offers_to_end(qtbot, meeting):
    window, sid, clock, questions, answers = meeting
    console = window.start_console(sid)
    console.setFocus()
    qtbot.keyClick(console, Qt.Key.Key_Space)
    clock.advance(console.live.timer.planned_total() + 60)
    answers["yes"] = False
    live = console.live
    assert console.leave()
    assert "geplande eindtijd" in questions[-1][1]
    assert not live.timer.finished  # "no": only stopped, the timer goes on


def test_console_shows_projected_end_and_how_far_behind(qtbot, meeting):
    window, sid, clock, questions, answers = meeting
    console = window.start_console(sid)
    console.setFocus()
    timer = console.live.timer
    qtbot.keyClick(console, Qt.Key.Key_Space)
    clock.advance(timer.phases[0].planned + 5 * MIN)  # phase 1 ran 5 minutes over
    console.refresh_timer()
    end = clock.now() + dt.timedelta(seconds=sum(p.planned for p in timer.phases[1:]))
    assert f"Einde verwacht {end:%H:%M}" in console.clock_label.text()
    assert "5 min achter op schema" in console.clock_label.text()
