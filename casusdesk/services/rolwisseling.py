"""Role switch for a session: who plays which role, and the role cards."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from casusdesk.domain.roles import (
    PlayerInfo, Role, RoleCardData, composition_warning, propose_from_table, table_roles,
)
from casusdesk.services.roster import Roster
from casusdesk.storage.repositories import Store

if TYPE_CHECKING:  # reportlab is imported when cards are made, not at start (demo)
    from casusdesk.services.cards import CardsResult


def players(store: Store, roster: Roster, session_id: int) -> list[PlayerInfo]:
    """The participants present, as the assignment needs them (code, own function, domain)."""
    session = store.get_session(session_id)
    present = set(session.attendance)
    return [PlayerInfo(p.code, roster.function_id(p.function), p.domain)
            for p in store.list_participants(session.group_id) if p.id in present]


def options(store: Store, session_id: int) -> dict:
    """The facilitator's choices for the proposal: the client role on or off, the other
    essential roles switched on, and the roles chosen by hand."""
    doc = store.get_document(session_id, "roles") or {}
    essential = doc.get("essential") or []
    return {"include_client": bool(doc.get("include_client")),
            "essential": [r for r in essential if isinstance(r, str)],
            "overrides": dict(doc.get("overrides") or {})}


def pool(store: Store, roster: Roster, session_id: int,
         roles: Mapping[str, Role]) -> dict[str, Role]:
    """The roles this session's switch may hand out: the functions present plus the
    essential roles switched on (see :func:`casusdesk.domain.roles.table_roles`)."""
    chosen = options(store, session_id)
    return table_roles(players(store, roster, session_id), roles,
                       include_client=chosen["include_client"], essential=chosen["essential"])


def table_warning(store: Store, session_id: int) -> str | None:
    """The warning for a group too alike for a role switch (no Werk & Inkomen or no
    Zorg & Welzijn among those present), with the report's question; None when fine."""
    session = store.get_session(session_id)
    present = set(session.attendance)
    return composition_warning(p.domain for p in store.list_participants(session.group_id)
                               if p.id in present)


def assignment(store: Store, roster: Roster, session_id: int,
               roles: Mapping[str, Role], *, keep: bool = True) -> dict[str, str]:
    """The stored assignment (code → role id), or a fresh proposal.

    A stored assignment counts only while it covers everybody present with roles of the
    table (someone who came or left, or a role switched off, makes a fresh proposal).

    Args:
        keep: store a fresh proposal (the roles screen, so the projector shows it);
            exports pass False: they only read, also from an archived copy.
    """
    doc = store.get_document(session_id, "roles") or {}
    people = players(store, roster, session_id)
    codes = {p.code for p in people}
    allowed = pool(store, roster, session_id, roles)
    stored = {c: r for c, r in _stored_assignment(doc).items() if c in codes and r in allowed}
    if stored and set(stored) == codes:
        return stored
    chosen = options(store, session_id)
    if not keep or "roles" in store.damaged_documents(session_id):
        # a damaged stored document stays until the facilitator changes the roles
        return proposal(store, roster, session_id, roles, **chosen)
    return propose(store, roster, session_id, roles, **chosen)


def stored_mismatch(store: Store, roster: Roster, session_id: int,
                    roles: Mapping[str, Role]) -> str:
    """How the stored assignment no longer fits who is present (Dutch, one line), or "".

    The stored assignment is never changed here: the facilitator decides (the roles
    screen makes a new proposal). Until then the room sees only the roles of those
    present (see :func:`board`)."""
    stored = _stored_assignment(store.get_document(session_id, "roles") or {})
    if not stored:
        return ""
    codes = [p.code for p in players(store, roster, session_id)]
    allowed = pool(store, roster, session_id, roles)
    problems = []
    absent = [c for c in sorted(stored) if c not in codes]
    if absent:
        problems.append(f"{', '.join(absent)} {'is' if len(absent) == 1 else 'zijn'} er niet "
                        "(de beamer laat hun rol weg)")
    without = [c for c in codes if c not in stored]
    if without:
        problems.append(f"{', '.join(without)} {'heeft' if len(without) == 1 else 'hebben'} "
                        "nog geen rol")
    foreign = sorted({roles[r].title for c, r in stored.items()
                      if c in codes and r in roles and r not in allowed})
    if foreign:
        problems.append(f"{'de rol' if len(foreign) == 1 else 'de rollen'} "
                        f"{', '.join(foreign)} van een functie die niemand aan tafel heeft")
    if not problems:
        return ""
    return ("De opgeslagen rolverdeling past niet bij wie er nu is: " + "; ".join(problems)
            + ". Verdeel de rollen opnieuw bij Rolwisseling (Ctrl+R op het scherm van de "
            "bijeenkomst); tot dan blijft de opgeslagen verdeling staan.")


def board(store: Store, roster: Roster, session_id: int) -> dict[str, str]:
    """The stored assignment (code -> role id) of those present, for the room."""
    stored = _stored_assignment(store.get_document(session_id, "roles") or {})
    codes = {p.code for p in players(store, roster, session_id)}
    return {c: r for c, r in stored.items() if c in codes}


def _stored_assignment(doc: Mapping) -> dict[str, str]:
    stored = doc.get("assignment")
    if not isinstance(stored, dict):
        return {}
    return {str(c): r for c, r in stored.items() if isinstance(r, str)}


def proposal(store: Store, roster: Roster, session_id: int, roles: Mapping[str, Role], *,
             include_client: bool = False, essential: list[str] | tuple[str, ...] = (),
             overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """For each participant present the role of the table most different from their own,
    computed only (nothing stored)."""
    return propose_from_table(players(store, roster, session_id), roles,
                              include_client=include_client, essential=essential,
                              overrides=dict(overrides or {}))


def propose(store: Store, roster: Roster, session_id: int, roles: Mapping[str, Role], *,
            include_client: bool = False, essential: list[str] | tuple[str, ...] = (),
            overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """Propose the role of the table most different from each participant's own, and
    store it with the choices it was made with (other keys of the document stay)."""
    result = proposal(store, roster, session_id, roles, include_client=include_client,
                      essential=essential, overrides=overrides)
    doc = dict(store.get_document(session_id, "roles") or {})
    doc.update({"assignment": result, "include_client": include_client,
                "essential": list(essential), "overrides": dict(overrides or {})})
    store.set_document(session_id, "roles", doc)
    return result


def back_writers(store: Store, roster: Roster, session_id: int) -> dict[str, list[dict]]:
    """Per function (role id), what each real holder of it wrote in the Golden Circle,
    in the order it was captured: ``{"author": code, "why", "how", "what", "message"}``.

    Two participants who share a function each write their own; the facilitator picks
    which one the player of that role gets (:func:`choose_back`)."""
    session = store.get_session(session_id)
    by_code = {p.code: p for p in store.list_participants(session.group_id)}
    written: dict[str, list[dict]] = {}
    seen: set[tuple[str, str]] = set()
    for capture in store.list_captures(session_id, "golden_circle"):
        if capture.damaged:  # named in export_cards' notes
            continue
        author = by_code.get(capture.data.get("code", ""))
        if author is None:
            continue
        fid = roster.function_id(author.function)
        if not fid or (fid, author.code) in seen:
            continue  # a second entry of the same person: the first counts
        seen.add((fid, author.code))
        written.setdefault(fid, []).append({**capture.data, "author": author.code})
    return written


def chosen_backs(store: Store, session_id: int) -> dict[str, str]:
    """The facilitator's pick per role id: the code of the holder whose back is used."""
    doc = store.get_document(session_id, "roles") or {}
    backs = doc.get("backs") or {}
    return {str(k): str(v) for k, v in backs.items() if isinstance(v, str)}


def choose_back(store: Store, session_id: int, role_id: str, author_code: str) -> None:
    """Give the player of ``role_id`` the back written by ``author_code`` (one whole
    entry, never a mix of two)."""
    doc = dict(store.get_document(session_id, "roles") or {})
    backs = dict(doc.get("backs") or {})
    backs[role_id] = author_code
    doc["backs"] = backs
    store.set_document(session_id, "roles", doc)


def back_for(role_id: str, writers: Mapping[str, list[dict]],
             chosen: Mapping[str, str]) -> dict:
    """The one entry the player of ``role_id`` gets: the chosen holder's, else the first."""
    entries = writers.get(role_id, [])
    pick = chosen.get(role_id)
    return next((e for e in entries if e["author"] == pick), entries[0] if entries else {})


def card_data(store: Store, roster: Roster, session_id: int,
              roles: Mapping[str, Role]) -> list[RoleCardData]:
    """One card per player; the back holds what the real role-holder wrote (Golden Circle
    and "Dit wil ik je meegeven"): one holder's entry, the one the facilitator picked or
    else the first. Reads only: without a stored assignment the proposal is computed,
    not stored."""
    chosen = assignment(store, roster, session_id, roles, keep=False)
    writers = back_writers(store, roster, session_id)
    picks = chosen_backs(store, session_id)
    cards = []
    for code, role_id in chosen.items():
        back = back_for(role_id, writers, picks)
        cards.append(RoleCardData(player_code=code, role=roles[role_id],
                                  why=back.get("why", ""), how=back.get("how", ""),
                                  what=back.get("what", ""), message=back.get("message", ""),
                                  author_code=back.get("author", "")))
    return cards


def session_code(store: Store, session_id: int) -> str:
    """A code for the card footer: the session number and date, never a name."""
    session = store.get_session(session_id)
    return f"B{session_id}-{session.date:%Y%m%d}"


def export_cards(store: Store, roster: Roster, session_id: int, out: Path | BinaryIO,
                 roles: Mapping[str, Role], *, with_backs: bool = True) -> CardsResult:
    """Render the role cards through the session's privacy boundary; reads the store,
    never writes it."""
    from casusdesk.services import damage
    from casusdesk.services.cards import export_session_cards  # reportlab

    result = export_session_cards(store, session_id, card_data(store, roster, session_id, roles),
                                  out, session_code=session_code(store, session_id),
                                  with_backs=with_backs)
    if "roles" in store.damaged_documents(session_id):
        result.notes.append("De opgeslagen rolverdeling is beschadigd: de kaarten volgen een "
                            "nieuw voorstel, dat niet is opgeslagen.")
    bad = damage.damaged(store.list_captures(session_id, "golden_circle"))
    if with_backs and bad:
        result.notes.append(f"Beschadigd en niet op de achterkanten: {damage.describe(bad)}.")
    return result
