"""Read an HTML page (a plan saved as a web page) into raw tables."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from actionplan.errors import CorruptDocument
from actionplan.extract.base import RawCell, RawDocument, RawRow, RawTable
from actionplan.extract.text_reader import decode_text

BLOCK_TAGS = {"p", "div", "li", "br", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}
BG_RE = re.compile(r"background(?:-color)?\s*:\s*#?([0-9a-fA-F]{6})\b")


def read_html(
    path: Path, *, data: bytes | None = None, password: str | None = None, **_: object
) -> RawDocument:
    """Read the tables and headings of an HTML file."""
    text, warning = decode_text(path.read_bytes() if data is None else data)
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise CorruptDocument(path, f"not readable HTML ({exc})") from exc
    doc = RawDocument(path=path, format="html")
    if warning:
        doc.warnings.append(warning)
    for table in root.iter("table"):
        # Nested tables are read as text of their cell.
        if any(a.tag == "table" for a in table.iterancestors()):
            continue
        rows: list[RawRow] = []
        for tr in table.iter("tr"):
            if _owner_table(tr) is not table:
                continue
            cells = [
                RawCell(
                    text=_cell_text(td),
                    fill=_fill(td),
                    span=max(1, int(td.get("colspan", "1") or 1))
                    if (td.get("colspan") or "1").isdigit()
                    else 1,
                )
                for td in tr
                if td.tag in ("td", "th")
            ]
            rows.append(
                RawRow(cells=cells, index=len(rows), is_header=all(td.tag == "th" for td in tr))
            )
        doc.tables.append(RawTable(rows=rows, index=len(doc.tables)))
    for el in root.iter("h1", "h2", "h3", "title", "p"):
        if any(a.tag == "table" for a in el.iterancestors()):
            continue
        line = " ".join(el.text_content().split())
        if line:
            doc.body_lines.append(line)
    return doc


def _owner_table(tr: etree._Element) -> etree._Element | None:
    for a in tr.iterancestors():
        if a.tag == "table":
            return a
    return None


def _cell_text(td: etree._Element) -> str:
    parts: list[str] = []
    for piece in _walk(td):
        parts.append(piece)
    lines = [" ".join(line.split()) for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)


def _walk(el: etree._Element):  # type: ignore[no-untyped-def]
    if el.tag in BLOCK_TAGS:
        yield "\n"
    if el.tag == "li":
        yield "• "
    if el.text:
        yield el.text
    for child in el:
        if isinstance(child.tag, str):
            yield from _walk(child)
        if child.tail:
            yield child.tail
    if el.tag in BLOCK_TAGS:
        yield "\n"


def _span(td: etree._Element) -> int:
    value = (td.get("colspan") or "1").strip()
    return max(1, min(int(value), 64)) if value.isdigit() else 1


def _fill(td: etree._Element) -> str | None:
    bg = td.get("bgcolor", "").lstrip("#")
    if len(bg) == 6:
        return bg.upper()
    m = BG_RE.search(td.get("style", ""))
    return m.group(1).upper() if m else None
