"""The role switch (rolwisseling) screen: who plays which role, and the role cards.

Every action calls :mod:`casusdesk.services.rolwisseling` or
:mod:`casusdesk.services.cards`; the widget holds no rules of its own.
"""

from __future__ import annotations

from pathlib import Path

import io

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
    QHBoxLayout, QHeaderView, QLabel, QMenu, QMessageBox, QPushButton, QSpinBox,
    QTableWidget, QTableWidgetItem, QToolButton, QVBoxLayout,
)

from casusdesk.domain.errors import CasusdeskError, ValidationError
from casusdesk.domain.roles import PlayerInfo, Role, role_distance, table_roles
from casusdesk.services import rolwisseling
from casusdesk.services.cards import CardsResult, render_blank_cards
from casusdesk.services.role_catalog import roles as role_library
from casusdesk.services.roster import Roster
from casusdesk.storage.repositories import Store
from casusdesk.ui import printing
from casusdesk.ui.widgets import ErrorLabel, fit_to_screen, guard_wheel

ESSENTIAL_TOOLTIP = ("Rollen van functies die niet aan tafel zitten. Zet er alleen een aan als "
                     "die rol voor de casus echt nodig is: een rol die niemand kent, doet "
                     "afbreuk aan de bespreking.")
CLIENT_TOOLTIP = ("Laat iemand de cliënt spelen. Doe dit alleen als er vertrouwen is in "
                  "de groep; anders wordt het één tegen de rest.")

COL_CODE, COL_NAME, COL_FUNCTION, COL_ROLE, COL_DISTANCE, COL_BACK = range(6)
HEADERS = ("Code", "Naam", "Eigen functie", "Rol (voorstel)", "Verschil", "Achterkant van")
BACK_TOOLTIP = ("Wie de echte functie heeft, schrijft in de Golden Circle de achterkant van "
                "de kaart (waarom, hoe, wat en 'Dit wil ik je meegeven'). Hebben twee "
                "deelnemers dezelfde functie, kies dan wiens tekst de speler krijgt.")


class RolesDialog(QDialog):
    """Propose, adjust and print the roles for one session.

    ``roles`` defaults to the shipped role library; tests may pass their own.
    """

    def __init__(self, store: Store, roster: Roster, session_id: int, parent=None,  # noqa: ANN001
                 *, roles: dict[str, Role] | None = None,
                 ask_printer: printing.AskPrinter = printing.ask_printer) -> None:
        super().__init__(parent)
        self.ask_printer = ask_printer
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
        self.essential: list[str] = [r for r in doc.get("essential") or [] if r in self.roles]
        self._pool: dict[str, Role] = {}

        title = QLabel("Rolwisseling")
        title.setObjectName("pageTitle")
        hint = QLabel("Iedereen speelt de functie van een ander aan tafel: de functie die het "
                      "meest van de eigen functie verschilt. Kies een andere rol in de lijst om "
                      "het voorstel aan te passen; de anderen schuiven dan mee.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)

        self.warning_label = QLabel()
        self.warning_label.setObjectName("compositionWarning")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("background: #fff3e0; color: #4e342e; padding: 6px; "
                                         "border-radius: 6px;")
        self.warning_label.setVisible(False)
        # the stored role document cannot be read: the proposal is shown, the document
        # stays stored until the facilitator changes the roles
        from casusdesk.services import damage

        self.damage_label = QLabel(damage.session_notice(store, session_id, only=("roles",)))
        self.damage_label.setObjectName("damageNotice")
        self.damage_label.setWordWrap(True)
        self.damage_label.setStyleSheet(self.warning_label.styleSheet())
        self.damage_label.setVisible(bool(self.damage_label.text()))

        self.client_check = QCheckBox("Cliëntrol meespelen")
        self.client_check.setToolTip(CLIENT_TOOLTIP)
        self.client_check.setChecked(bool(doc.get("include_client")))
        self.client_check.toggled.connect(self._client_toggled)
        self.repropose_button = QPushButton("Opnieuw voorstellen")
        self.repropose_button.setToolTip("Vergeet de handmatige keuzes en stel opnieuw voor.")
        self.repropose_button.clicked.connect(self.repropose)
        self.essential_button = QToolButton()
        self.essential_button.setText("Essentiële rollen")
        self.essential_button.setToolTip(ESSENTIAL_TOOLTIP)
        self.essential_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.essential_menu = QMenu(self.essential_button)
        self.essential_button.setMenu(self.essential_menu)
        top = QHBoxLayout()
        top.addWidget(self.client_check)
        top.addWidget(self.essential_button)
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
        header.setSectionResizeMode(COL_BACK, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeaderItem(COL_BACK).setToolTip(BACK_TOOLTIP)
        self.table.horizontalHeaderItem(COL_DISTANCE).setToolTip(
            "Hoe ver de rol van de eigen functie af staat (0 = dichtbij, 10 = ver weg).")

        self.total_label = QLabel()
        self.total_label.setObjectName("hint")

        self.save_button = QPushButton("Rolkaarten opslaan als PDF…")
        self.save_button.clicked.connect(self.save_cards)
        self.print_button = QPushButton("Afdrukken…")
        self.print_button.setToolTip("Drukt de rolkaarten af op A4, dubbelzijdig (omslaan "
                                     "over de lange kant), zodat elke achterkant achter zijn "
                                     "voorkant valt (Ctrl+P).")
        self.print_button.setShortcut(QKeySequence("Ctrl+P"))
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
        layout.addWidget(self.warning_label)
        layout.addWidget(self.damage_label)
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
            warning = rolwisseling.table_warning(self.store, self.session_id)
            self.warning_label.setText(warning or "")
            self.warning_label.setVisible(bool(warning))
            self._fill_essential_menu()
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
                include_client=self.client_check.isChecked(), essential=self.essential,
                overrides=self.overrides)
        except ValidationError as exc:
            self.error.show_message(str(exc))
        else:
            self.error.show_message("")
        self._fill_table()

    def _fill_essential_menu(self) -> None:
        """One checkable entry per role that nobody at the table holds (not the client,
        which has its own check box)."""
        self.essential_menu.clear()
        present = {p.function_id for p in self._players}
        for role in sorted(self.roles.values(), key=lambda r: r.title.casefold()):
            if role.is_client or role.id in present:
                continue
            action = QAction(role.title, self.essential_menu)
            action.setCheckable(True)
            action.setChecked(role.id in self.essential)
            action.setData(role.id)
            action.toggled.connect(lambda on, rid=role.id: self.set_essential(rid, on))
            self.essential_menu.addAction(action)
        self._update_essential_label()

    def _update_essential_label(self) -> None:
        count = len(self.essential)
        self.essential_button.setText("Essentiële rollen" + (f" ({count})" if count else ""))

    def set_essential(self, role_id: str, on: bool) -> None:
        """Switch an essential role (one nobody at the table holds) on or off."""
        if on and role_id not in self.essential:
            self.essential.append(role_id)
        elif not on and role_id in self.essential:
            self.essential.remove(role_id)
            self.overrides = {c: r for c, r in self.overrides.items() if r != role_id}
        else:
            return
        self._update_essential_label()
        self._propose()

    def _fill_table(self) -> None:
        self._pool = table_roles(self._players, self.roles,
                                 include_client=self.client_check.isChecked(),
                                 essential=self.essential)
        session = self.store.get_session(self.session_id)
        by_code = {p.code: p for p in self.store.list_participants(session.group_id)}
        writers = rolwisseling.back_writers(self.store, self.roster, self.session_id)
        picks = rolwisseling.chosen_backs(self.store, self.session_id)
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
            self._show_back(row, role_id, writers, picks)
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
        for role in sorted(self._pool.values(), key=lambda r: r.title.casefold()):
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

    def _show_back(self, row: int, role_id: str, writers: dict[str, list[dict]],
                   picks: dict[str, str]) -> None:
        """Who wrote the back of this player's card: one code, or a choice of holders."""
        entries = writers.get(role_id, [])
        self.table.removeCellWidget(row, COL_BACK)
        if len(entries) < 2:
            self._set_text(row, COL_BACK, entries[0]["author"] if entries else "–")
            return
        self._set_text(row, COL_BACK, "")
        box = QComboBox()
        box.setAccessibleName(f"Achterkant voor {self._players[row].code}")
        box.setToolTip(BACK_TOOLTIP)
        for entry in entries:
            box.addItem(entry["author"], entry["author"])
        chosen = rolwisseling.back_for(role_id, writers, picks)["author"]
        box.setCurrentIndex(max(box.findData(chosen), 0))
        box.activated.connect(
            lambda _i, rid=role_id, b=box: self.choose_back(rid, b.currentData()))
        self.table.setCellWidget(row, COL_BACK, box)

    def back_box(self, code: str) -> QComboBox | None:
        """The back choice of a participant's card, when two holders wrote one."""
        for row, player in enumerate(self._players):
            if player.code == code:
                widget = self.table.cellWidget(row, COL_BACK)
                return widget if isinstance(widget, QComboBox) else None
        raise KeyError(code)

    def choose_back(self, role_id: str, author_code: str) -> None:
        """The player of ``role_id`` gets the back ``author_code`` wrote (never a mix)."""
        try:
            rolwisseling.choose_back(self.store, self.session_id, role_id, author_code)
        except CasusdeskError as exc:
            self.error.show_message(str(exc))
            return
        self._fill_table()

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

    def _client_toggled(self, checked: bool) -> None:
        if not checked:
            self.overrides = {c: r for c, r in self.overrides.items() if r != "client"}
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

    def print_cards(self) -> int:
        """Print the checked cards PDF (fronts and backs) through the print dialog;
        returns the number of pages printed (0: cancelled or refused)."""
        buffer = io.BytesIO()
        result = self._export(buffer)
        if result is None:
            return 0
        try:
            pages = printing.print_pdf(buffer.getvalue(), self._default_name("rolkaarten"),
                                       self, duplex=True, ask=self.ask_printer)
        except OSError as exc:
            QMessageBox.warning(self, "Afdrukken", f"Afdrukken lukt niet: {exc}")
            return 0
        if pages and result.notes:
            self._report("Rolkaarten afgedrukt", f"{pages} pagina's naar de printer.", result)
        return pages

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

    def _export(self, target: Path | io.BytesIO) -> CardsResult | None:
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

