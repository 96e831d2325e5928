"""Hostile Word and HTML documents (issue 12): one clean line or a warned read, in bounded
time and memory, never a traceback, a "report it" or gigabytes.

The files are built by tests/hostile/make_hostile.py (the small ones are committed in
tests/hostile/files/). Here: the typed error each raises, and how the readers bound
their work; tests/test_hostile.py runs every family through `actionplan extract` in a
subprocess under time and memory bounds.
"""

from __future__ import annotations

import bz2
import io
import lzma
import random
import re
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from actionplan import read
from actionplan.errors import ActionplanError, UnsafeDocument
from actionplan.extract.docx_reader import read_docx
from actionplan.extract.html_reader import read_html
from actionplan.extract.zipparts import ZipParts
from tests.hostile import make_hostile, make_hostile_pdf
from tests.hostile.make_hostile import FILES, HTML_PLAN, html
from tests.test_metadata import NO_REVIEW_DATE

# Hostile files are built and read (some in subprocesses): the quick run leaves them out.
pytestmark = pytest.mark.slow

MEMORY = 2 << 30


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def extract(path: Path, seconds: float) -> tuple[int, str, str]:
    """Run `actionplan extract path` bounded in time and memory: exit code, stdout, stderr."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "actionplan", "extract", str(path)],
        capture_output=True,
        text=True,
        timeout=seconds + 10,  # the hard stop; the bound itself is asserted below
        preexec_fn=_limit_memory,
    )
    elapsed = time.monotonic() - started
    assert elapsed < seconds, f"{path.name} took {elapsed:.1f} s"
    return done.returncode, done.stdout, done.stderr


REFUSED = {
    "gridspan-2000000000.docx": "refused: a table cell claims to span 2,000,000,000 columns",
    "gridspan-60-tables.docx": "refused: a table cell claims to span 20,000,000 columns",
    "colspan-2000000000.html": "refused: a table cell claims to span 2,000,000,000 columns",
    "tables-nested-300.docx": "refused: tables nested more than 50 deep",
    "tables-nested-60.html": "refused: tables nested more than 50 deep",
    # The HTML parser drops what lies past 256 levels: refused, not silently cut.
    "elements-nested-5000.html": "refused: elements nested more than 256 deep",
    "text-boxes-nested-500.docx": "refused: text boxes nested more than 50 deep",
    "content-controls-nested-1000.docx": "refused: content controls nested more than 50 deep",
    "hyperlinks-nested-1000.docx": "refused: links, fields and revisions nested more than 50 deep",
    "deflate-damaged.docx": (
        "word/document.xml is damaged "
        "(Error -3 while decompressing data: invalid literal/lengths set)"
    ),
    "bzip2-damaged.docx": "word/document.xml is damaged (Invalid data stream)",
    "lzma-damaged.docx": "word/document.xml is damaged (Corrupt input data)",
    "bad-crc.docx": "word/document.xml is damaged (Bad CRC-32)",
    "compression-99.docx": (
        "word/document.xml is compressed with method 99, which Word packages never use"
    ),
    "encrypted-member.docx": "word/document.xml is encrypted, which Word packages never are",
    "zip-version-9.8.docx": "not a valid .docx (damaged or truncated zip archive)",
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_hostile_file_raises_a_typed_error(name: str) -> None:
    line = f"{FILES / name}: {REFUSED[name]}"
    with pytest.raises(ActionplanError, match=f"^{re.escape(line)}$"):
        read(FILES / name)


def test_committed_files_are_what_the_script_builds(tmp_path: Path) -> None:
    for name in make_hostile.SMALL:
        built = make_hostile.build(name, tmp_path)
        assert built.read_bytes() == (FILES / name).read_bytes(), name
    committed = {*make_hostile.SMALL, *make_hostile_pdf.SMALL}
    assert sorted(p.name for p in FILES.iterdir()) == sorted(committed)


def test_list_levels_that_are_no_numbers_read_as_level_zero() -> None:
    # w:ilvl="abc" in the body and w:ilvl="x1" in the numbering: a bullet at level 0.
    path = FILES / "ilvl-abc.docx"
    doc = read_docx(path)
    assert doc.tables[0].rows[1].texts[4] == "08/03/2018: ongoing\n• Workshop held"
    code, stdout, stderr = extract(path, 15)
    assert code == 0 and stderr == f"warning: {path}: {NO_REVIEW_DATE}\n", stderr
    assert '"update_text": "08/03/2018: ongoing\\n• Workshop held"' in stdout


def test_one_header_referenced_3000_times_is_read_once() -> None:
    path = FILES / "header-rels-3000.docx"
    doc = read_docx(path)
    assert doc.header_lines == ["CP Reduction Action Plan"] * 14_000
    code, _, stderr = extract(path, 20)
    assert code == 0 and stderr == f"warning: {path}: {NO_REVIEW_DATE}\n", stderr


def test_a_span_wider_than_the_grid_is_cut_to_the_grid() -> None:
    doc = read_docx(FILES / "gridspan-over-grid.docx")
    section = doc.tables[0].rows[1].cells[0]
    assert (section.text, section.span) == ("Priority 1: Workforce", 6)


def test_a_colspan_wider_than_the_table_is_cut_to_its_widest_row(tmp_path: Path) -> None:
    path = html(
        tmp_path / "plan.html",
        HTML_PLAN.replace(
            "<tr><td>1</td>", '<tr><td colspan="9">Priority 1</td></tr><tr><td>1</td>'
        ),
    )
    rows = read_html(path).tables[0].rows
    assert [(c.text, c.span) for c in rows[1].cells] == [("Priority 1", 6)]
    assert [c.span for c in rows[2].cells] == [1] * 6


def _zip(members: dict[str, tuple[bytes, int]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, (data, method) in members.items():
            zf.writestr(name, data, compress_type=method)
    return buf.getvalue()


@pytest.mark.parametrize(
    "method", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]
)
def test_zip_parts_inflate_every_method_exactly(method: int) -> None:
    # Random bytes, so that the compressed member too takes several chunks to read.
    data = random.Random(5).randbytes(300_000) + b"\0" * 500_000
    parts = ZipParts(Path("p.docx"), _zip({"a.xml": (data, method)}))
    assert parts.read("a.xml") == data
    assert parts.inflated == len(data)


def test_zip_parts_stop_at_the_part_limit_whatever_the_member_declares(tmp_path: Path) -> None:
    path = make_hostile._lying(tmp_path / "lies.docx", bz2.compress(b"\0" * 10_000_000), 12)
    parts = ZipParts(path, part_limit=1 << 20)
    with pytest.raises(
        UnsafeDocument, match=r"inflates to more than 1 MiB \(its header says 4,096"
    ):
        parts.read("word/document.xml")
    assert parts.inflated < 2 << 20


def test_zip_parts_cap_the_total_and_read_each_part_once() -> None:
    blob = lzma.compress(b"")  # any bytes: only the sizes matter here
    data = _zip({"a.xml": (b"a" * 600_000, 8), "b.xml": (b"b" * 600_000 + blob, 8)})
    parts = ZipParts(Path("p.docx"), data, part_limit=1 << 20, total_limit=1 << 20)
    for _ in range(3000):
        parts.read("a.xml")
    assert parts.inflated == 600_000
    with pytest.raises(UnsafeDocument, match="the parts read inflate to more than 1 MiB"):
        parts.read("b.xml")


def test_running_out_of_memory_while_parsing_a_part_is_the_memory_limit_not_damage(
    tmp_path: Path,
) -> None:
    """libxml2 reports an exhausted heap as a syntax error ("unknown error"): the file is
    not damaged, and saying so would be a lie. It is the memory limit."""
    from actionplan import read_many

    body = "<w:p><w:r><w:t>hello world</w:t></w:r></w:p>" * 1_200_000  # 55 MB of XML
    path = make_hostile.package(
        tmp_path / "big-document.docx", {make_hostile.DOCUMENT: make_hostile.document(body)}
    )
    (result,) = read_many([path], workers=1, max_memory=500 << 20)
    assert (result.kind, result.error) == ("MemoryLimit", "exceeded the 500 MiB memory limit")
