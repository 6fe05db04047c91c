"""The report's analysis of issue moments, and what a group's sessions add up to.

Report 001 ("Overbruggen van verschillen", L2310-2318) analyses each issue moment in
five steps: the moment and the issue it raises (asked as a question), the narratives
per party (Wat / Probleem / Oorzaken en verantwoordelijkheden / Morele oordelen /
Oplossingen, L2346-2409), the frames beneath it, whether the group bridged it (and
how: reframing type, L609-621; handling of the controversy, L589-608, L4386-4390) and
what influenced it (method, discussion leadership, selection of participants, the
case, policy context, L2317-2318).

Plain Python: the analysis lives in an issue moment's capture data under the key
``"analysis"`` (a JSON object), so it travels with the moment (undo of a deletion,
backup, the damage check, the export boundary). :func:`overview` counts across the
sessions of a group.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from casusdesk.domain.errors import ValidationError
from casusdesk.domain.model import MAX_LONG_TEXT, strip_invisible

# -- capture: kinds of moment and relational tags (digest §9 items 8 and 15) ----------

#: the kinds of moment a quick stamp can be; "uit de rol gevallen" marks a participant
#: leaving the role in a role switch (report L1344, L2620, L2715-2726)
MOMENT_KINDS = {
    "botsing": "Botsing van perspectieven",
    "uit_rol": "Uit de rol gevallen",
}
DEFAULT_MOMENT_KIND = "botsing"

#: relational tags: how people dealt with each other (report L645-657, L589-608,
#: L4035-4049, L3073-3430)
RELATIONAL_TAGS = {
    "talking_nice": "talking nice",
    "pseudoakkoord": "pseudoakkoord",
    "kleine_nee": "kleine nee",
    "deskundigheidsmacht": "deskundigheidsmacht",
    "confrontatie_vermeden": "confrontatie vermeden",
}

# -- analysis vocabularies (ids stored; Dutch labels shown) ---------------------------

NARRATIVE_FIELDS = {
    "wat": "Wat",
    "probleem": "Probleem",
    "oorzaken": "Oorzaken en verantwoordelijkheden",
    "moreel": "Morele oordelen",
    "oplossingen": "Oplossingen",
}

BRIDGING = {"ja": "ja", "deels": "deels", "nee": "nee"}

REFRAMING = {
    "amplificatie": "frame-amplificatie",
    "extensie": "frame-extensie",
    "overbrugging": "frame-overbrugging",
    "transformatie": "frametransformatie",
}

CONTROVERSY = {
    "pseudoakkoord": "verenging tot pseudoakkoord",
    "oneens": "“ik ben het er niet mee eens”",
    "frame_reflectief": "frame-reflectieve dialoog",
    "onbehagen": "collectief onbehagen",
}

INFLUENCES = {
    "methode": "Methode",
    "gespreksleiding": "Gespreksleiding",
    "selectie": "Selectie deelnemers",
    "casuistiek": "Casuïstiek",
    "beleidscontext": "Beleidscontext",
}

#: the outcome of a quick capture ("overbrugd", "geparkeerd" ...) read as bridging when
#: the analysis has not said yes / partly / no yet
_OUTCOME_BRIDGING = {"overbrugd": "ja", "pseudoakkoord": "nee", "escaleren": "nee"}
#: outcomes of a moment that is not finished with
OPEN_OUTCOMES = ("geparkeerd", "escaleren")

MAX_FIELD = 10_000


def _text(value: Any, what: str, limit: int = MAX_FIELD) -> str:
    text = strip_invisible(str(value or "")).strip() if not isinstance(value, str) \
        else strip_invisible(value).strip()
    if len(text) > limit:
        raise ValidationError(f"{what} is te lang (hoogstens {limit:,} tekens).".replace(",", "."))
    return text


def _choice(value: Any, choices: Mapping[str, str], what: str) -> str:
    text = str(value or "").strip()
    if text and text not in choices:
        raise ValidationError(f"{what}: '{text[:40]}' is geen keuze "
                              f"({', '.join(choices.values())}).")
    return text


def clean_list(values: Any, what: str) -> list[str]:
    """Strings, stripped, empty and double ones dropped, in their order."""
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for value in values or ():
        text = _text(value, what, 500)
        if text and text not in out:
            out.append(text)
    return out


@dataclass
class Narrative:
    """What one party (a participant code or a service) said the issue is."""

    party: str = ""
    wat: str = ""
    probleem: str = ""
    oorzaken: str = ""
    moreel: str = ""
    oplossingen: str = ""

    def is_empty(self) -> bool:
        return not any(getattr(self, k) for k in ("party", *NARRATIVE_FIELDS))

    def to_dict(self) -> dict[str, str]:
        return {"party": self.party, **{k: getattr(self, k) for k in NARRATIVE_FIELDS}}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Narrative:
        return cls(**{k: str(data.get(k) or "") for k in ("party", *NARRATIVE_FIELDS)})


@dataclass
class IssueAnalysis:
    """Steps 1-5 of the report for one issue moment (all optional, filled in over time)."""

    question: str = ""
    narratives: list[Narrative] = field(default_factory=list)
    frames: list[str] = field(default_factory=list)
    bridged: str = ""  # "", or a key of BRIDGING
    how: str = ""
    reframing: str = ""  # "", or a key of REFRAMING
    controversy: str = ""  # "", or a key of CONTROVERSY
    influences: dict[str, str] = field(default_factory=dict)  # INFLUENCES key -> note

    def validate(self) -> IssueAnalysis:
        """Clean every field; raise ValidationError (Dutch) on a wrong choice or length."""
        self.question = _text(self.question, "De issuevraag")
        narratives = []
        for n in self.narratives:
            n.party = _text(n.party, "De partij", 200)
            for key, label in NARRATIVE_FIELDS.items():
                setattr(n, key, _text(getattr(n, key), label))
            if not n.is_empty():
                narratives.append(n)
        self.narratives = narratives
        self.frames = clean_list(self.frames, "Een frame")
        self.bridged = _choice(self.bridged, BRIDGING, "Overbrugging")
        self.how = _text(self.how, "Hoe overbrugd", MAX_LONG_TEXT)
        self.reframing = _choice(self.reframing, REFRAMING, "Soort reframing")
        self.controversy = _choice(self.controversy, CONTROVERSY, "Omgang met de controverse")
        influences = {}
        for key, note in (self.influences or {}).items():
            _choice(key, INFLUENCES, "Invloed")
            text = _text(note, INFLUENCES[key])
            if text:
                influences[key] = text
        self.influences = {k: influences[k] for k in INFLUENCES if k in influences}
        return self

    def is_empty(self) -> bool:
        return not (self.question or self.narratives or self.frames or self.bridged
                    or self.how or self.reframing or self.controversy or self.influences)

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question,
                "narratives": [n.to_dict() for n in self.narratives],
                "frames": list(self.frames), "bridged": self.bridged, "how": self.how,
                "reframing": self.reframing, "controversy": self.controversy,
                "influences": dict(self.influences)}

    @classmethod
    def from_dict(cls, data: Any) -> IssueAnalysis:
        """Read what was stored; unknown choices are dropped, not fatal (an old file)."""
        if not isinstance(data, Mapping):
            return cls()
        narratives = [Narrative.from_dict(n) for n in data.get("narratives") or ()
                      if isinstance(n, Mapping)]
        frames = [str(f) for f in data.get("frames") or () if isinstance(f, str)]
        influences = data.get("influences") or {}
        return cls(
            question=str(data.get("question") or ""), narratives=narratives, frames=frames,
            bridged=str(data.get("bridged") or "") if data.get("bridged") in BRIDGING else "",
            how=str(data.get("how") or ""),
            reframing=data.get("reframing") if data.get("reframing") in REFRAMING else "",
            controversy=data.get("controversy") if data.get("controversy") in CONTROVERSY else "",
            influences={k: str(v) for k, v in influences.items()
                        if k in INFLUENCES and isinstance(v, str) and v.strip()}
            if isinstance(influences, Mapping) else {},
        )


def analysis_of(capture_data: Mapping[str, Any]) -> IssueAnalysis:
    """The analysis kept in an issue moment's data (empty when none was done)."""
    return IssueAnalysis.from_dict(capture_data.get("analysis"))


def moment_frames(capture_data: Mapping[str, Any]) -> list[str]:
    """Frames of a moment: those chosen in the console and in the analysis, once each."""
    frames = clean_list(capture_data.get("frames") or [], "Een frame")
    for frame in analysis_of(capture_data).frames:
        if frame not in frames:
            frames.append(frame)
    return frames


def bridging_of(capture_data: Mapping[str, Any]) -> str:
    """"ja", "deels", "nee" or "" (not judged): the analysis's, else the quick outcome's."""
    bridged = analysis_of(capture_data).bridged
    if bridged:
        return bridged
    return _OUTCOME_BRIDGING.get(str(capture_data.get("outcome") or "").strip(), "")


def is_open(capture_data: Mapping[str, Any]) -> bool:
    """Parked or escalated, or not yet judged at all: a moment to come back to."""
    outcome = str(capture_data.get("outcome") or "").strip()
    if outcome in OPEN_OUTCOMES:
        return True
    return not bridging_of(capture_data) and not outcome


@dataclass
class SessionAnalysis:
    """Per session: the topics that were discussed without a clash (report L2462-2468)."""

    uncontested: list[str] = field(default_factory=list)

    def validate(self) -> SessionAnalysis:
        self.uncontested = clean_list(self.uncontested, "Een onderwerp")
        return self

    def to_dict(self) -> dict[str, Any]:
        return {"uncontested": list(self.uncontested)}

    @classmethod
    def from_dict(cls, data: Any) -> SessionAnalysis:
        if not isinstance(data, Mapping):
            return cls()
        return cls([str(t) for t in data.get("uncontested") or () if isinstance(t, str)])


# -- across the sessions of a group ----------------------------------------------------


@dataclass(frozen=True)
class MomentRow:
    """One issue moment as the overview counts it (no free text but the theme/frames)."""

    session_key: str  # e.g. "12-03-2026"; the overview's column
    capture_id: int
    theme: str
    frames: tuple[str, ...]
    bridged: str
    open: bool
    kind: str
    #: the services that clashed (e.g. ("Werk & Inkomen", "Zorg & Welzijn")), sorted
    services: tuple[str, ...] = ()


def moment_row(session_key: str, capture_id: int, data: Mapping[str, Any],
               service_of: Mapping[str, str]) -> MomentRow:
    """Reduce an issue moment's data to what the overview counts."""
    codes = data.get("codes") or []
    if isinstance(codes, str):
        codes = [codes]
    services = tuple(sorted({service_of[c] for c in codes if c in service_of}))
    kind = str(data.get("moment") or DEFAULT_MOMENT_KIND)
    return MomentRow(session_key, capture_id, str(data.get("theme") or "").strip(),
                     tuple(moment_frames(data)), bridging_of(data), is_open(data),
                     kind if kind in MOMENT_KINDS else DEFAULT_MOMENT_KIND, services)


NO_THEME = "(geen thema)"


@dataclass
class Overview:
    """What a group's issue moments add up to, session after session."""

    sessions: list[str]
    #: theme -> session -> count (themes in order of first appearance; NO_THEME last)
    themes: dict[str, dict[str, int]]
    frames: dict[str, dict[str, int]]
    #: session -> Counter of "ja" / "deels" / "nee" / "" (not judged)
    bridging: dict[str, Counter]
    moments: int
    open_moments: list[MomentRow]
    #: (service pair, number of sessions in which it clashed, moments) for pairs that
    #: clashed in more than one session
    recurring: list[tuple[tuple[str, ...], int, int]]
    #: the topics nobody contested, with the number of sessions they were named in
    uncontested: list[tuple[str, int]]

    def bridging_rate(self, session: str | None = None) -> float | None:
        """Share of judged moments that were bridged: yes counts 1, partly 1/2.

        None when no moment (of ``session``, or of all sessions) was judged.
        """
        counts = Counter()
        for key, c in self.bridging.items():
            if session is None or key == session:
                counts.update(c)
        judged = counts["ja"] + counts["deels"] + counts["nee"]
        if not judged:
            return None
        return (counts["ja"] + counts["deels"] / 2) / judged

    def theme_total(self, theme: str) -> int:
        return sum(self.themes.get(theme, {}).values())


def overview(sessions: Sequence[str], rows: Iterable[MomentRow],
             uncontested: Mapping[str, Sequence[str]] | None = None,
             *, kinds: Iterable[str] = ("botsing",)) -> Overview:
    """Count moments per theme, frame and session, bridging, open moments and clashes.

    Args:
        sessions: the session keys in time order (a session without moments stays).
        rows: the moments (see :func:`moment_row`).
        uncontested: session key -> the topics named as not contested.
        kinds: the kinds of moment counted (by default clashes; "uit_rol" are markers).
    """
    wanted = set(kinds)
    rows = [r for r in rows if r.kind in wanted]
    themes: dict[str, dict[str, int]] = {}
    frames: dict[str, dict[str, int]] = {}
    bridging = {s: Counter() for s in sessions}
    pairs: dict[tuple[str, ...], tuple[set[str], int]] = {}
    for r in rows:
        theme = r.theme or NO_THEME
        per = themes.setdefault(theme, {})
        per[r.session_key] = per.get(r.session_key, 0) + 1
        for frame in r.frames:
            fper = frames.setdefault(frame, {})
            fper[r.session_key] = fper.get(r.session_key, 0) + 1
        bridging.setdefault(r.session_key, Counter())[r.bridged] += 1
        if len(r.services) >= 2:
            seen, count = pairs.get(r.services, (set(), 0))
            seen.add(r.session_key)
            pairs[r.services] = (seen, count + 1)
    if NO_THEME in themes:
        themes[NO_THEME] = themes.pop(NO_THEME)
    recurring = sorted(((pair, len(seen), n) for pair, (seen, n) in pairs.items()
                        if len(seen) > 1), key=lambda t: (-t[1], -t[2], t[0]))
    topics: Counter = Counter()
    for key in sessions:
        topics.update(set((uncontested or {}).get(key, ())))
    return Overview(list(sessions), themes, frames, bridging, len(rows),
                    [r for r in rows if r.open], recurring,
                    sorted(topics.items(), key=lambda t: (-t[1], t[0])))
