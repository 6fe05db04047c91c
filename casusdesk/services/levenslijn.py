"""The life-event timeline of a session: load, save and export."""

from __future__ import annotations

from pathlib import Path

from casusdesk.domain.errors import CasusdeskError
from casusdesk.domain.timeline import Timeline
from casusdesk.storage.repositories import Store


def load(store: Store, session_id: int) -> Timeline | None:
    data = store.get_document(session_id, "timeline")
    return Timeline.from_dict(data) if data else None


def save(store: Store, session_id: int, timeline: Timeline) -> None:
    store.set_document(session_id, "timeline", timeline.to_dict())


def export_image(store: Store, session_id: int, out: Path) -> Path:
    """PNG or SVG by the file's extension, anonymized like the minutes.

    Descriptions go through the same known-name pass and de-identification as the
    minutes, and the birth year is left out (ages on a year axis would reveal it).
    The title names the client by pseudonym only.
    """
    from casusdesk.services.minutes import anonymized_timeline
    from casusdesk.services.timeline_image import export_png, export_svg  # Pillow

    suffix = out.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise CasusdeskError("Kies een bestandsnaam die eindigt op .png of .svg.")
    stored = load(store, session_id)
    if stored is None or not stored.events:
        raise CasusdeskError("Deze bijeenkomst heeft (nog) geen levenslijn.")
    timeline = anonymized_timeline(store, session_id)
    session = store.get_session(session_id)
    title = f"Levenslijn van {session.case.client_pseudonym or 'de cliënt'}"
    if suffix == ".svg":
        return export_svg(timeline, out, title=title, birth_year=None)
    return export_png(timeline, out, title=title, birth_year=None)
