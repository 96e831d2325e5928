"""RAG: the document's colour key and a cell's status from its shading or its word."""

from __future__ import annotations

import pytest

from actionplan.models import LegendEntry
from actionplan.normalise.rag import (
    STANDARD,
    build_legend,
    ciede2000,
    colour_distance,
    is_unshaded,
    looks_like_legend,
    nearest_colour_name,
    rag_from_fill,
    rag_from_text,
    rgb_to_lab,
)

SEED_LEGEND_ROWS: list[tuple[str, str, str | None]] = [
    ("Blue", "Completed", "0070C0"),
    ("Green", "On Track", "00B050"),
    ("Yellow", "In progress – potential problems", "FFFF00"),
    ("Red", "Delayed", "FF0000"),
]
SEED_LEGEND = [
    LegendEntry(colour="Blue", label="Completed", rgb="0070C0"),
    LegendEntry(colour="Green", label="On Track", rgb="00B050"),
    LegendEntry(colour="Yellow", label="In progress – potential problems", rgb="FFFF00"),
    LegendEntry(colour="Red", label="Delayed", rgb="FF0000"),
]


def test_seed_legend_is_read_from_colour_words_and_swatches() -> None:
    assert looks_like_legend(SEED_LEGEND_ROWS)
    assert build_legend(SEED_LEGEND_ROWS) == SEED_LEGEND


def test_legend_without_fills_takes_the_standard_colours() -> None:
    rows: list[tuple[str, str, str | None]] = [("Red", "Delayed", None), ("Amber", "At risk", None)]
    assert build_legend(rows) == [
        LegendEntry(colour="Red", label="Delayed", rgb="FF0000"),
        LegendEntry(colour="Amber", label="At risk", rgb="FFC000"),
    ]


def test_legend_of_unlabelled_swatches_names_them_by_nearest_colour() -> None:
    rows: list[tuple[str, str, str | None]] = [
        ("", "Completed", "0070C0"),
        ("", "On track", "92D050"),
    ]
    assert build_legend(rows) == [
        LegendEntry(colour="Blue", label="Completed", rgb="0070C0"),
        LegendEntry(colour="Green", label="On track", rgb="92D050"),
    ]


def test_legend_written_as_colour_dash_label_in_one_cell_under_a_heading() -> None:
    rows: list[tuple[str, str, str | None]] = [
        ("Key", "", None),
        ("Blue – Completed", "", None),
        ("Red = Delayed", "", None),
    ]
    assert [(e.colour, e.label) for e in build_legend(rows)] == [
        ("Blue", "Completed"),
        ("Red", "Delayed"),
    ]


def test_rows_that_are_not_a_legend_give_none() -> None:
    rows: list[tuple[str, str, str | None]] = [("Jane Hoey", "Owner", None), ("1", "Action", None)]
    assert not looks_like_legend(rows)
    assert build_legend(rows) == []
    assert build_legend([]) == []
    assert build_legend([("Red", "Delayed", None)]) == []


def test_word_light_green_matches_the_legend_green() -> None:
    assert rag_from_fill("92D050", SEED_LEGEND) == ("Green", "On Track")


@pytest.mark.parametrize(
    ("fill", "status"),
    [
        ("0070C0", ("Blue", "Completed")),
        ("00B050", ("Green", "On Track")),
        ("FFFF00", ("Yellow", "In progress – potential problems")),
        ("FF0000", ("Red", "Delayed")),
        ("C00000", ("Red", "Delayed")),
        ("00B0F0", ("Blue", "Completed")),
        ("FFC7CE", ("Red", "Delayed")),
    ],
)
def test_fill_takes_the_nearest_legend_colour(fill: str, status: tuple[str, str]) -> None:
    assert rag_from_fill(fill, SEED_LEGEND) == status


@pytest.mark.parametrize(
    ("fill", "name"),
    [
        ("FF0000", "Red"),
        ("FFC000", "Amber"),
        ("FF9900", "Amber"),
        ("FFFF00", "Yellow"),
        ("92D050", "Green"),
        ("00B050", "Green"),
        ("0070C0", "Blue"),
        ("A6A6A6", "Grey"),
        ("D9D9D9", "Grey"),
    ],
)
def test_without_a_legend_fill_takes_the_nearest_standard_colour(fill: str, name: str) -> None:
    assert nearest_colour_name(fill) == name
    assert rag_from_fill(fill, []) == (name, None)


def test_white_and_missing_fills_are_unshaded() -> None:
    assert is_unshaded(None) and is_unshaded("auto") and is_unshaded("FFFFFF")
    assert not is_unshaded("FFFF00") and not is_unshaded("D9D9D9")


def test_colour_distance_is_ciede2000_on_lab() -> None:
    assert rgb_to_lab("FFFFFF") == pytest.approx((100.0, 0.0, 0.0), abs=0.01)
    assert rgb_to_lab("#000") == pytest.approx((0.0, 0.0, 0.0), abs=0.01)
    assert colour_distance("000000", "FFFFFF") == pytest.approx(100.0, abs=0.01)
    assert colour_distance("00B050", "00B050") == 0
    assert colour_distance("92D050", "00B050") < colour_distance("92D050", "FFFF00")


@pytest.mark.parametrize(
    ("lab1", "lab2", "delta"),
    [
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
        ((22.7233, 20.0904, -46.694), (23.0331, 14.973, -42.5619), 2.0373),
    ],
)
def test_ciede2000_matches_the_published_test_pairs(
    lab1: tuple[float, float, float], lab2: tuple[float, float, float], delta: float
) -> None:
    # Sharma, Wu and Dalal (2005), "The CIEDE2000 color-difference formula", table 1.
    assert ciede2000(lab1, lab2) == pytest.approx(delta, abs=1e-4)
    assert ciede2000(lab2, lab1) == pytest.approx(delta, abs=1e-4)


def test_standard_colours_have_their_office_values() -> None:
    assert STANDARD == {
        "Red": "FF0000",
        "Amber": "FFC000",
        "Yellow": "FFFF00",
        "Green": "00B050",
        "Blue": "0070C0",
        "Grey": "A6A6A6",
    }


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Amber", ("Amber", None)),
        ("amber", ("Amber", None)),
        ("A", ("Amber", None)),
        ("R", ("Red", "Delayed")),
        ("G", ("Green", "On Track")),
        ("B", ("Blue", "Completed")),
        ("C", ("Blue", "Completed")),
        ("Complete", ("Blue", "Completed")),
        ("Completed", ("Blue", "Completed")),
        ("On Track", ("Green", "On Track")),
        ("on track", ("Green", "On Track")),
        ("Green - on track", ("Green", "On Track")),
        ("Delayed", ("Red", "Delayed")),
        ("Gray", ("Grey", None)),
        ("no idea", (None, None)),
        ("", (None, None)),
    ],
)
def test_status_words_and_letters_map_through_the_legend(
    text: str, status: tuple[str | None, str | None]
) -> None:
    assert rag_from_text(text, SEED_LEGEND) == status


def test_complete_without_a_legend_is_blue() -> None:
    assert rag_from_text("Complete", []) == ("Blue", None)
    assert rag_from_text("Green", []) == ("Green", None)
    assert rag_from_text("On Track", []) == (None, None)


def test_complete_maps_to_whichever_legend_colour_means_completed() -> None:
    legend = [
        LegendEntry(colour="Green", label="Complete", rgb="00B050"),
        LegendEntry(colour="Amber", label="In progress", rgb="FFC000"),
    ]
    assert rag_from_text("C", legend) == ("Green", "Complete")
    assert rag_from_text("Completed", legend) == ("Green", "Complete")


def test_not_complete_is_not_completed() -> None:
    assert rag_from_text("Not complete", SEED_LEGEND) == (None, None)


def test_two_colours_take_the_first() -> None:
    assert rag_from_text("Amber/Green", []) == ("Amber", None)
