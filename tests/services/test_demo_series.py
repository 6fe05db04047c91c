"""The demo group's past series: four sessions, four methods, analysed moments (issue 10)."""

from __future__ import annotations

from casusdesk.app import open_context
from casusdesk.services import analysis as service  # noqa: F401
from casusdesk.services.demo import create_demo
from casusdesk.services.demo_series import extend_new_demo
from tests.helpers.fakes import FakeClock


def test_a_new_demo_group_gets_four_past_sessions_with_a_trend(tmp_path):
    ctx = open_context(tmp_path / "data", clock=FakeClock())
    held = create_demo(ctx.store, ctx.roster)
    added = extend_new_demo(ctx.store, held)
    assert len(added) == 4
    assert all(s.date < held.date for s in added)
    assert len({s.method_id for s in added} | {held.method_id}) == 5
    assert all(m in ctx.methods for m in (s.method_id for s in added))
    group = service.group_analysis(ctx.store, held.group_id, ctx.methods)
    assert [s.session.id for s in group.sessions][-1] == held.id
    for s in group.sessions[:4]:
        assert s.moments and all(not service.model.analysis_of(m.data).is_empty()
                                 for m in s.moments)
        assert s.analysis.uncontested
    ov = group.overview()
    keys = [s.key for s in group.sessions]
    rates = [ov.bridging_rate(k) for k in keys[:4]]
    assert rates[0] < rates[-1]  # the group learns to bridge
    assert ov.recurring and ov.recurring[0][0] == ("Werk & Inkomen", "Zorg & Welzijn")
    privacy = "Integraliteit en persoonsgegevens (privacy, gegevens delen)"
    assert len(ov.themes[privacy]) == 5  # in every session
    # codes of the moments are codes of the group
    codes = {p.code for p in ctx.store.list_participants(held.group_id)}
    assert all(set(m.data["codes"]) <= codes for s in group.sessions for m in s.moments)


def test_later_demo_sessions_add_no_second_series(tmp_path):
    ctx = open_context(tmp_path / "data", clock=FakeClock())
    extend_new_demo(ctx.store, create_demo(ctx.store, ctx.roster))
    later = create_demo(ctx.store, ctx.roster)
    assert extend_new_demo(ctx.store, later) == []
    assert len(ctx.store.list_sessions(later.group_id)) == 6
