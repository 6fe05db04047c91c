"""Storing the analysis of issue moments and of a session; the glossary (issue 10)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from casusdesk.app import open_context
from casusdesk.domain.analysis import (
    CONTROVERSY, REFRAMING, RELATIONAL_TAGS, IssueAnalysis, Narrative, SessionAnalysis,
)
from casusdesk.services import analysis
from casusdesk.services.catalog import issue_vocabulary
from casusdesk.services.demo import create_demo
from casusdesk.services.live import LiveSession
from casusdesk.storage import migrations
from casusdesk.storage.db import DB_FILENAME, open_engine
from casusdesk.storage.repositories import Store
from tests.helpers.fakes import FakeClock


@pytest.fixture
def ctx(tmp_path):
    ctx = open_context(tmp_path / "data", clock=FakeClock())
    ctx.session = create_demo(ctx.store, ctx.roster)
    return ctx


def test_the_analysis_of_a_moment_is_stored_and_survives_an_edit_in_the_console(ctx):
    store = ctx.store
    first, second = analysis.issue_moments(store, ctx.session.id)
    a = IssueAnalysis(question="Wie is verantwoordelijk voor het verzuim?",
                      narratives=[Narrative("KMI_1", wat="Hij moet het zelf doen."),
                                  Narrative("Zorg & Welzijn", oorzaken="De psychische klachten.")],
                      frames=["Cliënt als dader van eigen falen"], bridged="nee",
                      controversy="pseudoakkoord", influences={"gespreksleiding": "Te snel door."})
    analysis.save_analysis(store, first, a)
    # the console (an older copy of the same moment) changes its theme afterwards
    live = LiveSession(store, ctx.session.id, ctx.methods, FakeClock())
    [old_copy] = [c for c in live.captures("issue_moment") if c.id == first.id]
    old_copy.data.pop("analysis")
    live.update_capture(old_copy, theme="Vertrouwen en wantrouwen")
    [stored] = [c for c in analysis.issue_moments(store, ctx.session.id) if c.id == first.id]
    assert stored.data["theme"] == "Vertrouwen en wantrouwen"
    assert IssueAnalysis.from_dict(stored.data["analysis"]) == a
    # and editing the moment after the session keeps it too
    analysis.save_moment(store, stored, quote="Hij moet ook zelf iets doen.")
    [again] = [c for c in analysis.issue_moments(store, ctx.session.id) if c.id == first.id]
    assert again.data["quote"] == "Hij moet ook zelf iets doen."
    assert again.data["analysis"]["question"] == "Wie is verantwoordelijk voor het verzuim?"
    assert "analysis" not in [c for c in analysis.issue_moments(store, ctx.session.id)
                              if c.id == second.id][0].data


def test_a_deleted_moment_comes_back_with_its_analysis(ctx):
    store = ctx.store
    live = LiveSession(store, ctx.session.id, ctx.methods, FakeClock())
    moment = analysis.issue_moments(store, ctx.session.id)[0]
    analysis.save_analysis(store, moment, IssueAnalysis(question="Mag ik dit delen?"))
    live.delete_capture(moment.id)
    again = live.restore_capture(moment)
    assert analysis.issue_moments(store, ctx.session.id)
    assert [c for c in analysis.issue_moments(store, ctx.session.id)
            if c.id == again.id][0].data["analysis"]["question"] == "Mag ik dit delen?"


def test_the_uncontested_topics_of_a_session_are_kept_and_go_with_the_session(ctx):
    store = ctx.store
    assert analysis.session_analysis(store, ctx.session.id).uncontested == []
    analysis.save_session_analysis(store, ctx.session.id,
                                   SessionAnalysis(["hetzelfde doel", " ", "hetzelfde doel"]))
    assert analysis.session_analysis(store, ctx.session.id).uncontested == ["hetzelfde doel"]
    store.delete_session(ctx.session.id)
    con = sqlite3.connect(ctx.data_dir / DB_FILENAME)
    assert con.execute("SELECT count(*) FROM session_analyses").fetchone() == (0,)
    con.close()


def test_a_version_4_database_gets_the_session_analyses_table(tmp_path):
    fixture = Path(__file__).parents[1] / "fixtures" / "db" / "v4.sqlite"
    shutil.copy(fixture, tmp_path / DB_FILENAME)
    store = Store(open_engine(tmp_path))
    [group] = store.list_groups()
    [session] = store.list_sessions(group.id)
    store.set_session_analysis(session.id, {"uncontested": ["politieke invloed"]})
    assert store.get_session_analysis(session.id) == {"uncontested": ["politieke invloed"]}
    con = sqlite3.connect(tmp_path / DB_FILENAME)
    assert con.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
    con.close()


def test_the_group_analysis_lists_sessions_oldest_first_with_their_moments(ctx):
    ga = analysis.group_analysis(ctx.store, ctx.session.group_id, ctx.methods)
    assert [s.session.date for s in ga.sessions] == sorted(s.session.date for s in ga.sessions)
    held = [s for s in ga.sessions if s.moments]
    assert held and all(m.kind == "issue_moment" for s in held for m in s.moments)
    ov = ga.overview()
    assert ov.moments == sum(len(s.moments) for s in ga.sessions)


def test_the_glossary_explains_every_frame_reframing_handling_and_tag():
    g = analysis.glossary()
    for frame in issue_vocabulary()["frames"]:
        assert g.frames[frame].explanation and g.frames[frame].lines.startswith("L"), frame
    assert set(g.reframing) == set(REFRAMING)
    assert set(g.controversy) == set(CONTROVERSY)
    assert set(RELATIONAL_TAGS) | {"uit_rol"} == set(g.tags)
    assert "L" in g.sections["stappen"].lines
    assert "Handhavingsframe" not in g.explain("Mijn eigen frame") and \
        g.explain("Mijn eigen frame") == ""
    frame = issue_vocabulary()["frames"][0]
    assert g.frames[frame].explanation in g.explain(frame) and "rapport" not in g.explain(frame)


def test_a_soft_hyphen_in_an_analysis_is_noticed_by_the_boundary(ctx):
    from casusdesk.services.export_boundary import SessionBoundary

    store = ctx.store
    assert not SessionBoundary(store, ctx.session.id, ctx.methods).hidden_characters_removed
    moment = analysis.issue_moments(store, ctx.session.id)[0]
    store.merge_capture_data(moment.id, {"analysis": {"narratives": [
        {"party": "KM_1", "wat": "Fem\u00adke wil een maatregel."}]}})
    assert SessionBoundary(store, ctx.session.id, ctx.methods).hidden_characters_removed
