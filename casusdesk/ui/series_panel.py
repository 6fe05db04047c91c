"""Open agreements and parked issues of the group's earlier sessions: mark each done or
carry it over with a note. Used on the session page and in the console."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout,
    QWidget,
)

from casusdesk.domain.errors import CasusdeskError
from casusdesk.services import series
from casusdesk.storage.repositories import Store
from casusdesk.ui.widgets import ErrorLabel

MARKS = {series.DONE: "✓", series.CARRIED: "→", "": "•"}


def item_text(item: series.OpenItem) -> str:
    owner = f" ({item.owner})" if item.owner else ""
    status = f" · {series.STATUS_LABELS[item.status]}" if item.status else ""
    note = f": {item.note}" if item.note else ""
    return (f"{MARKS.get(item.status, '•')} {item.label}: {item.text}{owner} · "
            f"{item.origin.date:%d-%m-%Y}{status}{note}")


class SeriesPanel(QWidget):
    """The list of what is still open from earlier sessions, with the review buttons.

    Hidden when nothing is open. Signals ``changed`` after a review was stored.
    """

    changed = Signal()

    def __init__(self, store: Store, parent=None, *, compact: bool = False) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.store = store
        self.session_id: int | None = None
        self.items: list[series.OpenItem] = []
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.list = QListWidget()
        self.list.setObjectName("seriesList")
        self.list.setAccessibleName("Open van eerdere bijeenkomsten")
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(90 if compact else 110)
        self.list.setMaximumHeight(120 if compact else 160)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.note = QLineEdit()
        self.note.setPlaceholderText("Toelichting, bijvoorbeeld de nieuwe datum")
        self.note.setAccessibleName("Toelichting")
        self.done_button = QPushButton("✓ Gedaan")
        self.done_button.setToolTip("Deze afspraak is uitgevoerd, of dit issue is besproken")
        self.carry_button = QPushButton("→ Meenemen")
        self.carry_button.setToolTip("Blijft open voor de volgende bijeenkomst, met de toelichting")
        self.undo_button = QPushButton("Terugzetten")
        self.undo_button.setToolTip("Nog niet besproken")
        for b in (self.done_button, self.carry_button, self.undo_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.error = ErrorLabel()
        buttons = QHBoxLayout()
        if not compact:
            buttons.addWidget(self.note, 1)
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.carry_button)
        buttons.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        if compact:  # a narrow column: the note gets a line of its own
            layout.addWidget(self.note)
            buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.done_button.clicked.connect(lambda: self.mark(series.DONE))
        self.carry_button.clicked.connect(lambda: self.mark(series.CARRIED))
        self.undo_button.clicked.connect(lambda: self.mark(""))
        self.note.returnPressed.connect(lambda: self.mark(series.CARRIED))
        self.list.currentRowChanged.connect(self._selected)

    def load(self, session_id: int) -> None:
        self.session_id = session_id
        row = self.list.currentRow()
        try:
            self.items = series.open_items(self.store, session_id)
        except CasusdeskError as exc:
            self.items = []
            self.error.show_message(str(exc))
        self.list.clear()
        for item in self.items:
            entry = QListWidgetItem(item_text(item))
            history = "\n".join(f"{day:%d-%m-%Y} meegenomen{': ' + note if note else ''}"
                                for day, note in item.history)
            entry.setToolTip(history or "Nog niet eerder besproken")
            self.list.addItem(entry)
        open_count = sum(1 for i in self.items if i.status != series.DONE)
        self.title.setText(f"Open van eerdere bijeenkomsten ({open_count})")
        if self.items:
            self.list.setCurrentRow(min(max(row, 0), len(self.items) - 1))
        self.setVisible(bool(self.items))

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def select(self, row: int) -> None:
        self.list.setCurrentRow(row)

    def _selected(self, row: int) -> None:
        if 0 <= row < len(self.items):
            self.note.setText(self.items[row].note)

    def mark(self, status: str) -> None:
        """Store the review of the selected item (with the note) and show the list again."""
        row = self.list.currentRow()
        if self.session_id is None or not 0 <= row < len(self.items):
            self.error.show_message("Kies eerst een afspraak of issue in de lijst.")
            return
        try:
            series.review(self.store, self.session_id, self.items[row].capture.id or 0,
                          status, self.note.text())
        except CasusdeskError as exc:
            self.error.show_message(str(exc))
            return
        self.error.show_message("")
        self.load(self.session_id)
        self.changed.emit()
