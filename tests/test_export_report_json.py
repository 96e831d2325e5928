"""`diff --format json` carries the board report at the as-at date it was asked for: the
V7→V8 exception report pinned (as tests/test_export_board.py pins the other formats), the
as-at date stated, and the JSON valid against the committed schema's Diff."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner

import actionplan
from actionplan.cli import cli
from actionplan.models import Diff
from tests.conftest import SAMPLES

FILES = [str(SAMPLES / "cp-reduction-v7.docx"), str(SAMPLES / "cp-reduction-v8.docx")]


def diff_json(*options: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["-q", "diff", *FILES, "-f", "json", *options])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def refs(report: dict[str, Any]) -> dict[str, list[str | None]]:
    return {h["key"]: [a["ref"] for a in h["actions"]] for h in report["exceptions"]}


def test_the_json_holds_the_exception_report_at_the_review_date() -> None:
    data = diff_json()
    report = data["report"]
    assert (report["as_at"], report["stale_days"], report["overdue"]) == ("2018-06-14", 90, 9)
    assert report["slip_versions"] == 2
    assert refs(report) == {
        "red_amber": ["14", "15", "16"],
        "overdue": ["5", "7", "8", "11", "12", "13", "14", "15", "16"],
        "slipped": ["12"],
        "green_overdue": ["5", "7", "8", "11", "12", "13"],
        "improved_quietly": [],
        "no_entry": ["5", "7", "8", "12", "13", "14"],
        "stale": ["5", "8"],
    }
    heading = report["exceptions"][0]
    assert (heading["title"], heading["question"]) == (
        "Red and Amber",
        "Which actions are off track or at risk?",
    )
    sixteen = heading["actions"][2]
    assert sixteen["owners"] == ["Paul Harris", "Performance team"]
    assert (sixteen["band"], sixteen["rag"], sixteen["due_date"]) == (
        "off track",
        "Red",
        "2018-02-26",
    )
    assert (sixteen["days_overdue"], sixteen["detail"]) == (108, "off track; 108 days overdue")
    no_entry = report["exceptions"][5]
    assert no_entry["note"] == "7 completed actions also had no new entry and are not listed."
    # The diff itself is unchanged beside it.
    s = data["summary"]
    assert s["overdue"] == 9
    assert len(data["actions"]) == s["added"] + s["removed"] + s["changed"] + s["unchanged"]


def test_as_at_and_stale_days_move_the_json_report_and_the_json_says_so() -> None:
    later = diff_json("--as-at", "31/07/2018", "--stale-days", "60")["report"]
    assert (later["as_at"], later["stale_days"]) == ("2018-07-31", 60)
    assert refs(later)["stale"] == ["5", "7", "8", "12", "13", "14"]
    five = next(a for a in later["exceptions"][1]["actions"] if a["ref"] == "5")
    assert (five["days_overdue"], five["detail"]) == (179, "179 days overdue")
    early = diff_json("--as-at", "2018-02-10")["report"]
    assert early["as_at"] == "2018-02-10"
    assert refs(early)["overdue"] == ["5", "7", "8"] and early["overdue"] == 3


def test_the_json_with_its_report_is_a_diff_of_the_contract() -> None:
    data = diff_json()
    assert Diff.model_validate(data).to_dict() == data
    # A Diff from the API is not a report until it is rendered as one.
    d = actionplan.diff(*FILES)
    assert d.report is None and d.to_dict()["report"] is None
    assert json.loads(actionplan.render(d, "json"))["report"] == data["report"]
