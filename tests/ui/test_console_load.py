"""The console with 2,000 captures (issue 12): it opens with every one listed, Enter adds
the next ones in their place, Delete and Ctrl+Z work in the middle of the list, and the
list always says what the store holds (ids in the model, never Python objects). Speed
is measured in benchmarks/bench_console_load.py, not here."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from casusdesk.app import open_context
from casusdesk.services.demo import create_demo
from casusdesk.storage.tables import CaptureRow
from casusdesk.ui.capture_panes import CaptureListModel
from casusdesk.ui.main_window import MainWindow
from tests.helpers.fakes import FakeClock
from tests.helpers.qt import ManualTicker

SIZE = 2_000


def _prefill(ctx, session_id: int) -> None:  # noqa: ANN001
    def work(db) -> None:  # noqa: ANN001
        for n in range(SIZE):
            db.add(CaptureRow(session_id=session_id, kind="tip", phase_index=0,
                              session_seconds=float(n),
                              data=json.dumps({"text": f"Tip {n:04d}"})))
    ctx.store.transaction(work)


def _listed(pane) -> list[tuple[int, str]]:  # noqa: ANN001
    model = pane.model
    return [(model.index(r).data(CaptureListModel.IdRole), model.index(r).data())
            for r in range(model.rowCount())]


def _stored(console) -> list[tuple[int, str]]:  # noqa: ANN001
    return [(c.id, c.data["text"]) for c in console.live.captures("tip")]


def test_the_console_with_2000_captures_adds_deletes_and_restores(qtbot, tmp_path):
    clock = FakeClock()
    ctx = open_context(tmp_path / "data", clock=clock)
    create_demo(ctx.store, ctx.roster)
    session = create_demo(ctx.store, ctx.roster)
    _prefill(ctx, session.id)
    window = MainWindow(ctx, confirm=lambda *a: True, ticker_factory=ManualTicker)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    console = window.start_console(session.id)
    pane = console.panes["tip"]
    console.tabs.setCurrentWidget(pane)
    assert pane.model.rowCount() == SIZE
    assert _listed(pane) == _stored(console)
    assert all(isinstance(i, int) for i, _ in _listed(pane))

    field = pane.inputs["text"]
    for n in range(25):
        clock.advance(3)
        field.setFocus()
        field.setText(f"Nieuwe tip {n}")
        qtbot.keyClick(field, Qt.Key.Key_Return)
        assert field.text() == ""
    assert pane.model.rowCount() == SIZE + 25
    added = [(i, t) for i, t in _listed(pane) if t.startswith("Nieuwe tip")]
    assert [t for _, t in added] == [f"Nieuwe tip {n}" for n in range(25)]
    assert _listed(pane) == _stored(console)  # in the store's order (session time, id)
    # the last one added is scrolled into view
    last = pane.model.index(pane.model.row_of(added[-1][0]))
    assert pane.list.viewport().rect().intersects(pane.list.visualRect(last))

    middle_id, middle_text = _listed(pane)[1000]
    pane.select_row(1000)
    pane.list.setFocus()
    qtbot.keyClick(pane.list, Qt.Key.Key_Delete)
    assert pane.model.rowCount() == SIZE + 24
    assert (middle_id, middle_text) not in _listed(pane)
    assert _listed(pane) == _stored(console)
    qtbot.keyClick(pane.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert pane.model.rowCount() == SIZE + 25
    assert _listed(pane)[1000][1] == middle_text
    assert _listed(pane) == _stored(console)
    window.grab().save("/tmp/store-console-2000.png")
