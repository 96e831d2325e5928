"""A throwaway PostgreSQL server for the tests: initdb and pg_ctl in a temporary folder.

PostgreSQL refuses to run as root, so under root (CI) the cluster belongs to the
`postgres` system user that Debian's package creates, and its programs run through
`runuser`. The server listens on 127.0.0.1 at a free port, trusts local connections and
skips fsync (the server process may crash, the machine is trusted not to). `start_cluster()` returns
None with the reason when no server can be started here; the `pg_server` fixture skips
on that (fails under CI, see components.absent).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path


def _bindir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=_major)
    return Path(versions[-1]).parent if versions else None


def _major(path: str) -> int:
    part = Path(path).parts[-3]
    return int(part) if part.isdigit() else 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    """A running PostgreSQL server in a folder of its own; `url(db)` names a database."""

    def __init__(self, bindir: Path, folder: Path, user: str | None) -> None:
        self.bindir = bindir
        self.folder = folder
        self.data = folder / "data"
        self.port = _free_port()
        self.user = user  # the system user the server runs as (None: this one)

    def _run(self, program: str, *args: str, timeout: float = 120) -> str:
        command = [str(self.bindir / program), *args]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0:
            raise RuntimeError(f"{program} failed: {(done.stderr or done.stdout)[-500:]}")
        return done.stdout

    def init(self) -> None:
        self._run(
            "initdb", "-D", str(self.data), "-U", "actionplan", "-A", "trust", "-E", "UTF8",
            "--no-sync", "--locale=C",
        )  # fmt: skip

    def start(self) -> None:
        """Start (or restart) the server and wait until it accepts connections."""
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={self.folder} -c fsync=off "
            "-c full_page_writes=off -c max_connections=60"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"),
            "-o", options, "-w", "-t", "60", "start",
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        """Stop the server: "fast" ends sessions cleanly, "immediate" as a crash would."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://actionplan@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """Create an empty database and return its URL."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def remove(self) -> None:
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster() -> tuple[Cluster | None, str | None]:
    """Return a started cluster, or None and why none can be started here."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return None, "psycopg is not installed (pip install 'actionplan[postgres]')"
    bindir = _bindir()
    if bindir is None or not (bindir / "initdb").exists():
        return None, "PostgreSQL's initdb and pg_ctl are not installed (apt-get install postgresql)"
    user = None
    folder = Path(tempfile.mkdtemp(prefix="actionplan-pg-"))
    if os.geteuid() == 0:  # PostgreSQL will not run as root
        try:
            account = pwd.getpwnam("postgres")
        except KeyError:
            return None, "running as root and there is no postgres user to run the server"
        if shutil.which("runuser") is None:
            return None, "running as root and runuser is missing to run the server as postgres"
        user = "postgres"
        os.chown(folder, account.pw_uid, account.pw_gid)
    cluster = Cluster(bindir, folder, user)
    try:
        cluster.init()
        cluster.start()
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        cluster.remove()
        return None, f"no PostgreSQL server could be started: {exc}"
    return cluster, None
