"""A group with everything that belongs to it, out of the database and into another one.

Generic over the SQLModel metadata: every table that refers to a group, directly or
through other tables (participants, sessions, captures, and any table added later with
a foreign key), comes along with every column, as SQLite stores it (text, numbers,
blobs; a damaged text stays exactly as damaged). On the way in the rows get new ids (a
data folder never hands out an id twice) and every reference is mapped to them: the
foreign keys, and the references SQLite does not know of, listed in SOFT_REFERENCES.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from casusdesk.storage import tables  # noqa: F401  (registers the tables)
from casusdesk.storage.db import StorageError

ROOT = "groups"
#: references to another row that are no foreign key: (table, column) -> (referred
#: table, how the column holds it: "id" for one id, "json-list" for a JSON list of ids).
#: A table or column added later that refers to a row without a foreign key is listed here.
#: "json-keys:items" for a JSON object whose "items" are keyed by ids as text. A column
#: listed that a table does not have (yet) is passed over.
SOFT_REFERENCES: dict[tuple[str, str], tuple[str, str]] = {
    ("sessions", "case_bringer_id"): ("participants", "id"),
    ("sessions", "attendance"): ("participants", "json-list"),
    # the review of earlier sessions' open agreements and parked issues (issue 11)
    ("sessions", "series_json"): ("captures", "json-keys:items"),
}


#: tables that are no group's data (settings of the data folder, say) and stay out of a
#: backup; every other table must be reachable from groups by foreign keys
NOT_GROUP_DATA: frozenset[str] = frozenset()


class TransferError(StorageError):
    """A group could not be read in; nothing was written."""


def group_tables() -> list[Table]:
    """The tables of a group's data, parents before children: the group's own table and
    every table with a foreign key to one already in the list."""
    chosen: list[Table] = []
    names: set[str] = set()
    for table in SQLModel.metadata.sorted_tables:
        if table.name == ROOT or any(fk.column.table.name in names
                                     for fk in table.foreign_keys):
            chosen.append(table)
            names.add(table.name)
    return chosen


def _pk(table: Table) -> str | None:
    """The name of the table's own integer id, or None (no single integer key)."""
    keys = list(table.primary_key.columns)
    if len(keys) == 1 and keys[0].type.python_type is int:
        return keys[0].name
    return None


def _foreign_keys(table: Table) -> dict[str, str]:
    return {fk.parent.name: fk.column.table.name for fk in table.foreign_keys}


@contextmanager
def _raw_text(conn: Connection) -> Iterator[Any]:
    """The DBAPI connection, reading text as bytes (a damaged text must not stop it)."""
    raw = conn.connection.dbapi_connection
    factory = raw.text_factory
    raw.text_factory = bytes
    try:
        yield raw
    finally:
        raw.text_factory = factory


def _encode(kind: str | bytes, value: Any) -> Any:
    if isinstance(kind, bytes):  # typeof() itself is text, read as bytes too
        kind = kind.decode("ascii")
    if kind == "text":
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return {"$t": base64.b64encode(value).decode("ascii")}
    if kind == "blob":
        return {"$b": base64.b64encode(value).decode("ascii")}
    return value


def _decode(value: Any) -> tuple[str, Any]:
    """(placeholder, parameter) for a stored value."""
    if isinstance(value, dict):
        if "$t" in value:
            return "CAST(? AS TEXT)", base64.b64decode(value["$t"])
        if "$b" in value:
            return "?", base64.b64decode(value["$b"])
        raise TransferError("De back-up bevat een waarde die casusdesk niet kent.")
    return "?", value


def _columns(conn: Connection, table: Table) -> list[str]:
    stored = {row[1] for row in conn.exec_driver_sql(f'PRAGMA table_info("{table.name}")')}
    return [c.name for c in table.columns if c.name in stored]


def dump_group(conn: Connection, group_id: int) -> dict[str, Any]:
    """Every row of the group's data, by table: {"columns": [...], "rows": [[...]]}.
    Run inside one read transaction, so the rows belong together."""
    result: dict[str, Any] = {}
    ids: dict[str, set[Any]] = {}
    everything = [(table, _columns(conn, table)) for table in group_tables()]
    with _raw_text(conn) as raw:
        for table, columns in everything:
            if not columns:
                continue
            picked = ", ".join(f'typeof("{c}"), "{c}"' for c in columns)
            if table.name == ROOT:
                where, params = f'"{_pk(table) or "id"}" = ?', [group_id]
            else:
                parts, params = [], []
                for column, parent in _foreign_keys(table).items():
                    if parent in ids and column in columns and ids[parent]:
                        values = sorted(ids[parent])
                        parts.append(f'"{column}" IN ({", ".join("?" * len(values))})')
                        params += values
                if not parts:
                    result[table.name] = {"columns": columns, "rows": []}
                    ids[table.name] = set()
                    continue
                where = " OR ".join(parts)
            rows = []
            for record in raw.execute(f'SELECT {picked} FROM "{table.name}" WHERE {where}',
                                      params):
                rows.append([_encode(record[2 * i], record[2 * i + 1])
                             for i in range(len(columns))])
            result[table.name] = {"columns": columns, "rows": rows}
            key = _pk(table)
            if key is not None and key in columns:
                at = columns.index(key)
                ids[table.name] = {r[at] for r in rows}
    return result


def existing_copies(conn: Connection, group_row: dict[str, Any]) -> list[int]:
    """Groups in this database that are the group of a backup (same name and moment of
    creation: an imported group keeps both)."""
    name, made = group_row.get("name"), group_row.get("created_at")
    if not isinstance(name, str) or made is None:
        return []
    return [r[0] for r in conn.exec_driver_sql(
        "SELECT id FROM groups WHERE created_at = ? AND (name = ? OR name LIKE ?)",
        (made, name, name + " (kopie%)"))]


def root_row(data: dict[str, Any]) -> dict[str, Any]:
    try:
        block = data[ROOT]
        [row] = block["rows"]
        return dict(zip(block["columns"], row))
    except (KeyError, TypeError, ValueError):
        raise TransferError("De back-up bevat geen groep.") from None


def load_group(conn: Connection, data: dict[str, Any], *, name: str | None = None) -> int:
    """Insert the group's rows with new ids; returns the new group id. Runs inside the
    caller's write transaction: an error leaves nothing behind."""
    new_ids: dict[str, dict[Any, Any]] = {}
    #: soft references, mapped after all rows are in: (table, rowid, column, parent, how, value)
    later: list[tuple[str, int, str, str, str, Any]] = []
    known = {t.name: t for t in group_tables()}
    for table_name in data:
        if table_name not in known:
            raise TransferError(f"De back-up bevat een tabel die deze versie van casusdesk "
                                f"niet kent ({table_name}). Werk casusdesk bij.")
    for table in group_tables():
        block = data.get(table.name)
        if not block:
            continue
        columns = list(block["columns"])
        here = set(_columns(conn, table))
        unknown = [c for c in columns if c not in here]
        if unknown:
            raise TransferError(f"De back-up bevat gegevens die deze versie van casusdesk "
                                f"niet kent ({table.name}: {', '.join(unknown)}).")
        key = _pk(table)
        fks = _foreign_keys(table)
        mapping = new_ids.setdefault(table.name, {})
        # columns an older casusdesk did not have: their defaults (a table made by
        # create_all has no DEFAULT clause in SQL, only the model's default)
        missing = {c.name: c.default.arg for c in table.columns
                   if c.name in here and c.name not in columns and c.name != key
                   and c.default is not None and c.default.is_scalar}
        soft = [(column, parent, how) for (t, column), (parent, how) in SOFT_REFERENCES.items()
                if t == table.name and column in here]
        for values in block["rows"]:
            row = {**missing, **dict(zip(columns, values))}
            if table.name == ROOT and name is not None:
                row["name"] = name
            # the table's own id is handed out anew, unless it is a foreign key too (a
            # row per session keyed by the session): then it is mapped like one
            old = row.pop(key, None) if key and key not in fks else row.get(key) if key else None
            for column, parent in fks.items():
                if row.get(column) is not None:
                    row[column] = _mapped(new_ids, parent, row[column], table.name)
            names = list(row)
            pairs = [_decode(row[c]) for c in names]
            sql = (f'INSERT INTO "{table.name}" ({", ".join(f"{chr(34)}{c}{chr(34)}" for c in names)}) '
                   f'VALUES ({", ".join(p for p, _ in pairs)})')
            cursor = conn.exec_driver_sql(sql, tuple(v for _, v in pairs))
            if key is not None and old is not None:
                mapping[old] = row[key] if key in fks else cursor.lastrowid
            for column, parent, how in soft:  # once every table is in: may point later
                if row.get(column) not in (None, ""):
                    later.append((table.name, cursor.lastrowid, column, parent, how,
                                  row[column]))
    for table_name, rowid, column, parent, how, value in later:
        conn.exec_driver_sql(f'UPDATE "{table_name}" SET "{column}" = ? WHERE rowid = ?',
                             (_soft(new_ids, parent, how, value), rowid))
    try:
        return new_ids[ROOT][root_row(data)["id"]]
    except KeyError:
        raise TransferError("De back-up bevat geen groep.") from None


def _mapped(new_ids: dict[str, dict[Any, Any]], parent: str, old: Any, table: str) -> Any:
    try:
        return new_ids[parent][old]
    except KeyError:
        raise TransferError(f"De back-up is niet compleet: een rij in {table} verwijst naar "
                            f"iets dat er niet in staat ({parent}).") from None


def _soft(new_ids: dict[str, dict[Any, Any]], parent: str, how: str, value: Any) -> Any:
    known = new_ids.get(parent, {})
    if how == "id":
        return known.get(value)  # a reference to a row that is gone is dropped
    if how == "json-list":
        try:
            old = json.loads(value)
        except (TypeError, ValueError):
            return value
        if not isinstance(old, list):
            return value
        return json.dumps(sorted(known[v] for v in old if v in known))
    if how.startswith("json-keys:"):  # {"<at>": {"<id>": ...}}: the keys are ids as text
        at = how.split(":", 1)[1]
        try:
            doc = json.loads(value)
        except (TypeError, ValueError):
            return value
        if not isinstance(doc, dict) or not isinstance(doc.get(at), dict):
            return value
        by_text = {str(k): v for k, v in known.items()}
        doc[at] = {str(by_text[k]): v for k, v in doc[at].items() if k in by_text}
        return json.dumps(doc, ensure_ascii=False)
    raise TransferError(f"Onbekende verwijzing ({how}).")
