"""Excel workbooks a careful analyst would make by hand: frozen bold headers, filters,
real date cells shown dd/mm/yyyy, wrapped long text, RAG cells filled in their colour.

Every cell holds a value, never a formula, so LibreOffice and Excel show the same thing;
text is stored as text, so Excel never turns "02/04/18" or "1.10" into a date or number.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from actionplan.export.colours import (
    RAG_RGB,
    STATUS_RGB,
    clean_rgb,
    ink,
    rag_colour,
    rag_matrix,
    rag_meaning,
)
from actionplan.export.text_report import count_rows, version_name
from actionplan.models import (
    Action,
    ActionDiff,
    Diff,
    DocumentInfo,
    FieldChange,
    History,
    Plan,
    WordOp,
    latest_update,
)

__all__ = [
    "RAG_RGB",
    "add_sheet",
    "diff_workbook",
    "history_workbook",
    "plans_workbook",
    "rag_rgb",
    "workbook_bytes",
]

DATE_FORMAT = "dd/mm/yyyy"
BODY = "Calibri"
HEADER_FONT = Font(name=BODY, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
CENTRE = Alignment(horizontal="center", vertical="top")
THIN = Side(style="thin", color="BFBFBF")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
# Excel cells hold at most 32,767 characters.
MAX_CELL = 32_767
# Text that Excel or LibreOffice would read as a formula, number or date if retyped.
LOOKS_TYPED = re.compile(r"^[=+\-@]|^\s*[\d.,/:%-]+\s*$")
DELETED = InlineFont(rFont=BODY, sz=11, strike=True, color="FFC00000")
INSERTED = InlineFont(rFont=BODY, sz=11, u="single", b=True, color="FF007A33")


def rag_rgb(plan: Plan, colour: str | None) -> str | None:
    """Return the RGB a RAG colour name is painted in, preferring the document's legend."""
    return rag_colour([plan.document], colour)


def add_sheet(
    wb: Workbook,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    widths: dict[str, int] | None = None,
) -> Worksheet:
    """Append a sheet with a bold frozen header row, an autofilter and sensible widths."""
    ws = wb.create_sheet(title)
    ws.append(list(headers))
    for cell in ws[1]:
        _header(cell)
    longest = [len(h) for h in headers]
    for row in rows:
        values = [_cell_value(v) for v in row]
        ws.append(values)
        for i, v in enumerate(values):
            lines = str(v).split("\n") if v is not None else [""]
            if isinstance(v, dt.date):
                lines = ["00/00/0000"]
            longest[i] = max(longest[i], min(max(len(line) for line in lines), 80))
    for i, header in enumerate(headers, start=1):
        letter = get_column_letter(i)
        width: float = (widths or {}).get(header) or max(8, min(longest[i - 1] + 2, 60))
        # Bold header words must not break mid-word.
        width = max(width, max(len(w) for w in header.split() or [""]) * 1.1 + 2)
        ws.column_dimensions[letter].width = width
    for row_cells in ws.iter_rows(min_row=2):
        for cell in row_cells:
            _format_cell(cell)
    fit_rows(ws)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(ws.max_row, 2)}"
    _print_setup(ws)
    return ws


def _header(cell: Cell) -> None:
    cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAP
    cell.number_format = "@"


def wrapped_lines(text: str, width: float) -> int:
    """Return how many lines a text takes wrapped in a column `width` characters wide."""
    # A column width counts "0" digits; the average letter of Calibri 11 is narrower.
    capacity = max(int(width * 1.2), 1)
    lines = 0
    for paragraph in text.split("\n"):
        used = 0
        lines += 1
        for word in paragraph.split():
            if used and used + 1 + len(word) > capacity:
                lines += 1
                used = 0
            used += (1 if used else 0) + len(word)
            lines += (used - 1) // capacity
            used = (used - 1) % capacity + 1
    return lines


def fit_rows(ws: Worksheet, min_row: int = 1) -> None:
    """Set each row tall enough for its wrapped text.

    LibreOffice does not grow rows to fit wrapped text when it opens an .xlsx, so the
    height is written; 14 points a line of Calibri 11, at most Excel's 409.
    """
    for row_cells in ws.iter_rows(min_row=min_row):
        lines = 1
        for cell in row_cells:
            if cell.value is None or not isinstance(cell.value, str | CellRichText):
                continue
            width = ws.column_dimensions[cell.column_letter].width or 8.43
            lines = max(lines, wrapped_lines(str(cell.value), width))
        if lines > 1:
            ws.row_dimensions[row_cells[0].row].height = min(14 * lines + 3, 409)


def _format_cell(cell: Cell) -> None:
    value = cell.value
    if isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
        cell.alignment = CENTRE
    elif isinstance(value, str | CellRichText):
        cell.alignment = WRAP
        # Stored as text: a value starting "=" stays text, never a formula.
        cell.data_type = "s"
        cell.number_format = "@"
        if isinstance(value, str) and LOOKS_TYPED.search(value):
            # Keeps it text when someone edits the cell and presses Enter.
            cell.quotePrefix = True
    elif isinstance(value, int | float):
        # Narrow count columns read better centred than hugging the next column's text.
        cell.alignment = CENTRE
    else:
        cell.alignment = TOP


def _print_setup(ws: Worksheet) -> None:
    # Board packs are printed: landscape, one page wide, the header on every page.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def _cell_value(v: Any) -> Any:
    if isinstance(v, CellRichText):
        return v
    if isinstance(v, str):
        v = ILLEGAL_CHARACTERS_RE.sub("", v)
        if len(v) > MAX_CELL:
            return v[: MAX_CELL - 20] + " …[truncated]"
        return v
    if isinstance(v, list | tuple):
        return "; ".join(str(x) for x in v)
    return v


def fill_rag(cell: Cell, rgb: str | None) -> None:
    """Paint a cell in a RAG colour, its text in black or white to stay readable."""
    rgb = clean_rgb(rgb)
    if rgb is None:
        return
    cell.fill = PatternFill("solid", fgColor=rgb)
    cell.font = Font(name=BODY, color=ink(rgb), bold=cell.font.bold)


def _column(ws: Worksheet, header: str) -> int:
    return [c.value for c in ws[1]].index(header) + 1


def _paint(ws: Worksheet, header: str, rgbs: Iterable[str | None]) -> None:
    col = _column(ws, header)
    for row, rgb in enumerate(rgbs, start=2):
        fill_rag(ws.cell(row=row, column=col), rgb)


ACTION_HEADERS = [
    "Source",
    "Ref",
    "Section",
    "Action",
    "Owners",
    "Due date",
    "Due (as written)",
    "Due kind",
    "RAG",
    "RAG meaning",
    "Latest update date",
    "Latest update",
    "Updates",
    "Page",
]


def _action_cells(plan: Plan, a: Action) -> list[Any]:
    latest = latest_update(a.updates)
    return [
        plan.document.source,
        a.ref,
        a.section,
        a.action,
        "; ".join(a.owners),
        a.due.date,
        a.due.text,
        a.due.kind,
        a.rag,
        a.rag_label,
        latest.date if latest else None,
        latest.text if latest else None,
        len(a.updates),
        a.provenance.page,
    ]


UPDATE_HEADERS = ["Source", "Ref", "Position", "Date", "Date (as written)", "Update", "Lead-in"]


def _other_text(plan: Plan) -> str:
    """Return the text around the action table: rows above its headings, other tables."""
    lines = list(plan.document.preamble)
    for table in plan.document.other_tables:
        lines += [" | ".join(c for c in row if c) for row in table]
    return "\n".join(line for line in lines if line)


def plans_workbook(plans: Sequence[Plan]) -> Workbook:
    """Return a workbook of the plans: Actions, Updates, Document and Warnings sheets."""
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    actions_ws = add_sheet(
        wb,
        "Actions",
        ACTION_HEADERS,
        (_action_cells(plan, a) for plan in plans for a in plan.actions),
        widths={"Action": 60, "Latest update": 70, "Owners": 28, "RAG meaning": 20},
    )
    _paint(actions_ws, "RAG", (rag_rgb(plan, a.rag) for plan in plans for a in plan.actions))
    add_sheet(
        wb,
        "Updates",
        UPDATE_HEADERS,
        (
            [plan.document.source, a.ref, i, u.date, u.date_text, u.text, u.lead]
            for plan in plans
            for a in plan.actions
            for i, u in enumerate(a.updates, start=1)
        ),
        widths={"Update": 90},
    )
    add_sheet(
        wb,
        "Document",
        [
            "Source",
            "Format",
            "Title",
            "Review date",
            "Version",
            "Pages",
            "Actions",
            "Tracked changes",
            "SHA-256",
            "Legend",
            "Sections",
            "Other text",
        ],
        (
            [
                p.document.source,
                p.document.format,
                p.document.title,
                p.document.review_date,
                p.document.version,
                p.document.pages,
                len(p.actions),
                "yes" if p.document.tracked_changes else "no",
                p.document.sha256,
                "\n".join(f"{e.colour} = {e.label}" for e in p.document.rag_legend),
                "\n".join(p.document.sections),
                _other_text(p),
            ]
            for p in plans
        ),
        widths={"SHA-256": 20, "Legend": 40, "Sections": 30, "Other text": 60},
    )
    add_sheet(
        wb,
        "Warnings",
        ["Source", "Warning"],
        ([p.document.source, w] for p in plans for w in p.warnings),
        widths={"Warning": 100},
    )
    return wb


def rich_words(words: Sequence[WordOp], side: str) -> CellRichText | str:
    """Return one side of a word diff as rich text: deletions struck red, insertions bold.

    side is "old" (equal and deleted words) or "new" (equal and inserted words).
    """
    skip = "insert" if side == "old" else "delete"
    parts: list[str | TextBlock] = []
    for w in words:
        if w.op == skip:
            continue
        if parts:
            parts.append(" ")
        if w.op == "equal":
            parts.append(w.text)
        else:
            parts.append(TextBlock(DELETED if w.op == "delete" else INSERTED, w.text))
    if not any(isinstance(p, TextBlock) for p in parts):
        return "".join(str(p) for p in parts)
    return CellRichText(parts)


def _change(d: ActionDiff, name: str) -> FieldChange | None:
    return next((c for c in d.changes if c.field == name), None)


def _yes(flag: bool) -> str | None:
    return "yes" if flag else None


def _ref(d: ActionDiff) -> str | None:
    return d.new_ref if d.new_ref is not None else d.old_ref


CHANGE_HEADERS = [
    "Status",
    "Old ref",
    "New ref",
    "Matched by",
    "Action",
    "Old RAG",
    "New RAG",
    "Due date",
    "Old due",
    "New due",
    "Slippage (days)",
    "Old owners",
    "New owners",
    "Old wording",
    "New wording",
    "New updates",
    "Entries rewritten",
    "Overdue",
    "No new update",
]


def _change_cells(d: ActionDiff) -> list[Any]:
    due, owners, wording = _change(d, "due"), _change(d, "owners"), _change(d, "action")
    return [
        d.status,
        d.old_ref,
        d.new_ref,
        d.match,
        d.action,
        d.old_rag,
        d.new_rag,
        d.due_date,
        due.old_text if due else None,
        due.new_text if due else None,
        due.slippage_days if due else None,
        "; ".join(owners.old or []) if owners else None,
        "; ".join(owners.new or []) if owners else None,
        rich_words(wording.words, "old") if wording else None,
        rich_words(wording.words, "new") if wording else None,
        len(d.new_updates),
        len(d.edited_updates) + len(d.removed_updates),
        _yes(d.overdue),
        _yes(d.no_new_update and d.status != "removed"),
    ]


def _summary_rows(diff: Diff) -> list[tuple[str, Any]]:
    return [
        ("Plan", diff.new.title or diff.old.title),
        ("Old version", version_name(diff.old)),
        ("Old review date", diff.old.review_date),
        ("New version", version_name(diff.new)),
        ("New review date", diff.new.review_date),
        *count_rows(diff.summary),
    ]


def _rag_heading(docs: Sequence[DocumentInfo], colour: str | None) -> str:
    if colour == "+":
        return "Added"
    if colour == "-":
        return "Removed"
    if colour == "Total":
        return "Total"
    if colour is None:
        return "(no RAG)"
    meaning = rag_meaning(docs, colour)
    return f"{colour} – {meaning}" if meaning else colour


def _write_matrix(ws: Worksheet, diff: Diff, first_col: int) -> None:
    docs = [diff.new, diff.old]
    rows, cols, counts = rag_matrix(diff)
    corner = ws.cell(row=1, column=first_col, value="Old RAG ↓  New RAG →")
    _header(corner)
    corner.border = BOX
    ws.column_dimensions[get_column_letter(first_col)].width = 30
    for j, new in enumerate([*cols, "Total"], start=1):
        cell = ws.cell(row=1, column=first_col + j, value=_rag_heading(docs, new))
        _header(cell)
        cell.border = BOX
        fill_rag(cell, rag_colour(docs, new))
        ws.column_dimensions[get_column_letter(first_col + j)].width = 18
    for i, old in enumerate([*rows, "Total"], start=2):
        label = ws.cell(row=i, column=first_col, value=_rag_heading(docs, old))
        _header(label)
        label.border = BOX
        fill_rag(label, rag_colour(docs, old))
        for j, new in enumerate([*cols, "Total"], start=1):
            if old == "Total" and new == "Total":
                n = sum(counts.values())
            elif old == "Total":
                n = sum(v for (_, b), v in counts.items() if b == new)
            elif new == "Total":
                n = sum(v for (a, _), v in counts.items() if a == old)
            else:
                n = counts[(old, new)]
            cell = ws.cell(row=i, column=first_col + j, value=n)
            cell.alignment, cell.border = CENTRE, BOX
            if "Total" in (old, new):
                cell.font = HEADER_FONT
            elif old == new:
                cell.fill = PatternFill("solid", fgColor="F2F2F2")
            elif n:
                cell.font = HEADER_FONT
                cell.fill = PatternFill("solid", fgColor=STATUS_RGB["changed"] or "FFEB9C")
            if n == 0:
                cell.font = Font(name=BODY, color="A6A6A6")


def diff_workbook(diff: Diff) -> Workbook:
    """Return a workbook of a V7→V8 diff for a board pack.

    Sheets: Summary (counts and the RAG movement matrix), Changes (one row per
    action pair), New updates, History rewritten, Overdue, No new update, Warnings.
    """
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    old_docs, new_docs = [diff.old], [diff.new]
    old_v = diff.old.version or "old"
    new_v = diff.new.version or "new"

    summary = add_sheet(wb, "Summary", ["Measure", "Value"], _summary_rows(diff))
    summary.column_dimensions["A"].width = 28
    summary.column_dimensions["B"].width = 34
    summary.column_dimensions["C"].width = 3
    for label, value in summary.iter_rows(min_row=2, max_col=2):
        label.font = HEADER_FONT
        value.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
    _write_matrix(summary, diff, first_col=4)
    fit_rows(summary)

    changes = add_sheet(
        wb,
        "Changes",
        CHANGE_HEADERS,
        (_change_cells(d) for d in diff.actions),
        widths={
            "Action": 55,
            "Old wording": 40,
            "New wording": 40,
            "Old owners": 24,
            "New owners": 24,
            "Old due": 16,
            "New due": 16,
            "Status": 11,
            "Old ref": 8,
            "New ref": 8,
            "Matched by": 9,
            "Due date": 11,
            "Slippage (days)": 10,
            "New updates": 9,
            "Entries rewritten": 10,
            "Overdue": 9,
            "No new update": 9,
        },
    )
    status_col = _column(changes, "Status")
    for row, d in enumerate(diff.actions, start=2):
        rgb = STATUS_RGB.get(d.status)
        if rgb:
            changes.cell(row=row, column=status_col).fill = PatternFill("solid", fgColor=rgb)
    _paint(changes, "Old RAG", (rag_colour(old_docs, d.old_rag) for d in diff.actions))
    _paint(changes, "New RAG", (rag_colour(new_docs, d.new_rag) for d in diff.actions))

    news = [(d, u) for d in diff.actions for u in d.new_updates]
    new_ws = add_sheet(
        wb,
        "New updates",
        ["Ref", "Status", "Action", "RAG", "Date", "Date (as written)", "Update"],
        ([_ref(d), d.status, d.action, d.new_rag, u.date, u.date_text, u.text] for d, u in news),
        widths={"Action": 45, "Update": 90, "Status": 10},
    )
    _paint(new_ws, "RAG", (rag_colour(new_docs, d.new_rag) for d, _ in news))

    rewritten: list[list[Any]] = []
    for d in diff.actions:
        for e in d.edited_updates:
            rewritten.append(
                [
                    _ref(d),
                    d.action,
                    "edited",
                    e.date,
                    e.date_text,
                    rich_words(e.words, "old") if e.words else e.old,
                    rich_words(e.words, "new") if e.words else e.new,
                ]
            )
        for u in d.removed_updates:
            rewritten.append([_ref(d), d.action, "removed", u.date, u.date_text, u.text, None])
    add_sheet(
        wb,
        "History rewritten",
        [
            "Ref",
            "Action",
            "Change",
            "Entry date",
            "Date (as written)",
            f"In {old_v}",
            f"In {new_v}",
        ],
        rewritten,
        widths={"Action": 40, f"In {old_v}": 60, f"In {new_v}": 60},
    )

    review = diff.new.review_date
    overdue = [d for d in diff.actions if d.overdue]
    over_ws = add_sheet(
        wb,
        "Overdue",
        ["Ref", "Action", "Due date", "Days overdue", "RAG", "RAG meaning", "No new update"],
        (
            [
                _ref(d),
                d.action,
                d.due_date,
                (review - d.due_date).days if review and d.due_date else None,
                d.new_rag,
                rag_meaning(new_docs, d.new_rag),
                _yes(d.no_new_update),
            ]
            for d in overdue
        ),
        widths={"Action": 70, "RAG meaning": 22},
    )
    _paint(over_ws, "RAG", (rag_colour(new_docs, d.new_rag) for d in overdue))

    quiet = [d for d in diff.actions if d.no_new_update and d.status != "removed"]
    quiet_ws = add_sheet(
        wb,
        "No new update",
        ["Ref", "Action", "RAG", "RAG meaning", "Due date", "Overdue"],
        (
            [
                _ref(d),
                d.action,
                d.new_rag,
                rag_meaning(new_docs, d.new_rag),
                d.due_date,
                _yes(d.overdue),
            ]
            for d in quiet
        ),
        widths={"Action": 70, "RAG meaning": 22},
    )
    _paint(quiet_ws, "RAG", (rag_colour(new_docs, d.new_rag) for d in quiet))

    add_sheet(wb, "Warnings", ["Warning"], ([w] for w in diff.warnings), widths={"Warning": 100})
    return wb


def add_history_sheet(wb: Workbook, history: History) -> Worksheet:
    """Append a History sheet: one row per action, its RAG at each version, filled."""
    names = _unique([version_name(d) for d in history.versions])
    headers = [
        "Id",
        "Refs",
        "Action",
        "First seen",
        "Last seen",
        "Completed in",
        "Gone after",
        *names,
    ]
    ws = add_sheet(
        wb,
        "History",
        headers,
        (
            [
                a.id,
                " → ".join(a.refs),
                a.action,
                a.first_seen,
                a.last_seen,
                a.completed_in,
                a.vanished_after,
                *[(p.rag or "(none)") if p else None for p in a.points],
            ]
            for a in history.actions
        ),
        widths={"Action": 60, **{n: 16 for n in names}},
    )
    for j, doc in enumerate(history.versions):
        points = [a.points[j] if j < len(a.points) else None for a in history.actions]
        _paint(ws, names[j], (rag_colour([doc], p.rag) if p else None for p in points))
    return ws


def history_workbook(history: History) -> Workbook:
    """Return a workbook with one row per action and its RAG at each version, filled."""
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    add_history_sheet(wb, history)
    add_sheet(
        wb,
        "Versions",
        ["Version", "Review date", "Source", "Title", "Legend"],
        (
            [
                d.version,
                d.review_date,
                d.source,
                d.title,
                "\n".join(f"{e.colour} = {e.label}" for e in d.rag_legend),
            ]
            for d in history.versions
        ),
        widths={"Legend": 40},
    )
    return wb


def _unique(names: list[str]) -> list[str]:
    seen: Counter[str] = Counter(names)
    counts: Counter[str] = Counter()
    out = []
    for n in names:
        counts[n] += 1
        out.append(f"{n} #{counts[n]}" if seen[n] > 1 else n)
    return out


def workbook_bytes(wb: Workbook) -> bytes:
    """Return a workbook saved as .xlsx bytes."""
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
