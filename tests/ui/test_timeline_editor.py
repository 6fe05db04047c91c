"""The levenslijn editor: table, graph, undo and saving, driven as a facilitator would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QTableWidgetItem

from casusdesk.domain.model import Case, Group, Session
from casusdesk.domain.timeline import When
from casusdesk.domain.timeline_demo import demo_timeline
from casusdesk.services import levenslijn
from casusdesk.storage.db import open_engine
from casusdesk.storage.repositories import Store
from casusdesk.ui.style import STYLESHEET
from casusdesk.ui.timeline_editor import (
    COL_EXPERIENCE, COL_WHAT, COL_WHEN, NEW_DESCRIPTION, TimelineEditor,
)


@pytest.fixture
def store(tmp_path):
    return Store(open_engine(tmp_path / "data"))


@pytest.fixture
def session_id(store):
    group = store.save_group(Group(name="Intervisie Oost"))
    session = store.save_session(Session(group_id=group.id, date=dt.date(2026, 12, 3),
                                         case=Case(title="Werk", client_pseudonym="Sjoerd")))
    return session.id


@pytest.fixture
def open_editor(qtbot, store, session_id):
    def make(**kwargs):
        dlg = TimelineEditor(store, session_id, **kwargs)
        qtbot.addWidget(dlg)
        dlg.resize(1366, 768)
        dlg.show()
        qtbot.waitExposed(dlg)
        dlg.activateWindow()
        qtbot.waitUntil(dlg.isActiveWindow)
        return dlg
    return make


def set_cell(dlg, event_id, column, text):
    """Type into a cell as the table's editor would: set its text."""
    item: QTableWidgetItem = dlg.table.item(dlg.row_of(event_id), column)
    item.setText(text)


def descriptions(dlg):
    return [dlg.table.item(row, COL_WHAT).text() for row in range(dlg.table.rowCount())]


def test_empty_session_starts_empty_and_adds_through_the_table(open_editor, store, session_id,
                                                               qtbot):
    dlg = open_editor()
    assert dlg.table.rowCount() == 0
    dlg.add_button.click()
    assert dlg.table.rowCount() == 1
    event_id = dlg.event_id_at(0)
    assert dlg.table.item(0, COL_WHAT).text() == NEW_DESCRIPTION
    assert dlg.selected_ids() == [event_id]

    # the description is open for typing right away
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Begint bij de bakker")
    dlg.table.commitData(editor)  # what Enter does (QTest's Enter does not reach the delegate)
    assert dlg.timeline.get(event_id).description == "Begint bij de bakker"
    set_cell(dlg, event_id, COL_WHEN, "2019")
    saved = levenslijn.load(store, session_id)
    assert saved.get(event_id).description == "Begint bij de bakker"
    assert saved.get(event_id).when == When.in_year(2019)


def test_click_on_the_graph_adds_at_that_experience(open_editor, store, session_id, qtbot):
    levenslijn.save(store, session_id, demo_timeline())
    dlg = open_editor()
    before = dlg.table.rowCount()
    pm = dlg.pixel_map
    # an empty spot in the past part, at the height of +2
    x = pm.x(dlg.layout_.sections[-1].x0 + 0.01)
    dlg.add_at(QPointF(x, pm.y(2)))
    assert dlg.table.rowCount() == before + 1
    (new_id,) = dlg.selected_ids()
    event = dlg.timeline.get(new_id)
    assert event.description == NEW_DESCRIPTION and event.experience == 2
    assert levenslijn.load(store, session_id).get(new_id).experience == 2

    # and a real mouse click on empty space does the same
    dlg.table.setFocus()
    empty = dlg.view.mapFromScene(QPointF(pm.x(0.5), pm.y(-2.9)))
    assert dlg.view.dot_at(empty) is None
    qtbot.mouseClick(dlg.view.viewport(), Qt.MouseButton.LeftButton, pos=empty)
    assert dlg.table.rowCount() == before + 2
    (click_id,) = dlg.selected_ids()
    assert dlg.timeline.get(click_id).experience == -3


def test_editing_when_and_experience_reorders_and_moves(open_editor, store, session_id):
    dlg = open_editor()
    first = dlg.add_event()
    set_cell(dlg, first, COL_WHEN, "2018")
    set_cell(dlg, first, COL_WHAT, "Eerste baan")
    second = dlg.add_event()
    set_cell(dlg, second, COL_WHEN, "2020")
    set_cell(dlg, second, COL_WHAT, "Ontslagen")
    assert descriptions(dlg) == ["Eerste baan", "Ontslagen"]

    # When 'Wanneer' of the second moves before the first, the order changes
    set_cell(dlg, second, COL_WHEN, "maart 2016")
    assert descriptions(dlg) == ["Ontslagen", "Eerste baan"]
    assert dlg.dot_position(second).x() < dlg.dot_position(first).x()

    # A bad time keeps the old value and says why, in Dutch
    set_cell(dlg, second, COL_WHEN, "gisteren ergens")
    assert "gisteren ergens" in dlg.message.text()
    assert dlg.message.isVisibleTo(dlg)
    assert dlg.table.item(dlg.row_of(second), COL_WHEN).text() == "maart 2016"
    assert dlg.timeline.get(second).when == When.in_month(2016, 3)

    # Beleving moves the dot up
    y_before = dlg.dot_position(first).y()
    set_cell(dlg, first, COL_EXPERIENCE, "+3")
    assert dlg.timeline.get(first).experience == 3
    assert dlg.dot_position(first).y() < y_before
    assert dlg.table.item(dlg.row_of(first), COL_EXPERIENCE).text().startswith("+3")
    set_cell(dlg, first, COL_EXPERIENCE, "7")
    assert dlg.timeline.get(first).experience == 3
    assert dlg.message.text()


def test_drag_changes_experience_and_undo_redo(open_editor, store, session_id, qtbot):
    levenslijn.save(store, session_id, demo_timeline())
    dlg = open_editor()
    event_id = dlg.event_id_at(2)
    old = dlg.timeline.get(event_id).experience
    target = -3 if old > 0 else 3

    # the handler, with a scene position
    dlg.move_to(event_id, QPointF(0, dlg.pixel_map.y(target)))
    assert dlg.timeline.get(event_id).experience == target
    assert levenslijn.load(store, session_id).get(event_id).experience == target

    dlg.undo_stack.undo()
    assert dlg.timeline.get(event_id).experience == old
    assert levenslijn.load(store, session_id).get(event_id).experience == old
    dlg.undo_stack.redo()
    assert dlg.timeline.get(event_id).experience == target
    dlg.undo_stack.undo()

    # a real drag with the mouse
    view = dlg.view
    start = view.mapFromScene(dlg.dot_position(event_id))
    end = view.mapFromScene(QPointF(dlg.dot_position(event_id).x(), dlg.pixel_map.y(target)))
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), pos=end)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert dlg.timeline.get(event_id).experience == target

    # keyboard undo / redo
    dlg.table.setFocus()
    qtbot.keyClick(dlg.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dlg.timeline.get(event_id).experience == old
    qtbot.keyClick(dlg.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert dlg.timeline.get(event_id).experience == target


def test_double_click_on_a_dot_selects_its_row(open_editor, store, session_id, qtbot):
    levenslijn.save(store, session_id, demo_timeline())
    dlg = open_editor()
    event_id = dlg.event_id_at(4)
    pos = dlg.view.mapFromScene(dlg.dot_position(event_id))
    qtbot.mouseDClick(dlg.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert dlg.selected_ids() == [event_id]
    assert dlg.table.currentRow() == 4
    assert dlg.timeline.get(event_id).experience == demo_timeline().get(event_id).experience


def test_link_remove_undo_and_everything_back_after_reopening(open_editor, store, session_id):
    dlg = open_editor()
    a = dlg.add_event()
    set_cell(dlg, a, COL_WHEN, "2015")
    set_cell(dlg, a, COL_WHAT, "Schulden")
    b = dlg.add_event()
    set_cell(dlg, b, COL_WHEN, "2017")
    set_cell(dlg, b, COL_WHAT, "Verhuizing")
    c = dlg.add_event(experience=-1)
    set_cell(dlg, c, COL_WHEN, "2019")

    dlg.table.clearSelection()
    dlg.table.selectRow(dlg.row_of(a))
    dlg.table.selectionModel().select(
        dlg.table.model().index(dlg.row_of(b), 0),
        dlg.table.selectionModel().SelectionFlag.Select
        | dlg.table.selectionModel().SelectionFlag.Rows)
    assert dlg.link_button.isEnabled()
    dlg.link_button.click()
    assert b in dlg.timeline.get(a).links
    assert len(dlg.layout_.links) == 1

    dlg.table.clearSelection()
    dlg.table.selectRow(dlg.row_of(c))
    dlg.remove_button.click()
    assert c not in dlg.timeline
    dlg.undo_stack.undo()
    assert c in dlg.timeline
    dlg.undo_stack.redo()
    assert c not in dlg.timeline
    dlg.close()

    again = open_editor()
    assert descriptions(again) == ["Schulden", "Verhuizing"]
    assert b in again.timeline.get(a).links
    assert again.timeline.get(b).when == When.in_year(2017)


def test_export_writes_the_chosen_file(open_editor, store, session_id, tmp_path):
    levenslijn.save(store, session_id, demo_timeline())
    out = tmp_path / "lijn.svg"
    dlg = open_editor(ask_path=lambda parent: str(out))
    dlg.export_button.click()
    assert out.exists() and "Sjoerd" in out.read_text(encoding="utf-8")


def test_screenshot_of_the_demo_timeline(open_editor, store, session_id, qtbot):
    levenslijn.save(store, session_id, demo_timeline())
    dlg = open_editor()
    dlg.setStyleSheet(STYLESHEET)  # as the application sets it
    dlg.resize(1366, 768)
    qtbot.wait(50)
    dlg.redraw()
    shots = Path("/tmp/shots")
    shots.mkdir(exist_ok=True)
    assert dlg.grab().save(str(shots / "timeline_editor.png"))
