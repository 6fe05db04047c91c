"""Session roles (gespreksleider, voorzitter en tijdbewaker, verslaglegger, observator)
and physical or online, on the session page. Saved on every change."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout

from casusdesk.domain.errors import CasusdeskError
from casusdesk.domain.session_roles import (
    EXTERNAL, EXTERNAL_LABEL, MODE_LABELS, MODES, SESSION_ROLES, SessionSetup,
)
from casusdesk.services import session_setup
from casusdesk.storage.repositories import Store

ROLE_TOOLTIPS = {
    "gespreksleider": "Leidt het gesprek en bewaakt de werkvorm (vaak de intervisor).",
    "voorzitter": "Neutraal voorzitter die ook de tijd bewaakt.",
    "verslaglegger": "Maakt aantekeningen voor het verslag.",
    "observator": "Kijkt mee en let op wat er tussen de deelnemers gebeurt.",
}


class SessionSetupBox(QObject):
    """Choose who holds each session role and the mode; errors go to ``failed``.

    The combo boxes go into the page's own form (:meth:`add_rows`), so their labels line
    up with the other fields."""

    failed = Signal(str)
    saved = Signal()

    def __init__(self, store: Store, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.store = store
        self.session_id: int | None = None
        self._loading = False
        self.mode_box = QComboBox()
        self.mode_box.setAccessibleName("Vorm")
        for mode in MODES:
            self.mode_box.addItem(MODE_LABELS[mode], mode)
        self.mode_box.setToolTip("Online mis je de non-verbale signalen; het verslag zegt dat.")
        self.role_boxes: dict[str, QComboBox] = {}
        for key, label in SESSION_ROLES:
            box = QComboBox()
            box.setAccessibleName(label)
            box.setToolTip(ROLE_TOOLTIPS[key])
            self.role_boxes[key] = box
            box.currentIndexChanged.connect(self._save)
        self.mode_box.currentIndexChanged.connect(self._save)

    def add_rows(self, form: QFormLayout) -> None:
        form.addRow("&Vorm", self.mode_box)
        for key, label in SESSION_ROLES:
            form.addRow(label, self.role_boxes[key])

    def load(self, session_id: int) -> None:
        self._loading = True
        try:
            self.session_id = session_id
            session = self.store.get_session(session_id)
            people = self.store.list_participants(session.group_id)
            setup = session_setup.load(self.store, session_id)
            self.mode_box.setCurrentIndex(max(self.mode_box.findData(setup.mode), 0))
            for key, box in self.role_boxes.items():
                box.clear()
                box.addItem("(niemand)", "")
                box.addItem(EXTERNAL_LABEL[0].upper() + EXTERNAL_LABEL[1:], EXTERNAL)
                for p in people:
                    box.addItem(f"{p.code} ({p.function})", p.code)
                box.setCurrentIndex(max(box.findData(setup.holder(key)), 0))
        finally:
            self._loading = False

    def collect(self) -> SessionSetup:
        return SessionSetup(mode=self.mode_box.currentData() or "fysiek",
                            roles={k: b.currentData() or "" for k, b in self.role_boxes.items()})

    def _save(self, *_args: object) -> None:
        if self._loading or self.session_id is None:
            return
        try:
            session_setup.save(self.store, self.session_id, self.collect())
        except CasusdeskError as exc:
            self.failed.emit(str(exc))
            return
        self.saved.emit()
