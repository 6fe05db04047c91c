"""Capture panes of the facilitator console: one small form and a list per kind."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)

from casusdesk.domain.errors import CasusdeskError, ValidationError
from casusdesk.domain.model import Capture
from casusdesk.services.live import LiveSession, describe_capture, parse_due_date
from casusdesk.ui.widgets import ErrorLabel, set_plain_text


@dataclass(frozen=True)
class FieldSpec:
    """One input of a capture form.

    kind: "text" (required first field), "code" (one participant code), "codes"
    (several, comma separated), "date" (dd-mm-jjjj), "choice" (editable list).
    """

    key: str
    label: str
    kind: str = "text"
    choices: tuple[str, ...] = ()
    required: bool = False
    placeholder: str = ""


@dataclass(frozen=True)
class PaneSpec:
    kind: str
    title: str
    fields: tuple[FieldSpec, ...]
    toggle: tuple[str, str] | None = None  # (data key, button text)
    extra_kinds: tuple[str, ...] = field(default_factory=tuple)


class CapturePane(QWidget):
    """Add, list, toggle and delete captures of one kind. Stored on every action.

    Signals:
        changed: a capture was added, changed or deleted.
    """

    changed = Signal()

    def __init__(self, spec: PaneSpec, codes: Callable[[], Sequence[str]], parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.spec = spec
        self.codes = codes
        self.live: LiveSession | None = None
        self.stamp: tuple[int, float] | None = None
        self.inputs: dict[str, QWidget] = {}
        self._deleted: list[Capture] = []

        form = QFormLayout()
        for f in spec.fields:
            widget: QWidget
            if f.kind in ("code", "choice"):
                box = QComboBox()
                box.setEditable(True)
                box.setSizeAdjustPolicy(
                    QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                box.setMinimumContentsLength(12)
                box.addItems(list(f.choices))
                widget = box
            else:
                line = QLineEdit()
                line.setPlaceholderText(f.placeholder)
                line.returnPressed.connect(self.add)
                widget = line
            widget.setAccessibleName(f.label)
            self.inputs[f.key] = widget
            form.addRow(f.label, widget)
        self.add_button = QPushButton("Toevoegen (Enter)")
        self.add_button.clicked.connect(self.add)
        self.error = ErrorLabel()
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.delete_button = QPushButton("Verwijderen")
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_button = QPushButton("Terugzetten")
        self.undo_button.setToolTip("Zet het laatst verwijderde terug (Ctrl+Z in de lijst)")
        self.undo_button.clicked.connect(self.restore_deleted)
        self.undo_button.setEnabled(False)
        undo = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self.list,
                         self.restore_deleted)
        undo.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list,
                           self.delete_selected)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        buttons = QHBoxLayout()
        if spec.toggle:
            self.toggle_button = QPushButton(spec.toggle[1])
            self.toggle_button.clicked.connect(self.toggle_selected)
            buttons.addWidget(self.toggle_button)
            self.list.itemDoubleClicked.connect(lambda _item: self.toggle_selected())
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    # -- state --------------------------------------------------------------------
    def set_live(self, live: LiveSession) -> None:
        self.live = live
        for f in self.spec.fields:
            if f.kind == "code":
                box = self.inputs[f.key]
                assert isinstance(box, QComboBox)
                box.clear()
                box.addItems(["", *self.codes()])
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        if self.live is None:
            return
        for kind in (self.spec.kind, *self.spec.extra_kinds):
            for capture in self.live.captures(kind):
                item = QListWidgetItem(describe_capture(capture))
                item.setData(Qt.ItemDataRole.UserRole, capture)
                self.list.addItem(item)

    def begin(self) -> None:
        """Start a capture now: remember the moment, put the cursor in the form."""
        if self.live is not None:
            self.stamp = self.live.stamp()
        first = self.inputs[self.spec.fields[0].key]
        first.setFocus()

    # -- actions ------------------------------------------------------------------
    def _value(self, f: FieldSpec) -> Any:
        widget = self.inputs[f.key]
        text = widget.currentText() if isinstance(widget, QComboBox) else widget.text()
        text = text.strip()
        if f.required and not text:
            raise ValidationError(f"Vul '{f.label}' in.")
        if f.kind == "date":
            due = parse_due_date(text)
            return due.isoformat() if due else ""
        if f.kind == "codes":
            codes = [c.strip().upper() for c in text.replace(";", ",").split(",") if c.strip()]
            unknown = [c for c in codes if c not in self.codes()]
            if unknown:
                raise ValidationError(f"Onbekende code(s): {', '.join(unknown)}. "
                                      f"Aanwezig: {', '.join(self.codes())}.")
            return codes
        if f.kind == "code" and text and text.upper() not in self.codes():
            raise ValidationError(f"Onbekende code '{text}'.")
        return text.upper() if f.kind == "code" else text

    def add(self) -> None:
        if self.live is None:
            return
        try:
            data = {f.key: self._value(f) for f in self.spec.fields}
            self.live.capture(self.spec.kind, at=self.stamp, **data)
        except CasusdeskError as exc:
            self.error.show_message(str(exc))
            return
        self.error.show_message("")
        self.stamp = None
        for f in self.spec.fields:
            widget = self.inputs[f.key]
            if isinstance(widget, QLineEdit):
                widget.clear()
            elif f.kind != "code":
                assert isinstance(widget, QComboBox)
                widget.setCurrentIndex(-1)
                widget.setEditText("")
        self.reload()
        self.list.scrollToBottom()
        self.inputs[self.spec.fields[0].key].setFocus()
        self.changed.emit()

    def _selected(self):  # noqa: ANN202
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def toggle_selected(self) -> None:
        capture = self._selected()
        if capture is None or self.live is None or not self.spec.toggle:
            return
        key = self.spec.toggle[0]
        self.live.update_capture(capture, **{key: not capture.data.get(key, False)})
        row = self.list.currentRow()
        self.reload()
        self.list.setCurrentRow(row)
        self.changed.emit()

    def delete_selected(self) -> None:
        capture = self._selected()
        if capture is None or self.live is None:
            return
        self.live.delete_capture(capture.id)
        self._deleted.append(capture)
        self.undo_button.setEnabled(True)
        self.error.show_message("Verwijderd. 'Terugzetten' (Ctrl+Z) zet het terug.")
        self.reload()
        self.changed.emit()

    def restore_deleted(self) -> None:
        """Put the last deleted capture back, with its own phase and time."""
        if not self._deleted or self.live is None:
            return
        capture = self._deleted.pop()
        self.live.restore_capture(capture)
        self.undo_button.setEnabled(bool(self._deleted))
        self.error.show_message("")
        self.reload()
        self.changed.emit()


class NotesPane(QWidget):
    """Notes of the current phase, stored while typing. Never shown on the projector."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.live: LiveSession | None = None
        self.index = 0
        self.label = QLabel()
        self.label.setObjectName("hint")
        self.edit = QPlainTextEdit()
        self.edit.setPlaceholderText("Aantekeningen bij deze fase (alleen voor jou; komen "
                                     "geanonimiseerd in het verslag)")
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.edit, 1)
        self.edit.textChanged.connect(self._save)

    def show_phase(self, live: LiveSession, index: int) -> None:
        self.live, self.index = live, index
        note = live.note_for_phase(index)
        self.label.setText(f"Notities bij fase {index + 1}: {live.method.phases[index].title}")
        set_plain_text(self.edit, note.data.get("text", "") if note else "")

    def _save(self) -> None:
        if self.live is not None and not self.edit.property("loading"):
            self.live.set_note(self.index, self.edit.toPlainText())


def pane_specs(themes: Sequence[str], outcomes: Sequence[str],
               reflection: Sequence[str]) -> list[PaneSpec]:
    """The capture panes, in tab order."""
    return [
        PaneSpec("question", "Vragen", (FieldSpec("text", "Vraag", required=True),),
                 toggle=("starred", "★ Hielp de inbrenger")),
        PaneSpec("tip", "Tips", (FieldSpec("text", "Tip of advies", required=True),)),
        PaneSpec("fact", "Feiten", (FieldSpec("text", "Feit", required=True,
                                              placeholder="Wat weten we zeker?"),)),
        PaneSpec("criterion", "Criteria", (FieldSpec("text", "Criterium", required=True,
                                                     placeholder="Waaraan wegen we de situatie?"),)),
        PaneSpec("golden_circle", "Golden Circle", (
            FieldSpec("code", "Code", "code", required=True),
            FieldSpec("why", "Waarom"), FieldSpec("how", "Hoe"), FieldSpec("what", "Wat"))),
        PaneSpec("agreement", "Afspraken", (
            FieldSpec("action", "Actie", required=True),
            FieldSpec("owner", "Wie (code)", "code"),
            FieldSpec("due", "Vóór", "date", placeholder="dd-mm-jjjj")),
            toggle=("done", "✓ Gedaan")),
        PaneSpec("reflection", "Reflectie", (
            FieldSpec("question", "Vraag", "choice", tuple(reflection), required=True),
            FieldSpec("answer", "Antwoord", required=True))),
        PaneSpec("issue_moment", "Issue-momenten", (
            FieldSpec("codes", "Wie botsten (codes)", "codes", placeholder="bijv. KM_1, SW_1"),
            FieldSpec("description", "Waarover", required=True),
            FieldSpec("theme", "Thema", "choice", tuple(themes)),
            FieldSpec("quote", "Citaat"),
            FieldSpec("outcome", "Uitkomst", "choice", ("", *outcomes)))),
    ]
