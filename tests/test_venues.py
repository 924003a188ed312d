"""Venue strings: acronym, full name, type, year and notes."""
from pubexport.models import ARTICLE_JOURNAL, PAPER_CONFERENCE, PREPRINT
from pubexport.venues import VENUES, parse_venue


def test_acronym_with_year_and_note():
    info = parse_venue("CVPR 2022 (Oral)")
    assert (info.acronym, info.venue, info.year, info.notes, info.type) == (
        "CVPR", VENUES["CVPR"][0], 2022, ["Oral"], PAPER_CONFERENCE)


def test_published_venue_wins_over_arxiv_alternative():
    info = parse_venue("ICLR 2026 Poster / arXiv 2025")
    assert (info.acronym, info.year, info.notes) == ("ICLR", 2026, ["Poster"])


def test_under_review_alone_is_a_note_not_a_venue():
    info = parse_venue("(under review)")
    assert (info.venue, info.notes) == ("", ["under review"])


def test_full_name_with_acronym_in_brackets():
    info = parse_venue("The 31st International Joint Conference on Artificial Intelligence (IJCAI). 2022. (long oral)")
    assert (info.acronym, info.year, info.notes) == ("IJCAI", 2022, ["long oral"])


def test_unknown_transactions_is_a_journal_named_as_written():
    info = parse_venue("IEEE Transactions on Widgets, 2019")
    assert (info.venue, info.acronym, info.type, info.year) == ("IEEE Transactions on Widgets", "", ARTICLE_JOURNAL,
                                                                2019)


def test_workshop_keeps_its_own_name():
    info = parse_venue("ECCV Responsible Computer Vision Workshop, 2022")
    assert (info.venue, info.type) == ("ECCV Responsible Computer Vision Workshop", PAPER_CONFERENCE)


def test_arxiv_preprint_and_alias_spellings():
    assert (parse_venue("arXiv preprint 2023").type, parse_venue("arXiv preprint 2023").year) == (PREPRINT, 2023)
    assert parse_venue("NIPS 2023").acronym == "NeurIPS"
    assert parse_venue("ACM Multimedia 2022").acronym == "ACM MM"
    assert parse_venue("Springer IJCV").acronym == "IJCV"


def test_short_year_after_apostrophe():
    assert parse_venue("ICCV'21").year == 2021


def test_arxiv_id_digits_are_no_year():
    assert parse_venue("arXiv preprint arXiv:2007.65761, 2020").year == 2020
    assert parse_venue("arXiv 2104.00969").year is None
