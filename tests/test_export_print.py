"""Workbooks that print: every sheet reopened with openpyxl for its page setup, header and
footer; the Board sheet's columns, typed dates and contrasting RAG text; native charts
read back; multi-version tables that say which version each row is from."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.chart import BarChart, LineChart
from openpyxl.worksheet.worksheet import Worksheet

from actionplan.compare import build_history
from actionplan.export import ReportOptions
from actionplan.export.board_tables import BOARD_HEADERS
from actionplan.export.colours import contrast, ink
from actionplan.export.excel import (
    diff_workbook,
    history_workbook,
    plans_workbook,
    workbook_bytes,
)
from actionplan.export.sheets import PAGE_WIDTH
from actionplan.export.tabular import plans_to_csv
from actionplan.models import Diff, Plan

HEADER = "D9E1F2"  # the header fill, which the Charts sheet's series names wear


def reopen(wb: Workbook) -> Workbook:
    return load_workbook(io.BytesIO(workbook_bytes(wb)))


@pytest.fixture(scope="module")
def books(v7: Plan, v8: Plan, v7_v8: Diff) -> dict[str, Workbook]:
    return {
        "plans": reopen(plans_workbook([v7, v8])),
        "diff": reopen(diff_workbook(v7_v8)),
        "history": reopen(history_workbook(build_history([v7, v8]))),
    }


def width(ws: Worksheet) -> float:
    return sum(d.width or 8.43 for d in ws.column_dimensions.values())


def test_every_sheet_prints_landscape_fit_to_width_with_titles_header_and_footer(
    books: dict[str, Workbook],
) -> None:
    for name, wb in books.items():
        for ws in wb.worksheets:
            where = (name, ws.title)
            assert ws.page_setup.orientation == "landscape", where
            assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4), where
            assert ws.sheet_properties.pageSetUpPr.fitToPage, where
            assert ws.page_setup.fitToHeight == 0, where
            assert ws.oddFooter.center.text == "Page &P of &N", where
            assert ws.oddFooter.left.text == "&A", where
            assert ws.oddHeader.left.text == "CP Reduction Action Plan Review", where
            if ws.title != "Charts":
                assert ws.print_title_rows == "$1:$1", where
    pages = {ws.title: ws.page_setup.fitToWidth for ws in books["diff"].worksheets}
    # One page wide but for the twenty columns of Changes, which would print at 4 pt.
    assert pages == {t: 2 if t == "Changes" else 1 for t in books["diff"].sheetnames}


def test_the_diff_headers_name_the_versions_and_the_as_at_date(books: dict[str, Workbook]) -> None:
    for ws in books["diff"].worksheets:
        assert ws.oddHeader.center.text == "V7 (16/05/2018) → V8 (14/06/2018)"
        assert ws.oddHeader.right.text == "As at 14/06/2018"
    history = books["history"]["History"]
    assert history.oddHeader.center.text == "V7 (16/05/2018) to V8 (14/06/2018)"


def test_an_as_at_date_is_in_the_header_and_the_summary(v7_v8: Diff) -> None:
    wb = reopen(diff_workbook(v7_v8, ReportOptions(as_at=dt.date(2018, 7, 1))))
    assert wb["Board"].oddHeader.right.text == "As at 01/07/2018"
    summary = {r[0].value: r[1].value for r in wb["Summary"].iter_rows(min_row=2, max_col=2)}
    assert summary["As at"] == dt.datetime(2018, 7, 1)


def test_board_sheet_holds_the_essential_columns_one_page_wide(books: dict[str, Workbook]) -> None:
    wb = books["diff"]
    assert wb.sheetnames[:3] == ["Exceptions", "Board", "By owner"]
    ws = wb["Board"]
    assert tuple(c.value for c in ws[1]) == BOARD_HEADERS
    assert ws.page_setup.fitToWidth == 1 and width(ws) <= PAGE_WIDTH
    board = list(ws.iter_rows(min_row=2))
    assert len(board) == 20  # V8's 19 and the removed 18
    rows = {r[0].value: r for r in board if not str(r[6].value).startswith("Removed")}
    removed = [r for r in board if str(r[6].value).startswith("Removed")]
    assert [(r[0].value, r[6].value) for r in removed] == [("18", "Removed: not in V8")]
    twelve = {h: c for h, c in zip(BOARD_HEADERS, rows["12"], strict=True)}
    assert twelve["Owner"].value == "Jane Hoey; Cath Thomas"
    assert twelve["Due"].value == dt.datetime(2018, 4, 15)
    assert twelve["Due"].is_date and twelve["Due"].number_format == "dd/mm/yyyy"
    assert twelve["Latest entry"].value.startswith("16/05/2018: IRO now in Nelson")
    assert twelve["What changed"].value == (
        "Due Mid-March 2018 → Mid-April 2018 (slipped 31 days)\nNo new entry"
    )
    nine = {h: c.value for h, c in zip(BOARD_HEADERS, rows["9"], strict=True)}
    assert nine["Due"] == "Ongoing"
    assert rows["18"][6].value == "RAG Green → Blue\n1 new entry"
    # Wrapped rows are sized to their text: 14 points a line.
    assert ws.row_dimensions[twelve["What changed"].row].height >= 14 * 2
    fonts = {c.font.sz for row in ws.iter_rows(min_row=2) for c in row}
    assert min(f or 11 for f in fonts) >= 11  # 9 pt and more once fit to the page


def rag_cells(ws: Worksheet) -> list[Any]:
    return [
        c
        for row in ws.iter_rows(min_row=2)
        for c in row
        if c.fill is not None and c.fill.fill_type == "solid" and c.value in
        ("Red", "Yellow", "Green", "Blue") and not str(c.fill.fgColor.rgb).endswith(HEADER)
    ]  # fmt: skip


def test_text_on_rag_fills_is_bold_and_contrasts_with_its_fill(books: dict[str, Workbook]) -> None:
    seen = set()
    for wb in books.values():
        for ws in wb.worksheets:
            for c in rag_cells(ws):
                fill = str(c.fill.fgColor.rgb)[-6:]
                font = str(c.font.color.rgb)[-6:]
                assert c.font.b, (ws.title, c.coordinate)
                assert contrast(font, fill) >= 3, (ws.title, c.coordinate, font, fill)
                seen.add((c.value, font))
    assert ("Red", "FFFFFF") in seen  # was black on red
    assert ("Yellow", "000000") in seen and ("Blue", "FFFFFF") in seen
    assert ink("00B050") == "000000" and ink("FF0000") == "FFFFFF"


def test_exceptions_and_by_owner_sheets_pin_the_v7_v8_board(books: dict[str, Workbook]) -> None:
    wb = books["diff"]
    ex = [(r[0].value, r[1].value, r[3].value) for r in wb["Exceptions"].iter_rows(min_row=2)]
    assert len(ex) == 3 + 9 + 1 + 6 + 0 + 6 + 2
    assert ex[0] == ("Red and Amber", "14", "Jane Hoey; CIN managers")
    assert ex[-1] == ("Stale: no entry for 90 days", "8", "Cath Thomas")
    due = wb["Exceptions"]["F2"]
    assert due.value == dt.datetime(2018, 3, 2) and due.number_format == "dd/mm/yyyy"
    owners = [[c.value for c in r] for r in wb["By owner"].iter_rows(min_row=1, max_row=3)]
    assert owners == [
        [
            *("Owner", "Actions", "Open", "Overdue", "Slipped", "No new entry", "Red or Amber"),
            "Overdue refs",
        ],
        ["Cath Thomas", 8, 6, 6, 1, 5, 0, "5, 7, 8, 11, 12, 13"],
        ["Jane Hoey", 10, 5, 4, 1, 3, 1, "11, 12, 13, 14"],
    ]


def test_native_charts_are_read_back_with_their_data(books: dict[str, Workbook]) -> None:
    diff_charts = books["diff"]["Charts"]._charts
    assert [type(c) for c in diff_charts] == [BarChart, BarChart]
    mix, slips = diff_charts
    assert (mix.type, len(mix.series)) == ("col", 2)
    assert (slips.type, len(slips.series)) == ("bar", 1)
    ws = books["diff"]["Charts"]
    assert [[c.value for c in r] for r in ws.iter_rows(min_row=2, max_row=6, max_col=3)] == [
        ["RAG", "V7", "V8"],
        ["Blue", 8, 8],
        ["Green", 8, 8],
        ["Yellow", 3, 2],
        ["Red", 1, 1],
    ]
    history = books["history"]["Charts"]._charts
    assert [type(c) for c in history] == [BarChart, LineChart, BarChart]
    assert history[0].grouping == "stacked" and history[0].overlap == 100
    assert [s.graphicalProperties.solidFill.srgbClr for s in history[0].series] == [
        "0070C0",
        "00B050",
        "FFFF00",
        "FF0000",
    ]


def test_multi_version_tables_say_plan_version_and_review_date(
    books: dict[str, Workbook], v7: Plan, v8: Plan
) -> None:
    ws = books["plans"]["Actions"]
    head = [c.value for c in ws[1]]
    assert head[:4] == ["Plan", "Version", "Review date", "Ref"] and head[-1] == "Source"
    versions = {(r[1].value, r[2].value) for r in ws.iter_rows(min_row=2)}
    assert versions == {("V7", dt.datetime(2018, 5, 16)), ("V8", dt.datetime(2018, 6, 14))}
    for title in ("Updates", "Warnings", "Document"):
        assert [c.value for c in books["plans"][title][1]][-1] == "Source", title
    rows = list(csv.reader(io.StringIO(plans_to_csv([v7, v8], bom=False))))
    assert rows[0][0] == "source" and rows[0][-3:] == ["plan", "version", "review_date"]
    assert {tuple(r[-2:]) for r in rows[1:]} == {("V7", "2018-05-16"), ("V8", "2018-06-14")}
