"""A word set kept as a trie answers as the set read from its list, and is read again
when the list or the reading rule changes."""

from __future__ import annotations

from pathlib import Path

from casusdesk.services.anonymize import lexicon
from casusdesk.services.deid_light.kept_sets import KeptSet, kept_set


def _read_lower(path: Path) -> set[str]:
    return {line.strip().casefold() for line in path.read_text("utf-8").splitlines()
            if line.strip()}


def _read_upper(path: Path) -> set[str]:
    return {line.strip().upper() for line in path.read_text("utf-8").splitlines()
            if line.strip()}


def test_the_kept_trie_answers_as_the_set_read_from_the_list(tmp_path: Path) -> None:
    source = tmp_path / "items.txt"
    source.write_text("Kerkstraat\nLange Nieuwstraat\nÅlesundweg\n\nŁódźlaan\n", "utf-8")
    first = kept_set("streets", source, _read_lower, tmp_path / "cache")
    assert isinstance(first, frozenset)  # read, and kept for the next process
    again = kept_set("streets", source, _read_lower, tmp_path / "cache")
    assert isinstance(again, KeptSet)
    assert set(again) == first == {"kerkstraat", "lange nieuwstraat", "ålesundweg", "łódźlaan"}
    assert "lange nieuwstraat" in again and "Kerkstraat" not in again and "" not in again
    assert len(again) == 4 and again & {"kerkstraat", "x"} == {"kerkstraat"}


def test_an_edited_list_or_another_reading_rule_is_read_again(tmp_path: Path) -> None:
    source = tmp_path / "items.txt"
    source.write_text("Kerkstraat\n", "utf-8")
    kept_set("streets", source, _read_lower, tmp_path)
    source.write_text("Kerkstraat\nMolenweg\n", "utf-8")
    assert set(kept_set("streets", source, _read_lower, tmp_path)) == {"kerkstraat", "molenweg"}
    assert set(kept_set("streets", source, _read_upper, tmp_path)) == {"KERKSTRAAT", "MOLENWEG"}
    assert set(kept_set("streets", source, _read_upper, tmp_path)) == {"KERKSTRAAT", "MOLENWEG"}
    (tmp_path / "streets.trie").write_bytes(b"casusdesk-kept-set\n{damaged")
    assert set(kept_set("streets", source, _read_upper, tmp_path)) == {"KERKSTRAAT", "MOLENWEG"}


def test_without_a_writable_folder_the_set_is_read_as_before(tmp_path: Path) -> None:
    source = tmp_path / "items.txt"
    source.write_text("Kerkstraat\n", "utf-8")
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    for _ in range(2):
        assert kept_set("streets", source, _read_lower, blocker / "cache") == {"kerkstraat"}


def test_deduces_streets_are_the_same_kept_or_read() -> None:
    lexicon.streets.cache_clear()
    kept = lexicon.streets()
    read = frozenset(lexicon._read(lexicon._src_dir() / "locations" / "lst_street" / "items.txt"))
    assert len(kept) == len(read) > 100_000
    assert all(street in kept for street in read)
    assert "kerkstraat" in kept and "een rode roos" not in kept


def test_the_world_places_are_the_same_kept_or_read() -> None:
    from casusdesk.services import deid_light

    lexicon.world_places.cache_clear()
    read = lexicon.prepare_world_places(deid_light.default_cache_dir())
    kept = lexicon.world_places()
    lexicon.world_places.cache_clear()
    again = lexicon.world_places()
    assert isinstance(again, KeptSet)
    assert len(again) == len(read) > 100_000 and set(again) == set(read)
    assert lexicon.is_place("Londen") and lexicon.is_place("Poznań")
    assert len(kept) == len(read)
