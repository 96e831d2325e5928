"""Zoo plans with no action table: minutes that review actions as paragraphs, reports with
one boxed section per action, and reports with a heading per action.

`blocks(spec)` writes a plan's true records (zoo_data.build_actions) as the blocks that
make_zoo.py renders in order: ("big" | "bold" | "line", text), ("table", rows) with a bold
header row, and ("box", rows): a one-column table, one list of paragraphs per row, its
first row bold. Pure text composition: nothing here touches python-docx.
"""

from __future__ import annotations

import datetime as dt

# The near-miss minutes' attendance table: minutes with actions have one too.
from zoo_nearmiss import ATTENDANCE_ROWS as ATTENDANCE

# How a minute names an action's owners: the label word, the initials, and a colon or dash.
OWNER_FORMS = [
    ("ACTION {owners}: {text}", "/"),
    ("ACTION ({owners}): {text}", "/"),
    ("Action: {owners} – {text}", ", "),
    ("ACTION {owners}: {text}", " & "),
]


def initials(name: str) -> str:
    """Return a person's initials as minutes write them: "Jane Hoey" -> "JH"."""
    return "".join(w[0] for w in name.split())


def entry_line(style: str, update: dict) -> str:
    """Return one dated progress entry as the document writes it."""
    d = dt.date.fromisoformat(update["date"])
    sep = " – " if style == "dmy_dash" else ": "
    return f"{d:%d/%m/%Y}{sep}{update['text']}"


def _status(spec: dict, action: dict) -> str | None:
    return spec["rag"]["words"].get(action["rag"]) if action["rag"] else None


def minutes_blocks(spec: dict) -> list[tuple]:
    """Return minutes: numbered items of prose, the actions reviewed as ACTION lines, each
    with its status line and dated progress, and a new action agreed at this meeting."""
    out: list[tuple] = [("table", ATTENDANCE)]
    out += [("bold", "1. Welcome and apologies"),
            ("line", "The chair welcomed members. Apologies were received from Paul Harris."),
            ("bold", "2. Actions from the last meeting")]  # fmt: skip
    actions = spec["actions"]
    for i, a in enumerate(actions):
        if i == len(actions) - 1:
            out += [("bold", "3. Performance report"),
                    ("line", "Members noted the fall in the number of children subject to a "
                             "plan since March and discussed the reasons.")]  # fmt: skip
        form, sep = OWNER_FORMS[i % len(OWNER_FORMS)]
        out.append(("line", form.format(owners=sep.join(a["owners"]), text=a["action"])))
        status = _status(spec, a)
        if status:
            out.append(("line", status))
        out += [("line", entry_line(spec["entry"], u)) for u in a["updates"]]
    out += [("bold", "4. Date of next meeting"),
            ("line", "The next meeting will be held on 10/07/2019.")]  # fmt: skip
    return out


def _fields(spec: dict, a: dict) -> list[str]:
    labels = spec["labels"]
    lines = [f"{labels['owner']}: {spec['owner_sep'].join(a['owners'])}"]
    if a["due_text"]:
        lines.append(f"{labels['due']}: {a['due_text']}")
    status = _status(spec, a)
    if status:
        lines.append(f"{labels['rag']}: {status}")
    return lines


def box_blocks(spec: dict) -> list[tuple]:
    """Return one boxed section per action: its title row, then a row (or, in a one-row
    box, the same cell) with the lead, target, status and progress paragraphs."""
    out: list[tuple] = []
    for a in spec["actions"]:
        title = f"Action {a['ref']}: {a['action']}"
        body = [*_fields(spec, a), spec["labels"]["update"] + ":"]
        body += [entry_line(spec["entry"], u) for u in a["updates"]]
        out.append(("box", [[title], body] if spec["box_rows"] == 2 else [[title, *body]]))
    return out


def heading_blocks(spec: dict) -> list[tuple]:
    """Return a heading per action ("Action 1.2 – …"), then its lead, due and status lines
    and its progress paragraphs."""
    out: list[tuple] = []
    for a in spec["actions"]:
        out.append(("bold", f"Action {a['ref']} – {a['action']}"))
        out += [("line", line) for line in _fields(spec, a)]
        out += [("line", entry_line(spec["entry"], u)) for u in a["updates"]]
    return out


BLOCKS = {"minutes": minutes_blocks, "boxes": box_blocks, "headings": heading_blocks}


def blocks(spec: dict) -> list[tuple]:
    """Return the blocks of a plan written without an action table, title lines first."""
    return [*spec["meta"], *BLOCKS[spec["form"]](spec)]


def adjust_actions(spec: dict, actions: list[dict]) -> list[dict]:
    """Fit drawn records to what a prose plan can say: minutes name owners by initials and
    give no due dates, and the action agreed at the meeting has no status or progress yet."""
    if spec["form"] != "minutes":
        return actions
    for a in actions:
        a["owners"] = [initials(o) for o in a["owners"]]
        a["due_text"], a["due_date"] = "", None
    actions[-1]["rag"] = None
    actions[-1]["updates"] = []
    return actions
