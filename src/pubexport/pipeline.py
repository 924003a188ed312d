"""The public functions, one per stage; each imports its stage only when called."""
from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from typing import IO

from .models import Mention, Record
from .report import Report

DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024

log = logging.getLogger("pubexport")


def read(paths: Iterable[str | os.PathLike], *, exclude: Iterable[str | os.PathLike] = (),
         max_file_size: int | None = DEFAULT_MAX_FILE_SIZE,
         on_start: Callable[[int], None] | None = None,
         on_file: Callable[[str, int | None], None] | None = None) -> list[Mention]:
    """Read every profile page and bibliography under ``paths`` and return all mentions found.

    Files that cannot be used (binary, PDF, over ``max_file_size`` bytes, unreadable, or one the
    extractor fails on) are skipped with a warning (logger ``pubexport``) and the rest is read.
    ``on_start(n)`` is called once the ``n`` files are known; ``on_file(path, found)`` after each
    file with the number of mentions it gave, or None when it was skipped (for progress and
    --verbose). Raises ``sources.InputError`` for a path that does not exist.
    """
    from .extract import extract
    from .sources import discover, load

    files = list(discover(paths, exclude=exclude))
    if on_start is not None:
        on_start(len(files))
    mentions: list[Mention] = []
    for path in files:
        doc = load(path, max_file_size=max_file_size)
        found = _extract_or_warn(extract, doc) if doc is not None else None
        if found:
            mentions.extend(found)
        if on_file is not None:
            on_file(str(path), None if found is None else len(found))
    return mentions


def _extract_or_warn(extract, doc) -> list[Mention] | None:
    """Run the extractor on one document; a failure there costs that file, not the whole run."""
    try:
        return extract(doc)
    except Exception as err:  # noqa: BLE001 - a bug on one odd page must not lose the others
        log.warning("%s: internal error while reading it (%s: %s); skipped - please report this",
                    doc.path, type(err).__name__, err)
    return None


def merge(mentions: list[Mention], *, report: Report | None = None) -> list[Record]:
    """Group the mentions of each paper into one record (see README, "How matching decides")."""
    from .merging import merge as merge_mentions

    return merge_mentions(mentions, report=report)


def enrich(records: list[Record], **options):
    """Complete records through Crossref in place; returns counts (see ``enrich.enrich``)."""
    from .enrichment import enrich as enrich_records

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
