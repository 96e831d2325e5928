"""Recognise a file's format by its bytes (the formats table is `actionplan.rules.FORMATS`).

The extension is only a hint: a PDF saved as `.docx` is read as a PDF, with a
warning, because users rename files on shared drives all the time.
"""

from __future__ import annotations

import hashlib
import io
import os
import struct
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from actionplan.errors import (
    CorruptDocument,
    MissingFile,
    UnsafeDocument,
    UnsupportedFormat,
)
from actionplan.extract.zipparts import DAMAGE as ZIP_DAMAGE
from actionplan.rules import FORMATS, Format, format_for_extension, format_named

# A file is read into memory once and every stage works from those bytes; a review
# document is a few MB, so anything this large is refused before it is read.
MAX_FILE_BYTES = 512 * 1024 * 1024
SPREADSHEETS = ("xlsx", "xls", "ods", "csv")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


@dataclass(frozen=True)
class Source:
    """One input file, read once: its bytes, their sha256 and the format they hold."""

    path: Path
    data: bytes = field(repr=False)
    sha256: str
    format: Format


def load(path: Path) -> Source:
    """Read a file once: its bytes, their hash and their format (judged by content)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnsafeDocument(
                path, f"the file is {size >> 20} MiB; over the {MAX_FILE_BYTES >> 20} MiB limit"
            )
        data = path.read_bytes()
    except IsADirectoryError as exc:
        raise UnsupportedFormat(path, "is a folder, not a document") from exc
    except FileNotFoundError as exc:
        raise MissingFile(path, "no such file") from exc
    except OSError as exc:
        raise CorruptDocument(path, f"cannot be opened ({exc.strerror or exc})") from exc
    return Source(path, data, hashlib.sha256(data).hexdigest(), sniff_bytes(path, data))


def sniff(path: Path) -> Format:
    """Return the format of the file at `path`, judged by its content."""
    return load(path).format


def sniff_bytes(path: Path, data: bytes) -> Format:
    """Return the format of a file's bytes (`path` names it in errors)."""
    head = data[:4096]
    if not head:
        raise CorruptDocument(path, "the file is empty")
    for fmt in FORMATS:
        # A PDF may have a few bytes of junk before its header.
        if fmt.magic and any(
            m in head[:1024] if m == b"%PDF-" else head.startswith(m) for m in fmt.magic
        ):
            return fmt
    if head.startswith(ZIP_MAGIC):
        return _sniff_zip(path, data)
    if head.startswith(OLE2_MAGIC):
        return _sniff_ole2(path, data)
    text = _decode_head(head)
    if text is None:
        raise UnsupportedFormat(
            path, "not a supported format (expected .docx, .xlsx, .pdf, .doc or a text dump)"
        )
    low = text.lstrip().lower()
    if low.startswith(("<!doctype html", "<html")) or "<table" in low[:2000]:
        return format_named("html")
    claimed = format_from_extension(path)
    # Text is text: its extension alone says how it is laid out (.csv against a dump).
    if claimed is not None and not claimed.magic and not claimed.zip_members:
        return claimed if claimed.name != "html" else format_named("text")
    return format_named("text")


def _sniff_zip(path: Path, data: bytes) -> Format:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except ZIP_DAMAGE as exc:  # zipfile raises more than BadZipFile ("zip file version 9.8")
        kind = path.suffix.lower() if format_from_extension(path) else ".docx"
        raise CorruptDocument(
            path, f"not a valid {kind} (damaged or truncated zip archive)"
        ) from exc
    found = [f for f in FORMATS if any(member in names for member in f.zip_members)]
    claimed = format_from_extension(path)
    # Formats that share a member (OpenDocument's content.xml) are told apart by the name.
    if found:
        return claimed if claimed in found else found[0]
    docx = format_named("docx")
    # A Word package whose main part has another name; the reader resolves it.
    if ("[Content_Types].xml" in names and any(n.startswith("word/") for n in names)) or (
        "[Content_Types].xml" in names
        and "_rels/.rels" in names
        and not any(n.startswith(("xl/", "ppt/")) for n in names)
    ):
        return docx
    kind = "an Excel workbook" if any(n.startswith("xl/") for n in names) else "a zip archive"
    raise UnsupportedFormat(path, f"is {kind}, not a Word document or PDF")


def _sniff_ole2(path: Path, data: bytes) -> Format:
    # Password-protected .docx and .xlsx files are OLE2 containers holding an
    # EncryptedPackage stream; the directory naming it may lie past the first MiB.
    blob = data[: 1 << 20] + _ole2_directory(data)
    claimed = format_from_extension(path)
    if "EncryptedPackage".encode("utf-16-le") in blob:
        # The readers decrypt it (--password): the workbook reader a file named as a
        # spreadsheet, the Word reader any other, which says so if it holds a workbook.
        if claimed and claimed.name in SPREADSHEETS:
            return format_named("xlsx")
        return format_named("docx")
    # Excel 97-2003 keeps its cells in a stream named Workbook (Excel 5 and 95: Book).
    if any(f"{name}\0".encode("utf-16-le") in blob for name in ("Workbook", "Book")):
        return format_named("xls")
    return format_named("doc")


def _ole2_directory(data: bytes) -> bytes:
    """Return the first sector of a compound file's directory (the header says where)."""
    if len(data) < 512:
        return b""
    shift, first = struct.unpack_from("<H", data, 30)[0], struct.unpack_from("<I", data, 48)[0]
    size = 1 << shift if 7 <= shift <= 16 else 512
    start = (first + 1) * size
    return data[start : start + size] if first < 0xFFFFFFFA else b""


def _decode_head(head: bytes) -> str | None:
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    for enc in ("utf-8-sig", "utf-16", "cp1252"):
        try:
            text = head.decode(enc)
        except UnicodeDecodeError as exc:
            # The 4 KiB window may cut a multi-byte character in two.
            if enc != "utf-8-sig" or exc.start < len(head) - 3:
                continue
            text = head[: exc.start].decode(enc)
        printable = sum(ch.isprintable() or ch in "\t\r\n" for ch in text)
        if printable >= 0.95 * max(len(text), 1):
            return text
    return None


def format_from_extension(path: Path) -> Format | None:
    """Return the format a file's extension claims, or None for an unknown extension."""
    return format_for_extension(path.suffix)


def is_candidate(path: Path) -> bool:
    """Return True for a file a folder search takes: a known extension, not hidden, not a lock."""
    name = path.name
    # "~$Plan.docx" is the lock file Word leaves beside an open document.
    if name.startswith((".", "~$")):
        return False
    return format_for_extension(path.suffix) is not None


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Return the files to read: named files as given, folders searched recursively.

    A named file is read whatever its extension (the reader judges by content); a path
    that does not exist is kept, so that the batch reports it rather than losing it.
    """
    found: list[Path] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            found.append(p)

    for given in paths:
        path = Path(given)
        if not path.is_dir():
            add(path)
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                candidate = Path(root, name)
                if is_candidate(candidate):
                    add(candidate)
    return found


def sha256_file(path: Path) -> str:
    """Return the hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
