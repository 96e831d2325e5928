"""RAG statuses: the document's colour key, and a cell's status from its shading or its word."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

from actionplan.models import LegendEntry
from actionplan.normalise.text import fold
from actionplan.rules import COMPLETION_LETTERS, COMPLETION_WORDS, means_complete

STANDARD: dict[str, str] = {
    "Red": "FF0000",
    "Amber": "FFC000",
    "Yellow": "FFFF00",
    "Green": "00B050",
    "Blue": "0070C0",
    "Grey": "A6A6A6",
}
ALIASES: dict[str, str] = {
    "red": "Red", "amber": "Amber", "orange": "Amber", "yellow": "Yellow", "green": "Green",
    "blue": "Blue", "grey": "Grey", "gray": "Grey",
}  # fmt: skip
# Letters used as statuses; "C" (complete) is resolved through the legend's labels.
LETTERS: dict[str, str] = {"r": "Red", "a": "Amber", "g": "Green", "b": "Blue", "y": "Yellow"}
_OTHER_COLOURS = frozenset({"purple", "black", "white", "pink", "brown"})
_SHADES = frozenset({"light", "dark", "pale", "bright", "deep"})

_HEX_RE = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
_COLOUR_WORD_RE = re.compile(
    r"(?i)\b(red|amber|orange|yellow|green|blue|grey|gray|purple|black|white|pink|brown)\b"
)
_LEGEND_PAIR_RE = re.compile(
    r"^(?P<colour>[A-Za-z]+(?: [A-Za-z]+){0,2}) ?[-–—=:] ?(?P<label>\S.*)$"
)
_NON_WORD_RE = re.compile(r"[^\w]+")
# Lightness differences matter less than hue between shades of one status ("92D050" vs
# "00B050" are both green), so the CIEDE2000 lightness term is halved.
_LIGHTNESS_WEIGHT = 2.0
_NEUTRAL_CHROMA = 12.0


def normalise_rgb(rgb: str) -> str:
    """Return an RGB hex string as upper-case RRGGBB; raise ValueError if it is not one."""
    m = _HEX_RE.match(rgb.strip())
    if m is None:
        raise ValueError(f"not an RGB colour: {rgb!r}")
    h = m.group(1)
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return h.upper()


@lru_cache(maxsize=1024)
def rgb_to_lab(rgb: str) -> tuple[float, float, float]:
    """Return the CIELAB (D65) coordinates of an sRGB hex colour such as "00B050"."""
    h = normalise_rgb(rgb)
    linear = []
    for i in (0, 2, 4):
        c = int(h[i : i + 2], 16) / 255
        linear.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = linear
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def ciede2000(
    lab1: tuple[float, float, float], lab2: tuple[float, float, float], kl: float = 1.0
) -> float:
    """Return the CIEDE2000 colour difference of two CIELAB colours (kl weighs lightness)."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    c_mean7 = ((c1 + c2) / 2) ** 7
    g = 0.5 * (1 - math.sqrt(c_mean7 / (c_mean7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl, dc = l2 - l1, c2p - c1p
    dh = 0.0
    if c1p * c2p:
        dh = h2p - h1p
        if dh > 180:
            dh -= 360
        elif dh < -180:
            dh += 360
    d_h = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_mean, c_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    h_mean = h1p + h2p
    if c1p * c2p:
        if abs(h1p - h2p) <= 180:
            h_mean /= 2
        elif h1p + h2p < 360:
            h_mean = (h_mean + 360) / 2
        else:
            h_mean = (h_mean - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    sl = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    sc = 1 + 0.045 * c_mean
    sh = 1 + 0.015 * c_mean * t
    c_mean_7 = c_mean**7
    rt = (
        -2
        * math.sqrt(c_mean_7 / (c_mean_7 + 25**7))
        * math.sin(math.radians(60 * math.exp(-(((h_mean - 275) / 25) ** 2))))
    )
    return math.sqrt(
        (dl / (kl * sl)) ** 2 + (dc / sc) ** 2 + (d_h / sh) ** 2 + rt * (dc / sc) * (d_h / sh)
    )


def colour_distance(a: str, b: str) -> float:
    """Return the CIEDE2000 difference of two hex colours (0 = same; about 2 = just visible)."""
    return ciede2000(rgb_to_lab(a), rgb_to_lab(b))


def _status_distance(a: str, b: str) -> float:
    return ciede2000(rgb_to_lab(a), rgb_to_lab(b), kl=_LIGHTNESS_WEIGHT)


def _chroma(rgb: str) -> float:
    _, a, b = rgb_to_lab(rgb)
    return math.hypot(a, b)


def _nearest(rgb: str, swatches: Sequence[tuple[str, str]]) -> str:
    """Return the name of the swatch (name, rgb) that a fill most likely means."""
    # A pale pink is a washed-out red, not a grey: a coloured fill is matched among coloured
    # swatches, and a neutral one (white, greys) among neutral swatches, when the key has any.
    chromatic = _chroma(rgb) >= _NEUTRAL_CHROMA
    same_kind = [s for s in swatches if (_chroma(s[1]) >= _NEUTRAL_CHROMA) == chromatic]
    pool = same_kind or swatches
    return min(pool, key=lambda s: _status_distance(rgb, s[1]))[0]


def nearest_colour_name(rgb: str) -> str:
    """Return the name of the standard RAG colour nearest to a hex colour."""
    return _nearest(rgb, list(STANDARD.items()))


def is_unshaded(rgb: str | None) -> bool:
    """Return True for no fill, "auto", or white and near-white fills (no status painted)."""
    if rgb is None or not _HEX_RE.match(rgb.strip()):
        return True
    lightness, a, b = rgb_to_lab(rgb)
    return lightness > 97 and math.hypot(a, b) < 4


def _norm(text: str) -> str:
    return fold(_NON_WORD_RE.sub(" ", text.lower()))


def _base_colour(colour: str) -> str:
    last = colour.split()[-1].lower() if colour.split() else ""
    return ALIASES.get(last, last.capitalize())


def colour_name(text: str) -> str | None:
    """Return the colour a legend or RAG cell names ("Amber", "Light Green"), or None."""
    words = _norm(text)
    if words in ALIASES:
        return ALIASES[words]
    if words in LETTERS:
        return LETTERS[words]
    tokens = words.split()
    bases = [t for t in tokens if t in ALIASES or t in _OTHER_COLOURS]
    if len(bases) == 1 and len(tokens) <= 3 and all(t in _SHADES for t in tokens[:-1]):
        # "Light Green" stays as written: a key may use light and dark shades of one colour.
        return " ".join([*(t.capitalize() for t in tokens[:-1]), _base_colour(tokens[-1])])
    return None


def _split_pair(first: str, second: str) -> tuple[str, str]:
    """Split "Blue – Completed" written in one cell into colour and label."""
    if second.strip():
        return first, second
    m = _LEGEND_PAIR_RE.match(fold(first))
    if m and colour_name(m["colour"]):
        return m["colour"], m["label"]
    return first, second


def _legend_row(row: tuple[str, str, str | None]) -> LegendEntry | None:
    first, second, fill = row
    first, second = _split_pair(first, second)
    label = fold(second)
    colour = colour_name(first)
    rgb = None if is_unshaded(fill) else normalise_rgb(fill or "")
    if colour is None:
        if rgb is None:
            return None
        colour = nearest_colour_name(rgb)
        # A shaded cell holding the label itself ("Completed" on blue) with nothing beside it.
        label = label or fold(first)
    if not label:
        return None
    if rgb is None:
        rgb = STANDARD.get(_base_colour(colour))
    return LegendEntry(colour=colour, label=label, rgb=rgb)


def looks_like_legend(rows: Sequence[tuple[str, str, str | None]]) -> bool:
    """Return True when rows read as a RAG key: a few colour words or swatches with labels."""
    if not 2 <= len(rows) <= 8:
        return False
    entries = [_legend_row(row) for row in rows]
    found = [e for e in entries if e is not None]
    colours = {e.colour for e in found}
    # One row may be a heading ("Key", "RAG status") above the colour rows.
    return len(found) >= 2 and len(colours) >= 2 and len(found) >= len(rows) - 1


def build_legend(rows: list[tuple[str, str, str | None]]) -> list[LegendEntry]:
    """Return the RAG key of rows (first cell text, second cell text, first cell fill)."""
    if not looks_like_legend(rows):
        return []
    entries = [e for row in rows if (e := _legend_row(row)) is not None]
    seen: set[str] = set()
    unique = []
    for e in entries:
        if e.colour not in seen:
            seen.add(e.colour)
            unique.append(e)
    return unique


def _legend_rgb(entry: LegendEntry) -> str | None:
    if entry.rgb and _HEX_RE.match(entry.rgb):
        return entry.rgb
    return STANDARD.get(_base_colour(entry.colour))


def rag_from_fill(rgb: str, legend: Sequence[LegendEntry]) -> tuple[str, str | None]:
    """Return the status (colour, label) of a cell shading: the nearest colour of the key."""
    swatches = [(str(i), c) for i, e in enumerate(legend) if (c := _legend_rgb(e)) is not None]
    if swatches:
        entry = legend[int(_nearest(rgb, swatches))]
        return entry.colour, entry.label
    return nearest_colour_name(rgb), None


def _completed_entry(legend: Sequence[LegendEntry]) -> LegendEntry | None:
    return next((e for e in legend if means_complete(e.label)), None)


def _by_colour(colour: str, legend: Sequence[LegendEntry]) -> tuple[str, str | None]:
    for e in legend:
        if e.colour.lower() == colour.lower():
            return e.colour, e.label
    base = _base_colour(colour)
    for e in legend:
        if _base_colour(e.colour) == base:
            return e.colour, e.label
    return base, None


def rag_from_text(text: str, legend: Sequence[LegendEntry]) -> tuple[str | None, str | None]:
    """Return the status (colour, label) a RAG cell's word names, or (None, None)."""
    words = _norm(text)
    if not words:
        return None, None
    # A label of the key ("On Track") is the most specific reading.
    for e in legend:
        if _norm(e.label) == words:
            return e.colour, e.label
    if words in COMPLETION_WORDS or words in COMPLETION_LETTERS:
        done = _completed_entry(legend)
        return (done.colour, done.label) if done else _by_colour("Blue", legend)
    named = colour_name(text)
    if named is not None:
        return _by_colour(named, legend)
    m = _COLOUR_WORD_RE.search(words)
    if m is not None:
        # "Green - on track", "Amber/Green": the first colour named is the status.
        return _by_colour(m.group(1), legend)
    for e in legend:
        label = _norm(e.label)
        if label and (label in words or (len(words) >= 4 and label.startswith(words))):
            return e.colour, e.label
    if means_complete(words):
        done = _completed_entry(legend)
        return (done.colour, done.label) if done else _by_colour("Blue", legend)
    return None, None


# A key written as lines below the table: "Blue – Completed", "Key: Red = Delayed".
_LEGEND_LINE_RE = re.compile(
    r"^(?:key\s*[:\-–]?\s*)?(blue|green|amber|yellow|red|grey|gray|purple|black)"
    r"\s*[-–=:]\s*(\S.*)$",
    re.IGNORECASE,
)


def legend_from_lines(lines: list[str]) -> list[tuple[str, str, str | None]]:
    """Return a key written as lines ("Blue – Completed") outside any table."""
    rows: list[tuple[str, str, str | None]] = []
    for line in lines:
        m = _LEGEND_LINE_RE.match(line.strip())
        if m:
            rows.append((m.group(1).title(), m.group(2).strip(), None))
    return rows if len(rows) >= 2 else []
