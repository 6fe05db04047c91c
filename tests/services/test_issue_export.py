"""The coding grid (.xlsx) and the group report (.docx) through the privacy boundary."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from casusdesk.domain.analysis import IssueAnalysis, Narrative, SessionAnalysis
from casusdesk.domain.errors import CasusdeskError, ValidationError
from casusdesk.domain.model import Capture
from casusdesk.services import analysis as service
from casusdesk.services import anonymize as anon
from casusdesk.services import issue_export
from casusdesk.services.catalog import functions
from casusdesk.services.demo import DEMO_PARTICIPANTS, create_demo
from casusdesk.services.method_catalog import load_methods
from casusdesk.services.roster import Roster
from casusdesk.storage.db import open_engine
from casusdesk.storage.repositories import Store

#: names planted in free texts of the analysis; none may reach a file
PLANTED = ("Femke Bosma", "Bosma", "Sander Wijnstra", "Wijnstra", "Sandertje", "Pieter Hoekstra",
           "Hoekstra")


@pytest.fixture(scope="module")
def deduce_ready() -> None:
    anon.warm_up()


@pytest.fixture
def group(tmp_path):
    store = Store(open_engine(tmp_path / "data"))
    methods = load_methods()
    roster = Roster(store, functions())
    first = create_demo(store, roster, today=dt.date(2026, 3, 12), methods=methods)
    second = create_demo(store, roster, methods=methods)  # not held: no moments
    code = {p.name.split()[0]: p.code for p in store.list_participants(first.group_id)}
    one, two = service.issue_moments(store, first.id)
    service.save_analysis(store, one, IssueAnalysis(
        question="Wie helpt Sander Wijnstra verder?",
        narratives=[Narrative(code["Femke"], wat="Femke Bosma wil een maatregel.",
                              moreel="Regels zijn regels."),
                    Narrative("Zorg & Welzijn", oorzaken="Sandertje slaapt overdag.",
                              oplossingen="Eerst naar de huisarts.")],
        frames=["Cliënt als dader van eigen falen", "Werk als medicijn"],
        bridged="deels", how="Pieter Hoekstra vroeg door op het verschil.",
        reframing="extensie", controversy="oneens",
        influences={"methode": "De rolwisseling hielp.", "beleidscontext": "Nieuwe Participatiewet."}))
    store.merge_capture_data(two.id, {"theme": "Vertrouwen in Hoekstra"})
    store.add_capture(Capture(session_id=second.id, kind="issue_moment", data={
        "codes": [code["Femke"], code["Pieter"]], "description": "Wie belt Wijnstra?",
        "theme": "Vertrouwen en wantrouwen", "outcome": "geparkeerd"}, session_seconds=600))
    service.save_session_analysis(store, first.id, SessionAnalysis(["hetzelfde doel"]))
    return store, first.group_id, methods


def _all_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return "".join(package.read(n).decode("utf-8", "ignore") for n in package.namelist()
                       if not n.startswith("word/media/"))


@pytest.mark.slow
def test_the_coding_grid_has_a_row_per_moment_and_no_name(deduce_ready, group, tmp_path):
    store, group_id, methods = group
    path, count = issue_export.export_issues(store, group_id, methods, tmp_path / "issues.xlsx")
    assert count == 3
    book = openpyxl.load_workbook(path)
    sheet = book["Issue-momenten"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == issue_export.ISSUE_COLUMNS
    body = [dict(zip(rows[0], r)) for r in rows[1:]]
    later = max(s.date for s in store.list_sessions(group_id))
    assert [r["Datum"] for r in body] == ["12-03-2026", "12-03-2026", f"{later:%d-%m-%Y}"]
    first = body[0]
    assert first["Werkvorm"] == "Rolwisseling" and first["Tijd"] == "1:08:00"
    assert first["Fase"].startswith("5. ")
    assert first["Diensten"] == "Werk & Inkomen, Zorg & Welzijn"
    assert first["Frames"] == "Cliënt als dader van eigen falen; Werk als medicijn"
    assert first["Overbrugd"] == "deels" and first["Reframing"] == "frame-extensie"
    assert first["Verhalen · Oplossingen"] == "Zorg & Welzijn: Eerst naar de huisarts."
    assert first["Verhalen · Morele oordelen"].endswith(": Regels zijn regels.")
    assert first["Invloed · Methode"] == "De rolwisseling hielp."
    assert body[1]["Overbrugd"] == "ja"  # the quick outcome "overbrugd"
    assert body[2]["Uitkomst"] == "geparkeerd"
    assert list(book["Niet omstreden"].iter_rows(values_only=True)) == [
        ("Datum", "Onderwerp"), ("12-03-2026", "hetzelfde doel")]
    cells = " ".join(str(v) for r in rows for v in r if v)
    raw = _all_text(path.read_bytes())
    for name in (*PLANTED, *(n for n, _f, _o in DEMO_PARTICIPANTS)):
        assert name not in cells and name not in raw, name
    assert book.properties.creator in ("", None)


@pytest.mark.slow
def test_the_group_report_has_its_charts_figures_and_no_name(deduce_ready, group, tmp_path):
    import docx

    store, group_id, methods = group
    path = issue_export.export_overview(store, group_id, methods, tmp_path / "overzicht.docx")
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        media = [n for n in package.namelist() if n.startswith("word/media/")]
    assert len(media) == 2  # the heat map and the bridging bars
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Bijeenkomsten: 2" in text and "Issue-momenten (botsingen): 3" in text
    # deels (1/2) and ja (1) of two judged moments
    assert "Overbrugd: 75 % van de 2 beoordeelde momenten" in text
    assert "Open of geparkeerd: 2" in text
    assert "Verantwoordelijkheid: eigen, gedeeld of van een ander" in cells
    assert "Wie belt Sjoerd?" in cells  # the parked moment: the client as the pseudonym
    assert "hetzelfde doel (1×)" in text
    raw = _all_text(data)
    for name in (*PLANTED, *(n for n, _f, _o in DEMO_PARTICIPANTS)):
        assert name not in raw, name


@pytest.mark.slow
def test_nothing_is_written_when_a_name_would_survive(deduce_ready, group, tmp_path,
                                                     monkeypatch):
    from casusdesk.services.export_boundary import GroupBoundary

    store, group_id, methods = group
    monkeypatch.setattr(GroupBoundary, "anonymize", lambda self, sid, text, where="": text)
    with pytest.raises(CasusdeskError, match="niet opgeslagen"):
        issue_export.export_issues(store, group_id, methods, tmp_path / "issues.xlsx")
    assert not (tmp_path / "issues.xlsx").exists()
    with pytest.raises(CasusdeskError, match="niet opgeslagen"):
        issue_export.export_overview(store, group_id, methods, tmp_path / "o.docx")
    assert not (tmp_path / "o.docx").exists()


def test_a_group_is_found_by_number_or_name(group):
    store, group_id, _m = group
    name = store.get_group(group_id).name
    assert issue_export.find_group(store, str(group_id)) == group_id
    assert issue_export.find_group(store, name.upper()) == group_id
    assert issue_export.find_group(store, name[:6]) == group_id
    with pytest.raises(ValidationError, match="Geen groep"):
        issue_export.find_group(store, "Bestaat niet")


def test_the_charts_are_grey_with_the_numbers_written_in():
    from PIL import Image

    from casusdesk.services import charts

    png = charts.heat_map(["Privacy", "Verantwoordelijkheid"], ["01-02-2026", "01-03-2026"],
                          [[2, 0], [1, 3]], title="Test")
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = {c for _n, c in image.getcolors(1_000_000)}
    assert all(r == g == b for r, g, b in colours)  # greyscale only: prints as seen
    bars = Image.open(io.BytesIO(charts.rate_bars(["a", "b"], [0.5, None]))).convert("RGB")
    assert all(r == g == b for _n, (r, g, b) in bars.getcolors(1_000_000))


@pytest.mark.slow
def test_the_command_line_exports_both(deduce_ready, tmp_path, capsys):
    from casusdesk import cli

    data = str(tmp_path / "data")
    assert cli.main(["demo", "--data-dir", data]) == 0
    out = tmp_path / "issues.xlsx"
    assert cli.main(["export", "issues", "1", "-o", str(out), "--data-dir", data]) == 0
    assert "Codeerschema met" in capsys.readouterr().out
    assert openpyxl.load_workbook(out).active.max_row >= 2
    report = tmp_path / "overzicht.docx"
    assert cli.main(["export", "overview", "intervisie", "-o", str(report),
                     "--data-dir", data]) == 0
    assert report.exists()
    assert cli.main(["export", "issues", "1", "-o", str(tmp_path / "x.csv"),
                     "--data-dir", data]) == 2
    assert cli.main(["export", "overview", "geen-groep", "-o", str(tmp_path / "y.docx"),
                     "--data-dir", data]) == 1
    assert "Geen groep" in capsys.readouterr().err


@pytest.mark.slow
def test_the_report_of_one_meeting_reads_well(deduce_ready, tmp_path):
    """One held meeting: its date once in the subtitle (not 'd – d'), one judged moment in
    the singular, and the open moments' first column headed 'Datum' (its values are dates;
    'Bijeenkomst' broke in two in that narrow column)."""
    import docx

    store = Store(open_engine(tmp_path / "data"))
    methods = load_methods()
    session = create_demo(store, Roster(store, functions()), today=dt.date(2026, 3, 12),
                          methods=methods)
    path = issue_export.export_overview(store, session.group_id, methods, tmp_path / "o.docx")
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "12 maart 2026 – 12 maart 2026" not in text
    assert "· 12 maart 2026" in text
    assert "Overbrugd: 100 % van 1 beoordeeld moment (deels overbrugd telt half)" in text
    headers = [t.rows[0].cells[0].text for t in document.tables]
    assert "Bijeenkomst" not in headers[-1] and headers[-1] == "Datum"
