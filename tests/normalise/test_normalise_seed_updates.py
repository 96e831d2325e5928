"""Update cells of the seed V8 review, quoted verbatim, split into their dated entries.

Each cell is as the seed's text dump shows it: a row split by a page break is its first part
and its continuation joined by a new line, and `<p>` paragraphs are cleaned by clean_text.
"""

from __future__ import annotations

import datetime as dt

import pytest

from actionplan.normalise.text import clean_text
from actionplan.normalise.updates import entry_words, split_update_parts, split_updates, words

REVIEW = dt.date(2018, 6, 14)

SEED_UPDATE_CELLS: dict[str, tuple[str, ...]] = {
    "1": ("15/02/2018: Completed",),
    "2": ("15/02/2018: Completed",),
    "3": ("23/02/2018: Ongoing 08/03/2018: Complete – regular updates ongoing",),
    "4": ("23/02/2018: Ongoing 08/03/2018: Complete",),
    "5": ("08/03/2018: Appointment made, IRO to commence on 19/03/2018",),
    "6": ("23/02/2018 - Completed on 2.2.18",),
    "7": (
        (
            "08/03/2018 – 8 young people identified in cohort, newly recruited IRO will progress "
            "to RCPC 03/05/2018 – 3 now ended plans, 3 still open – 2 of which in PLO process, "
            "remaining 2 reviewed and threshold met"
        ),
    ),
    "8": ("23.02.18 – Cohort reviewed and 9 families = 42 children identified",),
    "9": (
        "08/03/2018 – ongoing, further reduction to 215 02/04/18 ongoing further reduction to 201",
        (
            "<p>03/05/2018: further reduction to 183 (30/04)</p> <p>16/05/2018: CP increased to "
            "188 (14/05).</p> <p>14/06/2018: CP reduced to 180 (11/06).</p>"
        ),
    ),
    "10": ("08/03/2018: Complete – regular updates ongoing",),
    "11": (
        (
            "<p>08/03/2018: Planned session for 07/03/2018 postponed to 24/05/2018 due to staff "
            "unavailability – Invites have been sent out.</p> <p>03/05/2018: awaiting meeting</p> "
            "<p>16/05/2018: meeting next week, planned to look at strengthening the CIN and Risk "
            "Management process to further reduce the numbers coming to conference</p> "
            "<p>14/06/2018: Workshop held and recognised as a positive session. Looked at "
            "inconsistent practice, themes identified and the plans themselves. This should "
            "result in improved practice, a less risk adverse approach, picking up cases earlier "
            "during strats and section 47s. Follow up session booked for early September.</p>"
        ),
    ),
    "12": (
        (
            "08/03/2018: discussion between SW & IRO at the point of recommendation for ICPC "
            "ongoing throughout Q4"
        ),
        (
            "03/05/2018: IRO will be based in Nelson House as of 14/05 to facilitate this action. "
            "16/05/2018: IRO now in Nelson, discussing all cases marked for progression"
        ),
    ),
    "13": (
        (
            "08/03/2018: Identified cases considered and progressed to RCPC 16/05/2018: All cases "
            "identified and stepped down as appropriate."
        ),
    ),
    "14": (
        (
            "08/03/2018: All information submitted (1 team to submit information). Newly "
            "appointed IRO to consider outcomes 03/05/2018: of the 37 families (82 children) 21 "
            "families had no evidence of the steps threshold being applied and 4 families "
            "querying whether threshold has been met. These 4 families have now been reviewed and "
            "the threshold is now being met."
        ),
    ),
    "15": (
        (
            "08/03/2018: Continuing delays due to performance team sickness. Workshop arranged "
            "for 02/05/18 to progress 03/05/2018: Workshop held and prioritised plan being "
            "developed. 16/05/2018: Plan in development, to be signed off by management team. "
            "14/06/2018: Plan being worked through, however, impact of"
        ),
        "OFSTED (as well as stat returns) being felt in the performance team.",
    ),
    "16": (
        (
            "08/03/2018: Continuing delays due to performance team sickness. Workshop arranged "
            "for 02/05/18 to progress 03/05/2018: Workshop held and prioritised plan being "
            "developed. 16/05/2018: Plan in development, to be signed off by management team. "
            "14/06/2018: Plan being worked through, however, impact of OFSTED (as well as stat "
            "returns) being felt in the performance team."
        ),
    ),
    "17": ("15/02/2018: Complete",),
    "18": (
        (
            "08/03/2018: Pilots continues successfully. To be reviewed mid-May. 03/05/2018: "
            "Reviewed pilot, the process has not progressed as envisaged, therefore pilot to be "
            "extended with IRO now in Nelson House and all ICPCs to be held in the building. "
            "16/05/2018: IRO now in Nelson scrutinizing those identified for progression to ICPC, "
            "as well as offering advice to mitigate/identify alternative preventative action. To "
            "date, 4 consultations have"
        ),
        (
            "<p>identified 2 families (4 children) not progressing where they might have "
            "previously.</p> <p>14/06/2018: Pilot complete and will continue as BAU. Consultation "
            "with the IRO continues to be held too close to the ICPC, meaning limited value to "
            "the process. The importance of early consultation has been re-iterated with "
            "appropriate managers. IRO also to be given better oversight of S47's underway via "
            "the weekly report.</p>"
        ),
    ),
    "19": (
        (
            "<p>08/03/2018: PSW appointed, awaiting start date. To be prioritised as part of PSWs "
            "work programme.</p> <p>03/05/2018: PSW started 30/04, who will lead on training "
            "plan. IRO has identified some training needs and shared these with PSW.</p> "
            "<p>16/05/2018: Starting training next week around Strat Discussions. Further plan to "
            "be developed</p> <p>14/06/2018: Training has started on strats. for managers. "
            "Workshop with IRO & TM's has also strengthened the message of the early planning and "
            "thresholds. A formal plan will be being developed with Paul Rooney, as part of the "
            "wider workforce training schedule.</p>"
        ),
    ),
}
EXPECTED_ENTRIES: dict[str, list[tuple[str, str, str]]] = {
    "1": [
        ("2018-02-15", "15/02/2018", "Completed"),
    ],
    "2": [
        ("2018-02-15", "15/02/2018", "Completed"),
    ],
    "3": [
        ("2018-02-23", "23/02/2018", "Ongoing"),
        ("2018-03-08", "08/03/2018", "Complete – regular updates ongoing"),
    ],
    "4": [
        ("2018-02-23", "23/02/2018", "Ongoing"),
        ("2018-03-08", "08/03/2018", "Complete"),
    ],
    "5": [
        ("2018-03-08", "08/03/2018", "Appointment made, IRO to commence on 19/03/2018"),
    ],
    "6": [
        ("2018-02-23", "23/02/2018", "Completed on 2.2.18"),
    ],
    "7": [
        (
            "2018-03-08",
            "08/03/2018",
            "8 young people identified in cohort, newly recruited IRO will progress to RCPC",
        ),
        (
            "2018-05-03",
            "03/05/2018",
            (
                "3 now ended plans, 3 still open – 2 of which in PLO process, remaining 2 "
                "reviewed and threshold met"
            ),
        ),
    ],
    "8": [
        ("2018-02-23", "23.02.18", "Cohort reviewed and 9 families = 42 children identified"),
    ],
    "9": [
        ("2018-03-08", "08/03/2018", "ongoing, further reduction to 215"),
        ("2018-04-02", "02/04/18", "ongoing further reduction to 201"),
        ("2018-05-03", "03/05/2018", "further reduction to 183 (30/04)"),
        ("2018-05-16", "16/05/2018", "CP increased to 188 (14/05)."),
        ("2018-06-14", "14/06/2018", "CP reduced to 180 (11/06)."),
    ],
    "10": [
        ("2018-03-08", "08/03/2018", "Complete – regular updates ongoing"),
    ],
    "11": [
        (
            "2018-03-08",
            "08/03/2018",
            (
                "Planned session for 07/03/2018 postponed to 24/05/2018 due to staff "
                "unavailability – Invites have been sent out."
            ),
        ),
        ("2018-05-03", "03/05/2018", "awaiting meeting"),
        (
            "2018-05-16",
            "16/05/2018",
            (
                "meeting next week, planned to look at strengthening the CIN and Risk Management "
                "process to further reduce the numbers coming to conference"
            ),
        ),
        (
            "2018-06-14",
            "14/06/2018",
            (
                "Workshop held and recognised as a positive session. Looked at inconsistent "
                "practice, themes identified and the plans themselves. This should result in "
                "improved practice, a less risk adverse approach, picking up cases earlier during "
                "strats and section 47s. Follow up session booked for early September."
            ),
        ),
    ],
    "12": [
        (
            "2018-03-08",
            "08/03/2018",
            (
                "discussion between SW & IRO at the point of recommendation for ICPC ongoing "
                "throughout Q4"
            ),
        ),
        (
            "2018-05-03",
            "03/05/2018",
            "IRO will be based in Nelson House as of 14/05 to facilitate this action.",
        ),
        (
            "2018-05-16",
            "16/05/2018",
            "IRO now in Nelson, discussing all cases marked for progression",
        ),
    ],
    "13": [
        ("2018-03-08", "08/03/2018", "Identified cases considered and progressed to RCPC"),
        ("2018-05-16", "16/05/2018", "All cases identified and stepped down as appropriate."),
    ],
    "14": [
        (
            "2018-03-08",
            "08/03/2018",
            (
                "All information submitted (1 team to submit information). Newly appointed IRO to "
                "consider outcomes"
            ),
        ),
        (
            "2018-05-03",
            "03/05/2018",
            (
                "of the 37 families (82 children) 21 families had no evidence of the steps "
                "threshold being applied and 4 families querying whether threshold has been met. "
                "These 4 families have now been reviewed and the threshold is now being met."
            ),
        ),
    ],
    "15": [
        (
            "2018-03-08",
            "08/03/2018",
            (
                "Continuing delays due to performance team sickness. Workshop arranged for "
                "02/05/18 to progress"
            ),
        ),
        ("2018-05-03", "03/05/2018", "Workshop held and prioritised plan being developed."),
        ("2018-05-16", "16/05/2018", "Plan in development, to be signed off by management team."),
        (
            "2018-06-14",
            "14/06/2018",
            (
                "Plan being worked through, however, impact of\nOFSTED (as well as stat returns) "
                "being felt in the performance team."
            ),
        ),
    ],
    "16": [
        (
            "2018-03-08",
            "08/03/2018",
            (
                "Continuing delays due to performance team sickness. Workshop arranged for "
                "02/05/18 to progress"
            ),
        ),
        ("2018-05-03", "03/05/2018", "Workshop held and prioritised plan being developed."),
        ("2018-05-16", "16/05/2018", "Plan in development, to be signed off by management team."),
        (
            "2018-06-14",
            "14/06/2018",
            (
                "Plan being worked through, however, impact of OFSTED (as well as stat returns) "
                "being felt in the performance team."
            ),
        ),
    ],
    "17": [
        ("2018-02-15", "15/02/2018", "Complete"),
    ],
    "18": [
        ("2018-03-08", "08/03/2018", "Pilots continues successfully. To be reviewed mid-May."),
        (
            "2018-05-03",
            "03/05/2018",
            (
                "Reviewed pilot, the process has not progressed as envisaged, therefore pilot to "
                "be extended with IRO now in Nelson House and all ICPCs to be held in the "
                "building."
            ),
        ),
        (
            "2018-05-16",
            "16/05/2018",
            (
                "IRO now in Nelson scrutinizing those identified for progression to ICPC, as well "
                "as offering advice to mitigate/identify alternative preventative action. To "
                "date, 4 consultations have\nidentified 2 families (4 children) not progressing "
                "where they might have previously."
            ),
        ),
        (
            "2018-06-14",
            "14/06/2018",
            (
                "Pilot complete and will continue as BAU. Consultation with the IRO continues to "
                "be held too close to the ICPC, meaning limited value to the process. The "
                "importance of early consultation has been re-iterated with appropriate managers. "
                "IRO also to be given better oversight of S47's underway via the weekly report."
            ),
        ),
    ],
    "19": [
        (
            "2018-03-08",
            "08/03/2018",
            (
                "PSW appointed, awaiting start date. To be prioritised as part of PSWs work "
                "programme."
            ),
        ),
        (
            "2018-05-03",
            "03/05/2018",
            (
                "PSW started 30/04, who will lead on training plan. IRO has identified some "
                "training needs and shared these with PSW."
            ),
        ),
        (
            "2018-05-16",
            "16/05/2018",
            "Starting training next week around Strat Discussions. Further plan to be developed",
        ),
        (
            "2018-06-14",
            "14/06/2018",
            (
                "Training has started on strats. for managers. Workshop with IRO & TM's has also "
                "strengthened the message of the early planning and thresholds. A formal plan "
                "will be being developed with Paul Rooney, as part of the wider workforce "
                "training schedule."
            ),
        ),
    ],
}


def seed_cell(ref: str) -> str:
    return clean_text("\n".join(SEED_UPDATE_CELLS[ref]))


def split_seed(ref: str) -> list[tuple[str | None, str | None, str]]:
    entries, warnings = split_updates(seed_cell(ref), review_date=REVIEW, context=f"action {ref}")
    assert warnings == []
    return [(e.date.isoformat() if e.date else None, e.date_text, e.text) for e in entries]


def test_the_seed_has_nineteen_update_cells() -> None:
    assert list(SEED_UPDATE_CELLS) == [str(i) for i in range(1, 20)]


@pytest.mark.parametrize("ref", list(SEED_UPDATE_CELLS))
def test_seed_update_cell_splits_into_its_dated_entries(ref: str) -> None:
    assert split_seed(ref) == EXPECTED_ENTRIES[ref]


@pytest.mark.parametrize("ref", list(SEED_UPDATE_CELLS))
def test_seed_update_cell_keeps_every_word_in_order(ref: str) -> None:
    parts, _ = split_update_parts(seed_cell(ref), review_date=REVIEW)
    assert entry_words(parts) == words(seed_cell(ref))


def test_update_cell_split_by_a_page_break_has_five_entries_one_without_separator() -> None:
    assert split_seed("9") == [
        ("2018-03-08", "08/03/2018", "ongoing, further reduction to 215"),
        ("2018-04-02", "02/04/18", "ongoing further reduction to 201"),
        ("2018-05-03", "03/05/2018", "further reduction to 183 (30/04)"),
        ("2018-05-16", "16/05/2018", "CP increased to 188 (14/05)."),
        ("2018-06-14", "14/06/2018", "CP reduced to 180 (11/06)."),
    ]


def test_update_cell_keeps_dates_mentioned_mid_sentence() -> None:
    first = split_seed("11")[0]
    assert first == (
        "2018-03-08",
        "08/03/2018",
        "Planned session for 07/03/2018 postponed to 24/05/2018 due to staff unavailability – "
        "Invites have been sent out.",
    )


def test_update_cell_keeps_a_date_after_on_in_the_entry() -> None:
    assert split_seed("5") == [
        ("2018-03-08", "08/03/2018", "Appointment made, IRO to commence on 19/03/2018")
    ]


def test_update_cell_with_a_spaced_hyphen_separator_keeps_the_date_completed_on() -> None:
    assert split_seed("6") == [("2018-02-23", "23/02/2018", "Completed on 2.2.18")]


def test_update_cell_reads_a_dotted_two_digit_year_date() -> None:
    assert split_seed("8") == [
        (
            "2018-02-23",
            "23.02.18",
            "Cohort reviewed and 9 families = 42 children identified",
        )
    ]


def test_update_cell_starts_an_entry_after_a_mention_when_a_colon_follows_the_date() -> None:
    entries = split_seed("15")
    assert entries[0][2].endswith("Workshop arranged for 02/05/18 to progress")
    assert entries[1][:2] == ("2018-05-03", "03/05/2018")
    assert entries[1][2] == "Workshop held and prioritised plan being developed."


def test_update_cell_treats_as_of_a_yearless_date_as_a_mention() -> None:
    assert split_seed("12")[1] == (
        "2018-05-03",
        "03/05/2018",
        "IRO will be based in Nelson House as of 14/05 to facilitate this action.",
    )


def test_update_cell_continued_after_a_page_break_keeps_its_line_break() -> None:
    assert split_seed("15")[-1][2] == (
        "Plan being worked through, however, impact of\n"
        "OFSTED (as well as stat returns) being felt in the performance team."
    )
