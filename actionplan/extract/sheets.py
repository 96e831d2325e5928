"""Which worksheets of a workbook the pipeline reads: the action sheet, or one version.

A tracker workbook holds its actions on one sheet beside a key, instructions and helper
sheets; the layout stage finds the action table among all their tables and takes the
key's colours. Some workbooks keep one sheet per review ("V3 Mar 2019", "V4 Jun 2019"):
each such sheet is a version of its own, read with the sheets that hold no action table
(the key), and the newest is the one `extract` reads unless a sheet is named.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable

from actionplan.errors import NoActionTable
from actionplan.extract.base import RawDocument
from actionplan.extract.header import find_header
from actionplan.normalise.meta import document_metadata, meta_from_filename
from actionplan.rules import version_order

_SIMPLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


def cell_address(sheet: str, column: str, row: int) -> str:
    """Return a cell's address as Excel writes it: Actions!B7, 'V3 Mar 2019'!B7."""
    return f"{quoted_sheet(sheet)}!{column}{row}"


def quoted_sheet(sheet: str) -> str:
    """Return a sheet's name as a reference writes it: Actions, 'V3 Mar 2019'."""
    return sheet if _SIMPLE_NAME.fullmatch(sheet) else "'" + sheet.replace("'", "''") + "'"


def action_sheets(doc: RawDocument) -> list[RawDocument]:
    """Return the sheets whose tables head like an action table, in workbook order."""
    return [s for s in doc.sheets if s.tables and find_header(s.tables, set()) is not None]


def version_sheets(doc: RawDocument) -> list[RawDocument]:
    """Return the sheets that are versions of one plan, oldest first; [] when the workbook
    is not kept so (fewer than two action sheets, or one whose name and title lines give
    no version or date: "Priority 1" and "Priority 2" are one plan's parts)."""
    found = action_sheets(doc)
    if len(found) < 2:
        return []
    keyed = []
    for sheet in found:
        _, date, version = sheet_metadata(sheet, "")
        if date is None and version is None:
            return []
        keyed.append((version_order(date, version, sheet.sheet or ""), sheet))
    if len({key[:2] for key, _ in keyed}) < len(keyed):
        return []  # two sheets of one date and version: not versions
    return [sheet for _, sheet in sorted(keyed, key=lambda k: k[0])]


def sheet_metadata(
    sheet: RawDocument, file_name: str
) -> tuple[str | None, dt.date | None, str | None]:
    """Return (title, review date, version) of a sheet: its title lines, then its name
    (a one-word name such as "Actions" is no title), then the file name."""
    lines = sheet.title_candidates or []
    title, date, version = document_metadata([], [], lines, "")
    if sheet.line_dates:
        # A date cell's text may be month first (1/31/2019): read its day, not its text.
        days = sheet.line_dates.items()
        read = [(_day_first(text, days), size) for text, size in lines]
        date = document_metadata([], [], read, "")[1]
    s_title, s_date, s_version = meta_from_filename(sheet.sheet or "")
    if s_title and len(s_title.split()) < 2:
        s_title = None
    f_title, f_date, f_version = meta_from_filename(file_name) if file_name else (None,) * 3
    return (
        title or s_title or f_title,
        date or s_date or f_date,
        version or s_version or f_version,
    )


def _day_first(text: str, days: Iterable[tuple[str, dt.date]]) -> str:
    for shown, day in days:
        text = text.replace(shown, day.strftime("%d/%m/%Y"))
    return text


def sheet_named(doc: RawDocument, name: str) -> RawDocument:
    """Return the sheet called `name` (case and spacing aside), or raise naming them all."""
    want = " ".join(name.split()).casefold()
    for sheet in doc.sheets:
        if " ".join((sheet.sheet or "").split()).casefold() == want:
            return sheet
    names = ", ".join(repr(s.sheet) for s in doc.sheets) or "none"
    raise NoActionTable(doc.path, f"no sheet named {name!r}; its sheets are {names}")


def one_sheet(doc: RawDocument, sheet: RawDocument) -> RawDocument:
    """Return the document of one sheet read with the workbook's sheets that hold no
    action table (the key, the instructions), tables numbered afresh."""
    holding = {id(s) for s in action_sheets(doc)}
    others = [s for s in doc.sheets if s is not sheet and id(s) not in holding]
    tables = [dataclasses.replace(t) for s in [sheet, *others] for t in s.tables]
    for i, table in enumerate(tables):
        table.index = i
    workbook_notes = [w for w in doc.warnings if not any(w in s.warnings for s in doc.sheets)]
    return dataclasses.replace(
        doc,
        tables=tables,
        title_candidates=sheet.title_candidates,
        body_lines=list(sheet.body_lines),
        warnings=workbook_notes + [w for s in [sheet, *others] for w in s.warnings],
        sheet=sheet.sheet,
        sheets=doc.sheets,
    )


def choose_sheet(doc: RawDocument, name: str | None) -> RawDocument:
    """Return the document to read of a workbook: the sheet named, else the newest version
    sheet (with a warning naming the others), else the whole workbook."""
    if not doc.sheets:
        if name:
            doc.warnings.append(f"--sheet {name!r} ignored: the file is not a workbook")
        return doc
    if name:
        return one_sheet(doc, sheet_named(doc, name))
    versions = version_sheets(doc)
    if not versions:
        return doc
    newest = versions[-1]
    chosen = one_sheet(doc, newest)
    others = ", ".join(repr(s.sheet) for s in versions[:-1])
    chosen.warnings.insert(
        0,
        f"the workbook keeps {len(versions)} versions on its sheets; read the newest, "
        f"{newest.sheet!r} (the others: {others}; name one with --sheet)",
    )
    return chosen
