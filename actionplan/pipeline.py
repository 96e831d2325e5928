"""`read_file(path) -> Plan`: the whole extraction pipeline for one document.

load the file once (bytes, sha256, format) → the format's reader (RawDocument) →
layout (action rows) → normalisers (dates, entries, owners, due, RAG) → a Plan record.
The public entry points are in `actionplan.api`; this module is the one path they share.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from actionplan.confidence import WARN_BELOW, assess
from actionplan.errors import ActionplanError, NoActionTable, NotAnActionPlan
from actionplan.extract.base import RawDocument, Reader
from actionplan.extract.formats import Source, format_from_extension, load
from actionplan.extract.header import why_not
from actionplan.extract.layout import ActionRow, Layout, find_layout
from actionplan.extract.paragraphs import find_paragraph_actions, settle
from actionplan.extract.sheets import cell_address, choose_sheet, one_sheet, sheet_metadata
from actionplan.extract.sheets import version_sheets as _version_sheets
from actionplan.models import Action, DocumentInfo, Due, LegendEntry, Plan, Provenance, UpdateEntry
from actionplan.normalise.dates import find_dates
from actionplan.normalise.due import parse_due
from actionplan.normalise.meta import document_metadata
from actionplan.normalise.owners import split_owners
from actionplan.normalise.rag import (
    build_legend,
    is_unshaded,
    legend_from_lines,
    rag_from_fill,
    rag_from_text,
)
from actionplan.normalise.text import fold
from actionplan.normalise.updates import split_updates
from actionplan.rules import Format

# The fields of DocumentInfo that the layout stage fills, under the same names.
LAYOUT_FIELDS = ("columns", "headings", "preamble", "sections", "other_tables")


def reader_for(fmt: Format) -> Reader:
    """Return the reader function of a format (imported when first needed: pdfplumber
    alone takes ~0.3 s to import)."""
    module, name = fmt.reader.split(":")
    return cast(Reader, getattr(importlib.import_module(module), name))


def read_raw(
    path: str | Path,
    *,
    password: str | None = None,
    workers: int = 1,
    pdf_engine: str | None = None,
) -> tuple[RawDocument, Source]:
    """Read a file once into raw tables with the reader its content calls for."""
    path = Path(path)
    source = load(path)
    fmt = source.format
    raw = reader_for(fmt)(
        path, data=source.data, password=password, workers=workers, pdf_engine=pdf_engine
    )
    claimed = format_from_extension(path)
    if claimed is not None and claimed != fmt and fmt.name != "text":
        raw.warnings.insert(
            0, f"the file is named {path.suffix} but is {fmt.name}; read it as {fmt.name}"
        )
    return raw, source


@dataclass(frozen=True)
class ReadOptions:
    """How a document is read: the options of `actionplan.read`, resolved once.

    `columns` names the heading of a role the reader should take as given (("due",
    "Target"),); `force` reads a document whose table does not read as an action plan
    (with a warning) instead of raising NotAnActionPlan.
    """

    password: str | None = None
    workers: int = 1
    columns: tuple[tuple[str, str], ...] = ()
    force: bool = False
    # The worksheet of a workbook to read (by name); None reads the action sheet, or the
    # newest of a workbook kept as one sheet per version.
    sheet: str | None = None
    # Read every version sheet of such a workbook (read_versions), for history and import.
    versions: bool = False
    # What reads a PDF's pages: "pdfium" or "pdfplumber" (extract/pdf/source.py); None
    # is the reader's default.
    pdf_engine: str | None = None


def read_file(path: str | Path, options: ReadOptions | None = None) -> Plan:
    """Read a review document (.docx, .xlsx, .pdf, text dump, .doc) into a Plan."""
    opts = options or ReadOptions()
    raw, source = read_raw(
        Path(path), password=opts.password, workers=opts.workers, pdf_engine=opts.pdf_engine
    )
    return plan_of(choose_sheet(raw, opts.sheet), source, opts)


def read_versions(path: str | Path, options: ReadOptions | None = None) -> list[Plan]:
    """Read a document into its Plans: one per version sheet of a workbook kept so, else
    the one Plan `read_file` gives (a sheet named in the options is that one alone). A
    version sheet that cannot be read raises its error, its sheet named."""
    plans, failed = read_version_sheets(path, options)
    if failed:
        raise failed[0][1]
    return plans


def read_version_sheets(
    path: str | Path, options: ReadOptions | None = None
) -> tuple[list[Plan], list[tuple[str, ActionplanError]]]:
    """Read a document as `read_versions` does, but a version sheet that cannot be read
    does not lose the others: return the Plans read (oldest first) and, for each sheet
    that failed, its name and its error (the message naming the sheet). When every
    version sheet fails, raise the first one's kind of error, naming every sheet's."""
    opts = options or ReadOptions()
    raw, source = read_raw(
        Path(path), password=opts.password, workers=opts.workers, pdf_engine=opts.pdf_engine
    )
    versions = [] if opts.sheet else _version_sheets(raw)
    if not versions:
        return [plan_of(choose_sheet(raw, opts.sheet), source, opts)], []
    plans: list[Plan] = []
    failed: list[tuple[str, ActionplanError]] = []
    for sheet in versions:
        name = sheet.sheet or ""
        try:
            plans.append(plan_of(one_sheet(raw, sheet), source, opts))
        except ActionplanError as exc:
            failed.append((name, type(exc)(exc.path, f"sheet {name!r}: {exc.message}")))
    if not plans:
        first = failed[0][1]
        raise type(first)(first.path, "; ".join(exc.message for _, exc in failed))
    return plans, failed


def plan_of(raw: RawDocument, source: Source, opts: ReadOptions) -> Plan:
    """Find the action table of a document read into raw tables and normalise it."""
    columns = dict(opts.columns) or None
    force = opts.force
    path = source.path
    layout = find_layout(raw, columns)
    if not layout.found:
        # No action table: actions written as paragraphs or boxed sections, if any.
        prose = find_paragraph_actions(raw, layout.legend_rows)
        if prose.found:
            return settle(build_plan(source, raw, prose), prose, force=force)
        named = f"; no header holds the columns named ({_named(columns)})" if columns else ""
        if raw.sheets:
            looked = ", ".join(repr(s.sheet) for s in raw.sheets) or "none readable"
            named += f"; looked at the sheets {looked}"
        lacking = why_not(raw.tables)
        if lacking:
            raise NotAnActionPlan(path, f"no action table found: {lacking}{named}")
        raise NoActionTable(
            path,
            "no action table found (no tables at all; looked for headings like Action, "
            f"Person Responsible/Lead, By When/Due, Update/Progress, RAG){named}",
        )
    plan = build_plan(source, raw, layout)
    return judge(plan, layout, force=force, damaged=raw.damaged_pages, damage=raw.damage)


def _named(columns: dict[str, str]) -> str:
    return ", ".join(f"{role}={heading!r}" for role, heading in columns.items())


def judge(
    plan: Plan,
    layout: Layout,
    *,
    force: bool = False,
    damaged: Sequence[int] = (),
    damage: Sequence[str] = (),
) -> Plan:
    """Set the plan's confidence from the evidence; refuse it, or warn, when it is low."""
    assert layout.header is not None
    header = layout.header
    verdict = assess(header, plan.actions, header.figure_columns(), damaged, damage)
    plan.document.confidence = verdict.confidence
    plan.document.confidence_reasons = verdict.reasons
    if not verdict.reasons:
        return plan
    why = "; ".join(verdict.reasons)
    # Refused only on evidence that the table is something else; a plan that is merely
    # hard to read (damaged pages, odd headings) is read, with the warning.
    # Damaged pages explain odd contents, so a damaged plan is read and warned, not refused.
    refuse = verdict.refused and bool(verdict.refusal) and not damaged and not damage
    if refuse and not force:
        headings = ", ".join(h.split("\n", 1)[0].strip() for h in layout.headings if h.strip())
        raise NotAnActionPlan(
            plan.document.source,
            f"its table ({headings}) does not read as an action plan: "
            f"{'; '.join(verdict.refusal)}; use --columns to map its "
            "columns, or --force to read it anyway",
        )
    if refuse:
        plan.warnings.append(f"read although it does not look like an action plan (--force): {why}")
    elif verdict.confidence < WARN_BELOW:  # below REFUSE_BELOW too, when nothing refuses
        plan.warnings.append(f"read with low confidence ({verdict.confidence:.2f}): {why}")
    return plan


def build_plan(source: Source, raw: RawDocument, layout: Layout) -> Plan:
    """Normalise a document's action rows into a Plan."""
    path = source.path
    title, review_date, version = _metadata(raw, path, layout)
    legend = build_legend(layout.legend_rows or legend_from_lines(raw.body_lines))
    warnings = list(raw.warnings) + list(layout.warnings) + _metadata_doubts(review_date)
    actions = []
    for row in layout.rows:
        action, action_warnings = build_action(row, legend, review_date)
        action.provenance.cell = _cell(raw, layout, row)
        actions.append(action)
        warnings.extend(action_warnings)
    if not actions:
        warnings.append("the action table has headings but no action rows")
    document = DocumentInfo(
        source=str(path),
        sha256=source.sha256,
        format=source.format.name,
        title=title,
        review_date=review_date,
        version=version,
        rag_legend=legend,
        pages=raw.pages,
        tracked_changes=raw.tracked_changes,
        sheet=raw.sheet,
        # What the layout found around the action rows is kept as it found it.
        **{name: getattr(layout, name) for name in LAYOUT_FIELDS},
    )
    return Plan(document=document, actions=actions, warnings=warnings)


def build_action(
    row: ActionRow, legend: list[LegendEntry], review_date: dt.date | None
) -> tuple[Action, list[str]]:
    """Normalise one action row's cells into an Action record."""
    warnings: list[str] = []
    ref = fold(row.cells.get("ref", "")) or None
    context = f"action {ref}" if ref else f"action in row {row.row}"
    updates: list[UpdateEntry] = []
    texts = []
    for heading, text in row.updates:
        entries, entry_warnings = split_updates(text, review_date=review_date, context=context)
        warnings.extend(entry_warnings)
        day = row.dates.get(text.strip())
        if day is not None and entries and entries[0].date_text == text.strip():
            # The cell is a spreadsheet date: its day, whatever order its format shows.
            entries[0] = entries[0].model_copy(update={"date": day})
        if heading and entries and entries[0].date is None:
            # One Progress column per review: an undated cell is dated by its heading.
            found = find_dates(heading)
            if found and found[-1].date is not None:
                entries[0] = entries[0].model_copy(
                    update={"date": found[-1].date, "date_text": found[-1].text}
                )
        updates.extend(entries)
        texts.append(text)
    rag_text = fold(row.cells.get("rag", ""))
    rag = label = source = None
    if rag_text:
        rag, label = rag_from_text(rag_text, legend)
        source = "text"
        if rag is None:
            warnings.append(f"{context}: RAG cell text {rag_text!r} names no known status")
            source = None
    elif row.rag_fill and not is_unshaded(row.rag_fill):
        rag, label = rag_from_fill(row.rag_fill, legend)
        source = "shading"
    owner_text = fold(row.cells.get("owner", ""))
    action = Action(
        ref=ref,
        action=row.cells.get("action", ""),
        owners=split_owners(row.cells.get("owner", "")),
        owner_text=owner_text,
        due=_due(row, review_date),
        updates=updates,
        update_text="\n".join(texts),
        rag=rag,
        rag_label=label,
        rag_source=source,  # type: ignore[arg-type]
        rag_text=rag_text,
        rag_rgb=row.rag_fill,
        provenance=Provenance(page=row.page, row=row.row, pages=row.pages, table=row.table),
        section=row.section,
        extra=row.extra,
    )
    return action, warnings


def _due(row: ActionRow, review_date: dt.date | None) -> Due:
    # A due date is one phrase: a PDF may wrap it where Word did not.
    due = parse_due(fold(row.cells.get("due", "")), review_date=review_date)
    day = row.dates.get(due.text)
    if day is not None and (due.kind != "date" or due.date != day):
        # A spreadsheet's date cell holds its day, whatever order its format shows it in
        # (1/31/2019 under m/d/yyyy); its text stays as Excel shows it.
        due = due.model_copy(update={"kind": "date", "date": day, "end": None, "recurrence": None})
    return due


def _metadata(
    raw: RawDocument, path: Path, layout: Layout
) -> tuple[str | None, dt.date | None, str | None]:
    sheet = _sheet_of(raw, layout)
    if sheet is not None:
        return sheet_metadata(sheet, path.name)
    return document_metadata(raw.header_lines, raw.body_lines, raw.title_candidates, path.name)


def _metadata_doubts(review_date: dt.date | None) -> list[str]:
    """Say what the reading lacks for the reports: with no review date, nothing is overdue
    at the review (there is none) and versions are ordered by their numbers alone.

    A title or date taken from the file name is not doubted: many teams name their files
    "CP Plan V8 14.06.18.docx" on purpose.
    """
    if review_date is not None:
        return []
    return [
        "no review date in the document or its file name: a diff counts nothing overdue "
        "unless --as-at is given, and among its plan's versions it is ordered by version "
        "number alone"
    ]


def _sheet_of(raw: RawDocument, layout: Layout) -> RawDocument | None:
    """Return the worksheet that holds the action table of a workbook, else None."""
    name = raw.sheet
    if name is None and layout.header is not None and raw.tables:
        name = raw.tables[layout.header.table].sheet
    return next((s for s in raw.sheets if s.sheet == name), None) if name else None


def _cell(raw: RawDocument, layout: Layout, row: ActionRow) -> str | None:
    """Return the spreadsheet address of an action's text ("Actions!B7"), else None."""
    if not 0 <= row.table < len(raw.tables) or layout.header is None:
        return None
    table = raw.tables[row.table]
    if table.sheet is None:
        return None
    # Readers number rows by position: look there first, not through every row.
    raw_row = table.rows[row.row] if 0 <= row.row < len(table.rows) else None
    if raw_row is None or raw_row.index != row.row:
        raw_row = next((r for r in table.rows if r.index == row.row), None)
    column = next((i for i, r in layout.header.roles.items() if r == "action"), 0)
    if raw_row is None or raw_row.number is None or column >= len(table.columns):
        return None
    return cell_address(table.sheet, table.columns[column], raw_row.number)
