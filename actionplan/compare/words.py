"""The words a diff compares: a text with the artefacts of its layout undone, and its tokens.

A word diff runs on tokens: words ("mid-May", "11/06", "don't" are one word each) and
marks of punctuation, each mark a token of its own that keeps whether a space stood
before it. "SMT Budget and" → "SMT, Budget and Performance" is then a comma inserted
after "SMT" and "Performance" added, not "SMT" swapped for "SMT,".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from actionplan.models import WordOp

# A word: letters or digits, with a joiner (- ' ’ / . :) inside it only between two of them,
# so "CP/Court", "11/06/2018" and "e.g" are one word and the full stop after them is not.
_TOKEN = re.compile(r"\w+(?:['’\-/.:]\w+)*|[^\w\s]")


def text_words(text: str) -> list[str]:
    """Return the words of a text as a diff compares them, layout artefacts undone.

    Runs of whitespace are one gap, and a hyphen that ends a word before a word that starts
    with a letter joins the two ("mid- May" is "mid-May"): a PDF line that ends "mid-" and
    goes on "May" is the Word original's "mid-May", not an edit.
    """
    out: list[str] = []
    for word in text.split():
        last = out[-1] if out else ""
        if len(last) > 1 and last[-1] == "-" and last[-2].isalpha() and word[0].isalpha():
            out[-1] = last + word
        else:
            out.append(word)
    return out


def folded(text: str) -> str:
    """Return the text as one line of its compared words."""
    return " ".join(text_words(text))


class Token(NamedTuple):
    """A word or a mark of punctuation, and whether a space stands before it.

    A tuple, so the diff hashes and compares it at C speed.
    """

    text: str
    space: bool


def tokens(text: str) -> list[Token]:
    """Return the tokens of a text, folded first (see `folded`).

    The first token counts as spaced: whatever comes to stand before it is a word apart.
    """
    line = folded(text)
    return [
        Token(m.group(), m.start() == 0 or line[m.start() - 1] == " ")
        for m in _TOKEN.finditer(line)
    ]


def joined(items: Iterable[Token | WordOp]) -> str:
    """Return tokens or word-diff runs as one text, a space where one stands before a run."""
    out = ""
    for t in items:
        out += (" " if out and t.space else "") + t.text
    return out


def side(ops: Sequence[WordOp], which: str) -> str:
    """Return one side of a word diff, "old" (kept and deleted) or "new" (kept and inserted)."""
    skip = "insert" if which == "old" else "delete"
    return joined(op for op in ops if op.op != skip)


def _is_mark(run: Sequence[Token]) -> bool:
    return all(not any(ch.isalnum() for ch in t.text) for t in run)


def word_diff(old: str, new: str) -> list[WordOp]:
    """Return the word-level differences between two texts, as runs kept, deleted, inserted.

    Joining the kept and deleted runs (see `side`) gives the old text folded, exactly;
    the kept and inserted runs give the new one. A kept run that is only punctuation
    between two changes is folded into them, so "a, b" → "x, y" reads as one change.
    """
    a, b = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    hunks: list[tuple[str, list[Token], list[Token]]] = []  # (tag, old tokens, new tokens)
    for opcode, i1, i2, j1, j2 in matcher.get_opcodes():
        hunks.append(("equal" if opcode == "equal" else "change", a[i1:i2], b[j1:j2]))
    merged: list[tuple[str, list[Token], list[Token]]] = []
    for k, (tag, olds, news) in enumerate(hunks):
        inner = 0 < k < len(hunks) - 1
        if tag == "equal" and inner and _is_mark(olds) and merged and merged[-1][0] == "change":
            merged[-1][1].extend(olds)
            merged[-1][2].extend(news)
            continue
        if tag == "change" and merged and merged[-1][0] == "change":
            merged[-1][1].extend(olds)
            merged[-1][2].extend(news)
            continue
        merged.append((tag, list(olds), list(news)))
    ops: list[WordOp] = []
    for kind, olds, news in merged:
        if kind == "equal":
            ops.append(WordOp(op="equal", text=joined(olds), space=olds[0].space))
            continue
        if olds:
            ops.append(WordOp(op="delete", text=joined(olds), space=olds[0].space))
        if news:
            ops.append(WordOp(op="insert", text=joined(news), space=news[0].space))
    return ops
