"""Exports only read: they work on a store opened read-only, as an archived copy is
(issue 15, item 7). SQLite itself refuses writes here, also when the tests run as root."""

from __future__ import annotations

import pytest

from casusdesk.app import open_context
from casusdesk.services.catalog import functions
from casusdesk.services.demo import create_demo
from casusdesk.services.levenslijn import export_image
from casusdesk.services.role_catalog import roles
from casusdesk.services.roster import Roster
from casusdesk.services.rolwisseling import assignment, export_cards, propose
from casusdesk.storage.db import DB_FILENAME, StorageError, open_read_only
from casusdesk.storage.repositories import Store


@pytest.fixture
def archived(tmp_path):
    ctx = open_context(tmp_path / "data")
    session = create_demo(ctx.store, ctx.roster)
    expected = propose(ctx.store, ctx.roster, session.id, roles())
    ctx.store.set_document(session.id, "roles", None)  # no proposal stored
    ctx.store.engine.dispose()
    store = Store(open_read_only(tmp_path / "data"))
    return store, Roster(store, functions()), session.id, expected, tmp_path / "data" / DB_FILENAME


def test_role_cards_of_a_read_only_store_use_the_proposal_in_memory(archived, tmp_path):
    store, roster, sid, expected, db = archived
    before = db.read_bytes()
    with pytest.raises(StorageError):  # the store really is read-only
        store.set_document(sid, "roles", {"assignment": {}})
    result = export_cards(store, roster, sid, tmp_path / "kaarten.pdf", roles())
    assert result.cards == len(expected)
    assert assignment(store, roster, sid, roles(), keep=False) == expected
    assert store.get_document(sid, "roles") is None
    assert db.read_bytes() == before


def test_timeline_of_a_read_only_store(archived, tmp_path):
    store, _roster, sid, _expected, db = archived
    before = db.read_bytes()
    assert export_image(store, sid, tmp_path / "lijn.svg").read_text().startswith("<?xml")
    assert db.read_bytes() == before
