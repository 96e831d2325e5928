"""A budget per document: each is read in a child process that is killed past the time
limit, under a memory limit, and a batch goes on with one line for the document."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import actionplan
from actionplan import batch
from actionplan.cli import cli
from actionplan.rules import format_size, parse_size
from actionplan.store import Store

needs_rlimit = pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_AS is POSIX")


def pdf(objects: list[bytes]) -> bytes:
    """Return a PDF of these objects (numbered from 1, the first the catalog), with its xref."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def resources_pointing_at_themselves(path: Path) -> Path:
    """Write a one-page PDF whose /Resources is object 5, and object 5 is `5 0 R`:
    pdfminer resolves it forever at 100% CPU (issue 12)."""
    content = b"BT /F1 12 Tf 72 720 Td (Action plan) Tj ET"
    path.write_bytes(
        pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
                b" /Resources 5 0 R /Contents 4 0 R >>",
                b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
                b"5 0 R",
            ]
        )
    )
    return path


def allocate_for_hog(path: str, *args: object) -> batch.Parsed:
    """A reader that takes 3 GiB for a file named hog, and reads the others as usual."""
    if "hog" in Path(path).name:
        hoard = bytearray(3 << 30)
        return batch.Parsed(None, "Unreachable", str(len(hoard)))
    return _parse_document(path, *args)  # type: ignore[arg-type]


_parse_document = batch.parse_document


def killed_for_hog(path: str, *args: object) -> batch.Parsed:
    """A reader the OS kills for a file named hog, as the out-of-memory killer would."""
    if "hog" in Path(path).name:
        os.kill(os.getpid(), signal.SIGKILL)
    return _parse_document(path, *args)  # type: ignore[arg-type]


def hog_and_v8(folder: Path, samples: Path) -> tuple[Path, Path]:
    """Copy V8's text dump as hog.txt (which the test readers choke on) and as v8.txt."""
    return tuple(  # type: ignore[return-value]
        Path(shutil.copy(samples / "cp-reduction-v8.txt", folder / name))
        for name in ("hog.txt", "v8.txt")
    )


@pytest.mark.slow
def test_a_pdf_whose_resources_point_at_themselves_is_killed_at_the_limit_and_the_next_is_read(
    tmp_path: Path, samples: Path, pdf_engine: str
) -> None:
    hang = resources_pointing_at_themselves(tmp_path / "hang.pdf")
    v8 = shutil.copy(samples / "cp-reduction-v8.txt", tmp_path / "v8.txt")
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["extract", str(hang), str(v8), "--timeout", "2"])
    elapsed = time.monotonic() - started
    assert elapsed < 2 + 2 + 1  # the limit, two seconds to kill, and a second to start
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"error: {hang}: exceeded the 2 s limit"
    plan = json.loads(result.stdout)
    assert plan["document"]["source"] == str(v8)
    assert len(plan["actions"]) == 19


@pytest.mark.slow
@pytest.mark.parametrize("command", ["diff", "history"])
def test_diff_and_history_kill_a_hanging_pdf_within_the_limit(
    command: str, tmp_path: Path, samples: Path, pdf_engine: str
) -> None:
    hang = resources_pointing_at_themselves(tmp_path / "hang.pdf")
    started = time.monotonic()
    args = [command, str(hang), str(samples / "cp-reduction-v8.txt"), "--timeout", "1"]
    result = CliRunner().invoke(cli, args)
    assert time.monotonic() - started < 1 + 2 + 1
    assert f"error: {hang}: exceeded the 1 s limit" in result.stderr.splitlines()
    assert result.exit_code in (1, 2)


@pytest.mark.slow
def test_read_many_in_a_child_fails_the_hanging_pdf_as_timed_out(
    tmp_path: Path, samples: Path, pdf_engine: str
) -> None:
    hang = resources_pointing_at_themselves(tmp_path / "hang.pdf")
    first, second = actionplan.read_many(
        [hang, samples / "cp-reduction-v8.docx"], workers=1, timeout=1
    )
    assert (first.status, first.kind, first.error) == (
        "failed",
        "TimedOut",
        "exceeded the 1 s limit",
    )
    assert second.status == "read" and second.plan is not None
    assert len(second.plan.actions) == 19


@pytest.mark.slow
def test_import_kills_a_hanging_pdf_and_stores_the_others(
    tmp_path: Path, samples: Path, pdf_engine: str
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    resources_pointing_at_themselves(docs / "hang.pdf")
    shutil.copy(samples / "cp-reduction-v8.txt", docs / "v8.txt")
    with Store(tmp_path / "x.db") as store:
        results = {Path(r.path).name: r for r in store.import_paths([docs], workers=2, timeout=1)}
        errors = store.import_errors()
    assert results["v8.txt"].status == "imported"
    assert (results["hang.pdf"].status, results["hang.pdf"].reason) == (
        "failed",
        "exceeded the 1 s limit",
    )
    assert len(errors) == 1


@needs_rlimit
@pytest.mark.slow
@pytest.mark.parametrize(
    ("reader", "limit", "line"),
    [
        ("allocate_for_hog", "1G", "exceeded the 1 GiB memory limit"),
        ("killed_for_hog", "512M", "exceeded the 512 MiB memory limit"),
    ],
)
def test_a_child_out_of_memory_fails_in_one_line_and_the_batch_goes_on(
    reader: str,
    limit: str,
    line: str,
    tmp_path: Path,
    samples: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hog, v8 = hog_and_v8(tmp_path, samples)
    monkeypatch.setattr(batch, "parse_document", globals()[reader])
    first, second, third = actionplan.read_many(
        [hog, v8, hog], workers=1, timeout=30, max_memory=parse_size(limit)
    )
    assert (first.status, first.kind, first.error) == ("failed", "MemoryLimit", line)
    assert second.status == "read"
    assert (third.kind, third.error) == ("MemoryLimit", line)


@needs_rlimit
@pytest.mark.slow
def test_extract_under_a_tiny_memory_limit_says_so_in_one_line(samples: Path) -> None:
    # A fresh interpreter, so that the reader's libraries are loaded under the limit.
    v8 = samples / "cp-reduction-v8.docx"
    args = [sys.executable, "-m", "actionplan", "extract", str(v8), "--max-memory", "64M"]
    done = subprocess.run(args, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"error: {v8}: exceeded the 64 MiB memory limit"]


def test_a_size_that_is_no_size_is_refused_on_the_command_line(samples: Path) -> None:
    args = ["extract", str(samples / "cp-reduction-v8.txt"), "--max-memory", "lots"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "'lots' is not a size" in result.stderr


def test_sizes_are_read_as_people_write_them() -> None:
    assert parse_size("2G") == 2 << 30
    assert parse_size("512M") == 512 << 20
    assert parse_size("1.5 GiB") == 3 << 29
    assert parse_size("64k") == 64 << 10
    assert parse_size("1048576") == 1 << 20
    assert format_size(2 << 30) == "2 GiB"
    assert format_size(512 << 20) == "512 MiB"
    assert format_size(3 << 29) == "1.5 GiB"
    with pytest.raises(ValueError, match="'2 gallons' is not a size"):
        parse_size("2 gallons")


@given(st.integers(1, 1023), st.sampled_from(["K", "M", "G", "T"]))
def test_a_size_in_whole_units_prints_as_written_and_reads_back(number: int, unit: str) -> None:
    size = parse_size(f"{number}{unit}")
    assert format_size(size) == f"{number} {unit}iB"
    assert parse_size(format_size(size)) == size


def test_reading_in_this_process_keeps_the_best_effort_alarm(
    tmp_path: Path, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import actionplan.pipeline

    monkeypatch.setattr(actionplan.pipeline, "read_file", lambda *a: time.sleep(3))
    (result,) = actionplan.read_many([samples / "cp-reduction-v8.txt"], workers=0, timeout=0.3)
    assert (result.kind, result.error) == ("TimedOut", "exceeded the 0.3 s limit")


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timer here")
def test_an_alarm_swallowed_by_the_reader_fires_again() -> None:
    """In this process the alarm may land in an `except` (or a gc callback) that ignores
    it: it fires again, and a block that finishes past its deadline still fails."""
    swallowed = 0
    started = time.monotonic()
    with (
        pytest.raises(actionplan.errors.TimedOut, match=r"0\.1 s limit"),
        batch.time_limit(0.1, "slow.docx"),
    ):
        while time.monotonic() - started < 5:
            try:
                time.sleep(1)
            except actionplan.errors.TimedOut:
                swallowed += 1
                if swallowed == 3:
                    break  # ends the block normally, after its deadline
    assert swallowed == 3
    assert time.monotonic() - started < 1  # 0.1 s, then two repeats of 50 ms
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_block_within_its_time_limit_is_untouched() -> None:
    with batch.time_limit(5, "quick.docx"):
        value = sum(range(1000))
    assert value == 499500
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
