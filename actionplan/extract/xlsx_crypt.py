"""Open a workbook or Word document saved with a password to open: decrypt its package
with msoffcrypto-tool.

Excel (and Word, the same way) encrypts the whole .xlsx (.docx) package and stores it
in a compound file (CFB, the OLE2 container) as two streams: EncryptionInfo (the
algorithm, salts, the verifier of the password) and EncryptedPackage (the zip,
encrypted). Excel and Word 2010 on write ECMA-376 agile encryption (AES with SHA-512
and 100,000 hash rounds), 2007 standard encryption; msoffcrypto-tool reads both. What
comes out is an ordinary package, read as any other, within the same limits: the
decrypted bytes are no larger than the stream that held them (itself within the file's
size limit), and each of their parts is inflated within the zip budget, so an encrypted
zip bomb is refused as an unencrypted one is.
"""

from __future__ import annotations

import contextlib
import io
import struct
import zipfile
from pathlib import Path
from xml.parsers.expat import ExpatError

from actionplan.errors import CorruptDocument, EncryptedDocument
from actionplan.extract.zipparts import DAMAGE as ZIP_DAMAGE

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
EXTRA = "actionplan[xlsx-password]"


def is_encrypted_package(data: bytes) -> bool:
    """Say whether a workbook's bytes are a compound file (an encrypted package), not a zip."""
    return data.startswith(OLE2_MAGIC)


def read_package(
    path: Path, data: bytes | None, password: str | None, kind: str = "workbook"
) -> bytes | None:
    """Return a package's bytes: `data` (None: the file is read by its reader) or, for a
    file saved with a password to open, the package it holds, decrypted with `password`."""
    if data is None:
        with path.open("rb") as fh:
            if not is_encrypted_package(fh.read(8)):
                return None
        data = path.read_bytes()
    return decrypt_package(path, data, password, kind) if is_encrypted_package(data) else data


def holds_workbook(package: bytes) -> bool:
    """Say whether a package is an Excel workbook's (False for a damaged one: its reader
    reports the damage)."""
    with contextlib.suppress(*ZIP_DAMAGE), zipfile.ZipFile(io.BytesIO(package)) as zf:
        return any(n.startswith("xl/") for n in zf.namelist())
    return False


def decrypt_package(path: Path, data: bytes, password: str | None, kind: str = "workbook") -> bytes:
    """Return the zip package a password-protected workbook (or other `kind` of Office
    document) holds, decrypted with `password`; raise EncryptedDocument without one, or
    with the wrong one."""
    if not password:
        raise EncryptedDocument(
            path,
            f"the {kind} is password-protected; pass --password (or save a copy without "
            "a password and read that)",
        )
    try:
        from msoffcrypto import exceptions
        from msoffcrypto.format.ooxml import OOXMLFile
    except ImportError as exc:
        raise EncryptedDocument(
            path,
            f"the {kind} is password-protected; reading it needs msoffcrypto-tool "
            f"(pip install '{EXTRA}'), or save a copy without a password and read that",
        ) from exc
    # What a damaged compound file or EncryptionInfo stream makes olefile or the parser raise.
    damage: tuple[type[Exception], ...] = (exceptions.FileFormatError, exceptions.ParseError)
    damage += (OSError, ValueError, struct.error, IndexError, KeyError, AttributeError, TypeError)
    damage += (ExpatError,)  # EncryptionInfo's XML, parsed by minidom
    try:
        office = OOXMLFile(io.BytesIO(data))
    except exceptions.DecryptionError as exc:  # an encryption msoffcrypto does not know
        raise EncryptedDocument(
            path, f"the {kind} is encrypted in a way actionplan cannot read ({exc})"
        ) from exc
    except damage as exc:
        raise CorruptDocument(
            path, f"not a valid encrypted {kind} (its encryption header is damaged: {exc})"
        ) from exc
    try:
        office.load_key(password=password, verify_password=True)
    except exceptions.InvalidKeyError as exc:
        raise EncryptedDocument(path, f"the {kind} is encrypted and the password is wrong") from exc
    except (exceptions.DecryptionError, *damage) as exc:
        raise CorruptDocument(
            path, f"not a valid encrypted {kind} (its key cannot be made: {exc})"
        ) from exc
    out = io.BytesIO()
    try:
        # The password is verified already: a failure now is damage, not a wrong password.
        office.decrypt(out, verify_integrity=getattr(office, "type", "") == "agile")
    except (exceptions.DecryptionError, *damage) as exc:
        raise CorruptDocument(
            path,
            f"the {kind}'s password is right but its encrypted contents are damaged ({exc})",
        ) from exc
    package = out.getvalue()
    if not zipfile.is_zipfile(io.BytesIO(package)):
        raise CorruptDocument(
            path, f"the {kind}'s password is right but it decrypts to no package (damaged)"
        )
    return package
