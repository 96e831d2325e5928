"""The `actionplan` command: a thin layer over the library (parse, call, render).

One module per command group: `read` (extract), `compare` (diff, history), `store`
(import, plans, export), `schema`. Each command parses its options, makes one library
call and renders the result; `common` holds what they share.
"""

from __future__ import annotations

import click

from actionplan.cli.common import CONTEXT, Run
from actionplan.cli.compare import diff_cmd, history_cmd
from actionplan.cli.read import extract
from actionplan.cli.schema import schema_cmd
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


for _command in (extract, diff_cmd, history_cmd, import_cmd, plans_cmd, export_cmd, schema_cmd):
    cli.add_command(_command)


def main() -> None:
    """Run the command line."""
    cli(prog_name="actionplan")
