"""The words a diff compares: a text with the artefacts of its layout undone."""

from __future__ import annotations


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
