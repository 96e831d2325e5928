"""Self-contained HTML reports: one file, inline CSS, no script, no network, A4 landscape.

Every piece of document text goes through `html.escape`; colours come from the
documents' legends only after `clean_rgb` has checked them to be six hex digits.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from actionplan.export.board_model import ReportOptions
from actionplan.export.colours import STATUS_RGB, clean_rgb, ink
from actionplan.export.html_board import CSS as BOARD_CSS
from actionplan.export.html_board import bands_html, charts_html, exceptions_html, owners_html
from actionplan.export.view import diff_view, history_view, legend, rag_of, version_name
from actionplan.export.view_model import (
    ActionList,
    Change,
    Count,
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
from actionplan.models import Action, Diff, History, Plan, UpdateEntry, WordOp

# Blocks every request the page could make (images, fonts, scripts, frames): the
# report must read the same offline, and a browser logs any attempt as an error.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

ARROW = '<span class="arrow">→</span>'
NONE = '<span class="muted">none</span>'

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
        f"<title>{esc(title)}</title>\n<style>{CSS}{BOARD_CSS}</style>\n</head>\n<body>\n"
        f"{body}\n<footer>Made by actionplan.</footer>\n"
        "</body>\n</html>\n"
    )


def chip(rag: Rag, *, meaning: bool = False) -> str:
    """Return a RAG status as a coloured chip (the legend's meaning as its tooltip)."""
    if rag.colour is None:
        return '<span class="chip none">no RAG</span>'
    rgb = clean_rgb(rag.rgb)
    style = f' style="background:#{rgb};color:#{ink(rgb)}"' if rgb else ""
    title = f' title="{esc(rag.meaning)}"' if rag.meaning else ""
    text = esc(rag.colour) + (f" – {esc(rag.meaning)}" if meaning and rag.meaning else "")
    return f'<span class="chip"{style}{title}>{text}</span>'


def badge(status: str) -> str:
    """Return a diff status (added, removed, changed, unchanged) as a coloured badge."""
    rgb = STATUS_RGB.get(status)
    style = f' style="background:#{rgb}"' if rgb else ""
    return f'<span class="badge"{style}>{esc(status)}</span>'


def words_html(words: Sequence[WordOp]) -> str:
    """Return a word-level diff with deletions in <del> and insertions in <ins>."""
    out = ""
    for w in words:
        text = esc(w.text)
        if w.op == "insert":
            text = f"<ins>{text}</ins>"
        elif w.op == "delete":
            text = f"<del>{text}</del>"
        out += (" " if out and w.space else "") + text
    return out


def change_html(c: Change) -> str:
    """Return one changed field as a list item."""
    if isinstance(c, RagChange):
        return f"<li>RAG {chip(c.old)}{ARROW}{chip(c.new)}</li>"
    if isinstance(c, DueChange):
        note = f" <b>({esc(c.slip)})</b>" if c.slip else ""
        return f"<li>Due <del>{esc(c.old)}</del>{ARROW}<ins>{esc(c.new)}</ins>{note}</li>"
    if isinstance(c, OwnersChange):
        owners = "; ".join(
            f"<del>{esc(w.text)}</del>"
            if w.op == "delete"
            else f"<ins>{esc(w.text)}</ins>"
            if w.op == "insert"
            else esc(w.text)
            for w in c.words
        )
        return f"<li>Owners: {owners or NONE}</li>"
    return "<li>Wording changed (shown in the action)</li>"


def entries_html(entries: Iterable[UpdateEntry | Entry]) -> str:
    """Return update entries as a list, each with its date as written."""
    items = [
        f'<li><span class="date">{esc(u.date_text or "undated")}</span> '
        f'<span class="text">{esc(u.text)}</span></li>'
        for u in entries
    ]
    return f'<ul class="entries">{"".join(items)}</ul>' if items else ""


def _ref(ref: Ref) -> str:
    if ref.renumbered:
        return f"{esc(ref.old)}{ARROW}{esc(ref.new)}"
    return esc(ref.label)


def _count(c: Count) -> str:
    cls = "count alert" if c.alert and c.value else "count"
    return f'<div class="{cls}"><b>{c.value}</b><span>{esc(c.word)}</span></div>'


def legend_html(key: Sequence[Rag]) -> str:
    """Return a document's RAG key as chips with their meanings."""
    if not key:
        return ""
    chips = " ".join(chip(r, meaning=True) for r in key)
    return f'<div class="legend">Key: {chips}</div>'


def _matrix_html(m: RagMatrix) -> str:
    def head(h: MatrixHead) -> str:
        return h.label or chip(h.rag, meaning=True)

    out = ['<table class="matrix"><thead><tr><th>Old ↓ New →</th>']
    out += [f"<th>{head(c)}</th>" for c in m.cols]
    out.append('<th class="total">Total</th></tr></thead><tbody>')
    for old, counts, row_total in zip(m.rows, m.counts, m.row_totals, strict=True):
        out.append(f"<tr><th>{head(old)}</th>")
        for new, n in zip(m.cols, counts, strict=True):
            cls = "zero" if not n else ("same" if old.key == new.key else "moved")
            out.append(f'<td class="{cls}">{n}</td>')
        out.append(f'<td class="total">{row_total}</td></tr>')
    out.append('<tr><th class="total">Total</th>')
    out += [f'<td class="total">{n}</td>' for n in m.col_totals]
    out.append(f'<td class="total">{m.total}</td></tr></tbody></table>')
    return "".join(out)


def _rewritten_html(view: DiffView) -> str:
    rows = []
    for r in view.rewritten:
        if r.change == "edited":
            text = (
                words_html(r.words)
                if r.words
                else f"<del>{esc(r.old)}</del> <ins>{esc(r.new)}</ins>"
            )
        else:
            text = f"<del>{esc(r.old)}</del>"
        rows.append(
            f'<tr><td class="ref">{_ref(r.ref)}</td><td>{r.change}</td>'
            f'<td class="date">{esc(r.when)}</td><td class="text">{text}</td></tr>'
        )
    if not rows:
        return ""
    return (
        '<section class="callout" id="history-rewritten"><h2>History rewritten</h2>'
        f"<p>{esc(view.new.name)} changed update entries that "
        f"{esc(view.old.name)} had already reported. Check these were agreed.</p>"
        "<table><thead><tr><th>Ref</th><th>Change</th><th>Entry</th>"
        f"<th>Text ({esc(view.old.short)} → {esc(view.new.short)})</th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def _changes_html(view: DiffView) -> str:
    rows = []
    for i in view.changes:
        action = words_html(i.wording.words) if i.wording else esc(i.action)
        items = [change_html(c) for c in i.changes if not isinstance(c, WordingChange)]
        if i.rewritten:
            n = len(i.rewritten)
            items.append(f'<li><a href="#history-rewritten">{n} earlier entry rewritten</a></li>')
        if i.status == "added":
            items.append(f"<li>New action, RAG {chip(i.new_rag)}</li>")
        if i.status == "removed":
            items.append(f"<li>Not in {esc(view.absent_in)}</li>")
        changes = f'<ul class="changes">{"".join(items)}</ul>' if items else ""
        progress = entries_html(i.new_updates)
        if not progress and i.status != "removed":
            progress = '<span class="muted">nothing new reported</span>'
        rows.append(
            f'<tr><td class="ref">{_ref(i.ref)}</td><td>{badge(i.status)}</td>'
            f'<td class="rag">{chip(i.rag)}</td><td class="text">{action}</td>'
            f"<td>{esc(i.owner_text)}</td><td>{changes}</td><td>{progress}</td></tr>"
        )
    if not rows:
        return "<h2>Changes</h2><p>No action changed.</p>"
    return (
        "<h2>Changes and progress since the last review</h2><table><thead><tr><th>Ref</th>"
        '<th>Status</th><th>RAG</th><th style="width:28%">Action</th><th>Owner</th>'
        '<th style="width:20%">What changed</th><th style="width:30%">New update entries</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _list_html(listed: ActionList, overdue: bool) -> str:
    if not listed.items:
        return ""
    head = "<th>Ref</th><th>RAG</th><th>Action</th><th>Owner</th><th>Due</th>"
    head += '<th class="num">Days overdue</th><th>New update?</th>' if overdue else ""
    rows = []
    for i in listed.items:
        due = f"{i.due_date:%d/%m/%Y}" if i.due_date else ""
        cells = (
            f'<td class="ref">{_ref(i.ref)}</td><td class="rag">{chip(i.new_rag)}</td>'
            f'<td class="text">{esc(i.action)}</td><td>{esc(i.owner_text)}</td>'
            f'<td class="nowrap">{due}</td>'
        )
        if overdue:
            days = "" if i.days_overdue is None else i.days_overdue
            cells += f'<td class="num">{days}</td><td>{"no" if i.no_new_update else "yes"}</td>'
        rows.append(f"<tr>{cells}</tr>")
    return (
        f"<h2>{esc(listed.title)} ({len(listed.items)})</h2><table><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def diff_html(diff: Diff, options: ReportOptions | None = None) -> str:
    """Return the V7→V8 report for a governance board as one self-contained HTML page."""
    return diff_report(diff_view(diff, options))


def diff_report(view: DiffView) -> str:
    """Lay out a diff's view as one self-contained HTML page: the exception report first."""
    moves = ", ".join(f"{esc(m.old)} → {esc(m.new)} {m.count}" for m in view.rag_moves) or "none"
    header = [
        f"<header><h1>{esc(view.heading)}</h1>",
        f'<p class="sub"><span class="asat">{esc(view.as_at_text)}</span> · '
        f"Compared {esc(view.old.source)} with {esc(view.new.source)}</p>",
        legend_html(view.new.legend),
        "</header>",
        *(f'<p class="callout warn">Warning: {esc(w)}</p>' for w in view.warnings),
    ]
    exceptions = exceptions_html(view.exceptions) if view.exceptions else ""
    if view.section == "exceptions":
        return page(f"{view.heading}: exceptions", "\n".join([*header, exceptions]))
    body = [
        *header,
        bands_html(view.bands, view.total),
        exceptions,
        owners_html(view.owners),
        charts_html(view.charts),
        '<section id="summary"><h2>Changes in numbers</h2><div class="counts">',
        *map(_count, view.cards),
        "</div>",
        f'<p class="lead">RAG moves: {moves}.</p>',
        "</section>",
    ]
    body.append(_rewritten_html(view))
    body.append(f"<h2>RAG movement</h2>{_matrix_html(view.matrix)}")
    body.append(_changes_html(view))
    body.append(_list_html(view.overdue, True))
    body.append(_list_html(view.quiet, False))
    body.append(_list_html(view.unchanged, False))
    return page(view.heading, "\n".join(b for b in body if b))


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
    tally = " ".join(f"{chip(rag_of([doc], c))} {n}" for c, n in counts.items())
    rows = []
    section = None
    for a in plan.actions:
        rag = chip(rag_of([doc], a.rag))
        if a.section and a.section != section:
            section = a.section
            rows.append(f'<tr><th colspan="6">{esc(section)}</th></tr>')
        rows.append(
            f'<tr><td class="ref">{esc(a.ref)}</td><td class="text">{esc(a.action)}</td>'
            f'<td class="text">{esc("; ".join(a.owners))}</td><td>{_due_html(a)}</td>'
            f'<td class="rag">{rag}</td><td>{entries_html(a.updates)}</td></tr>'
        )
    warnings = "".join(f'<p class="callout warn">Warning: {esc(w)}</p>' for w in plan.warnings)
    heading = f"{doc.title or 'Action plan'}: {version_name(doc)}"
    return (
        f"<section><h1>{esc(heading)}</h1><p class='sub'>{esc(doc.source)} · "
        f"{len(plan.actions)} actions · {tally}</p>{legend_html(legend(doc))}{warnings}"
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
    return history_report(history_view(history))


def history_report(view: HistoryView) -> str:
    """Lay out a history's view as one self-contained HTML page."""
    head = "".join(f"<th>{esc(v.name)}</th>" for v in view.versions)
    absent = '<span class="muted">—</span>'
    rows = []
    for a in view.rows:
        cells = "".join(f'<td class="rag">{chip(p) if p else absent}</td>' for p in a.points)
        notes = "; ".join(f"{n.label} {esc(n.value)}" for n in a.notes)
        rows.append(
            f'<tr><td class="ref">{esc(" → ".join(a.refs))}</td>'
            f'<td class="text">{esc(a.action)}</td>{cells}<td>{notes}</td></tr>'
        )
    return page(
        view.heading,
        f"<h1>{esc(view.heading)}</h1>{legend_html(view.legend)}{charts_html(view.charts)}"
        f"<h2>Every action at every review</h2><table><thead><tr>"
        f"<th>Refs</th><th>Action</th>{head}<th style='width:14%'>Notes</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>",
    )
