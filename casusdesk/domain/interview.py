"""Preparing a joint client interview (gezamenlijk interviewen).

A professional from Werk & Inkomen and one from Zorg & Welzijn interview a client
together and lay the client's life events on a timeline. The report sets
conditions so the client can speak freely: not one's own client, no fraud
investigation running, and both services involved. The client receives an
information letter and gives consent; afterwards the pair reflects on what the
other asked and noticed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from casusdesk.domain.model import Domain, clean_text

#: the checks, in the order the facilitator goes through them
CHECKS: dict[str, str] = {
    "not_own_client": "Het is voor geen van beiden een eigen cliënt",
    "no_fraud_investigation": "Er loopt geen fraudeonderzoek",
    "both_services": "Werk & Inkomen én Zorg & Welzijn zijn bij de cliënt betrokken",
    "letter_sent": "De cliënt heeft de informatiebrief gekregen",
    "consent": "De cliënt heeft toestemming gegeven",
}

#: questions for the pair afterwards
PAIR_REFLECTION = (
    "Welke vragen stelde de ander?",
    "Waar lette de ander op?",
    "Wat vond de ander belangrijk?",
    "Wat zag je door de vragen van de ander dat je zelf had gemist?",
)


@dataclass
class InterviewPrep:
    """The preparation and the pair's reflection, kept with the session."""

    pair_work_code: str = ""
    pair_care_code: str = ""
    persona: str = ""
    planned_date: str = ""
    checks: dict[str, bool] = field(default_factory=dict)
    reflection: dict[str, str] = field(default_factory=dict)

    def problems(self, domains_by_code: dict[str, Domain]) -> list[str]:
        """What still stands in the way of the interview, in Dutch; empty when all is set."""
        found: list[str] = []
        if not self.pair_work_code or not self.pair_care_code:
            found.append("Kies het duo: één uit Werk & Inkomen en één uit Zorg & Welzijn.")
        else:
            if domains_by_code.get(self.pair_work_code) != Domain.WERK_INKOMEN:
                found.append(f"{self.pair_work_code} werkt niet in Werk & Inkomen.")
            if domains_by_code.get(self.pair_care_code) != Domain.ZORG_WELZIJN:
                found.append(f"{self.pair_care_code} werkt niet in Zorg & Welzijn.")
        if not self.persona.strip():
            found.append("Beschrijf de doelgroep of persona, zodat de cliënt erbij past.")
        for key, label in CHECKS.items():
            if not self.checks.get(key):
                found.append(f"Nog niet afgevinkt: {label}.")
        return found

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> InterviewPrep:
        data = data or {}
        prep = cls(
            pair_work_code=str(data.get("pair_work_code", "")),
            pair_care_code=str(data.get("pair_care_code", "")),
            persona=clean_text(str(data.get("persona", "")), field_name="De persona", limit=5000),
            planned_date=str(data.get("planned_date", "")),
            checks={k: bool(v) for k, v in dict(data.get("checks", {})).items() if k in CHECKS},
            reflection={str(k): str(v) for k, v in dict(data.get("reflection", {})).items()},
        )
        return prep
