"""Read a 5,000-row Excel tracker: actionplan's reader against pandas.read_excel.

    python benchmarks/bench_xlsx.py [--rows 5000] [--repeat 5]

The tracker is samples/trackers/cp-reduction-v9.xlsx's 19 actions repeated and renumbered
to --rows rows (title rows, a merged title, Alt+Enter entries, date serials and text
dates, RAG fills from the theme, a key sheet), written with openpyxl to
benchmarks/data/tracker-<rows>.xlsx. Each reader reads the same file; the median of
--repeat runs is reported, with each time as a multiple of pandas.read_excel's.
pandas.read_excel (openpyxl underneath) gives the values of the cells only: no fills,
no merges, no number formats applied to dates written as text; it is the obvious
alternative a script would use, so it is the yardstick.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402

import actionplan  # noqa: E402
from actionplan.extract.xlsx_reader import read_xlsx  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
SOURCE = ROOT / "samples" / "trackers" / "cp-reduction-v9.xlsx"


def make_tracker(rows: int) -> Path:
    """Write the sample tracker's actions repeated to `rows` rows; return its path."""
    path = DATA / f"tracker-{rows}.xlsx"
    if path.exists():
        return path
    DATA.mkdir(exist_ok=True)
    wb = openpyxl.load_workbook(SOURCE)
    ws = wb["Actions"]
    template = [
        [(c.value, c.number_format, c.fill.copy()) for c in r] for r in ws.iter_rows(min_row=5)
    ]
    n = 5
    while n - 5 < rows:
        for source in template:
            if n - 5 >= rows:
                break
            for col, (value, fmt, fill) in enumerate(source, start=1):
                cell = ws.cell(n, col, (n - 4) if col == 1 else value)
                cell.number_format = fmt
                cell.fill = fill
            n += 1
    wb.save(path)
    return path


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    import pandas as pd

    path = make_tracker(args.rows)
    data = path.read_bytes()
    frame = pd.read_excel(path, sheet_name="Actions", header=3)
    plan = actionplan.read(path)
    if len(plan.actions) != args.rows or len(frame) != args.rows:
        sys.exit(f"expected {args.rows} rows: actionplan {len(plan.actions)}, pandas {len(frame)}")
    runs = {
        "pandas.read_excel (values of one sheet)": lambda: pd.read_excel(
            path, sheet_name="Actions", header=3
        ),
        "pandas.read_excel, every sheet": lambda: pd.read_excel(path, sheet_name=None),
        "actionplan reader (raw tables of every sheet: text, fills, merges, dates)": lambda: (
            read_xlsx(path, data=data)
        ),
        "actionplan.read (reader + layout + every cell normalised)": lambda: actionplan.read(path),
    }
    base = None
    print(f"{args.rows:,}-row tracker, {path.stat().st_size:,} bytes, median of {args.repeat}")
    print("| reader | seconds | × pandas.read_excel |")
    print("|---|---|---|")
    for name, fn in runs.items():
        seconds = median_time(fn, args.repeat)
        base = base or seconds
        print(f"| {name} | {seconds:.3f} | {seconds / base:.2f} |")


if __name__ == "__main__":
    main()
