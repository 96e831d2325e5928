"""Bounds on pdfminer's work for one PDF, and the damage it would pass over in silence.

pdfminer inflates every Flate stream whole (`zlib.decompress`) and, when the bytes are
damaged, retries byte by byte and falls back to an empty stream without a word: a few
flipped bytes in a page's content stream lose the page's text and nothing says so. It
also draws a form XObject as often as it is named, so forms that each draw the next ten
times multiply. While `reading` is active, in this thread or process:

- a Flate stream inflates in chunks, at most `STREAM_LIMIT` bytes a stream and
  `DOCUMENT_LIMIT` a document (content streams, fonts, object streams alike), whatever
  it claims; past a limit the file is refused as UnsafeDocument;
- a stream whose bytes do not inflate cleanly keeps what inflated before the damage,
  and the page being read is marked damaged;
- a page may draw at most `MAX_DRAWS` XObjects, nested at most `MAX_DEPTH` deep.

Outside `reading`, pdfminer behaves as it always did.
"""

from __future__ import annotations

import contextlib
import re
import zlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pdfminer import pdftypes
from pdfminer.pdfinterp import PDFPageInterpreter

from actionplan.errors import UnsafeDocument

MIB = 1024 * 1024
STREAM_LIMIT = 64 * MIB
DOCUMENT_LIMIT = 256 * MIB
MAX_DRAWS = 10_000
MAX_DEPTH = 16
# Compressed bytes fed to zlib at a time: what inflated before damage is kept.
CHUNK = 64 * 1024
# A page's own content streams that show at least this much text (text-showing
# operators) while the page yields under a tenth of it in characters lost text.
MIN_SHOWN = 50
SHOWN_PER_CHAR = 10

_SHOW = re.compile(rb"[)\]>]\s*(?:Tj|TJ|'|\")")


@dataclass
class Guard:
    """What has been inflated and drawn while one PDF is read, and which pages are damaged."""

    path: Path
    inflated: int = 0
    page: int | None = None
    draws: int = 0
    depth: int = 0
    damaged: set[int] = field(default_factory=set)
    # Damage met outside any page (object streams, the cross-reference stream).
    damaged_elsewhere: int = 0
    refusal: UnsafeDocument | None = None

    def refuse(self, message: str) -> UnsafeDocument:
        where = f"page {self.page}: " if self.page is not None else ""
        self.refusal = UnsafeDocument(self.path, f"{where}{message}; refused as unsafe")
        return self.refusal

    def mark_damaged(self) -> None:
        if self.page is None:
            self.damaged_elsewhere += 1
        else:
            self.damaged.add(self.page)


_active: ContextVar[Guard | None] = ContextVar("actionplan_pdf_guard", default=None)


def active() -> Guard | None:
    """Return the guard of the PDF being read here, or None outside `reading`."""
    return _active.get()


@contextlib.contextmanager
def reading(path: Path) -> Iterator[Guard]:
    """Bound pdfminer's work on the file at `path` until the block ends.

    Inside a block already reading the same file, the block shares its guard.
    """
    outer = _active.get()
    if outer is not None and outer.path == path:
        yield outer
        return
    guard = Guard(path)
    token = _active.set(guard)
    try:
        yield guard
    finally:
        _active.reset(token)


@contextlib.contextmanager
def page(guard: Guard, number: int) -> Iterator[None]:
    """Attribute the damage and drawing met in the block to page `number`.

    A refusal that pdfminer or pdfplumber caught and wrapped is raised again here.
    """
    guard.page, guard.draws, guard.depth = number, 0, 0
    try:
        yield
    finally:
        guard.page = None
    if guard.refusal is not None:
        raise guard.refusal


def lost_text(pdf_page: Any, chars: int) -> bool:
    """Tell whether a page's own content streams show far more text than it yielded."""
    shown = 0
    for stream in getattr(pdf_page, "contents", None) or []:
        data = getattr(pdftypes.resolve1(stream), "data", None)
        if isinstance(data, bytes):
            shown += len(_SHOW.findall(data))
    return shown >= MIN_SHOWN and chars * SHOWN_PER_CHAR < shown


def inflate(data: bytes, guard: Guard) -> bytes:
    """Inflate one Flate stream within the limits, keeping what inflated before any damage."""
    d = zlib.decompressobj()
    out: list[bytes] = []
    size = 0
    view = memoryview(data)
    pos = 0
    try:
        while not d.eof:
            if d.unconsumed_tail:
                chunk: bytes | memoryview = d.unconsumed_tail
            elif pos < len(view):
                chunk, pos = view[pos : pos + CHUNK], pos + CHUNK
            else:
                # The stream stops before its end: the rest of it is missing.
                guard.mark_damaged()
                break
            stream_room, file_room = STREAM_LIMIT - size, DOCUMENT_LIMIT - guard.inflated
            piece = d.decompress(chunk, min(stream_room, file_room) + 1)
            if len(piece) > file_room:
                raise guard.refuse(f"its compressed data inflates past {DOCUMENT_LIMIT // MIB} MiB")
            if len(piece) > stream_room:
                raise guard.refuse(f"a compressed stream inflates past {STREAM_LIMIT // MIB} MiB")
            size += len(piece)
            guard.inflated += len(piece)
            out.append(piece)
    except zlib.error:
        guard.mark_damaged()
    return b"".join(out)


class _Zlib:
    """The zlib module as pdfminer's pdftypes sees it: bounded while a PDF is read."""

    error = zlib.error

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)

    @staticmethod
    def decompress(data: bytes, *args: Any, **kwargs: Any) -> bytes:
        guard = _active.get()
        if guard is None or args or kwargs:
            return zlib.decompress(data, *args, **kwargs)
        return inflate(data, guard)


_draw = PDFPageInterpreter.do_Do


@contextlib.contextmanager
def drawing(guard: Guard) -> Iterator[None]:
    """Count one XObject drawn on the page, nested one deeper while the block runs."""
    guard.draws += 1
    if guard.draws > MAX_DRAWS:
        raise guard.refuse(f"it draws more than {MAX_DRAWS:,} objects (nested forms)")
    guard.depth += 1
    try:
        if guard.depth > MAX_DEPTH:
            raise guard.refuse(f"its forms nest more than {MAX_DEPTH} deep")
        yield
    finally:
        guard.depth -= 1


def _bounded_draw(self: PDFPageInterpreter, xobjid_arg: Any) -> None:
    guard = _active.get()
    if guard is None:
        return _draw(self, xobjid_arg)
    with drawing(guard):
        return _draw(self, xobjid_arg)


def install() -> None:
    """Put the bounded inflation and drawing in pdfminer's place (idempotent); LZW and
    RunLength are bounded by filters.install."""
    if not isinstance(pdftypes.zlib, _Zlib):
        setattr(pdftypes, "zlib", _Zlib())  # noqa: B010 - a module attribute mypy types as zlib
    if PDFPageInterpreter.do_Do is not _bounded_draw:
        setattr(PDFPageInterpreter, "do_Do", _bounded_draw)  # noqa: B010
