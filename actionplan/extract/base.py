"""The one intermediate type every reader returns: a document as raw tables of raw cells.

Readers know file formats and nothing about dates, owners or RAG; they hand
`RawDocument` to the layout stage (`actionplan.extract.layout`), which finds the
action table, and to the normalisers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol


@dataclass
class RawCell:
    """One table cell as read: its paragraphs of text and its fill colour.

    `text` is the paragraphs joined by "\\n"; a bullet paragraph starts with "• ".
    `fill` is the background colour as upper-case "RRGGBB", or None when unshaded.
    `span` is how many grid columns the cell covers (Word gridSpan, PDF merged cells).
    `merged_above` marks a vertical-merge continuation: the cell above holds the text.
    `date` is the day a spreadsheet's date cell holds, whose text shows it as the cell's
    format does (1/31/2019 under m/d/yyyy): a date read from the text alone may differ.
    """

    text: str = ""
    fill: str | None = None
    span: int = 1
    merged_above: bool = False
    date: dt.date | None = None

    @property
    def paragraphs(self) -> list[str]:
        return self.text.split("\n") if self.text else []


@dataclass
class RawRow:
    """One table row: its cells, the page it starts on, and whether it is a header row."""

    cells: list[RawCell]
    page: int | None = None
    index: int = 0
    is_header: bool = False
    # The page the row ends on, when it runs over a page break (Word's rendered breaks).
    last_page: int | None = None
    # The row's number in its worksheet (1 is the first), for a spreadsheet's cell address.
    number: int | None = None

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass
class RawTable:
    """One table (or one page's piece of a table) in document order."""

    rows: list[RawRow]
    page: int | None = None
    index: int = 0
    # The lines of text between the previous table and this one (a heading above it).
    before: list[str] = field(default_factory=list)
    # A spreadsheet's table: its sheet's name and the column letters of its grid columns.
    sheet: str | None = None
    columns: list[str] = field(default_factory=list)


@dataclass
class RawDocument:
    """Everything a reader found in a file that later stages need."""

    path: Path
    format: str
    tables: list[RawTable] = field(default_factory=list)
    # Text of page headers and of paragraphs outside tables, in document order.
    header_lines: list[str] = field(default_factory=list)
    body_lines: list[str] = field(default_factory=list)
    pages: int | None = None
    tracked_changes: bool = False
    warnings: list[str] = field(default_factory=list)
    # The lines of page 1 above the first table, in order, each with its size relative to
    # the document's ordinary text (1.0; 0.0 when the format has no sizes): the evidence
    # for the title and review date. None when the reader cannot tell where they are.
    title_candidates: list[tuple[str, float]] | None = None
    # Pages whose content did not decode cleanly: actions on them may be missing.
    damaged_pages: list[int] = field(default_factory=list)
    # Damage beyond any one page (the page list, compressed parts shared by pages), each
    # as the warning says it: content may be missing, and the reading is less sure.
    damage: list[str] = field(default_factory=list)
    # A workbook's worksheets, each read as a document of its own (its tables, title lines
    # and warnings); `tables` then holds every sheet's tables in sheet order.
    sheets: list[RawDocument] = field(default_factory=list)
    # The worksheet this document is (one sheet of a workbook, or the one chosen of it).
    sheet: str | None = None
    # The texts of date cells among a sheet's title lines, each with the day it stands for
    # (a "Review date:" cell shown month first, 1/31/2019, is 31 January).
    line_dates: dict[str, dt.date] = field(default_factory=dict)


class Reader(Protocol):
    """A format backend: read a file into a RawDocument or raise an ActionplanError.

    `data` is the file's bytes when the caller has read them already (the pipeline reads
    each file once); `workers` is how many processes may share a long document.
    The formats table (actionplan.rules.FORMATS) names each format's reader.
    """

    def __call__(
        self,
        path: Path,
        *,
        data: bytes | None = None,
        password: str | None = None,
        workers: int = 1,
        pdf_engine: str | None = None,
    ) -> RawDocument: ...
