"""The group screen: name, description, participants and sessions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QMessageBox, QPlainTextEdit, QPushButton, QTableView, QVBoxLayout,
    QWidget,
)

from casusdesk.domain.errors import CasusdeskError
from casusdesk.domain.model import Domain, Group
from casusdesk.storage.repositories import ConflictError, Store, merged_elsewhere
from casusdesk.ui.participant_model import (
    COLUMNS, AddParticipant, ParticipantTableModel, RemoveParticipant,
)
from casusdesk.ui.widgets import ChoiceDelegate, ErrorLabel, autosave_text, set_plain_text

NEW_PARTICIPANT_FUNCTION = "Sociaal werker"


def _ask(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class GroupPage(QWidget):
    """Edits one group. Everything is saved as it is typed.

    Signals:
        group_changed: the group's name changed (the list on the left follows).
        session_open_requested: the user wants to open session ``id``.
        session_new_requested: the user wants a new session in this group.
        session_delete_requested: the user wants to delete session ``id``.
    """

    group_changed = Signal()
    session_open_requested = Signal(int)
    session_new_requested = Signal()
    session_delete_requested = Signal(int)
    overview_requested = Signal(int)

    def __init__(self, store: Store, participants: ParticipantTableModel,
                 undo: QUndoStack, function_labels: list[str], parent=None,  # noqa: ANN001
                 *, confirm: Callable[[QWidget, str, str], bool] | None = None) -> None:
        super().__init__(parent)
        self.store = store
        #: asks before a participant is removed (parent, title, text) -> yes
        self.confirm = confirm or _ask
        self.model = participants
        self.undo = undo
        self.group: Group | None = None

        title = QLabel("Groep")
        title.setObjectName("pageTitle")
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("Naam van de groep, bijvoorbeeld 'Werkplaats Zuid'")
        self.name_edit.setAccessibleName("Naam van de groep")
        self.name_error = ErrorLabel()
        self.description_edit = QPlainTextEdit()
        self.description_edit.setPlaceholderText("Waarvoor komt deze groep bij elkaar? (optioneel)")
        self.description_edit.setMaximumHeight(70)

        # participants
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        keys = [c[0] for c in COLUMNS]
        for key in keys:
            mode = (QHeaderView.ResizeMode.Stretch if key in ("name", "organisation")
                    else QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(keys.index(key), mode)
        self.table.setItemDelegateForColumn(
            keys.index("function"), ChoiceDelegate(function_labels, editable=True, parent=self))
        self.table.setItemDelegateForColumn(
            keys.index("domain"), ChoiceDelegate([d.value for d in Domain], editable=False,
                                                 parent=self))
        self.participant_error = ErrorLabel()
        self.add_button = QPushButton("Toevoegen")
        self.add_button.setToolTip("Deelnemer toevoegen (Ctrl+Shift+D)")
        self.remove_button = QPushButton("Verwijderen")
        self.remove_button.setToolTip("Delete (in de tabel)")
        hint = QLabel("Dubbelklik of begin te typen om een cel te wijzigen. De code volgt uit de "
                      "functie; namen blijven op deze laptop en komen nooit in een verslag.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)

        # sessions
        self.session_list = QListWidget()
        self.session_list.setObjectName("sessionList")
        self.session_list.setWordWrap(True)
        self.new_session_button = QPushButton("Nieuw")
        self.new_session_button.setToolTip("Nieuwe bijeenkomst (Ctrl+N)")
        self.open_session_button = QPushButton("Openen")
        self.delete_session_button = QPushButton("Verwijderen")
        self.overview_button = QPushButton("Overzicht issue-momenten…")
        self.overview_button.setToolTip("Thema's, frames en overbrugging over alle bijeenkomsten "
                                        "van de groep (Ctrl+Shift+O)")
        self.overview_button.setShortcut("Ctrl+Shift+O")

        left = QVBoxLayout()
        label = QLabel("Deelnemers")
        label.setObjectName("sectionTitle")
        left.addWidget(label)
        left.addWidget(self.table, 1)
        left.addWidget(self.participant_error)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        left.addLayout(row)
        left.addWidget(hint)

        right = QVBoxLayout()
        label = QLabel("Bijeenkomsten")
        label.setObjectName("sectionTitle")
        right.addWidget(label)
        right.addWidget(self.session_list, 1)
        row = QHBoxLayout()
        row.addWidget(self.new_session_button)
        row.addWidget(self.open_session_button)
        row.addWidget(self.delete_session_button)
        right.addLayout(row)
        right.addWidget(self.overview_button)

        columns = QHBoxLayout()
        columns.addLayout(left, 4)
        columns.addLayout(right, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.name_edit)
        layout.addWidget(self.name_error)
        layout.addWidget(self.description_edit)
        layout.addLayout(columns, 1)

        self.name_edit.textEdited.connect(self._on_name_edited)
        autosave_text(self.description_edit, self._on_description_edited)
        self.add_button.clicked.connect(self.add_participant)
        self.remove_button.clicked.connect(self.remove_selected_participant)
        self.model.error.connect(self.participant_error.show_message)
        self.new_session_button.clicked.connect(self.session_new_requested)
        self.open_session_button.clicked.connect(self._open_current_session)
        self.session_list.itemActivated.connect(
            lambda item: self.session_open_requested.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.delete_session_button.clicked.connect(self._delete_current_session)
        self.overview_button.clicked.connect(
            lambda: self.group and self.group.id and self.overview_requested.emit(self.group.id))
        QShortcut(QKeySequence("Ctrl+Shift+D"), self, self.add_participant)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table,
                           self.remove_selected_participant)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)

    # -- loading ----------------------------------------------------------------
    def load(self, group_id: int) -> None:
        self.group = self.store.get_group(group_id)
        self.name_edit.setText(self.group.name)
        self.name_edit.setProperty("invalid", False)
        self.name_error.show_message("")
        set_plain_text(self.description_edit, self.group.description)
        self.model.load(group_id)
        self.participant_error.show_message("")
        self.reload_sessions()

    def reload_sessions(self) -> None:
        assert self.group is not None
        self.session_list.clear()
        for s in self.store.list_sessions(self.group.id):
            item = QListWidgetItem(s.title)
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            self.session_list.addItem(item)
        if self.session_list.count():
            self.session_list.setCurrentRow(0)

    # -- slots ------------------------------------------------------------------
    def _on_name_edited(self, text: str) -> None:
        assert self.group is not None
        candidate = Group(name=text)
        try:
            candidate.validate()
        except CasusdeskError as exc:
            self._mark_name(str(exc))
            return
        self._mark_name("")
        if self._write(name=candidate.name):
            self.group_changed.emit()

    def _write(self, **changes: str) -> bool:
        """Write only the changed fields of the group; never its code counters, which
        only the adding of a participant changes (this page's copy of them goes stale)."""
        assert self.group is not None
        before = self.group
        base = {"name": before.name, "description": before.description}
        try:
            self.group = self.store.update_group(before.id, expected_version=before.version,
                                                 base=base, **changes)
        except ConflictError as exc:
            self.load(before.id)
            self.name_error.show_message(str(exc))
            return False
        except CasusdeskError as exc:
            self.name_error.show_message(str(exc))
            return False
        stored = {"name": self.group.name, "description": self.group.description}
        if merged_elsewhere(base, {**base, **changes}, stored):
            self.load(before.id)  # show what the other window wrote
        return True

    def _mark_name(self, message: str) -> None:
        self.name_edit.setProperty("invalid", bool(message))
        self.name_edit.style().unpolish(self.name_edit)
        self.name_edit.style().polish(self.name_edit)
        self.name_error.show_message(message)

    def _on_description_edited(self, text: str) -> None:
        if self.group is None:
            return
        self._write(description=text)

    def add_participant(self) -> None:
        if self.group is None:
            return
        self.participant_error.show_message("")
        self.undo.push(AddParticipant(self.model, self.group.id, NEW_PARTICIPANT_FUNCTION))
        row = self.model.rowCount() - 1
        keys = [c[0] for c in COLUMNS]
        index = self.model.index(row, keys.index("name"))
        self.table.setCurrentIndex(index)
        self.table.setFocus()
        self.table.edit(index)

    def remove_selected_participant(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.participant_error.show_message("Kies eerst de deelnemer die weg moet.")
            return
        participant = self.model.rows[index.row()]
        try:
            ties = self.model.roster.ties(participant)
        except CasusdeskError as exc:
            self.participant_error.show_message(str(exc))
            return
        who = participant.display
        goes = ties.describe(participant.code)
        if not self.confirm(self, "Deelnemer verwijderen",
                            f"{who} verwijderen?\n\n"
                            + (f"Daarmee:\n{goes}\n\n" if goes else
                               "Deze deelnemer komt nog in geen bijeenkomst voor.\n\n")
                            + "Ctrl+Z zet de deelnemer terug, met alles hierboven."):
            return
        self.undo.push(RemoveParticipant(self.model, participant, ties))
        self.participant_error.show_message(
            f"{participant.code} is verwijderd. Ctrl+Z zet de deelnemer terug.")

    def current_session_id(self) -> int | None:
        item = self.session_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _open_current_session(self) -> None:
        sid = self.current_session_id()
        if sid is not None:
            self.session_open_requested.emit(sid)

    def _delete_current_session(self) -> None:
        sid = self.current_session_id()
        if sid is not None:
            self.session_delete_requested.emit(sid)
