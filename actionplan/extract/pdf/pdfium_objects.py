"""A page's characters read by PDFium, as pdfplumber's object dictionaries.

PDFium (through pypdfium2) interprets a page's content in C, many times faster than
pdfminer's Python interpreter. What it gives is turned into the very dictionaries
pdfplumber makes from pdfminer's layout objects, in the same coordinates, so the
table finder and the reader's own logic run unchanged on either:

- a character's box is pdfminer's: from its origin along the advance width, and from
  the font's descent (as pdfminer reads it, `structure.py`) up one font size, through
  the character's text matrix; PDFium's generated spaces and line breaks are dropped.
  A character carries the keys the reader and pdfplumber's table finder read (box,
  `doctop`, text, size, font, matrix, upright), not pdfminer's y0/y1, width, height,
  object type or page number, which took an eighth of its instructions to make;
- paths and images are read by `pdfium_paths.py`.

Coordinates go from PDF user space through the page's rotation and MediaBox, as
pdfminer's interpreter starts a page, then to pdfplumber's top-down `top`/`bottom`
(`pdfium_geometry.py`).
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any

import pypdfium2.raw as pdfium_c

from actionplan.extract.pdf.pdfium_geometry import (
    _MP,
    _RP,
    Matrix,
    PageGeometry,
    _d,
    _f,
    _fp,
    _i,
    _p,
    apply,
    byte_buffer,
    multiply,
    proto,
)
from actionplan.extract.pdf.pdfium_paths import Paths

_load_page = proto("FPDF_LoadPage", _p, _p, _i)
_close_page = proto("FPDF_ClosePage", None, _p)
_load_text = proto("FPDFText_LoadPage", _p, _p)
_close_text = proto("FPDFText_ClosePage", None, _p)
_count_chars = proto("FPDFText_CountChars", _i, _p)
_get_text = proto("FPDFText_GetText", _i, _p, _i, _i, ctypes.c_char_p)
_map_error = proto("FPDFText_HasUnicodeMapError", _i, _p, _i)
# The two calls made for every character, without argument conversion (a third of
# their cost): the text page as a c_void_p, the index a C int, the outputs by byref.
_text_object_c = proto("FPDFText_GetTextObject", _p)
_text_object_c.argtypes = None
_origin_c = proto("FPDFText_GetCharOrigin", _i)
_origin_c.argtypes = None
_loose_box = proto("FPDFText_GetLooseCharBox", _i, _p, _i, _RP)
_char_matrix = proto("FPDFText_GetMatrix", _i, _p, _i, _MP)
_font_size = proto("FPDFText_GetFontSize", _d, _p, _i)
_text_font = proto("FPDFTextObj_GetFont", _p, _p)
_base_font = proto(
    "FPDFFont_GetBaseFontName", ctypes.c_size_t, _p, ctypes.c_char_p, ctypes.c_size_t
)
_font_descent = proto("FPDFFont_GetDescent", _i, _p, _f, _fp)
_glyph_width = proto("FPDFFont_GetGlyphWidth", _i, _p, ctypes.c_uint, _f, _fp)


HYPHEN_MARK = "\ufffe"


def read_page_objects(
    document: Any, index: int, geometry: PageGeometry, descent: Callable[[str], float | None]
) -> dict[str, list[dict[str, Any]]]:
    """Return the page's objects as pdfplumber's `Page.objects` holds them.

    `document` is the raw FPDF_DOCUMENT handle; `descent` gives pdfminer's descent of a
    font by its base name (None when the file does not say).
    """
    page = _load_page(document, index)
    if not page:
        raise ValueError(f"PDFium could not load page {index + 1}")
    try:
        objects: dict[str, list[dict[str, Any]]] = {}
        text = _load_text(page)
        if not text:
            raise ValueError(f"PDFium could not read the text of page {index + 1}")
        try:
            chars = _chars(text, geometry, descent)
        finally:
            _close_text(text)
        if chars:
            objects["char"] = chars
        Paths(geometry, objects).page(page)
        return objects
    finally:
        _close_page(page)


class _Font:
    """What a text object's characters share: name, descent, and its matrix's scale."""

    __slots__ = ("descent", "handle", "name")

    def __init__(self, handle: int, descent: Callable[[str], float | None]) -> None:
        self.handle = handle
        size = _base_font(handle, None, 0)
        buf = byte_buffer(size)
        _base_font(handle, buf, size)
        self.name = buf.value.decode("utf-8", "replace")
        known = descent(self.name)
        if known is None:
            out = _f()
            known = out.value if _font_descent(handle, 1.0, ctypes.byref(out)) else 0.0
        self.descent = known


class _Run:
    """What the characters of one text object share: font, size and matrix, and for
    upright text the parts of their boxes that do not move along the line."""

    __slots__ = (
        "a",
        "dhi",
        "dlo",
        "fa",
        "fast",
        "fd",
        "handle",
        "hi",
        "lo",
        "matrix",
        "name",
        "obj",
        "size",
        "sized",
        "upright",
    )

    def __init__(self, obj: int, matrix: Matrix, font: _Font, size: float, start: Matrix) -> None:
        self.obj, self.matrix, self.size = obj, matrix, size
        self.handle, self.name = font.handle, font.name
        a, b, c, d = matrix[:4]
        self.a = a
        self.lo = lo = font.descent * size
        self.hi = hi = lo + size
        self.fast = b == 0 and c == 0 and a > 0 and start[1] == 0 and start[2] == 0
        self.dlo, self.dhi = d * lo, d * hi
        # The full matrix of an upright character: (fa, 0, 0, fd, e, f).
        self.fa, self.fd = start[0] * a, start[3] * d
        self.upright = self.fa * self.fd > 0
        # Each character's text, advance and advance along x at this size.
        self.sized: dict[str, tuple[str, float, float]] = {}


def _chars(
    text: int, geometry: PageGeometry, descent: Callable[[str], float | None]
) -> list[dict[str, Any]]:
    n = _count_chars(text)
    if n <= 0:
        return []
    buf = byte_buffer(2 * (n + 1))
    got = _get_text(text, 0, n, buf)
    unicode = buf.raw[: 2 * max(0, got - 1)].decode("utf-16-le", "replace")
    if len(unicode) != n:
        # Surrogate pairs would shift the indices: read each character on its own.
        unicode = "".join(chr(_char_unicode(text, i)) for i in range(n))
    start, height, mb_x0, mb_top = geometry.start, geometry.height, geometry.mb_x0, geometry.mb_top
    doctop0 = geometry.doctop
    ox, oy = _d(), _d()
    box = pdfium_c.FS_RECTF()
    m = pdfium_c.FS_MATRIX()
    pox, poy, pm = ctypes.byref(ox), ctypes.byref(oy), ctypes.byref(m)
    fonts: dict[int, _Font] = {}
    # A font's character reads the same text and width wherever it is on the page.
    glyphs: dict[tuple[int, str], tuple[str, float]] = {}
    objects: dict[int, _Run] = {}
    out: list[dict[str, Any]] = []
    sa, sd, se, sf = start[0], start[3], start[4], start[5]
    text_c = ctypes.c_void_p(text)
    run: _Run | None = None
    # The run's fields as locals, for the loop below; set when the run changes.
    run_obj = 0
    sized: dict[str, tuple[str, float, float]] = {}
    last_obj: int | None = None
    lx = ly = 0.0
    last_index = -1
    # The baseline the run's last upright character sat on, and what follows from it.
    line_y: float | None = None
    y0d = y1d = top = h = bottom = doctop = fy = 0.0
    for i in range(n):
        obj = _text_object_c(text_c, i)
        if not obj:
            # A space or line break PDFium generated: no text object drew it.
            continue
        if obj != run_obj:
            run = objects.get(obj)
            if run is None:
                _char_matrix(text, i, pm)
                handle = _text_font(obj)
                font = fonts.get(handle)
                if font is None:
                    font = fonts[handle] = _Font(handle, descent)
                matrix = (m.a, m.b, m.c, m.d, m.e, m.f)
                run = objects[obj] = _Run(obj, matrix, font, _font_size(text, i), start)
            run_obj, sized, fast, name = obj, run.sized, run.fast, run.name
            dlo, dhi, fa, fd, run_upright = run.dlo, run.dhi, run.fa, run.fd, run.upright
            line_y = None
        raw = unicode[i]
        known = sized.get(raw)
        if known is None:
            assert run is not None  # set with run_obj, which no text object is
            key = (run.handle, raw)
            glyph = glyphs.get(key)
            if glyph is None:
                glyph = glyphs[key] = _glyph(run.handle, raw, text, i, box, run.a)
            adv = glyph[1] * run.size
            known = sized[raw] = (glyph[0], adv, run.a * adv)
        ch, adv, a_adv = known
        _origin_c(text_c, i, pox, poy)
        x, y = ox.value, oy.value
        if (
            obj == last_obj
            and x == lx
            and y == ly
            and out
            and _same_glyph(text, last_index, i, box)
        ):
            # One glyph for several characters (a ligature, "ffi"): PDFium gives each
            # character the glyph and its box, pdfminer one character of all the text.
            _ligature(out[-1], ch, box)
            continue
        last_obj, lx, ly, last_index = obj, x, y, i
        if fast:
            if y != line_y:
                # A new baseline in the run: what does not move along it.
                line_y = y
                y0d, y1d = sd * (y + dlo) + sf, sd * (y + dhi) + sf
                if y1d < y0d:
                    y0d, y1d = y1d, y0d
                top = (height - y1d) + mb_top
                h = y1d - y0d
                bottom, doctop, fy = top + h, doctop0 + top, sd * y + sf
            ex = sa * x + se
            x0d, x1d = ex, sa * (x + a_adv) + se
            if x1d < x0d:
                x0d, x1d = x1d, x0d
            full: Matrix = (fa, 0.0, 0.0, fd, ex, fy)
            upright = run_upright
        else:
            assert run is not None
            line_y = None
            a, b, c, d = run.matrix[:4]
            full = multiply((a, b, c, d, x, y), start)
            corners = [apply(full, u, v) for u in (0.0, adv) for v in (run.lo, run.hi)]
            x0d, x1d = min(p[0] for p in corners), max(p[0] for p in corners)
            y0d, y1d = min(p[1] for p in corners), max(p[1] for p in corners)
            upright = full[0] * full[3] > 0 and full[1] * full[2] <= 0
            top = (height - y1d) + mb_top
            h = y1d - y0d
            bottom, doctop = top + h, doctop0 + top
        if mb_x0:
            x0d += mb_x0
            x1d += mb_x0
        out.append(
            {
                "matrix": full,
                "fontname": name,
                "adv": adv,
                "upright": upright,
                "x0": x0d,
                "x1": x1d,
                "size": h,
                "text": ch,
                "top": top,
                "bottom": bottom,
                "doctop": doctop,
            }
        )
    return out


def _same_glyph(text: int, first: int, second: int, box: Any) -> bool:
    """Tell whether two characters at one origin are one glyph (the same box), not a
    character of no width followed by the next."""
    if not _loose_box(text, first, ctypes.byref(box)):
        return False
    one = (box.left, box.right, box.bottom, box.top)
    if not _loose_box(text, second, ctypes.byref(box)):
        return False
    return one == (box.left, box.right, box.bottom, box.top) and box.right > box.left


def _ligature(char: dict[str, Any], ch: str, box: Any) -> None:
    """Add a character drawn by the glyph of the one before; the width is the glyph's.

    `box` holds the glyph's loose box in user space (`_same_glyph` read it).
    """
    char["text"] += ch
    if char["upright"]:
        width = abs(float(box.right - box.left))
        char["x1"] = char["x0"] + width
        char["adv"] = width


_char_unicode = proto("FPDFText_GetUnicode", ctypes.c_uint, _p, _i)


def _glyph(font: int, raw: str, text: int, index: int, box: Any, a: float) -> tuple[str, float]:
    """Return the text pdfminer gives a character of the font, and its advance per size."""
    if raw == HYPHEN_MARK:
        # PDFium marks a hyphen it takes to end a line; the file has a hyphen.
        return "-", _advance(font, "-", text, index, box, a)
    if _map_error(text, index):
        # No Unicode for the code: PDFium gives the code itself, pdfminer "(cid:N)".
        return f"(cid:{ord(raw)})", _advance(font, raw, text, index, box, a)
    return raw, _advance(font, raw, text, index, box, a)


def _advance(font: int, ch: str, text: int, index: int, box: Any, a: float) -> float:
    """Return a character's advance per unit of font size, from the font's widths.

    PDFium's loose box reaches over a glyph's ink past its advance (a bold "a"), and
    pdfminer's box is the advance; so the width is the font's own for the character
    where the font maps it back to a code, else the loose box's.
    """
    out = _f()
    if len(ch) == 1 and _glyph_width(font, ord(ch), 1.0, ctypes.byref(out)):
        return float(out.value)
    size = _font_size(text, index)
    if a and size and _loose_box(text, index, ctypes.byref(box)):
        return float(box.right - box.left) / (a * size)
    return 0.5
