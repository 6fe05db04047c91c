"""Dutch word frequencies from the prepared trie are wordfreq's own numbers.

deid_light.frequencies answers ``zipf_frequency(word, "nl")`` for plain lowercase
words (and hyphenated ones, and a few with an apostrophe) from a trie of wordfreq's
Dutch list, so that an export does not import wordfreq (about half a second). These
tests hold it to wordfreq: the same tokens and the same number for a tenth of the
Dutch list and forms made from it, for every word of the evaluation notes, and for
the texts of the demo session; and the anonymizer's result is the same with the trie
as with wordfreq itself.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from wordfreq import get_frequency_dict, zipf_frequency
from wordfreq.tokens import lossy_tokenize

from casusdesk.services import deid_light
from casusdesk.services.deid_light import frequencies

ROOT = Path(__file__).resolve().parents[2]
NOTES = ROOT / "benchmarks" / "eval_notes"


@pytest.fixture()
def prepared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of its own with the prepared file in it."""
    monkeypatch.setenv(deid_light.CACHE_ENV, str(tmp_path))
    frequencies._reset()
    assert frequencies.prepare(tmp_path)
    yield tmp_path
    frequencies._reset()


def _note_words() -> list[str]:
    words = set()
    for path in sorted(NOTES.rglob("*.toml")):
        text = tomllib.loads(path.read_text("utf-8"))["text"]
        for m in re.finditer(r"[^\W\d_][\w'’-]*", text):
            word = m.group().casefold()
            words |= {word, word.strip("'’.-")}
    return sorted(w for w in words if w)


def _same_as_wordfreq(words: list[str]) -> tuple[int, list[str]]:
    answered, wrong = 0, []
    for word in words:
        parts = frequencies.tokens(word)
        if parts is not None:
            answered += 1
            if parts != lossy_tokenize(word, "nl"):
                wrong.append(f"tokens of {word!r}")
        if frequencies.zipf(word) != zipf_frequency(word, "nl"):
            wrong.append(f"zipf of {word!r}")
    return answered, wrong


def test_the_dutch_list_and_forms_made_from_it_get_wordfreqs_numbers(prepared: Path) -> None:
    keys = sorted(get_frequency_dict("nl"))
    sample = keys[::10]
    rng = random.Random(13)
    forms = []
    for word in rng.sample(keys, 3000):
        forms += [f"{word}-{rng.choice(keys)}", f"{word}'", f"{word}'s", f"x{word}q",
                  f"{word[:3]}'{word[3:]}", word.upper(), f"{word}-"]
        number = rng.choice(["2", "19", "00", "2019", "1983", "2045", "100", "06", "7777"])
        forms += [f"{word}-{number}", f"{number}-{word}", number, f"{word}{number}"]
    answered, wrong = _same_as_wordfreq(sample + forms)
    assert wrong == []
    assert answered > 0.9 * len(sample)  # most words are answered by the trie


def test_every_word_of_the_evaluation_notes_gets_wordfreqs_number(prepared: Path) -> None:
    words = _note_words()
    answered, wrong = _same_as_wordfreq(words)
    assert wrong == []
    assert answered > 0.9 * len(words)
    assert frequencies.zipf("de") == zipf_frequency("de", "nl") > 7
    assert frequencies.zipf("re-integratietraject") == zipf_frequency("re-integratietraject", "nl")


def test_english_words_and_the_note_words_get_wordfreqs_english_number(prepared: Path) -> None:
    """The English trie (lowercase names that are common English words are no names)
    gives wordfreq's number for plain words; other words go to wordfreq itself."""
    english = sorted(get_frequency_dict("en"))
    words = english[::10] + _note_words() + ["reasoning", "kwalbrink", "o'neill", "e-mail"]
    wrong = [w for w in words if frequencies.english_zipf(w) != zipf_frequency(w, "en")]
    assert wrong == []
    assert frequencies.english_tokens("reasoning") == ["reasoning"]
    assert frequencies.english_tokens("o'neill") is None
    assert frequencies.english_zipf("reasoning") > 3.5


def test_a_bundle_without_wordfreqs_english_list_answers_from_the_prepared_file(
        prepared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundle ships the prepared English file and not wordfreq's English list: a
    plain word is answered from the file, another word counts as unknown, and the
    anonymizer goes on (it stopped with a LookupError on such notes in the bundle)."""
    import wordfreq

    expected = zipf_frequency("reasoning", "en")

    def no_english(word: str, lang: str, *args: object, **kwargs: object) -> float:
        if lang == "en":
            raise LookupError(f"No wordlist for {lang!r}")
        return zipf_frequency(word, lang, *args, **kwargs)

    monkeypatch.setattr(wordfreq, "zipf_frequency", no_english)
    monkeypatch.setattr(frequencies._ENGLISH, "source", lambda: None)
    frequencies._reset()
    assert frequencies.english_zipf("reasoning") == expected
    assert frequencies.english_zipf("o'neill") == 0.0

    from casusdesk.services.anonymize import Anonymizer

    rules = Anonymizer([], [], "mevrouw A.", use_deduce=False)
    text = "Gesproken met mevrouw kwalbrink en oma wytske; de reasoning was helder."
    out = rules.apply(text, rules.detect(text))
    assert "kwalbrink" not in out and "wytske" not in out
    assert "de reasoning was helder" in out


def test_without_a_writable_folder_wordfreq_answers(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("no folder can be made under a file")
    monkeypatch.setenv(deid_light.CACHE_ENV, str(blocker / "cache"))
    frequencies._reset()
    try:
        assert frequencies.zipf("huurachterstand") == zipf_frequency("huurachterstand", "nl")
        assert frequencies.zipf("de") == zipf_frequency("de", "nl")
        assert frequencies._load() is None  # answered by wordfreq, nothing half written
    finally:
        frequencies._reset()


def test_a_damaged_file_is_prepared_again(prepared: Path) -> None:
    path = prepared / frequencies.FILE_NAME
    path.write_bytes(path.read_bytes()[:1000])
    frequencies._reset()
    assert frequencies.zipf("schuldhulpverlening") == zipf_frequency("schuldhulpverlening", "nl")
    assert path.stat().st_size > 100_000  # made again, whole


def test_the_anonymizer_gives_the_same_result_with_the_trie_as_with_wordfreq(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # the usual cache folder: deduce's prepared lists are there (a new folder would
    # prepare them first, a minute)
    frequencies._reset()
    assert frequencies.prepare(deid_light.default_cache_dir())
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench_recall
    finally:
        sys.path.pop(0)
    from casusdesk.services import anonymize
    from casusdesk.services.anonymize import lexicon

    notes = [note for _name, note in bench_recall.load(NOTES / "dev")]

    def outputs() -> list[str]:
        anonymize.word_frequency.cache_clear()
        lexicon.frequency.cache_clear()
        frequencies.zipf.cache_clear()
        return [bench_recall.casusdesk_output(note) for note in notes]

    with_trie = outputs()
    monkeypatch.setattr(frequencies, "tokens", lambda word: None)  # every word: wordfreq
    monkeypatch.setattr(frequencies, "english_tokens", lambda word: None)
    with_wordfreq = outputs()
    monkeypatch.undo()
    frequencies._reset()
    assert with_trie == with_wordfreq
    assert any("[PERSOON-1]" in text for text in with_trie)


def test_anonymizing_with_the_prepared_file_does_not_import_wordfreq() -> None:
    frequencies.prepare(deid_light.default_cache_dir())  # as the first run or the bundle does
    code = (
        "import sys\n"
        "from casusdesk.services.anonymize import Anonymizer\n"
        "a = Anonymizer([('Femke Bosma', 'SW_1')], ['Sander Wijnstra'], 'Tim')\n"
        "text = ('Femke vertelt dat Sander op 3 juni bij de Voedselbank in Heerenveen was. '\n"
        "        'De re-integratie loopt via het Werkplein; zijn collega\\'s bellen Marieke. '\n"
        "        'Na covid-19 begon hij aan mbo-2, een 3-jarig traject. '\n"
        "        'Gesproken met mevrouw kwalbrink; de reasoning was helder.')\n"
        "out = a.apply(text, a.detect(text))\n"
        "assert 'Femke' not in out and 'Sander' not in out and 'kwalbrink' not in out, out\n"
        "print(sorted(m for m in ('wordfreq', 'langcodes', 'ftfy') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_ordinary_words_for_typos_are_wordfreqs_without_importing_it():
    """The pool of ordinary words a typo is measured against comes from the prepared
    trie: every word of wordfreq's own top list down to zipf 3.0, and no word under it.
    (The top list is cut at its first word whose tokens make it rarer, e.g. "1st", so it
    misses a few frequent words after that one; the trie has those too.)"""
    from wordfreq import top_n_list

    from casusdesk.services.deid_light import frequencies

    from_trie = frequencies.words_from(3.0)
    assert from_trie is not None
    from_wordfreq = []
    for word in top_n_list("nl", 60000):
        if frequencies.zipf(word) < 3.0:
            break
        from_wordfreq.append(word)
    assert set(from_wordfreq) <= set(from_trie)
    assert all(frequencies.zipf(word) >= 3.0 for word in set(from_trie) - set(from_wordfreq)
               if frequencies.tokens(word) == [word])
    assert len(from_trie) - len(from_wordfreq) < 200
    assert len(from_trie) > 20_000 and "uitkering" in from_trie
