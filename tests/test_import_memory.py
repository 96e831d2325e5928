"""A long import keeps nothing of each file written: the results are the caller's, and a
later file with the same bytes is told them from the store (which documents this import
stored is a run of ids)."""

from __future__ import annotations

import gc
import shutil
from collections import Counter
from pathlib import Path, PurePath

from actionplan.store import ImportResult, open_store
from tests.conftest import numbered_versions

DOCUMENTS = 15


def _alive() -> Counter[str]:
    """What the import could keep of each file: its results, its path, its digest."""
    gc.collect()
    kinds: Counter[str] = Counter()
    for o in gc.get_objects():
        if isinstance(o, ImportResult):
            kinds["result"] += 1
        elif isinstance(o, PurePath):
            kinds["path"] += 1
    # Digests, hex or raw, are not tracked by the collector: found through their holders.
    for holder in gc.get_objects():
        if isinstance(holder, dict | set | list):
            items = holder.keys() if isinstance(holder, dict) else holder
            kinds["digest"] += sum(isinstance(k, str | bytes) and len(k) in (32, 64) for k in items)
    return kinds


def test_an_import_holds_no_result_of_the_files_it_has_written(
    tmp_path: Path,
) -> None:
    docs = tmp_path / "docs"
    numbered_versions(docs, range(100, 100 + DOCUMENTS))
    # Read last, after the first is written: told from the store, not from memory.
    shutil.copy(docs / "cp-v100.txt", docs / "zz-copy.txt")
    alive = []
    with open_store(tmp_path / "x.db") as store:
        results = store.import_paths([docs], workers=0)
        for i, result in enumerate(results, 1):
            if i in (DOCUMENTS // 3, DOCUMENTS):
                del result
                alive.append(_alive())
            else:
                last = result
    grown = alive[1] - alive[0]
    # Not one per document (10 documents were written in between).
    assert all(n <= 1 for n in grown.values()), (alive, grown)
    assert (last.status, last.duplicate, last.document_id) == ("skipped", True, 1)
    assert last.reason == f"same bytes as {docs / 'cp-v100.txt'}, in this import (document 1)"
