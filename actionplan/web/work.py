"""Long work off the server's event loop: documents read in child processes, imports as jobs.

`ReaderPool` keeps `jobs` reader processes (actionplan.batch's supervisor, each document
within its time and memory budget) and hands them documents in the order asked: a request
beyond `jobs` waits in line rather than starting another reader, so ten large PDFs at
once queue instead of exhausting memory. `Imports` runs one store import at a time in a
thread of its own (the store's import, with one reader process); its progress lives here,
not in a browser, so a page reloaded mid-import finds it again.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import itertools
import queue
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from actionplan.batch import Parsed, parse_all

if TYPE_CHECKING:
    from actionplan.models import Plan
    from actionplan.store import ImportResult
    from actionplan.store.importer import Stored
    from actionplan.web.uploads import Upload, UploadFolder

_Job = tuple[Path, "concurrent.futures.Future[Parsed]"]


class ReaderPool:
    """`size` long-lived reader processes that documents queue for."""

    def __init__(self, size: int, timeout: float | None, max_memory: int | None) -> None:
        self.timeout = timeout
        self.max_memory = max_memory
        self._queue: queue.Queue[_Job | None] = queue.Queue()
        self._threads = [
            threading.Thread(target=self._run, name=f"actionplan-reader-{i}", daemon=True)
            for i in range(size)
        ]
        for t in self._threads:
            t.start()

    def _jobs(self, taken: list[_Job]) -> Iterator[_Job]:
        while True:
            job = self._queue.get()
            if job is None:
                return
            taken[:] = [job]
            yield job

    def _run(self) -> None:
        # One supervisor a thread, each with one reader: a reader killed past its budget
        # is replaced by parse_all, and its document answered with the reason.
        while True:
            taken: list[_Job] = []
            try:
                answers = parse_all(
                    self._jobs(taken),
                    lambda job: job[0],
                    workers=1,
                    timeout=self.timeout,
                    max_memory=self.max_memory,
                )
                for (_, future), parsed in answers:
                    future.set_result(parsed)
                return  # closed
            except Exception as exc:  # no reader could be started: say so, never hang
                reason = f"could not be read ({type(exc).__name__}: {exc})"
                for _, future in taken:
                    if not future.done():
                        future.set_result(Parsed(None, type(exc).__name__, reason))
                time.sleep(0.5)

    async def read(self, path: Path) -> Parsed:
        """Read one document in a reader process, waiting in line for a free one."""
        future: concurrent.futures.Future[Parsed] = concurrent.futures.Future()
        self._queue.put((path, future))
        return await asyncio.wrap_future(future)

    def waiting(self) -> int:
        """Return how many documents wait for a reader."""
        return self._queue.qsize()

    def close(self) -> None:
        """Stop every reader process once its document is done."""
        for _ in self._threads:
            self._queue.put(None)
        for t in self._threads:
            t.join(10)


def relabel(plan: Plan, path: Path, name: str) -> Plan:
    """Return the plan as read from `name`, the uploaded file's own name, not our copy."""
    warnings = [w.replace(str(path), name) for w in plan.warnings]
    document = plan.document.model_copy(update={"source": name})
    return plan.model_copy(update={"document": document, "warnings": warnings})


@dataclass
class ImportJob:
    """One import of uploaded files into the store: its counts, so far, and every result."""

    id: str
    total: int
    state: str = "queued"  # queued, running, done
    started: float = field(default_factory=time.time)
    pages: int = 0
    results: list[ImportResult] = field(default_factory=list)
    error: str | None = None

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    def to_dict(self) -> dict[str, Any]:
        """Return the job as the API answers it."""
        return {
            "id": self.id,
            "state": self.state,
            "total": self.total,
            "done": sum(r.ends_file for r in self.results),
            "imported": self.count("imported"),
            "skipped": self.count("skipped"),
            "failed": self.count("failed"),
            "pages": self.pages,
            "error": self.error,
            "results": [
                {
                    "status": r.status,
                    "path": r.path,
                    "reason": r.reason,
                    "plan": r.plan,
                    "version": r.version,
                    "warnings": list(r.warnings),
                }
                for r in self.results
            ],
            "failures": [f"{r.path}: {r.reason}" for r in self.results if r.status == "failed"],
        }


class _LabelledWriter:
    """The store's writing side, recording each upload under its own name, not our copy."""

    def __init__(self, store: Any, names: dict[Path, str], job: ImportJob) -> None:
        self.store = store
        self.names = names
        self.job = job

    def known(self, sha256: str) -> list[Stored]:
        known: list[Stored] = self.store.known(sha256)
        return known

    def add_documents(self, path: Path, sha256: str, plans: Sequence[Plan]) -> list[ImportResult]:
        name = self.names.get(path, path.name)
        self.job.pages += sum(plan.document.pages or 0 for plan in plans)
        results: list[ImportResult] = self.store.add_documents(
            Path(name), sha256, [relabel(plan, path, name) for plan in plans]
        )
        return results

    def add_failure(
        self,
        path: Path,
        sha256: str | None,
        kind: str,
        reason: str,
        detail: str | None = None,
        *,
        sheet: str = "",
    ) -> ImportResult:
        name = Path(self.names.get(path, path.name))
        result: ImportResult = self.store.add_failure(
            name, sha256, kind, reason, detail, sheet=sheet
        )
        return result


class Imports:
    """Import jobs, run one at a time in a thread of their own, kept for later polling."""

    KEEP = 50  # finished jobs remembered

    def __init__(self, db: str | Path, timeout: float | None, max_memory: int | None) -> None:
        self.db = db
        self.timeout = timeout
        self.max_memory = max_memory
        self.jobs: OrderedDict[str, ImportJob] = OrderedDict()
        self._lock = threading.Lock()  # one import writes at a time
        self._ids = itertools.count(1)
        self._running: dict[str, tuple[threading.Thread, UploadFolder]] = {}

    def start(
        self, uploads: list[Upload], folder: UploadFolder, refused: list[tuple[str, str]]
    ) -> ImportJob:
        """Start importing the uploads (their folder removed when done); return the job.

        `refused` are (name, reason) of uploads refused before reading (an unsafe zip).
        """
        job = ImportJob(f"{next(self._ids)}-{secrets.token_urlsafe(8)}", len(uploads))
        job.total += len(refused)
        self.jobs[job.id] = job
        while len(self.jobs) > self.KEEP:
            self.jobs.popitem(last=False)
        thread = threading.Thread(
            target=self._run, args=(job, uploads, folder, refused), daemon=True
        )
        self._running[job.id] = (thread, folder)
        thread.start()
        return job

    def close(self, timeout: float = 30.0) -> None:
        """Let running imports finish (each document is its own transaction), then remove
        the uploads of any still running, so that no upload outlives the server."""
        deadline = time.monotonic() + timeout
        for thread, folder in list(self._running.values()):
            thread.join(max(0.0, deadline - time.monotonic()))
            folder.close()

    def _run(
        self,
        job: ImportJob,
        uploads: list[Upload],
        folder: UploadFolder,
        refused: list[tuple[str, str]],
    ) -> None:
        from actionplan.store import open_store
        from actionplan.store.importer import run_import

        try:
            with self._lock:
                job.state = "running"
                with open_store(self.db, create=True) as store:
                    for name, reason in refused:
                        job.results.append(
                            store.add_failure(Path(name), None, "UnsafeDocument", reason)
                        )
                    names = {u.path: u.name for u in uploads}
                    writer = _LabelledWriter(store, names, job)
                    for result in run_import(
                        [u.path for u in uploads],
                        writer,
                        workers=1,
                        timeout=self.timeout,
                        max_memory=self.max_memory,
                    ):
                        # A skip is decided without the writer: name its upload too.
                        label = names.get(Path(result.path), result.path)
                        job.results.append(dataclasses.replace(result, path=label))
        except Exception as exc:  # the database failed: the job says so
            job.error = str(exc)
        finally:
            folder.close()
            job.state = "done"
            self._running.pop(job.id, None)


class Results:
    """Recent diffs and plans, by an unguessable id, for their download links."""

    def __init__(self, keep: int = 64, ttl: float = 3600.0) -> None:
        self.keep = keep
        self.ttl = ttl
        self._items: OrderedDict[str, tuple[float, Any]] = OrderedDict()

    def put(self, item: Any) -> str:
        key = secrets.token_urlsafe(16)
        self._items[key] = (time.monotonic(), item)
        while len(self._items) > self.keep:
            self._items.popitem(last=False)
        return key

    def get(self, key: str) -> Any:
        """Return the item, or None when unknown or expired."""
        found = self._items.get(key)
        if found is None or time.monotonic() - found[0] > self.ttl:
            return None
        return found[1]
