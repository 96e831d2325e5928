"""The `actionplan` command: a thin layer over the library (parse, call, render).

One module per command group: `read` (extract), `compare` (diff, history), `store`
(import, plans, export), `schema`, `serve` (the web pages). Each command parses its
options, makes one library call and renders the result; `common` holds what they share.
"""

from __future__ import annotations

import sys

import click

from actionplan.cli.common import CONTEXT, Run, global_options
from actionplan.cli.compare import diff_cmd, history_cmd
from actionplan.cli.read import extract
from actionplan.cli.schema import schema_cmd
from actionplan.cli.serve import serve_cmd
from actionplan.cli.store import export_cmd, import_cmd, plans_cmd

__all__ = ["cli", "main"]


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


for _command in (
    extract,
    diff_cmd,
    history_cmd,
    import_cmd,
    plans_cmd,
    export_cmd,
    schema_cmd,
    serve_cmd,
):
    cli.add_command(global_options(_command))  # -q and --debug after the command too


def main(args: list[str] | None = None) -> None:
    """Run the command line; Ctrl-C exits 130 saying what was saved (not click's "Aborted!"
    with exit 1)."""
    from actionplan.cli import interrupt

    interrupt.forget()
    try:
        code = cli.main(args, prog_name="actionplan", standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt) as exc:
        if isinstance(exc.__cause__, EOFError):  # stdin closed at a prompt
            click.echo("Aborted!", err=True)
            sys.exit(1)
        click.echo(interrupt.message(), err=True)
        sys.exit(interrupt.EXIT_INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except MemoryError:  # here, not in a reader: building or writing a very large output
        click.echo(
            "error: actionplan ran out of memory building the output; "
            "give it fewer documents at a time",
            err=True,
        )
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
