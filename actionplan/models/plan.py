"""A plan as read from one document: its actions, their update entries, due dates,
RAG, owners and provenance, and what the document is."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from pydantic import Field

from actionplan.models.base import DocFormat, DueKind, Output, RagSource, Record, Recurrence

if TYPE_CHECKING:
    import pandas as pd


class LegendEntry(Record):
    """One row of the document's RAG key: a colour name, its meaning and its RGB."""

    colour: str = Field(
        description="The colour's name (Red, Amber, Yellow, Green, Blue, Grey, or as the key says)."
    )
    label: str = Field(description='What the colour means, as the key writes it ("On Track").')
    rgb: str | None = Field(
        default=None, description='The key cell\'s fill as six hex digits ("00B050"); null if none.'
    )


class Due(Record):
    """A parsed "By When" cell."""

    text: str = Field(description="The cell as written, whitespace folded.")
    kind: DueKind = Field(
        description="How the cell reads: one date, a range, a recurrence, an approximate date, "
        "ongoing, or no date at all."
    )
    date: dt.date | None = Field(
        default=None,
        description="The date, the range's start, or the first occurrence; null if none.",
    )
    end: dt.date | None = Field(default=None, description="The range's end; null if not a range.")
    recurrence: Recurrence | None = Field(
        default=None, description="How often a recurring action falls due; null if not recurring."
    )


class UpdateEntry(Record):
    """One dated entry of an update cell; `date` is None for an undated lead-in."""

    date: dt.date | None = Field(
        default=None,
        description="The entry's date; null for an undated lead-in before the first entry.",
    )
    date_text: str | None = Field(
        default=None, description='The date as written ("23/02/2018"); null if undated.'
    )
    text: str = Field(
        description="The entry's text, without its date and the separator after it (:, -, –)."
    )
    lead: str | None = Field(
        default=None,
        description='Words written before the entry\'s date ("Update" in "Update 10/04/2019:"), '
        "kept so that nothing written is lost; null if none.",
    )


class Provenance(Record):
    """Where an action came from: first page, table row index, every page it spans."""

    page: int | None = Field(
        default=None, description="The page the row starts on (1 is the first); null if not known."
    )
    row: int = Field(description="The row's index in its table (0 is the first row).")
    pages: list[int] = Field(
        default_factory=list,
        description="Every page the row spans (a row that a page break splits spans two); "
        "[] if not known.",
    )
    table: int = Field(
        default=0,
        description="The table's index in the document (0 is the first); -1 for an action "
        "written as a paragraph (an ACTION line in minutes), not in a table.",
    )
    cell: str | None = Field(
        default=None,
        description="The spreadsheet cell of the action's text, its sheet named as Excel "
        'writes it ("Actions!B7", "\'V3 Mar 2019\'!B7"); null for a document that is no '
        "spreadsheet.",
    )


class Action(Record):
    """One action row of a plan, normalised."""

    ref: str | None = Field(
        default=None,
        description='The action\'s number or id as written ("3", "2.1", "A4"); null if none.',
    )
    action: str = Field(default="", description="What is to be done, as written.")
    owners: list[str] = Field(
        default_factory=list,
        description="Who is responsible, split on and / & / , / ; / new line.",
    )
    owner_text: str = Field(
        default="", description="The owner cell's raw text, whitespace-normalised."
    )
    due: Due = Field(description='The "By When" cell, parsed.')
    updates: list[UpdateEntry] = Field(
        default_factory=list, description="The update cell's entries, in document order."
    )
    update_text: str = Field(
        default="", description="The update cell as written (several update columns: one per line)."
    )
    rag: str | None = Field(
        default=None,
        description="A colour from rag_legend (or Red/Amber/Yellow/Green/Blue/Grey); null if none.",
    )
    rag_label: str | None = Field(
        default=None, description="The legend's label for that colour; null if none."
    )
    rag_source: RagSource | None = Field(
        default=None,
        description="Whether rag was read from the cell's text or its shading; null if none.",
    )
    provenance: Provenance = Field(description="Where in the document the action was read.")
    section: str | None = Field(
        default=None, description="The section heading the action sits under; null if none."
    )
    rag_text: str = Field(
        default="", description="The RAG cell's text, whitespace folded; empty if it has none."
    )
    rag_rgb: str | None = Field(
        default=None,
        description="The RAG cell's fill as six hex digits; null if unshaded or not known.",
    )
    extra: dict[str, str] = Field(
        default_factory=dict,
        description="Every column that is none of the roles, by its heading.",
    )


class DocumentInfo(Record):
    """Metadata of one review document."""

    source: str = Field(description="The file name as given.")
    sha256: str = Field(description="The SHA-256 of the file's bytes, in hex.")
    format: DocFormat = Field(description="The format the file was read as.")
    title: str | None = Field(default=None, description="The document's title; null if none found.")
    review_date: dt.date | None = Field(
        default=None, description="The date of the review; null if none found."
    )
    version: str | None = Field(default=None, description='The version as written ("V8"), or null.')
    rag_legend: list[LegendEntry] = Field(
        default_factory=list, description="The document's RAG key, in its order; [] if none."
    )
    pages: int | None = Field(default=None, description="How many pages it has; null if not known.")
    columns: dict[str, str] = Field(
        default_factory=dict,
        description="The action table's heading of each role found "
        "(ref, action, owner, due, update, rag).",
    )
    headings: list[str] = Field(
        default_factory=list, description="The action table's header row as written."
    )
    preamble: list[str] = Field(
        default_factory=list, description="Rows above the header row inside the action table."
    )
    sections: list[str] = Field(
        default_factory=list, description="The section headings of the action table, in order."
    )
    other_tables: list[list[list[str]]] = Field(
        default_factory=list,
        description="Tables that are neither the action table nor the RAG key, "
        "as rows of cell text.",
    )
    tracked_changes: bool = Field(
        default=False,
        description="Whether it has unaccepted tracked changes (read as if accepted).",
    )
    sheet: str | None = Field(
        default=None,
        description="The worksheet read alone, for a workbook kept as one sheet per version "
        '("V3 Mar 2019") or the sheet --sheet named; null when the whole document was read.',
    )
    confidence: float = Field(
        default=1.0,
        ge=0.0,
        le=1.0,
        description="How sure the reader is that the records are right, 0–1, from the evidence "
        "(header, columns found and how their cells fit, actions that read as actions, dates "
        "that parse). Below 0.5 extract refuses the document unless --force; below 0.8 it "
        "warns.",
    )
    confidence_reasons: list[str] = Field(
        default_factory=list,
        description="Why the confidence is below 1, one reason each; empty when it is 1.",
    )


class Plan(Output):
    """A whole review document: its metadata, its actions and the reader's warnings."""

    document: DocumentInfo = Field(description="What the document is.")
    actions: list[Action] = Field(
        default_factory=list, description="The action rows, in document order."
    )
    warnings: list[str] = Field(
        default_factory=list, description="Human-readable, one per problem, never silent."
    )

    def to_frame(self) -> pd.DataFrame:
        """Return one row per action as a pandas DataFrame, its date columns datetime64."""
        import pandas as pd

        frame = pd.DataFrame([action_record(a) for a in self.actions], columns=ACTION_FIELDS)
        return _dated(frame, ("due_date", "due_end", "latest_update_date"))

    def updates_frame(self) -> pd.DataFrame:
        """Return one row per update entry (ref, position, date, date as written, text), its
        date column datetime64."""
        import pandas as pd

        rows = [update_record(a, i, u) for a in self.actions for i, u in enumerate(a.updates, 1)]
        frame = pd.DataFrame(rows, columns=["ref", "position", "date", "date_text", "text", "lead"])
        return _dated(frame, ("date",))


def _dated(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    # datetime.date values make an object column; a missing date becomes NaT.
    import pandas as pd

    for c in columns:
        frame[c] = pd.to_datetime(frame[c]).astype("datetime64[ns]")
    return frame


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


# The columns of Plan.to_frame, in order (an empty plan still has them).
ACTION_FIELDS = [
    "ref", "section", "action", "owners", "owner_text", "due_text", "due_kind", "due_date",
    "due_end", "due_recurrence", "rag", "rag_label", "rag_source", "update_count",
    "latest_update_date", "latest_update", "update_text", "page", "row",
]  # fmt: skip


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
