"""`actionplan diff` and `actionplan history`: compare versions of a plan."""

from __future__ import annotations

import datetime as dt
import functools
import sys
from pathlib import Path

import click

from actionplan.cli.common import (
    Budget,
    Output,
    Run,
    StoredPlan,
    budget_option,
    open_store,
    output_options,
    password_option,
    stored_plan_option,
)
from actionplan.export import (
    DIFF_RENDERERS,
    HISTORY_RENDERERS,
    ReportOptions,
    render_diff,
    render_history,
)
from actionplan.export.board_model import STALE_DAYS, Section


@click.command("diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@output_options(DIFF_RENDERERS, "text", raw_csv=True)
@password_option
@stored_plan_option("Compare versions OLD and NEW (V7, 2018-05-16) of this stored plan.")
@click.option(
    "--force",
    is_flag=True,
    help="Compare even two different plans, or a NEW earlier than OLD (refused by default), "
    "with the warning in the report.",
)
@click.option(
    "--as-at",
    type=click.DateTime(formats=["%Y-%m-%d", "%d/%m/%Y"]),
    help="The date overdue and staleness count from (2018-06-30 or 30/06/2018); "
    "default NEW's review date. Every report states it.",
)
@click.option(
    "--stale-days",
    type=click.IntRange(1),
    default=STALE_DAYS,
    show_default=True,
    help="Days since an open action's last entry that make it stale.",
)
@click.option(
    "--section",
    type=click.Choice(["all", "exceptions"]),
    default="all",
    show_default=True,
    help="exceptions: the exception report alone.",
)
@click.option(
    "--history",
    "earlier",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Another version of the plan (repeatable), so the exception report counts how often "
    "each due date slipped over them all; --plan uses the stored versions.",
)
@budget_option
@click.pass_obj
def diff_cmd(
    run: Run,
    old: Path,
    new: Path,
    out: Output,
    password: str | None,
    stored: StoredPlan | None,
    force: bool,
    as_at: dt.datetime | None,
    stale_days: int,
    section: Section,
    earlier: tuple[Path, ...],
    budget: Budget,
) -> None:
    """Compare two versions of a plan (any formats): what changed from OLD to NEW.

    Actions are paired by number while their wording agrees, else by content, so
    renumbered and reworded actions are followed. Two different plans, or a NEW that
    is an earlier version than OLD, are refused in one line (exit 1); --force compares
    them anyway, the doubt stated in the report.

    \b
    Examples:
      actionplan diff "CP Plan V7.docx" "CP Plan V8.docx"
      actionplan diff V7.pdf V8.docx --format json -o v7-v8.json
      actionplan diff --plan "CP Reduction" V7 V8
      actionplan diff V7.docx V8.docx --section exceptions --as-at 2018-06-30 -f md
      actionplan diff V7.docx V8.docx --history V5.pdf --history V6.pdf -o board.xlsx
    """
    from actionplan.api import diff, history

    trail = None
    if stored is not None:
        with open_store(run, stored.db) as store:
            result = run.attempt(
                stored.db, lambda: diff(old, new, plan=stored.name, store=store, force=force)
            )
            if result is not None:  # the stored versions tell how often each due date slipped
                trail = run.attempt(stored.db, lambda: history(plan=stored.name, store=store))
    else:
        plans = run.read_all((old, new), password=password, folders=False, budget=budget)
        if len(plans) < 2:
            run.finish(2)
            return
        result = run.attempt(new, lambda: diff(plans[0], plans[1], force=force))
        if result is not None and earlier:
            more = run.read_all(earlier, password=password, folders=False, budget=budget)
            trail = run.attempt(Path("history"), lambda: history(*plans, *more))
    if result is None:
        run.finish(1)
        return
    run.warn("diff", result.warnings)
    options = ReportOptions(as_at.date() if as_at else None, stale_days, section, trail)
    out.render(run, functools.partial(render_diff, options=options), result)


@click.command("history")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@output_options(HISTORY_RENDERERS, "text")
@password_option
@stored_plan_option("Follow this stored plan's versions instead of FILES.")
@budget_option
@click.pass_obj
def history_cmd(
    run: Run,
    files: tuple[Path, ...],
    out: Output,
    password: str | None,
    stored: StoredPlan | None,
    budget: Budget,
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

    if stored is not None:
        with open_store(run, stored.db) as store:
            result = run.attempt(stored.db, lambda: history(plan=stored.name, store=store))
        if result is None:
            run.finish(1)
            return
    else:
        if not files:
            raise click.UsageError("give FILES, or --plan NAME for a plan in the database")
        plans = run.read_all(files, password=password, budget=budget, versions=True)
        if not plans:
            run.finish()
            return
        result = run.attempt(Path("history"), lambda: history(*plans))
        if result is None:
            sys.exit(1)
        run.warn("history", result.warnings)
    out.render(run, render_history, result)
    run.finish()
