"""Read one page: its tables, turned upright if printed sideways, and the lines around them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from actionplan.extract.base import RawTable
from actionplan.extract.pdf.boxes import BBox, bbox_of, contains
from actionplan.extract.pdf.fills import is_shading
from actionplan.extract.pdf.lines import direction, group_lines, page_spacing
from actionplan.extract.pdf.prominence import page_one_lines
from actionplan.extract.pdf.ruled import Grid, ruled_tables
from actionplan.extract.pdf.source import release
from actionplan.extract.pdf.stream import Columns, stream_tables
from actionplan.extract.pdf.tablefinder import page_words
from actionplan.extract.pdf.textpos import text_tables

# Lines above the first table within this top share of the page are page headers.
HEADER_ZONE = 0.12


@dataclass
class PageResult:
    """What one page yielded, before tables get their running index."""

    number: int
    chars: int
    images: int
    tables: list[RawTable] = field(default_factory=list)
    # (text, in the top zone of the page) for lines above the page's first table.
    above: list[tuple[str, bool]] = field(default_factory=list)
    below: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Page 1 only: the lines above the table with their relative size (pdf/prominence.py).
    title_lines: list[tuple[str, float]] = field(default_factory=list)
    # The page's content stream (or a font it uses) did not decode cleanly.
    damaged: bool = False


@dataclass
class PageData:
    """The objects of one page that the reader needs, copied out of pdfplumber."""

    width: float
    height: float
    chars: list[dict[str, Any]]
    shading: list[dict[str, Any]]
    images: int
    tables: list[list[BBox]]
    borderless: bool = False
    # The columns of a table read from text alignment, for the page after.
    columns: Columns | None = None


def gather(page: Any, previous: Columns | None = None) -> PageData:
    """Collect one page's characters, shading rectangles and table cells.

    `page` is a pdfplumber page whose objects an engine has filled (pdf/source.py).

    `previous` is the columns of a borderless table on the page before, which a
    table going on at the top of this page may keep.
    """
    chars = list(page.chars)
    rects = page.rects
    shading = [r for r in rects if is_shading(r)]
    # Shading rectangles are not borders: Word paints paragraph shading inset in a
    # cell, and those edges would invent thin columns. (The ruled grid puts back
    # the borders Word leaves out between shaded header cells.)
    ruled = _without_shading(page) if shading else page
    try:
        tables, borderless = ruled_tables(ruled)
        columns = None
        if not tables and chars:
            # Both searches split the page into words: once is enough.
            words = page_words(ruled)
            tables, columns = stream_tables(ruled, previous, words)
            if not tables:
                tables = text_tables(ruled, words)
            borderless = bool(tables)
    finally:
        if ruled is not page:
            release(ruled)
    return PageData(
        width=float(page.width),
        height=float(page.height),
        chars=chars,
        shading=shading,
        images=len(page.images),
        tables=tables,
        borderless=borderless,
        columns=columns,
    )


def _without_shading(page: Any) -> Any:
    """Return the page without its shading rectangles.

    Only rectangles can be shading, so the page's other objects (its thousands of
    characters) are handed over as they are rather than each tested.
    """
    ruled = page.filter(lambda obj: not is_shading(obj))
    ruled._objects = {
        kind: [r for r in objs if not is_shading(r)] if kind == "rect" else objs
        for kind, objs in page.objects.items()
    }
    return ruled


def read_page(number: int, data: PageData) -> PageResult:
    """Turn one page's objects into table pieces and the text lines around them."""
    result = PageResult(number=number, chars=len(data.chars), images=data.images)
    data = _upright(data)
    if data.borderless:
        result.warnings.append(
            f"page {number}: a table without column rules was read by text alignment;"
            " check its columns"
        )
    boxes = [bbox_of(cells) for cells in data.tables]
    keep = [
        i
        for i, box in enumerate(boxes)
        if not any(j != i and contains(boxes[j], box, strict=j < i) for j in range(len(boxes)))
    ]
    keep.sort(key=lambda i: (boxes[i][1], boxes[i][0]))
    chars_by_table: list[list[dict[str, Any]]] = [[] for _ in keep]
    outside: list[dict[str, Any]] = []
    kept = [(chars_by_table[k], boxes[i]) for k, i in enumerate(keep)]
    if kept:
        for ch in data.chars:
            cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
            for into, (x0, top, x1, bottom) in kept:
                if x0 <= cx < x1 and top <= cy < bottom:
                    into.append(ch)
                    break
            else:
                outside.append(ch)
    else:
        # No table on the page: every character is outside one.
        outside = list(data.chars)
    grids = [Grid(data.tables[i], chars_by_table[k], data.shading) for k, i in enumerate(keep)]
    spacing = page_spacing([cell for g in grids for cell in g.limited_lines()])
    zone = data.height * HEADER_ZONE
    outside_lines = group_lines(outside)
    # On page 1 the top margin may hold the first table's heading; later, a running header.
    previous_bottom = 0.0 if number == 1 else zone
    for g, i in zip(grids, keep, strict=True):
        rows = g.rows(data.shading, number, spacing)
        x0, top, x1, bottom = boxes[i]
        if rows:
            table = RawTable(rows=rows, page=number)
            # The text between the table above (or the page's top margin) and this one:
            # a heading naming the section a table of the plan holds.
            table.before = [
                line.text
                for line in outside_lines
                if line.top >= previous_bottom - 1 and line.bottom <= top + 1
            ]
            result.tables.append(table)
        previous_bottom = max(previous_bottom, bottom)
    first_top = min((boxes[i][1] for i in keep), default=None)
    if number == 1:
        limit = zone if first_top is None else first_top + 1
        above = [line for line in outside_lines if line.bottom <= limit]
        result.title_lines = page_one_lines(above, data.chars)
    for line in outside_lines:
        if first_top is None:
            if line.bottom <= zone:
                result.above.append((line.text, True))
            else:
                result.below.append(line.text)
        elif line.bottom <= first_top + 1:
            result.above.append((line.text, line.bottom <= zone))
        else:
            result.below.append(line.text)
    return result


def _upright(data: PageData) -> PageData:
    """Turn a page whose text mostly runs sideways so that it reads left to right.

    A page with /Rotate, or a landscape table printed sideways on a portrait page,
    reaches pdfplumber unrotated: its table grid would come out transposed.
    """
    # Nearly every page has no character off the upright: nothing to count.
    if all((m := ch.get("matrix")) and len(m) >= 2 and not m[1] and m[0] > 0 for ch in data.chars):
        return data
    counts: dict[tuple[int, int], int] = {}
    upright = 0
    for ch in data.chars:
        if (ch.get("text") or "").strip():
            m = ch.get("matrix")
            # direction()'s first case inline: nearly every character is upright.
            if m and len(m) >= 2 and not m[1] and m[0] > 0:
                if not upright:
                    # Where it first appears: of two directions as common, the first wins.
                    counts.setdefault((1, 0), 0)
                upright += 1
            else:
                d = direction(ch)
                counts[d] = counts.get(d, 0) + 1
    if upright:
        counts[(1, 0)] += upright
    if not counts:
        return data
    dx, dy = max(counts, key=lambda d: counts[d])
    if (dx, dy) == (1, 0):
        return data

    def point(x: float, y: float) -> tuple[float, float]:
        return dx * x + dy * y, -dy * x + dx * y

    corners = [point(x, y) for x in (0.0, data.width) for y in (0.0, data.height)]
    ox, oy = min(c[0] for c in corners), min(c[1] for c in corners)

    def box(x0: float, top: float, x1: float, bottom: float) -> BBox:
        (ax, ay), (bx, by) = point(x0, top), point(x1, bottom)
        return min(ax, bx) - ox, min(ay, by) - oy, max(ax, bx) - ox, max(ay, by) - oy

    def turned(obj: dict[str, Any]) -> dict[str, Any]:
        x0, top, x1, bottom = box(obj["x0"], obj["top"], obj["x1"], obj["bottom"])
        return {**obj, "x0": x0, "top": top, "x1": x1, "bottom": bottom}

    chars = []
    for ch in data.chars:
        new = turned(ch)
        m = ch.get("matrix")
        if m and len(m) >= 2:
            # The reading direction (a, -b) turns with the page.
            vx, vy = point(float(m[0]), -float(m[1]))
            new["matrix"] = (vx, -vy, 0.0, 0.0, 0.0, 0.0)
        chars.append(new)
    width = max(c[0] for c in corners) - ox
    height = max(c[1] for c in corners) - oy
    return PageData(
        width=width,
        height=height,
        chars=chars,
        shading=[turned(r) for r in data.shading],
        images=data.images,
        tables=[[box(*cell) for cell in cells] for cells in data.tables],
        borderless=data.borderless,
    )
