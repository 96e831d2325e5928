"""UK day-first dates: finding them in text, parsing and formatting them."""

from __future__ import annotations

import datetime as dt

import pytest

from actionplan.normalise.dates import (
    DATE_STYLES,
    DateMatch,
    InvalidDate,
    expand_year,
    find_dates,
    format_date,
    parse_date,
)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("15/02/2018", dt.date(2018, 2, 15)),
        ("02/04/18", dt.date(2018, 4, 2)),
        ("23.02.18", dt.date(2018, 2, 23)),
        ("2.2.18", dt.date(2018, 2, 2)),
        ("15-02-2018", dt.date(2018, 2, 15)),
        ("5th March 2019", dt.date(2019, 3, 5)),
        ("5 March 2019", dt.date(2019, 3, 5)),
        ("5 Mar 19", dt.date(2019, 3, 5)),
        ("5th of March 2019", dt.date(2019, 3, 5)),
        ("5-Mar-19", dt.date(2019, 3, 5)),
        ("1st Sept. 2019", dt.date(2019, 9, 1)),
        ("2018-06-14", dt.date(2018, 6, 14)),
        ("  14/06/2018 ", dt.date(2018, 6, 14)),
    ],
)
def test_every_style_authors_use_parses_day_first(written: str, expected: dt.date) -> None:
    assert parse_date(written) == expected


def test_month_and_year_is_the_first_of_the_month_without_a_day() -> None:
    (m,) = find_dates("March 2019")
    assert (m.date, m.has_day, m.has_year) == (dt.date(2019, 3, 1), False, True)


@pytest.mark.parametrize("written", ["3rd July", "(30/04)", "14/05"])
def test_a_date_without_a_year_takes_the_default_year_or_none(written: str) -> None:
    (m,) = find_dates(written, default_year=2018)
    assert m.has_year is False and m.date is not None and m.date.year == 2018
    (m,) = find_dates(written)
    assert (m.date, m.has_year, m.error) == (None, False, None)


def test_two_digit_years_pivot_at_seventy() -> None:
    assert [expand_year(y, 2) for y in (0, 18, 69, 70, 99)] == [2000, 2018, 2069, 1970, 1999]
    assert parse_date("01/01/70") == dt.date(1970, 1, 1)
    assert parse_date("31/12/69") == dt.date(2069, 12, 31)


def test_an_impossible_date_is_reported_never_guessed() -> None:
    assert find_dates("done 31/02/2018.") == [
        DateMatch(5, 15, "31/02/2018", None, True, True, "31/02/2018 is not a real date")
    ]
    with pytest.raises(InvalidDate, match="31/02/2018 is not a real date"):
        parse_date("31/02/2018")
    with pytest.raises(InvalidDate):
        parse_date("29/02/2019")
    assert parse_date("29/02/2020") == dt.date(2020, 2, 29)


@pytest.mark.parametrize(
    "text",
    [
        "Q2 2019/20",  # a financial year
        "meeting at 10.30",  # a time
        "CP Plan V8",  # a version
        "ref 123/02/2018",  # digits of a longer run
        "section 1.2.3.4",  # a dotted number
        "caseload 24/7",  # a fraction-like phrase
        "50/50 split",
        "16- 17 year olds",
        "it may be",  # a verb, not a month
        "to march on",
        "early September",  # a month without a year is no date
        "ratio 13/13",
    ],
)
def test_things_that_only_look_like_dates_are_not_matched(text: str) -> None:
    assert find_dates(text) == []


def test_dates_are_found_in_order_without_overlap() -> None:
    text = "Workshop arranged for 02/05/18 to progress 03/05/2018: Workshop held (30/04)"
    assert [(m.text, m.start) for m in find_dates(text)] == [
        ("02/05/18", 22),
        ("03/05/2018", 43),
        ("30/04", 70),
    ]


def test_a_date_at_the_end_of_a_sentence_leaves_the_full_stop() -> None:
    (m,) = find_dates("IRO to commence on 19/03/2018.")
    assert m.text == "19/03/2018"


def test_a_year_does_not_run_over_a_line_break() -> None:
    assert [m.text for m in find_dates("reduction to 5\nMarch 2019: done")] == ["March 2019"]


def test_parse_date_needs_the_whole_text_to_be_one_date() -> None:
    assert parse_date("on 14/06/2018") is None
    assert parse_date("14/06/2018 and 15/06/2018") is None
    assert parse_date("") is None
    assert parse_date("14/05") is None
    assert parse_date("14/05", default_year=2018) == dt.date(2018, 5, 14)


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("dd/mm/yyyy", "02/04/2018"),
        ("dd/mm/yy", "02/04/18"),
        ("d/m/yyyy", "2/4/2018"),
        ("dd.mm.yy", "02.04.18"),
        ("dd.mm.yyyy", "02.04.2018"),
        ("d.m.yy", "2.4.18"),
        ("dd-mm-yyyy", "02-04-2018"),
        ("yyyy-mm-dd", "2018-04-02"),
        ("dth month yyyy", "2nd April 2018"),
        ("d month yyyy", "2 April 2018"),
        ("d mon yy", "2 Apr 18"),
        ("d-mon-yy", "2-Apr-18"),
        ("month yyyy", "April 2018"),
        ("dth month", "2nd April"),
        ("dd/mm", "02/04"),
    ],
)
def test_format_date_writes_each_style(style: str, expected: str) -> None:
    assert format_date(dt.date(2018, 4, 2), style) == expected


def test_format_date_covers_every_style_and_rejects_others() -> None:
    assert len(DATE_STYLES) == 15
    with pytest.raises(ValueError, match="unknown date style"):
        format_date(dt.date(2018, 4, 2), "mm/dd/yyyy")


@pytest.mark.parametrize(
    ("day", "suffix"), [(1, "st"), (2, "nd"), (3, "rd"), (4, "th"), (11, "th"), (12, "th"),
                        (13, "th"), (21, "st"), (22, "nd"), (23, "rd"), (31, "st")]
)  # fmt: skip
def test_ordinal_days_take_their_english_suffix(day: int, suffix: str) -> None:
    assert format_date(dt.date(2018, 1, day), "dth month") == f"{day}{suffix} January"
