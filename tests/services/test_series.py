"""Agreements and parked issues follow the group from meeting to meeting."""

from __future__ import annotations

import datetime as dt

import pytest

from casusdesk.domain.errors import ValidationError
from casusdesk.domain.model import Capture, Group, Session
from casusdesk.services import series
from casusdesk.services.catalog import functions
from casusdesk.services.roster import Roster
from casusdesk.storage.db import memory_engine
from casusdesk.storage.repositories import Store


def group_with_sessions(count: int):
    store = Store(memory_engine())
    roster = Roster(store, functions())
    group = store.save_group(Group(name="Vaste groep"))
    roster.add(group.id, function="Klantmanager Werk", name="Jan de Vries")
    roster.add(group.id, function="Sociaal werker", name="Mohamed El Amrani")
    people = [p.id for p in store.list_participants(group.id)]
    sessions = [store.save_session(Session(group_id=group.id, attendance=people,
                                           date=dt.date(2026, 1, 15) + dt.timedelta(days=28 * i)))
                for i in range(count)]
    return store, sessions


def agreement(store, session, action, *, done=False, owner="KM_1"):
    return store.add_capture(Capture(session.id, "agreement", data={
        "action": action, "owner": owner, "due": "", "done": done}))


def texts(store, session):
    return [(i.text, i.status) for i in series.open_items(store, session.id)]


def test_an_agreement_is_carried_over_three_sessions_with_its_notes_until_done():
    store, (s1, s2, s3, s4, s5) = group_with_sessions(5)
    visit = agreement(store, s1, "Gezamenlijk huisbezoek plannen")
    agreement(store, s1, "Al afgerond", done=True)
    letter = agreement(store, s1, "Brief aan de huisarts")
    assert texts(store, s1) == []
    assert texts(store, s2) == [("Gezamenlijk huisbezoek plannen", ""),
                                ("Brief aan de huisarts", "")]

    series.review(store, s2.id, visit.id, series.CARRIED, "Moeder was ziek, nieuwe datum")
    series.review(store, s2.id, letter.id, series.DONE)
    # session 2 still lists what it reviewed, with the status it gave
    assert texts(store, s2) == [("Gezamenlijk huisbezoek plannen", "carried"),
                                ("Brief aan de huisarts", "done")]
    # session 3 sees the carried one with session 2's note; the done one is gone
    [item] = series.open_items(store, s3.id)
    assert item.text == "Gezamenlijk huisbezoek plannen" and item.origin.id == s1.id
    assert item.history == ((s2.date, "Moeder was ziek, nieuwe datum"),)
    # a new agreement of session 2 joins the list of session 3
    agreement(store, s2, "Budgetcoach inschakelen", owner="SW_1")
    assert [t for t, _s in texts(store, s3)] == ["Gezamenlijk huisbezoek plannen",
                                                 "Budgetcoach inschakelen"]

    series.review(store, s3.id, visit.id, series.CARRIED, "Gepland op 2 april")
    [visit4, coach4] = series.open_items(store, s4.id)
    assert [note for _d, note in visit4.history] == ["Moeder was ziek, nieuwe datum",
                                                     "Gepland op 2 april"]
    assert coach4.history == ()

    series.review(store, s4.id, visit.id, series.DONE, "Huisbezoek geweest")
    assert [t for t, _s in texts(store, s5)] == ["Budgetcoach inschakelen"]
    # the earlier sessions' view did not change
    assert texts(store, s4)[0] == ("Gezamenlijk huisbezoek plannen", "done")
    assert series.open_items(store, s3.id)[0].status == "carried"


def test_parked_issue_moments_are_carried_the_same_way():
    store, (s1, s2, s3) = group_with_sessions(3)
    parked = store.add_capture(Capture(s1.id, "issue_moment", data={
        "codes": ["KM_1", "SW_1"], "description": "Maatregel of eerst zorg?",
        "outcome": "geparkeerd"}))
    store.add_capture(Capture(s1.id, "issue_moment", data={
        "codes": ["KM_1"], "description": "Gegevens delen", "outcome": "overbrugd"}))
    [item] = series.open_items(store, s2.id)
    assert item.label == "Geparkeerd issue" and item.owner == "KM_1, SW_1"
    series.review(store, s2.id, parked.id, series.DONE, "Besproken met de teamleider")
    assert series.open_items(store, s3.id) == []


def test_undoing_a_review_and_refusing_what_is_not_open():
    store, (s1, s2, s3) = group_with_sessions(3)
    visit = agreement(store, s1, "Huisbezoek")
    series.review(store, s2.id, visit.id, series.DONE)
    assert series.open_items(store, s3.id) == []
    series.review(store, s2.id, visit.id, "")
    assert texts(store, s2) == [("Huisbezoek", "")]
    assert texts(store, s3) == [("Huisbezoek", "")]
    later = agreement(store, s3, "Van later")
    with pytest.raises(ValidationError, match="niet \\(meer\\) open"):
        series.review(store, s2.id, later.id, series.DONE)
    with pytest.raises(ValidationError, match="Onbekende status"):
        series.review(store, s2.id, visit.id, "misschien")
    with pytest.raises(ValidationError, match="te lang"):
        series.review(store, s2.id, visit.id, series.CARRIED, "x" * 3000)


def test_the_next_meeting_a_month_later_same_place_and_method_with_the_open_work():
    from casusdesk.domain.session_roles import SessionSetup
    from casusdesk.services import session_setup

    store, (s1,) = group_with_sessions(1)
    roster = Roster(store, functions())
    guest = roster.add(s1.group_id, function="Wijkcoach GGZ", name="Gast Eenmalig", guest=True)
    s1.place, s1.method_id = "Wijkcentrum De Brug", "roddelmethode"
    s1.date = dt.date(2026, 1, 31)
    km, sw = [p.id for p in store.list_participants(s1.group_id)][:2]
    s1.case.case_bringer_id = km
    s1.attendance = [km, guest.id]
    s1 = store.save_session(s1)
    store.set_document(s1.id, "method", {"id": "roddelmethode", "name": "Roddel kort"})
    session_setup.save(store, s1.id, SessionSetup(mode="online", roles={
        "gespreksleider": "extern", "voorzitter": "SW_1"}))
    open_one = agreement(store, s1, "Huisbezoek plannen")
    store.add_capture(Capture(s1.id, "issue_moment", data={
        "description": "Maatregel of eerst zorg?", "outcome": "geparkeerd"}))

    s2 = series.next_session(store, s1.id)
    assert s2.date == dt.date(2026, 2, 28)  # no 31 February: the month's last day
    assert (s2.place, s2.method_id) == ("Wijkcentrum De Brug", "roddelmethode")
    assert store.get_document(s2.id, "method") == {"id": "roddelmethode", "name": "Roddel kort"}
    assert s2.attendance == sorted([km, sw])  # the members, not the guest
    assert s2.case.case_bringer_id == sw  # who has not brought a case yet
    setup = session_setup.load(store, s2.id)
    assert setup.mode == "online" and setup.roles == {"gespreksleider": "extern"}
    assert [(i.label, i.text) for i in series.open_items(store, s2.id)] == [
        ("Afspraak", "Huisbezoek plannen"), ("Geparkeerd issue", "Maatregel of eerst zorg?")]

    series.review(store, s2.id, open_one.id, series.CARRIED, "Nog niet gelukt")
    s3 = series.next_session(store, s2.id, date=dt.date(2026, 4, 2))
    assert s3.date == dt.date(2026, 4, 2)
    # the rota goes round: both brought a case (s2 got SW), the one longest ago is next
    assert s3.case.case_bringer_id == km
    [visit, _issue] = series.open_items(store, s3.id)
    assert visit.history == ((s2.date, "Nog niet gelukt"),)


def test_rota_puts_who_never_brought_a_case_first():
    store, (s1, s2) = group_with_sessions(2)
    roster = Roster(store, functions())
    third = roster.add(s1.group_id, function="Wmo-consulent", name="Derde")
    km, sw = [p.id for p in store.list_participants(s1.group_id)][:2]
    s1.case.case_bringer_id = sw
    store.save_session(s1)
    s2.case.case_bringer_id = km
    store.save_session(s2)
    assert series.rota(store, s1.group_id) == [third.id, sw, km]
