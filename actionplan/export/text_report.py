"""The terminal summary of a diff: counts first, then the actions that changed."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from actionplan.export.board import plural
from actionplan.export.board_model import ReportOptions
from actionplan.export.view import diff_view, history_view
from actionplan.export.view_model import (
    ActionItem,
    Change,
    DiffView,
    DueChange,
    HistoryView,
    OwnersChange,
    RagChange,
    Ref,
)
from actionplan.models import Diff, History, WordOp


def short(text: str, width: int = 90) -> str:
    """Return text shortened to one line of at most `width` characters."""
    return textwrap.shorten(text, width=width, placeholder=" …") if text else ""


def describe_change(c: Change) -> str:
    """Return one line saying what changed in a field."""
    if isinstance(c, RagChange):
        return f"RAG {c.old.colour or 'none'} → {c.new.colour or 'none'}"
    if isinstance(c, DueChange):
        slip = ""
        if c.slippage_days:
            slip = f" ({'+' if c.slippage_days > 0 else ''}{c.slippage_days} days)"
        return f"due {c.old} → {c.new}{slip}"
    if isinstance(c, OwnersChange):
        return f"owners {'; '.join(c.old) or 'none'} → {'; '.join(c.new) or 'none'}"
    return "wording: " + "; ".join(word_hunks(c.words))


def word_hunks(words: Sequence[WordOp]) -> list[str]:
    """Return each change of a word diff in a few words.

    A replacement reads −“old” +“new”; a lone insertion or deletion says where it is
    (+“,” after “SMT”), so a moved word reads as the move.
    """
    hunks: list[list[str]] = []  # [deleted, inserted, where]
    where, joined = "at the start", False
    for w in words:
        if w.op == "equal":
            where, joined = f"after “{w.text.split()[-1]}”", False
            continue
        if not joined:
            hunks.append(["", "", where])
            joined = True
        hunks[-1][0 if w.op == "delete" else 1] = short(w.text, 40)
    out = []
    for deleted, inserted, at in hunks:
        if deleted and inserted:
            out.append(f"−“{deleted}” +“{inserted}”")
        else:
            out.append(f"−“{deleted}” {at}" if deleted else f"+“{inserted}” {at}")
    return out


def _ref(ref: Ref) -> str:
    if ref.renumbered:
        return f"{ref.old}→{ref.new}"
    return ref.label or "?"


def _item_lines(i: ActionItem) -> list[str]:
    out = [f"  {_ref(i.ref):>7}  {short(i.action, 80)}"]
    out += [f"           {describe_change(c)}" for c in i.changes]
    for r in i.rewritten:
        if r.change == "edited":
            out.append(
                f"           !! entry {r.when} rewritten: “{short(r.old, 50)}” → "
                f"“{short(r.new or '', 50)}”"
            )
        else:
            out.append(f"           !! entry {r.when} removed: “{short(r.old, 60)}”")
    if i.status == "changed":
        out += [f"           + {u.when}: {short(u.text, 70)}" for u in i.new_updates]
    return out


def diff_text(diff: Diff, options: ReportOptions | None = None) -> str:
    """Return a readable plain-text report of a diff."""
    return diff_report(diff_view(diff, options))


def diff_report(view: DiffView) -> str:
    """Lay out a diff's view as plain text."""
    out = [view.terse_heading, view.as_at_text]
    if view.section == "exceptions":
        out += [f"warning: {w}" for w in view.warnings]
        return "\n".join([*out, *exception_lines(view)]) + "\n"
    shares = ", ".join(f"{b.band} {b.count} ({b.percent}%)" for b in view.bands)
    out += [
        f"{view.total} actions: {', '.join(map(str, view.statuses))} "
        f"({view.renumbered} renumbered)",
        f"Status: {shares}",
    ]
    if view.rag_moves:
        moves = ", ".join(f"{m.old}→{m.new} {m.count}" for m in view.rag_moves)
        out.append(f"RAG moves: {moves}")
    out.append(f"Progress: {'; '.join(map(str, view.progress))}")
    if view.edited_entries or view.removed_entries:
        out.append(
            "!! History rewritten: "
            f"{plural(view.edited_entries, 'earlier entry', 'earlier entries')} edited, "
            f"{view.removed_entries} removed"
        )
    out += [f"warning: {w}" for w in view.warnings]
    out += exception_lines(view)
    for group in view.groups:
        out += ["", group.title]
        for i in group.items:
            out += _item_lines(i)
    for listed in (view.quiet, view.overdue):
        if listed.items:
            refs = ", ".join(i.ref.new or "?" for i in listed.items)
            out += ["", f"{listed.title}: {refs}"]
    return "\n".join(out) + "\n"


def exception_lines(view: DiffView) -> list[str]:
    """Return the exception report in a line a heading: its refs, each with its owners."""
    if view.exceptions is None:
        return []
    ex = view.exceptions
    out = ["", f"Exceptions (stale: no entry for {ex.stale_days} days)"]
    for g in ex.groups:
        refs = "; ".join(f"{r.ref} ({', '.join(r.owners) or 'no owner'})" for r in g.rows)
        out.append(f"  {g.title} ({len(g.rows)})" + (f": {refs}" if refs else ""))
        if g.note:
            out.append(f"    {g.note}")
    return out


def history_text(history: History) -> str:
    """Return a plain-text table: one row per action, its RAG at each version."""
    return history_report(history_view(history))


def history_report(view: HistoryView) -> str:
    """Lay out a history's view as a plain-text table."""
    names = [v.short for v in view.versions]
    width = max([len(n) for n in names] + [6])
    head = f"{'id':<5} {'refs':<9} " + " ".join(f"{n:<{width}}" for n in names) + "  action"
    lines = [head, "-" * len(head)]
    for a in view.rows:
        cells = [f"{(p.colour or '·') if p else '':<{width}}" for p in a.points]
        refs = "→".join(a.refs)
        lines.append(f"{a.id:<5} {refs:<9} " + " ".join(cells) + f"  {short(a.action, 60)}")
        if a.notes:
            lines.append(" " * 16 + "; ".join(f"{n.label} {n.value}" for n in a.notes))
    return "\n".join(lines) + "\n"
