"""Shared paths and fixtures for the test suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

import actionplan
from actionplan.diff import diff_plans
from actionplan.models import Diff, Plan

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"
# shared/ sits beside the checkout (in CI, a copy beside the fresh clone).
REALWORLD = ROOT.parent / "shared" / "realworld"

settings.register_profile("ci", max_examples=200, deadline=None)
settings.register_profile("long", max_examples=10_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def realworld() -> Path:
    if not REALWORLD.is_dir():
        pytest.skip("shared/realworld is not beside this checkout")
    return REALWORLD


@pytest.fixture(scope="session")
def v7() -> Plan:
    """The V7 sample, read from Word."""
    return actionplan.read(SAMPLES / "cp-reduction-v7.docx")


@pytest.fixture(scope="session")
def v8() -> Plan:
    """The V8 sample, read from Word."""
    return actionplan.read(SAMPLES / "cp-reduction-v8.docx")


@pytest.fixture(scope="session")
def v7_v8(v7: Plan, v8: Plan) -> Diff:
    """The samples' V7→V8 diff."""
    return diff_plans(v7, v8)
