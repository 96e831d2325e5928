"""Native Excel charts (openpyxl) of a report's chart data: each chart's numbers are
written as a small table on the Charts sheet and the chart drawn from those cells, so
Excel and LibreOffice redraw it, and a reader can check every bar against its number."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.worksheet.worksheet import Worksheet

from actionplan.export.board_model import Chart
from actionplan.export.colours import clean_rgb
from actionplan.export.safety import excel_text
from actionplan.export.sheets import HEADER_FONT, print_setup, style_header

# Rows a chart takes on the sheet (15 rows of 20 points is about 7.5 cm).
CHART_ROWS = 18


def _style(series: object, rgb: str | None, line: bool) -> None:
    rgb = clean_rgb(rgb) or "7F7F7F"
    props = GraphicalProperties(solidFill=rgb)
    if line:
        props = GraphicalProperties()
        props.line.solidFill = rgb
        props.line.width = 28575  # 2.25 pt in EMU
    else:
        props.line.solidFill = "404040"
    series.graphicalProperties = props  # type: ignore[attr-defined]


def _chart(chart: Chart, ws: Worksheet, first_row: int) -> BarChart | LineChart:
    rows = len(chart.categories)
    data = Reference(
        ws, min_col=2, max_col=1 + len(chart.series), min_row=first_row, max_row=first_row + rows
    )
    cats = Reference(ws, min_col=1, min_row=first_row + 1, max_row=first_row + rows)
    made: BarChart | LineChart
    if chart.kind == "line":
        made = LineChart()
    else:
        made = BarChart()
        made.type = "bar" if chart.kind == "barh" else "col"
        if chart.kind == "stacked":
            made.grouping = "stacked"
            made.overlap = 100
    made.title = chart.title
    made.y_axis.title = chart.y_title
    made.add_data(data, titles_from_data=True)
    made.set_categories(cats)
    # openpyxl hides axes by default for newer Excel; a printed chart needs them.
    made.x_axis.delete = False
    made.y_axis.delete = False
    for s, series in zip(made.series, chart.series, strict=True):
        _style(s, series.rgb, chart.kind == "line")
    made.width, made.height = 18, 8.5
    if chart.kind == "barh":
        made.legend = None
    return made


def add_charts_sheet(wb: Workbook, charts: Sequence[Chart]) -> Worksheet | None:
    """Append a Charts sheet: each chart's data table, and the native chart beside it."""
    shown = [c for c in charts if c.categories and c.series]
    if not shown:
        return None
    ws = wb.create_sheet("Charts")
    ws.column_dimensions["A"].width = 22
    row = 1
    for chart in shown:
        ws.cell(row=row, column=1, value=excel_text(chart.title)).font = HEADER_FONT
        head = row + 1
        style_header(ws.cell(row=head, column=1, value=chart.axis))
        for j, s in enumerate(chart.series, start=2):
            style_header(ws.cell(row=head, column=j, value=excel_text(s.name)))
        for i, category in enumerate(chart.categories, start=1):
            ws.cell(row=head + i, column=1, value=excel_text(category))
            for j, s in enumerate(chart.series, start=2):
                ws.cell(row=head + i, column=j, value=int(s.values[i - 1]))
        ws.add_chart(_chart(chart, ws, head), f"F{row}")
        row = max(head + len(chart.categories) + 2, row + CHART_ROWS)
    print_setup(ws)
    return ws
