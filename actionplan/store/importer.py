"""Batch import: hash the documents, parse the new ones in worker processes
(`actionplan.batch`), and hand each parsed document to the one writing process.

The parent hashes every file first and skips bytes already in the database, so a
re-import parses nothing. Workers only read and return the Plan, or the one-line reason
it could not be read; they never touch the database. A workbook kept as one sheet per
version ("V3 Mar 2019", "V4 Jun 2019") is read into one Plan per sheet, and each is a
document of its own, with a result of its own: the file's sheets are written together,
and a sheet that cannot be read is a failure of its own beside the others.

When the database itself fails (a full disk, a read-only file, a lock held too long:
a StoreError from the writer), the import stops there: the file being saved gets a
"failed" result marked `stopped`, the workers are ended, and what was saved before is
whole, so the same import again completes it.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, cast

from actionplan.batch import Parsed, default_workers, parse_all
from actionplan.errors import ClusterUnavailable, StoreError
from actionplan.extract.formats import sha256_file
from actionplan.rules import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT

if TYPE_CHECKING:
    from actionplan.models import Plan
    from actionplan.pipeline import ReadOptions

Status = Literal["imported", "skipped", "failed"]
# A stored document: its id, the file it was read from, and its sheet ('' if none).
Stored = tuple[int, str, str]


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
    # The database failed on this file, and the import stopped here: `reason` says why.
    stopped: bool = False
    # Skipped because another file of this same import had the same bytes (not because
    # the bytes were in the database before it began).
    duplicate: bool = False
    # The version sheet this result is of, for a workbook kept as one sheet per version.
    sheet: str | None = None
    # False for each result of a file's sheets but its last: the file is not done yet.
    ends_file: bool = True


@dataclass
class ImportProgress:
    """Running counts of a batch, passed to the progress callback after every file."""

    total: int
    # Files done, each counted once, however many version sheets it gave.
    files_done: int = 0
    imported: int = 0
    skipped: int = 0
    failed: int = 0
    # Of the skipped, those with the same bytes as another file of this import.
    duplicates: int = 0
    # The work in pages (store/pages.py: what each file says, else 1), and how much is done.
    pages: int = 0
    pages_done: int = 0
    weights: dict[str, int] = field(default_factory=dict, repr=False)
    last: ImportResult | None = field(default=None, repr=False)
    # The result the import stopped at, when the database failed (a full disk…).
    stopped: ImportResult | None = field(default=None, repr=False)

    @property
    def done(self) -> int:
        """How many files are done (imported, skipped and failed count documents)."""
        return self.files_done

    def add(self, result: ImportResult) -> None:
        setattr(self, result.status, getattr(self, result.status) + 1)
        self.duplicates += result.duplicate
        if result.ends_file:
            self.files_done += 1
            self.pages_done += self.weights.pop(result.path, 1)
        self.last = result
        if result.stopped:
            self.stopped = result


class Writer(Protocol):
    """The store's side of an import: look hashes up and write results, one at a time."""

    def known(self, sha256: str) -> list[Stored]: ...

    def add_documents(
        self, path: Path, sha256: str, plans: Sequence[Plan]
    ) -> list[ImportResult]: ...

    def add_failure(
        self,
        path: Path,
        sha256: str | None,
        kind: str,
        reason: str,
        detail: str | None = None,
        *,
        sheet: str = "",
    ) -> ImportResult: ...


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
    max_memory: int | None = DEFAULT_MAX_MEMORY,
    *,
    cluster: str | None = None,
    options: ReadOptions | None = None,
) -> Iterator[ImportResult]:
    """Import `files`, yielding one result per file as each is written (not in input order).

    `workers` processes read the documents, or with `cluster` (a Dask scheduler's address,
    or local:N) the workers of a Dask cluster; `options` is how each is read (a password).

    A document whose reading takes longer than `timeout` seconds fails with TimedOut,
    one taking more than `max_memory` bytes with MemoryLimit. A StoreError from the
    writer ends the import with a last "failed" result marked `stopped`.
    """
    from actionplan.pipeline import ReadOptions

    workers = default_workers() if workers is None else workers
    # Every version sheet of a workbook kept so is a version of its own.
    options = dataclasses.replace(options or ReadOptions(), versions=True)
    parse = _parser(cluster)
    ready: deque[ImportResult] = deque()  # results decided before parsing (skips, errors)
    inflight_hashes: set[str] = set()
    same_bytes: dict[str, list[Path]] = {}
    # The documents this import stored: a later file with the same bytes is told them
    # from the store, so a file stored costs nothing here, not its results nor even
    # its digest (a 10,000-file import stays flat).
    written = _Ids()
    # sha256 -> the results of a first file that were not all stored: one failed, or
    # another import stored those bytes meanwhile
    first: dict[str, list[ImportResult]] = {}
    current: list[Path] = []  # the file being looked up or saved, for a store failure

    def to_parse() -> Iterator[tuple[Path, str]]:
        for path in files:
            current[:] = [path]
            try:
                digest = sha256_file(path)
            except OSError as exc:
                kind, reason = _oserror_reason(exc)
                ready.append(writer.add_failure(path, None, kind, reason))
                continue
            if digest in inflight_hashes:
                # The same bytes under two names in one batch: parse once.
                same_bytes.setdefault(digest, []).append(path)
                continue
            if digest in first:
                ready.extend(_twins(path, first[digest], writer))
                continue
            known = writer.known(digest)
            if known and all(k[0] in written for k in known):
                ready.extend(_twins(path, [_stored(digest, k) for k in known], writer))
                continue
            if known:
                ready.extend(_one_file([skipped(path, digest, k) for k in known]))
                continue
            inflight_hashes.add(digest)
            yield path, digest

    parsing = parse(
        to_parse(),
        lambda item: item[0],
        workers=workers,
        timeout=timeout,
        max_memory=max_memory,
        options=options,
    )
    try:
        with closing(cast(Generator[Any, None, None], parsing)):  # ends the workers, always
            for (path, digest), parsed in parsing:
                while ready:
                    yield ready.popleft()
                inflight_hashes.discard(digest)
                current[:] = [path]
                results = _one_file(_write(writer, path, digest, parsed))
                yield from results
                if all(r.status == "imported" for r in results):
                    for r in results:
                        written.add(r.document_id)
                else:
                    first[digest] = results
                for twin in same_bytes.pop(digest, []):
                    current[:] = [twin]
                    yield from _twins(twin, results, writer)
    except (StoreError, ClusterUnavailable) as exc:  # nothing more can be read or written
        while ready:
            yield ready.popleft()
        where = str(current[0]) if current else str(exc.path)
        yield ImportResult("failed", where, str(exc), stopped=True)
        return
    while ready:
        yield ready.popleft()


def _write(writer: Writer, path: Path, digest: str, parsed: Parsed) -> list[ImportResult]:
    """Store what was read of one file: its documents (one per version sheet), and a
    failure for the file, or for each of its version sheets that could not be read."""
    if parsed.plan is None:
        kind, reason = parsed.kind or "Error", parsed.reason or ""
        return [writer.add_failure(path, digest, kind, reason, parsed.detail)]
    results = writer.add_documents(path, digest, [*parsed.earlier, parsed.plan])
    for sheet, kind, reason in parsed.failed_sheets:
        results.append(writer.add_failure(path, digest, kind, reason, sheet=sheet))
    return results


def _one_file(results: list[ImportResult]) -> list[ImportResult]:
    """Mark every result of one file but its last as not ending the file."""
    return [dataclasses.replace(r, ends_file=False) for r in results[:-1]] + results[-1:]


def _parser(cluster: str | None) -> Callable[..., Iterator[tuple[Any, Parsed]]]:
    """Return what reads the documents: the process pool, or the Dask cluster named."""
    if cluster is None:
        return parse_all
    from actionplan.cluster import parse_on_cluster

    def on_cluster(items: Any, path_of: Any, *, workers: int, **kwargs: Any) -> Any:
        return parse_on_cluster(items, path_of, cluster=cluster, **kwargs)

    return on_cluster


def skipped(path: Path, digest: str, stored: Stored) -> ImportResult:
    """The result of a document whose bytes (and sheet) are in the database already."""
    doc_id, source, sheet = stored
    return ImportResult(
        "skipped",
        str(path),
        f"already imported: same bytes as document {doc_id} ({source}"
        + (f", sheet {sheet!r})" if sheet else ")"),
        document_id=doc_id,
        sha256=digest,
        sheet=sheet or None,
    )


def _stored(digest: str, stored: Stored) -> ImportResult:
    """The result, as far as a file of the same bytes needs it, of a document this import
    stored (from the file the store names as its source)."""
    doc_id, source, sheet = stored
    return ImportResult("imported", source, document_id=doc_id, sha256=digest, sheet=sheet or None)


class _Ids:
    """A set of document ids kept as runs of consecutive ids.

    A store numbers the documents it stores in order, so one import's ids are one run,
    or a few where another import stored documents in between.
    """

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def add(self, i: int | None) -> None:
        if i is None or i in self:
            return
        if self._ends and i == self._ends[-1] + 1:
            self._ends[-1] = i
            return
        k = bisect.bisect(self._starts, i)
        self._starts.insert(k, i)
        self._ends.insert(k, i)

    def __contains__(self, i: object) -> bool:
        if not isinstance(i, int):
            return False
        k = bisect.bisect(self._starts, i) - 1
        return k >= 0 and i <= self._ends[k]


def _twins(path: Path, results: list[ImportResult], writer: Writer) -> list[ImportResult]:
    """The results of a file with the same bytes as one read earlier in this import (its
    `results`): a duplicate of each document stored, a failure of each that failed."""
    twins = []
    for r in results:
        if r.status == "failed":
            reason = f"same bytes as {r.path}: {r.reason}"
            twins.append(
                writer.add_failure(path, r.sha256, "SameBytes", reason, sheet=r.sheet or "")
            )
        else:
            twins.append(
                ImportResult(
                    "skipped",
                    str(path),
                    f"same bytes as {r.path}, in this import (document {r.document_id})",
                    document_id=r.document_id,
                    sha256=r.sha256,
                    duplicate=True,
                    sheet=r.sheet,
                )
            )
    return _one_file(twins)
