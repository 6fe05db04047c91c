"""Every text written through the store is cleaned: the form fields of groups,
participants and sessions pass strip_invisible; in captures and documents a NUL or a
lone surrogate (UTF-8 cannot hold it) is dropped, and other hidden characters are left
for the export boundary to clean and report. Never a traceback."""

from __future__ import annotations

import datetime as dt

import pytest

from casusdesk.domain.model import Capture, Case, Group, Session
from casusdesk.services.catalog import functions
from casusdesk.services.roster import Roster
from casusdesk.storage.db import open_engine
from casusdesk.storage.repositories import Store

BAD = "a\x00b\ud800c\u200bd\x0be"
CLEAN = "abcd\ne"


@pytest.fixture
def store(tmp_path):
    return Store(open_engine(tmp_path))


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _texts(k)
            yield from _texts(v)
    elif isinstance(value, list):
        for v in value:
            yield from _texts(v)


def test_every_field_is_cleaned_on_the_way_in(tmp_path, store):
    group = store.save_group(Group(name="Groep " + BAD, description=BAD))
    roster = Roster(store, functions())
    p = roster.add(group.id, function="Klantmanager " + BAD, name=BAD, organisation=BAD)
    roster.edit(p.id, {"aliases": [BAD, "Jan"]})
    case = Case(title=BAD, coaching_question=BAD, whose_problem=BAD, target_group=BAD,
                client_pseudonym=BAD, client_real_name=BAD, client_aliases=[BAD],
                missing_facts=BAD, description=BAD)
    session = store.save_session(Session(group_id=group.id, date=dt.date(2026, 1, 5),
                                         place=BAD, method_id="rolwisseling", case=case))
    store.update_session_fields(session.id, {"case_title": "Titel " + BAD})
    store.update_group(group.id, description="Nieuw " + BAD)
    capture = store.add_capture(Capture(session_id=session.id, kind="note",
                                        data={"text": BAD, BAD: [BAD, {"x": BAD}]}))
    capture.data["text"] = "bewerkt " + BAD
    store.update_capture(capture)
    store.set_document(session.id, "review", {"decisions": [{"term": BAD}]})

    reopened = Store(open_engine(tmp_path))
    g = reopened.get_group(group.id)
    q = reopened.get_participant(p.id)
    s = reopened.get_session(session.id)
    [c] = reopened.list_captures(session.id)
    fields = [g.name, g.description, q.name, q.function, q.organisation, *q.aliases, s.place,
              *[v for v in vars(s.case).values() if isinstance(v, str)], *s.case.client_aliases]
    recorded = [*_texts(c.data), *_texts(reopened.get_document(session.id, "review"))]
    for text in fields + recorded:
        assert "\x00" not in text and not any("\ud800" <= ch <= "\udfff" for ch in text)
    for text in fields:
        assert "\u200b" not in text and "\x0b" not in text
    assert g.description == "Nieuw " + CLEAN
    assert q.aliases == [CLEAN, "Jan"]
    assert s.case.title == "Titel " + CLEAN and s.case.client_aliases == [CLEAN]
    kept = "abc\u200bd\x0be"  # for the export boundary, which reports what it removes
    assert c.data == {"text": "bewerkt " + kept, kept: [kept, {"x": kept}]}
    assert c.damaged == ""
