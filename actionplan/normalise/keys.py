"""Pure functions that decide which plan and which version a document belongs to."""

from __future__ import annotations

import datetime as dt
import re

from actionplan.normalise.dates import find_dates
from actionplan.normalise.meta import parse_title_line
from actionplan.normalise.text import fold

_VERSION_NUMBER_RE = re.compile(
    r"(?i)^\s*(?:v|ver\.?|version|rev\.?|revision|issue|draft)?\s*(\d+(?:\.\d+)*)\s*$"
)
_ISO_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")
_NON_WORD_RE = re.compile(r"[^\w]+")
# Words that authors add to or drop from a plan's title between reviews: "CP Reduction
# Action Plan Review" and "CP Reduction Action Plan – Progress Update" are one plan.
_TRAILING_NOISE = {"review", "update", "progress", "draft", "final", "and", "v", "version"}
_LEADING_NOISE = {"draft", "final", "updated"}


def plan_key(title: str | None) -> str:
    """Return the key a plan is recognised by: its title lower-cased, without punctuation,
    dates, version or the words reviews add ("Review", "Progress Update")."""
    if not title:
        return ""
    core, _, _ = parse_title_line(title)
    text = fold(core or title).lower().replace("&", " and ")
    words = [w for w in _NON_WORD_RE.sub(" ", text).replace("_", " ").split() if w]
    while words and words[-1] in _TRAILING_NOISE:
        words.pop()
    while words and words[0] in _LEADING_NOISE:
        words.pop(0)
    return " ".join(words)


def version_key(version: str | None) -> str:
    """Return a version's number as a comparable key: "V8", "v 8", "Version 8.0" -> "8"."""
    if not version:
        return ""
    m = _VERSION_NUMBER_RE.match(version)
    if not m:
        return fold(version).lower()
    parts = m.group(1).split(".")
    while len(parts) > 1 and int(parts[-1]) == 0:
        parts.pop()
    return ".".join(str(int(p)) for p in parts)


def parse_version_label(label: str) -> tuple[str | None, dt.date | None]:
    """Return (version key, date) that a user's version label names: "V8", "8", a date."""
    m = _ISO_DATE_RE.match(label)
    if m:
        try:
            return None, dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    if _VERSION_NUMBER_RE.match(label):
        return version_key(label), None
    for found in find_dates(label):
        if found.date is not None and found.has_year and found.has_day:
            return None, found.date
    return None, None
