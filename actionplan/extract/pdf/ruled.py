"""Ruled tables: pdfplumber's lattice cells laid out on a grid.

A cell covering several grid columns spans them; one covering rows below its own
is a vertical merge. A table ruled only across gets its columns from the text.
"""

from __future__ import annotations

import bisect
import itertools
from typing import Any

from actionplan.extract.base import RawCell, RawRow
from actionplan.extract.pdf.boxes import BBox, within
from actionplan.extract.pdf.fills import cell_fill
from actionplan.extract.pdf.lines import Line, Spacing, group_lines, paragraphs, right_limit
from actionplan.extract.pdf.tablefinder import find_tables
from actionplan.extract.pdf.textpos import columns_from_text

LINES_SETTINGS: dict[str, Any] = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def ruled_tables(page: Any) -> tuple[list[list[BBox]], bool]:
    """Return the cells of each ruled table, and whether any took its columns from the text."""
    borderless = False
    tables = [list(t.cells) for t in find_tables(page, LINES_SETTINGS)]
    for i, cells in enumerate(tables):
        # Only horizontal rules (Word's "Plain Table" styles): one column of whole
        # lines. Take the columns from the text's alignment inside the table.
        if len({c[0] for c in cells}) == 1 and len(cells) >= 2:
            hybrid = columns_from_text(page, cells)
            if hybrid:
                tables[i] = hybrid
                borderless = True
    return tables, borderless


class Grid:
    """A table's cells laid out on its grid of column starts and row tops."""

    def __init__(
        self, cells: list[BBox], chars: list[dict[str, Any]], shading: list[dict[str, Any]]
    ) -> None:
        self.xs = xs = sorted({c[0] for c in cells})
        self.cells = cells = _split_by_shading(cells, xs, shading)
        self.ys = ys = sorted({c[1] for c in cells})
        self.owner: list[list[int | None]] = [[None] * len(xs) for _ in ys]
        self.first: list[tuple[int, int]] = []
        self.cover: list[tuple[int, int]] = []
        for n, (x0, top, x1, bottom) in enumerate(cells):
            c0, r0 = xs.index(x0), ys.index(top)
            c1 = max(c0 + 1, bisect.bisect_left(xs, x1 - 0.01))
            r1 = max(r0 + 1, bisect.bisect_left(ys, bottom - 0.01))
            self.first.append((r0, c0))
            self.cover.append((c1 - c0, r1 - r0))
            for r in range(r0, r1):
                for c in range(c0, c1):
                    if self.owner[r][c] is None:
                        self.owner[r][c] = n
        per_cell: list[list[dict[str, Any]]] = [[] for _ in cells]
        owner, right = self.owner, bisect.bisect_right
        for ch in chars:
            x, y = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
            c, r = right(xs, x) - 1, right(ys, y) - 1
            # The cell that owns the grid square, when the centre is inside it.
            owned = owner[r][c] if r >= 0 and c >= 0 else None
            if owned is not None:
                x0, top, x1, bottom = cells[owned]
                if x0 <= x < x1 and top <= y < bottom:
                    per_cell[owned].append(ch)
                    continue
            at = self._cell_at(x, y)
            if at is not None:
                per_cell[at].append(ch)
        self.lines = [group_lines(cs) for cs in per_cell]

    def _cell_at(self, x: float, y: float) -> int | None:
        c = bisect.bisect_right(self.xs, x) - 1
        r = bisect.bisect_right(self.ys, y) - 1
        n = self.owner[r][c] if r >= 0 and c >= 0 else None
        if n is not None and within(x, y, self.cells[n]):
            return n
        return next((i for i, box in enumerate(self.cells) if within(x, y, box)), None)

    def limited_lines(self) -> list[tuple[list[Line], float | None]]:
        """Return each cell's lines with the right edge where they wrap."""
        return [
            (lines, right_limit(lines, box))
            for lines, box in zip(self.lines, self.cells, strict=True)
        ]

    def rows(self, shading: list[dict[str, Any]], page: int, spacing: Spacing) -> list[RawRow]:
        """Return the rows: spans, vertical-merge continuations, paragraphs and fills."""
        texts = [paragraphs(lines, spacing, limit) for lines, limit in self.limited_lines()]
        fills = [cell_fill(c, shading) for c in self.cells]
        ncols = len(self.xs)
        out_rows: list[RawRow] = []
        for r in range(len(self.ys)):
            out: list[RawCell] = []
            c = 0
            while c < ncols:
                n = self.owner[r][c]
                if n is None:
                    out.append(RawCell())
                    c += 1
                    continue
                r0, c0 = self.first[n]
                span = max(1, min(self.cover[n][0] - (c - c0), ncols - c))
                if r0 == r:
                    out.append(RawCell(text=texts[n], fill=fills[n], span=span))
                else:
                    # Covered by a cell from a row above: a vertical merge.
                    out.append(RawCell(fill=fills[n], span=span, merged_above=True))
                c += span
            out_rows.append(RawRow(cells=out, page=page, index=r))
        return out_rows


def _split_by_shading(
    cells: list[BBox], xs: list[float], shading: list[dict[str, Any]]
) -> list[BBox]:
    """Split a merged cell where two shading rectangles meet on a column line.

    Word tables often have no vertical borders between shaded header cells, so the
    ruling alone merges them; the shading rectangles still show where cells end.
    Only existing grid columns are used, so no column is invented.
    """
    out: list[BBox] = []
    for cell in cells:
        x0, top, x1, bottom = cell
        inner = [x for x in xs if x0 + 1 < x < x1 - 1]
        if not inner or not shading:
            out.append(cell)
            continue
        height = bottom - top
        rects = [
            r
            for r in shading
            if min(bottom, r["bottom"]) - max(top, r["top"]) >= 0.5 * height
            and r["x0"] < x1
            and r["x1"] > x0
        ]
        cuts = [
            x
            for x in inner
            if any(abs(r["x0"] - x) <= 3 or abs(r["x1"] - x) <= 3 for r in rects)
            and not any(r["x0"] < x - 3 and r["x1"] > x + 3 for r in rects)
        ]
        edges = [x0, *cuts, x1]
        out.extend((a, top, b, bottom) for a, b in itertools.pairwise(edges))
    return out
