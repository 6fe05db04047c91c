"""The backup menu items (issue 12): export the chosen group, read it into another
data folder, and a second time only as a copy after asking."""

from __future__ import annotations

from casusdesk.app import open_context
from casusdesk.services.demo import create_demo
from casusdesk.ui.main_window import MainWindow

PASS = "wachtwoord voor de overdracht"


def _window(qtbot, folder, answers, *, confirm=True):
    ctx = open_context(folder)

    def fake_confirm(parent, title, text):
        answers.append((title, text))
        return confirm

    window = MainWindow(ctx, confirm=fake_confirm)
    qtbot.addWidget(window)
    window.warnings = []
    window._warn = lambda title, text: window.warnings.append((title, text))
    window._ask_passphrase = lambda twice: PASS
    return window


def test_export_then_import_in_another_folder_and_again_as_a_copy(qtbot, tmp_path):
    source = _window(qtbot, tmp_path / "bron", [])
    create_demo(source.ctx.store, source.ctx.roster)
    source.reload_groups()
    out = tmp_path / "overdracht.casusdesk"
    asked = []
    source._ask_path = lambda save, suggested="": asked.append(suggested) or out
    assert source.export_backup() == out and out.exists()
    assert asked == ["Intervisiegroep Werk en Zorg.casusdesk"]
    assert "Back-up opgeslagen" in source.statusBar().currentMessage()

    answers = []
    target = _window(qtbot, tmp_path / "doel", answers, confirm=False)
    target._ask_path = lambda save, suggested="": out
    group = target.import_backup()
    assert group.name == "Intervisiegroep Werk en Zorg" and answers == []
    assert target.current_group_id() == group.id
    assert target.import_backup() is None  # there already: asked, and declined
    [(title, text)] = answers
    assert title == "Groep staat er al" and "kopie" in text
    target.confirm = lambda *a: True
    copy = target.import_backup()
    assert copy.name == "Intervisiegroep Werk en Zorg (kopie)"
    assert [g.name for g in target.ctx.store.list_groups()] == [
        "Intervisiegroep Werk en Zorg", "Intervisiegroep Werk en Zorg (kopie)"]


def test_a_wrong_passphrase_gives_a_message_and_reads_nothing_in(qtbot, tmp_path):
    source = _window(qtbot, tmp_path / "bron", [])
    create_demo(source.ctx.store, source.ctx.roster)
    source.reload_groups()
    out = tmp_path / "overdracht.casusdesk"
    source._ask_path = lambda save, suggested="": out
    source.export_backup()
    target = _window(qtbot, tmp_path / "doel", [])
    target._ask_path = lambda save, suggested="": out
    target._ask_passphrase = lambda twice: "niet het goede"
    assert target.import_backup() is None
    [(title, text)] = target.warnings
    assert title == "Back-up niet ingelezen" and "wachtwoord klopt niet" in text
    assert target.ctx.store.list_groups() == []


def test_the_passphrase_dialog_wants_it_twice_and_long_enough(qtbot):
    from casusdesk.ui.backup_dialog import PassphraseDialog

    dialog = PassphraseDialog(twice=True)
    qtbot.addWidget(dialog)
    dialog.first.setText("kort")
    dialog._check()
    assert "Minstens 8" in dialog.error.text() and dialog.result() == 0
    dialog.first.setText(PASS)
    dialog.second.setText(PASS + "x")
    dialog._check()
    assert "niet gelijk" in dialog.error.text()
    dialog.second.setText(PASS)
    dialog.show()
    dialog.resize(480, 200)
    dialog.grab().save("/tmp/store-passphrase.png")
    dialog._check()
    assert dialog.result() == 1
