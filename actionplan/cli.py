"""The `actionplan` command: a thin layer over the library (parse, call, render)."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from actionplan.errors import ActionplanError
from actionplan.export import (
    DIFF_RENDERERS,
    HISTORY_RENDERERS,
    PLAN_RENDERERS,
    render_diff,
    render_history,
    render_plans,
)

if TYPE_CHECKING:
    from actionplan.models import Plan

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Run:
    """One command's run: collects failures so a batch goes on and reports them at the end."""

    def __init__(self, debug: bool, quiet: bool) -> None:
        self.debug = debug
        self.quiet = quiet
        self.failures: list[str] = []
        self.attempted = 0

    def attempt(self, path: Path, fn: Callable[[], T]) -> T | None:
        """Run `fn` for one file; report an expected problem in one line and carry on."""
        try:
            return fn()
        except ActionplanError as exc:
            self.fail(str(exc))
        except Exception as exc:  # a bug in actionplan, not a bad file: say so plainly
            if self.debug:
                traceback.print_exc()
            self.fail(
                f"{path}: could not be read ({type(exc).__name__}: {exc}); "
                "rerun with --debug and report it"
            )
        return None

    def read_all(
        self,
        paths: tuple[Path, ...],
        *,
        password: str | None = None,
        workers: int = 1,
        folders: bool = True,
    ) -> list[Plan]:
        """Read every file (folders searched recursively); report each failure, keep the rest."""
        from actionplan.extract.formats import discover
        from actionplan.reader import read

        files: list[Path] = []
        for given in paths:
            found = discover([given]) if folders else [given]
            if not found:
                self.attempted += 1
                self.fail(f"{given}: no review documents in this folder (.docx, .pdf, .txt, …)")
            files.extend(found)
        self.attempted += len(files)
        plans: list[Plan] = []
        for path in files:

            def read_one(p: Path = path) -> Plan:
                return read(p, password=password, workers=workers)

            plan = self.attempt(path, read_one)
            if plan is not None:
                self.warn(str(path), plan.warnings)
                plans.append(plan)
        return plans

    def fail(self, line: str) -> None:
        self.failures.append(line)
        click.echo(f"error: {line}", err=True)

    def warn(self, source: str, warnings: list[str]) -> None:
        if self.quiet:
            return
        for w in warnings:
            click.echo(f"warning: {source}: {w}", err=True)

    def finish(self, total: int | None = None) -> None:
        total = self.attempted if total is None else total
        if self.failures and total > 1:
            click.echo(f"{len(self.failures)} of {total} file(s) failed:", err=True)
            for line in self.failures:
                click.echo(f"  {line}", err=True)
        if self.failures:
            sys.exit(1)


@contextmanager
def _output(target: str, binary: bool = False) -> Iterator[object]:
    if target == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        return
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    if binary:
        with path.open("wb") as fh:
            yield fh
    else:
        with path.open("w", encoding="utf-8", newline="") as fh:
            yield fh


def write_output(target: str, data: str | bytes) -> None:
    """Write text or bytes to a file, or to stdout for "-"."""
    with _output(target, binary=isinstance(data, bytes)) as fh:
        fh.write(data)  # type: ignore[attr-defined]
        if target == "-" and isinstance(data, str) and not data.endswith("\n"):
            fh.write("\n")  # type: ignore[attr-defined]


def format_option(renderers: Mapping[str, object], default: str) -> Callable[[F], F]:
    """Return the --format option offering the keys of a renderer table."""
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(list(renderers)),
        default=default,
        show_default=True,
        help="Output format.",
    )


output_option = click.option(
    "-o", "--output", default="-", show_default=True, help="Output file, or - for stdout."
)
password_option = click.option("--password", help="Password of encrypted PDFs.")


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="actionplan")
@click.option("--debug", is_flag=True, help="Show a traceback when something unexpected fails.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings.")
@click.pass_context
def cli(ctx: click.Context, debug: bool, quiet: bool) -> None:
    """Turn action plan review documents (Word, PDF, text) into records.

    \b
    Example:
      actionplan extract "CP Plan V8.docx" -o v8.json
    """
    ctx.obj = Run(debug=debug, quiet=quiet)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@format_option(PLAN_RENDERERS, "json")
@output_option
@password_option
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes that read PDF pages in parallel.",
)
@click.pass_obj
def extract(
    run: Run, files: tuple[Path, ...], fmt: str, output: str, password: str | None, workers: int
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
    """
    plans = run.read_all(files, password=password, workers=workers)
    if plans:
        write_output(output, render_plans(plans, fmt, to_stdout=output == "-"))
    run.finish()


@cli.command("diff")
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
    if plan_name is not None:
        from actionplan.cli_store import store_diff

        store_diff(run, Path(db), plan_name, str(old), str(new), fmt, output)
        return
    from actionplan.diff import diff_plans

    plans = run.read_all((old, new), password=password, folders=False)
    if len(plans) < 2:
        run.finish(2)
        return
    result = diff_plans(plans[0], plans[1])
    run.warn("diff", result.warnings)
    write_output(output, render_diff(result, fmt, to_stdout=output == "-"))


@cli.command("history")
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
    if plan_name is not None:
        from actionplan.cli_store import store_history

        store_history(run, Path(db), plan_name, fmt, output)
        return
    if not files:
        raise click.UsageError("give FILES, or --plan NAME for a plan in the database")
    from actionplan.diff import build_history

    plans = run.read_all(files, password=password)
    if plans:
        result = run.attempt(Path("history"), lambda: build_history(plans))
        if result is None:
            sys.exit(1)
        run.warn("history", result.warnings)
        write_output(output, render_history(result, fmt, to_stdout=output == "-"))
    run.finish()


import actionplan.cli_store  # noqa: E402, F401  (adds the store's commands: import, plans, export)


def main() -> None:
    """Run the command line."""
    cli(prog_name="actionplan")
