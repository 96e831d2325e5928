"""Markdown reports for e-mail and wikis: the HTML report's content, in plain text.

Document text is escaped so that a `|` cannot break a table, a `*` or `_` cannot
start emphasis and a `<` cannot open an HTML tag; word changes show as
~~deleted~~ and **inserted**; RAG colours as coloured squares.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from actionplan.export.colours import rag_matrix, rag_meaning
from actionplan.export.html_report import due_reading, slip_text
from actionplan.export.text_report import count_rows, version_name
from actionplan.models import (
    Action,
    ActionDiff,
    Diff,
    DocumentInfo,
    FieldChange,
    History,
    Plan,
    UpdateEntry,
    WordOp,
)

SQUARES = {
    "Red": "🟥",
    "Amber": "🟧",
    "Orange": "🟧",
    "Yellow": "🟨",
    "Green": "🟩",
    "Blue": "🟦",
    "Purple": "🟪",
    "Brown": "🟫",
    "Black": "⬛",
    "Grey": "⬜",
    "White": "⬜",
}
# Characters Markdown gives a meaning to anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]|~])")
# ... and at the start of a line: headings, quotes, lists, rules, numbered lists.
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))", re.MULTILINE)
_ENTITY = re.compile(r"&(?=#?\w+;)")


def md(text: object) -> str:
    """Return document text escaped for Markdown (tables included)."""
    s = "" if text is None else str(text)
    s = _INLINE.sub(r"\\\1", s)
    s = _ENTITY.sub("&amp;", s)
    s = s.replace("<", "&lt;")
    return _LINE_START.sub(_escape_line_start, s)


def _escape_line_start(m: re.Match[str]) -> str:
    lead, mark = m.group(1), m.group(2)
    # "1. text" would start a numbered list: escape the dot, not the number.
    return f"{lead}{mark}\\" if mark[0].isdigit() else f"{lead}\\{mark}"


def cell(text: object) -> str:
    """Return document text escaped for one Markdown table cell (one line)."""
    return md(text).replace("\r", "").replace("\n", "<br>")


def para(text: object, indent: str = "  ") -> str:
    """Return escaped text whose line breaks stay line breaks inside a list item."""
    return md(text).replace("\n", "  \n" + indent)


def rag(docs: Sequence[DocumentInfo], colour: str | None, *, meaning: bool = False) -> str:
    """Return a RAG status as a coloured square and its name."""
    if colour is None:
        return "no RAG"
    label = rag_meaning(docs, colour) if meaning else None
    square = SQUARES.get(colour.title(), "▪️")
    return f"{square} {md(colour)}" + (f" ({md(label)})" if label else "")


def words_md(words: Sequence[WordOp]) -> str:
    """Return a word-level diff: ~~deleted~~ and **inserted** words."""
    parts = []
    for w in words:
        text = md(w.text).replace("\n", " ")
        if w.op == "delete":
            parts.append(f"~~{text}~~")
        elif w.op == "insert":
            parts.append(f"**{text}**")
        else:
            parts.append(text)
    return " ".join(parts)


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    """Return a Markdown table's lines; cells are escaped unless they are pre-rendered."""
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out


def _ref(d: ActionDiff) -> str:
    if d.renumbered:
        return f"{md(d.old_ref)} → {md(d.new_ref)}"
    return md(d.new_ref if d.new_ref is not None else d.old_ref)


def _change_md(diff: Diff, c: FieldChange) -> str:
    if c.field == "rag":
        return f"RAG {rag([diff.old], c.old)} → {rag([diff.new], c.new)}"
    if c.field == "due":
        slip = slip_text(c.slippage_days)
        return (
            f"Due ~~{md(c.old_text or c.old or 'none')}~~ → **{md(c.new_text or c.new or 'none')}**"
            + (f" ({slip})" if slip else "")
        )
    if c.field == "owners":
        old, new = c.old or [], c.new or []
        news = {n.lower() for n in new}
        olds = {o.lower() for o in old}
        parts = [f"~~{md(o)}~~" for o in old if o.lower() not in news]
        parts += [md(n) if n.lower() in olds else f"**{md(n)}**" for n in new]
        return "Owners: " + ("; ".join(parts) or "none")
    return "Wording: " + words_md(c.words)


def _entries(entries: Iterable[UpdateEntry], indent: str) -> list[str]:
    return [
        f"{indent}- **{md(u.date_text or 'undated')}** {para(u.text, indent + '  ')}"
        for u in entries
    ]


def _summary_md(diff: Diff) -> list[str]:
    s = diff.summary
    rewritten = s.edited_updates + s.removed_updates
    moves = ", ".join(f"{k.replace('->', ' → ')} {v}" for k, v in s.rag_moves.items()) or "none"
    rows = count_rows(s)
    out = [
        f"**{s.added + s.changed + s.unchanged} actions:** {s.added} added, {s.removed} removed, "
        f"{s.changed} changed, {s.unchanged} unchanged ({s.renumbered} renumbered). "
        f"**RAG moves:** {md(moves)}. **Progress:** {s.new_updates} new update entries; "
        f"{s.due_slipped} due dates slipped; {s.overdue} overdue at review; "
        f"{s.no_new_update} with no new update.",
        "",
    ]
    if rewritten:
        out += [
            f"> **History rewritten:** {s.edited_updates} earlier entries edited, "
            f"{s.removed_updates} removed — see below.",
            "",
        ]
    out += table(["Measure", "Count"], rows)
    return out


def _matrix_md(diff: Diff) -> list[str]:
    docs = [diff.new, diff.old]
    rows, cols, counts = rag_matrix(diff)

    def head(colour: str | None) -> str:
        return {"+": "Added", "-": "Removed"}.get(colour or "", "") or rag(docs, colour)

    body: list[list[object]] = []
    for old in rows:
        line: list[object] = [head(old)]
        line += [counts[(old, new)] or "·" for new in cols]
        line.append(sum(v for (a, _), v in counts.items() if a == old))
        body.append(line)
    totals: list[object] = ["**Total**"]
    totals += [sum(v for (_, b), v in counts.items() if b == new) for new in cols]
    totals.append(sum(counts.values()))
    body.append(totals)
    return table(["Old ↓ New →", *(head(c) for c in cols), "Total"], body)


def _rewritten_md(diff: Diff) -> list[str]:
    out = []
    for d in diff.actions:
        for e in d.edited_updates:
            text = words_md(e.words) if e.words else f"~~{md(e.old)}~~ **{md(e.new)}**"
            out.append(f"- **{_ref(d)}**, entry {md(e.date_text or 'undated')} edited: {text}")
        for u in d.removed_updates:
            out.append(
                f"- **{_ref(d)}**, entry {md(u.date_text or 'undated')} removed: ~~{para(u.text)}~~"
            )
    if not out:
        return []
    return [
        "## ⚠️ History rewritten",
        "",
        f"{md(version_name(diff.new))} changed update entries that "
        f"{md(version_name(diff.old))} had already reported. Check these were agreed.",
        "",
        *out,
        "",
    ]


def _changes_md(diff: Diff) -> list[str]:
    out = ["## Changes and progress since the last review", ""]
    any_change = False
    for d in diff.actions:
        if d.status == "unchanged":
            continue
        any_change = True
        colour = rag([diff.old], d.old_rag) if d.status == "removed" else rag([diff.new], d.new_rag)
        wording = next((c for c in d.changes if c.field == "action"), None)
        action = words_md(wording.words) if wording else md(d.action).replace("\n", " ")
        out += [f"### {_ref(d)} · {d.status} · {colour}", "", action, ""]
        for c in d.changes:
            if c.field != "action":
                out.append(f"- {_change_md(diff, c)}")
        n = len(d.edited_updates) + len(d.removed_updates)
        if n:
            out.append(f"- ⚠️ {n} earlier entry rewritten (see History rewritten)")
        if d.status == "removed":
            out.append(f"- Not in {md(diff.new.version or 'the new version')}")
        elif d.new_updates:
            out.append("- New update entries:")
            out += _entries(d.new_updates, "  ")
        else:
            out.append("- Nothing new reported")
        out.append("")
    if not any_change:
        out += ["No action changed.", ""]
    return out


def _list_md(diff: Diff, title: str, actions: list[ActionDiff], overdue: bool) -> list[str]:
    if not actions:
        return []
    review = diff.new.review_date
    headers = ["Ref", "RAG", "Action", "Due"] + (["Days overdue", "New update?"] if overdue else [])
    rows = []
    for d in actions:
        row: list[object] = [
            _ref(d),
            rag([diff.new], d.new_rag),
            cell(d.action),
            f"{d.due_date:%d/%m/%Y}" if d.due_date else "",
        ]
        if overdue:
            row.append((review - d.due_date).days if review and d.due_date else "")
            row.append("no" if d.no_new_update else "yes")
        rows.append(row)
    return [f"## {title} ({len(actions)})", "", *table(headers, rows), ""]


def _legend_md(doc: DocumentInfo) -> list[str]:
    if not doc.rag_legend:
        return []
    return ["Key: " + ", ".join(rag([doc], e.colour, meaning=True) for e in doc.rag_legend), ""]


def diff_markdown(diff: Diff) -> str:
    """Return the V7→V8 report as Markdown: summary counts first, then the detail."""
    title = diff.new.title or diff.old.title or "Action plan"
    out = [
        f"# {md(title)}: {md(version_name(diff.old))} → {md(version_name(diff.new))}",
        "",
        f"Compared {md(diff.old.source)} with {md(diff.new.source)}.",
        "",
        *_legend_md(diff.new),
        *_summary_md(diff),
        "",
    ]
    for w in diff.warnings:
        out += [f"> **Warning:** {md(w)}", ""]
    out += _rewritten_md(diff)
    out += ["## RAG movement", "", *_matrix_md(diff), ""]
    out += _changes_md(diff)
    out += _list_md(diff, "Overdue at review", [d for d in diff.actions if d.overdue], True)
    quiet = [d for d in diff.actions if d.no_new_update and d.status != "removed"]
    out += _list_md(diff, "No new update", quiet, False)
    out += _list_md(diff, "Unchanged", [d for d in diff.actions if d.status == "unchanged"], False)
    return "\n".join(out).rstrip() + "\n"


def _due_md(a: Action) -> str:
    reading = due_reading(a)
    return cell(a.due.text) + (f" ({reading})" if reading else "")


def _plan_md(plan: Plan) -> list[str]:
    doc = plan.document
    out = [
        f"# {md(doc.title or 'Action plan')}: {md(version_name(doc))}",
        "",
        f"{md(doc.source)} · {len(plan.actions)} actions",
        "",
        *_legend_md(doc),
    ]
    out += [f"> **Warning:** {md(w)}" for w in plan.warnings]
    if plan.warnings:
        out.append("")
    rows = []
    for a in plan.actions:
        updates = "<br>".join(
            f"**{cell(u.date_text or 'undated')}** {cell(u.text)}" for u in a.updates
        )
        rows.append(
            [
                md(a.ref),
                cell(a.action),
                cell("; ".join(a.owners)),
                _due_md(a),
                rag([doc], a.rag),
                updates,
            ]
        )
    out += table(["Ref", "Action", "Owners", "Due", "RAG", "Updates"], rows)
    return [*out, ""]


def plans_markdown(plans: Sequence[Plan]) -> str:
    """Return the extracted plans as Markdown: one table of actions per plan."""
    out: list[str] = []
    for plan in plans:
        out += _plan_md(plan)
    return "\n".join(out).rstrip() + "\n"


def history_markdown(history: History) -> str:
    """Return each action's RAG at every version as a Markdown table."""
    docs = history.versions
    rows = []
    for a in history.actions:
        notes = []
        if a.completed_in:
            notes.append(f"completed in {md(a.completed_in)}")
        if a.vanished_after:
            notes.append(f"gone after {md(a.vanished_after)}")
        rows.append(
            [
                md(" → ".join(a.refs)),
                cell(a.action),
                *[rag([docs[i]], p.rag) if p else "" for i, p in enumerate(a.points)],
                "; ".join(notes),
            ]
        )
    title = (docs[0].title if docs else None) or "Action plan"
    headers = ["Refs", "Action", *(md(version_name(d)) for d in docs), "Notes"]
    return "\n".join([f"# {md(title)}: history", "", *table(headers, rows)]) + "\n"
