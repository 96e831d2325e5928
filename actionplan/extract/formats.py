"""Recognise a file's format by its bytes and dispatch it to a reader.

The extension is only a hint: a PDF saved as `.docx` is read as a PDF, with a
warning, because users rename files on shared drives all the time.
"""

from __future__ import annotations

import enum
import hashlib
import os
import zipfile
from collections.abc import Iterable
from pathlib import Path

from actionplan.errors import CorruptDocument, EncryptedDocument, UnsupportedFormat


class InputFormat(enum.StrEnum):
    DOCX = "docx"
    PDF = "pdf"
    TEXT = "text"
    HTML = "html"
    DOC = "doc"


EXTENSIONS: dict[str, InputFormat] = {
    ".docx": InputFormat.DOCX,
    ".docm": InputFormat.DOCX,
    ".pdf": InputFormat.PDF,
    ".txt": InputFormat.TEXT,
    ".text": InputFormat.TEXT,
    ".htm": InputFormat.HTML,
    ".html": InputFormat.HTML,
    ".doc": InputFormat.DOC,
    ".rtf": InputFormat.DOC,
    ".odt": InputFormat.DOC,
}

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(path: Path) -> InputFormat:
    """Return the format of the file at `path`, judged by its content."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except IsADirectoryError as exc:
        raise UnsupportedFormat(path, "is a folder, not a document") from exc
    except OSError as exc:
        raise CorruptDocument(path, f"cannot be opened ({exc.strerror or exc})") from exc
    if not head:
        raise CorruptDocument(path, "the file is empty")
    if b"%PDF-" in head[:1024]:
        return InputFormat.PDF
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(path)
    if head.startswith(OLE2_MAGIC):
        return _sniff_ole2(path, head)
    if head.startswith(b"{\\rtf"):
        return InputFormat.DOC
    text = _decode_head(head)
    if text is None:
        raise UnsupportedFormat(
            path, "not a supported format (expected .docx, .pdf, .doc or a text dump)"
        )
    low = text.lstrip().lower()
    if low.startswith(("<!doctype html", "<html")) or "<table" in low[:2000]:
        return InputFormat.HTML
    return InputFormat.TEXT


def _sniff_zip(path: Path) -> InputFormat:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise CorruptDocument(path, "not a valid .docx (damaged or truncated zip archive)") from exc
    if "word/document.xml" in names or (
        "[Content_Types].xml" in names and any(n.startswith("word/") for n in names)
    ):
        return InputFormat.DOCX
    # A Word package whose main part has another name; the reader resolves it.
    if (
        "[Content_Types].xml" in names
        and "_rels/.rels" in names
        and not any(n.startswith(("xl/", "ppt/")) for n in names)
    ):
        return InputFormat.DOCX
    if "content.xml" in names and "mimetype" in names:
        return InputFormat.DOC
    kind = "an Excel workbook" if any(n.startswith("xl/") for n in names) else "a zip archive"
    raise UnsupportedFormat(path, f"is {kind}, not a Word document or PDF")


def _sniff_ole2(path: Path, head: bytes) -> InputFormat:
    # Password-protected .docx files are OLE2 containers holding an EncryptedPackage stream.
    with path.open("rb") as fh:
        blob = fh.read(1 << 20)
    if "EncryptedPackage".encode("utf-16-le") in blob:
        raise EncryptedDocument(
            path,
            "the Word document is password-protected; save a copy without a password and read that",
        )
    return InputFormat.DOC


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


def format_from_extension(path: Path) -> InputFormat | None:
    """Return the format a file's extension claims, or None for an unknown extension."""
    return EXTENSIONS.get(path.suffix.lower())


def is_candidate(path: Path) -> bool:
    """Return True for a file a folder search takes: a known extension, not hidden, not a lock."""
    name = path.name
    # "~$Plan.docx" is the lock file Word leaves beside an open document.
    if name.startswith((".", "~$")):
        return False
    return path.suffix.lower() in EXTENSIONS


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
