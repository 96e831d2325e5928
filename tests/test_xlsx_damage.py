"""Workbooks that would read wrong in silence (issue 13): each is read, and warned about or
read right, never quietly wrong. Built by hand (tests/hostile/make_hostile_xlsx.py's parts),
so that each holds exactly the quirk it is named for.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import actionplan
from tests.hostile.make_hostile_xlsx import STYLES, cells_xml, plan_rows, sheet, workbook

X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
XM = "http://schemas.microsoft.com/office/excel/2006/main"


def _replace(path: Path, name: str, data: bytes) -> Path:
    with zipfile.ZipFile(path) as src:
        parts = {i.filename: src.read(i) for i in src.infolist()}
    parts[name] = data
    with zipfile.ZipFile(path, "w") as out:
        for member, body in parts.items():
            out.writestr(member, body)
    return path


def test_a_cell_naming_a_missing_shared_string_is_warned_about(tmp_path: Path) -> None:
    rows = plan_rows() + '<row r="4"><c r="A4" t="inlineStr"><is><t>3</t></is></c>'
    rows += '<c r="B4" t="s"><v>7</v></c><c r="C4" t="inlineStr"><is><t>Jo</t></is></c></row>'
    path = workbook(tmp_path / "lost.xlsx", {"Actions": sheet(rows)})
    plan = actionplan.read(path)
    assert [a.ref for a in plan.actions] == ["1", "2", "3"]
    assert (
        "sheet 'Actions': cells B4 name text the workbook does not hold (a damaged file?); "
        "read as empty"
    ) in plan.warnings


def test_a_row_number_given_twice_keeps_both_rows_cells(tmp_path: Path) -> None:
    rows = plan_rows() + '<row r="2"><c r="G2" t="inlineStr"><is><t>see note</t></is></c></row>'
    path = workbook(tmp_path / "twice.xlsx", {"Actions": sheet(rows)})
    plan = actionplan.read(path)
    assert plan.actions[0].action == "Reduce caseloads to 18"  # the first row's cells stay
    assert plan.actions[0].extra == {"column 7": "see note"}
    assert (
        "sheet 'Actions': rows 2 are given twice (a damaged file?); their cells were read together"
    ) in plan.warnings


def test_a_stop_if_true_rule_without_a_fill_stops_the_rules_below_it(tmp_path: Path) -> None:
    rules = (
        '<conditionalFormatting sqref="F2:F3">'
        '<cfRule type="expression" priority="1" stopIfTrue="1"><formula>$A2="1"</formula></cfRule>'
        '<cfRule type="expression" dxfId="0" priority="2"><formula>TRUE</formula></cfRule>'
        "</conditionalFormatting>"
    )
    path = workbook(tmp_path / "stop.xlsx", {"Actions": sheet(plan_rows(), after=rules)})
    plan = actionplan.read(path)
    assert [a.rag_rgb for a in plan.actions] == [None, "00B050"]


def test_an_excel_2010_rule_in_the_extension_list_is_warned_about(tmp_path: Path) -> None:
    ext = (
        f'<extLst><ext uri="{{78C0D931-6437-407d-A8EE-F0AAD7539E65}}" xmlns:x14="{X14}">'
        f'<x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="{XM}">'
        '<x14:cfRule type="expression" priority="1" id="{0}"><xm:f>$E2=Lists!$A$1</xm:f>'
        '<x14:dxf><fill><patternFill><bgColor rgb="FFFF0000"/></patternFill></fill></x14:dxf>'
        "</x14:cfRule><xm:sqref>F2:F3</xm:sqref></x14:conditionalFormatting>"
        "</x14:conditionalFormattings></ext></extLst>"
    )
    path = workbook(tmp_path / "x14.xlsx", {"Actions": sheet(plan_rows(), after=ext)})
    plan = actionplan.read(path)
    assert (
        "conditional format rule on Actions!F2:F3 not evaluated: an Excel 2010 rule kept in "
        "the sheet's extension list; its cells keep their own fill"
    ) in plan.warnings


def test_theme_colours_without_a_theme_part_are_warned_about(tmp_path: Path) -> None:
    path = workbook(tmp_path / "themeless.xlsx", {"Actions": sheet(plan_rows())})
    styles = STYLES.replace(b'<fgColor rgb="FFFFFF00"/>', b'<fgColor theme="5"/>')
    assert styles != STYLES
    _replace(path, "xl/styles.xml", styles)
    plan = actionplan.read(path)
    assert len(plan.actions) == 2
    assert (
        "the workbook's styles use theme colours but it has no theme part; those colours "
        "are read as no colour (RAG by shading may be missing)"
    ) in plan.warnings


def test_a_time_of_day_and_a_12_hour_clock_show_as_excel_shows_them(tmp_path: Path) -> None:
    styles = STYLES.replace(
        b'<xf numFmtId="14" fontId="0" fillId="2" applyFill="1"/></cellXfs>',
        b'<xf numFmtId="14" fontId="0" fillId="2" applyFill="1"/>'
        b'<xf numFmtId="164" fontId="0" fillId="0" applyNumberFormat="1"/></cellXfs>',
    ).replace(
        b"<fonts",
        b'<numFmts count="1"><numFmt numFmtId="164" formatCode="h:mm AM/PM"/></numFmts><fonts',
    )
    rows = cells_xml([(1, ["Ref", "Action", "Lead", "By When", "Update", "RAG"])])
    rows += (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>1</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>Daily stand-up</t></is></c>'
        '<c r="C2" t="inlineStr"><is><t>Jo</t></is></c><c r="D2" s="2"><v>0.6</v></c>'
        '<c r="E2" t="inlineStr"><is><t>Started</t></is></c></row>'
    )
    path = workbook(tmp_path / "time.xlsx", {"Actions": sheet(rows)})
    _replace(path, "xl/styles.xml", styles)
    plan = actionplan.read(path)
    assert plan.actions[0].due.text == "2:24 PM"  # 0.6 of a day; was "0.6"


def test_dates_typed_month_first_are_warned_about(tmp_path: Path) -> None:
    # A tracker saved as CSV by a US Excel: its dates are text, month first.
    path = tmp_path / "us-tracker.csv"
    path.write_text(
        "Ref,Action,Owner,Due,Update,RAG\n"
        "1,Reduce caseloads,Jo,1/31/2019,3/4/2019: Started,Green\n"
        "2,Recruit IROs,Sam,4/30/2019,3/12/2019: Advert out,Amber\n",
        encoding="utf-8",
    )
    plan = actionplan.read(path)
    assert plan.warnings[0] == (
        "sheet 'us-tracker': dates are written month first (1/31/2019 in D2); dates such as "
        "3/4/2019 (E2) are read day first: check them, or save the dates as dates; a date "
        "with a day over 12 is not read as a date"
    )


def test_day_first_dates_raise_no_month_first_warning(tmp_path: Path) -> None:
    path = tmp_path / "uk-tracker.csv"
    path.write_text(
        "Ref,Action,Owner,Due,Update,RAG\n"
        "1,Reduce caseloads,Jo,3/4/2019,3/4/2019: Started,Green\n"
        "2,Recruit IROs,Sam,30/4/2019,12/3/2019: Advert out,Amber\n",
        encoding="utf-8",
    )
    plan = actionplan.read(path)
    assert not [w for w in plan.warnings if "month first" in w]
    assert plan.actions[0].due.date == dt.date(2019, 4, 3)


def test_cells_showing_a_formula_error_are_warned_about(tmp_path: Path) -> None:
    rows = plan_rows().replace(
        '<c r="D2" t="inlineStr"><is><t>31/03/2019</t></is></c>',
        '<c r="D2" t="e"><f>VLOOKUP(A2,Dates!A:B,2,FALSE)</f><v>#N/A</v></c>',
    )
    assert "#N/A" in rows
    path = workbook(tmp_path / "errors.xlsx", {"Actions": sheet(rows)})
    plan = actionplan.read(path)
    assert plan.actions[0].due.text == "#N/A"
    assert (
        "sheet 'Actions': cells D2 (#N/A) show a formula's error; read as Excel shows them"
    ) in plan.warnings
