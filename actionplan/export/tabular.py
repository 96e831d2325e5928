"""Long-format CSV tables: one row per action or update entry of plans, one row per
change of a diff. Files get a BOM so that Excel reads accents and dashes as UTF-8."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from actionplan.models import Diff, Plan, action_record, update_record

ACTION_COLUMNS = [
    "source",
    "ref",
    "section",
    "action",
    "owners",
    "owner_text",
    "due_text",
    "due_kind",
    "due_date",
    "due_end",
    "due_recurrence",
    "rag",
    "rag_label",
    "rag_source",
    "update_count",
    "latest_update_date",
    "latest_update",
    "update_text",
    "page",
    "row",
]


def action_rows(plans: Iterable[Plan]) -> Iterable[dict[str, object]]:
    """Yield one flat dictionary per action of every plan."""
    for plan in plans:
        for a in plan.actions:
            yield {"source": plan.document.source, **action_record(a)}


def to_csv(columns: Sequence[str], rows: Iterable[dict[str, object]], *, bom: bool) -> str:
    """Return rows as CSV text, CRLF line ends, with a UTF-8 BOM first if asked."""
    buf = io.StringIO()
    if bom:
        buf.write("\ufeff")
    writer = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buf.getvalue()


def plans_to_csv(plans: Iterable[Plan], *, bom: bool = True) -> str:
    """Return the actions of the plans as CSV text (with a BOM so Excel reads UTF-8)."""
    return to_csv(ACTION_COLUMNS, action_rows(plans), bom=bom)


UPDATE_COLUMNS = ["source", "ref", "position", "date", "date_text", "text", "lead"]


def update_rows(plans: Iterable[Plan]) -> Iterable[dict[str, object]]:
    """Yield one flat dictionary per update entry of every action of every plan."""
    for plan in plans:
        for a in plan.actions:
            for i, u in enumerate(a.updates, start=1):
                yield {"source": plan.document.source, **update_record(a, i, u)}


def updates_to_csv(plans: Iterable[Plan], *, bom: bool = True) -> str:
    """Return every update entry of the plans as CSV text."""
    return to_csv(UPDATE_COLUMNS, update_rows(plans), bom=bom)


CHANGE_COLUMNS = [
    "old_version",
    "new_version",
    "status",
    "old_ref",
    "new_ref",
    "action",
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
]
"""kind is one of: action (one row per action pair, with its status), field (a changed
field: action, owners, due, rag), new_update, edited_update, removed_update."""


def _flat(value: object) -> object:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return value


def change_rows(diff: Diff) -> Iterable[dict[str, object]]:
    """Yield one flat dictionary per action pair and one per change within it."""
    for d in diff.actions:
        common = {
            "old_version": diff.old.version,
            "new_version": diff.new.version,
            "status": d.status,
            "old_ref": d.old_ref,
            "new_ref": d.new_ref,
            "action": d.action,
            "old_rag": d.old_rag,
            "new_rag": d.new_rag,
            "overdue": "yes" if d.overdue else "no",
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
        for u in d.new_updates:
            yield {
                **common,
                "kind": "new_update",
                "date": u.date,
                "date_text": u.date_text,
                "new": u.text,
            }
        for e in d.edited_updates:
            yield {
                **common,
                "kind": "edited_update",
                "date": e.date,
                "date_text": e.date_text,
                "old": e.old,
                "new": e.new,
            }
        for u in d.removed_updates:
            yield {
                **common,
                "kind": "removed_update",
                "date": u.date,
                "date_text": u.date_text,
                "old": u.text,
            }


def diff_to_csv(diff: Diff, *, bom: bool = True) -> str:
    """Return a diff as one long CSV table: a row per action, then a row per change."""
    return to_csv(CHANGE_COLUMNS, change_rows(diff), bom=bom)
