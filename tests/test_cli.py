"""The command line, run in process: outputs, formats, and help with examples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from actionplan.cli import cli

V8_TEXT = "cp-reduction-v8.txt"


def test_extract_writes_the_contract_json_to_stdout(samples: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(samples / "cp-reduction-v8.docx")])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["document"]["review_date"] == "2018-06-14"
    assert data["document"]["version"] == "V8"
    assert data["document"]["format"] == "docx"
    assert len(data["actions"]) == 19
    action3 = data["actions"][2]
    assert action3["due"] == {
        "text": "Fortnightly commencing 29/01/18",
        "kind": "recurring",
        "date": "2018-01-29",
        "end": None,
        "recurrence": "fortnightly",
    }
    assert action3["updates"] == [
        {"date": "2018-02-23", "date_text": "23/02/2018", "text": "Ongoing", "lead": None},
        {
            "date": "2018-03-08",
            "date_text": "08/03/2018",
            "text": "Complete – regular updates ongoing",
            "lead": None,
        },
    ]


def test_extract_to_a_file_and_several_inputs_give_a_list(tmp_path: Path, samples: Path) -> None:
    out = tmp_path / "deep" / "plans.json"
    files = [str(samples / "cp-reduction-v8.docx"), str(samples / "cp-reduction-v7.docx")]
    result = CliRunner().invoke(cli, ["extract", *files, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    data = json.loads(out.read_text("utf-8"))
    assert [d["document"]["version"] for d in data] == ["V8", "V7"]


def test_extract_csv_has_a_bom_for_excel_in_files_but_not_on_stdout(
    tmp_path: Path, samples: Path
) -> None:
    out = tmp_path / "a.csv"
    src = str(samples / V8_TEXT)
    assert CliRunner().invoke(cli, ["extract", src, "-f", "csv", "-o", str(out)]).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfsource,ref,")
    assert raw.count(b"\r\n") >= 20
    stdout = CliRunner().invoke(cli, ["extract", src, "--format", "csv"]).stdout
    assert stdout.startswith("source,ref,")


def test_extract_xlsx_opens_with_real_dates_and_rag_fills(tmp_path: Path, samples: Path) -> None:
    out = tmp_path / "v8.xlsx"
    result = CliRunner().invoke(
        cli, ["extract", str(samples / "cp-reduction-v8.docx"), "-f", "xlsx", "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    wb = load_workbook(out)
    assert wb.sheetnames == ["Actions", "Updates", "Document", "Warnings"]
    ws = wb["Actions"]
    headers = [c.value for c in ws[1]]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    first = dict(zip(headers, [c for c in ws[2]], strict=True))
    assert first["Ref"].value == "1"
    assert first["Due date"].is_date and first["Due date"].number_format == "dd/mm/yyyy"
    assert first["RAG"].value == "Blue"
    assert first["RAG"].fill.fgColor.rgb.endswith("0070C0")
    assert ws.max_row == 20


@pytest.mark.parametrize("name", [None, *cli.commands])
def test_every_command_help_shows_an_example(name: str | None) -> None:
    args = [name, "--help"] if name else ["--help"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert "actionplan " in result.stdout.split("Example", 1)[1]


def test_usage_error_exits_2() -> None:
    assert CliRunner().invoke(cli, ["extract"]).exit_code == 2
    assert CliRunner().invoke(cli, ["extract", "x.docx", "--format", "pptx"]).exit_code == 2


@pytest.mark.slow
def test_extract_reads_a_folder_recursively(tmp_path: Path, samples: Path) -> None:
    sub = tmp_path / "plans" / "2018"
    sub.mkdir(parents=True)
    for name in ("cp-reduction-v7.docx", "cp-reduction-v8.pdf"):
        (sub / name).write_bytes((samples / name).read_bytes())
    (sub / "~$cp-reduction-v8.docx").write_bytes(b"lock")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "plans")])
    assert result.exit_code == 0, result.stderr
    assert sorted(d["document"]["version"] for d in json.loads(result.stdout)) == ["V7", "V8"]
