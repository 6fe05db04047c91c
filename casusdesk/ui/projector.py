"""The projector window: what the room sees, readable from the back row.

It renders a ``ProjectorView`` and nothing else, so notes, hints and names can
never reach it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication, QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget,
)

from casusdesk.services.live import ProjectorView
from casusdesk.ui.widgets import ChangeOnly

#: background and text colour per timer state; the state is also written out
#: ("AFRONDEN", "UITLOOP"), so colour is never the only signal
STATE_COLOURS = {
    "not_started": ("#263238", "#ffffff"),
    "normal": ("#1b5e20", "#ffffff"),
    "wrapup": ("#f9a825", "#000000"),
    "danger": ("#c62828", "#ffffff"),
    "overtime": ("#6a0000", "#ffffff"),
    "paused": ("#546e7a", "#ffffff"),
    "finished": ("#263238", "#ffffff"),
}
FLASH_MS = 700


class CircleCard(QFrame):
    """One participant's Golden Circle on the wall (reused while the wall changes)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("circleCard")
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("circleCode")
        layout.addWidget(self.title)
        self.lines: list[QLabel] = []
        for _ in range(3):
            line = QLabel()
            line.setWordWrap(True)
            layout.addWidget(line)
            self.lines.append(line)
        layout.addStretch(1)
        self._content: tuple[str, ...] = ()

    def show_circle(self, code: str, why: str, how: str, what: str) -> None:
        content = (code, why, how, what)
        if content == self._content:
            return
        self._content = content
        self.title.setText(code)
        for line, label, text in zip(self.lines, ("Waarom", "Hoe", "Wat"), (why, how, what),
                                     strict=True):
            line.setText(f"<b>{label}</b>: {_escape(text)}")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ProjectorWindow(QWidget):
    """Second-screen window. ``show_view`` is the only way content gets in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        # the projector never takes the keyboard from the console: showing it (F5) must
        # not make Space, N and B stop working until the facilitator clicks back
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWindowTitle("casusdesk – beamer")
        self.setObjectName("projector")
        self.sound = False
        self._phase_key: tuple[int, str] | None = None
        self._state = ""
        self._paint = ChangeOnly()
        self._board: tuple[tuple, tuple] = ((), ())
        self._circle_cards: list[CircleCard] = []
        self._role_cards: list[QLabel] = []

        self.method_label = QLabel()
        self.method_label.setObjectName("projMethod")
        self.phase_label = QLabel()
        self.phase_label.setObjectName("projPhase")
        self.phase_label.setWordWrap(True)
        self.prompts_label = QLabel()
        self.prompts_label.setObjectName("projPrompts")
        self.prompts_label.setWordWrap(True)
        self.prompts_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.timer_label = QLabel("00:00")
        self.timer_label.setObjectName("projTimer")
        self.timer_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state_label = QLabel()
        self.state_label.setObjectName("projState")
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.board = QWidget()
        self.board_layout = QGridLayout(self.board)

        timer_box = QFrame()
        timer_box.setObjectName("timerBox")
        tb = QVBoxLayout(timer_box)
        tb.addWidget(self.timer_label)
        tb.addWidget(self.state_label)
        self.timer_box = timer_box

        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.method_label)
        left.addWidget(self.phase_label)
        top.addLayout(left, 3)
        top.addWidget(timer_box, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.addLayout(top)
        layout.addWidget(self.prompts_label, 1)
        layout.addWidget(self.board, 2)
        self.board.setVisible(False)
        QShortcut(QKeySequence("Esc"), self, self.close)
        self._apply_style(False)

    # -- placement --------------------------------------------------------------
    def present(self) -> None:
        """Full screen on the second screen if there is one; an ordinary window otherwise."""
        screens = QGuiApplication.screens()
        own = self.parentWidget().screen() if self.parentWidget() else QGuiApplication.primaryScreen()
        others = [s for s in screens if s is not own]
        if others:
            self.setGeometry(others[0].geometry())
            self.showFullScreen()
        else:
            self.resize(1280, 720)
            self.show()

    # -- content ----------------------------------------------------------------
    def show_view(self, view: ProjectorView) -> None:
        """Show ``view``; only labels whose text changed are touched (called every tick)."""
        paint = self._paint
        paint.text(self.method_label, view.method)
        paint.text(self.phase_label, f"Fase {view.phase_number} van {view.phase_count}: "
                                     f"{view.phase_title}")
        paint.text(self.prompts_label, "".join(f"<p>• {_escape(p)}</p>" for p in view.prompts))
        paint.text(self.timer_label, view.timer_text)
        paint.text(self.state_label, view.state_label.upper())
        if view.state != self._state:
            self._state = view.state
            self._apply_style(False)
        key = (view.phase_number, view.phase_title)
        if self._phase_key is not None and key != self._phase_key:
            self.flash()
        self._phase_key = key
        board = (view.circles, view.roles)
        if board != self._board:
            self._board = board
            self._show_board(view)

    def _show_board(self, view: ProjectorView) -> None:
        """The circle wall or the role cards; cards are reused, not rebuilt per change."""
        columns = 4
        circles = view.circles if view.circles else ()
        roles = view.roles if not view.circles else ()
        while len(self._circle_cards) < len(circles):
            card = CircleCard()
            i = len(self._circle_cards)
            self._circle_cards.append(card)
            self.board_layout.addWidget(card, i // columns, i % columns)
        while len(self._role_cards) < len(roles):
            label = QLabel()
            label.setObjectName("roleCard")
            label.setWordWrap(True)
            i = len(self._role_cards)
            self._role_cards.append(label)
            self.board_layout.addWidget(label, i // columns, i % columns)
        for i, card in enumerate(self._circle_cards):
            if i < len(circles):
                card.show_circle(*circles[i])
            card.setVisible(i < len(circles))
        for i, label in enumerate(self._role_cards):
            if i < len(roles):
                code, role = roles[i]
                self._paint.text(label, f"<b>{_escape(code)}</b><br>{_escape(role)}")
            label.setVisible(i < len(roles))
        self.board.setVisible(bool(circles or roles))

    def flash(self) -> None:
        """A short bright flash on a phase change (and a beep if sound is on)."""
        self._apply_style(True)
        if self.sound:
            QApplication.beep()
        QTimer.singleShot(FLASH_MS, self, self._end_flash)

    def _end_flash(self) -> None:
        self._apply_style(False)

    def _apply_style(self, flashing: bool) -> None:
        bg, fg = STATE_COLOURS.get(self._state or "not_started", STATE_COLOURS["normal"])
        page = "#ffffff" if flashing else "#101418"
        self.setStyleSheet(f"""
            QWidget#projector {{ background: {page}; }}
            QLabel {{ color: #f5f5f5; }}
            QLabel#projMethod {{ font-size: 26pt; color: #b0bec5; }}
            QLabel#projPhase {{ font-size: 40pt; font-weight: 700; }}
            QLabel#projPrompts {{ font-size: 28pt; }}
            QFrame#timerBox {{ background: {bg}; border-radius: 18px; }}
            QLabel#projTimer {{ font-size: 110pt; font-weight: 700; color: {fg}; }}
            QLabel#projState {{ font-size: 22pt; font-weight: 600; color: {fg}; }}
            QFrame#circleCard {{ background: #263238; border-radius: 90px; padding: 18px; }}
            QFrame#circleCard QLabel {{ font-size: 15pt; }}
            QLabel#circleCode {{ font-size: 20pt; font-weight: 700; color: #ffd54f; }}
            QLabel#roleCard {{ background: #263238; font-size: 20pt; padding: 14px; border-radius: 10px; }}
        """)
        if flashing:
            self.setStyleSheet(self.styleSheet() + "QLabel { color: #000000; }")

    def visible_text(self) -> str:
        """All text the projector currently shows (for tests and checks)."""
        return "\n".join(label.text() for label in self.findChildren(QLabel))

    def closeEvent(self, event: QCloseEvent) -> None:
        self._phase_key = None
        super().closeEvent(event)
