"""How sure a reading is: `document.confidence` and its reasons, from evidence.

Each piece of evidence that a table is not an action plan, or was not read the way its
author meant, lowers the confidence and says why: a header with prose in it, a role
with no column, a column whose role came from its contents only, columns of figures,
"actions" that are numbers or single words, due dates that are not dates. Below
`REFUSE_BELOW` the document is refused (a risk register, a contact list, a budget);
below `WARN_BELOW` it is read with a warning. Nothing here reads files: it weighs what
the layout stage found and the actions built from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from actionplan.extract.columns import ROLE_NAMES
from actionplan.extract.header import Header
from actionplan.models import Action

REFUSE_BELOW = 0.5
WARN_BELOW = 0.8


@dataclass
class Assessment:
    """A reading's confidence and the reasons it is below 1."""

    confidence: float = 1.0
    reasons: list[str] = field(default_factory=list)
    # What would make the reader refuse it, for the one-line refusal.
    refusal: list[str] = field(default_factory=list)

    def lower(self, by: float, reason: str, *, refusing: bool = False) -> None:
        if by <= 0:
            return
        self.confidence = max(0.0, self.confidence - by)
        self.reasons.append(reason)
        if refusing:
            self.refusal.append(reason)

    @property
    def refused(self) -> bool:
        return self.confidence < REFUSE_BELOW


def _looks_like_action(text: str) -> bool:
    # "Audit" is a terse action; "8", "x" or "12/03/2019" is a figure taken for one.
    words = [w for w in text.split() if sum(ch.isalpha() for ch in w) >= 2]
    return bool(words) and sum(ch.isalpha() for ch in text) > len(text) / 2


def assess(
    header: Header,
    actions: Sequence[Action],
    figures: int,
    damaged: Sequence[int] = (),
    damage: Sequence[str] = (),
) -> Assessment:
    """Return how sure the reading of an action table is.

    `figures` is how many of the table's unread columns hold mostly numbers; `damaged`
    the pages whose content did not decode cleanly (actions on them may be missing),
    `damage` what else the reader found damaged (the page list, shared parts).
    """
    out = Assessment()
    for page in damaged:
        out.lower(0.3, f"page {page}'s content stream is damaged")
    for note in damage:
        out.lower(0.3, note.split(":", 1)[0])
    found = set(header.roles.values())
    from_content = {header.roles[c] for c in header.assignment.from_content if c in header.roles}
    if header.quality < 0.9 and "action" in from_content:
        # Cells that look like data, and the action column not named by its heading: the
        # row is most likely the first action, standing where a lost header row was.
        out.lower(
            0.1,
            "the header row looks like an action row, with no Action heading "
            "(a lost header row?): if so, that action is missing",
        )
    elif header.quality < 0.9:
        out.lower(0.1, "the header row has cells that look like data")
    # A status column is evidence of a plan when its heading says so or it holds dated
    # entries; a column of letters guessed to be statuses is not.
    if "update" not in found and ("rag" not in found or "rag" in from_content):
        # A plan not yet reviewed has no progress column; a table with no actions by its
        # heading and no due dates besides is something else (a register, a list).
        weak = "action" in from_content or "due" not in found
        out.lower(0.3 if weak else 0.15, "no update or status column", refusing=weak)
        said = {"update", "rag"}
    else:
        said = set()
    for role in ("owner", "due", "update", "rag"):
        if role not in found and role not in said:
            out.lower(0.08, f"no {ROLE_NAMES[role]} column")
    for col in sorted(header.assignment.from_content):
        role = header.roles.get(col, "")
        heading = header.headings[col].split("\n", 1)[0].strip() or f"column {col + 1}"
        # Which column holds the actions is the plan's backbone: guessing it weighs more.
        out.lower(
            0.1 if role == "action" else 0.04,
            f"the {role} column ({heading!r}) was recognised by its contents only",
        )
    fits = list(header.assignment.fit.values())
    fit = sum(fits) / len(fits) if fits else 0.0
    if fit < 0.6:
        out.lower(0.6 - fit, "the columns' contents fit their roles poorly")
    if figures:
        out.lower(0.05 * figures, f"{figures} column(s) hold figures", refusing=True)
    if not actions:
        out.lower(0.5, "no action rows under the headings", refusing=True)
        return out
    good = sum(_looks_like_action(a.action) for a in actions)
    share = good / len(actions)
    if share < 0.8:
        out.lower(
            0.5 * (0.8 - share) / 0.8 + 0.1,
            f"only {good} of {len(actions)} actions are words rather than figures",
            refusing=True,
        )
    dues = [a.due for a in actions if a.due.text]
    if dues:
        parsed = sum(d.kind != "unspecified" for d in dues)
        if parsed / len(dues) < 0.7:
            out.lower(
                0.15 * (1 - parsed / len(dues)),
                f"{len(dues) - parsed} of {len(dues)} due dates do not read as dates",
            )
    written = [a for a in actions if a.update_text.strip()]
    if written:
        dated = sum(any(u.date is not None for u in a.updates) for a in written)
        if dated / len(written) < 0.5:
            out.lower(0.1, f"{len(written) - dated} of {len(written)} updates have no dated entry")
    out.confidence = round(out.confidence, 2)
    return out
