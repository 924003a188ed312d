"""The public functions, one per stage; each imports its stage only when called."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import IO

from .models import Mention, Record
from .report import Report

DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024


def read(paths: Iterable[str | os.PathLike], *, exclude: Iterable[str | os.PathLike] = (),
         max_file_size: int = DEFAULT_MAX_FILE_SIZE,
         on_file: Callable[[str, int], None] | None = None) -> list[Mention]:
    """Read every profile page and bibliography under ``paths`` and return all mentions found.

    Unreadable files are skipped with a warning (logger ``pubexport``). ``on_file(path, n)`` is
    called after each file with the number of mentions it gave (for progress and --verbose).
    Raises ``sources.InputError`` for a path that does not exist.
    """
    from .extract import extract
    from .sources import discover, load

    mentions: list[Mention] = []
    for path in discover(paths, exclude=exclude):
        doc = load(path, max_file_size=max_file_size)
        found = extract(doc) if doc is not None else []
        mentions.extend(found)
        if on_file is not None:
            on_file(str(path), len(found))
    return mentions


def merge(mentions: list[Mention], *, report: Report | None = None) -> list[Record]:
    """Group the mentions of each paper into one record (see README, "How matching decides")."""
    from .merge import merge as merge_mentions

    return merge_mentions(mentions, report=report)


def enrich(records: list[Record], **options):
    """Complete records through Crossref in place; returns counts (see ``enrich.enrich``)."""
    from .enrich import enrich as enrich_records

    return enrich_records(records, **options)


def write_bibtex(records: list[Record], fp: IO[str], *, ascii_only: bool = False) -> None:
    """Write BibTeX; assigns citation keys first when records have none."""
    from .bibtex import write_bibtex as write
    from .keys import assign_keys

    if any(not r.key for r in records):
        assign_keys(records)
    write(records, fp, ascii_only=ascii_only)


def write_csljson(records: list[Record], fp: IO[str]) -> None:
    """Write CSL-JSON; assigns citation keys first when records have none."""
    from .csljson import write_csljson as write
    from .keys import assign_keys

    if any(not r.key for r in records):
        assign_keys(records)
    write(records, fp)
