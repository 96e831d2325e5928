"""The store's tables, and the migrations that bring any older database up to date.

`PRAGMA user_version` holds how many steps of MIGRATIONS a database has had. A new
schema version appends a step (never edits an old one); opening a database runs the
steps it lacks, all in one transaction with the version bumps.
"""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from actionplan.errors import SchemaTooNew, StoreError

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


class Dialects(NamedTuple):
    """One migration statement that SQLite and PostgreSQL write differently ("": none)."""

    sqlite: str
    postgres: str


# A step's statements: one both engines read alike (PostgreSQL's store turns it into its
# words, postgres_ddl), or its two dialects.
Statement = str | Dialects

# The columns of documents in step 1, copied into step 2's table.
_V1_DOCUMENT_COLUMNS = (
    "id, version_id, source, sha256, format, title, review_date, version, pages, "
    "action_count, warning_count, imported_at, plan_json"
)
# Step 2's documents, as SQLite rebuilds the table (PostgreSQL alters its own to match).
_V2_DOCUMENTS = """
    CREATE TABLE {name} (
        id INTEGER PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
        source TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        format TEXT NOT NULL,
        title TEXT,
        review_date TEXT,
        version TEXT,
        pages INTEGER,
        action_count INTEGER NOT NULL,
        warning_count INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        plan_json TEXT NOT NULL,
        sheet TEXT,
        UNIQUE (sha256, sheet)
    )
    """
# The workbook formats of step 1's time: a document of these stored then may be one
# version sheet of several, its sheet not recorded (NULL: read it again to know).
_LEGACY_SHEET = "CASE WHEN format IN ('xlsx', 'ods', 'xls') THEN NULL ELSE '' END"

# Step 2 (version 1 -> 2): a workbook kept as one sheet per version is one document per
# sheet, so a document is its bytes and its sheet: documents.sheet ('' for a document
# that is not one sheet of several; NULL for a workbook stored before sheets were kept,
# which the next import of its bytes reads again), unique with sha256. SQLite cannot drop
# a constraint, so its table is rebuilt (store/connect.py turns foreign keys off for
# it, as SQLite's ALTER TABLE documentation says). actions.cell keeps an action's cell
# address ("'V3 Mar 2019'!B7"), filled from the stored Plans; import_errors.sheet says
# which sheet of a workbook failed ('' for the whole file).
V2: tuple[Statement, ...] = (
    Dialects(
        _V2_DOCUMENTS.format(name="documents_v2"),
        "ALTER TABLE documents ADD COLUMN sheet TEXT",
    ),
    Dialects(
        f"INSERT INTO documents_v2 ({_V1_DOCUMENT_COLUMNS}, sheet) "
        f"SELECT {_V1_DOCUMENT_COLUMNS}, {_LEGACY_SHEET} FROM documents",
        f"UPDATE documents SET sheet = {_LEGACY_SHEET}",
    ),
    Dialects("DROP TABLE documents", "ALTER TABLE documents DROP CONSTRAINT documents_sha256_key"),
    Dialects(
        "ALTER TABLE documents_v2 RENAME TO documents",
        "ALTER TABLE documents ADD CONSTRAINT documents_sha256_sheet_key UNIQUE (sha256, sheet)",
    ),
    # The rebuilt table's indexes (PostgreSQL's table kept its own).
    Dialects("CREATE INDEX documents_version ON documents(version_id, format)", ""),
    Dialects("CREATE INDEX documents_review_date ON documents(review_date)", ""),
    "ALTER TABLE actions ADD COLUMN cell TEXT",
    Dialects(
        "UPDATE actions SET cell = (SELECT json_extract(d.plan_json, '$.actions[' || "
        "(actions.position - 1) || '].provenance.cell') FROM documents d "
        "WHERE d.id = actions.document_id)",
        "UPDATE actions SET cell = (d.plan_json::json -> 'actions' -> (actions.position - 1) "
        "-> 'provenance' ->> 'cell') FROM documents d WHERE d.id = actions.document_id",
    ),
    "ALTER TABLE import_errors ADD COLUMN sheet TEXT NOT NULL DEFAULT ''",
)

MIGRATIONS: list[tuple[Statement, ...]] = [V1, V2]


def sqlite_statement(statement: Statement) -> str:
    """Return a migration statement as SQLite writes it."""
    return statement if isinstance(statement, str) else statement.sqlite


def schema_version(conn: sqlite3.Connection) -> int:
    """Return how many migration steps the database has had."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: str) -> None:
    """Run the migration steps the database lacks, all in one transaction."""
    target = len(MIGRATIONS)
    if schema_version(conn) > target:
        raise SchemaTooNew(
            path,
            f"the database has schema version {schema_version(conn)}, newer than this "
            f"actionplan understands ({target}); upgrade actionplan",
        )
    if schema_version(conn) >= target:
        return
    # A step may rebuild a table others refer to: with foreign keys on, dropping it would
    # delete what refers to it. Each step checks the keys itself before it commits.
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        _steps(conn, target, path)
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


def _steps(conn: sqlite3.Connection, target: int, path: str) -> None:
    # Every step the database lacks, in one transaction: a reader opening it meanwhile
    # sees it before or after, never between two steps (a new database read half-made
    # at step 1 was "made by an older actionplan" while its first import ran).
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Read again inside the lock: another process may have just migrated.
        current = schema_version(conn)
        while current < target:
            for statement in filter(None, map(sqlite_statement, MIGRATIONS[current])):
                conn.execute(statement)
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise StoreError(
                    path,
                    f"migrating to schema version {current + 1} broke {len(broken)} "
                    "references; the database is left as it was",
                )
            current += 1
            conn.execute(f"PRAGMA user_version = {current}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
