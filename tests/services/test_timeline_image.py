"""Export of the life-event timeline as PNG and SVG."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from casusdesk.domain.errors import CasusdeskError, DataFileError
from casusdesk.domain.timeline import EventKind, LifeEvent, Timeline, When
from casusdesk.domain.timeline_demo import demo_timeline
from casusdesk.services import timeline_image
from casusdesk.services.timeline_image import (
    export_png,
    export_svg,
    font_path,
    load_life_domains,
    render_png,
    render_svg,
)

SVG = "{http://www.w3.org/2000/svg}"
EXACT_DATE = re.compile(r"\b\d{1,2}-\d{1,2}-\d{4}\b")


@pytest.fixture
def timeline() -> Timeline:
    timeline = demo_timeline()
    # an exact date in a description must not reach the image either
    timeline.add(LifeEvent("Gesprek op 12-03-2015 met de schuldhulp", When.parse("12-03-2015"),
                           "financien", -1))
    return timeline


def _svg_texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [el.text or "" for el in root.iter() if el.tag in (f"{SVG}text", f"{SVG}title")]


def test_png_has_the_size_asked_and_is_not_blank(timeline: Timeline, tmp_path: Path) -> None:
    path = export_png(timeline, tmp_path / "levenslijn.png", title="Levenslijn")
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.size == (2400, 1350)
        rgb = image.convert("RGB")
    small = rgb.resize((480, 270))
    raw = small.tobytes()
    pixels = [tuple(raw[i:i + 3]) for i in range(0, len(raw), 3)]
    non_white = sum(1 for p in pixels if min(p) < 235)
    assert non_white > 0.05 * len(pixels)
    colours = rgb.getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 200
    # the domain colours are there: Okabe-Ito blue (werk) and vermillion (financiën)
    assert any(_near(p, (0x00, 0x72, 0xB2)) for p in pixels)
    assert any(_near(p, (0xD5, 0x5E, 0x00)) for p in pixels)


def _near(pixel: tuple[int, ...], colour: tuple[int, int, int], tolerance: int = 12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=False))


def test_png_other_size_and_bytes(timeline: Timeline) -> None:
    data = render_png(timeline, width=1200, height=675, supersample=1)
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (1200, 675)


def test_svg_is_xml_with_the_labels_and_no_exact_dates(timeline: Timeline,
                                                       tmp_path: Path) -> None:
    path = export_svg(timeline, tmp_path / "levenslijn.svg",
                      title="Levenslijn 12-03-2026 · casus")
    svg = path.read_text(encoding="utf-8")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == "2400" and root.get("height") == "1350"
    texts = _svg_texts(svg)
    joined = " ".join(texts)
    # every event is there in full (as the tooltip of its dot), and its time coarsened
    for event in timeline.events:
        assert any(event.description.replace("12-03-2015", "2015") in t for t in texts)
    assert "Ruzie met stiefvader;" in joined
    for label in ("2015", "rond 2015", "ca. 18 jaar", "droom", "volgende stap", "toekomst",
                  "hoogtepunt", "dieptepunt", "Werk", "Financiën en schulden",
                  "hangt samen met"):
        assert label in joined, label
    assert not EXACT_DATE.search(svg)
    assert "maart 2015" not in svg and "mei 2020" not in svg
    assert "Levenslijn 2026 · casus" in joined


def test_svg_escapes_markup_in_descriptions() -> None:
    timeline = Timeline()
    timeline.add(LifeEvent('Zegt "<nee>" & loopt weg', When.in_year(2020), "werk", -1))
    svg = render_svg(timeline, domains=load_life_domains())
    ET.fromstring(svg)
    assert 'Zegt "<nee>" & loopt weg' in " ".join(_svg_texts(svg))


def test_only_legend_entries_for_what_is_used() -> None:
    timeline = Timeline()
    timeline.add(LifeEvent("Eigen kamer", When.in_year(2020), "wonen", 2))
    joined = " ".join(_svg_texts(render_svg(timeline)))
    assert "Wonen" in joined and "Werk" not in joined
    assert "open: bevinding" not in joined and "hangt samen met" not in joined


def test_empty_and_future_only_timelines_still_export(tmp_path: Path) -> None:
    export_png(Timeline(), tmp_path / "leeg.png", width=800, height=450)
    assert "nog geen gebeurtenissen" in render_svg(Timeline())
    timeline = Timeline()
    timeline.add(LifeEvent("Een eigen huis", kind=EventKind.DREAM, experience=3))
    assert "Een eigen huis" in render_svg(timeline)


def test_ages_without_birth_year(tmp_path: Path) -> None:
    timeline = demo_timeline()
    timeline.birth_year = None
    joined = " ".join(_svg_texts(render_svg(timeline)))
    assert "leeftijd van de cliënt (jaren)" in joined and "jaar" in joined
    # with a birth year given, one year axis
    joined = " ".join(_svg_texts(render_svg(timeline, birth_year=2001)))
    assert "leeftijd van de cliënt" not in joined


def test_unwritable_target_gives_a_dutch_error_and_leaves_nothing(timeline: Timeline,
                                                                  tmp_path: Path) -> None:
    target = tmp_path / "bestaat-niet" / "levenslijn.png"
    with pytest.raises(CasusdeskError, match="bestaat niet"):
        export_png(timeline, target)
    assert not target.parent.exists()
    folder = tmp_path / "map"
    folder.mkdir()
    export_svg(timeline, folder / "a.svg")
    assert [p.name for p in folder.iterdir()] == ["a.svg"]


def test_too_small_image_is_refused(timeline: Timeline) -> None:
    with pytest.raises(CasusdeskError, match="te klein"):
        render_svg(timeline, width=100, height=100)


def test_life_domains_load_from_resources_and_bad_file(tmp_path: Path) -> None:
    assert len(load_life_domains()) == 10
    broken = tmp_path / "kapot.toml"
    broken.write_text("[[domain]\nid=", encoding="utf-8")
    with pytest.raises(DataFileError, match="onleesbaar"):
        load_life_domains(broken)
    with pytest.raises(DataFileError, match="ontbreekt"):
        load_life_domains(tmp_path / "weg.toml")


def test_font_prefers_resources_then_system(monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    system = font_path()
    if system is not None:
        (fonts / "DejaVuSans.ttf").write_bytes(system.read_bytes())

    def fake_resource(*parts: str) -> Path:
        return tmp_path.joinpath(*parts)

    monkeypatch.setattr(timeline_image, "resource", fake_resource)
    if system is not None:
        assert font_path() == fonts / "DejaVuSans.ttf"
    monkeypatch.setattr(timeline_image, "SYSTEM_FONT_DIRS", ())
    monkeypatch.delenv("WINDIR", raising=False)
    assert font_path(bold=True) is None


def test_export_works_without_any_dejavu_file(monkeypatch: pytest.MonkeyPatch,
                                              timeline: Timeline) -> None:
    monkeypatch.setattr(timeline_image, "font_path", lambda bold=False: None)
    timeline_image._font.cache_clear()
    try:
        data = render_png(timeline, width=800, height=450, supersample=1)
    finally:
        timeline_image._font.cache_clear()
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (800, 450)
