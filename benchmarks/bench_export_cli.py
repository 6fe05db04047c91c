"""The export commands as a user runs them, beside deduce alone and a bare docx writer.

Each figure is a new process (``casusdesk export ...`` on the demo session, through its
real CLI), run alternately with its anchors in the same run, so the ratios do not
depend on how fast or busy the machine is:

* **deduce alone**: a process that imports deduce, loads ``Deduce()`` from its cache
  and de-identifies the demo's texts (what every export process did before deid_light);
* **bare toolkit**: a process that imports sqlmodel and python-docx and writes a
  one-paragraph .docx (what any program on this stack pays to write a Word file).

Besides the exports, ``casusdesk anonymize`` on one note of the evaluation set typed in a
hurry (``HURRIED_NOTE``): lowercase names and clubs take the anonymizer down paths the
demo's tidy texts do not (the typo check against ordinary words, English frequencies).

Printed per command: median wall time, median CPU time (user + system of the process
alone: steadier on a busy machine) and the largest resident memory. "Warm" means the
prepared word lists and a bytecode cache exist (a first run of each, not counted, makes
them), as on a machine where casusdesk has run before.

Run: python benchmarks/bench_export_cli.py [runs]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

DEDUCE_ALONE = r"""
import sys
from casusdesk.services.demo import _DEMO_RUN, DEMO_CASE
texts = [DEMO_CASE.description, DEMO_CASE.coaching_question, DEMO_CASE.missing_facts]
for _minutes, captures in _DEMO_RUN:
    for _kind, data in captures:
        texts += [v for v in data.values() if isinstance(v, str) and v.strip()]
import logging
import deduce
d = deduce.Deduce()
for text in texts:
    d.deidentify(text)
"""

#: the note of the "anonymize (hurried note)" row, from the evaluation notes
HURRIED_NOTE = "w02.toml"

BARE = r"""
import sys
import sqlmodel
import docx
document = docx.Document()
document.add_paragraph("Verslag")
document.save(sys.argv[1])
"""


def _run(argv: list[str], env: dict[str, str],
         stdin: Path | None = None) -> tuple[float, float, float]:
    """(wall s, CPU s, max RSS MB) of one process (``stdin``: a file it reads)."""
    started = time.perf_counter()
    source = open(stdin, "rb") if stdin is not None else subprocess.DEVNULL  # noqa: SIM115
    proc = subprocess.Popen(argv, stdin=source, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env, cwd=ROOT)
    if stdin is not None:
        source.close()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{stderr}")
    rss = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20
    return wall, usage.ru_utime + usage.ru_stime, rss


def main(runs: int = 5) -> None:
    work = Path(tempfile.mkdtemp(prefix="casusdesk-bench-export-"))
    env = {**os.environ, "CASUSDESK_NO_DIALOGS": "1",
           "PYTHONPYCACHEPREFIX": str(work / "pyc")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    data = work / "data"
    made = subprocess.run([sys.executable, "-m", "casusdesk", "demo", "--data-dir", str(data)],
                          check=True, capture_output=True, text=True, env=env)
    session = made.stdout.strip().splitlines()[-1]
    cli = [sys.executable, "-m", "casusdesk", "export"]
    # a note typed in a hurry by a writer the rules had not seen (lowercase names, clubs):
    # it takes the anonymizer down paths the demo's tidy texts do not
    import tomllib

    note = tomllib.loads((ROOT / "benchmarks" / "eval_notes" / "dev" / HURRIED_NOTE)
                         .read_text("utf-8"))
    (work / "note.txt").write_text(note["text"], encoding="utf-8")
    (work / "names.txt").write_text("", encoding="utf-8")
    stdin = {"anonymize (hurried note)": work / "note.txt"}
    commands = {
        "export minutes": cli + ["minutes", session, "-o", str(work / "v.docx"),
                                 "--data-dir", str(data)],
        "export timeline (svg)": cli + ["timeline", session, "-o", str(work / "l.svg"),
                                        "--data-dir", str(data)],
        "export cards": cli + ["cards", session, "-o", str(work / "k.pdf"),
                               "--data-dir", str(data)],
        "anonymize (hurried note)": [sys.executable, "-m", "casusdesk", "anonymize",
                                     "--names", str(work / "names.txt")],
        "deduce alone (anchor)": [sys.executable, "-c", DEDUCE_ALONE],
        "bare toolkit (anchor)": [sys.executable, "-c", BARE, str(work / "bare.docx")],
    }
    for name, argv in commands.items():  # warm: word lists prepared, bytecode cached
        _run(argv, env, stdin.get(name))
    figures: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            figures[name].append(_run(argv, env, stdin.get(name)))
    print(f"export commands on the demo session (and one hurried note), warm, median of "
          f"{runs} runs, alternated:")
    print(f"  {'':<24} {'wall s':>7} {'CPU s':>7} {'max MB':>7}   CPU vs deduce alone / bare")
    deduce_cpu = statistics.median(f[1] for f in figures["deduce alone (anchor)"])
    bare_cpu = statistics.median(f[1] for f in figures["bare toolkit (anchor)"])
    for name, rows in figures.items():
        wall = statistics.median(r[0] for r in rows)
        cpu = statistics.median(r[1] for r in rows)
        rss = max(r[2] for r in rows)
        print(f"  {name:<24} {wall:7.2f} {cpu:7.2f} {rss:7.0f}   "
              f"{cpu / deduce_cpu:5.2f}x / {cpu / bare_cpu:5.2f}x")
    print("  goals (issue 13): export minutes under 2 s warm, under 400 MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
