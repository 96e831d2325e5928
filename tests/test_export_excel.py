"""Excel exports reopened with openpyxl and pandas: types, fills, panes and values."""

from __future__ import annotations

import datetime as dt
import io
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

import actionplan
from actionplan.cli import cli
from actionplan.compare import build_history
from actionplan.export.excel import (
    diff_workbook,
    history_workbook,
    plans_workbook,
    workbook_bytes,
    wrapped_lines,
)
from actionplan.models import (
    Action,
    Diff,
    DocumentInfo,
    Due,
    LegendEntry,
    Plan,
    Provenance,
    UpdateEntry,
    latest_update,
)

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
LEGEND = {"Blue": "0070C0", "Green": "00B050", "Yellow": "FFFF00", "Red": "FF0000"}


def reopen(wb: Workbook, *, rich_text: bool = False) -> Workbook:
    return load_workbook(io.BytesIO(workbook_bytes(wb)), rich_text=rich_text)


def rows_by_header(ws: Worksheet) -> list[dict[str, Any]]:
    """Return each data row as {header: cell}."""
    headers = [c.value for c in ws[1]]
    return [dict(zip(headers, row, strict=True)) for row in ws.iter_rows(min_row=2)]


def fill_rgb(cell: Any) -> str | None:
    if cell.fill is None or cell.fill.fill_type != "solid":
        return None
    return str(cell.fill.fgColor.rgb)[-6:]


def as_date(value: Any) -> dt.date | None:
    assert value is None or isinstance(value, dt.datetime), value
    return value.date() if value else None


def assert_tidy_sheet(ws: Worksheet) -> None:
    assert ws.freeze_panes == "A2", ws.title
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.title
    header = [c for c in ws[1] if c.value is not None]
    assert header and all(c.font.bold for c in header), ws.title
    for col in range(1, ws.max_column + 1):
        width = ws.column_dimensions[get_column_letter(col)].width
        assert 3 <= width <= 100, (ws.title, col)
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
            if isinstance(cell.value, str):
                assert cell.data_type == "s"
                assert cell.number_format == "@"
            if isinstance(cell.value, dt.datetime):
                assert cell.number_format == "dd/mm/yyyy", (ws.title, cell.coordinate)
            if isinstance(cell.value, str) and len(cell.value) > 60:
                assert cell.alignment.wrap_text, (ws.title, cell.coordinate)


def test_extract_workbook_actions_sheet_holds_each_record(v8: Plan) -> None:
    wb = reopen(plans_workbook([v8]))
    assert wb.sheetnames == ["Actions", "Updates", "Document", "Warnings"]
    rows = rows_by_header(wb["Actions"])
    assert len(rows) == len(v8.actions) == 19
    for row, a in zip(rows, v8.actions, strict=True):
        latest = latest_update(a.updates)
        assert row["Ref"].value == a.ref and row["Ref"].data_type == "s"
        assert row["Action"].value == a.action
        assert row["Owners"].value == "; ".join(a.owners)
        assert as_date(row["Due date"].value) == a.due.date
        assert row["Due (as written)"].value == a.due.text
        assert row["RAG"].value == a.rag
        assert fill_rgb(row["RAG"]) == LEGEND[a.rag]
        assert row["RAG meaning"].value == a.rag_label
        assert latest is not None
        assert as_date(row["Latest update date"].value) == latest.date
        assert row["Latest update"].value == latest.text
        assert row["Updates"].value == len(a.updates)
        assert row["Page"].value == a.provenance.page


def test_extract_workbook_blue_rag_cells_get_white_text(v8: Plan) -> None:
    ws = reopen(plans_workbook([v8]))["Actions"]
    blue = next(r["RAG"] for r in rows_by_header(ws) if r["RAG"].value == "Blue")
    yellow = next(r["RAG"] for r in rows_by_header(ws) if r["RAG"].value == "Yellow")
    assert str(blue.font.color.rgb).endswith("FFFFFF")
    assert str(yellow.font.color.rgb).endswith("000000")


def test_extract_workbook_updates_sheet_has_a_real_date_per_entry(v8: Plan) -> None:
    ws = reopen(plans_workbook([v8]))["Updates"]
    rows = rows_by_header(ws)
    entries = [(a, i, u) for a in v8.actions for i, u in enumerate(a.updates, start=1)]
    assert len(rows) == len(entries) > 40
    for row, (a, i, u) in zip(rows, entries, strict=True):
        assert (row["Ref"].value, row["Position"].value) == (a.ref, i)
        assert as_date(row["Date"].value) == u.date
        if u.date:
            assert row["Date"].is_date and row["Date"].number_format == "dd/mm/yyyy"
        assert row["Date (as written)"].value == u.date_text
        assert row["Update"].value == u.text


def test_extract_workbook_document_sheet_has_metadata_and_legend(v8: Plan) -> None:
    ws = reopen(plans_workbook([v8]))["Document"]
    (row,) = rows_by_header(ws)
    assert row["Version"].value == "V8"
    assert as_date(row["Review date"].value) == dt.date(2018, 6, 14)
    assert row["Actions"].value == 19
    assert row["Legend"].value.splitlines() == [
        "Blue = Completed",
        "Green = On Track",
        "Yellow = In progress – potential problems",
        "Red = Delayed",
    ]


def test_every_sheet_of_every_workbook_has_a_bold_frozen_filtered_header(
    v7: Plan, v8: Plan, v7_v8: Diff
) -> None:
    books = [
        plans_workbook([v8, v7]),
        diff_workbook(v7_v8),
        history_workbook(build_history([v7, v8])),
    ]
    for wb in books:
        for ws in reopen(wb).worksheets:
            if ws.title != "Charts":  # the charts' data tables sit under their titles
                assert_tidy_sheet(ws)


def tricky_plan() -> Plan:
    doc = DocumentInfo(
        source="tricky.docx",
        sha256="0" * 64,
        format="docx",
        rag_legend=[LegendEntry(colour="Amber", label="At risk", rgb="ffbf00")],
    )
    action = Action(
        ref="1.10",
        action='=HYPERLINK("http://x")\x07 bell removed',
        owners=["+44 20 7946 0000", "@team"],
        owner_text="+44 20 7946 0000, @team",
        due=Due(text="02/04/18", kind="date", date=dt.date(2018, 4, 2)),
        updates=[UpdateEntry(date=None, text="-5% on 1/2")],
        rag="Amber",
        provenance=Provenance(row=1),
    )
    return Plan(document=doc, actions=[action])


def test_text_that_looks_like_a_formula_number_or_date_stays_text() -> None:
    wb = reopen(plans_workbook([tricky_plan()]))
    (row,) = rows_by_header(wb["Actions"])
    assert row["Ref"].value == "1.10" and row["Ref"].data_type == "s"
    assert row["Ref"].quotePrefix
    # The bell XML 1.0 forbids is replaced, so the cell shows where a character was.
    assert row["Action"].value == '=HYPERLINK("http://x")\ufffd bell removed'
    assert row["Action"].data_type == "s" and row["Action"].quotePrefix
    assert row["Owners"].value == "+44 20 7946 0000; @team"
    assert row["Due (as written)"].value == "02/04/18"
    assert row["Due (as written)"].data_type == "s"
    assert row["Due date"].value == dt.datetime(2018, 4, 2)
    assert fill_rgb(row["RAG"]) == "FFBF00"
    (update,) = rows_by_header(wb["Updates"])
    assert update["Update"].value == "-5% on 1/2" and update["Update"].data_type == "s"
    assert update["Date"].value is None


def test_wrapped_lines_counts_word_wrapped_lines_and_paragraphs() -> None:
    assert wrapped_lines("", 10) == 1
    assert wrapped_lines("short", 10) == 1
    assert wrapped_lines("one two three four five six", 10) == 3
    assert wrapped_lines("a\nb\nc", 30) == 3
    assert wrapped_lines("x" * 50, 10) == 5


def test_long_text_rows_are_made_tall_enough_to_read(v8: Plan) -> None:
    ws = reopen(plans_workbook([v8]))["Actions"]
    heights = [ws.row_dimensions[r].height for r in range(2, ws.max_row + 1)]
    assert all(h is None or 15 <= h <= 409 for h in heights)
    assert max(h or 0 for h in heights) > 60


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Return DataFrame rows with NaN as None and timestamps as ISO dates."""

    def clean(v: Any) -> Any:
        if v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
            return None
        if isinstance(v, pd.Timestamp):
            return v.date().isoformat()
        return v

    return [{k: clean(v) for k, v in row.items()} for row in frame.to_dict("records")]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["cp-reduction-v8.docx", "cp-reduction-v8.pdf"])
def test_extract_xlsx_read_back_with_pandas_gives_the_json_records(
    tmp_path: Path, name: str
) -> None:
    src = str(SAMPLES / name)
    runner = CliRunner()
    out = tmp_path / "plan.xlsx"
    assert runner.invoke(cli, ["-q", "extract", src, "-f", "xlsx", "-o", str(out)]).exit_code == 0
    result = runner.invoke(cli, ["-q", "extract", src, "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)

    # Refs are text ("1", "2.1", "1.10"): pandas must be told, or it reads "1.10" as 1.1.
    actions = records(pd.read_excel(out, sheet_name="Actions", dtype={"Ref": str}))
    assert len(actions) == len(data["actions"])
    for row, a in zip(actions, data["actions"], strict=True):
        latest = latest_update([UpdateEntry(**u) for u in a["updates"]])
        assert row["Source"] == data["document"]["source"]
        assert row["Ref"] == a["ref"]
        assert row["Action"] == a["action"]
        assert row["Owners"] == ("; ".join(a["owners"]) or None)
        assert row["Due date"] == a["due"]["date"]
        assert row["Due (as written)"] == (a["due"]["text"] or None)
        assert row["Due kind"] == a["due"]["kind"]
        assert row["RAG"] == a["rag"]
        assert row["RAG meaning"] == a["rag_label"]
        assert row["Updates"] == len(a["updates"])
        assert row["Page"] == a["provenance"]["page"]
        assert latest is not None
        assert row["Latest update"] == latest.text
        assert row["Latest update date"] == (latest.date.isoformat() if latest.date else None)

    updates = records(pd.read_excel(out, sheet_name="Updates", dtype={"Ref": str}))
    expected = [
        {
            "Ref": a["ref"],
            "Position": i,
            "Date": u["date"],
            "Date (as written)": u["date_text"],
            "Update": u["text"],
            "Lead-in": u["lead"],
        }
        for a in data["actions"]
        for i, u in enumerate(a["updates"], start=1)
    ]
    assert [{k: r[k] for k in expected[0]} for r in updates] == expected


def summary_values(ws: Worksheet) -> dict[str, Any]:
    return {r[0].value: r[1].value for r in ws.iter_rows(min_row=2, max_col=2) if r[0].value}


def test_diff_workbook_summary_counts_match_the_diff(v7_v8: Diff) -> None:
    wb = reopen(diff_workbook(v7_v8))
    assert wb.sheetnames == [
        "Exceptions",
        "Board",
        "By owner",
        "Summary",
        "Charts",
        "Changes",
        "New updates",
        "History rewritten",
        "Overdue",
        "No new update",
        "Warnings",
    ]
    values = summary_values(wb["Summary"])
    s = v7_v8.summary
    assert values["Old version"] == "V7 (16/05/2018)"
    assert values["New review date"] == dt.datetime(2018, 6, 14)
    assert wb["Summary"]["B6"].number_format == "dd/mm/yyyy"
    assert values["As at"] == dt.datetime(2018, 6, 14)
    assert values["Actions in new version"] == 19
    assert (values["Added"], values["Removed"], values["Changed"]) == (0, 1, 9)
    assert (values["Unchanged"], values["Renumbered"]) == (s.unchanged, s.renumbered) == (10, 2)
    assert values["RAG moved"] == 2
    assert values["Due dates slipped"] == s.due_slipped == 1
    assert values["New update entries"] == s.new_updates == 6
    assert values["Actions with no new update"] == s.no_new_update == 13
    assert values["Overdue at 14/06/2018"] == s.overdue == 9
    assert values["Earlier entries edited"] == 1


def matrix(ws: Worksheet) -> dict[tuple[str, str], Any]:
    """Return the RAG movement matrix as {(old heading, new heading): cell}."""
    corner = next(c for c in ws[1] if c.value and str(c.value).startswith("Old RAG"))
    col0 = corner.column
    heads = {c.column: c.value for c in ws[1] if c.column > col0 and c.value}
    out = {}
    for row in ws.iter_rows(min_row=2, min_col=col0):
        if row[0].value is None:
            break
        for c in row[1:]:
            if c.column in heads:
                out[(row[0].value, heads[c.column])] = c
    return out


def test_diff_workbook_rag_matrix_counts_old_by_new(v7_v8: Diff) -> None:
    ws = reopen(diff_workbook(v7_v8))["Summary"]
    m = matrix(ws)
    green, blue = "Green – On Track", "Blue – Completed"
    yellow = "Yellow – In progress – potential problems"
    assert m[(green, blue)].value == 1
    assert m[(yellow, green)].value == 1
    assert m[(blue, blue)].value == 7
    assert m[(blue, "Removed")].value == 1
    assert m[("Total", "Total")].value == 20
    assert m[(green, "Total")].value == 8
    rows = {k[0] for k in m}
    cols = {k[1] for k in m}
    assert rows == {blue, green, yellow, "Red – Delayed", "Total"}
    assert cols == rows - {"Total"} | {"Removed", "Total"}
    header = {c.value: c for c in ws[1]}
    assert fill_rgb(header[blue]) == "0070C0"
    assert fill_rgb(header[green]) == "00B050"
    moved = sum(c.value for (a, b), c in m.items() if a != b and "Total" not in (a, b))
    assert moved == 3  # two RAG moves and one removed action


def test_diff_workbook_changes_has_a_row_per_action_pair(v7_v8: Diff) -> None:
    wb = reopen(diff_workbook(v7_v8), rich_text=True)
    rows = rows_by_header(wb["Changes"])
    assert len(rows) == len(v7_v8.actions) == 20
    by_ref = {r["New ref"].value or r["Old ref"].value: r for r in rows}
    status_fills = {"changed": "FFEB9C", "removed": "FFC7CE", "unchanged": None}
    for row, d in zip(rows, v7_v8.actions, strict=True):
        assert row["Status"].value == d.status
        assert fill_rgb(row["Status"]) == status_fills[d.status]
        assert (row["Old ref"].value, row["New ref"].value) == (d.old_ref, d.new_ref)
        assert row["Old RAG"].value == d.old_rag
        assert fill_rgb(row["Old RAG"]) == (LEGEND[d.old_rag] if d.old_rag else None)
        if d.status != "removed":
            assert fill_rgb(row["New RAG"]) == LEGEND[d.new_rag or ""]
        assert as_date(row["Due date"].value) == d.due_date
        assert row["New updates"].value == len(d.new_updates)
    slipped = by_ref["12"]
    assert (slipped["Old due"].value, slipped["New due"].value) == (
        "Mid-March 2018",
        "Mid-April 2018",
    )
    assert slipped["Slippage (days)"].value == 31
    owners = by_ref["13"]
    assert owners["Old owners"].value == "CP/Court Managers; Cath Thomas"
    assert owners["New owners"].value == "CP/Court Managers; Cath Thomas; Jane Hoey"
    assert by_ref["18"]["Old RAG"].value == "Green" and by_ref["18"]["New RAG"].value == "Blue"
    assert by_ref["18"]["Old ref"].value == "19"
    assert by_ref["7"]["Entries rewritten"].value == 1


def test_diff_workbook_shows_wording_changes_word_by_word(v7_v8: Diff) -> None:
    wb = reopen(diff_workbook(v7_v8), rich_text=True)
    row = next(r for r in rows_by_header(wb["Changes"]) if r["New ref"].value == "16")
    old, new = row["Old wording"].value, row["New wording"].value
    assert isinstance(old, CellRichText) and isinstance(new, CellRichText)
    struck = [b.text for b in old if isinstance(b, TextBlock) and b.font.strike]
    inserted = [b.text for b in new if isinstance(b, TextBlock) and b.font.b]
    assert struck == ["data", "identify"]
    assert inserted == ["information", "establish"]
    assert str(old).startswith("Monthly data to be provided to identify trends")
    assert str(new).startswith("Monthly information to be provided to establish trends")


def test_diff_workbook_lists_new_updates_rewrites_overdue_and_silent_actions(
    v7_v8: Diff,
) -> None:
    wb = reopen(diff_workbook(v7_v8))
    new = rows_by_header(wb["New updates"])
    assert len(new) == v7_v8.summary.new_updates == 6
    assert {r["Ref"].value for r in new} == {"9", "11", "15", "16", "18", "19"}
    assert all(as_date(r["Date"].value) == dt.date(2018, 6, 14) for r in new)
    assert all(r["Date"].number_format == "dd/mm/yyyy" for r in new)
    nine = next(r for r in new if r["Ref"].value == "9")
    assert nine["Update"].value == "CP reduced to 180 (11/06)."
    assert fill_rgb(nine["RAG"]) == "00B050"

    (edit,) = rows_by_header(wb["History rewritten"])
    assert (edit["Ref"].value, edit["Change"].value) == ("7", "edited")
    assert as_date(edit["Entry date"].value) == dt.date(2018, 3, 8)
    assert edit["In V7"].value.startswith("9 young people")
    assert edit["In V8"].value.startswith("8 young people")

    overdue = rows_by_header(wb["Overdue"])
    assert [r["Ref"].value for r in overdue] == ["5", "7", "8", "11", "12", "13", "14", "15", "16"]
    five = overdue[0]
    assert as_date(five["Due date"].value) == dt.date(2018, 2, 2)
    assert five["Days overdue"].value == (dt.date(2018, 6, 14) - dt.date(2018, 2, 2)).days
    assert five["RAG meaning"].value == "On Track"

    quiet = rows_by_header(wb["No new update"])
    assert len(quiet) == v7_v8.summary.no_new_update == 13
    assert rows_by_header(wb["Warnings"]) == []


def test_history_workbook_has_a_rag_column_per_version(v7: Plan, v8: Plan) -> None:
    history = build_history([v7, v8])
    ws = reopen(history_workbook(history))["History"]
    headers = [c.value for c in ws[1]]
    assert headers[-2:] == ["V7 (16/05/2018)", "V8 (14/06/2018)"]
    rows = rows_by_header(ws)
    assert len(rows) == len(history.actions)
    for row, a in zip(rows, history.actions, strict=True):
        assert row["Id"].value == a.id
        for name, point in zip(headers[-2:], a.points, strict=True):
            if point is None:
                assert row[name].value is None
            else:
                assert row[name].value == point.rag
                assert fill_rgb(row[name]) == LEGEND[point.rag or ""]


@pytest.mark.slow
def test_diff_and_history_commands_write_xlsx(tmp_path: Path) -> None:
    files = [str(SAMPLES / "cp-reduction-v7.docx"), str(SAMPLES / "cp-reduction-v8.docx")]
    runner = CliRunner()
    for cmd in ("diff", "history"):
        out = tmp_path / f"{cmd}.xlsx"
        result = runner.invoke(cli, ["-q", cmd, *files, "--format", "xlsx", "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert load_workbook(out).sheetnames[0] == ("Exceptions" if cmd == "diff" else "History")


def test_document_sheet_keeps_sections_and_the_text_around_the_table(tmp_path: Path) -> None:
    from tests.docx_builder import cell, para, row, table, write_docx

    body = (
        para("Workforce Plan Review- 30/06/2019 – V4")
        + table(row("Approved by", "Board"))
        + table(
            row("Ref", "Action", "Lead", "Due", "Progress", "RAG Status"),
            row(cell("Priority 1: Recruitment", span=6)),
            row("1.1", "Audit", "Jo", "31/12/2019", "", "Green"),
        )
    )
    plan = actionplan.read(write_docx(tmp_path / "p.docx", body))
    wb = load_workbook(io.BytesIO(workbook_bytes(plans_workbook([plan]))))
    ws = wb["Document"]
    row2 = {h.value: c.value for h, c in zip(ws[1], ws[2], strict=True)}
    assert row2["Sections"] == "Priority 1: Recruitment"
    assert row2["Other text"] == "Approved by | Board"
