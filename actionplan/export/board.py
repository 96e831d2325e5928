"""What a governance board asks of a review, decided once for every format: how each RAG
status stands (complete, on track, at risk, off track), the exception report, the
by-owner view, and the data of the charts.

Everything counts from one as-at date, the new version's review date unless the reader
gives another, and every report states it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from actionplan.export.board_model import (
    BANDS,
    Band,
    BandCount,
    Chart,
    ExceptionGroup,
    ExceptionRow,
    Exceptions,
    OwnerRow,
    Series,
)
from actionplan.export.colours import rag_colour, rag_order
from actionplan.rules import means_complete

if TYPE_CHECKING:
    from actionplan.export.view_model import ActionItem
    from actionplan.models import ActionHistory, Diff, DocumentInfo, History

# A legend's words for a status, before its colour: "Yellow = In progress – potential
# problems" is at risk, "Red = Delayed" off track, whatever colour a plan picks for them.
_OFF_TRACK = re.compile(r"\b(off[ -]track|not on track|delayed|behind|late|overdue|stalled)\b")
_AT_RISK = re.compile(r"\b(at risk|risks?|potential problems?|problems?|issues?|concerns?)\b")
_ON_TRACK = re.compile(r"\b(on[ -]track|on target|on schedule|progressing)\b")
_BY_COLOUR: dict[str, Band] = {
    "red": "off track",
    "amber": "at risk",
    "orange": "at risk",
    "yellow": "at risk",
    "green": "on track",
    "blue": "complete",
}
# Higher is better: an action whose band rises has improved.
RANK: dict[Band, int] = {"off track": 0, "at risk": 1, "on track": 2, "complete": 3}
# Due dates that are no single deadline are never overdue.
_NO_DEADLINE = ("recurring", "ongoing", "unspecified")


def band(colour: str | None, meaning: str | None, complete: bool = False) -> Band:
    """Return how a RAG status stands: its legend's words first, else its colour."""
    if complete or means_complete(meaning):
        return "complete"
    words = (meaning or "").lower()
    for pattern, found in (
        (_OFF_TRACK, "off track"),
        (_AT_RISK, "at risk"),
        (_ON_TRACK, "on track"),
    ):
        if pattern.search(words):
            return found  # type: ignore[return-value]
    if colour is None:
        return "no RAG"
    by_colour = _BY_COLOUR.get(colour.lower(), "no RAG")
    # Blue is complete only where no legend says otherwise.
    return "no RAG" if by_colour == "complete" and meaning else by_colour


def plural(n: int, word: str, many: str | None = None) -> str:
    """Return "1 action" or "3 actions"."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def is_overdue(
    due: dt.date | None, due_kind: str | None, complete: bool, as_at: dt.date | None
) -> bool:
    """Say whether an action is past due and not complete at the as-at date."""
    if as_at is None or due is None or complete or due_kind in _NO_DEADLINE:
        return False
    return due < as_at


def slip_counts(history: History | None, new: DocumentInfo) -> tuple[dict[str, int], int]:
    """Return how many times each action's due date moved later over the history up to NEW
    (by NEW's ref), and how many versions that looks over."""
    if history is None:
        return {}, 2
    last = next(
        (i for i, d in enumerate(history.versions) if (d.version, d.review_date, d.source)
         == (new.version, new.review_date, new.source)),
        None,
    )  # fmt: skip
    if last is None:  # NEW is no version of this history: its counts would be another plan's
        return {}, 2
    counts: dict[str, int] = {}
    for a in history.actions:
        point = a.points[last] if last < len(a.points) else None
        if point is None or point.ref is None:
            continue
        counts[point.ref] = times_slipped(a, last)
    return counts, last + 1


def times_slipped(a: ActionHistory, last: int | None = None) -> int:
    """Return how many reviews moved an action's due date later, up to version `last`."""
    dues = [p.due for p in a.points[: None if last is None else last + 1] if p is not None]
    known = [d for d in dues if d is not None]
    return sum(1 for x, y in itertools.pairwise(known) if y > x)


def _row(i: ActionItem, detail: str) -> ExceptionRow:
    return ExceptionRow(
        ref=i.ref.label,
        action=i.action,
        owners=i.owned_by,
        colour=i.new_rag.colour,
        rgb=i.new_rag.rgb,
        band=i.band,
        due_date=i.due_date,
        due_text=i.due.new if i.due else None,
        days_overdue=i.days_overdue if i.overdue else None,
        last_entry=i.latest.date if i.latest else None,
        days_since_entry=i.days_since_entry,
        detail=detail,
    )


def _late(i: ActionItem) -> str:
    return f"{plural(i.days_overdue or 0, 'day')} overdue" if i.overdue else ""


def _slip_detail(i: ActionItem, versions: int) -> str:
    slip = i.due.slip if i.due else ""
    if i.slips is None:
        return slip
    return f"{slip}; slipped {plural(i.slips, 'time')} in {versions} reviews"


def _since(i: ActionItem) -> str:
    if i.latest is None or i.latest.date is None:
        return "no dated entry"
    return f"last entry {i.latest.date:%d/%m/%Y}, {plural(i.days_since_entry or 0, 'day')} ago"


def exceptions(
    items: Sequence[ActionItem], as_at: dt.date | None, stale_days: int, versions: int
) -> Exceptions:
    """Return the exception report of a diff's actions at the as-at date."""
    current = [i for i in items if i.status != "removed"]
    open_ = [i for i in current if not i.complete]
    quiet = [i for i in current if i.no_new_update]
    quiet_done = [i for i in quiet if i.complete]

    def group(
        key: str, title: str, question: str, rows: Iterable[ExceptionRow], note: str = ""
    ) -> ExceptionGroup:
        return ExceptionGroup(key, title, question, tuple(rows), note)

    stale = [
        i for i in open_
        if i.days_since_entry is None or i.days_since_entry >= stale_days
    ]  # fmt: skip
    groups = (
        group(
            "red_amber", "Red and Amber", "Which actions are off track or at risk?",
            (_row(i, f"{i.band}; {_late(i)}".rstrip("; ")) for i in open_
             if i.band in ("off track", "at risk")),
        ),
        group(
            "overdue", "Overdue and not complete", "Which actions are late?",
            (_row(i, _late(i)) for i in open_ if i.overdue),
        ),
        group(
            "slipped", "Due date slipped this review", "Which deadlines moved, and how often?",
            (_row(i, _slip_detail(i, versions)) for i in current
             if i.due and (i.due.slippage_days or 0) > 0),
        ),
        group(
            "green_overdue", "Green but overdue", "Which actions report on track but are late?",
            (_row(i, _late(i)) for i in open_ if i.band == "on track" and i.overdue),
        ),
        group(
            "improved_quietly", "RAG improved with no new entry",
            "Which RAG ratings rose without evidence?",
            (_row(i, f"{i.old_rag.colour} → {i.new_rag.colour}") for i in current
             if i.no_new_update and RANK.get(i.band, -1) > RANK.get(i.old_band, 99)),
        ),
        group(
            "no_entry", "No new entry (open actions)", "Which open actions reported nothing?",
            (_row(i, _since(i)) for i in open_ if i.no_new_update),
            note=f"{plural(len(quiet_done), 'completed action')} also had no new entry "
            "and are not listed." if quiet_done else "",
        ),
        group(
            "stale", f"Stale: no entry for {plural(stale_days, 'day')}",
            "Which open actions have gone quiet?",
            (_row(i, _since(i)) for i in stale),
        ),
    )  # fmt: skip
    return Exceptions(as_at, stale_days, groups, versions)


NO_OWNER = "(no owner)"


def by_owner(items: Sequence[ActionItem]) -> tuple[OwnerRow, ...]:
    """Return each owner's actions in the new version, the latest first, then the busiest.

    An action with two owners counts for both; owners match whatever their case.
    """
    names: dict[str, str] = {}
    actions: dict[str, list[ActionItem]] = {}
    for i in items:
        if i.status == "removed":
            continue
        for owner in i.owned_by or (NO_OWNER,):
            key = owner.casefold()
            names.setdefault(key, owner)
            actions.setdefault(key, []).append(i)
    rows = []
    for key, mine in actions.items():
        open_ = [i for i in mine if not i.complete]
        rows.append(
            OwnerRow(
                owner=names[key],
                actions=len(mine),
                open=len(open_),
                overdue=sum(i.overdue for i in open_),
                slipped=sum(1 for i in mine if i.due and (i.due.slippage_days or 0) > 0),
                no_update=sum(i.no_new_update for i in open_),
                off_track=sum(i.band in ("off track", "at risk") for i in open_),
                overdue_refs=tuple(i.ref.label or "?" for i in open_ if i.overdue),
            )
        )
    return tuple(sorted(rows, key=lambda r: (-r.overdue, -r.open, r.owner.casefold())))


def band_counts(items: Sequence[ActionItem]) -> tuple[BandCount, ...]:
    """Return the new version's actions by band, with shares that add up to 100."""
    current = [i for i in items if i.status != "removed"]
    counts = {b: sum(i.band == b for i in current) for b in BANDS}
    shown = [b for b in BANDS if counts[b] or b != "no RAG"]
    return tuple(
        BandCount(b, counts[b], p)
        for b, p in zip(shown, _shares([counts[b] for b in shown]), strict=True)
    )


def _shares(counts: Sequence[int]) -> list[int]:
    # Largest remainder: rounded percentages that still add up to 100.
    total = sum(counts)
    if not total:
        return [0 for _ in counts]
    exact = [100 * c / total for c in counts]
    out = [int(x) for x in exact]
    for i in sorted(range(len(counts)), key=lambda i: exact[i] - out[i], reverse=True)[
        : 100 - sum(out)
    ]:
        out[i] += 1
    return out


def _colours(docs: Sequence[DocumentInfo], seen: Iterable[str | None]) -> list[str | None]:
    return rag_order(docs, seen)


def diff_charts(diff: Diff, items: Sequence[ActionItem]) -> tuple[Chart, ...]:
    """Return the charts of a diff: the RAG mix before and after, slippage per action."""
    docs = [diff.new, diff.old]
    olds = [i.old_rag.colour for i in items if i.status != "added"]
    news = [i.new_rag.colour for i in items if i.status != "removed"]
    colours = _colours(docs, olds + news)
    old_name, new_name = diff.old.version or "old", diff.new.version or "new"
    mix = Chart(
        "rag_mix",
        f"RAG mix: {old_name} against {new_name}",
        "bar",
        tuple(c or "no RAG" for c in colours),
        (
            Series(old_name, "A6A6A6", tuple(float(olds.count(c)) for c in colours)),
            Series(new_name, "2F5597", tuple(float(news.count(c)) for c in colours)),
        ),
        "Actions",
    )
    slipped = [i for i in items if i.due and i.due.slippage_days]
    slips = Chart(
        "slippage",
        f"Due dates moved this review ({old_name} → {new_name})",
        "barh",
        tuple(i.ref.label or "?" for i in slipped),
        (
            Series(
                "Days slipped",
                "C00000",
                tuple(float(i.due.slippage_days or 0) for i in slipped if i.due),
            ),
        ),
        "Days",
        "Action",
    )
    return (mix, slips)


def history_charts(history: History) -> tuple[Chart, ...]:
    """Return the charts of a history: the RAG mix at every review (stacked), open against
    completed over time, and how far each action's due date slipped in all."""
    docs = history.versions
    names = tuple(
        d.version or (f"{d.review_date:%d/%m/%Y}" if d.review_date else d.source) for d in docs
    )
    seen = [p.rag for a in history.actions for p in a.points if p is not None]
    colours = _colours(list(reversed(docs)), seen)

    def at(j: int) -> list[tuple[str | None, bool]]:
        points = [a.points[j] for a in history.actions if j < len(a.points)]
        return [(p.rag, band(p.rag, p.rag_label) == "complete") for p in points if p is not None]

    columns = [at(j) for j in range(len(docs))]
    mix = Chart(
        "history_mix",
        "RAG mix at every review",
        "stacked",
        names,
        tuple(
            Series(
                c or "no RAG",
                rag_colour(list(reversed(docs)), c),
                tuple(float(sum(1 for r, _ in col if r == c)) for col in columns),
            )
            for c in colours
        ),
        "Actions",
        "Review",
    )
    progress = Chart(
        "open_completed",
        "Open and completed actions over time",
        "line",
        names,
        (
            Series(
                "Open",
                "C00000",
                tuple(float(sum(1 for _, done in col if not done)) for col in columns),
            ),
            Series(
                "Completed",
                "0070C0",
                tuple(float(sum(1 for _, done in col if done)) for col in columns),
            ),
        ),
        "Actions",
        "Review",
    )
    slid = []
    for a in history.actions:
        dues = [p.due for p in a.points if p is not None and p.due is not None]
        if len(dues) > 1 and dues[-1] != dues[0]:
            slid.append(((a.refs[-1] if a.refs else a.id), float((dues[-1] - dues[0]).days)))
    slips = Chart(
        "history_slippage",
        "Due date slippage over the history (days, first due to last)",
        "barh",
        tuple(r for r, _ in slid),
        (Series("Days slipped", "C00000", tuple(d for _, d in slid)),),
        "Days",
        "Action",
    )
    return (mix, progress, slips)
