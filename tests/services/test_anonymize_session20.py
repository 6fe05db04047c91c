"""Rules of the twentieth stop: compounds of three ordinary words at the start of a
sentence, and what the unseen sets J and K showed. Written anew here, with other names."""

from __future__ import annotations

import pytest

from casusdesk.services.anonymize import Anonymizer


@pytest.fixture(scope="module")
def rules() -> Anonymizer:
    return Anonymizer([("Ilse Brouwer", "KM_1")], client_names=["Ruud Bakker"],
                      use_deduce=False)


@pytest.mark.parametrize(
    "text",
    [
        "Uitzendcontract stopt per 1 maart.",
        "Inburgeringsexamen gehaald, nu taalcoach.",
        "Woonlastenfonds afgewezen.",
    ],
)
def test_a_compound_of_ordinary_words_at_the_start_stays(rules: Anonymizer, text: str) -> None:
    first = text.split()[0]
    assert rules.anonymize(text).startswith(first)
