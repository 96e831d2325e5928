"""`actionplan extract`: read review documents into records."""

from __future__ import annotations

from pathlib import Path

import click

from actionplan.cli.common import (
    Budget,
    Output,
    Run,
    budget_option,
    output_options,
    password_option,
    reading_option,
)
from actionplan.export import PLAN_RENDERERS, render_plans


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@output_options(PLAN_RENDERERS, "json", raw_csv=True)
@password_option
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes that read PDF pages in parallel.",
)
@reading_option
@click.option(
    "--sheet",
    metavar="NAME",
    help="The worksheet of a workbook to read (default: its action sheet, or the newest "
    "of its version sheets).",
)
@budget_option
@click.pass_obj
def extract(
    run: Run,
    files: tuple[Path, ...],
    out: Output,
    password: str | None,
    workers: int,
    columns: dict[str, str],
    force: bool,
    sheet: str | None,
    budget: Budget,
) -> None:
    """Read review documents into action records (JSON, CSV, Excel, HTML, Markdown).

    Several FILES (or folders, searched recursively) give one JSON list, one CSV or
    one workbook; a file that cannot be read is reported on stderr and the others
    are still written (exit 1).

    \b
    Examples:
      actionplan extract samples/cp-reduction-v8.docx
      actionplan extract V8.pdf --format xlsx -o V8.xlsx
      actionplan extract plans/*.docx --format csv -o - > actions.csv
      actionplan extract "S:/Plans/CP Reduction" --format xlsx -o all.xlsx
      actionplan extract tracker.docx --columns due=Target,owner="Led by"
      actionplan extract tracker.xlsx --sheet "V4 Jun 2019"

    A document whose table does not read as an action plan (a risk register, a contact
    list) is refused with the reason; --columns maps its columns, --force reads it anyway.
    """
    plans = run.read_all(
        files,
        password=password,
        workers=workers,
        columns=columns,
        force=force,
        budget=budget,
        sheet=sheet,
    )
    if plans:
        out.render(run, render_plans, plans)
    run.finish()
