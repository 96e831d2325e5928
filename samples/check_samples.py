#!/usr/bin/env python3
"""Check the generated samples (python-docx read-back + pdfplumber on the PDFs).

    python samples/check_samples.py

Prints, per PDF: page count, whether the title is on every page, whether the
header row repeats on every page with table content, which action rows are
split across pages (and on which pages), and the filled rectangles found in
the RAG column with their colours.  Exits non-zero if a check fails.
"""

from __future__ import annotations

import json
import os
import sys

import docx
import pdfplumber

HERE = os.path.dirname(os.path.abspath(__file__))
FAIL = []


def check(cond, msg):
    print(("  ok   " if cond else "  FAIL ") + msg)
    if not cond:
        FAIL.append(msg)


def check_docx(name, n_actions, rag_file):
    print(f"== {name}")
    d = docx.Document(os.path.join(HERE, name))
    with open(os.path.join(HERE, rag_file), encoding="utf-8") as fh:
        rag = json.load(fh)
    legend_rgb = {"Blue": "0070C0", "Green": "00B050", "Yellow": "FFFF00", "Red": "FF0000"}
    sec = d.sections[0]
    check(sec.page_width > sec.page_height, "landscape")
    title = sec.header.paragraphs[0].text
    check(title.startswith("CP Reduction Action Plan Review- "), f"header title {title!r}")
    check(all(title not in p.text for p in d.paragraphs), "title not in body")
    t, leg = d.tables
    check(len(t.rows) == n_actions + 1, f"{len(t.rows) - 1} action rows + header")
    check(bool(t.rows[0]._tr.xpath("./w:trPr/w:tblHeader")), "header row has w:tblHeader")
    check(not t._tbl.xpath(".//w:cantSplit"), "no w:cantSplit")
    ok = True
    for r in t.rows[1:]:
        ref = r.cells[0].text
        fill = r.cells[5]._tc.xpath("./w:tcPr/w:shd/@w:fill")
        ok &= fill == [legend_rgb[rag[ref]]] and r.cells[5].text == ""
    check(ok, "every RAG cell empty and shaded with the colour in " + rag_file)
    check(len(leg.rows) == 4 and len(leg.columns) == 2, "legend 4x2")
    check(
        all(
            r.cells[0]._tc.xpath("./w:tcPr/w:shd/@w:fill") == [legend_rgb[r.cells[0].text]]
            for r in leg.rows
        ),
        "legend colour cells shaded with their colour",
    )


def near(c, rgb, tol=0.02):
    if not c or len(c) != 3:
        return False
    want = [int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    return all(abs(a - b) <= tol for a, b in zip(c, want, strict=False))


def check_cp_pdf(name, title, n_actions):
    print(f"== {name}")
    pdf = pdfplumber.open(os.path.join(HERE, name))
    pages = pdf.pages
    print(f"  pages: {len(pages)}")
    legend_rgb = {"Blue": "0070C0", "Green": "00B050", "Yellow": "FFFF00", "Red": "FF0000"}
    check(all(title in (p.extract_text() or "") for p in pages), "title on every page")
    starts = {}  # ref -> page where its row starts
    seen = {}  # ref -> pages where a piece of its row is
    last_ref = None
    header_pages = []
    for pno, page in enumerate(pages, 1):
        tables = page.extract_tables()
        if not tables:
            continue
        main = tables[0]
        if main and main[0][1] == "Action":
            header_pages.append(pno)
            rows = main[1:]
        else:
            rows = main
        for row in rows:
            if len(row) != 6:
                continue
            ref = (row[0] or "").strip()
            if ref:
                starts[ref] = pno
                last_ref = ref
                seen.setdefault(ref, []).append(pno)
            elif last_ref and any((x or "").strip() for x in row[1:5]):
                seen[last_ref].append(pno)  # continuation of a split row
        white = (None, (1, 1, 1), [1, 1, 1], (1,), [1])
        fills = [r for r in page.rects if r.get("non_stroking_color") not in white and r["fill"]]
        colours = {}
        for r in fills:
            for cname, rgb in legend_rgb.items():
                if near(tuple(r["non_stroking_color"]), rgb):
                    colours[cname] = colours.get(cname, 0) + 1
        print(f"  page {pno}: filled rects by colour {colours}")
    table_pages = sorted({p for v in seen.values() for p in v})
    check(header_pages == table_pages, f"header row on every table page {header_pages}")
    check(len(starts) == n_actions, f"{len(starts)} action rows found")
    split = {ref: pg for ref, pg in seen.items() if len(pg) > 1}
    print(f"  rows split across pages: {split}")
    check(bool(split), "some rows split across pages")
    return len(pages), split


def check_workforce():
    print("== workforce-plan-q2.docx / .pdf")
    d = docx.Document(os.path.join(HERE, "workforce-plan-q2.docx"))
    with open(os.path.join(HERE, "workforce-plan-q2.expected.json"), encoding="utf-8") as fh:
        exp = json.load(fh)
    check(d.paragraphs[0].text == exp["title"], "title is the first body paragraph")
    check(not any(p.text for p in d.sections[0].header.paragraphs), "page header empty")
    t = d.tables[0]
    body = t._tbl
    check(len(body.xpath(".//w:gridSpan[@w:val='6']")) == 3, "3 section rows with gridSpan=6")
    check(
        len(body.xpath(".//w:vMerge[@w:val='restart']")) == 1
        and len(body.xpath(".//w:vMerge[not(@w:val) or @w:val='continue']")) == 1,
        "one vMerge restart + continue",
    )
    check(len(body.xpath(".//w:br")) == 2, "w:br between entries in one cell")
    refs = [r.cells[0].text for r in t.rows[1:] if r.cells[0].text[:1].isdigit()]
    check(refs == [a["ref"] for a in exp["actions"]], f"refs {refs}")
    pdf = pdfplumber.open(os.path.join(HERE, "workforce-plan-q2.pdf"))
    print(f"  pages: {len(pdf.pages)}")
    check(exp["title"] in (pdf.pages[0].extract_text() or ""), "title in PDF page 1")


def main():
    check_docx("cp-reduction-v8.docx", 19, "cp-reduction-v8.rag.json")
    check_docx("cp-reduction-v7.docx", 20, "cp-reduction-v7.rag.json")
    check_cp_pdf("cp-reduction-v8.pdf", "CP Reduction Action Plan Review- 14/06/2018 \u2013 V8", 19)
    check_cp_pdf("cp-reduction-v7.pdf", "CP Reduction Action Plan Review- 16/05/2018 \u2013 V7", 20)
    check_workforce()
    print(f"FAILED: {len(FAIL)}" if FAIL else "all checks passed")
    return 1 if FAIL else 0


if __name__ == "__main__":
    sys.exit(main())
