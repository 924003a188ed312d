"""The BibTeX writer: entry types, names, case protection, escaping, arXiv fields, --ascii, notes."""
from __future__ import annotations

import io
import re

import bibtexparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from output_records import INJECTION_TITLE, sample_records

from pubexport.bibtex import format_names, to_entry, write_bibtex
from pubexport.latex import clean, escape, protect_title, to_text
from pubexport.models import (ARTICLE_JOURNAL, BOOK, CHAPTER, OTHERS, PAPER_CONFERENCE, PATENT, PREPRINT, REPORT,
                              THESIS, UNKNOWN, Person, Record)

AUTHORS = [Person("Li", "Zhiheng"), Person("Xu", "Chenliang")]


def bib(records, **options) -> str:
    buf = io.StringIO()
    write_bibtex(records, buf, **options)
    return buf.getvalue()


def fields(record: Record, **options) -> dict[str, str]:
    """The written fields of one record, without their enclosing braces."""
    if not record.key:
        record.key = "k"
    entry = to_entry(record, **options)
    return {"@type": entry.entry_type, **{f.key: f.value[1:-1] for f in entry.fields}}


def braces_balance(text: str) -> bool:
    """As BibTeX counts them: every brace, escaped or not."""
    depth = 0
    for char in text:
        depth += char == "{"
        depth -= char == "}"
        if depth < 0:
            return False
    return depth == 0


# --- entry types ------------------------------------------------------------------------------

@pytest.mark.parametrize("kind, extra, entry_type, venue_field", [
    (PAPER_CONFERENCE, {"venue": "Conference on Things"}, "inproceedings", "booktitle"),
    (ARTICLE_JOURNAL, {"venue": "Journal of Things"}, "article", "journal"),
    (PREPRINT, {"arxiv": "2104.00969"}, "misc", "howpublished"),
    (PATENT, {"number": "US 11,123,456 B2"}, "patent", "number"),
    (REPORT, {"publisher": "Example Labs"}, "techreport", "institution"),
    (THESIS, {"publisher": "Example University"}, "phdthesis", "school"),
    (BOOK, {"publisher": "Example Press"}, "book", "publisher"),
    (CHAPTER, {"venue": "Handbook of Things", "publisher": "Example Press"}, "incollection", "booktitle"),
    (UNKNOWN, {"venue": "Somewhere"}, "misc", "howpublished"),
])
def test_entry_type_follows_record_type(kind, extra, entry_type, venue_field):
    f = fields(Record(title="A Title", authors=AUTHORS, year=2020, type=kind, **extra))
    assert f["@type"] == entry_type
    assert f[venue_field]


@pytest.mark.parametrize("kind, entry_type", [(PAPER_CONFERENCE, "inproceedings"), (ARTICLE_JOURNAL, "article"),
                                               (REPORT, "techreport"), (THESIS, "phdthesis"), (BOOK, "book"),
                                               (CHAPTER, "incollection"), (PATENT, "patent")])
@pytest.mark.parametrize("missing", ["venue", "year", "authors"])
def test_a_record_missing_a_required_field_keeps_its_entry_type(kind, entry_type, missing):
    """Zotero's BibTeX import (zotero/translators BibTeX.js, bibtex2zoteroTypeMap) reads each type
    back as its item type, and @misc as a generic item: a style's warning about the empty field
    is the better loss."""
    record = Record(title="A Title", authors=AUTHORS, year=2020, venue="Conference on Things", type=kind)
    setattr(record, missing, [] if missing == "authors" else None if missing == "year" else "")
    assert fields(record)["@type"] == entry_type


def test_a_patent_is_an_at_patent_with_its_number_and_prints_it_as_misc():
    f = fields(Record(title="A Method", authors=AUTHORS, year=2021, type=PATENT, number="CN114567890A"))
    assert (f["@type"], f["number"], f["howpublished"]) == ("patent", "CN114567890A", "Patent {CN114567890A}")


def test_entry_without_authors_gets_a_sort_key():
    f = fields(Record(title="Untitled Things", year=2020))
    assert "author" not in f and f["key"] == "Untitled Things"


def test_conference_venue_carries_its_acronym_once():
    f = fields(Record(title="T", authors=AUTHORS, year=2022, type=PAPER_CONFERENCE,
                      venue="Conference on Computer Vision and Pattern Recognition", venue_acronym="CVPR"))
    assert f["booktitle"] == "Conference on Computer Vision and Pattern Recognition ({CVPR})"
    f = fields(Record(title="T", authors=AUTHORS, year=2022, type=PAPER_CONFERENCE, venue_acronym="CVPR"))
    assert f["booktitle"] == "{CVPR}"


def test_journal_acronym_goes_to_shortjournal():
    f = fields(Record(title="T", authors=AUTHORS, year=2021, type=ARTICLE_JOURNAL,
                      venue="IEEE Transactions on Multimedia", venue_acronym="TMM", volume="23", issue="4",
                      pages="1–10"))
    assert (f["journal"], f["shortjournal"], f["volume"], f["number"], f["pages"]) == \
        ("{IEEE} Transactions on Multimedia", "TMM", "23", "4", "1--10")


def test_arxiv_venue_makes_a_preprint():
    f = fields(Record(title="T", authors=AUTHORS, year=2021, type=ARTICLE_JOURNAL, venue="arXiv preprint",
                      arxiv="2104.00969"))
    assert f["@type"] == "misc" and f["howpublished"] == "{arXiv} preprint {arXiv:2104.00969}"


# --- names ------------------------------------------------------------------------------------

def test_authors_are_family_comma_given_joined_by_and_with_others_for_et_al():
    people = [Person("Müller", "Jörg"), Person("van der Berg", "Jan"), Person(literal="Amazon AGI"), OTHERS]
    assert format_names(people) == "Müller, Jörg and van der Berg, Jan and {Amazon AGI} and others"


def test_name_parts_bibtex_would_split_are_braced():
    assert format_names([Person("Barnes and Noble", "Inc")]) == "{Barnes and Noble}, Inc"
    assert format_names([Person("Doe", "John, Jr.")]) == "Doe, {John, Jr.}"
    assert format_names([Person("García Márquez")]) == "{García Márquez}"


def test_names_are_read_back_by_bibtex_rules():
    people = [Person("Müller", "Jörg"), Person("van der Berg", "Jan"), Person("de la Fontaine", "Jean-Pierre"),
              Person("O'Neil", "Siobhán"), Person(literal="Amazon AGI")]
    from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names

    parts = [parse_single_name_into_parts(n) for n in split_multiple_persons_names(format_names(people))]
    assert [" ".join(p.von + p.last) for p in parts] == \
        ["Müller", "van der Berg", "de la Fontaine", "O'Neil", "{Amazon AGI}"]
    assert [" ".join(p.first) for p in parts] == ["Jörg", "Jan", "Jean-Pierre", "Siobhán", ""]


# --- titles -----------------------------------------------------------------------------------

def test_acronyms_and_mixed_case_words_are_protected_word_by_word():
    title = protect_title("StyleT2I: Text-to-Image Synthesis with GNNs on the iPhone in 3D for CVPR")
    assert title == "{StyleT2I}: Text-to-Image Synthesis with {GNNs} on the {iPhone} in {3D} for {CVPR}"


def test_title_is_never_braced_whole():
    assert not protect_title("GNN").startswith("{{")
    assert protect_title("Plain Title Case Words") == "Plain Title Case Words"


def test_capitalised_names_in_a_sentence_case_title_are_protected():
    assert protect_title("Learning with Gaussian processes in Zürich") == \
        "Learning with {Gaussian} processes in {Zürich}"


def test_hyphenated_parts_are_protected_alone():
    assert protect_title("Video-LLaMA and Context-Aware Models") == "Video-{LLaMA} and Context-Aware Models"


# --- escaping ---------------------------------------------------------------------------------

def test_latex_specials_are_escaped():
    assert escape(r"& % $ # _ { } ~ ^ \ ") .strip() == \
        r"\& \% \$ \# \_ \{ \} \textasciitilde{} \textasciicircum{} \textbackslash{}"


def test_lone_braces_are_written_without_braces():
    assert escape("a } b {") == r"a \textbraceright{} b \textbraceleft{}"


def test_url_and_doi_are_verbatim():
    f = fields(Record(title="T", doi="10.1000/a_b%c#d", urls=["https://x.org/a_b%20c?q=1&r=~2#f"]))
    assert f["doi"] == "10.1000/a_b%c#d"
    assert f["url"] == "https://x.org/a_b%20c?q=1&r=~2#f"


def test_braces_in_a_url_cannot_unbalance_the_entry():
    f = fields(Record(title="T", urls=["https://x.org/{a}}b\\c d"]))
    assert f["url"] == "https://x.org/%7Ba%7D%7Db%5Cc%20d"


def test_injection_title_is_inert():
    title = fields(Record(title=INJECTION_TITLE))["title"]
    assert r"\input" not in title.replace(r"\textbackslash{}input", "")
    assert r"\write18" not in title.replace(r"\textbackslash{}write18", "")
    assert "^^" not in title and braces_balance(title)
    assert to_text(title) == INJECTION_TITLE


printable = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)


@settings(max_examples=300, deadline=None)
@given(printable)
def test_any_text_escapes_to_balanced_braces_and_reads_back_the_same(text):
    for escaped in (escape(clean(text)), protect_title(clean(text)), protect_title(clean(text), ascii_only=True)):
        assert braces_balance(escaped)
        assert to_text(escaped) == clean(text)


def test_ascii_mode_escapes_latin_letters_and_keeps_what_has_no_escape():
    text = "".join(chr(c) for c in range(0xC0, 0x180) if chr(c).isalpha())
    escaped = escape(text, ascii_only=True)
    assert to_text(escaped) == text
    # no LaTeX escape reads back as these: they stay UTF-8 rather than become another letter
    assert {c for c in escaped if not c.isascii()} == set("ĦħĸĿŀŉŦŧſ")


# --- arXiv, encoding, notes ------------------------------------------------------------------

def test_arxiv_fields_for_biblatex_and_zotero():
    f = fields(Record(title="T", authors=AUTHORS, year=2021, type=PREPRINT, arxiv="2104.00969", arxiv_class="cs.CV"))
    assert (f["eprint"], f["archiveprefix"], f["primaryclass"], f["eprinttype"]) == \
        ("2104.00969", "arXiv", "cs.CV", "arxiv")
    assert f["url"] == "https://arxiv.org/abs/2104.00969"


def test_utf8_by_default_and_latex_escapes_with_ascii():
    record = Record(title="Über café", authors=[Person("Đặng", "Siobhán")], year=2020)
    record.key = "k"
    assert "Über café" in bib([record]) and "Đặng, Siobhán" in bib([record])
    ascii_out = bib([record], ascii_only=True)
    assert ascii_out.isascii()
    assert r"{\'e}" in ascii_out and r"{\DJ}{\u{\d{a}}}ng" in ascii_out


def test_remarks_go_to_addendum_and_keywords_never_note():
    f = fields(Record(title="T", authors=AUTHORS, year=2022, type=PAPER_CONFERENCE, venue="Conference on Things",
                      notes=["Oral", "equal contribution"]))
    assert f["addendum"] == "Oral, equal contribution"
    assert f["keywords"] == "Oral, equal contribution"
    assert "note" not in f


# --- the whole file ---------------------------------------------------------------------------

def test_written_file_reads_back_with_bibtexparser_with_the_same_fields():
    records = sample_records()
    text = bib(records)
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    expected = {r.key: to_entry(r) for r in records}
    assert [e.key for e in library.entries] == [r.key for r in records]
    for entry in library.entries:
        assert entry.entry_type == expected[entry.key].entry_type
        assert {f.key: f.value for f in entry.fields} == \
            {f.key: f.value[1:-1] for f in expected[entry.key].fields}


def test_every_written_value_balances():
    for value in re.findall(r"^  \w+ = (.*),$", bib(sample_records()) + bib(sample_records(), ascii_only=True),
                            re.MULTILINE):
        assert braces_balance(value), value


# Zotero's BibTeX import (zotero/translators BibTeX.js @d2d7747b): bibtex2zoteroTypeMap, and the
# fields it reads into the item type (shortjournal -> journalAbbreviation via inputFieldMap; number
# -> patentNumber for a patent, reportNumber for a report; eprint + eprinttype arxiv -> Extra).
ZOTERO_BIBTEX_TYPES = {"inproceedings": "conferencePaper", "article": "journalArticle", "patent": "patent",
                       "techreport": "report", "phdthesis": "thesis", "mastersthesis": "thesis", "book": "book",
                       "incollection": "bookSection"}


@pytest.mark.parametrize("kind, zotero_type", [
    (PAPER_CONFERENCE, "conferencePaper"), (ARTICLE_JOURNAL, "journalArticle"), (PATENT, "patent"),
    (REPORT, "report"), (THESIS, "thesis"), (BOOK, "book"), (CHAPTER, "bookSection")])
def test_every_typed_record_imports_into_zotero_as_its_type_even_with_nothing_but_a_title(kind, zotero_type):
    assert ZOTERO_BIBTEX_TYPES[fields(Record(title="A Title", type=kind))["@type"]] == zotero_type


def test_the_fields_zotero_reads_carry_acronym_number_and_arxiv_id():
    article = fields(Record(title="T", authors=AUTHORS, year=2020, type=ARTICLE_JOURNAL, venue="Journal of Things",
                            venue_acronym="JoT", arxiv="2104.00969"))
    assert (article["shortjournal"], article["eprint"], article["eprinttype"]) == ("JoT", "2104.00969", "arxiv")
    assert fields(Record(title="T", type=PATENT, number="US 1"))["number"] == "US 1"
    assert fields(Record(title="T", type=REPORT, number="TR-7"))["number"] == "TR-7"


def test_written_in_chunks_the_file_is_the_same_as_written_at_once(monkeypatch):
    from pubexport import bibtex

    whole = bib(sample_records())
    monkeypatch.setattr(bibtex, "WRITE_CHUNK", 2)
    chunked = bib(sample_records())
    assert chunked == whole
    assert len(bibtexparser.parse_string(chunked).entries) == len(sample_records())
