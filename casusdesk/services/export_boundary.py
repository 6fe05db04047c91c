"""One privacy boundary for every file casusdesk writes about a session.

Every export (the minutes .docx, the mail draft, the role cards front and back, the
timeline PNG/SVG, and any export added later) goes through one
:class:`SessionBoundary`:

1. **Gather** every free text of the session: case fields, notes and all other
   captures, the Golden Circle including "Dit wil ik je meegeven", the timeline (the
   texts the minutes show, plus what only the cards show).
2. **Anonymize** them together, with the session's review decisions and its known
   names (participants, the client's real name and aliases), so that whatever is
   detected or marked anywhere is replaced at every occurrence in every export with
   the same placeholder number (:meth:`Anonymizer.detect_document`).
3. **Check the produced bytes** (:meth:`SessionBoundary.write`): the .docx XML parts,
   the .eml (headers, text and attachment), the PDF text read back with pypdf and the
   strings drawn, the SVG text, the strings drawn into a PNG and its metadata. If any
   known name or detected/marked term survives, nothing is written and the message
   says what kind of datum and where, never the datum itself.

deduce is loaded only when an export holds free text that could need it: a timeline
whose descriptions consist of known names and ordinary words, or role cards without
backs, are checked against the known names, the marks and the own rules alone.
"""

from __future__ import annotations

import email
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from email import policy
from pathlib import Path
from typing import Any

from casusdesk.domain.errors import CasusdeskError
from casusdesk.domain.model import strip_invisible
from casusdesk.services.files import write_atomic

__all__ = ["SessionBoundary", "GroupBoundary", "KIND_DESCRIPTIONS", "card_back_texts"]

#: What a detected term is, for the message (never the term itself).
KIND_DESCRIPTIONS = {
    "persoon": "een persoonsnaam",
    "plaats": "een plaats of wijk",
    "instelling": "de naam van een instelling of school",
    "adres": "een adres",
    "telefoon": "een telefoonnummer",
    "email": "een e-mailadres",
    "bsn": "een burgerservicenummer",
    "iban": "een rekeningnummer",
    "postcode": "een postcode",
    "kenteken": "een kenteken",
    "url": "een webadres",
    "nummer": "een klant- of dossiernummer",
    "handmatig": "een tekst die u bij de controle hebt gemarkeerd",
    "eigen": "een bekende naam",
    "account": "een account op sociale media",
    "naam": "een naam",
    "herkomst": "een land of herkomst",
}

GC_MESSAGE_WHERE = "Golden Circle · Dit wil ik je meegeven"
_CARD_FIELDS = (("why", "Golden Circle · Waarom"), ("how", "Golden Circle · Hoe"),
                ("what", "Golden Circle · Wat"), ("message", GC_MESSAGE_WHERE))


def card_back_texts(capture_data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(where, text) of what a Golden Circle entry puts on the back of a role card."""
    out = []
    for key, where in _CARD_FIELDS:
        value = capture_data.get(key)
        if isinstance(value, str) and strip_invisible(value).strip():
            out.append((where, strip_invisible(value).strip()))
    return out


@dataclass(frozen=True)
class _Result:
    text: str
    detections: list[Any]
    anonymized: str
    where: str


class SessionBoundary:
    """Anonymization and final check of one session, shared by every export.

    Args:
        store: the data folder's store.
        session_id: the session.
        methods: the method catalogue (phase titles in "where" labels only).
        decisions: the review decisions; None reads the ones kept with the session.
        clock: for the minutes' timer (see :func:`minutes.build_minutes`).
        skip_damaged: leave out captures whose stored row cannot be read (the
            facilitator agreed); without it they raise ``DamagedCapturesError``.
    """

    def __init__(self, store: Any, session_id: int, methods: Mapping[str, Any] | None = None,
                 *, decisions: Any | None = None, clock: Any | None = None,
                 skip_damaged: bool = False) -> None:
        from casusdesk.services import minutes

        self.store = store
        self.session_id = session_id
        self.facts = minutes._facts(store, session_id, methods or {}, clock, decisions,
                                    skip_damaged=skip_damaged)
        self._anonymizer: Any = None
        self._full = False
        self._results: dict[str, _Result] = {}
        self._order: list[_Result] = []
        self._hidden_removed: bool | None = None

    # -- gathering ---------------------------------------------------------------------

    def session_texts(self) -> list[tuple[str, str]]:
        """(where, text) of every free text of the session, in the minutes' order, then
        what only the role cards show."""
        from casusdesk.services import minutes

        collect = minutes._Collect()
        minutes._compose(self.facts, collect, images=False)
        items = list(collect.items)
        for capture in self.facts.captures:
            if capture.kind == "golden_circle":
                for where, text in card_back_texts(capture.data):
                    if where == GC_MESSAGE_WHERE:
                        items.append((where, text))
        return items

    @property
    def hidden_characters_removed(self) -> bool:
        """Whether a text of the session held invisible or control characters (they are
        left out of every export)."""
        if self._hidden_removed is None:
            self._hidden_removed = collect_hidden(self.facts)
        return self._hidden_removed

    # -- anonymizing -------------------------------------------------------------------

    def _new_anonymizer(self, use_deduce: bool) -> Any:
        from casusdesk.services.anonymize import CLIENT_REPLACEMENT, Anonymizer

        from casusdesk.services.series import origin_names

        case = self.facts.session.case
        people = known_people(self.facts.participants)
        # the clients of earlier sessions whose agreements this session reviews
        people += origin_names(getattr(self.facts, "carried", []), self.facts.session)
        return Anonymizer(people, case.known_names,
                          case.client_pseudonym.strip() or CLIENT_REPLACEMENT,
                          use_deduce=use_deduce)

    def prepare(self, export_texts: Iterable[str] | None = None) -> None:
        """Detect in the whole session; with ``export_texts`` (what one export will show)
        deduce is used only when one of them needs it."""
        if self._full:
            return
        if export_texts is not None:
            texts = [strip_invisible(t or "").strip() for t in export_texts]
            light = self._new_anonymizer(use_deduce=False)
            if not any(_needs_session(light, t, self.facts.decisions) for t in texts if t):
                self._anonymizer = light
                self._run([("", t) for t in texts if t])
                return
        self._anonymizer = self._new_anonymizer(use_deduce=True)
        self._full = True
        self._run(self.session_texts())

    def _run(self, items: Sequence[tuple[str, str]]) -> None:
        texts = [t for _w, t in items]
        found = self._anonymizer.detect_document(texts, self.facts.decisions)
        self._results.clear()
        self._order = []
        for (where, text), dets in zip(items, found):
            result = _Result(text, dets, self._anonymizer.apply(text, dets), where)
            self._order.append(result)
            self._results.setdefault(text, result)

    def anonymize(self, text: str, where: str = "") -> str:
        """The anonymized form of a session text (any text: one not gathered is detected
        on its own, with the session's numbering)."""
        clean = strip_invisible(text or "").strip()
        if not clean:
            return clean
        if self._anonymizer is None:
            self.prepare()
        result = self._results.get(clean)
        if result is None:
            dets = self._anonymizer.detect(clean, self.facts.decisions)
            result = _Result(clean, dets, self._anonymizer.apply(clean, dets), where)
            self._results[clean] = result
            self._order.append(result)
        return result.anonymized

    def items(self) -> list[_Result]:
        """Every gathered text with its detections (for the review screen)."""
        if self._anonymizer is None:
            self.prepare()
        return list(self._order)

    @property
    def anonymizer(self) -> Any:
        if self._anonymizer is None:
            self.prepare()
        return self._anonymizer

    # -- what may not survive ----------------------------------------------------------

    def forbidden(self) -> list[tuple[str, str]]:
        """(term, Dutch kind) of everything that may not be in an exported file: known
        names and their parts, marked texts, and every detected term of the session."""
        from casusdesk.services import minutes

        allowed = self._allowed()
        out: dict[str, str] = {}
        for term in minutes._forbidden(self.anonymizer, self.facts):
            out.setdefault(term, minutes._leak_kind(term, self.facts))
        for result in self._order:
            for det in result.detections:
                if det.kind in {"datum", "leeftijd"} or det.source == "bekend":
                    continue
                term = " ".join(det.text.split())
                if len(term) < 3 or (term.isdigit() and len(term) < 5):
                    continue
                if term.casefold() in allowed or not re.search(r"\w", term):
                    continue
                out.setdefault(term, KIND_DESCRIPTIONS.get(det.kind, minutes.LEAK_NAME))
        return list(out.items())

    def _allowed(self) -> set[str]:
        case = self.facts.session.case
        allowed = {" ".join(case.client_pseudonym.split()).casefold()}
        allowed |= {p.code.casefold() for p in self.facts.participants if p.code}
        allowed.discard("")
        return allowed

    def _kind_of(self) -> Callable[[str], str]:
        kinds = dict(self.forbidden())
        return lambda term: kinds.get(term, "een naam die niet in het bestand mag staan")

    # -- checking produced bytes -------------------------------------------------------

    def leaks_in_texts(self, texts: Iterable[str], where: str) -> list[Any]:
        from casusdesk.services.anonymize import leak_check
        from casusdesk.services.minutes import Leak

        forbidden = self.forbidden()
        kinds = dict(forbidden)
        clean = [strip_invisible(t) for t in texts]
        clean += [squash_spaces(t) for t in clean]
        found: dict[str, Any] = {}
        for term in leak_check(clean, [t for t, _k in forbidden]):
            found.setdefault(kinds[term], Leak(kinds[term], where))
        return list(found.values())

    def check(self, data: bytes, export: str, *, drawn: Sequence[str] = ()) -> None:
        """Raise CasusdeskError when ``data`` (of the kind ``export``: "docx", "eml",
        "pdf", "svg", "png") or the strings ``drawn`` into it hold a forbidden term."""
        leaks = self.find_leaks(data, export, drawn=drawn)
        if leaks:
            raise CasusdeskError(leak_message(leaks, export))

    def find_leaks(self, data: bytes, export: str, *, drawn: Sequence[str] = ()) -> list[Any]:
        from casusdesk.services import minutes

        leaks: list[Any] = []
        if drawn:
            leaks += self.leaks_in_texts(drawn, "drawn")
        if export == "docx":
            terms = [t for t, _k in self.forbidden()]
            leaks += minutes.find_leaks(data, terms, kind_of=self._kind_of())
        elif export == "eml":
            leaks += self._eml_leaks(data)
        elif export == "pdf":
            leaks += self.leaks_in_texts(pdf_texts(data), "pdf")
        elif export == "svg":
            leaks += self.leaks_in_texts(svg_texts(data), "svg")
        elif export == "png":
            leaks += self.leaks_in_texts(minutes._png_texts(data), "png-meta")
        else:
            raise ValueError(f"unknown export kind {export!r}")
        return leaks

    def _eml_leaks(self, data: bytes) -> list[Any]:
        message = email.message_from_bytes(data, policy=policy.default)
        texts = [str(v) for _k, v in message.items()]
        leaks: list[Any] = []
        for part in message.walk():
            if part.is_multipart():
                continue
            if part.get_filename():
                texts.append(part.get_filename())
            payload = part.get_payload(decode=True) or b""
            if part.get_content_type() == "text/plain":
                texts.append(payload.decode(part.get_content_charset() or "utf-8", "replace"))
            elif payload[:2] == b"PK":
                leaks += self.find_leaks(payload, "docx")
            else:
                texts.append(payload.decode("latin-1"))
        return self.leaks_in_texts(texts, "eml") + leaks

    def write(self, path: str | Path, data: bytes, export: str, *, what: str,
              drawn: Sequence[str] = ()) -> Path:
        """Check ``data`` and only then write it atomically (nothing written on a leak)."""
        self.check(data, export, drawn=drawn)
        return write_atomic(Path(path), data, what=what)


class GroupBoundary:
    """The privacy boundary of an export about all sessions of a group (issue 10).

    One :class:`SessionBoundary` per session anonymizes that session's texts with its
    own known names (the group's participants, that session's client) and review
    decisions; the produced bytes are checked against what is forbidden in *any*
    session, so a client's name from one session cannot slip through in a text of
    another. Captures whose stored row is damaged are left out (they cannot be read).
    """

    def __init__(self, store: Any, group_id: int, methods: Mapping[str, Any] | None = None) -> None:
        self.store = store
        self.group_id = group_id
        sessions = sorted(store.list_sessions(group_id), key=lambda s: (s.date, s.id or 0))
        self.sessions: dict[int, SessionBoundary] = {
            s.id: SessionBoundary(store, s.id, methods, skip_damaged=True) for s in sessions}

    def session(self, session_id: int) -> SessionBoundary:
        return self.sessions[session_id]

    def anonymize(self, session_id: int, text: str, where: str = "") -> str:
        """A text of one session, anonymized as that session's minutes would have it."""
        return self.sessions[session_id].anonymize(text, where)

    def group_name(self) -> str:
        """The group's name as an export may show it (anonymized like in the minutes)."""
        name = self.store.get_group(self.group_id).name
        if not self.sessions:
            return name
        return next(iter(self.sessions.values())).anonymize(name, "Bijeenkomst · Groep")

    def forbidden(self) -> list[tuple[str, str]]:
        out: dict[str, str] = {}
        for boundary in self.sessions.values():
            for term, kind in boundary.forbidden():
                out.setdefault(term, kind)
        allowed: set[str] = set()
        for boundary in self.sessions.values():
            allowed |= boundary._allowed()
        return [(t, k) for t, k in out.items() if t.casefold() not in allowed]

    def leaks_in_texts(self, texts: Iterable[str], where: str) -> list[Any]:
        from casusdesk.services.anonymize import leak_check
        from casusdesk.services.minutes import Leak

        forbidden = self.forbidden()
        kinds = dict(forbidden)
        clean = [strip_invisible(t) for t in texts]
        clean += [squash_spaces(t) for t in clean]
        found: dict[str, Any] = {}
        for term in leak_check(clean, [t for t, _k in forbidden]):
            found.setdefault(kinds[term], Leak(kinds[term], where))
        return list(found.values())

    def find_leaks(self, data: bytes, export: str, *, drawn: Sequence[str] = ()) -> list[Any]:
        """``export``: "docx" or "xlsx" (both are zips of XML parts, read part by part)."""
        from casusdesk.services import minutes

        leaks: list[Any] = self.leaks_in_texts(drawn, "drawn") if drawn else []
        if export not in ("docx", "xlsx"):
            raise ValueError(f"unknown export kind {export!r}")
        kinds = dict(self.forbidden())
        leaks += minutes.find_leaks(data, list(kinds),
                                    kind_of=lambda t: kinds.get(t, minutes.LEAK_NAME))
        return leaks

    def write(self, path: str | Path, data: bytes, export: str, *, what: str,
              drawn: Sequence[str] = ()) -> Path:
        """Check ``data`` (and the strings ``drawn`` into its charts), then write it."""
        leaks = self.find_leaks(data, export, drawn=drawn)
        if leaks:
            raise CasusdeskError(leak_message(leaks, export))
        return write_atomic(Path(path), data, what=what)


# ---------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------


def known_people(participants: Iterable[Any]) -> list[tuple[str, str]]:
    """(name, code) of every participant of the group, present or not, and of each of
    their aliases (nicknames the facilitator registered)."""
    people: list[tuple[str, str]] = []
    for p in participants:
        if p.code:
            people += [(name, p.code) for name in (p.name, *p.aliases) if name.strip()]
    return people


def collect_hidden(facts: Any) -> bool:
    """Whether any text of the session holds characters that strip_invisible drops."""
    def texts() -> Iterable[str]:
        case = facts.session.case
        yield from (case.title, case.coaching_question, case.whose_problem,
                    case.target_group, case.description, case.missing_facts)
        def nested(value: Any) -> Iterable[str]:  # the analysis of a moment is a dict
            if isinstance(value, str):
                yield value
            elif isinstance(value, list):
                for v in value:
                    yield from nested(v)
            elif isinstance(value, dict):
                for v in value.values():
                    yield from nested(v)

        for capture in facts.captures:
            yield from nested(capture.data)
        yield from facts.uncontested
        if facts.timeline is not None:
            for event in facts.timeline.events:
                yield event.description
                yield event.note

    return any(t and strip_invisible(t) != t.replace("\r\n", "\n") for t in texts())


_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d+")


def _needs_session(anonymizer: Any, text: str, decisions: Any) -> bool:
    """Whether one export's ``text`` needs the whole session run with deduce: deduce
    could find something in it, or the own rules give it a numbered placeholder. The
    light rules run once for both questions."""
    found = anonymizer.detect(text, decisions)
    return _numbered(found) or needs_deduce(anonymizer, text, decisions, found)


def needs_deduce(anonymizer: Any, text: str, decisions: Any,
                 found: Sequence[Any] | None = None) -> bool:
    """Whether ``text`` holds anything deduce could find once the known names, the
    marks and the own rules (``found``, detected here when not given) are taken out:
    a number, a capitalised word that is no ordinary word at the start of a sentence,
    or a word no Dutch dictionary knows."""
    from casusdesk.services.anonymize import is_ordinary_word

    if found is None:
        found = anonymizer.detect(text, decisions)
    spans = [(d.start, d.end) for d in found]
    masked = list(text)
    for start, end in spans:
        masked[start:end] = " " * (end - start)
    rest = "".join(masked)
    for m in _WORD.finditer(rest):
        word = m.group()
        if word.isdigit():
            # "groep 5", "in 2019", "tot 27 jaar": the own rules decide on every short
            # number (dates, ages, house numbers) with more context than deduce has;
            # a long number may be an id deduce knows a pattern for
            if len(word) >= 5:
                return True
            continue
        if word[:1].isupper():
            before = rest[:m.start()].rstrip(" \t-*•–(\"“'")
            sentence_start = not before or before[-1] in ".!?:\n"
            if sentence_start and is_ordinary_word(word) or word.casefold() in anonymizer._keep:
                continue  # "Vader ziet ...", "mbo-2 Bouw": the engine keeps these anyway
            if not _known_word(anonymizer, word) or _in_deduce_lists(word):
                return True
        elif not is_ordinary_word(word) and _in_deduce_lists(word):
            return True  # deduce finds a lowercase word only in its lists of names
    return False


_NUMBERED = re.compile(r"\[[A-Z]+-\d+\]")


def _numbered(found: Sequence[Any]) -> bool:
    """Whether the own rules gave a text a numbered placeholder ("[WIJK-1]"): its
    number must be the one the whole session's minutes give, so the session is run."""
    return any(_NUMBERED.fullmatch(d.replacement) for d in found)


def _known_word(anonymizer: Any, word: str) -> bool:
    """A function or service by its ending, or a compound of ordinary words
    ("Uitzendcontract", "Werkervaringsplek"): none of them is a name."""
    from casusdesk.services.anonymize import lexicon
    from casusdesk.services.anonymize.recall.base import _compound_of_words

    key = word.casefold()
    return lexicon.is_function_word(key) or (
        "-" not in key and len(key) >= 8 and _compound_of_words(key))


def _in_deduce_lists(word: str) -> bool:
    """A word in deduce's lists of first names, surnames, places or streets."""
    from casusdesk.services.anonymize import lexicon

    key = word.casefold()
    first, last = lexicon.names()
    return key in first or key in last or lexicon.is_place(key) or key in lexicon.streets()


def squash_spaces(text: str) -> str:
    """Text with hyphenated line breaks joined ("Kana-\\nleneiland" -> "Kanaleneiland")."""
    return re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)


def pdf_texts(data: bytes) -> list[str]:
    """The text of every page of a PDF (read back with pypdf) and its metadata."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        texts = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata or {}
        texts += [str(v) for v in meta.values()]
    except Exception as exc:  # pypdf raises many kinds; the file is ours, so say so
        raise CasusdeskError(f"De rolkaarten konden niet worden gecontroleerd ({exc}).") from None
    return texts


def svg_texts(data: bytes) -> list[str]:
    """Every text of an SVG: the text nodes of each element (joined) and attributes."""
    from lxml import etree

    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError as exc:
        raise CasusdeskError(f"De levenslijn kon niet worden gecontroleerd ({exc}).") from None
    texts = [data.decode("utf-8", "replace")]
    for element in root.iter():
        texts.append("".join(element.itertext()))
        texts.extend(element.attrib.values())
    return texts


_WHERE = {
    "drawn": "in de getekende tekst",
    "pdf": "in de tekst van de pdf",
    "svg": "in de tekst van de afbeelding",
    "png-meta": "in de gegevens van de afbeelding",
    "eml": "in de e-mail",
}
_EXPORT_NAME = {
    "docx": "Het verslag", "eml": "Het e-mailconcept", "pdf": "De rolkaarten",
    "svg": "De levenslijn", "png": "De levenslijn", "xlsx": "Het codeerschema",
}


def leak_message(leaks: Sequence[Any], export: str) -> str:
    """Dutch: what kind of datum survived and where, never the datum itself."""
    from casusdesk.services.minutes import _where

    what = _EXPORT_NAME.get(export, "Het bestand")
    lines = [f"{what} is niet opgeslagen: de controle vond nog persoonsgegevens."]
    for leak in leaks:
        where = _WHERE.get(leak.part) or _where(leak.part)
        lines.append(f"- {leak.kind[0].upper()}{leak.kind[1:]} staat nog {where}.")
    lines.append("Controleer de herkende gegevens in het controlescherm (markeer wat gemist "
                 "is) en exporteer opnieuw.")
    return "\n".join(lines)
