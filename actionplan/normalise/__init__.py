"""Pure functions that turn raw cell text into typed values: dates, entries, owners, RAG."""

from actionplan.normalise.dates import (
    DATE_STYLES,
    DateMatch,
    InvalidDate,
    find_dates,
    format_date,
    parse_date,
)
from actionplan.normalise.due import parse_due
from actionplan.normalise.meta import looks_like_title, meta_from_filename, parse_title_line
from actionplan.normalise.owners import split_owners
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
from actionplan.normalise.text import clean_text, fold
from actionplan.normalise.updates import (
    EntryParts,
    entry_words,
    split_update_parts,
    split_updates,
    words,
)

__all__ = [
    "DATE_STYLES",
    "STANDARD",
    "DateMatch",
    "EntryParts",
    "InvalidDate",
    "build_legend",
    "ciede2000",
    "clean_text",
    "colour_distance",
    "entry_words",
    "find_dates",
    "fold",
    "format_date",
    "is_unshaded",
    "looks_like_legend",
    "looks_like_title",
    "meta_from_filename",
    "nearest_colour_name",
    "parse_date",
    "parse_due",
    "parse_title_line",
    "rag_from_fill",
    "rag_from_text",
    "rgb_to_lab",
    "split_owners",
    "split_update_parts",
    "split_updates",
    "words",
]
