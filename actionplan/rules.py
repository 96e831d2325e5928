"""One table per domain rule: every stage asks these, none keeps a copy.

- `FORMATS`: the input formats: extensions, how the bytes are recognised, the reader,
  which document stands for a version saved in several formats, and the name the
  contract gives the format (`document.format`).
- `version_order`: the order of a plan's versions (review date, then version number).
- `COMPLETION_WORDS` and `means_complete`: the words that say an action is complete.
- `DEFAULT_TIMEOUT`, `DEFAULT_MAX_MEMORY` (and sizes as people write them): the budget
  of one document.
- `PDF_ENGINES`, `PDF_ENGINE_VARIABLE`: what reads a PDF's pages, the default first.

This module imports nothing of the package's, so that models and every stage can use it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    """One input format and everything the pipeline needs to know of it.

    `magic` are byte prefixes that identify the format on their own. `zip_members` are
    the names inside a zip archive that identify it (any one of them); a zip archive's
    formats are tried in table order. `preference` orders the documents of one version
    (lower first): the one kept when a version was saved as Word and as PDF.
    """

    name: str
    label: str
    extensions: tuple[str, ...]
    reader: str
    preference: int
    magic: tuple[bytes, ...] = ()
    zip_members: tuple[str, ...] = ()


# Word first: it is what the author edits; PDF and HTML are printouts of it; a text dump
# has lost the shading; a legacy .doc goes through a conversion.
FORMATS: tuple[Format, ...] = (
    Format(
        "docx",
        "Word document",
        (".docx", ".docm"),
        "actionplan.extract.docx_reader:read_docx",
        preference=0,
        zip_members=("word/document.xml",),
    ),
    Format(
        "xlsx",
        "Excel workbook",
        (".xlsx", ".xlsm"),
        "actionplan.extract.xlsx_reader:read_xlsx",
        preference=0,
        zip_members=("xl/workbook.xml",),
    ),
    Format(
        "pdf",
        "PDF",
        (".pdf",),
        "actionplan.extract.pdf:read_pdf",
        preference=1,
        magic=(b"%PDF-",),
    ),
    Format(
        "html",
        "web page",
        (".htm", ".html"),
        "actionplan.extract.html_reader:read_html",
        preference=2,
    ),
    Format(
        "text",
        "text dump",
        (".txt", ".text"),
        "actionplan.extract.text_reader:read_text",
        preference=3,
    ),
    Format(
        "csv",
        "CSV export of a tracker",
        (".csv",),
        "actionplan.extract.csv_reader:read_csv",
        preference=3,
    ),
    Format(
        "ods",
        "OpenDocument spreadsheet (converted by LibreOffice)",
        (".ods",),
        "actionplan.extract.calc_reader:read_ods",
        preference=4,
        zip_members=("content.xml",),
    ),
    Format(
        "xls",
        "Excel 97-2003 workbook (converted by LibreOffice)",
        (".xls",),
        "actionplan.extract.calc_reader:read_xls",
        preference=4,
    ),
    Format(
        "doc",
        "legacy document (converted by LibreOffice)",
        (".doc", ".rtf", ".odt"),
        "actionplan.extract.doc_reader:read_doc",
        preference=4,
        magic=(b"{\\rtf",),
        zip_members=("content.xml",),
    ),
)

FORMAT_NAMES: tuple[str, ...] = tuple(f.name for f in FORMATS)
_BY_NAME = {f.name: f for f in FORMATS}
_BY_EXTENSION = {ext: f for f in FORMATS for ext in f.extensions}


def format_named(name: str) -> Format:
    """Return the format the contract calls `name` ("docx", "pdf", …)."""
    return _BY_NAME[name]


def format_for_extension(suffix: str) -> Format | None:
    """Return the format a file extension (".docx") claims, or None for an unknown one."""
    return _BY_EXTENSION.get(suffix.lower())


def format_preference(name: str) -> int:
    """Return the rank of a format among the documents of one version (lower is kept)."""
    found = _BY_NAME.get(name)
    return found.preference if found else len(FORMATS)


_VERSION_NUMBER_RE = re.compile(r"\d+(?:\.\d+)*")


def version_number(version: str | None) -> tuple[int, ...]:
    """Return a version label's number as integers: "V8.10" -> (8, 10), "V8" -> (8,).

    Trailing zero parts are dropped so that "Version 8.0" and "V8" are one version;
    a label without a number gives ().
    """
    m = _VERSION_NUMBER_RE.search(version or "")
    if not m:
        return ()
    parts = [int(p) for p in m.group(0).split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def version_order(
    review_date: dt.date | None, version: str | None, name: str = ""
) -> tuple[dt.date, tuple[int, ...], str]:
    """Return the sort key of a version: review date, then version number, then name.

    Version numbers compare as integers part by part, so V8.9 comes before V8.10.
    """
    return (review_date or dt.date.min, version_number(version), name)


# A status is complete when its words say so: "Complete", "Blue – Completed", "Closed",
# "Achieved". "Not complete", "Incomplete" and "Partially complete" are not.
COMPLETION_WORDS: frozenset[str] = frozenset(
    {"complete", "completed", "completion", "done", "closed", "achieved", "finished"}
)
# A status written as one letter: "C" in a column of R/A/G/C.
COMPLETION_LETTERS: frozenset[str] = frozenset({"c"})
_NEGATIONS = frozenset({"not", "in", "partially", "part", "partly", "incomplete", "nearly"})
_WORD_RE = re.compile(r"[a-z]+")


def means_complete(text: str | None) -> bool:
    """Say whether a status text ("Blue – Completed", "C", "Closed") means complete."""
    words = _WORD_RE.findall((text or "").lower())
    if not words:
        return False
    if len(words) == 1 and words[0] in COMPLETION_LETTERS:
        return True
    return any(w in COMPLETION_WORDS for w in words) and not any(w in _NEGATIONS for w in words)


# The budget of one document: a pathological PDF can keep pdfminer busy for hours, or
# take gigabytes, so each is read within these unless the user says otherwise.
DEFAULT_TIMEOUT = 120.0
DEFAULT_MAX_MEMORY = 2 << 30

# What reads a PDF's pages (extract/pdf/source.py), the default first: PDFium is many times
# faster, pdfplumber (pdfminer) the reference. The variable names the engine a run uses
# when the caller names none, child processes included (--pdf-engine sets it).
PDF_ENGINES = ("pdfium", "pdfplumber")
PDF_ENGINE_VARIABLE = "ACTIONPLAN_PDF_ENGINE"

_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}


def parse_size(text: str) -> int:
    """Return the bytes of a size written "2G", "512M", "1.5 GiB" or "1048576"."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:I?B)?\s*", text.upper())
    if not match:
        raise ValueError(f"{text!r} is not a size: give e.g. 2G, 512M or a number of bytes")
    number, unit = match.groups()
    return int(float(number) * _UNITS[unit])


def format_size(size: int) -> str:
    """Return a size as people write it: "2 GiB", "512 MiB", "1.5 GiB"."""
    for unit, name in (("T", "TiB"), ("G", "GiB"), ("M", "MiB"), ("K", "KiB")):
        if size >= _UNITS[unit]:
            return f"{round(size / _UNITS[unit], 1):g} {name}"
    return f"{size} bytes"
