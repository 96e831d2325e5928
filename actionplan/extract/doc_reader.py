"""Read legacy Word .doc (and .rtf, .odt) by converting to .docx with LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from actionplan.errors import ConversionUnavailable, CorruptDocument
from actionplan.extract.base import RawDocument
from actionplan.extract.docx_reader import read_docx

CONVERT_TIMEOUT = 120


def soffice() -> str | None:
    """Return the LibreOffice executable on PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(path: Path, *, password: str | None = None, **_: object) -> RawDocument:
    """Convert a legacy document to .docx with LibreOffice and read that."""
    exe = soffice()
    if exe is None:
        raise ConversionUnavailable(
            path,
            "a legacy Word file needs LibreOffice to convert it (install it, e.g. "
            "apt-get install libreoffice-writer-nogui), or save it as .docx in Word",
        )
    with tempfile.TemporaryDirectory(prefix="actionplan-") as tmp:
        profile = Path(tmp, "profile").as_uri()
        cmd = [
            exe,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            tmp,
            str(path.resolve()),
        ]
        try:
            subprocess.run(cmd, capture_output=True, timeout=CONVERT_TIMEOUT, check=False)
        except subprocess.TimeoutExpired as exc:
            raise CorruptDocument(path, "LibreOffice did not finish converting it") from exc
        out = Path(tmp, path.stem + ".docx")
        if not out.exists():
            raise CorruptDocument(path, "LibreOffice could not convert it (damaged file?)")
        doc = read_docx(out)
    doc.path = path
    doc.format = "doc"
    doc.warnings.insert(0, "converted from a legacy format with LibreOffice")
    return doc
