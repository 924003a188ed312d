"""Profile pages straight from the web: URLs are fetched politely (``fetch``), cached
(``cache``) and turned into the Document a saved file would have given (``content``), so that
the same readers and extractor see them. Every failure is a warning naming the URL and a skip.

Imported only when an input is a URL, so that reading files needs no HTTP client.
"""
from __future__ import annotations

import logging
import os
import re
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from urllib.parse import urldefrag, urlsplit

from ..models import Document
from ..sources import warn_binary, warn_too_large
from .settings import WebSettings

log = logging.getLogger("pubexport")

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def is_url(text: str | os.PathLike) -> bool:
    """Whether an input names a URL (``scheme://...``) rather than a path."""
    return isinstance(text, str) and bool(_URL.match(text))


def read_url_list(path: str | os.PathLike) -> list[str]:
    """The URLs listed in a text file (``-``: standard input), one a line; blank lines and ``#``
    comments (a line starting with ``#``, or `` #`` after a URL) are ignored, any other line is
    warned about."""
    if str(path) == "-":
        lines = sys.stdin.read().splitlines()
    else:
        with open(path, encoding="utf-8-sig", errors="replace") as fp:
            lines = fp.read().splitlines()
    urls = []
    for number, line in enumerate(lines, start=1):
        text = re.split(r"\s#", line, maxsplit=1)[0].strip()
        if not text or text.startswith("#"):
            continue
        if is_url(text):
            urls.append(text)
        else:
            log.warning("%s:%d: not a URL (%s); skipped", path, number, text[:80])
    return urls


def fetch_documents(urls: Iterable[str], *, settings: WebSettings | None = None,
                    max_file_size: int | None = None) -> Iterator[tuple[str, Document | None]]:
    """Yield (url, Document or None when it was skipped) for each distinct URL.

    Hosts take turns: the next URL fetched is one whose host may be asked soonest, so that the
    per-host delay costs little when pages come from many sites. The yield order is therefore
    not the given order.
    """
    from .fetch import Fetcher

    fetcher = Fetcher(settings or WebSettings(), max_file_size)
    try:
        for url in _take_turns(_distinct(urls), fetcher.pacer):
            yield url, _document(fetcher, url)
    finally:
        fetcher.close()


def _distinct(urls: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for url in urls:
        key = urldefrag(url).url
        if key not in seen:
            seen.add(key)
            out.append(url)
    return out


def _take_turns(urls: list[str], pacer) -> Iterator[str]:
    from .fetch import origin_of

    queues: dict[str, deque[str]] = {}
    for url in urls:
        queues.setdefault(origin_of(url), deque()).append(url)
    while queues:
        origin = min(queues, key=pacer.ready_at)  # ties: the host named first
        queue = queues[origin]
        yield queue.popleft()
        if not queue:
            del queues[origin]


def _document(fetcher, url: str) -> Document | None:
    """Fetch one URL into a Document; every way that can fail is a warning and None."""
    from .content import to_document
    from .fetch import FetchFailed, NotText, TooLarge

    problem = _unusable(url)
    if problem:
        log.warning("%s: %s; skipped", url, problem)
        return None
    try:
        page = fetcher.fetch(url)
    except FetchFailed as err:
        log.warning("%s: %s; skipped", url, err.reason)
        return None
    except NotText as err:
        warn_binary(url, err.what)
        return None
    except TooLarge as err:
        if err.size is not None:
            warn_too_large(url, err.size, fetcher.max_size)
        else:
            log.warning("%s: over the size limit of %s MB (--max-file-size); skipped",
                        url, f"{fetcher.max_size / 2**20:g}")
        return None
    except Exception as err:  # noqa: BLE001 - a bug on one odd site must not cost the other pages
        log.warning("%s: internal error while fetching it (%s: %s); skipped - please report this",
                    url, type(err).__name__, err)
        return None
    return to_document(url, page.body, page.content_type, final_url=page.url)


def _unusable(url: str) -> str | None:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as err:
        return f"not a valid URL ({err})"
    if parts.scheme.lower() not in ("http", "https"):
        return f"{parts.scheme}: URLs are not read (only http and https)"
    if not parts.hostname:
        return "no host name in the URL"
    return None
