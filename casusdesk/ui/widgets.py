"""Small reusable widgets and helpers."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractSpinBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QStyledItemDelegate, QWidget,
)


def thousands(n: int) -> str:
    """12345 -> '12.345' (Dutch digit grouping)."""
    return f"{n:,}".replace(",", ".")


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
        if self.editable and editor.lineEdit() is not None:
            # typing (or Tab into the cell) replaces the text, as in a plain cell
            editor.lineEdit().selectAll()

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: ANN001
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize a window to ``width`` x ``height``, but never beyond the screen's available
    area (1366x768 minus a taskbar is about 1366x720): buttons at the bottom stay visible."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        width, height = min(width, area.width()), min(height, area.height())
    window.resize(width, height)


class _WheelGuard(QObject):
    """Hands a wheel turn over a choice or number field to the form behind it unless
    the field has the keyboard focus: scrolling down a form never changes a value."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget) \
                and not watched.hasFocus():
            parent = watched.parentWidget()
            if parent is not None:
                QCoreApplication.sendEvent(parent, event)  # the scroll area scrolls
            return True
        return False


_WHEEL_GUARD: list[_WheelGuard] = []  # made on first use (after the application)


def guard_wheel(*widgets: QWidget) -> None:
    """Make combo boxes, date and number fields ignore the mouse wheel unless focused.

    Pass the fields themselves or a form, page or dialog: every QComboBox and spin box
    (QDateEdit, QSpinBox ...) in it is guarded. A click or Tab still gives the field the
    focus (then the wheel works as usual); a wheel turn alone never does.
    """
    for widget in widgets:
        targets = [widget] if isinstance(widget, (QComboBox, QAbstractSpinBox)) else []
        targets += widget.findChildren(QComboBox) + widget.findChildren(QAbstractSpinBox)
        for target in targets:
            if target.property("wheelGuarded"):
                continue
            target.setProperty("wheelGuarded", True)
            target.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            if not _WHEEL_GUARD:
                _WHEEL_GUARD.append(_WheelGuard())
            target.installEventFilter(_WHEEL_GUARD[0])


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


def limit_line(edit: QLineEdit, limit: int, label: str, report: Callable[[str], None]) -> None:
    """Cap a one-line field at ``limit`` characters and say so when input was cut off."""
    edit.setMaxLength(limit)

    def rejected() -> None:
        if len(edit.text()) >= limit:
            report(f"'{label}' mag hoogstens {thousands(limit)} tekens hebben; "
                   "wat daarna kwam is niet opgenomen.")
    edit.inputRejected.connect(rejected)


class LimitedPlainTextEdit(QPlainTextEdit):
    """A multi-line field that refuses a paste or drop that would make it too long.

    A megabyte pasted into one line would take the window minutes to lay out and
    store; the facilitator gets a message instead and the field stays as it was.

    Signals:
        refused(message): an insertion was refused; the message says why, in Dutch.
    """

    refused = Signal(str)

    def __init__(self, limit: int, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self.what = what

    def room(self) -> int:
        """How many characters still fit (the selection would be replaced)."""
        cursor = self.textCursor()
        selected = cursor.selectionEnd() - cursor.selectionStart()
        return self.limit - (self.document().characterCount() - 1 - selected)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt override)
        if source.hasText():
            size = len(source.text())
            if size > self.room():
                self.refused.emit(
                    f"Niet geplakt: de tekst is {thousands(size)} tekens lang en {self.what} "
                    f"mag hoogstens {thousands(self.limit)} tekens hebben. Plak een kortere "
                    "tekst of zet het stuk in een eigen bestand.")
                return
        super().insertFromMimeData(source)


class ChangeOnly:
    """Sets a widget's text or style sheet only when it differs from what it shows.

    Used on every timer tick: a label that does not change is not touched, so a
    long meeting does no widget work for it (and no work in the Qt bindings).
    """

    def __init__(self) -> None:
        self._texts: dict[int, str] = {}
        self._styles: dict[int, str] = {}

    def text(self, widget: QLabel | QWidget, text: str) -> bool:
        key = id(widget)
        if self._texts.get(key) == text:
            return False
        self._texts[key] = text
        widget.setText(text)  # type: ignore[attr-defined]
        return True

    def style(self, widget: QWidget, sheet: str) -> bool:
        key = id(widget)
        if self._styles.get(key) == sheet:
            return False
        self._styles[key] = sheet
        widget.setStyleSheet(sheet)
        return True
