"""The facilitator console: timer, agenda, prompts and hints, and the capture panes.

Keyboard first. Plain keys (space, N, P, +, -, B) work whenever the cursor is not in
a text field; Esc takes the cursor out of a field. The keys follow presenters' habits:
N / P for next and previous, B or . to blank the projector.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QDateTime, QTime, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QCheckBox, QComboBox, QDateTimeEdit, QDialog, QDialogButtonBox,
    QFrame, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton, QRadioButton,
    QScrollArea, QSplitter,
    QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from casusdesk.domain.errors import CasusdeskError
from casusdesk.domain.timer import format_hms, format_mmss
from casusdesk.services.live import (
    LiveSession, board_phase, describe_capture, phase_kinds, projector_view, role_phase,
    schedule_line,
)

#: ready-made messages to the room (the field takes any short text too)
MESSAGE_PRESETS = ("Nog 5 minuten", "Nog 1 minuut", "Blijf in je rol", "Kom terug uit je rol",
                   "Even pauze", "Rond af, alsjeblieft")
MESSAGE_MAX = 80
#: a message leaves the projector by itself after this many seconds
MESSAGE_SECONDS = 30.0
from casusdesk.ui.capture_panes import CapturePane, NotesPane, pane_specs
from casusdesk.ui.projector import STATE_COLOURS, ProjectorWindow
from casusdesk.ui.series_panel import SeriesPanel
from casusdesk.ui.ticker import Ticker
from casusdesk.ui.widgets import ChangeOnly

CONSOLE_KEYS = (
    ("Spatie", "Start / pauze"),
    ("N", "Volgende fase; op de laatste fase: bijeenkomst afronden"),
    ("P / Backspace", "Vorige fase"),
    ("+ / -", "Eén minuut erbij / eraf"),
    ("] / [ of PgUp / PgDown", "Eén minuut erbij / eraf (zonder Shift, op elk toetsenbord)"),
    ("Shift++", "Vijf minuten erbij"),
    ("B of .", "Beamer zwart / weer aan"),
    ("M", "Bericht aan de zaal (Enter toont het, nog eens M of Esc haalt het weg)"),
    ("O", "Golden Circles op de beamer tonen / verbergen"),
    ("Ctrl+I", "Issue-moment vastleggen (tijd en fase worden meteen genoteerd)"),
    ("Ctrl+T", "Tip vastleggen"),
    ("Ctrl+A", "Afspraak vastleggen (buiten een tekstveld)"),
    ("F5", "Beamer aan / uit"),
    ("F2 / Enter", "In een lijst: de gekozen vastlegging wijzigen of aanvullen"),
    ("Delete / Ctrl+Z", "In een lijst: verwijderen / het laatst verwijderde of gewijzigde "
                        "terugzetten"),
    ("Esc", "Uit het tekstveld, zodat de toetsen hierboven werken"),
    ("F1", "Deze lijst"),
)


def _scrolling(label: QLabel) -> QScrollArea:
    """A long text scrolls in its part of the console instead of being cut off."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(label)
    return area


def _ask(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


#: asks a yes/no question (parent, title, text); the main window passes its own
Confirm = Callable[[QWidget, str, str], bool]


class LiveConsole(QWidget):
    """Runs one session. Reads the timer on each tick; writes only on actions.

    Signals:
        closed: the facilitator leaves the console.
    """

    closed = Signal()

    def __init__(self, live: LiveSession, ticker: Ticker, projector: ProjectorWindow,
                 vocabulary: dict[str, tuple[str, ...]], parent=None,  # noqa: ANN001
                 *, confirm: Confirm = _ask) -> None:
        super().__init__(parent)
        self.live = live
        self.confirm = confirm
        self.ticker = ticker
        self.projector = projector
        self._circles = live.captures("golden_circle")
        self._roles = live.role_board()
        self._table_warning = live.table_warning()
        #: the stored role assignment checked against who is present, once at the start
        self.role_mismatch = live.role_mismatch()
        self._shown_index = -1
        self._left = False
        self._paint = ChangeOnly()
        self._agenda_texts: list[str] = [""] * len(live.method.phases)
        self._banner_text: str | None = None
        self._finished_shown: tuple[bool, bool] | None = None
        #: what the room sees besides the phase: blanked, a message, revealed boards
        self.blackout = False
        self.message = ""
        self._message_since = 0.0
        self._revealed: set[int] = set()
        #: asks whether to stop although something is not stored (tests replace it)
        self.confirm_loss = self._confirm_loss

        # shown while something could not be stored; stays until it is
        self.banner = QLabel()
        self.banner.setObjectName("saveBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.banner.setAccessibleName("Opslagprobleem")

        # top bar
        self.back_button = QPushButton("← Terug")
        self.back_button.setToolTip("Terug naar de gegevens van de bijeenkomst; de bijeenkomst is "
                                    "daarmee niet afgerond (dat doet ■ Afronden)")
        self.method_label = QLabel(live.method.name)
        self.method_label.setObjectName("hint")
        self.phase_label = QLabel()
        self.phase_label.setObjectName("pageTitle")
        self.phase_label.setWordWrap(True)
        self.timer_label = QLabel()
        self.timer_label.setObjectName("consoleTimer")
        self.timer_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.timer_label.setMinimumWidth(300)  # "-12:34" as wide as "12:34": no jumping
        self.state_label = QLabel()
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clock_label = QLabel()
        self.clock_label.setObjectName("hint")
        self.start_button = QPushButton("Start")
        self.start_button.setToolTip("Spatie")
        self.prev_button = QPushButton("◀ Vorige")
        self.prev_button.setToolTip("P")
        self.next_button = QPushButton("Volgende ▶")
        self.next_button.setToolTip("N")
        self.minus_button = QPushButton("−1")
        self.minus_button.setToolTip("Eén minuut eraf (-)")
        self.plus_button = QPushButton("+1")
        self.plus_button.setToolTip("Eén minuut erbij (+)")
        self.plus5_button = QPushButton("+5")
        self.plus5_button.setToolTip("Vijf minuten erbij (Shift++)")
        self.finish_button = QPushButton("■ Afronden")
        self.finish_button.setToolTip("Bijeenkomst afronden: de laatste fase stopt nu en de "
                                      "tijden liggen vast (N op de laatste fase)")
        self.projector_button = QPushButton("Beamer")
        self.projector_button.setToolTip("F5")
        self.projector_button.setCheckable(True)
        self.blackout_button = QPushButton("Zwart")
        self.blackout_button.setToolTip("Beamer zwart / weer aan (B of .)")
        self.blackout_button.setCheckable(True)
        self.reveal_button = QPushButton("Tonen")
        self.reveal_button.setToolTip("De Golden Circles op de beamer tonen; tot dan ziet de "
                                      "zaal alleen hoeveel er binnen zijn (O)")
        self.reveal_button.setCheckable(True)
        self.message_box = QComboBox()
        self.message_box.setEditable(True)
        self.message_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.message_box.addItems(MESSAGE_PRESETS)
        self.message_box.setCurrentIndex(-1)
        self.message_box.lineEdit().setPlaceholderText("Bericht aan de zaal (M)")
        self.message_box.lineEdit().setMaxLength(MESSAGE_MAX)
        self.message_box.setMinimumContentsLength(16)
        self.message_box.setAccessibleName("Bericht aan de zaal")
        self.message_box.lineEdit().returnPressed.connect(self.send_message)
        self.message_button = QPushButton("Toon")
        self.message_button.setToolTip("Het bericht groot op de beamer (Enter in het veld)")
        self.clear_message_button = QPushButton("Weg")
        self.clear_message_button.setToolTip("Het bericht van de beamer halen (M of Esc)")
        self.clear_message_button.setEnabled(False)
        self.sound_box = QCheckBox("Geluid")
        self.sound_box.setToolTip("Een geluidssignaal bij elke nieuwe fase")

        # agenda
        self.agenda = QTableWidget(len(live.method.phases), 2)
        self.agenda.setHorizontalHeaderLabels(["Fase", "Min"])
        self.agenda.horizontalHeaderItem(1).setToolTip("Werkelijk / gepland, in minuten")
        self.agenda.verticalHeader().setVisible(False)
        self.agenda.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.agenda.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.agenda.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)
        for i, phase in enumerate(live.method.phases):
            self.agenda.setItem(i, 0, QTableWidgetItem(f"{i + 1}. {phase.title}"))
            self.agenda.setItem(i, 1, QTableWidgetItem(""))
        self.agenda.setWordWrap(True)
        self.agenda.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.agenda.setMinimumWidth(200)
        self.series_panel = SeriesPanel(live.store, compact=True)

        # prompts and hints
        self.purpose_label = QLabel()
        self.purpose_label.setWordWrap(True)
        self.purpose_label.setObjectName("hint")
        self.prompts_label = QLabel()
        self.prompts_label.setWordWrap(True)
        self.prompts_label.setObjectName("prompts")
        self.prompts_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.hints_label = QLabel()
        self.hints_label.setWordWrap(True)
        self.hints_label.setObjectName("hints")
        self.hints_label.setAlignment(Qt.AlignmentFlag.AlignTop)

        # captures
        self.tabs = QTabWidget()
        self.tabs.setUsesScrollButtons(True)
        self.tabs.tabBar().setExpanding(False)
        self.notes = NotesPane()
        self.tabs.addTab(self.notes, "Notities")
        self.panes: dict[str, CapturePane] = {}
        for spec in pane_specs(vocabulary["themes"], vocabulary["outcomes"],
                               live.method.reflection_questions,
                               frames=vocabulary.get("frames", ())):
            pane = CapturePane(spec, live.participant_codes)
            pane.set_live(live)
            pane.changed.connect(self._on_captures_changed)
            self.panes[spec.kind] = pane
            self.tabs.addTab(pane, spec.title)

        # layout
        top = QHBoxLayout()
        title_box = QVBoxLayout()
        title_box.addWidget(self.method_label)
        title_box.addWidget(self.phase_label)
        top.addLayout(title_box, 1)
        timer_box = QVBoxLayout()
        timer_box.addWidget(self.timer_label)
        timer_box.addWidget(self.state_label)
        timer_box.addWidget(self.clock_label, 0, Qt.AlignmentFlag.AlignCenter)
        top.addLayout(timer_box)
        controls = QHBoxLayout()
        controls.addWidget(self.back_button)
        controls.addStretch(1)
        for b in (self.prev_button, self.start_button, self.next_button, self.minus_button,
                  self.plus_button, self.plus5_button, self.finish_button,
                  self.projector_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            controls.addWidget(b)
        controls.addWidget(self.blackout_button)
        controls.addWidget(self.reveal_button)
        controls.addWidget(self.sound_box)
        message_row = QHBoxLayout()
        message_row.addStretch(1)
        message_row.addWidget(self.message_box, 1)
        message_row.addWidget(self.message_button)
        message_row.addWidget(self.clear_message_button)
        for b in (self.blackout_button, self.reveal_button, self.message_button,
                  self.clear_message_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        lab = QLabel("Agenda")
        lab.setObjectName("sectionTitle")
        ll.addWidget(lab)
        ll.addWidget(self.agenda, 1)
        ll.addWidget(self.series_panel)
        middle = QWidget()
        middle.setMinimumWidth(220)
        ml = QVBoxLayout(middle)
        ml.setContentsMargins(0, 0, 0, 0)
        lab = QLabel("Voor de zaal")
        lab.setObjectName("sectionTitle")
        ml.addWidget(lab)
        ml.addWidget(self.purpose_label)
        ml.addWidget(_scrolling(self.prompts_label), 2)
        lab = QLabel("Alleen voor jou")
        lab.setObjectName("sectionTitle")
        ml.addWidget(lab)
        ml.addWidget(_scrolling(self.hints_label), 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 4)
        # the capture pane gets the most: all its tabs fit on a 1366-wide screen
        splitter.setSizes([240, 360, 766])
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(controls)
        layout.addLayout(message_row)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.setStyleSheet("""
            QTabBar::tab { padding: 4px 7px; }
            QLabel#consoleTimer { font-size: 44pt; font-weight: 700; border-radius: 10px;
                                  padding: 2px 16px; }
            QLabel#prompts { font-size: 14pt; }
            QLabel#hints { background: #fff8e1; color: #4e342e; padding: 8px; border-radius: 6px; }
            QListWidget#seriesList { background: #e3f2fd; }
            QLabel#saveBanner { background: #b71c1c; color: #ffffff; font-weight: 600;
                                padding: 8px 12px; border-radius: 6px; }
        """)

        # wiring
        self.back_button.clicked.connect(self.leave)
        self.start_button.clicked.connect(self.toggle)
        self.next_button.clicked.connect(self.next_phase)
        self.prev_button.clicked.connect(self.previous_phase)
        self.minus_button.clicked.connect(lambda: self.adjust(-60))
        self.plus_button.clicked.connect(lambda: self.adjust(60))
        self.plus5_button.clicked.connect(lambda: self.adjust(300))
        self.projector_button.clicked.connect(self.toggle_projector)
        self.finish_button.clicked.connect(self.finish_meeting)
        self.blackout_button.clicked.connect(self.toggle_blackout)
        self.reveal_button.clicked.connect(self.toggle_reveal)
        self.message_button.clicked.connect(self.send_message)
        self.clear_message_button.clicked.connect(self.clear_message)
        self.sound_box.toggled.connect(self._on_sound)
        self.agenda.cellDoubleClicked.connect(lambda row, _col: self.goto(row))
        self.ticker.ticked.connect(self.tick)
        for keys, slot in (
            ("Space", self.toggle), ("N", self.next_phase), ("P", self.previous_phase),
            ("Backspace", self.previous_phase),
            ("+", lambda: self.adjust(60)), ("=", lambda: self.adjust(60)),
            ("]", lambda: self.adjust(60)), ("PgUp", lambda: self.adjust(60)),
            ("-", lambda: self.adjust(-60)), ("[", lambda: self.adjust(-60)),
            ("PgDown", lambda: self.adjust(-60)), ("Shift++", lambda: self.adjust(300)),
            ("B", self.toggle_blackout), (".", self.toggle_blackout),
            ("M", self.begin_message), ("O", self.toggle_reveal),
            ("Ctrl+I", lambda: self.begin_capture("issue_moment")),
            ("Ctrl+T", lambda: self.begin_capture("tip")),
            ("Ctrl+A", lambda: self.begin_capture("agreement")),
            ("F5", self.toggle_projector), ("F1", self.show_keys), ("Esc", self._escape),
        ):
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self._show_agreements()
        self.refresh_phase()
        self.ticker.start()

    # -- rendering ------------------------------------------------------------------
    def refresh_phase(self) -> None:
        """Phase-dependent content: title, prompts, hints, notes, suggested tab."""
        live = self.live
        index = live.timer.index
        phase = live.phase
        paint = self._paint
        paint.text(self.phase_label, f"Fase {index + 1} van {len(live.method.phases)}: {phase.title}")
        paint.text(self.purpose_label, phase.purpose)
        paint.text(self.prompts_label, "".join(f"<p>• {p}</p>" for p in phase.prompts)
                   or "<p>(geen vragen voor de zaal in deze fase)</p>")
        hints = list(phase.hints)
        if "role_cards" in phase.captures and self._table_warning:
            hints.insert(0, f"<b>Let op:</b> {self._table_warning}")
        if self.role_mismatch and role_phase(live.method, index):
            hints.insert(0, f"<b>Let op:</b> {self.role_mismatch}")
        paint.text(self.hints_label, "".join(f"<p>{h}</p>" for h in hints) or "–")
        self.notes.show_phase(live, index)
        if index != self._shown_index:
            self._shown_index = index
            kinds = [k for k in phase_kinds(phase) if k in self.panes]
            for i in range(self.tabs.count()):
                widget = self.tabs.widget(i)
                used = widget is self.notes or getattr(widget, "spec", None) and \
                    widget.spec.kind in kinds
                # the tabs of this phase stand out; the others look normal, not disabled
                self.tabs.tabBar().setTabTextColor(i, QColor("#0d47a1") if used
                                                   else QColor("#202020"))
                self.tabs.setTabToolTip(i, "Hoort bij deze fase" if used else "")
            if kinds:
                self.tabs.setCurrentWidget(self.panes[kinds[0]])
            self.agenda.selectRow(index)
            board = board_phase(live.method, index)
            self.reveal_button.setVisible(board)
            self.reveal_button.setChecked(index in self._revealed)
        self.refresh_timer()

    def tick(self) -> None:
        """Every tick: store what waits (a note, a retry), then repaint."""
        if self.message and \
                self.live.clock.monotonic() - self._message_since >= MESSAGE_SECONDS:
            self.clear_message()
        if self.live.writes.pending:
            self.live.save_pending()
            self._show_save_problem()
        self.refresh_timer()

    def refresh_timer(self) -> None:
        """Reads the clock and repaints; touches only what changed, writes nothing."""
        timer = self.live.timer
        state = timer.state()
        bg, fg = STATE_COLOURS[state.value]
        paint = self._paint
        paint.text(self.timer_label, format_mmss(timer.remaining()))
        paint.style(self.timer_label, f"background: {bg}; color: {fg};")
        view = projector_view(self.live, circles=self._circles, roles=self._roles,
                              revealed=timer.index in self._revealed, message=self.message,
                              blackout=self.blackout)
        paint.text(self.state_label, view.state_label)
        paint.text(self.clock_label, f"Bijeenkomst {format_hms(timer.session_elapsed())} · "
                                     f"{schedule_line(self.live)}")
        paint.text(self.start_button, "❚❚ Pauze" if timer.running else
                   "▶ Verder" if timer.paused else "▶ Start")
        if self._finished_shown != (timer.started, timer.finished):
            self._finished_shown = (timer.started, timer.finished)
            for b in (self.start_button, self.prev_button, self.next_button, self.minus_button,
                      self.plus_button, self.plus5_button):
                b.setEnabled(not timer.finished)
            self.finish_button.setEnabled(timer.started and not timer.finished)
        for i, phase in enumerate(timer.phases):
            spent = timer.elapsed(i)
            planned = round(phase.planned / 60)
            text = f"{round(spent / 60)} / {planned}" if spent >= 1 else f"– / {planned}"
            if self._agenda_texts[i] != text:
                self._agenda_texts[i] = text
                self.agenda.item(i, 1).setText(text)
        if self.projector.isVisible():
            self.projector.show_view(view)

    def _show_save_problem(self) -> None:
        problem = self.live.save_problem()
        if problem == self._banner_text:
            return
        self._banner_text = problem
        self.banner.setText(problem or "")
        self.banner.setVisible(problem is not None)

    def _show_agreements(self) -> None:
        """Every open agreement and parked issue of the group's earlier sessions."""
        self.series_panel.load(self.live.id)

    # -- actions ----------------------------------------------------------------------
    def _timer_action(self, action) -> bool:  # noqa: ANN001
        """Run a timer action of the live session; a refused one shows in the banner."""
        try:
            result = action()
        except CasusdeskError:
            result = False
            ok = False
        else:
            ok = True
        self._show_save_problem()
        return ok and result is not False

    def toggle(self) -> None:
        self._timer_action(self.live.toggle)
        self.refresh_timer()

    def next_phase(self) -> None:
        timer = self.live.timer
        if timer.is_last and timer.started and not timer.finished:
            self.finish_meeting()
            return
        if self._timer_action(self.live.next):
            self.refresh_phase()

    def finish_meeting(self, *, asked: bool = False) -> bool:
        """End the meeting (after asking): the current phase stops now, for good."""
        timer = self.live.timer
        if timer.finished or not timer.started:
            return False
        if not asked and not self.confirm(
                self, "Bijeenkomst afronden",
                f"De bijeenkomst nu afronden? Fase {timer.index + 1} ({timer.phase.title}) "
                "stopt nu; de tijden liggen daarna vast. Vastleggingen kun je daarna nog "
                "aanvullen."):
            return False
        ok = self._timer_action(self.live.finish)
        self.refresh_phase()
        return ok

    def previous_phase(self) -> None:
        if self._timer_action(self.live.previous):
            self.refresh_phase()

    def goto(self, index: int) -> None:
        self._timer_action(lambda: self.live.goto(index))
        self.refresh_phase()

    def adjust(self, seconds: float) -> None:
        self._timer_action(lambda: self.live.adjust(seconds))
        self.refresh_timer()

    def begin_capture(self, kind: str) -> None:
        pane = self.panes[kind]
        self.tabs.setCurrentWidget(pane)
        pane.begin()

    def _on_captures_changed(self, kind: str) -> None:
        if kind == "golden_circle":
            self._circles = self.live.captures("golden_circle")
            self.refresh_timer()

    # -- the room: blank, message, reveal ---------------------------------------------
    def toggle_blackout(self) -> None:
        """Blank the projector, or bring it back (B or .)."""
        self.blackout = not self.blackout
        self.blackout_button.setChecked(self.blackout)
        self.refresh_timer()

    def _escape(self) -> None:
        """Esc: out of a field; when already out, the message off the projector."""
        focus = self.focusWidget()
        if (focus is None or focus is self) and self.message:
            self.clear_message()
        self.setFocus()

    def begin_message(self) -> None:
        """M: put the cursor in the message field; with a message on the screen, take it off."""
        if self.message:
            self.clear_message()
            return
        self.message_box.setFocus()
        self.message_box.lineEdit().selectAll()

    def send_message(self) -> None:
        text = " ".join(self.message_box.currentText().split())[:MESSAGE_MAX]
        if not text:
            return
        self.message = text
        self._message_since = self.live.clock.monotonic()
        self.clear_message_button.setEnabled(True)
        self.setFocus()  # the keys work again at once
        self.refresh_timer()

    def clear_message(self) -> None:
        self.message = ""
        self.clear_message_button.setEnabled(False)
        self.refresh_timer()

    def toggle_reveal(self) -> None:
        """Show the answers of this phase's board on the projector, or hide them again."""
        index = self.live.timer.index
        if not board_phase(self.live.method, index):
            self.reveal_button.setChecked(False)
            return
        self._revealed ^= {index}
        self.reveal_button.setChecked(index in self._revealed)
        self.refresh_timer()

    def _on_sound(self, on: bool) -> None:
        self.projector.sound = on

    def toggle_projector(self) -> None:
        if self.projector.isVisible():
            self.projector.close()
        else:
            self.projector.present()
            # keep the keyboard here (some platforms activate a window that is shown)
            self.window().activateWindow()
            self.refresh_timer()
        self.projector_button.setChecked(self.projector.isVisible())

    def show_keys(self) -> None:
        rows = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{t}</td></tr>" for k, t in CONSOLE_KEYS)
        QMessageBox.information(self, "Sneltoetsen tijdens de bijeenkomst", f"<table>{rows}</table>")

    def _confirm_loss(self, unsaved: str) -> bool:
        answer = QMessageBox.warning(
            self, "Niet alles is opgeslagen",
            f"{unsaved}\n\nToch stoppen? Wat hierboven staat gaat dan verloren.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def leave(self) -> bool:
        """Stop the console; False when the facilitator chose to stay (unsaved notes)."""
        if self._left:
            return True
        timer = self.live.timer
        if timer.started and not timer.finished and (
                timer.is_last or timer.session_elapsed() >= timer.planned_total()):
            where = ("op de laatste fase" if timer.is_last
                     else "voorbij de geplande eindtijd")
            if self.confirm(self, "Bijeenkomst afronden",
                            f"De bijeenkomst is {where}. Nu afronden? De tijden liggen dan "
                            "vast.\n\nNee: alleen stoppen; de timer loopt door tot je de "
                            "console weer opent."):
                self.finish_meeting(asked=True)
        if not self.live.save_pending(force=True) and self.live.writes.unsaved():
            self._show_save_problem()
            if not self.confirm_loss(self.live.save_problem() or ""):
                return False
        try:
            self.live.checkpoint()
        except CasusdeskError:
            pass  # the last action's snapshot is stored; resuming counts the time since
        self._left = True
        self.ticker.stop()
        self.projector.close()
        self.closed.emit()
        return True


class ResumeDialog(QDialog):
    """Asked when a console is reopened long after it was closed on a meeting not ended.

    The time in between only counts when the facilitator says the meeting went on;
    the default answer is "it ended at" the last thing that happened.
    """

    def __init__(self, live: LiveSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Bijeenkomst weer openen")
        self.live = live
        closed = live.closed_at or live.clock.now()
        last = live.last_activity()
        passed = max(0.0, live.clock.now().timestamp() - last.timestamp())
        hours, rest = divmod(round(passed / 60), 60)
        ago = (f"{hours} uur" + (f" en {rest} min" if rest else "")) if hours else f"{rest} min"
        text = QLabel(f"Deze bijeenkomst is niet afgerond. Het laatste wat er gebeurde, was op "
                      f"{last:%d-%m-%Y} om {last:%H:%M} ({ago} geleden); sindsdien was de "
                      "console dicht. Wat is er gebeurd?")
        text.setWordWrap(True)
        self.text = text
        self.ended = QRadioButton("De bijeenkomst was afgerond om:")
        self.continued = QRadioButton(
            f"De bijeenkomst ging door: de tussentijd telt mee (fase {live.timer.index + 1})")
        self.paused = QRadioButton("De bijeenkomst gaat nu verder: de tussentijd telt niet "
                                   "mee (de timer staat op pauze)")
        self._choices = QButtonGroup(self)
        for b in (self.ended, self.continued, self.paused):
            self._choices.addButton(b)
        self.ended.setChecked(True)
        self._tz = closed.tzinfo
        self.end_edit = QDateTimeEdit(_qdatetime(live.last_activity()))
        self.end_edit.setDisplayFormat("dd-MM-yyyy HH:mm")
        self.end_edit.setMinimumDateTime(_qdatetime(closed))
        self.end_edit.setMaximumDateTime(_qdatetime(live.clock.now()))
        self.end_edit.setAccessibleName("Afgerond om")
        self.ended.toggled.connect(self.end_edit.setEnabled)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Openen")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        row = QHBoxLayout()
        row.addWidget(self.ended)
        row.addWidget(self.end_edit)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.continued)
        layout.addWidget(self.paused)
        layout.addWidget(buttons)

    def answer(self) -> tuple[str, dt.datetime | None]:
        if self.continued.isChecked():
            return "continued", None
        if self.paused.isChecked():
            return "paused", None
        q = self.end_edit.dateTime()
        d, t = q.date(), q.time()
        return "ended", dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(),
                                    tzinfo=self._tz)


def _qdatetime(at: dt.datetime) -> QDateTime:
    """The wall time as shown, in the datetime's own zone (no conversion by Qt)."""
    return QDateTime(QDate(at.year, at.month, at.day), QTime(at.hour, at.minute, at.second))


def ask_resume(parent: QWidget, live: LiveSession) -> tuple[str, dt.datetime | None] | None:
    """Ask what happened while the console was closed; None when cancelled."""
    dialog = ResumeDialog(live, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.answer()
