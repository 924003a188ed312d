"""DOI forms every stage reads the same way: bare DOIs, and arXiv's DataCite DOIs."""
from __future__ import annotations

import re

DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
ARXIV_DOI = re.compile(r"10\.48550/arxiv\.(.+)", re.IGNORECASE)


def bare_doi(value: str) -> str:
    """The DOI without a doi.org link or a ``doi:`` prefix around it."""
    return DOI_PREFIX.sub("", value.strip())


def arxiv_id_of_doi(doi: str) -> str:
    """The arXiv id an arXiv DOI (10.48550/arXiv.ID) stands for, or ""."""
    found = ARXIV_DOI.fullmatch(bare_doi(doi))
    return found.group(1) if found else ""
