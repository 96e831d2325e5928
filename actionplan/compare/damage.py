"""Damage: what a reader said it could not read, so that actions it may have lost are not
taken for actions removed (or, in the older version, for actions added).

A reader that meets damage it reads past (a PDF content stream that does not inflate,
compressed parts that do not decode) says so in a warning that ends "… may be missing"
("page 2's content stream is damaged: actions on it may be missing"); that clause is
the reader's own statement that content is lost, and the one thing relied on here.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath

from actionplan.models import DiffSummary, Plan

# How every reader ends a warning about content it could not read.
MAY_BE_MISSING = "may be missing"


def damage_notes(warnings: Iterable[str]) -> list[str]:
    """Return the reading warnings that say content is damaged and may be missing."""
    return [w for w in warnings if MAY_BE_MISSING in w]


def damage_warnings(old: Plan, new: Plan, summary: DiffSummary) -> list[str]:
    """Return the diff's warnings for a damaged side: its missing actions may be unread."""
    out = []
    for side, plan, count, shown in (
        ("OLD", old, summary.added, "added"),
        ("NEW", new, summary.removed, "removed"),
    ):
        notes = damage_notes(plan.warnings)
        if not notes:
            continue
        name = PurePath(plan.document.source).name
        doubt = (
            f"{count} action(s) shown as {shown} may only be unread in it"
            if count
            else "actions may be missing from it"
        )
        out.append(f"{side} ({name}) is damaged: {'; '.join(notes)}; {doubt}")
    return out
