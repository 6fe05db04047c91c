"""The shared layout of the timeline: positions, axis, links, future zone, pixel helpers."""

from __future__ import annotations

import math

import pytest

from casusdesk.domain.timeline import EventKind, LifeDomain, LifeEvent, Source, Timeline, When
from casusdesk.domain.timeline_demo import demo_timeline
from casusdesk.domain.timeline_layout import (
    Box,
    layout_timeline,
    marker_points,
    place_labels,
    wrap_text,
)

DOMAINS = (LifeDomain("werk", "Werk", "#0072B2", "circle"),
           LifeDomain("wonen", "Wonen", "#009E73", "pentagon"))


def _timeline(*items: tuple[str, str, int], birth_year: int | None = None) -> Timeline:
    timeline = Timeline(birth_year=birth_year)
    for description, when, experience in items:
        timeline.add(LifeEvent(description, When.parse(when), "werk", experience))
    return timeline


def test_events_go_left_to_right_in_time_order_with_experience_as_height() -> None:
    timeline = _timeline(("b", "2018", -3), ("a", "3-2010", 2), ("c", "rond 2020", 0))
    layout = layout_timeline(timeline, DOMAINS)
    assert [p.description for p in layout.events] == ["a", "b", "c"]
    xs = [p.x for p in layout.events]
    assert xs == sorted(xs) and 0.0 < xs[0] and xs[-1] < 1.0
    assert [p.y for p in layout.events] == [2.0, -3.0, 0.0]
    assert layout.line == tuple((p.x, p.y) for p in layout.events)
    assert layout.future_zone is None and layout.future_line == ()


def test_spread_zero_is_true_time_and_one_is_even() -> None:
    timeline = _timeline(("a", "2010", 0), ("b", "2011", 0), ("c", "2019", 0))
    by_time = [p.x for p in layout_timeline(timeline, spread=0.0).events]
    even = [p.x for p in layout_timeline(timeline, spread=1.0).events]
    # true time: 2010.5, 2011.5, 2019.5 on an axis from 2010 to 2020
    assert by_time == pytest.approx([0.05, 0.15, 0.95])
    assert even == pytest.approx([0.25, 0.5, 0.75])
    with pytest.raises(ValueError):
        layout_timeline(timeline, spread=2)


def test_ticks_follow_the_same_mapping_as_the_events() -> None:
    timeline = demo_timeline()
    layout = layout_timeline(timeline)
    ticks = {t.value: t.x for t in layout.ticks}
    for placed in layout.past_events:
        assert placed.time is not None
        year = math.floor(placed.time)
        assert ticks[year] <= placed.x <= ticks[year + 1], placed.description
    labelled = sorted(t.x for t in layout.ticks if t.major)
    assert all(b - a >= 0.045 - 1e-9 for a, b in zip(labelled, labelled[1:]))
    assert all(t.kind == "year" for t in layout.ticks)


def test_age_axis_without_birth_year() -> None:
    timeline = _timeline(("kind", "6 jaar", -1), ("puber", "14 jaar", 2))
    layout = layout_timeline(timeline)
    assert [s.kind for s in layout.sections] == ["age"]
    assert layout.sections[0].title == "leeftijd van de cliënt (jaren)"
    assert {t.value for t in layout.ticks} == set(range(6, 16))
    assert [p.coarse_time_label for p in layout.events] == ["6 jaar", "14 jaar"]


def test_ages_and_years_without_birth_year_get_two_sections_with_a_break() -> None:
    timeline = _timeline(("2012", "2012", 1), ("kind", "8 jaar", -2), ("2015", "2015", 0))
    layout = layout_timeline(timeline)
    assert [p.description for p in layout.events] == ["kind", "2012", "2015"]
    age, year = layout.sections
    assert (age.kind, year.kind) == ("age", "year")
    assert age.x1 < layout.breaks[0] < year.x0
    assert layout.events[0].x < age.x1 < year.x0 < layout.events[1].x


def test_with_birth_year_ages_join_the_year_axis() -> None:
    timeline = _timeline(("2012", "2012", 1), ("kind", "8 jaar", -2), birth_year=2000)
    layout = layout_timeline(timeline)
    assert [s.kind for s in layout.sections] == ["year"]
    assert [p.description for p in layout.events] == ["kind", "2012"]
    assert layout.events[0].time == pytest.approx(2008.5)
    # the label stays an age
    assert layout.events[0].coarse_time_label == "8 jaar"


def test_future_items_are_in_their_own_zone_after_the_last_event() -> None:
    timeline = demo_timeline()
    layout = layout_timeline(timeline)
    assert layout.future_zone is not None
    z0, z1 = layout.future_zone
    assert max(p.x for p in layout.past_events) < z0 < z1 == 1.0
    assert all(z0 < p.x < z1 for p in layout.future_events)
    assert [p.kind for p in layout.future_events] == [EventKind.NEXT_STEP,
                                                      EventKind.NEXT_STEP, EventKind.DREAM]
    assert layout.future_line[0] == layout.line[-1]
    assert layout.future_line[1:] == tuple((p.x, p.y) for p in layout.future_events)
    assert all(t.x < z0 for t in layout.ticks)


def test_empty_future_zone_only_when_asked() -> None:
    timeline = _timeline(("a", "2015", 0))
    assert layout_timeline(timeline).future_zone is None
    assert layout_timeline(timeline, show_empty_future=True).future_zone is not None


def test_only_future_items_and_empty_timeline() -> None:
    timeline = Timeline()
    assert layout_timeline(timeline).events == ()
    timeline.add(LifeEvent("huis", kind=EventKind.DREAM, experience=3))
    layout = layout_timeline(timeline)
    assert layout.future_zone == (0.0, 1.0)
    assert layout.events[0].x == pytest.approx(0.5)
    assert layout.sections == () and layout.ticks == ()


def test_links_are_curves_between_the_right_events_within_the_plot() -> None:
    timeline = demo_timeline()
    layout = layout_timeline(timeline)
    assert len(layout.links) == len(timeline.link_pairs())
    for link in layout.links:
        first, second = layout.by_id(link.first_id), layout.by_id(link.second_id)
        assert link.start == (first.x, first.y) and link.end == (second.x, second.y)
        assert first.x < second.x
        peak = max(abs(y) for _, y in link.points())
        assert peak <= 3.7 + 1e-9
        assert link.control[1] != (first.y + second.y) / 2  # it bends


def test_legend_lists_used_domains_in_file_order_plus_unknown_ones() -> None:
    timeline = Timeline()
    timeline.add(LifeEvent("a", When.in_year(2015), "wonen"))
    timeline.add(LifeEvent("b", When.in_year(2016), "sport"))
    timeline.add(LifeEvent("c", When.in_year(2017), "werk", source=Source.PROFESSIONAL))
    layout = layout_timeline(timeline, DOMAINS)
    assert [d.id for d in layout.domains] == ["werk", "wonen", "sport"]
    assert layout.by_id("g2").domain.colour == "#7F7F7F"


def test_labels_carry_full_and_coarse_time() -> None:
    timeline = _timeline(("a", "12-03-2015", 0))
    placed = layout_timeline(timeline).events[0]
    assert placed.time_label == "12-03-2015"
    assert placed.coarse_time_label == "2015"


def test_pixel_map_round_trips_and_snaps_experience() -> None:
    layout = layout_timeline(_timeline(("a", "2015", 0)))
    pm = layout.pixels(100, 50, 1000, 700, padding=0.5)
    assert pm.point(0, 3.5) == (100, 50)
    assert pm.point(1, -3.5) == (1100, 750)
    assert pm.y(3) < pm.y(0) < pm.y(-3)  # +3 at the top
    assert pm.u_at(pm.x(0.3)) == pytest.approx(0.3)
    assert pm.v_at(pm.y(-1.25)) == pytest.approx(-1.25)
    assert pm.experience_at(pm.y(1.4)) == 1
    assert pm.experience_at(0) == 3 and pm.experience_at(10_000) == -3


@pytest.mark.parametrize("shape", ["circle", "square", "diamond", "triangle_up",
                                   "triangle_down", "pentagon", "hexagon", "star", "plus",
                                   "cross", "unknown"])
def test_marker_shapes_are_closed_polygons_around_the_centre(shape: str) -> None:
    points = marker_points(shape, 50, 50, 10)
    assert len(points) >= 3
    cx = sum(x for x, _ in points) / len(points)
    cy = sum(y for _, y in points) / len(points)
    assert (cx, cy) == pytest.approx((50, 50), abs=1.5)
    assert all(math.hypot(x - 50, y - 50) <= 10 * 1.7 for x, y in points)


def test_triangle_down_points_down() -> None:
    points = marker_points("triangle_down", 0, 0, 10)
    assert max(points, key=lambda p: p[1])[0] == pytest.approx(0)  # the tip is at the bottom


def test_wrap_text_by_width_with_ellipsis() -> None:
    def measure(text: str) -> float:
        return float(len(text))

    assert wrap_text("een twee drie vier", 9, measure) == ["een twee", "drie vier"]
    lines = wrap_text("een twee drie vier vijf zes zeven acht", 9, measure, max_lines=2)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(measure(line) <= 9 for line in lines)
    assert wrap_text("schuldhulpverleningstraject", 10, measure)[0].endswith("-")
    assert wrap_text("", 10, measure) == []


def test_place_labels_avoids_overlap_and_stays_in_bounds() -> None:
    anchors = [(100.0 + 30 * i, 200.0) for i in range(6)]
    sizes = [(80.0, 30.0)] * 6
    bounds = Box(0, 0, 400, 400)
    placements = place_labels(anchors, sizes, bounds=bounds, radius=8)
    boxes = [p.box for p in placements]
    for i, a in enumerate(boxes):
        assert a.outside(bounds) == pytest.approx(0)
        assert (a.width, a.height) == pytest.approx(sizes[i])
        for b in boxes[i + 1:]:
            assert a.overlap(b) == pytest.approx(0)


def test_place_labels_prefers_the_natural_side_when_free() -> None:
    placements = place_labels([(200.0, 200.0), (600.0, 200.0)], [(80.0, 30.0)] * 2,
                              bounds=Box(0, 0, 800, 400), radius=8,
                              prefer_above=[True, False])
    above, below = placements
    assert above.box.bottom < 200 and not above.leader
    assert below.box.top > 200 and not below.leader


def test_box_geometry() -> None:
    box = Box(0, 0, 10, 10)
    assert box.overlap(Box(5, 5, 15, 15)) == 25
    assert box.crosses((-5, 5), (15, 5)) and not box.crosses((-5, -5), (-1, 20))
    assert box.distance_to((13, 14)) == 5
    assert box.nearest_point((20, 5)) == (10, 5)


def _reference_placements(anchors, sizes, *, bounds, radius, obstacles, segments,
                          soft_paths, prefer_above, passes=3):
    """place_labels written plainly (every term computed for every label, dot, segment
    and path), as it was before its cost function skipped zero terms."""
    soft = []
    for path in soft_paths:
        if len(path) > 1:
            xs, ys = [p[0] for p in path], [p[1] for p in path]
            soft.append((Box(min(xs), min(ys), max(xs), max(ys)), list(zip(path, path[1:]))))
    n = len(anchors)
    gap = radius * 0.6
    boxes = [None] * n

    def candidates(i):
        (ax, ay), (w, h) = anchors[i], sizes[i]
        near, step = radius + gap, max(h * 0.55, radius * 2)
        result = []
        for level in range(4):
            off = near + level * step
            side_cost = 0.0 if level == 0 else 4.0 + 3.0 * level
            for dx in (0.0, -0.35, 0.35, -0.5, 0.5):
                shift, extra = dx * w, abs(dx) * 6
                up = Box(ax - w / 2 + shift, ay - off - h, ax + w / 2 + shift, ay - off)
                down = Box(ax - w / 2 + shift, ay + off, ax + w / 2 + shift, ay + off + h)
                result.append((up, side_cost + extra + (0 if prefer_above[i] else 6)))
                result.append((down, side_cost + extra + (6 if prefer_above[i] else 0)))
        for dy in (-0.5, 0.0, -1.0):
            top = ay + dy * h
            result.append((Box(ax + near, top, ax + near + w, top + h), 5.0))
            result.append((Box(ax - near - w, top, ax - near, top + h), 5.0))
        return result

    def cost(i, box, base):
        area = max(box.width * box.height, 1.0)
        total = base + 1e5 * box.outside(bounds) / area
        for j, other in enumerate(boxes):
            if j != i and other is not None:
                total += 400.0 * box.overlap(other.inflate(radius * 0.3)) / area
        for obstacle in obstacles:
            total += 300.0 * box.overlap(obstacle) / area
        total += sum(12.0 for p0, p1 in segments if box.crosses(p0, p1))
        total += sum(5.0 for extent, pieces in soft if box.overlap(extent.inflate(1.0)) > 0
                     and any(box.crosses(p0, p1) for p0, p1 in pieces))
        own = box.distance_to(anchors[i])
        total += 0.1 * own
        total += sum(60.0 for j, other in enumerate(anchors)
                     if j != i and box.distance_to(other) + radius < own)
        return total

    order = sorted(range(n), key=lambda i: anchors[i][0])
    for _ in range(passes):
        for i in order:
            boxes[i] = None
            boxes[i] = min(candidates(i), key=lambda c: cost(i, c[0], c[1]))[0]
    return [(b, b.distance_to(anchors[i]) > radius + gap * 2.5) for i, b in enumerate(boxes)]


@pytest.mark.parametrize("seed", range(40))
def test_place_labels_chooses_what_the_plain_cost_function_chooses(seed: int) -> None:
    import random

    rng = random.Random(seed)
    n = rng.randint(1, 14)
    radius = rng.choice([8, 15.0, 30.5])
    anchors = [(rng.uniform(0, 1200), rng.uniform(0, 600)) for _ in range(n)]
    sizes = [(rng.uniform(20, 300), rng.uniform(10, 90)) for _ in range(n)]
    dots = [Box(x - radius * 1.4, y - radius * 1.4, x + radius * 1.4, y + radius * 1.4)
            for x, y in anchors]
    line = [(x * 10.0, 300 + rng.uniform(-250, 250)) for x in range(rng.randint(0, 120))]
    segments = list(zip(line, line[1:]))
    paths = [[(rng.uniform(0, 1200), rng.uniform(0, 600)) for _ in range(rng.randint(0, 40))]
             for _ in range(rng.randint(0, 4))]
    above = [rng.random() < 0.5 for _ in range(n)]
    kw = dict(bounds=Box(0, 0, 1200, 600), radius=radius, obstacles=dots,
              segments=segments, soft_paths=paths, prefer_above=above)
    got = [(p.box, p.leader) for p in place_labels(anchors, sizes, **kw)]
    assert got == _reference_placements(anchors, sizes, **kw)
