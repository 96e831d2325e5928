"""The V7→V8 HTML report opened in a real headless browser (Debian's chromium).

Chromium prints each console message, CSP violations included, to stderr as a
`:CONSOLE` line; the report has no script and allows no request, so any such line
is a fault. A control page proves the check still sees errors in this version.
"""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

import lxml.html
import pdfplumber
import pytest

import actionplan
from actionplan.compare import build_history, diff_plans
from actionplan.export import ReportOptions
from actionplan.export.html_report import CSP, diff_html
from tests import components

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.usefixtures("chromium")]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    old = actionplan.read(SAMPLES / "cp-reduction-v7.docx")
    new = actionplan.read(SAMPLES / "cp-reduction-v8.docx")
    path = tmp_path_factory.mktemp("report") / "v7-v8.html"
    path.write_text(diff_html(diff_plans(old, new)), encoding="utf-8")
    return path


def headless(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run chromium headless, offline and with a throwaway profile."""
    cmd = [
        components.require(components.CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--enable-logging=stderr",
        "--v=0",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)


def console_errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_report_renders_in_chromium_without_console_errors(report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    run = headless(tmp_path, f"--screenshot={shot}", "--window-size=1400,1000", report.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    assert console_errors(run.stderr) == []
    assert png_size(shot) == (1400, 1000)
    # A blank page compresses to a few kB; the report's text and colours do not.
    assert shot.stat().st_size > 50_000


def test_console_check_sees_an_error_on_a_page_that_breaks_the_rules(tmp_path: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text(
        f'<!DOCTYPE html><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<p>hi</p><img src="https://example.invalid/logo.png">',
        encoding="utf-8",
    )
    run = headless(tmp_path, f"--screenshot={tmp_path / 'bad.png'}", bad.as_uri())
    assert any("Content Security Policy" in line for line in console_errors(run.stderr))


def test_rendered_dom_holds_the_summary_and_the_changes(report: Path, tmp_path: Path) -> None:
    run = headless(tmp_path, "--dump-dom", report.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    assert console_errors(run.stderr) == []
    dom = run.stdout
    assert '<div class="count"><b>19</b><span>actions in V8</span></div>' in dom
    assert "<h2>History rewritten</h2>" in dom
    assert "<del>data</del> <ins>information</ins>" in dom


def test_report_prints_on_a4_landscape(report: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    run = headless(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", report.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    with pdfplumber.open(pdf) as doc:
        first = doc.pages[0]
        # A4 landscape is 297 × 210 mm: 842 × 595 points.
        assert (round(first.width), round(first.height)) == (842, 595)
        assert len(doc.pages) >= 2
        text = first.extract_text()
        everything = "\n".join(p.extract_text() for p in doc.pages)
    assert "CP Reduction Action Plan Review" in text
    # The board's questions open the report; the detail follows.
    assert "As at 14/06/2018" in text and "Exception report" in text
    assert "History rewritten" in everything and "By owner" in everything


@pytest.fixture(scope="module")
def board_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The V7→V8 report with the history's charts: every chart a page can hold."""
    old = actionplan.read(SAMPLES / "cp-reduction-v7.docx")
    new = actionplan.read(SAMPLES / "cp-reduction-v8.docx")
    options = ReportOptions(history=build_history([old, new]))
    path = tmp_path_factory.mktemp("board") / "board.html"
    path.write_text(diff_html(diff_plans(old, new), options), encoding="utf-8")
    return path


def test_charts_render_inline_without_console_errors(board_pack: Path, tmp_path: Path) -> None:
    run = headless(tmp_path, "--dump-dom", board_pack.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    assert console_errors(run.stderr) == []
    dom = lxml.html.fromstring(run.stdout)
    figures = [f.get("id") for f in dom.iter("figure")]
    assert figures == [
        "chart-rag_mix",
        "chart-slippage",
        "chart-history_mix",
        "chart-open_completed",
        "chart-history_slippage",
    ]
    svgs = list(dom.iter("svg"))
    assert len(svgs) == 5 and all(s.get("role") == "img" for s in svgs)
    # Text stays text: the axis labels and legends are searchable, not paths.
    text = " ".join(t.text_content() for t in dom.iter("text"))
    assert "V7" in text and "Open" in text and "Action 12" in text
    sections = [s.get("id") for s in dom.iter("section")]
    assert sections[:4] == ["status", "exceptions", "by-owner", "charts"]
    shot = tmp_path / "board.png"
    run = headless(tmp_path, f"--screenshot={shot}", "--window-size=1400,4000", board_pack.as_uri())
    assert run.returncode == 0 and console_errors(run.stderr) == []
    assert png_size(shot) == (1400, 4000)
