"""Merging mentions into records: clustering, the chain guard, field choice, order, report rows."""
from __future__ import annotations

import random

from pubexport.merging import merge
from pubexport.models import ARTICLE_JOURNAL, OTHERS, PAPER_CONFERENCE, PREPRINT, Mention, Person, Source
from pubexport.report import Report


def mention(title, path="a.md", line=1, **fields):
    return Mention(title=title, source=Source(path, line), **fields)


def titles(records):
    return sorted(r.title for r in records)


def test_same_paper_on_two_pages_becomes_one_record_with_every_source():
    a = mention("Gradient Lenses for Sparse Widget Tracking", "ada.md", 4, owner="Ada Li", year=2022)
    b = mention("Gradient lenses for sparse widget tracking.", "bo.md", 9, owner="Bo Chen", year=2022)
    [record] = merge([a, b])
    assert record.sources == [Source("ada.md", 4), Source("bo.md", 9)]
    assert record.owners == ["Ada Li", "Bo Chen"]
    assert record.title == "Gradient Lenses for Sparse Widget Tracking"


def test_shared_link_on_different_titles_keeps_three_records():
    link = "2303.99999"
    records = merge([
        mention("Motion Lenses for Spatiotemporal Widget Learning", line=1, arxiv=link, year=2023),
        mention("MEGA: Multimodal Widget Aggregation for Cinematic Segmentation", line=2, arxiv=link, year=2023),
        mention("Revisiting multimodal widgets in contrastive learning", line=3, arxiv=link, year=2023),
    ])
    assert len(records) == 3


def test_preprint_and_publication_merge_with_venue_chosen_and_arxiv_kept():
    preprint = mention("Gradient Lenses for Sparse Widget Tracking", "ada.md", 2, year=2021,
                       venue="arXiv preprint arXiv:2104.00001", type=PREPRINT, arxiv="2104.00001",
                       urls=["https://arxiv.org/abs/2104.00001"])
    paper = mention("Gradient Lenses for Sparse Widget Tracking", "bo.md", 5, year=2022,
                    venue="Conference on Computer Vision and Pattern Recognition", venue_acronym="CVPR",
                    type=PAPER_CONFERENCE, urls=["https://example.org/paper.pdf"], notes=["Oral"])
    [record] = merge([preprint, paper])
    assert (record.venue, record.venue_acronym, record.type) == (
        "Conference on Computer Vision and Pattern Recognition", "CVPR", PAPER_CONFERENCE)
    assert record.year == 2022 and record.arxiv == "2104.00001"
    assert record.urls == ["https://arxiv.org/abs/2104.00001", "https://example.org/paper.pdf"]
    assert record.notes == ["Oral"]


def test_chain_guard_stops_a_bridge_from_fusing_two_different_papers():
    # B shares A's arXiv id and C's label; A and C are years apart and must stay apart.
    a = mention("Sparse Widget Tracking with Gradient Lenses", "ada.md", 1, arxiv="2101.00001", year=2010)
    b = mention("Sparse Widget Tracking with Gradient Lens Stacks", "bo.md", 3, arxiv="2101.00001", label="3")
    c = mention("Sparse Widget Tracking with Gradient Lens Stacks", "bo.md", 20, label="3", year=2021)
    report = Report()
    records = merge([a, b, c], report=report)
    assert len(records) == 2
    assert any(d.rule == "chain guard: years far apart" for d in report.decisions)


def test_acronym_title_merges_into_its_full_title_which_wins():
    short = mention("NUTA", "ada.md", 7, arxiv="2012.08041", year=2022, venue_acronym="WACV", venue="WACV")
    full = mention("NUTA: Non-uniform Temporal Aggregation for Widget Recognition", "bo.md", 2,
                   arxiv="2012.08041", year=2022, authors=[Person("Li", "Ada")])
    [record] = merge([short, full])
    assert record.title == "NUTA: Non-uniform Temporal Aggregation for Widget Recognition"


def test_reworded_title_with_the_same_label_on_one_page_merges():
    listed = mention("Hot-Refresh Widget Upgrades with Regression-Alleviating Compatible Training",
                     "cv.md", 20, label="1", year=2022, authors=[Person("Zhang", "B.")])
    project = mention("Hot-Refresh Widget Upgrades with Regression-Free Compatible Training", "cv.md", 44, label="1")
    other = mention("Towards Universal Backward-Compatible Widget Learning", "cv.md", 45, label="2")
    records = merge([listed, project, other])
    assert len(records) == 2
    assert records[0].title == listed.title


def test_loose_mention_joins_the_record_its_link_names_and_is_dropped_when_ambiguous():
    titled = mention("Gradient Lenses for Sparse Widget Tracking", "ada.md", 10, arxiv="2101.00001")
    news = mention("our new work on widgets is out", "ada.md", 2, arxiv="2101.00001", loose=True,
                   urls=["https://arxiv.org/abs/2101.00001"])
    [record] = merge([titled, news])
    assert len(record.sources) == 2 and record.urls == news.urls
    trap_a = mention("Prototype Widgets for Open-Set Segmentation", "cj.md", 20, arxiv="2307.00001")
    trap_b = mention("Open-Vocabulary Widget Segmentation via Decomposition", "cj.md", 24, arxiv="2307.00001")
    ambiguous = mention("aligning widgets for understanding", "cj.md", 3, arxiv="2307.00001", loose=True)
    report = Report()
    records = merge([trap_a, trap_b, ambiguous], report=report)
    assert len(records) == 2 and all(len(r.sources) == 1 for r in records)
    assert any(d.outcome == "dropped" and "several" in d.rule for d in report.decisions)


def test_most_complete_author_list_with_full_names_wins():
    full = [Person("Li", "Ada"), Person("Chen", "B."), Person("Novak", "Jan")]
    short = [Person("Li", "A."), Person("Chen", "Bo"), OTHERS]
    [record] = merge([mention("A Survey of Widget Lenses", "a.md", 1, authors=short),
                      mention("A Survey of Widget Lenses", "b.md", 1, authors=full)])
    assert [p.display() for p in record.authors] == ["Ada Li", "Bo Chen", "Jan Novak"]


def test_result_does_not_depend_on_input_order():
    mentions = [
        mention("Gradient Lenses for Sparse Widget Tracking", "a.md", 1, year=2021, arxiv="2104.00001",
                venue="arXiv", authors=[Person("Li", "A.")]),
        mention("Gradient lenses for sparse widget trackng", "b.md", 3, year=2022, venue_acronym="CVPR",
                venue="CVPR", authors=[Person("Li", "Ada"), Person("Chen", "Bo")]),
        mention("GRADIENT LENSES FOR SPARSE WIDGET TRACKING", "c.md", 5, year=2022, notes=["Oral"]),
        mention("Widget Theory, Part I", "a.md", 2, year=2020),
        mention("Widget Theory, Part II", "b.md", 4, year=2021),
        mention("NUTA", "c.md", 9, arxiv="2012.08041"),
        mention("NUTA: Non-uniform Temporal Aggregation for Widgets", "a.md", 7, arxiv="2012.08041"),
    ]
    expected = merge(list(mentions))
    rng = random.Random(4)
    for _ in range(5):
        shuffled = list(mentions)
        rng.shuffle(shuffled)
        assert merge(shuffled) == expected
    assert len(expected) == 4


def test_report_rows_name_both_mentions_their_scores_and_the_rule():
    report = Report()
    merge([mention("Gradient Lenses for Sparse Widget Tracking", "a.md", 1, arxiv="2101.00001"),
           mention("Gradient Lenses for Sparse Widget Trackers", "b.md", 2, arxiv="2101.00001"),
           mention("Contrastive Pretraining of Tiny Language Gardens", "c.md", 3, arxiv="2101.00001")],
           report=report)
    merged = [d for d in report.decisions if d.outcome == "merged"]
    apart = [d for d in report.decisions if d.outcome == "kept apart"]
    assert len(merged) == 1 and merged[0].rule == "same arxiv id and titles agree"
    assert merged[0].left.endswith("a.md:1") and merged[0].right.endswith("b.md:2")
    assert merged[0].scores["title"] > 90 and merged[0].scores["same_id"] == "arxiv"
    assert apart and all("reused link" in d.rule for d in apart)


def test_disabled_report_collects_nothing():
    report = Report(enabled=False)
    merge([mention("Widgets", "a.md", 1), mention("Widgets", "b.md", 1)], report=report)
    assert report.decisions == []


def test_untitled_loose_mention_without_a_match_is_dropped():
    records = merge([mention("", "a.md", 1, loose=True, arxiv="2101.00009"),
                     mention("Gradient Lenses for Sparse Widget Tracking", "a.md", 2)])
    assert titles(records) == ["Gradient Lenses for Sparse Widget Tracking"]


def test_titles_of_common_words_still_meet_through_word_pairs():
    # each word of these two titles is held by more than 64 other titles: only word pairs key them
    fillers = [mention(f"Image Selfsupervised Understanding {a}{b}zzz", "f.md", k)
               for k, (a, b) in enumerate((a, b) for a in "bcdfghjklmnp" for b in "aeiouy")]
    typo = mention("Image Image Self-supervised Undrestanding", "a.md", 1, year=2020)
    right = mention("Image Image Self-supervised Understanding", "b.md", 1, year=2020)
    records = merge(fillers + [typo, right])
    assert len(fillers) > 64
    assert len(records) == len(fillers) + 1


def test_garbage_collector_state_is_restored():
    import gc

    assert gc.isenabled()
    merge([mention("Widgets", "a.md", 1)])
    assert gc.isenabled()
    gc.disable()
    try:
        merge([mention("Widgets", "a.md", 1)])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_many_variant_mentions_merge_the_same_in_any_order():
    rng = random.Random(7)
    words = ["widget", "lens", "gradient", "sparse", "robot", "garden", "tiny", "motion", "prism", "atlas",
             "kernel", "cascade", "harbor", "lattice", "meadow", "orbit", "quartz", "ripple", "summit"]
    mentions = []
    for paper in range(40):
        title = " ".join(rng.sample(words, 6)).title()
        arxiv = f"21{paper:02d}.0000{paper % 7}" if paper % 3 else ""
        for k in range(rng.randint(1, 4)):
            shown = title.lower() if k % 2 else title
            if rng.random() < 0.3:
                shown = shown[:10] + shown[11:]  # a typo
            mentions.append(mention(shown, f"p{k}.md", paper * 10 + k, year=2020 + rng.randint(0, 1),
                                    arxiv=arxiv if rng.random() < 0.7 else "",
                                    authors=[Person("Li", "Ada" if k % 2 else "A.")]))
    expected = merge(list(mentions))
    for seed in range(3):
        shuffled = list(mentions)
        random.Random(seed).shuffle(shuffled)
        assert merge(shuffled) == expected


def test_volume_and_pages_come_from_the_published_mention():
    preprint = mention("Gradient Lenses for Sparse Widget Tracking", "a.md", 1, venue="arXiv preprint",
                       arxiv="2104.00001", pages="1-20")
    journal = mention("Gradient Lenses for Sparse Widget Tracking", "b.md", 1, venue="Widget Letters",
                      type=ARTICLE_JOURNAL, volume="6", issue="4", pages="7012-7019")
    [record] = merge([preprint, journal])
    assert (record.volume, record.issue, record.pages, record.type) == ("6", "4", "7012-7019", ARTICLE_JOURNAL)


def test_wrong_link_on_one_page_does_not_keep_the_acronym_mention_out():
    title = "GLINT: Gradient Lenses for Sparse Widget Tracking in the Wild"
    authors = [Person("Li", "Ada"), Person("Chen", "Bo")]
    right = [mention(title, f"p{k}.md", 1, arxiv="1806.10202", year=2019, authors=authors) for k in range(3)]
    wrong_link = mention(title, "w.md", 1, arxiv="1706.19277", year=2019, authors=authors)
    acronym = mention("GLINT", "news.md", 1, arxiv="1806.10202", year=2019)
    records = merge(right + [wrong_link, acronym])
    assert len(records) == 1 and len(records[0].sources) == 5
    assert records[0].arxiv == "1806.10202"
    shuffled = [acronym, wrong_link] + right[::-1]
    assert merge(shuffled) == records


def test_wrong_link_on_one_page_does_not_keep_a_typo_variant_out():
    title = "Gradient Lenses for Sparse Widget Tracking"
    authors = [Person("Li", "Ada"), Person("Chen", "Bo")]
    right = [mention(title, "a.md", 1, arxiv="1508.55797", year=2016, authors=authors),
             mention("Gradient Lenses for Sprase Widget Trackign", "b.md", 1, arxiv="1508.55797", year=2016,
                     authors=authors)]
    wrong_link = mention(title, "w.md", 1, arxiv="2111.91297", year=2016, authors=authors)
    records = merge(right + [wrong_link])
    assert len(records) == 1


def test_link_reused_from_a_sibling_paper_does_not_fuse_the_two_papers():
    authors = [Person("Li", "Ada"), Person("Chen", "Bo")]
    sibling = "Gradient Lenses for Sparse Widget Tracking in Crowded Scenes"
    other = "Gradient Lenses for Dense Widget Counting in Crowded Scenes"
    records = merge([
        mention(sibling, "a.md", 1, arxiv="2101.00001", year=2021, authors=authors),
        mention(other, "b.md", 1, arxiv="2101.00002", year=2021, authors=authors),
        mention(other, "c.md", 1, arxiv="2101.00001", year=2021, authors=authors),  # reused the sibling's link
    ])
    assert len(records) == 2
    assert sorted(len(r.sources) for r in records) == [1, 2]


def test_venue_badge_read_as_authors_does_not_veto_identical_title_and_arxiv_id():
    title = "Hierarchical Widget Mining via Joint Spherical Gadget Embedding"
    listed = mention(title, "ada.md", 7, year=2020, arxiv="2007.01234", venue_acronym="KDD",
                     authors=[Person("Li", "Ada"), Person("Chen", "Bo"), Person("Okafor", "Uma")])
    badge = mention(title, "bo.md", 3, year=2020, arxiv="2007.01234", venue_acronym="KDD",
                    authors=[Person(literal="KDD 2020")])
    [record] = merge([listed, badge])
    assert [p.family for p in record.authors] == ["Li", "Chen", "Okafor"]


def test_same_arxiv_id_and_title_outweigh_a_clashing_author_list():
    title = "Seed-Guided Widget Discovery with Out-of-Vocabulary Gadgets"
    a = mention(title, "ada.md", 2, arxiv="2205.01111", authors=[Person("Li", "Ada"), Person("Chen", "Bo")])
    b = mention(title, "bo.md", 5, arxiv="2205.01111", authors=[Person("Tutorial", "Widget"), Person("Slides", "Deck")])
    assert len(merge([a, b])) == 1


def test_twins_one_content_word_apart_listed_on_the_same_pages_stay_two_records():
    people = [Person("Li", "Ada"), Person("Chen", "Bo")]
    image = "Sparse Widget Lenses for Image Tracking"
    video = "Sparse Widget Lenses for Video Tracking"
    records = merge([
        mention(image, "ada.md", 1, authors=people, year=2022, venue_acronym="CVPR"),
        mention(video, "ada.md", 4, authors=people, year=2022, venue_acronym="CVPR"),
        mention(image.lower(), "bo.md", 2, authors=people, year=2022, venue_acronym="CVPR"),
        mention(video.replace("Tracking", "Trackng"), "bo.md", 6, authors=people, year=2022, venue_acronym="CVPR"),
    ])
    assert [sorted(s.path + str(s.line) for s in r.sources) for r in records] == [
        ["ada.md1", "bo.md2"], ["ada.md4", "bo.md6"]]


def test_twins_with_different_arxiv_ids_stay_apart_even_on_different_pages():
    a = mention("Static Widget Fields from Sparse Views", "ada.md", 1, arxiv="2301.00001")
    b = mention("Dynamic Widget Fields from Sparse Views", "bo.md", 1, arxiv="2301.00002")
    assert len(merge([a, b])) == 2


def test_twin_found_only_through_a_third_page_is_not_chained_in():
    people = [Person("Li", "Ada"), Person("Chen", "Bo")]
    supervised = mention("Supervised Widget Learning for Gadget Graphs", "ada.md", 1, authors=people, year=2021)
    unsupervised = mention("Unsupervised Widget Learning for Gadget Graphs", "bo.md", 1, authors=people, year=2021)
    # a third page misspells one twin so that it scores close to both
    between = mention("Unsupervisd Widget Learning for Gadget Graphs", "cy.md", 1, authors=people, year=2021)
    records = merge([supervised, unsupervised, between])
    assert sorted(len(r.sources) for r in records) == [1, 2]


def test_two_entries_of_one_page_are_two_papers_but_its_news_item_joins_the_entry():
    fast = mention("Fast Deterministic Widget Completion", "cv.md", 3, year=2014)
    faster = mention("Faster Deterministic Widget Completion", "cv.md", 9, year=2013)
    news = mention("Faster Deterministic Widget Completion", "cv.md", 1, loose=True)
    records = merge([fast, faster, news])
    assert sorted((r.title, len(r.sources)) for r in records) == [
        ("Fast Deterministic Widget Completion", 1), ("Faster Deterministic Widget Completion", 2)]


def test_typo_in_a_titles_only_rare_word_still_finds_its_correct_spelling():
    # seventy titles share every common word, so only their own invented words could key them
    rng = random.Random(3)

    def word():
        return "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(4))

    fillers = [mention(f"Deep Widget Learning {word()} {word()} {word()}", f"f{k}.md", 1) for k in range(70)]
    right = mention("Deep Widget Learning Zorbulaxion", "ada.md", 3)
    typo = mention("Deep Widget Learning Zorbualxion", "bo.md", 5)
    records = merge(fillers + [right, typo])
    assert len(records) == 71
    assert sorted(s.path for r in records if len(r.sources) > 1 for s in r.sources) == ["ada.md", "bo.md"]


def test_unmarked_news_item_linking_the_entrys_arxiv_id_joins_the_entry():
    news = mention("Gradient Lenses for Sparse Widget Traking", "ada.md", 3, arxiv="2104.00001")
    entry = mention("Gradient Lenses for Sparse Widget Tracking", "ada.md", 30, arxiv="2104.00001",
                    authors=[Person("Li", "Ada")], year=2021)
    assert len(merge([news, entry])) == 1


def test_unmarked_news_item_linking_the_entrys_pdf_joins_the_entry_but_a_shared_code_link_does_not():
    pdf = ["https://widgets.example.org/papers/lenses.pdf"]
    news = mention("Gradient Lenses for Sparse Widget Traking", "ada.md", 3, urls=pdf)
    entry = mention("Gradient Lenses for Sparse Widget Tracking", "ada.md", 30, urls=pdf, year=2021)
    assert len(merge([news, entry])) == 1
    code = ["https://github.com/ada/widgets"]
    fast = mention("Fast Deterministic Widget Completion", "cv.md", 3, urls=code)
    faster = mention("Faster Deterministic Widget Completion", "cv.md", 9, urls=code)
    assert len(merge([fast, faster])) == 2


def test_a_paper_and_its_talk_under_two_headings_of_one_page_are_one_record():
    people = [Person("Grau", "Ida"), Person("Moss", "Tal")]
    paper = mention("Probabilistic widget semantic, purely", "cv.org", 48, year=2021, authors=people,
                    section="Published papers")
    talk = mention("Probabilistic widget semantics, purely", "cv.org", 102, year=2021, authors=people,
                   section="Refereed conference presentations")
    assert len(merge([paper, talk])) == 1
    # in one list they are two entries, so two papers
    assert len(merge([paper, mention(talk.title, "cv.org", 50, year=2021, authors=people,
                                     section="Published papers")])) == 2


def test_a_thesis_and_a_journal_paper_of_other_years_under_two_headings_stay_apart():
    journal = mention("Fast Deterministic Widget Completion", "cv.rst", 3, year=2014, section="Journal Articles")
    thesis = mention("Faster Deterministic Widget Completion", "cv.rst", 40, year=2013, section="Theses")
    assert len(merge([journal, thesis])) == 2


def test_bio_highlight_with_the_papers_name_and_link_joins_the_listed_paper():
    project = "https://widget-lab.example.org/lumen"
    highlight = mention("Lumen: Widget Lab Cross-Domain Gadget Parsing Challenge", "home.html", 71, year=2018,
                        venue_acronym="EMNLP", urls=[project])
    paper = mention("Lumen: A Large-Scale Human-Labeled Dataset for Cross-Domain Gadget Parsing", "home.html", 235,
                    year=2018, venue_acronym="EMNLP", arxiv="1809.00001", section="Publications",
                    authors=[Person("Yue", "Tam"), Person("Rao", "Ben")],
                    urls=["https://arxiv.org/abs/1809.00001", "http://www.widget-lab.example.org/lumen/"])
    report = Report()
    [record] = merge([highlight, paper], report=report)
    assert record.title == paper.title  # the full entry's title, its links first
    assert record.urls[0] == "https://arxiv.org/abs/1809.00001"
    [row] = [d for d in report.decisions if d.outcome == "merged"]
    assert row.rule == "same name before the colon and a shared link"
    # another name before the colon, or no shared link: two works
    other = mention("Prism: Widget Lab Conversational Gadget Parsing Challenge", "home.html", 72, year=2018,
                    urls=[project])
    unlinked = mention(highlight.title, "home.html", 71, year=2018, urls=["https://widget-lab.example.org/prism"])
    assert len(merge([other, paper])) == 2
    assert len(merge([unlinked, paper])) == 2


def test_extracted_mentions_carry_their_heading_so_a_papers_talk_joins_it():
    from pubexport.extract import extract
    from pubexport.models import Document
    page = """# Ida Grau

## Published papers

- Ida Grau and Tal Moss. Probabilistic widget semantic, purely. In *Frontiers in Widget Logic*, 2021.
- Ida Grau. Gadget projection as a scope phenomenon. *Widgets and Pragmatics*, 2022.

## Conference papers

- Ida Grau and Tal Moss. Probabilistic widget semantics, purely. In *Proceedings of Widget Logic and Gadgets*, 2021.
"""
    mentions = extract(Document("cv.md", page, "markdown"))
    assert {m.section for m in mentions} == {"Published papers", "Conference papers"}
    assert sorted(len(r.sources) for r in merge(mentions)) == [1, 2]


def test_loose_mention_whose_text_names_another_title_is_refused_by_the_record_it_links():
    entry = mention("Gradient Lenses for Sparse Widget Tracking", "ada.md", 10, arxiv="2101.00001")
    wrong = mention("Dynamic Gadget Fields from Static Views", "ada.md", 2, arxiv="2101.00001", loose=True)
    report = Report()
    [record] = merge([entry, wrong], report=report)
    assert record.sources == [entry.source]
    [row] = [d for d in report.decisions if d.outcome == "dropped"]
    assert "refused" in row.rule
    # a description, or the title itself in other case, still joins
    for text in ("our new work on widgets is out", "GRADIENT LENSES FOR SPARSE WIDGET TRACKING"):
        assert len(merge([entry, mention(text, "ada.md", 2, arxiv="2101.00001", loose=True)])[0].sources) == 2


def test_news_item_whose_link_text_names_another_paper_does_not_become_the_entry_sharing_its_link():
    from pubexport.extract import extract
    from pubexport.models import Document
    page = """# News

- [2023] Code for [Dynamic Gadget Fields from Static Views](https://github.com/ada/widgets) is out!
- [2023] Our new work, [a study of widget lenses](https://arxiv.org/abs/2301.00001) is out!

# Publications

- A. Li, B. Wu. Gradient Lenses for Sparse Widget Tracking. In ICML, 2023. [arXiv](https://arxiv.org/abs/2301.00001) [Code](https://github.com/ada/widgets)
"""
    mentions = extract(Document("p.md", page, "markdown"))
    titled = [m for m in mentions if not m.loose]
    assert [m.source.line for m in titled] == [4, 8]  # the description became the entry
    assert [(m.title, m.loose) for m in mentions if m.source.line == 3] in ([], [("Dynamic Gadget Fields from Static Views", True)])


def test_one_paper_announced_twice_in_the_news_and_listed_as_a_preprint_is_one_record():
    from pubexport.extract import extract
    from pubexport.models import Document
    page = """# Ida Grau

## News

- [2022] **WIDG 2022** paper accepted: "Toward Sparse Gadget Lenses for Widget Tracking".
- [2022] **WIDG 2022 (Oral)** publication: "Towards Sparse Gadget Lenses for Widget Tracking". [Paper](https://example.org/lenses.pdf)

## Publications

- Ida Grau and Tal Moss. Towards Sparse Gadget Lenses for Widget Tracking. *arXiv preprint*, 2021.
- Ida Grau and Tal Moss. Towards Sparse Gadget Lenses for Widget Trackers. *arXiv preprint*, 2021.
"""
    mentions = extract(Document("cv.md", page, "markdown"))
    assert [m.news for m in mentions] == [True, True, False, False]
    # news may announce a paper more than once, in other words and another year than its listing;
    # two entries of the list are still two papers
    assert sorted(len(r.sources) for r in merge(mentions)) == [1, 3]


def test_arxiv_doi_a_page_gives_is_the_records_doi_unless_a_published_doi_is_given():
    title = "Gradient Lenses for Sparse Widget Tracking"
    [alone] = merge([mention(title, doi="https://doi.org/10.48550/arXiv.2104.00001")])
    assert (alone.doi, alone.arxiv) == ("10.48550/arxiv.2104.00001", "2104.00001")
    preprint = mention(title, "ada.md", 2, doi="10.48550/arXiv.2104.00001")
    linked = mention(title, "bo.md", 5, arxiv="2104.00001v2")
    [record] = merge([preprint, linked])
    assert (record.doi, record.arxiv) == ("10.48550/arxiv.2104.00001", "2104.00001")
    paper = mention(title, "cy.md", 7, doi="10.1109/WDG.2022.12345", venue_acronym="CVPR", year=2022)
    [record] = merge([preprint, linked, paper])
    assert (record.doi, record.arxiv) == ("10.1109/wdg.2022.12345", "2104.00001")
