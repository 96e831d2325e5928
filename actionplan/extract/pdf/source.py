"""Where a page's objects come from: pdfplumber (pdfminer) or PDFium, behind one interface.

An engine opens a document as a list of pdfplumber pages and, when a page is read
(inside the guard, pdf/guard.py), fills its objects: `Page.objects`, pdfplumber's
dictionaries of characters, rectangles, lines, curves and images. Everything after,
the ruled and borderless tables, lines and paragraphs, fills and spans, is the same
code whichever engine filled them; `tests/test_pdf_engines.py` checks that both give
the same records on every sample and zoo PDF.

- `pdfplumber`, the reference: pdfminer interprets the page in Python.
- `pdfium`, the default: PDFium (pypdfium2) interprets it in C, many times faster;
  pdfminer's object layer still opens the file, which keeps the guard's limits,
  damage warnings and password handling the same (pdf/structure.py).
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from actionplan.extract.pdf import guard
from actionplan.extract.pdf.objects import fast_objects
from actionplan.rules import PDF_ENGINE_VARIABLE, PDF_ENGINES

ENGINES = PDF_ENGINES
DEFAULT_ENGINE = PDF_ENGINES[0]
ENGINE_VARIABLE = PDF_ENGINE_VARIABLE


class OpenDocument(Protocol):
    """An open PDF: its pages, as pdfplumber pages whose objects are not read yet."""

    @property
    def pages(self) -> list[Any]: ...


class Engine(Protocol):
    """Open a PDF, and fill one page's objects when it is read."""

    def open(
        self, path: Path, password: str | None, pages: list[int] | None, data: bytes | None
    ) -> contextlib.AbstractContextManager[OpenDocument]: ...

    def load(self, document: OpenDocument, page: Any, bounds: guard.Guard) -> None: ...


class Pdfplumber:
    """pdfplumber's own pages; character dictionaries built directly (pdf/objects.py)."""

    @contextlib.contextmanager
    def open(
        self, path: Path, password: str | None, pages: list[int] | None, data: bytes | None
    ) -> Iterator[OpenDocument]:
        import pdfplumber

        pdf = pdfplumber.open(
            path if data is None else io.BytesIO(data), password=password or "", pages=pages
        )
        try:
            yield pdf
        finally:
            # pdfplumber's close() empties its list of pages, then builds every page
            # again to close it: a second walk of the page tree, leaving new pages in
            # cycles. The pages read are released as they are read; what is left to
            # close is the file.
            with contextlib.suppress(Exception):
                for page in vars(pdf).pop("_pages", []):
                    release(page)
                pdf.flush_cache()
                if not getattr(pdf, "stream_is_external", False):
                    pdf.stream.close()

    def load(self, document: OpenDocument, page: Any, bounds: guard.Guard) -> None:
        # pdfplumber caches a page's object dictionaries in `_objects`; filling it with
        # the same dictionaries built faster halves the time per page. If pdfplumber
        # ever renames it, the page simply parses its objects itself.
        if not hasattr(page, "_objects"):
            page._objects = fast_objects(page)


class _PdfiumDocument:
    """A file open in both pdfminer's object layer (structure) and PDFium (content)."""

    def __init__(
        self, path: Path, password: str | None, numbers: list[int] | None, data: bytes | None
    ) -> None:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfparser import PDFParser

        from actionplan.extract.pdf.structure import Structure

        self._stack = contextlib.ExitStack()
        try:
            fh = (
                io.BytesIO(data) if data is not None else self._stack.enter_context(path.open("rb"))
            )
            self.miner = PDFDocument(PDFParser(fh), password=password or "")
        except BaseException:
            self._stack.close()
            raise
        self.structure = Structure()
        self.numbers = numbers
        self._pages: list[Any] | None = None
        self.pdfium: Any = None
        self._path, self._password, self._data = path, password, data

    @property
    def pages(self) -> list[Any]:
        if self._pages is None:
            from pdfminer.pdfpage import PDFPage
            from pdfplumber.page import Page

            pages, doctop = [], 0.0
            for i, obj in enumerate(PDFPage.create_pages(self.miner)):
                if self.numbers is not None and i + 1 not in self.numbers:
                    continue
                page = Page(None, obj, page_number=i + 1, initial_doctop=doctop)  # type: ignore[arg-type]
                pages.append(page)
                doctop += page.height
            self._pages = pages
        return self._pages

    def handle(self) -> int:
        """Return PDFium's document handle, opening the file in PDFium once."""
        if self.pdfium is None:
            import pypdfium2

            source: Any = self._data if self._data is not None else str(self._path)
            self.pdfium = pypdfium2.PdfDocument(source, password=self._password or None)
            self._stack.callback(self.pdfium.close)
        return int(ctypes.cast(self.pdfium.raw, ctypes.c_void_p).value or 0)

    def close(self) -> None:
        self._stack.close()


class Pdfium:
    """PDFium reads each page's content; pdfminer's object layer guards what it reads."""

    @contextlib.contextmanager
    def open(
        self, path: Path, password: str | None, pages: list[int] | None, data: bytes | None
    ) -> Iterator[OpenDocument]:
        document = _PdfiumDocument(path, password, pages, data)
        try:
            yield document
        finally:
            with contextlib.suppress(Exception):
                document.close()

    def load(self, document: OpenDocument, page: Any, bounds: guard.Guard) -> None:
        from actionplan.extract.pdf.pdfium_geometry import PageGeometry, start_matrix
        from actionplan.extract.pdf.pdfium_objects import read_page_objects

        assert isinstance(document, _PdfiumDocument)
        obj = page.page_obj
        document.structure.check(obj, bounds)
        mb_x0, mb_top = page.mediabox[:2]
        geometry = PageGeometry(
            start=start_matrix(tuple(obj.mediabox), obj.rotate),
            height=float(page.height),
            mb_x0=float(mb_x0),
            mb_top=float(mb_top),
            doctop=float(page.initial_doctop),
            number=page.page_number,
        )
        page._objects = read_page_objects(
            document.handle(), page.page_number - 1, geometry, document.structure.descent
        )


def release(page: Any) -> None:
    """Let go of a pdfplumber page's objects: a page, or a filtered or cropped one.

    A pdfplumber page holds itself twice: through the cache of its text map (a bound
    method in its own attributes), and a root page through `root_page`. `close()`
    empties the cache but leaves both cycles, so the page, its characters and, through
    `page_obj`, pdfminer's page with its inflated content streams were freed only by
    a full collection, and a long reading slowed as they piled up. Released, the
    objects go when the last reference to them does, and the collector after each
    page has next to nothing to walk.
    """
    with contextlib.suppress(Exception):
        page.close()
    attributes = getattr(page, "__dict__", {})
    attributes.pop("get_textmap", None)
    if attributes.get("root_page") is page:
        del attributes["root_page"]


def engine_name(name: str | None = None) -> str:
    """Return the engine a reading uses: the one named, else $ACTIONPLAN_PDF_ENGINE, else pdfium."""
    name = name or os.environ.get(ENGINE_VARIABLE) or DEFAULT_ENGINE
    if name not in ENGINES:
        raise ValueError(f"unknown PDF engine {name!r}: use one of {', '.join(ENGINES)}")
    return name


def engine(name: str | None = None) -> Engine:
    """Return the engine of this name (one of ENGINES); None is the default one."""
    name = engine_name(name)
    engines: dict[str, Engine] = {"pdfplumber": Pdfplumber(), "pdfium": Pdfium()}
    return engines[name]
