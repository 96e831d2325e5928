"""Title, review date and version from a title line or a file name."""

from __future__ import annotations

import datetime as dt

import pytest

from actionplan.normalise.meta import looks_like_title, meta_from_filename, parse_title_line


@pytest.mark.parametrize(
    ("line", "meta"),
    [
        (
            "CP Reduction Action Plan Review- 14/06/2018 – V8",
            ("CP Reduction Action Plan Review", dt.date(2018, 6, 14), "V8"),
        ),
        (
            "Workforce Improvement Plan – Progress Update 30/09/2019 (Version 3)",
            ("Workforce Improvement Plan – Progress Update", dt.date(2019, 9, 30), "Version 3"),
        ),
        ("V8 14/06/2018 CP Plan", ("CP Plan", dt.date(2018, 6, 14), "V8")),
        ("Action Plan as at 14/06/2018", ("Action Plan", dt.date(2018, 6, 14), None)),
        ("Improvement Plan v2.1", ("Improvement Plan", None, "v2.1")),
        ("Improvement Plan", ("Improvement Plan", None, None)),
    ],
)
def test_title_line_gives_title_review_date_and_version(
    line: str, meta: tuple[str | None, dt.date | None, str | None]
) -> None:
    assert parse_title_line(line) == meta


def test_month_only_review_date_is_the_end_of_that_month() -> None:
    assert parse_title_line("Action Plan Review June 2018")[1] == dt.date(2018, 6, 30)


@pytest.mark.parametrize(
    ("name", "meta"),
    [
        ("CP Plan V8 14.06.18.docx", ("CP Plan", dt.date(2018, 6, 14), "V8")),
        ("CP-Reduction-V8.docx", ("CP Reduction", None, "V8")),
        ("/shared/plans/Plan_20180614.pdf", ("Plan", dt.date(2018, 6, 14), None)),
        ("C:\\plans\\CP Plan v3 2018-06-14.docx", ("CP Plan", dt.date(2018, 6, 14), "v3")),
        ("Action_Plan.docx", ("Action Plan", None, None)),
    ],
)
def test_file_name_gives_title_date_and_version(
    name: str, meta: tuple[str | None, dt.date | None, str | None]
) -> None:
    assert meta_from_filename(name) == meta


@pytest.mark.parametrize(
    ("line", "is_title"),
    [
        ("CP Reduction Action Plan Review- 14/06/2018 – V8", True),
        ("Workforce Improvement Plan – Progress Update 30/09/2019 (Version 3)", True),
        ("Action\tPerson Responsible\tBy When\tUpdate\tRAG", False),
        ("Children’s Services – Workforce Board", False),
        ("Minutes of the meeting 14/06/2018", False),
        ("", False),
    ],
)
def test_looks_like_title_wants_plan_words_and_a_date_or_version(line: str, is_title: bool) -> None:
    assert looks_like_title(line) is is_title
