"""DOIs read the same way by every stage."""
from __future__ import annotations

import pytest

from pubexport.identifiers import arxiv_id_of_doi, bare_doi, doi_of_address


@pytest.mark.parametrize("written", ["10.1109/CVPR.2016.90", "https://doi.org/10.1109/CVPR.2016.90",
                                     "http://dx.doi.org/10.1109/CVPR.2016.90", "doi: 10.1109/CVPR.2016.90",
                                     " DOI:10.1109/CVPR.2016.90 "])
def test_bare_doi_drops_links_and_prefixes(written):
    assert bare_doi(written) == "10.1109/CVPR.2016.90"


def test_arxiv_doi_gives_its_arxiv_id_and_other_dois_none():
    assert arxiv_id_of_doi("https://doi.org/10.48550/arXiv.2104.00969") == "2104.00969"
    assert arxiv_id_of_doi("10.1109/CVPR.2016.90") == ""


@pytest.mark.parametrize("written, doi", [
    ("10.21105/widg.04070.pdf", "10.21105/widg.04070"),  # a journal's PDF address
    ("10.1063/WT.5.4027/full/", "10.1063/WT.5.4027"),  # a magazine's full-text view
    ("10.3150/19-WDG1033.short", "10.3150/19-WDG1033"),  # Project Euclid's abstract page
    ("10.1101/2024.06.09.654321v2.full.pdf", "10.1101/2024.06.09.654321"),  # a bioRxiv version's PDF
    ("10.3389/fwidg.2021.00009/full?&utm_source=Email&id=5178", "10.3389/fwidg.2021.00009"),
    ("10.1111/wdg.14000/abstract#section", "10.1111/wdg.14000"),
    ("10.1016/S0140-6736%2821%2901234-5", "10.1016/S0140-6736(21)01234-5"),  # percent-escaped
    ("10.1234/widg.2021.7.", "10.1234/widg.2021.7"),  # the sentence's period
    ("10.1063/WT.5.4027", "10.1063/WT.5.4027"), ("10.5555/full.stack", "10.5555/full.stack"),
])
def test_doi_of_address_leaves_out_what_the_address_adds(written, doi):
    assert doi_of_address(written) == doi
