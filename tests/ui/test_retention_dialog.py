"""The retention dialog (issue 12): past sessions listed at the start and from the menu,
removed after confirmation, kept longer with a reason; a group's period changed."""

from __future__ import annotations

import datetime as dt

from casusdesk.app import open_context
from casusdesk.domain.model import Capture, Case, Group, Session
from casusdesk.ui.main_window import MainWindow
from tests.helpers.fakes import FakeClock


def _window(qtbot, tmp_path, today: dt.date, answers: list, *, confirm=True):
    clock = FakeClock(dt.datetime(today.year, today.month, today.day, 9,
                                  tzinfo=dt.timezone.utc))
    ctx = open_context(tmp_path / "data", clock=clock)
    group = ctx.store.save_group(Group(name="Werkplaats Noord"))
    old = ctx.store.save_session(Session(group_id=group.id, date=dt.date(2025, 1, 10),
                                         case=Case(title="Schulden", client_real_name="Hendrika Mulder")))
    ctx.store.add_capture(Capture(session_id=old.id, kind="note", data={"text": "notitie"}))
    recent = ctx.store.save_session(Session(group_id=group.id, date=dt.date(2025, 11, 1),
                                            case=Case(title="Werk")))

    def fake_confirm(parent, title, text):
        answers.append((title, text))
        return confirm

    window = MainWindow(ctx, confirm=fake_confirm)
    qtbot.addWidget(window)
    window.show()
    return window, ctx, group, old, recent


def test_at_the_start_the_past_session_is_listed_and_removed_after_confirming(qtbot, tmp_path):
    answers = []
    window, ctx, _group, old, recent = _window(qtbot, tmp_path, dt.date(2026, 2, 1), answers)
    dialog = window.open_retention(only_when_due=True)
    assert dialog is not None and dialog.isVisible()
    assert dialog.due_count() == 1
    assert [dialog.table.item(0, c).text() for c in range(4)] == [
        "10-01-2025", "Schulden", "Werkplaats Noord", "10-01-2026"]
    dialog.resize(1000, 560)
    dialog.grab().save("/tmp/store-retention.png")
    dialog.purge_button.click()
    [(title, text)] = answers
    assert title == "Persoonsgegevens verwijderen" and "1 bijeenkomst" in text
    assert dialog.due_count() == 0 and dialog.empty.isVisibleTo(dialog)
    assert ctx.store.get_session(old.id).case.client_real_name == ""
    assert ctx.store.list_captures(old.id) == []
    assert ctx.store.get_session(recent.id).case.title == "Werk"


def test_declining_keeps_everything(qtbot, tmp_path):
    answers = []
    window, ctx, _g, old, _r = _window(qtbot, tmp_path, dt.date(2026, 2, 1), answers,
                                       confirm=False)
    dialog = window.open_retention()
    dialog.purge_button.click()
    assert answers and dialog.due_count() == 1
    assert ctx.store.get_session(old.id).case.client_real_name == "Hendrika Mulder"


def test_nothing_due_shows_nothing_at_the_start_but_the_menu_opens_it(qtbot, tmp_path):
    window, _ctx, _g, _o, _r = _window(qtbot, tmp_path, dt.date(2025, 6, 1), [])
    assert window.open_retention(only_when_due=True) is None
    dialog = window.open_retention()
    assert dialog.due_count() == 0 and not dialog.purge_button.isEnabled()


def test_keep_longer_and_a_shorter_period_of_the_group(qtbot, tmp_path):
    window, ctx, group, old, recent = _window(qtbot, tmp_path, dt.date(2026, 2, 1), [])
    dialog = window.open_retention()
    dialog.ask_keep = lambda parent, today: (dt.date(2026, 8, 1), "")
    dialog.keep_button.click()
    assert "reden" in dialog.error.text() and dialog.due_count() == 1
    dialog.ask_keep = lambda parent, today: (dt.date(2026, 8, 1), "bezwaar loopt")
    dialog.keep_button.click()
    assert dialog.due_count() == 0
    [r] = [r for r in ctx.store.retention_overview() if r.session_id == old.id]
    assert (r.keep_reason, r.keep_recorded_on) == ("bezwaar loopt", dt.date(2026, 2, 1))
    assert dialog.group_box.currentText() == "Werkplaats Noord"
    assert dialog.months.value() == 12
    dialog.months.setValue(2)  # the recent session (1-11-2025) was kept until 1-1-2026
    assert ctx.store.retention_months(group.id) == 2
    assert dialog.due_count() == 1
    assert dialog.table.item(0, 1).text() == "Werk"


def test_with_nothing_due_the_dialog_says_so_at_the_top(qtbot, tmp_path):
    """From the menu with nothing past its date: no 'Van deze bijeenkomsten ...' over an
    empty list, and the message at the top, not halfway down an empty dialog."""
    window, _ctx, _group, _old, _recent = _window(qtbot, tmp_path, dt.date(2025, 3, 1), [])
    dialog = window.open_retention()
    assert dialog is not None and dialog.due_count() == 0
    assert not dialog.intro.isVisible()
    assert dialog.empty.isVisible()
    assert dialog.empty.text() == "Geen bijeenkomsten over hun bewaartermijn."
    dialog.resize(820, 480)
    qtbot.wait(10)
    assert dialog.empty.geometry().top() < 60


def test_a_usual_group_name_fits_its_column(qtbot, tmp_path):
    window, ctx, group, _old, _recent = _window(qtbot, tmp_path, dt.date(2026, 2, 1), [])
    group.name = "Intervisiegroep Werk en Zorg"
    ctx.store.save_group(group)
    dialog = window.open_retention()
    item = dialog.table.item(0, 2)
    assert item.text() == "Intervisiegroep Werk en Zorg"
    needed = dialog.table.fontMetrics().horizontalAdvance(item.text()) + 12  # cell padding
    assert needed <= dialog.table.columnWidth(2)
