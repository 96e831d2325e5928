"""The bundled samples: golden files, the same plan across formats, and nothing lost."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import actionplan
from actionplan.extract.layout import grid, heading_key
from actionplan.models import Plan
from actionplan.normalise.text import fold
from actionplan.pipeline import read_raw
from tests.conftest import GOLDEN, SAMPLE_FILES, SAMPLES, regenerate

# Every sample in every format is read (PDFs too): the quick run leaves the goldens out.
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("pdf_engine")]

WORD = re.compile(r"\w+")


@pytest.fixture(scope="module")
def plans(pdf_engine: str) -> dict[str, Plan]:
    return {name: actionplan.read(SAMPLES / name) for name in SAMPLE_FILES}


# Fields added after the goldens were made are pinned by their own tests, so that the
# goldens stay the bytes they were (test_confidence.py pins the samples' confidence).
LATER_FIELDS = ("confidence", "confidence_reasons", "sheet")


def golden_view(plan: Plan) -> dict[str, Any]:
    data = plan.to_dict()
    data["document"]["source"] = Path(data["document"]["source"]).name
    for name in LATER_FIELDS:
        del data["document"][name]
    return data


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_sample_matches_its_golden_file(name: str, plans: dict[str, Plan]) -> None:
    golden = GOLDEN / f"{name}.json"
    actual = golden_view(plans[name])
    regenerate(golden, json.dumps(actual, indent=2, ensure_ascii=False) + "\n")
    assert golden.exists(), f"no golden file {golden.name}: run ACTIONPLAN_REGEN=1 pytest"
    assert actual == json.loads(golden.read_text("utf-8"))


def comparable(plan: Plan) -> list[dict[str, Any]]:
    """The fields every format must agree on, whitespace folded (PDF wraps lines)."""
    return [
        {
            "ref": a.ref,
            "action": fold(a.action),
            "owners": a.owners,
            "owner_text": a.owner_text,
            "due": a.due.model_dump(),
            "updates": [(u.date, u.date_text, fold(u.text)) for u in a.updates],
            "update_text": fold(a.update_text),
            "section": a.section,
        }
        for a in plan.actions
    ]


@pytest.mark.parametrize("other", ["cp-reduction-v8.docx", "cp-reduction-v8.pdf"])
def test_v8_reads_the_same_from_text_word_and_pdf(other: str, plans: dict[str, Plan]) -> None:
    text = comparable(plans["cp-reduction-v8.txt"])
    assert len(text) == 19
    assert [a["ref"] for a in text] == [str(i) for i in range(1, 20)]
    assert comparable(plans[other]) == text


@pytest.mark.parametrize("stem", ["cp-reduction-v7", "workforce-plan-q2"])
def test_word_and_pdf_agree(stem: str, plans: dict[str, Plan]) -> None:
    assert comparable(plans[f"{stem}.pdf"]) == comparable(plans[f"{stem}.docx"])


@pytest.mark.parametrize(
    "name",
    ["cp-reduction-v8.docx", "cp-reduction-v8.pdf", "cp-reduction-v7.docx", "cp-reduction-v7.pdf"],
)
def test_rag_from_shading_is_the_colour_the_sample_script_painted(
    name: str, plans: dict[str, Plan]
) -> None:
    stem = name.rsplit(".", 1)[0]
    painted = json.loads((SAMPLES / f"{stem}.rag.json").read_text())
    plan = plans[name]
    assert {a.ref: a.rag for a in plan.actions} == painted
    assert all(a.rag_source == "shading" for a in plan.actions)
    labels = {e.colour: e.label for e in plan.document.rag_legend}
    assert labels == {
        "Blue": "Completed",
        "Green": "On Track",
        "Yellow": "In progress – potential problems",
        "Red": "Delayed",
    }
    assert all(a.rag_label == labels[a.rag] for a in plan.actions if a.rag)


def output_words(plan: Plan) -> Counter[str]:
    """Words of every structured field (not update_text, which repeats the entries)."""
    parts: list[str] = [*plan.document.headings, *plan.document.preamble]
    parts += [c for t in plan.document.other_tables for r in t for c in r]
    for e in plan.document.rag_legend:
        parts += [e.colour, e.label]
    parts += plan.document.sections
    for a in plan.actions:
        parts += [a.ref or "", a.action, a.owner_text, a.due.text, a.rag_text]
        parts += [*a.extra.keys(), *a.extra.values()]
        for u in a.updates:
            parts += [u.lead or "", u.date_text or "", u.text]
    return Counter(w for p in parts for w in WORD.findall(p))


def cell_words(path: Path) -> Counter[str]:
    """Words of every table cell, counting a repeated header row once."""
    raw, _ = read_raw(path)
    words: Counter[str] = Counter()
    headers: set[tuple[str, ...]] = set()
    for table in raw.tables:
        for row in table.rows:
            cells = grid(row)
            texts = [c.text if c else "" for c in cells]
            key = tuple(heading_key(t) for t in texts)
            if key in headers:
                continue
            if row.is_header or any(t in ("action", "actions", "action required") for t in key):
                headers.add(key)
            seen_in_row: set[str] = set()
            for c in cells:
                # A merged cell repeated by the reader is one cell, not two.
                if c is None or (c.merged_above and not c.text) or id(c) in seen_in_row:
                    continue
                words.update(WORD.findall(c.text))
    return words


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_every_word_of_every_cell_is_in_the_output(name: str, plans: dict[str, Plan]) -> None:
    missing = cell_words(SAMPLES / name) - output_words(plans[name])
    assert not missing, f"words lost: {dict(missing)}"


def test_workforce_plan_has_its_expected_values(plans: dict[str, Plan]) -> None:
    expected = json.loads((SAMPLES / "workforce-plan-q2.expected.json").read_text())
    plan = plans["workforce-plan-q2.docx"]
    assert str(plan.document.review_date) == expected["review_date"]
    assert plan.document.title == expected["title"].split(" 30/09/2019")[0]
    got = {a.ref: a for a in plan.actions}
    assert [a.ref for a in plan.actions] == [e["ref"] for e in expected["actions"]]
    for e in expected["actions"]:
        a = got[e["ref"]]
        assert a.action == e["action"], e["ref"]
        assert a.owners == e["owners"], e["ref"]
        assert a.section == e["section"], e["ref"]
        assert a.rag_text == e["status"], e["ref"]
        assert (a.due.text, a.due.kind) == (e["due_text"], e["due_kind"]), e["ref"]
        due_date = str(a.due.date) if a.due.date else None
        assert due_date == e["due_date"], e["ref"]
        assert [str(u.date) for u in a.updates if u.date] == e["entry_dates"], e["ref"]
