"""Patterns and word tests that the rules beyond deduce share."""

from __future__ import annotations

import functools
from casusdesk.services.anonymize import regex as re
from typing import Any

from casusdesk.services.anonymize import lexicon



_CAP = r"[A-ZÀ-ÖØ-Þ]"
_LOW = r"[a-zß-öø-ÿ]"
_PRON = r"(?:hij|zij|ze|ik|jij|je|u)"
_PERSON = (
    r"(?:cliënte|cliënt|client|zoon|dochter|zoontje|dochtertje|kind|man|vrouw|jongen|"
    r"meisje|moeder|vader|partner|broer|zus|oma|opa|buurman|buurvrouw|vriend|vriendin|"
    r"ex|neef|nicht|oom|tante|meneer|mevrouw|oudste|jongste|middelste|tweede|derde)"
)
_SUBJECT = (rf"(?:{_PRON}|{_CAP}[\w'’-]+|(?:de|het|zijn|haar|hun)\s+{_PERSON}|[A-Z]{{1,3}}_\d+|"
            r"(?:dhr|mw|mevr)\.)")
_UNITS = (
    r"%|€|euro|eur\b|uur|u\b|keer|x\b|minuten|min\b|dagen|dag\b|weken|week\b|maanden|"
    r"maand\b|kilo|kg|km|meter|cm|procent|punten|stuks|personen|mensen|kinderen|graden|"
    r"pagina|uren|nachten|klanten|cliënten|leerlingen|huishoudens"
)
_AFTER_YEARS = r"geleden|lang|later|eerder|terug|getrouwd|samen|werkloos|gewerkt|bij|in|op|van"
_CLAUSE_END = (
    rf"(?=\s*(?:jaar|jr)\b(?!\s+(?:{_AFTER_YEARS})\b)|\s*[,.;:!?)\]\"”]|[ \t]+[—–][ \t](?![ \t]*\d)|"
    r"\s+(?:en|maar|of|dus|toen|nu|sinds|oud|geworden|heeft|had|woont|zit|is|toch|hè|"
    r"zij|hij|ze|"
    r"ofzo|geloof|denk|komma|punt|btw|hoor)\b|[ \t]+[A-Z]{2,4}_\d|\s+[a-zß-ÿ]{3,}t\b(?<!\bmaart)(?<!\bnacht)|[ \t]*\n|\s*$)"
)
_AGE_IS = re.compile(
    rf"(?:(?<![\w])(?P<s>{_SUBJECT}|{_PERSON})\s+|(?<=[,(])\s*|(?<=\))\s+)(?:is|was|wordt|werd|ben|bent)\s+"
    r"(?:(?:nu|pas|al|bijna|ruim|inmiddels|net|ongeveer|circa|ca\.?|trouwens|eigenlijk|"
    r"ook|toch|echt|zelf|intussen|dus|maar|nog|eh|uh|ehm|pas\s+net)\s+){0,2}"
    rf"(?P<n>\d{{1,3}})(?![\d.,]\d)(?!\s*(?:{_UNITS}))" + _CLAUSE_END,
    re.IGNORECASE,
)
_AGE_WORDT = re.compile(
    r"(?i:(?<![\w])(?:wordt|werd)\s+(?:in|op|over|deze|dit|volgend|volgende|komende|"
    r"eind|begin)\s+(?:[^\W\d]+\s+){0,2})(?P<n>\d{1,3})(?=\s*[,.;!?]|\s*$|\s+(?:jaar|en)\b)"
)
_AGE_TOEN = re.compile(
    rf"(?i:(?<![\w])toen\s+{_PRON}\s+)(?P<n>\d{{1,3}})(?=\s+(?:was|werd|jaar|jr)\b)"
)
_AGE_ORDINAL = re.compile(
    r"(?i:(?<![\w])(?:op|vanaf|sinds|voor|vóór|na|rond|tot|tussen)\s+"
    r"(?:zijn|haar|mijn|hun|z'n|z’n|zn|d'r|dr|hr|je|jouw)\s+)(?P<n>\d{1,3})(?:e|de|ste)(?![\w])"
)
_AGE_COMMAS = re.compile(
    r"(?P<who>[\w)’']+)\s*,\s*(?P<n>\d{1,3})(?P<u>\s*(?:jaar|jr\.?))?\s*(?=[,;]|\.(?!\d)|[ \t]*\n)"
)
#: "zoon Emre 15 -> school", "Burak 23 (woont thuis)": a relative, a name and a number
_AGE_RELATIVE_NAME = re.compile(
    rf"(?i:(?<![\w])(?:{_PERSON}|kleinzoon|kleindochter)\s+)(?P<who>[A-ZÀ-Þ][\w'’-]+)\s+"
    r"(?P<n>\d{1,2})(?=\s*(?:\(|->|→|/|\||,|;|$)|\s+(?:jaar|jr)\b)", re.M
)
#: "44, getrouwd", "68, weduwe": a number before a civil status is an age
_AGE_STATUS = re.compile(
    r"(?<![\w.,/-])(?P<n>\d{1,3})\s*,\s*(?i:getrouwd|gescheiden|alleenstaand|alleenstaande|"
    r"weduwe|weduwnaar|samenwonend|ongehuwd|single|zwanger|moeder\s+van|vader\s+van)(?![\w])"
)
#: "dhr. 46, statushouder": a number right after a title is an age
_AGE_TITLE = re.compile(
    r"(?i:(?<![\w])(?:dhr|mw|mevr|meneer|mevrouw|mijnheer|mr)\.?\s+)"
    r"(?:(?-i:[A-Z])\.[ \t]+)?"  # "meneer H. 45 getrouwd": the case's pseudonym
    r"(?P<n>\d{1,3})"
    r"(?=\s*[,;)]|\s+(?:jaar|jr)\b|[ \t]+(?i:getrouwd|gescheiden|alleenstaand|alleenstaande|"
    r"weduwe|weduwnaar|samenwonend|ongehuwd|single)\b|[ \t]*\n)"
)
_AGE_UNIT = re.compile(
    r"(?<![\w.,])(?P<n>\d{1,3})(?P<u>\s?(?:jr\.?|jaar\s+oud|jarige)|-jarige)(?![\w])",
    re.IGNORECASE,
)
_AGE_LIST = re.compile(
    r"(?i:(?<![\w])(?:kids|kinderen|zoons|zonen|dochters|jongens|meisjes|kind|zoon|"
    r"dochter|tweeling|broertjes|zusjes|broers|zussen)\s+van\s+)"
    r"(?P<list>\d{1,2}(?:\s*(?:,|en|&)\s*\d{1,2})*)(?:\s*(?:jaar|jr))?(?![\w])"
)
_WEEKDAY_ABBR = (r"ma|di|wo|do|vr|za|zo|maandag|dinsdag|woensdag|donderdag|vrijdag|"
                 r"zaterdag|zondag")
_DATE_DM = re.compile(
    rf"(?<![\w/.,:€-])(?:(?P<wd>(?i:{_WEEKDAY_ABBR}))\.?\s+)?"
    r"(?P<d>0?[1-9]|[12]\d|3[01])(?P<sep>[/-])(?P<m>0?[1-9]|1[0-2])(?![\w/]|[-.,:]\d)"
    rf"(?!\s*(?:{_UNITS}|jaar|deel|van\s+de|van\s+het)\b)"
)
_PAGE_BEFORE = re.compile(
    r"(?<![\w])(?i:blz|bladzijde|bladzijden|p|pp|pag|pagina|pagina's|art|artikel|artikelen|"
    r"hoofdstuk|hoofdstukken|par|paragraaf|vraag|vragen|stap|stappen|slide|dia)\.?[ \t]*$"
)
_DAY_ORDINAL = re.compile(
    r"(?i:(?<![\w])(?:(?:op|vóór|voor|na|tot|vanaf|per|uiterlijk|rond|om|sinds|t/m|"
    r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)"
    r"(?:ochtend|middag|avond|nacht)?|ma|di|wo|do|vr|za|zo|"
    r"tot\s+en\s+met)\s+de|opde)\s+)(?P<n>(?:0?[1-9]|[12]\d|3[01])(?:e|ste|de))(?![\w])"
    r"(?!\s+(?:keer|verdieping|plaats|klas|graad|week|dag|ronde|poging|kind|etage|maand|"
    r"helft|fase|les|versie|generatie|druk|jaar|afspraak|gesprek)\b)"
)
_HANDLE = re.compile(r"(?<![\w.@])@(?P<h>[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)")
_NUMBER = re.compile(
    r"(?<![\w.,/€-])(?P<n>(?:[A-Z]{1,4}[-.]?)?\d[\d./-]*\d(?:[-.][A-Z0-9]+)*)(?![\w])"
)
_AMOUNT_AFTER = re.compile(
    r"\s*(?:euro|€|,-|eur\b|%|procent|km|m2|inwoners|mensen|huishoudens|kilo|uur)", re.I
)
_PREPOSITION_PLACE = re.compile(
    r"(?<![\w])(?:(?:[Ii]n|[Nn]aar|[Uu]it|[Vv]anuit|[Rr]ichting|te|[Rr]ond|[Nn]abij|[Bb]uiten)"
    r"\s+(?P<art>(?:de|het|'t|’t)\s+)?|[Vv]an\s+(?:de|het|'t|’t)\s+)"
    rf"(?P<n>{_CAP}[\w'’-]+(?:\s+{_CAP}[\w'’-]+)?)"
)
_PREPOSITION_LOWER = re.compile(
    r"(?<![\w])(?:in|naar|uit|vanuit|richting|te)\s+(?P<n>[a-zß-öø-ÿ][\w'’-]{3,})(?![\w])"
)
_DIRECTION_PLACE = re.compile(
    r"(?<![\w])(?:in|naar|uit|vanuit)\s+(?P<n>Noord|Oost|Zuid|West|Zuidoost|Zuidwest|"
    r"Noordoost|Noordwest|Centrum)(?![\w-])"
)
_ARTICLE_NAME = re.compile(
    rf"(?<![\w])(?P<n>(?:De|Het|'t|’t)\s+{_CAP}[\w'’-]+(?:\s+{_CAP}[\w'’-]+){{0,2}})"
)
_SCHOOL_COMPOUND = re.compile(
    rf"(?<![\w-])(?P<n>{_CAP}[\w'’-]+(?:school|college|lyceum|gymnasium|academie))(?![\w])"
)
_INSTITUTION_TAIL = re.compile(
    rf"(?<![\w])(?P<n>(?:(?:{_CAP}[\w'’.-]*|[IVX]+)\s+){{1,4}}"
    r"(?:College|Lyceum|Gymnasium|Academie|Ziekenhuis|Scholengemeenschap|Kliniek|"
    r"Campus|Instituut|Zorggroep|Zorgcentrum|Medisch Centrum|Hogeschool|Universiteit))(?![\w])"
)
_CAPWORD = re.compile(rf"(?<![\w@'’-]){_CAP}[\w'’]*(?:-{_CAP}?[\w'’]+)*")
_WORD = re.compile(r"(?<![\w@])[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*")
_LOWER_NAME_CONTEXT = re.compile(
    rf"(?i:(?<![\w]){_PERSON}|vriendje|vriendinnetje|ex-partner|stiefvader|stiefmoeder|baby|"
    r"juf|meester|kleinzoon|kleindochter|collega|broertje|zusje|kleinste|coach|trainer|"
    r"kinderen|kids|"
    r"leider|leidster|begeleider|begeleidster|mentor|docent|baas|pastor|dominee|imam|"
    r"voorman|teamleider|ene|boer|boerin|ouderling|werkgever|eigenaar|huisbaas|verhuurder|"
    r"echte\s+naam|roepnaam|bijnaam)"
    rf"(?![\w])(?:\s+|\s*\(\s*)(?P<n>{_LOW}[\w'’-]+)(?![\w])"
)
#: what someone is called, in quotes: 'noemt zichzelf "de lange"', "op het werk heet hij 'KB'"
_CALLED = re.compile(
    r"(?i:(?<![\w])(?:noemt|noemen|noemde|noemden|heet|heette|heten|genaamd|bijnaam|roepnaam)"
    r"[ \t]+(?:(?:ze|zichzelf|hem|haar|hij|zij|iedereen|men|ook|nog|hier|daar)[ \t]+){0,3})"
    r"['‘\"“](?P<n>[^'‘’\"“”\n\[\]]{2,25}?)['’\"”]")
#: "jonas' vader", "anouks collega": a lowercase possessive before a person word
_LOWER_POSSESSIVE = re.compile(
    rf"(?<![\w'’])(?P<n>{_LOW}[\w-]+?)(?:'s|’s|['’]|s)\s+(?:{_PERSON}|collega|baas|"
    r"werkgever|juf|meester|begeleider|hulpverlener|kinderen|schulden|huis)(?![\w])",
    re.IGNORECASE,
)
#: "'Yonas'", "“Mira”": a capitalised word in quotes, as a name is introduced
_QUOTED_NAME = re.compile(r"(?<![\w])['‘\"“](?P<n>[A-ZÀ-Þ][a-zß-ÿ]+(?:-[A-ZÀ-Þ][a-zß-ÿ]+)?)['’\"”](?![\w])")
_LOWER_BEFORE_AGE = re.compile(rf"(?<![\w])(?P<n>{_LOW}[\w'’-]+)\s*\(\s*\d{{1,3}}\s*\)")
_DETERMINERS = frozenset(
    "de het een die dat deze dit mijn zijn haar onze ons jullie hun je jouw uw elke iedere "
    "geen veel weinig wat zo'n welke in op met van aan uit bij naar voor als".split()
)
_DIMINUTIVE = re.compile(r"(?:[aeiou]?[tp]?je|ke|ie|tje|pje|kje|etje|otje|atje|ootje|ientje)")


#: "AIO-aanvulling", "LVB-screening", "Wmo-indicatie": an abbreviation and a word
_ABBREVIATION_TERM = re.compile(r"[A-Z][A-Za-z]{1,4}-([a-zß-öø-ÿ][\w'’]+)")


def _abbreviation_term(word: str) -> bool:
    """"LVB-screening", "Tozo-lening", "PW-uitk.": a scheme's short name and a word."""
    m = _ABBREVIATION_TERM.fullmatch(word.strip("'’.-"))
    if m is None:
        return False
    head, tail = word.split("-")[0], m.group(1).casefold()
    if sum(ch.isupper() for ch in head) >= 2:
        # "PW-uitk.", "WW-aanvr.": an abbreviated word after an abbreviation
        return lexicon.frequency(tail) >= 2.0 or lexicon.shortens_ordinary_word(tail)
    # one capital ("Tozo-lening"): the tail is an ordinary noun, the head no name
    first_names, surnames = lexicon.names()
    key = head.casefold()
    return lexicon.frequency(tail) >= 3.5 and key not in first_names and key not in surnames \
        and key not in lexicon.neighbourhoods()


#: the directions that make a place of "X-noord" as much as of "X-Noord"
_DIRECTION_TAILS = frozenset(
    "noord oost zuid west centrum midden noordoost noordwest zuidoost zuidwest".split())


def _word_compound(word: str) -> bool:
    """"Tozo-terugbetaling", "Eritrees-orthodoxe", "Bbz-aanvraag": a capitalised head and
    an ordinary lowercase word after the hyphen make a noun or adjective, no name (a
    double surname or place has a capital after the hyphen: "Jansen-de Vries")."""
    head, _, tail = word.strip("'’.-").rpartition("-")
    if not head or not tail[:1].islower() or tail in _DIRECTION_TAILS:
        return False
    return lexicon.frequency(tail) >= 3.0 or _compound_of_words(tail) \
        or lexicon.is_function_word(tail)


def _plain(anonymizer: Any, word: str) -> bool:
    """Not a keep word, not a month/title/particle, not a function/law by its ending,
    no abbreviation with a word ("LVB-screening") nor other compound with an ordinary
    word after its hyphen ("Tozo-terugbetaling")."""
    key = word.casefold().strip("'’.-")
    return bool(key) and key not in anonymizer._not_name and not lexicon.is_function_word(key) \
        and not any(part in anonymizer._keep for part in key.split("-")) \
        and not _abbreviation_term(word) and not _word_compound(word)


@functools.lru_cache(maxsize=64)
def _phrase_pattern(phrases: frozenset[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    ordered = sorted(phrases, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in ordered)
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE)


@functools.lru_cache(maxsize=8)
def _phrases(keep: frozenset[str]) -> frozenset[str]:
    return frozenset(k for k in keep if " " in k or "-" in k)


def _keep_patterns(anonymizer: Any) -> list[re.Pattern[str]]:
    """The keep list's phrases as patterns: the shipped list's compiled once per
    process, the few of this anonymizer (codes, pseudonym) apart."""
    cached = getattr(anonymizer, "_keep_phrase_patterns", None)
    if cached is not None:
        return cached
    from casusdesk.services.anonymize import _load_word_lists

    base = _phrases(_load_word_lists()[0])
    own = _phrases(anonymizer._keep) - base
    patterns = [p for p in (_phrase_pattern(base & _phrases(anonymizer._keep)),
                            _phrase_pattern(own)) if p is not None]
    anonymizer._keep_phrase_patterns = patterns
    return patterns


@functools.lru_cache(maxsize=1)
def _car_models() -> re.Pattern[str]:
    """"een grijze Opel Astra", "Toyota Yaris": a make and its model, no name."""
    from casusdesk.services.anonymize.words import car_makes

    makes = "|".join(re.escape(m) for m in sorted(car_makes(), key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?i:{makes})[ \t]+[A-Z0-9][\w-]*(?![\w])")


def protected_spans(anonymizer: Any, text: str) -> list[tuple[int, int]]:
    """Where a keep phrase ("Leger des Heils", "Housing First") stands in ``text``."""
    last = getattr(anonymizer, "_protected_last", None)
    if last is not None and last[0] is text:
        return last[1]
    spans = sorted([m.span() for p in _keep_patterns(anonymizer) for m in p.finditer(text)]
                   + [m.span() for m in _car_models().finditer(text)])
    anonymizer._protected_last = (text, spans)
    return spans


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _plural_of_word(key: str) -> bool:
    """"hypothesen", "knelpunten", "afspraken": the plural of a frequent Dutch word."""
    stems = []
    if key.endswith("en"):
        stems += [key[:-2], key[:-1]]  # "knelpunt-en", "hypothese-n"
        if len(key) > 4 and key[-3] == key[-4]:
            stems.append(key[:-3])  # "bussen" -> "bus"
    if key.endswith("s"):
        stems.append(key[:-1])
    return any(len(stem) >= 4 and lexicon.frequency(stem) >= 3.0 for stem in stems)


#: a derived head of a compound ("verheldering" 2.4) may be this rare in Dutch
COMPOUND_DERIVED_ZIPF = 1.5


def _compound_of_words(key: str, depth: int = 0) -> bool:
    """"huurachterstand" = "huur" + "achterstand": an ordinary compound; so is one of
    three words, "uitzendcontract" = ("uit" + "zend") + "contract"."""
    for i in range(3, len(key) - 2):
        head, tail = key[:i], key[i:]
        if lexicon.frequency(tail) >= 3.0 and (
                lexicon.frequency(head) >= 3.0
                or (head.endswith("s") and lexicon.frequency(head[:-1]) >= 3.0)
                # a derived word and the linking s: "verhelderings|vragen", "beschermings|bewind"
                or (head.endswith(("ings", "heids", "teits", "tions", "ties"))
                    and lexicon.frequency(head[:-1]) >= COMPOUND_DERIVED_ZIPF)
                or (depth == 0 and len(head) >= 6 and _compound_of_words(head, 1))):
            return True
    return False
