"""The table finder's fast cell search finds pdfplumber's cells, in pdfplumber's order.

`tablefinder.intersections_to_cells` replaces pdfplumber's quadratic search; it must
give the very list pdfplumber's gives, for ruled tables (the lines strategy) and for
the text strategy's crossings on prose, on real pages and on random crossings.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.table import TableFinder, cells_to_tables, edges_to_intersections
from pdfplumber.table import intersections_to_cells as plumber_cells
from pdfplumber.table import words_to_edges_v as plumber_edges_v
from pdfplumber.utils.exceptions import PdfminerException

from actionplan.extract.pdf.ruled import LINES_SETTINGS
from actionplan.extract.pdf.tablefinder import (
    crossings,
    find_tables,
    full_grid,
    intersections_to_cells,
    tables_of,
    words_to_edges_v,
)
from actionplan.extract.pdf.textpos import (
    HYBRID_SETTINGS,
    TEXT_SETTINGS,
    _plausible_text_table,
    text_tables,
)
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
            _assert_grid_is_the_finders(page, words)
            assert words_to_edges_v(words, 3) == plumber_edges_v(words, 3), page.page_number
            page.close()


def _grid_table(xs: list[float], ys: list[float]) -> list[list[tuple[float, ...]]]:
    """The one table of a full grid's neighbouring columns and rows, cells sorted."""
    cells = sorted((a, b, c, d) for a, c in pairwise(xs) for b, d in pairwise(ys))
    return [cells] if len(cells) > 1 else []


def _assert_grid_is_the_finders(page: Any, words: list[dict[str, Any]]) -> None:
    """Where the text strategy's crossings are a full grid, the finder's tables are its
    one table; and text_tables (which refuses a prose grid before any cell search) keeps
    what the finder's plausible tables are."""
    where = f"page {page.page_number}"
    points = crossings(page, TEXT_SETTINGS, words)
    grid = full_grid(points)
    if grid is not None:
        assert [sorted(t.cells) for t in tables_of(page, points)] == _grid_table(*grid), where
    plausible = [
        list(t.cells)
        for t in find_tables(page, TEXT_SETTINGS, words)
        if _plausible_text_table(t, words)
    ]
    assert text_tables(page, words) == plausible, where


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


_EDGE = st.builds(
    _edge,
    st.sampled_from("hv"),
    st.integers(0, 8),
    st.integers(0, 8),
    st.integers(0, 8),
)
_EDGES = st.lists(_EDGE, max_size=30)


@settings(max_examples=100, deadline=None)
@given(_EDGES)
def test_random_crossings_give_pdfplumbers_cells_in_its_order(
    edges: list[dict[str, Any]],
) -> None:
    crossings = edges_to_intersections(edges)
    assert intersections_to_cells(crossings) == plumber_cells(crossings)


def _grid_edges(xs: list[int], ys: list[int], extra: list[dict[str, Any]]) -> list[Any]:
    """Edges across every row and down every column of a grid, and some stray ones."""
    if not xs or not ys:
        return extra
    left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
    return (
        [_edge("v", x, top, bottom - top) for x in xs]
        + [_edge("h", y, left, right - left) for y in ys]
        + extra
    )


_GRIDS = st.builds(
    _grid_edges,
    st.lists(st.integers(0, 40), max_size=6, unique=True),
    st.lists(st.integers(0, 40), max_size=6, unique=True),
    st.lists(_EDGE, max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_EDGES, _GRIDS))
def test_a_full_grid_of_crossings_is_the_one_table_pdfplumber_finds(
    edges: list[dict[str, Any]],
) -> None:
    points = edges_to_intersections(edges)
    grid = full_grid(points)
    if grid is None:
        return
    assert sorted(grid[0]) == grid[0] and len(points) == len(grid[0]) * len(grid[1])
    tables = [sorted(t) for t in cells_to_tables(plumber_cells(points))]
    assert tables == _grid_table(*grid)


def _word(x0: float, width: float, top: float) -> dict[str, Any]:
    return {"x0": x0, "x1": x0 + width, "top": top, "bottom": top + 10}


# Positions on a coarse lattice (so words align, within 1 pt, in clusters of all sizes)
# and some anywhere, -0.0 included.
_COORD = st.one_of(
    st.integers(0, 12).map(lambda n: n * 0.75),
    st.floats(-5, 20, allow_nan=False),
    st.just(-0.0),
)
_WORDS = st.lists(st.builds(_word, _COORD, _COORD, _COORD), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_WORDS, st.integers(1, 4))
def test_column_edges_from_words_are_pdfplumbers(
    words: list[dict[str, Any]], threshold: int
) -> None:
    assert words_to_edges_v(words, threshold) == plumber_edges_v(words, threshold)


def test_column_edges_from_words_with_nan_are_left_to_pdfplumber() -> None:
    # pdfplumber's clusters fail on a NaN centre (its look-up misses, None is sorted
    # among ints): the same function runs, and fails the same way.
    words = [_word(float("nan"), 5, 0), _word(1, 5, 12), _word(1, 5, 24), _word(1.5, 5, 36)]
    with pytest.raises(TypeError):
        plumber_edges_v(words, 3)
    with pytest.raises(TypeError):
        words_to_edges_v(words, 3)


def test_full_grid_needs_every_crossing_and_one_edge_a_column() -> None:
    square = [_edge("v", x, 0, 20) for x in (0, 10, 20)] + [
        _edge("h", y, 0, 20) for y in (0, 10, 20)
    ]
    assert full_grid(edges_to_intersections(square)) == ([0, 10, 20], [0, 10, 20])
    # The middle row stops short of the last column: a crossing is missing.
    short = [*square[:4], _edge("h", 10, 0, 10), square[5]]
    assert full_grid(edges_to_intersections(short)) is None
    # The middle column in two pieces that meet at the middle row: two edges there.
    split = [square[0], _edge("v", 10, 0, 10), _edge("v", 10, 10, 10), *square[2:]]
    assert full_grid(edges_to_intersections(split)) is None


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
