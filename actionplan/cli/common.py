"""What every command shares: the run's failures and warnings, output, common options."""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

# Re-exported: the commands take their output options from here with the rest.
from actionplan.cli.output import Output as Output
from actionplan.cli.output import output_options as output_options
from actionplan.cli.output import raw_csv_option as raw_csv_option
from actionplan.cli.output import write_output as write_output
from actionplan.errors import ActionplanError, displayed
from actionplan.rules import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT, PDF_ENGINE_VARIABLE, PDF_ENGINES

if TYPE_CHECKING:
    from actionplan.models import Plan
    from actionplan.store import PlanStore

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
        columns: dict[str, str] | None = None,
        force: bool = False,
        budget: Budget | None = None,
        sheet: str | None = None,
        versions: bool = False,
    ) -> list[Plan]:
        """Read every file (folders searched recursively); report each failure, keep the rest.

        Each document is read in a child process, killed when it passes the budget.
        """
        from actionplan.api import read_many

        budget = budget or Budget()
        plans: list[Plan] = []
        for result in read_many(
            paths,
            password=password,
            workers=1,
            timeout=budget.timeout,
            max_memory=budget.max_memory,
            pdf_workers=workers,
            folders=folders,
            columns=columns,
            force=force,
            sheet=sheet,
            versions=versions,
        ):
            self.attempted += 1
            if result.plan is None:
                if self.debug and result.detail:
                    click.echo(result.detail, err=True)
                self.fail(result.line)
                continue
            self.warn(str(result.path), result.plan.warnings)
            plans.append(result.plan)
        return plans

    def fail(self, line: str) -> None:
        line = displayed(line)  # a file name or document text never reaches the terminal raw
        self.failures.append(line)
        click.echo(f"error: {line}", err=True)

    def warn(self, source: str, warnings: list[str]) -> None:
        if self.quiet:
            return
        for w in warnings:
            click.echo(displayed(f"warning: {source}: {w}"), err=True)

    def finish(self, total: int | None = None) -> None:
        total = self.attempted if total is None else total
        if self.failures and total > 1:
            click.echo(f"{len(self.failures)} of {total} files failed:", err=True)
            for line in self.failures:
                click.echo(f"  {line}", err=True)
        if self.failures:
            sys.exit(1)


def _set_on_run(name: str) -> Callable[[click.Context, click.Parameter, bool], None]:
    def callback(ctx: click.Context, param: click.Parameter, value: bool) -> None:
        run = ctx.find_object(Run)
        if value and run is not None:
            setattr(run, name, True)

    return callback


def global_options(command: click.Command) -> click.Command:
    """Let -q/--quiet and --debug, the group's options, come after the command's name too
    (`actionplan diff A B -q`), setting the same Run."""
    command.params += [
        click.Option(
            ["--debug"], is_flag=True, expose_value=False, callback=_set_on_run("debug"),
            help="Show a traceback when something unexpected fails.",
        ),
        click.Option(
            ["-q", "--quiet"], is_flag=True, expose_value=False, callback=_set_on_run("quiet"),
            help="Do not print warnings.",
        ),
    ]  # fmt: skip
    return command


@dataclass(frozen=True)
class StoredPlan:
    """A plan in a database (--plan NAME --db FILE), instead of files."""

    name: str
    db: Path


def stored_plan_option(help_text: str) -> Callable[[F], F]:
    """Add --plan and --db, handed on as `stored: StoredPlan | None` (None without --plan)."""

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def command(*args: Any, plan_name: str | None, db: Path, **kwargs: Any) -> Any:
            stored = StoredPlan(plan_name, db) if plan_name is not None else None
            return fn(*args, stored=stored, **kwargs)

        with_db = db_option(command)
        return cast(F, click.option("--plan", "plan_name", help=help_text)(with_db))

    return decorate


_password = click.option(
    "--password", help="Password of encrypted PDFs, Excel workbooks and Word documents."
)


def _pdf_engine(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    # The engine holds for the whole run, its child processes too, so it goes by the
    # environment (extract/pdf/source.py reads it), put back when the command ends.
    if value is None:
        return
    previous = os.environ.get(PDF_ENGINE_VARIABLE)
    os.environ[PDF_ENGINE_VARIABLE] = value

    def restore() -> None:
        if previous is None:
            os.environ.pop(PDF_ENGINE_VARIABLE, None)
        else:
            os.environ[PDF_ENGINE_VARIABLE] = previous

    ctx.call_on_close(restore)


pdf_engine_option = click.option(
    "--pdf-engine",
    type=click.Choice(PDF_ENGINES),
    expose_value=False,
    callback=_pdf_engine,
    help="What reads PDF pages: pdfium (the default, fast) or pdfplumber (the reference).",
)


def password_option(fn: F) -> F:
    """Add --password and --pdf-engine: how a PDF is opened and read."""
    return _password(pdf_engine_option(fn))


@dataclass(frozen=True)
class Budget:
    """What one document may take to read: seconds and bytes (None: no limit)."""

    timeout: float | None = DEFAULT_TIMEOUT
    max_memory: int | None = DEFAULT_MAX_MEMORY


def _size(ctx: click.Context, param: click.Parameter, value: str) -> int | None:
    from actionplan.rules import parse_size

    try:
        return parse_size(value) or None
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def budget_option(fn: F) -> F:
    """Add --timeout and --max-memory, handed on as one `budget: Budget`."""

    @functools.wraps(fn)
    def command(*args: Any, timeout: float, max_memory: int | None, **kwargs: Any) -> Any:
        return fn(*args, budget=Budget(timeout or None, max_memory), **kwargs)

    with_memory = click.option(
        "--max-memory",
        default="2G",
        show_default=True,
        metavar="SIZE",
        callback=_size,
        help="Memory one document may take to read, e.g. 2G, 512M (0: no limit; not on Windows).",
    )(command)
    return cast(
        F,
        click.option(
            "--timeout",
            type=click.FloatRange(0),
            default=120,
            show_default=True,
            metavar="SECONDS",
            help="Seconds one document may take to read before it is failed and skipped "
            "(0: no limit).",
        )(with_memory),
    )


def _columns(ctx: click.Context, param: click.Parameter, value: str | None) -> dict[str, str]:
    from actionplan.extract.columns import ALL_ROLES

    out: dict[str, str] = {}
    for part in (value or "").split(","):
        if not part.strip():
            continue
        role, sep, heading = part.partition("=")
        role = role.strip().lower()
        if not sep or role not in ALL_ROLES or not heading.strip():
            raise click.BadParameter(
                f"{part.strip()!r}: give ROLE=HEADING, ROLE one of {', '.join(ALL_ROLES)}"
            )
        out[role] = heading.strip().strip("\"'")
    return out


reading_options = (
    click.option(
        "--columns",
        callback=_columns,
        metavar="ROLE=HEADING,…",
        help='Take these columns as given, e.g. due=Target,owner="Led by" (roles: ref, '
        "action, owner, due, update, rag, section).",
    ),
    click.option(
        "--force",
        is_flag=True,
        help="Read a document even when it does not look like an action plan (with a warning).",
    ),
)


def reading_option(fn: F) -> F:
    """Add --columns and --force, how a document's table is to be read."""
    for option in reversed(reading_options):
        fn = option(fn)
    return fn


DEFAULT_DB = "actionplan.db"


def _database(ctx: click.Context, param: click.Parameter, value: str) -> Path | str:
    # A URL stays a string: as a Path, postgresql://host/db would lose a slash.
    if value.split("://", 1)[0].lower() in ("postgresql", "postgres"):
        return value
    return cast(Path, click.Path(dir_okay=False, path_type=Path).convert(value, param, ctx))


def db_option(fn: F) -> F:
    """Add the `--db FILE|URL` option (default actionplan.db in the current folder)."""
    return click.option(
        "--db",
        default=DEFAULT_DB,
        show_default=True,
        metavar="FILE|URL",
        callback=_database,
        help="The database: a SQLite file, or a shared PostgreSQL database "
        "(postgresql://user@host/db, with the postgres extra).",
    )(fn)


def open_store(run: Run, db: Path, *, create: bool = False) -> PlanStore:
    """Open the database, or report why not and exit 1."""
    from actionplan.store import open_store as open_any

    store = run.attempt(db, lambda: open_any(db, create=create))
    if store is None:
        run.finish(1)
        raise SystemExit(1)  # finish has exited; this line is for the type checker
    return store
