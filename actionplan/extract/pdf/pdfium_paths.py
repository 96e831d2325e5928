"""A page's paths and images read by PDFium, as pdfplumber's object dictionaries.

A path is split into subpaths at each move, and each is a line, a rectangle or a curve
by pdfminer's rules (`converter.PDFLayoutAnalyzer.paint_path`); form XObjects are walked
into, their matrices applied. A fill colour is PDFium's RGB, given as fractions so
`fills.hex_colour` reads it alike.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as pdfium_c

from actionplan.extract.pdf.pdfium_geometry import (
    IDENTITY,
    Matrix,
    PageGeometry,
    Point,
    _f,
    _i,
    _p,
    apply,
    multiply,
    proto,
)

_count_objects = proto("FPDFPage_CountObjects", _i, _p)


class _Handle(ctypes.c_void_p):
    """A page object's or path segment's handle, kept as a pointer object.

    A subclass of c_void_p comes back from a call as itself, not as an integer, and
    passes to a call with no argument types as the pointer it is: the calls made for
    every page object and every segment of a path then convert nothing (the calls for
    every character in `pdfium_objects.py` do the same with the text page).
    """


def _unchecked(name: str, restype: Any) -> Any:
    """Return a prototype with no argument conversion: handles as _Handle, indices as
    Python ints (C ints), outputs by byref."""
    fn = proto(name, restype)
    fn.argtypes = None
    return fn


_get_object = _unchecked("FPDFPage_GetObject", _Handle)
_form_count = _unchecked("FPDFFormObj_CountObjects", _i)
# The index is an unsigned long: converted, as a C int would not fill it.
_form_object = proto("FPDFFormObj_GetObject", _Handle, _p, ctypes.c_ulong)
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

PATH, IMAGE, FORM = (
    pdfium_c.FPDF_PAGEOBJ_PATH,
    pdfium_c.FPDF_PAGEOBJ_IMAGE,
    pdfium_c.FPDF_PAGEOBJ_FORM,
)
MOVE, BEZIER = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_BEZIERTO
EVENODD = pdfium_c.FPDF_FILLMODE_ALTERNATE
# Forms nest at most this deep here; the guard has refused deeper nesting before.
MAX_FORM_DEPTH = 32


class Paths:
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
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
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
            kind = _segment_type(seg)
            # A move's close flag is never read (_subpaths): not asked for.
            segments.append((kind, point, kind != MOVE and bool(_segment_close(seg))))
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
