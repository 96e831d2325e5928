"""Find the action table among a document's tables and turn its rows into action rows.

Readers hand over every table piece they saw; this stage knows how review
documents are laid out: which headings name which column (synonyms from the
domain), that a table continues across pages (its header row repeated or not),
that a row whose ref and action cells are empty continues the previous action's
cells after a page break, that a row spanning the table is a section heading,
and that a vertical merge gives every row it covers the same value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from actionplan.extract.base import RawCell, RawDocument, RawRow, RawTable
from actionplan.extract.columns import PROSE_WORDS, REF_RE
from actionplan.extract.header import (
    Header,
    candidate,
    find_header,
    grid,
    heading_key,
    same_header,
)
from actionplan.normalise.rag import looks_like_legend

__all__ = ["ActionRow", "Layout", "find_layout", "grid", "heading_key"]

# Headings are short: a cell longer than this is data, whatever it says.
LONG_HEADING = 200
DATE_IN_HEADING = re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\b[A-Z][a-z]+ \d{4}\b")


@dataclass
class ActionRow:
    """One action's cells, gathered from one or more table rows."""

    cells: dict[str, str]
    updates: list[tuple[str | None, str]]
    rag_fill: str | None
    extra: dict[str, str]
    section: str | None
    page: int | None
    pages: list[int]
    row: int
    table: int
    joined_rows: int = 1
    # The day each of its spreadsheet date cells holds, by the text the cell shows (which
    # follows the cell's format: 3/5/2019 under m/d/yyyy is 5 March).
    dates: dict[str, dt.date] = field(default_factory=dict)

    @property
    def ref_label(self) -> str:
        return self.cells.get("ref") or f"in row {self.row}"


@dataclass
class Layout:
    """The action table of a document, read into action rows, plus what surrounds it."""

    columns: dict[str, str] = field(default_factory=dict)
    rows: list[ActionRow] = field(default_factory=list)
    legend_rows: list[tuple[str, str, str | None]] = field(default_factory=list)
    # Section headings in table order, kept even when no action follows one.
    sections: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    other_tables: list[list[list[str]]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    found: bool = False
    # The header the action table was read under, with the evidence for its columns.
    header: Header | None = None


@dataclass
class _Mapping:
    roles: dict[int, str]
    headings: dict[int, str]
    ncols: int
    header_keys: set[tuple[str, ...]]

    @classmethod
    def of(cls, header: Header) -> _Mapping:
        headings = {i: h.split("\n", 1)[0].strip() for i, h in enumerate(header.headings)}
        for i, group in header.groups.items():
            headings[i] = f"{group} / {headings[i]}"
        return cls(dict(header.roles), headings, header.ncols, header.keys)


def find_layout(doc: RawDocument, columns: dict[str, str] | None = None) -> Layout:
    """Return the action table of `doc`, or a Layout with found=False.

    `columns` maps roles to the headings that hold them, as the user said (--columns).
    """
    layout = Layout()
    # Each table is judged as a key once; the later steps look the answer up.
    legends = [_legend_of(t) for t in doc.tables]
    key_tables = {ti for ti, rows in enumerate(legends) if rows is not None}
    # A table that heads like an action table is one, even if it also reads as a key
    # (a RAG column of shaded cells beside short texts).
    header = find_header(doc.tables, set(), columns)
    if header is None:
        _collect_legend(legends, set(), layout)
        return layout
    start = header.table
    legends[start] = None
    mapping = _Mapping.of(header)
    layout.found = True
    layout.header = header
    for i in sorted(mapping.roles):
        # With one Progress column per review, the first names the role.
        layout.columns.setdefault(mapping.roles[i], mapping.headings[i])
    layout.headings = header.display_headings()
    layout.warnings.extend(header.assignment.notes)
    if header.row > 0:
        layout.warnings.append(
            f"the action table's headings are in row {header.row + 1} of its table; "
            "the rows above them are kept as text around the table"
        )
    first = doc.tables[start]
    body = _width(RawTable(rows=first.rows[header.data_start :] or first.rows))
    _keep_rows_above(first, header.row, layout)
    used = {start}
    state = _RowState(layout, mapping)
    state.take(first, skip_to=header.data_start)
    first_rows = len(layout.rows)
    headed: list[str] = []
    for ti in range(start + 1, len(doc.tables)):
        table = doc.tables[ti]
        if not table.rows:
            continue
        skip = same_header(header, table)
        # A piece as wide as the table's header or its rows goes on with it; so does a
        # wider one (rows run together in it, warned about when its rows are read).
        widths = (len(grid(table.rows[0])), _width(table))
        continues = ti - 1 in used and (
            bool(set(widths) & {header.ncols, body}) or min(widths) > max(header.ncols, body)
        )
        # A key is two or three columns: a wider piece right after the table continues it.
        if skip is None and continues and (ti not in key_tables or header.ncols >= 4):
            skip = 0  # the next page's piece of the table, its header not repeated
        later = candidate(doc.tables, ti, 0, columns) if skip is None else None
        if skip is None and (
            later is None or set(later.roles.values()) != set(header.roles.values())
        ):
            continue
        heading = _heading_above(table) if skip != 0 else None
        if heading:
            # One table per priority: the heading above a table names its section.
            state.section = heading
            layout.sections.append(heading)
            headed.append(heading)
        if later is not None:
            # Another table of the same plan, its columns in an order of its own.
            state.mapping = _Mapping.of(later)
            _keep_rows_above(table, 0, layout)
            state.take(table, skip_to=later.data_start, new_piece=True)
            state.mapping = mapping
        elif skip is not None:
            _keep_rows_above(table, skip - 1, layout)
            state.take(table, skip_to=skip, new_piece=True)
        used.add(ti)
        legends[ti] = None
    _head_first_table(layout, _heading_above(first), headed, first_rows)
    _collect_legend(legends, used, layout)
    for ti, table in enumerate(doc.tables):
        if ti not in used and legends[ti] is None:
            # Any other table (a sign-off box, a glossary): its text is kept, not read.
            rows = [[c.text for c in r.cells] for r in table.rows]
            if any(any(r) for r in rows):
                layout.other_tables.append(rows)
    return layout


def _width(table: RawTable) -> int:
    """Return how many grid columns most of a table's rows have (one odd row, say two rows
    run together, does not make a piece of the table another table)."""
    widths = Counter(len(grid(r)) for r in table.rows)
    return max(widths, key=lambda w: (widths[w], w))


def _heading_above(table: RawTable) -> str | None:
    """Return the line right above a table when it reads as a heading, not prose."""
    lines = [line.strip() for line in table.before if line.strip()]
    if not lines:
        return None
    last = " ".join(lines[-1].split())
    return last if 0 < len(last.split()) <= PROSE_WORDS and not last.endswith(".") else None


def _head_first_table(layout: Layout, heading: str | None, later: list[str], rows: int) -> None:
    """Give the first table's actions its heading as section when the later tables of the
    plan have headings of the same kind ("Priority 1: …", "Priority 2: …")."""
    if not heading or not later:
        return
    if heading.split()[0].lower() not in {h.split()[0].lower() for h in later}:
        return
    layout.sections.insert(0, heading)
    for row in layout.rows[:rows]:
        if row.section is None:
            row.section = heading


def _keep_rows_above(table: RawTable, header_row: int, layout: Layout) -> None:
    """Keep the rows above a table's header row (a title row inside the table)."""
    for above in table.rows[: max(header_row, 0)]:
        text = " | ".join(c.text for c in above.cells if c.text)
        if text:
            layout.preamble.append(text)


class _RowState:
    """Accumulates action rows across the pieces of one logical table."""

    def __init__(self, layout: Layout, mapping: _Mapping) -> None:
        self.layout = layout
        self.mapping = mapping
        self.section: str | None = None
        self.above: list[str] = []
        # Columns of the current row whose text a vertical merge carried down from above.
        self.inherited: set[int] = set()

    def take(self, table: RawTable, *, skip_to: int, new_piece: bool = False) -> None:
        first_in_piece = True
        for row in table.rows[skip_to:]:
            cells = grid(row)
            texts = self._texts(cells)
            if row.is_header or self._repeats_header(texts):
                continue
            nonempty = [t for t in texts if t]
            if not nonempty:
                continue
            by_role = self._by_role(texts)
            if any(texts[self.mapping.ncols :]):
                self._too_wide(len(texts), row, by_role)
            if self._is_section(cells, texts, by_role):
                if len(nonempty[0]) > LONG_HEADING:
                    self._long_section(nonempty[0], row)
                self.section = nonempty[0]
                self.layout.sections.append(self.section)
                first_in_piece = False
                continue
            page = row.page if row.page is not None else table.page
            at_piece_start = first_in_piece and new_piece
            if self.layout.rows and self._continues(by_role, at_piece_start):
                self._continue(texts, cells, page, row, at_piece_start)
            else:
                self._new(by_role, texts, cells, page, row, table)
            first_in_piece = False

    def _too_wide(self, width: int, row: RawRow, by_role: dict[str, str]) -> None:
        # Cells past the header are kept as extra columns, but a row this wide is most
        # likely two rows run together (a lost line break or row tag): one action's
        # cells then sit in another's row.
        ref = by_role.get("ref")
        where = f"action {ref}" if ref else f"row {row.index + 1}"
        if not ref and row.page is not None:
            where += f" on page {row.page}"
        self.layout.warnings.append(
            f"{where}: the row has {width} cells "
            f"under {self.mapping.ncols} headings (rows run together?): an action may be missing"
        )

    def _long_section(self, text: str, row: RawRow) -> None:
        # Headings are short: a row of one long cell is more likely an action row whose
        # cell boundaries were lost (damaged markup) than a section heading.
        where = f"row {row.index + 1}" + (f" on page {row.page}" if row.page is not None else "")
        self.layout.warnings.append(
            f"{where}: one cell of {len(text)} characters across the table is read as a "
            "section heading; if it is an action whose cells are damaged, that action is missing"
        )

    def _repeats_header(self, texts: list[str]) -> bool:
        """Say whether a row is the header again (a page's repeated header row)."""
        # Headings are short: a row with a long cell is data, whatever it says.
        if any(len(t) > LONG_HEADING for t in texts):
            return False
        return tuple(heading_key(t) for t in texts) in self.mapping.header_keys

    def _continues(self, by_role: dict[str, str], at_piece_start: bool) -> bool:
        """Say whether a row carries on the previous action's cells after a page break."""
        if by_role.get("ref"):
            return False
        if not by_role.get("action"):
            return True
        # The top row of a page with no ref, under numbered actions: the action text itself
        # (a bullet list, say) ran over the page break.
        return (
            at_piece_start
            and "ref" in self.mapping.roles.values()
            and bool(self.layout.rows[-1].cells.get("ref"))
        )

    def _texts(self, cells: list[RawCell | None]) -> list[str]:
        texts = []
        self.inherited = set()
        for i, cell in enumerate(cells):
            text = cell.text if cell else ""
            if cell is not None and cell.merged_above and not text and i < len(self.above):
                # Word keeps a vertically merged cell's text in its first row only.
                text = self.above[i]
                self.inherited.add(i)
            texts.append(text)
        self.above = texts
        return texts

    def _by_role(self, texts: list[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for i, role in self.mapping.roles.items():
            if i < len(texts) and role not in ("update", "section"):
                out[role] = texts[i]
        return out

    def _section_of(self, texts: list[str]) -> str | None:
        """Return the row's section: its section column's text, else the last section row."""
        for i, role in self.mapping.roles.items():
            if role == "section" and i < len(texts) and texts[i].strip():
                name = " ".join(texts[i].split())
                if name not in self.layout.sections:
                    self.layout.sections.append(name)
                return name
        return self.section

    def _is_section(
        self, cells: list[RawCell | None], texts: list[str], by_role: dict[str, str]
    ) -> bool:
        nonempty = [t for t in texts if t]
        if len(set(nonempty)) != 1:
            return False
        real = [c for c in cells if c is not None]
        if len(real) == 1 and self.mapping.ncols > 2:
            return True
        spanning = any(c is not None and c.span >= max(2, self.mapping.ncols - 1) for c in cells)
        if spanning:
            return True
        # Only the first column filled, with words rather than a number: a heading row.
        return (
            bool(texts[0])
            and not REF_RE.match(texts[0])
            and len(nonempty) == 1
            and (by_role.get("ref") == texts[0] and not by_role.get("action"))
        )

    def _updates(self, texts: list[str]) -> list[tuple[str | None, str]]:
        m = self.mapping
        cols = [i for i, r in m.roles.items() if r == "update"]
        out = []
        for i in cols:
            if i < len(texts) and texts[i]:
                heading = m.headings.get(i, "")
                dated = heading if len(cols) > 1 and DATE_IN_HEADING.search(heading) else None
                out.append((dated, texts[i]))
        return out

    def _extra(self, texts: list[str]) -> dict[str, str]:
        m = self.mapping
        return {
            (m.headings.get(i) or f"column {i + 1}"): t
            for i, t in enumerate(texts)
            if t and i not in m.roles
        }

    def _fill(self, cells: list[RawCell | None]) -> str | None:
        for i, role in self.mapping.roles.items():
            if role == "rag" and i < len(cells) and cells[i] is not None:
                return cells[i].fill  # type: ignore[union-attr]
        return None

    def _new(
        self,
        by_role: dict[str, str],
        texts: list[str],
        cells: list[RawCell | None],
        page: int | None,
        row: RawRow,
        table: RawTable,
    ) -> None:
        self.layout.rows.append(
            ActionRow(
                cells=by_role,
                updates=self._updates(texts),
                rag_fill=self._fill(cells),
                extra=self._extra(texts),
                section=self._section_of(texts),
                page=page,
                pages=_pages(page, row.last_page),
                row=row.index,
                table=table.index,
                dates=_dates(cells),
            )
        )

    def _continue(
        self,
        texts: list[str],
        cells: list[RawCell | None],
        page: int | None,
        row: RawRow,
        at_piece_start: bool,
    ) -> None:
        prev = self.layout.rows[-1]
        if not at_piece_start:
            self.layout.warnings.append(
                f"row {row.index} (page {page}) has no ref and no action text; "
                f"read as more of action {prev.ref_label}"
            )
        # Text a merge carried down is the previous row's own: joining it would double it.
        texts = ["" if i in self.inherited else t for i, t in enumerate(texts)]
        for role, text in self._by_role(texts).items():
            if text:
                prev.cells[role] = _join(prev.cells.get(role, ""), text)
        for heading, text in self._updates(texts):
            for k, (h, old) in enumerate(prev.updates):
                if h == heading:
                    prev.updates[k] = (h, _join(old, text))
                    break
            else:
                prev.updates.append((heading, text))
        for key, text in self._extra(texts).items():
            prev.extra[key] = _join(prev.extra.get(key, ""), text)
        prev.rag_fill = prev.rag_fill or self._fill(cells)
        prev.dates.update(_dates(cells))
        for p in _pages(page, row.last_page):
            if p not in prev.pages:
                prev.pages.append(p)
        prev.joined_rows += 1


def _pages(first: int | None, last: int | None) -> list[int]:
    if first is None:
        return []
    return list(range(first, max(first, last or first) + 1))


CONTINUES_SENTENCE = re.compile(r"[^.!?:;)\]]\Z")
STARTS_ENTRY = re.compile(r"\A(?:[•▪◦●\-–]|\d|update\b|<)", re.IGNORECASE)


def _join(a: str, b: str) -> str:
    """Join a cell's text to its continuation after a page break."""
    if not a:
        return b
    if CONTINUES_SENTENCE.search(a) and not STARTS_ENTRY.match(b):
        # A page break cut a sentence in two: "…4 consultations have" + "identified 2 …".
        return f"{a} {b}"
    return f"{a}\n{b}"


def _legend_of(table: RawTable) -> list[tuple[str, str, str | None]] | None:
    """Return a table's rows as a RAG key, or None when the table is not a key."""
    rows = _legend_rows(table)
    return rows if looks_like_legend(rows) else None


def _legend_rows(table: RawTable) -> list[tuple[str, str, str | None]]:
    rows = []
    for row in table.rows:
        cells = [c for c in row.cells if c.text or c.fill]
        if len(cells) < 1:
            continue
        first = cells[0]
        label = " ".join(c.text for c in cells[1:])
        fill = first.fill or next((c.fill for c in cells[1:] if c.fill), None)
        rows.append((first.text, label, fill))
    return rows


def _collect_legend(
    legends: list[list[tuple[str, str, str | None]] | None], used: set[int], layout: Layout
) -> None:
    for ti, rows in enumerate(legends):
        if ti not in used and rows is not None:
            layout.legend_rows.extend(rows)


def _dates(cells: list[RawCell | None]) -> dict[str, dt.date]:
    """Return the day each date cell of a row holds, by the text it shows."""
    return {c.text: c.date for c in cells if c is not None and c.date is not None and c.text}
