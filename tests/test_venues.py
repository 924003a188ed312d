"""Venue strings: acronym, full name, type, year and notes."""
import pytest

from pubexport.models import ARTICLE_JOURNAL, PAPER_CONFERENCE, PREPRINT, UNKNOWN
from pubexport.venues import VENUES, parse_venue


def test_acronym_with_year_and_note():
    info = parse_venue("CVPR 2022 (Oral)")
    assert (info.acronym, info.venue, info.year, info.notes, info.type) == (
        "CVPR", VENUES["CVPR"][0], 2022, ["Oral"], PAPER_CONFERENCE)


def test_published_venue_wins_over_arxiv_alternative():
    info = parse_venue("ICLR 2026 Poster / arXiv 2025")
    assert (info.acronym, info.year, info.notes) == ("ICLR", 2026, ["Poster"])


def test_a_status_is_a_note_and_stays_in_the_venue_as_written():
    info = parse_venue("(under review)")
    assert (info.venue, info.notes, info.type) == ("under review", ["under review"], UNKNOWN)
    assert (parse_venue("In submission.").venue, parse_venue("in preparation").notes) == (
        "In submission", ["in preparation"])
    info = parse_venue("Submitted to Journal of Widget Control, March 2025")
    assert (info.venue, info.type, info.year, info.notes) == (
        "Submitted to Journal of Widget Control", ARTICLE_JOURNAL, 2025, ["Submitted"])
    assert parse_venue("Widget Letters (Under Review)").venue == "Widget Letters (Under Review)"


def test_presentation_notes_leave_the_venue_text():
    info = parse_venue("Symposium on Widget Theory 2021 (Spotlight)")
    assert (info.venue, info.notes, info.year) == ("Symposium on Widget Theory", ["Spotlight"], 2021)


def test_venue_text_is_kept_as_written_with_the_acronym_from_the_table():
    def read(text):
        info = parse_venue(text)
        return info.venue, info.acronym, info.type

    assert read("Proceedings of the AAAI Conference on Artificial Intelligence") == (
        "Proceedings of the AAAI Conference on Artificial Intelligence", "AAAI", PAPER_CONFERENCE)
    assert read("Proc. of Intl. Conf. on Machine Learning (ICML), 2021") == (
        "Proc. of Intl. Conf. on Machine Learning (ICML)", "ICML", PAPER_CONFERENCE)
    assert read("The 5th International Conference on Learning Representations (ICLR)")[0] == (
        "The 5th International Conference on Learning Representations (ICLR)")
    assert read("Findings of EMNLP 2023") == ("Findings of EMNLP", "EMNLP", PAPER_CONFERENCE)
    # a year inside the name stays; only the closing date goes
    assert read("Proceedings of the 2023 Conference on Empirical Methods in Natural Language Processing")[0] == (
        "Proceedings of the 2023 Conference on Empirical Methods in Natural Language Processing")
    assert read("In Proceedings of the Widget Workshop, Sept. 2023")[0] == "Proceedings of the Widget Workshop"
    assert read("Widgets 12 (2019) 044003")[0] == "Widgets 12 (2019) 044003"


def test_a_badge_gets_the_full_name_from_the_table():
    for badge in ("CVPR 2022", "In Proc. CVPR, 2022", "IEEE CVPR'22", "Accepted to CVPR 2022"):
        assert (parse_venue(badge).venue, parse_venue(badge).acronym) == (VENUES["CVPR"][0], "CVPR"), badge
    assert parse_venue("IEEE TPAMI").venue == VENUES["TPAMI"][0]


def test_an_acronym_in_brackets_keeps_its_closing_bracket():
    info = parse_venue("IEEE Transactions on Widget Processing (T-WP), vol. 70, pp. 950–962")
    assert (info.venue, info.volume, info.pages) == ("IEEE Transactions on Widget Processing (T-WP)", "70", "950-962")


def test_link_residue_leaves_the_venue():
    assert parse_venue("Widget Control Letters, [[pdf]](/assets/papers/wcl.pdf)").venue == "Widget Control Letters"
    assert parse_venue("Journal of Widgets , [PubMed").venue == "Journal of Widgets"


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


def test_volume_issue_and_pages_are_read_into_their_fields():
    def details(text):
        info = parse_venue(text)
        return info.venue, info.year, info.volume, info.issue, info.pages

    assert details("IEEE Robotics and Automation Letters, 6(4):7012–7019, 2021") == (
        "IEEE Robotics and Automation Letters", 2021, "6", "4", "7012-7019")
    assert details("IEEE Trans. Widgets, vol. 36, no. 5, pp. 1401-1412, 2020") == (
        "IEEE Trans. Widgets", 2020, "36", "5", "1401-1412")
    assert details("Journal of Widgets, 36(5), 1401–1412.") == ("Journal of Widgets", None, "36", "5", "1401-1412")
    assert details("Nature Widgets 12:45-67 (2019)") == ("Nature Widgets", 2019, "12", "", "45-67")
    assert details("Journal of Widgets, pp. 2001--2010, 2015") == ("Journal of Widgets", 2015, "", "", "2001-2010")
    assert details("Widget Letters 12 (2019)")[1:] == (2019, "", "", "")  # a year in brackets is no issue


def test_technical_report_gives_number_and_institution_not_a_venue():
    from pubexport.models import REPORT

    info = parse_venue("Technical Report TR-2022-07, Haptics Lab, 2022")
    assert (info.venue, info.type, info.number, info.publisher, info.year) == ("", REPORT, "TR-2022-07",
                                                                                "Haptics Lab", 2022)
    info = parse_venue("Haptics Lab Technical Report 12, 2020")
    assert (info.number, info.publisher, info.year) == ("12", "Haptics Lab", 2020)
    info = parse_venue("Tech. Rep. No. 12, Dept. of Widgets, Univ. of Nowhere, 2019")
    assert (info.number, info.publisher, info.issue) == ("12", "Dept. of Widgets, Univ. of Nowhere", "")


def test_kind_words_in_other_languages():
    assert parse_venue("Memorias del XLVI Encuentro Nacional de Widgets").type == PAPER_CONFERENCE
    assert parse_venue("Anais do Congresso Brasileiro de Widgets, 2021").type == PAPER_CONFERENCE
    assert parse_venue("Revista de la Asociación de Widgets 78 (2), 333-337").type == ARTICLE_JOURNAL


def test_volume_words_go_with_their_number():
    def details(text):
        info = parse_venue(text)
        return info.venue, info.volume, info.issue, info.pages

    assert details("REVISTA DE WIDGETS, v. 15, p. 556–575") == ("REVISTA DE WIDGETS", "15", "", "556-575")
    assert details("Journal of Green Widgets, Vol. 21(14), pp. 3252-3269") == (
        "Journal of Green Widgets", "21", "14", "3252-3269")
    assert details("Widget Review, vol. 3 (2019)") == ("Widget Review", "3", "", "")
    assert details("Widg. Rev. B, Volume No. 112") == ("Widg. Rev. B", "112", "", "")


def test_an_identifier_naming_arxiv_is_no_arxiv_listing():
    info = parse_venue("WIDG WDM 2024, doi: 10.48550/arXiv.2406.07805")
    assert (info.venue, info.acronym, info.type, info.year) == ("WIDG WDM", "", UNKNOWN, 2024)


def test_a_bracket_losing_its_year_is_closed():
    assert parse_venue("Proceedings of the 9th Workshop on Widgets (WidgWS 2024)").venue == (
        "Proceedings of the 9th Workshop on Widgets (WidgWS)")


def test_article_number_after_the_volume_is_the_pages_and_a_closing_year_is_no_page():
    def details(text):
        info = parse_venue(text)
        return info.venue, info.year, info.volume, info.issue, info.pages

    assert details("Widgetica, vol. 155, 111165") == ("Widgetica", None, "155", "", "111165")
    assert details("Widgetica, vol. 155, 111165, 2023") == ("Widgetica", 2023, "155", "", "111165")
    assert details("PLoS Widgets, 11(10), e0164975") == ("PLoS Widgets", None, "11", "10", "e0164975")
    assert details("Handbook of Widgets, Vol. 1-4, pp. 165-182") == ("Handbook of Widgets", None, "1-4", "", "165-182")
    assert details("Widget Letters, 12(3), 2019") == ("Widget Letters", 2019, "12", "3", "")


@pytest.mark.parametrize("text, venue, volume, issue, pages", [
    ("Atmos. Chem. Phys., 18, 15783-15810", "Atmos. Chem. Phys.", "18", "", "15783-15810"),
    ("ACS Environ. AU, 3, 3, 153-163", "ACS Environ. AU", "3", "3", "153-163"),
    ("Phys. Rev. Lett. 120, 1-5", "Phys. Rev. Lett.", "120", "", "1-5"),
    ("Annals of Statistics, 48, 1–20.", "Annals of Statistics", "48", "", "1-20"),
    ("Atmos. Chem. Phys., 17, 10855-10864, doi:110.5194/acp-17-10855-2017", "Atmos. Chem. Phys.", "17", "",
     "10855-10864"),
    ("NeuroImage, Vol. 237, pp. 118-137", "NeuroImage", "237", "", "118-137"),
    ("Proc. ICML, 2019, 1-9", "Proc. ICML, 2019, 1-9", "", "", ""),  # a year is no volume
])
def test_volume_and_pages_between_commas_are_details_and_an_abbreviated_name_keeps_its_period(
        text, venue, volume, issue, pages):
    info = parse_venue(text)
    assert (info.venue, info.volume, info.issue, info.pages) == (venue, volume, issue, pages)
