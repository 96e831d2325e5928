"""The terminal summary of a diff: counts first, then the actions that changed."""

from __future__ import annotations

import textwrap

from actionplan.models import ActionDiff, Diff, DiffSummary, DocumentInfo, FieldChange, History


def version_name(doc: DocumentInfo) -> str:
    """Return "V8 (14/06/2018)"-style naming of a document."""
    parts = [doc.version or doc.source]
    if doc.review_date:
        parts.append(f"({doc.review_date:%d/%m/%Y})")
    return " ".join(parts)


def count_rows(s: DiffSummary) -> list[tuple[str, int]]:
    """Return a diff's counts, labelled, in the order every report shows them."""
    return [
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
        ("Overdue at review", s.overdue),
        ("Earlier entries edited", s.edited_updates),
        ("Earlier entries removed", s.removed_updates),
    ]


def short(text: str, width: int = 90) -> str:
    """Return text shortened to one line of at most `width` characters."""
    return textwrap.shorten(text, width=width, placeholder=" …") if text else ""


def describe_change(c: FieldChange) -> str:
    """Return one line saying what changed in a field."""
    if c.field == "rag":
        return f"RAG {c.old or 'none'} → {c.new or 'none'}"
    if c.field == "due":
        slip = ""
        if c.slippage_days:
            slip = f" ({'+' if c.slippage_days > 0 else ''}{c.slippage_days} days)"
        return f"due {c.old_text or 'none'} → {c.new_text or 'none'}{slip}"
    if c.field == "owners":
        return f"owners {'; '.join(c.old or []) or 'none'} → {'; '.join(c.new or []) or 'none'}"
    removed = " ".join(w.text for w in c.words if w.op == "delete")
    added = " ".join(w.text for w in c.words if w.op == "insert")
    return f"wording: −“{short(removed, 40)}” +“{short(added, 40)}”"


def _ref(d: ActionDiff) -> str:
    if d.renumbered:
        return f"{d.old_ref}→{d.new_ref}"
    return d.new_ref or d.old_ref or "?"


def diff_text(diff: Diff) -> str:
    """Return a readable plain-text report of a diff."""
    s = diff.summary
    total = s.added + s.changed + s.unchanged
    out = [
        f"{diff.new.title or 'Plan'}: {version_name(diff.old)} → {version_name(diff.new)}",
        f"{total} actions: {s.added} added, {s.removed} removed, {s.changed} changed, "
        f"{s.unchanged} unchanged ({s.renumbered} renumbered)",
    ]
    if s.rag_moves:
        moves = ", ".join(f"{k.replace('->', '→')} {v}" for k, v in s.rag_moves.items())
        out.append(f"RAG moves: {moves}")
    out.append(
        f"Progress: {s.new_updates} new update entries; {s.due_slipped} due dates slipped; "
        f"{s.overdue} overdue at review; {s.no_new_update} with no new update"
    )
    if s.edited_updates or s.removed_updates:
        out.append(
            f"!! History rewritten: {s.edited_updates} earlier entries edited, "
            f"{s.removed_updates} removed"
        )
    for w in diff.warnings:
        out.append(f"warning: {w}")
    for title, status in (("Added", "added"), ("Removed", "removed"), ("Changed", "changed")):
        items = [d for d in diff.actions if d.status == status]
        if not items:
            continue
        out += ["", title]
        for d in items:
            out.append(f"  {_ref(d):>7}  {short(d.action, 80)}")
            for c in d.changes:
                out.append(f"           {describe_change(c)}")
            for e in d.edited_updates:
                date = e.date_text or "undated"
                out.append(
                    f"           !! entry {date} rewritten: “{short(e.old, 50)}” → "
                    f"“{short(e.new, 50)}”"
                )
            for u in d.removed_updates:
                out.append(
                    f"           !! entry {u.date_text or 'undated'} removed: “{short(u.text, 60)}”"
                )
            if status == "changed":
                for u in d.new_updates:
                    out.append(f"           + {u.date_text or 'undated'}: {short(u.text, 70)}")
    for title, flag in (("No new update", "no_new_update"), ("Overdue at review", "overdue")):
        refs = [d.new_ref or "?" for d in diff.actions if getattr(d, flag)]
        if refs:
            out += ["", f"{title}: {', '.join(refs)}"]
    return "\n".join(out) + "\n"


def history_text(history: History) -> str:
    """Return a plain-text table: one row per action, its RAG at each version."""
    names = [
        d.version or (str(d.review_date) if d.review_date else d.source) for d in history.versions
    ]
    width = max([len(n) for n in names] + [6])
    head = f"{'id':<5} {'refs':<9} " + " ".join(f"{n:<{width}}" for n in names) + "  action"
    lines = [head, "-" * len(head)]
    for a in history.actions:
        cells = []
        for p in a.points:
            cells.append(f"{(p.rag or '·') if p else '':<{width}}")
        refs = "→".join(a.refs)
        lines.append(f"{a.id:<5} {refs:<9} " + " ".join(cells) + f"  {short(a.action, 60)}")
        notes = []
        if a.completed_in:
            notes.append(f"completed in {a.completed_in}")
        if a.vanished_after:
            notes.append(f"gone after {a.vanished_after}")
        if notes:
            lines.append(" " * 16 + "; ".join(notes))
    return "\n".join(lines) + "\n"
