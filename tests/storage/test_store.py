import datetime as dt
import os
import sqlite3

import pytest

from casusdesk.domain.errors import ValidationError
from casusdesk.domain.model import Capture, Case, Domain, Group, ProblemLevel, Session
from casusdesk.services.catalog import functions
from casusdesk.services.roster import Roster
from casusdesk.storage import migrations
from casusdesk.storage.db import DB_FILENAME, StorageError, open_engine
from casusdesk.storage.repositories import Store


@pytest.fixture
def store(tmp_path):
    return Store(open_engine(tmp_path))


@pytest.fixture
def roster(store):
    return Roster(store, functions())


def test_every_entity_round_trips_through_a_reopened_database(tmp_path, store, roster):
    group = store.save_group(Group(name="Intervisiegroep Noord", description="maandelijks"))
    km = roster.add(group.id, function="Klantmanager Werk", name="Jan de Vries",
                    organisation="Gemeente")
    guest = roster.add(group.id, function="Wijkverpleegkundige", name="Els", guest=True)
    case = Case(title="Schulden", coaching_question="Wat nu?", case_bringer_id=km.id,
                problem_level=ProblemLevel.FUNDAMENTEEL, whose_problem="de professional",
                target_group="50-plussers", client_pseudonym="Ellen",
                client_real_name="Ellen Mulder", client_aliases=["El", "Mulder"],
                missing_facts="inkomen partner", description="Lange tekst ë ï ß €")
    session = store.save_session(Session(group_id=group.id, date=dt.date(2026, 3, 12),
                                         place="Zaal 2", method_id="roddelmethode",
                                         attendance=[km.id, guest.id], case=case))
    store.add_capture(Capture(session_id=session.id, kind="tip", data={"text": "bel de huisarts"},
                              phase_index=2, session_seconds=75.5))
    store.set_document(session.id, "timer", {"phase": 2, "running": True})

    reopened = Store(open_engine(tmp_path))
    [loaded_group] = reopened.list_groups()
    assert (loaded_group.id, loaded_group.name, loaded_group.description) == (
        group.id, "Intervisiegroep Noord", "maandelijks")
    assert loaded_group.code_counters == {"KM": 1, "WVP": 1}
    participants = reopened.list_participants(group.id)
    assert [(p.code, p.name, p.domain, p.guest) for p in participants] == [
        ("KM_1", "Jan de Vries", Domain.WERK_INKOMEN, False),
        ("WVP_1", "Els", Domain.ZORG_WELZIJN, True),
    ]
    loaded = reopened.get_session(session.id)
    assert loaded == session
    assert loaded.case.client_aliases == ["El", "Mulder"]
    assert reopened.get_participant(km.id).aliases == []
    [capture] = reopened.list_captures(session.id)
    assert (capture.kind, capture.data, capture.phase_index, capture.session_seconds) == (
        "tip", {"text": "bel de huisarts"}, 2, 75.5)
    assert reopened.get_document(session.id, "timer") == {"phase": 2, "running": True}


def test_codes_stay_stable_when_others_are_removed(store, roster):
    group = store.save_group(Group(name="G"))
    a = roster.add(group.id, function="Sociaal werker")
    b = roster.add(group.id, function="Sociaal werker")
    roster.remove(a.id)
    c = roster.add(group.id, function="Maatschappelijk werker")
    assert [p.code for p in store.list_participants(group.id)] == [b.code, c.code]
    assert (b.code, c.code) == ("SW_2", "SW_3")


def test_changing_function_gives_a_new_code_of_the_new_kind(store, roster):
    group = store.save_group(Group(name="G"))
    p = roster.add(group.id, function="Sociaal werker")
    p.function = "Klantmanager Inkomen"
    assert roster.update(p).code == "KMI_1"
    p.organisation = "Gemeente"
    assert roster.update(p).code == "KMI_1"
    # a fresh row that never attended: its number is free again
    assert roster.add(group.id, function="Sociaal werker").code == "SW_1"


def test_a_code_that_was_used_in_a_session_is_never_handed_out_again(store, roster):
    group = store.save_group(Group(name="G"))
    p = roster.add(group.id, function="Sociaal werker")
    store.save_session(Session(group_id=group.id, date=dt.date(2026, 2, 1), attendance=[p.id]))
    p.function = "Wmo-consulent"
    assert roster.update(p).code == "WMO_1"
    assert roster.add(group.id, function="Sociaal werker").code == "SW_2"


def test_empty_group_name_is_refused_with_a_message(store):
    with pytest.raises(ValidationError, match="naam van de groep"):
        store.save_group(Group(name="   "))


def test_deleting_a_group_removes_its_sessions_and_captures(tmp_path, store, roster):
    group = store.save_group(Group(name="Weg ermee"))
    p = roster.add(group.id, function="Wmo-consulent", name="Geheime Naam")
    s = store.save_session(Session(group_id=group.id, date=dt.date(2026, 1, 5), attendance=[p.id]))
    store.add_capture(Capture(session_id=s.id, kind="note", data={"text": "vertrouwelijk xyz"}))
    assert store.group_contents(group.id) == (1, 1)
    store.delete_group(group.id)
    assert store.list_groups() == []
    raw = (tmp_path / DB_FILENAME).read_bytes()
    assert b"Geheime Naam" not in raw and b"vertrouwelijk xyz" not in raw


def test_deleting_a_participant_updates_attendance(store, roster):
    group = store.save_group(Group(name="G"))
    p = roster.add(group.id, function="Wmo-consulent")
    s = store.save_session(Session(group_id=group.id, date=dt.date(2026, 1, 5), attendance=[p.id],
                                   case=Case(case_bringer_id=p.id)))
    roster.remove(p.id)
    loaded = store.get_session(s.id)
    assert loaded.attendance == [] and loaded.case.case_bringer_id is None


def test_newer_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / DB_FILENAME
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE future (x)")
    con.execute(f"PRAGMA user_version={migrations.SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(StorageError, match="nieuwere versie"):
        open_engine(tmp_path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [DB_FILENAME]  # no -wal, no -shm


def test_corrupt_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / DB_FILENAME
    path.write_bytes(b"dit is geen database\n" * 50)
    before = path.read_bytes()
    with pytest.raises(StorageError, match="geen casusdesk-database"):
        open_engine(tmp_path)
    assert path.read_bytes() == before


def test_damaged_sqlite_file_is_refused(tmp_path):
    path = tmp_path / DB_FILENAME
    engine = open_engine(tmp_path)
    Store(engine).save_group(Group(name="G"))
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page, keep the header
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    with pytest.raises(StorageError, match="beschadigd"):
        open_engine(tmp_path)
    assert path.read_bytes() == before


def test_unwritable_folder_message_via_access(tmp_path, monkeypatch):
    """os.access is faked because the tests may run as root, who may write anywhere."""
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    with pytest.raises(StorageError, match="niet schrijven"):
        open_engine(tmp_path / "elders")


def test_schema_version_and_wal_mode(tmp_path):
    open_engine(tmp_path)
    con = sqlite3.connect(tmp_path / DB_FILENAME)
    assert con.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


def test_read_only_copy_can_be_read_but_not_changed(tmp_path):
    from casusdesk.storage.db import open_read_only

    engine = open_engine(tmp_path)
    store = Store(engine)
    group = store.save_group(Group(name="Archief"))
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    for leftover in tmp_path.glob("*-wal"):
        leftover.unlink()
    before = (tmp_path / DB_FILENAME).read_bytes()
    reader = Store(open_read_only(tmp_path))
    assert [g.name for g in reader.list_groups()] == ["Archief"]
    with pytest.raises(StorageError, match="niet worden opgeslagen"):
        reader.save_group(Group(name="Nieuw", id=group.id))
    assert (tmp_path / DB_FILENAME).read_bytes() == before


def test_participant_aliases_are_kept_cleaned_and_without_duplicates(store, roster):
    group = store.save_group(Group(name="Groep"))
    jan = roster.add(group.id, function="Klantmanager Werk", name="Johannes de Vries")
    jan.aliases = ["Jan", "Hans\u00ad", "jan", "Jan", "  "]
    roster.update(jan)
    assert store.get_participant(jan.id).aliases == ["Jan", "Hans", "jan"]
    restored = store.get_participant(jan.id)
    store.delete_participant(jan.id)
    roster.restore(restored)
    assert store.get_participant(jan.id).aliases == ["Jan", "Hans", "jan"]
