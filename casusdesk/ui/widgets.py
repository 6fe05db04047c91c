"""Small reusable widgets and helpers."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox, QLabel, QLineEdit, QPlainTextEdit, QStyledItemDelegate, QWidget,
)


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box editor in a table cell, with a fixed or open list of choices."""

    def __init__(self, choices: Sequence[str], *, editable: bool, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.choices = list(choices)
        self.editable = editable

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: ANN001
        box = QComboBox(parent)
        box.setEditable(self.editable)
        box.addItems(self.choices)
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        assert isinstance(editor, QComboBox)
        pos = editor.findText(value)
        if pos >= 0:
            editor.setCurrentIndex(pos)
        elif self.editable:
            editor.setEditText(value)

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: ANN001
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class ErrorLabel(QLabel):
    """An inline message under a field; empty when all is well."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorLabel")
        self.setWordWrap(True)
        self.setVisible(False)

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def autosave_line(edit: QLineEdit, save: Callable[[str], None]) -> None:
    """Save a line edit as the user types."""
    edit.textEdited.connect(save)


def autosave_text(edit: QPlainTextEdit, save: Callable[[str], None]) -> None:
    """Save a multi-line field as the user types (programmatic changes are not saved)."""
    def on_change() -> None:
        if not edit.property("loading"):
            save(edit.toPlainText())
    edit.textChanged.connect(on_change)


def set_plain_text(edit: QPlainTextEdit, text: str) -> None:
    """Fill a field without triggering its autosave."""
    edit.setProperty("loading", True)
    edit.setPlainText(text)
    edit.setProperty("loading", False)
