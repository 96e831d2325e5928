"""Follow each action of a plan across many versions under a stable id."""

from __future__ import annotations

import datetime as dt

from actionplan.compare.compare import due_limit, is_complete
from actionplan.compare.match import match_actions
from actionplan.errors import MixedPlans
from actionplan.models import ActionHistory, History, HistoryPoint, Plan
from actionplan.normalise.keys import plan_key, version_key
from actionplan.normalise.text import fold
from actionplan.rules import format_preference, version_order


def plan_order(plan: Plan) -> tuple[dt.date, tuple[int, ...], str]:
    """Return the sort key of a plan's version (rules.version_order)."""
    doc = plan.document
    return version_order(doc.review_date, doc.version, doc.source)


def version_label(plan: Plan) -> str:
    """Return how a version is named in a history: its version, else its review date or file."""
    doc = plan.document
    return doc.version or (doc.review_date.isoformat() if doc.review_date else doc.source)


def one_per_version(plans: list[Plan]) -> tuple[list[Plan], list[str]]:
    """Keep one document per version (in the order of rules.FORMATS), saying what was set aside.

    Raise MixedPlans when the documents belong to more than one plan.
    """
    titles = {plan_key(p.document.title) for p in plans} - {""}
    if len(titles) > 1:
        raise MixedPlans(
            None,
            f"the files hold {len(titles)} plans ({'; '.join(sorted(titles))}); "
            "give the versions of one plan",
        )
    chosen: dict[tuple[str, dt.date | None], Plan] = {}
    notes: list[str] = []
    for plan in sorted(plans, key=lambda p: format_preference(p.document.format)):
        doc = plan.document
        key = (version_key(doc.version), doc.review_date)
        if key == ("", None):
            key = (doc.source, None)
        if key in chosen:
            kept = chosen[key].document.source
            notes.append(f"{doc.source} is the same version as {kept}; used {kept}")
            continue
        chosen[key] = plan
    return list(chosen.values()), notes


def follow_due(track: ActionHistory, due: dt.date | None) -> None:
    """Count a move of the action's due date since the last version it was in with one."""
    if due is None:
        return
    if track.due is not None and due != track.due:
        track.due_moves += 1
        track.slips += due > track.due
    track.first_due = track.first_due or due
    track.due = due
    track.slip_days = (due - track.first_due).days


def build_history(plans: list[Plan]) -> History:
    """Return every action's story across the versions, ordered by review date and version.

    The same version given in several formats counts once (Word first); documents of
    more than one plan raise MixedPlans.
    """
    distinct, notes = one_per_version(plans)
    ordered = sorted(distinct, key=plan_order)
    tracks: list[ActionHistory] = []
    current: dict[int, ActionHistory] = {}  # index in the previous version -> its track
    previous: Plan | None = None
    for vi, plan in enumerate(ordered):
        label = version_label(plan)
        pairs = match_actions(previous.actions, plan.actions) if previous else []
        by_new = {p.new: p.old for p in pairs if p.new is not None}
        nxt: dict[int, ActionHistory] = {}
        for j, action in enumerate(plan.actions):
            old_i = by_new.get(j)
            track = current.get(old_i) if old_i is not None else None
            if track is None:
                track = ActionHistory(
                    id=f"A{len(tracks) + 1:03d}",
                    action=fold(action.action),
                    first_seen=label,
                    points=[None] * vi,
                )
                tracks.append(track)
            track.action = fold(action.action)
            if action.ref and (not track.refs or track.refs[-1] != action.ref):
                track.refs.append(action.ref)
            track.last_seen = label
            if track.completed_in is None and is_complete(action):
                track.completed_in = label
                track.complete_when_first_seen = track.first_seen == label
            follow_due(track, due_limit(action))
            track.points.append(
                HistoryPoint(
                    version=plan.document.version,
                    review_date=plan.document.review_date,
                    source=plan.document.source,
                    ref=action.ref,
                    rag=action.rag,
                    rag_label=action.rag_label,
                    due=due_limit(action),
                    updates=len(action.updates),
                )
            )
            nxt[j] = track
        for track in tracks:
            if len(track.points) < vi + 1:
                track.points.append(None)
                if track.vanished_after is None and track.points[-2] is not None:
                    track.vanished_after = track.last_seen
        current = nxt
        previous = plan
    return History(versions=[p.document for p in ordered], actions=tracks, warnings=notes)
