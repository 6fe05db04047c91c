"""The method catalogue: shipped methods from ``resources/methods`` plus the user's own.

Shipped methods are TOML files named after their id; ``_reflectie.toml`` holds
named reflection question sets that a phase can include with
``reflection_sets = ["algemeen"]``. Files whose name starts with ``_`` are not
methods. The user's own methods live in ``<data>/methods/<id>.json`` (the shape
of ``casusdesk.domain.method.to_dict``); ``.toml`` files there are read too.
"""

from __future__ import annotations

import json
import textwrap
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from casusdesk.domain.errors import DataFileError, ValidationError, os_reason
from casusdesk.domain.method import CAPTURE_KINDS, Method, from_dict, to_dict, validate_method
from casusdesk.paths import resource

METHODS_DIR = "methods"
REFLECTION_FILE = "_reflectie.toml"


def shipped_methods_dir() -> Path:
    return resource(METHODS_DIR)


def custom_methods_dir(data_dir: Path) -> Path:
    """Where the user's own methods are kept: ``<data_dir>/methods``."""
    return Path(data_dir) / METHODS_DIR


# ------------------------------------------------------------------- reading


#: a method file is a few kilobytes; a bigger one is not a method (and is not read whole)
MAX_FILE_BYTES = 1_000_000


def _read(path: Path) -> Any:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise DataFileError(f"{path.name}: kan het bestand niet lezen ({os_reason(exc)}).") from None
    if len(raw) > MAX_FILE_BYTES:
        raise DataFileError(f"{path.name}: het bestand is te groot voor een werkvorm "
                            f"(meer dan {MAX_FILE_BYTES // 1_000_000} MB).")
    try:
        return _parse(path, raw)
    except RecursionError:
        raise DataFileError(f"{path.name}: de gegevens zijn te diep genest.") from None


#: Python's JSON messages, in Dutch
_JSON_MESSAGES = {
    "Expecting value": "hier hoort een waarde",
    "Expecting property name enclosed in double quotes":
        "hier hoort een veldnaam tussen dubbele aanhalingstekens",
    "Expecting ',' delimiter": "hier hoort een komma",
    "Expecting ':' delimiter": "hier hoort een dubbele punt",
    "Unterminated string starting at": "een tekst zonder afsluitend aanhalingsteken",
    "Extra data": "na het einde staat nog iets",
    "Invalid control character at": "een stuurteken in een tekst",
    "Invalid \\escape": "een ongeldige \\-code",
    "Invalid \\uXXXX escape": "een ongeldige \\u-code",
    "Illegal trailing comma before end of object": "een komma te veel voor }",
    "Illegal trailing comma before end of array": "een komma te veel voor ]",
}


def _parse(path: Path, raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DataFileError(f"{path.name}: het bestand is geen UTF-8-tekst.") from None
    if path.suffix == ".json":
        try:
            return json.loads(text)
        except ValueError as exc:  # JSONDecodeError, or a number too long to convert
            if not isinstance(exc, json.JSONDecodeError):
                raise DataFileError(f"{path.name}: geen geldige JSON (een getal is te lang).") from None
            raise DataFileError(f"{path.name}: geen geldige JSON (regel {exc.lineno}, kolom "
                                f"{exc.colno}: {_JSON_MESSAGES.get(exc.msg, exc.msg)}).") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"{path.name}: geen geldige TOML ({exc}).") from None
    except ValueError:  # a number too long to convert
        raise DataFileError(f"{path.name}: geen geldige TOML (een getal is te lang).") from None


def load_reflection_sets(path: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Read the named reflection question sets (``_reflectie.toml``)."""
    path = path or shipped_methods_dir() / REFLECTION_FILE
    if not path.is_file():
        return {}
    data = _read(path)
    sets: dict[str, tuple[str, ...]] = {}
    entries = data.get("set", [])
    if not isinstance(entries, list):
        raise DataFileError(f"{path.name}: 'set' moet een lijst van [[set]]-tabellen zijn.")
    for number, entry in enumerate(entries, start=1):
        set_id = entry.get("id") if isinstance(entry, dict) else None
        questions = entry.get("questions") if isinstance(entry, dict) else None
        if not isinstance(set_id, str) or not set_id:
            raise DataFileError(f"{path.name}: set {number}: 'id' ontbreekt.")
        if (not isinstance(questions, list) or not questions
                or not all(isinstance(q, str) and q.strip() for q in questions)):
            raise DataFileError(
                f"{path.name}: set {number} '{set_id}': 'questions' moet een niet-lege lijst"
                " met teksten zijn.")
        sets[set_id] = tuple(q.strip() for q in questions)
    return sets


def load_method_file(path: Path,
                     reflection_sets: Mapping[str, tuple[str, ...]] | None = None) -> Method:
    """Read and validate one method file; the error names the file and the field."""
    data = _read(path)
    try:
        method = from_dict(data, reflection_sets)
    except ValidationError as exc:
        raise DataFileError(f"{path.name}: {exc}") from None
    except (TypeError, ValueError, KeyError, AttributeError, RecursionError) as exc:
        # a shape the checks did not foresee: still a message about this file only
        raise DataFileError(f"{path.name}: geen geldige werkvorm ({type(exc).__name__}).") from None
    if method.id != path.stem:
        raise DataFileError(
            f"{path.name}: 'id' ('{method.id}') moet gelijk zijn aan de bestandsnaam"
            f" ('{path.stem}').")
    return method


def _method_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.suffix in (".toml", ".json") and not p.name.startswith(("_", "."))
                  and p.is_file())


def has_method_files(folder: Path) -> bool:
    """Whether ``folder`` holds a file that would be read as a method."""
    return bool(_method_files(Path(folder)))


def load_methods(extra_dir: Path | None = None, *,
                 problems: list[str] | None = None) -> dict[str, Method]:
    """Load every shipped method, then the user's own from ``extra_dir``.

    Args:
        extra_dir: folder with the user's own methods (see ``custom_methods_dir``).
        problems: if given, a broken file in ``extra_dir`` is skipped and its
            message appended here, so one bad file does not block the rest.
            Shipped files are always checked strictly.

    Returns:
        Methods by id, sorted by name.

    Raises:
        DataFileError: a broken file, e.g. "roddelmethode.toml: fase 3 'Vragen':
            'minutes' moet een positief getal zijn".
    """
    sets = load_reflection_sets()
    methods: dict[str, Method] = {}
    for path in _method_files(shipped_methods_dir()):
        methods[path.stem] = load_method_file(path, sets)
    if not methods:
        raise DataFileError("Er zijn geen werkvormen gevonden in resources/methods.")
    shipped = set(methods)
    if extra_dir is not None:
        for path in _method_files(Path(extra_dir)):
            try:
                if path.stem in shipped:
                    raise DataFileError(
                        f"{path.name}: 'id' '{path.stem}' is al een meegeleverde werkvorm;"
                        " geef je eigen werkvorm een andere naam.")
                if path.stem in methods:
                    raise DataFileError(f"{path.name}: werkvorm '{path.stem}' staat er al"
                                        " (een .toml- en een .json-bestand met dezelfde naam).")
                methods[path.stem] = load_method_file(path, sets)
            except DataFileError as exc:
                if problems is None:
                    raise
                problems.append(str(exc))
    return dict(sorted(methods.items(), key=lambda kv: (kv[1].name.casefold(), kv[0])))


def shipped_method_ids() -> set[str]:
    return {p.stem for p in _method_files(shipped_methods_dir())}


def find_method(methods: Mapping[str, Method], name: str) -> Method:
    """The method whose id or name is ``name`` (case-insensitive)."""
    key = name.strip().casefold()
    for method in methods.values():
        if key in (method.id.casefold(), method.name.casefold()):
            return method
    known = ", ".join(m.id for m in methods.values())
    raise ValidationError(f"Onbekende werkvorm '{name}'. Kies uit: {known}.")


# ------------------------------------------------------------------- writing


def save_custom_method(method: Method, data_dir: Path) -> Path:
    """Save the user's own method as ``<data_dir>/methods/<id>.json``; return the path.

    The file is written to a temporary name first and then moved into place
    (:func:`casusdesk.services.files.write_atomic`), so a crash never leaves half a file. An existing custom method with the same id
    is replaced; the id of a shipped method is refused.
    """
    validate_method(method)
    if method.id in shipped_method_ids():
        raise ValidationError(
            f"'{method.id}' is een meegeleverde werkvorm; sla je versie op onder een andere"
            " naam.")
    from casusdesk.domain.errors import CasusdeskError
    from casusdesk.services.files import write_atomic

    folder = custom_methods_dir(data_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataFileError(
            f"Kan de werkvorm niet opslaan in {folder} ({os_reason(exc)}).") from None
    text = json.dumps(to_dict(method), ensure_ascii=False, indent=2) + "\n"
    try:
        return write_atomic(folder / f"{method.id}.json", text.encode("utf-8"),
                            what="de werkvorm")
    except CasusdeskError as exc:
        raise DataFileError(str(exc)) from None


# ---------------------------------------------------------------- formatting


def _minutes(seconds: float) -> str:
    minutes = seconds / 60
    if abs(minutes - round(minutes)) < 1e-9:
        return str(round(minutes))
    return f"{minutes:.1f}".replace(".", ",")


def format_method_list(methods: Mapping[str, Method]) -> str:
    """One line per method: id, name, number of phases, total minutes."""
    if not methods:
        return "Geen werkvormen gevonden."
    id_width = max(len(m.id) for m in methods.values())
    name_width = max(len(m.name) for m in methods.values())
    shipped = shipped_method_ids()
    lines = []
    for m in methods.values():
        phases = f"{len(m.phases)} {'fase' if len(m.phases) == 1 else 'fasen'}"
        own = "  (eigen)" if m.id not in shipped else ""
        lines.append(f"{m.id:<{id_width}}  {m.name:<{name_width}}  {phases:>8}  "
                     f"{_minutes(m.total_seconds):>4} min{own}")
    return "\n".join(lines)


def _wrap(text: str, indent: str, bullet: str = "") -> list[str]:
    return textwrap.wrap(text, width=96, initial_indent=indent + bullet,
                         subsequent_indent=indent + " " * len(bullet)) or [indent + bullet]


def format_method(method: Method) -> str:
    """The whole method as plain text: phases with minutes, prompts and more."""
    count = len(method.phases)
    lines = [f"{method.name} ({method.id}): {count} {'fase' if count == 1 else 'fasen'}, "
             f"{_minutes(method.total_seconds)} min"]
    if method.description:
        lines += _wrap(method.description, "")
    if method.source:
        lines += _wrap(f"Bron: {method.source}", "")
    if method.timings:
        lines += _wrap(f"Minuten per fase: {method.timings}", "")
    if method.based_on:
        lines.append(f"Gebaseerd op: {method.based_on}")
    sections = (("Voor de groep", "prompts"), ("Voor de gespreksleider", "hints"),
                ("Reflectie", "reflection"))
    for number, phase in enumerate(method.phases, start=1):
        lines.append("")
        lines.append(f"{number:>2}. {phase.title}  [{_minutes(phase.seconds)} min; afronden bij"
                     f" {_minutes(phase.wrapup_seconds)}, bijna klaar bij"
                     f" {_minutes(phase.danger_seconds)} min]")
        if phase.purpose:
            lines += _wrap(phase.purpose, "    ")
        for label, attr in sections:
            items = getattr(phase, attr)
            if items:
                lines.append(f"    {label}:")
                for item in items:
                    lines += _wrap(item, "      ", "- ")
        if phase.captures:
            labels = ", ".join(CAPTURE_KINDS[c] for c in phase.captures)
            lines += _wrap(f"Vastleggen: {labels}", "    ")
    return "\n".join(lines)
