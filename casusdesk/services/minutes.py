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
import io
import os
import posixpath
import re
import tomllib
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Any, Union

from lxml import etree

from casusdesk.domain import method as methods_mod
from casusdesk.domain.clock import Clock
from casusdesk.domain.errors import CasusdeskError, DataFileError, ValidationError, os_reason
from casusdesk.domain.method import Method
from casusdesk.domain.model import PROBLEM_LEVEL_LABELS, Capture, Participant, Session, strip_invisible
from casusdesk.domain.timer import PhaseTiming, SessionTimer, format_hms
from casusdesk.paths import resource
from casusdesk.storage.repositories import Store
from casusdesk.services.files import check_target, write_atomic

MINUTES_DIR = "minutes"
TEXTS_FILE = "notulen.toml"
TEMPLATE_FILE = "sjabloon.docx"

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NO_TIME = "–"
STAR = "★"

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
    """An image (PNG bytes) with its width on the page and a description."""

    png: bytes
    width_cm: float
    description: str


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


def _timings(snapshot: Any, method: Method | None,
             clock: Clock | None) -> tuple[list[PhaseTiming], bool]:
    """Planned against actual per phase, and whether the timer ever ran.

    Without a clock the timer is read as it was last saved (a session that was never
    finished does not keep growing while the program is closed).
    """
    if isinstance(snapshot, dict) and snapshot:
        try:
            saved_at = dt.datetime.fromisoformat(str(snapshot.get("saved_at")))
            timer = SessionTimer.restore(snapshot, clock or _FrozenClock(saved_at))
            return timer.timings(), timer.started
        except (ValidationError, ValueError, TypeError):
            pass
    if method is None:
        return [], False
    return [PhaseTiming(p.id, p.title, float(p.seconds), float(p.seconds), 0.0)
            for p in method.phases], False


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


def _facts(store: Store, session_id: int, methods: Mapping[str, Method],
           clock: Clock | None, decisions: Any | None, *, skip_damaged: bool = False) -> _Facts:
    from casusdesk.services.damage import usable_captures

    session = store.get_session(session_id)
    group = store.get_group(session.group_id)
    method = _session_method(store, session, methods)
    timings, ran = _timings(store.get_document(session_id, "timer"), method, clock)
    return _Facts(
        session=session, group_name=group.name,
        participants=store.list_participants(session.group_id),
        method=method, timings=timings, timer_ran=ran,
        captures=usable_captures(store, session_id, skip_damaged=skip_damaged),
        timeline=_read_timeline(store, session_id),
        decisions=_load_decisions(store, session_id, decisions),
        texts=minutes_texts(),
    )


def _anonymizer(facts: _Facts) -> Any:
    from casusdesk.services.anonymize import CLIENT_REPLACEMENT, Anonymizer

    case = facts.session.case
    people = [(p.name, p.code) for p in facts.participants if p.name.strip() and p.code]
    return Anonymizer(people, case.known_names,
                      case.client_pseudonym.strip() or CLIENT_REPLACEMENT)


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


class _Replace:
    """Pass two: hand out the anonymized texts in the same order."""

    def __init__(self, originals: list[str], anonymized: list[str]) -> None:
        self._originals = originals
        self._anonymized = anonymized
        self._next = 0

    def __call__(self, text: str, where: str) -> str:
        text = strip_invisible(text or "").strip()
        if not text:
            return text
        if self._next >= len(self._originals) or self._originals[self._next] != text:
            raise RuntimeError("De teksten van het verslag veranderden tijdens het opbouwen.")
        result = self._anonymized[self._next]
        self._next += 1
        return result


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
        self.agenda()
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
        self.p(self.group_name(), label="Groep")
        if f.method is not None:
            self.p(f.method.name, label="Werkvorm")
        present = [p for p in f.participants if p.id in set(s.attendance)]
        self.p(f"{len(present)} van de {len(f.participants)} deelnemers", label="Aanwezig")
        bringer = next((p for p in f.participants if p.id == s.case.case_bringer_id), None)
        if bringer is not None:
            self.p(f"{bringer.code} ({bringer.function})", label="Casusinbrenger")

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
            outcome = str(m.data.get("outcome") or "").strip()
            outcome = OUTCOME_LABELS.get(outcome, vocab_or_anon(outcome,
                                                                "Issue-momenten · Uitkomst"))
            rows.append((format_hms(m.session_seconds), _phase_label(self.f, m.phase_index),
                         who or NO_TIME, "\n".join(p for p in parts if p) or NO_TIME,
                         outcome or NO_TIME))
        self.table(("Tijd", "Fase", "Wie", "Thema en wat er gebeurde", "Uitkomst"), rows,
                   (1.75, 3.4, 1.85, 7.35, 2.25))

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
            try:
                from casusdesk.services.timeline_image import render_png

                png = render_png(copy_, title="Levenslijn", birth_year=None, domains=domains)
            except (CasusdeskError, OSError) as exc:
                self.p(f"De afbeelding van de levenslijn kon niet worden gemaakt ({exc}).",
                       style="quiet")
            else:
                self.blocks.append(Picture(png, 16.6, "Levenslijn van de cliënt "
                                                      "(geanonimiseerd)"))
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
    anonymizer: Any
    items: list[ReviewItem]


def _prepare(store: Store, session_id: int, methods: Mapping[str, Method], *,
             clock: Clock | None, decisions: Any | None, images: bool = True,
             skip_damaged: bool = False) -> _Prepared:
    facts = _facts(store, session_id, methods, clock, decisions, skip_damaged=skip_damaged)
    anonymizer = _anonymizer(facts)
    collect = _Collect()
    _compose(facts, collect, images=False)
    originals = [text for _where, text in collect.items]
    detections = anonymizer.detect_document(originals, facts.decisions)
    anonymized = [anonymizer.apply(text, dets) for text, dets in zip(originals, detections)]
    blocks = _compose(facts, _Replace(originals, anonymized), images=images)
    items = [ReviewItem(text, dets, where)
             for (where, text), dets in zip(collect.items, detections)]
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
    return _Prepared(doc, facts, anonymizer, items)


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def anonymized_timeline(store: Store, session_id: int, *,
                        decisions: Any | None = None) -> Any | None:
    """The session's timeline as it may leave the laptop, or None when there is none.

    A copy: descriptions and notes anonymized with the same known names and review
    decisions as the minutes, no birth year (ages on a year axis would reveal it).

    Raises:
        CasusdeskError: a known name or a marked text would still be in it.
    """
    from casusdesk.services.anonymize import leak_check

    facts = _facts(store, session_id, {}, None, decisions, skip_damaged=True)  # no captures used
    if facts.timeline is None:
        return None
    anonymizer = _anonymizer(facts)
    timeline = copy.deepcopy(facts.timeline)
    timeline.birth_year = None
    texts = [strip_invisible(text) for e in timeline.events for text in (e.description, e.note)]
    found = anonymizer.detect_document(texts, facts.decisions)
    clean = [anonymizer.apply(t, d) for t, d in zip(texts, found)]
    for event, description, note in zip(timeline.events, clean[0::2], clean[1::2]):
        event.description, event.note = description, note
    if leak_check(clean, _forbidden(anonymizer, facts)):
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
    forbidden = _forbidden(prepared.anonymizer, prepared.facts)
    leaks = find_leaks(data, forbidden, kind_of=lambda t: _leak_kind(t, prepared.facts))
    if leaks:
        raise CasusdeskError(leak_message(leaks))
    return write_atomic(out_path, data, what="het verslag")


# ---------------------------------------------------------------------------
# Rendering with python-docx
# ---------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _template_path() -> Path | None:
    try:
        path = resource(MINUTES_DIR, TEMPLATE_FILE)
    except FileNotFoundError:
        return None
    return path if path.is_file() else None


def _new_document() -> Any:
    import docx

    template = _template_path()
    try:
        document = docx.Document(str(template)) if template else docx.Document()
    except Exception as exc:  # a broken house-style template
        raise DataFileError(f"{TEMPLATE_FILE} in resources/minutes kan niet worden geopend "
                            f"({exc}). Verwijder of vervang het sjabloon.") from None
    body = document.element.body
    for child in list(body):
        if child.tag != f"{{{W_NS}}}sectPr":
            body.remove(child)
    return document


def _set_font(style_or_run: Any, name: str) -> None:
    """Set one font for every script, and drop theme fonts that would override it."""
    from docx.oxml.ns import qn

    style_or_run.font.name = name
    rpr = style_or_run.element.get_or_add_rPr() if hasattr(style_or_run.element,
                                                            "get_or_add_rPr") \
        else style_or_run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:  # pragma: no cover - font.name creates it
        return
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _set_colour(style: Any, hex_colour: str) -> None:
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    style.font.color.rgb = RGBColor.from_string(hex_colour)
    colour = style.element.rPr.find(qn("w:color"))
    if colour is not None:
        for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
            colour.attrib.pop(qn(attr), None)


def _set_language(document: Any) -> None:
    """Dutch for spelling and hyphenation, in the defaults and the settings."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "nl-NL")
    lang.set(qn("w:eastAsia"), "en-US")
    lang.set(qn("w:bidi"), "ar-SA")
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), "nl-NL")
    decimal = settings.find(qn("w:decimalSymbol"))
    if decimal is not None:
        decimal.set(qn("w:val"), ",")
    separator = settings.find(qn("w:listSeparator"))
    if separator is not None:
        separator.set(qn("w:val"), ";")


def _set_style(paragraph: Any, style: Any) -> None:
    """Set a paragraph style by id; python-docx's own setter searches every style."""
    paragraph._p.style = style.style_id


def _style(document: Any, name: str, fallback: str = "Normal") -> Any:
    try:
        return document.styles[name]
    except KeyError:
        return document.styles[fallback]


def _setup_styles(document: Any, look: Mapping[str, Any]) -> None:
    from docx.shared import Pt

    font = str(look.get("lettertype", "Arial"))
    heading_colour = str(look.get("kleur_kop", "1F3864"))
    normal = document.styles["Normal"]
    _set_font(normal, font)
    normal.font.size = Pt(float(look.get("tekstgrootte", 10.5)))
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.15
    sizes = {"Title": float(look.get("titel_grootte", 22)),
             "Heading 1": float(look.get("kop1_grootte", 15)),
             "Heading 2": float(look.get("kop2_grootte", 12))}
    for name, size in sizes.items():
        style = _style(document, name)
        if style.name != name:
            continue
        _set_font(style, font)
        style.font.size = Pt(size)
        style.font.bold = True
        _set_colour(style, heading_colour)
    h1 = _style(document, "Heading 1")
    h1.paragraph_format.space_before = Pt(16)
    h1.paragraph_format.space_after = Pt(4)
    h2 = _style(document, "Heading 2")
    h2.paragraph_format.space_before = Pt(10)
    h2.paragraph_format.space_after = Pt(2)
    title = _style(document, "Title")
    title.paragraph_format.space_after = Pt(2)
    for name in ("Subtitle", "Header", "Footer", "List Bullet"):
        style = _style(document, name)
        if style.name == name:
            _set_font(style, font)
    subtitle = _style(document, "Subtitle")
    if subtitle.name == "Subtitle":
        subtitle.font.italic = False
        subtitle.font.size = Pt(12)
        _set_colour(subtitle, "404040")
    for name in ("Header", "Footer"):
        style = _style(document, name)
        style.font.size = Pt(8.5)
        _set_colour(style, "595959")
    _set_language(document)


def _page_setup(document: Any) -> None:
    from docx.shared import Cm

    for section in document.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin = Cm(2.0)
        section.bottom_margin = Cm(2.0)
        section.header_distance = section.footer_distance = Cm(1.0)


def _add_field(paragraph: Any, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def fld_char(kind: str) -> Any:
        run = paragraph.add_run()
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)
        return run

    fld_char("begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    fld_char("separate")
    paragraph.add_run(placeholder)
    fld_char("end")


def _header_footer(document: Any, doc: MinutesDocument) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.enum.text import WD_TAB_ALIGNMENT

    section = document.sections[0]
    usable = section.page_width - section.left_margin - section.right_margin
    header = section.header
    if doc.header_text:
        paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
        if paragraph.text.strip():  # a house-style header: put ours below it
            paragraph = header.add_paragraph()
        paragraph.style = _style(document, "Header")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.add_run(doc.header_text)
    footer = section.footer
    for paragraph in list(footer.paragraphs):
        paragraph._p.getparent().remove(paragraph._p)
    footer_style = _style(document, "Footer")
    footer_style.paragraph_format.tab_stops.clear_all()  # the template's centre/right tabs
    paragraph = footer.add_paragraph()
    paragraph.style = footer_style
    paragraph.paragraph_format.tab_stops.add_tab_stop(usable, WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run(f"{doc.footer_text}\tPagina ")
    _add_field(paragraph, "PAGE", "1")
    paragraph.add_run(" van ")
    _add_field(paragraph, "NUMPAGES", "1")


def _lines(text: str) -> list[str]:
    """Paragraph texts of a multi-line text: blank lines and line breaks both split."""
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def _add_paragraph(document: Any, block: Paragraph, look: Mapping[str, Any]) -> Any:
    """Add the paragraph(s) of a block; return the last one."""
    from docx.shared import Pt, RGBColor

    lines = _lines(block.text) or [""]
    style_name = "List Bullet" if block.style == "bullet" else "Normal"
    for number, line in enumerate(lines):
        paragraph = document.add_paragraph()
        if style_name != "Normal":
            _set_style(paragraph, _style(document, style_name))
        if block.style == "question":
            paragraph.paragraph_format.space_before = Pt(8)
            paragraph.paragraph_format.space_after = Pt(1)
            paragraph.paragraph_format.keep_with_next = True
        if number == 0 and block.mark:
            mark = paragraph.add_run(f"{block.mark} ")
            mark.bold = True
            mark.font.color.rgb = RGBColor.from_string(str(look.get("kleur_accent", "B45309")))
        if number == 0 and block.label:
            label = paragraph.add_run(f"{block.label}: ")
            label.bold = True
        run = paragraph.add_run(line)
        if block.style == "question":
            run.bold = True
        if block.style == "quiet":
            run.italic = True
            run.font.size = Pt(9)
            run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
        if block.style == "bullet" and number > 0:
            paragraph._p.style = None
            paragraph.paragraph_format.left_indent = Pt(18)
        if len(lines) > 1 and number < len(lines) - 1:
            paragraph.paragraph_format.space_after = Pt(2)
    return paragraph


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tc_pr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc_pr.append(shading)


def _row_flags(row: Any, *, header: bool = False, keep_with_next: bool = False) -> None:
    """Mark a row as header (repeated on every page) and/or unsplittable, and keep
    its paragraphs with the next row when asked."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader") if header else ("w:cantSplit",):
        element = OxmlElement(tag)
        element.set(qn("w:val"), "true")
        tr_pr.append(element)
    if keep_with_next:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def _cell_margins(table: Any, top: int = 45, side: int = 90) -> None:
    """Some air inside the cells (twips)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for edge, value in (("top", top), ("left", side), ("bottom", top), ("right", side)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(value))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    # the schema's order: tblCellMar comes before tblLook, tblCaption, tblDescription
    later = [tbl_pr.find(qn(f"w:{tag}")) for tag in ("tblLook", "tblCaption", "tblDescription")]
    later = [element for element in later if element is not None]
    if later:
        later[0].addprevious(margins)
    else:
        tbl_pr.append(margins)


#: lead-ins inside a table cell that are set in bold ("Thema: ...")
_CELL_LABEL = re.compile(r"^(Thema|Frames|Citaat|Toelichting): ")


def _fill_cell(cell: Any, text: str, *, bold: bool = False) -> None:
    from docx.shared import Pt

    lines = _lines(text) or [""]
    first = cell.paragraphs[0]
    for number, line in enumerate(lines):
        paragraph = first if number == 0 else cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(2 if number < len(lines) - 1 else 0)
        label = _CELL_LABEL.match(line)
        if label and not bold:
            paragraph.add_run(label.group()).bold = True
            line = line[label.end():]
        run = paragraph.add_run(line)
        run.bold = bold


def _add_table(document: Any, block: Table, look: Mapping[str, Any]) -> None:
    from docx.shared import Pt

    section = document.sections[0]
    usable = section.page_width - section.left_margin - section.right_margin
    n_cols = len(block.header)
    widths = list(block.widths) if len(block.widths) == n_cols else [1.0] * n_cols
    total = sum(widths) or 1.0
    emu = [int(usable * w / total) for w in widths]
    table = document.add_table(rows=1, cols=n_cols)
    table.style = _style(document, "Table Grid", "Normal Table")
    table.autofit = False
    header_fill = str(look.get("kleur_tabelkop", "DCE3EE"))
    for i, text in enumerate(block.header):
        cell = table.rows[0].cells[i]
        _fill_cell(cell, text, bold=True)
        _shade(cell, header_fill)
    _row_flags(table.rows[0], header=True, keep_with_next=True)
    # a small table stays on one page; a long one at least keeps two rows together
    short = len(block.rows) <= 10 and sum(len(c) for r in block.rows for c in r) < 700
    for number, row in enumerate(block.rows):
        added = table.add_row()
        cells = added.cells
        last = number == len(block.rows) - 1
        bold = block.bold_last and last
        for i in range(n_cols):
            _fill_cell(cells[i], row[i] if i < len(row) else "", bold=bold)
        _row_flags(added, keep_with_next=(short and not last) or number == 0)
    _cell_margins(table)
    for i, width in enumerate(emu):
        table.columns[i].width = width
        for cell in table.columns[i].cells:
            cell.width = width
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9.5)
    spacer = document.add_paragraph()
    spacer.paragraph_format.space_after = Pt(2)


def _add_picture(document: Any, block: Picture) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    section = document.sections[0]
    usable_cm = (section.page_width - section.left_margin - section.right_margin) / 360000
    width = Cm(min(block.width_cm, usable_cm))
    document.add_picture(io.BytesIO(block.png), width=width)
    paragraph = document.paragraphs[-1]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for doc_pr in paragraph._p.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"):
        doc_pr.set("name", "Afbeelding")
        doc_pr.set("descr", block.description)
    for pic_pr in paragraph._p.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/picture}cNvPr"):
        pic_pr.set("name", "afbeelding.png")


def render_docx_bytes(doc: MinutesDocument) -> bytes:
    """The minutes as a scrubbed .docx, in memory."""
    texts = minutes_texts()
    look = texts["opmaak"]
    document = _new_document()
    _setup_styles(document, look)
    _page_setup(document)
    document.add_paragraph(doc.title, style=_style(document, "Title"))
    subtitle = _style(document, "Subtitle")
    document.add_paragraph(doc.subtitle, style=subtitle)
    for number, block in enumerate(doc.blocks):
        if isinstance(block, Heading):
            paragraph = document.add_paragraph(block.text)
            _set_style(paragraph, _style(document, f"Heading {max(1, min(block.level, 3))}"))
        elif isinstance(block, Paragraph):
            last = _add_paragraph(document, block, look)
            following = doc.blocks[number + 1] if number + 1 < len(doc.blocks) else None
            if isinstance(following, (Table, Picture)):  # an intro stays with its table
                last.paragraph_format.keep_with_next = True
        elif isinstance(block, Table):
            _add_table(document, block, look)
        elif isinstance(block, Picture):
            _add_picture(document, block)
    _header_footer(document, doc)
    buffer = io.BytesIO()
    document.save(buffer)
    return scrub_docx(buffer.getvalue())


def render_docx(doc: MinutesDocument, path: str | os.PathLike[str]) -> Path:
    """Write the minutes as a scrubbed .docx (no leak check: use :func:`export_minutes`)."""
    return write_atomic(Path(path), render_docx_bytes(doc), what="het verslag")


# ---------------------------------------------------------------------------
# Scrubbing the package
# ---------------------------------------------------------------------------

_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"

#: parts that never go out: custom properties, comments (and their people), the
#: thumbnail of the template, custom XML data, Word 2010's duplicate style sheet
_DROP_PART = re.compile(
    r"^(docProps/custom\.xml|docProps/thumbnail\.[a-z]+|customXml/.*"
    r"|word/comments[A-Za-z]*\.xml|word/people\.xml|word/stylesWithEffects\.xml"
    r"|word/_rels/comments[A-Za-z]*\.xml\.rels)$")

#: tracked changes and comment anchors: removed with their content ...
_DROP_ELEMENTS = ("del", "moveFrom", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange",
                  "trPrChange", "tcPrChange", "tblGridChange", "numberingChange", "cellDel",
                  "cellMerge", "commentRangeStart", "commentRangeEnd", "commentReference",
                  "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
                  "moveToRangeEnd", "customXmlDelRangeStart", "customXmlDelRangeEnd",
                  "customXmlInsRangeStart", "customXmlInsRangeEnd")
#: ... and insertions accepted: the element goes, its content stays
_UNWRAP_ELEMENTS = ("ins", "moveTo", "cellIns")
#: settings that carry a path, a user or a change history
_DROP_SETTINGS = ("attachedTemplate", "trackRevisions", "rsids", "docVars",
                  "mailMerge", "documentProtection")

_CORE_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title></dc:title><dc:subject></dc:subject><dc:creator></dc:creator>"
    "<cp:keywords></cp:keywords><dc:description></dc:description>"
    "<cp:lastModifiedBy></cp:lastModifiedBy><cp:revision>1</cp:revision>"
    "<cp:category></cp:category></cp:coreProperties>"
)
_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    'docPropsVTypes"><Application>casusdesk</Application><DocSecurity>0</DocSecurity>'
    "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _rels_source_dir(rels_name: str) -> str:
    """``word/_rels/document.xml.rels`` → ``word``; ``_rels/.rels`` → ``""``."""
    folder = posixpath.dirname(posixpath.dirname(rels_name))
    return folder


def _scrub_rels(name: str, data: bytes, dropped: set[str]) -> bytes:
    root = etree.fromstring(data)
    base = _rels_source_dir(name)
    for rel in list(root):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        path = target.lstrip("/") if target.startswith("/") else \
            posixpath.normpath(posixpath.join(base, target))
        if path in dropped:
            root.remove(rel)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _scrub_content_types(data: bytes, dropped: set[str]) -> bytes:
    root = etree.fromstring(data)
    for override in list(root):
        if override.tag == f"{{{_CT_NS}}}Override" and \
                override.get("PartName", "").lstrip("/") in dropped:
            root.remove(override)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _scrub_word_part(data: bytes) -> bytes:
    root = etree.fromstring(data)
    for local in _DROP_ELEMENTS:
        for element in list(root.iter(_w(local))):
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
    for local in _UNWRAP_ELEMENTS:
        for element in list(root.iter(_w(local))):
            parent = element.getparent()
            if parent is None:
                continue
            if parent.tag in (_w("rPr"), _w("trPr"), _w("tcPr")):
                parent.remove(element)  # a revision mark, not a container
                continue
            index = parent.index(element)
            for child in list(element):
                parent.insert(index, child)
                index += 1
            parent.remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _scrub_settings(data: bytes) -> bytes:
    root = etree.fromstring(data)
    for local in _DROP_SETTINGS:
        for element in list(root.iter(_w(local))):
            element.getparent().remove(element)
    # Word removes personal data from what a recipient later adds (comments, changes)
    anchor_index = 0
    for i, child in enumerate(root):
        if child.tag in (_w("writeProtection"), _w("view"), _w("zoom")):
            anchor_index = i + 1
    for local in ("removeDateAndTime", "removePersonalInformation"):
        if root.find(_w(local)) is None:
            root.insert(anchor_index, etree.Element(_w(local)))
    # keep the order of the schema: removePersonalInformation before removeDateAndTime
    rpi, rdt = root.find(_w("removePersonalInformation")), root.find(_w("removeDateAndTime"))
    if root.index(rpi) > root.index(rdt):
        root.remove(rpi)
        root.insert(root.index(rdt), rpi)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def scrub_docx(data: bytes) -> bytes:
    """A copy of a .docx package without personal metadata.

    Core properties emptied (no author, last modified by, title, subject, comments,
    keywords, category, dates; revision 1), a neutral app.xml, no custom properties,
    comments, people, thumbnail or custom XML; tracked changes accepted (insertions
    kept, deletions gone) and their authors with them; no template path or revision ids
    in the settings. Zip entries get a fixed timestamp.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = source.namelist()
        dropped = {n for n in names if _DROP_PART.match(n)}
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name in names:
                if name in dropped:
                    continue
                content = source.read(name)
                if name.endswith(".rels"):
                    content = _scrub_rels(name, content, dropped)
                elif name == "[Content_Types].xml":
                    content = _scrub_content_types(content, dropped)
                elif name == "docProps/core.xml":
                    content = _CORE_XML.encode("utf-8")
                elif name == "docProps/app.xml":
                    content = _APP_XML.encode("utf-8")
                elif name == "word/settings.xml":
                    content = _scrub_settings(content)
                elif name.startswith("word/") and name.endswith(".xml"):
                    content = _scrub_word_part(content)
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                target.writestr(info, content)
    return out.getvalue()


# ---------------------------------------------------------------------------
# Leak check: read every part of the produced file
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Leak:
    """Something that must not be in the file. ``kind`` is a Dutch description."""

    kind: str
    part: str


_PRINTABLE_RUN = re.compile(rb"[\x20-\x7e\xa0-\xff]{8,}")


def _png_texts(data: bytes) -> list[str]:
    """The text chunks (tEXt, zTXt, iTXt, eXIf) of a PNG."""
    import zlib

    texts, pos = [], 8
    while pos + 8 <= len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        try:
            if kind == b"tEXt":
                texts.append(body.decode("latin-1"))
            elif kind == b"zTXt":
                key, _, rest = body.partition(b"\0")
                texts.append(key.decode("latin-1") + " "
                             + zlib.decompress(rest[1:]).decode("latin-1"))
            elif kind == b"iTXt":
                key, _, rest = body.partition(b"\0")
                compressed, rest = rest[:1], rest[2:]
                _lang, _, rest = rest.partition(b"\0")
                _tkey, _, rest = rest.partition(b"\0")
                value = zlib.decompress(rest) if compressed == b"\1" else rest
                texts.append(key.decode("latin-1") + " " + value.decode("utf-8", "replace"))
            elif kind == b"eXIf":
                texts.extend(m.decode("latin-1") for m in _PRINTABLE_RUN.findall(body))
        except (zlib.error, ValueError):
            texts.append(body.decode("latin-1"))
    return texts


def _binary_texts(data: bytes) -> list[str]:
    """Readable metadata of an image or other binary part.

    PNG: its text chunks. Anything else (JPEG comments and EXIF, EMF ...): runs of
    at least eight printable characters, in Latin-1 and UTF-16. Compressed pixel data
    is not scanned as text: it would give random hits for short names.
    """
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return _png_texts(data)
    texts = [m.decode("latin-1") for m in _PRINTABLE_RUN.findall(data)]
    texts += [m.decode("utf-16-le", "ignore")
              for m in re.findall(rb"(?:[\x20-\x7e]\x00){8,}", data)]
    return texts


def _part_texts(name: str, data: bytes) -> list[str]:
    """Every readable text of a part: the raw XML (attributes too), the text of each
    paragraph with its runs joined, and the part name itself."""
    texts = [name]
    if name.endswith((".xml", ".rels")) or data.lstrip()[:5] == b"<?xml":
        raw = data.decode("utf-8", errors="replace")
        texts.append(raw)
        try:
            root = etree.fromstring(data)
        except etree.XMLSyntaxError:
            return texts
        paragraphs = list(root.iter(_w("p")))
        for paragraph in paragraphs:
            texts.append("".join(t.text or "" for t in paragraph.iter(_w("t"), _w("instrText"))))
        if not paragraphs:
            texts.append(" ".join(t.strip() for t in root.itertext()))
        texts.extend(v for element in root.iter() for v in element.attrib.values())
    else:  # images and other binaries: only their metadata can hold a name
        texts.extend(_binary_texts(data))
    return texts


LEAK_PARTICIPANT = "de naam van een deelnemer"
LEAK_CLIENT = "de naam van de cliënt"
LEAK_ALIAS = "een bijnaam van de cliënt"
LEAK_FLAGGED = "een tekst die u bij de controle hebt gemarkeerd"
LEAK_NAME = "een naam die niet in het verslag mag staan"


def find_leaks(data: bytes, forbidden: Sequence[str],
               kind_of: Callable[[str], str] | None = None) -> list[Leak]:
    """Open a .docx (bytes) as a zip, read every part, and return what leaked.

    ``forbidden`` are names and marked texts (see
    :meth:`~casusdesk.services.anonymize.Anonymizer.forbidden_terms`); they are matched
    as :func:`~casusdesk.services.anonymize.leak_check` does (whole words, any case,
    possessives too; an ordinary word such as "Roos" only with a capital). ``kind_of``
    turns a found term into the Dutch kind for the message. One Leak per kind and part.

    Raises:
        CasusdeskError: the bytes are not a readable .docx.
    """
    from casusdesk.services.anonymize import leak_check

    terms = [t for t in (" ".join(t.split()) for t in forbidden) if len(t) >= 2]
    if not terms:
        return []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = [(name, [strip_invisible(t) for t in _part_texts(name, package.read(name))])
                     for name in package.namelist()]
    except (zipfile.BadZipFile, OSError, KeyError) as exc:
        raise CasusdeskError(f"Het verslag kon niet worden gecontroleerd ({exc}).") from None
    found: dict[tuple[str, str], Leak] = {}
    for name, texts in parts:
        for term in leak_check(texts, terms):
            kind = kind_of(term) if kind_of is not None else LEAK_NAME
            found.setdefault((kind, name), Leak(kind, name))
    return list(found.values())


def _where(part: str) -> str:
    if part.startswith("word/header"):
        return "in de koptekst"
    if part.startswith("word/footer"):
        return "in de voettekst"
    if part.startswith("docProps/"):
        return "in de documenteigenschappen"
    if part.startswith("word/comments"):
        return "in een opmerking"
    if part.startswith("word/media/"):
        return "in een afbeelding"
    if part in ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml"):
        return "in de tekst"
    return f"in een onderdeel van het bestand ({part})"


def leak_message(leaks: Sequence[Leak]) -> str:
    """A Dutch message that names the kind of leak and where, never the name itself."""
    lines = ["Het verslag is niet opgeslagen: de controle vond nog persoonsgegevens."]
    for leak in leaks:
        lines.append(f"- {leak.kind[0].upper()}{leak.kind[1:]} staat nog {_where(leak.part)}.")
    lines.append("Controleer de herkende namen in het controlescherm (markeer wat gemist is) "
                 "en exporteer opnieuw.")
    return "\n".join(lines)


def check_docx(data: bytes, forbidden: Sequence[str],
               kind_of: Callable[[str], str] | None = None) -> None:
    """Raise CasusdeskError (Dutch, no names) if a forbidden term occurs in any part."""
    leaks = find_leaks(data, forbidden, kind_of)
    if leaks:
        raise CasusdeskError(leak_message(leaks))


# ---------------------------------------------------------------------------
# Writing files safely
# ---------------------------------------------------------------------------


# ---------------------------------------------------------------------------
# Mail draft
# ---------------------------------------------------------------------------


def write_mail_draft(docx_path: str | os.PathLike[str], out_eml_path: str | os.PathLike[str],
                     *, subject: str, body: str) -> Path:
    """Write an ``.eml`` mail draft with the document attached.

    The header ``X-Unsent: 1`` makes Outlook (and Thunderbird) open it as a new message
    to complete and send; there is no To or From: the facilitator chooses the
    recipients in the mail program. Nothing is sent from here.

    Raises:
        CasusdeskError: the document cannot be read or the draft cannot be written.
    """
    docx_path = Path(docx_path)
    try:
        attachment = docx_path.read_bytes()
    except OSError as exc:
        raise CasusdeskError(f"Kan het verslag {docx_path} niet lezen: "
                             f"{os_reason(exc)}.") from None
    message = EmailMessage()
    message["Subject"] = " ".join(subject.split())
    message["X-Unsent"] = "1"
    message.set_content(body if body.endswith("\n") else body + "\n")
    maintype, subtype = DOCX_MIME.split("/")
    message.add_attachment(attachment, maintype=maintype, subtype=subtype,
                           filename=docx_path.name)
    return write_atomic(Path(out_eml_path), message.as_bytes(policy=SMTP), what="het e-mailconcept")


def mail_text(doc: MinutesDocument) -> tuple[str, str]:
    """(subject, body) proposed for the mail draft of these minutes."""
    return doc.mail_subject, doc.mail_body


def session_mail_text(store: Store, session_id: int) -> tuple[str, str]:
    """(subject, body) for the mail draft of a session, without building the minutes
    (no deduce needed): the texts of ``[mail]`` in notulen.toml with the date filled in."""
    session = store.get_session(session_id)
    texts = minutes_texts()
    values = {"datum": dutch_date(session.date), "bewaren_tot": dutch_date(retention_date(
        session.date, int(texts["verslag"].get("bewaartermijn_maanden", 12))))}
    return (_fill(str(texts["mail"].get("onderwerp", "")), **values),
            _fill(str(texts["mail"].get("tekst", "")), **values) + "\n")
