"""The contract, generated: JSON Schemas from the models, docs/contract.md and docs/cli.md.

`python -m actionplan.schema --write` rewrites docs/contract.md (the prose of
docs/contract.in.md with a field table per model), docs/schema/*.schema.json and
docs/cli.md (every command's --help); `--check` says which are stale. Importing
this module loads only the models: `actionplan schema` prints json_schema() fast.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from actionplan.models import Diff, History, Plan

if TYPE_CHECKING:
    import click

Kind = Literal["extract", "diff", "history"]
KINDS: tuple[Kind, ...] = get_args(Kind)
ROOTS: dict[Kind, type[BaseModel]] = {"extract": Plan, "diff": Diff, "history": History}
DIALECT = "https://json-schema.org/draft/2020-12/schema"
WRITE_COMMAND = "python -m actionplan.schema --write"
DOCS = Path(__file__).resolve().parents[1] / "docs"
TEMPLATE = "contract.in.md"
FIELDS_MARK = re.compile(r"^<!-- fields (\w+) -->$", re.MULTILINE)
HELP_WIDTH = 100


class _AsWritten(GenerateJsonSchema):
    """Schemas of the JSON as printed: model_dump writes every field, defaults included."""

    def field_is_required(self, field: Any, total: bool) -> bool:
        return self.mode == "serialization" or super().field_is_required(field, total)


def json_schema(kind: Kind) -> dict[str, Any]:
    """Return the JSON Schema of what `actionplan KIND --format json` prints."""
    schema = ROOTS[kind].model_json_schema(mode="serialization", schema_generator=_AsWritten)
    if kind == "extract":
        # One document read prints one Plan; more than one prints a list of them.
        defs = schema.pop("$defs")
        defs["Plan"] = schema
        plan = {"$ref": "#/$defs/Plan"}
        schema = {
            "$defs": defs,
            "anyOf": [plan, {"type": "array", "items": plan}],
            "title": "actionplan extract",
            "description": "One Plan when one document was read, else a list of Plans.",
        }
    return {"$schema": DIALECT, **schema}


def schema_text(kind: Kind) -> str:
    """Return the committed form of a schema: sorted keys, two-space indent, final newline."""
    return json.dumps(json_schema(kind), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _type(prop: dict[str, Any]) -> tuple[str, bool]:
    """Return a schema property's type in words, and whether it may be null."""
    options = prop.get("anyOf", [prop])
    nullable = any(o.get("type") == "null" for o in options)
    words = [_one_type(o) for o in options if o.get("type") != "null"]
    return " or ".join(words) or "null", nullable


def _one_type(s: dict[str, Any]) -> str:
    if "$ref" in s:
        name = s["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "enum" in s:
        return " \\| ".join(f"`{v}`" for v in s["enum"])
    kind = s.get("type")
    if kind == "array":
        item, nullable = _type(s.get("items", {}))
        return f"list of ({item} or null)" if nullable else f"list of {item}"
    if kind == "object":
        value, _ = _type(s.get("additionalProperties") or {})
        return f"map of string to {value}"
    if kind == "string" and s.get("format") == "date":
        return "date"
    return str(kind) if kind else "any"


def _default(field: Any) -> str:
    if field.is_required():
        return "—"
    value = field.default_factory() if field.default_factory else field.default
    return f"`{json.dumps(value)}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def model_table(model: type[BaseModel], schema: dict[str, Any]) -> str:
    """Return a model's heading, docstring and one table row per field."""
    lines = [f"### `{model.__name__}`", "", schema.get("description", ""), ""]
    lines += ["| Field | Type | Nullable | Default | Description |", "|---|---|---|---|---|"]
    for name, field in model.model_fields.items():
        kind, nullable = _type(schema["properties"][name])
        cells = [f"`{name}`", kind, "yes" if nullable else "", _default(field)]
        lines.append("| " + " | ".join([*cells, _cell(field.description or "")]) + " |")
    return "\n".join(lines)


def _models(root: type[BaseModel]) -> list[type[BaseModel]]:
    """Return the root model and every model its fields hold, in order of first use."""
    found: list[type[BaseModel]] = []
    todo = [root]
    while todo:
        model = todo.pop(0)
        if model in found:
            continue
        found.append(model)
        for field in model.model_fields.values():
            todo += [t for t in _held_types(field.annotation) if t not in found]
    return found


def _held_types(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [t for arg in get_args(annotation) for t in _held_types(arg)]


def contract_markdown(template: str) -> str:
    """Return docs/contract.md: the template with each `<!-- fields KIND -->` made tables."""
    done: set[type[BaseModel]] = set()

    def tables(match: re.Match[str]) -> str:
        kind = match.group(1)
        if kind not in ROOTS:
            raise ValueError(f"{TEMPLATE}: no such kind {kind!r} (one of {', '.join(KINDS)})")
        root = ROOTS[kind]
        defs = root.model_json_schema(mode="serialization", schema_generator=_AsWritten)
        defs = {**defs.pop("$defs", {}), root.__name__: defs}
        parts = []
        for model in _models(root):
            if model not in done:
                done.add(model)
                parts.append(model_table(model, defs[model.__name__]))
        return "\n\n".join(parts)

    header = f"<!-- Generated by `{WRITE_COMMAND}` from docs/{TEMPLATE} and the models. -->\n\n"
    return header + FIELDS_MARK.sub(tables, template)


def _commands(cmd: click.Command, ctx: click.Context) -> list[tuple[click.Command, click.Context]]:
    import click

    found = [(cmd, ctx)]
    if isinstance(cmd, click.Group):
        for name in cmd.list_commands(ctx):
            sub = cmd.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                found += _commands(
                    sub, sub.make_context(name, [], parent=ctx, resilient_parsing=True)
                )
    return found


def command_helps() -> list[tuple[str, str]]:
    """Return every command's full name and --help text, wrapped at a fixed width."""
    import actionplan.cli

    group = actionplan.cli.cli
    ctx = group.make_context(
        "actionplan",
        [],
        resilient_parsing=True,
        terminal_width=HELP_WIDTH,
        max_content_width=HELP_WIDTH,
    )
    return [(c.command_path, cmd.get_help(c)) for cmd, c in _commands(group, ctx)]


def cli_markdown() -> str:
    """Return docs/cli.md: a heading and the --help text of every command."""
    parts = [
        f"<!-- Generated by `{WRITE_COMMAND}` from the commands' --help. -->",
        "",
        "# Command line reference",
        "",
        "Every command of `actionplan`, with its `--help`. The JSON it prints is described "
        "in [contract.md](contract.md).",
    ]
    for path, text in command_helps():
        parts += ["", f"## `{path}`", "", "```", text.rstrip(), "```"]
    return "\n".join(parts) + "\n"


def contract_files(docs: Path = DOCS) -> dict[Path, str]:
    """Return docs/contract.md and the schema files, each with the text it should hold."""
    files = {docs / "schema" / f"{kind}.schema.json": schema_text(kind) for kind in KINDS}
    files[docs / "contract.md"] = contract_markdown((docs / TEMPLATE).read_text("utf-8"))
    return files


def cli_files(docs: Path = DOCS) -> dict[Path, str]:
    """Return docs/cli.md with the text it should hold."""
    return {docs / "cli.md": cli_markdown()}


def stale(files: dict[Path, str]) -> list[Path]:
    """Return the files that are missing or differ from the text given for them."""
    return [p for p, text in files.items() if not p.exists() or p.read_text("utf-8") != text]


def main(argv: Sequence[str] | None = None) -> int:
    """Write or check the generated docs, or print one kind's JSON Schema."""
    parser = argparse.ArgumentParser(prog="python -m actionplan.schema", description=__doc__)
    parser.add_argument("kind", nargs="?", choices=KINDS, help="print this JSON Schema")
    parser.add_argument("--write", action="store_true", help="rewrite the generated docs")
    parser.add_argument("--check", action="store_true", help="exit 1 if any is stale")
    args = parser.parse_args(argv)
    if args.kind:
        sys.stdout.write(schema_text(args.kind))
        return 0
    files = {**contract_files(), **cli_files()}
    if args.write:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8", newline="\n")
        return 0
    if args.check:
        old = stale(files)
        for path in old:
            print(f"{path.relative_to(DOCS.parent)} is stale: run {WRITE_COMMAND}", file=sys.stderr)
        return 1 if old else 0
    parser.print_usage(sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
