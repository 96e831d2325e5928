"""Self-contained HTML reports: one file, inline CSS, no script, no network, A4 landscape.

Every piece of document text goes through `html.escape`; colours come from the
documents' legends only after `clean_rgb` has checked them to be six hex digits.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from actionplan.export.colours import (
    STATUS_RGB,
    clean_rgb,
    ink,
    rag_colour,
    rag_matrix,
    rag_meaning,
)
from actionplan.export.text_report import version_name
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

# Blocks every request the page could make (images, fonts, scripts, frames): the
# report must read the same offline, and a browser logs any attempt as an error.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

ARROW = '<span class="arrow">→</span>'

CSS = """
@page { size: A4 landscape; margin: 10mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 14px/1.45 "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue",
       Arial, "Liberation Sans", sans-serif; color: #1f2328; margin: 20px auto;
       max-width: 1500px; padding: 0 20px; }
h1 { font-size: 22px; margin: 0 0 2px; }
h2 { font-size: 17px; margin: 22px 0 8px; border-bottom: 2px solid #d0d7de;
     padding-bottom: 3px; break-after: avoid; }
.sub { color: #57606a; margin: 0 0 10px; }
.legend { margin: 6px 0 12px; }
.legend .chip { margin-right: 4px; }
.lead { font-size: 15px; margin: 8px 0; }
.counts { display: grid; grid-template-columns: repeat(auto-fill, minmax(104px, 1fr));
          gap: 8px; margin: 10px 0 14px; }
.count { border: 1px solid #d0d7de; border-radius: 6px; padding: 6px 10px;
         background: #f6f8fa; }
.count b { display: block; font-size: 22px; line-height: 1.2; }
.count span { color: #57606a; font-size: 12px; }
.count.alert { border-color: #cf222e; background: #ffebe9; }
.count.alert b { color: #a40e26; }
.chip { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px;
        font-weight: 600; line-height: 19px; white-space: nowrap;
        border: 1px solid rgba(0, 0, 0, .25); }
.chip.none { background: #fff; color: #57606a; border-style: dashed; }
.badge { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 12px;
         font-weight: 600; border: 1px solid rgba(0, 0, 0, .15); }
.arrow { color: #57606a; padding: 0 3px; }
ins { background: #dafbe1; color: #116329; text-decoration: underline; }
del { background: #ffebe9; color: #a40e26; text-decoration: line-through; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 10px; }
th, td { border: 1px solid #d0d7de; padding: 4px 6px; vertical-align: top;
         text-align: left; }
th { background: #eef2f7; font-weight: 600; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.ref { white-space: nowrap; font-weight: 600; }
td.rag, td.nowrap { white-space: nowrap; }
.text { white-space: pre-line; }
.muted { color: #57606a; }
ul.entries { margin: 0; padding-left: 18px; }
ul.entries li { margin: 0 0 3px; }
ul.changes { margin: 0; padding-left: 16px; }
.date { font-weight: 600; white-space: nowrap; }
.callout { border: 1px solid #cf222e; border-left: 6px solid #cf222e; background: #fff5f5;
           padding: 8px 12px; border-radius: 4px; margin: 10px 0; }
.callout h2 { border: 0; margin: 0 0 6px; color: #a40e26; }
.warn { border-color: #bf8700; border-left-color: #bf8700; background: #fff8c5; }
table.matrix { width: auto; }
table.matrix td { text-align: center; min-width: 64px; }
table.matrix td.same { background: #f2f2f2; }
table.matrix td.moved { background: #ffeb9c; font-weight: 700; }
table.matrix td.zero { color: #aab0b6; }
table.matrix th.total, table.matrix td.total { font-weight: 700; background: #eef2f7; }
footer { color: #57606a; font-size: 12px; margin-top: 24px; }
@media print {
  body { margin: 0; padding: 0; max-width: none; font-size: 11px; }
  .counts { grid-template-columns: repeat(6, 1fr); }
  h2 { margin-top: 14px; }
}
"""


def esc(text: object) -> str:
    """Return document text escaped for HTML (quotes too, so it is safe in attributes)."""
    return html.escape("" if text is None else str(text), quote=True)


def page(title: str, body: str) -> str:
    """Return a complete HTML document with the report's CSS inlined."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"{body}\n<footer>Made by actionplan.</footer>\n"
        "</body>\n</html>\n"
    )


def chip(docs: Sequence[DocumentInfo], colour: str | None, *, meaning: bool = False) -> str:
    """Return a RAG status as a coloured chip (the legend's meaning as its tooltip)."""
    if colour is None:
        return '<span class="chip none">no RAG</span>'
    label = rag_meaning(docs, colour)
    rgb = clean_rgb(rag_colour(docs, colour))
    style = f' style="background:#{rgb};color:#{ink(rgb)}"' if rgb else ""
    title = f' title="{esc(label)}"' if label else ""
    text = esc(colour) + (f" – {esc(label)}" if meaning and label else "")
    return f'<span class="chip"{style}{title}>{text}</span>'


def badge(status: str) -> str:
    """Return a diff status (added, removed, changed, unchanged) as a coloured badge."""
    rgb = STATUS_RGB.get(status)
    style = f' style="background:#{rgb}"' if rgb else ""
    return f'<span class="badge"{style}>{esc(status)}</span>'


def words_html(words: Sequence[WordOp]) -> str:
    """Return a word-level diff with deletions in <del> and insertions in <ins>."""
    parts = []
    for w in words:
        text = esc(w.text)
        if w.op == "insert":
            parts.append(f"<ins>{text}</ins>")
        elif w.op == "delete":
            parts.append(f"<del>{text}</del>")
        else:
            parts.append(text)
    return " ".join(parts)


def _owners_html(old: Sequence[str], new: Sequence[str]) -> str:
    olds = {o.lower() for o in old}
    news = {n.lower() for n in new}
    parts = [f"<del>{esc(o)}</del>" for o in old if o.lower() not in news]
    parts += [esc(n) if n.lower() in olds else f"<ins>{esc(n)}</ins>" for n in new]
    return "; ".join(parts) or '<span class="muted">none</span>'


def slip_text(days: int | None) -> str:
    """Return how far a due date moved, in words."""
    if not days:
        return ""
    if days > 0:
        return f"slipped {days} day{'s' if days != 1 else ''}"
    return f"brought forward {-days} day{'s' if days != -1 else ''}"


def change_html(diff: Diff, c: FieldChange) -> str:
    """Return one changed field as a list item."""
    if c.field == "rag":
        return f"<li>RAG {chip([diff.old], c.old)}{ARROW}{chip([diff.new], c.new)}</li>"
    if c.field == "due":
        slip = slip_text(c.slippage_days)
        note = f" <b>({esc(slip)})</b>" if slip else ""
        return (
            f"<li>Due <del>{esc(c.old_text or c.old or 'none')}</del>"
            f"{ARROW}<ins>{esc(c.new_text or c.new or 'none')}</ins>{note}</li>"
        )
    if c.field == "owners":
        return f"<li>Owners: {_owners_html(c.old or [], c.new or [])}</li>"
    return "<li>Wording changed (shown in the action)</li>"


def entries_html(entries: Iterable[UpdateEntry]) -> str:
    """Return update entries as a list, each with its date as written."""
    items = [
        f'<li><span class="date">{esc(u.date_text or "undated")}</span> '
        f'<span class="text">{esc(u.text)}</span></li>'
        for u in entries
    ]
    return f'<ul class="entries">{"".join(items)}</ul>' if items else ""


def _ref(d: ActionDiff) -> str:
    if d.renumbered:
        return f"{esc(d.old_ref)}{ARROW}{esc(d.new_ref)}"
    return esc(d.new_ref if d.new_ref is not None else d.old_ref)


def _count(n: int, label: str, alert: bool = False) -> str:
    cls = "count alert" if alert and n else "count"
    return f'<div class="{cls}"><b>{n}</b><span>{esc(label)}</span></div>'


def _legend(doc: DocumentInfo) -> str:
    if not doc.rag_legend:
        return ""
    chips = " ".join(chip([doc], e.colour, meaning=True) for e in doc.rag_legend)
    return f'<div class="legend">Key: {chips}</div>'


def _matrix_html(diff: Diff) -> str:
    docs = [diff.new, diff.old]
    rows, cols, counts = rag_matrix(diff)

    def head(colour: str | None) -> str:
        if colour == "+":
            return "Added"
        if colour == "-":
            return "Removed"
        return chip(docs, colour, meaning=True)

    out = ['<table class="matrix"><thead><tr><th>Old ↓ New →</th>']
    out += [f"<th>{head(c)}</th>" for c in cols]
    out.append('<th class="total">Total</th></tr></thead><tbody>')
    for old in rows:
        out.append(f"<tr><th>{head(old)}</th>")
        for new in cols:
            n = counts[(old, new)]
            cls = "zero" if not n else ("same" if old == new else "moved")
            out.append(f'<td class="{cls}">{n}</td>')
        row_total = sum(v for (a, _), v in counts.items() if a == old)
        out.append(f'<td class="total">{row_total}</td></tr>')
    out.append('<tr><th class="total">Total</th>')
    for new in cols:
        out.append(f'<td class="total">{sum(v for (_, b), v in counts.items() if b == new)}</td>')
    out.append(f'<td class="total">{sum(counts.values())}</td></tr></tbody></table>')
    return "".join(out)


def _rewritten_html(diff: Diff) -> str:
    rows = []
    for d in diff.actions:
        for e in d.edited_updates:
            text = (
                words_html(e.words)
                if e.words
                else f"<del>{esc(e.old)}</del> <ins>{esc(e.new)}</ins>"
            )
            rows.append(
                f'<tr><td class="ref">{_ref(d)}</td><td>edited</td>'
                f'<td class="date">{esc(e.date_text or "undated")}</td>'
                f'<td class="text">{text}</td></tr>'
            )
        for u in d.removed_updates:
            rows.append(
                f'<tr><td class="ref">{_ref(d)}</td><td>removed</td>'
                f'<td class="date">{esc(u.date_text or "undated")}</td>'
                f'<td class="text"><del>{esc(u.text)}</del></td></tr>'
            )
    if not rows:
        return ""
    return (
        '<section class="callout" id="history-rewritten"><h2>History rewritten</h2>'
        f"<p>{esc(version_name(diff.new))} changed update entries that "
        f"{esc(version_name(diff.old))} had already reported. Check these were agreed.</p>"
        "<table><thead><tr><th>Ref</th><th>Change</th><th>Entry</th>"
        f"<th>Text ({esc(diff.old.version or 'old')} → {esc(diff.new.version or 'new')})</th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def _changes_html(diff: Diff) -> str:
    rows = []
    for d in diff.actions:
        if d.status == "unchanged":
            continue
        wording = next((c for c in d.changes if c.field == "action"), None)
        action = words_html(wording.words) if wording else esc(d.action)
        items = [change_html(diff, c) for c in d.changes if c.field != "action"]
        if d.edited_updates or d.removed_updates:
            n = len(d.edited_updates) + len(d.removed_updates)
            items.append(f'<li><a href="#history-rewritten">{n} earlier entry rewritten</a></li>')
        if d.status == "added":
            items.append(f"<li>New action, RAG {chip([diff.new], d.new_rag)}</li>")
        if d.status == "removed":
            items.append(f"<li>Not in {esc(diff.new.version or 'the new version')}</li>")
        changes = f'<ul class="changes">{"".join(items)}</ul>' if items else ""
        progress = entries_html(d.new_updates)
        if not progress and d.status != "removed":
            progress = '<span class="muted">nothing new reported</span>'
        rag = chip([diff.new], d.new_rag) if d.status != "removed" else chip([diff.old], d.old_rag)
        rows.append(
            f'<tr><td class="ref">{_ref(d)}</td><td>{badge(d.status)}</td>'
            f'<td class="rag">{rag}</td><td class="text">{action}</td>'
            f"<td>{changes}</td><td>{progress}</td></tr>"
        )
    if not rows:
        return "<h2>Changes</h2><p>No action changed.</p>"
    return (
        "<h2>Changes and progress since the last review</h2><table><thead><tr><th>Ref</th>"
        '<th>Status</th><th>RAG</th><th style="width:30%">Action</th>'
        '<th style="width:22%">What changed</th><th style="width:34%">New update entries</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _list_html(diff: Diff, title: str, actions: list[ActionDiff], overdue: bool) -> str:
    if not actions:
        return ""
    review = diff.new.review_date
    head = "<th>Ref</th><th>RAG</th><th>Action</th><th>Due</th>"
    head += '<th class="num">Days overdue</th><th>New update?</th>' if overdue else ""
    rows = []
    for d in actions:
        due = f"{d.due_date:%d/%m/%Y}" if d.due_date else ""
        cells = (
            f'<td class="ref">{_ref(d)}</td><td class="rag">{chip([diff.new], d.new_rag)}</td>'
            f'<td class="text">{esc(d.action)}</td><td class="nowrap">{due}</td>'
        )
        if overdue:
            days = (review - d.due_date).days if review and d.due_date else ""
            cells += f'<td class="num">{days}</td><td>{"no" if d.no_new_update else "yes"}</td>'
        rows.append(f"<tr>{cells}</tr>")
    return (
        f"<h2>{esc(title)} ({len(actions)})</h2><table><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def diff_html(diff: Diff) -> str:
    """Return the V7→V8 report for a governance board as one self-contained HTML page."""
    s = diff.summary
    title = f"{diff.new.title or diff.old.title or 'Action plan'}"
    heading = f"{title}: {version_name(diff.old)} → {version_name(diff.new)}"
    rewritten = s.edited_updates + s.removed_updates
    moves = (
        ", ".join(f"{esc(k.replace('->', ' → '))} {v}" for k, v in s.rag_moves.items()) or "none"
    )
    body = [
        f"<header><h1>{esc(heading)}</h1>",
        f'<p class="sub">Compared {esc(diff.old.source)} with {esc(diff.new.source)}</p>',
        _legend(diff.new),
        "</header>",
        '<section id="summary"><div class="counts">',
        _count(s.added + s.changed + s.unchanged, f"actions in {diff.new.version or 'new'}"),
        _count(s.added, "added"),
        _count(s.removed, "removed"),
        _count(s.changed, "changed"),
        _count(s.unchanged, "unchanged"),
        _count(s.renumbered, "renumbered"),
        _count(sum(s.rag_moves.values()), "RAG moved"),
        _count(s.due_slipped, "due dates slipped", alert=True),
        _count(s.new_updates, "new update entries"),
        _count(s.no_new_update, "no new update", alert=True),
        _count(s.overdue, "overdue at review", alert=True),
        _count(rewritten, "earlier entries rewritten", alert=True),
        "</div>",
        f'<p class="lead">RAG moves: {moves}.</p>',
        "</section>",
    ]
    for w in diff.warnings:
        body.append(f'<p class="callout warn">Warning: {esc(w)}</p>')
    body.append(_rewritten_html(diff))
    body.append(f"<h2>RAG movement</h2>{_matrix_html(diff)}")
    body.append(_changes_html(diff))
    body.append(_list_html(diff, "Overdue at review", [d for d in diff.actions if d.overdue], True))
    quiet = [d for d in diff.actions if d.no_new_update and d.status != "removed"]
    body.append(_list_html(diff, "No new update", quiet, False))
    unchanged = [d for d in diff.actions if d.status == "unchanged"]
    body.append(_list_html(diff, "Unchanged", unchanged, False))
    return page(heading, "\n".join(b for b in body if b))


def due_reading(a: Action) -> str:
    """Return how a due cell was read when it is not a plain date ("" if it is)."""
    due = a.due
    if due.date is None or due.kind == "date":
        return ""
    if due.kind == "range" and due.end:
        return f"{due.date:%d/%m/%Y} – {due.end:%d/%m/%Y}"
    if due.kind == "recurring":
        return f"{due.recurrence or 'repeating'} from {due.date:%d/%m/%Y}"
    return f"about {due.date:%d/%m/%Y}"


def _due_html(a: Action) -> str:
    reading = due_reading(a)
    note = f'<br><span class="muted">{esc(reading)}</span>' if reading else ""
    return esc(a.due.text) + note


def _plan_html(plan: Plan) -> str:
    doc = plan.document
    counts: dict[str | None, int] = {}
    for a in plan.actions:
        counts[a.rag] = counts.get(a.rag, 0) + 1
    tally = " ".join(f"{chip([doc], c)} {n}" for c, n in counts.items())
    rows = []
    section = None
    for a in plan.actions:
        if a.section and a.section != section:
            section = a.section
            rows.append(f'<tr><th colspan="6">{esc(section)}</th></tr>')
        rows.append(
            f'<tr><td class="ref">{esc(a.ref)}</td><td class="text">{esc(a.action)}</td>'
            f'<td class="text">{esc("; ".join(a.owners))}</td><td>{_due_html(a)}</td>'
            f'<td class="rag">{chip([doc], a.rag)}</td><td>{entries_html(a.updates)}</td></tr>'
        )
    warnings = "".join(f'<p class="callout warn">Warning: {esc(w)}</p>' for w in plan.warnings)
    heading = f"{doc.title or 'Action plan'}: {version_name(doc)}"
    return (
        f"<section><h1>{esc(heading)}</h1><p class='sub'>{esc(doc.source)} · "
        f"{len(plan.actions)} actions · {tally}</p>{_legend(doc)}{warnings}"
        "<table><thead><tr><th>Ref</th><th style='width:28%'>Action</th><th>Owners</th>"
        "<th>Due</th><th>RAG</th><th style='width:40%'>Updates</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def plans_html(plans: Sequence[Plan]) -> str:
    """Return the extracted plans as one self-contained HTML page."""
    title = ", ".join(version_name(p.document) for p in plans) or "Action plans"
    return page(title, "\n".join(_plan_html(p) for p in plans))


def history_html(history: History) -> str:
    """Return each action's RAG at every version as one self-contained HTML page."""
    docs = history.versions
    head = "".join(f"<th>{esc(version_name(d))}</th>" for d in docs)
    absent = '<span class="muted">—</span>'
    rows = []
    for a in history.actions:
        cells = "".join(
            f'<td class="rag">{chip([docs[i]], p.rag) if p else absent}</td>'
            for i, p in enumerate(a.points)
        )
        notes = []
        if a.completed_in:
            notes.append(f"completed in {esc(a.completed_in)}")
        if a.vanished_after:
            notes.append(f"gone after {esc(a.vanished_after)}")
        rows.append(
            f'<tr><td class="ref">{esc(" → ".join(a.refs))}</td>'
            f'<td class="text">{esc(a.action)}</td>{cells}<td>{"; ".join(notes)}</td></tr>'
        )
    title = (docs[0].title if docs else None) or "Action plan"
    heading = f"{title}: history of {len(docs)} versions"
    legend = _legend(docs[-1]) if docs else ""
    return page(
        heading,
        f"<h1>{esc(heading)}</h1>{legend}<table><thead><tr><th>Refs</th><th>Action</th>"
        f"{head}<th style='width:14%'>Notes</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>",
    )
