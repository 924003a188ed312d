"""The field model's pieces: tokens keep their markup, labels are projected from known fields,
and the shipped model reads a venue badge line as a venue, not as authors."""
import pytest

from pubexport.fields.align import label_tokens
from pubexport.fields.model import available
from pubexport.fields.tokens import tokenise
from pubexport.models import Entry, Source
from pubexport.parser import parse_entry


def test_tokens_keep_bold_italic_and_link_marks():
    tokens, plain = tokenise("**Quiet Graphs**\n*Proc. SOSP* [PDF](https://example.org/q.pdf)")
    assert plain == "Quiet Graphs\nProc. SOSP PDF"
    marks = {t.text: (t.bold, t.italic, t.link, t.line) for t in tokens}
    assert marks["Quiet"] == (True, False, False, 0)
    assert marks["SOSP"] == (False, True, False, 1)
    assert marks["PDF"] == (False, False, True, 1)
    assert all(plain[t.start:t.end] == t.text for t in tokens)


def test_labels_projected_from_an_apa_reference():
    tokens, plain = tokenise("Doe, J., & Kumar, R. (2021). Quiet graphs of the web. Journal of Quiet Systems, 12.")
    record = {"title": "Quiet graphs of the web", "authors": ["Jane Doe", "Ravi Kumar"],
              "venue": "Journal of Quiet Systems", "year": 2021}
    labels = dict(zip((t.text for t in tokens), label_tokens(tokens, plain, record)))
    assert labels["Doe"] == labels["R."] == "author"
    assert labels["graphs"] == "title"
    assert labels["Systems"] == "venue"
    assert labels["2021"] == "year"


def test_labels_take_undotted_hyphen_initials_and_glued_initials_as_author():
    tokens, plain = tokenise("Doe, J., & Marin, P-Y. (2021). Quiet graphs of the web. Journal of Quiet Systems.")
    record = {"title": "Quiet graphs of the web", "authors": ["Jane Doe", "Pierre-Yves Marin"]}
    labels = dict(zip((t.text for t in tokens), label_tokens(tokens, plain, record)))
    assert labels["Doe"] == labels["Marin"] == labels["P-Y."] == "author"
    tokens, plain = tokenise('"Quiet graphs of the web", J.Doe, R.Kumar, *Journal of Quiet Systems*')
    record = {"title": "Quiet graphs of the web", "authors": ["J. Doe", "R. Kumar"]}
    labels = dict(zip((t.text for t in tokens), label_tokens(tokens, plain, record)))
    assert labels["J.Doe"] == labels["R.Kumar"] == "author"


@pytest.mark.skipif(not available(), reason="no field model built")
def test_venue_badge_line_is_no_author_list():
    entry = Entry(text="**WWW 2020**\n[Graph Models of the Web at Scale](https://example.org/p.pdf)\n"
                       "Jane Doe, Ravi Kumar", source=Source("page.md", 1), shape="list")
    (mention,) = parse_entry(entry)
    assert mention.title == "Graph Models of the Web at Scale"
    assert [a.display() for a in mention.authors] == ["Jane Doe", "Ravi Kumar"]
    assert mention.year == 2020


@pytest.mark.skipif(not available(), reason="no field model built")
def test_a_lone_word_is_no_paper_whatever_the_model_labels_it():
    for text in ("7. Quorvex:", "- Quorvex."):
        entry = Entry(text=text, source=Source("page.md", 1), shape="list")
        assert parse_entry(entry) == []
