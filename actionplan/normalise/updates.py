"""Split an update cell into its dated entries, telling entry dates from dates mentioned."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from actionplan.models import UpdateEntry
from actionplan.normalise.dates import DateMatch, find_dates

SEPARATORS = ":-–—"
_SEP_CLASS = re.escape(SEPARATORS)

# A date right after one of these words is part of a sentence, not the start of an entry:
# prepositions ("postponed to 24/05/2018"), conjunctions ("15/02 and 16/02"), copulas, and
# the verbs and nouns that usually govern a date ("workshop arranged 02/05/18").
MENTION_WORDS = frozenset({
    "for", "to", "on", "by", "from", "until", "till", "til", "of", "since", "before", "after",
    "between", "and", "or", "&", "at", "in", "into", "than", "around", "about", "approx",
    "approx.", "approximately", "circa", "c.", "ca.", "during", "within", "through",
    "throughout", "via", "per", "upon", "re", "w/c", "wc", "w/b", "wb", "w/e", "wk/c",
    "commencing", "beginning", "starting", "ending", "is", "was", "were", "are", "be", "been",
    "being", "will", "would", "should", "could", "shall", "the", "a", "an", "next", "last",
    "this", "held", "booked", "arranged", "scheduled", "planned", "postponed", "rescheduled",
    "moved", "deferred", "delayed", "extended", "brought", "set", "fixed", "agreed", "due",
    "dated", "date", "deadline", "meeting", "week",
})  # fmt: skip

# Lead words an author may put before an entry's date ("Update 10/04/2019:"); they open the
# entry and are not part of the text before it.
_LEAD_RE = re.compile(
    r"""(?ix)
    (?:^|(?<=\s))
    (?:
        (?:progress[^\S\n]+|rag[^\S\n]+)?updated?s?(?:[^\S\n]+(?:as[^\S\n]+)?(?:at|on))?
      | progress(?:[^\S\n]+as)?(?:[^\S\n]+at)?
      | comments? | notes?
      | position(?:[^\S\n]+as)?(?:[^\S\n]+at)?
      | status(?:[^\S\n]+as)?(?:[^\S\n]+at)?
      | as[^\S\n]+at
      | reviewed?(?:[^\S\n]+on)?
      | w/c | w/b | wc | wb | week[^\S\n]+(?:commencing|beginning)
    )
    [^\S\n]*[:\-–—]?[^\S\n]*\Z
    """
)
_LEAD_WINDOW = 40
# All that may stand before an entry date at the start of a line: a bullet or a dash as one.
_LINE_PREFIX_RE = re.compile(r"[^\S\n]*(?:[•▪◦●*\-–—][^\S\n]*)?")
_SEP_RE = re.compile(rf"[^\S\n]*[{_SEP_CLASS}]+[^\S\n]*")
_SPACES_RE = re.compile(r"[^\S\n]*")
_RANGE_GAP_RE = re.compile(
    r"[^\S\n]*[-–—][^\S\n]*|[^\S\n]+(?:to|until|till|and)[^\S\n]+", re.IGNORECASE
)
_FOLLOWED_BY_TEXT_RE = re.compile(r"[^\S\n]+[\w•‘“\"'(]")
_PREV_WORD_RE = re.compile(r"(\S+)\Z")
# Brackets are punctuation like the separators: "(12/03/2019) text" keeps its words when the
# entry's date is read without its brackets.
_TOKEN_RE = re.compile(rf"[^\s{_SEP_CLASS}()\[\]{{}}]+")
_SENTENCE_END = frozenset(".!?;")
_SEPARATOR_CHARS = frozenset(SEPARATORS)
_BRACKETS = frozenset("([{")
_CLOSING = {"(": ")", "[": "]", "{": "}"}


class EntryParts(NamedTuple):
    """An entry with the lead word(s) or bullet that introduced it ("Update"), "" if none.

    The entry carries the same lead in its own `lead` field (None when there is none).
    """

    lead: str
    entry: UpdateEntry


@dataclass(frozen=True)
class _Start:
    seg_start: int  # where the entry begins: its bullet or lead word, else its date
    match: DateMatch
    date_start: int  # the date's opening bracket, else the date itself
    body_start: int  # after the date and its separator
    date: dt.date


def _note(context: str, message: str) -> str:
    return f"{context}: {message}" if context else message


def _is_boundary(ch: str) -> bool:
    return ch == "" or ch.isspace() or ch in _SEPARATOR_CHARS


def _before(text: str, pos: int) -> tuple[str, str]:
    """Return the last non-space character and the last word before pos."""
    window = text[max(0, pos - 32) : pos].rstrip()
    if not window:
        return "", ""
    m = _PREV_WORD_RE.search(window)
    word = m.group(1).lower().strip("\"'‘’“”,") if m else ""
    return window[-1], word


def _classify(
    text: str,
    dates: list[DateMatch],
    i: int,
    floor: int,
    in_entry: bool,
    review_date: dt.date | None,
    context: str,
    warnings: list[str],
) -> _Start | None:
    """Return the entry that dates[i] starts, or None when it is a date mentioned in the text."""
    m = dates[i]
    bracket = _bracketed(text, m)
    # A date in brackets stands where its brackets do: "(12/03/2019): text".
    d_start, d_end = (m.start - 1, bracket) if bracket else (m.start, m.end)
    line_start = text.rfind("\n", 0, d_start) + 1
    lo = max(line_start, floor)

    seg_start = d_start
    window = max(lo, d_start - _LEAD_WINDOW)
    tail = text[window:d_start].rstrip()
    lead = None
    # Every lead word ends in a letter or a separator; most dates follow neither.
    if tail and (tail[-1].isalpha() or tail[-1] in _SEPARATOR_CHARS):
        lead = _LEAD_RE.search(text, window, d_start)
    if lead is not None:
        seg_start = lead.start()
    at_line_start = (
        line_start >= floor and _LINE_PREFIX_RE.fullmatch(text, line_start, seg_start) is not None
    )
    prev_char, prev_word = _before(text, line_start if at_line_start else seg_start)
    sentence_end = prev_char in _SENTENCE_END
    if lead is not None and not at_line_start and not sentence_end:
        # "to progress 03/05/2018:": a lead word inside a sentence is an ordinary word.
        lead, seg_start = None, d_start
        prev_char, prev_word = _before(text, seg_start)
        sentence_end = prev_char in _SENTENCE_END
    # An entry date must be a word of its own, so that no word of the cell is cut in two.
    if not _is_boundary(text[seg_start - 1 : seg_start]):
        return None
    if at_line_start:
        seg_start = line_start
    if not _is_boundary(text[d_end : d_end + 1]):
        return None
    if bracket is None and text[m.start - 1 : m.start] in _BRACKETS:
        return None  # "(30/04 and 02/05)"
    if bracket and not (
        m.has_year
        and (
            at_line_start
            or lead is not None
            or (sentence_end and in_entry and _FOLLOWED_BY_TEXT_RE.match(text, d_end) is not None)
        )
    ):
        return None  # "(30/04)", "met (12/03/2019) and": a bracket in a sentence is an aside
    if i > 0 and _RANGE_GAP_RE.fullmatch(text, dates[i - 1].end, m.start):
        return None  # the end of a range "19/02/18 – 18/05/18"

    sep = _SEP_RE.match(text, d_end)
    if sep is not None and i + 1 < len(dates) and dates[i + 1].start == sep.end():
        sep = None  # the start of a range: the dash joins two dates
    mention_word = prev_word in MENTION_WORDS
    full = m.has_day and m.has_year
    # Brackets close the date off as a separator does.
    separated = sep is not None or bracket is not None

    if not full:
        # "June 2018:" or "Update 3rd July:" open an entry only at the start of a line.
        if not separated or not (at_line_start or lead is not None):
            return None
    elif at_line_start:
        if not separated and mention_word:
            return None  # a sentence carried over a page break: "postponed to\n24/05/2018"
    elif mention_word:
        if sep is not None and ":" in sep.group(0):
            warnings.append(
                _note(context, f"{m.text} follows {prev_word!r} yet a colon follows it; "
                      "read as a date mentioned in the text")
            )  # fmt: skip
        return None
    elif not separated and not (
        (in_entry or sentence_end or lead is not None)
        and _FOLLOWED_BY_TEXT_RE.match(text, d_end) is not None
    ):
        return None

    date = m.date
    if date is None:
        warnings.append(
            _note(context, f"entry date {m.text!r} has no year and there is no review date; "
                  "kept in the text")
        )  # fmt: skip
        return None
    if not m.has_year and review_date is not None:
        if date > review_date:
            # "Update 3rd December" in a January review means the December before.
            try:
                date = date.replace(year=date.year - 1)
            except ValueError:
                warnings.append(_note(context, f"{m.text} is not a real date; kept in the text"))
                return None
        warnings.append(
            _note(context, f"entry date {m.text!r} has no year; read as {date.isoformat()}")
        )
    elif review_date is not None and date > review_date:
        if at_line_start and separated:
            warnings.append(
                _note(context, f"entry date {m.text} is after the review date "
                      f"{review_date.isoformat()}; kept as an entry date")
            )  # fmt: skip
        else:
            warnings.append(
                _note(context, f"{m.text} is after the review date {review_date.isoformat()}; "
                      "read as a date mentioned in the text")
            )  # fmt: skip
            return None

    if sep is not None:
        body_start = sep.end()
    else:
        spaces = _SPACES_RE.match(text, d_end)
        body_start = spaces.end() if spaces is not None else d_end
    return _Start(seg_start, m, d_start, body_start, date)


def _bracketed(text: str, m: DateMatch) -> int | None:
    """Return where the closing bracket of a date written "(12/03/2019)" ends, else None."""
    closing = _CLOSING.get(text[m.start - 1 : m.start]) if m.start else None
    if closing is None or text[m.end : m.end + 1] != closing:
        return None
    return m.end + 1


def split_update_parts(
    text: str, *, review_date: dt.date | None = None, context: str = ""
) -> tuple[list[EntryParts], list[str]]:
    """Return the entries of an update cell with their lead words, and warnings."""
    warnings: list[str] = []
    default_year = review_date.year if review_date is not None else None
    dates = find_dates(text, default_year=default_year)
    starts: list[_Start] = []
    floor = 0
    for i, m in enumerate(dates):
        if m.error:
            # "(29/02)" in a 2019 review may mean another year: only a written year is wrong.
            if m.has_year:
                warnings.append(_note(context, f"{m.error}; kept in the text"))
            continue
        start = _classify(text, dates, i, floor, bool(starts), review_date, context, warnings)
        if start is not None:
            starts.append(start)
            floor = start.body_start

    parts: list[EntryParts] = []
    lead_in = text[: starts[0].seg_start if starts else len(text)].strip()
    if lead_in:
        parts.append(EntryParts("", UpdateEntry(text=lead_in)))
    ends = [s.seg_start for s in starts[1:]] + [len(text)] if starts else []
    for s, end in zip(starts, ends, strict=True):
        lead = text[s.seg_start : s.date_start].strip()
        entry = UpdateEntry(
            date=s.date,
            date_text=s.match.text,
            text=text[s.body_start : end].strip(),
            lead=lead or None,
        )
        parts.append(EntryParts(lead, entry))
    return parts, warnings


def split_updates(
    text: str, *, review_date: dt.date | None = None, context: str = ""
) -> tuple[list[UpdateEntry], list[str]]:
    """Return the dated entries of an update cell in document order, and warnings."""
    parts, warnings = split_update_parts(text, review_date=review_date, context=context)
    return [p.entry for p in parts], warnings


def words(text: str) -> list[str]:
    """Return the words of a text, separators (: - – —) and whitespace dropped."""
    return _TOKEN_RE.findall(text)


def entry_words(entries: Iterable[UpdateEntry | EntryParts]) -> list[str]:
    """Return the words of entries in order: lead words, date as written, then text."""
    out: list[str] = []
    for item in entries:
        entry = item.entry if isinstance(item, EntryParts) else item
        out += words(entry.lead or "")
        out += words(entry.date_text or "")
        out += words(entry.text)
    return out
