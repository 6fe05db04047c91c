"""Driving a whole session with the keyboard, on a fake clock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from casusdesk.app import open_context
from casusdesk.services.demo import create_demo
from casusdesk.ui.main_window import MainWindow
from tests.helpers.fakes import FakeClock
from tests.helpers.qt import ManualTicker


@pytest.fixture
def running(qtbot, tmp_path):
    clock = FakeClock()
    ctx = open_context(tmp_path / "data", clock=clock)
    create_demo(ctx.store, ctx.roster)  # the first demo session was already held
    session = create_demo(ctx.store, ctx.roster)
    tickers: list[ManualTicker] = []

    def make_ticker():
        tickers.append(ManualTicker())
        return tickers[-1]

    window = MainWindow(ctx, confirm=lambda *a: True, ticker_factory=make_ticker)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    console = window.start_console(session.id)
    console.setFocus()
    return window, console, clock, tickers[-1]


def key(qtbot, widget, k, mod=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, k, mod)


def test_keyboard_drives_timer_phases_and_projector(qtbot, running):
    window, console, clock, ticker = running
    live = console.live
    first = live.method.phases[0]
    assert console.timer_label.text() == f"{first.seconds // 60:02d}:00"
    assert "Nog niet gestart" in console.state_label.text()

    key(qtbot, console, Qt.Key.Key_Space)  # start
    clock.advance(90)
    ticker.fire()
    minutes, seconds = divmod(first.seconds - 90, 60)
    assert console.timer_label.text() == f"{minutes:02d}:{seconds:02d}"

    key(qtbot, console, Qt.Key.Key_Plus)  # +1 minute
    assert console.timer_label.text() == f"{minutes + 1:02d}:{seconds:02d}"
    key(qtbot, console, Qt.Key.Key_Minus)

    # overtime shows as negative time
    clock.advance(first.seconds)  # 90 s past the planned time
    ticker.fire()
    assert console.timer_label.text() == "-01:30"
    assert console.state_label.text() == "Uitloop"

    key(qtbot, console, Qt.Key.Key_Space)  # pause
    clock.advance(600)
    ticker.fire()
    assert console.timer_label.text() == "-01:30"

    key(qtbot, console, Qt.Key.Key_N)
    second = live.method.phases[1]
    assert live.timer.index == 1
    assert second.title in console.phase_label.text()
    key(qtbot, console, Qt.Key.Key_P)
    assert live.timer.index == 0
    key(qtbot, console, Qt.Key.Key_N)

    # the projector shows the phase, its prompt and the timer; never a note
    key(qtbot, console, Qt.Key.Key_F5)
    projector = console.projector
    assert projector.isVisible()
    console.tabs.setCurrentWidget(console.notes)
    console.notes.edit.setFocus()
    qtbot.keyClicks(console.notes.edit, "Geheime notitie over Jan de Vries")
    key(qtbot, console.notes.edit, Qt.Key.Key_Escape)
    ticker.fire()
    shown = projector.visible_text()
    assert second.title in shown
    assert second.prompts[0] in shown
    assert "Geheime notitie" not in shown and "Jan de Vries" not in shown
    for hint in second.hints:
        assert hint not in shown
    # the note was stored while typing, for this phase
    assert live.note_for_phase(1).data["text"] == "Geheime notitie over Jan de Vries"
    # typing "n" in the note did not jump to the next phase
    assert live.timer.index == 1

    key(qtbot, console, Qt.Key.Key_F5)
    assert not projector.isVisible()


def test_issue_moment_keeps_the_moment_of_the_keystroke(qtbot, running):
    window, console, clock, ticker = running
    key(qtbot, console, Qt.Key.Key_Space)
    clock.advance(125)
    key(qtbot, console, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    pane = console.panes["issue_moment"]
    assert console.tabs.currentWidget() is pane
    clock.advance(40)  # typing takes time
    qtbot.keyClicks(pane.inputs["codes"], "km_1, sw_1")
    pane.inputs["description"].setFocus()
    qtbot.keyClicks(pane.inputs["description"], "Fraude-signaal tegenover vertrouwensrelatie")
    key(qtbot, pane.inputs["description"], Qt.Key.Key_Return)
    [moment] = console.live.captures("issue_moment")
    assert moment.data["codes"] == ["KM_1", "SW_1"]
    assert moment.session_seconds == 125
    assert moment.phase_index == 0
    assert "Fraude-signaal" in pane.visible_texts()[0]


def test_unknown_code_is_refused_with_a_message(qtbot, running):
    window, console, clock, ticker = running
    pane = console.panes["issue_moment"]
    console.begin_capture("issue_moment")
    qtbot.keyClicks(pane.inputs["codes"], "XX_9")
    pane.inputs["description"].setFocus()
    qtbot.keyClicks(pane.inputs["description"], "botsing")
    key(qtbot, pane.inputs["description"], Qt.Key.Key_Return)
    assert "Onbekende code" in pane.error.text()
    assert console.live.captures("issue_moment") == []


def test_tips_agreements_and_starred_questions(qtbot, running):
    window, console, clock, ticker = running
    key(qtbot, console, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    tips = console.panes["tip"]
    qtbot.keyClicks(tips.inputs["text"], "Samen op huisbezoek")
    key(qtbot, tips.inputs["text"], Qt.Key.Key_Return)
    assert [c.data["text"] for c in console.live.captures("tip")] == ["Samen op huisbezoek"]

    console.setFocus()
    key(qtbot, console, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    agreements = console.panes["agreement"]
    assert console.tabs.currentWidget() is agreements
    qtbot.keyClicks(agreements.inputs["action"], "Huisarts bellen met toestemming")
    agreements.inputs["owner"].setCurrentText("WMO_1")
    agreements.inputs["due"].setText("31-12-2026")
    key(qtbot, agreements.inputs["due"], Qt.Key.Key_Return)
    [agreement] = console.live.captures("agreement")
    assert agreement.data == {"action": "Huisarts bellen met toestemming", "owner": "WMO_1",
                              "due": "2026-12-31"}

    questions = console.panes["question"]
    questions.inputs["text"].setText("Wat wil Sjoerd zelf?")
    questions.add()
    questions.select_row(0)
    questions.toggle_selected()
    [q] = console.live.captures("question")
    assert q.data["starred"] is True
    assert questions.visible_texts()[0].startswith("★")


def test_open_agreements_of_the_previous_session_are_shown(qtbot, tmp_path):
    from casusdesk.services.live import LiveSession

    clock = FakeClock()
    ctx = open_context(tmp_path / "d", clock=clock)
    first = create_demo(ctx.store, ctx.roster)
    live = LiveSession(ctx.store, first.id, ctx.methods, clock)
    live.capture("agreement", action="Budgetplan maken", owner="SHV_1", due="", done=False)
    live.capture("agreement", action="Al gedaan", owner="KM_1", due="", done=True)
    second = create_demo(ctx.store, ctx.roster)
    window = MainWindow(ctx, ticker_factory=ManualTicker)
    qtbot.addWidget(window)
    console = window.start_console(second.id)
    shown = "\n".join(console.series_panel.texts())
    assert "Budgetplan maken (SHV_1)" in shown
    assert "Al gedaan" not in shown


def test_projector_shows_role_assignment_by_code_and_the_circle_wall(qtbot, running):
    from casusdesk.services.role_catalog import roles
    from casusdesk.services.rolwisseling import propose
    from casusdesk.ui.console import LiveConsole

    window, console, clock, ticker = running
    ctx = window.ctx
    chosen = propose(ctx.store, ctx.roster, console.live.id, roles())
    console = window.start_console(console.live.id)  # reopen: the board is read on opening
    console.setFocus()
    assert isinstance(console, LiveConsole)
    phases = console.live.method.phases
    role_phase = next(i for i, p in enumerate(phases) if "role_cards" in p.captures)
    console.goto(role_phase)
    key(qtbot, console, Qt.Key.Key_F5)
    console.refresh_timer()
    shown = console.projector.visible_text()
    for code, role_id in chosen.items():
        assert code in shown and roles()[role_id].title in shown
    names = [p.name for p in ctx.store.list_participants(console.live.session.group_id)]
    assert not [n for n in names if n and n in shown]

    circle_phase = next(i for i, p in enumerate(phases) if "golden_circle" in p.captures)
    console.goto(circle_phase)
    pane = console.panes["golden_circle"]
    assert console.tabs.currentWidget() is pane
    pane.inputs["code"].setCurrentText("SW_1")
    pane.inputs["why"].setText("Mensen willen wel maar kunnen niet altijd")
    pane.add()
    console.refresh_timer()
    # hidden while people are still writing: the room hears only how many are in
    shown = console.projector.visible_text()
    assert "Mensen willen wel maar kunnen niet altijd" not in shown
    assert "1 Golden Circle binnen" in shown
    console.setFocus()
    key(qtbot, console, Qt.Key.Key_O)  # revealed by the facilitator
    assert "Mensen willen wel maar kunnen niet altijd" in console.projector.visible_text()
    key(qtbot, console, Qt.Key.Key_O)  # and hidden again
    assert "Mensen willen wel maar kunnen niet altijd" not in console.projector.visible_text()


def test_a_deleted_capture_can_be_put_back(qtbot, running):
    window, console, clock, ticker = running
    tips = console.panes["tip"]
    console.tabs.setCurrentWidget(tips)
    clock.advance(30)
    tips.inputs["text"].setText("Samen op huisbezoek")
    tips.add()
    [tip] = console.live.captures("tip")
    tips.select_row(0)
    tips.list.setFocus()
    key(qtbot, tips.list, Qt.Key.Key_Delete)
    assert console.live.captures("tip") == []
    assert "Terugzetten" in tips.error.text()
    key(qtbot, tips.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    [back] = console.live.captures("tip")
    assert (back.data, back.phase_index, back.session_seconds) == (
        tip.data, tip.phase_index, tip.session_seconds)
    assert tips.visible_texts() == ["Samen op huisbezoek"] and not tips.undo_button.isEnabled()


def test_an_agreement_of_two_sessions_ago_is_marked_done_from_the_console(qtbot, tmp_path):
    from casusdesk.services import series
    from casusdesk.services.live import LiveSession

    clock = FakeClock()
    ctx = open_context(tmp_path / "d", clock=clock)
    first = create_demo(ctx.store, ctx.roster)
    LiveSession(ctx.store, first.id, ctx.methods, clock).capture(
        "agreement", action="Budgetplan maken", owner="SHV_1", due="", done=False)
    second = create_demo(ctx.store, ctx.roster)
    third = create_demo(ctx.store, ctx.roster)
    window = MainWindow(ctx, ticker_factory=ManualTicker)
    qtbot.addWidget(window)
    window.show()
    console = window.start_console(third.id)
    panel = console.series_panel
    assert panel.isVisibleTo(console)
    texts = panel.texts()
    # every earlier session's open agreements, not only the previous one's
    row = next(i for i, t in enumerate(texts) if "Budgetplan maken" in t)
    assert f"{first.date:%d-%m-%Y}" in texts[row]
    assert any("Gezamenlijk huisbezoek plannen" in t for t in texts)
    panel.select(row)
    panel.note.setText("Plan ligt bij de budgetcoach")
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert panel.texts()[row].startswith("✓ Afspraak: Budgetplan maken")
    assert "gedaan: Plan ligt bij de budgetcoach" in panel.texts()[row]
    [item] = [i for i in series.open_items(ctx.store, third.id) if i.text == "Budgetplan maken"]
    assert item.status == series.DONE and item.note == "Plan ligt bij de budgetcoach"
    # the session after it no longer has it; the one before still does
    fourth = create_demo(ctx.store, ctx.roster)
    assert "Budgetplan maken" not in [i.text for i in series.open_items(ctx.store, fourth.id)]
    assert "Budgetplan maken" in [i.text for i in series.open_items(ctx.store, second.id)]
    window.resize(1366, 768)
    window.grab().save("/tmp/roles-console.png")
    assert console.leave()
