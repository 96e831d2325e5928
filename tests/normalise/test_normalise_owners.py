"""split_owners: the Person Responsible cell as a list of owners."""

from __future__ import annotations

import pytest

from actionplan.normalise.owners import split_owners


@pytest.mark.parametrize(
    ("cell", "owners"),
    [
        ("Jane Hoey", ["Jane Hoey"]),
        ("Jane Hoey and Cath Thomas", ["Jane Hoey", "Cath Thomas"]),
        (
            "Paul Harris & Performance team, team managers",
            ["Paul Harris", "Performance team", "team managers"],
        ),
        (
            "CP/Court Managers and Cath Thomas and Jane Hoey",
            ["CP/Court Managers", "Cath Thomas", "Jane Hoey"],
        ),
        ("MASH Manager, Sue Rogers", ["MASH Manager", "Sue Rogers"]),
        ("IRO and Children's social work manager", ["IRO", "Children's social work manager"]),
        ("The Academy/ Principal Social Worker", ["The Academy/ Principal Social Worker"]),
        ("HR Business Partner; Principal Social Worker", ["HR Business Partner",
                                                          "Principal Social Worker"]),
        ("Jane Hoey\nCath Thomas", ["Jane Hoey", "Cath Thomas"]),
    ],
)  # fmt: skip
def test_owners_split_on_and_ampersand_comma_semicolon_and_new_line(
    cell: str, owners: list[str]
) -> None:
    assert split_owners(cell) == owners


def test_a_slash_not_spaced_on_both_sides_never_splits_owners() -> None:
    assert split_owners("HoS/TM/IRO") == ["HoS/TM/IRO"]
    assert split_owners("The Academy/ Principal Social Worker") == [
        "The Academy/ Principal Social Worker"
    ]


def test_a_slash_spaced_on_both_sides_splits_owners() -> None:
    assert split_owners("Director of Nursing / Workforce Development Lead") == [
        "Director of Nursing",
        "Workforce Development Lead",
    ]
    assert split_owners("Sian Evans / Head of HR / CP/Court Managers") == [
        "Sian Evans",
        "Head of HR",
        "CP/Court Managers",
    ]


def test_commas_inside_brackets_do_not_split_an_owner() -> None:
    assert split_owners("Jane Hoey (Head of Service, CIN) and Cath Thomas") == [
        "Jane Hoey (Head of Service, CIN)",
        "Cath Thomas",
    ]


def test_a_comma_before_and_makes_one_split_not_two() -> None:
    assert split_owners("Jane Hoey, and Cath Thomas") == ["Jane Hoey", "Cath Thomas"]


def test_bullets_and_empty_parts_are_dropped() -> None:
    assert split_owners("• Jane Hoey\n• Cath Thomas\n\n,") == ["Jane Hoey", "Cath Thomas"]
    assert split_owners("") == []


def test_and_inside_a_word_is_not_a_separator() -> None:
    assert split_owners("Sandra Anderson") == ["Sandra Anderson"]


def test_role_of_two_joined_words_is_one_owner() -> None:
    assert split_owners("Head of Learning and Development") == ["Head of Learning and Development"]
    assert split_owners("Director of Finance & Resources, Jane Hoey") == [
        "Director of Finance & Resources",
        "Jane Hoey",
    ]
    assert split_owners("Head of Learning and Development and Jane Hoey") == [
        "Head of Learning and Development",
        "Jane Hoey",
    ]


def test_and_after_a_role_still_splits_when_a_team_follows() -> None:
    assert split_owners("Head of HR and Marketing Team") == ["Head of HR", "Marketing Team"]


@pytest.mark.parametrize(
    ("cell", "owners"),
    [
        ("L&D Manager", ["L&D Manager"]),
        ("H&S Adviser", ["H&S Adviser"]),
        ("A&E Matron", ["A&E Matron"]),
        ("R&D", ["R&D"]),
        ("Jane Hoey, L&D Manager", ["Jane Hoey", "L&D Manager"]),
        ("L&D Manager & H&S Adviser", ["L&D Manager", "H&S Adviser"]),
        ("Head of R&D and Innovation", ["Head of R&D and Innovation"]),
    ],
)
def test_an_ampersand_between_letters_is_part_of_a_word(cell: str, owners: list[str]) -> None:
    assert split_owners(cell) == owners


def test_an_ampersand_with_a_space_on_either_side_still_splits() -> None:
    assert split_owners("Finance & HR") == ["Finance", "HR"]
    assert split_owners("Finance &HR") == ["Finance", "HR"]
    assert split_owners("Finance+ HR") == ["Finance", "HR"]
