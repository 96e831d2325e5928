"""Read many documents: in worker processes or in this one, one outcome per file.

A batch never stops on a bad file: each file gives a `Parsed` answer, its Plan or the
one-line reason it could not be read (docling's `convert_all` is the model). Workers only
read; whoever drives the batch (`actionplan.api.read_many`, the store's import) decides
what to do with each answer.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from actionplan.errors import ActionplanError, TimedOut

if TYPE_CHECKING:
    from actionplan.models import Plan
    from actionplan.pipeline import ReadOptions

T = TypeVar("T")

# A pathological PDF can keep pdfminer busy for hours; a batch moves on after this long.
DEFAULT_TIMEOUT = 300.0


class Parsed(NamedTuple):
    """A reader's answer for one file: the Plan, or the error's kind, reason and traceback."""

    plan: Plan | None
    kind: str | None = None
    reason: str | None = None
    # The traceback of an unexpected error (a bug in actionplan, not a bad file).
    detail: str | None = None

    @property
    def error(self) -> str | None:
        """Return the one-line reason the file failed, or None when it was read."""
        return None if self.plan is not None else (self.reason or self.kind or "failed")


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


def parse_document(
    path: str, timeout: float | None = None, options: ReadOptions | None = None
) -> Parsed:
    """Read one document (in a worker process or this one) into a Plan, or say why not."""
    try:
        from actionplan.pipeline import read_file

        with time_limit(timeout, path):
            plan = read_file(path, options)
    except ActionplanError as exc:
        return Parsed(None, type(exc).__name__, exc.message)
    except Exception as exc:  # a bug in actionplan, not a bad file: keep the traceback
        return Parsed(
            None,
            type(exc).__name__,
            f"could not be read ({type(exc).__name__}: {exc}); rerun with --debug and report it",
            traceback.format_exc(),
        )
    return Parsed(plan)


class _InProcess(Executor):
    """`workers=0`: parse in this process itself (for one file, debugging and profiling)."""

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
    """Run in each worker: exit when the process that started it is gone.

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


def parse_all(
    items: Iterable[T],
    path_of: Callable[[T], Path],
    *,
    workers: int = 0,
    timeout: float | None = DEFAULT_TIMEOUT,
    options: ReadOptions | None = None,
) -> Iterator[tuple[T, Parsed]]:
    """Parse every item's file, yielding (item, answer) as each is done (not in order).

    `workers` processes parse (0: this process). Items are taken from `items` only as
    workers come free, so a caller may decide lazily what to hand on. A worker that dies
    takes its documents with it: each is then read again on its own, so a second crash
    names the culprit and spares the others.
    """
    window = 2 * max(workers, 1)
    source = iter(items)
    exhausted = False
    suspects: deque[T] = deque()
    in_flight: dict[Future[Parsed], tuple[T, int, bool]] = {}
    generation = 0
    executor = _executor(workers)

    def renew() -> None:
        nonlocal executor, generation
        executor.shutdown(wait=False, cancel_futures=True)
        executor = _executor(workers)
        generation += 1

    def submit(item: T, alone: bool) -> None:
        args = (str(path_of(item)), timeout, options)
        try:
            future = executor.submit(parse_document, *args)
        except BrokenProcessPool:  # a worker died since the last answer came back
            renew()
            future = executor.submit(parse_document, *args)
        in_flight[future] = (item, generation, alone)

    try:
        while not exhausted or suspects or in_flight:
            if suspects and not in_flight:
                submit(suspects.popleft(), alone=True)
            while not suspects and not exhausted and len(in_flight) < window:
                try:
                    item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                submit(item, alone=False)
            if not in_flight:
                continue
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                item, gen, alone = in_flight.pop(future)
                try:
                    parsed = future.result()
                except BrokenProcessPool:
                    if gen == generation:
                        renew()
                    if not alone:
                        suspects.append(item)
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
                yield item, parsed
    finally:
        executor.shutdown(wait=False, cancel_futures=True)
