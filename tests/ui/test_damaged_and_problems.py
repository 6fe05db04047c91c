"""Damaged captures and unreadable method files, as the facilitator meets them (issue 15)."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt

from casusdesk.app import open_context
from casusdesk.services.demo import create_demo
from casusdesk.storage.db import DB_FILENAME
from casusdesk.ui import review_dialog
from casusdesk.ui.main_window import MainWindow
from tests.helpers.qt import ManualTicker


def damage(data_dir, broken_json, not_utf8):
    con = sqlite3.connect(data_dir / DB_FILENAME)
    con.execute("UPDATE captures SET data = ? WHERE id = ?", ('{"text": "Pietje Puk', broken_json))
    con.execute("UPDATE captures SET data = CAST(? AS TEXT) WHERE id = ?",
                (b'{"text": "Pietje \xff"}', not_utf8))
    con.commit()
    con.close()


@pytest.fixture
def damaged(qtbot, tmp_path):
    ctx = open_context(tmp_path / "data")
    session = create_demo(ctx.store, ctx.roster)
    questions = [c.id for c in ctx.store.list_captures(session.id, "question")]
    tips = [c.id for c in ctx.store.list_captures(session.id, "tip")]
    damage(ctx.data_dir, questions[0], tips[0])
    asked: list[str] = []
    answer = {"value": False}

    def confirm(_parent, _title, text):
        asked.append(text)
        return answer["value"]

    window = MainWindow(ctx, confirm=confirm, ticker_factory=ManualTicker)
    qtbot.addWidget(window)
    window.show()
    return window, session.id, questions, tips, asked, answer


def test_the_console_opens_and_names_the_damaged_captures(qtbot, damaged):
    window, sid, questions, tips, _asked, _answer = damaged
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_session(sid)
    qtbot.mouseClick(window.session_page.lead_button, Qt.MouseButton.LeftButton)  # Ctrl+L
    console = window.console
    assert console is not None and window.stack.currentWidget() is console
    box = window.damage_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert f"vastlegging {questions[0]} (Vraag" in box.text()
    assert f"vastlegging {tips[0]} (Tip of advies" in box.text()
    assert "Pietje" not in box.text()
    shown = console.panes["question"].list.model().rowCount()
    assert shown == len(questions) - 1  # the readable questions are all there
    box.accept()
    console.setFocus()
    qtbot.keyClick(console, Qt.Key.Key_Space)  # and the meeting can start
    assert console.live.timer.started


def test_the_minutes_review_asks_before_leaving_damaged_captures_out(qtbot, damaged, monkeypatch):
    window, sid, questions, tips, asked, answer = damaged
    opened: list[review_dialog.ReviewDialog] = []
    monkeypatch.setattr(review_dialog.ReviewDialog, "exec", lambda self: opened.append(self) or 0)

    window.open_minutes(sid)  # the facilitator says no
    assert len(asked) == 1 and not opened
    assert f"vastlegging {questions[0]} (Vraag" in asked[0]
    assert f"vastlegging {tips[0]}" in asked[0] and "zonder deze vastleggingen" in asked[0]

    answer["value"] = True
    window.open_minutes(sid)
    [dialog] = opened
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.generation == 1 or dialog.error.isVisible(), timeout=300_000)
    dialog.wait()
    assert dialog.generation == 1 and not dialog.error.isVisible(), dialog.error.text()
    assert dialog.damage_note.isVisible() and "niet in dit verslag" in dialog.damage_note.text()
    assert "Pietje" not in dialog.text.toPlainText()
    assert "Vragen" in dialog.text.toPlainText()


def test_every_unreadable_method_file_is_listed(qtbot, tmp_path):
    data = tmp_path / "data"
    folder = data / "methods"
    folder.mkdir(parents=True)
    names = [f"kapot_{i}.json" for i in range(10)]
    for name in names:
        (folder / name).write_text("{" if name.endswith("3.json") else "[]")
    ctx = open_context(data)
    window = MainWindow(ctx, confirm=lambda *a: True)
    qtbot.addWidget(window)
    window.show()
    button = window.problems_button
    assert button.isVisible() and "10 eigen werkvormen" in button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    box = window.problems_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    listed = box.listing.toPlainText().splitlines()
    assert len(listed) == 10
    for name in names:
        assert sum(line.startswith(f"• {name}: ") for line in listed) == 1
    assert "kapot_3.json: geen geldige JSON (regel 1, kolom 2: hier hoort een veldnaam" in \
        box.listing.toPlainText()  # in Dutch, with where to look


def test_no_problems_no_button(qtbot, tmp_path):
    window = MainWindow(open_context(tmp_path / "data"), confirm=lambda *a: True)
    qtbot.addWidget(window)
    window.show()
    assert not window.problems_button.isVisible()
