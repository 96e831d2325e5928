"""PDF tables from text positions, and the paragraph logic they share with ruled cells.

The zoo PDFs (samples/zoo/docs) are LibreOffice prints of Word tables with full grids,
rules between rows only, or no rules at all; for exact cells, fills and page breaks the
tests write small PDFs themselves with pypdfium2.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from actionplan.extract.base import RawDocument, RawTable
from actionplan.extract.pdf import read_pdf
from actionplan.extract.pdf.lines import Line, Spacing, join_wrapped, page_spacing, paragraphs

# Each test reads or writes PDFs: the quick run leaves them out.
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("pdf_engine")]

ROOT = Path(__file__).resolve().parents[1]
ZOO = ROOT / "samples" / "zoo" / "docs"


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


# --- tables from text positions ----------------------------------------------------------


def test_table_ruled_only_between_rows_is_read_with_its_columns_and_rows() -> None:
    doc = zoo("zoo-12-row-rules")
    (table,) = doc.tables
    assert texts(table)[:3] == [
        ["Ref", "Action", "Owner", "Deadline", "Update", "Status"],
        [
            "1",
            "Launch the apprenticeship scheme for care and support workers",
            "Team Manager North, Director of Nursing, Housing Options Manager",
            "Ongoing",
            "03/01/2023: Consultation closed with 212 responses; analysis under way.",
            "Amber",
        ],
        [
            "2",
            "Publish monthly performance reports on the intranet",
            "Gareth Price",
            "09/11/2023",
            "03/12/2022: Devices issued to 80 staff; the remainder await network changes.\n"
            "19/01/2023: Completed: final report signed off by the director.",
            "Complete",
        ],
    ]
    # Nothing is marked header: the layout stage decides; the text above stays outside.
    assert not any(r.is_header for r in table.rows)
    assert "Review date: 28/02/2023" in doc.body_lines + doc.header_lines


def test_borderless_table_rows_start_where_the_ref_column_starts_a_line() -> None:
    doc = zoo("zoo-13-borderless")
    rows = [r for t in doc.tables for r in t.rows]
    refs = [r.cells[0].text for r in rows]
    assert refs[0] == "Ref" and [x for x in refs[1:] if x] == [str(i) for i in range(1, len(refs))]
    assert {len(r.cells) for r in rows} == {6}


def test_borderless_section_rows_span_and_a_split_row_goes_on_under_the_repeated_header() -> None:
    doc = zoo("zoo-14-borderless-sections")
    first, second = doc.tables
    assert [(c.text, c.span) for c in first.rows[1].cells][:1] == [
        ("Priority 1: Quality and Practice", 2)
    ]
    assert texts(first)[3][:4] == [
        "A2",
        "Review the eligibility criteria for the home adaptations grant",
        "Head of L&D",
        "Q3 2020/21",
    ]
    # Page 2 repeats the header; the owner cell of C2 goes on below it in a row of its own.
    assert texts(second) == [
        ["Ref", "Action", "Led by", "Timescale", "Progress", "Status"],
        ["", "", "Comms Team", "", "", ""],
    ]
    assert second.page == 2
    assert any("without column rules" in w for w in doc.warnings)


@pytest.mark.parametrize(
    "name", ["zoo-12-row-rules", "zoo-13-borderless", "zoo-14-borderless-sections"]
)
def test_zoo_tables_without_column_rules_read_as_their_true_records(name: str) -> None:
    import json

    from actionplan import read

    plan = read(ZOO / f"{name}.pdf")
    want = json.loads((ROOT / "samples" / "zoo" / "expected" / f"{name}.json").read_text())
    got = [(a.ref, a.owners, a.due.text if a.due else None) for a in plan.actions]
    assert got == [(a["ref"], a["owners"], a["due_text"]) for a in want["actions"]]


def test_prose_pages_stay_prose() -> None:
    from tests.conftest import shared_path

    doc = read_pdf(shared_path("realworld", "pdfplumber", "2023-06-20-PV.pdf"))
    assert doc.tables == []


# --- small PDFs written here: exact cells, fills, a table going on over a page break ------

Text = tuple[float, float, str]
Rect = tuple[float, float, float, float, tuple[int, int, int]]


def write_pdf(path: Path, pages: list[tuple[list[Text], list[Rect]]]) -> Path:
    """Write an A4 PDF of Helvetica 9pt words (x, top, text) over filled rectangles."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument.new()
    for words, rects in pages:
        page = pdf.new_page(595, 842)
        for x0, top, x1, bottom, (r, g, b) in rects:
            rect = raw.FPDFPageObj_CreateNewRect(x0, 842 - bottom, x1 - x0, bottom - top)
            raw.FPDFPageObj_SetFillColor(rect, r, g, b, 255)
            raw.FPDFPath_SetDrawMode(rect, raw.FPDF_FILLMODE_ALTERNATE, False)
            raw.FPDFPage_InsertObject(page, rect)
        for x, top, text in words:
            obj = raw.FPDFPageObj_NewTextObj(pdf, b"Helvetica", 9.0)
            buf = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
            raw.FPDFText_SetText(obj, ctypes.cast(buf, ctypes.POINTER(raw.FPDF_WCHAR)))
            raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, 842 - top - 9)
            raw.FPDFPage_InsertObject(page, obj)
        raw.FPDFPage_GenerateContent(page)
    pdf.save(str(path))
    return path


RED, GREEN = (255, 0, 0), (0, 176, 80)
COLS = (40.0, 80.0, 260.0, 380.0)


def _row(top: float, cells: list[list[str]], fill: tuple[int, int, int] | None) -> tuple:
    words = [
        (x, top + 11 * i, text)
        for x, lines in zip(COLS, cells, strict=True)
        for i, text in enumerate(lines)
    ]
    height = 11 * max(len(c) for c in cells)
    rects = [(350.0, top - 3, 440.0, top + height + 1, fill)] if fill else []
    return words, rects


def _pages(*pages: list[tuple]) -> list[tuple[list[Text], list[Rect]]]:
    return [([w for r in rows for w in r[0]], [x for r in rows for x in r[1]]) for rows in pages]


def test_borderless_rag_shading_gives_the_cell_fill(tmp_path: Path) -> None:
    path = write_pdf(
        tmp_path / "shaded.pdf",
        _pages(
            [
                _row(100, [["Ref"], ["Action"], ["Owner"], ["RAG"]], None),
                _row(
                    120,
                    [["1"], ["Train the team in the", "new approach"], ["Jane Hoey"], [""]],
                    RED,
                ),
                _row(150, [["2"], ["Audit the case files"], ["Sue", "Rogers"], [""]], GREEN),
            ]
        ),
    )
    (table,) = read_pdf(path).tables
    assert [[(c.text, c.fill) for c in r.cells] for r in table.rows] == [
        [("Ref", None), ("Action", None), ("Owner", None), ("RAG", None)],
        [
            ("1", None),
            ("Train the team in the new approach", None),
            ("Jane Hoey", None),
            ("", "FF0000"),
        ],
        [("2", None), ("Audit the case files", None), ("Sue Rogers", None), ("", "00B050")],
    ]


def test_page_without_the_header_keeps_the_columns_of_the_page_before(tmp_path: Path) -> None:
    page1 = [
        _row(100, [["Ref"], ["Action"], ["Owner"], ["RAG"]], None),
        _row(
            120, [["1"], ["Train the team in the", "new approach"], ["Jane Hoey"], ["Green"]], None
        ),
        _row(150, [["2"], ["Audit the case files"], ["Sue Rogers"], ["Red"]], None),
    ]
    # On page 2 the owner column is empty: its own alignment shows three columns.
    page2 = [
        _row(60, [["3"], ["Publish the report", "to the board"], [""], ["Amber"]], None),
        _row(90, [["4"], ["Close the review"], [""], ["Green"]], None),
    ]
    doc = read_pdf(write_pdf(tmp_path / "two.pdf", _pages(page1, page2)))
    last = doc.tables[-1]
    assert last.page == 2
    assert texts(last) == [
        ["3", "Publish the report to the board", "", "Amber"],
        ["4", "Close the review", "", "Green"],
    ]
    # The same in two processes, where page 2 is read apart from page 1.
    many = write_pdf(tmp_path / "many.pdf", _pages(*([page1] * 4 + [page2] * 5)))
    assert read_pdf(many, workers=2) == read_pdf(many)
