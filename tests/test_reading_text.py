"""The plain-text reader: fictional text CVs read by layout, checked as lines and fields."""
from __future__ import annotations

from pubexport.extract import extract
from pubexport.models import Document
from pubexport.reading import text
from pubexport.reading.blocks import render_lines


def lines_of(page: str) -> list[tuple[int, str]]:
    return [(line.number, line.text) for line in render_lines(text.read(page)) if line.text]


WRAPPED = """Nia Okafor

PUBLICATIONS

 1. N. Okafor and T. Brandt. "Learning to Sort Pebbles with Very Small
    Robots." In Proceedings of the Conference on Imaginary Robotics
    (FAKE-RO), 2021.
 2. N. Okafor. Gentle Grippers for Soft Fruit. Journal of Pretend
    Agriculture, 14(2):1-9, 2019.

Talks
-----
Invited talk at a fair, 2020.
"""


def test_numbered_items_with_wrapped_lines_are_joined_and_headings_found():
    assert lines_of(WRAPPED) == [
        (1, "Nia Okafor"),
        (3, "# PUBLICATIONS"),
        (5, '- N. Okafor and T. Brandt. "Learning to Sort Pebbles with Very Small Robots." In Proceedings of '
            "the Conference on Imaginary Robotics (FAKE-RO), 2021."),
        (8, "- N. Okafor. Gentle Grippers for Soft Fruit. Journal of Pretend Agriculture, 14(2):1-9, 2019."),
        (11, "## Talks"),
        (13, "Invited talk at a fair, 2020."),
    ]


def test_wrapped_items_give_exact_fields():
    first, second = extract(Document("cv.txt", WRAPPED, "text"))
    assert (first.title, [p.display() for p in first.authors], first.year) == (
        "Learning to Sort Pebbles with Very Small Robots", ["N. Okafor", "T. Brandt"], 2021)
    assert (second.title, second.venue, second.year) == (
        "Gentle Grippers for Soft Fruit", "Journal of Pretend Agriculture", 2019)


def test_title_author_and_venue_lines_stay_lines_of_their_own():
    page = ("Selected Publications\n\nTidal Maps for Small Harbours\nAda Lim, Joe Park\nJournal of Coasts, 2018\n\n"
            "Wind Tables\nAda Lim\nGale Letters, 2016\n")
    assert [t for _, t in lines_of(page)] == [
        "Selected Publications",
        "Tidal Maps for Small Harbours", "Ada Lim, Joe Park", "Journal of Coasts, 2018",
        "Wind Tables", "Ada Lim", "Gale Letters, 2016",
    ]


def test_a_line_continues_an_open_bracket_a_lower_case_start_or_a_cut_phrase():
    assert text.continues("A study of (very", "small) things", 0)
    assert text.continues("Tides and", "Winds", 0)
    assert text.continues("Ports of the North", "and the South", 0)
    assert not text.continues("Tidal Maps for Small Harbours", "Ada Lim, Joe Park", 0)
    assert text.continues("x" * 70, "More words", 72)
    assert not text.continues("x" * 69 + ".", "More words", 72)


def test_a_short_lone_line_naming_no_section_is_no_heading():
    assert lines_of("Intro line.\n\nPreviously\n\nWorked at a lab.\n") == [
        (1, "Intro line."), (3, "Previously"), (5, "Worked at a lab.")]


def test_markup_saved_as_text_is_recognised():
    assert text.markup_kind("# About\n\n- [Paper](https://x.org), **Me**\n") == "markdown"
    assert text.markup_kind("<!DOCTYPE html><html></html>") == "html"
    assert text.markup_kind("\\begin{itemize}\\item x\\end{itemize}") == "latex"
    assert text.markup_kind("Just words.\n- a plain list\n") == "text"


def test_one_huge_line_is_read():
    (only,) = lines_of("word " * 200_000)
    assert only[1].startswith("word word")


def test_mojibake_is_undone_before_a_reader_reads_the_page():
    from pubexport.models import Document
    from pubexport.reading import page_lines

    page = "Papers\n\nJos\u00c3\u00a9 Ruiz. A Study of Caf\u00c3\u00a9s. Journal of Places, 2020.\n"
    assert [line.text for line in page_lines(Document("cv.txt", page, "text")) if line.text][1] == (
        "José Ruiz. A Study of Cafés. Journal of Places, 2020.")
