"""Compare two versions of a plan: what a governance board asks of V7→V8.

Text is compared on its words (compare/words.py): whitespace folded and a
hyphen cut at a line end joined, so a PDF's wrapped lines and a Word
document's paragraphs compare equal: V7.pdf against V8.docx gives the same
answer as .docx against .docx.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
from typing import Any

from actionplan.compare.damage import damage_warnings
from actionplan.compare.doubts import doubts
from actionplan.compare.match import Pair, match_actions
from actionplan.compare.words import folded, text_words, word_diff
from actionplan.models import (
    Action,
    ActionDiff,
    Diff,
    DiffSummary,
    EditedUpdate,
    FieldChange,
    Plan,
    UpdateEntry,
    latest_update,
)
from actionplan.normalise.text import fold
from actionplan.rules import means_complete


def _same_words(a: str, b: str) -> bool:
    return text_words(a) == text_words(b)


def is_complete(action: Action) -> bool:
    """Say whether an action's RAG (its legend label, or the word written) means complete."""
    if means_complete(action.rag_label or action.rag_text):
        return True
    # With no legend, blue is the usual colour of a completed action.
    return not action.rag_label and not action.rag_text and action.rag == "Blue"


def due_limit(action: Action) -> dt.date | None:
    """Return the date an action is due by: its date, or a range's end."""
    return action.due.end or action.due.date


def is_overdue(action: Action, review_date: dt.date | None) -> bool:
    """Say whether an action was past due and not complete at the review date."""
    if review_date is None or action.due.kind in ("recurring", "ongoing", "unspecified"):
        return False
    limit = due_limit(action)
    return limit is not None and limit < review_date and not is_complete(action)


def _entry_key(u: UpdateEntry) -> tuple[dt.date | None, str]:
    # Entries are compared on their words, so a layout artefact is never rewritten history.
    return (u.date, folded(u.text))


def compare_updates(
    old: list[UpdateEntry], new: list[UpdateEntry]
) -> tuple[list[UpdateEntry], list[EditedUpdate], list[UpdateEntry]]:
    """Return the entries NEW added, the earlier ones it rewrote, and those it dropped."""
    remaining = Counter(_entry_key(u) for u in new)
    old_left: list[UpdateEntry] = []
    for u in old:
        key = _entry_key(u)
        if remaining[key]:
            remaining[key] -= 1
        else:
            old_left.append(u)
    new_left: list[UpdateEntry] = []
    for u in new:
        key = _entry_key(u)
        if remaining[key]:
            remaining[key] -= 1
            new_left.append(u)
    edited: list[EditedUpdate] = []
    removed: list[UpdateEntry] = []
    for u in old_left:
        twin = next((v for v in new_left if v.date == u.date and _similar(u, v)), None)
        if twin is None:
            removed.append(u)
            continue
        new_left.remove(twin)
        edited.append(
            EditedUpdate(
                date=u.date,
                date_text=twin.date_text,
                old=u.text,
                new=twin.text,
                words=word_diff(u.text, twin.text),
            )
        )
    return new_left, edited, removed


def _similar(a: UpdateEntry, b: UpdateEntry) -> bool:
    # Entries of the same date are one entry rewritten; undated ones must also read alike.
    if a.date is not None:
        return True
    ratio = difflib.SequenceMatcher(None, folded(a.text), folded(b.text), autojunk=False).ratio()
    return ratio >= 0.6


def field_changes(old: Action, new: Action) -> list[FieldChange]:
    """Return the changes to wording, owners, due date and RAG."""
    changes: list[FieldChange] = []
    if not _same_words(old.action, new.action):
        changes.append(
            FieldChange(
                field="action",
                old=fold(old.action),
                new=fold(new.action),
                words=word_diff(old.action, new.action),
            )
        )
    if [o.lower() for o in old.owners] != [o.lower() for o in new.owners]:
        changes.append(
            FieldChange(
                field="owners",
                old=old.owners,
                new=new.owners,
                old_text=old.owner_text,
                new_text=new.owner_text,
            )
        )
    od, nd = old.due, new.due
    moved = (od.date, od.end, od.kind) != (nd.date, nd.end, nd.kind)
    if moved or not _same_words(od.text, nd.text):
        slip = None
        a, b = due_limit(old), due_limit(new)
        if a is not None and b is not None:
            slip = (b - a).days
        changes.append(
            FieldChange(
                field="due",
                old=od.date.isoformat() if od.date else fold(od.text) or None,
                new=nd.date.isoformat() if nd.date else fold(nd.text) or None,
                old_text=fold(od.text),
                new_text=fold(nd.text),
                slippage_days=slip,
            )
        )
    if old.rag != new.rag:
        changes.append(FieldChange(field="rag", old=old.rag, new=new.rag))
    return changes


def compare_pair(
    pair: Pair, old: list[Action], new: list[Action], review_date: dt.date | None
) -> ActionDiff:
    """Return the diff of one paired (or unpaired) action."""
    a = old[pair.old] if pair.old is not None else None
    b = new[pair.new] if pair.new is not None else None
    if a is None and b is not None:
        return ActionDiff(
            status="added",
            new_ref=b.ref,
            action=b.action,
            new_updates=list(b.updates),
            new_rag=b.rag,
            overdue=is_overdue(b, review_date),
            due_date=due_limit(b),
            **_standing(b),
        )
    if b is None and a is not None:
        # The mirror of an added action: every entry of a removed action is a removed entry.
        return ActionDiff(
            status="removed", old_ref=a.ref, action=a.action, old_rag=a.rag,
            removed_updates=list(a.updates), **_standing(a),
        )  # fmt: skip
    assert a is not None and b is not None
    changes = field_changes(a, b)
    added, edited, removed = compare_updates(a.updates, b.updates)
    renumbered = a.ref != b.ref
    # A new ref alone is no change: the contract counts a renumbered-only action unchanged.
    changed = bool(changes or added or edited or removed)
    return ActionDiff(
        status="changed" if changed else "unchanged",
        old_ref=a.ref,
        new_ref=b.ref,
        match=pair.method,  # type: ignore[arg-type]
        similarity=pair.score,
        action=b.action,
        changes=changes,
        new_updates=added,
        edited_updates=edited,
        removed_updates=removed,
        old_rag=a.rag,
        new_rag=b.rag,
        renumbered=renumbered,
        no_new_update=not added,
        overdue=is_overdue(b, review_date),
        due_date=due_limit(b),
        **_standing(b),
    )


def _standing(action: Action) -> dict[str, Any]:
    # How the action stands in its latest version: what a board pack's exceptions and
    # by-owner view need without the plans (due kind, owners, complete, latest entry).
    return {
        "due_kind": action.due.kind,
        "owners": list(action.owners),
        "complete": is_complete(action),
        "latest_update": latest_update(action.updates),
    }


def diff_plans(old: Plan, new: Plan, *, force: bool = False) -> Diff:
    """Compare two versions of a plan.

    Two different plans raise MixedPlans, and a NEW earlier than OLD raises
    VersionsOutOfOrder (compare/doubts.py); with `force` the diff is made anyway and
    says why it is doubtful in its warnings.
    """
    refused = doubts(old, new)
    if refused and not force:
        raise refused[0].error
    review_date = new.document.review_date
    pairs = match_actions(old.actions, new.actions)
    actions = [compare_pair(p, old.actions, new.actions, review_date) for p in pairs]
    summary = DiffSummary()
    moves: Counter[str] = Counter()
    for d in actions:
        setattr(summary, d.status, getattr(summary, d.status) + 1)
        summary.renumbered += d.renumbered
        summary.new_updates += len(d.new_updates)
        summary.edited_updates += len(d.edited_updates)
        if d.status == "removed":
            summary.removed_action_updates += len(d.removed_updates)
        else:
            summary.removed_updates += len(d.removed_updates)
        summary.no_new_update += d.no_new_update
        summary.overdue += d.overdue
        for c in d.changes:
            if c.field == "rag":
                moves[f"{c.old}->{c.new}"] += 1
            if c.field == "due" and (c.slippage_days or 0) > 0:
                summary.due_slipped += 1
    summary.rag_moves = dict(sorted(moves.items()))
    warnings = [d.warning for d in refused]
    warnings += damage_warnings(old, new, summary)
    return Diff(
        old=old.document, new=new.document, summary=summary, actions=actions, warnings=warnings
    )
