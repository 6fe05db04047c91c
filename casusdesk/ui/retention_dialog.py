"""Retention: the sessions past their date, removing their personal data, keeping one
longer with a reason, and the retention period of each group."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox,
    QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from casusdesk.domain.clock import Clock
from casusdesk.domain.errors import CasusdeskError
from casusdesk.domain.retention import MAX_MONTHS
from casusdesk.services import retention
from casusdesk.storage.repositories import Store
from casusdesk.ui.widgets import ErrorLabel

#: asks a yes/no question (parent, title, text); tests replace it
Confirm = Callable[[QWidget, str, str], bool]


class KeepLongerDialog(QDialog):
    """Until when, and why: both are recorded with today's date."""

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Langer bewaren")
        self.until = QDateEdit(QDate(today.year, today.month, today.day).addMonths(6))
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("dd-MM-yyyy")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Bijvoorbeeld: bezwaarprocedure loopt nog")
        form = QFormLayout(self)
        form.addRow("Bewaren tot", self.until)
        form.addRow("Reden", self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def value(self) -> tuple[dt.date, str]:
        return self.until.date().toPython(), self.reason.text()


class RetentionDialog(QDialog):
    COLUMNS = ("Datum", "Bijeenkomst", "Groep", "Bewaard tot")

    def __init__(self, store: Store, clock: Clock, confirm: Confirm,
                 parent: QWidget | None = None, *,
                 ask_keep: Callable[[QWidget, dt.date], tuple[dt.date, str] | None]
                 | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Bewaartermijnen")
        self.resize(820, 480)
        self.store, self.clock, self.confirm = store, clock, confirm
        self.ask_keep = ask_keep or _ask_keep
        intro = QLabel("Van deze bijeenkomsten is de bewaartermijn voorbij. Verwijderen haalt "
                       "de echte naam en aliassen van de cliënt, de teksten van de casus, alle "
                       "vastleggingen, de levenslijn, de rolkaartteksten en de keuzes van het "
                       "verslag echt uit de gegevens. Datum, werkvorm en aanwezigheid blijven.")
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        self.intro = intro
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(1, 280)
        self.table.setColumnWidth(2, 240)  # "Intervisiegroep Werk en Zorg" on one line
        self.empty = QLabel("Geen bijeenkomsten over hun bewaartermijn.")
        self.keep_analysis = QCheckBox("Geanonimiseerde analyse van de issue-momenten bewaren "
                                       "(fase, tijd, codes en de gekozen soort, thema, frames "
                                       "en uitkomst; zonder beschrijving, citaat of toelichting)")
        self.keep_analysis.setChecked(True)
        self.purge_button = QPushButton("Persoonsgegevens verwijderen")
        self.keep_button = QPushButton("Langer bewaren…")
        self.error = ErrorLabel()

        self.group_box = QComboBox()
        self.months = QSpinBox()
        self.months.setRange(1, MAX_MONTHS)
        self.months.setSuffix(" maanden na de bijeenkomst")
        period = QHBoxLayout()
        period.addWidget(QLabel("Bewaartermijn van groep"))
        period.addWidget(self.group_box, 1)
        period.addWidget(self.months)

        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_button)
        buttons.addStretch(1)
        buttons.addWidget(self.purge_button)
        close = QDialogButtonBox()
        close.addButton("Sluiten", QDialogButtonBox.ButtonRole.RejectRole)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        # with nothing due, the message takes the table's room at the top (not mid-page)
        layout.addWidget(self.empty, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.keep_analysis)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addLayout(period)
        layout.addWidget(close)

        self.purge_button.clicked.connect(self.purge_selected)
        self.keep_button.clicked.connect(self.keep_selected_longer)
        self.group_box.currentIndexChanged.connect(self._show_months)
        self.months.valueChanged.connect(self._store_months)
        self._loading = False
        self._load_groups()
        self.reload()

    @property
    def today(self) -> dt.date:
        return self.clock.now().date()

    def reload(self) -> None:
        rows = retention.due(self.store, self.clock)
        self.table.setRowCount(len(rows))
        for n, r in enumerate(rows):
            values = (f"{r.date:%d-%m-%Y}", r.title.split(" · ", 1)[-1], r.group_name,
                      f"{r.keep_through:%d-%m-%Y}")
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.session_id)
                self.table.setItem(n, c, item)
        if rows:
            self.table.selectAll()
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        self.intro.setVisible(bool(rows))  # "Van deze bijeenkomsten ..." over an empty list
        for w in (self.purge_button, self.keep_button, self.keep_analysis):
            w.setEnabled(bool(rows))

    def due_count(self) -> int:
        return self.table.rowCount()

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in rows]

    def purge_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            self.error.show_message("Kies eerst de bijeenkomsten in de lijst.")
            return
        kept = ("De geanonimiseerde analyse van de issue-momenten blijft."
                if self.keep_analysis.isChecked() else "Ook de issue-momenten gaan weg.")
        if not self.confirm(self, "Persoonsgegevens verwijderen",
                            f"De persoonsgegevens van {len(ids)} bijeenkomst(en) verwijderen? "
                            f"{kept} Gasten die alleen daar waren, gaan ook weg.\n\n"
                            "Dit kan niet ongedaan worden gemaakt."):
            return
        try:
            retention.purge(self.store, ids, self.clock,
                            keep_issue_analysis=self.keep_analysis.isChecked())
        except CasusdeskError as exc:
            self.error.show_message(str(exc))
            return
        self.error.show_message("")
        self.reload()

    def keep_selected_longer(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            self.error.show_message("Kies één bijeenkomst om langer te bewaren.")
            return
        answer = self.ask_keep(self, self.today)
        if answer is None:
            return
        try:
            retention.keep_longer(self.store, ids[0], *answer, self.clock)
        except CasusdeskError as exc:
            self.error.show_message(str(exc))
            return
        self.error.show_message("")
        self.reload()

    def _load_groups(self) -> None:
        self._loading = True
        self.group_box.clear()
        for group in self.store.list_groups():
            self.group_box.addItem(group.name, group.id)
        self._loading = False
        self._show_months()

    def _show_months(self) -> None:
        group_id = self.group_box.currentData()
        self.months.setEnabled(group_id is not None)
        if group_id is None:
            return
        self._loading = True
        self.months.setValue(self.store.retention_months(group_id))
        self._loading = False

    def _store_months(self, months: int) -> None:
        group_id = self.group_box.currentData()
        if self._loading or group_id is None:
            return
        try:
            retention.set_months(self.store, group_id, months)
        except CasusdeskError as exc:
            self.error.show_message(str(exc))
            return
        self.reload()


def _ask_keep(parent: QWidget, today: dt.date) -> tuple[dt.date, str] | None:
    dialog = KeepLongerDialog(today, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.value()
