"""Big word sets read from a text list once per machine and kept as a marisa trie.

Reading deduce's 150,000 street names and normalizing each (``lexicon.streets``) costs
every process about 0.2 s. :func:`kept_set` does that once and keeps the result in the
deid_light cache folder as a trie that loads in well under a millisecond and answers
``in`` with the same yes or no. The kept file names the list it came from (its size
and a digest of its bytes) and the function that read it (a digest of its code), so an
edited list or a changed reading rule means: read again.

When the folder cannot be written (the bundle's own folder, a full disk), the set is
read as before and used as it is.
"""

from __future__ import annotations

import collections.abc
import hashlib
import json
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import CodeType
from typing import Any

log = logging.getLogger(__name__)

FORMAT = 1
_MAGIC = b"casusdesk-kept-set\n"
_lock = threading.Lock()


class KeptSet(collections.abc.Set):
    """A read-only set of strings held in a marisa trie (``in``, ``len``, iteration, and
    the set operators of :class:`collections.abc.Set`)."""

    def __init__(self, trie: Any) -> None:
        self._trie = trie

    def __contains__(self, item: object) -> bool:
        return isinstance(item, str) and item in self._trie

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie.keys())

    def __len__(self) -> int:
        return len(self._trie)

    def __hash__(self) -> int:  # like a frozenset, usable as a key
        return self._hash()

    @classmethod
    def _from_iterable(cls, it: Iterable[str]) -> frozenset[str]:
        return frozenset(it)  # the result of &, |, - is a plain frozenset


def _code_digest(code: CodeType, digest: Any) -> None:
    """What a function does, not where it is: its bytecode, names and constants."""
    digest.update(code.co_code)
    digest.update(repr(code.co_names).encode())
    for const in code.co_consts:
        if isinstance(const, CodeType):
            _code_digest(const, digest)
        else:
            digest.update(repr(const).encode())


def _fingerprint(source: Path, read: Callable[..., Any]) -> dict[str, Any] | None:
    try:
        data = source.read_bytes()
    except OSError:
        return None
    code = hashlib.sha256()
    _code_digest(read.__code__, code)
    return {"format": FORMAT, "source": source.name, "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(), "reader": code.hexdigest()}


def _load(path: Path, fingerprint: dict[str, Any]) -> KeptSet | None:
    import marisa_trie  # noqa: PLC0415

    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if not raw.startswith(_MAGIC):
        return None
    head, sep, body = raw[len(_MAGIC):].partition(b"\n")
    try:
        if not sep or json.loads(head.decode("utf-8")) != fingerprint:
            return None
        return KeptSet(marisa_trie.Trie().frombytes(body))
    except Exception:  # noqa: BLE001 - damaged: read the list again
        return None


def kept_set(name: str, source: Path, read: Callable[[Path], Iterable[str]],
             folder: Path | None = None) -> collections.abc.Set[str]:
    """``frozenset(read(source))``, from the kept trie ``<name>.trie`` in ``folder``
    (deid_light's cache folder) when it was made from this list by this ``read``."""
    if folder is None:
        from casusdesk.services import deid_light  # noqa: PLC0415

        folder = deid_light.default_cache_dir()
    fingerprint = _fingerprint(source, read)
    if fingerprint is None:
        return frozenset(read(source))
    path = Path(folder) / f"{name}.trie"
    with _lock:
        kept = _load(path, fingerprint)
        if kept is not None:
            return kept
        words = frozenset(read(source))
        try:
            import marisa_trie  # noqa: PLC0415

            from casusdesk.services.files import write_atomic  # noqa: PLC0415

            body = marisa_trie.Trie(words).tobytes()
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, _MAGIC + json.dumps(fingerprint).encode("utf-8") + b"\n" + body,
                         what=f"de woordenlijst {name}")
        except Exception as exc:  # noqa: BLE001 - read-only folder: the set as read
            log.info("Woordenlijst %s niet bewaard in %s: %s", name, folder, exc)
        return words
