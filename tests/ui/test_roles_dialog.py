"""The role switch dialog on the demo session, used as a facilitator would."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QMessageBox

from casusdesk.services import rolwisseling
from casusdesk.services.catalog import functions
from casusdesk.services.demo import DEMO_PARTICIPANTS, create_demo
from casusdesk.services.role_catalog import roles
from casusdesk.services.roster import Roster
from casusdesk.storage.db import open_engine
from casusdesk.storage.repositories import Store
from casusdesk.ui import roles_dialog
from casusdesk.ui.style import STYLESHEET
from casusdesk.ui.roles_dialog import COL_CODE, COL_DISTANCE, RolesDialog


@pytest.fixture
def demo(tmp_path):
    store = Store(open_engine(tmp_path / "data"))
    roster = Roster(store, functions())
    session = create_demo(store, roster, today=dt.date(2026, 11, 5))
    return store, roster, session.id


@pytest.fixture
def messages(monkeypatch):
    shown: list[tuple[str, str, str]] = []

    def fake(kind):
        def show(parent, title, text, *args, **kwargs):
            shown.append((kind, title, text))
            return QMessageBox.StandardButton.Ok
        return show

    monkeypatch.setattr(QMessageBox, "information", fake("info"))
    monkeypatch.setattr(QMessageBox, "warning", fake("warning"))
    return shown


def open_dialog(qtbot, store, roster, session_id):
    dlg = RolesDialog(store, roster, session_id)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def shown_roles(dlg):
    return {dlg.table.item(row, COL_CODE).text():
            dlg.table.cellWidget(row, roles_dialog.COL_ROLE).currentData()
            for row in range(dlg.table.rowCount())}


def test_nobody_plays_their_own_function(qtbot, demo):
    store, roster, sid = demo
    dlg = open_dialog(qtbot, store, roster, sid)
    people = {p.code: p for p in rolwisseling.players(store, roster, sid)}
    assert dlg.table.rowCount() == len(people) == 7
    chosen = shown_roles(dlg)
    assert set(chosen) == set(people)
    for code, role_id in chosen.items():
        assert role_id and role_id != people[code].function_id
    assert all(dlg.table.item(r, COL_DISTANCE).text().isdigit()
               for r in range(dlg.table.rowCount()))
    assert not dlg.client_check.isChecked()
    assert "vertrouwen" in dlg.client_check.toolTip()
    assert dlg.blank_count.value() == 7
    Path("/tmp/shots").mkdir(parents=True, exist_ok=True)
    dlg.setStyleSheet(STYLESHEET)
    dlg.grab().save("/tmp/shots/roles.png")


def test_client_checkbox_adds_the_client_role(qtbot, demo):
    store, roster, sid = demo
    dlg = open_dialog(qtbot, store, roster, sid)
    assert "client" not in shown_roles(dlg).values()
    dlg.client_check.setChecked(True)
    assert "client" in shown_roles(dlg).values()
    assert store.get_document(sid, "roles")["include_client"] is True
    dlg.client_check.setChecked(False)
    assert "client" not in shown_roles(dlg).values()


def test_override_is_kept_after_reopening_and_cleared_by_repropose(qtbot, demo):
    store, roster, sid = demo
    dlg = open_dialog(qtbot, store, roster, sid)
    code = "KM_1"
    before = shown_roles(dlg)
    box = dlg.role_box(code)
    target = next(i for i in range(box.count())
                  if box.itemData(i) not in (before[code], "klantmanager_werk"))
    wanted = box.itemData(target)
    box.setCurrentIndex(target)
    box.activated.emit(target)
    assert shown_roles(dlg)[code] == wanted
    dlg.close()

    again = open_dialog(qtbot, store, roster, sid)
    assert shown_roles(again)[code] == wanted
    assert again.overrides == {code: wanted}

    again.repropose_button.click()
    assert again.overrides == {}
    assert store.get_document(sid, "roles")["overrides"] == {}


def test_save_pdf_holds_role_titles_and_no_names(qtbot, demo, tmp_path, monkeypatch, messages):
    store, roster, sid = demo
    dlg = open_dialog(qtbot, store, roster, sid)
    out = tmp_path / "kaarten"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(out), "PDF-bestanden (*.pdf)"))
    dlg.save_button.click()
    pdf = out.with_suffix(".pdf")
    assert pdf.exists() and messages and "Traceback" not in messages[-1][2]
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    flat = " ".join(text.split())
    library = roles()
    for role_id in set(shown_roles(dlg).values()):
        first_word = library[role_id].title.split()[0]
        assert first_word in flat
    for name, _function, _org in DEMO_PARTICIPANTS:
        assert name not in flat
        assert re.search(rf"\b{re.escape(name.split()[0])}\b", flat) is None


def test_errors_are_shown_in_a_message_box(qtbot, demo, tmp_path, monkeypatch, messages):
    store, roster, sid = demo
    dlg = open_dialog(qtbot, store, roster, sid)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "no" / "such" / "x.pdf"), ""))
    dlg.save_button.click()
    assert messages and messages[-1][0] == "warning"


def test_blank_cards(qtbot, demo, tmp_path, monkeypatch, messages):
    store, roster, sid = demo
    dlg = open_dialog(qtbot, store, roster, sid)
    out = tmp_path / "leeg.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    dlg.blank_count.setValue(5)
    dlg.blank_button.click()
    assert out.exists() and "5 lege kaarten" in messages[-1][2]
    assert len(PdfReader(out).pages) == 2  # four cards to a page


def test_validation_error_is_shown_inline(qtbot, demo):
    store, roster, sid = demo
    dlg = open_dialog(qtbot, store, roster, sid)
    dlg.choose_role("KM_1", "bestaat_niet")
    assert dlg.error.isVisibleTo(dlg)
    assert "bestaat niet" in dlg.error.text()


def test_role_lists_hold_only_the_table_and_essential_roles_switched_on(qtbot, demo):
    store, roster, sid = demo
    dlg = open_dialog(qtbot, store, roster, sid)
    present = {p.function_id for p in rolwisseling.players(store, roster, sid)}
    box = dlg.role_box("KM_1")
    offered = {box.itemData(i) for i in range(box.count())}
    assert offered == present
    assert "handhaving" not in shown_roles(dlg).values()
    titles = [a.text() for a in dlg.essential_menu.actions()]
    assert "Handhaver" in titles
    assert not any(roles()[fid].title == t for fid in present for t in titles)
    action = next(a for a in dlg.essential_menu.actions() if a.data() == "handhaving")
    action.setChecked(True)
    assert "handhaving" in shown_roles(dlg).values()
    assert dlg.essential_button.text() == "Essentiële rollen (1)"
    assert store.get_document(sid, "roles")["essential"] == ["handhaving"]
    reopened = open_dialog(qtbot, store, roster, sid)
    assert "handhaving" in shown_roles(reopened).values()
    action = next(a for a in reopened.essential_menu.actions() if a.data() == "handhaving")
    action.setChecked(False)
    assert "handhaving" not in shown_roles(reopened).values()


def test_two_holders_of_a_function_the_facilitator_picks_whose_back(qtbot):
    from tests.services.test_role_backs import setup

    store, roster, sid, codes = setup()
    dlg = open_dialog(qtbot, store, roster, sid)
    sw = codes["Mohamed El Amrani"]
    box = dlg.back_box(sw)
    assert box is not None and [box.itemText(i) for i in range(box.count())] == ["KM_1", "KM_2"]
    assert box.currentText() == "KM_1"
    box.setCurrentIndex(1)
    box.activated.emit(1)
    assert rolwisseling.chosen_backs(store, sid) == {"klantmanager_werk": "KM_2"}
    assert dlg.back_box(sw).currentText() == "KM_2"
    # the klantmanagers play the sociaal werker, whose holder wrote nothing: no choice
    assert dlg.back_box(codes["Jan de Vries"]) is None
