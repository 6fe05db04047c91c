"""The life-event timeline: time parsing, ordering, coarsening, links, storage, undo."""

from __future__ import annotations

import datetime as dt
import json
import tomllib

import pytest

from casusdesk.domain.errors import DataFileError, ValidationError
from casusdesk.domain.timeline import (
    MARKERS,
    AddEvent,
    EditEvent,
    EventKind,
    LifeDomain,
    LifeEvent,
    LinkEvents,
    MoveEvent,
    Precision,
    RemoveEvent,
    Source,
    Timeline,
    UnlinkEvents,
    When,
    coarsen_dates_in_text,
    domain_for,
    experience_label,
    minutes_rows,
    parse_life_domains,
)
from casusdesk.domain.timeline_demo import demo_timeline
from casusdesk.paths import resource

# -- When.parse -------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("12-03-2015", When.on(dt.date(2015, 3, 12))),
    ("12/3/2015", When.on(dt.date(2015, 3, 12))),
    ("12.03.2015", When.on(dt.date(2015, 3, 12))),
    ("2015-03-12", When.on(dt.date(2015, 3, 12))),
    ("12 maart 2015", When.on(dt.date(2015, 3, 12))),
    ("3-2015", When.in_month(2015, 3)),
    ("03/2015", When.in_month(2015, 3)),
    ("maart 2015", When.in_month(2015, 3)),
    ("Maart 2015", When.in_month(2015, 3)),
    ("mrt. 2015", When.in_month(2015, 3)),
    ("2015-03", When.in_month(2015, 3)),
    ("2015", When.in_year(2015)),
    ("  2015 ", When.in_year(2015)),
    ("in 2015", When.in_year(2015)),
    ("rond 2015", When.in_year(2015, approximate=True)),
    ("ca. 2015", When.in_year(2015, approximate=True)),
    ("ca 2015", When.in_year(2015, approximate=True)),
    ("circa 2015", When.in_year(2015, approximate=True)),
    ("±2015", When.in_year(2015, approximate=True)),
    ("± 2015", When.in_year(2015, approximate=True)),
    ("+/- 2015", When.in_year(2015, approximate=True)),
    ("omstreeks 2015", When.in_year(2015, approximate=True)),
    ("rond maart 2015", When.in_month(2015, 3, approximate=True)),
    ("18 jaar", When.at_age(18)),
    ("18 jr", When.at_age(18)),
    ("op 18-jarige leeftijd", When.at_age(18)),
    ("18-jarige", When.at_age(18)),
    ("leeftijd 18", When.at_age(18)),
    ("op de leeftijd van 18", When.at_age(18)),
    ("toen hij 18 was", When.at_age(18)),
    ("ca. 18 jaar", When.at_age(18, approximate=True)),
    ("rond 18 jaar", When.at_age(18, approximate=True)),
    ("0 jaar", When.at_age(0)),
])
def test_parse_every_precision(text: str, expected: When) -> None:
    assert When.parse(text) == expected


@pytest.mark.parametrize("when, label", [
    (When.on(dt.date(2015, 3, 12)), "12-03-2015"),
    (When.in_month(2015, 3), "maart 2015"),
    (When.in_year(2015), "2015"),
    (When.in_year(2015, approximate=True), "rond 2015"),
    (When.at_age(18), "18 jaar"),
    (When.at_age(18, approximate=True), "ca. 18 jaar"),
    (When.in_month(2015, 3, approximate=True), "rond maart 2015"),
])
def test_label_is_dutch_and_parses_back(when: When, label: str) -> None:
    assert when.label() == label
    assert When.parse(label) == when


@pytest.mark.parametrize("text, fragment", [
    ("", "Vul een datum"),
    ("   ", "Vul een datum"),
    ("18", "Schrijf dan '18 jaar'"),
    ("12-03-15", "vier cijfers"),
    ("31-02-2015", "bestaat niet als datum"),
    ("13-2015", "maand 13"),
    ("12-13-2015", "maand 13"),
    ("1850", "tussen 1900 en 2100"),
    ("150 jaar", "niet mogelijk"),
    ("gisteren", "Schrijf bijvoorbeeld"),
    ("2015-2016", "Schrijf bijvoorbeeld"),
    ("rond", "ontbreekt"),
])
def test_bad_input_gets_a_clear_dutch_message(text: str, fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment):
        When.parse(text)


def test_when_refuses_inconsistent_fields() -> None:
    with pytest.raises(ValidationError):
        When(Precision.YEAR, year=2015, month=3)
    with pytest.raises(ValidationError):
        When(Precision.AGE, age=-1)
    with pytest.raises(ValidationError):
        When(Precision.DATE, year=2015, month=2, day=30)


# -- ordering ---------------------------------------------------------------------------


def _event(description: str, when: str, experience: int = 0, **kwargs: object) -> LifeEvent:
    return LifeEvent(description=description, when=When.parse(when), experience=experience,
                     **kwargs)  # type: ignore[arg-type]


def _descriptions(events: list[LifeEvent]) -> list[str]:
    return [e.description for e in events]


def test_mixed_precision_is_ordered_by_place_in_time() -> None:
    timeline = Timeline()
    for description, when in [("jaar", "2015"), ("december", "12-2015"),
                              ("datum", "02-01-2015"), ("maart", "maart 2015"),
                              ("rond", "rond 2014"), ("later", "2016")]:
        timeline.add(_event(description, when))
    # a year sits in the middle of that year: after March, before December
    assert _descriptions(timeline.ordered()) == ["rond", "datum", "maart", "jaar",
                                                 "december", "later"]


def test_ages_use_the_birth_year_when_known() -> None:
    timeline = Timeline(birth_year=1999)
    timeline.add(_event("2016", "2016"))
    timeline.add(_event("18 jaar", "18 jaar"))  # turns 18 in 2017
    timeline.add(_event("2018", "2018"))
    timeline.add(_event("5 jaar", "5 jaar"))
    assert _descriptions(timeline.ordered()) == ["5 jaar", "2016", "18 jaar", "2018"]
    # an explicit birth year overrides the stored one
    assert _descriptions(timeline.ordered(birth_year=1990)) == ["5 jaar", "18 jaar",
                                                                "2016", "2018"]


def test_without_birth_year_ages_come_first_in_age_order() -> None:
    timeline = Timeline()
    timeline.add(_event("2010", "2010"))
    timeline.add(_event("30 jaar", "30 jaar"))
    timeline.add(_event("2005", "2005"))
    timeline.add(_event("4 jaar", "4 jaar"))
    assert _descriptions(timeline.ordered()) == ["4 jaar", "30 jaar", "2005", "2010"]


def test_same_time_keeps_list_order_and_move_changes_it() -> None:
    timeline = Timeline()
    first = timeline.add(_event("eerste", "2015"))
    timeline.add(_event("tweede", "rond 2015"))
    assert _descriptions(timeline.ordered()) == ["eerste", "tweede"]
    timeline.move(first.id, 5)
    assert _descriptions(timeline.ordered()) == ["tweede", "eerste"]


def test_future_items_come_after_events_next_steps_before_dreams() -> None:
    timeline = Timeline()
    timeline.add(LifeEvent("droom", kind=EventKind.DREAM, experience=3))
    timeline.add(LifeEvent("stap zonder tijd", kind=EventKind.NEXT_STEP))
    timeline.add(_event("gebeurtenis", "2020"))
    timeline.add(LifeEvent("stap 2027", kind=EventKind.NEXT_STEP, when=When.in_year(2027)))
    assert _descriptions(timeline.ordered()) == ["gebeurtenis", "stap 2027",
                                                 "stap zonder tijd", "droom"]
    assert _descriptions(timeline.future()) == ["stap 2027", "stap zonder tijd", "droom"]
    assert _descriptions(timeline.past()) == ["gebeurtenis"]


# -- coarsening -------------------------------------------------------------------------


@pytest.mark.parametrize("when, coarse", [
    ("12-03-2015", "2015"),
    ("maart 2015", "2015"),
    ("2015", "2015"),
    ("rond 2015", "rond 2015"),
    ("rond maart 2015", "rond 2015"),
    ("18 jaar", "18 jaar"),
    ("ca. 18 jaar", "ca. 18 jaar"),
])
def test_coarsen_for_minutes_keeps_only_year_or_age(when: str, coarse: str) -> None:
    timeline = Timeline(birth_year=1997)
    event = timeline.add(_event("iets", when))
    assert timeline.coarsen_for_minutes(event) == coarse
    assert timeline.coarsen_for_minutes(event.id, birth_year=1997) == coarse


def test_coarsen_future_items() -> None:
    timeline = Timeline()
    dream = timeline.add(LifeEvent("huis", kind=EventKind.DREAM))
    step = timeline.add(LifeEvent("cursus", kind=EventKind.NEXT_STEP,
                                  when=When.parse("1-9-2026")))
    assert timeline.coarsen_for_minutes(dream) == "droom"
    assert timeline.coarsen_for_minutes(step) == "volgende stap · 2026"


def test_coarsen_dates_in_free_text() -> None:
    text = "Ontslagen op 12-03-2015, sinds maart 2019 en 3-2018 weer; op 12 maart gebeld."
    assert coarsen_dates_in_text(text) == ("Ontslagen op 2015, sinds 2019 en 2018 weer; "
                                           "op [datum] gebeld.")
    assert coarsen_dates_in_text("2-3 keer per week, 18 jaar, in 2015") == \
        "2-3 keer per week, 18 jaar, in 2015"


# -- events and validation --------------------------------------------------------------


def test_experience_is_validated() -> None:
    timeline = Timeline()
    with pytest.raises(ValidationError, match="buiten de schaal"):
        timeline.add(_event("te hoog", "2015", experience=4))
    with pytest.raises(ValidationError, match="geheel getal"):
        timeline.add(_event("half", "2015", experience=1.5))  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="geheel getal"):
        timeline.add(_event("bool", "2015", experience=True))
    assert len(timeline) == 0


def test_event_needs_description_and_time_future_items_do_not_need_time() -> None:
    timeline = Timeline()
    with pytest.raises(ValidationError, match="beschrijving"):
        timeline.add(_event("   ", "2015"))
    with pytest.raises(ValidationError, match="datum, jaar of leeftijd"):
        timeline.add(LifeEvent("zonder tijd"))
    dream = timeline.add(LifeEvent("een eigen huis", kind="droom"))  # type: ignore[arg-type]
    assert dream.kind is EventKind.DREAM and dream.when is None


def test_text_time_and_dutch_labels_are_accepted() -> None:
    timeline = Timeline()
    event = timeline.add(LifeEvent("iets", when="maart 2015",  # type: ignore[arg-type]
                                   source="bevinding van een professional"))  # type: ignore
    assert event.when == When.in_month(2015, 3)
    assert event.source is Source.PROFESSIONAL
    assert Source.PROFESSIONAL.label == "bevinding van een professional"
    assert EventKind.NEXT_STEP.label == "volgende stap"


def test_update_changes_fields_and_refuses_bad_values_without_changing() -> None:
    timeline = Timeline()
    event = timeline.add(_event("oud", "2015", experience=1))
    old = timeline.update(event.id, description="nieuw", when="rond 2016", experience=-2)
    assert old == {"description": "oud", "when": When.in_year(2015), "experience": 1}
    assert (event.description, event.when, event.experience) == \
        ("nieuw", When.in_year(2016, approximate=True), -2)
    with pytest.raises(ValidationError):
        timeline.update(event.id, description="kapot", experience=9)
    assert event.description == "nieuw" and event.experience == -2
    with pytest.raises(ValidationError, match="kan niet worden aangepast"):
        timeline.update(event.id, links={"x"})


def test_ids_are_handed_out_and_never_reused() -> None:
    timeline = Timeline()
    a = timeline.add(_event("a", "2015"))
    b = timeline.add(_event("b", "2016"))
    timeline.remove(b.id)
    c = timeline.add(_event("c", "2017"))
    assert (a.id, b.id, c.id) == ("g1", "g2", "g3")
    with pytest.raises(ValidationError, match="al een gebeurtenis"):
        timeline.add(LifeEvent("dubbel", When.in_year(2015), id="g1"))


# -- links ------------------------------------------------------------------------------


def test_links_are_symmetric_and_removed_with_the_event() -> None:
    timeline = Timeline()
    a = timeline.add(_event("a", "2015"))
    b = timeline.add(_event("b", "2016"))
    c = timeline.add(_event("c", "2017"))
    assert timeline.link(a.id, b.id) is True
    assert timeline.link(b.id, a.id) is False  # already linked
    timeline.link(c.id, a.id)
    assert a.links == {b.id, c.id} and b.links == {a.id} and c.links == {a.id}
    assert timeline.link_pairs() == [(a.id, b.id), (a.id, c.id)]
    timeline.remove(a.id)
    assert b.links == set() and c.links == set()
    assert timeline.link_pairs() == []


def test_unlink_and_bad_links() -> None:
    timeline = Timeline()
    a = timeline.add(_event("a", "2015"))
    b = timeline.add(_event("b", "2016"))
    timeline.link(a.id, b.id)
    assert timeline.unlink(b.id, a.id) is True
    assert a.links == set() and b.links == set()
    assert timeline.unlink(a.id, b.id) is False
    with pytest.raises(ValidationError, match="zichzelf"):
        timeline.link(a.id, a.id)
    with pytest.raises(ValidationError, match="niet \\(meer\\)"):
        timeline.link(a.id, "g99")


def test_add_makes_given_links_symmetric_and_drops_unknown_ones() -> None:
    timeline = Timeline()
    a = timeline.add(_event("a", "2015"))
    b = timeline.add(LifeEvent("b", When.in_year(2016), links={a.id, "g77"}))
    assert b.links == {a.id} and a.links == {b.id}


# -- storage ----------------------------------------------------------------------------


def test_round_trip_through_json() -> None:
    timeline = demo_timeline()
    data = json.loads(json.dumps(timeline.to_dict()))
    again = Timeline.from_dict(data)
    assert again.to_dict() == timeline.to_dict()
    assert again.birth_year == timeline.birth_year
    assert [e.id for e in again.ordered()] == [e.id for e in timeline.ordered()]
    new = again.add(_event("nieuw", "2025"))
    assert new.id not in {e.id for e in timeline.events}


def test_from_dict_repairs_one_sided_links_and_refuses_bad_data() -> None:
    data = {"version": 1, "events": [
        {"id": "g1", "when": {"precision": "year", "year": 2015}, "description": "a",
         "links": ["g2", "g9"]},
        {"id": "g2", "when": {"precision": "age", "age": 18, "approximate": True},
         "description": "b"},
    ]}
    timeline = Timeline.from_dict(data)
    assert timeline.get("g1").links == {"g2"} and timeline.get("g2").links == {"g1"}
    assert timeline.get("g2").when == When.at_age(18, approximate=True)
    assert timeline.next_number == 3
    with pytest.raises(ValidationError, match="nieuwere versie"):
        Timeline.from_dict({"version": 99, "events": []})
    with pytest.raises(ValidationError, match="twee keer"):
        Timeline.from_dict({"events": [data["events"][1], data["events"][1]]})
    with pytest.raises(ValidationError, match="precisie"):
        Timeline.from_dict({"events": [{"id": "g1", "description": "x",
                                        "when": {"precision": "week"}}]})
    with pytest.raises(ValidationError):
        Timeline.from_dict({"birth_year": 1700, "events": []})


def test_empty_timeline_round_trips() -> None:
    assert Timeline.from_dict(Timeline().to_dict()).events == []


# -- undo commands ----------------------------------------------------------------------


def _snapshot(timeline: Timeline) -> dict[str, object]:
    """The stored form, without the id counter (ids are never handed out twice)."""
    data = json.loads(json.dumps(timeline.to_dict()))
    del data["next_number"]
    return data


def test_commands_apply_revert_and_redo() -> None:
    timeline = demo_timeline()
    first, second = timeline.events[0].id, timeline.events[5].id
    commands = [
        AddEvent(LifeEvent("nieuw", When.parse("rond 2016"), "werk", 2,
                           links={first})),
        EditEvent(second, description="anders", when="2019", experience=3),
        MoveEvent(first, experience=3, index=4),
        LinkEvents(first, second),
        UnlinkEvents(timeline.events[0].id, next(iter(timeline.events[0].links))),
        RemoveEvent(first),
    ]
    for command in commands:
        before = _snapshot(timeline)
        command.apply(timeline)
        after = _snapshot(timeline)
        assert after != before, command.text
        command.revert(timeline)
        assert _snapshot(timeline) == before, command.text
        command.apply(timeline)  # redo
        assert _snapshot(timeline) == after, command.text
        command.revert(timeline)


def test_remove_command_restores_place_and_links() -> None:
    timeline = demo_timeline()
    target = timeline.events[6]
    linked = set(target.links)
    assert linked
    command = RemoveEvent(target.id)
    command.apply(timeline)
    assert target.id not in timeline
    assert all(target.id not in e.links for e in timeline.events)
    command.revert(timeline)
    assert timeline.events[6].id == target.id
    assert timeline.get(target.id).links == linked
    assert all(target.id in timeline.get(other).links for other in linked)


def test_link_command_that_changed_nothing_reverts_to_nothing() -> None:
    timeline = Timeline()
    a = timeline.add(_event("a", "2015"))
    b = timeline.add(_event("b", "2016"))
    timeline.link(a.id, b.id)
    command = LinkEvents(a.id, b.id)
    command.apply(timeline)
    command.revert(timeline)
    assert a.links == {b.id}  # the link existed before and stays


def test_commands_have_dutch_texts() -> None:
    assert AddEvent(LifeEvent("x", kind=EventKind.DREAM)).text == "Droom toevoegen"
    assert RemoveEvent("g1").text == "Gebeurtenis verwijderen"
    assert MoveEvent("g1", experience=2).text == "Gebeurtenis verplaatsen"


# -- life domains -----------------------------------------------------------------------


def test_resource_file_lists_the_ten_domains_with_distinct_colours_and_shapes() -> None:
    with open(resource("life_domains.toml"), "rb") as handle:
        domains = parse_life_domains(tomllib.load(handle))
    ids = [d.id for d in domains]
    assert ids == ["werk", "inkomen", "financien", "wonen", "gezondheid", "psychisch",
                   "relaties", "opleiding", "justitie", "zingeving"]
    assert len({d.colour for d in domains}) == len(domains)
    assert len({d.marker for d in domains}) == len(domains)
    assert all(d.marker in MARKERS for d in domains)
    assert next(d for d in domains if d.id == "financien").label == "Financiën en schulden"


@pytest.mark.parametrize("entry, fragment", [
    ({"id": "Werk Nu", "label": "x"}, "kleine letters"),
    ({"id": "werk", "label": ""}, "label ontbreekt"),
    ({"id": "werk", "label": "Werk", "colour": "blauw"}, "hexcode"),
    ({"id": "werk", "label": "Werk", "marker": "hart"}, "vorm 'hart'"),
])
def test_bad_domain_file_is_reported(entry: dict[str, str], fragment: str) -> None:
    with pytest.raises(DataFileError, match=fragment):
        parse_life_domains({"domain": [entry]})
    with pytest.raises(DataFileError, match="geen"):
        parse_life_domains({})


def test_unknown_domain_gets_a_grey_stand_in() -> None:
    domain = domain_for("sport", ())
    assert (domain.id, domain.label, domain.marker) == ("sport", "sport", "circle")
    assert domain_for("", ()).label == "geen domein"


# -- demo -------------------------------------------------------------------------------


def test_demo_timeline_is_rich_enough() -> None:
    timeline = demo_timeline()
    past = timeline.past()
    assert len(past) >= 10
    assert len({e.domain for e in timeline.events}) >= 6
    assert {e.when.precision for e in past if e.when} == set(Precision)
    assert any(e.when and e.when.approximate for e in past)
    assert {e.source for e in past} == set(Source)
    assert {e.kind for e in timeline.future()} == {EventKind.DREAM, EventKind.NEXT_STEP}
    assert len(timeline.link_pairs()) >= 5
    assert demo_timeline() is not timeline  # a fresh object each time


# -- minutes table ----------------------------------------------------------------------


def test_minutes_rows_are_coarse_numbered_and_linked() -> None:
    timeline = Timeline(birth_year=2000)
    a = timeline.add(LifeEvent("Ontslag op 12-03-2015", When.parse("12-03-2015"), "werk", -3,
                               note="Brief van 1 april 2015"))
    b = timeline.add(LifeEvent("Verhuisd", When.parse("10 jaar"), "wonen", 2,
                               source=Source.PROFESSIONAL))
    timeline.add(LifeEvent("Vaste baan", kind=EventKind.DREAM, experience=3, domain="werk"))
    step = timeline.add(LifeEvent("Cursus", When.parse("9-2026"), kind=EventKind.NEXT_STEP))
    timeline.link(a.id, b.id)
    timeline.link(a.id, step.id)
    domains = (LifeDomain("werk", "Werk"),)
    rows = minutes_rows(timeline, domains)
    assert [r.number for r in rows] == [1, 2, 3, 4]
    first, second, third, fourth = rows
    assert (first.when, first.domain, first.description) == ("10 jaar", "wonen", "Verhuisd")
    assert first.source == "bevinding van een professional"
    assert (second.when, second.description, second.note) == \
        ("2015", "Ontslag op 2015", "Brief van 2015")
    assert second.experience == "\u22123 (dieptepunt)" and second.domain == "Werk"
    assert second.links == (1, 3)
    assert (third.when, third.kind) == ("2026", "volgende stap")
    assert (fourth.when, fourth.kind, fourth.experience) == ("droom", "droom",
                                                             "+3 (hoogtepunt)")
    assert experience_label(0) == "0" and experience_label(1) == "+1"
