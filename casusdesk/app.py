"""Composition root: one place where the data folder, store and services are wired."""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from casusdesk.domain.clock import Clock, SystemClock
from casusdesk.domain.errors import CasusdeskError
from casusdesk.domain.method import Method
from casusdesk.paths import default_data_dir
from casusdesk.services.catalog import functions
from casusdesk.services.method_catalog import (
    custom_methods_dir, has_method_files, load_methods,
)
from casusdesk.services.roster import Roster
from casusdesk.storage import lock
from casusdesk.storage.db import (
    DB_FILENAME, DiskFullError, StorageError, ensure_folder, open_engine, open_read_only,
)
from casusdesk.storage.repositories import Store


@dataclass
class AppContext:
    """What the screens and commands need, built once."""

    data_dir: Path
    store: Store
    roster: Roster
    clock: Clock
    #: opened only to read, beside another casusdesk that writes in the folder
    read_only: bool = False
    _release: Callable[[], object] = field(default=lambda: None, repr=False)
    _methods: dict[str, Method] | None = field(default=None, repr=False)
    _problems: list[str] | None = field(default=None, repr=False)

    # The method files are read when first needed, not at start: parsing them is
    # 15 ms of a cold start (issue 13) and the first window shows no method.
    @property
    def methods(self) -> dict[str, Method]:
        """Every method by id: the shipped ones and the user's own that could be read."""
        if self._methods is None:
            problems: list[str] = []
            self._methods = load_methods(custom_methods_dir(self.data_dir), problems=problems)
            self._problems = problems
        return self._methods

    @methods.setter
    def methods(self, value: dict[str, Method]) -> None:
        self._methods = value

    @property
    def problems(self) -> list[str]:
        """Messages about the user's own method files that could not be read."""
        if self._problems is None:
            if has_method_files(custom_methods_dir(self.data_dir)):
                self.methods  # noqa: B018 - reading them is what finds the problems
            else:
                self._problems = []
        return self._problems  # type: ignore[return-value]

    @problems.setter
    def problems(self, value: list[str]) -> None:
        self._problems = value

    def close(self) -> None:
        """Close the database and give up the folder's lock (also done when the context
        is garbage collected, and by the operating system when the process ends)."""
        self._release()
        self.store.engine.dispose()


def open_context(data_dir: Path | None = None, clock: Clock | None = None, *,
                 create: bool = True, read_only: bool = False) -> AppContext:
    """Open the data folder and build the services over it.

    Args:
        create: make the folder and database when there are none, and take the folder's
            lock (one writer per data folder: the GUI and the commands that write);
            commands that only read or export pass False, so a typo in --data-dir does
            not make a new, empty store, and they work beside a running casusdesk.
        read_only: only read, beside another casusdesk that holds the lock.

    Raises:
        lock.FolderLockedError: another casusdesk writes in the folder (``create``).
    """
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    if (read_only or not create) and not (data_dir / DB_FILENAME).exists():
        raise CasusdeskError(f"In {data_dir} staan geen casusdesk-gegevens. Klopt de map "
                             "(--data-dir of CASUSDESK_DATA_DIR)?")
    locked = False
    if read_only:
        store = Store(open_read_only(data_dir, live=True))
    elif not create and not os.access(data_dir, os.W_OK | os.X_OK):
        store = Store(open_read_only(data_dir))  # read and export from an archived copy
    else:
        new_lock = not (data_dir / lock.LOCK_FILENAME).exists()
        if create:
            ensure_folder(data_dir)
            lock.acquire(data_dir)
            locked = True
        try:
            store = Store(open_engine(data_dir))
        except DiskFullError as full:
            if create:
                lock.release(data_dir, remove_file=new_lock)
                raise
            # reading and exporting need no room in the data folder: on a full disk they
            # read the file as it is (a schema upgrade would need room: then the message)
            try:
                store = Store(open_read_only(data_dir))
            except StorageError:
                raise full from None
        except BaseException:
            if locked:
                lock.release(data_dir, remove_file=new_lock)
            raise
    ctx = AppContext(data_dir=data_dir, store=store, roster=Roster(store, functions()),
                     clock=clock or SystemClock(), read_only=read_only)
    if locked:
        ctx._release = weakref.finalize(ctx, lock.release, data_dir)
    return ctx
