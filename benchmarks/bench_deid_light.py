"""Benchmark: deid_light next to deduce alone, each in a fresh process, in one run.

Run from the repository: ``python benchmarks/bench_deid_light.py``. For each of the two
(a new Python process each, so the figures do not share imports or memory):

* load: import plus loading the lookup structures, as a process that anonymizes pays
  it (deduce: ``deduce.Deduce`` from casusdesk's pickled cache, garbage collector
  paused and frozen as ``casusdesk.services.anonymize`` does; deid_light:
  :func:`casusdesk.services.deid_light.warm_up` from its prepared file),
* resident memory (RSS) after annotating every text of the demo session (the case,
  the notes, the captures: what the demo minutes anonymize), and the peak,
* the time to annotate 60 kB of notes, note by note (as the minutes do) and as one
  document.

``--build`` adds the one-time preparation of each (in a temporary folder, the user's
caches are left alone): deduce building its pickled tries, deid_light building its
file; wall time, CPU time and peak memory. That takes several minutes.

deduce alone is the anchor: the ratio column is deid_light / deduce. Both must
already be prepared (run the tests, or the app, once); this script builds nothing.
It also checks that both give the same annotations on every text it times.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_BYTES = 60_000
REPEAT = 3  # timings inside one process
ROUNDS = 2  # fresh processes per side, alternating; the best figure of each is shown


def _rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory in MB (Linux /proc; else the peak twice)."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[1])
        import os

        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20, peak
    except OSError:
        return peak, peak


def _texts() -> tuple[list[str], list[str]]:
    """(texts of the demo session, notes that make up about 60 kB)."""
    from casusdesk.services.demo import _DEMO_RUN, DEMO_CASE

    demo = [DEMO_CASE.description, DEMO_CASE.coaching_question, DEMO_CASE.missing_facts,
            DEMO_CASE.title, DEMO_CASE.target_group]
    for _minutes, captures in _DEMO_RUN:
        for _kind, data in captures:
            demo += [v for v in data.values() if isinstance(v, str) and v.strip()]
    fixture = ROOT / "tests" / "fixtures" / "deid_notes.txt"
    notes = [" ".join(p.split("\n")).strip()
             for p in fixture.read_text(encoding="utf-8").split("\n\n")]
    notes = [n for n in notes if n and not n.startswith("#")] + demo
    sixty: list[str] = []
    while sum(len(n.encode("utf-8")) + 1 for n in sixty) < TARGET_BYTES:
        sixty.extend(notes)
    return demo, sixty


def _child(which: str) -> None:
    started = time.perf_counter()
    if which == "deduce":
        import gc
        import logging
        import os

        root = logging.getLogger()
        handlers = list(root.handlers)
        import deduce

        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
        imported = time.perf_counter()
        env = os.environ.get("CASUSDESK_DEDUCE_CACHE")
        if env:
            cache = Path(env).expanduser()
        else:
            from platformdirs import user_cache_path

            cache = user_cache_path("casusdesk", appauthor=False) / "deduce"
        if not (cache / "cache" / "lookup_structs.pickle").is_file():
            raise SystemExit(f"deduce's cache is missing in {cache}; run the tests first")
        gc.collect()
        gc.disable()
        obj = deduce.Deduce(cache_path=cache)
        gc.enable()
        gc.freeze()

        def annotate(text: str) -> list[tuple[int, int, str]]:
            doc = obj.deidentify(text, disabled={"redactor"})
            return sorted((a.start_char, a.end_char, a.tag) for a in doc.annotations)
    else:
        from casusdesk.services import deid_light

        if not deid_light.is_prepared():
            raise SystemExit("deid_light is not prepared; run the tests first")
        import deduce  # noqa: F401  (so import and loading are told apart)
        import marisa_trie  # noqa: F401

        imported = time.perf_counter()
        deid_light.warm_up()
        annotate = deid_light.annotate
    loaded = time.perf_counter()

    demo, sixty = _texts()
    results = [annotate(text) for text in demo]
    rss, peak = _rss_mb()

    notes_s, one_doc_s = [], []
    for _ in range(REPEAT):  # the best of a few: the machine is shared
        t0 = time.perf_counter()
        per_note = [annotate(text) for text in sixty]
        t1 = time.perf_counter()
        one_doc = annotate("\n".join(sixty))
        t2 = time.perf_counter()
        notes_s.append(t1 - t0)
        one_doc_s.append(t2 - t1)
    print(json.dumps({
        "import_s": imported - started, "load_s": loaded - imported,
        "rss_mb": rss, "peak_mb": peak,
        "notes_s": min(notes_s), "one_doc_s": min(one_doc_s),
        "kb": sum(len(n.encode("utf-8")) + 1 for n in sixty) / 1000,
        # deduce's merged spans carry numpy integers: make them plain for JSON
        "answers": [[[(int(a), int(b), t) for a, b, t in r] for r in results],
                    [[(int(a), int(b), t) for a, b, t in r] for r in per_note],
                    [(int(a), int(b), t) for a, b, t in one_doc]],
    }))


def _build_child(which: str) -> None:
    import gc
    import resource
    import tempfile

    started, cpu = time.perf_counter(), time.process_time()
    with tempfile.TemporaryDirectory(prefix="bench-deid-") as tmp:
        if which == "deduce":
            import logging

            root = logging.getLogger()
            handlers = list(root.handlers)
            import deduce

            for handler in list(root.handlers):
                if handler not in handlers:
                    root.removeHandler(handler)
            root.setLevel(logging.WARNING)
            gc.disable()  # as casusdesk.services.anonymize built it
            deduce.Deduce(cache_path=Path(tmp), build_lookup_structs=True)
            gc.enable()
        else:
            from casusdesk.services import deid_light

            deid_light.prepare(cache_dir=Path(tmp), force=True)
        size = sum(p.stat().st_size for p in Path(tmp).rglob("*") if p.is_file())
    print(json.dumps({
        "wall_s": time.perf_counter() - started, "cpu_s": time.process_time() - cpu,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "file_mb": size / 2**20,
    }))


def _run(which: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", which], capture_output=True,
                         text=True, check=False, cwd=ROOT)
    if out.returncode:
        raise SystemExit(f"{which} failed:\n{out.stderr[-3000:]}{out.stdout[-500:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _run_build(which: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--build-child", which],
                         capture_output=True, text=True, check=False, cwd=ROOT)
    if out.returncode:
        raise SystemExit(f"building {which} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        _child(sys.argv[2])
        return
    if len(sys.argv) == 3 and sys.argv[1] == "--build-child":
        _build_child(sys.argv[2])
        return
    runs: dict[str, list[dict]] = {"deduce": [], "deid_light": []}
    for _ in range(ROUNDS):
        for which in runs:
            runs[which].append(_run(which))
    answers = [run.pop("answers") for side in runs.values() for run in side]
    same = all(a == answers[0] for a in answers)
    deduce, light = ({key: min(run[key] for run in side) for key in side[0]}
                     for side in runs.values())
    rows = [
        ("import deduce (+ marisa_trie)", "import_s", "s"),
        ("load lookup structures", "load_s", "s"),
        ("import + load", None, "s"),
        ("RSS after the demo session's texts", "rss_mb", "MB"),
        ("peak RSS", "peak_mb", "MB"),
        (f"{deduce['kb']:.0f} kB note by note", "notes_s", "s"),
        (f"{deduce['kb']:.0f} kB as one document", "one_doc_s", "s"),
    ]
    print(f"{'':38} {'deduce alone':>14} {'deid_light':>12} {'ratio':>7}")
    for label, key, unit in rows:
        a = deduce["import_s"] + deduce["load_s"] if key is None else deduce[key]
        b = light["import_s"] + light["load_s"] if key is None else light[key]
        print(f"{label:38} {a:11.2f} {unit:2} {b:9.2f} {unit:2} {b / a:7.3f}")
    if "--build" in sys.argv:
        built = {which: _run_build(which) for which in ("deduce", "deid_light")}
        for label, key, unit in [("prepare once: wall time", "wall_s", "s"),
                                 ("prepare once: CPU time", "cpu_s", "s"),
                                 ("prepare once: peak RSS", "peak_mb", "MB"),
                                 ("prepared files on disk", "file_mb", "MB")]:
            a, b = built["deduce"][key], built["deid_light"][key]
            print(f"{label:38} {a:11.2f} {unit:2} {b:9.2f} {unit:2} {b / a:7.3f}")
    print(f"(best of {ROUNDS} fresh processes each, alternating; timings best of {REPEAT})")
    print(f"same annotations on every text: {'yes' if same else 'NO'}")
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
