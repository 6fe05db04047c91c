"""A session whose row is partly damaged (broken JSON, bytes that are not UTF-8) opens on
its page and in the console; the damaged parts are named, the rest works."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt

from casusdesk.app import open_context
from casusdesk.services.demo import create_demo
from casusdesk.storage.db import DB_FILENAME
from casusdesk.ui.main_window import MainWindow
from tests.helpers.qt import ManualTicker

BROKEN = '{"geheim": "Pietje Puk", '
COLUMNS = ("roles_json", "setup_json", "series_json", "timer_json", "interview_json",
           "timeline_json")


def _raw(data_dir, sid: int, column: str):
    con = sqlite3.connect(data_dir / DB_FILENAME)
    try:
        return con.execute(f"SELECT CAST({column} AS BLOB) FROM sessions WHERE id = ?",
                           (sid,)).fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def broken(qtbot, tmp_path):
    ctx = open_context(tmp_path / "data")
    session = create_demo(ctx.store, ctx.roster)
    con = sqlite3.connect(ctx.data_dir / DB_FILENAME)
    for column in COLUMNS:
        con.execute(f"UPDATE sessions SET {column} = ? WHERE id = ?", (BROKEN, session.id))
    con.execute("UPDATE sessions SET case_description = CAST(? AS TEXT) WHERE id = ?",
                (b"Pietje \xff\xfe Puk", session.id))
    con.commit()
    con.close()
    window = MainWindow(ctx, confirm=lambda *_a: False, ticker_factory=ManualTicker)
    qtbot.addWidget(window)
    window.show()
    return window, ctx, session.id


def test_the_page_and_the_console_open_and_name_what_is_damaged(qtbot, broken):
    window, ctx, sid = broken
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_session(sid)
    page = window.session_page
    assert page.damage_label.isVisible()
    notice = page.damage_label.text()
    assert notice.startswith(f"Bijeenkomst {sid} is deels beschadigd: beschrijving van de casus")
    for part in ("rolverdeling", "timer", "levenslijn", "terugblik op eerdere bijeenkomsten"):
        assert part in notice
    assert "Pietje" not in notice
    assert page.description.property("invalid") is True
    assert "Beschadigd" in page.description.toolTip()
    assert page.case_title.text()  # the rest of the case is there
    page.resize(1366, 768)
    page.grab().save("/tmp/robust-page.png")

    page.place_edit.setFocus()
    page.place_edit.selectAll()
    qtbot.keyClicks(page.place_edit, "Zaal 3")  # another field is saved as usual
    qtbot.waitUntil(lambda: ctx.store.get_session(sid).place == "Zaal 3")
    assert _raw(ctx.data_dir, sid, "case_description") == b"Pietje \xff\xfe Puk"

    qtbot.mouseClick(page.lead_button, Qt.MouseButton.LeftButton)
    console = window.console
    assert console is not None and window.stack.currentWidget() is console
    box = window.damage_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert "rolverdeling" in box.text() and "Pietje" not in box.text()
    box.accept()
    console.resize(1366, 768)
    console.grab().save("/tmp/robust-console.png")
    console.setFocus()
    assert not console.live.timer.started
    qtbot.keyClick(console, Qt.Key.Key_Space)  # the meeting starts on a fresh timer
    assert console.live.timer.started
    assert console.leave()
    for column in set(COLUMNS) - {"timer_json"}:  # only the timer was used anew
        assert _raw(ctx.data_dir, sid, column) == BROKEN.encode(), column
    assert ctx.store.get_document(sid, "timer")["status"] == "running"


def test_the_roles_dialog_shows_a_proposal_and_keeps_the_broken_document(qtbot, tmp_path):
    from casusdesk.ui.roles_dialog import RolesDialog

    ctx = open_context(tmp_path / "data")
    session = create_demo(ctx.store, ctx.roster)
    con = sqlite3.connect(ctx.data_dir / DB_FILENAME)
    con.execute("UPDATE sessions SET roles_json = ? WHERE id = ?", (BROKEN, session.id))
    con.commit()
    con.close()
    dlg = RolesDialog(ctx.store, ctx.roster, session.id)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.damage_label.isVisible()
    assert dlg.damage_label.text().startswith(
        f"Bijeenkomst {session.id} is deels beschadigd: rolverdeling (geen geldige JSON)")
    assert dlg.table.rowCount() == len(session.attendance) and dlg.assignment
    dlg.close()
    assert _raw(ctx.data_dir, session.id, "roles_json") == BROKEN.encode()
