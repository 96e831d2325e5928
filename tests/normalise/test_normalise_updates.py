"""Update cells beyond the seed: other authors' habits, doubtful dates and their warnings."""

from __future__ import annotations

import datetime as dt

from actionplan.models import UpdateEntry
from actionplan.normalise.updates import entry_words, split_update_parts, split_updates, words

REVIEW = dt.date(2018, 6, 14)
WORKFORCE_REVIEW = dt.date(2019, 9, 30)


def entries(
    text: str, review_date: dt.date | None = REVIEW
) -> list[tuple[str | None, str | None, str]]:
    found, _ = split_updates(text, review_date=review_date)
    return [(e.date.isoformat() if e.date else None, e.date_text, e.text) for e in found]


def test_lead_word_update_opens_an_entry_and_is_left_out_of_its_text() -> None:
    cell = (
        "5th March 2019: Campaign brief agreed with Marketing.\n"
        "Update 10/04/2019: Microsite live; first adverts placed on 08/04/2019.\n"
        "01/07/2019: Campaign closed – 14 applications, 6 appointments made."
    )
    assert entries(cell, WORKFORCE_REVIEW) == [
        ("2019-03-05", "5th March 2019", "Campaign brief agreed with Marketing."),
        ("2019-04-10", "10/04/2019", "Microsite live; first adverts placed on 08/04/2019."),
        ("2019-07-01", "01/07/2019", "Campaign closed – 14 applications, 6 appointments made."),
    ]
    parts, _ = split_update_parts(cell, review_date=WORKFORCE_REVIEW)
    assert [p.lead for p in parts] == ["", "Update", ""]
    found, _ = split_updates(cell, review_date=WORKFORCE_REVIEW)
    assert [e.lead for e in found] == [None, "Update", None]
    assert entry_words(parts) == entry_words(found) == words(cell)


def test_entries_in_one_paragraph_split_on_hyphen_and_dash_separators() -> None:
    cell = (
        "Update 10/04/2019: Agency usage at 38 FTE. 28/06/2019 - Trajectory agreed with 3 of 5 "
        "service managers; remaining 2 to be agreed by 31/07/2019. 30/09/2019 – Agency usage at "
        "31 FTE against a target of 25 by 31/12/2019."
    )
    assert entries(cell, WORKFORCE_REVIEW) == [
        ("2019-04-10", "10/04/2019", "Agency usage at 38 FTE."),
        (
            "2019-06-28",
            "28/06/2019",
            "Trajectory agreed with 3 of 5 service managers; remaining 2 to be agreed by "
            "31/07/2019.",
        ),
        (
            "2019-09-30",
            "30/09/2019",
            "Agency usage at 31 FTE against a target of 25 by 31/12/2019.",
        ),
    ]


def test_newest_first_entries_keep_document_order() -> None:
    cell = (
        "30/09/2019: Tool procurement delayed; go-live moved from w/c 02/09/19 to w/c 04/11/19. "
        "Update 10/07/2019: Specification agreed by Heads of Service."
    )
    assert entries(cell, WORKFORCE_REVIEW) == [
        (
            "2019-09-30",
            "30/09/2019",
            "Tool procurement delayed; go-live moved from w/c 02/09/19 to w/c 04/11/19.",
        ),
        ("2019-07-10", "10/07/2019", "Specification agreed by Heads of Service."),
    ]


def test_month_only_entry_is_dated_the_first_of_the_month() -> None:
    assert entries("June 2018: panel met twice") == [("2018-06-01", "June 2018", "panel met twice")]


def test_yearless_entry_date_takes_the_review_year_and_is_warned() -> None:
    found, warnings = split_updates("Update 3rd June: Training booked", review_date=REVIEW)
    assert found == [
        UpdateEntry(
            date=dt.date(2018, 6, 3), date_text="3rd June", text="Training booked", lead="Update"
        )
    ]
    assert warnings == ["entry date '3rd June' has no year; read as 2018-06-03"]


def test_yearless_entry_date_later_in_the_year_than_the_review_is_last_year() -> None:
    assert entries("3rd December: Training booked")[0][0] == "2017-12-03"


def test_yearless_entry_date_without_a_review_date_stays_in_the_text() -> None:
    found, warnings = split_updates("Update 3rd July: Training booked", context="action 4")
    assert found == [UpdateEntry(text="Update 3rd July: Training booked")]
    assert warnings == [
        "action 4: entry date '3rd July' has no year and there is no review date; kept in the text"
    ]


def test_yearless_date_mid_sentence_is_a_mention() -> None:
    assert entries("03/05/2018: PSW started 30/04, who will lead on training plan.") == [
        ("2018-05-03", "03/05/2018", "PSW started 30/04, who will lead on training plan.")
    ]


def test_entry_date_after_the_review_date_at_a_line_start_is_kept_and_warned() -> None:
    found, warnings = split_updates("20/07/2018: Meeting planned", review_date=REVIEW, context="x")
    assert [e.date for e in found] == [dt.date(2018, 7, 20)]
    assert warnings == [
        "x: entry date 20/07/2018 is after the review date 2018-06-14; kept as an entry date"
    ]


def test_date_after_the_review_date_mid_line_is_a_mention_and_warned() -> None:
    found, warnings = split_updates("08/03/2018: ok 20/07/2018 agreed plan", review_date=REVIEW)
    assert [(e.date_text, e.text) for e in found] == [("08/03/2018", "ok 20/07/2018 agreed plan")]
    assert warnings == [
        "20/07/2018 is after the review date 2018-06-14; read as a date mentioned in the text"
    ]


def test_impossible_entry_date_is_kept_in_the_text_and_warned() -> None:
    found, warnings = split_updates("31/02/2018: Completed", context="action 2")
    assert found == [UpdateEntry(text="31/02/2018: Completed")]
    assert warnings == ["action 2: 31/02/2018 is not a real date; kept in the text"]


def test_text_before_the_first_dated_entry_is_an_undated_entry() -> None:
    assert entries("Background first.\n08/03/2018: done") == [
        (None, None, "Background first."),
        ("2018-03-08", "08/03/2018", "done"),
    ]


def test_cell_without_dates_is_one_undated_entry_and_an_empty_cell_none() -> None:
    assert entries("Awaiting start date") == [(None, None, "Awaiting start date")]
    assert entries("") == []
    assert entries(" \n ") == []


def test_bulleted_entries_start_at_their_dates_and_drop_the_bullet() -> None:
    cell = "• 08/03/2018: first\n• 03/05/2018: second"
    assert entries(cell) == [
        ("2018-03-08", "08/03/2018", "first"),
        ("2018-05-03", "03/05/2018", "second"),
    ]
    parts, _ = split_update_parts(cell)
    assert [p.lead for p in parts] == ["•", "•"]


def test_date_alone_on_its_line_opens_the_entry_below_it() -> None:
    assert entries("08/03/2018\nCompleted and signed off") == [
        ("2018-03-08", "08/03/2018", "Completed and signed off")
    ]


def test_sentence_cut_by_a_page_break_before_a_date_stays_one_entry() -> None:
    assert entries("08/03/2018: meeting postponed to\n24/05/2018 due to sickness") == [
        ("2018-03-08", "08/03/2018", "meeting postponed to\n24/05/2018 due to sickness")
    ]


def test_both_ends_of_a_date_range_are_mentions() -> None:
    assert entries("08/03/2018: pilot runs 01/04/2018 - 30/06/2018 as planned") == [
        ("2018-03-08", "08/03/2018", "pilot runs 01/04/2018 - 30/06/2018 as planned")
    ]


def test_date_after_a_verb_with_a_colon_after_it_is_a_doubtful_mention() -> None:
    found, warnings = split_updates("08/03/2018: meeting held 15/05/2018: positive")
    assert len(found) == 1
    assert warnings == [
        "15/05/2018 follows 'held' yet a colon follows it; read as a date mentioned in the text"
    ]


def test_bracketed_entry_dates_open_entries_without_their_brackets_or_separator() -> None:
    cell = "(12/03/2019) Panel agreed.\n[12 April 2019] Audit booked.\n(12/05/2019): Audit held."
    assert entries(cell, dt.date(2019, 6, 12)) == [
        ("2019-03-12", "12/03/2019", "Panel agreed."),
        ("2019-04-12", "12 April 2019", "Audit booked."),
        ("2019-05-12", "12/05/2019", "Audit held."),
    ]
    parts, _ = split_update_parts(cell, review_date=dt.date(2019, 6, 12))
    assert entry_words(parts) == words(cell)


def test_bracketed_month_and_lead_word_open_entries_too() -> None:
    cell = "(March 2018) Scoping done.\nUpdate (12/04/2018): Draft out."
    assert entries(cell) == [
        ("2018-03-01", "March 2018", "Scoping done."),
        ("2018-04-12", "12/04/2018", "Draft out."),
    ]
    parts, _ = split_update_parts(cell, review_date=REVIEW)
    assert [p.lead for p in parts] == ["", "Update"]


def test_bracketed_entries_run_together_split_at_each_sentence_end() -> None:
    assert entries("(12/03/2018) Panel agreed. (12/04/2018) Audit booked.") == [
        ("2018-03-12", "12/03/2018", "Panel agreed."),
        ("2018-04-12", "12/04/2018", "Audit booked."),
    ]


def test_bracketed_date_mid_sentence_or_without_a_year_stays_text() -> None:
    assert entries("(08/03) done") == [(None, None, "(08/03) done")]
    assert entries("12/03/2018: panel (14/03/2018) agreed it. (15/03/2018)") == [
        ("2018-03-12", "12/03/2018", "panel (14/03/2018) agreed it. (15/03/2018)")
    ]
    assert entries("Panel met (08/03/2018) and agreed") == [
        (None, None, "Panel met (08/03/2018) and agreed")
    ]


def test_position_as_at_is_a_lead_phrase_at_the_start_of_a_line() -> None:
    assert entries("Position as at 31/03/2018: 215 cases") == [
        ("2018-03-31", "31/03/2018", "215 cases")
    ]


def test_date_glued_to_a_bullet_is_not_cut_out_of_its_word() -> None:
    assert entries("•01/01/2018 done") == [(None, None, "•01/01/2018 done")]


def test_separator_glued_to_the_text_is_still_a_separator() -> None:
    assert entries("15/02/2018:Completed 16/02/2018:also") == [
        ("2018-02-15", "15/02/2018", "Completed"),
        ("2018-02-16", "16/02/2018", "also"),
    ]


def test_warnings_name_their_context() -> None:
    _, warnings = split_updates("31/02/2018: x", context="action 9")
    assert warnings and all(w.startswith("action 9: ") for w in warnings)


def test_yearless_29_february_in_a_common_year_is_kept_quietly_as_a_mention() -> None:
    found, warnings = split_updates(
        "08/03/2019: panel moved (29/02)", review_date=dt.date(2019, 6, 1)
    )
    assert [(e.date_text, e.text) for e in found] == [("08/03/2019", "panel moved (29/02)")]
    assert warnings == []
