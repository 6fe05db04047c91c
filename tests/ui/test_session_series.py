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
