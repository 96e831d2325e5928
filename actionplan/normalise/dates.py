"""Find and parse UK (day-first) dates as authors write them in action plans."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
MONTH_PATTERN = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])"
)
# Lower-case "may" and "march" are far more often a verb than a month ("2 may be").
_VERB_MONTHS = frozenset({"may", "mar", "march"})

# Alternatives are tried left to right at each position, so the longest shapes come first.
# A date must not sit inside a longer run of digits or dotted numbers (versions, IPs, times).
# The leading lookahead (a digit or a month's first letter) lets most positions fail at once.
_DATE_RE = re.compile(
    rf"""
    (?=[0-9JFMASOND])(?<![\w])(?<!\d[/.])
    (?:
        (?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})(?![\w])(?!-\d)
      | (?P<nd>\d{{1,2}})(?P<ns>[/.\-])(?P<nm>\d{{1,2}})(?P=ns)(?P<ny>\d{{4}}|\d{{2}})
        (?![\w])(?![/.]\d)
      | (?P<td>\d{{1,2}})(?P<tsfx>st|nd|rd|th)?(?:[^\S\n]+of)?(?:[^\S\n]+|-)(?P<tm>{MONTH_PATTERN})
        (?:\.?,?(?:[^\S\n]+|-)(?P<tap>['’])?(?P<ty>\d{{4}}|\d{{2}})(?![\w])(?![/.:]\d))?
      | (?P<md>\d{{1,2}})/(?P<mm>\d{{2}})(?![\w])(?![/.\-]\d)
      | (?P<my_m>{MONTH_PATTERN})\.?
        (?:,?[^\S\n]+(?P<my_y>\d{{4}})|-(?P<my_y2>\d{{4}}|\d{{2}})|[^\S\n]*['’](?P<my_y3>\d{{2}}))
        (?![\w])(?![/.]\d)
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)


class InvalidDate(ValueError):
    """A date-like token that names no real day, such as 31/02/2018."""


@dataclass(frozen=True)
class DateMatch:
    """One date-like token found in a text, with its position and its reading."""

    start: int
    end: int
    text: str
    date: dt.date | None
    has_year: bool
    has_day: bool
    error: str | None = None


def expand_year(year: int, digits: int) -> int:
    """Return a two-digit year as a full year (00-69 → 2000s, 70-99 → 1900s)."""
    if digits != 2:
        return year
    return 2000 + year if year < 70 else 1900 + year


def _read(m: re.Match[str], default_year: int | None) -> DateMatch | None:
    g = m.group
    has_day = True
    year: int | None
    if (nd := g("nd")) is not None:
        day, month = int(nd), int(g("nm"))
        ny = g("ny")
        year = expand_year(int(ny), len(ny))
    elif (td := g("td")) is not None:
        tm = g("tm")
        if tm in _VERB_MONTHS:
            return None
        day, month = int(td), MONTHS[tm.lower()]
        ty = g("ty")
        # An apostrophe marks a two-digit year ('19) even where four digits are not given.
        year = expand_year(int(ty), len(ty)) if ty is not None else None
    elif (md := g("md")) is not None:
        day, month, year = int(md), int(g("mm")), None
    elif (iy := g("iy")) is not None:
        year, month, day = int(iy), int(g("im")), int(g("id"))
    else:
        my_m = g("my_m")
        if my_m in _VERB_MONTHS:
            return None
        month, day, has_day = MONTHS[my_m.lower()], 1, False
        y = g("my_y") or g("my_y2") or g("my_y3")
        year = expand_year(int(y), len(y))
    if not (1 <= day <= 31 and 1 <= month <= 12):
        # Out of range in the very shape of a date: a reference number, a time or a fraction.
        return None
    text = m.group(0)
    has_year = year is not None
    if year is None:
        year = default_year
    if year is None:
        return DateMatch(m.start(), m.end(), text, None, has_year, has_day)
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return DateMatch(
            m.start(), m.end(), text, None, has_year, has_day, f"{text} is not a real date"
        )
    return DateMatch(m.start(), m.end(), text, date, has_year, has_day)


def find_dates(text: str, *, default_year: int | None = None) -> list[DateMatch]:
    """Return every date-like token of the text, in order, read day-first."""
    found = []
    for m in _DATE_RE.finditer(text):
        match = _read(m, default_year)
        if match is not None:
            found.append(match)
    return found


def parse_date(text: str, *, default_year: int | None = None) -> dt.date | None:
    """Return the date that the whole text is, or None; raise InvalidDate for 31/02/2018."""
    s = text.strip()
    m = _DATE_RE.fullmatch(s)
    if m is None:
        return None
    match = _read(m, default_year)
    if match is None:
        return None
    if match.error:
        raise InvalidDate(match.error)
    return match.date


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


_FORMATS = {
    "dd/mm/yyyy": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year:04d}",
    "dd/mm/yy": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}",
    "d/m/yyyy": lambda d: f"{d.day}/{d.month}/{d.year:04d}",
    "dd.mm.yy": lambda d: f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}",
    "dd.mm.yyyy": lambda d: f"{d.day:02d}.{d.month:02d}.{d.year:04d}",
    "d.m.yy": lambda d: f"{d.day}.{d.month}.{d.year % 100:02d}",
    "dd-mm-yyyy": lambda d: f"{d.day:02d}-{d.month:02d}-{d.year:04d}",
    "yyyy-mm-dd": lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}",
    "dth month yyyy": lambda d: f"{_ordinal(d.day)} {MONTH_NAMES[d.month - 1]} {d.year:04d}",
    "d month yyyy": lambda d: f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year:04d}",
    "d mon yy": lambda d: f"{d.day} {MONTH_NAMES[d.month - 1][:3]} {d.year % 100:02d}",
    "d-mon-yy": lambda d: f"{d.day}-{MONTH_NAMES[d.month - 1][:3]}-{d.year % 100:02d}",
    "month yyyy": lambda d: f"{MONTH_NAMES[d.month - 1]} {d.year:04d}",
    "dth month": lambda d: f"{_ordinal(d.day)} {MONTH_NAMES[d.month - 1]}",
    "dd/mm": lambda d: f"{d.day:02d}/{d.month:02d}",
}
DATE_STYLES: tuple[str, ...] = tuple(_FORMATS)
"""Every style format_date writes; "month yyyy" drops the day, the last two drop the year."""


def format_date(d: dt.date, style: str) -> str:
    """Return the date written in one of DATE_STYLES (e.g. "dd/mm/yy" → "02/04/18")."""
    try:
        return _FORMATS[style](d)
    except KeyError:
        raise ValueError(f"unknown date style {style!r}; expected one of {DATE_STYLES}") from None
