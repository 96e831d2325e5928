"""Pair the actions of two versions: by ref while the wording agrees, else by content.

Authors renumber actions when one is dropped, and reword them between reviews, so
a ref alone is not an identity. A ref pairs two actions only when their texts
still agree; what is left is paired by fuzzy similarity of the action text
(owners break near-ties), then by dated update entries the two share (an action
reworded beyond recognition keeps its history), one-to-one, greedily from the best
pair down, with ties broken by position so the result never depends on anything but
the inputs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from actionplan.compare.words import folded
from actionplan.models import Action

# token_set_ratio: a reworded action under the same ref still scores 80+.
REF_AGREES = 60.0
# token_sort_ratio: unrelated actions of one plan score 30-55; renumbered ones 90+.
CONTENT_MATCH = 70.0
OWNER_BONUS = 5.0


@dataclass(frozen=True)
class Pair:
    """Indices of an action in the old and new version; None on the side it is absent."""

    old: int | None
    new: int | None
    method: str | None = None
    score: float | None = None


def action_key(action: Action) -> str:
    """Return the text an action is compared by: its words, folded and lower-cased."""
    return folded(action.action).lower()


def _owners(action: Action) -> frozenset[str]:
    return frozenset(o.lower() for o in action.owners)


def _sorted_words(text: str) -> str:
    return " ".join(sorted(text.split()))


def _entry_keys(action: Action) -> set[tuple[object, str]]:
    return {(u.date, folded(u.text).lower()) for u in action.updates if u.date and u.text}


def _shared_entry_pairs(
    old: list[Action], new: list[Action], rest_old: list[int], rest_new: list[int]
) -> list[tuple[int, int, int]]:
    """Return (-entries shared, new, old) for unpaired actions that share dated entries.

    Authors reword and renumber an action, but its earlier update entries stay: two
    actions sharing an entry are one action. Only entries that stand in exactly one
    action on each side count, so a stock "15/02/2018: Completed" pairs nothing.
    """
    if not rest_old or not rest_new:
        return []
    seen_old: Counter[tuple[object, str]] = Counter()
    seen_new: Counter[tuple[object, str]] = Counter()
    for a in old:
        seen_old.update(_entry_keys(a))
    for b in new:
        seen_new.update(_entry_keys(b))
    owner: dict[tuple[object, str], int] = {}
    for i in rest_old:
        for key in _entry_keys(old[i]):
            if seen_old[key] == 1 and seen_new[key] == 1:
                owner[key] = i
    candidates = []
    for j in rest_new:
        shared = Counter(owner[k] for k in _entry_keys(new[j]) if k in owner)
        candidates += [(-n, j, i) for i, n in shared.items()]
    return sorted(candidates)


def match_actions(old: list[Action], new: list[Action]) -> list[Pair]:
    """Return the pairing of old and new actions, in the new version's order."""
    old_keys = [action_key(a) for a in old]
    new_keys = [action_key(a) for a in new]
    old_of: dict[int, Pair] = {}
    new_of: dict[int, Pair] = {}

    def pair(i: int, j: int, method: str, score: float) -> None:
        p = Pair(i, j, method, round(score, 1))
        old_of[i] = new_of[j] = p

    by_ref: dict[str, int] = {}
    for i, a in enumerate(old):
        if a.ref and a.ref not in by_ref:
            by_ref[a.ref] = i
    for j, b in enumerate(new):
        i_ref = by_ref.get(b.ref or "")
        if i_ref is None or i_ref in old_of:
            continue
        if old_keys[i_ref] == new_keys[j]:
            pair(i_ref, j, "ref", 100.0)
            continue
        score = fuzz.token_set_ratio(old_keys[i_ref], new_keys[j])
        if score >= REF_AGREES:
            pair(i_ref, j, "ref", score)

    rest_old = [i for i in range(len(old)) if i not in old_of]
    rest_new = [j for j in range(len(new)) if j not in new_of]
    if rest_old and rest_new:
        # token_sort_ratio is ratio() of the sorted words: sort each text once, not per pair.
        sorted_new = [_sorted_words(new_keys[j]) for j in rest_new]
        sorted_old = [_sorted_words(old_keys[i]) for i in rest_old]
        floor = CONTENT_MATCH - OWNER_BONUS
        scores = process.cdist(sorted_new, sorted_old, scorer=fuzz.ratio, score_cutoff=floor)
        candidates = []
        for nj, oi in zip(*scores.nonzero(), strict=True):
            j, i = rest_new[nj], rest_old[oi]
            score = float(scores[nj, oi])
            if _owners(old[i]) and _owners(old[i]) == _owners(new[j]):
                score += OWNER_BONUS
            if score >= CONTENT_MATCH:
                candidates.append((-score, j, i))
        for neg, j, i in sorted(candidates):
            if i not in old_of and j not in new_of:
                pair(i, j, "text", min(-neg, 100.0))

    rest_old = [i for i in range(len(old)) if i not in old_of]
    rest_new = [j for j in range(len(new)) if j not in new_of]
    for _, j, i in _shared_entry_pairs(old, new, rest_old, rest_new):
        if i not in old_of and j not in new_of:
            pair(i, j, "text", fuzz.token_sort_ratio(old_keys[i], new_keys[j]))

    out: list[Pair] = []
    next_old = 0
    for j in range(len(new)):
        p = new_of.get(j)
        if p is not None and p.old is not None:
            # Removed actions are listed where they stood in the old version.
            while next_old < p.old:
                if next_old not in old_of:
                    out.append(Pair(next_old, None))
                next_old += 1
            next_old = max(next_old, p.old + 1)
            out.append(p)
        else:
            out.append(Pair(None, j))
    out.extend(Pair(i, None) for i in range(next_old, len(old)) if i not in old_of)
    return out
