"""Import review documents into a fresh database: 1 and 2 pool workers, a Dask LocalCluster,
into SQLite and PostgreSQL; and the importer's peak memory over a long import.

    python benchmarks/bench_import.py [--docs 500] [--workers 1 2] [--repeat 1]
    python benchmarks/bench_import.py --docs 2000 --cluster local:2 --db sqlite postgresql
    python benchmarks/bench_import.py --docs 10000 --workers 2 --rss

PostgreSQL runs on a throwaway server (tests/pg.py: initdb and pg_ctl in a temporary
folder), or on --pg-url's server, a new database per import. --rss samples the importing
process's resident memory twice a second and reports its peak, and its size a tenth and
half of the way through, so a growing importer shows; and the peak of the largest process
it started (a Dask worker, a reader child).

The documents are copies of the samples, each with distinct bytes so none is skipped:
2/5 text dumps of V8 whose title line names another version (V100, V101, …), 2/5 Word
files (V7, V8 and the workforce plan) re-zipped with another version in the page header
and another revision number in the core properties, and 1/5 PDFs (V7, V8, workforce) with
a comment line appended after %%EOF. Each import runs as `python -m actionplan import`
in a subprocess, so the wall time includes start-up, discovery, hashing, parsing and
writing, as a user sees it. The script exits non-zero unless every document is imported.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
VERSION_IN_TITLE = re.compile(r"– V\d+")
MIX = ("text", "docx", "text", "docx", "pdf")


def _docx_copy(src: Path, dst: Path, n: int) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"<cp:revision>\d+</cp:revision>",
                    f"<cp:revision>{n}</cp:revision>".encode(),
                    data,
                )
            elif info.filename == "word/header1.xml":
                data = VERSION_IN_TITLE.sub(f"– V{n}", data.decode("utf-8")).encode("utf-8")
            zout.writestr(info, data)


def make_documents(folder: Path, count: int, kinds: tuple[str, ...] = MIX) -> dict[str, int]:
    """Write `count` documents with distinct bytes into `folder`; return the count per format."""
    text = (SAMPLES / "cp-reduction-v8.txt").read_text("utf-8")
    docx = [
        SAMPLES / f"{n}.docx" for n in ("cp-reduction-v7", "cp-reduction-v8", "workforce-plan-q2")
    ]
    pdf = [
        SAMPLES / f"{n}.pdf" for n in ("cp-reduction-v7", "cp-reduction-v8", "workforce-plan-q2")
    ]
    made = {"text": 0, "docx": 0, "pdf": 0}
    for i in range(count):
        n = 100 + i
        kind = kinds[i % len(kinds)]
        if kind == "text":
            path = folder / f"cp-v{n}.txt"
            path.write_text(VERSION_IN_TITLE.sub(f"– V{n}", text), encoding="utf-8")
        elif kind == "docx":
            src = docx[i % 3]
            _docx_copy(src, folder / f"{src.stem}-{n}.docx", n)
        else:
            src = pdf[i % 3]
            (folder / f"{src.stem}-{n}.pdf").write_bytes(
                src.read_bytes() + f"% bench copy {n}\n".encode()
            )
        made[kind] += 1
    return made


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    """Return the processes `pid` started, and theirs (Linux /proc)."""
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
                kids = [int(k) for k in fh.read().split()]
        except OSError:
            continue
        for kid in kids:
            found += [kid, *_children(kid)]
    return found


def run_import(
    folder: Path, db: Path | str, how: str, rss: list[tuple[int, int]] | None = None
) -> float:
    """Import `folder` into a new database `db` ("--workers N" or "--cluster X" in `how`);
    return the wall time in seconds. With `rss`, append twice a second the importer's
    resident KiB and the largest of its descendants' (Dask's workers, the readers)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "actionplan", "import", str(folder), "--db", str(db)]
    cmd += how.split()
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env
    )
    if rss is not None:
        while proc.poll() is None:
            rss.append((_rss_kib(proc.pid), max(map(_rss_kib, _children(proc.pid)), default=0)))
            time.sleep(0.5)
    _, stderr = proc.communicate()
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"import failed (exit {proc.returncode}):\n{stderr[-3000:]}")
    return seconds


def count(db: Path | str) -> tuple[int, int]:
    """Return (documents, actions) in the database."""
    sql = ("SELECT count(*) FROM documents", "SELECT count(*) FROM actions")
    if isinstance(db, str):
        import psycopg

        with psycopg.connect(db) as conn:
            return tuple(conn.execute(q).fetchone()[0] for q in sql)  # type: ignore[return-value]
    conn3 = sqlite3.connect(db)
    try:
        return tuple(conn3.execute(q).fetchone()[0] for q in sql)  # type: ignore[return-value]
    finally:
        conn3.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--cluster", nargs="*", default=[], help="e.g. local:2")
    parser.add_argument("--db", nargs="+", default=["sqlite"], choices=["sqlite", "postgresql"])
    parser.add_argument("--pg-url", help="a server to use (default: a throwaway one)")
    parser.add_argument("--rss", action="store_true", help="sample the importer's memory")
    parser.add_argument(
        "--text-only", action="store_true", help="text dumps only (a long import, quickly)"
    )
    parser.add_argument("--repeat", type=int, default=1, help="imports per worker count (best)")
    args = parser.parse_args()
    ways = [f"--workers {w}" for w in args.workers] + [f"--cluster {c}" for c in args.cluster]
    cluster = None
    # A benchmark stopped with kill still stops its server and removes its folders.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
    if "postgresql" in args.db and not args.pg_url:
        sys.path.insert(0, str(ROOT))
        from tests.pg import start_cluster

        cluster, why = start_cluster()
        if cluster is None:
            sys.exit(why)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
            _bench(args, ways, Path(tmp), cluster)
    finally:
        if cluster is not None:
            cluster.remove()


def _bench(args: argparse.Namespace, ways: list[str], tmp: Path, cluster: object) -> None:
    folder = tmp / "docs"
    folder.mkdir()
    made = make_documents(folder, args.docs, ("text",) if args.text_only else MIX)
    mix = ", ".join(f"{n} {kind}" for kind, n in made.items())
    print(
        f"{args.docs} documents ({mix}); {os.cpu_count()} CPUs; "
        f"load average {os.getloadavg()[0]:.1f}; Python {sys.version.split()[0]}"
    )
    head = "| database | reading | seconds | documents/s | actions stored |"
    rss_head = " importer peak RSS | at 1/10, 1/2 | a child's peak RSS |"
    print(head + (rss_head if args.rss else ""))
    print("|---" * (head.count("|") - 1 + (3 if args.rss else 0)) + "|")
    for backend in args.db:
        for how in ways:
            best = float("inf")
            for r in range(args.repeat):
                if backend == "sqlite":
                    db: Path | str = tmp / f"{how.replace(' ', '')}-{r}.db"
                elif args.pg_url:
                    db = args.pg_url  # the caller's database: emptied first
                    _empty(db)
                else:
                    db = cluster.new_database()  # type: ignore[attr-defined]
                rss: list[tuple[int, int]] | None = [] if args.rss else None
                best = min(best, run_import(folder, db, how, rss))
                docs, actions = count(db)
                if docs != args.docs:
                    sys.exit(f"{docs} of {args.docs} documents imported")
            line = f"| {backend} | {how} | {best:.2f} | {args.docs / best:.1f} | {actions:,} |"
            if rss:
                importer = [r for r, _ in rss]
                tenth, half = importer[len(importer) // 10], importer[len(importer) // 2]
                line += (
                    f" {max(importer) / 1024:.0f} MiB | {tenth / 1024:.0f}, {half / 1024:.0f}"
                    f" MiB | {max(c for _, c in rss) / 1024:.0f} MiB |"
                )
            print(line, flush=True)


def _empty(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS updates, actions, documents, versions, plans, "
                     "import_errors, actionplan_schema CASCADE")  # fmt: skip


if __name__ == "__main__":
    main()
