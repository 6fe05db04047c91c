"""An export whose texts need no de-identifier does not load it.

A timeline whose descriptions hold only known names and ordinary words is checked
against the known names, the marks and the own rules: the command runs in a process
of its own (the real CLI) and reports which of the anonymizer's heavy parts it
imported. The minutes of the same session, with free text, do load deduce, and
still not wordfreq (the Dutch frequencies come from the prepared trie).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from casusdesk.app import open_context
from casusdesk.services import deid_light
from casusdesk.services.deid_light import frequencies
from casusdesk.services.demo import create_demo
from casusdesk.services.levenslijn import load, save

HEAVY = ("deduce", "docdeid", "wordfreq", "langcodes", "ftfy")

# the real command line; at exit, the heavy modules that were imported
CHILD = r"""
import json, sys
from casusdesk.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "heavy": [m for m in %(heavy)r if m in sys.modules]}))
""" % {"heavy": HEAVY}


def _export(data_dir: Path, *args: str) -> dict:
    result = subprocess.run([sys.executable, "-c", CHILD, "export", *args,
                             "--data-dir", str(data_dir)],
                            capture_output=True, text=True, check=False,
                            env={**os.environ, "CASUSDESK_NO_DIALOGS": "1"})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _demo_with_known_names_on_the_timeline(data_dir: Path) -> int:
    ctx = open_context(data_dir)
    create_demo(ctx.store, ctx.roster)
    group = ctx.store.list_groups()[0]
    session_id = ctx.store.list_sessions(group.id)[0].id
    timeline = load(ctx.store, session_id)
    for event in timeline.events:
        event.description, event.note = "Sander gaat verhuizen", "met Jan de Vries erbij"
    save(ctx.store, session_id, timeline)
    return session_id


def test_a_timeline_with_only_known_names_loads_no_deduce_and_no_wordfreq(
        tmp_path: Path) -> None:
    frequencies.prepare(deid_light.default_cache_dir())
    session_id = _demo_with_known_names_on_the_timeline(tmp_path / "data")
    out = tmp_path / "lijn.svg"
    report = _export(tmp_path / "data", "timeline", str(session_id), "-o", str(out))
    assert report == {"code": 0, "heavy": []}
    svg = out.read_text("utf-8")
    assert "Sjoerd gaat verhuizen" in svg and "Sander" not in svg and "Vries" not in svg


def test_the_minutes_load_deduce_but_not_wordfreq(tmp_path: Path) -> None:
    frequencies.prepare(deid_light.default_cache_dir())
    session_id = _demo_with_known_names_on_the_timeline(tmp_path / "data")
    report = _export(tmp_path / "data", "minutes", str(session_id),
                     "-o", str(tmp_path / "verslag.docx"))
    assert report == {"code": 0, "heavy": ["deduce", "docdeid"]}
    assert (tmp_path / "verslag.docx").stat().st_size > 10_000


def test_the_demo_timeline_of_compounds_and_years_loads_no_deduce(tmp_path: Path) -> None:
    """"Uitzendcontract stopt", "groep 5", "in 2019": nothing deduce could add."""
    frequencies.prepare(deid_light.default_cache_dir())
    ctx = open_context(tmp_path / "data")
    create_demo(ctx.store, ctx.roster)
    session_id = ctx.store.list_sessions(ctx.store.list_groups()[0].id)[0].id
    report = _export(tmp_path / "data", "timeline", str(session_id),
                     "-o", str(tmp_path / "lijn.svg"))
    assert report == {"code": 0, "heavy": []}


def test_a_timeline_with_an_unknown_name_or_a_long_number_loads_deduce(tmp_path: Path) -> None:
    frequencies.prepare(deid_light.default_cache_dir())
    session_id = _demo_with_known_names_on_the_timeline(tmp_path / "data")
    ctx = open_context(tmp_path / "data")
    timeline = load(ctx.store, session_id)
    timeline.events[0].note = "logeert bij tante Gerdien Wolters in Kampen"
    timeline.events[1].note = "dossier 8812345, werkt samen met Bakker"
    save(ctx.store, session_id, timeline)
    out = tmp_path / "lijn.svg"
    report = _export(tmp_path / "data", "timeline", str(session_id), "-o", str(out))
    assert report["code"] == 0 and "deduce" in report["heavy"]
    svg = out.read_text("utf-8")
    for planted in ("Gerdien", "Wolters", "Kampen", "8812345", "Bakker"):
        assert planted not in svg
