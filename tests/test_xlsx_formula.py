"""Conditional-formatting formulas (issue 13): the subset of Excel's formula language a
rule such as `$E5="Red"` is written in, evaluated as Excel does, references moved from the
rule's top-left cell; and the sample tracker whose RAG column only formula rules colour.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import PatternFill

import actionplan
from actionplan.extract.xlsx_formula import (
    VALUE,
    Error,
    Unsupported,
    Value,
    evaluate,
    holds,
    parse,
)
from tests.conftest import SAMPLES

TRACKERS = SAMPLES / "trackers"

# A sheet's cells by address, as the reader hands them to a formula: text, numbers, blanks.
CELLS: dict[tuple[int, int], Value] = {
    (5, 5): "Red",  # E5
    (6, 5): "  Complete - signed off ",  # E6
    (7, 5): "green",  # E7
    (8, 5): 42.0,  # E8
    (5, 4): 43585.0,  # D5
    (9, 5): Error("#N/A"),  # E9
}


def at(formula: str, row: int = 5, col: int = 6, origin: tuple[int, int] = (5, 6)) -> Value:
    """Evaluate a rule's formula for cell (row, col) of a rule whose range starts at origin."""
    return evaluate(
        parse(formula), lambda r, c: CELLS.get((r, c)), row - origin[0], col - origin[1]
    )


@pytest.mark.parametrize(
    ("formula", "row", "expected"),
    [
        ('$E5="Red"', 5, True),
        ('$E5="red"', 5, True),  # text compares without regard to case
        ('$E5="Red"', 6, False),  # $E5 in F6 is E6
        ('E5="Complete"', 6, False),  # E6 holds more than the word
        ('ISNUMBER(SEARCH("complete",$E5))', 6, True),
        ('ISNUMBER(SEARCH("complete",$E5))', 5, False),  # SEARCH fails: #VALUE!
        ('ISNUMBER(SEARCH("c?mp*off",$E5))', 6, True),  # SEARCH's wildcards
        ('ISNUMBER(FIND("complete",$E5))', 6, False),  # FIND heeds case
        ('LEFT($E5,1)="G"', 7, True),
        ('LEFT(TRIM($E5),8)="Complete"', 6, True),
        ('RIGHT(UPPER($E5),3)="RED"', 5, True),
        ("LEN($E5)=3", 5, True),
        ('AND($E5="Red",$D5<>"")', 5, True),
        ('AND($E5="Red",$D6<>"")', 5, False),  # D6 is empty: "" = ""
        ('OR($E5="Amber",$E5="Red")', 5, True),
        ('NOT($E5="Red")', 5, False),
        ("$E5>40", 8, True),
        ('$E5="42"', 8, False),  # a number never equals text
        ("$E5>40", 5, True),  # but text sorts after every number
        ("$E5=0", 10, True),  # an empty cell is 0 to a number
        ('$E5=""', 10, True),  # and "" to text
        ("ISBLANK($E5)", 10, True),
        ('$E5="Red"', 9, Error("#N/A")),  # an error passes through
        ("ISERROR($E5)", 9, True),
        ('IF($E5="Red",1,0)', 5, 1.0),
        ('EXACT($E5,"red")', 5, False),
        ('$E5&"!"="Red!"', 5, True),
        ("$D5-43584=1", 5, True),
        ('$E$5="Red"', 8, True),  # absolute: E5 in every row
        ("-$E5=-42", 8, True),
        ("TRUE", 5, True),
        ("1/0", 5, Error("#DIV/0!")),
    ],
)
def test_formula_values_are_excels(formula: str, row: int, expected: Value) -> None:
    assert at(formula, row=row) == expected


def test_relative_references_move_with_the_cell_from_the_range_origin() -> None:
    # A rule on F5:H40 written for F5 as `E5="Red"`: G5 reads F5, F6 reads E6.
    assert at('E5="Red"', row=5, col=6) is True
    assert at('E5="Red"', row=5, col=7) is False  # F5 is empty
    assert at("ISBLANK(E5)", row=5, col=7) is True
    assert at('$E5="Red"', row=5, col=8) is True  # the column is fixed


@pytest.mark.parametrize(
    ("formula", "why"),
    [
        ("$D5<TODAY()", "the function TODAY"),
        ("$E5=Lists!$A$1", "the name 'Lists'"),
        ("COUNTIF($E$5:$E$40,$E5)>1", "a range of cells"),
        ("$E5=Status", "the name 'Status'"),
        ("SUM(E5,E9)>1", "the function SUM"),
        ("'Key sheet'!A1=1", '"\'" is not evaluated'),
        ("$E5^2>4", "'^' is not evaluated"),
        ("$E5=", "the formula ends early"),
        ('$E5="Red', "cannot read"),
        ("LEFT()", "LEFT with 0 arguments"),
        ("(" * 100 + "1" + ")" * 100, "nested too deeply"),
    ],
)
def test_what_the_subset_does_not_know_is_refused_at_parse_time(formula: str, why: str) -> None:
    with pytest.raises(Unsupported) as err:
        parse(formula)
    assert why in str(err.value)


def test_a_result_applies_the_format_when_true_or_a_nonzero_number() -> None:
    assert [holds(v) for v in (True, False, 1.0, 0.0, "TRUE", None, VALUE)] == [
        True,
        False,
        True,
        False,
        False,
        False,
        False,
    ]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('$E5F6"Red(),=<>&+-*/ANDORLEFT1 .:!^%')), max_size=40))
def test_any_formula_text_parses_or_is_unsupported_and_never_raises_else(text: str) -> None:
    try:
        node = parse(text)
    except Unsupported:
        return
    result = evaluate(node, lambda r, c: CELLS.get((r, c)), 0, 0)
    assert result is None or isinstance(result, str | float | bool | Error)


def test_the_formula_tracker_reads_rag_from_the_fills_its_rules_paint() -> None:
    plan = actionplan.read(TRACKERS / "housing-tracker-formulas.xlsx")
    got = [(a.ref, a.rag, a.rag_source, a.rag_rgb, a.extra.get("Stage")) for a in plan.actions]
    assert got == [
        ("H1", "Green", "shading", "00B050", "On track"),  # UPPER(LEFT(..,2))="ON"
        ("H2", "Amber", "shading", "FFC000", "At risk"),  # AND(..., $D5<>"")
        ("H3", "Red", "shading", "FF0000", "Delayed"),  # relative E5
        ("H4", "Blue", "shading", "0070C0", "Complete"),  # ISNUMBER(SEARCH(...))
        ("H5", "Green", "shading", "00B050", "on track"),
        ("H6", None, None, None, "Not started"),  # no rule holds: unshaded
    ]
    assert plan.warnings[:2] == [
        "conditional format rule on Actions!D5:D40 not evaluated: "
        "AND(ISNUMBER($D5),$D5<TODAY()) (the function TODAY); its cells keep their own fill",
        "conditional format rule on Actions!G5:G40 not evaluated: $E5=Lists!$A$1 "
        "(the name 'Lists' (a defined name or another sheet)); its cells keep their own fill",
    ]


def _book(tmp_path: Path, rules: list[tuple[str, object]], statuses: list[str]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Actions"
    for i, h in enumerate(["Ref", "Action", "Owner", "Due", "Stage", "RAG"], start=1):
        ws.cell(1, i, h)
    for n, stage in enumerate(statuses, start=2):
        for col, value in enumerate([str(n - 1), f"Action {n - 1}", "Jo", "31/03/2019", stage], 1):
            ws.cell(n, col, value)
    for where, rule in rules:
        ws.conditional_formatting.add(where, rule)
    path = tmp_path / "book.xlsx"
    wb.save(path)
    return path


def _fill(rgb: str) -> PatternFill:
    return PatternFill(bgColor=rgb, fill_type="solid")


def test_the_rule_of_highest_priority_paints_where_several_hold(tmp_path: Path) -> None:
    red, green = _fill("FFFF0000"), _fill("FF00B050")
    path = _book(
        tmp_path,
        [
            ("F2:F9", FormulaRule(formula=['$E2="Late"'], fill=red)),  # priority 1
            ("F2:F9", FormulaRule(formula=["LEN($E2)>0"], fill=green)),  # priority 2
        ],
        ["Late", "Fine"],
    )
    plan = actionplan.read(path)
    assert [(a.ref, a.rag_rgb) for a in plan.actions] == [("1", "FF0000"), ("2", "00B050")]


def test_cell_is_rules_compare_the_cell_with_their_formulas(tmp_path: Path) -> None:
    # A cellIs rule on the Stage column itself; its fill goes to the RAG cell only where
    # the RAG cell is what it colours, so here it colours RAG cells holding numbers.
    path = _book(
        tmp_path,
        [
            ("F2:F9", CellIsRule(operator="between", formula=["1", "3"], fill=_fill("FF00B050"))),
            ("F2:F9", CellIsRule(operator="greaterThan", formula=["3"], fill=_fill("FFFF0000"))),
        ],
        ["a", "b", "c"],
    )
    wb = openpyxl.load_workbook(path)
    for n, score in zip((2, 3, 4), (2, 5, 3), strict=True):
        wb.active.cell(n, 6, score)
    wb.save(path)
    plan = actionplan.read(path)
    assert [a.rag_rgb for a in plan.actions] == ["00B050", "FF0000", "00B050"]


def test_a_rule_not_evaluated_is_warned_once_and_its_cells_keep_their_fill(
    tmp_path: Path,
) -> None:
    path = _book(
        tmp_path,
        [("F2:F40", FormulaRule(formula=["$D2<TODAY()"], fill=_fill("FFFF0000")))],
        ["Late", "Fine", "Late"],
    )
    plan = actionplan.read(path)
    assert [a.rag_rgb for a in plan.actions] == [None, None, None]
    assert (
        plan.warnings.count(
            "conditional format rule on Actions!F2:F40 not evaluated: $D2<TODAY() "
            "(the function TODAY); its cells keep their own fill"
        )
        == 1
    )


def test_a_row_rule_and_a_relative_rule_paint_the_cells_they_hold_for(tmp_path: Path) -> None:
    red, amber = _fill("FFFF0000"), _fill("FFFFC000")
    path = _book(
        tmp_path,
        [
            # Over the whole row, by its Stage column ($E): once a row, the same everywhere.
            ("A2:F9", FormulaRule(formula=['$E2="Late"'], fill=red)),
            # Relative both ways: F reads E (its left neighbour), E reads D.
            ("E2:F9", FormulaRule(formula=['D2="Soon"'], fill=amber)),
        ],
        ["Late", "Soon", "Fine"],
    )
    plan = actionplan.read(path)
    assert [a.rag_rgb for a in plan.actions] == ["FF0000", "FFC000", None]
