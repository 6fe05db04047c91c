"""Recall and keep of the anonymizer on the evaluation notes, beside deduce alone.

    python benchmarks/bench_recall.py [--misses] [--notes DIR ...]

For every note in benchmarks/eval_notes/{dev,holdout}/ (see the README there):

- **recall**: the share of ``must_go`` strings that no longer occur in the output
  (whole words, any case);
- **keep**: the share of ``must_stay`` strings that still occur exactly.

Where a note's ``must_go`` lists a year or a month alone ("2019 scheiding", "eind
januari"), which the minutes keep by design (the order of life events is what a case
discussion is about; DESIGN.md, capability 7), a second line gives the recall without
those strings. (Until stop 27 that line also left out countries, which the minutes kept
then; they are replaced now, see recall/origins.py.)

"casusdesk" is :class:`Anonymizer` with the note's registered names (participants with
their aliases, the client's name and aliases), as an export runs it; "deduce alone" is
deduce's own annotations replaced by a tag, without the registered names: the anchor
measured in the same run. ``--misses`` lists what the dev notes miss (never the
holdout's: those stay unseen while writing rules).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))

from casusdesk.domain.model import strip_invisible  # noqa: E402
from casusdesk.services.anonymize import deduce_backend  # noqa: E402
from casusdesk.services.anonymize import Anonymizer  # noqa: E402

NOTES = ROOT / "eval_notes"


def load(folder: Path) -> list[tuple[str, dict]]:
    return [(p.stem, tomllib.loads(p.read_text("utf-8"))) for p in sorted(folder.glob("*.toml"))]


def casusdesk_output(note: dict) -> str:
    people = []
    aliases = note.get("participant_aliases", [])
    for i, name in enumerate(note.get("participants", [])):
        code = f"KM_{i + 1}"
        people.append((name, code))
        for alias in (aliases[i] if i < len(aliases) else []):
            people.append((alias, code))
    anonymizer = Anonymizer(people, note.get("client", []), note.get("pseudonym", "de cliënt"))
    text = strip_invisible(note["text"])
    [detections] = anonymizer.detect_document([text])
    return anonymizer.apply(text, detections)


def deduce_output(note: dict) -> str:
    text = strip_invisible(note["text"])
    out, pos = [], 0
    for start, end, _tag in deduce_backend.deduce_annotations(text):
        if start < pos:
            continue
        out += [text[pos:start], "[X]"]
        pos = end
    out.append(text[pos:])
    return "".join(out)


_BAND = re.compile(r"\d{1,2}-\d{1,2}|\d{2}\+")
#: "[PERSOON-3]": the number of a placeholder is no age
_PLACEHOLDER = re.compile(r"\[[A-Z]+-\d+\]")


def survives(term: str, text: str, *, exact: bool) -> bool:
    """Whether ``term`` is still in ``text`` as a whole word. An age that only shows as
    the edge of an age band ("4" in "4-11", "40" in "40-49") reveals no exact age and
    does not count, nor does the number of a placeholder ("3" in "[PERSOON-3]")."""
    if not exact and any(ch.isdigit() for ch in term):  # "3", "3 jaar" ("0-3 jaar")
        text = _BAND.sub(" ", _PLACEHOLDER.sub(" ", text))
    pattern = rf"(?<![\w@]){re.escape(term)}(?![\w])"
    return re.search(pattern, text, 0 if exact else re.IGNORECASE) is not None


_MONTH = (r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
          r"november|december|jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?")
#: what the design keeps on purpose ("in the minutes at year granularity", DESIGN.md 7):
#: a year or a month alone, with a word of time ("2019", "eind januari", "voorjaar 2022")
_KEPT_BY_DESIGN = re.compile(
    rf"(?i)(?:(?:begin|eind|half|medio|voorjaar|najaar|zomer|winter|tot|sinds|in|vanaf)\s+)?"
    rf"(?:{_MONTH}(?:\s+(?:19|20)\d{{2}})?|(?:19|20)\d{{2}})"
)


def kept_by_design(term: str) -> bool:
    term = term.strip()
    return _KEPT_BY_DESIGN.fullmatch(term) is not None


def score(notes: list[tuple[str, dict]], run, misses: list[str] | None,
          by_design: list[int] | None = None) -> tuple[float, float, float]:
    """(recall, keep, seconds); ``by_design`` gets [gone, counted] of the must_go strings
    that are no year or month alone (what the design keeps, see kept_by_design)."""
    gone = go = stay = stayed = 0
    started = time.perf_counter()
    for name, note in notes:
        out = run(note)
        for term in note.get("must_go", []):
            go += 1
            survived = survives(term, out, exact=False)
            if by_design is not None and not kept_by_design(term):
                by_design[1] += 1
                by_design[0] += not survived
            if survived:
                if misses is not None:
                    misses.append(f"{name}: gemist {term!r}")
            else:
                gone += 1
        for term in note.get("must_stay", []):
            stay += 1
            if survives(term, out, exact=True):
                stayed += 1
            elif misses is not None:
                misses.append(f"{name}: weg {term!r}")
    return gone / max(go, 1), stayed / max(stay, 1), time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list what the dev notes miss")
    parser.add_argument("--notes", action="append", type=Path, metavar="DIR",
                        help="score this folder of notes instead (repeatable); with "
                             "--misses its misses are listed too")
    args = parser.parse_args()
    deduce_backend.warm_up()
    if args.notes:
        sets = {p.name: load(p) for p in args.notes}
    else:
        sets = {"dev": load(NOTES / "dev"), "holdout": load(NOTES / "holdout")}
    print(f"{'set':8} {'notes':>5}  {'casusdesk recall':>16} {'keep':>6}   "
          f"{'deduce alone recall':>19} {'keep':>6}")
    dev_misses: list[str] = []
    for label, notes in sets.items():
        listed = label == "dev" or bool(args.notes)
        misses = dev_misses if (listed and args.misses) else None
        c_design, d_design = [0, 0], [0, 0]
        c_recall, c_keep, c_time = score(notes, casusdesk_output, misses, c_design)
        d_recall, d_keep, d_time = score(notes, deduce_output, None, d_design)
        print(f"{label:8} {len(notes):5}  {c_recall:16.3f} {c_keep:6.3f}   "
              f"{d_recall:19.3f} {d_keep:6.3f}   ({c_time:.2f} s vs {d_time:.2f} s)")
        if c_design[1] < sum(len(n.get("must_go", [])) for _, n in notes):
            print(f"{'':8} {'':5}  {c_design[0] / max(c_design[1], 1):16.3f} {'':6}   "
                  f"{d_design[0] / max(d_design[1], 1):19.3f}   without a year or month "
                  "alone, which the minutes keep by design")
    for line in dev_misses:
        print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
