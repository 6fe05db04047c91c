"""The projector in the room: readable, nothing cut off, and run from the console's
keyboard (issue 14, "The room")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from casusdesk.app import open_context
from casusdesk.services.demo import create_demo
from casusdesk.ui.main_window import MainWindow
from casusdesk.ui.projector import PAGE_COLOUR, PAGE_SECONDS, STATE_COLOURS
from tests.helpers.fakes import FakeClock
from tests.helpers.qt import ManualTicker

LONG_WHY = ("Omdat mensen met schulden eerst rust nodig hebben voordat werk kan beginnen, en "
            "omdat ik wil dat ze zich gezien voelen door de gemeente")
LONG_HOW = "Samen met de klantmanager een plan maken en niet meteen handhaven"
LONG_WHAT = "Schuldhulp, budgetcoaching en een werkervaringsplek in de wijk"


def open_console(qtbot, tmp_path, method_id):
    from casusdesk.services.role_catalog import roles
    from casusdesk.services.rolwisseling import propose

    clock = FakeClock()
    ctx = open_context(tmp_path / method_id, clock=clock)
    create_demo(ctx.store, ctx.roster)
    session = create_demo(ctx.store, ctx.roster)
    session.method_id = method_id
    ctx.store.save_session(session)
    for name in ("timer", "method"):
        ctx.store.set_document(session.id, name, None)
    propose(ctx.store, ctx.roster, session.id, roles())
    window = MainWindow(ctx, confirm=lambda *a: True, ticker_factory=ManualTicker)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    console = window.start_console(session.id)
    console.setFocus()
    return window, console, clock


def add_circles(console):
    pane = console.panes["golden_circle"]
    for code in console.live.participant_codes():
        pane.inputs["code"].setCurrentText(code)
        pane.inputs["why"].setText(LONG_WHY)
        pane.inputs["how"].setText(LONG_HOW)
        pane.inputs["what"].setText(LONG_WHAT)
        pane.add()


def clipped(projector):
    """The labels whose text does not fit their rectangle, or that leave the window."""
    bad = []
    window = QRect(0, 0, projector.width(), projector.height())
    for label in projector.visible_labels():
        rect = QRect(label.mapTo(projector, label.rect().topLeft()), label.size())
        if not window.contains(rect):
            bad.append((label.objectName(), "outside the window", label.text()[:40]))
        elif label.wordWrap():
            if label.heightForWidth(label.width()) > label.height():
                bad.append((label.objectName(), label.heightForWidth(label.width()),
                            label.height(), label.text()[:40]))
        else:
            hint = label.sizeHint()
            if hint.width() > label.width() or hint.height() > label.height():
                bad.append((label.objectName(), hint, label.size(), label.text()[:40]))
    return bad


BODY = ("projPrompts", "boardCard", "projPhase", "projMessage")


@pytest.mark.parametrize("method_id", ["rolwisseling", "golden_circle"])
def test_every_phase_fits_at_1280x720_and_reads_from_the_back_at_1920x1080(
        qtbot, tmp_path, method_id):
    window, console, clock = open_console(qtbot, tmp_path, method_id)
    live = console.live
    add_circles(console)
    qtbot.keyClick(console, Qt.Key.Key_Space)
    qtbot.keyClick(console, Qt.Key.Key_F5)
    projector = console.projector
    seen_board = False
    for index, _phase in enumerate(live.method.phases):
        console.goto(index)
        for reveal in (False, True):
            if reveal and index not in console._revealed and \
                    "golden_circle" in live.phase.captures:
                qtbot.keyClick(console, Qt.Key.Key_O)
            for page in range(3):  # the pages of a board turn on the clock
                clock.advance(PAGE_SECONDS)
                for size in ((1280, 720), (1920, 1080)):
                    projector.resize(*size)
                    QApplication.processEvents()
                    console.refresh_timer()
                    assert clipped(projector) == [], (index, size, page)
                    if size == (1920, 1080):
                        for label in projector.visible_labels():
                            if label.objectName() in BODY:
                                assert label.font().pointSizeF() >= 24, (
                                    index, label.objectName(), label.font().pointSizeF())
                        cards = [lb for lb in projector.visible_labels()
                                 if lb.objectName() == "boardCard"]
                        seen_board |= bool(cards)
    assert seen_board


def test_a_board_with_more_answers_than_fit_pages_through_them(qtbot, tmp_path):
    window, console, clock = open_console(qtbot, tmp_path, "golden_circle")
    add_circles(console)
    live = console.live
    console.goto(next(i for i, p in enumerate(live.method.phases)
                      if "golden_circle" in p.captures))
    qtbot.keyClick(console, Qt.Key.Key_F5)
    qtbot.keyClick(console, Qt.Key.Key_O)
    projector = console.projector
    projector.resize(1280, 720)
    QApplication.processEvents()
    codes = live.participant_codes()
    seen = set()
    for _ in range(len(codes)):
        console.refresh_timer()
        shown = projector.visible_text()
        seen |= {c for c in codes if f"<b>{c}</b>" in shown}
        assert "Pagina" in projector.page_label.text()
        clock.advance(PAGE_SECONDS)
    assert seen == set(codes)  # every answer came on the screen


def test_answers_are_hidden_until_revealed(qtbot, tmp_path):
    window, console, clock = open_console(qtbot, tmp_path, "golden_circle")
    add_circles(console)
    live = console.live
    console.goto(next(i for i, p in enumerate(live.method.phases)
                      if "golden_circle" in p.captures))
    qtbot.keyClick(console, Qt.Key.Key_F5)
    console.refresh_timer()
    shown = console.projector.visible_text()
    assert LONG_WHAT not in shown
    assert f"{len(live.participant_codes())} Golden Circles binnen" in shown
    qtbot.keyClick(console, Qt.Key.Key_O)
    assert LONG_WHAT in console.projector.visible_text()
    assert console.reveal_button.isChecked()


def test_role_board_also_in_the_phase_where_the_roles_are_played(qtbot, tmp_path):
    window, console, clock = open_console(qtbot, tmp_path, "rolwisseling")
    live = console.live
    play = next(i for i, p in enumerate(live.method.phases) if p.id == "bespreking")
    console.goto(play)
    qtbot.keyClick(console, Qt.Key.Key_F5)
    console.refresh_timer()
    board = live.role_board()
    assert board
    shown = console.projector.visible_text()
    for code, role in board:
        assert code in shown and role in shown
    console.goto(play + 1)
    console.refresh_timer()
    assert board[0][1] not in console.projector.visible_text()


def contrast(a: str, b: str) -> float:
    def lum(hex_colour: str) -> float:
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_overtime_stands_out_on_the_dark_page_and_the_box_keeps_its_width(qtbot, tmp_path):
    bg, fg = STATE_COLOURS["overtime"]
    assert contrast(bg, PAGE_COLOUR) >= 3 and contrast(fg, bg) >= 4.5
    assert contrast(*STATE_COLOURS["danger"]) >= 4.5
    window, console, clock = open_console(qtbot, tmp_path, "rolwisseling")
    qtbot.keyClick(console, Qt.Key.Key_Space)
    qtbot.keyClick(console, Qt.Key.Key_F5)
    projector = console.projector
    projector.resize(1280, 720)
    QApplication.processEvents()
    console.refresh_timer()
    width, size = projector.timer_box.width(), projector.timer_label.font().pointSizeF()
    clock.advance(console.live.timer.phases[0].planned + 90)
    console.refresh_timer()
    assert projector.timer_label.text() == "-01:30"
    assert projector.timer_box.width() == width
    assert projector.timer_label.font().pointSizeF() == size
    assert clipped(projector) == []
    assert "Einde verwacht" in projector.schedule_label.text()
    assert "achter op schema" in projector.schedule_label.text()


def test_blackout_and_a_message_to_the_room_from_the_keyboard(qtbot, tmp_path):
    window, console, clock = open_console(qtbot, tmp_path, "rolwisseling")
    qtbot.keyClick(console, Qt.Key.Key_F5)
    projector = console.projector
    console.refresh_timer()
    title = console.live.phase.title
    qtbot.keyClick(console, Qt.Key.Key_B)
    assert projector.blackout.isVisible() and projector.visible_text() == ""
    assert console.live.timer.index == 0  # B no longer goes back a phase
    qtbot.keyClick(console, Qt.Key.Key_Period)
    assert not projector.blackout.isVisible() and title in projector.visible_text()

    qtbot.keyClick(console, Qt.Key.Key_M)
    assert console.message_box.hasFocus()
    qtbot.keyClicks(console.message_box.lineEdit(), "Blijf in je rol")
    qtbot.keyClick(console.message_box.lineEdit(), Qt.Key.Key_Return)
    assert projector.message_label.isVisible()
    assert projector.message_label.text() == "Blijf in je rol"
    qtbot.keyClick(console, Qt.Key.Key_Space)  # the keys work again at once
    assert console.live.timer.running
    clock.advance(31)
    console.ticker.fire()
    assert not projector.message_label.isVisible()  # gone by itself


def test_with_one_screen_the_projector_is_a_window_that_leaves_the_keys_to_the_console(
        qtbot, tmp_path):
    window, console, clock = open_console(qtbot, tmp_path, "rolwisseling")
    assert len(QApplication.screens()) == 1
    qtbot.keyClick(console, Qt.Key.Key_F5)
    projector = console.projector
    assert projector.isVisible() and not projector.isFullScreen()
    assert projector.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert projector.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert window.isActiveWindow()
    qtbot.keyClick(console, Qt.Key.Key_Space)
    assert console.live.timer.running


def test_plus_without_shift(qtbot, tmp_path):
    window, console, clock = open_console(qtbot, tmp_path, "rolwisseling")
    allowed = console.live.timer.allowed()
    qtbot.keyClick(console, Qt.Key.Key_BracketRight)
    qtbot.keyClick(console, Qt.Key.Key_PageUp)
    assert console.live.timer.allowed() == allowed + 120
    qtbot.keyClick(console, Qt.Key.Key_BracketLeft)
    assert console.live.timer.allowed() == allowed + 60
