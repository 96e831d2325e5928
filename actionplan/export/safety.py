"""What a spreadsheet must never be handed as written: a CSV cell it would run as a formula,
characters XML 1.0 forbids in an .xlsx, text over Excel's cell limit. Each cell changed on
the way is counted, and the caller of a render gets one warning line per kind of change.

The counts live in a context variable set by `rendering()`, so the sheet and CSV builders
deep inside a renderer need no extra argument; outside `rendering()` nothing is counted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

# Excel cells hold at most 32,767 characters.
MAX_CELL = 32_767
TRUNCATED = " …[truncated]"
REPLACEMENT = "\ufffd"
# XML 1.0 allows tab, LF, CR and U+0020 up, less the surrogates (in a str always lone
# halves) and U+FFFE, U+FFFF.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# OWASP's CSV injection list: a cell starting with one of these is read as a formula.
FORMULA_START = re.compile(r"^[ \u00a0]*[=+\-@\t\r\n]")
# A plain number ("-2.5", "+44", "-1,000.5") is a number to a spreadsheet, with nothing to run.
NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)*|[.,]\d+)")
# A field holding a separator a spreadsheet may split on (a comma, or a semicolon or tab
# where the locale's list separator is one) is quoted, so no part of it starts a cell.
NEEDS_QUOTES = re.compile(r'[",;\t\r\n]')

MESSAGES = {
    "formula": "{n} CSV cell(s) began with =, +, -, @, a tab or a line break; a ' is put "
    "before each so that a spreadsheet shows it as text, never runs it (--raw-csv writes "
    "them as they are)",
    "xml": "{n} cell(s) held characters Excel cannot store; replaced with U+FFFD",
    "truncated": "{n} cell(s) were longer than Excel's 32,767 characters; cut, ending "
    f"{TRUNCATED.strip()!r}",
}


@dataclass
class _Rendering:
    raw_csv: bool
    tally: Counter[str] = field(default_factory=Counter)


_CURRENT: ContextVar[_Rendering | None] = ContextVar("actionplan_rendering", default=None)


@contextmanager
def rendering(*, raw_csv: bool = False, notes: list[str] | None = None) -> Iterator[None]:
    """Render within: CSV cells as written if raw_csv, the warnings appended to notes."""
    state = _Rendering(raw_csv)
    token = _CURRENT.set(state)
    try:
        yield
    finally:
        _CURRENT.reset(token)
    if notes is not None:
        notes += [m.format(n=state.tally[k]) for k, m in MESSAGES.items() if state.tally[k]]


def raw_csv() -> bool:
    """Say whether the render under way writes CSV cells as they are."""
    state = _CURRENT.get()
    return state is not None and state.raw_csv


def count(kind: str) -> None:
    """Count one cell changed on the way out (a key of MESSAGES)."""
    state = _CURRENT.get()
    if state is not None:
        state.tally[kind] += 1


def csv_cell(text: str) -> str:
    """Return a CSV cell that a spreadsheet shows as text, never runs (OWASP CSV injection).

    A cell whose first character, or first after leading spaces, is =, +, -, @, a tab, CR
    or LF gets a single quote before it: "=HYPERLINK(…)" is written "'=HYPERLINK(…)",
    "-2+3+cmd|…" "'-2+3+cmd|…", "- done" "'- done". Two kinds of cell are left as written,
    since a spreadsheet reads them as a value with nothing to run: a plain number ("-2.5",
    "+44", "-1,000") and a lone "-", the placeholder plans put in an empty due date.
    """
    if not FORMULA_START.search(text):
        return text
    bare = text.strip()
    if bare == "-" or NUMBER.fullmatch(bare):
        return text
    count("formula")
    return "'" + text


def csv_field(text: str) -> str:
    """Return a cell as a CSV field: quoted (quotes doubled) when it holds a separator."""
    if NEEDS_QUOTES.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def xml_text(text: str) -> str:
    """Return text with each character XML 1.0 forbids replaced by U+FFFD (not counted)."""
    return XML_FORBIDDEN.sub(REPLACEMENT, text)


def excel_text(text: str) -> str:
    """Return text an .xlsx cell can hold: forbidden characters replaced, cut to the limit."""
    if XML_FORBIDDEN.search(text):
        count("xml")
        text = xml_text(text)
    if len(text) > MAX_CELL:
        count("truncated")
        text = text[: MAX_CELL - len(TRUNCATED)] + TRUNCATED
    return text
