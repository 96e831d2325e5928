"""Read mutants in worker processes and judge each answer against its original.

Each mutant ends one of three ways, and only these:

- read: a Plan that serialises to JSON (what `extract` prints with exit 0), with no fewer
  actions than the original still holds, unless a warning says the content is damaged;
- refused: one clean line, the message of an ActionplanError (what `extract` prints
  with a non-zero exit);
- anything else is a failure: an unexpected exception ("report it"), a crashed reader,
  a read past the time or memory budget (a hang or a blow-up caught by the budget), a
  message of more than one line, or actions lost without a word.

"What the original still holds": a zip or a PDF keeps all of its content whatever the
damage, so a mutant must read every action of the original or say it is damaged. A text
dump or web page that lost a line lost that text for good, so there the count is of the
original's actions whose text is still in the mutant.
"""

from __future__ import annotations

import html
import json
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import actionplan
import actionplan.errors
from actionplan.api import ReadResult
from tests.fuzz.mutate import ROOT, Mutant, format_of

# A warning that tells the reader the content is damaged and actions may be missing.
DAMAGE = re.compile(r"\b(damaged|truncated|corrupt|missing)\b", re.I)
ERRORS = {
    name
    for name, value in vars(actionplan.errors).items()
    if isinstance(value, type) and issubclass(value, actionplan.errors.ActionplanError)
}
# Refusals that are the budget catching a hang or a blow-up: failures of the reader.
BUDGET = {"TimedOut", "MemoryLimit"}
TIMEOUT = 60.0
MAX_MEMORY = 2 * 1024**3
PLAIN = {"text", "html"}


@dataclass(frozen=True)
class Original:
    """What a sample reads as: how many actions, and each one's text as a fingerprint."""

    actions: int
    fingerprints: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """How one mutant was read: `kind` is read, read-warned, read-damaged, refused:<Error>
    or failed:<why>; `note` says more for a failure."""

    mutant: Mutant
    kind: str
    note: str = ""

    @property
    def failed(self) -> bool:
        return self.kind.startswith("failed")

    def __str__(self) -> str:
        return f"{self.mutant}: {self.kind}: {self.note}\n    reproduce: {self.mutant.replay()}"


def _fold(text: str) -> str:
    return " ".join(text.split())


def plain_text(data: bytes, fmt: str) -> str:
    """Return the words of a text dump or web page, folded, for finding actions in it."""
    text = data.decode("utf-8", errors="replace")
    if fmt == "html":
        text = html.unescape(re.sub(r"<[^>]*>", " ", text))
    return _fold(text)


def _fingerprint(action: str) -> str:
    return _fold(action.split("\n", 1)[0].lstrip("• "))[:40]


def read_all(
    paths: Sequence[Path], workers: int, timeout: float = TIMEOUT, max_memory: int = MAX_MEMORY
) -> list[ReadResult]:
    """Read every file in `workers` child processes, each under the time and memory budget."""
    return list(
        actionplan.read_many(
            paths, workers=workers, timeout=timeout, max_memory=max_memory, folders=False
        )
    )


def originals(names: Iterable[str], workers: int) -> dict[str, Original]:
    """Read each sample as it is (a sample that is refused holds no actions)."""
    names = sorted(set(names))
    out = {}
    for name, result in zip(names, read_all([ROOT / n for n in names], workers), strict=True):
        actions = result.plan.actions if result.plan else []
        out[name] = Original(len(actions), tuple(_fingerprint(a.action) for a in actions))
    return out


def expected_actions(mutant: Mutant, data: bytes, original: Original) -> int:
    """Return how many of the original's actions the mutant still holds."""
    fmt = mutant.format
    if fmt not in PLAIN:
        return original.actions
    now = plain_text(data, fmt)
    before = plain_text((ROOT / mutant.sample).read_bytes(), fmt)
    # A fingerprint not found in the original cannot be looked for: it counts as held.
    return sum(f not in before or f in now for f in original.fingerprints)


def judge(mutant: Mutant, data: bytes, result: ReadResult, original: Original) -> Outcome:
    """Return the outcome of one mutant's reading."""
    if result.plan is None:
        kind, error = result.kind or "", result.error or ""
        if kind in BUDGET:
            return Outcome(mutant, f"failed:{kind}", error)
        if kind not in ERRORS or result.detail or "report it" in error:
            return Outcome(mutant, "failed:crash", f"{kind}: {error}")
        if "\n" in error or not error.strip():
            return Outcome(mutant, "failed:message", repr(error))
        return Outcome(mutant, f"refused:{kind}", error)
    plan = result.plan
    try:
        json.dumps(plan.to_dict(), ensure_ascii=False).encode("utf-8")
    except (TypeError, ValueError) as exc:
        return Outcome(mutant, "failed:json", f"{type(exc).__name__}: {exc}")
    said = [*plan.warnings, *plan.document.confidence_reasons]
    damaged = any(DAMAGE.search(w) for w in said)
    expected = expected_actions(mutant, data, original)
    if len(plan.actions) < expected and not damaged:
        return Outcome(
            mutant,
            "failed:lost-actions",
            f"{len(plan.actions)} of {expected} actions read, and no warning says the "
            f"content is damaged (warnings: {plan.warnings})",
        )
    if damaged:
        return Outcome(mutant, "read-damaged")
    return Outcome(mutant, "read-warned" if plan.warnings else "read")


def run(mutants: Sequence[Mutant], workers: int, timeout: float = TIMEOUT) -> list[Outcome]:
    """Build, read and judge every mutant."""
    known = originals((m.sample for m in mutants), workers)
    with tempfile.TemporaryDirectory(prefix="actionplan-fuzz-") as tmp:
        built = []
        for i, m in enumerate(mutants):
            path = Path(tmp, f"{i:05d}-{m.operator}{m.suffix}")
            data = m.build()
            path.write_bytes(data)
            built.append((path, data))
        results = read_all([p for p, _ in built], workers, timeout)
        return [
            judge(m, data, r, known[m.sample])
            for m, (_, data), r in zip(mutants, built, results, strict=True)
        ]


def tally(outcomes: Iterable[Outcome]) -> Counter[tuple[str, str, str]]:
    """Count outcomes by (format, operator, kind)."""
    return Counter((format_of(o.mutant.sample), o.mutant.operator, o.kind) for o in outcomes)
