"""Read a large .docx plan with actionplan and with the obvious alternatives, same run.

    pip install docx2python          # only the benchmark needs it
    python benchmarks/make_large_plan.py --no-pdf
    python benchmarks/bench_docx.py [benchmarks/data/plan-600.docx] [--repeat 5]

Compared: a bare lxml walk of every cell's text (the floor), a python-docx walk of
rows and cells, docx2python, actionplan's reader alone (raw tables), and the whole
`actionplan.read` (reader + layout + normalising every cell).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def lxml_walk(path: Path) -> int:
    from lxml import etree

    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    n = 0
    for tc in root.iter(f"{W}tc"):
        n += len("".join(t.text or "" for t in tc.iter(f"{W}t")))
    return n


def python_docx_walk(path: Path) -> int:
    import docx

    n = 0
    for table in docx.Document(str(path)).tables:
        for row in table.rows:
            for cell in row.cells:
                n += len(cell.text)
    return n


def docx2python_read(path: Path) -> int:
    from docx2python import docx2python

    with docx2python(str(path)) as result:
        return len(result.text)


def actionplan_reader(path: Path) -> int:
    from actionplan.extract.docx_reader import read_docx

    doc = read_docx(path)
    return sum(len(c.text) for t in doc.tables for r in t.rows for c in r.cells)


def actionplan_read(path: Path) -> int:
    import actionplan

    return len(actionplan.read(path).actions)


def timed(fn: Callable[[Path], int], path: Path, repeat: int) -> float:
    fn(path)  # warm imports and caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "path", nargs="?", type=Path, default=ROOT / "benchmarks" / "data" / "plan-600.docx"
    )
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    runs = [
        ("bare lxml walk of cells", lxml_walk),
        ("python-docx rows/cells", python_docx_walk),
        ("docx2python", docx2python_read),
        ("actionplan reader (raw tables)", actionplan_reader),
        ("actionplan.read (whole pipeline)", actionplan_read),
    ]
    floor = None
    print(f"{args.path.name}: median of {args.repeat} runs")
    for name, fn in runs:
        try:
            t = timed(fn, args.path, args.repeat)
        except ImportError as exc:
            print(f"  {name:<34} skipped ({exc})")
            continue
        floor = floor or t
        print(f"  {name:<34} {t:7.3f} s  {t / floor:5.1f}x the lxml walk")


if __name__ == "__main__":
    main()
