"""The minutes carry the analysis of issue moments, anonymized (issue 10)."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest

from casusdesk.domain.analysis import IssueAnalysis, Narrative, SessionAnalysis
from casusdesk.services import analysis as service
from casusdesk.services import anonymize as anon
from casusdesk.services import minutes
from casusdesk.services.catalog import functions
from casusdesk.services.demo import create_demo
from casusdesk.services.method_catalog import load_methods
from casusdesk.services.roster import Roster
from casusdesk.storage.db import open_engine
from casusdesk.storage.repositories import Store

PLANTED = ("Femke Bosma", "Sander Wijnstra", "Sandertje", "Bosma")


@pytest.fixture(scope="module")
def deduce_ready() -> None:
    anon.warm_up()


@pytest.fixture
def analysed(tmp_path):
    store = Store(open_engine(tmp_path / "data"))
    methods = load_methods()
    session = create_demo(store, Roster(store, functions()), today=dt.date(2026, 3, 12),
                          methods=methods)
    first, second = service.issue_moments(store, session.id)
    code = {p.name.split()[0]: p.code for p in store.list_participants(session.group_id)}
    service.save_analysis(store, first, IssueAnalysis(
        question="Wie is verantwoordelijk als Sander Wijnstra niet komt?",
        narratives=[Narrative(code["Femke"], wat="Femke Bosma: regels zijn regels.",
                              oplossingen="Een maatregel."),
                    Narrative("Zorg & Welzijn", oorzaken="Sandertje slaapt overdag door "
                                                          "zijn klachten.")],
        frames=["Cliënt als dader van eigen falen", "Werk als medicijn"],
        bridged="deels", how="Erkenning dat een maatregel alleen niet helpt.",
        reframing="extensie", controversy="oneens",
        influences={"methode": "De rolwisseling liet Bosma de andere kant zien."}))
    service.save_session_analysis(store, session.id,
                                  SessionAnalysis(["hetzelfde doel voor de cliënt"]))
    store.merge_capture_data(second.id, {"moment": "uit_rol", "tags": ["kleine_nee"]})
    return store, session, methods


@pytest.mark.slow
def test_the_minutes_show_the_analysis_where_it_was_done(deduce_ready, analysed, tmp_path):
    store, session, methods = analysed
    doc = minutes.build_minutes(store, session.id, methods)
    text = minutes.minutes_text(doc)
    assert "Analyse van de issue-momenten" in text
    assert "Issue-moment om 1:08:00" in text
    assert "Partij | Wat | Probleem | Oorzaken en verantwoordelijkheden | Morele oordelen | " \
           "Oplossingen" in text
    assert "Zorg & Welzijn" in text and "Een maatregel." in text
    assert "Frames: Cliënt als dader van eigen falen; Werk als medicijn" in text
    assert "Overbrugd: deels" in text
    assert "Reframing: frame-extensie" in text
    assert "Omgang met de controverse: “ik ben het er niet mee eens”" in text
    assert "Invloed methode:" in text
    assert "Niet omstreden" in text and "hetzelfde doel voor de cliënt" in text
    assert "Uit de rol gevallen" in text and "Omgang: kleine nee" in text
    # the second moment has no analysis: it is in the table only
    assert text.count("Issue-moment om") == 1
    for name in PLANTED:
        assert name not in text

    out = minutes.export_minutes(store, session.id, methods, tmp_path / "verslag.docx")
    with zipfile.ZipFile(out) as package:
        data = b"".join(package.read(n) for n in package.namelist())
    assert "Erkenning dat een maatregel alleen niet helpt.".encode() in data
    for name in PLANTED:
        assert name.encode() not in data


@pytest.mark.slow
def test_the_review_screen_lists_the_analysis_texts(deduce_ready, analysed):
    store, session, methods = analysed
    items = minutes.review_items(store, session.id, methods)
    wheres = {i.where for i in items}
    assert "Analyse · Issue" in wheres and "Analyse · Wat" in wheres
    assert "Analyse · Niet omstreden" in wheres
