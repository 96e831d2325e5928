"""Long-format CSV tables: one row per action or update entry of plans, one row per
change of a diff. Files get a BOM so that Excel reads accents and dashes as UTF-8."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from actionplan.export.view import diff_view
from actionplan.export.view_model import Table
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


def table_to_csv(table: Table, *, bom: bool) -> str:
    """Return a view's table as CSV text."""
    return to_csv(
        table.headers, (dict(zip(table.headers, r, strict=True)) for r in table.rows), bom=bom
    )


def diff_to_csv(diff: Diff, *, bom: bool = True) -> str:
    """Return a diff as one long CSV table: a row per action, then a row per change."""
    return table_to_csv(diff_view(diff).records, bom=bom)
