"""Anonymization of minutes text: known names, then deduce, then our own rules.

The pipeline for one text (a note, a quote, a summary):

1. **Known names** (source ``"bekend"``, kind ``"eigen"``): the participants of the
   session and the client (real name and aliases). Full names, first names alone,
   surnames alone with or without tussenvoegsel, initials ("J. de Vries", "J.de
   Vries"), "Jan de V.", possessives ("Jans", "Femke's", "De Vries'"), any letter
   case, across line breaks. These are replaced by the person's code ("KM_1") or,
   for the client, by "de cliënt" or the case's pseudonym. A name part that is also
   an ordinary Dutch word ("Roos", "Bakker", "de Boer", see
   ``resources/anonymize/common_words.txt``) is replaced on its own only when it is
   written with a capital, so "een rode roos" and "de bakker op de hoek" survive;
   the full name is always replaced. The final check (:func:`leak_check`) follows
   the same rule.
2. **Own rules** (source ``"regel"``) for what deduce misses in this kind of text:
   e-mail addresses and URLs of any domain, international and Dutch phone numbers
   (+31 6 .., 0031 .., (058) ..), IBAN, BSN after the word BSN, postcodes, Dutch
   license plates (sidecodes 1-14), dates with and without a year, ages in
   parentheses ("Sanne (34)"), street names without a number, neighbourhoods
   ("wijk Feijenoord", "Schilderswijk", "Amsterdam-Noord"), named schools and care
   homes ("basisschool De Regenboog", "Dockinga College"), numbers after
   "klantnummer", "dossiernummer" etc., names after a family word ("zoon Taras") and,
   as a fallback, two or three capitalised words in a row that are no known word
   ("Oksana Kovalenko").
3. **deduce** (source ``"deduce"``) for other persons, places, institutions,
   dates, ages, phone numbers, BSN, e-mail and URLs. Its person spans are trimmed:
   role names, titles and laws at their edges stay in the text ("Klantmanager
   [PERSOON-1]", "Mark van de Wmo-consulent" keeps "van de Wmo-consulent").

Words in ``resources/anonymize/keep.txt`` (functions, laws, organisations that
identify nobody: klantmanager, Wmo, Participatiewet, UWV, MEE, GGZ, ...) are never
marked by deduce or the rules; the participant codes and the client's pseudonym are
kept too.

**What the reader of the e-mailed minutes gets instead of the data.** The minutes
must still tell the story of a case: who said what, what happened in which order
and at which stage of life. Hence:

* Persons, places, neighbourhoods, addresses, institutions and schools get a
  numbered placeholder that stays the same within one document ([PERSOON-1],
  [PLAATS-2], [WIJK-1], [ADRES-1], [INSTELLING-1], [SCHOOL-1]), so a reader can
  follow "[PERSOON-1] belt [PERSOON-2]" and "verhuisd van [ADRES-1] naar [ADRES-2]".
  "Jansen", "mevrouw Jansen" and "Anna Jansen" get the same number.
* Dates are generalised instead of wiped: the day goes, the month and year stay
  ("op 3 juni 2021" -> "in juni 2021", "12-03-2024" -> "maart 2024", "op 12 maart"
  -> "in maart"), because the order of events (job lost, debts, eviction) is what
  the case discussion is about, while the exact day is what makes a date
  identifying (a birth date, a court date). A birth date keeps only its year
  ("geboren op 3-6-1985" -> "geboren in 1985"). A date that cannot be read becomes
  [DATUM].
* Ages become a band that keeps the thresholds that matter in this domain: 0-3,
  4-11 (primary school), 12-17 (minor, Jeugdwet), 18-20 (youth norm), 21-26 (under
  27, Participatiewet), 27-39, 40-49, 50-59, 60-66 and 67+ (AOW age). "Sanne (34)"
  -> "[PERSOON-1] (27-39)", "een 45-jarige" -> "een 40-49-jarige". An age that
  cannot be read becomes [LEEFTIJD].
* Identifiers carry no story and are wiped: [TELEFOON], [E-MAIL], [BSN], [IBAN],
  [POSTCODE], [KENTEKEN], [URL], [NUMMER].

deduce needs lookup structures that take 1-2 minutes to build once and about 2
seconds to load from its cache after that. This module never builds or loads them on
import: call :func:`warm_up` (the UI does so in a background thread) or let the first
:meth:`Anonymizer.detect` do it. The built object is cached per process. See
:func:`warm_up` for where the cache lives.

The modules, in the order they build on each other: :mod:`.words` (placeholder labels,
word lists), :mod:`.dates` (dates and ages), :mod:`.rules` (the own rules' patterns),
:mod:`.known` (the session's known names), :mod:`.leak` (the final check),
:mod:`.engine` (the :class:`Anonymizer`); :mod:`.recall` and :mod:`.lexicon` add the
rules and data for what deduce misses, :mod:`.deduce_backend` loads deduce.
"""

from __future__ import annotations

from casusdesk.services.anonymize.dates import _is_duration, age_band
from casusdesk.services.anonymize.decisions import (
    KINDS,
    SOURCES,
    Detection,
    KnownPerson,
    MarkedText,
    ReviewDecisions,
    SpanRef,
)
from casusdesk.services.anonymize.deduce_backend import (
    DEDUCE_CACHE_ENV,
    build_cache,
    default_cache_dir,
    is_ready,
    needs_build,
    on_long_step,
    warm_up,
)
from casusdesk.services.anonymize.engine import Anonymizer
from casusdesk.services.anonymize.known import _parse_name
from casusdesk.services.anonymize.leak import _leak_pattern, leak_check
from casusdesk.services.anonymize.rules import _PRONOUN_AFTER, _sentence_start
from casusdesk.services.anonymize.words import (
    _PARTICLES,
    CLIENT_REPLACEMENT,
    _is_common_word,
    _load_word_lists,
    is_ordinary_word,
    word_frequency,
)

__all__ = [
    "CLIENT_REPLACEMENT",
    "DEDUCE_CACHE_ENV",
    "KINDS",
    "SOURCES",
    "Anonymizer",
    "Detection",
    "KnownPerson",
    "MarkedText",
    "ReviewDecisions",
    "SpanRef",
    "age_band",
    "build_cache",
    "default_cache_dir",
    "is_ready",
    "is_ordinary_word",
    "leak_check",
    "needs_build",
    "on_long_step",
    "warm_up",
    "word_frequency",
]
# the private names above are used by recall, the minutes and the tests
_SHARED = (_PARTICLES, _PRONOUN_AFTER, _is_common_word, _is_duration, _leak_pattern,
           _load_word_lists, _parse_name, _sentence_start)
