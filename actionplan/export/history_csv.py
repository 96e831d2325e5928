"""A history as long-format CSV: one row per action per version it is in.

Each row says how the action stood at that review (ref, RAG, due date, entries) beside
what its whole history says (first and last seen, completion, how often its due date
moved), so a spreadsheet can filter by version or pivot by action.
"""

from __future__ import annotations

from collections.abc import Iterable

from actionplan.export.tabular import to_csv
from actionplan.models import History

HISTORY_COLUMNS = [
    "id",
    "action",
    "refs",
    "first_seen",
    "last_seen",
    "completed_in",
    "complete_when_first_seen",
    "vanished_after",
    "due",
    "first_due",
    "due_moves",
    "slips",
    "slip_days",
    "version",
    "review_date",
    "source",
    "ref",
    "rag",
    "rag_label",
    "due_in_version",
    "due_moved",
    "updates",
    "plan",
]


def history_rows(history: History) -> Iterable[dict[str, object]]:
    """Yield one flat dictionary per action per version it is in, oldest version first."""
    plan = next((d.title for d in history.versions if d.title), None)
    for a in history.actions:
        whole: dict[str, object] = {
            "id": a.id,
            "action": a.action,
            "refs": " → ".join(a.refs),
            "first_seen": a.first_seen,
            "last_seen": a.last_seen,
            "completed_in": a.completed_in,
            "complete_when_first_seen": a.complete_when_first_seen,
            "vanished_after": a.vanished_after,
            "due": a.due,
            "first_due": a.first_due,
            "due_moves": a.due_moves,
            "slips": a.slips,
            "slip_days": a.slip_days,
            "plan": plan,
        }
        last_due = None
        for p in a.points:
            if p is None:
                continue
            moved = p.due is not None and last_due is not None and p.due != last_due
            last_due = p.due or last_due
            yield whole | {
                "version": p.version,
                "review_date": p.review_date,
                "source": p.source,
                "ref": p.ref,
                "rag": p.rag,
                "rag_label": p.rag_label,
                "due_in_version": p.due,
                "due_moved": moved,
                "updates": p.updates,
            }


def history_to_csv(history: History, *, bom: bool = True, raw: bool = False) -> str:
    """Return a history as CSV text, one row per action per version it is in."""
    return to_csv(HISTORY_COLUMNS, history_rows(history), bom=bom, raw=raw)
