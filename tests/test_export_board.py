"""The board pack of the V7→V8 samples, pinned: the exception report and the by-owner view
(counts, refs and owners), the as-at date, and every format stating and showing them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

import actionplan
from actionplan.cli import cli
from actionplan.compare import build_history, diff_plans
from actionplan.export import ReportOptions, render_diff
from actionplan.export.board import band, times_slipped
from actionplan.export.html_report import diff_html
from actionplan.export.markdown import diff_markdown
from actionplan.export.tabular import diff_to_csv
from actionplan.export.text_report import diff_text
from actionplan.export.view import diff_view
from actionplan.models import Diff, Plan
from tests.conftest import SAMPLES

CATH, JANE = "Cath Thomas", "Jane Hoey"
PAUL, PERF = "Paul Harris", "Performance team"


def groups(diff: Diff, **options: object) -> dict[str, list[tuple[str | None, tuple[str, ...]]]]:
    """Return each heading of the exception report: its (ref, owners) rows."""
    ex = diff_view(diff, ReportOptions(**options)).exceptions  # type: ignore[arg-type]
    assert ex is not None
    return {g.key: [(r.ref, r.owners) for r in g.rows] for g in ex.groups}


def test_v7_v8_exception_report_lists_each_heading_with_refs_and_owners(v7_v8: Diff) -> None:
    got = groups(v7_v8)
    assert got == {
        "red_amber": [
            ("14", (JANE, "CIN managers")),
            ("15", (PAUL, PERF, "team managers")),
            ("16", (PAUL, PERF)),
        ],
        "overdue": [
            ("5", (CATH,)),
            ("7", (CATH,)),
            ("8", (CATH,)),
            ("11", (JANE, CATH)),
            ("12", (JANE, CATH)),
            ("13", ("CP/Court Managers", CATH, JANE)),
            ("14", (JANE, "CIN managers")),
            ("15", (PAUL, PERF, "team managers")),
            ("16", (PAUL, PERF)),
        ],
        "slipped": [("12", (JANE, CATH))],
        "green_overdue": [
            ("5", (CATH,)),
            ("7", (CATH,)),
            ("8", (CATH,)),
            ("11", (JANE, CATH)),
            ("12", (JANE, CATH)),
            ("13", ("CP/Court Managers", CATH, JANE)),
        ],
        "improved_quietly": [],
        # Open actions only: 1, 2, 3, 4, 6, 10 and 17 are complete and counted apart.
        "no_entry": [
            ("5", (CATH,)),
            ("7", (CATH,)),
            ("8", (CATH,)),
            ("12", (JANE, CATH)),
            ("13", ("CP/Court Managers", CATH, JANE)),
            ("14", (JANE, "CIN managers")),
        ],
        "stale": [("5", (CATH,)), ("8", (CATH,))],
    }
    ex = diff_view(v7_v8).exceptions
    assert ex is not None
    assert ex.group("no_entry").note == (
        "7 completed actions also had no new entry and are not listed."
    )
    details = {(g.key, r.ref): r.detail for g in ex.groups for r in g.rows}
    assert details[("overdue", "5")] == "132 days overdue"
    assert details[("red_amber", "16")] == "off track; 108 days overdue"
    assert details[("slipped", "12")] == "slipped 31 days"
    assert details[("stale", "8")] == "last entry 23/02/2018, 111 days ago"
    assert ex.refs == ("14", "15", "16", "5", "7", "8", "11", "12", "13")


def test_v7_v8_by_owner_counts_each_owners_actions(v7_v8: Diff) -> None:
    rows = [
        (o.owner, o.actions, o.open, o.overdue, o.slipped, o.no_update, o.off_track,
         o.overdue_refs)
        for o in diff_view(v7_v8).owners
    ]  # fmt: skip
    assert rows == [
        (CATH, 8, 6, 6, 1, 5, 0, ("5", "7", "8", "11", "12", "13")),
        (JANE, 10, 5, 4, 1, 3, 1, ("11", "12", "13", "14")),
        (PAUL, 2, 2, 2, 0, 0, 2, ("15", "16")),
        (PERF, 2, 2, 2, 0, 0, 2, ("15", "16")),
        ("CIN managers", 1, 1, 1, 0, 1, 1, ("14",)),
        ("CP/Court Managers", 1, 1, 1, 0, 1, 0, ("13",)),
        ("team managers", 1, 1, 1, 0, 0, 1, ("15",)),
        ("The Academy/ Principal Social Worker", 1, 1, 0, 0, 0, 0, ()),
        ("Children's social work manager", 1, 0, 0, 0, 0, 0, ()),
        ("IRO", 1, 0, 0, 0, 0, 0, ()),
        ("MASH Manager", 1, 0, 0, 0, 0, 0, ()),
        ("Sue Rogers", 1, 0, 0, 0, 0, 0, ()),
    ]


def test_v8_status_shares_add_up_to_100(v7_v8: Diff) -> None:
    bands = [(b.band, b.count, b.percent) for b in diff_view(v7_v8).bands]
    assert bands == [
        ("complete", 8, 42),
        ("on track", 8, 42),
        ("at risk", 2, 11),
        ("off track", 1, 5),
    ]


def test_as_at_moves_overdue_and_staleness_and_every_format_states_it(v7_v8: Diff) -> None:
    later = ReportOptions(as_at=dt.date(2018, 7, 31), stale_days=60)
    got = groups(v7_v8, as_at=dt.date(2018, 7, 31), stale_days=60)
    assert [r for r, _ in got["stale"]] == ["5", "7", "8", "12", "13", "14"]
    view = diff_view(v7_v8, later)
    assert view.as_at_text == "As at 31/07/2018"
    # 19's due is "Following further analysis": no deadline, so never overdue.
    early = groups(v7_v8, as_at=dt.date(2018, 2, 10))
    assert [r for r, _ in early["overdue"]] == ["5", "7", "8"]
    assert "As at 31/07/2018" in diff_text(v7_v8, later)
    assert "**As at 31/07/2018.**" in diff_markdown(v7_v8, later)
    assert "As at 31/07/2018" in diff_html(v7_v8, later)
    rows = list(csv.DictReader(io.StringIO(diff_to_csv(v7_v8, later, bom=False))))
    assert {r["as_at"] for r in rows} == {"2018-07-31"}
    assert {r["new_review_date"] for r in rows} == {"2018-06-14"}


def test_default_as_at_is_the_new_versions_review_date(v7_v8: Diff) -> None:
    view = diff_view(v7_v8)
    assert view.as_at == v7_v8.new.review_date == dt.date(2018, 6, 14)
    assert sum(i.overdue for i in view.actions) == v7_v8.summary.overdue == 9


def test_a_rag_raised_with_no_new_entry_is_an_exception(v7: Plan, v8: Plan) -> None:
    # 14 was Yellow in V7 and says nothing new in V8; make V8 call it Green.
    raised = v8.model_copy(deep=True)
    a14 = next(a for a in raised.actions if a.ref == "14")
    a14.rag, a14.rag_label = "Green", "On Track"
    got = groups(diff_plans(v7, raised))
    assert got["improved_quietly"] == [("14", (JANE, "CIN managers"))]
    assert ("14", (JANE, "CIN managers")) not in got["red_amber"]


@pytest.mark.parametrize(
    ("colour", "meaning", "expected"),
    [
        ("Yellow", "In progress – potential problems", "at risk"),
        ("Red", "Delayed", "off track"),
        ("Green", "On Track", "on track"),
        ("Blue", "Completed", "complete"),
        ("Amber", None, "at risk"),
        ("Red", None, "off track"),
        ("Blue", None, "complete"),
        ("Blue", "Not started", "no RAG"),  # a legend that says otherwise wins
        ("Purple", "Behind schedule", "off track"),
        (None, None, "no RAG"),
    ],
)
def test_a_rag_stands_by_its_legends_words_first_then_its_colour(
    colour: str | None, meaning: str | None, expected: str
) -> None:
    assert band(colour, meaning) == expected


def test_slips_over_the_history_are_counted_per_action(v7: Plan, v8: Plan) -> None:
    history = build_history([v7, v8])
    options = ReportOptions(history=history)
    view = diff_view(diff_plans(v7, v8), options)
    twelve = next(i for i in view.actions if i.ref.label == "12")
    assert twelve.slips == 1
    assert {i.slips for i in view.actions if i.ref.label != "12" and i.status != "removed"} == {0}
    ex = view.exceptions
    assert ex is not None and ex.history_versions == 2
    (row,) = ex.group("slipped").rows
    assert row.detail == "slipped 31 days; slipped 1 time in 2 reviews"
    a12 = next(a for a in history.actions if "12" in a.refs)
    assert times_slipped(a12) == 1
    keys = [c.key for c in view.charts]
    assert keys == ["rag_mix", "slippage", "history_mix", "open_completed", "history_slippage"]


@pytest.mark.parametrize("fmt", ["text", "md", "html", "csv", "xlsx"])
def test_section_exceptions_gives_the_exception_report_alone(v7_v8: Diff, fmt: str) -> None:
    out = render_diff(v7_v8, fmt, options=ReportOptions(section="exceptions"))
    if fmt == "xlsx":
        from openpyxl import load_workbook

        assert isinstance(out, bytes)
        wb = load_workbook(io.BytesIO(out))
        assert wb.sheetnames == ["Exceptions"]
        assert wb["Exceptions"].max_row == 1 + 27
        return
    assert isinstance(out, str)
    assert "Changes and progress" not in out and "RAG movement" not in out
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
        assert len(rows) == 27
        assert rows[0]["Exception"] == "Red and Amber" and rows[0]["Owner"] == (
            "Jane Hoey; CIN managers"
        )
        return
    assert "Green but overdue" in out and "Stale" in out and "As at 14/06/2018" in out


def test_every_action_list_of_every_format_names_owners(v7_v8: Diff) -> None:
    tree = lxml.html.fromstring(diff_html(v7_v8))
    for table in tree.iter("table"):
        heads = [th.text_content() for th in table.iter("th")]
        if "Action" in heads:
            assert "Owner" in heads, heads
    md = diff_markdown(v7_v8)
    for line in md.splitlines():
        if line.startswith("| Ref |"):
            assert "| Owner |" in line, line
    assert "### 16 · changed · 🟥 Red · Paul Harris; Performance team" in md
    rows = list(csv.DictReader(io.StringIO(diff_to_csv(v7_v8, bom=False))))
    assert {r["owners"] for r in rows if r["new_ref"] == "16"} == {"Paul Harris; Performance team"}
    for table in diff_view(v7_v8).sheets:
        if "Action" in table.headers:
            assert {"Owner", "Owners"} & set(table.headers), table.title


def test_cli_diff_takes_as_at_section_and_stale_days() -> None:
    files = [str(SAMPLES / "cp-reduction-v7.docx"), str(SAMPLES / "cp-reduction-v8.docx")]
    args = ["-q", "diff", *files, "--section", "exceptions", "--as-at", "31/07/2018"]
    result = CliRunner().invoke(cli, [*args, "--stale-days", "60"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == "As at 31/07/2018"
    assert "  Stale: no entry for 60 days (6): 5 (Cath Thomas);" in result.output
    bad = CliRunner().invoke(cli, ["-q", "diff", *files, "--as-at", "next week"])
    assert bad.exit_code == 2 and "--as-at" in bad.output


def test_history_html_draws_its_charts(v7: Plan, v8: Plan) -> None:
    page = actionplan.export.html_report.history_html(build_history([v7, v8]))
    tree = lxml.html.fromstring(page)
    figures = [f.get("id") for f in tree.iter("figure")]
    assert figures == ["chart-history_mix", "chart-open_completed", "chart-history_slippage"]
    labels = [s.get("aria-label") for s in tree.iter("svg")]
    assert labels[0] == "RAG mix at every review"


@pytest.mark.slow  # reads (and imports) the samples through the CLI
def test_diff_of_a_stored_plan_counts_slips_over_its_history(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    for name in ("cp-reduction-v7.docx", "cp-reduction-v8.docx"):
        shutil.copy(SAMPLES / name, folder / name)
    db = str(tmp_path / "plans.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["-q", "import", str(folder), "--db", db]).exit_code == 0
    plan = "CP Reduction Action Plan Review"
    args = ["-q", "diff", "--plan", plan, "V7", "V8", "--db", db, "--section", "exceptions"]
    result = runner.invoke(cli, [*args, "-f", "md"])
    assert result.exit_code == 0, result.output
    assert "slips counted over 2 reviews" in result.output
    assert "slipped 31 days; slipped 1 time in 2 reviews" in result.output


@pytest.mark.slow  # reads (and imports) the samples through the CLI
def test_diff_of_files_counts_slips_over_the_versions_given_with_history() -> None:
    files = [str(SAMPLES / "cp-reduction-v7.docx"), str(SAMPLES / "cp-reduction-v8.docx")]
    more = ["--history", str(SAMPLES / "cp-reduction-v7.pdf")]  # V7 again: one version
    args = ["-q", "diff", *files, *more, "--section", "exceptions", "-f", "md"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "| slipped 31 days; slipped 1 time in 2 reviews |" in result.output


def test_without_matplotlib_the_page_says_where_its_charts_would_be(
    v7_v8: Diff, monkeypatch: pytest.MonkeyPatch
) -> None:
    from actionplan.export import charts

    monkeypatch.setattr(charts, "available", lambda: False)
    tree = lxml.html.fromstring(diff_html(v7_v8))
    assert tree.find(".//svg") is None
    (section,) = [s for s in tree.iter("section") if s.get("id") == "charts"]
    assert section.text_content() == "Charts" + charts.MISSING
