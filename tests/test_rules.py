"""The domain rules have one home (actionplan.rules), and every caller agrees with it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

import actionplan
from actionplan import rules
from actionplan.compare.history import one_per_version
from actionplan.extract.formats import format_from_extension, sniff
from actionplan.models import DocumentInfo, Plan
from actionplan.normalise.rag import rag_from_text
from actionplan.store import Store


def test_version_numbers_compare_as_integers_part_by_part() -> None:
    labels = ["V8.10", "V8.9", "V10", "V9", "V8", "Version 8.2"]
    ordered = sorted(labels, key=lambda v: rules.version_order(None, v))
    assert ordered == ["V8", "Version 8.2", "V8.9", "V8.10", "V9", "V10"]
    assert rules.version_number("Version 8.0") == rules.version_number("V8") == (8,)
    assert rules.version_number("draft") == ()


def test_review_date_comes_before_the_version_number() -> None:
    early = rules.version_order(dt.date(2018, 5, 16), "V9")
    late = rules.version_order(dt.date(2018, 6, 14), "V8")
    assert early < late


@pytest.mark.parametrize(
    ("text", "complete"),
    [
        ("Complete", True),
        ("Completed", True),
        ("Blue – Completed", True),
        ("C", True),
        ("Closed", True),
        ("Achieved", True),
        ("Done", True),
        ("Not complete", False),
        ("Incomplete", False),
        ("Partially complete", False),
        ("In progress", False),
        ("Green", False),
        ("", False),
        (None, False),
    ],
)
def test_one_vocabulary_says_what_complete_means(text: str | None, complete: bool) -> None:
    assert rules.means_complete(text) is complete


def test_the_rag_reader_and_the_diff_share_the_completion_vocabulary(v8: Plan) -> None:
    from actionplan.compare import is_complete

    for word in sorted(rules.COMPLETION_WORDS):
        colour, _ = rag_from_text(word.title(), [])
        assert colour == "Blue", word
        action = v8.actions[0].model_copy(
            update={"rag": "Amber", "rag_label": None, "rag_text": word.title()}
        )
        assert is_complete(action), word
    not_done = v8.actions[0].model_copy(
        update={"rag": "Amber", "rag_label": None, "rag_text": "Not complete"}
    )
    assert not is_complete(not_done)


def test_every_format_of_the_table_is_sniffed_and_named_by_its_extensions(
    samples: Path,
) -> None:
    assert [f.name for f in sorted(rules.FORMATS, key=lambda f: f.preference)] == list(
        rules.FORMAT_NAMES
    )
    for fmt in rules.FORMATS:
        for ext in fmt.extensions:
            assert format_from_extension(Path(f"plan{ext}")) is fmt
    assert sniff(samples / "cp-reduction-v8.docx").name == "docx"
    assert sniff(samples / "cp-reduction-v8.pdf").name == "pdf"
    assert sniff(samples / "cp-reduction-v8.txt").name == "text"


def test_the_contract_names_exactly_the_formats_of_the_table() -> None:
    schema = DocumentInfo.model_json_schema()
    assert schema["properties"]["format"]["enum"] == list(rules.FORMAT_NAMES)
    with pytest.raises(ValueError, match="formats table"):
        DocumentInfo(source="x", sha256="0", format="xlsb")


def _version_copies(samples: Path, folder: Path, names: dict[str, str]) -> list[Path]:
    """Copy the V8 dump under new names, with the version in its title replaced."""
    text = (samples / "cp-reduction-v8.txt").read_text("utf-8")
    out = []
    for name, version in names.items():
        path = folder / name
        path.write_text(text.replace("– V8\n", f"– {version}\n"), encoding="utf-8")
        out.append(path)
    return out


def test_history_and_the_store_order_versions_alike(samples: Path, tmp_path: Path) -> None:
    files = _version_copies(samples, tmp_path, {"a.txt": "V8.10", "b.txt": "V8.9", "c.txt": "V8.2"})
    from_files = [d.version for d in actionplan.history(*files).versions]
    with Store(tmp_path / "plans.db") as store:
        list(store.import_paths(files, workers=0))
        (plan,) = store.plans()
        stored = [v.version for v in plan.versions]
        from_store = [d.version for d in store.history(plan.key).versions]
    assert from_files == stored == from_store == ["V8.2", "V8.9", "V8.10"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "formats",
    [("docx", "pdf", "txt"), ("pdf", "txt"), ("txt", "pdf"), ("docx", "txt")],
)
def test_history_and_the_store_keep_the_same_document_of_a_version(
    samples: Path, tmp_path: Path, formats: tuple[str, ...]
) -> None:
    files = []
    for ext in formats:
        target = tmp_path / f"cp-reduction-v8.{ext}"
        shutil.copy(samples / f"cp-reduction-v8.{ext}", target)
        files.append(target)
    plans = [actionplan.read(f) for f in files]
    kept, notes = one_per_version(plans)
    assert len(kept) == 1 and len(notes) == len(files) - 1
    with Store(tmp_path / "plans.db") as store:
        list(store.import_paths(files, workers=0))
        (plan,) = store.plans()
        (version,) = plan.versions
        stored_first = version.documents[0].format
    expected = min((p.document.format for p in plans), key=rules.format_preference)
    assert kept[0].document.format == stored_first == expected


def test_every_reader_of_the_table_takes_the_bytes_the_pipeline_read() -> None:
    import inspect

    from actionplan.pipeline import reader_for

    for fmt in rules.FORMATS:
        params = inspect.signature(reader_for(fmt)).parameters
        accepts_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
        for name in ("data", "password", "workers"):
            assert name in params or accepts_any, (fmt.name, name)
        if fmt.name != "doc":  # a legacy document is converted from its file by LibreOffice
            assert "data" in params, fmt.name
