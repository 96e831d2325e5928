"""What a stored document is as table rows, written once for every SQL backend.

A Plan becomes one `documents` row, one `actions` row per action and one `updates` row
per dated entry, in the column order of schema.py. Which document stands for a version
(`FORMAT_RANK`) is the formats table's preference (rules.FORMATS), as in a history of
files.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from actionplan.rules import FORMATS

if TYPE_CHECKING:
    from actionplan.models import Action, Plan

# Within a format the first by path wins, and for one path edited in place its newest
# bytes: callers order by this, then d.source, then d.id DESC.
FORMAT_RANK = (
    "CASE d.format "
    + " ".join(f"WHEN '{f.name}' THEN {f.preference}" for f in FORMATS)
    + f" ELSE {len(FORMATS)} END"
)

DOCUMENT_COLUMNS = (
    "version_id, source, sha256, format, title, review_date, version, pages, "
    "action_count, warning_count, imported_at, plan_json, sheet"
)
ACTION_COLUMNS = (
    "document_id, position, ref, section, action, owners, owner_text, due_text, due_kind, "
    "due_date, due_end, due_recurrence, rag, rag_label, rag_source, rag_text, rag_rgb, "
    "update_text, page, row, pages, table_index, extra, cell"
)
UPDATE_COLUMNS = "action_id, position, date, date_text, lead, text"

Clean = Callable[[Any], Any]
# Runs one statement written with ? marks and returns its rows ([] for a write).
Query = Callable[[str, tuple[Any, ...]], list[tuple[Any, ...]]]


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def as_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _same(value: Any) -> Any:
    return value


def document_row(version_id: int, sha256: str, plan: Plan, plan_json: str) -> tuple[Any, ...]:
    """Return the documents row of a Plan (in DOCUMENT_COLUMNS order)."""
    doc = plan.document
    return (
        version_id,
        doc.source,
        sha256,
        doc.format,
        doc.title,
        iso(doc.review_date),
        doc.version,
        doc.pages,
        len(plan.actions),
        len(plan.warnings),
        now(),
        plan_json,
        doc.sheet or "",
    )


def action_row(document_id: int, position: int, a: Action, clean: Clean = _same) -> tuple:
    """Return the actions row of one action (in ACTION_COLUMNS order).

    `clean` is applied to every text a backend cannot hold as it is (PostgreSQL's text
    refuses NUL); the Plan itself is kept exactly in documents.plan_json.
    """
    return (
        document_id,
        position,
        clean(a.ref),
        clean(a.section),
        clean(a.action),
        json.dumps(a.owners, ensure_ascii=False),
        clean(a.owner_text),
        clean(a.due.text),
        a.due.kind,
        iso(a.due.date),
        iso(a.due.end),
        clean(a.due.recurrence),
        a.rag,
        clean(a.rag_label),
        a.rag_source,
        clean(a.rag_text),
        a.rag_rgb,
        clean(a.update_text),
        a.provenance.page,
        a.provenance.row,
        json.dumps(a.provenance.pages),
        a.provenance.table,
        json.dumps(a.extra, ensure_ascii=False),
        clean(a.provenance.cell),
    )


def update_rows(action_id: int, a: Action, clean: Clean = _same) -> list[tuple]:
    """Return the updates rows of one action's dated entries, in document order."""
    return [
        (action_id, i, iso(u.date), clean(u.date_text), clean(u.lead), clean(u.text))
        for i, u in enumerate(a.updates, start=1)
    ]


def version_id(
    query: Query,
    insert: Callable[[str], int],
    plan_id: int,
    vkey: str,
    review: str | None,
    version: str | None,
    sha256: str,
) -> int:
    """Return the version a document belongs to; `insert(ident)` creates a new one.

    A version is its number and review date. A document that gives only one of the two
    (a file named "CP Plan V8.docx", a PDF whose header lost the date) joins the one
    version that agrees with it; a later document giving both completes it.
    """
    if not (vkey or review):  # nothing to place it by: a version of its own
        return insert(f"sha256:{sha256}")
    ident = f"{vkey}|{review or ''}"
    found = query("SELECT id FROM versions WHERE plan_id = ? AND ident = ?", (plan_id, ident))
    if found:
        return int(found[0][0])
    if vkey and review:
        partial = query(
            "SELECT id FROM versions WHERE plan_id = ? AND ((version_key = ? AND "
            "review_date IS NULL) OR (version_key = '' AND review_date = ?))",
            (plan_id, vkey, review),
        )
        if len(partial) == 1:
            query(
                "UPDATE versions SET ident = ?, version = coalesce(version, ?), "
                "version_key = ?, review_date = ? WHERE id = ?",
                (ident, version, vkey, review, partial[0][0]),
            )
            return int(partial[0][0])
    else:
        column = "version_key" if vkey else "review_date"
        agreeing = query(
            f"SELECT id FROM versions WHERE plan_id = ? AND {column} = ?", (plan_id, vkey or review)
        )
        if len(agreeing) == 1:
            return int(agreeing[0][0])
    return insert(ident)
