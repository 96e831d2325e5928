"""Title, review date and version from the lines above the table, a title line or a file name."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from actionplan.normalise.meta import (
    dated_label,
    document_metadata,
    looks_like_title,
    meta_from_filename,
    parse_title_line,
    title_label,
    version_line,
)


@pytest.mark.parametrize(
    ("line", "meta"),
    [
        (
            "CP Reduction Action Plan Review- 14/06/2018 – V8",
            ("CP Reduction Action Plan Review", dt.date(2018, 6, 14), "V8"),
        ),
        (
            "Workforce Improvement Plan – Progress Update 30/09/2019 (Version 3)",
            ("Workforce Improvement Plan – Progress Update", dt.date(2019, 9, 30), "Version 3"),
        ),
        ("V8 14/06/2018 CP Plan", ("CP Plan", dt.date(2018, 6, 14), "V8")),
        ("Action Plan as at 14/06/2018", ("Action Plan", dt.date(2018, 6, 14), None)),
        ("Improvement Plan v2.1", ("Improvement Plan", None, "v2.1")),
        ("Improvement Plan", ("Improvement Plan", None, None)),
        (
            "Workforce Strategy Action Plan (Version 2)",
            ("Workforce Strategy Action Plan", None, "Version 2"),
        ),
        ("Primary Care Resilience Plan [v1.3]", ("Primary Care Resilience Plan", None, "v1.3")),
    ],
)
def test_title_line_gives_title_review_date_and_version(
    line: str, meta: tuple[str | None, dt.date | None, str | None]
) -> None:
    assert parse_title_line(line) == meta


def test_month_only_review_date_is_the_end_of_that_month() -> None:
    assert parse_title_line("Action Plan Review June 2018")[1] == dt.date(2018, 6, 30)


@pytest.mark.parametrize(
    ("name", "meta"),
    [
        ("CP Plan V8 14.06.18.docx", ("CP Plan", dt.date(2018, 6, 14), "V8")),
        ("CP-Reduction-V8.docx", ("CP Reduction", None, "V8")),
        ("/shared/plans/Plan_20180614.pdf", ("Plan", dt.date(2018, 6, 14), None)),
        ("C:\\plans\\CP Plan v3 2018-06-14.docx", ("CP Plan", dt.date(2018, 6, 14), "v3")),
        ("Action_Plan.docx", ("Action Plan", None, None)),
    ],
)
def test_file_name_gives_title_date_and_version(
    name: str, meta: tuple[str | None, dt.date | None, str | None]
) -> None:
    assert meta_from_filename(name) == meta


@pytest.mark.parametrize(
    ("line", "is_title"),
    [
        ("CP Reduction Action Plan Review- 14/06/2018 – V8", True),
        ("Workforce Improvement Plan – Progress Update 30/09/2019 (Version 3)", True),
        ("Action\tPerson Responsible\tBy When\tUpdate\tRAG", False),
        ("Children’s Services – Workforce Board", False),
        ("Minutes of the meeting 14/06/2018", False),
        ("", False),
    ],
)
def test_looks_like_title_wants_plan_words_and_a_date_or_version(line: str, is_title: bool) -> None:
    assert looks_like_title(line) is is_title


@pytest.mark.parametrize(
    ("line", "labelled"),
    [
        ("Review date: 12 June 2019", ("Review date", dt.date(2019, 6, 12))),
        ("As at 30/06/2019", ("As at", dt.date(2019, 6, 30))),
        ("Position as at 14/09/2023", ("Position as at", dt.date(2023, 9, 14))),
        ("Date of meeting: 04/02/2020", ("Date of meeting", dt.date(2020, 2, 4))),
        ("Dyddiad adolygu: 30/09/2019", ("Dyddiad adolygu", dt.date(2019, 9, 30))),
        ("Date de revue : 09/06/2022", ("Date de revue", dt.date(2022, 6, 9))),
        ("Next review: 05/05/2020", ("Next review", dt.date(2020, 5, 5))),
        ("Review date: June 2019", ("Review date", dt.date(2019, 6, 30))),
        ("Quality Improvement Plan June 2019", None),
        ("CP Reduction Action Plan Review- 14/06/2018 – V8", None),
        ("Review date: 12 June 2019 (draft)", None),
        ("Review date: to be agreed", None),
    ],
)
def test_dated_label_is_a_short_lead_then_one_date(
    line: str, labelled: tuple[str, dt.date] | None
) -> None:
    assert dated_label(line) == labelled


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Title: Inspection Recommendations Tracker", "Inspection Recommendations Tracker"),
        ("Plan title: Carers Strategy", "Carers Strategy"),
        ("Teitl: Cynllun Gweithredu", "Cynllun Gweithredu"),
        ("Titre : Plan d'action qualité", "Plan d'action qualité"),
        ("Subtitle of the board", None),
        ("Title", None),
    ],
)
def test_title_label_gives_what_it_names(line: str, title: str | None) -> None:
    assert title_label(line) == title


def test_version_line_reads_a_version_on_its_own() -> None:
    assert [version_line(x) for x in ["Version: 3", "V4", "Plan V4", "Version 2.1"]] == [
        "Version 3",
        "V4",
        None,
        "Version 2.1",
    ]


def meta(
    header: list[str] | None = None,
    body: list[str] | None = None,
    candidates: list[tuple[str, float]] | None = None,
    name: str = "plan.docx",
) -> tuple[str | None, dt.date | None, str | None]:
    return document_metadata(header or [], body or [], candidates, name)


def test_review_date_line_beats_the_month_of_the_title() -> None:
    lines = [("Quality Improvement Plan June 2019", 1.8), ("Review date: 12 June 2019", 1.1)]
    assert meta(body=[t for t, _ in lines], candidates=lines) == (
        "Quality Improvement Plan",
        dt.date(2019, 6, 12),
        None,
    )


def test_next_review_line_is_not_the_review_date() -> None:
    lines = [
        ("Corporate Parenting Action Plan", 1.3),
        ("Date of meeting: 04/02/2020", 1.1),
        ("Next review: 05/05/2020", 1.1),
    ]
    assert meta(body=[t for t, _ in lines], candidates=lines) == (
        "Corporate Parenting Action Plan",
        dt.date(2020, 2, 4),
        None,
    )


def test_a_labelled_date_after_the_title_date_is_a_later_review() -> None:
    # No future word in the label: the date itself, after the title's, says it is to come.
    header = ["CP Reduction Action Plan Review- 14/06/2018 – V8"]
    assert meta(header=header, body=["Review meeting: 12/07/2018"], candidates=None) == (
        "CP Reduction Action Plan Review",
        dt.date(2018, 6, 14),
        "V8",
    )


def test_of_two_labelled_dates_the_later_is_the_review_to_come() -> None:
    lines = [("Plan of the Board", 0.0), ("As at 30/06/2019", 0.0), ("Reviewed on 30/09/2019", 0.0)]
    assert meta(candidates=lines)[1] == dt.date(2019, 6, 30)


def test_title_label_beats_a_larger_line() -> None:
    lines = [
        ("Children's Services", 2.0),
        ("Title: Inspection Recommendations Tracker", 1.0),
        ("Review date: 12 June 2019", 1.0),
    ]
    assert meta(candidates=lines) == (
        "Inspection Recommendations Tracker",
        dt.date(2019, 6, 12),
        None,
    )


def test_largest_text_gives_the_title_before_the_file_name() -> None:
    lines = [("Housing Strategy Action Plan", 1.78), ("Review date: 10 March 2020", 1.11)]
    assert meta(candidates=lines, name="zoo-08 two row.docx") == (
        "Housing Strategy Action Plan",
        dt.date(2020, 3, 10),
        None,
    )


def test_text_that_does_not_stand_out_is_not_the_largest() -> None:
    lines = [("Children's Services Board", 1.0), ("Finance and Resources", 1.05)]
    assert meta(candidates=lines, name="Board V2.docx") == ("Board", None, "V2")


def test_a_numbered_heading_of_a_series_is_a_section_not_the_title() -> None:
    header = ["Education Improvement Plan – 21/03/2019 – V2"]
    lines = [("Priority 1: Partnership Working", 1.22)]
    body = ["Priority 1: Partnership Working", "Priority 2: Early Help"]
    assert meta(header=header, body=body, candidates=lines) == (
        "Education Improvement Plan",
        dt.date(2019, 3, 21),
        "V2",
    )


def test_running_header_without_a_date_names_the_plan() -> None:
    assert meta(
        header=["Revenues and Benefits Plan"],
        candidates=[("Position as at 14/09/2023", 1.1)],
        name="zoo-37 header and as at.docx",
    ) == ("Revenues and Benefits Plan", dt.date(2023, 9, 14), None)


def test_without_sizes_the_line_above_the_review_date_is_the_title() -> None:
    lines = [("Cynllun Gweithredu'r Gymraeg", 0.0), ("Dyddiad adolygu: 30/09/2019", 0.0)]
    assert meta(candidates=lines) == ("Cynllun Gweithredu'r Gymraeg", dt.date(2019, 9, 30), None)


def test_body_version_beats_the_file_name_version() -> None:
    lines = [("Primary Care Resilience Plan – V3", 1.8)]
    assert meta(candidates=lines, name="Primary Care Plan V2 01.10.19.docx") == (
        "Primary Care Resilience Plan",
        dt.date(2019, 10, 1),
        "V3",
    )


def test_a_version_line_gives_the_version() -> None:
    lines = [("Youth Justice Plan", 1.8), ("Version: 4", 1.0), ("As at 27/05/2021", 1.0)]
    assert meta(candidates=lines) == ("Youth Justice Plan", dt.date(2021, 5, 27), "Version 4")


def test_file_name_is_the_last_resort() -> None:
    assert meta(name="CP Plan V8 14.06.18.docx") == ("CP Plan", dt.date(2018, 6, 14), "V8")


_line = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)


@pytest.mark.slow
@given(
    header=st.lists(_line, max_size=3),
    body=st.lists(_line, max_size=6),
    candidates=st.one_of(
        st.none(), st.lists(st.tuples(_line, st.floats(0, 5, allow_nan=False)), max_size=6)
    ),
    name=_line,
)
def test_document_metadata_never_fails_and_titles_are_tidy(
    header: list[str],
    body: list[str],
    candidates: list[tuple[str, float]] | None,
    name: str,
) -> None:
    title, _, _ = document_metadata(header, body, candidates, name or "x.docx")
    if title is not None:
        assert title == title.strip() and title
        assert not title.endswith(("(", "[", ":"))
