"""Make the sample Excel trackers (openpyxl), then their .ods/.xlsm/.xls copies (LibreOffice).

    python samples/trackers/make_trackers.py            # all of them
    python samples/trackers/make_trackers.py --no-office # the openpyxl workbooks only

Does not import actionplan. The Word plan the first tracker replaced is
samples/cp-reduction-v8.docx (read here with python-docx); the tracker is its next review,
V9, with the changes listed in cp-reduction-v8-to-v9-changes.json, so that a diff across
formats can be checked against the truth. Workbooks are saved with fixed properties and zip
times, so that a rerun gives the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import docx
from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule, FormulaRule, Rule
from openpyxl.styles import Alignment, Color, Font, PatternFill
from openpyxl.styles.differential import DifferentialStyle

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent
STAMP = dt.datetime(2018, 7, 12, 9, 0, 0)
STAMP_TEXT = b"2018-07-12T09:00:00Z"
WRAP = Alignment(wrap_text=True, vertical="top")
HEADINGS = ["Ref", "Action", "Person Responsible", "By When", "Update", "RAG"]

# The fills of the key: a theme colour with a tint, theme colours, an indexed colour and RGB,
# the ways Excel stores a colour (openpyxl's default theme: accent1 4F81BD, accent3 9BBB59).
FILLS = {
    "Blue": PatternFill("solid", fgColor=Color(theme=4, tint=0.3999755851924192)),
    "Green": PatternFill("solid", fgColor=Color(theme=6)),
    "Yellow": PatternFill("solid", fgColor=Color(indexed=13)),
    "Red": PatternFill("solid", fgColor=Color(rgb="FFFF0000")),
}
KEY = [
    ("Blue", "Completed"),
    ("Green", "On Track"),
    ("Yellow", "In progress – potential problems"),
    ("Red", "Delayed"),
]


def paragraphs(cell: object) -> str:
    """A cell's paragraphs one a line, a list item with the bullet Word shows ("• ")."""
    lines = []
    for p in cell.paragraphs:  # type: ignore[attr-defined]
        text = p.text.strip()
        if not text:
            continue
        listed = p.style.name.startswith("List Bullet") or (
            p._p.pPr is not None and p._p.pPr.numPr is not None
        )
        lines.append(f"• {text}" if listed else text)
    return "\n".join(lines)


def v8_rows() -> list[dict[str, object]]:
    """Return the actions of the Word V8 as cells (ref, action, owner, due, entries, RAG)."""
    document = docx.Document(str(SAMPLES / "cp-reduction-v8.docx"))
    rag = json.loads((SAMPLES / "cp-reduction-v8.rag.json").read_text("utf-8"))
    rows = []
    for row in document.tables[0].rows[1:]:
        cells = row.cells
        entries = [p.text.strip() for p in cells[4].paragraphs if p.text.strip()]
        ref = cells[0].text.strip()
        rows.append(
            {
                "ref": ref,
                "action": paragraphs(cells[1]),
                "owner": cells[2].text.strip(),
                "due": cells[3].text.strip(),
                "entries": entries,
                "rag": rag[ref],
            }
        )
    return rows


def v9_rows() -> list[dict[str, object]]:
    """Return V9: V8 with the changes the truth file lists."""
    rows = [dict(r) for r in v8_rows()]
    by_ref = {r["ref"]: r for r in rows}
    by_ref["9"]["entries"] = [*by_ref["9"]["entries"], "10/07/2018: Further reduction to 198"]  # type: ignore[misc]
    by_ref["11"]["entries"] = [*by_ref["11"]["entries"], "05/07/2018: Session held; complete"]  # type: ignore[misc]
    by_ref["11"]["rag"] = "Blue"
    by_ref["14"]["rag"] = "Green"
    by_ref["16"]["owner"] = "Paul Harris & Performance team, Cath Thomas"
    by_ref["12"]["due"] = "31/08/18"
    rows = [r for r in rows if r["ref"] != "19"]
    rows.append(
        {
            "ref": "20",
            "action": "Audit a sample of 20 child protection plans for SMART outcomes",
            "owner": "Cath Thomas",
            "due": "28/09/18",
            "entries": ["10/07/2018: Audit tool agreed with IROs"],
            "rag": "Green",
        }
    )
    return rows


CHANGES = {
    "from": {"file": "cp-reduction-v8.docx", "version": "V8", "review_date": "2018-06-14"},
    "to": {"file": "cp-reduction-v9.xlsx", "version": "V9", "review_date": "2018-07-12"},
    "changed": {
        "9": ["updates"],
        "11": ["rag", "updates"],
        "12": ["due"],
        "14": ["rag"],
        "16": ["owners"],
    },
    "added": ["20"],
    "removed": ["19"],
    "rag_moves": {"Green->Blue": 1, "Yellow->Green": 1},
}


def due_cell(text: str, serial: bool) -> tuple[object, str | None]:
    """A due date as Excel keeps it: a date serial formatted dd/mm/yy, or the text itself."""
    try:
        day = dt.datetime.strptime(text, "%d/%m/%y")
    except ValueError:
        return text, None
    return (day, "dd/mm/yy") if serial else (text, None)


def action_sheet(ws, rows, title: str, review: dt.datetime, *, key_fills: bool = True) -> None:
    """Write a tracker sheet: merged title, review date, header, one row per action."""
    ws["A1"] = title
    ws["A1"].font = Font(size=16, bold=True)
    ws.merge_cells("A1:F1")
    ws["A2"] = "Review date:"
    ws["B2"] = review
    ws["B2"].number_format = "dd/mm/yyyy"
    for i, heading in enumerate(HEADINGS, start=1):
        ws.cell(4, i, heading).font = Font(bold=True)
    for n, row in enumerate(rows, start=5):
        # Date serials and dates typed as text alternate, as in a sheet many people edit.
        due, fmt = due_cell(str(row["due"]), serial=n % 2 == 1)
        values = [int(row["ref"]), row["action"], row["owner"], due, "\n".join(row["entries"])]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(n, col, value)
            cell.alignment = WRAP
        if fmt:
            ws.cell(n, 4).number_format = fmt
        if key_fills:
            ws.cell(n, 6).fill = FILLS[str(row["rag"])]
    for col, width in zip("ABCDEF", (6, 50, 24, 14, 60, 8), strict=True):
        ws.column_dimensions[col].width = width


def key_sheet(wb: Workbook) -> None:
    ws = wb.create_sheet("Key")
    ws["A1"] = "RAG key"
    for n, (colour, label) in enumerate(KEY, start=2):
        ws.cell(n, 1, colour).fill = FILLS[colour]
        ws.cell(n, 2, label)


def helper_sheet(wb: Workbook) -> None:
    # A hidden sheet of drop-down values: a helper, never actions.
    ws = wb.create_sheet("Lists")
    for n, word in enumerate(["Ref", "Action", "Owner", "Red", "Amber", "Green"], start=1):
        ws.cell(n, 1, word)
        ws.cell(n, 2, "x")
        ws.cell(n, 3, "y")
    ws.sheet_state = "hidden"


def cp_tracker() -> Workbook:
    """The tracker that replaced cp-reduction-v8.docx: its next review, V9."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Actions"
    action_sheet(ws, v9_rows(), "CP Reduction Action Plan Review – V9", dt.datetime(2018, 7, 12))
    key_sheet(wb)
    helper_sheet(wb)
    ins = wb.create_sheet("Instructions")
    ins["A1"] = "How to update this tracker"
    ins["A2"] = "Add a dated line to the Update cell (Alt+Enter for a new line)."
    ins["A3"] = "Colour the RAG cell with the key's colours."
    return wb


def versions_tracker() -> Workbook:
    """One workbook, one sheet per review: V8 and V9 of the CP Reduction plan."""
    wb = Workbook()
    first = wb.active
    first.title = "V8 Jun 2018"
    action_sheet(first, v8_rows(), "CP Reduction Action Plan Review – V8", dt.datetime(2018, 6, 14))
    second = wb.create_sheet("V9 Jul 2018")
    action_sheet(
        second, v9_rows(), "CP Reduction Action Plan Review – V9", dt.datetime(2018, 7, 12)
    )
    key_sheet(wb)
    return wb


WORKFORCE = [
    (
        "W1",
        "Recruit two senior social workers",
        "Head of Service",
        43555,
        "Green",
        "12/03/2019: Interviews held\n26/03/2019: Two offers accepted",
    ),
    (
        "W2",
        "Reduce agency staff to under 10%",
        "HR Business Partner",
        "30/06/2019",
        "Amber",
        "12/03/2019: 14% agency; two conversions agreed",
    ),
    (
        "W3",
        "Exit interviews for every leaver",
        "Team Managers",
        "Ongoing",
        "Red",
        "12/03/2019: Only 3 of 8 leavers interviewed",
    ),
    (
        "W4",
        "Publish the supervision policy",
        "Principal Social Worker",
        43496,
        "Complete",
        "01/02/2019: Published on the intranet",
    ),
    (
        "W5",
        "Caseload dashboard for managers",
        "Performance Team",
        "April 2019",
        "Green",
        "12/03/2019: Prototype shown to managers",
    ),
]


def workforce_cf() -> Workbook:
    """Status as a word, coloured by conditional formatting; font colour as status;
    a hidden row and a hidden column; due dates as serials (two formats) and text."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Tracker"
    ws["A1"] = "Workforce Action Plan – Review date: 14/03/2019"
    ws["A1"].font = Font(size=14, bold=True)
    headings = ["ID", "Action", "Lead", "Target Date", "Status", "Progress", "Notes"]
    for i, h in enumerate(headings, start=1):
        ws.cell(3, i, h)
    formats = {"W1": "d mmm yyyy", "W4": "mm/dd/yyyy"}
    for n, (ref, action, lead, due, status, progress) in enumerate(WORKFORCE, start=4):
        for col, value in enumerate([ref, action, lead, due, status, progress], start=1):
            ws.cell(n, col, value).alignment = WRAP
        if ref in formats:
            ws.cell(n, 4).number_format = formats[ref]
        ws.cell(n, 7, f"note {ref}")
    # "Red" written in red: the word is the status, the font colour only repeats it.
    ws["E6"].font = Font(color="FFFF0000")
    ws.row_dimensions[7].hidden = True
    ws.column_dimensions["G"].hidden = True
    paint = {"Green": "FF00B050", "Amber": "FFFFC000", "Red": "FFFF0000"}
    for word, rgb in paint.items():
        fill = PatternFill(start_color=rgb, end_color=rgb, fill_type="solid")
        ws.conditional_formatting.add(
            "E4:E200", CellIsRule(operator="equal", formula=[f'"{word}"'], fill=fill)
        )
    blue = DifferentialStyle(fill=PatternFill(bgColor="FF0070C0", fill_type="solid"))
    rule = Rule(type="containsText", operator="containsText", text="Complete", dxf=blue)
    rule.formula = ['NOT(ISERROR(SEARCH("Complete",E4)))']
    ws.conditional_formatting.add("E4:E200", rule)
    ws.conditional_formatting.add(
        "F4:F200",
        FormulaRule(
            formula=["LEN(F4)>200"], fill=PatternFill(bgColor="FFFFFF00", fill_type="solid")
        ),
    )
    return wb


HOUSING = [
    ("H1", "Void turnaround under 28 days", "Voids Manager", 43585, "On track", "To board"),
    ("H2", "Damp and mould inspections for all reports", "Repairs Lead", 43616, "At risk", ""),
    ("H3", "Tenant satisfaction survey", "Engagement Officer", "Quarterly", "Delayed", ""),
    ("H4", "Publish the new allocations policy", "Head of Housing", 43524, "Complete", ""),
    ("H5", "Rent arrears early-contact calls", "Income Team", 43646, "on track", ""),
    ("H6", "Fire door checks in high-rise blocks", "Compliance Lead", 43555, "Not started", ""),
]
# Fills of the status key: the formula rules below paint the RAG column with these.
HOUSING_KEY = [
    ("FFFF0000", "Red", "Delayed"),
    ("FFFFC000", "Amber", "At risk"),
    ("FF00B050", "Green", "On track"),
    ("FF0070C0", "Blue", "Complete"),
]


def housing_formulas() -> Workbook:
    """A status word per action and an empty RAG column that formula rules paint from it:
    absolute and relative references, SEARCH/ISNUMBER, LEFT/UPPER, AND/OR, a rule on the
    whole row; and two rules no reader can settle (TODAY(), another sheet), warned about."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Actions"
    ws["A1"] = "Housing Improvement Plan"
    ws["A1"].font = Font(size=16, bold=True)
    ws["A2"] = "Review date: 30 April 2019"
    headings = ["Ref", "Action", "Lead", "Target", "Stage", "RAG", "Notes"]
    for i, h in enumerate(headings, start=1):
        ws.cell(4, i, h).font = Font(bold=True)
    for n, (ref, action, lead, due, status, note) in enumerate(HOUSING, start=5):
        values = [ref, action, lead, due, status, None, note or None]
        for col, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(n, col, value)
        if isinstance(due, int):
            ws.cell(n, 4).number_format = "d mmm yyyy"
    fills = {word: PatternFill(bgColor=rgb, fill_type="solid") for rgb, word, _ in HOUSING_KEY}

    def rule(where: str, formula: str, colour: str, stop: bool = False) -> None:
        ws.conditional_formatting.add(
            where, FormulaRule(formula=[formula], fill=fills[colour], stopIfTrue=stop)
        )

    # Priority is the order added: the first rule that holds for a cell paints it.
    rule("F5:F40", 'ISNUMBER(SEARCH("complete",$E5))', "Blue")  # absolute column
    rule("F5:F40", 'E5="Delayed"', "Red")  # relative: E6 for F6, ...
    rule("F5:F40", 'AND($E5="At risk",$D5<>"")', "Amber")
    rule("F5:F40", 'OR(UPPER(LEFT($E5,2))="ON",$E5="Green")', "Green")  # "on track" too
    # Overdue targets in red: depends on today's date, so it cannot be read (warned).
    rule("D5:D40", "AND(ISNUMBER($D5),$D5<TODAY())", "Red")
    # A rule comparing with a cell of another sheet: not read either (warned).
    rule("G5:G40", "$E5=Lists!$A$1", "Amber")
    key = wb.create_sheet("Key")
    for n, (rgb, word, label) in enumerate(HOUSING_KEY, start=1):
        key.cell(n, 1, word).fill = PatternFill("solid", fgColor=rgb)
        key.cell(n, 2, label)
    return wb


MERGED = [
    (
        "Priority 1: Safeguarding",
        [
            (
                "1.1",
                "Refresh the multi-agency threshold document",
                "LSCB Manager",
                "31/05/2019",
                "04/04/2019: Draft circulated\n18/04/2019: Comments received",
                "Green",
            ),
            (
                "1.2",
                "Train all front door staff on the refreshed thresholds",
                "LSCB Manager",
                "30/06/2019",
                "18/04/2019: Dates booked",
                "Green",
            ),
            (
                "1.3",
                "Audit 30 contacts a month at the front door",
                "MASH Manager",
                "Monthly",
                "18/04/2019: March audit done",
                "Yellow",
            ),
        ],
    ),
    (
        "Priority 2: Early help",
        [
            (
                "2.1",
                "Single early help assessment across partners",
                "Early Help Lead",
                "31/07/2019",
                "18/04/2019: Form agreed with schools",
                "Red",
            ),
            (
                "2.2",
                "Step-down protocol from social care",
                "Early Help Lead",
                "31/07/2019",
                "18/04/2019: Not started",
                "Red",
            ),
        ],
    ),
]


def service_merged() -> Workbook:
    """Section rows merged across the table; an owner merged down over its section."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws["A1"] = "Service Improvement Plan"
    ws["A1"].font = Font(size=18, bold=True)
    ws.merge_cells("A1:F1")
    ws["A2"] = "Review date: 18 April 2019"
    ws.merge_cells("A2:F2")
    for i, h in enumerate(
        ["No.", "Action", "Lead Officer", "Deadline", "Progress Update", "RAG"], 1
    ):
        ws.cell(3, i, h)
    n = 4
    for section, actions in MERGED:
        ws.cell(n, 1, section).font = Font(bold=True)
        ws.merge_cells(start_row=n, start_column=1, end_row=n, end_column=6)
        n += 1
        first = n
        for ref, action, owner, due, progress, rag in actions:
            ws.cell(n, 1, ref)
            ws.cell(n, 2, action)
            if n == first:
                ws.cell(n, 3, owner)
            ws.cell(n, 4, due)
            ws.cell(n, 5, progress).alignment = WRAP
            ws.cell(n, 6).fill = FILLS[rag]
            n += 1
        owners = {a[2] for a in actions}
        if len(owners) == 1:
            ws.merge_cells(start_row=first, start_column=3, end_row=n - 1, end_column=3)
        else:
            for k, (_, _, owner, *_rest) in enumerate(actions):
                ws.cell(first + k, 3, owner)
    # The key below the actions, after a blank row: a table of its own, never actions.
    n += 1
    for colour, label in KEY:
        ws.cell(n, 1, colour).fill = FILLS[colour]
        ws.cell(n, 2, label)
        n += 1
    return wb


DATES = [
    ("1", "Agree the data set", "Analyst", 43466, "dd/mm/yyyy", "02/01/2019: Agreed"),
    ("2", "First quarterly report", "Analyst", 43555, "d mmmm yyyy", "31/03/2019: Sent to board"),
    ("3", "Review with partners", "Chair", "30/04/2019", None, "Not yet"),
    ("4", "Second report", "Analyst", "June 2019", None, ""),
    ("5", "Annual summary", "Chair", 43830, 14, ""),
    ("6", "Ongoing monitoring", "Analyst", "Ongoing", None, "Monthly"),
]


def dates_mixed() -> Workbook:
    """Due dates as serials in three formats (one the locale's short date) and as text."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Actions"
    ws["A1"] = "Data Quality Action Plan"
    ws["A2"] = "Review date:"
    ws["B2"] = 43600.0
    ws["B2"].number_format = "dd/mm/yyyy"
    for i, h in enumerate(["Ref", "Action", "Owner", "Due", "Update", "RAG"], 1):
        ws.cell(4, i, h)
    for n, (ref, action, owner, due, fmt, update) in enumerate(DATES, start=5):
        ws.cell(n, 1, ref)
        ws.cell(n, 2, action)
        ws.cell(n, 3, owner)
        cell = ws.cell(n, 4, due)
        if isinstance(fmt, int):
            cell.number_format = "mm-dd-yy"  # built-in 14: the locale's short date
        elif fmt:
            cell.number_format = fmt
        ws.cell(n, 5, update or None)
        ws.cell(n, 6, "Green")
    return wb


def save(wb: Workbook, path: Path) -> None:
    """Save with fixed properties and zip times, so a rerun gives the same bytes."""
    wb.properties.created = wb.properties.modified = STAMP
    wb.properties.creator = "make_trackers.py"
    buffer = io.BytesIO()
    wb.save(buffer)
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the time of saving as modified, whatever it is told.
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + STAMP_TEXT, data)
            fixed = zipfile.ZipInfo(info.filename, date_time=STAMP.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(fixed, data)


def csv_copies(rows: list[dict[str, object]]) -> None:
    """The V9 actions as CSV, as Excel's "Save as CSV" writes them: UTF-8 with a BOM, and
    the older cp1252."""
    import csv

    for name, encoding in (
        ("cp-reduction-v9.csv", "utf-8-sig"),
        ("cp-reduction-v9-cp1252.csv", "cp1252"),
    ):
        with (HERE / name).open("w", encoding=encoding, newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(HEADINGS)
            for r in rows:
                writer.writerow(
                    [r["ref"], r["action"], r["owner"], r["due"], "\n".join(r["entries"]), r["rag"]]
                )  # type: ignore[arg-type]


LOCKED_PASSWORD = "tracker"


def locked_copy() -> None:
    """The V9 tracker saved with a password to open ("tracker"), encrypted as Excel 2010 on
    does it (ECMA-376 agile: AES-256, SHA-512, 100,000 rounds) by msoffcrypto-tool. Its
    salts are random, so each run gives other bytes: it is committed as made."""
    from msoffcrypto.format.ooxml import OOXMLFile

    with (
        (HERE / "cp-reduction-v9.xlsx").open("rb") as src,
        (HERE / "cp-reduction-v9-locked.xlsx").open("wb") as out,
    ):
        OOXMLFile(src).encrypt(LOCKED_PASSWORD, out)


OFFICE = {
    "ods": "ods",
    "xlsm": "xlsm:Calc MS Excel 2007 VBA XML",
    "xls": "xls:MS Excel 97",
}


def office_copies() -> None:
    """Convert the CP tracker with LibreOffice to .ods, .xlsm and .xls."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        sys.exit("LibreOffice is needed for the .ods/.xlsm/.xls copies (or pass --no-office)")
    src = HERE / "cp-reduction-v9.xlsx"
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp, "profile").as_uri()
        for ext, target in OFFICE.items():
            cmd = [exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target]
            subprocess.run([*cmd, "--outdir", tmp, str(src)], check=True, capture_output=True)
            shutil.copy(Path(tmp, f"cp-reduction-v9.{ext}"), HERE / f"cp-reduction-v9.{ext}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--no-office", action="store_true", help="skip the LibreOffice copies")
    parser.add_argument(
        "--locked",
        action="store_true",
        help="also encrypt cp-reduction-v9-locked.xlsx anew (needs msoffcrypto-tool)",
    )
    args = parser.parse_args()
    save(cp_tracker(), HERE / "cp-reduction-v9.xlsx")
    save(versions_tracker(), HERE / "cp-reduction-versions.xlsx")
    save(workforce_cf(), HERE / "workforce-tracker-cf.xlsx")
    save(service_merged(), HERE / "service-plan-merged.xlsx")
    save(dates_mixed(), HERE / "data-quality-dates.xlsx")
    save(housing_formulas(), HERE / "housing-tracker-formulas.xlsx")
    csv_copies(v9_rows())
    if args.locked:
        locked_copy()
    (HERE / "cp-reduction-v8-to-v9-changes.json").write_text(
        json.dumps(CHANGES, indent=2, ensure_ascii=False) + "\n", "utf-8"
    )
    if not args.no_office:
        office_copies()


if __name__ == "__main__":
    main()
