"""The anonymized minutes of a session: content, Word document, leak check, mail draft.

The pipeline, in the order :func:`export_minutes` runs it:

1. :func:`build_minutes` reads the session from the store and builds a neutral content
   model (:class:`MinutesDocument`: headings, paragraphs, tables, a picture). Every free
   text passes one :class:`~casusdesk.services.anonymize.Anonymizer` per document, so a
   placeholder such as ``[PERSOON-1]`` means the same person everywhere. Known names
   (every participant of the group, present or not, and the client's real name and
   aliases) become codes and the client's pseudonym; the facilitator's review decisions
   (kept with the session as the ``"review"`` document) are honoured.
2. :func:`render_docx` writes the model with python-docx: real heading styles, tables
   with a repeated header row, "Pagina X van Y" in the footer, Dutch language.
3. The package is scrubbed (:func:`scrub_docx`): empty core properties, no custom
   properties, no comments, no tracked changes, no thumbnail, no template path.
4. :func:`find_leaks` opens the produced file as a zip and reads every part. If a known
   name or a span the facilitator flagged survived, nothing is written and a
   :class:`~casusdesk.domain.errors.CasusdeskError` names the kind of leak (never the
   name itself).
5. The file is written next to the target and moved into place, so a failure never
   leaves half a file.

:func:`write_mail_draft` turns the document into an ``.eml`` draft (``X-Unsent: 1``) for
the user's own mail program. Nothing here opens a network connection.

Fixed Dutch texts (the AVG block, the mail text, the retention period) and the look
(font, colours) live in ``resources/minutes/notulen.toml``; an optional
``resources/minutes/sjabloon.docx`` gives the document a house style.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import os
import re
import threading
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from casusdesk.domain.clock import Clock
from casusdesk.domain.errors import CasusdeskError, DataFileError, ValidationError, os_reason
from casusdesk.domain.method import Method
from casusdesk.domain.model import PROBLEM_LEVEL_LABELS, Capture, Participant, Session, strip_invisible
from casusdesk.domain.timer import PhaseTiming, SessionTimer, format_hms
from casusdesk.paths import resource
from casusdesk.storage.repositories import Store
from casusdesk.services.files import check_target

MINUTES_DIR = "minutes"
TEXTS_FILE = "notulen.toml"
TEMPLATE_FILE = "sjabloon.docx"

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NO_TIME = "–"
STAR = "★"

from casusdesk.domain.analysis import RELATIONAL_TAGS as RELATIONAL_TAG_LABELS  # noqa: E402

OUTCOME_LABELS = {
    "overbrugd": "overbrugd",
    "geparkeerd": "geparkeerd",
    "pseudoakkoord": "pseudo-akkoord",
    "escaleren": "escaleren",
}


# ---------------------------------------------------------------------------
# Content model
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A heading; level 1 for a section, 2 for a part of one."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of text.

    Attributes:
        text: the (anonymized) text; line breaks become new paragraphs in Word.
        style: ``"body"``, ``"bullet"``, ``"quiet"`` (small grey explanation),
            ``"question"`` (bold, kept with the answer below it) or ``"answer"``.
        label: a bold lead-in ("Coachvraag: "), fixed text.
        mark: a marker before the text in the accent colour (the star of a question
            that helped).
    """

    text: str
    style: str = "body"
    label: str = ""
    mark: str = ""


@dataclass(frozen=True)
class Table:
    """A table whose first row is the header (repeated on every page in Word).

    ``widths`` are relative column widths; ``bold_last`` makes the last row bold (a total).
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()
    bold_last: bool = False


@dataclass(frozen=True)
class Picture:
    """An image (PNG bytes) with its width on the page and a description.

    ``png`` may be a :class:`concurrent.futures.Future` of the bytes: the timeline is
    drawn in a background thread while the rest of the document is composed and
    rendered (Pillow leaves the interpreter free while it scales and compresses).
    :attr:`data` waits for it; when drawing failed, the renderer writes
    ``failed_text`` instead.
    """

    png: bytes | Future[bytes]
    width_cm: float
    description: str
    failed_text: str = ""

    @property
    def data(self) -> bytes:
        """The PNG bytes (waiting for the drawing when it is still being made)."""
        return self.png.result() if isinstance(self.png, Future) else self.png


Block = Union[Heading, Paragraph, Table, Picture]


@dataclass
class MinutesDocument:
    """The minutes as neutral, already anonymized content.

    Attributes:
        title: the document title ("Verslag intervisie").
        subtitle: the date of the meeting in Dutch and the method
            ("donderdag 12 maart 2026 · Rolwisseling").
        header_text / footer_text: for the page header and footer (footer gets
            "Pagina X van Y" after it).
        blocks: headings, paragraphs, tables and pictures in order.
        replacements: how many replacements the anonymizer made.
        mail_subject / mail_body: a proposal for the mail draft.
    """

    title: str
    subtitle: str
    header_text: str = ""
    footer_text: str = ""
    blocks: list[Block] = field(default_factory=list)
    replacements: int = 0
    mail_subject: str = ""
    mail_body: str = ""

    def headings(self, level: int | None = None) -> list[str]:
        return [b.text for b in self.blocks
                if isinstance(b, Heading) and (level is None or b.level == level)]


# ---------------------------------------------------------------------------
# Texts and look from resources/minutes/notulen.toml
# ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _load_texts(path: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise DataFileError(f"{TEXTS_FILE}: kan het bestand niet lezen ({os_reason(exc)}).") \
            from None
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"{TEXTS_FILE}: geen geldige TOML ({exc}).") from None
    for section in ("opmaak", "verslag", "avg", "mail"):
        if not isinstance(data.get(section), dict):
            raise DataFileError(f"{TEXTS_FILE}: het blok [{section}] ontbreekt.")
    return data


def minutes_texts() -> dict[str, Any]:
    """The fixed texts and look of the minutes (``resources/minutes/notulen.toml``)."""
    return _load_texts(str(resource(MINUTES_DIR, TEXTS_FILE)))


def _fill(template: str, **values: str) -> str:
    """``str.format`` that leaves unknown fields visible instead of failing."""
    class _Keep(dict):
        def __missing__(self, key: str) -> str:
            return "{" + key + "}"
    return template.format_map(_Keep(values)).strip()


# ---------------------------------------------------------------------------
# Small formatting helpers
# ---------------------------------------------------------------------------


def dutch_date(date: dt.date, *, weekday: bool = False) -> str:
    """``12 maart 2026`` (or ``donderdag 12 maart 2026``)."""
    text = f"{date.day} {MONTHS[date.month - 1]} {date.year}"
    return f"{WEEKDAYS[date.weekday()]} {text}" if weekday else text


def _add_months(date: dt.date, months: int) -> dt.date:
    month_index = date.month - 1 + months
    year, month = date.year + month_index // 12, month_index % 12 + 1
    for day in (date.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise ValueError(date)  # pragma: no cover - day 28 always exists


def retention_date(session_date: dt.date, months: int | None = None) -> dt.date:
    """The date until which the minutes may be kept (meeting date + retention period)."""
    if months is None:
        months = int(minutes_texts()["verslag"].get("bewaartermijn_maanden", 12))
    return _add_months(session_date, max(0, months))


def _minutes_text(seconds: float) -> str:
    return f"{round(seconds / 60):d} min"


def _difference_text(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes == 0:
        return "0"
    return f"+{minutes}" if minutes > 0 else f"−{abs(minutes)}"


def _due_text(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return NO_TIME
    try:
        return dutch_date(dt.date.fromisoformat(value))
    except ValueError:
        return value


# ---------------------------------------------------------------------------
# What the minutes are made of: the session's facts, read once
# ---------------------------------------------------------------------------


class _FrozenClock:
    """A clock standing still at one wall time: restores a timer as it was saved."""

    def __init__(self, at: dt.datetime) -> None:
        self._at = at

    def monotonic(self) -> float:
        return 0.0

    def now(self) -> dt.datetime:
        return self._at


@dataclass(frozen=True)
class _Span:
    """When the meeting really began and ended, and the meeting time the timer counted
    (pauses included; a closed console's time only when the facilitator said so)."""

    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    counted: float = 0.0


@dataclass
class _Facts:
    session: Session
    group_name: str
    participants: list[Participant]
    method: Method | None
    timings: list[PhaseTiming]
    timer_ran: bool
    captures: list[Capture]
    timeline: Any | None
    decisions: Any
    texts: dict[str, Any]
    #: session roles and physical/online (:class:`SessionSetup`)
    setup: Any = None
    #: the stored role switch: (player code, own function, role title, back written by)
    role_rows: list[tuple[str, str, str, str]] = field(default_factory=list)
    #: earlier sessions' open agreements and parked issues, as this session reviewed them
    carried: list[Any] = field(default_factory=list)
    #: topics the analysis names as not contested in this session (issue 10)
    uncontested: list[str] = field(default_factory=list)
    #: when the meeting really began and ended (the console's timer)
    span: _Span = field(default_factory=_Span)


def _load_decisions(store: Store, session_id: int, decisions: Any | None) -> Any:
    from casusdesk.services.anonymize import ReviewDecisions

    if decisions is not None:
        return decisions
    saved = store.get_document(session_id, "review")
    if isinstance(saved, dict):
        return ReviewDecisions.from_dict(saved)
    return ReviewDecisions()


def _session_method(store: Store, session: Session,
                    methods: Mapping[str, Method]) -> Method | None:
    from casusdesk.services.live import method_for_session

    assert session.id is not None
    try:
        return method_for_session(store, session.id, methods)
    except ValidationError:  # a damaged saved copy: the minutes go on without phases
        return methods.get(session.method_id)


def _read_timer(snapshot: Any, method: Method | None,
                clock: Clock | None) -> tuple[list[PhaseTiming], bool, _Span]:
    """Planned against actual per phase, whether the timer ever ran, and its span.

    Without a clock the timer is read as it was last saved (a session that was never
    finished does not keep growing while the program is closed).
    """
    if isinstance(snapshot, dict) and snapshot:
        try:
            saved_at = dt.datetime.fromisoformat(str(snapshot.get("saved_at")))
            timer = SessionTimer.restore(snapshot, clock or _FrozenClock(saved_at))
            counted = timer.session_elapsed()
            started = timer.started_at
            if started is None and timer.ended_at is not None:
                # a timer saved before the start was kept: its start follows from the end
                started = timer.ended_at - dt.timedelta(seconds=counted)
            span = _Span(started if timer.started else None, timer.ended_at, counted)
            return timer.timings(), timer.started, span
        except (ValidationError, ValueError, TypeError, OverflowError):
            pass
    if method is None:
        return [], False, _Span()
    return [PhaseTiming(p.id, p.title, float(p.seconds), float(p.seconds), 0.0)
            for p in method.phases], False, _Span()


def _timings(snapshot: Any, method: Method | None,
             clock: Clock | None) -> tuple[list[PhaseTiming], bool]:
    """Planned against actual per phase, and whether the timer ever ran."""
    timings, ran, _span = _read_timer(snapshot, method, clock)
    return timings, ran


def _read_timeline(store: Store, session_id: int) -> Any | None:
    data = store.get_document(session_id, "timeline")
    if not data:
        return None
    from casusdesk.domain.timeline import Timeline

    try:
        timeline = Timeline.from_dict(data)
    except ValidationError:
        return None
    return timeline if len(timeline) else None


def _role_rows(store: Store, session: Session,
               participants: list[Participant]) -> list[tuple[str, str, str, str]]:
    """The role switch as it was stored (never a fresh proposal): who played which role,
    and whose Golden Circle went on the back of that card."""
    doc = store.get_document(session.id, "roles") or {}
    stored = doc.get("assignment") or {}
    if not isinstance(stored, dict) or not stored:
        return []
    from casusdesk.services import rolwisseling
    from casusdesk.services.catalog import functions
    from casusdesk.services.role_catalog import roles
    from casusdesk.services.roster import Roster

    try:
        titles = {rid: role.title for rid, role in roles().items()}
    except DataFileError:
        titles = {}
    present = set(session.attendance)
    by_code = {p.code: p for p in participants if p.id in present}
    try:
        writers = rolwisseling.back_writers(store, Roster(store, functions()), session.id)
    except DataFileError:
        writers = {}
    picks = rolwisseling.chosen_backs(store, session.id)
    rows = []
    for code, person in by_code.items():
        role_id = stored.get(code)
        if not isinstance(role_id, str) or not role_id:
            continue
        back = rolwisseling.back_for(role_id, writers, picks)
        rows.append((code, person.function, titles.get(role_id, role_id),
                     back.get("author", "")))
    return rows


def _facts(store: Store, session_id: int, methods: Mapping[str, Method],
           clock: Clock | None, decisions: Any | None, *, skip_damaged: bool = False) -> _Facts:
    from casusdesk.services.damage import check_session_for_export, usable_captures

    from casusdesk.services import series, session_setup

    session = store.get_session(session_id)
    group = store.get_group(session.group_id)
    participants = store.list_participants(session.group_id)
    check_session_for_export(store, session, participants, skip_damaged=skip_damaged)
    method = _session_method(store, session, methods)
    timings, ran, span = _read_timer(store.get_document(session_id, "timer"), method, clock)
    return _Facts(
        session=session, group_name=group.name,
        participants=participants,
        setup=session_setup.load(store, session_id),
        role_rows=_role_rows(store, session, participants),
        carried=series.open_items(store, session_id),
        method=method, timings=timings, timer_ran=ran, span=span,
        captures=usable_captures(store, session_id, skip_damaged=skip_damaged),
        timeline=_read_timeline(store, session_id),
        decisions=_load_decisions(store, session_id, decisions),
        texts=minutes_texts(),
        uncontested=_uncontested(store, session_id),
    )


def _uncontested(store: Store, session_id: int) -> list[str]:
    from casusdesk.domain.analysis import SessionAnalysis

    return SessionAnalysis.from_dict(store.get_session_analysis(session_id)).uncontested


def _forbidden(anonymizer: Any, facts: _Facts) -> list[str]:
    """Known names and their parts, plus what the facilitator marked by hand; never the
    client's pseudonym (which is allowed in the minutes) or a participant code."""
    allowed = {" ".join(facts.session.case.client_pseudonym.split()).casefold()}
    allowed |= {w.casefold() for w in facts.session.case.client_pseudonym.split()}
    allowed |= {p.code.casefold() for p in facts.participants if p.code}
    allowed.discard("")
    terms = [t for t in anonymizer.known_terms() if t.casefold() not in allowed]
    for mark in facts.decisions.marked:
        text = " ".join(mark.text.split())
        if text and text.casefold() not in allowed and text not in terms:
            terms.append(text)
    return terms


def _leak_kind(term: str, facts: _Facts) -> str:
    """Which kind of name a forbidden term is, for the message (never the term)."""
    def words(text: str) -> set[str]:
        return {w.casefold().strip(".,'’") for w in text.split()}

    key = words(term)
    marked = {" ".join(m.text.split()).casefold() for m in facts.decisions.marked}
    if " ".join(term.split()).casefold() in marked:
        return LEAK_FLAGGED
    case = facts.session.case
    if case.client_real_name and key <= words(case.client_real_name):
        return LEAK_CLIENT
    if any(key <= words(alias) for alias in case.client_aliases):
        return LEAK_ALIAS
    return LEAK_PARTICIPANT


# ---------------------------------------------------------------------------
# Composing the minutes
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewItem:
    """One free text of the minutes, for the review screen.

    ``text`` is the original (not yet anonymized) text; ``detections`` are
    :class:`~casusdesk.services.anonymize.Detection` objects whose ``start``/``end``
    index into it, each with the replacement it will get; ``where`` says where the
    text comes from ("Casus · Beschrijving"). Unpacks as ``text, detections``.
    """

    text: str
    detections: list[Any]
    where: str

    def __iter__(self) -> Iterator[Any]:
        return iter((self.text, self.detections))


class _Collect:
    """Pass one: note every free text in document order; change nothing."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def __call__(self, text: str, where: str) -> str:
        text = strip_invisible(text or "").strip()
        if text:
            self.items.append((where, text))
        return text


Anon = Callable[[str, str], str]


def _phase_title(facts: _Facts, index: int) -> str:
    if facts.method is not None and 0 <= index < len(facts.method.phases):
        return facts.method.phases[index].title
    if 0 <= index < len(facts.timings):
        return facts.timings[index].title
    return f"Fase {index + 1}"


def _phase_label(facts: _Facts, index: int) -> str:
    return f"{index + 1}. {_phase_title(facts, index)}"


def _issue_vocabulary() -> set[str]:
    try:
        with open(resource("issue_vocabulary.toml"), "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, FileNotFoundError, tomllib.TOMLDecodeError):
        return set()
    words: set[str] = set()
    for key in ("themes", "frames", "outcomes"):
        values = data.get(key, [])
        if isinstance(values, list):
            words.update(str(v) for v in values)
    return words


def _captures(facts: _Facts, kind: str) -> list[Capture]:
    return [c for c in facts.captures if c.kind == kind]


def _text(capture: Capture, key: str = "text") -> str:
    value = capture.data.get(key, "")
    return value.strip() if isinstance(value, str) else ""


def _code_or_text(value: Any, codes: set[str], anon: Anon, where: str) -> str:
    """A participant code stays as it is; anything else is free text."""
    text = str(value or "").strip()
    return text if text in codes else anon(text, where)


class _Composer:
    def __init__(self, facts: _Facts, anon: Anon, *, images: bool) -> None:
        self.f = facts
        self.anon = anon
        self.images = images
        self.blocks: list[Block] = []
        self.empty = str(facts.texts["verslag"].get("leeg", "Niets vastgelegd."))
        self.codes = {p.code for p in facts.participants if p.code}

    # -- helpers ------------------------------------------------------------------
    def h(self, text: str, level: int = 1) -> None:
        self.blocks.append(Heading(text, level))

    def p(self, text: str, **kw: Any) -> None:
        if text.strip():
            self.blocks.append(Paragraph(text, **kw))

    def table(self, header: Sequence[str], rows: Iterable[Sequence[str]],
              widths: Sequence[float] = (), bold_last: bool = False) -> None:
        self.blocks.append(Table(tuple(header), tuple(tuple(r) for r in rows),
                                 tuple(widths), bold_last))

    # -- sections -------------------------------------------------------------------
    def compose(self) -> None:
        self.meeting()
        self.participants()
        self.role_switch()
        self.agenda()
        self.carried()
        self.case()
        self.notes()
        self.questions()
        self.tips()
        self.facts_and_criteria()
        self.golden_circle()
        self.issue_moments()
        self.agreements()
        self.reflections()
        self.timeline()
        self.avg()

    def group_name(self) -> str:
        return self.anon(self.f.group_name, "Bijeenkomst · Groep")

    def meeting(self) -> None:
        f = self.f
        s = f.session
        self.h("Bijeenkomst")
        self.p(dutch_date(s.date, weekday=True), label="Datum")
        if s.place:
            self.p(self.anon(s.place, "Bijeenkomst · Plaats"), label="Plaats")
        self.p(self.group_name(), label="Groep")
        if f.method is not None:
            self.p(f.method.name, label="Werkvorm")
        present = [p for p in f.participants if p.id in set(s.attendance)]
        self.p(f"{len(present)} van de {len(f.participants)} deelnemers", label="Aanwezig")
        bringer = next((p for p in f.participants if p.id == s.case.case_bringer_id), None)
        if bringer is not None:
            self.p(f"{bringer.code} ({bringer.function})", label="Casusinbrenger")
        self.session_roles()

    def session_roles(self) -> None:
        """Who led, chaired and kept time, took notes and observed; physical or online."""
        from casusdesk.domain.session_roles import MODE_LABELS, ONLINE_NOTE

        setup = self.f.setup
        if setup is None:
            return
        self.p(MODE_LABELS.get(setup.mode, setup.mode), label="Vorm")
        for label, who in setup.lines():
            self.p(who, label=label)
        if setup.mode == "online":
            self.p(ONLINE_NOTE, style="quiet")

    def role_switch(self) -> None:
        """The section "Rolverdeling": who played which role, by code."""
        rows = self.f.role_rows
        if not rows:
            return
        self.h("Rolverdeling")
        # not "de achterkant van elke rolkaart": a role whose holder wrote nothing has none
        blank = any(not author for _c, _o, _r, author in rows)
        self.p("Wie welke rol speelde bij de rolwisseling. De achterkant van een rolkaart "
               "schreef iemand die die functie echt heeft" +
               ("; – betekent dat er geen achterkant was." if blank else "."), style="quiet")
        self.table(("Code", "Eigen functie", "Speelde de rol van", "Achterkant van"),
                   [(code, own, role, author or NO_TIME) for code, own, role, author in rows],
                   (1.1, 2.6, 2.6, 1.5))

    def participants(self) -> None:
        f = self.f
        self.h("Deelnemers")
        if not f.participants:
            self.p("Deze groep heeft geen deelnemers.", style="quiet")
            return
        present = set(f.session.attendance)
        rows = []
        for p in f.participants:
            role = []
            if p.id == f.session.case.case_bringer_id:
                role.append("casusinbrenger")
            if p.guest:
                role.append("gast")
            attendance = "aanwezig" if p.id in present else "afwezig"
            rows.append((p.code, p.function + (f" ({', '.join(role)})" if role else ""),
                         str(p.domain), attendance))
        self.table(("Code", "Functie", "Domein", "Aanwezigheid"), rows, (1.1, 3.2, 2.0, 1.5))
        self.p("Deelnemers staan in dit verslag met hun code; hun namen staan er niet in.",
               style="quiet")

    def agenda(self) -> None:
        f = self.f
        self.h("Agenda: gepland en werkelijk")
        if not f.timings:
            self.p("Voor deze bijeenkomst is geen werkvorm gekozen.", style="quiet")
            return
        rows = []
        for i, t in enumerate(f.timings):
            actual = _minutes_text(t.actual) if f.timer_ran else NO_TIME
            diff = _difference_text(t.actual - t.planned) if f.timer_ran else NO_TIME
            rows.append((_phase_label(f, i), _minutes_text(t.planned), actual, diff))
        planned = sum(t.planned for t in f.timings)
        actual_total = sum(t.actual for t in f.timings)
        rows.append(("Totaal", _minutes_text(planned),
                     _minutes_text(actual_total) if f.timer_ran else NO_TIME,
                     _difference_text(actual_total - planned) if f.timer_ran else NO_TIME))
        self.table(("Fase", "Gepland", "Werkelijk", "Verschil (min)"), rows,
                   (4.4, 1.2, 1.2, 1.3), bold_last=True)
        if not f.timer_ran:
            self.p("De timer is voor deze bijeenkomst niet gebruikt; de werkelijke tijd "
                   "is niet bekend.", style="quiet")
            return
        self.meeting_times(planned)

    def meeting_times(self, planned: float) -> None:
        """Begin, end and length of the meeting as it really went, beside the plan."""
        span = self.f.span
        start, end = span.started_at, span.ended_at
        self.p(f"{start:%H:%M}" if start else NO_TIME, label="Begonnen om")
        if end is None:
            self.p("– (de bijeenkomst is niet afgerond in de console)", label="Afgerond om")
        else:
            planned_end = (f" (gepland: {start + dt.timedelta(seconds=planned):%H:%M}, "
                           f"{round(planned / 60)} min na het begin)" if start else "")
            self.p(f"{end:%H:%M}{planned_end}", label="Afgerond om")
        length = (f"{round(span.counted / 60)} min (gepland {round(planned / 60)} min, "
                  f"verschil {_difference_text(span.counted - planned)})")
        if start is not None and end is not None:
            between = (end - start).total_seconds()
            if round((between - span.counted) / 60) >= 1:
                length += (f"; tussen begin en einde {round(between / 60)} min, waarvan "
                           f"{round((between - span.counted) / 60)} min niet meetelde "
                           "(de console was dicht)")
        self.p(length + ". Pauzes tellen mee.", label="Totale duur")

    def carried(self) -> None:
        """What the meeting reviewed of the earlier ones: open agreements, parked issues."""
        from casusdesk.services.series import STATUS_LABELS

        items = self.f.carried
        if not items:
            return
        self.h("Terugblik op eerdere bijeenkomsten")
        self.p("Open afspraken en geparkeerde issues van eerdere bijeenkomsten van de groep, "
               "en wat deze bijeenkomst ermee deed.", style="quiet")
        rows = []
        for item in items:
            what = self.anon(item.text, "Terugblik · Wat")
            owner = ", ".join(_code_or_text(c.strip(), self.codes, self.anon, "Terugblik · Wie")
                              for c in item.owner.split(",") if c.strip())
            notes = [f"{dutch_date(day)}: meegenomen"
                     + (f" ({self.anon(note, 'Terugblik · Toelichting')})" if note else "")
                     for day, note in item.history]
            if item.note:
                notes.append(self.anon(item.note, "Terugblik · Toelichting"))
            rows.append((f"{item.label}: {what}", dutch_date(item.origin.date),
                         owner or NO_TIME, STATUS_LABELS.get(item.status, item.status),
                         "\n".join(notes) or NO_TIME))
        self.table(("Wat", "Van", "Wie", "Besproken", "Toelichting"), rows,
                   (3.6, 1.7, 1.1, 1.3, 2.6))

    def case(self) -> None:
        c = self.f.session.case
        self.h("Casus")
        if c.title:
            self.p(self.anon(c.title, "Casus · Titel"), label="Titel")
        if c.coaching_question:
            self.p(self.anon(c.coaching_question, "Casus · Coachvraag"), label="Coachvraag")
        self.p(PROBLEM_LEVEL_LABELS.get(c.problem_level, str(c.problem_level)),
               label="Probleemniveau")
        if c.whose_problem:
            self.p(self.anon(c.whose_problem, "Casus · Wiens probleem"),
                   label="Wiens probleem")
        if c.target_group:
            self.p(self.anon(c.target_group, "Casus · Doelgroep"), label="Doelgroep")
        if c.description:
            self.h("Beschrijving", 2)
            self.p(self.anon(c.description, "Casus · Beschrijving"))
        if c.missing_facts:
            self.h("Ontbrekende feiten", 2)
            self.p(self.anon(c.missing_facts, "Casus · Ontbrekende feiten"))

    def notes(self) -> None:
        notes = sorted((n for n in _captures(self.f, "note") if _text(n)),
                       key=lambda n: (n.phase_index, n.session_seconds, n.id or 0))
        self.h("Aantekeningen per fase")
        if not notes:
            self.p(self.empty, style="quiet")
            return
        for note in notes:
            label = _phase_label(self.f, note.phase_index)
            self.h(label, 2)
            self.p(self.anon(_text(note), f"Aantekeningen · {label}"))

    def _bullets(self, captures: list[Capture], where: str) -> None:
        for capture in captures:
            text = self.anon(_text(capture), where)
            if text:
                self.p(text, style="bullet")

    def questions(self) -> None:
        questions = [q for q in _captures(self.f, "question") if _text(q)]
        if not questions:
            return
        self.h("Vragen")
        starred = sum(1 for q in questions if q.data.get("starred"))
        if starred:
            self.p(f"{STAR} = deze vraag hielp de casusinbrenger ({starred} van de "
                   f"{len(questions)}).", style="quiet")
        for q in questions:
            text = self.anon(_text(q), "Vragen")
            if q.data.get("starred"):
                self.p(text, style="bullet", mark=STAR)
            else:
                self.p(text, style="bullet")

    def tips(self) -> None:
        tips = [t for t in _captures(self.f, "tip") if _text(t)]
        if tips:
            self.h("Tips en adviezen")
            self._bullets(tips, "Tips en adviezen")

    def facts_and_criteria(self) -> None:
        facts = [c for c in _captures(self.f, "fact") if _text(c)]
        criteria = [c for c in _captures(self.f, "criterion") if _text(c)]
        if not facts and not criteria:
            return
        self.h("Feiten en weegcriteria")
        if facts:
            self.h("Feiten", 2)
            self._bullets(facts, "Feiten")
        if criteria:
            self.h("Weegcriteria", 2)
            self._bullets(criteria, "Weegcriteria")

    def golden_circle(self) -> None:
        entries = [c for c in _captures(self.f, "golden_circle")
                   if any(_text(c, k) for k in ("why", "how", "what"))]
        if not entries:
            return
        self.h("Golden Circle")
        self.p("Per deelnemer: waarom doe ik dit werk, hoe doe ik het en wat doe ik.",
               style="quiet")
        rows = []
        for c in entries:
            rows.append((_code_or_text(c.data.get("code"), self.codes, self.anon,
                                       "Golden Circle · Code"),
                         self.anon(_text(c, "why"), "Golden Circle · Waarom"),
                         self.anon(_text(c, "how"), "Golden Circle · Hoe"),
                         self.anon(_text(c, "what"), "Golden Circle · Wat")))
        self.table(("Code", "Waarom", "Hoe", "Wat"), rows, (1.0, 2.6, 2.6, 2.6))

    def issue_moments(self) -> None:
        moments = _captures(self.f, "issue_moment")
        if not moments:
            if any(self.f.uncontested):
                self.h("Issue-momenten")
                self.issue_analysis([], lambda value, where: self.anon(str(value or ""), where))
            return
        vocabulary = _issue_vocabulary()

        def vocab_or_anon(value: Any, where: str) -> str:
            text = str(value or "").strip()
            return text if text in vocabulary else self.anon(text, where)

        self.h("Issue-momenten")
        self.p("Momenten waarop perspectieven botsten: wanneer (uur:minuten:seconden sinds het "
               "begin), tussen wie, waarover en hoe het afliep.", style="quiet")
        rows = []
        for m in moments:
            codes = m.data.get("codes") or []
            if isinstance(codes, str):
                codes = [codes]
            who = ", ".join(_code_or_text(c, self.codes, self.anon, "Issue-momenten · Wie")
                            for c in codes)
            theme = vocab_or_anon(m.data.get("theme"), "Issue-momenten · Thema")
            parts = [f"Thema: {theme}" if theme else "",
                     self.anon(str(m.data.get("description") or ""),
                               "Issue-momenten · Beschrijving")]
            frames = m.data.get("frames") or []
            if isinstance(frames, str):
                frames = [frames]
            frames = [vocab_or_anon(fr, "Issue-momenten · Frames") for fr in frames]
            if any(frames):
                parts.append("Frames: " + "; ".join(fr for fr in frames if fr))
            quote = self.anon(str(m.data.get("quote") or ""), "Issue-momenten · Citaat")
            if quote:
                parts.append("Citaat: “" + quote.strip("“”\"'") + "”")
            if m.data.get("moment") == "uit_rol":
                parts.insert(0, "Uit de rol gevallen")
            tags = [RELATIONAL_TAG_LABELS[t] for t in m.data.get("tags") or []
                    if t in RELATIONAL_TAG_LABELS]
            if tags:
                parts.append("Omgang: " + ", ".join(tags))
            outcome = str(m.data.get("outcome") or "").strip()
            outcome = OUTCOME_LABELS.get(outcome, vocab_or_anon(outcome,
                                                                "Issue-momenten · Uitkomst"))
            rows.append((format_hms(m.session_seconds), _phase_label(self.f, m.phase_index),
                         who or NO_TIME, "\n".join(p for p in parts if p) or NO_TIME,
                         outcome or NO_TIME))
        self.table(("Tijd", "Fase", "Wie", "Thema en wat er gebeurde", "Uitkomst"), rows,
                   (1.75, 3.4, 1.85, 7.35, 2.25))
        self.issue_analysis(moments, vocab_or_anon)

    def issue_analysis(self, moments: list[Capture], vocab_or_anon: Callable[[Any, str], str]) -> None:
        """The report's analysis of each moment where it was done, and what was not
        contested (issue 10)."""
        from casusdesk.domain import analysis as model

        done = [(m, model.analysis_of(m.data)) for m in moments]
        done = [(m, a) for m, a in done if not a.is_empty()]
        if done:
            self.h("Analyse van de issue-momenten", 2)
            self.p("Per moment: het issue als vraag, de verhalen per partij, de frames eronder, "
                   "of het overbrugd werd en wat daarop van invloed was.", style="quiet")
        for m, a in done:
            where = "Analyse"
            self.p(f"Issue-moment om {format_hms(m.session_seconds)} "
                   f"({_phase_label(self.f, m.phase_index)})", style="question")
            question = self.anon(a.question, f"{where} · Issue")
            if question:
                self.p(question, label="Issue")
            if a.narratives:
                rows = []
                for n in a.narratives:
                    party = _code_or_text(n.party, self.codes, self.anon, f"{where} · Partij")
                    rows.append((party or NO_TIME, *(
                        self.anon(getattr(n, key), f"{where} · {label}") or NO_TIME
                        for key, label in model.NARRATIVE_FIELDS.items())))
                self.table(("Partij", *model.NARRATIVE_FIELDS.values()), rows,
                           (1.6, 2.6, 2.4, 2.6, 2.4, 2.4))
            frames = [vocab_or_anon(fr, f"{where} · Frames") for fr in a.frames]
            if any(frames):
                self.p("; ".join(fr for fr in frames if fr), label="Frames")
            if a.bridged:
                self.p(model.BRIDGING[a.bridged], label="Overbrugd")
            how = self.anon(a.how, f"{where} · Hoe overbrugd")
            if how:
                self.p(how, label="Hoe")
            if a.reframing:
                self.p(model.REFRAMING[a.reframing], label="Reframing")
            if a.controversy:
                self.p(model.CONTROVERSY[a.controversy], label="Omgang met de controverse")
            for key, note in a.influences.items():
                text = self.anon(note, f"{where} · Invloed {model.INFLUENCES[key]}")
                if text:
                    self.p(text, label=f"Invloed {model.INFLUENCES[key].lower()}")
        topics = [self.anon(t, "Analyse · Niet omstreden") for t in self.f.uncontested]
        if any(topics):
            self.h("Niet omstreden", 2)
            self.p("Onderwerpen waarover de deelnemers het eens waren.", style="quiet")
            for topic in topics:
                if topic:
                    self.p(topic, style="bullet")

    def agreements(self) -> None:
        agreements = [a for a in _captures(self.f, "agreement") if _text(a, "action")]
        self.h("Afspraken")
        if not agreements:
            self.p("Er zijn geen afspraken vastgelegd.", style="quiet")
            return
        rows = []
        for a in agreements:
            rows.append((self.anon(_text(a, "action"), "Afspraken · Actie"),
                         _code_or_text(a.data.get("owner"), self.codes, self.anon,
                                       "Afspraken · Wie") or NO_TIME,
                         _due_text(str(a.data.get("due") or "")),
                         "gedaan" if a.data.get("done") else "open"))
        self.table(("Afspraak", "Wie", "Uiterlijk", "Status"), rows, (5.2, 1.1, 1.9, 0.9))

    def reflections(self) -> None:
        reflections = [r for r in _captures(self.f, "reflection") if _text(r, "answer")]
        if not reflections:
            return
        self.h("Reflectie")
        for r in reflections:
            question = self.anon(_text(r, "question"), "Reflectie · Vraag")
            answer = self.anon(_text(r, "answer"), "Reflectie · Antwoord")
            if question:
                self.p(question, style="question")
            self.p(answer, style="answer")

    def timeline(self) -> None:
        timeline = self.f.timeline
        if timeline is None:
            return
        from casusdesk.domain.timeline import EXPERIENCE_LABELS, Source

        self.h("Levenslijn")
        self.p("Gebeurtenissen uit het leven van de cliënt, zoals besproken in het "
               "gezamenlijke interview. Tijden staan er alleen als jaar of leeftijd in.",
               style="quiet")
        copy_ = copy.deepcopy(timeline)
        copy_.birth_year = None  # with ages on a year axis the birth year would show
        for event in copy_.events:
            event.description = self.anon(event.description, "Levenslijn · Gebeurtenis") \
                or "(geen beschrijving)"
            event.note = self.anon(event.note, "Levenslijn · Toelichting")
        domains = _life_domains()
        if self.images:
            from casusdesk.services.timeline_image import render_png

            # 1600 pixels over 16.6 cm is 245 dpi: sharp on paper, and drawn in half the
            # time of the 2400 pixels of the standalone export
            drawing = _draw_in_background(render_png, copy_, MINUTES_PICTURE_SIZE[0],
                                          MINUTES_PICTURE_SIZE[1], title="Levenslijn",
                                          birth_year=None, domains=domains)
            self.blocks.append(Picture(drawing, 16.6, "Levenslijn van de cliënt "
                                                      "(geanonimiseerd)",
                                       failed_text=PICTURE_FAILED))
        labels = {d.id: d.label for d in domains}
        rows = []
        for event in copy_.ordered(None):
            feeling = f"{event.experience:+d}".replace("-", "−") if event.experience else "0"
            description = event.description
            if event.note:
                description += "\n" + event.note
            source = NO_TIME
            if not event.is_future:
                source = "cliënt" if event.source is Source.CLIENT else "professional"
            rows.append((copy_.coarsen_for_minutes(event), description,
                         labels.get(event.domain, event.domain or NO_TIME), feeling, source))
        self.table(("Wanneer", "Gebeurtenis", "Levensdomein", "Beleving", "Bron"), rows,
                   (2.0, 7.3, 3.0, 1.9, 2.4))
        low, high = EXPERIENCE_LABELS.get(-3, "dieptepunt"), EXPERIENCE_LABELS.get(3, "hoogtepunt")
        self.p(f"Beleving: van −3 ({low}) tot +3 ({high}). Bron: het verhaal van de cliënt "
               "of een bevinding van een professional.", style="quiet")

    def avg(self) -> None:
        f = self.f
        texts = f.texts["avg"]
        recipients = ", ".join(f"{p.code} ({p.function})" for p in f.participants) \
            or "(geen deelnemers)"
        values = {
            "datum": dutch_date(f.session.date),
            "bewaren_tot": dutch_date(retention_date(
                f.session.date, int(f.texts["verslag"].get("bewaartermijn_maanden", 12)))),
            "groep": self._group_for_prose(),
            "ontvangers": recipients,
        }
        self.h(str(texts.get("kop", "Privacy (AVG)")))
        for key, label in (("doel", "Doel"), ("ontvangers", "Ontvangers"),
                           ("bewaartermijn", "Bewaartermijn"),
                           ("vertrouwelijk", "Vertrouwelijkheid")):
            if texts.get(key):
                self.p(_fill(str(texts[key]), **values), label=label)

    def _group_for_prose(self) -> str:
        # the group name was anonymized in the meeting section already; reuse it
        for block in self.blocks:
            if isinstance(block, Paragraph) and block.label == "Groep":
                name = block.text
                return "de groep" if re.fullmatch(r"\[[A-Z-]+\d*\]", name) else name
        return "de groep"


#: written instead of the timeline's picture when it could not be drawn
PICTURE_FAILED = "De afbeelding van de levenslijn kon niet worden gemaakt ({reason})."


#: pixel size of the life line in the minutes (the standalone export draws 2400 x 1350)
MINUTES_PICTURE_SIZE = (1600, 900)


def _draw_in_background(draw: Callable[..., bytes], *args: Any, **kwargs: Any) -> Future[bytes]:
    """``draw(*args, **kwargs)`` in a thread of its own; its Future (the caller waits
    for it with ``result()``). The arguments are copies nobody else changes."""
    future: Future[bytes] = Future()

    def work() -> None:
        try:
            future.set_result(draw(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed to whoever waits
            future.set_exception(exc)

    threading.Thread(target=work, name="casusdesk-levenslijn", daemon=True).start()
    return future


def _life_domains() -> tuple[Any, ...]:
    try:
        from casusdesk.services.timeline_image import load_life_domains

        return tuple(load_life_domains())
    except (CasusdeskError, OSError):
        return ()


def _compose(facts: _Facts, anon: Anon, *, images: bool) -> list[Block]:
    composer = _Composer(facts, anon, images=images)
    composer.compose()
    return composer.blocks


@dataclass
class _Prepared:
    doc: MinutesDocument
    facts: _Facts
    boundary: Any
    items: list[ReviewItem]


def _prepare(store: Store, session_id: int, methods: Mapping[str, Method], *,
             clock: Clock | None, decisions: Any | None, images: bool = True,
             skip_damaged: bool = False) -> _Prepared:
    from casusdesk.services.export_boundary import SessionBoundary

    boundary = SessionBoundary(store, session_id, methods, decisions=decisions, clock=clock,
                               skip_damaged=skip_damaged)
    facts = boundary.facts
    boundary.prepare()
    blocks = _compose(facts, boundary.anonymize, images=images)
    items = [ReviewItem(r.text, r.detections, r.where) for r in boundary.items()]
    detections = [item.detections for item in items]
    date_text = dutch_date(facts.session.date)
    verslag, mail = facts.texts["verslag"], facts.texts["mail"]
    values = {"datum": date_text, "bewaren_tot": dutch_date(retention_date(
        facts.session.date, int(verslag.get("bewaartermijn_maanden", 12))))}
    subtitle = dutch_date(facts.session.date, weekday=True)
    if facts.method is not None:
        subtitle += f" · {facts.method.name}"
    doc = MinutesDocument(
        title=str(verslag.get("titel", "Verslag intervisie")),
        subtitle=subtitle,
        header_text=_fill(str(verslag.get("koptekst", "")), **values),
        footer_text=_fill(str(verslag.get("voettekst", "")), **values),
        blocks=blocks,
        replacements=sum(len(d) for d in detections),
        mail_subject=_fill(str(mail.get("onderwerp", "")), **values),
        mail_body=_fill(str(mail.get("tekst", "")), **values) + "\n",
    )
    return _Prepared(doc, facts, boundary, items)


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def anonymized_timeline(store: Store, session_id: int, *,
                        decisions: Any | None = None, boundary: Any | None = None) -> Any | None:
    """The session's timeline as it may leave the laptop, or None when there is none.

    A copy: descriptions and notes anonymized by the session's privacy boundary (the
    same known names, review decisions and placeholders as the minutes), no birth year
    (ages on a year axis would reveal it). deduce is loaded only when a text needs it.

    Raises:
        CasusdeskError: a known name or a detected or marked text would still be in it.
    """
    from casusdesk.services.export_boundary import SessionBoundary

    if boundary is None:
        boundary = SessionBoundary(store, session_id, decisions=decisions,
                                   skip_damaged=True)  # the timeline uses no capture
    if boundary.facts.timeline is None:
        return None
    timeline = copy.deepcopy(boundary.facts.timeline)
    timeline.birth_year = None
    boundary.prepare([text for e in timeline.events for text in (e.description, e.note)])
    for event in timeline.events:
        event.description = boundary.anonymize(event.description, "Levenslijn · Gebeurtenis")
        event.note = boundary.anonymize(event.note, "Levenslijn · Toelichting")
    clean = [text for e in timeline.events for text in (e.description, e.note)]
    if boundary.leaks_in_texts(clean, "drawn"):
        raise CasusdeskError("In de levenslijn staat nog een naam die niet weg kan. "
                             "Pas de beschrijving aan; er is niets opgeslagen.")
    return timeline


def build_minutes(store: Store, session_id: int, methods: Mapping[str, Method], *,
                  clock: Clock | None = None, decisions: Any | None = None,
                  skip_damaged: bool = False) -> MinutesDocument:
    """The anonymized minutes of a session as a content model.

    Args:
        store: the data folder's store.
        session_id: the session.
        methods: the method catalogue (``load_methods()``), for the method's name and
            phases when the session has no edited method of its own.
        clock: to read a timer that is still running at this clock's time; without it
            the timer counts as it was last saved.
        decisions: the review decisions (:class:`ReviewDecisions`); None reads the
            ones kept with the session (``store.get_document(id, "review")``).
        skip_damaged: leave out captures whose stored row cannot be read; without it
            such captures raise :class:`~casusdesk.services.damage.DamagedCapturesError`.

    deduce is loaded on first use (see :func:`casusdesk.services.anonymize.warm_up`).
    """
    return _prepare(store, session_id, methods, clock=clock, decisions=decisions,
                    skip_damaged=skip_damaged).doc


def review_items(store: Store, session_id: int, methods: Mapping[str, Method], *,
                 decisions: Any | None = None, skip_damaged: bool = False) -> list[ReviewItem]:
    """Every free text of the minutes with its detections, in document order.

    Each item unpacks as ``(text, detections)`` and has ``item.where`` (e.g.
    "Aantekeningen · 2. Casus en verhelderende vragen"). Placeholder numbers are those
    the export will use. With ``decisions`` None the saved decisions apply.
    """
    return _prepare(store, session_id, methods, clock=None, decisions=decisions,
                    images=False, skip_damaged=skip_damaged).items


@dataclass(frozen=True)
class DetectionGroup:
    """All occurrences of one detected text of one kind, for the review list."""

    text: str
    kind: str
    replacement: str
    count: int


def group_detections(items: Sequence[ReviewItem]) -> list[DetectionGroup]:
    """One entry per (text, kind), sorted by kind and text, with how often it occurs."""
    counts: dict[tuple[str, str], int] = {}
    replacement: dict[tuple[str, str], str] = {}
    for item in items:
        for d in item.detections:
            key = (d.text, d.kind)
            counts[key] = counts.get(key, 0) + 1
            replacement[key] = d.replacement
    return [DetectionGroup(text, kind, replacement[(text, kind)], n)
            for (text, kind), n in sorted(counts.items(),
                                          key=lambda kv: (kv[0][1], kv[0][0].lower()))]


#: Dutch names of the kinds, for the review screen
KIND_LABELS = {
    "eigen": "bekende naam", "persoon": "persoon", "plaats": "plaats of wijk",
    "instelling": "instelling of school", "datum": "datum", "leeftijd": "leeftijd",
    "telefoon": "telefoonnummer", "email": "e-mailadres", "bsn": "BSN", "iban": "IBAN",
    "postcode": "postcode", "adres": "adres", "kenteken": "kenteken", "url": "webadres",
    "nummer": "nummer", "handmatig": "zelf gemarkeerd", "account": "account",
    "naam": "naam (te controleren)", "herkomst": "land of herkomst",
}
TO_CHECK = "te controleren"


@dataclass(frozen=True)
class ReviewOverview:
    """Counts per kind of everything the export replaces, and the capitalised words it
    leaves that no Dutch word list knows (to check by the facilitator)."""

    counts: dict[str, int]
    to_check: list[tuple[str, int]]

    def summary(self) -> str:
        parts = [f"{KIND_LABELS.get(k, k)} {n}" for k, n in self.counts.items()]
        if self.to_check:
            parts.append(f"{TO_CHECK} {sum(n for _word, n in self.to_check)}")
        return " · ".join(parts) if parts else "niets gevonden"


_CHECK_WORD = re.compile(r"(?<![\w@'’-])[A-ZÀ-ÖØ-Þ][\w'’]+(?:-[\w'’]+)*")


def to_check_words(text: str, detections: Sequence[Any]) -> list[str]:
    """Capitalised words in mid-sentence outside every detection that are no frequent
    Dutch word, no function, law or keep word: maybe a name nobody recognised."""
    from casusdesk.services.anonymize import _load_word_lists, _sentence_start, lexicon

    keep = _load_word_lists()[0]
    spans = sorted((d.start, d.end) for d in detections)
    out = []
    for m in _CHECK_WORD.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in spans):
            continue
        word = m.group()
        key = word.casefold()
        if word.isupper() or re.search(r"_\d", word) or key in keep or _sentence_start(text, m.start()):
            continue
        if lexicon.is_function_word(key) or lexicon.frequency(key) >= 4.0:
            continue
        out.append(word)
    return out


def review_overview(items: Sequence[ReviewItem], safe: Sequence[str] = ()) -> ReviewOverview:
    """Counts per kind and the words to check, over the whole session. Words of ``safe``
    (the case's pseudonym: it stands in for the client's name) are never to check."""
    counts: dict[str, int] = {}
    check: dict[str, int] = {}
    safe_words = {w.casefold() for text in safe for w in re.findall(r"[\w'’-]+", text)}
    for item in items:
        for d in item.detections:
            counts[d.kind] = counts.get(d.kind, 0) + 1
        for word in to_check_words(item.text, item.detections):
            if word.casefold() not in safe_words:
                check[word] = check.get(word, 0) + 1
    ordered = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return ReviewOverview(ordered, sorted(check.items(), key=lambda kv: kv[0].casefold()))


def apply_to_kind(decisions: Any, items: Sequence[ReviewItem], kind: str, *,
                  keep: bool, safe: Sequence[str] = ()) -> int:
    """Decide for every text of one kind at once: ``keep`` leaves them all in the text,
    otherwise all are replaced. ``kind`` TO_CHECK marks (or un-marks) every word to
    check. Known names always go. Returns how many texts the decision covered."""
    if kind == "eigen":
        return 0
    if kind == TO_CHECK:
        words = review_overview(items, safe).to_check
        if not keep:
            for word, _n in words:
                decisions.mark(word, "naam")
        return len(words)
    groups = [g for g in group_detections(items) if g.kind == kind]
    if keep:
        for g in groups:
            decisions.unmark(g.text, g.kind)
        return len(groups)
    before = len(decisions.unmarked)
    decisions.unmarked = [u for u in decisions.unmarked if u.kind != kind]
    return len(groups) + before - len(decisions.unmarked)


def hidden_characters_removed(store: Store, session_id: int) -> bool:
    """Whether a text of the session held invisible or control characters (pasted from
    Word or Outlook); every export leaves them out."""
    from casusdesk.services.export_boundary import collect_hidden

    return collect_hidden(_facts(store, session_id, {}, None, None, skip_damaged=True))


def load_review_decisions(store: Store, session_id: int) -> Any:
    """The review decisions kept with the session (empty ones when there are none)."""
    return _load_decisions(store, session_id, None)


def save_review_decisions(store: Store, session_id: int, decisions: Any) -> None:
    """Keep the review decisions with the session; export honours them."""
    store.set_document(session_id, "review", decisions.to_dict())


def minutes_text(doc: MinutesDocument) -> str:
    """The whole (anonymized) minutes as plain text, e.g. for a preview."""
    lines = [doc.title, doc.subtitle, ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            lines += ["", block.text.upper() if block.level == 1 else block.text, ""]
        elif isinstance(block, Paragraph):
            prefix = {"bullet": "• ", "question": "\n"}.get(block.style, "")
            mark = f"{block.mark} " if block.mark else ""
            label = f"{block.label}: " if block.label else ""
            lines.append(f"{prefix}{mark}{label}{block.text}")
        elif isinstance(block, Table):
            lines.append(" | ".join(block.header))
            for row in block.rows:
                lines.append(" | ".join(cell.replace("\n", " / ") for cell in row))
            lines.append("")
        elif isinstance(block, Picture):
            lines.append(f"[afbeelding: {block.description}]")
    return "\n".join(lines).strip() + "\n"


def export_minutes(store: Store, session_id: int, methods: Mapping[str, Method],
                   out_path: str | os.PathLike[str], *, decisions: Any | None = None,
                   clock: Clock | None = None, skip_damaged: bool = False) -> Path:
    """Build, render, scrub and check the minutes, then write them to ``out_path``.

    Nothing is written when the check finds a known name (participant, client, alias)
    or a span the facilitator marked anywhere in the file: headers, footers, tables,
    document properties, images' descriptions, every XML part.

    Raises:
        CasusdeskError: in Dutch: a leak (naming its kind and where, never the name),
            a missing or read-only folder, a file that is open elsewhere.
        DamagedCapturesError: a capture cannot be read and ``skip_damaged`` is False.
    """
    out_path = Path(out_path)
    check_target(out_path)
    prepared = _prepare(store, session_id, methods, clock=clock, decisions=decisions,
                        skip_damaged=skip_damaged)
    data = render_docx_bytes(prepared.doc)
    return prepared.boundary.write(out_path, data, "docx", what="het verslag")


# The parts below live in their own modules; imported last, they see everything above.
from casusdesk.services.minutes.docx_render import (  # noqa: E402
    W_NS,
    _template_path,
    _new_document,
    _set_font,
    _set_colour,
    _set_language,
    _set_style,
    _style,
    _setup_styles,
    _page_setup,
    _add_field,
    _header_footer,
    _lines,
    _add_paragraph,
    _CELL_LABEL,
    _add_table,
    _add_picture,
    render_docx_bytes,
    render_docx,
)
from casusdesk.services.minutes.scrub import (  # noqa: E402
    _REL_NS,
    _CT_NS,
    _DROP_PART,
    _DROP_ELEMENTS,
    _UNWRAP_ELEMENTS,
    _DROP_SETTINGS,
    _CORE_XML,
    _APP_XML,
    _w,
    _rels_source_dir,
    _scrub_rels,
    _scrub_content_types,
    _scrub_word_part,
    _scrub_settings,
    scrub_docx,
)
from casusdesk.services.minutes.leak import (  # noqa: E402
    Leak,
    _PRINTABLE_RUN,
    _png_texts,
    _binary_texts,
    _part_texts,
    LEAK_PARTICIPANT,
    LEAK_CLIENT,
    LEAK_ALIAS,
    LEAK_FLAGGED,
    LEAK_NAME,
    find_leaks,
    _where,
    leak_message,
    check_docx,
)
from casusdesk.services.minutes.mail import (  # noqa: E402
    write_mail_draft,
    export_mail_draft,
    mail_text,
    session_mail_text,
)
