"""Make a 600-action review plan (.docx, and its LibreOffice .pdf) for the benchmarks.

    python benchmarks/make_large_plan.py [--actions 600] [--out benchmarks/data] [--no-pdf]

The rows are the V8 sample's 19 action rows repeated and renumbered, so every
cell has the real structure (several paragraphs, bullets, shading); the PDF is
made by LibreOffice from the .docx, as users' PDFs are made by Word.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parents[1]


def make_docx(n: int, out: Path) -> Path:
    """Write an n-action copy of the V8 sample to `out`."""
    document = docx.Document(str(ROOT / "samples" / "cp-reduction-v8.docx"))
    table = document.tables[0]
    template = [copy.deepcopy(r._tr) for r in table.rows[1:]]
    for r in list(table.rows[1:]):
        table._tbl.remove(r._tr)
    for i in range(n):
        tr = copy.deepcopy(template[i % len(template)])
        table._tbl.append(tr)
        ref_cell = table.rows[-1].cells[0]
        ref_cell.paragraphs[0].text = str(i + 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))
    return out


def make_pdf(docx_path: Path) -> Path:
    """Convert the .docx to PDF with LibreOffice, beside it."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise SystemExit("LibreOffice is needed: apt-get install -y libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                exe,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(docx_path.parent),
                str(docx_path),
            ],
            check=True,
            capture_output=True,
            timeout=900,
        )
    return docx_path.with_suffix(".pdf")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actions", type=int, default=600)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "data")
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args()
    path = make_docx(args.actions, args.out / f"plan-{args.actions}.docx")
    print(f"wrote {path}")
    if not args.no_pdf:
        print(f"wrote {make_pdf(path)}")


if __name__ == "__main__":
    main()
