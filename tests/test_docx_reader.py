"""Word quirks that silently lose text in naive readers, one named fixture each."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

import actionplan
from actionplan.errors import CorruptDocument, UnsafeDocument
from actionplan.extract.docx_reader import read_docx
from actionplan.models import UpdateEntry
from actionplan.normalise.updates import split_updates
from tests.docx_builder import action_table, cell, para, row, table, write_docx


def cells_of(path: Path) -> list[list[str]]:
    doc = read_docx(path)
    return [[c.text for c in r.cells] for r in doc.tables[0].rows]


def test_tracked_insertions_are_kept_and_deletions_dropped(tmp_path: Path) -> None:
    update = (
        '<w:p><w:r><w:t xml:space="preserve">08/03/2018: reduced to </w:t></w:r>'
        '<w:del w:id="1" w:author="A"><w:r><w:delText>215</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="A"><w:r><w:t>201</w:t></w:r></w:ins></w:p>'
    )
    path = write_docx(
        tmp_path / "tracked.docx",
        action_table(row("1", "Do it", "Jo", "Ongoing", cell(update), "")),
    )
    doc = read_docx(path)
    assert doc.tables[0].rows[1].cells[4].text == "08/03/2018: reduced to 201"
    assert doc.tracked_changes
    assert any("tracked changes" in w for w in doc.warnings)


def test_tracked_deleted_row_is_gone(tmp_path: Path) -> None:
    deleted = '<w:tr><w:trPr><w:del w:id="3" w:author="A"/></w:trPr>' + cell("2") + "</w:tr>"
    path = write_docx(tmp_path / "row.docx", action_table(row("1", "Kept"), deleted))
    assert cells_of(path) == [
        ["", "Action", "Person Responsible", "By When", "Update", "RAG"],
        ["1", "Kept"],
    ]


def test_content_controls_around_runs_paragraphs_cells_and_rows(tmp_path: Path) -> None:
    run_sdt = (
        "<w:p><w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>Jane Hoey</w:t></w:r>"
        "</w:sdtContent></w:sdt></w:p>"
    )
    para_sdt = f"<w:sdt><w:sdtPr/><w:sdtContent>{para('12/01/18')}</w:sdtContent></w:sdt>"
    cell_sdt = f"<w:sdt><w:sdtPr/><w:sdtContent>{cell('Ongoing')}</w:sdtContent></w:sdt>"
    inner_row = "<w:tr>" + cell("1") + cell("Act") + cell(run_sdt) + cell(para_sdt) + cell_sdt
    row_sdt = f"<w:sdt><w:sdtPr/><w:sdtContent>{inner_row}</w:tr></w:sdtContent></w:sdt>"
    path = write_docx(tmp_path / "sdt.docx", action_table(row_sdt))
    assert cells_of(path)[1] == ["1", "Act", "Jane Hoey", "12/01/18", "Ongoing"]


def test_line_breaks_between_entries_become_new_lines(tmp_path: Path) -> None:
    update = (
        "<w:p><w:r><w:t>08/03/2018: started</w:t><w:br/><w:t>03/05/2018: done</w:t></w:r></w:p>"
    )
    path = write_docx(tmp_path / "br.docx", action_table(row("1", "A", cell(update))))
    assert cells_of(path)[1][2] == "08/03/2018: started\n03/05/2018: done"


def test_hyperlink_and_field_results_are_kept_but_field_codes_are_not(tmp_path: Path) -> None:
    text = (
        '<w:p><w:r><w:t xml:space="preserve">See </w:t></w:r>'
        '<w:hyperlink r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships"><w:r><w:t>the guidance</w:t></w:r></w:hyperlink>'
        '<w:r><w:t xml:space="preserve"> on </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> DATE \\@ "dd/MM/yyyy" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>14/06/2018</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:fldSimple w:instr=" PAGE ">'
        '<w:r><w:t xml:space="preserve"> p.3</w:t></w:r></w:fldSimple>'
        "</w:p>"
    )
    path = write_docx(tmp_path / "fields.docx", action_table(row("1", cell(text))))
    assert cells_of(path)[1][1] == "See the guidance on 14/06/2018 p.3"


def test_vertical_merge_marks_covered_cells(tmp_path: Path) -> None:
    body = action_table(
        row("1", "First", cell("Sarah Mitchell", vmerge="restart"), "x"),
        row("2", "Second", cell("", vmerge="continue"), "y"),
    )
    doc = read_docx(write_docx(tmp_path / "vmerge.docx", body))
    covered = doc.tables[0].rows[2].cells[2]
    assert covered.merged_above and covered.text == ""
    assert not doc.tables[0].rows[1].cells[2].merged_above


def test_grid_span_and_shading_are_read(tmp_path: Path) -> None:
    body = action_table(
        row(cell("Priority 1: Workforce", span=6)),
        row("1", "A", "B", "C", "D", cell("", fill="00b050")),
    )
    doc = read_docx(write_docx(tmp_path / "span.docx", body))
    section, action = doc.tables[0].rows[1], doc.tables[0].rows[2]
    assert section.cells[0].span == 6
    assert action.cells[5].fill == "00B050"
    assert doc.tables[0].rows[0].is_header


def test_nested_table_text_is_kept_in_its_cell(tmp_path: Path) -> None:
    nested = table(row("Q1", "183"), row("Q2", "201"))
    body = action_table(row("1", "A", "B", "C", cell(para("Figures:"), nested)))
    path = write_docx(tmp_path / "nested.docx", body)
    assert cells_of(path)[1][4] == "Figures:\nQ1 | 183\nQ2 | 201"


def test_nested_table_text_stays_after_the_paragraph_it_follows(tmp_path: Path) -> None:
    nested = table(row("Q1", "183"), row("Q2", "201"))
    update = cell(para("03/05/2019: Figures below:"), nested, para("16/05/2019: Reduced to 188."))
    body = action_table(row("1", "Reduce the caseload", "Jo Bloggs", "Ongoing", update, ""))
    path = write_docx(tmp_path / "nested-middle.docx", body)
    assert cells_of(path)[1][4] == (
        "03/05/2019: Figures below:\nQ1 | 183\nQ2 | 201\n16/05/2019: Reduced to 188."
    )
    entries, _ = split_updates(cells_of(path)[1][4], review_date=dt.date(2019, 6, 12))
    assert entries == [
        UpdateEntry(
            date=dt.date(2019, 5, 3),
            date_text="03/05/2019",
            text="Figures below:\nQ1 | 183\nQ2 | 201",
        ),
        UpdateEntry(date=dt.date(2019, 5, 16), date_text="16/05/2019", text="Reduced to 188."),
    ]


PLACEHOLDER_PR = (
    '<w:sdtPr><w:placeholder><w:docPart w:val="DefaultPlaceholder"/></w:placeholder>'
    "<w:showingPlcHdr/></w:sdtPr>"
)
PROMPT = (
    '<w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr>'
    "<w:t>Click or tap here to enter text.</w:t></w:r>"
)


def test_a_content_control_showing_its_placeholder_reads_as_empty(tmp_path: Path) -> None:
    run_level = f"<w:p><w:sdt>{PLACEHOLDER_PR}<w:sdtContent>{PROMPT}</w:sdtContent></w:sdt></w:p>"
    block_level = f"<w:sdt>{PLACEHOLDER_PR}<w:sdtContent><w:p>{PROMPT}</w:p></w:sdtContent></w:sdt>"
    filled = (
        '<w:p><w:sdt><w:sdtPr><w:showingPlcHdr w:val="false"/></w:sdtPr><w:sdtContent>'
        "<w:r><w:t>Jo Bloggs</w:t></w:r></w:sdtContent></w:sdt></w:p>"
    )
    body = action_table(
        row("1", "Reduce the caseload", cell(filled), "Ongoing", cell(run_level), cell(block_level))
    )
    path = write_docx(tmp_path / "placeholder.docx", body)
    assert cells_of(path)[1] == ["1", "Reduce the caseload", "Jo Bloggs", "Ongoing", "", ""]


def test_page_header_lines_are_read(tmp_path: Path) -> None:
    header = para("CP Reduction Action Plan Review- 14/06/2018 – V8")
    doc = read_docx(write_docx(tmp_path / "h.docx", action_table(), header_xml=header))
    assert doc.header_lines == ["CP Reduction Action Plan Review- 14/06/2018 – V8"]


def test_external_entities_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    prolog = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    body = action_table(row("1", cell("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>")))
    doc = read_docx(write_docx(tmp_path / "xxe.docx", body, prolog=prolog))
    texts = [c.text for r in doc.tables[0].rows for c in r.cells]
    assert not any("TOPSECRET" in t for t in texts)
    assert any("DTD" in w for w in doc.warnings)


@pytest.mark.slow
def test_zip_bomb_is_refused_by_declared_size(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "bomb.docx", action_table())
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/media/bomb.bin", b"\0" * (64 * 1024 * 1024))
    with pytest.raises(UnsafeDocument, match="zip bomb"):
        read_docx(path)


def test_truncated_docx_is_reported_as_corrupt(tmp_path: Path, samples: Path) -> None:
    data = (samples / "cp-reduction-v8.docx").read_bytes()
    path = tmp_path / "truncated.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptDocument, match=r"truncated\.docx"):
        read_docx(path)


def test_strict_ooxml_is_read(realworld: Path) -> None:
    doc = read_docx(realworld / "docx2python" / "strict.docx")
    assert doc.tables and doc.tables[0].rows


def test_main_part_found_through_relationships(realworld: Path) -> None:
    doc = read_docx(realworld / "docx2python" / "renamed_document_xml.docx")
    assert doc.body_lines


def test_pages_come_from_words_rendered_page_breaks(tmp_path: Path) -> None:
    split = (
        '<w:p><w:r><w:t xml:space="preserve">08/03/2018: started </w:t></w:r>'
        "<w:r><w:lastRenderedPageBreak/><w:t>and continued</w:t></w:r></w:p>"
    )
    top_of_page = "<w:p><w:r><w:lastRenderedPageBreak/><w:t>3</w:t></w:r></w:p>"
    body = action_table(
        row("1", "First", "Jo", "Ongoing", "x"),
        row("2", "Second", "Jo", "Ongoing", cell(split)),
        row(cell(top_of_page), "Third", "Jo", "Ongoing", "y"),
    )
    doc = read_docx(write_docx(tmp_path / "pages.docx", body))
    rows = doc.tables[0].rows
    assert [(r.page, r.last_page) for r in rows[1:]] == [(1, 1), (1, 2), (3, 3)]
    assert doc.pages == 3
    plan = actionplan.read(tmp_path / "pages.docx")
    assert [a.provenance.pages for a in plan.actions] == [[1], [1, 2], [3]]


def test_without_rendered_breaks_pages_are_unknown(tmp_path: Path) -> None:
    doc = read_docx(write_docx(tmp_path / "nopages.docx", action_table(row("1", "A"))))
    assert doc.pages is None and doc.tables[0].rows[1].page is None


def test_text_in_a_text_box_inside_a_cell_is_kept_once(tmp_path: Path) -> None:
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    box = "<w:txbxContent><w:p><w:r><w:t>Note: audit due</w:t></w:r></w:p></w:txbxContent>"
    run = (
        f'<w:r><mc:AlternateContent xmlns:mc="{mc}">'
        f'<mc:Choice Requires="wps"><w:drawing><wps:txbx xmlns:wps="urn:wps">{box}'
        "</wps:txbx></w:drawing></mc:Choice>"
        f'<mc:Fallback><w:pict><v:textbox xmlns:v="urn:v">{box}</v:textbox></w:pict>'
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )
    update = f"<w:p><w:r><w:t>08/03/2018: started</w:t></w:r>{run}</w:p>"
    path = write_docx(tmp_path / "textbox.docx", action_table(row("1", "A", cell(update))))
    assert cells_of(path)[1][2] == "08/03/2018: started\nNote: audit due"
