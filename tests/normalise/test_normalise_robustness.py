"""Long, repetitive cells (a pasted spreadsheet, a run of dashes) stay fast: no regex blow-up."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from actionplan.normalise.dates import find_dates
from actionplan.normalise.due import parse_due
from actionplan.normalise.meta import looks_like_title, meta_from_filename, parse_title_line
from actionplan.normalise.owners import split_owners
from actionplan.normalise.rag import looks_like_legend, rag_from_text
from actionplan.normalise.text import clean_text
from actionplan.normalise.updates import split_updates

# Linear-time checks on 100,000-character cells: the quick run leaves them out.
pytestmark = pytest.mark.slow

NORMALISERS: dict[str, Callable[[str], object]] = {
    "clean_text": clean_text,
    "split_updates": lambda s: split_updates(s, review_date=None),
    "parse_due": parse_due,
    "split_owners": split_owners,
    "find_dates": find_dates,
    "parse_title_line": parse_title_line,
    "looks_like_title": looks_like_title,
    "meta_from_filename": meta_from_filename,
    "rag_from_text": lambda s: rag_from_text(s, []),
    "looks_like_legend": lambda s: looks_like_legend([(s, "", None), (s, "", "FF0000")]),
}
UNITS = [
    " ", "a ", "- ", "-", "1.", "1/", "v1.", "<p ", "<p a=", "<b ", "= ", "&", "Update ", "and ",
    ": ", "(", "01/01/2018 ", "01/01/2018: x ", "5 ", "March ", "w/c ", "•", "\n", "\t", "Blue ",
]  # fmt: skip
LENGTH = 20_000
# Linear work on 20,000 characters takes milliseconds; quadratic backtracking takes seconds.
LIMIT_SECONDS = 1.0


@pytest.mark.parametrize("unit", UNITS)
def test_every_normaliser_stays_linear_on_a_long_repetitive_cell(unit: str) -> None:
    text = unit * (LENGTH // len(unit)) + "x"
    slow = {}
    for name, normalise in NORMALISERS.items():
        start = time.perf_counter()
        normalise(text)
        elapsed = time.perf_counter() - start
        if elapsed > LIMIT_SECONDS:
            slow[name] = round(elapsed, 2)
    assert not slow, f"{unit!r} repeated: {slow}"
