"""`actionplan diff` and `actionplan history`: compare versions of a plan."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from actionplan.cli.common import (
    Run,
    format_option,
    open_store,
    output_option,
    password_option,
    write_output,
)
from actionplan.export import DIFF_RENDERERS, HISTORY_RENDERERS, render_diff, render_history


@click.command("diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@format_option(DIFF_RENDERERS, "text")
@output_option
@password_option
@click.option(
    "--plan", "plan_name", help="Compare versions OLD and NEW (V7, 2018-05-16) of this stored plan."
)
@click.option("--db", default="actionplan.db", show_default=True, help="The database, with --plan.")
@click.pass_obj
def diff_cmd(
    run: Run,
    old: Path,
    new: Path,
    fmt: str,
    output: str,
    password: str | None,
    plan_name: str | None,
    db: str,
) -> None:
    """Compare two versions of a plan (any formats): what changed from OLD to NEW.

    Actions are paired by number while their wording agrees, else by content, so
    renumbered and reworded actions are followed.

    \b
    Examples:
      actionplan diff "CP Plan V7.docx" "CP Plan V8.docx"
      actionplan diff V7.pdf V8.docx --format json -o v7-v8.json
      actionplan diff --plan "CP Reduction" V7 V8
    """
    from actionplan.api import diff

    if plan_name is not None:
        store = open_store(run, Path(db))
        with store:
            result = run.attempt(Path(db), lambda: diff(old, new, plan=plan_name, store=store))
    else:
        plans = run.read_all((old, new), password=password, folders=False)
        if len(plans) < 2:
            run.finish(2)
            return
        result = diff(plans[0], plans[1])
    if result is None:
        run.finish(1)
        return
    run.warn("diff", result.warnings)
    write_output(output, render_diff(result, fmt, to_stdout=output == "-"))


@click.command("history")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@format_option(HISTORY_RENDERERS, "text")
@output_option
@password_option
@click.option("--plan", "plan_name", help="Follow this stored plan's versions instead of FILES.")
@click.option("--db", default="actionplan.db", show_default=True, help="The database, with --plan.")
@click.pass_obj
def history_cmd(
    run: Run,
    files: tuple[Path, ...],
    fmt: str,
    output: str,
    password: str | None,
    plan_name: str | None,
    db: str,
) -> None:
    """Follow each action across many versions of a plan, given in any order.

    Versions are ordered by review date and version number; each action keeps
    one id across renumbering, with its RAG at every review.

    \b
    Examples:
      actionplan history plans/CP*.docx
      actionplan history V6.pdf V7.docx V8.docx --format json -o history.json
      actionplan history --plan "CP Reduction"
    """
    from actionplan.api import history

    if plan_name is not None:
        store = open_store(run, Path(db))
        with store:
            stored = run.attempt(Path(db), lambda: history(plan=plan_name, store=store))
        if stored is None:
            run.finish(1)
            return
        write_output(output, render_history(stored, fmt, to_stdout=output == "-"))
        return
    if not files:
        raise click.UsageError("give FILES, or --plan NAME for a plan in the database")
    plans = run.read_all(files, password=password)
    if plans:
        result = run.attempt(Path("history"), lambda: history(*plans))
        if result is None:
            sys.exit(1)
        run.warn("history", result.warnings)
        write_output(output, render_history(result, fmt, to_stdout=output == "-"))
    run.finish()
