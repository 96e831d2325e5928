"""Document metadata read by evidence: each title and review-date form, end to end.

Word fixtures are built with python-docx, so they carry real styles and run sizes;
the PDF case reads a zoo plan printed by LibreOffice.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from docx.shared import Pt

import actionplan
from actionplan.extract.pdf.prominence import ordinary_size

ZOO = Path(__file__).resolve().parent.parent / "samples" / "zoo" / "docs"
HEADINGS = ["Ref", "Action", "Lead", "Due", "Update", "RAG"]
ROWS = [
    ["1", "Audit supervision files", "Jane Hoey", "12/07/2019", "01/06/2019: begun", "Green"],
    ["2", "Publish the carers strategy", "Cath Thomas", "Ongoing", "05/06/2019: out", "Amber"],
]


def plan_docx(
    path: Path,
    lines: list[tuple[str, float | None]],
    *,
    header: str | None = None,
    heading: str | None = None,
) -> Path:
    """Write a plan: `lines` (text, size in points or None) above its action table."""
    doc = docx.Document()
    doc.styles["Normal"].font.size = Pt(9)
    if header is not None:
        doc.sections[0].header.paragraphs[0].add_run(header).bold = True
    if heading is not None:
        doc.add_heading(heading, level=0)
    for text, size in lines:
        run = doc.add_paragraph().add_run(text)
        if size is not None:
            run.font.size = Pt(size)
    table = doc.add_table(rows=1, cols=6)
    for c, text in zip(table.rows[0].cells, HEADINGS, strict=True):
        c.text = text
    for values in ROWS:
        for c, text in zip(table.add_row().cells, values, strict=True):
            c.text = text
    doc.save(str(path))
    return path


def meta_of(path: Path) -> tuple[str | None, dt.date | None, str | None]:
    document = actionplan.read(path).document
    return document.title, document.review_date, document.version


# (file name, lines above the table with their size in points, expected metadata)
SIZED_FORMS = {
    "largest_text_on_page_one_is_the_title_not_the_file_name": (
        "zoo 08 two row.docx",
        [("Housing Strategy Action Plan", 16), ("Review date: 10 March 2020", 10)],
        ("Housing Strategy Action Plan", dt.date(2020, 3, 10), None),
    ),
    "title_label_line_gives_the_title": (
        "zoo-02.docx",
        [("Title: Inspection Recommendations Tracker", 10), ("Review date: 12 June 2019", 10)],
        ("Inspection Recommendations Tracker", dt.date(2019, 6, 12), None),
    ),
    "review_date_line_beats_a_title_that_holds_only_a_month": (
        "qip.docx",
        [("Quality Improvement Plan June 2019", 16), ("Review date: 12 June 2019", 10)],
        ("Quality Improvement Plan", dt.date(2019, 6, 12), None),
    ),
    "next_review_line_is_not_the_review_date": (
        "cpap.docx",
        [
            ("Corporate Parenting Action Plan", 12),
            ("Date of meeting: 04/02/2020", 10),
            ("Next review: 05/05/2020", 10),
        ],
        ("Corporate Parenting Action Plan", dt.date(2020, 2, 4), None),
    ),
    "body_version_wins_over_the_file_name": (
        "Primary Care Plan V2.docx",
        [("Primary Care Resilience Plan – V3", 16), ("Review date: 10 October 2019", 10)],
        ("Primary Care Resilience Plan", dt.date(2019, 10, 10), "V3"),
    ),
}


@pytest.mark.parametrize(("name", "lines", "expected"), SIZED_FORMS.values(), ids=SIZED_FORMS)
def test_sized_lines_above_the_table(
    tmp_path: Path,
    name: str,
    lines: list[tuple[str, float | None]],
    expected: tuple[str | None, dt.date | None, str | None],
) -> None:
    assert meta_of(plan_docx(tmp_path / name, lines)) == expected


def test_title_style_is_the_title(tmp_path: Path) -> None:
    path = plan_docx(
        tmp_path / "plan.docx", [("As at 30/06/2019", None)], heading="Adult Social Care Plan"
    )
    assert meta_of(path) == ("Adult Social Care Plan", dt.date(2019, 6, 30), None)


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Position as at 14/09/2023", dt.date(2023, 9, 14)),
        ("Dyddiad adolygu: 30/09/2019", dt.date(2019, 9, 30)),
        ("Date of meeting: 03/11/2022", dt.date(2022, 11, 3)),
    ],
)
def test_review_date_line_in_other_words(tmp_path: Path, line: str, date: dt.date) -> None:
    path = plan_docx(tmp_path / "x.docx", [(line, 10)], header="Revenues and Benefits Plan")
    assert meta_of(path) == ("Revenues and Benefits Plan", date, None)


def test_version_in_brackets_leaves_no_bracket_in_the_title(tmp_path: Path) -> None:
    path = plan_docx(
        tmp_path / "wsap.docx",
        [("Review date: 31 January 2020", 10)],
        header="Workforce Strategy Action Plan (Version 2)",
    )
    assert meta_of(path) == ("Workforce Strategy Action Plan", dt.date(2020, 1, 31), "Version 2")


def test_metadata_only_in_the_file_name_is_read_without_a_warning(tmp_path: Path) -> None:
    path = plan_docx(tmp_path / "CP Plan V8 14.06.19.docx", [])
    plan = actionplan.read(path)
    assert (plan.document.title, plan.document.review_date, plan.document.version) == (
        "CP Plan",
        dt.date(2019, 6, 14),
        "V8",
    )
    assert plan.warnings == []


def test_two_versions_titled_in_the_body_are_one_plan_to_diff(tmp_path: Path) -> None:
    old = plan_docx(
        tmp_path / "draft (1).docx",
        [("Carers Strategy Delivery Plan", 16), ("Review date: 28/02/2023", 10)],
    )
    new = plan_docx(
        tmp_path / "final copy.docx",
        [("Carers Strategy Delivery Plan", 16), ("Review date: 30/03/2023", 10)],
    )
    result = actionplan.diff(old, new)
    assert (result.old.title, result.new.title) == ("Carers Strategy Delivery Plan",) * 2
    assert not [w for w in result.warnings if "different plans" in w]


def test_text_dump_title_and_as_at_line(tmp_path: Path) -> None:
    table = "\n".join("\t".join(r) for r in [HEADINGS, *ROWS])
    path = tmp_path / "dump.txt"
    path.write_text(f"Leisure Services Plan\nAs at 12/09/2019\n{table}\nSigned: 20/09/2019\n")
    assert meta_of(path) == ("Leisure Services Plan", dt.date(2019, 9, 12), None)


def test_pdf_largest_text_and_review_date_line() -> None:
    assert meta_of(ZOO / "zoo-08-two-row-delivery.pdf") == (
        "Housing Strategy Action Plan",
        dt.date(2020, 3, 10),
        None,
    )


def test_pdf_ordinary_size_is_the_size_most_characters_share() -> None:
    def chars(text: str, height: float) -> list[dict[str, object]]:
        return [{"text": c, "top": 0.0, "bottom": height} for c in text]

    page = chars("Plan", 16.0) + chars("ordinary table text", 9.1) + chars("   ", 30.0)
    assert ordinary_size(page) == 9.0
    assert ordinary_size([]) is None


NO_REVIEW_DATE = (
    "no review date in the document or its file name: a diff counts nothing overdue unless "
    "--as-at is given, and among its plan's versions it is ordered by version number alone"
)


def test_a_plan_with_no_review_date_anywhere_says_so(tmp_path: Path) -> None:
    undated = actionplan.read(plan_docx(tmp_path / "CP Plan V8.docx", []))
    assert (undated.document.review_date, undated.document.version) == (None, "V8")
    assert undated.warnings == [NO_REVIEW_DATE]
    # A review date in the file name or in the document is enough.
    named = actionplan.read(plan_docx(tmp_path / "CP Plan V8 14.06.19.docx", []))
    assert named.warnings == []
    inside = plan_docx(tmp_path / "CP Plan V8 again.docx", [("Review date: 14 June 2019", 10)])
    assert actionplan.read(inside).warnings == []
