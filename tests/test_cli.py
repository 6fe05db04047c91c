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


# -- issue 15: damaged rows, read-only exports, numbers, leftovers -------------------


def _damage_captures(data_dir, *ids):
    """Break captures as another program or a disk fault would: quick_check still says ok."""
    import sqlite3

    con = sqlite3.connect(data_dir / "casusdesk.sqlite")
    con.execute("UPDATE captures SET data = ? WHERE id = ?", ('{"text": "Pietje Puk zei', ids[0]))
    for capture_id in ids[1:]:
        con.execute("UPDATE captures SET data = CAST(? AS TEXT) WHERE id = ?",
                    (b'{"text": "Pietje \xff\xfe"}', capture_id))
    con.commit()
    assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    kinds = dict(con.execute("SELECT id, kind FROM captures"))
    con.close()
    return kinds


def test_export_minutes_names_damaged_captures_and_skips_them_only_when_asked(tmp_path):
    import zipfile

    session_id = run_cli("demo", "--data-dir", str(tmp_path)).stdout.strip().splitlines()[-1]
    kinds = _damage_captures(tmp_path, 3, 16)
    assert (kinds[3], kinds[16]) == ("question", "tip")
    out = tmp_path / "verslag.docx"
    refused = run_cli("export", "minutes", session_id, "-o", str(out), "--data-dir", str(tmp_path))
    assert refused.returncode == 1, refused.stderr
    assert "Traceback" not in refused.stderr and not out.exists()
    assert f"bijeenkomst {session_id}" in refused.stderr
    assert "vastlegging 3 (Vraag" in refused.stderr and "vastlegging 16 (Tip" in refused.stderr
    assert "--skip-damaged" in refused.stderr and "Pietje" not in refused.stderr

    agreed = run_cli("export", "minutes", session_id, "-o", str(out), "--skip-damaged",
                     "--data-dir", str(tmp_path))
    assert agreed.returncode == 0, agreed.stderr
    assert "vastlegging 3" in agreed.stderr and "vastlegging 16" in agreed.stderr
    with zipfile.ZipFile(out) as package:
        body = package.read("word/document.xml").decode("utf-8")
    assert "Vragen" in body and "Pietje" not in body


def _store_state(data_dir):
    db = data_dir / "casusdesk.sqlite"
    return db.read_bytes(), db.stat().st_mtime_ns, sorted(p.name for p in data_dir.iterdir())


def test_read_commands_leave_a_read_only_store_byte_identical(tmp_path):
    import sqlite3

    data = tmp_path / "archief"
    session_id = run_cli("demo", "--data-dir", str(data)).stdout.strip().splitlines()[-1]
    con = sqlite3.connect(data / "casusdesk.sqlite")
    con.execute("UPDATE sessions SET roles_json = ''")  # no role proposal stored yet
    con.commit()
    con.close()
    out = tmp_path / "uit"
    out.mkdir()
    commands = [
        ["sessions"],
        ["export", "cards", session_id, "-o", str(out / "k.pdf")],
        ["export", "cards", session_id, "-o", str(out / "k2.pdf"), "--no-backs"],
        ["export", "timeline", session_id, "-o", str(out / "l.png")],
        ["export", "timeline", session_id, "-o", str(out / "l.svg")],
        ["export", "minutes", session_id, "-o", str(out / "v.docx")],
        ["export", "issues", "1", "-o", str(out / "i.xlsx")],
        ["export", "overview", "1", "-o", str(out / "o.docx")],
        ["methods"],
        ["methods", "show", "roddelmethode"],
    ]
    for path in [data, *data.rglob("*")]:  # as an archived copy: nothing may be written
        path.chmod(path.stat().st_mode & ~0o222)
    try:
        before = _store_state(data)
        for command in commands:
            result = run_cli(*command, "--data-dir", str(data))
            assert result.returncode == 0, (command, result.stderr)
            # as root chmod stops nothing: the file itself must be as it was
            assert _store_state(data) == before, command
    finally:
        for path in [data, *data.rglob("*")]:
            path.chmod(path.stat().st_mode | 0o200)
    assert (out / "k.pdf").stat().st_size > 0 and (out / "v.docx").stat().st_size > 0
    con = sqlite3.connect(data / "casusdesk.sqlite")
    # the demo's past series (issue 10) has no role proposals either
    assert set(con.execute("SELECT roles_json FROM sessions").fetchall()) == {("",)}
    con.close()


def test_numeric_arguments_are_range_checked(tmp_path):
    session_id = run_cli("demo", "--data-dir", str(tmp_path)).stdout.strip().splitlines()[-1]
    for what, suffix in (("cards", "pdf"), ("minutes", "docx"), ("timeline", "png")):
        out = str(tmp_path / f"uit.{suffix}")
        for bad in ("1234567890123456789012", "9223372036854775808", "0", "-3", "+1", "1_0",
                    "٣", "1.0", "één", "9" * 5000):
            result = run_cli("export", what, bad, "-o", out, "--data-dir", str(tmp_path))
            assert result.returncode == 2, (what, bad, result.stderr)
            assert "Traceback" not in result.stderr and "Error" not in result.stderr
            assert "is geen" in result.stderr and "id" in result.stderr
            assert len(result.stderr) < 600  # 5000 digits are not echoed back
        largest = run_cli("export", what, str(2**63 - 1), "-o", out, "--data-dir", str(tmp_path))
        assert largest.returncode == 1 and "bestaat niet" in largest.stderr
    padded = run_cli("export", "cards", "000" + session_id, "-o", str(tmp_path / "k.pdf"),
                     "--data-dir", str(tmp_path))
    assert padded.returncode == 0, padded.stderr


def test_methods_reports_every_broken_custom_file(tmp_path):
    folder = tmp_path / "methods"
    folder.mkdir()
    broken = {
        "a_lijst.json": "[]",
        "b_kapot.json": "{",
        "c_bytes.json": b"\xff\xfe",
        "d_fasen.json": '{"id": "d_fasen", "name": "D", "phase": 5}',
        "e_minuten.json": '{"id": "e_minuten", "name": "E", "phase": [{"title": "x", "minutes": -1}]}',
        "f_naam.json": '{"id": "f_naam", "phase": [{"title": "x", "minutes": 10}]}',
        "g_diep.json": "[" * 100_000 + "]" * 100_000,
        "h_getal.json": '{"id": "h_getal", "format": ' + "9" * 5000 + "}",
        "i_toml.toml": "name = [",
        "roddelmethode.json": '{"id": "roddelmethode", "name": "R", "phase": []}',
    }
    for name, content in broken.items():
        path = folder / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = run_cli("methods", "--data-dir", str(tmp_path))
    assert result.returncode == 0 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(broken)
    for name in broken:
        assert sum(line.startswith(f"casusdesk: {name}: ") for line in lines) == 1, name
    assert "Roddelmethode" in result.stdout  # the shipped methods are all still listed


def test_a_temporary_file_left_by_a_killed_export_goes_on_the_next_export(tmp_path):
    import time

    session_id = run_cli("demo", "--data-dir", str(tmp_path)).stdout.strip().splitlines()[-1]
    out = tmp_path / "uit"
    out.mkdir()
    stale = out / ".casusdesk-k1ll3d_x.tmp"
    stale.write_bytes(b"half een verslag")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = out / ".casusdesk-busy0000.tmp"  # another export may be writing this one now
    fresh.write_bytes(b"bezig")
    others = {".casusdesk-notes.txt": b"eigen", "kaarten.tmp": b"eigen", "verslag.docx": b"oud"}
    for name, content in others.items():
        (out / name).write_bytes(content)
        os.utime(out / name, (old, old))
    result = run_cli("export", "cards", session_id, "-o", str(out / "kaarten.pdf"),
                     "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert not stale.exists() and fresh.exists()
    for name, content in others.items():
        assert (out / name).read_bytes() == content
    assert (out / "kaarten.pdf").read_bytes().startswith(b"%PDF")


def test_an_unforeseen_error_is_one_line_without_stored_text(tmp_path):
    import sqlite3

    session_id = run_cli("demo", "--data-dir", str(tmp_path)).stdout.strip().splitlines()[-1]
    con = sqlite3.connect(tmp_path / "casusdesk.sqlite")
    # broken JSON is read as damage now (tests/services/test_damaged_session_json.py); a
    # document of a shape no version writes is still unforeseen
    con.execute("UPDATE sessions SET roles_json = ?", ('{"overrides": "Pietje Puk"}',))
    con.commit()
    con.close()
    out = str(tmp_path / "k.pdf")
    result = run_cli("export", "cards", session_id, "-o", out, "--data-dir", str(tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Pietje" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    debug = run_cli("export", "cards", session_id, "-o", out, "--data-dir", str(tmp_path),
                    env={"CASUSDESK_DEBUG": "1"})
    assert debug.returncode == 1 and "Traceback" in debug.stderr


def test_export_agenda_of_the_next_demo_session(tmp_path):
    import zipfile

    from docx import Document

    run_cli("demo", "--data-dir", str(tmp_path))
    session_id = run_cli("demo", "--data-dir", str(tmp_path)).stdout.strip().splitlines()[-1]
    out = tmp_path / "agenda.docx"
    result = run_cli("export", "agenda", session_id, "-o", str(out), "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "Agenda opgeslagen" in result.stdout
    document = Document(out)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Agenda intervisie" in text and "Werkvorm: Rolwisseling" in text
    assert "Coachvraag: Hoe krijgen we samen zicht op wat Sjoerd" in text
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "Afspraak: Gezamenlijk huisbezoek plannen" in cells
    with zipfile.ZipFile(out) as package:
        xml = " ".join(package.read(n).decode("utf-8", "ignore") for n in package.namelist())
    for name in ("Jan de Vries", "Femke", "Bosma", "Wijnstra", "Sander", "Kuipers"):
        assert name not in xml
    wrong = run_cli("export", "agenda", session_id, "-o", str(tmp_path / "a.pdf"),
                    "--data-dir", str(tmp_path))
    assert wrong.returncode == 2 and ".docx" in wrong.stderr


def test_data_dir_before_the_command_is_used(tmp_path):
    """'casusdesk --data-dir MAP sessions' (the option as --help lists it, before the
    command) must read MAP, not the default folder."""
    assert run_cli("demo", "--data-dir", str(tmp_path)).returncode == 0
    listing = run_cli("--data-dir", str(tmp_path), "sessions")
    assert listing.returncode == 0, listing.stderr
    assert "Intervisiegroep Werk en Zorg" in listing.stdout


def test_help_is_dutch_and_lists_every_export():
    helptext = run_cli("--help").stdout
    assert "show program's version" not in helptext and "toon het versienummer" in helptext
    flat = " ".join(helptext.split())
    export_help = flat.split(" export ", 1)[1].split(" import ", 1)[0]
    assert "codeerschema" in export_help and "overzicht" in export_help


def test_a_mistyped_session_id_is_called_that(tmp_path):
    """Not 'bestaat niet meer (verwijderd, mogelijk in een ander venster)': on the command
    line a missing id is a typo, and the message says where to look the ids up."""
    assert run_cli("demo", "--data-dir", str(tmp_path)).returncode == 0
    for command in (["minutes", "99", "-o", str(tmp_path / "v.docx")],
                    ["agenda", "99", "-o", str(tmp_path / "a.docx")],
                    ["cards", "99", "-o", str(tmp_path / "k.pdf")],
                    ["timeline", "99", "-o", str(tmp_path / "l.png")]):
        result = run_cli("export", *command, "--data-dir", str(tmp_path))
        assert result.returncode == 1, command
        assert "Bijeenkomst 99 bestaat niet in" in result.stderr, result.stderr
        assert "casusdesk sessions" in result.stderr and "ander venster" not in result.stderr
    assert not list(tmp_path.glob("*.docx")) and not list(tmp_path.glob("*.pdf"))
