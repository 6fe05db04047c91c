"""Review the anonymization of the minutes, then export them or prepare a mail.

Every detection is highlighted by kind. The facilitator can switch one off (all its
occurrences follow), select a missed span and mark it, and sees how many
replacements will be made. Decisions are kept with the session.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
    QMessageBox,
    QPushButton, QSplitter, QTextEdit, QVBoxLayout, QWidget,
)

from casusdesk.domain.errors import CasusdeskError
from casusdesk.domain.method import Method
from casusdesk.services import anonymize
from casusdesk.services import minutes as minutes_service
from casusdesk.storage.repositories import Store
from casusdesk.services import scratch
from casusdesk.ui import printing
from casusdesk.ui.widgets import ErrorLabel, fit_to_screen, guard_wheel
from casusdesk.ui.worker import Job

KIND_COLOURS = {
    "eigen": "#ffcdd2", "persoon": "#ffe0b2", "plaats": "#c8e6c9", "instelling": "#b3e5fc",
    "datum": "#e1bee7", "leeftijd": "#f0f4c3", "telefoon": "#d7ccc8", "email": "#d7ccc8",
    "bsn": "#ff8a80", "iban": "#ff8a80", "postcode": "#c8e6c9", "adres": "#c8e6c9",
    "kenteken": "#d7ccc8", "url": "#d7ccc8", "nummer": "#d7ccc8", "handmatig": "#fff59d",
    "account": "#d7ccc8", "naam": "#ffccbc", "herkomst": "#b2dfdb",
    minutes_service.TO_CHECK: "#ffffff",
}
#: asks where to save; returns "" when cancelled. Tests replace it.
AskPath = Callable[[QWidget, str, str, str], str]


def ask_save_path(parent: QWidget, title: str, suggestion: str, pattern: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggestion, pattern)
    return path


class ReviewDialog(QDialog):
    """The minutes text with every detection, before export."""

    def __init__(self, store: Store, session_id: int, methods: Mapping[str, Method],
                 parent: QWidget | None = None, *, ask_path: AskPath = ask_save_path,
                 open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl,
                 skip_damaged: bool = False,
                 ask_printer: printing.AskPrinter = printing.ask_printer) -> None:
        super().__init__(parent)
        self.ask_printer = ask_printer
        #: the checked .docx that was printed last (in a folder removed at exit)
        self.last_print: Path | None = None
        self.setWindowTitle("Verslag controleren en exporteren")
        fit_to_screen(self, 1200, 760)
        self.store, self.session_id, self.methods = store, session_id, methods
        self.ask_path, self.open_url = ask_path, open_url
        #: the facilitator agreed to leave out captures that cannot be read
        self.skip_damaged = skip_damaged
        self.decisions: anonymize.ReviewDecisions = minutes_service.load_review_decisions(
            store, session_id)
        self.items: list[minutes_service.ReviewItem] = []
        self.ready = False
        #: how many times the detections were shown; tests wait for it to go up
        self.generation = 0
        self.last_mail: Path | None = None
        self._job: Job | None = None

        self.status = QLabel("De anonimisering wordt voorbereid…")
        self.status.setWordWrap(True)
        self.text = QTextEdit()
        self.text.setReadOnly(True)
        self.text.setPlaceholderText("Even geduld…")
        self.detections = QListWidget()
        self.detections.setObjectName("detectionList")
        self.count = QLabel()
        self.count.setObjectName("sectionTitle")
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)
        self.hidden_notice = QLabel("")
        self.hidden_notice.setWordWrap(True)
        self.kind_box = QComboBox()
        self.kind_box.setToolTip("Kies een soort om in één keer te beslissen")
        self.replace_kind_button = QPushButton("Alle van deze soort vervangen")
        self.keep_kind_button = QPushButton("Alle van deze soort laten staan")
        self.overview: minutes_service.ReviewOverview | None = None
        self.hidden_removed = False
        self.mark_button = QPushButton("Selectie markeren")
        self.mark_button.setToolTip("Selecteer in de tekst wat er nog uit moet en klik hier; "
                                    "elke plek met dezelfde tekst gaat mee")
        self.error = ErrorLabel()
        self.export_button = QPushButton("Exporteren als Word…")
        self.mail_button = QPushButton("Mailen…")
        self.mail_button.setToolTip("Maakt een concept-e-mail met het verslag als bijlage voor je "
                                    "eigen mailprogramma; casusdesk verstuurt zelf niets")
        self.print_button = QPushButton("Afdrukken…")
        self.print_button.setToolTip("Drukt het gecontroleerde verslag af via de printer "
                                     "(Ctrl+P)")
        self.print_button.setShortcut(QKeySequence("Ctrl+P"))
        close = QPushButton("Sluiten")

        side = QWidget()
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addWidget(self.count)
        hint = QLabel("Vinkje uit: deze tekst blijft staan (overal). Namen van deelnemers en "
                      "de cliënt gaan er altijd uit.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        sl.addWidget(hint)
        sl.addWidget(self.summary)
        sl.addWidget(self.detections, 1)
        kinds = QHBoxLayout()
        kinds.addWidget(self.kind_box, 1)
        sl.addLayout(kinds)
        kind_buttons = QHBoxLayout()
        kind_buttons.addWidget(self.replace_kind_button)
        kind_buttons.addWidget(self.keep_kind_button)
        sl.addLayout(kind_buttons)
        sl.addWidget(self.mark_button)
        splitter = QSplitter()
        splitter.addWidget(self.text)
        splitter.addWidget(side)
        splitter.setSizes([800, 380])
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.mail_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.hidden_notice)
        #: says, for as long as the dialog is open, that damaged captures are left out
        self.damage_note = QLabel("Beschadigde vastleggingen staan niet in dit verslag: je hebt "
                                  "ingestemd met een verslag zonder die vastleggingen.")
        self.damage_note.setObjectName("hint")
        self.damage_note.setWordWrap(True)
        self.damage_note.setVisible(skip_damaged)
        layout.addWidget(self.damage_note)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        self.detections.itemChanged.connect(self._on_item_changed)
        self.mark_button.clicked.connect(self.mark_selection)
        self.replace_kind_button.clicked.connect(lambda: self.decide_kind(keep=False))
        self.keep_kind_button.clicked.connect(lambda: self.decide_kind(keep=True))
        self.export_button.clicked.connect(self.export)
        self.mail_button.clicked.connect(self.mail)
        self.print_button.clicked.connect(self.print_minutes)
        close.clicked.connect(self.reject)
        guard_wheel(self)
        self._set_busy(True)
        self.refresh()

    # -- background work -------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        for widget in (self.mark_button, self.export_button, self.mail_button,
                       self.print_button, self.detections,
                       self.replace_kind_button, self.keep_kind_button, self.kind_box):
            widget.setEnabled(not busy)

    def _run(self, work: Callable[[Job], object], done: Callable[[object], None]) -> None:
        self._set_busy(True)
        job = Job(work, self)
        job.progress.connect(self.status.setText)

        def finished() -> None:
            self._set_busy(False)
            if job.error is not None:
                self._on_failed(job.error)
            else:
                done(job.result)

        job.finished.connect(finished)
        self._job = job
        job.start()

    def _on_failed(self, exc: object) -> None:
        message = str(exc) if isinstance(exc, CasusdeskError) else (
            f"Er ging iets mis: {exc}. Er is niets opgeslagen.")
        self.error.show_message(message)
        self.status.setText("")

    def refresh(self) -> None:
        """Detect again with the current decisions (in the background)."""
        store, sid, methods, decisions = self.store, self.session_id, self.methods, self.decisions
        skip = self.skip_damaged

        def work(job: Job) -> list[minutes_service.ReviewItem]:
            if not anonymize.is_ready():
                if anonymize.needs_build():
                    job.report("De anonimisering wordt eenmalig voorbereid; dat duurt 1 à 2 "
                               "minuten. Daarna gaat het in een paar seconden.")
                anonymize.warm_up(job.report)
            job.report("Alle teksten van de bijeenkomst worden nagelopen op namen en andere "
                       "persoonsgegevens…")
            items = minutes_service.review_items(store, sid, methods, decisions=decisions,
                                                 skip_damaged=skip)
            hidden = minutes_service.hidden_characters_removed(store, sid)
            pseudonym = store.get_session(sid).case.client_pseudonym
            return items, minutes_service.review_overview(items, safe=[pseudonym]), hidden

        self._run(work, self._show)

    def wait(self, timeout_ms: int = 300_000) -> None:
        """Block until the background work is done (for tests and scripts)."""
        if self._job is not None:
            self._job.wait(timeout_ms)

    # -- rendering ------------------------------------------------------------------
    def _show(self, result: object) -> None:
        items, overview, hidden = result  # type: ignore[misc]
        self.items = list(items)
        self.overview = overview
        self.hidden_removed = bool(hidden)
        self.summary.setText("Per soort: " + overview.summary())
        self.hidden_notice.setText(
            "Er stonden onzichtbare tekens in de teksten (bijvoorbeeld uit Word of Outlook "
            "geplakt); die zijn eruit gehaald en komen in geen enkele export terecht."
            if self.hidden_removed else "")
        self.hidden_notice.setVisible(self.hidden_removed)
        self._fill_kinds()
        self.ready = True
        self.generation += 1
        total = sum(len(i.detections) for i in self.items)
        self.count.setText(f"{total} vervangingen")
        self.status.setText("Controleer de gemarkeerde plekken. Met de muis erop zie je wat "
                            "ervoor in de plaats komt.")
        self.text.clear()
        cursor = QTextCursor(self.text.document())
        plain, heading, last_where = QTextCharFormat(), QTextCharFormat(), None
        heading.setFontWeight(700)
        for item in self.items:
            if item.where != last_where:
                cursor.insertBlock()
                cursor.insertText(item.where, heading)
                last_where = item.where
            cursor.insertBlock()
            position = 0
            for d in sorted(item.detections, key=lambda d: d.start):
                cursor.insertText(item.text[position:d.start], plain)
                marked = QTextCharFormat()
                marked.setBackground(QColor(KIND_COLOURS.get(d.kind, "#fff59d")))
                marked.setToolTip(f"{d.kind} → {d.replacement}")
                cursor.insertText(item.text[d.start:d.end], marked)
                position = d.end
            cursor.insertText(item.text[position:], plain)
        self.text.moveCursor(QTextCursor.MoveOperation.Start)
        self._fill_list()

    def _fill_list(self) -> None:
        self.detections.blockSignals(True)
        self.detections.clear()
        for group in minutes_service.group_detections(self.items):
            row = QListWidgetItem(f"{group.text}  →  {group.replacement}   "
                                  f"({group.kind}, {group.count}×)")
            row.setData(Qt.ItemDataRole.UserRole, (group.text, group.kind))
            row.setBackground(QColor(KIND_COLOURS.get(group.kind, "#fff59d")))
            flags = row.flags() | Qt.ItemFlag.ItemIsUserCheckable
            if group.kind == "eigen":  # known names always go: the final check would refuse them
                flags &= ~Qt.ItemFlag.ItemIsEnabled
            row.setFlags(flags)
            row.setCheckState(Qt.CheckState.Checked)
            self.detections.addItem(row)
        if self.overview is not None:
            for word, count in self.overview.to_check:
                row = QListWidgetItem(f"{word}  (te controleren, {count}×): blijft staan")
                row.setData(Qt.ItemDataRole.UserRole, (word, minutes_service.TO_CHECK))
                row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                row.setCheckState(Qt.CheckState.Unchecked)
                self.detections.addItem(row)
        for ref in self.decisions.unmarked:
            row = QListWidgetItem(f"{ref.text}  (blijft staan, {ref.kind})")
            row.setData(Qt.ItemDataRole.UserRole, (ref.text, ref.kind))
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Unchecked)
            self.detections.addItem(row)
        self.detections.blockSignals(False)

    # -- decisions -------------------------------------------------------------------
    def _save_decisions(self) -> None:
        minutes_service.save_review_decisions(self.store, self.session_id, self.decisions)

    def _fill_kinds(self) -> None:
        current = self.kind_box.currentData()
        self.kind_box.clear()
        assert self.overview is not None
        for kind, count in self.overview.counts.items():
            if kind != "eigen":
                label = minutes_service.KIND_LABELS.get(kind, kind)
                self.kind_box.addItem(f"{label} ({count}× vervangen)", kind)
        for kind in dict.fromkeys(u.kind for u in self.decisions.unmarked):
            if self.kind_box.findData(kind) < 0:  # all of it kept: can be undone at once
                label = minutes_service.KIND_LABELS.get(kind, kind)
                self.kind_box.addItem(f"{label} (alles blijft staan)", kind)
        if self.overview.to_check:
            count = sum(n for _w, n in self.overview.to_check)
            self.kind_box.addItem(f"{minutes_service.TO_CHECK} ({count}×)",
                                  minutes_service.TO_CHECK)
        index = self.kind_box.findData(current)
        self.kind_box.setCurrentIndex(max(index, 0))

    def decide_kind(self, *, keep: bool) -> None:
        """Replace (or keep) every text of the chosen kind at once."""
        kind = self.kind_box.currentData()
        if kind is None:
            return
        pseudonym = self.store.get_session(self.session_id).case.client_pseudonym
        minutes_service.apply_to_kind(self.decisions, self.items, kind, keep=keep,
                                      safe=[pseudonym])
        self._save_decisions()
        self.refresh()

    def _on_item_changed(self, row: QListWidgetItem) -> None:
        text, kind = row.data(Qt.ItemDataRole.UserRole)
        if kind == minutes_service.TO_CHECK:
            if row.checkState() == Qt.CheckState.Checked:
                self.decisions.mark(text, "naam")
                self._save_decisions()
                self.refresh()
            return
        if row.checkState() == Qt.CheckState.Unchecked:
            self.decisions.unmark(text, kind)
        else:
            self.decisions.unmarked = [r for r in self.decisions.unmarked
                                       if (r.text, r.kind) != (text, kind)]
        self._save_decisions()
        self.refresh()

    def mark_selection(self) -> None:
        selected = self.text.textCursor().selectedText().strip()
        if not selected:
            self.error.show_message("Selecteer eerst in de tekst wat er nog uit moet.")
            return
        self.error.show_message("")
        self.decisions.mark(selected)
        self._save_decisions()
        self.refresh()

    # -- export ----------------------------------------------------------------------
    def _suggested_name(self) -> str:
        session = self.store.get_session(self.session_id)
        return f"verslag-{session.date:%Y-%m-%d}.docx"

    def export(self) -> None:
        path = self.ask_path(self, "Verslag opslaan", self._suggested_name(),
                             "Word-document (*.docx)")
        if not path:
            return
        if not path.lower().endswith(".docx"):
            path += ".docx"
        self._export_to(Path(path), then=self._exported)

    def _export_to(self, path: Path, then: Callable[[object], None]) -> None:
        store, sid, methods, decisions = self.store, self.session_id, self.methods, self.decisions
        skip = self.skip_damaged

        def work(job: Job) -> Path:
            job.report("Het verslag wordt gemaakt en gecontroleerd…")
            return minutes_service.export_minutes(store, sid, methods, path, decisions=decisions,
                                                  skip_damaged=skip)

        self.error.show_message("")
        self._run(work, then)

    def _exported(self, path: object) -> None:
        self.status.setText(f"Opgeslagen: {path}. Er staat geen bekende naam meer in.")

    def mail(self) -> None:
        folder = scratch.folder("casusdesk-mail-")  # removed when the program ends
        self._export_to(folder / self._suggested_name(), then=self._mail_ready)

    def _mail_ready(self, docx: object) -> None:
        docx = Path(str(docx))
        try:
            eml = minutes_service.export_mail_draft(self.store, self.session_id, docx,
                                                    docx.with_suffix(".eml"),
                                                    decisions=self.decisions,
                                                    skip_damaged=self.skip_damaged)
        except CasusdeskError as exc:
            self.error.show_message(str(exc))
            return
        self.last_mail = eml
        if not self.open_url(QUrl.fromLocalFile(str(eml))):
            QMessageBox.information(self, "Mailen", f"Open het concept zelf: {eml}")
        self.status.setText(f"Concept-e-mail gemaakt: {eml}. Vul de ontvangers in en verstuur "
                            "het vanuit je eigen mailprogramma.")

    def print_minutes(self) -> None:
        """Make and check the minutes as for the export, then print that checked file."""
        folder = scratch.folder("casusdesk-print-")  # removed when the program ends
        self._export_to(folder / self._suggested_name(), then=self._print_ready)

    def _print_ready(self, docx: object) -> None:
        docx = Path(str(docx))
        self.last_print = docx
        try:
            printed = printing.print_minutes(docx.read_bytes(), docx.stem, self,
                                             ask=self.ask_printer)
        except OSError as exc:
            self.error.show_message(f"Afdrukken lukt niet: {exc}")
            return
        self.status.setText("Het verslag is naar de printer gestuurd." if printed
                            else "Afdrukken geannuleerd.")

    def done(self, result: int) -> None:  # noqa: D102 - wait for a running job first
        self.wait()
        super().done(result)
