"""The store: batch import of review documents into a database, and queries over it.

`open_store(target)` picks the backend; SQLite (`actionplan.store.sqlite.Store`) is the
default and the only one today. Every backend implements `PlanStore`.
"""

from __future__ import annotations

from pathlib import Path

from actionplan.store.base import (
    DocumentSummary,
    ImportFailure,
    PlanStore,
    PlanSummary,
    VersionSummary,
)
from actionplan.store.importer import ImportProgress, ImportResult
from actionplan.store.sqlite import Store

__all__ = [
    "DocumentSummary",
    "ImportFailure",
    "ImportProgress",
    "ImportResult",
    "PlanStore",
    "PlanSummary",
    "Store",
    "VersionSummary",
    "open_store",
]


def open_store(target: str | Path | PlanStore, *, create: bool = True) -> PlanStore:
    """Return the store `target` names: a store as it is, else a SQLite database file."""
    if not isinstance(target, str | Path):
        return target
    return Store(target, create=create)
