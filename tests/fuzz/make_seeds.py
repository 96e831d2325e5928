"""Write the fuzzer's seeds of the formats the samples lack: HTML and legacy .doc.

`python tests/fuzz/make_seeds.py` converts two bundled Word samples with LibreOffice
(`soffice --headless --convert-to`), as a user's "save as web page" or "Word 97-2003"
would, into tests/fuzz/seeds/ (committed). It does not import actionplan.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = Path(__file__).resolve().parent / "seeds"
# (sample, target): the workforce plan as .doc is left out, as LibreOffice's .doc of it
# holds no table actionplan finds (a seed must read).
SEEDS_MADE = (
    ("cp-reduction-v8.docx", "html"),
    ("cp-reduction-v8.docx", "doc"),
    ("workforce-plan-q2.docx", "html"),
)


def main() -> None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise SystemExit("make_seeds.py needs LibreOffice (soffice) on PATH")
    SEEDS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="fuzz-seeds-") as tmp:
        profile = Path(tmp, "profile").as_uri()
        for name, target in SEEDS_MADE:
            cmd = [exe, f"-env:UserInstallation={profile}", "--headless"]
            cmd += ["--convert-to", target, "--outdir", tmp, str(ROOT / "samples" / name)]
            subprocess.run(cmd, check=True, capture_output=True, timeout=120)
            made = Path(tmp, Path(name).with_suffix(f".{target}").name)
            shutil.copy(made, SEEDS / made.name)
            print(SEEDS / made.name)


if __name__ == "__main__":
    main()
