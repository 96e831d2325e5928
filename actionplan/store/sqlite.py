"""`Store(path)`: a SQLite database of every imported review document, and its queries.

Each document is written in its own transaction, so a killed import leaves whole
documents or none. Queries pick one document per version (docx, then pdf, then text…)
and hand Plans to the same diff and history code that files go through. How the file
is opened (read-only for queries) and what each SQLite failure means is `connect`'s.

A failure of the database itself (a full disk, a read-only file, a lock held past the
busy timeout) raises its typed StoreError from the writer's calls, so that an import
stops and says so; a failure that is one document's (SQLite refusing its rows) fails
that document only.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from actionplan.compare.damage import damage_notes
from actionplan.errors import StoreError
from actionplan.normalise.keys import plan_key, version_key
from actionplan.rules import FORMATS
from actionplan.store import connect
from actionplan.store.base import (
    DocumentSummary,
    ImportFailure,
    PlanStore,
    PlanSummary,
    VersionSummary,
    match_plan,
    version_sort,
)
from actionplan.store.connect import open_reader, open_writer, with_retry
from actionplan.store.importer import ImportResult
from actionplan.store.rows import version_id

if TYPE_CHECKING:
    from actionplan.models import Plan

# Which document stands for a version when it was saved in several formats is the
# formats table's preference (rules.FORMATS), as in a history of files. Within a format
# the first by path wins, and for one path edited in place, its newest bytes.
_FORMAT_RANK = (
    "CASE d.format "
    + " ".join(f"WHEN '{f.name}' THEN {f.preference}" for f in FORMATS)
    + f" ELSE {len(FORMATS)} END"
)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class Store(PlanStore):
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

    def _rows(self, sql: str, *params: object) -> list[Any]:
        return self._retry(lambda: self._conn.execute(sql, params).fetchall(), "could not read it")  # type: ignore[no-any-return]

    def __enter__(self) -> Store:
        return self

    # Import

    def known(self, sha256: str) -> tuple[int, str] | None:
        """Return (id, source) of the document with these bytes, if imported."""
        rows = self._rows("SELECT id, source FROM documents WHERE sha256 = ?", sha256)
        return (int(rows[0][0]), str(rows[0][1])) if rows else None

    def _known(self, sha256: str) -> tuple[int, str] | None:
        row = self._conn.execute(
            "SELECT id, source FROM documents WHERE sha256 = ?", (sha256,)
        ).fetchone()
        return (int(row[0]), str(row[1])) if row else None

    def add_document(self, path: Path, sha256: str, plan: Plan) -> ImportResult:
        """Write one parsed document, its actions and updates, in one transaction."""
        plan_json = plan.model_dump_json()
        doc = plan.document
        # The reader hashed the bytes it read; if the file changed since the parent
        # hashed it, the bytes read are the ones stored.
        sha256 = doc.sha256 or sha256
        title = doc.title or Path(doc.source).stem
        key = plan_key(title) or plan_key(Path(doc.source).stem) or "untitled"
        vkey = version_key(doc.version)
        review = doc.review_date.isoformat() if doc.review_date else None
        conn = self._conn

        def write() -> tuple[int, str] | int:
            conn.execute("BEGIN IMMEDIATE")
            try:
                known = self._known(sha256)
                if known is not None:  # another importer got there first
                    conn.execute("ROLLBACK")
                    return known
                conn.execute(
                    "INSERT INTO plans (key, title) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                    (key, title),
                )
                plan_id = conn.execute("SELECT id FROM plans WHERE key = ?", (key,)).fetchone()[0]
                version_id = self._version_id(plan_id, vkey, review, doc.version, sha256)
                document_id = self._insert_document(version_id, sha256, plan, plan_json)
                conn.execute(
                    "DELETE FROM import_errors WHERE path = ? OR sha256 = ?", (str(path), sha256)
                )
                conn.execute("COMMIT")
            except BaseException:
                _rollback(conn)
                raise
            return document_id

        try:
            written = self._retry(write, f"could not save {path}")
        except sqlite3.Error as exc:  # this document's rows, refused: the next may go in
            return self.add_failure(path, sha256, "StoreError", f"could not be stored ({exc})")
        if isinstance(written, tuple):
            return ImportResult(
                "skipped",
                str(path),
                f"already imported: same bytes as document {written[0]} ({written[1]})",
                document_id=written[0],
                sha256=sha256,
            )
        document_id = written
        return ImportResult(
            "imported",
            str(path),
            document_id=document_id,
            sha256=sha256,
            plan=title,
            version=doc.version or review,
            warnings=tuple(plan.warnings),
        )

    def _version_id(
        self, plan_id: int, vkey: str, review: str | None, version: str | None, sha256: str
    ) -> int:
        """Return the version a document belongs to, creating it if new (rows.version_id)."""
        conn = self._conn

        def insert(ident: str) -> int:
            cur = conn.execute(
                "INSERT INTO versions (plan_id, ident, version, version_key, review_date) "
                "VALUES (?, ?, ?, ?, ?)",
                (plan_id, ident, version, vkey, review),
            )
            return int(cur.lastrowid or 0)

        return version_id(
            lambda sql, params: conn.execute(sql, params).fetchall(),
            insert, plan_id, vkey, review, version, sha256,
        )  # fmt: skip

    def _insert_document(self, version_id: int, sha256: str, plan: Plan, plan_json: str) -> int:
        doc = plan.document
        cur = self._conn.execute(
            "INSERT INTO documents (version_id, source, sha256, format, title, review_date, "
            "version, pages, action_count, warning_count, imported_at, plan_json) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                version_id,
                doc.source,
                sha256,
                doc.format,
                doc.title,
                doc.review_date.isoformat() if doc.review_date else None,
                doc.version,
                doc.pages,
                len(plan.actions),
                len(plan.warnings),
                _now(),
                plan_json,
            ),
        )
        document_id = int(cur.lastrowid or 0)
        for position, a in enumerate(plan.actions, start=1):
            cur = self._conn.execute(
                "INSERT INTO actions (document_id, position, ref, section, action, owners, "
                "owner_text, due_text, due_kind, due_date, due_end, due_recurrence, rag, "
                "rag_label, rag_source, rag_text, rag_rgb, update_text, page, row, pages, "
                "table_index, extra) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    document_id,
                    position,
                    a.ref,
                    a.section,
                    a.action,
                    json.dumps(a.owners, ensure_ascii=False),
                    a.owner_text,
                    a.due.text,
                    a.due.kind,
                    a.due.date.isoformat() if a.due.date else None,
                    a.due.end.isoformat() if a.due.end else None,
                    a.due.recurrence,
                    a.rag,
                    a.rag_label,
                    a.rag_source,
                    a.rag_text,
                    a.rag_rgb,
                    a.update_text,
                    a.provenance.page,
                    a.provenance.row,
                    json.dumps(a.provenance.pages),
                    a.provenance.table,
                    json.dumps(a.extra, ensure_ascii=False),
                ),
            )
            action_id = cur.lastrowid
            self._conn.executemany(
                "INSERT INTO updates (action_id, position, date, date_text, lead, text) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        action_id,
                        i,
                        u.date.isoformat() if u.date else None,
                        u.date_text,
                        u.lead,
                        u.text,
                    )
                    for i, u in enumerate(a.updates, start=1)
                ],
            )
        return document_id

    def add_failure(
        self, path: Path, sha256: str | None, kind: str, reason: str, detail: str | None = None
    ) -> ImportResult:
        """Record why a file could not be imported (replacing its path's earlier failure)."""
        conn = self._conn

        def write() -> None:
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute("DELETE FROM import_errors WHERE path = ?", (str(path),))
                conn.execute(
                    "INSERT INTO import_errors (path, sha256, kind, error, at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (str(path), sha256, kind, reason, _now()),
                )
                conn.execute("COMMIT")
            except BaseException:
                _rollback(conn)
                raise

        self._retry(write, f"could not record why {path} failed")
        return ImportResult("failed", str(path), reason, sha256=sha256, detail=detail)

    # Queries

    def import_errors(self) -> list[ImportFailure]:
        """Return the files whose last import failed, with the reason each."""
        rows = self._rows("SELECT path, sha256, kind, error, at FROM import_errors ORDER BY path")
        return [ImportFailure(*row) for row in rows]

    def plans(self) -> list[PlanSummary]:
        """Return every plan with its versions (oldest first) and their documents."""
        rows = self._rows("SELECT id, key, title FROM plans ORDER BY key")
        return [
            PlanSummary(pid, key, title, tuple(self._versions(pid))) for pid, key, title in rows
        ]

    def versions(self, plan: str) -> list[VersionSummary]:
        """Return a plan's versions, oldest first, each with its documents (preferred first)."""
        return self._versions(self._plan_id(plan))

    def document(self, document_id: int) -> Plan:
        """Return the Plan of one stored document, exactly as it was read."""
        return self._load(document_id)

    def _load(self, document_id: int) -> Plan:
        from actionplan.models import Plan

        rows = self._rows("SELECT plan_json FROM documents WHERE id = ?", document_id)
        if not rows:
            raise StoreError(self.path, f"no document {document_id}")
        return Plan.model_validate_json(rows[0][0])

    def _plan_id(self, name: str) -> int:
        rows = self._rows("SELECT id, key, title FROM plans")
        return match_plan(self.path, rows, name)

    def _versions(self, plan_id: int) -> list[VersionSummary]:
        # A document's warnings are read only when it has some, to find its damage.
        rows = self._rows(
            "SELECT v.id, v.version, v.review_date, d.id, d.source, d.format, d.sha256, "
            "d.action_count, d.warning_count, d.imported_at, "
            "CASE WHEN d.warning_count > 0 THEN json_extract(d.plan_json, '$.warnings') END "
            "FROM versions v JOIN documents d ON d.version_id = v.id "
            f"WHERE v.plan_id = ? ORDER BY v.id, {_FORMAT_RANK}, d.source, d.id DESC",
            plan_id,
        )
        grouped: dict[int, tuple[str | None, str | None, list[DocumentSummary]]] = {}
        for vid, version, review, did, source, fmt, sha, actions, warned, at, notes in rows:
            damage = tuple(damage_notes(json.loads(notes))) if notes else ()
            document = DocumentSummary(did, source, fmt, sha, actions, warned, at, damage)
            grouped.setdefault(vid, (version, review, []))[2].append(document)
        versions = []
        for vid, (version, review, docs) in grouped.items():
            label = version or review or Path(docs[0].source).name
            versions.append(VersionSummary(vid, label, version, _date(review), tuple(docs)))
        return sorted(versions, key=version_sort)


def _rollback(conn: sqlite3.Connection) -> None:
    # SQLite may have ended the transaction itself (a full disk rolls it back).
    if conn.in_transaction:
        conn.execute("ROLLBACK")
