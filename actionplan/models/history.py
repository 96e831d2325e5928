"""One plan across many versions: each action's state at every review."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from actionplan.models.base import Output, Record
from actionplan.models.plan import DocumentInfo


class HistoryPoint(Record):
    """One action as it stood in one version."""

    version: str | None = Field(default=None, description="The version as written, or null.")
    review_date: dt.date | None = Field(
        default=None, description="The version's review date, or null."
    )
    source: str = Field(description="The version's file.")
    ref: str | None = Field(default=None, description="The action's ref in it; null if none.")
    rag: str | None = Field(default=None, description="The action's RAG in it; null if none.")
    rag_label: str | None = Field(
        default=None, description="The legend's label for rag; null if none."
    )
    due: dt.date | None = Field(
        default=None, description="The action's due date in it (a range's end); null if none."
    )
    updates: int = Field(default=0, description="How many update entries the action had in it.")


class ActionHistory(Record):
    """One action followed across versions under a stable id."""

    id: str = Field(description='A stable id ("A001"), numbered in order of first appearance.')
    action: str = Field(description="Its text in the latest version it is in, whitespace folded.")
    refs: list[str] = Field(
        default_factory=list, description="Every ref it has had, in order, each change once."
    )
    first_seen: str | None = Field(
        default=None,
        description="The first version it is in (named by its version, else its review date "
        "or file).",
    )
    last_seen: str | None = Field(default=None, description="The last version it is in.")
    completed_in: str | None = Field(
        default=None, description="The first version whose RAG says complete; null if none."
    )
    vanished_after: str | None = Field(
        default=None, description="The last version before it first went missing; null if never."
    )
    complete_when_first_seen: bool = Field(
        default=False,
        description="Whether its RAG already said complete in the first version it is in: "
        "then completed_in is that version, and when it was completed is not known.",
    )
    due: dt.date | None = Field(
        default=None,
        description="Its due date (a range's end) in the latest version it is in; null if none.",
    )
    first_due: dt.date | None = Field(
        default=None, description="Its first due date over the versions; null if none."
    )
    due_moves: int = Field(
        default=0,
        description="How many times its due date changed from one version it is in to the "
        "next (later or earlier).",
    )
    slips: int = Field(default=0, description="How many of those moves put the due date later.")
    slip_days: int = Field(
        default=0,
        description="The days its due date moved in all, from first_due to due (later is "
        "positive); 0 if either is null.",
    )
    points: list[HistoryPoint | None] = Field(
        default_factory=list,
        description="How it stood in each version, oldest first; null where it is absent.",
    )


class History(Output):
    """Every action of a plan across its versions, oldest version first."""

    versions: list[DocumentInfo] = Field(
        description="What each version's document is, oldest first."
    )
    actions: list[ActionHistory] = Field(
        default_factory=list, description="Every action, in order of first appearance."
    )
    warnings: list[str] = Field(
        default_factory=list,
        description="Documents set aside (one per version: Word, then PDF, then text).",
    )
