"""Properties the normalisers keep on any input (hypothesis).

200 examples per property by default; HYPOTHESIS_PROFILE=long runs 10,000.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actionplan.models import Due
from actionplan.normalise.dates import DATE_STYLES, find_dates, format_date, parse_date
from actionplan.normalise.due import parse_due
from actionplan.normalise.owners import split_owners
from actionplan.normalise.rag import colour_distance, nearest_colour_name, rag_from_text
from actionplan.normalise.text import clean_text, fold
from actionplan.normalise.updates import entry_words, split_update_parts, split_updates, words

# Profiles of our own, applied per test, so that loading them changes no other module's tests.
settings.register_profile(
    "normalise", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "normalise-long",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
PROFILE = settings.get_profile(
    "normalise-long" if os.environ.get("HYPOTHESIS_PROFILE") == "long" else "normalise"
)

# 200 examples of each property: seconds in all.
pytestmark = pytest.mark.slow

DATES = st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2069, 12, 31))
REVIEW_DATES = st.none() | st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 1, 1))

# Text built from the pieces update cells are made of, so that the splitter's every branch
# is reached far more often than random characters would reach it.
WORDS_OF_CELLS = [
    ":", " - ", " – ", "—", "\n", " ", ". ", "(", ")", "•", "Update", "on", "to", "for", "as of",
    "w/c", "ongoing", "Complete", "further reduction to 215", "31/02/2018", "2019/20", "10.30",
    "V8", "<p>", "</p>", "&amp;", "\u00a0", "Q3", "held", "-",
]  # fmt: skip
PIECES = st.one_of(
    DATES.flatmap(lambda d: st.sampled_from(DATE_STYLES).map(lambda s: format_date(d, s))),
    st.sampled_from(WORDS_OF_CELLS),
    st.text(max_size=12),
)
CELL_TEXT = st.lists(PIECES, max_size=30).map("".join)
ANY_TEXT = st.text() | CELL_TEXT


@PROFILE
@given(ANY_TEXT, REVIEW_DATES)
def test_split_updates_never_raises_and_keeps_every_word_in_order(
    text: str, review_date: dt.date | None
) -> None:
    parts, warnings = split_update_parts(text, review_date=review_date, context="action 1")
    assert entry_words(parts) == words(text)
    assert all(isinstance(w, str) and w.startswith("action 1: ") for w in warnings)
    entries, _ = split_updates(text, review_date=review_date)
    assert entries == [p.entry for p in parts]
    assert entry_words(entries) == words(text)
    assert all(e.lead == (p.lead or None) for e, p in zip(entries, parts, strict=True))


@PROFILE
@given(ANY_TEXT, REVIEW_DATES)
def test_split_updates_leaves_no_entry_date_after_the_review_date_unwarned(
    text: str, review_date: dt.date | None
) -> None:
    entries, warnings = split_updates(text, review_date=review_date)
    late = [e for e in entries if review_date and e.date and e.date > review_date]
    assert len(warnings) >= len(late)
    # Only an undated lead-in, and only first, has no date.
    assert all(e.date is not None for e in entries[1:])
    assert all(e.text == e.text.strip() for e in entries)


@PROFILE
@given(ANY_TEXT, st.none() | st.integers(min_value=1, max_value=9999))
def test_find_dates_never_raises_and_returns_ordered_disjoint_tokens(
    text: str, default_year: int | None
) -> None:
    found = find_dates(text, default_year=default_year)
    ends = [0]
    for m in found:
        assert m.start >= ends[-1] and text[m.start : m.end] == m.text
        assert (m.date is None) or (m.error is None)
        ends.append(m.end)


@PROFILE
@given(ANY_TEXT)
def test_clean_text_is_idempotent_and_leaves_no_blank_line(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    assert all(line and line == fold(line) for line in once.split("\n")) or once == ""


@PROFILE
@given(ANY_TEXT, REVIEW_DATES)
def test_parse_due_never_raises(text: str, review_date: dt.date | None) -> None:
    due = parse_due(text, review_date=review_date)
    assert isinstance(due, Due)
    assert due.end is None or due.kind == "range"


@PROFILE
@given(ANY_TEXT)
def test_split_owners_never_raises_and_keeps_no_empty_owner(text: str) -> None:
    owners = split_owners(text)
    assert all(o and o == o.strip() for o in owners)


@PROFILE
@given(DATES, st.sampled_from(DATE_STYLES))
def test_any_date_in_any_style_round_trips_through_parse_date(d: dt.date, style: str) -> None:
    written = format_date(d, style)
    parsed = parse_date(written, default_year=d.year)
    assert parsed is not None, written
    if style == "month yyyy":
        assert (parsed.year, parsed.month, parsed.day) == (d.year, d.month, 1)
    else:
        assert parsed == d, written


@PROFILE
@given(DATES, st.sampled_from([s for s in DATE_STYLES if s not in ("dth month", "dd/mm")]))
def test_a_date_written_inside_a_sentence_is_found_with_its_year(d: dt.date, style: str) -> None:
    written = format_date(d, style)
    found = find_dates(f"Reviewed on {written}, as agreed.")
    assert [(m.text, m.has_year) for m in found] == [(written, True)]


@PROFILE
@given(st.from_regex(r"[0-9A-Fa-f]{6}", fullmatch=True))
def test_every_fill_has_a_nearest_standard_colour(rgb: str) -> None:
    assert nearest_colour_name(rgb) in {"Red", "Amber", "Yellow", "Green", "Blue", "Grey"}
    assert colour_distance(rgb, rgb) < 1e-6


@PROFILE
@given(ANY_TEXT)
def test_rag_from_text_never_raises(text: str) -> None:
    colour, label = rag_from_text(text, [])
    assert label is None
    assert colour is None or colour in {"Red", "Amber", "Yellow", "Green", "Blue", "Grey"} or colour


@PROFILE
@given(st.integers(2000, 2098), st.sampled_from(["-", "/", " - ", "–"]), st.booleans())
def test_any_year_range_is_the_31st_of_march_that_ends_it(year: int, sep: str, short: bool) -> None:
    second = f"{(year + 1) % 100:02d}" if short else str(year + 1)
    text = f"{year}{sep}{second}"
    assert parse_due(text) == Due(text=text, kind="approximate", date=dt.date(year + 1, 3, 31))


@PROFILE
@given(
    st.lists(
        st.from_regex(r"[A-Z]&[A-Z]( [A-Z][a-z]{2,8})?", fullmatch=True), min_size=1, max_size=4
    ),
    st.sampled_from([", ", " & ", "; ", "\n", " and "]),
)
def test_letters_joined_by_an_ampersand_stay_one_owner(names: list[str], sep: str) -> None:
    assert split_owners(sep.join(names)) == names
