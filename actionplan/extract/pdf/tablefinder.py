"""pdfplumber's table finder, with its cell search made linear and a page's words read once.

`pdfplumber.table.intersections_to_cells` looks, for every crossing of two edges, at
every later crossing to find the ones straight below and to the right of it, and
turns the edges of both ends into sets again for every pair it tries: on a prose page
the text strategy makes hundreds of crossings (two for each line of text at each
column edge), and that search was a fifth of a PDF's reading. `intersections_to_cells`
here finds the very same cells, in the same order, from crossings indexed by column
and by row and each crossing's edges turned into a set once
(`tests/test_pdf_tablefinder.py` checks it against pdfplumber's on every page of the
samples and the corpus, and on random crossings).

On prose, the text strategy's crossings make one full grid (`full_grid`), whose one
table is known without the cell search: `textpos.text_tables` refuses it from the grid.

The text strategy reads the page's words; `find_tables` takes them when the caller has
them already, so a page is not split into words three times (the borderless-table
search, its plausibility check, and the table finder). The lines strategy reads the
page's edges, made once and with only the keys the finder reads (`page_edges`).
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any, cast

from pdfplumber import table as plumber_table
from pdfplumber.table import (
    Table,
    TableFinder,
    TableSettings,
    cells_to_tables,
    edges_to_intersections,
    merge_edges,
    words_to_edges_h,
)
from pdfplumber.utils.geometry import curve_to_edges, filter_edges, get_bbox_overlap

from actionplan.extract.pdf.words import extract_words

BBox = tuple[float, float, float, float]
Point = tuple[float, float]


# How the text strategy splits a page into words (pdfplumber's TableSettings fills in
# its tolerances), which are also `extract_words()`'s defaults.
WORD_SETTINGS: dict[str, Any] = dict(TableSettings.resolve({}).text_settings or {})


def page_words(page: Any) -> list[dict[str, Any]]:
    """Return the page's words as the text strategy reads them (pdf/words.py)."""
    return extract_words(page.chars, **WORD_SETTINGS)


class _Known:
    """A page whose words may be known already, and whose edges are made once.

    pdfplumber makes a page's edges anew from its lines and rectangles each time they
    are asked for, and the finder asks once for the vertical and once for the
    horizontal ones. Everything else is the page's own.
    """

    def __init__(self, page: Any, words: list[dict[str, Any]] | None) -> None:
        self._page = page
        self._words = words
        self._edges: list[dict[str, Any]] | None = None

    def extract_words(self, **settings: Any) -> list[dict[str, Any]]:
        if self._words is None or (settings and settings != WORD_SETTINGS):
            return list(self._page.extract_words(**settings))
        return self._words

    @property
    def edges(self) -> list[dict[str, Any]]:
        if self._edges is None:
            self._edges = page_edges(self._page)
        return self._edges

    def __getattr__(self, name: str) -> Any:
        return getattr(self._page, name)


def page_edges(page: Any) -> list[dict[str, Any]]:
    """Return the page's edges as `page.edges` makes them, with only the keys the finder reads.

    pdfplumber copies every key of a line or rectangle (its colours, points, stroke)
    into each edge made from it, and the table finder copies each edge again as it
    snaps and joins them; the finder reads only the edge's box, length, orientation
    and kind. The edges come in pdfplumber's order, lines, rectangles (top, bottom,
    left, right), curves, with pdfplumber's values.
    """
    edges: list[dict[str, Any]] = []
    for line in page.lines:
        x0, top, x1, bottom = line["x0"], line["top"], line["x1"], line["bottom"]
        edges.append(
            {
                "object_type": line["object_type"],
                "x0": x0,
                "x1": x1,
                "top": top,
                "bottom": bottom,
                "doctop": line["doctop"],
                "width": line["width"],
                "height": line["height"],
                "orientation": "h" if top == bottom else "v",
            }
        )
    for rect in page.rects:
        x0, top, x1, bottom = rect["x0"], rect["top"], rect["x1"], rect["bottom"]
        width, height, doctop = rect["width"], rect["height"], rect["doctop"]
        edges += (
            _edge(x0, x1, top, top, doctop, width, 0, "h"),
            _edge(x0, x1, top + height, bottom, doctop + height, width, 0, "h"),
            _edge(x0, x0, top, bottom, doctop, 0, height, "v"),
            _edge(x1, x1, top, bottom, doctop, 0, height, "v"),
        )
    for curve in page.curves:
        edges.extend(curve_to_edges(curve))
    return edges


def _edge(
    x0: float,
    x1: float,
    top: float,
    bottom: float,
    doctop: float,
    width: float,
    height: float,
    orientation: str,
) -> dict[str, Any]:
    return {
        "object_type": "rect_edge",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": doctop,
        "width": width,
        "height": height,
        "orientation": orientation,
    }


def find_tables(
    page: Any, settings: dict[str, Any], words: list[dict[str, Any]] | None = None
) -> list[Table]:
    """Return what `page.find_tables(settings)` returns; `words` are the page's own words."""
    return tables_of(page, crossings(page, settings, words))


def crossings(
    page: Any, settings: dict[str, Any], words: list[dict[str, Any]] | None = None
) -> dict[Point, dict[str, list[Any]]]:
    """Return the crossings of the edges the table finder makes of the page, as pdfplumber's
    `TableFinder.intersections` holds them: each point with its vertical and horizontal edges."""
    known = _Known(page, words)
    resolved = TableSettings.resolve(settings)
    edges = _edges(known, resolved)
    if edges is None:
        finder = TableFinder.__new__(TableFinder)
        # The finder reads the page's words, edges and box.
        finder.page = cast(Any, known)
        finder.settings = resolved
        edges = finder.get_edges()
    return edges_to_intersections(
        edges, resolved.intersection_x_tolerance, resolved.intersection_y_tolerance
    )


def _edges(page: _Known, settings: TableSettings) -> list[dict[str, Any]] | None:
    """Return `TableFinder.get_edges()` for the lines and text strategies, None for others.

    The same steps as pdfplumber's, with the text strategy's column edges found by
    `words_to_edges_v` here.
    """
    strategies = (settings.vertical_strategy, settings.horizontal_strategy)
    if (
        not {"lines", "text"}.issuperset(strategies)
        or settings.explicit_vertical_lines
        or settings.explicit_horizontal_lines
    ):
        return None
    words = page.extract_words(**(settings.text_settings or {})) if "text" in strategies else []
    prefilter = settings.edge_min_length_prefilter
    if settings.vertical_strategy == "text":
        v = words_to_edges_v(words, settings.min_words_vertical)
    else:
        v = filter_edges(page.edges, "v", min_length=prefilter)
    if settings.horizontal_strategy == "text":
        h = words_to_edges_h(words, settings.min_words_horizontal)
    else:
        h = filter_edges(page.edges, "h", min_length=prefilter)
    edges = merge_edges(
        v + h,
        snap_x_tolerance=settings.snap_x_tolerance,
        snap_y_tolerance=settings.snap_y_tolerance,
        join_x_tolerance=settings.join_x_tolerance,
        join_y_tolerance=settings.join_y_tolerance,
    )
    return filter_edges(edges, min_length=settings.edge_min_length)


def words_to_edges_v(words: list[dict[str, Any]], word_threshold: int) -> list[dict[str, Any]]:
    """Return `pdfplumber.table.words_to_edges_v(words, word_threshold)`, found faster.

    pdfplumber clusters the words' dictionaries three times (by left edge, right edge
    and centre, within 1 pt) and sorts and groups pairs of them; here the clusters are
    of the words' numbers, by index, in pdfplumber's order, so the largest clusters'
    boxes and the edges made of them are pdfplumber's to the bit. A NaN coordinate is
    left to pdfplumber's own function.
    """
    x0s = [w["x0"] for w in words]
    x1s = [w["x1"] for w in words]
    centres = [float(a + b) / 2 for a, b in zip(x0s, x1s, strict=True)]
    tops = [w["top"] for w in words]
    bottoms = [w["bottom"] for w in words]
    if any(v != v for v in (*x0s, *x1s, *tops, *bottoms)):
        return list(plumber_table.words_to_edges_v(words, word_threshold=word_threshold))
    clusters = _clusters(x0s) + _clusters(x1s) + _clusters(centres)
    # Largest first; of equal size, in the order made (sorted is stable).
    clusters.sort(key=len, reverse=True)
    condensed: list[BBox] = []
    for cluster in clusters:
        if len(cluster) < word_threshold:
            break
        box = (
            min([x0s[i] for i in cluster]),
            min([tops[i] for i in cluster]),
            max([x1s[i] for i in cluster]),
            max([bottoms[i] for i in cluster]),
        )
        if not any(get_bbox_overlap(box, c) for c in condensed):
            condensed.append(box)
    if not condensed:
        return []
    condensed.sort(key=itemgetter(0))
    max_x1 = max(b[2] for b in condensed)
    min_top = min(b[1] for b in condensed)
    max_bottom = max(b[3] for b in condensed)
    return [
        {
            "x0": x,
            "x1": x,
            "top": min_top,
            "bottom": max_bottom,
            "height": max_bottom - min_top,
            "orientation": "v",
        }
        for x in [*(b[0] for b in condensed), max_x1]
    ]


def _clusters(values: list[float]) -> list[list[int]]:
    """Return the indices of the values in `pdfplumber.utils.cluster_objects`' clusters
    (tolerance 1): distinct values sorted, each within 1 of the one before joining its
    cluster, and each cluster's indices in their order."""
    index: dict[float, int] = {}
    k = -1
    last = 0.0
    for v in sorted(set(values)):
        if k < 0 or not v <= last + 1:
            k += 1
        index[v] = k
        last = v
    out: list[list[int]] = [[] for _ in range(k + 1)]
    for i, v in enumerate(values):
        out[index[v]].append(i)
    return out


def tables_of(page: Any, points: dict[Point, dict[str, list[Any]]]) -> list[Table]:
    """Return the tables pdfplumber's finder makes of these crossings."""
    return [Table(page, cells) for cells in cells_to_tables(intersections_to_cells(points))]


def full_grid(
    points: dict[Point, dict[str, list[Any]]],
) -> tuple[list[float], list[float]] | None:
    """Return the columns and rows of crossings that make one full grid, else None.

    A full grid has a crossing at every column and row, and each column lies on one
    vertical edge and each row on one horizontal edge. Its cells are then exactly
    the spaces between neighbouring columns and rows (the smallest cell of each
    crossing is the one to its next column and next row), and they make one table:
    what the finder would return is known without searching for cells. The text
    strategy's edges nearly always make one (its column edges all run the height of
    the aligned words, its row edges all the width of the text). Anything else,
    NaN coordinates included, is None.
    """
    xs = sorted({p[0] for p in points})
    ys = sorted({p[1] for p in points})
    if len(points) != len(xs) * len(ys) or any(v != v for v in (*xs, *ys)):
        return None
    column: dict[float, int] = {}
    row: dict[float, int] = {}
    for (x, y), found in points.items():
        if len(found["v"]) != 1 or len(found["h"]) != 1:
            return None
        if column.setdefault(x, id(found["v"][0])) != id(found["v"][0]):
            return None
        if row.setdefault(y, id(found["h"][0])) != id(found["h"][0]):
            return None
    return xs, ys


def _bboxes(edges: list[dict[str, Any]]) -> frozenset[BBox]:
    return frozenset((e["x0"], e["top"], e["x1"], e["bottom"]) for e in edges)


def intersections_to_cells(intersections: dict[Point, dict[str, list[Any]]]) -> list[BBox]:
    """Return the cells pdfplumber's `intersections_to_cells` returns, in its order.

    For each crossing (in sorted order) the smallest cell is the first crossing below
    it joined by a vertical edge, then the first to its right joined by a horizontal
    edge, whose corner opposite is a crossing joined to both.
    """
    points = sorted(intersections)
    vertical = {p: _bboxes(intersections[p]["v"]) for p in points}
    horizontal = {p: _bboxes(intersections[p]["h"]) for p in points}
    # In sorted order, the crossings after a point with its x lie below it, and those
    # with its y lie to its right, nearest first.
    column: dict[float, list[Point]] = {}
    row: dict[float, list[Point]] = {}
    after: list[tuple[int, int]] = []
    for p in points:
        in_column = column.setdefault(p[0], [])
        in_row = row.setdefault(p[1], [])
        after.append((len(in_column) + 1, len(in_row) + 1))
        in_column.append(p)
        in_row.append(p)

    def smallest(p: Point, below: list[Point], right: list[Point]) -> BBox | None:
        # pdfplumber's test, "joined by an edge", is a shared vertical edge for two
        # crossings in a column and a shared horizontal one in a row. The crossings to
        # the right joined to p are found as far as needed, nearest first: the first
        # is nearly always the cell's corner.
        vp, hp = vertical[p], horizontal[p]
        joined: list[Point] = []
        untested = iter(right)
        for d in below:
            # A NaN coordinate equals nothing: no corner lines up with it.
            if d[1] != d[1] or vp.isdisjoint(vertical[d]):
                continue
            hd = horizontal[d]
            k = 0
            while True:
                if k == len(joined):
                    for q in untested:
                        if q[0] == q[0] and not hp.isdisjoint(horizontal[q]):
                            joined.append(q)
                            break
                    else:
                        break
                q = joined[k]
                k += 1
                corner = (q[0], d[1])
                if (
                    corner in vertical
                    and not vertical[corner].isdisjoint(vertical[q])
                    and not horizontal[corner].isdisjoint(hd)
                ):
                    return (p[0], p[1], q[0], d[1])
        return None

    cells: list[BBox] = []
    for p, (b, r) in zip(points, after, strict=True):
        # A NaN coordinate equals nothing, not even itself: no crossing lines up with it.
        if p[0] != p[0] or p[1] != p[1]:
            continue
        cell = smallest(p, column[p[0]][b:], row[p[1]][r:])
        if cell is not None:
            cells.append(cell)
    return cells
