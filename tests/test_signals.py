"""Ctrl-C ends any command within 2 s, with exit 130 and one line saying what was saved."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import SAMPLES

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a process is POSIX"),
]


def _copies(folder: Path, n: int) -> Path:
    """n copies of the V8 PDF, each with different bytes (a comment after %%EOF)."""
    folder.mkdir()
    data = (SAMPLES / "cp-reduction-v8.pdf").read_bytes()
    for i in range(n):
        (folder / f"copy-{i:03}.pdf").write_bytes(data + b"\n%% copy %d\n" % i)
    return folder


class Command:
    """An `actionplan` command in its own process, its stderr read line by line."""

    def __init__(self, *args: str) -> None:
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "actionplan", *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        with self.process.stderr:
            for line in self.process.stderr:
                self.lines.append(line.rstrip("\n"))

    def wait_for(self, pattern: str, timeout: float = 60) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if any(re.search(pattern, line) for line in self.lines):
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        self.process.kill()
        self.reader.join(5)
        pytest.fail(f"never printed {pattern!r}: {self.lines}")

    def interrupt(self) -> tuple[int, float]:
        """Send SIGINT; return the exit code and the seconds it took to exit."""
        started = time.monotonic()
        self.process.send_signal(signal.SIGINT)
        try:
            code = self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.reader.join(5)
            pytest.fail("still running 10 s after Ctrl-C")
        seconds = time.monotonic() - started
        self.reader.join(5)  # the last lines, then the pipe is closed
        return code, seconds


def test_ctrl_c_during_import_exits_130_and_says_what_was_saved(tmp_path: Path) -> None:
    folder = _copies(tmp_path / "plans", 30)
    db = tmp_path / "plans.db"
    command = Command("import", str(folder), "--db", str(db), "--workers", "1")
    command.wait_for(r"^\[\d+/30\] .*imported [1-9]")
    code, seconds = command.interrupt()

    assert code == 130
    assert seconds < 2, seconds
    last = command.lines[-1]
    saved = re.fullmatch(
        rf"interrupted: (\d+) documents? imported into {re.escape(str(db))}, each complete; "
        "the same import again imports the rest",
        last,
    )
    assert saved, command.lines
    assert not any("Traceback" in line for line in command.lines)
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        actions = con.execute("SELECT count(DISTINCT document_id) FROM actions").fetchone()[0]
    assert stored == int(saved.group(1))
    assert actions == stored  # no document half-written
    assert 0 < stored < 30

    again = subprocess.run(
        [sys.executable, "-m", "actionplan", "import", str(folder), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert again.returncode == 0, again.stderr
    assert f"{30 - stored} imported, {stored} skipped, 0 failed (30 file(s))" in again.stderr


def test_ctrl_c_while_reading_exits_130_with_nothing_saved(tmp_path: Path) -> None:
    folder = _copies(tmp_path / "plans", 20)
    out = tmp_path / "all.csv"
    command = Command("extract", str(folder), "--format", "csv", "-o", str(out))
    time.sleep(1.5)  # reading has begun (the interpreter starts, the worker reads)
    code, seconds = command.interrupt()

    assert code == 130
    assert seconds < 2, seconds
    assert command.lines[-1] == "interrupted: nothing was saved"
    assert not out.exists()
    assert not any("Traceback" in line for line in command.lines)


def test_running_out_of_memory_outside_a_reader_is_one_line_and_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Readers run under the memory limit in a child; the output is built here, and a
    MemoryError there (a huge text dump's JSON) is one line, not a traceback."""
    import actionplan.api
    from actionplan.cli import main

    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(actionplan.api, "read_many", exhausted)
    with pytest.raises(SystemExit) as exit_:
        main(["extract", str(SAMPLES / "cp-reduction-v8.docx")])
    assert exit_.value.code == 1
    assert capsys.readouterr().err == (
        "error: actionplan ran out of memory building the output; "
        "give it fewer documents at a time\n"
    )
