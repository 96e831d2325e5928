"""The store under faults: each failure is one line naming the database that says what it
is (a full disk, a read-only file or folder, a lock, a foreign or newer database, a file
that cannot be opened), exit 1, and a database left sound. Queries open it read-only.

Real SQLite files throughout. A full disk is a small tmpfs where this process may mount
one (root), and always an injected SQLITE_FULL besides; a read-only file or folder is
a read-only bind mount under root (whom file modes do not stop), else chmod.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from actionplan import (
    DatabaseFull,
    DatabaseLocked,
    ForeignDatabase,
    NoDatabase,
    ReadOnlyDatabase,
    SchemaTooNew,
    StoreError,
)
from actionplan.cli import cli
from actionplan.models import Plan
from actionplan.store import Store, connect, schema
from actionplan.store import sqlite as store_sqlite

ROOT = Path(__file__).resolve().parents[1]
ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


def make_versions(folder: Path, samples: Path, count: int, first: int = 100) -> list[Path]:
    """Write `count` text dumps of V8, each a distinct version (V100, V101, …)."""
    seed = (samples / "cp-reduction-v8.txt").read_text("utf-8")
    assert "– V8" in seed
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(first, first + count):
        path = folder / f"cp-v{i}.txt"
        path.write_text(seed.replace("– V8", f"– V{i}"), encoding="utf-8")
        out.append(path)
    return out


def invoke(*args: str | Path) -> Result:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    assert "Traceback" not in result.stderr
    return result


def errors(result: Result) -> list[str]:
    return [ln for ln in result.stderr.splitlines() if ln.startswith("error: ")]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sound(db: Path) -> int:
    """Assert the database is intact and every stored document whole; return how many."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = conn.execute("SELECT id, action_count, plan_json FROM documents").fetchall()
        for doc_id, count, plan_json in rows:
            plan = Plan.model_validate_json(plan_json)
            assert len(plan.actions) == count
            stored = conn.execute(
                "SELECT count(*) FROM actions WHERE document_id = ?", (doc_id,)
            ).fetchone()[0]
            entries = conn.execute(
                "SELECT count(*) FROM updates u JOIN actions a ON u.action_id = a.id "
                "WHERE a.document_id = ?",
                (doc_id,),
            ).fetchone()[0]
            assert (stored, entries) == (count, sum(len(a.updates) for a in plan.actions))
        return len(rows)
    finally:
        conn.close()


@pytest.fixture
def good_db(tmp_path: Path, samples: Path) -> Path:
    """A database holding V100 and V101 of the CP plan."""
    db = tmp_path / "db" / "plans.db"
    db.parent.mkdir()
    with Store(db) as store:
        list(store.import_paths(make_versions(tmp_path / "in", samples, 2), workers=0))
    return db


# A full disk


def _stopped(db: Path, saved: int, at: Path, left: int) -> str:
    return (
        f"error: {db}: the disk is full (database or disk is full); could not save {at}; "
        f"the import stopped: {saved} document{'' if saved == 1 else 's'} saved, each "
        f"complete, {left} file(s) not imported; the same import again imports the rest"
    )


def test_an_injected_full_disk_mid_import_says_what_was_saved_and_a_reimport_completes(
    tmp_path: Path, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = make_versions(tmp_path / "in", samples, 6)
    db = tmp_path / "plans.db"
    real = store_sqlite.Store._write_document
    calls = []

    def full_on_the_third(self: Store, *args: object) -> int:
        calls.append(1)
        if len(calls) == 3:
            exc = sqlite3.OperationalError("database or disk is full")
            exc.sqlite_errorcode = 13  # type: ignore[attr-defined]
            raise exc
        return real(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(store_sqlite.Store, "_write_document", full_on_the_third)
    result = invoke("import", tmp_path / "in", "--db", db, "--workers", "0")
    assert result.exit_code == 1
    assert errors(result)[0] == _stopped(db, 2, files[2], 4)
    assert "2 imported, 0 skipped, 1 failed (6 file(s))" in result.stderr
    assert sound(db) == 2
    # The failure was the database's, not the file's: nothing is kept against the file.
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM import_errors").fetchone() == (0,)
    conn.close()
    monkeypatch.setattr(store_sqlite.Store, "_write_document", real)
    again = invoke("import", tmp_path / "in", "--db", db, "--workers", "0")
    assert again.exit_code == 0, again.stderr
    assert "4 imported, 2 skipped, 0 failed (6 file(s))" in again.stderr
    assert sound(db) == 6


def test_an_import_stopped_by_the_database_ends_its_workers(
    tmp_path: Path, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing

    make_versions(tmp_path / "in", samples, 8)
    db = tmp_path / "plans.db"
    real = store_sqlite.Store._write_document
    calls = []

    def full_on_the_second(self: Store, *args: object) -> int:
        calls.append(1)
        if len(calls) == 2:
            exc = sqlite3.OperationalError("database or disk is full")
            exc.sqlite_errorcode = 13  # type: ignore[attr-defined]
            raise exc
        return real(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(store_sqlite.Store, "_write_document", full_on_the_second)
    result = invoke("import", tmp_path / "in", "--db", db, "--workers", "2")
    assert result.exit_code == 1
    (line,) = {ln for ln in errors(result)}
    assert line.startswith(f"error: {db}: the disk is full (database or disk is full)")
    assert line.endswith(
        "the import stopped: 1 document saved, each complete, 7 file(s) not imported; "
        "the same import again imports the rest"
    )
    assert multiprocessing.active_children() == []
    assert sound(db) == 1


@contextmanager
def small_disk(where: Path, size: str) -> Iterator[Path]:
    """Mount a tmpfs of `size` at `where` (root only), unmounted after."""
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=True)


@pytest.mark.slow
@pytest.mark.skipif(not ROOT_USER or sys.platform != "linux", reason="mounts a tmpfs: root")
def test_a_full_disk_mid_import_says_what_was_saved_and_a_reimport_completes_it(
    tmp_path: Path, samples: Path
) -> None:
    files = make_versions(tmp_path / "in", samples, 30)
    with small_disk(tmp_path / "disk", "400k") as disk:
        db = disk / "plans.db"
        result = invoke("import", tmp_path / "in", "--db", db, "--workers", "0")
        assert result.exit_code == 1
        saved = sound(db)
        assert 0 < saved < len(files)
        assert errors(result)[0] == _stopped(db, saved, files[saved], len(files) - saved)
        assert f"{saved} imported, 0 skipped, 1 failed (30 file(s))" in result.stderr
        subprocess.run(["mount", "-o", "remount,size=16m", str(disk)], check=True)
        again = invoke("import", tmp_path / "in", "--db", db, "--workers", "0")
        assert again.exit_code == 0, again.stderr
        assert f"{30 - saved} imported, {saved} skipped, 0 failed" in again.stderr
        assert sound(db) == 30


# Read-only file and folder


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make a file or folder read-only: a read-only bind mount under root, else chmod."""
    if not ROOT_USER:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    bind = subprocess.run(["mount", "--bind", str(path), str(path)], capture_output=True)
    if bind.returncode:
        pytest.skip(f"cannot bind-mount here: {bind.stderr.decode().strip()}")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(path)], check=True)
        yield
    finally:
        subprocess.run(["umount", "-l", str(path)], check=True)


def test_importing_into_a_read_only_file_says_so_and_leaves_it_as_it_was(
    good_db: Path, tmp_path: Path, samples: Path
) -> None:
    new = make_versions(tmp_path / "more", samples, 1, first=200)
    before = digest(good_db)
    with read_only(good_db):
        result = invoke("import", *new, "--db", good_db, "--workers", "0")
        assert result.exit_code == 1
        assert errors(result) == [
            f"error: {good_db}: the database file is read-only; could not import into it"
        ]
        # Queries still read it.
        listed = invoke("plans", "--db", good_db)
        assert listed.exit_code == 0, listed.stderr
        assert "2 version(s), 2 file(s)" in listed.stdout
    assert digest(good_db) == before
    assert sound(good_db) == 2


def test_a_database_in_a_read_only_folder_is_read_and_refuses_an_import_in_one_line(
    good_db: Path, tmp_path: Path, samples: Path
) -> None:
    new = make_versions(tmp_path / "more", samples, 1, first=200)
    folder = good_db.parent
    before = digest(good_db)
    with read_only(folder):
        for command in (
            ["plans"],
            ["history", "--plan", "CP Reduction"],
            ["diff", "--plan", "CP Reduction", "V100", "V101", "-f", "json"],
        ):
            result = invoke(*command, "--db", good_db)
            assert result.exit_code == 0, (command, result.stderr)
        assert "2 version(s), 2 file(s)" in invoke("plans", "--db", good_db).stdout
        result = invoke("import", *new, "--db", good_db, "--workers", "0")
        assert result.exit_code == 1
        assert errors(result) == [
            f"error: {good_db}: its folder {folder} is read-only (SQLite writes its journal "
            "beside the file); could not import into it"
        ]
        created = folder / "new.db"
        result = invoke("import", *new, "--db", created, "--workers", "0")
        assert errors(result) == [
            f"error: {created}: its folder {folder} is read-only (SQLite writes its journal "
            "beside the file); could not create it"
        ]
        assert result.exit_code == 1
    assert not created.exists()
    assert digest(good_db) == before
    assert sound(good_db) == 2


# Locked


def test_a_database_locked_past_the_busy_timeout_is_one_line_and_left_whole(
    good_db: Path, tmp_path: Path, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connect, "BUSY_TIMEOUT", 0.3)
    new = make_versions(tmp_path / "more", samples, 1, first=200)
    holder = sqlite3.connect(good_db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = invoke("import", *new, "--db", good_db, "--workers", "0")
        assert result.exit_code == 1
        assert errors(result) == [
            f"error: {good_db}: locked by another process for over 0.3 s (database is "
            f"locked); could not save {new[0]}: try again when it has finished; the import "
            "stopped: 0 documents saved, each complete, 1 file(s) not imported; the same "
            "import again imports the rest"
        ]
        # In WAL mode a query reads past a writer's lock.
        assert invoke("plans", "--db", good_db).exit_code == 0
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert sound(good_db) == 2


def test_a_lock_taken_mid_import_stops_it_with_what_was_saved(
    tmp_path: Path, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connect, "BUSY_TIMEOUT", 0.3)
    files = make_versions(tmp_path / "in", samples, 4)
    db = tmp_path / "plans.db"
    real = store_sqlite.Store.add_documents
    holder: list[sqlite3.Connection] = []

    def lock_before_the_third(self: Store, path: Path, *args: object) -> object:
        if path == files[2]:
            holder.append(sqlite3.connect(db, isolation_level=None))
            holder[0].execute("BEGIN EXCLUSIVE")
        return real(self, path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(store_sqlite.Store, "add_documents", lock_before_the_third)
    try:
        result = invoke("import", tmp_path / "in", "--db", db, "--workers", "0")
    finally:
        for conn in holder:
            conn.execute("ROLLBACK")
            conn.close()
    assert result.exit_code == 1
    assert errors(result)[0] == (
        f"error: {db}: locked by another process for over 0.3 s (database is locked); "
        f"could not save {files[2]}: try again when it has finished; the import stopped: "
        "2 documents saved, each complete, 2 file(s) not imported; the same import again "
        "imports the rest"
    )
    assert sound(db) == 2


# Not ours, newer, unopenable


def _foreign_tables(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO customers (name) VALUES ('Ada')")
    conn.commit()
    conn.close()


def _version_one_with_other_tables(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()


def _version_one_and_empty(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 1")
    conn.close()


def _another_programs(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA application_id = {0x47504B47}")  # GeoPackage's "GPKG"
    conn.execute("CREATE TABLE plans (id)")
    conn.commit()
    conn.close()


def _not_sqlite(db: Path) -> None:
    db.write_text("Minutes of the board, 14 June 2018\n" * 40, encoding="utf-8")


FOREIGN = {
    "tables": (_foreign_tables, "it holds other tables: customers"),
    "user_version 1 and other tables": (
        _version_one_with_other_tables,
        "it holds other tables: notes; user_version 1",
    ),
    "user_version 1, no tables": (
        _version_one_and_empty,
        "it has no actionplan tables; user_version 1",
    ),
    "another program's application_id": (
        _another_programs,
        "another program's: application_id 0x47504b47",
    ),
    "not SQLite": (_not_sqlite, "not a SQLite database: file is not a database"),
}


@pytest.mark.parametrize("kind", list(FOREIGN))
def test_a_foreign_file_is_one_line_for_every_command_and_left_byte_for_byte(
    tmp_path: Path, samples: Path, kind: str
) -> None:
    make, said = FOREIGN[kind]
    db = tmp_path / "other.db"
    make(db)
    before = digest(db)
    line = f"error: {db}: not an actionplan database ({said})"
    new = make_versions(tmp_path / "in", samples, 1)
    for command in (
        ["plans"],
        ["plans", "-f", "json"],
        ["history", "--plan", "CP"],
        ["diff", "--plan", "CP", "V1", "V2"],
        ["export", "--plan", "CP", "-o", str(tmp_path / "x.xlsx")],
        ["import", *map(str, new), "--workers", "0"],
    ):
        result = invoke(*command, "--db", db)
        assert result.exit_code == 1, command
        assert errors(result) == [line], command
    assert digest(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "other.db"]  # no -wal, -shm


def test_plans_on_a_foreign_sqlite_file_leaves_it_byte_identical(tmp_path: Path) -> None:
    db = tmp_path / "crm.db"
    _foreign_tables(db)
    before = db.read_bytes()
    result = invoke("plans", "--db", db)
    assert result.exit_code == 1
    assert db.read_bytes() == before
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["customers"]
    conn.close()


def test_queries_never_migrate_or_switch_the_journal_mode(good_db: Path) -> None:
    conn = sqlite3.connect(good_db)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    before = digest(good_db)
    for command in (
        ["plans"],
        ["history", "--plan", "CP Reduction"],
        ["diff", "--plan", "CP Reduction", "V100", "V101", "-f", "json"],
        ["export", "--plan", "CP Reduction", "-o", str(good_db.parent.parent / "cp.xlsx")],
    ):
        assert invoke(*command, "--db", good_db).exit_code == 0, command
    assert digest(good_db) == before
    conn = sqlite3.connect(good_db)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    conn.close()
    with Store(good_db, create=False) as store, pytest.raises(sqlite3.OperationalError):
        store._conn.execute("CREATE TABLE x (y)")  # opened read-only


def test_a_database_from_a_newer_actionplan_is_one_line_and_left_as_it_was(
    good_db: Path, tmp_path: Path, samples: Path
) -> None:
    conn = sqlite3.connect(good_db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = digest(good_db)
    line = (
        f"error: {good_db}: the database has schema version 99, newer than this actionplan "
        f"understands ({len(schema.MIGRATIONS)}); upgrade actionplan"
    )
    new = make_versions(tmp_path / "in", samples, 1, first=300)
    for command in (["plans"], ["import", *map(str, new), "--workers", "0"]):
        result = invoke(*command, "--db", good_db)
        assert result.exit_code == 1
        assert errors(result) == [line]
    assert digest(good_db) == before
    with pytest.raises(SchemaTooNew):
        Store(good_db, create=False)


def test_an_actionplan_database_is_stamped_and_known_by_its_application_id(
    good_db: Path,
) -> None:
    conn = sqlite3.connect(good_db)
    assert conn.execute("PRAGMA application_id").fetchone() == (connect.APPLICATION_ID,)
    # Ours even with a table dropped by some later schema: then it is newer, not foreign.
    conn.execute("PRAGMA user_version = 7")
    conn.execute("DROP TABLE import_errors")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaTooNew, match="schema version 7"):
        Store(good_db, create=False)


def test_a_database_that_cannot_be_opened_or_created_says_why(tmp_path: Path) -> None:
    db = tmp_path / "no such folder" / "plans.db"
    result = invoke("import", tmp_path, "--db", db)
    assert result.exit_code == 1
    assert errors(result) == [f"error: {db}: cannot create the database (no folder {db.parent})"]
    assert not db.parent.exists()
    missing = invoke("plans", "--db", tmp_path / "nothing.db")
    assert errors(missing) == [
        f"error: {tmp_path / 'nothing.db'}: no such database (run `actionplan import` first)"
    ]
    with pytest.raises(StoreError, match="cannot open the database \\(it is a folder\\)"):
        Store(tmp_path, create=False)
    with pytest.raises(StoreError, match="cannot open the database \\(it is a folder\\)"):
        Store(tmp_path)
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(NoDatabase, match="an empty database, with no plans yet"):
        Store(empty, create=False)
    assert empty.read_bytes() == b""


_AS_NOBODY = """
import sys
from actionplan import StoreError
from actionplan.store import Store
for db in sys.argv[1:]:
    for create in (False, True):
        try:
            Store(db, create=create).close()
        except StoreError as exc:
            print(type(exc).__name__, exc)
"""


@pytest.mark.slow  # a fresh interpreter, as another user
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_a_database_this_user_may_not_read_says_so(tmp_path: Path, samples: Path) -> None:
    # Root reads any file: then the commands run as nobody, in a folder nobody can enter.
    base = Path(tempfile.mkdtemp(prefix="actionplan-perm-"))
    try:
        base.chmod(0o755)
        db = base / "plans.db"
        with Store(db) as store:
            list(store.import_paths(make_versions(tmp_path / "in", samples, 1), workers=0))
        db.chmod(0)
        closed = base / "closed"
        closed.mkdir(mode=0o700)
        if ROOT_USER:
            os.chown(closed, 0, 0)
            runner = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        else:
            closed.chmod(0)
            runner = []
        hidden = closed / "plans.db"
        done = subprocess.run(
            [*runner, sys.executable, "-c", _AS_NOBODY, str(db), str(hidden)],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        if ROOT_USER and done.returncode:
            pytest.skip(f"cannot run as nobody here: {done.stderr.strip()[-200:]}")
        # (The CLI's --db option refuses an unreadable file itself, as click's usage error.)
        assert done.stdout.splitlines() == [
            f"StoreError {db}: cannot open the database (no permission to read it)",
            f"StoreError {db}: cannot open the database (no permission to read it)",
            f"StoreError {hidden}: cannot open the database (Permission denied: {hidden})",
            f"StoreError {hidden}: cannot open the database (Permission denied: {hidden})",
        ], done.stderr
    finally:
        for path in (base / "closed", base / "plans.db"):
            path.chmod(0o700)
        shutil.rmtree(base)


def test_the_library_raises_each_fault_as_its_own_type(
    good_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other.db"
    _foreign_tables(other)
    with pytest.raises(ForeignDatabase):
        Store(other)
    monkeypatch.setattr(connect, "BUSY_TIMEOUT", 0.1)
    with Store(good_db, create=False) as reader:
        plan = reader.document(1)
    holder = sqlite3.connect(good_db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with Store(good_db) as store, pytest.raises(DatabaseLocked):
            store.add_document(tmp_path / "x.txt", "0" * 64, plan)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = 13  # type: ignore[attr-defined]
    assert isinstance(connect.fault(good_db, full, "x"), DatabaseFull)
    readonly = sqlite3.OperationalError("attempt to write a readonly database")
    readonly.sqlite_errorcode = 8  # type: ignore[attr-defined]
    assert isinstance(connect.fault(good_db, readonly, "x"), ReadOnlyDatabase)


def test_a_read_only_folder_whose_wal_holds_changes_is_read_with_them_or_refused(
    good_db: Path, tmp_path: Path, samples: Path
) -> None:
    # A copy taken while an importer was still open: the last document is only in -wal.
    writer = Store(good_db)
    writer._conn.execute("PRAGMA wal_autocheckpoint = 0")
    list(writer.import_paths(make_versions(tmp_path / "more", samples, 1, first=200), workers=0))
    copies = {}
    for with_shm in (True, False):
        folder = tmp_path / ("with shm" if with_shm else "without shm")
        folder.mkdir()
        for suffix in ("", "-wal") + (("-shm",) if with_shm else ()):
            (folder / f"plans.db{suffix}").write_bytes(Path(f"{good_db}{suffix}").read_bytes())
        copies[with_shm] = folder
    writer.close()
    with read_only(copies[True]):
        listed = invoke("plans", "--db", copies[True] / "plans.db")
        assert listed.exit_code == 0, listed.stderr
        assert "3 version(s), 3 file(s)" in listed.stdout  # the -wal's document too
    folder = copies[False]
    with read_only(folder):
        result = invoke("plans", "--db", folder / "plans.db")
        assert result.exit_code == 1
        assert errors(result) == [
            f"error: {folder / 'plans.db'}: cannot open the database (its folder {folder} is "
            "read-only and plans.db-wal beside it holds changes not yet in the file: open it "
            "once where the folder can be written)"
        ]
