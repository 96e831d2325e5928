"""Legacy .doc through LibreOffice: a missing Writer is named, never taken for a damaged file."""

from __future__ import annotations

from pathlib import Path

import pytest

import actionplan

# The first bytes of an OLE2 compound file, as every Word 97–2003 .doc starts.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def fake_doc(tmp_path: Path) -> Path:
    path = tmp_path / "old.doc"
    path.write_bytes(OLE_MAGIC + b"\0" * 1024)
    return path


def test_soffice_without_writer_names_the_missing_component(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Debian's soffice without libreoffice-writer: it runs, exits 1 and writes nothing.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "soffice"
    fake.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    with pytest.raises(actionplan.ConversionUnavailable) as caught:
        actionplan.read(fake_doc(tmp_path))
    message = str(caught.value)
    assert "needs LibreOffice Writer to convert .doc; install libreoffice-writer" in message
    assert "damaged" not in message


def test_no_libreoffice_at_all_names_writer_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    with pytest.raises(actionplan.ConversionUnavailable, match="needs LibreOffice Writer"):
        actionplan.read(fake_doc(tmp_path))


@pytest.mark.office
@pytest.mark.slow
def test_a_damaged_doc_with_writer_installed_is_corrupt(tmp_path: Path, writer: str) -> None:
    with pytest.raises(actionplan.CorruptDocument, match="could not convert it"):
        actionplan.read(fake_doc(tmp_path))
