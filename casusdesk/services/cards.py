"""Printable role cards for the role switch (rolwisseling), as PDF.

Four A6 cards (105 × 148.5 mm) fill an A4 portrait page; dashed cut lines with
scissors and solid cut marks show where to cut. Every card has a band at the top in
the colour *and* the pattern of its domain, with the domain's name printed in it, so
the domains stay apart on a black-and-white printer. Type: DejaVu Sans from
``resources/fonts`` (embedded, so "Cliënt" prints and copies correctly); role titles
at 24 pt or more, body text at 11 pt or more. Text that does not fit first wraps, then
shrinks, and is only cut short (with "…") as a last resort; the result lists every card
where that happened.

The footer shows the session code and the code of the participant who plays the
role, never a name.

With ``with_backs=True`` every page of fronts is followed by a page of backs for
duplex printing, flipped on the long edge: a card's back is printed at the mirrored
position, so it lands behind its own front. The back shows what the real role-holder
wrote (why / how / what / what I want to pass on), or writing lines when they wrote
nothing.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from casusdesk.domain.errors import CasusdeskError, DataFileError, ValidationError
from casusdesk.domain.model import Domain
from casusdesk.domain.roles import RoleCardData
from casusdesk.paths import resource
from casusdesk.services.files import write_atomic

__all__ = [
    "CardsResult", "RoleCardData", "export_session_cards", "render_blank_cards",
    "render_role_cards",
    "FRONT_LABELS", "BACK_LABELS",
]

# --------------------------------------------------------------------------- geometry

PAGE_W, PAGE_H = A4
CARD_W, CARD_H = PAGE_W / 2, PAGE_H / 2          # 105 × 148.5 mm
CARDS_PER_PAGE = 4
BORDER_INSET = 5.5 * mm                          # the card's drawn outline
CONTENT_INSET = 7.5 * mm                           # text starts here (safe for printers)
BAND_H = 10 * mm
FOOTER_H = 8 * mm
GAP = 2.5 * mm
WRITE_LINE_GAP = 7.5 * mm                        # room for handwriting

TITLE_SIZE = 26.0
TITLE_MIN = 24.0
BODY_MAX = 12.5
BODY_MIN = 11.0
PARA_GAP = 0.32                                  # space between paragraphs, × size
BODY_FLOOR = 7.0                                 # below 11 pt only to avoid losing text

FONT = "CasusdeskSans"
FONT_BOLD = "CasusdeskSans-Bold"
FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}

#: labels on the front, per Role field (``who`` has none)
FRONT_LABELS = {
    "task": "Taak",
    "legal_framework": "Wettelijk kader",
    "discretion": "Jouw ruimte",
    "frame": "Jouw frame",
    "statement": "Je zegt",
    "needs": "Nodig van de ander",
    "question": "Je vraagt",
}

#: the four questions on the back and on blank cards
BACK_LABELS = {
    "why": "Waarom doe ik wat ik doe?",
    "how": "Hoe doe ik dat?",
    "what": "Wat doe ik precies?",
    "message": "Dit wil ik je meegeven",
}
BLANK_LABELS = {
    "why": "Waarom doe je wat je doet?",
    "how": "Hoe doe je dat?",
    "what": "Wat doe je precies?",
    "message": "Wat wil je de ander meegeven over hoe jij naar de casus kijkt?",
}

# ---------------------------------------------------------------------- domain bands


@dataclass(frozen=True)
class BandStyle:
    """Fill colour plus a pattern that survives black-and-white printing."""

    fill: tuple[float, float, float]
    ink: tuple[float, float, float]
    pattern: str          # solid, diagonal, dots, horizontal, checks, plain, blank


BAND_STYLES: dict[Domain | str, BandStyle] = {
    Domain.WERK_INKOMEN: BandStyle((0.16, 0.25, 0.42), (0.16, 0.25, 0.42), "solid"),
    Domain.ZORG_WELZIJN: BandStyle((0.78, 0.90, 0.78), (0.10, 0.38, 0.16), "diagonal"),
    Domain.JEUGD: BandStyle((1.00, 0.88, 0.66), (0.55, 0.30, 0.00), "dots"),
    Domain.BELEID: BandStyle((0.86, 0.83, 0.94), (0.30, 0.20, 0.52), "horizontal"),
    Domain.CLIENT: BandStyle((0.98, 0.88, 0.88), (0.62, 0.10, 0.10), "checks"),
    Domain.OVERIG: BandStyle((0.86, 0.86, 0.86), (0.40, 0.40, 0.40), "plain"),
    "blank": BandStyle((1.0, 1.0, 1.0), (0.25, 0.25, 0.25), "blank"),
}

# ---------------------------------------------------------------------------- result


@dataclass
class CardsResult:
    """What a render call produced; ``notes`` lists cards whose text had to shrink
    below 11 pt or was cut short (Dutch, for the user)."""

    pages: int
    cards: int
    notes: list[str] = field(default_factory=list)


# ----------------------------------------------------------------------------- fonts


def register_fonts(font_dir: Path | None = None) -> None:
    """Register DejaVu Sans (regular and bold) with reportlab; idempotent."""
    folder = Path(font_dir) if font_dir else resource("fonts")
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in FONT_FILES.items():
        path = folder / filename
        if not path.is_file():
            raise DataFileError(
                f"Het lettertype {filename} ontbreekt in {folder}; de installatie van "
                "casusdesk is onvolledig. Installeer casusdesk opnieuw.")
        if name in registered:
            continue
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except (TTFError, OSError) as exc:
            raise DataFileError(f"Het lettertype {path.name} is beschadigd ({exc}).") from exc
    # italic maps to upright (no italic font shipped); the upright mappings go last so
    # that the reverse lookup still knows FONT as "not bold, not italic"
    for bold, italic in ((0, 1), (1, 1), (0, 0), (1, 0)):
        addMapping(FONT, bold, italic, FONT_BOLD if bold else FONT)


def _width(text: str, size: float, bold: bool = False) -> float:
    return pdfmetrics.stringWidth(text, FONT_BOLD if bold else FONT, size)


# ------------------------------------------------------------------ title hyphenation

#: parts of Dutch compounds in the social domain; a title word that is too wide is
#: broken between two of these first ("Wijkverpleeg-kundige", "Cliëntonder-steuner")
_COMPOUND_PARTS = (
    "arbeids", "beleids", "client", "cliënt", "coach", "consulent", "deskundige",
    "ervarings", "hand", "having", "hulp", "inkomen", "jeugd", "klant", "kundige",
    "leerplicht", "manager", "medewerker", "onder", "participatie", "recherche",
    "schuld", "steuner", "verlener", "verpleeg", "wijk", "werk", "werker", "zorg",
)
_VOWELS = set("aeiouyàáâäèéêëìíîïòóôöùúûü")
_ONSETS = {"bl", "br", "ch", "dr", "dw", "fl", "fr", "gl", "gr", "kl", "kn", "kr", "pl",
           "pr", "sch", "schr", "sl", "sp", "spr", "st", "str", "tr", "tw", "vl", "vr",
           "zw"}


_STICKY = {"/", "&", "-", "–", "+"}


def _is_vowel(word: str, i: int) -> bool:
    ch = word[i].lower()
    if ch in _VOWELS:
        return True
    return ch == "j" and i > 0 and word[i - 1].lower() == "i"     # "ij"


def _break_points(word: str) -> list[tuple[int, int]]:
    """Possible hyphenation points as (priority, index); higher priority is nicer."""
    low = word.lower()
    points: set[tuple[int, int]] = set()
    for i in range(3, len(word) - 2):
        if any(low[:i].endswith(p) for p in _COMPOUND_PARTS) and \
                any(low[i:].startswith(p) for p in _COMPOUND_PARTS):
            points.add((2, i))
    # syllables: break a consonant run before its longest valid onset (VC-CV)
    i = 1
    while i < len(word):
        if word[i].isalpha() and not _is_vowel(word, i) and _is_vowel(word, i - 1):
            j = i
            while j < len(word) and word[j].isalpha() and not _is_vowel(word, j):
                j += 1
            if j < len(word) and _is_vowel(word, j):
                run = low[i:j]
                cut = j - 1
                for k in range(len(run)):
                    if run[k:] in _ONSETS:
                        cut = i + k
                        break
                if cut == i:
                    cut = i if j - i == 1 else i + 1
                if 2 <= cut <= len(word) - 2:
                    points.add((1, cut))
            i = j
        else:
            i += 1
    return sorted(points)


def _split_word(word: str, size: float, width: float, bold: bool) -> tuple[str, str] | None:
    """Split a word that is too wide: first part with "-" must fit in ``width``."""
    fitting = [(prio, i) for prio, i in _break_points(word)
               if _width(word[:i] + "-", size, bold) <= width]
    if not fitting:
        return None
    _, index = max(fitting)
    return word[:index] + "-", word[index:]


def _wrap_title(text: str, size: float, width: float, bold: bool = True) -> list[str] | None:
    """Greedy word wrap with compound hyphenation; None if a piece cannot fit."""
    lines: list[str] = []
    current = ""
    words: list[str] = []
    for word in text.split():
        if words and word in _STICKY:          # never start a line with "/" or "&"
            words[-1] += "\u00a0" + word
        else:
            words.append(word)
    while words:
        word = words.pop(0)
        candidate = f"{current} {word}".strip()
        if _width(candidate, size, bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
            current = ""
            words.insert(0, word)
            continue
        split = _split_word(word, size, width, bold)
        if split is None:
            return None
        lines.append(split[0])
        words.insert(0, split[1])
    if current:
        lines.append(current)
    return lines


def _fit_title(text: str, width: float, *, size: float = TITLE_SIZE,
               minimum: float = TITLE_MIN, max_lines: int = 3) -> tuple[list[str], float]:
    """The title's lines and size: ``size`` when it fits on one line, else wrapped at
    the largest size down to ``minimum``; smaller only when a word cannot be broken."""
    current = size
    while current > minimum:
        lines = _wrap_title(text, current, width)
        if lines is not None and len(lines) == 1:
            return lines, current
        current -= 1
    current = minimum
    while current >= 8:
        lines = _wrap_title(text, current, width)
        if lines is not None and len(lines) <= max_lines:
            return lines, current
        current -= 1
    lines = _wrap_title(text, 8, width) or [text]
    return lines[:max_lines], 8


# ------------------------------------------------------------------------ body blocks


@dataclass
class _Block:
    """A paragraph (optional bold label, then text) or a label with writing lines."""

    text: str = ""
    label: str = ""
    quote: bool = False
    lines: int = 0               # > 0: a label followed by this many writing lines
    label_own_line: bool = False

    def markup(self) -> str:
        body = escape(self.text)
        if self.quote and body:
            body = f"„{body}”"
        if not self.label:
            return body
        label = f"<b>{escape(self.label)}</b>"
        if self.label_own_line or self.lines:
            return f"{label}<br/>{body}" if body else label
        return f"{label} {body}"


def _style(size: float) -> ParagraphStyle:
    return ParagraphStyle(
        f"card{size}", fontName=FONT, fontSize=size, leading=size * 1.17,
        spaceAfter=0, splitLongWords=1, allowWidows=1, textColor=(0, 0, 0))


@dataclass
class _Placed:
    paragraph: Paragraph
    height: float
    lines: int


def _measure(blocks: Sequence[_Block], size: float, width: float, line_gap: float,
             ) -> tuple[list[_Placed], float]:
    style = _style(size)
    placed: list[_Placed] = []
    total = 0.0
    gap = size * PARA_GAP
    for block in blocks:
        para = Paragraph(block.markup(), style)
        _, height = para.wrap(width, 10_000)
        extra = block.lines * line_gap
        placed.append(_Placed(para, height, block.lines))
        total += height + extra
    total += gap * max(len(blocks) - 1, 0)
    return placed, total


def _shorten(text: str) -> str:
    words = text.split()
    keep = max(1, int(len(words) * 0.8))
    if keep >= len(words):
        keep = len(words) - 1
    return " ".join(words[:keep]).rstrip(",.;:") + " …"


def _fit_blocks(blocks: list[_Block], width: float, height: float, *,
                max_size: float = BODY_MAX, line_gap: float = WRITE_LINE_GAP,
                ) -> tuple[list[_Placed], float, str]:
    """Lay out ``blocks`` in the box: wrap, then shrink, then cut the longest text.

    Returns the placed paragraphs, the font size and "" / "verkleind" / "ingekort".
    """
    size = max_size
    while size >= BODY_FLOOR:
        placed, total = _measure(blocks, size, width, line_gap)
        if total <= height:
            return placed, size, ("verkleind" if size < BODY_MIN else "")
        size -= 0.5
    size = BODY_FLOOR
    blocks = [_Block(**vars(b)) for b in blocks]
    while True:
        candidates = [b for b in blocks if len(b.text.split()) > 3]
        if not candidates:
            break
        longest = max(candidates, key=lambda b: len(b.text))
        longest.text = _shorten(longest.text.removesuffix(" …"))
        placed, total = _measure(blocks, size, width, line_gap)
        if total <= height:
            return placed, size, "ingekort"
    # last resort: drop blocks from the end until the rest fits
    while blocks:
        placed, total = _measure(blocks, size, width, line_gap)
        if total <= height:
            return placed, size, "ingekort"
        blocks.pop()
    return [], size, "ingekort"


def _draw_blocks(canvas: Canvas, placed: Sequence[_Placed], x: float, top: float,
                 width: float, size: float, line_gap: float = WRITE_LINE_GAP) -> None:
    y = top
    gap = size * PARA_GAP
    for item in placed:
        item.paragraph.drawOn(canvas, x, y - item.height)
        y -= item.height
        for _ in range(item.lines):
            y -= line_gap
            _write_line(canvas, x, y + 1.2 * mm, x + width)
        y -= gap


def _write_line(canvas: Canvas, x0: float, y: float, x1: float) -> None:
    canvas.saveState()
    canvas.setStrokeColorRGB(0.45, 0.45, 0.45)
    canvas.setLineWidth(0.6)
    canvas.line(x0, y, x1, y)
    canvas.restoreState()


# ------------------------------------------------------------------------- the cards


class _CardBox:
    """The content rectangle of one card on the page."""

    def __init__(self, slot: int, *, mirrored: bool = False) -> None:
        col, row = slot % 2, slot // 2
        if mirrored:
            col = 1 - col
        self.x0 = col * CARD_W
        self.y0 = PAGE_H - (row + 1) * CARD_H
        self.left = self.x0 + CONTENT_INSET
        self.right = self.x0 + CARD_W - CONTENT_INSET
        self.top = self.y0 + CARD_H - CONTENT_INSET
        self.bottom = self.y0 + CONTENT_INSET

    @property
    def width(self) -> float:
        return self.right - self.left


def _draw_outline(canvas: Canvas, box: _CardBox) -> None:
    canvas.saveState()
    canvas.setStrokeColorRGB(0.6, 0.6, 0.6)
    canvas.setLineWidth(0.6)
    canvas.roundRect(box.x0 + BORDER_INSET, box.y0 + BORDER_INSET,
                     CARD_W - 2 * BORDER_INSET, CARD_H - 2 * BORDER_INSET, 3 * mm)
    canvas.restoreState()


def _draw_pattern(canvas: Canvas, style: BandStyle, x: float, y: float, w: float,
                  h: float) -> None:
    canvas.setStrokeColorRGB(*style.ink)
    canvas.setFillColorRGB(*style.ink)
    if style.pattern == "diagonal":
        canvas.setLineWidth(1.6)
        step = 2.6 * mm
        start = x - h
        while start < x + w:
            canvas.line(start, y, start + h, y + h)
            start += step
    elif style.pattern == "checks":
        step = h / 3
        for row in range(3):
            xx = x + (step if row % 2 else 0)
            while xx < x + w:
                canvas.rect(xx, y + row * step, step, step, stroke=0, fill=1)
                xx += 2 * step
    elif style.pattern == "horizontal":
        canvas.setLineWidth(1.3)
        yy = y + 1.0 * mm
        while yy < y + h:
            canvas.line(x, yy, x + w, yy)
            yy += 2.0 * mm
    elif style.pattern == "dots":
        step = 3.4 * mm
        row = 0
        yy = y + h / 2 - step / 2
        while yy < y + h + step:
            xx = x + (step / 2 if row % 2 else 0)
            while xx < x + w + step:
                canvas.circle(xx, yy, 0.95 * mm, stroke=0, fill=1)
                xx += step
            yy += step / 2
            row += 1


def _draw_band(canvas: Canvas, box: _CardBox, style: BandStyle, label: str,
               right_label: str = "") -> float:
    """Draw the domain band at the top; returns the y just below it."""
    x, w, h = box.left, box.width, BAND_H
    y = box.top - h
    canvas.saveState()
    path = canvas.beginPath()
    path.roundRect(x, y, w, h, 1.5 * mm)
    if style.pattern == "blank":
        canvas.setDash(2, 2)
        canvas.setStrokeColorRGB(*style.ink)
        canvas.setLineWidth(0.8)
        canvas.drawPath(path, stroke=1, fill=0)
        canvas.setDash()
    else:
        canvas.setFillColorRGB(*style.fill)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.clipPath(path, stroke=0, fill=0)
        _draw_pattern(canvas, style, x, y, w, h)
    canvas.restoreState()

    size = 11.0
    text_w = _width(label, size, bold=True)
    pad = 1.8 * mm
    while text_w + 2 * pad > w * 0.9 and size > 7:
        size -= 0.5
        text_w = _width(label, size, bold=True)
    _label_box(canvas, x + 1.5 * mm, y, h, label, size)
    if right_label:
        rw = _width(right_label, 10, bold=True) + 2 * pad
        if rw + text_w + 2 * pad + 5 * mm < w:
            _label_box(canvas, x + w - 1.5 * mm - rw, y, h, right_label, 10)
    return y


def _label_box(canvas: Canvas, x: float, y: float, h: float, text: str, size: float) -> None:
    pad = 1.8 * mm
    tw = _width(text, size, bold=True)
    bh = size * 1.45
    by = y + (h - bh) / 2
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(0.7)
    canvas.roundRect(x, by, tw + 2 * pad, bh, 1.2 * mm, stroke=1, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(FONT_BOLD, size)
    canvas.drawString(x + pad, by + (bh - size * 0.72) / 2, text)
    canvas.restoreState()


def _draw_title(canvas: Canvas, box: _CardBox, top: float, text: str, *,
                size: float = TITLE_SIZE, minimum: float = TITLE_MIN) -> float:
    lines, size = _fit_title(text, box.width, size=size, minimum=minimum)
    leading = size * 1.08
    y = top - size * 0.95
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(FONT_BOLD, size)
    for line in lines:
        canvas.drawString(box.left, y, line)
        y -= leading
    return y + leading - size * 0.3


def _fit_line(text: str, size: float, width: float, bold: bool = False,
              minimum: float = 6.0) -> float:
    while size > minimum and _width(text, size, bold) > width:
        size -= 0.5
    return size


def _draw_footer(canvas: Canvas, box: _CardBox, left_label: str, left_code: str,
                 right_text: str) -> float:
    """Footer line with e.g. "Speler KM_1" left and "Sessie …" right; returns its top."""
    top = box.bottom + FOOTER_H
    canvas.saveState()
    canvas.setStrokeColorRGB(0.5, 0.5, 0.5)
    canvas.setLineWidth(0.6)
    canvas.line(box.left, top - 1 * mm, box.right, top - 1 * mm)
    base = box.bottom + 1.8 * mm
    x = box.left
    canvas.setFillColorRGB(0, 0, 0)
    left_w = 0.0
    if left_label:
        canvas.setFont(FONT, 10)
        canvas.drawString(x, base, left_label)
        left_w = _width(left_label + " ", 10)
    code_size = 13.0
    if left_code:
        code_size = _fit_line(left_code, 13, box.width * 0.55 - left_w, bold=True)
        canvas.setFont(FONT_BOLD, code_size)
        canvas.drawString(x + left_w, base, left_code)
        left_w += _width(left_code, code_size, bold=True)
    if right_text:
        room = box.width - left_w - 3 * mm
        size = _fit_line(right_text, 9, room)
        canvas.setFont(FONT, size)
        canvas.drawRightString(box.right, base, right_text)
    canvas.restoreState()
    return top


def _draw_cut_marks(canvas: Canvas) -> None:
    """Dashed cut lines through the middle of the page, solid marks at their ends and
    a scissors sign; the cards themselves fill the page edge to edge."""
    cx, cy = PAGE_W / 2, PAGE_H / 2
    canvas.saveState()
    canvas.setStrokeColorRGB(0.55, 0.55, 0.55)
    canvas.setLineWidth(0.5)
    canvas.setDash(3, 3)
    canvas.line(cx, 0, cx, PAGE_H)
    canvas.line(0, cy, PAGE_W, cy)
    canvas.setDash()
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(0.8)
    tick = 7 * mm
    canvas.line(cx, 0, cx, tick)
    canvas.line(cx, PAGE_H - tick, cx, PAGE_H)
    canvas.line(0, cy, tick, cy)
    canvas.line(PAGE_W - tick, cy, PAGE_W, cy)
    canvas.line(cx - 4 * mm, cy, cx + 4 * mm, cy)
    canvas.line(cx, cy - 4 * mm, cx, cy + 4 * mm)
    canvas.setFillColorRGB(0.3, 0.3, 0.3)
    canvas.setFont(FONT, 12)
    canvas.drawString(tick + 1 * mm, cy - 4.3, "✂")
    canvas.saveState()
    canvas.translate(cx + 4.3, tick + 1 * mm)
    canvas.rotate(90)
    canvas.drawString(0, 0, "✂")
    canvas.restoreState()
    canvas.restoreState()


def _band_style(domain: Domain | str) -> BandStyle:
    try:
        return BAND_STYLES[Domain(domain)]
    except (ValueError, KeyError):
        return BAND_STYLES[Domain.OVERIG]


def _draw_front(canvas: Canvas, box: _CardBox, card: RoleCardData, session_code: str,
                notes: list[str]) -> None:
    role = card.role
    _draw_outline(canvas, box)
    domain = Domain(role.domain)
    y = _draw_band(canvas, box, _band_style(domain), domain.value)
    y = _draw_title(canvas, box, y - GAP, role.title)
    footer_top = _draw_footer(canvas, box, "Gespeeld door", card.player_code,
                              _session_label(session_code))
    blocks = [_Block(text=role.who)]
    blocks += [_Block(text=getattr(role, key), label=label, quote=(key == "statement"))
               for key, label in FRONT_LABELS.items()]
    top = y - GAP
    placed, size, outcome = _fit_blocks(blocks, box.width, top - footer_top - GAP)
    _draw_blocks(canvas, placed, box.left, top, box.width, size)
    if outcome:
        notes.append(f"{card.player_code}: de tekst op de voorkant van '{role.title}' is "
                     f"{outcome} om op de kaart te passen.")


def _draw_back(canvas: Canvas, box: _CardBox, card: RoleCardData, session_code: str,
               notes: list[str]) -> None:
    role = card.role
    _draw_outline(canvas, box)
    domain = Domain(role.domain)
    y = _draw_band(canvas, box, _band_style(domain), domain.value, "Achterkant")
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(FONT, 11)
    intro = "Zo kijkt een echte"
    canvas.drawString(box.left, y - GAP - 11, intro)
    y = _draw_title(canvas, box, y - GAP - 13, role.title, size=18, minimum=14)
    if card.author_code:
        canvas.setFont(FONT, 10)
        canvas.drawString(box.left, y - 10, f"geschreven door {card.author_code}")
        y -= 12
    footer_top = _draw_footer(canvas, box, "Voor", card.player_code,
                              _session_label(session_code))
    filled = card.has_back_text
    blocks: list[_Block] = []
    for key, label in BACK_LABELS.items():
        text = " ".join(getattr(card, key).split())
        if text:
            blocks.append(_Block(text=text, label=label, label_own_line=True))
        else:
            blocks.append(_Block(label=label, lines=1 if filled else 2))
    top = y - GAP
    placed, size, outcome = _fit_blocks(blocks, box.width, top - footer_top - GAP)
    _draw_blocks(canvas, placed, box.left, top, box.width, size)
    if outcome:
        notes.append(f"{card.player_code}: de tekst op de achterkant van '{role.title}' is "
                     f"{outcome} om op de kaart te passen.")


def _draw_blank(canvas: Canvas, box: _CardBox, session_code: str) -> None:
    _draw_outline(canvas, box)
    y = _draw_band(canvas, box, BAND_STYLES["blank"], "Rolkaart · zelf invullen")
    footer_top = _draw_footer(canvas, box, "", "", _session_label(session_code))
    canvas.setFillColorRGB(0, 0, 0)
    hint = "Schrijf vanuit je echte functie en geef de kaart aan wie jouw rol speelt."
    hint_size = 10.0
    canvas.setFont(FONT, hint_size)
    y -= 1 * mm
    for line in _wrap_title(hint, hint_size, box.width, bold=False) or [hint]:
        y -= hint_size * 1.2
        canvas.drawString(box.left, y, line)
    # "Mijn functie:" and "Code:" with writing lines
    y -= 9 * mm
    for label, length in (("Mijn functie:", None), ("Code:", 35 * mm)):
        canvas.setFont(FONT_BOLD, 13)
        canvas.drawString(box.left, y, label)
        x = box.left + _width(label, 13, bold=True) + 2 * mm
        _write_line(canvas, x, y - 1, box.right if length is None else x + length)
        y -= 9 * mm
    blocks = [_Block(label=BLANK_LABELS[k], lines=n)
              for k, n in (("why", 2), ("how", 2), ("what", 2), ("message", 3))]
    top = y + 2 * mm
    height = top - footer_top - 2 * GAP
    # spread the writing lines over the room that is left
    line_gap = WRITE_LINE_GAP
    _, total = _measure(blocks, 11.5, box.width, line_gap)
    lines = sum(b.lines for b in blocks)
    line_gap = max(5.5 * mm, min(9 * mm, line_gap + (height - total) / lines - 0.5))
    placed, size, _ = _fit_blocks(blocks, box.width, height, max_size=11.5,
                                  line_gap=line_gap)
    _draw_blocks(canvas, placed, box.left, top, box.width, size, line_gap)


def _session_label(session_code: str) -> str:
    code = " ".join((session_code or "").split())
    return f"Sessie {code}" if code else ""


# --------------------------------------------------------------------------- output


def _new_canvas(buffer: io.BytesIO, title: str, session_code: str) -> Canvas:
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1, invariant=1,
                    initialFontName=FONT, initialFontSize=11)
    canvas.setTitle(title)
    canvas.setAuthor("casusdesk")
    canvas.setCreator("casusdesk")
    canvas.setSubject(_session_label(session_code) or title)
    return canvas


def _write(data: bytes, out: str | os.PathLike[str] | BinaryIO) -> None:
    if hasattr(out, "write"):
        out.write(data)  # type: ignore[union-attr]
        return
    write_atomic(out, data, what="de rolkaarten")  # type: ignore[arg-type]


def _pages(items: Sequence, size: int = CARDS_PER_PAGE) -> list[Sequence]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def render_role_cards(cards: Sequence[RoleCardData],
                      out: str | os.PathLike[str] | BinaryIO, *, session_code: str,
                      with_backs: bool = False, font_dir: Path | None = None,
                      ) -> CardsResult:
    """Write the role cards as a PDF to a path or a binary stream.

    Cards come out in the given order, four to an A4 page. With ``with_backs`` each
    page of fronts is followed by its page of backs (print duplex, flip on the long
    edge). Raises ValidationError for an empty list, DataFileError for a missing font
    and CasusdeskError when the file cannot be written.
    """
    if not cards:
        raise ValidationError("Er zijn geen rolkaarten om te maken: wijs eerst rollen toe.")
    register_fonts(font_dir)
    notes: list[str] = []
    buffer = io.BytesIO()
    canvas = _new_canvas(buffer, "Rolkaarten", session_code)
    pages = 0
    for chunk in _pages(list(cards)):
        _draw_cut_marks(canvas)
        for slot, card in enumerate(chunk):
            _draw_front(canvas, _CardBox(slot), card, session_code, notes)
        canvas.showPage()
        pages += 1
        if with_backs:
            _draw_cut_marks(canvas)
            for slot, card in enumerate(chunk):
                _draw_back(canvas, _CardBox(slot, mirrored=True), card, session_code, notes)
            canvas.showPage()
            pages += 1
    canvas.save()
    _write(buffer.getvalue(), out)
    return CardsResult(pages=pages, cards=len(cards), notes=notes)


_BACK_KEYS = ("why", "how", "what", "message")
_BACK_WHERE = {"why": "Golden Circle · Waarom", "how": "Golden Circle · Hoe",
               "what": "Golden Circle · Wat", "message": "Golden Circle · Dit wil ik je meegeven"}


def _card_strings(card: RoleCardData, with_backs: bool) -> list[str]:
    role = card.role
    texts = [card.player_code, role.title, role.who,
             *(str(getattr(role, key)) for key in FRONT_LABELS)]
    if with_backs:
        texts += [card.author_code, *(getattr(card, key) for key in _BACK_KEYS)]
    return [t for t in texts if t]


def export_session_cards(store: object, session_id: int, cards: Sequence[RoleCardData],
                         out: str | os.PathLike[str] | BinaryIO, *, session_code: str,
                         with_backs: bool = True, font_dir: Path | None = None,
                         decisions: object | None = None) -> CardsResult:
    """The role cards of a session through its privacy boundary.

    What the real role-holders wrote (the backs) is anonymized with the session's known
    names, review decisions and placeholders, exactly as in the minutes; the PDF's text
    is read back and, with every string drawn, checked before anything is written.
    Cards without backs hold no free text of the session, so deduce is not loaded.

    Raises:
        CasusdeskError: a known name or a detected or marked text would still be on a
            card (nothing is written), or the file cannot be written.
    """
    from casusdesk.services.export_boundary import SessionBoundary

    boundary = SessionBoundary(store, session_id, decisions=decisions, skip_damaged=True)
    backs = [getattr(c, key) for c in cards for key in _BACK_KEYS] if with_backs else []
    boundary.prepare(backs)
    clean = []
    for card in cards:
        if with_backs:
            clean.append(dataclasses.replace(card, **{
                key: boundary.anonymize(getattr(card, key), _BACK_WHERE[key])
                for key in _BACK_KEYS}))
        else:
            clean.append(dataclasses.replace(card, why="", how="", what="", message=""))
    buffer = io.BytesIO()
    result = render_role_cards(clean, buffer, session_code=session_code,
                               with_backs=with_backs, font_dir=font_dir)
    data = buffer.getvalue()
    drawn = [s for card in clean for s in _card_strings(card, with_backs)]
    boundary.check(data, "pdf", drawn=drawn)
    _write(data, out)
    return result


def render_blank_cards(count: int, out: str | os.PathLike[str] | BinaryIO,
                       session_code: str = "", *, font_dir: Path | None = None,
                       ) -> CardsResult:
    """Write ``count`` blank cards to fill in by hand (Waarom / Hoe / Wat / Wat wil je
    de ander meegeven, with "Mijn functie:" and "Code:" lines)."""
    if not 1 <= count <= 400:
        raise ValidationError("Het aantal lege kaarten moet tussen 1 en 400 liggen.")
    register_fonts(font_dir)
    buffer = io.BytesIO()
    canvas = _new_canvas(buffer, "Lege rolkaarten", session_code)
    pages = 0
    for chunk in _pages(range(count)):
        _draw_cut_marks(canvas)
        for slot, _ in enumerate(chunk):
            _draw_blank(canvas, _CardBox(slot), session_code)
        canvas.showPage()
        pages += 1
    canvas.save()
    _write(buffer.getvalue(), out)
    return CardsResult(pages=pages, cards=count)

