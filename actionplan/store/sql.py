"""`SQLStore`: what the SQL backends share, written once over their dialect.

SQLite and PostgreSQL differ in how they run a statement (`?` or `%s` marks, which
`_rows` hides), how they order text byte by byte (`COLLATE`: SQLite's default is binary,
PostgreSQL's follows the locale) and how they read JSON (`WARNINGS`). The queries, and
the rows one import of a document writes inside its backend's transaction, are here.

A document is its bytes and its sheet: a workbook kept as one sheet per version is one
document per version sheet (`DocumentInfo.sheet`), all of a file's sheets written in one
transaction, so a file is stored whole or not at all. `sheet` is '' for a document that
is not one sheet of several, and NULL for a workbook stored before sheets were kept
(schema step 2): its bytes are read again at the next import, and the new reading
replaces it.
"""

from __future__ import annotations

import abc
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from actionplan.compare.damage import damage_notes
from actionplan.errors import StoreError
from actionplan.normalise.keys import plan_key, version_key
from actionplan.store import rows as R
from actionplan.store.base import (
    DocumentSummary,
    ImportFailure,
    PlanStore,
    PlanSummary,
    VersionSummary,
    match_plan,
    version_sort,
)
from actionplan.store.importer import ImportResult, Stored, skipped

if TYPE_CHECKING:
    from actionplan.models import Plan


def plan_identity(plan: Plan) -> tuple[str, str]:
    """Return (key, title) of the plan a document belongs to: its normalised title."""
    doc = plan.document
    title = doc.title or Path(doc.source).stem
    return plan_key(title) or plan_key(Path(doc.source).stem) or "untitled", title


class SQLStore(PlanStore):
    """The queries and the writing of one file's documents, for every SQL backend.

    A backend gives `_rows` (one statement with ? marks, its rows), `_insert_id` (one
    INSERT … RETURNING id) and its dialect's `COLLATE` and `WARNINGS`; it wraps
    `_write_documents` in its own transaction and locks.
    """

    # Appended to ORDER BY a text column so that both engines sort byte by byte.
    COLLATE = ""
    # A document's warnings (a JSON array) as text, from d.plan_json.
    WARNINGS = "json_extract(d.plan_json, '$.warnings')"

    @abc.abstractmethod
    def _rows(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        """Run one statement written with ? marks; return its rows ([] for a write)."""

    @abc.abstractmethod
    def _insert_id(self, sql: str, *params: object) -> int:
        """Run one INSERT … RETURNING id; return the id (or raise when nothing was written)."""

    @abc.abstractmethod
    def _many(self, sql: str, rows: Sequence[tuple[Any, ...]]) -> None:
        """Run one statement written with ? marks once for each row."""

    def _clean(self, value: Any) -> Any:
        """Return a text as the backend's query columns can hold it (the Plan is exact)."""
        return value

    def _write_failure(
        self, path: Path, sha256: str | None, kind: str, reason: str, sheet: str
    ) -> None:
        """Record why a file, or one version sheet of it, could not be imported, replacing
        its earlier failure (a failure of the whole file replaces its sheets' too); the
        backend holds the transaction."""
        where = self._clean(str(path))
        self._rows(
            "DELETE FROM import_errors WHERE path = ? AND (? = '' OR sheet IN ('', ?))",
            where, sheet, sheet,
        )  # fmt: skip
        self._rows(
            "INSERT INTO import_errors (path, sha256, kind, error, at, sheet) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            where, sha256, kind, self._clean(reason), R.now(), self._clean(sheet),
        )  # fmt: skip

    # The writer's side

    def known(self, sha256: str) -> list[Stored]:
        """Return the documents stored of these bytes (id, source, sheet), or [] when the
        bytes are to be read: not stored, stored before sheets were kept, or with a sheet
        whose reading failed."""
        rows = self._rows("SELECT id, source, sheet FROM documents WHERE sha256 = ?", sha256)
        if not rows or any(sheet is None for _, _, sheet in rows):
            return []
        if self._rows(
            "SELECT 1 FROM import_errors WHERE sha256 = ? AND sheet <> '' LIMIT 1", sha256
        ):
            return []
        return sorted((int(i), str(source), str(sheet)) for i, source, sheet in rows)

    def _write_documents(
        self, path: Path, sha256: str, plans: Sequence[Plan]
    ) -> list[ImportResult]:
        """Write a file's documents (one a version sheet) inside the caller's transaction;
        return one result each: imported, or skipped when its bytes and sheet are stored."""
        # A workbook stored before sheets were kept: this reading replaces it.
        self._rows("DELETE FROM documents WHERE sha256 = ? AND sheet IS NULL", sha256)
        results = []
        for plan in plans:
            doc = plan.document
            sheet = doc.sheet or ""
            found = self._rows(
                "SELECT id, source FROM documents WHERE sha256 = ? AND sheet = ?", sha256, sheet
            )
            if found:
                results.append(skipped(path, sha256, (int(found[0][0]), str(found[0][1]), sheet)))
                continue
            results.append(
                ImportResult(
                    "imported",
                    str(path),
                    document_id=self._write_document(sha256, plan),
                    sha256=sha256,
                    plan=plan_identity(plan)[1],
                    version=doc.version
                    or (doc.review_date.isoformat() if doc.review_date else None),
                    warnings=tuple(plan.warnings),
                    sheet=doc.sheet,
                )
            )
        sheets = sorted({p.document.sheet or "" for p in plans} | {""})
        self._rows(
            "DELETE FROM import_errors WHERE (path = ? OR sha256 = ?) AND sheet IN "
            f"({_marks(len(sheets))})",
            str(path), sha256, *sheets,
        )  # fmt: skip
        return results

    def _write_document(self, sha256: str, plan: Plan) -> int:
        doc = plan.document
        key, title = plan_identity(plan)
        self._rows(
            "INSERT INTO plans (key, title) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
            key, self._clean(title),
        )  # fmt: skip
        plan_id = int(self._rows("SELECT id FROM plans WHERE key = ?", key)[0][0])
        vkey = version_key(doc.version)
        review = doc.review_date.isoformat() if doc.review_date else None
        version = self._clean(doc.version)

        def insert(ident: str) -> int:
            return self._insert_id(
                "INSERT INTO versions (plan_id, ident, version, version_key, review_date) "
                "VALUES (?, ?, ?, ?, ?) RETURNING id",
                plan_id, ident, version, vkey, review,
            )  # fmt: skip

        version_id = R.version_id(
            lambda sql, params: self._rows(sql, *params),
            insert, plan_id, vkey, review, version, sha256,
        )  # fmt: skip
        row = R.document_row(version_id, sha256, plan, plan.model_dump_json())
        document_id = self._insert_id(
            f"INSERT INTO documents ({R.DOCUMENT_COLUMNS}) VALUES ({_marks(len(row))}) "
            "ON CONFLICT (sha256, sheet) DO NOTHING RETURNING id",
            *(self._clean(v) for v in row),
        )
        self._insert_actions(document_id, plan)
        return document_id

    def _insert_actions(self, document_id: int, plan: Plan) -> None:
        """Write a document's actions and their dated entries (one statement each)."""
        for position, a in enumerate(plan.actions, start=1):
            row = R.action_row(document_id, position, a, self._clean)
            action_id = self._insert_id(
                f"INSERT INTO actions ({R.ACTION_COLUMNS}) VALUES ({_marks(len(row))}) "
                "RETURNING id",
                *row,
            )
            updates = R.update_rows(action_id, a, self._clean)
            if updates:
                self._many(
                    f"INSERT INTO updates ({R.UPDATE_COLUMNS}) VALUES ({_marks(6)})", updates
                )

    # The reader's side

    def import_errors(self) -> list[ImportFailure]:
        """Return the files (and sheets) whose last import failed, with the reason each."""
        rows = self._rows(
            "SELECT path, sha256, kind, error, at, sheet FROM import_errors "
            f"ORDER BY path{self.COLLATE}, sheet{self.COLLATE}"
        )
        return [ImportFailure(*row) for row in rows]

    def plans(self) -> list[PlanSummary]:
        """Return every plan with its versions (oldest first) and their documents."""
        rows = self._rows(f"SELECT id, key, title FROM plans ORDER BY key{self.COLLATE}")
        return [
            PlanSummary(pid, key, title, tuple(self._versions(pid))) for pid, key, title in rows
        ]

    def versions(self, plan: str) -> list[VersionSummary]:
        """Return a plan's versions, oldest first, each with its documents (preferred first)."""
        rows = self._rows("SELECT id, key, title FROM plans")
        return self._versions(match_plan(self.path, [tuple(r) for r in rows], plan))

    def document(self, document_id: int) -> Plan:
        """Return the Plan of one stored document, exactly as it was read."""
        from actionplan.models import Plan

        found = self._rows("SELECT plan_json FROM documents WHERE id = ?", document_id)
        if not found:
            raise StoreError(self.path, f"no document {document_id}")
        return Plan.model_validate_json(found[0][0])

    def _versions(self, plan_id: int) -> list[VersionSummary]:
        # One statement, so one snapshot: a document committed meanwhile is wholly in or
        # out. A document's warnings are read only when it has some, to find its damage.
        rows = self._rows(
            "SELECT v.id, v.version, v.review_date, d.id, d.source, d.format, d.sha256, "
            "d.action_count, d.warning_count, d.imported_at, "
            f"CASE WHEN d.warning_count > 0 THEN {self.WARNINGS} END, d.sheet "
            "FROM versions v JOIN documents d ON d.version_id = v.id "
            f"WHERE v.plan_id = ? ORDER BY v.id, {R.FORMAT_RANK}, d.source{self.COLLATE}, "
            "d.id DESC",
            plan_id,
        )
        grouped: dict[int, tuple[str | None, str | None, list[DocumentSummary]]] = {}
        for vid, version, review, did, source, fmt, sha, actions, warned, at, notes, sheet in rows:
            damage = tuple(damage_notes(json.loads(notes))) if notes else ()
            document = DocumentSummary(
                did, source, fmt, sha, actions, warned, at, damage, sheet or ""
            )
            grouped.setdefault(vid, (version, review, []))[2].append(document)
        versions = []
        for vid, (version, review, docs) in grouped.items():
            label = version or review or Path(docs[0].source).name
            versions.append(VersionSummary(vid, label, version, R.as_date(review), tuple(docs)))
        return sorted(versions, key=version_sort)


def _marks(n: int) -> str:
    return ", ".join(["?"] * n)
