"""The workbook of a stored plan: every version's actions, and the actions' history."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from actionplan.export.excel import add_history_sheet, add_sheet, plans_workbook

if TYPE_CHECKING:
    from openpyxl import Workbook

    from actionplan.models import History, Plan
    from actionplan.store.sqlite import VersionSummary


def plan_workbook(
    plans: Sequence[Plan], history: History, versions: Sequence[VersionSummary]
) -> Workbook:
    """Return the plans' sheets (Actions, Updates, Document, Warnings), then History and
    Versions: one row per action with its RAG at each version, one row per stored file."""
    wb = plans_workbook(plans)
    add_history_sheet(wb, history)
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
