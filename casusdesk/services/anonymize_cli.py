"""``casusdesk anonymize --names FILE [--json]``: anonymize Dutch text from stdin.

FILE holds one known name per line (UTF-8); blank lines and lines starting with
``#`` are skipped. A line may give the code itself: ``Jan de Vries = KM_1``;
otherwise the names become [NAAM-1], [NAAM-2] ... in the order of the file.
"""

from __future__ import annotations

import json
from pathlib import Path

from casusdesk.domain.errors import CasusdeskError, os_reason
from casusdesk.services.anonymize import Anonymizer, KnownPerson, warm_up


def read_names_file(names_file: Path) -> list[KnownPerson]:
    """The known names of a names file, each with its code."""
    try:
        raw = names_file.read_bytes()
    except FileNotFoundError as exc:
        raise CasusdeskError(f"Het namenbestand '{names_file}' bestaat niet.") from exc
    except IsADirectoryError as exc:
        raise CasusdeskError(f"'{names_file}' is een map, geen namenbestand.") from exc
    except OSError as exc:
        raise CasusdeskError(
            f"Het namenbestand '{names_file}' kan niet gelezen worden ({os_reason(exc)})."
        ) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CasusdeskError(
            f"Het namenbestand '{names_file}' is geen UTF-8-tekst; sla het op als UTF-8."
        ) from exc
    people: list[KnownPerson] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _sep, code = line.partition("=")
        name, code = " ".join(name.split()), code.strip()
        if not name:
            continue
        people.append(KnownPerson(name, code or f"[NAAM-{len(people) + 1}]"))
    return people


def run_anonymize(
    stdin_text: str, names_file: Path, as_json: bool, *, cache_dir: Path | None = None
) -> str:
    """The anonymized text, or with ``as_json`` a JSON list of the detections
    (start, end, text, kind, replacement; offsets in characters of ``stdin_text``).

    Loads deduce first (about 2 s; 1-2 minutes the very first time, see
    :func:`casusdesk.services.anonymize.warm_up`). Raises CasusdeskError with a Dutch
    message for a missing or unreadable names file.
    """
    people = read_names_file(names_file)
    anonymizer = Anonymizer(people)
    if cache_dir is not None:
        warm_up(cache_dir=cache_dir)
    detections = anonymizer.detect_document([stdin_text])[0]
    if as_json:
        return json.dumps(
            [
                {"start": d.start, "end": d.end, "text": d.text, "kind": d.kind,
                 "replacement": d.replacement}
                for d in detections
            ],
            ensure_ascii=False,
            indent=2,
        )
    return anonymizer.apply(stdin_text, detections)
