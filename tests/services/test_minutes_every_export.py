"""A session full of names through every export: nothing planted comes out.

The names are planted in every kind of text a session holds (case fields, notes,
questions, agreements, issue moments, the Golden Circle and its message, the timeline)
and in every form (full names, first names alone, aliases, lowercase, a typo, a
neighbourhood, a school, an institution, a handle, a number). Each export's bytes are
read back as a reader would: the .docx's XML with tags stripped and runs joined, the
.eml decoded with its attachment, the PDF's text through pypdf, the SVG's text, and for
the PNG the strings drawn into it and its metadata; every planted string is searched
case-insensitively as a whole word.
"""

from __future__ import annotations

import datetime as dt
import email
import io
import re
import zipfile
from email import policy
from pathlib import Path

import pytest
from pypdf import PdfReader

from casusdesk.domain.model import Capture
from casusdesk.services import anonymize as anon
from casusdesk.services import minutes
from casusdesk.services.catalog import functions
from casusdesk.services.demo import create_demo
from casusdesk.services.levenslijn import export_image, load, save
from casusdesk.services.method_catalog import load_methods
from casusdesk.services.role_catalog import load_roles
from casusdesk.services.roster import Roster
from casusdesk.services.rolwisseling import export_cards
from casusdesk.services.timeline_image import drawn_texts
from casusdesk.storage.db import open_engine
from casusdesk.storage.repositories import Store

pytestmark = pytest.mark.slow

#: every string planted in the session that must not be in any export
PLANTED = (
    "Sander", "Wijnstra", "Sandertje", "Jan de Vries", "Femke", "Bosma", "Femmie",
    "Mohamed", "Amrani", "Kanaleneiland", "Pittelo", "Bonifatiusschool", "De Kolibrie",
    "Vesteda", "Aleppo", "@sander_w93", "2650.12.879", "Marieke", "Kerkstraat",
    "Fatimaa", "Taras",
)


@pytest.fixture(scope="module")
def deduce_ready() -> None:
    anon.warm_up()


@pytest.fixture
def session(tmp_path: Path, deduce_ready: None):  # noqa: ANN201
    store = Store(open_engine(tmp_path / "data"))
    demo = create_demo(store, Roster(store, functions()), today=dt.date(2026, 3, 12),
                       methods=load_methods())
    people = {p.name.split()[0]: p for p in store.list_participants(demo.group_id)}
    femke = people["Femke"]
    femke.aliases = ["Femmie"]
    store.update_participant(femke)
    fatima_holder = people["Mohamed"]
    case = demo.case
    case.description += " Hij woont in Kanaleneiland, vlakbij Vesteda."
    store.save_session(demo)

    def add(kind: str, **data: object) -> None:
        store.add_capture(Capture(session_id=demo.id, kind=kind, data=data, phase_index=1,
                                  session_seconds=300))

    add("note", text="femke zegt: sander is 24, zit op TikTok als @sander_w93. "
                     "Zijn WW-nummer is 2650.12.879. Femmie belt Vesteda.")
    add("note", text="Ze woont in de wijk Pittelo. Huisbezoek in Pittelo op 12/09. "
                     "Zoon Taras zit op De Kolibrie, daarna de Bonifatiusschool.")
    add("question", text="Weet Mohamed El Amrani of de moeder uit Aleppo komt?")
    add("agreement", action="Jan de Vries belt zus Marieke", owner=people["Jan"].code,
        due="2026-04-01")
    add("issue_moment", codes=[femke.code], description="Femke en Mohamed botsen",
        quote="Sandertje moet gewoon werken", outcome="open")
    for capture in store.list_captures(demo.id, "golden_circle"):
        store.delete_capture(capture.id)
    add("golden_circle", code=femke.code, why="Omdat Sander Wijnstra het verdient.",
        how="Huisbezoek aan de Kerkstraat in Pittelo.", what="Samen met Fatimaa.",
        message="Groet van Femke Bosma uit Kanaleneiland.")
    # a participant whose name has a typo in the card back
    fatima_holder.aliases = ["Fatima"]
    store.update_participant(fatima_holder)
    timeline = load(store, demo.id)
    timeline.events[0].description = "Sander verhuisd naar Kanaleneiland"
    timeline.events[0].note = "met Marieke en Taras"
    save(store, demo.id, timeline)
    return store, demo.id


def _search(texts: list[str], where: str) -> None:
    corpus = "\n".join(texts)
    for planted in PLANTED:
        pattern = rf"(?<![\w@]){re.escape(planted)}(?![\w])"
        assert not re.search(pattern, corpus, re.IGNORECASE), f"{planted!r} in {where}"


def _docx_texts(data: bytes) -> list[str]:
    texts = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            raw = package.read(name).decode("utf-8", "replace")
            texts.append(raw)
            texts.append(re.sub(r"<[^>]+>", "", raw))  # tags stripped: runs joined
            texts.append(re.sub(r"<[^>]+>", " ", raw))
    return texts


def test_nothing_planted_survives_any_export(session, tmp_path: Path) -> None:  # noqa: ANN001
    store, sid = session
    methods = load_methods()

    docx = minutes.export_minutes(store, sid, methods, tmp_path / "verslag.docx")
    docx_bytes = docx.read_bytes()
    _search(_docx_texts(docx_bytes), "het verslag")
    assert "[WIJK-" in "".join(_docx_texts(docx_bytes))

    eml = minutes.export_mail_draft(store, sid, docx, tmp_path / "verslag.eml")
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    texts = [str(v) for _k, v in message.items()]
    for part in message.walk():
        payload = part.get_payload(decode=True)
        if payload and payload[:2] == b"PK":
            texts += _docx_texts(payload)
        elif payload:
            texts.append(payload.decode("utf-8", "replace"))
    _search(texts, "de e-mail")

    pdf = tmp_path / "kaarten.pdf"
    export_cards(store, Roster(store, functions()), sid, pdf, load_roles(), with_backs=True)
    reader = PdfReader(str(pdf))
    pdf_texts = [page.extract_text() or "" for page in reader.pages]
    pdf_texts += [str(v) for v in (reader.metadata or {}).values()]
    _search(pdf_texts, "de rolkaarten")
    assert any("Achterkant" in t for t in pdf_texts)

    svg = export_image(store, sid, tmp_path / "lijn.svg").read_text("utf-8")
    _search([svg, re.sub(r"<[^>]+>", "", svg)], "de levenslijn (svg)")

    png = export_image(store, sid, tmp_path / "lijn.png").read_bytes()
    timeline = minutes.anonymized_timeline(store, sid)
    drawn = drawn_texts(timeline, title="Levenslijn van Sjoerd")
    _search(drawn + minutes._png_texts(png), "de levenslijn (png)")
    assert any("[WIJK-" in t or "[PLAATS-" in t for t in drawn)


def test_nothing_planted_survives_the_agenda_the_coding_grid_or_the_overview(
        session, tmp_path: Path) -> None:  # noqa: ANN001
    from casusdesk.services.agenda import export_agenda
    from casusdesk.services.issue_export import export_issues, export_overview

    store, sid = session
    methods = load_methods()
    group_id = store.get_session(sid).group_id

    agenda = export_agenda(store, sid, methods, tmp_path / "agenda.docx")
    _search(_docx_texts(agenda.read_bytes()), "de agenda")

    grid, count = export_issues(store, group_id, methods, tmp_path / "issues.xlsx")
    assert count >= 1  # the planted issue moment is in it
    grid_texts = _docx_texts(grid.read_bytes())  # an .xlsx is a zip of XML parts too
    _search(grid_texts, "het codeerschema")
    assert any("botsen" in t for t in grid_texts)

    overview = export_overview(store, group_id, methods, tmp_path / "overzicht.docx")
    _search(_docx_texts(overview.read_bytes()), "het groepsoverzicht")
