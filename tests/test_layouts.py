"""Layouts met in the wild (DOMAIN.md, "Other layouts"), one named fixture each."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import actionplan
from tests.docx_builder import cell, para, row, table, write_docx

TITLE = para("Workforce Plan Review- 30/06/2019 – V4")


def test_one_progress_column_per_review_dates_entries_by_heading(tmp_path: Path) -> None:
    body = TITLE + table(
        row(
            "No.",
            "Action",
            "Lead",
            "Deadline",
            "Progress at 31/03/2019",
            "Progress at 30/06/2019",
            "RAG",
        ),
        row(
            "1",
            "Recruit panel",
            "Sarah Mitchell",
            "March 2019",
            "Panel agreed",
            "12/06/2019: Panel met twice",
            "G",
        ),
    )
    plan = actionplan.read(write_docx(tmp_path / "columns.docx", body))
    a = plan.actions[0]
    assert [(u.date, u.date_text, u.text) for u in a.updates] == [
        (dt.date(2019, 3, 31), "31/03/2019", "Panel agreed"),
        (dt.date(2019, 6, 12), "12/06/2019", "Panel met twice"),
    ]
    assert (a.rag, a.rag_source) == ("Green", "text")


def test_one_table_per_page_with_a_row_continuing_at_the_top(tmp_path: Path) -> None:
    heads = ("", "Action", "Person Responsible", "By When", "Update", "RAG")
    body = (
        TITLE
        + table(
            row(*heads),
            row("1", "First action", "Jane Hoey", "12/01/18", "08/03/2018: started and"),
        )
        + para("")
        + table(
            row(*heads),
            row("", "", "", "", "continued on the next page"),
            row("2", "Second action", "Cath Thomas", "Ongoing", "03/05/2018: done"),
        )
    )
    plan = actionplan.read(write_docx(tmp_path / "pasted.docx", body))
    assert [a.ref for a in plan.actions] == ["1", "2"]
    assert plan.actions[0].updates[0].text == "started and continued on the next page"
    assert plan.warnings == []


def test_rag_letters_with_a_key_table(tmp_path: Path) -> None:
    body = (
        TITLE
        + table(
            row("Ref", "Actions", "Owner", "Due", "Comments", "Status"),
            row("A1", "Audit", "Jo", "31/12/2019", "", "C"),
            row("A2", "Review", "Jo", "31/12/2019", "", "A"),
        )
        + table(
            row(cell("B", fill="0070C0"), "Complete"),
            row(cell("A", fill="FFC000"), "Some risk"),
        )
    )
    plan = actionplan.read(write_docx(tmp_path / "letters.docx", body))
    assert [(a.ref, a.rag) for a in plan.actions] == [("A1", "Blue"), ("A2", "Amber")]
    assert plan.actions[0].rag_label == "Complete"


def test_owner_merged_down_over_two_actions_belongs_to_both(tmp_path: Path) -> None:
    body = TITLE + table(
        row("Ref", "Action", "Lead Officer", "Target Date", "Progress", "RAG Status"),
        row("1.1", "First", cell("Sarah Mitchell", vmerge="restart"), "Ongoing", "", "Green"),
        row("1.2", "Second", cell("", vmerge="continue"), "Ongoing", "", "Amber"),
    )
    plan = actionplan.read(write_docx(tmp_path / "merged.docx", body))
    assert [a.owners for a in plan.actions] == [["Sarah Mitchell"], ["Sarah Mitchell"]]


def test_a_key_written_as_lines_below_the_table_is_the_legend(tmp_path: Path) -> None:
    body = (
        TITLE
        + table(
            row("", "Action", "Lead", "By When", "Update", "RAG"),
            row("1", "Audit", "Jo", "31/12/2019", "", cell("", fill="92D050")),
        )
        + para("Key:")
        + para("Green – On Track")
        + para("Amber = Some risk")
        + para("Red: Delayed")
    )
    plan = actionplan.read(write_docx(tmp_path / "key-lines.docx", body))
    assert [(e.colour, e.label) for e in plan.document.rag_legend] == [
        ("Green", "On Track"),
        ("Amber", "Some risk"),
        ("Red", "Delayed"),
    ]
    assert (plan.actions[0].rag, plan.actions[0].rag_label) == ("Green", "On Track")


def test_other_tables_and_title_rows_inside_the_table_are_kept(tmp_path: Path) -> None:
    body = (
        TITLE
        + table(row("Approved by", "Board"), row("Date", "01/07/2019"))
        + table(
            row(cell("CP Reduction – actions", span=6)),
            row("", "Action", "Lead", "By When", "Update", "RAG"),
            row("1", "Audit", "Jo", "31/12/2019", "", ""),
        )
    )
    plan = actionplan.read(write_docx(tmp_path / "extra.docx", body))
    assert plan.document.other_tables == [[["Approved by", "Board"], ["Date", "01/07/2019"]]]
    assert plan.document.preamble == ["CP Reduction – actions"]
    assert [a.ref for a in plan.actions] == ["1"]
