"""Capture rows that pass SQLite's quick_check but cannot be read (issue 15, item 6).

The damage is written with raw sqlite3, as another program or a disk fault would.
"""

from __future__ import annotations

import sqlite3
import zipfile

import pytest

from casusdesk.app import open_context
from casusdesk.domain.clock import SystemClock
from casusdesk.services import damage
from casusdesk.services.damage import DamagedCapturesError
from casusdesk.services.demo import create_demo
from casusdesk.services.live import LiveSession
from casusdesk.services.minutes import export_minutes
from casusdesk.services.role_catalog import roles
from casusdesk.services.rolwisseling import export_cards
from casusdesk.storage.db import DB_FILENAME

#: bytes that are not UTF-8 (a lone continuation byte and 0xff) inside a JSON text
NOT_UTF8 = b'{"text": "Bel Pietje \xff\xfe Puk"}'


def damage_rows(data_dir, *, broken_json: int | None = None, not_utf8: int | None = None,
                column: str = "data") -> None:
    con = sqlite3.connect(data_dir / DB_FILENAME)
    try:
        if broken_json is not None:
            con.execute("UPDATE captures SET data = ? WHERE id = ?",
                        ('{"text": "Geheim van Pietje Puk', broken_json))
        if not_utf8 is not None:
            con.execute(f"UPDATE captures SET {column} = CAST(? AS TEXT) WHERE id = ?",
                        (NOT_UTF8, not_utf8))
        con.commit()
        assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        con.close()


@pytest.fixture
def demo(tmp_path):
    ctx = open_context(tmp_path / "data")
    session = create_demo(ctx.store, ctx.roster)
    by_kind: dict[str, list[int]] = {}
    for capture in ctx.store.list_captures(session.id):
        by_kind.setdefault(capture.kind, []).append(capture.id)
    return ctx, session.id, by_kind


def test_the_store_reads_damaged_rows_as_damaged_and_the_rest_as_they_were(demo):
    ctx, sid, by_kind = demo
    before = {c.id: c for c in ctx.store.list_captures(sid)}
    question, tip = by_kind["question"][0], by_kind["tip"][0]
    damage_rows(ctx.data_dir, broken_json=question, not_utf8=tip)

    after = {c.id: c for c in ctx.store.list_captures(sid)}
    assert set(after) == set(before)
    assert after[question].damaged == "de inhoud is geen geldige JSON"
    assert after[tip].damaged == "ongeldige tekens (geen UTF-8) in 'data'"
    assert after[question].data == {} and after[tip].data == {}
    assert (after[question].kind, after[tip].kind) == ("question", "tip")
    for cid, capture in before.items():
        if cid not in (question, tip):
            assert after[cid] == capture  # the healthy rows are read exactly as before
    assert [c.id for c in ctx.store.list_captures(sid, "tip")][0] == tip


def test_bad_bytes_in_the_kind_column_are_damage_too(demo):
    ctx, sid, by_kind = demo
    fact = by_kind["fact"][0]
    damage_rows(ctx.data_dir, not_utf8=fact, column="kind")
    [bad] = damage.damaged_captures(ctx.store, sid)
    assert bad.id == fact and "'kind'" in bad.damaged
    assert f"vastlegging {fact} (onbekende soort" in damage.report(sid, [bad])


def test_report_names_session_ids_and_kinds_but_never_the_content(demo):
    ctx, sid, by_kind = demo
    question, tip = by_kind["question"][1], by_kind["tip"][0]
    damage_rows(ctx.data_dir, broken_json=question, not_utf8=tip)
    text = damage.report(sid, ctx.store.list_captures(sid))
    assert text.startswith(f"In bijeenkomst {sid} zijn 2 vastleggingen beschadigd")
    assert f"vastlegging {question} (Vraag: de inhoud is geen geldige JSON)" in text
    assert f"vastlegging {tip} (Tip of advies: ongeldige tekens" in text
    assert "Pietje" not in text and "Puk" not in text


@pytest.mark.slow
def test_minutes_refuse_damaged_captures_unless_the_facilitator_agrees(demo, tmp_path):
    ctx, sid, by_kind = demo
    question, tip = by_kind["question"][0], by_kind["tip"][1]
    kept_question = ctx.store.list_captures(sid, "question")[1].data["text"]
    damage_rows(ctx.data_dir, broken_json=question, not_utf8=tip)
    out = tmp_path / "verslag.docx"

    with pytest.raises(DamagedCapturesError) as refused:
        export_minutes(ctx.store, sid, ctx.methods, out)
    message = str(refused.value)
    assert f"vastlegging {question} (Vraag" in message and f"vastlegging {tip} (Tip" in message
    assert "niet gemaakt" in message and "Pietje" not in message
    assert {c.id for c in refused.value.captures} == {question, tip}
    assert not out.exists()

    export_minutes(ctx.store, sid, ctx.methods, out, skip_damaged=True)
    with zipfile.ZipFile(out) as package:
        body = package.read("word/document.xml").decode("utf-8")
    assert kept_question[:30] in body  # the readable captures are all there
    assert "Pietje" not in body and "Puk" not in body


def test_the_console_service_skips_damaged_captures_and_says_which(demo):
    ctx, sid, by_kind = demo
    note, circle = by_kind["note"][0], by_kind["golden_circle"][0]
    damage_rows(ctx.data_dir, broken_json=note, not_utf8=circle)
    live = LiveSession(ctx.store, sid, ctx.methods, SystemClock())
    assert note not in [c.id for c in live.captures()]
    assert [c.id for c in live.captures("golden_circle")] == by_kind["golden_circle"][1:]
    notice = live.damage_notice()
    assert f"vastlegging {note} (Notitie" in notice
    assert f"vastlegging {circle} (Golden Circle" in notice
    assert "Pietje" not in notice
    # the damaged note is not shown, so typing in its phase makes a new note: nothing
    # is written over the damaged row
    phase = ctx.store.list_captures(sid)[0].phase_index
    live.set_note(phase, "nieuwe aantekening")
    assert live.note_for_phase(phase).data == {"text": "nieuwe aantekening"}
    assert [c.id for c in damage.damaged_captures(ctx.store, sid)] == sorted([note, circle])


def test_a_healthy_session_has_no_notice(demo):
    ctx, sid, _ = demo
    assert LiveSession(ctx.store, sid, ctx.methods, SystemClock()).damage_notice() == ""
    assert damage.report(sid, ctx.store.list_captures(sid)) == ""


def test_role_cards_name_a_damaged_golden_circle(demo, tmp_path):
    ctx, sid, by_kind = demo
    circle = by_kind["golden_circle"][0]
    damage_rows(ctx.data_dir, broken_json=circle)
    result = export_cards(ctx.store, ctx.roster, sid, tmp_path / "kaarten.pdf", roles())
    assert any(f"vastlegging {circle} (Golden Circle" in note for note in result.notes)
    assert result.cards > 0


def test_whole_captures_keep_their_moment_and_can_be_stored_again(demo):
    import datetime as dt

    from casusdesk.domain.model import Capture

    ctx, sid, _ = demo
    moment = dt.datetime(2026, 3, 12, 14, 5, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    added = ctx.store.add_capture(Capture(session_id=sid, kind="tip", data={"text": "bel"},
                                          created_at=moment, session_seconds=99999.0))
    [read] = [c for c in ctx.store.list_captures(sid, "tip") if c.id == added.id]
    assert read.created_at == moment and read.created_at.utcoffset() is not None
    again = ctx.store.add_capture(Capture(session_id=sid, kind=read.kind, data=read.data,
                                          created_at=read.created_at))  # undo of a deletion
    assert again.id != added.id
    assert [c.created_at for c in ctx.store.list_captures(sid) if c.id == again.id] == [moment]


def test_an_unreadable_moment_loses_only_the_moment(demo):
    ctx, sid, by_kind = demo
    tip = by_kind["tip"][0]
    text = next(c for c in ctx.store.list_captures(sid) if c.id == tip).data
    con = sqlite3.connect(ctx.data_dir / DB_FILENAME)
    con.execute("UPDATE captures SET created_at = CAST(? AS TEXT) WHERE id = ?", (b"\xff", tip))
    con.commit()
    con.close()
    [read] = [c for c in ctx.store.list_captures(sid) if c.id == tip]
    assert read.damaged == "" and read.data == text and read.created_at is None
