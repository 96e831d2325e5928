"""clean_text and fold: HTML-ish cell text to clean lines."""

from __future__ import annotations

import pytest

from actionplan.normalise.text import clean_text, fold


def test_paragraph_tags_become_lines_and_the_space_between_them_goes() -> None:
    cell = (
        "<p>03/05/2018: further reduction to 183 (30/04)</p> <p>16/05/2018: CP increased to "
        "188 (14/05).</p> <p>14/06/2018: CP reduced to 180 (11/06).</p>"
    )
    assert clean_text(cell) == (
        "03/05/2018: further reduction to 183 (30/04)\n"
        "16/05/2018: CP increased to 188 (14/05).\n"
        "14/06/2018: CP reduced to 180 (11/06)."
    )


def test_seed_bullet_list_keeps_one_item_per_line_each_starting_with_a_bullet() -> None:
    cell = (
        "<p>Training Programme to be developed and delivered pending the outcome of the further "
        'analysis set out in this plan; including</p> <ul style="list-style-type: none"> • '
        "Training for the completion of Strategy requests and application of Thresholds for all "
        "managers • Training for all social work staff in completing Strategy requests and "
        "applying thresholds • Training on quality and application of S47 thresholds and "
        "analysis • Training on making robust decisions at the strategy meeting; including the "
        "plan to safeguard the child, and how the investigation will progress"
    )
    assert clean_text(cell).split("\n") == [
        "Training Programme to be developed and delivered pending the outcome of the further "
        "analysis set out in this plan; including",
        "• Training for the completion of Strategy requests and application of Thresholds for all "
        "managers",
        "• Training for all social work staff in completing Strategy requests and applying "
        "thresholds",
        "• Training on quality and application of S47 thresholds and analysis",
        "• Training on making robust decisions at the strategy meeting; including the plan to "
        "safeguard the child, and how the investigation will progress",
    ]


def test_list_items_without_a_bullet_glyph_get_one() -> None:
    assert clean_text("<ul><li>First</li><li>• Second</li></ul>") == "• First\n• Second"


@pytest.mark.parametrize("bullet", ["•", "▪", "◦", "●"])
def test_every_bullet_glyph_is_normalised_to_a_round_bullet(bullet: str) -> None:
    assert clean_text(f"{bullet}First {bullet}Second") == "• First\n• Second"


def test_line_breaks_split_lines_and_blank_lines_are_dropped() -> None:
    assert clean_text("one<br>two<br/>\n\n<BR />three") == "one\ntwo\nthree"


def test_entities_are_unescaped_and_nbsp_is_a_space() -> None:
    assert clean_text("SW &amp; IRO&nbsp;&nbsp;met &lt;today&gt;") == "SW & IRO met <today>"


def test_inline_tags_vanish_without_splitting_words() -> None:
    assert clean_text("<b>Com</b><i>plete</i> <span class='x'>now</span>") == "Complete now"


def test_angle_brackets_in_prose_are_kept() -> None:
    assert clean_text("caseload < 20 and a <b and c> d") == "caseload < 20 and a <b and c> d"


def test_typographic_dashes_and_quotes_are_kept_as_written() -> None:
    text = "Complete – regular updates ‘ongoing’ — “yes”"
    assert clean_text(text) == text


def test_whitespace_is_folded_within_each_line() -> None:
    assert clean_text("  a \t b  \n   c   ") == "a b\nc"


def test_clean_text_is_idempotent_on_the_seed_bullets() -> None:
    once = clean_text("<ul><li>a</li></ul> • b ▪ c")
    assert clean_text(once) == once == "• a\n• b\n• c"


def test_fold_collapses_new_lines_and_spaces() -> None:
    assert fold("  impact of\nOFSTED \t (as well) ") == "impact of OFSTED (as well)"


def test_a_table_nested_in_a_cell_keeps_one_row_per_line_and_its_cells_apart() -> None:
    nested = "<table><tr><td>Q1</td><td>215</td></tr><tr><th>Q2</th><td>201</td></tr></table>"
    assert clean_text(nested) == "Q1 215\nQ2 201"


@pytest.mark.parametrize("text", ["&#0", "&#1;", "&#xD800;", "&#1114112;", "&amp;#0"])
def test_a_character_reference_to_no_character_is_kept_as_written(text: str) -> None:
    # Found by the text-dump property: "&#0" decoded to U+FFFD and "&#1" to nothing,
    # so the author's "0" or "1" was lost.
    assert clean_text(text) == ("&#0" if text == "&amp;#0" else text)


def test_character_references_to_real_characters_are_decoded() -> None:
    assert clean_text("&#65;&#x42; &amp; &lt;p&gt;C") == "AB &\nC"
