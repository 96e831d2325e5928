"""Hypothesis over diff_plans: the diff of NEW against OLD mirrors the diff of OLD against
NEW, for any two versions made from the samples by dropping and adding actions and entries."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import actionplan
from actionplan.compare import diff_plans
from actionplan.models import Action, ActionDiff, Diff, Plan, UpdateEntry
from tests.conftest import SAMPLES

# Each example diffs two plans of about twenty actions twice: a tenth of a second.
pytestmark = pytest.mark.slow


@cache
def sample(name: str) -> Plan:
    return actionplan.read(SAMPLES / name)


@st.composite
def versions(draw: st.DrawFn, base: Plan, extra: Plan) -> Plan:
    """Return the base plan with some actions and entries dropped, and some of extra's added."""
    actions: list[Action] = []
    for a in base.actions:
        if draw(st.booleans()) and draw(st.booleans()):  # a quarter of the actions go
            continue
        keep = draw(st.lists(st.booleans(), min_size=len(a.updates), max_size=len(a.updates)))
        updates = [u for u, k in zip(a.updates, keep, strict=True) if k or not draw(st.booleans())]
        actions.append(a.model_copy(update={"updates": updates}))
    for a in draw(st.lists(st.sampled_from(extra.actions), max_size=3, unique_by=id)):
        actions.insert(
            draw(st.integers(0, len(actions))), a.model_copy(update={"ref": f"X{a.ref}"})
        )
    return base.model_copy(update={"actions": actions})


def pairs() -> st.SearchStrategy[tuple[Plan, Plan]]:
    v7, v8 = sample("cp-reduction-v7.docx"), sample("cp-reduction-v8.docx")
    return st.sampled_from([(v7, v8), (v8, v7), (v8, v8), (v7, v7)]).flatmap(
        lambda p: st.tuples(versions(*p), versions(p[0], p[1]))
    )


def _removed_entries(d: Diff) -> int:
    return d.summary.removed_updates + d.summary.removed_action_updates


@settings(deadline=None, max_examples=100)
@given(pairs())
def test_diff_of_new_against_old_mirrors_old_against_new(pair: tuple[Plan, Plan]) -> None:
    a, b = pair
    # Forced: half the pairs are V8 against V7 (diff refuses a NEW earlier than OLD).
    ab, ba = diff_plans(a, b, force=True), diff_plans(b, a, force=True)
    assert (ab.summary.added, ab.summary.removed) == (ba.summary.removed, ba.summary.added)
    assert ab.summary.new_updates == _removed_entries(ba)
    assert _removed_entries(ab) == ba.summary.new_updates
    assert ab.summary.removed_action_updates == sum(
        len(d.new_updates) for d in ba.actions if d.status == "added"
    )
    assert ab.summary.unchanged == ba.summary.unchanged
    assert ab.summary.changed == ba.summary.changed
    assert ab.summary.edited_updates == ba.summary.edited_updates


def test_a_removed_actions_entries_are_its_removed_updates_not_history_rewritten() -> None:
    entries = [
        UpdateEntry(date=None, date_text=None, text="Audit planned."),
        UpdateEntry(date=None, date_text=None, text="Audit held; report to follow."),
    ]
    v8 = sample("cp-reduction-v8.docx")
    gone = v8.actions[0].model_copy(
        update={
            "ref": "30",
            "action": "Audit a sample of ICPCs",
            "rag": "Green",
            "updates": entries,
        }
    )
    old = v8.model_copy(update={"actions": [*v8.actions, gone]})
    d = diff_plans(old, v8)
    assert [x for x in d.actions if x.status == "removed"] == [
        ActionDiff(
            status="removed",
            old_ref="30",
            action="Audit a sample of ICPCs",
            removed_updates=entries,
            old_rag="Green",
            # How it stood in OLD: action 1's due date, owner and label ("Completed").
            due_kind="date",
            owners=list(gone.owners),
            complete=True,
            latest_update=entries[-1],
        )
    ]
    assert (d.summary.removed_updates, d.summary.removed_action_updates) == (0, 2)
    back = diff_plans(v8, old, force=True)
    assert [len(x.new_updates) for x in back.actions if x.status == "added"] == [2]
    assert back.summary.new_updates == 2
