"""The table finder's fast cell search finds pdfplumber's cells, in pdfplumber's order.

`tablefinder.intersections_to_cells` replaces pdfplumber's quadratic search; it must
give the very list pdfplumber's gives, for ruled tables (the lines strategy) and for
the text strategy's crossings on prose, on real pages and on random crossings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.table import TableFinder, edges_to_intersections
from pdfplumber.table import intersections_to_cells as plumber_cells
from pdfplumber.utils.exceptions import PdfminerException

from actionplan.extract.pdf.ruled import LINES_SETTINGS
from actionplan.extract.pdf.tablefinder import find_tables, intersections_to_cells
from actionplan.extract.pdf.textpos import HYBRID_SETTINGS, TEXT_SETTINGS
from tests.conftest import shared_path

ROOT = Path(__file__).resolve().parents[1]
V8 = ROOT / "samples" / "cp-reduction-v8.pdf"
CORPUS = sorted((ROOT / "samples").rglob("*.pdf")) + sorted(
    shared_path("realworld", skip=False).rglob("*.pdf")
)
SETTINGS = {"lines": LINES_SETTINGS, "text": TEXT_SETTINGS, "hybrid": HYBRID_SETTINGS}


def _assert_same_cells(path: Path, pages: int | None = None) -> None:
    try:
        pdf = pdfplumber.open(path)
        pdf.pages  # noqa: B018 (reading the page list is where a damaged file fails)
    except PdfminerException:
        pytest.skip(f"pdfplumber cannot open {path.name} (encrypted or not a PDF)")
    with pdf:
        for page in pdf.pages[:pages]:
            words = page.extract_words()
            for name, table_settings in SETTINGS.items():
                finder = TableFinder(page, table_settings)
                where = f"{path.name} page {page.page_number} ({name})"
                assert intersections_to_cells(finder.intersections) == finder.cells, where
                ours = [t.cells for t in find_tables(page, table_settings, words)]
                assert ours == [t.cells for t in finder.tables], where
            page.close()


def test_the_v8_samples_cells_are_pdfplumbers_on_every_strategy() -> None:
    _assert_same_cells(V8, pages=1)


@pytest.mark.slow
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_every_corpus_pages_cells_are_pdfplumbers(path: Path) -> None:
    _assert_same_cells(path)


def _edge(orientation: str, at: int, start: int, length: int) -> dict[str, Any]:
    if orientation == "h":
        return {"x0": start, "x1": start + length, "top": at, "bottom": at, "orientation": "h"}
    return {"x0": at, "x1": at, "top": start, "bottom": start + length, "orientation": "v"}


_EDGES = st.lists(
    st.builds(
        _edge,
        st.sampled_from("hv"),
        st.integers(0, 8),
        st.integers(0, 8),
        st.integers(0, 8),
    ),
    max_size=30,
)


@settings(max_examples=100, deadline=None)
@given(_EDGES)
def test_random_crossings_give_pdfplumbers_cells_in_its_order(
    edges: list[dict[str, Any]],
) -> None:
    crossings = edges_to_intersections(edges)
    assert intersections_to_cells(crossings) == plumber_cells(crossings)


def test_a_grid_of_two_by_two_cells_is_four_cells_from_the_top_left() -> None:
    edges = [_edge("h", y, 0, 20) for y in (0, 10, 20)] + [
        _edge("v", x, 0, 20) for x in (0, 10, 20)
    ]
    assert intersections_to_cells(edges_to_intersections(edges)) == [
        (0, 0, 10, 10),
        (0, 10, 10, 20),
        (10, 0, 20, 10),
        (10, 10, 20, 20),
    ]
