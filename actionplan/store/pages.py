"""How much reading a file is before it is read: its pages, where the file says so cheaply.

The import's progress counts pages, not files, so that a 170-page PDF weighs what it
costs and the bar's ETA means something. A PDF's pages are its page objects
(`/Type /Page`, counted in its bytes; none found when they sit in compressed object
streams), a Word file's are what Word wrote in docProps/app.xml at its last save. Any
other file, or one that does not say, counts as one page: an estimate for a progress
bar, never a fact about the document.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

_PDF_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_DOCX_PAGES = re.compile(rb"<(?:\w+:)?Pages>(\d+)</(?:\w+:)?Pages>")
# Past this a file is not scanned (it counts as one page): the bar must not cost much.
_SCAN_LIMIT = 64 * 1024 * 1024


def pages_of(path: Path) -> int | None:
    """Return how many pages the file says it has, or None when it does not say cheaply."""
    try:
        size = path.stat().st_size
        if size > _SCAN_LIMIT:
            return None
        with path.open("rb") as fh:
            head = fh.read(8)
            if head.startswith(b"%PDF"):
                found = len(_PDF_PAGE.findall(head + fh.read()))
                return found or None
        if head.startswith(b"PK\x03\x04"):
            with zipfile.ZipFile(path) as z:
                info = z.getinfo("docProps/app.xml")
                if info.file_size > 1024 * 1024:
                    return None
                match = _DOCX_PAGES.search(z.read(info))
                return (int(match.group(1)) or None) if match else None
    except (OSError, KeyError, zipfile.BadZipFile, ValueError, RuntimeError):
        return None
    return None


def weight(path: Path) -> int:
    """Return the pages a file counts for in the progress: its own, or 1."""
    return pages_of(path) or 1
