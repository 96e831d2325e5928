"""Long-format CSV tables of plans: one row per action, one row per update entry."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from actionplan.models import Plan, latest_update

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
            latest = latest_update(a.updates)
            yield {
                "source": plan.document.source,
                "ref": a.ref,
                "section": a.section,
                "action": a.action,
                "owners": "; ".join(a.owners),
                "owner_text": a.owner_text,
                "due_text": a.due.text,
                "due_kind": a.due.kind,
                "due_date": a.due.date,
                "due_end": a.due.end,
                "due_recurrence": a.due.recurrence,
                "rag": a.rag,
                "rag_label": a.rag_label,
                "rag_source": a.rag_source,
                "update_count": len(a.updates),
                "latest_update_date": latest.date if latest else None,
                "latest_update": latest.text if latest else None,
                "update_text": a.update_text,
                "page": a.provenance.page,
                "row": a.provenance.row,
            }


def plans_to_csv(plans: Iterable[Plan], *, bom: bool = True) -> str:
    """Return the actions of the plans as CSV text (with a BOM so Excel reads UTF-8)."""
    buf = io.StringIO()
    if bom:
        buf.write("\ufeff")
    writer = csv.DictWriter(buf, fieldnames=ACTION_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in action_rows(plans):
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buf.getvalue()
