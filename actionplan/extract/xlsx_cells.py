"""What a SpreadsheetML cell shows: its styles (number format, fill, font), and its colours.

A workbook stores a date as a serial number and says in the cell's style that it is a
date ("dd/mm/yyyy"); a colour as RGB, as an index into a palette, or as a theme colour
lightened or darkened by a tint. This module turns those into what Excel displays: text,
with dates as dates, and fills as "RRGGBB", so that the reader hands the layout stage the
same cells a Word table gives it (xlsx_numfmt renders the number formats).
"""

from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass, field

from lxml import etree
from openpyxl.styles.colors import COLOR_INDEX
from openpyxl.styles.numbers import BUILTIN_FORMATS

from actionplan.extract.xlsx_numfmt import LOCALE_SHORT_DATE

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"

# Excel's theme colour indexes put the light colours first: 0 is lt1, 1 dk1, 2 lt2, 3 dk2.
THEME_ORDER: tuple[str, ...] = ("lt1", "dk1", "lt2", "dk2")
THEME_ORDER += (*(f"accent{i}" for i in range(1, 7)), "hlink", "folHlink")
# Built-in formats that follow the machine's locale (14 the short date, 22 with the time):
# review documents are British, so they show day first, as Excel does there.
LOCALE_FORMATS = {14: LOCALE_SHORT_DATE, 22: f"{LOCALE_SHORT_DATE} hh:mm"}
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
    # Whether some colour names a theme colour the workbook does not define (no theme part).
    unknown_theme: bool = False

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
    styles.unknown_theme = resolve.unknown_theme
    if fonts and fonts[0].size:
        styles.base_size = fonts[0].size
    xfs = next((p for p in root if local(p.tag) == "cellXfs"), None)
    for xf in xfs if xfs is not None else ():
        fmt_id = _int(xf.get("numFmtId"))
        code = LOCALE_FORMATS.get(fmt_id) or formats.get(fmt_id, "General")
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
        # A theme colour asked for where the workbook has no theme part: unknown, not guessed.
        self.unknown_theme = False

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
            self.unknown_theme |= not self.theme
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
