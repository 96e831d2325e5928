"""The V7→V8 diff workbook opened by LibreOffice Calc and printed to PDF.

LibreOffice is what many councils open .xlsx files with; this checks it reads every
sheet, shows dates as dd/mm/yyyy, finds no formula to break, and prints the header
row on every page.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from openpyxl import load_workbook

import actionplan
from actionplan.compare import diff_plans
from actionplan.export.excel import diff_workbook, workbook_bytes
from tests import components

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
# Debian splits LibreOffice: Writer alone cannot open a workbook, so this needs Calc.
pytestmark = [pytest.mark.office, pytest.mark.slow]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, calc: str) -> list[tuple[str, float, float]]:
    """Return the text, width and height of each page LibreOffice prints of V7→V8."""
    tmp = tmp_path_factory.mktemp("calc")
    old = actionplan.read(SAMPLES / "cp-reduction-v7.docx")
    new = actionplan.read(SAMPLES / "cp-reduction-v8.docx")
    book = tmp / "v7-v8.xlsx"
    book.write_bytes(workbook_bytes(diff_workbook(diff_plans(old, new))))
    run = components.convert(calc, book, "pdf", tmp)
    pdf = tmp / "v7-v8.pdf"
    assert pdf.exists(), run.stdout + run.stderr
    with pdfplumber.open(pdf) as doc:
        return [(page.extract_text() or "", page.width, page.height) for page in doc.pages]


@pytest.fixture(scope="module")
def printed(pages: list[tuple[str, float, float]]) -> list[str]:
    return [text for text, _, _ in pages]


def test_libreoffice_prints_every_sheet_of_the_diff_workbook(printed: list[str]) -> None:
    text = "\n".join(printed)
    for heading in ("Measure", "Old RAG", "Status", "Entry date", "Days overdue", "Warning"):
        assert heading in text
    assert "CP Reduction Action Plan Review" in text
    assert "Mid-April 2018" in text
    assert "CP reduced to 180 (11/06)." in text


def test_libreoffice_shows_dates_day_first_and_no_formula_errors(printed: list[str]) -> None:
    text = "\n".join(printed)
    assert "14/06/2018" in text and "16/05/2018" in text
    assert "2018-06-14" not in text
    for error in ("#NAME?", "#VALUE!", "#REF!", "Err:", "###"):
        assert error not in text


def test_libreoffice_prints_each_sheet_landscape_with_its_header(
    pages: list[tuple[str, float, float]], printed: list[str]
) -> None:
    assert len(pages) >= 7
    # A4 landscape: 842 × 595 points.
    assert {(round(w), round(h)) for _, w, h in pages} == {(842, 595)}
    # Changes is twenty columns: two pages wide at 9 pt or more, its header on each.
    changes = [p for p in printed if p.splitlines()[-1].startswith("Changes Page")]
    assert len(changes) >= 4, "the Changes sheet prints across and down"
    assert all("Old RAG" in p or "Old ref" in p or "Old wording" in p for p in changes)


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory, calc: str) -> list[Any]:
    """Return the pages LibreOffice prints of the V7→V8 Board sheet alone (its chars)."""
    tmp = tmp_path_factory.mktemp("board")
    old = actionplan.read(SAMPLES / "cp-reduction-v7.docx")
    new = actionplan.read(SAMPLES / "cp-reduction-v8.docx")
    wb = load_workbook(io.BytesIO(workbook_bytes(diff_workbook(diff_plans(old, new)))))
    # Printing one sheet of a workbook: every other sheet hidden, as a reader would select it.
    for ws in wb.worksheets:
        if ws.title != "Board":
            ws.sheet_state = "hidden"
    wb.active = wb.sheetnames.index("Board")
    book = tmp / "board.xlsx"
    wb.save(book)
    run = components.convert(calc, book, "pdf", tmp)
    pdf = tmp / "board.pdf"
    assert pdf.exists(), run.stdout + run.stderr
    with pdfplumber.open(pdf) as doc:
        return [(page.extract_text() or "", list(page.chars)) for page in doc.pages]


def test_libreoffice_prints_the_board_sheet_on_three_pages_at_9_pt_or_more(
    board: list[Any],
) -> None:
    # 20 rows of ref, action, owner, due, RAG, latest entry and what changed, one page wide.
    assert len(board) == 3
    for n, (text, chars) in enumerate(board, start=1):
        sizes = {round(c["size"], 1) for c in chars}
        assert min(sizes) >= 9, (n, sorted(sizes))
        lines = text.splitlines()
        # The header (plan, versions, as-at), the repeated column titles, the footer.
        assert (
            lines[0]
            == "CP Reduction Action Plan Review V7 (16/05/2018) → V8 (14/06/2018) As at 14/06/2018"
        )
        assert lines[1].startswith("Ref Action Owner Due RAG Latest entry What changed")
        assert lines[-1] == f"Board Page {n} of 3"
    text = "\n".join(t for t, _ in board)
    assert "Due Mid-March 2018 →" in text
    assert "15/04/2018" in text and "Ongoing" in text
