"""deduce, lazily and cached per process: the one seam to the de-identifier.

Runs as :mod:`casusdesk.services.deid_light`: deduce's own pipeline and word lists,
with its big lookup tries in compact marisa tries (the same annotations; about 80 MB
resident instead of 1.1 GB, loaded in well under a second). The word lists are
prepared once per machine (about a minute, with progress; or prebuilt in the bundle).
Nothing here loads on import: call :func:`warm_up` (the UI does so in a background
thread) or let the first :func:`deduce_annotations` do it.
"""

from __future__ import annotations

from pathlib import Path

from casusdesk.services import deid_light

#: Environment variable that points to another folder for the prepared word lists.
DEDUCE_CACHE_ENV = deid_light.CACHE_ENV

default_cache_dir = deid_light.default_cache_dir
warm_up = deid_light.warm_up
is_ready = deid_light.is_loaded
deduce_annotations = deid_light.annotate


def needs_build(cache_dir: Path | None = None) -> bool:
    """True when loading will first prepare the word lists (about a minute, once)."""
    return not deid_light.is_prepared(cache_dir)


def build_cache(cache_dir: Path) -> float:
    """Prepare the word lists into ``cache_dir``; for the installer. Returns seconds."""
    return deid_light.prepare(cache_dir=cache_dir, force=True)
