"""Version-to-version comparison and multi-version history, over Plans only.

Reading files is the API's job (`actionplan.api.diff` and `actionplan.api.history` take
paths too); this package is handed Plans and returns Diff and History models.
"""

from __future__ import annotations

from actionplan.compare.compare import diff_plans, is_complete, is_overdue
from actionplan.compare.history import build_history
from actionplan.compare.match import Pair, match_actions
from actionplan.compare.words import word_diff

__all__ = [
    "Pair",
    "build_history",
    "diff_plans",
    "is_complete",
    "is_overdue",
    "match_actions",
    "word_diff",
]
