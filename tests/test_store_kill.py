"""An import killed with SIGKILL part-way leaves a sound database of whole documents, and
importing again completes it."""

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


def documents_in(db: Path) -> int:
    """Return how many documents a reader sees now, without writing to the database."""
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
    tmp_path: Path, samples: Path
) -> None:
    docs = tmp_path / "docs"
    make_versions(docs, samples)
    db = tmp_path / "plans.db"
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

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = conn.execute("SELECT id, action_count, plan_json FROM documents").fetchall()
        for doc_id, action_count, plan_json in rows:
            plan = json.loads(plan_json)
            actions = conn.execute(
                "SELECT count(*) FROM actions WHERE document_id = ?", (doc_id,)
            ).fetchone()[0]
            entries = conn.execute(
                "SELECT count(*) FROM updates JOIN actions ON actions.id = updates.action_id "
                "WHERE actions.document_id = ?",
                (doc_id,),
            ).fetchone()[0]
            assert actions == action_count == len(plan["actions"]) == 19
            assert entries == sum(len(a["updates"]) for a in plan["actions"])
        assert conn.execute(
            "SELECT count(*) FROM versions WHERE id NOT IN (SELECT version_id FROM documents)"
        ).fetchone() == (0,)
    finally:
        conn.close()

    # The worker notices its parent is gone and exits rather than waiting forever.
    deadline = time.monotonic() + 10
    while any(alive(int(pid)) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(int(pid)) for pid in workers)

    result = CliRunner().invoke(cli, ["import", str(docs), "--db", str(db), "--workers", "1"])
    assert result.exit_code == 0, result.stderr
    assert f"{COPIES - before} imported, {before} skipped, 0 failed" in result.stderr
    assert documents_in(db) == COPIES
