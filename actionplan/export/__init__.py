"""Render plans, diffs and histories in every output format, one dispatch table each.

Importing this module is cheap: each table names its renderer's module, which is
imported (with openpyxl and the rest) only when it runs, so the CLI's --help stays fast.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypedDict, Unpack

from actionplan.export.board_model import ReportOptions
from actionplan.export.safety import rendering

if TYPE_CHECKING:
    from actionplan.models import Diff, History, Plan

Rendered = str | bytes
__all__ = [
    "DIFF_RENDERERS",
    "HISTORY_RENDERERS",
    "PLAN_RENDERERS",
    "ReportOptions",
    "Safety",
    "render_diff",
    "render_history",
    "render_plans",
]


@dataclass(frozen=True)
class Renderer:
    """One output format: the function that renders it and what kind of output it gives.

    `kind` "workbook" renders an openpyxl Workbook (written out as .xlsx bytes); "csv"
    takes `bom` (a byte-order mark for Excel, left out on a terminal); "text" is as is.
    """

    target: str
    kind: Literal["text", "csv", "workbook"] = "text"

    def __call__(
        self, subject: Any, to_stdout: bool, options: ReportOptions | None = None
    ) -> Rendered:
        module, name = self.target.split(":")
        fn = getattr(importlib.import_module(f"actionplan.export.{module}"), name)
        # A diff's report takes its options (as-at date, section); plans and histories none.
        args = (subject,) if options is None else (subject, options)
        if self.kind == "workbook":
            from actionplan.export.excel import workbook_bytes

            return workbook_bytes(fn(*args))
        if self.kind == "csv":
            return fn(*args, bom=not to_stdout)  # type: ignore[no-any-return]
        return fn(*args)  # type: ignore[no-any-return]


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _plans_json(plans: Sequence[Plan], to_stdout: bool) -> Rendered:
    return _json(plans[0].to_dict() if len(plans) == 1 else [p.to_dict() for p in plans])


PLAN_RENDERERS: dict[str, Callable[[Sequence[Plan], bool], Rendered]] = {
    "json": _plans_json,
    "csv": Renderer("tabular:plans_to_csv", "csv"),
    "xlsx": Renderer("excel:plans_workbook", "workbook"),
    "html": Renderer("html_report:plans_html"),
    "md": Renderer("markdown:plans_markdown"),
    "csv-updates": Renderer("tabular:updates_to_csv", "csv"),
}

DIFF_RENDERERS: dict[str, Callable[[Diff, bool, ReportOptions], Rendered]] = {
    "text": Renderer("text_report:diff_text"),
    # The diff itself, with the board report counted at the as-at date (report_json.py).
    "json": Renderer("report_json:diff_json"),
    "xlsx": Renderer("excel:diff_workbook", "workbook"),
    "html": Renderer("html_report:diff_html"),
    "md": Renderer("markdown:diff_markdown"),
    "csv": Renderer("tabular:diff_to_csv", "csv"),
}

HISTORY_RENDERERS: dict[str, Callable[[History, bool], Rendered]] = {
    "text": Renderer("text_report:history_text"),
    "json": lambda history, to_stdout: _json(history.to_dict()),
    "xlsx": Renderer("excel:history_workbook", "workbook"),
    "html": Renderer("html_report:history_html"),
    "md": Renderer("markdown:history_markdown"),
    "csv": Renderer("history_csv:history_to_csv", "csv"),
}


class Safety(TypedDict, total=False):
    """How a render treats cells a spreadsheet could misread (see export.safety)."""

    raw_csv: bool  # write CSV cells as they are, formulas and all
    notes: list[str]  # a warning for each kind of cell changed on the way is appended


def render_plans(
    plans: Sequence[Plan], fmt: str, *, to_stdout: bool = False, **safety: Unpack[Safety]
) -> Rendered:
    """Render one or more plans in an output format (see PLAN_RENDERERS).

    CSV cells that would start a formula get a leading ' unless raw_csv is given.
    """
    with rendering(**safety):
        return PLAN_RENDERERS[fmt](plans, to_stdout)


def render_diff(
    diff: Diff,
    fmt: str,
    *,
    to_stdout: bool = False,
    options: ReportOptions | None = None,
    **safety: Unpack[Safety],
) -> Rendered:
    """Render a diff in an output format (see DIFF_RENDERERS), CSV cells as for plans.

    options: the as-at date overdue and staleness count from (the new version's review
    date if none), the stale threshold, the section ("exceptions" alone) and a history
    for slip counts (see ReportOptions).
    """
    with rendering(**safety):
        return DIFF_RENDERERS[fmt](diff, to_stdout, options or ReportOptions())


def render_history(
    history: History, fmt: str, *, to_stdout: bool = False, **safety: Unpack[Safety]
) -> Rendered:
    """Render a multi-version history in an output format (see HISTORY_RENDERERS)."""
    with rendering(**safety):
        return HISTORY_RENDERERS[fmt](history, to_stdout)
