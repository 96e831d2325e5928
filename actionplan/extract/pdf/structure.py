"""What the PDFium engine reads through pdfminer's object layer: limits, damage, font descents.

PDFium interprets a page in C, where the guard (pdf/guard.py) cannot see. So before
PDFium reads a page, the streams it would inflate are inflated here within the
guard's limits, which refuses bombs and marks damaged pages exactly as when pdfminer
reads them, and the forms the page draws are counted without being drawn:

- the page's content streams (their text-showing operators are counted too, for
  `guard.lost_text`);
- every form XObject the page names with `Do`, each draw counted and nested as
  pdfminer's interpreter would (`guard.drawing`), and its own content and resources;
- the font programs of every font the page and its forms use, each file once.

No content is interpreted: only pdfminer's parser and cross-reference reading run,
which are a small share of its time. The same pass gives each font's descent as
pdfminer's fonts take it (`pdffont.PDFFont`), so a character's box matches
pdfminer's to the bit where the font program's own metrics would move it.
"""

from __future__ import annotations

import re
from typing import Any

from pdfminer.fontmetrics import FONT_METRICS
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1
from pdfminer.psparser import PSLiteral

from actionplan.extract.pdf import guard

# `/Name Do`: a name (PDF's delimiters end it) and the draw operator.
_DO = re.compile(rb"/((?:[^\s/\[\]()<>{}%])+)\s*Do(?![^\s/\[\]()<>{}%])")
_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")
_FONT_FILES = ("FontFile", "FontFile2", "FontFile3")
# A stream object as the file holds it: "N G obj", its dictionary, then "stream".
_OBJ = re.compile(rb"\s*(\d+)\s+\d+\s+obj\s*<<")
_STREAM = re.compile(rb">>\s*stream(?![^\s/\[\]()<>{}%])")
_IMAGE = re.compile(rb"/Subtype\s*/Image(?![^\s/\[\]()<>{}%])")
# What an image's dictionary is looked for in: far more than one ever takes.
_HEAD = 4096


def _name(raw: bytes) -> str:
    return _HEX.sub(lambda m: bytes([int(m.group(1), 16)]), raw).decode("latin-1")


def _literal(value: Any) -> str | None:
    value = resolve1(value)
    if isinstance(value, PSLiteral):
        return str(value.name) if not isinstance(value.name, bytes) else value.name.decode()
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value if isinstance(value, str) else None


def _dict(value: Any) -> dict[Any, Any]:
    value = resolve1(value)
    return value if isinstance(value, dict) else {}


def _number(value: Any) -> float:
    value = resolve1(value)
    return float(value) if isinstance(value, int | float) else 0.0


def font_descent(spec: dict[Any, Any]) -> float:
    """Return a font's descent per unit of font size, as pdfminer's font objects hold it."""
    subtype = _literal(spec.get("Subtype")) or "Type1"
    if subtype == "Type0":
        descendants = resolve1(spec.get("DescendantFonts"))
        first = _dict(descendants[0]) if isinstance(descendants, list) and descendants else {}
        return font_descent({**first, "Subtype": first.get("Subtype", "CIDFontType2")})
    if subtype == "Type3":
        box = resolve1(spec.get("FontBBox"))
        own = _dict(spec.get("FontDescriptor"))
        if own:
            box = resolve1(own.get("FontBBox", box))
        matrix = resolve1(spec.get("FontMatrix"))
        low = _number(box[1]) if isinstance(box, list) and len(box) == 4 else 0.0
        if isinstance(matrix, list) and len(matrix) == 6:
            # pdfminer's vertical scale: the font matrix applied to (1, 1).
            return low * (_number(matrix[1]) + _number(matrix[3]))
        return low * 0.001
    descriptor: Any = _dict(spec.get("FontDescriptor"))
    if subtype not in ("CIDFontType0", "CIDFontType2"):
        # pdfminer's simple fonts take a standard font's metrics over its descriptor.
        base = _literal(spec.get("BaseFont"))
        if base in FONT_METRICS:
            descriptor = FONT_METRICS[base][0]
    descent = _number(descriptor.get("Descent", 0))
    return -abs(descent) * 0.001


class Structure:
    """The fonts and forms of one open document, each read once across its pages."""

    def __init__(self) -> None:
        self.descents: dict[str, float | None] = {}
        self._fonts: set[int] = set()
        self._streams: dict[int, bytes] = {}

    def descent(self, name: str) -> float | None:
        """Return pdfminer's descent of the font of this base name, None if unknown or two."""
        return self.descents.get(name)

    def check(self, page: PDFPage, bounds: guard.Guard) -> None:
        """Inflate what PDFium will read of the page, within the guard's bounds."""
        data = b"".join(self._data(s) for s in page.contents or [])
        self._resources(page.resources, data, bounds)

    def _data(self, stream: Any) -> bytes:
        stream = resolve1(stream)
        if not isinstance(stream, PDFStream):
            return b""
        key = id(stream)
        if key not in self._streams:
            self._streams[key] = stream.get_data() or b""
        return self._streams[key]

    def _resources(self, resources: Any, data: bytes, bounds: guard.Guard) -> None:
        resources = _dict(resources)
        self._read_fonts(_dict(resources.get("Font")))
        xobjects = _dict(resources.get("XObject"))
        for match in _DO.finditer(data):
            with guard.drawing(bounds):
                ref = xobjects.get(_name(match.group(1)))
                if plainly_image(ref):
                    continue
                xobj = resolve1(ref)
                if isinstance(xobj, PDFStream) and _literal(xobj.get("Subtype")) == "Form":
                    inner = xobj.get("Resources")
                    self._resources(
                        inner if inner is not None else resources, self._data(xobj), bounds
                    )

    def _read_fonts(self, fonts: dict[Any, Any]) -> None:
        for ref in fonts.values():
            spec = resolve1(ref)
            if not isinstance(spec, dict) or id(spec) in self._fonts:
                continue
            self._fonts.add(id(spec))
            descent = font_descent(spec)
            for name in self._names(spec):
                if name in self.descents and self.descents[name] != descent:
                    self.descents[name] = None
                else:
                    self.descents[name] = descent
            for descriptor in self._descriptors(spec):
                for key in _FONT_FILES:
                    self._data(descriptor.get(key))

    @staticmethod
    def _names(spec: dict[Any, Any]) -> list[str]:
        names = [_literal(spec.get("BaseFont"))]
        for sub in resolve1(spec.get("DescendantFonts")) or []:
            names.append(_literal(_dict(sub).get("BaseFont")))
        # PDFium names a subset font without its "ABCDEF+" tag.
        names += [n.split("+", 1)[1] for n in names if n and "+" in n]
        return [n for n in names if n]

    @staticmethod
    def _descriptors(spec: dict[Any, Any]) -> list[dict[Any, Any]]:
        out = [_dict(spec.get("FontDescriptor"))]
        for sub in resolve1(spec.get("DescendantFonts")) or []:
            out.append(_dict(_dict(sub).get("FontDescriptor")))
        return [d for d in out if d]


def plainly_image(ref: Any) -> bool:
    """Tell, from the object's bytes in the file, that an XObject is an image, not a form.

    An image draws nothing PDFium inflates when it loads the page, so all the guard
    needs of it is its draw; but pdfminer's parser takes longer over an image's
    dictionary than over a page (a prose report's logo on every page, photographs).
    The bytes settle it only when they leave no doubt: the object lies where its one
    cross-reference entry says (not inside an object stream), its dictionary says
    `/Subtype /Image` once and `Subtype` nowhere else, and holds no string, comment,
    escaped name or the word "Form". Anything else is False, and pdfminer parses
    the object as before, which the guard's handling of forms relies on.
    """
    doc = getattr(ref, "doc", None) if isinstance(ref, PDFObjRef) else None
    try:
        if doc is None or ref.objid in doc._cached_objs:
            return False  # resolving it is a look-up
        found = []
        for xref in doc.xrefs:
            try:
                found.append(xref.get_pos(ref.objid))
            except KeyError:
                continue
        # One entry, in no object stream: were its parse to fail, pdfminer would take
        # the object from another cross-reference section, which these bytes are not.
        if len(found) != 1 or found[0][0] is not None:
            return False
        pos = found[0][1]
        fp = doc._parser.fp
        here = fp.tell()
        try:
            fp.seek(pos)
            head = fp.read(_HEAD)
        finally:
            fp.seek(here)
    except Exception:  # pdfminer's internals moved, or a damaged cross-reference
        return False
    start = _OBJ.match(head)
    if start is None or int(start.group(1)) != ref.objid:
        return False
    end = _STREAM.search(head, start.end())
    if end is None:
        return False
    body = head[start.end() : end.start()]
    if any(mark in body for mark in (b"(", b"%", b"#", b"Form")) or body.count(b"Subtype") != 1:
        return False
    return _IMAGE.search(body) is not None
