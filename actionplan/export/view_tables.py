"""The tables of a report view: each sheet's (or CSV file's) headers and cell values.

A cell (`actionplan.export.view_model.Cell`) is a plain value, or says how it is shown:
`Paint` (a RAG colour), `Status` (a diff status), `Words` (one side of a word diff).
Renderers style cells by type and never choose columns, so a column added here shows
up in every table renderer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from actionplan.export.board_tables import as_at_rows, board_table, exception_table, owner_table
from actionplan.export.colours import rag_colour
from actionplan.export.view_model import (
    ActionItem,
    Cell,
    DiffView,
    HistoryVersion,
    Paint,
    Rag,
    Status,
    Table,
    Words,
)
from actionplan.models import Diff, History


def table(title: str, headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> Table:
    """Return a table, its rows frozen."""
    return Table(title, tuple(headers), tuple(tuple(r) for r in rows))


def _paint(rag: Rag) -> Paint:
    return Paint(rag.colour, rag.rgb)


def _yes(flag: bool) -> str | None:
    return "yes" if flag else None


def _changes_row(i: ActionItem) -> list[Cell]:
    due, owners = i.due, i.owners
    return [
        Status(i.status),
        i.ref.old,
        i.ref.new,
        i.match,
        i.action,
        i.owner_text,
        _paint(i.old_rag),
        _paint(i.new_rag),
        i.due_date,
        due.old_text if due else None,
        due.new_text if due else None,
        due.slippage_days if due else None,
        "; ".join(owners.old) if owners else None,
        "; ".join(owners.new) if owners else None,
        Words(i.wording.words, "old") if i.wording else None,
        Words(i.wording.words, "new") if i.wording else None,
        len(i.new_updates),
        len(i.rewritten),
        _yes(i.overdue),
        _yes(i.no_new_update),
    ]


CHANGE_HEADERS = (
    "Status",
    "Old ref",
    "New ref",
    "Matched by",
    "Action",
    "Owners",
    "Old RAG",
    "New RAG",
    "Due date",
    "Old due",
    "New due",
    "Slippage (days)",
    "Old owners",
    "New owners",
    "Old wording",
    "New wording",
    "New updates",
    "Entries rewritten",
    "Overdue",
    "No new update",
)


def diff_sheets(view: DiffView) -> tuple[Table, ...]:
    """Return the sheets of a diff's workbook, Summary first."""
    summary = [
        ("Plan", view.plan),
        ("Old version", view.old.name),
        ("Old review date", view.old.review_date),
        ("New version", view.new.name),
        ("New review date", view.new.review_date),
        *as_at_rows(view),
        *((c.label, c.value) for c in view.measures),
    ]
    rewritten = (
        [
            r.ref.label,
            r.action,
            "; ".join(r.owners),
            r.change,
            r.date,
            r.date_text,
            Words(r.words, "old") if r.words else r.old,
            Words(r.words, "new") if r.words else r.new,
        ]
        for r in view.rewritten
    )
    return (
        exception_table(view),
        board_table(view),
        owner_table(view),
        table("Summary", ["Measure", "Value"], summary),
        table("Changes", CHANGE_HEADERS, map(_changes_row, view.actions)),
        table(
            "New updates",
            ["Ref", "Status", "Action", "Owners", "RAG", "Date", "Date (as written)", "Update"],
            (
                [
                    i.ref.label,
                    i.status,
                    i.action,
                    i.owner_text,
                    _paint(i.new_rag),
                    u.date,
                    u.date_text,
                    u.text,
                ]
                for i in view.actions
                for u in i.new_updates
            ),
        ),
        table(
            "History rewritten",
            [
                *("Ref", "Action", "Owners", "Change", "Entry date", "Date (as written)"),
                *(f"In {view.old.short}", f"In {view.new.short}"),
            ],
            rewritten,
        ),
        table(
            "Overdue",
            [
                *("Ref", "Action", "Owners", "Due date", "Days overdue", "RAG", "RAG meaning"),
                "No new update",
            ],
            (
                [
                    i.ref.label,
                    i.action,
                    i.owner_text,
                    i.due_date,
                    i.days_overdue,
                    _paint(i.new_rag),
                    i.new_rag.meaning,
                    _yes(i.no_new_update),
                ]
                for i in view.overdue.items
            ),
        ),
        table(
            "No new update",
            ["Ref", "Action", "Owners", "RAG", "RAG meaning", "Due date", "Overdue", "Complete"],
            (
                [
                    i.ref.label,
                    i.action,
                    i.owner_text,
                    _paint(i.new_rag),
                    i.new_rag.meaning,
                    i.due_date,
                    _yes(i.overdue),
                    _yes(i.complete),
                ]
                for i in view.quiet.items
            ),
        ),
        table("Warnings", ["Warning"], ([w] for w in view.warnings)),
    )


CHANGE_COLUMNS = (
    "plan",
    "old_version",
    "old_review_date",
    "new_version",
    "new_review_date",
    "as_at",
    "status",
    "old_ref",
    "new_ref",
    "action",
    "owners",
    "kind",
    "field",
    "date",
    "date_text",
    "old",
    "new",
    "slippage_days",
    "old_rag",
    "new_rag",
    "overdue",
    "no_new_update",
)
"""kind is one of: action (one row per action pair, with its status), field (a changed
field: action, owners, due, rag), new_update, edited_update, removed_update."""


def _flat(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return value


def _change_dicts(diff: Diff, view: DiffView) -> Iterator[dict[str, Any]]:
    for d, i in zip(diff.actions, view.actions, strict=True):
        common = {
            "plan": view.plan,
            "old_version": diff.old.version,
            "old_review_date": diff.old.review_date,
            "new_version": diff.new.version,
            "new_review_date": diff.new.review_date,
            "as_at": view.as_at,
            "status": d.status,
            "old_ref": d.old_ref,
            "new_ref": d.new_ref,
            "action": d.action,
            "owners": "; ".join(d.owners),
            "old_rag": d.old_rag,
            "new_rag": d.new_rag,
            "overdue": "yes" if i.overdue else "no",
            "no_new_update": "yes" if d.no_new_update and d.status != "removed" else "no",
        }
        yield {**common, "kind": "action"}
        for c in d.changes:
            old, new = c.old, c.new
            if c.field == "due":
                old, new = c.old_text or old, c.new_text or new
            yield {
                **common,
                "kind": "field",
                "field": c.field,
                "old": _flat(old),
                "new": _flat(new),
                "slippage_days": c.slippage_days,
            }
        entries: list[tuple[str, dt.date | None, str | None, str | None, str | None]]
        entries = [("new_update", u.date, u.date_text, None, u.text) for u in d.new_updates]
        entries += [("edited_update", e.date, e.date_text, e.old, e.new) for e in d.edited_updates]
        entries += [
            ("removed_update", u.date, u.date_text, u.text, None) for u in d.removed_updates
        ]
        for kind, date, date_text, old, new in entries:
            yield {
                **common,
                "kind": kind,
                "date": date,
                "date_text": date_text,
                "old": old,
                "new": new,
            }


def change_records(diff: Diff, view: DiffView) -> Table:
    """Return a diff as one long table: a row per action pair, then a row per change;
    overdue counts at the view's as-at date, which each row states."""
    return table(
        "Changes",
        CHANGE_COLUMNS,
        ([row.get(c) for c in CHANGE_COLUMNS] for row in _change_dicts(diff, view)),
    )


def history_sheets(history: History, versions: Sequence[HistoryVersion]) -> tuple[Table, ...]:
    """Return the History sheet (each action's RAG at each version) and the Versions sheet."""
    docs = history.versions
    return (
        table(
            "History",
            ["Id", "Refs", "Action", "First seen", "Last seen", "Completed in", "Gone after"]
            + ["Complete when first seen", "Due", "First due", "Due moves", "Slips", "Slip days"]
            + [v.column for v in versions],
            (
                [
                    a.id,
                    " → ".join(a.refs),
                    a.action,
                    a.first_seen,
                    a.last_seen,
                    # "Completed in" only where it was: one complete when first seen says so.
                    None if a.complete_when_first_seen else a.completed_in,
                    a.vanished_after,
                    a.completed_in if a.complete_when_first_seen else None,
                    a.due,
                    a.first_due,
                    a.due_moves,
                    a.slips,
                    a.slip_days,
                    *[
                        Paint(p.rag or "(none)", rag_colour([docs[j]], p.rag)) if p else None
                        for j, p in enumerate(a.points)
                    ],
                ]
                for a in history.actions
            ),
        ),
        table(
            "Versions",
            ["Version", "Review date", "Source", "Title", "Legend"],
            (
                [
                    d.version,
                    d.review_date,
                    d.source,
                    d.title,
                    "\n".join(f"{e.colour} = {e.label}" for e in d.rag_legend),
                ]
                for d in docs
            ),
        ),
    )
