"""pdfminer's LZW and RunLength decoders, bounded as guard.py bounds Flate.

LZW turns each 9–12-bit code into up to 4,096 bytes, and RunLength each two bytes into
128: a small stream of either can stand for gigabytes, which pdfminer builds whole in a
list before anyone can look. These decoders stop at the guard's stream and document
limits while a PDF is read, and mark the page damaged where the data ends early or
breaks off, keeping what decoded before.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from pdfminer import pdftypes
from pdfminer.lzw import CorruptDataError, LZWDecoder, lzwdecode
from pdfminer.runlength import rldecode

from actionplan.extract.pdf.guard import DOCUMENT_LIMIT, MIB, STREAM_LIMIT, Guard, active


class _Output:
    """Decoded bytes of one stream, counted against the stream's and the document's limits."""

    def __init__(self, guard: Guard) -> None:
        self.guard = guard
        self.parts: list[bytes] = []
        self.size = 0

    def add(self, piece: bytes) -> None:
        self.size += len(piece)
        self.guard.inflated += len(piece)
        if self.guard.inflated > DOCUMENT_LIMIT:
            raise self.guard.refuse(
                f"its compressed data inflates past {DOCUMENT_LIMIT // MIB} MiB"
            )
        if self.size > STREAM_LIMIT:
            raise self.guard.refuse(f"a compressed stream inflates past {STREAM_LIMIT // MIB} MiB")
        self.parts.append(piece)

    def data(self) -> bytes:
        return b"".join(self.parts)


def bounded_lzw(data: bytes, guard: Guard) -> bytes:
    """Decode an LZW stream within the limits; a code the table cannot hold is damage
    (pdfminer stops there without a word)."""
    out = _Output(guard)
    decoder = LZWDecoder(BytesIO(data))
    while True:
        try:
            code = decoder.readbits(decoder.nbits)
        except EOFError:
            break
        try:
            piece = decoder.feed(code)
        except (CorruptDataError, IndexError, TypeError):  # no clear code first, or a bad code
            guard.mark_damaged()
            break
        out.add(piece)
    return out.data()


def bounded_runlength(data: bytes, guard: Guard) -> bytes:
    """Decode a RunLength stream within the limits (PDF 1.7, 7.4.5)."""
    out = _Output(guard)
    pos, end = 0, len(data)
    while True:
        if pos >= end:  # no end-of-data mark (128): the stream stops short
            guard.mark_damaged()
            break
        length = data[pos]
        if length == 128:
            break
        if length < 128:
            piece = data[pos + 1 : pos + 2 + length]
            pos += 2 + length
            if len(piece) < length + 1:
                guard.mark_damaged()
                out.add(piece)
                break
        else:
            if pos + 1 >= end:
                guard.mark_damaged()
                break
            piece = data[pos + 1 : pos + 2] * (257 - length)
            pos += 2
        out.add(piece)
    return out.data()


def _lzw(data: bytes) -> bytes:
    guard = active()
    return lzwdecode(data) if guard is None else bounded_lzw(data, guard)


def _runlength(data: bytes) -> bytes:
    guard = active()
    return rldecode(data) if guard is None else bounded_runlength(data, guard)


def install() -> None:
    """Put the bounded decoders where pdfminer's stream decoding looks them up."""
    module: Any = pdftypes
    module.lzwdecode = _lzw
    module.rldecode = _runlength
