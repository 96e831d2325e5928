"""Hypothesis over the whole pipeline: random review-like Word tables are read without an
unexpected exception, and every word of every cell ends up in the record."""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import actionplan
from actionplan.errors import ActionplanError
from tests.docx_builder import cell, para, row, table, write_docx
from tests.test_samples import output_words

# Each property builds and reads a Word file per example: seconds, not milliseconds.
pytestmark = pytest.mark.slow
WORD = re.compile(r"\w+")
HEADINGS = [
    ["", "No.", "Ref", "#"],
    ["Action", "Actions", "Action required"],
    ["Person Responsible", "Lead", "Lead Officer", "Owner"],
    ["By When", "Target Date", "Deadline", "Due"],
    ["Update", "Progress", "Progress Update", "Comments"],
    ["RAG", "Status", "RAG Status"],
]
FILLS = [None, "FF0000", "FFC000", "00B050", "0070C0", "92D050", "FFFFFF"]

# Text an author might type: words, dates in several styles, separators, bullets.
piece = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N")), min_size=1, max_size=9),
    st.sampled_from(
        [
            "08/03/2018:",
            "02/04/18",
            "23.02.18 –",
            "5th March 2019",
            "Update 10/04/2019:",
            "(30/04)",
            "for 07/03/2018",
            "Complete",
            "Amber",
            "G",
            "•",
            "-",
            "&",
            "and",
            "Q3 2019/20",
            "w/c 04/06/18",
            "Ongoing",
            "TBC",
            "&lt;p&gt;",
        ]
    ),
)
cell_text = st.lists(piece, max_size=8).map(" ".join)
paragraphs = st.lists(cell_text, min_size=1, max_size=3)


@st.composite
def plans(draw: st.DrawFn) -> tuple[str, list[list[str]]]:
    cols = draw(st.permutations(range(6)).map(lambda p: sorted(p[: draw(st.integers(3, 6))])))
    heads = [draw(st.sampled_from(HEADINGS[c])) for c in cols]
    body_rows = draw(
        st.lists(
            st.lists(paragraphs, min_size=len(cols), max_size=len(cols)), min_size=1, max_size=6
        )
    )
    rows_xml = [row(*heads)]
    for cells in body_rows:
        fill = draw(st.sampled_from(FILLS))
        rows_xml.append(
            row(
                *[
                    cell(*[para(escape(p)) for p in ps], fill=fill if i == len(cols) - 1 else None)
                    for i, ps in enumerate(cells)
                ]
            )
        )
    words = [w for cells in body_rows for ps in cells for p in ps for w in WORD.findall(p)]
    title = para("CP Reduction Action Plan Review- 14/06/2018 – V8")
    return title + table(*rows_xml), [words]


@settings(deadline=None)
@given(plans())
def test_random_word_plans_read_without_surprises_and_lose_no_word(
    plan: tuple[str, list[list[str]]],
) -> None:
    body, (words,) = plan
    with tempfile.TemporaryDirectory() as tmp:
        path = write_docx(Path(tmp) / "random.docx", body)
        try:
            result = actionplan.read(path)
        except ActionplanError:
            return  # e.g. no action column among the chosen headings: one clear line
    missing = Counter(words) - output_words(result)
    assert not missing, f"lost: {dict(missing)}"


@st.composite
def dumps(draw: st.DrawFn) -> tuple[str, list[str]]:
    cols = draw(st.permutations(range(6)).map(lambda p: sorted(p[: draw(st.integers(3, 6))])))
    heads = [draw(st.sampled_from(HEADINGS[c])) for c in cols]
    body = draw(st.lists(st.lists(paragraphs, min_size=len(cols), max_size=len(cols)), max_size=6))
    lines = ["CP Reduction Action Plan Review- 14/06/2018 – V8", "", "\t".join(heads)]
    for cells in body:
        lines.append("\t".join("".join(f"<p>{p}</p>" for p in ps) for ps in cells))
    words = [w for cells in body for ps in cells for p in ps for w in WORD.findall(p)]
    return "\n".join(lines) + "\n", words


@settings(deadline=None)
@given(dumps())
def test_random_text_dumps_read_without_surprises_and_lose_no_word(
    dump: tuple[str, list[str]],
) -> None:
    text, words = dump
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dump.txt"
        path.write_text(text, "utf-8")
        try:
            result = actionplan.read(path)
        except ActionplanError:
            return
    # clean_text reads the dump's markup: "&lt;p&gt;" is an escaped tag, not words.
    expected = Counter(w for w in words if w not in ("lt", "gt", "p"))
    got = output_words(result)
    missing = expected - got
    assert not missing, f"lost: {dict(missing)}"


@settings(deadline=None, max_examples=50)
@given(plans())
def test_a_plan_against_itself_is_unchanged_and_swapping_swaps(
    plan: tuple[str, list[list[str]]],
) -> None:
    body, _ = plan
    with tempfile.TemporaryDirectory() as tmp:
        try:
            one = actionplan.read(write_docx(Path(tmp) / "a.docx", body))
        except ActionplanError:
            return
    d = actionplan.diff(one, one)
    assert {a.status for a in d.actions} <= {"unchanged"}
    half = one.model_copy(update={"actions": one.actions[: len(one.actions) // 2]})
    forward, backward = actionplan.diff(half, one), actionplan.diff(one, half)
    assert (forward.summary.added, forward.summary.removed) == (
        backward.summary.removed,
        backward.summary.added,
    )
