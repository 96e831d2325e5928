"""Time read_pdf, on each engine, against bare pdfplumber extract_tables on the same pages.

    python benchmarks/bench_pdf.py [--repeat 3] [--big] [--memory] [--profile] [PDF ...]

Default inputs: samples/cp-reduction-v8.pdf (3 pages) and, when shared/realworld sits beside
the checkout, the 16-page WARN report and the 65-page chelsea_pdta.pdf. --big adds a
~170-page plan: the V8 sample's 19 action rows copied 68 times, printed by LibreOffice
(made once, kept in the temp folder). Each time is the best of --repeat runs in this
process, the variants taking turns run by run. "bare" is pdfplumber's own
page.extract_tables() on every page (closing each page, as read_pdf does); read_pdf
does more per page (cell paragraphs, fills, spans, text outside tables), so the ratio
is its cost over plain table extraction. read_pdf
runs in one process on the reference engine (pdfplumber, pdfminer underneath) and on
PDFium (the default), and in two processes on PDFium. --profile prints where the
one-process PDFium reading spends its time (cProfile, by function, cumulative).
--memory also runs each variant once in a fresh process and reports how far its peak RSS
grew past what the imports took (and the largest worker process's peak, for workers=2).
"""

from __future__ import annotations

import argparse
import copy
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402

from actionplan.extract.pdf import read_pdf  # noqa: E402
from tests.conftest import shared_path  # noqa: E402

REALWORLD = shared_path("realworld", skip=False)
DEFAULTS = [
    ROOT / "samples" / "cp-reduction-v8.pdf",
    REALWORLD / "pdfplumber" / "WARN-Report-for-7-1-2015-to-03-25-2016.pdf",
    REALWORLD / "pdfplumber" / "chelsea_pdta.pdf",
]
COPIES = 68


def bare(path: Path) -> int:
    """Extract every page's tables with pdfplumber alone; return the table count."""
    n = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            n += len(page.extract_tables())
            page.close()
    return n


VARIANTS: dict[str, Callable[[Path], object]] = {
    "bare": bare,
    "pdfplumber": lambda p: read_pdf(p, workers=1, pdf_engine="pdfplumber"),
    "pdfium": lambda p: read_pdf(p, workers=1, pdf_engine="pdfium"),
    "pdfium w2": lambda p: read_pdf(p, workers=2, pdf_engine="pdfium"),
}


def best_of(fn: Callable[[Path], object], path: Path, repeat: int) -> tuple[float, float]:
    """Return the best wall time and the best CPU time of this process over the runs.

    On a machine shared with other jobs the wall time is mostly waiting for a CPU; the
    CPU time of the one process is what a variant costs (the two-process variant's
    workers are not in it, so it is compared by wall time only).
    """
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn(path)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def take_turns(path: Path, repeat: int) -> dict[str, tuple[float, float]]:
    """Return each variant's best wall and CPU time, the variants taking turns run by run.

    On a shared machine the speed of a CPU drifts over minutes (other jobs, the host's
    other guests); run one after another, each variant's best of N would sample other
    conditions than the next one's. Taking turns, every variant's N runs span the same
    minutes, so the ratios compare like with like.
    """
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in VARIANTS}
    for _ in range(repeat):
        for name, fn in VARIANTS.items():
            runs[name].append(best_of(fn, path, 1))
    return {
        name: (min(w for w, _ in times), min(c for _, c in times)) for name, times in runs.items()
    }


def _status_kb(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def reset_peak_kb() -> int:
    """Reset the peak resident size to the current one (Linux); return the current one."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return _status_kb("VmRSS") or 0


def peak_kb() -> int:
    return _status_kb("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def peak_rss_mb(variant: str, path: Path) -> str:
    """Run one variant in a fresh process; return its peak memory growth in MB."""
    out = subprocess.run(
        [sys.executable, __file__, "--one", variant, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    grown, children = out.stdout.split()
    return f"+{grown}" + (f" (largest worker {children})" if children != "0" else "")


def big_plan() -> Path | None:
    """Return a ~170-page plan PDF made from the V8 sample, or None without LibreOffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("--big: LibreOffice is not installed; skipped", file=sys.stderr)
        return None
    folder = Path(tempfile.gettempdir()) / "actionplan-bench"
    pdf = folder / f"cp-reduction-v8-x{COPIES}.pdf"
    if pdf.exists():
        return pdf
    from docx import Document

    folder.mkdir(exist_ok=True)
    doc = Document(str(ROOT / "samples" / "cp-reduction-v8.docx"))
    table = doc.tables[0]
    rows = [r._tr for r in table.rows[1:]]
    for _ in range(COPIES - 1):
        for tr in rows:
            table._tbl.append(copy.deepcopy(tr))
    src = folder / pdf.with_suffix(".docx").name
    doc.save(str(src))
    profile = (folder / "profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless"]
    subprocess.run(
        [*command, "--convert-to", "pdf", "--outdir", str(folder), str(src)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return pdf


def profile(path: Path) -> None:
    """Print the functions the one-process PDFium reading spends most time in."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(read_pdf, path, workers=1, pdf_engine="pdfium")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--big", action="store_true")
    parser.add_argument("--memory", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--one", nargs=2, metavar=("VARIANT", "PDF"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        # Peak growth over the resident size after the imports; worker processes
        # count on their own.
        before = reset_peak_kb()
        VARIANTS[args.one[0]](Path(args.one[1]))
        grown = peak_kb() - before
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        print(f"{grown / 1024:.0f} {children / 1024:.0f}")
        return
    paths = args.pdfs or [p for p in DEFAULTS if p.exists()]
    if args.big and (big := big_plan()):
        paths.append(big)
    print(
        f"{'file':<32} {'pages':>5} {'':>5} {'bare s':>7} {'plumb s':>7} {'pdfium s':>8}"
        f" {'p w2 s':>7} {'plumb/b':>7} {'pdfium/b':>8} {'p w2/b':>7} {'pdfium ms/pg':>12}",
        flush=True,
    )
    for path in paths:
        with pdfplumber.open(path) as pdf:
            pages = len(pdf.pages)
        t = take_turns(path, args.repeat)
        for k, what in enumerate(("wall", "cpu")):
            b = t["bare"][k]
            two = t["pdfium w2"][0]
            print(
                f"{path.name[:32]:<32} {pages:>5} {what:>5} {b:>7.2f} {t['pdfplumber'][k]:>7.2f}"
                f" {t['pdfium'][k]:>8.2f} {two if k == 0 else float('nan'):>7.2f}"
                f" {t['pdfplumber'][k] / b:>7.2f} {t['pdfium'][k] / b:>8.2f}"
                f" {two / b if k == 0 else float('nan'):>7.2f}"
                f" {1000 * t['pdfium'][k] / pages:>12.1f}",
                flush=True,
            )
        if args.profile:
            profile(path)
        if args.memory:
            rss = {name: peak_rss_mb(name, path) for name in VARIANTS}
            print("    peak RSS growth MB: " + ", ".join(f"{k} {v}" for k, v in rss.items()))


if __name__ == "__main__":
    main()
