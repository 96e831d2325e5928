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
