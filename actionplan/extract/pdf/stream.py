"""Borderless tables, and tables ruled only between rows, from the alignment of their text.

Like Camelot's stream mode and pdfplumber's text strategy, columns come from where
words line up; unlike them, a column gap must be a river of white that runs through
every line of the table, so one long wrapping prose column (an action, an update)
beside short ones (ref, owner, due, RAG) is read as written:

- lines with three or more runs of words far apart are table lines; the white
  between their runs that no table line inks is where the columns part;
- the table is the run of lines around them that no word crosses; a short line
  that crosses (a section row) is a cell spanning the columns, a paragraph is not;
- a row starts where the first column starts a paragraph and no other column is
  still wrapping a paragraph across it, or at a horizontal rule where rules part
  the rows;
- a table that goes on from the page before keeps that page's columns when they cut
  none of its words, so a page without the header row is not read a column off.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from actionplan.extract.pdf.boxes import BBox
from actionplan.extract.pdf.lines import Line, group_lines, page_spacing, starts_paragraph
from actionplan.extract.pdf.tablefinder import page_words

# Runs of words on a line part where the gap is wider than this share of the font size.
RUN_GAP = 0.8
MIN_RUN_GAP = 4.0
# A river of white between columns is at least this share of the font size wide.
RIVER = 0.6
# A table line has at least this many runs; a table at least this many such lines.
MIN_RUNS = 3
MIN_TABLE_LINES = 2
# Lines further apart than this many font sizes belong to different blocks.
MAX_LINE_GAP = 2.0
# So many crossing lines in a row are prose, not a section row.
MAX_SPAN_LINES = 2
# A rule parts rows when it runs across this share of the table.
RULE_COVER = 0.6


@dataclass(frozen=True)
class Columns:
    """Where a table's columns part: its left and right ink and the cuts between columns."""

    left: float
    right: float
    cuts: tuple[float, ...]


@dataclass
class _Row:
    """One line of words across the page."""

    words: list[dict[str, Any]]
    top: float
    bottom: float
    size: float

    def spans(self) -> list[tuple[float, float]]:
        """Return the runs of words: words parted by no more than a word space."""
        gap = max(MIN_RUN_GAP, RUN_GAP * self.size)
        out = [(self.words[0]["x0"], self.words[0]["x1"])]
        for w in self.words[1:]:
            if w["x0"] - out[-1][1] > gap:
                out.append((w["x0"], w["x1"]))
            else:
                out[-1] = (out[-1][0], max(out[-1][1], w["x1"]))
        return out

    def runs(self) -> int:
        return len(self.spans())

    def crosses(self, cuts: tuple[float, ...]) -> bool:
        return any(a + 1 < x < b - 1 for a, b in self.spans() for x in cuts)


def _rows(words: list[dict[str, Any]]) -> list[_Row]:
    rows: list[_Row] = []
    for w in sorted(words, key=lambda w: (w["top"] + w["bottom"]) / 2):
        mid = (w["top"] + w["bottom"]) / 2
        if rows and rows[-1].top <= mid <= rows[-1].bottom:
            row = rows[-1]
            row.words.append(w)
            row.top, row.bottom = min(row.top, w["top"]), max(row.bottom, w["bottom"])
            row.size = max(row.size, w["bottom"] - w["top"])
        else:
            rows.append(_Row([w], w["top"], w["bottom"], w["bottom"] - w["top"]))
    for row in rows:
        row.words.sort(key=lambda w: w["x0"])
    return rows


def _rivers(rows: list[_Row], width: float) -> list[tuple[float, float]]:
    """Return the white intervals at least `width` wide that no word of the rows inks."""
    spans = sorted((w["x0"], w["x1"]) for r in rows for w in r.words)
    if not spans:
        return []
    out = []
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= width:
            out.append((reach, x0))
        reach = max(reach, x1)
    return out


def _cuts(rows: list[_Row], width: float) -> tuple[float, ...]:
    return tuple((a + b) / 2 for a, b in _rivers(rows, width))


def _blocks(rows: list[_Row], cuts: tuple[float, ...]) -> list[list[_Row]]:
    """Split the lines into runs that no word crosses, allowing short section rows."""
    blocks: list[list[_Row]] = []
    current: list[_Row] = []
    crossing = 0
    for row in rows:
        near = current and row.top - current[-1].bottom <= MAX_LINE_GAP * row.size
        spans = row.crosses(cuts)
        if not near or (spans and (row.runs() > 1 or crossing >= MAX_SPAN_LINES)):
            blocks.append(current)
            current, crossing = [], 0
            if spans and row.runs() > 1:
                continue
        current.append(row)
        crossing = crossing + 1 if spans else 0
    blocks.append(current)
    out = []
    for block in blocks:
        # A crossing line at either end is text around the table, not a section row.
        while block and block[0].crosses(cuts):
            block = block[1:]
        while block and block[-1].crosses(cuts):
            block = block[:-1]
        if block:
            out.append(block)
    return out


def stream_tables(
    page: Any, previous: Columns | None = None, words: list[dict[str, Any]] | None = None
) -> tuple[list[list[BBox]], Columns | None]:
    """Return the cells of each table the page's text alignment shows, and its columns.

    `previous` is the columns of a table at the end of the page before; the columns
    returned are this page's own evidence, for the next page. `words` are the page's
    words (`page.extract_words()`), when the caller has them.
    """
    if words is None:
        words = page_words(page)
    words = [w for w in words if w.get("upright", True)]
    rows = _rows(words)
    if not rows:
        return [], None
    size = sorted(r.size for r in rows)[len(rows) // 2]
    width = RIVER * size
    lined = [r for r in rows if r.runs() >= MIN_RUNS]
    own = _cuts(lined, width) if len(lined) >= MIN_TABLE_LINES else ()
    found: Columns | None = None
    blocks: list[tuple[list[_Row], list[BBox], Columns]] = []
    if len(own) >= 2:
        for block in _blocks(rows, own):
            table = _table(page, block, own, None, width)
            if table is not None:
                blocks.append((block, *table))
                # The own evidence goes to the next page, whatever this page keeps,
                # so that a page reads the same however the pages are shared out.
                found = table[1]
    if previous is not None:
        # The table at the top of the page may go on from the page before: it keeps
        # that page's columns where they cut none of its words and part more columns.
        hinted = next(
            (
                (block, *table)
                for block in _blocks(rows, previous.cuts)
                for table in [_table(page, block, previous.cuts, previous, width)]
                if table is not None
            ),
            None,
        )
        if hinted is not None:
            rest = [b for b in blocks if not set(map(id, b[0])) & set(map(id, hinted[0]))]
            beaten = [b for b in blocks if b not in rest]
            if all(len(b[2].cuts) < len(hinted[2].cuts) for b in beaten):
                blocks = [*rest, hinted]
    tables = [cells for _, cells, _ in blocks]
    tables.sort(key=lambda cells: (min(c[1] for c in cells), min(c[0] for c in cells)))
    return tables, found


def _table(
    page: Any,
    block: list[_Row],
    cuts: tuple[float, ...],
    previous: Columns | None,
    width: float,
) -> tuple[list[BBox], Columns] | None:
    lined = sum(1 for r in block if r.runs() >= MIN_RUNS and not r.crosses(cuts))
    fitting = [r for r in block if not r.crosses(cuts)]
    left = min(w["x0"] for r in block for w in r.words)
    right = max(w["x1"] for r in block for w in r.words)
    inner = tuple(x for x in cuts if left < x < right)
    hinted = previous is not None and cuts == previous.cuts
    if hinted and previous is not None:
        if left < previous.left - 10 or right > previous.right + 10:
            return None
    elif lined < MIN_TABLE_LINES:
        return None
    if lined < 1 or len(inner) < 2:
        return None
    # Many lines fill in white that a few table lines left: keep only the cuts in
    # rivers that every line of the block leaves open, moved to the river's middle.
    rivers = _rivers(fitting, 1.0)
    settled = []
    for x in inner:
        river = next(((a, b) for a, b in rivers if a <= x <= b), None)
        if river is not None and (hinted or river[1] - river[0] >= width):
            # A river that holds several cuts (a column empty on this page) keeps them.
            alone = sum(1 for y in inner if river[0] <= y <= river[1]) == 1
            settled.append((river[0] + river[1]) / 2 if alone else x)
    if len(settled) < 2:
        return None
    columns = Columns(left, right, tuple(settled))
    return _cells(page, block, columns), columns


def _cells(page: Any, block: list[_Row], columns: Columns) -> list[BBox]:
    """Cut the block into rows and each row into cells at the cuts none of its words cross."""
    cuts = columns.cuts
    edges = [columns.left - 1.0, *cuts, columns.right + 1.0]
    top, bottom = block[0].top - 1.0, block[-1].bottom + 1.0
    spans = [r for r in block if r.crosses(cuts)]
    chars = [
        ch
        for ch in page.chars
        if top <= (ch["top"] + ch["bottom"]) / 2 <= bottom
        and not any(r.top <= (ch["top"] + ch["bottom"]) / 2 <= r.bottom for r in spans)
    ]
    per_column: list[list[Line]] = []
    for a, b in itertools.pairwise(edges):
        inside = [ch for ch in chars if a <= (ch["x0"] + ch["x1"]) / 2 < b]
        per_column.append(sorted(group_lines(inside), key=lambda line: line.top))
    # A column's lines wrap at its widest line; the cell box ends there.
    ends = [
        max((line.end for line in lines), default=b)
        for lines, b in zip(per_column, edges[1:], strict=True)
    ]
    starts = [
        min((line.start for line in lines), default=a)
        for lines, a in zip(per_column, edges[:-1], strict=True)
    ]
    tops = _row_tops(page, block, spans, per_column, ends, columns)
    boxes: list[BBox] = []
    bounds = [*tops, bottom]
    for y0, y1 in itertools.pairwise(bounds):
        band = [w for r in block for w in r.words if y0 <= (w["top"] + w["bottom"]) / 2 < y1]
        open_cuts = [
            i for i, x in enumerate(cuts) if not any(w["x0"] + 1 < x < w["x1"] - 1 for w in band)
        ]
        col = 0
        for stop in [*(i + 1 for i in open_cuts), len(edges) - 1]:
            x0 = edges[col]
            pad = max(0.0, starts[col] - x0)
            x1 = min(edges[stop], ends[stop - 1] + pad + 0.5)
            boxes.append((x0, y0, x1, y1))
            col = stop
    return boxes


def _row_tops(
    page: Any,
    block: list[_Row],
    spans: list[_Row],
    per_column: list[list[Line]],
    ends: list[float],
    columns: Columns,
) -> list[float]:
    """Return the top of each row: at rules where rules part the rows, else from the text."""
    top, bottom = block[0].top, block[-1].bottom
    span = columns.right - columns.left
    rules = sorted(
        {
            round(e["top"], 1)
            for e in getattr(page, "horizontal_edges", [])
            if top < e["top"] < bottom
            and min(e["x1"], columns.right) - max(e["x0"], columns.left) >= RULE_COVER * span
        }
    )
    if len(rules) >= 2:
        return [top - 1.0, *(y for y in rules if y > top + 1.0)]
    spacing = page_spacing([(lines, end) for lines, end in zip(per_column, ends, strict=True)])
    starts: set[float] = {block[0].top}
    if len(block) > 1 and not any(
        _wraps_across(lines, block[1].top, spacing, end)
        for lines, end in zip(per_column, ends, strict=True)
    ):
        # A first row of one line (a header row repeated at the top of a page) has
        # ended where the next line starts, even when that line leaves the first column empty.
        starts.add(block[1].top)
    for r in spans:
        starts.add(r.top)
        after = next((b for b in block if b.top > r.bottom), None)
        if after is not None:
            starts.add(after.top)
    first = per_column[0]
    for i, line in enumerate(first):
        if i and not starts_paragraph(first[i - 1], line, spacing, ends[0]):
            continue
        if not any(
            _wraps_across(lines, line.top, spacing, end)
            for lines, end in zip(per_column[1:], ends[1:], strict=True)
        ):
            starts.add(line.top)
    starts.update(rules)
    ordered = sorted(starts)
    out: list[float] = []
    for y in ordered:
        above = [r.bottom for r in block if r.bottom <= y + 0.5]
        cut = (max(above) + y) / 2 if above else y - 1.0
        if not out or cut > out[-1] + 0.5:
            out.append(cut)
    return out


def _wraps_across(lines: list[Line], y: float, spacing: Any, end: float) -> bool:
    """Tell whether a column's paragraph wraps from above `y` onto a line at or below it."""
    below = next((i for i, line in enumerate(lines) if line.bottom > y + 0.5), None)
    if not below:
        return False
    return not starts_paragraph(lines[below - 1], lines[below], spacing, end)
