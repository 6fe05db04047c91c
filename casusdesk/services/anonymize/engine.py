"""The Anonymizer: detection, resolution of overlaps, numbered placeholders."""

from __future__ import annotations

import dataclasses
from casusdesk.services.anonymize import regex as re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from casusdesk.services.anonymize import deduce_backend, lexicon
from casusdesk.services.anonymize.dates import (
    _BIRTH_CONTEXT,
    _BIRTH_YEAR,
    _DATE_DM,
    _DATE_DMY,
    _DATE_TEXT,
    _DATE_YMD,
    _OP_BEFORE,
    _PERSON_NOUNS,
    _WEEKDAY_LEAD,
    _age_replacement,
    _decade,
    _generalise_date,
    _is_duration,
    age_band,
)
from casusdesk.services.anonymize.decisions import (
    Detection,
    KnownPerson,
    ReviewDecisions,
    _norm,
)
from casusdesk.services.anonymize.known import (
    _END,
    _START,
    _KnownNames,
    _possessive,
    _token_pattern,
)
from casusdesk.services.anonymize.leak import (
    _term_pattern,
)
from casusdesk.services.anonymize.rules import (
    _AGE_PARENS,
    _AGE_WORDS,
    _BSN,
    _CAP_RUN,
    _DISTRICT,
    _EMAIL,
    _FACILITY,
    _IBAN,
    _NUMBER_KEYWORD,
    _P_DEDUCE,
    _P_FALLBACK,
    _P_KEYWORD,
    _P_KNOWN,
    _P_MANUAL,
    _P_PROPAGATED,
    _P_RULE,
    _P_WEB,
    _PHONE_INTL,
    _PHONE_NL,
    _PLATE,
    _PLATE_KEYWORD,
    _POSTCODE,
    _RELATION_NAME,
    _SCHOOL_NAME,
    _SCHOOL_TYPES,
    _STREET,
    _TITLE_BEFORE,
    _UNITS,
    _URL,
    _WIJK_COMPOUND,
    _WIJK_CONTEXT,
    _Candidate,
    _capitalise,
    _genitive,
    _is_plate,
    _looks_like_phone,
    _only_words,
    _ordinary_compound,
    _plain_word,
    _sentence_start,
    _sentence_word,
    _Spans,
    _subtract,
)
from casusdesk.services.anonymize.words import (
    _FIXED_REPLACEMENT,
    _LEAK_KINDS,
    _MONTH_NAMES,
    _NAME_KINDS,
    _NOT_NAME_WORDS,
    _NUMBERED_LABEL,
    _PARTICLES,
    _TITLE_PHRASES,
    _TITLES,
    CLIENT_REPLACEMENT,
    _is_common_word,
    _load_word_lists,
    brands,
    is_ordinary_word,
)

# --------------------------------------------------------------------------------------
# The Anonymizer
# --------------------------------------------------------------------------------------


class Anonymizer:
    """Detects and replaces personal data; built once per session (one document).

    Args:
        known_people: (name, code) pairs or :class:`KnownPerson`, e.g.
            ``("Jan de Vries", "KM_1")``; their names are replaced by their code.
        client_names: the client's real name and aliases.
        client_replacement: what the client's names become: "de cliënt" or the
            case's pseudonym.
        use_deduce: False skips deduce (known names and own rules only); for tests
            and for a preview while deduce is still loading.
        keep: extra words that must never be marked (besides ``keep.txt``).

    Numbered placeholders ([PERSOON-1] ...) are kept per Anonymizer, so all parts of
    one document share them. Use :meth:`detect_document` for a whole document: it
    starts the numbering afresh, so the review screen and the exporter number alike.
    """

    def __init__(
        self,
        known_people: Iterable[KnownPerson | tuple[str, str]] = (),
        client_names: Iterable[str] = (),
        client_replacement: str = CLIENT_REPLACEMENT,
        *,
        use_deduce: bool = True,
        keep: Iterable[str] = (),
    ) -> None:
        people: list[tuple[str, str, bool]] = []
        for person in known_people:
            name, code = (person.name, person.replacement) if isinstance(person, KnownPerson) \
                else person
            if name.strip() and code.strip():
                people.append((" ".join(name.split()), code.strip(), False))
        client_replacement = " ".join(client_replacement.split()) or CLIENT_REPLACEMENT
        for name in client_names:
            if name.strip():
                people.append((" ".join(name.split()), client_replacement, True))
        self._use_deduce = use_deduce
        self._client_replacement = client_replacement
        keep_words, _common = _load_word_lists()
        extra = {_norm(k) for k in keep if k.strip()}
        # codes and the pseudonym stay as they are
        for _name, code, is_client in people:
            if not (is_client and code == CLIENT_REPLACEMENT):
                extra.add(_norm(code))
                extra.update(_norm(t) for t in code.split() if t.casefold() not in _PARTICLES)
        self._keep = keep_words | frozenset(extra)
        self._not_name = self._keep | _NOT_NAME_WORDS
        self._known = _KnownNames(people, self._keep)
        self._registry: dict[str, dict[str, int]] = {}
        self._person_tokens: dict[int, set[str]] = {}
        self._learned: dict[str, re.Pattern[str]] = {}  # name words seen in this document
        self._deduce_memo: dict[str, list[tuple[int, int, str]]] | None = None
        #: the own rules' candidates per (text, person ends) within one detect_document:
        #: its passes ask again for the same text (see _rule_candidates)
        self._rule_memo: dict[tuple[str, frozenset[int] | None], list[_Candidate]] | None = None
        self._propagated: list[tuple[re.Pattern[str], str, str, str]] = []

    # -- public API -------------------------------------------------------------------

    def known_terms(self) -> list[str]:
        """The known names with their first names and surnames, for :func:`leak_check`."""
        return self._known.terms

    def forbidden_terms(self, detections: Iterable[Detection] = ()) -> list[str]:
        """What may not survive in the exported document: known names and their parts,
        plus the texts of the given detections (except dates and ages)."""
        terms = self.known_terms()
        for det in detections:
            text = " ".join(det.text.split())
            if det.kind in _LEAK_KINDS and text not in terms and re.search(r"\w", text):
                if not (text.isdigit() and len(text) < 5):
                    terms.append(text)
        return terms

    def reset_placeholders(self) -> None:
        """Forget the numbering: the next detection starts again at [PERSOON-1]."""
        self._registry.clear()
        self._person_tokens.clear()
        self._learned.clear()

    def detect(self, text: str, decisions: ReviewDecisions | None = None) -> list[Detection]:
        """All detections in ``text``, sorted and not overlapping.

        Honours ``decisions``: un-marked texts (by text and kind, any case) are left
        out, marked texts are detected everywhere. Placeholder numbers continue from
        earlier calls on this Anonymizer.
        """
        decisions = decisions or ReviewDecisions()
        base = _no_years_of_work(text, self._candidates(text, decisions))
        accepted = self._resolve(text, [dataclasses.replace(c) for c in base])
        self._learn(text, accepted, decisions)
        extra = self._learned_candidates(text)
        if extra:
            accepted = self._resolve(text, [dataclasses.replace(c) for c in base] + extra)
        beside = self._names_beside_people(text, accepted)
        if beside:
            accepted = self._resolve(text, [dataclasses.replace(c) for c in base] + extra
                                     + beside)
        ages = _no_years_of_work(text, self._ages_after_people(text, accepted))
        if ages:
            accepted = self._resolve(text, [dataclasses.replace(c) for c in base] + extra
                                     + beside + ages)
        result: list[Detection] = []
        for cand in accepted:
            span = text[cand.start:cand.end]
            kind = cand.kind
            if decisions.is_unmarked(span, kind):
                continue
            replacement = cand.replacement
            if replacement is None:
                if cand.label is not None:
                    replacement = self._numbered(cand.label, cand.key or span, kind)
                else:
                    replacement = _FIXED_REPLACEMENT.get(kind, "[ANONIEM]")
            result.append(Detection(cand.start, cand.end, span, kind, replacement, cand.source))
        return result

    def _names_beside_people(self, text: str, accepted: list[_Candidate]) -> list[_Candidate]:
        """A lowercase first name joined by "en" to a person found ("van jelle en Sietske
        Kingma", "geert & truus")."""
        from casusdesk.services.anonymize.recall.people import names_beside_people

        people = [(c.start, c.end) for c in accepted if c.kind in {"persoon", "eigen"}]
        return [_Candidate(start, end, "persoon", "regel", _P_RULE, label="PERSOON")
                for start, end in names_beside_people(self, text, people)]

    def _ages_after_people(self, text: str, accepted: list[_Candidate]) -> list[_Candidate]:
        """Ages right after a person ("Ayaan 10.", "mevrouw K., 31 jaar,"): after every
        person found or known, and after the case's pseudonym as typed."""
        from casusdesk.services.anonymize.recall.ages_dates import ages_after_people

        people = [(c.start, c.end) for c in accepted if c.kind in {"persoon", "eigen"}]
        if self._client_replacement != CLIENT_REPLACEMENT:
            pseudonym = re.escape(self._client_replacement).replace(r"\ ", r"\s+")
            people += [m.span() for m in re.finditer(rf"(?<![\w]){pseudonym}", text)]
        out = []
        for start, end, value in ages_after_people(text, people):
            replacement = age_band(int(value)) if value.isdigit() else "[LEEFTIJD]"
            if replacement is not None:
                out.append(_Candidate(start, end, "leeftijd", "regel", _P_RULE,
                                      replacement=replacement))
        return out

    def detect_document(
        self, texts: Sequence[str], decisions: ReviewDecisions | None = None, *,
        propagate: bool = True,
    ) -> list[list[Detection]]:
        """Detections for each part of one document, numbered afresh from 1.

        Two passes: the first learns the names found anywhere in the document (a
        surname deduce found once in "Oksana Kovalenko" is then also caught alone
        in an earlier part), the second detects and numbers. With ``propagate`` a
        third pass replaces every other occurrence of a detected name, place,
        institution, address or number ("wijk Pittelo" ... "in Pittelo") with the
        same placeholder.
        """
        self.reset_placeholders()
        self._deduce_memo = {}
        self._rule_memo = {}
        self._propagated = []
        try:
            for text in texts:
                self.detect(text, decisions)
            learned = dict(self._learned)
            self.reset_placeholders()
            self._learned.update(learned)
            results = [self.detect(text, decisions) for text in texts]
            if propagate:
                self._propagated = self._propagation(results, decisions)
                if self._propagated:
                    # the registry keeps its numbers: a term gets the same placeholder
                    results = [self.detect(text, decisions) for text in texts]
            return results
        finally:
            self._deduce_memo = None
            self._rule_memo = None
            self._propagated = []

    def _propagation(
        self, results: Sequence[Sequence[Detection]], decisions: ReviewDecisions | None
    ) -> list[tuple[re.Pattern[str], str, str, str]]:
        """(pattern, kind, replacement, source) for every term detected somewhere in the
        document, so that every other occurrence gets the same placeholder.

        Only names, places, institutions, addresses and identifying numbers travel;
        dates and ages depend on their context. A term that is also an ordinary word
        travels only with its capital ("Bel" found as a name does not take "bel").
        """
        seen: dict[str, tuple[re.Pattern[str], str, str, str]] = {}
        for detections in results:
            for det in detections:
                if det.kind not in _LEAK_KINDS or det.source in {"bekend", "handmatig"}:
                    continue
                text = " ".join(det.text.split())
                key = text.casefold()
                if key in seen and not (seen[key][1] == "naam" and det.kind != "naam"):
                    continue  # the first kind found wins, a specific one over "naam"
                if len(text) < 3 or not re.search(r"\w", text):
                    continue
                if text.isdigit() and len(text) < 5:
                    continue
                if decisions is not None and decisions.is_unmarked(text, det.kind):
                    continue
                seen[key] = (_term_pattern(text), det.kind, det.replacement, det.source)
        return list(seen.values())

    def _propagated_candidates(self, text: str) -> list[_Candidate]:
        out = []
        for pattern, kind, replacement, source in self._propagated:
            for m in pattern.finditer(text):
                end = m.start("pos") if m.group("pos") else m.end()
                out.append(_Candidate(m.start(), end, kind, source, _P_PROPAGATED,
                                      replacement=replacement, propagated=True))
        return out

    @staticmethod
    def apply(text: str, detections: Iterable[Detection]) -> str:
        """``text`` with every detection replaced by its replacement.

        Raises ValueError when a detection does not fit the text (stale or
        overlapping detections), so nothing is exported half-anonymized.
        """
        ordered = sorted(detections, key=lambda d: d.start)
        pieces: list[str] = []
        pos = 0
        for det in ordered:
            if det.start < pos or text[det.start:det.end] != det.text:
                raise ValueError(
                    f"Detectie {det.text!r} op {det.start}-{det.end} past niet bij de tekst."
                )
            pieces.append(text[pos:det.start])
            pieces.append(det.replacement)
            pos = det.end
        pieces.append(text[pos:])
        return "".join(pieces)

    def anonymize(self, text: str, decisions: ReviewDecisions | None = None) -> str:
        """``apply(text, detect(text, decisions))``."""
        return self.apply(text, self.detect(text, decisions))

    # -- learned names ------------------------------------------------------------------

    def _learn(self, text: str, accepted: list[_Candidate], decisions: ReviewDecisions) -> None:
        """Remember the words of person names that deduce or the rules found."""
        for cand in accepted:
            if cand.kind != "persoon" or cand.source == "bekend":
                continue
            span = text[cand.start:cand.end]
            if decisions.is_unmarked(span, cand.kind):
                continue
            for word in re.findall(r"[\w'’]+", span):
                word = re.sub(r"['’]s?$", "", word)
                key = word.casefold()
                if (len(word) >= 3 and word[:1].isupper() and not word.isupper()
                        and key not in self._learned and key not in self._not_name
                        and not _is_common_word(key)):
                    self._learned[key] = re.compile(
                        _START + _token_pattern(word, True) + _possessive(word) + _END
                    )

    def _learned_candidates(self, text: str) -> list[_Candidate]:
        out = []
        for pattern in self._learned.values():
            for m in pattern.finditer(text):
                end = m.start("pos") if m.group("pos") else m.end()
                out.append(_Candidate(m.start(), end, "persoon", "regel", _P_FALLBACK,
                                      label="PERSOON"))
        return out

    # -- candidates ---------------------------------------------------------------------

    def _candidates(self, text: str, decisions: ReviewDecisions) -> list[_Candidate]:
        cands: list[_Candidate] = []
        cands += self._known_candidates(text)
        cands += self._marked_candidates(text, decisions)
        cands += self._propagated_candidates(text)
        if self._use_deduce and text.strip():
            cands += self._deduce_candidates(text)
        person_ends = {c.end for c in cands if c.kind in {"persoon", "eigen"}}
        cands += self._rule_candidates(text, person_ends)
        return cands

    def _known_candidates(self, text: str) -> list[_Candidate]:
        """The known names in ``text`` (depends on the text and the known names only:
        made once per text within one detect_document, as the own rules are)."""
        memo = self._rule_memo
        if memo is None:
            return self._make_known_candidates(text)
        key = (text, None)
        if key not in memo:
            memo[key] = self._make_known_candidates(text)
        return list(memo[key])

    def _make_known_candidates(self, text: str) -> list[_Candidate]:
        out = []
        for start, end, replacement, possessive in self._known.find(text):
            if replacement.split(" ", 1)[0] in {"de", "het", "een"}:
                # "mevrouw Visser" -> "de cliënt", not "mevrouw de cliënt"
                title = _TITLE_BEFORE.search(text[max(0, start - 12):start])
                if title is not None:
                    start -= len(title.group())
                if _sentence_start(text, start):
                    replacement = _capitalise(replacement)
            if possessive:
                replacement = _genitive(replacement)
            out.append(_Candidate(start, end, "eigen", "bekend", _P_KNOWN, replacement=replacement))
        return out

    def _marked_candidates(self, text: str, decisions: ReviewDecisions) -> list[_Candidate]:
        out = []
        for mark in decisions.marked:
            words = mark.text.split()
            if not words:
                continue
            body = r"\s+".join(re.escape(w) for w in words)
            start_b = r"(?<![\w])" if words[0][:1].isalnum() or words[0][:1] == "_" else ""
            end_b = r"(?![\w])" if words[-1][-1:].isalnum() or words[-1][-1:] == "_" else ""
            for match in re.finditer(start_b + body + end_b, text, re.IGNORECASE):
                label = _NUMBERED_LABEL.get(mark.kind)
                out.append(_Candidate(
                    match.start(), match.end(), mark.kind, "handmatig", _P_MANUAL,
                    label=label if mark.replacement is None else None,
                    replacement=mark.replacement, key=_norm(mark.text),
                ))
        return out

    def _rule_candidates(self, text: str, person_ends: set[int]) -> list[_Candidate]:
        """The own rules' candidates. They depend only on the text, ``person_ends`` and
        what the Anonymizer was made with (known names, keep words), not on what a
        document taught it (learned names, numbering, propagation): within one
        :meth:`detect_document` they are made once per text and person ends. A rule
        that reads learned state must not go here."""
        memo = self._rule_memo
        if memo is None:
            return self._make_rule_candidates(text, person_ends)
        key = (text, frozenset(person_ends))
        if key not in memo:
            memo[key] = self._make_rule_candidates(text, person_ends)
        return list(memo[key])  # detect copies each candidate before it changes one

    def _make_rule_candidates(self, text: str, person_ends: set[int]) -> list[_Candidate]:
        out: list[_Candidate] = []

        def add(start: int, end: int, kind: str, priority: int = _P_RULE, **kw: Any) -> None:
            if end > start:
                out.append(_Candidate(start, end, kind, "regel", priority, **kw))

        for m in _EMAIL.finditer(text):
            add(m.start(), m.end(), "email", _P_WEB)
        for m in _URL.finditer(text):
            end = m.end()
            while end > m.start() and text[end - 1] in ".,;:!?)]'\"":
                end -= 1
            add(m.start(), end, "url", _P_WEB)
        for m in _IBAN.finditer(text):
            compact = re.sub(r"\s", "", m.group())
            if 15 <= len(compact) <= 34 and re.search(r"\d{6}", compact[4:].replace(" ", "")):
                add(m.start(), m.end(), "iban")
        for m in _BSN.finditer(text):
            add(m.start("n"), m.end("n"), "bsn", _P_KEYWORD)
        for m in _PHONE_INTL.finditer(text):
            digits = re.sub(r"\D", "", m.group())
            if 9 <= len(digits) <= 15:
                add(m.start(), m.end(), "telefoon")
        for m in _PHONE_NL.finditer(text):
            if _looks_like_phone(m.group()):
                add(m.start(), m.end(), "telefoon")
        for m in _POSTCODE.finditer(text):
            letters = m.group("pc")[-2:]
            if letters.upper() in _UNITS or letters.upper() in {"SA", "SD", "SS"}:
                continue
            if re.fullmatch(r"(?:19|20)\d\d", m.group("pc")[:4]) and not m.group("place") \
                    and _norm(letters) in self._keep:
                continue  # "2023 WW op": a year and a law, no postcode
            add(m.start("pc"), m.end("pc"), "postcode")
            if m.group("place") and self._plain_name(m.group("place")):
                add(m.start("place"), m.end("place"), "plaats", label="PLAATS")
        for m in _PLATE.finditer(text):
            if _is_plate(m.groups()):
                add(m.start(), m.end(), "kenteken")
        for m in _PLATE_KEYWORD.finditer(text):
            add(m.start("n"), m.end("n"), "kenteken", _P_KEYWORD)
        for m in _NUMBER_KEYWORD.finditer(text):
            end = m.end("n")
            while end > m.start("n") and text[end - 1] in ".,/-":
                end -= 1
            add(m.start("n"), end, "nummer", _P_KEYWORD)
        self._date_candidates(text, add)
        for m in _BIRTH_YEAR.finditer(text):
            add(m.start("y"), m.end("y"), "datum", _P_KEYWORD, replacement=_decade(m.group("y")))
        self._age_candidates(text, add, person_ends)
        self._street_candidates(text, add)
        for m in _WIJK_CONTEXT.finditer(text):
            span = self._name_span(text, m.start("n"), m.end("n"))
            if span:
                add(*span, "plaats", label="WIJK")
        for m in _WIJK_COMPOUND.finditer(text):
            name = m.group("n")
            capital_buurt = name.split()[-1] == "Buurt"  # "Indische Buurt": a name
            first = name.split()[0] if capital_buurt else name
            plain = (first.casefold() not in self._not_name) if capital_buurt \
                else self._plain_name(first)
            if plain and not _is_common_word(name):
                add(m.start("n"), m.end("n"), "plaats", _P_FALLBACK, label="WIJK")
        for m in _DISTRICT.finditer(text):
            start = m.start("n")
            first = re.match(r"(\S+)\s+(?=\S)", m.group("n"))
            if first and is_ordinary_word(first.group(1)):
                start += first.end()  # "Werkplaats Armoede Assen-Oost": only the district
            add(start, m.end("n"), "plaats", label="WIJK")
        for m in _FACILITY.finditer(text):
            kind_type = " ".join(m.group("type").casefold().split())
            span = self._name_span(text, m.start("n"), m.end("n"), keep_article=True,
                                   article_names=True)
            if span:
                label = "SCHOOL" if re.fullmatch(_SCHOOL_TYPES, kind_type) else "INSTELLING"
                add(*span, "instelling", label=label)
        for m in _SCHOOL_NAME.finditer(text):
            words = list(re.finditer(r"\S+", m.group("n")))
            while len(words) > 1 and words[0].group().casefold() in {"de", "het", "'t"}:
                words = words[1:]
            if len(words) >= 2 and all(self._plain_name(w.group()) for w in words[:-1]):
                add(m.start("n") + words[0].start(), m.end("n"), "instelling", label="SCHOOL")
        for m in _RELATION_NAME.finditer(text):
            span = self._name_span(text, m.start("n"), m.end("n"), surname_ok=True)
            if span:
                add(*span, "persoon", _P_DEDUCE, label="PERSOON", trimmable=True)
        for m in _CAP_RUN.finditer(text):
            self._cap_run_candidates(text, m, add)
        from casusdesk.services.anonymize import recall

        recall.candidates(self, text, add, _sentence_start, lambda n: age_band(n), _MONTH_NAMES)
        return out

    def _date_candidates(self, text: str, add: Callable[..., None]) -> None:
        spans: list[tuple[int, int]] = []
        for pattern in (_DATE_TEXT, _DATE_DMY, _DATE_YMD):
            for m in pattern.finditer(text):
                if pattern is _DATE_DMY and m.group("sep") == "." and len(m.group("y")) == 2:
                    continue
                spans.append((m.start(), m.end()))
        for m in _DATE_DM.finditer(text):
            spans.append((m.start("date"), m.end("date")))
        for start, end in spans:
            self._add_date(text, start, end, add, "regel")

    def _add_date(
        self, text: str, start: int, end: int, add: Callable[..., None], source: str
    ) -> None:
        """A date candidate, generalised; "op 12 maart" becomes "in maart"."""
        birth = _BIRTH_CONTEXT.search(text[max(0, start - 30):start]) is not None
        raw = text[start:end]
        weekday = _WEEKDAY_LEAD.match(raw)
        if weekday is not None and weekday.end() < len(raw):
            start += weekday.end()  # "vrijdag 22 november": the weekday tells nothing
            raw = raw[weekday.end():]
        if source == "regel" and _DATE_DM.fullmatch("op " + raw):
            month = int(re.split(r"[-/]", raw)[1])
            replacement, month_first = (
                (_FIXED_REPLACEMENT["datum"], False) if birth else (_MONTH_NAMES[month], True)
            )
        else:
            replacement, month_first = _generalise_date(raw, birth)
        if month_first or (birth and replacement != _FIXED_REPLACEMENT["datum"]):
            op = _OP_BEFORE.search(text[max(0, start - 6):start])
            if op is not None:
                start -= len(op.group())
                replacement = ("In " if op.group(1) == "Op" else "in ") + replacement
        if weekday is not None and replacement[:1].islower() and not replacement.startswith("in "):
            replacement = "in " + replacement  # "vrijdag in november"
        add(start, end, "datum", replacement=replacement)

    def _age_candidates(
        self, text: str, add: Callable[..., None], person_ends: set[int]
    ) -> None:
        for pattern in (_AGE_PARENS, _AGE_WORDS):
            for m in pattern.finditer(text):
                band = age_band(int(m.group("n")))
                if band is None:
                    continue
                if pattern is _AGE_PARENS:
                    who = m.group("who")
                    after_name = m.end("who") in person_ends
                    is_noun = re.fullmatch(_PERSON_NOUNS, who.casefold()) is not None
                    is_code = re.fullmatch(r"[A-Z]{1,3}_\d+", who) is not None
                    if not (after_name or is_noun or is_code) and (
                        who.casefold() in self._not_name or _is_common_word(who)
                    ):
                        continue
                    if who[:1].islower() and not (is_noun or after_name
                                                  or who.casefold() in lexicon.names()[0]):
                        continue  # "pagina (3)"; "sophie (8)" is a name
                    if m.group("u"):
                        add(m.start("n"), m.end("u"), "leeftijd", replacement=band)
                        continue
                add(m.start("n"), m.end("n"), "leeftijd", replacement=band)

    def _street_candidates(self, text: str, add: Callable[..., None]) -> None:
        postcodes = [(p.start("pc"), p.end("pc")) for p in _POSTCODE.finditer(text)]
        for m in _STREET.finditer(text):
            start, end = m.start("name"), m.end("name")
            words = list(re.finditer(r"\S+", m.group("name")))
            # "8401 DK Gorredijk": the letters of a postcode start no street name; a
            # street name starts on the line of its number ("De Vaart\nStationsweg 12")
            last_break = text.rfind("\n", start, end)
            words = [w for w in words if m.start("name") + w.start() > last_break and not any(
                a <= m.start("name") + w.start() < b for a, b in postcodes)]
            if not words:
                continue
            # drop leading words that are articles, prepositions or ordinary words
            while len(words) > 1 and (
                words[0].group().casefold() in self._not_name
                or _is_common_word(words[0].group())
            ):
                words = words[1:]
            start = m.start("name") + words[0].start()
            name = text[start:end]
            if _norm(name) in self._keep or (len(words) == 1 and _is_common_word(name)):
                continue
            if _norm(words[-1].group()) in self._keep:
                continue  # "Huisverbod Werkplein 2 weken": a keep word, no street
            has_number = m.group("num") is not None
            if len(words) == 1 and not has_number and _sentence_start(text, start):
                continue
            add(start, m.end() if has_number else end, "adres", label="ADRES",
                key=_norm(name) + ("" if not has_number else " " + _norm(m.group("num"))))

    def _cap_run_candidates(self, text: str, m: re.Match[str], add: Callable[..., None]) -> None:
        """Two or three capitalised unknown words in a row: probably a name."""
        tokens = list(re.finditer(r"\S+", m.group()))
        run: list[re.Match[str]] = []

        def flush() -> None:
            if len(run) >= 2:
                add(m.start() + run[0].start(), m.start() + run[-1].end(), "persoon",
                    _P_FALLBACK, label="PERSOON", trimmable=True)
            run.clear()

        for tok in tokens:
            word = tok.group()
            if self._plain_name(word) and not word.isupper() and len(word) > 1:
                run.append(tok)
                if len(run) == 3:
                    flush()
            else:
                flush()
        flush()

    def _plain_name(self, words: str) -> bool:
        """True when no word is a keep word, an ordinary word, a month or a title."""
        for word in re.split(r"[\s-]+", words):
            key = word.casefold().strip("'’.")
            if not key or key in self._not_name or _is_common_word(key) or _plain_word(key):
                return False
        return _norm(words) not in self._keep

    def _name_span(
        self, text: str, start: int, end: int, keep_article: bool = False,
        surname_ok: bool = False, article_names: bool = False,
    ) -> tuple[int, int] | None:
        """The span of a name after a context word, without keep/ordinary words.

        With ``article_names`` a capitalised ordinary word after a capitalised article is
        a name too: "De Regenboog", "'t Kabouterhuis", "De Sleutel"."""
        words = list(re.finditer(r"\S+", text[start:end]))
        article = None
        if words and words[0].group().casefold() in {"de", "het", "'t"}:
            article = words[0]
            words = words[1:]
        capital_article = article is not None and article.group()[:1] in "DH'"
        kept: list[re.Match[str]] = []
        for w in words:
            token = w.group().strip(".,;:!?)")
            if token.casefold() in _PARTICLES and (kept or token[:1].isupper()):
                kept.append(w)  # "moskee Al Baraka", "stichting De Kern"
                continue
            named = (article_names and capital_article and token[:1].isupper()
                     and token.casefold() not in self._keep
                     and token.casefold() not in _NOT_NAME_WORDS)
            if not named and not self._plain_name(token) and not (
                surname_ok and kept and token[:1].isupper()
                and token.casefold() not in self._not_name
            ):
                break
            kept.append(w)
        while kept and kept[-1].group().casefold() in _PARTICLES:
            kept.pop()
        if kept and all(k.group().casefold() in _PARTICLES for k in kept):
            return None
        if not kept:
            return None
        first = article if keep_article and article is not None else kept[0]
        return start + first.start(), start + kept[-1].end()

    def _deduce_candidates(self, text: str) -> list[_Candidate]:
        out: list[_Candidate] = []
        memo = self._deduce_memo
        annotations = memo.get(text) if memo is not None else None
        if annotations is None:
            annotations = deduce_backend.deduce_annotations(text)
            if memo is not None:
                memo[text] = annotations
        for start, end, tag in annotations:
            span = text[start:end]
            if tag in {"persoon", "patient"}:
                kind, label = "persoon", "PERSOON"
                trimmed = self._trim(text, start, end)
                if trimmed is not None and trimmed != (start, end):
                    # "in Den Haag. De Wmo-consulent": deduce glued a place to a role
                    inner = text[trimmed[0]:trimmed[1]]
                    if deduce_backend.deduce_annotations(inner) == [(0, len(inner), "locatie")]:
                        kind, label = "plaats", "PLAATS"
                out.append(_Candidate(start, end, kind, "deduce", _P_DEDUCE,
                                      label=label, trimmable=True))
            elif tag == "locatie" and (pc := re.match(r"[1-9]\d{3}\s?[A-Za-z]{2}(?![\w])", span)):
                out.append(_Candidate(start, start + pc.end(), "postcode", "deduce", _P_DEDUCE))
                rest = self._trim(text, start + pc.end(), end)
                if rest is not None:
                    out.append(_Candidate(rest[0], rest[1], "plaats", "deduce", _P_DEDUCE,
                                          label="PLAATS", trimmable=True))
            elif tag == "locatie":
                if _POSTCODE.fullmatch(span.strip()):
                    kind, label = "postcode", None
                elif re.search(r"\d", span) and re.search(r"[^\W\d]{3}", span):
                    kind, label = "adres", "ADRES"
                elif re.search(r"\d", span):
                    kind, label = "postcode", None
                else:
                    kind, label = "plaats", "PLAATS"
                out.append(_Candidate(start, end, kind, "deduce", _P_DEDUCE, label=label,
                                      trimmable=label is not None))
            elif tag in {"ziekenhuis", "zorginstelling"}:
                out.append(_Candidate(start, end, "instelling", "deduce", _P_DEDUCE,
                                      label="INSTELLING", trimmable=True))
            elif tag == "datum":
                collected: list[_Candidate] = []

                def add(s: int, e: int, kind: str, priority: int = _P_DEDUCE, **kw: Any) -> None:
                    collected.append(_Candidate(s, e, kind, "deduce", _P_DEDUCE, **kw))

                self._add_date(text, start, end, add, "deduce")
                out += collected
            elif tag == "leeftijd":
                if not _is_duration(text, start, end):
                    out.append(_Candidate(start, end, "leeftijd", "deduce", _P_DEDUCE,
                                          replacement=_age_replacement(span)))
            elif tag == "telefoonnummer":
                out.append(_Candidate(start, end, "telefoon", "deduce", _P_DEDUCE))
            elif tag == "emailadres":
                out.append(_Candidate(start, end, "email", "deduce", _P_DEDUCE))
            elif tag == "url":
                out.append(_Candidate(start, end, "url", "deduce", _P_DEDUCE))
            elif tag == "bsn":
                out.append(_Candidate(start, end, "bsn", "deduce", _P_DEDUCE))
            else:  # "id" and anything newer: an identifying number or code
                kind = "telefoon" if re.fullmatch(r"0\d{9}", span) else "nummer"
                out.append(_Candidate(start, end, kind, "deduce", _P_DEDUCE))
        return out

    # -- overlap resolution and trimming ---------------------------------------------

    def _resolve(self, text: str, candidates: list[_Candidate]) -> list[_Candidate]:
        """Highest priority first, then longest; lower ones are cut back or dropped."""
        from casusdesk.services.anonymize import recall

        ordered = sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start))
        protected = _Spans(recall.protected_spans(self, text) if ordered else [])
        taken: list[_Candidate] = []
        occupied = _Spans()
        for cand in ordered:
            if cand.source in {"deduce", "regel"} and cand.kind in _NAME_KINDS:
                # a name never runs on into the next line ("zaal De Tjonger\nUitzendwerk"):
                # replacing across the line break would take the break and the next
                # line's first word with it
                newline = text.find("\n", cand.start, cand.end)
                if newline != -1:
                    end = newline
                    while end > cand.start and text[end - 1].isspace():
                        end -= 1
                    if end == cand.start:
                        continue
                    cand.end = end
                # nor over a tab: in a table pasted from a spreadsheet ("Roepnaam\tKasia")
                # the cell before is a label and the name is the value after it
                tab = text.rfind("\t", cand.start, cand.end)
                if tab != -1:
                    start = tab + 1
                    while start < cand.end and text[start].isspace():
                        start += 1
                    if start >= cand.end:
                        continue
                    cand.start = start
                span = text[cand.start:cand.end]
                if protected.covers(cand.start, cand.end):
                    continue  # "Leger des Heils", "Housing First"
                if re.fullmatch(r"[A-Z]{2,6}", span) and cand.source == "deduce":
                    continue  # an acronym: UWV, HEMA, CJIB
                if " " not in span.strip() and lexicon.is_function_word(span):
                    continue  # "Casusregisseur", "Ouderenadviseur"
                if cand.source == "deduce" and _ordinary_compound(text, cand.start, cand.end):
                    continue  # "Schuldeiser | bedrag": a word at the start of a line
            if cand.source in {"deduce", "regel"} and cand.kind not in {"datum", "leeftijd"}:
                if cand.trimmable:
                    trimmed = self._trim(text, cand.start, cand.end)
                    if trimmed is None:
                        continue
                    cand.start, cand.end = trimmed
                elif cand.kind != "herkomst" and _norm(text[cand.start:cand.end]) in self._keep \
                        and not ((cand.employer or cand.propagated)
                                 and _norm(text[cand.start:cand.end]) in brands()):
                    continue  # keep.txt keeps "Pools" from the name rules; origins decides
            if cand.kind == "persoon" and cand.source in {"deduce", "regel"}:
                while True:  # "Bel Sanne", "Ex Ricardo": the verb or noun stays
                    first = re.match(r"\S+", text[cand.start:cand.end])
                    if first is None or first.end() == cand.end - cand.start or \
                            not _sentence_word(text, cand.start, cand.start + first.end()):
                        break
                    rest = re.match(r"\S+\s+", text[cand.start:cand.end])
                    cand.start += rest.end() if rest else first.end()
                if _sentence_word(text, cand.start, cand.end, named_elsewhere=cand.propagated) \
                        or _only_words(text[cand.start:cand.end]):
                    continue
            pieces = _subtract(cand.start, cand.end, occupied.overlapping(cand.start, cand.end))
            if pieces == [(cand.start, cand.end)]:
                taken.append(cand)
                occupied.add(cand.start, cand.end)
            elif cand.trimmable:
                for start, end in pieces:
                    trimmed = self._trim(text, start, end)
                    if trimmed is not None and self._acceptable_piece(text, *trimmed):
                        taken.append(_Candidate(trimmed[0], trimmed[1], cand.kind, cand.source,
                                                cand.priority, label=cand.label, trimmable=True))
                        occupied.add(*trimmed)
        return sorted(taken, key=lambda c: c.start)

    def _acceptable_piece(self, text: str, start: int, end: int) -> bool:
        piece = text[start:end]
        if _sentence_word(text, start, end) or _only_words(piece):
            return False
        return any(ch.isupper() for ch in piece) and len(piece.strip(".'’-")) >= 2

    def _trim(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """Cut titles, roles, laws and particles from the edges of a name span."""
        words = list(re.finditer(r"[^\s]+", text[start:end]))
        i, j = 0, len(words)

        def word(k: int) -> str:
            return words[k].group().strip(",;:!?()[]\"“”").casefold()

        def strip_word(w: str) -> bool:
            if w in self._keep or w in _TITLES or w.rstrip(".") in _TITLES:
                return True
            if lexicon.is_function_word(w):
                return True  # "Casusregisseur [PERSOON-1]"
            if "-" in w and w.rsplit("-", 1)[-1] in self._keep:
                return True
            return False

        while i < j and not re.search(r"\w", words[i].group()):
            i += 1  # ". Mag": a full stop left over from a cut never joins a name
        while j > i and not re.search(r"\w", words[j - 1].group()):
            j -= 1
        while i < j:
            for size in (4, 3, 2):
                phrase = " ".join(word(k) for k in range(i, i + size)) if i + size <= j else ""
                if phrase in self._keep or phrase in _TITLE_PHRASES:
                    i += size
                    break
            else:
                if strip_word(word(i)):
                    i += 1
                    continue
                break
        while j > i:
            w = word(j - 1)
            # "Mark van de Wmo-consulent": a keep word glued on with a hyphen ends the name
            if strip_word(w) or w in _PARTICLES or w.split("-", 1)[0] in self._keep:
                j -= 1
                continue
            break
        if i >= j:
            return None
        if all(word(k) in _PARTICLES for k in range(i, j)):
            return None
        if i > 0 and all(re.fullmatch(r"\d{1,4}[a-z]?", word(k)) for k in range(i, j)):
            return None  # "Werkplein 2": a number left over from a keep word is no address
        new_start = start + words[i].start()
        new_end = start + words[j - 1].end()
        while new_end > new_start and text[new_end - 1] in ",;:!?)]\"”":
            new_end -= 1
        while new_start < new_end and text[new_start] in "([\"“":
            new_start += 1
        if text[new_end - 1:new_end] == "." and not re.search(
            r"(?<![\w])\w\.$", text[new_start:new_end]
        ):
            new_end -= 1  # sentence full stop, not an initial
        if new_end <= new_start or not re.search(r"\w", text[new_start:new_end]):
            return None
        return new_start, new_end

    # -- numbering -------------------------------------------------------------------

    def _numbered(self, label: str, text: str, kind: str) -> str:
        table = self._registry.setdefault(label, {})
        key = self._person_key(text) if label == "PERSOON" else _norm(text)
        if key in table:
            return f"[{label}-{table[key]}]"
        number = None
        if label == "PERSOON":
            number = self._link_person(key)
        if number is None:
            number = max(table.values(), default=0) + 1
        table[key] = number
        if label == "PERSOON":
            self._person_tokens.setdefault(number, set()).update(self._core_tokens(key))
        return f"[{label}-{number}]"

    @staticmethod
    def _person_key(text: str) -> str:
        words = [w for w in _norm(text).split() if w.strip(".") not in _TITLES]
        key = " ".join(words) or _norm(text)
        return re.sub(r"(['’]s?|['’])$", "", key)

    @staticmethod
    def _core_tokens(key: str) -> set[str]:
        return {w for w in key.split() if w not in _PARTICLES and len(w.strip(".")) > 1}

    def _link_person(self, key: str) -> int | None:
        """The number of an earlier person this name is a part or extension of."""
        tokens = self._core_tokens(key)
        if not tokens:
            return None
        matches = [
            number for number, known in self._person_tokens.items()
            if tokens <= known or known <= tokens
        ]
        return matches[0] if len(matches) == 1 else None


def _no_years_of_work(text: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """The candidates without ages that are years of work ("was 30 jaar chauffeur")."""
    from casusdesk.services.anonymize.recall.ages_dates import years_as_work

    return [c for c in candidates
            if c.kind != "leeftijd" or not years_as_work(text, c.start, c.end)]
