"""The session page as a facilitator prepares a series: session roles, the warning for
a homogeneous group, earlier agreements, the next meeting and the agenda."""

from __future__ import annotations

import datetime as dt

from casusdesk.services import session_setup
from casusdesk.services.demo import create_demo


def open_demo(qtbot, make_window):
    window = make_window()
    session = create_demo(window.ctx.store, window.ctx.roster, today=dt.date(2026, 3, 12))
    window.reload_groups()
    window.open_session(session.id)
    return window, session


def test_session_roles_and_mode_are_saved_from_the_session_page(qtbot, make_window):
    window, session = open_demo(qtbot, make_window)
    box = window.session_page.setup_box
    codes = {p.name.split()[0]: p.code
             for p in window.ctx.store.list_participants(session.group_id)}
    chair = box.role_boxes["voorzitter"]
    chair.setCurrentIndex(chair.findData(codes["Mohamed"]))
    box.mode_box.setCurrentIndex(box.mode_box.findData("online"))
    lead = box.role_boxes["gespreksleider"]
    lead.setCurrentIndex(lead.findData("extern"))
    setup = session_setup.load(window.ctx.store, session.id)
    assert setup.mode == "online"
    assert setup.roles == {"voorzitter": codes["Mohamed"], "gespreksleider": "extern"}
    window.open_session(session.id)
    assert box.role_boxes["voorzitter"].currentData() == codes["Mohamed"]
    assert box.mode_box.currentText().startswith("Online")
    window.resize(1366, 768)
    window.grab().save("/tmp/roles-session-page.png")


def test_a_table_without_zorg_en_welzijn_is_warned_at_preparation_and_role_phase(
        qtbot, make_window):
    from PySide6.QtCore import Qt

    from casusdesk.domain.model import Domain
    from casusdesk.ui.roles_dialog import RolesDialog

    window, _held = open_demo(qtbot, make_window)
    session = create_demo(window.ctx.store, window.ctx.roster)  # prepared, not yet held
    window.open_session(session.id)
    page = window.session_page
    assert not page.composition_label.isVisibleTo(page)
    people = window.ctx.store.list_participants(session.group_id)
    for row in range(page.attendance.count()):
        item = page.attendance.item(row)
        person = next(p for p in people if p.id == item.data(Qt.ItemDataRole.UserRole))
        if person.domain == Domain.ZORG_WELZIJN:
            item.setCheckState(Qt.CheckState.Unchecked)
    assert page.composition_label.isVisibleTo(page)
    text = page.composition_label.text()
    assert "niemand uit Zorg & Welzijn" in text and "Missen wij een cruciaal perspectief?" in text

    dialog = RolesDialog(window.ctx.store, window.ctx.roster, session.id)
    qtbot.addWidget(dialog)
    assert dialog.warning_label.isVisibleTo(dialog)
    assert "Missen wij een cruciaal perspectief?" in dialog.warning_label.text()

    # the console shows it with the hints of the phase that hands out the role cards
    console = window.start_console(session.id)
    roles_phase = next(i for i, p in enumerate(console.live.method.phases)
                       if "role_cards" in p.captures)
    console.goto(roles_phase)
    assert "Missen wij een cruciaal perspectief?" in console.hints_label.text()
    console.goto(0)
    assert "Missen wij" not in console.hints_label.text()
    console.leave()


def test_next_meeting_and_agenda_from_the_session_page(qtbot, make_window, monkeypatch,
                                                        tmp_path):
    import docx
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from casusdesk.services import series

    window, session = open_demo(qtbot, make_window)
    page = window.session_page
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    new = page.session
    assert new.id != session.id and new.date == dt.date(2026, 4, 12)
    assert (new.place, new.method_id) == (session.place, session.method_id)
    assert page.bringer_box.currentData() == new.case.case_bringer_id is not None
    assert new.case.case_bringer_id != session.case.case_bringer_id
    assert "Volgende bijeenkomst gemaakt voor 12-04-2026" in window.statusBar().currentMessage()
    # the open work of the first meeting is on the new session page
    assert page.series_panel.isVisibleTo(page)
    assert any("Gezamenlijk huisbezoek plannen" in t for t in page.series_panel.texts())
    page.series_panel.select(0)
    page.series_panel.note.setText("Volgende week")
    qtbot.mouseClick(page.series_panel.carry_button, Qt.MouseButton.LeftButton)
    assert series.open_items(window.ctx.store, new.id)[0].status == series.CARRIED
    window.resize(1366, 768)
    qtbot.wait(20)
    window.grab().save("/tmp/roles-next-session.png")

    target = tmp_path / "agenda"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "Word-bestanden (*.docx)"))
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(a[1:]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[1:]))
    qtbot.mouseClick(page.agenda_button, Qt.MouseButton.LeftButton)
    assert shown and shown[0][0] == "Agenda opgeslagen", shown
    text = "\n".join(p.text for p in docx.Document(str(target) + ".docx").paragraphs)
    assert "Datum: zondag 12 april 2026" in text


def test_a_planned_next_meeting_without_a_title_does_not_say_bijeenkomst_twice(
        qtbot, make_window):
    from casusdesk.services import series

    window, session = open_demo(qtbot, make_window)
    planned = series.next_session(window.ctx.store, session.id)
    window.reload_groups()
    window.open_session(planned.id)
    header = window.session_page.title.text()
    assert header.count("Bijeenkomst") == 1, header
    assert header.endswith("· nog zonder titel")
    listed = [window.group_page.session_list.item(i).text()
              for i in range(window.group_page.session_list.count())]
    assert f"{planned.date:%d-%m-%Y} · nog zonder titel" in listed
