"""Pydantic records: the source of truth for the JSON contract (shared CONTRACT.md).

Fields may be added; the contract's fields are never renamed or dropped.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    import pandas as pd

DueKind = Literal["date", "range", "recurring", "approximate", "ongoing", "unspecified"]
Recurrence = Literal["daily", "weekly", "fortnightly", "monthly", "quarterly"]
RagSource = Literal["text", "shading"]
DocFormat = Literal["docx", "pdf", "text", "html", "doc"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class LegendEntry(Record):
    """One row of the document's RAG key: a colour name, its meaning and its RGB."""

    colour: str
    label: str
    rgb: str | None = None


class Due(Record):
    """A parsed "By When" cell."""

    text: str
    kind: DueKind
    date: dt.date | None = None
    end: dt.date | None = None
    recurrence: Recurrence | None = None


class UpdateEntry(Record):
    """One dated entry of an update cell; `date` is None for an undated lead-in."""

    date: dt.date | None = None
    date_text: str | None = None
    text: str
    # Words that introduced the entry before its date ("Update 10/04/2019:"), kept so
    # that nothing written is lost.
    lead: str | None = None


class Provenance(Record):
    """Where an action came from: first page, table row index, every page it spans."""

    page: int | None = None
    row: int
    pages: list[int] = Field(default_factory=list)
    table: int = 0


class Action(Record):
    """One action row of a plan, normalised."""

    ref: str | None = None
    action: str = ""
    owners: list[str] = Field(default_factory=list)
    owner_text: str = ""
    due: Due
    updates: list[UpdateEntry] = Field(default_factory=list)
    update_text: str = ""
    rag: str | None = None
    rag_label: str | None = None
    rag_source: RagSource | None = None
    provenance: Provenance
    section: str | None = None
    rag_text: str = ""
    rag_rgb: str | None = None
    extra: dict[str, str] = Field(default_factory=dict)


class DocumentInfo(Record):
    """Metadata of one review document."""

    source: str
    sha256: str
    format: DocFormat
    title: str | None = None
    review_date: dt.date | None = None
    version: str | None = None
    rag_legend: list[LegendEntry] = Field(default_factory=list)
    pages: int | None = None
    columns: dict[str, str] = Field(default_factory=dict)
    # The action table's header row as written, and any rows above it inside the table.
    headings: list[str] = Field(default_factory=list)
    preamble: list[str] = Field(default_factory=list)
    sections: list[str] = Field(default_factory=list)
    # Tables that are neither the action table nor the RAG key, as rows of cell text.
    other_tables: list[list[list[str]]] = Field(default_factory=list)
    tracked_changes: bool = False


class Plan(Record):
    """A whole review document: its metadata, its actions and the reader's warnings."""

    document: DocumentInfo
    actions: list[Action] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's JSON-ready dictionary."""
        return self.model_dump(mode="json")

    def to_json(self, indent: int | None = 2) -> str:
        """Return the contract's JSON text."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_frame(self) -> pd.DataFrame:
        """Return one row per action as a pandas DataFrame."""
        import pandas as pd

        rows = [action_record(a) for a in self.actions]
        return pd.DataFrame(rows)

    def updates_frame(self) -> pd.DataFrame:
        """Return one row per update entry (ref, position, date, date as written, text)."""
        import pandas as pd

        rows = [update_record(a, i, u) for a in self.actions for i, u in enumerate(a.updates, 1)]
        return pd.DataFrame(rows, columns=["ref", "position", "date", "date_text", "text", "lead"])


def action_record(a: Action) -> dict[str, Any]:
    """Return an action as one flat row (the columns of Plan.to_frame and of the CSV)."""
    latest = latest_update(a.updates)
    return {
        "ref": a.ref,
        "section": a.section,
        "action": a.action,
        "owners": "; ".join(a.owners),
        "owner_text": a.owner_text,
        "due_text": a.due.text,
        "due_kind": a.due.kind,
        "due_date": a.due.date,
        "due_end": a.due.end,
        "due_recurrence": a.due.recurrence,
        "rag": a.rag,
        "rag_label": a.rag_label,
        "rag_source": a.rag_source,
        "update_count": len(a.updates),
        "latest_update_date": latest.date if latest else None,
        "latest_update": latest.text if latest else None,
        "update_text": a.update_text,
        "page": a.provenance.page,
        "row": a.provenance.row,
    }


def update_record(a: Action, position: int, u: UpdateEntry) -> dict[str, Any]:
    """Return one update entry as a flat row (Plan.updates_frame and the updates CSV)."""
    return {
        "ref": a.ref,
        "position": position,
        "date": u.date,
        "date_text": u.date_text,
        "text": u.text,
        "lead": u.lead,
    }


def latest_update(updates: list[UpdateEntry]) -> UpdateEntry | None:
    """Return the entry with the latest date (authors order entries either way)."""
    dated = [u for u in updates if u.date is not None]
    if dated:
        return max(dated, key=lambda u: u.date or dt.date.min)
    return updates[-1] if updates else None


DiffStatus = Literal["added", "removed", "changed", "unchanged"]
MatchMethod = Literal["ref", "text"]
ChangeFieldName = Literal["action", "owners", "due", "rag"]


class WordOp(Record):
    """One run of a word-level diff: words kept, inserted or deleted."""

    op: Literal["equal", "insert", "delete"]
    text: str


class FieldChange(Record):
    """One field of an action that differs between versions."""

    field: ChangeFieldName
    old: Any = None
    new: Any = None
    words: list[WordOp] = Field(default_factory=list)
    slippage_days: int | None = None
    old_text: str | None = None
    new_text: str | None = None


class EditedUpdate(Record):
    """An earlier update entry that the newer version rewrote."""

    date: dt.date | None = None
    date_text: str | None = None
    old: str
    new: str
    words: list[WordOp] = Field(default_factory=list)


class ActionDiff(Record):
    """How one action differs between two versions."""

    status: DiffStatus
    old_ref: str | None = None
    new_ref: str | None = None
    match: MatchMethod | None = None
    similarity: float | None = None
    action: str = ""
    changes: list[FieldChange] = Field(default_factory=list)
    new_updates: list[UpdateEntry] = Field(default_factory=list)
    edited_updates: list[EditedUpdate] = Field(default_factory=list)
    removed_updates: list[UpdateEntry] = Field(default_factory=list)
    old_rag: str | None = None
    new_rag: str | None = None
    renumbered: bool = False
    no_new_update: bool = False
    overdue: bool = False
    due_date: dt.date | None = None


class DiffSummary(Record):
    """One-line counts of a version-to-version diff."""

    added: int = 0
    removed: int = 0
    changed: int = 0
    unchanged: int = 0
    renumbered: int = 0
    rag_moves: dict[str, int] = Field(default_factory=dict)
    new_updates: int = 0
    edited_updates: int = 0
    removed_updates: int = 0
    no_new_update: int = 0
    overdue: int = 0
    due_slipped: int = 0


class Diff(Record):
    """The comparison of two versions of a plan (shared CONTRACT.md, `diff`)."""

    old: DocumentInfo
    new: DocumentInfo
    summary: DiffSummary
    actions: list[ActionDiff] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's JSON-ready dictionary."""
        return self.model_dump(mode="json")

    def to_json(self, indent: int | None = 2) -> str:
        """Return the contract's JSON text."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)


class HistoryPoint(Record):
    """One action as it stood in one version."""

    version: str | None = None
    review_date: dt.date | None = None
    source: str
    ref: str | None = None
    rag: str | None = None
    rag_label: str | None = None
    due: dt.date | None = None
    updates: int = 0


class ActionHistory(Record):
    """One action followed across versions under a stable id."""

    id: str
    action: str
    refs: list[str] = Field(default_factory=list)
    first_seen: str | None = None
    last_seen: str | None = None
    completed_in: str | None = None
    vanished_after: str | None = None
    points: list[HistoryPoint | None] = Field(default_factory=list)


class History(Record):
    """Every action of a plan across its versions, oldest version first."""

    versions: list[DocumentInfo]
    actions: list[ActionHistory] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary."""
        return self.model_dump(mode="json")
