"""A database made before documents were keyed by their sheet (schema step 1) is taken
forward once, on SQLite and PostgreSQL (the `backend` fixture): what it holds is kept,
its actions gain their cell addresses from the stored Plans, and the next import reads a
workbook it held again, so that every version sheet is stored and the old reading goes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from actionplan.api import read, read_versions
from actionplan.errors import StoreError
from actionplan.models import Plan
from actionplan.normalise.keys import plan_key, version_key
from actionplan.store import rows as R
from actionplan.store import schema
from tests.conftest import SAMPLES
from tests.store_backends import Backend, query

VERSIONS = SAMPLES / "trackers" / "cp-reduction-versions.xlsx"


def _legacy_rows(db: Path | str, plan: Plan) -> int:
    """Write a document as step 1's code did (no sheet, no cell column); return its id."""
    doc = plan.document
    key = plan_key(doc.title or "")
    query(db, "INSERT INTO plans (key, title) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
          key, doc.title)  # fmt: skip
    ((plan_id,),) = query(db, "SELECT id FROM plans WHERE key = ?", key)
    ((version_id,),) = query(
        db,
        "INSERT INTO versions (plan_id, ident, version, version_key, review_date) "
        "VALUES (?, ?, ?, ?, ?) RETURNING id",
        plan_id, f"{version_key(doc.version)}|{doc.review_date}", doc.version,
        version_key(doc.version), R.iso(doc.review_date),
    )  # fmt: skip
    # The rows of today but their last column (sheet, cell), as step 1 had them.
    legacy = plan.model_copy(update={"document": doc.model_copy(update={"sheet": None})})
    row = R.document_row(version_id, doc.sha256, legacy, legacy.model_dump_json())[:-1]
    columns = R.DOCUMENT_COLUMNS.removesuffix(", sheet")
    ((document_id,),) = query(
        db, f"INSERT INTO documents ({columns}) VALUES ({', '.join('?' * 12)}) RETURNING id", *row
    )
    for i, a in enumerate(plan.actions, start=1):
        action = R.action_row(document_id, i, a)[:-1]
        query(
            db,
            f"INSERT INTO actions ({R.ACTION_COLUMNS.removesuffix(', cell')}) "
            f"VALUES ({', '.join('?' * len(action))})",
            *action,
        )
    return int(document_id)


@pytest.fixture
def legacy(tmp_path: Path, backend: Backend, monkeypatch: pytest.MonkeyPatch) -> Path | str:
    """A step-1 database holding V8 from Word and V9 as the newest sheet of the tracker
    (as step 1's import stored a workbook of version sheets: its newest alone)."""
    with monkeypatch.context() as m:
        m.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
        backend.open(tmp_path / "x.db").close()
    db = backend.target(tmp_path / "x.db")
    folder = tmp_path / "in"
    folder.mkdir()
    for f in (SAMPLES / "cp-reduction-v8.docx", VERSIONS):
        shutil.copy(f, folder / f.name)
    assert _legacy_rows(db, read(folder / "cp-reduction-v8.docx")) == 1
    assert _legacy_rows(db, read(folder / VERSIONS.name)) == 2
    return db


def test_a_step_1_database_is_migrated_keeping_every_row_and_filling_the_cells(
    legacy: Path | str, backend: Backend, tmp_path: Path
) -> None:
    # A query never migrates, on either backend: it says what to do.
    with pytest.raises(StoreError, match="run `actionplan import` on it once to upgrade"):
        backend.open(tmp_path / "x.db", create=False)
    with backend.open(tmp_path / "x.db") as store:  # an importer migrates
        assert len(store.plans()[0].versions) == 2
    if backend.name == "sqlite":
        assert query(legacy, "PRAGMA user_version") == [(len(schema.MIGRATIONS),)]
        assert query(legacy, "PRAGMA foreign_key_check") == []
    else:
        version = query(legacy, "SELECT version FROM actionplan_schema")
        assert version == [(len(schema.MIGRATIONS),)]
    # Word is no sheet; the workbook's sheet was not recorded, so it is not known.
    assert query(legacy, "SELECT id, format, sheet FROM documents ORDER BY id") == [
        (1, "docx", ""),
        (2, "xlsx", None),
    ]
    assert query(legacy, "SELECT count(*) FROM actions WHERE document_id = 1") == [(19,)]
    cells = query(legacy, "SELECT cell FROM actions WHERE document_id = 2 ORDER BY position")
    newest = read(tmp_path / "in" / VERSIONS.name)
    assert [c for (c,) in cells] == [a.provenance.cell for a in newest.actions]
    assert cells[0] == ("'V9 Jul 2018'!B4",) or cells[0][0].startswith("'V9 Jul 2018'!")


def test_the_next_import_stores_every_sheet_of_a_workbook_the_old_schema_held(
    legacy: Path | str, backend: Backend, tmp_path: Path
) -> None:
    with backend.open(tmp_path / "x.db") as store:
        results = list(store.import_paths([tmp_path / "in"], workers=0))
        assert sorted((r.status, r.sheet or "") for r in results) == [
            ("imported", "V8 Jun 2018"),
            ("imported", "V9 Jul 2018"),
            ("skipped", ""),  # the Word V8, stored before
        ]
        versions = store.versions("CP Reduction")
        assert [(v.label, [d.sheet for d in v.documents]) for v in versions] == [
            ("V8", ["", "V8 Jun 2018"]),
            ("V9", ["V9 Jul 2018"]),
        ]
        v8, v9 = read_versions(tmp_path / "in" / VERSIONS.name)
        assert store.document(versions[1].documents[0].id) == v9
        # The old reading of the workbook is gone, its actions with it.
        assert query(legacy, "SELECT count(*) FROM documents WHERE sheet IS NULL") == [(0,)]
        assert query(legacy, "SELECT count(*) FROM actions") == [(19 * 3,)]
        again = list(store.import_paths([tmp_path / "in"], workers=0))
    assert sorted((r.status, r.sheet or "") for r in again) == [
        ("skipped", ""),
        ("skipped", "V8 Jun 2018"),
        ("skipped", "V9 Jul 2018"),
    ]
    assert v8.document.sheet == "V8 Jun 2018"
