"""Damaged and hostile PDFs: damage is warned about by page, bombs are refused in one line.

The damaged files are the committed samples with a few bytes flipped inside one page's
content stream; the hostile ones are written here byte by byte. Each hostile file is
read by the CLI in a child process under a 2 GiB address-space limit and a time bound.
"""

from __future__ import annotations

import json
import re
import resource
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from actionplan.errors import UnsafeDocument
from actionplan.extract.pdf import guard
from tests.hostile.make_hostile_pdf import one_page as _one_page
from tests.hostile.make_hostile_pdf import stream as _stream

ROOT = Path(__file__).resolve().parents[1]
V8 = ROOT / "samples" / "cp-reduction-v8.pdf"
MEMORY = 2 * 1024**3
pytestmark = pytest.mark.usefixtures("pdf_engine")
SECONDS = 60


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _extract(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "actionplan", "extract", str(path)],
        capture_output=True,
        text=True,
        timeout=SECONDS,
        preexec_fn=_limit_memory,
        cwd=ROOT,
    )


def _content_streams(data: bytes) -> list[tuple[int, int]]:
    """Return where each page's Flate content stream lies: (start, end) of its bytes."""
    out = []
    for m in re.finditer(
        rb"\n\d+ 0 obj\s*<</Length \d+ 0 R/Filter/FlateDecode>>\s*stream\r?\n", data
    ):
        out.append((m.end(), data.index(b"endstream", m.end())))
    return out


def _flipped(data: bytes, stream: int) -> bytes:
    start, end = _content_streams(data)[stream]
    out = bytearray(data)
    for i in range(4):
        out[(start + end) // 2 + 7 * i] ^= 0x5A
    return bytes(out)


@pytest.mark.slow
@pytest.mark.parametrize("page", [1, 2, 3])
def test_flipped_bytes_in_a_page_content_stream_are_warned_by_page(
    tmp_path: Path, page: int, pdf_engine: str
) -> None:
    original = _extract(V8)
    whole = len(json.loads(original.stdout)["actions"])
    bad = tmp_path / "damaged.pdf"
    bad.write_bytes(_flipped(V8.read_bytes(), page - 1))
    run = _extract(bad)
    assert run.returncode == 0, run.stderr
    plan = json.loads(run.stdout)
    message = f"page {page}'s content stream is damaged: actions on it may be missing"
    assert message in plan["warnings"]
    assert f"warning: {bad}: {message}" in run.stderr
    assert plan["document"]["confidence"] < 0.8
    assert f"page {page}'s content stream is damaged" in plan["document"]["confidence_reasons"]
    # pdfminer keeps what inflated before the damage; PDFium's decoder may read on past
    # it, so with PDFium the page can keep its actions (and is warned about all the same).
    assert len(plan["actions"]) < whole or pdf_engine == "pdfium"


@pytest.mark.slow
def test_a_plan_with_two_damaged_pages_is_read_with_the_warnings_not_refused(
    tmp_path: Path,
) -> None:
    # Damage makes a reading doubtful, not the document something other than a plan.
    bad = tmp_path / "damaged.pdf"
    bad.write_bytes(_flipped(_flipped(V8.read_bytes(), 0), 1))
    run = _extract(bad)
    assert run.returncode == 0, run.stderr
    plan = json.loads(run.stdout)
    assert plan["document"]["confidence"] < 0.5
    for page in (1, 2):
        assert (
            f"page {page}'s content stream is damaged: actions on it may be missing"
            in (plan["warnings"])
        )
    assert any(w.startswith("read with low confidence") for w in plan["warnings"])


@pytest.mark.slow
def test_an_undamaged_sample_has_no_damaged_page() -> None:
    from actionplan.extract.pdf import read_pdf

    assert read_pdf(V8).damaged_pages == []


TEXT = b"BT /F1 12 Tf 72 720 Td (Action plan) Tj ET"
HELVETICA = b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>"


def _assert_refused(path: Path, reason: str) -> None:
    run = _extract(path)
    assert run.returncode != 0
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert reason in lines[0]
    assert "refused as unsafe" in lines[0]


@pytest.mark.slow
def test_a_content_stream_inflating_past_the_limit_is_refused(tmp_path: Path) -> None:
    bomb = b" " * (guard.STREAM_LIMIT + 1024)
    path = tmp_path / "content-bomb.pdf"
    path.write_bytes(
        _one_page(_stream(bomb, compressed=True), b"<</Font<</F1 5 0 R>>>>", HELVETICA)
    )
    _assert_refused(path, "page 1: a compressed stream inflates past 64 MiB")


@pytest.mark.slow
def test_a_font_inflating_past_the_limit_is_refused(tmp_path: Path) -> None:
    font = b"<</Type/Font/Subtype/Type1/BaseFont/Bomb/FontDescriptor 6 0 R>>"
    descriptor = b"<</Type/FontDescriptor/FontName/Bomb/Flags 32/FontFile 7 0 R>>"
    bomb = _stream(b"\0" * (guard.STREAM_LIMIT + 1024), b"/Length1 100", compressed=True)
    path = tmp_path / "font-bomb.pdf"
    path.write_bytes(_one_page(_stream(TEXT), b"<</Font<</F1 5 0 R>>>>", font, descriptor, bomb))
    _assert_refused(path, "page 1: a compressed stream inflates past 64 MiB")


@pytest.mark.slow
def test_nested_forms_each_drawing_the_next_ten_times_are_refused(tmp_path: Path) -> None:
    depth = 8
    first = 6
    forms = []
    for level in range(depth):
        if level + 1 < depth:
            body = b" ".join([b"/X Do"] * 10)
            resources = b"<</XObject<</X %d 0 R>>>>" % (first + level + 1)
        else:
            body, resources = TEXT, b"<</Font<</F1 5 0 R>>>>"
        attrs = b"/Type/XObject/Subtype/Form/BBox[0 0 612 792]/Resources" + resources
        forms.append(_stream(body, attrs))
    path = tmp_path / "forms.pdf"
    page = b"<</XObject<</X %d 0 R>>>>" % first
    path.write_bytes(_one_page(_stream(b"/X Do"), page, HELVETICA, *forms))
    _assert_refused(path, "page 1: it draws more than 10,000 objects (nested forms)")


def test_inflation_stops_at_the_document_limit() -> None:
    bounds = guard.Guard(Path("plan.pdf"), inflated=guard.DOCUMENT_LIMIT - 10)
    with pytest.raises(UnsafeDocument, match="inflates past 256 MiB"):
        guard.inflate(zlib.compress(b" " * 100), bounds)


def test_inflation_keeps_what_inflated_before_damage() -> None:
    text = b"".join(b"BT (line %d) Tj ET\n" % i for i in range(50_000))
    packed = bytearray(zlib.compress(text))
    packed[len(packed) * 3 // 4] ^= 0xFF
    bounds = guard.Guard(Path("plan.pdf"))
    bounds.page = 2
    out = guard.inflate(bytes(packed), bounds)
    assert bounds.damaged == {2}
    assert 0 < len(out) < len(text)
    assert text.startswith(out[: len(out) // 2])


def test_inflation_of_a_sound_stream_is_zlibs() -> None:
    text = bytes(range(256)) * 5000
    bounds = guard.Guard(Path("plan.pdf"))
    assert guard.inflate(zlib.compress(text), bounds) == text
    assert bounds.damaged == set() and bounds.damaged_elsewhere == 0
