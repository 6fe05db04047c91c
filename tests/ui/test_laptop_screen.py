"""Every window and dialog fits a 1366x768 laptop with a taskbar (about 1366x720)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from casusdesk.app import open_context
from casusdesk.services.demo import create_demo
from casusdesk.services.live import LiveSession
from tests.helpers.fakes import FakeClock

LAPTOP = (1366, 720)


def test_windows_and_dialogs_fit_1366x720_and_the_screen(qtbot, tmp_path):
    from casusdesk.ui.console import ResumeDialog
    from casusdesk.ui.interview_dialog import InterviewDialog
    from casusdesk.ui.main_window import MainWindow
    from casusdesk.ui.method_dialog import MethodDialog
    from casusdesk.ui.roles_dialog import RolesDialog
    from casusdesk.ui.timeline_editor import TimelineEditor

    clock = FakeClock()
    ctx = open_context(tmp_path / "data", clock=clock)
    session = create_demo(ctx.store, ctx.roster)
    ctx.store.set_document(session.id, "timer", None)
    live = LiveSession(ctx.store, session.id, ctx.methods, clock)
    live.toggle()
    clock.advance(3 * 3600)
    windows = {
        "main": MainWindow(ctx),
        "interview": InterviewDialog(ctx.store, session.id),
        "roles": RolesDialog(ctx.store, ctx.roster, session.id),
        "timeline": TimelineEditor(ctx.store, session.id),
        "resume": ResumeDialog(LiveSession(ctx.store, session.id, ctx.methods, clock)),
    }
    ctx.store.set_document(session.id, "timer", None)
    windows["method"] = MethodDialog(ctx.store, session.id, ctx.methods, ctx.data_dir)
    area = QApplication.primaryScreen().availableGeometry()
    for name, window in windows.items():
        qtbot.addWidget(window)
        window.show()
        need = window.minimumSizeHint()
        assert need.width() <= LAPTOP[0] and need.height() <= LAPTOP[1], (name, need)
        # opened no larger than the screen it is on (here the test screen)
        assert window.width() <= max(area.width(), need.width()), name
        assert window.height() <= max(area.height(), need.height()), name
