"""Pydantic records: the source of truth for the JSON contract (docs/contract.md).

Fields may be added; the contract's fields are never renamed or dropped.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from actionplan.rules import FORMAT_NAMES

if TYPE_CHECKING:
    import pandas as pd

DueKind = Literal["date", "range", "recurring", "approximate", "ongoing", "unspecified"]
Recurrence = Literal["daily", "weekly", "fortnightly", "monthly", "quarterly"]
RagSource = Literal["text", "shading"]


def _known_format(name: str) -> str:
    if name not in FORMAT_NAMES:
        raise ValueError(f"not a format of the formats table: {name!r}")
    return name


# The names of the formats table (actionplan.rules.FORMATS), so a new format is one row.
DocFormat = Annotated[
    str, AfterValidator(_known_format), Field(json_schema_extra={"enum": list(FORMAT_NAMES)})
]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


# How a whole output is rendered in a format ("xlsx", "html", "md"): the export layer's
# render_* functions. Models may not import export (it renders models), so actionplan.api,
# which every way of getting a Plan, Diff or History from files or a store goes through
# (the `actionplan` package loads it with them), installs them here (api.install_renderer).
RENDERER: list[Callable[[Output, str], str | bytes]] = []


class Output(Record):
    """A whole output of the contract (an extract, a diff, a history): JSON-ready."""

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's JSON-ready dictionary."""
        return self.model_dump(mode="json")

    def to_json(self, indent: int | None = 2) -> str:
        """Return the contract's JSON text."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def _render(self, fmt: str) -> str | bytes:
        if not RENDERER:
            raise RuntimeError("rendering needs actionplan.api: `import actionplan` first")
        return RENDERER[0](self, fmt)

    def to_excel(self, path: str | Path) -> Path:
        """Write the workbook `--format xlsx` writes to path; return the path."""
        data = self._render("xlsx")
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        return target

    def to_html(self) -> str:
        """Return the self-contained HTML page `--format html` writes."""
        return str(self._render("html"))

    def to_markdown(self) -> str:
        """Return the Markdown `--format md` writes."""
        return str(self._render("md"))


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
