"""Lines and paragraphs from characters.

A PDF has no paragraphs, only lines: characters are grouped into lines (rotated
text too), and a gap clearly wider than the page's line pitch, a bullet glyph, or
a line whose first word would have fitted on the line before starts a paragraph.
A page may use two line pitches (Word's 1.15 spacing beside single spacing): a
wider pitch whose line breaks the page shows to be wraps is a wrap pitch too.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from actionplan.extract.pdf.boxes import BBox

# Bullet glyphs as they reach a PDF: real bullets, and Symbol/Wingdings glyphs that
# Word maps into the private use area (U+F0B7 is Symbol's bullet).
BULLETS = frozenset("•▪◦●○■□▫◆◇♦➢➤►▶✓✔❖\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf0e0\uf071")

# Paragraph spacing must exceed the normal line pitch by this share of the font size
# (and by at least MIN_PARA_GAP points) to start a new paragraph.
PARA_GAP_RATIO = 0.15
MIN_PARA_GAP = 1.5
# Line pitch / font size when a page gives no evidence (Word "single" is 1.15-1.22).
DEFAULT_PITCH_RATIO = 1.25
# Pitches (as multiples of the font size) this close are one line spacing.
PITCH_TOLERANCE = 0.03
# A wider pitch is a wrap pitch when this many line breaks show it and at most this
# share of them were typed (the next line's first word would have fitted).
MIN_WRAP_EVIDENCE = 3
MAX_TYPED_SHARE = 0.1
# Line spacings run from single to one and a half lines: no wrap pitch is wider.
MAX_WRAP_PITCH = 1.5
# A line ending in a hyphen after a letter, followed by a letter: one hyphenated word.
_HYPHEN_END = re.compile(r"[^\W\d_]-$")


@dataclass
class Line:
    """One line of text: its words, extent across the line direction, and font size."""

    text: str
    top: float
    bottom: float
    base: float
    size: float
    start: float
    end: float
    first_word: float
    body_start: float
    bullet: bool
    upright: bool = True


def _pitch_ratios(lines: list[Line]) -> list[float]:
    """Return baseline pitch / font size for consecutive lines of one size."""
    out = []
    for a, b in itertools.pairwise(lines):
        pitch = b.base - a.base
        if abs(a.size - b.size) <= 0.1 * b.size and pitch >= 0.9 * b.size:
            out.append(pitch / b.size)
    return out


@dataclass(frozen=True)
class Spacing:
    """A page's line pitches: the normal one, and wider ones that its text shows are wraps."""

    ratio: float = DEFAULT_PITCH_RATIO
    wraps: tuple[float, ...] = field(default=())

    def is_wrap_pitch(self, ratio: float) -> bool:
        return any(abs(ratio - w) <= PITCH_TOLERANCE for w in self.wraps)


def page_pitch_ratio(cells: Iterable[list[Line]]) -> float:
    """Return the page's normal line pitch as a multiple of the font size.

    Most consecutive lines in table cells are wrapped lines of one paragraph, so a
    low percentile of all pitches is the line pitch and wider ones are paragraph
    spacing.
    """
    ratios = sorted(r for lines in cells for r in _pitch_ratios(lines))
    if len(ratios) < 4:
        return DEFAULT_PITCH_RATIO
    return min(1.6, ratios[len(ratios) // 10])


def page_spacing(cells: list[tuple[list[Line], float | None]]) -> Spacing:
    """Return the page's line spacing from its cells' lines (each with its wrap limit).

    A pitch wider than the normal one is usually paragraph spacing; but where the
    line breaks at that pitch were (nearly) never typed, the first word of the next
    line never fitting on the line before, the pitch is another line spacing of
    wrapped lines, as when a cell's first paragraph keeps Word's 1.15 spacing.
    """
    ratio = page_pitch_ratio(lines for lines, _ in cells)
    breaks: list[tuple[float, bool]] = []
    for lines, limit in cells:
        if len(lines) < 2:
            continue
        right = _right(lines, limit)
        for a, b in itertools.pairwise(lines):
            r = (b.base - a.base) / b.size
            if abs(a.size - b.size) <= 0.1 * b.size and r >= 0.9 and not b.bullet:
                breaks.append((r, _typed(a, b, right)))
    breaks.sort()
    wraps: list[float] = []
    groups: list[list[tuple[float, bool]]] = []
    for item in breaks:
        if groups and item[0] - groups[-1][-1][0] <= PITCH_TOLERANCE:
            groups[-1].append(item)
        else:
            groups.append([item])
    for group in groups:
        typed = sum(1 for _, t in group if t)
        mid = group[len(group) // 2][0]
        if (
            ratio + PITCH_TOLERANCE < mid <= MAX_WRAP_PITCH * ratio
            and len(group) >= MIN_WRAP_EVIDENCE
            and typed <= MAX_TYPED_SHARE * len(group)
        ):
            wraps.append(mid)
    return Spacing(ratio, tuple(wraps))


def direction(ch: dict[str, Any]) -> tuple[int, int]:
    """Return the reading direction of a character on the page (y grows downwards)."""
    m = ch.get("matrix")
    if not m or len(m) < 2:
        return (1, 0)
    if not m[1] and m[0] > 0:
        return (1, 0)
    a, b = float(m[0]), -float(m[1])
    if abs(a) >= abs(b):
        return (1 if a >= 0 else -1, 0)
    return (0, 1 if b > 0 else -1)


# Along the line: start, end; across it: top, bottom; the font size, the text, and
# the middle across the line (which orders and clusters the glyphs into lines).
Glyph = tuple[float, float, float, float, float, str, float]
_MIDDLE = operator.itemgetter(6)
_START = operator.itemgetter(0)


def _upright_glyph(ch: dict[str, Any]) -> Glyph:
    # The glyph box across the line is the font size where the box has no height.
    top, bottom = ch["top"], ch["bottom"]
    return (
        ch["x0"],
        ch["x1"],
        top,
        bottom,
        float((bottom - top) or ch.get("size") or 1.0),
        ch.get("text") or "",
        (top + bottom) / 2,
    )


def group_lines(chars: Iterable[dict[str, Any]]) -> list[Line]:
    """Group characters into lines (rotated text too), in reading order."""
    # Upright text, nearly every glyph of a plan: the page axes are the line's axes.
    upright: list[Glyph] = []
    add = upright.append
    groups: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for ch in chars:
        m = ch.get("matrix")
        # direction()'s first case inline.
        if m and len(m) >= 2 and not m[1] and m[0] > 0:
            top, bottom = ch["top"], ch["bottom"]
            size = float((bottom - top) or ch.get("size") or 1.0)
            add((ch["x0"], ch["x1"], top, bottom, size, ch.get("text") or "", (top + bottom) / 2))
            continue
        d = direction(ch)
        if d == (1, 0):
            upright.append(_upright_glyph(ch))
        else:
            groups.setdefault(d, []).append(ch)
    lines = _lines_of(upright, True)
    for d, group in groups.items():
        lines.extend(_lines_one_way(group, d))
    return lines


def _lines_one_way(chars: list[dict[str, Any]], d: tuple[int, int]) -> list[Line]:
    dx, dy = d
    # "Down" is the reading direction turned a quarter clockwise on the page.
    ux, uy = -dy, dx
    glyphs: list[Glyph] = []
    for ch in chars:
        u = sorted((dx * ch["x0"] + dy * ch["top"], dx * ch["x1"] + dy * ch["bottom"]))
        v = sorted((ux * ch["x0"] + uy * ch["top"], ux * ch["x1"] + uy * ch["bottom"]))
        # The glyph box across the line is the font size; pdfminer's "size" is the
        # box height on the page, which for sideways text is the advance width.
        size = float((v[1] - v[0]) or ch.get("size") or 1.0)
        glyphs.append((u[0], u[1], v[0], v[1], size, ch.get("text") or "", (v[0] + v[1]) / 2))
    return _lines_of(glyphs, d == (1, 0))


def _lines_of(glyphs: list[Glyph], upright: bool) -> list[Line]:
    """Cluster glyphs (in the line's own axes) into lines across the line direction."""
    glyphs.sort(key=_MIDDLE)
    clusters: list[list[Glyph]] = []
    current: list[Glyph] = []
    lo = hi = 0.0
    for g in glyphs:
        g_top, g_bottom, mid = g[2], g[3], g[6]
        if current and (lo <= mid <= hi or g_top <= (lo + hi) / 2 <= g_bottom):
            current.append(g)
            if g_top < lo:
                lo = g_top
            if g_bottom > hi:
                hi = g_bottom
        else:
            current = [g]
            clusters.append(current)
            lo, hi = g_top, g_bottom
    out = []
    for cl in clusters:
        line = _make_line(cl)
        if line is not None:
            line.upright = upright
            out.append(line)
    return out


def _make_line(glyphs: list[Glyph]) -> Line | None:
    glyphs.sort(key=_START)
    # Spaces come from the gaps between inked glyphs: some producers draw a run of
    # space characters over the text, so a space glyph only counts inside a gap.
    blank: list[float] = []
    ink: list[Glyph] = []
    last: Glyph | None = None
    for g in glyphs:
        if not g[5].strip():
            blank.append((g[0] + g[1]) / 2)
            continue
        if last is not None and g[5] == last[5]:
            # min(1.0, 0.3 * width), inline (as min() picks it: 1.0 unless less).
            near = 0.3 * (g[1] - g[0])
            if abs(g[0] - last[0]) < (near if near < 1.0 else 1.0):
                continue  # the same glyph printed twice to fake bold
        ink.append(g)
        last = g
    blanks = sorted(blank)
    if not ink:
        return None
    parts = [ink[0][5]]
    word_end: float | None = None
    prev_end = ink[0][1]
    top, bottom, size = ink[0][2], ink[0][3], ink[0][4]
    left = bisect.bisect_left
    for g in ink[1:]:
        if g[2] < top:
            top = g[2]
        if g[3] > bottom:
            bottom = g[3]
        if g[4] > size:
            size = g[4]
        gap = g[0] - prev_end
        # min(3.0, 0.18 * max(size, 1.0)), inline, picking as max() and min() pick.
        wide = 0.18 * (1.0 if g[4] < 1.0 else g[4])
        if gap > (wide if wide < 3.0 else 3.0):
            spaced = True
        elif gap > 0 and blanks:
            i = left(blanks, prev_end)
            spaced = i < len(blanks) and blanks[i] <= g[0]
        else:
            spaced = False
        if spaced:
            if word_end is None:
                word_end = prev_end
            parts.append(" ")
        parts.append(g[5])
        if g[1] > prev_end:
            prev_end = g[1]
    text = " ".join("".join(parts).split())
    if not text:
        return None
    # prev_end ran as the greatest right edge, size as the greatest size.
    start, end = ink[0][0], prev_end
    big = [g for g in ink if g[4] >= 0.8 * size]
    cid = ink[0][5].startswith("(cid:") and not all(g[5].startswith("(cid:") for g in ink)
    bullet = text[0] in BULLETS or cid
    body_start = start
    if bullet:
        rest = text[len(ink[0][5]) :] if cid else text[1:]
        text = "• " + rest.strip() if rest.strip() else "•"
        if len(ink) > 1:
            body_start = ink[1][0]
    return Line(
        text=text,
        top=top,
        bottom=bottom,
        base=max(g[3] for g in big),
        size=size,
        start=start,
        end=end,
        first_word=(word_end if word_end is not None else end) - start,
        body_start=body_start,
        bullet=bullet,
    )


def right_limit(lines: list[Line], box: BBox) -> float | None:
    """Return where lines in the cell must wrap: its right edge less the left padding."""
    if not lines or any(not line.upright for line in lines):
        return None
    padding = max(0.0, min(line.start for line in lines) - box[0])
    return box[2] - padding


def _right(lines: list[Line], limit: float | None) -> float:
    return max([line.end for line in lines] + ([limit] if limit is not None else []))


def _typed(prev: Line, line: Line, right: float) -> bool:
    """Tell whether the line's first word would have fitted on the line before."""
    return prev.end + 0.25 * line.size + line.first_word < right - 1.0


def starts_paragraph(
    prev: Line,
    line: Line,
    spacing: Spacing,
    right: float,
    bullet_indent: float | None = None,
) -> bool:
    """Tell whether a line starts a new paragraph rather than wrapping the one before."""
    pitch = line.base - prev.base
    gap = pitch - spacing.ratio * line.size
    return (
        line.bullet
        or pitch < 0.5 * line.size  # beside or above the last line: another text block
        or (
            gap > max(MIN_PARA_GAP, PARA_GAP_RATIO * line.size)
            and not spacing.is_wrap_pitch(pitch / line.size)
        )
        # Back out of a bullet's hanging indent: the list has ended.
        or (bullet_indent is not None and line.start < bullet_indent - 2.0)
        # The line's first word would have fitted on the line before, so the
        # break was typed (Shift+Enter), not made by wrapping.
        or _typed(prev, line, right)
    )


def join_wrapped(texts: list[str]) -> str:
    """Join wrapped lines with a space, or with none after a hyphen that splits a word."""
    out = texts[0] if texts else ""
    for text in texts[1:]:
        hyphenated = _HYPHEN_END.search(out) and text[:1].isalpha()
        out += text if hyphenated else " " + text
    return out


def paragraphs(
    lines: list[Line],
    page_ratio: float | Spacing = DEFAULT_PITCH_RATIO,
    limit: float | None = None,
) -> str:
    """Join a cell's lines into paragraphs: wrapped lines with a space, paragraphs with "\\n"."""
    if not lines:
        return ""
    page = page_ratio if isinstance(page_ratio, Spacing) else Spacing(page_ratio)
    spacing = Spacing(min([page.ratio, *_pitch_ratios(lines)]), page.wraps)
    right = _right(lines, limit)
    paras: list[list[str]] = [[lines[0].text]]
    bullet_indent: float | None = lines[0].body_start if lines[0].bullet else None
    for prev, line in itertools.pairwise(lines):
        if starts_paragraph(prev, line, spacing, right, bullet_indent):
            paras.append([line.text])
            bullet_indent = line.body_start if line.bullet else None
        else:
            paras[-1].append(line.text)
    return "\n".join(join_wrapped(p) for p in paras)
