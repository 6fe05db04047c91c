"""Build the compact lookup structures from deduce's own word lists, once per machine.

The lists are read and cleaned by deduce's own loaders (``deduce.lookup_structs`` and
``deduce.lookup_struct_loader``: the same exceptions, variations, whitelist filters
and case rules as ``Deduce(build_lookup_structs=True)``). Only the last step differs:
where deduce turns each cleaned list into a :class:`docdeid.ds.LookupTrie` of Python
objects (``lookup_set_to_trie``), this module tokenizes the items with deduce's own
tokenizer and stores the token sequences in a ``marisa_trie.Trie``.

The result (:func:`build_payload`) holds only builtins (str, bytes, list, dict), so
reading it back needs neither docdeid nor deduce until the engine is made.
"""

from __future__ import annotations

import importlib.metadata
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

__all__ = ["build_payload", "versions"]

log = logging.getLogger(__name__)

# deduce's loaders call the module global lookup_set_to_trie; it is swapped while
# building, so two builds in one process must not overlap.
_swap_lock = threading.Lock()

Report = Callable[[float, str], None]


def versions() -> dict[str, str]:
    """Versions the structures depend on; a change means: build again.

    A bundle must carry the packages' metadata (PyInstaller: ``copy_metadata`` for
    deduce, docdeid and marisa-trie); without it a version reads "?" and a file
    prepared elsewhere does not fit, so the structures are prepared again.
    """
    found = {}
    for name in ("deduce", "docdeid", "marisa-trie"):
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "?"
    return found


class _Collected:
    """What deduce would have turned into a trie: its items and matching pipeline."""

    def __init__(self, items: set[str], pipeline: list[Any] | None) -> None:
        self.items = items
        self.pipeline = pipeline


def _pipeline_names(pipeline: list[Any] | None) -> list[str]:
    import docdeid as dd  # noqa: PLC0415

    names = []
    for modifier in pipeline or []:
        name = type(modifier).__name__
        if getattr(dd.str, name, None) is not type(modifier) or vars(modifier):
            raise RuntimeError(f"Onbekende bewerking in deduce's woordenlijst: {modifier!r}")
        names.append(name)
    return names


def _trie_keys(collected: _Collected, tokenizer: Any, report: Callable[[int], None]
               ) -> tuple[list[str], int]:
    """The keys of deduce's trie for these items: each token followed by SEP.

    As ``LookupTrie.add_item`` does, the matching pipeline changes only the first
    token of an item (the child tries it creates have no pipeline).
    """
    from ._engine import BARRIER, SEP  # noqa: PLC0415

    keys = []
    depth = 0
    skipped = 0
    for done, item in enumerate(sorted(collected.items), start=1):
        if done % 5000 == 0:
            report(done)
        texts = [token.text for token in tokenizer.tokenize(item)]
        if not texts:
            continue  # deduce marks the root terminal: never a match
        for modifier in collected.pipeline or []:
            texts[0] = modifier.process(texts[0])
        if any(SEP in t or BARRIER in t for t in texts):
            skipped += 1
            continue
        keys.append("".join(t + SEP for t in texts))
        depth = max(depth, len(texts))
    if skipped:
        log.warning("%d woorden met stuurtekens overgeslagen", skipped)
    report(len(collected.items))
    return keys, depth


def _fast_apply_transform(items: set[str], transform_config: dict) -> set[str]:
    """``deduce.utils.apply_transform`` with the same result, four times faster.

    deduce runs every pattern of a transform (up to 49) with ``re.finditer`` over
    every item (770,000 streets), 37 million calls. An item that none of the patterns
    matches gets no variations, and one search with all patterns as alternatives tells
    that at once; only the items it finds go through deduce's ``str_variations``.
    """
    import re  # noqa: PLC0415

    from deduce import utils  # noqa: PLC0415

    strip_lines = transform_config.get("strip_lines", True)
    transforms = transform_config.get("transforms", {})
    for _, transform in transforms.items():
        try:
            any_pattern: re.Pattern[str] | None = re.compile(
                "|".join(f"(?:{pattern})" for pattern in transform))
        except re.error:
            any_pattern = None
        to_add: list[str] = []
        for item in items:
            if any_pattern is not None and any_pattern.search(item) is None:
                to_add.append(item)
            else:
                to_add += utils.str_variations(item, transform)
        items.update(to_add)
    if strip_lines:
        items = {i.strip() for i in items}
    return items


def build_payload(report: Report | None = None) -> dict[str, Any]:
    """Read deduce's lists and build every structure; ``report(fraction, text)``."""
    import marisa_trie  # noqa: PLC0415

    from . import _quiet_deduce  # noqa: PLC0415

    _quiet_deduce()
    import docdeid as dd  # noqa: PLC0415
    from deduce import lookup_struct_loader, lookup_structs  # noqa: PLC0415
    from deduce.data.lookup.src import all_lists  # noqa: PLC0415
    from deduce.deduce import _LOOKUP_LIST_PATH, Deduce  # noqa: PLC0415

    def say(fraction: float, text: str) -> None:
        if report is not None:
            report(min(1.0, max(0.0, fraction)), text)

    started = time.perf_counter()
    say(0.0, "Woordenlijsten van deduce lezen")
    tokenizer = Deduce._initialize_tokenizer(_LOOKUP_LIST_PATH)  # noqa: SLF001
    set_loaders = lookup_structs._LOOKUP_SET_LOADERS  # noqa: SLF001
    trie_loaders = lookup_structs._LOOKUP_TRIE_LOADERS  # noqa: SLF001
    src = _LOOKUP_LIST_PATH / "src"
    sizes = {lst: sum(p.stat().st_size for p in (src / lst).rglob("items.txt"))
             for lst in all_lists}
    total_size = sum(sizes.values()) or 1

    with _swap_lock:
        # lookup_structs.load_raw_itemsets, list by list (for the progress), with
        # deduce's apply_transform replaced by _fast_apply_transform (same result)
        original_transform = lookup_structs.apply_transform
        lookup_structs.apply_transform = _fast_apply_transform
        try:
            base_items: dict[str, set[str]] = {}
            read = 0
            for lst in all_lists:
                name = lst.split("/")[-1].removeprefix("lst_")
                base_items[name] = lookup_structs.load_raw_itemset(src / lst)
                read += sizes[lst]
                say(0.2 * read / total_size, "Woordenlijsten van deduce lezen")
        finally:
            lookup_structs.apply_transform = original_transform

    sets: dict[str, dict[str, Any]] = {}
    for name in sorted(set(base_items) - set(set_loaders) - set(trie_loaders)):
        lookup = dd.ds.LookupSet()
        lookup.add_items_from_iterable(base_items[name])
        sets[name] = {"items": sorted(lookup.items()), "pipeline": []}
    for name, loader in set_loaders.items():
        lookup = loader(base_items)
        sets[name] = {"items": sorted(lookup.items()),
                      "pipeline": _pipeline_names(lookup.matching_pipeline)}
    say(0.22, "Woordenlijsten van deduce opschonen")

    collected: dict[str, _Collected] = {}
    with _swap_lock:
        original = lookup_struct_loader.lookup_set_to_trie
        lookup_struct_loader.lookup_set_to_trie = (
            lambda lookup_set, _tokenizer: _Collected(set(lookup_set.items()),
                                                      lookup_set.matching_pipeline))
        try:
            for name, loader in trie_loaders.items():
                result = loader(base_items, tokenizer)
                if not isinstance(result, _Collected):
                    raise RuntimeError(f"deduce bouwt {name} op een onbekende manier")
                collected[name] = result
        finally:
            lookup_struct_loader.lookup_set_to_trie = original
    del base_items
    say(0.3, "Woordenlijsten van deduce opschonen")

    total = sum(len(c.items) for c in collected.values()) or 1
    before = 0
    tries: dict[str, dict[str, Any]] = {}
    for name, coll in collected.items():
        label = _LABELS.get(name, name)

        def progress(done: int, before: int = before, label: str = label) -> None:
            say(0.3 + 0.65 * (before + done) / total, f"Woordenlijst {label} opbouwen")

        keys, depth = _trie_keys(coll, tokenizer, progress)
        trie = marisa_trie.Trie(keys)
        del keys
        tries[name] = {"marisa": trie.tobytes(), "depth": depth,
                       "pipeline": _pipeline_names(coll.pipeline)}
        before += len(coll.items)
    say(1.0, "Woordenlijsten klaar")
    return {"sets": sets, "tries": tries,
            "build_seconds": round(time.perf_counter() - started, 1)}


_LABELS = {
    "first_name": "voornamen", "surname": "achternamen", "street": "straten",
    "placename": "plaatsnamen", "hospital": "ziekenhuizen",
    "healthcare_institution": "zorginstellingen", "eponymous_disease": "ziektenamen",
}
