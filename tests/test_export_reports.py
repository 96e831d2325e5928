"""HTML, Markdown and CSV reports of the samples' V7→V8 diff, and of hostile text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from actionplan.cli import cli
from actionplan.compare import build_history, diff_plans
from actionplan.export import DIFF_RENDERERS, HISTORY_RENDERERS, PLAN_RENDERERS, ReportOptions
from actionplan.export.html_report import diff_html, history_html, plans_html
from actionplan.export.markdown import diff_markdown, md, plans_markdown
from actionplan.export.tabular import diff_to_csv, updates_to_csv
from actionplan.models import (
    Action,
    Diff,
    DocumentInfo,
    Due,
    LegendEntry,
    Plan,
    Provenance,
    UpdateEntry,
)

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
HOSTILE = '<script>alert("pwned")</script>'


def hostile_plan(version: str, review: dt.date, update: str) -> Plan:
    doc = DocumentInfo(
        source=f"<b>evil</b> {version}.docx",
        sha256="0" * 64,
        format="docx",
        title="Plan | with <i>tags</i> & pipes",
        review_date=review,
        version=version,
        # An RGB that would break out of a style attribute if it were not checked.
        rag_legend=[
            LegendEntry(colour="Green", label="On <u>track</u>", rgb='00B050" onmouseover="x')
        ],
    )
    action = Action(
        ref="1",
        action=f"{HOSTILE} | cell *bold* _it_ [link](http://evil.example)",
        owners=["Tom & Jerry", "<img src=x onerror=alert(1)>"],
        owner_text="Tom & Jerry",
        due=Due(text="31/01/18", kind="date", date=dt.date(2018, 1, 31)),
        updates=[UpdateEntry(date=review, date_text=f"{review:%d/%m/%Y}", text=update)],
        rag="Green",
        provenance=Provenance(row=1),
    )
    return Plan(document=doc, actions=[action])


@pytest.fixture(scope="module")
def hostile_diff() -> Diff:
    old = hostile_plan("V1", dt.date(2018, 1, 1), "first <b>entry</b>")
    new = hostile_plan("V2", dt.date(2018, 2, 1), f"second {HOSTILE} | 1. item\n# not a heading")
    new.actions[0].updates.insert(0, old.actions[0].updates[0])
    return diff_plans(old, new)


def test_every_report_format_is_offered_by_each_command() -> None:
    assert {"xlsx", "html", "md", "csv"} <= set(DIFF_RENDERERS)
    assert {"xlsx", "html", "md", "csv", "csv-updates"} <= set(PLAN_RENDERERS)
    assert {"xlsx", "html", "md"} <= set(HISTORY_RENDERERS)


def test_diff_html_is_one_self_contained_printable_file(v7_v8: Diff) -> None:
    page = diff_html(v7_v8)
    assert page.startswith("<!DOCTYPE html>")
    assert "@page { size: A4 landscape" in page
    assert "<style>" in page and "<script" not in page and "<link" not in page
    assert not re.search(r"(?:src|href)=\"(?!#)", page), "no external or relative resources"
    # The charts' SVG clip paths point inside the page (url(#id)); nothing else may.
    assert not re.search(r"url\((?!#)", page) and "@import" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_diff_html_puts_summary_counts_first(v7_v8: Diff) -> None:
    tree = lxml.html.fromstring(diff_html(v7_v8))
    counts = {c.findtext("span"): int(c.findtext("b")) for c in tree.find_class("count")}
    assert counts["actions in V8"] == 19
    assert (counts["added"], counts["removed"], counts["changed"]) == (0, 1, 9)
    assert counts["new update entries"] == 6
    assert counts["overdue at 14/06/2018"] == 9
    assert counts["no new update"] == 13
    assert counts["earlier entry rewritten"] == 1  # a count of 1 in the singular
    headings = [h.text_content() for h in tree.iter("h2")]
    # The board's questions first: status, exceptions, owners, charts; then the detail.
    assert headings[:8] == [
        "Status of the 19 actions",
        "Exception report",
        "By owner",
        "Charts",
        "Changes in numbers",
        "History rewritten",
        "RAG movement",
        "Changes and progress since the last review",
    ]
    assert tree.findtext(".//h1") == (
        "CP Reduction Action Plan Review: V7 (16/05/2018) → V8 (14/06/2018)"
    )


def test_diff_html_paints_rag_chips_in_the_legend_colours(v7_v8: Diff) -> None:
    tree = lxml.html.fromstring(diff_html(v7_v8))
    styles = {c.text_content(): c.get("style") for c in tree.find_class("chip")}
    assert styles["Green"] == "background:#00B050;color:#000000"
    assert styles["Blue"] == "background:#0070C0;color:#FFFFFF"
    assert styles["Yellow – In progress – potential problems"].startswith("background:#FFFF00")
    legend = tree.find_class("legend")[0].text_content()
    assert "Red – Delayed" in legend


def test_diff_html_marks_word_changes_and_lists_new_entries_per_action(v7_v8: Diff) -> None:
    tree = lxml.html.fromstring(diff_html(v7_v8))
    rows = {
        r.find("td").text_content(): r
        for r in tree.xpath("//h2[starts-with(., 'Changes')]/following-sibling::table[1]//tr")
        if r.find("td") is not None
    }
    assert set(rows) == {"7", "9", "11", "12", "13", "15", "16", "18", "19→18", "20→19"}
    wording = rows["16"]
    assert [d.text for d in wording.iter("del")] == ["data", "identify"]
    assert [i.text for i in wording.iter("ins")] == ["information", "establish"]
    nine = rows["9"].text_content()
    assert "14/06/2018" in nine and "CP reduced to 180 (11/06)." in nine
    due = rows["12"].text_content()
    assert "Mid-March 2018" in due and "Mid-April 2018" in due and "slipped 31 days" in due
    assert [i.text for i in rows["13"].iter("ins")] == ["Jane Hoey"]
    assert "nothing new reported" in rows["12"].text_content()


def test_diff_html_calls_out_rewritten_history(v7_v8: Diff) -> None:
    tree = lxml.html.fromstring(diff_html(v7_v8))
    (box,) = tree.xpath("//section[@id='history-rewritten']")
    assert "callout" in box.get("class")
    text = box.text_content()
    assert "08/03/2018" in text and "young people identified in cohort" in text
    assert [d.text for d in box.iter("del")] == ["9"]
    assert [i.text for i in box.iter("ins")] == ["8"]


def test_html_reports_escape_every_piece_of_document_text(hostile_diff: Diff, v7: Plan) -> None:
    plan = hostile_plan("V2", dt.date(2018, 2, 1), HOSTILE)
    history = build_history([hostile_plan("V1", dt.date(2018, 1, 1), "x"), plan])
    for page in (diff_html(hostile_diff), plans_html([plan]), history_html(history)):
        assert "<script" not in page
        assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in page
        assert "<img" not in page and "<b>evil" not in page and "<u>" not in page
        assert "onmouseover" not in page
        assert "Plan | with &lt;i&gt;tags&lt;/i&gt; &amp; pipes" in page
        tree = lxml.html.fromstring(page)
        assert not tree.xpath("//script|//img|//i|//u")
        assert HOSTILE in tree.text_content()


def test_plans_html_lists_every_action_and_dated_entry(v8: Plan) -> None:
    tree = lxml.html.fromstring(plans_html([v8]))
    rows = [r for r in tree.xpath("//tbody/tr") if r.find("td") is not None]
    assert [r.find("td").text_content() for r in rows] == [a.ref for a in v8.actions]
    nine = rows[8]
    dates = [d.text for d in nine.find_class("date")]
    assert dates == [u.date_text for u in v8.actions[8].updates]
    assert len(dates) == 5


def test_history_html_shows_each_version_as_chips(v7: Plan, v8: Plan) -> None:
    tree = lxml.html.fromstring(history_html(build_history([v7, v8])))
    headers = [th.text_content() for th in tree.xpath("//thead//th")]
    assert headers == ["Refs", "Action", "V7 (16/05/2018)", "V8 (14/06/2018)", "Notes"]
    assert tree.find_class("chip")


def table_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("| ")]


def unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_markdown_escapes_pipes_tags_and_emphasis(hostile_diff: Diff) -> None:
    assert md("a | b") == r"a \| b"
    assert md("*x* _y_ `z` [l](u)") == r"\*x\* \_y\_ \`z\` \[l\](u)"
    assert md("<script>") == "&lt;script>"
    assert md("1. first\n- second\n# third") == "1\\. first\n\\- second\n\\# third"
    text = diff_markdown(hostile_diff)
    assert "<script" not in text and "<img" not in text
    for table in text.split("\n\n"):
        rows = table_rows(table)
        if rows:
            assert len({unescaped_pipes(r) for r in rows}) == 1, rows
    assert (
        '&lt;script>alert("pwned")&lt;/script> \\| cell \\*bold\\* \\_it\\_ '
        "\\[link\\](http://evil.example)"
    ) in text
    assert "\\# not a heading" in text


def test_diff_markdown_has_the_same_content_as_the_html(v7_v8: Diff) -> None:
    text = diff_markdown(v7_v8)
    assert text.startswith("# CP Reduction Action Plan Review: V7 (16/05/2018) → V8 (14/06/2018)\n")
    assert "**19 actions:** 0 added, 1 removed, 9 changed, 10 unchanged (2 renumbered)" in text
    assert "Monthly ~~data~~ **information** to be provided to ~~identify~~ **establish**" in text
    assert "- RAG 🟨 Yellow → 🟩 Green" in text
    assert "- Due ~~Mid-March 2018~~ → **Mid-April 2018** (slipped 31 days)" in text
    assert "  - **14/06/2018** CP reduced to 180 (11/06)." in text
    assert "## ⚠️ History rewritten" in text
    assert "- **7**, entry 08/03/2018 edited: ~~9~~ **8** young people" in text
    assert "| 🟩 Green | 1 | 7 | · | · | · | 8 |" in text
    assert "## Overdue at 14/06/2018 (9)" in text and "## No new update (13)" in text
    for table in text.split("\n\n"):
        rows = table_rows(table)
        if rows:
            assert len({unescaped_pipes(r) for r in rows}) == 1, rows


def test_plans_markdown_has_a_row_per_action(v8: Plan) -> None:
    rows = table_rows(plans_markdown([v8]))
    assert len(rows) == 1 + len(v8.actions)
    assert rows[0] == "| Ref | Action | Owners | Due | RAG | Updates |"
    assert len({unescaped_pipes(r) for r in rows}) == 1


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_diff_csv_is_long_one_row_per_change(v7_v8: Diff) -> None:
    rows = read_csv(diff_to_csv(v7_v8))
    kinds = [r["kind"] for r in rows]
    assert kinds.count("action") == len(v7_v8.actions) == 20
    assert kinds.count("new_update") == 6
    assert kinds.count("edited_update") == 1
    # The removed action's two entries went with it, the mirror of an added action's.
    removed = [
        (r["status"], r["old_ref"], r["date"]) for r in rows if r["kind"] == "removed_update"
    ]
    assert removed == [("removed", "18", "2018-05-03"), ("removed", "18", "2018-05-16")]
    fields = {(r["new_ref"], r["field"]): r for r in rows if r["kind"] == "field"}
    due = fields[("12", "due")]
    assert (due["old"], due["new"], due["slippage_days"]) == (
        "Mid-March 2018",
        "Mid-April 2018",
        "31",
    )
    assert fields[("18", "rag")]["old"] == "Green" and fields[("18", "rag")]["new"] == "Blue"
    assert fields[("13", "owners")]["new"] == "CP/Court Managers; Cath Thomas; Jane Hoey"
    edit = next(r for r in rows if r["kind"] == "edited_update")
    assert (edit["new_ref"], edit["date"], edit["date_text"]) == ("7", "2018-03-08", "08/03/2018")
    assert edit["old"].startswith("9 young") and edit["new"].startswith("8 young")
    assert {r["status"] for r in rows} == {"changed", "unchanged", "removed"}


def test_csv_files_start_with_a_bom_and_stdout_does_not(tmp_path: Path) -> None:
    files = [str(SAMPLES / "cp-reduction-v7.docx"), str(SAMPLES / "cp-reduction-v8.docx")]
    runner = CliRunner()
    out = tmp_path / "changes.csv"
    assert runner.invoke(cli, ["-q", "diff", *files, "-f", "csv", "-o", str(out)]).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(
        b"\xef\xbb\xbfplan,old_version,old_review_date,new_version,new_review_date,as_at,status,"
    )
    # header, 20 action pairs, 5 changed fields, 6 new entries, 1 rewritten entry and the
    # 2 entries of the removed action
    assert raw.decode("utf-8-sig").count("\r\n") == 1 + 20 + 5 + 6 + 1 + 2
    stdout = runner.invoke(cli, ["-q", "diff", *files, "-f", "csv"]).stdout
    assert stdout.startswith("plan,old_version,")
    updates = tmp_path / "updates.csv"
    args = ["-q", "extract", files[1], "-f", "csv-updates", "-o", str(updates)]
    assert runner.invoke(cli, args).exit_code == 0
    assert updates.read_bytes().startswith(b"\xef\xbb\xbfsource,ref,position,date,")


def test_updates_csv_keeps_accents_and_dashes_as_utf8(v8: Plan) -> None:
    plan = v8.model_copy(deep=True)
    plan.actions[0].updates[0].text = "Réunion – suivi “OK”"
    text = updates_to_csv([plan])
    assert text.startswith("\ufeff")
    raw = text.encode("utf-8")
    line = raw.decode("utf-8-sig").splitlines()[1]
    assert line.endswith("Réunion – suivi “OK”,,CP Reduction Action Plan Review,V8,2018-06-14")
    rows = read_csv(text)
    assert len(rows) == sum(len(a.updates) for a in v8.actions)


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_report_formats_are_written_by_every_command(tmp_path: Path, fmt: str) -> None:
    files = [str(SAMPLES / "cp-reduction-v7.docx"), str(SAMPLES / "cp-reduction-v8.docx")]
    runner = CliRunner()
    for args in (["extract", files[1]], ["diff", *files], ["history", *files]):
        out = tmp_path / f"{args[0]}.{fmt}"
        result = runner.invoke(cli, ["-q", *args, "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert "V8" in out.read_text("utf-8")


def bare_plan(version: str, actions: int) -> Plan:
    """Return a plan with no legend, no review date and actions with nothing filled in."""
    doc = DocumentInfo(source=f"{version}.txt", sha256="0" * 64, format="text", version=version)
    return Plan(
        document=doc,
        actions=[
            Action(due=Due(text="", kind="unspecified"), provenance=Provenance(row=i))
            for i in range(actions)
        ],
    )


@pytest.mark.parametrize("sizes", [(0, 0), (2, 1), (0, 3)])
def test_every_renderer_copes_with_bare_and_empty_plans(sizes: tuple[int, int]) -> None:
    old, new = bare_plan("A", sizes[0]), bare_plan("B", sizes[1])
    diff = diff_plans(old, new)
    history = build_history([old, new])
    outputs = [r([new], False) for r in PLAN_RENDERERS.values()]
    outputs += [r(diff, False, ReportOptions()) for r in DIFF_RENDERERS.values()]
    outputs += [r(history, True) for r in HISTORY_RENDERERS.values()]
    assert all(outputs)
    page = diff_html(diff)
    assert "no RAG" in page or not diff.actions
