"""Pydantic records: the source of truth for the JSON contract (docs/contract.md).

Fields may be added; the contract's fields are never renamed or dropped.

    base.py     Record, Output (JSON, to_excel/to_html/to_markdown), the shared literals
    plan.py     what `extract` prints: Plan, its actions, entries, due dates, provenance
    diff.py     what `diff` prints: Diff, ActionDiff, DiffSummary, the word diff
    history.py  what `history` prints: History, ActionHistory, HistoryPoint

Every record is imported from here (`from actionplan.models import Plan`).
"""

from actionplan.models.base import (
    RENDERER,
    DocFormat,
    DueKind,
    Output,
    RagSource,
    Record,
    Recurrence,
)
from actionplan.models.diff import (
    ActionDiff,
    ChangeFieldName,
    Diff,
    DiffReport,
    DiffStatus,
    DiffSummary,
    EditedUpdate,
    FieldChange,
    MatchMethod,
    ReportAction,
    ReportHeading,
    WordOp,
)
from actionplan.models.history import ActionHistory, History, HistoryPoint
from actionplan.models.plan import (
    ACTION_FIELDS,
    Action,
    DocumentInfo,
    Due,
    LegendEntry,
    Plan,
    Provenance,
    UpdateEntry,
    action_record,
    latest_update,
    update_record,
)

__all__ = [
    "ACTION_FIELDS",
    "RENDERER",
    "Action",
    "ActionDiff",
    "ActionHistory",
    "ChangeFieldName",
    "Diff",
    "DiffReport",
    "DiffStatus",
    "DiffSummary",
    "DocFormat",
    "DocumentInfo",
    "Due",
    "DueKind",
    "EditedUpdate",
    "FieldChange",
    "History",
    "HistoryPoint",
    "LegendEntry",
    "MatchMethod",
    "Output",
    "Plan",
    "Provenance",
    "RagSource",
    "Record",
    "Recurrence",
    "ReportAction",
    "ReportHeading",
    "UpdateEntry",
    "WordOp",
    "action_record",
    "latest_update",
    "update_record",
]
