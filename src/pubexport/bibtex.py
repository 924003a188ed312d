"""Write records as BibTeX that BibTeX (plain), biber, pandoc and Zotero read without a warning.

bibtexparser 2 writes values verbatim, so every value is escaped and braced here (``latex``).
Each record is written as its real entry type whatever fields it lacks: a style's warning about an
empty field is true information, while a changed type would be lost on import (Zotero reads
``@misc`` as a generic document). Patents are biblatex's ``@patent``, which Zotero reads with its
number; classic styles print it as ``@misc``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import IO

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.model import Entry, Field
from bibtexparser.writer import BibtexFormat

from . import latex
from .citation import is_arxiv_venue, keys_are_unique, main_url, venue_name, written_type
from .gcpause import paused_gc
from .keys import assign_keys
from .models import (ARTICLE_JOURNAL, BOOK, CHAPTER, PAPER_CONFERENCE, PATENT, PREPRINT, REPORT, THESIS,
                     Person, Record)

_AND_RE = re.compile(r"\band\b", re.IGNORECASE)
_PAGE_DASH_RE = re.compile(r"\s*[-\u2010-\u2015\u2212]+\s*")
_MASTERS_RE = re.compile(r"\bmaster", re.IGNORECASE)

# records written per bibtexparser call: the entries and text of a whole file at once took 90 MiB
# more per 100k records and were the peak of a million-mention run; the output is the same
# (values are not aligned across entries)
WRITE_CHUNK = 2000


def write_bibtex(records: list[Record], fp: IO[str], *, ascii_only: bool = False) -> None:
    """Write one entry per record; non-ASCII stays UTF-8 unless ``ascii_only`` (LaTeX escapes)."""
    if not keys_are_unique(records):
        assign_keys(records)
    fmt = BibtexFormat()
    fmt.indent = "  "
    fmt.block_separator = "\n"
    fmt.trailing_comma = True
    with paused_gc():
        for start in range(0, len(records), WRITE_CHUNK):
            if start:
                fp.write(fmt.block_separator)
            library = Library([to_entry(r, ascii_only=ascii_only) for r in records[start:start + WRITE_CHUNK]])
            fp.write(bibtexparser.write_string(library, unparse_stack=[], bibtex_format=fmt))


def to_entry(record: Record, *, ascii_only: bool = False) -> Entry:
    """One record as a bibtexparser Entry whose values are ready to write as they are."""
    fields = _fields(record, ascii_only)
    return Entry(fields["_type"], record.key,
                 [Field(name, "{" + value + "}") for name, value in fields.items() if name != "_type" and value])


def _fields(record: Record, ascii_only: bool) -> dict[str, str]:
    def text(value: str) -> str:
        return latex.escape(latex.clean(value), ascii_only=ascii_only) if value else ""

    def title(value: str) -> str:
        return _protected(value, ascii_only)

    kind = written_type(record)
    venue = venue_name(record)
    acronym = record.venue_acronym if record.venue and record.venue_acronym != record.venue else ""
    year = str(record.year) if record.year else ""
    authors = format_names(record.authors, ascii_only=ascii_only)
    number = text(record.number)
    f: dict[str, str] = {"_type": "misc", "author": authors, "title": title(record.title)}

    if kind == PAPER_CONFERENCE:
        container = venue if not venue or not acronym or f"({acronym})" in venue else f"{venue} ({acronym})"
        f.update(_type="inproceedings", booktitle=title(container) if container else "")
    elif kind == ARTICLE_JOURNAL:
        f.update(_type="article", journal=title(venue) if venue else "", shortjournal=text(acronym))
    elif kind == REPORT:
        f.update(_type="techreport", institution=text(record.publisher or venue))
    elif kind == THESIS:
        masters = any(_MASTERS_RE.search(s) for s in (venue, *record.notes))
        f.update(_type="mastersthesis" if masters else "phdthesis", school=text(record.publisher or venue))
    elif kind == BOOK:
        f.update(_type="book", publisher=text(record.publisher))
    elif kind == CHAPTER:
        f.update(_type="incollection", booktitle=title(venue) if venue else "", publisher=text(record.publisher))
    else:
        f.update(_type="patent" if kind == PATENT else "misc",
                 howpublished=_how_published(record, kind, venue, acronym, ascii_only))

    f["year"] = year
    if f["_type"] in ("article", "inproceedings", "incollection", "book"):
        f["volume"] = text(record.volume)
    if f["_type"] == "article":
        f["number"] = text(record.issue)
    elif f["_type"] in ("techreport", "misc", "patent"):
        f["number"] = number
    if f["_type"] in ("article", "inproceedings", "incollection") and record.pages:
        f["pages"] = latex.escape(_PAGE_DASH_RE.sub("--", latex.clean(record.pages)), ascii_only=ascii_only)
    if f["_type"] in ("inproceedings", "article", "misc") and record.publisher:
        f["publisher"] = text(record.publisher)
    f["doi"] = latex.verbatim(record.doi) if record.doi else ""
    f["url"] = latex.verbatim(main_url(record))
    if record.arxiv:
        f.update(eprint=latex.verbatim(record.arxiv), archiveprefix="arXiv",
                 primaryclass=latex.verbatim(record.arxiv_class), eprinttype="arxiv")
    if record.notes:
        notes = [n for n in map(latex.clean, record.notes) if n]
        # remarks (Oral, Spotlight, under review): biblatex prints addendum, Zotero makes keywords tags;
        # neither is `note`, which Zotero turns into a child note
        f["addendum"] = text(", ".join(notes))
        f["keywords"] = text(", ".join(n.replace(",", " ") for n in notes))
    if not authors:
        f["key"] = f["title"]  # what BibTeX sorts an entry without authors by
    # whose profile pages list the paper; styles ignore the field, Zotero keeps it in Extra
    f["pageowner"] = text("; ".join(record.owners))
    return f


@lru_cache(maxsize=16384)
def _protected(value: str, ascii_only: bool) -> str:
    """A title-like field, protected and escaped; cached because venue names repeat."""
    return latex.protect_title(latex.clean(value), ascii_only=ascii_only)


def _how_published(record: Record, kind: str, venue: str, acronym: str, ascii_only: bool) -> str:
    """What @misc (and @patent, which classic styles print as @misc) prints for the venue."""
    if kind == PREPRINT and (record.arxiv or is_arxiv_venue(record.venue or record.venue_acronym)):
        value = f"arXiv preprint arXiv:{record.arxiv}" if record.arxiv else "arXiv preprint"
    elif kind == PATENT:
        value = " ".join(p for p in ("Patent", record.number) if p) if not venue else \
            (f"{venue} {record.number}" if record.number and record.number not in venue else venue)
    else:
        value = venue if not acronym or f"({acronym})" in venue else f"{venue} ({acronym})"
    return _protected(value, ascii_only)


def format_names(people: list[Person], *, ascii_only: bool = False) -> str:
    """BibTeX's author list: 'Family, Given and {Organisation} and others'."""
    names, et_al = [], False
    for person in people:
        if person.is_others:
            et_al = True
        else:
            name = _format_name(person.family, person.given, person.literal, ascii_only)
            if name:
                names.append(name)
    if names and et_al:
        names.append("others")
    return " and ".join(names)


def _part(value: str, ascii_only: bool) -> str:
    """One part of a name, braced when BibTeX would otherwise split it (a comma or the word 'and')."""
    escaped = latex.escape(latex.clean(value), ascii_only=ascii_only)
    return "{" + escaped + "}" if "," in value or _AND_RE.search(value) else escaped


@lru_cache(maxsize=65536)
def _format_name(family: str, given: str, literal: str, ascii_only: bool) -> str:
    """One person as BibTeX writes it; cached because the same people write many papers."""
    family, given, literal = latex.clean(family), latex.clean(given), latex.clean(literal)
    if literal or (given and not family):
        return "{" + latex.escape(literal or given, ascii_only=ascii_only) + "}"
    if not family:
        return ""
    if not given:
        escaped = _part(family, ascii_only)
        return "{" + escaped + "}" if " " in family and not escaped.startswith("{") else escaped
    return f"{_part(family, ascii_only)}, {_part(given, ascii_only)}"
