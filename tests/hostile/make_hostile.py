"""Build the hostile Word and HTML documents of tests/test_hostile_docx.py.

`python tests/hostile/make_hostile.py` writes the small ones to tests/hostile/files/ (they
are committed); the big ones (a 480 MiB document.xml, members that lie about their size)
are built by the tests at test time with `build_big(name, folder)`.

Each file is one family of hostile input the fuzz campaign of issue 12 found: spans that
claim billions of columns, tables, text boxes and content controls nested hundreds deep,
damaged or unreadable zip members, malformed attribute values, one part referenced
thousands of times, and parts that inflate far past what they declare.
"""

from __future__ import annotations

import bz2
import random
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.docx_builder import (
    CONTENT_TYPES,
    DOC_RELS,
    PACKAGE_RELS,
    W,
    action_table,
    cell,
    para,
    row,
    table,
)

FILES = Path(__file__).resolve().parent / "files"
DOCUMENT = "word/document.xml"
HEADER_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
NUMBERING_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"

PLAN = action_table(
    row("1", "Reduce caseloads", "Jane Hoey", "12/01/18", "08/03/2018: ongoing", "Green")
)


def document(body: str) -> str:
    """Return a document.xml whose body is `body`."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body>'
        "</w:document>"
    )


def package(
    path: Path,
    parts: dict[str, str | bytes],
    *,
    rels: str = "",
    compression: dict[str, int] | None = None,
) -> Path:
    """Write a .docx of `parts` (document.xml among them) with the document's `rels`."""
    compression = compression or {}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        members = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": PACKAGE_RELS, **parts}
        members["word/_rels/document.xml.rels"] = DOC_RELS.format(rels=rels)
        for name, data in members.items():
            # A fixed date, so that the files built are the same every time.
            info = zipfile.ZipInfo(name, date_time=(2018, 6, 14, 0, 0, 0))
            info.compress_type = compression.get(name, zipfile.ZIP_DEFLATED)
            zf.writestr(info, data)
    return path


def patch_member(path: Path, name: str, patch: Callable[[bytearray, int, bool], None]) -> Path:
    """Patch the local and central headers of member `name` (offset of each header given)."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    for magic, name_at, local in ((b"PK\x03\x04", 30, True), (b"PK\x01\x02", 46, False)):
        at = data.find(magic)
        while at >= 0:
            if data[at + name_at : at + name_at + len(encoded)] == encoded:
                patch(data, at, local)
            at = data.find(magic, at + 4)
    path.write_bytes(bytes(data))
    return path


def _set_u16(field_local: int, field_central: int, value: int):  # type: ignore[no-untyped-def]
    def patch(data: bytearray, at: int, local: bool) -> None:
        struct.pack_into("<H", data, at + (field_local if local else field_central), value)

    return patch


# The small files, committed.


def gridspan_huge(path: Path) -> Path:
    body = table(row(cell("Plan", span=2_000_000_000)), row("1", "Reduce caseloads"))
    return package(path, {DOCUMENT: document(body)})


def gridspan_sixty_tables(path: Path) -> Path:
    body = "".join(table(row(cell(f"Table {i}", span=20_000_000))) for i in range(60))
    return package(path, {DOCUMENT: document(body)})


def gridspan_over_grid(path: Path) -> Path:
    """A header cell spanning 9 columns of a 6-column grid: Word shows it 6 wide."""
    grid = "<w:tblGrid>" + "<w:gridCol/>" * 6 + "</w:tblGrid>"
    rows = PLAN.replace("<w:tblPr/>", "<w:tblPr/>" + grid, 1)
    section = row(cell("Priority 1: Workforce", span=9))
    at = rows.index("</w:tr>") + len("</w:tr>")
    return package(path, {DOCUMENT: document(rows[:at] + section + rows[at:])})


def tables_nested(path: Path, depth: int = 300) -> Path:
    inner = para("deepest")
    for _ in range(depth):
        inner = table(row(cell(inner)))
    return package(path, {DOCUMENT: document(PLAN + inner)})


def text_boxes_nested(path: Path, depth: int = 500) -> Path:
    inner = para("deepest")
    for _ in range(depth):
        # Four elements a level, so that 500 levels stay inside the XML parser's depth.
        inner = f"<w:p><w:r><w:pict><w:txbxContent>{inner}</w:txbxContent></w:pict></w:r></w:p>"
    return package(path, {DOCUMENT: document(PLAN + inner)})


def content_controls_nested(path: Path, depth: int = 1000) -> Path:
    inner = para("deepest")
    for _ in range(depth):
        inner = f"<w:sdt><w:sdtContent>{inner}</w:sdtContent></w:sdt>"
    return package(path, {DOCUMENT: document(PLAN + inner)})


def hyperlinks_nested(path: Path, depth: int = 1000) -> Path:
    inner = "<w:r><w:t>deepest</w:t></w:r>"
    for _ in range(depth):
        inner = f"<w:hyperlink>{inner}</w:hyperlink>"
    return package(path, {DOCUMENT: document(PLAN + f"<w:p>{inner}</w:p>")})


def ilvl_abc(path: Path) -> Path:
    """List levels that are not numbers, in the body, the numbering and the styles."""
    bullet = (
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="abc"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        "<w:r><w:t>Workshop held</w:t></w:r></w:p>"
    )
    body = PLAN.replace(para("08/03/2018: ongoing"), para("08/03/2018: ongoing") + bullet)
    numbering = (
        f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0">'
        '<w:lvl w:ilvl="x1"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )
    rel = f'<Relationship Id="rIdN" Type="{NUMBERING_TYPE}" Target="numbering.xml"/>'
    return package(path, {DOCUMENT: document(body), "word/numbering.xml": numbering}, rels=rel)


def header_rels_3000(path: Path) -> Path:
    """3,000 header relationships pointing at one header part of nearly 1 MB."""
    header = f'<w:hdr xmlns:w="{W}">' + para("CP Reduction Action Plan") * 14_000 + "</w:hdr>"
    rels = "".join(
        f'<Relationship Id="rIdH{i}" Type="{HEADER_TYPE}" Target="header1.xml"/>'
        for i in range(3000)
    )
    return package(path, {DOCUMENT: document(PLAN), "word/header1.xml": header}, rels=rels)


def _damaged(method: int) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        package(path, {DOCUMENT: document(PLAN * 20)}, compression={DOCUMENT: method})
        data = bytearray(path.read_bytes())
        at = data.find(b"PK\x03\x04", data.find(DOCUMENT.encode()) - 30)
        start = at + 30 + len(DOCUMENT) + 40
        for i in range(start, start + 64, 3):
            data[i] ^= 0x5A
        path.write_bytes(bytes(data))
        return path

    return make


def zip_version_98(path: Path) -> Path:
    package(path, {DOCUMENT: document(PLAN)})
    return patch_member(path, DOCUMENT, _set_u16(4, 6, 98))


def bad_crc(path: Path) -> Path:
    package(path, {DOCUMENT: document(PLAN)})

    def patch(data: bytearray, at: int, local: bool) -> None:
        data[at + (14 if local else 16)] ^= 0xFF

    return patch_member(path, DOCUMENT, patch)


def compression_99(path: Path) -> Path:
    package(path, {DOCUMENT: document(PLAN)})
    return patch_member(path, DOCUMENT, _set_u16(8, 10, 99))


def encrypted_member(path: Path) -> Path:
    package(path, {DOCUMENT: document(PLAN)})
    return patch_member(path, DOCUMENT, _set_u16(6, 8, 1))


def bzip2_lies(path: Path, size: int = 512 << 20) -> Path:
    """A bzip2 document.xml whose headers say 4 KB and that inflates to `size` bytes."""
    comp = bz2.BZ2Compressor(9)
    zeros = b"\0" * (1 << 20)
    raw = b"".join(comp.compress(zeros) for _ in range(size >> 20)) + comp.flush()
    return _lying(path, raw, zipfile.ZIP_BZIP2)


def _lying(path: Path, raw: bytes, method: int) -> Path:
    """Store `raw` as document.xml, then mark it compressed with `method` and 4 KB long."""
    package(path, {DOCUMENT: raw}, compression={DOCUMENT: zipfile.ZIP_STORED})

    def patch(data: bytearray, at: int, local: bool) -> None:
        struct.pack_into("<H", data, at + (8 if local else 10), method)
        struct.pack_into("<I", data, at + (22 if local else 24), 4096)

    return patch_member(path, DOCUMENT, patch)


SMALL: dict[str, Callable[[Path], Path]] = {
    "gridspan-2000000000.docx": gridspan_huge,
    "gridspan-60-tables.docx": gridspan_sixty_tables,
    "gridspan-over-grid.docx": gridspan_over_grid,
    "tables-nested-300.docx": tables_nested,
    "text-boxes-nested-500.docx": text_boxes_nested,
    "content-controls-nested-1000.docx": content_controls_nested,
    "hyperlinks-nested-1000.docx": hyperlinks_nested,
    "ilvl-abc.docx": ilvl_abc,
    "header-rels-3000.docx": header_rels_3000,
    "deflate-damaged.docx": _damaged(zipfile.ZIP_DEFLATED),
    "bzip2-damaged.docx": _damaged(zipfile.ZIP_BZIP2),
    "lzma-damaged.docx": _damaged(zipfile.ZIP_LZMA),
    "zip-version-9.8.docx": zip_version_98,
    "bad-crc.docx": bad_crc,
    "compression-99.docx": compression_99,
    "encrypted-member.docx": encrypted_member,
}


def html(path: Path, body: str) -> Path:
    path.write_text(f"<!DOCTYPE html><html><body>{body}</body></html>", encoding="utf-8")
    return path


HTML_PLAN = (
    "<table><tr><th>No.</th><th>Action</th><th>Lead</th><th>By When</th><th>Update</th>"
    "<th>RAG</th></tr><tr><td>1</td><td>Reduce caseloads</td><td>Jane Hoey</td>"
    "<td>12/01/18</td><td>08/03/2018: ongoing</td><td>Green</td></tr></table>"
)


def colspan_huge(path: Path) -> Path:
    return html(path, HTML_PLAN.replace("<th>No.</th>", '<th colspan="2000000000">No.</th>'))


def html_tables_nested(path: Path, depth: int = 60) -> Path:
    inner = "deepest"
    for _ in range(depth):
        inner = f"<table><tr><td>{inner}</td></tr></table>"
    return html(path, HTML_PLAN + inner)


def html_elements_nested(path: Path, depth: int = 5000) -> Path:
    cell_text = "<span>" * depth + "deep" + "</span>" * depth
    return html(path, HTML_PLAN.replace("<td>Jane Hoey</td>", f"<td>{cell_text}</td>"))


SMALL.update(
    {
        "colspan-2000000000.html": colspan_huge,
        "tables-nested-60.html": html_tables_nested,
        "elements-nested-5000.html": html_elements_nested,
    }
)


# The big ones, built at test time.


def document_480_mib(path: Path) -> Path:
    """A ~25 MB .docx whose document.xml inflates to 480 MiB (about 20:1, no zip bomb)."""
    rng = random.Random(12)
    paras = "".join(para(f"{rng.getrandbits(16):04x}") for _ in range(8000))
    block = paras.encode()
    head, tail = document("").encode().split(b"<w:sectPr/>")
    comp = zlib.compressobj(1, zlib.DEFLATED, -15)
    chunks = [comp.compress(head)]
    size = len(head) + len(tail)
    while size < 480 << 20:
        chunks.append(comp.compress(block))
        size += len(block)
    chunks += [comp.compress(tail), comp.flush()]
    raw = b"".join(chunks)
    crc = 0
    # The CRC of what inflates, so the member is honest but for its size.
    d = zlib.decompressobj(-15)
    for i in range(0, len(raw), 1 << 20):
        crc = zlib.crc32(d.decompress(raw[i : i + (1 << 20)]), crc)
    package(path, {DOCUMENT: raw}, compression={DOCUMENT: zipfile.ZIP_STORED})

    def patch(data: bytearray, at: int, local: bool) -> None:
        struct.pack_into("<H", data, at + (8 if local else 10), zipfile.ZIP_DEFLATED)
        struct.pack_into("<I", data, at + (14 if local else 16), crc)
        struct.pack_into("<I", data, at + (22 if local else 24), size)

    return patch_member(path, DOCUMENT, patch)


def deflate_lies(path: Path, size: int = 1 << 30) -> Path:
    """A deflated document.xml whose headers say 4 KB and that inflates to `size` bytes."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    zeros = b"\0" * (1 << 20)
    raw = b"".join(comp.compress(zeros) for _ in range(size >> 20)) + comp.flush()
    return _lying(path, raw, zipfile.ZIP_DEFLATED)


BIG: dict[str, Callable[[Path], Path]] = {
    "document-480-mib.docx": document_480_mib,
    "deflate-lies-1-gib.docx": deflate_lies,
    "bzip2-lies-512-mib.docx": bzip2_lies,
}


def build(name: str, folder: Path) -> Path:
    """Write hostile file `name` into `folder` and return its path."""
    return (SMALL | BIG)[name](folder / name)


def main() -> None:
    FILES.mkdir(exist_ok=True)
    for name in SMALL:
        path = build(name, FILES)
        print(f"{path.stat().st_size:>9,}  {path.relative_to(FILES.parents[2])}")


if __name__ == "__main__":
    main()
