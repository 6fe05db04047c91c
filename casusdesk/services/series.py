"""A group's work carried from meeting to meeting.

The reports describe a fixed group meeting monthly, each meeting opening with what came
of the earlier ones (digest 001 §7, §9 item 18). Every open agreement of every earlier
session of the group, and every issue moment that was parked ("geparkeerd"), is on the
next session's list until a session marks it done. A session can also carry an item over
with a note; the item then stays open for the sessions after it, with that note.

The review is kept with the reviewing session (the ``"series"`` document:
``{"items": {"<capture id>": {"status": "done" | "carried", "note": "..."}}}``), so the
earlier session's own record stays as it was held.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from casusdesk.domain.errors import ValidationError
from casusdesk.domain.model import Capture, Session, clean_text
from casusdesk.storage.repositories import Store

DOCUMENT = "series"
DONE, CARRIED = "done", "carried"
STATUS_LABELS = {DONE: "gedaan", CARRIED: "meegenomen", "": "nog niet besproken"}
PARKED = "geparkeerd"
MAX_NOTE = 2000


@dataclass(frozen=True)
class OpenItem:
    """An agreement or parked issue moment of an earlier session, as one session sees it.

    ``status`` and ``note`` are this session's review ("" when not yet reviewed);
    ``history`` holds (date, note) of the sessions in between that carried it over.
    """

    capture: Capture
    origin: Session
    status: str = ""
    note: str = ""
    history: tuple[tuple[dt.date, str], ...] = field(default_factory=tuple)

    @property
    def kind(self) -> str:
        return self.capture.kind

    @property
    def text(self) -> str:
        data = self.capture.data
        key = "action" if self.kind == "agreement" else "description"
        value = data.get(key, "")
        return value.strip() if isinstance(value, str) else ""

    @property
    def owner(self) -> str:
        """The agreement's owner, or the codes of an issue moment."""
        if self.kind == "agreement":
            return str(self.capture.data.get("owner") or "")
        codes = self.capture.data.get("codes") or []
        return ", ".join(codes) if isinstance(codes, list) else str(codes)

    @property
    def label(self) -> str:
        return "Afspraak" if self.kind == "agreement" else "Geparkeerd issue"


def _key(session: Session) -> tuple[dt.date, int]:
    return (session.date, session.id or 0)


def earlier_sessions(store: Store, session: Session) -> list[Session]:
    """The group's sessions before ``session`` (by date, then number), oldest first."""
    return sorted((s for s in store.list_sessions(session.group_id)
                   if _key(s) < _key(session)), key=_key)


def _reviews(store: Store, session_id: int) -> dict[str, dict]:
    doc = store.get_document(session_id, DOCUMENT) or {}
    items = doc.get("items") if isinstance(doc, dict) else None
    if not isinstance(items, dict):
        return {}
    return {str(k): v for k, v in items.items() if isinstance(v, dict)}


def _is_open_at_origin(capture: Capture) -> bool:
    if capture.damaged:
        return False
    if capture.kind == "agreement":
        return bool(str(capture.data.get("action") or "").strip()) and \
            not capture.data.get("done")
    if capture.kind == "issue_moment":
        return str(capture.data.get("outcome") or "").strip() == PARKED
    return False


def open_items(store: Store, session_id: int) -> list[OpenItem]:
    """What ``session_id`` has to review: every agreement not done and every parked issue
    moment of every earlier session of the group, unless a session in between marked it
    done. Items this session marked done stay on its own list (with that status).
    Oldest session first, then in the order they were captured."""
    session = store.get_session(session_id)
    earlier = earlier_sessions(store, session)
    reviews = {s.id: _reviews(store, s.id) for s in earlier}
    own = _reviews(store, session_id)
    out: list[OpenItem] = []
    for index, origin in enumerate(earlier):
        between = earlier[index + 1:]
        for capture in store.list_captures(origin.id):
            if capture.kind not in ("agreement", "issue_moment"):
                continue
            if not _is_open_at_origin(capture):
                continue
            key = str(capture.id)
            history: list[tuple[dt.date, str]] = []
            closed = False
            for later in between:
                review = reviews[later.id].get(key)
                if not review:
                    continue
                if review.get("status") == DONE:
                    closed = True
                    break
                if review.get("status") == CARRIED:
                    history.append((later.date, str(review.get("note") or "")))
            if closed:
                continue
            mine = own.get(key, {})
            out.append(OpenItem(capture, origin, str(mine.get("status") or ""),
                                str(mine.get("note") or ""), tuple(history)))
    return out


def review(store: Store, session_id: int, capture_id: int, status: str,
           note: str | None = None) -> OpenItem:
    """Mark an earlier item done or carried over in this session (``""`` undoes the
    review); ``note`` None keeps the note there was. Returns the item as it is now.

    Raises:
        ValidationError: in Dutch, for an unknown status, a too long note, or an item
            that is not open for this session.
    """
    if status not in STATUS_LABELS:
        raise ValidationError(f"Onbekende status '{status}'.")
    item = next((i for i in open_items(store, session_id) if i.capture.id == capture_id), None)
    if item is None:
        raise ValidationError("Deze afspraak of dit issue staat niet (meer) open voor deze "
                              "bijeenkomst.")
    text = item.note if note is None else clean_text(note, field_name="De toelichting",
                                                      limit=MAX_NOTE)
    doc = store.get_document(session_id, DOCUMENT) or {}
    items = dict(doc.get("items") or {}) if isinstance(doc, dict) else {}
    if status or text:
        items[str(capture_id)] = {"status": status, "note": text}
    else:
        items.pop(str(capture_id), None)
    store.set_document(session_id, DOCUMENT, {**(doc if isinstance(doc, dict) else {}),
                                              "items": items})
    return OpenItem(item.capture, item.origin, status, text, item.history)


def origin_names(items: Sequence[OpenItem], current: Session) -> list[tuple[str, str]]:
    """(name, replacement) of the clients of other sessions whose items are shown: their
    real names and aliases become that session's pseudonym in every export."""
    from casusdesk.services.anonymize import CLIENT_REPLACEMENT

    out: list[tuple[str, str]] = []
    seen: set[int] = set()
    for item in items:
        origin = item.origin
        if origin.id in seen or origin.id == current.id:
            continue
        seen.add(origin.id or 0)
        replacement = origin.case.client_pseudonym.strip() or CLIENT_REPLACEMENT
        out += [(name, replacement) for name in origin.case.known_names]
    return out


# ---------------------------------------------------------------------------------------
# The next meeting
# ---------------------------------------------------------------------------------------


def add_months(date: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; the month's last day when it has no such day."""
    index = date.month - 1 + months
    year, month = date.year + index // 12, index % 12 + 1
    for day in (date.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise ValueError(date)  # pragma: no cover - day 28 always exists


def rota(store: Store, group_id: int, *, before: Session | None = None) -> list[int]:
    """Members in the order they are due to bring a case: first who never brought one
    (in roster order), then who brought one longest ago. Guests are not on the rota."""
    members = [p for p in store.list_participants(group_id) if not p.guest]
    last: dict[int, tuple[dt.date, int]] = {}
    for s in store.list_sessions(group_id):
        if before is not None and _key(s) > _key(before):
            continue
        bringer = s.case.case_bringer_id
        if bringer is not None and _key(s) > last.get(bringer, (dt.date.min, -1)):
            last[bringer] = _key(s)
    never = [p.id for p in members if p.id not in last]
    brought = sorted((p for p in members if p.id in last), key=lambda p: last[p.id])
    return never + [p.id for p in brought]


def next_session(store: Store, session_id: int, *, date: dt.date | None = None) -> Session:
    """Make the group's next meeting after ``session_id`` and return it.

    A month later unless ``date`` is given; the same place and method (the session's own
    copy of the method too, when it was changed); attendance: every member of the group
    (guests were there once); the mode and the gespreksleider stay. The case is empty,
    its case-bringer the first on the rota (:func:`rota`). The open agreements and
    parked issues of every earlier session are on its list (:func:`open_items`).
    """
    from casusdesk.domain.model import Case
    from casusdesk.domain.session_roles import SessionSetup
    from casusdesk.services import session_setup

    current = store.get_session(session_id)
    members = [p.id for p in store.list_participants(current.group_id) if not p.guest]
    order = rota(store, current.group_id, before=current)
    new = Session(group_id=current.group_id, date=date or add_months(current.date, 1),
                  place=current.place, method_id=current.method_id, attendance=members,
                  case=Case(case_bringer_id=order[0] if order else None))
    new.validate()
    new = store.save_session(new)
    method_copy = store.get_document(session_id, "method")
    if method_copy:
        store.set_document(new.id, "method", method_copy)
    setup = session_setup.load(store, session_id)
    lead = setup.holder("gespreksleider")
    session_setup.save(store, new.id, SessionSetup(
        mode=setup.mode, roles={"gespreksleider": lead} if lead else {}))
    return new
