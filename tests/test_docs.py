"""docs/cli.md is every command's --help as it is now, and every --help shows an example."""

from __future__ import annotations

import re

import pytest

from actionplan.cli.reference import cli_files, command_helps
from actionplan.schema import DOCS, WRITE_COMMAND, stale

HELPS = dict(command_helps())
EXAMPLE = re.compile(r"Example|^\s*actionplan ", re.MULTILINE)


def test_cli_reference_is_what_the_generator_makes() -> None:
    assert not stale(cli_files()), f"docs/cli.md is stale: run `{WRITE_COMMAND}`"


def test_cli_reference_has_a_section_per_command() -> None:
    text = (DOCS / "cli.md").read_text("utf-8")
    assert re.findall(r"^## `(.+)`$", text, re.MULTILINE) == list(HELPS)


@pytest.mark.parametrize("command", list(HELPS))
def test_every_command_help_shows_an_example(command: str) -> None:
    assert EXAMPLE.search(HELPS[command]), f"`{command} --help` shows no example"


def test_the_readme_points_only_at_files_in_the_repository() -> None:
    readme = (DOCS.parent / "README.md").read_text("utf-8")
    targets = re.findall(r"\]\(([^)#]+)\)", readme)
    assert targets, "the README links to its docs"
    missing = [t for t in targets if "://" not in t and not (DOCS.parent / t).exists()]
    assert missing == []


def test_the_readme_layout_names_every_module_and_package_of_actionplan() -> None:
    readme = (DOCS.parent / "README.md").read_text("utf-8")
    layout = readme.split("## Layout", 1)[1].split("```", 2)[1]
    package = DOCS.parent / "actionplan"
    names = {p.name for p in package.iterdir() if not p.name.startswith("_")}
    named = {n.removesuffix(".py") + (".py" if (package / n).is_file() else "") for n in names}
    shown = {w.rstrip("/") for line in layout.splitlines() for w in line.split()[:1]}
    wanted = {n.removesuffix(".py") for n in named if n != "__pycache__"}
    assert sorted(wanted - {s.removesuffix(".py") for s in shown}) == []
