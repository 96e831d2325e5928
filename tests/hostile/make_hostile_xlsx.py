"""Build bad and hostile Excel workbooks by hand (zipfile and strings, no openpyxl), so that
each holds exactly the trap it is named for: a sheet claiming A1:XFD1048576, a million
styled empty rows, a sheet part that lies about its size, an encrypted package (encrypted
for real by msoffcrypto-tool, the xlsx-password extra).
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_PART = "xl/worksheets/sheet1.xml"

HEADER = ["Ref", "Action", "Lead", "By When", "Update", "RAG"]
ACTIONS = [
    ["1", "Reduce caseloads to 18", "Jane Hoey", "31/03/2019", "12/03/2019: On track", "Green"],
    ["2", "Recruit two IROs", "Cath Thomas", "30/04/2019", "12/03/2019: Advert out", "Amber"],
]


def cells_xml(rows: Iterable[tuple[int, list[str]]]) -> str:
    """Return <row> elements of inline strings: (row number, texts from column A)."""
    out = []
    for number, texts in rows:
        cells = "".join(
            f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{t}</t></is></c>'
            for i, t in enumerate(texts)
        )
        out.append(f'<row r="{number}">{cells}</row>')
    return "".join(out)


def plan_rows(first: int = 1) -> str:
    """The rows of a small action table starting at row `first`."""
    return cells_xml((first + i, r) for i, r in enumerate([HEADER, *ACTIONS]))


def sheet(data: str, *, dimension: str = "A1:F3", before: str = "", after: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}" xmlns:r="{REL}">'
        f'<dimension ref="{dimension}"/>{before}<sheetData>{data}</sheetData>{after}</worksheet>'
    ).encode()


STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN}">'
    '<fonts count="1"><font><sz val="11"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/></patternFill></fill></fills>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0"/>'
    '<xf numFmtId="14" fontId="0" fillId="2" applyFill="1"/></cellXfs>'
    '<dxfs count="1"><dxf><fill><patternFill><bgColor rgb="FF00B050"/></patternFill></fill></dxf>'
    "</dxfs></styleSheet>"
).encode()


def workbook(
    path: Path,
    sheets: dict[str, bytes],
    *,
    compression: int = zipfile.ZIP_DEFLATED,
    stored: Iterable[str] = (),
) -> Path:
    """Write a minimal .xlsx: the given sheets (name -> sheet XML) and a styles part."""
    names = list(sheets)
    types = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(names) + 1)
    )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org'
            '/package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml"'
            ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
            f'main+xml"/>{types}</Types>'
        ).encode(),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}"><Relationship '
            f'Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
            "<sheets>"
            + "".join(
                f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>'
                for i, n in enumerate(names, start=1)
            )
            + "</sheets></workbook>"
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
            + "".join(
                f'<Relationship Id="rId{i}" Type="{REL}/worksheet" '
                f'Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, len(names) + 1)
            )
            + f'<Relationship Id="rIdS" Type="{REL}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ).encode(),
        "xl/styles.xml": STYLES,
    }
    for i, name in enumerate(names, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = sheets[name]
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            method = zipfile.ZIP_STORED if name in stored else compression
            zf.writestr(zipfile.ZipInfo(name, (2019, 3, 14, 9, 0, 0)), data, method)
    return path


def plain_plan(path: Path) -> Path:
    """A small tracker that reads cleanly: two actions."""
    return workbook(path, {"Actions": sheet(plan_rows())})


def huge_claims(path: Path) -> Path:
    """A small table on a sheet that claims every cell Excel has: its dimension, a column
    range styled and hidden, a merge and a formatting rule over A1:XFD1048576."""
    everything = "A1:XFD1048576"
    data = sheet(
        plan_rows(),
        dimension=everything,
        before='<cols><col min="1" max="16384" width="9" style="1" customWidth="1"/></cols>',
        after=(
            f'<mergeCells count="1"><mergeCell ref="A10:XFD1048576"/></mergeCells>'
            f'<conditionalFormatting sqref="{everything}"><cfRule type="containsText" '
            'dxfId="0" priority="1" operator="containsText" text="Green"><formula>x</formula>'
            "</cfRule></conditionalFormatting>"
        ),
    )
    return workbook(path, {"Actions": data})


def empty_styled_rows(path: Path, rows: int = 1_000_000) -> Path:
    """A small table, then `rows` empty rows, each styled (a fill, a height), as a sheet
    formatted down to the bottom leaves them."""
    empty = "".join(
        f'<row r="{n}" s="1" customFormat="1" ht="15" customHeight="1"/>'
        for n in range(4, rows + 4)
    )
    return workbook(path, {"Actions": sheet(plan_rows() + empty, dimension=f"A1:XFD{rows + 3}")})


def many_merges(path: Path, merges: int = 150_000) -> Path:
    """A sheet declaring more merged ranges than any tracker holds."""
    refs = "".join(f'<mergeCell ref="A{n}:B{n}"/>' for n in range(10, merges + 10))
    after = f'<mergeCells count="{merges}">{refs}</mergeCells>'
    return workbook(path, {"Actions": sheet(plan_rows(), after=after)})


def honest_bomb(path: Path, size: int = 300 << 20) -> Path:
    """A sheet part of `size` bytes of spaces (inflates ~1000:1): its headers say so."""
    padding = b" " * size
    return workbook(path, {"Actions": sheet(plan_rows())[:-12] + padding + b"</worksheet>"})


def lying_bomb(path: Path, size: int = 256 << 20) -> Path:
    """A deflated sheet part whose headers say 4 KB and that inflates to `size` bytes."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b" " * (1 << 20)
    raw = comp.compress(sheet(plan_rows())[:-12])
    raw += b"".join(comp.compress(chunk) for _ in range(size >> 20)) + comp.flush()
    workbook(path, {"Actions": raw}, stored=[SHEET_PART])
    data = bytearray(path.read_bytes())
    name = SHEET_PART.encode()
    for sig, method_at, size_at in ((b"PK\x03\x04", 8, 22), (b"PK\x01\x02", 10, 24)):
        pos = 0
        while (pos := data.find(sig, pos)) >= 0:
            name_at = pos + (30 if sig == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                struct.pack_into("<H", data, pos + method_at, zipfile.ZIP_DEFLATED)
                struct.pack_into("<I", data, pos + size_at, 4096)
            pos += 4
    path.write_bytes(bytes(data))
    return path


def truncated(path: Path) -> Path:
    """A tracker cut short halfway, as an interrupted copy leaves it."""
    plain_plan(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def damaged_sheet(path: Path) -> Path:
    """A tracker whose sheet part is not well-formed XML."""
    return workbook(path, {"Actions": sheet(plan_rows()).replace(b"</sheetData>", b"</sheetDat")})


def no_action_table(path: Path) -> Path:
    """A workbook of a budget and a contact list: tables, but no actions."""
    budget = cells_xml(
        [(1, ["Cost centre", "Budget", "Spent", "Remaining"]), (2, ["CP01", "1000", "400", "600"])]
    )
    contacts = cells_xml([(1, ["Name", "Phone", "Email"]), (2, ["Jane Hoey", "0123", "j@x"])])
    return workbook(path, {"Budget": sheet(budget), "Contacts": sheet(contacts)})


PASSWORD = "secret"


def encrypt(path: Path, password: str = PASSWORD, *, spin_count: int = 100_000) -> Path:
    """Encrypt a workbook in place as Excel does for a password to open (ECMA-376 agile,
    by msoffcrypto-tool: a compound file of EncryptionInfo and EncryptedPackage)."""
    from msoffcrypto.method.ecma376_agile import ECMA376Agile

    with path.open("rb") as fh:
        locked = ECMA376Agile.encrypt(password, fh, spin_count=spin_count)
    path.write_bytes(locked)
    return path


def encrypted(path: Path) -> Path:
    """A two-action tracker saved with the password "secret". Its zip comment pads it past
    4 KiB: a smaller package would go into the compound file's mini stream, which
    msoffcrypto-tool writes and olefile reads back short; Excel's own packages are larger."""
    plain_plan(path)
    with zipfile.ZipFile(path, "a") as zf:
        zf.comment = b" " * 4096
    return encrypt(path)


def encrypted_bomb(path: Path) -> Path:
    """A zip bomb that lies about its size, encrypted: the decrypted package is a bomb."""
    return encrypt(lying_bomb(path))


def encryption_header_only(path: Path) -> Path:
    """An OLE2 compound file whose directory names EncryptionInfo and EncryptedPackage but
    whose streams hold nothing: the shape of an encrypted workbook, its contents lost."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHH", header, 24, 0x3E, 3, 0xFFFE)
    directory = bytearray(512)
    for i, name in enumerate(("Root Entry", "EncryptionInfo", "EncryptedPackage")):
        encoded = (name + "\0").encode("utf-16-le")
        directory[i * 128 : i * 128 + len(encoded)] = encoded
        struct.pack_into("<H", directory, i * 128 + 64, len(encoded))
    path.write_bytes(bytes(header) + bytes(directory) + bytes(512))
    return path
