"""pubexport: turn researchers' profile pages into one clean, de-duplicated bibliography.

The library is the product; the ``pubexport`` command is a thin layer over these functions::

    import pubexport
    mentions = pubexport.read(["profiles/"])
    records = pubexport.merge(mentions)
    pubexport.enrich(records, mailto="me@uni.edu")      # optional, needs the network
    with open("refs.bib", "w", encoding="utf-8") as fp:
        pubexport.write_bibtex(records, fp)
    pubexport.update(records, "refs.bib")   # or: re-run into it, keeping its keys and hand edits

Stages import lazily so that ``pubexport --help`` starts fast.
"""
from __future__ import annotations

__version__ = "0.1.0"

from .models import Document, Entry, Mention, Person, Record, Source, Work  # noqa: E402  (plain data, cheap)
from .pipeline import enrich, merge, read, update, write_bibtex, write_csljson  # noqa: E402

__all__ = [
    "Document", "Entry", "Mention", "Person", "Record", "Source", "Work",
    "read", "merge", "enrich", "update", "write_bibtex", "write_csljson", "__version__",
]
