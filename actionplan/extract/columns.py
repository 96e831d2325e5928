"""Which column of a table plays which role, judged from its heading and its contents.

A heading is evidence, not proof: "Target" may head due dates or a measure of
success, and a plan in Welsh or from another author may use words no list holds. So
every column is read twice: its heading against the vocabulary (`heading_role`), and
its cells for what they hold (`profile`): dated entries, due dates, statuses, refs,
names, long prose, numbers. `assign_roles` weighs the two. A heading the vocabulary does
not know still gets its role from content, with a note saying so; a heading whose column
holds something else entirely is overruled by the content, with a note too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from actionplan.extract.base import RawCell
from actionplan.normalise.dates import find_dates
from actionplan.normalise.due import parse_due
from actionplan.normalise.rag import is_unshaded, rag_from_text
from actionplan.normalise.text import fold
from actionplan.normalise.updates import split_updates

ROLES = ("ref", "action", "owner", "due", "update", "rag")
# A section column is read from its heading only: many columns hold short repeated text.
ALL_ROLES = (*ROLES, "section")
SECONDARY = ("owner", "due", "update", "rag")

# Phrases that name a role, folded (no accents, lower case, words only). The longest
# phrase found in a heading decides, so "Action owner" is an owner and "Target date" a due
# date. English as councils and NHS trusts write it, Welsh and French.
VOCABULARY: dict[str, tuple[str, ...]] = {
    "ref": (
        "ref", "ref no", "reference", "no", "number", "item", "id", "action no",
        "action number", "action ref", "rec no", "issue no", "cyf", "cyfeirnod", "rhif",
        "numero", "num",
    ),
    "action": (
        "action", "actions", "action required", "actions required", "task", "tasks",
        "activity", "activities", "to do", "recommendation", "recommendations", "issue",
        "commitment", "commitments", "what we will do", "what will we do", "deliverable",
        "deliverables", "key action", "key actions", "improvement action", "cam gweithredu",
        "camau gweithredu", "gweithred", "gweithredu", "argymhelliad", "action a mener",
        "actions a mener", "mesure", "mesures",
    ),
    "owner": (
        "owner", "owners", "lead", "leads", "lead officer", "led by", "responsible",
        "responsibility", "responsible officer", "person responsible", "accountable",
        "accountable officer", "who", "by whom", "action owner", "action by", "lead person",
        "responsable", "responsables", "pilote", "porteur", "swyddog arweiniol",
        "arweinydd", "arweinwyr", "perchennog", "cyfrifol", "swyddog cyfrifol",
    ),
    "due": (
        "due", "due date", "date due", "by when", "when", "target date", "target",
        "deadline", "timescale", "timescales", "timeframe", "time frame", "completion date",
        "agreed date", "end date", "date", "target completion", "echeance", "echeancier",
        "date cible", "date limite", "delai", "dyddiad targed", "dyddiad cwblhau",
        "amserlen", "erbyn pryd", "dyddiad",
    ),
    "update": (
        "update", "updates", "progress", "progress update", "progress to date", "commentary",
        "position", "current position", "latest position", "latest update", "avancement",
        "etat d avancement", "point d avancement", "suivi", "diweddariad", "cynnydd",
        "diweddariad cynnydd",
    ),
    "rag": (
        "rag", "rag status", "rag rating", "current rag", "status", "rating", "brag",
        "statut", "etat", "statws", "sgor rag",
    ),
    # A column naming the part of the plan an action belongs to: its section.
    "section": (
        "theme", "themes", "workstream", "work stream", "workstreams", "priority area",
        "strategic priority", "key priority", "area", "area of focus", "focus area",
        "strategic objective", "objective", "domain", "programme", "thema", "theme cle",
        "axe", "axe strategique", "maes", "blaenoriaeth",
    ),
}  # fmt: skip

_WORD_RE = re.compile(r"[a-z0-9#]+")
_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    sorted(
        ((tuple(p.split()), role) for role, ps in VOCABULARY.items() for p in ps),
        key=lambda pr: -len(" ".join(pr[0])),
    )
)
REF_RE = re.compile(r"^[A-Za-z]{0,4}\s?\d{1,3}(?:[.\-/]\d{1,3}){0,3}[a-z]?[.)]?$")
_NUMBER_RE = re.compile(r"^[£$€]?\s?[-+]?\d[\d,]*(?:\.\d+)?\s?(?:%|k|m|bn)?$", re.IGNORECASE)
_SENTENCE_RE = re.compile(r"[a-z][.!?]\s+[A-Z]")
# A cell of this many words is prose: it is never a heading.
PROSE_WORDS = 12


def heading_words(text: str) -> list[str]:
    """Return a heading's words folded for matching: no accents, lower case."""
    folded = unicodedata.normalize("NFKD", text.replace("°", "o").replace("º", "o"))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _WORD_RE.findall(folded.lower())


def heading_text(text: str) -> str:
    """Return the lines of a heading cell that are its heading, without a note under it."""
    lines = [line for line in text.strip().split("\n") if line.strip()]
    if not lines:
        return ""
    kept = [lines[0]] + [line for line in lines[1:] if len(line.split()) <= 4]
    return "\n".join(kept)


def heading_role(text: str) -> tuple[str | None, float]:
    """Return the role a heading names and how plainly: 1.0 for a heading that is only
    the phrase ("Owner"), 0.8 for one that contains it ("Officer responsible (lead)").

    A heading is its first line, and any short lines after it (a second language); a
    note written under it ("Some examples, …") is guidance, not the heading."""
    words = heading_words(heading_text(text))
    if not words:
        return ("ref", 0.5) if not text.strip() else (None, 0.0)
    if words == ["#"]:
        return "ref", 1.0
    for phrase, role in _PHRASES:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) == phrase:
                return role, 1.0 if n == len(words) else 0.8
    return None, 0.0


@dataclass
class Profile:
    """What one column's cells hold, as shares of its non-empty cells (0–1)."""

    cells: int = 0
    mean_words: float = 0.0
    prose: float = 0.0
    due: float = 0.0
    entries: float = 0.0
    rag: float = 0.0
    ref: float = 0.0
    number: float = 0.0
    name: float = 0.0
    shaded: float = 0.0
    # Cells that repeat the one above (or are merged with it): a section's name does.
    repeats: float = 0.0

    def content_score(self, role: str) -> float:
        """Return how well the cells fit a role, 0–1 (0.5 when there are too few to say)."""
        if self.cells < 2:
            return 0.5
        long = min(1.0, self.mean_words / 8)
        scores = {
            "ref": self.ref if self.mean_words <= 2.5 else 0.0,
            "due": self.due,
            "update": self.entries * (0.5 + 0.5 * long),
            "rag": max(self.rag, self.shaded if self.mean_words <= 3 else 0.0),
            "owner": self.name * (1 - self.due) * (1 - self.rag) * (1 - self.number),
            "action": long * (1 - self.entries) * (1 - self.due) * (1 - self.number),
            "section": (1 - self.due) * (1 - self.rag) * (1 - self.number) * (1 - self.entries),
        }
        return scores[role]

    def best_role(self) -> tuple[str, float]:
        """Return the role the contents fit best, and how well."""
        return max(((r, self.content_score(r)) for r in ROLES), key=lambda rs: rs[1])


def _is_placeholder(text: str) -> bool:
    # "TBC", "N/A", "-": short tokens that any column may hold.
    return len(text) <= 4 and not any(ch.isdigit() for ch in text)


def _words_beside_dates(text: str) -> int:
    """Return how many words a text holds besides its dates."""
    for m in reversed(find_dates(text)):
        text = text[: m.start] + " " + text[m.end :]
    return len([w for w in text.split() if any(ch.isalnum() for ch in w)])


_OWNER_SPLIT_RE = re.compile(r"[,;/\n]| and | & ")


def _looks_like_name(text: str) -> bool:
    # Each owner is a name or a job title of a few capitalised words: "Jane Hoey",
    # "Head of Service". A longer phrase ("Soft Skills - Presentation and …") is not.
    if any(ch.isdigit() for ch in text):
        return False
    parts = [p.split() for p in _OWNER_SPLIT_RE.split(text) if p.strip()]
    if not parts or len(parts) > 4:
        return False
    for words in parts:
        if len(words) > 5 or any(not any(ch.isalpha() for ch in w) for w in words):
            return False
        if sum(w[:1].isupper() for w in words) < max(1, (len(words) + 1) // 2):
            return False
    return True


def profile(cells: Sequence[RawCell | None]) -> Profile:
    """Return what a column's cells (those below its heading) hold."""
    texts = []
    shaded = repeats = 0
    previous = ""
    for cell in cells:
        if cell is None:
            continue
        text = fold(cell.text)
        if cell.merged_above or (text and text == previous):
            repeats += 1
        previous = text or previous
        if cell.fill and not is_unshaded(cell.fill):
            shaded += 1
        if text or (cell.fill and not is_unshaded(cell.fill)):
            texts.append(text)
    p = Profile(cells=len(texts))
    if not texts:
        return p
    counted = [t for t in texts if t and not _is_placeholder(t)] or [t for t in texts if t]
    n = max(len(counted), 1)
    words = [len(t.split()) for t in counted]
    p.mean_words = sum(words) / n
    p.prose = sum(w >= 8 for w in words) / n
    p.shaded = shaded / len(texts)
    p.repeats = repeats / len(texts)
    due = entries = rag = ref = number = name = 0
    for t in counted:
        wc = len(t.split())
        # A due cell is the date and a word or two ("End of June 2019"); a date followed
        # by a sentence is an update entry.
        if wc <= 6 and _words_beside_dates(t) <= 3 and parse_due(t).kind != "unspecified":
            due += 1
        entry_list, _ = split_updates(t)
        if entry_list and any(e.date is not None for e in entry_list[:2]):
            entries += 1
        if wc <= 4 and rag_from_text(t, [])[0] is not None:
            rag += 1
        if REF_RE.match(t):
            ref += 1
        if _NUMBER_RE.match(t):
            number += 1
        if _looks_like_name(t):
            name += 1
    # A short date is a due date, not an update entry; a long dated text is an entry.
    p.due = due / n
    p.entries = entries / n if p.mean_words > 3 else 0.0
    p.rag, p.ref, p.number, p.name = rag / n, ref / n, number / n, name / n
    return p


@dataclass
class Assignment:
    """The roles of a table's columns and how they were decided."""

    roles: dict[int, str] = field(default_factory=dict)
    # Columns whose role came from their contents only, or overruled the heading.
    notes: list[str] = field(default_factory=list)
    # How well each assigned column's contents fit its role, by column.
    fit: dict[int, float] = field(default_factory=dict)
    from_content: set[int] = field(default_factory=set)


def _label(heading: str, index: int) -> str:
    first = heading.strip().split("\n", 1)[0]
    return f"{first!r}" if first else f"column {index + 1} (no heading)"


# What each role is called in the messages the user reads.
ROLE_NAMES = {
    "ref": "action number",
    "action": "action",
    "owner": "owner",
    "due": "due date",
    "update": "progress update",
    "rag": "RAG status",
    "section": "section",
}
_WHY = {
    "ref": "short numbers",
    "action": "the longest text",
    "owner": "names and job titles",
    "due": "dates and timescales",
    "update": "dated entries",
    "rag": "status words, letters or colours",
    "section": "short names repeated down the table",
}


def assign_roles(
    headings: Sequence[str],
    profiles: Sequence[Profile],
    forced: dict[str, int] | None = None,
) -> Assignment:
    """Return the role of each column, from its heading and its contents.

    `forced` maps roles to columns the user named (--columns); they are taken as given.
    """
    out = Assignment()
    taken: set[str] = set()
    for role, col in (forced or {}).items():
        out.roles[col] = role
        out.fit[col] = profiles[col].content_score(role)
        taken.add(role)
    by_heading = [heading_role(h) for h in headings]
    # 1. Headings the vocabulary knows, unless the contents say plainly they hold another role.
    for i, ((named, _), prof) in enumerate(zip(by_heading, profiles, strict=True)):
        if i in out.roles or named is None:
            continue
        role = named
        if role == "ref" and i > 1 and "ref" not in heading_words(headings[i]):
            continue  # "No." far from the left is a count, not the action number
        fit = prof.content_score(role)
        best, best_fit = prof.best_role()
        if (
            prof.cells >= 3
            and fit < 0.2
            and best != role
            and best_fit >= 0.7
            # Only plain content overrules a heading: dated entries, dates, statuses,
            # numbers. Capitalised words or long text are no proof of owners or actions.
            and best in ("update", "due", "rag", "ref")
            and (best not in taken or best == "update")
        ):
            out.notes.append(
                f"column {_label(headings[i], i)} is headed like the {ROLE_NAMES[role]} but "
                f"holds {_WHY[best]}; read as the {ROLE_NAMES[best]}"
            )
            role, fit = best, best_fit
            out.from_content.add(i)
        if role in taken and role != "update":
            continue
        out.roles[i] = role
        out.fit[i] = fit
        taken.add(role)
    # 2. Roles still missing, from columns whose headings say nothing the vocabulary knows.
    free = [i for i in range(len(headings)) if i not in out.roles and by_heading[i][0] is None]
    for role in ("due", "update", "rag", "ref", "owner", "action"):
        if role in taken:
            continue
        candidates = [(profiles[i].content_score(role), -i, i) for i in free if i not in out.roles]
        if role == "ref":
            candidates = [c for c in candidates if c[2] <= 1]
        if not candidates:
            continue
        score, _, col = max(candidates)
        if score < 0.7 or (role == "action" and profiles[col].mean_words < 4):
            continue
        if profiles[col].best_role()[0] != role and role != "action":
            continue
        out.roles[col] = role
        out.fit[col] = score
        out.from_content.add(col)
        taken.add(role)
        out.notes.append(
            f"column {_label(headings[col], col)} read as the {ROLE_NAMES[role]}: "
            f"its heading is not one actionplan knows, but it holds {_WHY[role]}"
        )
    return out
