"""The plans' workbook (extract) and the history workbooks (history, and a stored plan's
export); the diff workbook is in diff_workbook.py, the sheet building in sheets.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Protocol

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from actionplan.export.colours import RAG_RGB, rag_colour
from actionplan.export.diff_workbook import diff_workbook
from actionplan.export.excel_charts import add_charts_sheet
from actionplan.export.sheets import (
    add_sheet,
    fill_rag,
    new_workbook,
    page_header,
    paint_column,
    table_sheet,
    workbook_bytes,
    wrapped_lines,
)
from actionplan.export.view import history_view, version_name
from actionplan.export.view_model import HistoryView
from actionplan.models import Action, History, Plan, latest_update

__all__ = [
    "RAG_RGB",
    "add_history_sheet",
    "add_sheet",
    "diff_workbook",
    "fill_rag",
    "history_workbook",
    "plan_workbook",
    "plans_workbook",
    "rag_rgb",
    "workbook_bytes",
    "wrapped_lines",
]


def rag_rgb(plan: Plan, colour: str | None) -> str | None:
    """Return the RGB a RAG colour name is painted in, preferring the document's legend."""
    return rag_colour([plan.document], colour)


ACTION_HEADERS = [
    "Plan",
    "Version",
    "Review date",
    "Ref",
    "Section",
    "Action",
    "Owners",
    "Due date",
    "Due (as written)",
    "Due kind",
    "RAG",
    "RAG meaning",
    "Latest update date",
    "Latest update",
    "Updates",
    "Page",
    "Source",
]


def _version_cells(plan: Plan) -> list[Any]:
    # Rows of several versions say which they are: the plan, its version, its review date.
    doc = plan.document
    return [doc.title, doc.version, doc.review_date]


def _action_cells(plan: Plan, a: Action) -> list[Any]:
    latest = latest_update(a.updates)
    return [
        *_version_cells(plan),
        a.ref,
        a.section,
        a.action,
        "; ".join(a.owners),
        a.due.date,
        a.due.text,
        a.due.kind,
        a.rag,
        a.rag_label,
        latest.date if latest else None,
        latest.text if latest else None,
        len(a.updates),
        a.provenance.page,
        plan.document.source,
    ]


UPDATE_HEADERS = [
    *("Plan", "Version", "Review date", "Ref", "Position", "Date", "Date (as written)"),
    *("Update", "Lead-in", "Source"),
]


def _other_text(plan: Plan) -> str:
    """Return the text around the action table: rows above its headings, other tables."""
    lines = list(plan.document.preamble)
    for table in plan.document.other_tables:
        lines += [" | ".join(c for c in row if c) for row in table]
    return "\n".join(line for line in lines if line)


def plans_workbook(plans: Sequence[Plan]) -> Workbook:
    """Return a workbook of the plans: Actions, Updates, Document and Warnings sheets."""
    wb = new_workbook()
    actions_ws = add_sheet(
        wb,
        "Actions",
        ACTION_HEADERS,
        (_action_cells(plan, a) for plan in plans for a in plan.actions),
        widths={
            "Plan": 24, "Action": 60, "Latest update": 70, "Owners": 28, "RAG meaning": 20,
            "Source": 30,
        },
    )  # fmt: skip
    paint_column(actions_ws, "RAG", (rag_rgb(plan, a.rag) for plan in plans for a in plan.actions))
    add_sheet(
        wb,
        "Updates",
        UPDATE_HEADERS,
        (
            [
                *_version_cells(plan),
                a.ref,
                i,
                u.date,
                u.date_text,
                u.text,
                u.lead,
                plan.document.source,
            ]
            for plan in plans
            for a in plan.actions
            for i, u in enumerate(a.updates, start=1)
        ),
        widths={"Plan": 24, "Update": 90, "Source": 30},
    )
    add_sheet(
        wb,
        "Document",
        [
            "Format",
            "Title",
            "Review date",
            "Version",
            "Pages",
            "Actions",
            "Tracked changes",
            "SHA-256",
            "Legend",
            "Sections",
            "Other text",
            "Source",
        ],
        (
            [
                p.document.format,
                p.document.title,
                p.document.review_date,
                p.document.version,
                p.document.pages,
                len(p.actions),
                "yes" if p.document.tracked_changes else "no",
                p.document.sha256,
                "\n".join(f"{e.colour} = {e.label}" for e in p.document.rag_legend),
                "\n".join(p.document.sections),
                _other_text(p),
                p.document.source,
            ]
            for p in plans
        ),
        widths={"SHA-256": 20, "Legend": 40, "Sections": 30, "Other text": 60},
    )
    add_sheet(
        wb,
        "Warnings",
        ["Plan", "Version", "Review date", "Warning", "Source"],
        ([*_version_cells(p), w, p.document.source] for p in plans for w in p.warnings),
        widths={"Warning": 100},
    )
    _headers(wb, plans)
    return wb


def _headers(wb: Workbook, plans: Sequence[Plan]) -> None:
    docs = [p.document for p in plans]
    titles = list(dict.fromkeys(d.title or "Action plan" for d in docs))
    names = ", ".join(version_name(d) for d in docs)
    latest = max((d.review_date for d in docs if d.review_date), default=None)
    as_at = f"As at {latest:%d/%m/%Y}" if latest else ""
    for ws in wb.worksheets:
        page_header(ws, "; ".join(titles), names, as_at)


def _history_sheet(wb: Workbook, view: HistoryView) -> Worksheet:
    widths = {"Action": 60, **{v.column: 16 for v in view.versions}}
    return table_sheet(wb, view.sheets[0], widths)


def add_history_sheet(wb: Workbook, history: History) -> Worksheet:
    """Append a History sheet: one row per action, its RAG at each version, filled."""
    return _history_sheet(wb, history_view(history))


def history_workbook(history: History) -> Workbook:
    """Return a workbook with one row per action and its RAG at each version, filled."""
    return history_report(history_view(history))


def history_report(view: HistoryView) -> Workbook:
    """Lay out a history's view as a workbook: the History sheet, then Versions."""
    wb = new_workbook()
    _history_sheet(wb, view)
    add_charts_sheet(wb, view.charts)
    table_sheet(wb, view.sheets[1], {"Legend": 40})
    _history_headers(wb, view)
    return wb


def _history_headers(wb: Workbook, view: HistoryView) -> None:
    names = [v.name for v in view.versions]
    span = f"{names[0]} to {names[-1]}" if names else ""
    dates = [v.doc.review_date for v in view.versions if v.doc.review_date]
    as_at = f"As at {max(dates):%d/%m/%Y}" if dates else ""
    for ws in wb.worksheets:
        page_header(ws, view.title, span, as_at)


class StoredDocument(Protocol):
    """One stored file of a version, as the store lists it."""

    @property
    def source(self) -> str: ...
    @property
    def format(self) -> str: ...
    @property
    def actions(self) -> int: ...
    @property
    def sha256(self) -> str: ...
    @property
    def imported_at(self) -> str: ...


class StoredVersion(Protocol):
    """One stored version of a plan, its files the used one first."""

    @property
    def label(self) -> str: ...
    @property
    def review_date(self) -> dt.date | None: ...
    @property
    def documents(self) -> Sequence[StoredDocument]: ...


def plan_workbook(
    plans: Sequence[Plan], history: History, versions: Sequence[StoredVersion]
) -> Workbook:
    """Return the plans' sheets (Actions, Updates, Document, Warnings), then History and
    Versions: one row per action with its RAG at each version, one row per stored file."""
    wb = plans_workbook(plans)
    view = history_view(history)
    _history_sheet(wb, view)
    add_charts_sheet(wb, view.charts)
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
    _history_headers(wb, view)
    return wb
