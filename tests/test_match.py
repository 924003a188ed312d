"""Matching rules on fictional mentions: normalisation, evidence, and the rule that decides."""
from __future__ import annotations

from pubexport.match import compare, conflict, decide, features, normalise_title, part_markers
from pubexport.models import OTHERS, Mention, Person, Source


def mention(title, line=1, path="a.md", **fields):
    return Mention(title=title, source=Source(path, line), **fields)


def judge(a: Mention, b: Mention):
    fa, fb = features(a), features(b)
    return decide(fa, fb, compare(fa, fb))


def test_normalise_folds_case_punctuation_accents_markup_latex_and_hyphenation():
    assert normalise_title("Über <i>Multi-Modal</i> Learning: a {\\'E}tude!") == "uber multimodal learning a etude"
    assert normalise_title("\\emph{Regres- sion} Free & Fast") == "regression free and fast"
    assert normalise_title("Self-Supervised") == normalise_title("selfsupervised")


def test_part_markers_read_numbers_roman_parts_and_versions():
    assert part_markers(normalise_title("Learning Widgets, Part II")) == {"ii"}
    assert part_markers(normalise_title("Widget Nets v2 for 3D Scenes")) == {"2", "3"}
    assert part_markers(normalise_title("Part I: Widget Theory")) == {"i"}
    assert part_markers(normalise_title("A Survey of Widgets")) == frozenset()


def test_same_arxiv_id_with_clearly_different_titles_stays_apart():
    a = mention("Gradient Lenses for Sparse Widget Tracking", arxiv="2101.00001")
    b = mention("Contrastive Pretraining of Tiny Language Gardens", arxiv="2101.00001")
    merged, rule, borderline = judge(a, b)
    assert not merged and borderline
    assert "reused link" in rule


def test_same_arxiv_id_with_agreeing_titles_merges():
    a = mention("Gradient Lenses for Sparse Widget Tracking", arxiv="2101.00001", year=2021)
    b = mention("Gradient Lenses for Sparse and Dense Widget Tracking", arxiv="2101.00001v2", year=2022)
    merged, rule, _ = judge(a, b)
    assert merged and "same arxiv id" in rule


def test_part_one_and_part_two_stay_apart():
    merged, rule, _ = judge(mention("Widget Theory of Everything, Part I"),
                            mention("Widget Theory of Everything, Part II"))
    assert not merged and "part markers" in rule


def test_version_numbers_keep_papers_apart():
    merged, _, _ = judge(mention("WidgetNet v2: Faster Widget Detection"),
                         mention("WidgetNet v3: Faster Widget Detection"))
    assert not merged


def test_typo_and_case_variants_merge_on_title_alone():
    merged, rule, _ = judge(mention("Gradient Lenses for Sparse Widget Tracking in the Wild"),
                            mention("gradient lenses for sparse widget trackng in the wild"))
    assert merged and rule == "near-identical titles"


def test_similar_titles_need_shared_authors_and_year():
    title_a = "Discover and Mitigate Unknown Widgets with Alternate Networks"
    title_b = "Discovering and Mitigating Unknown Widgets using Alternate Networks"
    authors = [Person("Li", "Ada"), Person("Chen", "Bo")]
    merged, _, borderline = judge(mention(title_a), mention(title_b))
    assert not merged and borderline
    merged, rule, _ = judge(mention(title_a, authors=authors, year=2022),
                            mention(title_b, authors=[Person("Li", "A."), Person("Chen", "B.")], year=2022))
    assert merged and "shared authors" in rule


def test_clearly_different_author_lists_keep_equal_titles_apart():
    a = mention("A Survey of Widgets", authors=[Person("Li", "Ada"), Person("Chen", "Bo")])
    b = mention("A Survey of Widgets", authors=[Person("Novak", "Jan"), Person("Silva", "Rui")])
    merged, rule, _ = judge(a, b)
    assert not merged and rule == "author lists clearly differ"


def test_initials_and_et_al_do_not_count_as_different_authors():
    a = mention("A Survey of Widgets", authors=[Person("Li", "Ada"), Person("Chen", "Bo"), Person("Novak", "Jan")])
    b = mention("A Survey of Widgets", authors=[Person("Li", "A."), Person(literal="Bo Chen"), OTHERS])
    assert judge(a, b)[0]


def test_years_far_apart_keep_equal_looking_titles_apart():
    merged, rule, _ = judge(mention("Widget Tracking with Gradient Lenses Today", year=2012),
                            mention("Widget Tracking with Gradient Lenses Today", year=2021))
    assert not merged
    assert conflict(features(mention("Widget Tracking", year=2012)), features(mention("Widget Tracking", year=2021)))


def test_acronym_title_joins_its_full_title_only_with_a_shared_id():
    full = mention("NUTA: Non-uniform Temporal Aggregation for Widgets", arxiv="2012.08041")
    merged, rule, _ = judge(mention("NUTA", arxiv="2012.08041"), full)
    assert merged and "acronym" in rule
    assert not judge(mention("NUTA"), full)[0]
    # the acronym alone cannot show the full title's numbers (``3D``)
    full_3d = mention("NUTA: Non-uniform 3D Temporal Aggregation for Widgets", arxiv="2012.08041")
    merged, rule, _ = judge(mention("NUTA", arxiv="2012.08041"), full_3d)
    assert merged and "acronym" in rule
    assert not conflict(features(mention("NUTA", arxiv="2012.08041")), features(full_3d))


def test_same_page_and_label_merges_reworded_titles():
    a = mention("Hot Widgets with Regression-Alleviating Compatible Training", line=3, label="1")
    b = mention("Hot Widgets with Regression-Free Compatible Training", line=30, label="1")
    merged, rule, _ = judge(a, b)
    assert merged and "label" in rule
    other_page = mention("Hot Widgets with Regression-Free Compatible Training", path="b.md", label="1")
    assert judge(a, other_page)[1] != rule


def test_different_arxiv_ids_need_a_near_exact_title():
    a = mention("Gradient Lenses for Sparse Widget Tracking", arxiv="2101.00001")
    assert judge(a, mention("Gradient Lenses for Sparse Widget Tracking", arxiv="2101.00002"))[0]
    merged, rule, _ = judge(a, mention("Gradient Lenses for Sparse Widget Trackers", arxiv="2101.00002"))
    assert not merged and "different arxiv ids" in rule


def test_arxiv_doi_counts_as_the_arxiv_id():
    a = features(mention("Widgets", doi="10.48550/arXiv.2101.00001"))
    assert a.arxiv == "2101.00001" and a.doi == ""


def test_acronym_title_also_opens_a_full_title_written_without_its_colon():
    short = features(mention("NUTA", arxiv="2012.08041"))
    full = features(mention("NUTA Non-uniform Temporal Aggregation for Widgets", arxiv="2012.08041"))
    assert decide(short, full, compare(short, full))[0]
    assert not conflict(short, full)


def test_single_author_with_nobody_in_common_is_a_clash():
    a = mention("Gradient Lenses for Sparse Widget Tracking", authors=[Person("Ninbu", "Ada")])
    b = mention("Gradient Lenses for Sparse Widget Tracking", authors=[Person("Li", "Bo"), Person("Chen", "Jan")])
    assert not judge(a, b)[0]


def test_swapped_content_word_is_named_and_keeps_titles_apart():
    from pubexport.match import swapped_words
    assert swapped_words("sparse widget lenses for image tracking", "sparse widget lenses for video tracking") == (
        "image", "video")
    assert swapped_words("supervised widget learning", "unsupervised widget learning") == (
        "supervised", "unsupervised")
    merged, rule, borderline = judge(mention("Single-View Widget Reconstruction in the Wild", line=1),
                                     mention("Multi-View Widget Reconstruction in the Wild", line=1, path="b.md"))
    assert not merged and borderline and rule == "titles differ in a content word (singleview / multiview)"


def test_typos_endings_hyphens_and_function_words_are_no_swap():
    from pubexport.match import swapped_words
    assert swapped_words("widget trackng in the wild", "widget tracking in the wild") is None
    assert swapped_words("discover widgets with gadgets", "discovering widgets using gadgets") is None
    assert swapped_words("multi modal widgets", "multimodal widgets") is None
    assert swapped_words("towards widget search", "toward widget search") is None
    # two pages each mistyping "robust", one dropping a letter, one doubling another
    assert swapped_words("robst widget search", "robusst widget search") is None
    assert swapped_words("widget lasos search", "widget lansso search") is None
    assert swapped_words("graph widget search", "grasp widget search") == ("graph", "grasp")
    # a word the title gives twice: its second spelling mistyped is a typo, swapped is a swap
    assert swapped_words("widget recognition deep recognition multi modal",
                         "widget recognition deep recognitin multimodal") is None
    assert swapped_words("widget video search video", "widget video search image") == ("video", "image")


def test_venue_badge_author_is_no_author():
    from pubexport.match import is_plausible_name
    assert not is_plausible_name(Person(literal="WWW 2020"))
    assert not is_plausible_name(Person("2023 Tutorial", "KDD"))
    assert is_plausible_name(Person("Okafor", "Uma"))
