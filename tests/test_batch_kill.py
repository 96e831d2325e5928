"""The per-document time limit kills a runaway reader in every setting: where the parent
may fork its reader children, in a daemonic process that may not (a Dask worker's
default: the child is then a fresh interpreter), and on a platform with no SIGALRM, no
RLIMIT_AS and no process groups, where only the parent's wall-clock watchdog is left.
The poison is a real one: a PDF whose /Resources is a reference to itself, which
pdfminer resolves forever."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from actionplan import batch, child
from tests.hostile.make_hostile_pdf import resources_self

pytestmark = pytest.mark.slow

LIMIT = 2
# The limit, two seconds to kill (SIGTERM, then SIGKILL), and a reader child's start on
# a loaded machine (a fresh interpreter importing the readers).
BUDGET = LIMIT + 2 + 12


def poison_and_v8(folder: Path, samples: Path) -> list[Path]:
    v8 = folder / "v8.txt"
    v8.write_bytes((samples / "cp-reduction-v8.txt").read_bytes())
    return [resources_self(folder / "hang.pdf"), v8]


def read(paths: list[Path]) -> dict[str, tuple[str | None, str | None, int, float]]:
    """Read `paths` with one reader child; return each name's (kind, reason, number of
    actions, seconds from the start of the batch to its answer)."""
    started = time.monotonic()
    return {
        path.name: (
            parsed.kind,
            parsed.reason,
            len(parsed.plan.actions) if parsed.plan else 0,
            time.monotonic() - started,
        )
        for path, parsed in batch.parse_all(paths, Path, workers=1, timeout=LIMIT)
    }


def assert_killed_at_the_limit(answers: dict[str, tuple[str | None, str | None, int, float]]):
    kind, reason, _, seconds = answers["hang.pdf"]
    assert (kind, reason) == ("TimedOut", f"exceeded the {LIMIT} s limit")
    assert seconds < BUDGET
    assert answers["v8.txt"][:3] == (None, None, 19)


def _read_in_a_daemon(paths: list[Path], out: Any) -> None:
    out.put((multiprocessing.current_process().daemon, child.context(), read(paths)))


def test_a_daemonic_process_kills_a_runaway_document_through_a_fresh_interpreter(
    tmp_path: Path, samples: Path
) -> None:
    paths = poison_and_v8(tmp_path, samples)
    spawn = multiprocessing.get_context("spawn")
    out = spawn.Queue()
    reader = spawn.Process(target=_read_in_a_daemon, args=(paths, out), daemon=True)
    reader.start()
    try:
        daemon, how, answers = out.get(timeout=120)
    finally:
        reader.join(10)
        reader.kill()
    assert daemon is True and how is None  # multiprocessing would refuse it children
    assert_killed_at_the_limit(answers)


def test_a_reader_started_as_a_fresh_interpreter_is_killed_at_the_limit(
    tmp_path: Path, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(child, "context", lambda: None)
    assert_killed_at_the_limit(read(poison_and_v8(tmp_path, samples)))


@pytest.mark.skipif(os.name != "posix", reason="removes what POSIX has and Windows has not")
def test_with_no_alarm_no_rlimit_and_no_process_groups_the_parent_still_kills_at_the_limit(
    tmp_path: Path, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Windows's lot: the forked child inherits these modules as they are here.
    for name in ("SIGALRM", "setitimer", "ITIMER_REAL", "SIGKILL"):
        monkeypatch.delattr(signal, name)
    monkeypatch.setitem(sys.modules, "resource", None)  # `import resource` fails
    monkeypatch.delattr(os, "killpg")
    monkeypatch.delattr(os, "setpgid")
    monkeypatch.setattr(batch, "_SIGKILL", signal.SIGTERM)
    assert_killed_at_the_limit(read(poison_and_v8(tmp_path, samples)))


def test_a_fresh_interpreter_that_dies_before_it_connects_fails_one_document_not_the_batch(
    tmp_path: Path, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(child, "context", lambda: None)
    monkeypatch.setattr(child, "_BOOT", "import sys; sys.exit(3)")
    v8 = poison_and_v8(tmp_path, samples)[1]
    done: list[dict[str, Any]] = []
    reading = threading.Thread(target=lambda: done.append(read([v8])), daemon=True)
    reading.start()
    reading.join(60)
    assert done, "the batch waited for a child that had died"
    kind, reason, _, _ = done[0]["v8.txt"]
    assert (kind, reason) == (
        "ReaderCrashed",
        "the process reading it died (the reader crashed or ran out of memory)",
    )
