"""The golden switch: ACTIONPLAN_REGEN=1 rewrites a golden file and fails until a rerun matches."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import regenerate


@pytest.fixture
def golden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where a golden file would be, with the switch on."""
    monkeypatch.setenv("ACTIONPLAN_REGEN", "1")
    return tmp_path / "plan.json"


def test_ci_never_rewrites_golden_files() -> None:
    if not os.environ.get("CI"):
        pytest.skip("outside CI (CI is not set)")
    regen = os.environ.get("ACTIONPLAN_REGEN")
    assert not regen, "CI must compare golden files, not rewrite them"


def test_a_golden_that_differs_is_rewritten_and_the_test_fails(golden: Path) -> None:
    golden.write_text('{"old": true}\n', "utf-8")
    with pytest.raises(pytest.fail.Exception, match="golden rewritten; review the diff and rerun"):
        regenerate(golden, '{"new": true}\n')
    assert golden.read_text("utf-8") == '{"new": true}\n'


def test_a_missing_golden_is_written_and_the_test_fails(golden: Path) -> None:
    with pytest.raises(pytest.fail.Exception, match="rewritten"):
        regenerate(golden, "{}\n")
    assert golden.read_text("utf-8") == "{}\n"


def test_a_golden_that_matches_passes_and_is_left_alone(golden: Path) -> None:
    golden.write_text("{}\n", "utf-8")
    before = golden.stat().st_mtime_ns
    regenerate(golden, "{}\n")
    assert golden.stat().st_mtime_ns == before


def test_without_the_switch_nothing_is_written(
    golden: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ACTIONPLAN_REGEN")
    regenerate(golden, "{}\n")
    assert not golden.exists()
