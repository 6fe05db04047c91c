"""Issue moments in the console: no default theme, frames, tags, a quick stamp that is
completed later, editing with undo (issue 10)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from casusdesk.app import open_context
from casusdesk.services.demo import create_demo
from casusdesk.ui.main_window import MainWindow
from tests.helpers.fakes import FakeClock
from tests.helpers.qt import ManualTicker


@pytest.fixture
def running(qtbot, tmp_path):
    clock = FakeClock()
    ctx = open_context(tmp_path / "data", clock=clock)
    create_demo(ctx.store, ctx.roster)  # the first demo session was already held
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
    return window, console, clock


def stamp(qtbot, console, description: str = "") -> None:
    qtbot.keyClick(console, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    pane = console.panes["issue_moment"]
    pane.inputs["description"].setFocus()
    if description:
        qtbot.keyClicks(pane.inputs["description"], description)
    qtbot.keyClick(pane.inputs["description"], Qt.Key.Key_Return)


def test_an_untouched_theme_box_gives_no_theme_for_the_first_and_every_moment(qtbot, running):
    window, console, clock = running
    pane = console.panes["issue_moment"]
    assert pane.inputs["theme"].currentText() == ""
    stamp(qtbot, console, "Eerste botsing")
    stamp(qtbot, console, "Tweede botsing")
    moments = console.live.captures("issue_moment")
    assert [m.data["description"] for m in moments] == ["Eerste botsing", "Tweede botsing"]
    assert [m.data["theme"] for m in moments] == ["", ""]


def test_frames_tags_and_the_kind_of_moment_are_stored(qtbot, running):
    window, console, clock = running
    qtbot.keyClick(console, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    pane = console.panes["issue_moment"]
    pane.inputs["frames"].setText("Handhavingsframe (rechtmatigheid, fraude); Wantrouwen als "
                                  "houding;  ")
    pane.inputs["moment"].setCurrentIndex(1)  # uit de rol gevallen
    tags = pane.inputs["tags"]
    labels = [b.text() for b in tags.boxes]
    assert labels == ["talking nice", "pseudoakkoord", "kleine nee", "deskundigheidsmacht",
                      "confrontatie vermeden"]
    tags.boxes[2].setChecked(True)
    tags.boxes[4].setChecked(True)
    pane.inputs["description"].setFocus()
    qtbot.keyClicks(pane.inputs["description"], "KM_1 praat als klantmanager")
    qtbot.keyClick(pane.inputs["description"], Qt.Key.Key_Return)
    [moment] = console.live.captures("issue_moment")
    assert moment.data["frames"] == ["Handhavingsframe (rechtmatigheid, fraude)",
                                     "Wantrouwen als houding"]
    assert moment.data["tags"] == ["kleine_nee", "confrontatie_vermeden"]
    assert moment.data["moment"] == "uit_rol"
    assert "uit de rol" in pane.visible_texts()[0]
    # the form is empty again for the next moment, kind back to a clash
    assert pane.inputs["frames"].text() == "" and tags.values() == []
    assert pane.inputs["moment"].currentText() == "Botsing van perspectieven"


def test_the_frame_completer_offers_the_taxonomy(qtbot, running):
    window, console, clock = running
    pane = console.panes["issue_moment"]
    completer = pane.inputs["frames"].completer()
    frames = completer.model().stringList()
    assert "Cliënt als slachtoffer van het systeem" in frames
    assert "Handhavingsframe (rechtmatigheid, fraude)" in frames
    pane.inputs["frames"].setText("Gemeenschapsframe; hand")
    assert completer.splitPath(pane.inputs["frames"].text()) == ["hand"]


def test_a_quick_stamp_is_completed_later_and_the_change_can_be_undone(qtbot, running):
    window, console, clock = running
    qtbot.keyClick(console, Qt.Key.Key_Space)
    clock.advance(300)
    stamp(qtbot, console)  # Ctrl+I, Enter: only the moment
    pane = console.panes["issue_moment"]
    [moment] = console.live.captures("issue_moment")
    assert moment.session_seconds == 300 and moment.data["description"] == ""
    assert "(nog aanvullen)" in pane.visible_texts()[0]

    clock.advance(600)
    pane.select_row(0)
    pane.list.setFocus()
    qtbot.keyClick(pane.list, Qt.Key.Key_F2)
    assert pane.editing is not None
    assert pane.add_button.text() == "Wijziging opslaan (Enter)"
    qtbot.keyClicks(pane.inputs["codes"], "KM_1, SW_1")
    pane.inputs["theme"].setCurrentIndex(2)
    theme = pane.inputs["theme"].currentText()
    pane.inputs["description"].setFocus()
    qtbot.keyClicks(pane.inputs["description"], "Papieren klant tegenover persoonlijk contact")
    qtbot.keyClick(pane.inputs["description"], Qt.Key.Key_Return)

    [edited] = console.live.captures("issue_moment")
    assert edited.id == moment.id
    assert edited.session_seconds == 300  # the moment of the stamp, not of the edit
    assert edited.data["codes"] == ["KM_1", "SW_1"]
    assert edited.data["theme"] == theme
    assert edited.data["description"] == "Papieren klant tegenover persoonlijk contact"
    assert "Papieren klant" in pane.visible_texts()[0]
    assert pane.editing is None and pane.add_button.text() == "Toevoegen (Enter)"

    pane.list.setFocus()
    qtbot.keyClick(pane.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    [undone] = console.live.captures("issue_moment")
    assert undone.data["description"] == "" and undone.data.get("codes") in ([], None)
    assert "(nog aanvullen)" in pane.visible_texts()[0]


def test_editing_fills_the_form_and_cancel_leaves_the_moment_as_it_was(qtbot, running):
    window, console, clock = running
    pane = console.panes["issue_moment"]
    qtbot.keyClick(console, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(pane.inputs["codes"], "KM_1")
    pane.inputs["frames"].setText("Marktframe (doelmatigheid, uitstroom)")
    pane.inputs["tags"].boxes[0].setChecked(True)
    pane.inputs["description"].setFocus()
    qtbot.keyClicks(pane.inputs["description"], "Uitstroom snel of duurzaam")
    qtbot.keyClick(pane.inputs["description"], Qt.Key.Key_Return)
    pane.select_row(0)
    pane.edit_selected()
    assert pane.inputs["codes"].text() == "KM_1"
    assert pane.inputs["frames"].text() == "Marktframe (doelmatigheid, uitstroom)"
    assert pane.inputs["tags"].values() == ["talking_nice"]
    assert pane.inputs["description"].text() == "Uitstroom snel of duurzaam"
    pane.inputs["description"].setText("iets anders")
    pane.cancel_button.click()
    [moment] = console.live.captures("issue_moment")
    assert moment.data["description"] == "Uitstroom snel of duurzaam"
    assert pane.inputs["description"].text() == "" and pane.editing is None


def test_an_edit_in_the_console_keeps_analysis_stored_elsewhere(qtbot, running):
    window, console, clock = running
    stamp(qtbot, console, "Beroepsgeheim")
    pane = console.panes["issue_moment"]
    [moment] = console.live.captures("issue_moment")
    # the analysis screen (another window) stores its part meanwhile
    window.ctx.store.merge_capture_data(moment.id, {"analysis": {"question": "Wat mag ik "
                                                                "delen?"}})
    pane.select_row(0)
    pane.edit_selected()
    pane.inputs["quote"].setText("Dat vertel ik niet.")
    pane.add()
    [stored] = console.live.captures("issue_moment")
    assert stored.data["quote"] == "Dat vertel ik niet."
    assert stored.data["analysis"] == {"question": "Wat mag ik delen?"}
