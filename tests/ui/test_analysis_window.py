"""The analysis screen of a session's issue moments (issue 10)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from casusdesk.app import open_context
from casusdesk.domain.analysis import IssueAnalysis
from casusdesk.services import analysis as service
from casusdesk.services.catalog import issue_vocabulary
from casusdesk.services.demo import create_demo
from casusdesk.ui.analysis_window import AnalysisWindow
from tests.helpers.fakes import FakeClock


@pytest.fixture
def window(qtbot, tmp_path):
    ctx = open_context(tmp_path / "data", clock=FakeClock())
    session = create_demo(ctx.store, ctx.roster)  # a held session with two issue moments
    w = AnalysisWindow(ctx.store, session.id, issue_vocabulary(), ctx.methods)
    qtbot.addWidget(w)
    w.show()
    w.ctx, w.session = ctx, session
    return w


def stored(w, row=0):
    return service.issue_moments(w.store, w.session_id)[row]


def test_the_moment_and_the_issue_question_are_stored_as_typed(qtbot, window):
    w = window
    assert w.list.count() == 2 and w.list.currentRow() == 0
    first = stored(w)
    assert w.codes_edit.text() == ", ".join(first.data["codes"])
    assert w.theme_box.currentText() == first.data["theme"]
    assert "sinds het begin" in w.when.text()
    w.question.setFocus()
    qtbot.keyClicks(w.question, "Wie is verantwoordelijk?")
    assert model_of(stored(w)).question == "Wie is verantwoordelijk?"
    assert w.list.item(0).text().startswith("✓ ")
    # the moment's own fields can be completed after the session
    w.quote.setFocus()
    w.quote.selectAll()
    qtbot.keyClicks(w.quote, "Hij moet het zelf doen.")
    w.tags.boxes[1].setChecked(True)
    w.kind_box.setCurrentIndex(1)
    data = stored(w).data
    assert data["quote"] == "Hij moet het zelf doen."
    assert data["tags"] == ["pseudoakkoord"] and data["moment"] == "uit_rol"
    assert data["analysis"]["question"] == "Wie is verantwoordelijk?"


def model_of(capture):
    return IssueAnalysis.from_dict(capture.data.get("analysis"))


def test_narratives_per_party_start_with_the_codes_of_the_moment(qtbot, window):
    w = window
    w._goto_step(1)
    assert w.tabs.currentIndex() == 1
    codes = stored(w).data["codes"]
    assert [w.narratives.item(r, 0).text() for r in range(w.narratives.rowCount())] == codes
    w.narratives.item(0, 1).setText("Rechten en plichten gelden voor iedereen.")
    w.narratives.item(1, 4).setText("Je helpt niemand met een maatregel.")
    qtbot.keyClick(w, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert w.narratives.rowCount() == 3
    w.narratives.item(2, 0).setText("Zorg & Welzijn")
    w.narratives.item(2, 5).setText("Eerst de klachten in beeld.")
    a = model_of(stored(w))
    assert [n.party for n in a.narratives] == [*codes, "Zorg & Welzijn"]
    assert a.narratives[0].wat == "Rechten en plichten gelden voor iedereen."
    assert a.narratives[1].moreel == "Je helpt niemand met een maatregel."
    assert a.narratives[2].oplossingen == "Eerst de klachten in beeld."


def test_frames_from_the_taxonomy_and_own_frames_with_the_glossary(qtbot, window):
    w = window
    w._goto_step(2)
    item = w.frames.findItems("Cliënt als dader van eigen falen", Qt.MatchFlag.MatchExactly)[0]
    w.frames.setCurrentItem(item)
    # the glossary explains the frame in Dutch; report line numbers mean nothing to a user
    assert "eigen problemen" in w.frame_help.text()
    assert not re.search(r"\bL\d{3}|rapport", w.frame_help.text())
    item.setCheckState(Qt.CheckState.Checked)
    w.own_frame.setFocus()
    qtbot.keyClicks(w.own_frame, "Werk als medicijn")
    qtbot.keyClick(w.own_frame, Qt.Key.Key_Return)
    assert model_of(stored(w)).frames == ["Cliënt als dader van eigen falen", "Werk als medicijn"]
    # the second moment does not have them; back on the first they are ticked again
    qtbot.keyClick(w, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert w.list.currentRow() == 1
    checked = [w.frames.item(i).text() for i in range(w.frames.count())
               if w.frames.item(i).checkState() == Qt.CheckState.Checked]
    assert checked == []
    qtbot.keyClick(w, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    checked = [w.frames.item(i).text() for i in range(w.frames.count())
               if w.frames.item(i).checkState() == Qt.CheckState.Checked]
    assert checked == ["Cliënt als dader van eigen falen", "Werk als medicijn"]


def test_bridging_influences_uncontested_and_undo(qtbot, window):
    w = window
    w._goto_step(3)
    w.bridged_box.setCurrentIndex(w.bridged_box.findData("deels"))
    w.how.setFocus()
    qtbot.keyClicks(w.how, "Erkenning dat de feiten alleen niet genoeg zijn.")
    w.reframing_box.setCurrentIndex(w.reframing_box.findData("extensie"))
    w.controversy_box.setCurrentIndex(w.controversy_box.findData("oneens"))
    help_text = w.bridging_help.text()
    assert "<b>" in help_text and len(help_text) > 60  # both choices explained
    assert not re.search(r"\bL\d{3}|rapport", help_text)
    w._goto_step(4)
    qtbot.keyClicks(w.influences["gespreksleiding"], "Doorgevraagd op het verschil.")
    a = model_of(stored(w))
    assert (a.bridged, a.reframing, a.controversy) == ("deels", "extensie", "oneens")
    assert a.how == "Erkenning dat de feiten alleen niet genoeg zijn."
    assert a.influences == {"gespreksleiding": "Doorgevraagd op het verschil."}

    w.uncontested.setFocus()
    qtbot.keyClicks(w.uncontested, "hetzelfde doel")
    assert service.session_analysis(w.store, w.session_id).uncontested == ["hetzelfde doel"]

    # undo outside a text field: the influence first, then the controversy
    w.list.setFocus()
    qtbot.keyClick(w.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    a = model_of(stored(w))
    assert a.influences == {} and a.controversy == "oneens"
    assert w.influences["gespreksleiding"].text() == ""
    w.undo_button.click()
    assert model_of(stored(w)).controversy == ""
    assert w.controversy_box.currentData() == ""


def test_a_wrong_code_is_refused_with_a_message_and_nothing_changes(qtbot, window):
    w = window
    before = stored(w).data["codes"]
    w.codes_edit.setFocus()
    w.codes_edit.selectAll()
    qtbot.keyClicks(w.codes_edit, "XX_9")
    assert "Onbekende code" in w.error.text()
    assert stored(w).data["codes"] == before


def test_a_session_without_issue_moments_says_so(qtbot, tmp_path):
    ctx = open_context(tmp_path / "data", clock=FakeClock())
    create_demo(ctx.store, ctx.roster)
    fresh = create_demo(ctx.store, ctx.roster)  # not held yet
    w = AnalysisWindow(ctx.store, fresh.id, issue_vocabulary(), ctx.methods)
    qtbot.addWidget(w)
    assert w.list.count() == 0 and not w.tabs.isEnabled()
    assert "Ctrl+I" in w.empty.text()


def test_the_session_page_opens_the_analysis_with_ctrl_shift_a(qtbot, make_window, monkeypatch):
    from casusdesk.ui import analysis_window

    window = make_window()
    session = create_demo(window.ctx.store, window.ctx.roster)
    opened = []
    monkeypatch.setattr(analysis_window.AnalysisWindow, "exec",
                        lambda self: opened.append(self.list.count()))
    window.open_session(session.id)
    page = window.session_page
    assert page.analysis_button.shortcut().toString() == "Ctrl+Shift+I"
    page.analysis_button.click()
    assert opened == [2]
