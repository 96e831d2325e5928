"""Cell fill colours: the filled rectangles a PDF paints under table cells."""

from __future__ import annotations

from typing import Any

from actionplan.extract.pdf.boxes import BBox

# Filled rectangles thicker than this are cell shading, not borders drawn as rects.
BORDER_MAX = 3.0
# A rectangle is a cell's fill when it covers at least this share of the cell.
FILL_COVER = 0.5


def is_shading(obj: dict[str, Any]) -> bool:
    """Tell a filled background rectangle from a border drawn as a thin rectangle."""
    return (
        obj.get("object_type") == "rect"
        and bool(obj.get("fill"))
        and not obj.get("stroke")
        and min(obj["width"], obj["height"]) > BORDER_MAX
    )


def cell_fill(cell: BBox, shading: list[dict[str, Any]]) -> str | None:
    """Return the colour painted last over most of the cell, or None for white or none.

    Some producers paint a shaded cell as several strips (one per line of text), so
    the area of each colour is summed before it is compared with the cell.
    """
    x0, top, x1, bottom = cell
    area = (x1 - x0) * (bottom - top)
    if area <= 0:
        return None
    covered: dict[str | None, float] = {}
    colour: str | None = None
    for rect in shading:
        w = min(x1, rect["x1"]) - max(x0, rect["x0"])
        h = min(bottom, rect["bottom"]) - max(top, rect["top"])
        if w > 0 and h > 0:
            hexed = hex_colour(rect.get("non_stroking_color"))
            covered[hexed] = covered.get(hexed, 0.0) + w * h
            # Later rectangles are painted over earlier ones.
            if covered[hexed] >= FILL_COVER * area:
                colour = hexed
    return None if colour == "FFFFFF" else colour


def hex_colour(colour: Any) -> str | None:
    """Convert a PDF fill colour (grey, RGB or CMYK, 0..1) to "RRGGBB"."""
    if colour is None:
        return None
    if isinstance(colour, int | float):
        colour = (colour,)
    if not isinstance(colour, tuple | list) or not all(isinstance(v, int | float) for v in colour):
        return None  # a pattern or a named colour: no single colour to report
    vals = [min(1.0, max(0.0, float(v))) for v in colour]
    if len(vals) == 1:
        rgb = [vals[0]] * 3
    elif len(vals) == 3:
        rgb = vals
    elif len(vals) == 4:
        c, m, y, k = vals
        rgb = [(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)]
    else:
        return None
    return "".join(f"{round(v * 255):02X}" for v in rgb)
