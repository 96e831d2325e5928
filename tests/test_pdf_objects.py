"""The fast character dictionaries equal pdfplumber's own, page by page."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from actionplan.extract.pdf.objects import fast_objects
from tests.conftest import SAMPLES, shared_path

# Each test parses PDFs twice (ours and pdfplumber's): the quick run leaves them out.
pytestmark = pytest.mark.slow

REALWORLD = shared_path("realworld", skip=False)

PDFS = [
    SAMPLES / "cp-reduction-v8.pdf",
    SAMPLES / "workforce-plan-q2.pdf",
    # The corpus' pages are many and dense: seconds in all.
    *(
        pytest.param(REALWORLD / rel, marks=pytest.mark.slow)
        for rel in (
            "pdfplumber/chelsea_pdta.pdf",
            "pdfplumber/issue-463-example.pdf",
            "camelot/tabula/arabic.pdf",
            "camelot/clockwise_table_1.pdf",
            "camelot/birdisland.pdf",
            "pdfplumber/pr-138-example.pdf",
        )
    ),
]


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_fast_objects_equal_pdfplumbers_own(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path.name} is not beside this checkout")
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[:4]:
            assert fast_objects(page) == page.parse_objects(), f"page {page.page_number}"
