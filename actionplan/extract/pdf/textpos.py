"""Table columns from text positions, where a table has no column rules.

pdfplumber's text strategy finds column gaps from where words line up; on prose it
invents columns, so a table found that way is kept only when no words are cut.
"""

from __future__ import annotations

import bisect
import itertools
from typing import Any

from actionplan.extract.pdf.boxes import BBox, bbox_of
from actionplan.extract.pdf.source import release
from actionplan.extract.pdf.tablefinder import (
    crossings,
    find_tables,
    full_grid,
    page_words,
    tables_of,
)

TEXT_SETTINGS: dict[str, Any] = {"vertical_strategy": "text", "horizontal_strategy": "text"}
HYBRID_SETTINGS: dict[str, Any] = {"vertical_strategy": "text", "horizontal_strategy": "lines"}


def columns_from_text(page: Any, rows: list[BBox]) -> list[BBox] | None:
    """Split the rows of a table ruled only across into columns found from its text.

    A row is cut only at column lines that cut none of its words, so a heading
    that runs across columns stays one (spanning) cell.
    """
    x0, top, x1, bottom = bbox_of(rows)
    b = page.bbox
    # A margin keeps the rules on the table's outline inside the crop.
    m = 2.0
    inner = page.crop(
        (max(x0 - m, b[0]), max(top - m, b[1]), min(x1 + m, b[2]), min(bottom + m, b[3]))
    )
    try:
        words = page_words(inner)
        table = next(
            (
                t
                for t in find_tables(inner, HYBRID_SETTINGS, words)
                if _plausible_text_table(t, words)
            ),
            None,
        )
    finally:
        # The cropped page's characters are its own copies.
        release(inner)
    if table is None:
        return None
    # The leftmost line is where the text starts, not a line between columns.
    starts = sorted({c[0] for c in table.cells})[1:]
    lines = [x for x in starts if x0 + 3 < x < x1 - 3]
    if len(lines) < 2:
        return None
    cells: list[BBox] = []
    for rx0, rtop, rx1, rbottom in rows:
        inside = [w for w in words if rtop <= (w["top"] + w["bottom"]) / 2 < rbottom]
        cuts = [x for x in lines if not any(w["x0"] + 1 < x < w["x1"] - 1 for w in inside)]
        edges = [rx0, *(x for x in cuts if rx0 < x < rx1), rx1]
        cells.extend((a, rtop, b, rbottom) for a, b in itertools.pairwise(edges))
    return cells


def _plausible_text_table(table: Any, words: list[dict[str, Any]]) -> bool:
    """Accept a borderless table with 3+ columns, 2+ full rows, and no words cut in two.

    On prose, pdfplumber's text strategy invents columns that slice through words;
    a real borderless table has its column gaps between words.
    """
    cells: list[BBox] = list(table.cells)
    xs = sorted({c[0] for c in cells})
    ys = sorted({c[1] for c in cells})
    return _plausible(xs, ys, table.bbox, words)


def _plausible(xs: list[float], ys: list[float], bbox: BBox, words: list[dict[str, Any]]) -> bool:
    """The test of `_plausible_text_table`, given the cells' left edges, tops and outline."""
    if len(xs) < 3 or len(ys) < 2:
        return False
    x0, top, x1, bottom = bbox
    filled: dict[int, set[int]] = {}
    cut = inside = 0
    for w in words:
        cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            continue
        inside += 1
        filled.setdefault(bisect.bisect_right(ys, cy), set()).add(bisect.bisect_right(xs, cx))
        # A column line strictly inside the word cuts it.
        i = bisect.bisect_right(xs, w["x0"] + 1)
        if i < len(xs) and xs[i] < w["x1"] - 1:
            cut += 1
    full = sum(1 for cols in filled.values() if len(cols) >= 3)
    return full >= 2 and cut <= max(1, 0.02 * inside)


def text_tables(page: Any, words: list[dict[str, Any]] | None = None) -> list[list[BBox]]:
    """Return the cells of each borderless table that the page's text alignment shows.

    `words` are the page's words (`page.extract_words()`), when the caller has them.
    On prose the text strategy's crossings make one full grid whose columns cut words
    (`tablefinder.full_grid`): it is refused from the grid itself, before the finder
    searches the crossings for cells and tables.
    """
    if words is None:
        words = page_words(page)
    points = crossings(page, TEXT_SETTINGS, words)
    grid = full_grid(points)
    if grid is not None:
        xs, ys = grid
        if len(xs) < 2 or len(ys) < 2:
            return []  # no space between two columns and two rows: no cell
        # The grid's cells start at every column and row but the last.
        if not _plausible(xs[:-1], ys[:-1], (xs[0], ys[0], xs[-1], ys[-1]), words):
            return []
    return [list(t.cells) for t in tables_of(page, points) if _plausible_text_table(t, words)]
