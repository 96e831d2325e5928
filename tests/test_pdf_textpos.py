"""PDF tables from text positions, and the paragraph logic they share with ruled cells.

The zoo PDFs (samples/zoo/docs) are LibreOffice prints of Word tables with full grids,
rules between rows only, or no rules at all; tests/fixtures/pdf holds small PDFs made
by tests/fixtures/pdf/make_fixtures.py for exact cells.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from actionplan.extract.base import RawDocument, RawTable
from actionplan.extract.pdf import read_pdf
from actionplan.extract.pdf.lines import Line, Spacing, join_wrapped, page_spacing, paragraphs

ROOT = Path(__file__).resolve().parents[1]
ZOO = ROOT / "samples" / "zoo" / "docs"
FIXTURES = ROOT / "tests" / "fixtures" / "pdf"


def zoo(name: str) -> RawDocument:
    return read_pdf(ZOO / f"{name}.pdf")


def texts(table: RawTable) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def line(text: str, base: float, end: float, *, size: float = 9.0, start: float = 10.0) -> Line:
    first = text.split(" ")[0]
    return Line(
        text=text,
        top=base - size,
        bottom=base,
        base=base,
        size=size,
        start=start,
        end=end,
        first_word=5.0 * len(first),
        body_start=start,
        bullet=False,
    )


# --- joining wrapped lines -------------------------------------------------------------


def test_hyphen_after_a_letter_at_a_line_end_joins_the_next_word_without_a_space() -> None:
    assert join_wrapped(["Review due mid-", "May 2019"]) == "Review due mid-May 2019"
    assert join_wrapped(["the trauma-", "informed framework"]) == "the trauma-informed framework"


def test_a_dash_standing_alone_or_after_a_digit_keeps_its_space() -> None:
    assert join_wrapped(["Service Manager -", "Team"]) == "Service Manager - Team"
    assert join_wrapped(["pages 10-", "12"]) == "pages 10- 12"
    assert join_wrapped(["light- and heavy-", "duty"]) == "light- and heavy-duty"


@given(st.lists(st.text(alphabet="ab -", min_size=1, max_size=8), min_size=1, max_size=6))
def test_joined_lines_keep_every_character_and_add_only_spaces(parts: list[str]) -> None:
    joined = join_wrapped(parts)
    assert joined.replace(" ", "") == "".join(parts).replace(" ", "")
    assert len(joined) - len("".join(parts)) in range(len(parts))


def test_pdf_owner_cell_with_a_hyphen_at_the_wrap_reads_like_word() -> None:
    doc = zoo("zoo-38-long-no-repeat")
    cells = {c.text for t in doc.tables for r in t.rows for c in r.cells}
    assert "Embed the trauma-informed practice framework in children's homes" in cells


# --- wrap pitches ------------------------------------------------------------------------


def _wrapped_cell(pitch: float, base: float) -> list[Line]:
    # Three full lines of one wrapped paragraph: no first word fits on the line before.
    return [line("Director of", base, 95.0), line("Nursing and", base + pitch, 96.0)]


def test_a_wider_pitch_whose_breaks_are_all_wraps_is_a_wrap_pitch() -> None:
    cells: list[tuple[list[Line], float | None]] = [
        (_wrapped_cell(10.5, 100.0 + 50 * i), 100.0) for i in range(4)
    ]
    cells += [(_wrapped_cell(12.07, 400.0 + 50 * i), 100.0) for i in range(4)]
    spacing = page_spacing(cells)
    assert spacing.ratio == pytest.approx(10.5 / 9)
    assert spacing.is_wrap_pitch(12.07 / 9)
    assert paragraphs(_wrapped_cell(12.07, 0.0), spacing, 100.0) == "Director of Nursing and"
    # Without that evidence the wider pitch is paragraph spacing, as before.
    assert paragraphs(_wrapped_cell(12.07, 0.0), Spacing(10.5 / 9), 100.0) == (
        "Director of\nNursing and"
    )


def test_a_wider_pitch_after_short_lines_stays_paragraph_spacing() -> None:
    # Short last lines: the next first word would have fitted, so the breaks were typed.
    cells: list[tuple[list[Line], float | None]] = [
        ([line("Done.", 100.0 + 50 * i, 40.0), line("Next step", 113.5 + 50 * i, 60.0)], 100.0)
        for i in range(5)
    ]
    assert page_spacing(cells).wraps == ()


def test_pdf_owner_cells_wrapped_at_first_paragraph_spacing_are_one_paragraph() -> None:
    # Word keeps 1.15 line spacing in a cell's first paragraph and single spacing in
    # the others: the owner cells' wider pitch is still wrapping ("Sue" / "Rogers").
    doc = zoo("zoo-38-long-no-repeat")
    cells = {c.text for t in doc.tables for r in t.rows for c in r.cells}
    assert "Cath Thomas, Housing Options Manager" in cells
    assert "Service Manager, Team Manager North, Director of Nursing" in cells
    assert "Director of Nursing, Comms Team" in cells
    assert "Service Manager, Mark Doyle" in cells
    # Paragraphs written as paragraphs stay apart.
    assert (
        "18/07/2019: Draft shared with the management team for comment.\n"
        "25/08/2019: Uptake currently 68% against the target, peer vaccinators in place.\n"
        "01/09/2019: Completed: final report signed off by the director."
    ) in cells
