"""A plan saved as a web page: table cells, paragraphs, list items and cell colours."""

from __future__ import annotations

from pathlib import Path

import actionplan

PAGE = """<!DOCTYPE html><html><head><title>Plan</title></head><body>
<h1>CP Reduction Action Plan Review- 14/06/2018 – V8</h1>
<table>
<tr><th></th><th>Action</th><th>Person Responsible</th><th>By When</th><th>Update</th>
<th>RAG</th></tr>
<tr><td>1</td><td><p>Training programme; including</p><ul><li>Strategy requests</li>
<li>S47 thresholds</li></ul></td><td>Jane Hoey &amp; Cath Thomas</td><td>12/01/18</td>
<td><p>08/03/2018: PSW appointed</p><p>03/05/2018: started</p></td>
<td style="background-color: #00B050"></td></tr>
<tr><td colspan="6">Priority 2: Data</td></tr>
<tr><td>2</td><td>Weekly report</td><td>Paul Harris</td><td>Ongoing</td><td>Ongoing</td>
<td bgcolor="#0070C0"></td></tr>
</table></body></html>"""


def test_html_plan_is_read_like_a_word_one(tmp_path: Path) -> None:
    path = tmp_path / "plan.html"
    path.write_text(PAGE, "utf-8")
    plan = actionplan.read(path)
    assert plan.document.format == "html"
    assert plan.document.version == "V8"
    first, second = plan.actions
    assert first.action == "Training programme; including\n• Strategy requests\n• S47 thresholds"
    assert first.owners == ["Jane Hoey", "Cath Thomas"]
    assert [(str(u.date), u.text) for u in first.updates] == [
        ("2018-03-08", "PSW appointed"),
        ("2018-05-03", "started"),
    ]
    assert (first.rag, first.rag_source) == ("Green", "shading")
    assert second.section == "Priority 2: Data"
    assert second.rag == "Blue"
