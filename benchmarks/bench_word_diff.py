"""Word diff on tokens with their punctuation (compare/words.py) against the plain
whitespace-split diff it replaced, inside diff_plans on two 600-action versions.

    python benchmarks/bench_word_diff.py [--actions 600] [--repeat 5]

Both run in the same process on the same versions (bench_diff.make_versions); the old
diff is put back in place of words.word_diff for its runs. Reports each median and the
ratio, and how many word-diff runs each gives (fewer, longer runs read better).
"""

from __future__ import annotations

import argparse
import difflib
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_diff import make_versions  # noqa: E402

from actionplan.compare import compare as compare_module  # noqa: E402
from actionplan.compare import diff_plans  # noqa: E402
from actionplan.compare.words import text_words, word_diff  # noqa: E402
from actionplan.models import Diff, WordOp  # noqa: E402


def whitespace_word_diff(old: str, new: str) -> list[WordOp]:
    """The word diff before tokens: whitespace-split words, one space apart."""
    a, b = text_words(old), text_words(new)
    ops: list[WordOp] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(WordOp(op="equal", text=" ".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(WordOp(op="delete", text=" ".join(a[i1:i2])))
        if j2 > j1:
            ops.append(WordOp(op="insert", text=" ".join(b[j1:j2])))
    return ops


def runs(d: Diff) -> int:
    fields = sum(len(c.words) for a in d.actions for c in a.changes)
    return fields + sum(len(e.words) for a in d.actions for e in a.edited_updates)


def timed(fn: Callable[[str, str], list[WordOp]], old, new, repeat: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    compare_module.word_diff = fn  # type: ignore[assignment]
    times, d = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        d = diff_plans(old, new)
        times.append(time.perf_counter() - start)
    compare_module.word_diff = word_diff  # type: ignore[assignment]
    assert d is not None
    return statistics.median(times), runs(d)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actions", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    old, new = make_versions(args.actions)
    base, base_runs = timed(whitespace_word_diff, old, new, args.repeat)
    ours, our_runs = timed(word_diff, old, new, args.repeat)
    print(f"whitespace words: median {base:.3f} s, {base_runs} runs")
    print(f"tokens:           median {ours:.3f} s, {our_runs} runs")
    print(f"ratio tokens/whitespace: {ours / base:.2f}")


if __name__ == "__main__":
    main()
