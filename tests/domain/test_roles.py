"""Role assignment for the role switch: own role never, maximal difference, client opt-in."""

from __future__ import annotations

import itertools
import random
from collections import Counter

import pytest

from casusdesk.domain.errors import ValidationError
from casusdesk.domain.model import Domain
from casusdesk.domain.roles import (
    AXIS,
    CLIENT_ROLE_ID,
    DOMAIN_DISTANCE,
    PlayerInfo,
    Role,
    RoleCardData,
    propose_assignment,
    role_distance,
    roles_present,
    total_distance,
)

W, Z, J, B, C = (Domain.WERK_INKOMEN, Domain.ZORG_WELZIJN, Domain.JEUGD, Domain.BELEID,
                 Domain.CLIENT)

FUNCTION_DOMAINS = {
    "klantmanager_werk": W, "klantmanager_inkomen": W, "participatiecoach": W,
    "wmo_consulent": Z, "sociaal_werker": Z, "wijkcoach_ggz": Z,
    "clientondersteuner_mee": Z, "schuldhulpverlener": W, "jeugdhulpverlener": J,
    "arbeidsdeskundige_uwv": W, "wijkverpleegkundige": Z, "handhaving": W,
    "beleidsmedewerker": B, "client": C, "ervaringsdeskundige": C,
}


def make_role(role_id: str) -> Role:
    return Role(id=role_id, title=role_id.replace("_", " ").title(),
                domain=FUNCTION_DOMAINS[role_id], who="w", task="t", legal_framework="l",
                discretion="d", frame="f", statement="s", needs="n", question="q")


ALL_ROLES = {rid: make_role(rid) for rid in FUNCTION_DOMAINS}


def player(code: str, function_id: str | None, domain: Domain | None = None) -> PlayerInfo:
    if domain is None:
        domain = FUNCTION_DOMAINS.get(function_id or "", Domain.OVERIG)
    return PlayerInfo(code=code, function_id=function_id, domain=domain)


def brute_force_best(players, roles, *, include_client=False):
    """The best total distance over every assignment that follows the same rules:
    no own role, client only when switched on (then at least once), counts spread
    evenly. None when no assignment follows the rules."""
    pool = sorted(r for r in roles if include_client or r != CLIENT_ROLE_ID)
    n, k = len(players), len(pool)
    low, high = n // k, -(-n // k)
    best = None
    for combo in itertools.product(pool, repeat=n):
        if any(rid == p.function_id for rid, p in zip(combo, players)):
            continue
        counts = Counter(combo)
        if any(not low <= counts.get(r, 0) <= high for r in pool):
            continue
        if include_client and CLIENT_ROLE_ID in pool and counts.get(CLIENT_ROLE_ID, 0) == 0:
            continue
        score = sum(role_distance(p, roles[rid]) for p, rid in zip(players, combo))
        best = score if best is None else max(best, score)
    return best


# ------------------------------------------------------------------ the distance


def test_domain_distance_is_symmetric_and_zero_on_the_diagonal():
    for a in Domain:
        assert DOMAIN_DISTANCE[a][a] == 0
        for b in Domain:
            assert DOMAIN_DISTANCE[a][b] == DOMAIN_DISTANCE[b][a]
    assert DOMAIN_DISTANCE[W][Z] > DOMAIN_DISTANCE[Z][J]


def test_every_shipped_function_has_a_place_on_the_axis():
    assert set(AXIS) == set(FUNCTION_DOMAINS)


def test_klantmanager_inkomen_is_furthest_from_social_work_ggz_and_client():
    kmi = player("KMI_1", "klantmanager_inkomen")
    ranked = sorted(ALL_ROLES.values(), key=lambda r: -role_distance(kmi, r))
    top = {r.id for r in ranked[:6]}
    assert {"sociaal_werker", "wijkcoach_ggz", "client"} <= top
    assert role_distance(kmi, ALL_ROLES["klantmanager_werk"]) < \
        role_distance(kmi, ALL_ROLES["sociaal_werker"])


def test_unknown_function_uses_its_domain_only():
    unknown = player("OV_1", None, Domain.OVERIG)
    assert role_distance(unknown, ALL_ROLES["sociaal_werker"]) == 2 + 2


# ------------------------------------------------------------------- the proposal


def test_pairs_of_werk_inkomen_and_wmo_swap_when_only_their_roles_are_in_play():
    players = [player("KM_1", "klantmanager_werk"), player("WMO_1", "wmo_consulent")]
    roles = {rid: ALL_ROLES[rid] for rid in ("klantmanager_werk", "wmo_consulent")}
    assert propose_assignment(players, roles) == {"KM_1": "wmo_consulent",
                                                  "WMO_1": "klantmanager_werk"}


@pytest.mark.parametrize("seed", range(40))
def test_nobody_gets_their_own_role(seed):
    rng = random.Random(seed)
    ids = list(FUNCTION_DOMAINS)
    n = rng.randint(1, 30)
    players = [player(f"P_{i}", rng.choice(ids)) for i in range(n)]
    result = propose_assignment(players, ALL_ROLES, include_client=rng.random() < 0.5)
    assert set(result) == {p.code for p in players}
    for p in players:
        assert result[p.code] != p.function_id


@pytest.mark.parametrize("seed", range(25))
def test_proposal_reaches_the_brute_force_optimum_with_distinct_roles(seed):
    rng = random.Random(seed)
    role_ids = rng.sample(sorted(FUNCTION_DOMAINS), 6)
    roles = {rid: ALL_ROLES[rid] for rid in role_ids}
    functions = sorted(FUNCTION_DOMAINS) + [None]
    players = [player(f"P_{i}", rng.choice(functions)) for i in range(rng.randint(2, 5))]
    include_client = CLIENT_ROLE_ID in roles and rng.random() < 0.5
    best = brute_force_best(players, roles, include_client=include_client)
    result = propose_assignment(players, roles, include_client=include_client)
    assert total_distance(players, result, roles) == best
    used = [r for r in result.values()]
    assert len(used) == len(set(used))            # fewer players than roles: all distinct


@pytest.mark.parametrize("seed", range(15))
def test_proposal_reaches_the_brute_force_optimum_with_more_players_than_roles(seed):
    rng = random.Random(100 + seed)
    role_ids = rng.sample(sorted(FUNCTION_DOMAINS), 3)
    roles = {rid: ALL_ROLES[rid] for rid in role_ids}
    players = [player(f"P_{i}", rng.choice(sorted(FUNCTION_DOMAINS)))
               for i in range(rng.randint(4, 7))]
    best = brute_force_best(players, roles, include_client=True)
    assert best is not None, "every seeded draw has an assignment that follows the rules"
    result = propose_assignment(players, roles, include_client=True)
    assert total_distance(players, result, roles) == best


def test_roles_are_spread_evenly_when_there_are_more_players_than_roles():
    ids = sorted(FUNCTION_DOMAINS)
    players = [player(f"P_{i:02d}", ids[i % len(ids)]) for i in range(30)]
    result = propose_assignment(players, ALL_ROLES, include_client=True)
    assert set(Counter(result.values()).values()) == {2}

    players = players[:20]
    result = propose_assignment(players, ALL_ROLES)     # 14 roles without the client
    counts = Counter(result.values())
    assert len(counts) == 14
    assert set(counts.values()) <= {1, 2}


def test_client_role_is_off_by_default():
    players = [player(f"KMI_{i}", "klantmanager_inkomen") for i in range(1, 16)]
    result = propose_assignment(players, ALL_ROLES)
    assert CLIENT_ROLE_ID not in result.values()


def test_client_role_is_handed_out_when_switched_on():
    players = [player("KM_1", "klantmanager_werk"), player("SW_1", "sociaal_werker"),
               player("HH_1", "handhaving")]
    result = propose_assignment(players, ALL_ROLES, include_client=True)
    assert list(result.values()).count(CLIENT_ROLE_ID) == 1
    # handhaving is furthest from the client
    assert result["HH_1"] == CLIENT_ROLE_ID


def test_client_role_goes_to_someone_even_if_it_is_not_the_furthest_role():
    players = [player("SW_1", "sociaal_werker"), player("GGZ_1", "wijkcoach_ggz")]
    result = propose_assignment(players, ALL_ROLES, include_client=True)
    assert CLIENT_ROLE_ID in result.values()


def test_a_participant_who_is_a_client_never_plays_the_client():
    players = [player("CL_1", "client"), player("KM_1", "klantmanager_werk")]
    result = propose_assignment(players, ALL_ROLES, include_client=True)
    assert result["CL_1"] != CLIENT_ROLE_ID
    assert result["KM_1"] == CLIENT_ROLE_ID


def test_overrides_are_kept_as_given_and_counted_for_the_spread():
    players = [player("KM_1", "klantmanager_werk"), player("KM_2", "klantmanager_werk"),
               player("SW_1", "sociaal_werker")]
    roles = {rid: ALL_ROLES[rid] for rid in ("klantmanager_werk", "sociaal_werker",
                                             "handhaving")}
    overrides = {"KM_1": "klantmanager_werk", "GONE_1": "handhaving"}
    result = propose_assignment(players, roles, overrides=overrides)
    assert result["KM_1"] == "klantmanager_werk"      # even the own role, when chosen
    assert "GONE_1" not in result                     # not in the room: ignored
    assert result["KM_2"] == "sociaal_werker"
    assert result["SW_1"] == "handhaving"
    assert list(result) == ["KM_1", "KM_2", "SW_1"]   # the players' order


def test_override_with_client_role_is_kept_even_when_client_is_off():
    players = [player("KM_1", "klantmanager_werk"), player("SW_1", "sociaal_werker")]
    result = propose_assignment(players, ALL_ROLES, overrides={"SW_1": CLIENT_ROLE_ID})
    assert result["SW_1"] == CLIENT_ROLE_ID
    assert result["KM_1"] != CLIENT_ROLE_ID


def test_proposal_is_deterministic_and_independent_of_input_order():
    rng = random.Random(7)
    ids = sorted(FUNCTION_DOMAINS)
    players = [player(f"P_{i:02d}", rng.choice(ids)) for i in range(12)]
    first = propose_assignment(players, ALL_ROLES, include_client=True)
    for _ in range(5):
        shuffled_players = players[:]
        rng.shuffle(shuffled_players)
        role_items = list(ALL_ROLES.items())
        rng.shuffle(role_items)
        again = propose_assignment(shuffled_players, dict(role_items), include_client=True)
        assert again == first


def test_errors_are_dutch_and_clear():
    with pytest.raises(ValidationError, match="eigen code"):
        propose_assignment([player("KM_1", "klantmanager_werk")] * 2, ALL_ROLES)
    with pytest.raises(ValidationError, match="bestaat niet"):
        propose_assignment([player("KM_1", "klantmanager_werk")], ALL_ROLES,
                           overrides={"KM_1": "wijkagent"})
    only_own = {"klantmanager_werk": ALL_ROLES["klantmanager_werk"]}
    with pytest.raises(ValidationError, match="KM_1"):
        propose_assignment([player("KM_1", "klantmanager_werk")], only_own)
    with pytest.raises(ValidationError, match="geen rollen"):
        propose_assignment([player("KM_1", "klantmanager_werk")],
                           {CLIENT_ROLE_ID: ALL_ROLES[CLIENT_ROLE_ID]})


def test_no_players_gives_an_empty_proposal():
    assert propose_assignment([], ALL_ROLES) == {}


def test_roles_present_keeps_the_functions_at_the_table():
    players = [player("KM_1", "klantmanager_werk"), player("SW_1", "sociaal_werker"),
               player("OV_1", None)]
    assert list(roles_present(players, ALL_ROLES)) == ["klantmanager_werk", "sociaal_werker"]
    assert CLIENT_ROLE_ID in roles_present(players, ALL_ROLES, include_client=True)


def test_role_card_data_knows_whether_it_has_back_text():
    role = ALL_ROLES["sociaal_werker"]
    assert not RoleCardData("KM_1", role).has_back_text
    assert not RoleCardData("KM_1", role, why="  ").has_back_text
    assert RoleCardData("KM_1", role, message="Vraag door.").has_back_text
