"""What a group's issue moments add up to, session after session (issue 10).

Figures at the top, the heat map of themes per session and the bridging rate per
session as charts, then the recurring clashes and the open or parked moments. Enter
on an open moment opens the analysis of its session; the two exports (coding grid,
group report) go through the privacy boundary like the minutes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QFileDialog, QGridLayout, QHBoxLayout, QHeaderView, QLabel,
    QPushButton, QScrollArea, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from casusdesk.domain.errors import CasusdeskError
from casusdesk.domain.timer import format_hms
from casusdesk.services import analysis as service
from casusdesk.storage.repositories import Store
from casusdesk.ui.widgets import ErrorLabel


def _table(header: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(header))
    table.setHorizontalHeaderLabels(header)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(True)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value))
    height = min(300, 40 + 32 * max(1, len(rows)))
    table.setMinimumHeight(height)
    table.setMaximumHeight(height)


class OverviewWindow(QDialog):
    """The overview of one group's issue moments across its sessions."""

    def __init__(self, store: Store, group_id: int, methods: dict | None = None, *,
                 open_analysis: Callable[[int], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.group_id, self.methods = store, group_id, methods or {}
        self.open_analysis = open_analysis
        #: asks for a file name to export to (tests replace it)
        self.ask_path: Callable[[str, str], str] = self._ask_path
        self.resize(1280, 720)

        self.figures: dict[str, QLabel] = {}
        figures = QGridLayout()
        for i, (key, label) in enumerate((("sessions", "Bijeenkomsten"),
                                          ("moments", "Issue-momenten"),
                                          ("rate", "Overbrugd"), ("open", "Open of geparkeerd"))):
            value = QLabel("–")
            value.setObjectName("figure")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption = QLabel(label)
            caption.setObjectName("hint")
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            figures.addWidget(value, 0, i)
            figures.addWidget(caption, 1, i)
            self.figures[key] = value
        self.heat = QLabel()
        self.heat.setAccessibleName("Thema's per bijeenkomst")
        self.heat.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.bars = QLabel()
        self.bars.setAccessibleName("Overbrugging per bijeenkomst")
        self.bars.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.clashes = _table(["Diensten", "Bijeenkomsten", "Momenten"])
        self.clashes.setAccessibleName("Terugkerende botsingen")
        self.clashes.horizontalHeader().setStretchLastSection(False)
        self.open_moments = _table(["Bijeenkomst", "Tijd", "Wie", "Waarover", "Thema",
                                    "Uitkomst"])
        self.open_moments.setAccessibleName("Open en geparkeerde momenten")
        header = self.open_moments.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.open_moments.setToolTip("Enter of dubbelklik: de analyse van die bijeenkomst")
        self.uncontested = QLabel()
        self.uncontested.setWordWrap(True)
        self.error = ErrorLabel()
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        self.issues_button = QPushButton("Codeerschema exporteren (.xlsx)…")
        self.report_button = QPushButton("Overzicht exporteren (.docx)…")
        close = QPushButton("Sluiten")

        body = QWidget()
        bl = QVBoxLayout(body)
        bl.addLayout(figures)
        charts = QHBoxLayout()
        charts.addWidget(self.heat, 3)
        charts.addWidget(self.bars, 2)
        bl.addLayout(charts)
        for title, widget in (("Terugkerende botsingen tussen diensten", self.clashes),
                              ("Open en geparkeerde momenten", self.open_moments),
                              ("Niet omstreden", self.uncontested)):
            label = QLabel(title)
            label.setObjectName("sectionTitle")
            bl.addWidget(label)
            bl.addWidget(widget)
        bl.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.issues_button)
        buttons.addWidget(self.report_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.setStyleSheet("QLabel#figure { font-size: 26pt; font-weight: 700; }")

        close.clicked.connect(self.accept)
        self.issues_button.clicked.connect(self.export_issues)
        self.report_button.clicked.connect(self.export_report)
        self.open_moments.itemActivated.connect(lambda _i: self._open_selected())
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)  # Enter in the table opens a moment, not an export
        self.reload()

    def reload(self) -> None:
        """Count again (e.g. after an analysis was changed)."""
        from casusdesk.services.issue_export import overview_charts

        group = service.group_analysis(self.store, self.group_id, self.methods)
        self.setWindowTitle(f"Overzicht issue-momenten · {group.group_name}")
        ov = group.overview()
        self.overview = ov
        self.figures["sessions"].setText(str(len(group.sessions)))
        self.figures["moments"].setText(str(ov.moments))
        self.figures["rate"].setText(service.percent(ov.bridging_rate()))
        self.figures["open"].setText(str(len(ov.open_moments)))
        heat, bars = overview_charts(self.store, self.group_id, self.methods)
        for label, png, empty in ((self.heat, heat, "Nog geen issue-momenten in deze groep."),
                                  (self.bars, bars, "Nog geen moment beoordeeld.")):
            if png is None:
                label.setPixmap(QPixmap())
                label.setText(empty)
                continue
            pixmap = QPixmap()
            pixmap.loadFromData(png, "PNG")
            label.setPixmap(pixmap.scaledToWidth(
                min(pixmap.width(), 720 if label is self.heat else 480),
                Qt.TransformationMode.SmoothTransformation))
        _fill(self.clashes, [(" – ".join(pair), str(n_sessions), str(n))
                             for pair, n_sessions, n in ov.recurring]
              or [("(geen: dezelfde diensten botsten niet in meer dan één bijeenkomst)", "", "")])
        by_id = {m.id: (s, m) for s in group.sessions for m in s.moments}
        self._open_sessions: list[int] = []
        rows = []
        for r in ov.open_moments:
            s, m = by_id[r.capture_id]
            assert s.session.id is not None
            self._open_sessions.append(s.session.id)
            rows.append((s.key, format_hms(m.session_seconds), ", ".join(m.data.get("codes") or []),
                         str(m.data.get("description") or "(nog aanvullen)"),
                         str(m.data.get("theme") or "–"),
                         str(m.data.get("outcome") or "nog niet beoordeeld")))
        _fill(self.open_moments, rows)
        self.uncontested.setText("; ".join(f"{t} ({n}×)" for t, n in ov.uncontested)
                                 or "Nog niets genoteerd (in de analyse van een bijeenkomst).")

    def _open_selected(self) -> None:
        row = self.open_moments.currentRow()
        if self.open_analysis is None or not 0 <= row < len(self._open_sessions):
            return
        self.open_analysis(self._open_sessions[row])
        self.reload()

    # -- exports ------------------------------------------------------------------------
    def _ask_path(self, title: str, suggestion: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(self, title, suggestion)
        return path

    def _export(self, title: str, suffix: str, run: Callable[[str], str]) -> None:
        path = self.ask_path(title, f"issue-momenten{suffix}")
        if not path:
            return
        if not path.lower().endswith(suffix):
            path += suffix
        self.error.show_message("")
        self.status.setText("Bezig met anonimiseren en controleren…")
        self.repaint()
        try:
            done = run(path)
        except CasusdeskError as exc:
            self.status.setText("")
            self.error.show_message(str(exc))
            return
        self.status.setText(done)

    def export_issues(self) -> None:
        from casusdesk.services.issue_export import export_issues

        def run(path: str) -> str:
            out, count = export_issues(self.store, self.group_id, self.methods, path)
            return f"Codeerschema met {count} issue-momenten opgeslagen: {out}"

        self._export("Codeerschema opslaan", ".xlsx", run)

    def export_report(self) -> None:
        from casusdesk.services.issue_export import export_overview

        def run(path: str) -> str:
            return f"Overzicht opgeslagen: {export_overview(self.store, self.group_id, self.methods, path)}"

        self._export("Overzicht opslaan", ".docx", run)
