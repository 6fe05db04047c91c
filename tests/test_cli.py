"""The command-line contract, run as a user would: in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys

from casusdesk import __version__


def run_cli(*args: str, env: dict | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "casusdesk", *args], capture_output=True,
                          text=True, input=stdin, env={**os.environ, **(env or {})}, timeout=120)


def test_demo_twice_prints_two_different_session_ids(tmp_path):
    first = run_cli("demo", "--data-dir", str(tmp_path))
    second = run_cli("demo", "--data-dir", str(tmp_path))
    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    id1 = first.stdout.strip().splitlines()[-1]
    id2 = second.stdout.strip().splitlines()[-1]
    assert id1.isdigit() and id2.isdigit() and id1 != id2
    listing = run_cli("sessions", "--data-dir", str(tmp_path))
    assert "Intervisiegroep Werk en Zorg" in listing.stdout
    assert listing.stdout.count("Jonge man komt steeds terug") == 2


def test_data_dir_from_environment(tmp_path):
    result = run_cli("demo", env={"CASUSDESK_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0
    assert (tmp_path / "casusdesk.sqlite").exists()


def test_version_and_help():
    assert run_cli("--version").stdout.strip() == f"casusdesk {__version__}"
    helptext = run_cli("--help").stdout
    assert "demo" in helptext and "--data-dir" in helptext


def test_mistakes_get_a_message_not_a_traceback(tmp_path):
    bad = tmp_path / "casusdesk.sqlite"
    bad.write_text("geen database")
    result = run_cli("sessions", "--data-dir", str(tmp_path))
    assert result.returncode == 1
    assert "geen casusdesk-database" in result.stderr
    assert "Traceback" not in result.stderr
    unknown = run_cli("verzin-iets")
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr


def test_methods_lists_every_method_with_phases_and_minutes():
    result = run_cli("methods")
    assert result.returncode == 0
    lines = result.stdout.strip().splitlines()
    names = ("Rolwisseling", "Golden Circle", "Roddelmethode", "Viervenstermethode",
             "Gezamenlijk interviewen", "Basismodel intervisie", "Incidentmethode",
             "Overbruggen van verschil")
    for name in names:
        [line] = [ln for ln in lines if name in ln]
        assert " fasen " in line and line.rstrip().endswith(" min")


def test_methods_show_prints_phases_with_minutes_and_prompts():
    result = run_cli("methods", "show", "roddelmethode")
    assert result.returncode == 0
    assert "Roddelmethode" in result.stdout and "min]" in result.stdout
    assert "Voor de groep:" in result.stdout
    unknown = run_cli("methods", "show", "bestaat-niet")
    assert unknown.returncode == 1 and "Onbekende werkvorm" in unknown.stderr


def test_export_cards_of_the_demo_session(tmp_path):
    from pypdf import PdfReader

    session_id = run_cli("demo", "--data-dir", str(tmp_path)).stdout.strip().splitlines()[-1]
    out = tmp_path / "kaarten.pdf"
    result = run_cli("export", "cards", session_id, "-o", str(out), "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "KM_1" in text and "Sessie B" in text
    for name in ("Jan de Vries", "Femke", "Bosma", "Sander Wijnstra"):
        assert name not in text
    assert name.encode() not in out.read_bytes()
    missing = run_cli("export", "cards", "999", "-o", str(out), "--data-dir", str(tmp_path))
    assert missing.returncode == 1 and "bestaat niet" in missing.stderr


def test_export_timeline_png_of_the_demo_session(tmp_path):
    from PIL import Image

    session_id = run_cli("demo", "--data-dir", str(tmp_path)).stdout.strip().splitlines()[-1]
    out = tmp_path / "levenslijn.png"
    result = run_cli("export", "timeline", session_id, "-o", str(out), "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    image = Image.open(out).convert("RGB")
    assert image.size == (2400, 1350)
    colours = image.resize((240, 135)).getcolors(maxcolors=100_000)
    assert len(colours) > 50  # a drawn graph, not a blank page
    second = run_cli("demo", "--data-dir", str(tmp_path)).stdout.strip().splitlines()[-1]
    empty = run_cli("export", "timeline", second, "-o", str(out), "--data-dir", str(tmp_path))
    assert empty.returncode == 1 and "geen levenslijn" in empty.stderr


def test_anonymize_reads_stdin_and_known_names(tmp_path):
    import json

    names = tmp_path / "namen.txt"
    names.write_text("# deelnemers\nJan de Vries = KM_1\nSander Wijnstra\n", encoding="utf-8")
    text = ("Jan de Vries sprak op 3 juni 2021 met Sjoerd in Heerenveen; bel 06-12345678. "
            "De Wmo-consulent sluit aan.")
    result = run_cli("anonymize", "--names", str(names), stdin=text)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "KM_1 sprak" in out and "Wmo-consulent" in out
    for leaked in ("Jan", "Vries", "Sjoerd", "Heerenveen", "06-12345678", "3 juni"):
        assert leaked not in out
    detections = json.loads(run_cli("anonymize", "--names", str(names), "--json",
                                    stdin=text).stdout)
    kinds = {d["kind"] for d in detections}
    assert {"eigen", "plaats", "telefoon"} <= kinds
    assert all(text[d["start"]:d["end"]] == d["text"] for d in detections)
    missing = run_cli("anonymize", "--names", str(tmp_path / "weg.txt"), stdin=text)
    assert missing.returncode == 1 and "bestaat niet" in missing.stderr


def test_export_minutes_of_the_demo_session(tmp_path):
    import zipfile

    from docx import Document

    session_id = run_cli("demo", "--data-dir", str(tmp_path)).stdout.strip().splitlines()[-1]
    out = tmp_path / "verslag.docx"
    result = run_cli("export", "minutes", session_id, "-o", str(out), "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    headings = [p.text for p in Document(out).paragraphs if p.style.name.startswith("Heading")]
    for section in ("Deelnemers", "Issue-momenten", "Afspraken"):
        assert section in headings
    with zipfile.ZipFile(out) as package:
        xml = " ".join(package.read(n).decode("utf-8", "ignore") for n in package.namelist()
                       if not n.startswith("word/media/"))
    for name in ("Jan de Vries", "Femke", "Bosma", "Wijnstra", "Heerenveen", "Kuipers"):
        assert name not in xml
    wrong = run_cli("export", "minutes", session_id, "-o", str(tmp_path / "v.txt"),
                    "--data-dir", str(tmp_path))
    assert wrong.returncode == 2 and ".docx" in wrong.stderr
    nowhere = run_cli("export", "minutes", session_id, "-o", str(tmp_path / "x" / "v.docx"),
                      "--data-dir", str(tmp_path))
    assert nowhere.returncode == 1 and "bestaat niet" in nowhere.stderr


def test_gui_start_on_a_corrupt_database_says_why_and_changes_nothing(tmp_path):
    bad = tmp_path / "casusdesk.sqlite"
    bad.write_bytes(b"kapot" * 100)
    result = run_cli("--data-dir", str(tmp_path),
                     env={"QT_QPA_PLATFORM": "offscreen", "CASUSDESK_NO_DIALOGS": "1"})
    assert result.returncode == 1
    assert "geen casusdesk-database" in result.stderr and "Traceback" not in result.stderr
    assert bad.read_bytes() == b"kapot" * 100


def test_export_timeline_is_anonymized_and_hides_the_birth_year(tmp_path):
    from casusdesk.app import open_context
    from casusdesk.services import levenslijn

    session_id = run_cli("demo", "--data-dir", str(tmp_path)).stdout.strip().splitlines()[-1]
    ctx = open_context(tmp_path)
    timeline = levenslijn.load(ctx.store, int(session_id))
    timeline.events[0].description = "Sander Wijnstra verhuist naar Jan de Vries in Joure"
    levenslijn.save(ctx.store, int(session_id), timeline)
    birth_year = timeline.birth_year
    out = tmp_path / "lijn.svg"
    result = run_cli("export", "timeline", session_id, "-o", str(out), "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    svg = out.read_text(encoding="utf-8")
    assert "Sjoerd" in svg and "KM_1" in svg
    for leaked in ("Sander", "Wijnstra", "Jan de Vries", "Joure"):
        assert leaked not in svg
    # ages stay ages: without the birth year no age is put on the year axis
    from casusdesk.services.minutes import anonymized_timeline

    assert birth_year is not None
    assert anonymized_timeline(ctx.store, int(session_id)).birth_year is None


def test_read_commands_do_not_create_a_store_on_a_mistyped_folder(tmp_path):
    typo = tmp_path / "gegevnes"
    for args in (["sessions"], ["export", "minutes", "1", "-o", str(tmp_path / "v.docx")]):
        result = run_cli(*args, "--data-dir", str(typo))
        assert result.returncode == 1 and "geen casusdesk-gegevens" in result.stderr
    assert not typo.exists()


def test_bad_output_names_get_a_message_not_a_traceback(tmp_path):
    session_id = run_cli("demo", "--data-dir", str(tmp_path)).stdout.strip().splitlines()[-1]
    cards = run_cli("export", "cards", session_id, "-o", str(tmp_path / "kaarten.txt"),
                    "--data-dir", str(tmp_path))
    assert cards.returncode == 2 and ".pdf" in cards.stderr
    too_long = run_cli("export", "minutes", session_id, "-o", str(tmp_path / ("a" * 300 + ".docx")),
                       "--data-dir", str(tmp_path))
    assert too_long.returncode == 1 and "te lang" in too_long.stderr
    assert "Traceback" not in too_long.stderr


def test_argparse_speaks_dutch():
    result = run_cli("frobnicate")
    assert result.returncode == 2
    assert "gebruik:" in result.stderr and "ongeldige keuze" in result.stderr
