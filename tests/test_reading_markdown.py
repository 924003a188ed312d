"""The markdown reader: CommonMark (markdown-it) with its raw HTML read by the HTML reader, every
line traced to its source line. Pages here are fictional, in the shapes of real ones."""
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it.common.normalize_url import normalizeLink

from pubexport.reading import markdown
from pubexport.reading.blocks import render_lines


def lines_of(page: str) -> list[tuple[int, str]]:
    return [(line.number, line.text) for line in render_lines(markdown.read(page)) if line.text]


def texts_of(page: str) -> list[str]:
    return [text for _, text in lines_of(page)]


def test_soft_breaks_end_lines_except_inside_an_open_bold_or_link():
    page = """# Publications

* **Sparse Voxel Fields for
  Fast Relighting**
  Ann Lee, [Bo
  Wu](https://bo.example.org)
  *CVPR*, 2023
"""
    assert lines_of(page) == [(1, "# Publications"),
                              (3, "- **Sparse Voxel Fields for Fast Relighting**"),
                              (5, "Ann Lee, [Bo Wu](https://bo.example.org)"),
                              (7, "*CVPR*, 2023")]


def test_front_matter_franklin_headers_and_liquid_are_blanked_keeping_line_numbers():
    yaml = "---\nlayout: single\ntitle: Papers\n---\n\n## Journal\n\n1. [A Paper]({{ site.url }}/a.pdf), *JMLR* 2020\n"
    assert lines_of(yaml) == [(6, "## Journal"), (8, "- [A Paper](/a.pdf), *JMLR* 2020")]
    franklin = '+++\ntitle = "Papers"\n+++\n@def hascode = false\n\n### 2024\n\n**A Title**\\\nAnn Lee\n'
    assert lines_of(franklin) == [(6, "### 2024"), (8, "**A Title**"), (9, "Ann Lee")]


def test_html_blocks_nest_with_the_markdown_between_them():
    page = """## Publications

<div class='paper-box'><div class='paper-box-image'><div class="badge">ICML 2024</div></div>
<div class='paper-box-text' markdown="1">

**Learning to Relight.**
Ann Lee, Bo Wu.
*ICML 2024.*

</div>
</div>
"""
    assert lines_of(page) == [(1, "## Publications"), (6, "- **Learning to Relight.**"), (7, "Ann Lee, Bo Wu."),
                              (8, "*ICML 2024.*"), (3, "ICML 2024")]


def test_raw_html_inside_a_markdown_page_keeps_its_lines_and_inline_tags_fold_into_marks():
    page = """<h2>2024</h2>
<ul>
  <li><span class="badge">KDD</span> <strong><a href="https://arxiv.org/abs/2401.00001">Graph Prompts</a></strong>
  <span>Ann Lee, <b>Bo Wu</b></span></li>
</ul>

* A Survey of <i>Things</i>, <a href="u">Ann
  Lee</a><br>and Bo Wu
"""
    assert lines_of(page) == [(1, "## 2024"),
                              (3, "- KDD **[Graph Prompts](https://arxiv.org/abs/2401.00001)**"),
                              (4, "Ann Lee, **Bo Wu**"),
                              (7, "- A Survey of *Things*, [Ann Lee](u)"), (8, "and Bo Wu")]


def test_indented_html_after_a_blank_line_is_html_not_code():
    page = "<table>\n  <tr><td>2020</td>\n\n    <td><a href='u'>A Paper</a>, Lee A. J Biol.</td></tr>\n</table>\n"
    assert "[A Paper](u), Lee A. J Biol." in " ".join(texts_of(page))


def test_tables_and_definition_lists_give_one_entry_per_row_and_per_term():
    table = "| Venue | Title |\n|---|---|\n| ICML 2024 | A Paper |\n"
    assert texts_of(table) == ["- Venue | Title", "- ICML 2024 | A Paper"]
    deflist = "2022\n: **Title One**,\n  *Journal A*\n\n2021\n: **Title Two**, *Journal B*\n"
    assert lines_of(deflist) == [(1, "- 2022"), (2, "**Title One**,"), (3, "*Journal A*"),
                                 (5, "- 2021"), (6, "**Title Two**, *Journal B*")]


def test_comments_hide_what_they_hold():
    assert texts_of("## Papers\n\n<!--\n* Old Paper, ICML 2010\n-->\n* New Paper, ICML 2020\n") == [
        "## Papers", "- New Paper, ICML 2020"]


def test_a_page_over_the_chunk_size_is_read_in_pieces_with_its_line_numbers(monkeypatch):
    monkeypatch.setattr(markdown, "CHUNK_CHARS", 40)
    page = "".join(f"* Paper {n} Title, **Ann Lee**, ICML 2020\n\n" for n in range(1, 6))
    assert lines_of(page) == [(2 * n - 1, f"- Paper {n} Title, **Ann Lee**, ICML 2020") for n in range(1, 6)]


def test_junk_and_deep_nesting_are_read_without_error():
    for junk in ("\x00\x01*[_`" * 2000, "> " * 5000 + "x", "* " * 5000 + "x", "<div>" * 20_000, "[" * 50_000):
        render_lines(markdown.read(junk))


URL_SCHEMES = ["http://", "https://", "HTTPS://", "ftp://", "//", ""]
URL_HOSTS = ["example.org", "www.example.org", "Example.org", "xn--bcher-kva.de", "a..b", "-x.org", "a" * 70 + ".org",
             "b" * 60 + ("." + "c" * 60) * 4, "host:8080", "user@host.org", "bücher.de", "[::1]", ""]
URL_PIECES = ["/", "?", "#", "=", "&", "%", "%41", "%zz", "@", ":", "é", " ", "[", "]", "(", ")", "'", "~", "_", "+",
              ";", "!", "*", "$", ",", "\\", "|", "{", "`", "\"", "<", "abs", "2401.00001", "Paper.PDF", "-", "."]


@given(st.sampled_from(URL_SCHEMES), st.sampled_from(URL_HOSTS), st.sampled_from(["/", "?", "#", ""]),
       st.lists(st.sampled_from(URL_PIECES), max_size=8))
@example("https://", "example.org", "/", ["%zz"])
@example("https://", "example.org", "/", ["%"])
@example("http://", "example.org", "/", ["é", "|", " ", "@"])
@example("https://", "Example.org", "", [])
@settings(max_examples=1000, deadline=None)
def test_link_normalisation_shortcut_is_markdown_its(scheme, host, start, pieces):
    """Addresses the reader hands back unparsed are exactly those markdown-it gives back unchanged."""
    url = scheme + host + start + "".join(pieces)
    assert markdown.normalize_link(url) == normalizeLink(url)
