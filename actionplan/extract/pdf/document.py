"""Open a PDF and read its pages, one at a time or in several processes.

Opening failures and pdfminer's errors on damaged files become typed errors
(EncryptedDocument, CorruptDocument, NoTextLayer); pages are released once read,
and the pages' results are put together into one RawDocument.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import gc
import logging
import multiprocessing
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from actionplan.errors import (
    ActionplanError,
    CorruptDocument,
    EncryptedDocument,
    NoTextLayer,
)
from actionplan.extract.base import RawDocument
from actionplan.extract.pdf import filters, guard
from actionplan.extract.pdf.page import PageResult, gather, read_page
from actionplan.extract.pdf.source import Engine, engine, engine_name, release
from actionplan.extract.pdf.stream import Columns

# Only fork a process pool when there are enough pages per process to pay for it.
MIN_PAGES_FOR_POOL = 8
MIN_PAGES_PER_WORKER = 4
CHUNKS_PER_WORKER = 4

# pdfminer logs every oddity of a damaged file at WARNING; without a handler Python
# prints them all to stderr. The reader counts them into one warning instead.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())
guard.install()
filters.install()

DAMAGED = "page {}'s content stream is damaged: actions on it may be missing"


class _Problems(logging.Handler):
    """Count the problems pdfminer reports while a file is read."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def read_pdf(
    path: Path,
    *,
    password: str | None = None,
    workers: int = 1,
    data: bytes | None = None,
    pdf_engine: str | None = None,
) -> RawDocument:
    """Read a PDF's ruled tables, cell paragraphs and fills, and the text around them.

    `data`, the file's bytes when the caller has read them already, is read instead
    of the file (worker processes still open the file by its path). `pdf_engine`
    names what reads each page's objects (pdf/source.py): "pdfium" (the default) or
    "pdfplumber".
    """
    path = Path(path)
    pdf_engine = engine_name(pdf_engine)
    source = engine(pdf_engine)
    _check_header(path, data)
    notes: list[str] = []
    damage: list[str] = []  # beyond any one page
    results: list[PageResult] = []
    with guard.reading(path) as bounds, _open(source, path, password, data=data) as pdf:
        count = _page_count(path, pdf)
        if count == 0:
            raise CorruptDocument(path, "not a readable PDF (it has no pages)")
        parallel = workers > 1 and count >= MIN_PAGES_FOR_POOL
        if not parallel:
            results = _read_pages(source, path, password, pdf)
        if bounds.damaged_elsewhere:
            damage.append("compressed parts of the file are damaged: pages or text may be missing")
    seen = _pdfium_page_count(path, password, data)
    if seen is not None and seen != count:
        damage.append(
            f"the file's list of pages is damaged (PDFium finds {seen} pages, pdfminer "
            f"{count}): pages and the actions on them may be missing"
        )
    if parallel:
        results = _read_parallel(pdf_engine, path, password, count, workers, notes)
    doc = _assemble(path, results, count)
    doc.warnings[:0] = damage + notes
    doc.damage = damage
    return doc


def _pdfium_page_count(path: Path, password: str | None, data: bytes | None) -> int | None:
    """Return how many pages PDFium finds, a second witness of the page list (PDFium
    rebuilds a damaged cross-reference table where pdfminer may lose pages), or None
    when PDFium cannot open the file."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data if data is not None else str(path), password=password)
    except (pypdfium2.PdfiumError, OSError, ValueError):
        return None
    try:
        return len(pdf)
    finally:
        pdf.close()


def _check_header(path: Path, data: bytes | None) -> None:
    try:
        if data is None:
            with path.open("rb") as fh:
                head = fh.read(1024)
        else:
            head = data[:1024]
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
            # A refusal raised inside pdfminer comes back wrapped (pdfplumber's
            # PdfminerException): it is the error to give.
            refusal = next((e for e in _causes(exc) if isinstance(e, ActionplanError)), None)
            if refusal is not None:
                raise refusal from exc
            # Damaged PDFs fail deep inside pdfminer with any exception type
            # (KeyError, TypeError, struct.error, zlib.error, RecursionError ...).
            raise _translate(path, exc, password, where) from exc


@contextlib.contextmanager
def _open(
    source: Engine,
    path: Path,
    password: str | None,
    pages: list[int] | None = None,
    data: bytes | None = None,
) -> Iterator[Any]:
    with contextlib.ExitStack() as stack:
        with _pdf_errors(path, password):
            pdf = stack.enter_context(source.open(path, password, pages, data))
        yield pdf


def _page_count(path: Path, pdf: Any) -> int:
    with _pdf_errors(path, None):
        return len(pdf.pages)


def _read_range(
    source: Engine, path: Path, password: str | None, start: int, stop: int
) -> list[PageResult]:
    """Read pages start..stop-1 (0-based) of the file.

    The page before the range is looked at too, for the columns of a borderless
    table that goes on over the page break, so the pages read the same in any run.
    """
    first = max(0, start - 1)
    pages = list(range(first + 1, stop + 1))
    with guard.reading(path), _open(source, path, password, pages=pages) as pdf:
        return _read_pages(source, path, password, pdf, skip=start - first)


_gc_lock = threading.Lock()
_gc_readers = 0
_gc_was_enabled = False


@contextlib.contextmanager
def _collect_per_page() -> Iterator[None]:
    """Turn Python's automatic garbage collection off while pages are read.

    A page makes thousands of small objects (a dictionary a character); the automatic
    collector runs every few hundred of them and now and then walks every object the
    process holds, a fifth of a prose report's reading. The reader collects the young
    objects itself after each page (`gc.collect(1)`), so cycles a page leaves are
    still freed. Readings in several threads share one switch: the last one out
    turns it back on, if it was on.
    """
    global _gc_readers, _gc_was_enabled
    with _gc_lock:
        if _gc_readers == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_readers += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_readers -= 1
            if _gc_readers == 0 and _gc_was_enabled:
                gc.enable()


def _read_pages(
    source: Engine, path: Path, password: str | None, pdf: Any, skip: int = 0
) -> list[PageResult]:
    """Read an open file's pages one at a time, releasing each once read.

    The first `skip` pages only give the columns of a borderless table to the next.
    """
    results: list[PageResult] = []
    previous: Columns | None = None
    problems = _Problems()
    logger = logging.getLogger("pdfminer")
    logger.addHandler(problems)
    try:
        with _collect_per_page():
            with _pdf_errors(path, password):
                pages = pdf.pages
            for i, page in enumerate(pages):
                number = page.page_number
                with (
                    guard.reading(path) as bounds,
                    _pdf_errors(path, password, f"page {number}"),
                    guard.page(bounds, number),
                ):
                    source.load(pdf, page, bounds)
                    data = gather(page, previous)
                    damaged = number in bounds.damaged or guard.lost_text(
                        page.page_obj, len(data.chars)
                    )
                previous = data.columns
                if i >= skip:
                    results.append(read_page(number, data))
                    if damaged:
                        results[-1].damaged = True
                        results[-1].warnings.append(DAMAGED.format(number))
                release(page)
                # With the page's objects let go, the young objects left are few.
                del data
                gc.collect(1)
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


def _worker(pdf_engine: str, path: str, password: str | None, start: int, stop: int) -> Any:
    # ActionplanError does not survive pickling (its __init__ takes two arguments),
    # so a worker sends back the class name and message instead.
    try:
        return _read_range(engine(pdf_engine), Path(path), password, start, stop)
    except ActionplanError as exc:
        return ("error", type(exc).__name__, exc.message)


def _read_parallel(
    pdf_engine: str, path: Path, password: str | None, count: int, workers: int, notes: list[str]
) -> list[PageResult]:
    # Pages differ a lot in cost (a dense table against a blank page), so hand out
    # several small runs of pages per process rather than one long run each.
    size = max(MIN_PAGES_PER_WORKER, -(-count // (workers * CHUNKS_PER_WORKER)))
    ranges = [(a, min(a + size, count)) for a in range(0, count, size)]
    processes = max(1, min(workers, len(ranges)))
    try:
        ctx = multiprocessing.get_context(_start_method())
        with concurrent.futures.ProcessPoolExecutor(processes, mp_context=ctx) as pool:
            futures = [
                pool.submit(_worker, pdf_engine, str(path), password, a, b) for a, b in ranges
            ]
            outputs = [f.result() for f in futures]
    except (OSError, concurrent.futures.process.BrokenProcessPool):
        # No processes available (sandbox, resource limits): read in this process.
        notes.append("could not start worker processes; read the pages in one process")
        return _read_range(engine(pdf_engine), path, password, 0, count)
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
    doc.title_candidates = next((r.title_lines for r in results if r.number == 1), None)
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
        if r.damaged:
            doc.damaged_pages.append(r.number)
        for table in r.tables:
            table.index = len(doc.tables)
            doc.tables.append(table)
    return doc
