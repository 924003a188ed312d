"""What the BibTeX and CSL-JSON writers (and the bibliography reader) agree on.

The type a record is written as, how an arXiv listing is recognised, and which link is the
record's main URL are decided here once, so both output formats say the same thing.
"""
from __future__ import annotations

import re

from .models import ARTICLE_JOURNAL, PAPER_CONFERENCE, PREPRINT, UNKNOWN, Record

_ARXIV_VENUE_RE = re.compile(r"^\s*(arxiv|corr)\b", re.IGNORECASE)
# New-style ids have 4 digits after the dot until 1412 and 5 from 1501; old-style ids name an archive.
ARXIV_ID_RE = re.compile(r"(?:arxiv[:\s/]\s*|arxiv\.org/(?:abs|pdf)/)"
                         r"((?:0[7-9]|1[0-4])\d\d\.\d{4}(?!\d)|(?:1[5-9]|[2-9]\d)\d\d\.\d{5}(?!\d)"
                         r"|[a-z-]+(?:\.[a-z]{2})?/\d{7})", re.IGNORECASE)


def is_arxiv_venue(venue: str) -> bool:
    """'arXiv', 'arXiv preprint arXiv:2104.00969', 'CoRR abs/2104.00969' name arXiv, not a venue."""
    return bool(_ARXIV_VENUE_RE.match(venue))


def written_type(record: Record) -> str:
    """The CSL type a record is written as.

    An untyped record with an arXiv id and no venue but arXiv is a preprint; a journal or
    conference record whose only venue is arXiv is a preprint as well. Otherwise the type stays,
    and an unknown type stays unknown (the writers then choose their generic type).
    """
    venue_is_arxiv = is_arxiv_venue(record.venue or record.venue_acronym)
    no_venue = not (record.venue or record.venue_acronym)
    if record.type == UNKNOWN and (venue_is_arxiv or (record.arxiv and no_venue)):
        return PREPRINT
    if record.type in (ARTICLE_JOURNAL, PAPER_CONFERENCE) and venue_is_arxiv:
        return PREPRINT
    return record.type


def venue_name(record: Record) -> str:
    """The venue to print: the full name, else the acronym; arXiv is not a venue."""
    venue = record.venue or record.venue_acronym
    return "" if is_arxiv_venue(venue) else venue


def arxiv_url(arxiv_id: str) -> str:
    return f"https://arxiv.org/abs/{arxiv_id}"


def main_url(record: Record) -> str:
    """The record's first link; the arXiv abstract page when it has none."""
    for url in record.urls:
        if url.strip():
            return url.strip()
    return arxiv_url(record.arxiv) if record.arxiv else ""


def keys_are_unique(records: list[Record]) -> bool:
    keys = [r.key for r in records]
    return all(keys) and len(set(keys)) == len(keys)
