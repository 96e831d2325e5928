"""Read legacy Word .doc (and .rtf, .odt) by converting to .docx with LibreOffice."""

from __future__ import annotations

import functools
import shutil
import subprocess
import tempfile
from pathlib import Path

from actionplan.errors import ConversionUnavailable, CorruptDocument
from actionplan.extract.base import RawDocument
from actionplan.extract.docx_reader import read_docx

CONVERT_TIMEOUT = 120
TO_DOCX = "docx:MS Word 2007 XML"


def soffice() -> str | None:
    """Return the LibreOffice executable on PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _needs_writer(path: Path) -> ConversionUnavailable:
    return ConversionUnavailable(
        path,
        f"needs LibreOffice Writer to convert {path.suffix or 'it'}; install libreoffice-writer "
        "(e.g. apt-get install libreoffice-writer-nogui), or save it as .docx in Word",
    )


def convert(exe: str, src: Path, outdir: str, target: str = TO_DOCX) -> Path:
    """Run LibreOffice headless to convert `src` in outdir to `target` ("docx:MS Word 2007
    XML"); return where the converted file should be."""
    profile = Path(outdir, "profile").as_uri()
    cmd = [exe, f"-env:UserInstallation={profile}", "--headless"]
    cmd += ["--convert-to", target, "--outdir", outdir, str(src.resolve())]
    subprocess.run(cmd, capture_output=True, timeout=CONVERT_TIMEOUT, check=False)
    return Path(outdir, src.stem + "." + target.split(":", 1)[0])


@functools.cache
def _writer_converts(exe: str) -> bool:
    """Return whether this LibreOffice converts a one-line text file (Writer's job).

    Asked once a process: each ask is a LibreOffice cold start (10 s and more), and a
    batch of damaged files would otherwise pay it again for every one (the fuzzer's
    truncated .doc files ran past their 60 s budget).
    """
    with tempfile.TemporaryDirectory(prefix="actionplan-probe-") as tmp:
        probe = Path(tmp, "probe.txt")
        probe.write_text("probe\n", encoding="utf-8")
        try:
            return convert(exe, probe, tmp).exists()
        except (OSError, subprocess.TimeoutExpired):
            return False


def read_doc(path: Path, *, password: str | None = None, **_: object) -> RawDocument:
    """Convert a legacy document to .docx with LibreOffice and read that."""
    exe = soffice()
    if exe is None:
        raise _needs_writer(path)
    with tempfile.TemporaryDirectory(prefix="actionplan-") as tmp:
        try:
            out = convert(exe, path, tmp)
        except subprocess.TimeoutExpired as exc:
            raise CorruptDocument(path, "LibreOffice did not finish converting it") from exc
        except OSError as exc:
            raise _needs_writer(path) from exc
        if not out.exists():
            # Debian ships Writer apart from LibreOffice's core (and Calc); without it
            # soffice converts nothing and says little, which must not read as a bad file.
            if not _writer_converts(exe):
                raise _needs_writer(path)
            raise CorruptDocument(path, "LibreOffice could not convert it (damaged file?)")
        doc = read_docx(out)
    doc.path = path
    doc.format = "doc"
    doc.warnings.insert(0, "converted from a legacy format with LibreOffice")
    return doc
