"""The store: batch import of review documents into SQLite, and queries over it."""

from actionplan.extract.formats import discover
from actionplan.store.errors import (
    NoDatabase,
    SchemaTooNew,
    StoreError,
    UnknownPlan,
    UnknownVersion,
)
from actionplan.store.importer import ImportProgress, ImportResult
from actionplan.store.sqlite import (
    DocumentSummary,
    ImportFailure,
    PlanSummary,
    Store,
    VersionSummary,
)

__all__ = [
    "DocumentSummary",
    "ImportFailure",
    "ImportProgress",
    "ImportResult",
    "NoDatabase",
    "PlanSummary",
    "SchemaTooNew",
    "Store",
    "StoreError",
    "UnknownPlan",
    "UnknownVersion",
    "VersionSummary",
    "discover",
]
