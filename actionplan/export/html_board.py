"""The board pack's sections of the HTML reports: the status summary, the exception
report, the by-owner view and the charts (matplotlib's inline SVG, or a note without it).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from actionplan.export import charts
from actionplan.export.board_model import BandCount, Chart, ExceptionGroup, Exceptions, OwnerRow
from actionplan.export.colours import clean_rgb, ink

# Each band in the colour its RAG usually has, so the summary reads at a glance.
BAND_RGB = {
    "complete": "0070C0",
    "on track": "00B050",
    "at risk": "FFC000",
    "off track": "C00000",
    "no RAG": "FFFFFF",
}

CSS = """
.asat { font-weight: 600; }
.bands { display: flex; gap: 8px; margin: 8px 0 12px; flex-wrap: wrap; }
.band { border: 1px solid #d0d7de; border-radius: 6px; padding: 6px 12px; min-width: 120px; }
.band b { font-size: 22px; display: block; }
.band span { font-size: 12px; }
.exceptions h3 { font-size: 15px; margin: 14px 0 2px; }
.exceptions .q { color: #57606a; margin: 0 0 4px; font-style: italic; }
.exceptions .none { color: #116329; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr));
          gap: 12px; }
.charts figure { margin: 0; break-inside: avoid; }
.charts svg { width: 100%; height: auto; }
"""


def esc(text: object) -> str:
    """Return text escaped for HTML, quotes too."""
    return html.escape("" if text is None else str(text), quote=True)


def _chip(colour: str | None, rgb: str | None) -> str:
    if colour is None:
        return '<span class="chip none">no RAG</span>'
    rgb = clean_rgb(rgb)
    style = f' style="background:#{rgb};color:#{ink(rgb)}"' if rgb else ""
    return f'<span class="chip"{style}>{esc(colour)}</span>'


def bands_html(bands: Sequence[BandCount], total: int) -> str:
    """Return the status summary: complete, on track, at risk, off track, with shares."""
    boxes = []
    for b in bands:
        rgb = BAND_RGB[b.band]
        boxes.append(
            f'<div class="band" style="border-left:6px solid #{rgb}"><b>{b.count}</b>'
            f"<span>{esc(b.band)} · {b.percent}%</span></div>"
        )
    return (
        f'<section id="status"><h2>Status of the {total} actions</h2>'
        f'<div class="bands">{"".join(boxes)}</div></section>'
    )


def _group_html(g: ExceptionGroup) -> str:
    head = (
        f'<h3 id="ex-{esc(g.key)}">{esc(g.title)} ({len(g.rows)})</h3>'
        f"<p class='q'>{esc(g.question)}</p>"
    )
    note = f'<p class="muted">{esc(g.note)}</p>' if g.note else ""
    if not g.rows:
        return f'{head}<p class="none">None.</p>{note}'
    rows = "".join(
        f'<tr><td class="ref">{esc(r.ref)}</td><td class="text">{esc(r.action)}</td>'
        f'<td>{esc("; ".join(r.owners))}</td><td class="rag">{_chip(r.colour, r.rgb)}</td>'
        f'<td class="nowrap">{f"{r.due_date:%d/%m/%Y}" if r.due_date else ""}</td>'
        f"<td>{esc(r.detail)}</td></tr>"
        for r in g.rows
    )
    return (
        f"{head}<table><thead><tr><th>Ref</th><th style='width:40%'>Action</th><th>Owner</th>"
        f"<th>RAG</th><th>Due</th><th>Why listed</th></tr></thead><tbody>{rows}</tbody>"
        f"</table>{note}"
    )


def exceptions_html(ex: Exceptions) -> str:
    """Return the exception report: each heading, its question, and its actions."""
    when = f"{ex.as_at:%d/%m/%Y}" if ex.as_at else "no review date"
    headline = "".join(
        f'<tr><td><a href="#ex-{esc(g.key)}">{esc(g.title)}</a></td>'
        f'<td class="num">{len(g.rows)}</td>'
        f"<td>{esc(', '.join(r.ref or '?' for r in g.rows)) or '—'}</td></tr>"
        for g in ex.groups
    )
    return (
        '<section id="exceptions" class="exceptions"><h2>Exception report</h2>'
        f"<p>Counted as at {esc(when)}; stale means no entry for {ex.stale_days} days; slips "
        f"counted over {ex.history_versions} reviews.</p>"
        '<table class="headline" style="width:auto"><thead><tr><th>Exception</th>'
        f'<th class="num">Actions</th><th>Refs</th></tr></thead><tbody>{headline}</tbody>'
        "</table>" + "".join(_group_html(g) for g in ex.groups) + "</section>"
    )


def owners_html(owners: Sequence[OwnerRow]) -> str:
    """Return the by-owner view: each owner's open, overdue, slipped and quiet actions."""
    rows = "".join(
        f'<tr><td>{esc(o.owner)}</td><td class="num">{o.actions}</td>'
        f'<td class="num">{o.open}</td><td class="num">{o.overdue}</td>'
        f'<td class="num">{o.slipped}</td><td class="num">{o.no_update}</td>'
        f'<td class="num">{o.off_track}</td><td>{esc(", ".join(o.overdue_refs))}</td></tr>'
        for o in owners
    )
    return (
        '<section id="by-owner"><h2>By owner</h2><table><thead><tr><th>Owner</th>'
        '<th class="num">Actions</th><th class="num">Open</th><th class="num">Overdue</th>'
        '<th class="num">Slipped</th><th class="num">No new entry</th>'
        '<th class="num">Red or Amber</th><th>Overdue refs</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></section>"
    )


def charts_html(shown: Sequence[Chart]) -> str:
    """Return the charts as inline SVG figures, or a note when matplotlib is missing.

    A chart with nothing to show (no due date moved) is left out, as in the workbook.
    """
    shown = [c for c in shown if c.categories and c.series]
    if not shown:
        return ""
    if not charts.available():
        return (
            f'<section id="charts"><h2>Charts</h2><p class="muted">{esc(charts.MISSING)}</p>'
            "</section>"
        )
    figures = "".join(
        f'<figure id="chart-{esc(c.key)}">{charts.chart_svg(c)}</figure>' for c in shown
    )
    return f'<section id="charts"><h2>Charts</h2><div class="charts">{figures}</div></section>'
