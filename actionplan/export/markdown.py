"""Markdown reports for e-mail and wikis: the HTML report's content, in plain text.

Document text is escaped so that a `|` cannot break a table, a `*` or `_` cannot
start emphasis and a `<` cannot open an HTML tag; word changes show as
~~deleted~~ and **inserted**; RAG colours as coloured squares.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from actionplan.export.board_model import Exceptions, ReportOptions
from actionplan.export.html_report import due_reading
from actionplan.export.view import diff_view, history_view, legend, rag_of, version_name
from actionplan.export.view_model import (
    ActionList,
    Change,
    DiffView,
    DueChange,
    Entry,
    HistoryView,
    MatrixHead,
    OwnersChange,
    Rag,
    RagChange,
    RagMatrix,
    Ref,
    WordingChange,
)
from actionplan.models import Action, Diff, History, Plan, WordOp

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


def rag(status: Rag, *, meaning: bool = False) -> str:
    """Return a RAG status as a coloured square and its name."""
    if status.colour is None:
        return "no RAG"
    label = status.meaning if meaning else None
    square = SQUARES.get(status.colour.title(), "▪️")
    return f"{square} {md(status.colour)}" + (f" ({md(label)})" if label else "")


def words_md(words: Sequence[WordOp]) -> str:
    """Return a word-level diff: ~~deleted~~ and **inserted** words."""
    out = ""
    for w in words:
        text = md(w.text).replace("\n", " ")
        if w.op == "delete":
            text = f"~~{text}~~"
        elif w.op == "insert":
            text = f"**{text}**"
        out += (" " if out and w.space else "") + text
    return out


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    """Return a Markdown table's lines; cells are escaped unless they are pre-rendered."""
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out


def _ref(ref: Ref) -> str:
    if ref.renumbered:
        return f"{md(ref.old)} → {md(ref.new)}"
    return md(ref.label)


def _change_md(c: Change) -> str:
    if isinstance(c, RagChange):
        return f"RAG {rag(c.old)} → {rag(c.new)}"
    if isinstance(c, DueChange):
        return f"Due ~~{md(c.old)}~~ → **{md(c.new)}**" + (f" ({c.slip})" if c.slip else "")
    if isinstance(c, OwnersChange):
        return "Owners: " + ("; ".join(_marked(w) for w in c.words) or "none")
    return "Wording: " + words_md(c.words)


def _marked(w: WordOp) -> str:
    text = md(w.text)
    return {"delete": f"~~{text}~~", "insert": f"**{text}**"}.get(w.op, text)


def _entries(entries: Iterable[Entry], indent: str) -> list[str]:
    return [f"{indent}- **{md(u.when)}** {para(u.text, indent + '  ')}" for u in entries]


def _summary_md(view: DiffView) -> list[str]:
    moves = ", ".join(f"{m.old} → {m.new} {m.count}" for m in view.rag_moves) or "none"
    out = [
        f"**{view.total} actions:** {', '.join(map(str, view.statuses))} "
        f"({view.renumbered} renumbered). **RAG moves:** {md(moves)}. "
        f"**Progress:** {'; '.join(map(str, view.progress))}.",
        "",
    ]
    if view.edited_entries + view.removed_entries:
        out += [
            f"> **History rewritten:** {view.edited_entries} earlier "
            f"{'entry' if view.edited_entries == 1 else 'entries'} edited, "
            f"{view.removed_entries} removed — see below.",
            "",
        ]
    out += table(["Measure", "Count"], ((c.label, c.value) for c in view.measures))
    return out


def _matrix_md(m: RagMatrix) -> list[str]:
    def head(h: MatrixHead) -> str:
        return h.label or rag(h.rag)

    body: list[list[object]] = []
    for old, counts, row_total in zip(m.rows, m.counts, m.row_totals, strict=True):
        body.append([head(old), *(n or "·" for n in counts), row_total])
    body.append(["**Total**", *m.col_totals, m.total])
    return table(["Old ↓ New →", *(head(c) for c in m.cols), "Total"], body)


def _rewritten_md(view: DiffView) -> list[str]:
    out = []
    for r in view.rewritten:
        if r.change == "edited":
            text = words_md(r.words) if r.words else f"~~{md(r.old)}~~ **{md(r.new)}**"
            out.append(f"- **{_ref(r.ref)}**, entry {md(r.when)} edited: {text}")
        else:
            out.append(f"- **{_ref(r.ref)}**, entry {md(r.when)} removed: ~~{para(r.old)}~~")
    if not out:
        return []
    return [
        "## ⚠️ History rewritten",
        "",
        f"{md(view.new.name)} changed update entries that "
        f"{md(view.old.name)} had already reported. Check these were agreed.",
        "",
        *out,
        "",
    ]


def _changes_md(view: DiffView) -> list[str]:
    out = ["## Changes and progress since the last review", ""]
    for i in view.changes:
        action = words_md(i.wording.words) if i.wording else md(i.action).replace("\n", " ")
        owner = f" · {md(i.owner_text)}" if i.owned_by else ""
        out += [f"### {_ref(i.ref)} · {i.status} · {rag(i.rag)}{owner}", "", action, ""]
        out += [f"- {_change_md(c)}" for c in i.changes if not isinstance(c, WordingChange)]
        if i.rewritten:
            out.append(f"- ⚠️ {len(i.rewritten)} earlier entry rewritten (see History rewritten)")
        if i.status == "removed":
            out.append(f"- Not in {md(view.absent_in)}")
        elif i.new_updates:
            out.append("- New update entries:")
            out += _entries(i.new_updates, "  ")
        else:
            out.append("- Nothing new reported")
        out.append("")
    if not view.changes:
        out += ["No action changed.", ""]
    return out


def _list_md(listed: ActionList, overdue: bool) -> list[str]:
    if not listed.items:
        return []
    headers = ["Ref", "RAG", "Action", "Owner", "Due"]
    headers += ["Days overdue", "New update?"] if overdue else []
    rows = []
    for i in listed.items:
        row: list[object] = [
            _ref(i.ref),
            rag(i.new_rag),
            cell(i.action),
            cell(i.owner_text),
            f"{i.due_date:%d/%m/%Y}" if i.due_date else "",
        ]
        if overdue:
            row.append("" if i.days_overdue is None else i.days_overdue)
            row.append("no" if i.no_new_update else "yes")
        rows.append(row)
    return [f"## {listed.title} ({len(listed.items)})", "", *table(headers, rows), ""]


def _exceptions_md(ex: Exceptions) -> list[str]:
    when = f"{ex.as_at:%d/%m/%Y}" if ex.as_at else "no review date"
    out = [
        "## Exception report",
        "",
        f"Counted as at {when}; stale means no entry for {ex.stale_days} days; slips counted "
        f"over {ex.history_versions} reviews.",
        "",
        *table(
            ["Exception", "Actions", "Refs"],
            ([md(g.title), len(g.rows), md(", ".join(r.ref or "?" for r in g.rows)) or "—"]
             for g in ex.groups),
        ),
        "",
    ]  # fmt: skip
    for g in ex.groups:
        out += [f"### {md(g.title)} ({len(g.rows)})", "", f"*{md(g.question)}*", ""]
        if g.rows:
            out += table(
                ["Ref", "Action", "Owner", "RAG", "Due", "Why listed"],
                (
                    [
                        md(r.ref), cell(r.action), cell("; ".join(r.owners)),
                        rag(Rag(r.colour, r.rgb)),
                        f"{r.due_date:%d/%m/%Y}" if r.due_date else "", md(r.detail),
                    ]
                    for r in g.rows
                ),
            )  # fmt: skip
        else:
            out.append("None.")
        out += ["", md(g.note), ""] if g.note else [""]
    return out


def _owners_md(view: DiffView) -> list[str]:
    rows = (
        [
            cell(o.owner), o.actions, o.open, o.overdue, o.slipped, o.no_update, o.off_track,
            md(", ".join(o.overdue_refs)),
        ]
        for o in view.owners
    )  # fmt: skip
    headers = ["Owner", "Actions", "Open", "Overdue", "Slipped", "No new entry", "Red or Amber"]
    return ["## By owner", "", *table([*headers, "Overdue refs"], rows), ""]


def _bands_md(view: DiffView) -> list[str]:
    shares = ", ".join(f"{b.band} {b.count} ({b.percent}%)" for b in view.bands)
    return [f"**Status of the {view.total} actions:** {shares}.", ""]


def _legend_md(key: Sequence[Rag]) -> list[str]:
    if not key:
        return []
    return ["Key: " + ", ".join(rag(r, meaning=True) for r in key), ""]


def diff_markdown(diff: Diff, options: ReportOptions | None = None) -> str:
    """Return the V7→V8 report as Markdown: the exception report first, then the detail."""
    return diff_report(diff_view(diff, options))


def diff_report(view: DiffView) -> str:
    """Lay out a diff's view as Markdown."""
    out = [
        f"# {md(view.title)}: {md(view.old.name)} → {md(view.new.name)}",
        "",
        f"**{md(view.as_at_text)}.** Compared {md(view.old.source)} with {md(view.new.source)}.",
        "",
        *_legend_md(view.new.legend),
    ]
    for w in view.warnings:
        out += [f"> **Warning:** {md(w)}", ""]
    exceptions = _exceptions_md(view.exceptions) if view.exceptions else []
    if view.section == "exceptions":
        return "\n".join([*out, *exceptions]).rstrip() + "\n"
    out += [*_bands_md(view), *exceptions, *_owners_md(view)]
    out += ["## Changes in numbers", "", *_summary_md(view), ""]
    out += _rewritten_md(view)
    out += ["## RAG movement", "", *_matrix_md(view.matrix), ""]
    out += _changes_md(view)
    out += _list_md(view.overdue, True)
    out += _list_md(view.quiet, False)
    out += _list_md(view.unchanged, False)
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
        *_legend_md(legend(doc)),
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
                rag(rag_of([doc], a.rag)),
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
    return history_report(history_view(history))


def history_report(view: HistoryView) -> str:
    """Lay out a history's view as a Markdown table."""
    rows = [
        [
            md(" → ".join(a.refs)),
            cell(a.action),
            *[rag(p) if p else "" for p in a.points],
            "; ".join(f"{n.label} {md(n.value)}" for n in a.notes),
        ]
        for a in view.rows
    ]
    headers = ["Refs", "Action", *(md(v.name) for v in view.versions), "Notes"]
    return "\n".join([f"# {md(view.title)}: history", "", *table(headers, rows)]) + "\n"
