"""Page-level extraction: one fictional fixture page per entry shape, exact fields asserted."""
from __future__ import annotations

from pathlib import Path

import pytest

from pubexport.extract import extract
from pubexport.models import ARTICLE_JOURNAL, PAPER_CONFERENCE, PREPRINT, REPORT, Document, Person
from pubexport.sources import load

PAGES = Path(__file__).parent / "fixtures" / "pages"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def mentions_of(name: str):
    doc = load(PAGES / name)
    return extract(doc)


def by_title(mentions, title):
    found = [m for m in mentions if m.title == title]
    assert found, f"{title!r} not among {[m.title for m in mentions]}"
    return found[0]


def names(mention):
    return [p.display() for p in mention.authors]


def test_news_bullet_gives_title_venue_year_note_and_arxiv():  # shape (a)
    mentions = mentions_of("news.md")
    towel = [m for m in mentions if m.title == "Folding Towels with Tactile Feedback"]
    first = towel[0]
    assert (first.venue_acronym, first.year, first.type, first.arxiv, first.notes) == (
        "ICRA", 2023, PAPER_CONFERENCE, "2301.01234", ["Oral"])
    assert first.urls == ["https://arxiv.org/abs/2301.01234"]
    assert first.source.line == 10


def test_news_bullet_naming_two_papers_by_link_text_gives_two_mentions():  # shape (a)
    mentions = mentions_of("news.md")
    socks, pleat = by_title(mentions, "SOCKS"), by_title(mentions, "PLEAT")
    assert (socks.arxiv, socks.venue_acronym, socks.year) == ("2206.04321", "CoRL", 2022)
    assert (pleat.arxiv, pleat.venue_acronym, pleat.year) == ("2207.05555", "CoRL", 2022)


def test_truncated_arxiv_link_gives_no_arxiv_id():
    assert by_title(mentions_of("news.md"), "A Truncated Link Example").arxiv == ""


def test_loose_news_item_linking_a_titled_entry_becomes_that_entry():
    towel = [m for m in mentions_of("news.md") if m.title == "Folding Towels with Tactile Feedback"]
    assert [m.source.line for m in towel] == [10, 14]
    assert not any(m.loose for m in towel)


def test_loose_news_item_without_twin_stays_loose_and_untitled_news_is_no_mention():
    mentions = mentions_of("news.md")
    loose = [m for m in mentions if m.loose]
    assert [(m.title, m.arxiv) for m in loose] == [
        ("learning to grasp cloth from a single demonstration", "2109.07777")]
    assert len(mentions) == 6  # the software item and the untitled ICRA item give nothing


def test_markdown_list_with_link_title_authors_and_venue_lines():  # shape (b)
    mentions = mentions_of("numbered.md")
    assert len(mentions) == 3
    soil = mentions[0]
    assert soil.title == "Listening to Soil: Acoustic Moisture Estimation with Cheap Microphones"
    assert names(soil) == ["Mira Okonkwo", "Tomás Ruiz", "Wen Li"]
    assert (soil.venue_acronym, soil.year, soil.arxiv, soil.owner) == ("ICASSP", 2021, "2105.06789", "Mira Okonkwo")
    thermal = mentions[1]
    assert (thermal.venue, thermal.type, thermal.doi, thermal.year) == (
        "IEEE Transactions on Geoscience and Remote Sensing", ARTICLE_JOURNAL, "10.1109/TGRS.2020.1234567", None)
    crops = mentions[2]
    assert (crops.title, crops.venue, crops.type, crops.year) == ("Seasonal Priors for Crop Mapping", "arXiv",
                                                                  PREPRINT, 2024)


def test_reference_styles_numbered_quoted_and_apa():  # shape (c)
    mentions = mentions_of("references.md")
    sparse = by_title(mentions, "Sparse Attention for Tabular Data")
    assert names(sparse) == ["Pia Lund", "Jonas Weber", "Karl Ode"]
    assert (sparse.venue_acronym, sparse.year, sparse.label, sparse.type) == ("NeurIPS", 2022, "1", PAPER_CONFERENCE)
    ranking = by_title(mentions, "Robust Ranking Under Label Noise")
    assert names(ranking) == ["J. Weber", "P. Lund", "K. Ode"]
    assert (ranking.venue_acronym, ranking.year, ranking.notes) == ("ICML", 2021, ["equal contribution", "long oral"])
    trees = by_title(mentions, "Counting Trees from Space")
    assert names(trees) == ["Jonas Weber", "Lee A. Chan", "Pia Lund", "others"]
    assert (trees.arxiv, trees.type, trees.year) == ("2302.11111", PREPRINT, 2023)
    apa = by_title(mentions, "Gradient Tricks for Small Data")
    assert [(p.family, p.given) for p in apa.authors] == [("Weber", "J."), ("Lund", "P.")]
    assert (apa.venue_acronym, apa.year, apa.type) == ("JMLR", 2019, ARTICLE_JOURNAL)


def test_projects_bullet_citing_the_list_carries_its_label_and_service_gives_nothing():
    mentions = mentions_of("references.md")
    cited = by_title(mentions, "Sparse Attention Layers for Tabular Models")
    assert (cited.label, cited.source.line) == ("1", 13)
    assert len(mentions) == 5
    assert {m.owner for m in mentions} == {"Jonas Weber"}


def test_plain_text_blocks_title_then_venue_line_without_description():  # shape (d)
    mentions = mentions_of("blocks.txt")
    assert [(m.title, m.venue, m.year, m.notes) for m in mentions] == [
        ("Private Queries over Encrypted Logs", "IEEE Transactions on Dependable and Secure Computing", 2020, []),
        ("Membership Inference in Federated Settings", "USENIX Security Symposium", 2022, ["Poster"]),
    ]
    assert [m.source.line for m in mentions] == [11, 17]


def test_html_list_items_and_paragraphs():  # shape (e)
    mentions = mentions_of("list.html")
    assert [m.title for m in mentions] == ["Caching Models at the Edge",
                                          "Latency\u2011Aware Scheduling for Serverless Inference",
                                          "Low-Power Vision on Microcontrollers"]
    edge, latency, low_power = mentions
    assert names(edge) == ["Sam Reyes", "Ola Nord", "Ming Zhu"]
    assert (edge.venue_acronym, edge.year, edge.doi) == ("WWW", 2023, "10.1145/3555555.3555556")
    assert names(latency) == ["Ming Zhu", "Sam Reyes"]
    assert (latency.venue, latency.type, latency.year) == ("IEEE Transactions on Cloud Computing", ARTICLE_JOURNAL,
                                                           2021)
    assert (low_power.venue, low_power.type) == ("Proceedings of the Workshop on Embedded Learning", PAPER_CONFERENCE)
    assert {m.owner for m in mentions} == {"Sam Reyes"}


def test_plain_text_block_title_joining_words_with_ampersands_keeps_them_in_the_title():
    # the field model may read ``... & Lomber & Tunduk`` on into the venue line as names: the
    # block has no author line, and the title stays whole
    mentions = mentions_of("blocks-ampersand.txt")
    assert [(m.title, names(m), m.venue, m.year) for m in mentions] == [
        ("WLTN: Robust Wimble Spatial Temporal & Lomber & Tunduk", [],
         "Advances in Neural Information Processing Systems (NeurIPS)", 2016),
        ("GLWT: Self-supervised Gadget Spatial Spatial & Widget & Tilings", [],
         "Advances in Neural Information Processing Systems", 2019),
    ]


def test_latex_cv_items():  # shape (f)
    mentions = mentions_of("cv.tex")
    assert [(m.title, names(m), m.venue, m.year) for m in mentions] == [
        ("Learned Indexes for Genomic Search", ["L. Müller", "R. Costa", "H. Sato"], "Bioinformatics", 2019),
        ("Fast Alignment with Sketches", ["R. Costa", "L. Müller"], "Nature Methods", 2021),
        ("Benchmarking Genome Indexes", ["L. Müller"], "", 2020),
    ]
    assert mentions[0].doi == "10.1093/bioinformatics/btz999"
    assert (mentions[0].volume, mentions[0].issue, mentions[0].pages) == ("35", "4", "100-110")
    report = mentions[2]
    assert (report.type, report.number, report.publisher) == (REPORT, "NIT-CS-2020-03",
                                                              "Nordic Institute of Technology")
    assert [m.source.line for m in mentions] == [9, 10, 14]


def test_patent_section_gives_patents_with_numbers():
    page = ("# Patents\n- US 11,222,333 B2 [Method for Folding Cloth](https://example.org/p)\n"
            "Ana Ruiz, **Bo Chen**.\n- CN201910001111.2 [《折叠方法》](https://example.org/q)\nAna Ruiz, **Bo Chen**.\n")
    first, second = extract(Document("p.md", page, "markdown"))
    assert (first.type, first.number, first.title) == ("patent", "US11,222,333B2", "Method for Folding Cloth")
    assert (second.number, second.title) == ("CN201910001111.2", "CN201910001111.2: 折叠方法")
    assert second.authors == [Person(family="Ruiz", given="Ana"), Person(family="Chen", given="Bo")]


def test_mojibake_page_is_repaired_before_reading():
    page = "# ðŸ“ Publications\n- [1] JosÃ© Rivera and Ana Ruiz. Better Maps. In *ICCV*, 2021.\n"
    (mention,) = extract(Document("m.md", page, "markdown"))
    assert names(mention) == ["José Rivera", "Ana Ruiz"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_every_seed_page_gives_mentions_without_error():
    for path in sorted(SEEDS.iterdir()):
        assert extract(load(path)), path.name


def test_many_loose_news_items_each_find_their_titled_twin():
    news = "".join(f"- [**2021**] Our new work, [a study number {n}](https://arxiv.org/abs/2101.{n:05d}) is out!\n"
                   for n in range(1, 1_001))
    papers = "".join(f"- A. Li, B. Wu. Title Number {n}. In ICML, 2021. [arXiv](https://arxiv.org/abs/2101.{n:05d})\n"
                     for n in range(1, 1_001))
    mentions = extract(Document("p.md", "# News\n" + news + "\n# Publications\n" + papers, "markdown"))
    assert len(mentions) == 2_000 and not any(m.loose for m in mentions)
    assert [m.title for m in mentions[:2]] == ["Title Number 1", "Title Number 2"]
    assert (mentions[0].source.line, mentions[1_000].source.line) == (2, 1_004)


def test_plain_text_block_titles_that_read_like_headings_or_names():
    mentions = mentions_of("blocks-titles.txt")
    quilt = by_title(mentions, "QUILT: Adaptive Stitching of Sparse Maps")  # not author QUILT, not a heading
    assert (quilt.authors, quilt.year, quilt.arxiv, quilt.type, quilt.venue, quilt.source.line) == (
        [], 2013, "1304.4920", PREPRINT, "arXiv", 5)
    tidal = by_title(mentions, "TIDAL FLOW SENSING WITH CHEAP BUOYS")  # capitals with a venue below
    assert (tidal.venue, tidal.year, tidal.type) == ("IEEE Journal of Oceanic Engineering", 2019, ARTICLE_JOURNAL)
    nerf = by_title(mentions, "Neural Radiance Fields")  # words that could be a name
    assert (nerf.venue_acronym, nerf.year, nerf.authors) == ("CVPR", 2020, [])
    pose = by_title(mentions, "Pose Tracking and Segmentation, Part II")  # title, authors, venue paragraphs
    assert (names(pose), pose.venue_acronym, pose.year, pose.source.line) == (
        ["Kim Osei", "Ravi Mehta"], "RSS", 2021, 19)
    buoy = by_title(mentions, "For Whom the Buoy Rings")  # the year is not the arXiv id's 2007
    assert (buoy.year, buoy.arxiv) == (2020, "2007.12345")
    assert len(mentions) == 5


# Page shapes common on researchers' sites: (title, authors, year, venue acronym or name, arXiv id) of
# every paper, in page order; the Talks, Students and Service sections name venues and give nothing.
SITE_SHAPES = {
    "alfolio.html": [  # al-folio: badge, title, author and periodical divs, then a row of buttons
        ("Sparse Voxel Fields for Fast Scene Relighting", ["Lena Hartmann", "Rafael Ortiz", "Yuki Tanaka"], 2023,
         "CVPR", "2303.04567"),
        ("Learning Soft Shadows from Single Images", ["Rafael Ortiz", "Lena Hartmann", "Marc Dubois"], 2023, "TPAMI",
         ""),
        ("Neural Light Transport with Learned Importance Sampling", ["Lena Hartmann", "Yuki Tanaka"], 2021, "NeurIPS",
         "2110.01234"),
        ("A Large-Scale Dataset of Captured Indoor Lighting", ["Marc Dubois", "Lena Hartmann", "others"], 2020, "TOG",
         ""),  # "and 3 more authors": al-folio's collapsed author list
    ],
    "wowchemy.html": [  # Hugo Academic citation view: authors, (year), linked title, venue, buttons
        ("Sparse Graph Attention for Traffic Forecasting", ["Amara Diallo", "Jonas Brandt", "Chen Wei"], 2022, "AAAI",
         ""),
        ("Calibrated Uncertainty for Travel Time Estimation", ["Jonas Brandt", "Amara Diallo"], 2021,
         "IEEE Transactions on Intelligent Transportation Systems", "2104.05678"),
        ("Learning on Road Networks", ["Amara Diallo"], 2020, "PhD Thesis, Technical University of Munich", ""),
    ],
    "sites.txt": [  # plain text, IEEE style, lettered labels under Journal/Conference/Preprints headings
        ("Robust beam alignment for mmWave links under blockage", ["K. Adeyemi", "P. Novak", "L. Schmidt"], 2023,
         "IEEE Trans. Wireless Commun.", ""),
        ("Learning channel charts from sparse measurements", ["P. Novak", "K. Adeyemi"], 2021,
         "IEEE Journal on Selected Areas in Communications", ""),
        ("A survey of learned beam management", ["K. Adeyemi"], 2021, "IEEE Communications Surveys & Tutorials", ""),
        ("Vision-aided blockage prediction for millimeter wave links", ["K. Adeyemi", "M. Rossi", "P. Novak"], 2021,
         "CVPR", ""),
        ("Low-complexity beam tracking with Kalman filters", ["L. Schmidt", "K. Adeyemi"], 2020, "ICASSP", ""),
        ("Federated channel estimation", ["K. Adeyemi", "L. Schmidt"], 2019, "Proc. IEEE Int. Conf. Commun. (ICC), Shanghai, China", ""),
        ("Diffusion models for channel generation", ["K. Adeyemi", "M. Rossi"], 2023, "arXiv", "2305.01234"),
    ],
    "cv-years.md": [  # markdown CV: year sub-headings, *italic* titles, (to appear), doi: text
        ("Causal Probing of Language Model Representations", ["Sofia Marchetti", "Daniel Okafor"], 2024, "NeurIPS",
         ""),
        ("Counterfactual Data for Robust Text Classifiers", ["Daniel Okafor", "Sofia Marchetti", "Hana Sato"], 2024,
         "Transactions of the Association for Computational Linguistics", ""),
        ("When Do Probes Lie?", ["Sofia Marchetti"], 2023, "ACL", ""),
        ("Minimal Pairs for Multilingual Evaluation", ["Hana Sato", "Sofia Marchetti"], 2023, "EMNLP", "2310.04567"),
        ("Sparse Probing at Scale", ["Sofia Marchetti", "Daniel Okafor", "Hana Sato", "Luca Bianchi"], 2021, "arXiv",
         "2106.09876"),
    ],
    "selected.md": [  # columns: venue | title | authors, with * and † marks
        ("MotionCraft: Controllable Video Synthesis with Trajectory Priors",
         ["Wei Zhang", "Lin Chen", "Ravi Patel", "Jun Sato"], 2024, "CVPR", "2402.01234"),
        ("Temporal Consistency Losses for Video Diffusion", ["Lin Chen", "Wei Zhang", "Jun Sato"], 2022, "ECCV",
         "2207.09876"),
        ("Scene-Aware Frame Interpolation", ["Wei Zhang", "Ravi Patel"], 2023, "TPAMI", ""),
    ],
    "dblp.md": [  # dblp: [j4] Authors: Title. Venue volume(issue): pages (year); CoRR abs/ ids
        ("Adaptive Query Planning for Streaming Joins", ["Tomasz Kowalczyk", "Anna Nowak", "Piotr Wiśniewski"], 2023,
         "PVLDB", ""),
        ("Learned Cardinality Estimation under Drift", ["Anna Nowak", "Tomasz Kowalczyk"], 2023, "SIGMOD", ""),
        ("Vectorized Bloom Filters on GPUs", ["Tomasz Kowalczyk", "Piotr Wiśniewski"], 2023, "arXiv", "2305.06789"),
        ("Lock-Free Skip Lists Revisited", ["Tomasz Kowalczyk", "Anna Nowak"], 2021, "ICDE", ""),
        ("Cost Models for Cloud Query Engines", ["Tomasz Kowalczyk"], 2021, "IEEE Trans. Knowl. Data Eng.", ""),
    ],
}


@pytest.mark.parametrize("page", sorted(SITE_SHAPES))
def test_site_shape_gives_each_paper_with_exact_fields(page):
    mentions = [m for m in mentions_of(page) if m.title in {t for t, *_ in SITE_SHAPES[page]}]
    got = [(m.title, names(m), m.year, m.venue_acronym or m.venue, m.arxiv) for m in mentions]
    assert got == SITE_SHAPES[page]


@pytest.mark.parametrize("page", sorted(SITE_SHAPES))
def test_site_shape_gives_no_entry_from_talks_students_service_or_abstracts(page):
    assert len(mentions_of(page)) == len(SITE_SHAPES[page])


def test_abstract_under_an_entry_naming_a_venue_is_no_paper():
    entry = ("- **Neural Light Transport**\n  Lena Hartmann and Yuki Tanaka\n  *NeurIPS*, 2021\n\n"
             "  Importance sampling for path tracing, learned from data. Published at NeurIPS 2021, with code.\n")
    (mention,) = extract(Document("p.md", "# Publications\n" + entry, "markdown"))
    assert (mention.title, mention.venue_acronym, mention.year) == ("Neural Light Transport", "NeurIPS", 2021)


def test_long_introduction_naming_venues_is_no_paper():
    intro = ("Light transport in real scenes is the thread that runs through the work below. Results on "
             "relighting appeared at CVPR 2023 and NeurIPS 2021, and most of them come with code and data that "
             "anyone can use for their own research on inverse rendering.\n\n")
    paper = "- A. Li and B. Wu. Sparse Voxel Fields. In CVPR, 2023.\n"
    (mention,) = extract(Document("p.md", "# Publications\n\n" + intro + paper, "markdown"))
    assert mention.title == "Sparse Voxel Fields"


def test_short_reference_in_sentence_case_after_an_entry_stays_a_paper():
    page = ("# Publications\n\nSparse Voxel Fields\nLena Hartmann and Yuki Tanaka\nCVPR 2023\n\n"
            "Learning on road networks. PhD thesis, Technical University of Munich, 2020.\n")
    assert [m.title for m in extract(Document("p.txt", page, "text"))] == [
        "Sparse Voxel Fields", "Learning on road networks"]


def test_button_row_links_join_the_entry_above():
    sparse = by_title(mentions_of("alfolio.html"), "Sparse Voxel Fields for Fast Scene Relighting")
    assert sparse.urls == ["https://rortiz.example.org", "http://arxiv.org/abs/2303.04567",
                           "https://github.com/lhartmann/sparse-voxels"]
    brandt = by_title(mentions_of("wowchemy.html"), "Calibrated Uncertainty for Travel Time Estimation")
    assert (brandt.doi, brandt.type) == ("10.1109/TITS.2021.3071234", ARTICLE_JOURNAL)


def test_doi_of_a_hidden_bibtex_block_is_the_entrys():
    nlt = by_title(mentions_of("alfolio.html"), "Neural Light Transport with Learned Importance Sampling")
    assert (nlt.doi, nlt.arxiv, nlt.venue_acronym, nlt.year) == ("10.5555/nlt.2021.0042", "2110.01234", "NeurIPS", 2021)
    assert by_title(mentions_of("alfolio.html"), "Sparse Voxel Fields for Fast Scene Relighting").doi == ""


def test_links_line_opened_by_a_separator_dot_joins_the_entry_above():
    page = """# Publications

<div class='paper-box'><div class='paper-box-image'><div class="badge">WDC 2024</div></div>
  <div class='paper-box-text' markdown="1">
**Quiet Widgets for Dense Cities.**
**Ann Lee**, Bo Wu, and Cy Diallo.
*Widget Design Conference, 2024.*
<span class='show_paper_citations' data='x:1'></span> · [DOI](https://doi.org/10.5555/qw.2024.3) · [PDF](https://example.org/qw.pdf)
  </div>
</div>
"""
    (m,) = extract(Document("p.md", page, "markdown"))
    assert (m.title, names(m), m.year, m.doi, m.urls) == (
        "Quiet Widgets for Dense Cities", ["Ann Lee", "Bo Wu", "Cy Diallo"], 2024, "10.5555/qw.2024.3",
        ["https://doi.org/10.5555/qw.2024.3", "https://example.org/qw.pdf"])


def test_entry_without_a_year_takes_its_year_heading():
    page = """## Publications

### Preprints
_Widget Surveys at Scale_ [[arXiv](https://arxiv.org/abs/2502.01234)]
Ann Lee and Bo Wu.
[arXiv:2502.01234](https://arxiv.org/abs/2502.01234).

### 2022
_Quiet Widgets for Dense Cities_ [[PDF](papers/twdg22.pdf)]
Ann Lee, Bo Wu, and Cy Diallo.
[TWDG](https://example.org/twdg). Volume 34, Issue 10. Widget Press.

_Loud Widgets for Sparse Towns_ [[PDF](papers/wdc21.pdf)]
Bo Wu and Ann Lee.
[WDC 2021](https://example.org/wdc). Lyon, France.
"""
    mentions = extract(Document("p.md", page, "markdown"))
    assert [(m.title, m.year) for m in mentions] == [
        ("Widget Surveys at Scale", None), ("Quiet Widgets for Dense Cities", 2022),
        ("Loud Widgets for Sparse Towns", 2021)]


def test_doi_written_as_text_is_read():
    tacl = by_title(mentions_of("cv-years.md"), "Counterfactual Data for Robust Text Classifiers")
    assert tacl.doi == "10.1162/tacl_a_00612"
    jsac = by_title(mentions_of("sites.txt"), "Learning channel charts from sparse measurements")
    assert (jsac.doi, jsac.volume, jsac.issue, jsac.pages, jsac.label) == (
        "10.1109/JSAC.2021.3087654", "39", "8", "2455-2468", "J2")


def fixture_mentions(name):
    return extract(load(PAGES / name))


def test_german_page_gives_its_papers_not_its_talks_or_teaching():
    mentions = fixture_mentions("german.md")
    assert [(m.title, names(m), m.venue, m.year) for m in mentions] == [
        ("Grundwasserneubildung in alpinen Einzugsgebieten", ["K. Vogelsang", "M. Brandt", "L. Ostermann"],
         "Hydrologie und Wasserbewirtschaftung", 2021),
        ("Abflussprognosen mit neuronalen Netzen", ["M. Brandt", "K. Vogelsang"], "Wasserwirtschaft", 2019),
        ("Dürreperioden und Bodenfeuchte im Schwarzwald", ["K. Vogelsang"], "Handbuch der Hydrologie, Springer",
         2020),
    ]


def test_page_without_headings_gives_its_run_of_references_and_not_its_prose():
    mentions = fixture_mentions("noheadings.txt")
    assert [(m.title, names(m), m.venue, m.year) for m in mentions] == [
        ("Pollinator decline in fragmented grasslands", ["P. Raman", "T. Okoye", "S. Lindqvist"], "Ecology Letters",
         2022),
        ("Seed dispersal by frugivorous birds in montane forests", ["T. Okoye", "P. Raman"], "Journal of Ecology",
         2020),
        ("Soil microbial networks under drought stress", ["P. Raman"],
         "Proceedings of the Ecological Society of America", 2018),
    ]


def test_short_titles_in_a_labelled_list_are_papers():
    assert [m.title for m in fixture_mentions("short-titles.md")] == [
        "Better Maps", "Sparse Views", "Neural Surface Reconstruction from Few Images"]


def test_sub_heading_over_an_author_line_is_that_entry_title():
    mentions = fixture_mentions("heading-titles.md")
    assert [(m.title, m.year, m.source.line) for m in mentions] == [
        ("Ecologia dos Manguezais Urbanos", 2023, 11),
        ("Aves Migratórias no Litoral Sul", 2023, 16),
        ("Restauração de Restingas com Espécies Nativas", 2021, 22),
        ("Manguezais no Ensino Básico", 2021, 26),  # a heading word (Ensino) in a title
        ("Dinâmica de Nutrientes em Estuários", 2019, 32),
    ]  # the supervised theses below stay supervised, the ones written a level higher too
    assert mentions[0].doi == "10.1234/rbe.2023.101"
    assert ([p.display() for p in mentions[3].authors], mentions[3].venue) == (
        ["Marina SOUZA"], "Revista de Ciências na Escola")


def test_software_and_presentations_listed_under_publications_are_no_papers():
    mentions = fixture_mentions("cv-software-talks.tex")
    assert [(m.title, names(m), m.venue, m.year, m.doi) for m in mentions] == [
        ("Ice nucleation in mixed-phase clouds over the Southern Ocean", ["A. Lindqvist", "B. Okafor", "T. Marsh"],
         "Journal of Geophysical Research, 125", 2020, "10.5555/jgr.2020.0112"),
        ("Aerosol activation in an adiabatic parcel model", ["B. Okafor", "A. Lindqvist"],
         "Atmospheric Chemistry and Physics", 2018, "10.5555/acp.2018.0077"),
        ("Emulating droplet activation with polynomial chaos", ["T. Marsh", "B. Okafor"],
         "Geoscientific Model Development", 2017, "10.5555/gmd.2017.0031"),
    ]


def test_page_furniture_labels_and_affiliations_are_no_papers():
    # "This list was last updated on ...", a Google Scholar link, a link-only "[peer-reviewed
    # article]" badge after each entry, an award line under the book, "* equal contribution", "You can find the source code of this page at [repo]",
    # internships at organisations and an observing proposal
    mentions = fixture_mentions("furniture.md")
    assert [(m.title, names(m), m.venue, m.year, m.doi) for m in mentions] == [
        ("Zonation of glucose metabolism in liver lobules", ["A. Ferreira", "J. Okoro", "L. Brandt"],
         "Journal of Hepatology", 2023, "10.5555/jhep.2023.01"),
        ("A kinetic model of hepatic gluconeogenesis", ["J. Okoro", "L. Brandt"],
         "PLoS Computational Biology", 2021, "10.5555/pcbi.2021.07"),
        ("Perfusion and growth in liver tissue models", ["L. Brandt", "J. Okoro"],
         "Biomechanics and Modeling in Mechanobiology", 2019, "10.5555/bmmb.2019.03"),
        ("Sugar and the Liver: A History of Metabolic Medicine", ["J. Okoro"], "Lakeside University Press", 2018,
         ""),
    ]


def test_news_of_talks_workshops_and_defences_and_labelled_abstracts_are_no_papers():
    # News: a paper accepted (kept), a talk given, workshops held, a defence thanking two people;
    # under each paper a "**Resumo**:"/"**Abstract**:" paragraph quoting a few words
    # (news items naming no venue stay loose: the merge stage drops those that name no record)
    mentions = [m for m in fixture_mentions("abstracts-events.md") if not m.loose]
    assert [(m.title, m.year, m.arxiv, m.doi, m.source.line) for m in mentions] == [
        ("Tidal mixing in shallow estuaries", 2024, "2406.01234", "", 3),
        ("Tidal mixing in shallow estuaries", 2024, "2406.01234", "", 10),
        ("Sediment transport under storm surges", 2021, "", "10.5555/jgr.2021.44", 14),
    ]


def test_co_author_and_previous_title_lines_join_the_entry_above():
    # **Title** / with A and B / [Venue, year](doi) / (Previous title: "..."), each its own paragraph
    mentions = fixture_mentions("with-coauthors.md")
    assert [(m.title, m.venue, m.year, m.doi, m.arxiv, m.source.line) for m in mentions] == [
        ("Sparse recovery of signals on integer lattices", "Journal of Discrete Algorithms", 2021,
         "10.5555/jda.2021.1", "", 5),
        ("A greedy algorithm for submodular covers on lattices", "Mathematical Programming", 2019,
         "10.5555/mp.2019.2", "", 13),
        ("Online submodular maximization with bandit feedback", "arXiv", 2023, "", "2303.01234", 21),
    ]


def test_title_paragraph_over_an_authors_and_venue_paragraph_is_one_entry():
    # a lab page: the title alone, then "authors / *VENUE year.* [[paper]]" as the next paragraph;
    # a title that reads like one name (Graph-based Neural Query Expansion) is still the title
    mentions = fixture_mentions("title-paragraphs.md")
    assert [(m.title, names(m), m.venue_acronym, m.year, m.source.line) for m in mentions] == [
        ("Contrastive Pretraining for Table Retrieval", ["Ines Vidal", "Tomas Reyes", "Mara Quint"], "EMNLP", 2022,
         5),
        ("Graph-based Neural Query Expansion", ["Tomas Reyes", "Ines Vidal"], "SIGIR", 2020, 12),
    ]


def test_whole_reference_whose_title_ends_on_a_function_word_is_a_paper(tmp_path):
    # a title cut before its object reads as page furniture, but not with authors, a venue and a year
    page = tmp_path / "pubs.md"
    page.write_text("# Publications\n\n"
                    "- A. Okafor and B. Lindqvist. \"Sparse widgets for lattice folding via.\" "
                    "International Conference on Widgets (ICW), 2021.\n"
                    "- C. Brandt and A. Okafor. \"Quiet lattices in folded paper cranes.\" "
                    "Journal of Imaginary Materials, 2019.\n\n"
                    "# News\n\n- This list was last updated on\n", encoding="utf-8")
    mentions = extract(load(page))
    assert [(m.title, m.year) for m in mentions] == [("Sparse widgets for lattice folding via", 2021),
                                                      ("Quiet lattices in folded paper cranes", 2019)]


def test_page_title_in_the_settings_names_the_text_before_the_first_heading():
    # no heading in the text: the generator prints ``title: Publicações`` above it; titles with
    # only a year or a status, each with its labelled abstract
    mentions = fixture_mentions("titled-page.md")
    assert [(m.title, m.year, m.venue, m.source.line) for m in mentions] == [
        ("Marés vivas no estuário norte", 2021, "", 7),
        ("Salinity fronts in shallow bays", 2019, "", 11),
        ("Caranguejos e manguezais urbanos", None, "no prelo", 15),
        ("Ventos e ondas na baía", 2017, "", 19),
        ("Tide gauges of the southern coast", 2015, "", 23),
    ]


def test_a_short_page_of_reference_paragraphs_and_no_heading_gives_one_paper_per_paragraph():
    page = ("Ann Lee, Bo Wu. Learning to rank sparse graphs. In Proceedings of ICML, 2021.\n\n"
            "Ann Lee, Cy Diallo. A study of convex relaxations for clustering. NeurIPS, 2020.\n\n"
            "Ann Lee. Robust estimators under heavy tails. Annals of Statistics, 2019.\n")
    mentions = extract(Document("p.md", page, "markdown"))
    assert [(m.title, [a.family for a in m.authors], m.year, m.source.line) for m in mentions] == [
        ("Learning to rank sparse graphs", ["Lee", "Wu"], 2021, 1),
        ("A study of convex relaxations for clustering", ["Lee", "Diallo"], 2020, 3),
        ("Robust estimators under heavy tails", ["Lee"], 2019, 5)]
    assert mentions[2].venue == "Annals of Statistics"
