"""Conditional formatting: which cells a sheet's rules paint, and with which fill.

A tracker often keeps its status as a word and lets Excel colour it: a rule "cell value
equal to "Red"", "text contains Complete", or a formula such as `$E5="Red"` that paints a
whole row by its status column. Each rule becomes a `Rule`: a word to match, or a formula
parsed by xlsx_formula and evaluated for each kept cell of its ranges, its relative
references moved from the range's top-left cell. Excel applies the rule of the lowest
priority number where several hold. A rule this reader cannot evaluate (another sheet, a
function outside the subset, a colour scale, "top 10") is not guessed at: the sheet warns
once naming it, and its cells keep their own fill.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from actionplan.extract.sheets import quoted_sheet
from actionplan.extract.xlsx_cells import Styles
from actionplan.extract.xlsx_formula import Error, Node, Unsupported, Value, evaluate, holds, parse
from actionplan.extract.xlsx_sheet import Cell, Rule, Sheet

# How many cells one sheet's formula rules are evaluated for; past it the rest are warned.
MAX_EVALUATIONS = 1_000_000
# How many rules not evaluated a sheet names before it counts the rest.
SHOWN_RULES = 5
WORD_KINDS = ("containsText", "notContainsText", "beginsWith", "endsWith")
_OPERATORS = {
    "equal": "=",
    "notEqual": "<>",
    "greaterThan": ">",
    "lessThan": "<",
    "greaterThanOrEqual": ">=",
    "lessThanOrEqual": "<=",
}
_WHY_NOT = {
    "colorScale": "a colour scale (fills by the range's values)",
    "top10": "a top/bottom rule (depends on the range's values)",
    "aboveAverage": "an above/below average rule (depends on the range's values)",
    "duplicateValues": "a duplicate values rule (depends on the range's values)",
    "uniqueValues": "a unique values rule (depends on the range's values)",
    "timePeriod": "a dates occurring rule (depends on today's date)",
}
# Rules that change no fill: nothing to read from them.
_NO_FILL = ("dataBar", "iconSet")


def make_rule(
    kind: str,
    *,
    stop: bool = False,
    operator: str,
    formulas: list[str],
    text: str | None,
    dxf: int,
    priority: int,
    order: int,
    ranges: list[tuple[int, int, int, int]],
    sqref: str,
) -> Rule | None:
    """Return the rule of one cfRule element's parts, or None when it paints no fill."""
    if kind in _NO_FILL or not ranges:
        return None
    rule = Rule(kind, ranges, sqref, dxf, priority, order, formula=formulas[0] if formulas else "")
    rule.stop = stop
    if kind in _WHY_NOT:
        rule.problem = _WHY_NOT[kind]
    elif kind in WORD_KINDS and text is not None:
        rule.word = text
    elif kind in ("containsBlanks", "notContainsBlanks", "containsErrors", "notContainsErrors"):
        pass  # judged by the cell itself (paint)
    elif kind == "cellIs":
        rule.node, rule.problem = _cell_is(operator, formulas)
    elif formulas:  # an expression, or a word rule that keeps only its formula
        try:
            rule.node = parse(formulas[0])
        except Unsupported as exc:
            rule.problem = f"{formulas[0]} ({exc})"
    else:
        rule.problem = f"a {kind} rule without a formula"
    return rule


def _cell_is(operator: str, formulas: list[str]) -> tuple[Node | None, str | None]:
    """Return the tree of a "cell value is ..." rule: the cell compared with its formulas."""
    try:
        operands = [parse(f) for f in formulas[:2]]
    except Unsupported as exc:
        return None, f"cell value {operator} {', '.join(formulas)} ({exc})"
    me: Node = ("self",)
    if operator in _OPERATORS and operands:
        return ("bin", _OPERATORS[operator], me, operands[0]), None
    if operator in ("between", "notBetween") and len(operands) == 2:
        low, high = operands
        inside: Node = (
            "fn",
            "OR",
            (
                ("fn", "AND", (("bin", ">=", me, low), ("bin", "<=", me, high))),
                ("fn", "AND", (("bin", ">=", me, high), ("bin", "<=", me, low))),
            ),
        )
        return (inside if operator == "between" else ("fn", "NOT", (inside,))), None
    return None, f"cell value {operator or '(no operator)'} {', '.join(formulas)}"


def paint(sheet: Sheet, styles: Styles, used: list[int]) -> list[str]:
    """Give each kept cell the fill of the highest-priority rule that holds for it; return
    the warnings for rules not evaluated. `used` are the columns that hold text: a formula
    rule may paint an empty cell in them (the RAG cell of a row coloured by its status)."""
    painted: dict[tuple[int, int], int] = {}  # (row, col) -> priority of the fill's rule
    skipped: list[Rule] = []
    budget = [MAX_EVALUATIONS]
    numbers = sorted(sheet.rows)

    def value(row: int, col: int) -> Value:
        cell = sheet.rows.get(row, {}).get(col)
        return _value_of(cell)

    for rule in sorted(sheet.rules, key=lambda r: (r.priority, r.order)):
        fill = styles.dxfs[rule.dxf][0] if 0 <= rule.dxf < len(styles.dxfs) else None
        if rule.problem is not None:
            if fill is not None or rule.inline or rule.stop:
                skipped.append(rule)  # it may paint, or stop what would
            continue
        if fill is None and not rule.stop:
            continue  # it changes a font or a border, never what RAG is read from
        left0, top0 = rule.ranges[0][0], rule.ranges[0][1]
        moves_col = rule.node is not None and _moves_with_column(rule.node)
        answers: dict[tuple[int, int], bool] = {}
        empty_too = rule.node is not None or rule.kind in ("containsBlanks", "notContainsErrors")
        for left, top, right, bottom in rule.ranges:
            for number in between(numbers, top, bottom):
                row = sheet.rows[number]
                cols: Iterable[int] = (
                    between(used, left, right)
                    if empty_too
                    else [c for c in sorted(row) if left <= c <= right]
                )
                for col in cols:
                    if (number, col) in painted:
                        continue  # a rule of higher priority holds here already
                    cell = row.get(col)
                    if rule.node is not None:
                        budget[0] -= 1
                        if budget[0] < 0:
                            skipped.append(rule)
                            rule.problem = (
                                f"over {MAX_EVALUATIONS:,} cells of formatting rules on the sheet"
                            )
                            break
                        # A formula whose references hold their column ($E5) gives one
                        # answer for a whole row of its range: evaluate it once a row.
                        key = (number, col if moves_col else 0)
                        if key not in answers:
                            answers[key] = holds(
                                evaluate(
                                    rule.node, value, number - top0, col - left0, _value_of(cell)
                                )
                            )
                        hit = answers[key]
                    else:
                        hit = _holds(rule, cell)
                    if hit:
                        painted[(number, col)] = rule.priority
                        if fill is None:
                            continue  # stopIfTrue without a fill: lower rules stop here
                        if cell is None:
                            cell = row[col] = Cell()
                        cell.fill = fill
                if rule.problem is not None:
                    break
            if rule.problem is not None:
                break
    return _warnings(sheet.name, skipped)


def extension_rule(
    kind: str, sqref: str, ranges: list[tuple[int, int, int, int]], order: int
) -> Rule | None:
    """Return an Excel 2010 rule of the sheet's extension list (x14), never evaluated: its
    format is inline and its formulas mostly name other sheets. None for data bars and
    icon sets, which paint no fill."""
    if kind in _NO_FILL or not ranges:
        return None
    rule = Rule(kind, ranges, sqref, -1, 0, order, inline=True)
    rule.problem = "an Excel 2010 rule kept in the sheet's extension list"
    return rule


def _moves_with_column(node: Node) -> bool:
    """Say whether a formula's value may change from column to column of its range: a
    reference with a relative column, or the cell's own value (a cellIs rule)."""
    kind = node[0]
    if kind == "self":
        return True
    if kind == "ref":
        return not node[4]
    if kind == "neg":
        return _moves_with_column(node[1])
    if kind == "bin":
        return _moves_with_column(node[2]) or _moves_with_column(node[3])
    if kind == "fn":
        return any(_moves_with_column(arg) for arg in node[2])
    return False


def between(numbers: list[int], low: int, high: int) -> list[int]:
    """Return the sorted numbers from low to high (inclusive)."""
    return numbers[bisect.bisect_left(numbers, low) : bisect.bisect_right(numbers, high)]


def _value_of(cell: Cell | None) -> Value:
    if cell is None:
        return None
    if cell.value is not None:
        return cell.value
    return cell.text or None


def _holds(rule: Rule, cell: Cell | None) -> bool:
    text = cell.text.lower() if cell is not None else ""
    kind = rule.kind
    if kind == "containsBlanks":
        return not text.strip()
    if kind == "notContainsBlanks":
        return bool(text.strip())
    if kind in ("containsErrors", "notContainsErrors"):
        error = cell is not None and isinstance(cell.value, Error)
        return error if kind == "containsErrors" else not error
    if cell is None or rule.word is None:
        return False
    word = rule.word.lower()
    if kind == "containsText":
        return word in text
    if kind == "notContainsText":
        return word not in text
    if kind == "beginsWith":
        return text.startswith(word)
    return text.endswith(word)


def _warnings(sheet: str, skipped: list[Rule]) -> list[str]:
    seen: set[int] = set()
    unique = []
    for rule in skipped:
        if id(rule) not in seen:
            seen.add(id(rule))
            unique.append(rule)
    lines = []
    for rule in unique[:SHOWN_RULES]:
        lines.append(
            f"conditional format rule on {_where(sheet, rule.sqref)} not evaluated: "
            f"{rule.problem}; its cells keep their own fill"
        )
    if len(unique) > SHOWN_RULES:
        lines.append(
            f"sheet {sheet!r}: {len(unique) - SHOWN_RULES} more conditional format rules "
            "not evaluated"
        )
    return lines


def _where(sheet: str, sqref: str) -> str:
    refs = sqref.replace("$", "").split()
    shown = ",".join(refs[:3]) + (",…" if len(refs) > 3 else "")
    return f"{quoted_sheet(sheet)}!{shown}"
