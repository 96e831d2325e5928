"""What Excel shows for a number under a cell's number format.

A workbook stores a date as a serial number and says in the cell's style how to show it:
"dd/mm/yyyy", "m/d/yyyy", "d mmmm yyyy", "[$-F800]dddd, mmmm dd, yyyy" (the machine's long
date), "h:mm AM/PM", "[h]:mm" (elapsed hours); a number as "#,##0.00", "£#,##0", "0%",
"0;(0)". The text kept for a cell is the text Excel shows, in the order its format gives
(a month-first 1/31/2019 stays month first; the reader keeps the date itself beside it).
Formats that follow the machine's locale (built-in 14, the short date; [$-F800], [$-F400])
are shown as a British machine shows them, since review documents are British.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from decimal import ROUND_HALF_UP, Decimal

from openpyxl.styles.numbers import is_date_format

LOCALE_SHORT_DATE = "dd/mm/yyyy"
# Excel's "system" formats: the machine's long date and time (British here).
SYSTEM_FORMATS = {"F800": "dd mmmm yyyy", "F400": "hh:mm:ss"}

# One piece of a format: a quoted literal, an escaped character, a bracket, a separator.
_PIECE_RE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|;|_.|\*.|.', re.DOTALL)
_DATE_TOKEN_RE = re.compile(
    r"yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|a/p|\[h+\]|\[m+\]|\[s+\]"
    r'|"[^"]*"|\\.|\[[^\]]*\]|_.|\*.|.',
    re.IGNORECASE | re.DOTALL,
)
_ELAPSED_RE = re.compile(r"\[(h+|m+|s+)\]", re.IGNORECASE)
_SYSTEM_RE = re.compile(r"\[\$-0*([0-9A-Fa-f]*F[48]00)\]")


def sections(code: str) -> list[str]:
    """Return the sections of a number format (split at unquoted ";")."""
    out: list[str] = []
    current: list[str] = []
    for piece in _PIECE_RE.findall(code):
        if piece == ";":
            out.append("".join(current))
            current = []
        else:
            current.append(piece)
    out.append("".join(current))
    return out


def first_section(code: str) -> str:
    """Return the first section of a number format (before an unquoted ";")."""
    return sections(code)[0]


def is_date(code: str) -> bool:
    """Say whether a number format shows a date or time."""
    return code != "General" and is_date_format(code)


def system_format(code: str) -> str:
    """Return the format a system format ([$-F800] long date, [$-F400] time) stands for
    on a British machine; any other format as it is."""
    m = _SYSTEM_RE.search(code)
    return SYSTEM_FORMATS[m.group(1)[-4:].upper()] if m else code


def _date_tokens(code: str) -> list[str]:
    return _DATE_TOKEN_RE.findall(first_section(system_format(code)))


@functools.lru_cache(maxsize=4096)
def shows_full_date(code: str) -> bool:
    """Say whether a date format shows the day, the month and the year (so that its text
    stands for one day); "mmm yyyy" or "h:mm" do not."""
    words = [t.lower() for t in _date_tokens(code)]
    has = {w[0] for w in words if w and w[0] in "dmy" and w.isalpha()}
    return {"d", "m", "y"} <= has and any(w in ("d", "dd") for w in words)


def is_elapsed(code: str) -> bool:
    """Say whether a format shows elapsed time ("[h]:mm", "[mm]:ss")."""
    return bool(_ELAPSED_RE.search(first_section(code)))


@functools.lru_cache(maxsize=4096)
def format_date(value: dt.datetime, code: str) -> str:
    """Return a date as its number format shows it, in the format's own order."""
    tokens = _date_tokens(code)
    words = [t.lower() for t in tokens]
    twelve = any(w in ("am/pm", "a/p") for w in words)
    out = [_date_part(value, token, word, words, i, twelve) for i, (token, word) in
           enumerate(zip(tokens, words, strict=True))]  # fmt: skip
    text = "".join(out).strip()
    return text or value.date().isoformat()


def format_elapsed(days: float, code: str) -> str:
    """Return a duration in days as an elapsed-time format shows it ("[h]:mm" -> 36:30)."""
    seconds = round(abs(days) * 86400)
    sign = "-" if days < 0 else ""
    out: list[str] = []
    words = [t.lower() for t in _date_tokens(code)]
    unit = next((w[1] for w in words if _ELAPSED_RE.fullmatch(w)), "h")
    for token, word in zip(_date_tokens(code), words, strict=True):
        m = _ELAPSED_RE.fullmatch(word)
        if m:
            total = {"h": seconds // 3600, "m": seconds // 60, "s": seconds}[word[1]]
            out.append(f"{total:0{len(m.group(1))}d}")
        elif word in ("m", "mm") and unit == "h":
            out.append(f"{seconds // 60 % 60:0{len(word)}d}")
        elif word in ("s", "ss"):
            out.append(f"{seconds % 60:0{len(word)}d}")
        else:
            out.append(_literal(token))
    return sign + "".join(out).strip()


def _literal(token: str) -> str:
    if token.startswith('"'):
        return token[1:-1]
    if token.startswith("\\"):
        return token[1:]
    if token.startswith("_"):
        return " "  # the width of the next character: a space
    if token.startswith("*"):
        return ""  # repeat to fill the column: nothing in text
    if token.startswith("[$"):
        return token[2:-1].split("-", 1)[0]  # a currency symbol: [$£-809]
    if token.startswith("["):
        return ""  # a colour or a condition: [Red], [>=100]
    return token


def _date_part(
    value: dt.datetime, token: str, word: str, words: list[str], i: int, twelve: bool
) -> str:
    minutes = word in ("m", "mm") and (
        any(w in ("h", "hh") or _ELAPSED_RE.fullmatch(w) for w in words[max(0, i - 3) : i])
        or any(w in ("s", "ss") for w in words[i + 1 : i + 4])
    )
    if minutes:
        return f"{value.minute:02d}" if word == "mm" else str(value.minute)
    hour = (value.hour % 12 or 12) if twelve else value.hour
    simple = {
        "yyyy": f"{value.year:04d}",
        "yy": f"{value.year % 100:02d}",
        "mmmmm": value.strftime("%B")[:1],
        "mmmm": value.strftime("%B"),
        "mmm": value.strftime("%b"),
        "mm": f"{value.month:02d}",
        "m": str(value.month),
        "dddd": value.strftime("%A"),
        "ddd": value.strftime("%a"),
        "dd": f"{value.day:02d}",
        "d": str(value.day),
        "hh": f"{hour:02d}",
        "h": str(hour),
        "ss": f"{value.second:02d}",
        "s": str(value.second),
        "am/pm": "AM" if value.hour < 12 else "PM",
        "a/p": "A" if value.hour < 12 else "P",
    }
    if word in simple:
        if word in ("am/pm", "a/p") and token.islower():
            return simple[word].lower()
        return simple[word]
    return _literal(token)


def format_number(value: float, code: str) -> str:
    """Return a number as its format shows it: "General", "0.00", "#,##0", "0%", "£#,##0.00",
    "0.0 \\"days\\"", "0;(0)" (a negative number in its own section, without its sign)."""
    if not math.isfinite(value):
        return general(value)
    parts = sections(code)
    section, shown = parts[0], value
    if len(parts) >= 2 and value < 0 and not _has_condition(parts[0]):
        section, shown = parts[1], -value  # the section writes its own sign, or none
    elif len(parts) >= 3 and value == 0 and not _has_condition(parts[0]):
        section = parts[2]
    pieces = _PIECE_RE.findall(section)
    plain = "".join(p for p in pieces if len(p) == 1)
    if plain.strip() in ("General", "@", "") and not any(p.startswith('"') for p in pieces):
        return "".join(_literal(p) for p in pieces if len(p) > 1) + general(shown)
    if "E" in plain.upper() and re.search(r"[0#?][.0#?]*E[+-]", plain, re.IGNORECASE):
        return general(value)  # scientific notation: as General shows it
    if "/" in plain and re.search(r"[0#?]\s*/\s*[0-9#?]", plain):
        return general(value)  # a fraction: as General shows it
    holders = [i for i, p in enumerate(pieces) if p in ("0", "#", "?")]
    literals = "".join(_literal(p) for p in pieces)
    if not holders:
        return literals.strip()  # a format of words alone: "Done";"Not done"
    first, last = holders[0], holders[-1]
    core = "".join(pieces[first : last + 1])
    tail = pieces[last + 1 :]
    scale = 1.0
    while tail and tail[0] == ",":
        scale *= 1000  # "#,##0," shows thousands
        tail = tail[1:]
    percent = "%" in plain
    number = abs(shown) / scale * (100 if percent else 1)
    integer, _, fraction = core.partition(".")
    decimals = len(re.findall(r"[0#?]", fraction))
    grouped = "," in integer
    # Excel rounds half away from zero (1234.5 under "#,##0" is 1,235), Python's format to even.
    exact = Decimal(repr(number)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{exact:,f}" if grouped else f"{exact:f}"
    minimum = len(re.findall(r"0", integer))
    if minimum == 0 and text.startswith("0") and (decimals or number < 1):
        text = text[1:]  # "#.00" shows .50, "#" shows nothing for 0
    sign = "-" if shown < 0 else ""
    prefix = "".join(_literal(p) for p in pieces[:first])
    suffix = "".join(_literal(p) for p in tail)
    return (prefix + sign + text + suffix).strip()


def _has_condition(section: str) -> bool:
    return bool(re.match(r"\s*\[[<>=]", section))


def general(value: float) -> str:
    """Return a number as Excel's General format shows it: no ".0" on a whole number."""
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10g}"
