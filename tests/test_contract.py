"""docs/contract.md and docs/schema/ are what the models say, and the goldens fit them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from typing import Any

import pytest
from pydantic import BaseModel

import actionplan
from actionplan import models
from actionplan.compare import build_history, diff_plans
from actionplan.models import Plan
from actionplan.schema import (
    DOCS,
    KINDS,
    WRITE_COMMAND,
    Kind,
    contract_files,
    json_schema,
    schema_text,
    stale,
)
from tests.conftest import GOLDEN, SAMPLES

GOLDENS = sorted(p.name for p in GOLDEN.glob("*.json"))
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
    "array": (list,),
    "object": (dict,),
}


def is_json_type(value: Any, kind: str) -> bool:
    # Python's bool is an int; JSON's true is no integer.
    if isinstance(value, bool):
        return kind == "boolean"
    return isinstance(value, JSON_TYPES[kind])


def schema_errors(
    value: Any, schema: dict[str, Any], root: dict[str, Any], at: str = "$"
) -> list[str]:
    """Return where value breaks schema: the keywords pydantic's schemas use, nothing more."""
    if "$ref" in schema:
        target = root["$defs"][schema["$ref"].removeprefix("#/$defs/")]
        return schema_errors(value, target, root, at)
    if "anyOf" in schema:
        tries = [schema_errors(value, s, root, at) for s in schema["anyOf"]]
        return [] if any(not t for t in tries) else [f"{at}: matches no anyOf ({tries})"]
    kind = schema.get("type")
    if kind and not is_json_type(value, kind):
        return [f"{at}: {value!r} is not {kind}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{at}: {value!r} is not one of {schema['enum']}"]
    if schema.get("format") == "date" and not DATE.match(value):
        return [f"{at}: {value!r} is not a date"]
    errors: list[str] = []
    if isinstance(value, list):
        for i, item in enumerate(value):
            errors += schema_errors(item, schema.get("items", {}), root, f"{at}[{i}]")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        errors += [f"{at}: no {k!r}" for k in schema.get("required", []) if k not in value]
        for k, v in value.items():
            sub = props.get(k, schema.get("additionalProperties", True))
            if sub is False:
                errors.append(f"{at}: unexpected {k!r}")
            elif isinstance(sub, dict):
                errors += schema_errors(v, sub, root, f"{at}.{k}")
    return errors


def committed_schema(kind: Kind) -> dict[str, Any]:
    return json.loads((DOCS / "schema" / f"{kind}.schema.json").read_text("utf-8"))


def golden(name: str) -> Plan:
    return Plan.model_validate_json((GOLDEN / name).read_text("utf-8"))


def test_contract_and_schemas_are_what_the_generator_makes() -> None:
    old = [str(p.relative_to(DOCS.parent)) for p in stale(contract_files())]
    assert not old, f"{', '.join(old)} stale: run `{WRITE_COMMAND}`"


@pytest.mark.parametrize("kind", KINDS)
def test_committed_schema_is_sorted_two_space_json_ending_in_a_newline(kind: Kind) -> None:
    text = schema_text(kind)
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert json_schema(kind)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def record_models() -> list[type[BaseModel]]:
    return [
        m
        for m in vars(models).values()
        if isinstance(m, type)
        and issubclass(m, models.Record)
        and m not in (models.Record, models.Output)
    ]


@pytest.mark.parametrize("model", record_models(), ids=lambda m: m.__name__)
def test_every_field_of_every_model_has_a_row_in_the_contract(model: type[BaseModel]) -> None:
    text = (DOCS / "contract.md").read_text("utf-8")
    heading = f"### `{model.__name__}`\n"
    assert heading in text, f"no section for {model.__name__}: run `{WRITE_COMMAND}`"
    section = text.split(heading, 1)[1].split("\n#", 1)[0]
    rows = set(re.findall(r"^\| `(\w+)` \|", section, re.MULTILINE))
    assert rows == set(model.model_fields), f"run `{WRITE_COMMAND}`"


@pytest.mark.parametrize("model", record_models(), ids=lambda m: m.__name__)
def test_every_field_says_what_it_holds(model: type[BaseModel]) -> None:
    assert model.__doc__
    assert [n for n, f in model.model_fields.items() if not f.description] == []


@pytest.mark.slow
@pytest.mark.parametrize("name", GOLDENS)
def test_every_sample_as_read_fits_the_extract_schema(name: str) -> None:
    # The goldens pin the fields they were made with; the schema is of today's JSON.
    data = actionplan.read(SAMPLES / name.removesuffix(".json")).to_dict()
    schema = committed_schema("extract")
    assert schema_errors(data, schema, schema) == []


@pytest.mark.slow
@pytest.mark.parametrize("name", GOLDENS)
def test_every_sample_as_read_reads_back_into_a_plan_and_writes_out_the_same(name: str) -> None:
    data = actionplan.read(SAMPLES / name.removesuffix(".json")).to_dict()
    assert Plan.model_validate(data).to_dict() == data


@pytest.mark.slow
def test_several_documents_fit_the_extract_schema_as_a_list() -> None:
    schema = committed_schema("extract")
    plans = [actionplan.read(SAMPLES / n.removesuffix(".json")).to_dict() for n in GOLDENS[:2]]
    assert schema_errors(plans, schema, schema) == []


def test_diff_and_history_of_the_v7_and_v8_goldens_fit_their_schemas() -> None:
    v7, v8 = golden("cp-reduction-v7.docx.json"), golden("cp-reduction-v8.docx.json")
    outputs: dict[Kind, dict[str, Any]] = {
        "diff": diff_plans(v7, v8).to_dict(),
        "history": build_history([v8, v7]).to_dict(),
    }
    for kind, data in outputs.items():
        schema = committed_schema(kind)
        assert schema_errors(data, schema, schema) == [], kind


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (lambda d: d["document"].pop("sha256"), "no 'sha256'"),
        (lambda d: d["document"].update(confidence_of_author=0.9), "unexpected 'confidence_of"),
        (lambda d: d["actions"][0]["due"].update(kind="soon"), "is not one of"),
        (lambda d: d["actions"][0]["due"].update(date="14/06/2018"), "is not a date"),
        (lambda d: d["actions"][0]["provenance"].update(row=True), "is not integer"),
        (lambda d: d["document"].update(tracked_changes=0), "is not boolean"),
    ],
)
def test_the_schema_check_catches_what_breaks_the_contract(change: Any, error: str) -> None:
    data = actionplan.read(SAMPLES / GOLDENS[0].removesuffix(".json")).to_dict()
    change(data)
    schema = committed_schema("extract")
    assert error in " ".join(schema_errors(data, schema, schema))


def test_json_schema_loads_the_models_and_nothing_heavier() -> None:
    code = (
        "import sys, actionplan.schema as s; s.json_schema('extract'); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('click', 'pandas', 'openpyxl', 'pdfplumber', 'docx') or m == 'actionplan.cli'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("kind", ["extract", "diff", "history"])
def test_schema_command_prints_the_schema_asked_for(kind: str) -> None:
    from click.testing import CliRunner

    from actionplan.cli import cli

    out = CliRunner().invoke(cli, ["schema", kind])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout) == json_schema(kind)  # type: ignore[arg-type]


def test_schema_command_prints_the_extract_schema_by_default() -> None:
    from click.testing import CliRunner

    from actionplan.cli import cli

    out = CliRunner().invoke(cli, ["schema"])
    assert json.loads(out.stdout) == json_schema("extract")
