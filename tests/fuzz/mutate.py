"""Seeded mutations of the sample documents: a mutant is (sample, operator, seed).

Each operator is a pure function of the sample's bytes and a `random.Random` seeded with
the mutant's seed, so `Mutant(sample, operator, seed).build()` gives the same bytes on
every machine. The operators damage what each format is made of:

- any file: `flip-bytes` (1 to 8 bytes XORed anywhere), `truncate` (cut anywhere);
- zip packages (.docx): drop a member, duplicate one (the copy before or after it), flip
  bytes in one member's content or cut it short, recompressed so the zip itself is sound;
- PDFs: flip bytes inside a page's Flate content stream or overwrite its tail, flip bytes
  in another Flate stream (fonts, images), damage the cross-reference table;
- text and HTML: drop a line, duplicate a line.

`campaign(count, seed)` spreads `count` mutants evenly over every (format, operator)
pair, each sample of a format drawn by the seed.
"""

from __future__ import annotations

import io
import random
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = Path(__file__).resolve().parent / "seeds"

# Samples by format, as paths relative to the checkout.
_SUFFIX_FORMAT = {".docx": "docx", ".pdf": "pdf", ".txt": "text", ".html": "html", ".doc": "doc"}
FORMAT_NAMES = ("docx", "pdf", "html", "text", "doc")


def format_of(sample: str) -> str:
    """Return the format name (as in actionplan.rules.FORMATS) a sample is read as."""
    return _SUFFIX_FORMAT[Path(sample).suffix.lower()]


@cache
def samples() -> dict[str, tuple[str, ...]]:
    """Return every sample the fuzzer mutates, by format: the bundled samples, the zoo
    (plans and near-misses) and the seeds of the formats the samples lack (HTML, .doc)."""
    found: list[Path] = []
    for folder in (ROOT / "samples", ROOT / "samples" / "zoo" / "docs", SEEDS):
        found += [p for p in folder.iterdir() if p.suffix.lower() in _SUFFIX_FORMAT]
    by_format: dict[str, list[str]] = {name: [] for name in FORMAT_NAMES}
    for path in found:
        by_format[format_of(path.name)].append(path.relative_to(ROOT).as_posix())
    return {name: tuple(sorted(paths)) for name, paths in by_format.items()}


Apply = Callable[[bytes, random.Random], bytes]


@dataclass(frozen=True)
class Operator:
    """One named way of damaging a file, for the formats it applies to."""

    name: str
    formats: frozenset[str]
    apply: Apply


def _flip(data: bytes, rng: random.Random, start: int = 0, end: int | None = None) -> bytes:
    end = len(data) if end is None else end
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(start, end)] ^= rng.randint(1, 255)
    return bytes(out)


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    """XOR one to eight bytes anywhere in the file with random values."""
    return _flip(data, rng)


def truncate(data: bytes, rng: random.Random) -> bytes:
    """Cut the file anywhere after its first byte."""
    return data[: rng.randrange(1, len(data))]


# Zip packages: the mutant is written again with every member's own compression and
# time, so the archive is sound and only the named change differs.


def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(info, zf.read(info)) for info in zf.infolist()]


def _package(members: Iterable[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of a duplicate name: that is the point
        with zipfile.ZipFile(out, "w") as zf:
            for info, content in members:
                copy = zipfile.ZipInfo(info.filename, info.date_time)
                copy.compress_type = info.compress_type
                copy.external_attr = info.external_attr
                zf.writestr(copy, content)
    return out.getvalue()


def zip_drop_member(data: bytes, rng: random.Random) -> bytes:
    """Leave one member out of the package."""
    members = _members(data)
    del members[rng.randrange(len(members))]
    return _package(members)


def zip_duplicate_member(data: bytes, rng: random.Random) -> bytes:
    """Write one member twice under its name, the copy just before or just after it."""
    members = _members(data)
    i = rng.randrange(len(members))
    members.insert(i + rng.randint(0, 1), members[i])
    return _package(members)


def _xml_member(members: list[tuple[zipfile.ZipInfo, bytes]], rng: random.Random) -> int:
    # Word's text is in its XML parts; damage there is what a reader must notice.
    xml = [i for i, (info, _) in enumerate(members) if info.filename.endswith((".xml", ".rels"))]
    return rng.choice(xml or list(range(len(members))))


def zip_member_flip(data: bytes, rng: random.Random) -> bytes:
    """Flip bytes inside one XML member's content (its CRC then matches the damage)."""
    members = _members(data)
    i = _xml_member(members, rng)
    info, content = members[i]
    members[i] = (info, _flip(content, rng) if content else content)
    return _package(members)


def zip_member_truncate(data: bytes, rng: random.Random) -> bytes:
    """Cut one XML member's content short (its CRC then matches the shorter content)."""
    members = _members(data)
    i = _xml_member(members, rng)
    info, content = members[i]
    members[i] = (info, content[: rng.randrange(len(content))] if content else content)
    return _package(members)


# PDFs: streams are found by their dictionaries, as LibreOffice writes them (no object
# streams); the bytes between `stream` and `endstream` are damaged in place, so every
# offset in the cross-reference table stays right.

_OBJECT = re.compile(rb"(\d+) 0 obj\s*(<<.*?>>)\s*stream\r?\n", re.S)
_CONTENTS = re.compile(rb"/Contents\s*(\[[^\]]*\]|\d+\s+0\s+R)")


def _streams(data: bytes) -> list[tuple[int, bool, int, int]]:
    """Return (object number, is a page's content, start, end) of each Flate stream."""
    contents: set[int] = set()
    for m in _CONTENTS.finditer(data):
        contents.update(int(n) for n in re.findall(rb"(\d+)\s+0\s+R", m.group(1)))
    out = []
    for m in _OBJECT.finditer(data):
        if b"FlateDecode" not in m.group(2):
            continue
        end = data.find(b"endstream", m.end())
        if end > m.end():
            number = int(m.group(1))
            out.append((number, number in contents, m.end(), end))
    return out


def _stream(data: bytes, rng: random.Random, content: bool) -> tuple[int, int]:
    chosen = [s for s in _streams(data) if s[1] == content] or _streams(data)
    if not chosen:
        raise ValueError("no Flate stream to damage")
    _, _, start, end = rng.choice(chosen)
    return start, end


def pdf_content_flip(data: bytes, rng: random.Random) -> bytes:
    """Flip bytes inside one page's Flate content stream."""
    start, end = _stream(data, rng, content=True)
    return _flip(data, rng, start, end)


def pdf_content_cut(data: bytes, rng: random.Random) -> bytes:
    """Overwrite one page's Flate content stream from a random point to its end."""
    start, end = _stream(data, rng, content=True)
    cut = rng.randrange(start, end)
    junk = bytes(rng.randrange(256) for _ in range(end - cut))
    return data[:cut] + junk + data[end:]


def pdf_other_stream_flip(data: bytes, rng: random.Random) -> bytes:
    """Flip bytes inside a Flate stream that is no page's content (a font, an image)."""
    start, end = _stream(data, rng, content=False)
    return _flip(data, rng, start, end)


_XREF_ENTRY = re.compile(rb"\d{10} \d{5} [nf]")
_STARTXREF = re.compile(rb"startxref\s*(\d+)")


def pdf_xref_damage(data: bytes, rng: random.Random) -> bytes:
    """Damage the cross-reference table one of four ways: wrong offsets in its entries, a
    wrong `startxref`, no `xref` keyword, or every object moved by bytes put after the
    header."""
    how = rng.randrange(4)
    if how == 0:
        entries = list(_XREF_ENTRY.finditer(data))
        if entries:
            out = bytearray(data)
            for m in rng.sample(entries, min(len(entries), rng.randint(1, 6))):
                digits = f"{rng.randrange(10**10):010d}".encode()
                out[m.start() : m.start() + 10] = digits
            return bytes(out)
    if how == 1:
        at = data.rfind(b"startxref")
        if at >= 0:
            found = _STARTXREF.match(data, at)
            if found:
                wrong = str(rng.randrange(len(data) * 2)).encode()
                return data[: found.start(1)] + wrong + data[found.end(1) :]
    if how == 2:
        at = data.rfind(b"\nxref")
        if at >= 0:
            return data[: at + 1] + b"    " + data[at + 5 :]
    header = data.find(b"\n") + 1
    return data[:header] + b"%" + b"x" * rng.randint(1, 400) + b"\n" + data[header:]


# Text and HTML: whole lines, the units a dump is made of.


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [data]


def text_drop_line(data: bytes, rng: random.Random) -> bytes:
    """Leave one line out."""
    lines = _lines(data)
    del lines[rng.randrange(len(lines))]
    return b"".join(lines)


def text_duplicate_line(data: bytes, rng: random.Random) -> bytes:
    """Write one line twice."""
    lines = _lines(data)
    i = rng.randrange(len(lines))
    lines.insert(i, lines[i])
    return b"".join(lines)


_ALL = frozenset(FORMAT_NAMES)
_ZIP = frozenset({"docx"})
_PDF = frozenset({"pdf"})
_LINES = frozenset({"text", "html"})

OPERATORS: dict[str, Operator] = {
    op.name: op
    for op in (
        Operator("flip-bytes", _ALL, flip_bytes),
        Operator("truncate", _ALL, truncate),
        Operator("zip-drop-member", _ZIP, zip_drop_member),
        Operator("zip-duplicate-member", _ZIP, zip_duplicate_member),
        Operator("zip-member-flip", _ZIP, zip_member_flip),
        Operator("zip-member-truncate", _ZIP, zip_member_truncate),
        Operator("pdf-content-flip", _PDF, pdf_content_flip),
        Operator("pdf-content-cut", _PDF, pdf_content_cut),
        Operator("pdf-other-stream-flip", _PDF, pdf_other_stream_flip),
        Operator("pdf-xref-damage", _PDF, pdf_xref_damage),
        Operator("text-drop-line", _LINES, text_drop_line),
        Operator("text-duplicate-line", _LINES, text_duplicate_line),
    )
}


@dataclass(frozen=True)
class Mutant:
    """One damaged document: a sample (relative to the checkout), an operator, a seed."""

    sample: str
    operator: str
    seed: int

    @property
    def format(self) -> str:
        return format_of(self.sample)

    @property
    def suffix(self) -> str:
        return Path(self.sample).suffix

    def build(self) -> bytes:
        """Return the mutant's bytes (the same on every run)."""
        data = (ROOT / self.sample).read_bytes()
        return OPERATORS[self.operator].apply(data, random.Random(self.seed))

    def replay(self) -> str:
        """Return the command that reads this mutant again, by hand."""
        return f"python -m tests.fuzz.run --replay {self.sample} {self.operator} {self.seed}"

    def __str__(self) -> str:
        return f"({self.sample}, {self.operator}, {self.seed})"


def pairs(formats: Sequence[str] = FORMAT_NAMES) -> list[tuple[str, str]]:
    """Return every (format, operator) pair of the given formats that has samples."""
    have = samples()
    return [
        (fmt, op.name)
        for fmt in formats
        if have[fmt]
        for op in OPERATORS.values()
        if fmt in op.formats
    ]


def campaign(count: int, seed: int = 0, formats: Sequence[str] = FORMAT_NAMES) -> list[Mutant]:
    """Return `count` mutants spread evenly over every (format, operator) pair."""
    every = pairs(formats)
    have = samples()
    out = []
    for i in range(count):
        fmt, op = every[i % len(every)]
        rng = random.Random(f"{seed}:{i}")
        out.append(Mutant(rng.choice(have[fmt]), op, rng.randrange(2**32)))
    return out
