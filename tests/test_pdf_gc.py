"""Reading a PDF turns Python's automatic garbage collection off for its page loop
(extract/pdf/document.py) and leaves it as it found it: on after a reading, off if it
was off, and on again only when the last of several readings in threads is done."""

from __future__ import annotations

import ctypes
import gc
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pytest
from pdfminer.pdfpage import PDFPage

from actionplan.extract.pdf import document, read_pdf
from tests.conftest import SAMPLES

V8 = SAMPLES / "cp-reduction-v8.pdf"


@pytest.fixture
def collector() -> Iterator[None]:
    was = gc.isenabled()
    yield
    gc.enable() if was else gc.disable()


def test_collection_is_off_while_pages_are_read_and_on_after(
    collector: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    gc.enable()
    seen: list[bool] = []
    gather = document.gather

    def watched(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return gather(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(document, "gather", watched)
    raw = read_pdf(V8)
    assert raw.pages == 3 and seen == [False, False, False]
    assert gc.isenabled()


def test_collection_left_off_stays_off(collector: None) -> None:
    gc.disable()
    read_pdf(V8)
    assert not gc.isenabled()


def test_collection_is_on_again_when_the_last_of_two_threads_is_done(collector: None) -> None:
    gc.enable()
    inside = threading.Barrier(2)
    release = threading.Event()
    states: dict[str, bool] = {}
    switch = document._collect_per_page

    def hold() -> None:
        with switch():
            inside.wait(timeout=10)
            release.wait(timeout=10)

    held = threading.Thread(target=hold)
    held.start()
    with switch():
        inside.wait(timeout=10)
        states["both in"] = gc.isenabled()
    states["one still in"] = gc.isenabled()
    release.set()
    held.join(timeout=10)
    states["both out"] = gc.isenabled()
    assert states == {"both in": False, "one still in": False, "both out": True}


def _left_for_the_collector(kind: object) -> object:
    """What a pdfplumber reading could leave in cycles: its characters, its pages
    (pdfplumber's, and pdfminer's with their content streams) and ctypes types."""
    if isinstance(kind, dict) and kind.get("object_type") == "char":
        return "character"
    if isinstance(kind, pdfplumber.page.Page | PDFPage):
        return type(kind).__name__
    if isinstance(kind, type) and issubclass(kind, ctypes.Array):
        return "ctypes array type"
    return None


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize(
    "path",
    [V8, SAMPLES / "zoo" / "docs" / "zoo-45-boxed-actions.pdf"],
    ids=["shaded cells (a filtered page)", "rules across only (a cropped page)"],
)
def test_a_reading_leaves_nothing_of_its_pages_for_the_collector_to_free(
    collector: None, path: Path, engine: str
) -> None:
    # A pdfplumber page holds itself twice (the cache of its text map, and a root
    # page as its own `root_page`), and a ctypes array type of a new length is a
    # cycle: each left for a full collection, with every character a page holds.
    read_pdf(path, pdf_engine=engine)  # the types made once are made
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        raw = read_pdf(path, pdf_engine=engine)
        gc.collect()
        left = Counter(filter(None, map(_left_for_the_collector, gc.garbage)))
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert raw.tables and left == {}
