"""Bad and hostile workbooks (issue 13): each gives one clear line naming the file, or is
read, in bounded time and memory; never a traceback.

The files are built at test time by tests/hostile/make_hostile_xlsx.py. The small ones are
read in process; the big ones run `actionplan extract` in a subprocess under a 2 GiB
address-space limit and a time bound.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

import actionplan
from actionplan.errors import (
    CorruptDocument,
    EncryptedDocument,
    NoActionTable,
    NotAnActionPlan,
    UnsafeDocument,
)
from tests.hostile import make_hostile_xlsx as make

MEMORY = 2 << 30


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def extract(path: Path, seconds: float) -> tuple[int, str, str]:
    """Run `actionplan extract path` bounded in time and memory: exit code, stdout, stderr."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "actionplan", "extract", str(path)],
        capture_output=True,
        text=True,
        timeout=seconds + 30,  # the hard stop; the bound itself is asserted below
        preexec_fn=limit_memory,
    )
    took = time.monotonic() - started
    assert took < seconds, f"took {took:.1f} s"
    assert "Traceback" not in done.stderr
    return done.returncode, done.stdout, done.stderr


def test_an_encrypted_workbook_says_so_and_what_to_do(tmp_path: Path) -> None:
    # tests/test_xlsx_password.py reads it with its password, and refuses a wrong one.
    path = make.encryption_header_only(tmp_path / "locked.xlsx")
    with pytest.raises(EncryptedDocument) as err:
        actionplan.read(path)
    assert str(err.value) == (
        f"{path}: the workbook is password-protected; pass --password (or save a copy "
        "without a password and read that)"
    )


def test_a_truncated_workbook_is_a_corrupt_zip(tmp_path: Path) -> None:
    path = make.truncated(tmp_path / "cut.xlsx")
    with pytest.raises(CorruptDocument) as err:
        actionplan.read(path)
    assert err.value.message == "not a valid .xlsx (damaged or truncated zip archive)"


def test_a_sheet_that_is_not_xml_is_named(tmp_path: Path) -> None:
    path = make.damaged_sheet(tmp_path / "damaged.xlsx")
    with pytest.raises(CorruptDocument) as err:
        actionplan.read(path)
    assert err.value.message.startswith(
        "not a valid workbook (sheet 'Actions' is not well-formed XML:"
    )


def test_a_workbook_without_an_action_table_names_the_sheets_it_looked_at(
    tmp_path: Path,
) -> None:
    path = make.no_action_table(tmp_path / "budget.xlsx")
    with pytest.raises(NoActionTable) as err:
        actionplan.read(path)
    assert isinstance(err.value, NotAnActionPlan)
    assert err.value.message.endswith("; looked at the sheets 'Budget', 'Contacts'")
    assert err.value.message.startswith("no action table found: its largest table (Cost centre")


def test_claims_over_every_cell_of_a_sheet_cost_nothing(tmp_path: Path) -> None:
    # dimension, a styled column range, a merge and a formatting rule over A1:XFD1048576
    path = make.huge_claims(tmp_path / "claims.xlsx")
    started = time.monotonic()
    plan = actionplan.read(path)
    assert time.monotonic() - started < 5
    assert [(a.ref, a.action, a.rag) for a in plan.actions] == [
        ("1", "Reduce caseloads to 18", "Green"),
        ("2", "Recruit two IROs", "Amber"),
    ]
    assert plan.actions[0].rag_rgb == "00B050"  # the rule over everything paints "Green"


@pytest.mark.slow
def test_more_merged_ranges_than_a_tracker_holds_are_refused(tmp_path: Path) -> None:
    path = make.many_merges(tmp_path / "merges.xlsx")
    with pytest.raises(UnsafeDocument) as err:
        actionplan.read(path)
    assert err.value.message == "refused: sheet 'Actions' declares over 100,000 merged ranges"


@pytest.mark.slow
def test_a_million_empty_styled_rows_are_read_in_bounded_time_and_memory(tmp_path: Path) -> None:
    path = make.empty_styled_rows(tmp_path / "million.xlsx")
    code, out, err = extract(path, seconds=60)
    assert code == 0, err
    assert '"ref": "2"' in out and '"ref": "3"' not in out


@pytest.mark.slow
def test_a_zip_bomb_whose_headers_say_so_is_refused_before_inflating(tmp_path: Path) -> None:
    path = make.honest_bomb(tmp_path / "bomb.xlsx")
    code, out, err = extract(path, seconds=30)
    assert (code, out) == (1, "")
    assert err.strip() == (
        f"error: {path}: refused: xl/worksheets/sheet1.xml would inflate 1027:1 (a zip bomb?)"
    )


@pytest.mark.slow
def test_a_zip_bomb_that_lies_about_its_size_stops_at_the_part_limit(tmp_path: Path) -> None:
    path = make.lying_bomb(tmp_path / "liar.xlsx")
    code, out, err = extract(path, seconds=30)
    assert (code, out) == (1, "")
    assert err.strip() == (
        f"error: {path}: refused: xl/worksheets/sheet1.xml inflates to more than 64 MiB "
        "(its header says 4,096 bytes); a zip bomb?"
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    "build", [make.encryption_header_only, make.truncated, make.damaged_sheet, make.no_action_table]
)
def test_each_bad_workbook_is_one_line_and_exit_1_from_the_cli(build, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = build(tmp_path / "bad.xlsx")
    code, out, err = extract(path, seconds=30)
    assert (code, out) == (1, "")
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}: ")
