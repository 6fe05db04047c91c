"""The light de-identifier gives deduce's own annotations, from compact structures.

Parity is checked against deduce itself (``deduce.Deduce`` loaded from its cache, as
casusdesk used it): the same ``(start, end, tag)`` on every note of a corpus of
hurried facilitator notes (``tests/fixtures/deid_notes.txt``), on the texts of the demo
session, and on all of them as one long document. The structures themselves are
compared too: every item of each of deduce's tries and sets is in deid_light's, and
nothing else.

The first run on a machine builds deduce's cache (1-2 minutes) and deid_light's file
(about 1-2 minutes); later runs load both (~5 s for deduce, well under 1 s for
deid_light). Memory and load time are measured by benchmarks/bench_deid_light.py.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from casusdesk.domain.errors import CasusdeskError
from casusdesk.services import deid_light
from casusdesk.services.demo import _DEMO_RUN, DEMO_CASE

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "deid_notes.txt"


def corpus_notes() -> list[str]:
    text = FIXTURE.read_text(encoding="utf-8")
    paragraphs = [" ".join(p.split("\n")).strip() for p in text.split("\n\n")]
    return [p for p in paragraphs if p and not p.startswith("#")]


def demo_texts() -> list[str]:
    texts = [DEMO_CASE.description, DEMO_CASE.coaching_question, DEMO_CASE.missing_facts,
             DEMO_CASE.title, DEMO_CASE.target_group]
    for _minutes, captures in _DEMO_RUN:
        for _kind, data in captures:
            texts += [v for v in data.values() if isinstance(v, str) and v.strip()]
    return texts


# Texts at the edges: line breaks, tabs, long runs of spaces, the characters the
# compact tries use inside their keys, upper case institutions, empty text.
EDGE_TEXTS = [
    "",
    "   ",
    "Jan\x1fde Vries woont in\x1eSneek, Kerkstraat\x1f12.",
    "ANTONIUS ZIEKENHUIS SNEEK en antonius ziekenhuis sneek",
    "Naam:\tPieter\nAdres:    Molenweg 4\r\nWoonplaats: Drachten",
    "dhr. van den Berg-Hoekstra en mevr. J.M.A. van 't Hof - de Wit",
    "'s-Hertogenbosch, Den Haag, Alphen aan den Rijn, Bergen op Zoom, Noord-Brabant",
]


@pytest.fixture(scope="module")
def real_deduce() -> Any:
    """deduce as casusdesk loaded it before deid_light: from its pickled cache."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    import deduce

    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)
    env = os.environ.get("CASUSDESK_DEDUCE_CACHE")
    if env:
        cache = Path(env).expanduser()
    else:
        from platformdirs import user_cache_path

        cache = user_cache_path("casusdesk", appauthor=False) / "deduce"
    gc.collect()
    gc.disable()
    try:
        obj = deduce.Deduce(cache_path=cache)
    finally:
        gc.enable()
    yield obj
    del obj
    gc.collect()


def deduce_annotations(obj: Any, text: str) -> list[tuple[int, int, str]]:
    doc = obj.deidentify(text, disabled={"redactor"})
    return sorted((a.start_char, a.end_char, a.tag) for a in doc.annotations)


@pytest.fixture(scope="module")
def light() -> None:
    deid_light.warm_up()
    assert deid_light.is_loaded()


def test_corpus_is_varied() -> None:
    notes = corpus_notes()
    assert len(notes) >= 30
    assert len(demo_texts()) >= 25


@pytest.mark.parametrize("text", corpus_notes() + EDGE_TEXTS)
def test_same_annotations_as_deduce_on_notes(real_deduce: Any, light: None, text: str) -> None:
    assert deid_light.annotate(text) == deduce_annotations(real_deduce, text)


def test_same_annotations_as_deduce_on_the_demo_session(real_deduce: Any, light: None) -> None:
    for text in demo_texts():
        assert deid_light.annotate(text) == deduce_annotations(real_deduce, text), text


def test_same_annotations_on_one_long_document(real_deduce: Any, light: None) -> None:
    text = "\n\n".join(corpus_notes() + demo_texts()) * 3
    light_result = deid_light.annotate(text)
    assert light_result == deduce_annotations(real_deduce, text)
    tags = {tag for _s, _e, tag in light_result}
    # the corpus exercises every kind of list and rule deduce has
    assert {"persoon", "locatie", "datum", "leeftijd", "telefoonnummer", "url",
            "emailadres", "zorginstelling", "ziekenhuis"} <= tags, tags


def test_annotations_find_what_a_reader_expects(light: None) -> None:
    text = ("mevr. A.M. de Graaf-Smit, Burgemeester Falkenaweg 3a, 8442 LE Heerenveen, "
            "tel. 06-12345678, geboren 03-06-1985, opgenomen in het Antonius Ziekenhuis")
    found = {text[s:e]: tag for s, e, tag in deid_light.annotate(text)}
    assert found["mevr. A.M. de Graaf-Smit"] == "persoon"
    assert found["Burgemeester Falkenaweg 3a"] == "locatie"
    assert found["8442 LE Heerenveen"] == "locatie"  # postcode and place merged
    assert found["06-12345678"] == "telefoonnummer"
    assert found["03-06-1985"] == "datum"
    assert found["Antonius Ziekenhuis"] == "ziekenhuis"


def _trie_items(trie: Any) -> set[tuple[str, ...]]:
    items = set()
    stack = [(trie, ())]
    while stack:
        node, path = stack.pop()
        if node.is_terminal and path:
            items.add(path)
        stack.extend((child, (*path, key)) for key, child in node.children.items())
    return items


def test_structures_hold_exactly_deduces_items(real_deduce: Any, light: None) -> None:
    import docdeid as dd

    from casusdesk.services.deid_light._engine import SEP, CompactLookupTrie

    ours = deid_light._engine_structs()  # noqa: SLF001
    theirs = real_deduce.lookup_structs
    assert sorted(ours.keys()) == sorted(theirs.keys())
    for name in theirs.keys():
        mine, real = ours[name], theirs[name]
        if isinstance(real, dd.ds.LookupSet):
            assert isinstance(mine, dd.ds.LookupSet)
            assert mine.items() == real.items(), name
            assert str(mine.matching_pipeline) == str(real.matching_pipeline), name
        else:
            assert isinstance(mine, CompactLookupTrie)
            expected = _trie_items(real)
            got = {tuple(key.split(SEP)[:-1]) for key in mine._trie.keys()}  # noqa: SLF001
            assert got == expected, name
            assert mine.depth == max(len(item) for item in expected), name
            assert str(mine.matching_pipeline) == str(real.matching_pipeline), name


def test_compact_trie_answers_like_deduces_trie(real_deduce: Any, light: None) -> None:
    ours = deid_light._engine_structs()  # noqa: SLF001
    theirs = real_deduce.lookup_structs
    tokens = ["Burgemeester", "Falkenaweg", "in", "Heerenveen", "ANTONIUS", "Ziekenhuis",
              "Sneek", "Jan", "Alphen", "aan", "den", "Rijn", "de", "Vries", "\x1f"]
    for name in ("street", "placename", "hospital", "first_name", "surname"):
        for start in range(len(tokens)):
            assert (ours[name].longest_matching_prefix(tokens, start)
                    == theirs[name].longest_matching_prefix(tokens, start)), (name, start)
        assert (["Heerenveen"] in ours[name]) == (["Heerenveen"] in theirs[name])


def test_importing_and_asking_loads_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "from casusdesk.services import deid_light as d\n"
        "d.is_prepared()\n"
        "print('deduce' in sys.modules, 'marisa_trie' in sys.modules, "
        "'docdeid' in sys.modules, d.is_loaded())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.split() == ["False", "False", "False", "False"]


def test_not_prepared_in_an_empty_or_foreign_folder(tmp_path: Path) -> None:
    assert not deid_light.is_prepared(tmp_path)
    (tmp_path / deid_light.FILE_NAME).write_bytes(b"\x80\x04 iets anders")
    assert not deid_light.is_prepared(tmp_path)


def test_a_file_for_another_deduce_is_not_prepared(tmp_path: Path) -> None:
    source = deid_light.default_cache_dir() / deid_light.FILE_NAME
    assert deid_light.is_prepared(source.parent)
    data = source.read_bytes()
    current = data.split(b"\n", 2)[1]
    older = current.replace(b'"deduce": "', b'"deduce": "0.', 1)
    assert older != current
    (tmp_path / deid_light.FILE_NAME).write_bytes(data.replace(current, older, 1))
    assert not deid_light.is_prepared(tmp_path)


def test_a_damaged_file_is_not_read(tmp_path: Path) -> None:
    source = deid_light.default_cache_dir() / deid_light.FILE_NAME
    data = source.read_bytes()
    (tmp_path / deid_light.FILE_NAME).write_bytes(data[: len(data) // 2])
    assert deid_light._read_payload(tmp_path / deid_light.FILE_NAME) is None  # noqa: SLF001
    assert deid_light._read_payload(source) is not None  # noqa: SLF001


def test_cache_folder_from_the_environment(monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    monkeypatch.setenv(deid_light.CACHE_ENV, str(tmp_path))
    assert deid_light.default_cache_dir() == tmp_path


def test_unwritable_folder_gives_a_dutch_message(tmp_path: Path) -> None:
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map", encoding="utf-8")
    payload = deid_light._read_payload(  # noqa: SLF001
        deid_light.default_cache_dir() / deid_light.FILE_NAME)
    with pytest.raises(CasusdeskError, match="konden niet worden opgeslagen"):
        deid_light._write(blocker / "sub", payload)  # noqa: SLF001


def test_prepare_reports_progress_and_builds_the_same_file(tmp_path: Path) -> None:
    """The one-time build, as a user's first start runs it (1-2 minutes)."""
    messages: list[str] = []
    seconds = deid_light.prepare(messages.append, tmp_path)
    assert seconds > 0
    assert deid_light.is_prepared(tmp_path)
    percents = [int(m.rsplit(", ", 1)[1].split("%")[0]) for m in messages]
    assert all(m.endswith("%)…") and "eenmalig" in m for m in messages)
    assert percents == sorted(percents)
    assert percents[0] == 0 and percents[-1] == 100
    assert len(set(percents)) >= 10  # it moves, not just 0 and 100
    # the word frequencies are made in the same step, not silently at the first export
    assert (tmp_path / "nl-frequencies.bin").stat().st_size > 500_000
    assert (tmp_path / "en-frequencies.bin").stat().st_size > 500_000
    assert deid_light.prepare(messages.append, tmp_path) == 0.0
    built = deid_light._read_payload(tmp_path / deid_light.FILE_NAME)  # noqa: SLF001
    default = deid_light._read_payload(  # noqa: SLF001
        deid_light.default_cache_dir() / deid_light.FILE_NAME)
    assert pickle.dumps(built) == pickle.dumps(default)


def test_importing_the_parts_first_does_not_look_loaded() -> None:
    """The package's own parts must not shadow its state (``_engine``, ``_build``)."""
    code = (
        "import casusdesk.services.deid_light._engine, casusdesk.services.deid_light._build\n"
        "from casusdesk.services import deid_light as d\n"
        "print(d.is_loaded(), d.is_prepared(), callable(d._build_structures))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.split() == ["False", "True", "True"]
