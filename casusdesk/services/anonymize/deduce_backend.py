"""deduce, loaded lazily and cached per process: the one seam to the de-identifier.

deduce needs lookup structures that take 1-2 minutes to build once and about 2 seconds
to load from its cache after that. Nothing here builds or loads them on import: call
:func:`warm_up` (the UI does so in a background thread) or let the first
:func:`deduce_annotations` do it. Every deduce call of casusdesk goes through
:func:`deduce_annotations` (``text -> [(start, end, tag)]``), so a lighter implementation
with the same output can replace it in one place.
"""

from __future__ import annotations

import gc
import importlib.metadata
import json
import logging
import os
import pickle
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from casusdesk.domain.errors import CasusdeskError
from casusdesk.paths import resource

log = logging.getLogger(__name__)

#: Environment variable that points deduce's cache to another folder.
DEDUCE_CACHE_ENV = "CASUSDESK_DEDUCE_CACHE"

_deduce_lock = threading.Lock()  # building / loading
_deduce_call_lock = threading.Lock()  # deidentify calls from several threads
_deduce_obj: Any = None
_CACHE_FILE = Path("cache") / "lookup_structs.pickle"  # deduce's layout below cache_path
_MARKER = "casusdesk-deduce.json"


def _deduce_version() -> str:
    return importlib.metadata.version("deduce")


def default_cache_dir() -> Path:
    """The user's cache folder for deduce's lookup structures (about 80 MB).

    ``$CASUSDESK_DEDUCE_CACHE`` if set; else a prebuilt cache in the resources
    (``resources/anonymize/deduce-cache``, made at install time with
    :func:`build_cache`) when it fits the installed deduce; else the platform's user
    cache folder (``~/.cache/casusdesk/deduce``, ``%LOCALAPPDATA%\\casusdesk\\Cache\\deduce``).
    Not the data folder: the cache holds only public word lists, must not travel with
    a backup, and should not be rebuilt for every ``--data-dir``.
    """
    env = os.environ.get(DEDUCE_CACHE_ENV)
    if env:
        return Path(env).expanduser()
    try:
        bundled = resource("anonymize", "deduce-cache")
    except FileNotFoundError:
        bundled = None
    if bundled is not None and not needs_build(bundled):
        return bundled
    from platformdirs import user_cache_path

    return user_cache_path("casusdesk", appauthor=False) / "deduce"


def needs_build(cache_dir: Path | None = None) -> bool:
    """True when loading deduce will first build its lookup structures (1-2 minutes)."""
    cache_dir = default_cache_dir() if cache_dir is None else cache_dir
    if not (cache_dir / _CACHE_FILE).is_file():
        return True
    try:
        marker = json.loads((cache_dir / _MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False  # a cache made by deduce itself; deduce checks its version on load
    return marker.get("deduce_version") != _deduce_version()


def is_ready() -> bool:
    """True when deduce is loaded in this process and detection will not wait for it."""
    return _deduce_obj is not None


#: told a Dutch line before warm_up builds or loads, when warm_up has no ``progress``
#: (the lazy load inside a command); the CLI prints it on stderr. See on_long_step.
_announce: Callable[[str], None] | None = None
BUILD_NOTICE = "Woordenlijsten voorbereiden (eenmalig, 1 à 2 minuten)..."
LOAD_NOTICE = "Woordenlijsten laden..."


def on_long_step(callback: Callable[[str], None] | None) -> None:
    """Have ``callback`` told a line before deduce is built or loaded in this process."""
    global _announce
    _announce = callback


def warm_up(
    progress: Callable[[str], None] | None = None, cache_dir: Path | None = None
) -> float:
    """Load deduce (building its lookup structures the first time); return seconds spent.

    Safe to call from a background thread and more than once: the second call returns
    at once. ``progress`` receives a Dutch status line for the UI (deduce gives no
    percentage; show a busy indicator). Where the cache lives: see
    :func:`default_cache_dir`; deduce itself would write into its package folder,
    which is read-only in an installed bundle. If the cache folder cannot be written,
    the build goes to a temporary folder and is repeated in the next process.

    Loading unpickles millions of small objects; the garbage collector is paused while
    that happens and those objects are then frozen (:func:`gc.freeze`), which brings
    loading from ~7 s to ~2 s and keeps later full collections from walking deduce's
    tries (a 3 second pause each otherwise).
    """
    global _deduce_obj
    if _deduce_obj is not None:
        return 0.0
    with _deduce_lock:
        if _deduce_obj is not None:
            return 0.0
        started = time.perf_counter()
        cache_dir = default_cache_dir() if cache_dir is None else cache_dir
        building = needs_build(cache_dir)
        if progress is None and _announce is not None:
            _announce(BUILD_NOTICE if building else LOAD_NOTICE)
        if progress is not None:
            progress(
                "Woordenlijsten voor anonimiseren opbouwen (eenmalig, 1 à 2 minuten)…"
                if building else "Woordenlijsten voor anonimiseren laden…"
            )
        if building:
            _deduce_obj = _build_into(cache_dir)
        else:
            try:
                _deduce_obj = _construct_deduce(cache_dir, build=False)
            except (EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                    KeyError, ValueError) as exc:
                # a damaged or foreign cache file: build afresh and replace it
                log.warning("Cache van deduce in %s onbruikbaar (%s); opnieuw", cache_dir, exc)
                if progress is not None:
                    progress("Woordenlijsten voor anonimiseren opnieuw opbouwen…")
                _deduce_obj = _build_into(cache_dir)
        if progress is not None:
            progress("Anonimiseren is klaar voor gebruik.")
        return time.perf_counter() - started


def build_cache(cache_dir: Path) -> float:
    """Build deduce's lookup structures into ``cache_dir``; for the installer.

    Run at install or bundle time (``resources/anonymize/deduce-cache`` inside the
    bundle) so a user never waits for the build. Returns the seconds it took. Does not
    keep the object loaded.
    """
    started = time.perf_counter()
    cache_dir.mkdir(parents=True, exist_ok=True)
    _build_into(cache_dir, freeze=False)
    return time.perf_counter() - started


def _build_into(cache_dir: Path, freeze: bool = True) -> Any:
    """Build deduce in a private folder, then move the cache file into place at once,
    so another process that loads the same cache never reads half a file."""
    target = _writable_or_temp(cache_dir)
    staging = Path(tempfile.mkdtemp(prefix=".bouw-", dir=target))
    try:
        obj = _construct_deduce(staging, build=True, freeze=freeze)
        (target / _CACHE_FILE).parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / _CACHE_FILE, target / _CACHE_FILE)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _write_marker(target)
    return obj


def _writable_or_temp(cache_dir: Path) -> Path:
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        probe = cache_dir / ".schrijftest"
        probe.write_bytes(b"")
        probe.unlink()
        return cache_dir
    except OSError:
        fallback = Path(tempfile.mkdtemp(prefix="casusdesk-deduce-"))
        log.warning("Cachemap %s niet schrijfbaar; deduce bouwt in %s", cache_dir, fallback)
        return fallback


def _write_marker(cache_dir: Path) -> None:
    try:
        (cache_dir / _MARKER).write_text(
            json.dumps({"deduce_version": _deduce_version()}), encoding="utf-8"
        )
    except OSError:
        log.warning("Kon %s niet schrijven in %s", _MARKER, cache_dir)


def _import_deduce() -> Any:
    """Import deduce without its side effect on logging.

    ``deduce/deduce.py`` calls ``logging.basicConfig(stream=sys.stdout,
    level=logging.DEBUG)`` on import, which would send every log record of the whole
    program to stdout (and into the output of ``casusdesk anonymize``).
    """
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        import deduce  # noqa: PLC0415 - deliberately lazy: 80 MB of lookup data
    except ImportError as exc:
        raise CasusdeskError(
            "Het onderdeel 'deduce' voor anonimiseren ontbreekt; installeer casusdesk opnieuw."
        ) from exc

    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)
    return deduce


def _construct_deduce(cache_dir: Path, *, build: bool, freeze: bool = True) -> Any:
    deduce = _import_deduce()
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        obj = deduce.Deduce(cache_path=cache_dir, build_lookup_structs=build)
    finally:
        if was_enabled:
            gc.enable()
    if freeze:
        gc.freeze()
    return obj


def deduce_annotations(text: str) -> list[tuple[int, int, str]]:
    """deduce's (start, end, tag) for ``text``; loads deduce if needed."""
    if _deduce_obj is None:
        warm_up()
    with _deduce_call_lock:
        doc = _deduce_obj.deidentify(text, disabled={"redactor"})
    return sorted((a.start_char, a.end_char, a.tag) for a in doc.annotations)
