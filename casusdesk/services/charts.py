"""Charts of the group overview as PNG, drawn with Pillow (as the timeline image is).

Readable in greyscale print: the heat map is grey from white to near black with the
count written in every cell; the bridging bars are one grey with the percentage above
each bar, and a session without judged moments says "–" instead of drawing nothing.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from PIL import Image, ImageDraw

from casusdesk.services.timeline_image import _font

WIDTH = 1600
PAD = 24
INK = (20, 20, 20)
GRID = (150, 150, 150)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _fit(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> str:  # noqa: ANN001
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def heat_map(rows: Sequence[str], columns: Sequence[str], grid: Sequence[Sequence[int]], *,
             title: str = "") -> bytes:
    """Rows (themes) against columns (sessions); each cell grey by its count, with the count."""
    label_font, cell_font, title_font = _font(22, False), _font(24, True), _font(28, True)
    probe = ImageDraw.Draw(Image.new("L", (1, 1)))
    label_w = min(520, max((int(probe.textlength(r, font=label_font)) for r in rows),
                           default=100) + 16)
    cols = max(1, len(columns))
    cell_w = min(170, max(70, (WIDTH - 2 * PAD - label_w) // cols))
    cell_h = 46
    head_h = 70 if title else 30
    col_head = 40
    height = head_h + col_head + cell_h * len(rows) + PAD
    width = PAD * 2 + label_w + cell_w * cols
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    if title:
        draw.text((PAD, 18), title, fill=INK, font=title_font)
    top = head_h + col_head
    peak = max((v for row in grid for v in row), default=0) or 1
    for j, col in enumerate(columns):
        x = PAD + label_w + j * cell_w
        text = _fit(draw, col, label_font, cell_w - 6)
        draw.text((x + cell_w / 2, top - 8), text, fill=INK, font=label_font, anchor="ms")
    for i, row in enumerate(rows):
        y = top + i * cell_h
        draw.text((PAD + label_w - 10, y + cell_h / 2),
                  _fit(draw, row, label_font, label_w - 16), fill=INK, font=label_font,
                  anchor="rm")
        for j in range(cols):
            value = grid[i][j] if j < len(grid[i]) else 0
            x = PAD + label_w + j * cell_w
            level = 255 - round(215 * value / peak) if value else 255
            draw.rectangle((x, y, x + cell_w, y + cell_h), fill=(level, level, level),
                           outline=GRID)
            if value:
                colour = "white" if level < 128 else INK
                draw.text((x + cell_w / 2, y + cell_h / 2), str(value), fill=colour,
                          font=cell_font, anchor="mm")
    return _png(image)


def rate_bars(labels: Sequence[str], rates: Sequence[float | None], *, title: str = "",
              width: int = WIDTH) -> bytes:
    """One bar per session: the share of judged moments that were bridged (0-100 %)."""
    label_font, value_font, title_font = _font(22, False), _font(24, True), _font(28, True)
    height = 520
    head_h = 70 if title else 30
    base = height - 60
    plot_h = base - head_h - 40
    left = PAD + 70
    n = max(1, len(labels))
    slot = (width - left - PAD) // n
    bar_w = min(140, int(slot * 0.6))
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    if title:
        draw.text((PAD, 18), title, fill=INK, font=title_font)
    for pct in (0, 50, 100):
        y = base - plot_h * pct / 100
        draw.line((left, y, width - PAD, y), fill=(210, 210, 210), width=2)
        draw.text((left - 10, y), f"{pct} %", fill=INK, font=label_font, anchor="rm")
    for i, (label, rate) in enumerate(zip(labels, rates)):
        cx = left + slot * i + slot / 2
        if rate is None:
            draw.text((cx, base - 10), "–", fill=INK, font=value_font, anchor="ms")
        else:
            top = base - plot_h * rate
            draw.rectangle((cx - bar_w / 2, top, cx + bar_w / 2, base), fill=(90, 90, 90),
                           outline=INK)
            draw.text((cx, top - 8), f"{round(rate * 100)} %", fill=INK, font=value_font,
                      anchor="ms")
        draw.text((cx, base + 34), _fit(draw, label, label_font, slot - 6), fill=INK,
                  font=label_font, anchor="ms")
    draw.line((left, base, width - PAD, base), fill=INK, width=2)
    return _png(image)
