"""PDFium and pdfplumber, the two engines of the PDF reader, give the same records.

pdfplumber (pdfminer) is the reference; PDFium is the default because it is many times
faster. Both fill pdfplumber's object dictionaries and the same code reads tables
and paragraphs from them, so any difference comes from the objects: these tests
compare the records of every sample and zoo PDF, and the objects themselves.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from actionplan.errors import ActionplanError
from actionplan.extract.pdf import guard
from actionplan.extract.pdf.fills import hex_colour
from actionplan.extract.pdf.source import ENGINES, engine, engine_name
from actionplan.pipeline import ReadOptions, read_file

ROOT = Path(__file__).resolve().parents[1]
PDFS = sorted((ROOT / "samples").glob("*.pdf")) + sorted((ROOT / "samples" / "zoo").rglob("*.pdf"))
V8 = ROOT / "samples" / "cp-reduction-v8.pdf"
# pdfminer's box of a ligature ("ff") is its advance; PDFium's reaches over its ink.
BOX_TOLERANCE = 0.25


def _records(path: Path, pdf_engine: str) -> dict[str, Any]:
    """Return the contract JSON of the file read with the engine, or the error it raises."""
    try:
        data = read_file(path, ReadOptions(pdf_engine=pdf_engine)).to_dict()
    except ActionplanError as exc:
        return {"error": type(exc).__name__, "message": exc.message}
    data["document"]["source"] = path.name
    return json.loads(json.dumps(data))


def _objects(path: Path, pdf_engine: str) -> list[dict[str, list[dict[str, Any]]]]:
    source = engine(pdf_engine)
    pages = []
    with guard.reading(path) as bounds, source.open(path, None, None, None) as document:
        for page in document.pages:
            with guard.page(bounds, page.page_number):
                source.load(document, page, bounds)
            pages.append(page.objects)
    return pages


def _key(obj: dict[str, Any]) -> tuple[float, float, float]:
    return (round(obj["top"], 1), round(obj["x0"], 1), round(obj["x1"], 1))


def _assert_same_objects(path: Path) -> None:
    reference, pdfium = _objects(path, "pdfplumber"), _objects(path, "pdfium")
    assert len(reference) == len(pdfium)
    for number, (want, got) in enumerate(zip(reference, pdfium, strict=True), 1):
        for kind in ("char", "rect", "line", "curve"):
            a = sorted(want.get(kind, []), key=_key)
            b = sorted(got.get(kind, []), key=_key)
            assert len(a) == len(b), f"page {number}: {len(a)} {kind}s against {len(b)}"
            for x, y in zip(a, b, strict=True):
                where = f"page {number} {kind} at {_key(x)}"
                for edge in ("x0", "x1", "top", "bottom"):
                    assert abs(x[edge] - y[edge]) <= BOX_TOLERANCE, f"{where}: {edge}"
                if kind == "char":
                    assert x["text"] == y["text"], where
                    assert x["upright"] == y["upright"], where
                else:
                    assert (x["fill"], x["stroke"]) == (y["fill"], y["stroke"]), where
                    if x["fill"]:
                        want_fill = hex_colour(x["non_stroking_color"])
                        assert want_fill == hex_colour(y["non_stroking_color"]), where


def test_the_v8_sample_gives_pdfplumbers_objects_through_pdfium() -> None:
    _assert_same_objects(V8)


@pytest.mark.slow
@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_both_engines_give_the_same_objects(path: Path) -> None:
    _assert_same_objects(path)


@pytest.mark.slow
@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_both_engines_give_the_same_records(path: Path) -> None:
    reference = _records(path, "pdfplumber")
    assert reference.get("error") != "CorruptDocument", reference
    assert _records(path, "pdfium") == reference


def test_the_samples_and_the_zoo_hold_pdfs_to_compare() -> None:
    assert len(PDFS) >= 25


def test_the_default_engine_is_pdfium_and_the_variable_names_another(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ACTIONPLAN_PDF_ENGINE", raising=False)
    assert engine_name() == "pdfium"
    monkeypatch.setenv("ACTIONPLAN_PDF_ENGINE", "pdfplumber")
    assert engine_name() == "pdfplumber"
    assert engine_name("pdfium") == "pdfium"
    assert set(ENGINES) == {"pdfium", "pdfplumber"}


def test_an_unknown_engine_is_refused_by_name() -> None:
    with pytest.raises(
        ValueError, match="unknown PDF engine 'mupdf': use one of pdfium, pdfplumber"
    ):
        engine_name("mupdf")


def test_the_cli_reads_with_the_engine_it_is_given_and_puts_the_default_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from click.testing import CliRunner

    from actionplan.cli import cli

    monkeypatch.delenv("ACTIONPLAN_PDF_ENGINE", raising=False)
    pdf = ROOT / "samples" / "zoo" / "docs" / "zoo-44-minutes-action-lines.pdf"
    runs = {
        name: CliRunner().invoke(cli, ["extract", str(pdf), "--pdf-engine", name])
        for name in ENGINES
    }
    assert all(run.exit_code == 0 for run in runs.values()), runs
    assert runs["pdfium"].stdout == runs["pdfplumber"].stdout
    assert json.loads(runs["pdfium"].stdout)["actions"]
    assert engine_name() == "pdfium"
