"""Soak test: a long meeting in the real console, and no reference to None may leak.

PySide6-Essentials 6.12.0 on Python 3.11 drops one reference to ``None`` per
QListWidgetItem, per setData and per QLabel.setText; after about 16 minutes of
ticking the count reaches zero and Python aborts ("none_dealloc", issue 15). This
test drives the real console with its real ticker (fast interval, fake clock) and
the real projector through the equivalent of a two-hour meeting: thousands of ticks
with a changing timer, hundreds of captures of several kinds added, some deleted
and put back, questions starred, notes typed, phases changed, the projector
switched on and off. ``sys.getrefcount(None)`` must stay put.

On Python 3.12 and later ``None`` is immortal (PEP 683): its count is a constant
and cannot drift, and a leak cannot kill the process either. The meeting is then
still driven (and its screen checked); only the count check is left out, saying why.
"""

from __future__ import annotations

import gc
import sys
import time
import warnings

import pytest
from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import QEvent, QEventLoop, Qt
from PySide6.QtWidgets import QApplication

from casusdesk.app import open_context
from casusdesk.domain.timer import format_mmss
from casusdesk.services.demo import create_demo
from casusdesk.services.live import describe_capture
from casusdesk.ui.main_window import MainWindow
from casusdesk.ui.ticker import Ticker
from tests.helpers.fakes import FakeClock

#: Python 3.12+ has an immortal None: its refcount is meaningless as a leak probe
NONE_IS_IMMORTAL = sys.version_info >= (3, 12)
#: references to None that may be lost after the warm-up. A lost reference is what
#: kills the process (6.12.0 loses one per setText: thousands in this meeting).
SLACK = 50
#: references that may be gained: a gained one only costs memory, and 6.11.3 gains a
#: few as lists grow and windows are shown (25 to 35 in this meeting)
GAIN_SLACK = 200
MEETING_SECONDS = 2 * 60 * 60
SECONDS_PER_TICK = 5.0
TICKS_PER_STEP = 20
PER_STEP = 3  # captures added per step
TEXTS = {
    "tip": "Tip {n}: samen met de cliënt een weekplanning maken",
    "question": "Vraag {n}: wat wil Sjoerd zelf over een jaar?",
    "fact": "Feit {n}: het contract liep af in maart",
    "criterion": "Criterium {n}: haalbaar binnen drie maanden",
}


def _none_refs() -> int:
    gc.collect()
    return sys.getrefcount(None)


@pytest.mark.slow
def test_a_long_meeting_leaks_no_reference_to_none(qtbot, tmp_path, record_property):
    record_property("pyside6", PYSIDE_VERSION)
    if NONE_IS_IMMORTAL:
        reason = (f"Python {sys.version.split()[0]}: None is immortal (PEP 683), so its "
                  "refcount cannot show a leak; the meeting is driven, the count not checked")
        record_property("none_refcount", reason)
        warnings.warn(reason, stacklevel=1)
    clock = FakeClock()
    ctx = open_context(tmp_path / "data", clock=clock)
    create_demo(ctx.store, ctx.roster)  # the first demo session was already held
    session = create_demo(ctx.store, ctx.roster)

    ticker = Ticker(interval_ms=1)
    ticks = [0]

    def time_passes() -> None:  # connected before the console: the clock moves, then it reads
        ticks[0] += 1
        clock.advance(SECONDS_PER_TICK)

    ticker.ticked.connect(time_passes)
    window = MainWindow(ctx, confirm=lambda *a: True, ticker_factory=lambda: ticker)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    console = window.start_console(session.id)
    assert console is not None
    live = console.live
    projector = console.projector
    panes = console.panes
    console.setFocus()
    qtbot.keyClick(console, Qt.Key.Key_Space)  # start
    qtbot.keyClick(console, Qt.Key.Key_F5)     # projector on
    assert projector.isVisible()

    def run_ticks(n: int) -> None:
        # the event loop runs the real ticker; qtbot.waitUntil is not used here, as
        # pytest-qt's own polling keeps references to None (about 4 per tick)
        target = ticks[0] + n
        deadline = time.monotonic() + 30
        while ticks[0] < target:
            assert time.monotonic() < deadline, "the ticker stopped ticking"
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
            # as the real event loop does: widgets given to deleteLater() go
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def add(kind: str, n: int) -> None:
        pane = panes[kind]
        console.tabs.setCurrentWidget(pane)
        if kind in TEXTS:
            pane.inputs["text"].setText(TEXTS[kind].format(n=n))
        elif kind == "issue_moment":
            pane.inputs["codes"].setText("KM_1, SW_1")
            pane.inputs["description"].setText(f"Botsing {n} over handhaving en vertrouwen")
        elif kind == "agreement":
            pane.inputs["action"].setText(f"Afspraak {n}: huisarts bellen")
            pane.inputs["owner"].setCurrentText("WMO_1")
        elif kind == "reflection":
            pane.inputs["question"].setCurrentText("Wat neem je mee?")
            pane.inputs["answer"].setText(f"Antwoord {n}: eerder samen op huisbezoek")
        pane.add()
        assert pane.error.text() == "", pane.error.text()

    kinds = ["tip", "question", "fact", "criterion", "issue_moment", "agreement", "tip",
             "question", "reflection"]
    counts = {"added": 0, "deleted": 0, "restored": 0}

    def step(n: int) -> None:
        """About 80 s of meeting: 20 ticks, three captures, and now and then more."""
        run_ticks(TICKS_PER_STEP)
        for j in range(PER_STEP):
            add(kinds[(PER_STEP * n + j) % len(kinds)], PER_STEP * n + j)
            counts["added"] += 1
        if n % 3 == 0:  # star (or unstar) the first question
            questions = panes["question"]
            questions.select_row(0)
            questions.toggle_selected()
        tips = panes["tip"]
        if n % 4 == 1 and tips.model.rowCount():  # delete the newest tip with Delete ...
            console.tabs.setCurrentWidget(tips)
            tips.select_row(tips.model.rowCount() - 1)
            tips.list.setFocus()
            qtbot.keyClick(tips.list, Qt.Key.Key_Delete)
            counts["deleted"] += 1
            if n % 8 == 1:  # ... and put every second one back with Ctrl+Z
                qtbot.keyClick(tips.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
                counts["restored"] += 1
        if n % 5 == 2:
            console.tabs.setCurrentWidget(console.notes)
            console.notes.edit.setFocus()
            qtbot.keyClicks(console.notes.edit, f" notitie {n}")
        console.setFocus()
        if n % 7 == 6:
            qtbot.keyClick(console, Qt.Key.Key_F5)  # projector off ...
            run_ticks(4)
            qtbot.keyClick(console, Qt.Key.Key_F5)  # ... and on again
        if n % 11 == 10:
            qtbot.keyClick(console, Qt.Key.Key_Space)  # a pause ...
            run_ticks(4)
            qtbot.keyClick(console, Qt.Key.Key_Space)  # ... and on again

    # warm-up: one Golden Circle per participant (the wall on the projector), then once
    # through the agenda with every action, and back to the first phase. Widgets and
    # caches that then exist hold references to None; from here on nothing may add any.
    circles = panes["golden_circle"]
    for code in live.participant_codes():
        circles.inputs["code"].setCurrentText(code)
        circles.inputs["why"].setText(f"Waarom van {code}")
        circles.add()
    n = 0
    for _phase in live.method.phases:
        for _ in range(2):
            step(n)
            n += 1
        if not live.timer.is_last:  # N on the last phase ends the meeting
            qtbot.keyClick(console, Qt.Key.Key_N)
    console.agenda.cellDoubleClicked.emit(0, 0)  # back to phase 1
    assert live.timer.index == 0
    step(n)
    n += 1
    baseline = _none_refs()

    phase_steps = 12
    steps = int(MEETING_SECONDS / SECONDS_PER_TICK) // TICKS_PER_STEP
    drifts: list[int] = []
    for i in range(steps):
        step(n + i)
        if i % phase_steps == phase_steps - 1 and not live.timer.is_last:
            qtbot.keyClick(console, Qt.Key.Key_N)  # next phase
        if NONE_IS_IMMORTAL:
            continue
        drift = _none_refs() - baseline
        drifts.append(drift)
        # fail early: a leaking binding would otherwise abort the whole test run
        assert -SLACK < drift < GAIN_SLACK, (
            f"sys.getrefcount(None) drifted by {drift} after {ticks[0]} ticks and "
            f"{counts['added']} captures (PySide6 {PYSIDE_VERSION}, "
            f"Python {sys.version.split()[0]})")

    run_ticks(TICKS_PER_STEP)
    # what the facilitator and the room see is the meeting as stored
    assert ticks[0] >= steps * TICKS_PER_STEP
    assert console.timer_label.text() == format_mmss(live.timer.remaining())
    assert projector.isVisible()
    assert projector.timer_label.text() == format_mmss(live.timer.remaining())
    assert live.timer.index == min(steps // phase_steps, len(live.method.phases) - 1)
    for kind, pane in panes.items():
        stored = live.captures(kind)
        assert pane.model.rowCount() == len(stored), kind
        assert pane.visible_texts()[-1:] == [describe_capture(c) for c in stored][-1:], kind
    assert counts["added"] >= 250 and counts["deleted"] >= 15
    print(f"\nsoak: PySide6 {PYSIDE_VERSION}, Python {sys.version.split()[0]}: {ticks[0]} ticks, "
          f"{counts['added']} captures added, {counts['deleted']} deleted, "
          f"{counts['restored']} put back; "
          + ("None is immortal here, refcount not checked" if NONE_IS_IMMORTAL
             else f"None refcount drift after warm-up: max {max(drifts, key=abs)}, "
                  f"end {drifts[-1]} (allowed {-SLACK} .. {GAIN_SLACK})"))
    window.close_console()
