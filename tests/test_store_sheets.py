"""A workbook kept as one sheet per version is imported as one document per version sheet,
each its own version of its plan, on SQLite and PostgreSQL (the `backend` fixture): `plans`,
`history --plan`, `diff --plan` and `export --plan` see every version; a re-import adds
nothing; one sheet that cannot be read loses none of the others."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from openpyxl import Workbook, load_workbook

from actionplan.api import read, read_versions
from actionplan.cli import cli
from actionplan.compare import diff_plans
from actionplan.store import open_store
from tests.conftest import SAMPLES
from tests.store_backends import Backend, query

TRACKERS = SAMPLES / "trackers"
VERSIONS = "cp-reduction-versions.xlsx"  # sheets 'V8 Jun 2018', 'V9 Jul 2018', 'Key'
CP = "CP Reduction"

HEADINGS = ("Ref", "Action", "Lead", "By When", "Update", "RAG")


def two_sheet_workbook(path: Path) -> Path:
    """A workbook of two version sheets: 'V1 Jan 2019' a plan, 'V2 Feb 2019' a table of
    figures under a plan's headings (refused: it does not read as an action plan)."""
    wb = Workbook()
    good = wb.active
    assert good is not None
    good.title = "V1 Jan 2019"
    good.append(["Estates Action Plan Review"])
    good.append(HEADINGS)
    good.append(["1", "Replace the boiler in block B", "Jo Smith", "31/03/2019", "", "Green"])
    good.append(["2", "Survey the roof of the library", "Sam Jones", "30/04/2019", "", "Amber"])
    bad = wb.create_sheet("V2 Feb 2019")
    bad.append(["Estates Action Plan Review"])
    bad.append(HEADINGS)
    for n in range(1, 6):
        bad.append([str(n), str(1200 * n), str(17 * n), str(3.5 * n), str(n), str(9 * n)])
    wb.save(path)
    return path


def invoke(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


@dataclass
class Imported:
    folder: Path
    db: Path | str
    first: Result
    second: Result


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory, backend: Backend) -> Imported:
    root = tmp_path_factory.mktemp("sheets")
    folder = root / "plans"
    folder.mkdir()
    for name in ("cp-reduction-v7.docx", "cp-reduction-v8.docx"):
        shutil.copy(SAMPLES / name, folder / name)
    shutil.copy(TRACKERS / VERSIONS, folder / VERSIONS)
    two_sheet_workbook(folder / "estates.xlsx")
    db = backend.target(root / "plans.db")
    # One worker process: the version sheets come back from it.
    first = invoke("import", folder, "--db", db, "--workers", "1")
    second = invoke("import", folder, "--db", db, "--workers", "1")
    return Imported(folder, db, first, second)


@pytest.mark.slow
def test_every_version_sheet_is_a_version_and_the_word_v8_groups_with_its_sheet(
    imported: Imported,
) -> None:
    assert "5 imported, 0 skipped, 1 failed (4 file(s))" in imported.first.stderr
    result = invoke("plans", "--db", imported.db, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    cp = next(p for p in data["plans"] if p["key"] == "cp reduction action plan")
    got = [
        (v["label"], v["review_date"], [(Path(d["source"]).name, d["sheet"]) for d in docs])
        for v in cp["versions"]
        for docs in [v["documents"]]
    ]
    assert got == [
        ("V7", "2018-05-16", [("cp-reduction-v7.docx", "")]),
        # Word and the tracker's sheet hold one review; Word stands for it (rules.FORMATS).
        ("V8", "2018-06-14", [("cp-reduction-v8.docx", ""), (VERSIONS, "V8 Jun 2018")]),
        ("V9", "2018-07-12", [(VERSIONS, "V9 Jul 2018")]),
    ]
    assert [v["actions"] for v in cp["versions"]] == [20, 19, 19]
    estates = next(p for p in data["plans"] if p["key"] == "estates action plan")
    assert [(v["label"], v["actions"]) for v in estates["versions"]] == [("V1", 2)]


@pytest.mark.slow
def test_a_sheet_that_cannot_be_read_is_listed_by_name_and_loses_none_of_the_others(
    imported: Imported,
) -> None:
    assert imported.first.exit_code == 1
    errors = invoke("plans", "--db", imported.db, "--format", "json")
    (failure,) = json.loads(errors.stdout)["import_errors"]
    assert Path(failure["path"]).name == "estates.xlsx"
    assert failure["sheet"] == "V2 Feb 2019"
    assert failure["kind"] == "NotAnActionPlan"
    assert failure["error"].startswith("sheet 'V2 Feb 2019': its table (Ref, Action, Lead,")
    line = next(ln for ln in imported.first.stderr.splitlines() if "estates.xlsx" in ln)
    assert "sheet 'V2 Feb 2019': its table" in line


@pytest.mark.slow
def test_importing_again_adds_nothing_and_counts_each_stored_sheet_as_skipped(
    imported: Imported,
) -> None:
    # The workbook with a failed sheet is read again (its failure may be fixed by now):
    # its good sheet is skipped as stored, its bad one fails again.
    assert "0 imported, 5 skipped, 1 failed (4 file(s))" in imported.second.stderr
    assert "5 skipped: already in the database (same bytes)" in imported.second.stderr
    counts = query(imported.db, "SELECT count(*), count(DISTINCT sha256) FROM documents")
    assert counts == [(5, 4)]
    assert query(imported.db, "SELECT count(*) FROM import_errors") == [(1,)]


@pytest.mark.slow
def test_diff_history_and_export_by_plan_see_every_sheet_version(imported: Imported) -> None:
    v8_sheet, v9_sheet = read_versions(imported.folder / VERSIONS)
    v8_word = read(imported.folder / "cp-reduction-v8.docx")
    with open_store(imported.db, create=False) as store:
        assert store.diff(CP, "V8", "V9").to_dict() == diff_plans(v8_word, v9_sheet).to_dict()
        # A version sheet is named by its sheet too.
        assert store.plan_document(CP, "V9 Jul 2018") == v9_sheet
        history = store.history(CP)
    assert [v.version for v in history.versions] == ["V7", "V8", "V9"]
    out = imported.folder.parent / "cp.xlsx"
    result = invoke("export", "--plan", CP, "--db", imported.db, "-o", out)
    assert result.exit_code == 0, result.stderr
    rows = list(load_workbook(out)["Versions"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], Path(str(r[2])).name, r[5]) for r in rows] == [
        ("V7", "cp-reduction-v7.docx", "yes"),
        ("V8", "cp-reduction-v8.docx", "yes"),
        ("V8", VERSIONS, "no (same version in another format)"),
        ("V9", VERSIONS, "yes"),
    ]
    assert v8_sheet.document.sheet == "V8 Jun 2018"


@pytest.mark.slow
def test_the_same_workbook_twice_in_one_import_is_read_once_and_counted_per_sheet(
    tmp_path: Path, backend: Backend
) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        shutil.copy(TRACKERS / VERSIONS, tmp_path / name / VERSIONS)
    db = backend.target(tmp_path / "x.db")
    result = invoke("import", tmp_path / "a", tmp_path / "b", "--db", db, "--workers", "0")
    assert result.exit_code == 0, result.stderr
    assert "2 imported, 2 skipped, 0 failed (2 file(s))" in result.stderr
    assert "2 skipped: the same bytes as another file of this import" in result.stderr
    assert "already in the database" not in result.stderr


@pytest.mark.slow  # reads the workbook three ways
def test_reading_the_versions_of_files_reports_the_sheet_that_failed_beside_the_others(
    tmp_path: Path,
) -> None:
    from actionplan.api import read_many
    from actionplan.errors import NotAnActionPlan
    from actionplan.pipeline import read_version_sheets

    path = two_sheet_workbook(tmp_path / "estates.xlsx")
    plans, failed = read_version_sheets(path)
    assert [(p.document.sheet, p.document.version, len(p.actions)) for p in plans] == [
        ("V1 Jan 2019", "V1", 2)
    ]
    assert [(name, type(exc)) for name, exc in failed] == [("V2 Feb 2019", NotAnActionPlan)]
    with pytest.raises(NotAnActionPlan, match="sheet 'V2 Feb 2019': its table"):
        read_versions(path)
    results = list(read_many([path], versions=True))
    assert [(r.status, r.plan and r.plan.document.sheet, r.kind) for r in results] == [
        ("failed", None, "NotAnActionPlan"),
        ("read", "V1 Jan 2019", None),
    ]
    assert results[0].line.startswith(f"{path}: sheet 'V2 Feb 2019': its table (Ref, Action,")
