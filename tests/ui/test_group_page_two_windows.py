"""Two windows on one data folder (two engines on one file): an edit in one never
reverts the other's, and code numbers are never handed out twice (issue 15, store 2)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from casusdesk.ui.participant_model import COLUMNS

KEYS = [c[0] for c in COLUMNS]


def edit_cell(window, row, key, value):
    model = window.participants
    assert model.setData(model.index(row, KEYS.index(key)), value, Qt.ItemDataRole.EditRole)


def test_description_typed_in_a_stale_window_keeps_code_numbers(qtbot, make_window, tmp_path):
    data = tmp_path / "data"
    a = make_window(data)
    a.new_group()
    for _ in range(3):  # a new row is a "Sociaal werker" until its function is typed
        qtbot.mouseClick(a.group_page.add_button, Qt.MouseButton.LeftButton)
    b = make_window(data)  # the second window reads the group now
    assert [p.code for p in b.participants.rows] == ["SW_1", "SW_2", "SW_3"]

    # window a: SW_4 joins and leaves again
    qtbot.mouseClick(a.group_page.add_button, Qt.MouseButton.LeftButton)
    assert a.participants.rows[3].code == "SW_4"
    a.group_page.table.setCurrentIndex(a.participants.index(3, 0))
    a.group_page.remove_selected_participant()

    # window b types a description from its old copy of the group
    b.group_page.description_edit.setFocus()
    qtbot.keyClicks(b.group_page.description_edit, "Maandelijks")
    assert b.group_page.name_error.text() == ""

    # a newcomer gets SW_5, not SW_4 again, in either window
    qtbot.mouseClick(b.group_page.add_button, Qt.MouseButton.LeftButton)
    assert b.participants.rows[-1].code == "SW_5"
    a.group_page.load(a.group_page.group.id)
    assert a.group_page.description_edit.toPlainText() == "Maandelijks"


def test_a_participant_edited_in_two_windows_keeps_both_edits(qtbot, make_window, tmp_path):
    data = tmp_path / "data"
    a = make_window(data)
    a.new_group()
    qtbot.mouseClick(a.group_page.add_button, Qt.MouseButton.LeftButton)
    edit_cell(a, 0, "function", "Klantmanager Werk")
    b = make_window(data)

    edit_cell(a, 0, "name", "Jan de Vries")
    edit_cell(b, 0, "organisation", "Gemeente Oost")  # b's row still has no name
    assert (b.participants.rows[0].name, b.participants.rows[0].organisation) == (
        "Jan de Vries", "Gemeente Oost")

    # the same cell edited from a stale copy is refused, with the message under the table
    edit_cell(a, 0, "organisation", "Sociaal team")
    assert "intussen" in a.group_page.participant_error.text()
    assert a.participants.rows[0].organisation == "Gemeente Oost"  # a now shows the store


def test_a_session_deleted_in_one_window_is_not_written_from_the_other(qtbot, make_window,
                                                                        tmp_path):
    data = tmp_path / "data"
    a = make_window(data)
    a.new_group()
    a.new_session()
    old_id = a.session_page.session.id
    b = make_window(data)
    b.open_session(old_id)

    a.delete_session(old_id)
    a.new_session()
    assert a.session_page.session.id != old_id

    b.session_page.case_title.setFocus()
    qtbot.keyClicks(b.session_page.case_title, "Oud")
    assert "bestaat niet meer" in b.session_page.error.text()
    assert a.ctx.store.get_session(a.session_page.session.id).case.title == ""


def test_case_title_from_one_window_is_not_reverted_by_the_other(qtbot, make_window, tmp_path):
    data = tmp_path / "data"
    a = make_window(data)
    a.new_group()
    a.new_session()
    sid = a.session_page.session.id
    b = make_window(data)
    b.open_session(sid)

    a.session_page.case_title.setFocus()
    qtbot.keyClicks(a.session_page.case_title, "Schulden")
    b.session_page.place_edit.setFocus()
    qtbot.keyClicks(b.session_page.place_edit, "Zaal 2")

    stored = a.ctx.store.get_session(sid)
    assert (stored.case.title, stored.place) == ("Schulden", "Zaal 2")
    assert b.session_page.case_title.text() == "Schulden"  # b shows a's title now
