"""Batch import: find the documents, hash them, parse them in worker processes, and hand
each parsed document to the one writing process.

The parent hashes every file first and skips bytes already in the database, so a
re-import parses nothing. Workers only read (`actionplan.read`) and return the Plan as
JSON, or the one-line reason it could not be read; they never touch the database.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, NamedTuple, Protocol

from actionplan.errors import ActionplanError, TimedOut
from actionplan.extract.formats import sha256_file

Status = Literal["imported", "skipped", "failed"]

# A pathological PDF can keep pdfminer busy for hours; a batch moves on after this long.
DEFAULT_TIMEOUT = 300.0


@dataclass(frozen=True)
class ImportResult:
    """What became of one file: imported, skipped (bytes already in), or failed (why)."""

    status: Status
    path: str
    reason: str | None = None
    document_id: int | None = None
    sha256: str | None = None
    plan: str | None = None
    version: str | None = None
    warnings: tuple[str, ...] = ()
    # The traceback of an unexpected error (a bug in actionplan, not a bad file).
    detail: str | None = None


@dataclass
class ImportProgress:
    """Running counts of a batch, passed to the progress callback after every file."""

    total: int
    imported: int = 0
    skipped: int = 0
    failed: int = 0
    last: ImportResult | None = field(default=None, repr=False)

    @property
    def done(self) -> int:
        return self.imported + self.skipped + self.failed

    def add(self, result: ImportResult) -> None:
        setattr(self, result.status, getattr(self, result.status) + 1)
        self.last = result


class Parsed(NamedTuple):
    """A worker's answer: the Plan as JSON, or the error's kind, reason and traceback."""

    plan_json: str | None
    kind: str | None = None
    reason: str | None = None
    detail: str | None = None


class Writer(Protocol):
    """The store's side of an import: look hashes up and write results, one at a time."""

    def known(self, sha256: str) -> tuple[int, str] | None: ...

    def add_document(self, path: Path, sha256: str, plan_json: str) -> ImportResult: ...

    def add_failure(
        self, path: Path, sha256: str | None, kind: str, reason: str, detail: str | None = None
    ) -> ImportResult: ...


@contextlib.contextmanager
def time_limit(seconds: float | None, path: str) -> Iterator[None]:
    """Raise TimedOut in this (main) thread if the block runs longer than `seconds`."""
    usable = (
        seconds
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TimedOut(path, f"took longer than {seconds:g} s to read; skipped (see --timeout)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, float(seconds or 0))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def parse_document(path: str, timeout: float | None = None) -> Parsed:
    """Read one document (in a worker process) into Plan JSON, or the reason it failed."""
    try:
        from actionplan.reader import read

        with time_limit(timeout, path):
            plan = read(path)
    except ActionplanError as exc:
        return Parsed(None, type(exc).__name__, exc.message)
    except Exception as exc:  # a bug in actionplan, not a bad file: keep the traceback
        return Parsed(
            None,
            type(exc).__name__,
            f"could not be read ({type(exc).__name__}: {exc}); rerun with --debug and report it",
            traceback.format_exc(),
        )
    return Parsed(plan.model_dump_json())


class _InProcess(Executor):
    """`workers=0`: parse in the importing process itself (for debugging and profiling)."""

    def submit(self, fn: Callable[..., Parsed], /, *args: object, **kwargs: object) -> Future:  # type: ignore[override]
        future: Future[Parsed] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


def default_workers() -> int:
    """Return the number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _exit_with_parent(parent: int) -> None:
    """Run in each worker: exit when the importing process is gone.

    A worker holds its own copy of the task pipe's write end, so when the parent is
    killed (SIGKILL, the OOM killer) the worker would wait for work forever.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="actionplan-parent-watch", daemon=True).start()


def _executor(workers: int) -> Executor:
    if workers == 0:
        return _InProcess()
    return ProcessPoolExecutor(
        max_workers=workers, initializer=_exit_with_parent, initargs=(os.getpid(),)
    )


def _oserror_reason(exc: OSError) -> tuple[str, str]:
    if isinstance(exc, FileNotFoundError):
        return "MissingFile", "no such file or folder"
    if isinstance(exc, IsADirectoryError):
        return "UnsupportedFormat", "is a folder, not a document"
    return "CorruptDocument", f"cannot be opened ({exc.strerror or exc})"


def run_import(
    files: list[Path],
    writer: Writer,
    workers: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Iterator[ImportResult]:
    """Import `files`, yielding one result per file as each is written (not in input order).

    A document whose reading takes longer than `timeout` seconds fails with TimedOut.
    """
    workers = default_workers() if workers is None else workers
    window = 2 * max(workers, 1)
    queue = deque(files)
    # Documents that were in flight when a worker died: each is read again on its own,
    # so a second crash names the culprit and spares the others.
    suspects: deque[tuple[Path, str]] = deque()
    in_flight: dict[Future[Parsed], tuple[Path, str, int, bool]] = {}
    inflight_hashes: set[str] = set()
    same_bytes: dict[str, list[Path]] = {}
    generation = 0
    executor = _executor(workers)

    def renew() -> None:
        nonlocal executor, generation
        executor.shutdown(wait=False, cancel_futures=True)
        executor = _executor(workers)
        generation += 1

    def submit(path: Path, digest: str, alone: bool) -> None:
        try:
            future = executor.submit(parse_document, str(path), timeout)
        except BrokenProcessPool:  # a worker died since the last answer came back
            renew()
            future = executor.submit(parse_document, str(path), timeout)
        inflight_hashes.add(digest)
        in_flight[future] = (path, digest, generation, alone)

    try:
        while queue or suspects or in_flight:
            if suspects and not in_flight:
                submit(*suspects.popleft(), alone=True)
            while not suspects and queue and len(in_flight) < window:
                path = queue.popleft()
                try:
                    digest = sha256_file(path)
                except OSError as exc:
                    kind, reason = _oserror_reason(exc)
                    yield writer.add_failure(path, None, kind, reason)
                    continue
                if digest in inflight_hashes:
                    # The same bytes under two names in one batch: parse once.
                    same_bytes.setdefault(digest, []).append(path)
                    continue
                known = writer.known(digest)
                if known is not None:
                    yield _skipped(path, digest, known)
                    continue
                submit(path, digest, alone=False)
            if not in_flight:
                continue
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                path, digest, gen, alone = in_flight.pop(future)
                inflight_hashes.discard(digest)
                try:
                    parsed = future.result()
                except BrokenProcessPool:
                    if gen == generation:
                        renew()
                    if not alone:
                        suspects.append((path, digest))
                        continue
                    parsed = Parsed(
                        None,
                        "ReaderCrashed",
                        "the process reading it died (the reader crashed or ran out of memory)",
                    )
                except Exception as exc:  # the answer did not come back (e.g. unpicklable)
                    parsed = Parsed(
                        None,
                        type(exc).__name__,
                        f"could not be read ({type(exc).__name__}: {exc}); "
                        "rerun with --debug and report it",
                    )
                if parsed.plan_json is None:
                    result = writer.add_failure(
                        path, digest, parsed.kind or "Error", parsed.reason or "", parsed.detail
                    )
                else:
                    result = writer.add_document(path, digest, parsed.plan_json)
                yield result
                for twin in same_bytes.pop(digest, []):
                    yield _twin(twin, result, writer)
    finally:
        executor.shutdown(wait=False, cancel_futures=True)


def _skipped(path: Path, digest: str, known: tuple[int, str]) -> ImportResult:
    doc_id, source = known
    return ImportResult(
        "skipped",
        str(path),
        f"already imported: same bytes as document {doc_id} ({source})",
        document_id=doc_id,
        sha256=digest,
    )


def _twin(path: Path, first: ImportResult, writer: Writer) -> ImportResult:
    if first.status == "failed":
        return writer.add_failure(
            path, first.sha256, "SameBytes", f"same bytes as {first.path}: {first.reason}"
        )
    known = writer.known(first.sha256 or "")
    if known is None:  # the first copy was not stored
        return writer.add_failure(path, first.sha256, "SameBytes", f"same bytes as {first.path}")
    return _skipped(path, first.sha256 or "", known)
