"""A long import keeps, of each file written, its digest and nothing more: the results are
the caller's, and a later file with the same bytes is told them from the store."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

from actionplan.store import ImportResult, open_store
from tests.conftest import numbered_versions

DOCUMENTS = 15


def _results_alive() -> int:
    gc.collect()
    return sum(isinstance(o, ImportResult) for o in gc.get_objects())


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
                alive.append(_results_alive())
            else:
                last = result
    assert alive[1] - alive[0] <= 1, alive  # not one per document
    assert (last.status, last.duplicate, last.document_id) == ("skipped", True, 1)
    assert last.reason == f"same bytes as {docs / 'cp-v100.txt'}, in this import (document 1)"
