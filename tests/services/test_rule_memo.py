"""detect_document makes the known names' and the own rules' candidates once per text:
the same result as making them in every pass."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from casusdesk.domain.model import strip_invisible
from casusdesk.services.anonymize import Anonymizer

NOTES = Path(__file__).resolve().parents[2] / "benchmarks" / "eval_notes"


def _documents() -> list[tuple[list[tuple[str, str]], list[str], list[str]]]:
    out = []
    for path in sorted(NOTES.rglob("*.toml")):
        note = tomllib.loads(path.read_text("utf-8"))
        people = [(name, f"KM_{i + 1}") for i, name in enumerate(note.get("participants", []))]
        # one document of the note's paragraphs: names found in one part travel to others
        parts = [strip_invisible(p) for p in note["text"].split("\n\n") if p.strip()]
        out.append((people, note.get("client", []), parts))
    return out


def _run(people, client, parts, *, memo: bool, monkeypatch: pytest.MonkeyPatch):
    anonymizer = Anonymizer(people, client, "Tim", use_deduce=False)
    if not memo:
        monkeypatch.setattr(anonymizer, "_rule_candidates", anonymizer._make_rule_candidates)
        monkeypatch.setattr(anonymizer, "_known_candidates", anonymizer._make_known_candidates)
    found = anonymizer.detect_document(parts)
    return [[(d.start, d.end, d.kind, d.replacement, d.source) for d in dets] for dets in found]


def test_the_memo_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    documents = _documents()
    assert len(documents) > 30
    replaced = 0
    for people, client, parts in documents:
        with_memo = _run(people, client, parts, memo=True, monkeypatch=monkeypatch)
        without = _run(people, client, parts, memo=False, monkeypatch=monkeypatch)
        assert with_memo == without
        replaced += sum(len(d) for d in with_memo)
    assert replaced > 100


def test_the_memo_lives_for_one_document_only() -> None:
    anonymizer = Anonymizer([("Femke Bosma", "SW_1")], use_deduce=False)
    anonymizer.detect_document(["Bel 06-12345678 of mail f.bosma@example.nl."])
    assert anonymizer._rule_memo is None
    [dets] = anonymizer.detect_document(["Bel 06-12345678 of mail f.bosma@example.nl."])
    assert {d.kind for d in dets} >= {"telefoon", "email"}
