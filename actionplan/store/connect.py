"""Opening a SQLite store, and what each SQLite failure means, in one line naming the file.

A query opens the database read-only (`mode=ro`, or `immutable=1` when its folder cannot
be written, since WAL needs to write beside the file) and never migrates, creates a
table or switches the journal mode: a foreign file is left byte for byte as it was. An
import opens it read-write, and only after it has recognised the file as an actionplan
database (or an empty one) does it create tables and switch to WAL.

Which database is ours: one stamped with APPLICATION_ID, or, before the stamp, one whose
user_version counts our migrations and which holds our tables. A file with other tables,
another program's application_id, or no SQLite header is foreign.

Two importers racing on a new database each wait for the other: every step SQLite
answers "busy" (after its busy handler's short wait, or at once where waiting could
deadlock) is retried, the whole step again, until `timeout` seconds have passed.
"""

from __future__ import annotations

import os
import random
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from actionplan.errors import (
    DatabaseFull,
    DatabaseLocked,
    ForeignDatabase,
    NoDatabase,
    ReadOnlyDatabase,
    SchemaTooNew,
    StoreError,
)
from actionplan.store.schema import MIGRATIONS, migrate, schema_version

T = TypeVar("T")

# "APLN": marks a database as actionplan's (PRAGMA application_id, header offset 68).
APPLICATION_ID = 0x41504C4E
# Seconds to wait for another process's lock before saying the database is locked.
BUSY_TIMEOUT = 60.0
# Seconds SQLite's busy handler waits at a time, between with_retry's attempts.
_WAIT_IN_SQLITE = 0.2
# The tables every version of our schema has.
OUR_TABLES = frozenset({"plans", "versions", "documents", "actions", "updates", "import_errors"})

# SQLite's primary result codes (the low byte of an extended code).
_READONLY, _BUSY, _LOCKED, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 8, 5, 6, 10, 11, 13, 14, 26
_PERM = 3
# Failures of the database itself, not of one document's rows: an import stops at them.
_STORE_WIDE = frozenset({_READONLY, _PERM, _BUSY, _LOCKED, _IOERR, _CORRUPT, _FULL, _CANTOPEN})


def _code(exc: sqlite3.Error) -> int:
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def is_busy(exc: BaseException) -> bool:
    """Say whether SQLite refused for a lock another connection holds (worth retrying)."""
    return isinstance(exc, sqlite3.OperationalError) and _code(exc) in (_BUSY, _LOCKED)


def fault(path: Path, exc: sqlite3.Error, doing: str, timeout: float = BUSY_TIMEOUT) -> StoreError:
    """Return the typed error that says what a SQLite failure on `path` is, in one line.

    `doing` is what failed ("could not save it", "could not read it"), said after the
    cause.
    """
    code = _code(exc)
    if code == _FULL:
        return DatabaseFull(path, f"the disk is full ({exc}); {doing}")
    if code in (_READONLY, _PERM):
        return ReadOnlyDatabase(path, f"{_read_only_reason(path)}; {doing}")
    if code in (_BUSY, _LOCKED):
        return DatabaseLocked(
            path,
            f"locked by another process for over {timeout:g} s ({exc}); {doing}: "
            "try again when it has finished",
        )
    if code == _NOTADB:
        return ForeignDatabase(path, f"not an actionplan database (not a SQLite database: {exc})")
    if code == _CORRUPT:
        return StoreError(path, f"the database is damaged ({exc}); {doing}: restore a backup")
    if code == _CANTOPEN:
        return StoreError(path, f"cannot open the database ({_cannot_open(path, exc)})")
    if code == _IOERR:
        return StoreError(path, f"a disk error ({exc}); {doing}")
    return StoreError(path, f"database error ({exc}); {doing}")


def _read_only_reason(path: Path) -> str:
    folder = path.absolute().parent
    if not os.access(folder, os.W_OK):
        return f"its folder {folder} is read-only (SQLite writes its journal beside the file)"
    if path.exists() and not os.access(path, os.W_OK):
        return "the database file is read-only"
    return "the database is read-only"


def _cannot_open(path: Path, exc: sqlite3.Error) -> str:
    folder = path.absolute().parent
    if path.is_dir():
        return "it is a folder"
    if not folder.is_dir():
        return f"no folder {folder}"
    if path.exists() and not os.access(path, os.R_OK):
        return "no permission to read it"
    if not os.access(folder, os.W_OK):
        if _has_bytes(Path(f"{path}-wal")):
            return (
                f"its folder {folder} is read-only and {path.name}-wal beside it holds changes "
                "not yet in the file: open it once where the folder can be written"
            )
        return f"its folder {folder} is read-only"
    return str(exc)


def with_retry(path: Path, fn: Callable[[], T], doing: str, timeout: float = BUSY_TIMEOUT) -> T:
    """Run `fn`, again while SQLite says another connection holds a lock, up to `timeout`
    seconds; raise the typed error of a failure of the database itself (a full disk, a
    read-only file, the lock still held at the end), and any other sqlite3.Error as it is."""
    deadline = time.monotonic() + timeout
    pause = 0.005
    while True:
        try:
            return fn()
        except sqlite3.Error as exc:
            if not is_busy(exc) or time.monotonic() >= deadline:
                if _code(exc) in _STORE_WIDE | {_NOTADB}:
                    raise fault(path, exc, doing, timeout) from exc
                raise  # one statement's failure (its rows refused): the caller's to say
        # Jitter, so that two processes that collided do not collide again in step.
        time.sleep(min(pause * (1 + random.random()), max(0.0, deadline - time.monotonic())))
        pause = min(pause * 2, 0.2)


def _uri(path: Path, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{path.absolute().as_uri()}?{query}"


def _connect(path: Path, timeout: float, **params: str) -> sqlite3.Connection:
    # SQLite's own wait is kept short and with_retry waits the rest: a wait inside SQLite
    # does not return for Ctrl-C, a sleep in Python does.
    conn = sqlite3.connect(
        _uri(path, **params),
        uri=True,
        isolation_level=None,
        timeout=min(timeout, _WAIT_IN_SQLITE),
        check_same_thread=False,
    )
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return {str(r[0]) for r in rows}


def recognise(conn: sqlite3.Connection, path: Path) -> int:
    """Return the schema version of an actionplan database (0 for an empty one), or raise
    ForeignDatabase or SchemaTooNew. Reads only."""
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    version = schema_version(conn)
    tables = _tables(conn)
    if app_id not in (0, APPLICATION_ID):
        raise ForeignDatabase(
            path, f"not an actionplan database (another program's: application_id {app_id:#x})"
        )
    if app_id == 0 and (version > 0 or tables) and not tables >= OUR_TABLES:
        held = ", ".join(sorted(tables)[:4]) + (", …" if len(tables) > 4 else "")
        raise ForeignDatabase(
            path,
            "not an actionplan database ("
            + (f"it holds other tables: {held}" if tables else "it has no actionplan tables")
            + (f"; user_version {version}" if version else "")
            + ")",
        )
    if version > len(MIGRATIONS):
        raise SchemaTooNew(
            path,
            f"the database has schema version {version}, newer than this actionplan "
            f"understands ({len(MIGRATIONS)}); upgrade actionplan",
        )
    return version


def open_reader(path: Path, timeout: float = BUSY_TIMEOUT) -> sqlite3.Connection:
    """Open an existing database for queries, read-only; raise a typed error if it is not
    a current actionplan database."""
    _reachable(path)
    if path.is_dir():
        raise StoreError(path, "cannot open the database (it is a folder)")
    if not path.is_file():
        raise NoDatabase(path, "no such database (run `actionplan import` first)")
    if not os.access(path, os.R_OK):
        raise StoreError(path, "cannot open the database (no permission to read it)")
    params = {"mode": "ro"}
    wal = Path(f"{path}-wal")
    if not os.access(path.absolute().parent, os.W_OK) and not _has_bytes(wal):
        # A WAL database needs to write its -shm beside it even to read. With no -wal
        # holding changes the file alone is the whole database, and no import can write
        # to it without writing its journal in that folder (one by a user who may write
        # there would not be seen: immutable takes no locks).
        params["immutable"] = "1"

    def attempt() -> sqlite3.Connection:
        conn = _connect(path, timeout, **params)
        try:
            version = recognise(conn, path)
        except BaseException:
            conn.close()
            raise
        if version == 0:
            conn.close()
            raise NoDatabase(path, "an empty database, with no plans yet (run `actionplan import`)")
        if version < len(MIGRATIONS):
            conn.close()
            raise StoreError(
                path,
                f"made by an older actionplan (schema version {version}); run "
                "`actionplan import` on it once to upgrade it",
            )
        return conn

    return with_retry(path, attempt, "could not read it", timeout)


def _reachable(path: Path) -> None:
    """Raise StoreError when the path cannot even be looked at (a folder on the way that
    this user may not enter), which pathlib would raise as PermissionError."""
    try:
        path.exists()
    except OSError as exc:
        raise StoreError(
            path, f"cannot open the database ({exc.strerror or exc}: {exc.filename or path})"
        ) from exc


def _has_bytes(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def open_writer(path: Path, timeout: float = BUSY_TIMEOUT) -> sqlite3.Connection:
    """Open (or create) a database to import into: recognise it first, then bring its
    schema up to date and switch it to WAL; raise a typed error naming what is wrong."""
    folder = path.absolute().parent
    _reachable(path)
    if path.is_dir():
        raise StoreError(path, "cannot open the database (it is a folder)")
    if not folder.is_dir():
        raise StoreError(path, f"cannot create the database (no folder {folder})")
    if path.exists() and not os.access(path, os.R_OK):
        raise StoreError(path, "cannot open the database (no permission to read it)")
    if not os.access(folder, os.W_OK):
        what = "import into it" if path.exists() else "create it"
        raise ReadOnlyDatabase(
            path,
            f"its folder {folder} is read-only (SQLite writes its journal beside the file); "
            f"could not {what}",
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise ReadOnlyDatabase(path, "the database file is read-only; could not import into it")

    def attempt() -> sqlite3.Connection:
        conn = _connect(path, timeout, mode="rwc")
        try:
            recognise(conn, path)
            migrate(conn, str(path))
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL loses no committed transaction when a process dies;
            # only a power cut can undo the last few.
            conn.execute("PRAGMA synchronous = NORMAL")
            if int(conn.execute("PRAGMA application_id").fetchone()[0]) != APPLICATION_ID:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        except BaseException:
            conn.close()
            raise
        return conn

    return with_retry(path, attempt, "could not open it to import", timeout)
