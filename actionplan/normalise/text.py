"""Turn HTML-ish cell text from the readers into clean, line-structured plain text."""

from __future__ import annotations

import html
import re

BULLETS = "•▪◦●"

# Only real HTML tag names count as tags, so prose such as "a <b and c> d" or "x < 5" survives.
_TAG_NAMES = (
    "a|abbr|b|big|blockquote|body|br|caption|center|code|col|colgroup|dd|del|div|dl|dt|em|"
    "font|h[1-6]|head|hr|html|i|img|ins|li|mark|ol|p|pre|s|small|span|strike|strong|sub|sup|"
    "table|tbody|td|tfoot|th|thead|tr|tt|u|ul|[a-z]+:[a-z]+"
)
# Attributes, when present, must look like name=value, again to spare prose in angle brackets.
# No two repeats here can share a character, so a long run without ">" fails in linear time.
_TAG_RE = re.compile(
    rf"<(/?)({_TAG_NAMES})(?:\s[^<>=]*=[^<>]*|\s*(?:/\s*)?)>|<!--.*?-->",
    re.IGNORECASE | re.DOTALL,
)
_BLOCK_TAGS = frozenset({
    "p", "br", "div", "li", "ul", "ol", "tr", "table", "tbody", "thead", "tfoot", "blockquote",
    "pre", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "dd", "dt", "dl",
})  # fmt: skip
_LINE_BREAK_RE = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
_ODD_BREAK_RE = re.compile(r"[\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_BULLET_RE = re.compile(rf"[{BULLETS}]")
_MID_BULLET_RE = re.compile(rf"(?<=\S)\s*([{BULLETS}])")
_LEADING_BULLETS_RE = re.compile(rf"^(?:[{BULLETS}]\s*)+")
_LI_MARK = "\x00"
_ENTITY_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


def _entity(m: re.Match[str]) -> str:
    text = html.unescape(m.group(0))
    # "&#0" or "&#xD800" decode to no character: they are the author's text, not markup.
    if not text or "\ufffd" in text or any(ord(ch) < 32 and ch not in "\t\n" for ch in text):
        return m.group(0)
    return text


def _replace_tag(m: re.Match[str]) -> str:
    name = (m.group(2) or "").lower()
    if name == "li" and not m.group(1):
        # A list item is a bullet line even when the author's text carries no bullet glyph.
        return "\n" + _LI_MARK
    if name in _BLOCK_TAGS:
        return "\n"
    # Cells of a table nested in a cell sit side by side: keep their words apart.
    return " " if name in ("td", "th") else ""


def _strip_markup(s: str) -> str:
    # Loop to a fixed point so that clean_text is idempotent: unescaping can reveal markup
    # ("&lt;p&gt;"), and every pass only ever shortens the string.
    while True:
        if "<" not in s and "&" not in s:
            return s
        stripped = _ENTITY_RE.sub(_entity, _TAG_RE.sub(_replace_tag, s))
        if stripped == s:
            return s
        s = stripped


def _clean_line(line: str) -> str:
    line = " ".join(line.replace(_LI_MARK, "• ").split())
    if line and line[0] in BULLETS:
        body = _LEADING_BULLETS_RE.sub("", line)
        return f"• {body}" if body else ""
    return line


def clean_text(s: str) -> str:
    """Return cell text without markup, one paragraph, line or bullet item per line."""
    if _LI_MARK in s:
        # A stray NUL is junk, but it may stand between two words: keep them apart.
        s = s.replace(_LI_MARK, " ")
    s = _strip_markup(s).replace("\xa0", " ")
    if _ODD_BREAK_RE.search(s):
        s = _LINE_BREAK_RE.sub("\n", s)
    if _BULLET_RE.search(s):
        s = _MID_BULLET_RE.sub(lambda m: "\n" + m.group(1), s)
    lines = (_clean_line(line) for line in s.split("\n"))
    return "\n".join(line for line in lines if line)


def fold(s: str) -> str:
    """Return the text with every run of whitespace, new lines included, as one space."""
    return " ".join(s.split())
