"""The session roles and the mode (physical or online), kept with the session."""

from __future__ import annotations

from casusdesk.domain.session_roles import SessionSetup
from casusdesk.storage.repositories import Store

DOCUMENT = "setup"


def load(store: Store, session_id: int) -> SessionSetup:
    return SessionSetup.from_dict(store.get_document(session_id, DOCUMENT))


def save(store: Store, session_id: int, setup: SessionSetup) -> SessionSetup:
    """Check the setup against the group's codes and store it."""
    session = store.get_session(session_id)
    setup.validate(p.code for p in store.list_participants(session.group_id))
    store.set_document(session_id, DOCUMENT, setup.to_dict())
    return setup
