"""Read an Excel tracker (.xlsx, .xlsm) into raw tables, one document per worksheet.

The package's parts are inflated within zipparts' budget and each sheet is walked once
with lxml's iterparse, keeping only rows that hold text: a sheet's claimed dimension
(A1:XFD1048576), its styled empty rows and its column ranges cost nothing. What is kept
is what a Word table would give the layout stage: each cell's text (dates by their number
format, Alt+Enter lines as paragraphs), its fill (theme, indexed or RGB, or the fill a
conditional-formatting rule paints for the cell's word), merged cells as spans and
continuation cells. Rows above a sheet's first wide row (a merged title, "Review date:")
are its title lines; blank rows cut a sheet into tables, so a key below the actions is a
table of its own.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree
from openpyxl.utils.cell import column_index_from_string, get_column_letter, range_boundaries
from openpyxl.utils.datetime import from_excel

from actionplan.errors import CorruptDocument, UnsafeDocument, UnsupportedFormat
from actionplan.extract.base import RawDocument
from actionplan.extract.xlsx_cells import (
    MAIN_NS,
    STRICT_NS,
    Styles,
    local,
    parse_xml,
    read_styles,
    read_theme,
    shared_strings,
    string_item,
)
from actionplan.extract.xlsx_crypt import read_package
from actionplan.extract.xlsx_formula import Error
from actionplan.extract.xlsx_grid import paragraphs, sheet_document
from actionplan.extract.xlsx_numfmt import (
    LOCALE_SHORT_DATE,
    format_date,
    format_elapsed,
    format_number,
    is_date,
    is_elapsed,
    shows_full_date,
)
from actionplan.extract.xlsx_report import report_sheets
from actionplan.extract.xlsx_rules import extension_rule, make_rule
from actionplan.extract.xlsx_sheet import Cell, Merge, Sheet
from actionplan.extract.zipparts import ZipParts

PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
# The most cells with text one workbook may hold, and merged ranges and conditional rules
# one sheet may declare: a tracker holds thousands; past these the file is refused.
MAX_CELLS = 2_000_000
MAX_MERGES = 100_000
MAX_RULES = 10_000
MAX_SHEETS = 1000


def read_xlsx(
    path: Path, *, data: bytes | None = None, password: str | None = None, **_: object
) -> RawDocument:
    """Read an .xlsx or .xlsm workbook into a RawDocument with one sub-document a sheet
    (one saved with a password to open is decrypted with `password` first)."""
    data = read_package(path, data, password)
    parts = ZipParts(path, data)
    with parts.zf:
        return _Workbook(path, parts).read()


class _Workbook:
    def __init__(self, path: Path, parts: ZipParts) -> None:
        self.path = path
        self.parts = parts
        self.cells = 0

    def xml(self, name: str) -> etree._Element:
        try:
            return parse_xml(self.parts.read(name))
        except etree.XMLSyntaxError as exc:
            raise CorruptDocument(
                self.path, f"not a valid workbook (part {name} is not well-formed XML: {exc})"
            ) from exc

    def optional(self, name: str | None) -> bytes | None:
        return self.parts.read(name) if name and name in self.parts.names else None

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", f"{base}.rels")
        if rels_name not in self.parts.names:
            return {}
        out = {}
        for rel in self.xml(rels_name):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            name = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
            out[rel.get("Id") or ""] = (rel.get("Type") or "", name)
        return out

    def read(self) -> RawDocument:
        main = next(
            (n for t, n in self.rels("").values() if t.endswith("/officeDocument")),
            "xl/workbook.xml",
        )
        if main not in self.parts.names:
            raise CorruptDocument(self.path, "not a valid workbook (no workbook part)")
        book = self.xml(main)
        if local(book.tag) != "workbook":
            raise UnsupportedFormat(self.path, "the main part is not an Excel workbook")
        rels = self.rels(main)
        by_type = {t.rsplit("/", 1)[-1]: n for t, n in rels.values()}
        theme = read_theme(self.optional(by_type.get("theme")))
        styles = read_styles(self.optional(by_type.get("styles")), theme)
        strings = [
            paragraphs(t) for t in shared_strings(self.optional(by_type.get("sharedStrings")))
        ]
        pr = next((c for c in book if local(c.tag) == "workbookPr"), None)
        epoch = (
            dt.datetime(1904, 1, 1)
            if pr is not None and pr.get("date1904") in ("1", "true")
            else None
        )
        doc = RawDocument(path=self.path, format="xlsx")
        if styles.unknown_theme:
            doc.warnings.append(
                "the workbook's styles use theme colours but it has no theme part; "
                "those colours are read as no colour (RAG by shading may be missing)"
            )
        entries = [s for el in book if local(el.tag) == "sheets" for s in el]
        if len(entries) > MAX_SHEETS:
            raise UnsafeDocument(self.path, f"refused: the workbook claims {len(entries):,} sheets")
        for entry in entries:
            name = entry.get("name") or "?"
            rid = next((v for k, v in entry.attrib.items() if local(k) == "id"), "")
            kind, part = rels.get(rid, ("", ""))
            if not kind.endswith("/worksheet") or part not in self.parts.names:
                continue  # a chart sheet or a dialog: no cells
            if entry.get("state") in ("hidden", "veryHidden"):
                doc.warnings.append(f"sheet {name!r} is hidden (a helper sheet?); not read")
                continue
            walked = _walk(self, part, name, styles, strings, epoch)
            sheet = sheet_document(walked, styles, self.path)
            doc.sheets.append(sheet)
        report = report_sheets(doc)
        if report is not None:
            # actionplan's own report: its plans, not its sheets, are what it holds.
            doc.sheets = report
        for sheet in doc.sheets:
            for table in sheet.tables:
                table.index = len(doc.tables)
                doc.tables.append(table)
            doc.warnings.extend(sheet.warnings)
        first = next((s for s in doc.sheets if s.tables), None)
        doc.title_candidates = first.title_candidates if first else []
        return doc

    def count(self, n: int = 1) -> None:
        self.cells += n
        if self.cells > MAX_CELLS:
            raise UnsafeDocument(
                self.path, f"refused: the workbook holds more than {MAX_CELLS:,} cells with text"
            )


# The names of the elements a cell holds, by qualified tag, for the cells' hot loop.
_NAMES = {f"{{{ns}}}{n}": n for ns in (MAIN_NS, STRICT_NS) for n in ("c", "v", "f", "is")}
# The elements of a worksheet the walk reads, in both namespaces a workbook may use.
_WANTED = tuple(
    f"{{{ns}}}{name}"
    for ns in (MAIN_NS, STRICT_NS)
    for name in ("row", "mergeCell", "col", "conditionalFormatting")
)
# Excel 2010's rules in a sheet's extension list (a rule naming another sheet goes there).
X14_NS = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
XM_NS = "http://schemas.microsoft.com/office/excel/2006/main"
X14_RULES = f"{{{X14_NS}}}conditionalFormatting"
_WANTED += (X14_RULES,)


def _iterparse(data: bytes) -> Iterator[tuple[str, etree._Element]]:
    return etree.iterparse(  # type: ignore[no-any-return]
        io.BytesIO(data),
        events=("end",),
        tag=_WANTED,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=True,
        remove_comments=True,
    )


def _walk(
    book: _Workbook,
    part: str,
    name: str,
    styles: Styles,
    strings: list[str],
    epoch: dt.datetime | None,
) -> Sheet:
    """Walk a worksheet's XML once, keeping the rows that hold text."""
    sheet = Sheet(name)
    data = _drop_empty_rows(book.parts.read(part))
    row_number = 0
    try:
        for _, el in _iterparse(data):
            tag = local(el.tag)
            if tag == "row":
                row_number = _int(el.get("r"), row_number + 1)
                if len(el):
                    _take_row(book, sheet, el, row_number, styles, strings, epoch)
                if el.get("hidden") in ("1", "true"):
                    sheet.hidden_rows.add(row_number)
            elif tag == "mergeCell":
                for box in _ranges(el.get("ref", ""))[:1]:
                    if len(sheet.merges) >= MAX_MERGES:
                        raise UnsafeDocument(
                            book.path,
                            f"refused: sheet {name!r} declares over {MAX_MERGES:,} merged ranges",
                        )
                    sheet.merges.append(Merge(box[1], box[0], box[3], box[2]))
            elif tag == "col":
                if el.get("hidden") in ("1", "true"):
                    sheet.hidden_cols.append((_int(el.get("min"), 1), _int(el.get("max"), 1)))
            elif el.tag == X14_RULES:
                _extension_rules(el, sheet, book.path)
            else:  # conditionalFormatting
                sqref = el.get("sqref", "")
                ranges = _ranges(sqref)
                for rule in el:
                    if local(rule.tag) == "cfRule":
                        _rule(rule, ranges, sqref, sheet, book.path)
            _clear(el)
    except etree.XMLSyntaxError as exc:
        raise CorruptDocument(
            book.path, f"not a valid workbook (sheet {name!r} is not well-formed XML: {exc})"
        ) from exc
    return sheet


# A row holding no value: self-closed, or holding only cells without a value (a sheet
# formatted down to its bottom row writes a million of them).
_EMPTY_ROW = re.compile(rb"<row\b[^>]*?(?:/>|>(?:\s*<c\b[^>]*/>)*\s*</row>)")
_ROW_WITHOUT_NUMBER = re.compile(rb"<row(?![^>]*\br=)[\s/>]")


def _drop_empty_rows(data: bytes) -> bytes:
    """Remove the rows that hold no value before parsing, at the regex engine's speed;
    kept when a row has no number, since the rows after it are then counted."""
    if _ROW_WITHOUT_NUMBER.search(data):
        return data
    return _EMPTY_ROW.sub(b"", data)


def _take_row(
    book: _Workbook,
    sheet: Sheet,
    el: etree._Element,
    number: int,
    styles: Styles,
    strings: list[str],
    epoch: dt.datetime | None,
) -> None:
    """Keep a row's cells when one of them holds text."""
    row: dict[int, Cell] = {}
    col = 0
    for c in el:
        if _NAMES.get(c.tag) != "c":
            continue
        col = _column(c.get("r"), col + 1)
        cell = _cell(c, styles, strings, epoch, sheet, col, number)
        if cell is not None:
            row[col] = cell
    texts = sum(1 for c in row.values() if c.text)
    if texts:
        book.count(texts)
        if number in sheet.rows:
            # A row number given twice: keep both rows' cells (the later one's where both hold).
            sheet.repeated_rows.append(number)
            sheet.rows[number].update(row)
        else:
            sheet.rows[number] = row


def _clear(el: etree._Element) -> None:
    # Free what has been read: the element and the siblings before it.
    el.clear()
    parent = el.getparent()
    while parent is not None and el.getprevious() is not None:
        del parent[0]


def _cell(
    el: etree._Element,
    styles: Styles,
    strings: list[str],
    epoch: dt.datetime | None,
    sheet: Sheet,
    col: int,
    number: int,
) -> Cell | None:
    style = styles.of(_int(el.get("s"), 0))
    kind = el.get("t", "n")
    value: str | None = None
    formula = False
    inline: etree._Element | None = None
    for child in el:
        name = _NAMES.get(child.tag)
        if name == "v":
            value = child.text or ""
        elif name == "f":
            formula = True
        elif name == "is":
            inline = child
    text = ""
    typed: float | bool | Error | None = None  # what a formatting rule's formula sees
    day: dt.date | None = None  # the day a date cell holds
    if kind == "inlineStr" and inline is not None:
        text = string_item(inline)
    elif value is None or (formula and not value):
        if formula:
            sheet.uncached.append(f"{get_column_letter(col)}{number}")
    elif kind == "s":
        # Shared strings come with their paragraphs folded already (read()).
        index = _int(value, -1)
        if not 0 <= index < len(strings):
            sheet.lost_strings.append(f"{get_column_letter(col)}{number}")
        text = strings[index] if 0 <= index < len(strings) else ""
        return Cell(text, style.fill, style.font.size) if text or style.fill else None
    elif kind in ("str", "e"):
        text = value
        if kind == "e":
            typed = Error(value.strip())
            sheet.errors.append(f"{get_column_letter(col)}{number} ({value.strip()})")
    elif kind == "b":
        typed = value.strip() in ("1", "true")
        text = "TRUE" if typed else "FALSE"
    elif kind == "d":
        text, day = _iso_date(value, style.number_format)
    else:
        text, day = _number(value, style.number_format, epoch)
        typed = _float(value)
    text = paragraphs(text)
    if not text and style.fill is None:
        return None
    return Cell(text, style.fill, style.font.size, typed, day)


def _number(value: str, code: str, epoch: dt.datetime | None) -> tuple[str, dt.date | None]:
    """Return a number as its format shows it, and the day it stands for when the format
    shows a whole date (so that 1/31/2019 under m/d/yyyy is still 31 January)."""
    try:
        number = float(value)
    except ValueError:
        return value, None
    if not is_date(code):
        return format_number(number, code), None
    if is_elapsed(code):
        return format_elapsed(number, code), None
    try:
        stamp = from_excel(number, epoch) if epoch else from_excel(number)
    except (ValueError, OverflowError):
        return format_number(number, "General"), None
    if isinstance(stamp, dt.time):  # a time of day alone (a serial under 1)
        stamp = dt.datetime.combine(dt.date(1899, 12, 30), stamp)
    elif not isinstance(stamp, dt.datetime):
        if not isinstance(stamp, dt.date):
            return format_number(number, "General"), None
        stamp = dt.datetime.combine(stamp, dt.time())
    return format_date(stamp, code), stamp.date() if shows_full_date(code) else None


def _iso_date(value: str, code: str) -> tuple[str, dt.date | None]:
    try:
        stamp = dt.datetime.fromisoformat(value.strip().rstrip("Z"))
    except ValueError:
        return value, None
    code = code if is_date(code) else LOCALE_SHORT_DATE
    return format_date(stamp, code), stamp.date() if shows_full_date(code) else None


def _rule(
    el: etree._Element,
    ranges: list[tuple[int, int, int, int]],
    sqref: str,
    sheet: Sheet,
    path: Path,
) -> None:
    """Keep a conditional-formatting rule that may paint a fill (xlsx_rules judges it)."""
    if len(sheet.rules) >= MAX_RULES:
        raise UnsafeDocument(
            path, f"refused: sheet {sheet.name!r} has over {MAX_RULES:,} formatting rules"
        )
    rule = make_rule(
        el.get("type", ""),
        stop=el.get("stopIfTrue") in ("1", "true"),
        operator=el.get("operator", ""),
        formulas=[c.text or "" for c in el if local(c.tag) == "formula"],
        text=el.get("text"),
        dxf=_int(el.get("dxfId"), -1),
        priority=_int(el.get("priority"), MAX_RULES),
        order=len(sheet.rules),
        ranges=ranges,
        sqref=sqref,
    )
    if rule is not None:
        sheet.rules.append(rule)


def _extension_rules(el: etree._Element, sheet: Sheet, path: Path) -> None:
    """Keep an Excel 2010 conditionalFormatting element's rules, to be warned about."""
    sqref = next((c.text or "" for c in el if c.tag == f"{{{XM_NS}}}sqref"), "")
    ranges = _ranges(sqref)
    for child in el:
        if child.tag != f"{{{X14_NS}}}cfRule":
            continue
        if len(sheet.rules) >= MAX_RULES:
            raise UnsafeDocument(
                path, f"refused: sheet {sheet.name!r} has over {MAX_RULES:,} formatting rules"
            )
        rule = extension_rule(child.get("type", ""), sqref, ranges, len(sheet.rules))
        if rule is not None:
            sheet.rules.append(rule)


def _ranges(sqref: str) -> list[tuple[int, int, int, int]]:
    """Return (left, top, right, bottom) of each range of a reference list ("A1:B4 D7")."""
    out = []
    for ref in sqref.replace("$", "").split()[:MAX_RULES]:
        try:
            left, top, right, bottom = range_boundaries(ref)
        except (ValueError, TypeError):
            continue
        if None not in (left, top, right, bottom):
            out.append((int(left), int(top), int(right), int(bottom)))  # type: ignore[arg-type]
    return out


def _column(ref: str | None, default: int) -> int:
    letters = (ref or "").rstrip("0123456789$")
    return _column_index(letters) if letters else default


@functools.lru_cache(maxsize=1024)
def _column_index(letters: str) -> int:
    try:
        return column_index_from_string(letters.lstrip("$"))
    except ValueError:
        return 1


def _float(value: str) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
