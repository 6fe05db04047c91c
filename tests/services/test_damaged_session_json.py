"""Broken JSON in a session's JSON columns (written with raw sqlite3): the damaged part
reads as empty with a one-line notice, the rest of the session works, and the broken
original stays until something new is saved in that part."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from casusdesk.app import open_context
from casusdesk.domain.interview import InterviewPrep
from casusdesk.services import damage, rolwisseling, series, session_setup
from casusdesk.services.damage import DamagedSessionError, UnprotectedExportError
from casusdesk.services.demo import create_demo
from casusdesk.services.live import LiveSession
from casusdesk.services.minutes import export_minutes
from casusdesk.services.role_catalog import roles
from casusdesk.storage.db import DB_FILENAME
from tests.helpers.fakes import FakeClock

BROKEN = '{"geheim": "Pietje Puk", '

#: column -> the Dutch name the notice gives it
COLUMNS = {
    "attendance": "aanwezigheid",
    "case_client_aliases": "aliassen van de cliënt",
    "roles_json": "rolverdeling",
    "interview_json": "voorbereiding van het interview",
    "setup_json": "rollen en vorm van de bijeenkomst",
    "series_json": "terugblik op eerdere bijeenkomsten",
    "timer_json": "timer",
    "method_json": "eigen werkvorm",
    "timeline_json": "levenslijn",
    "review_json": "controle van het verslag",
}


def plant(data_dir, session_id: int, column: str, text: str = BROKEN) -> None:
    con = sqlite3.connect(data_dir / DB_FILENAME)
    try:
        con.execute(f"UPDATE sessions SET {column} = ? WHERE id = ?", (text, session_id))
        con.commit()
    finally:
        con.close()


def stored(data_dir, session_id: int, column: str) -> str:
    con = sqlite3.connect(data_dir / DB_FILENAME)
    try:
        return con.execute(f"SELECT {column} FROM sessions WHERE id = ?",
                           (session_id,)).fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def held(tmp_path):
    """The demo session (held: timer, roles, timeline, captures) and a later one."""
    ctx = open_context(tmp_path / "data")
    first = create_demo(ctx.store, ctx.roster, today=dt.date(2026, 3, 12), methods=ctx.methods)
    later = create_demo(ctx.store, ctx.roster, methods=ctx.methods)
    return ctx, first.id, later.id


@pytest.mark.parametrize("column", sorted(COLUMNS))
def test_each_broken_column_reads_as_empty_with_a_notice_and_stays_stored(held, column):
    ctx, sid, _later = held
    store = ctx.store
    plant(ctx.data_dir, sid, column)

    session = store.get_session(sid)  # opens
    notice = damage.session_notice(store, sid)
    assert notice.startswith(f"Bijeenkomst {sid} is deels beschadigd: {COLUMNS[column]} (")
    assert "\n" not in notice and "Pietje" not in notice
    assert "blijft bewaard" in notice

    # everything that reads the session on the way to the session page, the console,
    # the roles dialog and the minutes works on the rest
    session_setup.load(store, sid)
    series.open_items(store, sid)
    InterviewPrep.from_dict(store.get_document(sid, "interview"))
    rolwisseling.assignment(store, ctx.roster, sid, roles())
    clock = FakeClock()
    live = LiveSession(store, sid, ctx.methods, clock)
    live.role_board()
    live.captures()
    assert notice in live.damage_notice()
    live.checkpoint()  # the console's checkpoint on close
    assert store.get_session(sid).group_id == session.group_id
    assert stored(ctx.data_dir, sid, column) == BROKEN  # nothing was overwritten


@pytest.mark.parametrize("column", sorted(set(COLUMNS) - {"case_client_aliases",
                                                          "review_json"}))
def test_minutes_name_the_broken_part_and_refuse_unless_asked(held, column, tmp_path):
    ctx, sid, _later = held
    plant(ctx.data_dir, sid, column)
    with pytest.raises(DamagedSessionError) as refused:
        export_minutes(ctx.store, sid, ctx.methods, tmp_path / "verslag.docx")
    assert COLUMNS[column] in str(refused.value) and "Pietje" not in str(refused.value)


@pytest.mark.parametrize("column", ["case_client_aliases", "review_json"])
def test_no_export_when_what_keeps_names_out_is_broken(held, column, tmp_path):
    ctx, sid, _later = held
    plant(ctx.data_dir, sid, column)
    with pytest.raises(UnprotectedExportError) as refused:
        export_minutes(ctx.store, sid, ctx.methods, tmp_path / "verslag.docx",
                       skip_damaged=True)
    assert COLUMNS[column] in str(refused.value)
    assert not (tmp_path / "verslag.docx").exists()


def test_the_timer_starts_anew_and_replaces_the_broken_one_only_once_used(held):
    ctx, _sid, later = held
    plant(ctx.data_dir, later, "timer_json")
    clock = FakeClock()
    live = LiveSession(ctx.store, later, ctx.methods, clock)
    assert not live.timer.started
    live.checkpoint()
    assert stored(ctx.data_dir, later, "timer_json") == BROKEN
    live.toggle()  # the facilitator starts the meeting: that is something new
    clock.advance(60)
    live.checkpoint()
    assert ctx.store.damaged_documents(later) == {}
    assert ctx.store.get_document(later, "timer")["status"] == "running"


def test_an_unreadable_timer_snapshot_opens_the_console_with_a_notice(held):
    ctx, sid, _later = held
    plant(ctx.data_dir, sid, "timer_json", '{"format": 1, "status": "running"}')
    live = LiveSession(ctx.store, sid, ctx.methods, FakeClock())
    assert "De timer begint opnieuw: de opgeslagen timer is onleesbaar" in live.damage_notice()
    live.checkpoint()
    assert stored(ctx.data_dir, sid, "timer_json") == '{"format": 1, "status": "running"}'


def test_changing_the_roles_replaces_a_broken_roles_document(held):
    ctx, sid, _later = held
    plant(ctx.data_dir, sid, "roles_json")
    table = roles()
    shown = rolwisseling.assignment(ctx.store, ctx.roster, sid, table)
    assert shown and stored(ctx.data_dir, sid, "roles_json") == BROKEN
    rolwisseling.propose(ctx.store, ctx.roster, sid, table)  # "Opnieuw voorstellen"
    assert "roles" not in ctx.store.damaged_documents(sid)
    assert ctx.store.get_document(sid, "roles")["assignment"]


def test_ticking_someone_present_replaces_a_broken_attendance(held):
    ctx, sid, _later = held
    plant(ctx.data_dir, sid, "attendance")
    session = ctx.store.get_session(sid)
    assert session.attendance == [] and session.damaged == {"attendance": "geen geldige JSON"}
    someone = ctx.store.list_participants(session.group_id)[0]
    ctx.store.update_session_fields(sid, {"attendance": [someone.id]},
                                    expected_version=session.version)
    again = ctx.store.get_session(sid)
    assert again.attendance == [someone.id] and again.damaged == {}


def test_role_cards_of_a_broken_roles_document_follow_a_proposal_and_say_so(held, tmp_path):
    from casusdesk.services.rolwisseling import export_cards

    ctx, sid, _later = held
    plant(ctx.data_dir, sid, "roles_json")
    result = export_cards(ctx.store, ctx.roster, sid, tmp_path / "kaarten.pdf", roles(),
                          with_backs=False)
    assert result.cards and any("rolverdeling is beschadigd" in n for n in result.notes)
    assert stored(ctx.data_dir, sid, "roles_json") == BROKEN
