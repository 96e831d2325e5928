"""The library writes every report the CLI writes: plans, diffs and stored plans to Excel,
HTML and Markdown, opened back (openpyxl) to check they are the CLI's."""

from __future__ import annotations

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
    assert ours.sheetnames == theirs.sheetnames == [
        "Actions", "Updates", "Document", "Warnings", "History", "Versions",
    ]  # fmt: skip
    for name in ours.sheetnames:
        assert [[c.value for c in row] for row in ours[name].iter_rows()] == [
            [c.value for c in row] for row in theirs[name].iter_rows()
        ], name
    assert ours["Actions"].max_row == 1 + 20 + 19  # a header, V7's 20 actions, V8's 19
