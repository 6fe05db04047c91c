"""The method catalogue: every shipped method file, the user's own methods, the CLI text."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from casusdesk.domain.errors import DataFileError, ValidationError
from casusdesk.domain.method import CAPTURE_KINDS, as_custom, set_duration
from casusdesk.services import method_catalog
from casusdesk.services.method_catalog import (
    custom_methods_dir,
    find_method,
    format_method,
    format_method_list,
    load_method_file,
    load_methods,
    load_reflection_sets,
    save_custom_method,
    shipped_methods_dir,
)

SHIPPED_FILES = sorted(p for p in shipped_methods_dir().glob("*.toml")
                       if not p.name.startswith("_"))
REQUIRED = {"rolwisseling", "golden_circle", "roddelmethode", "viervenster",
            "gezamenlijk_interviewen", "basismodel_intervisie", "incidentmethode",
            "overbruggen_van_verschil"}


@pytest.fixture(scope="module")
def catalog():
    return load_methods()


def test_all_required_methods_are_shipped(catalog):
    assert REQUIRED <= set(catalog)


@pytest.mark.parametrize("path", SHIPPED_FILES, ids=lambda p: p.name)
def test_shipped_file_is_sound(path):
    method = load_method_file(path, load_reflection_sets())
    assert method.id == path.stem
    assert method.name and method.description and method.source
    assert len(method.phases) >= 3
    for phase in method.phases:
        assert phase.seconds > 0
        assert phase.purpose and phase.prompts, phase.id
        assert set(phase.captures) <= set(CAPTURE_KINDS), phase.id
        assert phase.captures, f"{phase.id} legt niets vast"
        assert 0 <= phase.danger_seconds <= phase.wrapup_seconds < phase.seconds
    assert method.reflection_questions, "elke werkvorm heeft reflectievragen"
    assert 60 <= method.total_minutes <= 150
    assert 90 <= method.total_minutes <= 120, "past in een bijeenkomst van ongeveer twee uur"


def test_reflection_sets_include_the_generic_questions():
    sets = load_reflection_sets()
    assert len(sets["algemeen"]) == 4
    assert any("vertrouwen" in q for q in sets["algemeen"])
    assert len(sets["rolwisseling"]) >= 7


def test_roddelmethode_follows_the_steps(catalog):
    roddel = catalog["roddelmethode"]
    titles = [p.title for p in roddel.phases]
    assert "Roddelronde" in titles
    assert titles.index("Verhelderende vragen") < titles.index("Roddelronde")
    assert "questions" in roddel.phases[titles.index("Verhelderende vragen")].captures


def test_rolwisseling_asks_the_round_1_questions(catalog):
    last = catalog["rolwisseling"].phases[-1]
    assert any("terug in je eigen rol" in q for q in last.reflection)
    assert "role_cards" in {c for p in catalog["rolwisseling"].phases for c in p.captures}


def test_methods_are_sorted_by_name(catalog):
    names = [m.name.casefold() for m in catalog.values()]
    assert names == sorted(names)


# ------------------------------------------------------------ broken files


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


BROKEN = """
id = "roddelmethode"
name = "Roddelmethode"
[[phase]]
id = "a"
title = "Inbreng"
minutes = 10
[[phase]]
id = "b"
title = "Verhelderen"
minutes = 10
[[phase]]
id = "c"
title = "Vragen"
minutes = -3
"""


def test_broken_file_message_names_file_phase_and_field(tmp_path):
    path = write(tmp_path, "roddelmethode.toml", BROKEN)
    with pytest.raises(DataFileError) as info:
        load_method_file(path)
    assert str(info.value) == (
        "roddelmethode.toml: fase 3 'Vragen': 'minutes' moet een positief getal zijn")


def test_broken_shipped_file_stops_loading(tmp_path, monkeypatch):
    folder = tmp_path / "methods"
    shutil.copytree(shipped_methods_dir(), folder)
    write(folder, "roddelmethode.toml", BROKEN)
    monkeypatch.setattr(method_catalog, "shipped_methods_dir", lambda: folder)
    with pytest.raises(DataFileError, match="roddelmethode.toml: fase 3 'Vragen': 'minutes'"):
        load_methods()


@pytest.mark.parametrize("name, text, message", [
    ("kapot.toml", "id = [", "kapot.toml: geen geldige TOML"),
    ("kapot.json", "{", "kapot.json: geen geldige JSON"),
    ("andere_naam.toml", BROKEN.replace("-3", "3"),
     "andere_naam.toml: 'id' ('roddelmethode') moet gelijk zijn aan de bestandsnaam"),
    ("leeg.toml", "", "leeg.toml: 'id' moet bestaan uit"),
])
def test_other_broken_files(tmp_path, name, text, message):
    path = write(tmp_path, name, text)
    with pytest.raises(DataFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_method_file(path)


def test_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "oud.toml"
    path.write_bytes("name = 'Cliënt'".encode("latin-1"))
    with pytest.raises(DataFileError, match="oud.toml: het bestand is geen UTF-8"):
        load_method_file(path)


def test_broken_custom_file_can_be_skipped_with_problems(tmp_path):
    extra = tmp_path / "methods"
    write(extra, "kapot.toml", "id = [")
    with pytest.raises(DataFileError, match="kapot.toml"):
        load_methods(extra)
    problems: list[str] = []
    methods = load_methods(extra, problems=problems)
    assert REQUIRED <= set(methods)
    assert len(problems) == 1 and problems[0].startswith("kapot.toml: ")


def test_ten_broken_custom_files_give_ten_problems_and_the_good_one_loads(tmp_path, catalog):
    extra = tmp_path / "methods"
    extra.mkdir()
    broken = {
        "lijst.json": "[]", "kapot.json": '{"id": "kapot"', "leeg.json": "",
        "diep.json": "[" * 50_000 + "]" * 50_000, "getal.json": "9" * 5000,
        "fase.json": '{"id": "fase", "name": "F", "phase": [5]}',
        "minuten.toml": 'id = "minuten"\nname = "M"\n[[phase]]\ntitle = "x"\nminutes = -2\n',
        "groot.json": " " * 1_000_001, "dubbel.json": '{"id": "dubbel", "name": "x", "x": 1}',
        "naam.toml": 'id = "anders"\nname = "N"\n[[phase]]\ntitle = "x"\nminutes = 5\n',
    }
    for name, text in broken.items():
        (extra / name).write_text(text, encoding="utf-8")
    good = as_custom(catalog["viervenster"], "Mijn vensters", catalog)
    save_custom_method(good, tmp_path)
    problems: list[str] = []
    methods = load_methods(extra, problems=problems)
    assert good.id in methods and REQUIRED <= set(methods)
    assert len(problems) == 10
    for name in broken:
        assert sum(p.startswith(f"{name}: ") for p in problems) == 1, (name, problems)
    assert any("te diep genest" in p for p in problems)
    assert any("te groot" in p for p in problems)
    assert not [p for p in extra.iterdir() if p.name.startswith(".")]  # no temporary left


def test_custom_file_may_not_reuse_a_shipped_id(tmp_path):
    extra = tmp_path / "methods"
    write(extra, "roddelmethode.toml", BROKEN.replace("-3", "3"))
    problems: list[str] = []
    methods = load_methods(extra, problems=problems)
    assert len(methods["roddelmethode"].phases) == 8  # the shipped one
    assert "al een meegeleverde werkvorm" in problems[0]


def test_missing_extra_dir_is_fine(tmp_path):
    assert REQUIRED <= set(load_methods(tmp_path / "bestaat_niet"))


# ---------------------------------------------------------- custom methods


def test_custom_method_round_trip(tmp_path, catalog):
    mine = set_duration(as_custom(catalog["roddelmethode"], "Roddel kort", catalog), 5, 15)
    path = save_custom_method(mine, tmp_path)
    assert path == custom_methods_dir(tmp_path) / "roddel_kort.json"
    assert json.loads(path.read_text(encoding="utf-8"))["based_on"] == "roddelmethode"
    methods = load_methods(custom_methods_dir(tmp_path))
    assert methods["roddel_kort"] == mine
    assert methods["roddel_kort"].total_minutes == catalog["roddelmethode"].total_minutes - 10
    assert "(eigen)" in format_method_list(methods).splitlines()[
        list(methods).index("roddel_kort")]
    assert not list(custom_methods_dir(tmp_path).glob(".tmp-*"))


def test_saving_again_replaces_the_file(tmp_path, catalog):
    mine = as_custom(catalog["viervenster"], "Vier vensters", catalog)
    save_custom_method(mine, tmp_path)
    save_custom_method(set_duration(mine, 0, 5), tmp_path)
    assert load_methods(custom_methods_dir(tmp_path))["vier_vensters"].phases[0].seconds == 300


def test_saving_under_a_shipped_id_is_refused(tmp_path, catalog):
    with pytest.raises(ValidationError, match="meegeleverde werkvorm"):
        save_custom_method(catalog["roddelmethode"], tmp_path)


def test_saving_into_an_unwritable_place(tmp_path, catalog):
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map")
    mine = as_custom(catalog["viervenster"], "Vier vensters", catalog)
    with pytest.raises(DataFileError, match="Kan de werkvorm niet opslaan"):
        save_custom_method(mine, blocker)


# --------------------------------------------------------------- CLI text


def test_format_method_list(catalog):
    text = format_method_list(catalog)
    lines = text.splitlines()
    assert len(lines) == len(catalog)
    roddel = next(line for line in lines if "Roddelmethode" in line)
    assert "8 fasen" in roddel
    assert roddel.rstrip().endswith("110 min")
    assert format_method_list({}) == "Geen werkvormen gevonden."


def test_format_method_shows_phases_minutes_and_prompts(catalog):
    text = format_method(catalog["viervenster"])
    assert text.startswith("Viervenstermethode (viervenster): 6 fasen, 115 min")
    assert "Venster 2: Wat zijn de feiten?  [25 min" in text
    assert "- Welke criteria gebruiken we om deze situatie te wegen?" in text
    assert "Vastleggen: Weegcriteria" in text
    assert "Reflectie:" in text


def test_format_method_shows_half_minutes_with_a_comma(catalog):
    text = format_method(catalog["roddelmethode"])
    assert "bijna klaar bij 0,5 min" in text


@pytest.mark.parametrize("name", ["roddelmethode", "RODDELMETHODE", "Roddelmethode",
                                  "  viervenstermethode "])
def test_find_method_by_id_or_name(catalog, name):
    assert find_method(catalog, name).id in {"roddelmethode", "viervenster"}


def test_find_unknown_method_lists_the_choices(catalog):
    with pytest.raises(ValidationError, match="Onbekende werkvorm 'roddel'.*rolwisseling"):
        find_method(catalog, "roddel")


def test_every_shipped_method_says_its_minutes_are_casusdesks_suggestion():
    from casusdesk.domain.method import CUSTOM_TIMINGS, as_custom
    from casusdesk.services.method_catalog import format_method, load_methods

    methods = load_methods()
    for method in methods.values():
        assert method.timings.startswith("voorstel van casusdesk"), method.id
        assert "het rapport geeft geen minuten per fase" in method.timings
        assert "Minuten per fase: voorstel van casusdesk" in format_method(method)
    own = as_custom(methods["roddelmethode"], "Onze roddel", set(methods))
    assert own.timings == CUSTOM_TIMINGS


def test_method_texts_follow_the_report():
    from casusdesk.services.method_catalog import load_methods

    methods = load_methods()
    roddel = {p.id: p for p in methods["roddelmethode"].phases}
    gossip = " ".join((roddel["roddelronde"].purpose, *roddel["roddelronde"].prompts))
    assert "overtuigingen" in gossip and "andere denkbeelden" in gossip  # L4624-4630
    questions = " ".join((roddel["vragen"].purpose, *roddel["vragen"].prompts))
    assert "bewust maken van de eigen verantwoordelijkheid" in questions  # L2196
    assert "Wie is waarvoor verantwoordelijk" not in questions
    assert "Van Montfoort" in methods["viervenster"].source
    circle = {p.id: p for p in methods["golden_circle"].phases}["cirkel"]
    what = next(p for p in circle.prompts if p.startswith("Wat:"))
    assert what.endswith("Gebruik de casus als voorbeeld.")  # L1455
