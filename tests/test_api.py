"""The library API reads like the CLI: read(), Plan frames, diff(), legacy .doc."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import actionplan
from actionplan.extract import doc_reader
from tests import components


def test_read_gives_a_plan_with_frames(samples: Path) -> None:
    plan = actionplan.read(samples / "cp-reduction-v8.docx")
    frame = plan.to_frame()
    assert len(frame) == 19
    assert list(frame["ref"][:3]) == ["1", "2", "3"]
    assert frame.loc[8, "update_count"] == 5
    assert frame.loc[8, "latest_update_date"] == pd.Timestamp("2018-06-14")
    # Dates are datetime64, so they sort, filter and resample as dates; none is NaT.
    dated = ["due_date", "due_end", "latest_update_date"]
    assert [str(frame[c].dtype) for c in dated] == ["datetime64[ns]"] * 3
    assert frame["due_end"].isna().sum() == sum(a.due.end is None for a in plan.actions)
    assert (
        frame["due_date"] < pd.Timestamp("2018-06-14")
    ).sum() == 17  # every dated one: 2 have no date
    updates = plan.updates_frame()
    assert str(updates["date"].dtype) == "datetime64[ns]"
    assert len(updates) == sum(len(a.updates) for a in plan.actions)
    assert list(updates.columns) == ["ref", "position", "date", "date_text", "text", "lead"]


def test_legacy_doc_without_libreoffice_says_how_to_convert(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    monkeypatch.setattr(doc_reader, "soffice", lambda: None)
    with pytest.raises(actionplan.ConversionUnavailable, match="LibreOffice"):
        actionplan.read(path)


@pytest.mark.office
@pytest.mark.slow
def test_legacy_doc_is_read_through_libreoffice(tmp_path: Path, samples: Path, writer: str) -> None:
    src = Path(shutil.copy(samples / "cp-reduction-v8.docx", tmp_path / "v8.docx"))
    components.convert(writer, src, "doc", tmp_path).check_returncode()
    plan = actionplan.read(tmp_path / "v8.doc")
    assert plan.document.format == "doc"
    assert len(plan.actions) == 19
    assert [a.rag for a in plan.actions] == [
        a.rag for a in actionplan.read(samples / "cp-reduction-v8.docx").actions
    ]
