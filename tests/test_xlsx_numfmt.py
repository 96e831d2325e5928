"""Number formats (issue 13): a cell's text is what Excel shows under its format, in the
format's own order (month first for m/d/yyyy), while a date cell's date is its own day.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

import actionplan
from actionplan.extract.xlsx_numfmt import (
    format_date,
    format_elapsed,
    format_number,
    shows_full_date,
)
from actionplan.extract.xlsx_reader import read_xlsx

DAY = dt.datetime(2019, 3, 4, 14, 5, 9)


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        ("m/d/yyyy", "3/4/2019"),  # month first, as Excel shows it
        ("mm/dd/yy", "03/04/19"),
        ("[$-409]m/d/yyyy", "3/4/2019"),  # a locale prefix changes nothing here
        ("[$-809]dd/mm/yyyy;@", "04/03/2019"),
        ("[$-F800]dddd, mmmm dd, yyyy", "04 March 2019"),  # the machine's long date (British)
        ("[$-F400]h:mm:ss AM/PM", "14:05:09"),  # the machine's time (British)
        ("dddd, d mmmm yyyy", "Monday, 4 March 2019"),
        ("d-mmm-yy", "4-Mar-19"),
        ("mmm yyyy", "Mar 2019"),
        ("h:mm AM/PM", "2:05 PM"),  # a 12-hour clock
        ("hh:mm", "14:05"),
        ("yyyy-mm-dd hh:mm:ss", "2019-03-04 14:05:09"),
        ('d "of" mmmm', "4 of March"),
    ],
)
def test_dates_show_as_their_format_writes_them(code: str, shown: str) -> None:
    assert format_date(DAY, code) == shown


@pytest.mark.parametrize(
    ("days", "code", "shown"),
    [
        (1.5, "[h]:mm", "36:00"),
        (1.5 + 5 / 1440, "[h]:mm:ss", "36:05:00"),
        (0.25, "[mm]:ss", "360:00"),
        (2 / 86400, "[ss]", "02"),
    ],
)
def test_elapsed_time_counts_past_a_day(days: float, code: str, shown: str) -> None:
    assert format_elapsed(days, code) == shown


@pytest.mark.parametrize(
    ("value", "code", "shown"),
    [
        (1234.5, "#,##0.00", "1,234.50"),
        (1234.5, "£#,##0.00", "£1,234.50"),
        (1234.5, '"£"#,##0', "£1,235"),
        (1234.5, "[$£-809]#,##0.00", "£1,234.50"),
        (-5.0, "0;(0)", "(5)"),
        (-5.0, "0", "-5"),
        (0.0, '0;-0;"nil"', "nil"),
        (0.25, "0%", "25%"),
        (0.256, "0.0%", "25.6%"),
        (2.5, '0.0 "days"', "2.5 days"),
        (1234567.0, "#,##0,", "1,235"),  # thousands
        (0.5, "#.00", ".50"),
        (43524.0, "@", "43524"),  # a number under the text format: Excel shows it plain
        (43524.0, "General", "43524"),
        (0.1 + 0.2, "General", "0.3"),
        (7.0, "[Red]0", "7"),
    ],
)
def test_numbers_show_as_their_format_writes_them(value: float, code: str, shown: str) -> None:
    assert format_number(value, code) == shown


def test_only_a_format_with_day_month_and_year_stands_for_a_day() -> None:
    assert [shows_full_date(c) for c in ("m/d/yyyy", "d mmm yyyy", "mmm yyyy", "h:mm")] == [
        True,
        True,
        False,
        False,
    ]


def test_tricky_cells_keep_excels_text_and_their_own_day(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Actions"
    ws["A1"] = "Waste Services Action Plan"
    ws["A2"] = "Review date:"
    ws["B2"] = dt.datetime(2019, 3, 4)
    ws["B2"].number_format = "m/d/yyyy"  # 4 March, shown 3/4/2019
    for i, h in enumerate(["Ref", "Action", "Owner", "Due", "Update", "RAG"], start=1):
        ws.cell(4, i, h)
    cells = [
        (dt.datetime(2019, 1, 31), "m/d/yyyy"),
        (dt.datetime(2019, 4, 3), "[$-409]mm/dd/yy"),
        (dt.datetime(2019, 4, 3), "mm-dd-yy"),  # built-in 14: the locale's short date
        (dt.datetime(2019, 5, 6), "[$-F800]dddd, mmmm dd, yyyy"),
        (dt.datetime(2019, 6, 1), "mmmm yyyy"),  # no day shown: read as the text says
        (43524, "@"),  # a number under the text format
    ]
    for n, (value, code) in enumerate(cells, start=5):
        for col, text in enumerate([str(n - 4), f"Action {n - 4}", "Jo"], start=1):
            ws.cell(n, col, text)
        ws.cell(n, 4, value).number_format = code
        ws.cell(n, 5, "04/03/2019: Started")
        ws.cell(n, 6, "Green")
    path = tmp_path / "formats.xlsx"
    wb.save(path)
    plan = actionplan.read(path)
    assert plan.document.review_date == dt.date(2019, 3, 4)
    # The title lines keep the text Excel shows; the review date is the cell's own day.
    assert read_xlsx(path).sheets[0].body_lines == [
        "Waste Services Action Plan",
        "Review date: 3/4/2019",
    ]
    assert [a.due.model_dump() for a in plan.actions] == [
        {"text": "1/31/2019", "kind": "date", "date": dt.date(2019, 1, 31), "end": None,
         "recurrence": None},
        {"text": "04/03/19", "kind": "date", "date": dt.date(2019, 4, 3), "end": None,
         "recurrence": None},
        {"text": "03/04/2019", "kind": "date", "date": dt.date(2019, 4, 3), "end": None,
         "recurrence": None},
        {"text": "06 May 2019", "kind": "date", "date": dt.date(2019, 5, 6), "end": None,
         "recurrence": None},
        {"text": "June 2019", "kind": "approximate", "date": dt.date(2019, 6, 30), "end": None,
         "recurrence": None},
        {"text": "43524", "kind": "unspecified", "date": None, "end": None,
         "recurrence": None},
    ]  # fmt: skip


def test_a_date_cell_in_the_update_column_is_an_entry_of_its_own_day(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    for i, h in enumerate(["Ref", "Action", "Owner", "Due", "Update", "RAG"], start=1):
        ws.cell(1, i, h)
    for col, text in enumerate(["1", "Publish the policy", "Jo"], start=1):
        ws.cell(2, col, text)
    ws.cell(2, 4, dt.datetime(2019, 3, 4)).number_format = "m/d/yyyy"
    ws.cell(2, 5, dt.datetime(2019, 3, 5)).number_format = "m/d/yyyy"  # shown 3/5/2019
    ws.cell(2, 6, "Green")
    path = tmp_path / "dated.xlsx"
    wb.save(path)
    action = actionplan.read(path).actions[0]
    assert (action.due.text, action.due.date) == ("3/4/2019", dt.date(2019, 3, 4))
    assert [(u.date, u.date_text) for u in action.updates] == [(dt.date(2019, 3, 5), "3/5/2019")]
