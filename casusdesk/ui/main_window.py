"""Main window: groups on the left, the chosen group or session on the right."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QSocketNotifier, Qt, QTimer, QTranslator
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication, QDialog, QFileDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
    QMainWindow, QMessageBox, QPlainTextEdit, QProgressBar, QPushButton, QSplitter, QStackedWidget,
    QVBoxLayout, QWidget,
)

from casusdesk import __version__
from casusdesk.app import AppContext
from casusdesk.domain.model import Group, Session
from casusdesk.domain.errors import CasusdeskError
from casusdesk.ui.group_page import GroupPage
from casusdesk.ui.participant_model import ParticipantTableModel
from casusdesk.ui.style import STYLESHEET
from casusdesk.ui.ticker import Ticker
from casusdesk.ui.widgets import fit_to_screen

if TYPE_CHECKING:  # imported when first needed: the first window shows sooner
    from casusdesk.ui.console import LiveConsole
    from casusdesk.ui.session_page import SessionPage
    from casusdesk.ui.worker import Job

#: the status bar while the word lists for anonymizing are prepared, and after
PREPARING_TEXT = ("Woordenlijsten voor het anonimiseren voorbereiden (eenmalig, 1 à 2 "
                  "minuten). Je kunt gewoon doorwerken.")
PREPARED_TEXT = "Woordenlijsten klaar: verslagen anonimiseren gaat nu snel."
PREPARE_FAILED_TEXT = ("Woordenlijsten voorbereiden lukte niet ({reason}); dat wordt opnieuw "
                       "geprobeerd bij het eerste verslag.")
PREPARE_DELAY_MS = 1500

#: asks the user a yes/no question; returns True for yes. Tests replace it.
Confirm = Callable[[QWidget, str, str], bool]

SHORTCUTS = (
    ("Ctrl+Shift+N", "Nieuwe groep"),
    ("Ctrl+N", "Nieuwe bijeenkomst in de gekozen groep"),
    ("Ctrl+Shift+D", "Deelnemer toevoegen"),
    ("Delete", "Gekozen deelnemer verwijderen (in de tabel)"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Ongedaan maken / opnieuw (deelnemers)"),
    ("Esc", "Van een bijeenkomst terug naar de groep"),
    ("Ctrl+L", "Bijeenkomst leiden (console en beamer)"),
    ("Ctrl+E", "Levenslijn"),
    ("Ctrl+J", "Interview voorbereiden"),
    ("Ctrl+R", "Rolwisseling en rolkaarten"),
    ("Ctrl+M", "Werkvorm aanpassen"),
    ("Ctrl+Shift+V", "Verslag controleren en exporteren"),
    ("Ctrl+P", "Afdrukken (in de rolwisseling en bij het verslag)"),
    ("Ctrl+Shift+A", "Agenda van de bijeenkomst (Word, zonder namen)"),
    ("Ctrl+Shift+I", "Issue-momenten analyseren"),
    ("Ctrl+Shift+B", "Volgende bijeenkomst van de groep"),
    ("Ctrl+Shift+O", "Overzicht van de groep over de bijeenkomsten"),
    ("F1", "Deze lijst"),
    ("Ctrl+Q", "Afsluiten"),
)


def ask(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class MainWindow(QMainWindow):
    """The application shell. Screens get the services they need, nothing more."""

    def __init__(self, ctx: AppContext, *, confirm: Confirm = ask,
                 ticker_factory: Callable[[], Ticker] = Ticker) -> None:
        super().__init__()
        self.ctx = ctx
        self.confirm = confirm
        self._reloading = False
        self.ticker_factory = ticker_factory
        self.console: LiveConsole | None = None
        #: asks what happened while a console was closed for long (tests replace it)
        self.ask_resume: Callable[..., object] | None = None
        #: the notice shown over the console when some captures cannot be read
        self.damage_box: QMessageBox | None = None
        self.setWindowTitle("casusdesk")
        fit_to_screen(self, 1366, 768)

        self.undo = QUndoStack(self)
        self.participants = ParticipantTableModel(ctx.roster, self.undo, self)

        self.group_list = QListWidget()
        self.group_list.setObjectName("groupList")
        self.new_group_button = QPushButton("Nieuwe groep")
        self.new_group_button.setToolTip("Ctrl+Shift+N")
        self.delete_group_button = QPushButton("Verwijderen")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        heading = QLabel("Groepen")
        heading.setObjectName("sectionTitle")
        left_layout.addWidget(heading)
        left_layout.addWidget(self.group_list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_group_button)
        buttons.addWidget(self.delete_group_button)
        left_layout.addLayout(buttons)

        self.empty_page = QLabel("Kies links een groep, of maak een nieuwe groep (Ctrl+Shift+N).")
        self.empty_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.group_page = GroupPage(ctx.store, self.participants, self.undo,
                                    [f.label for f in ctx.roster.functions],
                                    confirm=lambda *a: self.confirm(*a))
        self.participants.group_wanted.connect(self._show_group_for_undo)
        self._session_page: SessionPage | None = None  # built when first opened
        self.stack = QStackedWidget()
        for page in (self.empty_page, self.group_page):
            self.stack.addWidget(page)

        splitter = QSplitter()
        self.left_pane = left
        splitter.addWidget(left)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 1100])
        self.setCentralWidget(splitter)
        if ctx.read_only:
            self.setWindowTitle("casusdesk (alleen lezen)")
            self.read_only_label = QLabel("Alleen lezen: casusdesk is elders al geopend op "
                                          "deze map; wijzigingen worden niet opgeslagen.")
            self.read_only_label.setObjectName("readOnlyNotice")
            self.statusBar().addPermanentWidget(self.read_only_label)
        self.statusBar().showMessage(f"Gegevens in {ctx.data_dir}")
        self.prepare_bar = QProgressBar()
        self.prepare_bar.setRange(0, 0)  # busy: the preparation has no percentage
        self.prepare_bar.setMaximumWidth(160)
        self.prepare_bar.setVisible(False)
        self.statusBar().addPermanentWidget(self.prepare_bar)
        self._prepare_job: Job | None = None

        self._build_menus()
        self.group_list.currentItemChanged.connect(self._on_group_selected)
        self.new_group_button.clicked.connect(self.new_group)
        self.delete_group_button.clicked.connect(self.delete_current_group)
        self.group_page.group_changed.connect(self._refresh_group_names)
        self.group_page.session_new_requested.connect(self.new_session)
        self.group_page.session_open_requested.connect(self.open_session)
        self.group_page.session_delete_requested.connect(self.delete_session)
        self.group_page.overview_requested.connect(self.open_overview)

        self.reload_groups()
        #: stays in the status bar while own method files cannot be read; opens the list
        self.problems_button = QPushButton()
        self.problems_button.setObjectName("methodProblems")
        self.problems_button.setFlat(True)
        self.problems_button.clicked.connect(self.show_method_problems)
        self.statusBar().addPermanentWidget(self.problems_button)
        self.problems_box: QDialog | None = None
        self._set_method_problems(ctx.problems)

    @property
    def session_page(self) -> SessionPage:
        """The page of one session, built the first time it is needed."""
        if self._session_page is None:
            from casusdesk.ui.session_page import SessionPage

            page = SessionPage(self.ctx.store, self._method_choices())
            page.back_requested.connect(self._leave_session_page)
            page.session_changed.connect(self.group_page.reload_sessions)
            page.lead_requested.connect(self.start_console)
            page.roles_requested.connect(self.open_roles)
            page.timeline_requested.connect(self.open_timeline)
            page.method_edit_requested.connect(self.open_method_editor)
            page.interview_requested.connect(self.open_interview)
            page.minutes_requested.connect(self.open_minutes)
            page.next_requested.connect(self.plan_next_session)
            page.agenda_requested.connect(self.export_agenda)
            page.analysis_requested.connect(self.open_analysis)
            self.stack.addWidget(page)
            self._session_page = page
        return self._session_page

    # -- menus --------------------------------------------------------------------
    def _action(self, text: str, shortcut: str | QKeySequence.StandardKey | None,
                slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("&Bestand")
        menu.addAction(self._action("Nieuwe &groep", "Ctrl+Shift+N", self.new_group))
        menu.addAction(self._action("Nieuwe &bijeenkomst", "Ctrl+N", self.new_session))
        menu.addSeparator()
        menu.addAction(self._action("Bewaar&termijnen…", None, self.open_retention))
        menu.addAction(self._action("Groep &exporteren als back-up…", None, self.export_backup))
        menu.addAction(self._action("Back-up &inlezen…", None, self.import_backup))
        menu.addSeparator()
        menu.addAction(self._action("&Afsluiten", QKeySequence.StandardKey.Quit, self.close))
        edit = self.menuBar().addMenu("Be&werken")
        undo = self.undo.createUndoAction(self, "&Ongedaan maken")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo.createRedoAction(self, "O&pnieuw")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit.addAction(undo)
        edit.addAction(redo)
        # the session page's own buttons carry the shortcuts (they work from every field);
        # the menu shows them and does what the button does
        session = self.menuBar().addMenu("Bij&eenkomst")
        for text, keys, button in (
                ("Bijeenkomst leiden", "Ctrl+L", "lead_button"),
                ("Levenslijn…", "Ctrl+E", "timeline_button"),
                ("Interview…", "Ctrl+J", "interview_button"),
                ("Rolwisseling…", "Ctrl+R", "roles_button"),
                ("Werkvorm aanpassen…", "Ctrl+M", "method_button"),
                ("Verslag…", "Ctrl+Shift+V", "minutes_button"),
                ("Issue-momenten analyseren…", "Ctrl+Shift+I", "analysis_button"),
                ("Agenda…", "Ctrl+Shift+A", "agenda_button"),
                ("Volgende bijeenkomst…", "Ctrl+Shift+B", "next_button")):
            action = QAction(f"{text}\t{keys}", self)
            action.triggered.connect(lambda _=False, b=button: self._session_button(b))
            session.addAction(action)
        session.aboutToShow.connect(
            lambda: [a.setEnabled(self._on_session_page()) for a in session.actions()])
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self._action("&Sneltoetsen", "F1", self.show_shortcuts))
        help_menu.addAction(self._action("&Over casusdesk", None, self.show_about))

    def _on_session_page(self) -> bool:
        return self._session_page is not None and \
            self.stack.currentWidget() is self._session_page

    def _session_button(self, name: str) -> None:
        if self._on_session_page():
            getattr(self.session_page, name).click()
        else:
            self.statusBar().showMessage("Open eerst een bijeenkomst.", 5000)

    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{t}</td></tr>" for k, t in SHORTCUTS)
        QMessageBox.information(self, "Sneltoetsen", f"<table>{rows}</table>")

    def show_about(self) -> None:
        QMessageBox.about(self, "Over casusdesk",
                          f"<b>casusdesk {__version__}</b><br>Werkbank voor de gespreksleider van "
                          "casuïstiekbesprekingen en intervisie.<br><br>Alles blijft op deze laptop: "
                          "het programma maakt nooit verbinding met internet.<br>"
                          f"Gegevensmap: {self.ctx.data_dir}")

    @contextmanager
    def _store_errors(self) -> Iterator[None]:
        """A store that refuses (a record deleted in another window, a locked or full
        disk) gives a message in the status bar, not a traceback; lists are refreshed
        when a record is gone, so nothing keeps pointing at it."""
        try:
            yield
        except CasusdeskError as exc:
            self.statusBar().showMessage(str(exc), 15000)
            if "bestaat niet meer" in str(exc) and not self._reloading:
                self._reloading = True
                try:
                    self.reload_groups()
                except CasusdeskError:
                    pass
                finally:
                    self._reloading = False

    # -- groups ---------------------------------------------------------------------
    def reload_groups(self, select_id: int | None = None) -> None:
        current = select_id if select_id is not None else self.current_group_id()
        self.group_list.blockSignals(True)
        self.group_list.clear()
        for group in self.ctx.store.list_groups():
            item = QListWidgetItem(group.name)
            item.setData(Qt.ItemDataRole.UserRole, group.id)
            self.group_list.addItem(item)
            if group.id == current:
                self.group_list.setCurrentItem(item)
        self.group_list.blockSignals(False)
        if self.group_list.currentItem() is None and self.group_list.count():
            self.group_list.setCurrentRow(0)  # the signal loads the group once
        else:
            self._on_group_selected(self.group_list.currentItem(), None)

    def current_group_id(self) -> int | None:
        item = self.group_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _show_group_for_undo(self, group_id: int) -> None:
        """An undo step changes another group: show that group first."""
        if self.current_group_id() != group_id:
            self.reload_groups(select_id=group_id)

    def _may_leave_page(self) -> bool:
        """Ask before leaving a session page with a field that could not be saved."""
        page = self._session_page
        if page is None or self.stack.currentWidget() is not page:
            return True
        problem = page.unsaved_problem()
        if not problem:
            return True
        return self.confirm(self, "Niet alles is opgeslagen",
                            f"{problem}\n\nDat veld is niet opgeslagen (het staat rood "
                            "omrand); de andere velden wel. Toch weggaan? Wat je in dat veld "
                            "typte gaat dan verloren.")

    def _leave_session_page(self) -> None:
        if self._may_leave_page():
            self._back_to_group()

    def _on_group_selected(self, item: QListWidgetItem | None, _previous: object) -> None:
        if not self._may_leave_page():
            self.group_list.blockSignals(True)
            self.group_list.setCurrentItem(_previous)  # stay on the page, nothing lost
            self.group_list.blockSignals(False)
            return
        # the undo history stays: an undo step of another group shows that group first
        with self._store_errors():
            if item is None:
                self.stack.setCurrentWidget(self.empty_page)
                return
            self.group_page.load(item.data(Qt.ItemDataRole.UserRole))
            self.stack.setCurrentWidget(self.group_page)

    def _refresh_group_names(self) -> None:
        group = self.group_page.group
        item = self.group_list.currentItem()
        if group and item:
            item.setText(group.name)

    def new_group(self) -> None:
        with self._store_errors():
            existing = {g.name for g in self.ctx.store.list_groups()}
            name, n = "Nieuwe groep", 2
            while name in existing:
                name, n = f"Nieuwe groep {n}", n + 1
            group = self.ctx.store.save_group(Group(name=name))
            self.reload_groups(select_id=group.id)
            self.group_page.name_edit.setFocus()
            self.group_page.name_edit.selectAll()

    def delete_current_group(self) -> None:
        with self._store_errors():
            group_id = self.current_group_id()
            if group_id is None:
                return
            group = self.ctx.store.get_group(group_id)
            n_participants, n_sessions = self.ctx.store.group_contents(group_id)
            if not self.confirm(self, "Groep verwijderen",
                                f"Groep '{group.name}' verwijderen?\n\nDaarmee verdwijnen ook "
                                f"{n_participants} deelnemer(s) en {n_sessions} bijeenkomst(en) met "
                                "alles wat daarin is vastgelegd. Dit kan niet ongedaan worden gemaakt."):
                return
            self.ctx.store.delete_group(group_id)
            self.undo.clear()  # its steps would point at a group that is gone
            self.reload_groups()

    # -- retention ------------------------------------------------------------------
    def open_retention(self, *, only_when_due: bool = False) -> QDialog | None:
        """The sessions past their retention date (from the menu; at the start only
        when there are any). Returns the dialog, shown."""
        from casusdesk.services import retention

        if self.ctx.read_only:
            if not only_when_due:
                self.statusBar().showMessage("Alleen lezen: bewaartermijnen kunnen nu niet "
                                             "worden toegepast.", 10000)
            return None
        with self._store_errors():
            # at the start the dialog is built only when there is something due
            if only_when_due and not retention.due(self.ctx.store, self.ctx.clock):
                return None
            from casusdesk.ui.retention_dialog import RetentionDialog

            dialog = RetentionDialog(self.ctx.store, self.ctx.clock, self.confirm, self)
            if only_when_due and not dialog.due_count():
                dialog.deleteLater()
                return None
            dialog.finished.connect(lambda _r: self.reload_groups())
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()
            self.retention_dialog = dialog
            return dialog
        return None

    # -- backup and handover --------------------------------------------------------
    def _ask_path(self, *, save: bool, suggested: str = "") -> Path | None:
        from casusdesk.ui.backup_dialog import ask_path

        return ask_path(self, save=save, suggested=suggested)

    def _ask_passphrase(self, *, twice: bool) -> str | None:
        from casusdesk.ui.backup_dialog import ask_passphrase

        return ask_passphrase(self, twice=twice)

    def _warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def export_backup(self) -> Path | None:
        """The chosen group as an encrypted file (for a backup or a colleague)."""
        from casusdesk.services import backup

        group_id = self.current_group_id()
        if group_id is None:
            self.statusBar().showMessage("Kies eerst links een groep.", 5000)
            return None
        group = self.ctx.store.get_group(group_id)
        path = self._ask_path(save=True, suggested=f"{group.name}{backup.SUFFIX}")
        if path is None:
            return None
        passphrase = self._ask_passphrase(twice=True)
        if passphrase is None:
            return None
        try:
            result = backup.export_backup(self.ctx.store, group_id, path, passphrase)
        except CasusdeskError as exc:
            self._warn("Back-up niet gemaakt", str(exc))
            return None
        self.statusBar().showMessage(f"Back-up opgeslagen: {result.describe()} in {path}", 15000)
        return path

    def import_backup(self) -> Group | None:
        """Read a group in from a backup; a group that is here already only as a copy."""
        from casusdesk.services import backup

        if self.ctx.read_only:
            self._warn("Back-up inlezen", "Alleen lezen: casusdesk is elders al geopend op "
                                          "deze map.")
            return None
        path = self._ask_path(save=False)
        if path is None:
            return None
        passphrase = self._ask_passphrase(twice=False)
        if passphrase is None:
            return None
        try:
            payload = backup.read_backup(path, passphrase)
            here = backup.already_here(self.ctx.store, payload)
            if here is not None and not self.confirm(
                    self, "Groep staat er al",
                    f"De groep '{here}' staat al in je gegevens. Als kopie inlezen? Dan heb je "
                    "ze allebei; ze worden niet samengevoegd."):
                return None
            group = backup.import_backup(self.ctx.store, payload, copy=here is not None)
        except CasusdeskError as exc:
            self._warn("Back-up niet ingelezen", str(exc))
            return None
        self.reload_groups(select_id=group.id)
        self.statusBar().showMessage(
            f"Ingelezen: {backup.summary(payload).describe()}, als '{group.name}'.", 15000)
        return group

    # -- sessions -------------------------------------------------------------------
    def new_session(self) -> None:
        with self._store_errors():
            group_id = self.current_group_id()
            if group_id is None:
                self.statusBar().showMessage("Kies of maak eerst een groep.", 5000)
                return
            import datetime as dt

            members = [p.id for p in self.ctx.store.list_participants(group_id) if not p.guest]
            session = self.ctx.store.save_session(Session(group_id=group_id, date=dt.date.today(),
                                                          attendance=members))
            self.group_page.reload_sessions()
            self.open_session(session.id)
            self.session_page.case_title.setFocus()

    def plan_next_session(self, session_id: int) -> int | None:
        """Make the group's next meeting (a month later, same place and method, the open
        agreements on its list) and open it. Returns its id."""
        from casusdesk.services import series

        with self._store_errors():
            new = series.next_session(self.ctx.store, session_id)
            self.group_page.reload_sessions()
            self.open_session(new.id)
            bringer = next((p for p in self.ctx.store.list_participants(new.group_id)
                            if p.id == new.case.case_bringer_id), None)
            open_count = len(series.open_items(self.ctx.store, new.id))
            self.statusBar().showMessage(
                f"Volgende bijeenkomst gemaakt voor {new.date:%d-%m-%Y}"
                + (f"; voorstel casusinbrenger: {bringer.code} (nog niet aan de beurt "
                   "geweest of het langst geleden)" if bringer else "")
                + f"; {open_count} open punt(en) van eerdere bijeenkomsten.", 10000)
            return new.id
        return None

    def export_agenda(self, session_id: int) -> None:
        """Ask for a file name and write the agenda (Word) through the privacy boundary."""
        from casusdesk.services.agenda import export_agenda

        session = self.ctx.store.get_session(session_id)
        path, _ = QFileDialog.getSaveFileName(
            self, "Agenda opslaan",
            str(Path.home() / f"agenda-{session.date:%Y%m%d}.docx"), "Word-bestanden (*.docx)")
        if not path:
            return
        target = Path(path) if path.lower().endswith(".docx") else Path(path + ".docx")
        try:
            written = export_agenda(self.ctx.store, session_id, self.ctx.methods, target)
        except (CasusdeskError, OSError) as exc:
            QMessageBox.warning(self, "Agenda", str(exc))
            return
        QMessageBox.information(self, "Agenda opgeslagen", f"De agenda staat in {written}.")

    def open_session(self, session_id: int) -> None:
        with self._store_errors():
            self.session_page.load(session_id)
            self.stack.setCurrentWidget(self.session_page)

    def delete_session(self, session_id: int) -> None:
        with self._store_errors():
            session = self.ctx.store.get_session(session_id)
            n = self.ctx.store.session_capture_count(session_id)
            if not self.confirm(self, "Bijeenkomst verwijderen",
                                f"Bijeenkomst {session.title} verwijderen?\n\nDe casus, de aanwezigheid "
                                f"en {n} vastlegging(en) gaan mee. Dit kan niet ongedaan worden gemaakt."):
                return
            self.ctx.store.delete_session(session_id)
            self.group_page.reload_sessions()
            if self._session_page is not None and self.stack.currentWidget() is self._session_page:
                self._back_to_group()

    def open_roles(self, session_id: int) -> None:
        from casusdesk.ui.roles_dialog import RolesDialog

        RolesDialog(self.ctx.store, self.ctx.roster, session_id, parent=self).exec()

    def _method_choices(self) -> list[tuple[str, str]]:
        return [(m.id, f"{m.name} ({round(m.total_minutes)} min)")
                for m in self.ctx.methods.values()]

    def _set_method_problems(self, problems: Sequence[str]) -> None:
        self.ctx.problems = list(problems)
        count = len(problems)
        self.problems_button.setText(
            f"⚠ {count} {'eigen werkvorm kon' if count == 1 else 'eigen werkvormen konden'} "
            "niet worden gelezen – bekijk")
        self.problems_button.setToolTip("Toon elk bestand en wat eraan schort")
        self.problems_button.setVisible(bool(problems))

    def show_method_problems(self) -> None:
        """Every unreadable method file with its reason, in one window (not modal)."""
        from casusdesk.services.method_catalog import custom_methods_dir

        if not self.ctx.problems:
            return
        box = QDialog(self)
        box.setObjectName("methodProblemsBox")
        box.setWindowTitle("Eigen werkvormen")
        box.resize(760, 420)
        count = len(self.ctx.problems)
        files = "1 bestand" if count == 1 else f"{count} bestanden"
        header = QLabel(f"{files} in {custom_methods_dir(self.ctx.data_dir)} "
                        f"{'kon' if count == 1 else 'konden'} niet worden gelezen en "
                        f"{'is' if count == 1 else 'zijn'} overgeslagen. Verbeter of verwijder "
                        f"{'het' if count == 1 else 'ze'} en start casusdesk opnieuw.")
        header.setWordWrap(True)
        box.listing = QPlainTextEdit("\n".join(f"• {p}" for p in self.ctx.problems))
        box.listing.setReadOnly(True)  # selectable and scrollable, however many there are
        close = QPushButton("Sluiten")
        close.clicked.connect(box.accept)
        layout = QVBoxLayout(box)
        layout.addWidget(header)
        layout.addWidget(box.listing, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.problems_box = box
        box.open()

    def open_method_editor(self, session_id: int) -> None:
        from casusdesk.services.method_catalog import custom_methods_dir, load_methods
        from casusdesk.ui.method_dialog import MethodDialog

        try:
            dialog = MethodDialog(self.ctx.store, session_id, self.ctx.methods,
                                  self.ctx.data_dir, parent=self)
        except CasusdeskError as exc:
            QMessageBox.information(self, "Werkvorm aanpassen", str(exc))
            return
        dialog.exec()
        if dialog.saved_as is not None:
            problems: list[str] = []
            self.ctx.methods = load_methods(custom_methods_dir(self.ctx.data_dir),
                                            problems=problems)
            self._set_method_problems(problems)
            self.session_page.set_methods(self._method_choices())
        self.open_session(session_id)

    def open_minutes(self, session_id: int) -> None:
        from casusdesk.services import damage
        from casusdesk.ui.review_dialog import ReviewDialog

        captures = damage.report(session_id, damage.damaged_captures(self.ctx.store, session_id))
        parts = damage.session_notice(self.ctx.store, session_id)
        text = " ".join(t for t in (captures, parts) if t)
        question = ("Het verslag zonder deze vastleggingen maken? Ze blijven bewaard zoals ze "
                    "zijn." if not parts else "Het verslag zonder wat beschadigd is maken? Het "
                    "blijft bewaard zoals het is.")
        if text and not self.confirm(self, "Verslag met beschadigde gegevens",
                                     f"{text}\n\n{question}"):
            return
        ReviewDialog(self.ctx.store, session_id, self.ctx.methods, parent=self,
                     skip_damaged=bool(text)).exec()

    def open_analysis(self, session_id: int) -> None:
        from casusdesk.services.catalog import issue_vocabulary
        from casusdesk.ui.analysis_window import AnalysisWindow

        AnalysisWindow(self.ctx.store, session_id, issue_vocabulary(), self.ctx.methods,
                       parent=self).exec()

    def open_overview(self, group_id: int) -> None:
        from casusdesk.ui.overview_window import OverviewWindow

        OverviewWindow(self.ctx.store, group_id, self.ctx.methods,
                       open_analysis=self.open_analysis, parent=self).exec()

    def open_interview(self, session_id: int) -> None:
        from casusdesk.ui.interview_dialog import InterviewDialog

        InterviewDialog(self.ctx.store, session_id, parent=self).exec()

    def open_timeline(self, session_id: int) -> None:
        from casusdesk.ui.timeline_editor import TimelineEditor

        TimelineEditor(self.ctx.store, session_id, parent=self).exec()

    # -- leading a session ------------------------------------------------------------
    def start_console(self, session_id: int) -> LiveConsole | None:
        """Open the facilitator console on a session (resuming its timer)."""
        if self.ctx.read_only:  # a meeting writes every moment: not beside another casusdesk
            QMessageBox.information(self, "Bijeenkomst leiden", "Alleen lezen: casusdesk is "
                                    "elders al geopend op deze map. Sluit dat eerst om een "
                                    "bijeenkomst te leiden.")
            return None
        from casusdesk.services.catalog import issue_vocabulary
        from casusdesk.services.live import LiveSession
        from casusdesk.ui.console import LiveConsole
        from casusdesk.ui.projector import ProjectorWindow

        try:
            live = LiveSession(self.ctx.store, session_id, self.ctx.methods, self.ctx.clock)
        except CasusdeskError as exc:
            QMessageBox.warning(self, "Bijeenkomst leiden", str(exc))
            return None
        if not self.close_console():
            return None  # the open console has a note it could not store yet
        if live.asks_about_gap:
            from casusdesk.ui.console import ask_resume

            answer = (self.ask_resume or ask_resume)(self, live)
            if answer is None:
                return None
            try:
                live.resolve_gap(*answer)
            except CasusdeskError as exc:
                QMessageBox.warning(self, "Bijeenkomst leiden", str(exc))
                return None
        self.console = LiveConsole(live, self.ticker_factory(),
                                   ProjectorWindow(self, clock=self.ctx.clock),
                                   issue_vocabulary(), confirm=self.confirm)
        self.console.closed.connect(self._console_closed)
        self.left_pane.setVisible(False)
        self.menuBar().setVisible(False)
        self.stack.addWidget(self.console)
        self.stack.setCurrentWidget(self.console)
        self.console.setFocus()
        damaged = live.damage_notice()
        notice = "\n\n".join(t for t in (damaged, self.console.role_mismatch) if t)
        if notice:  # not modal: the meeting goes on, the notice stays until it is closed
            self.damage_box = QMessageBox(QMessageBox.Icon.Warning,
                                          "Beschadigde gegevens" if damaged else "Rolverdeling",
                                          notice, QMessageBox.StandardButton.Ok, self.console)
            self.damage_box.setObjectName("damageNotice")
            self.damage_box.open()
        return self.console

    def close_console(self) -> bool:
        """Leave the console if one is open; False when the facilitator chose to stay."""
        return self.console is None or self.console.leave()

    def _console_closed(self) -> None:
        console, self.console = self.console, None
        if console is None:
            return
        self.damage_box = None  # it goes with the console
        session_id = console.live.id
        self.stack.removeWidget(console)
        console.deleteLater()
        self.left_pane.setVisible(True)
        self.menuBar().setVisible(True)
        self.open_session(session_id)

    # -- first start: the word lists for anonymizing ------------------------------------
    def prepare_word_lists(self) -> Job | None:
        """On a first start, build the anonymizer's word lists in the background.

        Nothing happens when they are already prepared (the bundle ships them built):
        loading them is left to the first minutes review, so the window does not hold
        their memory for nothing. The status bar shows the preparation, then the result.
        """
        if self._prepare_job is not None:
            return self._prepare_job
        from casusdesk.ui.worker import Job

        def work(job: Job) -> bool:
            from casusdesk.services import anonymize

            if anonymize.is_ready() or not anonymize.needs_build():
                return False
            job.report(PREPARING_TEXT)
            anonymize.warm_up()
            return True

        job = Job(work, self)
        job.progress.connect(self._on_prepare_progress)
        job.finished.connect(self._on_prepared)
        self._prepare_job = job
        job.start()
        return job

    def _on_prepare_progress(self, text: str) -> None:
        self.prepare_bar.setVisible(True)
        self.statusBar().showMessage(text)

    def _on_prepared(self) -> None:
        job = self._prepare_job
        self.prepare_bar.setVisible(False)
        if job is None:
            return
        if job.error is not None:
            self.statusBar().showMessage(PREPARE_FAILED_TEXT.format(reason=job.error), 30000)
        elif job.result:
            self.statusBar().showMessage(PREPARED_TEXT, 30000)

    def closeEvent(self, event) -> None:  # noqa: ANN001
        if self.console is None and not self._may_leave_page():
            event.ignore()
            return
        if not self.close_console():
            event.ignore()  # a note is not stored yet and the facilitator chose to stay
            return
        super().closeEvent(event)
        job = self._prepare_job
        if event.isAccepted() and job is not None and job.isRunning():
            # a half-built cache would be built again next time: finish it unseen
            self.hide()
            job.wait()

    def _back_to_group(self) -> None:
        group_id = self.current_group_id()
        if group_id is not None:
            self.group_page.load(group_id)
            self.stack.setCurrentWidget(self.group_page)


def _close_on_terminate(window: QMainWindow) -> None:
    """SIGTERM (log-out, shutdown, ``kill``) closes the window as the user would, so a
    running console is left properly instead of the process dying mid-write.

    Python runs signal handlers only between bytecodes, which the Qt event loop does
    not execute while idle: the signal also writes a byte into a pipe that a socket
    notifier watches, which wakes the loop. Not on Windows (no SIGTERM from outside).
    """
    if not hasattr(signal, "SIGTERM") or sys.platform == "win32":
        return
    read_fd, write_fd = os.pipe()
    os.set_blocking(write_fd, False)
    signal.set_wakeup_fd(write_fd)
    notifier = QSocketNotifier(read_fd, QSocketNotifier.Type.Read, window)
    notifier.activated.connect(lambda *_: os.read(read_fd, 64))
    signal.signal(signal.SIGTERM, lambda *_: window.close())


def install_dutch(app: QApplication) -> list[QTranslator]:
    """Qt's own texts in Dutch: Ja/Nee, the file dialog (Zoeken in, Bestandsnaam, Opslaan,
    Annuleren), the colour and print dialogs. Qt's translations ship with PySide6
    (``qtbase_nl.qm`` in QLibraryInfo's TranslationsPath); missing files are skipped.
    Returns the installed translators (kept alive by the application's property)."""
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed = []
    for name in ("qtbase_nl", "qt_nl"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def run(ctx: AppContext, argv: Sequence[str] | None = None) -> int:
    """Start the GUI on ``ctx`` and block until the window closes."""
    app = QApplication.instance() or QApplication(list(argv or sys.argv[:1]))
    app.setApplicationName("casusdesk")
    install_dutch(app)
    app.setStyleSheet(STYLESHEET)
    window = MainWindow(ctx)
    window.show()
    _close_on_terminate(window)
    # after the first frames: on a first start, prepare the word lists in the background
    QTimer.singleShot(PREPARE_DELAY_MS, window.prepare_word_lists)
    # sessions past their retention date are shown once the window is there
    QTimer.singleShot(0, lambda: window.open_retention(only_when_due=True))
    try:
        return app.exec()
    finally:
        from casusdesk.services import scratch

        scratch.remove_all()  # mail drafts, cards for printing, --demo data
