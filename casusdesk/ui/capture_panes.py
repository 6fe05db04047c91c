"""Capture panes of the facilitator console: one small form and a list per kind."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QCompleter, QFormLayout, QGridLayout, QHBoxLayout,
    QLabel, QLineEdit, QListView, QPushButton, QVBoxLayout, QWidget,
)

from casusdesk.domain.analysis import MOMENT_KINDS, RELATIONAL_TAGS
from casusdesk.domain.errors import CasusdeskError, ValidationError
from casusdesk.domain.model import Capture
from casusdesk.services.live import (
    MAX_CAPTURE_TEXT, MAX_NOTE_TEXT, LiveSession, describe_capture, parse_due_date,
)
from casusdesk.ui.widgets import (
    ErrorLabel, LimitedPlainTextEdit, guard_wheel, limit_line, set_plain_text,
)


@dataclass(frozen=True)
class FieldSpec:
    """One input of a capture form.

    kind: "text" (required first field), "code" (one participant code), "codes"
    (several, comma separated), "date" (dd-mm-jjjj), "choice" (editable list; empty
    until chosen unless required), "fixed" (one of ``values``, shown as ``choices``),
    "multi" (several of ``choices`` or own ones, separated by ";", with completion),
    "tags" (check boxes: ``values`` stored, ``choices`` shown).
    """

    key: str
    label: str
    kind: str = "text"
    choices: tuple[str, ...] = ()
    required: bool = False
    placeholder: str = ""
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class PaneSpec:
    kind: str
    title: str
    fields: tuple[FieldSpec, ...]
    toggle: tuple[str, str] | None = None  # (data key, button text)
    extra_kinds: tuple[str, ...] = field(default_factory=tuple)


#: characters of a capture shown in its list row (the rest is in the tooltip)
SHOWN_CHARS = 400
TOOLTIP_CHARS = 4000
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole


def _shown(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + " …"


class CaptureListModel(QStringListModel):
    """The captures of one pane as the list shows them: an id and one line of text per row.

    A list model (QStringListModel is Qt's QAbstractListModel over a list of strings,
    kept in C++, so laying out 2,000 rows calls no Python per row). Beside each row's
    shown text it keeps the capture's id and full text, in the order the store lists
    them (session time, then id). Rows are inserted, changed and removed one at a time
    (the base class does beginInsertRows/endInsertRows and so on); the list is never
    rebuilt per add. No Python capture objects go into the model's data.
    """

    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._keys: list[tuple[float, int]] = []  # (session seconds, id), sorted
        self._texts: list[str] = []

    def data(self, index: QModelIndex, role: int = _DISPLAY) -> Any:
        if role == _TOOLTIP:
            text = self._texts[index.row()]
            return text if len(text) <= TOOLTIP_CHARS else text[:TOOLTIP_CHARS] + " …"
        if role == self.IdRole:
            return self._keys[index.row()][1]
        return super().data(index, role)

    # -- changes --------------------------------------------------------------------
    def reset(self, rows: Sequence[tuple[float, int, str]]) -> None:
        ordered = sorted(rows)
        self._keys = [(seconds, capture_id) for seconds, capture_id, _text in ordered]
        self._texts = [text for _s, _i, text in ordered]
        self.setStringList([_shown(t) for t in self._texts])

    def insert(self, seconds: float, capture_id: int, text: str) -> int:
        """Add one row in its place; returns the row."""
        key = (seconds, capture_id)
        row = bisect.bisect(self._keys, key)
        self._keys.insert(row, key)
        self._texts.insert(row, text)
        self.insertRows(row, 1)
        self.setData(self.index(row), _shown(text))
        return row

    def remove(self, capture_id: int) -> None:
        row = self.row_of(capture_id)
        if row is None:
            return
        del self._keys[row]
        del self._texts[row]
        self.removeRows(row, 1)

    def set_text(self, capture_id: int, text: str) -> None:
        row = self.row_of(capture_id)
        if row is None or self._texts[row] == text:
            return
        self._texts[row] = text
        self.setData(self.index(row), _shown(text))

    def row_of(self, capture_id: int) -> int | None:
        for row, (_seconds, cid) in enumerate(self._keys):
            if cid == capture_id:
                return row
        return None

    def id_at(self, row: int) -> int | None:
        return self._keys[row][1] if 0 <= row < len(self._keys) else None

    def texts(self) -> list[str]:
        """The full text of every row, top to bottom."""
        return list(self._texts)


class _EnterAdds(QObject):
    """Enter (or Return) in a combo box's line edit runs ``add`` once and goes no further."""

    def __init__(self, add: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._add = add

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802 (Qt override)
        if event.type() == QEvent.Type.KeyPress and event.key() in (
                Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & ~(
                Qt.KeyboardModifier.KeypadModifier):
            self._add()
            return True
        return False


class CapturePane(QWidget):
    """Add, list, toggle and delete captures of one kind. Stored on every action.

    Signals:
        changed(kind): a capture of ``kind`` was added, changed or deleted.
    """

    changed = Signal(str)

    def __init__(self, spec: PaneSpec, codes: Callable[[], Sequence[str]], parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.spec = spec
        self.codes = codes
        self.live: LiveSession | None = None
        self.stamp: tuple[int, float] | None = None
        self.inputs: dict[str, QWidget] = {}
        #: undo steps: ("deleted", capture) or ("edited", capture id, data before)
        self._undo: list[tuple] = []
        #: the captures listed, by id (kept here, not in the list's item data)
        self._captures: dict[int, Capture] = {}

        form = QFormLayout()
        for f in spec.fields:
            widget: QWidget
            if f.kind in ("code", "choice", "fixed"):
                box = QComboBox()
                box.setEditable(f.kind != "fixed")
                box.setSizeAdjustPolicy(
                    QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                box.setMinimumContentsLength(12)
                box.addItems(list(f.choices))
                if f.kind == "choice" and not f.required:
                    # no default: an untouched box means "not chosen" (issue 10)
                    box.setCurrentIndex(-1)
                    box.setEditText("")
                    box.lineEdit().setPlaceholderText(f.placeholder or "(niet gekozen)")
                if box.isEditable():
                    # Enter adds the capture (as the button says), not a new choice to the list
                    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
                    # an event filter, not returnPressed: the combo box passes one Enter
                    # on to its line edit a second time, which would add an empty capture
                    box.lineEdit().installEventFilter(_EnterAdds(self.add, box))
                    limit_line(box.lineEdit(), MAX_CAPTURE_TEXT, f.label, self._limit_message)
                widget = box
            elif f.kind == "tags":
                widget = TagBoxes(f.values, f.choices)
            else:
                line = QLineEdit()
                line.setPlaceholderText(f.placeholder)
                line.returnPressed.connect(self.add)
                limit_line(line, MAX_CAPTURE_TEXT, f.label, self._limit_message)
                if f.kind == "multi":
                    attach_multi_completer(line, f.choices)
                widget = line
            widget.setAccessibleName(f.label)
            self.inputs[f.key] = widget
            form.addRow(f.label, widget)
        self.add_button = QPushButton("Toevoegen (Enter)")
        self.add_button.clicked.connect(self.add)
        #: the capture being edited in the form (None: the form adds a new one)
        self.editing: Capture | None = None
        self.cancel_button = QPushButton("Niet wijzigen")
        self.cancel_button.setToolTip("Het formulier leegmaken zonder de wijziging op te slaan")
        self.cancel_button.clicked.connect(self.cancel_edit)
        self.cancel_button.setVisible(False)
        self.error = ErrorLabel()
        self.model = CaptureListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        # one line per capture, all of one height: adding to a list of 2,000 then costs
        # what adding to a list of 20 does (no relayout of every row); a long capture is
        # cut off with "…" and shown whole in its tooltip
        self.list.setUniformItemSizes(True)
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAccessibleName(spec.title)
        self.edit_button = QPushButton("Wijzigen (F2)")
        self.edit_button.setToolTip("Zet de gekozen vastlegging in het formulier om hem aan te "
                                    "vullen of te verbeteren")
        self.edit_button.clicked.connect(self.edit_selected)
        for keys in ("F2", "Return"):
            edit = QShortcut(QKeySequence(keys), self.list, self.edit_selected)
            edit.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_button = QPushButton("Verwijderen")
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_button = QPushButton("Terugzetten")
        self.undo_button.setToolTip("Zet het laatst verwijderde of gewijzigde terug "
                                    "(Ctrl+Z in de lijst)")
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
            self.list.doubleClicked.connect(lambda _index: self.toggle_selected())
        else:
            self.list.doubleClicked.connect(lambda _index: self.edit_selected())
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        guard_wheel(self)

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
        """Read this pane's captures from the store (on opening, not per add)."""
        self._captures = {}
        if self.live is not None:
            for kind in (self.spec.kind, *self.spec.extra_kinds):
                for capture in self.live.captures(kind):
                    assert capture.id is not None
                    self._captures[capture.id] = capture
        self.model.reset([(c.session_seconds, cid, describe_capture(c))
                          for cid, c in self._captures.items()])

    def _listed(self, capture: Capture) -> int:
        assert capture.id is not None
        self._captures[capture.id] = capture
        return self.model.insert(capture.session_seconds, capture.id, describe_capture(capture))

    def _unlisted(self, capture_id: int) -> None:
        self._captures.pop(capture_id, None)
        self.model.remove(capture_id)

    def visible_texts(self) -> list[str]:
        """What the list shows, top to bottom (one line per capture)."""
        return [self.model.index(row).data() for row in range(self.model.rowCount())]

    def select_row(self, row: int) -> None:
        self.list.setCurrentIndex(self.model.index(row))

    def begin(self) -> None:
        """Start a capture now: remember the moment, put the cursor in the form."""
        if self.live is not None:
            self.stamp = self.live.stamp()
        first = self.inputs[self.spec.fields[0].key]
        first.setFocus()

    def _limit_message(self, text: str) -> None:
        self.error.show_message(text)

    # -- actions ------------------------------------------------------------------
    def _value(self, f: FieldSpec) -> Any:
        widget = self.inputs[f.key]
        if isinstance(widget, TagBoxes):
            return widget.values()
        if f.kind == "fixed":
            assert isinstance(widget, QComboBox)
            index = widget.currentIndex()
            return f.values[index] if 0 <= index < len(f.values) else (f.values or ("",))[0]
        text = widget.currentText() if isinstance(widget, QComboBox) else widget.text()
        text = text.strip()
        if f.required and not text:
            raise ValidationError(f"Vul '{f.label}' in.")
        if f.kind == "date":
            due = parse_due_date(text)
            return due.isoformat() if due else ""
        if f.kind == "multi":
            out: list[str] = []
            for part in text.split(";"):
                part = " ".join(part.split())
                if part and part not in out:
                    out.append(part)
            return out
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

    def _clear_form(self) -> None:
        for f in self.spec.fields:
            widget = self.inputs[f.key]
            if isinstance(widget, QLineEdit):
                widget.clear()
            elif isinstance(widget, TagBoxes):
                widget.set_values([])
            elif f.kind == "fixed":
                assert isinstance(widget, QComboBox)
                widget.setCurrentIndex(0)
            elif f.kind != "code":
                assert isinstance(widget, QComboBox)
                widget.setCurrentIndex(-1)
                widget.setEditText("")

    def _fill_form(self, data: dict) -> None:
        for f in self.spec.fields:
            widget = self.inputs[f.key]
            value = data.get(f.key)
            if isinstance(widget, TagBoxes):
                widget.set_values(value if isinstance(value, list) else [])
            elif isinstance(widget, QLineEdit):
                if f.kind == "multi":
                    widget.setText("; ".join(value) if isinstance(value, list) else str(value or ""))
                elif f.kind == "codes":
                    widget.setText(", ".join(value) if isinstance(value, list) else str(value or ""))
                elif f.kind == "date" and value:
                    try:
                        import datetime as _dt

                        widget.setText(_dt.date.fromisoformat(str(value)).strftime("%d-%m-%Y"))
                    except ValueError:
                        widget.setText(str(value))
                else:
                    widget.setText(str(value or ""))
            elif f.kind == "fixed":
                assert isinstance(widget, QComboBox)
                widget.setCurrentIndex(f.values.index(value) if value in f.values else 0)
            else:
                assert isinstance(widget, QComboBox)
                text = str(value or "")
                index = widget.findText(text) if text else -1
                widget.setCurrentIndex(index)
                widget.setEditText(text)

    def add(self) -> None:
        """Store the form: a new capture, or the changes of the one being edited."""
        if self.live is None:
            return
        editing = self.editing
        try:
            data = {f.key: self._value(f) for f in self.spec.fields}
            if editing is not None:
                before = dict(editing.data)
                capture = self.live.update_capture(editing, **data)
            else:
                capture = self.live.capture(self.spec.kind, at=self.stamp, **data)
        except CasusdeskError as exc:
            self.error.show_message(str(exc))
            return
        self.stamp = None
        self._clear_form()
        if editing is not None:
            assert capture.id is not None
            self._undo.append(("edited", capture.id, before))
            self.undo_button.setEnabled(True)
            self._end_edit()
            self.model.set_text(capture.id, describe_capture(capture))
            self.error.show_message("Gewijzigd. 'Terugzetten' (Ctrl+Z in de lijst) zet het "
                                    "terug.")
            row = self.model.row_of(capture.id)
        else:
            self.error.show_message("")
            row = self._listed(capture)
        if row is not None:
            self.list.scrollTo(self.model.index(row))
        self.inputs[self.spec.fields[0].key].setFocus()
        self.changed.emit(self.spec.kind)

    def edit_selected(self) -> None:
        """Put the selected capture in the form; Enter then stores the changes."""
        capture = self._selected()
        if capture is None or self.live is None:
            return
        self.editing = capture
        self.stamp = None
        self._fill_form(capture.data)
        self.add_button.setText("Wijziging opslaan (Enter)")
        self.cancel_button.setVisible(True)
        self.error.show_message(f"Je wijzigt: {_shown(describe_capture(capture))[:120]}")
        self.inputs[self.spec.fields[0].key].setFocus()

    def cancel_edit(self) -> None:
        if self.editing is None:
            return
        self._clear_form()
        self._end_edit()
        self.error.show_message("")

    def _end_edit(self) -> None:
        self.editing = None
        self.add_button.setText("Toevoegen (Enter)")
        self.cancel_button.setVisible(False)

    def _selected(self) -> Capture | None:
        index = self.list.currentIndex()
        if not index.isValid():
            return None
        capture_id = self.model.id_at(index.row())
        return self._captures.get(capture_id) if capture_id is not None else None

    def toggle_selected(self) -> None:
        capture = self._selected()
        if capture is None or self.live is None or not self.spec.toggle:
            return
        key = self.spec.toggle[0]
        try:
            capture = self.live.update_capture(capture, **{key: not capture.data.get(key, False)})
        except CasusdeskError as exc:
            self.error.show_message(str(exc))
            return
        assert capture.id is not None
        self.model.set_text(capture.id, describe_capture(capture))
        self.changed.emit(self.spec.kind)

    def delete_selected(self) -> None:
        capture = self._selected()
        if capture is None or self.live is None:
            return
        assert capture.id is not None
        try:
            self.live.delete_capture(capture.id)
        except CasusdeskError as exc:
            self.error.show_message(f"Niet verwijderd: {exc}")
            return
        if self.editing is not None and self.editing.id == capture.id:
            self.cancel_edit()
        self._undo.append(("deleted", capture))
        self.undo_button.setEnabled(True)
        self.error.show_message("Verwijderd. 'Terugzetten' (Ctrl+Z) zet het terug.")
        self._unlisted(capture.id)
        self.changed.emit(self.spec.kind)

    def restore_deleted(self) -> None:
        """Undo the last deletion (the capture comes back with its own phase and time)
        or the last change made in the form."""
        if not self._undo or self.live is None:
            return
        step = self._undo[-1]
        try:
            if step[0] == "deleted":
                again = self.live.restore_capture(step[1])
            else:
                _kind, capture_id, before = step
                current = self._captures.get(capture_id)
                if current is None:
                    raise CasusdeskError("deze vastlegging staat niet meer in de lijst")
                again = self.live.replace_capture_data(current, before)
        except CasusdeskError as exc:
            self.error.show_message(f"Niet teruggezet: {exc}")
            return
        self._undo.pop()
        self.undo_button.setEnabled(bool(self._undo))
        self.error.show_message("")
        if step[0] == "deleted":
            row = self._listed(again)
        else:
            assert again.id is not None
            self.model.set_text(again.id, describe_capture(again))
            row = self.model.row_of(again.id) or 0
        self.select_row(row)
        self.changed.emit(self.spec.kind)


class TagBoxes(QWidget):
    """A few check boxes in two rows: several of a fixed set (Tab and Space work)."""

    def __init__(self, values: Sequence[str], labels: Sequence[str], parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._values = tuple(values)
        self.boxes: list[QCheckBox] = []
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        columns = 3
        for i, label in enumerate(labels):
            box = QCheckBox(label)
            self.boxes.append(box)
            grid.addWidget(box, i // columns, i % columns)

    def values(self) -> list[str]:
        return [v for v, box in zip(self._values, self.boxes) if box.isChecked()]

    def set_values(self, values: Sequence[str]) -> None:
        for v, box in zip(self._values, self.boxes):
            box.setChecked(v in values)


class _LastPartCompleter(QCompleter):
    """Completes the part after the last ";" of a line edit."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 (Qt override)
        return [path.rsplit(";", 1)[-1].strip()]

    def pathFromIndex(self, index: QModelIndex) -> str:  # noqa: N802 (Qt override)
        line = self.widget()
        text = line.text() if isinstance(line, QLineEdit) else ""
        head = text.rsplit(";", 1)[0] + "; " if ";" in text else ""
        return head + str(index.data()) + "; "


def attach_multi_completer(line: QLineEdit, choices: Sequence[str]) -> None:
    """Type a few letters of a frame: the list proposes the vocabulary's ones."""
    completer = _LastPartCompleter(list(choices), line)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    line.setCompleter(completer)
    line.setToolTip("Meerdere scheiden met ';'. Een eigen frame mag ook.")


class NotesPane(QWidget):
    """Notes of the current phase, kept while typing. Never shown on the projector.

    Each edit goes to the live session, which stores it on the next tick (or when the
    cursor leaves the field) and keeps retrying when the store cannot be written; the
    text stays in the field meanwhile.
    """

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.live: LiveSession | None = None
        self.index = 0
        self.label = QLabel()
        self.label.setObjectName("hint")
        self.edit = LimitedPlainTextEdit(MAX_NOTE_TEXT, "een notitie")
        self.edit.setPlaceholderText("Aantekeningen bij deze fase (alleen voor jou; komen "
                                     "geanonimiseerd in het verslag)")
        self.edit.setAccessibleName("Notities")
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.error)
        self.edit.textChanged.connect(self._edited)
        self.edit.refused.connect(self.error.show_message)
        self.edit.installEventFilter(self)

    def show_phase(self, live: LiveSession, index: int) -> None:
        if self.live is live and self.index == index:
            return
        self.live, self.index = live, index
        self.label.setText(f"Notities bij fase {index + 1}: {live.method.phases[index].title}")
        self.error.show_message("")
        set_plain_text(self.edit, live.note_text(index))

    def _edited(self) -> None:
        if self.live is None or self.edit.property("loading"):
            return
        try:
            self.live.edit_note(self.index, self.edit.toPlainText())
        except CasusdeskError as exc:
            self.error.show_message(str(exc))
            return
        if self.error.isVisible():
            self.error.show_message("")

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802 (Qt override)
        if watched is self.edit and event.type() == QEvent.Type.FocusOut and self.live:
            self.live.save_pending(force=True)
        return False


def pane_specs(themes: Sequence[str], outcomes: Sequence[str],
               reflection: Sequence[str], frames: Sequence[str] = ()) -> list[PaneSpec]:
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
            FieldSpec("why", "Waarom"), FieldSpec("how", "Hoe"), FieldSpec("what", "Wat"),
            FieldSpec("message", "Dit wil ik je meegeven",
                      placeholder="Voor wie jouw functie speelt (komt op de rolkaart)"))),
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
            FieldSpec("description", "Waarover",
                      placeholder="mag leeg: Ctrl+I en Enter noteert alleen het moment"),
            FieldSpec("moment", "Soort moment", "fixed", tuple(MOMENT_KINDS.values()),
                      values=tuple(MOMENT_KINDS)),
            FieldSpec("theme", "Thema", "choice", tuple(themes), placeholder="(geen thema)"),
            FieldSpec("frames", "Frames", "multi", tuple(frames),
                      placeholder="typ een deel van een frame; meerdere met ;"),
            FieldSpec("tags", "Omgang", "tags", tuple(RELATIONAL_TAGS.values()),
                      values=tuple(RELATIONAL_TAGS)),
            FieldSpec("quote", "Citaat"),
            FieldSpec("outcome", "Uitkomst", "choice", ("", *outcomes)))),
    ]
