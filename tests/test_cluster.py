"""Imports fanned out on Dask (`--cluster local:2`): the same store as the process pool's,
in SQLite and PostgreSQL, and a worker that dies fails only its document."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from actionplan import cluster as dask_cluster
from actionplan.batch import Parsed
from actionplan.cli import cli
from actionplan.cluster import ClusterUnavailable, check_address
from actionplan.store import open_store
from tests.conftest import SAMPLE_FILES
from tests.store_backends import Backend, query

pytest.importorskip("distributed", reason="needs the dask extra (pip install 'actionplan[dask]')")
pytestmark = pytest.mark.slow


def contents(db: Path | str) -> dict[str, Any]:
    """Return what a store holds, without its ids and import times: its plans, versions
    and documents (by source), each document's Plan, and the import errors."""
    with open_store(db, create=False) as store:
        plans = [p.to_dict() for p in store.plans()]
        errors = sorted((Path(e.path).name, e.kind, e.error) for e in store.import_errors())
    for p in plans:
        p.pop("id")
        for v in p["versions"]:
            v.pop("id")
            for d in v["documents"]:
                d.pop("id")
                d.pop("imported_at")
                d["source"] = Path(d["source"]).name
    stored = {
        Path(source).name: json.loads(plan_json)
        for source, plan_json in query(db, "SELECT source, plan_json FROM documents")
    }
    return {"plans": plans, "documents": stored, "errors": errors}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, samples: Path) -> Path:
    root = tmp_path_factory.mktemp("cluster") / "plans"
    root.mkdir()
    for name in SAMPLE_FILES:
        shutil.copy(samples / name, root / name)
    (root / "empty.pdf").write_bytes(b"")
    return root


def test_an_import_on_a_local_cluster_stores_what_the_process_pool_stores(
    folder: Path, tmp_path: Path, backend: Backend
) -> None:
    pool, dask = backend.target(tmp_path / "pool.db"), backend.target(tmp_path / "dask.db")
    by_pool = CliRunner().invoke(cli, ["import", str(folder), "--db", str(pool), "--workers", "2"])
    by_dask = CliRunner().invoke(
        cli, ["import", str(folder), "--db", str(dask), "--cluster", "local:2"]
    )
    assert by_pool.exit_code == by_dask.exit_code == 1  # the empty PDF
    counts = f"{len(SAMPLE_FILES)} imported, 0 skipped, 1 failed"
    assert counts in by_pool.stderr and counts in by_dask.stderr, by_dask.stderr
    assert "empty.pdf" in by_dask.stderr and "the file is empty" in by_dask.stderr
    assert contents(dask) == contents(pool)
    again = CliRunner().invoke(
        cli, ["import", str(folder), "--db", str(dask), "--cluster", "local:2"]
    )
    assert f"0 imported, {len(SAMPLE_FILES)} skipped, 1 failed" in again.stderr


def _die_on_poison(path: str, *args: Any) -> Parsed:
    if "poison" in Path(path).name:
        os._exit(3)  # takes the Dask worker process down with it
    return _read_on_worker(path, *args)


_read_on_worker = dask_cluster.read_on_worker


def test_a_document_that_kills_its_worker_fails_alone_and_the_batch_goes_on(
    tmp_path: Path, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("cp-reduction-v8.txt", "cp-reduction-v7.docx"):
        shutil.copy(samples / name, tmp_path / name)
    shutil.copy(samples / "cp-reduction-v8.docx", tmp_path / "poison.docx")
    # The workers unpickle the task by name, so they run this module's function.
    monkeypatch.setattr(dask_cluster, "read_on_worker", _die_on_poison)
    db = tmp_path / "x.db"
    with open_store(db) as store:
        results = {
            Path(r.path).name: r
            for r in store.import_paths([tmp_path], cluster="local:2", timeout=60)
        }
    assert {n: r.status for n, r in results.items()} == {
        "cp-reduction-v7.docx": "imported",
        "cp-reduction-v8.txt": "imported",
        "poison.docx": "failed",
    }
    assert results["poison.docx"].reason == (
        "the Dask worker reading it died, each time it was tried "
        "(the reader crashed or ran out of memory)"
    )
    assert query(db, "SELECT kind FROM import_errors") == [("WorkerLost",)]


def test_a_cluster_address_is_checked_before_anything_is_read(tmp_path: Path) -> None:
    assert check_address("tcp://10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    assert check_address("local:4") == "local:4"
    for bad in ("local:0", "local:two", "scheduler:8786"):
        with pytest.raises(ClusterUnavailable):
            check_address(bad)
    result = CliRunner().invoke(
        cli, ["import", str(tmp_path), "--db", str(tmp_path / "x.db"), "--cluster", "nowhere"]
    )
    assert result.exit_code == 2
    assert "not a scheduler address" in result.stderr and "Traceback" not in result.stderr


def test_a_scheduler_that_cannot_be_reached_is_one_line_and_nothing_is_lost(
    tmp_path: Path, samples: Path
) -> None:
    shutil.copy(samples / "cp-reduction-v8.txt", tmp_path / "v8.txt")
    db = tmp_path / "x.db"
    # Port 9 (discard): nothing listens, so the client gives up after its timeout.
    args = ["import", str(tmp_path / "v8.txt"), "--db", str(db), "--cluster", "tcp://127.0.0.1:9"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1 and "cannot reach the Dask scheduler" in errors[0], result.stderr
