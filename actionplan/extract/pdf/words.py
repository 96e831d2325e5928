"""pdfplumber's words, split from a page's characters in one pass.

`pdfplumber.utils.extract_words` with its default settings (the tolerances the text
strategy of the table finder uses too) splits a prose page into words through a
generator, a method call and a box merge per character: a twelfth of reading a prose
report. `extract_words` here gives the very same list of word dictionaries, in the
same order, by the same rules written out for those settings:

- characters are taken in runs of one `upright` value, in page order;
- a run is cut into lines by clustering `top` (upright) or `x0` (sideways) values,
  each value joining the cluster of the value just below it when within the
  tolerance, and each line is sorted along the reading direction, left to right or
  top to bottom;
- a blank character ends a word; a character starts a new word when it begins before
  the last one does, or past its end by more than the tolerance, or off its line;
- a word's box holds all its characters and its text expands ligatures.

`tests/test_pdf_words.py` checks it against pdfplumber's on every page of the samples
and the corpus, on both engines, and on random characters (NaN coordinates too).
Other settings go to pdfplumber itself.
"""

from __future__ import annotations

import itertools
from operator import itemgetter
from typing import Any

from pdfplumber.utils import extract_words as plumber_words
from pdfplumber.utils.text import DEFAULT_X_TOLERANCE, DEFAULT_Y_TOLERANCE, LIGATURES

Char = dict[str, Any]

_UPRIGHT = itemgetter("upright")


def extract_words(
    chars: list[Char],
    x_tolerance: float = DEFAULT_X_TOLERANCE,
    y_tolerance: float = DEFAULT_Y_TOLERANCE,
    **settings: Any,
) -> list[Char]:
    """Return `pdfplumber.utils.extract_words(chars, x_tolerance=…, y_tolerance=…)`."""
    if settings:
        return list(
            plumber_words(chars, x_tolerance=x_tolerance, y_tolerance=y_tolerance, **settings)
        )
    words: list[Char] = []
    for upright, run in itertools.groupby(chars, key=_UPRIGHT):
        if upright:
            # Lines across the page, read left to right.
            for line in _cluster(list(run), "top", y_tolerance):
                line.sort(key=_X0)
                _split(line, "x0", "x1", "top", x_tolerance, y_tolerance, "ltr", words)
        else:
            # Lines down the page, read top to bottom; the tolerances change places.
            for line in _cluster(list(run), "x0", x_tolerance):
                line.sort(key=_TOP_BOTTOM)
                _split(line, "top", "bottom", "x0", y_tolerance, x_tolerance, "ttb", words)
    return words


_X0 = itemgetter("x0")
_TOP_BOTTOM = itemgetter("top", "bottom")
_BOX = itemgetter("x0", "top", "x1", "bottom")


def _cluster(chars: list[Char], key: str, tolerance: float) -> list[list[Char]]:
    """Group characters by `key` as `pdfplumber.utils.cluster_objects` does.

    The distinct values, sorted, are chained into clusters (a value within the
    tolerance of the one before joins its cluster, which a NaN never is); characters
    keep their order within a cluster, and clusters come lowest first.
    """
    values = sorted({c[key] for c in chars})
    cluster_of: dict[Any, int] = {}
    n = 0
    last = values[0] if values else 0.0
    for v in values:
        if not v <= last + tolerance:
            n += 1
        cluster_of[v] = n
        last = v
    lines: list[list[Char]] = [[] for _ in range(n + 1)]
    for c in chars:
        lines[cluster_of[c[key]]].append(c)
    return [line for line in lines if line]


def _split(
    line: list[Char],
    start: str,
    end: str,
    across: str,
    along_tolerance: float,
    across_tolerance: float,
    direction: str,
    words: list[Char],
) -> None:
    """Cut one sorted line into words and add them to `words`."""
    current: list[Char] = []
    # The last character's place, and the box of the word so far (min and max in
    # character order, as pdfplumber's `merge_bboxes` takes them).
    p_start = p_end = p_across = 0.0
    x0 = top = x1 = bottom = 0.0
    for char in line:
        text = char["text"]
        if text.isspace():
            if current:
                words.append(_word(current, x0, top, x1, bottom, direction))
            current = []
            continue
        if not text:
            # pdfplumber splits at "punctuation", by default none, and the empty text
            # is found in any string: an empty character is a word of its own.
            if current:
                words.append(_word(current, x0, top, x1, bottom, direction))
            a, b, c, d = _BOX(char)
            words.append(_word([char], a, b, c, d, direction))
            current = []
            continue
        c_start, c_across = char[start], char[across]
        if current and not (
            c_start < p_start
            or c_start > p_end + along_tolerance
            or abs(c_across - p_across) > across_tolerance
        ):
            current.append(char)
            a, b, c, d = _BOX(char)
            if a < x0:
                x0 = a
            if b < top:
                top = b
            if c > x1:
                x1 = c
            if d > bottom:
                bottom = d
        else:
            if current:
                words.append(_word(current, x0, top, x1, bottom, direction))
            current = [char]
            x0, top, x1, bottom = _BOX(char)
        p_start, p_end, p_across = c_start, char[end], c_across
    if current:
        words.append(_word(current, x0, top, x1, bottom, direction))


def _word(
    chars: list[Char], x0: float, top: float, x1: float, bottom: float, direction: str
) -> Char:
    first = chars[0]
    get = LIGATURES.get
    return {
        "text": "".join(get(c["text"], c["text"] or "") for c in chars),
        "x0": x0,
        "x1": x1,
        "top": top,
        "doctop": top + (first["doctop"] - first["top"]),
        "bottom": bottom,
        "upright": first["upright"],
        "height": bottom - top,
        "width": x1 - x0,
        "direction": direction,
    }
