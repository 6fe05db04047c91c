"""Run by test_kill_resume.py in a child process: the real console, driven by keys.

Prints READY <session id> once the captures are made, then keeps the event loop
running until it is killed.
"""

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from casusdesk.app import open_context  # noqa: E402
from casusdesk.services.demo import create_demo  # noqa: E402
from casusdesk.ui.main_window import MainWindow  # noqa: E402


def main() -> None:
    app = QApplication([])
    ctx = open_context(Path(sys.argv[1]))
    create_demo(ctx.store, ctx.roster)  # the first demo session was already held
    session = create_demo(ctx.store, ctx.roster)
    window = MainWindow(ctx)
    window.show()
    window.activateWindow()
    deadline = time.monotonic() + 10
    while not window.isActiveWindow() and time.monotonic() < deadline:
        app.processEvents()
    console = window.start_console(session.id)
    console.setFocus()
    QTest.keyClick(console, Qt.Key.Key_Space)       # start
    QTest.keyClick(console, Qt.Key.Key_N)           # phase 2
    QTest.keyClick(console, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    tips = console.panes["tip"]
    QTest.keyClicks(tips.inputs["text"], "Samen met de client een weekplanning maken")
    QTest.keyClick(tips.inputs["text"], Qt.Key.Key_Return)
    console.notes.edit.setFocus()
    QTest.keyClicks(console.notes.edit, "Notitie die een kill moet overleven")
    console.setFocus()
    QTest.keyClick(console, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    pane = console.panes["issue_moment"]
    QTest.keyClicks(pane.inputs["codes"], "KM_1, SW_1")
    QTest.keyClicks(pane.inputs["description"], "Handhaving tegenover vertrouwen")
    QTest.keyClick(pane.inputs["description"], Qt.Key.Key_Return)
    print("READY", session.id, flush=True)
    app.exec()


main()
