"""Read back actionplan's own Excel report (`extract --format xlsx`) as the plans it holds.

The report keeps one row per action on its Actions sheet, one row per dated entry on its
Updates sheet and one row per plan on its Document sheet. Read as any tracker, its
Updates sheet would be lost and its Review date column taken for due dates; so a workbook
with those three sheets under those headings is turned back into one sheet-document per
plan, each a table the layout stage reads as it reads a Word plan: ref, section, action,
owners, due as written, the entries one a line, RAG; its key from the Document sheet's
legend, painted as the report painted each colour. Each row keeps its address on the
Actions sheet, so provenance names the report's cells.
"""

from __future__ import annotations

from collections import defaultdict

from actionplan.extract.base import RawCell, RawDocument, RawRow, RawTable

# The headings the report writes (export/excel.py); a workbook with these is the report.
ACTIONS: tuple[str, ...] = ("Plan", "Version", "Review date", "Ref", "Section", "Action", "Owners")
ACTIONS += ("Due date", "Due (as written)", "Due kind", "RAG", "RAG meaning")
UPDATES: tuple[str, ...] = (
    "Plan",
    "Version",
    "Review date",
    "Ref",
    "Position",
    "Date",
    "Date (as written)",
)
UPDATES += ("Update", "Lead-in")
DOCUMENT = ("Format", "Title", "Review date", "Version", "Pages", "Actions")
# The columns of each rebuilt table, and the Actions heading each comes from.
COLUMNS = (
    ("Ref", "Ref"),
    ("Action", "Action"),
    ("Owner", "Owners"),
    ("By When", "Due (as written)"),
    ("Update", None),
    ("RAG", "RAG"),
)


def _records(
    sheet: RawDocument, wanted: tuple[str, ...]
) -> list[tuple[dict[str, RawCell], RawRow]] | None:
    if len(sheet.tables) != 1 or not sheet.tables[0].rows:
        return None
    table = sheet.tables[0]
    head = [c.text for c in table.rows[0].cells]
    if any(h not in head for h in wanted):
        return None
    out = []
    for row in table.rows[1:]:
        cells = dict(zip(head, row.cells, strict=False))
        out.append((cells, row))
    return out


def report_sheets(doc: RawDocument) -> list[RawDocument] | None:
    """Return one sheet-document per plan of actionplan's own report, or None when the
    workbook is not one."""
    named = {s.sheet: s for s in doc.sheets}
    if not all(n in named for n in ("Actions", "Updates", "Document")):
        return None
    actions = _records(named["Actions"], ACTIONS)
    updates = _records(named["Updates"], UPDATES)
    documents = _records(named["Document"], DOCUMENT)
    if actions is None or updates is None or documents is None:
        return None
    columns = named["Actions"].tables[0].columns
    head = [c.text for c in named["Actions"].tables[0].rows[0].cells]
    entries: dict[tuple[str, ...], list[tuple[int, str]]] = defaultdict(list)
    for cells, _ in updates:
        key = (*_key(cells), _text(cells, "Ref"))
        line = _text(cells, "Update")
        if _text(cells, "Date (as written)"):
            line = f"{_text(cells, 'Date (as written)')}: {line}"
        if _text(cells, "Lead-in"):
            line = f"{_text(cells, 'Lead-in')} {line}"
        entries[key].append((_position(cells), line))
    out = []
    for cells, _ in documents:
        key = _key(cells, title="Title")
        rows = [(c, r) for c, r in actions if _key(c) == key]
        out.append(_plan_sheet(doc, cells, rows, entries, columns, head))
    if len(out) == 1:
        out[0].sheet = "Actions"  # one plan: its cells are the Actions sheet's, by that name
    return out


def _plan_sheet(
    doc: RawDocument,
    info: dict[str, RawCell],
    rows: list[tuple[dict[str, RawCell], RawRow]],
    entries: dict[tuple[str, ...], list[tuple[int, str]]],
    columns: list[str],
    head: list[str],
) -> RawDocument:
    letters = dict(zip(head, columns, strict=False))
    use = list(COLUMNS)
    header = RawRow(cells=[RawCell(title) for title, _ in use], index=0, is_header=True)
    table_rows = [header]
    painted: dict[str, str] = {}
    section = ""
    for cells, row in rows:
        if _text(cells, "Section") != section:
            # A section row across the table, as the plan had it.
            section = _text(cells, "Section")
            cell = RawCell(section, span=len(use))
            table_rows.append(RawRow(cells=[cell], index=len(table_rows), number=row.number))
        key = (*_key(cells), _text(cells, "Ref"))
        out = []
        for _, src in use:
            if src is None:
                written = [line for _, line in sorted(entries.get(key, []))]
                out.append(RawCell("\n".join(written)))
            else:
                out.append(
                    RawCell(_text(cells, src), fill=cells[src].fill if src == "RAG" else None)
                )
        rag = cells.get("RAG")
        if rag is not None and rag.text and rag.fill:
            painted.setdefault(rag.text, rag.fill)
        table_rows.append(RawRow(cells=out, index=len(table_rows), number=row.number))
    title = _text(info, "Title")
    version = _text(info, "Version")
    lines = [(title, 1.5)] if title else []
    if _text(info, "Review date"):
        lines.append((f"Review date: {_text(info, 'Review date')}", 1.0))
    if version:
        lines.append((version, 1.0))
    table = RawTable(
        rows=table_rows,
        sheet="Actions",
        columns=[letters.get(src or "Updates", "") for _, src in use],
        before=[t for t, _ in lines],
    )
    legend = [
        RawRow(
            cells=[
                RawCell(colour.strip(), fill=painted.get(colour.strip())),
                RawCell(label.strip()),
            ],
            index=i,
        )
        for i, line in enumerate(_text(info, "Legend").split("\n"))
        if " = " in line
        for colour, label in [line.split(" = ", 1)]
    ]
    tables = [table] + ([RawTable(rows=legend)] if legend else [])
    return RawDocument(
        path=doc.path,
        format=doc.format,
        tables=tables,
        title_candidates=lines,
        body_lines=[t for t, _ in lines],
        sheet=version or title or "Actions",
    )


def _text(cells: dict[str, RawCell], name: str) -> str:
    cell = cells.get(name)
    return cell.text if cell is not None else ""


def _key(cells: dict[str, RawCell], title: str = "Plan") -> tuple[str, ...]:
    return (_text(cells, title), _text(cells, "Version"), _text(cells, "Review date"))


def _position(cells: dict[str, RawCell]) -> int:
    try:
        return int(_text(cells, "Position"))
    except ValueError:
        return 0
