"""Captures whose stored row is damaged: name them, and leave them out only on request.

A row written by another program, or broken by a disk fault, can pass SQLite's own
check and still not be readable (broken JSON, bytes that are not UTF-8). The store
returns such a capture with ``damaged`` set and empty data; this module says which
ones they are (session, capture id, kind, reason; never their content).
"""

from __future__ import annotations

from collections.abc import Sequence

from casusdesk.domain.errors import CasusdeskError
from casusdesk.domain.model import Capture, Participant, Session
from casusdesk.storage.repositories import Store, field_label


class DamagedCapturesError(CasusdeskError):
    """The work needs every capture of the session, and some cannot be read."""

    def __init__(self, message: str, captures: Sequence[Capture]) -> None:
        super().__init__(message)
        self.captures = list(captures)


def kind_label(kind: str) -> str:
    """The Dutch name of a capture kind, or "onbekende soort" (never raw stored text)."""
    from casusdesk.services.live import CAPTURE_LABELS

    return CAPTURE_LABELS.get(kind, "onbekende soort")


def damaged(captures: Sequence[Capture]) -> list[Capture]:
    return [c for c in captures if c.damaged]


def describe(captures: Sequence[Capture]) -> str:
    """'vastlegging 3 (Vraag: de inhoud is geen geldige JSON), vastlegging 7 (…)'."""
    return ", ".join(f"vastlegging {c.id} ({kind_label(c.kind)}: {c.damaged})" for c in captures)


def report(session_id: int, captures: Sequence[Capture]) -> str:
    """A Dutch sentence naming the damaged captures of a session ("" when there are none)."""
    bad = damaged(captures)
    if not bad:
        return ""
    if len(bad) == 1:
        return (f"In bijeenkomst {session_id} is 1 vastlegging beschadigd en niet te lezen: "
                f"{describe(bad)}.")
    return (f"In bijeenkomst {session_id} zijn {len(bad)} vastleggingen beschadigd en niet te "
            f"lezen: {describe(bad)}.")


def damaged_captures(store: Store, session_id: int) -> list[Capture]:
    """The session's captures that cannot be read."""
    return damaged(store.list_captures(session_id))


def usable_captures(store: Store, session_id: int, *, skip_damaged: bool,
                    what: str = "Het verslag") -> list[Capture]:
    """Every capture of the session, for work that must not silently lose one.

    Args:
        skip_damaged: the facilitator agreed to go on without the damaged ones.

    Raises:
        DamagedCapturesError: some are damaged and ``skip_damaged`` is False; the
            message names them and says that nothing was made.
    """
    captures = store.list_captures(session_id)
    bad = damaged(captures)
    if bad and not skip_damaged:
        raise DamagedCapturesError(
            f"{report(session_id, captures)} {what} is niet gemaakt: het zou zonder "
            f"{'deze vastlegging' if len(bad) == 1 else 'deze vastleggingen'} onvolledig zijn.",
            bad)
    return [c for c in captures if not c.damaged]


# -- the session itself: its fields and its JSON documents ---------------------------

#: Dutch names of the session's JSON documents (see Store.damaged_documents)
DOCUMENT_LABELS = {
    "method": "eigen werkvorm", "timer": "timer", "roles": "rolverdeling",
    "timeline": "levenslijn", "review": "controle van het verslag",
    "interview": "voorbereiding van het interview",
    "setup": "rollen en vorm van de bijeenkomst",
    "series": "terugblik op eerdere bijeenkomsten",
}
#: what the exports need to keep names out: without it no export is made at all
PROTECTING_FIELDS = ("case_client_real_name", "case_client_aliases")
PROTECTING_DOCUMENTS = ("review",)


class DamagedSessionError(DamagedCapturesError):
    """The work needs a part of the session that cannot be read."""

    def __init__(self, message: str, parts: Sequence[str]) -> None:
        super().__init__(message, [])
        self.parts = list(parts)


class UnprotectedExportError(CasusdeskError):
    """A part that keeps names out of exports cannot be read: nothing is exported."""


def session_parts(store: Store, session_id: int, session: Session | None = None,
                  *, only: Sequence[str] | None = None) -> list[tuple[str, str]]:
    """The damaged parts of a session as (Dutch name, why); ``only``: these documents
    (and no fields). Never their content."""
    parts: list[tuple[str, str]] = []
    if only is None:
        session = session or store.get_session(session_id)
        parts += [(field_label(name), why) for name, why in session.damaged.items()]
    for name, why in store.damaged_documents(session_id).items():
        if only is None or name in only:
            parts.append((DOCUMENT_LABELS.get(name, name), why))
    return parts


def describe_parts(parts: Sequence[tuple[str, str]]) -> str:
    return ", ".join(f"{label} ({why})" for label, why in parts)


def session_notice(store: Store, session_id: int, session: Session | None = None,
                   *, only: Sequence[str] | None = None) -> str:
    """One Dutch line naming the damaged parts of a session ("" when all can be read)."""
    parts = session_parts(store, session_id, session, only=only)
    if not parts:
        return ""
    return (f"Bijeenkomst {session_id} is deels beschadigd: {describe_parts(parts)}. "
            f"{'Dat deel staat' if len(parts) == 1 else 'Die delen staan'} leeg; wat er "
            "stond blijft bewaard tot je er iets nieuws in opslaat.")


def check_session_for_export(store: Store, session: Session,
                             participants: Sequence[Participant], *, skip_damaged: bool,
                             what: str = "Het verslag") -> list[tuple[str, str]]:
    """The damaged parts of a session an export leaves out (agreed with ``skip_damaged``).

    Raises:
        UnprotectedExportError: a part that keeps names out of the export (the client's
            real name or aliases, a participant's name, the review) cannot be read.
        DamagedSessionError: other parts are damaged and ``skip_damaged`` is False.
    """
    assert session.id is not None
    documents = store.damaged_documents(session.id)
    protecting = [field_label(n) for n in PROTECTING_FIELDS if n in session.damaged]
    protecting += [DOCUMENT_LABELS[n] for n in PROTECTING_DOCUMENTS if n in documents]
    protecting += [f"{field_label(n)} van deelnemer {p.code or p.id}"
                   for p in participants for n in ("name", "aliases") if n in p.damaged]
    if protecting:
        raise UnprotectedExportError(
            f"In bijeenkomst {session.id} is beschadigd en niet te lezen: "
            f"{', '.join(protecting)}. Daarmee houdt casusdesk namen uit de export; "
            f"{what.lower()} is daarom niet gemaakt. Vul {'dit' if len(protecting) == 1 else 'deze'} "
            "opnieuw in (of controleer het verslag opnieuw) en probeer het dan nog eens.")
    parts = session_parts(store, session.id, session)
    if parts and not skip_damaged:
        raise DamagedSessionError(
            f"Bijeenkomst {session.id} is deels beschadigd en niet te lezen: "
            f"{describe_parts(parts)}. {what} is niet gemaakt: het zou zonder "
            f"{'dit deel' if len(parts) == 1 else 'deze delen'} onvolledig zijn.",
            [label for label, _why in parts])
    return parts
