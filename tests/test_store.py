"""The store: import folders of review documents into SQLite or PostgreSQL (the `backend`
fixture runs each test on both), then list, diff, follow and export plans from it as
from the files themselves."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import actionplan
from actionplan import SchemaTooNew, UnknownPlan, UnknownVersion, batch
from actionplan.cli import cli
from actionplan.extract.formats import discover
from actionplan.normalise.keys import parse_version_label, plan_key, version_key
from actionplan.store import PlanStore, Store, open_store, schema
from tests.conftest import SAMPLE_FILES, slow_to_read
from tests.docx_builder import row, table, write_docx
from tests.store_backends import Backend, query

GOOD = SAMPLE_FILES
CP = "CP Reduction"


@dataclass
class Imported:
    root: Path
    db: Path | str  # a SQLite file or a PostgreSQL URL
    first: object  # click Result of the first import
    second: object  # click Result of importing the same folders again


def make_folders(root: Path, samples: Path) -> tuple[Path, Path]:
    """Copy the samples into plans/ (nested), and build bad/ with three unreadable files."""
    plans = root / "plans"
    (plans / "cp" / "2018").mkdir(parents=True)
    (plans / "workforce").mkdir()
    for name in GOOD:
        target = plans / ("workforce" if name.startswith("workforce") else "cp/2018")
        shutil.copy(samples / name, target / name)
    bad = root / "bad"
    bad.mkdir()
    (bad / "empty.pdf").write_bytes(b"")
    (bad / "truncated.docx").write_bytes((samples / "cp-reduction-v8.docx").read_bytes()[:3000])
    write_docx(
        bad / "shopping.docx",
        table(row("Item", "Quantity", "Price"), row("Milk", "2", "1.10")),
    )
    return plans, bad


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory, samples: Path, backend: Backend) -> Imported:
    root = tmp_path_factory.mktemp("store")
    plans, bad = make_folders(root, samples)
    db = backend.target(root / "plans.db")
    args = ["import", str(plans), str(bad), "--db", str(db), "--workers", "2"]
    first = CliRunner().invoke(cli, args)
    second = CliRunner().invoke(cli, args)
    return Imported(root, db, first, second)


@pytest.fixture
def store(imported: Imported) -> Iterator[PlanStore]:
    with open_store(imported.db, create=False) as s:
        yield s


@pytest.mark.slow
def test_import_takes_every_good_document_and_lists_every_bad_one_then_exits_1(
    imported: Imported,
) -> None:
    result = imported.first
    assert result.exit_code == 1, result.stderr
    sources = sorted(Path(s).name for (s,) in query(imported.db, "SELECT source FROM documents"))
    assert sources == sorted(GOOD)
    assert "7 imported, 0 skipped, 3 failed (10 file(s))" in result.stderr
    table_lines = result.stderr.split("3 of 10 files failed:", 1)[1]
    reasons = {
        "empty.pdf": "the file is empty",
        "truncated.docx": "damaged or truncated zip archive",
        "shopping.docx": "no action table found",
    }
    for name, reason in reasons.items():
        line = next(ln for ln in table_lines.splitlines() if name in ln)
        assert reason in line
    errors = query(imported.db, "SELECT path, kind, error FROM import_errors ORDER BY path")
    assert [(Path(p).name, k) for p, k, _ in errors] == [
        ("empty.pdf", "CorruptDocument"),
        ("shopping.docx", "NotAnActionPlan"),
        ("truncated.docx", "CorruptDocument"),
    ]
    for path, _, error in errors:
        assert reasons[Path(path).name] in error


@pytest.mark.slow
def test_importing_again_adds_nothing_and_says_each_file_was_skipped(imported: Imported) -> None:
    result = imported.second
    assert result.exit_code == 1  # the bad files are still bad
    assert "0 imported, 7 skipped, 3 failed (10 file(s))" in result.stderr
    assert "7 skipped: already in the database (same bytes)" in result.stderr
    assert query(imported.db, "SELECT count(*) FROM documents") == [(7,)]
    # The failures are the last attempt of each path, not one row per attempt.
    assert query(imported.db, "SELECT count(*) FROM import_errors") == [(3,)]


def test_skipped_results_name_the_document_already_holding_the_bytes(
    imported: Imported, store: PlanStore
) -> None:
    results = list(store.import_paths([imported.root / "plans"], workers=0))
    assert {r.status for r in results} == {"skipped"}
    assert all(
        r.reason and r.reason.startswith("already imported: same bytes as document")
        for r in results
    )
    assert all(r.document_id for r in results)


def test_the_docx_pdf_and_text_of_v8_are_three_documents_of_one_version(store: PlanStore) -> None:
    versions = store.versions(CP)
    assert [(v.label, str(v.review_date)) for v in versions] == [
        ("V7", "2018-05-16"),
        ("V8", "2018-06-14"),
    ]
    assert versions[0].formats == ["docx", "pdf"]
    assert versions[1].formats == ["docx", "pdf", "text"]
    assert versions[1].actions == 19
    # The Word original stands for the version.
    assert store.plan_document(CP, "V8").document.format == "docx"


def test_plans_are_recognised_by_normalised_title(store: PlanStore) -> None:
    plans = store.plans()
    assert [(p.key, p.title) for p in plans] == [
        ("cp reduction action plan", "CP Reduction Action Plan Review"),
        ("workforce improvement plan", "Workforce Improvement Plan – Progress Update"),
    ]
    assert [v.label for v in plans[1].versions] == ["Version 3"]


@pytest.mark.slow
def test_a_stored_plan_round_trips_exactly(imported: Imported, store: PlanStore) -> None:
    for doc_id, source in query(imported.db, "SELECT id, source FROM documents"):
        assert store.document(doc_id) == actionplan.read(source)


def test_actions_and_updates_are_columns_with_the_raw_cell_text_beside(
    imported: Imported, store: PlanStore
) -> None:
    plan = store.plan_document(CP, "V8")
    (doc_id,) = query(
        imported.db, "SELECT id FROM documents WHERE sha256 = ?", plan.document.sha256
    )[0]
    rows = query(
        imported.db,
        "SELECT id, ref, action, owners, owner_text, due_text, due_kind, due_date, rag, "
        "rag_source, update_text FROM actions WHERE document_id = ? ORDER BY position",
        doc_id,
    )
    assert len(rows) == len(plan.actions) == 19
    for r, a in zip(rows, plan.actions, strict=True):
        assert r[1:] == (
            a.ref,
            a.action,
            json.dumps(a.owners, ensure_ascii=False),
            a.owner_text,
            a.due.text,
            a.due.kind,
            a.due.date.isoformat() if a.due.date else None,
            a.rag,
            a.rag_source,
            a.update_text,
        )
        entries = query(
            imported.db,
            "SELECT date, date_text, lead, text FROM updates WHERE action_id = ? ORDER BY position",
            r[0],
        )
        assert entries == [
            (u.date.isoformat() if u.date else None, u.date_text, u.lead, u.text) for u in a.updates
        ]
    action9 = next(r for r in rows if r[1] == "9")
    assert "CP reduced to 180 (11/06)." in action9[-1]


def _without_sources(data: dict) -> dict:
    data = json.loads(json.dumps(data))
    for side in ("old", "new"):
        data[side].pop("source")
    return data


def test_diff_from_the_store_equals_the_diff_of_the_files(
    imported: Imported, samples: Path
) -> None:
    stored = CliRunner().invoke(
        cli, ["diff", "--plan", CP, "V7", "V8", "--db", str(imported.db), "--format", "json"]
    )
    assert stored.exit_code == 0, stored.stderr
    files = CliRunner().invoke(
        cli,
        [
            "diff",
            str(samples / "cp-reduction-v7.docx"),
            str(samples / "cp-reduction-v8.docx"),
            "--format",
            "json",
        ],
    )
    assert files.exit_code == 0, files.stderr
    from_store, from_files = json.loads(stored.stdout), json.loads(files.stdout)
    # The board report counts slips over every stored version (--plan), the files' over two.
    report, files_report = from_store.pop("report"), from_files.pop("report")
    assert _without_sources(from_store) == _without_sources(from_files)
    assert report["slip_versions"] == files_report["slip_versions"] == 2  # V7 and V8
    # The stored plan's history is given, so the report says how often each due date moved.
    slipped = [
        h["actions"]
        for r in (report, files_report)
        for h in r["exceptions"]
        if h["key"] == "slipped"
    ]
    assert [[a["detail"] for a in s] for s in slipped] == [
        ["slipped 31 days; slipped 1 time in 2 reviews"],
        ["slipped 31 days"],
    ]
    keys = [(h["key"], [a["ref"] for a in h["actions"]]) for h in report["exceptions"]]
    assert keys == [
        (h["key"], [a["ref"] for a in h["actions"]]) for h in files_report["exceptions"]
    ]


def test_versions_are_named_by_version_or_review_date(store: PlanStore) -> None:
    by_version = store.diff(CP, "v7", "8")
    by_date = store.diff(CP, "16/05/2018", "2018-06-14")
    assert by_version == by_date


def test_history_from_the_store_follows_every_version(imported: Imported, samples: Path) -> None:
    result = CliRunner().invoke(
        cli, ["history", "--plan", "cp reduction", "--db", str(imported.db), "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [v["version"] for v in data["versions"]] == ["V7", "V8"]
    expected = actionplan.history(
        samples / "cp-reduction-v8.docx", samples / "cp-reduction-v7.docx"
    )
    assert [a["refs"] for a in data["actions"]] == [a.refs for a in expected.actions]
    assert [a["completed_in"] for a in data["actions"]] == [
        a.completed_in for a in expected.actions
    ]


def test_plans_command_lists_plans_versions_dates_counts_and_formats(imported: Imported) -> None:
    result = CliRunner().invoke(cli, ["plans", "--db", str(imported.db)])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "CP Reduction Action Plan Review" in out and "2 version(s), 5 file(s)" in out
    v8 = next(ln for ln in out.splitlines() if ln.strip().startswith("V8"))
    assert v8.split() == ["V8", "14/06/2018", "19", "docx,", "pdf,", "text"]
    assert "3 file(s) could not be imported" in result.stderr
    as_json = json.loads(
        CliRunner().invoke(cli, ["plans", "--db", str(imported.db), "-f", "json"]).stdout
    )
    cp = as_json["plans"][0]
    assert [(v["label"], v["review_date"], v["actions"], v["formats"]) for v in cp["versions"]] == [
        ("V7", "2018-05-16", 20, ["docx", "pdf"]),
        ("V8", "2018-06-14", 19, ["docx", "pdf", "text"]),
    ]
    assert len(as_json["import_errors"]) == 3


def test_export_writes_every_version_and_the_history_to_excel(
    imported: Imported, tmp_path: Path
) -> None:
    out = tmp_path / "cp.xlsx"
    result = CliRunner().invoke(
        cli, ["export", "--plan", CP, "--db", str(imported.db), "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    wb = load_workbook(out)
    assert {"Actions", "Updates", "History", "Versions"} <= set(wb.sheetnames)
    assert wb["Actions"].max_row == 1 + 20 + 19
    history = wb["History"]
    headers = [c.value for c in history[1]]
    assert headers[-2:] == ["V7 (16/05/2018)", "V8 (14/06/2018)"]
    assert history.max_row > 19
    blue = next(c for row in history.iter_rows(min_row=2) for c in row[-2:] if c.value == "Blue")
    assert blue.fill.fgColor.rgb.endswith("0070C0")
    assert wb["Versions"].max_row == 1 + 5
    wb.close()


def test_an_unknown_plan_or_version_is_one_line_and_exit_1(imported: Imported) -> None:
    db = ["--db", str(imported.db)]
    result = CliRunner().invoke(cli, ["diff", "--plan", "nope", "V7", "V8", *db])
    assert result.exit_code == 1
    assert "no plan named 'nope'" in result.stderr and "Traceback" not in result.stderr
    result = CliRunner().invoke(cli, ["diff", "--plan", CP, "V7", "V9", *db])
    assert result.exit_code == 1
    assert "has no version 'V9' (versions: V7 (2018-05-16), V8 (2018-06-14))" in result.stderr
    result = CliRunner().invoke(cli, ["plans", "--db", str(imported.root / "none.db")])
    assert result.exit_code == 1 and "no such database" in result.stderr
    assert not (imported.root / "none.db").exists()
    assert CliRunner().invoke(cli, ["history"]).exit_code == 2


def test_library_errors_are_typed(store: PlanStore) -> None:
    with pytest.raises(UnknownPlan):
        store.history("no such plan")
    with pytest.raises(UnknownPlan, match="several plans"):
        store.versions("plan")
    with pytest.raises(UnknownVersion):
        store.plan_document(CP, "V1")


def test_the_batch_yields_a_result_per_file_and_never_raises(
    tmp_path: Path, samples: Path, backend: Backend
) -> None:
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4 nonsense")
    (tmp_path / "b.docx").write_bytes(b"PK\x03\x04 broken")
    shutil.copy(samples / "cp-reduction-v8.txt", tmp_path / "v8.txt")
    with backend.open(tmp_path / "x.db") as store:
        results = list(store.import_paths([tmp_path, tmp_path / "gone.docx"], workers=0))
    assert sorted((Path(r.path).name, r.status) for r in results) == [
        ("a.pdf", "failed"),
        ("b.docx", "failed"),
        ("gone.docx", "failed"),
        ("v8.txt", "imported"),
    ]
    assert all(r.reason for r in results if r.status == "failed")


def test_a_file_that_is_fixed_leaves_the_error_table(
    tmp_path: Path, samples: Path, backend: Backend
) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("nothing here", encoding="utf-8")
    with backend.open(tmp_path / "x.db") as store:
        assert [r.status for r in store.import_paths([path], workers=0)] == ["failed"]
        assert len(store.import_errors()) == 1
        shutil.copy(samples / "cp-reduction-v8.txt", path)
        assert [r.status for r in store.import_paths([path], workers=0)] == ["imported"]
        assert store.import_errors() == []


def test_the_same_bytes_twice_in_one_batch_are_read_once(
    tmp_path: Path, samples: Path, backend: Backend
) -> None:
    shutil.copy(samples / "cp-reduction-v8.txt", tmp_path / "a.txt")
    shutil.copy(samples / "cp-reduction-v8.txt", tmp_path / "b.txt")
    with backend.open(tmp_path / "x.db") as store:
        results = sorted(store.import_paths([tmp_path], workers=2), key=lambda r: r.path)
    assert [r.status for r in results] == ["imported", "skipped"]
    assert results[1].document_id == results[0].document_id


_parse_document = batch.parse_document


def _crash_on_poison(path: str, *args: object) -> batch.Parsed:
    if "poison" in path:
        os._exit(3)  # a reader taking its interpreter down with it
    return _parse_document(path, *args)  # type: ignore[arg-type]


@pytest.mark.slow
def test_a_reader_crash_fails_only_the_document_that_caused_it(
    tmp_path: Path, samples: Path, monkeypatch: pytest.MonkeyPatch, backend: Backend
) -> None:
    for i in range(3):
        text = (samples / "cp-reduction-v8.txt").read_text("utf-8") + f"\n{i}\n"
        (tmp_path / f"v8-{i}.txt").write_text(text, encoding="utf-8")
    shutil.copy(samples / "cp-reduction-v7.docx", tmp_path / "poison.docx")
    monkeypatch.setattr(batch, "parse_document", _crash_on_poison)
    with backend.open(tmp_path / "x.db") as store:
        results = {Path(r.path).name: r for r in store.import_paths([tmp_path], workers=2)}
    assert {name: r.status for name, r in results.items()} == {
        "poison.docx": "failed",
        "v8-0.txt": "imported",
        "v8-1.txt": "imported",
        "v8-2.txt": "imported",
    }
    assert "process reading it died" in (results["poison.docx"].reason or "")


def test_folders_are_searched_without_lock_or_hidden_files(tmp_path: Path) -> None:
    for name in [
        "a.docx",
        "sub/b.PDF",
        "sub/deeper/c.txt",
        "~$a.docx",
        ".hidden.docx",
        ".git/d.txt",
        "notes.xlsx",
        "slides.pptx",
        "e.htm",
        "f.doc",
    ]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    found = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path])]
    assert found == ["a.docx", "e.htm", "f.doc", "notes.xlsx", "sub/b.PDF", "sub/deeper/c.txt"]
    # A file named on the command line is read whatever its extension.
    assert discover([tmp_path / "slides.pptx"]) == [tmp_path / "slides.pptx"]


def test_a_new_database_has_the_schema_version_and_foreign_keys(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    Store(db).close()
    assert query(db, "PRAGMA user_version") == [(len(schema.MIGRATIONS),)]
    assert query(db, "PRAGMA journal_mode") == [("wal",)]
    tables = {t for (t,) in query(db, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"plans", "versions", "documents", "actions", "updates", "import_errors"} <= tables
    fks = {t: query(db, f"PRAGMA foreign_key_list({t})") for t in ("actions", "updates")}
    assert fks["actions"][0][2:4] == ("documents", "document_id")
    assert fks["updates"][0][2:4] == ("actions", "action_id")
    indexes = {i for (i,) in query(db, "SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"versions_plan_date", "actions_document_ref", "updates_action"} <= indexes


def test_deleting_a_document_deletes_its_actions_and_updates(tmp_path: Path, samples: Path) -> None:
    db = tmp_path / "x.db"
    with Store(db) as store:
        list(store.import_paths([samples / "cp-reduction-v8.txt"], workers=0))
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM documents")
        conn.commit()
        assert conn.execute("SELECT count(*) FROM actions").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM updates").fetchone() == (0,)
    finally:
        conn.close()


def test_an_older_database_is_migrated_step_by_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "x.db"
    Store(db).close()
    step = ("ALTER TABLE documents ADD COLUMN reviewer TEXT",)
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, step])
    Store(db).close()
    assert query(db, "PRAGMA user_version") == [(len(schema.MIGRATIONS),)]
    assert "reviewer" in {r[1] for r in query(db, "PRAGMA table_info(documents)")}


def test_a_database_from_a_newer_actionplan_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    Store(db).close()  # ours: a bare user_version of 99 is some other program's file
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(SchemaTooNew, match="upgrade actionplan"):
        Store(db)


def test_store_is_exported_from_the_package() -> None:
    assert actionplan.Store is Store
    assert "Store" in actionplan.__all__


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("CP Reduction Action Plan Review", "cp reduction action plan"),
        ("CP Reduction Action Plan Review- 14/06/2018 – V8", "cp reduction action plan"),
        ("CP  Reduction Action-Plan", "cp reduction action plan"),
        ("Workforce Improvement Plan – Progress Update", "workforce improvement plan"),
        ("DRAFT Safeguarding & Quality Plan", "safeguarding and quality plan"),
        (None, ""),
    ],
)
def test_plan_key_drops_case_punctuation_dates_versions_and_review_words(
    title: str | None, key: str
) -> None:
    assert plan_key(title) == key


def test_version_keys_compare_numbers_however_written() -> None:
    assert {version_key(v) for v in ["V8", "v 8", "Version 8", "Version 8.0", "8"]} == {"8"}
    assert version_key("v8.1") == "8.1"
    assert parse_version_label("V7") == ("7", None)
    assert str(parse_version_label("16/05/2018")[1]) == "2018-05-16"
    assert str(parse_version_label("2018-05-16")[1]) == "2018-05-16"


def _v8_without(samples: Path, folder: Path, drop: str) -> Path:
    """Write the V8 text dump with its title line's date or version removed."""
    text = (samples / "cp-reduction-v8.txt").read_text("utf-8")
    title = "CP Reduction Action Plan Review- 14/06/2018 – V8"
    assert title in text
    short = title.replace("- 14/06/2018", "") if drop == "date" else title.replace(" – V8", "")
    path = folder / f"cp-{drop}-dropped.txt"
    path.write_text(text.replace(title, short), encoding="utf-8")
    return path


@pytest.mark.parametrize("first", ["complete", "partial"])
@pytest.mark.parametrize("drop", ["date", "version"])
def test_a_document_missing_its_date_or_version_joins_the_version_it_agrees_with(
    tmp_path: Path, samples: Path, first: str, drop: str, backend: Backend
) -> None:
    partial = _v8_without(samples, tmp_path, drop)
    complete = samples / "cp-reduction-v8.docx"
    order = [complete, partial] if first == "complete" else [partial, complete]
    with backend.open(tmp_path / "x.db") as store:
        for path in order:
            assert [r.status for r in store.import_paths([path], workers=0)] == ["imported"]
        versions = store.versions(CP)
    assert [(v.label, str(v.review_date), v.formats) for v in versions] == [
        ("V8", "2018-06-14", ["docx", "text"])
    ]


def test_a_file_edited_in_place_is_a_new_document_and_its_newest_bytes_stand_for_it(
    tmp_path: Path, samples: Path, backend: Backend
) -> None:
    path = tmp_path / "cp-v8.txt"
    text = (samples / "cp-reduction-v8.txt").read_text("utf-8")
    path.write_text(text, encoding="utf-8")
    with backend.open(tmp_path / "x.db") as store:
        list(store.import_paths([path], workers=0))
        path.write_text(text.replace("CP reduced to 180", "CP reduced to 179"), encoding="utf-8")
        assert [r.status for r in store.import_paths([path], workers=0)] == ["imported"]
        (v8,) = store.versions(CP)
        assert len(v8.documents) == 2
        assert "CP reduced to 179" in store.plan_document(CP, "V8").to_json()


def test_a_folder_without_documents_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(
        cli, ["import", str(tmp_path / "empty"), "--db", str(tmp_path / "x.db")]
    )
    assert result.exit_code == 1
    assert "no documents found in" in result.stderr


def test_one_bad_file_is_reported_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"")
    args = ["import", str(tmp_path / "a.pdf"), "--db", str(tmp_path / "x.db"), "--workers", "0"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert f"error: {tmp_path / 'a.pdf'}: the file is empty" in result.stderr


@pytest.mark.slow
def test_a_document_that_reads_too_long_is_failed_and_the_batch_goes_on(
    tmp_path: Path, samples: Path, monkeypatch: pytest.MonkeyPatch, backend: Backend
) -> None:
    slow_to_read(monkeypatch, "v7", 5)
    files = [samples / "cp-reduction-v7.docx", samples / "cp-reduction-v8.docx"]
    with backend.open(tmp_path / "t.db") as store:
        results = list(store.import_paths(files, workers=0, timeout=0.5))
    by_name = {Path(r.path).name: r for r in results}
    assert by_name["cp-reduction-v8.docx"].status == "imported"
    slow = by_name["cp-reduction-v7.docx"]
    assert slow.status == "failed"
    assert slow.reason == "exceeded the 0.5 s limit"
