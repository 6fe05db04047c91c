"""The agenda (invitation) of a session, to send to the group beforehand, as Word.

Date, place, the method with its phases and planned times, the session roles, the case
title and coaching question, and the open agreements and parked issues of earlier
sessions to review. Every free text passes the session's privacy boundary
(:class:`~casusdesk.services.export_boundary.SessionBoundary`) and the produced file is
checked for every known or detected name before it is written, as for the minutes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from casusdesk.domain.errors import CasusdeskError
from casusdesk.domain.method import Method
from casusdesk.services.files import check_target
from casusdesk.storage.repositories import Store

TITLE = "Agenda intervisie"


def _hm(minutes: float) -> str:
    total = round(minutes)
    return f"{total // 60}:{total % 60:02d}"


def build_agenda(store: Store, session_id: int, methods: Mapping[str, Method], *,
                 boundary: object | None = None) -> object:
    """The agenda as a :class:`~casusdesk.services.minutes.MinutesDocument` whose texts
    are already anonymized."""
    from casusdesk.domain.session_roles import MODE_LABELS
    from casusdesk.services import minutes
    from casusdesk.services.export_boundary import SessionBoundary
    from casusdesk.services.minutes import Heading, MinutesDocument, Paragraph, Table
    from casusdesk.services.series import STATUS_LABELS

    if boundary is None:
        boundary = SessionBoundary(store, session_id, methods, skip_damaged=True)
    facts = boundary.facts  # type: ignore[attr-defined]
    session, case = facts.session, facts.session.case
    items = facts.carried
    texts = [session.place, case.title, case.coaching_question]
    texts += [t for i in items for t in (i.text, i.note, *(n for _d, n in i.history))]
    boundary.prepare(texts)  # type: ignore[attr-defined]

    def anon(text: str, where: str) -> str:
        return boundary.anonymize(text, where)  # type: ignore[attr-defined]

    codes = {p.code for p in facts.participants if p.code}
    blocks: list = []
    blocks.append(Heading("Bijeenkomst"))
    blocks.append(Paragraph(minutes.dutch_date(session.date, weekday=True), label="Datum"))
    if session.place:
        blocks.append(Paragraph(anon(session.place, "Agenda · Plaats"), label="Plaats"))
    setup = facts.setup
    if setup is not None:
        blocks.append(Paragraph(MODE_LABELS.get(setup.mode, setup.mode), label="Vorm"))
        blocks += [Paragraph(who, label=label) for label, who in setup.lines()]
        if setup.mode == "online":
            blocks.append(Paragraph("Online: zet je camera aan, zodat we elkaar ook zonder "
                                    "woorden kunnen lezen.", style="quiet"))
    present = [p for p in facts.participants if p.id in set(session.attendance)]
    if present:
        blocks.append(Paragraph(", ".join(p.code for p in present), label="Verwacht"))

    method = facts.method
    blocks.append(Heading("Programma"))
    if method is None:
        blocks.append(Paragraph("De werkvorm is nog niet gekozen.", style="quiet"))
    else:
        blocks.append(Paragraph(method.name, label="Werkvorm"))
        rows, start = [], 0.0
        for number, phase in enumerate(method.phases, start=1):
            minutes_ = phase.seconds / 60
            rows.append((f"{number}. {phase.title}", _hm(start), f"{round(minutes_)} min"))
            start += minutes_
        rows.append(("Totaal", _hm(start), f"{round(start)} min"))
        blocks.append(Table(("Fase", "Vanaf (u:mm)", "Gepland"), tuple(rows),
                            (5.0, 1.4, 1.3), True))
        blocks.append(Paragraph("De tijden per fase zijn een voorstel; de gespreksleider "
                                "bewaakt ze tijdens de bijeenkomst.", style="quiet"))

    blocks.append(Heading("Casus"))
    bringer = next((p for p in facts.participants if p.id == case.case_bringer_id), None)
    if bringer is not None:
        blocks.append(Paragraph(f"{bringer.code} ({bringer.function})", label="Casusinbrenger"))
    if case.title:
        blocks.append(Paragraph(anon(case.title, "Agenda · Titel"), label="Titel"))
    if case.coaching_question:
        blocks.append(Paragraph(anon(case.coaching_question, "Agenda · Coachvraag"),
                                label="Coachvraag"))
    if not (bringer or case.title or case.coaching_question):
        blocks.append(Paragraph("De casus volgt nog.", style="quiet"))

    if items:
        blocks.append(Heading("Terugblik: open afspraken en geparkeerde issues"))
        blocks.append(Paragraph("We beginnen met wat er kwam van eerdere afspraken.",
                                style="quiet"))
        rows = []
        for item in items:
            owner = ", ".join(c.strip() if c.strip() in codes else anon(c, "Agenda · Wie")
                              for c in item.owner.split(",") if c.strip())
            notes = [f"{minutes.dutch_date(d)}: meegenomen"
                     + (f" ({anon(n, 'Agenda · Toelichting')})" if n else "")
                     for d, n in item.history]
            if item.status:
                notes.append(STATUS_LABELS[item.status]
                             + (f": {anon(item.note, 'Agenda · Toelichting')}"
                                if item.note else ""))
            rows.append((f"{item.label}: {anon(item.text, 'Agenda · Wat')}",
                         minutes.dutch_date(item.origin.date), owner or minutes.NO_TIME,
                         "\n".join(notes) or minutes.NO_TIME))
        blocks.append(Table(("Wat", "Van", "Wie", "Eerder besproken"), tuple(rows),
                            (3.8, 1.7, 1.1, 2.6)))
    blocks.append(Paragraph("Deze agenda bevat geen namen: deelnemers staan er met hun code, "
                            "de cliënt met een schuilnaam.", style="quiet"))
    date_text = minutes.dutch_date(session.date)
    subtitle = minutes.dutch_date(session.date, weekday=True)
    if method is not None:
        subtitle += f" · {method.name}"
    return MinutesDocument(title=TITLE, subtitle=subtitle, header_text="Vertrouwelijk",
                           footer_text=f"Agenda intervisie {date_text}", blocks=blocks)


def export_agenda(store: Store, session_id: int, methods: Mapping[str, Method],
                  out_path: str | os.PathLike[str]) -> Path:
    """Build, render and check the agenda, then write it (nothing written on a leak).

    Raises:
        CasusdeskError: in Dutch: a name would still be in the file, or the folder or
            file cannot be written.
    """
    from casusdesk.services.export_boundary import SessionBoundary
    from casusdesk.services.minutes import render_docx_bytes

    out = Path(out_path)
    check_target(out)
    boundary = SessionBoundary(store, session_id, methods, skip_damaged=True)
    doc = build_agenda(store, session_id, methods, boundary=boundary)
    data = render_docx_bytes(doc)  # type: ignore[arg-type]
    try:
        return boundary.write(out, data, "docx", what="de agenda")
    except CasusdeskError as exc:
        text = str(exc)
        if text.startswith("Het verslag"):
            raise CasusdeskError("De agenda" + text[len("Het verslag"):]) from None
        raise
