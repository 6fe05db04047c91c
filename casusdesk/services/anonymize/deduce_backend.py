"""deduce, lazily and cached per process: the one seam to the de-identifier.

Runs as :mod:`casusdesk.services.deid_light`: deduce's own pipeline and word lists,
with its big lookup tries in compact marisa tries (the same annotations; about 80 MB
resident instead of 1.1 GB, loaded in well under a second). The word lists are
prepared once per machine (about a minute, with progress; or prebuilt in the bundle).
Nothing here loads on import: call :func:`warm_up` (the UI does so in a background
thread) or let the first :func:`deduce_annotations` do it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from casusdesk.services import deid_light

#: Environment variable that points to another folder for the prepared word lists.
DEDUCE_CACHE_ENV = deid_light.CACHE_ENV

default_cache_dir = deid_light.default_cache_dir
is_ready = deid_light.is_loaded

#: told a Dutch line before warm_up prepares or loads, when warm_up has no ``progress``
#: (the lazy load inside a command); the CLI prints it on stderr. See on_long_step.
_announce: Callable[[str], None] | None = None
BUILD_NOTICE = "Woordenlijsten voorbereiden (eenmalig, 1 à 2 minuten)..."
LOAD_NOTICE = "Woordenlijsten laden..."


def on_long_step(callback: Callable[[str], None] | None) -> None:
    """Have ``callback`` told a line before the word lists are prepared or loaded."""
    global _announce
    _announce = callback


def needs_build(cache_dir: Path | None = None) -> bool:
    """True when loading will first prepare the word lists (about a minute, once)."""
    return not deid_light.is_prepared(cache_dir)


def warm_up(progress: Callable[[str], None] | None = None,
            cache_dir: Path | None = None) -> float:
    """Load the word lists (preparing them the first time); return seconds spent.

    Safe from a background thread and more than once. ``progress`` receives Dutch
    status lines for the UI; without it, the :func:`on_long_step` callback is told one
    line before a long step.
    """
    if progress is None and _announce is not None and not deid_light.is_loaded():
        _announce(BUILD_NOTICE if needs_build(cache_dir) else LOAD_NOTICE)
    return deid_light.warm_up(progress, cache_dir)


def deduce_annotations(text: str) -> list[tuple[int, int, str]]:
    """deduce's ``(start, end, tag)`` for ``text``; loads on first use."""
    if not deid_light.is_loaded():
        warm_up()
    return deid_light.annotate(text)


def build_cache(cache_dir: Path) -> float:
    """Prepare the word lists into ``cache_dir``; for the installer. Returns seconds."""
    return deid_light.prepare(cache_dir=cache_dir, force=True)
