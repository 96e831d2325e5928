"""`read_many`: one result per file, in order, with its status and error; a batch goes on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import actionplan
from actionplan.api import ReadResult
from tests.conftest import slow_to_read


def _folder(tmp_path: Path, samples: Path) -> Path:
    folder = tmp_path / "plans"
    (folder / "old").mkdir(parents=True)
    shutil.copy(samples / "cp-reduction-v7.docx", folder / "old" / "v7.docx")
    shutil.copy(samples / "cp-reduction-v8.txt", folder / "v8.txt")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really")
    (folder / "~$v7.docx").write_bytes(b"lock file of an open document")
    return folder


@pytest.mark.parametrize("workers", [0, 2])
def test_a_batch_gives_one_result_per_file_in_order_and_goes_on_past_a_bad_one(
    tmp_path: Path, samples: Path, workers: int
) -> None:
    folder = _folder(tmp_path, samples)
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = tmp_path / "gone.docx"
    results = list(actionplan.read_many([folder, missing, empty], workers=workers))
    assert [(r.path.relative_to(tmp_path).as_posix(), r.status) for r in results] == [
        ("plans/broken.pdf", "failed"),
        ("plans/v8.txt", "read"),
        ("plans/old/v7.docx", "read"),
        ("gone.docx", "failed"),
        ("empty", "failed"),
    ]
    broken, v8, v7, gone, nothing = results
    assert broken.kind == "CorruptDocument" and broken.plan is None
    assert broken.line.startswith(f"{folder / 'broken.pdf'}: ")
    assert v7.plan is not None and v7.plan.document.version == "V7" and v7.error is None
    assert v8.plan is not None and len(v8.plan.actions) == 19
    assert (gone.kind, gone.error) == ("MissingFile", "no such file")
    assert nothing.error == "no review documents in this folder (.docx, .pdf, .txt, …)"


@pytest.mark.slow
def test_a_batch_reads_what_read_reads(tmp_path: Path, samples: Path) -> None:
    files = [samples / "cp-reduction-v7.pdf", samples / "cp-reduction-v8.docx"]
    results = list(actionplan.read_many(files, workers=2))
    assert [r.plan for r in results] == [actionplan.read(f) for f in files]


def test_a_named_file_is_read_whatever_its_extension(tmp_path: Path, samples: Path) -> None:
    odd = Path(shutil.copy(samples / "cp-reduction-v8.docx", tmp_path / "v8.backup"))
    (result,) = actionplan.read_many([odd])
    assert isinstance(result, ReadResult) and result.status == "read"
    (skipped,) = actionplan.read_many([odd], folders=False)
    assert skipped.status == "read"


def test_a_batch_with_a_time_limit_fails_the_slow_document_only(
    tmp_path: Path, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow_to_read(monkeypatch, "v7", 3)
    files = [samples / "cp-reduction-v7.docx", samples / "cp-reduction-v8.docx"]
    first, second = actionplan.read_many(files, timeout=1.5)
    assert (first.status, first.kind) == ("failed", "TimedOut")
    assert second.status == "read"
