"""Printing the role cards and the minutes through the print dialog (issue 14), with
the dialog replaced by one that points the printer at a PDF file."""

from __future__ import annotations

import io
import re
import unicodedata

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from casusdesk.services import printing as service
from casusdesk.services import rolwisseling
from casusdesk.services.role_catalog import roles
from casusdesk.ui import printing
from casusdesk.ui.roles_dialog import RolesDialog
from tests.services.test_role_backs import setup as cards_session


class ToFile:
    """Stands in for QPrintDialog: records what was preselected, prints to a PDF."""

    def __init__(self, path, accept: bool = True) -> None:
        self.path, self.accept = path, accept
        self.seen: list[tuple[QPrinter.DuplexMode, QPageSize.PageSizeId]] = []

    def __call__(self, printer: QPrinter, parent) -> bool:  # noqa: ANN001
        self.seen.append((printer.duplex_asked, printer.pageLayout().pageSize().id()))
        printer.setResolution(72)  # keeps the test's raster small
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.path))
        return self.accept


class Printer(QPrinter):
    """A QPrinter that remembers the duplex mode asked for: without a printer that can
    print on both sides (as on the test machine) Qt keeps DuplexNone."""

    duplex_asked = None

    def setDuplex(self, mode: QPrinter.DuplexMode) -> None:  # noqa: N802 - Qt's name
        self.duplex_asked = mode
        super().setDuplex(mode)


@pytest.fixture(autouse=True)
def remembering_printer(monkeypatch):
    monkeypatch.setattr(printing, "QPrinter", Printer)


def blocks(pdf_bytes: bytes, index: int, cell: int = 10) -> list[list[float]]:
    """Page ``index`` as the mean grey (0..255) of cells of ``cell`` x ``cell`` pixels at
    40 dpi: coarse enough that rasterizing once more does not matter, fine enough that
    a missing line of text or a swapped card does."""
    pdf = pdfium.PdfDocument(pdf_bytes)
    page = pdf[index]
    bitmap = page.render(scale=40 / 72, grayscale=True)
    data, stride = bytes(bitmap.buffer), bitmap.stride
    width, height = bitmap.width // cell, bitmap.height // cell
    grid = [[sum(data[(y * cell + dy) * stride + x * cell + dx]
                 for dy in range(cell) for dx in range(cell)) / cell ** 2
             for x in range(width)] for y in range(height)]
    bitmap.close(), page.close(), pdf.close()
    return grid


def test_the_cards_print_exactly_the_checked_pdf_duplex_on_a4(qtbot, tmp_path, monkeypatch):
    store, roster, sid, _codes = cards_session()
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(a[2]))
    ask = ToFile(tmp_path / "printed.pdf")
    dlg = RolesDialog(store, roster, sid, ask_printer=ask)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.print_button.shortcut().toString() == "Ctrl+P"

    dlg.print_button.click()

    checked = io.BytesIO()
    rolwisseling.export_cards(store, roster, sid, checked, dlg.roles)
    expected = len(PdfReader(io.BytesIO(checked.getvalue())).pages)
    assert expected == 2  # one page of fronts, one of backs
    assert ask.seen == [(QPrinter.DuplexMode.DuplexLongSide, QPageSize.PageSizeId.A4)]
    printed = (tmp_path / "printed.pdf").read_bytes()
    reader = PdfReader(io.BytesIO(printed))
    assert len(reader.pages) == expected
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
    # what came out of the printer looks like the checked PDF, page for page (backs too)
    pages = [blocks(checked.getvalue(), index) for index in range(expected)]
    for index, want in enumerate(pages):
        got = blocks(printed, index)
        inked = [(y, x) for y, row in enumerate(want) for x, v in enumerate(row) if v < 200]
        assert len(inked) > 100
        worst = max(abs(want[y][x] - got[y][x]) for y, x in inked)
        other = max(abs(pages[1 - index][y][x] - got[y][x]) for y, x in inked)
        assert worst < 40 < other, (index, worst, other)


def test_cancelling_the_print_dialog_prints_nothing(qtbot, tmp_path):
    store, roster, sid, _codes = cards_session()
    ask = ToFile(tmp_path / "printed.pdf", accept=False)
    dlg = RolesDialog(store, roster, sid, ask_printer=ask)
    qtbot.addWidget(dlg)
    assert dlg.print_cards() == 0
    assert ask.seen and not (tmp_path / "printed.pdf").exists()


def test_a_card_with_a_name_the_check_catches_is_never_printed(qtbot, tmp_path, monkeypatch):
    store, roster, sid, _codes = cards_session()
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    # the role library itself names the client: the check refuses the whole PDF
    library = dict(roles())
    role = library["klantmanager_werk"]
    library["klantmanager_werk"] = type(role)(**{**role.__dict__,
                                                  "title": "Klantmanager van Wijnstra"})
    ask = ToFile(tmp_path / "printed.pdf")
    dlg = RolesDialog(store, roster, sid, roles=library, ask_printer=ask)
    qtbot.addWidget(dlg)
    assert dlg.print_cards() == 0
    assert warnings and not ask.seen and not (tmp_path / "printed.pdf").exists()


def test_pages_are_rasterized_at_the_printers_resolution_capped_at_300_dpi():
    store, roster, sid, _codes = cards_session()
    out = io.BytesIO()
    rolwisseling.export_cards(store, roster, sid, out, roles())
    first = next(service.pdf_pages(out.getvalue(), 1200))
    assert abs(first.width - 210 / 25.4 * 300) <= 1  # A4 at 300 dpi, not at 1200
    assert abs(first.height - 297 / 25.4 * 300) <= 1
    assert first.stride >= first.width * 3 and len(first.rgb) == first.stride * first.height
    assert service.pdf_page_count(out.getvalue()) == 2


@pytest.mark.slow  # the minutes load deduce
def test_the_minutes_print_from_the_checked_file_without_a_planted_name(qtbot, tmp_path):
    from casusdesk.app import open_context
    from casusdesk.services.demo import create_demo
    from casusdesk.ui.review_dialog import ReviewDialog

    ctx = open_context(tmp_path / "data")
    session = create_demo(ctx.store, ctx.roster)
    ask = ToFile(tmp_path / "verslag.pdf")
    dlg = ReviewDialog(ctx.store, session.id, ctx.methods, ask_printer=ask)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.generation == 1, timeout=300_000)
    assert dlg.print_button.shortcut().toString() == "Ctrl+P"
    assert "Sander Wijnstra" in dlg.text.toPlainText()  # the names are in the session

    dlg.print_button.click()
    qtbot.waitUntil(lambda: "printer" in dlg.status.text(), timeout=120_000)

    assert ask.seen == [(QPrinter.DuplexMode.DuplexNone, QPageSize.PageSizeId.A4)]
    headings = service.minutes_html(dlg.last_print.read_bytes()).headings
    assert len(headings) > 3
    reader = PdfReader(tmp_path / "verslag.pdf")
    assert len(reader.pages) >= 2
    printed = re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))
    printed = unicodedata.normalize("NFKC", printed)  # the font's ligatures: "ﬂ" is "fl"
    for heading in headings:
        assert " ".join(heading.split()) in printed
    for planted in ("Jan de Vries", "Wijnstra", "Sander", "Femke"):
        assert planted not in printed
