"""The session screen: date, place, method, the case and who is present."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPlainTextEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from casusdesk.domain.errors import CasusdeskError
from casusdesk.domain.model import (
    PROBLEM_LEVEL_LABELS, WHOSE_PROBLEM_CHOICES, Case, ProblemLevel, Session,
)
from casusdesk.services import rolwisseling
from casusdesk.services.live import method_change_refusal
from casusdesk.storage.repositories import (
    ConflictError, Store, changed_fields, invalid_session_fields, merged_elsewhere,
    session_fields,
)
from casusdesk.ui.series_panel import SeriesPanel
from casusdesk.ui.session_setup_box import SessionSetupBox
from casusdesk.ui.widgets import ErrorLabel, autosave_text, guard_wheel, set_plain_text


def _plain(max_height: int = 80) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setMaximumHeight(max_height)
    edit.setTabChangesFocus(True)
    return edit


class SessionPage(QWidget):
    """Edits one session and its case; saved on every change.

    Signals:
        back_requested: return to the group.
        session_changed: the session was saved (its title may have changed).
    """

    back_requested = Signal()
    session_changed = Signal()
    lead_requested = Signal(int)
    roles_requested = Signal(int)
    timeline_requested = Signal(int)
    method_edit_requested = Signal(int)
    interview_requested = Signal(int)
    minutes_requested = Signal(int)
    next_requested = Signal(int)
    agenda_requested = Signal(int)
    analysis_requested = Signal(int)

    def __init__(self, store: Store, methods: Sequence[tuple[str, str]], parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.store = store
        self.session: Session | None = None
        self._loading = False
        #: session field -> why what is typed there is not saved (Dutch)
        self.invalid: dict[str, str] = {}

        self.back_button = QPushButton("← Groep")
        self.back_button.setToolTip("Terug naar de groep (Esc)")
        self.back_button.setShortcut("Esc")
        self.lead_button = QPushButton("Bijeenkomst leiden ▶")
        self.lead_button.setObjectName("leadButton")
        self.lead_button.setToolTip("Ctrl+L: open de console met timer, vragen en beamer")
        self.lead_button.setShortcut("Ctrl+L")
        self.roles_button = QPushButton("Rolwisseling…")
        self.roles_button.setToolTip("Rollen verdelen en rolkaarten maken (Ctrl+R)")
        self.roles_button.setShortcut("Ctrl+R")
        self.minutes_button = QPushButton("Verslag…")
        self.minutes_button.setToolTip("Geanonimiseerd verslag controleren, exporteren en mailen "
                                       "(Ctrl+Shift+V)")
        self.minutes_button.setShortcut("Ctrl+Shift+V")
        self.next_button = QPushButton("Volgende bijeenkomst…")
        self.next_button.setToolTip("Maak de volgende bijeenkomst van de groep: een maand later, "
                                    "zelfde plaats en methode, met de open afspraken "
                                    "(Ctrl+Shift+B)")
        self.next_button.setShortcut("Ctrl+Shift+B")
        self.agenda_button = QPushButton("Agenda…")
        self.agenda_button.setToolTip("Agenda of uitnodiging als Word-bestand, zonder namen, om "
                                      "vooraf te versturen (Ctrl+Shift+A)")
        self.agenda_button.setShortcut("Ctrl+Shift+A")
        self.analysis_button = QPushButton("Issue-momenten analyseren…")
        self.analysis_button.setToolTip("Per issue-moment: het issue als vraag, de verhalen per "
                                        "partij, frames, overbrugging en invloeden (Ctrl+Shift+I)")
        self.analysis_button.setShortcut("Ctrl+Shift+I")
        self.interview_button = QPushButton("Interview…")
        self.interview_button.setToolTip("Gezamenlijk interview voorbereiden: duo, voorwaarden, "
                                         "reflectie (Ctrl+J)")
        self.interview_button.setShortcut("Ctrl+J")
        self.timeline_button = QPushButton("Levenslijn…")
        self.timeline_button.setToolTip("De levenslijn van de cliënt bewerken (Ctrl+E)")
        self.timeline_button.setShortcut("Ctrl+E")
        self.title = QLabel("Bijeenkomst")
        self.title.setObjectName("pageTitle")
        self.title.setWordWrap(True)

        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd-MM-yyyy")
        self.place_edit = QLineEdit()
        self.place_edit.setPlaceholderText("bijvoorbeeld: gemeentehuis, zaal 2 (optioneel)")
        self.method_box = QComboBox()
        self.set_methods(methods)
        self.method_button = QPushButton("Aanpassen…")
        self.method_button.setToolTip("Duur, volgorde en fasen voor deze bijeenkomst (Ctrl+M)")
        self.method_button.setShortcut("Ctrl+M")
        method_row = QHBoxLayout()
        method_row.addWidget(self.method_box, 1)
        method_row.addWidget(self.method_button)

        self.case_title = QLineEdit()
        self.case_title.setPlaceholderText("Korte titel zonder namen")
        self.coaching_question = _plain(60)
        self.coaching_question.setPlaceholderText("De vraag van de casusinbrenger aan de groep")
        self.bringer_box = QComboBox()
        self.level_box = QComboBox()
        for level in ProblemLevel:
            self.level_box.addItem(PROBLEM_LEVEL_LABELS[level], level.value)
        self.whose_box = QComboBox()
        self.whose_box.setEditable(True)
        self.whose_box.addItems(["", *WHOSE_PROBLEM_CHOICES])
        self.target_group = QLineEdit()
        self.target_group.setPlaceholderText("Doelgroep of persona, bijvoorbeeld 'jongeren zonder startkwalificatie'")
        self.pseudonym = QLineEdit()
        self.pseudonym.setPlaceholderText("Zo heet de cliënt in het verslag, bijvoorbeeld 'Sjoerd'")
        self.real_name = QLineEdit()
        self.real_name.setPlaceholderText("Optioneel. Wordt nooit geëxporteerd: dient om de naam uit verslagen te weren")
        self.aliases = QLineEdit()
        self.aliases.setPlaceholderText("Andere namen of bijnamen, gescheiden door komma's")
        self.missing_facts = _plain(60)
        self.missing_facts.setPlaceholderText("Welke feiten ontbreken nog?")
        self.description = _plain(140)
        self.description.setPlaceholderText("De casus in eigen woorden")
        self.error = ErrorLabel()
        #: one line naming what of this session cannot be read (damaged in the file)
        self.damage_label = QLabel()
        self.damage_label.setObjectName("damageNotice")
        self.damage_label.setWordWrap(True)
        self.damage_label.setStyleSheet("background: #fff3e0; color: #4e342e; padding: 6px; "
                                        "border-radius: 6px;")
        self.damage_label.setVisible(False)

        self.attendance = QListWidget()
        self.attendance.setObjectName("attendanceList")
        self.attendance.setWordWrap(True)
        self.attendance.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        form = QFormLayout()
        form.addRow("&Datum", self.date_edit)
        form.addRow("&Plaats of ruimte", self.place_edit)
        form.addRow("Methode", method_row)
        self.setup_box = SessionSetupBox(store, self)
        self.setup_box.failed.connect(self.error.show_message)
        setup_label = QLabel("Rollen in de bijeenkomst")
        setup_label.setObjectName("sectionTitle")
        form.addRow(setup_label)
        self.setup_box.add_rows(form)
        self.series_panel = SeriesPanel(store)
        form.addRow(self.series_panel)
        case_label = QLabel("Casusinbreng")
        case_label.setObjectName("sectionTitle")
        form.addRow(case_label)
        form.addRow("&Titel", self.case_title)
        form.addRow("&Coachvraag", self.coaching_question)
        form.addRow("Casus&inbrenger", self.bringer_box)
        form.addRow("Probleem&niveau", self.level_box)
        form.addRow("&Wiens probleem", self.whose_box)
        form.addRow("Doel&groep / persona", self.target_group)
        form.addRow("Pseudoniem cliënt", self.pseudonym)
        form.addRow("Echte naam cliënt", self.real_name)
        form.addRow("&Aliassen", self.aliases)
        form.addRow("Ontbrekende &feiten", self.missing_facts)
        form.addRow("&Beschrijving", self.description)
        form_widget = QWidget()
        form_widget.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)

        right = QVBoxLayout()
        for step in ("Voorbereiden", self.interview_button, self.timeline_button,
                     self.roles_button, self.agenda_button, "Tijdens de bijeenkomst",
                     self.lead_button, "Na afloop", self.minutes_button,
                     self.analysis_button, self.next_button):
            if isinstance(step, str):
                label = QLabel(step)
                label.setObjectName("hint")
                right.addWidget(label)
            else:
                right.addWidget(step)
        label = QLabel("Aanwezig")
        label.setObjectName("sectionTitle")
        right.addWidget(label)
        right.addWidget(self.attendance, 1)
        self.composition_label = QLabel()
        self.composition_label.setObjectName("compositionWarning")
        self.composition_label.setWordWrap(True)
        self.composition_label.setStyleSheet("background: #fff3e0; color: #4e342e; "
                                             "padding: 6px; border-radius: 6px;")
        self.composition_label.setVisible(False)
        right.addWidget(self.composition_label)
        hint = QLabel("Vink aan wie er is. Gasten voeg je toe bij de groep (kolom 'Gast').")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        right.addWidget(hint)

        body = QHBoxLayout()
        body.addWidget(scroll, 3)
        body.addLayout(right, 1)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.damage_label)
        layout.addLayout(body, 1)

        self.back_button.clicked.connect(self.back_requested)
        self.method_button.clicked.connect(
            lambda: self.session and self.method_edit_requested.emit(self.session.id))
        self.minutes_button.clicked.connect(
            lambda: self.session and self.minutes_requested.emit(self.session.id))
        self.next_button.clicked.connect(
            lambda: self.session and self.next_requested.emit(self.session.id))
        self.agenda_button.clicked.connect(
            lambda: self.session and self.agenda_requested.emit(self.session.id))
        self.interview_button.clicked.connect(
            lambda: self.session and self.interview_requested.emit(self.session.id))
        self.analysis_button.clicked.connect(
            lambda: self.session and self.analysis_requested.emit(self.session.id))
        self.timeline_button.clicked.connect(
            lambda: self.session and self.timeline_requested.emit(self.session.id))
        self.roles_button.clicked.connect(
            lambda: self.session and self.roles_requested.emit(self.session.id))
        self.lead_button.clicked.connect(
            lambda: self.session and self.lead_requested.emit(self.session.id))
        self.date_edit.dateChanged.connect(self._save)
        for edit in (self.place_edit, self.case_title, self.target_group, self.pseudonym,
                     self.real_name, self.aliases):
            edit.textEdited.connect(self._save)
        for text in (self.coaching_question, self.missing_facts, self.description):
            autosave_text(text, self._save)
        for box in (self.method_box, self.bringer_box, self.level_box):
            box.currentIndexChanged.connect(self._save)
        self.whose_box.currentTextChanged.connect(self._save)
        self.attendance.itemChanged.connect(self._save)
        guard_wheel(self)

    def set_methods(self, methods: Sequence[tuple[str, str]]) -> None:
        """(Re)fill the method choice, e.g. after saving an own method."""
        self.method_box.blockSignals(True)
        self.method_box.clear()
        self.method_box.addItem("(nog geen methode)", "")
        for method_id, name in methods:
            self.method_box.addItem(name, method_id)
        self.method_box.blockSignals(False)

    def _show_method(self, method_id: str) -> None:
        self.method_box.blockSignals(True)
        self.method_box.setCurrentIndex(max(self.method_box.findData(method_id), 0))
        self.method_box.blockSignals(False)

    def load(self, session_id: int) -> None:
        self._loading = True
        try:
            s = self.session = self.store.get_session(session_id)
            participants = self.store.list_participants(s.group_id)
            self.date_edit.setDate(QDate(s.date.year, s.date.month, s.date.day))
            self.place_edit.setText(s.place)
            pos = self.method_box.findData(s.method_id)
            if pos < 0 and s.method_id:
                self.method_box.addItem(s.method_id, s.method_id)
                pos = self.method_box.count() - 1
            self.method_box.setCurrentIndex(max(pos, 0))
            c = s.case
            self.case_title.setText(c.title)
            set_plain_text(self.coaching_question, c.coaching_question)
            self.bringer_box.clear()
            self.bringer_box.addItem("(nog niet gekozen)", None)
            for p in participants:
                self.bringer_box.addItem(f"{p.display} ({p.function})", p.id)
            self.bringer_box.setCurrentIndex(max(self.bringer_box.findData(c.case_bringer_id), 0))
            self.level_box.setCurrentIndex(max(self.level_box.findData(str(c.problem_level)), 0))
            self.whose_box.setCurrentText(c.whose_problem)
            self.target_group.setText(c.target_group)
            self.pseudonym.setText(c.client_pseudonym)
            self.real_name.setText(c.client_real_name)
            self.aliases.setText(", ".join(c.client_aliases))
            set_plain_text(self.missing_facts, c.missing_facts)
            set_plain_text(self.description, c.description)
            self.attendance.clear()
            for p in participants:
                item = QListWidgetItem(p.display + (" (gast)" if p.guest else ""))
                item.setToolTip(p.function)
                item.setData(Qt.ItemDataRole.UserRole, p.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if p.id in s.attendance
                                   else Qt.CheckState.Unchecked)
                self.attendance.addItem(item)
            self.setup_box.load(session_id)
            self.series_panel.load(session_id)
            self._show_composition()
            self.title.setText(f"Bijeenkomst {s.title}")
            self.error.show_message("")
            self._mark({})
            self._show_damage()
        finally:
            self._loading = False

    def _show_damage(self) -> None:
        """Name what of the session cannot be read; the rest works as usual."""
        from casusdesk.services import damage

        assert self.session is not None and self.session.id is not None
        notice = damage.session_notice(self.store, self.session.id, self.session)
        self.damage_label.setText(notice)
        self.damage_label.setVisible(bool(notice))

    def collect(self) -> Session:
        """The session as the fields show it."""
        assert self.session is not None
        qd = self.date_edit.date()
        attendance = [
            self.attendance.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.attendance.count())
            if self.attendance.item(i).checkState() == Qt.CheckState.Checked
        ]
        case = Case(
            title=self.case_title.text(),
            coaching_question=self.coaching_question.toPlainText(),
            case_bringer_id=self.bringer_box.currentData(),
            problem_level=ProblemLevel(self.level_box.currentData()),
            whose_problem=self.whose_box.currentText(),
            target_group=self.target_group.text(),
            client_pseudonym=self.pseudonym.text(),
            client_real_name=self.real_name.text(),
            client_aliases=[a for a in self.aliases.text().split(",")],
            missing_facts=self.missing_facts.toPlainText(),
            description=self.description.toPlainText(),
        )
        return Session(group_id=self.session.group_id, date=dt.date(qd.year(), qd.month(), qd.day()),
                       place=self.place_edit.text(), method_id=self.method_box.currentData() or "",
                       attendance=attendance, case=case, id=self.session.id)

    def _field_widgets(self) -> dict[str, QWidget]:
        """The field of the page that holds each session field (for marking it)."""
        return {
            "place": self.place_edit, "case_title": self.case_title,
            "case_coaching_question": self.coaching_question,
            "case_whose_problem": self.whose_box, "case_target_group": self.target_group,
            "case_client_pseudonym": self.pseudonym, "case_client_real_name": self.real_name,
            "case_client_aliases": self.aliases, "case_missing_facts": self.missing_facts,
            "case_description": self.description,
        }

    def _mark(self, invalid: dict[str, str]) -> None:
        """Mark the fields that were not saved; they keep what was typed."""
        self.invalid = invalid
        damaged = self.session.damaged if self.session is not None else {}
        for name, widget in self._field_widgets().items():
            bad = name in invalid or name in damaged
            tip = invalid.get(name) or (f"Beschadigd in het gegevensbestand: {damaged[name]}. "
                                        "Wat je hier typt, komt ervoor in de plaats."
                                        if name in damaged else "")
            if bool(widget.property("invalid")) != bad or widget.toolTip() != tip:
                widget.setProperty("invalid", bad)
                widget.setToolTip(tip)
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    def _typed(self, name: str) -> str:
        widget = self._field_widgets()[name]
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        return widget.currentText() if isinstance(widget, QComboBox) else widget.text()

    def _set_typed(self, name: str, text: str) -> None:
        widget = self._field_widgets()[name]
        self._loading = True
        try:
            if isinstance(widget, QPlainTextEdit):
                set_plain_text(widget, text)
            elif isinstance(widget, QComboBox):
                widget.setCurrentText(text)
            else:
                widget.setText(text)
        finally:
            self._loading = False

    def unsaved_problem(self) -> str:
        """What is typed but not saved because it is not valid (Dutch); "" when all is."""
        return " ".join(self.invalid.values())

    def _save(self, *_args: object) -> None:
        if self._loading or self.session is None:
            return
        before = self.session
        refusal = None
        try:
            candidate = self.collect()
            if candidate.method_id != before.method_id:
                refusal = method_change_refusal(self.store, before.id)
                if refusal:  # the other fields are saved; the method stays
                    candidate.method_id = before.method_id
                    self._show_method(before.method_id)
            base = session_fields(before)
            changes = changed_fields(base, session_fields(candidate))
            # each changed field is checked on its own: one that is not valid is marked
            # and kept as typed, and never stops the others from being saved
            invalid = invalid_session_fields(before, changes)
            for name in invalid:
                del changes[name]
            # only what changed since the page read the session is written: another
            # window's edit of other fields stays, one of the same fields is not overwritten
            if changes:
                self.session = self.store.update_session_fields(
                    before.id, changes, expected_version=before.version, base=base)
        except ConflictError as exc:
            self.load(before.id)
            self.error.show_message(str(exc))
            return
        except CasusdeskError as exc:
            self.error.show_message(str(exc))
            return
        self._mark(invalid)
        if changes and merged_elsewhere(base, {**base, **changes},
                                        session_fields(self.session)):
            typed = {name: self._typed(name) for name in invalid}
            self.load(self.session.id)  # show what the other window wrote ...
            for name, text in typed.items():  # ... and keep what is typed but not saved
                self._set_typed(name, text)
            self._mark(invalid)
        messages = [*invalid.values(), *([refusal] if refusal else [])]
        self.error.show_message(" ".join(messages))
        self.title.setText(f"Bijeenkomst {self.session.title}")
        self._show_composition()
        if changes and self.damage_label.isVisible():
            self._show_damage()
        if changes:
            self.session_changed.emit()

    def _show_composition(self) -> None:
        """Warn when those present are too alike for a role switch (the report's question)."""
        if self.session is None:
            return
        warning = rolwisseling.table_warning(self.store, self.session.id)
        self.composition_label.setText(warning or "")
        self.composition_label.setVisible(bool(warning))
