"""The report's analysis of issue moments and the counts across sessions (no Qt)."""

from __future__ import annotations

import pytest

from casusdesk.domain.analysis import (
    NO_THEME, IssueAnalysis, Narrative, SessionAnalysis, analysis_of, bridging_of, is_open,
    moment_frames, moment_row, overview,
)
from casusdesk.domain.errors import ValidationError

SERVICES = {"KM_1": "Werk & Inkomen", "KMI_1": "Werk & Inkomen", "SW_1": "Zorg & Welzijn",
            "WMO_1": "Zorg & Welzijn", "JZ_1": "Jeugd"}


def moment(theme="", frames=(), bridged="", outcome="", codes=("KM_1", "SW_1"), kind=None,
           analysis_frames=()):
    data = {"codes": list(codes), "theme": theme, "frames": list(frames), "outcome": outcome}
    if kind:
        data["moment"] = kind
    if bridged or analysis_frames:
        data["analysis"] = {"bridged": bridged, "frames": list(analysis_frames)}
    return data


def test_an_analysis_round_trips_and_drops_empty_narratives():
    a = IssueAnalysis(
        question="  Hoe kom ik tot een goed oordeel over de cliënt? ",
        narratives=[Narrative("KM_1", wat="Je moet mensen zelf zien.", moreel="Zien is weten."),
                    Narrative()],
        frames=["Handhavingsframe (rechtmatigheid, fraude)", "Eigen frame", "Eigen frame"],
        bridged="deels", how="Erkenning dat feiten alleen te kort door de bocht zijn.",
        reframing="extensie", controversy="frame_reflectief",
        influences={"methode": "De rolwisseling dwong tot luisteren.", "casuistiek": "  "},
    ).validate()
    assert a.question == "Hoe kom ik tot een goed oordeel over de cliënt?"
    assert [n.party for n in a.narratives] == ["KM_1"]
    assert a.frames == ["Handhavingsframe (rechtmatigheid, fraude)", "Eigen frame"]
    assert a.influences == {"methode": "De rolwisseling dwong tot luisteren."}
    again = IssueAnalysis.from_dict(a.to_dict())
    assert again == a
    assert analysis_of({"analysis": a.to_dict()}) == a


def test_a_wrong_choice_is_refused_in_dutch():
    with pytest.raises(ValidationError, match="Overbrugging"):
        IssueAnalysis(bridged="misschien").validate()
    with pytest.raises(ValidationError, match="reframing"):
        IssueAnalysis(reframing="omdraaien").validate()
    with pytest.raises(ValidationError, match="Invloed"):
        IssueAnalysis(influences={"weer": "regen"}).validate()


def test_an_old_or_damaged_analysis_reads_as_far_as_it_can():
    a = IssueAnalysis.from_dict({"question": "Wie beslist?", "bridged": "wellicht",
                                 "frames": ["Gemeenschapsframe", 3], "narratives": ["x"],
                                 "influences": {"methode": "ja", "onbekend": "nee"}})
    assert a.question == "Wie beslist?" and a.bridged == "" and a.frames == ["Gemeenschapsframe"]
    assert a.narratives == [] and a.influences == {"methode": "ja"}
    assert IssueAnalysis.from_dict("kapot").is_empty()


def test_frames_bridging_and_open_moments_of_one_moment():
    data = moment(frames=["Marktframe (doelmatigheid, uitstroom)"], bridged="ja",
                  analysis_frames=["Marktframe (doelmatigheid, uitstroom)", "Gemeenschapsframe"])
    assert moment_frames(data) == ["Marktframe (doelmatigheid, uitstroom)", "Gemeenschapsframe"]
    assert bridging_of(data) == "ja" and not is_open(data)
    # without an analysis the quick outcome counts
    assert bridging_of(moment(outcome="overbrugd")) == "ja"
    assert bridging_of(moment(outcome="pseudoakkoord")) == "nee"
    assert is_open(moment(outcome="geparkeerd"))
    assert is_open(moment())  # nothing said about it yet
    assert not is_open(moment(outcome="pseudoakkoord"))


def test_counts_per_theme_frame_and_session_and_the_bridging_rate():
    sessions = ["01-02-2026", "01-03-2026", "05-04-2026"]
    rows = [
        moment_row("01-02-2026", 1, moment("Verantwoordelijkheid", ["Handhavingsframe"],
                                          bridged="nee"), SERVICES),
        moment_row("01-02-2026", 2, moment("Verantwoordelijkheid", outcome="geparkeerd"),
                   SERVICES),
        moment_row("01-02-2026", 3, moment("Privacy", ["Handhavingsframe", "Behoefteframe"],
                                          bridged="deels"), SERVICES),
        moment_row("01-03-2026", 4, moment("Verantwoordelijkheid", bridged="ja"), SERVICES),
        moment_row("01-03-2026", 5, moment("", ["Behoefteframe"], bridged="ja",
                                          codes=("KMI_1", "WMO_1")), SERVICES),
        moment_row("01-03-2026", 6, moment("Privacy", kind="uit_rol", bridged="nee"), SERVICES),
    ]
    ov = overview(sessions, rows, {"01-02-2026": ["hetzelfde doel"],
                                   "01-03-2026": ["hetzelfde doel", "rol van wie er niet is"]})
    assert ov.sessions == sessions
    assert ov.moments == 5  # the "uit de rol" marker is no clash
    assert ov.themes == {"Verantwoordelijkheid": {"01-02-2026": 2, "01-03-2026": 1},
                         "Privacy": {"01-02-2026": 1}, NO_THEME: {"01-03-2026": 1}}
    assert list(ov.themes)[-1] == NO_THEME
    assert ov.theme_total("Verantwoordelijkheid") == 3
    assert ov.frames == {"Handhavingsframe": {"01-02-2026": 2},
                         "Behoefteframe": {"01-02-2026": 1, "01-03-2026": 1}}
    # session 1: nee, (geparkeerd: not judged), deels -> (0 + 0.5) / 2
    assert ov.bridging_rate("01-02-2026") == pytest.approx(0.25)
    assert ov.bridging_rate("01-03-2026") == pytest.approx(1.0)
    assert ov.bridging_rate("05-04-2026") is None  # no moments at all
    assert ov.bridging_rate() == pytest.approx((0 + 0.5 + 1 + 1) / 4)
    assert [r.capture_id for r in ov.open_moments] == [2]
    # Werk & Inkomen against Zorg & Welzijn in both sessions with moments
    assert ov.recurring == [(("Werk & Inkomen", "Zorg & Welzijn"), 2, 5)]
    assert ov.uncontested == [("hetzelfde doel", 2), ("rol van wie er niet is", 1)]


def test_markers_can_be_counted_on_their_own():
    rows = [moment_row("s", 1, moment("Privacy", kind="uit_rol"), SERVICES),
            moment_row("s", 2, moment("Privacy"), SERVICES)]
    assert overview(["s"], rows, kinds=("uit_rol",)).moments == 1


def test_a_clash_within_one_service_is_no_clash_between_services():
    rows = [moment_row(k, i, moment(codes=("KM_1", "KMI_1")), SERVICES)
            for i, k in enumerate(["a", "b"])]
    assert overview(["a", "b"], rows).recurring == []


def test_uncontested_topics_are_cleaned():
    s = SessionAnalysis([" hetzelfde doel ", "", "hetzelfde doel", "politieke invloed"]).validate()
    assert s.uncontested == ["hetzelfde doel", "politieke invloed"]
    assert SessionAnalysis.from_dict(s.to_dict()) == s
