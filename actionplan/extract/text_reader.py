"""Read a text dump of a review document (tab-separated rows, as Word's "save as text" gives).

In a dump each table row is one line of tab-separated cells; cells may carry
HTML-ish markup (`<p>`, `<ul>`) left by the tool that made the dump; a page
break shows as a blank line, the repeated page title, and a blank line. A run
of tabbed lines is one table piece; every piece is handed on and the layout
stage decides which belong to the action table.
"""

from __future__ import annotations

from pathlib import Path

from actionplan.errors import CorruptDocument
from actionplan.extract.base import RawCell, RawDocument, RawRow, RawTable
from actionplan.normalise.text import clean_text

MAX_TEXT_BYTES = 256 * 1024 * 1024


def decode_text(data: bytes) -> tuple[str, str | None]:
    """Return the text of a dump and a warning when it was not UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        # Word on Windows saves text as cp1252 unless told otherwise.
        return data.decode(
            "cp1252", errors="replace"
        ), "the text is not UTF-8; read as Windows-1252"


def read_text(
    path: Path, *, data: bytes | None = None, password: str | None = None, **_: object
) -> RawDocument:
    """Read a tab-separated text dump (or its bytes, `data`) into a RawDocument."""
    if data is None:
        try:
            size = path.stat().st_size
            if size > MAX_TEXT_BYTES:
                raise CorruptDocument(path, f"text file too large ({size // (1 << 20)} MiB)")
            data = path.read_bytes()
        except OSError as exc:
            raise CorruptDocument(path, f"cannot be read ({exc.strerror or exc})") from exc
    elif len(data) > MAX_TEXT_BYTES:
        raise CorruptDocument(path, f"text file too large ({len(data) // (1 << 20)} MiB)")
    text, warning = decode_text(data)
    # A dump has no sizes: the lines above its first table are the title block by position.
    doc = RawDocument(path=path, format="text", title_candidates=[])
    if warning:
        doc.warnings.append(warning)
    piece: list[RawRow] = []
    page = 1
    seen_lines: set[str] = set()

    def close_piece() -> None:
        if piece:
            doc.tables.append(RawTable(rows=list(piece), page=piece[0].page, index=len(doc.tables)))
            piece.clear()

    for raw_line in text.splitlines():
        line = raw_line.rstrip("\r\n")
        if "\t" in line:
            cells = [RawCell(text=clean_text(c)) for c in line.split("\t")]
            piece.append(RawRow(cells=cells, page=page, index=len(piece)))
            continue
        close_piece()
        cleaned = clean_text(line)
        if not cleaned:
            continue
        if cleaned in seen_lines:
            # The page title repeats at the top of every page: a page break.
            page += 1
            doc.header_lines.append(cleaned)
        else:
            seen_lines.add(cleaned)
            doc.body_lines.append(cleaned)
            if not doc.tables and doc.title_candidates is not None:
                doc.title_candidates.append((cleaned, 0.0))
    close_piece()
    doc.pages = page
    return doc
