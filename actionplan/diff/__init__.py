"""Version-to-version comparison and multi-version history.

`actionplan.diff(old, new)` reads like the CLI: the package itself is callable, so
the function and the `actionplan.diff` subpackage can share the one name.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

from actionplan.diff.compare import diff_plans, is_complete, is_overdue, word_diff
from actionplan.diff.history import build_history
from actionplan.diff.match import Pair, match_actions
from actionplan.models import Diff, History, Plan

__all__ = [
    "Pair",
    "build_history",
    "diff",
    "diff_plans",
    "history",
    "is_complete",
    "is_overdue",
    "match_actions",
    "word_diff",
]


def _plan(source: Plan | str | Path, password: str | None) -> Plan:
    if isinstance(source, Plan):
        return source
    from actionplan.reader import read

    return read(source, password=password)


def diff(old: Plan | str | Path, new: Plan | str | Path, *, password: str | None = None) -> Diff:
    """Compare two versions of a plan, given as Plans or as paths to read."""
    return diff_plans(_plan(old, password), _plan(new, password))


def history(*sources: Plan | str | Path, password: str | None = None) -> History:
    """Follow every action across versions given as Plans or paths, in any order."""
    return build_history([_plan(s, password) for s in sources])


class _CallableModule(types.ModuleType):
    def __call__(
        self, old: Plan | str | Path, new: Plan | str | Path, *, password: str | None = None
    ) -> Diff:
        return diff(old, new, password=password)


sys.modules[__name__].__class__ = _CallableModule
