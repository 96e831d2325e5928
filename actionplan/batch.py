"""Read many documents, each within a budget of time and memory, one outcome per file.

A batch never stops on a bad file: each file gives a `Parsed` answer, its Plan or the
one-line reason it could not be read (docling's `convert_all` is the model). Each document
is read in a child process that the parent kills when it passes the time limit, under an
address-space limit (RLIMIT_AS) where the platform has one: neither can be swallowed by a
reader's own cleanup, as an alarm in the reading process can. Workers only read; whoever
drives the batch (`actionplan.api.read_many`, the store's import) decides what to do with
each answer.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import multiprocessing
import multiprocessing.context
import os
import signal
import threading
import time
import traceback
from collections.abc import Callable, Container, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from actionplan import child
from actionplan.errors import ActionplanError, MemoryLimit, TimedOut
from actionplan.rules import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT, format_size

if TYPE_CHECKING:
    from actionplan.models import Plan
    from actionplan.pipeline import ReadOptions

T = TypeVar("T")

_SIGKILL = getattr(signal, "SIGKILL", signal.SIGTERM)  # Windows has one way to end a process


def _time_reason(seconds: float | None) -> str:
    return f"exceeded the {seconds or 0:g} s limit"


def _memory_reason(size: int) -> str:
    return f"exceeded the {format_size(size)} memory limit"


class Parsed(NamedTuple):
    """A reader's answer for one file: the Plan, or the error's kind, reason and traceback."""

    plan: Plan | None
    kind: str | None = None
    reason: str | None = None
    # The traceback of an unexpected error (a bug in actionplan, not a bad file).
    detail: str | None = None
    # A workbook's older version sheets, oldest first, when versions were asked for
    # (ReadOptions.versions); `plan` is then its newest.
    earlier: tuple[Plan, ...] = ()
    # The version sheets that could not be read while others were: (sheet, kind, reason).
    failed_sheets: tuple[tuple[str, str, str], ...] = ()

    @property
    def error(self) -> str | None:
        """Return the one-line reason the file failed, or None when it was read."""
        return None if self.plan is not None else (self.reason or self.kind or "failed")


@contextlib.contextmanager
def time_limit(seconds: float | None, path: str) -> Iterator[None]:
    """Raise TimedOut in this (main) thread if the block runs longer than `seconds`.

    For reading in this process (`workers=0`). The alarm can land where Python ignores
    an exception (a garbage-collector callback, a `__del__`, a reader's own `except`), so
    once expired it fires again every 50 ms until the block ends, and a block that ends
    after its deadline still raises. Batches read in child processes instead
    (`parse_all`), which are killed.
    """
    usable = (
        seconds
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    expired = False

    def expire(signum: int, frame: object) -> None:
        nonlocal expired
        expired = True
        signal.setitimer(signal.ITIMER_REAL, 0.05)  # again, should this one be swallowed
        raise TimedOut(path, _time_reason(seconds))

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, float(seconds or 0))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if expired:  # the block finished, but only after swallowing its deadline
        raise TimedOut(path, _time_reason(seconds))


def _out_of_memory(exc: BaseException) -> bool:
    """Whether `exc` says the process ran out of memory: Python's heap, an mmap, or the
    dynamic loader mapping a library (an import under the limit)."""
    if isinstance(exc, MemoryError):
        return True
    if isinstance(exc, OSError) and exc.errno == errno.ENOMEM:
        return True
    return isinstance(exc, ImportError) and "failed to map segment" in str(exc)


def parse_document(
    path: str,
    timeout: float | None = None,
    options: ReadOptions | None = None,
    max_memory: int | None = None,
) -> Parsed:
    """Read one document (in a worker process or this one) into a Plan, or say why not.

    `max_memory` is the limit this process runs under, named when memory runs out.
    """
    try:
        from actionplan.pipeline import read_file, read_version_sheets

        failed: list[tuple[str, ActionplanError]] = []
        with time_limit(timeout, path):
            if options is not None and options.versions:
                (*earlier, plan), failed = read_version_sheets(path, options)
            else:
                earlier, plan = [], read_file(path, options)
    except ActionplanError as exc:
        return Parsed(None, type(exc).__name__, exc.message)
    except Exception as exc:
        if _out_of_memory(exc):
            reason = _memory_reason(max_memory) if max_memory else "ran out of memory"
            return Parsed(None, MemoryLimit.__name__, reason)
        # A bug in actionplan, not a bad file: keep the traceback
        return Parsed(
            None,
            type(exc).__name__,
            f"could not be read ({type(exc).__name__}: {exc}); rerun with --debug and report it",
            traceback.format_exc(),
        )
    sheets = tuple((name, type(exc).__name__, exc.message) for name, exc in failed)
    return Parsed(plan, earlier=tuple(earlier), failed_sheets=sheets)


def default_workers() -> int:
    """Return the number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _exit_with_parent(parent: int) -> None:
    """Run in each worker: exit when the process that started it is gone.

    Without this a worker whose parent was killed (SIGKILL, the OOM killer) would wait
    for work forever. A forkserver's child has the forkserver for its parent, which
    ends with `parent`: either way the child is orphaned when its first parent goes.
    """
    first = os.getppid()
    if first != parent and os.name == "posix" and not _alive(parent):
        os._exit(1)

    def watch() -> None:
        while os.getppid() == first:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="actionplan-parent-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # alive, another user's
        return True
    return True


def _limit_memory(max_memory: int | None) -> None:
    """Cap this process's address space, where the platform can (not on Windows)."""
    if not max_memory:
        return
    try:
        import resource
    except ImportError:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = max_memory if hard == resource.RLIM_INFINITY else min(max_memory, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _serve(conn: Connection, parent: int, max_memory: int | None) -> None:
    """A worker's life: read one document at a time, as the parent asks, until told to stop."""
    _exit_with_parent(parent)
    if hasattr(os, "setpgid"):  # a group of its own, so that a kill takes its children too
        os.setpgid(0, 0)
    _limit_memory(max_memory)
    with contextlib.suppress(MemoryError):  # then each document says so
        import actionplan.pipeline  # noqa: F401  (imported before the clock starts)

    conn.send(None)  # ready
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        fn, path, options = job
        try:
            parsed = fn(path, None, options, max_memory)
        except MemoryError:  # raised outside the reader's own handling
            parsed = Parsed(None, MemoryLimit.__name__, _memory_reason(max_memory or 0))
        try:
            conn.send(parsed)
        except Exception as exc:  # the Plan did not pickle: say so rather than hang
            conn.send(
                Parsed(
                    None,
                    type(exc).__name__,
                    f"could not be read ({type(exc).__name__}: {exc}); "
                    "rerun with --debug and report it",
                )
            )
        if parsed.kind == MemoryLimit.__name__:
            return  # the heap may be in pieces: a fresh worker reads the next one


class _Worker:
    """One child process reading one document at a time, killed when past its deadline."""

    def __init__(
        self, ctx: multiprocessing.context.BaseContext | None, max_memory: int | None
    ) -> None:
        # Not a daemon: a daemon may not start the processes that read a PDF's pages.
        self.conn, self.process = child.start(
            _serve, (os.getpid(), max_memory), "actionplan-reader", ctx
        )
        self.ready = False
        self.job: tuple[Any, float | None] | None = None  # (item, deadline)
        self.killed = False

    def send(
        self, item: Any, path: str, options: ReadOptions | None, timeout: float | None
    ) -> None:
        # Looked up now, so that a test may replace parse_document.
        self.conn.send((parse_document, path, options))
        self.job = (item, time.monotonic() + timeout if timeout else None)

    def kill(self) -> None:
        """End the process and those it started (a PDF's page readers): ask, then insist."""
        self.killed = True
        for sig, end in ((signal.SIGTERM, self.process.terminate), (_SIGKILL, self.process.kill)):
            if not self.process.is_alive():
                break
            try:  # its group, while its pid is still its own (not yet reaped)
                os.killpg(self.process.pid or 0, sig)  # type: ignore[attr-defined,unused-ignore]
            except (AttributeError, OSError):  # Windows, or no group of its own yet
                end()
            self.process.join(1)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
        self.process.join(0.2)
        self.kill()


def _died(worker: _Worker, max_memory: int | None) -> Parsed:
    code = worker.process.exitcode
    if max_memory and code == -_SIGKILL:  # the OS's out-of-memory killer
        return Parsed(None, MemoryLimit.__name__, _memory_reason(max_memory))
    return Parsed(
        None,
        "ReaderCrashed",
        "the process reading it died (the reader crashed or ran out of memory)",
    )


def parse_all(
    items: Iterable[T],
    path_of: Callable[[T], Path],
    *,
    workers: int = 0,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
    options: ReadOptions | None = None,
) -> Iterator[tuple[T, Parsed]]:
    """Parse every item's file, yielding (item, answer) as each is done (not in order).

    `workers` child processes read one document each at a time, under an address-space
    limit of `max_memory` bytes; one past `timeout` seconds is killed and replaced, and
    its document fails with TimedOut. Items are taken from `items` only as workers come
    free, so a caller may decide lazily what to hand on. `workers=0` reads in this
    process, with no isolation: for debugging (the time limit is then a best-effort
    alarm, and there is no memory limit).
    """
    if workers == 0:
        for item in items:
            yield item, parse_document(str(path_of(item)), timeout, options)
        return
    ctx = child.context()
    pool: list[_Worker] = []
    source = iter(items)
    exhausted = False
    try:
        while True:
            pool = [w for w in pool if not w.killed]
            while len(pool) < workers and not exhausted:
                pool.append(_Worker(ctx, max_memory))
            for w in pool:
                if w.ready and w.job is None and not exhausted:
                    try:
                        item = next(source)
                    except StopIteration:
                        exhausted = True
                        break
                    w.send(item, str(path_of(item)), options, timeout)
            busy = [w for w in pool if w.job is not None or not w.ready]
            if exhausted and not any(w.job is not None for w in pool):
                return
            deadlines = [w.job[1] for w in busy if w.job is not None and w.job[1] is not None]
            wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            sentinels = [w.process.sentinel for w in busy if w.process.sentinel is not None]
            ready = set(wait([w.conn for w in busy] + sentinels, wait_for))
            for w in busy:
                answer = _answer(w, ready, timeout, max_memory)
                if answer is not None:
                    yield answer
                elif w.killed and not w.ready and not exhausted:
                    # It died starting: fail a document rather than start workers forever.
                    first = list(itertools.islice(source, 1))
                    exhausted = not first
                    yield from ((item, _died(w, max_memory)) for item in first)
    finally:
        for w in pool:
            w.stop()


def _answer(
    w: _Worker, ready: Container[object], timeout: float | None, max_memory: int | None
) -> tuple[Any, Parsed] | None:
    """Take a worker's answer, if it has one, or end it when it died or ran out of time."""
    if w.conn in ready:
        try:
            parsed = w.conn.recv()
        except (EOFError, OSError):  # it died: see below
            pass
        else:
            if not w.ready:
                w.ready = True
                return None
            assert w.job is not None
            item, _ = w.job
            w.job = None
            if parsed.kind == MemoryLimit.__name__:
                w.kill()
            return item, parsed
    job = w.job
    if w.process.sentinel in ready or w.conn in ready:
        w.process.join(1)
        w.kill()
        return (job[0], _died(w, max_memory)) if job else None
    if job and job[1] is not None and time.monotonic() >= job[1]:
        w.kill()
        return job[0], Parsed(None, TimedOut.__name__, _time_reason(timeout))
    return None
