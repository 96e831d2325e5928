"""The PDFium engine's structure pass tells an image from a form by its bytes only when sure.

`structure.plainly_image` lets the guard skip pdfminer's parse of an image's dictionary;
a form taken for an image would be drawn by PDFium unguarded, so every doubt must fall
back to the parse (False), and on real files it must never say True of a form.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFStream, resolve1

from actionplan.extract.pdf import read_pdf
from actionplan.extract.pdf.structure import plainly_image
from tests.conftest import shared_path
from tests.hostile.make_hostile_pdf import HELVETICA, TEXT, one_page, stream

ROOT = Path(__file__).resolve().parents[1]
IMAGE = b"/Type/XObject/Subtype/Image/Width 1/Height 1/ColorSpace/DeviceGray/BitsPerComponent 8"
FORM = b"/Type/XObject/Subtype/Form/BBox[0 0 612 792]/Resources<</Font<</F1 5 0 R>>>>"


def _drawing(attrs: bytes, body: bytes = b"\x80") -> bytes:
    """A one-page PDF that draws XObject /X (object 6, of these attributes) and some text."""
    return one_page(
        stream(b"q 10 0 0 10 72 600 cm /X Do Q " + TEXT),
        b"<</Font<</F1 5 0 R>>/XObject<</X 6 0 R>>>>",
        HELVETICA,
        stream(body, attrs),
    )


def _xobject(attrs: bytes, body: bytes = b"\x80") -> tuple[Any, Any]:
    """Return the XObject /X of `_drawing(attrs, body)` unresolved, and its document."""
    doc = PDFDocument(PDFParser(io.BytesIO(_drawing(attrs, body))))
    page = next(PDFPage.create_pages(doc))
    return resolve1(page.resources["XObject"])["X"], doc


def test_an_image_is_told_from_its_bytes_and_a_form_is_not() -> None:
    image, _ = _xobject(IMAGE)
    form, _ = _xobject(FORM, TEXT)
    assert plainly_image(image) is True
    assert plainly_image(form) is False


@pytest.mark.parametrize(
    "attrs",
    [
        # A string could hold anything, "/Subtype/Form" included.
        IMAGE + b"/Name(Im1)",
        # Escaped names: /Sub#74ype/F#6Frm is /Subtype/Form to pdfminer.
        b"/Type/XObject/Sub#74ype/F#6Frm/Subtype/Image/Width 1/Height 1",
        # A comment could hide a key.
        IMAGE + b"%note\n",
        # Two Subtypes, one nested: the parse decides which is the dictionary's.
        IMAGE + b"/OC<</Type/OCMD/Subtype/Group>>",
        # A form that names an image inside.
        b"/Type/XObject/Subtype/Form/BBox[0 0 1 1]/Group<</Subtype/Image>>",
        # The Subtype by reference.
        b"/Type/XObject/Subtype 5 0 R/Width 1/Height 1",
    ],
    ids=["string", "escaped-name", "comment", "two-subtypes", "form-naming-image", "reference"],
)
def test_any_doubt_is_left_to_pdfminers_parse(attrs: bytes) -> None:
    ref, _ = _xobject(attrs)
    assert plainly_image(ref) is False


def test_an_object_already_parsed_is_left_to_the_look_up() -> None:
    ref, _ = _xobject(IMAGE)
    resolve1(ref)
    assert plainly_image(ref) is False


def test_a_cross_reference_pointing_elsewhere_is_left_to_the_parse() -> None:
    ref, doc = _xobject(IMAGE)
    # Object 6's entry now gives object 5's offset: the header there says "5 0 obj".
    xref = doc.xrefs[0]
    xref.offsets[6] = xref.offsets[5]
    assert plainly_image(ref) is False


def test_an_object_in_two_cross_reference_sections_is_left_to_the_parse() -> None:
    ref, doc = _xobject(IMAGE)
    # An update section listing object 6 again (pdfminer would fall back to it).
    doc.xrefs.append(doc.xrefs[0])
    assert plainly_image(ref) is False


def test_an_image_is_still_drawn_and_read_with_the_fast_path(pdf_engine: str) -> None:
    doc = read_pdf(Path("image.pdf"), data=_drawing(IMAGE))
    assert doc.header_lines + doc.body_lines == ["Action plan review"]
    assert doc.damaged_pages == [] and doc.damage == [] and doc.warnings == []


CORPUS = sorted((ROOT / "samples").rglob("*.pdf")) + sorted(
    shared_path("realworld", skip=False).rglob("*.pdf")
)


@pytest.mark.slow
def test_on_every_corpus_pdf_nothing_but_an_image_is_taken_for_one() -> None:
    told = parsed = 0
    for path in CORPUS:
        try:
            doc = PDFDocument(PDFParser(io.BytesIO(path.read_bytes())))
            pages = list(PDFPage.create_pages(doc))
        except Exception:  # unopenable files are other tests' business
            continue
        for page in pages:
            xobjects = resolve1(page.resources.get("XObject")) if page.resources else None
            for name, ref in (xobjects or {}).items():
                fast = plainly_image(ref)
                obj = resolve1(ref)
                subtype = obj.get("Subtype") if isinstance(obj, PDFStream) else None
                if fast:
                    told += 1
                    assert getattr(subtype, "name", None) == "Image", f"{path.name} {name}"
                parsed += 1
    # Not vacuous: the corpus has hundreds of images (a report's logo on every page).
    assert told >= 400, (told, parsed)
