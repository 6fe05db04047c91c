"""Table model over a group's participants, with undoable edits."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from casusdesk.domain.errors import CasusdeskError
from casusdesk.domain.model import Domain, Participant
from casusdesk.services.roster import Roster, Ties
from casusdesk.storage.repositories import PARTICIPANT_FIELDS, ConflictError, merged_elsewhere

COLUMNS = (
    ("code", "Code"),
    ("name", "Naam"),
    ("function", "Functie"),
    ("organisation", "Organisatie"),
    ("domain", "Domein"),
    ("guest", "Gast"),
)
EDITABLE = {"name", "function", "organisation", "domain", "guest"}

_Index = QModelIndex | QPersistentModelIndex


class ParticipantTableModel(QAbstractTableModel):
    """Shows the participants of one group; every edit goes through the undo stack.

    Signals:
        error: a Dutch message when an edit is refused.
    """

    error = Signal(str)
    #: an undo step of another group's participants: show that group (the main window does)
    group_wanted = Signal(int)

    def __init__(self, roster: Roster, undo: QUndoStack, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.roster = roster
        self.undo = undo
        self.group_id: int | None = None
        self.rows: list[Participant] = []

    # -- loading --------------------------------------------------------------
    def load(self, group_id: int | None) -> None:
        self.beginResetModel()
        self.group_id = group_id
        self.rows = self.roster.store.list_participants(group_id) if group_id else []
        self.endResetModel()

    def reload(self) -> None:
        self.load(self.group_id)

    def show_group(self, group_id: int) -> None:
        """Show ``group_id`` before an undo step changes it (the history outlives a
        switch of groups): asks the window to select it, else loads it here."""
        if self.group_id != group_id:
            self.group_wanted.emit(group_id)
        if self.group_id != group_id:
            self.load(group_id)

    def row_of(self, participant_id: int) -> int:
        return next((i for i, p in enumerate(self.rows) if p.id == participant_id), -1)

    # -- Qt model API ---------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][1]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        p = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        if key == "guest":
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if p.guest else Qt.CheckState.Unchecked
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = getattr(p, key)
            return str(value)
        if role == Qt.ItemDataRole.ToolTipRole and key == "name":
            return "De naam blijft op deze laptop en komt nooit in een verslag."
        if role == Qt.ItemDataRole.ToolTipRole and key == "code":
            return "Pseudoniemcode: volgt uit de functie en blijft staan. Alleen de code komt in verslagen."
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        key = COLUMNS[index.column()][0]
        if key == "guest":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if key in EDITABLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        p = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        if key == "guest" and role == Qt.ItemDataRole.CheckStateRole:
            new: Any = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role == Qt.ItemDataRole.EditRole and key in EDITABLE:
            new = str(value).strip()
            if key == "domain":
                new = Domain(new)
        else:
            return False
        old = getattr(p, key)
        if new == old:
            return False
        if key == "function" and not new:
            self.error.emit("De functie mag niet leeg zijn: daaruit volgt de code.")
            return False
        self.undo.push(EditParticipant(self, p.id, key, old, new))
        return True

    # -- operations used by the undo commands ------------------------------------
    def apply_edit(self, participant_id: int, key: str, value: Any) -> None:
        row = self.row_of(participant_id)
        if row < 0:
            return
        p = self.rows[row]
        changes: dict[str, Any] = {key: value}
        if key == "function" and p.domain == self.roster.default_domain(p.function):
            # the domain followed the old function: let it follow the new one too
            changes["domain"] = self.roster.default_domain(str(value))
        base = {k: getattr(p, k) for k in PARTICIPANT_FIELDS}
        try:
            # only this cell (and a domain that follows it) is written, checked against
            # the version this table read: another window's edits are kept or refused
            saved = self.roster.edit(participant_id, changes, expected_version=p.version,
                                     base=base)
        except ConflictError as exc:
            self.reload()
            self.error.emit(str(exc))
            return
        except CasusdeskError as exc:
            self.error.emit(str(exc))
            return
        self.rows[row] = saved
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        if merged_elsewhere(base, {**base, **changes},
                            {k: getattr(saved, k) for k in PARTICIPANT_FIELDS}):
            self.reload()  # show what the other window wrote

    def insert(self, participant: Participant) -> None:
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(participant)
        self.endInsertRows()
        self.reload()

    def remove_row_of(self, participant_id: int) -> None:
        row = self.row_of(participant_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()


class EditParticipant(QUndoCommand):
    def __init__(self, model: ParticipantTableModel, participant_id: int, key: str,
                 old: Any, new: Any) -> None:
        label = dict(COLUMNS)[key].lower()
        super().__init__(f"{label} wijzigen")
        self.model, self.pid, self.key, self.old, self.new = model, participant_id, key, old, new
        self.group_id = model.group_id

    def redo(self) -> None:
        if self.group_id is not None:
            self.model.show_group(self.group_id)
        self.model.apply_edit(self.pid, self.key, self.new)

    def undo(self) -> None:
        if self.group_id is not None:
            self.model.show_group(self.group_id)
        self.model.apply_edit(self.pid, self.key, self.old)


class AddParticipant(QUndoCommand):
    def __init__(self, model: ParticipantTableModel, group_id: int, function: str) -> None:
        super().__init__("deelnemer toevoegen")
        self.model, self.group_id, self.function = model, group_id, function
        self.participant: Participant | None = None

    def redo(self) -> None:
        self.model.show_group(self.group_id)
        if self.participant is None:
            self.participant = self.model.roster.add(self.group_id, function=self.function)
        else:
            self.participant = self.model.roster.restore(self.participant)
        self.model.insert(self.participant)

    def undo(self) -> None:
        assert self.participant is not None
        self.model.show_group(self.group_id)
        self.model.roster.remove(self.participant.id)
        self.model.remove_row_of(self.participant.id)


class RemoveParticipant(QUndoCommand):
    def __init__(self, model: ParticipantTableModel, participant: Participant,
                 ties: Ties | None = None) -> None:
        super().__init__(f"{participant.code} verwijderen")
        self.model, self.participant = model, participant
        self.position = model.roster.store.participant_position(participant.id)
        #: the attendance and cases given back on undo
        self.ties = ties if ties is not None else model.roster.ties(participant)

    def redo(self) -> None:
        self.model.show_group(self.participant.group_id)
        self.model.roster.remove(self.participant.id)
        self.model.remove_row_of(self.participant.id)

    def undo(self) -> None:
        self.model.show_group(self.participant.group_id)
        self.participant = self.model.roster.restore(self.participant, self.position)
        self.model.roster.restore_ties(self.participant, self.ties)
        self.model.reload()
