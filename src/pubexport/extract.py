"""Stage 2: from one decoded document to the publication mentions it holds.

reading (block tree -> lines) -> finder (where are the entries?) -> parser (what are the fields of
one entry?) -> acceptance (is it a paper? a model's call from its evidence, see ``acceptance``) ->
loose mentions resolved within the page.
Bibliography files (.bib, CSL-JSON) skip the finder: they are records already.
"""
from __future__ import annotations

import dataclasses
import logging

from .bibinput import mentions_from_bibliography
from .acceptance import Candidate, decide, describe, load_model
from .finder import find_entries, opens_with_abstract_label, reads_as_prose
from .headings import NEWS, PUBLICATIONS
from .match import loose_title_clashes
from .models import Document, Entry, Mention, share_equal_values
from .parser import heading_year, link_row, parse_entry

log = logging.getLogger("pubexport")


def extract(doc: Document) -> list[Mention]:
    if doc.kind in ("bibtex", "csljson"):
        return share_equal_values(mentions_from_bibliography(doc))
    found = candidates(doc)
    calls = decide(found, load_model())
    mentions = resolve_loose([c.mention for c, call in zip(found, calls) if accepted(c, call)])
    for mention in mentions:
        mention.year = mention.year or heading_year(mention.section)
    return share_equal_values(mentions)


def candidates(doc: Document) -> list[Candidate]:
    """Every parsed entry of the page with its evidence, before the decision (what the finder's
    model is fitted on: ``training/build_finder.py``)."""
    found: list[Candidate] = []
    entries = attach_link_rows(find_entries(doc))
    entries.reverse()
    while entries:
        entry = entries.pop()  # read entries are let go: a huge page holds its entries or its mentions
        try:
            parsed = parse_entry(entry)
        except Exception as err:  # one unreadable entry must not cost the rest of the page
            log.warning("%s: entry not understood (%s: %s); skipped", entry.source, type(err).__name__, err)
            continue
        for mention in parsed:
            if mention.title:
                mention.section = entry.section
                mention.news = entry.section_kind == NEWS
                found.append(Candidate(mention, entry))
    describe(found)
    return found


# A description paragraph under an entry is a sentence or more: shorter than the long prose
# the finder drops anywhere, since the entry above says where it belongs.
DESCRIPTION_MIN_WORDS = 10


def attach_link_rows(entries: list[Entry]) -> list[Entry]:
    """A unit of bare links and badges (``Abs [arXiv](..) [PDF](..) [Code](..)``, al-folio's and
    Hugo's buttons) belongs to the entry above it: its links join that entry, the unit goes.
    So does a prose paragraph under a title/authors/venue entry (al-folio's hidden abstract), and
    a paragraph under any entry opening with its label (``**Abstract**: ...``, ``Resumo: ...``):
    it describes that paper, whatever venue or quoted words it names, and is no paper of its own."""
    out: list[Entry] = []
    for entry in entries:
        previous = out[-1] if out else None
        if previous is None or previous.section != entry.section or previous.shape == "citation":
            out.append(entry)
            continue
        row = link_row(entry.text) if "](" in entry.text else None
        if row:
            previous.text = previous.text + "\n" + row
        elif not (previous.shape == "list" and entry.shape == "reference"
                  and reads_as_prose(entry.text, min_words=DESCRIPTION_MIN_WORDS)
                  or opens_with_abstract_label(entry.text)):
            out.append(entry)
    return out


def accepted(candidate: Candidate, call: bool) -> bool:
    """Whether a parsed entry is a publication: the fitted model's ``call`` from its evidence. A loose
    mention (a news item describing a paper) is no paper by itself: it is kept where papers are
    announced or listed, for ``resolve_loose`` to join to its titled twin."""
    mention, entry = candidate.mention, candidate.entry
    if mention.loose:
        return entry.section_kind in (NEWS, PUBLICATIONS)
    return call


def resolve_loose(mentions: list[Mention]) -> list[Mention]:
    """A loose mention (a news item describing a paper in other words) linking the same arXiv id
    or URL as exactly one titled mention of the page becomes a mention of that paper; one whose
    link names several titled mentions is dropped (it is one of them, not a new paper); one with
    no titled twin on the page stays loose for the merge stage to place or drop, and so does one
    whose text reads as another title than the entry it links (``match.loose_title_clashes``)."""
    titled = [m for m in mentions if not m.loose]
    if len(titled) == len(mentions):
        return mentions
    by_arxiv: dict[str, list[int]] = {}
    by_url: dict[str, list[int]] = {}
    for index, mention in enumerate(titled):
        if mention.arxiv:
            by_arxiv.setdefault(mention.arxiv, []).append(index)
        for url in dict.fromkeys(mention.urls):
            by_url.setdefault(url, []).append(index)
    out: list[Mention] = []
    for mention in mentions:
        if not mention.loose:
            out.append(mention)
            continue
        if mention.arxiv:
            linked = by_arxiv.get(mention.arxiv, [])
        else:
            linked = sorted({index for url in mention.urls for index in by_url.get(url, ())})
        twins = [index for index in linked if not loose_title_clashes(mention.title, titled[index].title)]
        if len(twins) == 1:
            twin = titled[twins[0]]
            urls = twin.urls + [u for u in mention.urls if u not in twin.urls]
            out.append(dataclasses.replace(twin, source=mention.source, urls=urls, loose=False,
                                           authors=list(twin.authors), notes=list(twin.notes)))
        elif not twins:
            out.append(mention)
    return out
