"""The projector window: what the room sees, readable from the back row.

It renders a ``ProjectorView`` and nothing else, so notes, hints and names can
never reach it.

Every size follows the window: fonts are set in points from the window's height and
width (``scale``: 1.0 at 1920x1080) and each text is fitted into the room its label
has, between a floor and a ceiling (no text is cut off; body text at 1920x1080 is
never under 24 pt). A board with more entries than fit at the floor pages through
them, one page every ``PAGE_SECONDS``.
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent, QFont, QFontMetricsF, QGuiApplication, QKeySequence, QResizeEvent, QShortcut,
)
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from casusdesk.domain.clock import Clock, SystemClock
from casusdesk.services.live import ProjectorView
from casusdesk.ui.widgets import ChangeOnly

#: background and text colour per timer state; the state is also written out
#: ("AFRONDEN", "UITLOOP"), so colour is never the only signal. Overtime is a bright
#: red with black digits: it stands out on the dark page (contrast 6:1) and differs
#: from "bijna klaar" (dark red, white digits) in lightness, not only in hue.
STATE_COLOURS = {
    "not_started": ("#37474f", "#ffffff"),
    "normal": ("#1b5e20", "#ffffff"),
    "wrapup": ("#f9a825", "#000000"),
    "danger": ("#b71c1c", "#ffffff"),
    "overtime": ("#ff5252", "#000000"),
    "paused": ("#546e7a", "#ffffff"),
    "finished": ("#37474f", "#ffffff"),
}
PAGE_COLOUR = "#101418"
FLASH_MS = 700
#: seconds each page of a board stays on the screen
PAGE_SECONDS = 12.0
#: font sizes in points at 1920x1080 (scaled with the window): (floor, ceiling)
BODY_PT = (24.0, 46.0)
PHASE_PT = (30.0, 54.0)
TIMER_PT = (60.0, 150.0)
SMALL_PT = (16.0, 24.0)
MESSAGE_PT = (40.0, 110.0)
#: board layouts tried from the most entries per page to the fewest: (columns, rows)
CIRCLE_GRIDS = ((3, 2), (2, 2), (2, 1), (1, 1))
ROLE_GRIDS = ((4, 3), (3, 3), (3, 2), (2, 2), (2, 1))

_TAG = re.compile(r"<[^>]+>")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _words(html: str) -> list[str]:
    plain = _TAG.sub(" ", html).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    return plain.split()


def _fits(label: QLabel, pt: float, width: int, height: int) -> bool:
    """Whether the label's text at ``pt`` points fits ``width`` x ``height`` pixels."""
    font = QFont(label.font())
    font.setPointSizeF(pt)
    label.setFont(font)
    margins = label.contentsMargins()
    inner = width - margins.left() - margins.right()
    if label.wordWrap():
        metrics = QFontMetricsF(font)
        # a word longer than the line is not wrapped but cut: bold is a little wider
        if any(metrics.horizontalAdvance(w) * 1.12 > inner for w in _words(label.text())):
            return False
        return label.heightForWidth(width) <= height
    hint = label.sizeHint()
    return hint.width() <= width and hint.height() <= height


def fit_text(label: QLabel, floor: float, ceiling: float, width: int, height: int,
             *, template: str | None = None) -> float:
    """Give ``label`` the largest font (points, floor..ceiling) at which its text fits.

    ``template`` is measured instead of the text (the timer: its widest value, so the
    digits keep their size as the time counts down). Below the floor only when even the
    floor does not fit (never smaller than half of it). Returns the size chosen.
    """
    if width <= 0 or height <= 0:
        return floor
    shown = label.text()
    if template is not None:
        label.setText(template)
    low, high = max(1.0, floor / 2), ceiling
    best = low
    if _fits(label, ceiling, width, height):
        best = ceiling
    else:
        for _ in range(9):  # binary search on the point size
            mid = (low + high) / 2
            if _fits(label, mid, width, height):
                best, low = mid, mid
            else:
                high = mid
    best = math.floor(best * 2) / 2  # whole and half points: stable between ticks
    font = QFont(label.font())
    font.setPointSizeF(best)
    label.setFont(font)
    if template is not None:
        label.setText(shown)
    return best


def _label(name: str, *, wrap: bool = True, bold: bool = False) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
    label.setTextFormat(Qt.TextFormat.RichText if wrap else Qt.TextFormat.PlainText)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


class _Board(QWidget):
    """Cards placed by hand in a grid that depends on how much text they carry."""

    def __init__(self, owner: ProjectorWindow) -> None:
        super().__init__()
        self.owner = owner
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.owner._layout_board()


class ProjectorWindow(QWidget):
    """Second-screen window. ``show_view`` is the only way content gets in."""

    def __init__(self, parent: QWidget | None = None, *, clock: Clock | None = None) -> None:
        # the projector never takes the keyboard from the console: showing it (F5) must
        # not make Space, N and P stop working until the facilitator clicks back
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWindowTitle("casusdesk – beamer")
        self.setObjectName("projector")
        self.clock = clock or SystemClock()
        self.sound = False
        self._phase_key: tuple[int, str] | None = None
        self._state = ""
        self._paint = ChangeOnly()
        self._view: ProjectorView | None = None
        self._board_key: tuple = ()
        self._cards: list[QLabel] = []
        self._grid: tuple[int, int] = (1, 1)
        self._page = 0
        self._timer_template = ""
        self._flashing = False

        self.method_label = _label("projMethod", wrap=False)
        self.phase_label = _label("projPhase", bold=True)
        self.prompts_label = _label("projPrompts")
        self.prompts_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.timer_label = _label("projTimer", wrap=False, bold=True)
        self.timer_label.setText("00:00")
        self.timer_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state_label = _label("projState", wrap=False, bold=True)
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.schedule_label = _label("projSchedule", wrap=False)
        self.schedule_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label = _label("projPage", wrap=False)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.board = _Board(self)

        self.timer_box = QFrame(self)
        self.timer_box.setObjectName("timerBox")
        self.top = QWidget(self)
        self.body = QWidget(self)
        for label in (self.method_label, self.phase_label):
            label.setParent(self.top)
        for label in (self.timer_label, self.state_label, self.schedule_label):
            label.setParent(self.timer_box)
        self.prompts_label.setParent(self.body)
        self.board.setParent(self.body)
        self.page_label.setParent(self.body)
        self.board.setVisible(False)
        self.page_label.setVisible(False)

        # a message to the room, over the body; the blackout over everything
        self.message_label = _label("projMessage", bold=True)
        self.message_label.setParent(self)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setVisible(False)
        self.blackout = QWidget(self)
        self.blackout.setObjectName("blackout")
        self.blackout.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.blackout.setVisible(False)

        QShortcut(QKeySequence("Esc"), self, self.close)
        self._apply_style()
        self.resize(1280, 720)

    # -- placement --------------------------------------------------------------
    def present(self) -> None:
        """Full screen on the second screen if there is one; an ordinary window otherwise.

        With one screen the window never takes the keyboard (the console keeps it).
        """
        screens = QGuiApplication.screens()
        own = self.parentWidget().screen() if self.parentWidget() else QGuiApplication.primaryScreen()
        others = [s for s in screens if s is not own]
        if others:
            self.setGeometry(others[0].geometry())
            self.showFullScreen()
        else:
            self.resize(1280, 720)
            self.show()

    @property
    def scale(self) -> float:
        """1.0 at 1920x1080; font sizes in points follow it."""
        return max(0.3, min(self.width() / 1920, self.height() / 1080))

    def _pt(self, sizes: tuple[float, float]) -> tuple[float, float]:
        return sizes[0] * self.scale, sizes[1] * self.scale

    # -- geometry ---------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._relayout()

    def _relayout(self) -> None:
        """Place every part by the window's size, then fit every text."""
        w, h = self.width(), self.height()
        margin = round(0.03 * h)
        gap = round(0.02 * h)
        top_h = round(0.30 * h)
        box_w = round(0.33 * w)
        inner_w = w - 2 * margin
        self.top.setGeometry(margin, margin, inner_w - box_w - gap, top_h)
        self.timer_box.setGeometry(w - margin - box_w, margin, box_w, top_h)
        body_top = margin + top_h + gap
        self.body.setGeometry(margin, body_top, inner_w, h - body_top - margin)
        self.blackout.setGeometry(0, 0, w, h)
        self.message_label.setGeometry(self.body.geometry())
        # top left: method (one line) over the phase title
        tw = self.top.width()
        method_h = round(top_h * 0.22)
        self.method_label.setGeometry(0, 0, tw, method_h)
        self.phase_label.setGeometry(0, method_h, tw, top_h - method_h)
        # the timer box: digits, state, schedule; its width never changes with the time
        pad = round(box_w * 0.04)
        digits_h = round(top_h * 0.58)
        line_h = round(top_h * 0.18)
        self.timer_label.setGeometry(pad, pad // 2, box_w - 2 * pad, digits_h)
        self.state_label.setGeometry(pad, pad // 2 + digits_h, box_w - 2 * pad, line_h)
        self.schedule_label.setGeometry(pad, pad // 2 + digits_h + line_h, box_w - 2 * pad,
                                        top_h - digits_h - line_h - pad)
        self._timer_template = ""
        self._fit_all()

    def _body_split(self) -> tuple[QRect, QRect]:
        """The prompts' rect and the board's rect inside the body."""
        bw, bh = self.body.width(), self.body.height()
        page_h = round(SMALL_PT[1] * self.scale * 2.2) if self.page_label.isVisibleTo(self) else 0
        if not self.board.isVisibleTo(self):
            return QRect(0, 0, bw, bh), QRect(0, bh, bw, 0)
        view = self._view
        if not self.prompts_label.text() or (view is not None and view.circles):
            prompts_h = 0  # revealed answers are what the room reads now
        else:
            # the prompts get what they need at the body floor, at most 60 %
            font = QFont(self.prompts_label.font())
            font.setPointSizeF(BODY_PT[0] * self.scale)
            self.prompts_label.setFont(font)
            prompts_h = min(self.prompts_label.heightForWidth(bw) + 4, round(bh * 0.6))
        return (QRect(0, 0, bw, prompts_h),
                QRect(0, prompts_h, bw, bh - prompts_h - page_h))

    def _fit_all(self) -> None:
        body = self._pt(BODY_PT)
        small = self._pt(SMALL_PT)
        fit_text(self.method_label, *small, self.method_label.width(), self.method_label.height())
        fit_text(self.phase_label, *self._pt(PHASE_PT), self.phase_label.width(),
                 self.phase_label.height())
        self._fit_timer()
        fit_text(self.state_label, *small, self.state_label.width(), self.state_label.height())
        fit_text(self.schedule_label, small[0] * 0.8, small[1], self.schedule_label.width(),
                 self.schedule_label.height())
        prompts_rect, board_rect = self._body_split()
        self.prompts_label.setGeometry(prompts_rect)
        self.prompts_label.setVisible(prompts_rect.height() > 0)
        fit_text(self.prompts_label, *body, prompts_rect.width(), prompts_rect.height())
        self.board.setGeometry(board_rect)
        bw, bh = self.body.width(), self.body.height()
        page_h = round(SMALL_PT[1] * self.scale * 2.2)
        self.page_label.setGeometry(0, bh - page_h, bw, page_h)
        fit_text(self.page_label, *small, bw, page_h)
        fit_text(self.message_label, *self._pt(MESSAGE_PT), self.message_label.width() - 40,
                 self.message_label.height() - 40)
        self._layout_board()

    def _fit_timer(self) -> None:
        """The digits are fitted to the widest value of this length ("-00:00")."""
        text = self.timer_label.text()
        template = re.sub(r"\d", "0", text if text.startswith("-") else "-" + text)
        if template == self._timer_template:
            return
        self._timer_template = template
        fit_text(self.timer_label, *self._pt(TIMER_PT), self.timer_label.width(),
                 self.timer_label.height(), template=template)

    # -- content ----------------------------------------------------------------
    def show_view(self, view: ProjectorView) -> None:
        """Show ``view``; only what changed is touched (called every tick)."""
        self._view = view
        paint = self._paint
        refit = False
        if paint.text(self.method_label, view.method):
            fit_text(self.method_label, *self._pt(SMALL_PT), self.method_label.width(),
                     self.method_label.height())
        if paint.text(self.phase_label, f"Fase {view.phase_number} van {view.phase_count}: "
                                        f"{_escape(view.phase_title)}"):
            fit_text(self.phase_label, *self._pt(PHASE_PT), self.phase_label.width(),
                     self.phase_label.height())
        prompts = "".join(f"<p>• {_escape(p)}</p>" for p in view.prompts)
        if view.hidden_note:
            prompts += f"<p><i>{_escape(view.hidden_note)}</i></p>"
        refit |= paint.text(self.prompts_label, prompts)
        if paint.text(self.timer_label, view.timer_text):
            self._fit_timer()
        if paint.text(self.state_label, view.state_label.upper()):
            fit_text(self.state_label, *self._pt(SMALL_PT), self.state_label.width(),
                     self.state_label.height())
        if paint.text(self.schedule_label, view.schedule):
            small = self._pt(SMALL_PT)
            fit_text(self.schedule_label, small[0] * 0.8, small[1],
                     self.schedule_label.width(), self.schedule_label.height())
        if view.state != self._state:
            self._state = view.state
            self._apply_style()
        key = (view.phase_number, view.phase_title)
        if self._phase_key is not None and key != self._phase_key:
            self.flash()
        self._phase_key = key
        board_key = (view.circles, view.roles)
        if board_key != self._board_key:
            self._board_key = board_key
            self.board.setVisible(bool(view.circles or view.roles))
            self._page = -1
            refit = True
        if refit:
            self._fit_all()
        else:
            self._turn_page()
        if paint.text(self.message_label, _escape(view.message)):
            fit_text(self.message_label, *self._pt(MESSAGE_PT),
                     self.message_label.width() - 40, self.message_label.height() - 40)
        self.message_label.setVisible(bool(view.message))
        self.message_label.raise_()
        self.blackout.setVisible(view.blackout)
        self.blackout.raise_()

    def _entries(self) -> list[str]:
        view = self._view
        if view is None:
            return []
        if view.circles:
            return [f"<span style='color:#ffd54f'><b>{_escape(code)}</b></span>"
                    f"<br><b>Waarom</b>: {_escape(why)}<br><b>Hoe</b>: {_escape(how)}"
                    f"<br><b>Wat</b>: {_escape(what)}"
                    for code, why, how, what in view.circles]
        return [f"<span style='color:#ffd54f'><b>{_escape(code)}</b></span><br>{_escape(role)}"
                for code, role in view.roles]

    def _card(self, i: int) -> QLabel:
        while len(self._cards) <= i:
            card = _label("boardCard")
            card.setParent(self.board)
            card.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            card.setContentsMargins(8, 6, 8, 6)
            self._cards.append(card)
        return self._cards[i]

    def _layout_board(self) -> None:
        """Choose the grid with the most cards per page at which every card fits at the
        body floor, then fit each card on the current page."""
        entries = self._entries() if self.board.isVisibleTo(self) or self.board.isVisible() \
            else []
        if not entries:
            for card in self._cards:
                card.setVisible(False)
            self.page_label.setVisible(False)
            return
        view = self._view
        grids = CIRCLE_GRIDS if view is not None and view.circles else ROLE_GRIDS
        floor, _ceiling = self._pt(BODY_PT)
        probe = self._card(0)
        chosen = grids[-1]
        for columns, rows in grids:
            # no empty rows: with few entries the cards get the room
            rows = min(rows, math.ceil(len(entries) / columns))
            w, h = self._cell(columns, rows)
            fits = True
            for entry in entries:
                probe.setText(entry)
                if not _fits(probe, floor, w, h):
                    fits = False
                    break
            if fits:
                chosen = (columns, rows)
                break
        self._grid = chosen
        self._page = -1
        self._turn_page(force=True)

    def _cell(self, columns: int, rows: int) -> tuple[int, int]:
        gap = round(0.015 * self.height())
        w = (self.board.width() - gap * (columns - 1)) // columns
        h = (self.board.height() - gap * (rows - 1)) // rows
        return w, h

    def _turn_page(self, *, force: bool = False) -> None:
        """Show the page of the board that is due now (pages turn every PAGE_SECONDS)."""
        entries = self._entries() if self.board.isVisible() else []
        if not entries:
            return
        columns, rows = self._grid
        per_page = columns * rows
        pages = math.ceil(len(entries) / per_page)
        page = int(self.clock.monotonic() // PAGE_SECONDS) % pages if pages > 1 else 0
        if page == self._page and not force:
            return
        self._page = page
        floor, ceiling = self._pt(BODY_PT)
        w, h = self._cell(columns, rows)
        gap = round(0.015 * self.height())
        shown = entries[page * per_page:(page + 1) * per_page]
        sizes = []
        for i, text in enumerate(shown):
            card = self._card(i)
            card.setText(text)
            card.setGeometry((i % columns) * (w + gap), (i // columns) * (h + gap), w, h)
            sizes.append(fit_text(card, floor, ceiling, w, h))
            card.setVisible(True)
        common = min(sizes)  # one size on a page: the cards read as one board
        for i in range(len(shown)):
            font = QFont(self._cards[i].font())
            font.setPointSizeF(common)
            self._cards[i].setFont(font)
        for card in self._cards[len(shown):]:
            card.setVisible(False)
        self.page_label.setText(f"Pagina {page + 1} van {pages}" if pages > 1 else "")
        was = self.page_label.isVisible()
        self.page_label.setVisible(pages > 1)
        if was != (pages > 1):
            self._fit_all()

    def flash(self) -> None:
        """A short bright flash on a phase change (and a beep if sound is on)."""
        if self.blackout.isVisible():
            return
        self._flashing = True
        self._apply_style()
        if self.sound:
            QApplication.beep()
        QTimer.singleShot(FLASH_MS, self, self._end_flash)

    def _end_flash(self) -> None:
        self._flashing = False
        self._apply_style()

    def _apply_style(self) -> None:
        bg, fg = STATE_COLOURS.get(self._state or "not_started", STATE_COLOURS["normal"])
        page = "#ffffff" if self._flashing else PAGE_COLOUR
        text = "#000000" if self._flashing else "#f5f5f5"
        self.setStyleSheet(f"""
            QWidget#projector {{ background: {page}; }}
            QLabel {{ color: {text}; }}
            QLabel#projMethod {{ color: {'#000000' if self._flashing else '#b0bec5'}; }}
            QFrame#timerBox {{ background: {bg}; border-radius: 18px; }}
            QFrame#timerBox QLabel {{ color: {fg}; }}
            QLabel#boardCard {{ background: #263238; border-radius: 14px; color: #f5f5f5; }}
            QLabel#projMessage {{ background: #ffd54f; color: #000000; border-radius: 24px;
                                  padding: 20px; }}
            QWidget#blackout {{ background: #000000; }}
        """)

    def visible_text(self) -> str:
        """All text the projector currently shows (for tests and checks)."""
        if self.blackout.isVisibleTo(self):
            return ""
        return "\n".join(label.text() for label in self.findChildren(QLabel)
                         if label.isVisibleTo(self) and label.text())

    def visible_labels(self) -> list[QLabel]:
        """The labels with text that the room sees now."""
        return [label for label in self.findChildren(QLabel)
                if label.isVisibleTo(self) and label.text()]

    def closeEvent(self, event: QCloseEvent) -> None:
        self._phase_key = None
        super().closeEvent(event)
