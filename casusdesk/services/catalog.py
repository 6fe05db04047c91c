"""Load the function list (``resources/functions.toml``) into domain objects."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from casusdesk.domain.codes import FunctionDef
from casusdesk.domain.errors import DataFileError
from casusdesk.domain.model import Domain
from casusdesk.paths import resource


def load_functions(path: Path | None = None) -> tuple[FunctionDef, ...]:
    """Read and validate the function list; the message names file and field."""
    path = path or resource("functions.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"{path.name}: kan niet worden gelezen ({exc}).") from exc
    result: list[FunctionDef] = []
    seen: set[str] = set()
    for index, item in enumerate(data.get("function", []), start=1):
        where = f"{path.name}: functie {index}"
        for key in ("id", "label", "prefix", "domain"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise DataFileError(f"{where}: veld '{key}' ontbreekt of is leeg.")
        if item["id"] in seen:
            raise DataFileError(f"{where}: id '{item['id']}' komt twee keer voor.")
        seen.add(item["id"])
        try:
            domain = Domain(item["domain"])
        except ValueError:
            allowed = ", ".join(d.value for d in Domain)
            raise DataFileError(f"{where}: veld 'domain' moet een van {allowed} zijn.") from None
        if not item["prefix"].isalnum() or not item["prefix"].isupper():
            raise DataFileError(f"{where}: veld 'prefix' moet uit hoofdletters bestaan.")
        result.append(FunctionDef(id=item["id"], label=item["label"], prefix=item["prefix"],
                                  domain=domain,
                                  synonyms=tuple(s.lower() for s in item.get("synonyms", []))))
    if not result:
        raise DataFileError(f"{path.name}: bevat geen functies.")
    return tuple(result)


@lru_cache(maxsize=1)
def functions() -> tuple[FunctionDef, ...]:
    """The shipped function list, read once per process."""
    return load_functions()


@lru_cache(maxsize=1)
def issue_vocabulary() -> dict[str, tuple[str, ...]]:
    """Themes, frames and outcomes for issue moments (``resources/issue_vocabulary.toml``)."""
    path = resource("issue_vocabulary.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"{path.name}: kan niet worden gelezen ({exc}).") from exc
    result: dict[str, tuple[str, ...]] = {}
    for key in ("themes", "frames", "outcomes"):
        values = data.get(key)
        if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
            raise DataFileError(f"{path.name}: veld '{key}' moet een lijst met teksten zijn.")
        result[key] = tuple(values)
    return result
