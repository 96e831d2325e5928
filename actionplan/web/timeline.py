"""A stored plan as the Store pages show it: its versions, RAG counts, and each action's
timeline (its RAG at every review, its due date's moves and every dated entry).

Built from the store's own queries and `compare.build_history`, the history `actionplan
history --plan` prints; nothing here reads a file.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

# What a page says where the charts would be, without matplotlib (the charts extra).
MISSING = "Charts need matplotlib: pip install 'actionplan[charts]'."

if TYPE_CHECKING:
    from actionplan.export.board_model import Chart
    from actionplan.models import Action, ActionHistory, DocumentInfo, History, Plan
    from actionplan.store import PlanStore, PlanSummary

# The RAG colours the page has a style for; any other is shown as written, uncoloured.
RAG_CLASSES = {"red", "amber", "yellow", "green", "blue", "grey", "gray", "black", "white"}


def rag_class(rag: str | None) -> str:
    """Return the CSS class of a RAG colour ("rag-red"), "rag-none" for none."""
    if not rag:
        return "rag-none"
    low = rag.strip().lower()
    return f"rag-{low}" if low in RAG_CLASSES else "rag-other"


def _summary(store: PlanStore, name: str) -> PlanSummary:
    from actionplan.errors import UnknownPlan

    versions = store.versions(name)  # raises UnknownPlan, naming the plans there are
    ids = {v.id for v in versions}
    for p in store.plans():
        if {v.id for v in p.versions} == ids:
            return p
    raise UnknownPlan(store.path, f"no plan {name!r}")


def _load(store: PlanStore, name: str) -> tuple[PlanSummary, list[Plan], History]:
    from actionplan.compare import build_history

    summary = _summary(store, name)
    plans = store.version_plans(name)
    return summary, plans, build_history(plans)


def version_label(d: DocumentInfo) -> str:
    return d.version or (d.review_date.isoformat() if d.review_date else d.source)


def charts_available() -> bool:
    from actionplan.export.charts import available

    return available()


def _charts(history: History) -> list[Chart]:
    from actionplan.export.board import history_charts

    return [c for c in history_charts(history) if c.categories]


def chart_titles(history: History) -> list[tuple[int, str]]:
    """Return (number, title) of each chart of a plan's history that has something to show."""
    return list(enumerate(c.title for c in _charts(history))) if charts_available() else []


def chart_svg(store: PlanStore, name: str, number: int) -> str | None:
    """Return one chart of a plan's history as SVG (export.charts), None past the last."""
    from actionplan.export.charts import chart_svg as draw

    _, _, history = _load(store, name)
    found = _charts(history)
    return draw(found[number]) if 0 <= number < len(found) else None


def _width(n: int, total: int) -> str:
    """Return the CSS class of a bar of n in total: w0 to w10, a non-zero count at least w1."""
    return f"w{max(1, round(10 * n / total)) if n else 0}"


def plan_overview(store: PlanStore, name: str) -> dict[str, Any]:
    """Return what a plan's page shows: versions, RAG counts per version, every action."""
    summary, _, history = _load(store, name)
    labels = [version_label(d) for d in history.versions]
    legend: dict[str, str] = {}  # colour -> what it means, in the order first met
    counts: list[Counter[str]] = [Counter() for _ in history.versions]
    for a in history.actions:
        for i, p in enumerate(a.points):
            if p is None:
                continue
            colour = p.rag or "none"
            counts[i][colour] += 1
            legend.setdefault(colour, p.rag_label or ("no RAG" if colour == "none" else colour))
    chart = [
        {
            "label": label,
            "review_date": d.review_date,
            "total": sum(c.values()),
            "cells": [
                (n, rag_class(None if colour == "none" else colour), _width(n, sum(c.values())))
                for colour in legend
                for n in [c.get(colour, 0)]
            ],
        }
        for label, d, c in zip(labels, history.versions, counts, strict=True)
    ]
    rows = [
        {
            "id": a.id,
            "refs": a.refs,
            "action": a.action,
            "points": [(p.rag, p.rag_label, rag_class(p.rag)) if p else None for p in a.points],
        }
        for a in history.actions
    ]
    return {
        "summary": summary,
        "charts": chart_titles(history),
        "charts_missing": None if charts_available() else MISSING,
        "labels": labels,
        "legend": [(c, m, rag_class(None if c == "none" else c)) for c, m in legend.items()],
        "chart": chart,
        "rows": rows,
        "warnings": history.warnings,
        "plan_name": name,
    }


@dataclass
class Review:
    """One review of an action: its RAG, due date (and whether it moved), its new entries."""

    label: str
    review_date: dt.date | None
    source: str
    present: bool
    ref: str | None = None
    rag: str | None = None
    rag_label: str | None = None
    rag_class: str = "rag-none"
    due: dt.date | None = None
    due_text: str | None = None
    due_moved_from: dt.date | None = None
    entries: list[tuple[str, str]] = field(default_factory=list)  # (date, text), new in it


def _action_in(plan: Plan | None, ref: str | None, text: str) -> Action | None:
    if plan is None:
        return None
    same_ref = [a for a in plan.actions if ref is not None and a.ref == ref]
    if len(same_ref) == 1:
        return same_ref[0]
    same_text = [a for a in same_ref or plan.actions if " ".join(a.action.split()) == text]
    return same_text[0] if same_text else (same_ref[0] if same_ref else None)


def timeline(store: PlanStore, name: str, action_id: str) -> dict[str, Any] | None:
    """Return one action's reviews in order, or None when the plan has no such action."""
    summary, plans, history = _load(store, name)
    found: ActionHistory | None = next((a for a in history.actions if a.id == action_id), None)
    if found is None:
        return None
    by_source = {p.document.source: p for p in plans}
    reviews: list[Review] = []
    seen: set[tuple[str, str]] = set()
    last_due: dt.date | None = None
    for d, point in zip(history.versions, found.points, strict=True):
        review = Review(version_label(d), d.review_date, d.source, point is not None)
        reviews.append(review)
        if point is None:
            continue
        review.ref, review.rag, review.rag_label = point.ref, point.rag, point.rag_label
        review.rag_class = rag_class(point.rag)
        review.due = point.due
        if last_due is not None and point.due is not None and point.due != last_due:
            review.due_moved_from = last_due
        last_due = point.due or last_due
        action = _action_in(by_source.get(d.source), point.ref, found.action)
        if action is None:
            continue
        review.due_text = action.due.text
        for entry in action.updates:
            when = entry.date.strftime("%d/%m/%Y") if entry.date else (entry.date_text or "undated")
            key = (when, " ".join(entry.text.split()))
            if key not in seen:
                seen.add(key)
                review.entries.append(key)
    return {"summary": summary, "action": found, "reviews": reviews, "plan_name": name}
