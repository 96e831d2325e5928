"""What a SpreadsheetML cell shows: its text by its number format, and its colours.

A workbook stores a date as a serial number and says in the cell's style that it is a
date ("dd/mm/yyyy"); a colour as RGB, as an index into a palette, or as a theme colour
lightened or darkened by a tint. This module turns those into what Excel displays: text,
with dates as dates, and fills as "RRGGBB", so that the reader hands the layout stage the
same cells a Word table gives it.
"""

from __future__ import annotations

import colorsys
import datetime as dt
import functools
import math
import re
from dataclasses import dataclass, field

from lxml import etree
from openpyxl.styles.colors import COLOR_INDEX
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"

# Excel's theme colour indexes put the light colours first: 0 is lt1, 1 dk1, 2 lt2, 3 dk2.
THEME_ORDER: tuple[str, ...] = ("lt1", "dk1", "lt2", "dk2")
THEME_ORDER += (*(f"accent{i}" for i in range(1, 7)), "hlink", "folHlink")
# Excel's short-date format (built-in 14) follows the machine's locale; review documents
# are British, so it shows day first, as Excel does there.
LOCALE_SHORT_DATE = "dd/mm/yyyy"
WHITE = "FFFFFF"

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True, remove_comments=True
)


def parse_xml(data: bytes) -> etree._Element:
    """Parse a part without entities, DTDs or the network (raises XMLSyntaxError)."""
    return etree.fromstring(data, _PARSER)


def local(tag: object) -> str:
    """Return an element's tag without its namespace ("c" for "{…main}c")."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


@dataclass
class Font:
    colour: str | None = None
    size: float | None = None


@dataclass
class Style:
    """One cellXfs entry: the number format code, the fill and the font."""

    number_format: str = "General"
    fill: str | None = None
    font: Font = field(default_factory=Font)


@dataclass
class Styles:
    """The styles part, resolved: cell styles, conditional-format styles, ordinary size."""

    cells: list[Style] = field(default_factory=list)
    # Conditional formatting's differential styles: (fill, font colour).
    dxfs: list[tuple[str | None, str | None]] = field(default_factory=list)
    base_size: float = 11.0

    def of(self, index: int) -> Style:
        return self.cells[index] if 0 <= index < len(self.cells) else _PLAIN


_PLAIN = Style()


def read_theme(data: bytes | None) -> list[str]:
    """Return the theme's colours in Excel's index order ("RRGGBB" each)."""
    if not data:
        return []
    root = parse_xml(data)
    scheme = next(root.iter(f"{{{DRAWING_NS}}}clrScheme"), None)
    if scheme is None:
        return []
    named: dict[str, str] = {}
    for slot in scheme:
        for colour in slot:
            value = colour.get("lastClr") if local(colour.tag) == "sysClr" else colour.get("val")
            if value and len(value) == 6:
                named[local(slot.tag)] = value.upper()
    return [named.get(name, "000000") for name in THEME_ORDER]


def read_styles(data: bytes | None, theme: list[str]) -> Styles:
    """Return the workbook's cell styles with colours resolved against the theme."""
    styles = Styles()
    if not data:
        return styles
    root = parse_xml(data)
    palette = list(COLOR_INDEX)
    formats: dict[int, str] = dict(BUILTIN_FORMATS)
    fonts: list[Font] = []
    fills: list[str | None] = []
    for part in root:
        name = local(part.tag)
        if name == "colors":
            custom = [c.get("rgb", "") for c in part.iter() if local(c.tag) == "rgbColor"]
            palette[: len(custom)] = custom
    resolve = _Colours(palette, theme)
    for part in root:
        name = local(part.tag)
        if name == "numFmts":
            for nf in part:
                formats[_int(nf.get("numFmtId"))] = nf.get("formatCode") or "General"
        elif name == "fonts":
            fonts = [_font(f, resolve) for f in part]
        elif name == "fills":
            fills = [_fill(f, resolve) for f in part]
        elif name == "dxfs":
            for dxf in part:
                fill = next(
                    (_fill(c, resolve, dxf=True) for c in dxf if local(c.tag) == "fill"), None
                )
                font = next((_font(c, resolve) for c in dxf if local(c.tag) == "font"), Font())
                styles.dxfs.append((fill, font.colour))
    if fonts and fonts[0].size:
        styles.base_size = fonts[0].size
    xfs = next((p for p in root if local(p.tag) == "cellXfs"), None)
    for xf in xfs if xfs is not None else ():
        fmt_id = _int(xf.get("numFmtId"))
        code = LOCALE_SHORT_DATE if fmt_id == 14 else formats.get(fmt_id, "General")
        fill_id, font_id = _int(xf.get("fillId")), _int(xf.get("fontId"))
        styles.cells.append(
            Style(
                number_format=code,
                fill=fills[fill_id] if 0 <= fill_id < len(fills) else None,
                font=fonts[font_id] if 0 <= font_id < len(fonts) else Font(),
            )
        )
    return styles


class _Colours:
    """Resolve a colour element (rgb, indexed, theme with tint) to "RRGGBB"."""

    def __init__(self, palette: list[str], theme: list[str]) -> None:
        self.palette = palette
        self.theme = theme

    def __call__(self, el: etree._Element | None) -> str | None:
        if el is None or el.get("auto") in ("1", "true"):
            return None
        rgb: str | None = None
        if el.get("rgb"):
            rgb = el.get("rgb", "")[-6:]
        elif el.get("indexed") is not None:
            index = _int(el.get("indexed"))
            # 64 and 65 are the system's foreground and background: no colour of the author's.
            rgb = self.palette[index][-6:] if 0 <= index < min(64, len(self.palette)) else None
        elif el.get("theme") is not None:
            index = _int(el.get("theme"))
            rgb = self.theme[index] if 0 <= index < len(self.theme) else None
        if not rgb or not re.fullmatch(r"[0-9A-Fa-f]{6}", rgb):
            return None
        return apply_tint(rgb.upper(), _float(el.get("tint")))


def apply_tint(rgb: str, tint: float) -> str:
    """Return a colour lightened (tint > 0) or darkened (tint < 0) as Excel does, in HLS."""
    if not tint:
        return rgb
    r, g, b = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    h, lum, s = colorsys.rgb_to_hls(r, g, b)
    lum = lum * (1 + tint) if tint < 0 else lum * (1 - tint) + tint
    r, g, b = colorsys.hls_to_rgb(h, min(max(lum, 0.0), 1.0), s)
    return "".join(f"{round(v * 255):02X}" for v in (r, g, b))


def _fill(el: etree._Element, resolve: _Colours, *, dxf: bool = False) -> str | None:
    for child in el:
        kind = local(child.tag)
        if kind == "patternFill":
            pattern = child.get("patternType", "solid" if dxf else "none")
            if pattern == "none":
                return None
            parts = {local(c.tag): c for c in child}
            # A differential fill paints its bgColor for a solid pattern (Excel's quirk).
            first, second = ("bgColor", "fgColor") if dxf else ("fgColor", "bgColor")
            colour = resolve(parts.get(first)) or resolve(parts.get(second))
            return None if colour in (None, WHITE) else colour
        if kind == "gradientFill":
            stop = next((c for c in child.iter() if local(c.tag) == "color"), None)
            colour = resolve(stop)
            return None if colour in (None, WHITE) else colour
    return None


def _font(el: etree._Element, resolve: _Colours) -> Font:
    font = Font()
    for child in el:
        kind = local(child.tag)
        if kind == "color":
            font.colour = resolve(child)
        elif kind == "sz":
            font.size = _float(child.get("val")) or None
    return font


def shared_strings(data: bytes | None) -> list[str]:
    """Return the shared strings, rich-text runs joined (phonetic guides left out)."""
    if not data:
        return []
    root = parse_xml(data)
    return [string_item(si) for si in root]


def string_item(si: etree._Element) -> str:
    """Return the text of a string item (<si> or <is>): its <t>, or its runs' <t>s."""
    parts: list[str] = []
    for child in si:
        name = local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in child if local(t.tag) == "t")
    return "".join(parts)


_SECTION_RE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|;')
_DATE_TOKEN_RE = re.compile(
    r"yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|a/p|\"[^\"]*\"|\\.|.",
    re.IGNORECASE,
)


def first_section(code: str) -> str:
    """Return the first section of a number format (before an unquoted ";")."""
    out, pos = [], 0
    for m in _SECTION_RE.finditer(code):
        if m.group(0) == ";":
            out.append(code[pos : m.start()])
            return "".join(out)
    return code


def is_date(code: str) -> bool:
    """Say whether a number format shows a date or time."""
    return code != "General" and is_date_format(code)


@functools.lru_cache(maxsize=4096)
def format_date(value: dt.datetime, code: str) -> str:
    """Return a date as its number format shows it; a numeric month-first date is written
    day first, as the plan's other dates are read (03/04 is 3 April, never 4 March)."""
    tokens = [
        t for t in _DATE_TOKEN_RE.findall(_SECTION_RE.sub(_keep_literal, first_section(code)))
    ]
    words = [t.lower() for t in tokens]
    has_time = any(w in ("h", "hh", "s", "ss") for w in words)
    day_at = next((i for i, w in enumerate(words) if w in ("d", "dd")), None)
    month_at = next((i for i, w in enumerate(words) if w in ("m", "mm")), None)
    if day_at is not None and month_at is not None and month_at < day_at and not has_time:
        tokens = _DATE_TOKEN_RE.findall(LOCALE_SHORT_DATE)
        words = [t.lower() for t in tokens]
    out: list[str] = []
    for i, (token, word) in enumerate(zip(tokens, words, strict=True)):
        out.append(_date_part(value, token, word, words, i))
    text = "".join(out).strip()
    return text or value.date().isoformat()


def _keep_literal(m: re.Match[str]) -> str:
    text = m.group(0)
    if text.startswith("["):
        return ""  # a colour or locale: [Red], [$-809]
    return text


def _date_part(value: dt.datetime, token: str, word: str, words: list[str], i: int) -> str:
    minutes = word in ("m", "mm") and (
        any(w in ("h", "hh") for w in words[max(0, i - 3) : i])
        or any(w in ("s", "ss") for w in words[i + 1 : i + 4])
    )
    if minutes:
        return f"{value.minute:02d}" if word == "mm" else str(value.minute)
    simple = {
        "yyyy": f"{value.year:04d}",
        "yy": f"{value.year % 100:02d}",
        "mmmmm": value.strftime("%B")[:1],
        "mmmm": value.strftime("%B"),
        "mmm": value.strftime("%b"),
        "mm": f"{value.month:02d}",
        "m": str(value.month),
        "dddd": value.strftime("%A"),
        "ddd": value.strftime("%a"),
        "dd": f"{value.day:02d}",
        "d": str(value.day),
        "hh": f"{value.hour:02d}",
        "h": str(value.hour),
        "ss": f"{value.second:02d}",
        "s": str(value.second),
        "am/pm": "AM" if value.hour < 12 else "PM",
        "a/p": "A" if value.hour < 12 else "P",
    }
    if word in simple:
        return simple[word]
    if token.startswith('"'):
        return token[1:-1]
    if token.startswith("\\"):
        return token[1:]
    return token


def format_number(value: float, code: str) -> str:
    """Return a number as its format shows it ("General", "0.00", "#,##0", "0%")."""
    section = _SECTION_RE.sub(_keep_literal, first_section(code)).replace('"', "")
    if section in ("General", "@", ""):
        return general(value)
    percent = "%" in section
    shown = value * 100 if percent else value
    digits = section.split(".", 1)
    decimals = len(re.findall(r"[0#?]", digits[1])) if len(digits) > 1 else 0
    grouped = "," in digits[0]
    text = f"{shown:,.{decimals}f}" if grouped else f"{shown:.{decimals}f}"
    return text + ("%" if percent else "")


def general(value: float) -> str:
    """Return a number as Excel's General format shows it: no ".0" on a whole number."""
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10g}"


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _float(value: str | None) -> float:
    try:
        return float(value) if value is not None else 0.0
    except ValueError:
        return 0.0
