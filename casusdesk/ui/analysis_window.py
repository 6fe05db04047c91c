"""The analysis of a session's issue moments, after the session (issue 10).

One window: the moments on the left, the report's five steps on the right as tabs
(Ctrl+1 .. Ctrl+5), Alt+Down / Alt+Up for the next or previous moment. Everything is
stored as it is typed or ticked; Ctrl+Z outside a text field (or "Ongedaan maken")
undoes the last change of a moment, a text field's own Ctrl+Z undoes typing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QSplitter,
    QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from casusdesk.domain import analysis as model
from casusdesk.domain.analysis import IssueAnalysis, Narrative, SessionAnalysis
from casusdesk.domain.errors import CasusdeskError, ValidationError
from casusdesk.domain.model import Capture
from casusdesk.domain.timer import format_hms
from casusdesk.services import analysis as service
from casusdesk.services.live import describe_capture
from casusdesk.storage.repositories import Store
from casusdesk.ui.capture_panes import TagBoxes
from casusdesk.ui.widgets import ErrorLabel, set_plain_text

_STEPS = ("1. Moment en issue", "2. Verhalen per partij", "3. Frames", "4. Overbrugging",
          "5. Invloeden")
_NARRATIVE_COLUMNS = ("party", *model.NARRATIVE_FIELDS)


def _plain(height: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setMaximumHeight(height)
    return edit


def _choice_box(choices: dict[str, str], empty: str) -> QComboBox:
    box = QComboBox()
    box.addItem(empty, "")
    for key, label in choices.items():
        box.addItem(label, key)
    return box


class AnalysisWindow(QDialog):
    """Analyse the issue moments of one session; stored as typed."""

    def __init__(self, store: Store, session_id: int, vocabulary: dict[str, tuple[str, ...]],
                 methods: dict | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.session_id = store, session_id
        session = store.get_session(session_id)
        self.setWindowTitle(f"Analyse van de issue-momenten · {session.title}")
        self.resize(1280, 720)
        self.glossary = service.glossary()
        self.codes = service.group_codes(store, session.group_id)
        method = (methods or {}).get(session.method_id)
        self.phases = [p.title for p in method.phases] if method else []
        self.moments: list[Capture] = service.issue_moments(store, session_id)
        self.current: Capture | None = None
        self._loading = False
        #: undo steps: (capture id, data before, what changed); one per field in a row
        self._undo: list[tuple[int, dict, str]] = []

        # -- left: the moments and what was not contested --------------------------
        self.list = QListWidget()
        self.list.setAccessibleName("Issue-momenten")
        self.list.setWordWrap(True)
        self.uncontested = _plain(150)
        self.uncontested.setAccessibleName("Niet omstreden onderwerpen")
        self.uncontested.setPlaceholderText("Eén onderwerp per regel, bijvoorbeeld: hetzelfde "
                                            "doel")
        self.uncontested.setToolTip(self._section("niet_omstreden"))
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self._title("Issue-momenten"))
        ll.addWidget(self.list, 1)
        ll.addWidget(self._title("Niet omstreden in deze bijeenkomst"))
        ll.addWidget(self.uncontested)

        # -- step 1: the moment and the issue ----------------------------------------
        self.when = QLabel()
        self.when.setObjectName("hint")
        self.codes_edit = QLineEdit()
        self.codes_edit.setPlaceholderText("codes, bijv. KM_1, SW_1")
        self.description = QLineEdit()
        self.kind_box = QComboBox()
        for key, label in model.MOMENT_KINDS.items():
            self.kind_box.addItem(label, key)
        self.theme_box = QComboBox()
        self.theme_box.setEditable(True)
        self.theme_box.addItems(list(vocabulary.get("themes", ())))
        self.theme_box.lineEdit().setPlaceholderText("(geen thema)")
        self.quote = QLineEdit()
        self.outcome_box = QComboBox()
        self.outcome_box.addItem("(niet gekozen)", "")
        for outcome in vocabulary.get("outcomes", ()):
            self.outcome_box.addItem(outcome, outcome)
        self.tags = TagBoxes(tuple(model.RELATIONAL_TAGS), tuple(model.RELATIONAL_TAGS.values()))
        for value, box in zip(model.RELATIONAL_TAGS, self.tags.boxes):
            entry = self.glossary.tags.get(value)
            if entry:
                box.setToolTip(entry.explanation)
        self.question = QLineEdit()
        self.question.setPlaceholderText("Bijvoorbeeld: hoe kom ik tot een goed oordeel over de "
                                         "cliënt: op papier of in persoonlijk contact?")
        step1 = QWidget()
        f1 = QFormLayout(step1)
        f1.addRow("Wanneer", self.when)
        f1.addRow("Wie (codes)", self.codes_edit)
        f1.addRow("Waarover", self.description)
        f1.addRow("Soort moment", self.kind_box)
        f1.addRow("Thema", self.theme_box)
        f1.addRow("Citaat", self.quote)
        f1.addRow("Uitkomst", self.outcome_box)
        f1.addRow("Omgang", self.tags)
        f1.addRow("Het issue als vraag", self.question)
        f1.addRow(self._hint(self._section("stappen")))

        # -- step 2: narratives per party -------------------------------------------
        self.narratives = QTableWidget(0, len(_NARRATIVE_COLUMNS))
        self.narratives.setHorizontalHeaderLabels(
            ["Partij", "Wat", "Probleem", "Oorzaken en\nverantwoordelijkheden",
             "Morele\noordelen", "Oplossingen"])
        self.narratives.horizontalHeaderItem(0).setToolTip(
            "Een code (KM_1) of een dienst (Werk & Inkomen)")
        self.narratives.setAccessibleName("Verhalen per partij")
        self.narratives.setWordWrap(True)
        self.narratives.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.narratives.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.narratives.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.add_party = QPushButton("Partij toevoegen (Ctrl+Shift+P)")
        self.remove_party = QPushButton("Partij verwijderen")
        step2 = QWidget()
        l2 = QVBoxLayout(step2)
        l2.addWidget(self._hint(self._section("verhaal")))
        l2.addWidget(self.narratives, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_party)
        row.addWidget(self.remove_party)
        row.addStretch(1)
        l2.addLayout(row)

        # -- step 3: frames -----------------------------------------------------------
        self.frames = QListWidget()
        self.frames.setAccessibleName("Frames")
        for frame in vocabulary.get("frames", ()):
            self._frame_item(frame)
        self.own_frame = QLineEdit()
        self.own_frame.setPlaceholderText("Eigen frame, Enter voegt het toe")
        self.frame_help = QLabel()
        self.frame_help.setWordWrap(True)
        self.frame_help.setObjectName("glossary")
        self.frame_help.setMinimumHeight(60)
        step3 = QWidget()
        l3 = QVBoxLayout(step3)
        l3.addWidget(self._hint("Vink de frames aan die onder het issue lagen (spatie); de uitleg "
                                "staat eronder."))
        l3.addWidget(self.frames, 1)
        l3.addWidget(self.frame_help)
        l3.addWidget(self.own_frame)

        # -- step 4: bridging ----------------------------------------------------------
        self.bridged_box = _choice_box(model.BRIDGING, "(nog niet beoordeeld)")
        self.how = _plain(120)
        self.how.setPlaceholderText("Hoe kwamen ze (niet) bij elkaar? Bijvoorbeeld: erkenning dat "
                                    "oordelen op de feiten alleen te kort door de bocht is.")
        self.reframing_box = _choice_box(model.REFRAMING, "(geen of onbekend)")
        self.controversy_box = _choice_box(model.CONTROVERSY, "(geen of onbekend)")
        for box, entries in ((self.reframing_box, self.glossary.reframing),
                             (self.controversy_box, self.glossary.controversy)):
            for i in range(1, box.count()):
                entry = entries.get(box.itemData(i))
                if entry:
                    box.setItemData(i, entry.explanation, Qt.ItemDataRole.ToolTipRole)
        self.bridging_help = QLabel()
        self.bridging_help.setWordWrap(True)
        self.bridging_help.setObjectName("glossary")
        step4 = QWidget()
        l4 = QVBoxLayout(step4)
        f4 = QFormLayout()
        l4.addLayout(f4)
        f4.addRow("Overbrugd", self.bridged_box)
        f4.addRow("Hoe", self.how)
        f4.addRow("Soort reframing", self.reframing_box)
        f4.addRow("Omgang met de controverse", self.controversy_box)
        l4.addWidget(self.bridging_help)
        l4.addStretch(1)

        # -- step 5: influences -----------------------------------------------------
        self.influences = {key: QLineEdit() for key in model.INFLUENCES}
        step5 = QWidget()
        f5 = QFormLayout(step5)
        f5.addRow(self._hint(self._section("invloeden")))
        for key, label in model.INFLUENCES.items():
            self.influences[key].setPlaceholderText("wat hielp of hinderde?")
            f5.addRow(label, self.influences[key])

        self.tabs = QTabWidget()
        for widget, title in zip((step1, step2, step3, step4, step5), _STEPS):
            self.tabs.addTab(widget, title)
        self.error = ErrorLabel()
        self.saved = QLabel()
        self.saved.setObjectName("hint")
        self.undo_button = QPushButton("Ongedaan maken (Ctrl+Z)")
        self.undo_button.setEnabled(False)
        self.close_button = QPushButton("Sluiten")
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.tabs, 1)
        rl.addWidget(self.error)
        bottom = QHBoxLayout()
        bottom.addWidget(self.saved, 1)
        bottom.addWidget(self.undo_button)
        bottom.addWidget(self.close_button)
        rl.addLayout(bottom)

        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([320, 960])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        self.empty = QLabel("In deze bijeenkomst zijn geen issue-momenten vastgelegd. Leg ze vast "
                            "in de console met Ctrl+I.")
        self.empty.setWordWrap(True)
        self.empty.setVisible(not self.moments)
        layout.addWidget(self.empty)
        layout.addWidget(self.splitter, 1)
        self.setStyleSheet("QLabel#glossary { background: #f3f6fa; padding: 6px; "
                           "border-radius: 6px; }")

        # -- wiring ---------------------------------------------------------------------
        self.list.currentRowChanged.connect(self._show_row)
        for edit, key in ((self.codes_edit, "codes"), (self.description, "description"),
                          (self.quote, "quote")):
            edit.textEdited.connect(lambda _t, k=key: self._save_fields(k))
        self.theme_box.currentTextChanged.connect(lambda _t: self._save_fields("theme"))
        self.kind_box.currentIndexChanged.connect(lambda _i: self._save_fields("moment"))
        self.outcome_box.currentIndexChanged.connect(lambda _i: self._save_fields("outcome"))
        for box in self.tags.boxes:
            box.toggled.connect(lambda _on: self._save_fields("tags"))
        self.question.textEdited.connect(lambda _t: self._save_analysis("question"))
        self.narratives.itemChanged.connect(lambda _i: self._save_analysis("narratives"))
        self.add_party.clicked.connect(self.add_narrative)
        self.remove_party.clicked.connect(self.remove_narrative)
        self.frames.itemChanged.connect(lambda _i: self._save_analysis("frames"))
        self.frames.currentItemChanged.connect(self._show_frame_help)
        self.own_frame.returnPressed.connect(self.add_own_frame)
        self.bridged_box.currentIndexChanged.connect(lambda _i: self._save_analysis("bridged"))
        self.how.textChanged.connect(lambda: self._save_analysis("how"))
        self.reframing_box.currentIndexChanged.connect(self._on_reframing)
        self.controversy_box.currentIndexChanged.connect(self._on_controversy)
        for key, edit in self.influences.items():
            edit.textEdited.connect(lambda _t, k=key: self._save_analysis(f"influence:{k}"))
        self.uncontested.textChanged.connect(self._save_uncontested)
        self.undo_button.clicked.connect(self.undo)
        self.close_button.clicked.connect(self.accept)
        for i in range(len(_STEPS)):
            QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self,
                      lambda i=i: self._goto_step(i))
        QShortcut(QKeySequence("Alt+Down"), self, lambda: self._step_moment(1))
        QShortcut(QKeySequence("Alt+Up"), self, lambda: self._step_moment(-1))
        QShortcut(QKeySequence("Ctrl+Shift+P"), self, self.add_narrative)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self, self.undo)

        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)  # Enter in a field never adds a party or closes
        self._loading = True
        set_plain_text(self.uncontested,
                       "\n".join(service.session_analysis(store, session_id).uncontested))
        self._loading = False
        for m in self.moments:
            self.list.addItem(QListWidgetItem(self._list_text(m)))
        self.splitter.setEnabled(True)
        self.tabs.setEnabled(bool(self.moments))
        if self.moments:
            self.list.setCurrentRow(0)
        self.list.setFocus()

    # -- helpers ----------------------------------------------------------------------
    @staticmethod
    def _title(text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("sectionTitle")
        return label

    @staticmethod
    def _hint(text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("hint")
        label.setWordWrap(True)
        return label

    def _section(self, key: str) -> str:
        entry = self.glossary.sections.get(key)
        return entry.explanation if entry else ""

    def _frame_item(self, frame: str, checked: bool = False) -> QListWidgetItem:
        item = QListWidgetItem(frame)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        item.setToolTip(self.glossary.explain(frame) or "Eigen frame")
        self.frames.addItem(item)
        return item

    def _list_text(self, m: Capture) -> str:
        done = "✓ " if not model.analysis_of(m.data).is_empty() else ""
        return done + describe_capture(m)

    def _goto_step(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        first = {0: self.codes_edit, 1: self.narratives, 2: self.frames, 3: self.bridged_box,
                 4: self.influences["methode"]}[index]
        first.setFocus()

    def _step_moment(self, delta: int) -> None:
        row = self.list.currentRow() + delta
        if 0 <= row < self.list.count():
            self.list.setCurrentRow(row)

    # -- showing a moment ---------------------------------------------------------------
    def _show_row(self, row: int) -> None:
        if not 0 <= row < len(self.moments):
            return
        m = self.current = self.moments[row]
        d = m.data
        a = model.analysis_of(d)
        self._loading = True
        try:
            phase = (self.phases[m.phase_index] if 0 <= m.phase_index < len(self.phases)
                     else f"fase {m.phase_index + 1}")
            self.when.setText(f"{format_hms(m.session_seconds)} sinds het begin · {phase}")
            self.codes_edit.setText(", ".join(d.get("codes") or []))
            self.description.setText(str(d.get("description") or ""))
            self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(
                d.get("moment") or model.DEFAULT_MOMENT_KIND)))
            theme = str(d.get("theme") or "")
            self.theme_box.setCurrentIndex(self.theme_box.findText(theme) if theme else -1)
            self.theme_box.setEditText(theme)
            self.quote.setText(str(d.get("quote") or ""))
            self.outcome_box.setCurrentIndex(max(0, self.outcome_box.findData(
                d.get("outcome") or "")))
            self.tags.set_values(d.get("tags") or [])
            self.question.setText(a.question)
            narratives = a.narratives or [Narrative(party=c) for c in d.get("codes") or []]
            self.narratives.setRowCount(0)
            for n in narratives:
                self._append_narrative(n)
            chosen = model.moment_frames(d)
            present = {self.frames.item(i).text() for i in range(self.frames.count())}
            for frame in chosen:
                if frame not in present:
                    self._frame_item(frame)
            for i in range(self.frames.count()):
                item = self.frames.item(i)
                item.setCheckState(Qt.CheckState.Checked if item.text() in chosen
                                   else Qt.CheckState.Unchecked)
            self.bridged_box.setCurrentIndex(max(0, self.bridged_box.findData(a.bridged)))
            set_plain_text(self.how, a.how)
            self.reframing_box.setCurrentIndex(max(0, self.reframing_box.findData(a.reframing)))
            self.controversy_box.setCurrentIndex(
                max(0, self.controversy_box.findData(a.controversy)))
            for key, edit in self.influences.items():
                edit.setText(a.influences.get(key, ""))
        finally:
            self._loading = False
        self._show_bridging_help()
        self.error.show_message("")

    def _append_narrative(self, n: Narrative) -> None:
        row = self.narratives.rowCount()
        self.narratives.insertRow(row)
        for col, key in enumerate(_NARRATIVE_COLUMNS):
            self.narratives.setItem(row, col, QTableWidgetItem(getattr(n, key)))

    def _show_frame_help(self, item: QListWidgetItem | None, _prev: Any = None) -> None:
        self.frame_help.setText(item.toolTip() if item is not None else "")

    def _show_bridging_help(self) -> None:
        parts = []
        for box, entries in ((self.reframing_box, self.glossary.reframing),
                             (self.controversy_box, self.glossary.controversy)):
            entry = entries.get(box.currentData())
            if entry:
                parts.append(f"<b>{entry.label}</b>: {entry.explanation}")
        self.bridging_help.setText("<br>".join(parts))

    def _on_reframing(self, _index: int) -> None:
        self._show_bridging_help()
        self._save_analysis("reframing")

    def _on_controversy(self, _index: int) -> None:
        self._show_bridging_help()
        self._save_analysis("controversy")

    # -- reading the form -------------------------------------------------------------
    def _form_analysis(self) -> IssueAnalysis:
        narratives = []
        for row in range(self.narratives.rowCount()):
            values = {}
            for col, key in enumerate(_NARRATIVE_COLUMNS):
                item = self.narratives.item(row, col)
                values[key] = item.text() if item is not None else ""
            narratives.append(Narrative(**values))
        frames = [self.frames.item(i).text() for i in range(self.frames.count())
                  if self.frames.item(i).checkState() == Qt.CheckState.Checked]
        return IssueAnalysis(
            question=self.question.text(), narratives=narratives, frames=frames,
            bridged=self.bridged_box.currentData() or "", how=self.how.toPlainText(),
            reframing=self.reframing_box.currentData() or "",
            controversy=self.controversy_box.currentData() or "",
            influences={k: e.text() for k, e in self.influences.items()})

    def _form_fields(self) -> dict[str, Any]:
        codes = [c.strip().upper() for c in self.codes_edit.text().replace(";", ",").split(",")
                 if c.strip()]
        unknown = [c for c in codes if c not in self.codes]
        if unknown:
            raise ValidationError(f"Onbekende code(s): {', '.join(unknown)}. Codes van de groep: "
                                  f"{', '.join(self.codes)}.")
        return {"codes": codes, "description": self.description.text().strip(),
                "moment": self.kind_box.currentData() or model.DEFAULT_MOMENT_KIND,
                "theme": self.theme_box.currentText().strip(),
                "quote": self.quote.text().strip(),
                "outcome": self.outcome_box.currentData() or "",
                "tags": self.tags.values()}

    # -- storing ----------------------------------------------------------------------
    def _store(self, what: str, write: Callable[[Capture], Capture]) -> None:
        if self._loading or self.current is None:
            return
        capture = self.current
        before = dict(capture.data)
        try:
            write(capture)
        except CasusdeskError as exc:
            self.error.show_message(str(exc))
            return
        assert capture.id is not None
        if not (self._undo and self._undo[-1][0] == capture.id and self._undo[-1][2] == what):
            self._undo.append((capture.id, before, what))
        self.undo_button.setEnabled(True)
        self.error.show_message("")
        self.saved.setText("Opgeslagen.")
        self.list.currentItem().setText(self._list_text(capture))

    def _save_fields(self, what: str) -> None:
        self._store(what, lambda c: service.save_moment(self.store, c, **self._form_fields()))

    def _save_analysis(self, what: str) -> None:
        self._store(what, lambda c: service.save_analysis(self.store, c, self._form_analysis()))

    def _save_uncontested(self) -> None:
        if self._loading:
            return
        topics = self.uncontested.toPlainText().splitlines()
        try:
            service.save_session_analysis(self.store, self.session_id, SessionAnalysis(topics))
        except CasusdeskError as exc:
            self.error.show_message(str(exc))
            return
        self.saved.setText("Opgeslagen.")

    # -- actions ------------------------------------------------------------------------
    def add_narrative(self) -> None:
        if self.current is None:
            return
        self.tabs.setCurrentIndex(1)
        self._append_narrative(Narrative())
        row = self.narratives.rowCount() - 1
        self.narratives.setCurrentCell(row, 0)
        self.narratives.setFocus()
        self.narratives.editItem(self.narratives.item(row, 0))

    def remove_narrative(self) -> None:
        row = self.narratives.currentRow()
        if row < 0:
            return
        self.narratives.removeRow(row)
        self._save_analysis("remove-narrative")

    def add_own_frame(self) -> None:
        text = " ".join(self.own_frame.text().split())
        if not text or self.current is None:
            return
        existing = self.frames.findItems(text, Qt.MatchFlag.MatchExactly)
        self._loading = True
        try:
            item = existing[0] if existing else self._frame_item(text)
            item.setCheckState(Qt.CheckState.Checked)
        finally:
            self._loading = False
        self.own_frame.clear()
        self._save_analysis("frames")

    def undo(self) -> None:
        """Put the last changed moment back as it was before that change."""
        if not self._undo:
            return
        capture_id, before, _what = self._undo[-1]
        row = next((i for i, m in enumerate(self.moments) if m.id == capture_id), None)
        if row is None:
            self._undo.pop()
            return
        try:
            service.restore_moment(self.store, self.moments[row], before)
        except CasusdeskError as exc:
            self.error.show_message(f"Niet ongedaan gemaakt: {exc}")
            return
        self._undo.pop()
        self.undo_button.setEnabled(bool(self._undo))
        self.list.item(row).setText(self._list_text(self.moments[row]))
        if self.list.currentRow() == row:
            self._show_row(row)
        else:
            self.list.setCurrentRow(row)
        self.saved.setText("Ongedaan gemaakt.")
