"""Batch import: hash the documents, parse the new ones in worker processes
(`actionplan.batch`), and hand each parsed document to the one writing process.

The parent hashes every file first and skips bytes already in the database, so a
re-import parses nothing. Workers only read and return the Plan, or the one-line reason
it could not be read; they never touch the database.

When the database itself fails (a full disk, a read-only file, a lock held too long:
a StoreError from the writer), the import stops there: the file being saved gets a
"failed" result marked `stopped`, the workers are ended, and what was saved before is
whole, so the same import again completes it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Generator, Iterator
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


@dataclass
class ImportProgress:
    """Running counts of a batch, passed to the progress callback after every file."""

    total: int
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
        return self.imported + self.skipped + self.failed

    def add(self, result: ImportResult) -> None:
        setattr(self, result.status, getattr(self, result.status) + 1)
        self.duplicates += result.duplicate
        self.pages_done += self.weights.pop(result.path, 1)
        self.last = result
        if result.stopped:
            self.stopped = result


class Writer(Protocol):
    """The store's side of an import: look hashes up and write results, one at a time."""

    def known(self, sha256: str) -> tuple[int, str] | None: ...

    def add_document(self, path: Path, sha256: str, plan: Plan) -> ImportResult: ...

    def add_failure(
        self, path: Path, sha256: str | None, kind: str, reason: str, detail: str | None = None
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
    workers = default_workers() if workers is None else workers
    parse = _parser(cluster)
    ready: deque[ImportResult] = deque()  # results decided before parsing (skips, errors)
    inflight_hashes: set[str] = set()
    same_bytes: dict[str, list[Path]] = {}
    stored: dict[str, str] = {}  # sha256 -> the file of this import that stored those bytes
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
            if digest in stored:
                ready.append(_twin(path, stored[digest], digest, writer))
                continue
            known = writer.known(digest)
            if known is not None:
                ready.append(_skipped(path, digest, known))
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
                if parsed.plan is None:
                    result = writer.add_failure(
                        path, digest, parsed.kind or "Error", parsed.reason or "", parsed.detail
                    )
                else:
                    result = writer.add_document(path, digest, parsed.plan)
                yield result
                if result.status == "imported":
                    stored[digest] = result.path
                for twin in same_bytes.pop(digest, []):
                    current[:] = [twin]
                    if result.status == "failed":
                        yield writer.add_failure(
                            twin, digest, "SameBytes", f"same bytes as {path}: {result.reason}"
                        )
                    else:
                        yield _twin(twin, result.path, digest, writer)
    except (StoreError, ClusterUnavailable) as exc:  # nothing more can be read or written
        while ready:
            yield ready.popleft()
        where = str(current[0]) if current else str(exc.path)
        yield ImportResult("failed", where, str(exc), stopped=True)
        return
    while ready:
        yield ready.popleft()


def _parser(cluster: str | None) -> Callable[..., Iterator[tuple[Any, Parsed]]]:
    """Return what reads the documents: the process pool, or the Dask cluster named."""
    if cluster is None:
        return parse_all
    from actionplan.cluster import parse_on_cluster

    def on_cluster(items: Any, path_of: Any, *, workers: int, **kwargs: Any) -> Any:
        return parse_on_cluster(items, path_of, cluster=cluster, **kwargs)

    return on_cluster


def _skipped(path: Path, digest: str, known: tuple[int, str]) -> ImportResult:
    doc_id, source = known
    return ImportResult(
        "skipped",
        str(path),
        f"already imported: same bytes as document {doc_id} ({source})",
        document_id=doc_id,
        sha256=digest,
    )


def _twin(path: Path, first: str, digest: str, writer: Writer) -> ImportResult:
    """The result of a file with the same bytes as `first`, read earlier in this import."""
    known = writer.known(digest)
    if known is None:  # the first copy was not stored
        return writer.add_failure(path, digest, "SameBytes", f"same bytes as {first}")
    return ImportResult(
        "skipped",
        str(path),
        f"same bytes as {first}, in this import (document {known[0]})",
        document_id=known[0],
        sha256=digest,
        duplicate=True,
    )
