"""The fast character dictionaries equal pdfplumber's own, page by page."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from actionplan.extract.pdf.objects import fast_objects
from tests.conftest import REALWORLD, SAMPLES

PDFS = [
    SAMPLES / "cp-reduction-v8.pdf",
    SAMPLES / "workforce-plan-q2.pdf",
    REALWORLD / "pdfplumber" / "chelsea_pdta.pdf",
    REALWORLD / "pdfplumber" / "issue-463-example.pdf",
    REALWORLD / "camelot" / "tabula" / "arabic.pdf",
    REALWORLD / "camelot" / "clockwise_table_1.pdf",
    REALWORLD / "camelot" / "birdisland.pdf",
    REALWORLD / "pdfplumber" / "pr-138-example.pdf",
]


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_fast_objects_equal_pdfplumbers_own(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path.name} is not beside this checkout")
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[:4]:
            assert fast_objects(page) == page.parse_objects(), f"page {page.page_number}"
