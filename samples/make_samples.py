#!/usr/bin/env python3
"""Generate the sample action-plan documents in samples/.

Standalone: uses python-docx + lxml only (does NOT import ``actionplan``).

    python samples/make_samples.py            # .docx + .json, then PDFs via LibreOffice
    python samples/make_samples.py --no-pdf   # .docx + .json only
    python samples/make_samples.py --locked   # also encrypt locked/ anew (msoffcrypto-tool)

Outputs (all in the directory of this script):

* cp-reduction-v8.docx / .rag.json   faithful Word version of cp-reduction-v8.txt
* cp-reduction-v7.docx / .rag.json   the previous version (V7), derived from V8
* v7-to-v8-changes.json              the true list of V7 -> V8 changes
* workforce-plan-q2.docx / .expected.json   a plan in another author's layout
* *.pdf                              LibreOffice headless conversions
* locked/cp-reduction-v8-locked.docx  V8 with a password to open ("review"), made only
                                     with --locked (random salts: committed as made)

The .docx files are byte-for-byte reproducible (fixed core properties and
fixed zip member timestamps).  PDFs carry LibreOffice's own creation date.
"""

from __future__ import annotations

import copy
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import UTC, datetime

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = os.path.join(HERE, "cp-reduction-v8.txt")

FIXED_TIME = datetime(2018, 6, 14, 9, 0, 0, tzinfo=UTC)
ZIP_TIME = (2018, 6, 14, 9, 0, 0)

LEGEND_RGB = {"Blue": "0070C0", "Green": "00B050", "Yellow": "FFFF00", "Red": "FF0000"}
LEGEND = [
    ("Blue", "Completed"),
    ("Green", "On Track"),
    ("Yellow", "In progress \u2013 potential problems"),
    ("Red", "Delayed"),
]

FONT = "Arial"
FONT_SIZE = Pt(9)

DATE_START = re.compile(r"^\s*\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")


# ---------------------------------------------------------------------------
# 1. Parse the text dump
# ---------------------------------------------------------------------------


def cell_paragraphs(text: str) -> list[tuple[str, str]]:
    """Split one dumped cell into Word paragraphs.

    Returns a list of (kind, text) with kind "p" (normal paragraph) or
    "bullet" (an item of a bullet list).  ``<p>…</p>`` gives one paragraph
    each; text outside ``<p>`` is one paragraph; ``<ul …>`` starts a list whose
    items are separated by "•" (the dump has no closing tags).  All HTML
    tags/attributes are stripped.
    """
    out: list[tuple[str, str]] = []
    pos = 0
    token = re.compile(r"<p>(.*?)</p>|<ul[^>]*>(.*?)(?:</ul>|$)", re.S)
    for m in token.finditer(text):
        outside = text[pos : m.start()].strip()
        if outside:
            out.append(("p", _clean(outside)))
        if m.group(1) is not None:
            out.append(("p", _clean(m.group(1))))
        else:
            for item in m.group(2).split("\u2022"):
                item = _clean(re.sub(r"</?li[^>]*>", " ", item))
                if item:
                    out.append(("bullet", item))
        pos = m.end()
    rest = text[pos:].strip()
    if rest:
        out.append(("p", _clean(rest)))
    return out


def _clean(s: str) -> str:
    s = re.sub(r"<[^>]+>", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def parse_dump(path: str) -> dict:
    """Parse the seed dump into title, header, actions and legend."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    title = None
    header = None
    actions: list[dict] = []
    legend: list[tuple[str, str]] = []
    joins: list[str] = []  # refs whose continuation was joined mid-sentence
    for line in lines:
        if not line.strip():
            continue
        if line.startswith("CP Reduction Action Plan Review"):
            title = title or line.strip()
            continue
        fields = line.split("\t")
        if len(fields) == 2:
            legend.append((fields[0].strip(), fields[1].strip()))
            continue
        if len(fields) != 6:
            raise ValueError(f"unexpected line with {len(fields)} fields: {line[:60]!r}")
        if header is None and fields[0] == "" and fields[1] == "Action":
            header = [x.strip() for x in fields]
            continue
        if all(not x.strip() for x in fields[:4]):
            # continuation of the previous action's update (page break)
            prev = actions[-1]
            cont = cell_paragraphs(fields[4])
            upd = prev["update"]
            if cont and not DATE_START.match(cont[0][1]):
                # sentence was cut by the page break: same paragraph
                kind, last = upd[-1]
                upd[-1] = (kind, last + " " + cont[0][1])
                cont = cont[1:]
                joins.append(prev["ref"])
            upd.extend(cont)
            prev["continued"] = True
            continue
        actions.append(
            {
                "ref": fields[0].strip(),
                "action": cell_paragraphs(fields[1]),
                "owner": _clean(fields[2]),
                "due": _clean(fields[3]),
                "update": cell_paragraphs(fields[4]),
                "continued": False,
            }
        )
    return {"title": title, "header": header, "actions": actions, "legend": legend, "joins": joins}


# ---------------------------------------------------------------------------
# 2. Low-level docx helpers (python-docx API + lxml where the API has none)
# ---------------------------------------------------------------------------


def set_cell_shading(cell, fill: str) -> None:
    tcPr = cell._tc.get_or_add_tcPr()
    for old in tcPr.findall(qn("w:shd")):
        tcPr.remove(old)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcPr.insert_element_before(
        shd,
        "w:noWrap",
        "w:tcMar",
        "w:textDirection",
        "w:tcFitText",
        "w:vAlign",
        "w:hideMark",
        "w:headers",
        "w:cellIns",
        "w:cellDel",
        "w:cellMerge",
        "w:tcPrChange",
    )


def set_repeat_header(row) -> None:
    trPr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trPr.insert_element_before(
        el, "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange"
    )


def format_paragraph(p) -> None:
    pf = p.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(4)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE


def add_run(p, text: str, bold: bool = False):
    r = p.add_run(text)
    r.font.name = FONT
    r.font.size = FONT_SIZE
    if bold:
        r.bold = True
    return r


def fill_cell(cell, paras, bold: bool = False) -> None:
    """Write paragraphs [(kind, text)] into an (empty) cell."""
    if isinstance(paras, str):
        paras = [("p", paras)] if paras else []
    first = True
    for kind, text in paras:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        if kind == "bullet":
            p.style = "List Bullet"
        format_paragraph(p)
        add_run(p, text, bold=bold)
    if first:  # empty cell: still format its single paragraph
        format_paragraph(cell.paragraphs[0])


def set_widths(table, widths_mm) -> None:
    table.autofit = False
    for i, w in enumerate(widths_mm):
        table.columns[i].width = Mm(w)
        for cell in table.columns[i].cells:
            cell.width = Mm(w)


def new_document(title: str | None, landscape: bool = True):
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = FONT_SIZE
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    sec = doc.sections[0]
    if landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Mm(297), Mm(210)
    else:
        sec.page_width, sec.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(sec, side, Mm(15))
    sec.top_margin, sec.bottom_margin = Mm(20), Mm(15)
    sec.header_distance, sec.footer_distance = Mm(8), Mm(8)
    cp = doc.core_properties
    cp.author = "samples/make_samples.py"
    cp.last_modified_by = "samples/make_samples.py"
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.last_printed = FIXED_TIME
    cp.revision = 1
    cp.title = title or ""
    cp.comments = ""
    return doc


def save_deterministic(
    doc, path: str | os.PathLike[str], zip_time: tuple[int, ...] = ZIP_TIME
) -> None:
    """Save with fixed zip timestamps so re-runs give identical bytes."""
    buf = io.BytesIO()
    doc.save(buf)
    buf.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=zip_time)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, zin.read(info.filename))
    with open(path, "wb") as f:
        f.write(out.getvalue())


# ---------------------------------------------------------------------------
# 3. CP reduction plan (V8 faithful, V7 derived)
# ---------------------------------------------------------------------------

CP_WIDTHS = [10, 62, 32, 26, 122, 15]  # 267 mm = A4 landscape minus margins


def build_cp_doc(
    title: str, header: list[str], actions: list[dict], rag: dict[str, str], path: str
) -> None:
    doc = new_document(title)
    hp = doc.sections[0].header.paragraphs[0]
    hp.text = ""
    add_run(hp, title, bold=True).font.size = Pt(11)

    table = doc.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    hdr = table.rows[0]
    set_repeat_header(hdr)
    for cell, text in zip(hdr.cells, header, strict=False):
        fill_cell(cell, text, bold=True)
    for a in actions:
        row = table.add_row()
        c = row.cells
        fill_cell(c[0], a["ref"])
        fill_cell(c[1], a["action"])
        fill_cell(c[2], a["owner"])
        fill_cell(c[3], a["due"])
        fill_cell(c[4], a["update"])
        fill_cell(c[5], "")
        set_cell_shading(c[5], LEGEND_RGB[rag[a["ref"]]])
    set_widths(table, CP_WIDTHS)

    gap = doc.add_paragraph()
    format_paragraph(gap)

    leg = doc.add_table(rows=0, cols=2)
    leg.style = "Table Grid"
    for colour, label in LEGEND:
        row = leg.add_row()
        fill_cell(row.cells[0], colour)
        set_cell_shading(row.cells[0], LEGEND_RGB[colour])
        fill_cell(row.cells[1], label)
    set_widths(leg, [30, 75])
    save_deterministic(doc, path)


# RAG colours painted in V8 (rule: latest update says Complete/Completed ->
# Blue; otherwise mostly Green; 14/15 Yellow; 16 Red).
V8_RAG = {
    "1": "Blue",
    "2": "Blue",
    "3": "Blue",
    "4": "Blue",
    "5": "Green",
    "6": "Blue",
    "7": "Green",
    "8": "Green",
    "9": "Green",
    "10": "Blue",
    "11": "Green",
    "12": "Green",
    "13": "Green",
    "14": "Yellow",
    "15": "Yellow",
    "16": "Red",
    "17": "Blue",
    "18": "Blue",
    "19": "Green",
}

V8_DATE = "14/06/2018"
V7_TITLE = "CP Reduction Action Plan Review- 16/05/2018 \u2013 V7"

# --- the designed V7 -> V8 differences (V8 is the seed; V7 is derived) ---
V7_DUE = {"12": "Mid-March 2018"}  # due slipped
V7_ACTION = {
    "16": "Monthly data to be provided to identify trends earlier, allowing quicker resolution"
}  # reworded
V7_OWNER = {"13": "CP/Court Managers and Cath Thomas"}  # owner added in V8
V7_RAG_DIFF = {"11": "Yellow", "18": "Green"}  # RAG moves
V7_ENTRY_EDIT = {  # V8 ref -> (V8 entry text, V7 entry text): history rewritten
    "7": (
        "08/03/2018 \u2013 8 young people identified in cohort, newly recruited "
        "IRO will progress to RCPC",
        "08/03/2018 \u2013 9 young people identified in cohort, newly recruited "
        "IRO will progress to RCPC",
    ),
}
V7_REMOVED = {  # present in V7 as ref 18, dropped by V8 (completed)
    "ref": "18",
    "action": [
        (
            "p",
            "Audit a sample of 20 ICPCs held in Q4 to test whether the "
            "threshold for Significant harm was met at the point of conference",
        )
    ],
    "owner": "Cath Thomas",
    "due": "30/04/18",
    "update": [
        (
            "p",
            "03/05/2018: Audit of 20 ICPCs completed \u2013 threshold met in 17; "
            "findings shared with CIN managers.",
        ),
        (
            "p",
            "16/05/2018: Completed \u2013 learning to be taken into the joint "
            "workshop (action 11).",
        ),
    ],
    "rag": "Blue",
}
# V8 ref -> V7 ref (renumbered because V8 dropped V7's action 18)
V7_REF = {"18": "19", "19": "20"}


def drop_new_entries(paras, review_date: str):
    """Remove entries dated ``review_date`` from a list of paragraphs.

    Returns (kept paragraphs, removed entry texts)."""
    kept, removed = [], []
    for kind, text in paras:
        if text.startswith(review_date):
            removed.append(text)
            continue
        i = text.find(" " + review_date)
        if i >= 0:
            removed.append(text[i + 1 :])
            text = text[:i].rstrip()
        kept.append((kind, text))
    return kept, removed


def derive_v7(v8_actions: list[dict]):
    v7_actions, v7_rag, added_entries = [], {}, {}
    for a in v8_actions:
        b = copy.deepcopy(a)
        ref8 = a["ref"]
        b["ref"] = V7_REF.get(ref8, ref8)
        if ref8 in V7_DUE:
            b["due"] = V7_DUE[ref8]
        if ref8 in V7_ACTION:
            b["action"] = [("p", V7_ACTION[ref8])]
        if ref8 in V7_OWNER:
            b["owner"] = V7_OWNER[ref8]
        b["update"], removed = drop_new_entries(b["update"], V8_DATE)
        if removed:
            added_entries[ref8] = removed
        if ref8 in V7_ENTRY_EDIT:
            new, old = V7_ENTRY_EDIT[ref8]
            hits = 0
            upd = []
            for kind, text in b["update"]:
                if new in text:
                    text = text.replace(new, old)
                    hits += 1
                upd.append((kind, text))
            assert hits == 1, ref8
            b["update"] = upd
        v7_rag[b["ref"]] = V7_RAG_DIFF.get(ref8, V8_RAG[ref8])
        if ref8 == "18":  # insert the dropped action before V8's 18 (V7's 19)
            rem = {k: v for k, v in V7_REMOVED.items() if k != "rag"}
            v7_actions.append(copy.deepcopy(rem))
            v7_rag[rem["ref"]] = V7_REMOVED["rag"]
        v7_actions.append(b)
    v7_rag = {k: v7_rag[k] for k in sorted(v7_rag, key=int)}
    return v7_actions, v7_rag, added_entries


def action_text(a) -> str:
    return " ".join(t for _, t in a["action"])


def build_changes(v8_actions, v7_actions, v7_rag, added_entries) -> dict:
    v8 = {a["ref"]: a for a in v8_actions}
    v7 = {a["ref"]: a for a in v7_actions}
    changes = []
    # removed
    changes.append(
        {
            "kind": "removed",
            "old_ref": V7_REMOVED["ref"],
            "new_ref": None,
            "old": action_text(V7_REMOVED),
            "new": None,
        }
    )
    # renumbered
    for new_ref, old_ref in V7_REF.items():
        changes.append(
            {
                "kind": "renumbered",
                "old_ref": old_ref,
                "new_ref": new_ref,
                "old": old_ref,
                "new": new_ref,
            }
        )
    # rag
    for new_ref, old_colour in V7_RAG_DIFF.items():
        old_ref = V7_REF.get(new_ref, new_ref)
        assert v7_rag[old_ref] == old_colour
        changes.append(
            {
                "kind": "rag",
                "old_ref": old_ref,
                "new_ref": new_ref,
                "old": old_colour,
                "new": V8_RAG[new_ref],
            }
        )
    for new_ref, old_due in V7_DUE.items():
        changes.append(
            {
                "kind": "due",
                "old_ref": V7_REF.get(new_ref, new_ref),
                "new_ref": new_ref,
                "old": old_due,
                "new": v8[new_ref]["due"],
            }
        )
    for new_ref, old_text in V7_ACTION.items():
        changes.append(
            {
                "kind": "action",
                "old_ref": V7_REF.get(new_ref, new_ref),
                "new_ref": new_ref,
                "old": old_text,
                "new": action_text(v8[new_ref]),
            }
        )
    for new_ref, old_owner in V7_OWNER.items():
        changes.append(
            {
                "kind": "owners",
                "old_ref": V7_REF.get(new_ref, new_ref),
                "new_ref": new_ref,
                "old": old_owner,
                "new": v8[new_ref]["owner"],
            }
        )
    for new_ref, (new, old) in V7_ENTRY_EDIT.items():
        changes.append(
            {
                "kind": "update_edited",
                "old_ref": V7_REF.get(new_ref, new_ref),
                "new_ref": new_ref,
                "date": "2018-03-08",
                "old": old,
                "new": new,
            }
        )
    for new_ref in sorted(added_entries, key=int):
        entries = added_entries[new_ref]
        changes.append(
            {
                "kind": "update_added",
                "old_ref": V7_REF.get(new_ref, new_ref),
                "new_ref": new_ref,
                "date": "2018-06-14",
                "old": None,
                "new": entries[0] if len(entries) == 1 else entries,
            }
        )
    # sanity: every change really is in the documents
    for ch in changes:
        if ch["old_ref"] and ch["kind"] != "removed":
            assert ch["old_ref"] in v7, ch
    changed = sorted(
        {c["new_ref"] for c in changes if c["new_ref"] and c["kind"] not in ("renumbered",)},
        key=int,
    )
    renum_only = sorted(
        {c["new_ref"] for c in changes if c["kind"] == "renumbered"} - set(changed), key=int
    )
    assert not renum_only, "a renumber-only action would make 'changed' ambiguous"
    unchanged = [r for r in v8 if r not in changed]
    summary = {
        "v7_actions": len(v7_actions),
        "v8_actions": len(v8_actions),
        "added": 0,
        "removed": 1,
        "changed": len(changed),
        "unchanged": len(unchanged),
        "renumbered": len(V7_REF),
        "changed_refs": changed,
        "unchanged_refs": unchanged,
        "removed_old_refs": [V7_REMOVED["ref"]],
        "update_added_refs": sorted(added_entries, key=int),
        "no_new_entry_refs": [r for r in v8 if r not in added_entries],
    }
    return {
        "from": {
            "file": "cp-reduction-v7.docx",
            "title": V7_TITLE,
            "review_date": "2018-05-16",
            "version": "V7",
        },
        "to": {
            "file": "cp-reduction-v8.docx",
            "title": "CP Reduction Action Plan Review- 14/06/2018 \u2013 V8",
            "review_date": "2018-06-14",
            "version": "V8",
        },
        "matching": "by V8 ref; V7 18 was dropped, so V7 19/20 are V8 18/19",
        "summary": summary,
        "changes": changes,
    }


# ---------------------------------------------------------------------------
# 4. Workforce plan (different author / layout)
# ---------------------------------------------------------------------------

WF_TITLE = "Workforce Improvement Plan \u2013 Progress Update 30/09/2019 (Version 3)"
WF_HEADER = [
    "Ref",
    "Action required",
    "Lead Officer",
    "Target Date",
    "RAG Status",
    "Progress Update",
]
WF_WIDTHS = [12, 70, 38, 27, 20, 100]

# update: list of paragraphs; a paragraph given as a list of strings is one
# paragraph whose pieces are separated by line breaks (w:br).
WF_ROWS = [
    ("section", "Priority 1: Recruitment"),
    {
        "ref": "1.1",
        "action": "Launch a targeted recruitment campaign for experienced social workers, "
        "including a refreshed microsite and social media adverts",
        "owner": "Head of HR and Marketing Team",
        "owners": ["Head of HR", "Marketing Team"],
        "due": "End of June 2019",
        "due_kind": "approximate",
        "due_date": "2019-06-30",
        "status": "Complete",
        "update": [
            "5th March 2019: Campaign brief agreed with Marketing.",
            "Update 10/04/2019: Microsite live; first adverts placed on 08/04/2019.",
            "01/07/2019: Campaign closed \u2013 14 applications, 6 appointments made.",
        ],
        "entry_dates": ["2019-03-05", "2019-04-10", "2019-07-01"],
    },
    {
        "ref": "1.2",
        "action": "Establish a rolling recruitment panel for Advanced Practitioner posts",
        "owner": "Sarah Mitchell",
        "owners": ["Sarah Mitchell"],
        "vmerge": "restart",
        "due": "Q3 2019/20",
        "due_kind": "approximate",
        "due_date": "2019-12-31",
        "status": "Green",
        "update": [
            "30/09/2019: Panel met twice in September; 2 offers made.",
            "15/07/2019: Panel terms of reference agreed, first panel booked for 09/09/2019.",
        ],
        "entry_dates": ["2019-09-30", "2019-07-15"],
    },
    {
        "ref": "1.3",
        "action": "Review agency social worker usage and agree a reduction trajectory with "
        "each service manager",
        "owner": "",
        "owners": ["Sarah Mitchell"],
        "vmerge": "continue",
        "due": "31/12/2019",
        "due_kind": "date",
        "due_date": "2019-12-31",
        "status": "Amber",
        "update": [
            "Update 10/04/2019: Agency usage at 38 FTE. 28/06/2019 - Trajectory "
            "agreed with 3 of 5 service managers; remaining 2 to be agreed by "
            "31/07/2019. 30/09/2019 \u2013 Agency usage at 31 FTE against a target "
            "of 25 by 31/12/2019."
        ],
        "entry_dates": ["2019-04-10", "2019-06-28", "2019-09-30"],
    },
    ("section", "Priority 2: Retention"),
    {
        "ref": "2.1",
        "action": "Introduce exit interviews for all leaving social workers, with quarterly "
        "analysis reported to the Workforce Board",
        "owner": "HR Business Partner; Principal Social Worker",
        "owners": ["HR Business Partner", "Principal Social Worker"],
        "due": "Ongoing",
        "due_kind": "ongoing",
        "due_date": None,
        "status": "Green",
        "update": [
            [
                "5th March 2019: Exit interview template agreed.",
                "20/06/2019: 9 interviews completed in Q1; main themes are caseload and travel.",
                "30/09/2019: Q2 analysis presented to Workforce Board on 24/09/2019.",
            ]
        ],
        "entry_dates": ["2019-03-05", "2019-06-20", "2019-09-30"],
    },
    {
        "ref": "2.2",
        "action": "Implement a caseload weighting tool across Safeguarding teams",
        "owner": "Paul Rooney",
        "owners": ["Paul Rooney"],
        "due": "w/c 04/11/19",
        "due_kind": "approximate",
        "due_date": "2019-11-04",
        "status": "Red",
        "update": [
            "30/09/2019: Tool procurement delayed; go-live moved from w/c 02/09/19 "
            "to w/c 04/11/19. Update 10/07/2019: Specification agreed by Heads of "
            "Service."
        ],
        "entry_dates": ["2019-09-30", "2019-07-10"],
    },
    {
        "ref": "2.3",
        "action": "Offer a flexible working pilot to two teams and evaluate the impact on "
        "retention",
        "owner": "Team Manager North & Team Manager South",
        "owners": ["Team Manager North", "Team Manager South"],
        "due": "End of June 2019",
        "due_kind": "approximate",
        "due_date": "2019-06-30",
        "status": "Complete",
        "update": [
            "Update 10/04/2019: Two teams selected, pilot started.",
            "28/06/2019: Pilot evaluated positively and rolled out as BAU.",
        ],
        "entry_dates": ["2019-04-10", "2019-06-28"],
    },
    ("section", "Priority 3: Learning and Development"),
    {
        "ref": "3.1",
        "action": "Deliver the ASYE programme for the September 2019 cohort of newly "
        "qualified social workers",
        "owner": "The Academy/ Principal Social Worker",
        "owners": ["The Academy/ Principal Social Worker"],
        "due": "Q3 2019/20",
        "due_kind": "approximate",
        "due_date": "2019-12-31",
        "status": "Green",
        "update": [
            "30/09/2019: 12 NQSWs started on 02/09/2019; all allocated a mentor.",
            "5th March 2019: Programme reviewed following ASYE moderation feedback.",
        ],
        "entry_dates": ["2019-09-30", "2019-03-05"],
    },
    {
        "ref": "3.2",
        "action": "Roll out the management development programme for all team managers",
        "owner": "Jane Hoey and Workforce Development Manager",
        "owners": ["Jane Hoey", "Workforce Development Manager"],
        "due": "31/12/2019",
        "due_kind": "date",
        "due_date": "2019-12-31",
        "status": "Amber",
        "update": [
            "Update 10/04/2019: Provider commissioned. 16/07/2019: Module 1 held on "
            "11/07/2019 \u2013 attendance 8 of 14 managers. 30/09/2019: Module 2 "
            "postponed to October due to Ofsted focused visit."
        ],
        "entry_dates": ["2019-04-10", "2019-07-16", "2019-09-30"],
    },
    {
        "ref": "3.3",
        "action": "Refresh the supervision policy and audit supervision quality quarterly",
        "owner": "Principal Social Worker",
        "owners": ["Principal Social Worker"],
        "due": "Ongoing",
        "due_kind": "ongoing",
        "due_date": None,
        "status": "Green",
        "update": [
            "30/09/2019: Q2 audit of 40 supervision records completed; 78% rated good or better.",
            "03/07/2019: Q1 audit completed; 71% rated good or better.",
            "5th March 2019: Revised policy signed off at SMT.",
        ],
        "entry_dates": ["2019-09-30", "2019-07-03", "2019-03-05"],
    },
]


def build_workforce(path: str, expected_path: str) -> None:
    doc = new_document(WF_TITLE)
    tp = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    format_paragraph(tp)
    add_run(tp, WF_TITLE, bold=True).font.size = Pt(14)
    sub = doc.add_paragraph()
    format_paragraph(sub)
    add_run(sub, "Children\u2019s Services \u2013 Workforce Board")

    table = doc.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    hdr = table.rows[0]
    set_repeat_header(hdr)
    for cell, text in zip(hdr.cells, WF_HEADER, strict=False):
        fill_cell(cell, text, bold=True)
        set_cell_shading(cell, "D9D9D9")  # grey header band (not a RAG)
    set_widths(table, WF_WIDTHS)

    expected = []
    section = None
    vmerge_top = None
    for item in WF_ROWS:
        row = table.add_row()
        c = row.cells
        for i, w in enumerate(WF_WIDTHS):
            c[i].width = Mm(w)
        if isinstance(item, tuple):
            section = item[1]
            merged = c[0].merge(c[5])  # w:gridSpan="6"
            fill_cell(merged, section, bold=True)
            continue
        fill_cell(c[0], item["ref"])
        fill_cell(c[1], item["action"])
        fill_cell(c[3], item["due"])
        fill_cell(c[4], item["status"])
        # update cell: paragraphs; a list = one paragraph with w:br between pieces
        first = True
        for para in item["update"]:
            p = c[5].paragraphs[0] if first else c[5].add_paragraph()
            first = False
            format_paragraph(p)
            if isinstance(para, list):
                for j, piece in enumerate(para):
                    r = add_run(p, piece)
                    if j < len(para) - 1:
                        r.add_break()
            else:
                add_run(p, para)
        if item.get("vmerge") == "restart":
            fill_cell(c[2], item["owner"])
            vmerge_top = c[2]
        elif item.get("vmerge") == "continue":
            format_paragraph(c[2].paragraphs[0])
            vmerge_top.merge(c[2])  # w:vMerge restart / continue
        else:
            fill_cell(c[2], item["owner"])
        expected.append(
            {
                "ref": item["ref"],
                "section": section,
                "action": item["action"],
                "owners": item["owners"],
                "owner_text": item["owner"] or "(vertically merged with the row above)",
                "due_text": item["due"],
                "due_kind": item["due_kind"],
                "due_date": item["due_date"],
                "status": item["status"],
                "entry_dates": item["entry_dates"],
            }
        )
    save_deterministic(doc, path)
    meta = {
        "file": os.path.basename(path),
        "title": WF_TITLE,
        "title_location": "first body paragraph (no page header)",
        "plan_title": "Workforce Improvement Plan",
        "review_date": "2019-09-30",
        "version": "3",
        "columns": WF_HEADER,
        "sections": [x[1] for x in WF_ROWS if isinstance(x, tuple)],
        "legend": None,
        "rag_representation": "words in the RAG Status cell, no shading "
        "(header row has a grey D9D9D9 band)",
        "notes": {
            "vmerge": "Lead Officer of 1.2 is vertically merged over 1.3: both are "
            "owned by Sarah Mitchell",
            "line_breaks": "2.1's update is one paragraph with w:br between entries",
            "newest_first": ["1.2", "2.2", "3.1", "3.3"],
            "entry_dates": "dates that START an entry, in document order; every "
            "other date in the cell is a mention",
        },
        "actions": expected,
    }
    with open(expected_path, "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=2, ensure_ascii=False)
        f.write("\n")


# ---------------------------------------------------------------------------
# 5. PDF conversion
# ---------------------------------------------------------------------------


def to_pdf(docx_paths: list[str]) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("soffice not found: PDFs not made", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory(prefix="lo_samples_") as prof:
        cmd = [
            soffice,
            f"-env:UserInstallation=file://{prof}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            HERE,
            *docx_paths,
        ]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def dump_json(obj, name: str) -> None:
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=2, ensure_ascii=False)
        f.write("\n")


LOCKED_PASSWORD = "review"


def locked_copy() -> None:
    """V8 saved with a password to open ("review"), encrypted as Word 2010 on does it
    (ECMA-376 agile: AES-256, SHA-512, 100,000 rounds) by msoffcrypto-tool. Its salts are
    random, so each run gives other bytes: it is committed as made."""
    from msoffcrypto.format.ooxml import OOXMLFile

    with (
        open(os.path.join(HERE, "cp-reduction-v8.docx"), "rb") as src,
        open(os.path.join(HERE, "locked", "cp-reduction-v8-locked.docx"), "wb") as out,
    ):
        OOXMLFile(src).encrypt(LOCKED_PASSWORD, out)


def main(argv: list[str]) -> int:
    seed = parse_dump(SEED)
    v8 = seed["actions"]
    assert seed["title"] == "CP Reduction Action Plan Review- 14/06/2018 \u2013 V8"
    assert [a["ref"] for a in v8] == [str(i) for i in range(1, 20)]
    assert sorted(a["ref"] for a in v8 if a["continued"]) == ["12", "15", "18", "9"]
    assert seed["joins"] == ["15", "18"], seed["joins"]
    assert [c for c, _ in seed["legend"]] == [c for c, _ in LEGEND]

    out = lambda n: os.path.join(HERE, n)  # noqa: E731
    build_cp_doc(seed["title"], seed["header"], v8, V8_RAG, out("cp-reduction-v8.docx"))
    dump_json(V8_RAG, "cp-reduction-v8.rag.json")

    v7, v7_rag, added = derive_v7(v8)
    assert len(v7) == 20 and [a["ref"] for a in v7] == [str(i) for i in range(1, 21)]
    build_cp_doc(V7_TITLE, seed["header"], v7, v7_rag, out("cp-reduction-v7.docx"))
    dump_json(v7_rag, "cp-reduction-v7.rag.json")
    dump_json(build_changes(v8, v7, v7_rag, added), "v7-to-v8-changes.json")

    build_workforce(out("workforce-plan-q2.docx"), out("workforce-plan-q2.expected.json"))
    if "--locked" in argv:
        locked_copy()

    if "--no-pdf" not in argv:
        to_pdf(
            [
                out("cp-reduction-v8.docx"),
                out("cp-reduction-v7.docx"),
                out("workforce-plan-q2.docx"),
            ]
        )
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
