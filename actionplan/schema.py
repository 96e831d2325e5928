"""The contract, generated: JSON Schemas from the models, and docs/contract.md.

docs/contract.md is the prose of docs/contract.in.md with a field table per model;
`python -m actionplan.cli.reference --write` rewrites it, docs/schema/*.schema.json and
the CLI reference. Importing this module loads only the models: `actionplan schema`
prints json_schema() fast.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from actionplan.models import Diff, History, Plan

Kind = Literal["extract", "diff", "history"]
KINDS: tuple[Kind, ...] = get_args(Kind)
ROOTS: dict[Kind, type[BaseModel]] = {"extract": Plan, "diff": Diff, "history": History}
DIALECT = "https://json-schema.org/draft/2020-12/schema"
WRITE_COMMAND = "python -m actionplan.cli.reference --write"
DOCS = Path(__file__).resolve().parents[1] / "docs"
TEMPLATE = "contract.in.md"
FIELDS_MARK = re.compile(r"^<!-- fields (\w+) -->$", re.MULTILINE)


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


def contract_files(docs: Path = DOCS) -> dict[Path, str]:
    """Return docs/contract.md and the schema files, each with the text it should hold."""
    files = {docs / "schema" / f"{kind}.schema.json": schema_text(kind) for kind in KINDS}
    files[docs / "contract.md"] = contract_markdown((docs / TEMPLATE).read_text("utf-8"))
    return files


def stale(files: dict[Path, str]) -> list[Path]:
    """Return the files that are missing or differ from the text given for them."""
    return [p for p, text in files.items() if not p.exists() or p.read_text("utf-8") != text]
