"""The console when the store cannot be written (full disk, a lock), and huge pastes.

Issue 15 items 3 and 8: a failed write shows a persistent banner, keeps the unsaved
text on the screen and retries; the timer never shows a state the store does not
have; a locked store does not freeze the window per keystroke; a 1 MB paste into a
note is refused with a message instead of freezing the window.
"""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from casusdesk.app import open_context
from casusdesk.domain.errors import ValidationError
from casusdesk.services.demo import create_demo
from casusdesk.services.live import MAX_CAPTURE_TEXT, MAX_NOTE_TEXT, RETRY_SECONDS, LiveSession
from casusdesk.storage.db import DB_FILENAME, StorageError
from casusdesk.ui.main_window import MainWindow
from tests.helpers.fakes import FakeClock
from tests.helpers.qt import ManualTicker

DISK_FULL = StorageError("De gegevens konden niet worden opgeslagen (database or disk is full). "
                         "Controleer of er schijfruimte is en of de map schrijfbaar is.")


@pytest.fixture
def running(qtbot, tmp_path):
    clock = FakeClock()
    ctx = open_context(tmp_path / "data", clock=clock)
    create_demo(ctx.store, ctx.roster)
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


class Faults:
    """Makes the store's writes fail while ``on``; counts the attempts."""

    def __init__(self, monkeypatch, store) -> None:  # noqa: ANN001
        self.on = True
        self.attempts = 0
        for name in ("add_capture", "update_capture", "set_document"):
            original = getattr(store, name)
            monkeypatch.setattr(store, name, self._wrap(original))

    def _wrap(self, original):  # noqa: ANN001, ANN202
        def write(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            self.attempts += 1
            if self.on:
                raise DISK_FULL
            return original(*args, **kwargs)
        return write


def type_note(qtbot, console, text: str) -> None:
    console.tabs.setCurrentWidget(console.notes)
    console.notes.edit.setFocus()
    qtbot.keyClicks(console.notes.edit, text)


def stored_note(ctx, session_id: int, index: int) -> str | None:  # noqa: ANN001
    live = LiveSession(ctx.store, session_id, ctx.methods, FakeClock())
    note = live.note_for_phase(index)
    return note.data["text"] if note else None


def test_a_note_that_cannot_be_stored_stays_on_screen_under_a_banner_and_is_retried(
        qtbot, running, monkeypatch):
    window, console, clock, ticker = running
    faults = Faults(monkeypatch, console.live.store)
    type_note(qtbot, console, "Moeder belt elke ochtend")
    assert faults.attempts == 0  # typing itself does not write: no freeze per keystroke
    ticker.fire()
    assert faults.attempts == 1
    assert console.banner.isVisible()
    banner = console.banner.text()
    assert "Niet opgeslagen: de notitie bij fase 1" in banner
    assert "opnieuw" in banner and "disk is full" in banner
    assert console.notes.edit.toPlainText() == "Moeder belt elke ochtend"

    # not retried on every tick ...
    clock.advance(1)
    ticker.fire()
    assert faults.attempts == 1
    # ... but every few seconds
    clock.advance(RETRY_SECONDS)
    ticker.fire()
    assert faults.attempts == 2 and console.banner.isVisible()
    # and soon after a new edit
    qtbot.keyClicks(console.notes.edit, " om half acht")
    clock.advance(1)
    ticker.fire()
    assert faults.attempts == 3 and console.banner.isVisible()

    faults.on = False  # space again
    clock.advance(RETRY_SECONDS)
    ticker.fire()
    assert not console.banner.isVisible()
    assert stored_note(window.ctx, console.live.id, 0) == "Moeder belt elke ochtend om half acht"


def test_a_timer_action_that_cannot_be_stored_is_not_shown(qtbot, running, monkeypatch):
    window, console, clock, ticker = running
    live = console.live
    qtbot.keyClick(console, Qt.Key.Key_Space)  # start: stored
    clock.advance(60)
    ticker.fire()
    assert live.timer.running
    faults = Faults(monkeypatch, live.store)

    qtbot.keyClick(console, Qt.Key.Key_Space)  # pause: cannot be stored
    ticker.fire()
    assert live.timer.running, "the screen would show 'Gepauzeerd' while the store says running"
    assert console.state_label.text() != "Gepauzeerd"
    assert console.start_button.text() == "❚❚ Pauze"
    assert "De timer is niet veranderd (pauze)" in console.banner.text()
    saved = window.ctx.store.get_document(live.id, "timer")
    assert saved["status"] == "running"

    qtbot.keyClick(console, Qt.Key.Key_N)  # next phase: refused as well
    assert live.timer.index == 0
    assert live.method.phases[0].title in console.phase_label.text()

    faults.on = False
    clock.advance(RETRY_SECONDS)
    ticker.fire()
    assert not console.banner.isVisible()
    qtbot.keyClick(console, Qt.Key.Key_Space)
    assert live.timer.paused and console.state_label.text() == "Gepauzeerd"
    assert window.ctx.store.get_document(live.id, "timer")["status"] == "paused"


def test_a_store_locked_by_another_program(qtbot, running, monkeypatch):
    window, console, clock, ticker = running
    store = console.live.store
    attempts: list[str] = []
    for name in ("add_capture", "update_capture"):
        original = getattr(store, name)
        monkeypatch.setattr(store, name,
                            lambda c, _o=original, _n=name: attempts.append(_n) or _o(c))
    holder = sqlite3.connect(window.ctx.data_dir / DB_FILENAME, timeout=0)
    holder.execute("BEGIN IMMEDIATE")  # the write lock, as a second program would hold it
    try:
        type_note(qtbot, console, "Twintig toetsen lang")
        assert attempts == []  # twenty keystrokes, no write, so no wait on the lock
        ticker.fire()
        assert len(attempts) == 1
        assert "database is locked" in console.banner.text()
        assert console.notes.edit.toPlainText() == "Twintig toetsen lang"
        qtbot.keyClick(console.notes.edit, Qt.Key.Key_Escape)
        qtbot.keyClick(console, Qt.Key.Key_Space)  # start, while locked: refused
        assert not console.live.timer.running
        assert "De timer is niet veranderd (start)" in console.banner.text()
    finally:
        holder.rollback()
        holder.close()
    clock.advance(RETRY_SECONDS)
    ticker.fire()
    assert not console.banner.isVisible()
    assert stored_note(window.ctx, console.live.id, 0) == "Twintig toetsen lang"


def test_leaving_with_an_unsaved_note_asks_first(qtbot, running, monkeypatch):
    window, console, clock, ticker = running
    faults = Faults(monkeypatch, console.live.store)
    type_note(qtbot, console, "Nog niet bewaard")
    asked: list[str] = []
    console.confirm_loss = lambda text: asked.append(text) or False
    assert console.leave() is False
    assert "de notitie bij fase 1" in asked[0]
    assert window.console is console and console.notes.edit.toPlainText() == "Nog niet bewaard"
    window.close()  # closing the window asks the same, and stays open
    assert len(asked) == 2 and window.isVisible()
    faults.on = False
    assert console.leave() is True
    assert stored_note(window.ctx, console.live.id, 0) == "Nog niet bewaard"


def test_a_megabyte_paste_into_a_note_is_refused_with_a_message(qtbot, running):
    window, console, clock, ticker = running
    type_note(qtbot, console, "Begin. ")
    QGuiApplication.clipboard().setText("woord " * 175_000)  # 1,050,000 characters, one line
    console.notes.edit.paste()
    assert console.notes.edit.toPlainText() == "Begin. "
    message = console.notes.error.text()
    assert console.notes.error.isVisible()
    assert "Niet geplakt" in message and "1.050.000" in message and "100.000" in message

    QGuiApplication.clipboard().setText("lang verslag " * 5_000)  # 65,000: fits
    console.notes.edit.paste()
    ticker.fire()
    assert stored_note(window.ctx, console.live.id, 0) == "Begin. " + "lang verslag " * 5_000


def test_a_huge_paste_into_a_capture_field_is_cut_off_with_a_message(qtbot, running):
    window, console, clock, ticker = running
    tips = console.panes["tip"]
    console.tabs.setCurrentWidget(tips)
    tips.inputs["text"].setFocus()
    QGuiApplication.clipboard().setText("x" * 1_000_000)
    tips.inputs["text"].paste()
    assert len(tips.inputs["text"].text()) == MAX_CAPTURE_TEXT
    assert "hoogstens 10.000 tekens" in tips.error.text()
    tips.add()
    [tip] = console.live.captures("tip")
    assert len(tip.data["text"]) == MAX_CAPTURE_TEXT
    # the list shows the start of it, not ten thousand characters on one row
    assert len(tips.visible_texts()[0]) < 500


def test_the_live_session_refuses_texts_over_the_limits(tmp_path):
    ctx = open_context(tmp_path / "d", clock=FakeClock())
    session = create_demo(ctx.store, ctx.roster)
    live = LiveSession(ctx.store, session.id, ctx.methods, ctx.clock)
    before = live.captures()
    with pytest.raises(ValidationError, match="hoogstens 100.000 tekens"):
        live.edit_note(0, "a" * (MAX_NOTE_TEXT + 1))
    with pytest.raises(ValidationError, match="te lang"):
        live.capture("tip", text="b" * (MAX_CAPTURE_TEXT + 1))
    assert not live.writes.pending and live.captures() == before
