"""Composition root: one place where the data folder, store and services are wired."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from casusdesk.domain.clock import Clock, SystemClock
from casusdesk.domain.errors import CasusdeskError
from casusdesk.domain.method import Method
from casusdesk.paths import default_data_dir
from casusdesk.services.catalog import functions
from casusdesk.services.method_catalog import custom_methods_dir, load_methods
from casusdesk.services.roster import Roster
from casusdesk.storage.db import (
    DB_FILENAME, DiskFullError, StorageError, open_engine, open_read_only,
)
from casusdesk.storage.repositories import Store


@dataclass
class AppContext:
    """What the screens and commands need, built once."""

    data_dir: Path
    store: Store
    roster: Roster
    clock: Clock
    methods: dict[str, Method]
    #: messages about the user's own method files that could not be read
    problems: list[str]


def open_context(data_dir: Path | None = None, clock: Clock | None = None, *,
                 create: bool = True) -> AppContext:
    """Open the data folder and build the services over it.

    Args:
        create: make the folder and database when there are none; commands that only
            read or export pass False, so a typo in --data-dir does not make a new,
            empty store.
    """
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    if not create and not (data_dir / DB_FILENAME).exists():
        raise CasusdeskError(f"In {data_dir} staan geen casusdesk-gegevens. Klopt de map "
                             "(--data-dir of CASUSDESK_DATA_DIR)?")
    if not create and not os.access(data_dir, os.W_OK | os.X_OK):
        store = Store(open_read_only(data_dir))  # read and export from an archived copy
    else:
        try:
            store = Store(open_engine(data_dir))
        except DiskFullError as full:
            if create:
                raise
            # reading and exporting need no room in the data folder: on a full disk they
            # read the file as it is (a schema upgrade would need room: then the message)
            try:
                store = Store(open_read_only(data_dir))
            except StorageError:
                raise full from None
    problems: list[str] = []
    methods = load_methods(custom_methods_dir(data_dir), problems=problems)
    return AppContext(data_dir=data_dir, store=store, roster=Roster(store, functions()),
                      clock=clock or SystemClock(), methods=methods, problems=problems)
