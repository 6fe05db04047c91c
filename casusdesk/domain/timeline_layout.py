"""Where the items of a life-event timeline go: one layout for the editor and the image.

:func:`layout_timeline` works in abstract units: ``x`` from 0 (left) to 1 (right) across
the whole drawing (past and future zone), ``y`` is the experience from −3 (dieptepunt,
bottom) to +3 (hoogtepunt, top). :meth:`TimelineLayout.pixels` maps those units onto a
rectangle of pixels (y grows downwards there) and back, for QGraphicsView and for the
exported image alike.

Time across
-----------
Dated events lie on a year axis; when the timeline has no birth year and all its events
are ages, the axis shows ages. With ages *and* dates but no birth year, the axis has an
age section, a break, and a year section (see :mod:`casusdesk.domain.timeline`).

Within a section the x position is a blend of true time and rank: ``spread=0`` spaces
events exactly by time, ``spread=1`` spaces them evenly. The default (0.7) keeps long
quiet periods visibly long while a busy year still gets room for its labels. The axis
ticks follow the same mapping, so every event sits between the right ticks.

Future items (next steps, dreams) are spaced evenly in a "toekomst" zone on the right.

Pixel helpers
-------------
:func:`marker_points`, :func:`wrap_text` and :func:`place_labels` work in pixels and know
nothing about Qt or Pillow: give them a text-measuring function and sizes, and they return
polygons, lines and label boxes.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from casusdesk.domain.timeline import (
    MAX_EXPERIENCE,
    MIN_EXPERIENCE,
    EventKind,
    LifeDomain,
    LifeEvent,
    Source,
    Timeline,
    domain_for,
)

Point = tuple[float, float]
SectionKind = Literal["year", "age"]

FUTURE_GAP = 0.025
"""Space (in x units) between the last event and the future zone."""
SECTION_GAP = 0.03
"""Space (in x units) of the break between an age section and a year section."""


# ---------------------------------------------------------------------------
# Result types
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PlacedEvent:
    """An event with its place in the layout.

    Attributes:
        x: 0 … 1 across the drawing.
        y: the experience, −3 … +3.
        time: position on its section's axis (fractional year or age); None for future.
        time_label: the full time ("12-03-2015") for the facilitator's own screen.
        coarse_time_label: year/age only ("2015"), for the image and the minutes.
        prefer_above: the label reads best above the dot (a peak) rather than below.
    """

    event_id: str
    x: float
    y: float
    time: float | None
    description: str
    time_label: str
    coarse_time_label: str
    domain: LifeDomain
    kind: EventKind
    source: Source
    prefer_above: bool = True

    @property
    def is_future(self) -> bool:
        return self.kind.is_future


@dataclass(frozen=True)
class AxisTick:
    """A tick on the time axis; ``label`` is empty for a minor (unlabelled) tick."""

    x: float
    value: int
    label: str
    kind: SectionKind

    @property
    def major(self) -> bool:
        return bool(self.label)


@dataclass(frozen=True)
class AxisSection:
    """A stretch of the time axis with one unit: years or ages."""

    kind: SectionKind
    x0: float
    x1: float
    start: int
    end: int

    @property
    def title(self) -> str:
        return "jaar" if self.kind == "year" else "leeftijd van de cliënt (jaren)"


@dataclass(frozen=True)
class LinkCurve:
    """A "hangt samen met" link drawn as a quadratic curve from start via control to end."""

    first_id: str
    second_id: str
    start: Point
    control: Point
    end: Point

    def points(self, steps: int = 32) -> list[Point]:
        """The curve sampled as a polyline (in the same units as its points)."""
        result = []
        for i in range(steps + 1):
            t = i / steps
            a, b, c = (1 - t) ** 2, 2 * (1 - t) * t, t * t
            result.append((a * self.start[0] + b * self.control[0] + c * self.end[0],
                           a * self.start[1] + b * self.control[1] + c * self.end[1]))
        return result


@dataclass(frozen=True)
class PixelMap:
    """Maps layout units onto a pixel rectangle (y downwards) and back."""

    left: float
    top: float
    width: float
    height: float
    y_min: float
    y_max: float

    def x(self, u: float) -> float:
        return self.left + u * self.width

    def y(self, v: float) -> float:
        return self.top + (self.y_max - v) / (self.y_max - self.y_min) * self.height

    def point(self, u: float, v: float) -> Point:
        return (self.x(u), self.y(v))

    def u_at(self, px: float) -> float:
        return (px - self.left) / self.width

    def v_at(self, py: float) -> float:
        return self.y_max - (py - self.top) / self.height * (self.y_max - self.y_min)

    def experience_at(self, py: float) -> int:
        """The experience (−3 … +3, whole) nearest to a pixel height: for dragging a dot."""
        value = round(self.v_at(py))
        return max(MIN_EXPERIENCE, min(MAX_EXPERIENCE, value))


@dataclass(frozen=True)
class TimelineLayout:
    """Everything needed to draw a timeline, in abstract units (see module docstring)."""

    events: tuple[PlacedEvent, ...]
    line: tuple[Point, ...]
    future_line: tuple[Point, ...]
    links: tuple[LinkCurve, ...]
    ticks: tuple[AxisTick, ...]
    sections: tuple[AxisSection, ...]
    breaks: tuple[float, ...]
    future_zone: tuple[float, float] | None
    domains: tuple[LifeDomain, ...]
    y_min: float = MIN_EXPERIENCE
    y_max: float = MAX_EXPERIENCE

    def by_id(self, event_id: str) -> PlacedEvent:
        for placed in self.events:
            if placed.event_id == event_id:
                return placed
        raise KeyError(event_id)

    @property
    def past_events(self) -> tuple[PlacedEvent, ...]:
        return tuple(p for p in self.events if not p.is_future)

    @property
    def future_events(self) -> tuple[PlacedEvent, ...]:
        return tuple(p for p in self.events if p.is_future)

    def pixels(self, left: float, top: float, width: float, height: float,
               padding: float = 1.0) -> PixelMap:
        """A PixelMap onto the rectangle; ``padding`` experience units above +3 and below −3."""
        return PixelMap(left, top, width, height, self.y_min - padding, self.y_max + padding)


# ---------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------


@dataclass
class _Section:
    kind: SectionKind
    events: list[LifeEvent]
    times: list[float]
    x0: float = 0.0
    x1: float = 1.0
    anchors: list[tuple[float, float]] = field(default_factory=list)
    start: int = 0
    end: int = 1

    def build(self, spread: float) -> list[float]:
        """Compute x per event and the value→x anchors; return the xs."""
        self.start = math.floor(min(self.times))
        self.end = math.floor(max(self.times)) + 1
        span = self.end - self.start
        points = [float(self.start), *self.times, float(self.end)]
        count = len(points) - 1
        xs = []
        for k, value in enumerate(points):
            u = (1 - spread) * (value - self.start) / span + spread * k / count
            xs.append(self.x0 + (self.x1 - self.x0) * u)
        merged: dict[float, list[float]] = {}
        for value, x in zip(points, xs, strict=True):
            merged.setdefault(value, []).append(x)
        self.anchors = sorted((value, sum(v) / len(v)) for value, v in merged.items())
        return xs[1:-1]

    def value_to_x(self, value: float) -> float:
        values = [a[0] for a in self.anchors]
        i = bisect.bisect_left(values, value)
        if i < len(values) and values[i] == value:
            return self.anchors[i][1]
        if i == 0:
            return self.anchors[0][1]
        if i >= len(values):
            return self.anchors[-1][1]
        (v0, x0), (v1, x1) = self.anchors[i - 1], self.anchors[i]
        return x0 + (x1 - x0) * (value - v0) / (v1 - v0)


def layout_timeline(timeline: Timeline, domains: Sequence[LifeDomain] = (),
                    birth_year: int | None = None, *, spread: float = 0.7,
                    show_empty_future: bool = False,
                    min_label_gap: float = 0.045) -> TimelineLayout:
    """Lay out a timeline in abstract units.

    Args:
        timeline: the events; not changed.
        domains: the known life domains (legend order); unknown ids are drawn grey.
        birth_year: overrides ``timeline.birth_year`` when given.
        spread: 0 spaces events by true time, 1 evenly; see the module docstring.
        show_empty_future: keep a "toekomst" zone even without future items (the editor
            does this to invite a dream or next step).
        min_label_gap: the least distance (x units) between two labelled axis ticks.
    """
    if not 0.0 <= spread <= 1.0:
        raise ValueError("spread must lie between 0 and 1")
    year = birth_year if birth_year is not None else timeline.birth_year
    ordered = timeline.ordered(year)
    past = [e for e in ordered if not e.is_future]
    future = [e for e in ordered if e.is_future]

    # -- zones ----------------------------------------------------------------------
    future_zone: tuple[float, float] | None = None
    past_end = 1.0
    if future or show_empty_future:
        if past:
            share = max(0.14, min(0.34, 0.08 + 0.055 * len(future)))
            future_zone = (1.0 - share, 1.0)
            past_end = future_zone[0] - FUTURE_GAP
        else:
            future_zone = (0.0, 1.0)

    # -- sections -------------------------------------------------------------------
    ages: list[LifeEvent] = []
    dated: list[LifeEvent] = []
    for event in past:
        assert event.when is not None
        (ages if event.when.sort_key(year)[0] == 0 else dated).append(event)
    sections: list[_Section] = []
    if ages:
        sections.append(_Section("age", ages, [e.when.sort_key(year)[1] for e in ages
                                               if e.when is not None]))
    if dated:
        sections.append(_Section("year", dated, [e.when.sort_key(year)[1] for e in dated
                                                 if e.when is not None]))
    breaks: list[float] = []
    if len(sections) == 2:
        share = (len(ages) + 1) / (len(ages) + len(dated) + 2)
        share = max(0.15, min(0.6, share))
        split = past_end * share
        sections[0].x0, sections[0].x1 = 0.0, split - SECTION_GAP / 2
        sections[1].x0, sections[1].x1 = split + SECTION_GAP / 2, past_end
        breaks.append(split)
    elif sections:
        sections[0].x0, sections[0].x1 = 0.0, past_end

    # -- place ----------------------------------------------------------------------
    positions: dict[str, tuple[float, float | None]] = {}
    for section in sections:
        for event, x, value in zip(section.events, section.build(spread), section.times,
                                   strict=True):
            positions[event.id] = (x, value)
    if future_zone is not None and future:
        z0, z1 = future_zone
        for j, event in enumerate(future):
            positions[event.id] = (z0 + (z1 - z0) * (j + 1) / (len(future) + 1), None)

    placed: list[PlacedEvent] = []
    sequence = past + future
    for i, event in enumerate(sequence):
        x, value = positions[event.id]
        neighbours = [sequence[j].experience for j in (i - 1, i + 1)
                      if 0 <= j < len(sequence)]
        prefer_above = not neighbours or event.experience >= sum(neighbours) / len(neighbours)
        placed.append(PlacedEvent(
            event_id=event.id, x=x, y=float(event.experience), time=value,
            description=event.description, time_label=event.time_label(),
            coarse_time_label=event.coarse_time_label(),
            domain=domain_for(event.domain, domains), kind=event.kind, source=event.source,
            prefer_above=prefer_above))
    by_id = {p.event_id: p for p in placed}

    line = tuple((p.x, p.y) for p in placed if not p.is_future)
    future_line: tuple[Point, ...] = ()
    future_points = [(p.x, p.y) for p in placed if p.is_future]
    if future_points:
        future_line = tuple(([line[-1]] if line else []) + future_points)

    # -- links ----------------------------------------------------------------------
    order = {p.event_id: i for i, p in enumerate(placed)}
    links = []
    for first_id, second_id in timeline.link_pairs():
        a, b = sorted((by_id[first_id], by_id[second_id]), key=lambda p: order[p.event_id])
        links.append(_link_curve(a, b, placed[order[a.event_id] + 1:order[b.event_id]]))

    # -- ticks ----------------------------------------------------------------------
    ticks: list[AxisTick] = []
    for section in sections:
        ticks.extend(_ticks(section, min_label_gap))

    used_ids = [p.domain.id for p in placed]
    legend = [d for d in domains if d.id in used_ids]
    known = {d.id for d in domains}
    for p in placed:
        if p.domain.id not in known and p.domain not in legend:
            legend.append(p.domain)

    return TimelineLayout(
        events=tuple(placed), line=line, future_line=future_line, links=tuple(links),
        ticks=tuple(ticks),
        sections=tuple(AxisSection(s.kind, s.x0, s.x1, s.start, s.end) for s in sections),
        breaks=tuple(breaks), future_zone=future_zone, domains=tuple(legend))


def _link_curve(a: PlacedEvent, b: PlacedEvent,
                between: Sequence[PlacedEvent]) -> LinkCurve:
    """A curve that bulges to the side with fewer events in between, within −3.7 … +3.7."""
    mid_x, mid_y = (a.x + b.x) / 2, (a.y + b.y) / 2
    above = sum(1 for p in between if p.y > mid_y)
    below = sum(1 for p in between if p.y < mid_y)
    direction = 1.0 if above <= below else -1.0
    bulge = min(1.5, 0.7 + 0.12 * len(between))
    limit = MAX_EXPERIENCE + 0.7

    def room(sign: float) -> float:
        return limit - sign * mid_y

    if room(direction) < 0.8 and room(-direction) > room(direction):
        direction = -direction
    bulge = min(bulge, room(direction))

    def control_for(size: float) -> Point:
        # a quadratic curve reaches about half-way to its control point
        return (mid_x, mid_y + direction * 2 * size)

    def extreme(size: float) -> float:
        c = control_for(size)[1]
        ys = [a.y, b.y]
        denominator = a.y - 2 * c + b.y
        if denominator:
            t = (a.y - c) / denominator
            if 0 < t < 1:
                ys.append((1 - t) ** 2 * a.y + 2 * t * (1 - t) * c + t * t * b.y)
        return max(abs(y) for y in ys)

    while bulge > 0.05 and extreme(bulge) > limit:
        bulge *= 0.9
    return LinkCurve(a.event_id, b.event_id, (a.x, a.y), control_for(bulge), (b.x, b.y))


def _ticks(section: _Section, min_gap: float) -> list[AxisTick]:
    values = list(range(section.start, section.end + 1))
    xs = {v: section.value_to_x(v) for v in values}
    labelled: list[int] = []
    for step in (10, 5, 2, 1):
        for value in values:
            if value % step or value in labelled:
                continue
            if all(abs(xs[value] - xs[other]) >= min_gap for other in labelled):
                labelled.append(value)
    if not labelled and values:
        labelled.append(values[0])
    dense = len(values) > 1 and min(xs[values[i + 1]] - xs[values[i]]
                                    for i in range(len(values) - 1)) < 0.004
    ticks = []
    for value in values:
        if value in labelled:
            ticks.append(AxisTick(xs[value], value, str(value), section.kind))
        elif not dense:
            ticks.append(AxisTick(xs[value], value, "", section.kind))
    return ticks


# ---------------------------------------------------------------------------
# Pixel helpers shared by the editor and the image export
# ---------------------------------------------------------------------------


def marker_points(shape: str, cx: float, cy: float, r: float) -> list[Point]:
    """The outline of a marker shape around (cx, cy) in pixels (y downwards).

    ``r`` is the radius of a circle marker; the other shapes are sized to look about as
    heavy. A circle comes back as a 36-gon; renderers may draw a true circle instead.
    """
    def regular(n: int, radius: float, rotation: float = -math.pi / 2) -> list[Point]:
        return [(cx + radius * math.cos(rotation + 2 * math.pi * i / n),
                 cy + radius * math.sin(rotation + 2 * math.pi * i / n)) for i in range(n)]

    if shape == "square":
        s = r * 0.9
        return [(cx - s, cy - s), (cx + s, cy - s), (cx + s, cy + s), (cx - s, cy + s)]
    if shape == "diamond":
        return regular(4, r * 1.25)
    if shape == "triangle_up":
        return regular(3, r * 1.3, -math.pi / 2)
    if shape == "triangle_down":
        return regular(3, r * 1.3, math.pi / 2)
    if shape == "pentagon":
        return regular(5, r * 1.1)
    if shape == "hexagon":
        return regular(6, r * 1.05, 0.0)
    if shape == "star":
        outer, inner = regular(5, r * 1.35), regular(5, r * 0.58, -math.pi / 2 + math.pi / 5)
        return [pt for pair in zip(outer, inner, strict=True) for pt in pair]
    if shape in ("plus", "cross"):
        a, b = r * 1.15, r * 0.42
        arm = [(-b, -a), (b, -a), (b, -b), (a, -b), (a, b), (b, b), (b, a), (-b, a),
               (-b, b), (-a, b), (-a, -b), (-b, -b)]
        angle = math.pi / 4 if shape == "cross" else 0.0
        cos, sin = math.cos(angle), math.sin(angle)
        return [(cx + x * cos - y * sin, cy + x * sin + y * cos) for x, y in arm]
    return regular(36, r)


def wrap_text(text: str, max_width: float, measure: Callable[[str], float],
              max_lines: int = 3) -> list[str]:
    """Greedy word wrap by measured width; the last line ends in "…" when text is cut."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        while measure(word) > max_width and len(word) > 1:
            # a word longer than a line: break it
            cut = len(word)
            while cut > 1 and measure(word[:cut] + "-") > max_width:
                cut -= 1
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:cut] + "-")
            word = word[cut:]
        candidate = f"{current} {word}" if current else word
        if measure(candidate) <= max_width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and measure(last + "…") > max_width:
            last = last[:-1].rstrip()
        lines[-1] = last.rstrip(" ,.;:-") + "…"
    return lines


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in pixels."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def overlap(self, other: Box) -> float:
        w = min(self.right, other.right) - max(self.left, other.left)
        h = min(self.bottom, other.bottom) - max(self.top, other.top)
        return w * h if w > 0 and h > 0 else 0.0

    def outside(self, bounds: Box) -> float:
        """The area of this box that lies outside ``bounds``."""
        return self.width * self.height - self.overlap(bounds)

    def distance_to(self, point: Point) -> float:
        dx = max(self.left - point[0], 0.0, point[0] - self.right)
        dy = max(self.top - point[1], 0.0, point[1] - self.bottom)
        return math.hypot(dx, dy)

    def nearest_point(self, point: Point) -> Point:
        return (min(max(point[0], self.left), self.right),
                min(max(point[1], self.top), self.bottom))

    def crosses(self, p0: Point, p1: Point) -> bool:
        """Whether the segment p0–p1 passes through this box (Liang–Barsky)."""
        if max(p0[0], p1[0]) < self.left or min(p0[0], p1[0]) > self.right \
                or max(p0[1], p1[1]) < self.top or min(p0[1], p1[1]) > self.bottom:
            return False
        t0, t1 = 0.0, 1.0
        dx, dy = p1[0] - p0[0], p1[1] - p0[1]
        for p, q in ((-dx, p0[0] - self.left), (dx, self.right - p0[0]),
                     (-dy, p0[1] - self.top), (dy, self.bottom - p0[1])):
            if p == 0:
                if q < 0:
                    return False
                continue
            t = q / p
            if p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 > t1:
                return False
        return True

    def inflate(self, margin: float) -> Box:
        return Box(self.left - margin, self.top - margin, self.right + margin,
                   self.bottom + margin)


@dataclass(frozen=True)
class LabelPlacement:
    """Where a label box went, and whether it needs a leader line to its dot."""

    box: Box
    leader: bool


def place_labels(anchors: Sequence[Point], sizes: Sequence[tuple[float, float]], *,
                 bounds: Box, radius: float, obstacles: Iterable[Box] = (),
                 segments: Iterable[tuple[Point, Point]] = (),
                 soft_paths: Iterable[Sequence[Point]] = (),
                 prefer_above: Sequence[bool] | None = None,
                 passes: int = 3) -> list[LabelPlacement]:
    """Place one label box per anchor (a dot) so that labels overlap little.

    Each label tries positions around its dot (above, below, beside, diagonally, and
    further away with a leader line) and takes the cheapest: overlapping another label
    or a dot costs most, leaving ``bounds`` is all but forbidden, a label nearer to
    another dot than to its own costs much (it would be read as that dot's label),
    crossing a piece of ``segments`` (the life line) costs some, crossing one of
    ``soft_paths`` (link curves, as polylines) a little, and distance a little. A few
    passes let early labels make room for later ones.

    Args:
        anchors: dot centres in pixels.
        sizes: (width, height) of each label in pixels.
        bounds: where labels may go.
        radius: dot radius; labels keep this plus a small gap away from their dot.
        obstacles: boxes labels should not cover (the dots).
        segments: line pieces labels should not cross; each crossing counts.
        soft_paths: polylines labels had better not cross; each path counts once.
        prefer_above: per label, whether above the dot is the natural side.
    """
    obstacles = list(obstacles)
    segments = list(segments)
    soft = []
    for path in soft_paths:
        if len(path) > 1:
            xs, ys = [p[0] for p in path], [p[1] for p in path]
            soft.append((Box(min(xs), min(ys), max(xs), max(ys)),
                         list(zip(path, path[1:], strict=False))))
    n = len(anchors)
    gap = radius * 0.6
    boxes: list[Box | None] = [None] * n

    def candidates(i: int) -> list[tuple[Box, float]]:
        (ax, ay), (w, h) = anchors[i], sizes[i]
        near = radius + gap
        step = max(h * 0.55, radius * 2)
        above_first = prefer_above[i] if prefer_above is not None else True
        result: list[tuple[Box, float]] = []
        for level in range(4):
            off = near + level * step
            side_cost = 0.0 if level == 0 else 4.0 + 3.0 * level
            for dx in (0.0, -0.35, 0.35, -0.5, 0.5):
                shift = dx * w
                extra = abs(dx) * 6
                up = Box(ax - w / 2 + shift, ay - off - h, ax + w / 2 + shift, ay - off)
                down = Box(ax - w / 2 + shift, ay + off, ax + w / 2 + shift, ay + off + h)
                result.append((up, side_cost + extra + (0 if above_first else 6)))
                result.append((down, side_cost + extra + (6 if above_first else 0)))
        for dy in (-0.5, 0.0, -1.0):
            top = ay + dy * h
            result.append((Box(ax + near, top, ax + near + w, top + h), 5.0))
            result.append((Box(ax - near - w, top, ax - near, top + h), 5.0))
        return result

    # The cost of a candidate box, as the sum of the terms described above. Computed
    # term by term in the same order as a plain loop over every label, dot, segment
    # and path would (so the same floats and the same choice), but a term that is
    # zero (no overlap, a segment whose extent misses the box, a dot that cannot be
    # nearer) is skipped without the full test: 46 candidates x labels x passes.
    radius_f = float(radius)
    obstacle_edges = [(o.left, o.top, o.right, o.bottom) for o in obstacles]

    def with_extent(pieces: Iterable[tuple[Point, Point]]
                    ) -> list[tuple[float, float, float, float, Point, Point]]:
        return [(min(p0[0], p1[0]), max(p0[0], p1[0]), min(p0[1], p1[1]),
                 max(p0[1], p1[1]), p0, p1) for p0, p1 in pieces]

    segment_list = with_extent(segments)
    soft_list = [(extent.inflate(1.0), with_extent(pieces)) for extent, pieces in soft]
    anchor_list = list(anchors)

    def cost(i: int, box: Box, base: float, others: list[tuple[float, float, float, float]],
             obstacle_edges: list[tuple[float, float, float, float]],
             segment_list: list[tuple[float, float, float, float, Point, Point]],
             soft_list: list[tuple[Box, list[tuple[float, float, float, float, Point, Point]]]]
             ) -> float:
        left, top, right, bottom = box.left, box.top, box.right, box.bottom
        area = max(box.width * box.height, 1.0)
        total = base
        total += 1e5 * box.outside(bounds) / area
        for o_left, o_top, o_right, o_bottom in others:
            w = min(right, o_right) - max(left, o_left)
            if w > 0:
                h = min(bottom, o_bottom) - max(top, o_top)
                if h > 0:
                    total += 400.0 * (w * h) / area
        for o_left, o_top, o_right, o_bottom in obstacle_edges:
            w = min(right, o_right) - max(left, o_left)
            if w > 0:
                h = min(bottom, o_bottom) - max(top, o_top)
                if h > 0:
                    total += 300.0 * (w * h) / area
        total += sum(12.0 for x0, x1, y0, y1, p0, p1 in segment_list
                     if not (x1 < left or x0 > right or y1 < top or y0 > bottom)
                     and box.crosses(p0, p1))
        total += sum(5.0 for extent, pieces in soft_list
                     if box.overlap(extent) > 0
                     and any(not (x1 < left or x0 > right or y1 < top or y0 > bottom)
                             and box.crosses(p0, p1) for x0, x1, y0, y1, p0, p1 in pieces))
        ax, ay = anchor_list[i]
        own = math.hypot(max(left - ax, 0.0, ax - right), max(top - ay, 0.0, ay - bottom))
        total += 0.1 * own
        # a label nearer to another dot than to its own would be read as that dot's
        # label; hypot(dx, dy) >= max(dx, dy), so a dot whose larger offset already
        # reaches ``own`` cannot be nearer
        nearer = 0.0
        for j, (ox, oy) in enumerate(anchor_list):
            dx = left - ox if left - ox > ox - right else ox - right
            dy = top - oy if top - oy > oy - bottom else oy - bottom
            # (negative offsets stand for 0: inside the box's extent on that axis)
            if (dx if dx > dy else dy) + radius_f < own and j != i \
                    and math.hypot(max(dx, 0.0), max(dy, 0.0)) + radius_f < own:
                nearer += 60.0
        total += nearer
        return total

    def near(edges: tuple[float, float, float, float],
             envelope: tuple[float, float, float, float]) -> bool:
        """Whether a box (left, top, right, bottom) can touch the envelope of the
        candidates; one that cannot adds nothing to any of their costs."""
        return not (edges[2] < envelope[0] or edges[0] > envelope[2]
                    or edges[3] < envelope[1] or edges[1] > envelope[3])

    order = sorted(range(n), key=lambda i: anchors[i][0])
    for _ in range(max(1, passes)):
        for i in order:
            boxes[i] = None
            choices = candidates(i)
            envelope = (min(c[0].left for c in choices), min(c[0].top for c in choices),
                        max(c[0].right for c in choices), max(c[0].bottom for c in choices))
            others = []
            for other in boxes:
                if other is not None:
                    grown = other.inflate(radius * 0.3)
                    edges = (grown.left, grown.top, grown.right, grown.bottom)
                    if near(edges, envelope):
                        others.append(edges)
            dots = [edges for edges in obstacle_edges if near(edges, envelope)]
            lines = [s for s in segment_list if near((s[0], s[2], s[1], s[3]), envelope)]
            paths = [(extent, [s for s in pieces if near((s[0], s[2], s[1], s[3]), envelope)])
                     for extent, pieces in soft_list
                     if near((extent.left, extent.top, extent.right, extent.bottom), envelope)]
            boxes[i] = min(choices, key=lambda c: cost(i, c[0], c[1], others, dots, lines,
                                                       paths))[0]
    placements = []
    for i in range(n):
        box = boxes[i]
        assert box is not None
        leader = box.distance_to(anchors[i]) > radius + gap * 2.5
        placements.append(LabelPlacement(box, leader))
    return placements
