"""Long-format CSV tables: one row per action or update entry of plans, one row per
change of a diff. Files get a BOM so that Excel reads accents and dashes as UTF-8.

Every writer goes through to_csv, where a cell a spreadsheet would run as a formula gets
a leading ' (OWASP, safety.csv_cell) unless the render is raw (--raw-csv), and a cell
holding a separator is quoted."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from actionplan.compare.words import side
from actionplan.export.board_model import ReportOptions
from actionplan.export.board_tables import exception_table
from actionplan.export.safety import csv_cell, csv_field, raw_csv
from actionplan.export.view import diff_view
from actionplan.export.view_model import Paint, Status, Table, Words
from actionplan.models import Diff, Plan, action_record, update_record

# Last, so the columns scripts already read keep their places.
VERSION_COLUMNS = ("plan", "version", "review_date")
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
    *VERSION_COLUMNS,
]


def version_record(plan: Plan) -> dict[str, object]:
    """Return the columns that tell the rows of several versions apart."""
    doc = plan.document
    return {"plan": doc.title, "version": doc.version, "review_date": doc.review_date}


def action_rows(plans: Iterable[Plan]) -> Iterable[dict[str, object]]:
    """Yield one flat dictionary per action of every plan."""
    for plan in plans:
        for a in plan.actions:
            yield {"source": plan.document.source, **action_record(a), **version_record(plan)}


def to_csv(
    columns: Sequence[str], rows: Iterable[dict[str, object]], *, bom: bool, raw: bool = False
) -> str:
    """Return rows as CSV text, CRLF line ends, with a UTF-8 BOM first if asked.

    Cells that would start a formula are neutralised (safety.csv_cell) unless raw, or the
    render under way is raw (safety.rendering(raw_csv=True)).
    """
    raw = raw or raw_csv()

    def line(cells: Iterable[object]) -> str:
        texts = ("" if v is None else str(v) for v in cells)
        return ",".join(csv_field(t if raw else csv_cell(t)) for t in texts) + "\r\n"

    out = ["\ufeff"] if bom else []
    out.append(line(columns))
    out += (line(row.get(c) for c in columns) for row in rows)
    return "".join(out)


def plans_to_csv(plans: Iterable[Plan], *, bom: bool = True, raw: bool = False) -> str:
    """Return the actions of the plans as CSV text (with a BOM so Excel reads UTF-8)."""
    return to_csv(ACTION_COLUMNS, action_rows(plans), bom=bom, raw=raw)


UPDATE_COLUMNS = [
    "source",
    "ref",
    "position",
    "date",
    "date_text",
    "text",
    "lead",
    *VERSION_COLUMNS,
]


def update_rows(plans: Iterable[Plan]) -> Iterable[dict[str, object]]:
    """Yield one flat dictionary per update entry of every action of every plan."""
    for plan in plans:
        for a in plan.actions:
            for i, u in enumerate(a.updates, start=1):
                yield {
                    "source": plan.document.source,
                    **update_record(a, i, u),
                    **version_record(plan),
                }


def updates_to_csv(plans: Iterable[Plan], *, bom: bool = True, raw: bool = False) -> str:
    """Return every update entry of the plans as CSV text."""
    return to_csv(UPDATE_COLUMNS, update_rows(plans), bom=bom, raw=raw)


def _plain(value: object) -> object:
    if isinstance(value, Paint | Status):
        return value.value
    if isinstance(value, Words):
        return side(value.words, value.side)
    return value


def table_to_csv(table: Table, *, bom: bool, raw: bool = False) -> str:
    """Return a view's table as CSV text, a coloured cell as its text."""
    return to_csv(
        table.headers,
        (dict(zip(table.headers, map(_plain, r), strict=True)) for r in table.rows),
        bom=bom,
        raw=raw,
    )


def diff_to_csv(
    diff: Diff, options: ReportOptions | None = None, *, bom: bool = True, raw: bool = False
) -> str:
    """Return a diff as one long CSV table: a row per action, then a row per change, each
    with its plan, versions, review dates and the as-at date its overdue counts from;
    with section "exceptions", the exception report's table."""
    view = diff_view(diff, options)
    if view.section == "exceptions":
        return table_to_csv(exception_table(view), bom=bom, raw=raw)
    return table_to_csv(view.records, bom=bom, raw=raw)
