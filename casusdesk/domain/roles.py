"""Roles for the role switch (rolwisseling) and the proposal of who plays what.

The report behind casusdesk asks each participant to "take the role that differs most
from your own function" and to swap Werk & Inkomen with Wmo. This module turns that
rule into a number, the *distance* between a participant and a role, and proposes an
assignment that makes the total distance as large as possible.

Distance
--------
``distance = DOMAIN_DISTANCE[own domain][role domain] + |AXIS[own function] - AXIS[role]|``

* ``DOMAIN_DISTANCE`` (0-4): the same domain is near (0); Werk & Inkomen and Zorg &
  Welzijn are far apart (4), as are Werk & Inkomen and the client, and policy and the
  client; youth care sits close to care and welfare (1); policy and "other" are in
  between (2).
* ``AXIS`` (-3 … +3): where a function sits between *control* (systeemwereld:
  lawfulness, obligations, enforcement) and *support* (leefwereld: needs, trust, the
  client's own story). Handhaving is -3, a klantmanager Inkomen -2, a Wmo-consulent +1,
  a wijkcoach GGZ, a MEE-cliëntondersteuner and the client +3. An unknown function
  counts as 0.

So a klantmanager Inkomen (W&I, -2) is 8 away from a sociaal werker (Z&W, +2) and 9
from a wijkcoach GGZ or the client, but only 1 from a klantmanager Werk.

Assignment
----------
:func:`propose_assignment` solves an assignment problem with the Hungarian algorithm
(plain Python, players ≤ 30, roles ≤ 15), lexicographically:

1. nobody plays their own function (hard rule);
2. when the client role is switched on, somebody plays it;
3. roles are spread evenly: a role is only used twice when every role is used once;
4. within that, the total distance is as large as possible.

Ties are broken by the order of codes and role ids, so the same input always gives
the same proposal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from casusdesk.domain.errors import ValidationError
from casusdesk.domain.model import Domain

CLIENT_ROLE_ID = "client"

#: the text fields of a role, in the order a role card shows them
ROLE_TEXT_FIELDS = ("who", "task", "legal_framework", "discretion", "frame", "statement",
                    "needs", "question")


@dataclass(frozen=True)
class Role:
    """One role of the role library (``resources/roles/<id>.toml``).

    All texts are Dutch and written to the person who plays the role ("Je ...").
    """

    id: str
    title: str
    domain: Domain
    #: who you are, one line
    who: str
    #: your task
    task: str
    #: the law and rules you work under
    legal_framework: str
    #: your room for discretion
    discretion: str
    #: your typical frame (behoefte, autonomie, markt, sociale controle ...)
    frame: str
    #: something you would typically say (without quotation marks)
    statement: str
    #: what you need from the others
    needs: str
    #: a question you would ask
    question: str

    @property
    def is_client(self) -> bool:
        return self.id == CLIENT_ROLE_ID


@dataclass(frozen=True)
class RoleCardData:
    """What one printed role card shows.

    ``player_code`` is the code of the participant who plays ``role`` (never a name).
    ``why``/``how``/``what``/``message`` are what the real role-holder wrote for the
    player (Golden Circle from the real function, plus "wat wil je de ander
    meegeven"); they go on the back of the card and may be empty.
    ``author_code`` is the code of the participant who wrote them, if known.
    """

    player_code: str
    role: Role
    why: str = ""
    how: str = ""
    what: str = ""
    message: str = ""
    author_code: str = ""

    @property
    def has_back_text(self) -> bool:
        return any(t.strip() for t in (self.why, self.how, self.what, self.message))


class Player(Protocol):
    """What the assignment needs to know about a participant.

    ``casusdesk.domain.model.Participant`` does not carry ``function_id``; wrap it,
    e.g. in :class:`PlayerInfo`, with the id that ``match_function`` finds.
    """

    @property
    def code(self) -> str: ...

    @property
    def function_id(self) -> str | None: ...

    @property
    def domain(self) -> Domain | str | None: ...


@dataclass(frozen=True)
class PlayerInfo:
    """A ready-made :class:`Player`."""

    code: str
    function_id: str | None
    domain: Domain | str | None = Domain.OVERIG


_W, _Z, _J, _B, _C, _O = (Domain.WERK_INKOMEN, Domain.ZORG_WELZIJN, Domain.JEUGD,
                          Domain.BELEID, Domain.CLIENT, Domain.OVERIG)

_DOMAIN_PAIRS: dict[frozenset[Domain], int] = {
    frozenset({_W, _Z}): 4, frozenset({_W, _J}): 3, frozenset({_W, _B}): 2,
    frozenset({_W, _C}): 4, frozenset({_W, _O}): 2,
    frozenset({_Z, _J}): 1, frozenset({_Z, _B}): 2, frozenset({_Z, _C}): 3,
    frozenset({_Z, _O}): 2,
    frozenset({_J, _B}): 2, frozenset({_J, _C}): 3, frozenset({_J, _O}): 2,
    frozenset({_B, _C}): 4, frozenset({_B, _O}): 2,
    frozenset({_C, _O}): 2,
}

#: symmetric distance between two domains, 0 (same) to 4 (far apart)
DOMAIN_DISTANCE: dict[Domain, dict[Domain, int]] = {
    a: {b: (0 if a == b else _DOMAIN_PAIRS[frozenset({a, b})]) for b in Domain}
    for a in Domain
}

#: position of each function between control (-3) and support (+3)
AXIS: dict[str, int] = {
    "handhaving": -3,
    "klantmanager_inkomen": -2,
    "klantmanager_werk": -1,
    "arbeidsdeskundige_uwv": -1,
    "beleidsmedewerker": -1,
    "schuldhulpverlener": 0,
    "participatiecoach": 0,
    "wmo_consulent": 1,
    "jeugdhulpverlener": 1,
    "wijkverpleegkundige": 2,
    "sociaal_werker": 2,
    "ervaringsdeskundige": 2,
    "wijkcoach_ggz": 3,
    "clientondersteuner_mee": 3,
    "client": 3,
}

MAX_DISTANCE = max(max(row.values()) for row in DOMAIN_DISTANCE.values()) + 6


def _as_domain(value: Domain | str | None, fallback: Domain = Domain.OVERIG) -> Domain:
    if value is None or value == "":
        return fallback
    try:
        return Domain(value)
    except ValueError:
        return fallback


def role_distance(player: Player, role: Role) -> int:
    """How different ``role`` is from the player's own function (0 … 10)."""
    own_axis = AXIS.get(player.function_id or "", 0)
    domain = _as_domain(player.domain)
    return DOMAIN_DISTANCE[domain][role.domain] + abs(own_axis - AXIS.get(role.id, 0))


def _hungarian(cost: Sequence[Sequence[int]]) -> list[int]:
    """Minimum-cost assignment of every row to a distinct column (rows ≤ columns).

    The classic O(n²·m) algorithm with potentials; integer costs, deterministic.
    Returns, per row, the chosen column.
    """
    n = len(cost)
    m = len(cost[0]) if n else 0
    if n > m:
        raise ValueError("more rows than columns")
    inf = float("inf")
    u = [0] * (n + 1)
    v = [0] * (m + 1)
    p = [0] * (m + 1)      # p[j]: row (1-based) matched to column j
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = p[j0]
            row = cost[i0 - 1]
            ui0 = u[i0]
            delta = inf
            j1 = 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = row[j - 1] - ui0 - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    result = [0] * n
    for j in range(1, m + 1):
        if p[j]:
            result[p[j] - 1] = j - 1
    return result


def eligible_roles(roles: Mapping[str, Role] | Iterable[Role], *,
                   include_client: bool = False) -> list[Role]:
    """The roles the proposal may hand out, sorted by id (client only when asked)."""
    items = roles.values() if isinstance(roles, Mapping) else roles
    return sorted((r for r in items if include_client or not r.is_client), key=lambda r: r.id)


def roles_present(players: Iterable[Player], roles: Mapping[str, Role], *,
                  include_client: bool = False) -> dict[str, Role]:
    """Only the roles of the functions at the table (plus the client when asked).

    The report warns against roles nobody knows how to play (a "wijkagent" that no
    one could fill in); pass this to :func:`propose_assignment` to stay with them.
    """
    wanted = {p.function_id for p in players if p.function_id}
    if include_client:
        wanted.add(CLIENT_ROLE_ID)
    return {rid: role for rid, role in sorted(roles.items()) if rid in wanted}


def table_roles(players: Iterable[Player], roles: Mapping[str, Role], *,
                include_client: bool = False,
                essential: Iterable[str] = ()) -> dict[str, Role]:
    """The roles a role switch may hand out: those of the functions at the table, plus
    the essential roles the facilitator switched on (the client role with
    ``include_client``, any other role id in ``essential``), sorted by id.

    The report (001, L1364-1371) tried roles of people who were not there and concluded
    that it "doet afbreuk aan de inhoud": only a few essential roles, such as the
    client, may join the functions present. Unknown ids in ``essential`` are ignored.
    """
    people = list(players)
    pool = roles_present(people, roles, include_client=include_client)
    for role_id in essential:
        if role_id in roles:
            pool[role_id] = roles[role_id]
    return dict(sorted(pool.items()))


def propose_from_table(players: Sequence[Player], roles: Mapping[str, Role], *,
                       include_client: bool = False, essential: Iterable[str] = (),
                       overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """:func:`propose_assignment` over :func:`table_roles` only: each player gets the
    role of a function present (or a switched-on essential role) that differs most from
    their own, never their own. Overrides naming a role outside that pool are dropped
    (someone left the table, or an essential role was switched off).

    Raises:
        ValidationError: in Dutch, for an override naming a role that does not exist, or
            when the table offers nobody another role than their
            own (everybody present holds the same function).
    """
    for code, role_id in (overrides or {}).items():
        if role_id not in roles:
            raise ValidationError(f"De rol '{role_id}' voor {code} bestaat niet.")
    pool = table_roles(players, roles, include_client=include_client, essential=essential)
    kept = {c: r for c, r in (overrides or {}).items() if r in pool}
    stuck = [p.code for p in players
             if p.code not in kept and not any(r != p.function_id for r in pool)]
    if stuck:
        raise ValidationError(
            f"Voor {', '.join(stuck)} is aan tafel geen andere functie om te spelen. Zet een "
            "essentiële rol aan (bijvoorbeeld de cliënt) of kies de rol met de hand.")
    return propose_assignment(players, pool, include_client=include_client, overrides=kept)


def propose_assignment(players: Sequence[Player],
                       roles: Mapping[str, Role] | Iterable[Role], *,
                       include_client: bool = False,
                       overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """Propose a role for every player: code → role id.

    Rules, in order of precedence: nobody gets the role of their own function;
    ``overrides`` (code → role id, chosen by the facilitator) are kept exactly as given;
    the client role is only handed out when ``include_client`` is true, and then to at
    least one player; roles are spread evenly (a role is used a second time only when
    all roles are used once, and so on, counting the overrides); within those rules the
    total :func:`role_distance` is maximal.

    Raises:
        ValidationError: a duplicate player code, an override naming an unknown role,
            or no role left for a player other than their own.
    """
    overrides = dict(overrides or {})
    all_roles = {r.id: r for r in (roles.values() if isinstance(roles, Mapping) else roles)}
    codes = [p.code for p in players]
    if len(set(codes)) != len(codes):
        raise ValidationError("Elke deelnemer moet een eigen code hebben.")
    for code, role_id in overrides.items():
        if role_id not in all_roles:
            raise ValidationError(f"De rol '{role_id}' voor {code} bestaat niet.")

    fixed = {p.code: overrides[p.code] for p in players if p.code in overrides}
    free = sorted((p for p in players if p.code not in fixed), key=lambda p: p.code)
    result_by_code: dict[str, str] = dict(fixed)

    pool = eligible_roles(all_roles, include_client=include_client)
    if free:
        if not pool:
            raise ValidationError("Er zijn geen rollen om te verdelen.")
        chosen = _solve(free, pool, Counter(fixed.values()), include_client)
        result_by_code.update(chosen)
    return {p.code: result_by_code[p.code] for p in players}


def _solve(players: Sequence[Player], pool: Sequence[Role], used: Counter[str],
           include_client: bool) -> dict[str, str]:
    """Assign ``players`` (sorted) to ``pool`` (sorted) with the rules of
    :func:`propose_assignment`; ``used`` counts the roles the overrides took."""
    n = len(players)
    # Cost levels, each strictly dominating the sums of the levels below it.
    distance_total = n * MAX_DISTANCE + 1          # sum of all distances < this
    spread_unit = distance_total                   # one "extra use" of a busy role
    spread_total = spread_unit * n * (n + max(used.values(), default=0)) + 1
    client_bonus = spread_total + distance_total   # filling the client role at least once
    forbidden = (client_bonus + spread_total + distance_total) * (n + 1)

    need_client = include_client and used.get(CLIENT_ROLE_ID, 0) == 0
    columns: list[tuple[Role, int]] = []           # (role, how many times it was used before)
    for role in pool:
        start = used.get(role.id, 0)
        columns.extend((role, start + k) for k in range(n))

    cost: list[list[int]] = []
    for player in players:
        row = []
        for role, before in columns:
            if role.id == player.function_id:
                row.append(forbidden)
                continue
            value = spread_unit * before - role_distance(player, role)
            if need_client and role.is_client and before == 0:
                value -= client_bonus
            row.append(value)
        cost.append(row)

    picks = _hungarian(cost)
    result: dict[str, str] = {}
    for index, (player, column) in enumerate(zip(players, picks)):
        if cost[index][column] >= forbidden:
            raise ValidationError(
                f"Voor {player.code} is geen andere rol beschikbaar dan de eigen functie. "
                "Voeg een rol toe of kies de rol met de hand.")
        result[player.code] = columns[column][0].id
    return result


def total_distance(players: Iterable[Player], assignment: Mapping[str, str],
                   roles: Mapping[str, Role]) -> int:
    """The sum of :func:`role_distance` over an assignment (for display and tests)."""
    return sum(role_distance(p, roles[assignment[p.code]])
               for p in players if p.code in assignment)


#: the report's question when a perspective is missing (001 L1364-1371, L1494-1495)
MISSING_PERSPECTIVE_QUESTION = "Missen wij een cruciaal perspectief?"


def composition_warning(domains: Iterable[Domain | str | None]) -> str | None:
    """A Dutch warning when the people present are too alike for a role switch: nobody
    from Werk & Inkomen, or nobody from Zorg & Welzijn, at the table. None when both
    are there (or nobody is present yet)."""
    present = {_as_domain(d) for d in domains}
    if not present:
        return None
    missing = [d.value for d in (Domain.WERK_INKOMEN, Domain.ZORG_WELZIJN) if d not in present]
    if not missing:
        return None
    who = " en niemand uit ".join(missing)
    return (f"Aan tafel zit niemand uit {who}. Voor een rolwisseling is de groep dan te "
            f"eenvormig: de rollen komen uit de functies die er zijn. "
            f"{MISSING_PERSPECTIVE_QUESTION}")
