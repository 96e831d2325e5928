#!/usr/bin/env python3
"""Measure how well `actionplan.read` reads the layout zoo, field by field.

    python samples/zoo/score_zoo.py              # every .docx and .pdf in docs/
    python samples/zoo/score_zoo.py --format pdf # one format only
    python samples/zoo/score_zoo.py -v           # every mismatch, not only the first per field
    python samples/zoo/score_zoo.py --json out.json

Each document is compared with expected/<name>.json. Text is compared with runs of
whitespace folded; everything else exactly. An action the reader did not produce counts as
wrong in every field; a plan the reader refused counts as wrong in every field too.
Near-misses (expected {"refuse": true}) must raise ActionplanError.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from actionplan import ActionplanError, read

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
EXPECTED = HERE / "expected"
DOC_FIELDS = ["title", "review_date", "version"]
ACTION_FIELDS = ["ref", "action", "owners", "due", "rag", "update_dates", "update_texts",
                 "section"]  # fmt: skip


def fold(text: str | None) -> str | None:
    """Return text with runs of whitespace folded to one space (None stays None)."""
    return None if text is None else " ".join(text.split())


def truth_fields(a: dict) -> dict:
    """Return the comparable fields of an expected action."""
    return {
        "ref": a["ref"],
        "action": fold(a["action"]),
        "owners": [fold(o) for o in a["owners"]],
        "due": (fold(a["due_text"]), a["due_date"]),
        "rag": a["rag"],
        "update_dates": [u["date"] for u in a["updates"]],
        "update_texts": [fold(u["text"]) for u in a["updates"]],
        "section": fold(a["section"]),
    }


def read_fields(a) -> dict:
    """Return the comparable fields of an action the reader produced."""
    return {
        "ref": a.ref,
        "action": fold(a.action),
        "owners": [fold(o) for o in a.owners],
        "due": (fold(a.due.text), a.due.date.isoformat() if a.due.date else None),
        "rag": a.rag,
        "update_dates": [u.date.isoformat() if u.date else None for u in a.updates],
        "update_texts": [fold(u.text) for u in a.updates],
        "section": fold(a.section),
    }


def pair_actions(expected: list[dict], got: list) -> list[tuple[dict, object | None]]:
    """Pair each expected action with the read one: by ref when refs are unique, else by order."""
    refs = [a["ref"] for a in expected]
    if all(refs) and len(set(refs)) == len(refs):
        by_ref: dict[str, object] = {}
        for a in got:
            by_ref.setdefault(fold(a.ref) or "", a)
        return [(e, by_ref.get(e["ref"])) for e in expected]
    return [(e, got[i] if i < len(got) else None) for i, e in enumerate(expected)]


def score_plan(path: Path, expected: dict) -> dict:
    """Return per-field hits and totals, and the mismatches, for one plan document."""
    result: dict = {"doc": path.name, "hits": Counter(), "totals": Counter(), "fails": [],
                    "layout": expected["layout"]}  # fmt: skip
    n = len(expected["actions"])
    for f in DOC_FIELDS:
        result["totals"][f] += 1
    for f in ACTION_FIELDS:
        result["totals"][f] += n
    try:
        plan = read(path)
    except ActionplanError as exc:
        result["error"] = f"{type(exc).__name__}: {exc}"
        return result
    result["warnings"] = list(plan.warnings)
    result["confidence"] = getattr(plan.document, "confidence", None)
    result["read_actions"] = len(plan.actions)
    doc = plan.document
    got_doc = {"title": fold(doc.title), "version": doc.version,
               "review_date": doc.review_date.isoformat() if doc.review_date else None}  # fmt: skip
    for f in DOC_FIELDS:
        want = fold(expected[f]) if f == "title" else expected[f]
        if got_doc[f] == want:
            result["hits"][f] += 1
        else:
            result["fails"].append((f, None, want, got_doc[f]))
    for e, g in pair_actions(expected["actions"], plan.actions):
        want = truth_fields(e)
        if g is None:
            result["fails"].append(("missing action", e["ref"], e["action"][:50], None))
            continue
        have = read_fields(g)
        for f in ACTION_FIELDS:
            if want[f] == have[f]:
                result["hits"][f] += 1
            else:
                result["fails"].append((f, e["ref"], want[f], have[f]))
    return result


def score_near_miss(path: Path, expected: dict) -> dict:
    """Return whether a near-miss was refused, and what the reader said."""
    try:
        plan = read(path)
    except ActionplanError as exc:
        return {"doc": path.name, "kind": expected["kind"], "refused": True, "why": str(exc)}
    conf = getattr(plan.document, "confidence", None)
    return {"doc": path.name, "kind": expected["kind"], "refused": False,
            "why": f"read as {len(plan.actions)} action(s), confidence {conf}"}  # fmt: skip


def cross_format(results: dict[str, dict]) -> list[str]:
    """Return the plans whose .docx and .pdf were scored differently, field by field."""
    out = []
    for name, r in sorted(results.items()):
        if not name.endswith(".docx"):
            continue
        other = results.get(name[: -len(".docx")] + ".pdf")
        if other is None:
            continue
        diff = [f for f in DOC_FIELDS + ACTION_FIELDS if r["hits"][f] != other["hits"][f]]
        if diff or ("error" in r) != ("error" in other):
            out.append(f"{name[:-5]}: docx/pdf differ in {', '.join(diff) or 'refusal'}")
    return out


def short(value: object, width: int = 70) -> str:
    """Return a value as one line of at most `width` characters."""
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def report(plans: list[dict], misses: list[dict], verbose: bool) -> None:
    """Print the per-field accuracy, the near-miss refusals and each document's failures."""
    hits, totals = Counter(), Counter()
    by_format: dict[str, tuple[Counter, Counter]] = defaultdict(lambda: (Counter(), Counter()))
    for r in plans:
        hits.update(r["hits"])
        totals.update(r["totals"])
        fh, ft = by_format[Path(r["doc"]).suffix]
        fh.update(r["hits"])
        ft.update(r["totals"])
    fmts = sorted(by_format)
    print(f"{'field':<14}{'all':>16}" + "".join(f"{f:>16}" for f in fmts))
    for f in DOC_FIELDS + ACTION_FIELDS:
        cells = [(hits[f], totals[f])] + [(by_format[x][0][f], by_format[x][1][f]) for x in fmts]
        print(f"{f:<14}" + "".join(f"{h:>6}/{t:<4}{100 * h / max(t, 1):5.1f}%" for h, t in cells))
    refused = [r for r in plans if "error" in r]
    print(f"\nplans: {len(plans)} documents, {len(refused)} refused")
    for r in refused:
        print(f"  REFUSED {r['doc']}: {r['error'][:150]}")
    print(f"\nnear-misses: {sum(m['refused'] for m in misses)}/{len(misses)} refused")
    for m in misses:
        print(f"  {'ok ' if m['refused'] else 'BAD'} {m['doc']} ({m['kind']}): {m['why'][:110]}")
    kinds = Counter(f[0] for r in plans for f in r["fails"])
    print("\nfailures by field (actions or documents):")
    for kind, count in kinds.most_common():
        docs = sorted({r["doc"] for r in plans for f in r["fails"] if f[0] == kind})
        print(f"  {kind:<14}{count:>5}  in {len(docs)} docs")
    by_variation(plans)
    print("\nper document (refused plans are listed above):")
    for r in plans:
        if not r["fails"]:
            continue
        extra = f", read {r.get('read_actions')} actions" if "read_actions" in r else ""
        print(f"- {r['doc']}: {len(r['fails'])} mismatches{extra}")
        seen: set[str] = set()
        for field, ref, want, got in r["fails"]:
            if field in seen and not verbose:
                continue
            seen.add(field)
            print(
                f"    {field} [{ref}] want {short(want)}\n{'':<{8 + len(field)}}got  {short(got)}"
            )
    for line in cross_format({r["doc"]: r for r in plans}):
        print("  cross-format:", line)


VARIATIONS = ["lang", "two_row", "sections", "rag", "entry", "borders", "tables", "long_rows"]


def by_variation(plans: list[dict]) -> None:
    """Print the share of all fields read right, grouped by each layout choice."""
    print("\nall fields right, by layout choice (refused plans count as 0):")
    for key in VARIATIONS:
        groups: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for r in plans:
            value = r["layout"][key]
            label = "+".join(value) if isinstance(value, list) else str(value)
            groups[label or "-"][0] += sum(r["hits"].values())
            groups[label or "-"][1] += sum(r["totals"].values())
        cells = ", ".join(f"{k} {100 * h / max(t, 1):.0f}%" for k, (h, t) in sorted(groups.items()))
        print(f"  {key:<10} {cells}")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--format", choices=["docx", "pdf"], help="score one format only")
    ap.add_argument("-v", "--verbose", action="store_true", help="show every mismatch")
    ap.add_argument("--json", type=Path, help="also write the results as JSON")
    args = ap.parse_args(argv)
    plans, misses = [], []
    for path in sorted(DOCS.iterdir()):
        if path.suffix not in (".docx", ".pdf") or (args.format and path.suffix[1:] != args.format):
            continue
        expected = json.loads((EXPECTED / f"{path.stem}.json").read_text(encoding="utf-8"))
        if expected.get("refuse"):
            misses.append(score_near_miss(path, expected))
        else:
            plans.append(score_plan(path, expected))
    report(plans, misses, args.verbose)
    if args.json:
        args.json.write_text(json.dumps({"plans": plans, "near_misses": misses}, indent=1,
                                        default=str, ensure_ascii=False))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
