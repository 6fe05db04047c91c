from __future__ import annotations

import pytest

from casusdesk.app import open_context
from casusdesk.ui.main_window import MainWindow


@pytest.fixture
def make_window(qtbot, tmp_path):
    """Factory: a main window on a data folder; answers confirmations with ``confirm``."""
    answers: list[tuple[str, str]] = []

    def make(data_dir=None, *, confirm=True):
        ctx = open_context(data_dir or tmp_path / "data")

        def fake_confirm(parent, title, text):
            answers.append((title, text))
            return confirm

        window = MainWindow(ctx, confirm=fake_confirm)
        window.questions = answers
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return make
