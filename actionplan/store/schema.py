"""The store's tables, and the migrations that bring any older database up to date.

`PRAGMA user_version` holds how many steps of MIGRATIONS a database has had. A new
schema version appends a step (never edits an old one); opening a database runs the
steps it lacks, each in its own transaction with the version bump.
"""

from __future__ import annotations

import sqlite3

from actionplan.errors import SchemaTooNew

# Step 1 (version 0 -> 1): everything.
#
# plans      one row per plan, recognised by `key` (its normalised title)
# versions   one review of a plan (its version and review date); the .docx and the .pdf
#            of one review are two documents of one version
# documents  one imported file: its bytes' sha256 (imported once), its metadata, and the
#            whole Plan as JSON so the record is rebuilt exactly
# actions    the Plan's actions as columns for queries, the raw cell text beside the
#            parsed fields (owner_text, due_text, rag_text, update_text)
# updates    the dated entries of each action's update cell, in document order
# import_errors  the files the last import of each path could not read, and why
V1 = (
    """
    CREATE TABLE plans (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE versions (
        id INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        ident TEXT NOT NULL,
        version TEXT,
        version_key TEXT NOT NULL,
        review_date TEXT,
        UNIQUE (plan_id, ident)
    )
    """,
    "CREATE INDEX versions_plan_date ON versions(plan_id, review_date)",
    """
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
        source TEXT NOT NULL,
        sha256 TEXT NOT NULL UNIQUE,
        format TEXT NOT NULL,
        title TEXT,
        review_date TEXT,
        version TEXT,
        pages INTEGER,
        action_count INTEGER NOT NULL,
        warning_count INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        plan_json TEXT NOT NULL
    )
    """,
    "CREATE INDEX documents_version ON documents(version_id, format)",
    "CREATE INDEX documents_review_date ON documents(review_date)",
    """
    CREATE TABLE actions (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        ref TEXT,
        section TEXT,
        action TEXT NOT NULL,
        owners TEXT NOT NULL,
        owner_text TEXT NOT NULL,
        due_text TEXT NOT NULL,
        due_kind TEXT NOT NULL,
        due_date TEXT,
        due_end TEXT,
        due_recurrence TEXT,
        rag TEXT,
        rag_label TEXT,
        rag_source TEXT,
        rag_text TEXT NOT NULL,
        rag_rgb TEXT,
        update_text TEXT NOT NULL,
        page INTEGER,
        row INTEGER NOT NULL,
        pages TEXT NOT NULL,
        table_index INTEGER NOT NULL,
        extra TEXT NOT NULL,
        UNIQUE (document_id, position)
    )
    """,
    "CREATE INDEX actions_document_ref ON actions(document_id, ref)",
    "CREATE INDEX actions_rag ON actions(rag)",
    """
    CREATE TABLE updates (
        id INTEGER PRIMARY KEY,
        action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        date TEXT,
        date_text TEXT,
        lead TEXT,
        text TEXT NOT NULL,
        UNIQUE (action_id, position)
    )
    """,
    "CREATE INDEX updates_action ON updates(action_id)",
    "CREATE INDEX updates_date ON updates(date)",
    """
    CREATE TABLE import_errors (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL,
        sha256 TEXT,
        kind TEXT NOT NULL,
        error TEXT NOT NULL,
        at TEXT NOT NULL
    )
    """,
    "CREATE INDEX import_errors_path ON import_errors(path)",
    "CREATE INDEX import_errors_sha256 ON import_errors(sha256)",
)

MIGRATIONS: list[tuple[str, ...]] = [V1]


def schema_version(conn: sqlite3.Connection) -> int:
    """Return how many migration steps the database has had."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: str) -> None:
    """Run the migration steps the database lacks, each step in its own transaction."""
    target = len(MIGRATIONS)
    if schema_version(conn) > target:
        raise SchemaTooNew(
            path,
            f"the database has schema version {schema_version(conn)}, newer than this "
            f"actionplan understands ({target}); upgrade actionplan",
        )
    while schema_version(conn) < target:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Read again inside the lock: another process may have just migrated.
            current = schema_version(conn)
            if current < target:
                for statement in MIGRATIONS[current]:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {current + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
