#!/usr/bin/env python3
"""Generate the layout zoo: plans written the way other authors write them, and near-misses.

Standalone (python-docx + LibreOffice; does not import ``actionplan``):

    python samples/zoo/make_zoo.py            # .docx + expected/*.json, then PDFs
    python samples/zoo/make_zoo.py --no-pdf   # .docx + expected/*.json only

Writes docs/<name>.docx (and docs/<name>.pdf where the spec asks) and expected/<name>.json,
all from zoo_data.py. The .docx bytes are reproducible; the PDFs have their dates and ids
fixed after LibreOffice prints them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import zoo_data  # noqa: E402
import zoo_nearmiss  # noqa: E402
import zoo_prose  # noqa: E402
from make_samples import save_deterministic as save_sample  # noqa: E402

DOCS = HERE / "docs"
EXPECTED = HERE / "expected"
FIXED_TIME = dt.datetime(2019, 6, 12, 9, 0, 0, tzinfo=dt.UTC)
ZIP_TIME = (2019, 6, 12, 9, 0, 0)
FONT = "Arial"
# Fixed widths (mm) keep short cells on one line; action and update share what is left.
FIXED_MM = {"ref": 12, "owner": 32, "due": 26, "rag": 22, "section": 28}
EXTRA_MM = 30
SHARE = {"action": 2, "update": 3}
STD_KEY_FILLS = {"Blue": "0070C0", "Green": "00B050", "Amber": "FFC000", "Yellow": "FFFF00",
                 "Red": "FF0000"}  # fmt: skip
ORDINAL = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}


def fmt_entry(style: str, d: dt.date, text: str) -> str:
    """Return one update entry written in a plan's date style."""
    forms = {
        "dmy_dash": f"{d:%d/%m/%Y} – {text}",
        "dmy_colon": f"{d:%d/%m/%Y}: {text}",
        "dots_colon": f"{d:%d.%m.%y}: {text}",
        "month_dash": f"{d:%B %Y} - {text}",
        "paren": f"({d:%d/%m/%Y}) {text}",
        "bracket": f"[{d.day} {d:%B %Y}] {text}",
        "update_prefix": f"Update {d:%d/%m/%Y}: {text}",
        "ordinal": f"{d.day}{ORDINAL.get(d.day, 'th')} {d:%B %Y}: {text}",
        "dmy2_hyphen": f"{d:%d/%m/%y} - {text}",
    }
    return forms[style]


def set_shading(cell, fill: str) -> None:
    """Paint a cell's background."""
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def set_repeat_header(row) -> None:
    """Mark a row as a header row that Word repeats on every page."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def set_borders(table, kind: str) -> None:
    """Rule a table: a full grid, lines between rows only, or no lines."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    ruled = {"grid": {"top", "left", "bottom", "right", "insideH", "insideV"},
             "rows": {"top", "bottom", "insideH"}, "none": set()}[kind]  # fmt: skip
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        if side in ruled:
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        else:
            el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def add_para(container, text: str = "", *, size: float = 9, bold: bool = False):
    """Append a paragraph with one run of text."""
    p = container.add_paragraph()
    pf = p.paragraph_format
    pf.space_before, pf.space_after = Pt(0), Pt(3)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if text:
        r = p.add_run(text)
        r.font.size = Pt(size)
        r.bold = bold
    return p


def fill_cell(cell, paras: list[str], *, bold: bool = False, breaks: bool = False) -> None:
    """Write paragraphs into an empty cell (or one paragraph with line breaks)."""
    first = cell.paragraphs[0]
    first.paragraph_format.space_after = Pt(3)
    if breaks:
        for i, text in enumerate(paras):
            if i:
                first.add_run().add_break()
            first.add_run(text).bold = bold
        return
    for i, text in enumerate(paras):
        p = first if i == 0 else add_para(cell)
        p.add_run(text).bold = bold


def new_document(title: str, landscape: bool):
    """Return an empty document with fixed properties, A4 in the given orientation."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(9)
    normal.paragraph_format.space_after = Pt(3)
    sec = doc.sections[0]
    if landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Mm(297), Mm(210)
    else:
        sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin = sec.right_margin = Mm(15)
    sec.top_margin, sec.bottom_margin = Mm(20), Mm(15)
    sec.header_distance = sec.footer_distance = Mm(8)
    cp = doc.core_properties
    cp.author = cp.last_modified_by = "samples/zoo/make_zoo.py"
    cp.created = cp.modified = cp.last_printed = FIXED_TIME
    cp.revision = 1
    cp.title = title
    # The default first paragraph would sit above every title line; drop it.
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    return doc


def save_deterministic(doc, path: Path) -> None:
    """Save with the zoo's fixed zip timestamps, as the samples are saved."""
    save_sample(doc, path, ZIP_TIME)


def write_meta(doc, meta: list[tuple[str, str]]) -> None:
    """Write the title and review-date lines where the plan's author put them."""
    for place, text in meta:
        if place == "header":
            hp = doc.sections[0].header.paragraphs[0]
            hp.add_run(text).bold = True
        elif place == "big":
            add_para(doc, text, size=16, bold=True)
        elif place == "bold":
            add_para(doc, text, size=12, bold=True)
        else:
            add_para(doc, text, size=10)


def heading_of(spec: dict, role: str) -> str:
    """Return a column's heading as the plan writes it."""
    if role.startswith("extra:"):
        return role.split(":", 1)[1]
    return spec["headings"][role]


def header_rows(spec: dict, table) -> None:
    """Write the heading row(s): one row, or a group row over sub-headings."""
    order = spec["order"]
    fill = "D9D9D9" if spec["index"] % 3 == 0 else None
    if not spec["groups"]:
        row = table.rows[0]
        for cell, role in zip(row.cells, order, strict=True):
            fill_cell(cell, [heading_of(spec, role)], bold=True)
            if fill:
                set_shading(cell, fill)
        if spec["repeat_header"]:
            set_repeat_header(row)
        return
    grouped = {r: g for g, roles in spec["groups"] for r in roles}
    done: set[str] = set()
    for i, role in enumerate(order):
        if role in grouped:
            group = grouped[role]
            if group in done:
                continue
            cols = [j for j, r in enumerate(order) if grouped.get(r) == group]
            top = table.cell(0, cols[0]).merge(table.cell(0, cols[-1]))
            fill_cell(top, [group], bold=True)
            for j in cols:
                fill_cell(table.cell(1, j), [heading_of(spec, order[j])], bold=True)
            done.add(group)
        else:
            merged = table.cell(0, i).merge(table.cell(1, i))
            fill_cell(merged, [heading_of(spec, role)], bold=True)
    for row in table.rows[:2]:
        if spec["repeat_header"]:
            set_repeat_header(row)
        if fill:
            for cell in row.cells:
                set_shading(cell, fill)


def new_table(doc, spec: dict, width_mm: float):
    """Return a table with the plan's heading row(s), rules and column widths."""
    order = spec["order"]
    table = doc.add_table(rows=2 if spec["groups"] else 1, cols=len(order))
    set_borders(table, spec["borders"])
    extra_mm = EXTRA_MM if len(spec["extras"]) <= 2 else 20
    fixed = sum(FIXED_MM.get(r, extra_mm) for r in order if r not in SHARE)
    shares = sum(SHARE.get(r, 0) for r in order)
    table.autofit = False
    for i, role in enumerate(order):
        if role in SHARE:
            mm = Mm((width_mm - fixed) * SHARE[role] / shares)
        else:
            mm = Mm(FIXED_MM.get(role, extra_mm))
        table.columns[i].width = mm
        for cell in table.columns[i].cells:
            cell.width = mm
    header_rows(spec, table)
    return table


def section_row(spec: dict, table, text: str) -> None:
    """Append a full-width section row."""
    row = table.add_row()
    merged = row.cells[0].merge(row.cells[-1])
    fill_cell(merged, [text], bold=True)
    if spec["borders"] == "grid":
        set_shading(merged, "F2F2F2")


def action_row(spec: dict, table, action: dict) -> None:
    """Append one action's row, each cell written in the plan's style."""
    row = table.add_row()
    rag = spec["rag"]
    for cell, role in zip(row.cells, spec["order"], strict=True):
        if role == "ref":
            fill_cell(cell, [action["ref"] or ""])
        elif role == "action":
            fill_cell(cell, [action["action"]])
        elif role == "owner":
            owners = action["owners"]
            fill_cell(
                cell, owners if spec["owner_sep"] == "\n" else [spec["owner_sep"].join(owners)]
            )
        elif role == "due":
            fill_cell(cell, [action["due_text"]])
        elif role == "section":
            fill_cell(cell, [action["section"] or ""])
        elif role == "rag":
            if rag["style"] == "shade":
                set_shading(cell, rag["fills"][action["rag"]])
            else:
                fill_cell(cell, [rag["words"][action["rag"]]])
        elif role == "update":
            entries = [
                fmt_entry(spec["entry"], dt.date.fromisoformat(u["date"]), u["text"])
                for u in action["updates"]
            ]
            if spec["entry_layout"] == "inline":
                entries = [" ".join(entries)]
            fill_cell(cell, entries, breaks=spec["entry_layout"] == "breaks")
        else:
            fill_cell(cell, [action["extra"].get(role.split(":", 1)[1], "")])


def write_key(doc, spec: dict) -> None:
    """Write the plan's RAG key below the action table, in the form its author chose."""
    rag = spec["rag"]
    key = rag.get("key")
    if not key:
        return
    labels = rag["labels"]
    colours = list(labels)
    add_para(doc)
    add_para(doc, "Key", size=10, bold=True)
    if key == "lines":
        for c in colours:
            add_para(doc, f"{c} – {labels[c]}", size=9)
        return
    fills = rag.get("key_fills") or STD_KEY_FILLS
    table = doc.add_table(rows=0, cols=1 if key == "swatch" and rag["style"] == "text" else 2)
    table.style = "Table Grid"
    for c in colours:
        row = table.add_row()
        if key == "table":
            fill_cell(row.cells[0], [c])
            set_shading(row.cells[0], fills[c])
            fill_cell(row.cells[1], [labels[c]])
        elif key == "swatch" and rag["style"] == "text":
            fill_cell(row.cells[0], [labels[c]])
            set_shading(row.cells[0], STD_KEY_FILLS[c])
        elif key == "swatch":
            set_shading(row.cells[0], fills[c])
            fill_cell(row.cells[1], [labels[c]])
        elif key == "letters":
            fill_cell(row.cells[0], [rag["words"][c]])
            fill_cell(row.cells[1], [labels[c]])
        else:  # names: the colour's name beside the plan's word for it
            fill_cell(row.cells[0], [c])
            fill_cell(row.cells[1], [labels[c]])


def page_break(doc) -> None:
    """Start a new page."""
    add_para(doc).add_run().add_break(WD_BREAK.PAGE)


def build_plan(spec: dict, path: Path) -> None:
    """Write one zoo plan as .docx."""
    doc = new_document(spec["title"], spec["landscape"])
    write_meta(doc, spec["meta"])
    width = 267 if spec["landscape"] else 180
    actions = spec["actions"]
    if spec["tables"] == "per_page":
        for start in range(0, len(actions), 3):
            if start:
                page_break(doc)
            table = new_table(doc, spec, width)
            for a in actions[start : start + 3]:
                action_row(spec, table, a)
    elif spec["sections"] == "tables":
        current = None
        table = None
        for a in actions:
            if a["section"] != current:
                current = a["section"]
                add_para(doc, current, size=11, bold=True)
                table = new_table(doc, spec, width)
            action_row(spec, table, a)
    else:
        table = new_table(doc, spec, width)
        current = None
        for a in actions:
            if spec["sections"] == "rows" and a["section"] != current:
                current = a["section"]
                section_row(spec, table, current)
            action_row(spec, table, a)
    write_key(doc, spec)
    save_deterministic(doc, path)


def write_blocks(doc, blocks: list[tuple]) -> None:
    """Write blocks in order: lines (as write_meta places them), tables, boxed sections."""
    for kind, content in blocks:
        if kind in ("table", "grid"):
            table = doc.add_table(rows=0, cols=len(content[0]))
            table.style = "Table Grid"
            for i, values in enumerate(content):
                row = table.add_row()
                for cell, text in zip(row.cells, values, strict=True):
                    fill_cell(cell, [text] if text else [], bold=kind == "table" and i == 0)
            add_para(doc)
        elif kind == "box":
            # One action's boxed section: a one-column table, its first paragraph bold.
            table = doc.add_table(rows=0, cols=1)
            table.style = "Table Grid"
            for i, paras in enumerate(content):
                cell = table.add_row().cells[0]
                fill_cell(cell, paras[:1], bold=i == 0)
                for text in paras[1:]:
                    add_para(cell).add_run(text)
            add_para(doc)
        else:
            write_meta(doc, [(kind, content)])


def build_near_miss(spec: dict, path: Path) -> None:
    """Write one near-miss document as .docx."""
    doc = new_document(spec["blocks"][0][1], landscape=True)
    write_blocks(doc, spec["blocks"])
    save_deterministic(doc, path)


def build_prose_plan(spec: dict, path: Path) -> None:
    """Write one zoo plan that has no action table (minutes, boxes, headings) as .docx."""
    doc = new_document(spec["title"], spec["landscape"])
    write_blocks(doc, zoo_prose.blocks(spec))
    save_deterministic(doc, path)


_PDF_DATE_RE = re.compile(rb"D:\d{14}")
_PDF_ID_RE = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>)")


def fix_pdf(path: Path) -> None:
    """Overwrite LibreOffice's dates and file ids with fixed values of the same length."""
    data = _PDF_DATE_RE.sub(b"D:20190612090000", path.read_bytes())
    data = _PDF_ID_RE.sub(lambda m: m[1] + b"0" * len(m[2]) + m[3] + b"0" * len(m[4]) + m[5], data)
    path.write_bytes(data)


def to_pdf(paths: list[Path]) -> None:
    """Print documents to PDF with LibreOffice (in a private profile)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("soffice not found: PDFs not made", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory(prefix="lo_zoo_") as prof:
        cmd = [soffice, f"-env:UserInstallation=file://{prof}", "--headless",
               "--convert-to", "pdf", "--outdir", str(DOCS), *map(str, paths)]  # fmt: skip
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    for p in paths:
        fix_pdf(p.with_suffix(".pdf"))


def dump_json(obj: dict, path: Path) -> None:
    """Write JSON with a stable layout."""
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


README = HERE / "README.md"
TABLE_MARK = "<!-- the table below is written by make_zoo.py -->"


def variation_table(specs: list[dict]) -> str:
    """Return the README's table of documents against their layout choices."""
    head = ["document", "headings (in order)", "two-row", "sections", "RAG", "entries",
            "due forms", "owners", "title/date at", "rules", "tables", "pdf"]  # fmt: skip
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for spec in specs:
        lay = zoo_data.layout_summary(spec)
        cells = [
            spec["name"],
            " / ".join(h or "(blank)" for h in lay["headings"]) or f"no table: {lay['form']}",
            ", ".join(lay["two_row"]) or "–",
            lay["sections"] or "–",
            lay["rag"],
            f"{lay['entry']} {lay['entry_layout']}",
            ", ".join(lay["due_forms"]),
            "new line" if lay["owner_sep"] == "\n" else f"`{lay['owner_sep']}`",
            ", ".join(lay["meta"]),
            lay["borders"],
            lay["tables"]
            + ("" if lay["repeat_header"] else ", header once")
            + (", long rows" if lay["long_rows"] else ""),
            "yes" if lay["pdf"] else "",
        ]
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def write_readme_table(specs: list[dict]) -> None:
    """Replace the README's generated table (everything after its marker)."""
    if not README.exists():
        return
    text = README.read_text(encoding="utf-8")
    head = text.split(TABLE_MARK, 1)[0]
    README.write_text(f"{head}{TABLE_MARK}\n\n{variation_table(specs)}", encoding="utf-8")


def main(argv: list[str]) -> int:
    DOCS.mkdir(exist_ok=True)
    EXPECTED.mkdir(exist_ok=True)
    to_print = []
    specs = zoo_data.plan_specs()
    for spec in specs:
        path = DOCS / f"{spec['name']}.docx"
        (build_plan if spec["form"] == "table" else build_prose_plan)(spec, path)
        dump_json(zoo_data.expected_record(spec), EXPECTED / f"{spec['name']}.json")
        if spec["pdf"]:
            to_print.append(path)
    for spec in zoo_nearmiss.NEAR_MISSES:
        path = DOCS / f"{spec['name']}.docx"
        build_near_miss(spec, path)
        dump_json(zoo_nearmiss.expected_refusal(spec), EXPECTED / f"{spec['name']}.json")
        if spec["pdf"]:
            to_print.append(path)
    write_readme_table(specs)
    if "--no-pdf" not in argv:
        to_pdf(to_print)
    print(f"{len(specs)} plans, {len(zoo_nearmiss.NEAR_MISSES)} near-misses, {len(to_print)} PDFs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
