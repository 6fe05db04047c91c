"""The role switch (rolwisseling) screen: who plays which role, and the role cards.

Every action calls :mod:`casusdesk.services.rolwisseling` or
:mod:`casusdesk.services.cards`; the widget holds no rules of its own.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
    QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton, QSpinBox, QTableWidget,
    QTableWidgetItem, QVBoxLayout,
)

from casusdesk.domain.errors import CasusdeskError, ValidationError
from casusdesk.domain.roles import PlayerInfo, Role, role_distance
from casusdesk.services import rolwisseling
from casusdesk.services.cards import CardsResult, render_blank_cards
from casusdesk.services.role_catalog import roles as role_library
from casusdesk.services.roster import Roster
from casusdesk.storage.repositories import Store
from casusdesk.services import scratch
from casusdesk.ui.widgets import ErrorLabel, fit_to_screen, guard_wheel

CLIENT_TOOLTIP = ("Laat iemand de cliënt spelen. Doe dit alleen als er vertrouwen is in "
                  "de groep; anders wordt het één tegen de rest.")

COL_CODE, COL_NAME, COL_FUNCTION, COL_ROLE, COL_DISTANCE = range(5)
HEADERS = ("Code", "Naam", "Eigen functie", "Rol (voorstel)", "Verschil")


class RolesDialog(QDialog):
    """Propose, adjust and print the roles for one session.

    ``roles`` defaults to the shipped role library; tests may pass their own.
    """

    def __init__(self, store: Store, roster: Roster, session_id: int, parent=None,  # noqa: ANN001
                 *, roles: dict[str, Role] | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.roster = roster
        self.session_id = session_id
        self.setWindowTitle("Rolwisseling")
        fit_to_screen(self, 900, 500)
        self.error = ErrorLabel(self)
        self.roles: dict[str, Role] = {}
        try:
            self.roles = dict(roles if roles is not None else role_library())
        except CasusdeskError as exc:
            self.error.show_message(str(exc))
        self.last_pdf: Path | None = None
        self.assignment: dict[str, str] = {}
        self._players: list[PlayerInfo] = []

        doc = store.get_document(session_id, "roles") or {}
        self.overrides: dict[str, str] = dict(doc.get("overrides") or {})

        title = QLabel("Rolwisseling")
        title.setObjectName("pageTitle")
        hint = QLabel("Iedereen speelt de rol die het meest verschilt van de eigen functie. "
                      "Kies een andere rol in de lijst om het voorstel aan te passen; "
                      "de anderen schuiven dan mee.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)

        self.client_check = QCheckBox("Cliëntrol meespelen")
        self.client_check.setToolTip(CLIENT_TOOLTIP)
        self.client_check.setChecked(bool(doc.get("include_client")))
        self.client_check.toggled.connect(self._client_toggled)
        self.repropose_button = QPushButton("Opnieuw voorstellen")
        self.repropose_button.setToolTip("Vergeet de handmatige keuzes en stel opnieuw voor.")
        self.repropose_button.clicked.connect(self.repropose)
        top = QHBoxLayout()
        top.addWidget(self.client_check)
        top.addStretch(1)
        top.addWidget(self.repropose_button)

        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_CODE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_DISTANCE, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(COL_DISTANCE, 90)
        for col in (COL_NAME, COL_FUNCTION):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_ROLE, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(COL_NAME, 170)
        self.table.setColumnWidth(COL_FUNCTION, 220)
        self.table.horizontalHeaderItem(COL_DISTANCE).setToolTip(
            "Hoe ver de rol van de eigen functie af staat (0 = dichtbij, 10 = ver weg).")

        self.total_label = QLabel()
        self.total_label.setObjectName("hint")

        self.save_button = QPushButton("Rolkaarten opslaan als PDF…")
        self.save_button.clicked.connect(self.save_cards)
        self.print_button = QPushButton("Afdrukken…")
        self.print_button.setToolTip("Opent de rolkaarten in het standaardprogramma voor "
                                     "PDF; druk daar af (dubbelzijdig, over de korte kant).")
        self.print_button.clicked.connect(self.print_cards)
        self.blank_count = QSpinBox()
        self.blank_count.setRange(1, 400)
        self.blank_count.setToolTip("Aantal lege kaarten")
        self.blank_button = QPushButton("Lege kaarten…")
        self.blank_button.setToolTip("Kaarten om met de hand in te vullen: Waarom, Hoe, Wat "
                                     "en wat je de ander wilt meegeven.")
        self.blank_button.clicked.connect(self.save_blank_cards)
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.print_button)
        actions.addStretch(1)
        actions.addWidget(QLabel("Aantal:"))
        actions.addWidget(self.blank_count)
        actions.addWidget(self.blank_button)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Sluiten")
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total_label)
        layout.addLayout(actions)
        layout.addWidget(buttons)
        guard_wheel(self)

        self._load()

    # ----------------------------------------------------------------- loading

    def _load(self) -> None:
        """Show the stored assignment (or a fresh proposal)."""
        try:
            self._players = rolwisseling.players(self.store, self.roster, self.session_id)
            self.assignment = (rolwisseling.assignment(self.store, self.roster,
                                                       self.session_id, self.roles)
                               if self.roles else {})
        except ValidationError as exc:
            self.error.show_message(str(exc))
            self.assignment = {}
        else:
            if self.roles:
                self.error.show_message("")
        self.blank_count.setValue(max(1, len(self._players)))
        self._fill_table()

    def _propose(self) -> None:
        """Re-run the proposal with the current overrides and client choice."""
        try:
            self.assignment = rolwisseling.propose(
                self.store, self.roster, self.session_id, self.roles,
                include_client=self.client_check.isChecked(), overrides=self.overrides)
        except ValidationError as exc:
            self.error.show_message(str(exc))
        else:
            self.error.show_message("")
        self._fill_table()

    def _fill_table(self) -> None:
        session = self.store.get_session(self.session_id)
        by_code = {p.code: p for p in self.store.list_participants(session.group_id)}
        self.table.setRowCount(len(self._players))
        total = 0
        for row, player in enumerate(self._players):
            person = by_code.get(player.code)
            self._set_text(row, COL_CODE, player.code)
            self._set_text(row, COL_NAME, person.name if person else "")
            self._set_text(row, COL_FUNCTION, person.function if person else "")
            role_id = self.assignment.get(player.code, "")
            self.table.setCellWidget(row, COL_ROLE, self._role_box(player.code, role_id))
            distance = ""
            if role_id in self.roles:
                value = role_distance(player, self.roles[role_id])
                total += value
                distance = str(value)
            item = self._set_text(row, COL_DISTANCE, distance)
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table.resizeRowsToContents()
        self.total_label.setText(
            f"{len(self._players)} deelnemers aanwezig · totaal verschil {total}"
            + (f" · {len(self.overrides)} met de hand gekozen" if self.overrides else ""))
        has_assignment = bool(self.assignment)
        self.save_button.setEnabled(has_assignment)
        self.print_button.setEnabled(has_assignment)

    def _set_text(self, row: int, col: int, text: str) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        self.table.setItem(row, col, item)
        return item

    def _role_box(self, code: str, role_id: str) -> QComboBox:
        box = QComboBox()
        guard_wheel(box)
        box.setObjectName(f"role_{code}")
        box.setAccessibleName(f"Rol voor {code}")
        for role in sorted(self.roles.values(), key=lambda r: r.title.casefold()):
            box.addItem(role.title, role.id)
        pos = box.findData(role_id)
        if pos < 0:
            box.insertItem(0, "(geen rol)", "")
            pos = 0
        box.setCurrentIndex(pos)
        if code in self.overrides:
            box.setToolTip("Met de hand gekozen")
            font = box.font()
            font.setBold(True)
            box.setFont(font)
        box.activated.connect(lambda _index, c=code, b=box: self.choose_role(c, b.currentData()))
        return box

    def role_box(self, code: str) -> QComboBox:
        """The role combo box of a participant (for tests and keyboard use)."""
        for row, player in enumerate(self._players):
            if player.code == code:
                widget = self.table.cellWidget(row, COL_ROLE)
                assert isinstance(widget, QComboBox)
                return widget
        raise KeyError(code)

    # ------------------------------------------------------------------- slots

    def choose_role(self, code: str, role_id: str) -> None:
        """The facilitator picked a role: keep it and let the others adapt."""
        if not role_id or (code in self.overrides and self.overrides[code] == role_id):
            return
        self.overrides[code] = role_id
        self._propose()

    def _client_toggled(self, _checked: bool) -> None:
        self._propose()

    def repropose(self) -> None:
        """Forget the manual choices and propose again."""
        self.overrides = {}
        self._propose()

    def save_cards(self) -> None:
        """Ask for a file name and write the role cards (fronts and backs)."""
        path, _ = QFileDialog.getSaveFileName(
            self, "Rolkaarten opslaan", str(Path.home() / self._default_name("rolkaarten")),
            "PDF-bestanden (*.pdf)")
        if not path:
            return
        target = self._with_pdf(path)
        result = self._export(target)
        if result is None:
            return
        self.last_pdf = target
        self._report("Rolkaarten opgeslagen", f"De rolkaarten staan in {target}.", result)

    def print_cards(self) -> None:
        """Write the cards to a temporary PDF and open it in the default program."""
        folder = scratch.folder("casusdesk-")  # removed when the program ends
        target = folder / self._default_name("rolkaarten")
        result = self._export(target)
        if result is None:
            return
        self.last_pdf = target
        if result.notes:
            self._report("Rolkaarten", "De rolkaarten worden geopend om af te drukken.", result)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
            QMessageBox.warning(self, "Afdrukken",
                                f"Er is geen programma gevonden om PDF te openen. "
                                f"Het bestand staat in {target}.")

    def save_blank_cards(self) -> None:
        """Write blank cards to fill in by hand."""
        path, _ = QFileDialog.getSaveFileName(
            self, "Lege kaarten opslaan", str(Path.home() / self._default_name("lege-kaarten")),
            "PDF-bestanden (*.pdf)")
        if not path:
            return
        target = self._with_pdf(path)
        try:
            result = render_blank_cards(self.blank_count.value(), target,
                                        rolwisseling.session_code(self.store, self.session_id))
        except (CasusdeskError, OSError) as exc:
            QMessageBox.warning(self, "Lege kaarten", _message(exc))
            return
        self._report("Lege kaarten opgeslagen",
                     f"{result.cards} lege kaarten staan in {target}.", result)

    # ----------------------------------------------------------------- helpers

    def _export(self, target: Path) -> CardsResult | None:
        try:
            return rolwisseling.export_cards(self.store, self.roster, self.session_id, target,
                                             self.roles, with_backs=True)
        except (CasusdeskError, OSError) as exc:
            QMessageBox.warning(self, "Rolkaarten", _message(exc))
            return None

    def _report(self, title: str, text: str, result: CardsResult) -> None:
        if result.notes:
            text += "\n\nLet op:\n" + "\n".join(f"• {n}" for n in result.notes)
            QMessageBox.warning(self, title, text)
        else:
            QMessageBox.information(self, title, text)

    def _default_name(self, stem: str) -> str:
        try:
            code = rolwisseling.session_code(self.store, self.session_id)
        except CasusdeskError:
            code = f"B{self.session_id}"
        return f"{stem}-{code}.pdf"

    @staticmethod
    def _with_pdf(path: str) -> Path:
        target = Path(path)
        return target if target.suffix.lower() == ".pdf" else target.with_suffix(".pdf")


def _message(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return f"Het bestand kan niet worden geschreven: {exc.strerror or exc}."
    return str(exc)

