"""Read a plan's title, review date and version from the lines above its table or its file name.

The evidence, strongest first. Title: a "Title:" line, the largest text on page 1, a
line that names a plan with its date or version, the running header, the file name.
Review date: a line that labels a date ("Review date:", "As at", "Date of meeting:"),
unless its label or its date says it is a later review; then the date in the title line;
then the file name.
"""

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
    # "Plan (Version 2)": cutting at the version leaves the bracket that opened it.
    text = fold(text).strip(_SEP_CHARS + " ").rstrip(_SEP_CHARS + "([{ ")
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


# A label that names the plan: "Title:", "Plan title:", Welsh "Teitl:", French "Titre :".
_TITLE_LABEL_RE = re.compile(
    r"(?i)^\s*(?:(?:plan|document|report)\s+)?(?:title|teitl|titre|titel|t[íi]tulo|titolo)"
    r"\s*[:：]\s*(?P<value>\S.*)$"
)
# Words that put a labelled date in the future: "Next review:", "Date of next review",
# Welsh "Adolygiad nesaf", French "Prochaine revue".
_FUTURE_RE = re.compile(
    r"(?i)\b(?:next|future|following|forthcoming|upcoming|due|nesaf|prochaine?|suivante?)\b"
)
_MAX_LABEL_WORDS = 5
# The largest text is the title only when it stands out from the rest of page 1.
MIN_PROMINENCE = 1.15
MIN_LEAD_OVER_NEXT = 1.1
_MAX_TITLE_WORDS = 20
# "Priority 1: …", "Section 2 -", "Theme 3": the words before a heading's number.
_SERIES_RE = re.compile(r"^\s*([^\W\d]+(?:\s+[^\W\d]+){0,2})\s+\d+(?:\.\d+)*\s*[:.\-–—]?(?:\s|$)")


def title_label(line: str) -> str | None:
    """Return what a "Title: …" line names, or None for any other line."""
    m = _TITLE_LABEL_RE.match(fold(line))
    return m.group("value").strip() if m else None


def dated_label(line: str) -> tuple[str, dt.date] | None:
    """Return (label, date) of a line that labels one date: "Review date: 12 June 2019".

    The line is a short lead ending in a colon or in the words that introduce a date
    ("As at", "Position as at"), or nothing at all, then the date and nothing after it.
    A title line that carries a date ("Quality Improvement Plan June 2019") is not one.
    """
    s = fold(line)
    dates = [m for m in find_dates(s) if m.date is not None and m.has_year]
    if len(dates) != 1:
        return None
    m = dates[0]
    if s[m.end :].strip(" .;)]"):
        return None
    lead = s[: m.start].strip()
    if lead and not (lead.endswith((":", "：")) or _DATE_LEAD_RE.search(lead)):
        return None
    label = lead.rstrip(":： ").strip()
    date = _review_date(m)
    if date is None or len(label.split()) > _MAX_LABEL_WORDS:
        return None
    return label, date


def _title_shaped(line: str) -> bool:
    s = fold(line)
    words = s.split()
    return (
        1 < len(words) <= _MAX_TITLE_WORDS
        and len(s) <= _MAX_TITLE_LINE
        and any(c.isalpha() for c in s)
        and not s.endswith(".")
        and dated_label(s) is None
    )


def _series_key(line: str) -> str:
    """Return the words a numbered heading shares with its siblings ("priority" of
    "Priority 1: Workforce"), or "" for a line that is not numbered."""
    m = _SERIES_RE.match(fold(line))
    return m.group(1).lower() if m else ""


def _in_series(line: str, body_lines: list[str]) -> bool:
    """Return True for a heading of a series (one per section or table), not a title."""
    key = _series_key(line)
    return bool(key) and any(_series_key(x) == key for x in body_lines if x != line)


def _largest(candidates: list[tuple[str, float]], body_lines: list[str]) -> str | None:
    """Return the line of page 1 whose text is clearly the largest, if one is."""
    shaped = [
        (text, size)
        for text, size in candidates
        if _title_shaped(text) and not _in_series(text, body_lines)
    ]
    if not shaped:
        return None
    text, size = max(shaped, key=lambda c: c[1])
    others = [s for t, s in candidates if t != text]
    if size < MIN_PROMINENCE or (others and size < MIN_LEAD_OVER_NEXT * max(others)):
        return None
    return text


def _title_line(
    header_lines: list[str], body_lines: list[str], candidates: list[tuple[str, float]]
) -> str | None:
    """Return the line that holds the title, by the strongest evidence found."""
    lines = [*header_lines, *(t for t, _ in candidates)]
    labelled = next((v for line in lines if (v := title_label(line))), None)
    if labelled:
        return labelled
    largest = _largest(candidates, body_lines)
    if largest:
        return largest
    dated = next(
        (x for x in [*header_lines, *body_lines[:5]] if looks_like_title(x) and not dated_label(x)),
        None,
    )
    if dated:
        return dated
    # No size and no date: the running header names the plan, or a line naming a plan
    # that stands right above its review-date line.
    header = next((x for x in header_lines if _title_shaped(x)), None)
    if header:
        return header
    texts = [t for t, _ in candidates]
    for i, text in enumerate(texts):
        after = texts[i + 1] if i + 1 < len(texts) else ""
        if _title_shaped(text) and (_TITLE_WORDS_RE.search(text) or dated_label(after)):
            return text
    return None


def _labelled_review_date(lines: list[str], title_date: dt.date | None) -> dt.date | None:
    """Return the review date a labelled line gives, leaving out later (next) reviews."""
    found = []
    for line in lines:
        labelled = dated_label(line)
        if labelled and not _FUTURE_RE.search(labelled[0]):
            found.append(labelled[1])
    # A labelled date after the title's date is the review still to come.
    found = [d for d in found if title_date is None or d <= title_date]
    # Of several labelled dates, the later ones are reviews still to come too.
    return min(found, default=None)


def document_metadata(
    header_lines: list[str],
    body_lines: list[str],
    candidates: list[tuple[str, float]] | None,
    file_name: str,
) -> tuple[str | None, dt.date | None, str | None]:
    """Return (title, review date, version) of a document by the evidence of its lines.

    `candidates` are the lines of page 1 above the table with their relative text size
    (0.0 when unknown); None when the reader cannot tell, and then the first body lines
    stand in for them.
    """
    # The title block is the first few lines; a page with no table has many more.
    candidates = [(line, 0.0) for line in body_lines[:5]] if candidates is None else candidates[:12]
    f_title, f_date, f_version = meta_from_filename(file_name)
    line = _title_line(header_lines, body_lines, candidates)
    title, t_date, version = parse_title_line(line) if line else (None, None, None)
    lines = [x for x in [*header_lines, *(t for t, _ in candidates)] if x != line]
    review_date = _labelled_review_date(lines, t_date) or t_date or f_date
    version = version or next((v for x in lines if (v := version_line(x))), None)
    return title or f_title, review_date, version or f_version


def version_line(line: str) -> str | None:
    """Return the version a line gives on its own ("Version: 3", "V4"), else None."""
    s = fold(line).replace(":", " ")
    m = _VERSION_RE.fullmatch(s.strip())
    return " ".join(m.group(0).split()) if m else None
