"""`Store(path)`: a SQLite database of every imported review document, and its queries.

Each file is written in its own transaction, so a killed import leaves whole documents
or none (a workbook kept as one sheet per version: all its sheets or none). Queries pick
one document per version (docx, then pdf, then text…) and hand Plans to the same diff
and history code that files go through; they and the rows written are the SQL
backends' (store/sql.py). How the file is opened (read-only for queries) and what each
SQLite failure means is `connect`'s.

A failure of the database itself (a full disk, a read-only file, a lock held past the
busy timeout) raises its typed StoreError from the writer's calls, so that an import
stops and says so; a failure that is one document's (SQLite refusing its rows) fails
that document only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from actionplan.store import connect
from actionplan.store.connect import open_reader, open_writer, with_retry
from actionplan.store.importer import ImportResult
from actionplan.store.sql import SQLStore

if TYPE_CHECKING:
    from actionplan.models import Plan


class Store(SQLStore):
    """A database of imported review documents: import them, list, diff and export plans.

    >>> with Store("actionplan.db") as store:
    ...     results = list(store.import_paths(["plans/"]))
    ...     diff = store.diff("cp reduction action plan", "V7", "V8")
    """

    def __init__(
        self,
        path: str | Path = "actionplan.db",
        *,
        create: bool = True,
        timeout: float | None = None,
    ) -> None:
        """Open the database at `path`: to import into (`create`, made if missing), else
        read-only for queries. `timeout` is how long to wait for another process's lock
        (default connect.BUSY_TIMEOUT, 60 s)."""
        self.path = Path(path)
        self.timeout = connect.BUSY_TIMEOUT if timeout is None else timeout
        self.writable = create
        opener = open_writer if create else open_reader
        self._conn = opener(self.path, self.timeout)

    def close(self) -> None:
        """Close the database connection (again is harmless)."""
        self._conn.close()

    def _retry(self, fn: Any, doing: str) -> Any:
        return with_retry(self.path, fn, doing, self.timeout)

    def _rows(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        conn = self._conn
        if conn.in_transaction:  # a writer's statement: its transaction retries as a whole
            return conn.execute(sql, params).fetchall()
        return self._retry(lambda: conn.execute(sql, params).fetchall(), "could not read it")  # type: ignore[no-any-return]

    def _insert_id(self, sql: str, *params: object) -> int:
        row = self._conn.execute(sql, params).fetchone()
        if row is None:
            raise sqlite3.IntegrityError("the row was not written (it exists already)")
        return int(row[0])

    def _many(self, sql: str, rows: Sequence[tuple[Any, ...]]) -> None:
        self._conn.executemany(sql, rows)

    def __enter__(self) -> Store:
        return self

    # Import

    def add_documents(self, path: Path, sha256: str, plans: Sequence[Plan]) -> list[ImportResult]:
        """Write one file's documents, their actions and updates, in one transaction."""
        # The reader hashed the bytes it read; if the file changed since the parent
        # hashed it, the bytes read are the ones stored.
        sha256 = plans[0].document.sha256 or sha256
        conn = self._conn

        def write() -> list[ImportResult]:
            conn.execute("BEGIN IMMEDIATE")
            try:
                results = self._write_documents(path, sha256, plans)
                conn.execute("COMMIT")
            except BaseException:
                _rollback(conn)
                raise
            return results

        try:
            return self._retry(write, f"could not save {path}")  # type: ignore[no-any-return]
        except sqlite3.Error as exc:  # this file's rows, refused: the next may go in
            return [self.add_failure(path, sha256, "StoreError", f"could not be stored ({exc})")]

    def add_failure(
        self,
        path: Path,
        sha256: str | None,
        kind: str,
        reason: str,
        detail: str | None = None,
        *,
        sheet: str = "",
    ) -> ImportResult:
        """Record why a file, or one version sheet of it, could not be imported (replacing
        its earlier failure; a failure of the whole file replaces its sheets' too)."""
        conn = self._conn

        def write() -> None:
            conn.execute("BEGIN IMMEDIATE")
            try:
                self._write_failure(path, sha256, kind, reason, sheet)
                conn.execute("COMMIT")
            except BaseException:
                _rollback(conn)
                raise

        self._retry(write, f"could not record why {path} failed")
        return ImportResult(
            "failed", str(path), reason, sha256=sha256, detail=detail, sheet=sheet or None
        )


def _rollback(conn: sqlite3.Connection) -> None:
    # SQLite may have ended the transaction itself (a full disk rolls it back).
    if conn.in_transaction:
        conn.execute("ROLLBACK")
