"""Forms that never change or lose data by accident (issue 14, items 2, 4 and 5)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from casusdesk.services.demo import create_demo
from casusdesk.services.live import LiveSession


def wheel(widget, steps=-1):
    """Turn the mouse wheel over the middle of ``widget`` (negative: down)."""
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(pos, widget.mapToGlobal(pos), QPoint(0, 0), QPoint(0, 120 * steps),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def demo_session_page(window):
    session = create_demo(window.ctx.store, window.ctx.roster)
    window.reload_groups()
    window.open_session(session.id)
    return session, window.session_page


def test_wheel_over_a_combobox_changes_nothing_unless_it_has_the_focus(qtbot, make_window):
    window = make_window()
    session, page = demo_session_page(window)
    page.case_title.setFocus()
    store = window.ctx.store
    before = store.get_session(session.id)
    for box in (page.method_box, page.level_box, page.bringer_box, page.date_edit):
        shown = box.currentText() if hasattr(box, "currentText") else box.text()
        wheel(box)
        wheel(box, +1)
        wheel(box)
        now = box.currentText() if hasattr(box, "currentText") else box.text()
        assert now == shown, box.objectName()
    after = store.get_session(session.id)
    assert (after.method_id, after.case.problem_level, after.case.case_bringer_id,
            after.date) == (before.method_id, before.case.problem_level,
                            before.case.case_bringer_id, before.date)
    # a field with the focus does turn with the wheel, as everywhere
    page.level_box.setFocus()
    index = page.level_box.currentIndex()
    wheel(page.level_box, -1 if index < page.level_box.count() - 1 else +1)
    assert page.level_box.currentIndex() != index


def test_wheel_over_the_console_choice_fields_changes_nothing(qtbot, make_window):
    from casusdesk.services.catalog import issue_vocabulary
    from casusdesk.ui.capture_panes import CapturePane, pane_specs

    vocabulary = issue_vocabulary()
    spec = next(s for s in pane_specs(vocabulary["themes"], vocabulary["outcomes"], ("Vraag?",))
                if s.kind == "issue_moment")
    pane = CapturePane(spec, lambda: ["KM_1"])
    qtbot.addWidget(pane)
    pane.show()
    theme = pane.inputs["theme"]
    shown = theme.currentText()
    wheel(theme)
    assert theme.currentText() == shown


def test_a_method_change_on_a_started_session_is_refused(qtbot, make_window):
    window = make_window()
    session, page = demo_session_page(window)
    store = window.ctx.store
    live = LiveSession(store, session.id, window.ctx.methods, window.ctx.clock)
    store.set_document(session.id, "timer", None)  # the demo's own record aside
    live = LiveSession(store, session.id, window.ctx.methods, window.ctx.clock)
    live.toggle()
    timer = store.get_document(session.id, "timer")
    window.open_session(session.id)
    other = next(i for i in range(1, page.method_box.count())
                 if page.method_box.itemData(i) != session.method_id)
    page.method_box.setCurrentIndex(other)
    assert "al begonnen" in page.error.text()
    assert page.method_box.currentData() == session.method_id
    assert store.get_session(session.id).method_id == session.method_id
    assert store.get_document(session.id, "timer") == timer
    # the other fields still save
    page.case_title.setFocus()
    page.case_title.selectAll()
    qtbot.keyClicks(page.case_title, "Nieuwe titel")
    assert store.get_session(session.id).case.title == "Nieuwe titel"


def test_a_method_change_before_the_start_and_without_captures_is_saved(qtbot, make_window):
    window = make_window()
    window.new_group()
    window.new_session()
    page = window.session_page
    page.method_box.setCurrentIndex(2)
    assert window.ctx.store.get_session(page.session.id).method_id == page.method_box.itemData(2)
    assert page.error.text() == ""


def test_an_invalid_title_does_not_stop_the_other_fields_from_saving(qtbot, make_window):
    window = make_window(confirm=False)
    session, page = demo_session_page(window)
    store = window.ctx.store
    stored_title = store.get_session(session.id).case.title
    long_title = "x" * 5000
    page.case_title.setText(long_title)
    page.case_title.textEdited.emit(long_title)
    assert "te lang" in page.error.text()
    assert page.case_title.property("invalid") is True
    # tick attendance and type a description: both saved although the title is refused
    item = page.attendance.item(0)
    pid = item.data(Qt.ItemDataRole.UserRole)
    was_present = pid in store.get_session(session.id).attendance
    item.setCheckState(Qt.CheckState.Unchecked if was_present else Qt.CheckState.Checked)
    page.description.setFocus()
    page.description.selectAll()
    qtbot.keyClicks(page.description, "Nieuwe beschrijving")
    stored = store.get_session(session.id)
    assert (pid in stored.attendance) is not was_present
    assert stored.case.description == "Nieuwe beschrijving"
    assert stored.case.title == stored_title
    # the title stays as typed and marked until it is fixed
    assert page.case_title.text() == long_title and page.case_title.property("invalid")
    assert "te lang" in page.error.text()

    # leaving asks; "no" stays on the page with the text
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    title, text = window.questions[-1]
    assert title == "Niet alles is opgeslagen" and "te lang" in text
    assert window.stack.currentWidget() is page and page.case_title.text() == long_title

    # once fixed it is saved and no longer marked; leaving does not ask
    page.case_title.setText("Korte titel")
    page.case_title.textEdited.emit("Korte titel")
    assert store.get_session(session.id).case.title == "Korte titel"
    assert not page.case_title.property("invalid") and page.error.text() == ""
    asked = len(window.questions)
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert len(window.questions) == asked
    assert window.stack.currentWidget() is window.group_page


# -- item 5 ----------------------------------------------------------------------------

def issue_pane(qtbot, make_window):
    from casusdesk.services.catalog import issue_vocabulary
    from casusdesk.ui.capture_panes import CapturePane, pane_specs

    window = make_window()
    session = create_demo(window.ctx.store, window.ctx.roster)
    live = LiveSession(window.ctx.store, session.id, window.ctx.methods, window.ctx.clock)
    vocabulary = issue_vocabulary()
    spec = next(s for s in pane_specs(vocabulary["themes"], vocabulary["outcomes"], ("Vraag?",))
                if s.kind == "issue_moment")
    pane = CapturePane(spec, live.participant_codes)
    qtbot.addWidget(pane)
    pane.set_live(live)
    pane.show()
    return live, pane


def test_an_issue_moment_without_a_theme_gets_none_and_enter_in_the_last_field_adds(
        qtbot, make_window):
    live, pane = issue_pane(qtbot, make_window)
    before = len(live.captures("issue_moment"))
    pane.inputs["description"].setText("Over de uitkering")
    outcome = pane.inputs["outcome"]
    outcome.setFocus()
    qtbot.keyClicks(outcome.lineEdit(), "geparkeerd")
    qtbot.keyClick(outcome.lineEdit(), Qt.Key.Key_Return)
    added = live.captures("issue_moment")
    assert len(added) == before + 1
    moment = max(added, key=lambda c: c.id)
    assert moment.data["theme"] == "" and moment.data["outcome"] == "geparkeerd"
    assert moment.data["description"] == "Over de uitkering"
    # Enter did not add "geparkeerd" to the list of choices a second time
    assert [outcome.itemText(i) for i in range(outcome.count())].count("geparkeerd") <= 1


def test_tab_into_functie_replaces_the_default(qtbot, make_window):
    window = make_window()
    window.new_group()
    page = window.group_page
    page.add_participant()  # the cursor is in the name cell, editing
    qtbot.keyClicks(page.table.focusWidget(), "Jan de Vries")
    qtbot.keyClick(page.table.focusWidget(), Qt.Key.Key_Tab)  # into Functie
    editor = page.table.focusWidget()
    assert editor.lineEdit().selectedText() == "Sociaal werker"  # typing replaces it
    qtbot.keyClicks(editor, "Klantmanager Werk")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.state() != page.table.State.EditingState)
    [p] = window.ctx.store.list_participants(page.group.id)
    assert (p.name, p.function, p.code) == ("Jan de Vries", "Klantmanager Werk", "KM_1")


def test_deleting_the_last_group_does_not_bring_the_demo_back(tmp_path, monkeypatch):
    import casusdesk.ui.main_window as main_window
    from casusdesk import cli

    started = []
    monkeypatch.setattr(main_window, "run", lambda ctx, argv=None: started.append(ctx) or 0)
    data = tmp_path / "eigen"
    assert cli.main(["--data-dir", str(data)]) == 0
    store = started[-1].store
    [demo] = store.list_groups()  # the first start shows the demo group
    store.delete_group(demo.id)
    assert cli.main(["--data-dir", str(data)]) == 0
    assert started[-1].store.list_groups() == []


def test_preparation_shortcuts_work_from_every_field_and_are_listed(qtbot, make_window,
                                                                   monkeypatch):
    from PySide6.QtWidgets import QDialog

    from casusdesk.ui.main_window import SHORTCUTS

    opened = []
    monkeypatch.setattr(QDialog, "exec", lambda self: opened.append(type(self).__name__) or 0)
    window = make_window()
    session, page = demo_session_page(window)
    window.ctx.store.set_document(session.id, "timer", None)
    for field in (page.case_title, page.description, page.level_box):
        for k in (Qt.Key.Key_E, Qt.Key.Key_J, Qt.Key.Key_R, Qt.Key.Key_M):
            field.setFocus()
            qtbot.keyClick(QApplication.focusWidget(), k, Qt.KeyboardModifier.ControlModifier)
            qtbot.wait(250)  # a button's shortcut clicks it a moment later
        assert opened == ["TimelineEditor", "InterviewDialog", "RolesDialog", "MethodDialog"]
        opened.clear()
    listed = dict(SHORTCUTS)
    for keys in ("Ctrl+E", "Ctrl+J", "Ctrl+R", "Ctrl+L", "Ctrl+M"):
        assert keys in listed
    menu = next(a.menu() for a in window.menuBar().actions() if "eenkomst" in a.text())
    texts = [a.text() for a in menu.actions()]
    assert any(t.endswith("\tCtrl+E") for t in texts)
    next(a for a in menu.actions() if a.text().endswith("\tCtrl+J")).trigger()
    assert opened == ["InterviewDialog"]


def test_a_typed_invalid_field_survives_an_edit_from_another_window(qtbot, make_window):
    window = make_window(confirm=False)
    session, page = demo_session_page(window)
    store = window.ctx.store
    long_title = "y" * 300
    page.case_title.setText(long_title)
    page.case_title.textEdited.emit(long_title)
    store.update_session_fields(session.id, {"place": "Zaal 3"})  # another window
    page.description.setFocus()
    qtbot.keyClicks(page.description, " en meer")
    stored = store.get_session(session.id)
    assert stored.place == "Zaal 3" and "en meer" in stored.case.description
    assert page.place_edit.text() == "Zaal 3"  # the other window's edit is shown
    assert page.case_title.text() == long_title and page.case_title.property("invalid")


def test_every_session_page_shortcut_is_in_f1_and_the_menu(qtbot, make_window, monkeypatch):
    """Agenda, next meeting and the analysis have keys on their buttons; F1 and the
    Bijeenkomst menu list them like the others, and the menu item does what the button does."""
    from PySide6.QtWidgets import QDialog, QPushButton

    from casusdesk.ui.main_window import SHORTCUTS

    opened = []
    monkeypatch.setattr(QDialog, "exec", lambda self: opened.append(type(self).__name__) or 0)
    window = make_window()
    _session, page = demo_session_page(window)
    listed = dict(SHORTCUTS)
    menu = next(a.menu() for a in window.menuBar().actions() if "eenkomst" in a.text())
    in_menu = {a.text().split("\t")[-1]: a for a in menu.actions()}
    keys = {b.shortcut().toString() for b in page.findChildren(QPushButton)
            if not b.shortcut().isEmpty()} - {"Esc"}
    assert {"Ctrl+Shift+A", "Ctrl+Shift+B", "Ctrl+Shift+I"} <= keys
    for key in keys:
        assert key in listed, key
        assert key in in_menu, key
    in_menu["Ctrl+Shift+I"].trigger()
    assert opened == ["AnalysisWindow"]
