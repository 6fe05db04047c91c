"""Groups, participants, sessions and cases as plain dataclasses."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum

from casusdesk.domain.errors import ValidationError


class Domain(StrEnum):
    """The working domain of a participant."""

    WERK_INKOMEN = "Werk & Inkomen"
    ZORG_WELZIJN = "Zorg & Welzijn"
    JEUGD = "Jeugd"
    BELEID = "Beleid"
    CLIENT = "Cliënt"
    OVERIG = "Overig"


class ProblemLevel(StrEnum):
    """Problem level after Perlman: presenting, underlying or fundamental."""

    AANMELDKLACHT = "aanmeldklacht"
    ONDERLIGGEND = "onderliggend"
    FUNDAMENTEEL = "fundamenteel"


PROBLEM_LEVEL_LABELS = {
    ProblemLevel.AANMELDKLACHT: "Aanmeldklacht (het probleem zoals het zich aandient)",
    ProblemLevel.ONDERLIGGEND: "Onderliggend probleem (de oorzaak)",
    ProblemLevel.FUNDAMENTEEL: "Fundamenteel probleem (mogelijk niet oplosbaar)",
}

WHOSE_PROBLEM_CHOICES = ("de cliënt", "het netwerk van de cliënt", "de professional")

#: characters that do not show but can hide a name from a search: soft hyphen (often
#: pasted from a PDF), zero-width space/joiners, word joiner, byte-order mark
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


#: control characters (C0 except tab and newline, DEL, C1): text pasted from Word or
#: Outlook carries \x0b and \x0c, which XML (docx, SVG) cannot hold, and \x00, which
#: cuts strings short in C libraries; \r is folded into \n by :func:`strip_invisible`
CONTROL = dict.fromkeys(
    [c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)] + list(range(0x7F, 0xA0)))
_STRIP = {**INVISIBLE, **CONTROL}
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def strip_invisible(text: str) -> str:
    """Remove what does not show or cannot be stored or exported safely.

    Soft hyphens and zero-width characters (so "Ja\u00adn" is "Jan" for every check),
    control characters (a vertical tab from Word becomes a newline, the rest goes),
    Windows line ends (folded to \n) and lone surrogates (from broken pastes; they
    cannot be encoded as UTF-8). Everything else is left exactly as it was.
    """
    if text.isascii() and text.isprintable():
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n").replace("\x0c", "\n")
    text = text.translate(_STRIP)
    return _LONE_SURROGATE.sub("", text)


def has_hidden_characters(text: str) -> bool:
    """True when :func:`strip_invisible` would change ``text`` (for a notice to the user)."""
    return strip_invisible(text) != text


MAX_SHORT_TEXT = 200
MAX_LONG_TEXT = 100_000


def clean_text(value: str, *, field_name: str, required: bool = False,
               limit: int = MAX_SHORT_TEXT) -> str:
    """Strip a text field and check its length; raise ValidationError with a Dutch message."""
    text = strip_invisible(value or "").strip()
    if required and not text:
        raise ValidationError(f"{field_name} mag niet leeg zijn.")
    if len(text) > limit:
        raise ValidationError(f"{field_name} is te lang (hoogstens {limit} tekens).")
    return text


@dataclass
class Group:
    """A fixed intervision group or werkplaats."""

    name: str
    description: str = ""
    id: int | None = None
    #: highest number handed out per code prefix; numbers are never reused
    code_counters: dict[str, int] = field(default_factory=dict)
    #: the stored row's version when this copy was read (0 for a new group)
    version: int = 0

    def validate(self) -> None:
        self.name = clean_text(self.name, field_name="De naam van de groep", required=True)
        self.description = clean_text(self.description, field_name="De beschrijving",
                                      limit=MAX_LONG_TEXT)


@dataclass
class Participant:
    """A member (or guest) of a group. The name stays on this laptop."""

    group_id: int
    function: str
    domain: Domain = Domain.OVERIG
    name: str = ""
    organisation: str = ""
    code: str = ""
    guest: bool = False
    id: int | None = None
    #: nicknames and other names the participant goes by ("Jan" for Johannes); like
    #: the name they stay on this laptop and are removed from every export
    aliases: list[str] = field(default_factory=list)
    #: the stored row's version when this copy was read
    version: int = 0
    #: stored fields that could not be read (column name -> why, in Dutch; never the
    #: content): they read as empty and are not written back unless changed
    damaged: dict[str, str] = field(default_factory=dict, compare=False)

    def validate(self) -> None:
        self.function = clean_text(self.function, field_name="De functie", required=True)
        self.name = clean_text(self.name, field_name="De naam")
        self.organisation = clean_text(self.organisation, field_name="De organisatie")
        self.domain = Domain(self.domain)
        aliases: list[str] = []
        for alias in self.aliases or ():
            text = clean_text(alias, field_name="Een bijnaam")
            if text and text not in aliases:
                aliases.append(text)
        self.aliases = aliases

    @property
    def display(self) -> str:
        """Label for the facilitator's own screen (never exported)."""
        return f"{self.code} – {self.name}" if self.name else self.code


@dataclass
class Case:
    """The case brought in (casusinbreng), prepared with the case-bringer."""

    title: str = ""
    coaching_question: str = ""
    case_bringer_id: int | None = None
    problem_level: ProblemLevel = ProblemLevel.AANMELDKLACHT
    whose_problem: str = ""
    target_group: str = ""
    client_pseudonym: str = ""
    client_real_name: str = ""
    client_aliases: list[str] = field(default_factory=list)
    missing_facts: str = ""
    description: str = ""

    def validate(self) -> None:
        self.title = clean_text(self.title, field_name="De titel van de casus")
        self.coaching_question = clean_text(self.coaching_question, field_name="De coachvraag",
                                            limit=2000)
        self.problem_level = ProblemLevel(self.problem_level)
        self.whose_problem = clean_text(self.whose_problem, field_name="Wiens probleem")
        self.target_group = clean_text(self.target_group, field_name="De doelgroep", limit=2000)
        self.client_pseudonym = clean_text(self.client_pseudonym,
                                           field_name="Het pseudoniem van de cliënt")
        self.client_real_name = clean_text(self.client_real_name,
                                           field_name="De echte naam van de cliënt")
        aliases = (clean_text(a, field_name="Een alias van de cliënt")
                   for a in self.client_aliases or ())
        self.client_aliases = [a for a in aliases if a]
        self.missing_facts = clean_text(self.missing_facts, field_name="Ontbrekende feiten",
                                        limit=MAX_LONG_TEXT)
        self.description = clean_text(self.description, field_name="De beschrijving",
                                      limit=MAX_LONG_TEXT)

    @property
    def known_names(self) -> list[str]:
        """The client's real name and aliases: to be removed from every export."""
        names = [self.client_real_name, *self.client_aliases]
        return [n for n in names if n]


@dataclass
class Session:
    """One meeting of a group: date, method, case and who was there."""

    group_id: int
    date: dt.date
    place: str = ""
    method_id: str = ""
    attendance: list[int] = field(default_factory=list)
    case: Case = field(default_factory=Case)
    id: int | None = None
    #: the stored row's version when this copy was read
    version: int = 0
    #: stored fields that could not be read (column name -> why, in Dutch; never the
    #: content): they read as empty and are not written back unless changed
    damaged: dict[str, str] = field(default_factory=dict, compare=False)

    def validate(self) -> None:
        if not isinstance(self.date, dt.date):
            raise ValidationError("De datum van de bijeenkomst ontbreekt.")
        self.place = clean_text(self.place, field_name="De plaats of ruimte")
        self.method_id = strip_invisible(self.method_id or "")
        self.attendance = sorted(set(self.attendance))
        self.case.validate()

    @property
    def title(self) -> str:
        # not "Bijeenkomst": the session page shows "Bijeenkomst <title>", which then
        # read "Bijeenkomst 02-01-2027 · Bijeenkomst" for a planned next meeting
        label = self.case.title or "nog zonder titel"
        return f"{self.date:%d-%m-%Y} · {label}"


@dataclass
class Capture:
    """Something recorded during a session, stored the moment it is made.

    ``kind`` is one of CAPTURE_KINDS; ``data`` holds the kind's fields (text,
    codes, starred, due date ...) as plain JSON-friendly values.
    """

    session_id: int
    kind: str
    data: dict = field(default_factory=dict)
    phase_index: int = 0
    session_seconds: float = 0.0
    created_at: dt.datetime | None = None
    id: int | None = None
    #: why the stored row could not be read (Dutch, never its content); "" when it is
    #: whole. A damaged capture has empty ``data`` and is never written back.
    damaged: str = ""


CAPTURE_KINDS = (
    "note", "question", "tip", "fact", "criterion", "golden_circle", "agreement",
    "reflection", "issue_moment",
)
