"""Read Excel 97-2003 .xls and OpenDocument .ods workbooks by converting them to .xlsx with
LibreOffice Calc, then reading that with the .xlsx reader."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from actionplan.errors import ConversionUnavailable, CorruptDocument
from actionplan.extract.base import RawDocument
from actionplan.extract.doc_reader import convert, soffice
from actionplan.extract.xlsx_reader import read_xlsx

TO_XLSX = "xlsx:Calc MS Excel 2007 XML"


def _needs_calc(path: Path) -> ConversionUnavailable:
    return ConversionUnavailable(
        path,
        f"needs LibreOffice Calc to convert {path.suffix or 'it'}; install libreoffice-calc "
        "(e.g. apt-get install libreoffice-calc-nogui), or save it as .xlsx in Excel",
    )


def _calc_converts(exe: str) -> bool:
    """Return whether this LibreOffice converts a one-cell CSV file (Calc's job)."""
    with tempfile.TemporaryDirectory(prefix="actionplan-probe-") as tmp:
        probe = Path(tmp, "probe.csv")
        probe.write_text("probe\n", encoding="utf-8")
        try:
            return convert(exe, probe, tmp, TO_XLSX).exists()
        except (OSError, subprocess.TimeoutExpired):
            return False


def _read_converted(path: Path, fmt: str) -> RawDocument:
    exe = soffice()
    if exe is None:
        raise _needs_calc(path)
    with tempfile.TemporaryDirectory(prefix="actionplan-") as tmp:
        try:
            out = convert(exe, path, tmp, TO_XLSX)
        except subprocess.TimeoutExpired as exc:
            raise CorruptDocument(path, "LibreOffice did not finish converting it") from exc
        except OSError as exc:
            raise _needs_calc(path) from exc
        if not out.exists():
            if not _calc_converts(exe):
                raise _needs_calc(path)
            raise CorruptDocument(path, "LibreOffice could not convert it (damaged file?)")
        doc = read_xlsx(out)
    doc.path = path
    doc.format = fmt
    for sheet in doc.sheets:
        sheet.path, sheet.format = path, fmt
    doc.warnings.insert(0, f"converted from {path.suffix or fmt} to .xlsx with LibreOffice")
    return doc


def read_xls(path: Path, *, data: bytes | None = None, **_: object) -> RawDocument:
    """Convert an Excel 97-2003 workbook to .xlsx with LibreOffice and read that (from the
    file: LibreOffice converts files, so `data` is not used)."""
    return _read_converted(path, "xls")


def read_ods(path: Path, *, data: bytes | None = None, **_: object) -> RawDocument:
    """Convert an OpenDocument spreadsheet to .xlsx with LibreOffice and read that (from
    the file, as read_xls)."""
    return _read_converted(path, "ods")
