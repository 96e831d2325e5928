"""Read a plan's title, review date and version from its title line or its file name."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import PurePath, PureWindowsPath

from actionplan.normalise.dates import DateMatch, find_dates
from actionplan.normalise.text import fold

_VERSION_RE = re.compile(
    r"(?i)(?<![\w])(?:v|ver\.?|version|rev\.?|revision|issue|draft)[^\S\n]*\d+(?:\.\d+)*"
    r"(?!\w)"
)
_TITLE_WORDS_RE = re.compile(
    r"(?i)\b(?:plan|plans|review|action|actions|improvement|progress|update|tracker|report)\b"
)
_EMPTY_BRACKETS_RE = re.compile(r"\(\s*\)|\[\s*\]")
_SEP_CHARS = "-–—:|,"
_SEP_RUN_RE = re.compile(r"(?:\s*[-–—:|,]\s*){2,}")
# Words that only introduce the date ("Action Plan as at 14/06/2018") and are not the title.
_DATE_LEAD_RE = re.compile(
    r"(?i)\s*(?:\b(?:as\s+at|as\s+of|dated|date|updated(?:\s+on)?|review\s+date|at|on))\s*$"
)
_COMPACT_DATE_RE = re.compile(r"(?<!\d)(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")
_FILENAME_HYPHEN_RE = re.compile(r"(?<!\d)-|-(?!\d)")
_MAX_TITLE_LINE = 250


def _review_date(m: DateMatch) -> dt.date | None:
    if m.date is None or not m.has_year:
        return None
    if not m.has_day:
        # "Review June 2018": the review happened during the month, so entries dated in it
        # must not count as later than the review.
        return m.date.replace(day=calendar.monthrange(m.date.year, m.date.month)[1])
    return m.date


def _tidy_title(text: str) -> str | None:
    text = _EMPTY_BRACKETS_RE.sub(" ", text)
    text = _SEP_RUN_RE.sub(lambda m: f" {m.group(0).strip()[0]} ", text)
    text = fold(text).strip(_SEP_CHARS + " ")
    while (m := _DATE_LEAD_RE.search(text)) and m.start() > 0:
        text = text[: m.start()].rstrip(_SEP_CHARS + " ")
    return text or None


def parse_title_line(text: str) -> tuple[str | None, dt.date | None, str | None]:
    """Return (title, review date, version) from a line like "Plan Review- 14/06/2018 – V8"."""
    line = fold(text)
    version_m = _VERSION_RE.search(line)
    spans = [(version_m.start(), version_m.end())] if version_m else []
    review_date = None
    for m in find_dates(line):
        if any(a < m.end and m.start < b for a, b in spans):
            continue
        review_date = _review_date(m)
        if review_date is not None:
            spans.append((m.start, m.end))
            break
    cut = line
    for a, b in sorted(spans, reverse=True):
        cut = cut[:a] + " " + cut[b:]
    # The title is what comes before the date and version; the rest is usually a sub-title.
    first = min((a for a, _ in spans), default=len(line))
    title = _tidy_title(line[:first]) or _tidy_title(cut)
    version = " ".join(version_m.group(0).split()) if version_m else None
    return title, review_date, version


def meta_from_filename(name: str) -> tuple[str | None, dt.date | None, str | None]:
    """Return (title, date, version) from a file name like "CP Plan V8 14.06.18.docx"."""
    stem = PurePath(PureWindowsPath(name).name).name
    if "." in stem:
        head, _, ext = stem.rpartition(".")
        if ext.isalnum() and not ext.isdigit():
            stem = head
    stem = _FILENAME_HYPHEN_RE.sub(" ", stem.replace("_", " "))
    stem = _COMPACT_DATE_RE.sub(lambda m: f"{m[3]}/{m[2]}/{m[1]}", stem)
    return parse_title_line(stem)


def looks_like_title(line: str) -> bool:
    """Return True for a line that names a plan and carries its date or version."""
    s = fold(line)
    if not s or len(s) > _MAX_TITLE_LINE or not _TITLE_WORDS_RE.search(s):
        return False
    if _VERSION_RE.search(s):
        return True
    return any(m.date is not None and m.has_year for m in find_dates(s))
