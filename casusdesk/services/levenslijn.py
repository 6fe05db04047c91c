"""The life-event timeline of a session: load, save and export."""

from __future__ import annotations

from pathlib import Path

from casusdesk.domain.errors import CasusdeskError
from casusdesk.domain.timeline import Timeline
from casusdesk.services.timeline_image import export_png, export_svg
from casusdesk.storage.repositories import Store


def load(store: Store, session_id: int) -> Timeline | None:
    data = store.get_document(session_id, "timeline")
    return Timeline.from_dict(data) if data else None


def save(store: Store, session_id: int, timeline: Timeline) -> None:
    store.set_document(session_id, "timeline", timeline.to_dict())


def export_image(store: Store, session_id: int, out: Path) -> Path:
    """PNG or SVG by the file's extension. The title names the case, never the client."""
    timeline = load(store, session_id)
    if timeline is None or not timeline.events:
        raise CasusdeskError("Deze bijeenkomst heeft (nog) geen levenslijn.")
    session = store.get_session(session_id)
    pseudonym = session.case.client_pseudonym or "de cliënt"
    title = f"Levenslijn van {pseudonym}"
    if out.suffix.lower() == ".svg":
        return export_svg(timeline, out, title=title, birth_year=timeline.birth_year)
    if out.suffix.lower() != ".png":
        raise CasusdeskError("Kies een bestandsnaam die eindigt op .png of .svg.")
    return export_png(timeline, out, title=title, birth_year=timeline.birth_year)
