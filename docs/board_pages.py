"""Write the board pack's sections as pages of their own, for docs/make_screenshots.sh.

python docs/board_pages.py OUTDIR OLD NEW      # exceptions.html, owners.html, chart.html
python docs/board_pages.py --trim PNG           # cut a screenshot to its content
"""

from __future__ import annotations

import sys
from pathlib import Path


def pages(out: Path, old_path: str, new_path: str) -> None:
    """Write the exception report, the by-owner view and a history's charts, one a page."""
    import actionplan
    from actionplan.compare import build_history, diff_plans
    from actionplan.export import ReportOptions
    from actionplan.export.html_board import charts_html, owners_html
    from actionplan.export.html_report import diff_html, page
    from actionplan.export.view import diff_view

    old, new = actionplan.read(old_path), actionplan.read(new_path)
    diff = diff_plans(old, new)
    view = diff_view(diff, ReportOptions(history=build_history([old, new])))
    exceptions = diff_html(diff, ReportOptions(section="exceptions"))
    (out / "exceptions.html").write_text(exceptions, encoding="utf-8")
    (out / "owners.html").write_text(page("By owner", owners_html(view.owners)), "utf-8")
    history = [c for c in view.charts if c.key in ("history_mix", "open_completed")]
    (out / "chart.html").write_text(page("History", charts_html(history)), encoding="utf-8")


def trim(path: str) -> None:
    """Cut the white space below a screenshot's content (20 px kept)."""
    from PIL import Image, ImageChops

    image = Image.open(path).convert("RGB")
    box = ImageChops.difference(image, Image.new("RGB", image.size, "white")).getbbox()
    if box:
        image.crop((0, 0, image.width, min(image.height, box[3] + 20))).save(path, optimize=True)


if __name__ == "__main__":
    if sys.argv[1] == "--trim":
        trim(sys.argv[2])
    else:
        pages(Path(sys.argv[1]), sys.argv[2], sys.argv[3])
