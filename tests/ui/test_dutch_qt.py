"""Qt's own dialogs speak Dutch (issue 14, the laptop screen)."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QApplication, QDialogButtonBox, QFileDialog, QLabel, QMessageBox,
)

from casusdesk.ui.main_window import install_dutch


def test_yes_no_and_the_file_dialog_are_dutch(qtbot):
    app = QApplication.instance()
    before = QLocale()
    translators = install_dutch(app)
    try:
        assert translators, "qtbase_nl.qm was not found next to Qt"
        box = QMessageBox(QMessageBox.Icon.Question, "Vraag", "Doorgaan?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        qtbot.addWidget(box)
        texts = {box.button(b).text().replace("&", "")
                 for b in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No)}
        assert texts == {"Ja", "Nee"}
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(buttons)
        assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text().replace(
            "&", "") == "Annuleren"
        dialog = QFileDialog(None, "Opslaan")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        shown = " ".join(label.text().replace("&", "")
                         for label in dialog.findChildren(QLabel))
        assert "Bestandsnaam" in shown, shown
    finally:
        for translator in translators:
            app.removeTranslator(translator)
        QLocale.setDefault(before)
