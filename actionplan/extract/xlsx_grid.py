"""A walked worksheet cut into what the layout stage reads: title lines and tables.

The xlsx reader (and the CSV reader) fill a `Sheet` with the rows that hold text; this
module turns it into a RawDocument: the rows above the sheet's first wide row are its
title lines (with their font size), blank rows cut it into tables (a key below the
actions is a table of its own), merged cells become spans and continuation cells, a
conditional-formatting rule paints the cells where it holds (xlsx_rules), and hidden rows
and columns are warned about.
"""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl.utils.cell import get_column_letter

from actionplan.extract.base import RawCell, RawDocument, RawRow, RawTable
from actionplan.extract.xlsx_cells import Styles
from actionplan.extract.xlsx_rules import between, paint
from actionplan.extract.xlsx_sheet import Cell, Merge, Sheet

# A sheet's top rows with fewer cells than this are its title lines, not table rows.
TABLE_CELLS = 3
MAX_TITLE_ROWS = 10
# How many rows or columns a warning names before it says "and N more".
SHOWN = 5


def grid_document(path: Path, name: str, rows: dict[int, dict[int, str]], fmt: str) -> RawDocument:
    """Return the document of a grid of plain texts by row and column number (a CSV file),
    cut into title lines and tables as a worksheet is."""
    sheet = Sheet(name)
    sheet.rows = {n: {c: Cell(paragraphs(t)) for c, t in r.items()} for n, r in rows.items()}
    one = sheet_document(sheet, Styles(), path)
    one.format = fmt
    doc = RawDocument(path=path, format=fmt, sheets=[one], warnings=list(one.warnings))
    doc.tables = one.tables
    doc.title_candidates = one.title_candidates
    return doc


def sheet_document(sheet: Sheet, styles: Styles, path: Path) -> RawDocument:
    """Cut a walked sheet into title lines and tables of raw cells."""
    doc = RawDocument(path=path, format="xlsx", sheet=sheet.name)
    used = sorted({c for r in sheet.rows.values() for c, cell in r.items() if cell.text})
    doc.warnings.extend(paint(sheet, styles, used))
    numbers = sorted(sheet.rows)
    covered = _cover(sheet, numbers, used)
    # A merge's top-left cell counts as wide as its merge: a title merged across is one cell.
    wide = any(sum(1 for c in sheet.rows[n].values() if c.text) >= TABLE_CELLS for n in numbers)
    lines: list[tuple[str, float]] = []
    while numbers and wide and len(lines) < MAX_TITLE_ROWS:
        cells = [c for _, c in sorted(sheet.rows[numbers[0]].items()) if c.text]
        if len(cells) >= TABLE_CELLS:
            break
        size = max((c.size or styles.base_size for c in cells), default=styles.base_size)
        doc.line_dates.update({c.text: c.date for c in cells if c.date is not None})
        lines.append((" ".join(c.text.replace("\n", " ") for c in cells), size / styles.base_size))
        numbers.pop(0)
    doc.title_candidates = lines
    doc.body_lines = [text for text, _ in lines]
    blocks = _blocks(sheet, numbers)
    for rows, (left, right) in blocks:
        columns = [c for c in used if left <= c <= right]
        table = RawTable(
            rows=[_row(sheet, n, columns, covered, i) for i, n in enumerate(rows)],
            sheet=sheet.name,
            columns=[get_column_letter(c) for c in columns],
        )
        if not doc.tables:
            table.before = list(doc.body_lines)
        doc.tables.append(table)
    _warn_hidden(sheet, numbers, used, doc)
    month_first = _month_first(sheet)
    if month_first:
        doc.warnings.append(month_first)
    if sheet.lost_strings:
        doc.warnings.append(
            f"sheet {sheet.name!r}: cells {_some(sheet.lost_strings)} name text the workbook "
            "does not hold (a damaged file?); read as empty"
        )
    if sheet.errors:
        doc.warnings.append(
            f"sheet {sheet.name!r}: cells {_some(sheet.errors)} show a formula's error; "
            "read as Excel shows them"
        )
    if sheet.repeated_rows:
        twice = [str(n) for n in sorted(set(sheet.repeated_rows))]
        doc.warnings.append(
            f"sheet {sheet.name!r}: rows {_some(twice)} are given twice (a damaged file?); "
            "their cells were read together"
        )
    if sheet.uncached:
        doc.warnings.append(
            f"sheet {sheet.name!r}: formulas without saved values ({_some(sheet.uncached)}) "
            "read as empty; "
            "open and save the workbook in Excel or LibreOffice to compute them"
        )
    return doc


def _cover(
    sheet: Sheet, numbers: list[int], used: list[int]
) -> dict[tuple[int, int], tuple[Merge, bool]]:
    """Map each kept cell a merge covers to its merge (and whether it is the top-left)."""
    covered: dict[tuple[int, int], tuple[Merge, bool]] = {}
    for merge in sheet.merges:
        rows = between(numbers, merge.top, merge.bottom)
        cols = between(used, merge.left, merge.right)
        origin = (merge.top, merge.left)
        if origin not in covered:
            covered[origin] = (merge, True)
        overlap = False
        for r in rows:
            for c in cols:
                if (r, c) in covered and (r, c) != origin:
                    overlap = True  # overlapping merges are not Excel's: the first one holds
                    break
                covered[(r, c)] = (merge, (r, c) == origin)
            if overlap:
                break
    return covered


def _blocks(sheet: Sheet, numbers: list[int]) -> list[tuple[list[int], tuple[int, int]]]:
    """Cut rows at blank rows into blocks, each with the columns it spans; consecutive wide
    blocks that overlap are one table interrupted by blank rows, so they share columns."""
    blocks: list[tuple[list[int], tuple[int, int]]] = []
    for n in numbers:
        cols = [c for c, cell in sheet.rows[n].items() if cell.text or cell.fill]
        lo, hi = min(cols), max(cols)
        for merge in sheet.merges:
            if merge.top == n and merge.left == lo:
                hi = max(hi, merge.right)
        if blocks and blocks[-1][0][-1] == n - 1:
            rows, (a, b) = blocks[-1]
            rows.append(n)
            blocks[-1] = (rows, (min(a, lo), max(b, hi)))
        else:
            blocks.append(([n], (lo, hi)))
    groups: list[list[int]] = []
    for i, (_, (lo, hi)) in enumerate(blocks):
        if groups and hi - lo >= TABLE_CELLS:
            a, b = _extent(blocks, groups[-1])
            if b - a >= TABLE_CELLS and lo <= b and a <= hi:
                groups[-1].append(i)
                continue
        groups.append([i])
    for group in groups:
        span = _extent(blocks, group)
        for i in group:
            blocks[i] = (blocks[i][0], span)
    return blocks


def _extent(blocks: list[tuple[list[int], tuple[int, int]]], group: list[int]) -> tuple[int, int]:
    return min(blocks[i][1][0] for i in group), max(blocks[i][1][1] for i in group)


def _row(
    sheet: Sheet,
    number: int,
    columns: list[int],
    covered: dict[tuple[int, int], tuple[Merge, bool]],
    index: int,
) -> RawRow:
    cells: list[RawCell] = []
    values = sheet.rows[number]
    skip_to = 0
    for i, col in enumerate(columns):
        if i < skip_to:
            continue
        found = covered.get((number, col))
        if found is None:
            value = values.get(col, Cell())
            cells.append(RawCell(text=value.text, fill=value.fill, date=value.date))
            continue
        merge, origin = found
        span = len([c for c in columns[i:] if c <= merge.right])
        skip_to = i + span
        if origin:
            value = values.get(col, Cell())
            cells.append(RawCell(text=value.text, fill=value.fill, span=span, date=value.date))
        elif number > merge.top and col == next(c for c in columns if c >= merge.left):
            cells.append(RawCell(span=span, merged_above=True))
        else:
            # A cell inside a merge but not its first column: the merge's own cell holds it.
            cells.append(RawCell(span=span))
    return RawRow(cells=cells, index=index, number=number)


def _warn_hidden(sheet: Sheet, numbers: list[int], used: list[int], doc: RawDocument) -> None:
    rows = [n for n in numbers if n in sheet.hidden_rows]
    cols = [c for c in used if any(a <= c <= b for a, b in sheet.hidden_cols)]
    for what, items in (
        ("rows", [str(n) for n in rows]),
        ("columns", [get_column_letter(c) for c in cols]),
    ):
        if items:
            doc.warnings.append(f"sheet {sheet.name!r}: hidden {what} {_some(items)} were read too")


# A date typed as text with numbers only: 31/01/2019, 1-31-19, 3.4.2019.
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.-])")


def _month_first(sheet: Sheet) -> str | None:
    """Warn when dates typed as text are written month first (1/31/2019 has no month 31):
    every date is read day first, so such a sheet's 3/4/2019 would be read as 3 April."""
    evidence: list[tuple[str, str]] = []
    ambiguous: list[tuple[str, str]] = []
    for number in sorted(sheet.rows):
        for col, cell in sorted(sheet.rows[number].items()):
            if cell.date is not None or not cell.text:
                continue  # a date cell's day is its own, whatever its text's order
            where = f"{get_column_letter(col)}{number}"
            for m in _NUMERIC_DATE.finditer(cell.text):
                first, second = int(m.group(1)), int(m.group(3))
                if first > 12:
                    return None  # day first here: the sheet's dates are British
                if 12 < second <= 31:
                    evidence.append((m.group(0), where))
                elif first != second:
                    ambiguous.append((m.group(0), where))
    if not evidence:
        return None
    seen, at = evidence[0]
    line = f"sheet {sheet.name!r}: dates are written month first ({seen} in {at})"
    if ambiguous:
        other, other_at = ambiguous[0]
        line += (
            f"; dates such as {other} ({other_at}) are read day first: check them, or save "
            "the dates as dates"
        )
    return line + "; a date with a day over 12 is not read as a date"


def _some(items: list[str]) -> str:
    """Return the first few items of a list, and how many more there are."""
    more = f" and {len(items) - SHOWN} more" if len(items) > SHOWN else ""
    return ", ".join(items[:SHOWN]) + more


def paragraphs(text: str) -> str:
    """Return a cell's text with each Alt+Enter line a paragraph, whitespace folded."""
    if "\n" not in text and "  " not in text and "\r" not in text and "\t" not in text:
        return text.strip()
    lines = (" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n"))
    return "\n".join(line for line in lines if line)
