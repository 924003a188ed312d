"""Stage 2: from one decoded document to the publication mentions it holds.

repair (text) -> finder (where are the entries?) -> parser (what are the fields of one entry?)
Bibliography files (.bib, CSL-JSON) skip the finder: they are records already.
"""
from __future__ import annotations

from .bibinput import mentions_from_bibliography
from .finder import find_entries
from .models import Document, Mention
from .parser import parse_entry


def extract(doc: Document) -> list[Mention]:
    if doc.kind in ("bibtex", "csljson"):
        return mentions_from_bibliography(doc)
    mentions: list[Mention] = []
    for entry in find_entries(doc):
        mentions.extend(parse_entry(entry))
    return mentions
