"""Normalise 100,000 update cells (with their due and owner cells); report cells per second.

    python benchmarks/bench_normalise.py [--cells 100000] [--repeat 3]

The cells are the 19 update cells of the seed V8 review (samples/cp-reduction-v8.txt, rows
split by a page break joined), each copy with every date moved by one random number of days
and written in its original style, with the row's due and owner cells shifted alike. Each cell
goes through clean_text, split_updates (review date shifted too), parse_due and split_owners.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from actionplan.normalise.dates import find_dates, format_date  # noqa: E402
from actionplan.normalise.due import parse_due  # noqa: E402
from actionplan.normalise.owners import split_owners  # noqa: E402
from actionplan.normalise.text import clean_text  # noqa: E402
from actionplan.normalise.updates import split_updates  # noqa: E402

SEED = ROOT / "samples" / "cp-reduction-v8.txt"
REVIEW = dt.date(2018, 6, 14)
# The written shape of a date → the format_date style that writes it again.
STYLES = [
    (re.compile(r"\d\d/\d\d/\d{4}"), "dd/mm/yyyy"),
    (re.compile(r"\d\d/\d\d/\d\d"), "dd/mm/yy"),
    (re.compile(r"\d\d\.\d\d\.\d\d"), "dd.mm.yy"),
    (re.compile(r"\d{1,2}\.\d{1,2}\.\d\d"), "d.m.yy"),
    (re.compile(r"\d\d/\d\d"), "dd/mm"),
    (re.compile(r"[A-Za-z]+ \d{4}"), "month yyyy"),
]

Row = tuple[str, str, str]  # (owner, due, update)


def seed_rows() -> list[Row]:
    """Return the seed's action rows as (owner, due, update) with continuations joined."""
    rows: list[list[str]] = []
    for line in SEED.read_text("utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) < 6:
            continue
        if cells[0].strip().isdigit():
            rows.append([cells[2], cells[3], cells[4]])
        elif rows and not cells[0] and not cells[1]:
            rows[-1][2] += "\n" + cells[4]
    return [(o, d, u) for o, d, u in rows]


def shift_dates(text: str, days: int) -> str:
    """Return text with every date moved by days, each written in its own style."""
    out, last = [], 0
    for m in find_dates(text, default_year=REVIEW.year):
        style = next((s for pattern, s in STYLES if pattern.fullmatch(m.text)), None)
        if m.date is None or style is None:
            continue
        out += [text[last : m.start], format_date(m.date + dt.timedelta(days=days), style)]
        last = m.end
    return "".join([*out, text[last:]])


def make_cells(n: int, seed: int = 7) -> list[tuple[Row, dt.date]]:
    """Return n (row, review date) pairs: seed rows with their dates moved."""
    rng = random.Random(seed)
    rows = seed_rows()
    cells = []
    for i in range(n):
        owner, due, update = rows[i % len(rows)]
        days = rng.randint(-2000, 2000)
        shifted = (owner, shift_dates(due, days), shift_dates(update, days))
        cells.append((shifted, REVIEW + dt.timedelta(days=days)))
    return cells


def normalise_all(cells: list[tuple[Row, dt.date]]) -> int:
    """Normalise every cell; return the number of update entries found."""
    found = 0
    for (owner, due, update), review in cells:
        entries, _ = split_updates(clean_text(update), review_date=review)
        parse_due(clean_text(due), review_date=review)
        split_owners(clean_text(owner))
        found += len(entries)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cells", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cells = make_cells(args.cells)
    per_row = [len(split_updates(clean_text(u), review_date=REVIEW)[0]) for _, _, u in seed_rows()]
    expected = sum(per_row[i % len(per_row)] for i in range(args.cells))
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        entries = normalise_all(cells)
        times.append(time.perf_counter() - start)
    best, median = min(times), statistics.median(times)
    print(f"{args.cells:,} cells, {entries:,} entries (the seed's split gives {expected:,})")
    print(f"best {best:.2f} s = {args.cells / best:,.0f} cells/s; median {median:.2f} s "
          f"= {args.cells / median:,.0f} cells/s over {args.repeat} runs")  # fmt: skip
    if entries != expected:
        sys.exit("moving the dates changed how the cells split")


if __name__ == "__main__":
    main()
