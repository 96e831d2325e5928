"""Read a "By When" cell into a Due record: a date, a range, a recurrence or an estimate."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from actionplan.models import Due, Recurrence
from actionplan.normalise.dates import MONTH_PATTERN, MONTHS, DateMatch, expand_year, find_dates
from actionplan.normalise.text import fold

_UNSPECIFIED_RE = re.compile(
    r"(?i)^\W*(?:(?:tbc|tba|tbd|tbcf|n/?a|none|not\s+known|unknown|to\s+be\s+(?:confirmed|agreed"
    r"|decided|determined))\W*)?$"
)
_ONGOING_RE = re.compile(
    r"(?i)\b(?:on-?\s?going|continuous(?:ly)?|continual|rolling|as\s+(?:and\s+when|required"
    r"|needed)|business\s+as\s+usual|bau|throughout)\b"
)
_RECURRENCES: list[tuple[re.Pattern[str], Recurrence]] = [
    (re.compile(r"(?i)\b(?:fortnightly|bi-?weekly|every\s+(?:two|2)\s+weeks)\b"), "fortnightly"),
    (re.compile(r"(?i)\b(?:weekly|every\s+week|each\s+week)\b"), "weekly"),
    (re.compile(r"(?i)\b(?:daily|every\s+day|each\s+day)\b"), "daily"),
    (re.compile(r"(?i)\b(?:monthly|every\s+month|each\s+month)\b"), "monthly"),
    (re.compile(r"(?i)\b(?:quarterly|every\s+quarter|each\s+quarter)\b"), "quarterly"),
]
_WEEK_OF_RE = re.compile(r"(?i)\b(?:w/?[cb]|wk/?c|week\s+(?:commencing|beginning|starting))\W*$")
_APPROX_WORDS_RE = re.compile(
    r"(?i)\b(?:approx(?:imately)?|around|about|circa|c\.|provisional(?:ly)?|tbc|estimated"
    r"|expected|anticipated|indicative)\b"
)
# Words between two dates that make them a range rather than a date and a revision.
_RANGE_GAP_RE = re.compile(r"(?i)^\s*(?:[-–—]|to|until|till|and|through|thru)\s*$")
_RANGE_LEAD_RE = re.compile(r"(?i)\b(?:from|between)\s*$")
_RANGE_WORD_RE = re.compile(r"(?i)\b(?:to|and|until|till)\b")
_PART_OF_MONTH_RE = re.compile(
    rf"(?i)\b(?P<part>early|beginning\s+of|start\s+of|mid|middle\s+of|late|end\s+of|by\s+end\s+of"
    rf"|the\s+end\s+of)[\s\-]*(?P<mon>{MONTH_PATTERN})\.?(?:[\s,\-]+(?P<year>\d{{4}}|'?\d{{2}}))?"
    r"(?![\w/])"
)
# "Dec-25" (Excel's mmm-yy) is December 2025; "Dec 25" may be a day, so only a hyphen or an
# apostrophe makes two digits a year.
_MONTH_RE = re.compile(
    rf"(?i)(?<![\w/])(?P<mon>{MONTH_PATTERN})\.?"
    r"(?:[\s,\-]+(?P<year>\d{4}|['’]\d{2})|-(?P<yy>\d{2}))?(?![\w/])"
)
_QUARTER_RE = re.compile(
    r"(?i)\b(?:q(?P<q>[1-4])|(?P<word>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter|"
    r"quarter\s+(?P<qn>[1-4]))\b(?:\s*(?:of\s+)?(?:fy\s*)?(?P<y1>\d{4})(?:\s*[/\-]\s*(?P<y2>\d{2,4}))?)?"
)
_FINANCIAL_YEAR_RE = re.compile(
    r"(?i)(?:\b(?:end\s+of\s+)?(?:the\s+)?(?:financial|fiscal)\s+year\b"
    r"(?:\s*(?P<fy1>\d{4})\s*[/\-]\s*(?P<fy2>\d{2,4}))?)"
    r"|(?<![\w/])(?P<y1>\d{4})\s*[/\-–]\s*(?P<y2>\d{2}(?:\d{2})?)(?![\w/])"
)
_SEASONS = {"spring": (5, 0), "summer": (8, 0), "autumn": (11, 0), "fall": (11, 0),
            "winter": (2, 1)}  # fmt: skip
_SEASON_RE = re.compile(r"(?i)\b(?P<season>spring|summer|autumn|fall|winter)\s+(?P<year>\d{4})\b")
_YEAR_END_RE = re.compile(
    r"(?i)^\W*(?:(?:by\s+)?(?:the\s+)?end\s+of\s+)?(?P<year>(?:19|20)\d{2})\W*$"
)
_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2,
                  "3rd": 3, "4th": 4}  # fmt: skip


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _financial_year_start(day: dt.date) -> int:
    """Return the calendar year in which the public-sector year holding day began (April)."""
    return day.year if day.month >= 4 else day.year - 1


def _quarter_end(fy_start: int, quarter: int) -> dt.date:
    # Public-sector years start in April: Q1 Apr-Jun, Q2 Jul-Sep, Q3 Oct-Dec, Q4 Jan-Mar.
    month = 3 * quarter + 3
    year = fy_start if month <= 12 else fy_start + 1
    return _month_end(year, month - 12 if month > 12 else month)


def _next_year(start: int, second: str) -> bool:
    """Say whether second ("20" or "2020") names the year after start."""
    if len(second) == 4:
        return int(second) == start + 1
    return int(second) == (start + 1) % 100


def _year(text: str | None, fallback: int | None) -> int | None:
    if not text:
        return fallback
    digits = text.lstrip("'’")
    return expand_year(int(digits), len(digits))


def _approximate(s: str, review_date: dt.date | None) -> tuple[bool, dt.date | None]:
    """Return whether s is a vague deadline, and its representative date when known."""
    default_year = review_date.year if review_date is not None else None
    if m := _QUARTER_RE.search(s):
        quarter = int(m["q"] or m["qn"] or _QUARTER_WORDS[m["word"].lower()])
        if m["y1"]:
            fy_start = int(m["y1"])
        elif review_date is not None:
            fy_start = _financial_year_start(review_date)
        else:
            return True, None
        return True, _quarter_end(fy_start, quarter)
    if m := _FINANCIAL_YEAR_RE.search(s):
        first = m["fy1"] or m["y1"]
        if first:
            start = int(first)
            second = m["fy2"] or m["y2"]
            # "2019/20" and "2024-2025" are a financial year only when the halves follow each
            # other; "2019-2021" is no one year.
            if second and not _next_year(start, second):
                return False, None
            return True, dt.date(start + 1, 3, 31)
        if review_date is None:
            return True, None
        return True, dt.date(_financial_year_start(review_date) + 1, 3, 31)
    if m := _PART_OF_MONTH_RE.search(s):
        month, year = MONTHS[m["mon"].lower()], _year(m["year"], default_year)
        if year is None:
            return True, None
        part = m["part"].lower()
        if part == "early":
            return True, dt.date(year, month, 7)
        if part.startswith(("beginning", "start")):
            return True, dt.date(year, month, 1)
        if part.startswith(("mid", "middle")):
            return True, dt.date(year, month, 15)
        return True, _month_end(year, month)
    if m := _SEASON_RE.search(s):
        month, next_year = _SEASONS[m["season"].lower()]
        return True, _month_end(int(m["year"]) + next_year, month)
    if m := _MONTH_RE.search(s):
        year = _year(m["year"] or m["yy"], default_year)
        if m["mon"] in ("may", "mar", "march") and not (m["year"] or m["yy"]):
            return False, None  # a verb, not a month
        return True, _month_end(year, MONTHS[m["mon"].lower()]) if year is not None else None
    if m := _YEAR_END_RE.match(s):
        return True, dt.date(int(m["year"]), 12, 31)
    return False, None


def _pick_dates(s: str, dated: list[tuple[DateMatch, dt.date]]) -> tuple[dt.date, dt.date | None]:
    """Return the start and the end (for a range) among several dates of one cell."""
    (first, start), (second, end) = dated[0], dated[1]
    gap = s[first.end : second.start]
    if _RANGE_GAP_RE.match(gap) or (
        _RANGE_LEAD_RE.search(s[: first.start]) and _RANGE_WORD_RE.search(gap)
    ):
        return start, end
    # Authors strike out a missed deadline and write the new one after it: the last one counts.
    return dated[-1][1], None


def parse_due(text: str, *, review_date: dt.date | None = None) -> Due:
    """Return the due date of a "By When" cell as a Due record; never raise."""
    raw = text.strip()
    s = fold(raw)
    if _UNSPECIFIED_RE.match(s):
        return Due(text=raw, kind="unspecified")
    default_year = review_date.year if review_date is not None else None
    found = find_dates(s, default_year=default_year)
    dated = [(m, m.date) for m in found if m.date is not None and m.has_day]
    recurrence = next((r for pattern, r in _RECURRENCES if pattern.search(s)), None)

    if recurrence is not None:
        first = dated[0][1] if dated else None
        return Due(text=raw, kind="recurring", date=first, recurrence=recurrence)
    if len(dated) >= 2:
        start, end = _pick_dates(s, dated)
        if end is not None:
            return Due(text=raw, kind="range", date=start, end=end)
        return Due(text=raw, kind="date", date=start)
    if len(dated) == 1:
        m, date = dated[0]
        vague = _WEEK_OF_RE.search(s[: m.start]) or _APPROX_WORDS_RE.search(s) or not m.has_year
        return Due(text=raw, kind="approximate" if vague else "date", date=date)
    if _ONGOING_RE.search(s):
        return Due(text=raw, kind="ongoing")
    try:
        vague, approx = _approximate(s, review_date)
    except ValueError:
        vague, approx = False, None
    if not vague:
        return Due(text=raw, kind="unspecified")
    return Due(text=raw, kind="approximate", date=approx)
