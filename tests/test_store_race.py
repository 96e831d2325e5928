"""Two importers racing on a new database both succeed: each document stored exactly once,
no "database is locked", no traceback or "Bad file descriptor" at exit.

The default run races a few rounds; the 100-round soak of each race is by hand:
`python -m pytest tests/test_store_race.py -m byhand`."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from actionplan.models import Plan
from actionplan.store import Store
from tests.test_store_faults import ROOT, make_versions, sound


def _import_in_a_child(db: Path, plans: list[Plan], paths: list[Path]) -> None:
    # A child of fork: its own connection, as a second `actionplan import` would have.
    code = 0
    try:
        with Store(db) as store:
            for path, plan in zip(paths, plans, strict=True):
                if not store.known(plan.document.sha256):
                    result = store.add_document(path, plan.document.sha256, plan)
                    code |= result.status == "failed"
    except BaseException:
        code = 2
    os._exit(code)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks writers")
@pytest.mark.parametrize("rounds", [3, pytest.param(100, marks=pytest.mark.byhand)])
def test_six_writers_racing_to_create_a_database_all_succeed(
    tmp_path: Path, samples: Path, rounds: int
) -> None:
    # Before the retries, 2 rounds in 100 (and 2 in 300) lost a writer to "not an
    # actionplan database (database is locked)": SQLite answers "busy" at once, without
    # waiting, where waiting could deadlock (two connections upgrading their locks).
    from actionplan.api import read

    paths = make_versions(tmp_path / "in", samples, 3)
    plans = [read(p) for p in paths]
    for round_ in range(rounds):
        db = tmp_path / f"race{round_}.db"
        children = []
        for order in (plans, plans[::-1]) * 3:
            pid = os.fork()
            if pid == 0:
                _import_in_a_child(db, order, [Path(p.document.source) for p in order])
            children.append(pid)
        codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in children]
        assert codes == [0] * 6, round_
        assert sound(db) == 3


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="runs importers side by side")
@pytest.mark.parametrize("rounds", [10, pytest.param(100, marks=pytest.mark.byhand)])
def test_two_importers_racing_on_a_new_database_both_succeed(
    tmp_path: Path, samples: Path, rounds: int
) -> None:
    make_versions(tmp_path / "in", samples, 3)
    command = [sys.executable, "-m", "actionplan", "import", str(tmp_path / "in")]
    for round_ in range(rounds):
        db = tmp_path / f"race{round_}.db"
        runs = [
            subprocess.Popen(
                [*command, "--db", str(db), "--workers", "1"],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outs = [r.communicate(timeout=120) for r in runs]
        for run, (_, err) in zip(runs, outs, strict=True):
            assert run.returncode == 0, (round_, err)
            assert "Traceback" not in err and "Bad file descriptor" not in err, (round_, err)
            assert "error" not in err, (round_, err)
        assert sound(db) == 3
        conn = sqlite3.connect(db)
        sources = [r[0] for r in conn.execute("SELECT source FROM documents ORDER BY source")]
        conn.close()
        assert len(set(sources)) == 3, round_
        imported = sum(int(err.split(" imported,")[0].split()[-1]) for _, err in outs)
        assert imported == 3, (round_, [e for _, e in outs])
