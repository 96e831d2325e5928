"""The library writes every report the CLI writes: plans, diffs and stored plans to Excel,
HTML and Markdown, opened back (openpyxl) to check they are the CLI's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

import actionplan
from tests.conftest import SAMPLES

V7, V8 = SAMPLES / "cp-reduction-v7.docx", SAMPLES / "cp-reduction-v8.docx"


@pytest.mark.slow  # imports two documents into a store: 3.5 s
def test_store_export_writes_the_workbook_of_the_export_command(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from actionplan.cli import cli

    db = tmp_path / "plans.db"
    with actionplan.Store(db, create=True) as store:
        list(store.import_paths([V7, V8], workers=0))
        written = store.export("CP Reduction", tmp_path / "lib" / "cp.xlsx")
    assert written == tmp_path / "lib" / "cp.xlsx"
    cli_book = tmp_path / "cli.xlsx"
    args = ["export", "--plan", "CP Reduction", "--db", str(db), "-o", str(cli_book)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    ours, theirs = load_workbook(written), load_workbook(cli_book)
    assert ours.sheetnames == theirs.sheetnames
    assert {"Actions", "Updates", "History", "Versions"} <= set(ours.sheetnames)
    assert cells(written) == cells(cli_book)
    assert ours["Actions"].max_row == 1 + 20 + 19  # a header, V7's 20 actions, V8's 19


def cli_output(*args: str | Path) -> str:
    from click.testing import CliRunner

    from actionplan.cli import cli

    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def cells(path: Path) -> dict[str, list[list[object]]]:
    book = load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book}


@pytest.mark.slow  # runs the CLI, which reads in child processes
def test_a_diff_writes_what_the_cli_writes_in_html_markdown_and_excel(tmp_path: Path) -> None:
    d = actionplan.diff(V7, V8)
    assert d.to_html() == cli_output("diff", V7, V8, "--format", "html")
    assert d.to_markdown() == cli_output("diff", V7, V8, "--format", "md")
    written = d.to_excel(tmp_path / "out" / "v7-v8.xlsx")
    assert written == tmp_path / "out" / "v7-v8.xlsx"
    cli_output("diff", V7, V8, "-o", tmp_path / "cli.xlsx")
    assert cells(written) == cells(tmp_path / "cli.xlsx")
    assert "Changes" in cells(written)


@pytest.mark.slow  # runs the CLI, which reads in child processes
def test_a_plan_writes_what_extract_writes_in_excel_and_html(tmp_path: Path) -> None:
    plan = actionplan.read(V8)
    assert plan.to_html() == cli_output("extract", V8, "--format", "html")
    assert plan.to_markdown() == cli_output("extract", V8, "--format", "md")
    cli_output("extract", V8, "-o", tmp_path / "cli.xlsx")
    book = cells(plan.to_excel(tmp_path / "v8.xlsx"))
    assert book == cells(tmp_path / "cli.xlsx")
    assert len(book["Actions"]) == 1 + 19


@pytest.mark.slow  # runs the CLI, which reads in child processes
def test_a_history_writes_what_the_cli_writes() -> None:
    h = actionplan.history(V7, V8)
    assert h.to_markdown() == cli_output("history", V7, V8, "--format", "md")
    assert h.to_html() == cli_output("history", V7, V8, "--format", "html")


def test_diff_to_excel_writes_a_workbook_with_typed_dates(
    tmp_path: Path, v7_v8: actionplan.Diff
) -> None:
    book = load_workbook(v7_v8.to_excel(tmp_path / "new" / "d.xlsx"))
    changes = book["Changes"]
    heads = [c.value for c in changes[1]]
    rows = [dict(zip(heads, (c.value for c in row), strict=True)) for row in changes.iter_rows(2)]
    assert len(rows) == 19 + 1  # every action of V8, and V7's removed one
    due = next(r for r in rows if r.get("New ref") == "12")
    assert isinstance(due["Due date"], dt.datetime) and due["Due date"].date() == dt.date(
        2018, 4, 15
    )


@pytest.mark.slow  # the HTML draws its charts: 4 s
def test_diff_to_html_and_to_markdown_are_the_reports(v7_v8: actionplan.Diff) -> None:
    html, md = v7_v8.to_html(), v7_v8.to_markdown()
    assert html.startswith("<!DOCTYPE html>") and "V7 (16/05/2018)" in html
    assert md.startswith("# CP Reduction Action Plan Review: V7 (16/05/2018) → V8 (14/06/2018)")


def test_plan_to_excel_writes_the_extract_workbook(tmp_path: Path, v8: actionplan.Plan) -> None:
    book = load_workbook(v8.to_excel(tmp_path / "v8.xlsx"))
    assert book.sheetnames[:2] == ["Actions", "Updates"]
    assert book["Actions"].max_row == 1 + 19


def test_history_to_excel_has_typed_due_dates_and_slip_counts(
    tmp_path: Path, v7: actionplan.Plan, v8: actionplan.Plan
) -> None:
    sheet = load_workbook(actionplan.history(v8, v7).to_excel(tmp_path / "h.xlsx"))["History"]
    heads = [c.value for c in sheet[1]]
    rows = {r[0]: dict(zip(heads, r, strict=True)) for r in sheet.iter_rows(2, values_only=True)}
    twelve = rows["A012"]
    assert (twelve["Due"], twelve["First due"]) == (
        dt.datetime(2018, 4, 15),
        dt.datetime(2018, 3, 15),
    )
    assert (twelve["Due moves"], twelve["Slips"], twelve["Slip days"]) == (1, 1, 31)
    assert (rows["A001"]["Completed in"], rows["A001"]["Complete when first seen"]) == (None, "V7")
    assert (rows["A019"]["Completed in"], rows["A019"]["Complete when first seen"]) == ("V8", None)


@pytest.mark.slow  # runs the CLI, which reads in child processes
def test_a_diffs_reports_take_the_options_diff_takes(tmp_path: Path) -> None:
    import datetime as dt

    d = actionplan.diff(V7, V8)
    options = ["--as-at", "31/07/2018", "--stale-days", "60", "--section", "exceptions"]
    asked = {"as_at": dt.date(2018, 7, 31), "stale_days": 60, "section": "exceptions"}
    page = d.to_html(**asked)
    assert page == cli_output("diff", V7, V8, "--format", "html", *options)
    assert "As at 31/07/2018" in page and "As at 14/06/2018" not in page
    assert d.to_markdown(**asked) == cli_output("diff", V7, V8, "--format", "md", *options)
    d.to_excel(tmp_path / "api.xlsx", **asked)
    cli_output("diff", V7, V8, "-o", tmp_path / "cli.xlsx", *options)
    assert cells(tmp_path / "api.xlsx") == cells(tmp_path / "cli.xlsx")
    assert list(cells(tmp_path / "api.xlsx")) == ["Exceptions"]
    with pytest.raises(TypeError, match="only a diff's report takes options, not as_at"):
        actionplan.read(V8).to_html(as_at=dt.date(2018, 7, 31))
    with pytest.raises(TypeError):
        d.to_html(as_of=dt.date(2018, 7, 31))  # not an option of diff's
