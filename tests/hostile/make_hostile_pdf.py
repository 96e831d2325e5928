"""Build the hostile PDFs and text dumps of issue 12, one per family.

    python -m tests.hostile.make_hostile_pdf     # rewrites tests/hostile/files/*.pdf

The small files are committed in tests/hostile/files/; the big ones (streams that stand
for gigabytes, a 100 MiB text dump) are built at test time. Each is the smallest file
that shows its family: reference cycles that spin pdfminer's resolver, forms that
multiply, compressed streams that inflate past the limits, a content stream with flipped
bytes.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from pathlib import Path

from tests.hostile.make_hostile import FILES

ROOT = Path(__file__).resolve().parents[2]
V8 = ROOT / "samples" / "cp-reduction-v8.pdf"
V8_TEXT = ROOT / "samples" / "cp-reduction-v8.txt"
MIB = 1 << 20

TEXT = b"BT /F1 12 Tf 72 720 Td (Action plan review) Tj ET"
HELVETICA = b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>"
FONT = b"<</Font<</F1 5 0 R>>>>"


def pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF whose object n is objects[n - 1], with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    size = len(objects) + 1
    out += b"trailer\n<</Size %d/Root %d 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    return bytes(out)


def stream(data: bytes, attrs: bytes = b"", *, compressed: bool = False) -> bytes:
    if compressed:
        data, attrs = zlib.compress(data, 9), attrs + b"/Filter/FlateDecode"
    return b"<<%s/Length %d>>\nstream\n" % (attrs, len(data)) + data + b"\nendstream"


def one_page(contents: bytes, resources: bytes, *extra: bytes) -> bytes:
    """Catalog 1, pages 2, page 3 (contents 4), then `extra` from object 5."""
    return pdf(
        [
            b"<</Type/Catalog/Pages 2 0 R>>",
            b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
            b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources %s/Contents 4 0 R>>"
            % resources,
            contents,
            *extra,
        ]
    )


def _compressed_repeat(piece: bytes, size: int) -> bytes:
    """Flate data for `piece` repeated to `size` bytes, built in chunks (never whole)."""
    z = zlib.compressobj(1)
    block = piece * (MIB // len(piece))
    parts, done = [], 0
    while done < size:
        take = block[: size - done]
        parts.append(z.compress(take))
        done += len(take)
    return b"".join(parts) + z.flush()


def _flate_stream(data: bytes, attrs: bytes = b"") -> bytes:
    return b"<<%s/Filter/FlateDecode/Length %d>>\nstream\n" % (attrs, len(data)) + (
        data + b"\nendstream"
    )


# --- reference cycles: pdfminer's resolver spins; the budget kills the reader ---------


def resources_self(path: Path) -> Path:
    """A page whose /Resources is an object that is a reference to itself."""
    path.write_bytes(one_page(stream(TEXT), b"5 0 R", b"5 0 R"))
    return path


def contents_cycle(path: Path) -> Path:
    """A page whose /Contents names two objects that name each other."""
    path.write_bytes(one_page(b"5 0 R", FONT, b"6 0 R", b"5 0 R"))
    return path


def catalog_self(path: Path) -> Path:
    """A catalog that is its own reference."""
    path.write_bytes(pdf([b"1 0 R"]))
    return path


# --- work that multiplies or inflates: refused at the guard's limits -----------------


def forms_fan_out(path: Path, depth: int = 8) -> Path:
    """Forms each drawing the next ten times: 10**7 draws from a few hundred bytes."""
    first, forms = 6, []
    for level in range(depth):
        if level + 1 < depth:
            body = b" ".join([b"/X Do"] * 10)
            resources = b"<</XObject<</X %d 0 R>>>>" % (first + level + 1)
        else:
            body, resources = TEXT, FONT
        attrs = b"/Type/XObject/Subtype/Form/BBox[0 0 612 792]/Resources" + resources
        forms.append(stream(body, attrs))
    page = b"<</XObject<</X %d 0 R>>>>" % first
    path.write_bytes(one_page(stream(b"/X Do"), page, HELVETICA, *forms))
    return path


def text_operators(path: Path, size: int = 200 * MIB) -> Path:
    """One compressed content stream of 200 MiB of text-showing operators."""
    data = _compressed_repeat(b"BT /F1 1 Tf 0 0 Td (x) Tj ET\n", size)
    path.write_bytes(one_page(_flate_stream(data), FONT, HELVETICA))
    return path


def content_2_gib(path: Path) -> Path:
    """A compressed content stream of 2 GiB of spaces (2 MB on disk)."""
    path.write_bytes(one_page(_flate_stream(_compressed_repeat(b" ", 2 << 30)), FONT, HELVETICA))
    return path


def font_1_gib(path: Path) -> Path:
    """A font program that inflates to 1 GiB."""
    font = b"<</Type/Font/Subtype/Type1/BaseFont/Bomb/FontDescriptor 6 0 R>>"
    descriptor = b"<</Type/FontDescriptor/FontName/Bomb/Flags 32/FontFile 7 0 R>>"
    program = _flate_stream(_compressed_repeat(b"\0", 1 << 30), b"/Length1 100")
    path.write_bytes(one_page(stream(TEXT), FONT, font, descriptor, program))
    return path


def runlength_bomb(path: Path) -> Path:
    """A RunLength content stream whose two-byte runs stand for 128 MiB."""
    data = b"\x81 " * (128 * MIB // 128) + b"\x80"
    contents = b"<</Filter/RunLengthDecode/Length %d>>\nstream\n" % len(data) + data
    path.write_bytes(one_page(contents + b"\nendstream", FONT, HELVETICA))
    return path


# --- damage: read, with a warning naming the page -------------------------------------


def flipped_content(path: Path) -> Path:
    """The V8 sample with four bytes flipped inside page 2's compressed content stream."""
    data = bytearray(V8.read_bytes())
    streams = [
        (m.end(), data.index(b"endstream", m.end()))
        for m in re.finditer(
            rb"\n\d+ 0 obj\s*<</Length \d+ 0 R/Filter/FlateDecode>>\s*stream\r?\n", data
        )
    ]
    start, end = streams[1]
    for i in range(4):
        data[(start + end) // 2 + 7 * i] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


def xref_wrong(path: Path) -> Path:
    """The V8 sample with every cross-reference offset moved: the xref must be rebuilt."""
    data = V8.read_bytes()
    xref = data.rindex(b"\nxref\n")
    table = re.sub(rb"(\d{10}) 00000 n", lambda m: b"%010d 00000 n" % (int(m[1]) + 3), data[xref:])
    path.write_bytes(data[:xref] + table)
    return path


def text_dump_100_mib(path: Path) -> Path:
    """V8's text dump repeated to 100 MiB: a plan of tens of thousands of actions."""
    text = V8_TEXT.read_bytes()
    with path.open("wb") as fh:
        for _ in range(100 * MIB // len(text)):
            fh.write(text)
    return path


SMALL: dict[str, Callable[[Path], Path]] = {
    "resources-self.pdf": resources_self,
    "contents-cycle.pdf": contents_cycle,
    "catalog-self.pdf": catalog_self,
    "forms-fan-out.pdf": forms_fan_out,
    "flipped-content.pdf": flipped_content,
    "xref-wrong.pdf": xref_wrong,
}
BIG: dict[str, Callable[[Path], Path]] = {
    "text-operators-200-mib.pdf": text_operators,
    "content-2-gib.pdf": content_2_gib,
    "font-1-gib.pdf": font_1_gib,
    "runlength-128-mib.pdf": runlength_bomb,
    "text-dump-100-mib.txt": text_dump_100_mib,
}


def build(name: str, folder: Path) -> Path:
    """Write hostile file `name` into `folder` and return its path."""
    return (SMALL | BIG)[name](folder / name)


def main() -> None:
    FILES.mkdir(exist_ok=True)
    for name in SMALL:
        path = build(name, FILES)
        print(f"{path.stat().st_size:>9,}  {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
