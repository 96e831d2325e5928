"""LZW and RunLength streams are bounded as Flate ones are: a small stream that stands for
gigabytes is refused, a broken one is damage on its page, and a sound one reads as before."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pdfminer.lzw import lzwdecode
from pdfminer.runlength import rldecode

from actionplan.errors import UnsafeDocument
from actionplan.extract.pdf import filters, guard
from tests.test_pdf_damage import HELVETICA, _assert_refused, _one_page

pytestmark = pytest.mark.usefixtures("pdf_engine")
FONT = b"<</Font<</F1 5 0 R>>>>"


def _codes() -> tuple[list[tuple[int, int]], Callable[[int], None]]:
    """A list of (code, width) and the function that appends a code at the width the
    decoder will read it with (early change)."""
    bits: list[tuple[int, int]] = []
    decoded_len, first, width = 258, True, 9

    def emit(code: int) -> None:
        nonlocal decoded_len, first, width
        bits.append((code, width))
        if code == 256:
            decoded_len, first, width = 258, True, 9
            return
        if first:
            first = False
            return
        decoded_len += 1  # the decoder adds one entry for each code after the first
        width = {511: 10, 1023: 11, 2047: 12}.get(decoded_len, width)

    return bits, emit


def _packed(bits: list[tuple[int, int]]) -> bytes:
    value = length = 0
    for code, w in bits:
        value, length = (value << w) | code, length + w
    pad = -length % 8
    return (value << pad).to_bytes((length + pad) // 8, "big")


def lzw(data: bytes) -> bytes:
    """Encode as PDF's LZWDecode expects: clear, codes of 9 to 12 bits, EOD."""
    bits, emit = _codes()
    table = {bytes([i]): i for i in range(256)}
    emit(256)
    word = b""
    for byte in data:
        candidate = word + bytes([byte])
        if candidate in table:
            word = candidate
            continue
        emit(table[word])
        table[candidate] = len(table) + 2
        word = bytes([byte])
        if len(table) + 2 >= 4000:  # start a new table before codes outgrow 12 bits
            emit(256)
            table = {bytes([i]): i for i in range(256)}
    if word:
        emit(table[word])
    emit(257)
    return _packed(bits)


def lzw_run(byte: int, size: int) -> bytes:
    """LZW for `size` copies of one byte, written directly: each code names the entry just
    made, one byte longer than the last (the byte, then codes 258, 259, ...)."""
    bits, emit = _codes()
    done = 0
    while done < size:
        emit(256)
        emit(byte)
        done += 1
        for n, code in enumerate(range(258, 4000), 2):
            emit(code)
            done += n
    emit(257)
    return _packed(bits)


def runlength(data: bytes) -> bytes:
    """Encode as RunLengthDecode: literal runs of up to 128 bytes, then EOD."""
    out = bytearray()
    for i in range(0, len(data), 128):
        piece = data[i : i + 128]
        out += bytes([len(piece) - 1]) + piece
    return bytes(out + b"\x80")


def _stream(data: bytes, name: bytes) -> bytes:
    return b"<</Filter/%s/Length %d>>\nstream\n" % (name, len(data)) + data + b"\nendstream"


TEXT = b"BT /F1 12 Tf 72 720 Td (Action plan: review of the actions) Tj ET"


def test_the_encoders_here_are_what_pdfminer_decodes() -> None:
    sample = TEXT * 40 + bytes(range(256)) * 3
    assert lzwdecode(lzw(sample)) == sample
    run = lzwdecode(lzw_run(ord("x"), 10_000_000))
    assert set(run) == {ord("x")} and len(run) >= 10_000_000
    assert rldecode(runlength(sample)) == sample


def test_sound_streams_decode_within_the_limits_as_pdfminer_does() -> None:
    sample = TEXT * 200
    g = guard.Guard(Path("x.pdf"))
    assert filters.bounded_lzw(lzw(sample), g) == sample
    assert filters.bounded_runlength(runlength(sample), g) == sample
    repeat = b"\xfd-"  # 257 - 253 = 4 copies of "-"
    assert filters.bounded_runlength(repeat + b"\x80", g) == rldecode(repeat + b"\x80") == b"----"
    assert not g.damaged and not g.damaged_elsewhere
    assert g.inflated == 2 * len(sample) + 4


def test_a_broken_stream_keeps_what_decoded_and_is_damage_on_its_page() -> None:
    g = guard.Guard(Path("x.pdf"))
    g.page = 3
    encoded = lzw(TEXT * 20)
    assert filters.bounded_lzw(encoded[:1] + b"\xff\xff\xff" + encoded[4:], g) is not None
    assert g.damaged == {3}
    g.page = 4
    assert filters.bounded_runlength(runlength(TEXT)[:-20], g) == TEXT[: len(TEXT) - 19]
    assert g.damaged == {3, 4}


@pytest.mark.parametrize("encode", [lzw, runlength], ids=["lzw", "runlength"])
def test_a_stream_that_stands_for_more_than_the_limit_is_refused_before_it_is_built(
    encode: object,
) -> None:
    g = guard.Guard(Path("bomb.pdf"))
    g.page = 1
    if encode is lzw:
        data = lzw_run(ord(" "), guard.STREAM_LIMIT + 1024)
        decode = filters.bounded_lzw
    else:  # a repeat run: two bytes for 128
        data = b"\x81 " * (guard.STREAM_LIMIT // 128 + 16) + b"\x80"
        decode = filters.bounded_runlength
    assert len(data) < guard.STREAM_LIMIT // 60  # small on disk
    with pytest.raises(UnsafeDocument, match="a compressed stream inflates past 64 MiB"):
        decode(data, g)


@pytest.mark.slow
@pytest.mark.parametrize("name", [b"LZWDecode", b"RunLengthDecode"])
def test_a_pdf_with_such_a_stream_is_refused_in_one_line(tmp_path: Path, name: bytes) -> None:
    size = guard.STREAM_LIMIT + 1024
    data = lzw_run(ord(" "), size) if name == b"LZWDecode" else b"\x81 " * (size // 128 + 1)
    path = tmp_path / "bomb.pdf"
    path.write_bytes(_one_page(_stream(data, name), FONT, HELVETICA))
    _assert_refused(path, "page 1: a compressed stream inflates past 64 MiB")
