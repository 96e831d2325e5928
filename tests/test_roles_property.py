"""Hypothesis: whatever the headings (from the vocabulary or words no list holds), the
column order and the extra columns, the reader finds every column's role; wherever a role
came from the column's contents only, a warning names the heading."""

from __future__ import annotations

import string
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import actionplan
from actionplan.extract.columns import VOCABULARY, heading_role
from tests.docx_builder import row, table, write_docx

pytestmark = pytest.mark.slow

ROLES = ("action", "owner", "due", "update", "rag")
FIRST = ["Sian", "Gareth", "Jane", "Cath", "Paul", "Amira", "Tom", "Rhian", "Dev"]
LAST = ["Evans", "Price", "Hoey", "Thomas", "Rooney", "Khan", "Jones", "Lloyd", "Patel"]
ROLE_TITLES = ["Head of Service", "Team Manager", "Service Manager", "Director of Finance"]
VERBS = ["Publish", "Review", "Audit", "Agree", "Deliver", "Hold", "Train", "Set up"]
OBJECTS = [
    "the threshold guidance for all staff",
    "twenty case files against the practice standards",
    "a workshop with the conference chairs",
    "the quarterly performance report to the board",
    "the recruitment and retention strategy",
]
SENTENCES = [
    "Draft shared with managers.",
    "First audit booked with the team.",
    "Meeting held and actions agreed.",
    "Report presented to the board.",
]
# Statuses that mean something without a key: colours, their letters, "Complete".
RAG_WORDS = ["Red", "Amber", "Green", "Blue", "Complete", "R", "A", "G"]


def _is_unseen(word: str) -> bool:
    return heading_role(word)[0] is None and word.lower() not in {
        p for ps in VOCABULARY.values() for p in ps
    }


unseen = (
    st.text(alphabet=string.ascii_lowercase, min_size=4, max_size=9)
    .map(str.title)
    .filter(_is_unseen)
)
# Headings from the vocabulary, as an author might case them.
known = {
    role: st.sampled_from(sorted(VOCABULARY[role])).map(lambda p: p.title() if p.islower() else p)
    for role in ROLES
}


def _day(draw: st.DrawFn) -> str:
    return f"{draw(st.integers(1, 28)):02d}/{draw(st.integers(1, 12)):02d}/2019"


@st.composite
def cell_for(draw: st.DrawFn, role: str) -> str:
    if role == "action":
        return f"{draw(st.sampled_from(VERBS))} {draw(st.sampled_from(OBJECTS))}"
    if role == "owner":
        names = [
            draw(st.sampled_from(ROLE_TITLES))
            if draw(st.booleans())
            else f"{draw(st.sampled_from(FIRST))} {draw(st.sampled_from(LAST))}"
            for _ in range(draw(st.integers(1, 2)))
        ]
        return ", ".join(names)
    if role == "due":
        return draw(st.one_of(st.just(_day(draw)), st.sampled_from(["Q3 2019/20", "Ongoing"])))
    if role == "update":
        return f"{_day(draw)}: {draw(st.sampled_from(SENTENCES))}"
    if role == "rag":
        return draw(st.sampled_from(RAG_WORDS))
    if role == "figures":
        return str(draw(st.integers(0, 99999)))
    raise AssertionError(role)


@st.composite
def plans(draw: st.DrawFn) -> tuple[list[str], list[str], list[list[str]]]:
    """Return (roles in column order, headings, rows) of a random plan."""
    columns = draw(st.permutations(list(ROLES)))
    extras = draw(st.integers(0, 2))
    for _ in range(extras):
        columns.insert(draw(st.integers(0, len(columns))), "figures")
    headings = []
    for role in columns:
        if role == "figures":
            headings.append(draw(unseen))
        else:
            headings.append(draw(st.one_of(known[role], unseen)))
    # A plan numbers its actions in the first column.
    columns.insert(0, "ref")
    headings.insert(0, draw(st.sampled_from(["Ref", "No.", "#", ""])))
    assume(len({h.lower() for h in headings}) == len(headings))
    n = draw(st.integers(3, 6))
    rows = [
        [str(i + 1) if role == "ref" else draw(cell_for(role)) for role in columns]
        for i in range(n)
    ]
    return columns, headings, rows


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_every_role_is_recovered_whatever_the_headings_and_order(
    plan: tuple[list[str], list[str], list[list[str]]],
) -> None:
    columns, headings, rows = plan
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.docx"
        write_docx(path, [table(row(*headings), *(row(*r) for r in rows))])
        read = actionplan.read(path)
    want = {role: h for role, h in zip(columns, headings, strict=True) if role != "figures"}
    assert read.document.columns == want
    for role, heading in want.items():
        from_content = heading_role(heading)[0] is None
        warned = any(w.startswith(f"column {heading!r} read as") for w in read.warnings)
        assert warned == from_content, (role, heading, read.warnings)
    extras = [h for role, h in zip(columns, headings, strict=True) if role == "figures"]
    for action in read.actions:
        assert sorted(action.extra) == sorted(extras)
    assert len(read.actions) == len(rows)
