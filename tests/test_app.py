"""Opening a data folder for the command line."""

from __future__ import annotations

import os

import pytest

from casusdesk import app
from casusdesk.domain.errors import CasusdeskError
from casusdesk.services.demo import create_demo


def test_an_archived_folder_without_write_access_is_read_only(tmp_path, monkeypatch):
    ctx = app.open_context(tmp_path)
    session = create_demo(ctx.store, ctx.roster)
    ctx.store.engine.dispose()
    real_access = os.access
    # the tests may run as root, who may write anywhere: pretend the folder is read-only
    monkeypatch.setattr(app.os, "access",
                        lambda p, mode: False if mode & os.W_OK else real_access(p, mode))
    reader = app.open_context(tmp_path, create=False)
    assert reader.store.get_session(session.id).case.client_pseudonym == "Sjoerd"
    with pytest.raises(CasusdeskError, match="niet worden opgeslagen"):
        reader.store.set_document(session.id, "review", {"x": 1})


def test_a_missing_store_is_not_created_for_reading(tmp_path):
    with pytest.raises(CasusdeskError, match="geen casusdesk-gegevens"):
        app.open_context(tmp_path / "typo", create=False)
    assert not (tmp_path / "typo").exists()
