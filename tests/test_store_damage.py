"""A damaged document is stored with its warnings, flagged in `plans` (text and JSON), and
a diff against it says so rather than presenting the actions it lost as removed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actionplan.store import Store
from tests.test_store_faults import invoke


def _damaged_v8_pdf(tmp_path: Path) -> Path:
    from tests.test_pdf_damage import V8, _flipped

    path = tmp_path / "in" / "cp-reduction-v8.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_flipped(V8.read_bytes(), 1))
    return path


DAMAGE = "page 2's content stream is damaged: actions on it may be missing"


@pytest.mark.slow  # reads two PDFs and a .docx
def test_a_damaged_document_is_stored_with_its_warning_and_flagged_in_plans_and_the_diff(
    tmp_path: Path, samples: Path
) -> None:
    damaged = _damaged_v8_pdf(tmp_path)
    old = tmp_path / "in" / "cp-reduction-v7.docx"
    old.write_bytes((samples / "cp-reduction-v7.docx").read_bytes())
    db = tmp_path / "plans.db"
    result = invoke("import", tmp_path / "in", "--db", db, "--workers", "0")
    assert result.exit_code == 0, result.stderr
    assert (
        "1 imported document(s) are damaged: actions may be missing from them "
        "(flagged in `actionplan plans`)"
    ) in result.stderr
    with Store(db, create=False) as store:
        plan = store.plan_document("CP Reduction", "V8")
    assert DAMAGE in plan.warnings
    text = invoke("plans", "--db", db).stdout.splitlines()
    v8 = next(ln for ln in text if ln.strip().startswith("V8 "))
    assert v8.split()[-2:] == ["pdf", "DAMAGED"]
    assert f"  V8 is damaged ({damaged.name}): {DAMAGE}" in text
    v7 = next(ln for ln in text if ln.strip().startswith("V7 "))
    assert "DAMAGED" not in v7
    data = json.loads(invoke("plans", "--db", db, "-f", "json").stdout)
    versions = {v["label"]: v for v in data["plans"][0]["versions"]}
    assert versions["V8"]["damage"] == [DAMAGE]
    assert versions["V8"]["documents"][0]["damage"] == [DAMAGE]
    assert versions["V7"]["damage"] == []

    diff = invoke("diff", "--plan", "CP Reduction", "V7", "V8", "--db", db, "-f", "json")
    assert diff.exit_code == 0, diff.stderr
    body = json.loads(diff.stdout)
    removed = body["summary"]["removed"]
    assert removed > 0
    warning = (
        f"NEW ({damaged.name}) is damaged: {DAMAGE}; {removed} action(s) shown as removed "
        "may only be unread in it"
    )
    assert body["warnings"] == [warning]
    assert f"warning: diff: {warning}" in diff.stderr
    report = invoke("diff", "--plan", "CP Reduction", "V7", "V8", "--db", db)
    assert warning in report.stdout
    mirror = json.loads(
        invoke(
            "diff", "--plan", "CP Reduction", "V8", "V7", "--db", db, "-f", "json", "--force"
        ).stdout
    )
    assert mirror["warnings"][-1] == (
        f"OLD ({damaged.name}) is damaged: {DAMAGE}; {removed} action(s) shown as added "
        "may only be unread in it"
    )
