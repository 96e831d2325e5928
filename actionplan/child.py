"""Start a reader child process in every setting, and the connection to it.

The batch reads each document in a child that its parent kills past the time limit. Where
this process may start children, multiprocessing does (fork when there is one thread, else
a forkserver or spawn). A daemonic process may not: multiprocessing forbids it children,
and a Dask worker is daemonic unless told otherwise (`distributed.worker.daemon`). There
the child is a fresh interpreter started with subprocess, which any process may start; it
connects back over an authenticated multiprocessing connection. Either way the caller gets
a Connection and a handle with the part of multiprocessing.Process's interface it uses
(pid, exitcode, sentinel, is_alive, join, terminate, kill), so killing at the deadline is
the same code in both.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import multiprocessing.context
import os
import secrets
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Callable
from multiprocessing.connection import Client, Connection, Listener
from typing import Any, Protocol

# How long a fresh interpreter may take to connect back (an import on a loaded machine).
START_TIMEOUT = 120.0

# Run by the fresh interpreter: its import path is the parent's, then the child's loop.
_BOOT = (
    "import json, sys; hello = json.loads(sys.stdin.readline()); "
    "sys.path[:0] = [p for p in hello['path'] if p not in sys.path]; "
    "from actionplan.child import serve_child; serve_child(hello)"
)


class Handle(Protocol):
    """What the batch uses of a child process."""

    @property
    def pid(self) -> int | None: ...
    @property
    def exitcode(self) -> int | None: ...
    @property
    def sentinel(self) -> Any: ...
    def is_alive(self) -> bool: ...
    def join(self, timeout: float | None = None) -> None: ...
    def terminate(self) -> None: ...
    def kill(self) -> None: ...


def context() -> multiprocessing.context.BaseContext | None:
    """Return how to start children here: a multiprocessing context, or None where
    multiprocessing may not (a daemonic process), for a fresh interpreter instead.

    Fork where it is safe (one thread: children start at once, no re-import), else a
    forkserver or spawn, which do not copy another thread's locks.
    """
    if multiprocessing.current_process().daemon:
        return None
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def start(
    target: Callable[..., None],
    args: tuple[Any, ...],
    name: str,
    ctx: multiprocessing.context.BaseContext | None,
) -> tuple[Connection, Handle]:
    """Start a process running `target(conn, *args)`; return the parent's end and a handle.

    With no `ctx` (see `context()`) the process is a fresh interpreter started by
    subprocess: `target` and `args` travel pickled, so `target` must be importable by name.
    """
    if ctx is None:
        return _start_subprocess(target, args)
    conn, theirs = ctx.Pipe()
    process = ctx.Process(target=target, args=(theirs, *args), name=name)  # type: ignore[attr-defined]
    process.start()
    theirs.close()
    return conn, process


def _start_subprocess(
    target: Callable[..., None], args: tuple[Any, ...]
) -> tuple[Connection, Handle]:
    authkey = secrets.token_bytes(32)
    listener = Listener(authkey=authkey)  # a Unix socket, or a named pipe on Windows
    try:
        popen = subprocess.Popen(
            [sys.executable, "-c", _BOOT],
            stdin=subprocess.PIPE,
        )
        assert popen.stdin is not None
        hello = {"address": listener.address, "authkey": authkey.hex(), "path": sys.path}
        with contextlib.suppress(OSError):  # it died at once: seen below
            popen.stdin.write(json.dumps(hello).encode() + b"\n")
            popen.stdin.close()
        conn = _accept(listener, popen, authkey)
    finally:
        listener.close()
    handle = _Subprocess(popen)
    if conn is None:  # it died or hung starting: the batch sees a child that died
        handle.kill()
        handle.join(1)
        ours, theirs = multiprocessing.Pipe()
        theirs.close()
        return ours, handle
    conn.send((target, args))
    return conn, handle


def _accept(
    listener: Listener, popen: subprocess.Popen[bytes], authkey: bytes
) -> Connection | None:
    """Wait for the child to connect, but not for one that died or hangs before it does."""
    accepted: list[Connection] = []
    failed: list[BaseException] = []

    def accept() -> None:
        try:
            accepted.append(listener.accept())
        except Exception as exc:  # a stranger with the wrong key, or the listener closed
            failed.append(exc)

    waiter = threading.Thread(target=accept, name="actionplan-child-accept", daemon=True)
    waiter.start()
    deadline = time.monotonic() + START_TIMEOUT
    while waiter.is_alive() and popen.poll() is None and time.monotonic() < deadline:
        waiter.join(0.05)
    if waiter.is_alive():  # accept() blocks still: connect to it ourselves to end it
        with contextlib.suppress(Exception):
            Client(listener.address, authkey=authkey).close()
        waiter.join(5)
        for conn in accepted:
            conn.close()
        return None
    return accepted[0] if accepted else None


def serve_child(hello: dict[str, Any]) -> None:
    """Run in the fresh interpreter: connect to the parent, then run the target it sends."""
    with contextlib.suppress(OSError):
        sys.stdin.close()
    conn = Client(hello["address"], authkey=bytes.fromhex(hello["authkey"]))
    target, args = conn.recv()
    target(conn, *args)


class _Subprocess:
    """A subprocess.Popen seen through multiprocessing.Process's interface."""

    def __init__(self, popen: subprocess.Popen[bytes]) -> None:
        self.popen = popen
        self.sentinel = _sentinel(self, popen)

    @property
    def pid(self) -> int:
        return self.popen.pid

    @property
    def exitcode(self) -> int | None:
        # Negative for a signal, as multiprocessing has it.
        return self.popen.poll()

    def is_alive(self) -> bool:
        return self.popen.poll() is None

    def join(self, timeout: float | None = None) -> None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout)

    def terminate(self) -> None:
        with contextlib.suppress(OSError):
            self.popen.terminate()

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.popen.kill()


def _sentinel(owner: object, popen: subprocess.Popen[bytes]) -> Any:
    """Return what multiprocessing.connection.wait sees become ready when `popen` ends:
    a pidfd on Linux, the process handle on Windows; None elsewhere, where the child's
    end of the connection closing says it died."""
    if hasattr(os, "pidfd_open"):
        with contextlib.suppress(OSError):
            fd = os.pidfd_open(popen.pid)
            weakref.finalize(owner, os.close, fd)
            return fd
    handle = getattr(popen, "_handle", None)  # Windows: a waitable process handle
    return int(handle) if handle is not None else None
