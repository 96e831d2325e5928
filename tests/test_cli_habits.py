"""The command line's habits: nonsense refused in one line, binary output kept off a
terminal, formats agreeing with file names, global options anywhere, right plurals."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from actionplan.cli import cli


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
