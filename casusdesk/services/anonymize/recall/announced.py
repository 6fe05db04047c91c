"""Names announced by a word, businesses, more ages and spoken dates."""

from __future__ import annotations

from casusdesk.services.anonymize import regex as re
from collections.abc import Callable
from typing import Any

from casusdesk.services.anonymize import lexicon
from casusdesk.services.anonymize.recall.base import (
    _DETERMINERS,
    _LOW,
    _PERSON,
    _PRON,
    _WEEKDAY_ABBR,
    _compound_of_words,
    _inside,
    _plain,
)
from casusdesk.services.anonymize.recall.places import (
    _common,
)
from casusdesk.services.anonymize.recall.hurried import (
    _NUMWORD,
    _PLACE_PREPOSITIONS,
    _STREET_SUFFIX,
    _TEEN_WORDS,
    _TEN_WORDS,
    _UNIT_RE,
)


# -- names announced by a word, businesses, more ages and spoken dates ----------------------

#: "ze heet marieke", "een vriend genaamd Dave", "noemt zich Lucky"
_NAMED = re.compile(
    r"(?i:(?<![\w])(?:heet|heten|genaamd|genoemd|noemt\s+(?:zich|hem|haar)|noemen\s+"
    r"(?:hem|haar)|bijnaam|roepnaam|alias)\s*:?\s+(?:(?:eigenlijk|officieel|nu|ook|gewoon|"
    r"voluit|dus)\s+)*)(?P<n>[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*)"
    r"(?P<sur>(?:[ \t]+(?:(?:van|de|der|den|el|al|ter|ten|te|'t)[ \t]+)*[A-ZÀ-Þ][\w'’-]+)?)"
)
_UPPER_WORD = re.compile(r"(?<![\w@'’./-])(?P<n>[A-ZÀ-Þ]{4,}(?:-[A-ZÀ-Þ]{2,})?)(?![\w'’./-])")
_EQUALS_NAME = re.compile(r"(?<![=<>!])=\s*(?P<n>[^\W\d_][\w'’-]+)(?![\w])")
#: "dokter van der zee", "mw de boer": a title, particles and a lowercase surname
_TITLE_LOWER = re.compile(
    r"(?i:(?<![\w])(?:dokter|dr\.?|huisarts|meneer|mevrouw|mevr\.?|mw\.?|dhr\.?|juf|"
    r"meester|mr\.?|familie|fam\.?))\s+(?P<n>(?P<parts>(?:(?:van|de|der|den|el|al|ter|ten|"
    r"in\s+'t|van\s+'t)\s+)+)(?P<w>[a-zß-öø-ÿ][\w'’-]+))(?![\w])"
)
#: "mevrouw bakker", "dokter maduro": a lowercase surname after a title; a surname that
#: Dutch uses more often than this as a word ("kan", "goed", "thuis", "boos") is the word
TITLE_SURNAME_ZIPF = 4.5
_TITLE_SURNAME = re.compile(
    r"(?i:(?<![\w])(?:dokter|dr\.?|meneer|mevrouw|mevr\.?|mw\.?|dhr\.?|juf|meester|"
    r"mr\.?|fam\.?|familie))\s+(?P<n>[a-zß-öø-ÿ][\w'’-]+)(?![\w])"
)
_BUSINESS_TYPES = (
    r"kapsalon|kapperszaak|barbershop|bakkerij|slagerij|snackbar|cafetaria|friettent|"
    r"lunchroom|eetcafé|pizzeria|restaurant|toko|supermarkt|garage|autogarage|kwekerij|"
    r"nagelstudio|schoonheidssalon|fietsenwinkel|fietsenmaker|bloemist|drogisterij|"
    r"obs|cbs|pcbs|rkbs|kbs|ibs|sbo|basisschool|praktijk|huisartsenpraktijk|buurthuis|"
    r"sportschool|wasserette|stomerij|tankstation|kledingwinkel|winkel|webshop|"
    # childcare, clubs, factories: "kinderopvang ’t hummeltje", "gameclub Level Up"
    r"[a-zß-ÿ]*opvang|peuterspeelzaal|kinderdagverblijf|gastouderbureau|dagbesteding|"
    r"speeltuin|zwembad|wijkcentrum|buurtcentrum|camping|pension|kringloop|kringloopwinkel|"
    r"bewindvoeringskantoor|administratiekantoor|kantoor|"
    r"[a-zß-ÿ]*(?:club|vereniging|fabriek|verwerker|groothandel|kwekerij|boerderij)|"
    r"[a-zß-ÿ]*(?:bedrijf|bedrijfje|handel|winkeltje|zaak|zaakje|bureau|salon|studio)"
)
_BUSINESS = re.compile(
    rf"(?i:(?<![\w])(?P<type>{_BUSINESS_TYPES}))(?:[ \t]+|[ \t]*[,:][ \t]*(?=[A-ZÀ-Þ]))"
    r"(?P<n>(?:(?:de|het|'t|’t|van|der|den)[ \t]+)?[^\W\d_][\w'’&-]*"
    r"(?:[ \t]+(?:(?:&|en|van|de|der|den)[ \t]+)?[A-ZÀ-Þ][\w'’-]*){0,2})"
)
#: a lowercase word after a business type is its name when Dutch knows it this little
BUSINESS_NAME_ZIPF = 3.6  # "lotus" 3.55 a name; "hiertoe" 3.9, "intentie" 3.7 words
_ORDINAL_WORDS = (
    "vierde|vijfde|zesde|zevende|achtste|negende|tiende|elfde|twaalfde|dertiende|"
    "veertiende|vijftiende|zestiende|zeventiende|achttiende|negentiende|twintigste|"
    "(?:een|eën|twee|drie|vier|vijf|zes|zeven|acht|negen)(?:en|ën)twintigste|dertigste|"
    "eenendertigste|eerste|tweede|derde"
)
_SPOKEN_DAY = re.compile(
    rf"(?i:(?<![\w])(?:(?:op|vóór|voor|na|tot|vanaf|uiterlijk|rond|sinds|t/m|"
    rf"(?:{_WEEKDAY_ABBR})\.?)\s+de\s+))(?P<n>{_ORDINAL_WORDS})(?![\w])"
    r"(?=\s*[,.;:!?)\n]|\s*$|\s+(?:om|van|of|en|in|bij|is|was|gaat|komt|langs|al|met|"
    r"voor|tot)\b)"
)
#: what may follow a spoken age in a note without punctuation: "is negenentwintig ze woont"
_SPOKEN_AGE_NEXT = (r"(?=\s+(?i:en|maar|of|dus|sinds|toen|nu|woont|heeft|zit|werkt|ze|zij|hij|"
                    r"geboren|geworden|"
                    r"die|haar|zijn|toch|geloof|denk|komma|punt)\b|\s*[,.;!?]|[ \t]*\n|\s*$)")
_BIG_NUMWORD = (rf"(?:(?:{_UNIT_RE})(?:en|ën)(?:{'|'.join(_TEN_WORDS)})|{'|'.join(_TEN_WORDS)}|"
                rf"{'|'.join(_TEEN_WORDS[3:])})")
_SPOKEN_AGE_CLAUSE = re.compile(
    rf"(?i:(?<![\w])(?:{_PRON}|die|deze|{_PERSON}|kleinzoon|kleindochter)\s+(?:is|was|wordt|werd)\s+"
    r"(?:(?:nu|bijna|pas|al|net|inmiddels)\s+)?)"
    rf"(?P<n>{_NUMWORD})" + _SPOKEN_AGE_NEXT
    + r"|(?<![\w])(?P<cap>[A-ZÀ-Þ][\w'’-]+)\s+(?i:is|was|wordt|werd)\s+"
    rf"(?P<n2>(?i:{_NUMWORD}))" + _SPOKEN_AGE_NEXT
    # any subject, a number of thirteen or more: "mevrouw demir is negenentwintig"
    + rf"|(?i:(?<![\w])(?:is|was|wordt|werd)\s+(?:(?:nu|bijna|pas|al|net|inmiddels)\s+)?)"
    rf"(?P<n3>(?i:{_BIG_NUMWORD}))" + _SPOKEN_AGE_NEXT
)
_AGE_NOW = re.compile(
    r"(?:[,(;]\s*|\n\s*[-*•]?\s*|(?<=[.!?])[ \t]+)(?i:nu|inmiddels|intussen|thans)\s+"
    r"(?P<n>\d{1,2})"
    r"(?=\s*[,;)]|\s*\.(?!\d)|[ \t]*\n|\s*$|\s+(?:jaar|jr)\b(?!\s+(?:geleden|lang|later|"
    r"eerder|terug|bij|in|op)\b))"
)
#: "(nu 14/15?)", ", inmiddels 8-9,": an age the writer is unsure of by one year
_AGE_NOW_RANGE = re.compile(
    r"(?:[,(;]\s*|\n\s*[-*•]?\s*)(?i:nu|inmiddels|intussen|ongeveer|ca\.?|rond)\s+"
    r"(?P<n>\d{1,2})[ \t]*[/-][ \t]*(?P<m>\d{1,2})(?=\s*[?,;)]|\s+(?:jaar|jr)\b|[ \t]*\n)"
)
_AGE_TOEN_AFTER = re.compile(
    r"(?i:(?<![\w])(?:was|werd)\s+(?:hij|zij|ze|die)?\s*(?:toen|destijds|pas|nog\s+maar)\s+)"
    r"(?P<n>\d{1,2})(?=\s*[,;)]|\s*\.(?!\d)|\s*$|\s+(?:jaar|jr)\b|[ \t]*\n)"
)
_BIRTH_SHORT = re.compile(
    r"(?:°\s?|(?i:(?<![\w])(?:geb\.?|geboren(?:\s+in)?|bj\.?|geboortejaar:?)\s*))"
    r"(?P<n>['’]\d{2})(?![\w])"
)
_YEAR_BORN = re.compile(r"(?<![\w.,/-])(?P<n>(?:19|20)\d{2})(?=\s*:?\s+(?i:geboren)\b)")


def _named(anonymizer: Any, text: str, add: Callable[..., None],
           protected: list[tuple[int, int]]) -> None:
    """A name announced by "heet", "genaamd", "noemt zich", and a lowercase surname
    after a title and particles ("dokter van der zee")."""
    first_names, surnames = lexicon.names()
    for m in _EQUALS_NAME.finditer(text):  # "vader van noah = dennis"
        word = m.group("n")
        key = word.casefold()
        if key in first_names and not _common(key) and _plain(anonymizer, word) \
                and lexicon.frequency(key) < 4.5 and not _inside(protected, *m.span("n")):
            add(m.start("n"), m.end("n"), "persoon", 2, label="PERSOON")
    for m in _NAMED.finditer(text):
        word = m.group("n")
        key = word.casefold()
        if key in _DETERMINERS or not _plain(anonymizer, word) or _common(key) \
                or _inside(protected, m.start("n"), m.end("n")):
            continue
        if lexicon.frequency(key) >= 4.5 and key not in first_names:
            continue  # "heet zo", "heet niet"
        before = re.findall(r"[\w'’]+", text[max(0, m.start() - 20):m.start()])
        thing = bool(before) and before[-1].casefold() in {"dat", "het", "dit", "zo", "wat",
                                                           "dat", "die", "deze"}
        if key not in first_names and (thing or not (
                word[:1].isupper() or lexicon.unknown_word(key, 3.0))
                or _compound_of_words(key)):
            continue  # "dat heet schuldsanering": a thing's name, an ordinary word
        end = m.end("sur") if m.group("sur") and _plain(anonymizer, m.group("sur").split()[-1]) \
            else m.end("n")
        add(m.start("n"), end, "persoon", 2, label="PERSOON")
    for m in _TITLE_LOWER.finditer(text):
        word = m.group("w")
        key = word.casefold()
        phrase = " ".join(m.group("n").split()).casefold()
        if not _plain(anonymizer, word) or key in _DETERMINERS \
                or _inside(protected, m.start("n"), m.end("n")):
            continue
        if phrase in surnames or key in surnames or lexicon.unknown_word(key, 3.0):
            add(m.start("n"), m.end("n"), "persoon", 2, label="PERSOON")
    for m in _UPPER_WORD.finditer(text):  # "dhr. JANSEN", "zoon KEVIN"
        word = m.group("n")
        key = word.casefold()
        if key in anonymizer._keep or key in anonymizer._not_name or _common(key) \
                or lexicon.is_function_word(key) or _inside(protected, *m.span("n")):
            continue
        titled = re.search(r"(?i:dhr|mw|mevr|meneer|mevrouw|heer|fam|familie|dokter|dr|juf)"
                           r"\.?\s+$", text[max(0, m.start() - 12):m.start()]) is not None
        named = (key in first_names or key in surnames) and lexicon.frequency(key) < 4.5
        if named or (titled and lexicon.frequency(key) < 4.0):
            add(m.start("n"), m.end("n"), "persoon", 2, label="PERSOON")
    for m in _TITLE_SURNAME.finditer(text):
        word = m.group("n")
        key = word.casefold()
        if key in _DETERMINERS or not _plain(anonymizer, word) \
                or key in first_names or _inside(protected, *m.span("n")):
            continue  # an ordinary word that is a surname counts ("mevrouw bakker")
        if key in surnames and lexicon.frequency(key) < TITLE_SURNAME_ZIPF:
            add(m.start("n"), m.end("n"), "persoon", 2, label="PERSOON")


def _businesses(anonymizer: Any, text: str, add: Callable[..., None],
                protected: list[tuple[int, int]]) -> None:
    """The name after a kind of business: "kapsalon lotus", "snackbar de smulhoek",
    "Schoonmaakbedrijf Glansrijk"."""
    for m in _BUSINESS.finditer(text):
        kind = m.group("type").casefold()
        if kind in anonymizer._keep and " " not in kind:
            pass
        if len(kind) < 3 or _common(kind) and kind not in {"winkel", "garage", "restaurant",
                                                           "kantoor", "kringloop"}:
            continue
        if re.search(r"-[ \t]*\n\s*$", text[max(0, m.start() - 12):m.start()]):
            continue  # "werk-\nbedrijf": a word broken over two lines
        before = re.findall(r"[\w'’]+", text[max(0, m.start() - 20):m.start()])
        # "het dakdekkersbedrijf afliep": after an article the kind is no name's head,
        # a lowercase word after it is the sentence going on
        generic = bool(before) and before[-1].casefold() in _DETERMINERS - _PLACE_PREPOSITIONS
        words = list(re.finditer(r"\S+", m.group("n")))
        kept: list[re.Match[str]] = []
        for w in words:
            token = w.group().rstrip(".,;:!?)")
            key = token.casefold()
            if key in {"de", "het", "'t", "’t", "van", "der", "den", "&", "en"}:
                if key in {"en", "&"} and not any(k.group().casefold() not in
                                                  {"de", "het", "'t", "’t"} for k in kept):
                    break  # "basisschool en de Openbare school": the sentence goes on
                kept.append(w)
                continue
            if not token or not _plain(anonymizer, token) or _common(key) \
                    or key in _DETERMINERS:
                break
            if token[:1].islower() and (lexicon.frequency(key) >= BUSINESS_NAME_ZIPF
                                        or generic and lexicon.frequency(key) >= 1.0):
                break
            if token[:1].isupper() and lexicon.frequency(key) >= 5.0:
                break
            kept.append(w)
            if token != w.group():
                break
        while kept and kept[-1].group().casefold() in {"de", "het", "'t", "’t", "van",
                                                       "der", "den", "&", "en"}:
            kept.pop()
        if not kept:
            continue
        start = m.start("n") + kept[0].start()
        end = m.start("n") + kept[-1].end()
        while end > start and text[end - 1] in ".,;:!?)":
            end -= 1
        if _inside(protected, start, end):
            continue
        add(start, end, "instelling", 3, label="INSTELLING")


def _more_ages(anonymizer: Any, text: str, add: Callable[..., None],
               band: Callable[[int], str | None]) -> None:
    """"hij is tweeënzestig en ...", ", nu 19", "(was toen 12)", "geb. '76",
    "2009 geboren", "op de achtentwintigste", "dinsdag de twaalfde"."""
    def age(start: int, end: int, value: str) -> None:
        b = band(int(value))
        if b is not None:
            add(start, end, "leeftijd", replacement=b)

    for m in _SPOKEN_AGE_CLAUSE.finditer(text):
        if m.group("cap") is not None:
            who = m.group("cap").casefold()
            if who in anonymizer._not_name or (lexicon.frequency(who) >= 4.5
                                               and who not in lexicon.names()[0]):
                continue  # "Dat is twee", "Het is een"
            group = "n2"
        elif m.group("n3") is not None:
            before = re.findall(r"[\w'’]+", text[max(0, m.start() - 20):m.start()])
            if before and before[-1].casefold() in {"het", "dat", "dit", "er", "wat"}:
                continue  # "het is twintig over", "dat is dertig euro"
            group = "n3"
        else:
            group = "n"
        if m.group(group).casefold() in {"een", "één"}:
            continue
        add(m.start(group), m.end(group), "leeftijd", replacement="[LEEFTIJD]")
    for pattern in (_AGE_NOW, _AGE_TOEN_AFTER):
        for m in pattern.finditer(text):
            age(m.start("n"), m.end("n"), m.group("n"))
    for m in _AGE_NOW_RANGE.finditer(text):
        low, high = int(m.group("n")), int(m.group("m"))
        if high == low + 1:
            same = band(low) == band(high) and band(low) is not None
            add(m.start("n"), m.end("m"), "leeftijd",
                replacement=band(low) if same else "[LEEFTIJD]")
    for pattern in (_BIRTH_SHORT, _YEAR_BORN):
        for m in pattern.finditer(text):
            add(m.start("n"), m.end("n"), "datum", replacement="[DATUM]")
    for m in _SPOKEN_DAY.finditer(text):
        add(m.start("n"), m.end("n"), "datum", replacement="[DATUM]")


_STREET_CONTEXT = re.compile(
    r"(?i:(?<![\w])(?:aan|op|in|naar|via|langs|bij|vanaf|richting|over)\s+(?:de|het)\s+|"
    r"(?<![\w])(?:aan|op|adres:?|woont\s+op|straat:?)\s+)"
    rf"(?P<n>{_LOW}[\w'’-]{{4,}})(?![\w-])"
)


def _bare_lowercase_streets(anonymizer: Any, text: str, add: Callable[..., None],
                            protected: list[tuple[int, int]]) -> None:
    """"aan de hommelseweg", "op de biltstraat": a lowercase street without a house
    number after a place word, when it is a known street or ends like one and Dutch
    text hardly knows it."""
    streets = lexicon.streets()
    for m in _STREET_CONTEXT.finditer(text):
        word = m.group("n")
        key = word.casefold()
        if lexicon.frequency(key) >= 3.0 or _common(key) or key in _DETERMINERS \
                or not _plain(anonymizer, word) or _inside(protected, *m.span("n")):
            continue
        suffix = len(key) > 6 and re.search(rf"(?:{_STREET_SUFFIX})$", key) is not None
        if key in streets and suffix or (suffix and lexicon.frequency(key) < 1.5):
            add(m.start("n"), m.end("n"), "adres", 3, label="ADRES")
