"""The levenslijn editor: a table of life events on the left, the graph on the right.

Every change is a domain command (:mod:`casusdesk.domain.timeline`) wrapped in a
QUndoCommand and saved at once with :func:`casusdesk.services.levenslijn.save`.
The slots only translate clicks and typing into those commands.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAction, QBrush, QColor, QFont, QFontMetricsF, QKeySequence, QPainter, QPainterPath, QPen,
    QPolygonF, QUndoCommand, QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QFileDialog, QGraphicsItem, QGraphicsScene, QGraphicsView,
    QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from casusdesk.domain.errors import CasusdeskError
from casusdesk.domain.timeline import (
    MAX_EXPERIENCE, MIN_EXPERIENCE, AddEvent, EditEvent, EventKind, LifeEvent,
    LinkEvents, MoveEvent, RemoveEvent, Source, Timeline, TimelineCommand, UnlinkEvents, When,
    experience_label,
)
from casusdesk.domain.timeline_layout import (
    Box, PixelMap, TimelineLayout, layout_timeline, marker_points, place_labels, wrap_text,
)
from casusdesk.services import levenslijn
from casusdesk.services.timeline_image import load_life_domains
from casusdesk.storage.repositories import Store
from casusdesk.ui.widgets import ChoiceDelegate, ErrorLabel, fit_to_screen

NEW_DESCRIPTION = "Nieuwe gebeurtenis"

COLUMNS = ("Wanneer", "Wat", "Domein", "Beleving", "Bron", "Soort")
COL_WHEN, COL_WHAT, COL_DOMAIN, COL_EXPERIENCE, COL_SOURCE, COL_KIND = range(len(COLUMNS))

SOURCE_CHOICES = {Source.CLIENT: "cliënt", Source.PROFESSIONAL: "professional"}
EXPERIENCE_CHOICES = [experience_label(v) for v in range(MAX_EXPERIENCE, MIN_EXPERIENCE - 1, -1)]

INK = QColor("#1A1A1A")
MUTED = QColor("#555555")
GRID = QColor("#E4E4E4")
ZERO = QColor("#9A9A9A")
LINE = QColor("#3A3A3A")
LINK = QColor("#6E6E6E")
FUTURE_FILL = QColor("#F1EEF8")
FUTURE_INK = QColor("#5B4A8A")
SELECTED = QColor("#0072B2")

DOT_RADIUS = 9.0

#: asks where to save the image; returns a path or "" for cancel. Tests replace it.
AskSavePath = Callable[[QWidget], str]


def ask_save_path(parent: QWidget) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, "Levenslijn exporteren", "levenslijn.png",
                                          "PNG-afbeelding (*.png);;SVG-tekening (*.svg)")
    return path


def parse_experience(text: str) -> int:
    """"+2", "-3 (dieptepunt)", "−1", "0" → an int; CasusdeskError on anything else."""
    token = (text or "").strip().split(" ")[0].replace("\u2212", "-")
    try:
        return int(token)
    except ValueError:
        raise CasusdeskError(f"De beleving '{text}' is geen getal van −3 tot en met +3.") \
            from None


class _UndoCommand(QUndoCommand):
    """A domain command on the undo stack; the first redo is skipped (already applied)."""

    def __init__(self, editor: TimelineEditor, command: TimelineCommand) -> None:
        super().__init__(command.text)
        self.editor = editor
        self.command = command
        self.applied = True

    def redo(self) -> None:
        if not self.applied:
            self.command.apply(self.editor.timeline)
            self.applied = True
        self.editor.changed()

    def undo(self) -> None:
        self.command.revert(self.editor.timeline)
        self.applied = False
        self.editor.changed()


class _Dot(QGraphicsItem):
    """A marker for one event; drawn in its domain colour, dragged only up and down."""

    def __init__(self, event_id: str, shape: QPainterPath, fill: QColor, pen: QPen) -> None:
        super().__init__()
        self.event_id = event_id
        self.shape_path = shape
        self.fill = fill
        self.pen = pen
        self.selected_ring = False
        self.setCursor(Qt.CursorShape.SizeVerCursor)
        self.setZValue(10)

    def boundingRect(self) -> QRectF:
        return self.shape_path.boundingRect().adjusted(-6, -6, 6, 6)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addEllipse(self.shape_path.boundingRect().adjusted(-4, -4, 4, 4))
        return path

    def paint(self, painter: QPainter, option, widget=None) -> None:  # noqa: ANN001
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.selected_ring:
            painter.setPen(QPen(SELECTED, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(self.shape_path.boundingRect().adjusted(-5, -5, 5, 5))
        painter.setPen(self.pen)
        painter.setBrush(QBrush(self.fill))
        painter.drawPath(self.shape_path)


class TimelineView(QGraphicsView):
    """The graph. Reports clicks on empty space, drags and double clicks of dots."""

    empty_clicked = Signal(QPointF)
    dot_moved = Signal(str, QPointF)
    dot_double_clicked = Signal(str)
    dot_clicked = Signal(str)
    resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.setBackgroundBrush(QBrush(QColor("white")))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._drag: _Dot | None = None
        self._drag_start = QPointF()
        self._moved = False

    def dot_at(self, view_pos) -> _Dot | None:  # noqa: ANN001
        for item in self.items(view_pos):
            if isinstance(item, _Dot):
                return item
        return None

    def mousePressEvent(self, event) -> None:  # noqa: ANN001
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        dot = self.dot_at(event.position().toPoint())
        if dot is not None:
            self._drag = dot
            self._drag_start = dot.pos()
            self._moved = False
            self.dot_clicked.emit(dot.event_id)
        else:
            self.empty_clicked.emit(self.mapToScene(event.position().toPoint()))
        event.accept()

    def mouseMoveEvent(self, event) -> None:  # noqa: ANN001
        if self._drag is not None:
            scene = self.mapToScene(event.position().toPoint())
            origin = self._drag.shape_path.boundingRect().center()
            self._drag.setPos(0, scene.y() - origin.y())
            self._moved = True
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: ANN001
        if self._drag is not None:
            dot, self._drag = self._drag, None
            if self._moved:
                self.dot_moved.emit(dot.event_id, self.mapToScene(event.position().toPoint()))
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: ANN001
        dot = self.dot_at(event.position().toPoint())
        if dot is not None:
            self._drag = None
            self.dot_double_clicked.emit(dot.event_id)
            event.accept()
            return
        event.accept()

    def resizeEvent(self, event) -> None:  # noqa: ANN001
        super().resizeEvent(event)
        self.resized.emit()


class TimelineEditor(QDialog):
    """Edit the levenslijn of one session; every change is undoable and saved at once."""

    def __init__(self, store: Store, session_id: int, parent: QWidget | None = None, *,
                 ask_path: AskSavePath = ask_save_path) -> None:
        super().__init__(parent)
        self.store = store
        self.session_id = session_id
        self.ask_path = ask_path
        self.timeline: Timeline = levenslijn.load(store, session_id) or Timeline()
        self.domains = load_life_domains()
        self.undo_stack = QUndoStack(self)
        self.layout_: TimelineLayout | None = None
        self.pixel_map: PixelMap | None = None
        self.dots: dict[str, _Dot] = {}
        self._loading = False
        self._zoomed = False

        self.setWindowTitle("Levenslijn")
        fit_to_screen(self, 1366, 768)
        self._build_ui()
        self.changed()

    # -- building -----------------------------------------------------------------------

    def _build_ui(self) -> None:
        title = QLabel("Levenslijn")
        title.setObjectName("pageTitle")
        hint = QLabel("Typ in de tabel of klik in de grafiek om een gebeurtenis toe te voegen. "
                      "Sleep een punt omhoog of omlaag voor de beleving; dubbelklik om het "
                      "in de tabel te bewerken.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.table.horizontalHeader()
        for col in range(len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_WHAT, QHeaderView.ResizeMode.Stretch)
        self.table.setStyleSheet("QTableWidget { font-size: 10pt; }")
        for col, width in ((COL_WHEN, 118), (COL_DOMAIN, 122), (COL_EXPERIENCE, 78),
                           (COL_SOURCE, 100), (COL_KIND, 104)):
            self.table.setColumnWidth(col, width)
        self.table.setItemDelegateForColumn(
            COL_DOMAIN, ChoiceDelegate([d.label for d in self.domains], editable=False,
                                       parent=self.table))
        self.table.setItemDelegateForColumn(
            COL_EXPERIENCE, ChoiceDelegate(EXPERIENCE_CHOICES, editable=False, parent=self.table))
        self.table.setItemDelegateForColumn(
            COL_SOURCE, ChoiceDelegate(list(SOURCE_CHOICES.values()), editable=False,
                                       parent=self.table))
        self.table.setItemDelegateForColumn(
            COL_KIND, ChoiceDelegate([k.label for k in EventKind], editable=False,
                                     parent=self.table))
        self.table.itemChanged.connect(self._item_changed)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.view = TimelineView()
        self.view.empty_clicked.connect(self.add_at)
        self.view.dot_moved.connect(self.move_to)
        self.view.dot_double_clicked.connect(self.edit_event)
        self.view.dot_clicked.connect(self.select_event)
        self.view.resized.connect(self._view_resized)

        self.message = ErrorLabel()

        self.add_button = QPushButton("Toevoegen")
        self.remove_button = QPushButton("Verwijderen")
        self.link_button = QPushButton("Koppelen")
        self.link_button.setToolTip("Twee gekozen gebeurtenissen 'hangen samen met' elkaar "
                                    "(Ctrl+klik in de tabel); nog eens klikken ontkoppelt.")
        self.fit_button = QPushButton("Zoom passend")
        self.export_button = QPushButton("Exporteren…")
        self.add_button.clicked.connect(lambda: self.add_event())
        self.remove_button.clicked.connect(lambda: self.remove_selected())
        self.link_button.clicked.connect(lambda: self.link_selected())
        self.fit_button.clicked.connect(lambda: self.zoom_to_fit())
        self.export_button.clicked.connect(lambda: self.export())

        undo = self.undo_stack.createUndoAction(self, "Ongedaan maken")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "Opnieuw")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.undo_action, self.redo_action = undo, redo
        self.undo_button = QPushButton("Ongedaan maken")
        self.redo_button = QPushButton("Opnieuw")
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        for action in (undo, redo):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        delete = QAction(self)
        delete.setShortcut(QKeySequence.StandardKey.Delete)
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.remove_selected)
        self.table.addAction(delete)

        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.link_button):
            buttons.addWidget(button)
        buttons.addSpacing(16)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.redo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.fit_button)
        buttons.addWidget(self.export_button)
        close = QPushButton("Sluiten")
        close.clicked.connect(self.accept)
        close.setAutoDefault(False)
        buttons.addWidget(close)
        for button in (self.add_button, self.remove_button, self.link_button, self.fit_button,
                       self.export_button, self.undo_button, self.redo_button):
            button.setAutoDefault(False)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([700, 650])
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    # -- running commands ----------------------------------------------------------------

    def run(self, command: TimelineCommand) -> bool:
        """Apply a domain command, put it on the undo stack and save; False on bad input."""
        try:
            command.apply(self.timeline)
        except CasusdeskError as error:
            self.message.show_message(str(error))
            self.refresh()
            return False
        self.message.show_message("")
        self.undo_stack.push(_UndoCommand(self, command))
        return True

    def changed(self) -> None:
        """After every change (also undo/redo): save and redraw."""
        levenslijn.save(self.store, self.session_id, self.timeline)
        self.refresh()

    # -- the table ----------------------------------------------------------------------

    def ordered(self) -> list[LifeEvent]:
        return self.timeline.ordered()

    def row_of(self, event_id: str) -> int:
        for row in range(self.table.rowCount()):
            if self.event_id_at(row) == event_id:
                return row
        raise KeyError(event_id)

    def event_id_at(self, row: int) -> str:
        item = self.table.item(row, COL_WHEN)
        return item.data(Qt.ItemDataRole.UserRole) if item else ""

    def selected_ids(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.event_id_at(row) for row in rows]

    def refresh(self) -> None:
        """Fill the table and redraw the graph, keeping the selection."""
        selected = self.selected_ids() if self.table.rowCount() else []
        current = self.table.currentRow()
        current_col = max(self.table.currentColumn(), 0)
        current_id = self.event_id_at(current) if current >= 0 else ""
        self._loading = True
        try:
            events = self.ordered()
            self.table.setRowCount(len(events))
            domain_labels = {d.id: d.label for d in self.domains}
            for row, event in enumerate(events):
                values = (
                    event.when.label() if event.when else "",
                    event.description,
                    domain_labels.get(event.domain, event.domain),
                    experience_label(event.experience).split(" ")[0],
                    SOURCE_CHOICES[event.source],
                    event.kind.label,
                )
                for col, text in enumerate(values):
                    # reuse items: this may run inside the itemChanged of one of them
                    item = self.table.item(row, col)
                    if item is None:
                        item = QTableWidgetItem()
                        self.table.setItem(row, col, item)
                    item.setText(text)
                    item.setData(Qt.ItemDataRole.UserRole, event.id)
                    item.setToolTip("")
                    item.setForeground(self.table.palette().text())
                    if col == COL_WHAT and event.note:
                        item.setToolTip(event.note)
                    if col == COL_EXPERIENCE:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    if event.is_future:
                        item.setForeground(QBrush(FUTURE_INK))
            self.table.resizeRowsToContents()
            self.table.clearSelection()
            for event_id in selected:
                if event_id in self.timeline:
                    self.table.selectRow(self.row_of(event_id))
            if current_id in self.timeline:
                self.table.setCurrentCell(self.row_of(current_id), current_col,
                                          self.table.selectionModel().SelectionFlag.NoUpdate)
        finally:
            self._loading = False
        self.redraw()
        self._update_buttons()

    def _update_buttons(self) -> None:
        ids = self.selected_ids()
        self.remove_button.setEnabled(bool(ids))
        self.link_button.setEnabled(len(ids) == 2)
        if len(ids) == 2 and ids[1] in self.timeline.get(ids[0]).links:
            self.link_button.setText("Ontkoppelen")
        else:
            self.link_button.setText("Koppelen")

    def _selection_changed(self) -> None:
        if self._loading:
            return
        self._update_buttons()
        self._mark_selected()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        event_id = item.data(Qt.ItemDataRole.UserRole)
        text = item.text().strip()
        try:
            change = self._change_for(item.column(), text)
        except CasusdeskError as error:
            self.message.show_message(str(error))
            self.refresh()
            return
        self.run(EditEvent(event_id, f"{COLUMNS[item.column()]} wijzigen", **change))

    def _change_for(self, column: int, text: str) -> dict:
        if column == COL_WHEN:
            try:
                return {"when": When.parse(text) if text else None}
            except CasusdeskError as error:
                raise CasusdeskError(f"{error} De oude tijd blijft staan.") from None
        if column == COL_WHAT:
            return {"description": text}
        if column == COL_DOMAIN:
            for domain in self.domains:
                if text in (domain.label, domain.id):
                    return {"domain": domain.id}
            return {"domain": text}
        if column == COL_EXPERIENCE:
            return {"experience": parse_experience(text)}
        if column == COL_SOURCE:
            for source, label in SOURCE_CHOICES.items():
                if text == label:
                    return {"source": source}
            return {"source": text}
        return {"kind": text}

    # -- actions ------------------------------------------------------------------------

    def _default_when(self) -> When:
        past = self.timeline.past()
        if past and past[-1].when is not None:
            return past[-1].when
        return When.in_year(dt.date.today().year)

    def add_event(self, experience: int = 0, when: When | None = None,
                  kind: EventKind = EventKind.EVENT) -> str | None:
        """Add "Nieuwe gebeurtenis" and open its description for typing; return its id."""
        if when is None and kind is EventKind.EVENT:
            when = self._default_when()
        event = LifeEvent(description=NEW_DESCRIPTION, when=when, experience=experience,
                          kind=kind)
        command = AddEvent(event)
        if not self.run(command):
            return None
        self.edit_event(command.event_id, COL_WHAT)
        return command.event_id

    def add_at(self, scene_pos: QPointF) -> str | None:
        """Add an event where the graph was clicked: experience by height, time by width."""
        pm = self.pixel_map
        if pm is None:
            return self.add_event()
        experience = pm.experience_at(scene_pos.y())
        u = pm.u_at(scene_pos.x())
        layout = self.layout_
        if layout and layout.future_zone and layout.past_events \
                and u >= layout.future_zone[0]:
            return self.add_event(experience, kind=EventKind.NEXT_STEP)
        return self.add_event(experience, self._when_at(u))

    def _when_at(self, u: float) -> When:
        """The time under an x position, read back from the axis ticks (whole years/ages)."""
        layout = self.layout_
        if not layout or not layout.sections:
            return self._default_when()
        section = min(layout.sections,
                      key=lambda s: 0 if s.x0 <= u <= s.x1 else min(abs(u - s.x0), abs(u - s.x1)))
        ticks = [t for t in layout.ticks if t.kind == section.kind]
        points = [(section.x0, float(section.start)), *((t.x, float(t.value)) for t in ticks),
                  (section.x1, float(section.end))]
        points.sort()
        value = points[0][1]
        for (x0, v0), (x1, v1) in zip(points, points[1:], strict=False):
            if x0 <= u <= x1 and x1 > x0:
                value = v0 + (v1 - v0) * (u - x0) / (x1 - x0)
                break
            if u > x1:
                value = v1
        whole = math.floor(value)
        if section.kind == "age":
            return When.at_age(max(0, whole))
        return When.in_year(whole)

    def move_to(self, event_id: str, scene_pos: QPointF) -> None:
        """A dot was dropped at a height: change its experience (MoveEvent)."""
        if self.pixel_map is None or event_id not in self.timeline:
            return
        experience = self.pixel_map.experience_at(scene_pos.y())
        if experience == self.timeline.get(event_id).experience:
            self.redraw()
            return
        self.run(MoveEvent(event_id, experience=experience))
        self.select_event(event_id)

    def remove_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        if len(ids) > 1:
            self.undo_stack.beginMacro("Gebeurtenissen verwijderen")
        try:
            for event_id in ids:
                self.run(RemoveEvent(event_id))
        finally:
            if len(ids) > 1:
                self.undo_stack.endMacro()

    def link_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 2:
            self.message.show_message("Kies precies twee gebeurtenissen in de tabel "
                                      "(Ctrl+klik) om ze te koppelen.")
            return
        first, second = ids
        if second in self.timeline.get(first).links:
            self.run(UnlinkEvents(first, second))
        else:
            self.run(LinkEvents(first, second))

    def select_event(self, event_id: str) -> None:
        if event_id in self.timeline:
            row = self.row_of(event_id)
            self.table.selectRow(row)
            self.table.scrollToItem(self.table.item(row, COL_WHAT))

    def edit_event(self, event_id: str, column: int = COL_WHAT) -> None:
        """Select an event's row and open a cell for typing."""
        if event_id not in self.timeline:
            return
        row = self.row_of(event_id)
        self.table.setCurrentCell(row, column)
        self.table.selectRow(row)
        self.table.setFocus()
        self.table.editItem(self.table.item(row, column))

    def zoom_to_fit(self) -> None:
        self._zoomed = False
        self.view.resetTransform()
        self.redraw()
        self.view.fitInView(self.view.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def export(self) -> Path | None:
        path = self.ask_path(self)
        if not path:
            return None
        out = Path(path)
        if not out.suffix:
            out = out.with_suffix(".png")
        try:
            result = levenslijn.export_image(self.store, self.session_id, out)
        except (CasusdeskError, OSError) as error:
            self.message.show_message(str(error))
            return None
        self.message.show_message("")
        return result

    # -- the graph ----------------------------------------------------------------------

    def _view_resized(self) -> None:
        if not self._zoomed:
            self.redraw()

    def redraw(self) -> None:
        """Draw the graph at the size of the view, so text stays readable."""
        scene = self.view.scene()
        scene.clear()
        self.dots = {}
        viewport = self.view.viewport().size()
        width, height = max(viewport.width() - 2, 480), max(viewport.height() - 2, 320)
        scene.setSceneRect(0, 0, width, height)
        has_past = bool(self.timeline.past())
        layout = layout_timeline(self.timeline, self.domains, show_empty_future=has_past)

        font = QFont(self.font())
        font.setPointSizeF(9.5)
        small = QFont(font)
        small.setPointSizeF(8.5)
        bold = QFont(small)
        bold.setBold(True)
        metrics = QFontMetricsF(font)
        small_metrics = QFontMetricsF(bold)

        left_col = metrics.horizontalAdvance("hoogtepunt") + 34
        legend_rows: list[list] = [[]]
        row_width = 0.0
        for domain in layout.domains:
            item_width = 18 + metrics.horizontalAdvance(domain.label) + 18
            if legend_rows[-1] and row_width + item_width > width - 20:
                legend_rows.append([])
                row_width = 0.0
            legend_rows[-1].append(domain)
            row_width += item_width
        legend_line = metrics.height() * 1.5
        legend_h = legend_line * len(legend_rows) + 6 if layout.domains else 0
        plot = Box(left_col + 8, 14, width - 14, height - 44 - legend_h)
        # again, now that the width is known, so the year labels do not collide
        gap = (QFontMetricsF(small).horizontalAdvance("2000") + 10) / plot.width
        layout = layout_timeline(self.timeline, self.domains, show_empty_future=has_past,
                                 min_label_gap=gap)
        self.layout_ = layout
        pm = layout.pixels(plot.left, plot.top, plot.width, plot.height, padding=0.9)
        self.pixel_map = pm

        # future zone
        if layout.future_zone is not None:
            x0, x1 = pm.x(layout.future_zone[0]), pm.x(layout.future_zone[1])
            scene.addRect(QRectF(x0, plot.top, x1 - x0, plot.height),
                          QPen(Qt.PenStyle.NoPen), QBrush(FUTURE_FILL))
            word = scene.addSimpleText("toekomst", bold)
            word.setBrush(QBrush(FUTURE_INK))
            word.setPos((x0 + x1 - small_metrics.horizontalAdvance("toekomst")) / 2, plot.top + 2)

        # experience grid
        for value in range(MIN_EXPERIENCE, MAX_EXPERIENCE + 1):
            y = pm.y(value)
            pen = QPen(ZERO if value == 0 else GRID, 1.4 if value == 0 else 1)
            scene.addLine(plot.left, y, plot.right, y, pen)
            text = "0" if value == 0 else f"{value:+d}".replace("-", "\u2212")
            label = scene.addSimpleText(text, font)
            label.setBrush(QBrush(MUTED))
            label.setPos(plot.left - metrics.horizontalAdvance(text) - 6,
                         y - metrics.height() / 2)
        for value, word_text in ((MAX_EXPERIENCE, "hoogtepunt"), (MIN_EXPERIENCE, "dieptepunt")):
            word = scene.addSimpleText(word_text, small)
            word.setBrush(QBrush(MUTED))
            y = pm.y(value)
            word.setPos(4, y - QFontMetricsF(small).height() / 2)

        # time axis
        axis_y = plot.bottom
        scene.addLine(plot.left, axis_y, plot.right, axis_y, QPen(ZERO, 1.2))
        for tick in layout.ticks:
            x = pm.x(tick.x)
            scene.addLine(x, axis_y, x, axis_y + (6 if tick.major else 3), QPen(ZERO, 1))
            if tick.major:
                label = scene.addSimpleText(tick.label, small)
                label.setBrush(QBrush(MUTED))
                label.setPos(x - QFontMetricsF(small).horizontalAdvance(tick.label) / 2,
                             axis_y + 7)
        for split in layout.breaks:
            x = pm.x(split)
            scene.addLine(x, plot.top, x, axis_y, QPen(ZERO, 1, Qt.PenStyle.DotLine))
        for section in layout.sections:
            title = scene.addSimpleText(section.title, small)
            title.setBrush(QBrush(MUTED))
            x0, x1 = pm.x(section.x0), pm.x(section.x1)
            title.setPos((x0 + x1 - QFontMetricsF(small).horizontalAdvance(section.title)) / 2,
                         axis_y + 7 + QFontMetricsF(small).height())

        if not layout.events:
            note = scene.addSimpleText("Klik hier om de eerste gebeurtenis toe te voegen.", font)
            note.setBrush(QBrush(MUTED))
            note.setPos((plot.left + plot.right - note.boundingRect().width()) / 2,
                        pm.y(1.5))

        # links, the life line
        link_paths = []
        for link in layout.links:
            pts = [pm.point(u, v) for u, v in link.points(32)]
            path = QPainterPath(QPointF(*pts[0]))
            for pt in pts[1:]:
                path.lineTo(QPointF(*pt))
            scene.addPath(path, QPen(LINK, 2, Qt.PenStyle.DashLine))
            link_paths.append(pts)
        line_pts = [pm.point(u, v) for u, v in layout.line]
        if len(line_pts) > 1:
            self._polyline(scene, line_pts, QPen(LINE, 2.5))
        future_pts = [pm.point(u, v) for u, v in layout.future_line]
        if len(future_pts) > 1:
            self._polyline(scene, future_pts, QPen(LINE, 2, Qt.PenStyle.DotLine))

        # labels
        anchors = [pm.point(p.x, p.y) for p in layout.events]
        label_width = max(110.0, min(180.0, plot.width / max(len(layout.events), 1) * 2.6))
        blocks = []
        for placed in layout.events:
            lines = wrap_text(placed.description, label_width, metrics.horizontalAdvance,
                              max_lines=2)
            w = max([small_metrics.horizontalAdvance(placed.time_label),
                     *(metrics.horizontalAdvance(t) for t in lines)])
            h = small_metrics.height() + metrics.height() * len(lines)
            blocks.append((placed.time_label, lines, w, h))
        dots = [Box(x - DOT_RADIUS * 1.4, y - DOT_RADIUS * 1.4, x + DOT_RADIUS * 1.4,
                    y + DOT_RADIUS * 1.4) for x, y in anchors]
        if layout.future_zone is not None:
            zx0, zx1 = pm.x(layout.future_zone[0]), pm.x(layout.future_zone[1])
            word_w = small_metrics.horizontalAdvance("toekomst")
            dots.append(Box((zx0 + zx1 - word_w) / 2 - 6, plot.top,
                            (zx0 + zx1 + word_w) / 2 + 6, plot.top + small_metrics.height() + 6))
        segments = list(zip(line_pts, line_pts[1:], strict=False)) \
            + list(zip(future_pts, future_pts[1:], strict=False))
        placements = place_labels(anchors, [(b[2], b[3]) for b in blocks],
                                  bounds=Box(plot.left, plot.top, plot.right, plot.bottom),
                                  radius=DOT_RADIUS, obstacles=dots, segments=segments,
                                  soft_paths=link_paths,
                                  prefer_above=[p.prefer_above for p in layout.events])
        for (head, lines, _, _), placement, anchor in zip(blocks, placements, anchors,
                                                         strict=True):
            box = placement.box
            if placement.leader:
                end = box.nearest_point(anchor)
                scene.addLine(anchor[0], anchor[1], end[0], end[1], QPen(QColor("#9A9A9A"), 1))
            halo = scene.addRect(QRectF(box.left - 2, box.top, box.width + 4, box.height),
                                 QPen(Qt.PenStyle.NoPen), QBrush(QColor(255, 255, 255, 210)))
            halo.setZValue(4)
            centre = (box.left + box.right) / 2
            top = box.top
            item = scene.addSimpleText(head, bold)
            item.setBrush(QBrush(MUTED))
            item.setPos(centre - small_metrics.horizontalAdvance(head) / 2, top)
            item.setZValue(5)
            top += small_metrics.height()
            for text in lines:
                item = scene.addSimpleText(text, font)
                item.setBrush(QBrush(INK))
                item.setPos(centre - metrics.horizontalAdvance(text) / 2, top)
                item.setZValue(5)
                top += metrics.height()

        # dots
        for placed, (x, y) in zip(layout.events, anchors, strict=True):
            points = marker_points(placed.domain.marker, x, y, DOT_RADIUS)
            path = QPainterPath()
            if placed.domain.marker == "circle":
                path.addEllipse(QPointF(x, y), DOT_RADIUS, DOT_RADIUS)
            else:
                path.addPolygon(QPolygonF([QPointF(*p) for p in points]))
                path.closeSubpath()
            if placed.source is Source.PROFESSIONAL:
                fill, pen = QColor("white"), QPen(QColor(placed.domain.colour), 3)
            else:
                fill, pen = QColor(placed.domain.colour), QPen(INK, 1.2)
            dot = _Dot(placed.event_id, path, fill, pen)
            dot.setToolTip(f"{placed.time_label}: {placed.description}\n"
                           f"{placed.domain.label} · {placed.source.label}")
            scene.addItem(dot)
            self.dots[placed.event_id] = dot

        # legend
        for number, row in enumerate(legend_rows):
            self._legend_row(scene, row, 10, height - legend_h + 4 + number * legend_line,
                             font, metrics)
        self._mark_selected()

    @staticmethod
    def _legend_row(scene: QGraphicsScene, row, x: float, y: float, font: QFont,  # noqa: ANN001
                    metrics: QFontMetricsF) -> None:
        for domain in row:
            path = QPainterPath()
            cx, cy = x + 7, y + metrics.height() / 2
            if domain.marker == "circle":
                path.addEllipse(QPointF(cx, cy), 6, 6)
            else:
                path.addPolygon(QPolygonF([QPointF(*p)
                                           for p in marker_points(domain.marker, cx, cy, 6)]))
                path.closeSubpath()
            scene.addPath(path, QPen(INK, 1), QBrush(QColor(domain.colour)))
            label = scene.addSimpleText(domain.label, font)
            label.setBrush(QBrush(INK))
            label.setPos(x + 18, y)
            x += 18 + metrics.horizontalAdvance(domain.label) + 18

    @staticmethod
    def _polyline(scene: QGraphicsScene, points, pen: QPen) -> None:  # noqa: ANN001
        path = QPainterPath(QPointF(*points[0]))
        for pt in points[1:]:
            path.lineTo(QPointF(*pt))
        scene.addPath(path, pen)

    def _mark_selected(self) -> None:
        selected = set(self.selected_ids()) if self.table.rowCount() else set()
        for event_id, dot in self.dots.items():
            dot.selected_ring = event_id in selected
            dot.update()

    def dot_position(self, event_id: str) -> QPointF:
        """The scene position of an event's dot (for tests and tooling)."""
        dot = self.dots[event_id]
        return dot.mapToScene(dot.shape_path.boundingRect().center())
