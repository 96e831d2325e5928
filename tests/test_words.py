"""The word diff: tokens with their punctuation, and runs that rebuild both texts exactly."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actionplan.compare.words import folded, side, tokens, word_diff
from actionplan.export.html_report import words_html
from actionplan.export.markdown import words_md
from actionplan.export.sheets import rich_words
from actionplan.export.text_report import word_hunks
from actionplan.models import WordOp


def ops(*runs: tuple[str, str, bool]) -> list[WordOp]:
    return [WordOp(op=op, text=text, space=space) for op, text, space in runs]  # type: ignore[arg-type]


def test_a_comma_added_after_a_word_is_the_comma_not_the_word_swapped() -> None:
    # The example: shown as −"SMT Budget" +"SMT, Budget Performance" before.
    assert word_diff("SMT Budget and", "SMT, Budget and Performance") == ops(
        ("equal", "SMT", True),
        ("insert", ",", False),
        ("equal", "Budget and", True),
        ("insert", "Performance", True),
    )


def test_a_moved_word_reads_as_the_move() -> None:
    d = word_diff("Budget and Performance SMT", "SMT Budget and Performance")
    assert d == ops(
        ("insert", "SMT", True),
        ("equal", "Budget and Performance", True),
        ("delete", "SMT", True),
    )
    assert word_hunks(d) == ["+“SMT” at the start", "−“SMT” after “Performance”"]


def test_the_samples_rewording_is_two_replaced_words() -> None:
    d = word_diff(
        "Monthly data to be provided to identify trends earlier",
        "Monthly information to be provided to establish trends earlier",
    )
    assert word_hunks(d) == ["−“data” +“information”", "−“identify” +“establish”"]


def test_punctuation_alone_between_two_changes_joins_them() -> None:
    assert word_diff("a, b", "x, y") == ops(("delete", "a, b", True), ("insert", "x, y", True))


def test_dates_refs_and_hyphenated_words_are_one_token_and_a_full_stop_is_apart() -> None:
    assert [t.text for t in tokens("CP/Court at 180 (11/06/2018). mid- May e.g. don't")] == [
        "CP/Court", "at", "180", "(", "11/06/2018", ")", ".", "mid-May", "e.g", ".", "don't",
    ]  # fmt: skip


def test_every_renderer_attaches_the_comma_to_its_word() -> None:
    d = word_diff("SMT Budget and", "SMT, Budget and Performance")
    assert words_html(d) == "SMT<ins>,</ins> Budget and <ins>Performance</ins>"
    assert words_md(d) == "SMT**,** Budget and **Performance**"
    assert str(rich_words(d, "new")) == "SMT, Budget and Performance"
    assert str(rich_words(d, "old")) == "SMT Budget and"
    assert word_hunks(d) == ["+“,” after “SMT”", "+“Performance” after “and”"]


# Words, punctuation and runs of spaces or line breaks, as review documents write them.
PIECES = ["SMT", "Budget", "and", "Performance", ",", ".", "(", ")", "11/06", "mid-", "May",
          "-", " ", "  ", "\n", "CP's", "£5", "é", ":", "x"]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)
any_text = st.one_of(texts, st.text(max_size=30))


def rebuilds_both_texts(old: str, new: str) -> None:
    d = word_diff(old, new)
    assert side(d, "old") == folded(old)
    assert side(d, "new") == folded(new)
    assert all(w.text for w in d)
    # No two runs of one kind in a row, and a replacement is always deletion then insertion.
    kinds = [w.op for w in d]
    assert all(a != b for a, b in itertools.pairwise(kinds))
    assert ("insert", "delete") not in set(itertools.pairwise(kinds))


@settings(max_examples=40, deadline=None)
@given(any_text, any_text)
def test_the_runs_rebuild_the_old_and_new_texts_exactly(old: str, new: str) -> None:
    rebuilds_both_texts(old, new)


@pytest.mark.slow
@settings(max_examples=2000, deadline=None)
@given(any_text, any_text)
def test_the_runs_rebuild_the_old_and_new_texts_exactly_over_many_texts(old: str, new: str) -> None:
    rebuilds_both_texts(old, new)


@settings(max_examples=30, deadline=None)
@given(any_text)
def test_a_text_against_itself_is_one_kept_run(text: str) -> None:
    d = word_diff(text, text)
    assert d == ([WordOp(op="equal", text=folded(text))] if folded(text) else [])
