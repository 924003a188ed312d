"""The CSL-JSON writer: valid against the official schema, keys as ids, CSL types and variables."""
from __future__ import annotations

import importlib.util
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from output_records import sample_records

from pubexport.cli import main
from pubexport.csljson import to_csl, write_csljson
from pubexport.models import (ARTICLE_JOURNAL, OTHERS, PAPER_CONFERENCE, PATENT, PREPRINT, UNKNOWN, Person, Record,
                              Source)
from pubexport.pipeline import write_bibtex

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SCHEMA = Path(__file__).resolve().parent / "data" / "csl-data.json"  # see tests/data/SOURCES.md


def csl(records) -> list[dict]:
    buf = io.StringIO()
    write_csljson(records, buf)
    return json.loads(buf.getvalue())


def item(**fields) -> dict:
    return to_csl(Record(key="k", **fields))


def validate(items) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(items)


def test_fictional_records_validate_against_the_csl_schema():
    validate(csl(sample_records()))


def test_schema_check_rejects_a_property_csl_does_not_have():
    with pytest.raises(jsonschema.ValidationError):
        validate([{"id": "k", "type": "article", "arxiv": "2104.00969"}])


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared/seeds not present")
def test_seed_output_validates_against_the_csl_schema(tmp_path):
    out = tmp_path / "refs.json"
    result = CliRunner().invoke(main, [str(SHARED / "seeds"), "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    items = json.loads(out.read_text(encoding="utf-8"))
    assert items
    validate(items)


def test_id_and_citation_key_equal_the_bibtex_key():
    records = sample_records()
    items = csl(records)
    buf = io.StringIO()
    write_bibtex(records, buf)
    bib_keys = re.findall(r"^@\w+\{([^,]+),", buf.getvalue(), re.MULTILINE)
    assert [i["id"] for i in items] == [i["citation-key"] for i in items] == bib_keys
    assert len(set(bib_keys)) == len(bib_keys)


@pytest.mark.parametrize("kind, expected", [
    (PAPER_CONFERENCE, "paper-conference"), (ARTICLE_JOURNAL, "article-journal"), (PREPRINT, "article"),
    (PATENT, "patent"), (UNKNOWN, "document"),
])
def test_types_come_from_the_csl_vocabulary(kind, expected):
    assert item(title="T", type=kind, venue="Somewhere")["type"] == expected


def test_no_type_is_software_or_a_crossref_name():
    types = {i["type"] for i in csl(sample_records())}
    assert not types & {"software", "journal-article", "proceedings-article", "posted-content"}


def test_authors_are_family_given_with_literal_others():
    written = item(title="T", authors=[Person("van der Berg", "Jan"), Person(literal="Amazon AGI"), OTHERS])
    assert written["author"] == [{"family": "van der Berg", "given": "Jan"}, {"literal": "Amazon AGI"},
                                 {"literal": "others"}]


def test_conference_paper_has_container_event_and_short_title():
    written = item(title="T", type=PAPER_CONFERENCE, year=2022, venue="Conference on Computer Vision",
                   venue_acronym="CVPR", doi="10.1109/CVPR.2022.1", pages="1-10")
    assert written["container-title"] == "Conference on Computer Vision"
    assert written["event-title"] == "Conference on Computer Vision (CVPR)"  # Zotero's conference name
    assert written["container-title-short"] == written["journalAbbreviation"] == "CVPR"
    assert written["issued"] == {"date-parts": [[2022]]}
    assert (written["DOI"], written["page"]) == ("10.1109/CVPR.2022.1", "1-10")


def test_event_title_names_the_acronym_once():
    # the page's own "Name (ACR)" is the event's name as it is
    written = item(title="T", type=PAPER_CONFERENCE, venue="Symposium on Widget Mining (WM)", venue_acronym="WM")
    assert written["event-title"] == "Symposium on Widget Mining (WM)"
    # an acronym inside a longer word (KDD in SIGKDD) is not the acronym written
    written = item(title="T", type=PAPER_CONFERENCE, venue="ACM SIGKDD Conference on Widgets", venue_acronym="KDD")
    assert written["event-title"] == "ACM SIGKDD Conference on Widgets (KDD)"


def test_preprint_has_arxiv_number_and_publisher():
    written = item(title="T", type=PREPRINT, arxiv="2104.00969")
    assert (written["number"], written["publisher"]) == ("arXiv:2104.00969", "arXiv")
    assert written["URL"] == "https://arxiv.org/abs/2104.00969"
    assert "container-title" not in written


def test_preprint_without_id_still_names_arxiv():
    written = item(title="T", type=PREPRINT, venue="arXiv")
    assert written["publisher"] == "arXiv" and "number" not in written


def test_published_paper_keeps_its_arxiv_id_where_the_seed_scorer_finds_it():
    written = item(title="T", type=PAPER_CONFERENCE, venue="Conference", arxiv="2104.00969",
                   urls=["https://conf.org/paper.pdf"])
    assert written["URL"] == "https://conf.org/paper.pdf"
    assert written["custom"]["arxiv"] == "arXiv:2104.00969"
    score = SHARED / "eval" / "score.py"
    if score.is_file():
        spec = importlib.util.spec_from_file_location("score", score)
        scorer = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(scorer)
        assert scorer.record_arxiv_ids(written) == {"2104.00969"}


def test_provenance_and_remarks_go_to_custom_and_note():
    written = item(title="T", notes=["Oral", "equal contribution"], owners=["Ana"],
                   sources=[Source("ana.md", 3), Source("bo.html", 10)])
    assert written["custom"]["sources"] == ["ana.md:3", "bo.html:10"]
    assert written["custom"]["owners"] == ["Ana"]
    assert written["custom"]["notes"] == ["Oral", "equal contribution"]
    assert written["note"] == "Oral; equal contribution"


def test_patent_office_is_authority_not_container():
    written = item(title="T", type=PATENT, venue="US Patent Office", number="US 11,123,456")
    assert written["authority"] == "US Patent Office" and "container-title" not in written


# --- what Zotero imports ----------------------------------------------------------------------
# Zotero's CSL-JSON import (Zotero.Utilities.Item.itemFromCSLJSON, zotero/utilities
# utilities_item.js @4d8d7d3e) copies each CSL variable to the first of its Zotero fields valid for
# the item type, from Zotero.Schema.CSL_TEXT_MAPPINGS (zotero/zotero-schema schema.json, "csl"),
# here as quoted in JabRef's browser-extension shim of Zotero.Schema; the variables we write:
ZOTERO_CSL_TEXT = {
    "title": ["title"], "container-title": ["publicationTitle", "reporter", "code"],
    "journalAbbreviation": ["journalAbbreviation"], "DOI": ["DOI"], "URL": ["url"], "volume": ["volume", "codeNumber"],
    "issue": ["issue", "priorityNumbers"], "page": ["pages"], "publisher": ["publisher"], "number": ["number"],
    "archive": ["archive"], "archive_location": ["archiveLocation"], "note": ["extra"],
    "authority": ["court", "legislativeBody", "issuingAuthority"],
}
# Variables Zotero does not import, written for citeproc and pandoc (and our own reader).
CITEPROC_ONLY = {"id", "citation-key", "type", "author", "issued", "container-title-short", "event-title", "custom"}


def test_every_variable_written_is_one_zotero_imports_or_one_for_citeproc():
    written = {key for i in csl(sample_records()) for key in i}
    assert written - CITEPROC_ONLY <= set(ZOTERO_CSL_TEXT)


def test_a_published_paper_keeps_acronym_arxiv_id_and_every_link_where_zotero_reads_them():
    written = item(title="T", type=PAPER_CONFERENCE, venue="Conference on Things", venue_acronym="CoT",
                   arxiv="2104.00969", urls=["https://conf.org/paper.pdf", "https://github.com/a/b"],
                   notes=["Oral"])
    assert written["journalAbbreviation"] == written["container-title-short"] == "CoT"
    assert (written["archive"], written["archive_location"]) == ("arXiv", "arXiv:2104.00969")
    assert written["URL"] == "https://conf.org/paper.pdf"
    assert written["note"] == "Oral\nhttps://github.com/a/b"  # Zotero's Extra
    assert written["custom"]["notes"] == ["Oral"]


def test_a_preprint_carries_its_arxiv_id_as_its_number_and_archive():
    written = item(title="T", type=PREPRINT, arxiv="2104.00969")
    assert (written["type"], written["number"], written["publisher"]) == ("article", "arXiv:2104.00969", "arXiv")
    assert written["archive_location"] == "arXiv:2104.00969"
    assert written["URL"] == "https://arxiv.org/abs/2104.00969" and "note" not in written


def test_secondary_links_alone_make_the_note_and_no_remark():
    written = item(title="T", type=PAPER_CONFERENCE, urls=["https://a.org/p", "https://a.org/code"])
    assert written["note"] == "https://a.org/code" and written["custom"]["notes"] == []


# Zotero.Schema.CSL_TYPE_MAPPINGS_REVERSE, from the same quoted table: the types we write for papers.
# (That copy predates Zotero 6's preprint type, which CSL "article" now imports as.)
ZOTERO_CSL_TYPES = {"paper-conference": "conferencePaper", "article-journal": "journalArticle", "patent": "patent",
                    "report": "report", "thesis": "thesis", "book": "book", "chapter": "bookSection"}


def test_every_paper_type_written_is_one_zotero_imports_as_that_kind_of_item():
    written = {i["type"] for i in csl(sample_records())}
    assert written - {"article", "document"} <= set(ZOTERO_CSL_TYPES)
    assert set(ZOTERO_CSL_TYPES) <= written


def test_written_in_chunks_the_file_is_the_same_as_written_at_once(monkeypatch):
    from pubexport import csljson

    def text() -> str:
        buf = io.StringIO()
        write_csljson(sample_records(), buf)
        return buf.getvalue()

    whole = text()
    monkeypatch.setattr(csljson, "WRITE_CHUNK", 2)
    assert text() == whole
    assert len(json.loads(whole)) == len(sample_records())
