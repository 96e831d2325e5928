"""The store: batch import of review documents into a database, and queries over it.

`open_store(target)` picks the backend: a database file is SQLite
(`actionplan.store.sqlite.Store`, the default), a postgresql:// URL a shared PostgreSQL
database (`actionplan.store.postgres.PostgresStore`, with the `postgres` extra). Every
backend implements `PlanStore`.
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
    """Return the store `target` names: a store as it is, a PostgreSQL database for a
    postgresql:// URL, else a SQLite database file."""
    if not isinstance(target, str | Path):
        return target
    from actionplan.store.postgres import PostgresStore, is_url

    if is_url(target):
        return PostgresStore(str(target), create=create)
    return Store(target, create=create)
