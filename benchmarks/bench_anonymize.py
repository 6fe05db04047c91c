"""Benchmark: anonymizing the notes of a long session (about 20 pages, ~200 captures).

Run from the repository: ``python benchmarks/bench_anonymize.py``. Prints:

* deduce's one-time build of its lookup structures (in a temporary folder, so the
  user's cache is left alone; ``--skip-build`` leaves this out, it takes 1-2 minutes),
* loading deduce from that cache (what a user waits for after the first time),
* our service on the whole session: :meth:`Anonymizer.detect_document` plus
  :meth:`Anonymizer.apply` over all captures, deduce already loaded,
* deduce alone on the same captures, and on the whole text as one document.

The text is generated deterministically (fixed seed) from Dutch note templates with
participants, the client, other people, places, streets, dates, ages, phone numbers and
the roles and laws that must stay.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from casusdesk.services import anonymize as anon  # noqa: E402

CAPTURES = 200
SEED = 2026

KNOWN = [
    ("Jan de Vries", "KM_1"), ("Femke van der Berg", "SW_1"), ("Pieter Bakker", "KM_2"),
    ("Roos Visser", "SW_2"), ("Mieke Smit-de Jong", "WC_1"), ("Ahmed El Khatib", "KM_3"),
    ("Sanne Hoekstra", "JC_1"), ("Willem Dijkstra", "BW_1"), ("Karin Postma", "SW_3"),
    ("Thijs van Dam", "BL_1"), ("Lotte Wiersma", "SW_4"), ("Erik de Boer", "KM_4"),
]
CLIENT = ["Anouk Jansen", "Nouk"]
OTHERS = ["Marieke Schaap", "Kees Kramer", "Oksana Kovalenko", "Joyce Aboagye", "Mohammed",
          "Fatima El Amrani", "Lisa", "Tim de Graaf", "meneer Yilmaz", "mevrouw Brouwer"]
PLACES = ["Heerenveen", "Leeuwarden", "Sneek", "Drachten", "Groningen", "Amsterdam",
          "Utrecht", "Dokkum", "Burgum", "Den Haag"]
STREETS = ["Kerkstraat 12", "Molenweg", "Burgemeester Falkenaweg 3a", "Lindelaan 44",
           "Oude Kerkstraat 4", "Stationsplein"]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december"]
ROLES = ["klantmanager", "Wmo-consulent", "sociaal werker", "jeugdconsulent",
         "schuldhulpverlener", "bewindvoerder"]
ORGS = ["UWV", "MEE", "de GGZ", "het CJG", "Veilig Thuis", "de Voedselbank", "het Werkplein"]
LAWS = ["de Participatiewet", "de Wmo", "de Jeugdwet", "de Wet gemeentelijke schuldhulpverlening"]

TEMPLATES = [
    "{known} vertelt dat {client} sinds {date} een uitkering heeft via {law}.",
    "De {role} ({known}) heeft op {date_short} met {other} gebeld over de schulden.",
    "{client} ({age}) woont met twee kinderen aan de {street} in {place}.",
    "Volgens {known} is {org} al betrokken; {other} is daar de contactpersoon.",
    "Afspraak: {known} belt {client} vóór {date_short} over de aanvraag bijzondere bijstand.",
    "Issue-moment tussen {known} en {known2}: wie is verantwoordelijk voor de huur?",
    "{other} uit {place} is bereikbaar op 06-{phone} of via {mail}.",
    "De zoon van {client} is {age} jaar en zit op basisschool De Regenboog in {place}.",
    "Reflectie van {known}: ik had eerder {org} moeten bellen in plaats van te wachten.",
    "{client} is geboren op {numdate} en verhuisde in {month} {year} naar {place}.",
    "Tip van {known2}: leg de {role} uit wat {law} wel en niet toestaat.",
    "{known}s voorstel: samen met {other} een keukentafelgesprek plannen.",
    "In de wijk Vogelwijk in {place} wonen veel gezinnen zoals dat van {client}.",
    "De {role} en de {role2} verschillen van mening over de kostendelersnorm.",
]


def make_session(rng: random.Random) -> list[str]:
    """About 200 captures of 2-5 sentences each: some 20 pages of notes."""
    captures = []
    for _ in range(CAPTURES):
        sentences = []
        for _ in range(rng.randint(2, 5)):
            known, known2 = rng.sample(KNOWN, 2)
            name = rng.choice(known[0].split()[:1] + [known[0]])
            sentences.append(rng.choice(TEMPLATES).format(
                known=name, known2=known2[0], client=rng.choice(CLIENT),
                other=rng.choice(OTHERS), place=rng.choice(PLACES),
                street=rng.choice(STREETS), role=rng.choice(ROLES), role2=rng.choice(ROLES),
                org=rng.choice(ORGS), law=rng.choice(LAWS), age=rng.randint(4, 80),
                date=f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2015, 2025)}",
                date_short=f"{rng.randint(1, 28)} {rng.choice(MONTHS)}",
                numdate=f"{rng.randint(1, 28)}-{rng.randint(1, 12)}-{rng.randint(1950, 2005)}",
                month=rng.choice(MONTHS), year=rng.randint(2010, 2025),
                phone=f"{rng.randint(10000000, 99999999)}",
                mail=f"{rng.choice(['info', 'a.jansen', 'kees'])}@voorbeeld.nl",
            ))
        captures.append(" ".join(sentences))
    return captures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true",
                        help="sla de eenmalige bouw van deduce over (1-2 minuten)")
    parser.add_argument("--huge", type=int, default=1_000_000,
                        help="grootte in tekens van de lange regel (standaard 1 MB)")
    args = parser.parse_args()

    captures = make_session(random.Random(SEED))
    chars = sum(len(c) for c in captures)
    print(f"session:          {len(captures)} captures, {chars} characters "
          f"(~{chars / 3000:.0f} pages)")

    with tempfile.TemporaryDirectory(prefix="bench-deduce-") as tmp:
        cache_dir = Path(tmp)
        if args.skip_build:
            cache_dir = anon.default_cache_dir()
            print(f"deduce build:     skipped; cache {cache_dir}")
        else:
            build_s = anon.build_cache(cache_dir)
            gc.collect()
            print(f"deduce build:     {build_s:.1f} s (one time, into a fresh cache folder)")
        load_s = anon.warm_up(cache_dir=cache_dir)
        print(f"deduce load:      {load_s:.1f} s (from the cache, once per process)")

    anonymizer = anon.Anonymizer(KNOWN, client_names=CLIENT)
    start = time.perf_counter()
    per_part = anonymizer.detect_document(captures)
    out = [anon.Anonymizer.apply(text, dets) for text, dets in zip(captures, per_part)]
    ours_s = time.perf_counter() - start
    count = sum(len(d) for d in per_part)
    by_source: dict[str, int] = {}
    for dets in per_part:
        for det in dets:
            by_source[det.source] = by_source.get(det.source, 0) + 1
    print(f"our service:      {ours_s:.2f} s for the whole session "
          f"({count} detections: {', '.join(f'{k} {v}' for k, v in sorted(by_source.items()))})")

    start = time.perf_counter()
    terms = anonymizer.forbidden_terms(d for dets in per_part for d in dets)
    leaks = anon.leak_check(out, terms)
    print(f"leak check:       {(time.perf_counter() - start) * 1000:.0f} ms "
          f"({len(terms)} terms, {len(leaks)} found{': ' + ', '.join(leaks) if leaks else ''})")

    deduce = anon.deduce_backend._deduce_obj  # the cached object, for the comparison only
    start = time.perf_counter()
    for text in captures:
        deduce.deidentify(text)
    alone_s = time.perf_counter() - start
    start = time.perf_counter()
    deduce.deidentify("\n\n".join(captures))
    whole_s = time.perf_counter() - start
    print(f"deduce alone:     {alone_s:.2f} s per capture, {whole_s:.2f} s as one document")

    # issue 15 item 8: a 1 MB single-line paste must take time linear in its size
    line = " ".join(captures).replace("\n", " ")
    for size in (args.huge // 4, args.huge):
        text = (line * (size // len(line) + 1))[:size]
        anonymizer = anon.Anonymizer(KNOWN, client_names=CLIENT)
        start = time.perf_counter()
        [dets] = anonymizer.detect_document([text])
        anon.Anonymizer.apply(text, dets)
        ours_s = time.perf_counter() - start
        start = time.perf_counter()
        deduce.deidentify(text)
        alone_s = time.perf_counter() - start
        print(f"one line {size / 1e6:.2f} MB: our service {ours_s:.1f} s, deduce alone "
              f"{alone_s:.1f} s (ratio {ours_s / max(alone_s, 1e-9):.1f}; "
              f"{ours_s / size * 1e6:.1f} s per MB)")


if __name__ == "__main__":
    main()
