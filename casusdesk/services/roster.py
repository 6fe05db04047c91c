"""Participants of a group: adding, editing and removing with stable codes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from casusdesk.domain.codes import FunctionDef, match_function, prefix_for
from casusdesk.domain.model import Domain, Participant
from casusdesk.storage.repositories import PARTICIPANT_FIELDS, Store


@dataclass(frozen=True)
class Ties:
    """What a participant is part of: lost on removal, given back on undo."""

    #: (session id, title) of the sessions the participant attended
    attended: tuple[tuple[int, str], ...] = ()
    #: (session id, title) of the sessions whose case the participant brought in
    brought: tuple[tuple[int, str], ...] = ()
    #: agreements that name the participant's code as owner (they keep the code)
    agreements: int = 0

    def describe(self, code: str) -> str:
        """In Dutch, for the question before removing."""
        lines = []
        if self.attended:
            n = len(self.attended)
            lines.append(f"• aanwezig bij {n} bijeenkomst{'en' if n != 1 else ''}: "
                         "die aanwezigheid verdwijnt")
        for _sid, title in self.brought:
            lines.append(f"• casusinbrenger van {title}: die bijeenkomst heeft dan geen "
                         "casusinbrenger meer")
        if self.agreements:
            n = self.agreements
            lines.append(f"• {n} afspra{'ken staan' if n != 1 else 'ak staat'} op {code}: "
                         "de code blijft daarin staan")
        return "\n".join(lines)


class Roster:
    """The use cases behind the participant table."""

    def __init__(self, store: Store, functions: Sequence[FunctionDef]) -> None:
        self.store = store
        self.functions = tuple(functions)

    def default_domain(self, function: str) -> Domain:
        fn = match_function(function, self.functions)
        return fn.domain if fn else Domain.OVERIG

    def function_id(self, function: str) -> str | None:
        fn = match_function(function, self.functions)
        return fn.id if fn else None

    def add(self, group_id: int, *, function: str, name: str = "", organisation: str = "",
            domain: Domain | None = None, guest: bool = False) -> Participant:
        """Add a participant; the code follows from the function (KM_1, SW_2 ...)."""
        participant = Participant(group_id=group_id, function=function, name=name,
                                  organisation=organisation,
                                  domain=domain or self.default_domain(function), guest=guest)
        participant.validate()
        return self.store.add_participant(
            participant, prefix=prefix_for(participant.function, self.functions))

    def update(self, participant: Participant) -> Participant:
        """Save all editable fields of ``participant``; refused (ConflictError) when the
        participant was changed since this copy was read. See :meth:`edit`."""
        saved = self.edit(participant.id,
                          {k: getattr(participant, k) for k in PARTICIPANT_FIELDS},
                          expected_version=participant.version)
        participant.__dict__.update(saved.__dict__)
        return participant

    def edit(self, participant_id: int, changes: dict, *, expected_version: int | None = None,
             base: dict | None = None) -> Participant:
        """Save the changed fields only. A new function with another prefix gives a new
        code, handed out by the store in the same transaction.

        The old number is not handed out again, unless the participant never took part
        in a session and had the latest number of its kind (a freshly added row whose
        function is being filled in): then nothing can refer to it yet.
        """
        prefix = prefix_for(changes["function"], self.functions) if "function" in changes \
            else None
        return self.store.update_participant_fields(
            participant_id, changes, expected_version=expected_version, base=base,
            prefix=prefix, release_number=True)

    def remove(self, participant_id: int) -> None:
        self.store.delete_participant(participant_id)

    def ties(self, participant: Participant) -> Ties:
        """The sessions and agreements that name ``participant``."""
        attended, brought, agreements = [], [], 0
        for s in self.store.list_sessions(participant.group_id):
            assert s.id is not None
            if participant.id in s.attendance:
                attended.append((s.id, s.title))
            if s.case.case_bringer_id == participant.id:
                brought.append((s.id, s.title))
            agreements += sum(1 for c in self.store.list_captures(s.id, "agreement")
                              if not c.damaged and participant.code
                              and c.data.get("owner") == participant.code)
        return Ties(tuple(attended), tuple(brought), agreements)

    def restore_ties(self, participant: Participant, ties: Ties) -> None:
        """Give a restored participant back their attendance and the cases they brought
        (sessions deleted since are skipped; a case-bringer chosen since is kept)."""
        attended = {sid for sid, _t in ties.attended}
        brought = {sid for sid, _t in ties.brought}
        for session in self.store.list_sessions(participant.group_id):
            assert session.id is not None
            changes: dict = {}
            if session.id in attended and participant.id not in session.attendance:
                changes["attendance"] = [*session.attendance, participant.id]
            if session.id in brought and session.case.case_bringer_id is None:
                changes["case_bringer_id"] = participant.id
            if changes:
                self.store.update_session_fields(session.id, changes)

    def restore(self, participant: Participant, position: int | None = None) -> Participant:
        """Put a removed participant back with the same code and id (undo of a removal)."""
        return self.store.add_participant(participant, position=position)
