"""Roles from the people at the table (report 001 L1364-1371): only functions present,
plus the essential roles the facilitator switches on; never one's own; deterministic."""

from __future__ import annotations

import itertools
import random

import pytest

from casusdesk.domain.errors import ValidationError
from casusdesk.domain.roles import (
    CLIENT_ROLE_ID, propose_from_table, role_distance, table_roles, total_distance,
)
from tests.domain.test_roles import ALL_ROLES, player

TABLE = [player("KM_1", "klantmanager_werk"), player("KMI_1", "klantmanager_inkomen"),
         player("WMO_1", "wmo_consulent"), player("SW_1", "sociaal_werker"),
         player("GGZ_1", "wijkcoach_ggz")]


def test_only_functions_at_the_table_are_handed_out():
    result = propose_from_table(TABLE, ALL_ROLES)
    present = {p.function_id for p in TABLE}
    assert set(result) == {p.code for p in TABLE}
    assert set(result.values()) <= present
    for role_id in ("handhaving", "arbeidsdeskundige_uwv", "ervaringsdeskundige", "client"):
        assert role_id not in result.values()


def test_never_ones_own_and_the_most_different_function_of_the_table():
    result = propose_from_table(TABLE, ALL_ROLES)
    own = {p.code: p.function_id for p in TABLE}
    assert all(result[c] != own[c] for c in result)
    # five people, five functions: every function once, the largest total difference
    assert sorted(result.values()) == sorted(own.values())
    best = max(sum(role_distance(p, ALL_ROLES[r]) for p, r in zip(TABLE, perm))
               for perm in itertools.permutations(own.values())
               if all(p.function_id != r for p, r in zip(TABLE, perm)))
    assert total_distance(TABLE, result, ALL_ROLES) == best
    # the klantmanager inkomen (control, W&I) plays the far end of the table, GGZ
    assert result["KMI_1"] == "wijkcoach_ggz"


def test_client_role_only_when_switched_on_and_then_someone_plays_it():
    assert CLIENT_ROLE_ID not in table_roles(TABLE, ALL_ROLES)
    result = propose_from_table(TABLE, ALL_ROLES, include_client=True)
    assert list(result.values()).count(CLIENT_ROLE_ID) == 1
    assert set(result.values()) <= {p.function_id for p in TABLE} | {CLIENT_ROLE_ID}


def test_an_essential_role_the_facilitator_switches_on_joins_the_pool():
    pool = table_roles(TABLE, ALL_ROLES, essential=["handhaving", "bestaat_niet"])
    assert "handhaving" in pool and "bestaat_niet" not in pool
    result = propose_from_table(TABLE, ALL_ROLES, essential=["handhaving"])
    assert "handhaving" in result.values()
    without = propose_from_table(TABLE, ALL_ROLES)
    assert "handhaving" not in without.values()


def test_override_outside_the_table_is_dropped_inside_it_kept():
    result = propose_from_table(TABLE, ALL_ROLES,
                                overrides={"KM_1": "handhaving", "SW_1": "wmo_consulent"})
    assert result["KM_1"] != "handhaving"
    assert result["SW_1"] == "wmo_consulent"


def test_deterministic_whatever_the_order_of_people_and_roles():
    first = propose_from_table(TABLE, ALL_ROLES, include_client=True)
    rng = random.Random(11)
    for _ in range(20):
        people = TABLE[:]
        rng.shuffle(people)
        items = list(ALL_ROLES.items())
        rng.shuffle(items)
        assert propose_from_table(people, dict(items), include_client=True) == first


def test_two_of_the_same_function_share_the_other_roles():
    table = [player("KM_1", "klantmanager_werk"), player("KM_2", "klantmanager_werk"),
             player("SW_1", "sociaal_werker")]
    result = propose_from_table(table, ALL_ROLES)
    assert result == {"KM_1": "sociaal_werker", "KM_2": "sociaal_werker",
                      "SW_1": "klantmanager_werk"}


def test_a_table_of_one_function_gets_a_dutch_message():
    table = [player("KM_1", "klantmanager_werk"), player("KM_2", "klantmanager_werk")]
    with pytest.raises(ValidationError, match="essentiële rol"):
        propose_from_table(table, ALL_ROLES)
    # with the client switched on both can play the client
    assert set(propose_from_table(table, ALL_ROLES, include_client=True).values()) == \
        {CLIENT_ROLE_ID}


def test_a_homogeneous_table_gets_the_reports_question():
    from casusdesk.domain.model import Domain
    from casusdesk.domain.roles import MISSING_PERSPECTIVE_QUESTION, composition_warning

    W, Z, J = Domain.WERK_INKOMEN, Domain.ZORG_WELZIJN, Domain.JEUGD
    assert composition_warning([W, Z, J]) is None
    assert composition_warning([]) is None
    only_w = composition_warning([W, W, "Werk & Inkomen"])
    assert "niemand uit Zorg & Welzijn" in only_w and MISSING_PERSPECTIVE_QUESTION in only_w
    assert "Werk & Inkomen." not in only_w.split("?")[0].split("niemand uit")[1]
    only_z = composition_warning([Z, J])
    assert "niemand uit Werk & Inkomen" in only_z
    neither = composition_warning([J, Domain.BELEID])
    assert "Werk & Inkomen en niemand uit Zorg & Welzijn" in neither
