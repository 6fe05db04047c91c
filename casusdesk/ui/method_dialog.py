"""Adjust the method for one session: durations, order, phases; save as own method."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
    QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from casusdesk.domain import method as m
from casusdesk.domain.errors import CasusdeskError
from casusdesk.domain.method import Method
from casusdesk.services.live import method_for_session, set_method_for_session
from casusdesk.services.method_catalog import save_custom_method
from casusdesk.storage.repositories import Store
from casusdesk.ui.widgets import ErrorLabel, fit_to_screen

#: asks for the name of the own method; returns None when cancelled. Tests replace it.
AskName = Callable[[QWidget, str], str | None]


def ask_name(parent: QWidget, suggestion: str) -> str | None:
    name, ok = QInputDialog.getText(parent, "Opslaan als eigen werkvorm",
                                    "Naam van je eigen werkvorm:", text=suggestion)
    return name if ok else None


class _Change(QUndoCommand):
    """Swap the whole (immutable) method: undo puts the previous one back."""

    def __init__(self, dialog: MethodDialog, before: Method, after: Method, text: str) -> None:
        super().__init__(text)
        self.dialog, self.before, self.after = dialog, before, after

    def redo(self) -> None:
        self.dialog.apply(self.after)

    def undo(self) -> None:
        self.dialog.apply(self.before)


class MethodDialog(QDialog):
    """Phases of the session's method in a table; each edit is saved at once."""

    def __init__(self, store: Store, session_id: int, methods: Mapping[str, Method],
                 data_dir: Path, parent: QWidget | None = None, *,
                 ask: AskName = ask_name) -> None:
        super().__init__(parent)
        self.setWindowTitle("Werkvorm aanpassen voor deze bijeenkomst")
        fit_to_screen(self, 760, 520)
        self.store, self.session_id, self.methods = store, session_id, methods
        self.data_dir, self.ask = data_dir, ask
        method = method_for_session(store, session_id, methods)
        if method is None:
            raise CasusdeskError("Kies eerst een werkvorm bij de gegevens van de bijeenkomst.")
        self.method: Method = method
        self.saved_as: Method | None = None
        self.undo = QUndoStack(self)
        self._filling = False

        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Fase", "Minuten"])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)
        self.total = QLabel()
        self.error = ErrorLabel()
        self.up_button = QPushButton("▲ Omhoog")
        self.down_button = QPushButton("▼ Omlaag")
        self.add_button = QPushButton("Fase toevoegen")
        self.remove_button = QPushButton("Fase verwijderen")
        self.save_button = QPushButton("Opslaan als eigen werkvorm…")
        hint = QLabel("Dubbelklik op een titel of op de minuten om ze te wijzigen. Alles wordt "
                      "meteen bewaard voor deze bijeenkomst; Ctrl+Z maakt ongedaan.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        for b in (self.up_button, self.down_button, self.add_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Sluiten")
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addWidget(close)

        self.table.itemChanged.connect(self._on_item_changed)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.save_button.clicked.connect(self._save_as)
        undo = self.undo.createUndoAction(self, "Ongedaan maken")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo.createRedoAction(self, "Opnieuw")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addAction(undo)
        self.addAction(redo)
        self._fill()

    # -- rendering ------------------------------------------------------------------
    def _fill(self, select: int | None = None) -> None:
        self._filling = True
        self.title.setText(self.method.name)
        self.table.setRowCount(len(self.method.phases))
        for i, phase in enumerate(self.method.phases):
            self.table.setItem(i, 0, QTableWidgetItem(phase.title))
            minutes = QTableWidgetItem(f"{phase.minutes:g}")
            minutes.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(i, 1, minutes)
        self.total.setText(f"Totaal: {round(self.method.total_minutes)} min")
        self._filling = False
        if select is not None:
            self.table.selectRow(select)

    def apply(self, method: Method) -> None:
        """Show and store ``method`` (used by the undo commands)."""
        row = self.table.currentRow()
        try:
            set_method_for_session(self.store, self.session_id, method)
        except CasusdeskError as exc:
            self.error.show_message(str(exc))
            self._fill(row)
            return
        self.error.show_message("")
        self.method = method
        self._fill(min(max(row, 0), len(method.phases) - 1))

    def _push(self, after: Method, text: str) -> None:
        self.undo.push(_Change(self, self.method, after, text))

    def _try(self, make: Callable[[], Method], text: str) -> None:
        try:
            after = make()
        except CasusdeskError as exc:
            self.error.show_message(str(exc))
            self._fill(self.table.currentRow())
            return
        self._push(after, text)

    # -- slots ----------------------------------------------------------------------
    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        row, text = item.row(), item.text().strip()
        if item.column() == 1:
            def make() -> Method:
                try:
                    minutes = float(text.replace(",", "."))
                except ValueError:
                    raise CasusdeskError(f"'{text}' is geen aantal minuten.") from None
                return m.set_duration(self.method, row, minutes)
            self._try(make, "duur wijzigen")
        else:
            self._try(lambda: m.update_phase(self.method, row, title=text), "titel wijzigen")

    def _move(self, delta: int) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self._try(lambda: m.move_phase(self.method, row, delta), "fase verplaatsen")
        self.table.selectRow(min(max(row + delta, 0), len(self.method.phases) - 1))

    def _add(self) -> None:
        row = self.table.currentRow()
        index = row + 1 if row >= 0 else None
        self._try(lambda: m.add_phase(self.method, m.new_phase("Nieuwe fase", 10), index),
                  "fase toevoegen")

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self._try(lambda: m.remove_phase(self.method, row), "fase verwijderen")

    def _save_as(self) -> None:
        name = self.ask(self, f"{self.method.name} (eigen)")
        if not name:
            return
        try:
            custom = m.as_custom(self.method, name, set(self.methods))
            save_custom_method(custom, self.data_dir)
            set_method_for_session(self.store, self.session_id, custom)
        except CasusdeskError as exc:
            self.error.show_message(str(exc))
            return
        self.method = self.saved_as = custom
        self.undo.clear()
        self._fill()
        self.error.show_message(f"Opgeslagen als '{custom.name}'; te kiezen bij elke bijeenkomst.")
