"""Find a table's header row by evidence, and what each column below it holds.

A header row is short cells, none of them prose, no dates or numbers, often marked as
a header (Word's repeated header row) or shaded, near the top of its table, and its
headings agree with what the columns hold. A row of data whose prose happens to hold
"update" or "task" is not a header: a long prose cell never makes one. A heading that
spans sub-headings ("Progress" over "Update" and "RAG") makes a two-row header, which is
flattened: the sub-headings carry the roles and the group heading is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from actionplan.extract.base import RawCell, RawRow, RawTable
from actionplan.extract.columns import (
    PROSE_WORDS,
    SECONDARY,
    Assignment,
    Profile,
    assign_roles,
    heading_role,
    heading_text,
    heading_words,
    profile,
)
from actionplan.normalise.dates import find_dates

# How many rows below a candidate header are read to judge the columns.
SAMPLE_ROWS = 30
# Candidate header rows looked at in each table.
TOP_ROWS = 4


def grid(row: RawRow) -> list[RawCell | None]:
    """Return the row's cells by grid column; columns a span covers hold None."""
    out: list[RawCell | None] = []
    for cell in row.cells:
        out.append(cell)
        out.extend([None] * (cell.span - 1))
    return out


def heading_key(text: str) -> str:
    """Return a heading folded for comparing: no accents, lower case, words only."""
    return " ".join(heading_words(text))


@dataclass
class Header:
    """A table's header: its rows, the heading of each grid column, and the roles."""

    table: int
    row: int
    rows: int  # 1, or 2 for a heading spanning sub-headings
    headings: list[str]
    groups: dict[int, str]
    assignment: Assignment
    quality: float
    score: float
    keys: set[tuple[str, ...]] = field(default_factory=set)
    # What each column's cells hold (the rows sampled below the header).
    profiles: list[Profile] = field(default_factory=list)

    def figure_columns(self) -> int:
        """Return how many columns without a role hold mostly numbers."""
        return sum(
            1
            for i, p in enumerate(self.profiles)
            if i not in self.roles and p.cells >= 2 and p.number >= 0.6
        )

    @property
    def roles(self) -> dict[int, str]:
        return self.assignment.roles

    @property
    def ncols(self) -> int:
        return len(self.headings)

    @property
    def data_start(self) -> int:
        return self.row + self.rows

    def display_headings(self) -> list[str]:
        """Return each column's heading as the document shows it, group first."""
        return [
            f"{self.groups[i]} / {h}" if i in self.groups else h
            for i, h in enumerate(self.headings)
        ]


def row_shape(row: RawRow) -> float:
    """Return how much a row looks like a header row, 0–1: short headings, no prose,
    no dates or figures. A row with a prose cell scores 0."""
    cells = [c.text.strip() for c in row.cells if c.text.strip()]
    if len(cells) < 2:
        return 0.0
    good = 0.0
    for cell in cells:
        text = heading_text(cell)
        if text != cell:
            good -= 0.2  # a heading with a note under it: still a heading, less plainly
        words = text.split()
        if len(words) >= PROSE_WORDS:
            return 0.0
        dated = any(m.date is not None and m.has_day for m in find_dates(text))
        figure = sum(ch.isdigit() for ch in text) > len(text) / 3
        if not dated and not figure:
            # A heading may be a question ("What do I have to do to achieve this?").
            good += 1.0 if len(words) <= 7 else 0.6
    shape = max(0.0, good) / len(cells)
    if row.is_header:
        shape = min(1.0, shape + 0.2)
    return shape


def _flatten(
    top: list[RawCell | None], below: list[RawCell | None] | None
) -> tuple[list[str], dict[int, str]]:
    """Return each column's heading, and the group heading above sub-headings."""
    if below is None:
        return [c.text if c else "" for c in top], {}
    headings: list[str] = []
    groups: dict[int, str] = {}
    group: RawCell | None = None
    for i, cell in enumerate(top):
        if cell is not None:
            group = cell
        sub_cell = below[i] if i < len(below) else None
        sub = sub_cell.text if sub_cell is not None and not sub_cell.merged_above else ""
        if sub.strip() and group is not None and group.span > 1:
            headings.append(sub)
            groups[i] = group.text.strip()
        elif cell is not None:
            headings.append(cell.text or sub)
        else:
            headings.append(sub)
    return headings, groups


def _two_rows(table: RawTable, ri: int) -> bool:
    """Say whether row `ri` holds headings spanning sub-headings in the row below."""
    if ri + 1 >= len(table.rows):
        return False
    top, below = table.rows[ri], table.rows[ri + 1]
    if not any(c.span > 1 and c.text.strip() for c in top.cells):
        return False
    if row_shape(below) < 0.8:
        return False
    cells = grid(below)
    col = 0
    for cell in top.cells:
        if cell.span > 1 and cell.text.strip():
            under = [c for c in cells[col : col + cell.span] if c is not None]
            if len([c for c in under if c.text.strip()]) < 2:
                return False
        col += cell.span
    return True


def candidate(
    tables: Sequence[RawTable],
    ti: int,
    ri: int,
    forced: dict[str, str] | None = None,
) -> Header | None:
    """Return the header that row `ri` of table `ti` would be, judged with the columns
    below it, or None when it cannot head an action table."""
    table = tables[ti]
    top = table.rows[ri]
    quality = row_shape(top)
    if quality < 0.5:
        return None
    rows = 2 if _two_rows(table, ri) else 1
    below = grid(table.rows[ri + 1]) if rows == 2 else None
    headings, groups = _flatten(grid(top), below)
    ncols = len(headings)
    data = table.rows[ri + rows : ri + rows + SAMPLE_ROWS]
    columns: list[list[RawCell | None]] = [[] for _ in range(ncols)]
    for row in data:
        cells = grid(row)
        if len(cells) != ncols:
            continue
        for i, cell in enumerate(cells):
            columns[i].append(cell)
    profiles: list[Profile] = [profile(col) for col in columns]
    # A heading the vocabulary does not know may be the group's ("Delivery" over "Due").
    for i, group in groups.items():
        if heading_role(headings[i])[0] is None and heading_role(group)[0] is not None:
            headings[i] = f"{group} {headings[i]}".strip()
    forced_cols = _forced_columns(headings, forced)
    if forced and forced_cols is None:
        return None
    assignment = assign_roles(headings, profiles, forced_cols)
    found = set(assignment.roles.values())
    if "action" not in found or not found & set(SECONDARY):
        return None
    if len(found) < 3 and ncols < 3:
        return None
    fits = list(assignment.fit.values())
    fit = sum(fits) / len(fits) if fits else 0.0
    coverage = len(found) / 6
    score = quality + coverage + fit - 0.1 * ri - 0.15 * len(assignment.from_content)
    if top.is_header:
        score += 0.2
    keys = {tuple(heading_key(c.text) if c else "" for c in grid(table.rows[ri]))}
    if rows == 2:
        keys.add(tuple(heading_key(c.text) if c else "" for c in grid(table.rows[ri + 1])))
    return Header(ti, ri, rows, headings, groups, assignment, quality, score, keys, profiles)


def _forced_columns(headings: list[str], forced: dict[str, str] | None) -> dict[str, int] | None:
    """Return the columns the user named for roles (--columns due=Target), or None when a
    named heading is not in this header."""
    if not forced:
        return {}
    out: dict[str, int] = {}
    keys = [heading_key(h) for h in headings]
    for role, name in forced.items():
        wanted = heading_key(name)
        matches = [i for i, k in enumerate(keys) if k == wanted]
        if not matches:
            matches = [i for i, k in enumerate(keys) if wanted and wanted in k]
        if len(matches) != 1:
            return None
        out[role] = matches[0]
    return out


def find_header(
    tables: Sequence[RawTable],
    skip: set[int],
    forced: dict[str, str] | None = None,
) -> Header | None:
    """Return the best header of an action table among the tables, or None."""
    best: Header | None = None
    for ti, table in enumerate(tables):
        if ti in skip:
            continue
        for ri in range(min(TOP_ROWS, len(table.rows))):
            found = candidate(tables, ti, ri, forced)
            if found is not None and (best is None or found.score > best.score + 1e-9):
                best = found
    return best


def same_header(header: Header, table: RawTable) -> int | None:
    """Return how many top rows of a later table repeat the header, or None if none do."""
    for ri in range(min(2, len(table.rows))):
        key = tuple(heading_key(c.text) if c else "" for c in grid(table.rows[ri]))
        if key in header.keys:
            rows = 1
            if ri + 1 < len(table.rows):
                nxt = tuple(heading_key(c.text) if c else "" for c in grid(table.rows[ri + 1]))
                rows += nxt in header.keys and nxt != key
            return ri + rows
    return None


_MISSING = {
    "action": "no column of actions",
    "update": "no update or status column",
    "due": "no due dates",
    "owner": "no owners",
}


def why_not(tables: Sequence[RawTable]) -> str | None:
    """Return, for a document with no action table, what its largest table lacks."""
    if not tables:
        return None
    table = max(tables, key=lambda t: (len(t.rows), len(grid(t.rows[0])) if t.rows else 0))
    if not table.rows:
        return None
    top = table.rows[0]
    headings = [c.text.split("\n", 1)[0].strip() for c in top.cells]
    shown = ", ".join(h for h in headings if h) or "no headings"
    if len(grid(top)) < 3:
        return f"its largest table ({shown}) has {len(grid(top))} column(s): a list or a form"
    if row_shape(top) < 0.5:
        return f"its largest table starts with data, not headings ({shown[:80]})"
    ncols = len(grid(top))
    columns: list[list[RawCell | None]] = [[] for _ in range(ncols)]
    for row in table.rows[1 : 1 + SAMPLE_ROWS]:
        cells = grid(row)
        if len(cells) == ncols:
            for i, cell in enumerate(cells):
                columns[i].append(cell)
    found = set(
        assign_roles(
            [c.text if c else "" for c in grid(top)], [profile(c) for c in columns]
        ).roles.values()
    )
    missing = [
        text
        for role, text in _MISSING.items()
        if role not in found and not (role == "update" and "rag" in found)
    ]
    figures = sum(1 for c in columns if profile(c).number >= 0.6)
    if figures:
        missing.append(f"{figures} column(s) of figures")
    return f"its largest table ({shown}) has " + ", ".join(missing or ["no action rows"])
