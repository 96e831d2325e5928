"""Render plans, diffs and histories in every output format, one dispatch table each.

Importing this module is cheap: each renderer imports its own heavy libraries
(openpyxl, json) when it runs, so the CLI's --help stays fast.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from actionplan.models import Diff, History, Plan

Rendered = str | bytes


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _plans_json(plans: Sequence[Plan], to_stdout: bool) -> Rendered:
    return _json(plans[0].to_dict() if len(plans) == 1 else [p.to_dict() for p in plans])


def _plans_csv(plans: Sequence[Plan], to_stdout: bool) -> Rendered:
    from actionplan.export.tabular import plans_to_csv

    return plans_to_csv(plans, bom=not to_stdout)


def _plans_xlsx(plans: Sequence[Plan], to_stdout: bool) -> Rendered:
    from actionplan.export.excel import plans_workbook, workbook_bytes

    return workbook_bytes(plans_workbook(plans))


def _plans_html(plans: Sequence[Plan], to_stdout: bool) -> Rendered:
    from actionplan.export.html_report import plans_html

    return plans_html(plans)


def _plans_md(plans: Sequence[Plan], to_stdout: bool) -> Rendered:
    from actionplan.export.markdown import plans_markdown

    return plans_markdown(plans)


def _plans_updates_csv(plans: Sequence[Plan], to_stdout: bool) -> Rendered:
    from actionplan.export.tabular import updates_to_csv

    return updates_to_csv(plans, bom=not to_stdout)


PLAN_RENDERERS: dict[str, Callable[[Sequence[Plan], bool], Rendered]] = {
    "json": _plans_json,
    "csv": _plans_csv,
    "xlsx": _plans_xlsx,
    "html": _plans_html,
    "md": _plans_md,
    "csv-updates": _plans_updates_csv,
}


def _diff_text(diff: Diff, to_stdout: bool) -> Rendered:
    from actionplan.export.text_report import diff_text

    return diff_text(diff)


def _diff_json(diff: Diff, to_stdout: bool) -> Rendered:
    return diff.to_json() + "\n"


def _diff_xlsx(diff: Diff, to_stdout: bool) -> Rendered:
    from actionplan.export.excel import diff_workbook, workbook_bytes

    return workbook_bytes(diff_workbook(diff))


def _diff_html(diff: Diff, to_stdout: bool) -> Rendered:
    from actionplan.export.html_report import diff_html

    return diff_html(diff)


def _diff_md(diff: Diff, to_stdout: bool) -> Rendered:
    from actionplan.export.markdown import diff_markdown

    return diff_markdown(diff)


def _diff_csv(diff: Diff, to_stdout: bool) -> Rendered:
    from actionplan.export.tabular import diff_to_csv

    return diff_to_csv(diff, bom=not to_stdout)


DIFF_RENDERERS: dict[str, Callable[[Diff, bool], Rendered]] = {
    "text": _diff_text,
    "json": _diff_json,
    "xlsx": _diff_xlsx,
    "html": _diff_html,
    "md": _diff_md,
    "csv": _diff_csv,
}


def _history_text(history: History, to_stdout: bool) -> Rendered:
    from actionplan.export.text_report import history_text

    return history_text(history)


def _history_json(history: History, to_stdout: bool) -> Rendered:
    return _json(history.to_dict())


def _history_xlsx(history: History, to_stdout: bool) -> Rendered:
    from actionplan.export.excel import history_workbook, workbook_bytes

    return workbook_bytes(history_workbook(history))


def _history_html(history: History, to_stdout: bool) -> Rendered:
    from actionplan.export.html_report import history_html

    return history_html(history)


def _history_md(history: History, to_stdout: bool) -> Rendered:
    from actionplan.export.markdown import history_markdown

    return history_markdown(history)


HISTORY_RENDERERS: dict[str, Callable[[History, bool], Rendered]] = {
    "text": _history_text,
    "json": _history_json,
    "xlsx": _history_xlsx,
    "html": _history_html,
    "md": _history_md,
}


def render_plans(plans: Sequence[Plan], fmt: str, *, to_stdout: bool = False) -> Rendered:
    """Render one or more plans in an output format (see PLAN_RENDERERS)."""
    return PLAN_RENDERERS[fmt](plans, to_stdout)


def render_diff(diff: Diff, fmt: str, *, to_stdout: bool = False) -> Rendered:
    """Render a diff in an output format (see DIFF_RENDERERS)."""
    return DIFF_RENDERERS[fmt](diff, to_stdout)


def render_history(history: History, fmt: str, *, to_stdout: bool = False) -> Rendered:
    """Render a multi-version history in an output format (see HISTORY_RENDERERS)."""
    return HISTORY_RENDERERS[fmt](history, to_stdout)
