"""A live session: the method as run today, its timer and its captures.

Every action (start, pause, next, +1 minute ...) stores the timer's snapshot, and
every capture is stored the moment it is made, so killing the program loses
nothing. Reading the timer (``remaining()``, ``state()``) touches no file and no
database: the console can repaint as often as it likes.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any

from casusdesk.domain import method as methods_mod
from casusdesk.domain.clock import Clock
from casusdesk.domain.errors import ValidationError
from casusdesk.domain.method import Method, Phase
from casusdesk.domain.model import MAX_LONG_TEXT, Capture, Session, strip_invisible
from casusdesk.domain.timer import (
    STATE_LABELS, SessionTimer, format_hms, format_mmss, wall_gap,
)
from casusdesk.storage.db import StorageError
from casusdesk.storage.repositories import Store

#: longest note per phase, in characters (a pasted report fits; a pasted database dump not)
MAX_NOTE_TEXT = MAX_LONG_TEXT
#: longest text per field of a capture (a question, a tip, an agreement ...)
MAX_CAPTURE_TEXT = 10_000
#: how long a write from the console waits for a store another program holds, in ms;
#: short, so a locked store never freezes the window (the write is retried instead)
CONSOLE_BUSY_TIMEOUT_MS = 200
#: seconds between retries of a write that failed
RETRY_SECONDS = 3.0
#: a new edit retries a failed write sooner, but not more often than this
EDIT_RETRY_SECONDS = 1.0
#: a console reopened after more than this while its meeting was not ended asks
#: whether the meeting went on; shorter gaps (a crash, a restart) count as meeting time
RESUME_ASK_SECONDS = 15 * 60


@dataclass
class _Pending:
    what: str  # Dutch, for the banner: "de notitie bij fase 2"; "" for a plain retry
    write: Callable[[], None]


class WriteQueue:
    """Writes of the console that are not stored yet: stored as soon as they can be.

    ``put`` replaces an earlier write with the same key (the newest note text wins);
    ``flush`` stores what is due, in order, and stops at the first failure, which it
    remembers (``error``) and retries ``RETRY_SECONDS`` later. Nothing is dropped
    until it was stored.
    """

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._pending: dict[Hashable, _Pending] = {}
        self._next_try = 0.0
        self._last_try: float | None = None
        #: the reason the last write failed (Dutch), or None when all is stored
        self.error: str | None = None

    def put(self, key: Hashable, what: str, write: Callable[[], None]) -> None:
        self._pending[key] = _Pending(what, write)
        now = self._clock.monotonic()
        if self.error is None or self._last_try is None:
            self._next_try = now
        else:
            self._next_try = min(self._next_try, self._last_try + EDIT_RETRY_SECONDS)

    @property
    def pending(self) -> bool:
        return bool(self._pending)

    def due(self) -> bool:
        return bool(self._pending) and self._clock.monotonic() >= self._next_try

    def unsaved(self) -> list[str]:
        """What is waiting to be stored, in Dutch, for the facilitator."""
        return [p.what for p in self._pending.values() if p.what]

    def failed(self, exc: Exception) -> None:
        """A write outside the queue failed: retry the queue later, remember why."""
        now = self._clock.monotonic()
        self._last_try = now
        self._next_try = now + RETRY_SECONDS
        self.error = str(exc)

    def flush(self, *, force: bool = False) -> bool:
        """Store what is pending; True when nothing is left. ``force``: even if not due."""
        if not self._pending:
            return True
        if not force and not self.due():
            return False
        now = self._clock.monotonic()
        self._last_try = now
        for key in list(self._pending):
            item = self._pending[key]
            try:
                item.write()
            except (StorageError, OSError) as exc:
                self._next_try = now + RETRY_SECONDS
                self.error = str(exc)
                return False
            if self._pending.get(key) is item:
                del self._pending[key]
        self.error = None
        return True


def method_for_session(store: Store, session_id: int,
                       methods: Mapping[str, Method]) -> Method | None:
    """The method as this session runs it: its own edited copy, else the catalogue's."""
    session = store.get_session(session_id)
    saved = store.get_document(session_id, "method")
    if saved and saved.get("id") == session.method_id:
        return methods_mod.from_dict(saved)
    return methods.get(session.method_id)


def method_change_refusal(store: Store, session_id: int) -> str | None:
    """Why another method cannot be chosen for this session now (Dutch), or None.

    Once the timer ran or something was captured, the phases are recorded: a new method
    would start a new timer and leave the captures in phases that no longer match.
    """
    snapshot = store.get_document(session_id, "timer")
    if snapshot and snapshot.get("status") not in (None, "not_started"):
        return ("De methode blijft zoals hij was: deze bijeenkomst is al begonnen, en een "
                "andere methode zou de tijden per fase wissen. Pas de tijd aan met +1 / -1 "
                "minuut in de console, of maak een nieuwe bijeenkomst.")
    if store.session_capture_count(session_id):
        return ("De methode blijft zoals hij was: er is al vastgelegd bij de fasen van deze "
                "methode. Maak een nieuwe bijeenkomst voor een andere methode.")
    return None


def set_method_for_session(store: Store, session_id: int, method: Method) -> None:
    """Keep an edited copy of the method with the session (durations, order, phases).

    Refused once the session has started: then +1 / -1 minute is the way to change time.
    """
    snapshot = store.get_document(session_id, "timer")
    if snapshot and snapshot.get("status") != "not_started":
        raise ValidationError(
            "Deze bijeenkomst is al begonnen: pas de tijd aan met +1 / -1 minuut in de console.")
    methods_mod.validate_method(method)
    session = store.get_session(session_id)
    if session.method_id != method.id:
        session.method_id = method.id
        store.save_session(session)
    store.set_document(session_id, "method", methods_mod.to_dict(method))
    store.set_document(session_id, "timer", None)


class LiveSession:
    """Runs one session: timer actions, captures, and the method for today."""

    def __init__(self, store: Store, session_id: int, methods: Mapping[str, Method],
                 clock: Clock) -> None:
        self.store = store.with_busy_timeout(CONSOLE_BUSY_TIMEOUT_MS)
        self.clock = clock
        self.writes = WriteQueue(clock)
        #: the timer action refused last because it could not be stored (for the banner)
        self.refused: str | None = None
        self._note_texts: dict[int, str] = {}  # typed, not yet stored
        self._notes: dict[int, Capture] = {}  # stored note per phase
        self.session: Session = store.get_session(session_id)
        method = method_for_session(store, session_id, methods)
        if method is not None:
            self.method = method
        else:
            raise ValidationError(
                "Kies eerst een methode voor deze bijeenkomst (bij de gegevens van de bijeenkomst).")
        #: the stored timer when the console was closed long enough to ask what happened
        #: in between (see :meth:`resolve_gap`); None when there is nothing to ask
        self._closed: dict | None = None
        #: why the stored timer could not be used (Dutch), "" when it could or there was
        #: none; while set, the stored timer is kept until the facilitator starts anew
        self.timer_unreadable = ""
        snapshot = store.get_document(session_id, "timer")
        if "timer" in store.damaged_documents(session_id):
            self.timer_unreadable = "de opgeslagen timer is beschadigd"
        self.timer = SessionTimer.for_method(self.method, clock)
        if snapshot:
            long_gap = (snapshot.get("status") in ("running", "paused")
                        and wall_gap(snapshot, clock) > RESUME_ASK_SECONDS)
            try:
                # until the facilitator answers, the console's closed time counts not
                restored = SessionTimer.restore(snapshot, clock, gap=0 if long_gap else None)
            except ValidationError as exc:
                reason = str(exc).rstrip(".")
                self.timer_unreadable = reason[:1].lower() + reason[1:]
            else:
                if len(restored.phases) != len(self.method.phases):
                    self.timer_unreadable = ("de opgeslagen timer past niet bij de fasen van "
                                             "de werkvorm")
                else:
                    self.timer = restored
                    if long_gap:
                        self._closed = snapshot

    @property
    def id(self) -> int:
        assert self.session.id is not None
        return self.session.id

    @property
    def phase(self) -> Phase:
        return self.method.phases[self.timer.index]

    # -- timer actions: each one is stored --------------------------------------
    def _saved(self) -> None:
        self.store.set_document(self.id, "timer", self.timer.snapshot())
        self.timer_unreadable = ""

    def _act(self, what: str, action: Callable[[], Any]) -> Any:
        """Do a timer action and store it; if it cannot be stored, undo it.

        The screen must never show a timer the store does not have: on a failed write
        the timer goes back to how it was, the refusal is remembered for the banner,
        and the StorageError is raised for the caller.
        """
        before = copy.deepcopy(self.timer, {id(self.clock): self.clock})
        result = action()
        try:
            self._saved()
        except StorageError as exc:
            self.timer = before
            self.refused = what
            # once the store takes writes again, this retry clears the banner
            self.writes.put("timer", "", self._saved)
            self.writes.failed(exc)
            raise
        self.refused = None
        if self.writes.pending:
            self.save_pending(force=True)
        return result

    def toggle(self) -> None:
        """Start, pause or resume."""
        what = "pauze" if self.timer.running else "verder" if self.timer.paused else "start"
        self._act(what, self.timer.toggle)

    def next(self) -> bool:
        return self._act("volgende fase", self.timer.next)

    def previous(self) -> bool:
        return self._act("vorige fase", self.timer.previous)

    def goto(self, index: int) -> None:
        self._act(f"naar fase {index + 1}", lambda: self.timer.goto(index))

    def adjust(self, seconds: float) -> None:
        minutes = round(seconds / 60)
        self._act(f"{minutes:+d} minuut" if abs(minutes) == 1 else f"{minutes:+d} minuten",
                  lambda: self.timer.adjust(seconds))

    def finish(self) -> None:
        """End the meeting now: the current phase stops, the end time is stored."""
        self._act("afronden", self.timer.finish)

    @property
    def ended_at(self) -> dt.datetime | None:
        return self.timer.ended_at

    # -- a console reopened long after it was closed ---------------------------------
    @property
    def asks_about_gap(self) -> bool:
        """True when the console was closed for long while the meeting was not ended."""
        return self._closed is not None

    @property
    def closed_at(self) -> dt.datetime | None:
        """When the timer was last stored before the long gap."""
        if self._closed is None:
            return None
        return dt.datetime.fromisoformat(self._closed["saved_at"])

    def gap_seconds(self) -> float:
        return wall_gap(self._closed, self.clock) if self._closed is not None else 0.0

    def last_activity(self) -> dt.datetime:
        """The latest moment something happened: the timer stored, or a capture made.

        The sensible guess for "the meeting ended at": never before the timer was last
        stored, never after now.
        """
        now = self.clock.now()
        latest = self.closed_at or now
        for capture in self.captures():
            at = capture.created_at
            if at is None:
                continue
            if at.tzinfo is None and latest.tzinfo is not None:
                at = at.replace(tzinfo=latest.tzinfo)
            if latest.timestamp() < at.timestamp() <= now.timestamp():
                latest = at
        return latest

    def resolve_gap(self, answer: str, ended_at: dt.datetime | None = None) -> None:
        """Say what happened while the console was closed, and store it.

        ``answer``: "continued" (the meeting went on: the time counts as it would have),
        "ended" (it ended at ``ended_at``: only the time until then counts, then the
        meeting is ended) or "paused" (it goes on now: the time in between does not
        count and the timer waits on pause).
        """
        snapshot = self._closed
        if snapshot is None:
            return
        closed_at = dt.datetime.fromisoformat(snapshot["saved_at"])
        if answer == "continued":
            timer = SessionTimer.restore(snapshot, self.clock)
        elif answer == "ended":
            if ended_at is None:
                raise ValidationError("Geef aan hoe laat de bijeenkomst was afgerond.")
            counted = ended_at.timestamp() - closed_at.timestamp()
            timer = SessionTimer.restore(snapshot, self.clock, gap=counted)
            timer.finish(ended_at=max(ended_at, closed_at, key=lambda t: t.timestamp()))
        elif answer == "paused":
            timer = SessionTimer.restore(snapshot, self.clock, gap=0)
            timer.pause()
        else:
            raise ValueError(answer)

        def replace() -> None:
            self.timer = timer
        self._act("heropenen", replace)
        self._closed = None

    # -- the schedule --------------------------------------------------------------------
    def projected_end(self) -> dt.datetime | None:
        """The wall time the meeting ends if the rest goes as allowed; None before the
        start and after the end."""
        timer = self.timer
        if not timer.started or timer.finished:
            return None
        return self.clock.now() + dt.timedelta(seconds=timer.projected_left())

    def checkpoint(self) -> None:
        """Store the timer now (e.g. once a minute and on close) without an action.

        A stored timer that could not be read stays as it is until the timer is used."""
        if self.timer_unreadable and not self.timer.started:
            return
        self._saved()

    # -- writes that wait for the store ---------------------------------------------
    def save_pending(self, *, force: bool = False) -> bool:
        """Store what waits (notes, a retry); True when everything is stored.

        Called on every tick of the console: a no-op when nothing waits, an attempt
        when something is due (a fresh edit at once, a failed write every few seconds).
        """
        done = self.writes.flush(force=force)
        if done and self.writes.error is None:
            self.refused = None
        return done

    def save_problem(self) -> str | None:
        """The banner text while something could not be stored, in Dutch; else None."""
        if self.writes.error is None:
            return None
        parts = []
        unsaved = self.writes.unsaved()
        if unsaved:
            parts.append(f"Niet opgeslagen: {', '.join(unsaved)}. De tekst blijft op het "
                         "scherm staan.")
        if self.refused:
            parts.append(f"De timer is niet veranderd ({self.refused}): dat kon niet worden "
                         "opgeslagen. Druk opnieuw zodra deze melding weg is.")
        parts.append(f"casusdesk probeert het elke {RETRY_SECONDS:.0f} seconden opnieuw.")
        parts.append(f"Reden: {self.writes.error}")
        return " ".join(parts)

    # -- captures -----------------------------------------------------------------
    def stamp(self) -> tuple[int, float]:
        """The current phase and session time, e.g. at the moment a key is pressed."""
        return self.timer.index, round(self.timer.session_elapsed(), 1)

    def capture(self, kind: str, *, at: tuple[int, float] | None = None, **data: Any) -> Capture:
        """Store a capture at ``at`` (phase, session seconds), by default now."""
        phase_index, seconds = at or self.stamp()
        _check_lengths(data)
        capture = Capture(session_id=self.id, kind=kind, data=_clean(data),
                          phase_index=phase_index,
                          session_seconds=seconds, created_at=self.clock.now())
        return self.store.add_capture(capture)

    def update_capture(self, capture: Capture, **changes: Any) -> Capture:
        """Store changed fields of a capture; ``capture`` itself is changed only once stored.

        The analysis of an issue moment (data key ``"analysis"``) is never sent: the
        analysis screen keeps it, and the store leaves it as stored, so an old copy in
        the console cannot undo newer analysis.
        """
        return self.replace_capture_data(capture, {**capture.data, **changes})

    def replace_capture_data(self, capture: Capture, data: dict[str, Any]) -> Capture:
        """Store ``data`` as the capture's fields (e.g. undo of a change in the form);
        the stored analysis stays."""
        fields = {k: v for k, v in data.items() if k != "analysis"}
        _check_lengths(fields)
        changed = Capture(session_id=capture.session_id, kind=capture.kind,
                          data=_clean(fields), phase_index=capture.phase_index,
                          session_seconds=capture.session_seconds,
                          created_at=capture.created_at, id=capture.id)
        self.store.update_capture(changed)
        if "analysis" in capture.data:
            changed.data["analysis"] = capture.data["analysis"]
        capture.data = changed.data
        return capture

    def delete_capture(self, capture_id: int) -> None:
        self.store.delete_capture(capture_id)

    def restore_capture(self, capture: Capture) -> Capture:
        """Store a deleted capture again, as it was (undo of a deletion)."""
        again = Capture(session_id=self.id, kind=capture.kind, data=dict(capture.data),
                        phase_index=capture.phase_index,
                        session_seconds=capture.session_seconds, created_at=capture.created_at)
        return self.store.add_capture(again)

    def captures(self, kind: str | None = None) -> list[Capture]:
        """The readable captures; damaged ones stay in the store (see damage_notice)."""
        return [c for c in self.store.list_captures(self.id, kind) if not c.damaged]

    def damage_notice(self) -> str:
        """A Dutch notice naming the captures that cannot be read, or "" when all can."""
        from casusdesk.services import damage

        text = damage.report(self.id, self.store.list_captures(self.id))
        lines = [f"{text} Ze staan niet in de lijsten en worden niet gewijzigd; de rest van "
                 "de bijeenkomst werkt gewoon."] if text else []
        parts = damage.session_notice(self.store, self.id)
        if parts:
            lines.append(parts)
        if self.timer_unreadable and "timer" not in self.store.damaged_documents(self.id):
            lines.append(f"De timer begint opnieuw: {self.timer_unreadable}. De opgeslagen "
                         "timer blijft bewaard tot je de timer start.")
        return "\n".join(lines)

    def note_for_phase(self, index: int) -> Capture | None:
        """The one stored note capture of a phase (notes are kept per phase)."""
        return next((c for c in self.captures("note") if c.phase_index == index), None)

    def note_text(self, index: int) -> str:
        """The note of a phase as the facilitator last typed it (stored or still waiting)."""
        if index in self._note_texts:
            return self._note_texts[index]
        note = self.note_for_phase(index)
        return note.data.get("text", "") if note else ""

    def edit_note(self, index: int, text: str) -> None:
        """Keep the note of a phase; it is stored by ``save_pending`` (on the next tick).

        Raises:
            ValidationError: the text is longer than MAX_NOTE_TEXT (nothing is kept).
        """
        if len(text) > MAX_NOTE_TEXT:
            raise ValidationError(
                f"Een notitie mag hoogstens {MAX_NOTE_TEXT:,} tekens hebben; deze heeft er "
                f"{len(text):,}. Wat boven die grens staat, wordt niet bewaard.".replace(",", "."))
        self._note_texts[index] = text
        self.writes.put(("note", index), f"de notitie bij fase {index + 1}",
                        lambda: self._write_note(index))

    def _write_note(self, index: int) -> None:
        text = self._note_texts.get(index)
        if text is None:
            return
        self.set_note(index, text)
        if self._note_texts.get(index) == text:
            del self._note_texts[index]

    def set_note(self, index: int, text: str) -> Capture:
        """Store the note of a phase now."""
        note = self._notes.get(index) or self.note_for_phase(index)
        if note is None:
            capture = Capture(session_id=self.id, kind="note", data=_clean({"text": text}),
                              phase_index=index,
                              session_seconds=round(self.timer.session_elapsed(), 1),
                              created_at=self.clock.now())
            note = self.store.add_capture(capture)
        else:
            note = self.update_capture(note, text=text)
        self._notes[index] = note
        return note

    def previous_open_agreements(self) -> list[Capture]:
        """Agreements of the group's previous session that are not done yet."""
        sessions = self.store.list_sessions(self.session.group_id)
        earlier = [s for s in sessions
                   if (s.date, s.id or 0) < (self.session.date, self.id)]
        if not earlier:
            return []
        latest = max(earlier, key=lambda s: (s.date, s.id or 0))
        return [c for c in self.store.list_captures(latest.id, "agreement")
                if not c.damaged and not c.data.get("done")]

    def role_board(self) -> tuple[tuple[str, str], ...]:
        """The stored role assignment as (player code, role title), for the projector."""
        from casusdesk.services import rolwisseling
        from casusdesk.services.catalog import functions
        from casusdesk.services.role_catalog import roles
        from casusdesk.services.roster import Roster

        catalogue = roles()
        stored = rolwisseling.board(self.store, Roster(self.store, functions()), self.id)
        return tuple((code, catalogue[role_id].title)
                     for code, role_id in stored.items() if role_id in catalogue)

    def role_mismatch(self) -> str:
        """How the stored role assignment no longer fits who is present, or "" (see
        :func:`casusdesk.services.rolwisseling.stored_mismatch`)."""
        from casusdesk.domain.errors import DataFileError
        from casusdesk.services import rolwisseling
        from casusdesk.services.catalog import functions
        from casusdesk.services.role_catalog import roles

        from casusdesk.services.roster import Roster

        try:
            return rolwisseling.stored_mismatch(
                self.store, Roster(self.store, functions()), self.id, roles())
        except DataFileError:
            return ""  # without the role library there is no board to check

    def table_warning(self) -> str | None:
        """The warning for a group too alike for a role switch, or None."""
        from casusdesk.services.rolwisseling import table_warning

        return table_warning(self.store, self.id)

    def participant_codes(self) -> list[str]:
        """Codes of who is present, in roster order."""
        present = set(self.session.attendance)
        return [p.code for p in self.store.list_participants(self.session.group_id)
                if p.id in present]


def _check_lengths(data: Mapping[str, Any]) -> None:
    for key, value in data.items():
        if isinstance(value, str) and len(value) > MAX_CAPTURE_TEXT:
            raise ValidationError(
                f"Deze tekst is te lang: hoogstens {MAX_CAPTURE_TEXT:,} tekens, dit zijn er "
                f"{len(value):,}.".replace(",", "."))


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Captured texts without invisible characters (a soft hyphen can hide a name)."""
    def one(value: Any) -> Any:
        if isinstance(value, str):
            return strip_invisible(value)
        if isinstance(value, list):
            return [one(v) for v in value]
        return value
    return {key: one(value) for key, value in data.items()}


def parse_due_date(text: str) -> dt.date | None:
    """'12-03-2026' or '2026-03-12' → date; empty → None; else ValidationError."""
    text = text.strip()
    if not text:
        return None
    for fmt in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError(f"'{text}' is geen datum; schrijf bijvoorbeeld 12-03-2026.")


# -- what the room may see ---------------------------------------------------------

#: a method phase names its captures in the plural ("questions"); stored captures
#: have a kind in the singular ("question")
PHASE_CAPTURE_KINDS = {
    "notes": "note", "questions": "question", "tips": "tip", "facts": "fact",
    "criteria": "criterion", "golden_circle": "golden_circle", "agreements": "agreement",
    "reflections": "reflection", "issue_moments": "issue_moment",
}


def phase_kinds(phase: Phase) -> list[str]:
    """The capture kinds a phase uses, in the phase's order."""
    return [PHASE_CAPTURE_KINDS[c] for c in phase.captures if c in PHASE_CAPTURE_KINDS]

@dataclass(frozen=True)
class ProjectorView:
    """Everything the projector shows, and nothing else: no notes, hints or names."""

    method: str
    phase_title: str
    phase_number: int
    phase_count: int
    prompts: tuple[str, ...]
    timer_text: str
    state: str
    state_label: str
    #: Golden Circle answers by participant code: (code, why, how, what)
    circles: tuple[tuple[str, str, str, str], ...] = ()
    #: role assignment by code: (player code, role title)
    roles: tuple[tuple[str, str], ...] = ()
    #: projected end and ahead/behind the plan ("Einde verwacht 11:47 · 4 min achter")
    schedule: str = ""
    #: a short message from the facilitator to the room, "" for none
    message: str = ""
    #: the screen is blanked (B or . on the console)
    blackout: bool = False
    #: said while answers are in but not revealed yet ("5 antwoorden binnen ...")
    hidden_note: str = ""


def board_phase(method: Method, index: int) -> bool:
    """Whether phase ``index`` has a board of answers the facilitator reveals."""
    return "golden_circle" in method.phases[index].captures


def role_phase(method: Method, index: int) -> bool:
    """Whether the room sees the role assignment in phase ``index``.

    In the phases that hand out or write the role cards, and in the phase right after
    the last of those, where the roles are played.
    """
    def cards(i: int) -> bool:
        return 0 <= i < len(method.phases) and "role_cards" in method.phases[i].captures
    return cards(index) or (cards(index - 1) and not cards(index))


def projector_view(live: LiveSession, *, circles: list[Capture] | None = None,
                   roles: tuple[tuple[str, str], ...] = (), revealed: bool = True,
                   message: str = "", blackout: bool = False) -> ProjectorView:
    """Build the room's view. ``circles`` are passed in so a tick reads no database.

    ``revealed``: the Golden Circle answers may be shown (until then the room only
    hears how many are in, so nobody copies while still writing).
    """
    timer = live.timer
    phase = live.phase
    state = timer.state()
    shown_circles: tuple[tuple[str, str, str, str], ...] = ()
    hidden_note = ""
    if board_phase(live.method, timer.index) and circles:
        if revealed:
            shown_circles = tuple((c.data.get("code", ""), c.data.get("why", ""),
                                   c.data.get("how", ""), c.data.get("what", ""))
                                  for c in circles)
        else:
            n = len(circles)
            hidden_note = (f"{n} Golden Circle{'s' if n != 1 else ''} binnen; ze komen op het "
                           "scherm zodra iedereen klaar is.")
    return ProjectorView(
        method=live.method.name, phase_title=phase.title, phase_number=timer.index + 1,
        phase_count=len(timer.phases), prompts=tuple(phase.prompts),
        timer_text=format_mmss(timer.remaining()), state=state.value,
        state_label=STATE_LABELS[state], circles=shown_circles,
        roles=roles if role_phase(live.method, timer.index) and not shown_circles else (),
        schedule=schedule_line(live), message=message, blackout=blackout,
        hidden_note=hidden_note,
    )


def schedule_line(live: LiveSession) -> str:
    """Where the meeting stands against its plan, for the console and the room.

    "Einde verwacht 11:47 · 4 min achter op schema" while it runs, the planned length
    before the start, the end time once it was ended.
    """
    timer = live.timer
    if timer.finished:
        at = timer.ended_at
        return f"Afgerond om {at:%H:%M}" if at else "Afgerond"
    if not timer.started:
        return f"Gepland: {round(timer.planned_total() / 60)} min"
    end = live.projected_end()
    behind = round(timer.behind_plan() / 60)
    pace = ("op schema" if behind == 0 else f"{behind} min achter op schema" if behind > 0
            else f"{-behind} min voor op schema")
    return f"Einde verwacht {end:%H:%M} · {pace}" if end else pace


CAPTURE_LABELS = {
    "note": "Notitie", "question": "Vraag", "tip": "Tip of advies", "fact": "Feit",
    "criterion": "Criterium", "golden_circle": "Golden Circle", "agreement": "Afspraak",
    "reflection": "Reflectie", "issue_moment": "Issue-moment",
}


def describe_capture(capture: Capture) -> str:
    """One line for a list on the facilitator's screen."""
    d = capture.data
    match capture.kind:
        case "question":
            return ("★ " if d.get("starred") else "") + d.get("text", "")
        case "golden_circle":
            message = d.get("message") or ""
            return (f"{d.get('code', '?')}: waarom – {d.get('why', '')} · hoe – {d.get('how', '')}"
                    f" · wat – {d.get('what', '')}"
                    + (f" · meegeven – {message}" if message else ""))
        case "agreement":
            due = d.get("due") or ""
            if due:
                due = " · vóór " + dt.date.fromisoformat(due).strftime("%d-%m-%Y")
            done = "✓ " if d.get("done") else ""
            return f"{done}{d.get('action', '')} ({d.get('owner') or 'nog niemand'}{due})"
        case "reflection":
            return f"{d.get('question', '')} → {d.get('answer', '')}"
        case "issue_moment":
            codes = ", ".join(d.get("codes", [])) or "?"
            what = d.get("description", "") or "(nog aanvullen)"
            marker = "↺ uit de rol · " if d.get("moment") == "uit_rol" else ""
            theme = f" [{d['theme']}]" if d.get("theme") else ""
            return f"{format_hms(capture.session_seconds)} · {marker}{codes}: {what}{theme}"
        case _:
            return d.get("text", "")
