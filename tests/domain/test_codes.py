from casusdesk.domain.codes import code_prefix, match_function, next_code, prefix_for
from casusdesk.services.catalog import functions


def test_prefix_follows_function_with_synonyms_and_case():
    fns = functions()
    assert prefix_for("Klantmanager Werk", fns) == "KM"
    assert prefix_for("klantmanager inkomen", fns) == "KMI"
    assert prefix_for("Maatschappelijk werker bij De Kern", fns) == "SW"
    assert prefix_for("Wmo consulent", fns) == "WMO"
    assert prefix_for("Cliëntondersteuner MEE", fns) == "MEE"
    assert prefix_for("Clientondersteuner", fns) == "MEE"
    assert prefix_for("Imker", fns) == "OV"


def test_longest_match_wins():
    fns = functions()
    assert match_function("klantmanager schuldhulp", fns).id == "schuldhulpverlener"
    assert match_function("klantmanager", fns).id == "klantmanager_werk"


def test_codes_are_unique_and_numbers_never_reused():
    code, counters = next_code("KM", {})
    assert code == "KM_1"
    code2, counters = next_code("KM", counters)
    assert code2 == "KM_2"
    # KM_2 is deleted: the counter remembers, the next one is KM_3
    code3, counters = next_code("KM", counters, codes_in_use=["KM_1"])
    assert code3 == "KM_3"
    sw, counters = next_code("SW", counters)
    assert sw == "SW_1" and counters == {"KM": 3, "SW": 1}


def test_counters_behind_codes_in_use_do_not_collide():
    code, _ = next_code("SW", {}, codes_in_use=["SW_1", "SW_2"])
    assert code == "SW_3"


def test_code_prefix():
    assert code_prefix("KMI_12") == "KMI"

