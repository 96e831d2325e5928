"""Actions written as paragraphs, not a table (issue 11): minutes that review each action as
an "ACTION JH:" line with a status line and dated progress, reports with one boxed section
or one heading per action. Read into the same records a table gives, less surely."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import actionplan
from actionplan.extract.base import RawCell, RawDocument, RawRow, RawTable
from actionplan.extract.paragraphs import action_line, find_paragraph_actions, status_colour
from tests.docx_builder import cell, para, row, table, write_docx

D = dt.date


def _records(plan: actionplan.Plan) -> list[dict]:
    return [
        {
            "ref": a.ref,
            "action": a.action,
            "owners": a.owners,
            "owner_text": a.owner_text,
            "due": (a.due.text, a.due.date),
            "rag": (a.rag, a.rag_text, a.rag_source),
            "updates": [(u.date, u.text) for u in a.updates],
        }
        for a in plan.actions
    ]


ATTENDANCE = [
    ["Name", "Role", "Present"],
    ["Jane Hoey", "Chair", "Yes"],
    ["Cath Thomas", "Service Manager", "Yes"],
    ["Paul Harris", "Performance Manager", "Apologies"],
]


def _minutes(tmp_path: Path, *lines: str, attendance: bool = True) -> Path:
    body = [para("Minutes of the Practice Review Group"), para("Date of meeting: 12/06/2019")]
    if attendance:
        body.append(table(*(row(*r) for r in ATTENDANCE)))
    body += [para(html.escape(line, quote=False)) for line in lines]
    return write_docx(tmp_path / "minutes.docx", "".join(body))


MINUTES = [
    "1. Welcome and apologies",
    "The chair welcomed members. Apologies were received from Paul Harris.",
    "2. Actions from the last meeting",
    "ACTION JH: Circulate the revised escalation protocol to all team managers",
    "Action completed",
    "03/06/2019: Protocol circulated by email and discussed at the managers' meeting.",
    "ACTION (KT/PR): Audit ten strategy discussions for police attendance",
    "Partially complete",
    "28/05/2019: Six of the ten audits done; the rest booked for 20/06/2019.",
    "Action: SR, BJ – Arrange a workshop with the conference chairs",
    "Carried forward",
    "ACTION MD & AK: Report the agency spend to the finance panel",
    "Outstanding",
    "3. Performance report",
    "Members noted the fall in the number of children subject to a plan.",
    "ACTION PH: Share the monthly dashboard with the board",
    "4. Date of next meeting",
    "The next meeting will be held on 10/07/2019.",
]


def test_minutes_action_lines_give_owners_statuses_and_dated_progress(tmp_path: Path) -> None:
    plan = actionplan.read(_minutes(tmp_path, *MINUTES))
    assert (plan.document.title, plan.document.review_date) == (
        "Minutes of the Practice Review Group",
        D(2019, 6, 12),
    )
    assert _records(plan) == [
        {"ref": None, "action": "Circulate the revised escalation protocol to all team managers",
         "owners": ["JH"], "owner_text": "JH", "due": ("", None),
         "rag": ("Blue", "Action completed", "text"),
         "updates": [(D(2019, 6, 3), "Protocol circulated by email and discussed at the "
                                     "managers' meeting.")]},
        {"ref": None, "action": "Audit ten strategy discussions for police attendance",
         "owners": ["KT", "PR"], "owner_text": "KT/PR", "due": ("", None),
         "rag": ("Amber", "Partially complete", "text"),
         "updates": [(D(2019, 5, 28), "Six of the ten audits done; the rest booked for "
                                      "20/06/2019.")]},
        {"ref": None, "action": "Arrange a workshop with the conference chairs",
         "owners": ["SR", "BJ"], "owner_text": "SR, BJ", "due": ("", None),
         "rag": ("Amber", "Carried forward", "text"), "updates": []},
        {"ref": None, "action": "Report the agency spend to the finance panel",
         "owners": ["MD", "AK"], "owner_text": "MD & AK", "due": ("", None),
         "rag": ("Red", "Outstanding", "text"), "updates": []},
        {"ref": None, "action": "Share the monthly dashboard with the board",
         "owners": ["PH"], "owner_text": "PH", "due": ("", None),
         "rag": (None, "", None), "updates": []},
    ]  # fmt: skip
    # The attendance table is kept as text around the actions, not read as one.
    assert plan.document.other_tables == [ATTENDANCE]


def test_a_paragraph_reading_is_less_sure_than_a_table_and_says_why(tmp_path: Path) -> None:
    plan = actionplan.read(_minutes(tmp_path, *MINUTES))
    assert plan.document.confidence == 0.73
    assert plan.document.confidence_reasons == [
        "actions read from paragraphs, not a table",
        "1 of 5 actions have no status line",
    ]
    assert plan.warnings == [
        "read with low confidence (0.73): actions read from paragraphs, not a table; "
        "1 of 5 actions have no status line"
    ]


def test_minutes_without_action_lines_are_still_refused_as_before(tmp_path: Path) -> None:
    path = _minutes(
        tmp_path,
        "1. Minutes of the last meeting were agreed. No action was needed.",
        "Actions: none arising.",
        "2. Any other business. None.",
    )
    with pytest.raises(actionplan.NotAnActionPlan) as caught:
        actionplan.read(path)
    assert caught.value.message == (
        "no action table found: its largest table (Name, Role, Present) has no column of "
        "actions, no update or status column, no due dates"
    )


def test_a_bare_action_label_counts_only_with_a_status_or_field_line_after_it(
    tmp_path: Path,
) -> None:
    plan = actionplan.read(
        _minutes(
            tmp_path,
            "Actions: the group agreed to meet monthly.",
            "Action: Refresh the thresholds document",
            "Status: Complete",
        )
    )
    assert [(a.action, a.owners, a.rag) for a in plan.actions] == [
        ("Refresh the thresholds document", [], "Blue")
    ]


def test_one_boxed_section_per_action_reads_lead_target_status_and_progress(
    tmp_path: Path,
) -> None:
    def box(title: str, *lines: str) -> str:
        return table(row(cell(title)), row(cell(*lines)))

    body = "".join(
        [
            para("Ofsted Improvement Actions – V2"),
            para("Review date: 19/03/2020"),
            box(
                "Action 1: Introduce a quality assurance panel for transition plans",
                "Lead: Cath Thomas and Sue Rogers",
                "Target date: 16/07/2020",
                "Status: Partially complete",
                "Progress:",
                "07/02/2020: Terms of reference drafted.",
                "03/03/2020: First panel held; six plans reviewed.",
            ),
            box(
                "Action 2: Agree a protocol with the police for joint strategy discussions",
                "Lead: Jane Hoey",
                "Target date: Q1 2020/21",
                "Status: Complete",
                "Progress: 16/02/2020: Protocol signed by both agencies.",
            ),
        ]
    )
    plan = actionplan.read(write_docx(tmp_path / "boxes.docx", body))
    assert (plan.document.title, plan.document.version) == ("Ofsted Improvement Actions", "V2")
    assert _records(plan) == [
        {"ref": "1", "action": "Introduce a quality assurance panel for transition plans",
         "owners": ["Cath Thomas", "Sue Rogers"], "owner_text": "Cath Thomas and Sue Rogers",
         "due": ("16/07/2020", D(2020, 7, 16)),
         "rag": ("Amber", "Partially complete", "text"),
         "updates": [(D(2020, 2, 7), "Terms of reference drafted."),
                     (D(2020, 3, 3), "First panel held; six plans reviewed.")]},
        {"ref": "2", "action": "Agree a protocol with the police for joint strategy discussions",
         "owners": ["Jane Hoey"], "owner_text": "Jane Hoey",
         "due": ("Q1 2020/21", D(2020, 6, 30)),
         "rag": ("Blue", "Complete", "text"),
         "updates": [(D(2020, 2, 16), "Protocol signed by both agencies.")]},
    ]  # fmt: skip
    assert plan.document.confidence_reasons == ["actions read from boxed sections, not a table"]
    assert [(a.provenance.table, a.provenance.row) for a in plan.actions] == [(0, 0), (1, 0)]


def test_a_heading_per_action_reads_the_lines_under_it(tmp_path: Path) -> None:
    body = "".join(
        para(line)
        for line in [
            "Fire Safety Improvement Actions",
            "As at 30/09/2019",
            "Action 1.1 – Implement the new rota system in the emergency department",
            "Lead officer: Bethan Jones",
            "Due: Q4 2019/20",
            "Status: Not started",
            "10/07/2019: Delayed because of vacancies in the performance team.",
            "Action 1.2 – Replace the fire doors on the east wing",
            "Lead officer: Estates Manager",
            "Due: Ongoing",
            "Status: On track",
            "02/07/2019: Contractor appointed.",
            "Works began on the first floor.",
        ]
    )
    plan = actionplan.read(write_docx(tmp_path / "headings.docx", body))
    assert _records(plan) == [
        {"ref": "1.1", "action": "Implement the new rota system in the emergency department",
         "owners": ["Bethan Jones"], "owner_text": "Bethan Jones",
         "due": ("Q4 2019/20", D(2020, 3, 31)), "rag": ("Red", "Not started", "text"),
         "updates": [(D(2019, 7, 10), "Delayed because of vacancies in the performance "
                                      "team.")]},
        {"ref": "1.2", "action": "Replace the fire doors on the east wing",
         "owners": ["Estates Manager"], "owner_text": "Estates Manager",
         "due": ("Ongoing", None), "rag": ("Green", "On track", "text"),
         "updates": [(D(2019, 7, 2), "Contractor appointed.\nWorks began on the first floor.")]},
    ]  # fmt: skip


def test_thin_evidence_is_refused_and_force_reads_it_with_a_warning(tmp_path: Path) -> None:
    path = _minutes(tmp_path, "Action 1: Refresh the thresholds document", attendance=False)
    with pytest.raises(actionplan.NotAnActionPlan) as caught:
        actionplan.read(path)
    assert caught.value.message == (
        "no action table found, and its paragraphs do not read as an action plan: actions "
        "read from paragraphs, not a table; 1 of 1 actions have no status line; no action "
        "names an owner; only one action found; use --force to read it anyway"
    )
    plan = actionplan.read(path, force=True)
    assert [(a.ref, a.action) for a in plan.actions] == [("1", "Refresh the thresholds document")]
    assert plan.document.confidence == 0.4
    assert plan.warnings[-1].startswith(
        "read although it does not look like an action plan (--force): actions read from"
    )


def _doc(lines: list[str], tables: list[RawTable] | None = None) -> RawDocument:
    return RawDocument(path=Path("x.pdf"), format="pdf", body_lines=lines, tables=tables or [])


def test_an_action_line_a_pdf_wrapped_goes_on_in_the_next_line() -> None:
    layout = find_paragraph_actions(
        _doc(
            [
                "ACTION JH: Circulate the revised escalation protocol to all team managers and",
                "the designated leads",
                "Action completed",
                "03/06/2019: Protocol circulated by email and discussed at the managers'",
                "meeting.",
            ]
        )
    )
    [action] = layout.rows
    assert action.cells == {
        "action": "Circulate the revised escalation protocol to all team managers and "
        "the designated leads",
        "owner": "JH",
    }
    assert action.updates == [
        (None, "03/06/2019: Protocol circulated by email and discussed at the managers'\nmeeting.")
    ]
    assert (layout.statuses, layout.owners) == (["Action completed"], [["JH"]])


def test_a_two_cell_box_reads_its_title_cell_and_its_body_cell() -> None:
    box = RawTable(
        rows=[
            RawRow(
                cells=[
                    RawCell("Action A4: Publish the carers' strategy"),
                    RawCell("Responsible officer: Sian Evans\nStatus: Outstanding"),
                ]
            )
        ],
        index=0,
        page=2,
    )
    layout = find_paragraph_actions(_doc(["Carers Plan"], [box]))
    [action] = layout.rows
    assert (action.cells, action.page, action.pages, action.table) == (
        {"action": "Publish the carers' strategy", "ref": "A4", "owner": "Sian Evans"},
        2,
        [2],
        0,
    )
    assert (layout.statuses, layout.owners, layout.reading) == (
        ["Outstanding"],
        [None],
        "boxed sections",
    )


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("ACTION JH: circulate the protocol", ("", "JH", "circulate the protocol", True)),
        ("ACTION (JH/KT): circulate it", ("", "JH/KT", "circulate it", True)),
        ("Action: JH – circulate it", ("", "JH", "circulate it", True)),
        ("Action: J.H., K.T. – circulate it", ("", "J.H., K.T.", "circulate it", True)),
        ("ACTION: circulate it (Jane Hoey)", ("", "Jane Hoey", "circulate it", True)),
        ("ACTION (Jane Hoey/Cath Thomas): go", ("", "Jane Hoey/Cath Thomas", "go", True)),
        ("Action 3: circulate it", ("3", "", "circulate it", True)),
        ("Action 2.1 (JH) – circulate it", ("2.1", "JH", "circulate it", True)),
        ("Cam gweithredu 2: adolygu'r polisi", ("2", "", "adolygu'r polisi", True)),
        ("Actions: the group agreed to meet", ("", "", "the group agreed to meet", False)),
        ("Action Plan Review: the board noted progress", None),
        ("ACTION PLAN: the board noted progress", None),
        ("Update: circulated to all managers", None),
        ("03/06/2019: Action complete and now part of business as usual.", None),
        ("The action was agreed: JH to circulate it", None),
    ],
)  # fmt: skip
def test_an_action_line_is_a_label_then_a_ref_or_owners_then_a_colon_or_dash(
    line: str, read: tuple[str, str, str, bool] | None
) -> None:
    assert action_line(line) == read


@pytest.mark.parametrize(
    ("status", "colour"),
    [
        ("Action completed", "Blue"),
        ("Complete", "Blue"),
        ("Closed", "Blue"),
        ("Partially complete", "Amber"),
        ("Part completed", "Amber"),
        ("Carried forward", "Amber"),
        ("Carried forward to the July meeting", "Amber"),
        ("Outstanding", "Red"),
        ("Not complete", "Red"),
        ("Not started", "Red"),
        ("On track", "Green"),
        ("Amber", "Amber"),
        ("Awaiting a reply", None),
    ],
)
def test_status_words_map_onto_the_rag_colours(status: str, colour: str | None) -> None:
    assert status_colour(status)[0] == colour


_INITIALS = st.text(alphabet="ABCDEFGHJKLMNPRSTW", min_size=2, max_size=3)
_TEXT = st.sampled_from(
    ["circulate the protocol to all team managers", "audit ten case files", "report to the board"]
)
_FORMS = st.sampled_from(
    ["ACTION {o}: {t}", "ACTION ({o}): {t}", "Action: {o} – {t}", "Action {o} – {t}"]
)


@pytest.mark.slow
@given(
    st.lists(_INITIALS, min_size=1, max_size=3), st.sampled_from(["/", ", ", " & "]), _FORMS, _TEXT
)
def test_any_initials_in_any_label_form_are_the_owners(
    owners: list[str], sep: str, form: str, text: str
) -> None:
    line = form.format(o=sep.join(owners), t=text)
    layout = find_paragraph_actions(_doc([line, "Carried forward"]))
    assert [r.cells["action"] for r in layout.rows] == [text]
    assert layout.owners == [owners]
    assert layout.statuses == ["Carried forward"]


_PROSE = st.lists(
    st.sampled_from(
        [
            "The chair welcomed members.",
            "Members noted the fall in the number of children subject to a plan.",
            "No action was needed.",
            "Action completed",
            "03/06/2019: Protocol circulated.",
            "2. Any other business",
            "The action plan was agreed: see the appendix.",
        ]
    ),
    max_size=12,
)


@pytest.mark.slow
@given(_PROSE)
def test_prose_without_an_action_line_gives_no_actions(lines: list[str]) -> None:
    assert not find_paragraph_actions(_doc(lines)).found
