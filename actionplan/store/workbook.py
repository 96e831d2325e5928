"""The workbook of a stored plan: every version's actions, and the actions' history."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from openpyxl.styles import PatternFill

from actionplan.export.excel import add_sheet, plans_workbook, rag_rgb

if TYPE_CHECKING:
    from openpyxl import Workbook

    from actionplan.models import History, Plan
    from actionplan.store.sqlite import VersionSummary

HISTORY_HEADERS = ["Id", "Refs", "Action", "First seen", "Last seen", "Completed in", "Gone after"]


def plan_workbook(
    plans: Sequence[Plan], history: History, versions: Sequence[VersionSummary]
) -> Workbook:
    """Return the plans' sheets (Actions, Updates, Document, Warnings), then History and
    Versions: one row per action with its RAG at each version, one row per stored file."""
    wb = plans_workbook(plans)
    labels = [v.label for v in versions]
    if len(set(labels)) < len(labels):
        labels = [f"{v.label} ({v.review_date})" for v in versions]
    ws = add_sheet(
        wb,
        "History",
        [*HISTORY_HEADERS, *labels],
        (
            [
                a.id,
                " → ".join(a.refs),
                a.action,
                a.first_seen,
                a.last_seen,
                a.completed_in,
                a.vanished_after,
                *[(p.rag or "(none)") if p else None for p in a.points],
            ]
            for a in history.actions
        ),
        widths={"Action": 60, **{label: 14 for label in labels}},
    )
    # Paint each RAG in its own document's legend colour.
    by_sha = {p.document.sha256: p for p in plans}
    version_plans = [by_sha[d.sha256] for d in history.versions]
    first = len(HISTORY_HEADERS) + 1
    for row, a in enumerate(history.actions, start=2):
        for j, point in enumerate(a.points):
            rgb = rag_rgb(version_plans[j], point.rag) if point else None
            if rgb:
                ws.cell(row=row, column=first + j).fill = PatternFill("solid", fgColor=rgb)
    add_sheet(
        wb,
        "Versions",
        ["Version", "Review date", "Source", "Format", "Actions", "Used", "SHA-256", "Imported"],
        (
            [
                v.label,
                v.review_date,
                d.source,
                d.format,
                d.actions,
                "yes" if i == 0 else "no (same version in another format)",
                d.sha256,
                d.imported_at,
            ]
            for v in versions
            for i, d in enumerate(v.documents)
        ),
        widths={"Source": 40, "Used": 16},
    )
    return wb
