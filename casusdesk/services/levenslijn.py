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
    """PNG or SVG by the file's extension, through the session's privacy boundary.

    Descriptions are anonymized like the minutes (same known names, decisions and
    placeholders), the birth year is left out (ages on a year axis would reveal it),
    the title names the client by pseudonym only, and every string drawn (and the
    SVG's text) is checked before anything is written.
    """
    from casusdesk.services.export_boundary import SessionBoundary
    from casusdesk.services.minutes import anonymized_timeline
    from casusdesk.services.timeline_image import drawn_texts, render_png, render_svg  # Pillow

    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise CasusdeskError("Kies een bestandsnaam die eindigt op .png of .svg.")
    stored = load(store, session_id)
    if stored is None or not stored.events:
        raise CasusdeskError("Deze bijeenkomst heeft (nog) geen levenslijn.")
    boundary = SessionBoundary(store, session_id, skip_damaged=True)  # a damaged note is no reason to refuse
    timeline = anonymized_timeline(store, session_id, boundary=boundary)
    session = store.get_session(session_id)
    title = f"Levenslijn van {session.case.client_pseudonym or 'de cliënt'}"
    drawn = drawn_texts(timeline, title=title, birth_year=None)
    if suffix == ".svg":
        data = render_svg(timeline, title=title, birth_year=None).encode("utf-8")
        return boundary.write(out, data, "svg", what="de levenslijn", drawn=drawn)
    data = render_png(timeline, title=title, birth_year=None)
    return boundary.write(out, data, "png", what="de levenslijn", drawn=drawn)
