"""What one walk over a worksheet keeps: its text cells, merges, hidden rows and columns,
and its conditional-formatting rules, as plain data for xlsx_rules and xlsx_grid."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from actionplan.extract.xlsx_formula import Error, Node


@dataclass
class Rule:
    """One cfRule: where it applies, what it paints, and how to tell where it holds."""

    kind: str
    ranges: list[tuple[int, int, int, int]]  # (left, top, right, bottom)
    sqref: str
    dxf: int
    priority: int
    order: int
    word: str | None = None
    node: Node | None = None
    problem: str | None = None
    formula: str = ""
    # stopIfTrue: where it holds, rules of lower priority do not apply, even when it
    # paints no fill itself (a "leave blanks alone" rule above a colouring one).
    stop: bool = False
    # Whether it has a format of its own that may paint a fill where `dxf` says nothing
    # (an Excel 2010 rule in the sheet's extension list keeps its format inline).
    inline: bool = False


@dataclass
class Cell:
    text: str = ""
    fill: str | None = None
    size: float | None = None
    # The value a formula sees, where it is not the text: a number, TRUE/FALSE, an error.
    value: float | bool | Error | None = None
    # The day a date cell holds, whatever order its format shows it in.
    date: dt.date | None = None


@dataclass
class Merge:
    top: int
    left: int
    bottom: int
    right: int


@dataclass
class Sheet:
    """What one walk over a worksheet kept: text rows and what styles them."""

    name: str
    rows: dict[int, dict[int, Cell]] = field(default_factory=dict)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: list[tuple[int, int]] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    uncached: list[str] = field(default_factory=list)
    # Cells naming a shared string the workbook does not have (a damaged file).
    lost_strings: list[str] = field(default_factory=list)
    # Cells showing a formula's error (#N/A, #REF!): read as Excel shows them.
    errors: list[str] = field(default_factory=list)
    # Row numbers the sheet gives twice (a damaged or hand-made file): their cells merged.
    repeated_rows: list[int] = field(default_factory=list)
