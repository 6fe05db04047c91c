"""Exports across the sessions of a group (issue 10), through the privacy boundary.

- :func:`export_issues`: the report's coding grid as a spreadsheet (.xlsx): one row per
  issue moment with the session's date and method, time, phase, codes, theme, frames,
  the narratives per party, bridging and influences.
- :func:`export_overview`: a group report (.docx) with a heat map of themes per
  session, the bridging rate per session, recurring clashes between services, open or
  parked moments and what was not contested.

Every free text goes through :class:`~casusdesk.services.export_boundary.GroupBoundary`
(participants as codes, the client as the pseudonym, free text de-identified with each
session's review decisions) and the produced bytes are checked before writing.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casusdesk.domain import analysis as model
from casusdesk.domain.errors import CasusdeskError, ValidationError
from casusdesk.domain.method import Method
from casusdesk.domain.timer import format_hms
from casusdesk.services import analysis as service
from casusdesk.services.files import check_target
from casusdesk.storage.repositories import Store

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: the columns of the coding grid, in order
ISSUE_COLUMNS = (
    "Datum", "Werkvorm", "Tijd", "Fase", "Soort moment", "Codes", "Diensten", "Thema",
    "Waarover", "Citaat", "Omgang", "Uitkomst", "Issue (vraag)", "Frames",
    *(f"Verhalen · {label}" for label in model.NARRATIVE_FIELDS.values()),
    "Overbrugd", "Hoe overbrugd", "Reframing", "Omgang met de controverse",
    *(f"Invloed · {label}" for label in model.INFLUENCES.values()),
)


def find_group(store: Store, text: str) -> int:
    """A group by its id or its name (any case; a unique beginning is enough)."""
    groups = store.list_groups()
    value = text.strip()
    if value.isascii() and value.isdigit():
        for g in groups:
            if g.id == int(value):
                return g.id
    exact = [g for g in groups if g.name.casefold() == value.casefold()]
    start = [g for g in groups if g.name.casefold().startswith(value.casefold())]
    found = exact or start
    if len(found) == 1 and found[0].id is not None:
        return found[0].id
    names = ", ".join(f"{g.id}: {g.name}" for g in groups) or "(nog geen groepen)"
    if not found:
        raise ValidationError(f"Geen groep '{value[:40]}'. Groepen: {names}.")
    raise ValidationError(f"Meer groepen passen bij '{value[:40]}'; geef het nummer. "
                          f"Groepen: {names}.")


@dataclass
class _Context:
    group: service.GroupAnalysis
    boundary: Any
    vocabulary: set[str]


def _context(store: Store, group_id: int, methods: Mapping[str, Method] | None) -> _Context:
    from casusdesk.services.catalog import issue_vocabulary
    from casusdesk.services.export_boundary import GroupBoundary

    vocab = issue_vocabulary()
    words = {*vocab["themes"], *vocab["frames"], *vocab["outcomes"]}
    return _Context(service.group_analysis(store, group_id, methods),
                    GroupBoundary(store, group_id, methods), words)


def _phase(ctx: _Context, session_id: int, index: int) -> str:
    from casusdesk.services import minutes

    return minutes._phase_label(ctx.boundary.session(session_id).facts, index)


class _Anon:
    """Anonymizes the texts of one session; codes and vocabulary words stay."""

    def __init__(self, ctx: _Context, session_id: int) -> None:
        self.ctx, self.session_id = ctx, session_id
        self.codes = set(ctx.group.service_of())

    def __call__(self, text: Any, where: str) -> str:
        return self.ctx.boundary.anonymize(self.session_id, str(text or ""), where)

    def word(self, text: Any, where: str) -> str:
        value = str(text or "").strip()
        return value if value in self.ctx.vocabulary else self(value, where)

    def party(self, text: Any, where: str) -> str:
        value = str(text or "").strip()
        services = {str(d) for d in set(self.ctx.group.service_of().values())}
        return value if value in self.codes or value in services else self(value, where)


def issue_rows(ctx: _Context) -> list[list[str]]:
    """The coding grid: one row per issue moment, oldest session first."""
    services = ctx.group.service_of()
    rows: list[list[str]] = []
    for s in ctx.group.sessions:
        assert s.session.id is not None
        anon = _Anon(ctx, s.session.id)
        for m in s.moments:
            d = m.data
            a = model.analysis_of(d)
            codes = [c for c in d.get("codes") or [] if isinstance(c, str)]
            tags = [model.RELATIONAL_TAGS[t] for t in d.get("tags") or []
                    if t in model.RELATIONAL_TAGS]
            narratives = []
            for key in model.NARRATIVE_FIELDS:
                parts = []
                for n in a.narratives:
                    text = anon(getattr(n, key), "Analyse")
                    if text:
                        parts.append(f"{anon.party(n.party, 'Analyse · Partij') or '?'}: {text}")
                narratives.append("\n".join(parts))
            rows.append([
                f"{s.session.date:%d-%m-%Y}", s.method,
                format_hms(m.session_seconds), _phase(ctx, s.session.id, m.phase_index),
                model.MOMENT_KINDS.get(d.get("moment") or model.DEFAULT_MOMENT_KIND, ""),
                ", ".join(c if c in anon.codes else anon(c, "Wie") for c in codes),
                ", ".join(sorted({services[c] for c in codes if c in services})),
                anon.word(d.get("theme"), "Thema"),
                anon(d.get("description"), "Beschrijving"),
                anon(d.get("quote"), "Citaat"),
                ", ".join(tags),
                anon.word(d.get("outcome"), "Uitkomst"),
                anon(a.question, "Analyse · Issue"),
                "; ".join(anon.word(f, "Frames") for f in model.moment_frames(d)),
                *narratives,
                model.BRIDGING.get(model.bridging_of(d), ""),
                anon(a.how, "Analyse · Hoe"),
                model.REFRAMING.get(a.reframing, ""),
                model.CONTROVERSY.get(a.controversy, ""),
                *(anon(a.influences.get(k, ""), "Analyse · Invloed") for k in model.INFLUENCES),
            ])
    return rows


def issues_xlsx(ctx: _Context) -> bytes:
    """The coding grid as .xlsx bytes: a sheet of moments, one of uncontested topics."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Issue-momenten"
    sheet.append(list(ISSUE_COLUMNS))
    for row in issue_rows(ctx):
        sheet.append(row)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = wrap
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
    widths = {"Datum": 11, "Tijd": 9, "Codes": 14, "Soort moment": 16}
    for i, name in enumerate(ISSUE_COLUMNS, start=1):
        letter = sheet.cell(row=1, column=i).column_letter
        sheet.column_dimensions[letter].width = widths.get(name, 28)
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = sheet.dimensions
    topics = book.create_sheet("Niet omstreden")
    topics.append(["Datum", "Onderwerp"])
    for cell in topics[1]:
        cell.font = bold
    for s in ctx.group.sessions:
        assert s.session.id is not None
        for topic in s.analysis.uncontested:
            topics.append([f"{s.session.date:%d-%m-%Y}",
                           ctx.boundary.anonymize(s.session.id, topic, "Analyse · Niet omstreden")])
    topics.column_dimensions["B"].width = 60
    # no author or other metadata
    props = book.properties
    props.creator = ""
    props.lastModifiedBy = ""
    props.title = "Issue-momenten"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_issues(store: Store, group_id: int, methods: Mapping[str, Method] | None,
                  out_path: str | os.PathLike[str]) -> tuple[Path, int]:
    """Write the coding grid of the group; returns the path and the number of moments.

    Raises:
        CasusdeskError: a name survived anonymization (nothing written), or the file
            cannot be written.
    """
    out_path = Path(out_path)
    check_target(out_path)
    ctx = _context(store, group_id, methods)
    data = issues_xlsx(ctx)
    count = sum(len(s.moments) for s in ctx.group.sessions)
    return ctx.boundary.write(out_path, data, "xlsx", what="het codeerschema"), count


# -- the group report -------------------------------------------------------------------


def _width_cm(png: bytes) -> float:
    """Page width for a chart: 16.6 cm for a full-width one, narrower when it is."""
    from PIL import Image

    from casusdesk.services.charts import WIDTH

    with Image.open(io.BytesIO(png)) as image:
        return round(16.6 * min(1.0, image.width / WIDTH), 2)


def overview_document(ctx: _Context) -> tuple[Any, list[str]]:
    """The group report as a minutes content model, and the strings drawn in its charts."""
    from casusdesk.services import charts
    from casusdesk.services.minutes import (
        NO_TIME, Heading, MinutesDocument, Paragraph, Picture, Table, dutch_date,
    )

    ov = ctx.group.overview()
    sessions = ctx.group.sessions
    blocks: list[Any] = []
    drawn: list[str] = []
    first = sessions[0].session.id if sessions else None

    def theme_label(theme: str) -> str:
        if theme == model.NO_THEME or theme in ctx.vocabulary or first is None:
            return theme
        return ctx.boundary.anonymize(first, theme, "Thema")

    judged = sum(c["ja"] + c["deels"] + c["nee"] for c in ov.bridging.values())
    blocks.append(Heading("In het kort"))
    blocks.append(Paragraph(str(len(sessions)), label="Bijeenkomsten"))
    blocks.append(Paragraph(str(ov.moments), label="Issue-momenten (botsingen)"))
    judged_text = "1 beoordeeld moment" if judged == 1 else f"de {judged} beoordeelde momenten"
    blocks.append(Paragraph(f"{service.percent(ov.bridging_rate())} van {judged_text} "
                            "(deels overbrugd telt half)", label="Overbrugd"))
    blocks.append(Paragraph(str(len(ov.open_moments)), label="Open of geparkeerd"))

    keys = [s.key for s in sessions]
    themes = [t for t in ov.themes]
    labels = [theme_label(t) for t in themes]
    blocks.append(Heading("Thema's per bijeenkomst"))
    if themes:
        grid = [[ov.themes[t].get(k, 0) for k in keys] for t in themes]
        png = charts.heat_map(labels, keys, grid, title="Issue-momenten per thema en bijeenkomst")
        drawn += [*labels, *keys]
        blocks.append(Paragraph("Hoe donkerder het vak, hoe vaker het thema botste; het getal "
                                "is het aantal momenten.", style="quiet"))
        blocks.append(Picture(png, _width_cm(png), "Heatmap: issue-momenten per thema per "
                                                   "bijeenkomst"))
        blocks.append(Table(("Thema", *keys, "Totaal"), tuple(
            (label, *(str(v) if v else NO_TIME for v in row), str(sum(row)))
            for label, row in zip(labels, grid))))
    else:
        blocks.append(Paragraph("Nog geen issue-momenten vastgelegd.", style="quiet"))

    blocks.append(Heading("Overbrugging per bijeenkomst"))
    rates = [ov.bridging_rate(k) for k in keys]
    if any(r is not None for r in rates):
        png = charts.rate_bars(keys, rates, title="Aandeel overbrugd per bijeenkomst")
        drawn += keys
        blocks.append(Picture(png, 16.6, "Staafdiagram: aandeel overbrugde momenten per "
                                         "bijeenkomst"))
    rows = []
    for s in sessions:
        c = ov.bridging.get(s.key)
        rows.append((s.key, s.method or NO_TIME, str(c["ja"]), str(c["deels"]), str(c["nee"]),
                     str(c[""]), service.percent(ov.bridging_rate(s.key))))
    blocks.append(Table(("Bijeenkomst", "Werkvorm", "Ja", "Deels", "Nee", "Niet beoordeeld",
                         "Overbrugd"), tuple(rows), (2.2, 4.0, 1, 1.2, 1, 2, 1.8)))

    if ov.frames:
        blocks.append(Heading("Frames"))
        frame_rows = []
        for frame, per in sorted(ov.frames.items(), key=lambda kv: -sum(kv[1].values())):
            label = frame if frame in ctx.vocabulary or first is None else \
                ctx.boundary.anonymize(first, frame, "Frames")
            frame_rows.append((label, *(str(per.get(k, 0) or NO_TIME) for k in keys),
                               str(sum(per.values()))))
        blocks.append(Table(("Frame", *keys, "Totaal"), tuple(frame_rows)))

    blocks.append(Heading("Terugkerende botsingen tussen diensten"))
    if ov.recurring:
        blocks.append(Table(("Diensten", "Bijeenkomsten", "Momenten"), tuple(
            (" – ".join(pair), str(n_sessions), str(n)) for pair, n_sessions, n in ov.recurring)))
    else:
        blocks.append(Paragraph("Geen: dezelfde diensten botsten niet in meer dan één "
                                "bijeenkomst.", style="quiet"))

    blocks.append(Heading("Open en geparkeerde momenten"))
    by_id = {m.id: (s, m) for s in sessions for m in s.moments}
    open_rows = []
    for r in ov.open_moments:
        s, m = by_id[r.capture_id]
        assert s.session.id is not None
        anon = _Anon(ctx, s.session.id)
        open_rows.append((s.key, format_hms(m.session_seconds),
                          ", ".join(c for c in m.data.get("codes") or [] if c in anon.codes)
                          or NO_TIME,
                          anon(m.data.get("description"), "Beschrijving") or NO_TIME,
                          anon.word(m.data.get("theme"), "Thema") or NO_TIME,
                          anon.word(m.data.get("outcome"), "Uitkomst") or "nog niet beoordeeld"))
    if open_rows:
        # "Datum": the session's key is its date, and "Bijeenkomst" broke in two in this column
        blocks.append(Table(("Datum", "Tijd", "Wie", "Waarover", "Thema", "Uitkomst"),
                            tuple(open_rows), (2.2, 1.5, 1.8, 5.5, 4, 2.2)))
    else:
        blocks.append(Paragraph("Geen open momenten.", style="quiet"))

    if ov.uncontested:
        blocks.append(Heading("Niet omstreden"))
        for topic, n in ov.uncontested:
            session_id = next(s.session.id for s in sessions if topic in s.analysis.uncontested)
            text = ctx.boundary.anonymize(session_id, topic, "Analyse · Niet omstreden")
            blocks.append(Paragraph(f"{text} ({n}×)", style="bullet"))

    blocks.append(Paragraph("Deelnemers staan er met hun code in; vrije tekst is "
                            "geanonimiseerd zoals in de verslagen.", style="quiet"))
    title = "Overzicht issue-momenten"
    group = ctx.boundary.group_name()
    dates = [dutch_date(s.session.date) for s in sessions]
    period = (dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}") if dates else ""
    doc = MinutesDocument(title=title, subtitle=f"{group} · {period}".strip(" ·"),
                          header_text="Vertrouwelijk · overzicht van de groep",
                          footer_text="", blocks=blocks)
    return doc, drawn


def export_overview(store: Store, group_id: int, methods: Mapping[str, Method] | None,
                    out_path: str | os.PathLike[str]) -> Path:
    """Write the group report (.docx with charts) after the boundary's check."""
    from casusdesk.services.minutes import render_docx_bytes

    out_path = Path(out_path)
    check_target(out_path)
    ctx = _context(store, group_id, methods)
    if not ctx.group.sessions:
        raise CasusdeskError("Deze groep heeft nog geen bijeenkomsten.")
    doc, drawn = overview_document(ctx)
    data = render_docx_bytes(doc)
    return ctx.boundary.write(out_path, data, "docx", what="het overzicht", drawn=drawn)


def overview_charts(store: Store, group_id: int,
                    methods: Mapping[str, Method] | None = None) -> tuple[bytes | None, bytes | None]:
    """The two charts of the overview for the screen (heat map, bridging bars); no
    anonymization needed: they show only vocabulary themes, dates and counts, and an own
    theme is shown as it is on the facilitator's own screen."""
    from casusdesk.services import charts

    group = service.group_analysis(store, group_id, methods)
    ov = group.overview()
    keys = [s.key for s in group.sessions]
    heat = None
    if ov.themes:
        heat = charts.heat_map(list(ov.themes), keys,
                               [[ov.themes[t].get(k, 0) for k in keys] for t in ov.themes],
                               title="Issue-momenten per thema en bijeenkomst")
    rates = [ov.bridging_rate(k) for k in keys]
    bars = charts.rate_bars(keys, rates, title="Aandeel overbrugd per bijeenkomst",
                            width=max(700, 200 + 150 * len(keys))) \
        if any(r is not None for r in rates) else None
    return heat, bars


__all__ = ["ISSUE_COLUMNS", "export_issues", "export_overview", "find_group", "issue_rows",
           "overview_charts", "overview_document"]
