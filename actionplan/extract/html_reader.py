"""Read an HTML page (a plan saved as a web page) into raw tables."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from actionplan.errors import CorruptDocument, UnsafeDocument
from actionplan.extract.base import RawCell, RawDocument, RawRow, RawTable
from actionplan.extract.text_reader import decode_text

BLOCK_TAGS = {"p", "div", "li", "br", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}
BG_RE = re.compile(r"background(?:-color)?\s*:\s*#?([0-9a-fA-F]{6})\b")
# HTML's own limit for colspan (browsers clamp to it); a table is never wider than this.
MAX_SPAN = 1000
# How deep tables may nest inside one another's cells.
MAX_DEPTH = 50
# A table's end tag may not be left out (HTML leaves out </td>, </tr>, </body>, never
# </table>): a page with more tables opened than closed was cut short inside one.
TABLE_OPEN = re.compile(r"<table\b", re.I)
TABLE_CLOSE = re.compile(r"</table\s*>", re.I)
CUT_SHORT = "the page ends inside a table (it was cut short?): actions after the cut may be missing"


def read_html(
    path: Path, *, data: bytes | None = None, password: str | None = None, **_: object
) -> RawDocument:
    """Read the tables and headings of an HTML file."""
    text, warning = decode_text(path.read_bytes() if data is None else data)
    parser = lxml_html.HTMLParser()
    try:
        root = lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise CorruptDocument(path, f"not readable HTML ({exc})") from exc
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        # libxml2 stops at 256 levels and drops what lies deeper: refuse rather than lose it.
        raise UnsafeDocument(path, "refused: elements nested more than 256 deep")
    doc = RawDocument(path=path, format="html")
    if warning:
        doc.warnings.append(warning)
    if len(TABLE_OPEN.findall(text)) > len(TABLE_CLOSE.findall(text)):
        doc.warnings.append(CUT_SHORT)
    for table in root.iter("table"):
        # Nested tables are read as text of their cell.
        depth = sum(a.tag == "table" for a in table.iterancestors())
        if depth >= MAX_DEPTH:
            raise UnsafeDocument(path, f"refused: tables nested more than {MAX_DEPTH} deep")
        if depth:
            continue
        rows: list[RawRow] = []
        for tds in _rows(table):
            cells = [RawCell(text=_cell_text(td), fill=_fill(td), span=_span(td)) for td in tds]
            rows.append(
                RawRow(cells=cells, index=len(rows), is_header=all(td.tag == "th" for td in tds))
            )
        _clamp_spans(path, rows)
        doc.tables.append(RawTable(rows=rows, index=len(doc.tables)))
    for el in root.iter("h1", "h2", "h3", "title", "p"):
        if any(a.tag == "table" for a in el.iterancestors()):
            continue
        line = " ".join(el.text_content().split())
        if line:
            doc.body_lines.append(line)
    return doc


def _rows(table: etree._Element) -> list[list[etree._Element]]:
    """Return the cells of each row of `table` (not of tables nested in it), in order.

    A cell belongs to the <tr> it is in, even inside an element that has no business
    there (a damaged tag). Cells in no <tr> (a row whose start tag is lost: libxml2 leaves
    its cells in the table body) form a row of their own, as a browser reads them.
    """
    rows: list[list[etree._Element]] = []
    current: etree._Element | None = None  # the <tr>, or the parent of loose cells
    for el in table.iter("tr", "td", "th"):
        row = _row_of(el, table)
        if row is None:
            continue
        if el.tag == "tr" or row is not current:
            rows.append([])
            current = row
        if el.tag != "tr":
            rows[-1].append(el)
    return rows


def _row_of(el: etree._Element, table: etree._Element) -> etree._Element | None:
    """Return what `el` (a row or cell of `table`) is a row of: its <tr>, itself for a
    <tr>, the parent of a cell in no <tr>; None for what is not `table`'s own (a nested
    table's rows, a cell inside another cell)."""
    if el.tag == "tr":
        return el if _owner_table(el) is table else None
    parent = el.getparent()
    for a in el.iterancestors():
        if a.tag in ("td", "th"):
            return None
        if a.tag == "tr":
            return a if _owner_table(a) is table else None
        if a.tag == "table":
            return parent if a is table else None
    return None


def _owner_table(tr: etree._Element) -> etree._Element | None:
    for a in tr.iterancestors():
        if a.tag == "table":
            return a
    return None


def _cell_text(td: etree._Element) -> str:
    lines = [" ".join(line.split()) for line in "".join(_walk(td)).split("\n")]
    return "\n".join(line for line in lines if line)


def _walk(root: etree._Element) -> list[str]:
    """Return the text pieces of an element, a line break around each block (no recursion:
    elements may nest thousands deep)."""
    out: list[str] = []
    _open(root, out)
    stack = [(root, iter(root))]
    while stack:
        el, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if el.tag in BLOCK_TAGS:
                out.append("\n")
            if stack and el.tail:
                out.append(el.tail)
        elif isinstance(child.tag, str):
            _open(child, out)
            stack.append((child, iter(child)))
        elif child.tail:  # a comment: only the text after it
            out.append(child.tail)
    return out


def _open(el: etree._Element, out: list[str]) -> None:
    if el.tag in BLOCK_TAGS:
        out.append("\n")
    if el.tag == "li":
        out.append("• ")
    if el.text:
        out.append(el.text)


def _span(td: etree._Element) -> int:
    value = (td.get("colspan") or "1").strip()
    try:
        return max(1, int(value))
    except ValueError:
        return 1


def _clamp_spans(path: Path, rows: list[RawRow]) -> None:
    """Cut colspans to the table's real width (its widest row's cells); refuse a span wider
    than HTML allows and than the table itself."""
    width = max((len(r.cells) for r in rows), default=1)
    for r in rows:
        for c in r.cells:
            if c.span > max(width, MAX_SPAN):
                raise UnsafeDocument(
                    path, f"refused: a table cell claims to span {c.span:,} columns"
                )
            c.span = min(c.span, width)


def _fill(td: etree._Element) -> str | None:
    bg = td.get("bgcolor", "").lstrip("#")
    if len(bg) == 6:
        return bg.upper()
    m = BG_RE.search(td.get("style", ""))
    return m.group(1).upper() if m else None
