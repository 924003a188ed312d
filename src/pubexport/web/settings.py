"""How pages are fetched: the politeness, timeouts and cache a run uses (no HTTP client here,
so that the command line can build one without importing it)."""
from __future__ import annotations

import os
from dataclasses import dataclass

from .. import __version__


@dataclass
class WebSettings:
    """How pages are fetched; the defaults are the polite ones the README documents."""

    delay: float = 1.0  # seconds between two requests to one host
    mailto: str | None = None  # put in the User-Agent so that a site's admin can reach you
    timeout: float = 30.0  # seconds without a byte before giving up (read timeout)
    connect_timeout: float = 10.0
    max_redirects: int = 5
    attempts: int = 3  # tries for an answer of 429 or 5xx
    backoff: float = 2.0  # seconds before the first retry, doubling (unless Retry-After says)
    cache_dir: str | os.PathLike | None = None  # None: the user cache folder
    use_cache: bool = True
    offline: bool = False  # answer from the cache only

    def user_agent(self) -> str:
        contact = f"; mailto:{self.mailto}" if self.mailto else ""
        return f"pubexport/{__version__} (publication lists from profile pages{contact})"
