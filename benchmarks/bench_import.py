"""Import 500 review documents into a fresh database with 1 and with 2 worker processes.

    python benchmarks/bench_import.py [--docs 500] [--workers 1 2] [--repeat 1]

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


def make_documents(folder: Path, count: int) -> dict[str, int]:
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
        kind = ("text", "docx", "text", "docx", "pdf")[i % 5]
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


def run_import(folder: Path, db: Path, workers: int) -> float:
    """Import `folder` into a new database `db`; return the wall time in seconds."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "actionplan", "import", str(folder)]
    cmd += ["--db", str(db), "--workers", str(workers)]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"import failed (exit {done.returncode}):\n{done.stderr}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1, help="imports per worker count (best)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        folder = Path(tmp, "docs")
        folder.mkdir()
        made = make_documents(folder, args.docs)
        mix = ", ".join(f"{n} {kind}" for kind, n in made.items())
        print(
            f"{args.docs} documents ({mix}); {os.cpu_count()} CPUs; "
            f"load average {os.getloadavg()[0]:.1f}; Python {sys.version.split()[0]}"
        )
        print("| workers | seconds | documents/s | actions stored |")
        print("|---|---|---|---|")
        for workers in args.workers:
            best = float("inf")
            for r in range(args.repeat):
                db = Path(tmp, f"w{workers}-{r}.db")
                best = min(best, run_import(folder, db, workers))
                conn = sqlite3.connect(db)
                try:
                    docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
                    actions = conn.execute("SELECT count(*) FROM actions").fetchone()[0]
                finally:
                    conn.close()
                if docs != args.docs:
                    sys.exit(f"{docs} of {args.docs} documents imported")
            print(f"| {workers} | {best:.2f} | {args.docs / best:.1f} | {actions:,} |")


if __name__ == "__main__":
    main()
