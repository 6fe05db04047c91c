"""Participants of a group: adding, editing and removing with stable codes."""

from __future__ import annotations

from collections.abc import Sequence

from casusdesk.domain.codes import FunctionDef, code_prefix, match_function, next_code, prefix_for
from casusdesk.domain.model import Domain, Participant
from casusdesk.storage.repositories import Store


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
        group = self.store.get_group(group_id)
        in_use = [p.code for p in self.store.list_participants(group_id)]
        code, counters = next_code(prefix_for(participant.function, self.functions),
                                   group.code_counters, in_use)
        return self.store.add_participant(participant, code=code, counters=counters)

    def update(self, participant: Participant) -> Participant:
        """Save edits. A new function with another prefix gives a new code.

        The old number is not handed out again, unless the participant never took part
        in a session and had the latest number of its kind (a freshly added row whose
        function is being filled in): then nothing can refer to it yet.
        """
        participant.validate()
        stored = self.store.get_participant(participant.id)
        prefix = prefix_for(participant.function, self.functions)
        if code_prefix(stored.code) != prefix:
            group = self.store.get_group(participant.group_id)
            counters = dict(group.code_counters)
            old_prefix = code_prefix(stored.code)
            if (counters.get(old_prefix) == _number(stored.code)
                    and not self.store.participant_in_sessions(stored.id)):
                counters[old_prefix] -= 1
            in_use = [p.code for p in self.store.list_participants(participant.group_id)
                      if p.id != participant.id]
            participant.code, counters = next_code(prefix, counters, in_use)
            self.store.set_code_counters(participant.group_id, counters)
        else:
            participant.code = stored.code
        return self.store.update_participant(participant)

    def remove(self, participant_id: int) -> None:
        self.store.delete_participant(participant_id)

    def restore(self, participant: Participant, position: int | None = None) -> Participant:
        """Put a removed participant back with the same code (undo of a removal)."""
        group = self.store.get_group(participant.group_id)
        return self.store.add_participant(participant, code=participant.code,
                                          counters=group.code_counters, position=position)


def _number(code: str) -> int:
    tail = code.rsplit("_", 1)[-1]
    return int(tail) if tail.isdigit() else -1
