"""Word documents saved with a password to open: read with --password like workbooks
(extract/xlsx_crypt.py decrypts both), refused in one line without it or with a wrong
one, and a locked workbook named .docx is told apart from a Word document.

samples/locked/cp-reduction-v8-locked.docx is V8 encrypted for real (ECMA-376 agile, as
Word 2010 on saves it) by make_samples.py --locked, password "review". Opening one
derives the key (100,000 SHA-512 rounds, twice): those readings are slow tests.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import actionplan
from actionplan.cli import cli
from actionplan.errors import EncryptedDocument, UnsupportedFormat
from tests.conftest import SAMPLES
from tests.test_samples import comparable

LOCKED = SAMPLES / "locked" / "cp-reduction-v8-locked.docx"
PASSWORD = "review"  # make_samples.LOCKED_PASSWORD
LOCKED_WORKBOOK = SAMPLES / "trackers" / "cp-reduction-v9-locked.xlsx"

# msoffcrypto-tool comes with the test extra; under CI its absence fails, never skips.
if importlib.util.find_spec("msoffcrypto") is None and os.environ.get("CI") != "true":
    pytest.skip("needs msoffcrypto-tool (pip install -e '.[test]')", allow_module_level=True)


@pytest.mark.slow  # each reading derives the key
def test_a_locked_word_document_reads_with_its_password_as_its_unlocked_copy() -> None:
    locked = actionplan.read(LOCKED, password=PASSWORD)
    plain = actionplan.read(SAMPLES / "cp-reduction-v8.docx")
    assert len(locked.actions) == 19
    assert comparable(locked) == comparable(plain)
    assert [(a.rag, a.owners) for a in locked.actions] == [(a.rag, a.owners) for a in plain.actions]
    assert (locked.document.format, locked.document.title, locked.document.version) == (
        "docx",
        plain.document.title,
        "V8",
    )
    assert locked.warnings == plain.warnings
    assert locked.document.sha256 != plain.document.sha256  # the file read, as it is


def test_without_a_password_it_says_to_pass_one_in_one_line() -> None:
    result = CliRunner().invoke(cli, ["extract", str(LOCKED)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: {LOCKED}: the Word document is password-protected; pass --password (or "
        "save a copy without a password and read that)\n"
    )


@pytest.mark.slow  # each reading derives the key
def test_a_wrong_password_is_one_line_and_exit_1() -> None:
    result = CliRunner().invoke(cli, ["extract", str(LOCKED), "--password", "nope"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: {LOCKED}: the Word document is encrypted and the password is wrong\n"
    )


@pytest.mark.slow  # each reading derives the key
def test_a_locked_word_document_with_no_extension_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "plan"
    path.write_bytes(LOCKED.read_bytes())
    plan = actionplan.read(path, password=PASSWORD)
    assert len(plan.actions) == 19


@pytest.mark.slow  # each reading derives the key
def test_a_locked_workbook_named_docx_says_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(LOCKED_WORKBOOK.read_bytes())
    with pytest.raises(UnsupportedFormat) as err:
        actionplan.read(path, password="tracker")
    assert str(err.value) == (
        f"{path}: is a password-protected Excel workbook, not a Word document; name it "
        ".xlsx to read it"
    )
    with pytest.raises(EncryptedDocument):
        actionplan.read(path)  # no password: say so first


@pytest.mark.slow  # each reading derives the key
def test_an_import_with_the_password_stores_the_locked_document(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / LOCKED.name).write_bytes(LOCKED.read_bytes())
    db = tmp_path / "x.db"
    result = CliRunner().invoke(
        cli, ["import", str(folder), "--db", str(db), "--password", PASSWORD, "--workers", "0"]
    )
    assert result.exit_code == 0, result.stderr
    assert "1 imported, 0 skipped, 0 failed" in result.stderr
