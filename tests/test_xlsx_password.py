"""Workbooks saved with a password to open (issue 13): read with --password, refused in one
line without it, with a wrong one, or without msoffcrypto-tool (the xlsx-password extra);
the decrypted package is held to the same limits as any other.

Opening one costs a second of CPU (Excel's 100,000 rounds of SHA-512, done twice by
msoffcrypto-tool), so the readings are slow tests and the quick run keeps the refusals.

samples/trackers/cp-reduction-v9-locked.xlsx is the V9 tracker encrypted for real (ECMA-376
agile, as Excel 2010 on saves it) by make_trackers.py --locked, password "tracker"; the
hostile ones are encrypted at test time by tests/hostile/make_hostile_xlsx.py.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import actionplan
from actionplan.cli import cli
from actionplan.errors import CorruptDocument, EncryptedDocument
from tests.conftest import SAMPLES, shared_path
from tests.hostile import make_hostile_xlsx as make
from tests.test_samples import comparable
from tests.test_xlsx_hostile import limit_memory

TRACKERS = SAMPLES / "trackers"
LOCKED = TRACKERS / "cp-reduction-v9-locked.xlsx"
PASSWORD = "tracker"  # make_trackers.LOCKED_PASSWORD

# msoffcrypto-tool comes with the test extra; under CI its absence fails, never skips.
if importlib.util.find_spec("msoffcrypto") is None and os.environ.get("CI") != "true":
    pytest.skip("needs msoffcrypto-tool (pip install -e '.[test]')", allow_module_level=True)


@pytest.mark.slow  # each reading derives the key: 100,000 SHA-512 rounds
def test_a_locked_tracker_reads_with_its_password_as_its_unlocked_copy() -> None:
    locked = actionplan.read(LOCKED, password=PASSWORD)
    plain = actionplan.read(TRACKERS / "cp-reduction-v9.xlsx")
    assert len(locked.actions) == 19
    assert comparable(locked) == comparable(plain)
    assert [(a.rag, a.provenance.cell) for a in locked.actions] == [
        (a.rag, a.provenance.cell) for a in plain.actions
    ]
    assert (locked.document.format, locked.document.title, locked.document.version) == (
        "xlsx",
        plain.document.title,
        "V9",
    )
    assert locked.document.sha256 != plain.document.sha256  # the file read, as it is


def test_a_locked_tracker_without_a_password_says_to_pass_one() -> None:
    with pytest.raises(EncryptedDocument) as err:
        actionplan.read(LOCKED)
    assert str(err.value) == (
        f"{LOCKED}: the workbook is password-protected; pass --password (or save a copy "
        "without a password and read that)"
    )


@pytest.mark.slow  # each reading derives the key: 100,000 SHA-512 rounds
def test_a_wrong_password_is_one_line_and_exit_1_as_for_a_pdf() -> None:
    runner = CliRunner()
    wrong = runner.invoke(cli, ["extract", str(LOCKED), "--password", "nope"])
    assert (wrong.exit_code, wrong.stdout) == (1, "")
    assert wrong.stderr == (
        f"error: {LOCKED}: the workbook is encrypted and the password is wrong\n"
    )
    # A PDF's wrong password: the same error class, so the same line's shape and exit code.
    pdf = shared_path("realworld", "pdfplumber", "password-example.pdf")
    other = runner.invoke(cli, ["extract", str(pdf), "--password", "nope"])
    assert (other.exit_code, other.stderr) == (
        wrong.exit_code,
        f"error: {pdf}: the PDF is encrypted and the password is wrong\n",
    )
    right = runner.invoke(cli, ["extract", str(LOCKED), "--password", PASSWORD, "-q"])
    assert right.exit_code == 0, right.stderr
    assert len(json.loads(right.stdout)["actions"]) == 19


def test_without_msoffcrypto_the_line_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "msoffcrypto", None)  # as if not installed
    with pytest.raises(EncryptedDocument) as err:
        actionplan.read(LOCKED, password=PASSWORD)
    assert err.value.message == (
        "the workbook is password-protected; reading it needs msoffcrypto-tool "
        "(pip install 'actionplan[xlsx-password]'), or save a copy without a password and "
        "read that"
    )


@pytest.mark.slow  # each reading derives the key: 100,000 SHA-512 rounds
def test_a_locked_workbook_named_xls_or_csv_is_still_decrypted(tmp_path: Path) -> None:
    renamed = tmp_path / "tracker.xls"
    renamed.write_bytes(LOCKED.read_bytes())
    plan = actionplan.read(renamed, password=PASSWORD)
    assert len(plan.actions) == 19
    assert plan.warnings[0] == "the file is named .xls but is xlsx; read it as xlsx"


def test_an_encryption_header_without_contents_is_damage_not_a_wrong_password(
    tmp_path: Path,
) -> None:
    path = make.encryption_header_only(tmp_path / "empty.xlsx")
    with pytest.raises(EncryptedDocument):
        actionplan.read(path)  # no password: say so first
    with pytest.raises(CorruptDocument) as err:
        actionplan.read(path, password="secret")
    assert err.value.message.startswith(
        "not a valid encrypted workbook (its encryption header is damaged: "
    )


@pytest.mark.slow  # each reading derives the key: 100,000 SHA-512 rounds
def test_a_truncated_locked_workbook_is_damage(tmp_path: Path) -> None:
    path = tmp_path / "cut.xlsx"
    data = LOCKED.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(CorruptDocument) as err:
        actionplan.read(path, password=PASSWORD)
    assert "encrypted" in err.value.message


@pytest.mark.slow  # each reading derives the key: 100,000 SHA-512 rounds
def test_a_flipped_byte_in_the_encrypted_contents_fails_the_integrity_check(
    tmp_path: Path,
) -> None:
    path = make.encrypted(tmp_path / "flipped.xlsx")
    data = bytearray(path.read_bytes())
    data[-600] ^= 0xFF  # inside EncryptedPackage, the last stream written
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptDocument) as err:
        actionplan.read(path, password=make.PASSWORD)
    assert err.value.message.startswith(
        "the workbook's password is right but its encrypted contents are damaged"
    )


@pytest.mark.slow
def test_an_encrypted_zip_bomb_is_refused_after_decrypting(tmp_path: Path) -> None:
    path = make.encrypted_bomb(tmp_path / "bomb.xlsx")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "actionplan", "extract", str(path), "--password", make.PASSWORD],
        capture_output=True,
        text=True,
        timeout=90,
        preexec_fn=limit_memory,
    )
    assert time.monotonic() - started < 60
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.strip() == (
        f"error: {path}: refused: xl/worksheets/sheet1.xml inflates to more than 64 MiB "
        "(its header says 4,096 bytes); a zip bomb?"
    )


@pytest.mark.slow
def test_import_opens_a_locked_workbook_with_a_password_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    db = tmp_path / "plans.db"
    base = ["import", str(LOCKED), "--db", str(db), "--workers", "0"]
    locked = CliRunner().invoke(cli, base)
    assert locked.exit_code == 1 and "pass --password" in locked.stderr
    opened = CliRunner().invoke(cli, [*base, "--password-file", str(secret)])
    assert opened.exit_code == 0, opened.stderr
    plans = CliRunner().invoke(cli, ["plans", "--db", str(db)])
    assert "CP Reduction" in plans.stdout


@pytest.mark.slow  # each reading derives the key: 100,000 SHA-512 rounds
def test_the_word_plan_against_its_locked_tracker_gives_the_same_diff_as_unlocked() -> None:
    word = SAMPLES / "cp-reduction-v8.docx"
    locked = actionplan.diff(word, LOCKED, password=PASSWORD)
    plain = actionplan.diff(word, TRACKERS / "cp-reduction-v9.xlsx")
    assert locked.summary == plain.summary
    assert [(a.status, a.new_ref, [c.field for c in a.changes]) for a in locked.actions] == [
        (a.status, a.new_ref, [c.field for c in a.changes]) for a in plain.actions
    ]
    assert locked.summary.rag_moves == {"Green->Blue": 1, "Yellow->Green": 1}


def test_a_damaged_encryption_header_xml_is_damage_not_a_crash(tmp_path: Path) -> None:
    # Found by flipping bytes of the locked sample: minidom's ExpatError got through.
    data = bytearray(LOCKED.read_bytes())
    at = data.find(b"<keyData")
    assert at > 0
    data[at + 1] = ord("<")
    path = tmp_path / "bad-header.xlsx"
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptDocument) as err:
        actionplan.read(path, password=PASSWORD)
    assert err.value.message.startswith(
        "not a valid encrypted workbook (its encryption header is damaged: "
    )
