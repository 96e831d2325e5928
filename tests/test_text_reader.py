"""The text-dump reader: the seed's conventions, other encodings, and arbitrary input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import actionplan
from actionplan.extract.text_reader import read_text

WORD = re.compile(r"\w+")


def test_cp1252_dump_is_read_with_a_warning(tmp_path: Path, samples: Path) -> None:
    text = (samples / "cp-reduction-v8.txt").read_text("utf-8")
    path = tmp_path / "v8-cp1252.txt"
    path.write_bytes(text.encode("cp1252", errors="replace"))
    plan = actionplan.read(path)
    assert len(plan.actions) == 19
    assert plan.actions[2].updates[1].text == "Complete – regular updates ongoing"
    assert any("Windows-1252" in w for w in plan.warnings)


def test_page_title_lines_are_page_breaks_not_rows(samples: Path) -> None:
    doc = read_text(samples / "cp-reduction-v8.txt")
    assert doc.pages == 6
    assert set(doc.header_lines) == {"CP Reduction Action Plan Review- 14/06/2018 – V8"}
    assert [t.page for t in doc.tables] == [1, 2, 3, 4, 5, 6]


@pytest.mark.slow
def test_a_huge_cell_is_read_whole(tmp_path: Path) -> None:
    update = "08/03/2018: " + "progress noted " * 200_000
    path = tmp_path / "huge.txt"
    path.write_text(f"\tAction\tLead\tDue\tUpdate\tRAG\n1\tDo it\tJo\t12/01/18\t{update}\tGreen\n")
    plan = actionplan.read(path)
    assert len(plan.actions[0].updates[0].text) == len(update) - len("08/03/2018: ") - 1


cell_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters="\t\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029",
    ),
    max_size=60,
)


@pytest.mark.slow
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(rows=st.lists(st.lists(cell_text, min_size=1, max_size=7), max_size=12))
def test_any_dump_is_read_without_losing_a_cell_word(tmp_path: Path, rows: list[list[str]]) -> None:
    path = tmp_path / "dump.txt"
    path.write_text("\n".join("\t".join(r) for r in rows), "utf-8")
    doc = read_text(path)
    got = " ".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    got += " " + " ".join(doc.header_lines + doc.body_lines)
    want = [w for r in rows for c in r for w in WORD.findall(re.sub(r"<[^>]*>", " ", c))]
    have = set(WORD.findall(got))
    assert [w for w in want if w not in have] == []
