"""Asking for a backup's file name and passphrase (the work is in services.backup)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel, QLineEdit, QWidget,
)

from casusdesk.services.backup import MIN_PASSPHRASE, SUFFIX


class PassphraseDialog(QDialog):
    """The passphrase, twice when a backup is made (a typo would lock the file for ever)."""

    def __init__(self, parent: QWidget | None = None, *, twice: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle("Wachtwoord van de back-up")
        self.twice = twice
        hint = QLabel(f"Kies een wachtwoord van minstens {MIN_PASSPHRASE} tekens en geef het "
                      "apart door (niet in dezelfde e-mail). Zonder wachtwoord is de back-up "
                      "niet te openen, ook niet door casusdesk." if twice else
                      "Het wachtwoord waarmee de back-up is gemaakt.")
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("errorLabel")
        form = QFormLayout(self)
        form.addRow(hint)
        form.addRow("Wachtwoord", self.first)
        if twice:
            form.addRow("Nog een keer", self.second)
        form.addRow(self.error)
        buttons = QDialogButtonBox()
        buttons.addButton("OK", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _check(self) -> None:
        if self.twice and len(self.first.text()) < MIN_PASSPHRASE:
            self.error.setText(f"Minstens {MIN_PASSPHRASE} tekens.")
        elif self.twice and self.first.text() != self.second.text():
            self.error.setText("De twee wachtwoorden zijn niet gelijk.")
        else:
            self.accept()


def ask_passphrase(parent: QWidget, *, twice: bool) -> str | None:
    dialog = PassphraseDialog(parent, twice=twice)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.first.text()


def ask_path(parent: QWidget, *, save: bool, suggested: str = "") -> Path | None:
    pattern = f"casusdesk-back-up (*{SUFFIX})"
    if save:
        name, _ = QFileDialog.getSaveFileName(parent, "Back-up opslaan als", suggested, pattern)
        if name and not name.lower().endswith(SUFFIX):
            name += SUFFIX
    else:
        name, _ = QFileDialog.getOpenFileName(parent, "Back-up inlezen", "", pattern)
    return Path(name) if name else None
