"""Uploaded files in a private temporary folder, under names of our own, gone afterwards.

A client's file name is only a label: it names the document in messages and in the
store, and its extension, when it is one actionplan knows, is kept as the hint the
readers take from it. The bytes go to `upload-N.ext` in a folder only this user can read
(mkdtemp), deleted when the request (or the import job) is done. A zip of a folder is
opened with the readers' own guarded zip reading (extract/zipparts.py: declared sizes
and ratios checked first, every member inflated in bounded chunks); a member whose name
points outside the folder is refused, and so is an archive inflating past its budget.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from actionplan.errors import ActionplanError, UnsafeDocument
from actionplan.extract.formats import ZIP_MAGIC, is_candidate
from actionplan.extract.zipparts import ZipParts, open_zip
from actionplan.rules import format_for_extension

# A folder's zip may hold this many members, inflating to at most this many times the
# upload limit in all.
MAX_MEMBERS = 10_000
ZIP_RATIO_OF_LIMIT = 4
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def display_name(client_name: str | None, fallback: str = "upload") -> str:
    """Return the label of an uploaded file: the last part of its name, printable."""
    name = (client_name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = _CONTROL.sub("", unicodedata.normalize("NFC", name)).strip()
    return name[:200] or fallback


@dataclass(frozen=True)
class Upload:
    """One document saved for reading: where it is, and the name it is shown by."""

    path: Path
    name: str


class UploadFolder:
    """A private temporary folder for one request's uploads, removed by `close`."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="actionplan-web-"))
        self._count = 0

    def _next_path(self, name: str) -> Path:
        self._count += 1
        suffix = PurePosixPath(name).suffix.lower()
        hint = suffix if suffix and format_for_extension(suffix) is not None else ""
        return self.root / f"upload-{self._count}{hint}"

    def new(self, name: str) -> Upload:
        """Return a fresh path of our own for the upload `name` (not yet written)."""
        return Upload(self._next_path(name), name)

    def save(self, name: str, data: bytes) -> Upload:
        """Write one upload's bytes under a name of our own."""
        upload = self.new(name)
        with upload.path.open("xb") as fh:
            fh.write(data)
        return upload

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> UploadFolder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def is_folder_zip(path: Path) -> bool:
    """Whether the file is a zip archive of documents rather than a Word package.

    Only the archive's directory is read; nothing is inflated.
    """
    with path.open("rb") as fh:
        head = fh.read(4)
    if not head.startswith(ZIP_MAGIC):
        return False
    try:
        with open_zip(path) as zf:
            return "[Content_Types].xml" not in zf.namelist()
    except ActionplanError:
        return False  # damaged: the reader says so, as for any document


def _unsafe_member(name: str) -> bool:
    if "\x00" in name or name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return True
    return ".." in re.split(r"[\\/]", name)


def expand_zip(upload: Upload, folder: UploadFolder, limit: int) -> list[Upload]:
    """Save each document of a folder's zip as an upload of its own (named `zip/member`).

    Refuses (UnsafeDocument) an archive with a member outside the folder, with too many
    members, or inflating past `ZIP_RATIO_OF_LIMIT` times `limit` in all.
    """
    parts = ZipParts(upload.path, part_limit=limit, total_limit=ZIP_RATIO_OF_LIMIT * limit)
    try:
        infos = parts.zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise UnsafeDocument(
                upload.name, f"refused: {len(infos)} members, over {MAX_MEMBERS} (a zip bomb?)"
            )
        bad = [i.filename for i in infos if _unsafe_member(i.filename)]
        if bad:
            raise UnsafeDocument(
                upload.name, f"refused: the member {bad[0]!r} points outside the folder"
            )
        saved = []
        for info in infos:
            member = PurePosixPath(info.filename.replace("\\", "/"))
            if info.is_dir() or not is_candidate(Path(member.name)):
                continue
            if any(p.startswith(".") or p == "__MACOSX" for p in member.parts[:-1]):
                continue
            try:
                data = parts.read(info.filename)
            except ActionplanError as exc:
                raise UnsafeDocument(upload.name, exc.message) from exc
            saved.append(folder.save(f"{upload.name}/{member}", data))
        return saved
    finally:
        parts.close()


@contextlib.contextmanager
def upload_folder() -> Iterator[UploadFolder]:
    """A private upload folder, removed when the block ends."""
    folder = UploadFolder()
    try:
        yield folder
    finally:
        folder.close()
