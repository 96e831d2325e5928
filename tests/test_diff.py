"""V7→V8 on the samples equals the true change list in samples/v7-to-v8-changes.json."""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import actionplan
from actionplan.compare import build_history, diff_plans
from actionplan.compare.compare import compare_updates
from actionplan.compare.doubts import is_earlier
from actionplan.compare.words import text_words
from actionplan.errors import MixedPlans, VersionsOutOfOrder
from actionplan.models import (
    ActionDiff,
    Diff,
    DocumentInfo,
    EditedUpdate,
    Plan,
    UpdateEntry,
    WordOp,
    latest_update,
)
from actionplan.normalise.text import fold
from tests.conftest import SAMPLES

TRUTH = json.loads((SAMPLES / "v7-to-v8-changes.json").read_text("utf-8"))
DATE_PREFIX = re.compile(r"^\S+\s*[:–-]\s*")


@cache
def plan(name: str) -> Plan:
    return actionplan.read(SAMPLES / name)


def v7_v8(old_ext: str = "docx", new_ext: str = "docx") -> Diff:
    return diff_plans(plan(f"cp-reduction-v7.{old_ext}"), plan(f"cp-reduction-v8.{new_ext}"))


def field_changes(d: Diff) -> set[tuple[str, str | None, str | None]]:
    return {(c.field, a.old_ref, a.new_ref) for a in d.actions for c in a.changes}


def test_summary_counts_match_the_truth() -> None:
    s = v7_v8().summary
    truth = TRUTH["summary"]
    for key in ("added", "removed", "changed", "unchanged", "renumbered"):
        assert getattr(s, key) == truth[key], key
    assert s.rag_moves == {"Green->Blue": 1, "Yellow->Green": 1}
    assert s.edited_updates == 1 and s.removed_updates == 0
    # V7's action 18 is gone with its two entries: removed entries, not history rewritten.
    assert s.removed_action_updates == 2


def test_refs_by_status_match_the_truth() -> None:
    d = v7_v8()
    truth = TRUTH["summary"]
    assert [a.new_ref for a in d.actions if a.status == "changed"] == truth["changed_refs"]
    assert [a.new_ref for a in d.actions if a.status == "unchanged"] == truth["unchanged_refs"]
    assert [a.old_ref for a in d.actions if a.status == "removed"] == truth["removed_old_refs"]
    assert [a.new_ref for a in d.actions if a.new_updates] == truth["update_added_refs"]
    assert [a.new_ref for a in d.actions if a.no_new_update] == truth["no_new_entry_refs"]


def test_renumbered_actions_are_matched_by_content() -> None:
    d = v7_v8()
    renumbered = [(a.old_ref, a.new_ref, a.match) for a in d.actions if a.renumbered]
    assert renumbered == [("19", "18", "text"), ("20", "19", "text")]


def test_a_renumbered_action_with_no_other_change_is_unchanged_and_renumbered() -> None:
    # The contract: `changed` is a field change or an added, edited or removed entry; a new
    # ref alone is neither, so the action is `unchanged` with `renumbered: true`.
    v8 = plan("cp-reduction-v8.docx")
    moved = [a.model_copy(update={"ref": "20"}) if a.ref == "19" else a for a in v8.actions]
    d = diff_plans(v8, v8.model_copy(update={"actions": moved}))
    action = next(a for a in v8.actions if a.ref == "19")
    assert [a for a in d.actions if a.renumbered] == [
        ActionDiff(
            status="unchanged",
            old_ref="19",
            new_ref="20",
            match="text",
            similarity=100.0,
            action=action.action,
            old_rag="Green",
            new_rag="Green",
            renumbered=True,
            no_new_update=True,
            overdue=False,
            due_date=None,
            due_kind="unspecified",
            owners=["The Academy/ Principal Social Worker"],
            complete=False,
            latest_update=latest_update(action.updates),
        )
    ]
    s = d.summary
    assert (s.changed, s.unchanged, s.renumbered) == (0, 19, 1)


def test_the_samples_renumbered_actions_are_changed_for_their_rag_and_new_entries() -> None:
    d = v7_v8()
    renumbered = [a for a in d.actions if a.renumbered]
    got = [
        (a.new_ref, a.status, [c.field for c in a.changes], len(a.new_updates)) for a in renumbered
    ]
    assert got == [("18", "changed", ["rag"], 1), ("19", "changed", [], 1)]


def test_every_field_change_is_in_the_truth_and_nothing_else() -> None:
    d = v7_v8()
    truth = TRUTH["changes"]
    kinds = {"rag", "due", "action", "owners"}
    expected = {(c["kind"], c["old_ref"], c["new_ref"]) for c in truth if c["kind"] in kinds}
    assert field_changes(d) == expected
    by_key = {(c.field, a.new_ref): c for a in d.actions for c in a.changes}
    for c in truth:
        if c["kind"] == "rag":
            got = by_key[("rag", c["new_ref"])]
            assert (got.old, got.new) == (c["old"], c["new"])
        elif c["kind"] == "due":
            got = by_key[("due", c["new_ref"])]
            assert (got.old_text, got.new_text) == (c["old"], c["new"])
            assert got.slippage_days == 31
        elif c["kind"] == "action":
            got = by_key[("action", c["new_ref"])]
            assert (got.old, got.new) == (c["old"], c["new"])
            assert [w.text for w in got.words if w.op == "delete"] == ["data", "identify"]
            assert [w.text for w in got.words if w.op == "insert"] == ["information", "establish"]
        elif c["kind"] == "owners":
            got = by_key[("owners", c["new_ref"])]
            assert (got.old_text, got.new_text) == (c["old"], c["new"])


def test_rewritten_history_is_flagged_with_both_texts() -> None:
    d = v7_v8()
    edited = [(a.new_ref, e) for a in d.actions for e in a.edited_updates]
    truth = [c for c in TRUTH["changes"] if c["kind"] == "update_edited"]
    assert len(edited) == len(truth) == 1
    ref, e = edited[0]
    assert ref == truth[0]["new_ref"] and str(e.date) == truth[0]["date"]
    assert fold(e.old) == DATE_PREFIX.sub("", truth[0]["old"])
    assert fold(e.new) == DATE_PREFIX.sub("", truth[0]["new"])


def test_new_update_entries_are_the_progress_since_v7() -> None:
    d = v7_v8()
    got = {a.new_ref: [(str(u.date), fold(u.text)) for u in a.new_updates] for a in d.actions}
    for c in TRUTH["changes"]:
        if c["kind"] == "update_added":
            assert (c["date"], DATE_PREFIX.sub("", c["new"])) in got[c["new_ref"]]
    assert sum(len(v) for v in got.values()) == 6


def comparable(d: Diff) -> list[dict[str, Any]]:
    return [a.model_dump() for a in d.actions]


@pytest.mark.slow
@pytest.mark.parametrize("old_ext,new_ext", [("pdf", "pdf"), ("pdf", "docx"), ("docx", "pdf")])
def test_the_same_diff_from_pdfs_and_mixed_formats(old_ext: str, new_ext: str) -> None:
    assert comparable(v7_v8(old_ext, new_ext)) == comparable(v7_v8())


def test_a_version_against_itself_is_all_unchanged() -> None:
    v8 = plan("cp-reduction-v8.docx")
    d = diff_plans(v8, v8)
    assert {a.status for a in d.actions} == {"unchanged"}
    assert d.summary.unchanged == 19 and d.summary.changed == 0


def test_swapping_old_and_new_is_refused_and_forced_swaps_added_and_removed() -> None:
    v7, v8 = plan("cp-reduction-v7.docx"), plan("cp-reduction-v8.docx")
    with pytest.raises(VersionsOutOfOrder) as refused:
        diff_plans(v8, v7)
    assert str(refused.value) == (
        f"NEW {SAMPLES}/cp-reduction-v7.docx (V7, 16/05/2018) is an earlier version than OLD "
        f"{SAMPLES}/cp-reduction-v8.docx (V8, 14/06/2018); give the older version first "
        "(--force compares them as given)"
    )
    d = diff_plans(v8, v7, force=True)
    assert (d.summary.added, d.summary.removed) == (1, 0)
    assert [a.new_ref for a in d.actions if a.status == "added"] == ["18"]
    assert d.warnings[:1] == [
        f"NEW {SAMPLES}/cp-reduction-v7.docx (V7, 16/05/2018) is an earlier version than OLD "
        f"{SAMPLES}/cp-reduction-v8.docx (V8, 14/06/2018); compared as forced"
    ]


def test_the_order_is_by_review_date_then_version_on_what_both_documents_say() -> None:
    v8 = plan("cp-reduction-v8.docx")
    doc = v8.document

    def version(date: dt.date | None, label: str | None) -> DocumentInfo:
        return doc.model_copy(update={"review_date": date, "version": label})

    may, june = dt.date(2018, 5, 16), dt.date(2018, 6, 14)
    assert is_earlier(version(may, "V9"), version(june, "V8"))  # the date decides
    assert not is_earlier(version(june, "V7"), version(may, "V8"))
    assert is_earlier(version(None, "V8.9"), version(june, "V8.10"))  # one date: versions
    assert is_earlier(version(june, "V7"), version(june, "V8"))
    assert not is_earlier(version(None, "V7"), version(june, None))  # nothing to compare
    assert not is_earlier(version(june, "V8"), version(june, "Version 8.0"))  # the same


def test_a_diff_of_a_stored_plan_refuses_new_before_old_unless_forced(tmp_path: Path) -> None:
    store = actionplan.Store(tmp_path / "plans.db", create=True)
    with store:
        list(
            store.import_paths(
                [SAMPLES / "cp-reduction-v7.docx", SAMPLES / "cp-reduction-v8.docx"], workers=0
            )
        )
        with pytest.raises(VersionsOutOfOrder):
            actionplan.diff("V8", "V7", plan="CP Reduction", store=store)
        forced = actionplan.diff("V8", "V7", plan="CP Reduction", store=store, force=True)
    assert forced.summary.added == 1 and "earlier version" in forced.warnings[0]


def test_library_diff_reads_like_the_cli() -> None:
    d = actionplan.diff(SAMPLES / "cp-reduction-v7.docx", SAMPLES / "cp-reduction-v8.docx")
    assert d.summary.removed == 1


def test_history_orders_versions_and_keeps_ids_across_renumbering() -> None:
    h = build_history([plan("cp-reduction-v8.pdf"), plan("cp-reduction-v7.docx")])
    assert [v.version for v in h.versions] == ["V7", "V8"]
    by_refs = {"→".join(a.refs): a for a in h.actions}
    assert by_refs["19→18"].completed_in == "V8"
    assert [p.rag if p else None for p in by_refs["19→18"].points] == ["Green", "Blue"]
    dropped = by_refs["18"]
    assert dropped.vanished_after == "V7" and dropped.points[1] is None
    assert len(h.actions) == 20


def test_history_uses_one_document_per_version_and_says_so() -> None:
    h = build_history(
        [plan("cp-reduction-v8.pdf"), plan("cp-reduction-v7.docx"), plan("cp-reduction-v8.docx")]
    )
    assert [v.source.rsplit("/", 1)[-1] for v in h.versions] == [
        "cp-reduction-v7.docx",
        "cp-reduction-v8.docx",
    ]
    assert len(h.warnings) == 1 and "same version" in h.warnings[0]


def test_history_of_two_different_plans_is_refused_in_one_line() -> None:
    with pytest.raises(actionplan.MixedPlans, match="2 plans"):
        build_history([plan("cp-reduction-v8.docx"), plan("workforce-plan-q2.docx")])


def test_an_action_reworded_beyond_recognition_and_renumbered_is_followed_by_its_entries() -> None:
    v7 = plan("cp-reduction-v7.docx")
    rewritten = [
        a.model_copy(update={"ref": "99", "action": "Entirely new wording of this task"})
        if a.ref == "12"
        else a
        for a in v7.actions
    ]
    d = diff_plans(v7.model_copy(update={"actions": rewritten}), plan("cp-reduction-v8.docx"))
    followed = next(a for a in d.actions if a.new_ref == "12")
    assert (followed.old_ref, followed.status, followed.match) == ("99", "changed", "text")
    assert {c.field for c in followed.changes} == {"action", "due"}
    assert d.summary.added == 0 and d.summary.removed == 1


def test_a_stock_entry_shared_by_many_actions_pairs_nothing() -> None:
    v8 = plan("cp-reduction-v8.docx")
    # Actions 1 and 2 both read "15/02/2018: Completed": not evidence of identity.
    old = v8.model_copy(
        update={
            "actions": [
                v8.actions[0].model_copy(update={"ref": "7a", "action": "X"}),
                v8.actions[1],
            ]
        }
    )
    new = v8.model_copy(
        update={
            "actions": [v8.actions[0].model_copy(update={"ref": "1", "action": "Y"}), v8.actions[1]]
        }
    )
    d = diff_plans(old, new)
    assert (d.summary.added, d.summary.removed) == (1, 1)


def test_diffing_two_different_plans_is_refused_unless_forced() -> None:
    other, v8 = plan("workforce-plan-q2.docx"), plan("cp-reduction-v8.docx")
    with pytest.raises(
        MixedPlans, match=r"workforce-plan-q2.docx and \S+cp-reduction-v8.docx are different plans"
    ):
        actionplan.diff(other, v8)
    d = actionplan.diff(other, v8, force=True)
    assert any("different plans" in w for w in d.warnings)
    assert not any("different plans" in w for w in v7_v8().warnings)


def test_a_hyphen_cut_at_a_line_end_or_a_run_of_spaces_is_no_edit_of_an_entry() -> None:
    # A PDF line that ends "mid-" and goes on "May" reads "mid- May" where Word says "mid-May".
    old = [
        UpdateEntry(date=dt.date(2018, 5, 3), date_text="03/05/2018", text="Panel due mid-May."),
        UpdateEntry(date=dt.date(2018, 5, 16), date_text="16/05/2018", text="CP at 188  (14/05)."),
    ]
    new = [
        UpdateEntry(date=dt.date(2018, 5, 3), date_text="03/05/2018", text="Panel due mid- May."),
        UpdateEntry(date=dt.date(2018, 5, 16), date_text="16/05/2018", text="CP at\n188 (14/05)."),
    ]
    assert compare_updates(old, new) == ([], [], [])


def test_an_entry_rewritten_beside_a_layout_artefact_shows_only_the_rewrite() -> None:
    old = [UpdateEntry(date=dt.date(2018, 5, 3), date_text="03/05/2018", text="Due mid-May.")]
    new = [UpdateEntry(date=dt.date(2018, 5, 3), date_text="03/05/2018", text="Held mid- May.")]
    assert compare_updates(old, new) == (
        [],
        [
            EditedUpdate(
                date=dt.date(2018, 5, 3),
                date_text="03/05/2018",
                old="Due mid-May.",
                new="Held mid- May.",
                words=[
                    WordOp(op="delete", text="Due"),
                    WordOp(op="insert", text="Held"),
                    WordOp(op="equal", text="mid-May."),
                ],
            )
        ],
        [],
    )


def test_a_hyphen_before_a_space_and_a_digit_or_alone_is_kept_apart() -> None:
    assert text_words("Q1 - Q2  pre- 2019 mid- May") == ["Q1", "-", "Q2", "pre-", "2019", "mid-May"]


def test_an_action_cut_at_a_hyphen_by_a_pdf_line_has_no_wording_change() -> None:
    v8 = plan("cp-reduction-v8.docx")
    first = v8.actions[0]
    cut = first.model_copy(update={"action": "Review mid- May " + first.action})
    whole = first.model_copy(update={"action": "Review mid-May " + first.action})
    d = diff_plans(
        v8.model_copy(update={"actions": [whole]}), v8.model_copy(update={"actions": [cut]})
    )
    assert [(a.status, a.changes) for a in d.actions] == [("unchanged", [])]


def test_history_says_completed_in_only_where_it_was_completed() -> None:
    h = build_history([plan("cp-reduction-v7.docx"), plan("cp-reduction-v8.docx")])
    done = {a.id: (a.completed_in, a.complete_when_first_seen) for a in h.actions if a.completed_in}
    # A019 (ref 19, then 18) went Green -> Blue in V8; the others were Blue in V7 already.
    assert done == {
        "A001": ("V7", True), "A002": ("V7", True), "A003": ("V7", True), "A004": ("V7", True),
        "A006": ("V7", True), "A010": ("V7", True), "A017": ("V7", True), "A018": ("V7", True),
        "A019": ("V8", False),
    }  # fmt: skip
    from actionplan.export.text_report import history_text

    lines = history_text(h).splitlines()
    assert lines[lines.index(next(x for x in lines if x.startswith("A001"))) + 1].strip() == (
        "complete when first seen V7"
    )
    assert (
        "completed in V8" in lines[lines.index(next(x for x in lines if x.startswith("A019"))) + 1]
    )


def test_history_counts_each_move_of_a_due_date_and_the_slips() -> None:
    v7, v8 = plan("cp-reduction-v7.docx"), plan("cp-reduction-v8.docx")
    twelve = next(i for i, a in enumerate(v8.actions) if a.ref == "12")
    earlier = v8.actions[twelve].due.model_copy(update={"date": dt.date(2018, 4, 1), "end": None})
    v9_actions = list(v8.actions)
    v9_actions[twelve] = v8.actions[twelve].model_copy(update={"due": earlier})
    v9 = v8.model_copy(
        update={
            "actions": v9_actions,
            "document": v8.document.model_copy(
                update={"version": "V9", "review_date": dt.date(2018, 7, 12), "source": "v9"}
            ),
        }
    )
    h = build_history([v9, v7, v8])
    a = next(x for x in h.actions if x.refs == ["12"])
    # V7 15/03 -> V8 15/04 (slipped 31 days) -> V9 01/04 (brought forward): two moves, one slip.
    assert (a.first_due, a.due, a.due_moves, a.slips, a.slip_days) == (
        dt.date(2018, 3, 15), dt.date(2018, 4, 1), 2, 1, 17,
    )  # fmt: skip
    assert [x.id for x in h.actions if x.due_moves] == [a.id]
