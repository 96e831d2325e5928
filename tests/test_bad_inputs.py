"""Every kind of bad input gives exit 1 and one line naming the file and the problem."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from actionplan.cli import cli
from tests.conftest import shared_path
from tests.docx_builder import row, table, write_docx


def _copy_realworld(rel: str) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        src = shared_path("realworld", rel)
        return Path(shutil.copy(src, tmp / Path(rel).name))

    return make


def _bytes(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data)
        return path

    return make


def _truncated_docx(tmp: Path) -> Path:
    data = (Path(__file__).resolve().parents[1] / "samples" / "cp-reduction-v8.docx").read_bytes()
    path = tmp / "truncated.docx"
    path.write_bytes(data[:3000])
    return path


def _unrelated_columns(tmp: Path) -> Path:
    body = table(row("Name", "Age", "Department"), row("Ann", "34", "Finance"))
    return write_docx(tmp / "staff-list.docx", body)


def _renamed_prose_pdf(tmp: Path) -> Path:
    src = shared_path("realworld", "pdfplumber", "2023-06-20-PV.pdf")
    return Path(shutil.copy(src, tmp / "minutes.docx"))


def _zip_bomb(tmp: Path) -> Path:
    path = write_docx(tmp / "bomb.docx", table(row("1", "A")))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/media/bomb.bin", b"\0" * (64 * 1024 * 1024))
    return path


def _encrypted_docx(tmp: Path) -> Path:
    # What Word writes for a password-protected .docx: an OLE2 file with an EncryptedPackage.
    path = tmp / "locked.docx"
    body = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512
    path.write_bytes(body + "EncryptedPackage".encode("utf-16-le") + b"\0" * 512)
    return path


def _strict_without_plan(tmp: Path) -> Path:
    return _copy_realworld("docx2python/strict.docx")(tmp)


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "empty file": (_bytes("empty.docx", b""), "empty"),
    "truncated docx": (_truncated_docx, "damaged or truncated"),
    "corrupt zip": (_bytes("corrupt.docx", b"PK\x03\x04" + b"\x00garbage" * 50), "damaged"),
    "not a document": (_bytes("photo.pdf", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8), "format"),
    "encrypted pdf": (_copy_realworld("pdfplumber/password-example.pdf"), "encrypted"),
    "scanned pdf": (_copy_realworld("pdfplumber/issue-203-decimalize.pdf"), "no text layer"),
    "no table": (
        _copy_realworld("docx2python/test-docx2python-conversion-google_docs.docx"),
        "no action table",
    ),
    "unrelated columns": (_unrelated_columns, "no action table"),
    "pdf renamed docx without a plan": (_renamed_prose_pdf, "no action table"),
    "zip bomb": (_zip_bomb, "zip bomb"),
    "encrypted docx": (_encrypted_docx, "password-protected"),
    "strict ooxml without a plan": (_strict_without_plan, "no action table"),
    "a folder": (lambda tmp: tmp, "folder"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_gives_one_line_and_exit_1(case: str, tmp_path: Path) -> None:
    make, problem = CASES[case]
    path = make(tmp_path)
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 1, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {path}: ")
    assert problem in lines[0].lower()
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_missing_file_is_named(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "nope.docx")])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {tmp_path / 'nope.docx'}: no such file"


def test_batch_goes_on_past_bad_files_and_reports_them_at_the_end(
    tmp_path: Path, samples: Path
) -> None:
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"")
    out = tmp_path / "out.json"
    good = samples / "cp-reduction-v8.txt"
    result = CliRunner().invoke(cli, ["extract", str(bad), str(good), "-o", str(out)])
    assert result.exit_code == 1
    assert "1 of 2 files failed" in result.stderr
    assert out.exists() and '"ref": "19"' in out.read_text()


@pytest.mark.slow
def test_pdf_renamed_docx_is_read_as_pdf_with_a_warning(tmp_path: Path, samples: Path) -> None:
    path = Path(shutil.copy(samples / "cp-reduction-v8.pdf", tmp_path / "CP Plan V8.docx"))
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 0
    assert "is named .docx but is pdf" in result.stderr


@pytest.mark.slow
def test_encrypted_pdf_opens_with_password(tmp_path: Path) -> None:
    path = _copy_realworld("pdfplumber/password-example.pdf")(tmp_path)
    result = CliRunner().invoke(cli, ["extract", str(path), "--password", "test"])
    assert "is encrypted" not in result.stderr
    assert result.exit_code == 1 and "no action table" in result.stderr
    wrong = CliRunner().invoke(cli, ["extract", str(path), "--password", "nope"])
    assert wrong.exit_code == 1 and "wrong" in wrong.stderr


@pytest.mark.slow
def test_every_bad_input_in_one_batch_is_listed_and_the_good_one_still_written(
    tmp_path: Path, samples: Path
) -> None:
    bad = []
    for i, name in enumerate(sorted(CASES)):
        folder = tmp_path / f"case{i}"
        folder.mkdir()
        try:
            bad.append(CASES[name][0](folder))
        except pytest.skip.Exception:
            continue
    out = tmp_path / "out.json"
    good = str(samples / "cp-reduction-v8.docx")
    result = CliRunner().invoke(cli, ["extract", *map(str, bad), good, "-o", str(out)])
    assert result.exit_code == 1
    assert f"{len(bad)} of {len(bad) + 1} files failed" in result.stderr
    assert "Traceback" not in result.stderr
    assert '"version": "V8"' in out.read_text("utf-8")
