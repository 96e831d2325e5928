"""A long import on `--cluster local:2` keeps the importing process flat: the scheduler it
holds keeps nothing per document once the document is written (issue 16, "Memory stays
flat over a 10,000-document import")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from actionplan import cluster as dask_cluster
from actionplan.store import open_store
from tests.conftest import numbered_versions

pytest.importorskip("distributed", reason="needs the dask extra (pip install 'actionplan[dask]')")
pytestmark = pytest.mark.slow

DOCUMENTS = 130
FORGET_EVERY = 40


def _scheduler_state(dask_scheduler: Any) -> dict[str, Any]:
    from dask.utils import key_split

    spans = dask_scheduler.extensions["spans"].spans.values()
    return {
        "tasks": len(dask_scheduler.tasks),
        "task_groups": len(dask_scheduler.task_groups),
        "spans": len(spans),
        "span_groups": sum(len(s.groups) for s in spans),
        "span_notes": max(len((s._metadata or {}).get("collections", ())) for s in spans),
        "key_prefixes_memo": key_split.cache_info().currsize,
        "transition_log": len(dask_scheduler.transition_log),
        "monitor_samples": dask_scheduler.monitor.maxlen,
    }


def test_a_long_import_on_a_local_cluster_leaves_no_state_per_document_in_the_scheduler(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = tmp_path / "docs"
    numbered_versions(docs, range(100, 100 + DOCUMENTS))
    monkeypatch.setattr(dask_cluster, "_FORGET_EVERY", FORGET_EVERY)
    clients: list[Any] = []
    start = dask_cluster._client

    def client(address: str) -> tuple[Any, Any]:
        made = start(address)
        clients.append(made[0])
        return made

    monkeypatch.setattr(dask_cluster, "_client", client)
    states = {}
    with open_store(tmp_path / "x.db") as store:
        for i, result in enumerate(store.import_paths([docs], cluster="local:2"), 1):
            assert result.status == "imported", result
            if i in (FORGET_EVERY - 1, DOCUMENTS):  # the cluster is still up
                states[i] = clients[0].run_on_scheduler(_scheduler_state)
    early, late = states[FORGET_EVERY - 1], states[DOCUMENTS]
    # Dask keeps these per task unless told: a memo of each key (100,000 of them), a
    # note in the span per submission, a log of 1,000 transitions, an hour of samples.
    assert early["key_prefixes_memo"] >= FORGET_EVERY - 1
    assert early["span_notes"] >= FORGET_EVERY - 1
    # Here they are forgotten every FORGET_EVERY documents, so however many are imported.
    assert late["key_prefixes_memo"] < FORGET_EVERY
    assert late["span_notes"] < FORGET_EVERY
    assert late["transition_log"] <= 20
    assert late["monitor_samples"] == 120
    # A few documents in flight, one task group and one span for the whole import.
    assert late["tasks"] <= 4
    assert late["task_groups"] <= 1
    assert late["spans"] == 1
    assert late["span_groups"] <= 2


def _cannot_forget(dask_scheduler: Any) -> None:
    raise RuntimeError("a scheduler whose internals changed")


def test_an_import_goes_on_when_the_scheduler_cannot_forget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    numbered_versions(tmp_path, range(100, 106))
    monkeypatch.setattr(dask_cluster, "_FORGET_EVERY", 2)
    monkeypatch.setattr(dask_cluster, "_forget_history", _cannot_forget)
    with open_store(tmp_path / "x.db") as store:
        statuses = [r.status for r in store.import_paths([tmp_path], cluster="local:2")]
    assert statuses == ["imported"] * 6
