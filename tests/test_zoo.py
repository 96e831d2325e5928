"""The layout zoo (samples/zoo): plans written the way other authors write them, each read
and compared field by field with the data the generator wrote it from."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

import actionplan
from tests.conftest import SAMPLES

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("pdf_engine")]

ZOO = SAMPLES / "zoo"
# Below this share of right answers on any field, the reader has regressed.
FLOOR = 0.98


def _score_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_zoo", ZOO / "score_zoo.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["score_zoo"] = module
    spec.loader.exec_module(module)
    return module


score = _score_module()
DOCUMENTS = sorted(p for p in (ZOO / "docs").iterdir() if p.suffix in (".docx", ".pdf"))
PLANS = [p for p in DOCUMENTS if not p.name.startswith("nearmiss")]
NEAR_MISSES = [p for p in DOCUMENTS if p.name.startswith("nearmiss")]


def _expected(path: Path) -> dict:
    import json

    return json.loads((ZOO / "expected" / f"{path.stem}.json").read_text("utf-8"))


def test_the_zoo_holds_the_layouts_the_issue_asks_for() -> None:
    assert len([p for p in PLANS if p.suffix == ".docx"]) >= 40
    assert len([p for p in PLANS if p.suffix == ".pdf"]) >= 15
    assert len({p.stem for p in NEAR_MISSES}) >= 8


@pytest.fixture(scope="module")
def scores(pdf_engine: str) -> list[dict]:
    return [score.score_plan(p, _expected(p)) for p in PLANS]


@pytest.mark.parametrize("field", score.DOC_FIELDS + score.ACTION_FIELDS)
def test_every_field_of_the_zoo_is_read_right_at_least_98_percent_of_the_time(
    scores: list[dict], field: str
) -> None:
    hits = sum(s["hits"][field] for s in scores)
    total = sum(s["totals"][field] for s in scores)
    wrong = sorted({s["doc"] for s in scores if s["hits"][field] < s["totals"][field]})
    assert hits / total >= FLOOR, f"{field}: {hits}/{total}; wrong in {', '.join(wrong)}"


def test_no_zoo_plan_is_refused(scores: list[dict]) -> None:
    assert [s["error"] for s in scores if "error" in s] == []


@pytest.mark.parametrize("path", NEAR_MISSES, ids=lambda p: p.name)
def test_every_near_miss_is_refused(path: Path) -> None:
    with pytest.raises(actionplan.NotAnActionPlan):
        actionplan.read(path)


def _records(plan: actionplan.Plan) -> list[dict]:
    """Return what a plan says, with runs of whitespace folded, for comparing formats."""
    out = []
    for a in plan.actions:
        out.append(
            {
                "ref": a.ref,
                "action": " ".join(a.action.split()),
                "owners": a.owners,
                "due": (" ".join(a.due.text.split()), a.due.kind, a.due.date, a.due.end),
                "updates": [(u.date, " ".join(u.text.split())) for u in a.updates],
                "rag": a.rag,
                "section": a.section,
            }
        )
    doc = plan.document
    return [{"title": doc.title, "review_date": doc.review_date, "version": doc.version}, *out]


BOTH = [p for p in PLANS if p.suffix == ".pdf" and p.with_suffix(".docx").exists()]


@pytest.mark.parametrize("pdf", BOTH, ids=lambda p: p.stem)
def test_a_zoo_plan_reads_the_same_from_word_and_from_its_pdf(pdf: Path) -> None:
    assert _records(actionplan.read(pdf)) == _records(actionplan.read(pdf.with_suffix(".docx")))
