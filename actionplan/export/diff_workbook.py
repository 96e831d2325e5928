"""The workbook of a version diff for a board pack: the view's tables, one sheet each,
and the RAG movement matrix beside the Summary counts."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from actionplan.export.board_model import ReportOptions
from actionplan.export.colours import STATUS_RGB
from actionplan.export.excel_charts import add_charts_sheet
from actionplan.export.safety import excel_text
from actionplan.export.sheets import (
    BODY,
    BOX,
    CENTRE,
    HEADER_FONT,
    fill_rag,
    fit_rows,
    fit_width,
    new_workbook,
    page_header,
    style_header,
    table_sheet,
)
from actionplan.export.view import diff_view
from actionplan.export.view_model import DiffView, MatrixHead, Table
from actionplan.models import Diff

_LIST = {"Action": 60, "RAG meaning": 20, "Owners": 22}
WIDTHS: dict[str, dict[str, int]] = {
    "Changes": {
        "Action": 55,
        "Old wording": 40,
        "New wording": 40,
        "Old owners": 24,
        "New owners": 24,
        "Old due": 16,
        "New due": 16,
        "Status": 11,
        "Old ref": 8,
        "New ref": 8,
        "Matched by": 9,
        "Due date": 11,
        "Slippage (days)": 10,
        "New updates": 9,
        "Entries rewritten": 10,
        "Overdue": 9,
        "No new update": 9,
    },
    "New updates": {"Action": 36, "Update": 60, "Status": 10, "Owners": 20},
    "Overdue": _LIST,
    "No new update": _LIST,
    "Warnings": {"Warning": 100},
    # Printed from 11 pt on A4 landscape, one page wide, at 9 pt or more: at most about
    # 150 characters of columns in all (LibreOffice with Calibri's metrics: 151 prints at 9.3).
    "Board": {
        "Ref": 6, "Action": 42, "Owner": 17, "Due": 11, "RAG": 9, "Latest entry": 42,
        "What changed": 24,
    },
    "Exceptions": {
        "Exception": 16, "Ref": 6, "Action": 40, "Owner": 17, "RAG": 9, "Due date": 11,
        "Days overdue": 9, "Last entry": 11, "Why listed": 28,
    },
    "By owner": {"Owner": 30, "Overdue refs": 30},
}  # fmt: skip


def _heading(head: MatrixHead | None) -> str:
    if head is None:
        return "Total"
    if head.label:
        return head.label
    if head.rag.colour is None:
        return "(no RAG)"
    meaning = head.rag.meaning
    return f"{head.rag.colour} – {meaning}" if meaning else head.rag.colour


def _head_cell(ws: Worksheet, row: int, col: int, head: MatrixHead | None) -> None:
    cell = ws.cell(row=row, column=col, value=excel_text(_heading(head)))
    style_header(cell)
    cell.border = BOX
    fill_rag(cell, head.rag.rgb if head else None)


def _write_matrix(ws: Worksheet, view: DiffView, first_col: int) -> None:
    m = view.matrix
    corner = ws.cell(row=1, column=first_col, value="Old RAG ↓  New RAG →")
    style_header(corner)
    corner.border = BOX
    ws.column_dimensions[get_column_letter(first_col)].width = 22
    cols: list[MatrixHead | None] = [*m.cols, None]
    for j, new in enumerate(cols, start=1):
        _head_cell(ws, 1, first_col + j, new)
        ws.column_dimensions[get_column_letter(first_col + j)].width = 13
    rows: list[MatrixHead | None] = [*m.rows, None]
    counts = [[*c, t] for c, t in zip(m.counts, m.row_totals, strict=True)]
    counts.append([*m.col_totals, m.total])
    for i, (old, values) in enumerate(zip(rows, counts, strict=True), start=2):
        _head_cell(ws, i, first_col, old)
        for j, (new, n) in enumerate(zip(cols, values, strict=True), start=1):
            cell = ws.cell(row=i, column=first_col + j, value=n)
            cell.alignment, cell.border = CENTRE, BOX
            if old is None or new is None:
                cell.font = HEADER_FONT
            elif old.key == new.key:
                cell.fill = PatternFill("solid", fgColor="F2F2F2")
            elif n:
                cell.font = HEADER_FONT
                cell.fill = PatternFill("solid", fgColor=STATUS_RGB["changed"] or "FFEB9C")
            if n == 0:
                cell.font = Font(name=BODY, color="A6A6A6")


def diff_workbook(diff: Diff, options: ReportOptions | None = None) -> Workbook:
    """Return a workbook of a V7→V8 diff for a board pack.

    Sheets: Exceptions (the exception report), Board (the printed page of the meeting),
    By owner, Summary (counts and the RAG movement matrix), Charts, Changes (one row per
    action pair), New updates, History rewritten, Overdue, No new update, Warnings; with
    section "exceptions", the Exceptions sheet alone. Every sheet prints landscape, one
    page wide, its header row on each page, plan, versions and as-at above, "Page N of M"
    below.
    """
    return diff_report(diff_view(diff, options))


def diff_report(view: DiffView) -> Workbook:
    """Lay out a diff's view as a workbook: one sheet per table of the view."""
    wb = new_workbook()
    widths = {
        **WIDTHS,
        "History rewritten": {
            "Action": 36,
            "Owners": 20,
            f"In {view.old.short}": 40,
            f"In {view.new.short}": 40,
        },
    }
    for t in view.sheets:
        if view.section == "exceptions" and t.title != "Exceptions":
            continue
        if t.title == "Summary":
            _summary_sheet(wb, view, t)
            if view.section == "all":
                add_charts_sheet(wb, view.charts)
        else:
            table_sheet(wb, t, widths.get(t.title))
    versions = f"{view.old.name} → {view.new.name}"
    for ws in wb.worksheets:
        page_header(ws, view.title, versions, view.as_at_text)
        fit_width(ws)
    return wb


def _summary_sheet(wb: Workbook, view: DiffView, summary: Table) -> Worksheet:
    ws = table_sheet(wb, summary)
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 24
    ws.column_dimensions["C"].width = 3
    for label, value in ws.iter_rows(min_row=2, max_col=2):
        label.font = HEADER_FONT
        value.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
    _write_matrix(ws, view, first_col=4)
    fit_rows(ws)
    return ws
