"""The demo session looks like a real, held meeting."""

from casusdesk.domain.model import CAPTURE_KINDS
from casusdesk.services.catalog import functions
from casusdesk.services.demo import create_demo
from casusdesk.services.method_catalog import load_methods
from casusdesk.services.role_catalog import roles
from casusdesk.services.roster import Roster
from casusdesk.services.rolwisseling import assignment
from casusdesk.storage.db import memory_engine
from casusdesk.storage.repositories import Store
from casusdesk.domain.timer import SessionTimer
from tests.helpers.fakes import FakeClock


def test_demo_session_has_timings_captures_of_every_kind_and_roles():
    store = Store(memory_engine())
    roster = Roster(store, functions())
    session = create_demo(store, roster, methods=load_methods())
    kinds = {c.kind for c in store.list_captures(session.id)}
    assert kinds == set(CAPTURE_KINDS)
    timer = SessionTimer.restore(store.get_document(session.id, "timer"), FakeClock())
    assert timer.finished
    actual = [round(t.actual / 60) for t in timer.timings()]
    assert actual == [12, 17, 9, 11, 38, 12, 21]
    chosen = assignment(store, roster, session.id, roles())
    present = {p.code for p in store.list_participants(session.group_id)
               if p.id in session.attendance}
    assert set(chosen) == present
    own = {p.code: roster.function_id(p.function) for p in store.list_participants(session.group_id)}
    assert all(chosen[code] != own[code] for code in chosen)


def test_demo_hands_out_only_roles_of_the_functions_present():
    store = Store(memory_engine())
    roster = Roster(store, functions())
    session = create_demo(store, roster, methods=load_methods())
    chosen = assignment(store, roster, session.id, roles())
    present = {roster.function_id(p.function) for p in store.list_participants(session.group_id)
               if p.id in session.attendance}
    assert set(chosen.values()) <= present
    for absent in ("arbeidsdeskundige_uwv", "handhaving", "ervaringsdeskundige", "client",
                   "participatiecoach"):  # the participatiecoach is ill in the demo
        assert absent not in chosen.values()


def test_demo_reflections_use_the_questions_the_method_asks():
    """The console lists the method's questions; the demo's answers belong to those,
    not to a reworded copy of them."""
    store = Store(memory_engine())
    methods = load_methods()
    session = create_demo(store, Roster(store, functions()), methods=methods)
    asked = set(methods[session.method_id].reflection_questions)
    questions = [c.data["question"] for c in store.list_captures(session.id)
                 if c.kind == "reflection"]
    assert questions and all(q in asked for q in questions), questions
