"""A light de-identifier: deduce's rules and word lists in compact structures.

:func:`annotate` gives the same ``(start, end, tag)`` annotations as
``deduce.Deduce().deidentify(text, disabled={"redactor"})``: it runs deduce's own
pipeline (tokenizer, config, annotators, name and overlap processors), only the seven
big lookup tries are compact marisa tries instead of nested Python objects (see
``_engine``). A process that has loaded it holds about 10 MB for the word lists
instead of 1 GB, and loads them in a few hundredths of a second instead of 3-5 s
(importing deduce itself, ~0.5 s, is the rest).

The compact structures are built once per machine from the word lists that ship in
the deduce package (:func:`prepare`, about 30-60 s), and stored in one file of about
6 MB in :func:`default_cache_dir`. Nothing is loaded on import of this package:
:func:`annotate` loads on first use, :func:`warm_up` loads ahead (and prepares first
if needed).

No Qt here; ``progress`` callbacks receive a Dutch status line for the UI.
"""

from __future__ import annotations

import io
import json
import logging
import os
import pickle
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from casusdesk.domain.errors import CasusdeskError

__all__ = [
    "CACHE_ENV",
    "FILE_NAME",
    "FORMAT",
    "annotate",
    "default_cache_dir",
    "is_loaded",
    "is_prepared",
    "prepare",
    "warm_up",
]

log = logging.getLogger(__name__)

#: Environment variable that points to another folder for the prepared file.
CACHE_ENV = "CASUSDESK_DEID_LIGHT_CACHE"
#: The prepared file inside the cache folder.
FILE_NAME = "deid-light.bin"
#: Version of the file's layout; a change means: prepare again.
FORMAT = 1
_MAGIC = b"casusdesk-deid-light\n"

Progress = Callable[[str], None]

_load_lock = threading.Lock()  # preparing / loading
_call_lock = threading.Lock()  # deidentify calls from several threads
_loaded: Any = None


# --------------------------------------------------------------------------------------
# Where the file lives, and whether it fits
# --------------------------------------------------------------------------------------


def default_cache_dir() -> Path:
    """The folder of the prepared file.

    ``$CASUSDESK_DEID_LIGHT_CACHE`` if set; else a prepared file in the resources
    (``resources/anonymize/deid-light``, made when the bundle is built with
    :func:`prepare`) when it fits the installed deduce; else the platform's user cache
    folder (``~/.cache/casusdesk/deid-light``,
    ``%LOCALAPPDATA%\\casusdesk\\Cache\\deid-light``). It holds only public word lists.
    """
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    try:
        from casusdesk.paths import resource  # noqa: PLC0415

        bundled = resource("anonymize", "deid-light")
    except FileNotFoundError:
        bundled = None
    if bundled is not None and is_prepared(bundled):
        return bundled
    from platformdirs import user_cache_path  # noqa: PLC0415

    return user_cache_path("casusdesk", appauthor=False) / "deid-light"


def _lists_fingerprint() -> list[list[Any]]:
    """deduce's word list files with their sizes: an edited list means: prepare again."""
    import importlib.util  # noqa: PLC0415

    spec = importlib.util.find_spec("deduce")
    if spec is None or not spec.submodule_search_locations:
        raise CasusdeskError(
            "Het onderdeel 'deduce' voor anonimiseren ontbreekt; installeer casusdesk opnieuw."
        )
    src = Path(next(iter(spec.submodule_search_locations))) / "data" / "lookup" / "src"
    return sorted(
        [path.relative_to(src).as_posix(), path.stat().st_size]
        for path in src.rglob("*") if path.is_file() and path.suffix in {".txt", ".json"}
    )


def _expected_header() -> dict[str, Any]:
    from ._build import versions  # noqa: PLC0415

    return {"format": FORMAT, "versions": versions(), "lists": _lists_fingerprint()}


def _read_header(path: Path) -> dict[str, Any] | None:
    try:
        with path.open("rb") as handle:
            if handle.read(len(_MAGIC)) != _MAGIC:
                return None
            return json.loads(handle.readline().decode("utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def _fits(header: dict[str, Any] | None) -> bool:
    if header is None:
        return False
    expected = _expected_header()
    return all(header.get(key) == value for key, value in expected.items())


def is_prepared(cache_dir: Path | None = None) -> bool:
    """True when the prepared file is there and fits the installed deduce.

    Cheap (reads one line and stats deduce's lists); False means :func:`warm_up`
    will first :func:`prepare` (30-60 s).
    """
    cache_dir = default_cache_dir() if cache_dir is None else cache_dir
    return _fits(_read_header(cache_dir / FILE_NAME))


def is_loaded() -> bool:
    """True when the structures are loaded in this process; :func:`annotate` won't wait."""
    return _loaded is not None


# --------------------------------------------------------------------------------------
# Preparing (once per machine)
# --------------------------------------------------------------------------------------


def prepare(progress: Progress | None = None, cache_dir: Path | None = None, *,
            force: bool = False) -> float:
    """Build the compact structures from deduce's word lists; return seconds spent.

    Does nothing (returns 0.0) when they are already prepared, unless ``force``.
    ``progress`` receives Dutch status lines with a percentage. The file is written
    next to its final place and moved there in one step, so another process never
    reads half a file. Raises CasusdeskError when the folder cannot be written.
    """
    cache_dir = default_cache_dir() if cache_dir is None else cache_dir
    if not force and is_prepared(cache_dir):
        return 0.0
    started = time.perf_counter()
    payload = _build_structures(progress)
    _write(cache_dir, payload)
    _prepare_frequencies(cache_dir)
    return time.perf_counter() - started


def _prepare_frequencies(cache_dir: Path) -> None:
    """The word frequencies as tries (two seconds, once), in the same step as the other
    lists, so that the first export does not make them without a word."""
    from . import frequencies  # noqa: PLC0415

    frequencies.prepare(cache_dir)


def _build_structures(progress: Progress | None) -> dict[str, Any]:
    from ._build import build_payload  # noqa: PLC0415

    def report(fraction: float, text: str) -> None:
        if progress is not None:
            progress(f"{text} (eenmalig, {round(fraction * 100)}%)…")

    return build_payload(report)


def _write(cache_dir: Path, payload: dict[str, Any]) -> None:
    header = {**_expected_header(), "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
              "build_seconds": payload.get("build_seconds")}
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".deid-light-", dir=cache_dir)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(_MAGIC)
                handle.write(json.dumps(header).encode("utf-8") + b"\n")
                pickle.dump({"sets": payload["sets"], "tries": payload["tries"]}, handle,
                            protocol=5)
            os.chmod(tmp, 0o644)  # mkstemp makes it private; it holds public lists
            os.replace(tmp, cache_dir / FILE_NAME)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise CasusdeskError(
            f"De woordenlijsten voor anonimiseren konden niet worden opgeslagen in {cache_dir}: "
            f"{exc.strerror or exc}."
        ) from exc


def _read_payload(path: Path) -> dict[str, Any] | None:
    """The stored structures, or None when the file is missing, foreign or damaged."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(_MAGIC):
        return None
    stream = io.BytesIO(data)
    stream.seek(len(_MAGIC))
    try:
        header = json.loads(stream.readline().decode("utf-8"))
        if not _fits(header):
            return None
        payload = pickle.load(stream)
    except (ValueError, UnicodeDecodeError, EOFError, pickle.UnpicklingError,
            AttributeError, ImportError, IndexError, TypeError):
        return None
    if not isinstance(payload, dict) or not {"sets", "tries"} <= payload.keys():
        return None
    return payload


# --------------------------------------------------------------------------------------
# Loading (once per process) and annotating
# --------------------------------------------------------------------------------------


def _quiet_deduce() -> None:
    """Import deduce without its side effect on logging.

    ``deduce/deduce.py`` calls ``logging.basicConfig(stream=sys.stdout,
    level=logging.DEBUG)`` on import, which would send every log record of the whole
    program to stdout.
    """
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        import deduce  # noqa: F401, PLC0415
    except ImportError as exc:
        raise CasusdeskError(
            "Het onderdeel 'deduce' voor anonimiseren ontbreekt; installeer casusdesk opnieuw."
        ) from exc
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)


def _make_engine(payload: dict[str, Any]) -> Any:
    _quiet_deduce()
    import docdeid as dd  # noqa: PLC0415
    import marisa_trie  # noqa: PLC0415

    from ._engine import CompactLookupTrie, LightDeduce, make_pipeline  # noqa: PLC0415

    structs = dd.ds.DsCollection()
    for name, data in payload["sets"].items():
        lookup = dd.ds.LookupSet()
        lookup.add_items_from_iterable(data["items"])
        # the items were stored as deduce made them (pipeline already applied)
        lookup.matching_pipeline = make_pipeline(data["pipeline"])
        structs[name] = lookup
    for name, data in payload["tries"].items():
        trie = marisa_trie.Trie().frombytes(data["marisa"])
        structs[name] = CompactLookupTrie(trie, data["depth"], make_pipeline(data["pipeline"]))
    return LightDeduce(structs)


def warm_up(progress: Progress | None = None, cache_dir: Path | None = None) -> float:
    """Load the structures (preparing them first if needed); return seconds spent.

    Safe from a background thread and more than once: later calls return 0.0 at once.
    A damaged or outdated file is prepared again. When the folder cannot be written,
    the structures are built for this process only (and built again next time).
    """
    global _loaded
    if _loaded is not None:
        return 0.0
    with _load_lock:
        if _loaded is not None:
            return 0.0
        started = time.perf_counter()
        cache_dir = default_cache_dir() if cache_dir is None else cache_dir
        payload = _read_payload(cache_dir / FILE_NAME)
        if payload is None:
            if progress is not None:
                progress("Woordenlijsten voor anonimiseren voorbereiden (eenmalig, "
                         "een halve tot een hele minuut)…")
            payload = _build_structures(progress)
            try:
                _write(cache_dir, payload)
            except CasusdeskError as exc:
                log.warning("%s Ze worden de volgende keer opnieuw opgebouwd.", exc)
            _prepare_frequencies(cache_dir)
        elif progress is not None:
            progress("Woordenlijsten voor anonimiseren laden…")
        _loaded = _make_engine(payload)
        if progress is not None:
            progress("Anonimiseren is klaar voor gebruik.")
        return time.perf_counter() - started


def annotate(text: str) -> list[tuple[int, int, str]]:
    """deduce's ``(start, end, tag)`` for ``text``, sorted; loads on first use."""
    if _loaded is None:
        warm_up()
    with _call_lock:
        doc = _loaded.deidentify(text, disabled={"redactor"})
    return sorted((a.start_char, a.end_char, a.tag) for a in doc.annotations)


def _engine_structs() -> Any:
    """The loaded lookup structures (for tests that compare them with deduce's)."""
    warm_up()
    return _loaded.lookup_structs
