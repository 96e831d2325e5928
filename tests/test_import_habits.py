"""Batch habits of the import: duplicates within one import are told apart from documents
already in the database and `plans` lists the files that failed (on both backends),
protected PDFs open with --password or --password-file, and the progress counts pages."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from actionplan.cli import cli
from actionplan.store import open_store
from actionplan.store.pages import pages_of, weight
from tests.conftest import shared_path
from tests.store_backends import Backend


@pytest.mark.parametrize("workers", ["0", "2"])
def test_the_same_bytes_twice_in_one_import_are_duplicates_not_already_in_the_database(
    tmp_path: Path, samples: Path, backend: Backend, workers: str
) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        shutil.copy(samples / "cp-reduction-v8.txt", folder / name)
    db = str(backend.target(tmp_path / "x.db"))
    args = ["import", str(folder), "--db", db, "--workers", workers, "-v"]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.stderr
    assert "1 imported, 2 skipped, 0 failed (3 file(s))" in first.stderr
    assert "2 skipped: the same bytes as another file of this import" in first.stderr
    assert "already in the database" not in first.stderr
    assert f"same bytes as {folder / 'a.txt'}, in this import (document" in first.stderr
    again = CliRunner().invoke(cli, args)
    assert "0 imported, 3 skipped, 0 failed (3 file(s))" in again.stderr
    assert "3 skipped: already in the database (same bytes)" in again.stderr
    assert "this import" not in again.stderr


def test_plans_lists_the_files_that_could_not_be_imported_with_why(
    tmp_path: Path, samples: Path, backend: Backend
) -> None:
    (tmp_path / "empty.pdf").write_bytes(b"")
    shutil.copy(samples / "cp-reduction-v8.txt", tmp_path / "v8.txt")
    db = str(backend.target(tmp_path / "x.db"))
    CliRunner().invoke(cli, ["import", str(tmp_path), "--db", db, "--workers", "0"])
    result = CliRunner().invoke(cli, ["plans", "--db", db])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "1 file(s) could not be imported:",
        f"  {tmp_path / 'empty.pdf'}  the file is empty",
    ]


@pytest.mark.slow
def test_import_opens_protected_pdfs_with_a_password_or_a_password_file(
    tmp_path: Path,
) -> None:
    src = shared_path("realworld", "pdfplumber", "password-example.pdf")  # password "test"
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(src, folder / "locked.pdf")
    db = tmp_path / "x.db"
    base = ["import", str(folder), "--db", str(db), "--workers", "0"]
    locked = CliRunner().invoke(cli, base)
    assert "the PDF is encrypted; pass --password" in locked.stderr
    opened = CliRunner().invoke(cli, [*base, "--password", "test"])
    # Opened: it is read, and found to hold no action plan (it is pdfplumber's example).
    assert "encrypted" not in opened.stderr and "no action table" in opened.stderr
    secret = tmp_path / "secret.txt"
    secret.write_text("test\n", encoding="utf-8")
    from_file = CliRunner().invoke(cli, [*base, "--password-file", str(secret)])
    assert "encrypted" not in from_file.stderr and "no action table" in from_file.stderr
    from_stdin = CliRunner().invoke(cli, [*base, "--password-file", "-"], input="test\n")
    assert "encrypted" not in from_stdin.stderr and "no action table" in from_stdin.stderr


def test_a_file_s_pages_are_what_it_says_where_it_says_so_cheaply(
    tmp_path: Path, samples: Path
) -> None:
    assert pages_of(samples / "cp-reduction-v8.pdf") == 3
    assert pages_of(samples / "workforce-plan-q2.pdf") == 2
    assert pages_of(samples / "cp-reduction-v8.txt") is None
    docx = tmp_path / "a.docx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("docProps/app.xml", "<Properties><Pages>12</Pages></Properties>")
    assert pages_of(docx) == 12
    (tmp_path / "b.docx").write_bytes(b"PK\x03\x04 broken")
    assert pages_of(tmp_path / "b.docx") is None
    assert weight(tmp_path / "b.docx") == 1


def test_the_progress_counts_pages_not_files(tmp_path: Path, samples: Path) -> None:
    shutil.copy(samples / "cp-reduction-v8.pdf", tmp_path / "v8.pdf")
    shutil.copy(samples / "cp-reduction-v8.txt", tmp_path / "v8.txt")
    seen: list[tuple[int, int, int]] = []
    with open_store(tmp_path / "x.db") as store:
        list(
            store.import_paths(
                [tmp_path / "v8.pdf", tmp_path / "v8.txt"],
                workers=0,
                progress=lambda p: seen.append((p.done, p.pages_done, p.pages)),
            )
        )
    assert seen[0] == (0, 0, 4) and seen[-1] == (2, 4, 4)
    assert sorted(s[1] for s in seen[1:]) in ([1, 4], [3, 4])
    # The log lines (stderr is no terminal here) say pages beside files; the PDF is skipped.
    result = CliRunner().invoke(
        cli, ["import", str(tmp_path), "--db", str(tmp_path / "x.db"), "--workers", "0"]
    )
    assert "importing 2 file(s), 4 page(s)" in result.stderr
    assert "[2/2] 4/4 pages; imported 0, skipped 2, failed 0" in result.stderr
