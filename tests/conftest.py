"""Shared paths and fixtures for the test suite."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

import actionplan
from actionplan.compare import diff_plans
from actionplan.models import Diff, Plan
from tests import components

# The store's backends (SQLite, and PostgreSQL on a throwaway server) as fixtures.
pytest_plugins = ["tests.store_backends"]

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"
# The bundled review documents: every .docx and .pdf sample, and the V8 text dump.
SAMPLE_FILES = sorted(
    p.name for p in SAMPLES.iterdir() if p.suffix in (".docx", ".pdf") or p.name.endswith("v8.txt")
)
# shared/ sits beside the checkout (in CI, a copy beside the fresh clone).
SHARED = ROOT.parent / "shared"

settings.register_profile("ci", max_examples=200, deadline=None)
settings.register_profile("long", max_examples=10_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


def numbered_versions(folder: Path, numbers: range) -> None:
    """Write the V8 text dump renumbered as each version in `numbers` (cp-vN.txt): files
    of distinct bytes, so that an import reads and writes every one."""
    text = (SAMPLES / "cp-reduction-v8.txt").read_text("utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    for n in numbers:
        (folder / f"cp-v{n}.txt").write_text(re.sub(r"– V\d+", f"– V{n}", text), "utf-8")


def shared_path(*parts: str, skip: bool = True) -> Path:
    """Return a path in shared/ beside the checkout; skip the test (fail under CI) without it.

    skip=False only builds the path, for lists made while collecting (then check exists()).
    """
    path = SHARED.joinpath(*parts)
    if skip and not path.exists():
        components.absent(f"shared/{'/'.join(parts)} is not beside this checkout")
    return path


def regenerate(golden: Path, text: str) -> None:
    """Under ACTIONPLAN_REGEN=1, rewrite a golden file that differs and fail the test."""
    if not os.environ.get("ACTIONPLAN_REGEN"):
        return
    if golden.exists() and golden.read_text("utf-8") == text:
        return
    golden.write_text(text, "utf-8")
    # A rewrite must be read before it counts: only a rerun that matches passes.
    pytest.fail(f"{golden.name}: golden rewritten; review the diff and rerun")


@pytest.fixture(scope="session")
def realworld() -> Path:
    return shared_path("realworld")


@pytest.fixture(scope="session")
def writer() -> str:
    """soffice, once it has converted a text file with LibreOffice Writer."""
    return components.require(components.WRITER)


@pytest.fixture(scope="session")
def calc() -> str:
    """soffice, once it has converted a CSV file with LibreOffice Calc."""
    return components.require(components.CALC)


@pytest.fixture(scope="session")
def chromium() -> str:
    """The chromium executable, once it has run."""
    return components.require(components.CHROMIUM)


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


# Module-scoped fixtures cheap enough to make again on a second worker: a module that shares
# only these is spread over the workers test by test (test_hostile's folder of big files
# builds each file for the one test that reads it).
CHEAP_MODULE_FIXTURES = frozenset({"built", "pdf_engine"})


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--byhand",
        action="store_true",
        help="also run the long by-hand tests (marker byhand), deselected by default",
    )


@pytest.hookimpl(tryfirst=True)  # before xdist reads the xdist_group marks
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave out the by-hand tests unless asked for, and keep each module's shared fixtures
    on one xdist worker."""
    if not config.getoption("byhand") and "byhand" not in (config.getoption("markexpr") or ""):
        byhand = [item for item in items if item.get_closest_marker("byhand")]
        if byhand:
            config.hook.pytest_deselected(items=byhand)
            items[:] = [item for item in items if not item.get_closest_marker("byhand")]
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        group = shared_fixture_group(item)
        if group is not None and item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(group))


def shared_fixture_group(item: pytest.Item) -> str | None:
    """Return the xdist group of a test that uses a costly module-scoped fixture: its module
    and the parameters of wider scope it runs under (one group per PDF engine, per store
    backend), so each such fixture is made once, on one worker. None for any other test."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return None
    scopes = {name: defs[-1].scope for name, defs in info.name2fixturedefs.items() if defs}
    shared = {name for name, scope in scopes.items() if scope in ("module", "class")}
    if not shared - CHEAP_MODULE_FIXTURES:
        return None
    params = getattr(getattr(item, "callspec", None), "params", {})
    wide = sorted(n for n in params if scopes.get(n, "function") != "function")
    return "-".join([item.path.name, *(str(params[n]) for n in wide)])


def slow_to_read(monkeypatch: pytest.MonkeyPatch, marker: str, seconds: float) -> None:
    """Make reading any file whose path holds `marker` take `seconds` longer."""
    import time

    import actionplan.pipeline

    real = actionplan.pipeline.read_raw

    # read_raw: every way of reading a file goes through it (read_file, and the version
    # sheets an import reads).
    def slow(path: str | Path, *args: Any, **kwargs: Any) -> Any:
        if marker in str(path):
            time.sleep(seconds)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(actionplan.pipeline, "read_raw", slow)


@pytest.fixture(
    scope="module", params=["pdfium", pytest.param("pdfplumber", marks=pytest.mark.slow)]
)
def pdf_engine(request: pytest.FixtureRequest) -> object:
    """Read the module's PDFs with each engine in turn, child processes too (by its variable).

    A module opts in with `pytestmark = pytest.mark.usefixtures("pdf_engine")`; its
    module-scoped fixtures that read PDFs take `pdf_engine` so they are read again. The
    reference engine's second run is slow (the quick run reads with the default).
    """
    from actionplan.extract.pdf.source import ENGINE_VARIABLE

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENGINE_VARIABLE, request.param)
        yield request.param
