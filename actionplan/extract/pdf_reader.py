"""Read a PDF into raw tables: ruled cells with their paragraphs and fill colours.

pdfplumber finds the ruled tables; the text of each cell is rebuilt from its
characters so that paragraphs survive (a PDF has no paragraphs, only lines: a
gap clearly wider than the cell's line pitch, or a bullet glyph, starts one).
A cell's fill is the filled rectangle painted under it. Sideways pages are turned
upright first; a table ruled only across gets its columns from the text's
alignment, and a page with text but no ruled table may yield a borderless one.
Pages are read one at a time and released, optionally in several processes.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import logging
import multiprocessing
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actionplan.errors import (
    ActionplanError,
    CorruptDocument,
    EncryptedDocument,
    NoTextLayer,
)
from actionplan.extract.base import RawDocument, RawTable
from actionplan.extract.pdf.boxes import BBox, bbox_of, centre, contains
from actionplan.extract.pdf.fills import is_shading
from actionplan.extract.pdf.lines import (
    direction,
    group_lines,
    page_pitch_ratio,
)
from actionplan.extract.pdf.objects import fast_objects
from actionplan.extract.pdf.ruled import Grid, ruled_tables
from actionplan.extract.pdf.textpos import (
    text_tables,
)

# Lines above the first table within this top share of the page are page headers.
HEADER_ZONE = 0.12
# Only fork a process pool when there are enough pages per process to pay for it.
MIN_PAGES_FOR_POOL = 8
MIN_PAGES_PER_WORKER = 4
CHUNKS_PER_WORKER = 4


# pdfminer logs every oddity of a damaged file at WARNING; without a handler Python
# prints them all to stderr. The reader counts them into one warning instead.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())


class _Problems(logging.Handler):
    """Count the problems pdfminer reports while a file is read."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def read_pdf(path: Path, *, password: str | None = None, workers: int = 1) -> RawDocument:
    """Read a PDF's ruled tables, cell paragraphs and fills, and the text around them."""
    path = Path(path)
    _check_header(path)
    notes: list[str] = []
    results: list[PageResult] = []
    with _open(path, password) as pdf:
        count = _page_count(path, pdf)
        if count == 0:
            raise CorruptDocument(path, "not a readable PDF (it has no pages)")
        parallel = workers > 1 and count >= MIN_PAGES_FOR_POOL
        if not parallel:
            results = _read_pages(path, password, pdf)
    if parallel:
        results = _read_parallel(path, password, count, workers, notes)
    doc = _assemble(path, results, count)
    doc.warnings[:0] = notes
    return doc


@dataclass
class PageResult:
    """What one page yielded, before tables get their running index."""

    number: int
    chars: int
    images: int
    tables: list[RawTable] = field(default_factory=list)
    # (text, in the top zone of the page) for lines above the page's first table.
    above: list[tuple[str, bool]] = field(default_factory=list)
    below: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except IsADirectoryError as exc:
        raise CorruptDocument(path, "not a readable PDF (it is a folder)") from exc
    except OSError as exc:
        raise CorruptDocument(path, f"cannot be opened ({exc.strerror or exc})") from exc
    if not head:
        raise CorruptDocument(path, "not a readable PDF (the file is empty)")
    if b"%PDF-" not in head:
        raise CorruptDocument(path, "not a readable PDF (no %PDF header)")


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        yield cur
        cur = cur.__cause__ or cur.__context__


def _translate(
    path: Path, exc: Exception, password: str | None, where: str = ""
) -> ActionplanError:
    """Map a pdfminer/pdfplumber failure to the error a user can act on."""
    chain = list(_causes(exc))
    names = {type(e).__name__ for e in chain}
    if "PDFPasswordIncorrect" in names or (
        type(exc).__name__ == "PdfminerException" and not str(exc).strip()
    ):
        if password:
            return EncryptedDocument(path, "the PDF is encrypted and the password is wrong")
        return EncryptedDocument(path, "the PDF is encrypted; pass --password")
    if "PDFEncryptionError" in names:
        reason = next((str(e) for e in chain if str(e).strip()), "unsupported encryption")
        return EncryptedDocument(path, f"the PDF's encryption is not supported ({reason})")
    reason = next((str(e).strip() for e in chain if str(e).strip()), type(chain[-1]).__name__)
    reason = "".join(ch if ch.isprintable() else "?" for ch in " ".join(reason.split()))[:120]
    prefix = f"{where}: " if where else ""
    return CorruptDocument(path, f"not a readable PDF ({prefix}{reason})")


@contextlib.contextmanager
def _pdf_errors(path: Path, password: str | None, where: str = "") -> Iterator[None]:
    """Turn any failure inside pdfminer into an ActionplanError, and mute its warnings."""
    with warnings.catch_warnings():
        # pdfminer warns about benign oddities (bad font widths, extraction flags);
        # they are not the user's problem and must not escalate to errors in tests.
        warnings.simplefilter("ignore")
        try:
            yield
        except ActionplanError:
            raise
        except (KeyboardInterrupt, SystemExit, MemoryError):
            raise
        except Exception as exc:
            # Damaged PDFs fail deep inside pdfminer with any exception type
            # (KeyError, TypeError, struct.error, zlib.error, RecursionError ...).
            raise _translate(path, exc, password, where) from exc


@contextlib.contextmanager
def _open(path: Path, password: str | None, pages: list[int] | None = None) -> Iterator[Any]:
    import pdfplumber

    with _pdf_errors(path, password):
        pdf = pdfplumber.open(path, password=password or "", pages=pages)
    try:
        yield pdf
    finally:
        with contextlib.suppress(Exception):
            pdf.close()


def _page_count(path: Path, pdf: Any) -> int:
    with _pdf_errors(path, None):
        return len(pdf.pages)


def _read_range(path: Path, password: str | None, start: int, stop: int) -> list[PageResult]:
    """Read pages start..stop-1 (0-based) of the file."""
    with _open(path, password, pages=list(range(start + 1, stop + 1))) as pdf:
        return _read_pages(path, password, pdf)


def _read_pages(path: Path, password: str | None, pdf: Any) -> list[PageResult]:
    """Read an open file's pages one at a time, releasing each once read."""
    results: list[PageResult] = []
    problems = _Problems()
    logger = logging.getLogger("pdfminer")
    logger.addHandler(problems)
    try:
        with _pdf_errors(path, password):
            pages = pdf.pages
        for page in pages:
            number = page.page_number
            with _pdf_errors(path, password, f"page {number}"):
                data = gather(page)
            results.append(read_page(number, data))
            with contextlib.suppress(Exception):
                page.close()
    finally:
        logger.removeHandler(problems)
    if problems.count and results:
        first, last = results[0].number, results[-1].number
        where = f"page {first}" if first == last else f"pages {first}-{last}"
        results[-1].warnings.append(
            f"{where}: pdfminer met {problems.count} damaged or unusual parts;"
            " some text or lines may be missing"
        )
    return results


def _worker(path: str, password: str | None, start: int, stop: int) -> Any:
    # ActionplanError does not survive pickling (its __init__ takes two arguments),
    # so a worker sends back the class name and message instead.
    try:
        return _read_range(Path(path), password, start, stop)
    except ActionplanError as exc:
        return ("error", type(exc).__name__, exc.message)


def _read_parallel(
    path: Path, password: str | None, count: int, workers: int, notes: list[str]
) -> list[PageResult]:
    # Pages differ a lot in cost (a dense table against a blank page), so hand out
    # several small runs of pages per process rather than one long run each.
    size = max(MIN_PAGES_PER_WORKER, -(-count // (workers * CHUNKS_PER_WORKER)))
    ranges = [(a, min(a + size, count)) for a in range(0, count, size)]
    processes = max(1, min(workers, len(ranges)))
    try:
        ctx = multiprocessing.get_context(_start_method())
        with concurrent.futures.ProcessPoolExecutor(processes, mp_context=ctx) as pool:
            futures = [pool.submit(_worker, str(path), password, a, b) for a, b in ranges]
            outputs = [f.result() for f in futures]
    except (OSError, concurrent.futures.process.BrokenProcessPool):
        # No processes available (sandbox, resource limits): read in this process.
        notes.append("could not start worker processes; read the pages in one process")
        return _read_range(path, password, 0, count)
    results: list[PageResult] = []
    for out in outputs:
        if isinstance(out, tuple):
            raise _rebuild_error(path, out[1], out[2])
        results.extend(out)
    return results


def _start_method() -> str:
    """Prefer fork: no re-import of the caller's __main__, and workers start at once.

    Forking a process that runs other threads can deadlock, so then use spawn.
    """
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


def _rebuild_error(path: Path, name: str, message: str) -> ActionplanError:
    import actionplan.errors as errors

    cls = getattr(errors, name, CorruptDocument)
    if not (isinstance(cls, type) and issubclass(cls, ActionplanError)):
        cls = CorruptDocument
    return cls(path, message)


def _assemble(path: Path, results: list[PageResult], count: int) -> RawDocument:
    if not any(r.chars for r in results):
        if any(r.images for r in results):
            raise NoTextLayer(
                path, "no text layer (a scanned PDF?); run OCR first, e.g. ocrmypdf IN.pdf OUT.pdf"
            )
        raise NoTextLayer(path, "no text on any page (the pages are blank)")
    doc = RawDocument(path=path, format="pdf", pages=count)
    # A line above the first table is a running header when it sits in the top
    # margin, or when the same text tops other pages too (a title repeated by hand).
    seen: dict[str, int] = {}
    for r in results:
        for text in {t for t, _ in r.above}:
            seen[text] = seen.get(text, 0) + 1
    for r in sorted(results, key=lambda r: r.number):
        for text, in_zone in r.above:
            if in_zone or seen[text] > 1:
                doc.header_lines.append(text)
            else:
                doc.body_lines.append(text)
        doc.body_lines.extend(r.below)
        doc.warnings.extend(r.warnings)
        for table in r.tables:
            table.index = len(doc.tables)
            doc.tables.append(table)
    return doc


@dataclass
class PageData:
    """The objects of one page that the reader needs, copied out of pdfplumber."""

    width: float
    height: float
    chars: list[dict[str, Any]]
    shading: list[dict[str, Any]]
    images: int
    tables: list[list[BBox]]
    borderless: bool = False


def gather(page: Any) -> PageData:
    """Collect one page's characters, shading rectangles and table cells from pdfplumber."""
    if not hasattr(page, "_objects"):
        # pdfplumber caches a page's object dictionaries in `_objects`; filling it with
        # the same dictionaries built faster (pdf/objects.py) halves the time per page. If
        # pdfplumber ever renames it, the page simply parses its objects itself.
        page._objects = fast_objects(page)
    chars = list(page.chars)
    rects = page.rects
    shading = [r for r in rects if is_shading(r)]
    # Shading rectangles are not borders: Word paints paragraph shading inset in a
    # cell, and those edges would invent thin columns. (The ruled grid puts back
    # the borders Word leaves out between shaded header cells.)
    ruled = page.filter(lambda obj: not is_shading(obj)) if shading else page
    tables, borderless = ruled_tables(ruled)
    if not tables and chars:
        tables = text_tables(ruled)
        borderless = bool(tables)
    return PageData(
        width=float(page.width),
        height=float(page.height),
        chars=chars,
        shading=shading,
        images=len(page.images),
        tables=tables,
        borderless=borderless,
    )


def read_page(number: int, data: PageData) -> PageResult:
    """Turn one page's objects into table pieces and the text lines around them."""
    result = PageResult(number=number, chars=len(data.chars), images=data.images)
    data = _upright(data)
    if data.borderless:
        result.warnings.append(
            f"page {number}: a table without column rules was read by text alignment;"
            " check its columns"
        )
    boxes = [bbox_of(cells) for cells in data.tables]
    keep = [
        i
        for i, box in enumerate(boxes)
        if not any(j != i and contains(boxes[j], box, strict=j < i) for j in range(len(boxes)))
    ]
    keep.sort(key=lambda i: (boxes[i][1], boxes[i][0]))
    chars_by_table: list[list[dict[str, Any]]] = [[] for _ in keep]
    outside: list[dict[str, Any]] = []
    for ch in data.chars:
        cx, cy = centre(ch)
        for k, i in enumerate(keep):
            x0, top, x1, bottom = boxes[i]
            if x0 <= cx < x1 and top <= cy < bottom:
                chars_by_table[k].append(ch)
                break
        else:
            outside.append(ch)
    grids = [Grid(data.tables[i], chars_by_table[k], data.shading) for k, i in enumerate(keep)]
    ratio = page_pitch_ratio(lines for g in grids for lines in g.lines)
    for g in grids:
        rows = g.rows(data.shading, number, ratio)
        if rows:
            result.tables.append(RawTable(rows=rows, page=number))
    first_top = min((boxes[i][1] for i in keep), default=None)
    zone = data.height * HEADER_ZONE
    for line in group_lines(outside):
        if first_top is None:
            if line.bottom <= zone:
                result.above.append((line.text, True))
            else:
                result.below.append(line.text)
        elif line.bottom <= first_top + 1:
            result.above.append((line.text, line.bottom <= zone))
        else:
            result.below.append(line.text)
    return result


def _upright(data: PageData) -> PageData:
    """Turn a page whose text mostly runs sideways so that it reads left to right.

    A page with /Rotate, or a landscape table printed sideways on a portrait page,
    reaches pdfplumber unrotated: its table grid would come out transposed.
    """
    counts: dict[tuple[int, int], int] = {}
    for ch in data.chars:
        if (ch.get("text") or "").strip():
            d = direction(ch)
            counts[d] = counts.get(d, 0) + 1
    if not counts:
        return data
    dx, dy = max(counts, key=lambda d: counts[d])
    if (dx, dy) == (1, 0):
        return data

    def point(x: float, y: float) -> tuple[float, float]:
        return dx * x + dy * y, -dy * x + dx * y

    corners = [point(x, y) for x in (0.0, data.width) for y in (0.0, data.height)]
    ox, oy = min(c[0] for c in corners), min(c[1] for c in corners)

    def box(x0: float, top: float, x1: float, bottom: float) -> BBox:
        (ax, ay), (bx, by) = point(x0, top), point(x1, bottom)
        return min(ax, bx) - ox, min(ay, by) - oy, max(ax, bx) - ox, max(ay, by) - oy

    def turned(obj: dict[str, Any]) -> dict[str, Any]:
        x0, top, x1, bottom = box(obj["x0"], obj["top"], obj["x1"], obj["bottom"])
        return {**obj, "x0": x0, "top": top, "x1": x1, "bottom": bottom}

    chars = []
    for ch in data.chars:
        new = turned(ch)
        m = ch.get("matrix")
        if m and len(m) >= 2:
            # The reading direction (a, -b) turns with the page.
            vx, vy = point(float(m[0]), -float(m[1]))
            new["matrix"] = (vx, -vy, 0.0, 0.0, 0.0, 0.0)
        chars.append(new)
    width = max(c[0] for c in corners) - ox
    height = max(c[1] for c in corners) - oy
    return PageData(
        width=width,
        height=height,
        chars=chars,
        shading=[turned(r) for r in data.shading],
        images=data.images,
        tables=[[box(*cell) for cell in cells] for cells in data.tables],
        borderless=data.borderless,
    )
