"""The colours every exporter paints RAG statuses and diff statuses in."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from actionplan.models import Diff, DocumentInfo
from actionplan.normalise.rag import STANDARD

# Used when a document has no legend, or its legend gives no RGB for a colour.
RAG_RGB = STANDARD
# Excel's own "Good", "Neutral" and "Bad" cell styles, which board readers recognise.
STATUS_RGB = {
    "added": "C6EFCE",
    "changed": "FFEB9C",
    "removed": "FFC7CE",
    "unchanged": None,
}
_HEX = re.compile(r"[0-9A-Fa-f]{6}")


def clean_rgb(rgb: str | None) -> str | None:
    """Return an RGB as six upper-case hex digits, or None if it is not one."""
    if not rgb:
        return None
    rgb = rgb.strip().lstrip("#")
    if len(rgb) == 8:  # ARGB, as Excel writes it
        rgb = rgb[2:]
    return rgb.upper() if _HEX.fullmatch(rgb) else None


def rag_colour(docs: Sequence[DocumentInfo], colour: str | None) -> str | None:
    """Return the RGB a RAG colour is painted in, preferring the documents' legends."""
    if colour is None:
        return None
    for doc in docs:
        for entry in doc.rag_legend:
            if entry.colour == colour and clean_rgb(entry.rgb):
                return clean_rgb(entry.rgb)
    return RAG_RGB.get(colour) or RAG_RGB.get(colour.title())


def rag_meaning(docs: Sequence[DocumentInfo], colour: str | None) -> str | None:
    """Return the legend's label for a RAG colour (the newest document's first)."""
    for doc in docs:
        for entry in doc.rag_legend:
            if entry.colour == colour:
                return entry.label
    return None


def luminance(rgb: str) -> float:
    """Return the WCAG relative luminance of a six-digit RGB."""
    r, g, b = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return sum(
        w * (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
        for w, c in ((0.2126, r), (0.7152, g), (0.0722, b))
    )


def contrast(fg: str, bg: str) -> float:
    """Return the WCAG contrast ratio of two RGBs (1 to 21)."""
    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def ink(rgb: str) -> str:
    """Return the text colour for a fill: white where it reaches 3:1, else black.

    RAG text is bold, for which WCAG asks 3:1; white on a board's red (4:1) is what
    readers expect, where black's higher ratio (5.3:1) reads as a dark smudge.
    """
    return "FFFFFF" if contrast("FFFFFF", rgb) >= 3 else "000000"


def rag_order(docs: Sequence[DocumentInfo], seen: Iterable[str | None]) -> list[str | None]:
    """Return RAG colours in legend order, then other colours met, then None if met."""
    order: list[str | None] = []
    for doc in docs:
        for entry in doc.rag_legend:
            if entry.colour not in order:
                order.append(entry.colour)
    seen = list(seen)
    if not order:
        order = [c for c in RAG_RGB if c in seen]
    for colour in seen:
        if colour is not None and colour not in order:
            order.append(colour)
    if None in seen:
        order.append(None)
    return order


def rag_matrix(
    diff: Diff,
) -> tuple[list[str | None], list[str | None], Counter[tuple[str | None, str | None]]]:
    """Return the old colours (rows), new colours (columns) and counts of a RAG movement.

    Added actions count in an "added" row (old colour "+"), removed ones in a
    "removed" column (new colour "-"), so the matrix accounts for every action.
    """
    docs = [diff.new, diff.old]
    olds = [d.old_rag for d in diff.actions if d.status != "added"]
    news = [d.new_rag for d in diff.actions if d.status != "removed"]
    rows = rag_order(docs, olds + news)
    cols = list(rows)
    counts: Counter[tuple[str | None, str | None]] = Counter()
    for d in diff.actions:
        old = "+" if d.status == "added" else d.old_rag
        new = "-" if d.status == "removed" else d.new_rag
        counts[(old, new)] += 1
    if any(d.status == "added" for d in diff.actions):
        rows.append("+")
    if any(d.status == "removed" for d in diff.actions):
        cols.append("-")
    return rows, cols, counts
