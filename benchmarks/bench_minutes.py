"""Benchmark: anonymize and export the minutes of a long session.

Run from the repository root:  python benchmarks/bench_minutes.py [--repeat 3]

The session is the demo group's Rolwisseling with 200 captures: notes per phase that
together fill about 20 pages, plus questions, tips, facts, criteria, Golden Circle
answers, issue moments, agreements and reflections, all in Dutch and full of names of
participants and of the client, places, dates, phone numbers and e-mail addresses.

Printed, in seconds:
* deduce's one-time load (building its lookup structures when there is no cache yet);
  not part of the other figures;
* ``build_minutes``: collect every free text, anonymize it (known names, own rules,
  deduce), compose the document model;
* ``export_minutes``: the same plus python-docx rendering, scrubbing, reading every
  part of the file back for the leak check, and writing it;
* deduce alone on the same texts (``Deduce.deidentify`` per text, as the anonymizer
  calls it), to show what the pipeline adds on top of deduce;
* the page count, when LibreOffice is installed (``--pages``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from casusdesk.domain.model import Capture  # noqa: E402
from casusdesk.services import anonymize  # noqa: E402
from casusdesk.services import minutes  # noqa: E402
from casusdesk.services.catalog import functions  # noqa: E402
from casusdesk.services.demo import create_demo  # noqa: E402
from casusdesk.services.method_catalog import load_methods  # noqa: E402
from casusdesk.services.roster import Roster  # noqa: E402
from casusdesk.storage.db import open_engine  # noqa: E402
from casusdesk.storage.repositories import Store  # noqa: E402

N_CAPTURES = 200
NOTE_WORDS = 10_000  # about 20 pages of notes at 500 words a page

SENTENCES = (
    "{p1} vertelt dat Sander Wijnstra op {date} niet op het gesprek verscheen.",
    "{p2} vraagt of de moeder van Sjoerd nog aan de {street} in {place} woont.",
    "Volgens {p1} heeft zijn zus Marieke gebeld met {phone}.",
    "Het incassobureau schreef op {date} dat de schuld bij Vesteda is opgelopen.",
    "{p2} wil eerst weten wat de huisarts in {place} ervan vindt.",
    "Sandertje, zoals zijn moeder hem noemt, is volgens {p1} bang voor brieven.",
    "{p1} en {p2} verschillen van mening over een maatregel.",
    "Er is een mail gestuurd naar {mail} over de afspraak van {date}.",
    "De werkgever in {place} wil hem terug als hij op tijd komt.",
    "{p2} stelt voor om samen met de wijkcoach op huisbezoek te gaan.",
    "Wijnstra zelf zegt dat hij wel wil, maar niet weet waar hij moet beginnen.",
    "In de rol van klantmanager zegt {p1} dat de Participatiewet weinig ruimte laat.",
    "De Wmo-consulent merkt op dat de woning aan de {street} te klein is.",
    "Zijn vriendin Kim (22) helpt hem met de post sinds {date}.",
)
STREETS = ("Kerkstraat 12", "Molenweg 3", "Heideburen", "Schoterlandseweg 8")
PLACES = ("Heerenveen", "Joure", "Akkrum", "Gorredijk", "Leeuwarden")
DATES = ("3 juni 2021", "14 februari 2024", "12-03-2025", "1 april", "maart 2023")
PHONES = ("06-12345678", "+31 6 2345 6789", "0513-612345")
MAILS = ("sjoerd.w@gmail.com", "mw.wijnstra@hotmail.com")


def _sentence(rng: random.Random, names: list[str]) -> str:
    p1, p2 = rng.sample(names, 2)
    return rng.choice(SENTENCES).format(
        p1=p1, p2=p2, date=rng.choice(DATES), street=rng.choice(STREETS),
        place=rng.choice(PLACES), phone=rng.choice(PHONES), mail=rng.choice(MAILS))


def _text(rng: random.Random, names: list[str], words: int) -> str:
    out: list[str] = []
    count = 0
    while count < words:
        sentences = [_sentence(rng, names) for _ in range(rng.randint(3, 6))]
        paragraph = " ".join(sentences)
        out.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(out)


def build_long_session(store: Store, methods: dict) -> int:
    session = create_demo(store, Roster(store, functions()), today=dt.date(2026, 3, 12),
                          methods=methods)
    participants = store.list_participants(session.group_id)
    names = [p.name for p in participants] + [p.name.split()[0] for p in participants]
    codes = [p.code for p in participants]
    rng = random.Random(2026)
    for capture in store.list_captures(session.id):
        store.delete_capture(capture.id)
    phases = 7
    kinds = ["question"] * 50 + ["tip"] * 30 + ["fact"] * 20 + ["criterion"] * 10 + \
        ["golden_circle"] * 8 + ["issue_moment"] * 40 + ["agreement"] * 20 + \
        ["reflection"] * (N_CAPTURES - phases - 178)
    for phase in range(phases):
        store.add_capture(Capture(session_id=session.id, kind="note", phase_index=phase,
                                  session_seconds=phase * 900.0,
                                  data={"text": _text(rng, names, NOTE_WORDS // phases)}))
    for number, kind in enumerate(kinds):
        phase = number * phases // len(kinds)
        seconds = 60.0 + number * 35
        line = _sentence(rng, names)
        data: dict
        if kind == "question":
            data = {"text": line.rstrip(".") + "?", "starred": number % 4 == 0}
        elif kind in ("tip", "fact", "criterion"):
            data = {"text": line}
        elif kind == "golden_circle":
            data = {"code": codes[number % len(codes)], "why": line,
                    "how": _sentence(rng, names), "what": _sentence(rng, names)}
        elif kind == "issue_moment":
            data = {"codes": rng.sample(codes, 2), "description": line,
                    "theme": "Verantwoordelijkheid: eigen, gedeeld of van een ander",
                    "frames": ["Marktframe (doelmatigheid, uitstroom)"],
                    "quote": "Dat is niet mijn taak, zegt " + rng.choice(names) + ".",
                    "outcome": rng.choice(["overbrugd", "geparkeerd", "pseudoakkoord"])}
        elif kind == "agreement":
            data = {"action": line, "owner": rng.choice(codes), "due": "2026-04-09",
                    "done": False}
        else:
            data = {"question": "Wat neem je mee naar je eigen werk?", "answer": line}
        store.add_capture(Capture(session_id=session.id, kind=kind, data=data,
                                  phase_index=phase, session_seconds=seconds))
    assert len(store.list_captures(session.id)) == N_CAPTURES
    return session.id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", action="store_true",
                        help="count the pages with LibreOffice (needs `libreoffice`)")
    args = parser.parse_args()

    started = time.perf_counter()
    load = anonymize.warm_up()
    print(f"deduce laden (eenmalig, niet meegeteld):   {load:6.2f} s "
          f"(wachttijd {time.perf_counter() - started:.2f} s)")

    work = Path(tempfile.mkdtemp(prefix="casusdesk-bench-"))
    try:
        store = Store(open_engine(work / "data"))
        methods = load_methods()
        session_id = build_long_session(store, methods)
        items = minutes.review_items(store, session_id, methods)
        texts = [item.text for item in items]
        chars = sum(len(t) for t in texts)
        words = sum(len(t.split()) for t in texts)
        print(f"sessie: {N_CAPTURES} vastleggingen, {len(texts)} teksten, {words} woorden, "
              f"{chars} tekens, {sum(len(i.detections) for i in items)} vervangingen")

        build, export, alone = [], [], []
        out = work / "verslag.docx"
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            minutes.build_minutes(store, session_id, methods)
            build.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            minutes.export_minutes(store, session_id, methods, out)
            export.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            for text in texts:
                anonymize.deduce_backend.deid_light._loaded.deidentify(text, disabled={"redactor"})
            alone.append(time.perf_counter() - t0)

        def show(label: str, values: list[float]) -> None:
            print(f"{label:<42} {statistics.median(values):6.2f} s "
                  f"(min {min(values):.2f}, max {max(values):.2f})")

        show("anonimiseren + opbouwen (build_minutes):", build)
        show("exporteren (export_minutes, alles):", export)
        show("deduce alleen, zelfde teksten:", alone)
        print(f"bestand: {out.stat().st_size / 1024:.0f} kB")
        if args.pages and shutil.which("libreoffice"):
            subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir",
                            str(work), str(out)], check=True, capture_output=True)
            info = subprocess.run(["pdfinfo", str(work / "verslag.pdf")], check=True,
                                  capture_output=True, text=True).stdout
            pages = next((line.split()[-1] for line in info.splitlines()
                          if line.startswith("Pages:")), "?")
            print(f"pagina's (LibreOffice): {pages}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
