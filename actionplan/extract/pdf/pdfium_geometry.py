"""What the PDFium readers share: prototypes of PDFium's functions, and page geometry.

`pdfium_objects.py` reads a page's characters and `pdfium_paths.py` its paths and images;
both go from PDF user space through the page's rotation and MediaBox, as pdfminer's
interpreter starts a page, to pdfplumber's top-down coordinates (`PageGeometry`).
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as pdfium_c

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def proto(name: str, restype: Any, *argtypes: Any) -> Any:
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


_buffer_types: dict[int, Any] = {}


def byte_buffer(size: int) -> Any:
    """Return a zeroed ctypes byte buffer of at least `size` bytes.

    `ctypes.create_string_buffer` makes a new array type for each new length, and a
    ctypes type is a cycle only a full collection frees: some 300 types a reading of a
    prose report, each with its descriptors. Lengths are rounded up to a power of two,
    whose types are made once and kept.
    """
    bits = max(6, (max(1, size) - 1).bit_length())
    kind = _buffer_types.get(bits)
    if kind is None:
        kind = _buffer_types.setdefault(bits, ctypes.c_char * (1 << bits))
    return kind()


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
