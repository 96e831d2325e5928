"""Typed errors raised by the library; the CLI turns each into one line and an exit code.

ActionplanError                 base; carries the file name and a one-line message
├── UnsupportedFormat           not a format actionplan reads
├── CorruptDocument             the file is damaged, truncated or not what its name says
├── EncryptedDocument           password-protected (pass --password)
├── NoTextLayer                 a scanned PDF with no text to read (needs OCR)
├── NoActionTable               read fine, but holds no action table
│   └── NotAnActionPlan         its table reads as something else (a risk register, a list)
├── UnsafeDocument              refused before reading (zip bomb, external entities)
├── ConversionUnavailable       a legacy .doc and no LibreOffice (or its Writer) to convert it
├── TimedOut                    reading took longer than the time allowed one document
├── MemoryLimit                 reading took more memory than one document is allowed
├── MixedPlans                  a history or diff was asked of documents of more than one plan
├── VersionsOutOfOrder          a diff's NEW is an earlier version than its OLD
├── MissingFile                 no such file
├── ClusterUnavailable          the Dask cluster (--cluster) cannot be reached or started
└── StoreError                  a problem with the database or a query of it
    ├── NoDatabase              the database file does not exist (queries never create one)
    ├── ForeignDatabase         the file is not an actionplan database (another program's)
    ├── SchemaTooNew            the database was made by a newer actionplan
    ├── DatabaseFull            the disk holding the database is full
    ├── ReadOnlyDatabase        the database file, or its folder, cannot be written
    ├── DatabaseLocked          another process held the database past the busy timeout
    ├── UnknownPlan             no plan, or more than one, answers to the name given
    └── UnknownVersion          no version, or more than one, answers to the label given

Every class is exported from `actionplan`. An error about one file carries its path;
`str(error)` is the one line the CLI prints ("FILE: message").
"""

from __future__ import annotations

import re
from pathlib import Path

# What must not reach a terminal as it is: C0 and C1 controls (a newline would split the
# one line, ESC starts a terminal escape sequence), bidirectional overrides (which reorder
# what the reader sees) and lone surrogates (bytes of a file name that are not UTF-8).
_UNSAFE_FOR_TERMINAL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def displayed(text: str) -> str:
    """Return `text` safe to print as one line: control characters, bidi overrides and
    undecodable bytes are written as escapes (\\n, \\x1b, \\u202e, \\udcff); the rest
    is unchanged, so applying it twice changes nothing."""
    return _UNSAFE_FOR_TERMINAL.sub(
        lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text
    )


class ActionplanError(Exception):
    """An expected problem with one input file, reported in one line."""

    exit_code = 1

    def __init__(self, path: str | Path | None, message: str) -> None:
        self.path = str(path) if path is not None else None
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        line = f"{self.path}: {self.message}" if self.path else self.message
        return displayed(line)


class UnsupportedFormat(ActionplanError):
    """The file is not a format actionplan reads."""


class CorruptDocument(ActionplanError):
    """The file is damaged, truncated, or not what its extension says."""


class EncryptedDocument(ActionplanError):
    """The file is password-protected."""


class NoTextLayer(ActionplanError):
    """The PDF has pages but no text (a scan)."""


class NoActionTable(ActionplanError):
    """The document was read but holds no action table."""


class NotAnActionPlan(NoActionTable):
    """The document's table does not read as an action plan (use --columns or --force)."""


class UnsafeDocument(ActionplanError):
    """The file was refused before reading because it could exhaust or leak resources."""


class ConversionUnavailable(ActionplanError):
    """A legacy format needs LibreOffice, which is not installed."""


class TimedOut(ActionplanError):
    """Reading the file took longer than the time a batch allows one document."""


class MemoryLimit(ActionplanError):
    """Reading the file took more memory than the limit allowed one document."""


class MixedPlans(ActionplanError):
    """A history or a diff was asked of documents that belong to more than one plan."""


class VersionsOutOfOrder(ActionplanError):
    """A diff's NEW is an earlier version of the plan than its OLD (give OLD first)."""


class MissingFile(ActionplanError):
    """The path does not exist."""


class ClusterUnavailable(ActionplanError):
    """The Dask cluster cannot be reached or started (or dask is not installed)."""


class StoreError(ActionplanError):
    """A problem with the database or a query of it."""


class NoDatabase(StoreError):
    """The database file does not exist."""


class ForeignDatabase(StoreError):
    """The file is not an actionplan database: another program's, or not SQLite at all."""


class SchemaTooNew(StoreError):
    """The database's schema version is newer than this actionplan knows."""


class DatabaseFull(StoreError):
    """The disk holding the database is full: nothing more could be written."""


class ReadOnlyDatabase(StoreError):
    """The database file, or the folder it is in, cannot be written."""


class DatabaseLocked(StoreError):
    """Another process held the database longer than the busy timeout."""


class UnknownPlan(StoreError):
    """No plan, or more than one, answers to the name given."""


class UnknownVersion(StoreError):
    """No version, or more than one, answers to the label given."""
