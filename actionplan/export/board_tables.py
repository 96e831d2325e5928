"""The board pack's tables: the exception report, the Board sheet (the few columns a
meeting reads, printed) and the by-owner view, as cells every table renderer lays out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from actionplan.export.board import plural
from actionplan.export.view_model import (
    ActionItem,
    Cell,
    DiffView,
    DueChange,
    OwnersChange,
    Paint,
    RagChange,
    Table,
    WordingChange,
)

EXCEPTION_HEADERS = (
    "Exception",
    "Ref",
    "Action",
    "Owner",
    "RAG",
    "Due date",
    "Days overdue",
    "Last entry",
    "Why listed",
)
BOARD_HEADERS = ("Ref", "Action", "Owner", "Due", "RAG", "Latest entry", "What changed")
OWNER_HEADERS = (
    "Owner",
    "Actions",
    "Open",
    "Overdue",
    "Slipped",
    "No new entry",
    "Red or Amber",
    "Overdue refs",
)


def _t(title: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> Table:
    return Table(title, tuple(headers), tuple(tuple(r) for r in rows))


def exception_table(view: DiffView) -> Table:
    """Return the exception report as one table: a row per action under each heading."""
    rows: list[list[Cell]] = []
    if view.exceptions is not None:
        for g in view.exceptions.groups:
            for r in g.rows:
                rows.append(
                    [
                        g.title,
                        r.ref,
                        r.action,
                        "; ".join(r.owners),
                        Paint(r.colour, r.rgb),
                        r.due_date,
                        r.days_overdue,
                        r.last_entry,
                        r.detail,
                    ]
                )
    return _t("Exceptions", EXCEPTION_HEADERS, rows)


def what_changed(i: ActionItem, absent_in: str) -> str:
    """Return what changed in an action this review, in a few words a line."""
    if i.status == "added":
        lines = ["New action"]
    elif i.status == "removed":
        return f"Removed: not in {absent_in}"
    else:
        lines = []
    for c in i.changes:
        if isinstance(c, RagChange):
            lines.append(f"RAG {c.old.colour or 'none'} → {c.new.colour or 'none'}")
        elif isinstance(c, DueChange):
            lines.append(f"Due {c.old} → {c.new}" + (f" ({c.slip})" if c.slip else ""))
        elif isinstance(c, OwnersChange):
            added = [w.text for w in c.words if w.op == "insert"]
            dropped = [w.text for w in c.words if w.op == "delete"]
            lines.append(
                "Owners: " + "; ".join([*(f"+{a}" for a in added), *(f"−{d}" for d in dropped)])
            )
        elif isinstance(c, WordingChange):
            lines.append("Wording changed")
    if i.new_updates:
        lines.append(plural(len(i.new_updates), "new entry", "new entries"))
    elif i.status != "added":
        lines.append("No new entry")
    if i.rewritten:
        lines.append(plural(len(i.rewritten), "earlier entry", "earlier entries") + " rewritten")
    return "\n".join(lines)


def _due(i: ActionItem) -> Cell:
    if i.due_date is not None:
        return i.due_date
    return {"ongoing": "Ongoing", "recurring": "Recurring"}.get(i.due_kind or "", "None given")


def _latest(i: ActionItem) -> str | None:
    if i.latest is None:
        return None
    return f"{i.latest.when}: {i.latest.text}"


def board_table(view: DiffView) -> Table:
    """Return the Board sheet: ref, action, owner, due, RAG, latest entry, what changed."""
    return _t(
        "Board",
        BOARD_HEADERS,
        [
            [
                i.ref.label,
                i.action,
                i.owner_text,
                _due(i),
                Paint(i.rag.colour, i.rag.rgb),
                _latest(i),
                what_changed(i, view.absent_in),
            ]
            for i in view.actions
        ],
    )


def owner_table(view: DiffView) -> Table:
    """Return the by-owner view: each owner's open, overdue, slipped and quiet actions."""
    return _t(
        "By owner",
        OWNER_HEADERS,
        [
            [
                r.owner,
                r.actions,
                r.open,
                r.overdue,
                r.slipped,
                r.no_update,
                r.off_track,
                ", ".join(r.overdue_refs),
            ]
            for r in view.owners
        ],
    )


def as_at_rows(view: DiffView) -> list[tuple[str, Cell]]:
    """Return the Summary sheet's as-at and status rows: counts and shares by band."""
    as_at: dt.date | str = view.as_at or "no review date"
    rows: list[tuple[str, Cell]] = [("As at", as_at)]
    rows += [(f"{b.band.capitalize()} (actions)", b.count) for b in view.bands]
    rows += [(f"{b.band.capitalize()} (%)", b.percent) for b in view.bands]
    return rows
