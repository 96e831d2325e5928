"""What the store keeps is what was read, on SQLite and PostgreSQL (the `backend` fixture):
every sample and tracker sample imported, each stored Plan equals the Plan read from its
file (one per version sheet), and the query columns of its actions and dated entries hold
every field of every action, the spreadsheet cell address too."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from actionplan.api import read_versions
from actionplan.errors import ActionplanError
from actionplan.models import Action, Due, Plan, Provenance, UpdateEntry
from actionplan.store import open_store
from tests.conftest import SAMPLE_FILES, SAMPLES
from tests.store_backends import Backend, query

# The trackers read without LibreOffice (.ods and .xls convert through it).
TRACKER_FILES = sorted(
    p.name for p in (SAMPLES / "trackers").iterdir() if p.suffix in (".xlsx", ".xlsm", ".csv")
)
FILES = [SAMPLES / n for n in SAMPLE_FILES] + [SAMPLES / "trackers" / n for n in TRACKER_FILES]

ACTION_COLUMNS = (
    "a.position, a.ref, a.section, a.action, a.owners, a.owner_text, a.due_text, a.due_kind, "
    "a.due_date, a.due_end, a.due_recurrence, a.rag, a.rag_label, a.rag_source, a.rag_text, "
    "a.rag_rgb, a.update_text, a.page, a.row, a.pages, a.table_index, a.extra, a.cell, a.id"
)


def action_of_columns(row: tuple[Any, ...], updates: list[tuple[Any, ...]]) -> dict[str, Any]:
    """Return the JSON of the Action that one actions row and its updates rows hold."""
    (_, ref, section, action, owners, owner_text, due_text, due_kind, due_date, due_end,
     recurrence, rag, rag_label, rag_source, rag_text, rag_rgb, update_text, page, row_,
     pages, table, extra, cell, _) = row  # fmt: skip
    return {
        "ref": ref,
        "action": action,
        "owners": json.loads(owners),
        "owner_text": owner_text,
        "due": {
            "text": due_text, "kind": due_kind, "date": due_date, "end": due_end,
            "recurrence": recurrence,
        },
        "updates": [
            {"date": d, "date_text": written, "lead": lead, "text": text}
            for d, written, lead, text in updates
        ],
        "update_text": update_text,
        "rag": rag,
        "rag_label": rag_label,
        "rag_source": rag_source,
        "provenance": {
            "page": page, "row": row_, "pages": json.loads(pages), "table": table, "cell": cell,
        },
        "section": section,
        "rag_text": rag_text,
        "rag_rgb": rag_rgb,
        "extra": json.loads(extra),
    }  # fmt: skip


def test_the_columns_read_back_name_every_field_of_an_action() -> None:
    # A field added to the models without a column of its own fails here.
    row = (1, "1", None, "a", "[]", "", "", "date", None, None, None, None, None, None, "",
           None, "", None, 0, "[]", 0, "{}", None, 7)  # fmt: skip
    data = action_of_columns(row, [("2019-01-01", "1/1/19", None, "done")])
    assert set(data) == set(Action.model_fields)
    assert set(data["due"]) == set(Due.model_fields)
    assert set(data["updates"][0]) == set(UpdateEntry.model_fields)
    assert set(data["provenance"]) == set(Provenance.model_fields)


@pytest.fixture(scope="module")
def stored(
    tmp_path_factory: pytest.TempPathFactory, backend: Backend
) -> tuple[Path | str, dict[int, Plan]]:
    """Every sample imported; each stored document's id with the Plan read from its file."""
    root = tmp_path_factory.mktemp("roundtrip")
    folder = root / "in"
    folder.mkdir()
    for f in FILES:
        shutil.copy(f, folder / f.name)
    expected: dict[tuple[str, str], Plan] = {}
    for f in FILES:
        try:
            plans = read_versions(folder / f.name)
        except ActionplanError:  # a sample of a bad input (a password-protected tracker)
            (folder / f.name).unlink()
            continue
        expected.update({(str(folder / f.name), p.document.sheet or ""): p for p in plans})
    db = backend.target(root / "x.db")
    with backend.open(root / "x.db") as store:
        results = list(store.import_paths([folder], workers=0))
    assert [r.status for r in results] == ["imported"] * len(results), results
    assert len(results) == len(expected)
    plans = {r.document_id: expected[(r.path, r.sheet or "")] for r in results if r.document_id}
    return db, plans


@pytest.mark.slow  # reads every sample, PDFs too
def test_every_stored_plan_equals_the_plan_read_from_its_file(
    stored: tuple[Path | str, dict[int, Plan]],
) -> None:
    db, plans = stored
    with open_store(db, create=False) as store:
        for document_id, plan in plans.items():
            assert store.document(document_id) == plan, plan.document.source


@pytest.mark.slow  # reads every sample, PDFs too
def test_every_field_of_every_action_is_in_the_query_columns(
    stored: tuple[Path | str, dict[int, Plan]],
) -> None:
    db, plans = stored
    cells = 0
    for document_id, plan in plans.items():
        rows = query(
            db,
            f"SELECT {ACTION_COLUMNS} FROM actions a WHERE a.document_id = ? ORDER BY a.position",
            document_id,
        )
        got = [
            action_of_columns(
                r,
                query(
                    db,
                    "SELECT date, date_text, lead, text FROM updates WHERE action_id = ? "
                    "ORDER BY position",
                    r[-1],
                ),
            )
            for r in rows
        ]
        assert got == [a.model_dump(mode="json") for a in plan.actions], plan.document.source
        doc = query(
            db,
            "SELECT source, sha256, format, title, review_date, version, pages, action_count, "
            "warning_count, sheet FROM documents WHERE id = ?",
            document_id,
        )
        d = plan.document
        assert doc == [
            (d.source, d.sha256, d.format, d.title, d.review_date and d.review_date.isoformat(),
             d.version, d.pages, len(plan.actions), len(plan.warnings), d.sheet or "")
        ]  # fmt: skip
        cells += sum(a.provenance.cell is not None for a in plan.actions)
    # The trackers' actions have cell addresses, and they are kept.
    assert cells > 100
