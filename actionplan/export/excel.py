"""Excel workbooks a careful analyst would make by hand: frozen bold headers, filters,
real date cells shown dd/mm/yyyy, wrapped long text, RAG cells filled in their colour."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from actionplan.models import Action, Plan, latest_update

DATE_FORMAT = "dd/mm/yyyy"
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
# Excel cells hold at most 32,767 characters.
MAX_CELL = 32_767

RAG_RGB = {
    "Red": "FF0000",
    "Amber": "FFC000",
    "Yellow": "FFFF00",
    "Green": "00B050",
    "Blue": "0070C0",
    "Grey": "A6A6A6",
}


def rag_rgb(plan: Plan, colour: str | None) -> str | None:
    """Return the RGB a RAG colour name is painted in, preferring the document's legend."""
    if colour is None:
        return None
    for entry in plan.document.rag_legend:
        if entry.colour == colour and entry.rgb:
            return entry.rgb
    return RAG_RGB.get(colour)


def add_sheet(
    wb: Workbook,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    widths: dict[str, int] | None = None,
) -> Worksheet:
    """Append a sheet with a bold frozen header row, an autofilter and sensible widths."""
    ws = wb.create_sheet(title)
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    longest = [len(h) for h in headers]
    for row in rows:
        values = [_cell_value(v) for v in row]
        ws.append(values)
        for i, v in enumerate(values):
            first_line = str(v).split("\n", 1)[0] if v is not None else ""
            longest[i] = max(longest[i], min(len(first_line), 80))
    for i, header in enumerate(headers, start=1):
        letter = get_column_letter(i)
        width = (widths or {}).get(header) or max(8, min(longest[i - 1] + 2, 60))
        ws.column_dimensions[letter].width = width
    for row_cells in ws.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
                cell.alignment = TOP
            elif isinstance(cell.value, str):
                cell.alignment = WRAP
                # Stored as text: never let Excel turn "02/04/18" or "1.10" into a date/number.
                cell.data_type = "s"
                cell.number_format = "@"
            else:
                cell.alignment = TOP
    ws.freeze_panes = "A2"
    if ws.max_row >= 1:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(ws.max_row, 2)}"
    return ws


def _cell_value(v: Any) -> Any:
    if isinstance(v, str):
        if len(v) > MAX_CELL:
            return v[: MAX_CELL - 20] + " …[truncated]"
        # A leading "=" would be read as a formula.
        return "'" + v if v.startswith(("=", "+", "@")) else v
    if isinstance(v, list):
        return "; ".join(str(x) for x in v)
    return v


ACTION_HEADERS = [
    "Source",
    "Ref",
    "Section",
    "Action",
    "Owners",
    "Due date",
    "Due (as written)",
    "Due kind",
    "RAG",
    "RAG meaning",
    "Latest update date",
    "Latest update",
    "Updates",
    "Page",
]


def _action_cells(plan: Plan, a: Action) -> list[Any]:
    latest = latest_update(a.updates)
    return [
        plan.document.source,
        a.ref,
        a.section,
        a.action,
        "; ".join(a.owners),
        a.due.date,
        a.due.text,
        a.due.kind,
        a.rag,
        a.rag_label,
        latest.date if latest else None,
        latest.text if latest else None,
        len(a.updates),
        a.provenance.page,
    ]


def plans_workbook(plans: Sequence[Plan]) -> Workbook:
    """Return a workbook of the plans: Actions, Updates, Document and Warnings sheets."""
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    actions_ws = add_sheet(
        wb,
        "Actions",
        ACTION_HEADERS,
        (_action_cells(plan, a) for plan in plans for a in plan.actions),
        widths={"Action": 60, "Latest update": 70, "Owners": 28},
    )
    rag_col = ACTION_HEADERS.index("RAG") + 1
    row_no = 2
    for plan in plans:
        for a in plan.actions:
            rgb = rag_rgb(plan, a.rag)
            if rgb:
                actions_ws.cell(row=row_no, column=rag_col).fill = PatternFill("solid", fgColor=rgb)
            row_no += 1
    add_sheet(
        wb,
        "Updates",
        ["Source", "Ref", "Position", "Date", "Date (as written)", "Update"],
        (
            [plan.document.source, a.ref, i, u.date, u.date_text, u.text]
            for plan in plans
            for a in plan.actions
            for i, u in enumerate(a.updates, start=1)
        ),
        widths={"Update": 90},
    )
    add_sheet(
        wb,
        "Document",
        ["Source", "Format", "Title", "Review date", "Version", "Pages", "SHA-256", "Legend"],
        (
            [
                p.document.source,
                p.document.format,
                p.document.title,
                p.document.review_date,
                p.document.version,
                p.document.pages,
                p.document.sha256,
                "; ".join(f"{e.colour} = {e.label}" for e in p.document.rag_legend),
            ]
            for p in plans
        ),
    )
    add_sheet(
        wb,
        "Warnings",
        ["Source", "Warning"],
        ([p.document.source, w] for p in plans for w in p.warnings),
        widths={"Warning": 100},
    )
    return wb


def workbook_bytes(wb: Workbook) -> bytes:
    """Return a workbook saved as .xlsx bytes."""
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
