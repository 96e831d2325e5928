"""The PDF reader: ruled tables, cell paragraphs and fills, and a typed error for every bad file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from actionplan.errors import (
    ActionplanError,
    CorruptDocument,
    EncryptedDocument,
    NoTextLayer,
)
from actionplan.extract.base import RawCell, RawDocument, RawTable
from actionplan.extract.pdf import read_pdf
from actionplan.extract.pdf.fills import hex_colour
from tests import components
from tests.conftest import shared_path

# Each test reads PDFs (about half a second each): the quick run leaves them out.
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("pdf_engine")]

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
REALWORLD = shared_path("realworld", skip=False)

ENCRYPTED = {"pdfplumber/password-example.pdf": "test", "camelot/health_protected.pdf": "userpass"}
SCANNED = ["pdfplumber/issue-203-decimalize.pdf", "camelot/image.pdf"]
CORRUPT = ["pdfplumber/empty.pdf", "pdfplumber/issue-297-example.pdf"]
# chelsea_pdta.pdf (65 pages) has its own test below, read once, in two processes.
REALWORLD_PDFS = (
    sorted(
        str(p.relative_to(REALWORLD))
        for p in REALWORLD.rglob("*.pdf")
        if p.name != "chelsea_pdta.pdf"
    )
    if REALWORLD.is_dir()
    else []
)
V8 = "CP Reduction Action Plan Review- 14/06/2018 – V8"
LEGEND = {"Blue": "0070C0", "Green": "00B050", "Yellow": "FFFF00", "Red": "FF0000"}
DATE_START = re.compile(r"^\d{2}/\d{2}/\d{4}")


def realworld(rel: str) -> Path:
    return shared_path("realworld", rel)


def sample(name: str) -> Path:
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"samples/{name} has not been generated")
    return path


def fold(text: str) -> str:
    return " ".join(text.split())


def grid_texts(table: RawTable, *, fill_down: bool = False) -> list[list[str]]:
    """Return a table as rows of folded cell texts, one per grid column."""
    out: list[list[str]] = []
    for row in table.rows:
        texts: list[str] = []
        for cell in row.cells:
            if fill_down and cell.merged_above and out:
                texts.extend(out[-1][len(texts) : len(texts) + cell.span])
            else:
                texts.extend([fold(cell.text)] + [""] * (cell.span - 1))
        out.append(texts)
    return out


def action_rows(doc: RawDocument) -> dict[str, list[RawCell]]:
    """Return the V8 plan's rows by ref (a numbered first cell)."""
    return {
        r.cells[0].text: r.cells
        for t in doc.tables
        for r in t.rows
        if len(r.cells) == 6 and r.cells[0].text.isdigit()
    }


@pytest.mark.parametrize("rel", sorted(ENCRYPTED))
def test_encrypted_pdf_without_password_asks_for_one(rel: str) -> None:
    path = realworld(rel)
    with pytest.raises(EncryptedDocument) as err:
        read_pdf(path)
    assert str(err.value) == f"{path}: the PDF is encrypted; pass --password"


@pytest.mark.slow
@pytest.mark.parametrize("rel", sorted(ENCRYPTED))
def test_encrypted_pdf_opens_with_its_password(rel: str) -> None:
    doc = read_pdf(realworld(rel), password=ENCRYPTED[rel])
    assert doc.pages and doc.pages > 0
    assert doc.tables or doc.body_lines


def test_encrypted_pdf_with_wrong_password_says_so() -> None:
    with pytest.raises(EncryptedDocument, match="wrong"):
        read_pdf(realworld("camelot/health_protected.pdf"), password="not-it")


@pytest.mark.slow
def test_encrypted_pdf_with_empty_user_password_opens_without_one() -> None:
    doc = read_pdf(realworld("pdfplumber/pr-138-example.pdf"))
    assert doc.tables


@pytest.mark.parametrize("rel", CORRUPT)
def test_zero_byte_and_zero_page_pdfs_are_corrupt(rel: str) -> None:
    with pytest.raises(CorruptDocument, match="not a readable PDF"):
        read_pdf(realworld(rel))


@pytest.mark.parametrize("rel", SCANNED)
def test_scanned_pdf_asks_for_ocr(rel: str) -> None:
    with pytest.raises(NoTextLayer, match="ocrmypdf"):
        read_pdf(realworld(rel))


def test_blank_pdf_has_no_text_layer() -> None:
    with pytest.raises(NoTextLayer, match="blank"):
        read_pdf(realworld("camelot/empty.pdf"))


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "no %PDF header"),
        (b"%PDF-1.7\n" + b"garbage " * 200, "not a readable PDF"),
    ],
    ids=["empty", "png", "garbage-after-header"],
)
def test_files_that_are_not_pdfs_are_corrupt(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(data)
    with pytest.raises(CorruptDocument, match=re.escape(reason)) as err:
        read_pdf(path)
    assert str(err.value).startswith(f"{path}: ")
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9])
def test_truncated_pdf_reads_or_raises_a_typed_error(tmp_path: Path, cut: float) -> None:
    data = sample("cp-reduction-v8.pdf").read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: int(len(data) * cut)])
    try:
        doc = read_pdf(path)
    except ActionplanError:
        return
    assert isinstance(doc, RawDocument)


def test_missing_file_is_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(CorruptDocument, match="cannot be opened"):
        read_pdf(tmp_path / "nowhere.pdf")


@pytest.mark.slow
@pytest.mark.parametrize("rel", REALWORLD_PDFS or ["(shared/realworld missing)"])
def test_every_realworld_pdf_reads_or_raises_a_typed_error(rel: str) -> None:
    path = realworld(rel)
    try:
        doc = read_pdf(path)
    except ActionplanError as exc:
        assert str(exc).startswith(f"{path}: ") and "\n" not in str(exc)
        assert rel in ENCRYPTED or rel in SCANNED or rel in CORRUPT or rel == "camelot/empty.pdf"
        return
    assert doc.format == "pdf" and doc.pages and doc.pages > 0
    for i, table in enumerate(doc.tables):
        assert table.index == i and table.page is not None
        assert [r.index for r in table.rows] == list(range(len(table.rows)))
        widths = {sum(c.span for c in r.cells) for r in table.rows}
        assert len(widths) == 1, "every row covers the same grid columns"
        for row in table.rows:
            for cell in row.cells:
                assert cell.fill is None or re.fullmatch(r"[0-9A-F]{6}", cell.fill)
                assert "\n\n" not in cell.text and cell.text == cell.text.strip()


@pytest.mark.parametrize(
    "rel",
    ["camelot/twotables_2.pdf", "camelot/column_span_2.pdf", "camelot/clockwise_table_1.pdf"],
)
def test_ruled_tables_match_camelots_expected_cells(rel: str) -> None:
    doc = read_pdf(realworld(rel))
    expected = json.loads(realworld(rel + ".expected.json").read_text("utf-8"))
    ours = [grid_texts(t) for t in doc.tables]
    # A line ending "Preva-" joins "lence" without a space, as Word's own text has it.
    for table in expected:
        assert [
            [fold(re.sub(r"(?<=[^\W\d_])-\n(?=\w)", "-", c)) for c in row] for row in table
        ] in ours


@pytest.mark.slow
def test_table_ruled_only_across_gets_its_columns_from_the_text() -> None:
    rel = "camelot/health.pdf"
    doc = read_pdf(realworld(rel))
    (expected,) = json.loads(realworld(rel + ".expected.json").read_text("utf-8"))
    ours = [row for t in doc.tables for row in grid_texts(t)]
    data = [[fold(c) for c in row] for row in expected if re.search(r"\d", row[1])]
    assert len(data) == 23 and all(row in ours for row in data)
    assert any("without column rules" in w for w in doc.warnings)


def test_row_spanning_cells_are_marked_merged_above() -> None:
    rel = "camelot/row_span_1.pdf"
    doc = read_pdf(realworld(rel))
    (expected,) = json.loads(realworld(rel + ".expected.json").read_text("utf-8"))
    (table,) = doc.tables
    # camelot copies a row-spanning cell's text down into every row it spans.
    assert grid_texts(table, fill_down=True) == [[fold(c) for c in row] for row in expected]
    assert table.rows[2].cells[0].merged_above and table.rows[2].cells[0].text == ""


def test_word_header_cells_without_borders_are_split_by_their_shading() -> None:
    doc = read_pdf(realworld("pdfplumber/word365_structure.pdf"))
    (table,) = doc.tables
    header = table.rows[0].cells
    assert [(c.text, c.fill, c.span) for c in header] == [
        ("En-tête 1", "4472C4", 1),
        ("En-tête 2", "4472C4", 1),
        ("En-tête 3", "4472C4", 1),
    ]
    assert [c.fill for c in table.rows[1].cells] == ["D9E2F3"] * 3


@pytest.mark.slow
def test_words_under_overlaid_space_runs_stay_whole() -> None:
    doc = read_pdf(realworld("camelot/split_text_lattice.pdf"))
    texts = {fold(c.text) for t in doc.tables for r in t.rows for c in r.cells}
    assert "Delhi and Mumbai" in texts
    assert "bharat@dhanviinformatics.com" in texts  # "ii" is not a fake-bold duplicate


def test_prose_is_not_read_as_a_borderless_table() -> None:
    doc = read_pdf(realworld("pdfplumber/2023-06-20-PV.pdf"))
    assert doc.tables == []
    assert any("Ouverture de la séance" in line for line in doc.body_lines)


@pytest.mark.slow
def test_pdf_read_from_its_bytes_equals_the_pdf_read_from_its_path(tmp_path: Path) -> None:
    path = sample("cp-reduction-v8.pdf")
    doc = read_pdf(path)
    assert read_pdf(path, data=path.read_bytes()) == doc
    # The bytes are all it reads: no file need be at the path.
    assert read_pdf(tmp_path / "gone.pdf", data=path.read_bytes()).tables == doc.tables


@pytest.mark.slow
def test_many_pages_in_parallel_give_the_same_document() -> None:
    path = realworld("camelot/icdar2013/eu-004.pdf")
    parallel = read_pdf(path, workers=2)
    assert parallel.pages == 15 and parallel == read_pdf(path, workers=1)


@pytest.mark.slow
def test_municipal_action_plan_tables_with_rect_borders() -> None:
    doc = read_pdf(realworld("pdfplumber/chelsea_pdta.pdf"), workers=2)
    assert doc.pages == 65
    plan = [t for t in doc.tables if 26 <= (t.page or 0) <= 30]
    assert len(plan) == 5
    for table in plan:
        section, header = table.rows[0].cells, table.rows[1].cells
        assert len(section) == 1 and section[0].text.startswith("AXE ")
        assert [c.text.split("\n")[0] for c in header][-1] == "RESPONSABLES ET PARTENAIRES"
        assert {c.fill for c in header} == {"BFBFBF"}
    first = plan[0].rows[2].cells
    assert first[1].text.startswith("• Constituer un budget annuel municipal")


def test_v8_sample_has_19_actions_across_page_pieces() -> None:
    doc = read_pdf(sample("cp-reduction-v8.pdf"))
    rows = action_rows(doc)
    assert list(rows) == [str(i) for i in range(1, 20)]
    assert doc.pages == 3 and {t.page for t in doc.tables} == {1, 2, 3}


@pytest.mark.slow
def test_page_with_rotate_reads_like_the_upright_page(tmp_path: Path) -> None:
    data = sample("cp-reduction-v8.pdf").read_bytes()
    if data.count(b"/Type/Page/") + data.count(b"/Type/Page>") != 3:
        pytest.skip("the sample's page objects are not plain text")
    rotated = tmp_path / "rotated.pdf"
    # pdfminer rebuilds the cross-reference table the edit invalidates.
    rotated.write_bytes(re.sub(rb"/Type/Page(?=[/>])", b"/Type/Page/Rotate 90", data))
    upright = read_pdf(sample("cp-reduction-v8.pdf"))
    turned = read_pdf(rotated)
    assert [t.rows for t in turned.tables] == [t.rows for t in upright.tables]
    assert turned.header_lines == upright.header_lines


def test_v8_title_is_a_header_line_on_every_page() -> None:
    doc = read_pdf(sample("cp-reduction-v8.pdf"))
    assert doc.header_lines.count(V8) == doc.pages


def test_v8_rag_cells_are_filled_with_the_legend_colours() -> None:
    doc = read_pdf(sample("cp-reduction-v8.pdf"))
    painted = json.loads(sample("cp-reduction-v8.rag.json").read_text("utf-8"))
    rows = action_rows(doc)
    assert {ref: cells[5].fill for ref, cells in rows.items()} == {
        ref: LEGEND[colour] for ref, colour in painted.items()
    }
    legend = doc.tables[-1]
    assert [(r.cells[0].text, r.cells[0].fill) for r in legend.rows] == list(LEGEND.items())


def test_v8_action_11_update_has_one_paragraph_per_dated_entry() -> None:
    doc = read_pdf(sample("cp-reduction-v8.pdf"))
    pieces = [
        r.cells[4]
        for t in doc.tables
        for r in t.rows
        if r.cells[0].text == "11" or (t.page == 2 and r.index == 1 and not r.cells[0].text)
    ]
    paragraphs = [p for cell in pieces for p in cell.paragraphs]
    # The row breaks across pages 1 and 2 mid-paragraph: glue the broken one back.
    if len(pieces) == 2 and not DATE_START.match(pieces[1].paragraphs[0]):
        cut = len(pieces[0].paragraphs)
        paragraphs[cut - 1 : cut + 1] = [" ".join(paragraphs[cut - 1 : cut + 1])]
    assert [p[:10] for p in paragraphs] == ["08/03/2018", "03/05/2018", "16/05/2018", "14/06/2018"]
    assert paragraphs[2].endswith("to further reduce the numbers coming to conference")


def test_v8_action_19_bullets_are_paragraphs_starting_with_a_bullet() -> None:
    doc = read_pdf(sample("cp-reduction-v8.pdf"))
    action = action_rows(doc)["19"][1].paragraphs
    assert action[0].endswith("set out in this plan; including")
    assert [p[:12] for p in action[1:]] == [
        "• Training f",
        "• Training f",
        "• Training o",
        "• Training o",
    ]


def test_v8_pdf_has_every_word_of_the_word_document() -> None:
    from actionplan.extract.docx_reader import read_docx

    pdf = read_pdf(sample("cp-reduction-v8.pdf"))
    docx = read_docx(sample("cp-reduction-v8.docx"))
    header = ["", "Action", "Person Responsible", "By When", "Update", "RAG"]

    def words(doc: RawDocument, skip_repeated_header: bool) -> list[str]:
        out: list[str] = []
        for t in doc.tables:
            for r in t.rows:
                if skip_repeated_header and t.index > 0 and r.texts == header:
                    continue
                out.extend(" ".join(r.texts).split())
        return out

    assert words(pdf, True) == words(docx, False)


def test_workforce_plan_section_rows_span_the_table_and_line_breaks_split_entries() -> None:
    doc = read_pdf(sample("workforce-plan-q2.pdf"))
    rows = [r for t in doc.tables for r in t.rows]
    sections = [r.cells[0].text for r in rows if len(r.cells) == 1 and r.cells[0].span == 6]
    assert sections == [
        "Priority 1: Recruitment",
        "Priority 2: Retention",
        "Priority 3: Learning and Development",
    ]
    by_ref = {r.cells[0].text: r.cells for r in rows if len(r.cells) == 6}
    assert by_ref["1.3"][2].merged_above and by_ref["1.2"][2].text == "Sarah Mitchell"
    assert by_ref["Ref"][0].fill == "D9D9D9" and by_ref["1.1"][4].fill is None
    # 2.1's entries are one Word paragraph separated by line breaks.
    assert [p[:10] for p in by_ref["2.1"][5].paragraphs] == [
        "5th March ",
        "20/06/2019",
        "30/09/2019",
    ]


def test_fill_colour_converts_grey_rgb_and_cmyk() -> None:
    assert hex_colour((0.0, 0.439, 0.753)) == "0070C0"
    assert hex_colour((0.749,)) == "BFBFBF"
    assert hex_colour(0.0) == "000000"
    assert hex_colour((0.0, 0.0, 1.0, 0.0)) == "FFFF00"
    assert hex_colour((0.0, 1.0, 1.0, 0.0)) == "FF0000"
    assert hex_colour(None) is None
    assert hex_colour("P0") is None  # a pattern has no single colour
    assert hex_colour((1, 2)) is None


@pytest.fixture(scope="module")
def built_pdf(tmp_path_factory: pytest.TempPathFactory, writer: str) -> Path:
    """Make a small plan in Word format and let LibreOffice print it to PDF."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    tmp = tmp_path_factory.mktemp("built")
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "Scratch Plan Review- 01/02/2019 – V2"
    table = doc.add_table(rows=5, cols=4)
    table.style = "Table Grid"
    table.autofit = False
    for col, width in zip(table.columns, [Cm(1.5), Cm(6), Cm(8), Cm(1.5)], strict=True):
        col.width = width
        for cell in col.cells:
            cell.width = width

    def para(cell, text: str, *, first: bool = False, style: str | None = None) -> None:  # type: ignore[no-untyped-def]
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        if style:
            p.style = doc.styles[style]
        p.add_run(text)
        p.paragraph_format.space_after = Pt(0 if style else 4)

    for cell, text in zip(table.rows[0].cells, ["Ref", "Action", "Update", "RAG"], strict=True):
        para(cell, text, first=True)
    table.cell(1, 0).merge(table.cell(1, 3)).paragraphs[0].add_run("Priority 1: Recruitment")
    row = table.rows[2].cells
    para(row[0], "1", first=True)
    para(row[1], "Recruit to vacant posts, including:", first=True)
    para(row[1], "Advertise nationally", style="List Bullet")
    para(row[1], "Use agency staff until posts are filled", style="List Bullet")
    para(row[2], "01/01/2019: Adverts placed.", first=True)
    long = "15/01/2019: Interviews held for all shortlisted candidates; " * 3
    para(row[2], long.strip())
    run = row[2].add_paragraph().add_run("01/02/2019: Offers made.")
    run.add_break()
    run.add_text("02/02/2019: One accepted.")
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), "FFC000")
    row[3]._tc.get_or_add_tcPr().append(shd)
    table.cell(2, 0).merge(table.cell(3, 0))
    para(table.cell(3, 1), "Second action sharing the ref cell", first=True)
    para(table.cell(4, 0), "2", first=True)
    docx = tmp / "built.docx"
    doc.save(str(docx))
    components.convert(writer, docx, "pdf", tmp).check_returncode()
    return tmp / "built.pdf"


@pytest.mark.office
@pytest.mark.slow
def test_built_pdf_cells_keep_paragraphs_bullets_and_line_breaks(built_pdf: Path) -> None:
    doc = read_pdf(built_pdf)
    (table,) = doc.tables
    cells = table.rows[2].cells
    assert cells[1].paragraphs == [
        "Recruit to vacant posts, including:",
        "• Advertise nationally",
        "• Use agency staff until posts are filled",
    ]
    long = " ".join(["15/01/2019: Interviews held for all shortlisted candidates;"] * 3)
    assert cells[2].paragraphs == [
        "01/01/2019: Adverts placed.",
        long,
        "01/02/2019: Offers made.",
        "02/02/2019: One accepted.",
    ]


@pytest.mark.office
@pytest.mark.slow
def test_built_pdf_section_row_span_merge_and_shading(built_pdf: Path) -> None:
    doc = read_pdf(built_pdf)
    (table,) = doc.tables
    assert [(c.text, c.span) for c in table.rows[1].cells] == [("Priority 1: Recruitment", 4)]
    assert table.rows[2].cells[3].fill == "FFC000"
    assert table.rows[2].cells[0].fill is None
    below = table.rows[3].cells[0]
    assert below.merged_above and below.text == ""
    assert doc.header_lines == ["Scratch Plan Review- 01/02/2019 – V2"]
