"""`actionplan schema`: print the JSON Schema of the contract's outputs."""

from __future__ import annotations

import json

import click

from actionplan.cli.common import Output, output_options

KINDS = ("extract", "diff", "history")


@click.command("schema")
@click.argument("kind", type=click.Choice(KINDS), default="extract")
@output_options({"json": None}, "json")
def schema_cmd(kind: str, out: Output) -> None:
    """Print the JSON Schema of what `extract`, `diff` or `history` write as JSON.

    The schema is generated from the records (actionplan.models); docs/contract.md
    describes every field in words.

    \b
    Examples:
      actionplan schema
      actionplan schema diff -o diff.schema.json
    """
    from actionplan.schema import json_schema

    text = json.dumps(json_schema(kind), indent=2, sort_keys=True, ensure_ascii=False)  # type: ignore[arg-type]
    out.write(text + "\n")
