"""The outside programs some tests drive: LibreOffice Writer and Calc, headless chromium.

Each is checked once a session by a real, tiny run, not by a name on PATH: Debian
splits LibreOffice, and an `soffice` without Writer (or Calc) converts nothing and says
little. Tests ask for the `writer`, `calc` or `chromium` fixture (conftest.py) and are
skipped, naming what is missing; under CI, where .ci/run installs all three (and shared/
lies beside the clone), a missing one fails the test instead, so a broken install cannot
pass as a run of skips.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import NoReturn

import pytest

WRITER = "LibreOffice Writer"
CALC = "LibreOffice Calc"
CHROMIUM = "chromium"

# A file only that component reads, and a format only it writes: a text file
# becomes an .odt in Writer alone, a CSV an .ods in Calc alone.
_PROBES = {
    WRITER: ("probe.txt", "probe\n", "odt", "libreoffice-writer-nogui"),
    CALC: ("probe.csv", "a,b\n1,2\n", "ods", "libreoffice-calc-nogui"),
}


def soffice() -> str | None:
    """Return the LibreOffice executable on PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def convert(exe: str, src: Path, to: str, outdir: Path) -> subprocess.CompletedProcess[str]:
    """Convert src with LibreOffice headless into outdir (format `to`), with a throwaway profile."""
    return subprocess.run(
        [
            exe,
            f"-env:UserInstallation={(outdir / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            str(src),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@functools.cache
def missing(component: str) -> str | None:
    """Return why the component cannot run here, or None when it can."""
    if component == CHROMIUM:
        exe = _chromium()
        if exe is None:
            return "chromium is not installed (apt-get install chromium)"
        run = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60)
        return None if run.returncode == 0 else f"chromium does not run: {run.stderr[-300:]}"
    name, text, to, package = _PROBES[component]
    exe = soffice()
    if exe is None:
        return f"{component} is not installed: no soffice on PATH (apt-get install {package})"
    with tempfile.TemporaryDirectory(prefix="actionplan-probe-") as tmp:
        src = Path(tmp, name)
        src.write_text(text, encoding="utf-8")
        run = convert(exe, src, to, Path(tmp))
        if not src.with_suffix(f".{to}").exists():
            return (
                f"{component} is not installed: {exe} made no .{to} of a {src.suffix} file "
                f"(apt-get install {package}) {run.stderr[-300:]}".strip()
            )
    return None


def absent(why: str) -> NoReturn:
    """Skip the test for want of something CI provides; under CI, fail it instead."""
    if os.environ.get("CI"):
        pytest.fail(f"{why}; CI provides it (.ci/run), so CI must not skip this test")
    pytest.skip(why)


def require(component: str) -> str:
    """Return the component's executable; skip the test (fail under CI) when it is missing."""
    why = missing(component)
    if why is not None:
        absent(why)
    exe = _chromium() if component == CHROMIUM else soffice()
    assert exe is not None
    return exe
