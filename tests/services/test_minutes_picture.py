"""The timeline's picture in the minutes: drawn beside the rest, the same in the file.

The minutes draw the timeline in a background thread while the document is composed
and rendered; the file holds the same picture as one drawn in line, and when drawing
fails the minutes say so where the picture would have been (and are still written).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from docx import Document

from casusdesk.domain.errors import CasusdeskError
from casusdesk.services import minutes, timeline_image
from casusdesk.services.catalog import functions
from casusdesk.services.demo import create_demo
from casusdesk.services.method_catalog import load_methods
from casusdesk.services.roster import Roster
from casusdesk.storage.db import open_engine
from casusdesk.storage.repositories import Store


@pytest.fixture
def demo(tmp_path: Path):  # noqa: ANN201
    store = Store(open_engine(tmp_path / "data"))
    methods = load_methods()
    session = create_demo(store, Roster(store, functions()), today=dt.date(2026, 3, 12),
                          methods=methods)
    return store, session.id, methods


def _media(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {n: package.read(n) for n in package.namelist() if n.startswith("word/media/")}


def test_the_picture_in_the_file_is_the_timeline_drawn_in_line(demo, tmp_path: Path) -> None:
    store, session_id, methods = demo
    path = minutes.export_minutes(store, session_id, methods, tmp_path / "verslag.docx")
    [png] = _media(path).values()
    doc = minutes.build_minutes(store, session_id, methods)
    [picture] = [b for b in doc.blocks if isinstance(b, minutes.Picture)]
    assert png == picture.data  # the thread's drawing is what went into the file
    timeline = minutes.anonymized_timeline(store, session_id)
    drawn = timeline_image.render_png(timeline, *minutes.MINUTES_PICTURE_SIZE,
                                      title="Levenslijn", birth_year=None,
                                      domains=minutes._life_domains())
    assert png == drawn


def test_when_drawing_fails_the_minutes_say_so_in_its_place(
        demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store, session_id, methods = demo

    def broken(*_args, **_kwargs) -> bytes:
        raise CasusdeskError("geen lettertype")

    monkeypatch.setattr(timeline_image, "render_png", broken)
    path = minutes.export_minutes(store, session_id, methods, tmp_path / "verslag.docx")
    assert _media(path) == {}
    text = "\n".join(p.text for p in Document(io.BytesIO(path.read_bytes())).paragraphs)
    assert "De afbeelding van de levenslijn kon niet worden gemaakt (geen lettertype)." in text
    assert text.index("Levenslijn") < text.index("kon niet worden gemaakt")
