"""Captures whose stored row is damaged: name them, and leave them out only on request.

A row written by another program, or broken by a disk fault, can pass SQLite's own
check and still not be readable (broken JSON, bytes that are not UTF-8). The store
returns such a capture with ``damaged`` set and empty data; this module says which
ones they are (session, capture id, kind, reason; never their content).
"""

from __future__ import annotations

from collections.abc import Sequence

from casusdesk.domain.errors import CasusdeskError
from casusdesk.domain.model import Capture
from casusdesk.storage.repositories import Store


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
