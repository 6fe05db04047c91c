"""Retention on a fake clock (issue 12): sessions past their date are listed, and after
confirmation their personal data goes from every file of the data folder; what the
facilitator chose to keep (the anonymized issue moments) stays."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from casusdesk.domain.errors import ValidationError
from casusdesk.domain.model import Capture, Case, Group, Session
from casusdesk.services import retention
from casusdesk.services.catalog import functions
from casusdesk.services.roster import Roster
from casusdesk.storage.db import DB_FILENAME, open_engine
from casusdesk.storage.repositories import Store
from tests.helpers.fakes import FakeClock
from tests.helpers.raw import found_in_folder

FIXTURES = Path(__file__).parents[1] / "fixtures" / "db"


def at(day: dt.date) -> FakeClock:
    return FakeClock(dt.datetime(day.year, day.month, day.day, 10, tzinfo=dt.timezone.utc))


@pytest.fixture
def store(tmp_path):
    return Store(open_engine(tmp_path))


@pytest.fixture
def setup(store):
    roster = Roster(store, functions())
    group = store.save_group(Group(name="Noord"))
    km = roster.add(group.id, function="Klantmanager Werk", name="Jan de Vries")
    sw = roster.add(group.id, function="Sociaal werker", name="Fenna Bakker")
    guest_old = roster.add(group.id, function="Wijkverpleegkundige", name="Gast Eenmalig",
                           guest=True)
    guest_new = roster.add(group.id, function="Wijkverpleegkundige", name="Gast Recent",
                           guest=True)
    old = store.save_session(Session(
        group_id=group.id, date=dt.date(2025, 1, 31), place="Zaal 2",
        method_id="rolwisseling", attendance=[km.id, sw.id, guest_old.id],
        case=Case(title="Schulden Hendrika", coaching_question="Hoe verder met Hendrika?",
                  client_pseudonym="Ellen", client_real_name="Hendrika Mulder",
                  client_aliases=["Riek Mulder"], description="Woont in Joure-Zuidwest",
                  missing_facts="inkomen partner Gerben", case_bringer_id=km.id)))
    store.add_capture(Capture(session_id=old.id, kind="note",
                              data={"text": "Hendrika belt de Kredietbank"}))
    store.add_capture(Capture(session_id=old.id, kind="issue_moment", phase_index=2,
                              session_seconds=615.0,
                              data={"codes": ["KM_1", "SW_1"],
                                    "description": "Handhaving tegenover vertrouwen Riek",
                                    "moment": "botsing", "theme": "Regels en ruimte",
                                    "frames": ["rechtmatigheid"], "tags": ["kleine_nee"],
                                    "quote": "Citaat van Hendrika", "outcome": "geparkeerd",
                                    "analysis": {
                                        "question": "Mag Hendrika zelf kiezen?",
                                        "narratives": [{"party": "KM_1",
                                                        "wat": "Verhaal over Gerben"}],
                                        "frames": ["zorg"], "bridged": "deels",
                                        "how": "Door Riek te bellen", "reframing": "extensie",
                                        "controversy": "oneens",
                                        "influences": {"methode": "Notitie over Sneek"}}}))
    store.set_document(old.id, "timeline", {"events": [{"description": "Scheiding in Sneek"}]})
    store.set_document(old.id, "review", {"marked": ["Gerben"]})
    new = store.save_session(Session(
        group_id=group.id, date=dt.date(2025, 9, 1), attendance=[km.id, guest_new.id],
        case=Case(title="Werk zoeken", client_real_name="Piet Blijft")))
    store.add_capture(Capture(session_id=new.id, kind="tip", data={"text": "Blijvende tip"}))
    return group, old, new, (km, sw, guest_old, guest_new)


GONE = ("Hendrika", "Riek", "Joure-Zuidwest", "Gerben", "Kredietbank", "Sneek",
        "Handhaving tegenover", "Gast Eenmalig", "Citaat van")


def test_a_session_is_due_the_day_after_its_retention_date(store, setup):
    group, old, new, _ = setup
    assert retention.due(store, at(dt.date(2026, 1, 31))) == []
    [due] = retention.due(store, at(dt.date(2026, 2, 1)))
    assert due.session_id == old.id and due.keep_through == dt.date(2026, 1, 31)
    assert "Noord" in retention.describe(due) and "bewaard tot 31-01-2026" in retention.describe(due)
    retention.set_months(store, group.id, 6)
    assert [r.session_id for r in retention.due(store, at(dt.date(2025, 8, 1)))] == [old.id]
    assert [r.session_id for r in retention.due(store, at(dt.date(2026, 3, 2)))] == [old.id, new.id]
    with pytest.raises(ValidationError):
        retention.set_months(store, group.id, 0)
    assert store.retention_months(group.id) == 6


def test_purging_removes_the_personal_data_from_every_file_and_keeps_the_analysis(
        tmp_path, store, setup):
    group, old, new, (km, sw, guest_old, guest_new) = setup
    clock = at(dt.date(2026, 2, 1))
    assert len({t for _, t in found_in_folder(tmp_path, *GONE)}) == len(GONE)
    result = retention.purge(store, [r.session_id for r in retention.due(store, clock)], clock)
    assert result.sessions == 1
    assert found_in_folder(tmp_path, *GONE) == []
    purged = store.get_session(old.id)
    assert (purged.date, purged.method_id, purged.place) == (dt.date(2025, 1, 31),
                                                             "rolwisseling", "Zaal 2")
    assert vars(purged.case) == vars(Case(case_bringer_id=km.id))
    assert sorted(purged.attendance) == sorted([km.id, sw.id])
    [moment] = store.list_captures(old.id)
    assert (moment.kind, moment.phase_index, moment.session_seconds) == (
        "issue_moment", 2, 615.0)
    assert moment.data == {
        "codes": ["KM_1", "SW_1"], "moment": "botsing", "theme": "Regels en ruimte",
        "frames": ["rechtmatigheid"], "tags": ["kleine_nee"], "outcome": "geparkeerd",
        "analysis": {"frames": ["zorg"], "bridged": "deels", "reframing": "extensie",
                     "controversy": "oneens", "influences": {"methode": ""}}}
    for doc in ("timeline", "review"):
        assert store.get_document(old.id, doc) is None
    # members stay while they are in the group; a guest of only the purged session goes
    assert [p.name for p in store.list_participants(group.id)] == [
        "Jan de Vries", "Fenna Bakker", "Gast Recent"]
    # the other session is untouched, and the purged one is never due again
    assert store.get_session(new.id).case.client_real_name == "Piet Blijft"
    assert [c.data["text"] for c in store.list_captures(new.id)] == ["Blijvende tip"]
    assert retention.due(store, clock) == []
    assert store.retention_overview()[0].purged_on == dt.date(2026, 2, 1)


def test_without_keeping_the_analysis_every_capture_goes(store, setup):
    _group, old, _new, _ = setup
    retention.purge(store, [old.id], at(dt.date(2026, 2, 1)), keep_issue_analysis=False)
    assert store.list_captures(old.id) == []


def test_a_session_kept_longer_records_why_and_when_and_is_due_after_that_date(store, setup):
    _group, old, _new, _ = setup
    clock = at(dt.date(2026, 2, 1))
    with pytest.raises(ValidationError, match="reden"):
        retention.keep_longer(store, old.id, dt.date(2026, 6, 1), "  ", clock)
    with pytest.raises(ValidationError, match="na vandaag"):
        retention.keep_longer(store, old.id, dt.date(2026, 1, 1), "bezwaar loopt", clock)
    retention.keep_longer(store, old.id, dt.date(2026, 6, 30), "bezwaarprocedure  loopt", clock)
    assert retention.due(store, clock) == []
    [r] = [r for r in store.retention_overview() if r.session_id == old.id]
    assert (r.keep_until, r.keep_reason, r.keep_recorded_on) == (
        dt.date(2026, 6, 30), "bezwaarprocedure loopt", dt.date(2026, 2, 1))
    assert "langer: bezwaarprocedure loopt, vastgelegd 01-02-2026" in retention.describe(r)
    clock.advance(150 * 86400)
    assert [d.session_id for d in retention.due(store, clock)] == [old.id]


def test_an_upgraded_database_gets_the_default_retention(tmp_path):
    shutil.copy(sorted(FIXTURES.glob("v*.sqlite"))[-1], tmp_path / DB_FILENAME)
    store = Store(open_engine(tmp_path))
    [group] = store.list_groups()
    assert store.retention_months(group.id) == 12
    [r] = store.retention_overview()
    assert r.purged_on is None and r.keep_until is None
