"""Read the parts of a zip package (a .docx) within a budget, counting what is inflated.

A zip member's declared size is only a claim: a member may inflate to gigabytes while its
header says a few kilobytes, and a part may be referenced a thousand times. So each part
is inflated here in chunks, from its raw compressed bytes, with the bytes that come out
counted as they come: a part stops at `part_limit` and all parts together at
`total_limit`, whatever the headers say. Each part is read once and kept.

The declared sizes are still checked first, before a byte is inflated (an honest zip
bomb is refused at once). Every way zipfile or a decompressor can fail on a damaged
member becomes CorruptDocument naming the member; an exceeded budget is UnsafeDocument.
"""

from __future__ import annotations

import bz2
import copy
import io
import lzma
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from actionplan.errors import CorruptDocument, UnsafeDocument

MIB = 1024 * 1024
# Refuse archives whose members declare more than this, before reading a byte of them.
MAX_DECLARED = 512 * MIB
MAX_RATIO = 1000
# What one XML part, and all the parts read from one package, may inflate to. The largest
# review documents met hold a few MB of XML; 64 MiB is thousands of pages of tables.
MAX_PART = 64 * MIB
MAX_TOTAL = 128 * MIB
CHUNK = 256 * 1024
# Names of the compression methods zipfile cannot inflate, for the message.
METHODS = {1: "shrink", 6: "implode", 9: "deflate64", 18: "terse", 19: "lz77", 98: "ppmd"}

# What a damaged member can raise from zipfile or its decompressor.
DAMAGE = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    OSError,  # bz2's "Invalid data stream"
    ValueError,
    NotImplementedError,  # "zip file version 9.8", an unknown compression method
    RuntimeError,  # "File is encrypted, password required for extraction"
    struct.error,
)


def open_zip(path: Path, data: bytes | None = None) -> zipfile.ZipFile:
    """Open a zip archive (from `data` when given), any failure a CorruptDocument."""
    try:
        return zipfile.ZipFile(io.BytesIO(data) if data is not None else path)
    except DAMAGE as exc:
        raise CorruptDocument(path, f"not a valid .docx (damaged or truncated: {exc})") from exc


class ZipParts:
    """The members of one zip package, read within a budget and kept once read."""

    def __init__(
        self,
        path: Path,
        data: bytes | None = None,
        *,
        part_limit: int = MAX_PART,
        total_limit: int = MAX_TOTAL,
    ) -> None:
        self.path = path
        self.zf = open_zip(path, data)
        self.part_limit = part_limit
        self.total_limit = total_limit
        self.inflated = 0
        self._cache: dict[str, bytes] = {}
        self._check_declared()
        self.names = set(self.zf.namelist())

    def close(self) -> None:
        self.zf.close()

    def _check_declared(self) -> None:
        total = 0
        for info in self.zf.infolist():
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MIB and ratio > MAX_RATIO:
                raise UnsafeDocument(
                    self.path,
                    f"refused: {info.filename} would inflate {ratio:.0f}:1 (a zip bomb?)",
                )
        if total > MAX_DECLARED:
            raise UnsafeDocument(
                self.path,
                f"refused: contents would inflate to {total // MIB} MiB (a zip bomb?)",
            )

    def read(self, name: str) -> bytes:
        """Return a member's bytes, inflated within the budget (each member inflated once)."""
        if name in self._cache:
            return self._cache[name]
        try:
            info = self.zf.getinfo(name)
        except KeyError as exc:
            raise CorruptDocument(self.path, f"not a valid .docx (missing part {name})") from exc
        if info.file_size > self.part_limit:
            raise UnsafeDocument(
                self.path,
                f"refused: {name} would inflate to {_size(info.file_size)}, over the "
                f"{self.part_limit // MIB} MiB one part may hold",
            )
        if info.flag_bits & 0x1:
            raise CorruptDocument(self.path, f"{name} is encrypted, which Word packages never are")
        try:
            data = self._inflate(info)
        except DAMAGE as exc:
            raise CorruptDocument(self.path, f"{name} is damaged ({_describe(exc)})") from exc
        self._cache[name] = data
        return data

    def _inflate(self, info: zipfile.ZipInfo) -> bytes:
        inflate = _INFLATERS.get(info.compress_type)
        if inflate is None:
            method = METHODS.get(info.compress_type, f"method {info.compress_type}")
            raise CorruptDocument(
                self.path,
                f"{info.filename} is compressed with {method}, which Word packages never use",
            )
        # Open the member as if stored, for its raw compressed bytes, and inflate them here
        # in chunks: zipfile itself would inflate a whole bzip2 chunk, gigabytes, at once.
        raw_info = copy.copy(info)
        raw_info.compress_type = zipfile.ZIP_STORED
        raw_info.file_size = info.compress_size
        raw_info.CRC = None  # type: ignore[assignment]  # checked below, on what inflates
        out = io.BytesIO()
        crc = 0
        with self.zf.open(raw_info) as fh:
            for piece in inflate(iter(lambda: fh.read(CHUNK), b"")):
                self._count(info, out.tell() + len(piece), len(piece))
                crc = zlib.crc32(piece, crc)
                out.write(piece)
        if crc != info.CRC:
            raise zipfile.BadZipFile("Bad CRC-32")
        return out.getvalue()

    def _count(self, info: zipfile.ZipInfo, part_size: int, more: int) -> None:
        self.inflated += more
        if part_size > self.part_limit:
            raise UnsafeDocument(
                self.path,
                f"refused: {info.filename} inflates to more than {self.part_limit // MIB} MiB "
                f"(its header says {_size(info.file_size)}); a zip bomb?",
            )
        if self.inflated > self.total_limit:
            raise UnsafeDocument(
                self.path,
                f"refused: the parts read inflate to more than {self.total_limit // MIB} MiB "
                "(a zip bomb?)",
            )


def _stored(raw: Iterator[bytes]) -> Iterator[bytes]:
    yield from raw


def _deflated(raw: Iterator[bytes]) -> Iterator[bytes]:
    d = zlib.decompressobj(-15)
    for chunk in raw:
        while chunk and not d.eof:
            yield d.decompress(chunk, CHUNK)
            chunk = d.unconsumed_tail
    yield d.flush()


def _bzip2(raw: Iterator[bytes]) -> Iterator[bytes]:
    yield from _bounded(bz2.BZ2Decompressor(), raw)


def _lzma(raw: Iterator[bytes]) -> Iterator[bytes]:
    # A zip's LZMA member starts with a version (2 bytes), the size of the properties
    # (2 bytes) and the properties, then the raw LZMA1 stream.
    head = b""
    for chunk in raw:
        head += chunk
        if len(head) >= 4 and len(head) >= 4 + struct.unpack("<H", head[2:4])[0]:
            break
    if len(head) < 4:
        raise EOFError("the LZMA header is cut short")
    size = 4 + struct.unpack("<H", head[2:4])[0]
    props = head[4:size]
    filters = [lzma._decode_filter_properties(lzma.FILTER_LZMA1, props)]  # type: ignore[attr-defined]
    d = lzma.LZMADecompressor(lzma.FORMAT_RAW, filters=filters)
    yield from _bounded(d, _prepend(head[size:], raw))


def _prepend(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


def _bounded(
    d: bz2.BZ2Decompressor | lzma.LZMADecompressor, raw: Iterator[bytes]
) -> Iterator[bytes]:
    """Inflate with a decompressor that keeps its own input, CHUNK bytes at a time."""
    for chunk in raw:
        if d.eof:
            return
        yield d.decompress(chunk, CHUNK)
        while not d.eof and not d.needs_input:
            yield d.decompress(b"", CHUNK)


_INFLATERS = {
    zipfile.ZIP_STORED: _stored,
    zipfile.ZIP_DEFLATED: _deflated,
    zipfile.ZIP_BZIP2: _bzip2,
    zipfile.ZIP_LZMA: _lzma,
}


def _size(n: int) -> str:
    return f"{n // MIB} MiB" if n >= MIB else f"{n:,} bytes"


def _describe(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) < 120 else text[:117] + "..."
