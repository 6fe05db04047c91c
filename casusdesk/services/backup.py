"""Encrypted backup and handover of a group (issue 12).

One file (``groep.casusdesk``) holds the group with everything that belongs to it: its
participants, sessions, captures, timelines, role assignments, review decisions and any
table added later (storage.transfer works over all tables). It is the real data, not an
anonymized export: it is for the facilitator's own backup and for handing the group to a
colleague, and protected by a passphrase.

Format (all numbers big-endian)::

    "CASUSDESK-BACKUP"  16 bytes
    format version      2 bytes   (FORMAT_VERSION)
    scrypt log2(n), r, p  1 byte each
    salt                16 bytes  (random per file)
    nonce               12 bytes  (random per file)
    length              8 bytes   (of what follows)
    AES-256-GCM ciphertext with its 16-byte tag, of zlib-compressed JSON

The header is authenticated too (associated data): a changed byte anywhere, a wrong
passphrase or a cut-off file is refused, and then nothing is read in.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from casusdesk import __version__
from casusdesk.domain.errors import CasusdeskError, os_reason
from casusdesk.domain.model import Group
from casusdesk.services.files import check_target, write_atomic
from casusdesk.storage import migrations
from casusdesk.storage.repositories import Store

MAGIC = b"CASUSDESK-BACKUP"
FORMAT_VERSION = 1
_HEADER = struct.Struct(">16sHBBB16s12sQ")
HEADER_SIZE = _HEADER.size
#: scrypt cost: 2**15 x 8 x 1 takes about 32 MB and a tenth of a second
SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P = 15, 8, 1
MIN_PASSPHRASE = 8
SUFFIX = ".casusdesk"
#: the environment variable a script can give the passphrase in (never the command line)
PASSPHRASE_ENV = "CASUSDESK_PASSPHRASE"


class BackupError(CasusdeskError):
    """The backup cannot be made or read; the message says why, in Dutch."""


def check_passphrase(passphrase: str) -> str:
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise BackupError(f"Kies een wachtwoord van minstens {MIN_PASSPHRASE} tekens.")
    return passphrase


def _key(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=2 ** log2_n, r=r, p=p).derive(
        passphrase.encode("utf-8", "surrogatepass"))


def seal(payload: dict[str, Any], passphrase: str) -> bytes:
    """The encrypted file for ``payload``."""
    plain = zlib.compress(json.dumps(payload, ensure_ascii=False,
                                     separators=(",", ":")).encode("utf-8"), 6)
    salt, nonce = os.urandom(16), os.urandom(12)
    length = len(plain) + 16
    header = _HEADER.pack(MAGIC, FORMAT_VERSION, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P, salt,
                          nonce, length)
    key = _key(passphrase, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P)
    return header + AESGCM(key).encrypt(nonce, plain, header)


NOTHING = "Er is niets ingelezen."


def unseal(data: bytes, passphrase: str) -> dict[str, Any]:
    """The payload of an encrypted file, or BackupError with a clear message."""
    if data and len(data) < len(MAGIC) and MAGIC.startswith(data):
        raise BackupError(f"De back-up is onvolledig (het bestand is afgebroken). {NOTHING}")
    if not data.startswith(MAGIC):
        raise BackupError(f"Dit bestand is geen back-up van casusdesk. {NOTHING}")
    if len(data) < HEADER_SIZE:
        raise BackupError(f"De back-up is onvolledig (het bestand is afgebroken). {NOTHING}")
    _magic, version, log2_n, r, p, salt, nonce, length = _HEADER.unpack_from(data)
    if version > FORMAT_VERSION:
        raise BackupError(
            f"Deze back-up is gemaakt met een nieuwere versie van casusdesk (formaat "
            f"{version}; deze versie leest formaat {FORMAT_VERSION}). Werk casusdesk bij om "
            f"hem in te lezen. {NOTHING}")
    body = data[HEADER_SIZE:]
    if len(body) < length:
        raise BackupError(f"De back-up is onvolledig (het bestand is afgebroken). {NOTHING}")
    if version < 1 or len(body) != length or not (10 <= log2_n <= 20 and 1 <= r <= 16
                                                  and 1 <= p <= 4):
        raise BackupError(f"De back-up is beschadigd of gewijzigd. {NOTHING}")
    try:
        plain = AESGCM(_key(passphrase, salt, log2_n, r, p)).decrypt(
            nonce, body, data[:HEADER_SIZE])
    except InvalidTag:
        raise BackupError("Het wachtwoord klopt niet, of de back-up is beschadigd of "
                          f"gewijzigd. {NOTHING}") from None
    try:
        payload = json.loads(zlib.decompress(plain).decode("utf-8"))
    except (zlib.error, UnicodeDecodeError, ValueError):
        raise BackupError(f"De back-up is beschadigd. {NOTHING}") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("tables"), dict):
        raise BackupError(f"De back-up is beschadigd. {NOTHING}")
    if int(payload.get("schema", 0)) > migrations.SCHEMA_VERSION:
        raise BackupError(
            "Deze back-up is gemaakt met een nieuwere versie van casusdesk (schema "
            f"{payload['schema']}; deze versie kent schema {migrations.SCHEMA_VERSION}). "
            f"Werk casusdesk bij om hem in te lezen. {NOTHING}")
    return payload


@dataclass(frozen=True)
class BackupSummary:
    group: str
    counts: dict[str, int]
    path: Path | None = None

    def describe(self) -> str:
        labels = (("participants", "deelnemer(s)"), ("sessions", "bijeenkomst(en)"),
                  ("captures", "vastlegging(en)"))
        parts = [f"{self.counts.get(t, 0)} {label}" for t, label in labels]
        return f"groep '{self.group}' met {', '.join(parts)}"


def _counts(tables: dict[str, Any]) -> dict[str, int]:
    return {name: len(block.get("rows", [])) for name, block in tables.items()
            if isinstance(block, dict)}


def _plain_names(store: Store, group_id: int) -> list[str]:
    names = [p.name for p in store.list_participants(group_id) if len(p.name) >= 4]
    for s in store.list_sessions(group_id):
        names += [n for n in s.case.known_names if len(n) >= 4]
    return names


def export_backup(store: Store, group_id: int, path: str | os.PathLike[str],
                  passphrase: str, *, now: dt.datetime | None = None) -> BackupSummary:
    """Write the group's encrypted backup to ``path``."""
    check_passphrase(passphrase)
    path = Path(path)
    check_target(path)
    group = store.get_group(group_id)
    tables = store.export_group(group_id)
    made = (now or dt.datetime.now().astimezone()).isoformat(timespec="seconds")
    payload = {"format": FORMAT_VERSION, "schema": migrations.SCHEMA_VERSION,
               "app": __version__, "made": made, "tables": tables}
    data = seal(payload, passphrase)
    for name in _plain_names(store, group_id):  # the file must never carry them readable
        if name.encode("utf-8") in data:
            raise BackupError("De back-up is niet versleuteld geraakt en is niet opgeslagen.")
    write_atomic(path, data, what="de back-up")
    return BackupSummary(group.name, _counts(tables), path)


def read_backup(path: str | os.PathLike[str], passphrase: str) -> dict[str, Any]:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise BackupError(f"De back-up {path} kan niet worden gelezen: {os_reason(exc)}.") \
            from None
    return unseal(data, passphrase)


def summary(payload: dict[str, Any]) -> BackupSummary:
    from casusdesk.storage.transfer import root_row

    return BackupSummary(str(root_row(payload["tables"]).get("name", "")),
                         _counts(payload["tables"]))


def already_here(store: Store, payload: dict[str, Any]) -> str | None:
    """The name of the group in ``store`` that the backup holds already, or None."""
    return store.group_already_here(payload["tables"])


def import_backup(store: Store, payload: dict[str, Any], *, copy: bool = False) -> Group:
    """Read the backup's group into ``store``, all or nothing (one transaction). When the
    group is there already: refused (GroupExistsError), or with ``copy`` a copy."""
    return store.import_group(payload["tables"], copy=copy)
