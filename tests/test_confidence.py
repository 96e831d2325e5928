"""Confidence, never silence: every reading says how sure it is, and documents that are
not action plans are refused with the reason, in one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import actionplan
from actionplan.cli import cli
from tests.conftest import SAMPLE_FILES, SAMPLES, shared_path
from tests.docx_builder import row, table, write_docx

ZOO = SAMPLES / "zoo" / "docs"


@pytest.mark.slow
@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_the_samples_are_read_with_full_confidence(name: str) -> None:
    doc = actionplan.read(SAMPLES / name).document
    assert (doc.confidence, doc.confidence_reasons) == (1.0, [])


# What each near-miss is refused for: the evidence, in the words the user reads.
NEAR_MISSES = {
    "nearmiss-01-risk-register.docx": (
        "its table (Risk ID, Risk, Likelihood, Impact, Score, Mitigation, Owner) does not "
        "read as an action plan: no update or status column; 3 column(s) hold figures; use "
        "--columns to map its columns, or --force to read it anyway"
    ),
    "nearmiss-02-contact-list.docx": (
        "no action table found: its largest table (Name, Role, Organisation, Email, "
        "Telephone) has no column of actions, no update or status column, no due dates"
    ),
    "nearmiss-03-budget.docx": (
        "no action table found: its largest table (Cost centre, Budget 2019/20, Spend to "
        "date, Forecast outturn, Variance) has no column of actions, no update or status "
        "column, 4 column(s) of figures"
    ),
    "nearmiss-04-minutes.docx": (
        "no action table found: its largest table (Name, Role, Present) has no column of "
        "actions, no update or status column, no due dates"
    ),
    "nearmiss-05-form.docx": (
        "no action table found: its largest table (Name of applicant:, Rachel Okafor) has "
        "2 column(s): a list or a form"
    ),
    "nearmiss-06-timetable.docx": (
        "no action table found: its largest table (Time, Monday, Tuesday, Wednesday, "
        "Thursday, Friday) has no column of actions, no update or status column, no due dates"
    ),
    "nearmiss-07-count-table.docx": (
        "no action table found: its largest table (Completed, On track, At risk, Off track) "
        "has no column of actions, no update or status column, no due dates, no owners, "
        "4 column(s) of figures"
    ),
    "nearmiss-08-scorecard.docx": (
        "no action table found: its largest table (Indicator, Target, Actual, RAG, Trend) "
        "has no column of actions, 2 column(s) of figures"
    ),
    "nearmiss-09-agenda.docx": (
        "no action table found: its largest table (Item, Subject, Presenter, Time) has no "
        "column of actions, no update or status column, no due dates, 1 column(s) of figures"
    ),
}


@pytest.mark.parametrize("name", sorted(NEAR_MISSES))
def test_a_document_that_is_not_an_action_plan_is_refused_with_its_reason(name: str) -> None:
    with pytest.raises(actionplan.NotAnActionPlan) as caught:
        actionplan.read(ZOO / name)
    assert caught.value.message == NEAR_MISSES[name]


def test_a_refusal_is_one_line_and_exit_1_and_force_reads_it_with_a_warning() -> None:
    path = ZOO / "nearmiss-01-risk-register.docx"
    refused = CliRunner().invoke(cli, ["extract", str(path)])
    assert refused.exit_code == 1
    assert refused.stderr == f"error: {path}: {NEAR_MISSES[path.name]}\n"
    forced = CliRunner().invoke(cli, ["extract", str(path), "--force"])
    assert forced.exit_code == 0
    plan = actionplan.Plan.model_validate_json(forced.stdout)
    assert plan.document.confidence < 0.5
    assert plan.document.confidence_reasons[:1] == ["no update or status column"]
    assert [a.action for a in plan.actions][:1] == [
        "Loss of experienced staff leads to delays in assessments"
    ]
    assert "read although it does not look like an action plan (--force)" in forced.stderr


def _plan(tmp_path: Path, heads: list[str], rows: list[list[str]]) -> Path:
    path = tmp_path / "plan 15.03.2019.docx"  # its review date, or a warning says it has none
    write_docx(path, [table(row(*heads), *(row(*r) for r in rows))])
    return path


ROWS = [
    ["1", "Publish the revised threshold guidance", "Jane Hoey", "31/03/2019",
     "12/03/2019: Draft shared with managers.", "Green"],
    ["2", "Audit twenty case files each quarter", "Cath Thomas", "Q3 2019/20",
     "14/03/2019: First audit booked.", "Amber"],
    ["3", "Hold a workshop with the conference chairs", "Paul Rooney", "Ongoing",
     "15/03/2019: Date agreed.", "Red"],
]  # fmt: skip


def test_a_column_the_vocabulary_does_not_know_is_read_from_its_contents_with_a_warning(
    tmp_path: Path,
) -> None:
    path = _plan(tmp_path, ["No", "Action", "Led by", "Wanneer", "Progress", "RAG"], ROWS)
    plan = actionplan.read(path)
    assert plan.document.columns["due"] == "Wanneer"
    assert [a.due.date.isoformat() for a in plan.actions if a.due.date] == [
        "2019-03-31",
        "2019-12-31",
    ]
    assert plan.warnings == [
        "column 'Wanneer' read as the due date: its heading is not one actionplan knows, "
        "but it holds dates and timescales"
    ]
    assert plan.document.confidence == 0.96
    assert plan.document.confidence_reasons == [
        "the due column ('Wanneer') was recognised by its contents only"
    ]


def test_columns_named_by_the_user_are_taken_as_given(tmp_path: Path) -> None:
    heads = ["No", "Action", "Person", "Milestone", "Notes", "Colour"]
    path = _plan(tmp_path, heads, ROWS)
    plan = actionplan.read(path, columns={"owner": "Person", "due": "Milestone"})
    assert plan.document.columns["owner"] == "Person"
    assert [a.owners for a in plan.actions] == [["Jane Hoey"], ["Cath Thomas"], ["Paul Rooney"]]
    result = CliRunner().invoke(
        cli, ["-q", "extract", str(path), "--columns", "owner=Person,due=Milestone"]
    )
    assert result.exit_code == 0, result.stderr
    assert actionplan.Plan.model_validate_json(result.stdout).actions == plan.actions


def test_a_column_named_by_the_user_that_no_header_holds_is_refused(tmp_path: Path) -> None:
    path = _plan(tmp_path, ["No", "Action", "Lead", "Due", "Progress", "RAG"], ROWS)
    with pytest.raises(actionplan.NoActionTable, match="due='Target'"):
        actionplan.read(path, columns={"due": "Target"})
    bad = CliRunner().invoke(cli, ["extract", str(path), "--columns", "when=Due"])
    assert bad.exit_code == 2 and "give ROLE=HEADING" in bad.stderr


def test_a_data_row_with_prose_about_updates_is_never_the_header(tmp_path: Path) -> None:
    # The row above the real headings is prose that mentions "update", "task", "leads to".
    prose = [
        "This update sets out the task list agreed by the board, which leads to the plan below",
        "", "", "", "", "",
    ]  # fmt: skip
    path = tmp_path / "plan 15.03.2019.docx"
    write_docx(
        path,
        [table(row(*prose), row("No", "Action", "Lead", "Due", "Progress", "RAG"),
               *(row(*r) for r in ROWS))],
    )  # fmt: skip
    plan = actionplan.read(path)
    assert [a.ref for a in plan.actions] == ["1", "2", "3"]
    assert plan.document.preamble == [prose[0]]
    assert plan.warnings == [
        "the action table's headings are in row 2 of its table; the rows above them are "
        "kept as text around the table"
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("rel", "start"),
    [
        ("camelot/medicine.pdf", "its table (Med No, Item Sr. No, Drug name, Category, "),
        ("camelot/split_text_lattice.pdf", "its table (S. No., Name of Licensee, "),
    ],
)
def test_real_tables_that_are_not_plans_are_refused(rel: str, start: str) -> None:
    # Found reading shared/realworld: a list of medicines and a register of licensees
    # were read as plans of 26 and 43 "actions" until their roles were weighed.
    with pytest.raises(actionplan.NotAnActionPlan) as caught:
        actionplan.read(shared_path("realworld", *rel.split("/")))
    assert caught.value.message.startswith(start)
    assert "no update or status column" in caught.value.message
