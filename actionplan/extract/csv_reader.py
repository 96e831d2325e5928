"""Read a tracker saved as CSV (Excel's "Save as CSV": UTF-8 with or without a BOM, or
cp1252) into the same raw tables as its workbook: one sheet named after the file."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from actionplan.errors import CorruptDocument
from actionplan.extract.base import RawDocument
from actionplan.extract.text_reader import decode_text
from actionplan.extract.xlsx_grid import grid_document
from actionplan.extract.xlsx_reader import MAX_CELLS

# Excel writes commas, or semicolons where the comma is the decimal mark; tabs are "Text".
DELIMITERS = ",;\t"


def read_csv(path: Path, *, data: bytes | None = None, **_: object) -> RawDocument:
    """Read a CSV file (or its bytes, `data`) into a RawDocument of one sheet."""
    text, warning = decode_text(path.read_bytes() if data is None else data)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text[: 64 * 1024], DELIMITERS
        )
    except csv.Error:
        dialect = csv.excel
    rows: dict[int, dict[int, str]] = {}
    cells = 0
    try:
        for number, record in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
            values = {col: value for col, value in enumerate(record, start=1) if value.strip()}
            cells += len(values)
            if cells > MAX_CELLS:
                raise CorruptDocument(path, f"refused: more than {MAX_CELLS:,} cells with text")
            if values:
                rows[number] = values
    except csv.Error as exc:
        raise CorruptDocument(path, f"not a readable CSV file ({exc})") from exc
    doc = grid_document(path, path.stem, rows, "csv")
    if warning:
        doc.warnings.insert(0, warning)
    return doc
