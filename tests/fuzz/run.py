"""Run a fuzz campaign by hand: `python -m tests.fuzz.run --count 5000`.

Prints a table of mutants per format and operator and how each was read (read, read
with a warning, read with a damage warning, refused by error kind), then every failure
with the command that reproduces it. `--replay SAMPLE OPERATOR SEED` reads one mutant
and prints its outcome; `--keep DIR` writes each failing mutant there. Exit 1 when any
mutant failed.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from tests.fuzz.check import Outcome, run, tally
from tests.fuzz.mutate import FORMAT_NAMES, OPERATORS, Mutant, campaign, pairs


def table(outcomes: list[Outcome]) -> str:
    """Return the campaign's table: one row per (format, operator), one column per outcome."""
    counts = tally(outcomes)
    groups = ["read", "read-warned", "read-damaged", "refused", "failed"]
    refused = Counter(o.kind.split(":", 1)[1] for o in outcomes if o.kind.startswith("refused"))
    failed = Counter(o.kind.split(":", 1)[1] for o in outcomes if o.failed)
    head = f"{'format':<6} {'operator':<22} {'mutants':>7} " + " ".join(f"{g:>12}" for g in groups)
    lines = [head, "-" * len(head)]
    totals = Counter[str]()
    for fmt, op in sorted({(f, o) for f, o, _ in counts}):
        row = Counter[str]()
        for (f, o, kind), n in counts.items():
            if (f, o) == (fmt, op):
                row[kind.split(":", 1)[0] if kind.startswith(("refused", "failed")) else kind] += n
        totals.update(row)
        cells = " ".join(f"{row[g]:>12}" for g in groups)
        lines.append(f"{fmt:<6} {op:<22} {sum(row.values()):>7} {cells}")
    lines.append("-" * len(head))
    cells = " ".join(f"{totals[g]:>12}" for g in groups)
    lines.append(f"{'all':<6} {'':<22} {sum(totals.values()):>7} {cells}")
    lines.append("")
    lines.append("refused by kind: " + ", ".join(f"{k} {n}" for k, n in refused.most_common()))
    lines.append(
        "failed by kind: " + (", ".join(f"{k} {n}" for k, n in failed.most_common()) or "none")
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz.run", description=__doc__)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=60.0)
    # A .doc mutant takes LibreOffice 5 to 30 s: ask for them apart (--formats doc).
    parser.add_argument("--formats", default="docx,pdf,html,text", help=", ".join(FORMAT_NAMES))
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--replay", nargs=3, metavar=("SAMPLE", "OPERATOR", "SEED"))
    args = parser.parse_args(argv)
    if args.replay:
        sample, operator, seed = args.replay
        if operator not in OPERATORS:
            parser.error(f"no operator {operator!r}; one of {', '.join(OPERATORS)}")
        mutants = [Mutant(sample, operator, int(seed))]
    else:
        formats = tuple(f for f in args.formats.split(",") if f)
        mutants = campaign(args.count, args.seed, formats)
        print(f"{len(mutants)} mutants over {len(pairs(formats))} (format, operator) pairs")
    started = time.monotonic()
    outcomes = run(mutants, args.workers, args.timeout)
    took = time.monotonic() - started
    if args.replay:
        print(outcomes[0])
        return int(outcomes[0].failed)
    print(table(outcomes))
    print(f"\n{len(outcomes)} mutants in {took:.0f} s with {args.workers} workers")
    failures = [o for o in outcomes if o.failed]
    for o in failures:
        print(o)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            name = f"{Path(o.mutant.sample).stem}-{o.mutant.operator}-{o.mutant.seed}"
            (args.keep / f"{name}{o.mutant.suffix}").write_bytes(o.mutant.build())
    return int(bool(failures))


if __name__ == "__main__":
    sys.exit(main())
