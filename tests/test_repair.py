"""Text repair (pages of kinds without a reader) keeps line numbers and rewrites markup into the
light markdown form; HTML and markdown pages are read by tests/test_reading_*.py."""
from pubexport.repair import Line, fix_mojibake, repair


def test_mojibake_of_utf8_read_as_cp1252_is_undone():
    assert fix_mojibake("Bachelorâ€™s Degree") == "Bachelor’s Degree"
    assert fix_mojibake("# ðŸ”¥ News") == "# 🔥 News"


def test_mojibake_with_lost_bytes_keeps_what_it_can_and_does_not_raise():
    broken = "CN1 [ã€Šä¸€ç§åŸºäºè‡ªé€‚åº”ã€‹](u)"
    fixed = fix_mojibake(broken)
    assert fixed.startswith("CN1 [《") and fixed.endswith("》](u)")


def test_front_matter_is_blanked_so_line_numbers_survive():
    lines = repair("---\ntitle: x\n---\n# Publications\n")
    assert lines[3] == Line(4, "# Publications")
    assert [line.text for line in lines[:3]] == ["", "", ""]


def test_html_tags_and_entities_become_markdown_on_the_original_line():
    lines = repair('<li><a href="https://x.org/p">A Title</a><br><b>Ann Lee</b>&emsp;&amp; Bo Li</li>', "text")
    texts = [line.text for line in lines if line.text]
    assert texts == ["- [A Title](https://x.org/p)", "**Ann Lee** & Bo Li"]
    assert {line.number for line in lines} == {1}


def test_underlined_owner_becomes_bold_once():
    assert repair("**<u>Chen Wu</u>**, Ann Lee")[0].text == "**Chen Wu**, Ann Lee"


def test_markdown_escapes_are_removed():
    assert repair(r"[Title](u) \| [[Code](c)] S. Su\*")[0].text == "[Title](u) | [[Code](c)] S. Su*"


def test_minified_page_on_one_long_line_keeps_every_item_and_leaves_unclosed_tags_unread():
    item = '<li>{1}<a href="https://x.org/{0}">Paper {0} Title</a><br><b>Ann Lee</b>, Bo Wu<br>ICML, 2020</li>'
    page = "<ul>" + "".join(item.format(n, "<em>" if n % 10 == 0 else "") for n in range(11_000)) + "</ul>"
    assert len(page) > 1_000_000  # one line, and 1,100 <em> that never close
    lines = repair(page, "text")
    texts = [line.text for line in lines if line.text]
    assert texts.count("**Ann Lee**, Bo Wu") == texts.count("ICML, 2020") == 11_000
    assert texts[:3] == ["- [Paper 0 Title](https://x.org/0)", "**Ann Lee**, Bo Wu", "ICML, 2020"]
    assert {line.number for line in lines} == {1}


def test_html_comments_go_and_an_unclosed_one_is_left_as_written():
    assert repair("a <!-- x --> b <!-- y --> c <!-- open", "text")[0].text == "a b c <!-- open"
    assert repair("a <!-- x --> b <!-- y -->", "text")[0].text == "a b"
