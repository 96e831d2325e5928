"""Charts drawn by matplotlib as inline SVG, for the HTML reports.

matplotlib is the optional extra "charts" (pip install 'actionplan[charts]'): without it
a report says so where its charts would be, and is otherwise the same. Each SVG keeps
its text as text (searchable, and sized by the page's font), carries no date, and names
its clip paths from a salt of its own, so two charts in one page never share an id.
"""

from __future__ import annotations

import functools
import io
import re
from typing import TYPE_CHECKING, Any

from actionplan.export.board_model import Chart

if TYPE_CHECKING:
    from matplotlib.axes import Axes

MISSING = "Charts need matplotlib: pip install 'actionplan[charts]'."
_PREAMBLE = re.compile(r"^.*?(?=<svg)", re.DOTALL)


def available() -> bool:
    """Say whether matplotlib can be imported."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


@functools.lru_cache(maxsize=64)
def chart_svg(chart: Chart) -> str:
    """Return a chart as an <svg> element (no XML declaration or doctype).

    Charts are frozen records, so the same chart is drawn once a process.
    """
    import matplotlib
    from matplotlib.figure import Figure

    height = 3.2 if chart.kind != "barh" else max(1.6, 0.45 * len(chart.categories) + 1.1)
    rc: dict[str, Any] = {
        "svg.fonttype": "none",
        "svg.hashsalt": chart.key,
        "font.family": "sans-serif",
        "font.size": 10,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
    with matplotlib.rc_context(rc):  # type: ignore[arg-type]
        fig = Figure(figsize=(7.2, height), layout="constrained")
        ax = fig.add_subplot()
        _draw(ax, chart)
        ax.set_title(chart.title, loc="left", fontsize=11, fontweight="bold")
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = _PREAMBLE.sub("", buf.getvalue(), count=1)
    label = f'<svg role="img" aria-label="{_attr(chart.title)}"'
    return svg.replace("<svg", label, 1)


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _rgb(rgb: str | None) -> str:
    return f"#{rgb}" if rgb else "#BFBFBF"


def _draw(a: Axes, chart: Chart) -> None:
    import numpy as np
    from matplotlib.ticker import MaxNLocator

    x = np.arange(len(chart.categories))
    if chart.kind == "bar":
        width = 0.8 / max(len(chart.series), 1)
        for k, s in enumerate(chart.series):
            bars = a.bar(
                x + (k - (len(chart.series) - 1) / 2) * width, s.values, width,
                label=s.name, color=_rgb(s.rgb), edgecolor="#333333", linewidth=0.5,
            )  # fmt: skip
            a.bar_label(bars, fmt="%d", fontsize=9)
        a.set_xticks(x, chart.categories)
    elif chart.kind == "stacked":
        bottom = np.zeros(len(chart.categories))
        for s in chart.series:
            a.bar(
                x, s.values, 0.6, bottom=bottom, label=s.name, color=_rgb(s.rgb),
                edgecolor="#333333", linewidth=0.5,
            )  # fmt: skip
            bottom = bottom + np.array(s.values)
        a.set_xticks(x, chart.categories)
    elif chart.kind == "line":
        for s in chart.series:
            a.plot(x, s.values, marker="o", label=s.name, color=_rgb(s.rgb))
        a.set_xticks(x, chart.categories)
        a.set_ylim(bottom=0)
    else:  # barh: one bar per action, the first at the top
        s = chart.series[0]
        bars = a.barh(x, s.values, 0.6, color=_rgb(s.rgb))
        a.bar_label(bars, fmt="%d", fontsize=9, padding=2)
        a.set_yticks(x, [f"Action {c}" for c in chart.categories])
        a.invert_yaxis()
        a.axvline(0, color="#333333", linewidth=0.8)
        a.set_xlabel(chart.y_title)
        if not chart.categories:
            a.text(0.5, 0.5, "No due date moved", ha="center", va="center", transform=a.transAxes)
            a.set_yticks([])
        return
    a.set_ylabel(chart.y_title)
    a.yaxis.set_major_locator(MaxNLocator(integer=True))
    if chart.series:
        a.legend(frameon=False, fontsize=9, loc="upper left", bbox_to_anchor=(1.0, 1.0))
