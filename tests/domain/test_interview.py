from casusdesk.domain.interview import CHECKS, InterviewPrep
from casusdesk.domain.model import Domain

DOMAINS = {"KM_1": Domain.WERK_INKOMEN, "SW_1": Domain.ZORG_WELZIJN}


def test_a_complete_preparation_has_no_problems():
    prep = InterviewPrep("KM_1", "SW_1", "jonge man zonder startkwalificatie",
                         checks={k: True for k in CHECKS})
    assert prep.problems(DOMAINS) == []


def test_the_pair_must_come_from_both_services():
    prep = InterviewPrep("SW_1", "KM_1", "persona", checks={k: True for k in CHECKS})
    problems = prep.problems(DOMAINS)
    assert "SW_1 werkt niet in Werk & Inkomen." in problems
    assert "KM_1 werkt niet in Zorg & Welzijn." in problems


def test_missing_checks_are_named():
    prep = InterviewPrep("KM_1", "SW_1", "persona", checks={"consent": True})
    problems = prep.problems(DOMAINS)
    assert any("fraudeonderzoek" in p for p in problems)
    assert not any("toestemming" in p for p in problems)


def test_round_trip_ignores_unknown_checks():
    prep = InterviewPrep("KM_1", "SW_1", "p", "2026-12-01", {"consent": True, "x": True},
                         {"Welke vragen stelde de ander?": "Over werk"})
    back = InterviewPrep.from_dict(prep.to_dict())
    assert back.checks == {"consent": True}
    assert back.reflection == {"Welke vragen stelde de ander?": "Over werk"}
