"""An import killed with SIGKILL part-way leaves a sound database of whole documents, and
importing again completes it: in SQLite and in PostgreSQL (the `backend` fixture)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from actionplan.cli import cli
from tests.store_backends import Backend, query

COPIES = 200
ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
    pytest.mark.slow,
]


def make_versions(folder: Path, samples: Path) -> None:
    """Write COPIES text dumps of V8, each a distinct version (V100, V101, …)."""
    seed = (samples / "cp-reduction-v8.txt").read_text("utf-8")
    assert "– V8" in seed
    folder.mkdir()
    for i in range(COPIES):
        text = seed.replace("– V8", f"– V{100 + i}")
        (folder / f"cp-v{100 + i}.txt").write_text(text, encoding="utf-8")


def documents_in(db: Path | str) -> int:
    """Return how many documents a reader sees now, without writing to the database."""
    if isinstance(db, str):
        try:
            return int(query(db, "SELECT count(*) FROM documents")[0][0])
        except Exception:  # not created yet
            return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    except sqlite3.Error:
        return 0
    try:
        return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:  # not created yet
        return 0
    finally:
        conn.close()


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            return "\nState:\tZ" not in fh.read()
    except FileNotFoundError:
        return False


def test_a_killed_import_leaves_whole_documents_and_a_reimport_completes_it(
    tmp_path: Path, samples: Path, backend: Backend
) -> None:
    docs = tmp_path / "docs"
    make_versions(docs, samples)
    db = backend.target(tmp_path / "plans.db")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "actionplan",
            "import",
            str(docs),
            "--db",
            str(db),
            "--workers",
            "1",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while documents_in(db) < 10 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        workers = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(proc.pid)], capture_output=True, text=True
        ).stdout.split()
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    before = documents_in(db)
    assert 10 <= before < COPIES, "the import must be killed part-way"

    if backend.name == "sqlite":  # PostgreSQL keeps its own files sound
        assert query(db, "PRAGMA integrity_check") == [("ok",)]
        assert query(db, "PRAGMA foreign_key_check") == []
    rows = query(db, "SELECT id, action_count, plan_json FROM documents")
    for doc_id, action_count, plan_json in rows:
        plan = json.loads(plan_json)
        (actions,) = query(db, "SELECT count(*) FROM actions WHERE document_id = ?", doc_id)[0]
        (entries,) = query(
            db,
            "SELECT count(*) FROM updates JOIN actions ON actions.id = updates.action_id "
            "WHERE actions.document_id = ?",
            doc_id,
        )[0]
        assert actions == action_count == len(plan["actions"]) == 19
        assert entries == sum(len(a["updates"]) for a in plan["actions"])
    assert query(
        db, "SELECT count(*) FROM versions WHERE id NOT IN (SELECT version_id FROM documents)"
    ) == [(0,)]

    # The worker notices its parent is gone and exits rather than waiting forever.
    deadline = time.monotonic() + 10
    while any(alive(int(pid)) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(int(pid)) for pid in workers)

    result = CliRunner().invoke(cli, ["import", str(docs), "--db", str(db), "--workers", "1"])
    assert result.exit_code == 0, result.stderr
    assert f"{COPIES - before} imported, {before} skipped, 0 failed" in result.stderr
    assert documents_in(db) == COPIES
