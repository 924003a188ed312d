"""DOIs read the same way by every stage."""
from __future__ import annotations

import pytest

from pubexport.identifiers import arxiv_id_of_doi, bare_doi


@pytest.mark.parametrize("written", ["10.1109/CVPR.2016.90", "https://doi.org/10.1109/CVPR.2016.90",
                                     "http://dx.doi.org/10.1109/CVPR.2016.90", "doi: 10.1109/CVPR.2016.90",
                                     " DOI:10.1109/CVPR.2016.90 "])
def test_bare_doi_drops_links_and_prefixes(written):
    assert bare_doi(written) == "10.1109/CVPR.2016.90"


def test_arxiv_doi_gives_its_arxiv_id_and_other_dois_none():
    assert arxiv_id_of_doi("https://doi.org/10.48550/arXiv.2104.00969") == "2104.00969"
    assert arxiv_id_of_doi("10.1109/CVPR.2016.90") == ""
