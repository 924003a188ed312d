"""The public functions, one per stage; each imports its stage only when called."""
from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from typing import IO

from .models import Mention, Record, SharedValues, share_equal_values
from .report import Report

DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024  # keeps one file's extraction well under a minute

log = logging.getLogger("pubexport")


def read(paths: Iterable[str | os.PathLike], *, exclude: Iterable[str | os.PathLike] = (),
         max_file_size: int | None = DEFAULT_MAX_FILE_SIZE,
         on_start: Callable[[int], None] | None = None,
         on_file: Callable[[str, int | None], None] | None = None,
         workers: int | None = None, web=None) -> list[Mention]:
    """Read every profile page and bibliography under ``paths`` and return all mentions found.

    A path that is a URL (``https://...``) is fetched (see README, "Pages from the web"), politely
    and through the page cache as ``web`` (a ``pubexport.web.WebSettings``) says; pages
    are read after the files, in the order given, and a page that cannot be fetched is skipped
    with a warning like a file that cannot be read.

    Files that cannot be used (binary, PDF, over ``max_file_size`` bytes, unreadable, or one the
    extractor fails on) are skipped with a warning (logger ``pubexport``) and the rest is read.
    ``on_start(n)`` is called once the ``n`` files are known; ``on_file(path, found)`` after each
    file with the number of mentions it gave, or None when it was skipped (for progress and
    --verbose). Raises ``sources.InputError`` for a path that does not exist.

    Many files are read by ``workers`` processes (default: one per core); the result, its order
    and the warnings are the same as when read in this process.
    """
    from .gcpause import paused_gc
    from .sources import discover
    from .web import is_url

    paths = list(paths)
    urls = [p for p in paths if is_url(p)]
    files = [str(p) for p in discover([p for p in paths if not is_url(p)], exclude=exclude)]
    if on_start is not None:
        on_start(len(files) + len(urls))
    mentions: list[Mention] = []
    shared = SharedValues()  # each page's values are shared within it; here across pages
    with paused_gc():
        for path, found, warnings in _read_all(files, max_file_size, workers):
            for message in warnings:
                log.warning("%s", message)
            if found:
                mentions.extend(share_equal_values(found, shared))
            if on_file is not None:
                on_file(path, None if found is None else len(found))
        if urls:
            mentions.extend(share_equal_values(_read_urls(urls, web, max_file_size, on_file), shared))
    return mentions


def _read_urls(urls: list[str], web, max_file_size: int | None,
               on_file: Callable[[str, int | None], None] | None) -> list[Mention]:
    """Fetch and extract each page; the mentions come back in the order the URLs were given."""
    from .extract import extract
    from .web import fetch_documents

    found_by_url: dict[str, list[Mention]] = {}
    for url, doc in fetch_documents(urls, settings=web, max_file_size=max_file_size):
        found = _extract_or_warn(extract, doc) if doc is not None else None
        found_by_url[url] = found or []
        if on_file is not None:
            on_file(url, None if found is None else len(found))
    return [m for url in urls for m in found_by_url.pop(url, [])]


PARALLEL_MIN_FILES = 64  # below this, starting processes costs more than it saves
BATCH_FILES = 32


def _read_all(files: list[str], max_file_size: int | None, workers: int | None):
    """Yield (path, mentions or None, warnings) per file, in the order of ``files``."""
    workers = workers or os.cpu_count() or 1
    if workers < 2 or len(files) < PARALLEL_MIN_FILES:
        for path in files:
            yield _read_one(path, max_file_size)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    batches = [files[i:i + BATCH_FILES] for i in range(0, len(files), BATCH_FILES)]
    context = multiprocessing.get_context("fork" if _fork_is_safe() else "spawn")
    with ProcessPoolExecutor(max_workers=min(workers, len(batches)), mp_context=context,
                             initializer=_capture_warnings) as pool:
        for results in pool.map(_read_batch, batches, [max_file_size] * len(batches)):
            yield from results


def _fork_is_safe() -> bool:
    import threading

    return os.name == "posix" and threading.active_count() == 1


def _read_batch(paths: list[str], max_file_size: int | None) -> list:
    """In a worker process, forked with the collector paused: the readers' parse trees hold
    reference cycles, so the garbage of each batch is collected after it (left to pile up, it
    doubled a worker's memory at 100k mentions). With the collector paused nothing is promoted,
    so the youngest generation is exactly what the batch made: collecting it alone costs 1-2% of
    the reading, a full collection (every object the worker imported, each time) 15%."""
    import gc

    results = [_read_one(path, max_file_size) for path in paths]
    gc.collect(0)
    return results


def _read_one(path: str, max_file_size: int | None) -> tuple[str, list[Mention] | None, list[str]]:
    """Load and extract one file, returning the warnings it raised instead of printing them,
    so that a worker process's warnings reach the caller's logger in file order."""
    from pathlib import Path

    from .extract import extract
    from .sources import load

    captured = _CapturedWarnings.current
    if captured is not None:
        captured.messages = []
    doc = load(Path(path), max_file_size=max_file_size)
    found = _extract_or_warn(extract, doc) if doc is not None else None
    return path, found, captured.messages if captured is not None else []


class _CapturedWarnings(logging.Handler):
    """In a worker process: keep the library's warnings to send them back with the results."""

    current: _CapturedWarnings | None = None

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _capture_warnings() -> None:
    handler = _CapturedWarnings()
    _CapturedWarnings.current = handler
    log.handlers[:] = [handler]
    log.propagate = False
    log.setLevel(logging.WARNING)


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


def update(records: list[Record], path: str | os.PathLike, **options):
    """Bring the bibliography at ``path`` up to date with ``records``, keeping its keys and hand
    edits; returns what changed (see ``rerun.update`` and README, "Re-running")."""
    from .rerun import update as update_file

    return update_file(records, path, **options)


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
