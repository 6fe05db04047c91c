"""Methods and phases: reading from data, validation and per-session edits."""

from __future__ import annotations

import json

import pytest

from casusdesk.domain.errors import ValidationError
from casusdesk.domain.method import (
    CAPTURE_KINDS,
    Method,
    Phase,
    add_phase,
    as_custom,
    from_dict,
    move_phase,
    new_phase,
    remove_phase,
    set_duration,
    slugify,
    to_dict,
    total_minutes,
    update_phase,
    validate_method,
)


def sample_data() -> dict:
    return {
        "id": "proef",
        "name": "Proefmethode",
        "description": "Om te testen.",
        "source": "Eigen werk",
        "phase": [
            {"id": "start", "title": "Start", "minutes": 10, "prompts": ["Welkom"],
             "captures": ["notes"]},
            {"id": "vragen", "title": "Vragen", "minutes": 20, "wrapup": 3, "danger": 1,
             "captures": ["questions"], "reflection": ["Wat viel op?"]},
            {"id": "slot", "title": "Slot", "minutes": 12.5, "reflection_sets": ["algemeen"]},
        ],
    }


SETS = {"algemeen": ("Ging het goed?", "Wat viel op?")}


@pytest.fixture
def method() -> Method:
    return from_dict(sample_data(), SETS)


def test_from_dict_converts_minutes_to_seconds(method):
    assert [p.seconds for p in method.phases] == [600, 1200, 750]
    assert method.phases[0].wrapup_seconds == 120  # default 2 minutes
    assert method.phases[0].danger_seconds == 30  # default half a minute
    assert method.phases[1].wrapup_seconds == 180
    assert method.total_seconds == 2550
    assert total_minutes(method) == pytest.approx(42.5)


def test_reflection_sets_are_copied_into_the_phase(method):
    assert method.phases[2].reflection == ("Ging het goed?", "Wat viel op?")
    # the method-wide list has no repeats
    assert method.reflection_questions == ["Wat viel op?", "Ging het goed?"]


def test_round_trip_through_json(method):
    data = json.loads(json.dumps(to_dict(method)))
    again = from_dict(data)
    assert again == method
    assert data["phase"][2]["minutes"] == 12.5
    assert data["phase"][0]["minutes"] == 10
    assert isinstance(data["phase"][0]["minutes"], int)
    assert "reflection_sets" not in data["phase"][2]


def test_odd_seconds_survive_a_round_trip():
    method = Method("x", "X", phases=(Phase("a", "A", seconds=437, wrapup_seconds=77,
                                            danger_seconds=13),))
    assert from_dict(json.loads(json.dumps(to_dict(method)))) == method


@pytest.mark.parametrize("change, message", [
    ({"minutes": 0}, "fase 2 'Vragen': 'minutes' moet een positief getal zijn"),
    ({"minutes": -5}, "fase 2 'Vragen': 'minutes' moet een positief getal zijn"),
    ({"minutes": "tien"}, "fase 2 'Vragen': 'minutes' moet een getal zijn"),
    ({"minutes": True}, "'minutes' moet een getal zijn"),
    ({"minutes": 10_000}, "'minutes' is te groot"),
    ({"wrapup": -1}, "'wrapup' moet nul of een positief getal zijn"),
    ({"danger": 5, "wrapup": 2}, "'danger' mag niet groter zijn dan 'wrapup'"),
    ({"captures": ["notes", "kladblok"]}, "'captures' kent 'kladblok' niet"),
    ({"prompts": "één vraag"}, "'prompts' moet een lijst met teksten zijn"),
    ({"prompts": ["goed", ""]}, "'prompts' regel 2 moet een niet-lege tekst zijn"),
    ({"title": ""}, "fase 2: 'title' ontbreekt of is leeg"),
    ({"id": "Vragen!"}, "'id' moet bestaan uit kleine letters"),
    ({"minuten": 10}, "onbekend veld 'minuten'"),
    ({"reflection_sets": ["onbekend"]}, "onbekende set 'onbekend'"),
])
def test_validation_names_phase_and_field(change, message):
    data = sample_data()
    data["phase"][1].update(change)
    with pytest.raises(ValidationError) as info:
        from_dict(data, SETS)
    assert message in str(info.value)


def test_missing_minutes():
    data = sample_data()
    del data["phase"][0]["minutes"]
    with pytest.raises(ValidationError, match="fase 1 'Start': 'minutes' ontbreekt"):
        from_dict(data)


@pytest.mark.parametrize("change, message", [
    ({"name": "  "}, "'name' ontbreekt"),
    ({"phase": []}, "'phase' ontbreekt"),
    ({"id": "met spatie"}, "'id' moet bestaan uit kleine letters"),
    ({"auteur": "x"}, "onbekend veld 'auteur'"),
    ({"format": 2}, "nieuwere versie"),
])
def test_method_level_validation(change, message):
    data = sample_data()
    data.update(change)
    with pytest.raises(ValidationError, match=message):
        from_dict(data, SETS)


def test_duplicate_phase_ids_are_refused():
    data = sample_data()
    data["phase"][2]["id"] = "start"
    with pytest.raises(ValidationError, match="fase 3 'Slot': 'id' 'start' komt al eerder voor"):
        from_dict(data, SETS)


def test_texts_are_stripped(method):
    data = sample_data()
    data["name"] = "  Proefmethode  "
    data["phase"][0]["prompts"] = ["  Welkom  "]
    again = from_dict(data, SETS)
    assert again.name == "Proefmethode"
    assert again.phases[0].prompts == ("Welkom",)


# -------------------------------------------------------------------- edits


def test_set_duration_returns_a_new_method(method):
    changed = set_duration(method, 1, 25)
    assert changed.phases[1].seconds == 1500
    assert method.phases[1].seconds == 1200  # the original is untouched
    assert changed.total_minutes == pytest.approx(47.5)


def test_set_duration_validates(method):
    with pytest.raises(ValidationError, match="fase 2 'Vragen': 'minutes' moet een positief"):
        set_duration(method, 1, 0)
    with pytest.raises(ValidationError, match="Fase 9 bestaat niet"):
        set_duration(method, 8, 5)


def test_move_phase_up_and_down(method):
    down = move_phase(method, 0, +1)
    assert [p.id for p in down.phases] == ["vragen", "start", "slot"]
    up = move_phase(down, 2, -1)
    assert [p.id for p in up.phases] == ["vragen", "slot", "start"]
    with pytest.raises(ValidationError, match="bovenaan"):
        move_phase(method, 0, -1)
    with pytest.raises(ValidationError, match="onderaan"):
        move_phase(method, 2, +1)


def test_add_phase_at_end_and_in_between(method):
    extra = new_phase("Pauze", 15)
    assert extra.id == "pauze"
    at_end = add_phase(method, extra)
    assert at_end.phases[-1].title == "Pauze"
    between = add_phase(method, extra, 1)
    assert [p.id for p in between.phases] == ["start", "pauze", "vragen", "slot"]
    assert between.total_seconds == method.total_seconds + 900


def test_add_phase_makes_ids_unique(method):
    twice = add_phase(add_phase(method, new_phase("Vragen", 5)), new_phase("Vragen", 5))
    assert [p.id for p in twice.phases][-2:] == ["vragen_2", "vragen_3"]
    validate_method(twice)


def test_new_phase_validates():
    with pytest.raises(ValidationError, match="'minutes' moet een positief getal zijn"):
        new_phase("Niets", 0)
    assert new_phase("Évaluatie & afsluiting", 5, captures=["reflections"]).id == \
        "evaluatie_afsluiting"


def test_remove_phase(method):
    fewer = remove_phase(method, 1)
    assert [p.id for p in fewer.phases] == ["start", "slot"]
    one = remove_phase(remove_phase(method, 0), 0)
    with pytest.raises(ValidationError, match="minstens één fase"):
        remove_phase(one, 0)


def test_update_phase_prompts_and_minutes(method):
    changed = update_phase(method, 0, prompts=["Goedemorgen", "Telefoons weg"], minutes=7)
    assert changed.phases[0].prompts == ("Goedemorgen", "Telefoons weg")
    assert changed.phases[0].seconds == 420
    with pytest.raises(ValidationError, match="fase 1 'Start': 'captures' kent 'x' niet"):
        update_phase(method, 0, captures=["x"])


def test_as_custom_gets_new_id_and_remembers_origin(method):
    mine = as_custom(method, "Proefmethode kort", taken_ids={"proefmethode_kort"})
    assert mine.id == "proefmethode_kort_2"
    assert mine.name == "Proefmethode kort"
    assert mine.based_on == "proef"
    assert as_custom(mine, "Nog korter").based_on == "proef"
    assert as_custom(method, "???").id == "eigen_werkvorm"


def test_slugify():
    assert slugify("Rolwisseling – ronde 2") == "rolwisseling_ronde_2"
    assert slugify("") == "fase"


def test_phase_index(method):
    assert method.phase_index("slot") == 2
    with pytest.raises(ValidationError):
        method.phase_index("bestaat_niet")


def test_capture_kinds_have_dutch_labels():
    assert set(CAPTURE_KINDS) == {
        "notes", "questions", "tips", "facts", "criteria", "golden_circle", "agreements",
        "reflections", "issue_moments", "timeline", "role_cards"}
