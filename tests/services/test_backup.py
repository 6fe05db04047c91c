"""Encrypted backup and handover of a group (issue 12): a round trip keeps every field
of every table, and a wrong passphrase, a cut-off file, a changed byte or a newer
format is refused with a clear message and reads nothing in."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from casusdesk.domain.model import Capture, Group
from casusdesk.services import backup, retention
from casusdesk.services.catalog import functions
from casusdesk.services.demo import create_demo
from casusdesk.services.roster import Roster
from casusdesk.storage import transfer
from casusdesk.storage.db import DB_FILENAME, open_engine
from casusdesk.storage.repositories import GroupExistsError, Store

PASS = "correct paard batterij niet"


@pytest.fixture
def source(tmp_path):
    store = Store(open_engine(tmp_path / "bron"))
    roster = Roster(store, functions())
    other = store.save_group(Group(name="Andere groep"))
    roster.add(other.id, function="Sociaal werker", name="Niet Meenemen")
    first = create_demo(store, roster)
    second = create_demo(store, roster)
    group_id = first.group_id
    store.set_document(first.id, "review", {"marked": ["Sjoerd Wijnstra"], "unmarked": ["Joure"]})
    store.set_document(second.id, "interview", {"persona": "jongeren"})
    store.add_capture(Capture(session_id=second.id, kind="note", data={"text": "ë ß € 😀"}))
    retention.set_months(store, group_id, 18)
    retention.keep_longer(store, first.id, dt.date(2030, 1, 1), "bezwaar loopt",
                          dt.date(2026, 3, 1))
    guest = roster.add(group_id, function="Wijkverpleegkundige", name="Els Gast", guest=True)
    roster.edit(guest.id, {"aliases": ["Elsje"]})
    # a capture another program damaged (bytes that are not UTF-8) comes along as it is
    con = sqlite3.connect(tmp_path / "bron" / DB_FILENAME)
    con.execute("INSERT INTO captures (session_id, kind, phase_index, session_seconds, "
                "created_at, data) VALUES (?, 'note', 0, 1.0, '2026-03-01 10:00:00', "
                "CAST(X'7B2274657874223A2022FF227D' AS TEXT))", (second.id,))
    con.commit()
    con.close()
    return store, group_id


def rows_by_table(store: Store, group_id: int) -> dict[str, list[dict]]:
    """Every row of the group, every column, with ids replaced by their position, so
    two stores can be compared field by field."""
    data = store.export_group(group_id)
    position: dict[str, dict] = {}
    out = {}
    for table in transfer.group_tables():
        block = data[table.name]
        key = transfer._pk(table)
        fks = transfer._foreign_keys(table)
        rows = []
        for n, values in enumerate(block["rows"]):
            row = dict(zip(block["columns"], values))
            if key:  # a key that is a foreign key too is compared as that reference
                position.setdefault(table.name, {})[
                    row[key] if key in fks else row.pop(key)] = n
            for column, parent in fks.items():
                row[column] = position[parent].get(row[column])
            for (t, column), (parent, how) in transfer.SOFT_REFERENCES.items():
                if t == table.name and row.get(column) not in (None, ""):
                    row[column] = (parent, how, row[column])  # resolved below
            rows.append(row)
        out[table.name] = rows
    for table in transfer.group_tables():  # a soft reference may point to a later table
        for row in out[table.name]:
            for column, value in row.items():
                if isinstance(value, tuple):
                    parent, how, raw = value
                    ids = position.get(parent, {})
                    if how == "id":
                        row[column] = ids.get(raw)
                    elif how == "json-list":
                        row[column] = sorted(ids[v] for v in json.loads(raw))
                    else:
                        doc = json.loads(raw)
                        at = how.split(":", 1)[1]
                        if isinstance(doc, dict) and isinstance(doc.get(at), dict):
                            doc[at] = {ids[int(k)]: v for k, v in doc[at].items()}
                        row[column] = doc
    return out


def test_a_round_trip_into_another_folder_keeps_every_field(tmp_path, source):
    store, group_id = source
    out = tmp_path / "groep.casusdesk"
    made = backup.export_backup(store, group_id, out, PASS)
    assert made.counts["sessions"] == 2 and made.counts["participants"] == 9
    assert "groep 'Intervisiegroep Werk en Zorg' met 9 deelnemer(s), 2 bijeenkomst(en)" in \
        made.describe()
    target = Store(open_engine(tmp_path / "doel"))
    for name in ("Al hier", "Ook hier"):  # ids in the target are taken already
        target.save_group(Group(name=name))
    payload = backup.read_backup(out, PASS)
    assert backup.already_here(target, payload) is None
    imported = backup.import_backup(target, payload)
    assert imported.name == "Intervisiegroep Werk en Zorg" and imported.id != group_id
    assert rows_by_table(target, imported.id) == rows_by_table(store, group_id)
    # what a facilitator checks: the people, the case, the captures, the documents
    sessions = {(s.date, s.case.title): s for s in target.list_sessions(imported.id)}
    people = {p.id: p for p in target.list_participants(imported.id)}
    for s in store.list_sessions(group_id):
        copy = sessions[(s.date, s.case.title)]
        assert copy.case == s.case.__class__(**{**vars(s.case), "case_bringer_id":
                                                copy.case.case_bringer_id})
        old_people = {p.id: p for p in store.list_participants(group_id)}
        assert sorted(people[i].code for i in copy.attendance) == sorted(
            old_people[i].code for i in s.attendance)
        if s.case.case_bringer_id:
            assert people[copy.case.case_bringer_id].name == \
                old_people[s.case.case_bringer_id].name
        for name in ("timeline", "roles", "review", "interview", "timer", "method"):
            assert target.get_document(copy.id, name) == store.get_document(s.id, name)
        assert [(c.kind, c.data, c.damaged != "") for c in target.list_captures(copy.id)] == \
            [(c.kind, c.data, c.damaged != "") for c in store.list_captures(s.id)]
    assert "Niet Meenemen" not in {p.name for p in people.values()}
    assert target.retention_months(imported.id) == 18


def test_the_file_holds_no_readable_name(tmp_path, source):
    store, group_id = source
    out = tmp_path / "groep.casusdesk"
    backup.export_backup(store, group_id, out, PASS)
    raw = out.read_bytes()
    assert raw.startswith(backup.MAGIC)
    for text in ("Jan de Vries", "Sjoerd", "Els Gast", "Elsje", "bezwaar loopt",
                 "Intervisiegroep"):
        assert text.encode() not in raw
    assert json.dumps("Sjoerd").encode() not in raw


def test_importing_the_same_group_again_is_refused_or_made_a_copy(tmp_path, source):
    store, group_id = source
    out = tmp_path / "groep.casusdesk"
    backup.export_backup(store, group_id, out, PASS)
    payload = backup.read_backup(out, PASS)
    # into the same folder: the group is there
    assert backup.already_here(store, payload) == "Intervisiegroep Werk en Zorg"
    before = rows_by_table(store, group_id)
    with pytest.raises(GroupExistsError, match="staat al"):
        backup.import_backup(store, payload)
    assert len(store.list_groups()) == 2
    copy = backup.import_backup(store, payload, copy=True)
    again = backup.import_backup(store, payload, copy=True)
    assert (copy.name, again.name) == ("Intervisiegroep Werk en Zorg (kopie)",
                                       "Intervisiegroep Werk en Zorg (kopie 2)")
    assert rows_by_table(store, group_id) == before
    assert len(store.list_sessions(copy.id)) == 2


def _counts(store: Store) -> dict[str, int]:
    con = sqlite3.connect(store.engine.url.database)
    try:
        return {t.name: con.execute(f'SELECT count(*) FROM "{t.name}"').fetchone()[0]
                for t in transfer.group_tables()}
    finally:
        con.close()


@pytest.fixture
def made(tmp_path, source):
    store, group_id = source
    out = tmp_path / "groep.casusdesk"
    backup.export_backup(store, group_id, out, PASS)
    target = Store(open_engine(tmp_path / "doel"))
    target.save_group(Group(name="Al hier"))
    return out, target


def test_a_wrong_passphrase_reads_nothing_in(made):
    out, target = made
    before = _counts(target)
    with pytest.raises(backup.BackupError, match="wachtwoord klopt niet.*niets ingelezen"):
        backup.read_backup(out, "verkeerd wachtwoord")
    assert _counts(target) == before


@pytest.mark.parametrize("cut", [10, 40, backup.HEADER_SIZE, -1, -500])
def test_a_cut_off_file_is_refused(made, tmp_path, cut):
    out, _target = made
    short = tmp_path / "kort.casusdesk"
    short.write_bytes(out.read_bytes()[:cut])
    with pytest.raises(backup.BackupError, match="onvolledig.*niets ingelezen"):
        backup.read_backup(short, PASS)


@pytest.mark.parametrize("where", ["salt", "length-field", "body", "tag"])
def test_a_changed_byte_is_refused(made, tmp_path, where):
    out, _target = made
    data = bytearray(out.read_bytes())
    at = {"salt": 25, "length-field": backup.HEADER_SIZE - 1,
          "body": backup.HEADER_SIZE + 100, "tag": len(data) - 3}[where]
    data[at] ^= 0x01
    changed = tmp_path / "gewijzigd.casusdesk"
    changed.write_bytes(bytes(data))
    with pytest.raises(backup.BackupError,
                       match="(beschadigd|gewijzigd|onvolledig).*niets ingelezen"):
        backup.read_backup(changed, PASS)


def test_a_newer_format_or_schema_is_refused(made, tmp_path):
    out, _target = made
    data = bytearray(out.read_bytes())
    data[16:18] = (backup.FORMAT_VERSION + 1).to_bytes(2, "big")
    newer = tmp_path / "nieuwer.casusdesk"
    newer.write_bytes(bytes(data))
    with pytest.raises(backup.BackupError, match="nieuwere versie.*formaat 2"):
        backup.read_backup(newer, PASS)
    from casusdesk.storage import migrations
    sealed = backup.seal({"format": 1, "schema": migrations.SCHEMA_VERSION + 1,
                          "tables": {}}, PASS)
    newer.write_bytes(sealed)
    with pytest.raises(backup.BackupError, match="nieuwere versie.*schema"):
        backup.read_backup(newer, PASS)


def test_not_a_backup_and_a_short_passphrase(made, tmp_path, source):
    store, group_id = source
    other = tmp_path / "ander.casusdesk"
    other.write_bytes(b"PK\x03\x04 een zip")
    with pytest.raises(backup.BackupError, match="geen back-up van casusdesk"):
        backup.read_backup(other, PASS)
    with pytest.raises(backup.BackupError, match="minstens 8"):
        backup.export_backup(store, group_id, tmp_path / "x.casusdesk", "kort")
    assert not (tmp_path / "x.casusdesk").exists()


def test_an_import_that_fails_half_way_leaves_nothing(made, monkeypatch):
    out, target = made
    payload = backup.read_backup(out, PASS)
    payload["tables"]["captures"]["rows"][-1][1] = 999_999  # a capture of no session
    before = _counts(target)
    with pytest.raises(transfer.TransferError, match="niet compleet"):
        backup.import_backup(target, payload)
    assert _counts(target) == before
    assert [g.name for g in target.list_groups()] == ["Al hier"]


def test_a_backup_of_an_older_casusdesk_reads_in_with_the_defaults(made):
    """An older casusdesk knew fewer columns: a backup without them reads in, and the
    columns it lacks get their defaults (here the retention columns of schema 5)."""
    out, target = made
    payload = backup.read_backup(out, PASS)
    for table, gone in (("groups", {"retention_months"}),
                        ("sessions", {"keep_until", "keep_reason", "keep_recorded_on",
                                      "purged_on"})):
        block = payload["tables"][table]
        keep = [i for i, c in enumerate(block["columns"]) if c not in gone]
        block["columns"] = [block["columns"][i] for i in keep]
        block["rows"] = [[row[i] for i in keep] for row in block["rows"]]
    payload["schema"] -= 1
    group = backup.import_backup(target, payload)
    assert target.retention_months(group.id) == 12
    assert all(r.keep_until is None for r in target.retention_overview()
               if r.group_id == group.id)
    assert len(target.list_sessions(group.id)) == 2
