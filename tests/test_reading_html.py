"""The HTML reader: a real HTML5 parse into the block tree, read as a browser shows the page,
every line traced to its source line. Pages here are fictional, in the shapes of real ones."""
import logging
import re
from pathlib import Path

import pytest

from pubexport.reading import html
from pubexport.reading.blocks import render_lines

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "profiles"


def lines_of(page: str) -> list[tuple[int, str]]:
    return [(line.number, line.text) for line in render_lines(html.read(page)) if line.text]


def texts_of(page: str) -> list[str]:
    return [text for _, text in lines_of(page)]


def test_scripts_styles_navigation_forms_footers_comments_and_hidden_elements_are_not_read():
    page = """<html><head><title>Ann Lee</title><style>p { color: red }</style>
<script>window.dataLayer.push(arguments)</script></head><body>
<header><nav><a href="/">home</a> <a href="/cv">cv</a></nav></header>
<noscript>Enable JavaScript</noscript><form><button>Search</button></form>
<h2>Publications</h2>
<!-- <p>Old Paper That Is Gone. ICML 2010</p> -->
<p hidden>hidden</p><p style="display: none">none</p><p aria-hidden="true">aria</p>
<div class="abstract hidden"><p>An abstract shown by a script.</p></div>
<p>Sparse Voxel Fields&nbsp;&amp;   Light. CVPR 2023</p>
<footer>&copy; 2024 Ann Lee. Powered by Jekyll.</footer>
</body></html>"""
    assert lines_of(page) == [(5, "## Publications"), (9, "Sparse Voxel Fields & Light. CVPR 2023")]


def test_a_header_without_a_menu_heads_the_content():
    page = '<div class="post"><header class="post-header"><h1>publications</h1></header><p>A Paper. ICML 2020</p></div>'
    assert texts_of(page) == ["# publications", "A Paper. ICML 2020"]


def test_list_items_keep_their_lines_marks_and_nested_field_lines():
    page = """<ul>
  <li><b><a href="https://x.org/p1">Neural Light Transport</a></b><br>
    <em>Ann Lee</em>, Bo Wu
    <ul><li>NeurIPS, 2021</li></ul>
  </li>
  <li><a href="https://x.org/p2">Soft Shadows</a>. <i>TPAMI</i>, 2023</li>
</ul>"""
    assert lines_of(page) == [
        (2, "- **[Neural Light Transport](https://x.org/p1)**"),
        (3, "*Ann Lee*, Bo Wu"),
        (4, "NeurIPS, 2021"),
        (6, "- [Soft Shadows](https://x.org/p2). *TPAMI*, 2023"),
    ]


def test_a_long_author_list_nested_under_a_title_is_its_field_and_nested_papers_are_entries():
    page = """<ul>
  <li><a href="https://x.org/p1">Quiet Widgets for Dense Cities and Sparse Towns</a><br>
    <ul><li>Ann Lee, Bo Wu, Cy Diallo, <strong>Dee Okafor</strong>, Eve Marchetti, Fay Sato, Gil Novak, Hana Osei,
    and Ivo Brandt</li>
    <li>Proceedings of the Annual Meeting of the Widget Design Society (WDS), July 2018</li></ul>
  </li>
  <li>Widgets
    <ul><li>Ann Lee and Bo Wu. Quiet Widgets for Dense Cities and Their Sparse Towns. In WDS, 2018.</li>
    <li>Bo Wu, Ann Lee. Loud Widgets for the Sparse Towns of the North. In WDS, 2019.</li></ul>
  </li>
</ul>"""
    assert lines_of(page) == [
        (2, "- [Quiet Widgets for Dense Cities and Sparse Towns](https://x.org/p1)"),
        (3, "Ann Lee, Bo Wu, Cy Diallo, **Dee Okafor**, Eve Marchetti, Fay Sato, Gil Novak, Hana Osei, and Ivo Brandt"),
        (5, "Proceedings of the Annual Meeting of the Widget Design Society (WDS), July 2018"),
        (7, "- Widgets"),
        (8, "- Ann Lee and Bo Wu. Quiet Widgets for Dense Cities and Their Sparse Towns. In WDS, 2018."),
        (9, "- Bo Wu, Ann Lee. Loud Widgets for the Sparse Towns of the North. In WDS, 2019."),
    ]


def test_a_paper_written_as_one_div_per_field_is_one_entry():
    page = """<div class="pub">
<div class="title">Learning Soft Shadows</div>
<div class="authors">Rafael Ortiz, Ann Lee</div>
<div class="venue">CVPR 2023</div>
</div>"""
    assert lines_of(page) == [(2, "- Learning Soft Shadows"), (3, "Rafael Ortiz, Ann Lee"), (4, "CVPR 2023")]


def test_paragraphs_of_whole_references_in_one_div_are_one_entry_each():
    page = """<div class="content">
<p>Rafael Ortiz, Ann Lee. Learning soft shadows from one image. CVPR, 2023.</p>
<p>Ann Lee. Fast relighting of indoor scenes with priors. ECCV, 2022.</p>
</div>"""
    assert lines_of(page) == [(2, "Rafael Ortiz, Ann Lee. Learning soft shadows from one image. CVPR, 2023."),
                              (3, "Ann Lee. Fast relighting of indoor scenes with priors. ECCV, 2022.")]


def test_sibling_divs_repeating_a_title_rest_pattern_are_one_entry_each():
    page = """<h2>Publications</h2>
<div class="paper_title">Graph Parsing in Context</div>
<div class="paper_rest">Ann Lee, Bo Wu<br><i>ACL 2020.</i></div>
<br>
<div class="paper_title">Tables to Text</div>
<div class="paper_rest">Bo Wu<br><i>EMNLP 2019.</i></div>"""
    assert texts_of(page) == ["## Publications",
                              "- Graph Parsing in Context", "Ann Lee, Bo Wu", "*ACL 2020.*",
                              "- Tables to Text", "Bo Wu", "*EMNLP 2019.*"]


def test_a_table_row_per_paper_is_one_entry_with_its_cells_in_columns():
    page = """<table><tr><th>Year</th><th>Paper</th></tr>
<tr><td>2021</td><td><a href="u">Liver Lobule Models</a>, Lee A, Wu B. J Theor Biol.</td></tr></table>"""
    # (a date cell beside a long entry is read after it, as a reference carries its year)
    assert texts_of(page) == ["- Year | Paper", "- [Liver Lobule Models](u), Lee A, Wu B. J Theor Biol. (2021)"]


def test_a_badge_column_beside_a_record_is_read_after_it_and_a_label_column_starts_its_line():
    alfolio = """<ol><li><div class="row"><div class="col-sm-2 abbr"><abbr class="badge">CVPR</abbr></div>
<div class="col-sm-8"><div class="title">Sparse Voxel Fields</div><div class="author">Ann Lee</div>
<div class="periodical"><em>CVPR</em>, 2023</div></div></div></li></ol>"""
    assert texts_of(alfolio) == ["- Sparse Voxel Fields", "Ann Lee", "*CVPR*, 2023", "CVPR"]
    csl = """<div class="csl-entry"><div class="csl-left-margin">[1] </div><div class="csl-right-inline">A.
Lee and B. Wu, <span>“Near-optimal fields.”</span> In submission.</div></div>"""
    assert texts_of(csl) == ["- [1] A. Lee and B. Wu, “Near-optimal fields.” In submission."]


def test_a_hidden_bibtex_block_is_read_as_the_link_to_its_doi_and_nothing_else_hidden_is():
    entry = """<ol><li><div class="title">Sparse Voxel Fields</div><div class="author">Ann Lee</div>
<div class="links"><a class="bibtex btn">Bib</a></div>
<div class="abstract hidden"><p>Improves on doi = {10.5555/other.1} by far.</p></div>
<div class="bibtex hidden"><pre><code>@inproceedings{lee2023sparse,
  title = {Sparse Voxel Fields},
  doi = {10.5555/svf.2023.7},
}</code></pre></div></li></ol>"""
    assert lines_of(entry) == [(1, "- Sparse Voxel Fields"), (1, "Ann Lee"), (2, "Bib"),
                               (4, "[DOI](https://doi.org/10.5555/svf.2023.7)")]


def test_classed_spans_written_back_to_back_are_read_apart():
    item = ('<ul><li><span class="badge">WDC 2021</span> <strong><a href="/swe">Spherical Widget Embedding</a></strong>'
            '<span class="pub-authors"><strong>Ann Lee</strong>, Bo Wu.</span><span class="pub-meta">Widget Design '
            'Conference (WDC), 2021</span> and Cy<span class="x">Z</span></li></ul>')
    assert texts_of(item) == ["- WDC 2021 **[Spherical Widget Embedding](/swe)** **Ann Lee**, Bo Wu. "
                              "Widget Design Conference (WDC), 2021 and CyZ"]


def test_a_heading_left_open_around_a_list_is_its_own_heading_and_the_blocks_it_holds():
    page = "<h4><ul><p><section><h3>2025</h3><p>A Paper. ICML 2025</p></section></ul></h4>"
    assert texts_of(page) == ["### 2025", "A Paper. ICML 2025"]


def test_a_definition_list_gives_an_entry_per_term():
    page = "<dl><dt>2022</dt><dd><b>Title One</b>, Journal A</dd><dt>2021</dt><dd><b>Title Two</b>, Journal B</dd></dl>"
    assert texts_of(page) == ["- 2022", "**Title One**, Journal A", "- 2021", "**Title Two**, Journal B"]


def test_neighbouring_bold_elements_stay_apart_and_emphasis_holds_its_link():
    page = '<h2>Papers</h2><p><strong><a href="u">Spherical Embedding</a></strong><span><strong>Ann Lee</strong>, ' \
           'Bo Wu</span></p><h2>Thesis</h2><p><em><a href="v">A Title</a>.</em> ICML.</p>'
    assert texts_of(page) == ["## Papers", "**[Spherical Embedding](u)****Ann Lee**, Bo Wu",
                              "## Thesis", "*[A Title](v).* ICML."]


def test_front_matter_and_liquid_tags_are_blanked_keeping_line_numbers():
    page = '---\nlayout: page\n---\n<h2>Papers</h2>\n<p><a href="{{ site.url }}/p.pdf">A Paper</a>{% if x %}{% endif %}</p>'
    assert lines_of(page) == [(4, "## Papers"), (5, "[A Paper](/p.pdf)")]


def test_mojibake_is_undone_before_parsing():
    assert texts_of("<p>Bachelorâ€™s Thesis</p>") == ["Bachelor’s Thesis"]


def test_a_minified_page_on_one_long_line_keeps_every_item_on_line_one():
    item = '<li><a href="https://x.org/{0}">Paper {0} Title</a><br><b>Ann Lee</b>, Bo Wu<br>ICML, 2020</li>'
    page = "<ul>" + "".join(item.format(n) for n in range(5000)) + "</ul>"
    lines = render_lines(html.read(page))
    texts = [line.text for line in lines if line.text]
    assert texts.count("**Ann Lee**, Bo Wu") == texts.count("ICML, 2020") == 5000
    assert {line.number for line in lines} == {1}


def test_thousands_of_unclosed_elements_are_read_as_text_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="pubexport"):
        lines = render_lines(html.read("<div>" * 20_000 + "A Paper. ICML 2020\n<b>" * 3))
    assert [line.text for line in lines if line.text] == ["A Paper. ICML 2020"] * 3
    assert "unclosed elements" in caplog.text


def test_a_tree_deeper_than_the_walk_reads_the_rest_flat():
    page = "<blockquote>" * 400 + "Deep <b>text</b>" + "</blockquote>" * 400
    assert texts_of(page) == ["Deep text"]


@pytest.mark.parametrize("junk", ["\x00\x01<\x02>&#0;" * 1000, "<a" * 50_000, "<p>a</p><!-- open", "<script>" * 3])
def test_junk_is_read_without_error(junk):
    render_lines(html.read(junk))


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the development corpus (../shared) is not here")
def test_every_line_of_the_corpus_html_pages_is_traced_to_the_source_line_it_starts_on():
    word = re.compile(r"[^\W\d_]{4,}")
    checked = found = 0
    for path in sorted(CORPUS.glob("*.html")):
        source = path.read_text(encoding="utf-8", errors="replace").split("\n")
        for line in render_lines(html.read(path.read_text(encoding="utf-8", errors="replace"))):
            words = word.findall(re.sub(r"\]\([^)]*\)", "]", line.text))
            if words:
                checked += 1
                found += words[0] in __import__("html").unescape(source[line.number - 1])
    assert checked > 300 and found / checked > 0.9  # (the rest: a line whose first word sits on the next source line)
