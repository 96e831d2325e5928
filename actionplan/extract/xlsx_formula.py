"""A small, safe subset of Excel's formula language, for conditional-formatting rules.

A rule such as `$E5="Red"` or `ISNUMBER(SEARCH("red",$E5))` says which cells of its range
Excel paints: the formula is written for the range's top-left cell, and Excel moves its
relative references with each cell (`E5` is `E6` a row down; `$E5` keeps its column). This
module parses a formula into a tree (a real tokenizer and a recursive-descent parser; no
eval) and evaluates it for one cell, with Excel's rules for comparing and converting values:
text compares without regard to case, a number never equals text, an empty cell is "" to
text and 0 to a number, errors pass through. What it does not know (another sheet's cells,
a name, ranges, a function outside the list) raises Unsupported at parse time, so that the
caller can say the rule was not evaluated instead of guessing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from openpyxl.utils.cell import column_index_from_string

# Excel's own limit on a formula's length; deeper nesting than this is no rule of a tracker.
MAX_FORMULA = 8192
MAX_DEPTH = 64
MAX_COLUMN = 16384
MAX_ROW = 1048576


class Unsupported(ValueError):
    """The formula uses something this subset does not evaluate (named in the message)."""


@dataclass(frozen=True)
class Error:
    """An Excel error value (#VALUE!, #N/A ...): it passes through what uses it."""

    code: str


VALUE = Error("#VALUE!")
DIV0 = Error("#DIV/0!")
# What a cell or an expression may hold: empty (None), text, a number, TRUE/FALSE, an error.
Value = str | float | bool | Error | None
# A cell's value by (row, column), 1-based.
Lookup = Callable[[int, int], Value]

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<string>"(?:[^"]|"")*")
  | (?P<error>\#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A))
  | (?P<ref>\$?[A-Za-z]{1,3}\$?[0-9]+(?![A-Za-z0-9_(!.]))
  | (?P<number>(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)
  | (?P<name>[A-Za-z_\\][A-Za-z0-9_.]*)
  | (?P<op><>|<=|>=|[-+*/^&=<>%(),:!'\[\]{};])
    """,
    re.VERBOSE,
)

# The functions evaluated, by name, with how many arguments each takes (low, high).
ARITY = {
    "AND": (1, 255),
    "OR": (1, 255),
    "NOT": (1, 1),
    "IF": (2, 3),
    "ISNUMBER": (1, 1),
    "ISTEXT": (1, 1),
    "ISBLANK": (1, 1),
    "ISERROR": (1, 1),
    "SEARCH": (2, 3),
    "FIND": (2, 3),
    "LEFT": (1, 2),
    "RIGHT": (1, 2),
    "UPPER": (1, 1),
    "LOWER": (1, 1),
    "TRIM": (1, 1),
    "LEN": (1, 1),
    "EXACT": (2, 2),
    "TRUE": (0, 0),
    "FALSE": (0, 0),
}

# Tree nodes are tuples: ("lit", value), ("ref", row, row_abs, col, col_abs), ("self",),
# ("neg", node), ("bin", op, left, right), ("fn", name, (args...)).
Node = tuple


def tokens(text: str) -> list[tuple[str, str]]:
    """Return the formula's tokens as (kind, text), spaces dropped."""
    out, pos = [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise Unsupported(f"cannot read {text[pos : pos + 10]!r}")
        kind = m.lastgroup or ""
        if kind != "space":
            out.append((kind, m.group()))
        pos = m.end()
    return out


def parse(text: str) -> Node:
    """Parse a formula (with or without its leading "=") into a tree; raise Unsupported."""
    text = text.strip()
    if text.startswith("="):
        text = text[1:]
    if not text:
        raise Unsupported("the formula is empty")
    if len(text) > MAX_FORMULA:
        raise Unsupported(f"the formula is over {MAX_FORMULA:,} characters")
    parser = _Parser(tokens(text))
    node = parser.comparison(0)
    if parser.pos < len(parser.toks):
        raise Unsupported(f"unexpected {parser.toks[parser.pos][1]!r}")
    return node


class _Parser:
    def __init__(self, toks: list[tuple[str, str]]) -> None:
        self.toks = toks
        self.pos = 0

    def peek(self) -> tuple[str, str]:
        return self.toks[self.pos] if self.pos < len(self.toks) else ("end", "")

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        self.pos += 1
        return tok

    def expect(self, text: str) -> None:
        _, got = self.take()
        if got != text:
            raise Unsupported(f"expected {text!r}, found {got or 'the end'!r}")

    def comparison(self, depth: int) -> Node:
        if depth > MAX_DEPTH:
            raise Unsupported("the formula is nested too deeply")
        left = self.concat(depth)
        while self.peek()[1] in ("=", "<>", "<", ">", "<=", ">="):
            op = self.take()[1]
            left = ("bin", op, left, self.concat(depth))
        return left

    def concat(self, depth: int) -> Node:
        left = self.additive(depth)
        while self.peek()[1] == "&":
            self.take()
            left = ("bin", "&", left, self.additive(depth))
        return left

    def additive(self, depth: int) -> Node:
        left = self.term(depth)
        while self.peek()[1] in ("+", "-"):
            op = self.take()[1]
            left = ("bin", op, left, self.term(depth))
        return left

    def term(self, depth: int) -> Node:
        left = self.unary(depth)
        while self.peek()[1] in ("*", "/"):
            op = self.take()[1]
            left = ("bin", op, left, self.unary(depth))
        return left

    def unary(self, depth: int) -> Node:
        if self.peek()[1] in ("-", "+"):
            op = self.take()[1]
            inner = self.unary(depth + 1)
            return ("neg", inner) if op == "-" else inner
        node = self.primary(depth)
        if self.peek()[1] == ":":
            raise Unsupported("a range of cells")
        if self.peek()[1] in ("^", "%", "!"):
            raise Unsupported(f"{self.peek()[1]!r} is not evaluated")
        return node

    def primary(self, depth: int) -> Node:
        kind, text = self.take()
        if kind == "number":
            return ("lit", float(text))
        if kind == "string":
            return ("lit", text[1:-1].replace('""', '"'))
        if kind == "error":
            return ("lit", Error(text.upper()))
        if kind == "ref":
            return _ref(text)
        if kind == "name":
            name = text.upper()
            if self.peek()[1] != "(":
                if name in ("TRUE", "FALSE"):
                    return ("lit", name == "TRUE")
                raise Unsupported(f"the name {text!r} (a defined name or another sheet)")
            self.take()
            args: list[Node] = []
            if self.peek()[1] != ")":
                args.append(self.comparison(depth + 1))
                while self.peek()[1] == ",":
                    self.take()
                    args.append(self.comparison(depth + 1))
            self.expect(")")
            if name.startswith("_XLFN."):
                name = name[6:]
            if name not in ARITY:
                raise Unsupported(f"the function {name}")
            low, high = ARITY[name]
            if not low <= len(args) <= high:
                raise Unsupported(f"{name} with {len(args)} arguments")
            if name in ("TRUE", "FALSE"):
                return ("lit", name == "TRUE")
            return ("fn", name, tuple(args))
        if text == "(":
            node = self.comparison(depth + 1)
            self.expect(")")
            return node
        raise Unsupported(f"{text!r} is not evaluated" if text else "the formula ends early")


def _ref(text: str) -> Node:
    m = re.fullmatch(r"(\$?)([A-Za-z]{1,3})(\$?)([0-9]+)", text)
    assert m is not None  # the tokenizer matched the same shape
    col = column_index_from_string(m.group(2).upper())
    row = int(m.group(4))
    if not (1 <= col <= MAX_COLUMN and 1 <= row <= MAX_ROW):
        raise Unsupported(f"the reference {text} is outside a sheet")
    return ("ref", row, bool(m.group(3)), col, bool(m.group(1)))


def evaluate(node: Node, lookup: Lookup, row_shift: int, col_shift: int, me: Value = None) -> Value:
    """Return the value of a parsed formula for the cell `row_shift` rows and `col_shift`
    columns from the rule's top-left cell (relative references move; `me` is the cell's own
    value, for a cellIs rule's comparison)."""
    return _Eval(lookup, row_shift, col_shift, me).run(node)


class _Eval:
    def __init__(self, lookup: Lookup, row_shift: int, col_shift: int, me: Value) -> None:
        self.lookup = lookup
        self.row_shift = row_shift
        self.col_shift = col_shift
        self.me = me

    def run(self, node: Node) -> Value:
        kind = node[0]
        if kind == "lit":
            return node[1]  # type: ignore[no-any-return]
        if kind == "self":
            return self.me
        if kind == "ref":
            _, row, row_abs, col, col_abs = node
            row = row if row_abs else row + self.row_shift
            col = col if col_abs else col + self.col_shift
            if not (1 <= row <= MAX_ROW and 1 <= col <= MAX_COLUMN):
                return Error("#REF!")
            return self.lookup(row, col)
        if kind == "neg":
            value = to_number(self.run(node[1]))
            return value if isinstance(value, Error) else -value
        if kind == "bin":
            return self.binary(node[1], self.run(node[2]), self.run(node[3]))
        return self.function(node[1], node[2])

    def binary(self, op: str, a: Value, b: Value) -> Value:
        if isinstance(a, Error):
            return a
        if isinstance(b, Error):
            return b
        if op == "&":
            return to_text(a) + to_text(b)
        if op in ("+", "-", "*", "/"):
            x, y = to_number(a), to_number(b)
            if isinstance(x, Error):
                return x
            if isinstance(y, Error):
                return y
            if op == "/":
                return DIV0 if y == 0 else x / y
            return x + y if op == "+" else x - y if op == "-" else x * y
        order = compare(a, b)
        return {
            "=": order == 0,
            "<>": order != 0,
            "<": order < 0,
            ">": order > 0,
            "<=": order <= 0,
            ">=": order >= 0,
        }[op]

    def function(self, name: str, args: tuple[Node, ...]) -> Value:
        if name == "IF":
            test = to_bool(self.run(args[0]))
            if isinstance(test, Error):
                return test
            if test:
                return self.run(args[1])
            return self.run(args[2]) if len(args) > 2 else False
        values = [self.run(a) for a in args]
        if name in ("ISNUMBER", "ISTEXT", "ISBLANK", "ISERROR"):
            v = values[0]
            return {
                "ISNUMBER": isinstance(v, float) and not isinstance(v, bool),
                "ISTEXT": isinstance(v, str),
                "ISBLANK": v is None,
                "ISERROR": isinstance(v, Error),
            }[name]
        error = next((v for v in values if isinstance(v, Error)), None)
        if error is not None:
            return error
        if name in ("AND", "OR", "NOT"):
            flags = [to_bool(v) for v in values]
            bad = next((f for f in flags if isinstance(f, Error)), None)
            if bad is not None:
                return bad
            if name == "NOT":
                return not flags[0]
            return all(flags) if name == "AND" else any(flags)
        if name in ("SEARCH", "FIND"):
            return _search(name, values)
        if name in ("LEFT", "RIGHT"):
            count = to_number(values[1]) if len(values) > 1 else 1.0
            if isinstance(count, Error) or count < 0:
                return VALUE
            text, n = to_text(values[0]), int(count)
            return text[:n] if name == "LEFT" else (text[-n:] if n else "")
        if name == "EXACT":
            return to_text(values[0]) == to_text(values[1])
        text = to_text(values[0])
        if name == "LEN":
            return float(len(text))
        if name == "UPPER":
            return text.upper()
        if name == "LOWER":
            return text.lower()
        # TRIM: Excel removes spaces (the space character only) at both ends and doubles inside.
        return re.sub(" +", " ", text).strip(" ")


def _search(name: str, values: list[Value]) -> Value:
    find, within = to_text(values[0]), to_text(values[1])
    start = to_number(values[2]) if len(values) > 2 else 1.0
    if isinstance(start, Error) or not 1 <= start <= len(within) + 1:
        return VALUE
    begin = int(start) - 1
    if name == "FIND":
        at = within.find(find, begin)
        return VALUE if at < 0 else float(at + 1)
    # SEARCH ignores case and takes wildcards: ? one character, * any run, ~ escapes them.
    parts = []
    for piece in re.findall(r"~[?*~]|.", find, re.DOTALL):
        if len(piece) == 2:
            parts.append(re.escape(piece[1]))
        else:
            parts.append("." if piece == "?" else ".*?" if piece == "*" else re.escape(piece))
    m = re.compile("".join(parts), re.IGNORECASE | re.DOTALL).search(within, begin)
    return VALUE if m is None else float(m.start() + 1)


def to_text(v: Value) -> str:
    """Return a value as text, as Excel's & and text functions take it."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        if math.isfinite(v) and v == int(v) and abs(v) < 1e15:
            return str(int(v))
        return f"{v:.15g}"
    return v if isinstance(v, str) else v.code


def to_number(v: Value) -> float | Error:
    """Return a value as a number, as Excel's arithmetic takes it (text that reads as a
    number is one; other text is #VALUE!)."""
    if v is None:
        return 0.0
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, float):
        return v
    if isinstance(v, Error):
        return v
    try:
        return float(v.strip())
    except ValueError:
        return VALUE


def to_bool(v: Value) -> bool | Error:
    """Return a value as TRUE/FALSE, as AND, OR, NOT and IF take it."""
    if v is None:
        return False
    if isinstance(v, bool):
        return v
    if isinstance(v, float):
        return v != 0
    if isinstance(v, Error):
        return v
    word = v.strip().upper()
    return True if word == "TRUE" else False if word == "FALSE" else VALUE


def _rank(v: str | float | bool) -> int:
    # Excel orders numbers before text before TRUE/FALSE.
    return 2 if isinstance(v, bool) else 1 if isinstance(v, str) else 0


def compare(a: Value, b: Value) -> int:
    """Compare two values as Excel's = and < do: -1, 0 or 1 (no errors: checked before)."""
    if a is None and b is None:
        return 0
    if a is None:
        a = "" if isinstance(b, str) else False if isinstance(b, bool) else 0.0
    if b is None:
        b = "" if isinstance(a, str) else False if isinstance(a, bool) else 0.0
    assert not isinstance(a, Error) and not isinstance(b, Error)
    ra, rb = _rank(a), _rank(b)
    if ra != rb:
        return -1 if ra < rb else 1
    if isinstance(a, str) and isinstance(b, str):
        x, y = a.casefold(), b.casefold()
        return (x > y) - (x < y)
    fa, fb = float(a), float(b)
    return (fa > fb) - (fa < fb)


def holds(value: Value) -> bool:
    """Say whether a rule's formula result applies its format: TRUE, or a non-zero number."""
    if isinstance(value, bool):
        return value
    return isinstance(value, float) and value != 0
