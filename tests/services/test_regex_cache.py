"""The compiled patterns kept between processes (anonymize/regex.py, issue 13): the same
patterns as re's, only the program's own, and a bad file changes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from casusdesk.services.anonymize import regex

PROBE = r"""
import json, sys
from casusdesk.services.anonymize import regex
from casusdesk.services.anonymize import Anonymizer
from casusdesk.services.anonymize import recall  # every rule module
a = Anonymizer([("Fatima Zahra", "KM_1")], ["Yusuf Demirci"], "meneer D.")
text = "Fatima belde Yusuf Demirci, 43, uit Kanaleneiland over de Jumbo in Veghel."
[dets] = a.detect_document([text])
print(json.dumps({"stats": regex.stats, "out": a.apply(text, dets)}))
"""


def _run(cache: Path) -> dict:
    env = {**os.environ, regex.FILE_ENV: str(cache)}
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                          text=True, check=True, timeout=300)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_second_process_takes_the_patterns_from_the_file_with_the_same_result(
        tmp_path: Path) -> None:
    cache = tmp_path / "regex.marshal"
    first = _run(cache)
    assert first["stats"]["compiled"] > 200 and first["stats"]["stored"] == 0
    assert cache.is_file()
    second = _run(cache)
    assert second["stats"]["stored"] > 200 and second["stats"]["compiled"] == 0
    assert second["out"] == first["out"]
    assert "Fatima" not in second["out"] and "Kanaleneiland" not in second["out"]


def test_the_file_holds_no_name_the_program_met(tmp_path: Path) -> None:
    """Patterns made while anonymizing (a known name's) are never stored."""
    cache = tmp_path / "regex.marshal"
    _run(cache)
    data = cache.read_bytes()
    for name in (b"Fatima", b"Zahra", b"Yusuf", b"Demirci"):
        assert name not in data


@pytest.fixture()
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "regex.marshal"
    monkeypatch.setenv(regex.FILE_ENV, str(cache))
    monkeypatch.setattr(regex, "_stored", None)
    monkeypatch.setattr(regex, "_new", {})
    monkeypatch.setattr(regex, "_patterns", {})
    monkeypatch.setattr(regex, "stats", {"stored": 0, "compiled": 0})
    return cache


SOURCE = ("from casusdesk.services.anonymize import regex as re\n"
          "P = re.compile(r'(?i)(?P<n>[a-zé]+)-(?P=n)\\b|\\d{2,4}(?=\\s*jaar)', re.MULTILINE)\n")


def _module() -> dict:
    namespace: dict = {}
    exec(compile(SOURCE, "<module>", "exec"), namespace)  # noqa: S102 - a module's source
    return namespace


def test_a_stored_pattern_is_re_s_own(fresh: Path) -> None:
    made = _module()["P"]
    regex.save()
    regex._stored, regex._patterns = None, {}
    loaded = _module()["P"]
    assert regex.stats["stored"] == 1
    import re

    own = re.compile(made.pattern, re.MULTILINE)
    for pattern in (made, loaded):
        assert (pattern.pattern, pattern.flags, pattern.groups, pattern.groupindex) == \
            (own.pattern, own.flags, own.groups, own.groupindex)
        text = "Het is Mama-mama en 43 jaar, niet 7 jaar"
        assert [m.span() for m in pattern.finditer(text)] == \
            [m.span() for m in own.finditer(text)] == [(7, 16), (20, 22)]


@pytest.mark.parametrize("content", [b"", b"\x00garbage", b"not marshal at all"])
def test_a_damaged_file_is_compiled_again(fresh: Path, content: bytes) -> None:
    fresh.write_bytes(content)
    pattern = _module()["P"]
    assert pattern.search("kiki-kiki") is not None
    assert regex.stats == {"stored": 0, "compiled": 1}


def test_a_file_of_another_python_is_not_used(fresh: Path) -> None:
    import marshal

    key = (_module()["P"].pattern, 8)
    fresh.write_bytes(marshal.dumps({"format": (1, (2, 7), 0, 0),
                                     "patterns": {key: (8, [0], 0, {}, ())}}))
    regex._stored, regex._patterns = None, {}
    regex.stats.update(stored=0, compiled=0)
    assert _module()["P"].search("kiki-kiki") is not None
    assert regex.stats == {"stored": 0, "compiled": 1}


def test_a_pattern_made_while_running_is_not_stored(fresh: Path) -> None:
    def make(name: str):
        return regex.compile(rf"\b{regex.escape(name)}\b")

    assert make("Fatima").search("dag Fatima") is not None
    regex.save()
    assert not fresh.exists() or b"Fatima" not in fresh.read_bytes()
    assert json.dumps(regex.stats) == json.dumps({"stored": 0, "compiled": 0})
