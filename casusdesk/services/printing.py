"""What goes to the printer, prepared without Qt (issue 14).

Printing is not a way around the privacy boundary: both helpers read an export that
the boundary already checked (the role cards' PDF bytes, the minutes' .docx), never
the session's own texts.

- :func:`pdf_pages` rasterizes the checked cards PDF page by page with pdfium, for
  ``ui/printing.py`` to paint on a QPrinter (PySide6-Essentials has no QtPdf).
- :func:`minutes_html` reads the checked minutes .docx back (headings, paragraphs,
  bullets, tables, pictures) into simple HTML for a QTextDocument.
"""

from __future__ import annotations

import html
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

#: pages are rasterized at the printer's resolution, at most this (dpi)
MAX_DPI = 300


@dataclass(frozen=True)
class PageImage:
    """One rendered page: 8-bit RGB rows of ``stride`` bytes each."""

    width: int
    height: int
    stride: int
    rgb: bytes
    #: the page's size in points (1/72 inch)
    width_pt: float
    height_pt: float


def pdf_page_count(data: bytes) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def pdf_pages(data: bytes, dpi: float) -> Iterator[PageImage]:
    """The pages of the PDF ``data`` as RGB images at ``dpi`` (capped at MAX_DPI), one at
    a time, so a long set of cards does not hold every page in memory."""
    import pypdfium2 as pdfium

    scale = max(36.0, min(float(dpi), MAX_DPI)) / 72.0
    pdf = pdfium.PdfDocument(data)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                width_pt, height_pt = page.get_size()
                bitmap = page.render(scale=scale, rev_byteorder=True, maybe_alpha=False,
                                     may_draw_forms=False)
                try:
                    yield PageImage(bitmap.width, bitmap.height, bitmap.stride,
                                    bytes(bitmap.buffer), width_pt, height_pt)
                finally:
                    bitmap.close()
            finally:
                page.close()
    finally:
        pdf.close()


# ------------------------------------------------------------------------- minutes


@dataclass
class PrintableMinutes:
    """The minutes as HTML; ``images`` maps the names used in ``<img src>`` to PNG/JPEG
    bytes (the UI hands them to QTextDocument.addResource)."""

    html: str
    images: dict[str, bytes] = field(default_factory=dict)
    headings: list[str] = field(default_factory=list)


_HEADING_TAGS = {"Title": "h1", "Heading 1": "h2", "Heading 2": "h3", "Heading 3": "h4"}
_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STYLE = """
body { font-family: Arial, sans-serif; font-size: 11pt; }
h1 { font-size: 20pt; margin-bottom: 2pt; }
h2 { font-size: 15pt; margin-top: 14pt; }
h3 { font-size: 13pt; margin-top: 10pt; }
h4 { font-size: 11pt; margin-top: 8pt; }
p.sub { color: #555555; margin-top: 0; }
table { border-collapse: collapse; margin-top: 4pt; margin-bottom: 6pt; }
td, th { border: 1px solid #888888; padding: 3px; vertical-align: top; }
th { background-color: #eeeeee; }
"""


def _runs_html(paragraph, images: dict[str, bytes]) -> str:  # noqa: ANN001 - python-docx
    parts: list[str] = []
    for run in paragraph.runs:
        text = html.escape(run.text).replace("\n", "<br>")
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        parts.append(text)
        for blip in run._r.iter(f"{{{_A_NS}}}blip"):
            rid = blip.get(f"{{{_R_NS}}}embed")
            part = paragraph.part.related_parts.get(rid) if rid else None
            if part is None:
                continue
            name = f"casusdesk-image-{len(images) + 1}"
            images[name] = part.blob
            parts.append(f'<img src="{name}" width="600">')
    return "".join(parts)


def minutes_html(data: bytes) -> PrintableMinutes:
    """Read a minutes .docx (as :func:`minutes.export_minutes` writes it) into HTML."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    images: dict[str, bytes] = {}
    headings: list[str] = []
    body: list[str] = []
    in_list = False
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            style = block.style.name if block.style is not None else "Normal"
            bullet = style.startswith("List")
            if in_list and not bullet:
                body.append("</ul>")
                in_list = False
            inner = _runs_html(block, images)
            if style in _HEADING_TAGS:
                tag = _HEADING_TAGS[style]
                headings.append(block.text)
                body.append(f"<{tag}>{inner}</{tag}>")
            elif style == "Subtitle":
                body.append(f'<p class="sub">{inner}</p>')
            elif bullet:
                if not in_list:
                    body.append("<ul>")
                    in_list = True
                body.append(f"<li>{inner}</li>")
            elif inner:
                body.append(f"<p>{inner}</p>")
        elif isinstance(block, Table):
            if in_list:
                body.append("</ul>")
                in_list = False
            rows = []
            for number, row in enumerate(block.rows):
                tag = "th" if number == 0 else "td"
                cells = "".join(
                    f"<{tag}>{'<br>'.join(_runs_html(p, images) for p in cell.paragraphs)}</{tag}>"
                    for cell in row.cells)
                rows.append(f"<tr>{cells}</tr>")
            body.append(f'<table width="100%" cellspacing="0">{"".join(rows)}</table>')
    if in_list:
        body.append("</ul>")
    page = (f"<html><head><meta charset='utf-8'><style>{_STYLE}</style></head>"
            f"<body>{''.join(body)}</body></html>")
    return PrintableMinutes(page, images, headings)
