"""Read many documents on a Dask cluster (dask.distributed, the `dask` extra): the same
answers as `batch.parse_all`, for more documents than one machine reads in a day.

`parse_on_cluster(items, path_of, cluster=…)` connects to a scheduler
("tcp://host:8786") or starts a LocalCluster ("local:N", N worker processes), hands each
file's path to a worker, and yields (item, Parsed) as each is done. Only paths travel:
the workers must see the files at the same paths (a shared folder), and only answers
come back; the caller (the store's import) writes them, in one process.

On a worker each thread reads through its own long-lived reader child, batch.py's, so a
document past its time limit is killed and one past its memory limit fails, exactly as
in the process pool. A worker that dies (the reader took the whole process down, the
machine went away) has its document retried on another worker by the scheduler; a
document that kills more than the scheduler's `allowed-failures` workers (3 by default,
ALLOWED_FAILURES on local:N) fails alone as WorkerLost, and the batch goes on. At
most a few documents per worker thread are in flight, Dask's logs for developers and
its system monitor's samples are kept short (LOG_LENGTHS), and on local:N what the
scheduler would keep of every finished task is forgotten (_FORGET_EVERY): the importer
holding it went from 86 to 89 MiB over 10,000 documents on local:2, where it grew from
87 to 103 MiB before (benchmarks/README.md).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from actionplan.batch import Parsed, parse_all
from actionplan.errors import ClusterUnavailable
from actionplan.rules import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT

if TYPE_CHECKING:
    from actionplan.pipeline import ReadOptions

T = TypeVar("T")

LOCAL = "local:"
# How many times a document may take a worker down with it before it fails alone.
ALLOWED_FAILURES = 2
# Dask's logs for developers (recent messages, transitions, a worker's story): 1,000
# entries each by default, where an entry can hold a document's task and its answer.
# And every server's system monitor (on local:N the scheduler's and each nanny's, all in
# this process): a sample twice a second, an hour's worth kept by default, so that the
# importer grew by about 1.4 KB a second for an hour. A minute is kept: only dashboards
# plot the history; the workers report the last sample.
LOG_LENGTHS = {
    "distributed.admin.low-level-log-length": 20,
    "distributed.admin.system-monitor.log-length": 120,
}
# What a scheduler keeps of every task it has run, beyond its logs: dask's memo of each
# key's prefix (key_split, 100,000 keys) and, in its default span, a note per submission
# ({"type": "Future"}: spans live as long as the scheduler, distributed issue 7977). On
# local:N, whose scheduler is this process, both are forgotten every _FORGET_EVERY
# documents; a remote scheduler is its operator's, and left alone.
_FORGET_EVERY = 500
# Documents queued per worker thread: enough to keep each busy, few enough to stay flat.
_PER_THREAD = 2


def check_address(cluster: str) -> str:
    """Return `cluster` if it names a scheduler (tcp://…, tls://…) or local:N, else raise."""
    if cluster.startswith(LOCAL):
        count = cluster[len(LOCAL) :]
        if not count.isdigit() or int(count) < 1:
            raise ClusterUnavailable(cluster, "local:N needs a number of workers, as local:4")
        return cluster
    if "://" not in cluster:
        raise ClusterUnavailable(
            cluster, "not a scheduler address (tcp://host:8786) nor local:N (a LocalCluster)"
        )
    return cluster


class _Reader(threading.local):
    """This worker thread's reader child (batch.parse_all with one worker), kept alive."""

    answers: Iterator[tuple[str, Parsed]] | None = None
    jobs: list[str]
    settings: tuple[Any, ...] = ()

    def read(
        self,
        path: str,
        timeout: float | None,
        max_memory: int | None,
        options: ReadOptions | None,
    ) -> Parsed:
        settings = (timeout, max_memory, options)
        if self.answers is None or settings != self.settings:
            self.close()
            self.jobs = []
            self.settings = settings
            # parse_all takes the next path only once the last answer is taken, so one
            # list holding the next path is its whole queue.
            self.answers = parse_all(
                _drain(self.jobs), Path,
                workers=1, timeout=timeout, max_memory=max_memory, options=options,
            )  # fmt: skip
        self.jobs.append(path)
        _, parsed = next(self.answers)
        return parsed

    def close(self) -> None:
        if self.answers is not None:
            with contextlib.suppress(Exception):
                self.answers.close()  # type: ignore[attr-defined]
            self.answers = None


def _drain(jobs: list[str]) -> Iterator[str]:
    while jobs:
        yield jobs.pop(0)


_reader = _Reader()


def read_on_worker(
    path: str, timeout: float | None, max_memory: int | None, options: ReadOptions | None
) -> Parsed:
    """Read one document on a Dask worker, in this thread's reader child process."""
    return _reader.read(path, timeout, max_memory, options)


def _client(cluster: str) -> Any:
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ClusterUnavailable(
            cluster, "--cluster needs dask.distributed: pip install 'actionplan[dask]'"
        ) from exc
    try:
        # The connections' logs of recent messages hold each task sent, its arguments
        # and its answer (1,000 a connection by default): kept short, so that the
        # importer (and on local:N the scheduler and the workers) stays flat.
        with dask.config.set(LOG_LENGTHS):
            if not cluster.startswith(LOCAL):
                return Client(cluster, timeout=10, set_as_default=False), None
            import logging

            # Workers that may fork their reader children (a daemon starts fresh
            # interpreters instead), and a document that kills its worker tried on
            # ALLOWED_FAILURES workers at most.
            with dask.config.set(
                {
                    "distributed.worker.daemon": False,
                    "distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
                }
            ):
                local = LocalCluster(
                    n_workers=int(cluster[len(LOCAL) :]),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",
                    silence_logs=logging.ERROR,
                )
                return Client(local, set_as_default=False), local
    except (OSError, TimeoutError) as exc:
        raise ClusterUnavailable(cluster, f"cannot reach the Dask scheduler ({exc})") from exc


def _forget_history(dask_scheduler: Any) -> None:
    """On the scheduler, forget the prefixes of finished keys and its spans' repeated notes."""
    from dask.utils import key_split

    key_split.cache_clear()
    spans = getattr(dask_scheduler, "extensions", {}).get("spans")
    for span in getattr(spans, "spans", {}).values():
        metadata = getattr(span, "_metadata", None)
        notes = metadata.get("collections") if isinstance(metadata, dict) else None
        if isinstance(notes, list) and len(notes) > 1:
            unique: list[Any] = []
            for note in notes:
                if note not in unique:
                    unique.append(note)
            notes[:] = unique


def _failed(exc: BaseException) -> Parsed:
    name = type(exc).__name__
    if name == "KilledWorker":
        return Parsed(
            None,
            "WorkerLost",
            "the Dask worker reading it died, each time it was tried "
            "(the reader crashed or ran out of memory)",
        )
    return Parsed(None, name, f"could not be read on the cluster ({name}: {exc})")


def parse_on_cluster(
    items: Iterable[T],
    path_of: Callable[[T], Path],
    *,
    cluster: str,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
    options: ReadOptions | None = None,
) -> Iterator[tuple[T, Parsed]]:
    """Parse every item's file on the Dask cluster `cluster`, yielding (item, answer) as
    each is done (not in order), like batch.parse_all; items are taken as workers free."""
    check_address(cluster)
    client, local = _client(cluster)
    try:
        from distributed import as_completed

        threads = max(1, sum(client.nthreads().values()))
        source = iter(items)
        pending: dict[Any, T] = {}
        done = as_completed(loop=client.loop)

        def start(item: T) -> Any:
            # Looked up now, so that a test may replace read_on_worker.
            return client.submit(
                read_on_worker,
                str(Path(path_of(item)).resolve()),
                timeout,
                max_memory,
                options,
                pure=False,
            )

        def submit(n: int) -> None:
            for item in source:
                future = start(item)
                pending[future] = item
                done.add(future)
                n -= 1
                if n <= 0:
                    return

        submit(threads * _PER_THREAD)
        # A worker that dies takes every document it holds with it: the one that killed
        # it and any queued beside it. Those are read again at the end, one at a time,
        # so that only the document that kills its worker fails.
        suspects: list[T] = []
        for answered, future in enumerate(done, 1):
            if local is not None and answered % _FORGET_EVERY == 0:
                # Housekeeping only: a scheduler that cannot answer fails the futures.
                with contextlib.suppress(Exception):
                    client.run_on_scheduler(_forget_history)
            item = pending.pop(future)
            try:
                parsed = future.result()
            except Exception as exc:  # the worker died, or the task could not run
                parsed = _failed(exc)
            future.release()
            if parsed.kind == "WorkerLost":
                suspects.append(item)
            else:
                yield item, parsed
            submit(1)
        for item in suspects:
            future = start(item)
            try:
                parsed = future.result()
            except Exception as exc:
                parsed = _failed(exc)
            future.release()
            yield item, parsed
    finally:
        client.close()
        if local is not None:
            local.close()
