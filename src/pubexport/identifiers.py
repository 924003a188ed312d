"""DOI forms every stage reads the same way: bare DOIs, and arXiv's DataCite DOIs."""
from __future__ import annotations

import re
from urllib.parse import unquote

DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
ARXIV_DOI = re.compile(r"10\.48550/arxiv\.(.+)", re.IGNORECASE)
# What a publisher's address writes after the DOI it holds: the view of the paper (Wiley's and
# Frontiers' ``/full``, ``/abstract``, a ``.pdf``, Project Euclid's ``.short``), a final slash.
# No DOI ends in one of these words.
PAGE_VIEW_TAIL = re.compile(r"(?:/|[/.](?:full|abstract|short|pdf|epdf|pdfdirect|fulltext|full-text|html?|meta|"
                            r"summary|references|figures|supplemental|citedby|reader))$", re.IGNORECASE)
# bioRxiv and medRxiv address a version of a preprint (``10.1101/2024.01.02.123456v2``); the DOI has none.
PREPRINT_VERSION = re.compile(r"(10\.1101/\d{4}\.\d\d\.\d\d\.\d+)v\d+", re.IGNORECASE)


def bare_doi(value: str) -> str:
    """The DOI without a doi.org link or a ``doi:`` prefix around it."""
    return DOI_PREFIX.sub("", value.strip())


def doi_of_address(found: str) -> str:
    """The DOI in what a page wrote from a DOI on (``10.21105/joss.04070.pdf``,
    ``10.3389/x.2020.9/full?utm_source=..``, ``10.1016%2FS0140``): the address's query, fragment,
    view and version left out, percent-escapes decoded, final punctuation dropped."""
    doi = found.split("?", 1)[0].split("#", 1)[0]
    if "%" in doi:
        doi = unquote(doi)
    doi = doi.rstrip(".,;")
    while (tail := PAGE_VIEW_TAIL.search(doi)) is not None:
        doi = doi[:tail.start()]
    version = PREPRINT_VERSION.fullmatch(doi)
    return version.group(1) if version else doi


def arxiv_id_of_doi(doi: str) -> str:
    """The arXiv id an arXiv DOI (10.48550/arXiv.ID) stands for, or ""."""
    found = ARXIV_DOI.fullmatch(bare_doi(doi))
    return found.group(1) if found else ""
