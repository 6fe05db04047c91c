"""The agenda sent beforehand: read back from the Word file, no name in its bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
import pytest

from casusdesk.domain.errors import CasusdeskError
from casusdesk.domain.model import Capture
from casusdesk.domain.session_roles import SessionSetup
from casusdesk.services import series, session_setup
from casusdesk.services.agenda import export_agenda
from casusdesk.services.catalog import functions
from casusdesk.services.demo import DEMO_PARTICIPANTS, create_demo
from casusdesk.services.method_catalog import load_methods
from casusdesk.services.roster import Roster
from casusdesk.storage.db import open_engine
from casusdesk.storage.repositories import Store

PLANTED = ["Sander", "Wijnstra", "Femke", "Bosma", "Karin", "Mulder", "Jan de Vries",
           "Mohamed", "El Amrani", "Pieter Hoekstra"]


def all_text(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join([p.text for p in document.paragraphs] +
                     [c.text for t in document.tables for r in t.rows for c in r.cells])


def part_texts(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


@pytest.fixture
def prepared(tmp_path):
    store = Store(open_engine(tmp_path / "data"))
    roster = Roster(store, functions())
    methods = load_methods()
    first = create_demo(store, roster, today=dt.date(2026, 3, 12), methods=methods)
    earlier = store.get_session(first.id)
    earlier.case.client_real_name, earlier.case.client_pseudonym = "Karin Mulder", "Kim"
    earlier.case.client_aliases = []
    store.save_session(earlier)
    store.add_capture(Capture(first.id, "agreement", data={
        "action": "Karin Mulder en Femke Bosma bellen de huisarts", "owner": "KMI_1",
        "done": False}))
    nxt = series.next_session(store, first.id)
    session = store.get_session(nxt.id)
    session.case.title = "Schulden en een gemiste afspraak"
    session.case.coaching_question = ("Hoe helpen we Sander Wijnstra, vraagt Mohamed El "
                                      "Amrani, zonder dat Pieter Hoekstra alles alleen doet?")
    session.case.client_real_name, session.case.client_pseudonym = "Sander Wijnstra", "Sjoerd"
    store.save_session(session)
    session_setup.save(store, session.id, SessionSetup(mode="online", roles={
        "gespreksleider": "extern", "voorzitter": "SW_1", "verslaglegger": "WMO_1"}))
    return store, methods, session, first


@pytest.mark.slow
def test_the_agenda_has_date_place_phases_case_and_open_agreements_without_names(
        prepared, tmp_path):
    store, methods, session, first = prepared
    out = export_agenda(store, session.id, methods, tmp_path / "agenda.docx")
    text = all_text(out)
    assert "Agenda intervisie" in text
    assert "Datum: zondag 12 april 2026" in text
    assert "Plaats: Gemeentehuis, zaal" in text
    assert "Vorm: Online (beeldbellen)" in text
    assert "Voorzitter en tijdbewaker: SW_1" in text and "Verslaglegger: WMO_1" in text
    document = docx.Document(str(out))
    phases = next(t for t in document.tables if t.rows[0].cells[0].text == "Fase")
    rows = [[c.text for c in r.cells] for r in phases.rows[1:]]
    method = methods["rolwisseling"]
    assert [r[0] for r in rows[:-1]] == [f"{i}. {p.title}" for i, p in
                                         enumerate(method.phases, start=1)]
    assert rows[0][1:] == ["0:00", f"{method.phases[0].seconds // 60} min"]
    assert rows[1][1] == f"0:{method.phases[0].seconds // 60:02d}"
    assert rows[-1][0] == "Totaal" and rows[-1][2] == f"{method.total_seconds // 60} min"
    assert "Titel: Schulden en een gemiste afspraak" in text
    assert "Coachvraag: Hoe helpen we Sjoerd, vraagt SW_1, zonder dat GGZ_1 alles" in text
    assert "Casusinbrenger: " in text
    review = next(t for t in document.tables if t.rows[0].cells[0].text == "Wat")
    whats = [r.cells[0].text for r in review.rows[1:]]
    assert "Afspraak: Kim en KMI_1 bellen de huisarts" in whats
    assert "Afspraak: Gezamenlijk huisbezoek plannen" in whats
    assert any(w.startswith("Geparkeerd issue: ") for w in whats)
    raw = part_texts(out)
    for name in PLANTED + [n for n, _f, _o in DEMO_PARTICIPANTS]:
        assert name not in raw, name


@pytest.mark.slow
def test_the_agenda_is_refused_when_a_name_would_survive(prepared, tmp_path, monkeypatch):
    from casusdesk.services import agenda

    store, methods, session, _first = prepared
    real = agenda.build_agenda

    def leaky(*args, **kwargs):
        doc = real(*args, **kwargs)
        doc.footer_text = "Voor Femke Bosma"
        return doc

    monkeypatch.setattr(agenda, "build_agenda", leaky)
    with pytest.raises(CasusdeskError, match="^De agenda is niet opgeslagen"):
        export_agenda(store, session.id, methods, tmp_path / "agenda.docx")
    assert not (tmp_path / "agenda.docx").exists()
