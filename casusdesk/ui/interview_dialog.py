"""Preparing a joint client interview: the pair, the persona, the checks, the reflection."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QLineEdit,
    QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget,
)

from casusdesk.domain.errors import CasusdeskError
from casusdesk.domain.interview import CHECKS, PAIR_REFLECTION, InterviewPrep
from casusdesk.domain.model import Domain
from casusdesk.storage.repositories import Store
from casusdesk.ui.widgets import (
    ErrorLabel, autosave_text, fit_to_screen, guard_wheel, set_plain_text,
)


class InterviewDialog(QDialog):
    """Everything is stored as it is typed or ticked."""

    def __init__(self, store: Store, session_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Gezamenlijk interview voorbereiden")
        fit_to_screen(self, 760, 660)
        self.store, self.session_id = store, session_id
        session = store.get_session(session_id)
        people = store.list_participants(session.group_id)
        self.domains = {p.code: p.domain for p in people}
        self.prep = InterviewPrep.from_dict(store.get_document(session_id, "interview"))
        if not self.prep.persona and session.case.target_group:
            self.prep.persona = session.case.target_group

        intro = QLabel("Een professional uit Werk & Inkomen en een uit Zorg & Welzijn spreken "
                       "samen met een cliënt en zetten de belangrijke gebeurtenissen op een "
                       "levenslijn. Door elkaars vragen te horen, zie je hoe de ander kijkt.")
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        self.work_box = QComboBox()
        self.care_box = QComboBox()
        for box, domain in ((self.work_box, Domain.WERK_INKOMEN),
                            (self.care_box, Domain.ZORG_WELZIJN)):
            box.addItem("(kies)", "")
            for p in people:
                if p.domain == domain:
                    box.addItem(f"{p.display} – {p.function}", p.code)
        self.persona = QPlainTextEdit()
        self.persona.setMaximumHeight(70)
        self.persona.setPlaceholderText("Welke cliënt zoeken jullie? Bijvoorbeeld: jonge man "
                                        "zonder startkwalificatie, steeds terug in de bijstand")
        self.date = QLineEdit()
        self.date.setPlaceholderText("dd-mm-jjjj")
        self.check_boxes = {key: QCheckBox(label.replace("&", "&&"))
                            for key, label in CHECKS.items()}
        self.reflection = {q: QPlainTextEdit() for q in PAIR_REFLECTION}
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.error = ErrorLabel()

        form = QFormLayout()
        form.addRow("Uit Werk && Inkomen", self.work_box)
        form.addRow("Uit Zorg && Welzijn", self.care_box)
        form.addRow("Doelgroep / persona", self.persona)
        form.addRow("Gepland op", self.date)
        checks = QGroupBox("Voorwaarden, zodat de cliënt vrijuit kan praten")
        cl = QVBoxLayout(checks)
        for box in self.check_boxes.values():
            cl.addWidget(box)
        refl = QGroupBox("Reflectie van het duo, na het interview")
        rl = QVBoxLayout(refl)
        for question, edit in self.reflection.items():
            edit.setMaximumHeight(44)
            rl.addWidget(QLabel(question))
            rl.addWidget(edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Sluiten")
        buttons.rejected.connect(self.reject)

        body = QWidget()
        content = QVBoxLayout(body)
        content.addWidget(intro)
        content.addLayout(form)
        content.addWidget(checks)
        content.addWidget(self.status)
        content.addWidget(refl)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self._fill()
        self.work_box.currentIndexChanged.connect(self._save)
        self.care_box.currentIndexChanged.connect(self._save)
        autosave_text(self.persona, self._save)
        self.date.textEdited.connect(self._save)
        for box in self.check_boxes.values():
            box.toggled.connect(self._save)
        for edit in self.reflection.values():
            autosave_text(edit, self._save)
        guard_wheel(self)

    def _fill(self) -> None:
        p = self.prep
        self.work_box.setCurrentIndex(max(self.work_box.findData(p.pair_work_code), 0))
        self.care_box.setCurrentIndex(max(self.care_box.findData(p.pair_care_code), 0))
        set_plain_text(self.persona, p.persona)
        self.date.setText(p.planned_date)
        for key, box in self.check_boxes.items():
            box.setChecked(bool(p.checks.get(key)))
        for question, edit in self.reflection.items():
            set_plain_text(edit, p.reflection.get(question, ""))
        self._show_status()

    def _show_status(self) -> None:
        problems = self.prep.problems(self.domains)
        if problems:
            self.status.setText("<b>Nog te regelen:</b><br>" + "<br>".join(f"• {p}" for p in problems))
            self.status.setStyleSheet("color: #8d4b00;")
        else:
            self.status.setText("✓ Alles is geregeld: het interview kan doorgaan.")
            self.status.setStyleSheet("color: #1b5e20; font-weight: 600;")

    def _save(self, *_args: object) -> None:
        self.prep = InterviewPrep(
            pair_work_code=self.work_box.currentData() or "",
            pair_care_code=self.care_box.currentData() or "",
            persona=self.persona.toPlainText(),
            planned_date=self.date.text().strip(),
            checks={k: b.isChecked() for k, b in self.check_boxes.items()},
            reflection={q: e.toPlainText() for q, e in self.reflection.items()
                        if e.toPlainText().strip()},
        )
        try:
            self.store.set_document(self.session_id, "interview", self.prep.to_dict())
        except CasusdeskError as exc:
            self.error.show_message(str(exc))
            return
        self._show_status()
