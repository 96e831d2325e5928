"""A page's characters, paths and images read by PDFium, as pdfplumber's object dictionaries.

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
- a path is split into subpaths at each move, and each is a line, a rectangle or a
  curve by pdfminer's rules (`converter.PDFLayoutAnalyzer.paint_path`);
- form XObjects are walked into, their matrices applied.

Coordinates go from PDF user space through the page's rotation and MediaBox, as
pdfminer's interpreter starts a page, then to pdfplumber's top-down `top`/`bottom`.
A fill colour is PDFium's RGB, given as fractions so `fills.hex_colour` reads it alike.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any

import pypdfium2.raw as pdfium_c

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]


def _proto(name: str, restype: Any, *argtypes: Any) -> Any:
    """Return a private prototype of a PDFium function, pointers as plain integers.

    pypdfium2's own prototypes return handles as ctypes pointer objects; integers are
    faster to make and can key a cache. A new function object at the address of
    pypdfium2's public one (`pypdfium2.raw`) leaves pypdfium2's prototype as it is.
    """
    public = getattr(pdfium_c, name)
    fn = type(public)(ctypes.cast(public, ctypes.c_void_p).value)
    fn.restype = restype
    fn.argtypes = argtypes
    return fn


_p, _i, _d, _f = ctypes.c_void_p, ctypes.c_int, ctypes.c_double, ctypes.c_float
_dp, _fp, _ip = ctypes.POINTER(_d), ctypes.POINTER(_f), ctypes.POINTER(_i)
_up = ctypes.POINTER(ctypes.c_uint)
_MP = ctypes.POINTER(pdfium_c.FS_MATRIX)
_RP = ctypes.POINTER(pdfium_c.FS_RECTF)

_load_page = _proto("FPDF_LoadPage", _p, _p, _i)
_close_page = _proto("FPDF_ClosePage", None, _p)
_load_text = _proto("FPDFText_LoadPage", _p, _p)
_close_text = _proto("FPDFText_ClosePage", None, _p)
_count_chars = _proto("FPDFText_CountChars", _i, _p)
_get_text = _proto("FPDFText_GetText", _i, _p, _i, _i, ctypes.c_char_p)
_map_error = _proto("FPDFText_HasUnicodeMapError", _i, _p, _i)
# The two calls made for every character, without argument conversion (a third of
# their cost): the text page as a c_void_p, the index a C int, the outputs by byref.
_text_object_c = _proto("FPDFText_GetTextObject", _p)
_text_object_c.argtypes = None
_origin_c = _proto("FPDFText_GetCharOrigin", _i)
_origin_c.argtypes = None
_loose_box = _proto("FPDFText_GetLooseCharBox", _i, _p, _i, _RP)
_char_matrix = _proto("FPDFText_GetMatrix", _i, _p, _i, _MP)
_font_size = _proto("FPDFText_GetFontSize", _d, _p, _i)
_text_font = _proto("FPDFTextObj_GetFont", _p, _p)
_base_font = _proto(
    "FPDFFont_GetBaseFontName", ctypes.c_size_t, _p, ctypes.c_char_p, ctypes.c_size_t
)
_font_descent = _proto("FPDFFont_GetDescent", _i, _p, _f, _fp)
_glyph_width = _proto("FPDFFont_GetGlyphWidth", _i, _p, ctypes.c_uint, _f, _fp)
_count_objects = _proto("FPDFPage_CountObjects", _i, _p)


class _Handle(ctypes.c_void_p):
    """A page object's or path segment's handle, kept as a pointer object.

    A subclass of c_void_p comes back from a call as itself, not as an integer, and
    passes to a call with no argument types as the pointer it is: the calls made for
    every page object and every segment of a path then convert nothing (the ones for
    every character do the same with the text page, above).
    """


def _unchecked(name: str, restype: Any) -> Any:
    """Return a prototype with no argument conversion: handles as _Handle, indices as
    Python ints (C ints), outputs by byref."""
    fn = _proto(name, restype)
    fn.argtypes = None
    return fn


_get_object = _unchecked("FPDFPage_GetObject", _Handle)
_form_count = _unchecked("FPDFFormObj_CountObjects", _i)
# The index is an unsigned long: converted, as a C int would not fill it.
_form_object = _proto("FPDFFormObj_GetObject", _Handle, _p, ctypes.c_ulong)
_object_type = _unchecked("FPDFPageObj_GetType", _i)
_object_matrix = _unchecked("FPDFPageObj_GetMatrix", _i)
_fill_colour = _unchecked("FPDFPageObj_GetFillColor", _i)
_stroke_colour = _unchecked("FPDFPageObj_GetStrokeColor", _i)
_stroke_width = _unchecked("FPDFPageObj_GetStrokeWidth", _i)
_draw_mode = _unchecked("FPDFPath_GetDrawMode", _i)
_count_segments = _unchecked("FPDFPath_CountSegments", _i)
_get_segment = _unchecked("FPDFPath_GetPathSegment", _Handle)
_segment_point = _unchecked("FPDFPathSegment_GetPoint", _i)
_segment_type = _unchecked("FPDFPathSegment_GetType", _i)
_segment_close = _unchecked("FPDFPathSegment_GetClose", _i)

TEXT, PATH, IMAGE, FORM = (
    pdfium_c.FPDF_PAGEOBJ_TEXT,
    pdfium_c.FPDF_PAGEOBJ_PATH,
    pdfium_c.FPDF_PAGEOBJ_IMAGE,
    pdfium_c.FPDF_PAGEOBJ_FORM,
)
MOVE, BEZIER = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_BEZIERTO
EVENODD = pdfium_c.FPDF_FILLMODE_ALTERNATE
# Forms nest at most this deep here; the guard has refused deeper nesting before.
MAX_FORM_DEPTH = 32
HYPHEN_MARK = "\ufffe"
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def multiply(m1: Matrix, m0: Matrix) -> Matrix:
    """Return m1 then m0 as one matrix (a point times m1, then times m0)."""
    a1, b1, c1, d1, e1, f1 = m1
    a0, b0, c0, d0, e0, f0 = m0
    return (
        a0 * a1 + c0 * b1,
        b0 * a1 + d0 * b1,
        a0 * c1 + c0 * d1,
        b0 * c1 + d0 * d1,
        a0 * e1 + c0 * f1 + e0,
        b0 * e1 + d0 * f1 + f0,
    )


def apply(m: Matrix, x: float, y: float) -> Point:
    """Return the point (x, y) through the matrix m."""
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


class PageGeometry:
    """Where a page's user space lands in pdfplumber's coordinates.

    `start` is the matrix pdfminer's interpreter begins the page with (rotation and
    MediaBox origin); `height`, `mb_x0` and `mb_top` are pdfplumber's page height and
    MediaBox corner, so `top = height - y1 + mb_top` as in `Page.process_object`.
    """

    def __init__(
        self,
        start: Matrix,
        height: float,
        mb_x0: float,
        mb_top: float,
        doctop: float,
        number: int,
    ) -> None:
        self.start = start
        self.height = height
        self.mb_x0 = mb_x0
        self.mb_top = mb_top
        self.doctop = doctop
        self.number = number


def start_matrix(mediabox: tuple[float, float, float, float], rotate: int) -> Matrix:
    """Return pdfminer's initial matrix for a page (`PDFPageInterpreter.process_page`)."""
    x0, y0, x1, y1 = mediabox
    if rotate == 90:
        return (0, -1, 1, 0, -y0, x1)
    if rotate == 180:
        return (-1, 0, 0, -1, x1, y1)
    if rotate == 270:
        return (0, 1, -1, 0, y1, -x0)
    return (1, 0, 0, 1, -x0, -y0)


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
        _Paths(geometry, objects).page(page)
        return objects
    finally:
        _close_page(page)


class _Font:
    """What a text object's characters share: name, descent, and its matrix's scale."""

    __slots__ = ("descent", "handle", "name")

    def __init__(self, handle: int, descent: Callable[[str], float | None]) -> None:
        self.handle = handle
        size = _base_font(handle, None, 0)
        buf = ctypes.create_string_buffer(max(1, size))
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
    buf = ctypes.create_string_buffer(2 * (n + 1))
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


_char_unicode = _proto("FPDFText_GetUnicode", ctypes.c_uint, _p, _i)


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


class _Paths:
    """Collect a page's paths (as lines, rectangles, curves) and count its images."""

    def __init__(self, geometry: PageGeometry, objects: dict[str, list[dict[str, Any]]]) -> None:
        self.g = geometry
        self.objects = objects
        self.m = pdfium_c.FS_MATRIX()
        self.fx, self.fy = _f(), _f()
        self.r, self.gr, self.b, self.al = (
            ctypes.c_uint(),
            ctypes.c_uint(),
            ctypes.c_uint(),
            ctypes.c_uint(),
        )
        self.rgba = tuple(ctypes.byref(v) for v in (self.r, self.gr, self.b, self.al))
        self.pfx, self.pfy = ctypes.byref(self.fx), ctypes.byref(self.fy)

    def page(self, page: int) -> None:
        handle = ctypes.c_void_p(page)
        for k in range(_count_objects(page)):
            self.visit(_get_object(handle, k), self.g.start, 0)

    def visit(self, obj: _Handle, outer: Matrix, depth: int) -> None:
        kind = _object_type(obj)
        if kind == PATH:
            self.path(obj, outer)
        elif kind == IMAGE:
            self.objects.setdefault("image", []).append(self.image(obj, outer))
        elif kind == FORM and depth < MAX_FORM_DEPTH:
            inner = multiply(self.matrix(obj), outer)
            for k in range(_form_count(obj)):
                self.visit(_form_object(obj, k), inner, depth + 1)

    def matrix(self, obj: _Handle) -> Matrix:
        m = self.m
        if not _object_matrix(obj, ctypes.byref(m)):
            return IDENTITY
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def colour(self, fn: Any, obj: _Handle) -> tuple[float, ...] | None:
        if not fn(obj, *self.rgba):
            return None
        return (self.r.value / 255, self.gr.value / 255, self.b.value / 255)

    def image(self, obj: _Handle, outer: Matrix) -> dict[str, Any]:
        m = multiply(self.matrix(obj), outer)
        corners = [apply(m, u, v) for u in (0.0, 1.0) for v in (0.0, 1.0)]
        return self.boxed("image", corners, {})

    def boxed(self, kind: str, pts: list[Point], attrs: dict[str, Any]) -> dict[str, Any]:
        g = self.g
        x0, x1 = min(p[0] for p in pts), max(p[0] for p in pts)
        y0, y1 = min(p[1] for p in pts), max(p[1] for p in pts)
        top = (g.height - y1) + g.mb_top
        if g.mb_x0:
            x0, x1 = x0 + g.mb_x0, x1 + g.mb_x0
        attrs.update(
            object_type=kind,
            page_number=g.number,
            x0=x0,
            y0=y0,
            x1=x1,
            y1=y1,
            width=x1 - x0,
            height=y1 - y0,
            top=top,
            bottom=top + (y1 - y0),
            doctop=g.doctop + top,
        )
        return attrs

    def path(self, obj: _Handle, outer: Matrix) -> None:
        fill, stroke = _i(), _i()
        if not _draw_mode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
            return
        m = multiply(self.matrix(obj), outer)
        segments: list[tuple[int, Point, bool]] = []
        fx, fy = self.fx, self.fy
        pfx, pfy = self.pfx, self.pfy
        ma, mb, mc, md, me, mf = m
        for k in range(_count_segments(obj)):
            seg = _get_segment(obj, k)
            if not seg or not _segment_point(seg, pfx, pfy):
                return
            x, y = fx.value, fy.value
            # apply(m, x, y), inline.
            point = (ma * x + mc * y + me, mb * x + md * y + mf)
            segments.append((_segment_type(seg), point, bool(_segment_close(seg))))
        style = {
            "fill": bool(fill.value),
            "stroke": bool(stroke.value),
            "evenodd": fill.value == EVENODD,
            "linewidth": self.linewidth(obj),
            "non_stroking_color": self.colour(_fill_colour, obj),
            "stroking_color": self.colour(_stroke_colour, obj),
        }
        for sub in _subpaths(segments):
            self.paint(sub, style)

    def linewidth(self, obj: _Handle) -> float:
        w = _f()
        return float(w.value) if _stroke_width(obj, ctypes.byref(w)) else 0.0

    def paint(self, path: list[tuple[str, Point]], style: dict[str, Any]) -> None:
        """Classify one subpath as pdfminer's `paint_path` does."""
        shape = "".join(op for op, _ in path)
        pts = [pt for _, pt in path]
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"
            pts.pop()
        g = self.g
        plumber = [(g.mb_x0 + x, g.mb_top + g.height - y) for x, y in pts]
        if shape in {"mlh", "ml"}:
            attrs = {**style, "pts": plumber[:2]}
            self.add("line", pts[:2], attrs)
            return
        if shape in {"mlllh", "mllll"}:
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
                y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
            )
            if pts[0] == pts[4] and square:
                corners = [pts[0], pts[2]]
                self.add("rect", corners, {**style, "pts": plumber})
                return
        self.add("curve", pts, {**style, "pts": plumber})

    def add(self, kind: str, pts: list[Point], attrs: dict[str, Any]) -> None:
        self.objects.setdefault(kind, []).append(self.boxed(kind, pts, attrs))


def _subpaths(segments: list[tuple[int, Point, bool]]) -> list[list[tuple[str, Point]]]:
    """Turn PDFium's segments into pdfminer's operators (m, l, c, h), one list a subpath.

    PDFium keeps a Bezier curve as three points and a close as a flag on the segment
    that returns to the start; pdfminer keeps a curve's end point and a close as "h".
    """
    out: list[list[tuple[str, Point]]] = []
    current: list[tuple[str, Point]] = []
    start: Point | None = None
    bezier = 0
    for kind, pt, close in segments:
        if kind == MOVE:
            if current:
                out.append(current)
            current, start, bezier = [("m", pt)], pt, 0
            continue
        if not current:
            continue
        if kind == BEZIER:
            bezier += 1
            if bezier < 3:
                continue
            bezier = 0
            current.append(("c", pt))
        elif close and pt == start:
            current.append(("h", pt))
        else:
            current.append(("l", pt))
        if close and current[-1][0] != "h" and start is not None:
            current.append(("h", start))
    if current:
        out.append(current)
    # pdfminer paints only paths that begin with a move; a lone move paints nothing.
    return [p for p in out if len(p) > 1]
