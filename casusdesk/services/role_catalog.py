"""Load the role library (``resources/roles/<id>.toml``) into domain objects.

Every file holds one role with the fields of :class:`casusdesk.domain.roles.Role`.
A broken file gives a :class:`DataFileError` whose Dutch message names the file and
the field, so a trainer who edits a role knows what to fix.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from casusdesk.domain.errors import DataFileError, os_reason
from casusdesk.domain.model import Domain
from casusdesk.domain.roles import ROLE_TEXT_FIELDS, Role
from casusdesk.paths import resource

REQUIRED_FIELDS = ("id", "title", "domain", *ROLE_TEXT_FIELDS)

#: the longest text a field may hold; longer texts no longer fit on an A6 card
MAX_FIELD_CHARS = {"title": 60, "who": 160}
DEFAULT_MAX_FIELD_CHARS = 200


def load_role_file(path: Path) -> Role:
    """Read and check one role file."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError(f"Rolbestand {name}: is geen UTF-8-tekst ({exc.reason}).") from exc
    except OSError as exc:
        raise DataFileError(f"Rolbestand {name}: kan niet worden gelezen ({os_reason(exc)}).") \
            from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"Rolbestand {name}: geen geldige TOML ({exc}).") from exc

    unknown = sorted(set(data) - set(REQUIRED_FIELDS))
    if unknown:
        raise DataFileError(
            f"Rolbestand {name}: onbekend veld '{unknown[0]}'. "
            f"Toegestaan zijn: {', '.join(REQUIRED_FIELDS)}.")
    values: dict[str, str] = {}
    for key in REQUIRED_FIELDS:
        value = data.get(key)
        if value is None:
            raise DataFileError(f"Rolbestand {name}: veld '{key}' ontbreekt.")
        if not isinstance(value, str):
            raise DataFileError(f"Rolbestand {name}: veld '{key}' moet tekst zijn "
                                "(tussen aanhalingstekens).")
        value = " ".join(value.split())
        if not value:
            raise DataFileError(f"Rolbestand {name}: veld '{key}' is leeg.")
        limit = MAX_FIELD_CHARS.get(key, DEFAULT_MAX_FIELD_CHARS)
        if key != "domain" and len(value) > limit:
            raise DataFileError(
                f"Rolbestand {name}: veld '{key}' is te lang ({len(value)} tekens, "
                f"hoogstens {limit}); de rolkaart moet op A6 passen.")
        values[key] = value

    if values["id"] != path.stem:
        raise DataFileError(f"Rolbestand {name}: veld 'id' is '{values['id']}', "
                            f"maar moet gelijk zijn aan de bestandsnaam ('{path.stem}').")
    try:
        domain = Domain(values["domain"])
    except ValueError:
        allowed = ", ".join(d.value for d in Domain)
        raise DataFileError(f"Rolbestand {name}: veld 'domain' moet een van deze zijn: "
                            f"{allowed}.") from None
    if values["statement"][0] in "\"'„“”‘’":
        raise DataFileError(f"Rolbestand {name}: veld 'statement' zonder aanhalingstekens "
                            "schrijven; de kaart zet ze er zelf omheen.")
    values["domain"] = domain  # type: ignore[assignment]
    return Role(**values)  # type: ignore[arg-type]


def load_roles(path: Path | None = None) -> dict[str, Role]:
    """All roles in a folder (default: the shipped ``resources/roles``), by id, sorted."""
    folder = path or resource("roles")
    if not folder.is_dir():
        raise DataFileError(f"De map met rollen ({folder}) bestaat niet.")
    files = sorted(folder.glob("*.toml"))
    if not files:
        raise DataFileError(f"De map met rollen ({folder}) bevat geen rolbestanden (*.toml).")
    return {role.id: role for role in (load_role_file(f) for f in files)}


@lru_cache(maxsize=1)
def roles() -> dict[str, Role]:
    """The shipped role library, read once per process (do not mutate)."""
    return load_roles()
