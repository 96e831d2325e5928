"""Split a "Person Responsible" cell into its owners."""

from __future__ import annotations

import re

# A slash joins one owner's names unless spaced on both sides: "The Academy/ Principal Social
# Worker" is one owner and "CP/Court Managers" one team, while "Head of HR / Sian Evans" are two.
# An "&" or "+" between two letters with no space is part of a word ("L&D Manager", "R&D");
# with a space on either side it joins two owners.
_SPLIT_RE = re.compile(
    r"\s+and\s+|\s*(?:[,;\n]|(?<!\w)[&+]|[&+](?!\w))\s*|\s+/\s+|\s+plus\s+", re.IGNORECASE
)
_LEADING_AND_RE = re.compile(r"^(?:and|&)\s+", re.IGNORECASE)
_SCAN_RE = re.compile(r"[()\[\]]|" + _SPLIT_RE.pattern, re.IGNORECASE)
_TRIM = " \t•▪◦●*-–—.:,;"
# "Head of Learning and Development": after "of/for <Word>", an "and" joining one more
# word names a single role, not a second owner.
_ROLE_OF_RE = re.compile(r"\b(?:of|for)\s+[A-Z][\w'’&-]*\Z")
_ONE_WORD_RE = re.compile(r"[A-Z][\w'’&-]*\Z")


def _split_outside_brackets(text: str) -> list[str]:
    # "Jane Hoey (Head of Service, CIN)" is one owner: never split inside brackets.
    parts: list[str] = []
    depth, last = 0, 0
    for m in _SCAN_RE.finditer(text):
        token = m.group(0)
        if token in "([":
            depth += 1
        elif token in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and not _joins_one_role(text, last, m):
            parts.append(text[last : m.start()])
            last = m.end()
    parts.append(text[last:])
    return parts


def _joins_one_role(text: str, last: int, m: re.Match[str]) -> bool:
    if m.group(0).strip().lower() not in ("and", "&") or "\n" in m.group(0):
        return False
    if not _ROLE_OF_RE.search(text, last, m.start()):
        return False
    after = _SPLIT_RE.search(text, m.end())
    following = text[m.end() : after.start() if after else len(text)].strip()
    return bool(_ONE_WORD_RE.match(following))


def split_owners(text: str) -> list[str]:
    """Return the owners named in a cell, roles kept as written."""
    # One space between words keeps the separators' patterns from backtracking over long runs.
    text = "\n".join(" ".join(line.split()) for line in text.splitlines())
    owners = []
    for part in _split_outside_brackets(text):
        owner = " ".join(_LEADING_AND_RE.sub("", part.strip(_TRIM)).split())
        if owner:
            owners.append(owner)
    return owners
