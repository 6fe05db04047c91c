"""The overview of a group's issue moments across its sessions (issue 10)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from casusdesk.app import open_context
from casusdesk.services.demo import create_demo
from casusdesk.services.demo_series import extend_new_demo
from casusdesk.ui.overview_window import OverviewWindow
from tests.helpers.fakes import FakeClock


@pytest.fixture
def ctx(tmp_path):
    ctx = open_context(tmp_path / "data", clock=FakeClock())
    ctx.held = create_demo(ctx.store, ctx.roster)
    extend_new_demo(ctx.store, ctx.held)
    return ctx


def test_figures_charts_clashes_and_open_moments(qtbot, ctx):
    opened = []
    w = OverviewWindow(ctx.store, ctx.held.group_id, ctx.methods, open_analysis=opened.append)
    qtbot.addWidget(w)
    w.show()
    assert w.figures["sessions"].text() == "5"
    assert w.figures["moments"].text() == "10"
    assert w.figures["rate"].text().endswith("%")
    assert not w.heat.pixmap().isNull() and not w.bars.pixmap().isNull()
    assert w.clashes.item(0, 0).text() == "Werk & Inkomen – Zorg & Welzijn"
    assert w.clashes.item(0, 1).text() == "5"
    # two parked moments in the series and one in the held session
    outcomes = [w.open_moments.item(r, 5).text() for r in range(w.open_moments.rowCount())]
    assert outcomes == ["geparkeerd"] * 3
    assert "hetzelfde doel: een stabiel inkomen (2×)" in w.uncontested.text()
    # Enter on an open moment opens the analysis of its session
    w.open_moments.setCurrentCell(2, 0)
    w.open_moments.setFocus()
    qtbot.keyClick(w.open_moments, Qt.Key.Key_Return)
    assert opened == [ctx.held.id]


def test_a_group_without_moments_says_so(qtbot, tmp_path):
    ctx = open_context(tmp_path / "data", clock=FakeClock())
    create_demo(ctx.store, ctx.roster)
    group_id = ctx.store.list_groups()[0].id
    for s in ctx.store.list_sessions(group_id):
        for c in ctx.store.list_captures(s.id, "issue_moment"):
            ctx.store.delete_capture(c.id)
    w = OverviewWindow(ctx.store, group_id, ctx.methods)
    qtbot.addWidget(w)
    assert w.figures["moments"].text() == "0" and w.figures["rate"].text() == "–"
    assert "Nog geen issue-momenten" in w.heat.text()


def test_the_group_page_opens_the_overview_with_ctrl_shift_o(qtbot, make_window, monkeypatch):
    from casusdesk.ui import overview_window

    window = make_window()
    create_demo(window.ctx.store, window.ctx.roster)
    shown = []
    monkeypatch.setattr(overview_window.OverviewWindow, "exec",
                        lambda self: shown.append(self.figures["moments"].text()))
    page = window.group_page
    page.load(window.ctx.store.list_groups()[0].id)
    assert page.overview_button.shortcut().toString() == "Ctrl+Shift+O"
    page.overview_button.click()
    assert shown == ["2"]
