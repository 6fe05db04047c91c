"""A role assignment stored before the attendance changed: the console checks it against
who is present, points the mismatch out to the facilitator, and changes nothing stored;
the room never sees the role of someone who is not there."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from casusdesk.app import open_context
from casusdesk.services.demo import create_demo
from casusdesk.services.live import LiveSession, projector_view, role_phase
from casusdesk.services.role_catalog import roles
from casusdesk.ui.main_window import MainWindow
from tests.helpers.fakes import FakeClock
from tests.helpers.qt import ManualTicker


@pytest.fixture
def left(tmp_path):
    """The demo session with its stored roles; then SW_1 (the only social worker) is
    marked absent on the session page."""
    ctx = open_context(tmp_path / "data")
    session = create_demo(ctx.store, ctx.roster)
    stored = dict(ctx.store.get_document(session.id, "roles"))
    assert "SW_1" in stored["assignment"]
    gone = next(p for p in ctx.store.list_participants(session.group_id) if p.code == "SW_1")
    ctx.store.update_session_fields(
        session.id, {"attendance": [a for a in session.attendance if a != gone.id]})
    return ctx, session.id, stored


def test_the_stored_roles_are_checked_against_who_is_present(left):
    ctx, sid, stored = left
    ctx.store.set_document(sid, "timer", None)  # the meeting not held yet
    live = LiveSession(ctx.store, sid, ctx.methods, FakeClock())
    board = dict(live.role_board())
    assert "SW_1" not in board  # the room does not see the role of someone absent
    assert set(board) == set(stored["assignment"]) - {"SW_1"}
    mismatch = live.role_mismatch()
    assert mismatch.startswith("De opgeslagen rolverdeling past niet bij wie er nu is: "
                               "SW_1 is er niet")
    social = [roles()[r].title for c, r in stored["assignment"].items()
              if c != "SW_1" and r == "sociaal_werker"]
    assert social  # SHV_1 plays the social worker, whose function left the table
    for title in social:
        assert title in mismatch
    assert ctx.store.get_document(sid, "roles") == stored  # nothing changed silently
    index = next(i for i in range(len(live.method.phases)) if role_phase(live.method, i))
    live.goto(index)
    shown = dict(projector_view(live, roles=live.role_board()).roles)
    assert shown and "SW_1" not in shown


def test_a_fitting_assignment_gives_no_notice(tmp_path):
    ctx = open_context(tmp_path / "data")
    session = create_demo(ctx.store, ctx.roster)
    live = LiveSession(ctx.store, session.id, ctx.methods, FakeClock())
    assert live.role_mismatch() == ""
    assert len(live.role_board()) == len(session.attendance)


def test_the_console_points_the_mismatch_out_when_it_opens(qtbot, left):
    ctx, sid, stored = left
    ctx.store.set_document(sid, "timer", None)
    window = MainWindow(ctx, confirm=lambda *_a: False, ticker_factory=ManualTicker)
    qtbot.addWidget(window)
    window.show()
    window.open_session(sid)
    qtbot.mouseClick(window.session_page.lead_button, Qt.MouseButton.LeftButton)
    console = window.console
    assert console is not None
    box = window.damage_box
    assert box is not None and box.windowTitle() == "Rolverdeling"
    qtbot.waitUntil(box.isVisible)
    assert "SW_1 is er niet" in box.text()
    box.accept()
    index = next(i for i in range(len(console.live.method.phases))
                 if role_phase(console.live.method, i))
    console.live.goto(index)
    console.refresh_phase()
    assert "SW_1 is er niet" in console.hints_label.text()
    assert ctx.store.get_document(sid, "roles") == stored
