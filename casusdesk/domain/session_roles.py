"""Who does what in a meeting, and whether it is held physically or online.

The report names four roles for a session (digest 001 §9, items 2 and 24):
the facilitator (gespreksleider), a neutral chair who also keeps time, a note-taker
(verslaglegger) and an observer. Each is a participant code, someone from outside the
group (the intervisor, a researcher) or nobody. An online session misses non-verbal
cues, which the minutes say.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from casusdesk.domain.errors import ValidationError

#: (key, Dutch label), in the order the screen and the minutes show them
SESSION_ROLES = (
    ("gespreksleider", "Gespreksleider"),
    ("voorzitter", "Voorzitter en tijdbewaker"),
    ("verslaglegger", "Verslaglegger"),
    ("observator", "Observator"),
)
SESSION_ROLE_LABELS = dict(SESSION_ROLES)

#: a role held by someone who is not a member of the group
EXTERNAL = "extern"
EXTERNAL_LABEL = "iemand van buiten de groep"

MODES = ("fysiek", "online")
MODE_LABELS = {"fysiek": "Fysiek (samen in één ruimte)", "online": "Online (beeldbellen)"}
ONLINE_NOTE = ("Online bijeenkomst: non-verbale signalen waren minder goed te zien; "
               "observaties staan apart vermeld.")


@dataclass
class SessionSetup:
    """The session roles (key → participant code, ``EXTERNAL`` or "") and the mode."""

    mode: str = "fysiek"
    roles: dict[str, str] = field(default_factory=dict)

    def validate(self, codes: Iterable[str]) -> None:
        """Raise a Dutch ValidationError for an unknown mode, role or code."""
        if self.mode not in MODES:
            raise ValidationError(f"De vorm '{self.mode}' bestaat niet; kies fysiek of online.")
        known = set(codes)
        clean: dict[str, str] = {}
        for key, value in self.roles.items():
            if key not in SESSION_ROLE_LABELS:
                raise ValidationError(f"De rol '{key}' bestaat niet in een bijeenkomst.")
            value = (value or "").strip()
            if value and value != EXTERNAL and value not in known:
                raise ValidationError(
                    f"{SESSION_ROLE_LABELS[key]}: de code '{value}' hoort niet bij de groep.")
            if value:
                clean[key] = value
        self.roles = clean

    def holder(self, key: str) -> str:
        return self.roles.get(key, "")

    def lines(self) -> list[tuple[str, str]]:
        """(label, who) for every role that is filled in, for the minutes and agenda."""
        out = []
        for key, label in SESSION_ROLES:
            value = self.roles.get(key, "")
            if value:
                out.append((label, EXTERNAL_LABEL if value == EXTERNAL else value))
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"mode": self.mode, "roles": dict(self.roles)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> SessionSetup:
        """Read a stored setup; what cannot be read falls back to the defaults."""
        if not isinstance(data, Mapping):
            return cls()
        mode = data.get("mode") if data.get("mode") in MODES else "fysiek"
        roles = data.get("roles") if isinstance(data.get("roles"), Mapping) else {}
        return cls(mode=str(mode), roles={str(k): str(v) for k, v in roles.items()
                                          if k in SESSION_ROLE_LABELS and isinstance(v, str)
                                          and v})
