"""Boxes on a page: (x0, top, x1, bottom) in points, y growing downwards."""

from __future__ import annotations

BBox = tuple[float, float, float, float]


def bbox_of(cells: list[BBox]) -> BBox:
    """Return the box around a table's cells."""
    return (
        min(c[0] for c in cells),
        min(c[1] for c in cells),
        max(c[2] for c in cells),
        max(c[3] for c in cells),
    )


def contains(outer: BBox, inner: BBox, strict: bool) -> bool:
    """Tell whether one box lies within another, give or take a point."""
    tol = 1.0
    inside = (
        outer[0] - tol <= inner[0]
        and outer[1] - tol <= inner[1]
        and inner[2] <= outer[2] + tol
        and inner[3] <= outer[3] + tol
    )
    # Of two identical boxes keep the first one found.
    return inside and (strict or outer != inner)


def within(x: float, y: float, box: BBox) -> bool:
    """Tell whether a point lies in a box (its left and top edges included)."""
    return box[0] <= x < box[2] and box[1] <= y < box[3]
