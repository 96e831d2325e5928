"""The one-pass word splitter gives pdfplumber's words, in pdfplumber's order.

`words.extract_words` replaces `pdfplumber.utils.extract_words` for the default
settings; it must give the very list pdfplumber's gives, word dictionary by word
dictionary, on every page of the samples and the corpus (characters from both engines)
and on random characters: rotated runs, blanks, empty texts, ligatures, shared tops.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.utils import extract_words as plumber_words
from pdfplumber.utils.exceptions import PdfminerException

from actionplan.extract.pdf.tablefinder import WORD_SETTINGS
from actionplan.extract.pdf.words import extract_words
from tests.conftest import shared_path
from tests.test_pdf_engines import _objects as engine_objects

ROOT = Path(__file__).resolve().parents[1]
V8 = ROOT / "samples" / "cp-reduction-v8.pdf"
CORPUS = sorted((ROOT / "samples").rglob("*.pdf")) + sorted(
    shared_path("realworld", skip=False).rglob("*.pdf")
)


def _pages_chars(path: Path, pdf_engine: str) -> list[list[dict[str, Any]]]:
    return [objects.get("char", []) for objects in engine_objects(path, pdf_engine)]


def _assert_same_words(path: Path) -> int:
    try:
        with pdfplumber.open(path) as pdf:
            pdf.pages  # noqa: B018 (reading the page list is where a damaged file fails)
    except PdfminerException:
        pytest.skip(f"pdfplumber cannot open {path.name} (encrypted or not a PDF)")
    words = 0
    for name in ("pdfplumber", "pdfium"):
        try:
            pages = _pages_chars(path, name)
        except Exception as exc:  # a damaged file one engine refuses has nothing to split
            pytest.skip(f"{name} cannot read {path.name}: {type(exc).__name__}")
        for number, chars in enumerate(pages, 1):
            want = plumber_words(chars, **WORD_SETTINGS)
            assert extract_words(chars, **WORD_SETTINGS) == want, f"{path.name} p{number} {name}"
            words += len(want)
    return words


def test_the_v8_samples_words_are_pdfplumbers() -> None:
    assert _assert_same_words(V8) > 500


@pytest.mark.slow
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_every_corpus_pages_words_are_pdfplumbers(path: Path) -> None:
    _assert_same_words(path)


# Coordinates on a coarse grid, so tops and edges often coincide or fall just within
# (or just past) the tolerance of one another.
# NaN, which a damaged file's matrix can give, now and then.
_coord = st.integers(0, 60).map(lambda n: n / 2) | st.just(math.nan)


@st.composite
def _chars(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for _ in range(draw(st.integers(0, 40))):
        x0, top = draw(_coord), draw(_coord)
        width, height = draw(st.sampled_from([0.0, 0.5, 2.0, 4.0])), draw(_coord)
        out.append(
            {
                "text": draw(st.sampled_from(["a", "b", " ", "", "\u00a0", "ﬁ", "ﬀ", "-", "7"])),
                "x0": x0,
                "x1": x0 + width,
                "top": top,
                "bottom": top + height,
                "doctop": top + draw(st.sampled_from([0.0, 792.0])),
                "upright": draw(st.sampled_from([True, True, False, 1, 0])),
                "size": height,
            }
        )
    return out


@settings(max_examples=400, deadline=None)
@given(_chars(), st.sampled_from([0, 1, 3, 3.5]), st.sampled_from([0, 1, 3]))
def test_random_characters_split_into_pdfplumbers_words(
    chars: list[dict[str, Any]], x_tolerance: float, y_tolerance: float
) -> None:
    want = plumber_words(chars, x_tolerance=x_tolerance, y_tolerance=y_tolerance)
    got = extract_words(chars, x_tolerance=x_tolerance, y_tolerance=y_tolerance)
    assert _comparable(got) == _comparable(want)


def _comparable(words: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # NaN equals nothing, not even another NaN: compare it as a name.
    return [
        {k: "NaN" if isinstance(v, float) and math.isnan(v) else v for k, v in w.items()}
        for w in words
    ]


def test_other_settings_go_to_pdfplumber() -> None:
    chars = [
        {"text": t, "x0": x, "x1": x + 4, "top": 0.0, "bottom": 8.0, "doctop": 0.0}
        | {"upright": True, "size": 8.0}
        for t, x in (("a", 0.0), (",", 4.0), ("b", 8.0))
    ]
    punct = extract_words(chars, split_at_punctuation=True)
    assert [w["text"] for w in punct] == ["a", ",", "b"]
    assert [w["text"] for w in extract_words(chars)] == ["a,b"]
