"""The records of a report view: what a diff or history report holds, and its tables' cells.

Plain frozen records, built by `actionplan.export.view` (the view) and
`actionplan.export.view_tables` (the tables); renderers only lay them out. A table cell
is a plain value, or says how it is shown: `Paint` (a RAG colour), `Status` (a diff
status), `Words` (one side of a word diff).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, NamedTuple

from actionplan.export.board_model import Band, BandCount, Chart, Exceptions, OwnerRow, Section
from actionplan.export.colours import STATUS_RGB
from actionplan.models import DocumentInfo, WordOp


@dataclass(frozen=True)
class Paint:
    """A table cell filled in a RAG colour."""

    value: str | None
    rgb: str | None


@dataclass(frozen=True)
class Status:
    """A table cell holding a diff status, filled in the status colour."""

    value: str

    @property
    def rgb(self) -> str | None:
        return STATUS_RGB.get(self.value)


@dataclass(frozen=True)
class Words:
    """A table cell holding one side ("old" or "new") of a word diff."""

    words: tuple[WordOp, ...]
    side: Literal["old", "new"]


Cell = str | int | float | dt.date | Paint | Status | Words | None


@dataclass(frozen=True)
class Table:
    """A titled table: a sheet of a workbook, or a CSV file."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Rag:
    """A RAG status with the RGB and the meaning its documents' legends give it."""

    colour: str | None
    rgb: str | None = None
    meaning: str | None = None


@dataclass(frozen=True)
class Count:
    """A labelled number; alert marks one a board should look at when it is not 0."""

    label: str
    value: int
    alert: bool = False
    one: str | None = None  # the label of a count of 1, where it differs ("due date slipped")

    @property
    def word(self) -> str:
        """Return the label that goes with the value: `one` for a count of 1."""
        return self.one if self.value == 1 and self.one else self.label

    def __str__(self) -> str:
        return f"{self.value} {self.word}"


@dataclass(frozen=True)
class RagMove:
    """How many actions moved from one RAG colour to another."""

    old: str
    new: str
    count: int


@dataclass(frozen=True)
class Version:
    """How a report names one side of a diff."""

    name: str  # "V8 (14/06/2018)"
    short: str  # "V8", or "old"/"new" without a version
    version: str | None
    source: str
    review_date: dt.date | None
    legend: tuple[Rag, ...]


@dataclass(frozen=True)
class Ref:
    """An action's numbers in both versions."""

    old: str | None
    new: str | None
    renumbered: bool

    @property
    def label(self) -> str | None:
        """Return the ref an action goes by: its new one, or its old one if removed."""
        return self.new if self.new is not None else self.old


@dataclass(frozen=True)
class Dated:
    """Something with an update entry's date, as read and as written."""

    date: dt.date | None
    date_text: str | None

    @property
    def when(self) -> str:
        return self.date_text or "undated"


@dataclass(frozen=True)
class Entry(Dated):
    """A dated update entry."""

    text: str


@dataclass(frozen=True)
class Rewrite(Dated):
    """An entry the old version had reported that the new one edited or removed."""

    ref: Ref
    action: str
    change: Literal["edited", "removed"]
    old: str
    new: str | None
    words: tuple[WordOp, ...]
    owners: tuple[str, ...] = ()


@dataclass(frozen=True)
class RagChange:
    """A RAG status that moved, each side in its own document's colours."""

    old: Rag
    new: Rag


@dataclass(frozen=True)
class DueChange:
    """A due date that moved, as written, and how far."""

    old: str  # the due text as written, else the date, else "none"
    new: str
    old_text: str | None
    new_text: str | None
    slippage_days: int | None
    slip: str  # "slipped 31 days", "brought forward 2 days" or ""


@dataclass(frozen=True)
class OwnersChange:
    """Owners added or dropped."""

    old: tuple[str, ...]
    new: tuple[str, ...]
    words: tuple[WordOp, ...]  # owners dropped (delete), kept (equal) and new (insert)


@dataclass(frozen=True)
class WordingChange:
    """The action reworded, word by word."""

    words: tuple[WordOp, ...]


Change = RagChange | DueChange | OwnersChange | WordingChange


@dataclass(frozen=True)
class ActionItem:
    """One action pair of a diff, as every report shows it."""

    status: str
    ref: Ref
    match: str | None
    action: str
    rag: Rag  # the new RAG; a removed action's old one
    old_rag: Rag
    new_rag: Rag
    changes: tuple[Change, ...]
    wording: WordingChange | None
    due: DueChange | None
    owners: OwnersChange | None
    new_updates: tuple[Entry, ...]
    rewritten: tuple[Rewrite, ...]
    due_date: dt.date | None
    days_overdue: int | None  # at the as-at date
    overdue: bool  # at the as-at date
    no_new_update: bool
    owned_by: tuple[str, ...] = ()  # its owners in the new version (the old if removed)
    due_kind: str | None = None
    complete: bool = False
    band: Band = "no RAG"
    old_band: Band = "no RAG"
    latest: Entry | None = None
    days_since_entry: int | None = None  # from the latest dated entry to the as-at date
    slips: int | None = None  # times its due date slipped over the history; None without one

    @property
    def owner_text(self) -> str:
        """Return its owners, "; " apart."""
        return "; ".join(self.owned_by)


@dataclass(frozen=True)
class ActionList:
    """A titled list of actions (overdue, with no new update, unchanged)."""

    title: str
    items: tuple[ActionItem, ...]


@dataclass(frozen=True)
class MatrixHead:
    """A row or column of the RAG matrix: a colour, or Added / Removed."""

    key: str | None
    label: str | None  # "Added" or "Removed"; None for a RAG colour
    rag: Rag


@dataclass(frozen=True)
class RagMatrix:
    """Actions counted by old RAG (rows) and new RAG (columns), with totals."""

    rows: tuple[MatrixHead, ...]
    cols: tuple[MatrixHead, ...]
    counts: tuple[tuple[int, ...], ...]
    row_totals: tuple[int, ...]
    col_totals: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class DiffView:
    """Everything a report of a version diff holds, in the order reports show it."""

    plan: str | None
    title: str
    heading: str
    # The terminal report has always named the new version's title only, else "Plan".
    terse_heading: str
    old: Version
    new: Version
    absent_in: str  # what a removed action is not in
    total: int
    statuses: tuple[Count, ...]
    renumbered: int
    rag_moves: tuple[RagMove, ...]
    progress: tuple[Count, ...]
    edited_entries: int
    removed_entries: int
    measures: tuple[Count, ...]
    cards: tuple[Count, ...]
    warnings: tuple[str, ...]
    rewritten: tuple[Rewrite, ...]
    matrix: RagMatrix
    actions: tuple[ActionItem, ...]
    changes: tuple[ActionItem, ...]
    groups: tuple[ActionList, ...]
    overdue: ActionList
    quiet: ActionList
    unchanged: ActionList
    sheets: tuple[Table, ...]
    records: Table
    as_at: dt.date | None = None
    section: Section = "all"
    exceptions: Exceptions | None = None
    owners: tuple[OwnerRow, ...] = ()
    bands: tuple[BandCount, ...] = ()
    charts: tuple[Chart, ...] = ()

    @property
    def as_at_text(self) -> str:
        """Return "As at 14/06/2018", or what stands in for a missing date."""
        return f"As at {self.as_at:%d/%m/%Y}" if self.as_at else "As at: no review date"


class Note(NamedTuple):
    """A remark on an action's history: "completed in V8"."""

    label: str
    value: str


@dataclass(frozen=True)
class HistoryVersion:
    """How a history report names one version."""

    name: str  # "V8 (14/06/2018)"
    short: str  # "V8", else the review date, else the file
    column: str  # the name, numbered if two versions share it
    doc: DocumentInfo


@dataclass(frozen=True)
class HistoryRow:
    """One action across every version."""

    id: str
    refs: tuple[str, ...]
    action: str
    points: tuple[Rag | None, ...]  # None where the action is not in that version
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class HistoryView:
    """Everything a report of a plan's history holds."""

    title: str
    heading: str
    versions: tuple[HistoryVersion, ...]
    legend: tuple[Rag, ...]
    rows: tuple[HistoryRow, ...]
    sheets: tuple[Table, ...]
    charts: tuple[Chart, ...] = ()
