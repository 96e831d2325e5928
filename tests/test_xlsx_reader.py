"""Excel trackers (issue 13): the samples in samples/trackers/ read through the same pipeline
as Word, against their golden files, the true V8 (Word) -> V9 (tracker) changes, and the
cells' own rules: dates from serials, Alt+Enter paragraphs, fills, merges, hidden rows,
version sheets, and the cell every action came from.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.styles import Color, PatternFill
from openpyxl.utils.datetime import CALENDAR_MAC_1904

import actionplan
from actionplan.api import read_versions
from actionplan.cli import cli as main
from actionplan.compare import diff_plans
from actionplan.errors import ConversionUnavailable
from actionplan.extract import calc_reader
from actionplan.extract.xlsx_cells import apply_tint
from actionplan.extract.xlsx_numfmt import format_date, format_number
from actionplan.models import Plan
from tests.conftest import GOLDEN, SAMPLES, regenerate
from tests.test_samples import comparable, golden_view

TRACKERS = SAMPLES / "trackers"
TRUTH = json.loads((TRACKERS / "cp-reduction-v8-to-v9-changes.json").read_text("utf-8"))
# Read by openpyxl's workbooks alone; the .ods and .xls need LibreOffice to read.
# (The locked copy needs its password: tests/test_xlsx_password.py reads it.)
OWN = sorted(
    p.name
    for p in TRACKERS.iterdir()
    if p.suffix in (".xlsx", ".xlsm", ".csv") and "-locked" not in p.name
)
CONVERTED = ["cp-reduction-v9.ods", "cp-reduction-v9.xls"]


def golden_of(name: str) -> Any:
    """What a tracker's golden holds: its Plan, or each version sheet's Plan."""
    plans = read_versions(TRACKERS / name)
    views = [golden_view(p) for p in plans]
    return views[0] if len(views) == 1 else {"versions": views}


def check_golden(name: str) -> None:
    golden = GOLDEN / "trackers" / f"{name}.json"
    actual = golden_of(name)
    regenerate(golden, json.dumps(actual, indent=2, ensure_ascii=False) + "\n")
    assert golden.exists(), f"no golden file {golden.name}: run ACTIONPLAN_REGEN=1 pytest"
    assert actual == json.loads(golden.read_text("utf-8"))


@pytest.mark.slow
@pytest.mark.parametrize("name", OWN)
def test_tracker_matches_its_golden_file(name: str) -> None:
    check_golden(name)


@pytest.mark.slow
@pytest.mark.office
@pytest.mark.parametrize("name", CONVERTED)
def test_converted_tracker_matches_its_golden_file(name: str, calc: str) -> None:
    check_golden(name)


def read(name: str, **kw: Any) -> Plan:
    return actionplan.read(TRACKERS / name, **kw)


def test_word_v8_to_tracker_v9_diff_gives_the_true_changes() -> None:
    d = actionplan.diff(SAMPLES / "cp-reduction-v8.docx", TRACKERS / "cp-reduction-v9.xlsx")
    changed = {
        a.new_ref: sorted(c.field for c in a.changes) for a in d.actions if a.status == "changed"
    }
    updated = {a.new_ref for a in d.actions if a.new_updates and a.status == "changed"}
    truth = TRUTH["changed"]
    assert sorted(changed) == sorted(truth)
    for ref, fields in truth.items():
        expected = sorted(f for f in fields if f != "updates")
        assert changed[ref] == expected, ref
        assert (ref in updated) == ("updates" in fields), ref
    assert [a.new_ref for a in d.actions if a.status == "added"] == TRUTH["added"]
    assert [a.old_ref for a in d.actions if a.status == "removed"] == TRUTH["removed"]
    assert d.summary.rag_moves == TRUTH["rag_moves"]
    assert d.summary.edited_updates == 0 and d.summary.removed_updates == 0
    assert (d.old.version, d.new.version) == ("V8", "V9")
    assert str(d.new.review_date) == TRUTH["to"]["review_date"]


@pytest.mark.slow
def test_unchanged_actions_read_the_same_from_word_and_from_the_tracker() -> None:
    word = {a["ref"]: a for a in comparable(actionplan.read(SAMPLES / "cp-reduction-v8.docx"))}
    sheet = {a["ref"]: a for a in comparable(read("cp-reduction-v9.xlsx"))}
    same = [r for r in sheet if r in word and r not in TRUTH["changed"]]
    assert len(same) == 13
    for ref in same:
        assert sheet[ref] == word[ref], ref


@pytest.mark.slow
@pytest.mark.parametrize("copy", ["cp-reduction-v9.xlsm", "cp-reduction-v9.csv"])
def test_copies_of_the_tracker_read_the_same_actions(copy: str) -> None:
    assert comparable(read(copy)) == comparable(read("cp-reduction-v9.xlsx"))


@pytest.mark.slow
def test_the_cp1252_csv_reads_as_the_utf8_one_with_a_warning() -> None:
    plan = read("cp-reduction-v9-cp1252.csv")
    assert comparable(plan) == comparable(read("cp-reduction-v9.csv"))
    assert plan.warnings[0] == "the text is not UTF-8; read as Windows-1252"


@pytest.mark.slow
@pytest.mark.office
@pytest.mark.parametrize("copy", CONVERTED)
def test_libreoffice_copies_read_the_same_actions(copy: str, calc: str) -> None:
    plan = read(copy)
    assert comparable(plan) == comparable(read("cp-reduction-v9.xlsx"))
    assert [a.rag for a in plan.actions] == [a.rag for a in read("cp-reduction-v9.xlsx").actions]
    assert plan.warnings[0] == f"converted from {Path(copy).suffix} to .xlsx with LibreOffice"


@pytest.mark.slow
def test_an_xls_without_libreoffice_says_how_to_read_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(calc_reader, "soffice", lambda: None)
    with pytest.raises(ConversionUnavailable) as err:
        read("cp-reduction-v9.xls")
    assert str(err.value) == (
        f"{TRACKERS / 'cp-reduction-v9.xls'}: needs LibreOffice Calc to convert .xls; install "
        "libreoffice-calc (e.g. apt-get install libreoffice-calc-nogui), or save it as .xlsx "
        "in Excel"
    )


def test_date_serials_are_dates_in_their_number_format_and_text_dates_stay_text() -> None:
    plan = read("data-quality-dates.xlsx")
    dues = [(a.due.text, a.due.date) for a in plan.actions]
    assert dues == [
        ("01/01/2019", dt.date(2019, 1, 1)),  # 43466 as dd/mm/yyyy
        ("31 March 2019", dt.date(2019, 3, 31)),  # 43555 as d mmmm yyyy
        ("30/04/2019", dt.date(2019, 4, 30)),  # typed as text
        ("June 2019", dt.date(2019, 6, 30)),  # text
        ("31/12/2019", dt.date(2019, 12, 31)),  # built-in 14: the UK short date
        ("Ongoing", None),
    ]
    assert not any(re.fullmatch(r"\d{5}(\.0)?", a.due.text) for a in plan.actions)
    assert plan.document.review_date == dt.date(2019, 5, 15)  # B2 = 43600, a serial


def test_a_month_first_format_is_shown_month_first_and_read_as_its_own_day() -> None:
    w4 = next(a for a in read("workforce-tracker-cf.xlsx").actions if a.ref == "W4")
    assert (w4.due.text, w4.due.kind, w4.due.date) == ("01/31/2019", "date", dt.date(2019, 1, 31))


def test_number_formats_as_excel_shows_them() -> None:
    day = dt.datetime(2019, 3, 4, 14, 5)
    assert format_date(day, "d mmm yy") == "4 Mar 19"
    assert format_date(day, "dddd, d mmmm yyyy") == "Monday, 4 March 2019"
    assert format_date(day, "[$-809]dd/mm/yyyy;@") == "04/03/2019"
    assert format_date(day, "hh:mm") == "14:05"
    assert format_number(1234.5, "#,##0.00") == "1,234.50"
    assert format_number(0.25, "0%") == "25%"
    assert format_number(43524.0, "General") == "43524"


@pytest.mark.slow
def test_a_1904_workbook_dates_from_1904(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.append(["Ref", "Action", "Owner", "Due", "Update"])
    ws.append(["1", "Close the audit", "Jane Hoey", dt.datetime(2019, 3, 31), "No update"])
    ws["D2"].number_format = "dd/mm/yyyy"
    wb.save(tmp_path / "mac.xlsx")
    plan = actionplan.read(tmp_path / "mac.xlsx")
    assert plan.actions[0].due.date == dt.date(2019, 3, 31)


@pytest.mark.slow
def test_formulas_without_cached_values_are_warned_about(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ref", "Action", "Owner", "Due", "Update", "Days left"])
    ws.append(
        ["1", "Close the audit", "Jane Hoey", "31/03/2019", "12/03/2019: Begun", "=D2-TODAY()"]
    )
    wb.save(tmp_path / "formulas.xlsx")
    plan = actionplan.read(tmp_path / "formulas.xlsx")
    assert (
        "sheet 'Sheet': formulas without saved values (F2) read as empty; open and save the "
        "workbook in Excel or LibreOffice to compute them"
    ) in plan.warnings


def test_alt_enter_lines_split_dated_entries_as_word_paragraphs_do() -> None:
    a3 = next(a for a in read("cp-reduction-v9.xlsx").actions if a.ref == "3")
    assert [(u.date, u.text) for u in a3.updates] == [
        (dt.date(2018, 2, 23), "Ongoing"),
        (dt.date(2018, 3, 8), "Complete – regular updates ongoing"),
    ]


def test_fills_from_theme_with_tint_indexed_and_rgb_match_the_key() -> None:
    plan = read("cp-reduction-v9.xlsx")
    legend = [(e.colour, e.label, e.rgb) for e in plan.document.rag_legend]
    # accent1 4F81BD lightened 40% is 95B3D7, as Excel shows it; accent3 9BBB59; indexed 13.
    assert legend == [
        ("Blue", "Completed", "95B3D7"),
        ("Green", "On Track", "9BBB59"),
        ("Yellow", "In progress – potential problems", "FFFF00"),
        ("Red", "Delayed", "FF0000"),
    ]
    painted = json.loads((SAMPLES / "cp-reduction-v8.rag.json").read_text("utf-8"))
    painted.update({"11": "Blue", "14": "Green", "20": "Green"})
    assert {a.ref: a.rag for a in plan.actions} == {r: painted[r] for r in painted if r != "19"}
    assert {a.rag_source for a in plan.actions} == {"shading"}


def test_tint_darkens_and_lightens_in_hls() -> None:
    assert apply_tint("4F81BD", 0.3999755851924192) == "95B3D7"
    assert apply_tint("4F81BD", -0.249977111117893) == "376092"
    assert apply_tint("4F81BD", 0) == "4F81BD"


def test_conditional_formatting_and_font_colour_read_the_word() -> None:
    plan = read("workforce-tracker-cf.xlsx")
    got = [(a.ref, a.rag, a.rag_source, a.rag_rgb) for a in plan.actions]
    assert got == [
        ("W1", "Green", "text", "00B050"),  # cellIs "Green" paints 00B050
        ("W2", "Amber", "text", "FFC000"),
        ("W3", "Red", "text", "FF0000"),  # also written in red
        ("W4", "Blue", "text", "0070C0"),  # containsText "Complete"
        ("W5", "Green", "text", "00B050"),
    ]


def test_hidden_rows_and_columns_are_read_with_a_warning() -> None:
    plan = read("workforce-tracker-cf.xlsx")
    assert [a.ref for a in plan.actions] == ["W1", "W2", "W3", "W4", "W5"]  # W4 is hidden
    assert plan.actions[0].extra == {"Notes": "note W1"}  # column G is hidden
    assert plan.warnings[:2] == [
        "sheet 'Tracker': hidden rows 7 were read too",
        "sheet 'Tracker': hidden columns G were read too",
    ]


def test_key_instructions_and_hidden_helper_sheets_are_not_actions() -> None:
    plan = read("cp-reduction-v9.xlsx")
    assert len(plan.actions) == 19
    assert "sheet 'Lists' is hidden (a helper sheet?); not read" in plan.warnings
    assert plan.document.other_tables == [
        [
            ["How to update this tracker"],
            ["Add a dated line to the Update cell (Alt+Enter for a new line)."],
            ["Colour the RAG cell with the key's colours."],
        ]
    ]


def test_merged_section_rows_and_an_owner_merged_down() -> None:
    plan = read("service-plan-merged.xlsx")
    got = [(a.ref, a.section, a.owners, a.rag) for a in plan.actions]
    assert got == [
        ("1.1", "Priority 1: Safeguarding", ["LSCB Manager"], "Green"),
        ("1.2", "Priority 1: Safeguarding", ["LSCB Manager"], "Green"),
        ("1.3", "Priority 1: Safeguarding", ["MASH Manager"], "Yellow"),
        ("2.1", "Priority 2: Early help", ["Early Help Lead"], "Red"),
        ("2.2", "Priority 2: Early help", ["Early Help Lead"], "Red"),
    ]
    assert plan.document.sections == ["Priority 1: Safeguarding", "Priority 2: Early help"]
    # The key below the actions, after a blank row, is the legend and no action.
    assert [e.label for e in plan.document.rag_legend][:2] == ["Completed", "On Track"]


def test_title_and_review_date_come_from_the_rows_above_the_header() -> None:
    doc = read("service-plan-merged.xlsx").document
    assert (doc.title, doc.review_date) == ("Service Improvement Plan", dt.date(2019, 4, 18))
    doc = read("cp-reduction-v9.xlsx").document
    assert (doc.title, doc.review_date, doc.version) == (
        "CP Reduction Action Plan Review",
        dt.date(2018, 7, 12),
        "V9",
    )


@pytest.mark.slow
def test_without_title_rows_the_sheet_name_then_the_file_name_give_them(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Review 14 March 2019"
    ws.append(["Ref", "Action", "Owner", "Due", "Update"])
    ws.append(["1", "Close the audit", "Jane Hoey", "31/03/2019", "12/03/2019: Begun"])
    wb.save(tmp_path / "Safeguarding Plan V3.xlsx")
    doc = actionplan.read(tmp_path / "Safeguarding Plan V3.xlsx").document
    assert (doc.title, doc.review_date, doc.version) == (
        "Safeguarding Plan",
        dt.date(2019, 3, 14),
        "V3",
    )


@pytest.mark.slow
def test_every_action_names_its_sheet_and_cell() -> None:
    for name in OWN:
        for plan in read_versions(TRACKERS / name):
            for a in plan.actions:
                assert a.provenance.cell and re.fullmatch(
                    r"('[^']+'|\w[\w.-]*)!B\d+", a.provenance.cell
                ), (name, a.ref)
    v9 = read("cp-reduction-v9.xlsx")
    assert [a.provenance.cell for a in v9.actions[:2]] == ["Actions!B5", "Actions!B6"]
    assert actionplan.read(SAMPLES / "cp-reduction-v8.docx").actions[0].provenance.cell is None


@pytest.mark.slow
def test_a_version_workbook_reads_its_newest_sheet_and_says_so() -> None:
    plan = read("cp-reduction-versions.xlsx")
    assert plan.document.version == "V9"
    assert plan.warnings[0] == (
        "the workbook keeps 2 versions on its sheets; read the newest, 'V9 Jul 2018' "
        "(the others: 'V8 Jun 2018'; name one with --sheet)"
    )
    assert plan.actions[0].provenance.cell == "'V9 Jul 2018'!B5"
    assert comparable(plan) == comparable(read("cp-reduction-v9.xlsx"))


@pytest.mark.slow
def test_a_sheet_named_is_read_and_an_unknown_name_lists_the_sheets() -> None:
    v8 = read("cp-reduction-versions.xlsx", sheet="v8 jun 2018")
    assert (v8.document.version, len(v8.actions)) == ("V8", 19)
    assert comparable(v8) == comparable(actionplan.read(SAMPLES / "cp-reduction-v8.docx"))
    with pytest.raises(actionplan.NoActionTable) as err:
        read("cp-reduction-versions.xlsx", sheet="V7")
    assert err.value.message == (
        "no sheet named 'V7'; its sheets are 'V8 Jun 2018', 'V9 Jul 2018', 'Key'"
    )


@pytest.mark.slow
def test_history_takes_every_version_sheet_as_a_version() -> None:
    h = actionplan.history(TRACKERS / "cp-reduction-versions.xlsx")
    assert [v.version for v in h.versions] == ["V8", "V9"]
    d = diff_plans(*read_versions(TRACKERS / "cp-reduction-versions.xlsx"))
    assert d.summary.rag_moves == TRUTH["rag_moves"]


@pytest.mark.slow
def test_cli_extract_sheet_and_history_of_a_version_workbook() -> None:
    runner = CliRunner()
    book = str(TRACKERS / "cp-reduction-versions.xlsx")
    out = runner.invoke(main, ["extract", book, "--sheet", "V8 Jun 2018"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["document"]["version"] == "V8"
    out = runner.invoke(main, ["history", book, "--format", "json"])
    assert out.exit_code == 0, out.output
    assert [v["version"] for v in json.loads(out.stdout)["versions"]] == ["V8", "V9"]


def records(plan: Plan) -> list[dict[str, Any]]:
    """The records our Excel report keeps: all but the cells' written forms."""
    return [
        {
            "ref": a.ref,
            "action": a.action,
            "owners": a.owners,
            "due": a.due.model_dump(),
            "updates": [(u.date, u.date_text, u.text, u.lead) for u in a.updates],
            "rag": (a.rag, a.rag_label),
            "section": a.section,
        }
        for a in plan.actions
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    "source",
    [
        TRACKERS / "cp-reduction-v9.xlsx",
        TRACKERS / "service-plan-merged.xlsx",
        SAMPLES / "cp-reduction-v8.docx",
    ],
)
def test_our_excel_report_reads_back_into_the_same_records(source: Path, tmp_path: Path) -> None:
    out = CliRunner().invoke(
        main, ["extract", str(source), "-f", "xlsx", "-o", str(tmp_path / "o.xlsx")]
    )
    assert out.exit_code == 0, out.output
    assert openpyxl.load_workbook(tmp_path / "o.xlsx")["Actions"].max_row == 1 + len(
        actionplan.read(source).actions
    )
    first, back = actionplan.read(source), actionplan.read(tmp_path / "o.xlsx")
    assert records(back) == records(first)
    doc, was = back.document, first.document
    assert (doc.title, doc.review_date, doc.version) == (was.title, was.review_date, was.version)
    assert [(e.colour, e.label) for e in doc.rag_legend] == [
        (e.colour, e.label) for e in was.rag_legend
    ]
    assert back.actions[0].provenance.cell == "Actions!F2"


@pytest.mark.slow
def test_a_report_of_two_versions_reads_back_as_two_versions(tmp_path: Path) -> None:
    files = [str(SAMPLES / "cp-reduction-v8.docx"), str(TRACKERS / "cp-reduction-v9.xlsx")]
    out = CliRunner().invoke(
        main, ["extract", *files, "-f", "xlsx", "-o", str(tmp_path / "o.xlsx")]
    )
    assert out.exit_code == 0, out.output
    versions = read_versions(tmp_path / "o.xlsx")
    assert [(v.document.version, len(v.actions)) for v in versions] == [("V8", 19), ("V9", 19)]
    assert [records(v) for v in versions] == [records(actionplan.read(f)) for f in files]


@pytest.mark.slow
def test_cells_painted_with_a_pattern_and_white_are_unshaded(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ref", "Action", "Owner", "Due", "Update", "RAG"])
    ws.append(["1", "Close the audit", "Jane Hoey", "31/03/2019", "12/03/2019: Begun", None])
    ws.append(["2", "Open the review", "Jane Hoey", "30/04/2019", "12/03/2019: Begun", None])
    ws["F2"].fill = PatternFill("solid", fgColor=Color(rgb="FFFFFFFF"))
    ws["F3"].fill = PatternFill("solid", fgColor=Color(rgb="FF00B050"))
    wb.save(tmp_path / "white.xlsx")
    plan = actionplan.read(tmp_path / "white.xlsx")
    assert [(a.rag, a.rag_rgb) for a in plan.actions] == [(None, None), ("Green", "00B050")]
