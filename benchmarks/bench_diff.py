"""Diff two 600-action versions of a plan; report the time against a one-second target.

    python benchmarks/bench_diff.py [--actions 600] [--repeat 5]

The versions are built from the V8 sample's actions, varied: every action gets a
distinct wording, the newer version drops 3%, adds 3%, renumbers what follows a
dropped action, rewords 5%, moves RAG and due dates on 10%, and adds an entry to half.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import actionplan  # noqa: E402
from actionplan.compare import diff_plans  # noqa: E402
from actionplan.models import Action, Plan, UpdateEntry  # noqa: E402

WORDS = [
    "review",
    "audit",
    "threshold",
    "cohort",
    "training",
    "pilot",
    "workshop",
    "plan",
    "report",
    "data",
    "managers",
    "staff",
    "consultation",
    "strategy",
    "meeting",
    "quality",
    "cases",
    "families",
    "children",
    "panel",
    "budget",
    "caseload",
]


def make_versions(n: int, seed: int = 7) -> tuple[Plan, Plan]:
    """Return (old, new): two versions of an n-action plan with realistic changes."""
    rng = random.Random(seed)
    base = actionplan.read(ROOT / "samples" / "cp-reduction-v8.docx")
    old_actions = []
    for i in range(n):
        src = base.actions[i % len(base.actions)]
        extra = " ".join(rng.choice(WORDS) for _ in range(6))
        old_actions.append(
            src.model_copy(update={"ref": str(i + 1), "action": f"{src.action} ({extra} {i})"})
        )
    new_actions: list[Action] = []
    for a in old_actions:
        roll = rng.random()
        if roll < 0.03:
            continue
        changes: dict[str, object] = {"ref": str(len(new_actions) + 1)}
        if roll < 0.08:
            changes["action"] = a.action.replace("to", "in order to", 1) + " (revised)"
        if rng.random() < 0.10:
            changes["rag"] = rng.choice(["Blue", "Green", "Yellow", "Red"])
        if rng.random() < 0.10 and a.due.date:
            due = a.due.model_copy(update={"date": a.due.date + dt.timedelta(days=30)})
            changes["due"] = due
        if rng.random() < 0.5:
            entry = UpdateEntry(date=dt.date(2018, 7, 12), date_text="12/07/2018", text="Progress.")
            changes["updates"] = [*a.updates, entry]
        new_actions.append(a.model_copy(update=changes))
        if rng.random() < 0.03:
            new_actions.append(
                a.model_copy(
                    update={
                        "ref": str(len(new_actions) + 1),
                        "action": " ".join(rng.choice(WORDS) for _ in range(12)),
                    }
                )
            )
    old = base.model_copy(update={"actions": old_actions})
    new = base.model_copy(update={"actions": new_actions})
    return old, new


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actions", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    old, new = make_versions(args.actions)
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = diff_plans(old, new)
        times.append(time.perf_counter() - start)
    s = result.summary
    print(
        f"{len(old.actions)} → {len(new.actions)} actions: {s.added} added, {s.removed} removed, "
        f"{s.changed} changed, {s.unchanged} unchanged, {s.renumbered} renumbered"
    )
    print(
        f"diff_plans: median {statistics.median(times):.3f} s, best {min(times):.3f} s "
        f"over {args.repeat} runs (target < 1 s on one core)"
    )


if __name__ == "__main__":
    main()
