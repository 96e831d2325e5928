"""Sheet building for every workbook: frozen bold headers, filters, real date cells shown
dd/mm/yyyy, wrapped long text, row heights that fit, RAG cells filled in their colour.

Every cell holds a value, never a formula, so LibreOffice and Excel show the same thing;
text is stored as text, so Excel never turns "02/04/18" or "1.10" into a date or number.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from actionplan.export.colours import clean_rgb, ink
from actionplan.export.safety import MAX_CELL, XML_FORBIDDEN, count, excel_text, xml_text
from actionplan.export.view_model import Cell as ViewCell
from actionplan.export.view_model import Paint, Status, Table, Words
from actionplan.models import WordOp

DATE_FORMAT = "dd/mm/yyyy"
BODY = "Calibri"
HEADER_FONT = Font(name=BODY, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
CENTRE = Alignment(horizontal="center", vertical="top")
THIN = Side(style="thin", color="BFBFBF")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
# Text that Excel or LibreOffice would read as a formula, number or date if retyped.
LOOKS_TYPED = re.compile(r"^[=+\-@]|^\s*[\d.,/:%-]+\s*$")
DELETED = InlineFont(rFont=BODY, sz=11, strike=True, color="FFC00000")
INSERTED = InlineFont(rFont=BODY, sz=11, u="single", b=True, color="FF007A33")


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
    ws.append([excel_text(h) for h in headers])
    for cell in ws[1]:
        style_header(cell)
    longest = [len(h) for h in headers]
    for row in rows:
        values = [_cell_value(v) for v in row]
        ws.append(values)
        for i, v in enumerate(values):
            lines = str(v).split("\n") if v is not None else [""]
            if isinstance(v, dt.date):
                lines = ["00/00/0000"]
            longest[i] = max(longest[i], min(max(len(line) for line in lines), 80))
    for i, header in enumerate(headers, start=1):
        letter = get_column_letter(i)
        width: float = (widths or {}).get(header) or max(8, min(longest[i - 1] + 2, 60))
        # Bold header words must not break mid-word.
        width = max(width, max(len(w) for w in header.split() or [""]) * 1.1 + 2)
        ws.column_dimensions[letter].width = width
    for row_cells in ws.iter_rows(min_row=2):
        for cell in row_cells:
            _format_cell(cell)
    fit_rows(ws)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(ws.max_row, 2)}"
    print_setup(ws)
    return ws


def style_header(cell: Cell) -> None:
    """Style a cell as a header: bold on the header fill, wrapped."""
    cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAP
    cell.number_format = "@"


def wrapped_lines(text: str, width: float) -> int:
    """Return how many lines a text takes wrapped in a column `width` characters wide."""
    # A column width counts "0" digits; the average letter of Calibri 11 is narrower.
    capacity = max(int(width * 1.2), 1)
    lines = 0
    for paragraph in text.split("\n"):
        used = 0
        lines += 1
        for word in paragraph.split():
            if used and used + 1 + len(word) > capacity:
                lines += 1
                used = 0
            used += (1 if used else 0) + len(word)
            lines += (used - 1) // capacity
            used = (used - 1) % capacity + 1
    return lines


def fit_rows(ws: Worksheet, min_row: int = 1) -> None:
    """Set each row tall enough for its wrapped text.

    LibreOffice does not grow rows to fit wrapped text when it opens an .xlsx, so the
    height is written; 14 points a line of Calibri 11, at most Excel's 409.
    """
    for row_cells in ws.iter_rows(min_row=min_row):
        lines = 1
        for cell in row_cells:
            if cell.value is None or not isinstance(cell.value, str | CellRichText):
                continue
            width = ws.column_dimensions[cell.column_letter].width or 8.43
            lines = max(lines, wrapped_lines(str(cell.value), width))
        if lines > 1:
            ws.row_dimensions[row_cells[0].row].height = min(14 * lines + 3, 409)


def _format_cell(cell: Cell) -> None:
    value = cell.value
    if isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
        cell.alignment = CENTRE
    elif isinstance(value, str | CellRichText):
        cell.alignment = WRAP
        # Stored as text: a value starting "=" stays text, never a formula.
        cell.data_type = "s"
        cell.number_format = "@"
        if isinstance(value, str) and LOOKS_TYPED.search(value):
            # Keeps it text when someone edits the cell and presses Enter.
            cell.quotePrefix = True
    elif isinstance(value, int | float):
        # Narrow count columns read better centred than hugging the next column's text.
        cell.alignment = CENTRE
    else:
        cell.alignment = TOP


def print_setup(ws: Worksheet) -> None:
    """Print a sheet landscape on A4, as few pages wide as keep 9 pt, its first row on
    every page, narrow margins, the sheet's name and "Page N of M" in the footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    fit_width(ws)
    # Narrow margins (inches): the width goes to the text, not the paper's edge.
    margins = ws.page_margins
    margins.left = margins.right = 0.4
    margins.top = margins.bottom = 0.7
    margins.header = margins.footer = 0.3
    page_footer(ws)


# Characters of column width that print on one A4 landscape page at 9 pt or more, from
# Calibri 11 with the margins below (LibreOffice prints 151 at 9.3 pt).
PAGE_WIDTH = 152


def fit_width(ws: Worksheet) -> None:
    """Fit a sheet to as few pages wide as keep its text at 9 pt or more when printed.

    A sheet of the essential columns (Board) fits one page wide at 9 pt; a full-detail
    sheet of twenty columns spreads over two pages rather than shrink to 4 pt; one a
    little wider than a page (a quarter at most) still prints on one, at 7.5 pt or more,
    rather than split its columns.
    """
    total = sum(
        ws.column_dimensions[get_column_letter(c)].width or 8.43
        for c in range(1, ws.max_column + 1)
    )
    ws.page_setup.fitToWidth = max(1, math.ceil(total / (PAGE_WIDTH * 1.25)))


def _header_text(text: str) -> str:
    # "&" starts a code in a header ("&P"): a plan called "Health & Care" keeps its "&".
    return excel_text(text).replace("&", "&&")


def page_header(ws: Worksheet, left: str, centre: str, right: str) -> None:
    """Print a header on every page of a sheet: plan left, versions centred, as-at right."""
    for part, text in ((ws.oddHeader.left, left), (ws.oddHeader.center, centre),
                       (ws.oddHeader.right, right)):  # fmt: skip
        part.text = _header_text(text)
        part.size = 10


def page_footer(ws: Worksheet) -> None:
    """Print the sheet's name and "Page N of M" at the foot of every page."""
    ws.oddFooter.left.text = "&A"
    ws.oddFooter.center.text = "Page &P of &N"
    for part in (ws.oddFooter.left, ws.oddFooter.center):
        part.size = 10


def _cell_value(v: Any) -> Any:
    if isinstance(v, CellRichText):
        return excel_rich_text(v)
    if isinstance(v, list | tuple):
        v = "; ".join(str(x) for x in v)
    if isinstance(v, str):
        return excel_text(v)
    return v


def excel_rich_text(rich: CellRichText) -> CellRichText | str:
    """Return rich text an .xlsx cell can hold: each run's forbidden characters replaced
    (counted once for the cell); over Excel's limit, the plain text cut to it."""
    text = str(rich)
    if len(text) > MAX_CELL:
        return excel_text(text)
    if not XML_FORBIDDEN.search(text):
        return rich
    count("xml")
    return CellRichText(
        [
            TextBlock(p.font, xml_text(p.text)) if isinstance(p, TextBlock) else xml_text(p)
            for p in rich
        ]
    )


def fill_rag(cell: Cell, rgb: str | None) -> None:
    """Paint a cell in a RAG colour, its text in black or white to stay readable."""
    rgb = clean_rgb(rgb)
    if rgb is None:
        return
    cell.fill = PatternFill("solid", fgColor=rgb)
    # Bold, so that white on red meets WCAG's 3:1 for bold text.
    cell.font = Font(name=BODY, size=cell.font.size, color=ink(rgb), bold=True)


def column_of(ws: Worksheet, header: str) -> int:
    """Return the column number of a header in a sheet's first row."""
    return [c.value for c in ws[1]].index(header) + 1


def paint_column(ws: Worksheet, header: str, rgbs: Iterable[str | None]) -> None:
    """Fill a column's cells, from the second row down, in RAG colours."""
    col = column_of(ws, header)
    for row, rgb in enumerate(rgbs, start=2):
        fill_rag(ws.cell(row=row, column=col), rgb)


def rich_words(words: Sequence[WordOp], side: str) -> CellRichText | str:
    """Return one side of a word diff as rich text: deletions struck red, insertions bold.

    side is "old" (equal and deleted words) or "new" (equal and inserted words).
    """
    skip = "insert" if side == "old" else "delete"
    parts: list[str | TextBlock] = []
    for w in words:
        if w.op == skip:
            continue
        if parts and w.space:
            parts.append(" ")
        if w.op == "equal":
            parts.append(w.text)
        else:
            parts.append(TextBlock(DELETED if w.op == "delete" else INSERTED, w.text))
    if not any(isinstance(p, TextBlock) for p in parts):
        return "".join(str(p) for p in parts)
    return CellRichText(parts)


def new_workbook() -> Workbook:
    """Return a workbook without openpyxl's default empty sheet."""
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    return wb


def _plain(value: ViewCell) -> Any:
    if isinstance(value, Paint | Status):
        return value.value
    if isinstance(value, Words):
        return rich_words(value.words, value.side)
    return value


def table_sheet(wb: Workbook, table: Table, widths: dict[str, int] | None = None) -> Worksheet:
    """Append a view's table as a sheet, its RAG and status cells filled in their colours."""
    ws = add_sheet(
        wb, table.title, table.headers, ([_plain(c) for c in row] for row in table.rows),
        widths=widths,
    )  # fmt: skip
    for r, row in enumerate(table.rows, start=2):
        for c, value in enumerate(row, start=1):
            if isinstance(value, Paint):
                fill_rag(ws.cell(row=r, column=c), value.rgb)
            elif isinstance(value, Status) and value.rgb:
                ws.cell(row=r, column=c).fill = PatternFill("solid", fgColor=value.rgb)
    return ws


def workbook_bytes(wb: Workbook) -> bytes:
    """Return a workbook saved as .xlsx bytes, every text cell one that Excel can hold."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, CellRichText):
                    safe: CellRichText | str = excel_rich_text(value)
                elif isinstance(value, str):
                    # openpyxl's own check on a str lets U+FFFE and surrogates by.
                    safe = excel_text(value)
                else:
                    continue
                if safe is not value:
                    cell.value = safe
                    cell.data_type = "s"  # text stays text, never a formula
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
