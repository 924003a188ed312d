"""Existing bibliographies (.bib, CSL-JSON) read as mentions; our own output reads back the same."""
from __future__ import annotations

import io
import json
import logging
from dataclasses import fields as dataclass_fields
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from click.testing import CliRunner
from output_records import sample_records

from pubexport.bibinput import mentions_from_bibliography
from pubexport.cli import main
from pubexport.models import (ARTICLE_JOURNAL, OTHERS, PAPER_CONFERENCE, PATENT, PREPRINT, REPORT, THESIS, UNKNOWN,
                              Document, Mention, Person, Record, Work)
from pubexport.pipeline import write_bibtex, write_csljson

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
WORK_FIELDS = [f.name for f in dataclass_fields(Work)]


def read_bib(text: str, path: str = "refs.bib") -> list[Mention]:
    return mentions_from_bibliography(Document(path, text, "bibtex"))


def read_csl(text: str, path: str = "refs.json") -> list[Mention]:
    return mentions_from_bibliography(Document(path, text, "csljson"))


def work(m: Work) -> dict:
    return {name: getattr(m, name) for name in WORK_FIELDS}


# --- BibTeX -----------------------------------------------------------------------------------

def test_bibtex_entry_becomes_a_mention_with_decoded_fields():
    [m] = read_bib(r"""% a comment
@inproceedings{li2022,
  author = {Li, Zhiheng and van der Berg, Jan and M{\"u}ller, J{\"o}rg and {Amazon AGI} and others},
  title = {{StyleT2I}: Towards {\'E}l{\'e}gant Synthesis \& More},
  booktitle = {Conference on Computer Vision and Pattern Recognition (CVPR)},
  year = 2022, pages = {18197--18207},
  doi = {https://doi.org/10.1109/CVPR.2022.1}, url = {https://x.org/a_b},
  eprint = {2203.15799v2}, archiveprefix = {arXiv}, primaryclass = {cs.CV},
  note = {Oral},
}""")
    assert m.title == "StyleT2I: Towards Élégant Synthesis & More"
    assert m.authors == [Person("Li", "Zhiheng"), Person("van der Berg", "Jan"), Person("Müller", "Jörg"),
                         Person(literal="Amazon AGI"), OTHERS]
    assert (m.type, m.venue, m.venue_acronym, m.year) == \
        (PAPER_CONFERENCE, "Conference on Computer Vision and Pattern Recognition", "CVPR", 2022)
    assert (m.pages, m.doi, m.urls) == ("18197-18207", "10.1109/CVPR.2022.1", ["https://x.org/a_b"])
    assert (m.arxiv, m.arxiv_class, m.notes) == ("2203.15799", "cs.CV", ["Oral"])
    assert (m.source.path, m.source.line) == ("refs.bib", 2)


@pytest.mark.parametrize("entry, kind, venue", [
    ("@article{a, title={T}, journal={Journal of Things}}", ARTICLE_JOURNAL, "Journal of Things"),
    ("@article{a, title={T}, journal={arXiv preprint arXiv:2104.00969}}", PREPRINT, ""),
    ("@misc{a, title={T}, howpublished={arXiv preprint arXiv:2104.00969}}", PREPRINT, ""),
    ("@misc{a, title={T}, eprint={2104.00969}, eprinttype={arxiv}}", PREPRINT, ""),
    ("@misc{a, title={T}, howpublished={Patent CN1234A}, number={CN1234A}}", PATENT, ""),
    ("@patent{a, title={T}, number={US 1}}", PATENT, ""),
    ("@techreport{a, title={T}, institution={Labs}}", REPORT, ""),
    ("@phdthesis{a, title={T}, school={Uni}}", THESIS, ""),
    ("@misc{a, title={T}, howpublished={Workshop on Things}}", UNKNOWN, "Workshop on Things"),
])
def test_entry_types_map_to_record_types(entry, kind, venue):
    [m] = read_bib(entry)
    assert (m.type, m.venue) == (kind, venue)


def test_arxiv_id_is_found_in_journal_text():
    [m] = read_bib("@article{a, title={T}, journal={arXiv preprint arXiv:2104.00969}}")
    assert m.arxiv == "2104.00969"


def test_broken_entry_is_warned_with_file_and_line_and_the_rest_is_read(caplog):
    text = "@article{a, title={First}\n@misc{b, title={Second}}\n@misc{c, author={Doe, J}}\n"
    with caplog.at_level(logging.WARNING, logger="pubexport"):
        mentions = read_bib(text)
    assert [m.title for m in mentions] == ["Second"]
    assert "refs.bib:1" in caplog.text and "refs.bib:3" in caplog.text


def test_repeated_key_is_still_read():
    assert [m.title for m in read_bib("@misc{a, title={One}}\n@misc{a, title={Two}}\n")] == ["One", "Two"]


# --- CSL-JSON ---------------------------------------------------------------------------------

def test_csl_item_becomes_a_mention_with_its_line():
    text = json.dumps([
        {"id": "a", "type": "paper-conference", "title": "T",
         "author": [{"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"}, {"literal": "others"}],
         "issued": {"date-parts": [[2022, 5]]}, "container-title": "Conference on Things",
         "container-title-short": "COT", "DOI": "10.1/x", "URL": "https://x.org",
         "custom": {"arxiv": "arXiv:2104.00969", "notes": ["Oral"]}},
        {"id": "b", "type": "article", "title": "P", "number": "arXiv:2203.15799", "publisher": "arXiv"},
    ], indent=1)
    a, b = read_csl(text)
    assert a.authors == [Person("van der Berg", "Jan"), OTHERS]
    assert (a.type, a.year, a.venue, a.venue_acronym, a.doi, a.urls) == \
        (PAPER_CONFERENCE, 2022, "Conference on Things", "COT", "10.1/x", ["https://x.org"])
    assert (a.arxiv, a.notes, a.source.line) == ("2104.00969", ["Oral"], 2)
    assert (b.type, b.arxiv, b.number, b.publisher) == (PREPRINT, "2203.15799", "", "")
    assert b.source.line > a.source.line


def test_crossref_type_names_are_understood():
    [m] = read_csl('[{"type": "journal-article", "title": ["T"], "container-title": ["J"]}]')
    assert (m.type, m.title, m.venue) == (ARTICLE_JOURNAL, "T", "J")


def test_json_that_is_not_csl_is_warned_and_skipped(caplog):
    with caplog.at_level(logging.WARNING, logger="pubexport"):
        assert read_csl('{"name": "my-package", "version": "1.0"}') == []
        assert read_csl('[1, {"title": "Kept", "type": "book"}]')[0].title == "Kept"
        assert read_csl("[{not json") == []
    assert "refs.json" in caplog.text and "not valid JSON" in caplog.text


# --- round trips ------------------------------------------------------------------------------

def _records_from(mentions: list[Mention], originals: list[Record]) -> list[Record]:
    return [Record(**work(m), sources=o.sources, owners=o.owners) for m, o in zip(mentions, originals)]


@pytest.mark.parametrize("ascii_only", [False, True])
def test_bibtex_output_reads_back_to_the_same_output(ascii_only):
    records = sample_records()
    first = io.StringIO()
    write_bibtex(records, first, ascii_only=ascii_only)
    again = _records_from(read_bib(first.getvalue()), records)
    second = io.StringIO()
    write_bibtex(again, second, ascii_only=ascii_only)
    assert second.getvalue() == first.getvalue()


def test_bibtex_output_reads_back_the_fields_it_can_hold():
    records = sample_records()
    buf = io.StringIO()
    write_bibtex(records, buf)
    for record, mention in zip(records, read_bib(buf.getvalue())):
        assert (mention.title, mention.authors, mention.year, mention.doi, mention.arxiv) == \
            (record.title, record.authors, record.year, record.doi, record.arxiv)


def test_csljson_output_reads_back_to_the_same_fields():
    records = sample_records()
    buf = io.StringIO()
    write_csljson(records, buf)
    for record, mention in zip(records, read_csl(buf.getvalue())):
        expected = work(record)
        if record.type == PREPRINT:
            expected["publisher"] = ""  # "arXiv" is written for every preprint and not read back
        assert work(mention) == expected


def _cli(inputs: list[str], out: Path) -> str:
    result = CliRunner().invoke(main, [*inputs, "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def _without_page_owners(bib: str) -> str:
    return "".join(line for line in bib.splitlines(keepends=True) if not line.startswith("  pageowner = "))


def _without_provenance(text: str) -> list[dict]:
    """Provenance starts again at the file read: its sources, and no page owners."""
    items = json.loads(text)
    for i in items:
        i["custom"].pop("sources")
        i["custom"].pop("owners", None)
    return items


@pytest.mark.parametrize("pages", [ROOT / "examples" / "profiles", SEEDS], ids=["examples", "seeds"])
def test_cli_output_given_back_as_input_gives_the_same_output(pages, tmp_path):
    if not pages.is_dir():
        pytest.skip(f"{pages} not present")
    bib = _cli([str(pages)], tmp_path / "refs.bib")
    again = _cli([str(tmp_path / "refs.bib")], tmp_path / "again.bib")
    assert again == _without_page_owners(bib)
    csl = _cli([str(pages)], tmp_path / "refs.json")
    assert _without_provenance(_cli([str(tmp_path / "refs.json")], tmp_path / "again.json")) == _without_provenance(csl)


# --- reading fast, as bibtexparser's middlewares read --------------------------------------------

@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(list('{}"\\ ab#,')), max_size=12))
def test_enclosing_is_removed_as_bibtexparsers_middleware_removes_it(value):
    from bibtexparser.middlewares.enclosing import RemoveEnclosingMiddleware

    from pubexport.bibinput import _unenclosed

    assert _unenclosed(value) == RemoveEnclosingMiddleware._strip_enclosing(value)[0]


def test_string_definitions_are_resolved():
    [m] = read_bib('@string{cvpr = {Conference on {V}ision (CVPR)}}\n'
                   '@inproceedings{a, title = "A {GNN}", booktitle = cvpr, year = 2020}')
    assert (m.title, m.venue, m.venue_acronym, m.year) == ("A GNN", "Conference on Vision", "CVPR", 2020)


NAME_TEXT = st.text(st.sampled_from(list("aAnNdD \t\n~,xY")), max_size=24)


@settings(max_examples=500, deadline=None)
@given(NAME_TEXT)
def test_author_lists_are_read_as_bibtexparser_splits_and_parses_them(value):
    from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names

    from pubexport.bibinput import _people

    expected = []
    for name in split_multiple_persons_names(value.strip()) if value.strip() else []:
        if name.strip().lower() == "others":
            expected.append(OTHERS)
            continue
        parts = parse_single_name_into_parts(name, strict=False)
        family, given = " ".join(parts.von + parts.last).strip(), " ".join(parts.first + parts.jr).strip()
        expected.append(Person(family=family, given=given) if family else Person(literal=given))
    assert _people(value) == expected


def test_csl_names_are_read_whatever_their_parts_hold():
    [m] = read_csl('[{"title": "T", "author": [{"family": ["Doe"], "given": "Jane"}, {"family": "Doe", '
                   '"given": "Jane"}, {"literal": "et al."}, {"given": "Cher"}, {"suffix": "Jr."}, "bad"]}]')
    assert m.authors == [Person("Doe", "Jane"), Person("Doe", "Jane"), OTHERS, Person(literal="Cher")]
