"""Creating a group, participants and a session through the widgets, as a user would."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt

from casusdesk.ui.participant_model import COLUMNS

KEYS = [c[0] for c in COLUMNS]


def edit_cell(window, row, key, value):
    model = window.participants
    index = model.index(row, KEYS.index(key))
    assert model.setData(index, value, Qt.ItemDataRole.EditRole)


def test_group_participants_and_session_survive_closing_the_window(qtbot, make_window, tmp_path):
    data = tmp_path / "data"
    window = make_window(data)
    assert window.stack.currentWidget() is window.empty_page

    # Given a new group, named by typing
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    page = window.group_page
    assert window.stack.currentWidget() is page
    page.name_edit.selectAll()
    qtbot.keyClicks(page.name_edit, "Intervisie Oost")
    assert window.group_list.currentItem().text() == "Intervisie Oost"

    # When two participants are added and edited in the table
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    edit_cell(window, 0, "name", "Jan de Vries")
    edit_cell(window, 0, "function", "Klantmanager Werk")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    edit_cell(window, 1, "name", "Femke Bosma")
    edit_cell(window, 1, "organisation", "Welzijn Oost")
    codes = [p.code for p in window.participants.rows]
    assert codes == ["KM_1", "SW_1"]
    assert window.participants.rows[0].domain == "Werk & Inkomen"

    # And a session with a case
    qtbot.mouseClick(page.new_session_button, Qt.MouseButton.LeftButton)
    spage = window.session_page
    assert window.stack.currentWidget() is spage
    spage.date_edit.setDate(QDate(2026, 12, 3))
    qtbot.keyClicks(spage.case_title, "Schulden en werk")
    qtbot.keyClicks(spage.pseudonym, "Ellen")
    spage.real_name.setFocus()
    qtbot.keyClicks(spage.real_name, "Ellen Mulder")
    spage.coaching_question.setFocus()
    qtbot.keyClicks(spage.coaching_question, "Hoe houden we samen overzicht?")
    spage.attendance.item(1).setCheckState(Qt.CheckState.Unchecked)
    window.close()

    # Then a new window on the same folder finds everything back
    again = make_window(data)
    assert [again.group_list.item(i).text() for i in range(again.group_list.count())] == [
        "Intervisie Oost"]
    rows = again.participants.rows
    assert [(p.code, p.name, p.function, p.organisation) for p in rows] == [
        ("KM_1", "Jan de Vries", "Klantmanager Werk", ""),
        ("SW_1", "Femke Bosma", "Sociaal werker", "Welzijn Oost"),
    ]
    assert again.group_page.session_list.count() == 1
    session_id = again.group_page.current_session_id()
    again.open_session(session_id)
    s = again.ctx.store.get_session(session_id)
    assert s.date == dt.date(2026, 12, 3)
    assert s.case.title == "Schulden en werk"
    assert s.case.client_real_name == "Ellen Mulder"
    assert s.case.coaching_question == "Hoe houden we samen overzicht?"
    assert s.attendance == [rows[0].id]
    assert again.session_page.case_title.text() == "Schulden en werk"


def test_empty_group_name_is_shown_and_not_saved(qtbot, make_window):
    window = make_window()
    window.new_group()
    page = window.group_page
    page.name_edit.selectAll()
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Delete)
    assert page.name_error.isVisible() or page.name_error.text()
    assert "mag niet leeg zijn" in page.name_error.text()
    assert window.ctx.store.list_groups()[0].name == "Nieuwe groep"


def test_undo_and_redo_in_the_participant_table(qtbot, make_window):
    window = make_window()
    window.new_group()
    page = window.group_page
    page.add_participant()
    edit_cell(window, 0, "function", "Wmo-consulent")
    assert window.participants.rows[0].code == "WMO_1"
    window.undo.undo()
    assert window.participants.rows[0].code == "SW_1" or window.participants.rows[0].function == "Sociaal werker"
    window.undo.redo()
    assert window.participants.rows[0].function == "Wmo-consulent"

    page.table.setCurrentIndex(window.participants.index(0, 0))
    page.remove_selected_participant()
    assert window.participants.rows == []
    assert window.ctx.store.list_participants(page.group.id) == []
    window.undo.undo()
    [back] = window.ctx.store.list_participants(page.group.id)
    assert back.function == "Wmo-consulent" and back.code == window.participants.rows[0].code


def test_deleting_a_group_says_what_goes_with_it(qtbot, make_window):
    from casusdesk.services.demo import create_demo

    window = make_window(confirm=False)
    create_demo(window.ctx.store, window.ctx.roster)
    window.reload_groups()
    window.delete_current_group()
    title, text = window.questions[-1]
    assert "8 deelnemer(s)" in text and "1 bijeenkomst(en)" in text
    assert len(window.ctx.store.list_groups()) == 1  # said no

    window.confirm = lambda *a: True
    window.delete_current_group()
    assert window.ctx.store.list_groups() == []
    assert window.stack.currentWidget() is window.empty_page


def test_session_page_opens_timeline_and_roles_dialogs(qtbot, make_window, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from casusdesk.services.demo import create_demo

    opened = []
    monkeypatch.setattr(QDialog, "exec", lambda self: opened.append(type(self).__name__) or 0)
    window = make_window()
    session = create_demo(window.ctx.store, window.ctx.roster)
    window.reload_groups()
    window.open_session(session.id)
    qtbot.mouseClick(window.session_page.timeline_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.session_page.roles_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.session_page.interview_button, Qt.MouseButton.LeftButton)
    assert opened == ["TimelineEditor", "RolesDialog", "InterviewDialog"]
