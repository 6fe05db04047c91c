"""A session row with bytes that are not UTF-8 (written with raw sqlite3, as another
program or a disk fault would): the message names the session and the field, never the
text, and the rest of the program keeps working."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import os

import pytest

from casusdesk.app import open_context
from casusdesk.services import damage
from casusdesk.services.damage import DamagedSessionError, UnprotectedExportError
from casusdesk.services.demo import create_demo
from casusdesk.services.minutes import export_minutes
from casusdesk.storage.db import DB_FILENAME

BAD = b"Geheim \xff\xfe Pietje Puk"


def plant(data_dir, session_id: int, column: str, value: bytes | str = BAD, *,
          blob: bool = False) -> None:
    con = sqlite3.connect(data_dir / DB_FILENAME)
    try:
        cast = "?" if blob else "CAST(? AS TEXT)"
        con.execute(f"UPDATE sessions SET {column} = {cast} WHERE id = ?", (value, session_id))
        con.commit()
        assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        con.close()


def raw(data_dir, session_id: int, column: str) -> bytes:
    con = sqlite3.connect(data_dir / DB_FILENAME)
    try:
        return con.execute(f"SELECT CAST({column} AS BLOB) FROM sessions WHERE id = ?",
                           (session_id,)).fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def two(tmp_path):
    ctx = open_context(tmp_path / "data")
    first = create_demo(ctx.store, ctx.roster)
    second = create_demo(ctx.store, ctx.roster)
    return ctx, first, second


def test_other_sessions_open_and_the_damaged_one_opens_with_the_field_marked(two):
    ctx, first, second = two
    plant(ctx.data_dir, second.id, "case_description")
    listed = ctx.store.list_sessions(first.group_id)
    assert {s.id for s in listed} == {first.id, second.id}
    whole = ctx.store.get_session(first.id)
    assert whole.damaged == {} and whole.case.description == first.case.description
    bad = ctx.store.get_session(second.id)
    assert bad.damaged == {"case_description": "ongeldige tekens (geen UTF-8)"}
    assert bad.case.description == "" and bad.case.title == second.case.title
    notice = damage.session_notice(ctx.store, second.id)
    assert notice.startswith(f"Bijeenkomst {second.id} is deels beschadigd: beschrijving van "
                             "de casus (ongeldige tekens (geen UTF-8))")
    assert "Pietje" not in notice and "schijfruimte" not in notice
    assert damage.session_notice(ctx.store, first.id) == ""


def test_a_blob_in_a_text_column_reads_as_damaged_too(two):
    ctx, _first, second = two
    plant(ctx.data_dir, second.id, "case_title", BAD, blob=True)
    # a BLOB comes back as bytes, not as text: the title must still read as text
    bad = ctx.store.get_session(second.id)
    assert isinstance(bad.case.title, str) and "Pietje" not in bad.case.title
    assert "case_title" in bad.damaged


def test_the_damaged_bytes_stay_until_that_field_is_saved_anew(two):
    ctx, _first, second = two
    plant(ctx.data_dir, second.id, "case_description")
    bad = ctx.store.get_session(second.id)
    ctx.store.update_session_fields(second.id, {"place": "Zaal 2"},
                                    expected_version=bad.version)
    assert raw(ctx.data_dir, second.id, "case_description") == BAD
    ctx.store.update_session(bad, bad)  # the page saving unchanged fields writes nothing
    assert raw(ctx.data_dir, second.id, "case_description") == BAD
    ctx.store.update_session_fields(second.id, {"case_description": "Nieuw"})
    again = ctx.store.get_session(second.id)
    assert again.case.description == "Nieuw" and again.damaged == {}


def test_a_participant_removed_leaves_an_unreadable_attendance_alone(two):
    ctx, first, second = two
    plant(ctx.data_dir, second.id, "attendance", "[1, 2,")
    assert ctx.store.get_session(second.id).damaged == {"attendance": "geen geldige JSON"}
    someone = ctx.store.list_participants(first.group_id)[-1]
    ctx.store.delete_participant(someone.id)
    assert raw(ctx.data_dir, second.id, "attendance") == b"[1, 2,"
    assert someone.id not in ctx.store.get_session(first.id).attendance


def test_minutes_refuse_a_damaged_field_and_name_it(two, tmp_path):
    ctx, _first, second = two
    plant(ctx.data_dir, second.id, "case_description")
    out = tmp_path / "verslag.docx"
    with pytest.raises(DamagedSessionError) as refused:
        export_minutes(ctx.store, second.id, ctx.methods, out)
    message = str(refused.value)
    assert f"Bijeenkomst {second.id} is deels beschadigd" in message
    assert "beschrijving van de casus" in message and "niet gemaakt" in message
    assert "Pietje" not in message and not out.exists()


def test_no_export_at_all_when_the_clients_real_name_cannot_be_read(two, tmp_path):
    ctx, _first, second = two
    plant(ctx.data_dir, second.id, "case_client_real_name")
    out = tmp_path / "verslag.docx"
    with pytest.raises(UnprotectedExportError) as refused:
        export_minutes(ctx.store, second.id, ctx.methods, out, skip_damaged=True)
    assert "echte naam van de cliënt" in str(refused.value)
    assert "Pietje" not in str(refused.value) and not out.exists()


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "casusdesk", *args], capture_output=True,
                          text=True, env={**os.environ, "CASUSDESK_NO_DIALOGS": "1"},
                          timeout=300)


@pytest.mark.slow
def test_the_command_line_names_the_damage_and_goes_on_when_asked(two, tmp_path):
    ctx, first, second = two
    plant(ctx.data_dir, second.id, "case_description")
    ctx.store.engine.dispose()
    out = tmp_path / "verslag.docx"
    listing = run_cli("sessions", "--data-dir", str(ctx.data_dir))
    assert listing.returncode == 0, listing.stderr
    refused = run_cli("export", "minutes", str(second.id), "-o", str(out),
                      "--data-dir", str(ctx.data_dir))
    assert refused.returncode == 1
    assert f"Bijeenkomst {second.id} is deels beschadigd" in refused.stderr
    assert "beschrijving van de casus" in refused.stderr and "--skip-damaged" in refused.stderr
    assert "schijfruimte" not in refused.stderr and "Pietje" not in refused.stderr
    assert "Traceback" not in refused.stderr and not out.exists()
    done = run_cli("export", "minutes", str(second.id), "-o", str(out), "--skip-damaged",
                   "--data-dir", str(ctx.data_dir))
    assert done.returncode == 0, done.stderr
    assert "beschrijving van de casus" in done.stderr and out.exists()
    assert b"Pietje" not in out.read_bytes()
    other = run_cli("export", "minutes", str(first.id), "-o", str(tmp_path / "ander.docx"),
                    "--data-dir", str(ctx.data_dir))
    assert other.returncode == 0, other.stderr


def test_a_decoding_error_from_sqlite_never_quotes_the_text_nor_blames_the_disk(two):
    # a connection without casusdesk's text reader (another tool's engine) lets sqlite3
    # fail on the bytes; the store's message then names damage, not disk space
    from sqlmodel import create_engine

    from casusdesk.storage.db import StorageError
    from casusdesk.storage.repositories import Store

    ctx, first, second = two
    plant(ctx.data_dir, second.id, "case_description")
    bare = Store(create_engine(f"sqlite:///{ctx.data_dir / DB_FILENAME}"))
    with pytest.raises(StorageError) as failed:
        bare.list_sessions(first.group_id)
    message = str(failed.value)
    assert "beschadigd" in message and "geen UTF-8" in message
    assert "Pietje" not in message and "schijfruimte" not in message
