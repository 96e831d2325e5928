"""The store's commands: `import`, `plans`, `export`. Each is a few lines over the store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from actionplan.cli import interrupt
from actionplan.cli.common import (
    Budget,
    Output,
    Run,
    budget_option,
    db_option,
    open_store,
    output_options,
    password_option,
    write_output,
)
from actionplan.errors import displayed

if TYPE_CHECKING:
    from actionplan.store import ImportProgress, ImportResult, PlanSummary


class Progress:
    """A progress bar on stderr with imported/skipped/failed counts; counter lines when
    stderr is not a terminal (logs, CI). It counts pages (where a file says how many;
    else one a file), so a long PDF moves it as far as it costs."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.tally: ImportProgress | None = None
        self.bar: Any = None
        self.shown = 0
        self.step = 1

    def __call__(self, p: ImportProgress) -> None:
        self.tally = p
        counts = f"imported {p.imported}, skipped {p.skipped}, failed {p.failed}"
        if self.tty:
            if self.bar is None:
                self.bar = click.progressbar(
                    length=max(p.pages, p.total), label=counts, file=sys.stderr, width=24
                )
                self.bar.__enter__()
            self.bar.label = f"{p.done}/{p.total} files, {counts}"
            self.bar.update(max(p.pages_done, p.done) - self.bar.pos)
            return
        if p.done == 0:
            self.step = max(1, p.total // 10)
            click.echo(f"importing {p.total} file(s), {p.pages} page(s)", err=True)
        elif p.done == p.total or p.done - self.shown >= self.step:
            self.shown = p.done
            click.echo(f"[{p.done}/{p.total}] {p.pages_done}/{p.pages} pages; {counts}", err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _documents(n: int) -> str:
    return f"{n} document{'' if n == 1 else 's'}"


def _stopped_line(t: ImportProgress, stopped: ImportResult) -> str:
    # What was saved is whole (a document per transaction); the rest was never written.
    left = t.total - t.done + 1
    return (
        f"{stopped.reason}; the import stopped: {_documents(t.imported)} saved, each complete, "
        f"{left} file(s) not imported; the same import again imports the rest"
    )


def _cluster(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from actionplan.cluster import ClusterUnavailable, check_address

    try:
        return check_address(value) if value else None
    except ClusterUnavailable as exc:
        raise click.BadParameter(exc.message) from exc


def _failure_lines(failed: list[ImportResult]) -> list[str]:
    width = min(max((len(r.path) for r in failed), default=0), 60)
    return [f"{r.path:<{width}}  {r.reason}" for r in failed]


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option(
    "--workers",
    type=click.IntRange(0, 256),
    default=None,
    help="Processes that parse documents [default: one per CPU; 0: parse in this process].",
)
@click.option(
    "--cluster",
    metavar="ADDRESS",
    callback=_cluster,
    help="Parse on a Dask cluster instead: its scheduler (tcp://host:8786), or local:N to "
    "start N workers here (needs the dask extra; see docs/scale.md).",
)
@password_option
@click.option(
    "--password-file",
    type=click.File("r", encoding="utf-8"),
    help="Read the password of encrypted files from this file's first line (- for stdin).",
)
@budget_option
@click.option("-v", "--verbose", is_flag=True, help="Say what became of every file.")
@click.pass_obj
def import_cmd(
    run: Run,
    paths: tuple[Path, ...],
    db: Path,
    workers: int | None,
    cluster: str | None,
    password: str | None,
    password_file: Any,
    budget: Budget,
    verbose: bool,
) -> None:
    """Import review documents (files, or folders searched recursively) into a database.

    Every .docx, .pdf, text dump, .doc, .rtf, .odt, .html and workbook becomes one
    document, each file written in its own transaction (a workbook kept as one sheet per
    version: one document per version sheet); the plan it belongs to is recognised by its
    title, its version by its version number and review date. Bytes already imported are
    skipped. Files that cannot be read are listed at the end, with the reason each
    (also kept in the import_errors table), and the command exits 1.

    \b
    Examples:
      actionplan import "S:/Plans/CP Reduction" S:/Plans/Workforce
      actionplan import plans/ --db board.db --workers 4
      actionplan import /mnt/papers --db postgresql://me@db/plans --cluster tcp://sched:8786
    """
    from actionplan.compare.damage import damage_notes
    from actionplan.store import ImportProgress

    store = open_store(run, db, create=True)
    progress = Progress()
    failed: list[ImportResult] = []
    warned = damaged = 0
    try:
        for r in store.import_paths(
            paths,
            workers=workers,
            progress=progress,
            timeout=budget.timeout,
            max_memory=budget.max_memory,
            cluster=cluster,
            password=password_file.readline().rstrip("\r\n") if password_file else password,
        ):
            warned += bool(r.warnings)
            damaged += r.status == "imported" and bool(damage_notes(r.warnings))
            if progress.tally is not None:  # each document is saved whole, as it comes
                interrupt.record(
                    f"{_documents(progress.tally.imported)} imported into {db}, each complete; "
                    "the same import again imports the rest"
                )
            if r.status == "failed":
                failed.append(r)
                if run.debug and r.detail:
                    click.echo(f"\n{r.path}:\n{r.detail}", err=True)
            if verbose:
                what = r.reason or f"{r.plan} {r.version or ''}".rstrip()
                click.echo(f"{r.status}: {r.path}: {what}", err=True)
                run.warn(r.path, list(r.warnings))
    finally:
        progress.close()
        store.close()
    t = progress.tally or ImportProgress(total=0)
    click.echo(
        f"{t.imported} imported, {t.skipped} skipped, {t.failed} failed ({t.total} file(s)) "
        f"into {db}",
        err=True,
    )
    if t.total == 0:
        run.fail(f"no documents found in {', '.join(str(p) for p in paths)}")
    if t.skipped - t.duplicates:
        already = t.skipped - t.duplicates
        click.echo(f"{already} skipped: already in the database (same bytes)", err=True)
    if t.duplicates:
        click.echo(
            f"{t.duplicates} skipped: the same bytes as another file of this import", err=True
        )
    if warned and not run.quiet and not verbose:
        click.echo(f"{warned} imported document(s) have reading warnings (see --verbose)", err=True)
    if damaged and not run.quiet:
        click.echo(
            f"{damaged} imported document(s) are damaged: actions may be missing from them "
            "(flagged in `actionplan plans`)",
            err=True,
        )
    if t.stopped is not None:  # the database failed: say what was saved, then stop
        others = [r for r in failed if not r.stopped]
        run.failures.extend(_failure_lines(sorted(others, key=lambda r: r.path)))
        run.fail(_stopped_line(t, t.stopped))
    elif t.total == 1 and failed:
        run.fail(f"{failed[0].path}: {failed[0].reason}")
    else:
        run.failures.extend(_failure_lines(sorted(failed, key=lambda r: r.path)))
    run.finish(t.total)


def plans_text(plans: list[PlanSummary]) -> str:
    """Return the plans as a plain-text table, one block per plan."""
    if not plans:
        return "no plans yet (run `actionplan import FOLDER`)\n"
    lines = []
    for p in plans:
        docs = sum(len(v.documents) for v in p.versions)
        lines.append(f"{p.title}  [--plan {p.key!r}]  {len(p.versions)} version(s), {docs} file(s)")
        width = max([len(v.label) for v in p.versions] + [7])
        lines.append(f"  {'version':<{width}}  review date  actions  formats")
        for v in p.versions:
            date = f"{v.review_date:%d/%m/%Y}" if v.review_date else ""
            flag = "  DAMAGED" if v.damage else ""
            lines.append(
                f"  {v.label:<{width}}  {date:<11}  {v.actions:>7}  {', '.join(v.formats)}{flag}"
            )
        # A damaged version's count may be short: its missing actions are not removals.
        for v in p.versions:
            if v.damage:
                source = Path(v.documents[0].source).name
                lines.append(f"  {v.label} is damaged ({source}): {'; '.join(v.damage)}")
        lines.append("")
    return "\n".join(lines)


@click.command("plans")
@db_option
@output_options({"text": plans_text, "json": None}, "text")
@click.pass_obj
def plans_cmd(run: Run, db: Path, out: Output) -> None:
    """List the plans in a database: their versions, review dates, actions and files.

    \b
    Examples:
      actionplan plans
      actionplan plans --db board.db --format json
    """
    store = open_store(run, db)
    with store:
        plans = store.plans()
        errors = store.import_errors()
    if out.fmt == "json":
        import json

        data = {
            "plans": [p.to_dict() for p in plans],
            "import_errors": [vars(e) for e in errors],
        }
        out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return
    out.write(plans_text(plans))
    if errors:
        click.echo(f"{len(errors)} file(s) could not be imported:", err=True)
        width = min(max(len(e.path) for e in errors), 60)
        for e in errors:
            click.echo(displayed(f"  {e.path:<{width}}  {e.error}"), err=True)


@click.command("export")
@click.option("--plan", "plan", required=True, help="The plan (its title, or part of it).")
@db_option
@click.option("-o", "--output", required=True, help="The workbook to write (.xlsx), or -.")
@click.pass_obj
def export_cmd(run: Run, plan: str, db: Path, output: str) -> None:
    """Export every version of a stored plan, and its history, to an Excel workbook.

    Sheets: Actions, Updates, Document, Warnings (one row per action or entry of every
    version), History (each action's RAG at each review) and Versions (the files).

    \b
    Examples:
      actionplan export --plan "CP Reduction" -o cp-reduction.xlsx
    """
    from actionplan.cli.output import require_format

    require_format(output, "xlsx")
    store = open_store(run, db)
    with store:
        data = run.attempt(db, lambda: store.export_bytes(plan))
    if data is None:
        run.finish(1)
        return
    write_output(output, data)
