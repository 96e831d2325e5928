"""Errors of the store, all ActionplanError so the CLI reports each in one line.

ActionplanError
└── StoreError          a problem with the database or a query of it
    ├── NoDatabase      the database file does not exist (queries never create one)
    ├── SchemaTooNew    the database was made by a newer actionplan
    ├── UnknownPlan     no plan, or more than one, answers to the name given
    └── UnknownVersion  no version, or more than one, answers to the label given
"""

from __future__ import annotations

from actionplan.errors import ActionplanError


class StoreError(ActionplanError):
    """A problem with the database or a query of it."""


class NoDatabase(StoreError):
    """The database file does not exist."""


class SchemaTooNew(StoreError):
    """The database's schema version is newer than this actionplan knows."""


class UnknownPlan(StoreError):
    """No plan, or more than one, answers to the name given."""


class UnknownVersion(StoreError):
    """No version, or more than one, answers to the label given."""
