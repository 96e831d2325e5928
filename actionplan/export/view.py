"""What a version-diff report and a history report hold, decided once for every format.

`diff_view` and `history_view` turn the models into the plain frozen records of
`actionplan.export.view_model`: the titles, the counts and their labels, each section's
actions, the RAG matrix and the columns of every table. The text, HTML, Markdown, CSV
and Excel renderers only lay these out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from actionplan.export.board import (
    band,
    band_counts,
    by_owner,
    diff_charts,
    exceptions,
    history_charts,
    is_overdue,
    slip_counts,
)
from actionplan.export.board_model import ReportOptions
from actionplan.export.colours import rag_colour, rag_matrix, rag_meaning
from actionplan.export.view_model import (
    ActionItem,
    ActionList,
    Change,
    Count,
    DiffView,
    DueChange,
    Entry,
    HistoryRow,
    HistoryVersion,
    HistoryView,
    MatrixHead,
    Note,
    OwnersChange,
    Rag,
    RagChange,
    RagMatrix,
    RagMove,
    Ref,
    Rewrite,
    Table,
    Version,
    WordingChange,
)
from actionplan.export.view_tables import change_records, diff_sheets, history_sheets
from actionplan.models import (
    ActionDiff,
    ActionHistory,
    Diff,
    DiffSummary,
    DocumentInfo,
    EditedUpdate,
    FieldChange,
    History,
    UpdateEntry,
    WordOp,
)

__all__ = [
    "diff_view",
    "history_view",
    "rag_of",
    "version_name",
]


def version_name(doc: DocumentInfo) -> str:
    """Return "V8 (14/06/2018)"-style naming of a document."""
    parts = [doc.version or doc.source]
    if doc.review_date:
        parts.append(f"({doc.review_date:%d/%m/%Y})")
    return " ".join(parts)


def rag_of(docs: Sequence[DocumentInfo], colour: str | None) -> Rag:
    """Return a RAG colour resolved against the documents' legends (the first wins)."""
    return Rag(colour, rag_colour(docs, colour), rag_meaning(docs, colour))


def legend(doc: DocumentInfo) -> tuple[Rag, ...]:
    """Return a document's RAG key, in its own order."""
    return tuple(rag_of([doc], e.colour) for e in doc.rag_legend)


def slip_text(days: int | None) -> str:
    """Return how far a due date moved, in words."""
    if not days:
        return ""
    if days > 0:
        return f"slipped {days} day{'s' if days != 1 else ''}"
    return f"brought forward {-days} day{'s' if days != -1 else ''}"


def _owner_words(old: Sequence[str], new: Sequence[str]) -> tuple[WordOp, ...]:
    # Owners match whatever their case: "cath thomas" is still Cath Thomas.
    olds = {o.lower() for o in old}
    news = {n.lower() for n in new}
    ops = [WordOp(op="delete", text=o) for o in old if o.lower() not in news]
    ops += [WordOp(op="equal" if n.lower() in olds else "insert", text=n) for n in new]
    return tuple(ops)


def _change(diff: Diff, c: FieldChange) -> Change:
    if c.field == "rag":
        return RagChange(rag_of([diff.old], c.old), rag_of([diff.new], c.new))
    if c.field == "due":
        return DueChange(
            c.old_text or c.old or "none",
            c.new_text or c.new or "none",
            c.old_text,
            c.new_text,
            c.slippage_days,
            slip_text(c.slippage_days),
        )
    if c.field == "owners":
        old, new = c.old or [], c.new or []
        return OwnersChange(tuple(old), tuple(new), _owner_words(old, new))
    return WordingChange(tuple(c.words))


def _entry(u: UpdateEntry) -> Entry:
    return Entry(u.date, u.date_text, u.text)


def _rewrites(d: ActionDiff, ref: Ref) -> tuple[Rewrite, ...]:
    def edited(e: EditedUpdate) -> Rewrite:
        return Rewrite(
            e.date, e.date_text, ref, d.action, "edited", e.old, e.new, tuple(e.words),
            tuple(d.owners),
        )  # fmt: skip

    def removed(u: UpdateEntry) -> Rewrite:
        return Rewrite(
            u.date, u.date_text, ref, d.action, "removed", u.text, None, (), tuple(d.owners)
        )

    if d.status == "removed":  # its entries went with it: no history was rewritten
        return ()
    return (*map(edited, d.edited_updates), *map(removed, d.removed_updates))


def _item(
    diff: Diff, d: ActionDiff, as_at: dt.date | None, slips: dict[str, int] | None
) -> ActionItem:
    ref = Ref(d.old_ref, d.new_ref, d.renumbered)
    old_rag, new_rag = rag_of([diff.old], d.old_rag), rag_of([diff.new], d.new_rag)
    changes = tuple(_change(diff, c) for c in d.changes)
    removed = d.status == "removed"
    overdue = not removed and is_overdue(d.due_date, d.due_kind, d.complete, as_at)
    latest = _entry(d.latest_update) if d.latest_update else None
    since = (as_at - latest.date).days if as_at and latest and latest.date else None
    rag = old_rag if removed else new_rag
    return ActionItem(
        status=d.status,
        ref=ref,
        match=d.match,
        action=d.action,
        rag=old_rag if d.status == "removed" else new_rag,
        old_rag=old_rag,
        new_rag=new_rag,
        changes=changes,
        wording=next((c for c in changes if isinstance(c, WordingChange)), None),
        due=next((c for c in changes if isinstance(c, DueChange)), None),
        owners=next((c for c in changes if isinstance(c, OwnersChange)), None),
        new_updates=tuple(map(_entry, d.new_updates)),
        rewritten=_rewrites(d, ref),
        due_date=d.due_date,
        days_overdue=(as_at - d.due_date).days if as_at and d.due_date else None,
        overdue=overdue,
        no_new_update=d.no_new_update and not removed,
        owned_by=tuple(d.owners),
        due_kind=d.due_kind,
        complete=d.complete,
        band=band(rag.colour, rag.meaning, d.complete),
        old_band=band(old_rag.colour, old_rag.meaning),
        latest=latest,
        days_since_entry=since,
        slips=None if slips is None or removed else slips.get(d.new_ref or "", 0),
    )


def _overdue_label(as_at: dt.date | None) -> str:
    return f"overdue at {as_at:%d/%m/%Y}" if as_at else "overdue"


def count_rows(
    s: DiffSummary, overdue: int | None = None, as_at: dt.date | None = None
) -> tuple[Count, ...]:
    """Return a diff's counts, labelled, in the order every report shows them.

    overdue is counted at as_at when given, else the summary's count at the review date.
    """
    late = s.overdue if overdue is None else overdue
    return tuple(
        Count(label, value)
        for label, value in [
            ("Actions in new version", s.added + s.changed + s.unchanged),
            ("Added", s.added),
            ("Removed", s.removed),
            ("Changed", s.changed),
            ("Unchanged", s.unchanged),
            ("Renumbered", s.renumbered),
            ("RAG moved", sum(s.rag_moves.values())),
            ("Due dates slipped", s.due_slipped),
            ("New update entries", s.new_updates),
            ("Actions with no new update", s.no_new_update),
            (
                _overdue_label(as_at).capitalize() if overdue is not None else "Overdue at review",
                late,
            ),
            ("Earlier entries edited", s.edited_updates),
            ("Earlier entries removed", s.removed_updates),
        ]
    )


def _cards(s: DiffSummary, new: Version, overdue: int, as_at: dt.date | None) -> tuple[Count, ...]:
    return (
        Count(f"actions in {new.version or 'new'}", s.added + s.changed + s.unchanged),
        Count("added", s.added),
        Count("removed", s.removed),
        Count("changed", s.changed),
        Count("unchanged", s.unchanged),
        Count("renumbered", s.renumbered),
        Count("RAG moved", sum(s.rag_moves.values())),
        Count("due dates slipped", s.due_slipped, alert=True, one="due date slipped"),
        Count("new update entries", s.new_updates, one="new update entry"),
        Count("no new update", s.no_new_update, alert=True),
        Count(_overdue_label(as_at), overdue, alert=True),
        Count(
            "earlier entries rewritten", s.edited_updates + s.removed_updates, alert=True,
            one="earlier entry rewritten",
        ),
    )  # fmt: skip


def _matrix(diff: Diff) -> RagMatrix:
    docs = [diff.new, diff.old]
    rows, cols, counts = rag_matrix(diff)
    special = {"+": "Added", "-": "Removed"}

    def head(key: str | None) -> MatrixHead:
        if key in special:
            return MatrixHead(key, special[key], Rag(None))
        return MatrixHead(key, None, rag_of(docs, key))

    return RagMatrix(
        rows=tuple(map(head, rows)),
        cols=tuple(map(head, cols)),
        counts=tuple(tuple(counts[(old, new)] for new in cols) for old in rows),
        row_totals=tuple(sum(v for (a, _), v in counts.items() if a == old) for old in rows),
        col_totals=tuple(sum(v for (_, b), v in counts.items() if b == new) for new in cols),
        total=sum(counts.values()),
    )


def _version(doc: DocumentInfo, default: str) -> Version:
    return Version(
        version_name(doc), doc.version or default, doc.version, doc.source, doc.review_date,
        legend(doc),
    )  # fmt: skip


def diff_view(diff: Diff, options: ReportOptions | None = None) -> DiffView:
    """Return what every report of a diff holds, counted at the as-at date."""
    options = options or ReportOptions()
    as_at = options.as_at or diff.new.review_date
    s = diff.summary
    old, new = _version(diff.old, "old"), _version(diff.new, "new")
    slips, versions = slip_counts(options.history, diff.new)
    items = tuple(
        _item(diff, d, as_at, slips if options.history is not None else None) for d in diff.actions
    )
    overdue = sum(i.overdue for i in items)
    plan = diff.new.title or diff.old.title
    title = plan or "Action plan"
    moves = []
    for key, n in s.rag_moves.items():
        a, _, b = key.partition("->")
        moves.append(RagMove(a, b, n))
    view = DiffView(
        plan=plan,
        title=title,
        heading=f"{title}: {old.name} → {new.name}",
        terse_heading=f"{diff.new.title or 'Plan'}: {old.name} → {new.name}",
        old=old,
        new=new,
        absent_in=diff.new.version or "the new version",
        total=s.added + s.changed + s.unchanged,
        statuses=tuple(
            Count(name, getattr(s, name)) for name in ("added", "removed", "changed", "unchanged")
        ),
        renumbered=s.renumbered,
        rag_moves=tuple(moves),
        progress=(
            Count("new update entries", s.new_updates, one="new update entry"),
            Count("due dates slipped", s.due_slipped, one="due date slipped"),
            Count(_overdue_label(as_at), overdue),
            Count("with no new update", s.no_new_update),
        ),
        edited_entries=s.edited_updates,
        removed_entries=s.removed_updates,
        measures=count_rows(s, overdue, as_at),
        cards=_cards(s, new, overdue, as_at),
        warnings=tuple(diff.warnings),
        rewritten=tuple(r for i in items for r in i.rewritten),
        matrix=_matrix(diff),
        actions=items,
        changes=tuple(i for i in items if i.status != "unchanged"),
        groups=tuple(
            ActionList(title, group)
            for title, status in (
                ("Added", "added"),
                ("Removed", "removed"),
                ("Changed", "changed"),
            )
            if (group := tuple(i for i in items if i.status == status))
        ),
        overdue=ActionList(
            _overdue_label(as_at).capitalize(), tuple(i for i in items if i.overdue)
        ),
        quiet=ActionList("No new update", tuple(i for i in items if i.no_new_update)),
        unchanged=ActionList("Unchanged", tuple(i for i in items if i.status == "unchanged")),
        sheets=(),
        records=Table("Changes", (), ()),
        as_at=as_at,
        section=options.section,
        exceptions=exceptions(items, as_at, options.stale_days, versions),
        owners=by_owner(items),
        bands=band_counts(items),
        charts=diff_charts(diff, items)
        + (history_charts(options.history) if options.history is not None else ()),
    )
    # The tables are columns over the view's own records, so they come last.
    return replace(view, sheets=diff_sheets(view), records=change_records(diff, view))


def unique(names: Sequence[str]) -> list[str]:
    """Return names numbered "#1", "#2" where they repeat, so each names one column."""
    seen: Counter[str] = Counter(names)
    counts: Counter[str] = Counter()
    out = []
    for n in names:
        counts[n] += 1
        out.append(f"{n} #{counts[n]}" if seen[n] > 1 else n)
    return out


def history_completion(a: ActionHistory) -> Note:
    """Return when an action was completed: "completed in V8", or, when its first version
    already said complete, "complete when first seen V7" (when it was done is unknown)."""
    if a.complete_when_first_seen:
        return Note("complete when first seen", a.completed_in or "")
    return Note("completed in", a.completed_in or "")


def due_moves_text(a: ActionHistory) -> str:
    """Return how an action's due date moved: "1 time (1 later, +31 days), now 15/04/2018"."""
    times = f"{a.due_moves} time{'s' if a.due_moves != 1 else ''}"
    days = f", {a.slip_days:+d} days" if a.slip_days else ""
    now = f", now {a.due:%d/%m/%Y}" if a.due else ""
    return f"{times} ({a.slips} later{days}){now}"


def history_view(history: History) -> HistoryView:
    """Return what every report of a history holds."""
    docs = history.versions
    names = [version_name(d) for d in docs]
    versions = tuple(
        HistoryVersion(
            name, d.version or (str(d.review_date) if d.review_date else d.source), col, d
        )
        for name, col, d in zip(names, unique(names), docs, strict=True)
    )
    rows = []
    for a in history.actions:
        notes = [history_completion(a)] if a.completed_in else []
        if a.due_moves:
            notes.append(Note("due moved", due_moves_text(a)))
        notes += [Note("gone after", a.vanished_after)] if a.vanished_after else []
        points = tuple(rag_of([docs[i]], p.rag) if p else None for i, p in enumerate(a.points))
        rows.append(HistoryRow(a.id, tuple(a.refs), a.action, points, tuple(notes)))
    title = (docs[0].title if docs else None) or "Action plan"
    return HistoryView(
        title=title,
        heading=f"{title}: history of {len(docs)} version{'s' if len(docs) != 1 else ''}",
        versions=versions,
        legend=legend(docs[-1]) if docs else (),
        rows=tuple(rows),
        sheets=history_sheets(history, versions),
        charts=history_charts(history),
    )
