"""Export a life-event timeline as a PNG (Pillow) or SVG image.

Both formats are drawn from one list of shapes, built from the shared layout in
:mod:`casusdesk.domain.timeline_layout`, so they look the same. The image is meant for a
projector and for the minutes, so it follows the minutes' privacy rule: time is shown at
year or age granularity only ("2015", "rond 2015", "18 jaar"), and exact dates typed in a
description or the title are reduced to their year as well. Names are the caller's
business: pass descriptions that are already anonymized.

Fonts: DejaVu Sans from ``resources/fonts/`` first, then the system's DejaVu, then
Pillow's built-in font. Text is measured with the same font for the SVG, which names
"DejaVu Sans" first in its font list.
"""

from __future__ import annotations

import functools
import io
import math
import os
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Union
from xml.sax.saxutils import escape, quoteattr

from PIL import Image, ImageDraw, ImageFont

from casusdesk.domain.errors import CasusdeskError, DataFileError
from casusdesk.domain.timeline import (
    LifeDomain,
    Source,
    Timeline,
    coarsen_dates_in_text,
    parse_life_domains,
)
from casusdesk.domain.timeline_layout import (
    Box,
    PixelMap,
    TimelineLayout,
    layout_timeline,
    marker_points,
    place_labels,
    wrap_text,
)
from casusdesk.paths import resource
from casusdesk.services.files import write_atomic

DEFAULT_TITLE = "Levenslijn"
BASE_WIDTH, BASE_HEIGHT = 2400, 1350

INK = "#1A1A1A"
MUTED = "#555555"
GRID = "#E4E4E4"
ZERO = "#9A9A9A"
LINE = "#3A3A3A"
LINK = "#6E6E6E"
FUTURE_FILL = "#F1EEF8"
FUTURE_INK = "#5B4A8A"
WHITE = "#FFFFFF"

SYSTEM_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
)
FONT_FAMILY = "'DejaVu Sans', Verdana, Arial, sans-serif"


# ---------------------------------------------------------------------------
# Life domains from resources/
# ---------------------------------------------------------------------------


def load_life_domains(path: Path | None = None) -> tuple[LifeDomain, ...]:
    """Read ``resources/life_domains.toml`` (or ``path``).

    Raises:
        DataFileError: the file is missing or malformed (Dutch message).
    """
    try:
        file = path if path is not None else resource("life_domains.toml")
        with open(file, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise DataFileError("Het bestand met levensdomeinen (life_domains.toml) ontbreekt."
                            ) from None
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"Het bestand met levensdomeinen is onleesbaar: {exc}") from None
    return parse_life_domains(data)


# ---------------------------------------------------------------------------
# Fonts
# ---------------------------------------------------------------------------


def font_path(bold: bool = False) -> Path | None:
    """The DejaVu Sans file to use: resources/fonts first, then the system; or None."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    candidates: list[Path] = []
    try:
        candidates.append(resource("fonts", name))
    except FileNotFoundError:
        pass
    candidates.extend(folder / name for folder in SYSTEM_FONT_DIRS)
    windir = os.environ.get("WINDIR")
    if windir:
        candidates.append(Path(windir) / "Fonts" / name)
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return None


AnyFont = Union[ImageFont.FreeTypeFont, ImageFont.ImageFont]


@functools.lru_cache(maxsize=64)
def _font(size: int, bold: bool) -> AnyFont:
    path = font_path(bold)
    if path is not None:
        return ImageFont.truetype(str(path), size)
    for name in (("DejaVuSans-Bold.ttf", "arialbd.ttf") if bold else
                 ("DejaVuSans.ttf", "arial.ttf")):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


class _Fonts:
    """Fonts at output scale; PNG drawing asks for them at ``factor`` times the size."""

    def get(self, size: float, bold: bool = False, factor: int = 1) -> AnyFont:
        return _font(max(6, round(size * factor)), bold)

    def width(self, text: str, size: float, bold: bool = False) -> float:
        return float(self.get(size, bold).getlength(text))

    def ascent(self, size: float, bold: bool = False) -> float:
        font = self.get(size, bold)
        if isinstance(font, ImageFont.FreeTypeFont):
            return float(font.getmetrics()[0])
        return size * 0.8


# ---------------------------------------------------------------------------
# Shapes: one drawing, two back ends
# ---------------------------------------------------------------------------

Pt = tuple[float, float]


@dataclass(frozen=True)
class _Rect:
    box: Box
    fill: str


@dataclass(frozen=True)
class _Line:
    points: tuple[Pt, ...]
    colour: str
    width: float
    dash: tuple[float, float] | None = None


@dataclass(frozen=True)
class _Polygon:
    points: tuple[Pt, ...]
    fill: str
    outline: str
    width: float


@dataclass(frozen=True)
class _Circle:
    centre: Pt
    radius: float
    fill: str
    outline: str
    width: float


@dataclass(frozen=True)
class _Text:
    x: float
    top: float
    text: str
    size: float
    bold: bool
    colour: str
    halo: float = 0.0


@dataclass(frozen=True)
class _Group:
    """SVG only: a group with a tooltip (the full text of an event), wrapping shapes."""

    title: str
    shapes: tuple[object, ...]


_Shape = Union[_Rect, _Line, _Polygon, _Circle, _Text, _Group]


@dataclass
class _Drawing:
    width: int
    height: int
    title: str
    shapes: list[_Shape]


def _build(timeline: Timeline, width: int, height: int, title: str,
           birth_year: int | None, domains: Sequence[LifeDomain] | None) -> _Drawing:
    if width < 400 or height < 250:
        raise CasusdeskError("Het plaatje is te klein; kies minstens 400 × 250 pixels.")
    if domains is None:
        domains = load_life_domains()
    fonts = _Fonts()
    s = min(width / BASE_WIDTH, height / BASE_HEIGHT)
    title = coarsen_dates_in_text(title.strip()) or DEFAULT_TITLE
    shapes: list[_Shape] = [_Rect(Box(0, 0, width, height), WHITE)]
    margin = 48 * s

    # -- title ----------------------------------------------------------------------
    title_size, sub_size = 44 * s, 23 * s
    shapes.append(_Text(margin, margin, title, title_size, True, INK))
    subtitle = ("Van links naar rechts de tijd; de hoogte laat zien hoe de cliënt het "
                "beleefde, van dieptepunt (−3) tot hoogtepunt (+3).")
    shapes.append(_Text(margin, margin + title_size * 1.3, subtitle, sub_size, False, MUTED))
    header = margin + title_size * 1.3 + sub_size * 1.6 + 10 * s

    # -- layout and label sizes -----------------------------------------------------
    left_col = max(fonts.width("dieptepunt", 20 * s), fonts.width("hoogtepunt", 20 * s)) \
        + fonts.width("−3", 22 * s, True) + 40 * s
    plot_width = width - 2 * margin - left_col
    label_gap = (fonts.width("2000", 21 * s) + 18 * s) / plot_width
    layout = layout_timeline(timeline, domains, birth_year, min_label_gap=label_gap)
    count = len(layout.events)
    text_size = (21 if count <= 16 else 19 if count <= 24 else 17) * s
    time_size = text_size * 0.92
    label_width = (290 if count <= 16 else 250) * s
    line_height = text_size * 1.22

    # -- bottom: legend, axis -------------------------------------------------------
    legend_size = 21 * s
    legend_items = _legend_items(layout)
    legend_rows = _legend_rows(legend_items, fonts, legend_size, width - 2 * margin, s)
    legend_h = len(legend_rows) * legend_size * 1.9
    axis_h = 28 * s + 23 * s * 1.3 + (22 * s * 1.5 if layout.sections else 0)
    plot = Box(margin + left_col, header, width - margin,
               height - margin - legend_h - axis_h - 16 * s)
    pm = layout.pixels(plot.left, plot.top, plot.width, plot.height, padding=1.15)

    _draw_grid(shapes, layout, pm, plot, fonts, s)
    _draw_axis(shapes, layout, pm, plot, fonts, s)
    if not layout.events:
        note = "Er staan nog geen gebeurtenissen op de levenslijn."
        size = 28 * s
        shapes.append(_Text((plot.left + plot.right - fonts.width(note, size)) / 2,
                            pm.y(1.2), note, size, False, MUTED))

    # -- links and the life line ----------------------------------------------------
    link_paths: list[tuple[Pt, ...]] = []
    for link in layout.links:
        pts = tuple(pm.point(u, v) for u, v in link.points(40))
        shapes.append(_Line(pts, LINK, 3.5 * s, (13 * s, 9 * s)))
        link_paths.append(pts)
    line_pts = tuple(pm.point(u, v) for u, v in layout.line)
    if len(line_pts) > 1:
        shapes.append(_Line(line_pts, LINE, 5 * s))
    future_pts = tuple(pm.point(u, v) for u, v in layout.future_line)
    if len(future_pts) > 1:
        shapes.append(_Line(future_pts, LINE, 4 * s, (5 * s, 11 * s)))
    segments = list(zip(line_pts, line_pts[1:], strict=False)) + \
        list(zip(future_pts, future_pts[1:], strict=False))

    # -- labels ---------------------------------------------------------------------
    radius = 15 * s
    anchors = [pm.point(p.x, p.y) for p in layout.events]

    def measure(text: str) -> float:
        return fonts.width(text, text_size)

    blocks = []
    for placed in layout.events:
        head = placed.coarse_time_label
        lines = wrap_text(coarsen_dates_in_text(placed.description), label_width, measure,
                          max_lines=4)
        block_w = max([fonts.width(head, time_size, True), *(measure(ln) for ln in lines)])
        blocks.append((head, lines, block_w, time_size * 1.25 + line_height * len(lines)))
    bounds = Box(plot.left - left_col * 0.25, plot.top - 4 * s, plot.right,
                 plot.bottom - 2 * s)
    dots = [Box(x - radius * 1.4, y - radius * 1.4, x + radius * 1.4, y + radius * 1.4)
            for x, y in anchors]
    if layout.future_zone is not None:
        # the word "toekomst" at the top of the zone
        zx0, zx1 = pm.x(layout.future_zone[0]), pm.x(layout.future_zone[1])
        word = fonts.width("toekomst", 24 * s, True)
        dots.append(Box((zx0 + zx1 - word) / 2 - 8 * s, plot.top,
                        (zx0 + zx1 + word) / 2 + 8 * s, plot.top + 40 * s))
    placements = place_labels(anchors, [(b[2], b[3]) for b in blocks], bounds=bounds,
                              radius=radius, obstacles=dots, segments=segments,
                              soft_paths=link_paths,
                              prefer_above=[p.prefer_above for p in layout.events])

    label_shapes: list[_Shape] = []
    for (head, lines, block_w, _), placement, anchor in zip(blocks, placements, anchors,
                                                            strict=True):
        box = placement.box
        if placement.leader:
            end = box.nearest_point(anchor)
            dx, dy = end[0] - anchor[0], end[1] - anchor[1]
            dist = math.hypot(dx, dy) or 1.0
            start = (anchor[0] + dx / dist * radius * 1.2, anchor[1] + dy / dist * radius * 1.2)
            shapes.append(_Line((start, end), "#808080", 2.2 * s))
        centre = (box.left + box.right) / 2
        top = box.top
        label_shapes.append(_Text(centre - fonts.width(head, time_size, True) / 2, top, head,
                                  time_size, True, MUTED, halo=5 * s))
        top += time_size * 1.25
        for text in lines:
            label_shapes.append(_Text(centre - measure(text) / 2, top, text, text_size, False,
                                      INK, halo=5 * s))
            top += line_height

    # -- markers (above the lines), then labels on top ------------------------------
    for placed, (x, y) in zip(layout.events, anchors, strict=True):
        marker = _marker_shapes(placed.domain, placed.source, x, y, radius, s)
        tooltip = f"{placed.coarse_time_label}: {coarsen_dates_in_text(placed.description)}"
        shapes.append(_Group(tooltip, tuple(marker)))
    shapes.extend(label_shapes)

    _draw_legend(shapes, legend_rows, fonts, legend_size, margin,
                 height - margin - legend_h + legend_size * 0.4, s)
    return _Drawing(width, height, title, shapes)


def _marker_shapes(domain: LifeDomain, source: Source, x: float, y: float, radius: float,
                   s: float) -> list[_Shape]:
    """Filled for the client's story, open (white inside) for a professional's finding."""
    if source is Source.PROFESSIONAL:
        fill, outline, width = WHITE, domain.colour, 5 * s
    else:
        fill, outline, width = domain.colour, INK, 2 * s
    if domain.marker == "circle":
        return [_Circle((x, y), radius, fill, outline, width)]
    return [_Polygon(tuple(marker_points(domain.marker, x, y, radius)), fill, outline, width)]


def _draw_grid(shapes: list[_Shape], layout: TimelineLayout, pm: PixelMap, plot: Box,
               fonts: _Fonts, s: float) -> None:
    if layout.future_zone is not None:
        x0, x1 = pm.x(layout.future_zone[0]), pm.x(layout.future_zone[1])
        shapes.append(_Rect(Box(x0, plot.top, x1, plot.bottom), FUTURE_FILL))
        label = "toekomst"
        size = 24 * s
        shapes.append(_Text((x0 + x1) / 2 - fonts.width(label, size, True) / 2,
                            plot.top + 8 * s, label, size, True, FUTURE_INK))
    for tick in layout.ticks:
        if tick.major:
            x = pm.x(tick.x)
            shapes.append(_Line(((x, plot.top), (x, plot.bottom)), "#F0F0F0", 1.5 * s))
    for value in range(-3, 4):
        y = pm.y(value)
        colour, width = (ZERO, 2.5 * s) if value == 0 else (GRID, 1.5 * s)
        shapes.append(_Line(((plot.left, y), (plot.right, y)), colour, width))
        text = "0" if value == 0 else f"{value:+d}".replace("-", "−")
        size = 22 * s
        shapes.append(_Text(plot.left - 14 * s - fonts.width(text, size, True),
                            y - size * 0.62, text, size, True, MUTED))
        word = {3: "hoogtepunt", -3: "dieptepunt"}.get(value)
        if word:
            wsize = 20 * s
            shapes.append(_Text(plot.left - 14 * s - fonts.width(text, size, True) - 14 * s
                                - fonts.width(word, wsize), y - wsize * 0.6, word, wsize,
                                False, MUTED))


def _draw_axis(shapes: list[_Shape], layout: TimelineLayout, pm: PixelMap, plot: Box,
               fonts: _Fonts, s: float) -> None:
    y = plot.bottom
    size = 21 * s
    for section in layout.sections:
        x0, x1 = pm.x(section.x0), pm.x(section.x1)
        shapes.append(_Line(((x0, y), (x1, y)), INK, 2.5 * s))
        title = section.title
        tsize = 20 * s
        shapes.append(_Text((x0 + x1) / 2 - fonts.width(title, tsize) / 2,
                            y + 22 * s + size * 1.4, title, tsize, False, MUTED))
    for brk in layout.breaks:
        x = pm.x(brk)
        for dx in (-7 * s, 7 * s):
            shapes.append(_Line(((x + dx - 6 * s, y + 10 * s), (x + dx + 6 * s, y - 10 * s)),
                                INK, 2.5 * s))
    for tick in layout.ticks:
        x = pm.x(tick.x)
        length = (12 if tick.major else 6) * s
        shapes.append(_Line(((x, y), (x, y + length)), INK, 2 * s))
        if tick.major:
            shapes.append(_Text(x - fonts.width(tick.label, size) / 2, y + 16 * s, tick.label,
                                size, False, INK))
    if layout.future_zone is not None:
        x0 = pm.x(layout.future_zone[0])
        shapes.append(_Line(((x0, plot.top), (x0, y)), "#B9B0D3", 2 * s, (8 * s, 8 * s)))


# -- legend -------------------------------------------------------------------------

@dataclass(frozen=True)
class _LegendItem:
    kind: str  # "domain", "client", "professional", "line", "link", "future"
    label: str
    domain: LifeDomain | None = None


def _legend_items(layout: TimelineLayout) -> list[_LegendItem]:
    items = [_LegendItem("domain", d.label, d) for d in layout.domains]
    sources = {p.source for p in layout.events}
    if Source.CLIENT in sources:
        items.append(_LegendItem("client", "dicht: verhaal van de cliënt"))
    if Source.PROFESSIONAL in sources:
        items.append(_LegendItem("professional", "open: bevinding van een professional"))
    if layout.links:
        items.append(_LegendItem("link", "hangt samen met"))
    return items


def _legend_item_width(item: _LegendItem, fonts: _Fonts, size: float, s: float) -> float:
    symbol = 64 * s if item.kind == "link" else 34 * s
    return symbol + fonts.width(item.label, size) + 34 * s


def _legend_rows(items: list[_LegendItem], fonts: _Fonts, size: float, width: float,
                 s: float) -> list[list[_LegendItem]]:
    rows: list[list[_LegendItem]] = [[]]
    used = 0.0
    for item in items:
        w = _legend_item_width(item, fonts, size, s)
        if rows[-1] and used + w > width:
            rows.append([])
            used = 0.0
        rows[-1].append(item)
        used += w
    return [row for row in rows if row]


def _draw_legend(shapes: list[_Shape], rows: list[list[_LegendItem]], fonts: _Fonts,
                 size: float, left: float, top: float, s: float) -> None:
    r = 11 * s
    neutral = LifeDomain("", "", "#BDBDBD", "circle")
    for row_index, row in enumerate(rows):
        x = left
        cy = top + row_index * size * 1.9 + size * 0.6
        for item in row:
            if item.kind == "link":
                shapes.append(_Line(((x, cy), (x + 52 * s, cy)), LINK, 3.5 * s,
                                    (13 * s, 9 * s)))
                text_x = x + 64 * s
            else:
                domain = item.domain or neutral
                source = Source.PROFESSIONAL if item.kind == "professional" else Source.CLIENT
                shapes.extend(_marker_shapes(domain, source, x + r, cy, r, s))
                text_x = x + 34 * s
            shapes.append(_Text(text_x, cy - size * 0.62, item.label, size, False, INK))
            x += _legend_item_width(item, fonts, size, s)


# ---------------------------------------------------------------------------
# Back ends
# ---------------------------------------------------------------------------


def _dashes(points: Sequence[Pt], on: float, off: float) -> list[list[Pt]]:
    """Split a polyline into dash pieces."""
    pieces: list[list[Pt]] = []
    drawing, left = True, on
    current: list[Pt] = [points[0]]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        length = math.hypot(x1 - x0, y1 - y0)
        pos = 0.0
        while length - pos > left:
            pos += left
            t = pos / length
            point = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
            if drawing:
                current.append(point)
                pieces.append(current)
            current = [point]
            drawing = not drawing
            left = off if not drawing else on
        left -= length - pos
        if drawing:
            current.append((x1, y1))
        else:
            current = [(x1, y1)]
    if drawing and len(current) > 1:
        pieces.append(current)
    return pieces


def _render_png(drawing: _Drawing, supersample: int) -> Image.Image:
    f = max(1, supersample)
    image = Image.new("RGB", (drawing.width * f, drawing.height * f), WHITE)
    draw = ImageDraw.Draw(image)
    fonts = _Fonts()

    def sc(points: Sequence[Pt]) -> list[Pt]:
        return [(x * f, y * f) for x, y in points]

    def paint(shape: _Shape) -> None:
        if isinstance(shape, _Group):
            for inner in shape.shapes:
                paint(inner)  # type: ignore[arg-type]
        elif isinstance(shape, _Rect):
            b = shape.box
            draw.rectangle((b.left * f, b.top * f, b.right * f, b.bottom * f), fill=shape.fill)
        elif isinstance(shape, _Line):
            width = max(1, round(shape.width * f))
            pieces = _dashes(sc(shape.points), shape.dash[0] * f, shape.dash[1] * f) \
                if shape.dash else [sc(shape.points)]
            for piece in pieces:
                draw.line(piece, fill=shape.colour, width=width, joint="curve")
                if width > 3 and not shape.dash:
                    for x, y in (piece[0], piece[-1]):
                        draw.ellipse((x - width / 2, y - width / 2, x + width / 2,
                                      y + width / 2), fill=shape.colour)
        elif isinstance(shape, _Polygon):
            draw.polygon(sc(shape.points), fill=shape.fill, outline=shape.outline,
                         width=max(1, round(shape.width * f)))
        elif isinstance(shape, _Circle):
            (x, y), r = shape.centre, shape.radius
            draw.ellipse(((x - r) * f, (y - r) * f, (x + r) * f, (y + r) * f), fill=shape.fill,
                         outline=shape.outline, width=max(1, round(shape.width * f)))
        elif isinstance(shape, _Text):
            font = fonts.get(shape.size, shape.bold, f)
            draw.text((shape.x * f, shape.top * f), shape.text, font=font, fill=shape.colour,
                      anchor="la", stroke_width=round(shape.halo * f),
                      stroke_fill=WHITE if shape.halo else None)

    for shape in drawing.shapes:
        paint(shape)
    if f > 1:  # the mean of each f x f block: smooth edges, 13x faster than LANCZOS here
        image = image.reduce(f)
    return image


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _render_svg(drawing: _Drawing) -> str:
    fonts = _Fonts()
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{drawing.width}" '
        f'height="{drawing.height}" viewBox="0 0 {drawing.width} {drawing.height}" '
        f'font-family={quoteattr(FONT_FAMILY)}>',
        f"<title>{escape(drawing.title)}</title>",
    ]

    def pts(points: Sequence[Pt]) -> str:
        return " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in points)

    def emit(shape: _Shape, indent: str = "") -> None:
        if isinstance(shape, _Group):
            out.append(f'{indent}<g class="event"><title>{escape(shape.title)}</title>')
            for inner in shape.shapes:
                emit(inner, indent + "  ")  # type: ignore[arg-type]
            out.append(f"{indent}</g>")
        elif isinstance(shape, _Rect):
            b = shape.box
            out.append(f'{indent}<rect x="{_fmt(b.left)}" y="{_fmt(b.top)}" '
                       f'width="{_fmt(b.width)}" height="{_fmt(b.height)}" '
                       f'fill="{shape.fill}"/>')
        elif isinstance(shape, _Line):
            dash = f' stroke-dasharray="{_fmt(shape.dash[0])} {_fmt(shape.dash[1])}"' \
                if shape.dash else ""
            out.append(f'{indent}<polyline points="{pts(shape.points)}" fill="none" '
                       f'stroke="{shape.colour}" stroke-width="{_fmt(shape.width)}" '
                       f'stroke-linecap="round" stroke-linejoin="round"{dash}/>')
        elif isinstance(shape, _Polygon):
            out.append(f'{indent}<polygon points="{pts(shape.points)}" fill="{shape.fill}" '
                       f'stroke="{shape.outline}" stroke-width="{_fmt(shape.width)}" '
                       f'stroke-linejoin="round"/>')
        elif isinstance(shape, _Circle):
            (x, y), r = shape.centre, shape.radius
            out.append(f'{indent}<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="{_fmt(r)}" '
                       f'fill="{shape.fill}" stroke="{shape.outline}" '
                       f'stroke-width="{_fmt(shape.width)}"/>')
        elif isinstance(shape, _Text):
            baseline = shape.top + fonts.ascent(shape.size, shape.bold)
            weight = ' font-weight="bold"' if shape.bold else ""
            where = f'x="{_fmt(shape.x)}" y="{_fmt(baseline)}" font-size="{_fmt(shape.size)}"'
            if shape.halo:
                # a white outline under the text, as a separate element: paint-order is
                # not understood by every SVG reader (Qt, some office programs)
                out.append(f'{indent}<text {where}{weight} fill="{WHITE}" stroke="{WHITE}" '
                           f'stroke-width="{_fmt(shape.halo * 2)}" stroke-linejoin="round" '
                           f'aria-hidden="true">{escape(shape.text)}</text>')
            out.append(f'{indent}<text {where}{weight} fill="{shape.colour}">'
                       f"{escape(shape.text)}</text>")

    for shape in drawing.shapes:
        emit(shape)
    out.append("</svg>")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def render_png(timeline: Timeline, width: int = BASE_WIDTH, height: int = BASE_HEIGHT,
               title: str = DEFAULT_TITLE, birth_year: int | None = None,
               domains: Sequence[LifeDomain] | None = None, supersample: int = 2) -> bytes:
    """The timeline as PNG bytes (e.g. to put in a .docx without a temporary file)."""
    drawing = _build(timeline, width, height, title, birth_year, domains)
    image = _render_png(drawing, supersample)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(200, 200))
    return buffer.getvalue()


def render_svg(timeline: Timeline, width: int = BASE_WIDTH, height: int = BASE_HEIGHT,
               title: str = DEFAULT_TITLE, birth_year: int | None = None,
               domains: Sequence[LifeDomain] | None = None) -> str:
    """The timeline as SVG text."""
    return _render_svg(_build(timeline, width, height, title, birth_year, domains))


def drawn_texts(timeline: Timeline, width: int = BASE_WIDTH, height: int = BASE_HEIGHT,
                title: str = DEFAULT_TITLE, birth_year: int | None = None,
                domains: Sequence[LifeDomain] | None = None) -> list[str]:
    """Every string the PNG or SVG of this timeline draws (texts and tooltips), for the
    privacy check of the export."""
    out: list[str] = []

    def walk(shapes: Sequence[object]) -> None:
        for shape in shapes:
            if isinstance(shape, _Text):
                out.append(shape.text)
            elif isinstance(shape, _Group):
                out.append(shape.title)
                walk(shape.shapes)

    drawing = _build(timeline, width, height, title, birth_year, domains)
    out.append(drawing.title)
    walk(drawing.shapes)
    return out


def export_png(timeline: Timeline, path: str | os.PathLike[str], width: int = BASE_WIDTH,
               height: int = BASE_HEIGHT, title: str = DEFAULT_TITLE,
               birth_year: int | None = None,
               domains: Sequence[LifeDomain] | None = None) -> Path:
    """Write the timeline as a PNG; return the path.

    Raises:
        CasusdeskError: the file cannot be written (Dutch message); nothing half-written
            is left behind.
    """
    return _write(Path(path), render_png(timeline, width, height, title, birth_year, domains))


def export_svg(timeline: Timeline, path: str | os.PathLike[str], width: int = BASE_WIDTH,
               height: int = BASE_HEIGHT, title: str = DEFAULT_TITLE,
               birth_year: int | None = None,
               domains: Sequence[LifeDomain] | None = None) -> Path:
    """Write the timeline as an SVG; return the path (CasusdeskError if that fails)."""
    text = render_svg(timeline, width, height, title, birth_year, domains)
    return _write(Path(path), text.encode("utf-8"))


def _write(path: Path, data: bytes) -> Path:
    return write_atomic(path, data, what="de levenslijn")
