"""``re``, with the compiled form of its patterns kept between processes (issue 13).

The anonymizer's rules are some 600 regular expressions. CPython compiles each one in
Python code (``re._parser`` and ``re._compiler``) into a list of opcodes that ``_sre``
turns into a pattern object, and that took 0.2-0.3 s in every export process: more than
any step but the imports. This module keeps the opcodes of every pattern it compiled in
a file beside the prepared word lists (``regex-<python>.marshal``), so that a later
process only hands them to ``_sre``.

The file is bound to the Python version and ``_sre``'s MAGIC and CODESIZE; another
Python, a damaged file, a folder that cannot be written: the pattern is compiled as
``re`` does, and nothing else changes. ``_sre`` checks the opcodes it is given.

Use it as ``re``: ``from casusdesk.services.anonymize import regex as re``; everything but
``compile`` at a module's top level is ``re``'s own.
"""

from __future__ import annotations

import atexit
import marshal
import os
import re as _re
import sys
import threading
from pathlib import Path
from re import (  # noqa: F401 - re's names, for ``regex as re``
    ASCII,
    DOTALL,
    IGNORECASE,
    MULTILINE,
    UNICODE,
    VERBOSE,
    A,
    I,
    M,
    Match,
    Pattern,
    RegexFlag,
    S,
    X,
    error,
    escape,
)
from typing import Any

import _sre

#: what the stored opcodes are only valid for
_FORMAT = (1, sys.version_info[:2], _sre.MAGIC, _sre.CODESIZE)
_FILE_NAME = f"regex-{sys.version_info[0]}.{sys.version_info[1]}.marshal"

#: re.TEMPLATE, gone in Python 3.13
_TEMPLATE = int(getattr(_re, "TEMPLATE", 0))
_lock = threading.Lock()
_patterns: dict[tuple[str, int], Pattern[str]] = {}
_stored: dict[tuple[str, int], tuple[Any, ...]] | None = None
_new: dict[tuple[str, int], tuple[Any, ...]] = {}
#: how many patterns came from the file and how many were compiled (for the tests)
stats = {"stored": 0, "compiled": 0}


#: another file than the one beside the word lists (the tests)
FILE_ENV = "CASUSDESK_REGEX_CACHE"


def _path() -> Path | None:
    if os.environ.get(FILE_ENV):
        return Path(os.environ[FILE_ENV])
    try:
        from casusdesk.services.deid_light import default_cache_dir  # noqa: PLC0415

        return default_cache_dir() / _FILE_NAME
    except Exception:  # noqa: BLE001 - without a cache folder: compile as re does
        return None


def _load() -> dict[tuple[str, int], tuple[Any, ...]]:
    global _stored
    if _stored is None:
        _stored = {}
        path = _path()
        try:
            if path is not None and path.is_file():
                data = marshal.loads(path.read_bytes())
                if isinstance(data, dict) and data.get("format") == _FORMAT:
                    _stored = data["patterns"]
        except Exception:  # noqa: BLE001 - a damaged or foreign file is compiled again
            _stored = {}
    return _stored


def _compile_keeping(pattern: str, flags: int) -> tuple[Pattern[str], tuple[Any, ...]]:
    """What ``re._compiler.compile`` does, keeping the arguments it gives ``_sre``."""
    from re import _compiler, _parser  # noqa: PLC0415

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    parts = (int(flags | parsed.state.flags), [int(c) for c in code], parsed.state.groups - 1,
             groupindex,
             tuple(indexgroup))
    return _sre.compile(pattern, *parts), parts


def compile(pattern: str | Pattern[str], flags: int | RegexFlag = 0) -> Pattern[str]:  # noqa: A001
    """``re.compile``; a pattern of a module's source (compiled where the module is
    loaded) from the stored opcodes when there are any. A pattern made while the program
    runs ("Fatima" as a known name's pattern) is compiled by ``re`` and never stored: the
    file holds only the program's own patterns, no personal data."""
    flags = int(flags)
    if not isinstance(pattern, str) or flags & (_re.DEBUG | _TEMPLATE) \
            or sys._getframe(1).f_code.co_name != "<module>":
        return _re.compile(pattern, flags)
    key = (pattern, flags)
    found = _patterns.get(key)
    if found is not None:
        return found
    with _lock:
        parts = _load().get(key)
        compiled = None
        if parts is not None:
            try:
                compiled = _sre.compile(pattern, *parts)
                stats["stored"] += 1
            except Exception:  # noqa: BLE001 - opcodes _sre refuses: compile again
                compiled = None
        if compiled is None:
            try:
                compiled, parts = _compile_keeping(pattern, flags)
                _new[key] = parts
            except Exception:  # noqa: BLE001 - re's internals changed (or a bad pattern):
                # re itself compiles it, and raises re.error for a pattern that is wrong
                compiled = _re.compile(pattern, flags)
            stats["compiled"] += 1
        _patterns[key] = compiled
    return compiled


def save() -> None:
    """Write the patterns compiled in this process to the file (at exit)."""
    if not _new:
        return
    path = _path()
    if path is None:
        return
    with _lock:
        merged = dict(_load())
        merged.update(_new)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps({"format": _FORMAT, "patterns": merged}))
            os.replace(tmp, path)
        except (OSError, ValueError):
            return  # a read-only folder (a bundle's resources): compile next time too
        _new.clear()


atexit.register(save)


search = _re.search
match = _re.match
fullmatch = _re.fullmatch
finditer = _re.finditer
findall = _re.findall
split = _re.split
sub = _re.sub
subn = _re.subn
