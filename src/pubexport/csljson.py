"""Write records as CSL-JSON valid against the CSL-JSON schema (csl-data.json, v1.0.2).

Only the schema's variables are written, each where Zotero's CSL-JSON import (its schema's CSL
mappings) and citeproc both read it: the acronym also as ``journalAbbreviation``, an arXiv id as
``archive``/``archive_location`` (and a preprint's ``number``), secondary links in ``note`` (Zotero's
Extra). What CSL has no variable for (every source file and line, the page owners) goes into
``custom``, which keeps the links and the arXiv id too for tools that read it.
"""
from __future__ import annotations

import json
import re
from typing import IO

from .citation import is_arxiv_venue, keys_are_unique, main_url, venue_name, written_type
from .gcpause import paused_gc
from .keys import assign_keys
from .latex import clean
from .models import (ARTICLE_JOURNAL, BOOK, CHAPTER, PAPER_CONFERENCE, PATENT, PREPRINT, REPORT, THESIS,
                     Person, Record)

# Our types are CSL types already; an unknown type is written as CSL's generic "document".
CSL_TYPES = {PAPER_CONFERENCE, ARTICLE_JOURNAL, PREPRINT, PATENT, REPORT, THESIS, BOOK, CHAPTER}
GENERIC_TYPE = "document"


WRITE_CHUNK = 2000  # items encoded per write: the text of a whole large file is not held at once


def write_csljson(records: list[Record], fp: IO[str]) -> None:
    if not keys_are_unique(records):
        assign_keys(records)
    # one item per line: readable, diff-friendly, and written by json's fast C encoder
    fp.write("[\n")
    with paused_gc():
        for start in range(0, len(records), WRITE_CHUNK):
            if start:
                fp.write(",\n")
            items = records[start:start + WRITE_CHUNK]
            fp.write(",\n".join(json.dumps(to_csl(r), ensure_ascii=False) for r in items))
    fp.write("\n]\n" if records else "]\n")


def to_csl(record: Record) -> dict:
    """One record as a CSL-JSON item."""
    kind = written_type(record)
    item: dict = {"id": record.key, "citation-key": record.key,
                  "type": kind if kind in CSL_TYPES else GENERIC_TYPE, "title": clean(record.title)}
    authors = [_name(p) for p in record.authors if not p.is_others]
    authors = [a for a in authors if a]
    if authors and any(p.is_others for p in record.authors):
        authors.append({"literal": "others"})
    if authors:
        item["author"] = authors
    if record.year:
        item["issued"] = {"date-parts": [[record.year]]}

    venue = clean(venue_name(record))
    acronym = clean(record.venue_acronym)
    if venue and kind != PATENT:
        item["container-title"] = venue
        if acronym:
            item["container-title-short"] = acronym  # citeproc's variable
            item["journalAbbreviation"] = acronym  # the one Zotero imports
        if kind == PAPER_CONFERENCE:  # Zotero's conference name: the event as pages name it
            named = acronym and not re.search(rf"(?<!\w){re.escape(acronym)}(?!\w)", venue, re.I)
            item["event-title"] = f"{venue} ({acronym})" if named else venue
    elif venue:
        item["authority"] = venue  # a patent's issuing office
    for key, value in (("volume", record.volume), ("issue", record.issue), ("page", record.pages),
                       ("publisher", record.publisher), ("number", record.number), ("DOI", record.doi)):
        if clean(value):
            item[key] = clean(value)
    if kind == PREPRINT and (record.arxiv or is_arxiv_venue(record.venue or record.venue_acronym)):
        item["publisher"] = "arXiv"  # a Zotero preprint's repository
        if record.arxiv:
            item["number"] = f"arXiv:{record.arxiv}"  # a Zotero preprint's archive ID
    if record.arxiv:
        item["archive"] = "arXiv"  # kept by Zotero for every type, printed by citeproc styles
        item["archive_location"] = f"arXiv:{record.arxiv}"
    url = main_url(record)
    if url:
        item["URL"] = url
    notes = [clean(n) for n in record.notes if clean(n)]
    note = "\n".join(filter(None, ["; ".join(notes), *_secondary_urls(record, url)]))
    if note:
        item["note"] = note
    item["custom"] = _custom(record, notes, noted=bool(note))
    return item


def _secondary_urls(record: Record, main: str) -> list[str]:
    """Links besides the main one (project page, code), one per line of the note."""
    return [u for u in dict.fromkeys(u.strip() for u in record.urls) if u and u != main]


def _name(person: Person) -> dict:
    family, given, literal = clean(person.family), clean(person.given), clean(person.literal)
    if literal or not family:
        return {"literal": literal or given} if literal or given else {}
    return {"family": family, "given": given} if given else {"family": family}


def _custom(record: Record, notes: list[str], *, noted: bool) -> dict:
    """Provenance and what CSL has no variable for."""
    custom: dict = {"sources": [str(s) for s in record.sources]}
    if record.owners:
        custom["owners"] = list(record.owners)
    if record.arxiv:
        custom["arxiv"] = f"arXiv:{record.arxiv}"  # the form Zotero and citeproc users recognise
        if record.arxiv_class:
            custom["arxiv-class"] = record.arxiv_class
    if notes or noted:
        custom["notes"] = notes  # the remarks alone: the note holds the secondary links too
    urls = [u.strip() for u in record.urls if u.strip()]
    if len(urls) > 1:
        custom["urls"] = urls
    return custom
