"""The reStructuredText reader: fictional Sphinx publication pages, checked as lines and fields."""
from __future__ import annotations

import logging

from pubexport.extract import extract
from pubexport.models import Document
from pubexport.reading import rst
from pubexport.reading.blocks import render_lines


def lines_of(text: str) -> list[tuple[int, str]]:
    return [(line.number, line.text) for line in render_lines(rst.read(text)) if line.text]


CARDS = """Publications
============

Journal Articles
----------------
.. rst-class:: cardlist

    - **Quiet Lattices for Sums of Squares** [`ArXiv <https://arxiv.org/abs/2101.00001>`_]

      with Ivo Petrov, Mara Lind

      `Journal of Made-up Algebra, 12(3), 2021 <https://doi.org/10.1234/jma.2021>`_.

    - **Counting Without Numbers**

      with Ivo Petrov

      Proceedings of FAKE, 2019.
"""


def test_sections_card_lists_and_references():
    assert lines_of(CARDS) == [
        (1, "# Publications"),
        (4, "## Journal Articles"),
        (8, "- **Quiet Lattices for Sums of Squares** [[ArXiv](https://arxiv.org/abs/2101.00001)]"),
        (10, "with Ivo Petrov, Mara Lind"),
        (12, "[Journal of Made-up Algebra, 12(3), 2021](https://doi.org/10.1234/jma.2021)."),
        (14, "- **Counting Without Numbers**"),
        (16, "with Ivo Petrov"),
        (18, "Proceedings of FAKE, 2019."),
    ]


def test_card_list_gives_exact_fields():
    first, second = extract(Document("pubs.rst", CARDS, "rst"))
    assert (first.title, first.arxiv, first.doi, first.year, first.venue) == (
        "Quiet Lattices for Sums of Squares", "2101.00001", "10.1234/jma.2021", 2021, "Journal of Made-up Algebra")
    assert (second.title, second.year, second.venue) == ("Counting Without Numbers", 2019, "Proceedings of FAKE")


def test_enumerated_and_definition_lists():
    text = "Talks\n-----\n\n#. First talk, 2020.\n#. Second talk, 2021.\n\n2019\n   A term's definition.\n"
    assert [t for _, t in lines_of(text)] == ["# Talks", "- First talk, 2020.", "- Second talk, 2021.",
                                               "- 2019", "A term's definition."]


def test_no_file_is_read_and_raw_is_not_passed_through(tmp_path, caplog):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read me")
    text = f"Intro.\n\n.. include:: {secret}\n\n.. raw:: html\n\n   <b>raw bold</b>\n\nOutro.\n"
    with caplog.at_level(logging.WARNING, logger="pubexport"):
        texts = [t for _, t in lines_of(text)]
    assert texts == ["Intro.", "Outro."]


def test_broken_markup_is_read_without_error():
    text = "Title\n===\n\n`unclosed <http://x.org\n\n- item\n  - bad indent\n *broken emphasis\n"
    assert any("item" in t for _, t in lines_of(text))
