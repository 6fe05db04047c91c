"""The minutes as a Word document, written with python-docx: real heading styles,
tables with a repeated header row, "Pagina X van Y" in the footer, Dutch language."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any


from casusdesk.domain.errors import CasusdeskError, DataFileError
from casusdesk.paths import resource
from casusdesk.services.files import write_atomic
from casusdesk.services import minutes as _pkg  # minutes_texts at call time (tests replace it)
from casusdesk.services.minutes import (
    MINUTES_DIR,
    TEMPLATE_FILE,
    Heading,
    MinutesDocument,
    Paragraph,
    Picture,
    Table,
)
from casusdesk.services.minutes.scrub import W_NS, scrub_docx

# ---------------------------------------------------------------------------
# Rendering with python-docx
# ---------------------------------------------------------------------------



def _template_path() -> Path | None:
    try:
        path = resource(MINUTES_DIR, TEMPLATE_FILE)
    except FileNotFoundError:
        return None
    return path if path.is_file() else None


def _new_document() -> Any:
    import docx

    template = _template_path()
    try:
        document = docx.Document(str(template)) if template else docx.Document()
    except Exception as exc:  # a broken house-style template
        raise DataFileError(f"{TEMPLATE_FILE} in resources/minutes kan niet worden geopend "
                            f"({exc}). Verwijder of vervang het sjabloon.") from None
    body = document.element.body
    for child in list(body):
        if child.tag != f"{{{W_NS}}}sectPr":
            body.remove(child)
    return document


def _set_font(style_or_run: Any, name: str) -> None:
    """Set one font for every script, and drop theme fonts that would override it."""
    from docx.oxml.ns import qn

    style_or_run.font.name = name
    rpr = style_or_run.element.get_or_add_rPr() if hasattr(style_or_run.element,
                                                            "get_or_add_rPr") \
        else style_or_run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:  # pragma: no cover - font.name creates it
        return
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _set_colour(style: Any, hex_colour: str) -> None:
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    style.font.color.rgb = RGBColor.from_string(hex_colour)
    colour = style.element.rPr.find(qn("w:color"))
    if colour is not None:
        for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
            colour.attrib.pop(qn(attr), None)


def _set_language(document: Any) -> None:
    """Dutch for spelling and hyphenation, in the defaults and the settings."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "nl-NL")
    lang.set(qn("w:eastAsia"), "en-US")
    lang.set(qn("w:bidi"), "ar-SA")
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), "nl-NL")
    decimal = settings.find(qn("w:decimalSymbol"))
    if decimal is not None:
        decimal.set(qn("w:val"), ",")
    separator = settings.find(qn("w:listSeparator"))
    if separator is not None:
        separator.set(qn("w:val"), ";")


def _set_style(paragraph: Any, style: Any) -> None:
    """Set a paragraph style by id; python-docx's own setter searches every style."""
    paragraph._p.style = style.style_id


def _style(document: Any, name: str, fallback: str = "Normal") -> Any:
    try:
        return document.styles[name]
    except KeyError:
        return document.styles[fallback]


def _setup_styles(document: Any, look: Mapping[str, Any]) -> None:
    from docx.shared import Pt

    font = str(look.get("lettertype", "Arial"))
    heading_colour = str(look.get("kleur_kop", "1F3864"))
    normal = document.styles["Normal"]
    _set_font(normal, font)
    normal.font.size = Pt(float(look.get("tekstgrootte", 10.5)))
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.15
    sizes = {"Title": float(look.get("titel_grootte", 22)),
             "Heading 1": float(look.get("kop1_grootte", 15)),
             "Heading 2": float(look.get("kop2_grootte", 12))}
    for name, size in sizes.items():
        style = _style(document, name)
        if style.name != name:
            continue
        _set_font(style, font)
        style.font.size = Pt(size)
        style.font.bold = True
        _set_colour(style, heading_colour)
    h1 = _style(document, "Heading 1")
    h1.paragraph_format.space_before = Pt(16)
    h1.paragraph_format.space_after = Pt(4)
    h2 = _style(document, "Heading 2")
    h2.paragraph_format.space_before = Pt(10)
    h2.paragraph_format.space_after = Pt(2)
    title = _style(document, "Title")
    title.paragraph_format.space_after = Pt(2)
    for name in ("Subtitle", "Header", "Footer", "List Bullet"):
        style = _style(document, name)
        if style.name == name:
            _set_font(style, font)
    subtitle = _style(document, "Subtitle")
    if subtitle.name == "Subtitle":
        subtitle.font.italic = False
        subtitle.font.size = Pt(12)
        _set_colour(subtitle, "404040")
    for name in ("Header", "Footer"):
        style = _style(document, name)
        style.font.size = Pt(8.5)
        _set_colour(style, "595959")
    _set_language(document)


def _page_setup(document: Any) -> None:
    from docx.shared import Cm

    for section in document.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin = Cm(2.0)
        section.bottom_margin = Cm(2.0)
        section.header_distance = section.footer_distance = Cm(1.0)


def _add_field(paragraph: Any, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def fld_char(kind: str) -> Any:
        run = paragraph.add_run()
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)
        return run

    fld_char("begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    fld_char("separate")
    paragraph.add_run(placeholder)
    fld_char("end")


def _header_footer(document: Any, doc: MinutesDocument) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.enum.text import WD_TAB_ALIGNMENT

    section = document.sections[0]
    usable = section.page_width - section.left_margin - section.right_margin
    header = section.header
    if doc.header_text:
        paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
        if paragraph.text.strip():  # a house-style header: put ours below it
            paragraph = header.add_paragraph()
        paragraph.style = _style(document, "Header")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.add_run(doc.header_text)
    footer = section.footer
    for paragraph in list(footer.paragraphs):
        paragraph._p.getparent().remove(paragraph._p)
    footer_style = _style(document, "Footer")
    footer_style.paragraph_format.tab_stops.clear_all()  # the template's centre/right tabs
    paragraph = footer.add_paragraph()
    paragraph.style = footer_style
    paragraph.paragraph_format.tab_stops.add_tab_stop(usable, WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run(f"{doc.footer_text}\tPagina ")
    _add_field(paragraph, "PAGE", "1")
    paragraph.add_run(" van ")
    _add_field(paragraph, "NUMPAGES", "1")


def _lines(text: str) -> list[str]:
    """Paragraph texts of a multi-line text: blank lines and line breaks both split."""
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def _add_paragraph(document: Any, block: Paragraph, look: Mapping[str, Any]) -> Any:
    """Add the paragraph(s) of a block; return the last one."""
    from docx.shared import Pt, RGBColor

    lines = _lines(block.text) or [""]
    style_name = "List Bullet" if block.style == "bullet" else "Normal"
    for number, line in enumerate(lines):
        paragraph = document.add_paragraph()
        if style_name != "Normal":
            _set_style(paragraph, _style(document, style_name))
        if block.style == "question":
            paragraph.paragraph_format.space_before = Pt(8)
            paragraph.paragraph_format.space_after = Pt(1)
            paragraph.paragraph_format.keep_with_next = True
        if number == 0 and block.mark:
            mark = paragraph.add_run(f"{block.mark} ")
            mark.bold = True
            mark.font.color.rgb = RGBColor.from_string(str(look.get("kleur_accent", "B45309")))
        if number == 0 and block.label:
            label = paragraph.add_run(f"{block.label}: ")
            label.bold = True
        run = paragraph.add_run(line)
        if block.style == "question":
            run.bold = True
        if block.style == "quiet":
            run.italic = True
            run.font.size = Pt(9)
            run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
        if block.style == "bullet" and number > 0:
            paragraph._p.style = None
            paragraph.paragraph_format.left_indent = Pt(18)
        if len(lines) > 1 and number < len(lines) - 1:
            paragraph.paragraph_format.space_after = Pt(2)
    return paragraph


#: lead-ins inside a table cell that are set in bold ("Thema: ...")
_CELL_LABEL = re.compile(r"^(Thema|Frames|Citaat|Toelichting): ")

#: table text size in half points (9.5 pt)
_CELL_SIZE = 19
#: air inside the cells (twips)
_CELL_MARGIN_TOP, _CELL_MARGIN_SIDE = 45, 90


def _run_xml(text: str, bold: bool) -> str:
    """One run: the text with its tabs as <w:tab/>, escaped for XML."""
    from xml.sax.saxutils import escape

    pieces = []
    for number, piece in enumerate(text.split("\t")):
        if number:
            pieces.append("<w:tab/>")
        if piece:
            space = ' xml:space="preserve"' if piece != piece.strip() else ""
            pieces.append(f"<w:t{space}>{escape(piece)}</w:t>")
    weight = "<w:b/>" if bold else '<w:b w:val="0"/>'
    return f'<w:r><w:rPr>{weight}<w:sz w:val="{_CELL_SIZE}"/></w:rPr>{"".join(pieces)}</w:r>'


def _cell_xml(text: str, width: int, *, bold: bool, keep: bool, fill: str | None) -> str:
    """One cell: a paragraph per line, a bold label where a line starts with one."""
    lines = _lines(text) or [""]
    shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    parts = [f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>{shade}</w:tcPr>']
    for number, line in enumerate(lines):
        after = 40 if number < len(lines) - 1 else 0  # 2 pt between the lines of a cell
        parts.append(f'<w:p><w:pPr>{"<w:keepNext/>" if keep else ""}'
                     f'<w:spacing w:after="{after}"/></w:pPr>')
        label = _CELL_LABEL.match(line)
        if label and not bold:
            parts.append(_run_xml(label.group(), True))
            line = line[label.end():]
        parts.append(_run_xml(line, bold))
        parts.append("</w:p>")
    parts.append("</w:tc>")
    return "".join(parts)


def _row_xml(cells: list[str], widths: list[int], *, header: bool = False, bold: bool = False,
             keep: bool = False, fill: str | None = None) -> str:
    """One row that never splits over a page; the header row repeats on every page."""
    flags = '<w:cantSplit w:val="true"/>' + ('<w:tblHeader w:val="true"/>' if header else "")
    return (f"<w:tr><w:trPr>{flags}</w:trPr>"
            + "".join(_cell_xml(text, width, bold=bold, keep=keep, fill=fill)
                      for text, width in zip(cells, widths))
            + "</w:tr>")


def _add_table(document: Any, block: Table, look: Mapping[str, Any]) -> None:
    """A table with a shaded header row that repeats on every page, written as one piece
    of XML (python-docx's cell by cell API took half a second for the demo minutes)."""
    from docx.oxml import parse_xml
    from docx.shared import Pt
    from xml.sax.saxutils import quoteattr

    section = document.sections[0]
    usable = section.page_width - section.left_margin - section.right_margin
    n_cols = len(block.header)
    widths = list(block.widths) if len(block.widths) == n_cols else [1.0] * n_cols
    total = sum(widths) or 1.0
    twips = [round(int(usable * w / total) / 635) for w in widths]  # 635 EMU per twip
    style = _style(document, "Table Grid", "Normal Table").style_id
    header_fill = re.sub(r"[^0-9A-Fa-f]", "", str(look.get("kleur_tabelkop", "DCE3EE"))) or "auto"
    margins = "".join(f'<w:{edge} w:w="{value}" w:type="dxa"/>' for edge, value in (
        ("top", _CELL_MARGIN_TOP), ("left", _CELL_MARGIN_SIDE),
        ("bottom", _CELL_MARGIN_TOP), ("right", _CELL_MARGIN_SIDE)))
    # a small table stays on one page; a long one at least keeps two rows together
    short = len(block.rows) <= 10 and sum(len(c) for r in block.rows for c in r) < 700
    rows = [_row_xml(list(block.header), twips, header=True, bold=True, keep=True,
                     fill=header_fill)]
    for number, row in enumerate(block.rows):
        last = number == len(block.rows) - 1
        cells = [row[i] if i < len(row) else "" for i in range(n_cols)]
        rows.append(_row_xml(cells, twips, bold=block.bold_last and last,
                             keep=(short and not last) or number == 0))
    xml = (f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblStyle w:val={quoteattr(style)}/>'
           '<w:tblW w:type="auto" w:w="0"/><w:tblLayout w:type="fixed"/>'
           f"<w:tblCellMar>{margins}</w:tblCellMar>"
           '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
           'w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr><w:tblGrid>'
           + "".join(f'<w:gridCol w:w="{width}"/>' for width in twips)
           + "</w:tblGrid>" + "".join(rows) + "</w:tbl>")
    document.element.body._insert_tbl(parse_xml(xml))
    spacer = document.add_paragraph()
    spacer.paragraph_format.space_after = Pt(2)


def _add_picture(document: Any, block: Picture, look: Mapping[str, Any]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    try:
        data = block.data
    except (CasusdeskError, OSError) as exc:
        if not block.failed_text:
            raise
        _add_paragraph(document, Paragraph(block.failed_text.format(reason=exc),
                                           style="quiet"), look)
        return
    section = document.sections[0]
    usable_cm = (section.page_width - section.left_margin - section.right_margin) / 360000
    width = Cm(min(block.width_cm, usable_cm))
    document.add_picture(io.BytesIO(data), width=width)
    paragraph = document.paragraphs[-1]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for doc_pr in paragraph._p.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"):
        doc_pr.set("name", "Afbeelding")
        doc_pr.set("descr", block.description)
    for pic_pr in paragraph._p.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/picture}cNvPr"):
        pic_pr.set("name", "afbeelding.png")


def render_docx_bytes(doc: MinutesDocument) -> bytes:
    """The minutes as a scrubbed .docx, in memory."""
    texts = _pkg.minutes_texts()
    look = texts["opmaak"]
    document = _new_document()
    _setup_styles(document, look)
    _page_setup(document)
    document.add_paragraph(doc.title, style=_style(document, "Title"))
    subtitle = _style(document, "Subtitle")
    document.add_paragraph(doc.subtitle, style=subtitle)
    for number, block in enumerate(doc.blocks):
        if isinstance(block, Heading):
            paragraph = document.add_paragraph(block.text)
            _set_style(paragraph, _style(document, f"Heading {max(1, min(block.level, 3))}"))
        elif isinstance(block, Paragraph):
            last = _add_paragraph(document, block, look)
            following = doc.blocks[number + 1] if number + 1 < len(doc.blocks) else None
            if isinstance(following, (Table, Picture)):  # an intro stays with its table
                last.paragraph_format.keep_with_next = True
        elif isinstance(block, Table):
            _add_table(document, block, look)
        elif isinstance(block, Picture):
            _add_picture(document, block, look)
    _header_footer(document, doc)
    buffer = io.BytesIO()
    document.save(buffer)
    return scrub_docx(buffer.getvalue())


def render_docx(doc: MinutesDocument, path: str | os.PathLike[str]) -> Path:
    """Write the minutes as a scrubbed .docx (no leak check: use :func:`export_minutes`)."""
    return write_atomic(Path(path), render_docx_bytes(doc), what="het verslag")
