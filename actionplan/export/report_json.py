"""`diff --format json`: the diff itself, and the board report counted at the as-at date.

The report is the same records every other format lays out (export/view.py): its
exception headings, in order, each action with its owners and why it is listed, so a
script reading the JSON gets what the board pack says, at the --as-at date it was asked
for (else the new version's review date), and the JSON says which date that was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from actionplan.export.board_model import Exceptions, ReportOptions
from actionplan.export.view import diff_view
from actionplan.models import DiffReport, ReportAction, ReportHeading

if TYPE_CHECKING:
    from actionplan.models import Diff


def diff_json(diff: Diff, options: ReportOptions) -> str:
    """Return the diff's JSON with its `report` filled in for these options."""
    return diff.model_copy(update={"report": diff_report(diff, options)}).to_json() + "\n"


def diff_report(diff: Diff, options: ReportOptions | None = None) -> DiffReport:
    """Return what the board report of a diff says, counted at the options' as-at date."""
    options = options or ReportOptions()
    view = diff_view(diff, options)
    ex = view.exceptions
    assert ex is not None  # diff_view always builds the exception report
    return DiffReport(
        as_at=view.as_at,
        stale_days=options.stale_days,
        overdue=len(view.overdue.items),
        slip_versions=ex.history_versions,
        exceptions=_headings(ex),
    )


def _headings(ex: Exceptions) -> list[ReportHeading]:
    return [
        ReportHeading(
            key=g.key,
            title=g.title,
            question=g.question,
            note=g.note,
            actions=[
                ReportAction(
                    ref=r.ref,
                    action=r.action,
                    owners=list(r.owners),
                    band=r.band,
                    rag=r.colour,
                    due_date=r.due_date,
                    due_text=r.due_text,
                    days_overdue=r.days_overdue,
                    last_entry=r.last_entry,
                    days_since_entry=r.days_since_entry,
                    detail=r.detail,
                )
                for r in g.rows
            ],
        )
        for g in ex.groups
    ]
