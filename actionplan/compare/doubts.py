"""Whether two documents make a diff: two versions of one plan, OLD no later than NEW.

Either doubt is an error a caller may overrule (`force`): a diff of two different
plans, or of V8 against V7, reads as a real report ("12 added, 20 removed") that is
wrong, so it is refused unless asked for, and then carries the doubt as a warning.
"""

from __future__ import annotations

from dataclasses import dataclass

from actionplan.errors import ActionplanError, MixedPlans, VersionsOutOfOrder
from actionplan.models import DocumentInfo, Plan
from actionplan.normalise.keys import plan_key
from actionplan.rules import version_order


def describe(doc: DocumentInfo) -> str:
    """Return a document as a doubt names it: "V8.docx (V8, 14/06/2018)"."""
    date = f"{doc.review_date:%d/%m/%Y}" if doc.review_date else ""
    parts = [p for p in (doc.version, date) if p]
    return f"{doc.source} ({', '.join(parts)})" if parts else doc.source


def is_earlier(new: DocumentInfo, old: DocumentInfo) -> bool:
    """Say whether NEW is an earlier version than OLD, on what both documents say.

    The order is rules.version_order's (review date, then version number); a part only
    one of the two documents gives decides nothing.
    """
    both_dated = bool(new.review_date and old.review_date)
    both_numbered = bool(new.version and old.version)

    def key(doc: DocumentInfo) -> tuple[object, ...]:
        return version_order(
            doc.review_date if both_dated else None, doc.version if both_numbered else None
        )

    return key(new) < key(old)


@dataclass(frozen=True)
class Doubt:
    """Why two documents should not be diffed: the error refusing it, and the diff's
    warning when it is forced."""

    error: ActionplanError
    warning: str


def doubts(old: Plan, new: Plan) -> list[Doubt]:
    """Return why OLD and NEW should not be diffed (different plans, NEW earlier), if any."""
    a, b = old.document, new.document
    out: list[Doubt] = []
    old_key, new_key = plan_key(a.title), plan_key(b.title)
    if old_key and new_key and old_key != new_key:
        fact = f"{a.source} and {b.source} are different plans ({a.title!r} and {b.title!r})"
        advice = "diff compares two versions of one plan (--force compares them anyway)"
        out.append(Doubt(MixedPlans(None, f"{fact}; {advice}"), f"{fact}; compared as forced"))
    if is_earlier(b, a):
        fact = f"NEW {describe(b)} is an earlier version than OLD {describe(a)}"
        advice = "give the older version first (--force compares them as given)"
        error = VersionsOutOfOrder(None, f"{fact}; {advice}")
        out.append(Doubt(error, f"{fact}; compared as forced"))
    return out
