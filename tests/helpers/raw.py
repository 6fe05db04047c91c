"""Searching the raw bytes of a data folder for text that must be gone."""

from __future__ import annotations

from pathlib import Path


def found_in_folder(folder: Path, *texts: str) -> list[tuple[str, str]]:
    """(file name, text) for every text whose UTF-8 bytes occur in a file under folder."""
    hits = []
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        raw = path.read_bytes()
        hits += [(path.name, t) for t in texts if t.encode("utf-8") in raw]
    return hits
