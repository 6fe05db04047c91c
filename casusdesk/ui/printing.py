"""Printing through the system print dialog (issue 14).

The role cards: the PDF the privacy boundary checked, rasterized by
:mod:`casusdesk.services.printing` and painted page by page, full page, so a back lands
behind its front (the cards flip on the long edge: duplex long side preselected).
The minutes: the checked .docx read back into a QTextDocument.

``ask`` is the print dialog: it gets the prepared printer and returns whether to print.
Tests pass one that points the printer at a PDF file instead.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from casusdesk.services import printing as service

#: shows the print dialog for the prepared printer; True: print
AskPrinter = Callable[[QPrinter, "QWidget | None"], bool]


def ask_printer(printer: QPrinter, parent: QWidget | None) -> bool:
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Afdrukken")
    return dialog.exec() == QDialog.DialogCode.Accepted


def new_printer(title: str, *, duplex: bool) -> QPrinter:
    """An A4 portrait printer; duplex on the long side when ``duplex``."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide if duplex
                      else QPrinter.DuplexMode.DuplexNone)
    return printer


def paint_pdf(data: bytes, printer: QPrinter) -> int:
    """Paint every page of the PDF ``data`` on ``printer``, each filling the paper at
    its own proportions (centred; no printer margin shifts fronts against backs).
    Returns the number of pages painted."""
    printer.setFullPage(True)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("De printer kan niet worden gestart.")
    pages = 0
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # about 0.5 s a page at 300 dpi
    try:
        paper = printer.paperRect(QPrinter.Unit.DevicePixel)
        for page in service.pdf_pages(data, printer.resolution()):
            if pages:
                printer.newPage()
            image = QImage(page.rgb, page.width, page.height, page.stride,
                           QImage.Format.Format_RGB888)
            size = QSizeF(page.width_pt, page.height_pt).scaled(
                QSizeF(paper.size()), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF((paper.width() - size.width()) / 2,
                            (paper.height() - size.height()) / 2, size.width(), size.height())
            painter.drawImage(target, image)
            pages += 1
    finally:
        painter.end()
        QApplication.restoreOverrideCursor()
    return pages


def print_pdf(data: bytes, title: str, parent: QWidget | None = None, *,
              duplex: bool = True, ask: AskPrinter = ask_printer) -> int:
    """Ask for a printer (A4, duplex preselected) and print the PDF; 0 when cancelled."""
    printer = new_printer(title, duplex=duplex)
    if not ask(printer, parent):
        return 0
    return paint_pdf(data, printer)


def minutes_document(docx: bytes) -> QTextDocument:
    """The checked minutes .docx as a QTextDocument (with its pictures)."""
    printable = service.minutes_html(docx)
    document = QTextDocument()
    for name, blob in printable.images.items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name),
                             QImage.fromData(blob))
    document.setHtml(printable.html)
    return document


def print_minutes(docx: bytes, title: str, parent: QWidget | None = None, *,
                  ask: AskPrinter = ask_printer) -> bool:
    """Ask for a printer (A4, one-sided preselected) and print the minutes."""
    printer = new_printer(title, duplex=False)
    if not ask(printer, parent):
        return False
    minutes_document(docx).print_(printer)
    return True
