"""parse_due: the "By When" cell as a date, range, recurrence or estimate."""

from __future__ import annotations

import datetime as dt

import pytest

from actionplan.models import Due
from actionplan.normalise.due import parse_due

REVIEW = dt.date(2018, 6, 14)
D = dt.date


@pytest.mark.parametrize(
    ("text", "kind", "date", "end", "recurrence"),
    [
        ("12/01/18", "date", D(2018, 1, 12), None, None),
        ("Fortnightly commencing 29/01/18", "recurring", D(2018, 1, 29), None, "fortnightly"),
        ("Weekly commencing 29/01/18", "recurring", D(2018, 1, 29), None, "weekly"),
        ("Pilot to take place on 19/02/18 – 18/05/18", "range", D(2018, 2, 19), D(2018, 5, 18),
         None),
        ("Mid-April 2018", "approximate", D(2018, 4, 15), None, None),
        ("March 2019", "approximate", D(2019, 3, 31), None, None),
        ("End of June 2019", "approximate", D(2019, 6, 30), None, None),
        ("June 2019", "approximate", D(2019, 6, 30), None, None),
        ("Q2 2019/20", "approximate", D(2019, 9, 30), None, None),
        ("Q3 2019/20", "approximate", D(2019, 12, 31), None, None),
        ("Q4 2019/20", "approximate", D(2020, 3, 31), None, None),
        ("by end of Q3", "approximate", D(2018, 12, 31), None, None),
        ("w/c 11/06/18", "approximate", D(2018, 6, 11), None, None),
        ("Ongoing", "ongoing", None, None, None),
        ("TBC", "unspecified", None, None, None),
        ("Following further analysis", "unspecified", None, None, None),
        ("", "unspecified", None, None, None),
    ],
)  # fmt: skip
def test_due_cells_of_the_domain_table(
    text: str, kind: str, date: dt.date | None, end: dt.date | None, recurrence: str | None
) -> None:
    expected = {"text": text, "kind": kind, "date": date, "end": end, "recurrence": recurrence}
    assert parse_due(text, review_date=REVIEW) == Due.model_validate(expected)


def test_quarter_without_a_year_needs_the_review_date() -> None:
    assert parse_due("by end of Q3") == Due(text="by end of Q3", kind="approximate")
    # Q4 of the year 2018/19 ends in March 2019, after the review in June 2018.
    assert parse_due("Q4", review_date=REVIEW).date == D(2019, 3, 31)
    # A review in February sits in the year that began the April before.
    assert parse_due("Q3", review_date=D(2019, 2, 1)).date == D(2018, 12, 31)


def test_financial_year_end_is_the_31st_of_march() -> None:
    assert parse_due("2019/20").date == D(2020, 3, 31)
    assert parse_due("End of financial year", review_date=REVIEW).date == D(2019, 3, 31)


@pytest.mark.parametrize(
    ("text", "day"),
    [("Early May 2019", 7), ("Mid May 2019", 15), ("Late May 2019", 31), ("Start of May 2019", 1)],
)
def test_part_of_a_month_has_a_representative_day(text: str, day: int) -> None:
    assert parse_due(text) == Due(text=text, kind="approximate", date=D(2019, 5, day))


def test_month_without_a_year_takes_the_review_year() -> None:
    assert parse_due("End of June", review_date=REVIEW).date == D(2018, 6, 30)
    assert parse_due("End of June") == Due(text="End of June", kind="approximate")


def test_a_struck_deadline_followed_by_a_new_one_reads_the_last() -> None:
    assert parse_due("30/01/18 revised to 30/04/18") == Due(
        text="30/01/18 revised to 30/04/18", kind="date", date=D(2018, 4, 30)
    )


def test_from_to_dates_are_a_range() -> None:
    due = parse_due("from 01/04/18 to 31/03/19")
    assert (due.kind, due.date, due.end) == ("range", D(2018, 4, 1), D(2019, 3, 31))


def test_an_impossible_date_is_not_a_due_date() -> None:
    assert parse_due("31/02/18") == Due(text="31/02/18", kind="unspecified")


def test_an_approximate_word_makes_an_exact_date_approximate() -> None:
    assert parse_due("approx. 30/06/2018").kind == "approximate"


def test_recurrence_without_a_start_date() -> None:
    assert parse_due("Monthly") == Due(text="Monthly", kind="recurring", recurrence="monthly")


def test_due_text_is_the_cell_text_stripped() -> None:
    assert parse_due("  12/01/18\n").text == "12/01/18"


def test_free_text_deadline_is_unspecified() -> None:
    assert parse_due("End of MSc Cybersecurity Course").kind == "unspecified"


ZOO_REVIEW = D(2019, 6, 12)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2024-2025", D(2025, 3, 31)),
        ("2024/25", D(2025, 3, 31)),
        ("2019/20", D(2020, 3, 31)),
        ("2019-2020", D(2020, 3, 31)),
        ("2024/2025", D(2025, 3, 31)),
        ("2019 – 2020", D(2020, 3, 31)),
    ],
)
def test_a_year_range_is_the_end_of_that_financial_year(text: str, date: dt.date) -> None:
    assert parse_due(text, review_date=ZOO_REVIEW) == Due(text=text, kind="approximate", date=date)


def test_years_that_do_not_follow_each_other_are_no_financial_year() -> None:
    assert parse_due("2019-2021", review_date=ZOO_REVIEW) == Due(
        text="2019-2021", kind="unspecified"
    )


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Dec 2025", D(2025, 12, 31)),
        ("December 2025", D(2025, 12, 31)),
        ("Mar 2020", D(2020, 3, 31)),
        ("Dec-25", D(2025, 12, 31)),
        ("Mar-20", D(2020, 3, 31)),
        ("March ’20", D(2020, 3, 31)),
        ("End of June 2019", D(2019, 6, 30)),
        ("Mid-April 2019", D(2019, 4, 15)),
        ("w/c 4 March", D(2019, 3, 4)),
        ("w/c 04/03/19", D(2019, 3, 4)),
    ],
)
def test_month_and_week_due_forms_of_the_zoo(text: str, date: dt.date) -> None:
    assert parse_due(text, review_date=ZOO_REVIEW) == Due(text=text, kind="approximate", date=date)
