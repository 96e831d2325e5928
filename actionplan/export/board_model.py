"""The records of a board pack: how a report is asked for (as-at date, staleness, section)
and what its exception report, by-owner view, status summary and charts hold.

Built by `actionplan.export.board` from a diff (and, when there is one, the plan's
history); every renderer lays out the same records, so the HTML, Markdown, text, CSV and
Excel reports agree on every count, ref and owner.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from actionplan.models import History

Section = Literal["all", "exceptions"]
# How a RAG status stands, in the words NHS and council board reports use.
Band = Literal["complete", "on track", "at risk", "off track", "no RAG"]
BANDS: tuple[Band, ...] = ("complete", "on track", "at risk", "off track", "no RAG")
# Days since an open action's last entry before it counts as stale: a quarter.
STALE_DAYS = 90


@dataclass(frozen=True)
class ReportOptions:
    """How a diff report is asked for.

    as_at: the date overdue and staleness count from (None: the new version's review date);
    stale_days: days since the last entry that make an open action stale;
    section: "all", or "exceptions" for the exception report alone;
    history: the plan's versions, for how often each action's due date slipped.
    """

    as_at: dt.date | None = None
    stale_days: int = STALE_DAYS
    section: Section = "all"
    history: History | None = field(default=None, compare=False)


@dataclass(frozen=True)
class ExceptionRow:
    """One action under one heading of the exception report."""

    ref: str | None
    action: str
    owners: tuple[str, ...]
    colour: str | None
    rgb: str | None
    band: Band
    due_date: dt.date | None
    due_text: str | None
    days_overdue: int | None
    last_entry: dt.date | None
    days_since_entry: int | None
    detail: str  # why it is listed: "31 days late", "slipped 31 days (1 time in 2 reviews)"


@dataclass(frozen=True)
class ExceptionGroup:
    """One heading of the exception report and the question a board asks of it."""

    key: str
    title: str
    question: str
    rows: tuple[ExceptionRow, ...]
    note: str = ""  # what is counted apart ("7 completed actions also had no new entry")


@dataclass(frozen=True)
class Exceptions:
    """The exception report: every action a board should look at, by reason."""

    as_at: dt.date | None
    stale_days: int
    groups: tuple[ExceptionGroup, ...]
    history_versions: int  # versions the slip counts look over (2 without a history)

    def group(self, key: str) -> ExceptionGroup:
        """Return the group of a key ("overdue", "stale" ...)."""
        return next(g for g in self.groups if g.key == key)

    @property
    def refs(self) -> tuple[str, ...]:
        """Return every ref listed, once each, in plan order of first mention."""
        seen: dict[str, None] = {}
        for g in self.groups:
            for r in g.rows:
                seen.setdefault(r.ref or "?", None)
        return tuple(seen)


@dataclass(frozen=True)
class OwnerRow:
    """One owner's actions in the new version: the accountability view."""

    owner: str
    actions: int
    open: int
    overdue: int
    slipped: int
    no_update: int  # open actions with no new entry this review
    off_track: int  # open actions Red or Amber
    overdue_refs: tuple[str, ...]


@dataclass(frozen=True)
class BandCount:
    """How many of the new version's actions stand in a band, and their share."""

    band: Band
    count: int
    percent: int  # rounded; the shares of a summary add up to 100 (largest remainder)


@dataclass(frozen=True)
class Series:
    """One coloured series of a chart: a RAG colour's counts, or open/completed."""

    name: str
    rgb: str | None
    values: tuple[float, ...]


@dataclass(frozen=True)
class Chart:
    """A chart's data: categories along one axis, one or more series of values."""

    key: str
    title: str
    kind: Literal["bar", "stacked", "line", "barh"]
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    y_title: str
    axis: str = "RAG"  # what the categories are: "RAG", "Review", "Action"
