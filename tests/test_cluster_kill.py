"""On a real cluster's default, daemonic Dask workers (`dask worker` starts daemonic
processes, and multiprocessing forbids a daemon children), a document that hangs is still
killed at the time limit: each worker thread's reader child is a fresh interpreter."""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from actionplan.store import open_store
from tests.hostile.make_hostile_pdf import resources_self
from tests.store_backends import query

pytest.importorskip("distributed", reason="needs the dask extra (pip install 'actionplan[dask]')")
pytestmark = pytest.mark.slow

LIMIT = 2


def _daemonic() -> bool:
    return multiprocessing.current_process().daemon


@pytest.fixture(scope="module")
def daemonic_scheduler() -> Iterator[str]:
    import dask
    from distributed import Client, LocalCluster

    with dask.config.set({"distributed.worker.daemon": True}):  # the default, said
        local = LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        )
    with Client(local, set_as_default=False) as client:
        assert set(client.run(_daemonic).values()) == {True}
    try:
        yield local.scheduler_address
    finally:
        local.close()


def test_a_daemonic_dask_worker_kills_a_hanging_document_and_the_batch_imports(
    tmp_path: Path, samples: Path, daemonic_scheduler: str
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    resources_self(docs / "hang.pdf")
    for name in ("cp-reduction-v8.txt", "cp-reduction-v7.docx"):
        (docs / name).write_bytes((samples / name).read_bytes())
    db = tmp_path / "x.db"
    done: dict[str, Any] = {}

    def run() -> None:
        with open_store(db) as store:
            for r in store.import_paths([docs], cluster=daemonic_scheduler, timeout=LIMIT):
                done[Path(r.path).name] = (r.status, r.reason, time.monotonic() - started)

    started = time.monotonic()
    importing = threading.Thread(target=run, daemon=True)
    importing.start()
    importing.join(120)
    assert not importing.is_alive(), f"the import hangs; answers so far: {done}"
    assert {name: answer[:2] for name, answer in done.items()} == {
        "hang.pdf": ("failed", f"exceeded the {LIMIT} s limit"),
        "cp-reduction-v8.txt": ("imported", None),
        "cp-reduction-v7.docx": ("imported", None),
    }
    # The limit, two seconds to kill, and the reader children's start on a loaded machine.
    assert done["hang.pdf"][2] < LIMIT + 2 + 20
    assert query(db, "SELECT kind FROM import_errors") == [("TimedOut",)]
