"""Adjusting the method for one session, and saving it as an own method."""

from __future__ import annotations

from casusdesk.app import open_context
from casusdesk.services.demo import create_demo
from casusdesk.services.live import LiveSession, method_for_session
from casusdesk.services.method_catalog import custom_methods_dir, load_methods
from casusdesk.ui.method_dialog import MethodDialog
from tests.helpers.fakes import FakeClock


def make(qtbot, tmp_path, **kw):
    ctx = open_context(tmp_path)
    create_demo(ctx.store, ctx.roster)
    session = create_demo(ctx.store, ctx.roster)  # prepared, not yet held
    dialog = MethodDialog(ctx.store, session.id, ctx.methods, ctx.data_dir, **kw)
    qtbot.addWidget(dialog)
    return ctx, session, dialog


def test_durations_order_and_phases_are_kept_for_the_session(qtbot, tmp_path):
    ctx, session, dialog = make(qtbot, tmp_path)
    original = ctx.methods["rolwisseling"]
    dialog.table.item(0, 1).setText("5")
    assert "Totaal:" in dialog.total.text()
    dialog.table.selectRow(1)
    dialog._move(-1)
    dialog.table.selectRow(6)
    dialog._add()
    dialog.table.selectRow(2)
    dialog._remove()
    stored = method_for_session(ctx.store, session.id, ctx.methods)
    titles = [p.title for p in stored.phases]
    assert titles[0] == original.phases[1].title
    assert titles[1] == original.phases[0].title and stored.phases[1].seconds == 300
    assert original.phases[2].title not in titles
    assert titles[-1] == "Nieuwe fase"
    # the live session runs this version
    live = LiveSession(ctx.store, session.id, ctx.methods, FakeClock())
    assert [p.title for p in live.method.phases] == titles
    assert live.timer.remaining() == original.phases[1].seconds
    # the shipped method itself is untouched
    assert load_methods()["rolwisseling"] == original


def test_bad_minutes_get_a_message_and_undo_restores(qtbot, tmp_path):
    ctx, session, dialog = make(qtbot, tmp_path)
    before = dialog.method
    dialog.table.item(0, 1).setText("tien")
    assert "geen aantal minuten" in dialog.error.text()
    assert dialog.method == before
    dialog.table.item(0, 1).setText("3")
    assert dialog.method.phases[0].seconds == 180
    dialog.undo.undo()
    assert method_for_session(ctx.store, session.id, ctx.methods).phases[0].seconds == \
        before.phases[0].seconds


def test_save_as_own_method(qtbot, tmp_path):
    ctx, session, dialog = make(qtbot, tmp_path, ask=lambda parent, s: "Korte rolwisseling")
    dialog.table.item(0, 1).setText("4")
    dialog._save_as()
    assert dialog.saved_as is not None
    methods = load_methods(custom_methods_dir(ctx.data_dir))
    mine = methods[dialog.saved_as.id]
    assert mine.name == "Korte rolwisseling" and mine.phases[0].seconds == 240
    assert ctx.store.get_session(session.id).method_id == mine.id
    assert "Opgeslagen" in dialog.error.text()


def test_a_started_session_refuses_changes(qtbot, tmp_path):
    ctx, session, dialog = make(qtbot, tmp_path)
    live = LiveSession(ctx.store, session.id, ctx.methods, FakeClock())
    live.toggle()
    dialog.table.item(0, 1).setText("1")
    assert "al begonnen" in dialog.error.text()
