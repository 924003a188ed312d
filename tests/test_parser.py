"""Fields of one entry, shape by shape."""
from pubexport.models import Entry, Source
from pubexport.parser import arxiv_id, parse_entry


def parse(text, shape, section="Publications"):
    return parse_entry(Entry(text=text, source=Source("p", 1), section=section, shape=shape))


def test_arxiv_ids_are_validated():
    assert arxiv_id("https://arxiv.org/pdf/2303.14865.pdf") == "2303.14865"
    assert arxiv_id("https://arxiv.org/abs/2408.0075") == ""
    assert arxiv_id("arXiv:1412.6980v9") == "1412.6980"
    assert arxiv_id("https://arxiv.org/abs/2413.12345") == ""


def test_doi_inside_a_publisher_address_is_read_without_the_view():
    (m,) = parse("- Ann Lee and Bo Wu. Quiet Widgets for Cities. *Frontiers in Widgets*, 2021. "
                 "[Paper](https://www.example-press.org/articles/10.3389/fwidg.2021.00009/full?utm_source=Email)",
                 "reference")
    assert (m.title, m.venue, m.year, m.doi) == ("Quiet Widgets for Cities", "Frontiers in Widgets", 2021,
                                                 "10.3389/fwidg.2021.00009")
    (m,) = parse("- Ann Lee. Widgets Revisited. *bioRxiv*, 2024. "
                 "[PDF](https://www.example-rxiv.org/content/10.1101/2024.06.09.654321v1.full.pdf)", "reference")
    assert m.doi == "10.1101/2024.06.09.654321"


def test_bold_title_of_capitalised_words_before_its_own_author_list_is_the_title():
    (m,) = parse("- WDC 2021 Tutorial **[Spherical Widget Embedding](https://example.org/swe)** **Ann Lee**, Bo Wu, "
                 "Cy Diallo. Widget Design Conference (WDC), 2021", "reference")
    assert (m.title, [p.display() for p in m.authors], m.venue, m.year) == (
        "Spherical Widget Embedding", ["Ann Lee", "Bo Wu", "Cy Diallo"], "Widget Design Conference (WDC)", 2021)
    (m,) = parse("- **Maria Garcia Lopez**, Bo Wu and Cy Diallo. Quiet Widgets for Cities. WDC 2020.", "reference")
    assert (m.title, [p.display() for p in m.authors]) == (
        "Quiet Widgets for Cities", ["Maria Garcia Lopez", "Bo Wu", "Cy Diallo"])


def test_year_written_after_the_authors_before_a_quoted_title_is_the_year():
    (m,) = parse("Ann Lee. 2004. “Quiet Widgets for Dense Cities,” in *The Widget Book*, edited by Bo Wu. "
                 "New York: Widget Press, 336–359.", "reference")
    assert (m.title, [p.display() for p in m.authors], m.year) == ("Quiet Widgets for Dense Cities", ["Ann Lee"], 2004)


def test_venue_after_the_linked_title_on_its_line_is_the_venue():
    (m,) = parse("- **Lee, A.**, Wu, B. & Diallo, C. (2023).\n"
                 "--- *[Quiet Widgets for Dense Cities](https://example.org/qw.pdf).* CoWiLs.", "list")
    assert (m.title, [p.display() for p in m.authors], m.venue, m.year) == (
        "Quiet Widgets for Dense Cities", ["A. Lee", "B. Wu", "C. Diallo"], "CoWiLs", 2023)


def test_forthcoming_line_naming_its_journal_is_the_venue_line():
    (m,) = parse("- Unbounded widgets on rational towns in positive characteristic,\nwith [Ann Lee](https://example.org/al).\n"
                 "To appear in J. Widg. Angew. Math.\n([arxiv](https://arxiv.org/abs/2103.01234) | "
                 "[pdf](./assets/widgets.pdf))", "list")
    assert (m.title, [p.display() for p in m.authors], m.venue, m.notes, m.arxiv) == (
        "Unbounded widgets on rational towns in positive characteristic", ["Ann Lee"],
        "To appear in J. Widg. Angew. Math.", ["To appear"], "2103.01234")


def test_editors_marked_eds_before_the_volume_title_are_its_authors():
    (m,) = parse("- Ann Lee, Bo R. Wu, **Cy Diallo**, & Dee Okafor (eds.). Proceedings of the Tenth Meeting of the "
                 "Widget Society. WS. (2016)", "reference")
    assert (m.title, [p.display() for p in m.authors], m.year) == (
        "Proceedings of the Tenth Meeting of the Widget Society", ["Ann Lee", "Bo R. Wu", "Cy Diallo", "Dee Okafor"],
        2016)


def test_reference_title_is_cut_after_the_authors_not_at_an_initial():
    (m,) = parse("- [2] Ann Lee, Geemi P. Wu, and Andrew D. White. Graph Nets for Molecules. *Chemical Science*, 2020.",
                 "reference")
    assert (m.title, m.venue, m.year, m.type, m.label) == ("Graph Nets for Molecules", "Chemical Science", 2020,
                                                           "article-journal", "")
    assert [p.display() for p in m.authors] == ["Ann Lee", "Geemi P. Wu", "Andrew D. White"]


def test_reference_with_title_first_then_authors():
    (m,) = parse("Sparse Codes for Audio. Ann Lee and Bo Wu. ICASSP 2019.", "reference")
    assert (m.title, [p.display() for p in m.authors], m.venue_acronym, m.year) == (
        "Sparse Codes for Audio", ["Ann Lee", "Bo Wu"], "ICASSP", 2019)


def test_list_title_is_never_the_description():
    (m,) = parse("Quiet Drones for Cities\nICRA 2022\nWe make drones quieter in dense cities.", "list")
    assert (m.title, m.venue_acronym, m.year) == ("Quiet Drones for Cities", "ICRA", 2022)


def test_news_without_title_gives_nothing():
    assert parse("- One paper is accepted to CVPR 2023, about efficient things.", "news", "News") == []


def test_link_text_of_generic_words_is_dropped_and_long_dash_runs_are_read_in_linear_time():
    from pubexport.parser import GENERIC_LINK, plain

    assert GENERIC_LINK.match("[PDF] | Code & Project Page / arXiv version")
    assert not GENERIC_LINK.match("Code for Robust Parsing")
    assert not GENERIC_LINK.match("- " * 50_000 + "x")  # exponential backtracking before
    assert plain("[Paper](u) [Robust Parsing](v)") == "Robust Parsing"


def test_accented_initial_does_not_end_the_author_list():
    (m,) = parse("- [4] T. Varga, O. Cunfin, and Á. Masnin. Donrurgen Sparse Widgets. In *CVPR*, 2021.", "reference")
    assert m.title == "Donrurgen Sparse Widgets"
    assert [p.display() for p in m.authors] == ["T. Varga", "O. Cunfin", "Á. Masnin"]


def test_one_word_before_a_colon_opens_the_title_not_the_authors():
    (m,) = parse("QUILT: Adaptive Stitching of Sparse Maps. ICRA 2020.", "reference")
    assert (m.title, m.authors, m.venue_acronym, m.year) == ("QUILT: Adaptive Stitching of Sparse Maps", [], "ICRA",
                                                             2020)


def test_title_opening_with_for_is_kept_after_an_author_list():
    (m,) = parse("B. Ode and C. Wu. For Whom the Robot Waits. In *ICRA*, 2020.", "reference")
    assert (m.title, [p.display() for p in m.authors]) == ("For Whom the Robot Waits", ["B. Ode", "C. Wu"])
    (m,) = parse("- [for robots that wait](https://example.org/w.pdf)\nB. Ode and C. Wu\nICRA 2020", "list")
    assert (m.title, m.year) == ("for robots that wait", 2020)
    assert parse("For more details, see the project page.", "reference") == []


def test_reference_styles_carry_volume_issue_pages_and_report_fields():
    (ieee,) = parse('M. Okafor, P. Lund. "Sparse Widgets at Scale," *IEEE Trans. Widgets*, vol. 36, no. 5, '
                    'pp. 1401-1412, 2020.', "reference")
    (apa,) = parse("Okafor, M., & Lund, P. K. (2020). Sparse widgets at scale. *Journal of Widgets*, 36(5), "
                   "1401–1412.", "reference")
    for m in (ieee, apa):
        assert (m.year, m.volume, m.issue, m.pages, m.type) == (2020, "36", "5", "1401-1412", "article-journal")
    assert (ieee.venue, apa.venue) == ("IEEE Trans. Widgets", "Journal of Widgets")
    (report,) = parse("S. Rivera. Calibrating Widget Arrays. Technical Report TR-2022-07, Haptics Lab, 2022.",
                      "reference")
    assert (report.title, report.venue, report.type, report.number, report.publisher, report.year) == (
        "Calibrating Widget Arrays", "", "report", "TR-2022-07", "Haptics Lab", 2022)


def test_citation_title_may_open_like_a_sentence_but_not_be_one_word():
    (m,) = parse("- **For Whom the Widget Waits.**[4]: We study widgets.", "citation")
    assert (m.title, m.label) == ("For Whom the Widget Waits", "4")
    assert parse("- **Widgets.**[4]: We study widgets.", "citation") == []


def test_reference_with_emphasised_authors_after_the_title_and_a_journal_with_article_number():
    (m,) = parse("Widget dynamics on a quantum lattice. *A. Doe, B. Roe, C. Poe.* "
                 "[Widg. Rev. B 107, 195129 (2022)](https://doi.org/10.1103/WidgRevB.107.195129) "
                 "[[arXiv:2206.14730]](https://arxiv.org/abs/2206.14730)", "reference")
    assert (m.title, [p.display() for p in m.authors], m.venue, m.year, m.type, m.arxiv) == (
        "Widget dynamics on a quantum lattice", ["A. Doe", "B. Roe", "C. Poe"], "Widg. Rev. B 107, 195129", 2022,
        "article-journal", "2206.14730")


def test_status_venue_is_kept_and_an_arxiv_listing_under_review_stays_a_preprint():
    (m,) = parse("A. Doe and B. Roe, “Concave widgets for submodular sets.” In submission.", "reference")
    assert (m.title, m.venue, m.notes) == ("Concave widgets for submodular sets", "In submission", ["In submission"])
    (m,) = parse("A. Doe and B. Roe. Concave widgets for submodular sets. Under review. "
                 "[arXiv](https://arxiv.org/abs/2301.01234)", "reference")
    assert (m.venue, m.type, m.notes) == ("arXiv", "article", ["Under review"])


def test_list_venue_line_named_in_another_language_is_not_the_place_line():
    (m,) = parse("**Optimización de Widgets Bayesianos**\nMosqueda, Z.J., **Lara, O.D.**, Gómez, F.I.\n"
                 "_Memorias del V Simposio de Widgets Aplicados_\nSantiago de Querétaro, Qro., México, 2025", "list")
    assert (m.title, m.venue, m.type) == ("Optimización de Widgets Bayesianos",
                                          "Memorias del V Simposio de Widgets Aplicados", "paper-conference")


def test_list_chapter_line_after_en_is_the_book_not_the_publisher_line():
    (m,) = parse("**Microwidget Biofuels: Advances and Challenges**\nCaltz, V., **Lara, O.D.**, Romero, A.G.\n"
                 "En: _Agrowidgets_, pp. 213-237\nElsevier, 2024", "list")
    assert (m.venue, m.pages) == ("Agrowidgets", "213-237")


def test_reference_title_link_after_the_authors_keeps_an_abbreviated_journal_whole():
    (m,) = parse("- **Doe, J.**, Roe, R., and Poe, P.: [On the widget activation in global models]"
                 "(http://doi.org/10.5194/wcp-18-7961-2018), Widg. Chem. Phys., doi:10.5194/wcp-18-7961-2018, 2018.",
                 "reference")
    assert (m.title, [p.display() for p in m.authors], m.venue, m.year, m.doi) == (
        "On the widget activation in global models", ["J. Doe", "R. Roe", "P. Poe"], "Widg. Chem. Phys.", 2018,
        "10.5194/wcp-18-7961-2018")


def test_a_lone_word_is_no_paper_whoever_reads_it():
    assert parse("- Widgetcorp.", "list") == []
    assert parse("Widgetcorp", "reference") == []


def fields(m):
    return m.title, [p.display() for p in m.authors], m.venue, m.year


def test_comma_only_authors_end_where_a_piece_is_no_initials_and_name():
    (m,) = parse("- R. Okafor, T. Lindqvist, H. Brandt, et al., Quiet lattices in folded paper cranes, "
                 "*Journal of Imaginary Materials*, **12**, 45-67 (2021).", "reference")
    assert fields(m) == ("Quiet lattices in folded paper cranes", ["R. Okafor", "T. Lindqvist", "H. Brandt", "others"],
                         "Journal of Imaginary Materials, 12, 45-67", 2021)


def test_vancouver_initials_end_the_author_list_even_after_an_ellipsis():
    (m,) = parse("- Okafor R, ... **Lindqvist T**, Brandt H. Quiet lattices in folded paper cranes. J Imag Mater (2021).",
                 "reference")
    assert fields(m)[:2] == ("Quiet lattices in folded paper cranes", ["R Okafor", "T Lindqvist", "H. Brandt", "others"])
    assert m.year == 2021


def test_a_period_after_et_al_still_ends_the_author_list():
    # a template that writes ``{authors}. {title}`` puts a second period after ``et al.``
    (m,) = parse("- [4] Rosa Okafor, **Tomas Lindqvist**, Hana Brandt, et al.. QLF: Quiet Lattices in Folded Cranes. "
                 "In *Journal of Imaginary Materials*, 2021.", "reference")
    assert fields(m) == ("QLF: Quiet Lattices in Folded Cranes",
                         ["Rosa Okafor", "Tomas Lindqvist", "Hana Brandt", "others"], "Journal of Imaginary Materials",
                         2021)


def test_linked_title_after_authors_and_a_colon():
    (m,) = parse("- Okafor, R. A., Lindqvist, T., Brandt, H.: [Quiet lattices in folded paper cranes]"
                 "(https://doi.org/10.1/x), J. Imag. Mater., 2021", "reference")
    assert fields(m) == ("Quiet lattices in folded paper cranes", ["R. A. Okafor", "T. Lindqvist", "H. Brandt"],
                         "J. Imag. Mater.", 2021)


def test_author_line_first_with_its_year_then_a_dashed_linked_title():
    (m,) = parse("- **Okafor, R.**, Lindqvist, T. & Brandt, H. (2021).\n"
                 "--- *[Quiet lattices in folded paper cranes](https://example.org/q.pdf).* JIM.", "list")
    assert fields(m)[:2] == ("Quiet lattices in folded paper cranes", ["R. Okafor", "T. Lindqvist", "H. Brandt"])
    assert m.year == 2021


def test_a_row_of_one_word_links_is_no_author_line():
    (m,) = parse("- Okafor, R., Lindqvist, T., & Brandt, H. (2021). Quiet lattices in folded paper cranes. "
                 "*Journal of Imaginary Materials*, *12*, 45–67.\n[paper](https://example.org/a) [HAL](https://example.org/b)",
                 "list")
    assert fields(m) == ("Quiet lattices in folded paper cranes", ["R. Okafor", "T. Lindqvist", "H. Brandt"],
                         "Journal of Imaginary Materials", 2021)
    assert (m.volume, m.issue, m.pages) == ("12", "", "45-67")
    assert m.urls == ["https://example.org/a", "https://example.org/b"]


def test_co_author_line_opening_with_with():
    (m,) = parse("- Quiet Lattices in Folded Cranes,\nwith [Tor Lindqvist](https://a.org), and [Hanne Brandt](https://b.org).\n"
                 "To appear in *Journal of Imaginary Materials*.", "list")
    assert fields(m)[:2] == ("Quiet Lattices in Folded Cranes", ["Tor Lindqvist", "Hanne Brandt"])
    (m,) = parse("- **Online Sheep Counting at Scale**\nwith Tor Lindqvist\n"
                 "[Annals of Pastoral Research, 320, pp. 393--414, 2023.](https://doi.org/10.1/x)", "list")
    assert fields(m)[:2] == ("Online Sheep Counting at Scale", ["Tor Lindqvist"])


def test_year_closing_a_title_is_the_year():
    (m,) = parse("**[Quiet lattices in folded paper cranes (2019)](https://example.org/q)**", "reference")
    assert (m.title, m.year) == ("Quiet lattices in folded paper cranes", 2019)


def test_apa_italic_title_ends_before_its_bracketed_institution():
    (m,) = parse("- Okafor, R. (2019). *Quiet lattices in folded paper cranes* [University of Nowhere].\n"
                 "[paper](https://example.org/q)", "list")
    assert fields(m)[:2] == ("Quiet lattices in folded paper cranes", ["R. Okafor"])
    assert m.year == 2019


def test_title_then_a_linked_venue_and_a_year():
    (m,) = parse("- Toward Counting Sheep. I. Assessing Fences, [ApJ](https://doi.org/10.1/x) (2019).", "reference")
    assert (m.title, m.authors, m.year) == ("Toward Counting Sheep. I. Assessing Fences", [], 2019)


def test_model_title_replaces_a_rule_title_it_reads_as_authors():
    from pubexport.fields.model import LabelledEntry
    from pubexport.fields.tokens import tokenise
    from pubexport.parser import _holds_authors

    tokens, text = tokenise("R. Okafor, T. Lindqvist, Quiet lattices in paper, JIM 2021")
    labels = ["author"] * 5 + ["other"] + ["title"] * 4 + ["other", "venue", "year"]
    sure = {"author": [0.95] * 5 + [0.1] * 8}
    labelled = LabelledEntry(tokens, text, labels, sure)
    assert _holds_authors("R. Okafor, T. Lindqvist, Quiet lattices in paper", "Quiet lattices in paper", labelled)
    assert not _holds_authors("Quiet lattices in paper", "Quiet lattices in paper", labelled)
    unsure = LabelledEntry(tokens, text, labels, {"author": [0.6] * 5 + [0.1] * 8})
    assert not _holds_authors("R. Okafor, T. Lindqvist, Quiet lattices in paper", "Quiet lattices in paper", unsure)
    # a model title that is itself a list of names never replaces the rules'
    assert not _holds_authors("Quiet lattices in paper", "R. Okafor, T. Lindqvist", LabelledEntry(
        tokens, text, ["title"] * 5 + ["other"] * 8, sure))


def test_an_author_list_with_initials_over_a_venue_line_is_no_title():
    assert parse("**LIMA, F.**\n*XVIII Encontro de Sheep, 2022.* [pdf](https://example.org/a.pdf)", "list") == []
    (m,) = parse("**Neural Sheep Fields**\n*XVIII Encontro de Sheep, 2022.*", "list")
    assert m.title == "Neural Sheep Fields"


def names_of(mention):
    return [p.display() for p in mention.authors]


def test_venue_badge_before_the_title_is_no_author_list_the_one_after_the_title_is():
    (m,) = parse("- NeurIPS 2024 **[Sparse Widgets for Everyone](https://arxiv.org/abs/2406.01234)**Orla Venn, "
                 "Tam Rikard, **Mirek Olan**.Conference on Neural Information Processing Systems (NeurIPS), 2024 "
                 "[Code](https://github.com/x/y)", "reference")
    assert (m.title, names_of(m), m.year) == ("Sparse Widgets for Everyone", ["Orla Venn", "Tam Rikard", "Mirek Olan"],
                                              2024)
    (m,) = parse("- KDD 2021 Tutorial **[Quiet Graph Mining at Scale](https://example.org/t.pdf)**", "reference")
    assert (m.title, m.authors) == ("Quiet Graph Mining at Scale", [])


def test_date_before_a_quoted_linked_title_then_glued_initials_then_italic_venue():
    (m,) = parse('- **2021**, ["Folded Maps of Quiet Rivers"](https://example.org/p/1), **E.Tessaly**, L.Varga, '
                 "T.Morel, *Journal of Quiet Things*", "reference")
    assert (m.title, names_of(m), m.venue) == ("Folded Maps of Quiet Rivers", ["E. Tessaly", "L. Varga", "T. Morel"],
                                               "Journal of Quiet Things")


def test_year_or_status_after_or_before_the_author_list_is_the_date():
    (m,) = parse("Orla Venn and Tam Rikard. 2006. “Folded Maps of Quiet Rivers.” *Journal of Quiet Things* 55: "
                 "10–20.", "reference")
    assert (m.title, names_of(m), m.year) == ("Folded Maps of Quiet Rivers", ["Orla Venn", "Tam Rikard"], 2006)
    (m,) = parse("Forthcoming. Orla Venn and Tam Rikard. “Folded Maps of Quiet Rivers.” *Annual Review of Maps.*",
                 "reference")
    assert (names_of(m), m.year) == (["Orla Venn", "Tam Rikard"], None)


def test_with_line_under_the_title_gives_the_coauthors():
    (m,) = parse("- **Sparse Widgets for Everyone** [[ArXiv](https://arxiv.org/abs/2106.01234)]\n"
                 "with Orla Venn, Tam Rikard\n[Mathematical Widgets, 2022](https://doi.org/10.1000/mw.1)", "list")
    assert (m.title, names_of(m), m.year) == ("Sparse Widgets for Everyone", ["Orla Venn", "Tam Rikard"], 2022)
    (m,) = parse("- **Folded Maps of Quiet Rivers**\nwith Orla Venn\n[Annals of Maps, 12, pp. 3--9, 2021.]"
                 "(https://doi.org/10.1000/am.2)", "list")
    assert (m.title, names_of(m)) == ("Folded Maps of Quiet Rivers", ["Orla Venn"])


def test_unknown_acronym_badge_is_no_author_but_vancouver_names_with_a_year_are():
    (m,) = parse("- QWRT 2018 **[Verifying Quiet Widgets with Inputs](https://arxiv.org/abs/1803.01234)**Orla Venn, "
                 "**Tam Rikard**, Mirek Olan.Conference on Quiet Widgets (QWRT), 2018", "reference")
    assert names_of(m) == ["Orla Venn", "Tam Rikard", "Mirek Olan"]
    (m,) = parse("- XYZ-Findings 2023 **[Dense Widgets for Sparse Maps](https://arxiv.org/abs/2305.01234)**Orla Venn, "
                 "Tam Rikard.Findings of XYZ, 2023", "reference")
    assert names_of(m) == ["Orla Venn", "Tam Rikard"]
    (m,) = parse("- **Valko M**, Orrin A, Dresner Y. (2014) “Folded Maps of Quiet Rivers” in “Rivers and Maps”, "
                 "G. Tamm, ed. (Quiet Press), p. 87-100.", "reference")
    assert [(p.family, p.given) for p in m.authors] == [("Valko", "M"), ("Orrin", "A"), ("Dresner", "Y.")]


def test_italic_author_list_after_the_title():
    (m,) = parse("Folded maps of quiet rivers. *Orla Venn, Tam Rikard, Mirek Olan.* [Phys. Rev. B 102, 165132 (2020)]"
                 "(https://doi.org/10.1103/PhysRevB.102.165132)", "reference")
    assert (m.title, names_of(m)) == ("Folded maps of quiet rivers", ["Orla Venn", "Tam Rikard", "Mirek Olan"])
    (m,) = parse("Folded maps of quiet rivers, *Physical Review B*, **111**, 024206 (2025).", "reference")
    assert m.authors == []


def test_list_author_line_wrapped_or_below_a_one_word_italic_venue():
    (m,) = parse("- 2020\n**Quiet Subduction Beneath the Far Basin**,\n*Tectonica*\nBrandt, A; Olmo, G. M; Ferrá, M;\n"
                 "Quint, L.\ndoi: [10.1000/t.1](https://doi.org/10.1000/t.1)", "list")
    assert (m.title, names_of(m)) == ("Quiet Subduction Beneath the Far Basin",
                                      ["A Brandt", "G. M Olmo", "M Ferrá", "L. Quint"])
    (m,) = parse("- 2021\n**Quiet Tools for Gravimetry**,\n*QGU2021 General Assembly*\nOrla Venn and Tam Rikard", "list")
    assert names_of(m) == ["Orla Venn", "Tam Rikard"]


def test_review_titled_by_its_linked_first_word_after_an_author_list_closed_by_its_year():
    (m,) = parse("Orla Venn. 2009. [Review](https://example.org/r.pdf) of *Maps of Salt* by Tam Rikard. "
                 "*Journal of Quiet Things* 115: 309–12.", "reference")
    assert (m.title, [p.display() for p in m.authors], m.venue, m.year) == (
        "Review of Maps of Salt by Tam Rikard", ["Orla Venn"], "Journal of Quiet Things", 2009)
    (m,) = parse("Orla Venn. 2001. Review of *Tidal Ledgers* by Ana Sol and Bo Lind. *Salt Review Newsletter* 3 (1): "
                 "31–32.", "reference")
    assert (m.title, [p.display() for p in m.authors], m.year) == (
        "Review of Tidal Ledgers by Ana Sol and Bo Lind", ["Orla Venn"], 2001)


def test_quoted_phrase_inside_an_unquoted_title_is_part_of_it():
    (m,) = parse("- Ana Sol, **Bo Lind**, & Cy Moor. Effects of tidal rhythm and “quiet hours” on heron feeding. "
                 "Proceedings of the 9th Congress of Shore Birds (2011)", "reference")
    assert (m.title, [p.display() for p in m.authors], m.year) == (
        "Effects of tidal rhythm and “quiet hours” on heron feeding", ["Ana Sol", "Bo Lind", "Cy Moor"], 2011)


def test_edited_volume_has_its_editors_as_authors():
    (m,) = parse("- Ana Sol, **Bo Lind**, & Cy Moor (eds.). Proceedings of the Tenth Meeting of the Shore Society. "
                 "SSP. (2016)", "reference")
    assert (m.title, [p.display() for p in m.authors], m.year) == (
        "Proceedings of the Tenth Meeting of the Shore Society", ["Ana Sol", "Bo Lind", "Cy Moor"], 2016)


def test_title_sentence_before_a_publisher_and_an_italic_series():
    (m,) = parse("- **Bo Lind** & Ana Sol. Probabilistic tide tables. Greyfield University Press, *Elements in Tides*. "
                 "(In prep.)", "reference")
    assert (m.title, [p.display() for p in m.authors]) == ("Probabilistic tide tables", ["Bo Lind", "Ana Sol"])


def test_link_text_closing_with_a_quoted_title_is_the_whole_title():
    (m,) = parse('- **2015**, [Addendum to the article "Folded maps of quiet rivers"](https://example.org/a), '
                 "A.Venn, T.Rikard, *Greyfield*, *Rivers and Maps*, Vol. 2, pp. 29--74", "reference")
    assert (m.title, [p.display() for p in m.authors], m.year) == (
        'Addendum to the article "Folded maps of quiet rivers"', ["A. Venn", "T. Rikard"], 2015)


def test_dashed_linked_title_with_its_venue_after_it_is_the_title_not_a_venue_line():
    (m,) = parse("- Venn O., **Rikard, T.**, & Sol, A. (2025).\n"
                 "--- *[Folded Maps of Quiet Rivers: A Case Study](https://example.org/maps.pdf)*. ICML.\n"
                 "[[Map Prize 2025](https://example.org/prize)] [[Video](https://example.org/v)].", "list")
    assert (m.title, m.year, m.venue_acronym) == ("Folded Maps of Quiet Rivers: A Case Study", 2025, "ICML")
