"""How two versions of a plan differ: per action, per field and per update entry."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field

from actionplan.models.base import DueKind, Output, Record
from actionplan.models.plan import DocumentInfo, UpdateEntry

DiffStatus = Literal["added", "removed", "changed", "unchanged"]
MatchMethod = Literal["ref", "text"]
ChangeFieldName = Literal["action", "owners", "due", "rag"]


class WordOp(Record):
    """One run of a word-level diff: words kept, inserted or deleted."""

    op: Literal["equal", "insert", "delete"] = Field(
        description="Whether the words are in both texts, only the new one, or only the old one."
    )
    text: str = Field(
        description="The words as written (whitespace folded), a mark of punctuation attached "
        'to its word as in the text ("SMT,").'
    )
    space: bool = Field(
        default=True,
        description="Whether a space separates this run from the run before it (false for a "
        'comma inserted after a word: "SMT" then ","); a diff\'s kept and deleted runs, '
        "joined so, are the old text exactly, its kept and inserted runs the new text.",
    )


class FieldChange(Record):
    """One field of an action that differs between versions."""

    field: ChangeFieldName = Field(description="Which field changed.")
    old: Any = Field(
        default=None,
        description="The value in OLD: text (action, rag), a list of names (owners), or the ISO "
        "date, else the text (due); null if none.",
    )
    new: Any = Field(default=None, description="The value in NEW, as old.")
    words: list[WordOp] = Field(
        default_factory=list, description="For action: the word-level diff; else []."
    )
    slippage_days: int | None = Field(
        default=None,
        description="For due: the days the due date moved (later is positive); "
        "null if either has no date.",
    )
    old_text: str | None = Field(
        default=None, description="For owners and due: OLD's cell as written; else null."
    )
    new_text: str | None = Field(
        default=None, description="For owners and due: NEW's cell as written; else null."
    )


class EditedUpdate(Record):
    """An earlier update entry that the newer version rewrote."""

    date: dt.date | None = Field(default=None, description="The entry's date; null if undated.")
    date_text: str | None = Field(
        default=None, description="The date as NEW writes it; null if undated."
    )
    old: str = Field(description="The entry's text in OLD.")
    new: str = Field(description="The entry's text in NEW.")
    words: list[WordOp] = Field(
        default_factory=list, description="The word-level diff from old to new."
    )


class ActionDiff(Record):
    """How one action differs between two versions."""

    status: DiffStatus = Field(description="Whether the action is new, gone, changed or not.")
    old_ref: str | None = Field(default=None, description="Its ref in OLD; null if absent there.")
    new_ref: str | None = Field(default=None, description="Its ref in NEW; null if absent there.")
    match: MatchMethod | None = Field(
        default=None,
        description="How OLD's and NEW's rows were paired: by ref, or by text (by content, "
        "after renumbering); null if unpaired.",
    )
    similarity: float | None = Field(
        default=None, description="The pairing's score (100 is identical); null if unpaired."
    )
    action: str = Field(default="", description="The action's text (NEW's, or OLD's if removed).")
    changes: list[FieldChange] = Field(
        default_factory=list, description="The fields that differ, in the order of field."
    )
    new_updates: list[UpdateEntry] = Field(
        default_factory=list, description="Entries present in NEW and not in OLD."
    )
    edited_updates: list[EditedUpdate] = Field(
        default_factory=list, description="Earlier entries that NEW rewrote."
    )
    removed_updates: list[UpdateEntry] = Field(
        default_factory=list,
        description="Earlier entries that NEW dropped (all of a removed action's entries).",
    )
    old_rag: str | None = Field(default=None, description="Its RAG in OLD; null if none or absent.")
    new_rag: str | None = Field(default=None, description="Its RAG in NEW; null if none or absent.")
    renumbered: bool = Field(
        default=False, description="Whether its ref differs between OLD and NEW."
    )
    no_new_update: bool = Field(
        default=False, description="Whether it is in both versions and NEW added no update entry."
    )
    overdue: bool = Field(
        default=False, description="Whether it is past due and not complete at NEW's review date."
    )
    due_date: dt.date | None = Field(
        default=None, description="NEW's due date (a range's end); null if none or removed."
    )
    due_kind: DueKind | None = Field(
        default=None, description="How NEW's due cell reads (OLD's if removed), as Due.kind."
    )
    owners: list[str] = Field(
        default_factory=list, description="Its owners in NEW (OLD's if removed), as written."
    )
    complete: bool = Field(
        default=False, description="Whether its RAG in NEW (OLD's if removed) means complete."
    )
    latest_update: UpdateEntry | None = Field(
        default=None,
        description="Its latest entry in NEW (OLD's if removed): the newest dated one, else "
        "the last; null if it has none.",
    )


class DiffSummary(Record):
    """One-line counts of a version-to-version diff."""

    added: int = Field(default=0, description="Actions only in NEW.")
    removed: int = Field(default=0, description="Actions only in OLD.")
    changed: int = Field(default=0, description="Actions in both that differ.")
    unchanged: int = Field(default=0, description="Actions in both, identical.")
    renumbered: int = Field(default=0, description="Actions whose ref changed.")
    rag_moves: dict[str, int] = Field(
        default_factory=dict,
        description='Actions whose RAG changed, by "Old->New" colours, in order of the key.',
    )
    new_updates: int = Field(default=0, description="Update entries NEW added.")
    edited_updates: int = Field(default=0, description="Earlier update entries NEW rewrote.")
    removed_updates: int = Field(
        default=0,
        description="Earlier update entries NEW dropped from actions it kept (history rewritten).",
    )
    removed_action_updates: int = Field(
        default=0,
        description="Update entries of the actions only in OLD, gone with them: new_updates "
        "of the reverse diff is removed_updates plus these.",
    )
    no_new_update: int = Field(default=0, description="Actions in both with no new update entry.")
    overdue: int = Field(default=0, description="Actions past due and not complete in NEW.")
    due_slipped: int = Field(default=0, description="Actions whose due date moved later.")


class ReportAction(Record):
    """One action under one heading of the board report's exceptions."""

    ref: str | None = Field(default=None, description="Its ref in NEW (OLD's if removed).")
    action: str = Field(default="", description="The action's text.")
    owners: list[str] = Field(default_factory=list, description="Its owners, as written.")
    band: str = Field(
        description='How its RAG stands: "complete", "on track", "at risk", "off track" '
        'or "no RAG".'
    )
    rag: str | None = Field(default=None, description="Its RAG colour; null if none.")
    due_date: dt.date | None = Field(default=None, description="Its due date; null if none.")
    due_text: str | None = Field(default=None, description="The due cell as written.")
    days_overdue: int | None = Field(
        default=None, description="Days past due at the as-at date; null if not overdue."
    )
    last_entry: dt.date | None = Field(
        default=None, description="The date of its latest dated entry; null if none."
    )
    days_since_entry: int | None = Field(
        default=None, description="Days from that entry to the as-at date; null if none."
    )
    detail: str = Field(description='Why it is listed: "31 days overdue", "slipped 31 days".')


class ReportHeading(Record):
    """One heading of the exception report and the question a board asks of it."""

    key: str = Field(
        description='"red_amber", "overdue", "slipped", "green_overdue", '
        '"improved_quietly", "no_entry" or "stale".'
    )
    title: str = Field(description="The heading as the reports print it.")
    question: str = Field(description="The question it answers for a board.")
    note: str = Field(default="", description="What is counted apart from it; empty if none.")
    actions: list[ReportAction] = Field(default_factory=list, description="Its actions.")


class DiffReport(Record):
    """What the board report of a diff says, counted at its as-at date."""

    as_at: dt.date | None = Field(
        default=None,
        description="The date overdue and staleness count from (--as-at, else NEW's review "
        "date); null if neither.",
    )
    stale_days: int = Field(description="Days since the last entry that make an action stale.")
    overdue: int = Field(description="Actions past due and not complete at as_at.")
    slip_versions: int = Field(
        description="The versions slips are counted over (2 without --history or --plan)."
    )
    exceptions: list[ReportHeading] = Field(
        default_factory=list, description="Every heading of the exception report, in order."
    )


class Diff(Output):
    """The comparison of two versions of a plan (shared CONTRACT.md, `diff`)."""

    old: DocumentInfo = Field(description="What the OLD document is.")
    new: DocumentInfo = Field(description="What the NEW document is.")
    summary: DiffSummary = Field(description="The counts.")
    actions: list[ActionDiff] = Field(
        default_factory=list, description="One entry per action of either version."
    )
    warnings: list[str] = Field(
        default_factory=list,
        description="Doubts about the comparison (NEW older than OLD, two different plans).",
    )
    report: DiffReport | None = Field(
        default=None,
        description="The board report at the as-at date, as `diff --format json` prints it "
        "(and actionplan.render(diff, 'json')); null in a Diff not rendered as a report.",
    )
