"""Read actions written as paragraphs, not as a table: minutes and boxed sections.

Some reviews have no action table. Minutes review each action as a line ("ACTION JH:
circulate the protocol to all team managers"), a status line ("Action completed",
"Carried forward") and dated progress. Reports give each action a box (a small table of
one or two cells) or a heading ("Action 1.2 – …"), with "Lead:", "Due:", "Status:" and
"Progress:" lines. This stage reads both into the same action rows the table reader
gives (`ActionRow`), with the raw status kept for the pipeline to map onto the RAG
colours (`status_colour`).

An action line is read by its shape, never by a list of names: a label the vocabulary
calls an action ("Action", "ACTION", "Cam gweithredu"), then a ref or the owners'
initials or names, then a colon or a dash. A label alone ("Actions: the group agreed…")
is an action only when status or field lines follow it. Minutes with no such line give
no actions, so they are refused as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from actionplan.confidence import REFUSE_BELOW, WARN_BELOW, Assessment
from actionplan.errors import NotAnActionPlan
from actionplan.extract.base import RawDocument, RawTable
from actionplan.extract.columns import REF_RE, heading_role, heading_words
from actionplan.extract.layout import ActionRow, Layout
from actionplan.models import LegendEntry, Plan
from actionplan.normalise.rag import rag_from_text
from actionplan.rules import COMPLETION_WORDS

__all__ = ["ParagraphLayout", "find_paragraph_actions", "settle", "status_colour"]

# A box is a small table: a row or two of one or two cells.
BOX_ROWS = 4
BOX_CELLS = 2
# A status line on its own is a few words: "Action completed", "Partially complete".
STATUS_WORDS = 4

# Initials ("JH", "J.H.") or a full name ("Jane Hoey"); several joined by / , & + or "and".
_INITIAL = r"(?:[A-Z]{2,3}|(?:[A-Z]\.){2,3})"
_PERSON = rf"(?:{_INITIAL}|[A-Z][a-z'’\-]+(?:\s[A-Z][a-z'’\-]+){{1,2}})"
_JOIN = r"\s*(?:/|,|&|\+|\band\b)\s*"
_OWNERS = rf"{_PERSON}(?:{_JOIN}{_PERSON})*"
_OWNERS_RE = re.compile(rf"\((?P<owners>{_OWNERS})\)")
# Unbracketed owners right after the label are initials only: "Action Plan Review:" names
# no one, and two capitalised words cannot tell a name from a title.
_INITIALS_RE = re.compile(rf"(?P<owners>{_INITIAL}(?:{_JOIN}{_INITIAL})*)")
_OWNER_SPLIT_RE = re.compile(_JOIN)
# The head of an action line: everything before its first colon or spaced dash.
_HEAD_RE = re.compile(r"^\s*(?P<head>[^:–—]{1,60}?)\s*(?::|\s[–—-]\s|[–—])\s*(?P<rest>\S.*)$")
# "Action: JH – circulate …": the owners right after the label's colon, then a dash.
_LEAD_OWNERS_RE = re.compile(rf"^\(?(?P<owners>{_OWNERS})\)?\s*[–—-]\s+(?P<text>\S.*)$")
# "ACTION: circulate the protocol (JH)": the owners in brackets at the end.
_TAIL_OWNERS_RE = re.compile(rf"^(?P<text>.*\S)\s*\((?P<owners>{_OWNERS})\)\s*\.?$")
_FIELD_RE = re.compile(r"^\s*(?P<label>[^:\d]{2,40}?)\s*:\s*(?P<value>.*)$")
# A progress line that opens with its date: "03/06/2019: …", "(12/03/2019) …", "5th May …".
_DATED_RE = re.compile(
    r"^\s*[(\[]?(?:update\s+)?(?:\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{4}\s*[:\-–])",
    re.IGNORECASE,
)
# The next item of minutes ("3. Performance report", "Item 4"): it ends an action's lines.
_ITEM_RE = re.compile(r"^\s*(?:(?:[Ii]tem|ITEM)\s+\d{1,2}[.:)]?|\d{1,2}[.)])\s+[A-Z]")
_SENTENCE_END = re.compile(r"[.!?;)]\s*$")

# What a status says, by the words that say it; the longest phrase found decides, so
# "Not complete" is outstanding, not complete. Complete is the rules' completion words.
_STATUS_PHRASES: dict[str, tuple[str, ...]] = {
    "Blue": tuple(sorted(COMPLETION_WORDS)),
    "Green": ("on track", "on schedule", "on target"),
    "Amber": (
        "partially complete", "partially completed", "partly complete", "partly completed",
        "part complete", "part completed", "carried forward", "carry forward",
        "brought forward", "rolled forward", "deferred", "in progress", "ongoing",
        "under way", "underway", "started", "at risk", "slipping",
    ),
    "Red": (
        "outstanding", "not started", "not complete", "not completed", "not done",
        "incomplete", "overdue", "delayed", "off track", "not achieved", "not yet started",
    ),
}  # fmt: skip
_PHRASES = sorted(
    ((tuple(p.split()), colour) for colour, ps in _STATUS_PHRASES.items() for p in ps),
    key=lambda pc: -len(pc[0]),
)
_STATUS_VOCABULARY = {w for phrase, _ in _PHRASES for w in phrase} | {"action", "status"}


@dataclass
class ParagraphLayout(Layout):
    """Action rows read from paragraphs or boxes, with what a table would hold in cells:
    each row's status as written and its owners when a label's initials named them."""

    reading: str = "paragraphs"
    statuses: list[str] = field(default_factory=list)
    owners: list[list[str] | None] = field(default_factory=list)


@dataclass
class _Open:
    """An action being read: its line, then the lines that belong to it."""

    ref: str
    text: str
    owner_text: str
    owners: list[str] | None
    row: int
    table: int
    page: int | None
    strong: bool
    status: str = ""
    fields: dict[str, str] = field(default_factory=dict)
    progress: list[str] = field(default_factory=list)
    # What the last line added to: "action", "status", "field", "progress".
    last: str = "action"


def _phrase_colour(words: list[str]) -> tuple[str | None, int]:
    for phrase, colour in _PHRASES:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) == phrase:
                return colour, n
    return None, 0


def status_colour(text: str, legend: Sequence[LegendEntry] = ()) -> tuple[str | None, str | None]:
    """Return the RAG colour (and the key's label) a status line's words mean.

    The document's key and colour words decide first, as in a RAG cell; then the words of
    progress: complete is Blue, partially complete and carried forward Amber, outstanding
    and not started Red, on track Green.
    """
    colour, label = rag_from_text(text, legend)
    phrased, _ = _phrase_colour(heading_words(text))
    # A key's "Complete" found inside "Partially complete" is not what the line says.
    if colour is None or (colour == "Blue" and phrased not in (None, "Blue")):
        return phrased, None
    return colour, label


def _is_status_line(line: str) -> bool:
    """Say whether a short line is only a status ("Action completed", "Carried forward")."""
    words = heading_words(line)
    if not words or len(words) > STATUS_WORDS or any(ch.isdigit() for ch in line):
        return False
    return _phrase_colour(words)[0] is not None and set(words) <= _STATUS_VOCABULARY


def _split_owners(text: str) -> list[str]:
    return [p.strip(" ()") for p in _OWNER_SPLIT_RE.split(text) if p.strip(" ()")]


def _owners_only(text: str) -> bool:
    text = text.strip()
    return bool(_OWNERS_RE.fullmatch(text) or _INITIALS_RE.fullmatch(text))


def _label_length(words: list[str]) -> int:
    """Return how many leading words are a label the vocabulary calls an action, or 0."""
    for k in range(min(3, len(words)), 0, -1):
        role, plain = heading_role(" ".join(words[:k]))
        if role == "action" and plain == 1.0:
            return k
    return 0


def action_line(line: str) -> tuple[str, str, str, bool] | None:
    """Return (ref, owners as written, text, strong) when a line opens an action.

    `strong` is when a ref or owners back the label; a bare "Action: …" needs status or
    field lines after it to count.
    """
    m = _HEAD_RE.match(line)
    if m is None:
        return None
    words = m["head"].split()
    k = _label_length(words)
    if not k:
        return None
    after = " ".join(words[k:])
    ref = owners = ""
    if after:
        first, _, more = after.partition(" ")
        if REF_RE.match(first) and any(ch.isdigit() for ch in first):
            ref, after = first.rstrip(".)"), more.strip()
        if after:
            if not _owners_only(after):
                return None
            owners = after.strip("()")
    text = m["rest"].strip()
    if not owners:
        lead = _LEAD_OWNERS_RE.match(text)
        tail = _TAIL_OWNERS_RE.match(text)
        if lead:
            owners, text = lead["owners"], lead["text"]
        elif tail:
            owners, text = tail["owners"], tail["text"]
    return ref, owners, text, bool(ref or owners)


def _field(line: str) -> tuple[str, str] | None:
    """Return (role, value) for a "Lead: …", "Target date: …", "Status: …" line."""
    m = _FIELD_RE.match(line)
    if m is None:
        return None
    label = m["label"]
    role, plain = heading_role(label)
    if role not in ("owner", "due", "update", "rag"):
        return None
    if plain < 1.0 and len(label.split()) > 3:
        return None
    return role, m["value"].strip()


def _lines(doc: RawDocument) -> Iterator[tuple[list[str], RawTable | None]]:
    """Yield the document's streams of lines: its body text, then each small table."""
    yield doc.body_lines, None
    for table in doc.tables:
        if _is_box(table):
            lines = [p for row in table.rows for c in row.cells for p in c.paragraphs]
            yield [p for p in lines if p.strip()], table


def _is_box(table: RawTable) -> bool:
    rows = [r for r in table.rows if any(c.text.strip() for c in r.cells)]
    return 0 < len(rows) <= BOX_ROWS and all(
        sum(bool(c.text.strip()) for c in r.cells) <= BOX_CELLS for r in rows
    )


class _Reader:
    """Reads one stream of lines into actions."""

    def __init__(self, table: RawTable | None) -> None:
        self.table = table
        self.actions: list[_Open] = []
        self.current: _Open | None = None

    def close(self) -> None:
        a = self.current
        if a is not None and (a.strong or a.status or a.fields):
            self.actions.append(a)
        self.current = None

    def read(self, lines: list[str]) -> list[_Open]:
        for i, line in enumerate(lines):
            self.line(i, line.strip())
        self.close()
        return self.actions

    def line(self, i: int, line: str) -> None:
        if not line:
            return
        opened = action_line(line)
        if opened is not None:
            self.close()
            ref, owners, text, strong = opened
            t = self.table
            self.current = _Open(
                ref=ref,
                text=text,
                owner_text=owners,
                owners=_split_owners(owners) if owners else None,
                row=i,
                table=t.index if t else -1,
                page=t.page if t else None,
                strong=strong,
            )
            return
        a = self.current
        if a is None:
            return
        if self.table is None and _ITEM_RE.match(line) and not _DATED_RE.match(line):
            self.close()
            return
        found = _field(line)
        if found and found[0] not in a.fields and not (found[0] == "rag" and a.status):
            role, value = found
            if role == "rag":
                a.status = value
            elif role == "update":
                a.progress += [value] if value else []
                a.fields[role] = value
                a.last = "progress"
                return
            else:
                a.fields[role] = value
            a.last = "field"
            return
        if not a.status and not a.progress and _is_status_line(line):
            a.status = line
            a.last = "status"
            return
        if _DATED_RE.match(line) or a.last == "progress":
            a.progress.append(line)
            a.last = "progress"
            return
        if a.last == "action" and not _SENTENCE_END.search(a.text):
            a.text = f"{a.text} {line}"  # the action's line wrapped (a PDF line)
            return
        if a.last == "action" and self.table is None:
            self.close()  # the minutes go on with other business
            return
        a.progress.append(line)
        a.last = "progress"


def _row(a: _Open) -> ActionRow:
    cells = {"action": a.text}
    if a.ref:
        cells["ref"] = a.ref
    owner = a.fields.get("owner") or a.owner_text
    if owner:
        cells["owner"] = owner
    if a.fields.get("due"):
        cells["due"] = a.fields["due"]
    progress = "\n".join(a.progress)
    return ActionRow(
        cells=cells,
        updates=[(None, progress)] if progress else [],
        rag_fill=None,
        extra={},
        section=None,
        page=a.page,
        pages=[a.page] if a.page is not None else [],
        row=a.row,
        table=a.table,
    )


def find_paragraph_actions(
    doc: RawDocument, legend_rows: list[tuple[str, str, str | None]] | None = None
) -> ParagraphLayout:
    """Return the actions of a document written as paragraphs or boxes (found=False if none).

    `legend_rows` is a RAG key found elsewhere in the document, kept for the statuses.
    """
    layout = ParagraphLayout(legend_rows=list(legend_rows or []))
    boxed = False
    used: set[int] = set()
    for lines, table in _lines(doc):
        read = _Reader(table).read(lines)
        if read and table is not None:
            boxed = True
            used.add(table.index)
        for a in read:
            layout.rows.append(_row(a))
            layout.statuses.append(a.status)
            # Owners named in the action line are initials or names: split them here, as
            # "JH/KT" has no spaced separator for the owners' normaliser.
            layout.owners.append(a.owners if not a.fields.get("owner") else None)
    layout.found = bool(layout.rows)
    layout.reading = "boxed sections" if boxed else "paragraphs"
    for table in doc.tables:
        if table.index not in used:
            rows = [[c.text for c in r.cells] for r in table.rows]
            if any(any(r) for r in rows):
                layout.other_tables.append(rows)
    return layout


def assess_paragraphs(layout: ParagraphLayout) -> Assessment:
    """Return how sure a reading of paragraph actions is: never as sure as a table."""
    out = Assessment()
    out.lower(0.25, f"actions read from {layout.reading}, not a table")
    n = len(layout.rows)
    missing = sum(not s for s in layout.statuses)
    if missing:
        out.lower(0.1 * missing / n, f"{missing} of {n} actions have no status line")
    if not any(r.cells.get("owner") for r in layout.rows):
        out.lower(0.1, "no action names an owner")
    if n == 1:
        out.lower(0.15, "only one action found")
    out.confidence = round(out.confidence, 2)
    return out


def settle(plan: Plan, layout: ParagraphLayout, *, force: bool = False) -> Plan:
    """Give a plan read from paragraphs its statuses, owners and confidence; refuse it
    when the evidence is too thin, unless `force`."""
    for action, status, owners in zip(plan.actions, layout.statuses, layout.owners, strict=True):
        if owners is not None:
            action.owners = owners
        if status:
            colour, label = status_colour(status, plan.document.rag_legend)
            action.rag_text = " ".join(status.split())
            action.rag, action.rag_label = colour, label
            action.rag_source = "text" if colour else None
            if colour is None:
                where = f"action {action.ref}" if action.ref else f"action {action.action[:40]!r}"
                plan.warnings.append(f"{where}: status {status!r} names no known status")
    verdict = assess_paragraphs(layout)
    plan.document.confidence = verdict.confidence
    plan.document.confidence_reasons = verdict.reasons
    why = "; ".join(verdict.reasons)
    if verdict.confidence < REFUSE_BELOW and not force:
        raise NotAnActionPlan(
            plan.document.source,
            f"no action table found, and its {layout.reading} do not read as an action plan: "
            f"{why}; use --force to read it anyway",
        )
    if verdict.confidence < REFUSE_BELOW:
        plan.warnings.append(f"read although it does not look like an action plan (--force): {why}")
    elif verdict.confidence < WARN_BELOW:
        plan.warnings.append(f"read with low confidence ({verdict.confidence:.2f}): {why}")
    return plan
