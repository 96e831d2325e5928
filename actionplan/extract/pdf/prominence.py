"""How large each line above page 1's first table is against the page's ordinary text.

The largest text on page 1 is usually the plan's title; the text size most of the
page's characters share (table text, as a rule) is the ordinary size it is measured by.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from actionplan.extract.pdf.lines import Line

# Only the first few lines can be the title block.
MAX_LINES = 12


def ordinary_size(chars: Iterable[dict[str, Any]]) -> float | None:
    """Return the glyph height most of the page's inked characters share (to 0.5 pt)."""
    counts: Counter[float] = Counter()
    for ch in chars:
        if (ch.get("text") or "").strip():
            height = float(ch["bottom"] - ch["top"] or ch.get("size") or 0.0)
            if height > 0:
                counts[round(height * 2) / 2] += 1
    return counts.most_common(1)[0][0] if counts else None


def page_one_lines(lines: list[Line], chars: Iterable[dict[str, Any]]) -> list[tuple[str, float]]:
    """Return (text, size relative to ordinary text) of the lines above the first table."""
    ordinary = ordinary_size(chars)
    return [
        (line.text, round(line.size / ordinary, 3) if ordinary else 0.0)
        for line in lines[:MAX_LINES]
        if line.text.strip()
    ]
