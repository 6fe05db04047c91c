"""Known names: the session's participants and the client, in every form."""

from __future__ import annotations

import functools
from casusdesk.services.anonymize import regex as re
from collections.abc import Iterable
from dataclasses import dataclass

from casusdesk.services.anonymize.decisions import (
    _norm,
)
from casusdesk.services.anonymize.rules import (
    _CAP,
    _Spans,
)
from casusdesk.services.anonymize.words import (
    _MONTHS,
    _NOT_NAME_WORDS,
    _PARTICLES,
    _TITLES,
    _is_common_word,
    _needs_capital,
)

# --------------------------------------------------------------------------------------
# Known names
# --------------------------------------------------------------------------------------


@dataclass
class _ParsedName:
    full: list[str]
    given: list[str]
    initials: str  # first letters, upper case
    surname: list[str]  # with leading particles


def _parse_name(name: str) -> _ParsedName | None:
    tokens = name.replace(",", " ").split()
    while tokens and tokens[0].casefold() in _TITLES and len(tokens) > 1:
        tokens = tokens[1:]
    if not tokens:
        return None
    split = None
    for i in range(1, len(tokens)):
        particle = tokens[i].casefold() in _PARTICLES and i < len(tokens) - 1
        double = "-" in tokens[i] and i < len(tokens) - 1  # "Bakker-de Jong"
        if particle or double:
            split = i
            break
    if tokens[0].casefold() in _PARTICLES and len(tokens) > 1:
        split = 0
    if split is None:
        split = len(tokens) - 1 if len(tokens) > 1 else len(tokens)
    front, surname = tokens[:split], tokens[split:]
    given = [t for t in front if not _is_initials(t)]
    initials = "".join(
        ch for t in front for ch in (t if _is_initials(t) else t[:1]) if ch.isalpha()
    ).upper()
    return _ParsedName(full=tokens, given=given, initials=initials, surname=surname)


def _is_initials(token: str) -> bool:
    return re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?\.?|[A-Z]", token) is not None


def _token_pattern(token: str, capital: bool) -> str:
    """Regex for one name token; parts split by hyphens keep the hyphen."""
    parts = token.split("-")
    out = []
    for part in parts:
        if capital and part[:1].isalpha() and part.casefold() not in _PARTICLES:
            out.append(re.escape(part[:1].upper()) + "(?i:" + re.escape(part[1:]) + ")")
        else:
            out.append("(?i:" + re.escape(part) + ")")
    return r"\s*-\s*".join(out)


def _possessive(last_token: str) -> str:
    if last_token[-1:].casefold() in {"s", "x", "z"}:
        return r"(?P<pos>['’]s?|s)?"  # "De Vries'", and the common slip "Thijss"
    return r"(?P<pos>['’]s|s)?"


_START = r"(?<![\w@])(?<!\w-)"
_END = r"(?![\w@])(?!-\w)"


def _name_regex(tokens: list[str], capital: bool, initials: str | None = None) -> str:
    body = r"\s+".join(_token_pattern(t, capital) for t in tokens)
    prefix = ""
    if initials is not None:
        first = f"[{re.escape(initials)}]" if initials else "[A-Z]"
        prefix = rf"(?-i:{first}\.\s?(?:[A-Z]\.\s?)*)\s*"
    return _START + prefix + body + _possessive(tokens[-1]) + _END


@functools.lru_cache(maxsize=1)
def _code_prefixes() -> frozenset[str]:
    """The prefixes of the participants' codes (KM, SW, GGZ ...) and the fallback OV."""
    from casusdesk.services.catalog import functions

    return frozenset({f.prefix for f in functions()} | {"OV"})


def _initials(p: _ParsedName) -> set[str]:
    """How a hurried note writes a registered person by initials, in capitals as typed:
    "MK" for Marieke Kok, "IvG" and "IVG" for Ingrid van Gelder, "JW" and "JWB" for
    Jan-Willem Bos. Matched in exactly this case, as a whole word."""
    cores = [t for t in p.surname if t.casefold() not in _PARTICLES]
    if not p.given or not cores or not p.given[0][:1].isalpha():
        return set()
    given = "".join(part[:1].upper() for part in p.given[0].split("-") if part)
    particles = [t for t in p.surname if t.casefold() in _PARTICLES]
    core = cores[0][:1].upper()
    forms = {given + core, given + "".join(t[:1].lower() for t in particles) + core,
             given + "".join(t[:1].upper() for t in particles) + core}
    if len(given) > 1:
        forms.add(given)  # "JW" for Jan-Willem
    return {f for f in forms if 2 <= len(f) <= 4 and f.isalpha()}


class _KnownNames:
    """Regexes for every written form of the known names, each with its replacement."""

    def __init__(self, people: list[tuple[str, str, bool]], keep: frozenset[str]) -> None:
        self._keep = keep
        self.people = list(people)
        # pattern -> {level: [replacement, ...]}; level 0 = full name, 1 = a part
        table: dict[str, dict[int, list[str]]] = {}
        part_of: dict[str, str] = {}  # pattern -> "voornaam" / "achternaam" for parts
        self._terms: list[str] = []
        for name, replacement, _is_client in people:
            parsed = _parse_name(name)
            if parsed is None:
                continue
            for level, pattern, term in self._variants(parsed):
                if level == 1 and term is not None:
                    part_of[pattern] = "voornaam" if term in parsed.given else "achternaam"
                bucket = table.setdefault(pattern, {}).setdefault(level, [])
                if replacement not in bucket:
                    bucket.append(replacement)
                if term and term not in self._terms:
                    self._terms.append(term)
            for form in _initials(parsed):
                if form.casefold() in keep or form in _code_prefixes():
                    continue  # "WW" is a law and "KM" a klantmanager before anyone's initials
                bucket = table.setdefault(rf"(?<![\w]){re.escape(form)}(?![\w])", {}) \
                    .setdefault(2, [])
                if replacement not in bucket:
                    bucket.append(replacement)
        self._patterns: list[tuple[re.Pattern[str], int, str, str | None]] = []
        for pattern, levels in table.items():
            level = min(levels)
            replacement = "/".join(levels[level])
            part = part_of.get(pattern) if level == 1 else None
            self._patterns.append((re.compile(pattern), level, replacement, part))

    @staticmethod
    def _variants(p: _ParsedName) -> Iterable[tuple[int, str, str | None]]:
        full = p.full
        yield 0, _name_regex(full, _needs_capital(" ".join(full))), " ".join(full)
        sur = p.surname
        cores = [t for t in sur if t.casefold() not in _PARTICLES]
        if p.given and sur and p.given + sur != full:
            yield 0, _name_regex(p.given + sur, False), " ".join(p.given + sur)
        if len(p.given) > 1 and sur:
            yield 0, _name_regex([p.given[0], *sur], False), " ".join([p.given[0], *sur])
        if sur and (p.given or p.initials) and cores:
            yield 0, _name_regex(sur, False, initials=p.initials[:1]), None
            if p.given:
                particles = [t for t in sur if t.casefold() in _PARTICLES]
                abbreviated = [p.given[0], *particles, cores[0][0] + "."]
                yield 0, (
                    _START + r"\s+".join(_token_pattern(t, False) for t in abbreviated[:-1])
                    + r"\s+" + re.escape(cores[0][0].upper()) + r"\." + r"(?![\w])"
                ), None
        if len(full) == 1 and not sur:
            return
        for given in p.given:
            if len(given) >= 2:
                yield 1, _name_regex([given], _needs_capital(given)), given
        if sur and cores:
            joined = " ".join(sur)
            if joined != " ".join(full):
                yield 1, _name_regex(sur, _needs_capital(joined)), joined
            # "van der Meer" -> "Meer" alone only when that is no ordinary word: a
            # sentence starting with "Meer tijd ..." is not about Anouk van der Meer
            if len(sur) > 1 and len(cores) == 1 and not _needs_capital(cores[0]):
                yield 1, _name_regex(cores, False), cores[0]
            # the parts of a double surname: "Bakker-de Jong" -> "Bakker", "de Jong"
            if len(sur) >= 1 and "-" in joined:
                for part in re.split(r"\s*-\s*", joined):
                    part_tokens = part.split()
                    part_cores = [t for t in part_tokens if t.casefold() not in _PARTICLES]
                    if part_cores and len(part) >= 2:
                        yield 1, _name_regex(part_tokens, _needs_capital(part)), part
                        if len(part_tokens) > len(part_cores) == 1:
                            core = part_cores[0]
                            yield 1, _name_regex(part_cores, _needs_capital(core)), core

    def _other_person(self, text: str, match: re.Match[str], part: str) -> bool:
        """A first name followed by an unknown surname ("Pieter Dijkstra" when Pieter
        Bakker is known), or a surname after an unknown first name ("Karin Bakker"), is
        someone else; deduce and the final check take it from there."""
        if part == "voornaam":
            after = re.match(rf"[ \t]+({_CAP}[\w'’-]+)", text[match.end():match.end() + 40])
            return after is not None and self._looks_like_name(after.group(1))
        before = re.search(
            rf"(?<![\w.])({_CAP}[\w'’-]+)[ \t]+$", text[max(0, match.start() - 40):match.start()]
        )
        return before is not None and self._looks_like_name(before.group(1))

    def _looks_like_name(self, word: str) -> bool:
        key = word.casefold()
        return not (
            self._is_known_word(key) or key in self._keep or key in _NOT_NAME_WORDS
            or key.rstrip(".") in _TITLES or _is_common_word(key)
        )

    def _is_known_word(self, key: str) -> bool:
        return any(key in _norm(term).split() for term in self._terms)

    @property
    def terms(self) -> list[str]:
        return list(self._terms)

    def find(self, text: str) -> list[tuple[int, int, str, bool]]:
        """Non-overlapping (start, end, replacement, possessive), longest first."""
        found: list[tuple[int, int, int, str, bool]] = []
        for pattern, level, replacement, part in self._patterns:
            for match in pattern.finditer(text):
                if match.end() > match.start():
                    if match.group().casefold() in _MONTHS and re.search(
                        r"\d\s*$", text[max(0, match.start() - 4):match.start()]
                    ):
                        continue  # "3 jan": a date, not Jan
                    if part is not None and self._other_person(text, match, part):
                        continue
                    possessive = bool(match.groupdict().get("pos"))
                    found.append((match.start(), match.end(), level, replacement, possessive))
        found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
        taken: list[tuple[int, int, str, bool]] = []
        occupied = _Spans()
        for start, end, _level, replacement, possessive in found:
            if not occupied.overlapping(start, end):
                taken.append((start, end, replacement, possessive))
                occupied.add(start, end)
        return sorted(taken)
