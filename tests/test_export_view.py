"""The one view of a diff and of a history that every report lays out, pinned for V7→V8."""

from __future__ import annotations

import datetime as dt

import actionplan
from actionplan.compare import diff_plans
from actionplan.export.view import diff_view, history_view
from actionplan.export.view_model import (
    ActionItem,
    DueChange,
    OwnersChange,
    Paint,
    RagChange,
    Status,
    WordingChange,
    Words,
)
from actionplan.models import Diff, History, Plan


def refs(items: tuple[ActionItem, ...]) -> list[str]:
    return [f"{i.ref.old}→{i.ref.new}" if i.ref.renumbered else str(i.ref.label) for i in items]


def test_diff_view_names_the_versions_and_the_plan(v7_v8: Diff) -> None:
    view = diff_view(v7_v8)
    assert view.heading == "CP Reduction Action Plan Review: V7 (16/05/2018) → V8 (14/06/2018)"
    assert view.terse_heading == view.heading
    assert (view.old.name, view.old.short) == ("V7 (16/05/2018)", "V7")
    assert (view.new.name, view.new.short) == ("V8 (14/06/2018)", "V8")
    assert view.new.review_date == dt.date(2018, 6, 14)
    assert [(r.colour, r.meaning) for r in view.new.legend] == [
        ("Blue", "Completed"),
        ("Green", "On Track"),
        ("Yellow", "In progress – potential problems"),
        ("Red", "Delayed"),
    ]
    assert view.absent_in == "V8"


def test_diff_view_counts_with_the_labels_reports_show(v7_v8: Diff) -> None:
    view = diff_view(v7_v8)
    assert [(c.label, c.value) for c in view.measures] == [
        ("Actions in new version", 19),
        ("Added", 0),
        ("Removed", 1),
        ("Changed", 9),
        ("Unchanged", 10),
        ("Renumbered", 2),
        ("RAG moved", 2),
        ("Due dates slipped", 1),
        ("New update entries", 6),
        ("Actions with no new update", 13),
        ("Overdue at 14/06/2018", 9),
        ("Earlier entries edited", 1),
        ("Earlier entries removed", 0),
    ]
    assert [str(c) for c in view.statuses] == ["0 added", "1 removed", "9 changed", "10 unchanged"]
    assert [str(c) for c in view.progress] == [
        "6 new update entries",
        "1 due date slipped",
        "9 overdue at 14/06/2018",
        "13 with no new update",
    ]
    assert [(c.label, c.value) for c in view.cards if c.alert] == [
        ("due dates slipped", 1),
        ("no new update", 13),
        ("overdue at 14/06/2018", 9),
        ("earlier entries rewritten", 1),
    ]
    assert view.cards[0].label == "actions in V8"
    assert [(m.old, m.new, m.count) for m in view.rag_moves] == [
        ("Green", "Blue", 1),
        ("Yellow", "Green", 1),
    ]
    assert (view.total, view.renumbered, view.edited_entries, view.removed_entries) == (19, 2, 1, 0)


def test_a_renumbered_only_action_is_listed_unchanged_under_both_refs(v8: Plan) -> None:
    moved = [a.model_copy(update={"ref": "20"}) if a.ref == "19" else a for a in v8.actions]
    view = diff_view(diff_plans(v8, v8.model_copy(update={"actions": moved})))
    assert [(g.title, refs(g.items)) for g in view.groups] == []
    assert refs(view.changes) == []
    assert refs(view.unchanged.items)[-1] == "19→20"
    assert (view.total, view.renumbered) == (19, 1)


def test_diff_view_lists_the_actions_of_each_section(v7_v8: Diff) -> None:
    view = diff_view(v7_v8)
    assert [(g.title, refs(g.items)) for g in view.groups] == [
        ("Removed", ["18"]),
        ("Changed", ["7", "9", "11", "12", "13", "15", "16", "19→18", "20→19"]),
    ]
    assert refs(view.changes) == ["7", "9", "11", "12", "13", "15", "16", "18", "19→18", "20→19"]
    assert view.overdue.title == "Overdue at 14/06/2018"
    assert refs(view.overdue.items) == ["5", "7", "8", "11", "12", "13", "14", "15", "16"]
    assert view.quiet.title == "No new update"
    assert refs(view.quiet.items) == [
        *("1", "2", "3", "4", "5", "6", "7", "8", "10", "12", "13", "14", "17"),
    ]
    assert refs(view.unchanged.items) == ["1", "2", "3", "4", "5", "6", "8", "10", "14", "17"]
    assert [i.days_overdue for i in view.overdue.items] == [
        132,
        125,
        125,
        99,
        60,
        122,
        104,
        122,
        108,
    ]
    (rewrite,) = view.rewritten
    assert (rewrite.ref.label, rewrite.change, rewrite.when) == ("7", "edited", "08/03/2018")


def test_diff_view_says_what_changed_in_each_field(v7_v8: Diff) -> None:
    view = diff_view(v7_v8)
    changed = {refs((i,))[0]: i.changes for i in view.changes if i.changes}
    assert {k: [type(c) for c in v] for k, v in changed.items()} == {
        "11": [RagChange],
        "12": [DueChange],
        "13": [OwnersChange],
        "16": [WordingChange],
        "19→18": [RagChange],
    }
    (due,) = changed["12"]
    assert isinstance(due, DueChange)
    assert (due.old, due.new, due.slip) == ("Mid-March 2018", "Mid-April 2018", "slipped 31 days")
    (owners,) = changed["13"]
    assert isinstance(owners, OwnersChange)
    assert [(w.op, w.text) for w in owners.words] == [
        ("equal", "CP/Court Managers"),
        ("equal", "Cath Thomas"),
        ("insert", "Jane Hoey"),
    ]
    (rag,) = changed["19→18"]
    assert isinstance(rag, RagChange)
    assert (rag.old.colour, rag.new.colour, rag.new.rgb) == ("Green", "Blue", "0070C0")


def test_diff_view_rag_matrix_accounts_for_every_action(v7_v8: Diff) -> None:
    m = diff_view(v7_v8).matrix
    assert [h.key for h in m.rows] == ["Blue", "Green", "Yellow", "Red"]
    assert [h.label or h.key for h in m.cols] == ["Blue", "Green", "Yellow", "Red", "Removed"]
    assert m.counts == ((7, 0, 0, 0, 1), (1, 7, 0, 0, 0), (0, 1, 2, 0, 0), (0, 0, 0, 1, 0))
    assert (m.row_totals, m.col_totals, m.total) == ((8, 8, 3, 1), (8, 8, 2, 1, 1), 20)


def test_diff_view_tables_list_each_sheets_columns(v7_v8: Diff) -> None:
    view = diff_view(v7_v8)
    assert [(t.title, len(t.rows)) for t in view.sheets] == [
        ("Exceptions", 27),
        ("Board", 20),
        ("By owner", 12),
        ("Summary", 27),
        ("Changes", 20),
        ("New updates", 6),
        ("History rewritten", 1),
        ("Overdue", 9),
        ("No new update", 13),
        ("Warnings", 0),
    ]
    changes = view.sheets[4]
    assert changes.headers[:8] == (
        *("Status", "Old ref", "New ref", "Matched by", "Action", "Owners", "Old RAG"),
        "New RAG",
    )
    sixteen = next(r for r in changes.rows if r[2] == "16")
    assert sixteen[0] == Status("changed") and sixteen[5] == "Paul Harris; Performance team"
    assert isinstance(sixteen[6], Paint) and isinstance(sixteen[14], Words)
    assert view.sheets[6].headers[-2:] == ("In V7", "In V8")
    assert view.records.headers[:7] == (
        *("plan", "old_version", "old_review_date", "new_version", "new_review_date"),
        *("as_at", "status"),
    )
    assert len(view.records.rows) == 34  # the removed action's two entries among them


def test_history_view_names_versions_and_notes_each_action(v7: Plan, v8: Plan) -> None:
    history: History = actionplan.history(v7, v8)
    view = history_view(history)
    assert view.heading == "CP Reduction Action Plan Review: history of 2 versions"
    assert [(v.name, v.short, v.column) for v in view.versions] == [
        ("V7 (16/05/2018)", "V7", "V7 (16/05/2018)"),
        ("V8 (14/06/2018)", "V8", "V8 (14/06/2018)"),
    ]
    assert len(view.rows) == 20
    notes = {r.id: [(n.label, n.value) for n in r.notes] for r in view.rows if r.notes}
    # Blue when first seen: when it was done is unknown (the history's own note).
    assert notes["A018"] == [("complete when first seen", "V7"), ("gone after", "V7")]
    assert notes["A019"] == [("completed in", "V8")]
    assert notes["A012"] == [("due moved", "1 time (1 later, +31 days), now 15/04/2018")]
    assert len(notes) == 10
    a018 = next(r for r in view.rows if r.id == "A018")
    assert [p.colour if p else None for p in a018.points] == ["Blue", None]
    assert [t.title for t in view.sheets] == ["History", "Versions"]
    assert view.sheets[0].headers[-2:] == ("V7 (16/05/2018)", "V8 (14/06/2018)")
