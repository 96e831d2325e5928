"""Each failure the mutation fuzzer found, rebuilt from its (sample, operator, seed).

Every test names what broke: a reading that lost actions without a word. Each mutant is
rebuilt by tests/fuzz/mutate.py from its seed (the same bytes on every run) and read in
this process; the test asserts the exact count and the warning that now says why.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import actionplan
from actionplan.errors import CorruptDocument
from actionplan.extract import doc_reader
from actionplan.models import Plan
from tests.fuzz.mutate import Mutant

V8_HTML = "tests/fuzz/seeds/cp-reduction-v8.html"
Q2_HTML = "tests/fuzz/seeds/workforce-plan-q2.html"
V8_TEXT = "samples/cp-reduction-v8.txt"
RUN_TOGETHER = "(rows run together?): an action may be missing"


def _read(tmp_path: Path, mutant: Mutant) -> Plan:
    path = tmp_path / f"mutant{mutant.suffix}"
    path.write_bytes(mutant.build())
    return actionplan.read(path)


def test_a_web_page_cut_short_inside_its_table_says_actions_may_be_missing(
    tmp_path: Path,
) -> None:
    plan = _read(tmp_path, Mutant(V8_HTML, "truncate", 3493497434))
    assert [a.ref for a in plan.actions] == [str(n) for n in range(1, 8)]
    assert plan.warnings == [
        "the page ends inside a table (it was cut short?): actions after the cut may be missing"
    ]


def test_a_web_page_whose_row_lost_its_tr_tag_keeps_that_row(tmp_path: Path) -> None:
    # libxml2 leaves the cells of a row without its <tr> in the table body.
    plan = _read(tmp_path, Mutant(V8_HTML, "text-drop-line", 3006102660))
    assert [a.ref for a in plan.actions] == [str(n) for n in range(1, 20)]
    assert " ".join(plan.actions[5].action.split()).startswith("Review data for CP/LAC dual")
    assert plan.warnings == []


def test_a_workforce_page_whose_row_lost_its_tr_tag_keeps_that_row(tmp_path: Path) -> None:
    plan = _read(tmp_path, Mutant(Q2_HTML, "text-drop-line", 2503327111))
    original = actionplan.read(Path(__file__).resolve().parents[1] / Q2_HTML)
    assert [a.ref for a in plan.actions] == [a.ref for a in original.actions]


def test_a_web_row_whose_cells_ran_into_one_is_read_as_a_heading_with_a_warning(
    tmp_path: Path,
) -> None:
    # Two flipped bytes turn "</td>" and "<td" into unknown tags: action 2.2's six cells
    # become one cell across the table, which reads as a section heading.
    plan = _read(tmp_path, Mutant(Q2_HTML, "flip-bytes", 3837417372))
    assert "2.2" not in [a.ref for a in plan.actions]
    assert len(plan.actions) == 8
    assert any(
        w.startswith("row 8: one cell of 242 characters") and w.endswith("that action is missing")
        for w in plan.warnings
    ), plan.warnings


def test_a_text_dump_whose_line_break_became_a_character_warns_of_the_long_row(
    tmp_path: Path,
) -> None:
    # The line break between actions 12 and 13 is now "&": one line of 11 cells opens the
    # page's piece of the table. The pieces after it were dropped silently (7 actions);
    # they are read now, and the long row is warned about.
    plan = _read(tmp_path, Mutant(V8_TEXT, "flip-bytes", 2298195005))
    refs = [a.ref for a in plan.actions]
    assert refs == [str(n) for n in range(1, 13)] + [str(n) for n in range(14, 20)]
    assert f"row 1 on page 3: the row has 11 cells under 6 headings {RUN_TOGETHER}" in (
        plan.warnings
    )


def test_a_text_dump_with_two_rows_run_together_warns_of_the_long_row(tmp_path: Path) -> None:
    plan = _read(tmp_path, Mutant(V8_TEXT, "flip-bytes", 466006503))
    assert len(plan.actions) == 18
    assert any(w.endswith(RUN_TOGETHER) for w in plan.warnings), plan.warnings


def test_a_web_row_whose_first_cell_tag_is_damaged_keeps_its_cells(tmp_path: Path) -> None:
    # "<td" became "<t)": libxml2 makes an unknown element inside the body and puts the
    # row's cells in it, outside any <tr>. Action 2.3 was lost without a word.
    plan = _read(tmp_path, Mutant(Q2_HTML, "flip-bytes", 2350931872))
    original = actionplan.read(Path(__file__).resolve().parents[1] / Q2_HTML)
    assert [a.ref for a in plan.actions] == [a.ref for a in original.actions]


def test_damaged_legacy_files_ask_whether_writer_converts_once_a_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each truncated .doc of the fuzzer cost two LibreOffice cold starts (its own failed
    # conversion, then the Writer probe) and ran past the 60 s budget under load.
    calls: list[str] = []

    def convert(exe: str, src: Path, outdir: str, target: str = "") -> Path:
        # LibreOffice without a working import filter: the probe converts, a damaged
        # file does not.
        calls.append(src.name)
        out = Path(outdir, "probe.odt" if src.name == "probe.txt" else "none.docx")
        if src.name == "probe.txt":
            out.write_text("converted")
        return out

    monkeypatch.setattr(doc_reader, "soffice", lambda: "soffice")
    monkeypatch.setattr(doc_reader, "convert", convert)
    doc_reader._writer_converts.cache_clear()
    for name in ("a.doc", "b.doc"):
        (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0")
        with pytest.raises(CorruptDocument, match="LibreOffice could not convert it"):
            doc_reader.read_doc(tmp_path / name)
    doc_reader._writer_converts.cache_clear()
    assert calls == ["a.doc", "probe.txt", "b.doc"]


def test_a_text_dump_whose_header_row_gained_a_tab_reads_every_page(tmp_path: Path) -> None:
    # A byte of the header row became a tab: 7 headings over rows of 6 cells. The pieces
    # of the table on later pages (6 cells wide) were not taken: 10 of 19 actions lost.
    plan = _read(tmp_path, Mutant(V8_TEXT, "flip-bytes", 3244501239))
    assert [a.ref for a in plan.actions] == [str(n) for n in range(1, 20)]


def test_a_text_dump_page_of_one_run_together_row_is_read_with_a_warning(
    tmp_path: Path,
) -> None:
    # The last page holds actions 18 and 19 run together into one line of 11 cells, a
    # piece of its own wider than the header: it was left out without a word. It is read
    # now, action 19's cells kept as action 18's extra columns, and the row warned about.
    plan = _read(tmp_path, Mutant(V8_TEXT, "flip-bytes", 946135892))
    last = plan.actions[-1]
    assert last.ref == "18"
    assert last.extra["column 7"].startswith("Training Programme to be developed")
    assert f"row 1 on page 4: the row has 11 cells under 6 headings {RUN_TOGETHER}" in (
        plan.warnings
    )


PAGES_DAMAGED = (
    "the file's list of pages is damaged (PDFium finds 3 pages, pdfminer 2): "
    "pages and the actions on them may be missing"
)


@pytest.mark.parametrize("seed", [4131308729, 3419905728])
def test_a_pdf_whose_page_list_lost_a_page_says_so(tmp_path: Path, seed: int) -> None:
    # A damaged cross-reference table: pdfminer's page tree holds 2 of the 3 pages, and
    # action 5 went with the third. PDFium, which rebuilds the table, is the witness.
    plan = _read(
        tmp_path,
        Mutant("samples/zoo/docs/zoo-17-rows-split-over-pages.pdf", "pdf-xref-damage", seed),
    )
    assert len(plan.actions) == 4
    assert plan.warnings[0] == PAGES_DAMAGED
    assert plan.document.confidence == 0.7
    assert plan.document.confidence_reasons == [PAGES_DAMAGED.split(":", 1)[0]]
    if seed == 4131308729:
        assert [a.ref for a in plan.actions] == ["1", "2", "3", "4"]


def test_a_table_that_lost_its_header_row_says_its_first_action_may_be_missing(
    tmp_path: Path,
) -> None:
    # The line of the header row is gone: action 1.1's row stands where the headings
    # were and is read as them. The headings it gives are no headings actionplan knows.
    plan = _read(tmp_path, Mutant(Q2_HTML, "text-drop-line", 2223898191))
    original = actionplan.read(Path(__file__).resolve().parents[1] / Q2_HTML)
    assert [a.ref for a in plan.actions] == [a.ref for a in original.actions][1:]
    assert plan.document.confidence_reasons[0] == (
        "the header row looks like an action row, with no Action heading "
        "(a lost header row?): if so, that action is missing"
    )
    assert plan.document.confidence < 0.8
