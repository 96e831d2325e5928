"""The store's backends as a test parameter: the store suite runs on SQLite and PostgreSQL.

A test asks for `backend` and opens its stores with `backend.open(tmp_path / "x.db")`:
under SQLite that is the file, under PostgreSQL a fresh database on the session's
throwaway server (tests/pg.py), the same one each time the same path is named, so a test
reads as it would with files. `backend.target(path)` is what to pass as --db. `query`
runs one SQL statement (written with ? marks) against either.

The PostgreSQL side is marked slow (its server takes seconds to start), so the quick run
stays on SQLite. Registered from conftest.py as a plugin, so the server starts once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from actionplan.store import PlanStore, open_store
from tests import components
from tests.pg import Cluster, start_cluster


@dataclass
class Backend:
    """One backend: how a test names a database, opens it and queries it."""

    name: str
    cluster: Cluster | None = None
    urls: dict[Path, str] = field(default_factory=dict)

    def target(self, path: Path) -> Path | str:
        """Return what names the database for `path`: the file, or its PostgreSQL URL."""
        if self.cluster is None:
            return path
        if path not in self.urls:
            self.urls[path] = self.cluster.new_database()
        return self.urls[path]

    def open(self, path: Path, *, create: bool = True) -> PlanStore:
        return open_store(self.target(path), create=create)


def query(db: Path | str, sql: str, *params: object) -> list[tuple[Any, ...]]:
    """Run one statement (with ? marks) against a SQLite file or a PostgreSQL URL."""
    if isinstance(db, str) and db.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db, autocommit=True) as conn:
            cur = conn.execute(sql.replace("?", "%s"), params)
            return [tuple(r) for r in cur.fetchall()] if cur.description else []
    import sqlite3

    conn3 = sqlite3.connect(db)
    try:
        rows = conn3.execute(sql, params).fetchall()
        conn3.commit()  # a write is kept, as PostgreSQL's autocommit keeps it
        return rows
    finally:
        conn3.close()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """A PostgreSQL server for this session, in a temporary folder; skipped (failed under
    CI) when none can be started here."""
    cluster, why = start_cluster()
    if cluster is None:
        components.absent(why or "no PostgreSQL server")
    try:
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> str:
    """The URL of a new, empty database on the session's server."""
    return pg_cluster.new_database()


@pytest.fixture(
    scope="session",
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)],
)
def backend(request: pytest.FixtureRequest) -> Backend:
    if request.param == "sqlite":
        return Backend("sqlite")
    return Backend("postgresql", request.getfixturevalue("pg_cluster"))
