"""The command line's habits: nonsense refused in one line, binary output kept off a
terminal, formats agreeing with file names, global options anywhere, right plurals."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from actionplan.cli import cli
from actionplan.models import Diff, Plan


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_diff_of_new_before_old_exits_1_with_one_line(samples: Path) -> None:
    code, out, err = run("diff", samples / "cp-reduction-v8.docx", samples / "cp-reduction-v7.docx")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"error: NEW {samples}/cp-reduction-v7.docx (V7, 16/05/2018) is an earlier version than "
        f"OLD {samples}/cp-reduction-v8.docx (V8, 14/06/2018); give the older version first "
        "(--force compares them as given)"
    ]


def test_diff_of_two_plans_exits_1_with_one_line(samples: Path) -> None:
    code, out, err = run(
        "diff", samples / "workforce-plan-q2.docx", samples / "cp-reduction-v8.docx"
    )
    assert (code, out) == (1, "")
    assert len(err.splitlines()) == 1
    assert err.startswith(f"error: {samples}/workforce-plan-q2.docx and ")
    assert "are different plans ('Workforce Improvement Plan" in err


def test_forced_diff_goes_on_with_the_warning_in_the_report(samples: Path) -> None:
    code, out, err = run(
        "diff", samples / "cp-reduction-v8.docx", samples / "cp-reduction-v7.docx", "--force",
        "--format", "md",
    )  # fmt: skip
    assert code == 0, err
    assert "is an earlier version than OLD" in out and "compared as forced" in out
    assert "compared as forced" in err


def test_an_extension_that_disagrees_with_the_format_is_refused(
    samples: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.csv"
    code, _, err = run("extract", samples / "cp-reduction-v8.docx", "-o", out, "--format", "xlsx")
    assert code == 2 and not out.exists()
    assert err.splitlines() == [
        f"error: -o {out} names a .csv file but --format is xlsx: give -o {tmp_path}/out.xlsx, "
        "or --format csv"
    ]


def test_the_format_comes_from_the_extension_when_not_given(samples: Path, tmp_path: Path) -> None:
    from actionplan.cli.output import resolve_format

    diff_formats = ["text", "json", "xlsx", "html", "md", "csv"]
    assert [
        resolve_format(None, name, diff_formats, "text")
        for name in ("d.html", "D.HTM", "d.xlsx", "d.md", "d.csv", "d.json", "d.txt", "d", "-")
    ] == ["html", "html", "xlsx", "md", "csv", "json", "text", "text", "text"]
    assert resolve_format(None, "x.csv", ["json", "csv", "csv-updates"], "json") == "csv"
    # Through the command line: history's CSV, and JSON asked for in a .txt.
    v7, v8 = samples / "cp-reduction-v7.docx", samples / "cp-reduction-v8.docx"
    assert run("history", v7, v8, "-o", tmp_path / "h.csv")[0] == 0
    assert (tmp_path / "h.csv").read_text("utf-8-sig").startswith("id,action,refs,")
    assert run("extract", v8, "-o", tmp_path / "x.txt", "--format", "json")[0] == 0
    assert (tmp_path / "x.txt").read_text("utf-8").startswith("{")


def test_an_extension_the_command_cannot_write_is_refused(samples: Path, tmp_path: Path) -> None:
    code, _, err = run("plans", "--db", tmp_path / "none.db", "-o", tmp_path / "p.xlsx")
    assert code == 2
    assert (
        err
        == f"error: -o {tmp_path}/p.xlsx: this command writes no .xlsx file (formats: text, json)\n"
    )


def test_a_binary_format_is_refused_on_a_terminal_and_written_to_a_pipe(
    samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import actionplan.cli.output

    v7, v8 = samples / "cp-reduction-v7.docx", samples / "cp-reduction-v8.docx"
    piped = CliRunner().invoke(cli, ["diff", str(v7), str(v8), "--format", "xlsx"])
    assert piped.exit_code == 0 and piped.stdout_bytes[:2] == b"PK"
    monkeypatch.setattr(actionplan.cli.output, "stdout_is_terminal", lambda: True)
    code, out, err = run("diff", v7, v8, "--format", "xlsx")
    assert (code, out) == (2, "")
    assert err == (
        "error: xlsx is a binary format, not for a terminal: give -o FILE.xlsx (or redirect "
        "stdout to a file)\n"
    )


def test_history_csv_has_a_row_per_action_per_version_with_due_dates_and_slips(
    samples: Path,
) -> None:
    import csv
    import io

    code, out, err = run(
        "history", samples / "cp-reduction-v8.docx", samples / "cp-reduction-v7.docx",
        "--format", "csv",
    )  # fmt: skip
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 20 + 19  # V7's actions, then V8's, each under its action's id
    slipped = [r for r in rows if r["id"] == "A012"]
    assert [(r["version"], r["due_in_version"], r["due_moved"]) for r in slipped] == [
        ("V7", "2018-03-15", "False"),
        ("V8", "2018-04-15", "True"),
    ]
    assert {(r["due_moves"], r["slips"], r["slip_days"], r["due"]) for r in slipped} == {
        ("1", "1", "31", "2018-04-15")
    }
    assert sum(r["due_moved"] == "True" for r in rows) == 1


def test_a_count_of_one_reads_in_the_singular(v7_v8: Diff) -> None:
    from actionplan.export import render_diff
    from actionplan.export.html_report import _count
    from actionplan.export.view_model import Count

    # V7 -> V8: one due date slipped, one earlier entry edited.
    text, md = render_diff(v7_v8, "text"), render_diff(v7_v8, "md")
    assert "; 1 due date slipped;" in text
    assert "!! History rewritten: 1 earlier entry edited, 0 removed" in text
    assert "> **History rewritten:** 1 earlier entry edited, 0 removed" in md
    assert "1 due dates" not in text + md and "1 earlier entries" not in text + md
    card = _count(Count("due dates slipped", 1, alert=True, one="due date slipped"))
    assert card == '<div class="count alert"><b>1</b><span>due date slipped</span></div>'


def test_export_refuses_a_file_name_that_is_no_workbook(tmp_path: Path) -> None:
    out = tmp_path / "cp.csv"
    code, _, err = run("export", "--plan", "CP", "--db", tmp_path / "none.db", "-o", out)
    assert (code, out.exists()) == (2, False)
    assert err == (
        f"error: -o {out} names a .csv file, but this command writes xlsx: give -o "
        f"{tmp_path}/cp.xlsx\n"
    )


def test_quiet_and_debug_work_before_or_after_the_command(samples: Path) -> None:
    v8, v7 = samples / "cp-reduction-v8.docx", samples / "cp-reduction-v7.docx"
    loud = run("diff", v8, v7, "--force")
    assert loud[0] == 0 and "warning: diff: NEW" in loud[2]
    for args in (["-q", "diff", v8, v7, "--force"], ["diff", v8, v7, "--force", "--quiet"]):
        code, out, err = run(*args)
        assert (code, err) == (0, "") and out == loud[1]


def test_debug_after_the_command_sets_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    from actionplan.cli.common import Run

    seen: list[tuple[bool, bool]] = []
    monkeypatch.setattr(
        Run, "finish", lambda self, total=None: seen.append((self.debug, self.quiet))
    )
    CliRunner().invoke(cli, ["extract", "missing.docx", "--debug"])
    CliRunner().invoke(cli, ["--debug", "extract", "missing.docx", "-q"])
    assert seen == [(True, False), (True, True)]


def test_a_history_of_one_version_says_version(v8: Plan) -> None:
    from actionplan.compare import build_history
    from actionplan.export.view import history_view

    assert history_view(build_history([v8])).heading == (
        "CP Reduction Action Plan Review: history of 1 version"
    )
