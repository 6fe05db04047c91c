"""The anonymized minutes: content, Word file, scrubbing, leak check and mail draft.

Tests that build minutes of a session need deduce; they share one session fixture
(the first run on a machine builds deduce's lookup structures, 1-2 minutes; later runs
load them in seconds) and carry the ``slow`` marker. The leak check, the scrubbing and
the mail draft are tested on crafted files without deduce.
"""

from __future__ import annotations

import datetime as dt
import email
import io
import re
import zipfile
from email import policy
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from casusdesk.domain.errors import CasusdeskError
from casusdesk.domain.model import Capture
from casusdesk.domain.timeline_demo import demo_timeline
from casusdesk.services import anonymize as anon
from casusdesk.services import minutes
from casusdesk.services.anonymize import ReviewDecisions
from casusdesk.services.catalog import functions
from casusdesk.services.demo import DEMO_CASE, DEMO_PARTICIPANTS, create_demo
from casusdesk.services.method_catalog import load_methods
from casusdesk.services.roster import Roster
from casusdesk.storage.db import open_engine
from casusdesk.storage.repositories import Store

SECTIONS = (
    "Bijeenkomst", "Deelnemers", "Rolverdeling", "Agenda: gepland en werkelijk", "Casus",
    "Aantekeningen per fase", "Vragen", "Tips en adviezen", "Feiten en weegcriteria",
    "Golden Circle", "Issue-momenten", "Afspraken", "Reflectie", "Levenslijn",
    "Privacy (AVG)",
)

#: every name of the demo, and its parts, that must not be in the minutes
#: "Meer" (of "van der Meer") is also an ordinary word ("Meer tijd ..."): that surname
#: counts with its particles only, as in the anonymizer
ORDINARY_WORDS = {"Meer"}
DEMO_NAMES = sorted({
    *(name for name, _f, _o in DEMO_PARTICIPANTS),
    *(part for name, _f, _o in DEMO_PARTICIPANTS for part in name.split()
      if part[0].isupper() and len(part) > 2 and part not in ORDINARY_WORDS),
    "van der Meer", "Sander Wijnstra", "Wijnstra", "Sandertje",
})


# --------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def deduce_ready() -> None:
    """Load deduce once per test run (the anonymize tests share the loaded object)."""
    anon.warm_up()


@pytest.fixture(scope="session")
def methods():  # noqa: ANN201
    return load_methods()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(open_engine(tmp_path / "data"))


@pytest.fixture
def demo(store: Store, methods):  # noqa: ANN001, ANN201
    """The demo session: a finished Rolwisseling with timings, captures of every kind
    and a life-event timeline."""
    return create_demo(store, Roster(store, functions()), today=dt.date(2026, 3, 12),
                       methods=methods)


@pytest.fixture
def not_held(store: Store, demo, methods):  # noqa: ANN001, ANN201
    """A second demo session: prepared, never run, no timeline."""
    return create_demo(store, Roster(store, functions()), methods=methods)


def _codes(store: Store, group_id: int) -> dict[str, str]:
    """First name -> code, for writing captures as a facilitator would."""
    return {p.name.split()[0]: p.code for p in store.list_participants(group_id)}


@pytest.fixture
def ran(store: Store, demo):  # noqa: ANN001, ANN201
    """The demo session with extra captures of every kind whose texts name
    participants, the client, places, dates, a phone number and an e-mail address."""
    code = _codes(store, demo.group_id)

    def add(kind: str, phase: int, minute: float, **data: object) -> None:
        store.add_capture(Capture(session_id=demo.id, kind=kind, data=data,
                                  phase_index=phase, session_seconds=minute * 60))

    notes = {n.phase_index: n for n in store.list_captures(demo.id, "note")}
    opening = notes[0]
    opening.data = {"text": "Jan de Vries opent. Femke Bosma vraagt of de casus van "
                            "februari ook terugkomt."}
    store.update_capture(opening)
    add("note", 1, 20, text="Sandra Kuipers kent de moeder via de Wmo. Mohamed El Amrani "
                            "heeft zijn nummer 06-12345678 en mailt met "
                            "sander.wijnstra@gmail.com. Afspraak gemist op 14 februari 2024.")
    add("question", 1, 14, text="Weet Sander Wijnstra dat zijn uitkering op het spel staat, "
                                "en heeft Femke dat met hem besproken?", starred=True)
    add("question", 1, 15, text="Wat zegt zijn zus Marieke over het blowen?", starred=False)
    add("fact", 1, 16, text="Sinds 1 maart 2023 in de bijstand; woont in Heerenveen.")
    add("criterion", 1, 17, text="Wat is veilig voor Sandertje en zijn moeder aan de "
                                 "Kerkstraat 12?")
    add("issue_moment", 4, 28, codes=[code["Femke"], code["Mohamed"]],
        description="Femke wil een maatregel; Mohamed wil eerst de schulden bij Vesteda "
                    "aanpakken.",
        theme="Ruimte van de burger en ruimte van de professional",
        frames=["Sociale-controleframe (rechten en plichten)"],
        quote="Regels zijn regels, ook voor Wijnstra.", outcome="geparkeerd")
    add("golden_circle", 3, 40, code=code["Jan"],
        why="Ik wil dat jongeren als Sjoerd niet blijven hangen.",
        how="Kort op de bal, met Pieter Hoekstra als sparringpartner.",
        what="Werkervaringsplekken.")
    add("tip", 5, 90, text="Laat Sandra en Jan samen op huisbezoek gaan in Joure.")
    add("agreement", 6, 100, action="Jan plant een huisbezoek met Sandra Kuipers.",
        owner=code["Jan"], due="2026-03-26", done=False)
    add("agreement", 6, 101, action="Anouk van der Meer vraagt de schuldenstand op.",
        owner=code["Anouk"], due="", done=True)
    add("reflection", 6, 110, question="Wat neem je mee naar je eigen werk?",
        answer="Ingrid: ik bel voortaan eerst Pieter voordat ik een brief stuur.")
    return demo


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def _leaked_names(path: Path) -> list[str]:
    """Demo names found in any part: full names in any case, name parts as written."""
    found = []
    for name, data in _parts(path).items():
        text = data.decode("utf-8", errors="ignore") if not name.startswith("word/media/") \
            else ""
        for term in DEMO_NAMES:
            flags = re.IGNORECASE if " " in term else 0
            if re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, flags):
                found.append(f"{term} in {name}")
    return found


# --------------------------------------------------------------------------------------
# The demo minutes, read back
# --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_demo_minutes_have_every_section_and_no_name_in_any_part(
        deduce_ready: None, store: Store, ran, methods, tmp_path: Path) -> None:  # noqa: ANN001
    out = minutes.export_minutes(store, ran.id, methods, tmp_path / "verslag.docx")

    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == list(SECTIONS)
    assert document.paragraphs[0].style.name == "Title"
    assert document.paragraphs[0].text == "Verslag intervisie"
    assert "12 maart 2026" in document.paragraphs[1].text
    assert _leaked_names(out) == []

    # participants by code and function, with attendance; no names, no organisations
    table = document.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header == ["Code", "Functie", "Domein", "Aanwezigheid"]
    rows = {r.cells[0].text: (r.cells[1].text, r.cells[3].text) for r in table.rows[1:]}
    code = _codes(store, ran.group_id)
    assert rows[code["Femke"]] == ("Klantmanager Inkomen", "aanwezig")
    assert rows[code["Rutger"]] == ("Participatiecoach", "afwezig")
    assert rows[code["Jan"]][0] == "Klantmanager Werk (casusinbrenger)"
    all_text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Welzijnsorganisatie De Kern" not in all_text

    # known names became codes and the pseudonym; other data placeholders
    assert f"{code['Jan']} opent" in all_text
    assert "06-12345678" not in all_text and "[TELEFOON]" in all_text
    assert "gmail" not in all_text and "[E-MAIL]" in all_text
    assert "Heerenveen" not in all_text and "Kerkstraat" not in all_text
    assert "14 februari" not in all_text and "februari 2024" in all_text
    assert "Sjoerd" in all_text  # the pseudonym stays

    # agenda planned against actual, with a total
    agenda = next(t for t in document.tables if t.rows[0].cells[0].text == "Fase")
    opening = [c.text for c in agenda.rows[1].cells]
    assert opening[:2] == ["1. Opening en doel", "10 min"]
    assert re.fullmatch(r"\d+ min", opening[2]) and re.fullmatch(r"[+−]?\d+", opening[3])
    assert agenda.rows[-1].cells[0].text == "Totaal"

    # issue moments: time, phase, codes, theme, outcome; agreements with owner and due
    issues = next(t for t in document.tables if t.rows[0].cells[0].text == "Tijd")
    mine = next([c.text for c in r.cells] for r in issues.rows if r.cells[0].text == "0:28:00")
    assert mine[1] == "5. Casusbespreking in de andere rol"
    assert mine[2] == f"{code['Femke']}, {code['Mohamed']}"
    assert mine[3].startswith("Thema: Ruimte van de burger") and mine[4] == "geparkeerd"
    assert "Citaat: “Regels zijn regels, ook voor Sjoerd.”" in mine[3]
    agreements = next(t for t in document.tables if t.rows[0].cells[0].text == "Afspraak")
    rows = {r.cells[0].text: [c.text for c in r.cells][1:] for r in agreements.rows[1:]}
    assert rows[f"{code['Jan']} plant een huisbezoek met {code['Sandra']}."] == [
        code["Jan"], "26 maart 2026", "open"]
    assert rows[f"{code['Anouk']} vraagt de schuldenstand op."] == [code["Anouk"], "–",
                                                                    "gedaan"]

    # starred questions are marked
    starred = [p.text for p in document.paragraphs if p.text.startswith(minutes.STAR)]
    assert any("uitkering op het spel" in text for text in starred)
    assert not any("over het blowen" in text for text in starred)

    # the timeline: an image and a table at year/age granularity
    assert len(document.inline_shapes) == 1
    timeline = next(t for t in document.tables if t.rows[0].cells[0].text == "Wanneer")
    whens = [r.cells[0].text for r in timeline.rows[1:]]
    assert "2020" in whens and "4 jaar" in whens and "droom" in whens
    assert not any(re.search(r"\d{1,2}-\d{4}|-\d{1,2}-", w) for w in whens)


@pytest.mark.slow
def test_the_file_carries_no_metadata(deduce_ready: None, store: Store, ran, methods,  # noqa: ANN001
                                      tmp_path: Path) -> None:
    out = minutes.export_minutes(store, ran.id, methods, tmp_path / "verslag.docx")
    props = docx.Document(str(out)).core_properties
    assert (props.author, props.last_modified_by, props.title, props.subject,
            props.comments, props.keywords, props.category) == ("",) * 7
    assert props.revision == 1
    assert props.created is None and props.modified is None
    parts = _parts(out)
    assert not [n for n in parts if n.startswith(("customXml/", "docProps/custom",
                                                  "docProps/thumbnail", "word/comments",
                                                  "word/people"))]
    settings = parts["word/settings.xml"].decode()
    assert "attachedTemplate" not in settings and "w:rsids" not in settings
    assert "removePersonalInformation" in settings
    assert b"python-docx" not in b"".join(parts.values())
    for name, data in parts.items():
        if name.endswith(".xml"):
            assert b"<w:ins " not in data and b"<w:del " not in data, name


@pytest.mark.slow
def test_page_numbers_headers_and_repeated_table_headers(deduce_ready: None, store: Store,
                                                         ran, methods, tmp_path: Path) -> None:  # noqa: ANN001
    out = minutes.export_minutes(store, ran.id, methods, tmp_path / "verslag.docx")
    document = docx.Document(str(out))
    section = document.sections[0]
    footer_xml = section.footer._element.xml
    assert "Pagina" in footer_xml and " PAGE " in footer_xml and " NUMPAGES " in footer_xml
    assert "Vertrouwelijk" in section.header.paragraphs[0].text
    assert "12 maart 2027" in section.header.paragraphs[0].text  # kept until
    for table in document.tables:
        tr_pr = table.rows[0]._tr.trPr
        assert tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None
    lang = document.styles.element.find(qn("w:docDefaults")).find(
        qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "nl-NL"


@pytest.mark.slow
def test_a_session_that_never_ran_shows_dashes_and_no_timeline(
        deduce_ready: None, store: Store, not_held, methods) -> None:  # noqa: ANN001
    doc = minutes.build_minutes(store, not_held.id, methods)
    agenda = next(b for b in doc.blocks if isinstance(b, minutes.Table)
                  and b.header[0] == "Fase")
    assert all(row[2] == "–" and row[3] == "–" for row in agenda.rows)
    assert "Levenslijn" not in doc.headings()
    text = minutes.minutes_text(doc)
    assert "niet gebruikt" in text
    assert not [n for n in DEMO_NAMES if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text)]


# --------------------------------------------------------------------------------------
# Review: detections per text, decisions honoured
# --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_pseudonym_is_never_a_word_to_check(
        deduce_ready: None, store: Store, ran, methods) -> None:  # noqa: ANN001
    pseudonym = store.get_session(ran.id).case.client_pseudonym
    items = minutes.review_items(store, ran.id, methods)
    plain = dict(minutes.review_overview(items).to_check)
    assert pseudonym in plain  # the demo's texts use the pseudonym mid-sentence
    checked = dict(minutes.review_overview(items, safe=[pseudonym]).to_check)
    assert pseudonym not in checked
    assert set(checked) == set(plain) - {pseudonym}  # the other words stay to check
    decisions = ReviewDecisions()
    minutes.apply_to_kind(decisions, items, minutes.TO_CHECK, keep=False, safe=[pseudonym])
    marked = {m.text for m in decisions.marked}
    assert pseudonym not in marked and marked == set(checked)


@pytest.mark.slow
def test_review_items_show_detections_with_the_numbers_of_the_export(
        deduce_ready: None, store: Store, ran, methods) -> None:  # noqa: ANN001
    items = minutes.review_items(store, ran.id, methods)
    description = next(i for i in items if i.where == "Casus · Beschrijving")
    text, detections = description
    assert text == DEMO_CASE.description
    for det in detections:
        assert text[det.start:det.end] == det.text
    assert any(d.text == "Sander Wijnstra" and d.replacement == "Sjoerd" for d in detections)
    marieke = next(d for d in detections if d.text == "Marieke")
    doc = minutes.build_minutes(store, ran.id, methods)
    assert marieke.replacement in minutes.minutes_text(doc)
    assert doc.replacements == sum(len(i.detections) for i in items)


@pytest.mark.slow
def test_saved_review_decisions_are_honoured_on_export(
        deduce_ready: None, store: Store, ran, methods, tmp_path: Path) -> None:  # noqa: ANN001
    decisions = ReviewDecisions()
    decisions.mark("Vesteda")  # missed by the automatic pass
    decisions.unmark("Joure", "plaats")  # the facilitator finds a village harmless
    minutes.save_review_decisions(store, ran.id, decisions)
    assert minutes.load_review_decisions(store, ran.id).to_dict() == decisions.to_dict()

    out = minutes.export_minutes(store, ran.id, methods, tmp_path / "verslag.docx")
    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Vesteda" not in text and "[ANONIEM-1]" in text
    assert "Joure" in text


# --------------------------------------------------------------------------------------
# The leak check refuses, and nothing is written
# --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_export_refuses_a_name_put_back_in_a_table_cell(
        deduce_ready: None, store: Store, ran, methods, tmp_path: Path) -> None:  # noqa: ANN001
    # the function column is not free text, so nothing anonymizes it: the check must
    femke = next(p for p in store.list_participants(ran.group_id) if p.name == "Femke Bosma")
    jan = next(p for p in store.list_participants(ran.group_id) if p.name == "Jan de Vries")
    jan.function = "Klantmanager Werk, collega van Femke Bosma"
    store.update_participant(jan)
    target = tmp_path / "verslag.docx"
    with pytest.raises(CasusdeskError) as caught:
        minutes.export_minutes(store, ran.id, methods, target)
    message = str(caught.value)
    assert "niet opgeslagen" in message and "deelnemer" in message and "in de tekst" in message
    assert "Femke" not in message and "Bosma" not in message
    assert not target.exists()
    assert list(tmp_path.glob(".casusdesk-*")) == []
    assert femke.code  # the participant is still there; only the export was refused


@pytest.mark.slow
def test_export_refuses_a_name_in_the_header_and_a_marked_span(
        deduce_ready: None, store: Store, ran, methods, tmp_path: Path,  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    texts = minutes.minutes_texts()
    changed = {**texts, "verslag": {**texts["verslag"],
                                    "koptekst": "Vertrouwelijk, voor Sander Wijnstra"}}
    monkeypatch.setattr(minutes, "minutes_texts", lambda: changed)
    target = tmp_path / "verslag.docx"
    with pytest.raises(CasusdeskError, match="cliënt staat nog in de koptekst") as caught:
        minutes.export_minutes(store, ran.id, methods, target)
    assert "Wijnstra" not in str(caught.value)
    assert not target.exists()

    monkeypatch.setattr(minutes, "minutes_texts", lambda: texts)
    jan = next(p for p in store.list_participants(ran.group_id) if p.name == "Jan de Vries")
    jan.function = "Klantmanager Werk bij Vesteda"
    store.update_participant(jan)
    decisions = ReviewDecisions()
    decisions.mark("Vesteda")
    with pytest.raises(CasusdeskError, match="gemarkeerd"):
        minutes.export_minutes(store, ran.id, methods, target, decisions=decisions)
    assert not target.exists()


def _crafted_docx(*, cell: str = "", header: str = "", author: str = "",
                  comment_author: str = "") -> bytes:
    """A Word file made outside the pipeline, with a name in one chosen place."""
    document = docx.Document()
    document.add_paragraph("Een gewoon verslag zonder namen.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Code"
    table.cell(1, 0).text = "KM_1"
    table.cell(1, 1).text = cell or "Klantmanager"
    if header:
        document.sections[0].header.paragraphs[0].text = header
    document.core_properties.author = author
    document.core_properties.comments = ""
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    if comment_author:  # a tracked insertion with its author, as Word writes it
        with zipfile.ZipFile(io.BytesIO(data)) as src:
            parts = {n: src.read(n) for n in src.namelist()}
        xml = parts["word/document.xml"].decode()
        xml = xml.replace(
            "<w:r><w:t>Een gewoon verslag zonder namen.</w:t></w:r>",
            f'<w:ins w:id="1" w:author="{comment_author}" w:date="2026-03-12T10:00:00Z">'
            "<w:r><w:t>Een gewoon verslag zonder namen.</w:t></w:r></w:ins>"
            f'<w:del w:id="2" w:author="{comment_author}"><w:r><w:delText>weg</w:delText>'
            "</w:r></w:del>")
        parts["word/document.xml"] = xml.encode()
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as dst:
            for name, content in parts.items():
                dst.writestr(name, content)
        data = out.getvalue()
    return data


FORBIDDEN = ["Femke Bosma", "Femke", "Bosma", "Sander Wijnstra", "Wijnstra"]


@pytest.mark.parametrize(("where", "crafted", "expected"), [
    ("tabel", {"cell": "Klantmanager (vervangt F. Bosma)"}, "in de tekst"),
    ("koptekst", {"header": "Verslag voor Femke"}, "in de koptekst"),
    ("eigenschappen", {"author": "Femke Bosma"}, "in de documenteigenschappen"),
    ("bezitsvorm", {"cell": "Femkes idee"}, "in de tekst"),
])
def test_the_checker_finds_a_name_put_back_anywhere(where: str, crafted: dict,
                                                   expected: str) -> None:
    data = _crafted_docx(**crafted)
    leaks = minutes.find_leaks(data, FORBIDDEN)
    assert leaks, where
    with pytest.raises(CasusdeskError) as caught:
        minutes.check_docx(data, FORBIDDEN)
    assert expected in str(caught.value)
    assert "Femke" not in str(caught.value) and "Bosma" not in str(caught.value)


def test_the_checker_passes_a_clean_file_and_ordinary_words() -> None:
    data = _crafted_docx(cell="Klantmanager; meer tijd nodig")
    assert minutes.find_leaks(data, FORBIDDEN + ["Anouk van der Meer", "Meer"]) == []


def test_scrub_removes_metadata_tracked_changes_and_their_authors() -> None:
    data = _crafted_docx(author="Femke Bosma", comment_author="Femke Bosma")
    assert minutes.find_leaks(data, FORBIDDEN)
    clean = minutes.scrub_docx(data)
    assert minutes.find_leaks(clean, FORBIDDEN) == []
    document = docx.Document(io.BytesIO(clean))
    assert document.core_properties.author == ""
    assert document.paragraphs[0].text == "Een gewoon verslag zonder namen."
    with zipfile.ZipFile(io.BytesIO(clean)) as package:
        xml = package.read("word/document.xml").decode()
        assert "delText" not in xml and "w:ins" not in xml
        assert "docProps/thumbnail.jpeg" not in package.namelist()
        assert not [n for n in package.namelist() if n.startswith("customXml/")]
        assert "customXml" not in package.read("_rels/.rels").decode()
        assert "thumbnail" not in package.read("[Content_Types].xml").decode()


def test_a_name_hidden_in_an_image_description_or_png_text_is_found() -> None:
    document = docx.Document()
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Femke Bosma")
    png = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(png, format="PNG", pnginfo=info)
    document.add_picture(io.BytesIO(png.getvalue()))
    buffer = io.BytesIO()
    document.save(buffer)
    leaks = minutes.find_leaks(buffer.getvalue(), FORBIDDEN)
    assert any(leak.part.startswith("word/media/") for leak in leaks)


# --------------------------------------------------------------------------------------
# Where the file goes
# --------------------------------------------------------------------------------------


def _tiny_doc() -> minutes.MinutesDocument:
    return minutes.MinutesDocument(
        title="Verslag intervisie", subtitle="donderdag 12 maart 2026",
        footer_text="Verslag intervisie 12 maart 2026",
        blocks=[minutes.Heading("Afspraken"),
                minutes.Table(("Afspraak", "Wie"), (("Huisbezoek", "KM_1"),)),
                minutes.Paragraph("Een vraag?", style="bullet", mark=minutes.STAR)])


def test_a_missing_folder_gives_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(CasusdeskError, match="bestaat niet"):
        minutes.render_docx(_tiny_doc(), tmp_path / "nergens" / "verslag.docx")


def test_a_read_only_folder_gives_a_clear_message_and_writes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(minutes.os, "access", lambda *_a, **_k: False)
    with pytest.raises(CasusdeskError, match="alleen lezen"):
        minutes.render_docx(_tiny_doc(), tmp_path / "verslag.docx")
    assert list(tmp_path.iterdir()) == []


def test_a_file_open_in_word_gives_a_clear_message(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(minutes.os, "replace", refuse)
    with pytest.raises(CasusdeskError, match="geopend in Word"):
        minutes.render_docx(_tiny_doc(), tmp_path / "verslag.docx")
    assert list(tmp_path.iterdir()) == []


def test_render_writes_a_document_that_python_docx_reads(tmp_path: Path) -> None:
    path = minutes.render_docx(_tiny_doc(), tmp_path / "verslag.docx")
    document = docx.Document(str(path))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == ["Afspraken"]
    assert document.tables[0].cell(1, 0).text == "Huisbezoek"
    assert document.paragraphs[-1].text == f"{minutes.STAR} Een vraag?"


# --------------------------------------------------------------------------------------
# Mail draft, dates
# --------------------------------------------------------------------------------------


def test_the_mail_draft_carries_the_document_and_is_marked_unsent(tmp_path: Path) -> None:
    path = minutes.render_docx(_tiny_doc(), tmp_path / "Verslag intervisie 12 maart.docx")
    eml = minutes.write_mail_draft(path, tmp_path / "concept.eml",
                                   subject="Verslag intervisie 12 maart 2026",
                                   body="Beste deelnemers,\n\nIn de bijlage het verslag.")
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert message["X-Unsent"] == "1"
    assert message["Subject"] == "Verslag intervisie 12 maart 2026"
    assert message["To"] is None and message["From"] is None
    body = message.get_body(("plain",)).get_content()
    assert "In de bijlage het verslag." in body
    attachments = list(message.iter_attachments())
    assert len(attachments) == 1
    assert attachments[0].get_filename() == "Verslag intervisie 12 maart.docx"
    assert attachments[0].get_content_type() == minutes.DOCX_MIME
    assert attachments[0].get_content() == path.read_bytes()
    assert not list(tmp_path.glob(".casusdesk-*"))


def test_the_mail_draft_of_a_missing_document_gives_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(CasusdeskError, match="niet lezen"):
        minutes.write_mail_draft(tmp_path / "weg.docx", tmp_path / "concept.eml",
                                 subject="x", body="y")
    assert not (tmp_path / "concept.eml").exists()


def test_dutch_dates_and_retention() -> None:
    assert minutes.dutch_date(dt.date(2026, 3, 12)) == "12 maart 2026"
    assert minutes.dutch_date(dt.date(2026, 3, 12), weekday=True) == "donderdag 12 maart 2026"
    assert minutes.retention_date(dt.date(2026, 3, 12), 12) == dt.date(2027, 3, 12)
    assert minutes.retention_date(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert minutes.retention_date(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)


@pytest.mark.slow
def test_the_demo_mail_text_names_the_date_and_the_retention(
        deduce_ready: None, store: Store, demo, methods) -> None:  # noqa: ANN001
    doc = minutes.build_minutes(store, demo.id, methods)
    subject, body = minutes.mail_text(doc)
    assert subject == "Verslag intervisie 12 maart 2026"
    assert "12 maart 2027" in body
    assert minutes.session_mail_text(store, demo.id) == (subject, body)


def test_unknown_capture_data_does_not_break_the_minutes(store: Store, demo, methods,  # noqa: ANN001
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # odd shapes a crash or an older version could leave: no deduce needed for this
    real = anon.Anonymizer

    def without_deduce(*args: object, **kwargs: object) -> anon.Anonymizer:
        return real(*args, **{**kwargs, "use_deduce": False})

    monkeypatch.setattr(anon, "Anonymizer", without_deduce)
    for kind, data in (("issue_moment", {"codes": "KM_1", "frames": "Marktframe"}),
                       ("agreement", {"action": "Bellen", "due": "volgende week"}),
                       ("golden_circle", {"code": None, "why": "Omdat"}),
                       ("note", {"text": "Notitie bij een fase die niet bestaat"}),
                       ("question", {"text": ""})):
        store.add_capture(Capture(session_id=demo.id, kind=kind, data=data, phase_index=42))
    store.set_document(demo.id, "timer", {"format": 99})
    doc = minutes.build_minutes(store, demo.id, methods)
    text = minutes.minutes_text(doc)
    assert "volgende week" in text and "Fase 43" in text and "Marktframe" in text


@pytest.mark.slow
def test_a_soft_hyphen_inside_a_name_does_not_hide_it(tmp_path):
    """Text pasted from a PDF can carry invisible soft hyphens: "Ja\\u00adn de Vries"."""
    from casusdesk.app import open_context
    from casusdesk.services.demo import create_demo
    from casusdesk.services.minutes import export_minutes

    ctx = open_context(tmp_path / "d")
    session = create_demo(ctx.store, ctx.roster)
    note = next(c for c in ctx.store.list_captures(session.id, "note"))
    note.data = {"text": "Ja\u00adn de Vries en Fem\u200bke bellen de moeder."}
    ctx.store.update_capture(note)  # stored as pasted, bypassing the console's cleaning
    out = export_minutes(ctx.store, session.id, ctx.methods, tmp_path / "v.docx")
    with zipfile.ZipFile(out) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert "KM_1 en KMI_1 bellen de moeder." in xml


def test_detections_are_grouped_per_text_and_kind():
    from types import SimpleNamespace as D

    from casusdesk.services.minutes import ReviewItem, group_detections

    items = [ReviewItem("a", [D(text="Joure", kind="plaats", replacement="[PLAATS-1]"),
                              D(text="Jan", kind="eigen", replacement="KM_1")], "x"),
             ReviewItem("b", [D(text="Joure", kind="plaats", replacement="[PLAATS-1]")], "y")]
    groups = group_detections(items)
    assert [(g.text, g.kind, g.replacement, g.count) for g in groups] == [
        ("Jan", "eigen", "KM_1", 1), ("Joure", "plaats", "[PLAATS-1]", 2)]


@pytest.mark.slow
def test_minutes_show_the_role_switch_session_roles_and_online(
        deduce_ready: None, store: Store, demo, methods, tmp_path: Path) -> None:  # noqa: ANN001
    from casusdesk.domain.session_roles import EXTERNAL, SessionSetup
    from casusdesk.services import rolwisseling, session_setup
    from casusdesk.services.role_catalog import roles

    code = _codes(store, demo.group_id)
    session_setup.save(store, demo.id, SessionSetup(mode="online", roles={
        "gespreksleider": EXTERNAL, "voorzitter": code["Mohamed"],
        "verslaglegger": code["Sandra"], "observator": ""}))
    stored = store.get_document(demo.id, "roles")["assignment"]
    out = minutes.export_minutes(store, demo.id, methods, tmp_path / "verslag.docx")
    document = docx.Document(str(out))
    table = next(t for t in document.tables
                 if [c.text for c in t.rows[0].cells] ==
                 ["Code", "Eigen functie", "Speelde de rol van", "Achterkant van"])
    rows = {r.cells[0].text: [c.text for c in r.cells][1:] for r in table.rows[1:]}
    titles = {rid: role.title for rid, role in roles().items()}
    assert set(rows) == set(stored)
    for player, role_id in stored.items():
        assert rows[player][1] == titles[role_id]
    # the Golden Circle of the real holder is named by code
    km_player = next(c for c, r in stored.items() if r == "klantmanager_werk")
    assert rows[km_player][2] == code["Jan"]
    assert rows[code["Jan"]][0] == "Klantmanager Werk"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Vorm: Online (beeldbellen)" in text
    assert "Gespreksleider: iemand van buiten de groep" in text
    assert f"Voorzitter en tijdbewaker: {code['Mohamed']}" in text
    assert f"Verslaglegger: {code['Sandra']}" in text
    assert "Observator" not in text
    assert "non-verbale signalen" in text
    # the demo's MEE and GGZ holders wrote no back: the note does not claim every card has one
    assert any(r[2] == "–" for r in rows.values())
    assert "De achterkant van elke rolkaart" not in text
    assert "– betekent dat er geen achterkant was." in text
    assert _leaked_names(out) == []


@pytest.mark.slow
def test_minutes_list_what_was_reviewed_of_earlier_sessions(
        deduce_ready: None, store: Store, demo, methods, tmp_path: Path) -> None:  # noqa: ANN001
    from casusdesk.services import series

    code = _codes(store, demo.group_id)
    first = store.get_session(demo.id)
    first.case.client_real_name, first.case.client_pseudonym = "Karin Mulder", "Kim"
    first.case.client_aliases = []
    store.save_session(first)
    call = store.add_capture(Capture(demo.id, "agreement", data={
        "action": "Karin Mulder bellen over de post", "owner": code["Femke"], "done": False}))
    second = create_demo(store, Roster(store, functions()), methods=methods)
    items = {i.text: i for i in series.open_items(store, second.id)}
    assert set(items) >= {"Gezamenlijk huisbezoek plannen", "Karin Mulder bellen over de post"}
    series.review(store, second.id, call.id, series.CARRIED, "Femke Bosma belt volgende week")
    parked = next(i for i in items.values() if i.kind == "issue_moment")
    series.review(store, second.id, parked.capture.id, series.DONE)

    out = minutes.export_minutes(store, second.id, methods, tmp_path / "verslag.docx")
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Terugblik op eerdere bijeenkomsten" in headings
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Wat")
    rows = {r.cells[0].text: [c.text for c in r.cells][1:] for r in table.rows[1:]}
    assert rows["Afspraak: Kim bellen over de post"] == [
        dutch := minutes.dutch_date(first.date), code["Femke"], "meegenomen",
        f"{code['Femke']} belt volgende week"]
    assert rows["Afspraak: Gezamenlijk huisbezoek plannen"][2] == "nog niet besproken"
    issue = next(k for k in rows if k.startswith("Geparkeerd issue: "))
    assert rows[issue][0] == dutch and rows[issue][2] == "gedaan"
    for planted in ("Karin", "Mulder", "Femke", "Bosma"):
        assert planted not in "\n".join(c.text for r in table.rows for c in r.cells)
    assert _leaked_names(out) == []
